// budgets.js: measures the Roll Downhill page's budgets and prints them beside their
// baselines (figures to read, not pass/fail tests):
//   [1] bytes transferred (gzip -9) for the page: HTML + CSS + JS (+ wasm embedded in JS),
//       beside Dear ImGui 1.86's own Emscripten example built in this run (build/baseline)
//   [2] navigation -> first drawn canvas frame in headless Chromium (median of 5 loads)
//   [3] wasm heap after 100 frames and after 10,000 frames of a bouncing, playing run
// Usage: node scripts/budgets.js   (after scripts/build.sh; scripts/bench runs both)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { serve, launch, SITE } = require('../tests/browser/harness.js');

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

function pageFiles(htmlFile) {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"#?]+)"/g)].map((m) => m[1])
    .filter((r) => !/^https?:/.test(r) && /\.(js|css)$/.test(r));
  // Widget modules load on demand: downhill-<widget>.js and its .wasm for each widget.
  const widgets = new Set([...html.matchAll(/data-widget="([a-z0-9-]+)"/g)].map((m) => m[1]));
  if (path.basename(htmlFile) === 'embed.html') widgets.add('roll-downhill');
  const modules = [...widgets].flatMap((w) => [`downhill-${w}.js`, `downhill-${w}.wasm`]);
  return [htmlFile, ...[...refs, ...modules].map((r) => path.join(path.dirname(htmlFile), r))];
}

function rollPage() {
  for (const f of fs.readdirSync(SITE).filter((n) => n.endsWith('.html') && n !== 'embed.html').sort())
    if (fs.readFileSync(path.join(SITE, f), 'utf8').includes('data-widget="roll-downhill"')) return f;
  return 'embed.html';
}

async function main() {
  const page = rollPage();
  console.log(`Budgets for the Roll Downhill page (${page})\n`);

  // [1] transfer size
  const files = pageFiles(path.join(SITE, page));
  let total = 0;
  console.log('[1] Transferred bytes (gzip -9)');
  for (const f of files) { const n = gz(f); total += n; console.log(`    ${path.basename(f).padEnd(22)} ${kb(n).padStart(10)}`); }
  const base = path.resolve(__dirname, '../build/baseline');
  let baseTotal = null;
  if (fs.existsSync(path.join(base, 'imgui_example.wasm'))) baseTotal = gz(path.join(base, 'imgui_example.wasm')) + gz(path.join(base, 'imgui_example.js'));
  console.log(`    ${'Downhill page total'.padEnd(22)} ${kb(total).padStart(10)}   budget 350 KB`);
  if (baseTotal) console.log(`    ${'ImGui example (wasm+js)'.padEnd(22)} ${kb(baseTotal).padStart(10)}   baseline, built in this run`);

  const server = await serve();
  const browser = await launch();
  try {
    // [2] first frame
    const times = [];
    for (let i = 0; i < 5; i++) {
      const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await p.goto(`${server.url}/${page}`);
      await p.waitForFunction(() => performance.getEntriesByName('downhill:first-frame').length > 0, null, { timeout: 30000 });
      times.push(await p.evaluate(() => performance.getEntriesByName('downhill:first-frame')[0].startTime));
      await p.close();
    }
    times.sort((a, b) => a - b);
    console.log(`\n[2] Navigation -> first drawn frame: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}; headless, software WebGL)`);

    // [3] heap after 100 and 10,000 frames
    const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await p.goto(`${server.url}/embed.html?widget=roll-downhill&lr=0.18&start=0.3`);
    await p.waitForFunction(() => window.Downhill && window.Downhill.widgets.length > 0);
    const heap = await p.evaluate(() => {
      const w = window.Downhill.widgets[0];
      const M = w.module;
      w.run.setSpeed(60);
      w.run.setPlaying(true);
      const t0 = performance.now();
      M.drawFramesNow(100, 1 / 60);
      const a = { bytes: M.heapBytes(), used: M.heapInUse(), step: w.state().step };
      M.drawFramesNow(9900, 1 / 60);
      const b = { bytes: M.heapBytes(), used: M.heapInUse(), step: w.state().step, playing: w.state().playing };
      return { a, b, ms: (performance.now() - t0) / 10000 };
    });
    console.log('\n[3] wasm heap                 after 100 frames   after 10,000 frames');
    console.log(`    memory size              ${kb(heap.a.bytes).padStart(14)}   ${kb(heap.b.bytes).padStart(14)}`);
    console.log(`    bytes in use (malloc)    ${String(heap.a.used).padStart(14)}   ${String(heap.b.used).padStart(14)}`);
    console.log(`    steps taken              ${String(heap.a.step).padStart(14)}   ${String(heap.b.step).padStart(14)}  (still playing: ${heap.b.playing})`);
    console.log(`    ${heap.a.bytes === heap.b.bytes && heap.a.used === heap.b.used ? 'equal: no growth' : 'GROWTH'}; ${heap.ms.toFixed(2)} ms per frame including software rasterisation`);
    await p.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
