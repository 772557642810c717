// harness.js: what every browser test needs: a static server for build/site on a free
// loopback port, and Debian's Chromium through playwright-core with software WebGL.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

// The bundle under test: build/site, or DOWNHILL_SITE (a folder of its own per engineer).
const SITE = path.resolve(process.env.DOWNHILL_SITE || path.join(__dirname, '../../build/site'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.zip': 'application/zip', '.webmanifest': 'application/manifest+json' };

// Serves `root` on 127.0.0.1; resolves to { url, close }.
function serve(root = SITE) {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let p = path.normalize(decodeURIComponent(u.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-gpu-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// Collects console errors, page errors and CSP violations of a page.
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  return problems;
}

// Fraction of sampled pixels of a PNG screenshot region that differ from its corner colour,
// and whether the image is (nearly) all black.
async function canvasInk(page, locator) {
  const { data: d, width, height } = decodePng(await locator.screenshot());
  const bg = [d[0], d[1], d[2]];
  let diff = 0, dark = 0, n = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4 * 7) {
    n++;
    if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60) diff++;
    if (d[i] + d[i + 1] + d[i + 2] < 30) dark++;
    colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
  }
  return { ink: diff / n, black: dark / n, colours: colours.size, width, height };
}

// The pixels of a PNG screenshot, decoded here: { width, height, data } with data the RGBA
// bytes row by row (8-bit greyscale, RGB or RGBA images without interlacing, which is
// what the browser writes).
function decodePng(png) {
  const zlib = require('node:zlib');
  let width = 0, height = 0, type = 0;
  const idat = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at), kind = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + len);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4); type = body[9];
      if (body[8] !== 8 || body[12] !== 0 || ![0, 2, 6].includes(type)) throw new Error('decodePng: an unsupported PNG');
    } else if (kind === 'IDAT') idat.push(body);
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const bpp = type === 6 ? 4 : type === 2 ? 3 : 1, stride = width * bpp;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride), up = y ? rows.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0, b = up ? up[i] : 0, c = up && i >= bpp ? up[i - bpp] : 0;
      let v = src[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += bpp) {
    data[i * 4] = rows[j]; data[i * 4 + 1] = rows[j + (bpp > 1 ? 1 : 0)]; data[i * 4 + 2] = rows[j + (bpp > 1 ? 2 : 0)];
    data[i * 4 + 3] = bpp === 4 ? rows[j + 3] : 255;
  }
  return { width, height, data };
}

// Raw touches through the DevTools protocol (Playwright's touchscreen only taps): the
// returned touch(type, points) sends 'touchStart', 'touchMove' or 'touchEnd' with one
// touch point per [x, y] (page coordinates, plus the offset [dx, dy] when given).
async function touchScreen(page, [dx, dy] = [0, 0]) {
  const cdp = await page.context().newCDPSession(page);
  return (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x: dx + x, y: dy + y, id })) });
}

// axe-core's findings on the page, one line per rule: its default rules (which include the
// WCAG 2.0 / 2.1 A and AA ones), or with wcagOnly just those. The single-widget page has no
// heading of its own by design, so page-has-heading-one is not counted.
const AXE_SOURCE = () => fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function axeViolations(page, { wcagOnly = false } = {}) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE());
  const options = wcagOnly ? { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } } : {};
  return page.evaluate(async (o) => (await window.axe.run(document, o)).violations
    .filter((v) => v.id !== 'page-has-heading-one')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), options);
}

// A scroll box that keys can use, on a 360 px page: the box overflows (axe judges from
// 14 px on) while the page does not, Tab from `before` reaches it, it shows its 3 px focus
// outline, and ArrowRight scrolls it.
async function checkScrollRegion(page, region, before) {
  const assert = require('node:assert/strict');
  const box = await region.evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth, tabIndex: b.tabIndex, page: document.documentElement.scrollWidth }));
  assert.ok(box.scroll > box.client + 13, `the table overflows its box: ${JSON.stringify(box)}`);
  assert.ok(box.page <= 360, `the page itself does not scroll sideways: ${box.page} px`);
  assert.equal(box.tabIndex, 0);
  await before.focus();
  await page.keyboard.press('Tab');
  assert.equal(await region.evaluate((b) => b === document.activeElement), true);
  assert.deepEqual(await region.evaluate((b) => { const cs = getComputedStyle(b); return [cs.outlineStyle, cs.outlineWidth]; }), ['solid', '3px']);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement.getAttribute('role') === 'region' && document.activeElement.scrollLeft > 0);
}

// A page starts each widget when it comes near the viewport (web/widgets.js): scrolls to
// every widget in turn, as a learner reading down the page would, until all have started,
// then back to the top.
async function startWidgets(page) {
  await page.waitForFunction(() => !!(window.Downhill && window.Downhill.ready), null, { timeout: 30000 });
  const roots = await page.locator('.dh-widget[data-widget]').all();
  for (let i = 0; i < roots.length; i++) {
    await roots[i].evaluate((e) => e.scrollIntoView({ block: 'center' }));
    // This widget (the i-th on the page) has started before the next is scrolled to.
    await page.waitForFunction((k) => Boolean(window.Downhill.widgets[k]), i, { timeout: 30000 });
  }
  await page.evaluate(() => window.Downhill.ready.then(() => true));
  await page.evaluate(() => window.scrollTo(0, 0));
}

module.exports = { SITE, serve, launch, watch, canvasInk, decodePng, touchScreen, axeViolations, checkScrollRegion, startWidgets };
