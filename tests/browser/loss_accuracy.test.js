// loss_accuracy.test.js: the loss-versus-accuracy widget used through its controls, in
// headless Chromium. Its numbers are checked against a logistic model computed here, on
// the lesson's fourteen points written out again below.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets, touchScreen } = require('./harness.js');

const SHOTS = path.join(SITE, '..', 'shots');
const num = (s) => Number(String(s).replace('−', '-'));
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
test.after(async () => { await browser.close(); await server.close(); });

// The lesson's points (x, class), and the model p = sigmoid(w x + b) with b = -w x0.
const POINTS = [[-2.65, 0], [-2.15, 0], [-1.55, 0], [-1.05, 0], [-0.85, 1], [-0.45, 0], [0.05, 1],
  [0.35, 0], [0.65, 1], [1.05, 1], [1.25, 0], [1.65, 1], [2.15, 1], [2.75, 1]];
const softplus = (z) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
function model(x0, w) {
  const b = -w * x0;
  let loss = 0, db = 0, right = 0;
  for (const [x, y] of POINTS) {
    const z = w * x + b;
    loss += y ? softplus(-z) : softplus(z);
    db += 1 / (1 + Math.exp(-z)) - y;
    right += (z >= 0) === (y === 1) ? 1 : 0;
  }
  const n = POINTS.length;
  return { loss: loss / n, db: db / n, slope: -w * db / n, right, accuracy: right / n };
}
// A readout shows a number rounded to `digits` decimals (trailing zeros dropped).
const close = (shown, value, digits, what) =>
  assert.ok(Math.abs(shown - value) <= 0.5 * 10 ** -digits + 1e-12, `${what}: shown ${shown}, computed ${value}`);

async function open(query, viewport = { width: 1100, height: 900 }, dark = false) {
  const page = await browser.newPage({ viewport });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=loss-accuracy' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'Take a gradient step' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  return { page, problems };
}
async function readAll(page) {
  const read = async (name) => page.getByLabel(name, { exact: true }).textContent();
  return {
    accuracy: num(await read('Accuracy')), right: await read('Points right'), loss: num(await read('Loss')),
    slope: num(await read('Loss slope')), accSlope: await read('Accuracy slope'),
    boundary: num(await page.locator('output[for]').first().textContent()),
    state: await page.evaluate(() => window.Downhill.widgets[0].state()),
  };
}
function agrees(r, what) {
  const m = model(r.state.boundary, r.state.steepness);
  close(r.accuracy, m.accuracy, 4, what + ' accuracy');
  assert.equal(r.right, `${m.right} of 14`, what);
  close(r.loss, m.loss, 4, what + ' loss');
  close(r.slope, m.slope, 4, what + ' loss slope');
  close(r.boundary, r.state.boundary, 2, what + ' boundary');
  return m;
}

test('the numbers on the page are the model’s; a point crossed changes the accuracy by exactly 1/14, a move between points only the loss', async () => {
  const { page, problems } = await open('');
  assert.deepEqual(await page.evaluate(() => {
    const p = window.Downhill.widgets[0].points();
    return Array.from(p.x, (x, i) => [x, p.label[i]]);
  }), POINTS);
  let r = await readAll(page);
  assert.equal(r.state.boundary, -2);
  assert.equal(r.state.steepness, 2);
  let m = agrees(r, 'the start');
  assert.equal(r.right, '9 of 14');
  assert.equal(r.loss, 1.3251);
  assert.equal(r.accSlope, '0');

  // Keyboard alone: the boundary slider, one step right (-1.9): still between -2.15 and -1.55.
  const boundary = page.getByRole('slider', { name: 'Decision boundary' });
  await boundary.focus();
  await page.keyboard.press('ArrowRight');
  let next = await readAll(page);
  assert.equal(next.state.boundary, -1.9);
  let n = agrees(next, 'at -1.9');
  assert.equal(next.accuracy, r.accuracy, 'no point crossed: the accuracy stays');
  assert.ok(n.loss < m.loss - 0.05, `the loss falls: ${m.loss} -> ${n.loss}`);
  assert.equal(next.accSlope, '0');
  // Four more steps (to -1.5) cross the point at -1.55: one more right, exactly 1/14.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  r = next; m = n;
  next = await readAll(page);
  assert.equal(next.state.boundary, -1.5);
  n = agrees(next, 'at -1.5');
  assert.equal(next.state.correct - r.state.correct, 1);
  assert.ok(Math.abs(next.state.accuracy - r.state.accuracy - 1 / 14) < 1e-12);
  close(next.accuracy - r.accuracy, 1 / 14, 3, 'the shown jump');

  // The gradient step, by keyboard: b <- b - eta dL/db with eta = 1, w = 2.
  await page.getByRole('button', { name: 'Take a gradient step' }).focus();
  await page.keyboard.press('Enter');
  const after = await readAll(page);
  const b = -2 * -1.5 - 1 * model(-1.5, 2).db;
  assert.ok(Math.abs(after.state.boundary - -b / 2) < 1e-12, `boundary after the step: ${after.state.boundary} vs ${-b / 2}`);
  agrees(after, 'after a gradient step');
  assert.ok(after.state.loss < next.state.loss);
  assert.match(await page.locator('.dh-status').textContent(), /of 14 points are on their own side.*flat here \(slope 0\)/);

  // Pointer: a click in the middle of the canvas puts the boundary under it (on the 0.1 grid).
  const box = await page.locator('canvas').boundingBox();
  const at = await page.evaluate((wd) => Math.round(window.Downhill.widgets[0].model.boundaryAt(wd / 2, wd) * 10) / 10, box.width);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const clicked = await readAll(page);
  assert.equal(clicked.state.boundary, at);
  agrees(clicked, 'after a click');
  assert.deepEqual(problems, []);
  await page.close();
});

test('bad settings fall back with a message; the steepness changes the loss, not the accuracy', async () => {
  const { page } = await open('boundary=9&steepness=NaN');
  assert.match(await page.getByRole('alert').textContent(), /“boundary”.*“steepness”/);
  const r = await readAll(page);
  assert.equal(r.state.boundary, -2);
  assert.equal(r.state.steepness, 2);
  await page.evaluate(() => window.Downhill.widgets[0].setBoundary(0.5));
  const s1 = await readAll(page);
  await page.getByRole('slider', { name: 'Steepness w' }).focus();
  await page.keyboard.press('End'); // w = 5
  const s5 = await readAll(page);
  assert.equal(s5.state.steepness, 5);
  assert.equal(s5.right, '11 of 14');
  assert.equal(s1.right, '11 of 14');
  agrees(s5, 'w = 5');
  assert.ok(s5.loss > s1.loss + 0.3, `${s1.loss} -> ${s5.loss}`);
  await page.close();
});

test('Copy link reproduces the state after two gradient steps (a boundary off the slider’s grid)', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=loss-accuracy&steepness=1.5&lr=2');
  await page.getByRole('button', { name: 'Take a gradient step' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  await page.getByRole('button', { name: 'Take a gradient step' }).click();
  await page.getByRole('button', { name: 'Take a gradient step' }).click();
  const before = await readAll(page);
  assert.equal(before.state.steps, 2);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=loss-accuracy/);
  assert.match(link, /steepness=1\.5(&|$)/);
  assert.match(link, /lr=2(&|$)/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  const after = await readAll(again);
  for (const k of ['boundary', 'steepness', 'learningRate', 'loss', 'accuracy', 'correct'])
    assert.ok(Math.abs(after.state[k] - before.state[k]) < 1e-9, `${k}: ${before.state[k]} vs ${after.state[k]}`);
  assert.deepEqual([after.loss, after.right], [before.loss, before.right]);
  await context.close();
});

test('touch at 360 px: a swipe up scrolls the page and leaves the boundary; a sideways drag carries it', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 500 }, hasTouch: true });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=loss-accuracy');
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  const boundary = () => page.evaluate(() => window.Downhill.widgets[0].state().boundary);
  const touch = await touchScreen(page);
  const box = await page.locator('canvas').boundingBox();
  const x = box.x + box.width * 0.5, y = box.y + box.height * 0.6;
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[x, y - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.scrollY > 40);
  assert.equal(await boundary(), -2, 'the swipe left the boundary where it was');
  await page.evaluate(() => window.scrollTo(0, 0));
  const b = await page.locator('canvas').boundingBox();
  const yy = b.y + b.height * 0.5;
  await touch('touchStart', [[b.x + b.width * 0.3, yy]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[b.x + b.width * (0.3 + 0.05 * i), yy]]);
  await touch('touchEnd', []);
  const end = await page.evaluate((px) => {
    const r = document.querySelector('canvas').getBoundingClientRect();
    return Math.round(window.Downhill.widgets[0].model.boundaryAt(px - r.left, r.width) * 10) / 10;
  }, b.x + b.width * 0.7);
  assert.equal(await boundary(), end);
  const m = model(end, 2);
  close(num(await page.getByLabel('Loss', { exact: true }).textContent()), m.loss, 4, 'loss after the drag');
  assert.deepEqual(problems, []);
  await page.close();
});

test('desktop and 360 px, light and dark: the canvas is drawn and the page does not scroll sideways', async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await open('', { width, height: 1000 });
    for (const dark of [false, true]) {
      // The theme follows the system's: switched on the same page, the canvas redraws.
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      const frames = await page.evaluate(() => window.Downhill.widgets[0].module.frameCount());
      await page.waitForFunction((n) => window.Downhill.widgets[0].module.frameCount() > n + 3, frames);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= width, `page is ${overflow} px wide at ${width}`);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.01 && ink.colours >= 6, JSON.stringify(ink));
      if (!dark) assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
      await page.screenshot({ path: path.join(SHOTS, `loss-accuracy-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('the lesson page (02) has no accessibility violations found by axe, at 360 px dark and 1280 px light', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  // Without motion the page's colours change at once when the theme does (no transitions).
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto(server.url + '/loss-functions.html');
  await startWidgets(page);
  const widget = page.locator('.dh-widget[data-widget="loss-accuracy"]');
  await widget.getByRole('button', { name: 'Take a gradient step' }).click();
  assert.deepEqual(await axeViolations(page), [], '360 px, dark');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  assert.deepEqual(await axeViolations(page), [], '1280 px, light');
  await page.close();
});
