// weights_fit.test.js: the weights-and-fit widget used as a learner would, in headless
// Chromium. The readouts are checked against the MSE and least-squares line computed here,
// in JavaScript, from the widget's own data; a click on the map against the (w, b) under it;
// the step counts against the engine's own runs; then keyboard use, a phone layout, the
// canvas, axe on the lesson and a link round trip.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets } = require('./harness.js');

const num = (s) => Number(String(s).replace(/−/g, '-'));
const SHOTS = path.join(SITE, '..', 'shots');
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 1000 }, dark = false) {
  const page = await browser.newPage({ viewport });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=weights-fit' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  return { page, problems };
}
const read = async (page, name) => num(await page.getByLabel(name, { exact: true }).textContent());
// MSE and the least-squares line, computed here from the points the widget shows.
const mse = (d, w, b) => d.z.reduce((s, z, i) => s + (w * z + b - d.y[i]) ** 2, 0) / d.z.length;
function leastSquares(d) {
  const n = d.z.length, mx = d.z.reduce((a, v) => a + v, 0) / n, my = d.y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (d.z[i] - mx) * (d.y[i] - my); sxx += (d.z[i] - mx) ** 2; }
  const w = sxy / sxx, b = my - w * mx;
  return { w, b, mse: mse(d, w, b) };
}
const data = (page) => page.evaluate(() => {
  const d = window.Downhill.widgets[0].model.data();
  return { x: Array.from(d.x), y: Array.from(d.y), z: Array.from(d.z) };
});
const near = (a, b, digits) => Math.abs(a - b) <= 0.5 * 10 ** -digits + 1e-12;

test('readouts equal the MSE and least-squares line recomputed from the widget\'s data, both ways of x', async () => {
  const { page, problems } = await open('');
  for (const scaled of [false, true]) {
    if (scaled) await page.getByRole('switch', { name: 'Scale the feature (standardise x)' }).check();
    const d = await data(page);
    assert.equal(d.x.length, 16);
    assert.ok(d.x.every((x) => x >= 2 && x <= 8));
    if (scaled) {
      const m = d.x.reduce((a, v) => a + v, 0) / 16;
      const sd = Math.sqrt(d.x.reduce((a, v) => a + (v - m) ** 2, 0) / 16);
      d.x.forEach((x, i) => assert.ok(Math.abs(d.z[i] - (x - m) / sd) < 1e-12));
    } else {
      assert.deepEqual(d.z, d.x);
    }
    const s = await page.evaluate(() => window.Downhill.widgets[0].state());
    const ls = leastSquares(d);
    assert.ok(near(await read(page, 'w'), s.w, 3) && near(await read(page, 'b'), s.b, 3));
    assert.ok(near(await read(page, 'MSE'), mse(d, s.w, s.b), 4), `MSE ${await read(page, 'MSE')} vs ${mse(d, s.w, s.b)}`);
    assert.ok(near(await read(page, 'Best w'), ls.w, 3), `best w ${await read(page, 'Best w')} vs ${ls.w}`);
    assert.ok(near(await read(page, 'Best b'), ls.b, 3));
    assert.ok(near(await read(page, 'Lowest MSE'), ls.mse, 4));
    // Condition number: the Hessian 2 [[mean z^2, mean z], [mean z, 1]], computed here.
    const a = 2 * d.z.reduce((t, v) => t + v * v, 0) / 16, c = 2 * d.z.reduce((t, v) => t + v, 0) / 16;
    const mid = (a + 2) / 2, rad = Math.hypot((a - 2) / 2, c);
    assert.ok(near(await read(page, 'Condition number'), (mid + rad) / (mid - rad), 1));
    assert.ok(near(await read(page, 'Largest stable learning rate'), 2 / (mid + rad), 4));
    if (scaled) assert.equal(await read(page, 'Condition number'), 1);
    // Two steps by hand: the MSE readout follows w and b.
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    const t = await page.evaluate(() => window.Downhill.widgets[0].state());
    assert.equal(await read(page, 'Step'), 2);
    assert.ok(near(await read(page, 'MSE'), mse(d, t.w, t.b), 4));
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a click on the contour map places (w, b) at the clicked point; the line follows', async () => {
  const { page } = await open('');
  const canvas = page.locator('canvas');
  const r = await canvas.boundingBox();
  const box = await page.evaluate(([w, h]) => window.Downhill.widgets[0].model.mapBox(w, h), [r.width, r.height]);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  for (const [u, v] of [[0.25, 0.3], [0.7, 0.8]]) {
    const px = box.left + u * (box.right - box.left), py = box.top + v * (box.bottom - box.top);
    await page.mouse.click(r.x + px, r.y + py);
    const t = await page.evaluate(() => window.Downhill.widgets[0].state());
    const w = s.wMin + u * (s.wMax - s.wMin), b = s.bMax - v * (s.bMax - s.bMin);
    // Within one cell of a 48 x 48 sampling of the window.
    assert.ok(Math.abs(t.w - w) <= (s.wMax - s.wMin) / 48, `w ${t.w} vs ${w}`);
    assert.ok(Math.abs(t.b - b) <= (s.bMax - s.bMin) / 48, `b ${t.b} vs ${b}`);
    assert.equal(t.step, 0);
    assert.equal(await read(page, 'w'), Number(t.w.toFixed(3)));
    const d = await data(page);
    assert.ok(near(await read(page, 'MSE'), mse(d, t.w, t.b), 4));
  }
  // A drag across the map: the point follows to where it ends.
  const y = r.y + box.top + 0.5 * (box.bottom - box.top);
  await page.mouse.move(r.x + box.left + 10, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(r.x + box.left + 10 + i * 20, y);
  await page.mouse.up();
  const end = await page.evaluate(([px, py, w, h]) => window.Downhill.widgets[0].model.pointFromCanvas(px, py, w, h),
    [box.left + 170, box.top + 0.5 * (box.bottom - box.top), r.width, r.height]);
  const t = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(Math.abs(t.w - end.w) <= 0.006 && Math.abs(t.b - end.b) <= 0.006, `${t.w}, ${t.b} vs ${end.w}, ${end.b}`);
  await page.close();
});

test('steps to the minimum, measured and scaled, equal the engine\'s own runs; Play reaches the minimum in that many', async () => {
  const { page, problems } = await open('');
  const counts = await page.evaluate(() => {
    const M = window.Downhill.widgets[0].module;
    const run = (scaled) => { const f = new M.WeightsFit(); f.setScaled(scaled); f.setWeights(0, 0); const n = f.advance(100000); const s = f.state(); f.delete(); return { n, reached: s.reached }; };
    return { raw: run(false), scaled: run(true) };
  });
  assert.ok(counts.raw.reached && counts.scaled.reached);
  assert.equal(await read(page, 'Steps to the minimum, x as measured'), counts.raw.n);
  assert.equal(await read(page, 'Steps to the minimum, x scaled'), counts.scaled.n);
  assert.ok(counts.raw.n > 5 * counts.scaled.n, JSON.stringify(counts));
  // Scaled, Play runs until the minimum, in exactly that many steps.
  await page.getByRole('switch', { name: 'Scale the feature (standardise x)' }).check();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().reached, null, { timeout: 20000 });
  assert.equal(await read(page, 'Step'), counts.scaled.n);
  assert.match(await page.locator('.dh-status').textContent(), new RegExp(`reached the minimum in ${counts.scaled.n} steps`));
  const path_ = await page.evaluate(() => Array.from(window.Downhill.widgets[0].model.path()));
  assert.equal(path_.length, 2 * (counts.scaled.n + 1));
  // Above 2 / lambda_max with measured x the run blows up, and says so.
  await page.getByRole('switch', { name: 'Scale the feature (standardise x)' }).uncheck();
  await page.evaluate(() => window.Downhill.widgets[0].setLearningRate(0.1));
  assert.equal(await page.getByLabel('Steps to the minimum, x as measured', { exact: true }).textContent(), 'never');
  for (let i = 0; i < 40; i++) await page.getByRole('button', { name: 'Step' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().diverged);
  assert.match(await page.locator('.dh-status').textContent(), /blew up at step \d+/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard alone: Tab to the w and b sliders, arrows move the point and the line; the switch and Step work by keys', async () => {
  const { page } = await open('');
  const wSlider = page.getByRole('slider', { name: 'Weight w (slope)' });
  await wSlider.focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-describedby') !== null), true);
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft'); // b: 0 -> -1
  let s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(Math.abs(s.w - 0.5) < 1e-9 && Math.abs(s.b + 1) < 1e-9, `${s.w}, ${s.b}`);
  assert.equal(await read(page, 'w'), 0.5);
  assert.equal(await read(page, 'b'), -1);
  const d = await data(page);
  assert.ok(near(await read(page, 'MSE'), mse(d, 0.5, -1), 4));
  // Tab on to the learning rate, the switch and Step.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'switch');
  await page.keyboard.press('Space');
  s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.scaled, true);
  // The same line, its weights written for standardised x.
  assert.ok(Math.abs(s.w - 0.5 * s.xStd) < 1e-9 && Math.abs(s.b - (-1 + 0.5 * s.xMean)) < 1e-9);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await read(page, 'Step'), 1);
  await page.close();
});

for (const dark of [false, true]) {
  test(`360 px phone and 1280 px desktop, ${dark ? 'dark' : 'light'}: no sideways scroll, the canvas is drawn`, async () => {
    for (const width of [360, 1280]) {
      const { page, problems } = await open('', { width, height: 900 }, dark);
      await page.getByRole('button', { name: 'Step' }).click();
      await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.02 && ink.black < 0.05, JSON.stringify(ink));
      const r = await page.locator('canvas').boundingBox();
      if (width === 360) assert.ok(r.height > r.width, 'the panels stack on a phone');
      await page.screenshot({ path: path.join(SHOTS, `weights-fit-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}

test('the lesson page on a phone: the widget starts, and axe finds nothing', async () => {
  for (const width of [360]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(server.url + '/gradient-descent.html');
    await startWidgets(page);
    const widget = page.locator('.dh-widget[data-widget="weights-fit"]');
    await widget.scrollIntoViewIfNeeded();
    assert.equal(await widget.getByRole('slider', { name: 'Learning rate' }).inputValue(), '0.03');
    assert.deepEqual(await axeViolations(page), [], `${width} px`);
    await page.close();
  }
});

test('Copy link reproduces the state: start, learning rate and scaling', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=weights-fit');
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  await page.getByRole('switch', { name: 'Scale the feature (standardise x)' }).check();
  await page.evaluate(() => { const w = window.Downhill.widgets[0]; w.setWeights(-2.5, 7.25); w.setLearningRate(0.2); });
  const before = await page.evaluate(() => { const s = window.Downhill.widgets[0].state(); return [s.w, s.b, s.learningRate, s.scaled, s.stepsScaled]; });
  assert.deepEqual(before.slice(0, 4), [-2.5, 7.25, 0.2, true]);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=weights-fit/);
  assert.match(link, /scale=on/);
  assert.match(link, /lr=0\.2(&|$)/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  assert.deepEqual(await again.evaluate(() => { const s = window.Downhill.widgets[0].state(); return [s.w, s.b, s.learningRate, s.scaled, s.stepsScaled]; }), before);
  assert.equal(await read(again, 'MSE'), await read(page, 'MSE'));
  await context.close();
});
