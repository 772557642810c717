// schema.js: the one table of every widget's settings (name, type, range, default).
// It drives three things: reading a widget's settings from a lesson placement or a URL,
// writing them back to a shareable URL, and the build's check of lesson files.
// Loaded as a classic script in the page (window.DownhillSchema) and by node (require).
(function (root) {
  'use strict';

  // ---- The table -------------------------------------------------------------------
  // type 'number': finite decimal within [min, max] (whole with integer: true); a default
  // of null means "not set" (e.g. no challenge); 'choice': one of `values`; 'flags':
  // comma-separated subset of `values` (e.g. controls to hide); 'int-list': minCount to
  // maxCount whole numbers, each within [min, max] (min >= 0) and written in digits only, no
  // more of them than max has, separated by commas (e.g. layer sizes "4,2"); spaces around
  // the numbers are allowed, the whole text is at most maxLength characters (default
  // MAX_PARAM_LENGTH); the value is the list as text ("4,2"), and `example` shows the form in
  // messages; 'text': any text of at most maxLength characters (default MAX_PARAM_LENGTH),
  // read by the simulator itself (a typed formula), never as script; 'data': a dataset in its
  // link form, at most maxLength characters (up to MAX_DATA_LENGTH, longer than any other
  // setting), read and checked by the simulator itself (the training lab's own points).
  // checkTable() (run by the build) checks these fields and every default.
  // A surface the learner types, f(x, y), drawn over [xMin, xMax] x [yMin, yMax]; empty: the
  // surface chosen by name. The C++ parser reads the formula (src/core/formula.hpp).
  const surfaceFormula = () => ({
    formula: { type: 'text', default: '', label: 'Your own surface f(x, y) (empty: the surface chosen by name)' },
    xMin: { type: 'number', min: -1000, max: 999, default: -5, label: 'Your surface is drawn from x =' },
    xMax: { type: 'number', min: -999, max: 1000, default: 5, label: 'Your surface is drawn to x =' },
    yMin: { type: 'number', min: -1000, max: 999, default: -5, label: 'Your surface is drawn from y =' },
    yMax: { type: 'number', min: -999, max: 1000, default: 5, label: 'Your surface is drawn to y =' },
  });
  const WIDGETS = {
    'loss-explorer': {
      title: 'Loss explorer',
      params: {
        view: { type: 'choice', values: ['curves', 'outlier'], default: 'curves', label: 'View' },
        prediction: { type: 'number', min: -1, max: 2, default: 0.2, label: 'Prediction' },
        delta: { type: 'number', min: 0.1, max: 2, default: 1, label: 'Huber delta' },
        losses: { type: 'flags', values: ['mse', 'mae', 'huber', 'bce1', 'bce0', 'hinge'], default: 'mse,mae,huber,bce1,bce0,hinge', label: 'Curves shown' },
        outlierX: { type: 'number', min: 0, max: 10, default: 9, label: 'Outlier x' },
        outlierY: { type: 'number', min: -4, max: 14, default: 0.5, label: 'Outlier y' },
        seed: { type: 'number', min: 1, max: 9999, integer: true, default: 8, label: 'Data seed' },
        hide: { type: 'flags', values: ['view', 'losses', 'prediction', 'delta', 'outlier', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    'code-walk': {
      title: 'Training loop, line by line',
      params: {
        lr: { type: 'number', min: 0.001, max: 0.15, default: 0.02, label: 'Learning rate' },
        epochs: { type: 'number', min: 1, max: 50, integer: true, default: 20, label: 'Epochs' },
        speed: { type: 'number', min: 0.25, max: 20, default: 2, label: 'Run speed (lines per second)' },
        hide: { type: 'flags', values: ['lr', 'epochs', 'run', 'variables', 'output'], default: '', label: 'Hidden controls' },
      },
    },
    'landscape-3d': {
      title: '3-D loss surface',
      params: {
        surface: { type: 'choice', values: ['lesson', 'bowl', 'ravine', 'himmelblau', 'saddle', 'rosenbrock'], default: 'lesson', label: 'Surface' },
        yaw: { type: 'number', min: -180, max: 180, default: -35, label: 'Turn (degrees)' },
        pitch: { type: 'number', min: 10, max: 90, default: 35, label: 'Tilt (degrees above the horizon)' },
        zoom: { type: 'number', min: 0.5, max: 3, default: 1, label: 'Zoom' },
        point: { type: 'choice', values: ['none', 'global', 'local', 'saddle'], default: 'none', label: 'Highlighted point' },
        ...surfaceFormula(),
        hide: { type: 'flags', values: ['surface', 'view', 'point', 'legend', 'readouts', 'text', 'formula'], default: '', label: 'Hidden controls' },
      },
    },
    'loss-gap': {
      title: 'Loss gap',
      params: {
        truth: { type: 'number', min: 0, max: 1, default: 0.85, label: 'True value' },
        prediction: { type: 'number', min: 0, max: 1, default: 0.62, label: 'Prediction' },
        hide: { type: 'flags', values: ['truth', 'prediction', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    // Start and rates left unset (null) take the chosen curve's suggestions.
    'lr-compare': {
      title: 'Learning rates side by side',
      params: {
        curve: { type: 'choice', values: ['bowl', 'course', 'steep'], default: 'bowl', label: 'Curve' },
        // A typed curve (formula) drawn from xMin to xMax; empty: the curve chosen by name.
        formula: { type: 'text', default: '', label: 'Your own curve f(x) (empty: the curve chosen by name)' },
        xMin: { type: 'number', min: -1000, max: 999, default: -5, label: 'Your curve is drawn from x =' },
        xMax: { type: 'number', min: -999, max: 1000, default: 5, label: 'Your curve is drawn to x =' },
        start: { type: 'number', min: -1000, max: 1000, default: null, label: 'Start position' },
        small: { type: 'number', min: 1e-7, max: 10, default: null, label: 'Small learning rate' },
        medium: { type: 'number', min: 1e-7, max: 10, default: null, label: 'Medium learning rate' },
        large: { type: 'number', min: 1e-7, max: 10, default: null, label: 'Large learning rate' },
        log: { type: 'choice', values: ['off', 'on'], default: 'off', label: 'Log scale for the loss' },
        goalLoss: { type: 'number', min: -2, max: 100, default: null, label: 'Challenge: a medium learning rate that brings the loss below' },
        goalSteps: { type: 'number', min: 1, max: 1000, integer: true, default: null, label: 'Challenge: within this many steps' },
        hide: { type: 'flags', values: ['curve', 'rates', 'start', 'play', 'log', 'readouts', 'text', 'formula'], default: '', label: 'Hidden controls' },
      },
    },
    // Learning rate and start left unset (null) take the chosen surface's suggestions.
    'optimizer-race': {
      title: 'Optimizer race',
      params: {
        optimizers: { type: 'flags', values: ['gd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'sgd'],
          default: 'gd,momentum,adam', label: 'Racing optimizers' },
        surface: { type: 'choice', values: ['ravine', 'rosenbrock', 'himmelblau', 'lesson', 'saddle', 'bowl'], default: 'ravine', label: 'Surface' },
        lr: { type: 'number', min: 0.00001, max: 10, default: null, label: 'One learning rate for every racer (without it, each races at its own)' },
        lrGd: { type: 'number', min: 0.00001, max: 10, default: null, label: 'Gradient descent’s own learning rate (without it, its tuned rate)' },
        lrMomentum: { type: 'number', min: 0.00001, max: 10, default: null, label: 'Momentum’s own learning rate' },
        lrNesterov: { type: 'number', min: 0.00001, max: 10, default: null, label: 'Nesterov’s own learning rate' },
        lrAdagrad: { type: 'number', min: 0.00001, max: 10, default: null, label: 'AdaGrad’s own learning rate' },
        lrRmsprop: { type: 'number', min: 0.00001, max: 10, default: null, label: 'RMSProp’s own learning rate' },
        lrAdam: { type: 'number', min: 0.00001, max: 10, default: null, label: 'Adam’s own learning rate' },
        lrSgd: { type: 'number', min: 0.00001, max: 10, default: null, label: 'SGD’s own learning rate' },
        startX: { type: 'number', min: -1000, max: 1000, default: null, label: 'Start x' },
        startY: { type: 'number', min: -1000, max: 1000, default: null, label: 'Start y' },
        momentum: { type: 'number', min: 0, max: 0.999, default: 0.9, label: 'Momentum β' },
        beta1: { type: 'number', min: 0, max: 0.999, default: 0.9, label: 'Adam β1' },
        beta2: { type: 'number', min: 0, max: 0.99999, default: 0.999, label: 'Adam β2' },
        noise: { type: 'number', min: 0, max: 10, default: 0.5, label: 'SGD gradient noise' },
        seed: { type: 'number', min: 1, max: 2147483647, integer: true, default: 1, label: 'Random seed' },
        speed: { type: 'choice', values: ['slow', 'normal', 'fast'], default: 'normal', label: 'Speed' },
        log: { type: 'choice', values: ['off', 'on'], default: 'on', label: 'Log scale for the loss' },
        goalDistance: { type: 'number', min: 0.0001, max: 10, default: null, label: 'Challenge: bring a racer this close to the global minimum' },
        goalSteps: { type: 'number', min: 1, max: 10000, integer: true, default: null, label: 'Challenge: within this many steps' },
        ...surfaceFormula(),
        hide: { type: 'flags', values: ['optimizers', 'surface', 'lr', 'start', 'advanced', 'play', 'log', 'readouts', 'text', 'formula'],
          default: '', label: 'Hidden controls' },
      },
    },
    // A typed curve (formula) is drawn from xMin to xMax; empty: the lesson's curve on [-5, 5].
    // The C++ parser reads the formula (src/core/formula.hpp); nothing typed runs as script.
    'roll-downhill': {
      title: 'Roll Downhill',
      params: {
        formula: { type: 'text', default: '', label: 'Your own curve f(x) (empty: the lesson’s curve)' },
        xMin: { type: 'number', min: -1000, max: 999, default: -5, label: 'Your curve is drawn from x =' },
        xMax: { type: 'number', min: -999, max: 1000, default: 5, label: 'Your curve is drawn to x =' },
        start: { type: 'number', min: -1000, max: 1000, default: 3, label: 'Start position' },
        lr: { type: 'number', min: 0.01, max: 1.2, default: 0.18, label: 'Learning rate' },
        map: { type: 'choice', values: ['off', 'on'], default: 'off', label: 'Map of every start and learning rate' },
        // Steps per second while playing; max: as fast as the browser can draw them.
        speed: { type: 'choice', values: ['1', '2', '4', '10', '30', '60', 'max'], default: '4', label: 'Speed (steps per second)' },
        goalLoss: { type: 'number', min: -2, max: 5, default: null, label: 'Challenge: reach a loss below' },
        goalSteps: { type: 'number', min: 1, max: 1000, integer: true, default: null, label: 'Challenge: within this many steps' },
        hide: { type: 'flags', values: ['lr', 'start', 'play', 'readouts', 'text', 'map', 'formula'], default: '', label: 'Hidden controls' },
      },
    },
    'training-lab': {
      title: 'Training lab',
      params: {
        dataset: { type: 'choice', values: ['circle', 'xor', 'blobs', 'spiral', 'blobs3', 'line', 'own'], default: 'circle', label: 'Dataset' },
        // Your own points, x_y_label for each (src/core/train/own_data.hpp: at most 200 in a link).
        own: { type: 'data', maxLength: 6000, default: '', label: 'Your own points (x_y_label for each point)' },
        noise: { type: 'number', min: 0, max: 1, default: 0, label: 'Noise' },
        points: { type: 'number', min: 20, max: 1000, integer: true, default: 500, label: 'Points' },
        train: { type: 'number', min: 0.1, max: 0.9, default: 0.5, label: 'Share of the points used for training' },
        outlier: { type: 'number', min: 0, max: 20, default: 8, label: 'Outlier lift (line data)' },
        model: { type: 'choice', values: ['mlp', 'logistic-regression', 'linear-regression'], default: 'mlp', label: 'Model' },
        // Units per hidden layer: the core's limits (src/core/train/network.hpp: kMaxLayers, kMaxWidth).
        hidden: { type: 'int-list', min: 1, max: 256, minCount: 1, maxCount: 8, maxLength: 40, example: '4,2', default: '4,2',
          label: 'Hidden layers' },
        activation: { type: 'choice', values: ['tanh', 'relu', 'sigmoid', 'linear'], default: 'tanh', label: 'Activation' },
        loss: { type: 'choice', values: ['bce', 'hinge', 'softmax-ce', 'mse', 'mae', 'huber'], default: 'bce', label: 'Loss' },
        mode: { type: 'choice', values: ['mini-batch', 'batch', 'stochastic'], default: 'mini-batch', label: 'Batch mode' },
        batch: { type: 'number', min: 1, max: 1000, integer: true, default: 10, label: 'Batch size' },
        lr: { type: 'number', min: 0.00001, max: 10, default: 0.03, label: 'Learning rate' },
        // Names of the core's optimizer table (src/core/optim/registry.cpp) and schedule kinds (schedule.hpp).
        optimizer: { type: 'choice', values: ['gd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'], default: 'gd', label: 'Optimizer' },
        schedule: { type: 'choice', values: ['constant', 'step', 'exponential', 'cosine'], default: 'constant', label: 'Learning-rate schedule' },
        seed: { type: 'number', min: 1, max: 99999, integer: true, default: 1, label: 'Random seed' },
        speed: { type: 'number', min: 1, max: 200, integer: true, default: 20, label: 'Epochs per second' },
        // Generalisation (src/model/training_lab_model.hpp: kMaxL2, kMaxPatience, kMaxTestShare).
        l2: { type: 'number', min: 0, max: 1, default: 0, label: 'Weight decay (L2 penalty)' },
        patience: { type: 'number', min: 0, max: 1000, integer: true, default: 0, label: 'Stop early after this many epochs without improvement (0 = off)' },
        test: { type: 'number', min: 0, max: 0.5, default: 0, label: 'Share of the points held out for the test' },
        goalLoss: { type: 'number', min: 0.0001, max: 100, default: null, label: 'Challenge: bring the validation loss below' },
        goalEpochs: { type: 'number', min: 1, max: 5000, integer: true, default: null, label: 'Challenge: within this many epochs' },
        hide: { type: 'flags', values: ['data', 'model', 'training', 'preset', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    'backprop': {
      title: 'Backpropagation step by step',
      params: {
        network: { type: 'choice', values: ['small', 'chain'], default: 'small', label: 'Network (small: 2 inputs; chain: x → h → ŷ)' },
        x1: { type: 'number', min: -5, max: 5, default: 1, label: 'Input x1' },
        x2: { type: 'number', min: -5, max: 5, default: -0.5, label: 'Input x2' },
        target: { type: 'number', min: -5, max: 5, default: 1, label: 'Target y (0 or 1 with cross-entropy)' },
        hidden: { type: 'number', min: 2, max: 3, integer: true, default: 2, label: 'Hidden units' },
        activation: { type: 'choice', values: ['sigmoid', 'tanh', 'relu'], default: 'sigmoid', label: 'Activation' },
        loss: { type: 'choice', values: ['bce', 'mse'], default: 'bce', label: 'Loss' },
        lr: { type: 'number', min: 0.01, max: 10, default: 0.5, label: 'Learning rate' },
        seed: { type: 'number', min: 1, max: 99999, integer: true, default: 3, label: 'Starting weights (seed)' },
        hide: { type: 'flags', values: ['example', 'network', 'table', 'update'], default: '', label: 'Hidden controls' },
      },
    },
    'loss-accuracy': {
      title: 'Loss versus accuracy',
      params: {
        boundary: { type: 'number', min: -3, max: 3, default: -2, label: 'Decision boundary' },
        steepness: { type: 'number', min: 0.5, max: 5, default: 2, label: 'Steepness w' },
        lr: { type: 'number', min: 0.05, max: 5, default: 1, label: 'Learning rate' },
        hide: { type: 'flags', values: ['boundary', 'steepness', 'step', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    'momentum': {
      title: 'Why momentum works',
      params: {
        kappa: { type: 'number', min: 1, max: 1000, default: 100, label: 'Condition number κ (steep curvature over shallow)' },
        eta: { type: 'number', min: 0.001, max: 4, default: 1, label: 'Learning rate η' },
        beta: { type: 'number', min: 0, max: 0.999, default: 0.9, label: 'Momentum β (0: plain gradient descent)' },
        hide: { type: 'flags', values: ['kappa', 'eta', 'beta', 'presets', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    'batch-noise': {
      title: 'Batch size and the learning-rate range test',
      params: {
        view: { type: 'choice', values: ['noise', 'range'], default: 'noise', label: 'View' },
        batch: { type: 'number', min: 1, max: 64, integer: true, default: 4, label: 'Batch size' },
        from: { type: 'number', min: -6, max: -2, integer: true, default: -5, label: 'Range test: first rate (power of ten)' },
        to: { type: 'number', min: -1, max: 2, integer: true, default: 1, label: 'Range test: last rate (power of ten)' },
        seed: { type: 'number', min: 1, max: 9999, integer: true, default: 1, label: 'Data seed' },
        hide: { type: 'flags', values: ['view', 'batch', 'range', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
    // w and b are the start's weights for the x in use (scale): each window is narrower
    // than the range here (measured x: w from -1.5 to 4.5, b from -20 to 10; standardised:
    // both from -5 to 10).
    'weights-fit': {
      title: 'Weights and fit, linked',
      params: {
        w: { type: 'number', min: -5, max: 10, default: 0, label: 'Start weight w (slope)' },
        b: { type: 'number', min: -20, max: 10, default: 0, label: 'Start bias b (intercept)' },
        lr: { type: 'number', min: 0.001, max: 1.2, default: 0.03, label: 'Learning rate' },
        scale: { type: 'choice', values: ['off', 'on'], default: 'off', label: 'Scale the feature (standardise x)' },
        hide: { type: 'flags', values: ['weights', 'rate', 'scale', 'play', 'readouts'], default: '', label: 'Hidden controls' },
      },
    },
  };

  const MAX_PARAM_LENGTH = 200; // longer values are refused outright (a 'data' setting excepted)
  const MAX_DATA_LENGTH = 6000; // a 'data' setting: 200 points in their link form
  // The longest settings query read (a link's part after "?"): far above any real link
  // (every setting of the largest widget at full length is about 4,000 characters, plus at
  // most MAX_DATA_LENGTH for the training lab's own points). A
  // longer one is not read at all: the widget starts from its defaults, with a message.
  const MAX_QUERY_LENGTH = 32768;

  // ---- Reading -----------------------------------------------------------------------
  // Parses one value against its spec; returns { value } or { error }.
  function parseValue(name, spec, raw) {
    const text = String(raw);
    if (text.length > (spec.type === 'data' ? Math.min(spec.maxLength, MAX_DATA_LENGTH) : MAX_PARAM_LENGTH)) return { error: `“${name}” is too long.` };
    if (spec.type === 'number') {
      if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return { error: `“${name}” must be a number.` };
      const v = Number(text);
      if (!Number.isFinite(v)) return { error: `“${name}” must be a finite number.` };
      if (v < spec.min || v > spec.max) return { error: `“${name}” must lie between ${spec.min} and ${spec.max}.` };
      if (spec.integer && !Number.isInteger(v)) return { error: `“${name}” must be a whole number.` };
      return { value: v };
    }
    if (spec.type === 'choice') {
      if (!spec.values.includes(text)) return { error: `“${name}” must be one of: ${spec.values.join(', ')}.` };
      return { value: text };
    }
    if (spec.type === 'flags') {
      const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = parts.filter((p) => !spec.values.includes(p));
      if (bad.length) return { error: `“${name}” accepts only: ${spec.values.join(', ')}.` };
      const twice = parts.find((p, i) => parts.indexOf(p) !== i);
      if (twice) return { error: `“${name}” names “${twice}” more than once.` };
      return { value: parts.join(',') };
    }
    if (spec.type === 'int-list') {
      const count = spec.minCount === spec.maxCount ? `${spec.maxCount}` : `${spec.minCount} to ${spec.maxCount}`;
      const form = { error: `“${name}” must be ${count} whole numbers from ${spec.min} to ${spec.max}, separated by commas` +
        (spec.example ? `, like ${spec.example}.` : '.') };
      if (text.length > (spec.maxLength || MAX_PARAM_LENGTH)) return { error: `“${name}” is too long.` };
      const parts = text.trim() === '' ? [] : text.split(',').map((p) => p.trim());
      if (parts.length < spec.minCount || parts.length > spec.maxCount) return form;
      // Digits only (no sign, point, exponent or NaN), and no more of them than the largest value has.
      const digits = String(spec.max).length;
      const numbers = [];
      for (const p of parts) {
        if (!/^\d+$/.test(p) || p.length > digits) return form;
        const v = Number(p);
        if (v < spec.min || v > spec.max) return form;
        numbers.push(v);
      }
      return { value: numbers.join(',') };
    }
    if (spec.type === 'text') {
      if (text.length > (spec.maxLength || MAX_PARAM_LENGTH)) return { error: `“${name}” is too long.` };
      return { value: text };
    }
    if (spec.type === 'data') return { value: text };
    return { error: `“${name}” has an unknown type.` };
  }

  // Reads settings for `widget` from a query string or URLSearchParams. Unknown names and
  // bad values are reported in `errors` (plain text) and fall back to the default.
  function parse(widget, query) {
    const def = Object.prototype.hasOwnProperty.call(WIDGETS, widget) ? WIDGETS[widget] : null; // not "constructor"
    if (!def) return { values: null, errors: [`There is no widget called “${String(widget).slice(0, 40)}”.`] };
    const text = query instanceof URLSearchParams ? query.toString() : String(query || '');
    const values = {};
    const errors = [];
    for (const [name, spec] of Object.entries(def.params)) values[name] = spec.default;
    if (text.length > MAX_QUERY_LENGTH) {
      errors.push(`This link is too long to read (${text.length.toLocaleString('en-US')} characters; at most ${MAX_QUERY_LENGTH.toLocaleString('en-US')} are read), so all its settings were ignored and the widget starts from its defaults.`);
      return { values, errors };
    }
    const params = query instanceof URLSearchParams ? query : new URLSearchParams(text);
    for (const [name, raw] of params) {
      if (name === 'widget') continue;
      const spec = def.params[name];
      if (!spec) { errors.push(`Unknown setting “${String(name).slice(0, 40)}” was ignored.`); continue; }
      const r = parseValue(name, spec, raw);
      if (r.error) errors.push(r.error + (spec.default === '' || spec.default === null ? ' It was ignored.' : ` Using ${spec.default}.`));
      else values[name] = r.value;
    }
    return { values, errors };
  }

  // ---- Writing -----------------------------------------------------------------------
  // Query string holding only the settings that differ from their defaults.
  function serialize(widget, values) {
    const def = WIDGETS[widget];
    const out = new URLSearchParams();
    for (const [name, spec] of Object.entries(def.params)) {
      let v = values[name];
      if (spec.type === 'int-list' && v !== undefined && v !== null) {
        const r = parseValue(name, spec, Array.isArray(v) ? v.join(',') : v); // written as it is read: "8,8"
        if (r.error) continue;
        v = r.value;
      }
      if (v === undefined || v === null || v === spec.default) continue;
      out.set(name, spec.type === 'number' ? String(Number(v.toPrecision(12))) : String(v));
    }
    return out.toString();
  }

  // ---- Checking the table ------------------------------------------------------------
  // Mistakes in the table itself (for the build): an unknown type, a range that is empty or
  // lies outside what the type can hold, a default its own spec refuses.
  function checkTable(widgets = WIDGETS) {
    const problems = [];
    for (const [widget, def] of Object.entries(widgets)) {
      for (const [name, spec] of Object.entries(def.params)) {
        const say = (text) => problems.push(`${widget} “${name}”: ${text}`);
        const wholeRange = (lo, hi, what) => {
          if (!Number.isInteger(spec[lo]) || !Number.isInteger(spec[hi]) || spec[lo] > spec[hi]) say(`${what} needs whole ${lo} ≤ ${hi}`);
        };
        if (spec.type === 'number') {
          if (!(Number.isFinite(spec.min) && Number.isFinite(spec.max) && spec.min <= spec.max)) say('needs finite min ≤ max');
        } else if (spec.type === 'choice' || spec.type === 'flags') {
          if (!Array.isArray(spec.values) || !spec.values.length) say('needs a list of values');
        } else if (spec.type === 'int-list') {
          wholeRange('min', 'max', 'each number');
          wholeRange('minCount', 'maxCount', 'the count');
          if (spec.min < 0) say('takes no negative numbers');
          if (spec.minCount < 1) say('needs at least one number');
          if (spec.maxLength !== undefined && !(Number.isInteger(spec.maxLength) && spec.maxLength > 0 && spec.maxLength <= MAX_PARAM_LENGTH))
            say(`maxLength must be a whole number from 1 to ${MAX_PARAM_LENGTH}`);
        } else if (spec.type === 'text') {
          if (spec.maxLength !== undefined && !(Number.isInteger(spec.maxLength) && spec.maxLength > 0 && spec.maxLength <= MAX_PARAM_LENGTH))
            say(`maxLength must be a whole number from 1 to ${MAX_PARAM_LENGTH}`);
          if (typeof spec.default !== 'string') { say('needs a text default'); continue; }
        } else if (spec.type === 'data') {
          if (!(Number.isInteger(spec.maxLength) && spec.maxLength > 0 && spec.maxLength <= MAX_DATA_LENGTH))
            say(`maxLength must be a whole number from 1 to ${MAX_DATA_LENGTH}`);
          if (typeof spec.default !== 'string') { say('needs a text default'); continue; }
        } else {
          say(`unknown type “${spec.type}”`);
          continue;
        }
        if (spec.default !== null && spec.default !== '') {
          const r = parseValue(name, spec, String(spec.default));
          if (r.error) say(`the default ${spec.default} is refused: ${r.error}`);
          else if (r.value !== spec.default) say(`the default ${spec.default} should be written ${r.value}`);
        }
        if (spec.type === 'int-list' && spec.example !== undefined && parseValue(name, spec, spec.example).error) say(`the example ${spec.example} is refused`);
      }
    }
    return problems;
  }

  // ---- Numbers as the course shows them ------------------------------------------------
  // The one number format of the pages (the canvases' FormatNumber in src/views/number.hpp
  // writes the same characters): at most `decimals` decimals, trailing zeros dropped
  // ("0.23", "−2"), a typographic minus, and beyond 10⁵ or below 10⁻⁴ (or where the
  // decimals would round it to zero) three significant digits times a power of ten
  // ("7.4 × 10⁻¹⁰"). Never "NaN" or "Infinity".
  const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  const trimZeros = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  function formatNumber(v, decimals) {
    if (Number.isNaN(v) || typeof v !== 'number') return 'not a number';
    if (v === Infinity) return 'infinite';
    if (v === -Infinity) return 'minus infinity';
    const d = Math.max(0, Math.min(10, Math.floor(decimals === undefined ? 4 : decimals)));
    const a = Math.abs(v);
    let s;
    if (a !== 0 && (a >= 1e5 || a < 1e-4 || Number(v.toFixed(d)) === 0)) {
      const [m, e] = v.toExponential(2).split('e');
      s = `${trimZeros(m)} × 10${String(Number(e)).replace(/./g, (c) => SUPERSCRIPT[c] || c)}`;
    } else {
      s = trimZeros(v.toFixed(d));
    }
    if (/^-0$/.test(s)) s = '0';
    return s.replace('-', '−');
  }

  const api = { WIDGETS, parse, parseValue, serialize, checkTable, formatNumber, MAX_PARAM_LENGTH, MAX_DATA_LENGTH, MAX_QUERY_LENGTH };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.DownhillSchema = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
