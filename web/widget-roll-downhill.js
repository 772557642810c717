// widget-roll-downhill.js: the Roll Downhill simulator: a ball doing gradient descent
// on the course curve, with learning-rate and start controls, Step / Play / Reset, and
// readouts of step, position, loss and gradient (lessons/04-gradient-descent.md). A learner
// may type their own curve f(x) and its drawn range: the engine's C++ parser reads it (no
// script is ever made from it) and every message about it is shown as text.
(function () {
  'use strict';
  const { el, fmt, nextId, prefersReducedMotion, onTap, Schema, slider, readout, field, checkbox, onCommit, parseNumber,
    defineWidget, formulaBox } = window.DownhillWidgets;

  const LR = Schema.WIDGETS['roll-downhill'].params.lr;

  const SPEED = Schema.WIDGETS['roll-downhill'].params.speed;
  const stepsPerSecond = (v) => (v === 'max' ? Infinity : Number(v));

  defineWidget('roll-downhill', {
    label: 'Roll Downhill simulator',
    canvasLabel: 'Loss curve with the ball (loading)',
    async mount(w) {
      const { values, canvas, status } = w;

      // ---- markup ----
      const lr = slider('Learning rate', { min: LR.min, max: LR.max, step: 0.01, value: values.lr }, values.lr.toFixed(2), w.hideClass('lr'));
      const startInput = el('input', { type: 'number', id: nextId('start'), min: values.xMin, max: values.xMax, step: 0.1,
        value: values.start, inputmode: 'decimal' });
      // Your own curve: the formula and its drawn range, applied with Enter or the button.
      let run = null;
      const own = formulaBox(w, { vars: 1, what: 'curve', legend: 'Your own curve', example: 'x^4 - 3*x^2 + x',
        useText: 'Use this curve', backText: 'Lesson’s curve', use: (t, lo, hi) => run.setFormula(t, lo, hi),
        onApply: () => api.setFormula(), onBack: () => api.setFormula('', -5, 5) });
      const play = w.playButtons();
      // Play speed: steps per second, or as fast as the browser draws (a thousand steps in seconds).
      const speedSelect = el('select', { id: nextId('speed'), class: 'dh-select' },
        ...SPEED.values.map((v) => el('option', { value: v }, v === 'max' ? 'As fast as possible' : `${v} per second`)));
      speedSelect.value = values.speed;
      const ro = { step: readout('Step'), x: readout('Position x'), loss: readout('Loss f(x)'), grad: readout('Gradient f′(x)') };
      const { input: mapBox, box: mapField } = checkbox('Show the map of every start and learning rate (0.01 to 0.30; click a cell to replay its run)',
        values.map === 'on', w.hideClass('map'));
      const legend = el('ul', { class: 'dh-legend', hidden: true, 'aria-label': 'Map colours' });
      const mapNote = el('p', { class: 'dh-status dh-map-note', hidden: true });
      const controls = el('div', { class: 'dh-controls' },
        lr.box,
        field('Start position', startInput, w.hideClass('start')),
        play.box,
        field('Speed', speedSelect, w.hideClass('play')));
      const readouts = el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ro.step.box, ro.x.box, ro.loss.box, ro.grad.box);
      w.layout([w.figure, legend, w.message, controls, mapField, own.box, readouts, status, mapNote, w.narrator],
        [play.step, play.play, play.reset, speedSelect, lr.input, startInput, mapBox, ...own.inputs]);
      // A teacher's challenge (goalLoss, goalSteps in the URL): checked after every step.
      const goal = w.goal && { loss: w.goal.target, steps: w.goal.limit };
      const goalLine = w.challenge(goal && {
        task: `bring the loss below ${fmt(goal.loss, 3)} within ${goal.steps} steps`,
        goal: `below ${fmt(goal.loss, 3)} within ${goal.steps}`,
        limit: goal.steps, unit: 'steps', retry: 'Change the start or the learning rate and press Reset.',
      });

      // ---- module ----
      const M = await w.module();
      run = new M.RollDownhill();
      run.setLearningRate(values.lr);
      // A formula from a link: a bad one leaves the lesson's curve, with the reason shown.
      own.fromLink('the lesson’s curve');
      const inRange = (x) => Math.min(run.state().xMax, Math.max(run.state().xMin, x));
      try { run.setStart(inRange(values.start)); } catch (e) { // where a typed curve is not defined
        w.showMessage(`${e.message} The ball starts at ${fmt(run.state().start, 2)} instead.`);
      }
      // Fewer jumps of the ball per second when the learner asked for less motion (unless
      // the link or the learner chose a speed).
      const given = new URLSearchParams(w.root.getAttribute('data-params') || '').has('speed');
      run.setSpeed(prefersReducedMotion() && !given && values.speed === SPEED.default ? 1.5 : stepsPerSecond(values.speed));
      let minima = run.minima();
      w.show(run, { width: 640, height: 320, draw: 'showRoll', aspect: () => (mapBox.checked ? 0.85 : 0.5) });
      // The map: one colour per valley, plus grey (left the curve), dark (never settled), red (blew up).
      const valleyName = (m, k) => `valley at x ≈ ${fmt(m.x, 2)}`;
      const fillLegend = () => {
        const items = minima.map((m, k) => [`dh-swatch-${k}`, valleyName(m, k)]);
        items.push(['dh-swatch-left', 'left the drawn curve'], ['dh-swatch-none', 'never settled (keeps bouncing)'], ['dh-swatch-blown', 'blew up']);
        legend.replaceChildren(...items.map(([cls, text]) => el('li', {}, el('span', { class: 'dh-swatch ' + cls, 'aria-hidden': 'true' }), text)));
      };
      const setMap = (on) => {
        run.showMap(on);
        legend.hidden = !on;
        mapNote.hidden = !on;
        if (on && !legend.childElementCount) fillLegend();
        w.refit();
        refresh(true);
      };
      const describeCell = (s) => {
        if (s.learningRate > 0.3 + 1e-9) return `The map covers learning rates up to 0.30; at η = ${fmt(s.learningRate, 2)} the ball overshoots every valley.`;
        const cell = run.mapCell(s.start, s.learningRate);
        if (!cell) return '';
        const head = `The map, at start ${fmt(s.start, 2)} and η = ${fmt(s.learningRate, 2)}: `;
        if (typeof cell.outcome === 'number') return head + `the ball settles in the ${valleyName(minima[cell.outcome])} within ${cell.steps} steps.`;
        if (cell.outcome === 'left-range') return head + `the ball jumps off the drawn curve at step ${cell.steps}.`;
        if (cell.outcome === 'diverged') return head + `the run blows up at step ${cell.steps}.`;
        return head + 'the ball never settles in 300 steps: it keeps bouncing.';
      };
      // ---- reading the run ----
      // The status line reads the run as a whole (the core's reading of its recent steps).
      const explain = (s) => {
        const eta = s.learningRate;
        if (s.phase === 'blew-up')
          return `The run blew up at step ${s.stoppedAt}: the position grew without bound, so the loss is no longer a number. Lower the learning rate and press Reset.`;
        if (s.phase === 'left-curve')
          return `At step ${s.stoppedAt} the ball jumped past the edge of the drawn curve: with η = ${fmt(eta, 2)} one step crosses whole valleys. Lower the learning rate and press Reset.`;
        if (s.status === 'left-domain')
          return `At step ${s.stoppedAt} the ball reached a point where the curve is not defined: ${s.domainMessage}. Change the start or the learning rate and press Reset.`;
        if (s.phase === 'ready') return `Ready at x = ${fmt(s.x, 3)}. Press Step to take one step against the slope.`;
        const m = minima[s.valley];
        const global = m && minima.every((o) => o.f >= m.f);
        const where = m ? `the valley at x ≈ ${fmt(m.x, 2)}${global ? ' (the global minimum)' : ' (a local minimum)'}` : 'a slope with no valley below it';
        const lim = m ? m.maxStableLearningRate : NaN;
        if (s.phase === 'settled') return `Settled in ${where} after ${s.step} steps.`;
        if (s.phase === 'jumping')
          return `Jumping between valleys: the last steps landed in ${s.valleys} different valleys. At η = ${fmt(eta, 2)} one step can throw the ball over a ridge; lower it to stay in one valley.`;
        if (s.phase === 'bouncing')
          return `Bouncing in ${where} without settling: η = ${fmt(eta, 2)} is ${eta > lim ? 'above' : 'close to'} 2 / f″ ≈ ${fmt(lim, 3)} for this valley, so each step overshoots the bottom.`;
        if (s.phase === 'settling')
          return `Settling into ${where}: each step brings the ball closer to the bottom${eta > lim / 2 ? ', overshooting it less each time' : ''}.`;
        return s.gradient > 0 ? `Rolling downhill toward ${where}: the slope is positive, so the step moves the ball left.`
          : `Rolling downhill toward ${where}: the slope is negative, so the step moves the ball right.`;
      };
      const refresh = w.refresher(() => run.state(), (s, narrate) => {
        ro.step.out.textContent = String(s.step);
        ro.x.out.textContent = fmt(s.x, 4);
        ro.loss.out.textContent = fmt(s.loss, 4);
        ro.grad.out.textContent = fmt(s.gradient, 4);
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + explain(s);
        if (!mapNote.hidden) mapNote.textContent = describeCell(s);
        if (goal) {
          goalLine.update({
            count: s.step,
            reached: s.step <= goal.steps && s.loss < goal.loss ? `You reached a loss of ${fmt(s.loss, 4)} in ${s.step} steps` : null,
            ended: s.status === 'settled' ? `the ball settled at a loss of ${fmt(s.loss, 4)} after ${s.step} steps`
              : s.status === 'out-of-view' ? `the ball left the drawn curve at step ${s.stoppedAt}`
                : s.status === 'diverged' ? `the run blew up at step ${s.stoppedAt}` : '',
          });
        }
        w.showPlaying(s.playing);
        lr.output.textContent = s.learningRate.toFixed(2);
        canvas.setAttribute('aria-label',
          `Loss curve f(x) with the ball at x = ${fmt(s.x, 2)}, loss ${fmt(s.loss, 2)}, after ${s.step} steps from x = ${fmt(s.start, 2)}.`);
        if (narrate || !s.playing)
          w.say(`Step ${s.step}: x ${fmt(s.x, 3)}, loss ${fmt(s.loss, 3)}, gradient ${fmt(s.gradient, 3)}.`);
      });
      w.animate(refresh);
      refresh(true);

      // ---- controls ----
      const api = {
        run,
        // Learning rate from any caller: clamped to the slider's range, refused if not a number.
        setLearningRate(v) {
          const n = parseNumber(v);
          if (!Number.isFinite(n)) { w.showMessage('The learning rate must be a number; it stays at ' + run.state().learningRate.toFixed(2) + '.'); return false; }
          const c = Math.min(LR.max, Math.max(LR.min, Math.round(n * 100) / 100));
          w.showMessage(c !== n && Math.abs(c - n) > 1e-9 && (n < LR.min || n > LR.max)
            ? `A learning rate of ${String(n).slice(0, 12)} is outside ${LR.min}–${LR.max}; using ${c.toFixed(2)}.` : '');
          run.setLearningRate(c);
          lr.input.value = String(c);
          refresh(true);
          return true;
        },
        // Start position from any caller: clamped to the drawn range, refused if not a number.
        setStart(v) {
          const n = parseNumber(v);
          const START = { min: run.state().xMin, max: run.state().xMax };
          if (!Number.isFinite(n)) {
            w.showMessage(`Enter a start position as a number between ${START.min} and ${START.max}; it stays at ${fmt(run.state().start, 2)}.`);
            startInput.value = String(run.state().start);
            startInput.dataset.committed = startInput.value;
            return false;
          }
          const c = Math.min(START.max, Math.max(START.min, n));
          try { run.setStart(c); } catch (e) { // where a typed curve is not defined
            w.showMessage(`${e.message} The start stays at ${fmt(run.state().start, 2)}.`);
            startInput.value = String(run.state().start);
            startInput.dataset.committed = startInput.value;
            return false;
          }
          w.showMessage(c !== n ? `The curve is drawn from ${START.min} to ${START.max}, so the start moved to ${c}.` : '');
          startInput.value = String(Math.round(c * 1000) / 1000);
          startInput.dataset.committed = startInput.value;
          refresh(true);
          return true;
        },
        step() { run.step(); refresh(true); },
        reset() { run.reset(); w.showMessage(''); refresh(true); },
        play(on) { run.setPlaying(on === undefined ? !run.state().playing : !!on); refresh(true); },
        // Play speed: one of the schema's speeds ('1' ... '60' steps per second, or 'max').
        setSpeed(v) {
          const name = String(v);
          if (!SPEED.values.includes(name)) return false;
          speedSelect.value = name;
          run.setSpeed(stepsPerSecond(name));
          refresh(true);
          return true;
        },
        showMap(on) { mapBox.checked = !!on; setMap(!!on); },
        // Your own curve over [xMin, xMax] (text '' : the lesson's curve; text or range left
        // out: as typed). Returns '' when the curve is used, else the reason (naming the
        // position in the formula), shown as text.
        setFormula(text, xMin, xMax) {
          const why = own.apply(text, [xMin, xMax]);
          if (why) return why;
          const t = run.state().formula;
          const s = run.state();
          own.show(s);
          startInput.min = String(s.xMin);
          startInput.max = String(s.xMax);
          startInput.value = String(Math.round(s.start * 1000) / 1000);
          startInput.dataset.committed = startInput.value;
          minima = run.minima();
          legend.replaceChildren();
          if (mapBox.checked) fillLegend();
          own.note.textContent = t ? `Your curve, drawn from ${s.xMin} to ${s.xMax}: ${minima.length === 0 ? 'no valley'
            : minima.length === 1 ? 'one valley' : minima.length + ' valleys'} (marked by triangles).` : '';
          w.showMessage('');
          refresh(true);
          return '';
        },
      };
      // The settings that reproduce what the learner sees (for links and embeds).
      w.settings(() => run.state(), { start: 'start', lr: 'learningRate', map: () => (mapBox.checked ? 'on' : 'off'),
        formula: 'formula', xMin: 'xMin', xMax: 'xMax', speed: () => speedSelect.value });
      speedSelect.addEventListener('change', () => api.setSpeed(speedSelect.value));
      lr.input.addEventListener('input', () => api.setLearningRate(Number(lr.input.value)));
      onCommit(startInput, (v) => api.setStart(v));
      onTap(canvas, (e) => {
        // A teacher who hides the start (a challenge from a fixed start) fixes it for clicks too.
        if (w.hides('start')) return;
        const r = canvas.getBoundingClientRect();
        // On the map: replay that cell's run (its start and learning rate, from step 0).
        const cell = run.mapCellAt(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (cell) {
          api.setLearningRate(Math.round(cell.learningRate * 100) / 100);
          api.setStart(Math.round(cell.start * 100) / 100);
          api.play(true);
          return;
        }
        const x = run.xFromCanvas((e.clientX - r.left) / r.width, r.width, r.height);
        if (Number.isFinite(x)) api.setStart(Math.round(x * 100) / 100);
      });
      mapBox.addEventListener('change', () => setMap(mapBox.checked));
      if (mapBox.checked) setMap(true);
      return api;
    },
  });
})();
