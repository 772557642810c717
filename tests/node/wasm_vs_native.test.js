// wasm_vs_native.test.js: the wasm build, driven through its JavaScript API, reproduces
// the native core's results (printed by build/native/core_reference).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const createDownhill = require(path.join(ROOT, 'build/wasm/downhill.js'));
const ref = JSON.parse(execFileSync(path.join(ROOT, 'build/native/core_reference'), { maxBuffer: 64 << 20 }).toString());

// |a - b| <= tol * max(1, |b|) for every pair; null in the reference stands for non-finite.
function close(actual, expected, tol, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i], a = actual[i];
    if (e === null) { assert.ok(!Number.isFinite(a), `${what}[${i}]: expected non-finite, got ${a}`); continue; }
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs native ${e}`);
  }
}

let M;
test.before(async () => { M = await createDownhill(); });

test('losses and gradients match to the last digits', () => {
  const out = [];
  const o2 = [2, -1, 0.5], t2 = [0, 1, 0];
  for (const k of ['mse', 'mae', 'huber']) { const r = M.loss(k, o2, t2, 0.5); out.push(r.value, ...r.grad); }
  const ce = M.loss('softmax-ce', o2, t2); out.push(ce.value, ...ce.grad);
  const b = M.loss('bce', [0.3], [1]); out.push(b.value, b.grad[0]);
  const h = M.loss('hinge', [0.3], [1]); out.push(h.value, h.grad[0]);
  close(out, ref.losses, 1e-14, 'losses');
});

test('stationary points of every curve and critical points of every surface', () => {
  for (const name of M.landscape1dNames()) {
    const c = new M.Curve(name);
    try { close(c.stationaryPoints().map((p) => p.x), ref['stationary:' + name], 1e-10, name); } finally { c.delete(); }
  }
  for (const name of M.landscape2dNames()) {
    const s = new M.Surface(name);
    try { close(s.criticalPoints().flatMap((p) => [p.x, p.y]), ref['critical:' + name], 1e-9, name); } finally { s.delete(); }
  }
});

test('every optimizer ends where the native run ends', () => {
  for (const surface of ['lesson', 'rosenbrock']) {
    for (const o of M.optimizerNames()) {
      const r = M.runOptimizer({ surface, optimizer: o, settings: M.defaultOptimizerSettings(o), steps: 300 });
      const e = ref[`run:${surface}:${o}`];
      assert.equal(r.steps, e.steps, `${surface}/${o} steps`);
      assert.equal(r.status, e.status, `${surface}/${o} status`);
      const n = r.positions.length;
      close([r.positions[n - 2], r.positions[n - 1], r.losses[r.losses.length - 1]], [e.x, e.y, e.loss], 1e-9, `${surface}/${o}`);
    }
  }
});

test('learning-rate map and basin map: the same outcome in every cell', () => {
  const m = M.learningRateMap({ starts: 96, rates: 48, steps: 300 });
  assert.deepEqual(Array.from(m.outcome), ref['lrmap:outcome']);
  assert.deepEqual(Array.from(m.steps), ref['lrmap:steps']);
  const b = M.basinMap({ surface: 'lesson', optimizer: 'momentum', settings: M.defaultOptimizerSettings('momentum'), nx: 40, ny: 40, steps: 400 });
  assert.deepEqual(Array.from(b.outcome), ref['basin:outcome']);
});

test('seeded data matches; training follows the native history', () => {
  const d = M.makeDataset({ kind: 'spiral', points: 200, noise: 0.2, seed: 7 });
  // The spiral's sin/cos may differ in the last bit between the C libraries.
  close(Array.from(d.train.x), ref['data:spiral:x'], 1e-14, 'spiral x');
  assert.deepEqual(Array.from(d.train.y), ref['data:spiral:y']);
  const t = new M.Trainer();
  try {
    t.preset('playground');
    t.trainEpochs(30);
    const h = t.history();
    // tanh/exp may differ in the last bit between the C libraries; the histories agree closely.
    close(Array.from(h.trainLoss), ref['train:playground:train'], 1e-9, 'train loss');
    close(Array.from(h.validationLoss), ref['train:playground:validation'], 1e-9, 'validation loss');
  } finally { t.delete(); }
});
