// widget-training-lab.js: the training lab: train a small real model in the browser and
// watch its loss curve (lessons/07-training-loop.md and 09-loss-curves.md). Data, model,
// loss, batch mode, optimizer, learning rate and its schedule, weight decay (L2), early
// stopping, the test share and seed are HTML controls; the canvas shows the data over the
// model's class shading (or its fitted curve), the training and validation loss per epoch
// and, under it, the learning rate a schedule gives. Finish and test measures the held-out
// test set once. Your own data: clicks on the data plot add or
// remove points, or a CSV is typed, pasted or dropped; the core reads and checks it.
// The host advances epochs from the frame loop while Train is on.
(function () {
  'use strict';
  const { el, fmt, nextId, prefersReducedMotion, Schema, goalNumber, field, slider, readout, styled, onCommit, onTap, typed,
    defineWidget } = window.DownhillWidgets;
  const P = Schema.WIDGETS['training-lab'].params;

  // ---- What the data allows -----------------------------------------------------------
  const DATASETS = [['circle', 'Circle'], ['xor', 'XOR'], ['blobs', 'Two blobs'], ['spiral', 'Spiral'],
    ['blobs3', 'Three classes'], ['line', 'Line with an outlier (regression)'], ['own', 'Your own data']];
  const CLASSES = { circle: 2, xor: 2, blobs: 2, spiral: 2, blobs3: 3, spiral3: 3, line: 0 };
  const MAX_CSV = 100000; // characters of a CSV (src/core/train/own_data.hpp: kMaxCsvChars)
  const MODEL_NAMES = { mlp: 'Neural network (MLP)', 'logistic-regression': 'Logistic regression',
    'linear-regression': 'Linear regression' };
  const LOSS_NAMES = { bce: 'Binary cross-entropy', hinge: 'Hinge', 'softmax-ce': 'Softmax cross-entropy',
    mse: 'Mean squared error', mae: 'Mean absolute error', huber: 'Huber' };
  const modelsFor = (classes) => (classes === 0 ? ['mlp', 'linear-regression'] : ['mlp', 'logistic-regression']);
  const lossesFor = (classes) => (classes === 0 ? ['mse', 'mae', 'huber'] : classes === 2 ? ['bce', 'hinge', 'softmax-ce'] : ['softmax-ce']);
  const RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
  const SHARES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const L2S = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
  const TESTS = [0, 0.1, 0.2, 0.3];
  // The core's schedule kinds, paced for training (TrainingSchedule in src/core/train/trainer.hpp).
  const SCHEDULES = [['constant', 'Constant'], ['step', 'Step decay'], ['exponential', 'Exponential'], ['cosine', 'Cosine']];
  const pct = (v) => (Number.isFinite(v) ? fmt(100 * v, 1) + '%' : '—');
  const rateText = typed;
  // The typed numbers: the schema's name, the words messages use for it, the input's step
  // and keyboard. Each commits on change or Enter, checked against the schema's range.
  const NUMBERS = [['points', 'Points', 10, 'numeric'], ['outlier', 'The outlier lift', 1, 'decimal'],
    ['batch', 'The batch size', 1, 'numeric'], ['seed', 'The seed', 1, 'numeric'], ['patience', 'The patience', 10, 'numeric']];
  function setOptions(select, pairs, value) {
    select.replaceChildren(...pairs.map(([v, t]) => el('option', { value: v }, t)));
    select.value = value;
  }

  defineWidget('training-lab', {
    label: 'Training lab',
    className: 'dh-training-lab',
    canvasLabel: 'Training lab (loading)',
    async mount(w) {
      const { values, root, canvas, status: reading } = w;
      const given = new URLSearchParams(root.getAttribute('data-params') || '');

      // ---- markup ----
      const legend = el('ul', { class: 'dh-legend', 'aria-label': 'What the picture shows' });
      const trainBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Train');
      const epochBtn = el('button', { type: 'button', class: 'dh-btn' }, 'One epoch');
      const resetBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Reset');
      const overfitBtn = el('button', { type: 'button', class: 'dh-btn dh-btn-quiet' + w.hideClass('preset') }, 'Overfitting preset');
      const finishBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Finish and test');
      const ro = { epoch: readout('Epoch'), iters: readout('Iterations per epoch'), trainLoss: readout('Training loss'),
        valLoss: readout('Validation loss'), trainAcc: readout('Training accuracy'), valAcc: readout('Validation accuracy'),
        best: readout('Best validation epoch'), norm: readout('Weight size'), testLoss: readout('Test loss'), testAcc: readout('Test accuracy') };

      const noise = slider('Noise', { min: P.noise.min, max: P.noise.max, step: 0.05, value: values.noise }, fmt(values.noise, 2));
      const speed = slider('Epochs per second', { min: P.speed.min, max: P.speed.max, step: 1, value: values.speed }, String(values.speed));
      const numberInput = ([name, , step, inputmode]) => styled(el('input', { type: 'number', min: P[name].min, max: P[name].max, step,
        value: values[name], inputmode }));
      const c = {
        dataset: styled(el('select', {})),
        noise: noise.input,
        share: styled(el('select', {})),
        model: styled(el('select', {})),
        hidden: styled(el('input', { type: 'text', id: nextId('hidden'), value: values.hidden, size: 10, maxlength: P.hidden.maxLength,
          autocomplete: 'off', spellcheck: 'false' })),
        activation: styled(el('select', {})),
        loss: styled(el('select', {})),
        lr: styled(el('select', {})),
        optimizer: styled(el('select', {})),
        schedule: styled(el('select', {})),
        l2: styled(el('select', {})),
        test: styled(el('select', {})),
        speed: speed.input,
      };
      for (const spec of NUMBERS) c[spec[0]] = numberInput(spec);
      setOptions(c.dataset, DATASETS, values.dataset);
      setOptions(c.activation, [['tanh', 'tanh'], ['relu', 'ReLU'], ['sigmoid', 'sigmoid'], ['linear', 'linear (none)']], values.activation);
      const withValue = (list, v) => (list.some((x) => Math.abs(x - v) < 1e-12) ? list : [...list, v].sort((a, b) => a - b));
      setOptions(c.share, withValue(SHARES, values.train).map((v) => [String(v), fmt(100 * v, v * 100 % 1 ? 1 : 0) + '%']), String(values.train));
      setOptions(c.lr, withValue(RATES, values.lr).map((v) => [String(v), rateText(v)]), String(values.lr));
      const l2Options = (v) => withValue(L2S, v).map((x) => [String(x), x ? rateText(x) : 'off']);
      const testOptions = (v) => withValue(TESTS, v).map((x) => [String(x), x ? fmt(100 * x, x * 100 % 1 ? 1 : 0) + '%' : 'none']);
      setOptions(c.l2, l2Options(values.l2), String(values.l2));
      setOptions(c.test, testOptions(values.test), String(values.test));
      const hiddenHint = el('span', { id: nextId('hint'), class: 'dh-ro-label' }, 'units per layer, like 4,2');
      c.hidden.setAttribute('aria-describedby', hiddenHint.id);
      const modeName = nextId('mode');
      const modes = [['batch', 'Batch (all points)'], ['mini-batch', 'Mini-batch'], ['stochastic', 'Stochastic (one point)']].map(([v, t]) => {
        const input = el('input', { type: 'radio', name: modeName, value: v, id: nextId('mode') });
        input.checked = v === values.mode;
        return { v, input, box: el('div', { class: 'dh-check' }, input, el('label', { for: input.id }, t)) };
      });
      const modeGroup = el('fieldset', { class: 'dh-field dh-plain-set' }, el('legend', {}, 'Batch mode'), ...modes.map((m) => m.box));

      const outlierField = field('Outlier lift', c.outlier);
      const hiddenField = el('div', { class: 'dh-field' }, el('label', { for: c.hidden.id }, 'Hidden layers'), c.hidden, hiddenHint);
      const group = (legendText, key, ...children) =>
        el('fieldset', { class: 'dh-controls dh-group' + w.hideClass(key) }, el('legend', {}, legendText), ...children);
      // Your own data: what a click on the data plot does, and the points as CSV text.
      const ownName = nextId('own');
      const clickModes = [['0', 'Add class 0'], ['1', 'Add class 1'], ['2', 'Add class 2'], ['remove', 'Remove']].map(([v, t]) => {
        const input = el('input', { type: 'radio', name: ownName, value: v, id: nextId('own') });
        input.checked = v === '0';
        return { v, input, box: el('div', { class: 'dh-check' }, input, el('label', { for: input.id }, t)) };
      });
      const csvHint = el('p', { id: nextId('hint'), class: 'dh-ro-label' }, 'Click or tap the data plot to add a point of the chosen ' +
        'class, or choose Remove and click a point. Or, with the keyboard, type or paste points here (or drop a CSV file): one ' +
        'per line as x, y, label, the label 0, 1 or 2, x and y between −1000 and 1000, up to 1000 points.');
      const csv = styled(el('textarea', { id: nextId('csv'), rows: 6, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': csvHint.id }));
      const useBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Use this data');
      const fileInput = el('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
      const downloadBtn = el('button', { type: 'button', class: 'dh-btn dh-btn-quiet' }, 'Download CSV');
      const linkNote = el('p', { class: 'dh-ro-label' });
      const ownBox = el('div', { class: 'dh-own' },
        el('fieldset', { class: 'dh-plain-set dh-own-modes' }, el('legend', {}, 'A click on the data'), ...clickModes.map((m) => m.box)),
        el('label', { for: csv.id }, 'Points as CSV (x, y, label)'), csv, csvHint,
        el('div', { class: 'dh-buttons' }, useBtn, downloadBtn), field('Or open a CSV file', fileInput), linkNote);
      const pointsField = field('Points', c.points);
      const dataGroup = group('Data', 'data',
        field('Dataset', c.dataset), noise.box, pointsField, field('Held out for the test', c.test), field('Share for training', c.share),
        outlierField, ownBox);
      const modelGroup = group('Model', 'model', field('Model', c.model), hiddenField, field('Activation', c.activation), field('Loss', c.loss));
      const trainGroup = group('Training', 'training', modeGroup, field('Batch size', c.batch), field('Optimizer', c.optimizer), field('Learning rate', c.lr),
        field('Learning-rate schedule', c.schedule), field('Weight decay (L2)', c.l2),
        field('Stop early after this many epochs without improvement (0 = off)', c.patience), field('Seed', c.seed),
        speed.box);
      const readouts = el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box));
      w.layout([w.figure, legend, w.message,
        el('div', { class: 'dh-buttons' }, trainBtn, epochBtn, resetBtn, finishBtn, overfitBtn),
        readouts, reading, dataGroup, modelGroup, trainGroup, w.narrator],
      [trainBtn, epochBtn, resetBtn, finishBtn, overfitBtn, ...Object.values(c), ...modes.map((m) => m.input), csv, useBtn, fileInput, downloadBtn]);
      const notes = w.notes;

      // ---- module ----
      const M = await w.module();
      const lab = new M.TrainingLab();
      // The optimizers the schema offers, labelled as the core's table names them.
      const labels = Object.fromEntries(M.TrainingLab.optimizers().map((o) => [o.name, o.label]));
      setOptions(c.optimizer, P.optimizer.values.map((v) => [v, labels[v] || v]), values.optimizer);
      setOptions(c.schedule, SCHEDULES.filter(([v]) => P.schedule.values.includes(v)), values.schedule);
      const wide = () => root.clientWidth >= 560;
      w.show(lab, { width: 640, height: 360, draw: 'showTrainingLab', aspect: () => (wide() ? 0.52 : 1.75), observe: root });

      // ---- settings <-> controls ----
      const mode = () => (modes.find((m) => m.input.checked) || modes[1]).v;
      const fromControls = () => ({
        dataset: c.dataset.value, noise: Number(c.noise.value), points: Number(c.points.value), train: Number(c.share.value),
        outlier: Number(c.outlier.value), model: c.model.value, hidden: c.hidden.value.trim(), activation: c.activation.value,
        loss: c.loss.value, mode: mode(), batch: Number(c.batch.value), lr: Number(c.lr.value), optimizer: c.optimizer.value,
        schedule: c.schedule.value, seed: Number(c.seed.value), l2: Number(c.l2.value), patience: Number(c.patience.value),
        test: Number(c.test.value),
      });
      // The model and loss lists follow the data; a choice that no longer fits moves to the first that does.
      const fitChoices = (s) => {
        const k = s.dataset === 'own' ? lab.ownData().classes : CLASSES[s.dataset] === undefined ? 2 : CLASSES[s.dataset];
        const ms = modelsFor(k), ls = lossesFor(k);
        const out = { ...s };
        if (!ms.includes(out.model)) out.model = out.model === 'mlp' ? 'mlp' : ms[1];
        if (!ls.includes(out.loss)) out.loss = ls[0];
        setOptions(c.model, ms.map((v) => [v, MODEL_NAMES[v]]), out.model);
        setOptions(c.loss, ls.map((v) => [v, LOSS_NAMES[v]]), out.loss);
        return out;
      };
      // The notes when the model or loss had to move to fit the data.
      const fitNote = (before, s) => [
        s.loss !== before.loss && `${LOSS_NAMES[before.loss]} does not fit this data, so the loss is now ${LOSS_NAMES[s.loss].toLowerCase()}.`,
        s.model !== before.model && `The model is now ${MODEL_NAMES[s.model].toLowerCase()}.`].filter(Boolean).join(' ');
      // The own points in the CSV box, and whether a link can carry them.
      const showPoints = () => {
        const n = lab.ownData().points;
        csv.value = lab.pointsCsv();
        linkNote.textContent = n > 200
          ? `${n} points: a link carries at most 200, so Copy link and Embed leave these points out. Download the CSV to share them.`
          : 'Copy link and Embed carry these points (to 3 significant digits).';
      };
      // Shows settings in the controls (after a preset, a refusal or at the start).
      const toControls = (s) => {
        c.dataset.value = s.dataset;
        fitChoices(s);
        c.model.value = s.model;
        c.loss.value = s.loss;
        c.noise.value = String(s.noise);
        noise.output.textContent = fmt(s.noise, 2);
        c.points.value = String(s.points);
        if (![...c.share.options].some((o) => Number(o.value) === s.train))
          setOptions(c.share, withValue(SHARES, s.train).map((v) => [String(v), fmt(100 * v, v * 100 % 1 ? 1 : 0) + '%']), String(s.train));
        c.share.value = String(s.train);
        c.outlier.value = String(s.outlier);
        if (document.activeElement !== c.hidden || !c.hidden.value.trim()) c.hidden.value = s.hidden || c.hidden.value;
        c.activation.value = s.activation;
        modes.forEach((m) => { m.input.checked = m.v === s.mode; });
        c.batch.value = String(s.batch);
        if (![...c.lr.options].some((o) => Number(o.value) === s.lr))
          setOptions(c.lr, withValue(RATES, s.lr).map((v) => [String(v), rateText(v)]), String(s.lr));
        c.lr.value = String(s.lr);
        c.optimizer.value = s.optimizer;
        c.schedule.value = s.schedule;
        c.seed.value = String(s.seed);
        c.patience.value = String(s.patience);
        if (![...c.l2.options].some((o) => Number(o.value) === s.l2)) setOptions(c.l2, l2Options(s.l2), String(s.l2));
        c.l2.value = String(s.l2);
        if (![...c.test.options].some((o) => Number(o.value) === s.test)) setOptions(c.test, testOptions(s.test), String(s.test));
        c.test.value = String(s.test);
        // What the inputs now show is what the run uses: Enter without an edit changes nothing.
        for (const [name] of NUMBERS) c[name].dataset.committed = c[name].value;
        c.hidden.dataset.committed = c.hidden.value.trim();
        enableFields();
      };
      const enableFields = () => {
        const mlp = c.model.value === 'mlp';
        c.hidden.disabled = !mlp;
        c.activation.disabled = !mlp;
        c.batch.disabled = mode() !== 'mini-batch';
        outlierField.classList.toggle('dh-hidden', c.dataset.value !== 'line');
        const own = c.dataset.value === 'own';
        for (const box of [noise.box, pointsField]) box.classList.toggle('dh-hidden', own);
        ownBox.classList.toggle('dh-hidden', !own);
        root.classList.toggle('dh-own-data', own);
      };
      // Configures the run; on refusal shows the core's message and puts the controls back.
      const apply = (s, note) => {
        try {
          lab.configure(s);
          w.showMessage(note || '');
          toControls(lab.settings());
          refresh(true);
          return true;
        } catch (e) {
          w.showMessage(e && e.message ? e.message : String(e));
          toControls(lab.settings());
          refresh(true);
          return false;
        }
      };
      const numberSetting = (name, input, label) => {
        const spec = P[name];
        const r = Schema.parseValue(name, spec, input.value.trim());
        if (r.error) {
          const now = lab.settings()[name];
          w.showMessage(`${label} must be ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}; it stays at ${now}.`);
          input.value = String(now);
          return null;
        }
        return r.value;
      };

      // ---- reading the run ----
      const describe = (s) => {
        const cv = s.curve;
        const tl = fmt(s.trainLoss, 4), start = fmt(cv.startLoss, 4);
        if (s.status === 'diverged')
          return `Training diverged in epoch ${s.divergedEpoch}: the loss grew until it was no longer a number, because every step overshot ` +
            `and the next gradient was even bigger (exploding gradients). The learning rate ${rateText(s.learningRate)} is too high: lower it and press Reset.`;
        if (s.finished)
          return `Finished and tested once: test loss ${fmt(s.testLoss, 4)}` + (s.classes ? `, test accuracy ${pct(s.testAccuracy)}` : '') +
            ` on ${s.testSize} points no choice was made on. This is the run's honest estimate for new data; the run is over, and Reset starts a new one.`;
        if (s.status === 'stopped')
          return `Stopped early after epoch ${s.epoch}: the validation loss had not improved since epoch ${s.bestEpoch}, ` +
            `so the weights of that epoch are back (validation loss ${fmt(s.bestLoss, 4)}).`;
        if (s.epoch === 0) return `Before training the model guesses: training loss ${tl}. Press Train or One epoch.`;
        let text;
        switch (cv.shape) {
          case 'overfitting':
            text = `Validation loss has risen for ${cv.risingFor} epochs while training loss keeps falling: overfitting. ` +
              `The best epoch was ${cv.bestEpoch} (validation loss ${fmt(cv.bestLoss, 4)}, now ${fmt(s.validationLoss, 4)}). ` +
              'The model is memorising the training points; stopping near the best epoch, more data or a smaller network would help.';
            break;
          case 'fluctuating':
            text = `The training loss jumps up and down from epoch to epoch (now ${tl}): the steps are too big for this valley. ` +
              'A lower learning rate (or bigger batches) would calm it.';
            break;
          case 'rising':
            text = `The training loss went up by ${fmt(100 * cv.recentChange, 0)}% over the last ${cv.window} epochs (now ${tl}): ` +
              'the learning rate is probably too high, so each step overshoots.';
            break;
          case 'stuck':
            text = `The loss flattened early at ${tl}, close to where it started (${start}): stuck. ` +
              'The learning rate may be too low, or the model too simple for this data.';
            break;
          case 'settled':
            text = `The loss has levelled off at ${tl}, far below where it started (${start}): training has converged.`;
            break;
          default:
            text = `The training loss is falling: ${start} before training, ${tl} now.`;
        }
        if (s.epoch >= s.maxEpochs) text += ` The lab stops at ${s.maxEpochs} epochs.`;
        return text;
      };
      const dataName = (d) => (DATASETS.find(([v]) => v === d) || [d, d])[1].toLowerCase().replace(/ data$/, '');
      const ariaLabel = (s, st) => {
        const what = s.classes === 0
          ? `${dataName(st.dataset)} data: ${s.trainSize} training points (filled) and ${s.validationSize} validation points (hollow) with the model's fitted curve`
          : `${dataName(st.dataset)} data, ${s.classes} classes: ${s.trainSize} training points (filled) and ${s.validationSize} validation points (hollow) over the model's class shading and decision boundary`;
        return `${what}. Loss chart after ${s.epoch} epochs: training loss ${fmt(s.trainLoss, 3)}, validation loss ${fmt(s.validationLoss, 3)}` +
          (s.bestEpoch >= 0 && s.epoch > 0 ? `, best validation epoch ${s.bestEpoch}` : '') + '.' +
          (st.schedule !== 'constant' ? ` Under it, the learning rate of the ${st.schedule} schedule: ${rateText(s.learningRate)} at the start, ` +
            `${fmt(s.learningRateNow, 3)} now.` : '');
      };
      // Legend marks: a dot, a ring or a line in the colour the canvas uses for `colour`
      // (their colours for either theme: widgets.css, as src/views/training_lab_view.cpp draws them).
      const fillLegend = (s) => {
        const mark = (shape, colour) => el('span', { class: 'dh-swatch dh-key-' + shape, 'data-colour': colour, 'aria-hidden': 'true' });
        const items = [];
        if (s.classes > 0) for (let k = 0; k < s.classes; k++) items.push([mark('dot', 'class' + k), `class ${k}`]);
        else items.push([mark('line', 'fit'), 'fitted curve']);
        const pc = s.classes > 0 ? 'class0' : 'point';
        items.push([mark('dot', pc), 'training point (filled)'], [mark('ring', pc), 'validation point (hollow)'],
          [mark('line', 'train'), 'training loss'], [mark('dashed', 'validation'), 'validation loss']);
        legend.replaceChildren(...items.map(([swatch, text]) => el('li', {}, swatch, text)));
      };

      let lastShape = '', lastAria = 0, legendKey = '';
      let checkGoal = null; // the teacher's challenge, when the link sets one (below)
      const refresh = w.refresher(() => lab.state(), (s, narrate) => {
        const key = String(s.classes);
        if (key !== legendKey) { legendKey = key; fillLegend(s); }
        ro.epoch.out.textContent = String(s.epoch);
        ro.iters.out.textContent = String(s.stepsPerEpoch);
        ro.trainLoss.out.textContent = fmt(s.trainLoss, 4);
        ro.valLoss.out.textContent = s.validationSize ? fmt(s.validationLoss, 4) : '—';
        // Accuracy means something only for classes: a regression shows its losses alone.
        ro.trainAcc.box.classList.toggle('dh-hidden', !s.classes);
        ro.valAcc.box.classList.toggle('dh-hidden', !s.classes);
        ro.trainAcc.out.textContent = s.classes ? pct(s.trainAccuracy) : '—';
        ro.valAcc.out.textContent = s.classes ? pct(s.validationAccuracy) : '—';
        ro.best.out.textContent = s.bestEpoch >= 0 && s.validationSize ? String(s.bestEpoch) : '—';
        ro.norm.out.textContent = fmt(s.weightNorm, 3);
        // The test numbers exist only once the run is finished.
        ro.testLoss.box.classList.toggle('dh-hidden', !s.finished);
        ro.testAcc.box.classList.toggle('dh-hidden', !s.finished || !s.classes);
        ro.testLoss.out.textContent = s.finished ? fmt(s.testLoss, 4) : '—';
        ro.testAcc.out.textContent = s.finished && s.classes ? pct(s.testAccuracy) : '—';
        finishBtn.disabled = !s.testSize || s.finished;
        if (checkGoal) checkGoal(s);
        trainBtn.textContent = s.playing ? 'Pause' : 'Train';
        trainBtn.setAttribute('aria-pressed', String(s.playing));
        const text = (w.canvasError ? w.canvasError + ' ' : '') + describe(s);
        if (reading.textContent !== text) reading.textContent = text;
        const st = lab.settings();
        const now = performance.now();
        if (narrate || !s.playing || now - lastAria > 800) { canvas.setAttribute('aria-label', ariaLabel(s, st)); lastAria = now; }
        const shape = s.status === 'diverged' ? 'diverged' : s.curve.shape;
        if (narrate || (!s.playing && shape !== lastShape) || (s.playing && shape !== lastShape && ['overfitting', 'diverged', 'rising', 'fluctuating', 'settled'].includes(shape)))
          w.say(`Epoch ${s.epoch}: training loss ${fmt(s.trainLoss, 3)}` +
            (s.validationSize ? `, validation loss ${fmt(s.validationLoss, 3)}` : '') + '. ' + describe(s));
        lastShape = shape;
      });

      // ---- start: the URL's settings, or the core's message when they do not fit ----
      const start = { dataset: values.dataset, noise: values.noise, points: values.points, train: values.train, outlier: values.outlier,
        model: values.model, hidden: values.hidden, activation: values.activation, loss: values.loss, mode: values.mode,
        batch: values.batch, lr: values.lr, optimizer: values.optimizer, schedule: values.schedule, seed: values.seed,
        l2: values.l2, patience: values.patience, test: values.test };
      // A loss or model left at its default quietly follows the data; one given in the URL is checked by the core.
      if (values.own) {
        const err = lab.setPointsLink(values.own);
        if (err) notes.push(err + ' Your own data starts from its six example points instead.');
      }
      const fitted = fitChoices(start);
      if (!given.has('loss')) start.loss = fitted.loss;
      if (!given.has('model')) start.model = fitted.model;
      try { lab.configure(start); } catch (e) {
        notes.push(e.message + ' Using ' + LOSS_NAMES[fitted.loss].toLowerCase() + ' with ' + MODEL_NAMES[fitted.model].toLowerCase() + '.');
        try { lab.configure(fitted); } catch (e2) { notes.push(e2.message); }
      }
      toControls(lab.settings());
      showPoints();
      w.showNotes();
      const epochsPerSecond = given.has('speed') ? values.speed : prefersReducedMotion() ? 5 : values.speed;
      lab.setSpeed(epochsPerSecond);
      c.speed.value = String(epochsPerSecond);
      speed.output.textContent = String(epochsPerSecond);

      // A teacher's challenge (goalLoss, goalEpochs): a validation loss below goalLoss within
      // goalEpochs epochs, on the data the link sets (dataset and noise); the learner changes
      // the model and the training.
      const goal = w.goal && { loss: w.goal.target, epochs: w.goal.limit, dataset: lab.settings().dataset, noise: lab.settings().noise,
        own: lab.ownData().link };
      const goalData = goal && (goal.dataset === 'own' ? 'points this link gives'
        : `${dataName(goal.dataset)} data ${goal.noise > 0 ? `with noise ${fmt(goal.noise, 2)}` : 'without noise'}`);
      const goalLine = w.challenge(goal && {
        task: `bring the validation loss below ${goalNumber(goal.loss)} within ${goal.epochs} epochs on the ${goalData}`,
        goal: `below ${goalNumber(goal.loss)} within ${goal.epochs}`,
        limit: goal.epochs, unit: 'epochs', retry: 'Try another learning rate, model or batch mode, and press Reset.',
      });
      // Checked on every trained epoch of the history (Train runs several epochs per frame), up to the limit.
      let goalScanned = -1; // the epoch when the history was last read
      if (goal) checkGoal = (s) => {
        const st = lab.settings();
        const elsewhere = st.dataset !== goal.dataset || st.noise !== goal.noise || (goal.dataset === 'own' && lab.ownData().link !== goal.own)
          ? 'This run does not count: go back to that data.' : '';
        let reached = null;
        const seen = goalScanned > s.epoch ? -1 : goalScanned;
        goalScanned = s.epoch;
        if (!elsewhere && !goalLine.met() && seen < Math.min(s.epoch, goal.epochs)) {
          const v = lab.history().validationLoss;
          const first = s.epoch + 1 - v.length; // the epoch of v[0]
          for (let k = Math.max(seen + 1, first, 1); k <= Math.min(s.epoch, goal.epochs); k++) {
            if (v[k - first] < goal.loss) { reached = `You reached a validation loss of ${fmt(v[k - first], 4)} after ${k} epochs`; break; }
          }
        }
        if (elsewhere) goalScanned = -1;
        goalLine.update({
          count: s.epoch, reached, elsewhere,
          ended: s.status === 'diverged' ? `training diverged in epoch ${s.divergedEpoch}`
            : s.epoch >= s.maxEpochs ? `the lab stops at ${s.maxEpochs} epochs` : '',
        });
      };

      w.animate(refresh);
      refresh(true);

      // ---- controls ----
      const api = {
        lab,
        history: () => lab.history(),
        settings: () => lab.settings(),
        train(on) { lab.setPlaying(on === undefined ? !lab.state().playing : !!on); refresh(true); },
        epoch() {
          lab.setPlaying(false);
          lab.trainEpochs(1);
          refresh(true);
        },
        reset() { lab.reset(); w.showMessage(''); refresh(true); },
        // Measures the held-out test set once; the run ends there.
        finish() {
          lab.setPlaying(false);
          const err = lab.finish();
          w.showMessage(err || 'Every number you watched while choosing settings, the validation loss included, helped make those ' +
            'choices, so it flatters the model a little. The test points played no part, which makes this one reading honest; ' +
            'looking again after more tuning would spend that honesty, so the run ends here.');
          refresh(true);
          return !err;
        },
        overfit() {
          lab.setPlaying(false);
          lab.preset('overfit');
          toControls(lab.settings());
          const s = lab.state();
          if (lab.state().speed < 60) { lab.setSpeed(60); c.speed.value = '60'; speed.output.textContent = '60'; }
          w.showMessage(`Overfitting preset: only ${s.trainSize} noisy training points, ${s.validationSize} for validation, ` +
            `and a large ${lab.settings().hidden.split(',').join('-')} network. Press Train and watch the validation loss turn upward.`);
          refresh(true);
        },
        // Your own points as CSV text (x, y, label per line); false, with the message shown, when refused.
        setPoints: (text) => useText(String(text)),
        // Any settings by name (the schema's names); refused ones keep the run and show why.
        configure(s) { return apply({ ...fromControls(), ...s }); },
        setLearningRate(v) {
          const n = Number(v);
          if (!Number.isFinite(n) || n <= 0 || n > P.lr.max) {
            w.showMessage(`The learning rate must be a number above 0 and at most ${P.lr.max}; it stays at ${rateText(lab.settings().lr)}.`);
            c.lr.value = String(lab.settings().lr);
            return false;
          }
          lab.setLearningRate(n);
          if (![...c.lr.options].some((o) => Number(o.value) === n)) setOptions(c.lr, withValue(RATES, n).map((x) => [String(x), rateText(x)]), String(n));
          c.lr.value = String(n);
          w.showMessage(lab.state().epoch > 0 ? `Learning rate ${rateText(n)} from epoch ${lab.state().epoch} on; press Reset to start over with it.` : '');
          refresh(true);
          return true;
        },
      };
      // The settings that reproduce this run from its start (for links and embeds).
      w.settings(() => lab.settings(), {
        dataset: 'dataset', noise: 'noise', points: 'points', train: 'train', outlier: 'outlier', model: 'model',
        hidden: (s) => s.hidden || c.hidden.value.trim() || P.hidden.default, activation: 'activation', loss: 'loss', mode: 'mode',
        batch: 'batch', lr: 'lr', optimizer: 'optimizer', schedule: 'schedule', seed: 'seed', l2: 'l2', patience: 'patience', test: 'test',
        speed: () => lab.state().speed,
        own: (s) => (s.dataset === 'own' ? lab.ownData().link : ''),
      });
      trainBtn.addEventListener('click', () => api.train());
      epochBtn.addEventListener('click', () => api.epoch());
      resetBtn.addEventListener('click', () => api.reset());
      overfitBtn.addEventListener('click', () => api.overfit());
      finishBtn.addEventListener('click', () => api.finish());
      c.dataset.addEventListener('change', () => {
        const before = fromControls();
        const s = fitChoices(before);
        if (apply(s, fitNote(before, s))) showPoints();
      });
      // ---- your own data ----
      // After a change of the points: the controls, the CSV box and the link note follow; a
      // refusal (the core's words, naming the line) shows in the message and changes nothing.
      const changed = (err) => {
        if (err) { w.showMessage(err); return false; }
        const before = fromControls();
        toControls(lab.settings());
        w.showMessage(fitNote(before, fromControls()));
        showPoints();
        refresh(true);
        return true;
      };
      const useText = (text) => changed(text.length > MAX_CSV
        ? `The text is too long: the lab reads at most ${MAX_CSV} characters (1000 points).` : lab.setPointsCsv(text));
      const readFile = (file) => {
        if (!file) return;
        if (file.size > MAX_CSV) { changed(`The file is too large: the lab reads at most ${MAX_CSV} characters (1000 points).`); return; }
        file.text().then((text) => { csv.value = text; useText(text); }, () => changed('That file could not be read.'));
      };
      useBtn.addEventListener('click', () => useText(csv.value));
      fileInput.addEventListener('change', () => readFile(fileInput.files[0]));
      ownBox.addEventListener('dragover', (e) => e.preventDefault());
      ownBox.addEventListener('drop', (e) => { e.preventDefault(); readFile(e.dataTransfer.files[0]); });
      downloadBtn.addEventListener('click', () => {
        const a = el('a', { href: URL.createObjectURL(new Blob([lab.pointsCsv()], { type: 'text/csv' })), download: 'downhill-points.csv' });
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      });
      onTap(canvas, (e) => {
        if (lab.settings().dataset !== 'own') return;
        const r = canvas.getBoundingClientRect();
        const p = lab.pointFromCanvas(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (!p) return;
        const m = clickModes.find((x) => x.input.checked).v;
        changed(m === 'remove' ? lab.removePointNear(p.x, p.y) : lab.addPoint(p.x, p.y, Number(m)));
      });
      c.noise.addEventListener('input', () => { noise.output.textContent = fmt(Number(c.noise.value), 2); apply(fromControls()); });
      c.share.addEventListener('change', () => apply(fromControls()));
      for (const sel of [c.model, c.activation, c.loss]) sel.addEventListener('change', () => { enableFields(); apply(fromControls()); });
      for (const sel of [c.optimizer, c.schedule, c.l2, c.test]) sel.addEventListener('change', () => apply(fromControls()));
      modes.forEach((m) => m.input.addEventListener('change', () => { enableFields(); apply(fromControls()); }));
      for (const [name, label] of NUMBERS) {
        onCommit(c[name], () => {
          const v = numberSetting(name, c[name], label);
          if (v !== null) apply({ ...fromControls(), [name]: v });
        });
      }
      // The hidden layers: checked against the schema's list first, then the core refuses
      // what it cannot build (too many weights in all).
      onCommit(c.hidden, (typedText) => {
        const text = typedText.trim();
        const r = Schema.parseValue('hidden', P.hidden, text);
        if (r.error) {
          w.showMessage(r.error.replace(/^“\w+”/, P.hidden.label) + ` They stay at ${lab.settings().hidden}.`);
          c.hidden.value = lab.settings().hidden;
        } else if (!apply({ ...fromControls(), hidden: r.value })) c.hidden.value = lab.settings().hidden;
      });
      c.lr.addEventListener('change', () => api.setLearningRate(Number(c.lr.value)));
      c.speed.addEventListener('input', () => { lab.setSpeed(Number(c.speed.value)); speed.output.textContent = c.speed.value; });
      return api;
    },
  });
})();
