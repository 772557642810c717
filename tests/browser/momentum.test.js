// momentum.test.js: "why momentum works" used through its controls, in headless Chromium.
// Its numbers are checked against the formulas and a heavy-ball run written out here, not
// read from the engine.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets } = require('./harness.js');

const num = (s) => Number(String(s).replace('−', '-'));
// Steps of z <- beta z + grad f(w), w <- w - eta z from (1, 1) until the loss is a millionth
// of its start, on f = (w1^2 + w2^2 / kappa) / 2; -1 when not within 5000 steps or diverging.
function stepsToMillionth(kappa, eta, beta) {
  const lam = [1, 1 / kappa], w = [1, 1], z = [0, 0];
  const f = () => 0.5 * (w[0] * w[0] + w[1] * w[1] / kappa);
  const f0 = f();
  for (let t = 1; t <= 5000; t++) {
    for (let i = 0; i < 2; i++) { z[i] = beta * z[i] + lam[i] * w[i]; w[i] -= eta * z[i]; }
    const v = f();
    if (!(v <= 1e12 * f0)) return -1;
    if (v <= 1e-6 * f0) return t;
  }
  return -1;
}
const bestGd = (k) => ({ eta: 2 / (1 + 1 / k), beta: 0, rate: (k - 1) / (k + 1) });
const bestMomentum = (k) => {
  const s = Math.sqrt(k), q = (s - 1) / (s + 1);
  return { eta: (2 / (1 + 1 / s)) ** 2, beta: q * q, rate: q };
};

let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(context, query = '', viewport = { width: 1100, height: 1000 }) {
  const page = context ? await context.newPage() : await browser.newPage({ viewport });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=momentum' + query);
  await page.getByRole('button', { name: 'Best momentum' }).and(page.locator(':enabled')).waitFor();
  return { page, problems };
}
const read = async (page, name) => (await page.getByLabel(name, { exact: true }).textContent());
const readouts = async (page) => ({
  rate: num(await read(page, 'Rate per step')), steps: num(await read(page, 'Steps to a millionth')),
  gd: num(await read(page, 'Best plain GD needs')), best: num(await read(page, 'Best momentum needs')),
});

test('the readouts agree with the formulas and with a run written out here; the presets set the best settings', async () => {
  const { page, problems } = await open(null);
  // Default: kappa 100, eta 1, beta 0.9: both directions spiral at sqrt(0.9).
  assert.deepEqual(await readouts(page), {
    rate: Number(Math.sqrt(0.9).toFixed(4)), steps: stepsToMillionth(100, 1, 0.9),
    gd: stepsToMillionth(100, bestGd(100).eta, 0), best: stepsToMillionth(100, bestMomentum(100).eta, bestMomentum(100).beta),
  });
  assert.equal(stepsToMillionth(100, 1, 0.9), 103);
  assert.equal(stepsToMillionth(100, bestGd(100).eta, 0), 346);
  // Best plain GD: rate (kappa - 1) / (kappa + 1), by keyboard (focus and Enter).
  await page.getByRole('button', { name: 'Best plain GD' }).focus();
  await page.keyboard.press('Enter');
  let r = await readouts(page);
  assert.equal(r.rate, Number((99 / 101).toFixed(4)));
  assert.equal(r.steps, 346);
  assert.equal(num(await page.locator('output[for]').nth(1).textContent()), 1.98);
  assert.equal(num(await page.locator('output[for]').nth(2).textContent()), 0);
  assert.match(await page.locator('.dh-status').textContent(), /falls to a millionth of its start in 346 steps/);
  // Best momentum: rate (sqrt k - 1) / (sqrt k + 1) = 9 / 11.
  await page.getByRole('button', { name: 'Best momentum' }).click();
  r = await readouts(page);
  const b = bestMomentum(100);
  assert.equal(r.rate, Number(b.rate.toFixed(4)));
  assert.equal(r.rate, 0.8182);
  assert.equal(r.steps, stepsToMillionth(100, b.eta, b.beta));
  assert.equal(num(await page.locator('output[for]').nth(2).textContent()), Number(b.beta.toFixed(3)));
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.02 && ink.black < 0.05, JSON.stringify(ink));
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard alone: the sliders set kappa, eta and beta; the rates follow the formulas', async () => {
  const { page } = await open(null);
  const kappa = page.getByRole('slider', { name: 'Condition number κ' });
  await kappa.focus();
  await page.keyboard.press('End'); // log10 kappa = 3
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().kappa), 1000);
  let r = await readouts(page);
  assert.equal(r.gd, stepsToMillionth(1000, bestGd(1000).eta, 0));
  assert.equal(r.gd, 3454);
  assert.equal(r.best, stepsToMillionth(1000, bestMomentum(1000).eta, bestMomentum(1000).beta));
  // Tab on to the learning rate and momentum: beta 0 is plain GD, rate max |1 - eta lambda|.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-describedby') !== null), true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Home');
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.beta, 0);
  r = await readouts(page);
  assert.equal(r.rate, Number(Math.max(Math.abs(1 - s.eta), Math.abs(1 - s.eta / 1000)).toFixed(4)));
  // Learning rate up to its top (4) with beta 0: past 2 (1 + beta), the run diverges.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  assert.equal(await read(page, 'Steps to a millionth'), 'diverges');
  assert.match(await page.locator('.dh-status').textContent(), /diverges: η is above 2\(1 \+ β\) = 2/);
  await page.close();
});

test('a click on the map sets eta and beta there; Copy link reproduces the state', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const { page } = await open(context, '&kappa=30');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 2);
  const box = await page.locator('canvas').boundingBox();
  // The map: the top-right panel; its cells leave 44 px left, 22 top, 12 right, 36 bottom.
  const cw = (box.width - 12) / 2, ch = (box.height - 12) / 2;
  const cells = { left: cw + 12 + 44, top: 22, right: box.width - 12, bottom: ch - 36 };
  const at = (eta, beta) => [box.x + cells.left + (eta / 4) * (cells.right - cells.left), box.y + cells.bottom - beta * (cells.bottom - cells.top)];
  await page.mouse.click(...at(2.5, 0.6));
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.ok(Math.abs(s.eta - 2.5) < 0.02 && Math.abs(s.beta - 0.6) < 0.01, `clicked (2.5, 0.6), got (${s.eta}, ${s.beta})`);
  assert.equal(num(await read(page, 'Steps to a millionth')), stepsToMillionth(30, s.eta, s.beta));
  // A click off the map changes nothing.
  await page.mouse.click(box.x + 20, box.y + 20);
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().eta), s.eta);
  const before = await readouts(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=momentum/);
  assert.match(link, /kappa=30(&|$)/);
  assert.match(link, new RegExp(`eta=${s.eta}(&|$)`));
  const again = await open(context, link.slice(link.indexOf('&')));
  assert.deepEqual(await readouts(again.page), before);
  assert.deepEqual(await again.page.evaluate(() => { const t = window.Downhill.widgets[0].state(); return [t.kappa, t.eta, t.beta]; }), [30, s.eta, s.beta]);
  // A setting out of range falls back to its default with a message.
  const bad = await open(context, '&kappa=5000&beta=0.5');
  assert.match(await bad.page.getByRole('alert').textContent(), /“kappa” must lie between 1 and 1000/);
  assert.deepEqual(await bad.page.evaluate(() => { const t = window.Downhill.widgets[0].state(); return [t.kappa, t.beta]; }), [100, 0.5]);
  await context.close();
});

test('phone and desktop, light and dark: the canvas is drawn and the page does not scroll sideways', async () => {
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url + '/embed.html?widget=momentum');
      await page.waitForFunction(() => window.Downhill && window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 3);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.02 && ink.colours >= 5, `${width} ${scheme}: ` + JSON.stringify(ink));
      if (scheme === 'light') assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `page is ${scroll} px wide at ${width}`);
      await page.screenshot({ path: path.join(SITE, '..', 'shots', `momentum-${scheme}-${width}.png`), fullPage: true });
      await page.close();
    }
  }
});

test('the lesson page: the widget in its section, no accessibility violations found by axe', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = watch(page);
  await page.goto(server.url + '/local-minima-optimizers.html');
  await startWidgets(page);
  const heading = page.getByRole('heading', { name: 'Why momentum works' });
  assert.equal(await heading.count(), 1);
  assert.equal(await page.locator('.dh-widget[data-widget="momentum"] canvas').count(), 1);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
