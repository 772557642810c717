// widget-batch-noise.js: batch size and the learning-rate range test, one line fit, two views.
//   Noise (lessons/07-training-loop.md): a few mini-batch gradients around the full one at
//     the learner's batch size B, and the spread of mini-batch gradients against B on
//     log-log axes, beside the 1/sqrt(B) rule and its exact form for sampling without
//     replacement (which reaches 0 when the batch is the whole dataset).
//   Range (lessons/05-learning-rate.md): the loss while the rate rises every step, where it
//     falls fastest, where it starts to climb, and the suggested rate, which "Use it" tries.
// Page API (window.Downhill.widgets[i]): state(), values(), setView('noise'|'range'),
// setBatch(b), setRange(from, to) (powers of ten), useSuggested().
(function () {
  'use strict';
  const { el, fmt, nextId, Schema, slider, readout, button, parseNumber, defineWidget, viewSwitch } = window.DownhillWidgets;

  const P = Schema.WIDGETS['batch-noise'].params;
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const power = (e) => fmt(Math.pow(10, e), 6);

  defineWidget('batch-noise', {
    label: 'Batch size and the learning-rate range test',
    className: 'dh-batch-noise',
    canvasLabel: 'Batch size and range test chart (loading)',
    async mount(w) {
      const { values, canvas, status } = w;

      // ---- markup ----
      const { box: viewGroup, radios } = viewSwitch(w, { noise: 'Batch size and noise', range: 'Range test' });

      const batch = slider('Batch size', { min: P.batch.min, max: P.batch.max, step: 1 }, '', w.hideClass('batch'));
      const from = slider('First rate', { min: P.from.min, max: P.from.max, step: 1 }, '', w.hideClass('range'));
      const to = slider('Last rate', { min: P.to.min, max: P.to.max, step: 1 }, '', w.hideClass('range'));
      const ro = { here: readout('Spread at this batch size'), rule: readout('1/√B rule at this size'), ratio: readout('Spread at B = 1 over B = 4') };
      const rr = { steep: readout('Steepest fall at'), blow: readout('Loss starts to climb at'), limit: readout('Limit 2/L'), suggested: readout('Suggested rate') };
      const use = button('Use it');
      const used = el('p', { class: 'dh-status', 'aria-live': 'polite' });

      // The spread per batch size, measured and exact.
      const captionId = nextId('spread-caption');
      const tbody = el('tbody');
      const table = el('table', { class: 'dh-fit-table' },
        el('caption', { id: captionId }, 'Spread of a mini-batch gradient, as a share of the full gradient’s length'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Batch size'), el('th', { scope: 'col' }, 'Measured'),
          el('th', { scope: 'col' }, 'Exact'), el('th', { scope: 'col' }, '1/√B rule'))), tbody);
      const tableBox = el('div', { class: 'dh-scroll' + w.hideClass('readouts'), role: 'region', tabindex: 0, 'aria-labelledby': captionId }, table);

      const noisePanel = el('div', { class: 'dh-roll-part' },
        el('div', { class: 'dh-controls' }, batch.box),
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ro.here.box, ro.rule.box, ro.ratio.box), tableBox);
      const rangePanel = el('div', { class: 'dh-roll-part' },
        el('div', { class: 'dh-controls' }, from.box, to.box),
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, rr.steep.box, rr.blow.box, rr.limit.box, rr.suggested.box),
        el('div', { class: 'dh-buttons' }, use), used);
      const shell = w.layout([viewGroup, w.figure, w.message, noisePanel, rangePanel, status, w.narrator],
        [radios.noise.input, radios.range.input, batch.input, from.input, to.input, use]);

      // ---- module ----
      const M = await w.module();
      const bn = new M.BatchNoise();
      bn.setSeed(values.seed);
      bn.setBatch(values.batch);
      bn.setRange(values.from, values.to);
      bn.setView(values.view);
      const aspect = () => {
        const narrow = canvas.parentElement.clientWidth < 560;
        return bn.state().view === 'range' ? (narrow ? 0.85 : 0.55) : (narrow ? 1.55 : 0.55);
      };
      w.show(bn, { width: 720, height: 400, draw: 'showBatchNoise', aspect });

      // ---- reading the state ----
      const rowText = (s) => s.rows.map((r) => ({ r, cells: [String(r.batch), fmt(r.spread, 3), fmt(r.expected, 3), fmt(r.simple, 3)] }));
      const hereSpread = (s) => Math.sqrt(s.sigma * s.sigma / s.batch * (s.points - s.batch) / (s.points - 1));
      const refresh = w.refresher(() => bn.state(), (s, narrate) => {
        const range = s.view === 'range';
        radios.noise.input.checked = !range;
        radios.range.input.checked = range;
        noisePanel.hidden = range;
        rangePanel.hidden = !range;
        batch.input.value = String(s.batch);
        batch.output.textContent = String(s.batch);
        from.input.value = String(s.rangeFrom);
        to.input.value = String(s.rangeTo);
        from.output.textContent = power(s.rangeFrom);
        to.output.textContent = power(s.rangeTo);
        from.input.setAttribute('aria-valuetext', power(s.rangeFrom));
        to.input.setAttribute('aria-valuetext', power(s.rangeTo));
        ro.here.out.textContent = fmt(hereSpread(s), 3);
        ro.rule.out.textContent = fmt(s.sigma / Math.sqrt(s.batch), 3);
        ro.ratio.out.textContent = fmt(s.rows[0].spread / s.rows[2].spread, 2);
        tbody.replaceChildren(...rowText(s).map(({ cells }) => el('tr', {}, el('th', { scope: 'row' }, cells[0]),
          ...cells.slice(1).map((c) => el('td', {}, c)))));
        const climbed = Number.isFinite(s.blowupRate);
        rr.steep.out.textContent = fmt(s.steepestRate, 3);
        rr.blow.out.textContent = climbed ? fmt(s.blowupRate, 3) : 'not within the range';
        rr.limit.out.textContent = fmt(s.stableLimit, 3);
        rr.suggested.out.textContent = fmt(s.suggested, 3);
        used.textContent = s.usedRate > 0
          ? `With the suggested rate ${fmt(s.usedRate, 3)}, ${s.usedSteps} steps of gradient descent from the start bring the loss from ${fmt(s.startLoss, 3)} to ${fmt(s.usedLoss, 3)}.`
          : '';
        let words;
        if (range) {
          words = `The range test raised the rate from ${power(s.rangeFrom)} to ${power(s.rangeTo)} over ${s.rangeSteps} steps. ` +
            `The loss falls fastest at rate ${fmt(s.steepestRate, 3)}` +
            (climbed ? ` and starts to climb at ${fmt(s.blowupRate, 3)}, beyond the limit 2/L = ${fmt(s.stableLimit, 3)} (below it the loss cannot climb; here it was already at its bottom).` : '; it never climbs within this range.') +
            ` Suggested rate: ${fmt(s.suggested, 3)}.`;
          canvas.setAttribute('aria-label', `Loss against learning rate on a log scale: steepest fall at ${fmt(s.steepestRate, 3)}` +
            (climbed ? `, blows up at ${fmt(s.blowupRate, 3)}.` : '.'));
        } else {
          const q = s.batch * 4;
          words = `Batch size ${s.batch} of ${s.points}: a mini-batch gradient lands about ${fmt(hereSpread(s), 3)} of the full gradient’s length away from it. ` +
            (s.batch === s.points ? 'The batch is the whole dataset, so every batch gives exactly the full gradient.'
              : q <= s.points ? `Quadrupling the batch to ${q} roughly halves that, to ${fmt(Math.sqrt(s.sigma * s.sigma / q * (s.points - q) / (s.points - 1)), 3)}.`
                : 'Close to the whole dataset, the spread falls faster than 1/√B and reaches 0 at B = 64.');
          canvas.setAttribute('aria-label', `Mini-batch gradients at batch size ${s.batch} around the full gradient, and the spread falling with the batch size on log-log axes.`);
        }
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + words;
        if (narrate) w.say(words);
        shell.setAttribute('data-view', s.view);
        w.refit();
      });

      // ---- controls ----
      const setWhole = (v, spec, what, apply) => {
        const n = parseNumber(v);
        if (!Number.isFinite(n)) { w.showMessage(`The ${what} must be a number.`); return false; }
        const c = clamp(Math.round(n), spec.min, spec.max);
        w.showMessage(c !== n ? `The ${what} is a whole number from ${spec.min} to ${spec.max}; using ${c}.` : '');
        apply(c);
        refresh(true);
        return true;
      };
      const api = {
        setView(v) {
          if (v !== 'noise' && v !== 'range') { w.showMessage('The view must be “noise” or “range”.'); return false; }
          bn.setView(v);
          refresh(true);
          return true;
        },
        setBatch: (v) => setWhole(v, P.batch, 'batch size', (c) => bn.setBatch(c)),
        setRange(a, b) {
          return setWhole(a, P.from, 'first rate’s power of ten', (ca) =>
            setWhole(b, P.to, 'last rate’s power of ten', (cb) => bn.setRange(ca, cb)));
        },
        useSuggested() { bn.useSuggested(); refresh(true); return true; },
      };
      w.settings(() => bn.state(), { view: 'view', batch: 'batch', from: 'rangeFrom', to: 'rangeTo', seed: 'seed' });
      radios.noise.input.addEventListener('change', () => api.setView('noise'));
      radios.range.input.addEventListener('change', () => api.setView('range'));
      batch.input.addEventListener('input', () => api.setBatch(Number(batch.input.value)));
      from.input.addEventListener('input', () => api.setRange(Number(from.input.value), bn.state().rangeTo));
      to.input.addEventListener('input', () => api.setRange(bn.state().rangeFrom, Number(to.input.value)));
      use.addEventListener('click', () => api.useSuggested());
      refresh(false);
      return api;
    },
  });
})();
