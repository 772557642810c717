// optimizer_race.test.js: the optimizer race used as a learner would, in headless Chromium:
// through its check boxes, selects, inputs, buttons and the map, with the readouts checked
// against gradient descent, momentum and Adam computed here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations } = require('./harness.js');

const SUPER = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
function shown(text) {
  const t = String(text).trim().replace(/−/g, '-');
  const m = /^(-?[\d.]+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (m) return Number(m[1]) * 10 ** Number([...m[2]].map((c) => SUPER[c]).join(''));
  return Number(t);
}
const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

// The optimizers by hand, on a gradient function g(p) -> [gx, gy].
function run(kind, grad, p0, eta, steps, { mu = 0.9, b1 = 0.9, b2 = 0.999 } = {}) {
  const p = [...p0], v = [0, 0], m = [0, 0], s = [0, 0];
  let pow1 = 1, pow2 = 1;
  for (let n = 0; n < steps; n++) {
    const g = grad(p);
    pow1 *= b1; pow2 *= b2;
    for (let i = 0; i < 2; i++) {
      if (kind === 'gd') p[i] -= eta * g[i];
      else if (kind === 'momentum') { v[i] = mu * v[i] - eta * g[i]; p[i] += v[i]; }
      else if (kind === 'adam') {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
        p[i] -= eta * (m[i] / (1 - pow1)) / (Math.sqrt(s[i] / (1 - pow2)) + 1e-8);
      }
    }
  }
  return p;
}
const bowlGrad = (p) => [2 * p[0], 2 * p[1]];
const ravineGrad = (p) => [p[0], 25 * p[1]];
const rosenbrock = (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
const rosenbrockGrad = (p) => [-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)];


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
  await page.goto(server.url + '/embed.html?widget=optimizer-race' + query);
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  return { page, problems };
}
// One racer's card: step, loss, distance and its sentence.
async function card(page, name) {
  const box = page.getByRole('region', { name, exact: true });
  const dd = box.locator('dd');
  return {
    step: Number(await dd.nth(0).textContent()),
    loss: shown(await dd.nth(1).textContent()),
    distanceText: (await dd.nth(2).textContent()).trim(),
    distance: shown(await dd.nth(2).textContent()),
    note: await box.locator('p').textContent(),
  };
}
async function typeInto(page, label, value) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Enter');
}
// Each racer's tuned rate, searched here as the widget promises: the rate of 10^(-4 + k/10),
// k = 0..40, whose run from p0 comes to stay within 0.01 of `bottom` soonest (3,000 steps at most).
function tuned(kind, grad, p0, bottom) {
  let best = null;
  for (let k = 0; k <= 40; k++) {
    const eta = 10 ** (-4 + k / 10);
    const p = [...p0], v = [0, 0], m = [0, 0], s = [0, 0];
    let pow1 = 1, pow2 = 1, since = -1, ok = true;
    for (let n = 1; n <= 3000; n++) {
      const g = grad(p);
      pow1 *= 0.9; pow2 *= 0.999;
      for (let i = 0; i < 2; i++) {
        if (kind === 'gd') p[i] -= eta * g[i];
        else if (kind === 'momentum') { v[i] = 0.9 * v[i] - eta * g[i]; p[i] += v[i]; }
        else { m[i] = 0.9 * m[i] + 0.1 * g[i]; s[i] = 0.999 * s[i] + 0.001 * g[i] * g[i]; p[i] -= eta * (m[i] / (1 - pow1)) / (Math.sqrt(s[i] / (1 - pow2)) + 1e-8); }
      }
      if (!p.every((c) => Number.isFinite(c) && Math.abs(c) <= 1e6)) { ok = false; break; }
      const d = Math.hypot(p[0] - bottom[0], p[1] - bottom[1]);
      since = d <= 0.01 ? (since < 0 ? n : since) : -1;
    }
    if (ok && since >= 0 && (!best || since < best.steps)) best = { eta, steps: since };
  }
  return best;
}
const step = async (page, n) => { for (let i = 0; i < n; i++) await page.getByRole('button', { name: 'Step' }).click(); };
const widget = (page) => page.evaluate(() => window.Downhill.widgets[0].state());
async function playToTheEnd(page) {
  await page.getByLabel('Speed', { exact: true }).selectOption('fast');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => !window.Downhill.widgets[0].state().running, null, { timeout: 60000 });
}

test('surface, learning rate and start set through the controls; readouts match the optimizers by hand', async () => {
  const { page, problems } = await open('');
  await page.getByLabel('Surface', { exact: true }).selectOption('bowl');
  // Each racer at its rate tuned for the bowl, the same as searched here.
  const t = tuned('gd', bowlGrad, [-2.4, 1.8], [0, 0]);
  near(shown(await page.getByLabel('Gradient descent’s Learning rate η').inputValue()), t.eta, 1e-6, 'tuned rate');
  // One rate for all: the bowl's suggestion fills the input.
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  assert.equal(await page.getByLabel('Learning rate for every racer').inputValue(), '0.05');
  assert.equal(await page.getByLabel('Gradient descent’s Learning rate η').isVisible(), false);
  assert.equal(await page.getByLabel('Start x', { exact: true }).inputValue(), '-2.4');
  await typeInto(page, 'Learning rate for every racer', '0.1');
  await typeInto(page, 'Start x', '2');
  await typeInto(page, 'Start y', '-1');
  await step(page, 6);
  for (const [kind, name] of [['gd', 'Gradient descent'], ['momentum', 'Momentum'], ['adam', 'Adam']]) {
    const p = run(kind, bowlGrad, [2, -1], 0.1, 6);
    const r = await card(page, name);
    assert.equal(r.step, 6, name);
    near(r.loss, p[0] ** 2 + p[1] ** 2, 6e-5, `${name} loss`);
    near(r.distance, Math.hypot(p[0], p[1]), 6e-5, `${name} distance to (0, 0)`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('check boxes pick the racers, the legend follows, and at least one must race', async () => {
  const { page } = await open('');
  await page.getByRole('checkbox', { name: 'Momentum', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Nesterov', exact: true }).check();
  await page.getByRole('checkbox', { name: 'SGD with noise', exact: true }).check();
  const legend = await page.getByRole('list', { name: 'Legend' }).locator('li').allTextContents();
  assert.deepEqual(legend.map((t) => t.slice(1)), ['Gradient descent', 'Nesterov', 'Adam', 'SGD with noise']);
  assert.deepEqual((await widget(page)).racers.map((r) => r.name), ['gd', 'sgd', 'nesterov', 'adam']);
  for (const name of ['Gradient descent', 'Nesterov', 'Adam']) await page.getByRole('checkbox', { name: name, exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'SGD with noise', exact: true }).click();
  assert.equal(await page.getByRole('checkbox', { name: 'SGD with noise', exact: true }).isChecked(), true);
  assert.match(await page.getByRole('alert').first().textContent(), /At least one optimizer has to race/);
  assert.equal((await widget(page)).racers.length, 1);
  await page.close();
});

test('clicking the map sets the start for every racer', async () => {
  const { page } = await open('&surface=himmelblau');
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 2);
  const box = await page.locator('canvas').boundingBox();
  // Where (1, -2) is drawn, by the page's own mapping.
  const at = await page.evaluate(([w, h]) => window.Downhill.widgets[0].model.canvasFromPoint(1, -2, w, h), [box.width, box.height]);
  await page.mouse.click(box.x + at.px, box.y + at.py);
  const x = shown(await page.getByLabel('Start x', { exact: true }).inputValue());
  const y = shown(await page.getByLabel('Start y', { exact: true }).inputValue());
  assert.ok(Math.abs(x - 1) < 0.06 && Math.abs(y + 2) < 0.06, `start (${x}, ${y})`);
  const s = await widget(page);
  assert.equal(s.startX, x);
  assert.equal(s.startY, y);
  assert.ok(s.racers.every((r) => r.x === x && r.y === y));
  await page.close();
});

test('the fair race on the ravine: each racer at the rate tuned here, arriving when computed here; one racer retuned by hand', async () => {
  const { page } = await open('');
  const want = { gd: tuned('gd', ravineGrad, [-4.5, 1.2], [0, 0]), momentum: tuned('momentum', ravineGrad, [-4.5, 1.2], [0, 0]),
    adam: tuned('adam', ravineGrad, [-4.5, 1.2], [0, 0]) };
  let s = await widget(page);
  assert.equal(s.ownRates, true);
  s.racers.forEach((r) => near(r.learningRate, want[r.name].eta, 1e-12, `${r.name} tuned rate`));
  assert.match(await page.getByRole('region', { name: 'Adam', exact: true }).innerText(), /tuned for this surface/);
  await playToTheEnd(page);
  s = await widget(page);
  assert.deepEqual(s.racers.map((r) => r.reachedAt), [want.gd.steps, want.momentum.steps, want.adam.steps]);
  // Adam's own rate typed on its card: its card names the tuned one, and a link carries it.
  await typeInto(page, 'Adam’s Learning rate η', '0.1');
  s = await widget(page);
  assert.deepEqual(s.racers.map((r) => r.learningRate), [want.gd.eta, want.momentum.eta, 0.1]);
  assert.match(await page.getByRole('region', { name: 'Adam', exact: true }).innerText(), /tuned: 0\.158/);
  const query = await page.evaluate(() => window.DownhillSchema.serialize('optimizer-race', window.Downhill.widgets[0].values()));
  assert.equal(query, 'lrAdam=0.1&speed=fast');
  const again = await open('&' + query);
  assert.deepEqual((await widget(again.page)).racers.map((r) => r.learningRate), [want.gd.eta, want.momentum.eta, 0.1]);
  await again.page.close();
  // Back to tuned rates from the select.
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  await page.getByLabel('Learning rates', { exact: true }).selectOption('own');
  assert.equal((await widget(page)).racers[2].learningRate, want.adam.eta);
  await page.close();
});

test('the ravine at one shared rate, 0.03: momentum reaches the minimum first; the page names it and the steps match', async () => {
  const { page } = await open('&lr=0.03');
  // Arrival = the first step within 0.01 of (0, 0), for each racer by hand.
  const arrive = (kind) => {
    for (let n = 0; n < 3000; n++) {
      const p = run(kind, ravineGrad, [-4.5, 1.2], 0.03, n);
      if (Math.hypot(p[0], p[1]) <= 0.01) return n;
    }
    return -1;
  };
  const want = { gd: arrive('gd'), momentum: arrive('momentum'), adam: arrive('adam') };
  assert.ok(want.momentum < want.gd && want.momentum < want.adam);
  await playToTheEnd(page);
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1);
  assert.match(await page.locator('.dh-race').innerText(), new RegExp(`Momentum reached a minimum first \\(within 0\\.01 of it\\), at step ${want.momentum}\\.`));
  // Its card counts the same arrival (then when it came to rest), never a second definition.
  const mom = (await card(page, 'Momentum')).note;
  assert.match(mom, new RegExp(`^Reached the global minimum \\(.*\\) at step ${want.momentum}[;.]`));
  assert.match((await card(page, 'Gradient descent')).note, new RegExp(`at step \\d+\\.$`));
  const s = await widget(page);
  assert.deepEqual(s.racers.map((r) => r.reachedAt), [want.gd, want.momentum, want.adam]);
  assert.match(await page.locator('.dh-race').innerText(), /The race is over/);
  await page.close();
});

test('Rosenbrock with a learning rate of 0.01: gradient descent diverges at the step computed here; Adam keeps going', async () => {
  const { page } = await open('&surface=rosenbrock');
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  await typeInto(page, 'Learning rate for every racer', '0.01');
  // Gradient descent by hand until a coordinate passes a million or the numbers overflow.
  let p = [-1.2, 1], n = 0;
  for (;;) {
    const g = rosenbrockGrad(p);
    p = [p[0] - 0.01 * g[0], p[1] - 0.01 * g[1]];
    n++;
    const bad = !Number.isFinite(rosenbrock(p)) || Math.abs(p[0]) > 1e6 || Math.abs(p[1]) > 1e6 || !rosenbrockGrad(p).every(Number.isFinite);
    if (bad) break;
  }
  await step(page, n + 3);
  const gd = await card(page, 'Gradient descent');
  assert.equal(gd.step, n);
  assert.match(gd.note, new RegExp(`^Diverged at step ${n}: `));
  assert.match(gd.note, /learning rate 0\.01 is too large/);
  const adam = await card(page, 'Adam');
  assert.equal(adam.step, n + 3);
  assert.doesNotMatch(adam.note, /Diverged/);
  for (const t of await page.locator('.dh-race dd').allTextContents()) assert.doesNotMatch(t, /NaN|Infinity/);
  await page.close();
});

test('the saddle has no minimum: the distance says so, and gradient descent runs off at step 177', async () => {
  const { page } = await open('&surface=saddle&optimizers=gd');
  let y = 0.05, n = 0;
  while (Math.abs(y) <= 1e6) { y *= 1 + 2 * 0.05; n++; }
  assert.equal(n, 177);
  assert.equal((await card(page, 'Gradient descent')).distanceText, 'none: no minimum');
  await playToTheEnd(page);
  const r = await card(page, 'Gradient descent');
  assert.equal(r.step, 177);
  // Unbounded below, not a step too large: the words say so at any learning rate.
  assert.match(r.note, /^Ran off at step 177: the surface has no bottom/);
  assert.match(r.note, /left the plotted region/);
  assert.doesNotMatch(r.note, /too large|lower it/);
  assert.match(await page.locator('.dh-race').innerText(), /Ran off the bottomless surface: Gradient descent\./);
  await page.close();
});

test('advanced settings: momentum and Adam betas change the runs the same way as by hand', async () => {
  const { page } = await open('&surface=bowl&optimizers=momentum,adam&lr=0.05');
  await page.getByText(/^More settings/).click();
  await typeInto(page, 'Momentum β (momentum and Nesterov)', '0.5');
  await typeInto(page, 'Adam β1', '0.8');
  await typeInto(page, 'Adam β2', '0.99');
  await step(page, 4);
  const pm = run('momentum', bowlGrad, [-2.4, 1.8], 0.05, 4, { mu: 0.5 });
  const pa = run('adam', bowlGrad, [-2.4, 1.8], 0.05, 4, { b1: 0.8, b2: 0.99 });
  near((await card(page, 'Momentum')).loss, pm[0] ** 2 + pm[1] ** 2, 6e-5, 'momentum loss');
  near((await card(page, 'Adam')).loss, pa[0] ** 2 + pa[1] ** 2, 6e-5, 'adam loss');
  await typeInto(page, 'Momentum β (momentum and Nesterov)', '1.5');
  assert.match(await page.getByRole('alert').first().textContent(), /momentum β goes from 0 to 0\.999, so 1\.5 became 0\.999/);
  await page.close();
});

test('bad URL settings fall back with a message; typed nonsense is refused or clamped', async () => {
  const { page } = await open('&optimizers=gd,foo&surface=moon&lr=0&startY=3&seed=1.5&bogus=%3Cimg%20src=x%3E');
  const alert = page.getByRole('alert').first();
  const msg = await alert.textContent();
  assert.match(msg, /“optimizers” accepts only: gd, momentum, nesterov, adagrad, rmsprop, adam, sgd/);
  assert.match(msg, /“surface” must be one of/);
  assert.match(msg, /“lr” must lie between 0\.00001 and 10/);
  assert.match(msg, /“seed” must be a whole number/);
  assert.match(msg, /Unknown setting “bogus”/);
  assert.match(msg, /so the start moved to \(-4\.5, 2\)/);
  assert.equal(await page.locator('.dh-race img').count(), 0);
  const s = await widget(page);
  assert.equal(s.surface, 'ravine');
  assert.equal(s.learningRate, 0.03);
  assert.equal(s.ownRates, true);
  assert.equal(s.seed, 1);
  assert.deepEqual(s.racers.map((r) => r.name), ['gd', 'momentum', 'adam']);
  assert.equal(s.startY, 2);
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  await typeInto(page, 'Learning rate for every racer', '');
  assert.match(await alert.textContent(), /The learning rate must be a number; it stays at 0\.03/);
  await typeInto(page, 'Learning rate for every racer', '50');
  assert.match(await alert.textContent(), /goes from 0\.00001 to 10, so 50 became 10/);
  await typeInto(page, 'Start x', '-9');
  assert.match(await alert.textContent(), /On this map x goes from -5 to 5, so -9 became -5/);
  await step(page, 1);
  assert.equal((await card(page, 'Adam')).step, 1);
  await page.close();
});

test('an optimizer named twice in a link: the race still mounts with its default racers and says why', async () => {
  const { page } = await open('&optimizers=gd,gd');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.ok(await alert.isVisible());
  assert.match(await alert.textContent(), /“optimizers” names “gd” more than once/);
  assert.equal(await page.locator('text=Loading the simulator >> visible=true').count(), 0);
  const s = await widget(page);
  assert.deepEqual(s.racers.map((r) => r.name), ['gd', 'momentum', 'adam']);
  for (const name of ['Gradient descent', 'Momentum', 'Adam'])
    assert.ok(await page.getByRole('region', { name, exact: true }).isVisible(), name);
  await step(page, 2);
  assert.deepEqual((await widget(page)).racers.map((r) => r.step), [2, 2, 2]);
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
  assert.ok((await canvasInk(page, page.locator('canvas'))).ink > 0.02);
  await page.close();
});

test('a copied link reproduces the race', async () => {
  const { page } = await open('&surface=lesson&optimizers=nesterov,rmsprop&lr=0.02&startX=1&startY=-3&seed=7');
  const query = await page.evaluate(() => window.DownhillSchema.serialize('optimizer-race', window.Downhill.widgets[0].values()));
  assert.equal(query, 'optimizers=nesterov%2Crmsprop&surface=lesson&lr=0.02&startX=1&startY=-3&seed=7');
  await page.close();
});

test('keyboard alone reaches and uses every control', async () => {
  const { page } = await open('');
  const names = [];
  for (let i = 0; i < 28; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      return (a.labels && a.labels.length ? a.labels[0].textContent : a.textContent).replace(/^[^A-Za-z]+/, '');
    }));
  }
  assert.deepEqual(names, ['Gradient descent', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSProp', 'Adam', 'SGD with noise',
    'Surface', 'Learning rates', 'Start x', 'Start y', 'Speed', 'Step', 'Play', 'Reset',
    'f(x, y) =', 'Drawn from x =', 'Drawn to x =', 'Drawn from y =', 'Drawn to y =', 'Race on this surface', 'Back to the named surface',
    'More settings: momentum, Adam’s betas, noise', 'Log scale for the loss (distance above the lowest point)',
    'Gradient descent’s Learning rate η', 'Momentum’s Learning rate η', 'Adam’s Learning rate η', 'Copy link']);
  // Open the advanced settings from the keyboard and change the momentum.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent), 'Momentum β (momentum and Nesterov)');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.8');
  await page.keyboard.press('Enter');
  assert.equal((await widget(page)).momentum, 0.8);
  // Space toggles a racer; Enter on Step steps.
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement.value === 'nesterov')); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  assert.deepEqual((await widget(page)).racers.map((r) => r.name), ['gd', 'momentum', 'nesterov', 'adam']);
  await page.getByRole('button', { name: 'Step' }).focus();
  await page.keyboard.press('Enter');
  assert.equal((await card(page, 'Nesterov')).step, 1);
  await page.close();
});

test('the map and chart draw in light and dark themes, on desktop and at 360 px', async () => {
  for (const [scheme, viewport, surface] of [['light', { width: 1100, height: 1000 }, 'lesson'], ['dark', { width: 1100, height: 1000 }, 'ravine'],
    ['light', { width: 360, height: 800 }, 'rosenbrock'], ['dark', { width: 360, height: 800 }, 'himmelblau']]) {
    const { page } = await open(`&surface=${surface}&optimizers=gd,momentum,nesterov,adagrad,rmsprop,adam,sgd`, viewport, scheme);
    await page.evaluate(() => window.Downhill.widgets[0].model.advance(150));
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.width > 300 && ink.height > 250, JSON.stringify(ink));
    assert.ok(ink.ink > 0.02, `${scheme} ${viewport.width}: ` + JSON.stringify(ink));
    assert.ok(ink.colours >= 8, JSON.stringify(ink));
    if (scheme === 'light') assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `page is ${width} px wide at ${viewport.width}`);
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `optimizer-race-${scheme}-${viewport.width}.png`), fullPage: true });
    await page.close();
  }
});

test('no accessibility violations found by axe, light and dark, with the advanced settings open', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page } = await open('&surface=saddle&optimizers=gd,momentum,nesterov,adagrad,rmsprop,adam,sgd', { width: 1100, height: 1000 }, scheme);
    await page.getByText(/^More settings/).click();
    await step(page, 3);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  }
});

test('a tap on the map sets the start (touch)', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  await page.goto(server.url + '/embed.html?widget=optimizer-race&surface=bowl');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 2);
  const box = await page.locator('canvas').boundingBox();
  const at = await page.evaluate(([w, h]) => window.Downhill.widgets[0].model.canvasFromPoint(-1, 2, w, h), [box.width, box.height]);
  await page.locator('canvas').tap({ position: { x: at.px, y: at.py } });
  const s = await widget(page);
  assert.ok(Math.abs(s.startX + 1) < 0.1 && Math.abs(s.startY - 2) < 0.1, `start (${s.startX}, ${s.startY})`);
  await page.close();
});

test('works opened from disk (file://)', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto('file://' + path.join(SITE, 'embed.html') + '?widget=optimizer-race&surface=bowl&optimizers=gd&lr=0.05');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await step(page, 2);
  const p = run('gd', bowlGrad, [-2.4, 1.8], 0.05, 2);
  near((await card(page, 'Gradient descent')).loss, p[0] ** 2 + p[1] ** 2, 6e-5, 'loss after two steps');
  assert.deepEqual(problems, []);
  await page.close();
});

test('reduced motion: the race plays slowly (8 steps a second) unless the speed is chosen', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url + '/embed.html?widget=optimizer-race');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  assert.equal((await widget(page)).stepsPerSecond, 8);
  assert.equal((await widget(page)).playing, false);
  await page.getByLabel('Speed', { exact: true }).selectOption('fast');
  assert.equal((await widget(page)).stepsPerSecond, 120);
  await page.close();
});

// ---- Your own surface ----------------------------------------------------------------
const HIMMELBLAU = '(x^2 + y - 11)^2 + (x + y^2 - 7)^2';
const HIMMEL_MINIMA = [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]];
async function typeSurface(page, text, range = ['-5', '5', '-5', '5']) {
  await page.getByRole('textbox', { name: 'f(x, y) =' }).fill(text);
  const names = ['Drawn from x =', 'Drawn to x =', 'Drawn from y =', 'Drawn to y ='];
  for (let i = 0; i < 4; i++) await page.getByRole('spinbutton', { name: names[i] }).fill(range[i]);
  await page.getByRole('button', { name: 'Race on this surface' }).click();
}

test('your own surface: a step follows its gradient by hand; Himmelblau\'s four minima are found and reached at tuned rates', async () => {
  const { page, problems } = await open('&optimizers=gd');
  // f = x^2 + 3y^2 from the start 15% in from the lower-left corner, (-3.5, -3.5), at eta 0.1:
  // one step of gradient descent goes to (-3.5 + 0.1 * 7, -3.5 + 0.1 * 21) = (-2.8, -1.4).
  await typeSurface(page, 'x^2 + 3*y^2');
  assert.match(await page.locator('.dh-formula-note').textContent(), /Your surface: 1 minimum \(marked on the map\)\. The racers start at \(-3\.5, -3\.5\)/);
  assert.equal(await page.getByLabel('Surface', { exact: true }).inputValue(), 'formula');
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  await typeInto(page, 'Learning rate for every racer', '0.1');
  await step(page, 1);
  const s = await widget(page);
  near(s.racers[0].x, -2.8, 1e-12, 'x after one step');
  near(s.racers[0].y, -1.4, 1e-12, 'y after one step');
  const r = await card(page, 'Gradient descent');
  near(r.loss, 2.8 ** 2 + 3 * 1.4 ** 2, 6e-5, 'loss');
  near(r.distance, Math.hypot(2.8, 1.4), 6e-5, 'distance to (0, 0)');

  // Himmelblau typed, three racers each at its rate tuned on it: four minima, four saddles, one peak.
  await page.locator('input[value="momentum"]').check();
  await page.locator('input[value="adam"]').check();
  await page.getByLabel('Learning rates', { exact: true }).selectOption('own');
  await typeSurface(page, HIMMELBLAU);
  assert.match(await page.locator('.dh-formula-note').textContent(), /Your surface: 4 minima, 4 saddle points, 1 peak \(marked on the map\)/);
  const cps = await page.evaluate(() => window.Downhill.widgets[0].model.criticalPoints());
  const kinds = cps.map((c) => c.kind);
  assert.deepEqual(kinds, ['global-min', 'global-min', 'global-min', 'global-min', 'saddle', 'saddle', 'saddle', 'saddle', 'max']);
  for (const [x, y] of HIMMEL_MINIMA) assert.ok(cps.some((c) => Math.hypot(c.x - x, c.y - y) < 1e-5 && Math.abs(c.f) < 1e-12), `(${x}, ${y})`);
  const h = await widget(page);
  for (const racer of h.racers) {
    assert.ok(racer.tunedLearningRate > 0, racer.name);
    assert.equal(racer.learningRate, racer.tunedLearningRate, racer.name);
  }
  // The tuned rate is the one found here: gradient descent from (-3.5, -3.5), the soonest to
  // stay at any of the four minima (ties: the smaller rate).
  const hg = (p) => [4 * p[0] * (p[0] ** 2 + p[1] - 11) + 2 * (p[0] + p[1] ** 2 - 7), 2 * (p[0] ** 2 + p[1] - 11) + 4 * p[1] * (p[0] + p[1] ** 2 - 7)];
  const t = HIMMEL_MINIMA.map((m) => tuned('gd', hg, [-3.5, -3.5], m)).filter(Boolean)
    .sort((a, b) => a.steps - b.steps || a.eta - b.eta)[0];
  near(h.racers[0].tunedLearningRate, t.eta, 1e-9, 'gradient descent\'s tuned rate');
  // Each racer reaches a minimum within the 3,000 steps its rate was tuned for.
  await page.evaluate(() => window.Downhill.widgets[0].model.advance(3000));
  const end = await widget(page);
  assert.ok(end.winner >= 0);
  for (const racer of end.racers) assert.ok(racer.reachedAt >= 0 && racer.nearest.kind === 'global-min', JSON.stringify(racer));
  await page.waitForFunction(() => /reached a minimum first/.test(document.querySelector('.dh-race').innerText));
  assert.deepEqual(problems, []);
  await page.close();
});

test('your own surface: a racer that would step where the formula is undefined stops, saying why (never NaN)', async () => {
  const { page, problems } = await open('&optimizers=gd');
  await typeSurface(page, 'log(x + 6) + x^2 + y^2');
  await page.getByLabel('Learning rates', { exact: true }).selectOption('shared');
  await typeInto(page, 'Learning rate for every racer', '2');
  await typeInto(page, 'Start x', '4');
  await typeInto(page, 'Start y', '0');
  // The slope at (4, 0) is (1/10 + 8, 0): the step goes to x = 4 - 2 * 8.1 = -12.2, where x + 6 < 0.
  await step(page, 1);
  const s = await widget(page);
  assert.equal(s.racers[0].status, 'left-domain');
  assert.deepEqual([s.racers[0].x, s.racers[0].y, s.racers[0].step], [4, 0, 0]);
  assert.match(s.racers[0].domainMessage, /^log of a negative number or zero at \(x, y\) = \(-12\.2, 0\)/);
  const r = await card(page, 'Gradient descent');
  assert.match(r.note, /Stopped at step 0: its next step would land where the surface is not defined \(log of a negative number or zero at \(x, y\) = \(-12\.2, 0\)/);
  near(r.loss, Math.log(10) + 16, 6e-5, 'loss at the last defined point');
  assert.doesNotMatch(await page.locator('.dh-race').innerText(), /NaN/);
  assert.match(await page.locator('.dh-race').innerText(), /Stopped where the surface is not defined: Gradient descent/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('your own surface: a copied link reproduces it; a bad formula in a link falls back with the message', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=optimizer-race&surface=lesson');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await typeSurface(page, 'x^2 - y^2 + 0.1*y^4', ['-3', '3', '-4', '4']);
  await typeInto(page, 'Start x', '1');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /surface=lesson/);
  assert.match(link, /formula=x%5E2/);
  assert.match(link, /xMin=-3&xMax=3&yMin=-4&yMax=4/);
  const again = await context.newPage();
  const problems = watch(again);
  await again.goto(link);
  await again.getByRole('button', { name: 'Step' }).and(again.locator(':enabled')).waitFor();
  const s = await widget(again);
  assert.deepEqual([s.surface, s.formula, s.xMin, s.xMax, s.yMin, s.yMax, s.startX],
    ['formula', 'x^2 - y^2 + 0.1*y^4', -3, 3, -4, 4, 1]);
  // Two minima at y = ±sqrt(5), a saddle at the origin: found again in the new page.
  const cps = await again.evaluate(() => window.Downhill.widgets[0].model.criticalPoints());
  assert.deepEqual(cps.map((c) => c.kind), ['global-min', 'global-min', 'saddle']);
  assert.ok(Math.abs(Math.abs(cps[0].y) - Math.sqrt(5)) < 1e-9 && Math.abs(cps[0].f + 2.5) < 1e-9, JSON.stringify(cps[0]));
  assert.equal(await again.getByRole('textbox', { name: 'f(x, y) =' }).inputValue(), 'x^2 - y^2 + 0.1*y^4');
  assert.deepEqual(problems, []);
  await context.close();

  const bad = await open('&surface=bowl&formula=' + encodeURIComponent('x^2 + (y') + '&xMin=-2');
  const b = await widget(bad.page);
  assert.deepEqual([b.surface, b.formula, b.xMin], ['bowl', '', -3]);
  assert.match(await bad.page.locator('.dh-formula-note').textContent(),
    /The surface in this link could not be used, so the bowl surface is shown: Missing '\)' at 9/);
  await bad.page.close();
});

test('your own surface at 1280 px and 360 px: map and chart drawn (not blank or black), nothing overflows', async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await open('&optimizers=gd,momentum,adam&formula=' + encodeURIComponent(HIMMELBLAU), { width, height: width > 400 ? 1000 : 800 });
    await page.evaluate(() => window.Downhill.widgets[0].model.advance(60));
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.ink > 0.02 && ink.black < 0.05 && ink.colours >= 8, JSON.stringify(ink));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `page is ${wide} px wide at ${width}`);
    for (const box of await page.locator('.dh-formula-box input, .dh-formula-box button').all()) {
      const b = await box.boundingBox();
      assert.ok(b.x >= 0 && b.x + b.width <= width, JSON.stringify(b));
    }
    await page.screenshot({ path: path.join(SITE, '..', 'shots', `optimizer-race-own-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
