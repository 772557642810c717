// landscape_3d.test.js: the 3-D loss surface used as a learner would, in headless Chromium:
// through its buttons, keys, pointer, wheel and touch, with the numbers it shows checked
// against critical points and curvatures computed here from the surface's formula.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, touchScreen } = require('./harness.js');

const num = (s) => Number(String(s).replace(/−/g, '-').replace(/[°×]/g, ''));

// ---- The lesson surface, worked out here --------------------------------------------
// f = 0.05 (x² + y²) − 2 exp(−((x − 1.5)² + (y − 1)²) / 1.6) − 1.3 exp(−((x + 1.6)² + (y + 1.3)²) / 1.2)
const WELLS = [[2.0, 1.5, 1.0, 1.6], [1.3, -1.6, -1.3, 1.2]];
function lesson(x, y) {
  let f = 0.05 * (x * x + y * y);
  for (const [d, cx, cy, w] of WELLS) f -= d * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / w);
  return f;
}
function lessonGrad(x, y) {
  let gx = 0.1 * x, gy = 0.1 * y;
  for (const [d, cx, cy, w] of WELLS) {
    const e = d * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / w);
    gx += (2 * e * (x - cx)) / w;
    gy += (2 * e * (y - cy)) / w;
  }
  return [gx, gy];
}
// Hessian by central differences of the gradient.
function lessonHessian(x, y) {
  const h = 1e-5;
  const [ax, ay] = lessonGrad(x + h, y), [bx, by] = lessonGrad(x - h, y);
  const [cx, cy] = lessonGrad(x, y + h), [dx, dy] = lessonGrad(x, y - h);
  return [(ax - bx) / (2 * h), ((ay - by) / (2 * h) + (cx - dx) / (2 * h)) / 2, (cy - dy) / (2 * h)];
}
function eigen([a, b, c]) {
  const m = (a + c) / 2, d = Math.hypot((a - c) / 2, b);
  return [m - d, m + d];
}
// Newton's method on the gradient from a seed.
function criticalPoint(x, y) {
  for (let i = 0; i < 60; i++) {
    const [gx, gy] = lessonGrad(x, y);
    const [a, b, c] = lessonHessian(x, y);
    const det = a * c - b * b;
    x -= (c * gx - b * gy) / det;
    y -= (a * gy - b * gx) / det;
  }
  const [lo, hi] = eigen(lessonHessian(x, y));
  return { x, y, loss: lesson(x, y), lo, hi };
}
const GLOBAL = criticalPoint(1.4, 1.0);
const LOCAL = criticalPoint(-1.5, -1.2);
const SADDLE = criticalPoint(-0.2, -0.3);

// ---- Page helpers ------------------------------------------------------------------
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query = '', options = {}) {
  const page = await browser.newPage({ viewport: options.viewport || { width: 1000, height: 1100 }, hasTouch: !!options.touch });
  if (options.dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(server.url + '/embed.html?widget=landscape-3d' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'Reset view' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  return { page, problems };
}
const readouts = async (page) => {
  const get = async (name) => page.getByLabel(name, { exact: true }).textContent();
  return { x: await get('Point x'), y: await get('Point y'), loss: await get('Loss at the point'),
    yaw: num(await get('Yaw (turn)')), pitch: num(await get('Pitch (tilt)')), zoom: num(await get('Zoom')) };
};
const explanation = (page) => page.locator('.dh-explain').innerText();
// A number as the course shows it (web/schema.js formatNumber): d decimals at most,
// trailing zeros dropped, a typographic minus.
const fixed = (v, d) => {
  const t = v.toFixed(d);
  return (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t).replace(/^-0$/, '0').replace('-', '−');
};

// ---- Tests -------------------------------------------------------------------------

test('the worked-out critical points of the lesson surface are what this file expects', () => {
  // A sanity check of the helpers above: a minimum, a minimum, a saddle.
  assert.ok(GLOBAL.lo > 0 && LOCAL.lo > 0 && SADDLE.lo < 0 && SADDLE.hi > 0);
  assert.ok(GLOBAL.loss < LOCAL.loss && LOCAL.loss < SADDLE.loss);
  for (const p of [GLOBAL, LOCAL, SADDLE]) assert.ok(Math.hypot(...lessonGrad(p.x, p.y)) < 1e-9);
});

test('Show me: each point highlighted, with coordinates, loss and eigenvalues that match the formula', async () => {
  const { page, problems } = await open();
  const r0 = await readouts(page);
  assert.equal(r0.x, '—');
  assert.match(await explanation(page), /wide bowl with two wells/);

  await page.getByRole('radio', { name: 'Saddle point' }).check();
  let r = await readouts(page);
  assert.equal(r.x, fixed(SADDLE.x, 4));
  assert.equal(r.y, fixed(SADDLE.y, 4));
  assert.equal(r.loss, fixed(SADDLE.loss, 4));
  let text = await explanation(page);
  assert.match(text, /curves up one way and down the other/);
  // Zero, or a rounding error too small for four decimals, written as such.
  assert.match(text, /gradient here is \((0|−?[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+), (0|−?[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\)/);
  assert.ok(text.includes(`one positive eigenvalue, ${fixed(SADDLE.hi, 3)}`), text);
  assert.ok(text.includes(`one negative, ${fixed(SADDLE.lo, 3)}`), text);
  assert.match(await page.locator('canvas').getAttribute('aria-label'), /Highlighted: the saddle point at \(−0\.245, −0\.269\)/);
  assert.match(await page.locator('.dh-legend').innerText(), /curves down along this line/);

  await page.getByRole('radio', { name: 'Global minimum' }).check();
  r = await readouts(page);
  assert.equal(r.x, fixed(GLOBAL.x, 4));
  assert.equal(r.y, fixed(GLOBAL.y, 4));
  assert.equal(r.loss, fixed(GLOBAL.loss, 4));
  text = await explanation(page);
  assert.ok(text.includes(`both eigenvalues of the Hessian`) && text.includes(`${fixed(GLOBAL.lo, 3)} and ${fixed(GLOBAL.hi, 3)}`), text);

  await page.getByRole('radio', { name: 'Local minimum' }).check();
  r = await readouts(page);
  assert.equal(r.x, fixed(LOCAL.x, 4));
  assert.equal(r.loss, fixed(LOCAL.loss, 4));
  text = await explanation(page);
  assert.ok(text.includes(`${fixed(LOCAL.loss - GLOBAL.loss, 4)} higher than the global minimum (${fixed(GLOBAL.loss, 4)})`), text);
  assert.ok(text.includes(`${fixed(LOCAL.lo, 3)} and ${fixed(LOCAL.hi, 3)}`), text);
  // The choice was narrated.
  assert.match(await page.locator('[aria-live="polite"].dh-sr-only').textContent(), /Local minimum/);

  await page.getByRole('radio', { name: 'Nothing' }).check();
  assert.equal((await readouts(page)).loss, '—');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('view buttons turn, tilt, zoom and reset, held in range', async () => {
  const { page } = await open();
  const click = (name, times = 1) => (async () => { for (let i = 0; i < times; i++) await page.getByRole('button', { name, exact: true }).click(); })();
  let r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-35, 35, 1]);
  await click('Rotate right', 2);
  await click('Tilt up');
  await click('Zoom in');
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-5, 45, 1.25]);
  await click('Rotate left', 3);
  await click('Tilt down', 2);
  await click('Zoom out', 2);
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-50, 25, 0.8]); // 1.25 / 1.25 / 1.25
  await click('Tilt up', 10);
  await click('Zoom out', 5);
  r = await readouts(page);
  assert.deepEqual([r.pitch, r.zoom], [90, 0.5]); // held at the top of their ranges
  await click('Rotate left', 10); // -50 - 150 = -200, wraps to 160
  assert.equal((await readouts(page)).yaw, 160);
  await click('Reset view');
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-35, 35, 1]);
  await page.close();
});

test('keyboard alone reaches every control; arrows, + and − work on the focused picture', async () => {
  const { page } = await open();
  const names = [];
  for (let i = 0; i < 18; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      if (a.tagName === 'CANVAS') return 'canvas';
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  assert.deepEqual(names, ['canvas', 'Surface', 'Rotate left', 'Rotate right', 'Tilt up', 'Tilt down', 'Zoom in', 'Zoom out',
    'Reset view', 'Nothing', 'f(x, y) =', 'Drawn from x =', 'Drawn to x =', 'Drawn from y =', 'Drawn to y =',
    'Use this surface', 'Back to the named surface', 'Copy link']);
  // The radio group: arrows move the choice.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+Tab'); // back to the radio group (on "Nothing")
  await page.keyboard.press('ArrowRight'); // Global minimum
  await page.keyboard.press('ArrowRight'); // Local minimum
  assert.equal((await readouts(page)).loss, fixed(LOCAL.loss, 4));
  // The picture: arrows turn and tilt, + and − zoom, 0 resets.
  await page.locator('canvas').focus();
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('+');
  let r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-5, 25, 1.25]);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await page.keyboard.press('ArrowLeft');
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-20, 25, 0.8]);
  // Arrow keys on the picture do not scroll the page.
  assert.equal(await page.evaluate(() => window.scrollY), scrolled);
  await page.keyboard.press('0');
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [-35, 35, 1]);
  assert.match(await page.locator('canvas').getAttribute('aria-describedby').then((id) => page.locator('#' + id).textContent()),
    /← and → turn it, ↑ and ↓ tilt it, \+ and − zoom/);
  // The surface select by keyboard.
  await page.getByLabel('Surface', { exact: true }).focus();
  await page.keyboard.press('ArrowDown'); // lesson -> bowl
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().surface), 'bowl');
  await page.close();
});

test('dragging turns and tilts, the wheel zooms, a click on a marker picks it', async () => {
  const { page } = await open();
  const box = await page.locator('canvas').boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + 40;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(cx + 10 * i, cy);
  for (let i = 1; i <= 4; i++) await page.mouse.move(cx + 100, cy + 10 * i);
  await page.mouse.up();
  let r = await readouts(page);
  assert.equal(r.yaw, -35 + 0.5 * 100);
  assert.equal(r.pitch, 35 + 0.35 * 40);
  await page.mouse.move(cx, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(() => window.Downhill.widgets[0].state().zoom > 1.01);
  r = await readouts(page);
  assert.equal(r.zoom, Number(Math.exp(0.3).toFixed(2)));
  // Click the local minimum's marker (where the picture drew it).
  await page.waitForFunction(() => window.Downhill.widgets[0].model.markerScreen().length === 3);
  const marks = await page.evaluate(() => window.Downhill.widgets[0].model.markerScreen());
  const local = marks.find((m) => m.kind === 'local');
  await page.mouse.click(box.x + local.x, box.y + local.y);
  assert.equal(await page.getByRole('radio', { name: 'Local minimum' }).isChecked(), true);
  assert.equal((await readouts(page)).x, fixed(LOCAL.x, 4));
  // The view did not move on that click.
  assert.equal((await readouts(page)).yaw, 15);
  await page.close();
});

test('touch: one finger turns, two fingers pinch to zoom', async () => {
  const { page } = await open('', { touch: true, viewport: { width: 400, height: 900 } });
  const box = await page.locator('canvas').boundingBox();
  const touch = await touchScreen(page, [box.x, box.y]);
  const y = box.height / 2;
  await touch('touchStart', [[100, y]]);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[100 + 10 * i, y]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.Downhill.widgets[0].state().yaw > -34);
  assert.equal((await readouts(page)).yaw, -35 + 0.5 * 60);
  // Pinch out from 100 px apart to 200 px apart: zoom x2.
  await touch('touchStart', [[150, y], [250, y]]);
  for (let i = 1; i <= 5; i++) await touch('touchMove', [[150 - 10 * i, y], [250 + 10 * i, y]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.Downhill.widgets[0].state().zoom > 1.5);
  const r = await readouts(page);
  assert.equal(r.zoom, 2);
  assert.equal(r.yaw, -5); // the pinch did not turn
  await page.close();
});

test('other surfaces: a bowl has no local minimum, the saddle no lowest point, Himmelblau four minima', async () => {
  const { page } = await open();
  const surface = page.getByLabel('Surface', { exact: true });
  await surface.selectOption('bowl');
  await page.getByRole('radio', { name: 'Global minimum' }).check();
  let r = await readouts(page);
  for (const v of [r.x, r.y, r.loss]) assert.match(v, /^(0|−?[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  assert.match(await explanation(page), /\b2 and 2\b/); // Hessian 2I
  await page.getByRole('radio', { name: 'Local minimum' }).check();
  assert.equal((await readouts(page)).x, '—');
  assert.match(await explanation(page), /no local minimum/);

  await surface.selectOption('saddle');
  await page.getByRole('radio', { name: 'Global minimum' }).check();
  assert.match(await explanation(page), /no lowest point/);
  await page.getByRole('radio', { name: 'Saddle point' }).check();
  assert.match(await explanation(page), /one positive eigenvalue, 2\b.* one negative, −2\b/s);

  await surface.selectOption('himmelblau');
  await page.getByRole('radio', { name: 'Global minimum' }).check();
  const text = await explanation(page);
  assert.match(text, /One of 4 equally low minima/);
  r = await readouts(page);
  // Zero, or the rounding left in the worked-out point, written in the course's format.
  assert.match(r.loss, /^(0|[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  // Himmelblau at the shown point: (x² + y − 11)² + (x + y² − 7)² is 0 to the shown digits.
  const [x, y] = [num(r.x), num(r.y)];
  assert.ok((x * x + y - 11) ** 2 + (x + y * y - 7) ** 2 < 1e-6);
  assert.match(await page.locator('.dh-legend').innerText(), /Peak, a maximum/);
  assert.match(await page.locator('canvas').getAttribute('aria-label'), /4 global minima, 4 saddle points, 1 peak/);
  await page.close();
});

test('URL settings are applied, bad ones fall back with a message; nothing runs as script', async () => {
  let { page } = await open('surface=rosenbrock&yaw=120&pitch=60&zoom=1.5&point=global&hide=legend');
  let r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [120, 60, 1.5]);
  assert.deepEqual([r.x, r.y], ['1', '1']);
  assert.match(r.loss, /^(0|[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  assert.equal(await page.getByLabel('Surface', { exact: true }).inputValue(), 'rosenbrock');
  assert.equal(await page.locator('.dh-legend').isVisible(), false);
  assert.deepEqual(await page.evaluate(() => window.Downhill.widgets[0].values()),
    { surface: 'rosenbrock', yaw: 120, pitch: 60, zoom: 1.5, point: 'global', formula: '', xMin: -5, xMax: 5, yMin: -5, yMax: 5,
      hide: 'legend' });
  await page.close();

  ({ page } = await open('surface=volcano&yaw=NaN&pitch=5&zoom=1e9&point=%3Cimg%20src=x%20onerror=alert(1)%3E&bogus=1'));
  const msg = await page.getByRole('alert').textContent();
  assert.match(msg, /“surface” must be one of/);
  assert.match(msg, /“yaw” must be a number/);
  assert.match(msg, /“pitch” must lie between 10 and 90/);
  assert.match(msg, /“zoom” must lie between 0.5 and 3/);
  assert.match(msg, /“point” must be one of/);
  assert.match(msg, /Unknown setting “bogus”/);
  assert.equal(await page.locator('img').count(), 0);
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom, r.x], [-35, 35, 1, '—']);
  assert.equal(await page.getByLabel('Surface', { exact: true }).inputValue(), 'lesson');
  // Through the page's API: non-numbers are refused, out-of-range views held inside.
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setView('abc', 40, 1)), false);
  assert.match(await page.getByRole('alert').textContent(), /must be numbers/);
  await page.evaluate(() => window.Downhill.widgets[0].setView(10, 400, 0.1));
  assert.match(await page.getByRole('alert').textContent(), /held inside/);
  r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [10, 90, 0.5]);
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setSurface('volcano')), false);
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().surface), 'lesson');
  assert.doesNotMatch(await page.locator('.dh-roll').innerText(), /NaN|Infinity/);
  await page.close();
});

test('the picture: drawn in light and dark, not blank or black; the mesh is projected only when the view changes', async () => {
  for (const dark of [false, true]) {
    const { page, problems } = await open('point=saddle', { dark });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.width > 500 && ink.height > 300, JSON.stringify(ink));
    assert.ok(ink.ink > 0.12 && ink.ink < 0.9, 'surface pixels: ' + JSON.stringify(ink));
    assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
    assert.ok(ink.colours >= 20, 'too few colours for a shaded surface: ' + JSON.stringify(ink));
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `landscape-3d-${dark ? 'dark' : 'light'}.png`) });
    // Frames that change nothing do not project the mesh again.
    const before = await page.evaluate(() => window.Downhill.widgets[0].state().projections);
    const frames = await page.evaluate(() => window.Downhill.widgets[0].module.frameCount());
    await page.waitForFunction((n) => window.Downhill.widgets[0].module.frameCount() > n + 10, frames);
    assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().projections), before);
    await page.getByRole('button', { name: 'Rotate right' }).click();
    await page.waitForFunction((n) => window.Downhill.widgets[0].state().projections === n + 1, before);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('phone width (360 px): nothing overflows and the surface still draws', async () => {
  for (const dark of [false, true]) {
    const { page } = await open('point=saddle', { viewport: { width: 360, height: 740 }, dark });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, 'page is ' + overflow + ' px wide');
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.ink > 0.15 && ink.black < 0.05, JSON.stringify(ink));
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `landscape-3d-phone-${dark ? 'dark' : 'light'}.png`), fullPage: true });
    await page.close();
  }
});

test('touch: a swipe up or down over the surface scrolls the page; a drag after holding still tilts it; no console errors', async () => {
  const { page, problems } = await open('', { touch: true, viewport: { width: 400, height: 700 } });
  const touch = await touchScreen(page);
  const view = () => page.evaluate(() => { const s = window.Downhill.widgets[0].state(); return [s.yaw, s.pitch, s.zoom]; });
  const before = await view();
  let box = await page.locator('canvas').boundingBox();
  const x = box.x + box.width / 2, y = box.y + box.height * 0.7;
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[x + (i % 2), y - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.scrollY > 40);
  assert.deepEqual(await view(), before, 'the swipe scrolled the page, not the surface');
  // Hold the finger still, then drag down: the surface tilts and the page stays put.
  box = await page.locator('canvas').boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  const hx = box.x + box.width / 2, hy = box.y + box.height * 0.4;
  await touch('touchStart', [[hx, hy]]);
  await page.waitForTimeout(600);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[hx, hy + 10 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction((p) => window.Downhill.widgets[0].state().pitch !== p, before[1]);
  const [yaw, pitch] = await view();
  assert.equal(yaw, before[0]);
  assert.ok(Math.abs(pitch - (before[1] + 6 * 3.5)) < 0.01, 'pitch ' + pitch); // 0.35° a pixel, 60 px down
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page did not scroll under the held drag');
  assert.deepEqual(problems, [], 'no console errors on touch');
  await page.close();
});

test('the wheel over the surface scrolls the page; Ctrl + wheel, or a click into the picture first, zooms', async () => {
  const { page, problems } = await open('', { viewport: { width: 1000, height: 600 } });
  const zoom = () => page.evaluate(() => window.Downhill.widgets[0].state().zoom);
  let box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.scrollY > 100);
  assert.equal(await zoom(), 1, 'a plain wheel turn scrolls past the picture');
  assert.equal(await page.locator('.dh-l3d-wheel-note').isVisible(), true, 'a note says how to zoom');
  await page.evaluate(() => window.scrollTo(0, 0));
  box = await page.locator('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await page.waitForFunction(() => window.Downhill.widgets[0].state().zoom > 1.01);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  const z = await zoom();
  // A click into the picture: the wheel zooms until the pointer leaves it.
  await page.mouse.click(box.x + 20, box.y + box.height - 20);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction((k) => window.Downhill.widgets[0].state().zoom > k + 0.01, z);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.mouse.move(box.x + box.width / 2, box.y - 30); // out of the picture
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2); // and back
  const z2 = await zoom();
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 100);
  assert.equal(await zoom(), z2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a new surface is shown whole: the zoom goes back to 1 and every marker lies on the canvas', async () => {
  const { page } = await open('zoom=3&yaw=60&pitch=70');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().zoom), 3);
  await page.getByLabel('Surface', { exact: true }).selectOption('himmelblau');
  const frames = await page.evaluate(() => window.Downhill.widgets[0].module.frameCount());
  await page.waitForFunction((n) => window.Downhill.widgets[0].module.frameCount() > n + 2, frames);
  const r = await readouts(page);
  assert.deepEqual([r.yaw, r.pitch, r.zoom], [60, 70, 1], 'turn and tilt kept, zoom back to the fit');
  const size = await page.locator('canvas').evaluate((c) => [c.clientWidth, c.clientHeight]);
  const marks = await page.evaluate(() => window.Downhill.widgets[0].model.markerScreen());
  assert.equal(marks.length, 9);
  for (const m of marks) assert.ok(m.x >= 0 && m.x <= size[0] && m.y >= 0 && m.y <= size[1], `${m.kind} at (${m.x}, ${m.y}) in ${size}`);
  await page.close();
});

// ---- Your own surface ----------------------------------------------------------------
// Himmelblau's function typed by the learner: its four minima (all at loss 0), four
// saddles and one peak, found here by Newton's method on its gradient written out.
const HIMMELBLAU = '(x^2 + y - 11)^2 + (x + y^2 - 7)^2';
const himmel = (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2;
const himmelGrad = (x, y) => [4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)];
const himmelHess = (x, y) => [12 * x * x + 4 * y - 42, 4 * (x + y), 4 * x + 12 * y * y - 26];
function himmelPoint(x, y) {
  for (let i = 0; i < 50; i++) {
    const [gx, gy] = himmelGrad(x, y), [a, b, c] = himmelHess(x, y), det = a * c - b * b;
    x -= (c * gx - b * gy) / det;
    y -= (a * gy - b * gx) / det;
  }
  const [lo, hi] = eigen(himmelHess(x, y));
  return { x, y, loss: himmel(x, y), kind: lo > 0 ? 'global' : hi < 0 ? 'peak' : 'saddle' };
}
const HIMMEL_POINTS = [[3, 2], [-2.8, 3.1], [-3.8, -3.3], [3.6, -1.8], [0.1, 2.9], [-3.1, -0.1], [3.4, 0.1], [-0.1, -2], [-0.3, -0.9]]
  .map(([x, y]) => himmelPoint(x, y));

test('your own surface: x^2 - y^2 has its saddle at (0, 0); Himmelblau its four minima, four saddles and peak, marked', async () => {
  const { page, problems } = await open();
  await page.getByRole('textbox', { name: 'f(x, y) =' }).fill('x^2 - y^2');
  for (const [name, v] of [['Drawn from x =', '-2'], ['Drawn to x =', '2'], ['Drawn from y =', '-2'], ['Drawn to y =', '2']])
    await page.getByRole('spinbutton', { name }).fill(v);
  await page.getByRole('button', { name: 'Use this surface' }).click();
  assert.match(await page.locator('.dh-formula-note').textContent(), /Your surface: 1 saddle point \(marked\)/);
  let pts = await page.evaluate(() => window.Downhill.widgets[0].points());
  assert.equal(pts.length, 1);
  assert.equal(pts[0].kind, 'saddle');
  assert.ok(Math.abs(pts[0].x) < 1e-12 && Math.abs(pts[0].y) < 1e-12 && Math.abs(pts[0].loss) < 1e-12, JSON.stringify(pts[0]));
  // The Hessian is diag(2, -2): its eigenvalues, on the saddle's readouts and in words.
  assert.ok(Math.abs(pts[0].eigLo + 2) < 1e-12 && Math.abs(pts[0].eigHi - 2) < 1e-12);
  await page.getByRole('radio', { name: 'Saddle point' }).check();
  let r = await readouts(page);
  for (const v of [r.x, r.y, r.loss]) assert.match(v, /^(0|−?[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  assert.match(await explanation(page), /one positive eigenvalue, 2 .* one negative, −2/);
  assert.equal(await page.getByLabel('Surface', { exact: true }).inputValue(), 'formula');
  assert.match(await page.locator('canvas').getAttribute('aria-label'), /your surface f\(x, y\) = x\^2 - y\^2/);
  // Global minimum: none on this surface, said in words.
  await page.getByRole('radio', { name: 'Global minimum' }).check();
  assert.match(await explanation(page), /No minimum was found on the drawn range of your surface/);

  // Himmelblau typed over [-5, 5]²: the engine's points are the ones worked out here.
  await page.getByRole('textbox', { name: 'f(x, y) =' }).fill(HIMMELBLAU);
  for (const [name, v] of [['Drawn from x =', '-5'], ['Drawn to x =', '5'], ['Drawn from y =', '-5'], ['Drawn to y =', '5']])
    await page.getByRole('spinbutton', { name }).fill(v);
  await page.getByRole('textbox', { name: 'f(x, y) =' }).press('Enter');
  assert.match(await page.locator('.dh-formula-note').textContent(), /4 global minima, 4 saddle points, 1 peak \(marked\)/);
  pts = await page.evaluate(() => window.Downhill.widgets[0].points());
  assert.equal(pts.length, 9);
  for (const want of HIMMEL_POINTS) {
    const got = pts.find((p) => Math.hypot(p.x - want.x, p.y - want.y) < 1e-6);
    assert.ok(got, `no point near (${want.x}, ${want.y})`);
    assert.equal(got.kind, want.kind);
    assert.ok(Math.abs(got.loss - want.loss) < 1e-9, `${got.loss} vs ${want.loss}`);
  }
  // The first global minimum (left to right): its readouts are the formula's, to the digits shown.
  const first = HIMMEL_POINTS.filter((p) => p.kind === 'global').sort((a, b) => a.x - b.x)[0];
  r = await readouts(page);
  assert.deepEqual([r.x, r.y], [fixed(first.x, 4), fixed(first.y, 4)]);
  assert.match(r.loss, /^(0|[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/); // zero, to the last digit the engine computes
  assert.match(await explanation(page), /One of 4 equally low minima/);
  // Every marker of the nine lies on the canvas.
  await page.waitForFunction(() => window.Downhill.widgets[0].model.markerScreen().length === 9);
  const box = await page.locator('canvas').boundingBox();
  for (const m of await page.evaluate(() => window.Downhill.widgets[0].model.markerScreen()))
    assert.ok(m.x > 0 && m.x < box.width && m.y > 0 && m.y < box.height, JSON.stringify(m));
  // The legend names the peak's marker too.
  assert.match(await page.locator('.dh-legend').innerText(), /Peak, a maximum/);
  // Back to the named surface.
  await page.getByRole('button', { name: 'Back to the named surface' }).click();
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).surface, 'lesson');
  assert.deepEqual(problems, []);
  await page.close();
});

test('your own surface: a copied link reproduces it; a bad formula in a link falls back with the message', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1100 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=landscape-3d');
  await page.getByRole('button', { name: 'Use this surface' }).and(page.locator(':enabled')).waitFor();
  await page.getByRole('textbox', { name: 'f(x, y) =' }).fill('x^2 + 3*y^2 - x*y');
  await page.getByRole('spinbutton', { name: 'Drawn from y =' }).fill('-3');
  await page.getByRole('button', { name: 'Use this surface' }).click();
  await page.getByRole('radio', { name: 'Global minimum' }).check();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /formula=x%5E2/);
  assert.match(link, /yMin=-3(&|$)/);
  assert.doesNotMatch(link, /xMin=/); // at its default
  const again = await context.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: 'Reset view' }).and(again.locator(':enabled')).waitFor();
  const s = await again.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([s.surface, s.formula, s.xMin, s.xMax, s.yMin, s.yMax, s.point],
    ['formula', 'x^2 + 3*y^2 - x*y', -5, 5, -3, 5, 'global']);
  assert.equal(await again.getByRole('textbox', { name: 'f(x, y) =' }).inputValue(), 'x^2 + 3*y^2 - x*y');
  assert.deepEqual([s.x, s.y, s.loss].map((v) => Math.abs(v) < 1e-12), [true, true, true]); // its minimum is (0, 0)
  assert.match(await again.locator('.dh-formula-note').textContent(), /Your surface: 1 global minimum \(marked\)/);
  assert.deepEqual(problems, []);
  await context.close();

  const bad = await open('surface=bowl&formula=' + encodeURIComponent('x^2 + sinn(y)') + '&xMin=-2');
  const b = await bad.page.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([b.surface, b.formula], ['bowl', '']);
  assert.match(await bad.page.locator('.dh-formula-note').textContent(),
    /The surface in this link could not be used, so the bowl is shown: Unknown name 'sinn' at 7/);
  const undef = await open('formula=' + encodeURIComponent('log(x) + y'));
  assert.match(await undef.page.locator('.dh-formula-note').textContent(),
    /could not be used, so the lesson surface \(two valleys\) is shown: The surface is not defined everywhere on the range: log of a negative number or zero at \(x, y\) = \(-5, -5\)/);
  await bad.page.close();
  await undef.page.close();
});

test('your own surface at 1280 px and 360 px: drawn (not blank or black), nothing overflows', async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await open('formula=' + encodeURIComponent(HIMMELBLAU) + '&point=saddle',
      { viewport: { width, height: width > 400 ? 1100 : 740 } });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, 'page is ' + wide + ' px wide');
    for (const box of await page.locator('.dh-formula-box input').all()) {
      const b = await box.boundingBox();
      assert.ok(b.x >= 0 && b.x + b.width <= width, JSON.stringify(b));
    }
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.ink > 0.15 && ink.black < 0.05, JSON.stringify(ink));
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `landscape-3d-own-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
