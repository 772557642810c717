// roll.test.js: the Roll Downhill widget used as a learner would, in headless Chromium:
// through its controls only, with the readouts checked against values computed here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, decodePng } = require('./harness.js');

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
  assert.match(msg, /“start” must lie between -1000 and 1000/);
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

// ---- Your own curve ------------------------------------------------------------------
// g(x) = x^4 - 3x^2 + x, typed by the learner; its slope and curvature written out here.
const g = (x) => x ** 4 - 3 * x * x + x;
const gp = (x) => 4 * x ** 3 - 6 * x + 1;

test('a typed formula: Step readouts follow the formula, its valleys are found, a copied link reproduces it', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=roll-downhill');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await page.getByLabel('f(x) =').fill('x^4 - 3*x^2 + x');
  await page.getByRole('spinbutton', { name: 'Drawn from x =' }).fill('-2');
  await page.getByRole('spinbutton', { name: 'Drawn to x =' }).fill('2');
  await page.getByRole('button', { name: 'Use this curve' }).click();
  assert.match(await page.locator('.dh-formula-note').textContent(), /drawn from -2 to 2: 2 valleys/);
  // Both minima of g (4x^3 - 6x + 1 = 0): x ~ -1.3008 and x ~ 1.1309.
  const minima = await page.evaluate(() => window.Downhill.widgets[0].run.minima().map((m) => m.x));
  assert.equal(minima.length, 2);
  assert.ok(Math.abs(minima[0] - -1.30084) < 1e-4 && Math.abs(minima[1] - 1.13090) < 1e-4, String(minima));
  // The start moved into the new range (3 -> 2); now start at 0.5 with eta 0.05.
  await page.getByLabel('Start position').fill('0.5');
  await page.getByLabel('Start position').press('Enter');
  const lr = page.getByRole('slider', { name: 'Learning rate' });
  await lr.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await lr.inputValue(), '0.05');
  let x = 0.5;
  for (let i = 1; i <= 5; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    x -= 0.05 * gp(x);
  }
  const r = await readouts(page);
  assert.equal(r.step, 5);
  assert.ok(Math.abs(r.x - x) < 6e-5, `x ${r.x} vs ${x}`);
  assert.ok(Math.abs(r.loss - g(x)) < 6e-5, `loss ${r.loss} vs ${g(x)}`);
  assert.ok(Math.abs(r.grad - gp(x)) < 6e-5, `gradient ${r.grad} vs ${gp(x)}`);
  // The engine's exact derivatives agree with the ones written out here.
  const at = await page.evaluate(() => window.Downhill.widgets[0].module.formulaAt('x^4 - 3*x^2 + x', 0.7, null));
  assert.ok(Math.abs(at.value - g(0.7)) < 1e-15 && Math.abs(at.slope - gp(0.7)) < 1e-14, JSON.stringify(at));
  assert.ok(Math.abs(at.curvature - (12 * 0.49 - 6)) < 1e-14, JSON.stringify(at));
  // Copy link: the formula and its range travel in the link; a new page shows the same state.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /formula=x%5E4/);
  assert.match(link, /xMin=-2(&|$)/);
  assert.match(link, /xMax=2(&|$)/);
  const again = await context.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: 'Step' }).and(again.locator(':enabled')).waitFor();
  const s = await again.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual({ formula: s.formula, xMin: s.xMin, xMax: s.xMax, start: s.start, lr: s.learningRate },
    { formula: 'x^4 - 3*x^2 + x', xMin: -2, xMax: 2, start: 0.5, lr: 0.05 });
  assert.equal(await again.getByLabel('f(x) =').inputValue(), 'x^4 - 3*x^2 + x');
  for (let i = 0; i < 5; i++) await again.getByRole('button', { name: 'Step' }).click();
  assert.deepEqual(await readouts(again), r);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad formula is refused with its position; in a link it falls back to the lesson curve; nothing runs as script', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill');
  const note = page.locator('.dh-formula-note');
  await page.getByLabel('f(x) =').fill('x + sinn(x)');
  await page.getByLabel('f(x) =').press('Enter');
  assert.match(await note.textContent(), /Unknown name 'sinn' at 5/);
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().formula), '');
  await page.getByLabel('f(x) =').fill('<img src=x onerror=alert(1)>');
  await page.getByRole('button', { name: 'Use this curve' }).click();
  assert.match(await note.textContent(), /Unexpected character '<' at 1/);
  await page.getByLabel('f(x) =').fill('log(x)');
  await page.getByRole('button', { name: 'Use this curve' }).click();
  assert.match(await note.textContent(), /not defined everywhere on the range: log of a negative number or zero at x = -5/);
  assert.equal(await page.locator('img').count(), 0);
  // The simulator keeps working on the lesson's curve.
  await page.getByRole('button', { name: 'Step' }).click();
  assert.equal((await readouts(page)).step, 1);
  await page.close();

  const bad = await open(server.url + '/embed.html?widget=roll-downhill&formula=' +
    encodeURIComponent('sin(2*x + 1') + '&xMin=-3&xMax=3&start=1');
  const s = await bad.page.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual({ formula: s.formula, xMin: s.xMin, xMax: s.xMax, start: s.start }, { formula: '', xMin: -5, xMax: 5, start: 1 });
  assert.match(await bad.page.locator('.dh-formula-note').textContent(),
    /The curve in this link could not be used, so the lesson’s curve is shown: Missing '\)' at 12/);
  const script = await open(server.url + '/embed.html?widget=roll-downhill&formula=' + encodeURIComponent('</script><script>window.__ran=1</script>'));
  assert.match(await script.page.locator('.dh-formula-note').textContent(), /Unexpected character '<' at 1/);
  assert.equal(await script.page.evaluate(() => window.__ran), undefined);
  assert.deepEqual(await script.page.evaluate(() => window.__csp), []);
  await bad.page.close();
  await script.page.close();
});

test('a run that reaches a point where the typed curve is undefined stops with the reason in words', async () => {
  // sqrt(x^2 - 0.000001) is |x| except on (-0.001, 0.001), where it is undefined; no point
  // of the range's check falls there. From 1 with eta 0.5 the second step lands at -1.25e-6.
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&formula=' +
    encodeURIComponent('sqrt(x^2 - 0.000001)') + '&xMin=-2&xMax=2.003&start=1&lr=0.5');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.status, 'left-domain');
  assert.equal(s.stoppedAt, 2);
  assert.equal(s.step, 2);
  const text = await page.locator('.dh-roll').innerText();
  assert.match(text, /At step 2 the ball reached a point where the curve is not defined: sqrt of a negative number at x = -1\.25e-06/);
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.close();
});

test('the status line reads the whole run: jumping between valleys at a chaotic rate, never one step\'s slope', async () => {
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&lr=1.1&start=-2');
  const words = (n) => page.evaluate((n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      window.Downhill.widgets[0].step();
      out.push(document.querySelector('.dh-roll > .dh-status').textContent);
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
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().status === 'settled', null, { timeout: 15000 });
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(s.step > 700, `settled after ${s.step} steps`);
  assert.match(await page.locator('.dh-roll > .dh-status').first().textContent(), /^Settled in the valley at x ≈ −3\.14 \(a local minimum\)/);
  await page.close();
});

// Where the global minimum's marker (a triangle in its valley's green, light theme) was
// drawn above the map, and how many tick-label or tick-mark pixels (grey to near-black
// ink) lie in the rows just under it.
async function markerAndTicks(page, withMap) {
  const { data, width, height } = decodePng(await page.locator('canvas').screenshot());
  const px = (x, y) => [data[(y * width + x) * 4], data[(y * width + x) * 4 + 1], data[(y * width + x) * 4 + 2]];
  const green = (x, y) => { const [r, gg, b] = px(x, y); return Math.abs(r - 22) + Math.abs(gg - 163) + Math.abs(b - 74) < 24; };
  // The curve's plot: the whole canvas, or above the map (which starts at 58 % of the height).
  const plotBottom = withMap ? Math.floor(height * 0.58) : height;
  let lowest = [-1, -1];
  for (let y = 0; y < plotBottom; y++) for (let x = 0; x < width; x++) if (green(x, y)) lowest = [x, y];
  let x0 = width, x1 = -1, y0 = height, y1 = -1;
  for (let y = Math.max(0, lowest[1] - 14); y <= lowest[1]; y++) {
    for (let x = Math.max(0, lowest[0] - 10); x <= Math.min(width - 1, lowest[0] + 10); x++) {
      if (green(x, y)) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  // Under the fill: its outline (about two rows), then three rows that must be clear.
  let ink = 0;
  for (let y = y1 + 3; y <= Math.min(height - 1, y1 + 5); y++) for (let x = Math.max(0, x0 - 2); x <= Math.min(width - 1, x1 + 2); x++) {
    const [r, gg, b] = px(x, y);
    if (r + gg + b < 330 && Math.max(r, gg, b) - Math.min(r, gg, b) < 40) ink++;
  }
  return { marker: [x0, y0, x1, y1], ink, height };
}

test('phone width (360 px): the global minimum\'s marker stays clear of the x tick labels, with and without the map', async () => {
  for (const query of ['', '&map=on']) {
    const { page } = await open(server.url + '/embed.html?widget=roll-downhill' + query, { width: 360, height: 740 });
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const m = await markerAndTicks(page, query !== '');
    assert.ok(m.marker[3] >= 0, 'the gold marker is drawn: ' + JSON.stringify(m));
    assert.equal(m.ink, 0, `tick ink in the marker's box${query}: ${JSON.stringify(m)}`);
    await page.close();
  }
});

test('the map and the curve colour each valley alike, as its legend swatch does; each valley its own colour', async () => {
  // Start far right (x = 4.5) so the start line and trail stay away from the valleys read here.
  const { page } = await open(server.url + '/embed.html?widget=roll-downhill&map=on&start=4.5', { width: 1100, height: 900 });
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
  const box = await page.locator('canvas').boundingBox();
  const png = await page.locator('canvas').screenshot();
  const geometry = await page.evaluate(({ w, h }) => {
    const run = window.Downhill.widgets[0].run;
    const minima = run.minima().map((m) => m.x);
    // The pixel column of each minimum (the view's own x mapping, read back), and a map row
    // whose cell at that column settles in that minimum.
    return minima.map((mx, k) => {
      let col = 0;
      for (let u = 0; u < w; u++) if (Math.abs(run.xFromCanvas(u / w, w, h) - mx) < Math.abs(run.xFromCanvas(col / w, w, h) - mx)) col = u;
      let row = -1;
      for (let y = h - 1; y > h * 0.58 && row < 0; y--) {
        const c = run.mapCellAt(col, y, w, h);
        if (c && c.outcome === k && Math.abs(c.start - mx) < 0.1) row = y - 2;
      }
      const swatch = getComputedStyle(document.querySelector(`.dh-swatch-${k}`)).backgroundColor.match(/\d+/g).map(Number);
      return { x: mx, col, row, swatch };
    });
  }, { w: box.width, h: box.height });
  const { data, width, height } = decodePng(png);
  const px = (x, y) => [data[(y * width + x) * 4], data[(y * width + x) * 4 + 1], data[(y * width + x) * 4 + 2]];
  const saturated = ([r, gg, b]) => Math.max(r, gg, b) - Math.min(r, gg, b) > 60;
  const colours = geometry.map(({ col, row }) => {
    // The curve: the first strongly coloured pixel from the top of the column (above the map).
    let curve = null;
    for (let y = 0; y < Math.floor(height * 0.58) && !curve; y++) if (saturated(px(col, y)) && saturated(px(col, y + 1))) curve = px(col, y + 1);
    return { curve, cell: row >= 0 ? px(col, row) : null };
  });
  const near = (a, b, tol) => a && b && Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;
  assert.equal(geometry.length, 4);
  geometry.forEach((g, k) => {
    const { curve, cell } = colours[k];
    assert.ok(g.row >= 0, `a map cell at x = ${g.x} settles in valley ${k}`);
    assert.ok(near(cell, g.swatch, 12), `valley ${k} at x = ${g.x.toFixed(2)}: map cell ${cell}, legend ${g.swatch}`);
    assert.ok(near(curve, g.swatch, 60), `valley ${k} at x = ${g.x.toFixed(2)}: curve ${curve}, legend ${g.swatch}`);
    for (let j = 0; j < k; j++) assert.ok(!near(geometry[j].swatch, g.swatch, 60), `valleys ${j} and ${k} share a colour`);
  });
  await page.close();
});

test('canvas text is drawn at the device\'s pixel ratio (1, 2, 3): ink grows with the ratio squared and stays as solid', async () => {
  const measure = async (ratio) => {
    const context = await browser.newContext({ viewport: { width: 720, height: 800 }, deviceScaleFactor: ratio });
    const page = await context.newPage();
    await page.goto(server.url + '/embed.html?widget=roll-downhill&start=4.5');
    await page.waitForFunction(() => window.Downhill && window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 5);
    const backing = await page.evaluate(() => { const c = document.querySelector('canvas'); return c.width / c.getBoundingClientRect().width; });
    const png = await page.locator('canvas').screenshot();
    // Grey ink (the text and tick colours on white): any coverage, and nearly full coverage.
    const { data } = decodePng(png);
    const ink = { any: 0, solid: 0 };
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i], gg = data[i + 1], b = data[i + 2];
      if (Math.max(r, gg, b) - Math.min(r, gg, b) > 30) continue;
      const lum = (r + gg + b) / 3;
      if (lum < 200) ink.any++;
      if (lum < 100) ink.solid++;
    }
    await context.close();
    return { ratio, backing, ...ink, share: ink.solid / ink.any };
  };
  const rows = [await measure(1), await measure(2), await measure(3)];
  for (const r of rows) {
    assert.ok(Math.abs(r.backing - r.ratio) < 0.02, `ratio ${r.ratio}: the canvas has ${r.backing} device pixels per CSS pixel`);
    const grow = r.any / rows[0].any;
    assert.ok(grow > 0.7 * r.ratio ** 2 && grow < 1.4 * r.ratio ** 2, `ratio ${r.ratio}: ink grew ${grow.toFixed(2)}x ${JSON.stringify(rows)}`);
    assert.ok(r.share >= 0.9 * rows[0].share, `ratio ${r.ratio}: solid share ${r.share.toFixed(3)} vs ${rows[0].share.toFixed(3)} at 1 (blurred text loses its solid core)`);
  }
});
