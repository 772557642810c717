// lr_compare.test.js: the learning-rate comparison used as a learner would, in headless
// Chromium: through its controls, with every number it shows checked against gradient
// descent computed here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations } = require('./harness.js');

// A number as the page prints it ("−0.1234", "1.82 × 10¹⁵", "infinite") back to a number.
const SUPER = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
function shown(text) {
  const t = String(text).trim().replace(/−/g, '-');
  if (t === 'infinite') return Infinity;
  const m = /^(-?[\d.]+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (m) return Number(m[1]) * 10 ** Number([...m[2]].map((c) => SUPER[c]).join(''));
  return Number(t);
}
const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);


let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 1000 }, scheme) {
  const page = await browser.newPage({ viewport });
  if (scheme) await page.emulateMedia({ colorScheme: scheme });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(server.url + '/embed.html?widget=lr-compare' + query);
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  return { page, problems };
}
// The readouts of one run's card: step, x, loss and its sentence.
async function card(page, which) {
  const box = page.getByRole('region', { name: new RegExp(`^${which} learning rate`) });
  const dd = box.locator('dd');
  return {
    step: Number(await dd.nth(0).textContent()),
    x: shown(await dd.nth(1).textContent()),
    loss: shown(await dd.nth(2).textContent()),
    note: await box.locator('p').textContent(),
  };
}
async function typeInto(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Enter');
}
// Readouts never show NaN or Infinity; the words may name NaN only as “not a number”.
async function noRawNumbers(page) {
  for (const t of await page.locator('.dh-roll dd').allTextContents()) assert.doesNotMatch(t, /NaN|Infinity/);
  const text = await page.locator('.dh-roll').innerText();
  assert.doesNotMatch(text, /Infinity/);
  assert.doesNotMatch(text.replace(/NaN, “not a number”/g, ''), /NaN/);
}
const step = async (page, n) => { for (let i = 0; i < n; i++) await page.getByRole('button', { name: 'Step' }).click(); };

test('rates and start typed into the controls; every readout follows x ← x − η·2x on the bowl', async () => {
  const { page, problems } = await open('');
  await typeInto(page, 'Small learning rate', '0.002');
  await typeInto(page, 'Medium learning rate', '0.3');
  await typeInto(page, 'Large learning rate', '0.97');
  await typeInto(page, 'Start position', '-2.2');
  await step(page, 7);
  const rates = { Small: 0.002, Medium: 0.3, Large: 0.97 };
  for (const [name, eta] of Object.entries(rates)) {
    let x = -2.2;
    for (let i = 0; i < 7; i++) x -= eta * 2 * x;
    const r = await card(page, name);
    assert.equal(r.step, 7, name);
    near(r.x, x, 6e-5, `${name} x`);
    near(r.loss, x * x, 6e-5, `${name} loss`);
  }
  assert.match((await card(page, 'Small')).note, /^Creeping/);
  assert.match((await card(page, 'Large')).note, /^Overshooting.*bounces shrink/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('the steep bowl: the large rate overshoots, then its loss becomes infinite at step 4, said in words', async () => {
  const { page } = await open('');
  await page.getByLabel('Curve', { exact: true }).selectOption('steep');
  // The curve's suggestions fill the controls.
  assert.equal(await page.getByLabel('Start position').inputValue(), '1');
  assert.equal(await page.getByLabel('Large learning rate', { exact: true }).inputValue(), '2.2');
  let x = 1;
  for (let n = 1; n <= 3; n++) {
    await step(page, 1);
    x -= 2.2 * Math.sinh(x);
    const r = await card(page, 'Large');
    near(r.x, x, 1e-3, `large x at step ${n}`);
    near(r.loss, Math.cosh(x) - 1, 1e-3, `large loss at step ${n}`);
  }
  assert.ok(x < -35 && x > -35.1, 'three steps by hand: ' + x);
  await step(page, 3);
  x -= 2.2 * Math.sinh(x);
  assert.equal(Math.cosh(x), Infinity); // the fourth step overflows here too
  const r = await card(page, 'Large');
  assert.equal(r.step, 4);
  assert.equal(r.loss, Infinity);
  assert.match(r.note, /The loss became infinite at step 4/);
  assert.match(r.note, /learning rate is too large; lower it, e\.g\. from 2\.2 to 0\.022, and restart/);
  // The others carry on.
  assert.equal((await card(page, 'Small')).step, 6);
  await noRawNumbers(page);
  assert.match(await page.locator('canvas').getAttribute('aria-label'), /Large \(η = 2\.2\): blew up at step 4/);
  await page.close();
});

test('a blow-up with a finite but huge loss: stopped by the divergence check when x passes a million', async () => {
  const { page } = await open('&large=5');
  // x_n = 2.5 (1 − 10)^n: |x| > 10^6 first at n = 6.
  let x = 2.5, n = 0;
  while (Math.abs(x) <= 1e6) { x -= 5 * 2 * x; n++; }
  assert.equal(n, 6);
  await step(page, 8);
  const r = await card(page, 'Large');
  assert.equal(r.step, 6);
  near(r.x, x, 1e-2, 'x at the blow-up');
  near(r.loss, x * x, 1e-2, 'loss at the blow-up');
  assert.match(r.note, /^Blew up at step 6: x passed a million/);
  assert.match(r.note, /lower it, e\.g\. from 5 to 0\.05, and restart/);
  await noRawNumbers(page);
  await page.close();
});

test('Play advances all three, Pause stops them, Reset goes back; the log scale is a checkbox', async () => {
  const { page } = await open('&curve=course');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().ticks >= 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  const a = (await card(page, 'Medium')).step;
  assert.ok(a >= 3);
  await page.waitForTimeout(500);
  assert.equal((await card(page, 'Medium')).step, a);
  await page.getByRole('button', { name: 'Reset' }).click();
  const r = await card(page, 'Medium');
  assert.equal(r.step, 0);
  assert.equal(r.x, -1.8);
  near(r.loss, 0.12 * 1.8 * 1.8 + Math.sin(2.4 * -1.8) + 0.3 * Math.cos(5 * -1.8), 1e-4, 'course loss at the start');
  await page.getByLabel(/Log scale/).check();
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().logScale), true);
  await page.close();
});

test('clicking a panel starts every ball there', async () => {
  const { page } = await open('');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 2);
  const box = await page.locator('canvas').boundingBox();
  // The middle panel's centre: x = 0 on the bowl's [-3, 3].
  await page.mouse.click(box.x + box.width / 2, box.y + 90);
  const v = shown(await page.getByLabel('Start position').inputValue());
  assert.ok(Math.abs(v) < 0.2, 'start after clicking the middle: ' + v);
  assert.equal((await card(page, 'Small')).x, v);
  await page.close();
});

test('bad input: typed values refused or clamped with a message; bad URL settings fall back', async () => {
  const { page } = await open('&small=abc&large=99&start=4&curve=moon&bogus=%3Cb%3Ex');
  const alert = page.getByRole('alert').first();
  const msg = await alert.textContent();
  assert.match(msg, /“small” must be a number/);
  assert.match(msg, /“large” must lie between 1e-7 and 10/);
  assert.match(msg, /“curve” must be one of: bowl, course, steep/);
  assert.match(msg, /Unknown setting “bogus”/);
  assert.match(msg, /drawn from -3 to 3, so the start moved to 3/);
  assert.equal(await page.locator('.dh-roll b').count(), 0);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.curve, 'bowl');
  assert.deepEqual(s.runs.map((r) => r.learningRate), [0.001, 0.1, 0.95]);
  assert.equal(s.start, 3);
  await typeInto(page, 'Medium learning rate', '');
  assert.match(await alert.textContent(), /medium learning rate must be a number.*stays at 0\.1/);
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].setLearningRate(1, 'fast')), false);
  assert.equal(await page.getByLabel('Medium learning rate', { exact: true }).inputValue(), '0.1');
  await typeInto(page, 'Large learning rate', '20');
  assert.match(await alert.textContent(), /go from 0\.0000001 to 10, so 20 became 10/);
  await typeInto(page, 'Start position', '1e400');
  assert.match(await alert.textContent(), /as a number between -3 and 3; it stays at 3/);
  await typeInto(page, 'Start position', '-7');
  assert.match(await alert.textContent(), /drawn from -3 to 3, so the start moved to -3/);
  await step(page, 1);
  assert.equal((await card(page, 'Small')).step, 1);
  await page.close();
});

test('a copied link reproduces the settings', async () => {
  const { page } = await open('&curve=course&medium=0.07&log=on');
  const query = await page.evaluate(() => window.DownhillSchema.serialize('lr-compare', window.Downhill.widgets[0].values()));
  assert.equal(query, 'curve=course&medium=0.07&log=on');
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
  assert.deepEqual(names, ['Curve', 'Small learning rate', 'Medium learning rate', 'Large learning rate', 'Start position',
    'Step', 'Play', 'Reset', 'Log scale for the loss (distance above the lowest point)']);
  await page.keyboard.press('Shift+Tab'); await page.keyboard.press('Shift+Tab'); await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.equal((await card(page, 'Large')).step, 2);
  // Choose a curve with the arrow keys.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().curve), 'course');
  await page.close();
});

test('the canvas draws panels and chart in light and dark themes, on desktop and at 360 px', async () => {
  for (const [scheme, viewport] of [['light', { width: 1100, height: 1000 }], ['dark', { width: 1100, height: 1000 }],
    ['light', { width: 360, height: 800 }], ['dark', { width: 360, height: 800 }]]) {
    const { page } = await open('&curve=steep', viewport, scheme);
    await step(page, 5);
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.width > 300 && ink.height > 250, JSON.stringify(ink));
    assert.ok(ink.ink > 0.01 && ink.ink < 0.6, `${scheme} ${viewport.width}: ` + JSON.stringify(ink));
    assert.ok(ink.colours >= 5, JSON.stringify(ink));
    if (scheme === 'light') assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `page is ${width} px wide at ${viewport.width}`);
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `lr-compare-${scheme}-${viewport.width}.png`), fullPage: true });
    await page.close();
  }
});

test('no accessibility violations found by axe, light and dark, before and after a blow-up', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page } = await open('&curve=steep', { width: 1100, height: 1000 }, scheme);
    assert.deepEqual(await axeViolations(page), []);
    await step(page, 5);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  }
});

test('a tap on a panel sets the start (touch)', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  await page.goto(server.url + '/embed.html?widget=lr-compare');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 2);
  const box = await page.locator('canvas').boundingBox();
  await page.locator('canvas').tap({ position: { x: box.width / 2, y: 60 } });
  const v = shown(await page.getByLabel('Start position').inputValue());
  assert.ok(Math.abs(v) < 0.3, 'start after tapping the middle panel: ' + v);
  await page.close();
});

test('works opened from disk (file://)', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto('file://' + path.join(SITE, 'embed.html') + '?widget=lr-compare&start=1');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await step(page, 1);
  near((await card(page, 'Medium')).x, 1 - 0.1 * 2, 1e-9, 'x after one step');
  assert.deepEqual(problems, []);
  await page.close();
});

test('reduced motion: Play runs at 2 steps a second instead of 6', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url + '/embed.html?widget=lr-compare');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).stepsPerSecond, 2);
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).playing, false);
  await page.close();
  const { page: normal } = await open('');
  assert.equal((await normal.evaluate(() => window.Downhill.widgets[0].state())).stepsPerSecond, 6);
  await normal.close();
});

test('a lesson page starts each widget as it comes near the viewport; its controls are laid out from the start', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + '/learning-rate.html');
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets.some(Boolean), null, { timeout: 60000 });
  const roots = page.locator('.dh-widget[data-widget]');
  assert.equal(await roots.count(), 5);
  // Near: within a screen below the viewport (the margin web/widgets.js watches).
  const far = await page.evaluate(() => [...document.querySelectorAll('.dh-widget[data-widget]')].map((e) => e.getBoundingClientRect().top > 2 * innerHeight + 50));
  assert.deepEqual(far, [false, true, true, true, true]);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.Downhill.widgets.map(Boolean)), [true, false, false, false, false], 'only the widget near the viewport started');
  assert.equal(await roots.nth(1).locator('.dh-roll button').count() > 0, true, 'a far widget shows its controls before it starts');
  for (const k of [1, 3]) {
    await roots.nth(k).scrollIntoViewIfNeeded();
    await page.waitForFunction((k) => window.Downhill.widgets[k] && window.Downhill.widgets[k].module.frameCount() > 0, k, { timeout: 60000 });
  }
  assert.equal(await page.evaluate(() => Boolean(window.Downhill.widgets[2])), true, 'scrolling past the third one started it too');
  await page.close();
});

// ---- Your own curve ----------------------------------------------------------------
// g(x) = x^4 - 3x^2 + x, typed by the learner; its slope written out here.
const g = (x) => x ** 4 - 3 * x * x + x;
const gp = (x) => 4 * x ** 3 - 6 * x + 1;
async function typeCurve(page, text, lo, hi) {
  await page.getByRole('textbox', { name: 'f(x) =' }).fill(text);
  await page.getByRole('spinbutton', { name: 'Drawn from x =' }).fill(String(lo));
  await page.getByRole('spinbutton', { name: 'Drawn to x =' }).fill(String(hi));
  await page.getByRole('button', { name: 'Use this curve' }).click();
}

test('a typed curve: the three runs step by its slope; a copied link reproduces it; a bad one in a link falls back', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=lr-compare');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await typeCurve(page, 'x^4 - 3*x^2 + x', -2, 2);
  // The bowl's start 2.5 is off [-2, 2]: the balls start 80% across, at 1.2; the rates stay.
  assert.match(await page.locator('.dh-formula-note').textContent(), /drawn from -2 to 2: 2 valleys\. The balls start at x = 1\.2\./);
  assert.equal(await page.getByLabel('Curve', { exact: true }).inputValue(), 'formula');
  await typeInto(page, 'Medium learning rate', '0.05');
  await page.getByRole('button', { name: 'Step' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  await page.getByRole('button', { name: 'Step' }).click();
  const state = await page.evaluate(() => window.Downhill.widgets[0].state());
  for (const [i, which, eta] of [[0, 'Small', 0.001], [1, 'Medium', 0.05], [2, 'Large', 0.95]]) {
    let x = 1.2;
    for (let k = 0; k < 3; k++) x -= eta * gp(x);
    near(state.runs[i].x, x, 1e-12, `${which} x (engine)`);
    near(state.runs[i].loss, g(x), 1e-12, `${which} loss (engine)`);
    // The card, to the digits it shows (three significant ones for a large loss).
    const r = await card(page, which);
    assert.equal(r.step, 3, which);
    near(r.x, x, 6e-5, `${which} x`);
    near(r.loss, g(x), Math.abs(g(x)) > 1e4 ? 5e-3 : 6e-5, `${which} loss`);
  }
  await noRawNumbers(page);
  // Copy link: the formula, its range and the rate travel; a new page shows the same runs.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /formula=x%5E4/);
  assert.match(link, /xMin=-2&xMax=2/);
  assert.match(link, /medium=0\.05/);
  assert.doesNotMatch(link, /start=/); // where a typed curve puts it
  const again = await context.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: 'Step' }).and(again.locator(':enabled')).waitFor();
  const s = await again.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([s.curve, s.formula, s.lo, s.hi, s.runs.map((r) => r.learningRate)],
    ['formula', 'x^4 - 3*x^2 + x', -2, 2, [0.001, 0.05, 0.95]]);
  near(s.start, 1.2, 1e-15, 'start');
  for (let k = 0; k < 3; k++) await again.getByRole('button', { name: 'Step' }).click();
  assert.deepEqual(await card(again, 'Medium'), await card(page, 'Medium'));
  assert.deepEqual(problems, []);
  await context.close();

  const bad = await open('&curve=steep&formula=' + encodeURIComponent('x^2 + cos(x') + '&xMin=-3&xMax=3');
  const b = await bad.page.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([b.curve, b.formula, b.lo, b.hi], ['steep', '', -4, 4]);
  assert.match(await bad.page.locator('.dh-formula-note').textContent(),
    /The curve in this link could not be used, so the steep bowl is shown: Missing '\)' at 12/);
  await bad.page.close();
});

test('a typed curve: a run whose next step lands where it is undefined stops, saying why', async () => {
  const { page, problems } = await open('');
  await typeCurve(page, 'sqrt(x + 3) + x^2', -2, 2);
  await typeInto(page, 'Start position', '2');
  await typeInto(page, 'Large learning rate', '2');
  // f'(2) = 1 / (2 sqrt 5) + 4: the step goes to 2 - 2 * 4.2236 = -6.447, where x + 3 < 0.
  await page.getByRole('button', { name: 'Step' }).click();
  const r = await card(page, 'Large');
  assert.equal(r.step, 0);
  assert.equal(r.x, 2);
  near(r.loss, Math.sqrt(5) + 4, 6e-5, 'loss at the last defined point');
  assert.match(r.note, /^Stopped at step 0: its next step would land where the curve is not defined \(sqrt of a negative number at x = -6\.447/);
  assert.equal((await card(page, 'Medium')).step, 1);
  await noRawNumbers(page);
  // Back to the named curve: the bowl with its suggestions.
  await page.getByRole('button', { name: 'Back to the named curve' }).click();
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([s.curve, s.formula, s.start], ['bowl', '', 2.5]);
  assert.deepEqual(problems, []);
  await page.close();
});
