// roll.test.js: the Roll Downhill widget used as a learner would, in headless Chromium:
// through its controls only, with the readouts checked against values computed here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk } = require('./harness.js');

const fp = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);
const f = (x) => 0.12 * x * x + Math.sin(2.4 * x) + 0.3 * Math.cos(5 * x);
const num = (s) => Number(String(s).replace('−', '-'));

let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(url, viewport = { width: 1100, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  return { page, problems };
}
const readouts = async (page) => ({
  step: num(await page.getByLabel('Step', { exact: true }).textContent()),
  x: num(await page.getByLabel('Position x').textContent()),
  loss: num(await page.getByLabel('Loss f(x)').textContent()),
  grad: num(await page.getByLabel('Gradient f′(x)').textContent()),
});

test('learning rate and start set through the controls; Step readouts match the update rule', async () => {
  const { page, problems } = await open(server.url + '/embed.html?widget=roll-downhill');
  // Learning rate 0.12 by keyboard: Home = 0.01, then 11 steps of 0.01.
  const lr = page.getByRole('slider', { name: 'Learning rate' });
  await lr.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await lr.inputValue(), '0.12');
  await page.getByLabel('Start position').fill('-2.2');
  await page.getByLabel('Start position').press('Enter');
  let x = -2.2;
  for (let i = 1; i <= 6; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    x -= 0.12 * fp(x);
  }
  const r = await readouts(page);
  assert.equal(r.step, 6);
  assert.ok(Math.abs(r.x - x) < 6e-5, `x ${r.x} vs ${x}`);
  assert.ok(Math.abs(r.loss - f(x)) < 6e-5, `loss ${r.loss} vs ${f(x)}`);
  assert.ok(Math.abs(r.grad - fp(x)) < 6e-5, `gradient ${r.grad} vs ${fp(x)}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('the canvas shows the curve: not blank, not black', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&start=-2');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.width > 300 && ink.height > 150, JSON.stringify(ink));
  assert.ok(ink.ink > 0.01 && ink.ink < 0.5, 'curve pixels: ' + JSON.stringify(ink));
  assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
  assert.ok(ink.colours >= 4, 'too few colours: ' + JSON.stringify(ink));
  await page.screenshot({ path: path.join(SITE, '..', 'shots', 'roll-desktop.png') });
  await page.close();
});

test('Play advances on its own, Pause stops it, Reset goes back to the start', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=0.05&start=0.5');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().step >= 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  const a = (await readouts(page)).step;
  assert.ok(a >= 3);
  await page.waitForTimeout(600);
  assert.equal((await readouts(page)).step, a);
  await page.getByRole('button', { name: 'Reset' }).click();
  const r = await readouts(page);
  assert.equal(r.step, 0);
  assert.equal(r.x, 0.5);
  await page.close();
});

test('clicking the curve sets the start position', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill');
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2); // middle of [-5, 5]
  const v = num(await page.getByLabel('Start position').inputValue());
  assert.ok(Math.abs(v) < 0.3, 'start after clicking the middle: ' + v);
  assert.equal((await readouts(page)).x, v);
  await page.close();
});

test('bad input is clamped or refused with a visible message, and the simulator keeps working', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill');
  const start = page.getByLabel('Start position');
  const alert = page.getByRole('alert');
  await start.fill('99'); await start.press('Enter');
  assert.match(await alert.textContent(), /drawn from -5 to 5/);
  assert.equal(await start.inputValue(), '5');
  await start.fill(''); await start.press('Enter');
  assert.match(await alert.textContent(), /as a number/);
  // Through the page's API: non-numeric start, out-of-range and NaN learning rates.
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setStart('abc')), false);
  assert.match(await alert.textContent(), /as a number/);
  await page.evaluate(() => window.Downhill.widgets[0].setLearningRate(7));
  assert.match(await alert.textContent(), /outside 0.01–1.2; using 1.20/);
  assert.equal(await page.getByRole('slider', { name: 'Learning rate' }).inputValue(), '1.2');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setLearningRate(NaN)), false);
  assert.match(await alert.textContent(), /must be a number/);
  await page.evaluate(() => window.Downhill.widgets[0].setLearningRate(-3));
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().learningRate), 0.01);
  await page.getByRole('button', { name: 'Step' }).click();
  assert.equal((await readouts(page)).step, 1);
  await page.close();
});

test('a run that leaves the curve says so in words; no NaN or Infinity is shown', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=1.2&start=-2.8');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
  const text = await page.locator('.dh-roll').innerText();
  assert.match(text, /At step 1 the ball jumped past the edge of the drawn curve/);
  assert.equal((await readouts(page)).step, 1);
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.close();
});

test('malformed URL settings fall back to defaults with a message; nothing runs as script', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=%3Cimg%20src=x%20onerror=alert(1)%3E&start=1e308&bogus=1');
  const msg = await page.getByRole('alert').textContent();
  assert.match(msg, /“lr” must be a number/);
  assert.match(msg, /“start” must lie between -5 and 5/);
  assert.equal(await page.locator('img').count(), 0);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.learningRate, 0.18);
  assert.equal(s.x, 3);
  await page.close();
});

test('keyboard alone reaches and uses every control', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill');
  const names = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  assert.deepEqual(names, ['Learning rate', 'Start position', 'Step', 'Play', 'Reset']);
  await page.keyboard.press('Shift+Tab'); await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');   // Step
  await page.keyboard.press('Space');   // Step again
  assert.equal((await readouts(page)).step, 2);
  await page.close();
});

test('phone width (360 px): nothing overflows and the canvas still draws', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill', { width: 360, height: 740 });
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, 'page is ' + overflow + ' px wide');
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.01 && ink.black < 0.05, JSON.stringify(ink));
  await page.screenshot({ path: path.join(SITE, '..', 'shots', 'roll-phone.png'), fullPage: true });
  await page.close();
});

test('works opened from disk (file://)', async () => {
  const { page, problems } = await open('file://' + path.join(SITE, 'embed.html') + '?widget=roll-downhill&start=1');
  await page.getByRole('button', { name: 'Step' }).click();
  const r = await readouts(page);
  const x = 1 - 0.18 * fp(1);
  assert.equal(r.step, 1);
  assert.ok(Math.abs(r.x - x) < 6e-5);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the start x learning-rate map: its note agrees with a run, and clicking a cell replays that run', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&map=on&lr=0.15&start=-2.9');
  assert.equal(await page.getByLabel(/Show the map/).isChecked(), true);
  const note = await page.locator('.dh-map-note').textContent();
  assert.match(note, /settles in the valley at x ≈ −3.14/);
  // The map's verdict for this cell matches a direct run of the same settings.
  let x = -2.9;
  for (let i = 0; i < 3000; i++) x -= 0.15 * fp(x);
  assert.ok(Math.abs(x - -3.140659) < 1e-6);
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 3);
  // Click the map's lower-left area: a small learning rate near x = -4.
  const box = await page.locator('canvas').boundingBox();
  const mapTop = box.height * 0.58 + 10, mapBottom = box.height - 4;
  await page.mouse.click(box.x + box.width * 0.12, box.y + mapBottom - (mapBottom - mapTop) * 0.1);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(s.learningRate <= 0.05 && s.learningRate >= 0.01, 'lr ' + s.learningRate);
  assert.ok(s.start < -3 && s.start > -4.5, 'start ' + s.start);
  assert.equal(s.playing, true);
  assert.equal(await page.getByRole('slider', { name: 'Learning rate' }).inputValue(), String(s.learningRate));
  await page.close();
});

test('reduced motion: the ball plays at 1.5 steps a second instead of 4', async () => {
  const speeds = {};
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, reducedMotion });
    await page.goto(server.url + '/embed.html?widget=roll-downhill');
    await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
    speeds[reducedMotion] = await page.evaluate(() => window.Downhill.widgets[0].state().stepsPerSecond);
    await page.close();
  }
  assert.deepEqual(speeds, { 'no-preference': 4, reduce: 1.5 });
});

test('the status line reads the whole run: jumping between valleys at a chaotic rate, never one step\'s slope', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=1.1&start=-2');
  const words = (n) => page.evaluate((n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      window.Downhill.widgets[0].step();
      out.push(document.querySelector('.dh-roll .dh-status').textContent);
    }
    return out;
  }, n);
  const wild = await words(8);
  for (const t of wild.slice(1)) assert.match(t, /^Jumping between valleys: the last steps landed in [2-4] different valleys/);
  for (const t of wild) assert.doesNotMatch(t, /The slope is|Bouncing across/);
  // eta = 0.45 from x = 3: thrown into the next valley, then bouncing around its bottom.
  await page.evaluate(() => { const w = window.Downhill.widgets[0]; w.setLearningRate(0.45); w.setStart(3); });
  const run = await words(80);
  assert.match(run[6], /^Jumping between valleys/);
  const later = run.slice(30);
  assert.ok(later.filter((t) => /^Bouncing in the valley at x ≈ −0\.63 \(the global minimum\) without settling/.test(t)).length >= 45, later.join('\n'));
  for (const t of run) assert.doesNotMatch(t, /The slope is/);
  // A small rate settles, and says so while it does.
  await page.evaluate(() => { const w = window.Downhill.widgets[0]; w.setLearningRate(0.05); w.setStart(3); });
  assert.match((await words(10))[9], /^Settling into the valley at x ≈ 1\.88 \(a local minimum\)/);
  await page.close();
});

test('speed: a select reached by keyboard, kept in the link; as fast as possible runs a thousand steps in seconds', async () => {
  // Lesson 4's patient run: eta = 0.15 from x = -2.9 comes to rest after about a thousand steps.
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=0.15&start=-2.9');
  const speed = page.getByLabel('Speed', { exact: true });
  await page.getByRole('button', { name: 'Reset' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent), 'Speed');
  assert.equal(await speed.inputValue(), '4');
  await speed.selectOption('max');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().stepsPerSecond), Infinity);
  assert.match(await page.evaluate(() => window.Downhill.widgets[0].values().speed), /^max$/);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().status === 'settled', null, { timeout: 15000 });
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(s.step > 700, `settled after ${s.step} steps`);
  assert.ok(Date.now() - t0 < 15000);
  assert.match(await page.locator('.dh-roll .dh-status').first().textContent(), /^Settled in the valley at x ≈ −3\.14 \(a local minimum\)/);
  await page.close();
});
