// widget-lr-compare.js: the same start with three learning rates side by side (too small,
// about right, too large): three panels of the curve with their balls, one loss-vs-step
// chart, readouts per run, and plain words when a run blows up (lessons/05-learning-rate.md).
// A learner may type their own curve f(x) and its drawn range.
(function () {
  'use strict';
  const { el, fmt, nextId, prefersReducedMotion, onTap, Schema, goalNumber, field, checkbox, onCommit, parseNumber, typed, num,
    defineWidget, formulaBox } = window.DownhillWidgets;

  const P = Schema.WIDGETS['lr-compare'].params;
  const CURVES = {
    bowl: 'Bowl: f(x) = x²',
    course: 'Course curve: four valleys',
    steep: 'Steep bowl: f(x) = cosh x − 1',
  };
  // A curve's name in words (a typed one: its formula).
  const curveTitle = (s) => (s.curve === 'formula' ? `your curve f(x) = ${s.formula}` : CURVES[s.curve]);
  const curveName = (s) => (s.curve === 'formula' ? 'your curve' : CURVES[s.curve].split(':')[0].toLowerCase());
  const RUNS = ['Small', 'Medium', 'Large'];
  const KEYS = ['small', 'medium', 'large'];
  const GLYPHS = ['●', '■', '▲']; // the markers the canvas draws for each run (their colours: widgets.css)

  // A learning rate as typed: shortest form, small ones as powers of ten.
  const rate = (v) => (v < 1e-4 ? num(v, 0) : typed(v));

  defineWidget('lr-compare', {
    label: 'Learning rates side by side',
    className: 'dh-lr-compare',
    canvasLabel: 'Three runs of gradient descent (loading)',
    async mount(w) {
      const { values, canvas, figure, status } = w;

      // ---- markup ----
      const curveSelect = el('select', { id: nextId('curve'), class: 'dh-select' },
        ...Object.entries(CURVES).map(([k, t]) => el('option', { value: k }, t)),
        el('option', { value: 'formula' }, 'Your own curve (type it below)'));
      let c = null;
      const own = formulaBox(w, { vars: 1, what: 'curve', legend: 'Your own curve', example: 'x^4 - 3*x^2 + x',
        useText: 'Use this curve', backText: 'Back to the named curve', use: (t, lo, hi) => c.setFormula(t, lo, hi),
        onApply: () => api.setFormula(), onBack: () => api.setCurve(preset.curve) });
      const rateInputs = RUNS.map(() => el('input', { type: 'number', id: nextId('lr'), min: P.small.min, max: P.small.max,
        step: 'any', inputmode: 'decimal' }));
      const startInput = el('input', { type: 'number', id: nextId('start'), step: 0.1, inputmode: 'decimal' });
      const play = w.playButtons();
      const { input: logBox, box: logField } = checkbox('Log scale for the loss (distance above the lowest point)', values.log === 'on',
        w.hideClass('log'));

      // One card per run: its name, step, x, loss and what it is doing, in words.
      const cards = RUNS.map((name, i) => {
        const glyph = el('span', { class: 'dh-glyph', 'aria-hidden': 'true' }, GLYPHS[i] + ' ');
        const title = el('span', {}, `${name} learning rate`);
        const head = el('h3', { class: 'dh-ro-label dh-card-head', id: nextId('run') }, glyph, title);
        const value = (label) => ({ dt: el('dt', {}, label), dd: el('dd', { class: 'dh-ro-value' }, '—') });
        const v = { step: value('Step'), x: value('x'), loss: value('Loss') };
        const dl = el('dl', { class: 'dh-card-values' }, v.step.dt, v.step.dd, v.x.dt, v.x.dd, v.loss.dt, v.loss.dd);
        const note = el('p', { class: 'dh-run-note' });
        const box = el('section', { class: 'dh-ro dh-card', 'aria-labelledby': head.id, 'data-run': KEYS[i] }, head, dl, note);
        return { box, glyph, title, v, note };
      });

      const curveField = field('Curve', curveSelect, 'dh-field-wide' + w.hideClass('curve')); // the select shrinks with it on phones
      const controls = el('div', { class: 'dh-controls' },
        curveField,
        ...rateInputs.map((inp, i) => field(`${RUNS[i]} learning rate`, inp, w.hideClass('rates'))),
        field('Start position', startInput, w.hideClass('start')),
        play.box);
      const readouts = el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...cards.map((c) => c.box));
      w.layout([figure, w.message, controls, logField, own.box, readouts, el('div', { class: w.hideClass('text').trim() }, status), w.narrator],
        [curveSelect, ...rateInputs, startInput, play.step, play.play, play.reset, logBox, ...own.inputs]);

      // ---- module ----
      const M = await w.module();
      c = new M.LrCompare();
      // The named curve's suggested start and rates (values() leaves those out); on a typed
      // curve, the start it moved to.
      let preset = null;
      const loadCurve = (name) => {
        if (name !== undefined) c.setCurve(name);
        const s = c.state();
        preset = name === undefined ? { ...preset, start: s.start }
          : { curve: name, start: s.start, rates: s.runs.map((r) => r.learningRate) };
        if (name !== undefined) own.note.textContent = '';
        curveSelect.value = s.curve;
        startInput.min = String(s.lo);
        startInput.max = String(s.hi);
      };
      loadCurve(values.curve);
      // A formula from a link: a bad one leaves the named curve, with the reason shown.
      if (values.formula && !own.fromLink(`the ${CURVES[values.curve].split(':')[0].toLowerCase()}`)) loadCurve();
      const speed = prefersReducedMotion() ? 2 : 6;
      c.setSpeed(speed);
      // Settings from the placement or the URL: the curve's range decides what start fits.
      KEYS.forEach((k, i) => { if (values[k] !== null) c.setLearningRate(i, values[k]); });
      if (values.start !== null) {
        const s = c.state();
        const x = Math.min(s.hi, Math.max(s.lo, values.start));
        if (x !== values.start) w.notes.push(`This curve is drawn from ${s.lo} to ${s.hi}, so the start moved to ${x}.`);
        c.setStart(x);
      }
      c.setLogScale(logBox.checked);
      w.showNotes();

      // A teacher's challenge (goalLoss, goalSteps): a medium learning rate that brings the loss
      // below goalLoss within goalSteps steps, on the curve and from the start the link sets.
      const goal = w.goal && { loss: w.goal.target, steps: w.goal.limit, curve: c.state().curve, start: c.state().start,
        words: curveName(c.state()) };
      const goalLine = w.challenge(goal && {
        task: `find a medium learning rate that brings the loss below ${goalNumber(goal.loss)} within ${goal.steps} steps ` +
          `on the ${goal.words} from x = ${goalNumber(goal.start)}`,
        goal: `below ${goalNumber(goal.loss)} within ${goal.steps}`,
        limit: goal.steps, unit: 'steps', retry: 'Try another medium learning rate.',
      });

      const aspectFor = (width) => (width < 560 ? 1.2 : 0.46);
      w.show(c, { width: 640, height: 300, draw: 'showLrCompare', aspect: () => aspectFor(figure.clientWidth || 640) });

      // ---- reading the runs ----
      const nearestMinimum = (x) => {
        let best = null;
        for (const m of c.minima()) if (!best || Math.abs(m.x - x) < Math.abs(best.x - x)) best = m;
        return best;
      };
      // What run i is doing, in a sentence or two.
      const explain = (s, i) => {
        const r = s.runs[i];
        const eta = `η = ${rate(r.learningRate)}`;
        const lower = rate(r.learningRate / 100);
        const pct = (p) => `${fmt(Math.max(0, Math.min(100, p * 100)), 0)}%`;
        switch (r.trend) {
          case 'waiting': return `Ready at x = ${num(r.x, 3)} with ${eta}. Press Step or Play.`;
          case 'creeping':
            return `Creeping: after ${r.step} steps it has covered only ${pct(r.progress)} of the way down. ` +
              'A learning rate this small makes training take forever.';
          case 'descending':
            return r.progress >= 0.995
              ? `Almost at the bottom after ${r.step} steps; the steps shrink as the slope flattens.`
              : `Heading downhill steadily: ${pct(r.progress)} of the way down after ${r.step} steps.`;
          case 'overshooting': {
            const l = c.losses(i);
            const n = l.length;
            let trend = '';
            if (n >= 3) {
              const a = l[n - 3], b = l[n - 1];
              trend = b < a - 1e-12 * Math.abs(a) ? ' The bounces shrink, so it still gets down, slowly.'
                : b > a + 1e-12 * Math.abs(a) ? ' The bounces grow: it is moving away from the bottom.'
                  : ' It is stuck bouncing between the same two points.';
            }
            return `Overshooting: each step jumps past the bottom to the other side of the valley (${eta} is too large here).${trend}`;
          }
          case 'left-view':
            return `Thrown off the drawn curve: x = ${num(r.x, 2)} and the loss is ${num(r.loss, 2)}. ` +
              `The learning rate is far too large; lower it, e.g. from ${rate(r.learningRate)} to ${lower}, and restart.`;
          case 'settled': {
            const m = nearestMinimum(r.x);
            const where = (s.curve === 'course' || (s.curve === 'formula' && c.minima().length > 1)) && m ? `in the valley at x ≈ ${num(m.x, 3)}` : 'at the bottom';
            return `Settled ${where} after ${r.stoppedAt} steps.`;
          }
          case 'left-domain':
            return `Stopped at step ${r.stoppedAt}: its next step would land where the curve is not defined (${r.domainMessage}). ` +
              `Lower the learning rate, e.g. from ${rate(r.learningRate)} to ${lower}, or move the start, and restart.`;
          case 'diverged': {
            const head = Number.isFinite(r.loss)
              ? `Blew up at step ${r.stoppedAt}: x passed a million (x = ${num(r.x, 2)}) and the loss reached ${num(r.loss, 2)}, ` +
                'growing without limit towards infinity, where the numbers turn into NaN, “not a number”.'
              : `The loss became infinite at step ${r.stoppedAt} (x = ${num(r.x, 2)}); one or two more updates would make x itself NaN, “not a number”.`;
            return `${head} The learning rate is too large; lower it, e.g. from ${rate(r.learningRate)} to ${lower}, and restart.`;
          }
          default: return '';
        }
      };
      const summary = (s) => {
        if (s.ticks === 0) return `Three balls start at x = ${num(s.start, 3)} on the ${curveName(s)}. Each takes steps of its learning rate times the slope.`;
        const blown = s.runs.map((r, i) => (r.status === 'diverged' ? RUNS[i] : null)).filter(Boolean);
        const head = `After ${s.ticks} steps.`;
        if (!s.running) return `${head} Every run has stopped${blown.length ? ` (${blown.join(' and ').toLowerCase()} blew up)` : ''}. Change a setting or press Reset.`;
        return s.playing ? `${head} Playing…` : head;
      };
      // The challenge, checked on every step of the medium run's history (a fast Play takes
      // several steps per frame), up to the goal's step limit.
      let goalScanned = -1; // the medium run's step when its history was last read
      const checkGoal = (s) => {
        const r = s.runs[1];
        const elsewhere = s.curve !== goal.curve || s.start !== goal.start
          ? 'This run does not count: go back to that curve and start.' : '';
        let reached = null;
        if (!elsewhere && !goalLine.met() && (r.step <= goal.steps || goalScanned < goal.steps || r.step < goalScanned)) {
          const l = c.losses(1);
          const first = r.step + 1 - l.length; // the step of l[0] (a long run keeps only its newest steps)
          for (let k = Math.max(0, first); k <= Math.min(r.step, goal.steps); k++) {
            if (l[k - first] < goal.loss) {
              reached = `The medium run (η = ${rate(r.learningRate)}) reached a loss of ${num(l[k - first], 4)} in ${k} steps`;
              break;
            }
          }
          goalScanned = r.step;
        }
        goalLine.update({
          count: r.step, reached, elsewhere,
          ended: r.status === 'diverged' ? `the medium run blew up at step ${r.stoppedAt}`
            : r.status === 'settled' ? `the medium run settled at a loss of ${num(r.loss, 4)} after ${r.stoppedAt} steps` : '',
        });
      };

      let wasPlaying = false;
      let lastStatus = ['', '', ''];
      const refresh = w.refresher(() => c.state(), (s, narrate) => {
        const events = [];
        s.runs.forEach((r, i) => {
          const card = cards[i];
          card.title.textContent = `${RUNS[i]} learning rate (η = ${rate(r.learningRate)})`;
          card.v.step.dd.textContent = String(r.step);
          card.v.x.dd.textContent = num(r.x, 4);
          card.v.loss.dd.textContent = num(r.loss, 4);
          card.note.textContent = explain(s, i);
          card.note.classList.toggle('dh-message', r.status === 'diverged' || r.status === 'left-domain' || r.trend === 'left-view');
          if (r.status !== lastStatus[i] && r.status !== 'running') events.push(`${RUNS[i]} learning rate: ${card.note.textContent}`);
          lastStatus[i] = r.status;
          if (document.activeElement !== rateInputs[i]) rateInputs[i].value = typed(r.learningRate);
        });
        if (document.activeElement !== startInput) startInput.value = String(Math.round(s.start * 1000) / 1000);
        if (goal) checkGoal(s);
        w.showPlaying(s.playing);
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + summary(s);
        canvas.setAttribute('aria-label', `Three panels of the ${curveTitle(s)} curve, one ball each, over a chart of loss per step. ` +
          s.runs.map((r, i) => `${RUNS[i]} (η = ${rate(r.learningRate)}): ` +
            (r.status === 'diverged' ? `blew up at step ${r.stoppedAt}` : `x = ${num(r.x, 2)}, loss ${num(r.loss, 2)} after ${r.step} steps`)).join('; ') + '.');
        if (narrate) {
          w.say(`Step ${s.ticks}. ` + s.runs.map((r, i) => `${RUNS[i]}: ` +
            (r.status === 'diverged' ? 'blew up' : `x ${num(r.x, 3)}, loss ${num(r.loss, 3)}`)).join('. ') + '.');
        } else if (events.length) {
          w.say(events.join(' '));
        }
        if (!s.playing && wasPlaying && !narrate) w.say(events.length ? events.join(' ') + ' ' + summary(s) : summary(s));
        wasPlaying = s.playing;
      });
      w.animate(refresh);
      refresh(true);

      // ---- controls ----
      const setRate = (i, v) => {
        const n = parseNumber(v);
        const now = c.state().runs[i].learningRate;
        if (!Number.isFinite(n)) {
          w.showMessage(`The ${RUNS[i].toLowerCase()} learning rate must be a number (like 0.01 or 1e-5); it stays at ${rate(now)}.`);
          rateInputs[i].value = typed(now);
          return false;
        }
        const x = Math.min(P.small.max, Math.max(P.small.min, n));
        w.showMessage(x !== n ? `Learning rates here go from 0.0000001 to 10, so ${String(v).slice(0, 16)} became ${rate(x)}.` : '');
        c.setLearningRate(i, x);
        rateInputs[i].value = typed(x);
        refresh(true);
        return true;
      };
      const setStart = (v) => {
        const n = parseNumber(v);
        const s = c.state();
        if (!Number.isFinite(n)) {
          w.showMessage(`Enter a start position as a number between ${s.lo} and ${s.hi}; it stays at ${num(s.start, 3)}.`);
          startInput.value = String(s.start);
          return false;
        }
        const x = Math.min(s.hi, Math.max(s.lo, n));
        w.showMessage(x !== n ? `This curve is drawn from ${s.lo} to ${s.hi}, so the start moved to ${x}.` : '');
        c.setStart(x);
        startInput.value = String(Math.round(x * 1000) / 1000);
        refresh(true);
        return true;
      };
      const api = {
        setCurve(name) {
          if (name === 'formula') return api.setFormula() === '';
          if (!Object.prototype.hasOwnProperty.call(CURVES, name)) { w.showMessage(`There is no curve called “${String(name).slice(0, 30)}”.`); return false; }
          loadCurve(name);
          w.showMessage('');
          refresh(true);
          return true;
        },
        // Your own curve over [xMin, xMax] (text or range left out: as typed; text '': the
        // named curve). Returns '' when the runs are on it, else the reason (naming the
        // position in the formula), shown as text; the runs then stay as they were.
        setFormula(text, xMin, xMax) {
          const why = own.apply(text, [xMin, xMax]);
          if (why) { refresh(true); return why; }
          const s = c.state();
          if (!s.formula) { api.setCurve(preset.curve); return ''; }
          loadCurve();
          own.show({ xMin: s.lo, xMax: s.hi });
          const n = c.minima().length;
          own.note.textContent = `Your curve, drawn from ${s.lo} to ${s.hi}: ${n === 0 ? 'no valley' : n === 1 ? 'one valley' : n + ' valleys'}. ` +
            `The balls start at x = ${typed(s.start)}.`;
          w.showMessage('');
          lastStatus = ['', '', ''];
          refresh(true);
          w.say(own.note.textContent);
          return '';
        },
        setLearningRate: setRate,
        setStart,
        step() {
          if (!c.step()) w.say('Every run has stopped. Change a setting or press Reset.');
          refresh(true);
        },
        reset() { c.reset(); w.showMessage(''); lastStatus = ['', '', '']; refresh(true); },
        play(on) {
          const want = on === undefined ? !c.state().playing : !!on;
          c.setPlaying(want);
          if (want && !c.state().playing) w.say('Every run has stopped. Change a setting or press Reset.');
          refresh(false);
          wasPlaying = c.state().playing;
        },
        setLogScale(on) { logBox.checked = !!on; c.setLogScale(!!on); refresh(false); },
      };
      // The settings that reproduce what the learner sees (for links and embeds): a start or
      // rate the curve suggests is left out.
      const unlessPreset = (i) => (s) => (s.runs[i].learningRate === preset.rates[i] ? null : s.runs[i].learningRate);
      w.settings(() => c.state(), {
        curve: (s) => (s.formula ? preset.curve : s.curve), formula: 'formula',
        xMin: (s) => (s.formula ? s.lo : P.xMin.default), xMax: (s) => (s.formula ? s.hi : P.xMax.default),
        start: (s) => (s.start === preset.start ? null : s.start), log: (s) => (s.logScale ? 'on' : 'off'),
        small: unlessPreset(0), medium: unlessPreset(1), large: unlessPreset(2),
      });
      curveSelect.addEventListener('change', () => api.setCurve(curveSelect.value));
      rateInputs.forEach((inp, i) => onCommit(inp, (v) => setRate(i, v)));
      onCommit(startInput, setStart);
      logBox.addEventListener('change', () => api.setLogScale(logBox.checked));
      // A click or tap on a panel starts all three balls there.
      onTap(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        const x = c.xFromCanvas(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (Number.isFinite(x)) setStart(Math.round(x * 100) / 100);
      });
      return api;
    },
  });
})();
