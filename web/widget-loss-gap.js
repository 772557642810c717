// widget-loss-gap.js: the loss gap slider: drag the prediction (and the true value) and
// watch the gap and four losses change (lessons/01-what-is-loss.md).
(function () {
  'use strict';
  const { el, fmt, slider, readout, onDragAcross, defineWidget } = window.DownhillWidgets;

  defineWidget('loss-gap', {
    label: 'Loss gap slider',
    className: 'dh-loss-gap',
    canvasLabel: 'Number line with the truth and the prediction',
    async mount(w) {
      const { values, canvas, status } = w;
      const range = (label, key) => slider(label, { min: 0, max: 1, step: 0.01, value: values[key] }, values[key].toFixed(2), w.hideClass(key));
      const pred = range('Prediction', 'prediction');
      const truth = range('True value', 'truth');
      const ro = { gap: readout('Gap'), sq: readout('Squared error'), abs: readout('Absolute error'),
        huber: readout('Huber loss'), ce: readout('Cross-entropy') };
      w.layout([w.figure, w.message,
        el('div', { class: 'dh-controls' }, pred.box, truth.box),
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box)),
        status], [pred.input, truth.input]);

      const M = await w.module();
      const gap = new M.LossGap();
      gap.setTruth(values.truth);
      gap.setPrediction(values.prediction);
      w.show(gap, { width: 640, height: 240, draw: 'showLossGap', aspect: 0.42 });

      const refresh = () => {
        const s = gap.state();
        pred.output.textContent = s.prediction.toFixed(2);
        truth.output.textContent = s.truth.toFixed(2);
        pred.input.value = String(s.prediction);
        truth.input.value = String(s.truth);
        ro.gap.out.textContent = fmt(s.gap, 3);
        ro.sq.out.textContent = fmt(s.squared, 4);
        ro.abs.out.textContent = fmt(s.absolute, 4);
        ro.huber.out.textContent = fmt(s.huber, 4);
        ro.ce.out.textContent = fmt(s.crossEntropy, 4);
        const big = s.gap > s.huberDelta;
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + (s.gap < 0.005
          ? 'The prediction matches the truth: every loss is at (or near) its smallest value.'
          : `The gap is ${fmt(s.gap, 2)}. Squaring makes it ${fmt(s.squared, 4)}: ${s.gap < 1 ? 'small gaps shrink when squared' : 'big gaps grow'}; ` +
            `Huber is ${big ? 'in its straight part (the gap exceeds 0.25)' : 'in its curved part (the gap is within 0.25)'}.`);
        canvas.setAttribute('aria-label', `Number line: truth ${fmt(s.truth, 2)}, prediction ${fmt(s.prediction, 2)}, gap ${fmt(s.gap, 2)}.`);
      };
      const set = (which, v) => {
        const n = Number(v);
        if (!Number.isFinite(n)) { w.showMessage(`The ${which === 'truth' ? 'true value' : 'prediction'} must be a number.`); return false; }
        const c = Math.min(1, Math.max(0, n));
        w.showMessage(c !== n ? `Values lie between 0 and 1; using ${c}.` : '');
        if (which === 'truth') gap.setTruth(c); else gap.setPrediction(c);
        refresh();
        return true;
      };
      pred.input.addEventListener('input', () => set('prediction', pred.input.value));
      truth.input.addEventListener('input', () => set('truth', truth.input.value));
      // Pointer: press and drag across the line moves the prediction (a finger: a sideways
      // drag or a tap; a swipe up or down scrolls the page).
      onDragAcross(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        set('prediction', Math.round(gap.valueAt(e.clientX - r.left, r.width) * 100) / 100);
      });
      refresh();
      w.settings(() => gap.state(), { truth: 'truth', prediction: 'prediction' });
      return { setPrediction: (v) => set('prediction', v), setTruth: (v) => set('truth', v) };
    },
  });
})();
