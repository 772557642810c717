// widget-loss-gap.js: the loss gap slider: drag the prediction (and the true value) and
// watch the gap and four losses change (lessons/01-what-is-loss.md).
(function () {
  'use strict';
  const { el, fmt, nextId, createModule, followSize, followTheme } = window.DownhillWidgets;

  async function mountLossGap(root, values, notices) {
    const hidden = new Set(String(values.hide || '').split(',').filter(Boolean));
    const slider = (label, value, key) => {
      const id = nextId(key), out = nextId(key + '-out');
      const input = el('input', { type: 'range', id, min: 0, max: 1, step: 0.01, value, 'aria-describedby': out });
      const output = el('output', { id: out, for: id }, value.toFixed(2));
      const box = el('div', { class: 'dh-field' + (hidden.has(key) ? ' dh-hidden' : '') },
        el('label', { for: id }, label), el('div', { class: 'dh-range' }, input, output));
      return { input, output, box };
    };
    const pred = slider('Prediction', values.prediction, 'prediction');
    const truth = slider('True value', values.truth, 'truth');
    const readout = (label) => {
      const lid = nextId('ro');
      const out = el('output', { 'aria-labelledby': lid, class: 'dh-ro-value' }, '—');
      return { box: el('div', { class: 'dh-ro' }, el('span', { id: lid, class: 'dh-ro-label' }, label), out), out };
    };
    const ro = { gap: readout('Gap'), sq: readout('Squared error'), abs: readout('Absolute error'),
      huber: readout('Huber loss'), ce: readout('Cross-entropy') };
    const canvas = el('canvas', { class: 'dh-canvas', role: 'img', 'aria-label': 'Number line with the truth and the prediction' });
    const message = el('p', { class: 'dh-message', role: 'alert', hidden: true });
    const status = el('p', { class: 'dh-status' });
    root.replaceChildren(el('div', { class: 'dh-roll dh-loss-gap', role: 'group', 'aria-label': 'Loss gap slider' },
      el('div', { class: 'dh-figure' }, canvas), message,
      el('div', { class: 'dh-controls' }, pred.box, truth.box),
      el('div', { class: 'dh-readouts' + (hidden.has('readouts') ? ' dh-hidden' : '') },
        ro.gap.box, ro.sq.box, ro.abs.box, ro.huber.box, ro.ce.box),
      status));
    const showMessage = (t) => { message.hidden = !t; message.textContent = t || ''; };
    if (notices.length) showMessage(notices.join(' '));

    let M;
    try { M = await createModule(canvas); } catch (e) { status.textContent = 'The simulator could not start.'; return null; }
    const gap = new M.LossGap();
    gap.setTruth(values.truth);
    gap.setPrediction(values.prediction);
    try { M.startCanvas(640, 240); M.showLossGap(gap); followSize(M, canvas, 0.42); followTheme(M); }
    catch (e) { canvas.hidden = true; status.textContent = e.message; }

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
      status.textContent = s.gap < 0.005 ? 'The prediction matches the truth: every loss is at (or near) its smallest value.'
        : `The gap is ${fmt(s.gap, 2)}. Squaring makes it ${fmt(s.squared, 4)}: ${s.gap < 1 ? 'small gaps shrink when squared' : 'big gaps grow'}; ` +
          `Huber is ${big ? 'in its straight part (the gap exceeds 0.25)' : 'in its curved part (the gap is within 0.25)'}.`;
      canvas.setAttribute('aria-label', `Number line: truth ${fmt(s.truth, 2)}, prediction ${fmt(s.prediction, 2)}, gap ${fmt(s.gap, 2)}.`);
    };
    const set = (which, v) => {
      const n = Number(v);
      if (!Number.isFinite(n)) { showMessage(`The ${which === 'truth' ? 'true value' : 'prediction'} must be a number.`); return false; }
      const c = Math.min(1, Math.max(0, n));
      showMessage(c !== n ? `Values lie between 0 and 1; using ${c}.` : '');
      if (which === 'truth') gap.setTruth(c); else gap.setPrediction(c);
      refresh();
      return true;
    };
    pred.input.addEventListener('input', () => set('prediction', pred.input.value));
    truth.input.addEventListener('input', () => set('truth', truth.input.value));
    // Pointer: press and drag on the canvas moves the prediction.
    let dragging = false;
    const fromPointer = (e) => {
      const r = canvas.getBoundingClientRect();
      set('prediction', Math.round(gap.valueAt(e.clientX - r.left, r.width) * 100) / 100);
    };
    canvas.addEventListener('pointerdown', (e) => { dragging = true; canvas.setPointerCapture(e.pointerId); fromPointer(e); });
    canvas.addEventListener('pointermove', (e) => { if (dragging) fromPointer(e); });
    canvas.addEventListener('pointerup', () => { dragging = false; });
    canvas.addEventListener('pointercancel', () => { dragging = false; });
    refresh();
    return { name: 'loss-gap', module: M, model: gap, state: () => gap.state(),
      setPrediction: (v) => set('prediction', v), setTruth: (v) => set('truth', v),
      // The settings that reproduce what the learner sees (for links and embeds).
      values() { const s = gap.state(); return { truth: s.truth, prediction: s.prediction, hide: values.hide }; } };
  }

  window.DownhillWidgets.register('loss-gap', mountLossGap);
})();
