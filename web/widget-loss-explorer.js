// widget-loss-explorer.js: the loss explorer (lessons/02-loss-functions.md), two views.
//   Loss curves: six losses against one prediction (the right answer is 1), a draggable
//     marker and the value of each loss at it: squared error punishes big misses far more
//     than absolute error, cross-entropy explodes for confident wrong answers.
//   Outlier fit: ten points and one outlier the learner drags; the least-squares (MSE)
//     line swings toward it, the least-absolute (MAE) line hardly moves.
// Page API (window.Downhill.widgets[i]): state(), values(), setView('curves'|'outlier'),
// setPrediction(p), setDelta(d), setCurve(name, on), setOutlier(x, y).
(function () {
  'use strict';
  const { el, fmt, nextId, prefersDark, Schema, slider, readout, parseNumber, onDragAcross, defineWidget, viewSwitch } = window.DownhillWidgets;

  const P = Schema.WIDGETS['loss-explorer'].params;
  // Curve order matches the core (LossCurve) and the `losses` setting.
  const CURVES = [
    { key: 'mse', label: 'Squared error (MSE)', short: 'MSE' },
    { key: 'mae', label: 'Absolute error (MAE)', short: 'MAE' },
    { key: 'huber', label: 'Huber', short: 'Huber loss' },
    { key: 'bce1', label: 'Cross-entropy, truth 1', short: 'Cross-entropy (truth 1)' },
    { key: 'bce0', label: 'Cross-entropy, truth 0', short: 'Cross-entropy (truth 0)' },
    { key: 'hinge', label: 'Hinge, label +1', short: 'Hinge' },
  ];
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const round = (v, step) => Math.round(v / step) * step;

  defineWidget('loss-explorer', {
    label: 'Loss explorer',
    className: 'dh-loss-explorer',
    canvasLabel: 'Loss explorer chart (loading)',
    async mount(w) {
      const { values, canvas, status } = w;

      // ---- markup ----
      const { box: viewGroup, radios } = viewSwitch(w, { curves: 'Loss curves', outlier: 'Outlier fit' });

      const range = (label, spec, step, key, digits) => ({ ...slider(label, { min: spec.min, max: spec.max, step }, '', w.hideClass(key)), digits });
      const pred = range('Prediction', P.prediction, 0.01, 'prediction', 2);
      const delta = range('Huber delta', P.delta, 0.05, 'delta', 2);
      const ox = range('Outlier x', P.outlierX, 0.1, 'outlier', 1);
      const oy = range('Outlier y', P.outlierY, 0.1, 'outlier', 1);

      const checks = CURVES.map((c) => {
        const input = el('input', { type: 'checkbox', id: nextId('curve-' + c.key) });
        const swatch = el('span', { class: 'dh-swatch', 'aria-hidden': 'true' });
        return { ...c, input, swatch, box: el('div', { class: 'dh-check' }, input, swatch, el('label', { for: input.id }, c.label)) };
      });
      const curveGroup = el('fieldset', { class: 'dh-field dh-plain-set' + w.hideClass('losses') },
        el('legend', {}, 'Curves shown'), el('div', { class: 'dh-legend' }, ...checks.map((c) => c.box)));

      const lossRo = CURVES.map((c) => readout(c.short));
      const curveReadouts = el('div', { class: 'dh-readouts' + w.hideClass('readouts'), 'aria-label': 'Each loss at the prediction', role: 'group' },
        ...lossRo.map((r) => r.box));

      // The outlier view's numbers: one row per fitted line.
      const cell = () => el('td', {}, '—');
      const fitRow = (name) => {
        const cells = { slope: cell(), intercept: cell(), mse: cell(), mae: cell() };
        const swatch = el('span', { class: 'dh-swatch', 'aria-hidden': 'true' });
        const row = el('tr', {}, el('th', { scope: 'row' }, swatch, name), cells.slope, cells.intercept, cells.mse, cells.mae);
        return { row, cells, swatch };
      };
      const lsRow = fitRow('Least squares (MSE)'), ladRow = fitRow('Least absolute (MAE)');
      const captionId = nextId('fit-caption');
      const table = el('table', { class: 'dh-fit-table' },
        el('caption', { id: captionId }, 'The two fitted lines on all eleven points'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Line'), el('th', { scope: 'col' }, 'Slope'),
          el('th', { scope: 'col' }, 'Intercept'), el('th', { scope: 'col' }, 'MSE'), el('th', { scope: 'col' }, 'MAE'))),
        el('tbody', {}, lsRow.row, ladRow.row));
      // On a phone the table scrolls sideways in its box; the box takes the focus so keys can scroll it.
      const tableBox = el('div', { class: 'dh-scroll' + w.hideClass('readouts'), role: 'region', tabindex: 0, 'aria-labelledby': captionId }, table);
      const resetOutlier = el('button', { type: 'button', class: 'dh-btn dh-btn-quiet' }, 'Put the outlier on the line');
      const hint = el('p', { class: 'dh-status dh-hint' });

      const curvesPanel = el('div', { class: 'dh-roll-part' },
        el('div', { class: 'dh-controls' }, pred.box, delta.box), curveGroup, curveReadouts);
      const outlierPanel = el('div', { class: 'dh-roll-part' },
        el('div', { class: 'dh-controls' }, ox.box, oy.box, el('div', { class: 'dh-buttons' + w.hideClass('outlier') }, resetOutlier)), tableBox);
      const shell = w.layout([viewGroup, w.figure, hint, w.message, curvesPanel, outlierPanel, status, w.narrator],
        [radios.curves.input, radios.outlier.input, pred.input, delta.input, ox.input, oy.input, resetOutlier, ...checks.map((c) => c.input)]);
      shell.setAttribute('data-view', values.view);

      // ---- module ----
      const M = await w.module();
      const ex = new M.LossExplorer();
      ex.setSeed(values.seed);
      ex.setPrediction(values.prediction);
      ex.setDelta(values.delta);
      ex.setOutlier(values.outlierX, values.outlierY);
      const shownKeys = new Set(String(values.losses).split(',').filter(Boolean));
      ex.setCurves(CURVES.reduce((m, c, k) => m | (shownKeys.has(c.key) ? 1 << k : 0), 0));
      ex.setOutlierView(values.view === 'outlier');
      // Taller on narrow screens, so that points and curves stay apart and easy to touch.
      const aspect = () => {
        const narrow = canvas.parentElement.clientWidth < 520, outlier = ex.state().view === 'outlier';
        return outlier ? (narrow ? 0.85 : 0.62) : (narrow ? 0.9 : 0.55);
      };
      w.show(ex, { width: 640, height: 340, draw: 'showLossExplorer', aspect });

      // Swatch colours come from the module, so they always match the canvas (--dh-swatch, widgets.css).
      const paintSwatches = () => {
        const dark = !!prefersDark();
        const paint = (swatch, k) => swatch.style.setProperty('--dh-swatch', M.lossCurveColour(k, dark));
        checks.forEach((c, k) => paint(c.swatch, k));
        paint(lsRow.swatch, 0);
        paint(ladRow.swatch, 1);
      };
      paintSwatches();
      new MutationObserver(paintSwatches).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', paintSwatches);

      // ---- reading the state ----
      const ceText = (v, p) => {
        if (Number.isNaN(v)) return 'not defined here (needs 0 ≤ p ≤ 1)';
        if (v === Infinity) return 'no limit (certain and wrong)';
        return fmt(v, 3);
      };
      const explainCurves = (s) => {
        const err = Math.abs(1 - s.prediction);
        const parts = [];
        if (err < 0.005) parts.push('The prediction equals the truth (1): every regression loss is 0.');
        else if (err < 1) parts.push(`The prediction ${fmt(s.prediction, 2)} misses the truth 1 by ${fmt(err, 2)}. Squared, that becomes ${fmt(s.mse, 3)}, smaller than the absolute error ${fmt(s.mae, 3)}: misses under 1 shrink when squared.`);
        else if (err < 1.005) parts.push('The prediction misses by exactly 1, where squared and absolute error agree.');
        else parts.push(`The prediction ${fmt(s.prediction, 2)} misses the truth 1 by ${fmt(err, 2)}. Squared, that becomes ${fmt(s.mse, 3)}, ${fmt(s.mse / s.mae, 1)} times the absolute error ${fmt(s.mae, 3)}: squaring punishes big misses much harder.`);
        if (s.prediction < 0 || s.prediction > 1) parts.push('Cross-entropy reads the prediction as a probability, so it has no value outside 0 to 1.');
        else if (s.prediction <= 0.1) parts.push(`Cross-entropy for truth 1 is ${ceText(s.bce1)}: the model is confident and wrong, and the loss shoots up as p nears 0.`);
        else if (s.prediction >= 0.9) parts.push(`Cross-entropy for truth 0 is ${ceText(s.bce0)}: if the answer had been “no”, this confident “yes” would cost a lot.`);
        else parts.push(`Cross-entropy is ${ceText(s.bce1)} for truth 1 and ${ceText(s.bce0)} for truth 0.`);
        return parts.join(' ');
      };
      const explainOutlier = (s) => {
        const ls = s.leastSquares, lad = s.leastAbsolute, ls0 = s.leastSquaresClean, lad0 = s.leastAbsoluteClean;
        const moved = Math.abs(ls.slope - ls0.slope), movedLad = Math.abs(lad.slope - lad0.slope);
        // Words for what the picture shows: a point on the line (to the slider's rounding)
        // pulls neither fit away by as much as the slopes' two decimals show.
        if (moved < 0.02 && movedLad < 0.02) {
          return `With the outlier at (${fmt(s.outlierX, 1)}, ${fmt(s.outlierY, 1)}), on the line of the other points, both fits keep slope ` +
            `about ${fmt(ls0.slope, 2)}: a point that agrees with the rest pulls on neither. Drag it away to see least squares bend toward it.`;
        }
        return `Without the outlier both lines have slope about ${fmt(ls0.slope, 2)}. With it at (${fmt(s.outlierX, 1)}, ${fmt(s.outlierY, 1)}), ` +
          `the least-squares slope is ${fmt(ls.slope, 2)} (moved ${fmt(moved, 2)}) and the least-absolute slope is ` +
          `${fmt(lad.slope, 2)} (moved ${fmt(movedLad, 2)}). ` + (moved > movedLad
            ? 'Squaring makes the one big miss count most, so least squares bends toward it.'
            : 'Here the outlier pulls both lines about as much.');
      };
      const fitText = (f) => `y = ${fmt(f.intercept, 2)} + ${fmt(f.slope, 2)} x`.replace('+ −', '− ');
      let narrateTimer = 0;
      const narrateSoon = (text) => {
        clearTimeout(narrateTimer);
        narrateTimer = setTimeout(() => w.say(text), 500);
      };
      const refresh = w.refresher(() => ex.state(), (s, narrate) => {
        const outlier = s.view === 'outlier';
        radios.curves.input.checked = !outlier;
        radios.outlier.input.checked = outlier;
        curvesPanel.hidden = outlier;
        outlierPanel.hidden = !outlier;
        shell.setAttribute('data-view', s.view); // the canvas' touch-action follows (widgets.css)
        pred.input.value = String(s.prediction);
        pred.output.textContent = fmt(s.prediction, 2);
        delta.input.value = String(s.delta);
        delta.output.textContent = fmt(s.delta, 2);
        ox.input.value = String(s.outlierX);
        ox.output.textContent = fmt(s.outlierX, 1);
        oy.input.value = String(s.outlierY);
        oy.output.textContent = fmt(s.outlierY, 1);
        checks.forEach((c, k) => { c.input.checked = !!(s.curves & (1 << k)); });
        const vals = [s.mse, s.mae, s.huber, s.bce1, s.bce0, s.hinge];
        lossRo.forEach((r, k) => { r.out.textContent = k === 3 || k === 4 ? ceText(vals[k]) : fmt(vals[k], 3); });
        for (const [row, f] of [[lsRow, s.leastSquares], [ladRow, s.leastAbsolute]]) {
          row.cells.slope.textContent = fmt(f.slope, 3);
          row.cells.intercept.textContent = fmt(f.intercept, 3);
          row.cells.mse.textContent = fmt(f.mse, 3);
          row.cells.mae.textContent = fmt(f.mae, 3);
        }
        w.refit();
        hint.textContent = outlier
          ? 'Drag the large outlier point on the chart (or use the Outlier x and Outlier y sliders).'
          : 'Drag across the chart (or use the Prediction slider) to move the marker. The right answer is 1.';
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + (outlier ? explainOutlier(s) : explainCurves(s));
        if (outlier) {
          canvas.setAttribute('aria-label', `Scatter plot of ten points near a rising line and one outlier at (${fmt(s.outlierX, 1)}, ${fmt(s.outlierY, 1)}). ` +
            `Least-squares line ${fitText(s.leastSquares)}; least-absolute line ${fitText(s.leastAbsolute)} (dashed).`);
        } else {
          const on = CURVES.filter((c, k) => s.curves & (1 << k));
          const list = on.map((c) => `${c.short} ${c.key.startsWith('bce') ? ceText(vals[CURVES.indexOf(c)]) : fmt(vals[CURVES.indexOf(c)], 2)}`);
          canvas.setAttribute('aria-label', on.length
            ? `Chart of loss against prediction from −1 to 2 (truth 1), marker at ${fmt(s.prediction, 2)}: ${list.join('; ')}.`
            : 'Chart of loss against prediction: no curve is chosen.');
        }
        if (narrate === 'now') w.say(status.textContent);
        else if (narrate) narrateSoon(outlier
          ? `Least-squares slope ${fmt(s.leastSquares.slope, 2)}, least-absolute slope ${fmt(s.leastAbsolute.slope, 2)}.`
          : `Prediction ${fmt(s.prediction, 2)}: MSE ${fmt(s.mse, 3)}, MAE ${fmt(s.mae, 3)}, cross-entropy ${ceText(s.bce1)}.`);
      });

      // ---- controls ----
      const setNumber = (v, spec, step, what, apply) => {
        const n = parseNumber(v);
        if (!Number.isFinite(n)) { w.showMessage(`The ${what} must be a number.`); return false; }
        const c = clamp(round(n, step), spec.min, spec.max);
        w.showMessage(n < spec.min || n > spec.max ? `The ${what} must lie between ${spec.min} and ${spec.max}; using ${c}.` : '');
        apply(Number(c.toFixed(6)));
        refresh(true);
        return true;
      };
      const api = {
        setView(v) {
          if (v !== 'curves' && v !== 'outlier') { w.showMessage('The view must be “curves” or “outlier”.'); return false; }
          ex.setOutlierView(v === 'outlier');
          refresh('now');
          return true;
        },
        setPrediction: (v) => setNumber(v, P.prediction, 0.01, 'prediction', (c) => ex.setPrediction(c)),
        setDelta: (v) => setNumber(v, P.delta, 0.05, 'Huber delta', (c) => ex.setDelta(c)),
        setOutlier(x, y) {
          const nx = parseNumber(x), ny = parseNumber(y);
          if (!Number.isFinite(nx) || !Number.isFinite(ny)) { w.showMessage('The outlier’s x and y must be numbers.'); return false; }
          const cx = clamp(round(nx, 0.1), P.outlierX.min, P.outlierX.max), cy = clamp(round(ny, 0.1), P.outlierY.min, P.outlierY.max);
          w.showMessage(nx !== clamp(nx, P.outlierX.min, P.outlierX.max) || ny !== clamp(ny, P.outlierY.min, P.outlierY.max)
            ? `The outlier stays within x ${P.outlierX.min} to ${P.outlierX.max} and y ${P.outlierY.min} to ${P.outlierY.max}.` : '');
          ex.setOutlier(Number(cx.toFixed(6)), Number(cy.toFixed(6)));
          refresh(true);
          return true;
        },
        setCurve(key, on) {
          const k = CURVES.findIndex((c) => c.key === key);
          if (k < 0) { w.showMessage('There is no curve called “' + String(key).slice(0, 20) + '”.'); return false; }
          const mask = ex.state().curves;
          ex.setCurves(on ? mask | (1 << k) : mask & ~(1 << k));
          refresh(false);
          return true;
        },
      };
      // The settings that reproduce what the learner sees (for links and embeds).
      w.settings(() => ex.state(), {
        view: 'view', prediction: 'prediction', delta: 'delta',
        losses: (s) => CURVES.filter((c, k) => s.curves & (1 << k)).map((c) => c.key).join(','),
        outlierX: 'outlierX', outlierY: 'outlierY', seed: 'seed',
      });
      radios.curves.input.addEventListener('change', () => api.setView('curves'));
      radios.outlier.input.addEventListener('change', () => api.setView('outlier'));
      pred.input.addEventListener('input', () => api.setPrediction(Number(pred.input.value)));
      delta.input.addEventListener('input', () => api.setDelta(Number(delta.input.value)));
      ox.input.addEventListener('input', () => api.setOutlier(Number(ox.input.value), ex.state().outlierY));
      oy.input.addEventListener('input', () => api.setOutlier(ex.state().outlierX, Number(oy.input.value)));
      checks.forEach((c) => c.input.addEventListener('change', () => api.setCurve(c.key, c.input.checked)));
      resetOutlier.addEventListener('click', () => {
        const s = ex.state();
        const f = s.leastSquaresClean;
        api.setOutlier(s.outlierX, f.intercept + f.slope * s.outlierX);
      });

      // Pointer. Curves view: the prediction is a handle dragged sideways (a finger that
      // swipes up or down scrolls the page). Outlier view: a press puts the outlier under
      // the pointer and a drag carries it (the canvas takes every touch there).
      const r = () => canvas.getBoundingClientRect();
      onDragAcross(canvas, (e) => {
        if (ex.state().view === 'outlier') return;
        const p = ex.predictionAt(e.clientX - r().left, r().width, r().height);
        if (Number.isFinite(p)) api.setPrediction(p);
      });
      let dragging = false;
      const carry = (e) => {
        const o = ex.outlierAt(e.clientX - r().left, e.clientY - r().top, r().width, r().height);
        if (o) api.setOutlier(o.x, o.y);
      };
      canvas.addEventListener('pointerdown', (e) => {
        if (ex.state().view !== 'outlier') return;
        dragging = true;
        carry(e);
      });
      canvas.addEventListener('pointermove', (e) => { if (dragging) carry(e); });
      const stop = () => { dragging = false; };
      canvas.addEventListener('pointerup', stop);
      canvas.addEventListener('pointercancel', stop);
      refresh(false);
      return api;
    },
  });
})();
