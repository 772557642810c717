// widget-optimizer-race.js: optimizers racing on one surface from one start: pick the
// racers and the surface, click the map (or type x and y) to set the start, then Play.
// A coloured trail per racer, a loss-vs-step chart, a legend and readouts per racer
// (lessons/06-local-minima-optimizers.md). A learner may race on their own surface f(x, y).
(function () {
  'use strict';
  const { el, nextId, prefersReducedMotion, onTap, Schema, goalNumber, field, checkbox, onCommit, parseNumber, typed, num,
    defineWidget, formulaBox } = window.DownhillWidgets;

  const P = Schema.WIDGETS['optimizer-race'].params;
  // In the order the page lists them; markers as src/views/race_view.cpp draws them (their
  // colours: widgets.css, by the data-glyph attribute).
  const RACERS = {
    gd: { name: 'Gradient descent', glyph: '●' },
    momentum: { name: 'Momentum', glyph: '▲' },
    nesterov: { name: 'Nesterov', glyph: '◆' },
    adagrad: { name: 'AdaGrad', glyph: '▼' },
    rmsprop: { name: 'RMSProp', glyph: '⬢' },
    adam: { name: 'Adam', glyph: '✚' },
    sgd: { name: 'SGD with noise', glyph: '■' },
  };
  const ORDER = P.optimizers.values;
  const SURFACES = {
    ravine: 'Ravine: a long, narrow valley',
    rosenbrock: 'Rosenbrock: a curved banana valley',
    himmelblau: 'Himmelblau: four minima',
    lesson: 'Lesson: a global and a local minimum',
    saddle: 'Saddle: no minimum at all',
    bowl: 'Bowl: one round minimum',
  };
  // A surface's name in words (a typed one: its formula).
  const surfaceTitle = (s) => (s.surface === 'formula' ? `typed f(x, y) = ${s.formula}` : SURFACES[s.surface]);
  const SPEEDS = { slow: 8, normal: 30, fast: 120 };
  // Each racer's own learning rate in the URL: lrGd, lrMomentum, ...
  const OWN_LR = { gd: 'lrGd', momentum: 'lrMomentum', nesterov: 'lrNesterov', adagrad: 'lrAdagrad', rmsprop: 'lrRmsprop', adam: 'lrAdam', sgd: 'lrSgd' };

  defineWidget('optimizer-race', {
    label: 'Optimizer race',
    className: 'dh-race',
    canvasLabel: 'Map of the surface with the racers (loading)',
    async mount(w) {
      const { values, canvas, figure, status } = w;

      // ---- markup ----
      const legend = el('ul', { class: 'dh-legend', 'aria-label': 'Legend' });
      const numberInput = (attrs) => el('input', Object.assign({ type: 'number', id: nextId('n'), step: 'any', inputmode: 'decimal' }, attrs));

      // Optimizer check boxes, each with its colour and marker.
      const boxes = {};
      const picks = el('fieldset', { class: 'dh-field dh-plain-set dh-race-picks' + w.hideClass('optimizers') },
        el('legend', {}, 'Optimizers in the race'),
        ...ORDER.map((k) => {
          const box = el('input', { type: 'checkbox', id: nextId('opt'), value: k });
          boxes[k] = box;
          const g = el('span', { 'aria-hidden': 'true', 'data-glyph': k }, RACERS[k].glyph);
          return el('div', { class: 'dh-check' }, box, el('label', { for: box.id }, g, ' ', RACERS[k].name));
        }));

      const surfaceSelect = el('select', { id: nextId('surface'), class: 'dh-select' },
        ...Object.entries(SURFACES).map(([k, t]) => el('option', { value: k }, t)),
        el('option', { value: 'formula' }, 'Your own surface (type it below)'));
      let race = null;
      const own = formulaBox(w, { vars: 2, what: 'surface', legend: 'Your own surface', example: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
        useText: 'Race on this surface', backText: 'Back to the named surface', use: (t, ...r) => race.setFormula(t, ...r),
        onApply: () => api.setFormula(), onBack: () => api.setSurface(suggested.named) });
      const lrInput = numberInput({ min: P.lr.min, max: P.lr.max });
      // Each racer at its own rate (tuned for it on this surface, or typed on its card), or one for all.
      const ratesSelect = el('select', { id: nextId('rates'), class: 'dh-select' },
        el('option', { value: 'own' }, 'Each its own (tuned: a fair race)'), el('option', { value: 'shared' }, 'One for every racer'));
      const sharedField = field('Learning rate for every racer', lrInput, 'dh-race-shared' + w.hideClass('lr'));
      const xInput = numberInput({});
      const yInput = numberInput({});
      const speedSelect = el('select', { id: nextId('speed'), class: 'dh-select' },
        el('option', { value: 'slow' }, 'Slow'), el('option', { value: 'normal' }, 'Normal'), el('option', { value: 'fast' }, 'Fast'));
      const play = w.playButtons();
      const { input: logBox, box: logField } = checkbox('Log scale for the loss (distance above the lowest point)', values.log === 'on',
        w.hideClass('log'));
      const momentumInput = numberInput({ min: 0, max: P.momentum.max });
      const beta1Input = numberInput({ min: 0, max: P.beta1.max });
      const beta2Input = numberInput({ min: 0, max: P.beta2.max });
      const noiseInput = numberInput({ min: 0, max: P.noise.max });
      const seedInput = numberInput({ min: 1, max: P.seed.max, step: 1, inputmode: 'numeric' });
      const advanced = el('details', { class: 'dh-race-advanced' + w.hideClass('advanced') },
        el('summary', {}, 'More settings: momentum, Adam’s betas, noise'),
        el('div', { class: 'dh-controls' },
          field('Momentum β (momentum and Nesterov)', momentumInput),
          field('Adam β1', beta1Input), field('Adam β2', beta2Input),
          field('SGD gradient noise', noiseInput), field('Random seed (SGD)', seedInput)));

      const hint = el('p', { class: 'dh-status' + w.hideClass('start') },
        'Click or tap the map to choose where every racer starts, or type the start below; then press Play.');
      const readouts = el('div', { class: 'dh-readouts' + w.hideClass('readouts') });

      const controls = el('div', { class: 'dh-controls' },
        field('Surface', surfaceSelect, 'dh-field-wide' + w.hideClass('surface')), // the select shrinks with it on phones
        field('Learning rates', ratesSelect, w.hideClass('lr')), sharedField,
        field('Start x', xInput, w.hideClass('start')), field('Start y', yInput, w.hideClass('start')),
        field('Speed', speedSelect, w.hideClass('play')),
        play.box);
      w.layout([figure, legend, hint, w.message, picks, controls, own.box, advanced, logField, readouts,
        el('div', { class: w.hideClass('text').trim() }, status), w.narrator],
      [...Object.values(boxes), surfaceSelect, ratesSelect, lrInput, xInput, yInput, speedSelect, play.step, play.play, play.reset,
        logBox, momentumInput, beta1Input, beta2Input, noiseInput, seedInput, ...own.inputs]);

      // ---- module ----
      const M = await w.module();
      race = new M.OptimizerRace();
      let suggested = null; // the surface's own start and learning rate (values() leaves those out)
      let globalMinima = 1; // Himmelblau has four equally low minima
      // After a surface change (name: a named surface; undefined: the typed one now raced on).
      const loadSurface = (name) => {
        if (name !== undefined) race.setSurface(name);
        const s = race.state();
        const r = race.range();
        suggested = { surface: s.surface, named: name || (suggested ? suggested.named : values.surface), lr: s.learningRate,
          x: s.startX, y: s.startY, range: r };
        globalMinima = race.criticalPoints().filter((c) => c.kind === 'global-min').length;
        surfaceSelect.value = s.surface;
        if (name !== undefined) own.note.textContent = '';
        xInput.min = String(r.xlo); xInput.max = String(r.xhi);
        yInput.min = String(r.ylo); yInput.max = String(r.yhi);
      };
      // Settings from the placement or the URL.
      const notes = w.notes;
      const picked = String(values.optimizers).split(',').filter(Boolean);
      if (!picked.length) notes.push('Pick at least one optimizer: racing gradient descent, momentum and Adam.');
      race.setOptimizers(picked.length ? picked : P.optimizers.default.split(','));
      loadSurface(values.surface);
      // A formula from a link: a bad one leaves the named surface, with the reason shown.
      if (values.formula && !own.fromLink(`the ${SURFACES[values.surface].split(':')[0].toLowerCase()} surface`)) loadSurface();
      try { race.setMomentum(values.momentum); } catch (e) { notes.push(e.message); }
      try { race.setAdamBetas(values.beta1, values.beta2); } catch (e) { notes.push(e.message); }
      try { race.setNoise(values.noise, values.seed); } catch (e) { notes.push(e.message); }
      if (values.lr !== null) {
        race.setLearningRate(values.lr);
        const own = ORDER.filter((k) => values[OWN_LR[k]] !== null);
        if (own.length) notes.push(`One learning rate for every racer was set, so ${own.map((k) => OWN_LR[k]).join(', ')} ${own.length > 1 ? 'were' : 'was'} ignored.`);
      } else {
        race.state().racers.forEach((r, i) => {
          const v = values[OWN_LR[r.name]];
          if (v !== null) race.setRacerLearningRate(i, v);
        });
        const idle = ORDER.filter((k) => values[OWN_LR[k]] !== null && !race.state().racers.some((r) => r.name === k));
        if (idle.length) notes.push(`${idle.map((k) => OWN_LR[k]).join(', ')} ${idle.length > 1 ? 'were' : 'was'} ignored: ${idle.length > 1 ? 'those optimizers are' : 'that optimizer is'} not racing.`);
      }
      if (values.startX !== null || values.startY !== null) {
        const r = suggested.range;
        const want = [values.startX === null ? suggested.x : values.startX, values.startY === null ? suggested.y : values.startY];
        const x = Math.min(r.xhi, Math.max(r.xlo, want[0])), y = Math.min(r.yhi, Math.max(r.ylo, want[1]));
        if (x !== want[0] || y !== want[1])
          notes.push(`This map spans x from ${r.xlo} to ${r.xhi} and y from ${r.ylo} to ${r.yhi}, so the start moved to (${x}, ${y}).`);
        race.setStart(x, y);
      }
      speedSelect.value = values.speed;
      race.setSpeed(prefersReducedMotion() && values.speed !== 'slow' ? SPEEDS.slow : SPEEDS[values.speed]);
      race.setLogScale(logBox.checked);
      w.showNotes();

      // A teacher's challenge (goalDistance, goalSteps): any racer within goalDistance of a
      // global minimum within goalSteps steps, on the surface and from the start the link sets.
      // The learner picks the racers, the learning rate and the other settings.
      const goal = w.goal && (() => {
        const s = race.state();
        return { distance: w.goal.target, steps: w.goal.limit, surface: s.surface, x: s.startX, y: s.startY,
          minima: race.criticalPoints().filter((p) => p.kind === 'global-min').map((p) => ({ x: p.x, y: p.y })) };
      })();
      const surfaceName = (k) => (k === 'formula' ? 'typed' : k === 'rosenbrock' || k === 'himmelblau' ? SURFACES[k].split(':')[0] : k);
      const goalPlace = goal && `${surfaceName(goal.surface)} surface, starting at (${goalNumber(goal.x)}, ${goalNumber(goal.y)})`;
      const theMinimum = goal && (goal.minima.length > 1 ? 'one of its global minima' : 'the global minimum');
      const goalLine = w.challenge(goal && {
        task: `bring a racer within ${goalNumber(goal.distance)} of ${theMinimum} in at most ${goal.steps} steps on the ${goalPlace}`,
        goal: `within ${goalNumber(goal.distance)} in at most ${goal.steps} steps`,
        limit: goal.steps, unit: 'steps', retry: 'Pick other racers or change the learning rate, then press Reset.',
      });

      // Narrow canvases stack the chart under the map, whose height follows the surface's shape.
      // (the same rule as MakeRaceLayout in src/views/race_view.cpp).
      const aspect = () => {
        const width = figure.clientWidth || 640;
        const r = race.range();
        const tall = (r.yhi - r.ylo) / (r.xhi - r.xlo);
        if (width >= 640 && tall > 1 / 1.6) return 0.55;
        return Math.min(1.9, tall + 250 / Math.max(width, 200));
      };
      w.show(race, { width: 640, height: 360, draw: 'showRace', aspect });

      // ---- readout cards, one per racer ----
      let cards = {};
      const buildCards = (names) => {
        cards = {};
        const ordered = ORDER.filter((k) => names.includes(k));
        readouts.replaceChildren(...ordered.map((k) => {
          const head = el('h3', { class: 'dh-ro-label dh-card-head', id: nextId('racer') }, el('span', { 'aria-hidden': 'true', 'data-glyph': k }, RACERS[k].glyph + ' '), RACERS[k].name);
          const value = (label) => ({ dt: el('dt', {}, label), dd: el('dd', { class: 'dh-ro-value' }, '—') });
          const v = { step: value('Step'), loss: value('Loss'), dist: value('Distance to the nearest minimum') };
          const dl = el('dl', { class: 'dh-card-values' }, v.step.dt, v.step.dd, v.loss.dt, v.loss.dd, v.dist.dt, v.dist.dd);
          const note = el('p', {});
          // Its own learning rate (with the tuned one named), shown while each racer has its own.
          const rate = numberInput({ min: P.lr.min, max: P.lr.max, 'aria-describedby': '' });
          const tuned = el('span', { class: 'dh-card-tuned', id: nextId('tuned') });
          rate.setAttribute('aria-describedby', tuned.id);
          const rateField = el('div', { class: 'dh-card-rate' + w.hideClass('lr') },
            el('label', { for: rate.id }, el('span', { class: 'dh-sr-only' }, `${RACERS[k].name}’s `), 'Learning rate η'), rate, tuned);
          onCommit(rate, (val) => api.setRacerLearningRate(k, val));
          cards[k] = { v, note, rate, tuned, rateField };
          return el('section', { class: 'dh-ro dh-card', 'aria-labelledby': head.id, 'data-racer': k }, head, rateField, dl, note);
        }));
        legend.replaceChildren(...ordered.map((k) => el('li', {}, el('span', { 'aria-hidden': 'true', 'data-glyph': k }, RACERS[k].glyph), RACERS[k].name)));
      };

      // ---- reading the race ----
      const describe = (s, r) => {
        if (r.status === 'left-domain')
          return `Stopped at step ${r.stoppedAt}: its next step would land where the surface is not defined (${r.domainMessage}). Lower the learning rate or move the start, then press Reset.`;
        if (r.status === 'diverged') {
          const how = Number.isFinite(r.loss) ? `its position passed a million (loss ${num(r.loss, 2)})` : 'its loss became infinite';
          // Unbounded below: the surface, not the step, sends the racer away.
          if (!s.hasMinimum)
            return `Ran off at step ${r.stoppedAt}: the surface has no bottom, so the loss falls forever along y; the racer left the plotted region and ${how}. A smaller learning rate only makes it take longer.`;
          return `Diverged at step ${r.stoppedAt}: ${how}. The learning rate ${typed(r.learningRate)} is too large for it here; lower it and press Reset.`;
        }
        const where = !r.nearest ? '' : r.nearest.kind !== 'global-min' ? 'a local minimum'
          : globalMinima > 1 ? 'a global minimum' : 'the global minimum';
        // "Reached" is one thing everywhere: the first step within 0.01 of a minimum (the
        // summary's winner too); coming to rest there may take many more steps.
        if (r.status === 'settled') {
          if (r.reachedAt >= 0)
            return `Reached ${where} (${num(r.nearest.x, 3)}, ${num(r.nearest.y, 3)}) at step ${r.reachedAt}; came to rest there at step ${r.stoppedAt}.`;
          return `Came to rest at step ${r.stoppedAt} where the slope is flat.`;
        }
        if (r.reachedAt >= 0) return `Reached ${where} at step ${r.reachedAt}${r.status === 'running' ? ' and is still settling' : ''}.`;
        if (r.step === 0) return 'At the start.';
        return s.hasMinimum ? 'On its way.' : 'Sliding down the open side of the saddle.';
      };
      const summary = (s) => {
        const name = (i) => RACERS[s.racers[i].name].name;
        if (s.ticks === 0) {
          const rates = s.ownRates
            ? (s.racers.length > 1 ? 'each at its own learning rate' : `learning rate ${typed(s.racers[0].learningRate)}`)
            : `learning rate ${typed(s.learningRate)}${s.racers.length > 1 ? ' for all' : ''}`;
          const on = s.surface === 'formula' ? 'your surface' : SURFACES[s.surface].split(':')[0].toLowerCase();
          return `${s.racers.length} racer${s.racers.length > 1 ? 's' : ''} at (${num(s.startX, 2)}, ${num(s.startY, 2)}) on the ${on}, ${rates}.` +
            (s.hasMinimum ? '' : s.surface === 'formula' ? ' No minimum was found on the drawn range.'
              : ' This surface has no minimum: it falls forever along y, so every racer that leaves y = 0 eventually runs off.');
        }
        const parts = [`After ${s.ticks} steps.`];
        if (s.winner >= 0) parts.push(`${name(s.winner)} reached a minimum first (within 0.01 of it), at step ${s.racers[s.winner].reachedAt}.`);
        const blown = s.racers.filter((r) => r.status === 'diverged').map((r) => RACERS[r.name].name);
        if (blown.length) parts.push(`${s.hasMinimum ? 'Diverged' : 'Ran off the bottomless surface'}: ${blown.join(', ')}.`);
        const lost = s.racers.filter((r) => r.status === 'left-domain').map((r) => RACERS[r.name].name);
        if (lost.length) parts.push(`Stopped where the surface is not defined: ${lost.join(', ')}.`);
        if (!s.running) parts.push('The race is over. Change a setting, click the map for a new start, or press Reset.');
        return parts.join(' ');
      };
      // The challenge, checked on every step of every racer's trail (a fast Play takes several
      // steps per frame), up to the goal's step limit.
      const goalGap = (x, y) => Math.min(...goal.minima.map((m) => Math.hypot(x - m.x, y - m.y)));
      let goalScanned = {}; // racer -> its step when its trail was last read
      const checkGoal = (s) => {
        const elsewhere = !goal.minima.length ? 'This surface has no minimum, so the challenge cannot be met here.'
          : s.surface !== goal.surface || s.startX !== goal.x || s.startY !== goal.y
            ? 'This run does not count: go back to that surface and start.' : '';
        let reached = null;
        if (!elsewhere && !goalLine.met()) {
          s.racers.forEach((r, i) => {
            const seen = goalScanned[r.name] === undefined || goalScanned[r.name] > r.step ? -1 : goalScanned[r.name];
            goalScanned[r.name] = r.step;
            if (reached || seen >= Math.min(r.step, goal.steps)) return;
            const t = race.trail(i);
            const first = r.step + 1 - t.length / 2; // the step of the trail's first point (a long run keeps its newest)
            for (let k = Math.max(seen + 1, first); k <= Math.min(r.step, goal.steps); k++) {
              const d = goalGap(t[2 * (k - first)], t[2 * (k - first) + 1]);
              if (d <= goal.distance) { reached = `${RACERS[r.name].name} came within ${num(d, 4)} of ${theMinimum} at step ${k}`; break; }
            }
          });
        } else goalScanned = {};
        goalLine.update({ count: s.ticks, reached, elsewhere, ended: s.running ? '' : `every racer has stopped, after ${s.ticks} steps` });
      };

      let wasPlaying = false;
      let lastStatus = {};
      let cardsFor = '';
      const refresh = w.refresher(() => race.state(), (s, narrate) => {
        const key = s.racers.map((r) => r.name).join(',');
        if (key !== cardsFor) { buildCards(s.racers.map((r) => r.name)); cardsFor = key; }
        const events = [];
        for (const r of s.racers) {
          const card = cards[r.name];
          card.v.step.dd.textContent = String(r.step);
          card.v.loss.dd.textContent = num(r.loss, 4);
          card.v.dist.dd.textContent = r.distance < 0 ? (s.hasMinimum ? '—' : 'none: no minimum') : num(r.distance, 4);
          card.note.textContent = describe(s, r);
          card.rateField.hidden = !s.ownRates;
          if (document.activeElement !== card.rate) card.rate.value = typed(r.learningRate);
          card.tuned.textContent = r.learningRate === r.tunedLearningRate ? 'tuned for this surface'
            : `tuned: ${typed(r.tunedLearningRate)}`;
          card.note.classList.toggle('dh-message', r.status === 'diverged' || r.status === 'left-domain');
          const tag = r.status + (r.reachedAt >= 0 ? '+' : '');
          if (lastStatus[r.name] !== undefined && tag !== lastStatus[r.name] && (r.status !== 'running' || r.reachedAt >= 0))
            events.push(`${RACERS[r.name].name}: ${card.note.textContent}`);
          lastStatus[r.name] = tag;
        }
        for (const k of ORDER) boxes[k].checked = s.racers.some((r) => r.name === k);
        if (document.activeElement !== lrInput) lrInput.value = typed(s.learningRate);
        ratesSelect.value = s.ownRates ? 'own' : 'shared';
        sharedField.hidden = s.ownRates;
        if (document.activeElement !== xInput) xInput.value = typed(s.startX);
        if (document.activeElement !== yInput) yInput.value = typed(s.startY);
        if (document.activeElement !== momentumInput) momentumInput.value = typed(s.momentum);
        if (document.activeElement !== beta1Input) beta1Input.value = typed(s.beta1);
        if (document.activeElement !== beta2Input) beta2Input.value = typed(s.beta2);
        if (document.activeElement !== noiseInput) noiseInput.value = typed(s.noise);
        if (document.activeElement !== seedInput) seedInput.value = String(s.seed);
        if (goal) checkGoal(s);
        w.showPlaying(s.playing);
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + summary(s) +
          (logBox.checked && !s.hasMinimum ? ' (The log scale needs a lowest point, so the chart stays linear here.)' : '');
        canvas.setAttribute('aria-label', `Top-down map of the ${surfaceTitle(s)} surface, start at (${num(s.startX, 2)}, ${num(s.startY, 2)}), ` +
          'with a loss-per-step chart. ' + s.racers.map((r) => `${RACERS[r.name].name}: ` +
            (r.status === 'diverged' ? `diverged at step ${r.stoppedAt}` : `(${num(r.x, 2)}, ${num(r.y, 2)}), loss ${num(r.loss, 3)}`)).join('; ') + '.');
        if (narrate) {
          w.say(`Step ${s.ticks}. ` + s.racers.map((r) => `${RACERS[r.name].name}: ` +
            (r.status === 'diverged' ? `diverged at step ${r.stoppedAt}` : `loss ${num(r.loss, 3)}`)).join('. ') + '.');
        } else if (events.length || (wasPlaying && !s.playing)) {
          w.say([...events, wasPlaying && !s.playing ? summary(s) : ''].filter(Boolean).join(' '));
        }
        wasPlaying = s.playing;
      });
      w.animate(refresh);
      refresh(true);

      // ---- controls ----
      // Runs a setter of the race; a refusal shows its message and changes nothing.
      const attempt = (fn) => {
        try { fn(); w.showMessage(''); lastStatus = {}; refresh(true); return true; } catch (e) {
          w.showMessage(e && e.message ? e.message : String(e));
          refresh(true);
          return false;
        }
      };
      // Typed numbers for one setter: each read (a non-number is refused: it stays, and the
      // message says so), held in its range (the message says how), then passed on together.
      // A part: { v, what, input, now (as shown), lo, hi, range (words for the range), whole }.
      const setNumbers = (parts, set) => {
        const n = parts.map((p) => {
          const x = parseNumber(p.v);
          if (!Number.isFinite(x)) {
            w.showMessage(`${p.what} must be a number; it stays at ${p.now}.`);
            p.input.value = p.now;
          }
          return p.whole ? Math.round(x) : x;
        });
        if (!n.every(Number.isFinite)) return false;
        const held = parts.map((p, i) => Math.min(p.hi, Math.max(p.lo, n[i])));
        const ok = attempt(() => set(...held));
        const notes = parts.map((p, i) => (held[i] !== n[i] ? `${p.range || p.what} goes from ${p.lo} to ${p.hi}, so ${typed(n[i])} became ${typed(held[i])}.` : ''));
        if (notes.some(Boolean)) w.showMessage(notes.filter(Boolean).join(' '));
        return ok;
      };
      const api = {
        setOptimizers(list) {
          const names = (Array.isArray(list) ? list : String(list).split(',')).map((t) => String(t).trim()).filter(Boolean);
          if (!names.length) { w.showMessage('Pick at least one optimizer for the race.'); refresh(true); return false; }
          const bad = names.filter((n) => !ORDER.includes(n));
          if (bad.length) { w.showMessage(`Unknown optimizer “${bad[0].slice(0, 30)}”.`); return false; }
          return attempt(() => race.setOptimizers(names));
        },
        setSurface(name) {
          if (name === 'formula') return api.setFormula() === '';
          if (!Object.prototype.hasOwnProperty.call(SURFACES, name)) { w.showMessage(`There is no surface called “${String(name).slice(0, 30)}”.`); return false; }
          const ok = attempt(() => loadSurface(name));
          w.refit();
          if (ok) w.say(`${SURFACES[name]}. Start (${typed(suggested.x)}, ${typed(suggested.y)}) and ` +
            (race.state().ownRates ? 'each racer at its learning rate tuned for this surface.' : `learning rate ${typed(suggested.lr)}, suggested for this surface.`));
          return ok;
        },
        // Your own surface over x in [xMin, xMax], y in [yMin, yMax] (text or range left out: as
        // typed). Returns '' when the racers are on it, else the reason (naming the position
        // in the formula), shown as text; the race then stays as it was.
        setFormula(text, xMin, xMax, yMin, yMax) {
          const why = own.apply(text, [xMin, xMax, yMin, yMax]);
          if (why) { refresh(true); return why; }
          attempt(() => loadSurface());
          w.refit();
          const s = race.state();
          own.show(s);
          const n = { 'global-min': 0, 'local-min': 0, saddle: 0, max: 0 };
          for (const c of race.criticalPoints()) n[c.kind]++;
          const words = [[n['global-min'] + n['local-min'], 'minimum', 'minima'], [n.saddle, 'saddle point', 'saddle points'], [n.max, 'peak', 'peaks']]
            .filter(([c]) => c > 0).map(([c, one, many]) => `${c} ${c > 1 ? many : one}`);
          own.note.textContent = `Your surface: ${words.length ? words.join(', ') + ' (marked on the map)' : 'no critical point on the drawn range'}. ` +
            `The racers start at (${typed(s.startX)}, ${typed(s.startY)}).`;
          w.say(own.note.textContent);
          return '';
        },
        // One learning rate for every racer.
        setLearningRate(v) {
          return setNumbers([{ v, what: 'The learning rate', input: lrInput, now: typed(race.state().learningRate), lo: P.lr.min, hi: P.lr.max }],
            (lr) => race.setLearningRate(lr));
        },
        // One racer's own learning rate (the others keep theirs), by optimizer name.
        setRacerLearningRate(name, v) {
          const s = race.state();
          const i = s.racers.findIndex((r) => r.name === name);
          if (i < 0) { w.showMessage(`${RACERS[name] ? RACERS[name].name : 'That optimizer'} is not in the race.`); return false; }
          const card = cards[name];
          return setNumbers([{ v, what: `${RACERS[name].name}’s learning rate`, input: card.rate, now: typed(s.racers[i].learningRate), lo: P.lr.min, hi: P.lr.max }],
            (lr) => race.setRacerLearningRate(i, lr));
        },
        // Every racer at its own tuned rate ('own'), or all at the shared rate shown ('shared').
        setRates(mode) {
          if (mode === 'own') return attempt(() => race.useTunedRates());
          if (mode === 'shared') return attempt(() => race.setLearningRate(race.state().learningRate));
          return false;
        },
        setStart(x, y) {
          const s = race.state();
          const r = race.range();
          return setNumbers([{ v: x, what: 'Start x', range: 'On this map x', input: xInput, now: typed(s.startX), lo: r.xlo, hi: r.xhi },
            { v: y, what: 'Start y', range: 'On this map y', input: yInput, now: typed(s.startY), lo: r.ylo, hi: r.yhi }],
          (cx, cy) => race.setStart(cx, cy));
        },
        setMomentum(v) {
          return setNumbers([{ v, what: 'The momentum β', input: momentumInput, now: typed(race.state().momentum), lo: 0, hi: P.momentum.max }],
            (mu) => race.setMomentum(mu));
        },
        setAdamBetas(b1, b2) {
          const s = race.state();
          return setNumbers([{ v: b1, what: 'Adam’s β1', input: beta1Input, now: typed(s.beta1), lo: 0, hi: P.beta1.max },
            { v: b2, what: 'Adam’s β2', input: beta2Input, now: typed(s.beta2), lo: 0, hi: P.beta2.max }],
          (c1, c2) => race.setAdamBetas(c1, c2));
        },
        setNoise(sigma, seed) {
          const s = race.state();
          return setNumbers([{ v: sigma, what: 'The gradient noise', input: noiseInput, now: typed(s.noise), lo: 0, hi: P.noise.max },
            { v: seed, what: 'The seed', input: seedInput, now: String(s.seed), lo: 1, hi: P.seed.max, whole: true }],
          (sd, k) => race.setNoise(sd, k));
        },
        setSpeed(name) {
          if (!Object.prototype.hasOwnProperty.call(SPEEDS, name)) return false;
          speedSelect.value = name;
          race.setSpeed(SPEEDS[name]);
          return true;
        },
        setLogScale(on) { logBox.checked = !!on; race.setLogScale(!!on); refresh(true); },
        step() {
          if (!race.step()) w.say('Every racer has stopped. Change a setting or press Reset.');
          refresh(true);
        },
        reset() { race.reset(); w.showMessage(''); lastStatus = {}; refresh(true); },
        play(on) {
          const want = on === undefined ? !race.state().playing : !!on;
          race.setPlaying(want);
          if (want && !race.state().playing) w.say('Every racer has stopped. Change a setting or press Reset.');
          wasPlaying = race.state().playing;
          refresh(false);
        },
      };
      // The settings that reproduce what the learner sees (for links and embeds): a start or
      // learning rate the surface suggests is left out.
      const suggestedStart = (s) => s.startX === suggested.x && s.startY === suggested.y;
      w.settings(() => race.state(), {
        optimizers: (s) => ORDER.filter((k) => s.racers.some((r) => r.name === k)).join(','),
        surface: (s) => (s.formula ? suggested.named : s.surface), formula: 'formula',
        ...Object.fromEntries(['xMin', 'xMax', 'yMin', 'yMax'].map((k) => [k, (s) => (s.formula ? s[k] : P[k].default)])),
        lr: (s) => (s.ownRates ? null : s.learningRate),
        ...Object.fromEntries(ORDER.map((k) => [OWN_LR[k], (s) => {
          const r = s.racers.find((x) => x.name === k);
          return s.ownRates && r && r.learningRate !== r.tunedLearningRate ? r.learningRate : null;
        }])),
        startX: (s) => (suggestedStart(s) ? null : s.startX),
        startY: (s) => (suggestedStart(s) ? null : s.startY),
        momentum: 'momentum', beta1: 'beta1', beta2: 'beta2', noise: 'noise', seed: 'seed',
        speed: () => speedSelect.value, log: (s) => (s.logScale ? 'on' : 'off'),
      });

      for (const k of ORDER) {
        boxes[k].addEventListener('change', () => {
          const names = ORDER.filter((n) => boxes[n].checked);
          if (!names.length) {
            boxes[k].checked = true;
            w.showMessage('At least one optimizer has to race.');
            return;
          }
          api.setOptimizers(names);
        });
      }
      surfaceSelect.addEventListener('change', () => api.setSurface(surfaceSelect.value));
      ratesSelect.addEventListener('change', () => api.setRates(ratesSelect.value));
      speedSelect.addEventListener('change', () => api.setSpeed(speedSelect.value));
      onCommit(lrInput, (v) => api.setLearningRate(v));
      onCommit(xInput, (v) => api.setStart(v, yInput.value));
      onCommit(yInput, (v) => api.setStart(xInput.value, v));
      onCommit(momentumInput, (v) => api.setMomentum(v));
      onCommit(beta1Input, (v) => api.setAdamBetas(v, beta2Input.value));
      onCommit(beta2Input, (v) => api.setAdamBetas(beta1Input.value, v));
      onCommit(noiseInput, (v) => api.setNoise(v, seedInput.value));
      onCommit(seedInput, (v) => api.setNoise(noiseInput.value, v));
      logBox.addEventListener('change', () => api.setLogScale(logBox.checked));
      // A click or tap on the map moves the start there (rounded to a hundredth).
      onTap(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        const p = race.pointFromCanvas(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (!p) return;
        if (api.setStart(Math.round(p.x * 100) / 100, Math.round(p.y * 100) / 100))
          w.say(`Start moved to (${typed(Math.round(p.x * 100) / 100)}, ${typed(Math.round(p.y * 100) / 100)}). Press Play to race.`);
      });
      return api;
    },
  });
})();
