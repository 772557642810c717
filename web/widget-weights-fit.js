// widget-weights-fit.js: one line through a small data set and the same two weights as one
// point on the MSE contour map over (w, b); drag the point (or use the sliders) and the line
// follows, run gradient descent and both move, and scale the feature to turn the long
// valley round (lessons/04-gradient-descent.md).
(function () {
  'use strict';
  const { el, fmt, slider, readout, checkbox, onDragAcross, defineWidget } = window.DownhillWidgets;

  // The line in words: "y = 1.51x − 4.91" (x standardised: "y = 2.52·z + 2.63, z = standardised x").
  const signed = (v, d) => (v < 0 ? `− ${fmt(-v, d)}` : `+ ${fmt(v, d)}`);
  const lineWords = (s, w, b) => (s.scaled ? `y = ${fmt(w, 2)}·z ${signed(b, 2)} (z is x standardised)` : `y = ${fmt(w, 2)}x ${signed(b, 2)}`);
  const stepsWords = (n) => (n < 0 ? 'never' : String(n));

  defineWidget('weights-fit', {
    label: 'Weights and fit, linked',
    className: 'dh-weights-fit',
    canvasLabel: 'The data with the current line, beside the MSE contour map over w and b (loading)',
    async mount(w) {
      const { values, canvas, figure, status } = w;
      const wSlider = slider('Weight w (slope)', { min: -1.5, max: 4.5, step: 0.01, value: 0 }, '0', w.hideClass('weights'));
      const bSlider = slider('Bias b (intercept)', { min: -20, max: 10, step: 0.05, value: 0 }, '0', w.hideClass('weights'));
      const lrSlider = slider('Learning rate', { min: 0.001, max: 1.2, step: 0.001, value: 0.03 }, '0.03', w.hideClass('rate'));
      const { input: scaleBox, box: scaleField } = checkbox('Scale the feature (standardise x)', values.scale === 'on', w.hideClass('scale'));
      scaleBox.setAttribute('role', 'switch');
      const play = w.playButtons();
      const names = {
        w: 'w', b: 'b', mse: 'MSE', step: 'Step', minW: 'Best w', minB: 'Best b', minMse: 'Lowest MSE',
        condition: 'Condition number', maxLr: 'Largest stable learning rate',
        stepsRaw: 'Steps to the minimum, x as measured', stepsScaled: 'Steps to the minimum, x scaled',
      };
      const ro = Object.fromEntries(Object.entries(names).map(([k, label]) => [k, readout(label)]));
      w.layout([figure, w.message,
        el('div', { class: 'dh-controls' }, wSlider.box, bSlider.box, lrSlider.box, scaleField, play.box),
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box)),
        status, w.narrator],
      [wSlider.input, bSlider.input, lrSlider.input, scaleBox, play.step, play.play, play.reset]);

      const M = await w.module();
      const fit = new M.WeightsFit();
      fit.setScaled(values.scale === 'on');
      fit.setLearningRate(values.lr);
      // A start outside the window of this x moves to its edge, with a note.
      const inWindow = (s, wv, bv) => [Math.min(s.wMax, Math.max(s.wMin, wv)), Math.min(s.bMax, Math.max(s.bMin, bv))];
      {
        const s = fit.state();
        const [wv, bv] = inWindow(s, values.w, values.b);
        if (wv !== values.w || bv !== values.b) {
          w.notes.push(`With ${s.scaled ? 'standardised' : 'measured'} x the map shows w from ${s.wMin} to ${s.wMax} and b from ${s.bMin} to ${s.bMax}, so the start moved to (${wv}, ${bv}).`);
        }
        fit.setWeights(wv, bv);
      }
      fit.setSpeed(window.DownhillWidgets.prefersReducedMotion() ? 15 : 60);
      w.showNotes();
      const aspectFor = (width) => (width < 560 ? 1.9 : 0.5);
      w.show(fit, { width: 720, height: 360, draw: 'showWeightsFit', aspect: () => aspectFor(figure.clientWidth || 720) });

      let wasPlaying = false;
      const summary = (s) => {
        const head = `The line ${lineWords(s, s.w, s.b)} has MSE ${fmt(s.mse, 3)}; the best line, ${lineWords(s, s.minW, s.minB)}, has MSE ${fmt(s.minMse, 3)}.`;
        if (s.diverged) return `${head} Gradient descent blew up at step ${s.step}: the learning rate ${fmt(s.learningRate, 3)} is above the largest stable one, ${fmt(s.maxStableLr, 4)}.`;
        if (s.reached) return `${head} ${s.step ? `Gradient descent reached the minimum in ${s.step} steps.` : 'This is already within 0.001 of the lowest MSE.'}`;
        if (s.step === 0) return `${head} Press Play to run gradient descent from here: x as measured needs ${stepsWords(s.stepsRaw)} steps, x scaled ${stepsWords(s.stepsScaled)}` +
          (s.stepsRaw < 0 || s.stepsScaled < 0 ? ' (never: it blows up, or needs more than 5000).' : '.');
        return `${head} Step ${s.step}${s.playing ? ', running…' : '.'}`;
      };
      const refresh = w.refresher(() => fit.state(), (s, narrate) => {
        wSlider.input.min = String(s.wMin); wSlider.input.max = String(s.wMax);
        bSlider.input.min = String(s.bMin); bSlider.input.max = String(s.bMax);
        if (document.activeElement !== wSlider.input) wSlider.input.value = String(s.w);
        if (document.activeElement !== bSlider.input) bSlider.input.value = String(s.b);
        lrSlider.input.value = String(s.learningRate);
        wSlider.output.textContent = fmt(s.w, 2);
        bSlider.output.textContent = fmt(s.b, 2);
        lrSlider.output.textContent = fmt(s.learningRate, 3);
        scaleBox.checked = s.scaled;
        ro.w.out.textContent = fmt(s.w, 3);
        ro.b.out.textContent = fmt(s.b, 3);
        ro.mse.out.textContent = fmt(s.mse, 4);
        ro.step.out.textContent = String(s.step);
        ro.minW.out.textContent = fmt(s.minW, 3);
        ro.minB.out.textContent = fmt(s.minB, 3);
        ro.minMse.out.textContent = fmt(s.minMse, 4);
        ro.condition.out.textContent = fmt(s.condition, 1);
        ro.maxLr.out.textContent = fmt(s.maxStableLr, 4);
        ro.stepsRaw.out.textContent = stepsWords(s.stepsRaw);
        ro.stepsScaled.out.textContent = stepsWords(s.stepsScaled);
        w.showPlaying(s.playing);
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + summary(s);
        canvas.setAttribute('aria-label', `Left: 16 data points and the line ${lineWords(s, s.w, s.b)}. Right: the MSE contour map over w and b, ` +
          `${s.scaled ? 'near-circles around' : 'long thin ellipses around'} the minimum at w = ${fmt(s.minW, 2)}, b = ${fmt(s.minB, 2)}; ` +
          `the current point is at w = ${fmt(s.w, 2)}, b = ${fmt(s.b, 2)} after ${s.step} steps.`);
        if (narrate || (!s.playing && wasPlaying)) w.say(summary(s));
        wasPlaying = s.playing;
      });
      w.animate(refresh);
      refresh(true);

      const setWeights = (wv, bv) => {
        const s = fit.state();
        const [a, b] = inWindow(s, Number(wv), Number(bv));
        if (!Number.isFinite(a) || !Number.isFinite(b)) { w.showMessage('The weights w and b must be numbers.'); return false; }
        w.showMessage('');
        fit.setWeights(a, b);
        refresh(false);
        return true;
      };
      const api = {
        setWeights,
        setLearningRate(v) {
          const n = Number(v);
          if (!Number.isFinite(n)) { w.showMessage('The learning rate must be a number.'); return false; }
          const c = Math.min(1.2, Math.max(0.001, n));
          w.showMessage(c !== n ? `Learning rates here go from 0.001 to 1.2; using ${c}.` : '');
          fit.setLearningRate(c);
          refresh(true);
          return true;
        },
        setScaled(on) { fit.setScaled(!!on); refresh(true); return true; },
        step() { fit.step(); refresh(true); },
        reset() { fit.reset(); w.showMessage(''); refresh(true); },
        play(on) {
          const want = on === undefined ? !fit.state().playing : !!on;
          fit.setPlaying(want);
          if (want && !fit.state().playing) w.say('The run is over. Move the point or press Reset.');
          refresh(false);
        },
      };
      wSlider.input.addEventListener('input', () => setWeights(wSlider.input.value, fit.state().b));
      bSlider.input.addEventListener('input', () => setWeights(fit.state().w, bSlider.input.value));
      lrSlider.input.addEventListener('input', () => api.setLearningRate(lrSlider.input.value));
      scaleBox.addEventListener('change', () => api.setScaled(scaleBox.checked));
      // Pointer: press (or tap) and drag on the map places the point; the line follows.
      onDragAcross(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        const p = fit.pointFromCanvas(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (p) setWeights(Math.round(p.w * 100) / 100, Math.round(p.b * 100) / 100);
      });
      w.settings(() => fit.state(), { w: 'startW', b: 'startB', lr: 'learningRate', scale: (s) => (s.scaled ? 'on' : 'off') });
      return api;
    },
  });
})();
