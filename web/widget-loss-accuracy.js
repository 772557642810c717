// widget-loss-accuracy.js: loss versus accuracy: move a classifier's decision boundary over
// fourteen labelled points and compare its accuracy (a staircase with slope 0 between the
// points) with its mean cross-entropy (smooth, sloping downhill); one gradient step at a
// time on the bias (lessons/02-loss-functions.md).
(function () {
  'use strict';
  const { el, fmt, slider, readout, button, onDragAcross, defineWidget } = window.DownhillWidgets;

  const RANGES = {
    boundary: { min: -3, max: 3, name: 'boundary' },
    steepness: { min: 0.5, max: 5, name: 'steepness' },
    lr: { min: 0.05, max: 5, name: 'learning rate' },
  };

  defineWidget('loss-accuracy', {
    label: 'Loss versus accuracy',
    className: 'dh-loss-accuracy',
    canvasLabel: 'Labelled points with the decision boundary, and accuracy and loss against the boundary',
    async mount(w) {
      const { values, canvas, status } = w;
      const boundary = slider('Decision boundary', { min: -3, max: 3, step: 0.1, value: values.boundary },
        fmt(values.boundary, 2), w.hideClass('boundary'));
      const steep = slider('Steepness w', { min: 0.5, max: 5, step: 0.1, value: values.steepness },
        fmt(values.steepness, 2), w.hideClass('steepness'));
      const rate = slider('Learning rate', { min: 0.05, max: 5, step: 0.05, value: values.lr },
        fmt(values.lr, 2), w.hideClass('step'));
      const stepBtn = button('Take a gradient step');
      const ro = { acc: readout('Accuracy'), right: readout('Points right'), loss: readout('Loss'),
        slope: readout('Loss slope'), accSlope: readout('Accuracy slope'), best: readout('Least-loss boundary') };
      w.layout([w.figure, w.message,
        el('div', { class: 'dh-controls' }, boundary.box, steep.box, rate.box),
        el('div', { class: 'dh-buttons' + w.hideClass('step') }, stepBtn),
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box)),
        status, w.narrator], [boundary.input, steep.input, rate.input, stepBtn]);

      const M = await w.module();
      const model = new M.LossAccuracy();
      model.setBoundary(values.boundary);
      model.setSteepness(values.steepness);
      model.setLearningRate(values.lr);
      w.show(model, { width: 640, height: 512, draw: 'showLossAccuracy',
        aspect: () => (w.figure.clientWidth < 500 ? 1.3 : 0.8) });

      const describe = (s) => {
        const side = s.slopeBoundary < 0 ? 'right' : 'left';
        const flat = Number.isNaN(s.accuracySlope) ? 'The boundary sits on a point, where the accuracy jumps.'
          : 'The accuracy is flat here (slope 0): it gives no direction.';
        return `The boundary is at ${fmt(s.boundary, 2)}: ${s.correct} of ${s.count} points are on their own side ` +
          `(accuracy ${fmt(s.accuracy, 3)}). The loss is ${fmt(s.loss, 3)} with slope ${fmt(s.slopeBoundary, 3)}` +
          (Math.abs(s.slopeBoundary) < 1e-3 ? ', at its lowest. ' : `: moving the boundary ${side} lowers it. `) + flat;
      };
      const refresh = () => {
        const s = model.state();
        boundary.output.textContent = fmt(s.boundary, 2);
        steep.output.textContent = fmt(s.steepness, 2);
        rate.output.textContent = fmt(s.learningRate, 2);
        boundary.input.value = String(s.boundary);
        steep.input.value = String(s.steepness);
        rate.input.value = String(s.learningRate);
        ro.acc.out.textContent = fmt(s.accuracy, 4);
        ro.right.out.textContent = `${s.correct} of ${s.count}`;
        ro.loss.out.textContent = fmt(s.loss, 4);
        ro.slope.out.textContent = fmt(s.slopeBoundary, 4);
        ro.accSlope.out.textContent = Number.isNaN(s.accuracySlope) ? 'a jump' : '0';
        ro.best.out.textContent = fmt(s.bestBoundary, 2);
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + describe(s);
        canvas.setAttribute('aria-label', `Points and boundary at ${fmt(s.boundary, 2)}; accuracy ${s.correct} of ${s.count}, ` +
          `loss ${fmt(s.loss, 3)}.`);
        return s;
      };
      const set = (key, v) => {
        const r = RANGES[key], n = Number(v);
        if (!Number.isFinite(n)) { w.showMessage(`The ${r.name} must be a number.`); return false; }
        const c = Math.min(r.max, Math.max(r.min, n));
        w.showMessage(c !== n ? `The ${r.name} lies between ${r.min} and ${r.max}; using ${c}.` : '');
        if (key === 'boundary') model.setBoundary(c);
        else if (key === 'steepness') model.setSteepness(c);
        else model.setLearningRate(c);
        refresh();
        return true;
      };
      const step = () => {
        const before = model.state();
        model.gradientStep();
        const s = refresh();
        w.say(`Gradient step: the boundary moved from ${fmt(before.boundary, 2)} to ${fmt(s.boundary, 2)}; ` +
          `loss ${fmt(before.loss, 3)} to ${fmt(s.loss, 3)}, accuracy ${before.correct} to ${s.correct} of ${s.count}.`);
        return s;
      };
      boundary.input.addEventListener('input', () => set('boundary', boundary.input.value));
      steep.input.addEventListener('input', () => set('steepness', steep.input.value));
      rate.input.addEventListener('input', () => set('lr', rate.input.value));
      stepBtn.addEventListener('click', step);
      // Pointer: press and drag across the canvas moves the boundary (on the 0.1 grid, which
      // no point sits on); a finger swiping up or down scrolls the page.
      onDragAcross(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        set('boundary', Math.round(model.boundaryAt(e.clientX - r.left, r.width) * 10) / 10);
      });
      refresh();
      w.settings(() => model.state(), { boundary: 'boundary', steepness: 'steepness', lr: 'learningRate' });
      return {
        setBoundary: (v) => set('boundary', v), setSteepness: (v) => set('steepness', v),
        setLearningRate: (v) => set('lr', v), gradientStep: step, points: () => model.points(),
      };
    },
  });
})();
