// api_fuzz.test.js: random JSON-ish values (numbers with NaN, infinities, -0 and huge
// ones, strings up to 1 MB, null, undefined, arrays, objects, getters that delete the
// object) thrown at every function, constructor and method of the JavaScript API for a
// few seconds, seeded so a failure can be replayed (DOWNHILL_FUZZ_SEED=n). Every call
// either returns or throws a TypeError, RangeError or the deleted-object Error; the
// module survives: the stack pointer is where it was and normal calls give the right
// values afterwards.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));
const SEED = Number(process.env.DOWNHILL_FUZZ_SEED || 20261206);
const SECONDS = 3;

// mulberry32: a small seeded generator.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`random values at every API entry for ${SECONDS} s (seed ${SEED}): the module survives`, async () => {
  const M = await createDownhill();
  const rand = rng(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const names = ['gd', 'adam', 'momentum', 'course', 'bowl', 'lesson', 'ravine', 'rosenbrock', 'spiral', 'xor', 'circle',
    'mse', 'bce', 'huber', 'squared', 'tanh', 'relu', 'global', 'saddle', 'overfit', 'playground', 'cosine', 'nope', ''];
  const NUMBERS = [0, -0, 1, -1, 0.5, 2, 3, 7, 10, 64, 100, 1e6, 2 ** 31, 2 ** 32 + 2, -(2 ** 31) - 1, 1e300, -1e300,
    NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.EPSILON, 1e-300];
  let victim = null; // an object a getter may delete
  function value(depth) {
    const r = rand();
    if (r < 0.3) return rand() < 0.5 ? pick(NUMBERS) : (rand() - 0.5) * 10 ** Math.floor(rand() * 8);
    if (r < 0.45) return rand() < 0.9 ? pick(names) : 'z'.repeat(Math.floor(rand() * 1e6));
    if (r < 0.5) return null;
    if (r < 0.55) return undefined;
    if (r < 0.6) return rand() < 0.5;
    if (r < 0.7 && depth < 3) return Array.from({ length: Math.floor(rand() * 5) }, () => value(depth + 1));
    if (r < 0.8 && depth < 3) {
      const o = {};
      const keys = ['kind', 'points', 'hidden', 'optimizer', 'steps', 'nx', 'ny', 'starts', 'rates', 'surface', 'curve',
        'dataset', 'model', 'train', 'learningRate', 'settings', 'start', 'x1', 'lr', 'schedule', 'period', 'activation'];
      for (let i = Math.floor(rand() * 5); i > 0; --i) o[pick(keys)] = value(depth + 1);
      return o;
    }
    if (r < 0.85) return { length: pick([2, 1e9, -1, NaN, '3']), 0: 'gd', 1: 0.5 };
    if (r < 0.9) { // getters that delete the object under the call
      const v = value(depth + 1);
      return { length: 1, get 0() { if (victim && !victim.isDeleted()) victim.delete(); return v; },
        get kind() { if (victim && !victim.isDeleted()) victim.delete(); return v; } };
    }
    if (r < 0.95) return () => 1;
    return Symbol('s');
  }
  const entries = Object.keys(M).filter((k) => typeof M[k] === 'function' && M[k].api);
  const functions = entries.filter((k) => !M[k].prototype || !M[k].prototype.isDeleted);
  const classes = entries.filter((k) => M[k].prototype && M[k].prototype.isDeleted);
  assert.ok(functions.length >= 30 && classes.length >= 11, `${functions.length} functions, ${classes.length} classes`);
  for (const k of ['startCanvas', 'resizeCanvas', 'drawFramesNow']) assert.ok(functions.includes(k), k);
  // No canvas in node: the canvas functions are left out of the calls (startCanvas refuses without WebGL2).
  const callable = functions.filter((k) => !['startCanvas', 'resizeCanvas', 'drawFramesNow'].includes(k) && !k.startsWith('show'));
  const objects = {};
  const made = { Curve: ['course'], Surface: ['lesson'] }; // constructors that take a name
  const fresh = (c) => { if (!objects[c] || objects[c].isDeleted()) objects[c] = new M[c](...(made[c] || [])); return objects[c]; };
  const stack = M.stackSave();
  const bytes = M.heapBytes();
  const argsFor = (api) => {
    const n = rand() < 0.1 ? Math.floor(rand() * 5) : api.args.length;
    return Array.from({ length: n }, () => value(0));
  };
  const expected = (e) => e instanceof TypeError || e instanceof RangeError || /has been deleted/.test(e.message);
  let calls = 0, accepted = 0;
  const until = Date.now() + SECONDS * 1000;
  while (Date.now() < until) {
    for (let i = 0; i < 50; i++) {
      let f, self, what;
      const r = rand();
      if (r < 0.25) { what = pick(callable); f = M[what]; self = undefined; }
      else if (r < 0.3) { what = 'new ' + pick(classes); }
      else {
        const c = pick(classes);
        self = fresh(c);
        const methods = Object.getOwnPropertyNames(M[c].prototype).filter((m) => m !== 'constructor' && M[c].prototype[m].api);
        what = c + '.' + pick(methods);
        f = self[what.split('.')[1]];
        if (/\.(advance|trainEpochs|trainSteps)$/.test(what) && rand() < 0.9) continue; // long but accepted work: sometimes
      }
      victim = self || null;
      const api = f ? f.api : M[what.slice(4)].api;
      const args = argsFor(api);
      // Maps with random sizes and the default 500 steps may be accepted and take seconds:
      // their steps are kept small (every other setting stays random).
      if (/Map$/.test(what) && args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]))
        args[0].steps = 1 + Math.floor(rand() * 5);
      calls++;
      try {
        if (f) f.apply(self, args);
        else new M[what.slice(4)](...args).delete();
        accepted++;
      } catch (e) {
        if (!expected(e)) assert.fail(`${what}(${args.map(String).join(', ')}) threw ${e && e.stack}`);
      }
      assert.equal(M.stackSave(), stack, what);
    }
  }
  for (const o of Object.values(objects)) if (!o.isDeleted()) o.delete();
  assert.ok(calls > 1000, `${calls} calls`);
  assert.ok(accepted > 100, `${accepted} of ${calls} accepted`);
  assert.ok(M.heapBytes() <= Math.max(bytes, 256 * 1024 * 1024), `${M.heapBytes()} bytes`);
  // Normal calls afterwards.
  const run = new M.RollDownhill();
  run.setStart(-2.9);
  assert.equal(run.advance(1), 1);
  const fp = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);
  assert.ok(Math.abs(run.state().x - (-2.9 - 0.18 * fp(-2.9))) < 1e-12);
  run.delete();
  assert.deepEqual(M.scalarLoss('squared', 80, 70), { value: 100, grad: -20 });
  const t = new M.Trainer();
  t.configure({ dataset: { kind: 'xor', points: 200, seed: 3 } });
  assert.equal(t.trainEpochs(3), 3);
  assert.equal(t.state().epoch, 3);
  t.delete();
  assert.equal(M.stackSave(), stack);
  console.log(`# fuzz: ${calls} calls, ${accepted} accepted, seed ${SEED}`);
});
