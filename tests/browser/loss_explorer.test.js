// loss_explorer.test.js: the loss explorer used through its controls, in headless Chromium,
// with every number it shows checked against formulas and fits computed here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, touchScreen, axeViolations, checkScrollRegion, startWidgets } = require('./harness.js');

const num = (s) => Number(String(s).trim().replace('−', '-'));
const SHOTS = path.join(SITE, '..', 'shots');
fs.mkdirSync(SHOTS, { recursive: true });

// The six losses when the right answer is 1 (cross-entropy truth 0: the answer is 0).
const loss = {
  mse: (p) => (1 - p) ** 2,
  mae: (p) => Math.abs(1 - p),
  huber: (p, d) => (Math.abs(1 - p) <= d ? 0.5 * (1 - p) ** 2 : d * (Math.abs(1 - p) - d / 2)),
  bce1: (p) => -Math.log(p),
  bce0: (p) => -Math.log(1 - p),
  hinge: (p) => Math.max(0, 1 - p),
};
// Least squares by the normal equations; least absolute deviations by trying every line
// through two points.
function leastSquares(pts) {
  const n = pts.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [x, y] of pts) { sx += x; sy += y; sxx += x * x; sxy += x * y; }
  const det = n * sxx - sx * sx;
  return { slope: (n * sxy - sx * sy) / det, intercept: (sy * sxx - sx * sxy) / det };
}
const totalAbs = (pts, a, b) => pts.reduce((s, [x, y]) => s + Math.abs(y - a - b * x), 0);
function leastAbsolute(pts) {
  let best = null;
  for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) {
    if (pts[i][0] === pts[j][0]) continue;
    const b = (pts[j][1] - pts[i][1]) / (pts[j][0] - pts[i][0]), a = pts[i][1] - b * pts[i][0];
    const t = totalAbs(pts, a, b);
    if (!best || t < best.total - 1e-12) best = { slope: b, intercept: a, total: t };
  }
  return best;
}
const mse = (pts, f) => pts.reduce((s, [x, y]) => s + (y - f.intercept - f.slope * x) ** 2, 0) / pts.length;
const mae = (pts, f) => totalAbs(pts, f.intercept, f.slope) / pts.length;

const FIT_TABLE = 'The two fitted lines on all eleven points';

let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1000, height: 1000 }, opts = {}) {
  const page = await browser.newPage({ viewport });
  if (opts.dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(server.url + '/embed.html?widget=loss-explorer' + (query ? '&' + query : ''));
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets && window.Downhill.widgets[0]);
  return { page, problems };
}
const readLosses = async (page) => {
  const read = async (name) => (await page.getByLabel(name, { exact: true }).textContent()).trim();
  return {
    mse: await read('MSE'), mae: await read('MAE'), huber: await read('Huber loss'),
    bce1: await read('Cross-entropy (truth 1)'), bce0: await read('Cross-entropy (truth 0)'), hinge: await read('Hinge'),
  };
};
const near = (shown, expected, digits = 3) =>
  assert.ok(Math.abs(num(shown) - expected) <= 0.5 * 10 ** -digits + 1e-12, `shown ${shown}, expected ${expected}`);
// The table's numbers for one line: [slope, intercept, MSE, MAE].
const fitRow = async (page, name) => {
  const cells = page.getByRole('row', { name: new RegExp(name) }).getByRole('cell');
  return (await cells.allTextContents()).map(num);
};

test('loss curves: readouts follow the Prediction slider and match the formulas', async () => {
  const { page, problems } = await open('');
  assert.equal(await page.getByRole('radio', { name: 'Loss curves' }).isChecked(), true);
  let r = await readLosses(page);
  const p0 = 0.2;
  near(r.mse, loss.mse(p0)); near(r.mae, loss.mae(p0)); near(r.huber, loss.huber(p0, 1));
  near(r.bce1, loss.bce1(p0)); near(r.bce0, loss.bce0(p0)); near(r.hinge, loss.hinge(p0));

  // A big miss: Home puts the prediction at -1, two away from the truth.
  const slider = page.getByRole('slider', { name: 'Prediction' });
  await slider.focus();
  await page.keyboard.press('Home');
  r = await readLosses(page);
  near(r.mse, 4); near(r.mae, 2); near(r.huber, loss.huber(-1, 1)); near(r.hinge, 2);
  assert.match(r.bce1, /not defined/);
  assert.match(await page.locator('.dh-status').last().textContent(), /\b2 times the absolute error/);
  // Confident and wrong: p = 0.01 (101 steps of 0.01 from -1).
  for (let i = 0; i < 101; i++) await page.keyboard.press('ArrowRight');
  assert.equal(num(await slider.inputValue()), 0.01);
  r = await readLosses(page);
  near(r.bce1, loss.bce1(0.01));
  near(r.bce0, loss.bce0(0.01));
  near(r.mse, loss.mse(0.01));
  assert.ok(num(r.bce1) > 4 * num(r.mae), 'cross-entropy explodes when confidently wrong');
  assert.match(await page.locator('.dh-status').last().textContent(), /confident and wrong/);
  // p = 0 exactly: certain and wrong for truth 1, no loss for truth 0.
  await page.keyboard.press('ArrowLeft');
  r = await readLosses(page);
  assert.match(r.bce1, /no limit/);
  near(r.bce0, 0);
  // Huber delta 0.5 by keyboard (End = 2, then 30 steps of 0.05 down): linear beyond 0.5.
  const delta = page.getByRole('slider', { name: 'Huber delta' });
  await delta.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(num(await delta.inputValue()), 0.5);
  near((await readLosses(page)).huber, loss.huber(0, 0.5));
  const text = await page.locator('.dh-loss-explorer').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('loss curves: dragging on the chart moves the marker; check boxes choose the curves', async () => {
  const { page } = await open('');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 3);
  const canvas = page.locator('canvas');
  const box = await canvas.boundingBox();
  // Plot area: 30 px from the left, 12 px from the right, prediction -1 .. 2.
  const pxFor = (p) => box.x + 30 + ((p + 1) / 3) * (box.width - 42);
  await page.mouse.move(pxFor(1.5), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(pxFor(0.5), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const p = num(await page.getByRole('slider', { name: 'Prediction' }).inputValue());
  assert.ok(Math.abs(p - 0.5) <= 0.011, 'prediction after the drag: ' + p);
  near((await readLosses(page)).mse, loss.mse(p));

  const ink = await canvasInk(page, canvas);
  assert.ok(ink.ink > 0.02 && ink.black < 0.05 && ink.colours >= 6, JSON.stringify(ink));
  const mseBox = page.getByRole('checkbox', { name: 'Squared error (MSE)' });
  assert.match(await canvas.getAttribute('aria-label'), /MSE 0\.2\d/);
  await mseBox.uncheck();
  assert.doesNotMatch(await canvas.getAttribute('aria-label'), /MSE/);
  for (const name of ['Absolute error (MAE)', 'Huber', 'Cross-entropy, truth 1', 'Cross-entropy, truth 0', 'Hinge, label +1'])
    await page.getByRole('checkbox', { name }).uncheck();
  assert.match(await canvas.getAttribute('aria-label'), /no curve is chosen/);
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].values())).losses, '');
  await page.close();
});

test('touch, loss curves: a swipe up or down scrolls the page and leaves the prediction; a sideways drag moves it', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 600 }, hasTouch: true });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=loss-explorer');
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  const prediction = () => page.evaluate(() => window.Downhill.widgets[0].state().prediction);
  const touch = await touchScreen(page);
  const before = await prediction();
  const box = await page.locator('canvas').boundingBox();
  const x = box.x + box.width * 0.3, y = box.y + Math.min(box.height * 0.6, 560 - box.y);
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[x, y - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.scrollY > 40);
  assert.equal(await prediction(), before, 'the swipe did not move the prediction');
  await page.evaluate(() => window.scrollTo(0, 0));
  const b = await page.locator('canvas').boundingBox();
  const yy = b.y + Math.min(b.height * 0.5, 560 - b.y);
  await touch('touchStart', [[b.x + b.width * 0.3, yy]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[b.x + b.width * (0.3 + 0.05 * i), yy + (i % 2)]]);
  const end = await page.evaluate((px) => {
    const w = window.Downhill.widgets[0], r = document.querySelector('canvas').getBoundingClientRect();
    return w.model.predictionAt(px - r.left, r.width, r.height);
  }, b.x + b.width * 0.8);
  await touch('touchEnd', []);
  assert.ok(Math.abs(await prediction() - end) <= 0.011, `the drag was followed to its end: ${await prediction()} vs ${end}`);
  assert.ok(Math.abs(end - before) > 0.3, `moved from ${before} to ${end}`);
  assert.deepEqual(problems, [], 'no console errors on touch');
  await page.close();
});

test('outlier fit: the table matches least squares and a brute-force least-absolute fit', async () => {
  const { page, problems } = await open('');
  await page.getByRole('radio', { name: 'Outlier fit' }).check();
  assert.equal(await page.getByRole('slider', { name: 'Prediction' }).isVisible(), false);
  const points = async () => {
    const flat = await page.evaluate(() => Array.from(window.Downhill.widgets[0].model.points()));
    const pts = [];
    for (let i = 0; i < flat.length; i += 2) pts.push([flat[i], flat[i + 1]]);
    return pts;
  };
  const check = async () => {
    const pts = await points();
    assert.equal(pts.length, 11);
    const ls = leastSquares(pts), lad = leastAbsolute(pts);
    const [lsSlope, lsIntercept, lsMse, lsMae] = await fitRow(page, 'Least squares');
    const [ladSlope, ladIntercept, ladMse, ladMae] = await fitRow(page, 'Least absolute');
    near(lsSlope, ls.slope); near(lsIntercept, ls.intercept); near(lsMse, mse(pts, ls)); near(lsMae, mae(pts, ls));
    near(ladSlope, lad.slope); near(ladIntercept, lad.intercept); near(ladMse, mse(pts, lad)); near(ladMae, mae(pts, lad));
    // Each line wins under its own loss.
    assert.ok(mse(pts, ls) <= mse(pts, lad) && mae(pts, lad) <= mae(pts, ls));
    return { ls, lad };
  };
  const first = await check();
  const last = (await points())[10];
  assert.deepEqual(last, [9, 0.5]);

  // Outlier y to its top (End = 14) by keyboard: least squares swings up, LAD barely moves.
  const oy = page.getByRole('slider', { name: 'Outlier y' });
  await oy.focus();
  await page.keyboard.press('End');
  const high = await check();
  assert.ok(Math.abs(high.ls.slope - first.ls.slope) > 0.3, `least squares moved ${high.ls.slope - first.ls.slope}`);
  assert.ok(Math.abs(high.lad.slope - first.lad.slope) < 0.05, `least absolute moved ${high.lad.slope - first.lad.slope}`);
  // Outlier x to 2.0 (Home = 0, then 20 steps of 0.1).
  const ox = page.getByRole('slider', { name: 'Outlier x' });
  await ox.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  assert.deepEqual((await points())[10], [2, 14]);
  await check();
  assert.match(await page.locator('.dh-status').last().textContent(), /least-squares slope is .* least-absolute slope is/);
  // Put it back on the line: both fits agree with the clean data again.
  await page.getByRole('button', { name: 'Put the outlier on the line' }).click();
  const back = await check();
  assert.ok(Math.abs(back.ls.slope - back.lad.slope) < 0.05);
  // The words match: nothing moved, so nothing "bends toward it".
  const words = await page.locator('.dh-status').last().textContent();
  assert.doesNotMatch(words, /moved 0|bends toward it/);
  assert.match(words, /pulls on neither/);
  assert.deepEqual(problems, []);
  await page.close();
});

// A number as the course shows it with one decimal at most (web/schema.js).
const one = (v) => require('../../web/schema.js').formatNumber(v, 1).replace('.', '\\.');

test('outlier fit: pressing and dragging on the chart carries the outlier', async () => {
  const { page } = await open('view=outlier');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 3);
  const canvas = page.locator('canvas');
  assert.equal(await canvas.evaluate((c) => getComputedStyle(c).touchAction), 'none');
  const box = await canvas.boundingBox();
  // Plot area: 30 px left, 12 px right, 26 px top (room for the axis title), 24 px bottom; x 0..10, y -4..14.
  const at = (x, y) => [box.x + 30 + (x / 10) * (box.width - 42), box.y + 26 + ((14 - y) / 18) * (box.height - 50)];
  await page.mouse.move(...at(9, 0.5));
  await page.mouse.down();
  await page.mouse.move(...at(5, 12), { steps: 6 });
  await page.mouse.up();
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(Math.abs(s.outlierX - 5) <= 0.11 && Math.abs(s.outlierY - 12) <= 0.11, `outlier at ${s.outlierX}, ${s.outlierY}`);
  assert.equal(num(await page.getByRole('slider', { name: 'Outlier x' }).inputValue()), s.outlierX);
  assert.match(await canvas.getAttribute('aria-label'), new RegExp(`outlier at \\(${one(s.outlierX)}, ${one(s.outlierY)}\\)`));
  const ink = await canvasInk(page, canvas);
  assert.ok(ink.ink > 0.01 && ink.black < 0.05 && ink.colours >= 5, JSON.stringify(ink));
  await page.screenshot({ path: path.join(SHOTS, 'loss-explorer-outlier-desktop.png'), fullPage: true });
  await page.close();
});

test('bad URL settings fall back to the defaults with a visible message', async () => {
  const { page } = await open('prediction=5&delta=abc&losses=mse,foo&view=sideways&seed=0&outlierY=' + '9'.repeat(300) + '&x=1');
  const msg = await page.getByRole('alert').textContent();
  assert.match(msg, /“prediction” must lie between -1 and 2/);
  assert.match(msg, /“delta” must be a number/);
  assert.match(msg, /“losses” accepts only/);
  assert.match(msg, /“view” must be one of/);
  assert.match(msg, /“seed” must lie between 1 and 9999/);
  assert.match(msg, /“outlierY” is too long/);
  assert.match(msg, /Unknown setting “x”/);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.prediction, 0.2);
  assert.equal(s.delta, 1);
  assert.equal(s.curves, 63);
  assert.equal(s.view, 'curves');
  assert.equal(s.outlierY, 0.5);
  // The page API clamps or refuses too, with a message.
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setPrediction('abc')), false);
  assert.match(await page.getByRole('alert').textContent(), /must be a number/);
  await page.evaluate(() => window.Downhill.widgets[0].setPrediction(7));
  assert.match(await page.getByRole('alert').textContent(), /between -1 and 2; using 2/);
  assert.equal(num(await page.getByRole('slider', { name: 'Prediction' }).inputValue()), 2);
  await page.close();
});

test('a shared link reproduces the settings', async () => {
  const { page } = await open('view=outlier&outlierX=3&outlierY=-2&seed=12&losses=mse,hinge&delta=0.5');
  const v = await page.evaluate(() => window.Downhill.widgets[0].values());
  assert.deepEqual({ ...v, hide: '' }, { view: 'outlier', prediction: 0.2, delta: 0.5, losses: 'mse,hinge', outlierX: 3, outlierY: -2, seed: 12, hide: '' });
  const pts = await page.evaluate(() => Array.from(window.Downhill.widgets[0].model.points()));
  assert.deepEqual(pts.slice(-2), [3, -2]);
  await page.close();
});

test('keyboard alone reaches and uses every control', async () => {
  const { page } = await open('');
  const names = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  assert.deepEqual(names, ['Loss curves', 'Prediction', 'Huber delta', 'Squared error (MSE)', 'Absolute error (MAE)', 'Huber',
    'Cross-entropy, truth 1', 'Cross-entropy, truth 0', 'Hinge, label +1']);
  // Arrow keys switch the view inside the radio group; then the outlier controls follow.
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: 'Outlier fit' }).isChecked(), true);
  const names2 = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    names2.push(await page.evaluate(() => {
      const a = document.activeElement;
      const by = a.getAttribute('aria-labelledby');
      if (by) return a.getAttribute('role') + ': ' + document.getElementById(by).textContent;
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  // The table's box is a stop of its own, so that keys can scroll it where it is wider than the screen.
  assert.deepEqual(names2, ['Outlier x', 'Outlier y', 'Put the outlier on the line', 'region: ' + FIT_TABLE]);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Home');
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).outlierY, -4);
  await page.waitForFunction(() => /Least-squares slope/.test(document.querySelector('.dh-sr-only[aria-live="polite"]').textContent));
  await page.close();
});

for (const dark of [false, true]) {
  test(`phone width (360 px), ${dark ? 'dark' : 'light'}: no overflow in either view, canvas drawn`, async () => {
    const { page } = await open('', { width: 360, height: 800 }, { dark });
    for (const view of ['Loss curves', 'Outlier fit']) {
      await page.getByRole('radio', { name: view }).check();
      await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
      await page.waitForTimeout(150);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${view}: page is ${width} px wide`);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.01 && ink.black < 0.05, JSON.stringify(ink));
      if (dark) assert.ok(ink.colours >= 5, JSON.stringify(ink));
      await page.screenshot({ path: path.join(SHOTS, `loss-explorer-${view.startsWith('L') ? 'curves' : 'outlier'}-phone${dark ? '-dark' : ''}.png`), fullPage: true });
    }
    await page.close();
  });
}

test('desktop screenshots, light and dark', async () => {
  for (const dark of [false, true]) {
    const { page } = await open('prediction=0.05', { width: 1000, height: 1000 }, { dark });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.ink > 0.02, JSON.stringify(ink));
    await page.screenshot({ path: path.join(SHOTS, `loss-explorer-curves-desktop${dark ? '-dark' : ''}.png`), fullPage: true });
    await page.close();
  }
});

test('no accessibility violations found by axe, in either view, light and dark, at 360 and 1280 px', async () => {
  for (const width of [360, 1280]) {
    for (const dark of [false, true]) {
      const { page } = await open('', { width, height: 1000 }, { dark });
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${dark ? 'dark' : 'light'}, curves`);
      await page.getByRole('radio', { name: 'Outlier fit' }).check();
      const region = page.getByRole('region', { name: FIT_TABLE });
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.equal(await region.isVisible(), true);
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${dark ? 'dark' : 'light'}, outlier fit`);
      await page.close();
    }
  }
});

test('phone (360 px) lesson page: the fit table scrolls sideways in a named region that keys can reach and scroll', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const problems = watch(page);
  await page.goto(server.url + '/loss-functions.html');
  await startWidgets(page);
  // The lesson places the explorer twice; the second opens in the outlier view.
  const widget = page.locator('.dh-widget[data-widget="loss-explorer"][data-params="view=outlier"]');
  const region = widget.getByRole('region', { name: FIT_TABLE });
  await checkScrollRegion(page, region, widget.getByRole('button', { name: 'Put the outlier on the line' }));
  assert.deepEqual(await axeViolations(page), []);
  // The explorer in the curves view hides its table, and with it the region.
  const curves = page.locator('.dh-widget[data-widget="loss-explorer"][data-params=""]');
  assert.equal(await curves.getByRole('region', { name: FIT_TABLE }).count(), 0);
  await page.screenshot({ path: path.join(SHOTS, 'loss-explorer-lesson-360-table.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});
