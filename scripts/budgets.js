// budgets.js: measures the course's budgets and prints them beside their baselines
// (figures to read, not pass/fail tests):
//   [1] bytes to download (gzip -9): one lesson page before the service worker, a first
//       visit with what the service worker precaches, the whole course walked once, the
//       SCORM zip and the static bundle on disk; beside the figures of the build with one
//       engine per widget (measured on the commit before the shared engine) and Dear ImGui
//       1.86's own Emscripten example built in this run (build/baseline)
//   [2] navigation -> first drawn canvas frame in headless Chromium (median of 5 loads)
//   [3] wasm heap after 100 frames and after 10,000 frames of a bouncing, playing run
// Usage: node scripts/budgets.js   (after scripts/build.sh; scripts/bench runs both)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { serve, launch, SITE } = require('../tests/browser/harness.js');

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => (n >= 1024 * 1024 ? (n / 1024 / 1024).toFixed(2) + ' MB' : (n / 1024).toFixed(1) + ' KB');

// What a page fetches itself: the HTML, its scripts and styles and, when it holds a
// widget, the engine (downhill.js + downhill.wasm), site-relative names.
function pageFiles(page) {
  const html = fs.readFileSync(path.join(SITE, page), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"#?]+)"/g)].map((m) => m[1])
    .filter((r) => !/^https?:/.test(r) && /\.(js|css|svg)$/.test(r) && fs.existsSync(path.join(SITE, r)));
  // embed.html loads the script of the widget it shows (by default Roll Downhill).
  const shown = page === 'embed.html' ? ['widget-roll-downhill.js'] : [];
  const engine = /data-widget="/.test(html) || page === 'embed.html' ? ['downhill.js', 'downhill.wasm'] : [];
  return [page, ...refs, ...shown, ...engine];
}
// What the service worker precaches at the first visit (its FILES list).
function precached() {
  const sw = fs.readFileSync(path.join(SITE, 'sw.js'), 'utf8');
  const m = /const FILES = (\[[^\]]*\]);/.exec(sw);
  return m ? JSON.parse(m[1]).filter((f) => f !== './') : [];
}
const sum = (files) => [...new Set(files)].reduce((n, f) => n + gz(path.join(SITE, f)), 0);
function diskBytes(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((n, d) => n + (d.isDirectory() ? diskBytes(path.join(dir, d.name)) : fs.statSync(path.join(dir, d.name)).size), 0);
}

function rollPage() {
  for (const f of fs.readdirSync(SITE).filter((n) => n.endsWith('.html') && n !== 'embed.html').sort())
    if (fs.readFileSync(path.join(SITE, f), 'utf8').includes('data-widget="roll-downhill"')) return f;
  return 'embed.html';
}

async function main() {
  const page = rollPage();
  const pages = fs.readdirSync(SITE).filter((n) => n.endsWith('.html')).sort();
  console.log('Budgets of the course\n');

  // [1] transfer sizes
  console.log(`[1] Transferred bytes (gzip -9) for ${page}`);
  for (const f of pageFiles(page)) console.log(`    ${f.padEnd(28)} ${kb(gz(path.join(SITE, f))).padStart(10)}`);
  const perPage = pages.map((p) => ({ p, n: sum(pageFiles(p)) })).sort((a, b) => b.n - a.n);
  const pre = precached();
  const firstVisit = Math.max(...pages.map((p) => sum([...pageFiles(p), ...pre])));
  const course = sum([...pages.flatMap(pageFiles), ...pre]);
  const scormZip = path.resolve(__dirname, '../build/downhill-scorm.zip');
  const rows = [
    ['one page, before the service worker', `(largest: ${perPage[0].p})`, perPage[0].n, 283 * 1024, 350 * 1024],
    ['first visit to one page, with the precache', '', firstVisit, 2.4 * 1024 * 1024, 600 * 1024],
    ['the whole course, every page once', '', course, 2.4 * 1024 * 1024, 700 * 1024],
    ['SCORM zip (bytes)', '', fs.existsSync(scormZip) ? fs.statSync(scormZip).size : NaN, 5.9 * 1024 * 1024, 2 * 1024 * 1024],
    ['static bundle on disk (bytes)', '', diskBytes(SITE), 17 * 1024 * 1024, 4 * 1024 * 1024],
  ];
  console.log('\n    figure                                       one engine per widget    one engine   budget');
  for (const [label, note, now, before, budget] of rows) {
    console.log(`    ${label.padEnd(44)} ${kb(before).padStart(20)} ${kb(now).padStart(13)} ${('<= ' + kb(budget)).padStart(12)}  ${now <= budget ? 'met' : 'OVER'} ${note}`);
  }
  const base = path.resolve(__dirname, '../build/baseline');
  if (fs.existsSync(path.join(base, 'imgui_example.wasm'))) {
    const baseTotal = gz(path.join(base, 'imgui_example.wasm')) + gz(path.join(base, 'imgui_example.js'));
    const engine = gz(path.join(SITE, 'downhill.wasm')) + gz(path.join(SITE, 'downhill.js'));
    console.log(`    ${'the engine (downhill.js + .wasm)'.padEnd(44)} ${''.padStart(20)} ${kb(engine).padStart(13)}   Dear ImGui's example (wasm+js), built in this run: ${kb(baseTotal)}`);
  }
  console.log('    (one engine per widget: the figures of the build that linked each widget into a module of its own)');

  const server = await serve();
  const browser = await launch();
  try {
    // [2] first frame
    const times = [];
    for (let i = 0; i < 5; i++) {
      const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      // The widget alone (a lesson page starts a widget only as it is scrolled near).
      await p.goto(`${server.url}/embed.html?widget=roll-downhill`);
      await p.waitForFunction(() => performance.getEntriesByName('downhill:first-frame').length > 0, null, { timeout: 30000 });
      times.push(await p.evaluate(() => performance.getEntriesByName('downhill:first-frame')[0].startTime));
      await p.close();
    }
    times.sort((a, b) => a - b);
    console.log(`\n[2] Navigation -> first drawn frame (embed.html, Roll Downhill): median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}; headless, software WebGL)`);

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
