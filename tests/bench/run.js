// run.js: the core benchmarks, side by side in one run (figures, not pass/fail tests):
//   (a) 1-D map, 512 start points x 256 learning rates x 500 steps on the course curve,
//       and the same map on the course curve typed as a formula (target: within 3x)
//   (b) MLP training epochs per second: TensorFlow Playground's default setup (circle,
//       250 training points, 2 inputs, hidden 4-2 tanh, batch 10, lr 0.03) and a spiral
//       with hidden 8-8-8; each epoch also measures training and test loss, as Playground does
//   (c) the slowest accepted call of each API family: every call at its work limit
// Columns: wasm (this build, in node), plain JavaScript (tests/bench/js_baselines.js),
// native (build/native/core_bench), and, when built (scripts/bench builds it), the engine
// pages load (linked -Oz with link-time optimisation, for the page budget) beside the same
// code linked for speed (-O3, build/wasm-fast). Usage: node tests/bench/run.js [--limits: (c) only]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const js = require('./js_baselines.js');

const ROOT = path.resolve(__dirname, '../..');
const best = (n, f) => { let b = Infinity; for (let i = 0; i < n; i++) { const t = performance.now(); f(); b = Math.min(b, performance.now() - t); } return b; };
// Epochs per second of `epoch()`, best of 3 rounds of at least 0.7 s each.
const rate = (epoch) => {
  let bestRate = 0;
  for (let r = 0; r < 3; r++) {
    let n = 0; const t0 = performance.now(); let el = 0;
    while (el < 700) { for (let i = 0; i < 50; i++) epoch(); n += 50; el = performance.now() - t0; }
    bestRate = Math.max(bestRate, n / (el / 1000));
  }
  return bestRate;
};

// The figures of one engine: the map in ms (best of 5) and training in epochs per second.
async function engineFigures(file) {
  const E = await require(file)();
  const map = best(5, () => { E.learningRateMap({ starts: 512, rates: 256, steps: 500 }); });
  const eps = {};
  for (const name of ['playground', 'spiral']) {
    const t = new E.Trainer();
    t.preset(name);
    eps[name] = rate(() => t.trainEpochs(1));
    t.delete();
  }
  return { map, eps };
}

// (c) The slowest accepted call of each API family: each call at (or next to) its limit,
// set up so that no run stops early (the work limits bound the worst case, not the usual
// one). Milliseconds, the slower of 2 tries.
// The largest n from `n` down (by 5 % at a time) that `call(n)` accepts.
function largestAccepted(call, n) {
  for (;;) {
    try { call(n); return n; } catch (e) { if (!(e instanceof RangeError)) throw e; n = Math.floor(n * 0.95); }
  }
}
function slowestCalls(M) {
  const time = (f) => { let worst = 0; for (let i = 0; i < 2; i++) { const t = performance.now(); f(); worst = Math.max(worst, performance.now() - t); } return worst; };
  const families = [];
  const family = (name, calls) => {
    const rows = calls.map(([what, f]) => [what, time(f)]);
    rows.sort((a, b) => b[1] - a[1]);
    families.push([name, rows[0][0], rows[0][1]]);
  };
  // Maps: slow learning rates and a tiny capture distance, so every run takes every step.
  family('learningRateMap', [
    ['512 x 256 x 500 (the benchmark)', () => M.learningRateMap({ starts: 512, rates: 256, steps: 500 })],
    ['512 x 256 x 250, lr 0.001-0.002 (every step)', () => M.learningRateMap({ starts: 512, rates: 256, steps: 250, lrLo: 0.001, lrHi: 0.002, capture: 1e-12 })],
    ['1024 x 1024 x 32, lr 0.001-0.002 (every step)', () => M.learningRateMap({ starts: 1024, rates: 1024, steps: 32, lrLo: 0.001, lrHi: 0.002, capture: 1e-12 })],
  ]);
  family('basinMap', M.optimizerNames().map((o) => [`128 x 128 x 500, ${o}, lr 1e-4`,
    () => M.basinMap({ surface: 'rosenbrock', optimizer: o, settings: { learningRate: 1e-4 }, nx: 128, ny: 128, steps: 500, capture: 1e-12 })]));
  const t = new M.Trainer();
  const big = { dataset: { kind: 'circle', points: 1400, trainFraction: 0.5 }, model: { kind: 'mlp', hidden: '256,256', activation: 'tanh', loss: 'bce' },
    train: { mode: 'mini-batch', batchSize: 10 } };
  t.configure(big);
  const bigSteps = largestAccepted((n) => t.trainSteps(n), 1000);
  family('Trainer', [
    ['configure: 1400 points, 256-256 hidden', () => t.configure(big)],
    ['trainEpochs(1) on it', () => t.trainEpochs(1)],
    [`trainSteps(${bigSteps}) on it`, () => t.trainSteps(bigSteps)],
    ['predictGrid 61 x 61 on it', () => t.predictGrid(-6, 6, 61, -6, 6, 61)],
  ]);
  t.preset('playground');
  const epochs = largestAccepted((n) => { t.reset(); t.trainEpochs(n); }, 100000);
  const steps = largestAccepted((n) => { t.reset(); t.trainSteps(n); }, 10000000);
  family('Trainer (Playground preset)', [
    [`trainEpochs(${epochs})`, () => { t.reset(); t.trainEpochs(epochs); }],
    [`trainSteps(${steps})`, () => { t.reset(); t.trainSteps(steps); }],
    ['predictGrid 1024 x 1024 (4-2 tanh)', () => t.predictGrid(-6, 6, 1024, -6, 6, 1024)],
    ['predict, 500,000 points', () => t.predict(new Float64Array(1e6))],
  ]);
  t.delete();
  const playing = (cls, set, n) => () => { const o = new M[cls](); set(o); o.advance(n); o.delete(); };
  family('RollDownhill', [['advance(1e6)', playing('RollDownhill', (o) => o.setLearningRate(0.01), 1e6)]]);
  family('LrCompare', [['advance(1e6)', playing('LrCompare', () => {}, 1e6)]]);
  family('OptimizerRace', [['advance(1e6), all 7 optimizers, lr 1e-4', playing('OptimizerRace', (o) => { o.setOptimizers(M.optimizerNames()); o.setLearningRate(1e-4); }, 1e6)]]);
  family('CodeWalk', [['advance(1e5)', playing('CodeWalk', () => {}, 1e5)]]);
  const lab = new M.TrainingLab();
  lab.configure({ points: 1000, train: 0.9, hidden: '32,32,32' });
  const labEpochs = largestAccepted((n) => { lab.reset(); lab.trainEpochs(n); }, 5000);
  family('TrainingLab', [[`trainEpochs(${labEpochs}), 1000 points, 32-32-32`, () => { lab.reset(); lab.trainEpochs(labEpochs); }]]);
  lab.delete();
  const c = new M.Curve('course'), sf = new M.Surface('lesson');
  family('Curve, Surface, runOptimizer', [
    ['Curve.sample(1e6)', () => c.sample(1e6)],
    ['Surface.sampleGrid(2048, 2048)', () => sf.sampleGrid(2048, 2048)],
    ['runOptimizer, adam, 1e6 steps', () => M.runOptimizer({ surface: 'rosenbrock', optimizer: 'adam', settings: { learningRate: 1e-6 }, steps: 1e6 })],
    ['scheduleFactors(cosine, 1e6)', () => M.scheduleFactors({ kind: 'cosine', period: 1000 }, 1e6)],
  ]);
  c.delete(); sf.delete();
  return families;
}

// (c) alone: node tests/bench/run.js --limits
async function limitsOnly() {
  const M = await require(path.join(ROOT, 'build/wasm/downhill.js'))();
  printSlowest(M);
}
function printSlowest(M) {
  const f = (v) => v.toFixed(0).padStart(10);
  console.log('\n(c) The slowest accepted call of each API family (at its work limit), ms; target < 1000:');
  let slowest = 0;
  for (const [name, what, ms] of slowestCalls(M)) {
    console.log(`${name.padEnd(30)} ${what.padEnd(44)} ${f(ms)}`);
    slowest = Math.max(slowest, ms);
  }
  console.log(`slowest of all: ${slowest.toFixed(0)} ms (load average now: ${require('node:os').loadavg()[0].toFixed(1)})`);
}

async function main() {
  const M = await require(path.join(ROOT, 'build/wasm/downhill.js'))();
  const native = JSON.parse(execFileSync(path.join(ROOT, 'build/native/core_bench')).toString());

  // (a) the map
  let w;
  const wasmMap = best(5, () => { w = M.learningRateMap({ starts: 512, rates: 256, steps: 500 }); });
  const typedCurve = '0.12*x^2 + sin(2.4*x) + 0.3*cos(5*x)';
  let wt;
  const wasmTyped = best(5, () => { wt = M.learningRateMap({ formula: typedCurve, starts: 512, rates: 256, steps: 500 }); });
  let sameTyped = 0;
  for (let i = 0; i < w.outcome.length; i++) sameTyped += w.outcome[i] === wt.outcome[i];
  const minima = Array.from(w.minima), maxStable = Array.from(w.maxStableLearningRate);
  let j;
  const jsMap = best(5, () => { j = js.map1d({ minima, maxStable }); });
  let same = 0;
  for (let i = 0; i < w.outcome.length; i++) same += w.outcome[i] === j.outcome[i];

  // (b) training
  const train = {};
  for (const [name, hidden] of [['playground', [4, 2]], ['spiral', [8, 8, 8]]]) {
    const t = new M.Trainer();
    t.preset(name);
    const wasm = rate(() => t.trainEpochs(1));
    t.delete();
    const data = js.dataset(name === 'playground' ? 'circle' : 'spiral', 500, 3);
    const trainSet = data.filter((_, i) => i % 2 === 0), testSet = data.filter((_, i) => i % 2 === 1);
    const net = js.buildNetwork([2, ...hidden, 1], js.Activations.tanh, js.Activations.tanh, 1);
    const plain = rate(() => js.trainEpoch(net, trainSet, testSet, 10, 0.03));
    train[name] = { wasm, js: plain, native: native[`train_${name}_eps`] };
  }

  const f = (v, d = 0) => v.toFixed(d).padStart(10);
  console.log('Benchmark                                 wasm          JS      native   wasm/JS  native/wasm');
  console.log(`(a) map 512 x 256 x 500, ms          ${f(wasmMap)}  ${f(jsMap)}  ${f(native.map_ms)}  ${(jsMap / wasmMap).toFixed(2).padStart(7)}x  ${(wasmMap / native.map_ms).toFixed(2).padStart(9)}x`);
  console.log(`(a) same map, typed formula, ms     ${f(wasmTyped)}  ${''.padStart(10)}  ${f(native.map_formula_ms)}  ${''.padStart(8)}  ${(wasmTyped / native.map_formula_ms).toFixed(2).padStart(9)}x`);
  console.log(`    typed / built-in curve: ${(wasmTyped / wasmMap).toFixed(2)}x in wasm, ${(native.map_formula_ms / native.map_ms).toFixed(2)}x native (target <= 3x); same outcome in ${(100 * sameTyped / w.outcome.length).toFixed(2)}% of cells`);
  for (const [name, r] of Object.entries(train)) {
    const label = name === 'playground' ? '(b) Playground 4-2 tanh, epochs/s ' : '(b) spiral 8-8-8 tanh, epochs/s   ';
    console.log(`${label}   ${f(r.wasm)}  ${f(r.js)}  ${f(r.native)}  ${(r.wasm / r.js).toFixed(2).padStart(7)}x  ${(r.native / r.wasm).toFixed(2).padStart(9)}x`);
  }
  const fastBuild = path.join(ROOT, 'build/wasm-fast/downhill.js');
  if (fs.existsSync(fastBuild)) {
    const fb = await engineFigures(fastBuild);
    const gzKB = (f) => (require('node:zlib').gzipSync(fs.readFileSync(f), { level: 9 }).length / 1024).toFixed(1);
    console.log('\nThe engine pages load (-Oz link) beside the same code linked for speed (-O3), same run:');
    console.log(`wasm, KB gzip                             ${gzKB(path.join(ROOT, 'build/wasm/downhill.wasm')).padStart(10)}  ${gzKB(fastBuild.replace(/js$/, 'wasm')).padStart(10)}`);
    console.log('Benchmark                                 -Oz engine  -O3 link   -Oz/-O3 time');
    console.log(`(a) map 512 x 256 x 500, ms          ${f(wasmMap)}  ${f(fb.map)}  ${(wasmMap / fb.map).toFixed(2).padStart(9)}x`);
    for (const name of ['playground', 'spiral'])
      console.log(`(b) ${name.padEnd(10)} epochs/s            ${f(train[name].wasm)}  ${f(fb.eps[name])}  ${(fb.eps[name] / train[name].wasm).toFixed(2).padStart(9)}x`);
  }
  printSlowest(M);
  console.log(`Targets: wasm >= 2x JS on the map and >= 3x JS on training; native within 1.5x of wasm.`);
  console.log(`(The map's JS version agrees with wasm on ${(100 * same / w.outcome.length).toFixed(2)}% of cells; the rest are chaotic runs at large learning rates.)`);
}
(process.argv.includes('--limits') ? limitsOnly() : main()).catch((e) => { console.error(e); process.exit(1); });
