// schema_ranges.test.js: the settings table (web/schema.js) and the simulator's own checks
// agree. For every numeric setting of every widget, the setter of the wasm module behind it
// takes the schema's min and max and refuses, with a RangeError, a value just outside them;
// a range changed on one side only fails here. Settings the page alone reads (a teacher's
// goals) are named as such, and a numeric setting that is neither fails too.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const Schema = require('../../web/schema.js');

const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));
let M;
test.before(async () => { M = await createDownhill(); });

// Calls fn(object) on a new object of class `name`, then frees it.
const using = (name, fn) => (v) => {
  const o = new M[name]();
  try { fn(o, v); } finally { o.delete(); }
};
// The same setter on every one of `choices` (curves, surfaces): a value is taken when one of
// them takes it. The schema's range is the widest of theirs; each page holds the value in
// the range of the one it shows.
const onAny = (name, choose, choices, fn) => (v) => {
  let refusal = null;
  for (const choice of choices) {
    try { using(name, (o) => { choose(o, choice); fn(o, v); })(); return; } catch (e) { refusal = e; }
  }
  throw refusal;
};
// setFormula returns its refusal as text: thrown here as the other setters throw.
const refuse = (why) => { if (why) throw new RangeError(why); };
// The four ends of a typed surface's range, each with the others as far out as they go.
const WIDE = [-1000, 1000, -1000, 1000];
const surfaceRange = (name) => Object.fromEntries(['xMin', 'xMax', 'yMin', 'yMax'].map((k, i) => [k,
  using(name, (o, v) => refuse(o.setFormula('x^2 + y^2', ...WIDE.map((w, j) => (j === i ? v : w)))))]));
const LAB_DEFAULTS = { dataset: 'circle', points: 500, train: 0.5, batch: 10, hidden: '4,2' };

// How each setting reaches the simulator: setter(value) throws when the simulator refuses it.
const SETTERS = {
  'loss-gap': {
    truth: using('LossGap', (g, v) => g.setTruth(v)),
    prediction: using('LossGap', (g, v) => g.setPrediction(v)),
  },
  'loss-explorer': {
    prediction: using('LossExplorer', (e, v) => e.setPrediction(v)),
    delta: using('LossExplorer', (e, v) => e.setDelta(v)),
    outlierX: using('LossExplorer', (e, v) => e.setOutlier(v, 0.5)),
    outlierY: using('LossExplorer', (e, v) => e.setOutlier(9, v)),
    seed: using('LossExplorer', (e, v) => e.setSeed(v)),
  },
  'landscape-3d': {
    // Each end of the typed surface's range, with the others as far out as they go.
    ...surfaceRange('Landscape3D'),
    yaw: using('Landscape3D', (l, v) => l.setView(v, 35, 1)),
    pitch: using('Landscape3D', (l, v) => l.setView(-35, v, 1)),
    zoom: using('Landscape3D', (l, v) => l.setView(-35, 35, v)),
  },
  'roll-downhill': {
    // The start on the widest curve a learner may type (drawn from -1000 to 1000).
    start: using('RollDownhill', (r, v) => { refuse(r.setFormula('x^2', -1000, 1000)); r.setStart(v); }),
    lr: using('RollDownhill', (r, v) => r.setLearningRate(v)),
    // Each end of the typed curve's range, with the other end as far out as it goes.
    xMin: using('RollDownhill', (r, v) => refuse(r.setFormula('x^2', v, 1000))),
    xMax: using('RollDownhill', (r, v) => refuse(r.setFormula('x^2', -1000, v))),
  },
  'lr-compare': {
    // The start on the named curves and on the widest curve a learner may type.
    start: onAny('LrCompare', (c, curve) => (curve === 'typed' ? refuse(c.setFormula('x^2', -1000, 1000)) : c.setCurve(curve)),
      [...Schema.WIDGETS['lr-compare'].params.curve.values, 'typed'], (c, v) => c.setStart(v)),
    xMin: using('LrCompare', (c, v) => refuse(c.setFormula('x^2', v, 1000))),
    xMax: using('LrCompare', (c, v) => refuse(c.setFormula('x^2', -1000, v))),
    small: using('LrCompare', (c, v) => c.setLearningRate(0, v)),
    medium: using('LrCompare', (c, v) => c.setLearningRate(1, v)),
    large: using('LrCompare', (c, v) => c.setLearningRate(2, v)),
  },
  'optimizer-race': (() => {
    const surfaces = Schema.WIDGETS['optimizer-race'].params.surface.values;
    const race = (fn) => using('OptimizerRace', fn);
    const choose = (r, s) => (s === 'typed' ? refuse(r.setFormula('x^2 + y^2', ...WIDE)) : r.setSurface(s));
    return {
      lr: race((r, v) => r.setLearningRate(v)),
      // Each racer's own rate, on a race of all seven.
      ...Object.fromEntries(Schema.WIDGETS['optimizer-race'].params.optimizers.values.map((k, _, all) => [
        'lr' + { gd: 'Gd', momentum: 'Momentum', nesterov: 'Nesterov', adagrad: 'Adagrad', rmsprop: 'Rmsprop', adam: 'Adam', sgd: 'Sgd' }[k],
        race((r, v) => {
          r.setOptimizers(all);
          r.setRacerLearningRate(r.state().racers.findIndex((x) => x.name === k), v);
        })])),
      ...surfaceRange('OptimizerRace'),
      // The start on the named surfaces and on the widest surface a learner may type.
      startX: onAny('OptimizerRace', choose, [...surfaces, 'typed'], (r, v) => r.setStart(v, r.state().startY)),
      startY: onAny('OptimizerRace', choose, [...surfaces, 'typed'], (r, v) => r.setStart(r.state().startX, v)),
      momentum: race((r, v) => r.setMomentum(v)),
      beta1: race((r, v) => r.setAdamBetas(v, 0.999)),
      beta2: race((r, v) => r.setAdamBetas(0.9, v)),
      noise: race((r, v) => r.setNoise(v, 1)),
      seed: race((r, v) => r.setNoise(0.5, v)),
    };
  })(),
  'training-lab': (() => {
    const configure = (name, extra = {}) => using('TrainingLab', (t, v) => t.configure({ ...LAB_DEFAULTS, ...extra, [name]: v }));
    return {
      noise: configure('noise'),
      points: configure('points', { batch: 1 }),
      train: configure('train'),
      outlier: configure('outlier', { dataset: 'line', loss: 'mse', model: 'linear-regression' }),
      batch: configure('batch', { points: 1000, train: 0.9 }),
      lr: configure('lr'),
      seed: configure('seed'),
      speed: using('TrainingLab', (t, v) => t.setSpeed(v)),
      l2: configure('l2'),
      patience: configure('patience'),
      test: configure('test'),
      // Each number of the list, and how many there may be.
      hidden: (v) => using('TrainingLab', (t) => t.configure({ ...LAB_DEFAULTS, hidden: String(v) }))(),
    };
  })(),
  'backprop': (() => {
    const configure = (name) => using('Backprop', (b, v) => b.configure({ loss: 'mse', [name]: v }));
    return {
      x1: configure('x1'), x2: configure('x2'), target: configure('target'), hidden: configure('hidden'),
      lr: configure('lr'), seed: configure('seed'),
    };
  })(),
  'code-walk': {
    lr: using('CodeWalk', (c, v) => c.setLearningRate(v)),
    epochs: using('CodeWalk', (c, v) => c.setEpochs(v)),
    speed: using('CodeWalk', (c, v) => c.setSpeed(v)),
  },
  'loss-accuracy': {
    boundary: using('LossAccuracy', (a, v) => a.setBoundary(v)),
    steepness: using('LossAccuracy', (a, v) => a.setSteepness(v)),
    lr: using('LossAccuracy', (a, v) => a.setLearningRate(v)),
  },
  'momentum': {
    kappa: using('Momentum', (m, v) => m.setKappa(v)),
    eta: using('Momentum', (m, v) => m.setEta(v)),
    beta: using('Momentum', (m, v) => m.setBeta(v)),
  },
  'batch-noise': {
    batch: using('BatchNoise', (b, v) => b.setBatch(v)),
    from: using('BatchNoise', (b, v) => b.setRange(v, 1)),
    to: using('BatchNoise', (b, v) => b.setRange(-5, v)),
    seed: using('BatchNoise', (b, v) => b.setSeed(v)),
  },
  'weights-fit': {
    // The start in the window of measured or of standardised x (the schema's range is both).
    w: onAny('WeightsFit', (f, s) => f.setScaled(s), [false, true], (f, v) => f.setWeights(v, 0)),
    b: onAny('WeightsFit', (f, s) => f.setScaled(s), [false, true], (f, v) => f.setWeights(0, v)),
    lr: using('WeightsFit', (f, v) => f.setLearningRate(v)),
  },
};
// A teacher's goal is read by the page alone: the simulator has no such setting.
const PAGE_ONLY = {
  'roll-downhill': ['goalLoss', 'goalSteps'],
  'lr-compare': ['goalLoss', 'goalSteps'],
  'optimizer-race': ['goalDistance', 'goalSteps'],
  'training-lab': ['goalLoss', 'goalEpochs'],
};

const numeric = (spec) => spec.type === 'number' || spec.type === 'int-list';
const numericSettings = () => Object.entries(Schema.WIDGETS).flatMap(([widget, def]) =>
  Object.entries(def.params).filter(([, spec]) => numeric(spec)).map(([name, spec]) => ({ widget, name, spec })));

// The nearest values outside [min, max]: one whole step for whole numbers, else a relative hair.
const outside = (spec) => {
  if (spec.integer || spec.type === 'int-list') return [spec.min - 1, spec.max + 1];
  const hair = (v) => Math.max(Math.abs(v) * 1e-6, 1e-12);
  return [spec.min - hair(spec.min), spec.max + hair(spec.max)];
};
const takes = (set, v) => { try { set(v); return null; } catch (e) { return e; } };

test('every numeric setting reaches a setter of the simulator, or is one the page alone reads', () => {
  for (const { widget, name } of numericSettings()) {
    const setter = SETTERS[widget] && SETTERS[widget][name];
    const pageOnly = (PAGE_ONLY[widget] || []).includes(name);
    assert.ok(setter || pageOnly, `${widget} “${name}” is checked by neither side`);
    assert.ok(!(setter && pageOnly), `${widget} “${name}” is listed twice`);
    if (pageOnly) assert.match(name, /^goal[A-Z]/, `${widget} “${name}”: only a teacher's goal is read by the page alone`);
  }
  // And nothing here names a setting the schema does not have.
  for (const [widget, setters] of Object.entries(SETTERS)) {
    for (const name of Object.keys(setters)) {
      const spec = Schema.WIDGETS[widget].params[name];
      assert.ok(spec && numeric(spec), `${widget} “${name}” is no numeric setting of the schema`);
    }
  }
});

test('the simulator takes each setting\'s min and max, and refuses just outside them', () => {
  const problems = [];
  for (const { widget, name, spec } of numericSettings()) {
    const set = SETTERS[widget] && SETTERS[widget][name];
    if (!set) continue;
    for (const v of [spec.min, spec.max]) {
      const e = takes(set, v);
      if (e) problems.push(`${widget} “${name}” = ${v} is in the schema's range but refused: ${e.message}`);
    }
    for (const v of outside(spec)) {
      const e = takes(set, v);
      if (!e) problems.push(`${widget} “${name}” = ${v} is outside the schema's range [${spec.min}, ${spec.max}] but taken`);
      else if (!(e instanceof RangeError) || !e.message) problems.push(`${widget} “${name}” = ${v}: refused without a RangeError message`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the hidden layers: as many as the schema allows, and no more', () => {
  const spec = Schema.WIDGETS['training-lab'].params.hidden;
  const set = SETTERS['training-lab'].hidden;
  const layers = (n) => Array(n).fill(1).join(',');
  assert.equal(takes(set, layers(spec.minCount)), null);
  assert.equal(takes(set, layers(spec.maxCount)), null);
  assert.ok(takes(set, layers(spec.maxCount + 1)) instanceof RangeError);
  assert.ok(takes(set, '') instanceof RangeError);
});
