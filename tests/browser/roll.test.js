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

// Where the gold global-minimum marker was drawn, and how many tick-label or tick-mark
// pixels (grey to near-black ink) lie in its box or the 3 rows under it.
async function markerAndTicks(page) {
  const png = await page.locator('canvas').screenshot();
  const blank = await browser.newPage();
  try {
    return await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const { data, width, height } = g.getImageData(0, 0, c.width, c.height);
      const px = (x, y) => [data[(y * width + x) * 4], data[(y * width + x) * 4 + 1], data[(y * width + x) * 4 + 2]];
      let x0 = width, x1 = -1, y0 = height, y1 = -1;
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        const [r, gg, b] = px(x, y);
        if (Math.abs(r - 161) + Math.abs(gg - 98) + Math.abs(b - 7) < 24) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      }
      let ink = 0;
      for (let y = Math.max(0, y0); y <= Math.min(height - 1, y1 + 3); y++) for (let x = Math.max(0, x0 - 2); x <= Math.min(width - 1, x1 + 2); x++) {
        const [r, gg, b] = px(x, y);
        if (r + gg + b < 330 && Math.max(r, gg, b) - Math.min(r, gg, b) < 40) ink++;
      }
      return { marker: [x0, y0, x1, y1], ink, height };
    }, png.toString('base64'));
  } finally { await blank.close(); }
}

test('phone width (360 px): the global minimum\'s marker stays clear of the x tick labels, with and without the map', async () => {
  for (const query of ['', '&map=on']) {
    const { page } = await open(server.url + '/embed.html?widget=roll-downhill' + query, { width: 360, height: 740 });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const m = await markerAndTicks(page);
    assert.ok(m.marker[3] >= 0, 'the gold marker is drawn: ' + JSON.stringify(m));
    assert.equal(m.ink, 0, `tick ink in the marker's box${query}: ${JSON.stringify(m)}`);
    await page.close();
  }
});
