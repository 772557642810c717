// wasm_roll.test.js: the wasm module loaded in node, driven through its JS API, checked
// against values computed here from the formula of the course curve.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));
const f = (x) => 0.12 * x * x + Math.sin(2.4 * x) + 0.3 * Math.cos(5 * x);
const fp = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);

let M;
test.before(async () => { M = await createDownhill(); });

test('the course curve and its derivatives match the formula', () => {
  for (const x of [-4.5, -3.14, -1, 0, 0.5, 1.885, 4.2]) {
    assert.ok(Math.abs(M.courseValue(x) - f(x)) < 1e-14);
    assert.ok(Math.abs(M.courseSlope(x) - fp(x)) < 1e-14);
  }
  // f'' against a central difference of f'.
  const h = 1e-5;
  assert.ok(Math.abs(M.courseCurvature(0.7) - (fp(0.7 + h) - fp(0.7 - h)) / (2 * h)) < 1e-7);
});

test('defaults and the first steps follow x <- x - eta f\'(x)', () => {
  const run = new M.RollDownhill();
  try {
    const s0 = run.state();
    assert.equal(s0.step, 0);
    assert.equal(s0.x, 3);
    assert.equal(s0.learningRate, 0.18);
    assert.equal(s0.status, 'running');
    run.setLearningRate(0.05);
    run.setStart(1.0);
    let x = 1.0;
    for (let i = 1; i <= 5; i++) {
      x -= 0.05 * fp(x);
      run.step();
      const s = run.state();
      assert.equal(s.step, i);
      assert.ok(Math.abs(s.x - x) < 1e-12, `step ${i}: ${s.x} vs ${x}`);
      assert.ok(Math.abs(s.loss - f(x)) < 1e-12);
      assert.ok(Math.abs(s.gradient - fp(x)) < 1e-12);
    }
    assert.deepEqual(Array.from(run.trail()).length, 6);
    run.reset();
    assert.equal(run.state().step, 0);
    assert.equal(run.state().x, 1.0);
  } finally { run.delete(); }
});

test('the four minima and their largest stable learning rates', () => {
  const run = new M.RollDownhill();
  try {
    const m = run.minima();
    assert.equal(m.length, 4);
    const expect = [[-3.140659, -0.066710, 0.1514], [-0.628311, -1.250653, 0.1483], [1.884756, -0.855921, 0.1493], [4.395626, 1.116460, 0.1546]];
    expect.forEach(([x, fx, lr], i) => {
      assert.ok(Math.abs(m[i].x - x) < 1e-5, `minimum ${i} at ${m[i].x}`);
      assert.ok(Math.abs(m[i].f - fx) < 1e-5);
      assert.ok(Math.abs(m[i].maxStableLearningRate - lr) < 1e-4);
    });
  } finally { run.delete(); }
});

test('eta = 0.15 settles in one valley and bounces in another', () => {
  const a = new M.RollDownhill(), b = new M.RollDownhill();
  try {
    a.setLearningRate(0.15); a.setStart(-2.9); a.advance(5000);
    b.setLearningRate(0.15); b.setStart(-0.5); b.advance(5000);
    assert.equal(a.state().status, 'settled');
    assert.ok(Math.abs(a.state().x - -3.140659) < 1e-6);
    assert.equal(b.state().status, 'running');
    assert.ok(Math.abs(b.state().x - -0.628311) > 1e-3);
  } finally { a.delete(); b.delete(); }
});

test('bad arguments raise RangeError with a message and change nothing', () => {
  const run = new M.RollDownhill();
  try {
    for (const v of [NaN, Infinity, -Infinity, 0, 5, -1, 1e308]) {
      assert.throws(() => run.setLearningRate(v), (e) => e instanceof RangeError && /learning ?rate/i.test(e.message));
    }
    for (const v of [NaN, 5.01, -99, 1e308]) {
      assert.throws(() => run.setStart(v), (e) => e instanceof RangeError && /start position|setStart\(x\): x must be a finite number/.test(e.message));
    }
    assert.throws(() => run.advance(-1), RangeError);
    assert.equal(run.state().learningRate, 0.18);
    assert.equal(run.state().x, 3);
    assert.ok(run.step());
    assert.ok(Number.isFinite(run.state().x));
  } finally { run.delete(); }
});

test('a huge step leaves the drawn range and the run stops, saying where', () => {
  const run = new M.RollDownhill();
  try {
    run.setLearningRate(1.2); run.setStart(4.9);
    const taken = run.advance(100);
    const s = run.state();
    assert.equal(s.status, 'out-of-view');
    assert.equal(s.stoppedAt, taken);
    assert.equal(run.step(), false);
  } finally { run.delete(); }
});

test('the heap does not grow with many runs created and deleted', () => {
  const before = M.heapBytes();
  for (let i = 0; i < 2000; i++) {
    const r = new M.RollDownhill();
    r.advance(200);
    r.trail();
    r.delete();
  }
  assert.equal(M.heapBytes(), before);
});
