// run.js: the core benchmarks, side by side in one run (figures, not pass/fail tests):
//   (a) 1-D map, 512 start points x 256 learning rates x 500 steps on the course curve,
//       and the same map on the course curve typed as a formula (target: within 3x)
//   (b) MLP training epochs per second: TensorFlow Playground's default setup (circle,
//       250 training points, 2 inputs, hidden 4-2 tanh, batch 10, lr 0.03) and a spiral
//       with hidden 8-8-8; each epoch also measures training and test loss, as Playground does
// Columns: wasm (this build, in node), plain JavaScript (tests/bench/js_baselines.js),
// native (build/native/core_bench), and, when built (scripts/bench builds it), the same
// engine linked for size (-Oz, build/wasm-small) beside the one pages load (linked -O3, as
// the all-widget module was before the course had one engine). Usage: node tests/bench/run.js
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
  const smallBuild = path.join(ROOT, 'build/wasm-small/downhill.js');
  if (fs.existsSync(smallBuild)) {
    const sb = await engineFigures(smallBuild);
    const gzKB = (f) => (require('node:zlib').gzipSync(fs.readFileSync(f), { level: 9 }).length / 1024).toFixed(1);
    console.log('\nThe engine pages load (-O3 link) beside the same code linked for size (-Oz), same run:');
    console.log(`wasm, KB gzip                             ${gzKB(path.join(ROOT, 'build/wasm/downhill.wasm')).padStart(10)}  ${gzKB(smallBuild.replace(/js$/, 'wasm')).padStart(10)}`);
    console.log('Benchmark                                 -O3 engine  -Oz link   -Oz/-O3 time');
    console.log(`(a) map 512 x 256 x 500, ms          ${f(wasmMap)}  ${f(sb.map)}  ${(sb.map / wasmMap).toFixed(2).padStart(9)}x`);
    for (const name of ['playground', 'spiral'])
      console.log(`(b) ${name.padEnd(10)} epochs/s            ${f(train[name].wasm)}  ${f(sb.eps[name])}  ${(train[name].wasm / sb.eps[name]).toFixed(2).padStart(9)}x`);
  }
  console.log(`Targets: wasm >= 2x JS on the map and >= 3x JS on training; native within 1.5x of wasm.`);
  console.log(`(The map's JS version agrees with wasm on ${(100 * same / w.outcome.length).toFixed(2)}% of cells; the rest are chaotic runs at large learning rates.)`);
}
main().catch((e) => { console.error(e); process.exit(1); });
