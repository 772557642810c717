// widget-code-walk.js: the training loop, one line of code at a time (lessons/07-training-loop.md).
// The code is listed with the line that just ran highlighted (aria-current="step"); the
// core runs the same program line by line, so the variables, the picture and the printed
// output always show exactly what the code has computed so far.
// Page API (window.Downhill.widgets[i]): state(), values(), next(), back(), run(on),
// reset(), setLearningRate(lr), setEpochs(n).
(function () {
  'use strict';
  const { el, fmt, nextId, prefersReducedMotion, Schema, slider, readout, field, onCommit, parseNumber,
    defineWidget } = window.DownhillWidgets;

  const P = Schema.WIDGETS['code-walk'].params;
  // Numbers as the page shows them: fixed digits, huge ones in powers of ten, never NaN.
  const num = (v, digits) => (Number.isFinite(v) && Math.abs(v) >= 1e6 ? v.toExponential(3).replace('-', '−') : fmt(v, digits));
  const list = (a, digits) => '[' + Array.from(a, (v) => num(v, digits)).join(', ') + ']';

  defineWidget('code-walk', {
    label: 'Training loop, line by line',
    className: 'dh-code-walk',
    canvasLabel: 'Data and loss chart (loading)',
    async mount(w) {
      const { values, canvas, figure, status } = w;

      // ---- markup ----
      const codeTitle = nextId('code');
      const code = el('ol', { class: 'dh-code', 'aria-labelledby': codeTitle });
      const key = el('p', { class: 'dh-status dh-code-key' }, 'Highlighted: the line that just ran. Bar at the left edge: the line that runs next.');
      const codeBox = el('div', { class: 'dh-code-box' }, el('p', { id: codeTitle, class: 'dh-status' }, 'The training loop (pseudo-Python: arithmetic on a list works point by point)'), code, key);
      figure.classList.add('dh-code-figure');
      const top = el('div', { class: 'dh-code-top' }, codeBox, figure);

      const backBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Previous line');
      const nextBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Next line');
      const runBtn = el('button', { type: 'button', class: 'dh-btn' + w.hideClass('run') }, 'Run');
      const resetBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Reset');
      const lr = slider('Learning rate', { min: P.lr.min, max: P.lr.max, step: 0.001, value: values.lr }, '', w.hideClass('lr'));
      const epochsInput = el('input', { type: 'number', id: nextId('epochs'), min: P.epochs.min, max: P.epochs.max, step: 1, value: values.epochs, inputmode: 'numeric' });
      const controls = el('div', { class: 'dh-controls' },
        el('div', { class: 'dh-buttons' }, backBtn, nextBtn, runBtn, resetBtn),
        lr.box, field('Epochs', epochsInput, w.hideClass('epochs')));

      const ro = { epoch: readout('epoch'), w: readout('w'), prediction: readout('prediction'), loss: readout('loss'), gradient: readout('gradient') };
      const varsTitle = nextId('vars');
      const variables = el('div', { class: 'dh-stack dh-vars' + w.hideClass('variables'), role: 'group', 'aria-labelledby': varsTitle },
        el('p', { id: varsTitle, class: 'dh-status' }, 'Variables after the highlighted line'),
        el('div', { class: 'dh-readouts' }, ro.epoch.box, ro.w.box, ro.prediction.box, ro.loss.box, ro.gradient.box));
      const outTitle = nextId('out');
      // The printed lines scroll in their box once there are many: it takes the focus so keys can scroll it.
      const output = el('pre', { class: 'dh-printed', role: 'region', 'aria-labelledby': outTitle, tabindex: '0' });
      const outputBox = el('div', { class: 'dh-stack' + w.hideClass('output') }, el('p', { id: outTitle, class: 'dh-status' }, 'Printed output'), output);
      w.layout([top, w.message, controls, status, variables, outputBox, w.narrator],
        [backBtn, nextBtn, runBtn, resetBtn, lr.input, epochsInput]);

      // ---- module ----
      const M = await w.module();
      const walk = new M.CodeWalk();
      walk.setLearningRate(values.lr);
      walk.setEpochs(values.epochs);
      // Reduced motion: Run goes no faster than one line a second.
      const speed = () => (prefersReducedMotion() ? Math.min(values.speed, 1) : values.speed);
      walk.setSpeed(speed());
      w.show(walk, { width: 480, height: 360, draw: 'showCodeWalk', aspect: 0.75 });

      // ---- the code listing ----
      let items = [];
      const writeCode = () => {
        items = walk.lines().map((text) => {
          // A wrapped line continues two characters in from where its statement starts.
          const hang = text.length - text.trimStart().length + 2;
          const codeEl = el('code', {}, text);
          codeEl.style.setProperty('--dh-hang', String(hang)); // in characters (widgets.css)
          return el('li', {}, codeEl);
        });
        code.replaceChildren(...items);
      };
      const markCode = (s) => {
        items.forEach((li, k) => {
          const now = k + 1 === s.line, next = k + 1 === s.nextLine;
          if (now) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
          li.classList.toggle('dh-code-next', next && !now);
        });
      };

      // ---- what each line did, in words ----
      const effect = (s) => {
        switch (s.line) {
          case 1: return { short: 'x = ' + list(walk.data().x, 0), long: 'x holds the four inputs.' };
          case 2: return { short: 'y = ' + list(walk.data().y, 1), long: 'y holds the four true answers. The rule behind them is close to y = 2x, but the model does not know that.' };
          case 3: return { short: 'w = 0', long: 'The model’s only weight starts at 0: a flat line that predicts 0 for everything.' };
          case 4: return { short: 'learning_rate = ' + num(s.rate, 3), long: `The learning rate ${num(s.rate, 3)} sets how big a step each update takes.` };
          case 5: return s.finished
            ? { short: `the loop is over after ${s.epochs} epochs`, long: `The loop is over after ${s.epochs} epochs: w ended at ${num(s.w, 4)} (the best w for these points is 1.99).` }
            : { short: `epoch = ${s.epoch}`, long: `Epoch ${s.epoch} begins: one full pass over the four points.` };
          case 6: return { short: 'prediction = ' + list(walk.prediction(), 3), long: `Forward pass: the model multiplies each x by w = ${num(s.w, 4)}.` };
          case 7: return { short: 'loss = ' + num(s.loss, 4), long: `The loss is the mean of the squared errors: ${num(s.loss, 4)}. Smaller is better.` };
          case 8: return { short: 'gradient = ' + num(s.gradient, 4),
            long: `Backward pass: the slope of the loss with respect to w is ${num(s.gradient, 4)}. ` +
              (s.gradient < 0 ? 'It is negative, so increasing w lowers the loss.' : s.gradient > 0 ? 'It is positive, so decreasing w lowers the loss.' : 'It is zero: w is at the bottom.') };
          case 9: return { short: 'w = ' + num(s.w, 4),
            long: `Update: w moves against the gradient by learning_rate × gradient, to ${num(s.w, 4)}.` };
          case 10: return { short: `printed ${s.epoch}, ${num(s.w, 4)}, ${num(s.loss, 4)}`, long: 'print shows the epoch, the new w and the loss of this epoch.' };
          default: return { short: '', long: 'Nothing has run yet. Press Next line to run line 1.' };
        }
      };
      const watchOut = (s) => {
        if (s.blewUp) return ' The numbers grew too large to compute: lower the learning rate and press Reset.';
        const losses = walk.losses();
        const n = losses.length;
        if (n >= 3 && losses[n - 1] > losses[n - 2] && losses[n - 2] > losses[n - 3])
          return ' The loss is growing every epoch: the learning rate is too high (above about 0.133 here), so each step overshoots. Lower it and press Reset.';
        return '';
      };

      // ---- reading the walk ----
      let shownLines = '';
      const refresh = w.refresher(() => walk.state(), (s, narrate) => {
        const key = s.learningRate + '/' + s.epochs;
        if (key !== shownLines) { shownLines = key; writeCode(); }
        markCode(s);
        const unset = 'not set yet';
        ro.epoch.out.textContent = s.epoch > 0 ? String(s.epoch) : unset;
        ro.w.out.textContent = s.hasW ? num(s.w, 4) : unset;
        // A variable assigned later in the loop body still holds last epoch's value early on.
        const from = (assignedAt) => (s.epoch > 1 && !s.finished && s.line >= 5 && s.line < assignedAt ? ` (from epoch ${s.epoch - 1})` : '');
        ro.prediction.out.textContent = s.hasPrediction ? list(walk.prediction(), 3) + from(6) : unset;
        ro.loss.out.textContent = s.hasLoss ? num(s.loss, 4) + from(7) : unset;
        ro.gradient.out.textContent = s.hasGradient ? num(s.gradient, 4) + from(8) : unset;
        const printed = walk.printed();
        output.textContent = printed.map((p) => `${p.epoch} ${num(p.w, 4)} ${num(p.loss, 4)}`).join('\n');
        output.scrollTop = output.scrollHeight;
        const fx = effect(s);
        const where = s.line ? `Line ${s.line} ran: ` : '';
        const next = s.nextLine ? ` Next: line ${s.nextLine}.` : ' The program has ended; press Reset to start again.';
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + where + fx.long + watchOut(s) + next;
        runBtn.textContent = s.playing ? 'Pause' : 'Run';
        // aria-disabled rather than disabled: a button in use keeps the keyboard focus.
        const dim = (b, off) => { b.setAttribute('aria-disabled', String(off)); };
        dim(nextBtn, s.finished);
        dim(backBtn, s.linesRun === 0);
        dim(runBtn, s.finished && !s.playing);
        lr.input.value = String(s.learningRate);
        lr.output.textContent = s.learningRate.toFixed(3);
        if (epochsInput.dataset.committed !== String(s.epochs)) { epochsInput.value = String(s.epochs); epochsInput.dataset.committed = String(s.epochs); }
        const losses = walk.losses();
        canvas.setAttribute('aria-label', `Four data points and the model’s line y = w·x with w = ${s.hasW ? num(s.w, 3) : 'not set'}` +
          (s.hasPrediction ? ', with the predictions and their errors' : '') +
          `; loss per epoch: ${losses.length ? Array.from(losses, (v) => num(v, 2)).slice(-6).join(', ') + (losses.length > 6 ? ' (last six)' : '') : 'none yet'}.`);
        // While Run is on, only the end of each epoch is narrated; a stepped line always is.
        if (s.line && (narrate || (s.playing && s.line === 10) || (!s.playing && s.finished)))
          w.say(`Line ${s.line}: ${fx.short}.`);
      });
      w.animate(refresh);
      refresh(false);

      // ---- controls ----
      const api = {
        walk,
        next() { const ran = walk.next(); refresh(true); return ran; },
        back() { const ok = walk.back(); refresh(true); return ok; },
        run(on) {
          const s = walk.state();
          const want = on === undefined ? !s.playing : !!on;
          walk.setSpeed(speed());
          walk.setPlaying(want);
          refresh(false);
          if (!want) w.say(`Paused after line ${walk.state().line || 0}.`);
        },
        reset() { walk.reset(); w.showMessage(''); refresh(true); w.say('Back to the start: nothing has run yet.'); },
        setLearningRate(v) {
          const n = parseNumber(v);
          if (!Number.isFinite(n)) { w.showMessage('The learning rate must be a number; it stays at ' + walk.state().learningRate.toFixed(3) + '.'); return false; }
          const c = Math.min(P.lr.max, Math.max(P.lr.min, Math.round(n * 1000) / 1000));
          w.showMessage(n < P.lr.min || n > P.lr.max ? `A learning rate of ${String(n).slice(0, 12)} is outside ${P.lr.min}–${P.lr.max}; using ${c}.` : '');
          walk.setLearningRate(c);
          refresh(false);
          w.say(`Learning rate ${c}: the program starts again.`);
          return true;
        },
        setEpochs(v) {
          const n = parseNumber(v);
          if (!Number.isFinite(n)) {
            w.showMessage(`Enter the number of epochs as a whole number from ${P.epochs.min} to ${P.epochs.max}.`);
            epochsInput.value = String(walk.state().epochs);
            return false;
          }
          const c = Math.min(P.epochs.max, Math.max(P.epochs.min, Math.round(n)));
          w.showMessage(c !== n ? `Epochs must be a whole number from ${P.epochs.min} to ${P.epochs.max}; using ${c}.` : '');
          walk.setEpochs(c);
          epochsInput.value = String(c);
          refresh(false);
          w.say(`${c} epochs: the program starts again.`);
          return true;
        },
      };
      // The settings that reproduce what the learner sees (for links and embeds).
      w.settings(() => walk.state(), { lr: 'learningRate', epochs: 'epochs', speed: () => values.speed });
      nextBtn.addEventListener('click', () => api.next());
      backBtn.addEventListener('click', () => api.back());
      runBtn.addEventListener('click', () => api.run());
      resetBtn.addEventListener('click', () => api.reset());
      lr.input.addEventListener('input', () => api.setLearningRate(Number(lr.input.value)));
      onCommit(epochsInput, (v) => api.setEpochs(v));
      return api;
    },
  });
})();
