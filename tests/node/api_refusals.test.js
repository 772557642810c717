// api_refusals.test.js: refused calls of the JavaScript API leave the module exactly as
// before (stack pointer, wasm memory, heap in use, the object's state); arguments of the
// wrong type are refused, not coerced; strings and arrays are measured before anything is
// copied into wasm; page code run by a getter cannot delete an object under a call.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));
const fp = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);

let M;
test.before(async () => { M = await createDownhill(); });

const snapshot = () => ({ stack: M.stackSave(), bytes: M.heapBytes(), inUse: M.heapInUse() });
// The object's state without its version counter.
const stateOf = (o) => JSON.stringify(o.state());

test('200,000 refused calls move neither the stack pointer nor the heap; the run is unchanged and works after', () => {
  const run = new M.RollDownhill();
  const race = new M.OptimizerRace();
  const t = new M.Trainer();
  try {
    run.setStart(-2.9);
    run.advance(3);
    const before = snapshot();
    const states = [stateOf(run), stateOf(race), stateOf(t)];
    const refused = [
      () => run.setLearningRate(5), // refused by the core, inside wasm
      () => run.setStart(9),
      () => run.advance(-1),
      () => run.setSpeed(1000),
      () => race.setSurface('moon'),
      () => race.setOptimizers(['gd', 'newton']),
      () => race.trail(9),
      () => t.configure({ dataset: { kind: 'circle', points: 1 } }),
      () => t.predictGrid(-1, 1, 2000, -1, 1, 4),
      () => M.defaultOptimizerSettings('nope'),
      () => M.basinMap({ nx: 2048, ny: 2048, steps: 1000 }),
      () => new M.Curve('nope'),
      () => run.setLearningRate('fast'), // refused by the checks, before wasm
      () => run.setPlaying('false'),
    ];
    let range = 0, type = 0;
    for (let i = 0; i < 200000; i++) {
      try { refused[i % refused.length](); assert.fail('accepted: ' + refused[i % refused.length]); } catch (e) {
        if (e instanceof RangeError) range++;
        else if (e instanceof TypeError) type++;
        else throw e;
      }
    }
    assert.equal(range + type, 200000);
    assert.ok(type > 20000 && range > 150000, `${range} range, ${type} type`);
    assert.deepEqual(snapshot(), before);
    assert.deepEqual([stateOf(run), stateOf(race), stateOf(t)], states);
    // A normal call after: three more steps of x <- x - eta f'(x).
    let x = run.state().x;
    assert.equal(run.advance(3), 3);
    for (let i = 0; i < 3; i++) x -= 0.18 * fp(x);
    assert.ok(Math.abs(run.state().x - x) < 1e-12);
    assert.equal(run.state().step, 6);
    assert.deepEqual(M.defaultOptimizerSettings('adam').beta2, 0.999);
  } finally { run.delete(); race.delete(); t.delete(); }
});

test('wrong types are refused with a TypeError naming the argument, never coerced', () => {
  const run = new M.RollDownhill();
  const t = new M.Trainer();
  try {
    t.configure({ dataset: { kind: 'xor', points: 300 } });
    const settings = JSON.stringify(t.settings());
    const cases = [
      [() => t.configure(42), TypeError, /configure\(settings\): settings must be an object/],
      [() => t.configure({ dataset: 7 }), TypeError, /“dataset” must be an object/],
      [() => t.configure({ dataset: { points: '300' } }), TypeError, /“points” must be a number/],
      [() => run.setStart(null), TypeError, /setStart\(x\): x must be a number, not null/],
      [() => run.setPlaying('false'), TypeError, /setPlaying\(on\): on must be true or false, not a string/],
      [() => run.setPlaying(1), TypeError, /on must be true or false/],
      [() => run.advance(2 ** 32 + 2), RangeError, /advance\(n\): n must be a whole number/],
      [() => run.advance(2.5), RangeError, /n must be a whole number/],
      [() => run.advance('2'), TypeError, /n must be a number/],
      [() => run.setLearningRate(NaN), RangeError, /learningRate must be a finite number/],
      [() => run.setStart(), TypeError, /setStart\(x\) takes 1 argument, not 0/],
      [() => M.defaultOptimizerSettings('nope'), RangeError, /Unknown optimizer “nope”/],
      [() => M.defaultOptimizerSettings(3), TypeError, /name must be a string/],
      [() => M.scalarLoss('squared', '1', 2), TypeError, /y must be a number/],
      [() => M.softmax('123'), TypeError, /logits must be an array/],
      [() => M.softmax([1, '2']), TypeError, /logits\[1\] must be a number/],
      [() => M.showRoll({}), TypeError, /run must be an object of this module or null/],
      [() => M.runOptimizer({ steps: () => 1 }), TypeError, /steps must be a number, string/],
    ];
    for (const [call, kind, message] of cases) assert.throws(call, (e) => e instanceof kind && message.test(e.message), String(call));
    assert.equal(JSON.stringify(t.settings()), settings);
    assert.equal(run.state().playing, false);
    assert.equal(run.state().step, 0);
    // The same calls with the right types work (both forms of the overloaded ones too).
    assert.deepEqual(M.scalarLoss('squared', 80, 70), { value: 100, grad: -20 });
    assert.equal(M.scalarLoss('huber', 0, 3, 1).value, 2.5);
    assert.equal(M.loss('mse', [1, 2], [1, 4]).value, M.loss('mse', [1, 2], [1, 4], 1).value);
    run.setPlaying(true);
    assert.equal(run.state().playing, true);
    assert.equal(run.advance(2), 2);
    assert.equal(M.defaultOptimizerSettings('gd').learningRate, M.optimizerTable()[0].defaults.learningRate);
  } finally { run.delete(); t.delete(); }
});

test('a 50 MB string or a huge array is refused before it is copied: wasm memory does not grow', () => {
  const big = 'x'.repeat(50 * 1024 * 1024);
  const bigList = { length: 1e9 };
  const race = new M.OptimizerRace(), lr = new M.LrCompare(), l3 = new M.Landscape3D();
  const lab = new M.TrainingLab(), t = new M.Trainer(), b = new M.Backprop();
  try {
    const before = M.heapBytes();
    const calls = [
      () => M.scalarLoss(big, 1, 2), () => M.loss(big, [1], [1]), () => M.defaultOptimizerSettings(big),
      () => new M.Curve(big), () => new M.Surface(big), () => l3.setSurface(big), () => l3.setPoint(big),
      () => lr.setCurve(big), () => race.setSurface(big), () => race.setOptimizers([big]), () => lab.preset(big),
      () => t.preset(big), () => M.runOptimizer({ optimizer: big }), () => M.learningRateMap({ curve: big }),
      () => M.basinMap({ surface: big }), () => M.makeDataset({ kind: big }), () => M.scheduleFactors({ kind: big }, 3),
      () => t.configure({ model: { hidden: big } }), () => lab.configure({ optimizer: big }), () => b.configure({ activation: big }),
      () => M.softmax(bigList), () => M.loss('mse', bigList, [1]), () => t.predict(bigList), () => t.inspect(bigList, 1),
      () => race.setOptimizers(bigList), () => t.configure({ model: { hidden: new Array(1e6).fill(8) } }),
    ];
    for (const call of calls) assert.throws(call, (e) => e instanceof RangeError && /too long|too many/.test(e.message), String(call));
    assert.equal(M.heapBytes(), before);
  } finally { race.delete(); lr.delete(); l3.delete(); lab.delete(); t.delete(); b.delete(); }
});

test('a getter that deletes the object is run before the call and the call is refused', () => {
  const sneaky = (obj, value) => ({ length: 2, get 0() { obj.delete(); return value; }, 1: value });
  const deleting = (obj, key, value) => ({ get [key]() { obj.delete(); return value; } });
  const cases = [
    ['OptimizerRace', (o) => o.setOptimizers(sneaky(o, 'gd'))],
    ['Trainer', (o) => o.configure(deleting(o, 'dataset', { kind: 'xor' }))],
    ['Trainer', (o) => o.predict(sneaky(o, 0.5))],
    ['Trainer', (o) => o.inspect(sneaky(o, 0.5), 1)],
    ['TrainingLab', (o) => o.configure(deleting(o, 'points', 100))],
    ['Backprop', (o) => o.configure(deleting(o, 'x1', 0.5))],
  ];
  const before = snapshot();
  for (const [cls, call] of cases) {
    const o = new M[cls]();
    const started = Date.now();
    assert.throws(() => call(o), /has been deleted/, cls);
    assert.ok(Date.now() - started < 1000);
    assert.ok(o.isDeleted());
  }
  assert.deepEqual(snapshot(), before);
  const race = new M.OptimizerRace();
  race.setOptimizers(['gd', 'adam']);
  assert.equal(race.advance(5), 5);
  assert.deepEqual(race.state().racers.map((r) => r.step), [5, 5]);
  race.delete();
});

test('work limits: the largest accepted calls finish, one step beyond each limit is a RangeError naming it', () => {
  assert.throws(() => M.learningRateMap({ starts: 4096, rates: 4096, steps: 119 }), /map size limit/);
  assert.throws(() => M.learningRateMap({ starts: 4096, rates: 256, steps: 500 }), /map work limit/);
  assert.throws(() => M.basinMap({ optimizer: 'adam', nx: 2048, ny: 2048, steps: 476 }), /map size limit/);
  assert.throws(() => M.basinMap({ optimizer: 'adam', nx: 512, ny: 512, steps: 476 }), /map work limit/);
  assert.equal(M.learningRateMap({ starts: 512, rates: 256, steps: 5 }).outcome.length, 512 * 256);
  const t = new M.Trainer();
  try {
    assert.throws(() => t.configure({ dataset: { kind: 'circle', points: 100000 }, model: { hidden: '256,256,256,256,256,256,256,256' } }),
      /training work limit/);
    t.configure({ dataset: { kind: 'circle', points: 500 }, model: { hidden: '64,64' } });
    assert.throws(() => t.trainEpochs(100000), /training work limit/);
    assert.throws(() => t.predictGrid(-1, 1, 1024, -1, 1, 1024), /training work limit/);
    assert.equal(t.predictGrid(-1, 1, 64, -1, 1, 64).length, 64 * 64);
    assert.equal(t.trainEpochs(2), 2);
    assert.equal(t.state().epoch, 2);
  } finally { t.delete(); }
  const run = new M.RollDownhill();
  const started = Date.now();
  assert.equal(run.advance(1e6), 1e6);
  assert.ok(Date.now() - started < 1500, `advance(1e6) took ${Date.now() - started} ms`);
  assert.equal(run.trail().length, 4096);
  assert.equal(run.trail()[4095], run.state().x);
  run.delete();
});
