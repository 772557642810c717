// api.js: the checks every call of the JavaScript API passes through (--post-js, inside
// the module's factory). Once the bindings are registered, each function, constructor and
// method of the API (src/bindings/API.md) is replaced by a checked one that:
// 1. checks every argument against the table below before anything reaches wasm: a wrong
//    type is a TypeError naming the argument, a non-finite or non-whole number, an
//    over-long string or array a RangeError; strings and arrays are measured in
//    JavaScript, so a refused one is never copied into wasm memory;
// 2. copies objects and arrays into plain values first (each getter runs once, here), so
//    no page code runs while the call is inside wasm, and refuses the call if that code
//    deleted the object;
// 3. throws the bindings' refusal (src/bindings/errors.hpp) as a RangeError after the
//    wasm call has returned normally: the stack, the heap and the object are as before.
//
// Argument kinds: 'number' (finite), 'coord' (any number: canvas geometry, where NaN
// gives null), 'int' (a whole number that fits 32 bits; the bindings check its range),
// 'bool', 'name' (a string of at most kMaxName characters), 'settings' (a plain object),
// 'numbers:N' / 'names:N' (an array of at most N numbers / names), 'model' (an object of
// this module, or null), 'numberOrNull' (a finite number or null; left out, it is passed
// as null), 'speed' (a finite number, or Infinity: as fast as possible), 'text:N' (a string
// of at most N characters: a CSV or a dataset's link form). A trailing '?'
// marks an argument that may be left out.
// Each checked function (and class) carries `api`: { signature, args } (the table's entry).

function installApiChecks(M) {
  var kMaxName = 200; // characters in any string argument or settings string
  var kMaxKeys = 64; // keys of one settings object
  var kMaxList = 64; // values of an array inside a settings object
  var kMaxDepth = 4; // settings objects nested inside each other

  var PLAY = { setPlaying: ['on:bool'], setSpeed: ['perSecond:speed'], step: [], advance: ['n:int'], reset: [],
    setLogScale: ['on:bool'] };
  var FUNCTIONS = {
    scalarLoss: ['name:name', 'y:number', 'prediction:number', 'delta:number?'],
    loss: ['kind:name', 'outputs:numbers:4096', 'targets:numbers:4096', 'delta:number?'],
    softmax: ['logits:numbers:4096'],
    landscape1dNames: [], landscape2dNames: [], optimizerNames: [], optimizerTable: [],
    defaultOptimizerSettings: ['name:name'],
    runOptimizer: ['settings:settings'],
    scheduleFactors: ['schedule:settings', 'n:int'],
    learningRateMap: ['settings:settings'],
    basinMap: ['settings:settings'],
    trainingPresets: [], makeDataset: ['settings:settings'],
    courseValue: ['x:number'], courseSlope: ['x:number'], courseCurvature: ['x:number'],
    startCanvas: ['width:int', 'height:int'], resizeCanvas: ['width:int', 'height:int'],
    setDarkTheme: ['on:bool'], frameCount: [], heapBytes: [], heapInUse: [],
    drawFramesNow: ['n:int', 'dt:number'],
    lossCurveColour: ['k:int', 'dark:bool'], lossCurveValue: ['k:int', 'prediction:number', 'delta:number'],
    landscape3dSurfaces: [],
    formulaAt: ['text:name', 'x:number', 'y:numberOrNull?'],
    formatNumber: ['value:coord', 'decimals:int'],
    showRoll: ['run:model'], showLossGap: ['gap:model'], showLossExplorer: ['explorer:model'],
    showLandscape3D: ['landscape:model'], showLrCompare: ['compare:model'], showRace: ['race:model'],
    showTrainingLab: ['lab:model'], showBackprop: ['backprop:model'], showCodeWalk: ['walk:model'],
    showLossAccuracy: ['classifier:model'],
    showMomentum: ['momentum:model'],
    showBatchNoise: ['batchNoise:model'],
    showWeightsFit: ['fit:model'],
  };
  var CLASSES = {
    Curve: { new: ['name:name'], name: [], value: ['x:number'], slope: ['x:number'], curvature: ['x:number'],
      range: [], sample: ['n:int'], stationaryPoints: [] },
    Surface: { new: ['name:name'], name: [], value: ['x:number', 'y:number'], gradient: ['x:number', 'y:number'],
      hessian: ['x:number', 'y:number'], range: [], criticalPoints: [], sampleGrid: ['nx:int', 'ny:int'] },
    RollDownhill: { new: [], play: true, state: [], setStart: ['x:number'], setLearningRate: ['learningRate:number'],
      setFormula: ['text:name', 'xMin:number', 'xMax:number'],
      trail: [], minima: [], xFromCanvas: ['u:coord', 'width:coord', 'height:coord'], showMap: ['on:bool'],
      mapCell: ['x:coord', 'learningRate:coord'], mapCellAt: ['px:coord', 'py:coord', 'width:coord', 'height:coord'] },
    LossGap: { new: [], state: [], setTruth: ['y:number'], setPrediction: ['prediction:number'],
      valueAt: ['px:coord', 'width:coord'] },
    LossExplorer: { new: [], state: [], setOutlierView: ['on:bool'], setPrediction: ['prediction:number'],
      setDelta: ['delta:number'], setCurves: ['mask:number'], setSeed: ['seed:number'],
      setOutlier: ['x:number', 'y:number'], points: [], predictionAt: ['px:coord', 'width:coord', 'height:coord'],
      outlierAt: ['px:coord', 'py:coord', 'width:coord', 'height:coord'], outlierOnCanvas: ['width:coord', 'height:coord'] },
    Landscape3D: { new: [], state: [], setSurface: ['name:name'],
      setFormula: ['text:name', 'xMin:number', 'xMax:number', 'yMin:number', 'yMax:number'], setView: ['yaw:number', 'pitch:number', 'zoom:number'],
      turn: ['dyaw:number', 'dpitch:number'], zoomBy: ['factor:number'], resetView: [], setPoint: ['name:name'],
      points: [], markerAt: ['px:coord', 'py:coord'], markerScreen: [] },
    LrCompare: { new: [], play: true, state: [], setCurve: ['name:name'],
      setFormula: ['text:name', 'xMin:number', 'xMax:number'], setStart: ['x:number'],
      setLearningRate: ['i:int', 'learningRate:number'], trail: ['i:int'], losses: ['i:int'], minima: [],
      xFromCanvas: ['px:coord', 'py:coord', 'width:coord', 'height:coord'], curveValue: ['x:number'],
      curveSlope: ['x:number'] },
    OptimizerRace: { new: [], play: true, state: [], setSurface: ['name:name'],
      setFormula: ['text:name', 'xMin:number', 'xMax:number', 'yMin:number', 'yMax:number'], setOptimizers: ['names:names:16'],
      setLearningRate: ['learningRate:number'], setRacerLearningRate: ['i:int', 'learningRate:number'], useTunedRates: [],
      setMomentum: ['momentum:number'],
      setAdamBetas: ['beta1:number', 'beta2:number'], setNoise: ['sigma:number', 'seed:number'],
      setStart: ['x:number', 'y:number'], trail: ['i:int'], losses: ['i:int'], criticalPoints: [], range: [],
      pointFromCanvas: ['px:coord', 'py:coord', 'width:coord', 'height:coord'],
      canvasFromPoint: ['x:coord', 'y:coord', 'width:coord', 'height:coord'], surfaceValue: ['x:number', 'y:number'] },
    TrainingLab: { new: [], play: true, configure: ['settings:settings'], preset: ['name:name'],
      setLearningRate: ['learningRate:number'], trainEpochs: ['n:int'], state: [], history: [], settings: [],
      trainData: [], validationData: [], parameters: [], plotRange: [], static: { optimizers: [] },
      setPointsCsv: ['csv:text:100000'], setPointsLink: ['text:text:6000'], addPoint: ['x:number', 'y:number', 'label:int'],
      removePointNear: ['x:number', 'y:number'], pointsCsv: [], ownData: [],
      pointFromCanvas: ['px:coord', 'py:coord', 'width:coord', 'height:coord'], rates: ['n:int'], finish: [], testData: [] },
    Backprop: { new: [], play: true, configure: ['settings:settings'], setLearningRate: ['learningRate:number'],
      forward: [], backward: [], update: [], state: [], settings: [], snapshot: [], weights: [] },
    CodeWalk: { new: [], play: true, state: [], lines: [], prediction: [], losses: [], printed: [], data: [],
      next: [], back: [], runToEnd: [], setLearningRate: ['learningRate:number'], setEpochs: ['epochs:number'] },
    Trainer: { new: [], configure: ['settings:settings'], preset: ['name:name'],
      setLearningRate: ['learningRate:number'], reset: [], trainSteps: ['n:int'], trainEpochs: ['n:int'], state: [],
      history: [], settings: [], trainData: [], validationData: [], predict: ['x:numbers:1000000'],
      predictGrid: ['x0:number', 'x1:number', 'nx:int', 'y0:number', 'y1:number', 'ny:int'],
      predictLine: ['x0:number', 'x1:number', 'n:int'], inspect: ['x:numbers:64', 'y:number'] },
    LossAccuracy: { new: [], state: [], setBoundary: ['x0:number'], setSteepness: ['w:number'],
      setLearningRate: ['learningRate:number'], gradientStep: [], points: [], boundaryAt: ['px:coord', 'width:coord'] },
    Momentum: { new: [], state: [], setKappa: ['kappa:number'], setEta: ['eta:number'], setBeta: ['beta:number'],
      setEtaBeta: ['eta:number', 'beta:number'],
      mapAt: ['px:coord', 'py:coord', 'width:coord', 'height:coord'] },
    BatchNoise: { new: [], state: [], setView: ['view:name'], setBatch: ['batch:number'],
      setRange: ['from:number', 'to:number'], setSeed: ['seed:number'], useSuggested: [], rangeRates: [], rangeLosses: [] },
    WeightsFit: { new: [], play: true, state: [], setWeights: ['w:number', 'b:number'],
      setLearningRate: ['learningRate:number'], setScaled: ['on:bool'], data: [], path: [],
      mapBox: ['width:coord', 'height:coord'], pointFromCanvas: ['px:coord', 'py:coord', 'width:coord', 'height:coord'] },
  };
  // What every object of the module has from Embind itself; left as it is.
  var OWN = { delete: 1, clone: 1, isDeleted: 1, isAliasOf: 1, deleteLater: 1, constructor: 1 };

  function describe(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'string') return 'a string';
    return typeof v === 'object' ? 'an object' : typeof v === 'undefined' ? 'undefined' : 'a ' + typeof v;
  }
  // A settings value as plain data: numbers, strings, true/false, null, arrays and objects
  // of them, each property read once.
  function plain(v, where, depth) {
    switch (typeof v) {
      case 'number': case 'boolean': case 'undefined': return v;
      case 'string':
        if (v.length > kMaxName) throw new RangeError(where + ' is too long (at most ' + kMaxName + ' characters).');
        return v;
      case 'object': {
        if (v === null) return null;
        if (depth >= kMaxDepth) throw new RangeError(where + ' is nested too deeply.');
        if (Array.isArray(v) || ArrayBuffer.isView(v)) {
          var n = v.length;
          if (!(n <= kMaxList)) throw new RangeError(where + ' has too many values (at most ' + kMaxList + ').');
          var a = [];
          for (var i = 0; i < n; ++i) a.push(plain(v[i], where + '[' + i + ']', depth + 1));
          return a;
        }
        var keys = Object.keys(v);
        if (keys.length > kMaxKeys) throw new RangeError(where + ' has too many settings (at most ' + kMaxKeys + ').');
        var o = {};
        for (var k = 0; k < keys.length; ++k) o[keys[k]] = plain(v[keys[k]], where + '.' + keys[k], depth + 1);
        return o;
      }
      default: throw new TypeError(where + ' must be a number, string, true or false, array or object, not ' + describe(v) + '.');
    }
  }
  // An array (or typed array, or array-like) of at most `max` values of one kind, copied.
  function list(v, where, max, each) {
    if (v === null || typeof v !== 'object') throw new TypeError(where + ' must be an array, not ' + describe(v) + '.');
    var n = v.length;
    if (typeof n !== 'number' || n !== Math.floor(n) || n < 0) throw new TypeError(where + ' must be an array.');
    if (n > max) throw new RangeError(where + ' has too many values (at most ' + max + ').');
    var out = new Array(n);
    for (var i = 0; i < n; ++i) out[i] = each(v[i], where + '[' + i + ']');
    return out;
  }
  function number(v, where) {
    if (typeof v !== 'number') throw new TypeError(where + ' must be a number, not ' + describe(v) + '.');
    if (!isFinite(v)) throw new RangeError(where + ' must be a finite number.');
    return v;
  }
  function name(v, where) {
    if (typeof v !== 'string') throw new TypeError(where + ' must be a string, not ' + describe(v) + '.');
    if (v.length > kMaxName) throw new RangeError(where + ' is too long (at most ' + kMaxName + ' characters).');
    return v;
  }
  var CHECK = {
    number: number,
    coord: function (v, where) {
      if (typeof v !== 'number') throw new TypeError(where + ' must be a number, not ' + describe(v) + '.');
      return v;
    },
    int: function (v, where) {
      number(v, where);
      if (v !== Math.floor(v) || v < -2147483648 || v > 2147483647)
        throw new RangeError(where + ' must be a whole number (at most 2147483647 in size).');
      return v;
    },
    bool: function (v, where) {
      if (typeof v !== 'boolean') throw new TypeError(where + ' must be true or false, not ' + describe(v) + '.');
      return v;
    },
    name: name,
    text: function (v, where, max) {
      if (typeof v !== 'string') throw new TypeError(where + ' must be a string, not ' + describe(v) + '.');
      if (v.length > max) throw new RangeError(where + ' is too long (at most ' + max + ' characters).');
      return v;
    },
    numberOrNull: function (v, where) { return v === null ? null : number(v, where); },
    speed: function (v, where) { return v === Infinity ? v : number(v, where); },
    settings: function (v, where) {
      if (v === null || typeof v !== 'object' || Array.isArray(v))
        throw new TypeError(where + ' must be an object of settings, not ' + describe(v) + '.');
      return plain(v, where, 0);
    },
    numbers: function (v, where, max) { return Float64Array.from(list(v, where, max, number)); },
    names: function (v, where, max) { return list(v, where, max, name); },
    model: function (v, where) {
      if (v !== null && (typeof v !== 'object' || typeof v.isDeleted !== 'function'))
        throw new TypeError(where + ' must be an object of this module or null, not ' + describe(v) + '.');
      return v;
    },
  };

  // The refusal recorded by the bindings during the last call, thrown as a RangeError.
  // (A refusing binding returns nothing to keep: undefined, null or 0.)
  function refusal() {
    var msg = M['__refusal'];
    if (msg === undefined) return;
    M['__refusal'] = undefined;
    throw msg.charAt(0) === 'T' ? new TypeError(msg.slice(1)) : new RangeError(msg.slice(1));
  }
  // `fn` (an Embind function) behind the checks of `spec` ('name:kind[:max][?]', ...).
  function checked(fn, title, spec, isMethod) {
    var args = spec.map(function (s) {
      var optional = s.charAt(s.length - 1) === '?';
      var p = (optional ? s.slice(0, -1) : s).split(':');
      return { name: p[0], check: CHECK[p[1]], max: p[2] === undefined ? 0 : Number(p[2]), optional: optional,
        fill: p[1] === 'numberOrNull' }; // passed as null when left out
    });
    var least = args.filter(function (a) { return !a.optional; }).length;
    var signature = title + '(' + args.map(function (a) { return a.name; }).join(', ') + ')';
    call.api = { signature: signature, args: spec };
    function call(self, given) {
      var n = given.length;
      while (n > least && given[n - 1] === undefined) --n;
      if (n < least || n > args.length)
        throw new TypeError(signature + ' takes ' + (least === args.length ? least : least + ' to ' + args.length) +
          ' argument' + (args.length === 1 ? '' : 's') + ', not ' + given.length + '.');
      var values = new Array(n);
      for (var i = 0; i < n; ++i) values[i] = args[i].check(given[i], signature + ': ' + args[i].name, args[i].max);
      for (var f = n; f < args.length && args[f].fill; ++f) values.push(null);
      if (isMethod && (self === null || typeof self !== 'object' || typeof self.isDeleted !== 'function'))
        throw new TypeError(signature + ' must be called on an object of this module.');
      if (isMethod && self.isDeleted()) throw new Error(signature + ': the object has been deleted.');
      for (var j = 0; j < n; ++j)
        if (values[j] !== null && typeof values[j] === 'object' && typeof values[j].isDeleted === 'function' &&
            values[j].isDeleted())
          throw new Error(signature + ': ' + args[j].name + ' has been deleted.');
      M['__refusal'] = undefined;
      var result = fn.apply(self, values);
      refusal();
      return result;
    }
    return call;
  }

  Object.keys(FUNCTIONS).forEach(function (f) {
    var fn = M[f];
    if (typeof fn !== 'function') return;
    var call = checked(fn, f, FUNCTIONS[f], false);
    M[f] = function () { return call(undefined, arguments); };
    M[f].api = call.api;
    // Embind's dispatcher of overloads (by argument count) finds its table here.
    if (fn.overloadTable) M[f].overloadTable = fn.overloadTable;
  });
  Object.keys(CLASSES).forEach(function (c) {
    var Cls = M[c];
    if (typeof Cls !== 'function') return;
    var table = CLASSES[c];
    var proto = Cls.prototype;
    var methods = {};
    Object.keys(table).forEach(function (m) { if (m !== 'new' && m !== 'play' && m !== 'static') methods[m] = table[m]; });
    if (table.play) Object.keys(PLAY).forEach(function (m) { if (!methods[m]) methods[m] = PLAY[m]; });
    Object.getOwnPropertyNames(proto).forEach(function (m) {
      if (OWN[m] || typeof proto[m] !== 'function') return;
      var spec = methods[m];
      if (!spec) throw new Error('api.js has no checks for ' + c + '.' + m + '.');
      var call = checked(proto[m], c + '.' + m, spec, true);
      var fn = proto[m];
      proto[m] = function () { return call(this, arguments); };
      proto[m].api = call.api;
      if (fn.overloadTable) proto[m].overloadTable = fn.overloadTable;
    });
    var statics = table.static || {};
    Object.keys(statics).forEach(function (s) {
      var call = checked(Cls[s], c + '.' + s, statics[s], false);
      Cls[s] = function () { return call(undefined, arguments); };
      Cls[s].api = call.api;
    });
    var make = checked(function () { return Reflect.construct(Cls, arguments); }, 'new ' + c, table.new, false);
    Cls.api = make.api;
    M[c] = new Proxy(Cls, { construct: function (target, given) { return make(undefined, given); } });
  });
  // Every function and class the bindings register must be in the tables above.
  Object.keys(M).forEach(function (k) {
    var v = M[k];
    if (typeof v !== 'function' || FUNCTIONS[k] || CLASSES[k]) return;
    if (v.argCount !== undefined || v.overloadTable !== undefined || (v.prototype && v.prototype.isAliasOf))
      throw new Error('api.js has no checks for ' + k + '.');
  });
}
addOnPostRun(function () { installApiChecks(Module); });
