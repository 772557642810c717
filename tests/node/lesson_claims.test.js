// lesson_claims.test.js: the numbers a lesson says its widget shows, read out of the
// lesson's markdown and checked against the widget's own class in the wasm module (the
// settings the lesson places, the learning rates it tells the learner to set). Editing a
// number in a lesson, or changing what a widget computes, fails the claim here. The same
// numbers are computed with the native core in tests/core/test_lesson_claims.cpp.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const createDownhill = require(path.join(ROOT, 'build/wasm/downhill.js'));

// A lesson's text with runs of white space read as one space.
const lesson = (file) => fs.readFileSync(path.join(ROOT, 'lessons', file), 'utf8').replace(/\s+/g, ' ');
// The first capture group of `re` in the lesson, as a string; fails when missing.
function said(file, re) {
  const m = re.exec(lesson(file));
  assert.ok(m, `lessons/${file} no longer says ${re}`);
  return m[1];
}
const saidNumber = (file, re) => Number(said(file, re));
// The settings of the first "::: widget NAME k=v ..." line of a lesson.
function placed(file, name) {
  const m = new RegExp(`^::: widget ${name}((?: \\S+=\\S+)*)\\s*$`, 'm').exec(fs.readFileSync(path.join(ROOT, 'lessons', file), 'utf8'));
  assert.ok(m, `lessons/${file} places ${name}`);
  return Object.fromEntries(m[1].trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}
// Runs fn(object) and deletes the wasm object afterwards.
function using(obj, fn) { try { return fn(obj); } finally { obj.delete(); } }

let M;
test.before(async () => { M = await createDownhill(); });

// ---- 01 What is loss? -----------------------------------------------------------------
test('01-what-is-loss: the loss gap readouts at the placed values', () => {
  const file = '01-what-is-loss.md';
  const { truth, prediction } = placed(file, 'loss-gap');
  using(new M.LossGap(), (g) => {
    g.setTruth(truth);
    g.setPrediction(prediction);
    const s = g.state();
    assert.equal(s.gap.toFixed(2), said(file, /A gap of \$([\d.]+)\$ on a scale/));
    assert.equal(s.squared.toFixed(4), said(file, /the squared error is \$([\d.]+)\$ and the Huber loss/));
    assert.ok(Math.abs(s.huber - s.squared / 2) < 1e-15, 'Huber is half the squared error');
    assert.equal(s.huber.toFixed(3), said(file, /the Huber loss is half of that, about \$([\d.]+)\$/));
    assert.equal(s.huberDelta, saidNumber(file, /For small misses \(here, up to \$([\d.]+)\$\) it is \*half\*/));
    assert.equal(s.huberDelta, saidNumber(file, /Past \$([\d.]+)\$ it grows in a straight line/));
    // The Gap readout is the size of the miss: too high and too low read the same.
    const d = saidNumber(file, /a prediction \$([\d.]+)\$ too high costs exactly/);
    g.setPrediction(truth + d);
    const high = g.state();
    g.setPrediction(truth - d);
    const low = g.state();
    assert.ok(high.gap > 0 && Math.abs(high.gap - low.gap) < 1e-12);
    assert.ok(Math.abs(high.squared - low.squared) < 1e-12 && Math.abs(high.absolute - low.absolute) < 1e-12);
    assert.ok(Math.abs(high.crossEntropy - low.crossEntropy) > 0.01, 'cross-entropy differs on the two sides');
  });
});

// ---- 04 Gradient descent --------------------------------------------------------------
test('04-gradient-descent: at 0.18 the ball settles in no valley', () => {
  const file = '04-gradient-descent.md';
  const lr = saidNumber(file, /Set the learning rate to \$([\d.]+)\$\. Now the ball bounces in \*every\* valley/);
  using(new M.RollDownhill(), (run) => {
    for (const m of run.minima()) assert.ok(m.maxStableLearningRate < lr, `${m.x}: ${m.maxStableLearningRate}`);
    run.setLearningRate(lr);
    for (const start of [-4.5, -3, -2, -0.5, 0.5, 2, 3, 4.5]) {
      run.setStart(start);
      run.advance(3000);
      assert.notEqual(run.state().status, 'settled', `from ${start}`);
    }
  });
});

// ---- 06 Local minima and better optimizers -------------------------------------------
const L06 = '06-local-minima-optimizers.md';

test('06-local-minima-optimizers: the fair race, each racer at its tuned rate', () => {
  using(new M.OptimizerRace(), (race) => {
    const s0 = race.state();
    assert.equal(s0.surface, 'ravine');
    assert.equal(s0.ownRates, true);
    assert.deepEqual(s0.racers.map((r) => r.name), ['gd', 'momentum', 'adam']);
    const [g, m, a] = said(L06, /On the ravine that is about \$([\d.]+\$ for gradient descent, \$[\d.]+\$ for momentum and \$[\d.]+)\$ for Adam/)
      .split(/\$[^$]*\$/).map(Number);
    assert.equal(s0.racers[0].learningRate.toFixed(3), g.toFixed(3));
    assert.equal(s0.racers[1].learningRate.toFixed(3), m.toFixed(3));
    assert.equal(s0.racers[2].learningRate.toFixed(2), a.toFixed(2));
    race.advance(20000);
    const [gd, momentum, adam] = race.state().racers;
    const steps = said(L06, /gradient descent arrives after (\d+ steps, momentum after \d+ and Adam after \d+)\./).match(/\d+/g).map(Number);
    assert.deepEqual([gd.reachedAt, momentum.reachedAt, adam.reachedAt], steps);
  });
});

test('06-local-minima-optimizers: the ravine race at one shared rate', () => {
  using(new M.OptimizerRace(), (race) => {
    race.setLearningRate(saidNumber(L06, /\*One for every racer\* and type \$([\d.]+)\$/));
    race.advance(20000);
    const [gd, momentum, adam] = race.state().racers;
    assert.equal(gd.reachedAt, saidNumber(L06, /It arrives after (\d+) steps\./));
    assert.equal(momentum.reachedAt, saidNumber(L06, /and still arrives first, after (\d+) steps\./));
    assert.equal(adam.reachedAt, saidNumber(L06, /\*\*Adam\*\* comes last, after (\d+) steps\./));
    assert.equal(race.state().winner, 1);
  });
});

test('06-local-minima-optimizers: Adam\'s first step is eta in each direction', () => {
  using(new M.OptimizerRace(), (race) => {
    const eta = saidNumber(L06, /Its first step moves it \$([\d.]+)\$ across the ravine/);
    race.setLearningRate(eta);
    const before = race.state().racers[2];
    race.step();
    const after = race.state().racers[2];
    assert.ok(Math.abs(Math.abs(after.x - before.x) - eta) < 1e-6);
    assert.ok(Math.abs(Math.abs(after.y - before.y) - eta) < 1e-6);
  });
});

test('06-local-minima-optimizers: at 0.2 only Adam arrives', () => {
  using(new M.OptimizerRace(), (race) => {
    race.setLearningRate(saidNumber(L06, /Set the learning rate to \$([\d.]+)\$: plain gradient descent and momentum both blow up/));
    race.advance(20000);
    const [gd, momentum, adam] = race.state().racers;
    assert.equal(gd.status, 'diverged');
    assert.equal(momentum.status, 'diverged');
    assert.equal(adam.reachedAt, saidNumber(L06, /both blow up, while Adam arrives after (\d+) steps\./));
  });
});

test('06-local-minima-optimizers: from the top-left corner momentum escapes the shallower well', () => {
  using(new M.OptimizerRace(), (race) => {
    race.setSurface('lesson');
    race.setLearningRate(saidNumber(L06, /Keep one rate for every racer and set it to \$([\d.]+)\$/));
    const [x, y] = said(L06, /Move the start to \$\((-?[\d.]+, -?[\d.]+)\)\$, in the top-left corner/).split(', ').map(Number);
    race.setStart(x, y);
    race.advance(20000);
    const [gd, momentum, adam] = race.state().racers;
    assert.equal(gd.nearest.kind, 'local-min');
    assert.equal(momentum.nearest.kind, 'global-min');
    assert.equal(adam.nearest.kind, 'local-min');
    assert.equal(gd.reachedAt, saidNumber(L06, /comes to rest in the shallower well, the \[\[local minimum\]\], after (\d+) steps\./));
    assert.equal(momentum.reachedAt, saidNumber(L06, /into the deeper well, the \[\[global minimum\]\], after (\d+) steps\./));
  });
});

// ---- 07 The training loop -------------------------------------------------------------
const L07 = '07-training-loop.md';

// Epochs of the code walk at that rate until w stays within 0.01 of `best` (51: never, in 50).
function epochsToReach(walk, lr, best) {
  walk.setLearningRate(lr);
  walk.setEpochs(50);
  walk.runToEnd();
  let from = 1;
  for (const p of walk.printed()) if (!(Math.abs(p.w - best) < 0.01)) from = p.epoch + 1;
  return from;
}

test('07-training-loop: the code walk gets faster with the learning rate only up to a point', () => {
  using(new M.CodeWalk(), (walk) => {
    const best = saidNumber(L07, /Watch \$w\$ climb from \$0\$ towards \$([\d.]+)\$, the best weight/);
    const start = saidNumber(L07, /At the starting learning rate, \$([\d.]+)\$, it takes/);
    assert.equal(walk.state().learningRate, start);
    const base = epochsToReach(walk, start, best);
    assert.equal(base, saidNumber(L07, /it takes (\d+) epochs to come within \$0\.01\$/));
    const oneStep = saidNumber(L07, /At about \$([\d.]+)\$ a single update lands \$w\$ on/);
    assert.equal(epochsToReach(walk, oneStep, best), 1);
    const slower = saidNumber(L07, /above about \$([\d.]+)\$ it needs more of them than it did at/);
    assert.ok(epochsToReach(walk, slower, best) <= base);
    assert.ok(epochsToReach(walk, Math.round((slower + 0.001) * 1000) / 1000, best) > base);
    const limit = saidNumber(L07, /Past about \$([\d.]+)\$ each swing is bigger than the last/);
    const swings = (lr) => {
      walk.setLearningRate(lr);
      walk.setEpochs(30);
      walk.runToEnd();
      const p = walk.printed();
      return Math.abs(p[29].w - best) > Math.abs(p[28].w - best);
    };
    assert.equal(swings(limit), false);
    assert.equal(swings(Math.round((limit + 0.001) * 1000) / 1000), true);
  });
});
