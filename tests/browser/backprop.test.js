// backprop.test.js: the backpropagation widget used as a learner would, in headless
// Chromium. Every gradient the table shows is checked against a finite-difference slope
// of the loss computed here, in JavaScript, from the weights the table shows; the update
// against w - eta * gradient; the loss readout against the same JavaScript forward pass.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, axeViolations, checkScrollRegion, startWidgets } = require('./harness.js');

const num = (s) => Number(String(s).replace(/−/g, '-').replace(/^[^-\d.]*/, ''));
const SHOTS = path.join(SITE, '..', 'shots');
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 900 }, dark = false) {
  const page = await browser.newPage({ viewport });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(server.url + '/embed.html?widget=backprop' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'Forward pass' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  return { page, problems };
}
const click = (page, name) => page.getByRole('button', { name, exact: true }).click();

// The table as { name: { value, grad } } (grad null while it says "not yet").
async function table(page) {
  const rows = await page.getByRole('table').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
  const out = {};
  for (const [name, , value, grad] of rows) out[name] = { value: num(value), grad: grad === 'not yet' ? null : num(grad) };
  return out;
}
const example = async (page) => ({
  x1: num(await page.getByLabel('Input x1').inputValue()),
  x2: num(await page.getByLabel('Input x2').inputValue()),
  y: num(await page.getByLabel('Target y').inputValue()),
});

// The tiny network's loss, written out here: h_j = f(w x + b_j), z = v h + c, then
// cross-entropy on p = sigmoid(z) or squared error on z.
const ACT = { sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, relu: (z) => Math.max(0, z) };
function loss(p, ex, hidden, act, kind) {
  let z = p.c;
  for (let j = 0; j < hidden; j++) {
    const h = ACT[act](p[`w${2 * j + 1}`] * ex.x1 + p[`w${2 * j + 2}`] * ex.x2 + p[`b${j + 1}`]);
    z += p[`v${j + 1}`] * h;
  }
  if (kind === 'bce') return Math.max(z, 0) - ex.y * z + Math.log1p(Math.exp(-Math.abs(z)));
  return (ex.y - z) ** 2;
}
// Central finite differences of that loss for every weight and bias.
function slopes(p, ex, hidden, act, kind) {
  const out = {};
  for (const name of Object.keys(p)) {
    const h = 1e-6, up = { ...p, [name]: p[name] + h }, down = { ...p, [name]: p[name] - h };
    out[name] = (loss(up, ex, hidden, act, kind) - loss(down, ex, hidden, act, kind)) / (2 * h);
  }
  return out;
}
const values = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.value]));

test('forward, then backward layer by layer: every gradient shown matches a finite difference', async () => {
  const { page, problems } = await open('');
  assert.match(await page.locator('.dh-backprop > .dh-status').textContent(), /Press “Forward pass”/);
  await click(page, 'Forward pass');
  let t = await table(page);
  const ex = await example(page);
  const L = loss(values(t), ex, 2, 'sigmoid', 'bce');
  assert.ok(Math.abs(num(await page.getByLabel('Loss L').textContent()) - L) < 3e-4, 'loss readout vs ' + L);
  assert.ok(Object.values(t).every((r) => r.grad === null), 'no gradient before the backward pass');

  // Output layer: v1, v2, c get their gradients; the first layer still waits.
  await click(page, 'Backward: next layer');
  t = await table(page);
  const fd = slopes(values(t), ex, 2, 'sigmoid', 'bce');
  for (const name of ['v1', 'v2', 'c']) assert.ok(Math.abs(t[name].grad - fd[name]) < 3e-4, `${name}: ${t[name].grad} vs ${fd[name]}`);
  for (const name of ['w1', 'w2', 'w3', 'w4', 'b1', 'b2']) assert.equal(t[name].grad, null, name);
  // The explanation: dL/dz = p - y with the numbers of this example.
  const text = await page.locator('.dh-backprop > .dh-status').textContent();
  const m = /∂L\/∂z = p − y = ([−\d.]+) − 1 = ([−\d.]+)/.exec(text);
  assert.ok(m, text);
  assert.ok(Math.abs(num(m[2]) - fd.c) < 2e-3 && Math.abs(num(m[1]) - 1 - num(m[2])) < 2e-3);

  // Hidden layer: now every weight has its gradient.
  await click(page, 'Backward: next layer');
  t = await table(page);
  const all = slopes(values(t), ex, 2, 'sigmoid', 'bce');
  for (const [name, row] of Object.entries(t)) assert.ok(Math.abs(row.grad - all[name]) < 3e-4, `${name}: ${row.grad} vs ${all[name]}`);
  assert.match(await page.locator('.dh-backprop > .dh-status').textContent(), /Backward, hidden layer\. The chain rule carries the blame back/);
  assert.equal(Object.keys(t).length, 9);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('Apply update moves every weight by -eta x gradient and the loss falls', async () => {
  const { page } = await open('lr=0.5');
  await click(page, 'Forward pass');
  await click(page, 'Backward: next layer');
  await click(page, 'Backward: next layer');
  const before = await table(page);
  const ex = await example(page);
  const L0 = loss(values(before), ex, 2, 'sigmoid', 'bce');
  await click(page, 'Apply update');
  const after = await table(page);
  for (const name of Object.keys(before)) {
    const want = before[name].value - 0.5 * before[name].grad;
    assert.ok(Math.abs(after[name].value - want) < 1.5e-4, `${name}: ${after[name].value} vs ${want}`);
  }
  const L1 = loss(values(after), ex, 2, 'sigmoid', 'bce');
  assert.ok(L1 < L0, `loss ${L0} -> ${L1}`);
  assert.ok(Math.abs(num(await page.getByLabel('Loss L').textContent()) - L1) < 3e-4);
  assert.equal(await page.getByLabel('Updates applied').textContent(), '1');
  assert.match(await page.locator('.dh-backprop > .dh-status').textContent(), /Update 1: every weight moved by −η × its gradient \(η = 0\.5\).*down from/);
  // Reset brings back the starting weights.
  await click(page, 'Reset');
  const reset = await table(page);
  for (const name of Object.keys(before)) assert.equal(reset[name].value, before[name].value, name);
  await page.close();
});

test('three hidden units, tanh and ReLU, squared error: the gradients still match', async () => {
  const { page } = await open('hidden=3&x1=0.8&x2=1.3&seed=7');
  for (const [act, kind, y] of [['tanh', 'mse', '0.4'], ['relu', 'mse', '-1.5'], ['tanh', 'bce', null]]) {
    await page.getByLabel('Activation').selectOption(act);
    await page.getByLabel('Loss', { exact: true }).selectOption(kind);
    if (y !== null) { await page.getByLabel('Target y').fill(y); await page.getByLabel('Target y').press('Enter'); }
    await click(page, 'Forward pass');
    await click(page, 'Backward: next layer');
    await click(page, 'Backward: next layer');
    const t = await table(page);
    assert.equal(Object.keys(t).length, 13, 'w1..w6, b1..b3, v1..v3, c');
    const ex = await example(page);
    const fd = slopes(values(t), ex, 3, act, kind);
    for (const [name, row] of Object.entries(t)) assert.ok(Math.abs(row.grad - fd[name]) < 3e-4, `${act}/${kind} ${name}: ${row.grad} vs ${fd[name]}`);
    if (kind === 'mse') {
      const L = loss(values(t), ex, 3, act, kind);
      assert.ok(Math.abs(num(await page.getByLabel('Loss L').textContent()) - L) < 3e-4);
    }
  }
  // Switching back to cross-entropy rounded the target -1.5 to a class.
  assert.equal(await page.getByLabel('Target y').inputValue(), '0');
  await page.close();
});

test('out of turn: the stepper says why; bad settings fall back with a message', async () => {
  const { page } = await open('loss=bce&target=0.5&x1=9&activation=softplus');
  const alert = page.getByRole('alert');
  const msg = await alert.textContent();
  assert.match(msg, /“x1” must lie between -5 and 5\. Using 1\./);
  assert.match(msg, /“activation” must be one of: sigmoid, tanh, relu/);
  assert.match(msg, /With cross-entropy the target is a class: 0 or 1\. Using y = 1\./);
  assert.equal(await page.getByLabel('Target y').inputValue(), '1');
  // Buttons with nothing to do stay focusable (aria-disabled) and explain themselves when pressed.
  const press = async (name) => { await page.getByRole('button', { name, exact: true }).focus(); await page.keyboard.press('Enter'); };
  assert.equal(await page.getByRole('button', { name: 'Backward: next layer' }).getAttribute('aria-disabled'), 'true');
  await press('Backward: next layer');
  assert.match(await alert.textContent(), /Run the forward pass first/);
  await click(page, 'Forward pass');
  await press('Apply update');
  assert.match(await alert.textContent(), /Finish the backward pass first/);
  await page.getByLabel('Input x2').fill('');
  await page.getByLabel('Input x2').press('Enter');
  assert.match(await alert.textContent(), /Input x2 must be a number\. It stays at -0\.5\./);
  await page.getByLabel('Learning rate η').fill('50');
  await page.getByLabel('Learning rate η').press('Enter');
  assert.match(await alert.textContent(), /Learning rate must lie between 0\.01 and 10/);
  const text = await page.locator('.dh-backprop').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.close();
});

test('set to the lesson\'s chain, the widget shows the hand calculation: h = 2, ŷ = 1, L = 1, gradients -4 and -1', async () => {
  const { page } = await open('network=chain&x1=1&target=2&lr=0.1');
  // The controls the chain does not use are switched off; its loss is squared error.
  for (const name of ['Input x2', 'Hidden units', 'Activation', 'Loss', 'Starting weights (seed)'])
    assert.equal(await page.getByLabel(name, { exact: true }).isDisabled(), true, name);
  assert.equal(await page.getByLabel('Loss', { exact: true }).inputValue(), 'mse');
  await click(page, 'Forward pass');
  assert.match(await page.locator('.dh-backprop .dh-readouts').innerText(), /Loss L\s+1(\.0+)?\s+Prediction\s+ŷ = 1(\.0+)?\s/);
  const status = page.locator('.dh-backprop .dh-status');
  assert.match(await status.innerText(), /h = w1 × x = 2 × 1 = 2; ŷ = w2 × h = 0\.5 × 2 = 1; L = \(ŷ − y\)² = \(1 − 2\)² = 1\./);
  await click(page, 'Backward: next layer');
  assert.match(await status.innerText(), /∂L\/∂ŷ = 2\(ŷ − y\) = −2\..*∂L\/∂w2 = ∂L\/∂ŷ × h = −2 × 2 = −4;/);
  await click(page, 'Backward: next layer');
  assert.match(await status.innerText(), /∂L\/∂h = ∂L\/∂ŷ × w2 = −2 × 0\.5 = −1 .*∂L\/∂w1 = ∂L\/∂h × x = −1 × 1 = −1 and/);
  const t = await table(page);
  assert.deepEqual(Object.keys(t), ['w1', 'b1', 'w2', 'c']);
  assert.deepEqual([t.w1.value, t.w1.grad, t.w2.value, t.w2.grad, t.b1.grad, t.c.grad], [2, -1, 0.5, -4, -1, -2]);
  // The same chain written out here: h = w1 x + b1, y = w2 h + c, L = (y - t)^2, after one update at eta = 0.1.
  await click(page, 'Apply update');
  const u = await table(page);
  assert.deepEqual([u.w1.value, u.b1.value, u.w2.value, u.c.value], [2.1, 0.1, 0.9, 0.2]);
  const h = 2.1 * 1 + 0.1, yhat = 0.9 * h + 0.2;
  assert.ok(Math.abs(await page.evaluate(() => window.Downhill.widgets[0].state().loss) - (yhat - 2) ** 2) < 1e-12);
  assert.match(await page.getByRole('img').getAttribute('aria-label'), /^The chain x = 1 → h = 2\.2 → ŷ = 2\.18; loss 0\.032/);
  // Choosing the chain from the menu brings the lesson's numbers with it; Reset keeps the worked weights.
  await page.getByLabel('Network', { exact: true }).selectOption('small');
  assert.equal(await page.getByLabel('Input x2').isDisabled(), false);
  await page.getByLabel('Input x1').fill('3');
  await page.getByLabel('Input x1').press('Enter');
  await page.getByLabel('Network', { exact: true }).focus();
  await page.getByLabel('Network', { exact: true }).selectOption('chain');
  assert.equal(await page.getByLabel('Input x1').inputValue(), '1');
  assert.equal(await page.getByLabel('Target y').inputValue(), '2');
  await click(page, 'Reset');
  await click(page, 'Forward pass');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().loss), 1);
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.01, JSON.stringify(ink));
  await page.screenshot({ path: path.join(SHOTS, 'backprop-chain.png') });
  // The link carries the chain.
  assert.match(await page.evaluate(() => window.DownhillSchema.serialize('backprop', window.Downhill.widgets[0].values())), /network=chain/);
  await page.close();
});

test('keyboard alone reaches every control and walks the steps', async () => {
  const { page } = await open('');
  const names = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      const by = a.getAttribute('aria-labelledby');
      if (by) return a.getAttribute('role') + ': ' + document.getElementById(by).textContent;
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  // The table's box is a stop of its own, so that keys can scroll it where it is wider than the screen.
  assert.deepEqual(names, ['Forward pass', 'Backward: next layer', 'Reset', 'Apply update',
    'region: Every weight and bias, with the gradient of the loss with respect to it', 'Input x1', 'Input x2', 'Target y',
    'Network', 'Hidden units', 'Activation', 'Loss', 'Learning rate η', 'Starting weights (seed)']);
  await page.getByRole('button', { name: 'Forward pass' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().stage), 'hidden');
  // The focus stays on the button the learner pressed, even when it has nothing left to do.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Backward: next layer');
  await page.close();
});

for (const dark of [false, true]) {
  test(`the canvas draws the network, desktop and 360 px, ${dark ? 'dark' : 'light'} theme`, async () => {
    for (const width of [1100, 360]) {
      const { page } = await open('hidden=3', { width, height: 900 }, dark);
      await click(page, 'Forward pass');
      await click(page, 'Backward: next layer');
      await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= width, `page is ${overflow} px wide at ${width}`);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.01 && ink.colours >= 6, JSON.stringify(ink));
      if (!dark) assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
      assert.match(await page.getByRole('img').getAttribute('aria-label'), /hidden h1 = [−\d.]+, h2 = [−\d.]+, h3 = [−\d.]+; output p = /);
      await page.screenshot({ path: path.join(SHOTS, `backprop-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
      await page.close();
    }
  });
}

const TABLE = 'Every weight and bias, with the gradient of the loss with respect to it';

test('phone (360 px) lesson page: the weight table fits its box, empty and full', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  await page.goto(server.url + '/backpropagation.html');
  await startWidgets(page);
  // The page's second backprop widget is the small network (the first is the lesson's chain).
  const widget = page.locator('.dh-widget[data-widget="backprop"]').last();
  const region = widget.getByRole('region', { name: TABLE });
  const fits = () => region.evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth }));
  let box = await fits();
  assert.ok(box.scroll <= box.client, `before the passes: ${JSON.stringify(box)}`);
  for (const name of ['Forward pass', 'Backward: next layer', 'Backward: next layer'])
    await widget.getByRole('button', { name, exact: true }).click();
  box = await fits();
  assert.ok(box.scroll <= box.client, `every gradient shown: ${JSON.stringify(box)}`);
  await page.close();
});

test('narrow phone (320 px) lesson page: the full weight table scrolls sideways in a named region that keys can reach and scroll', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
  const problems = watch(page);
  await page.goto(server.url + '/backpropagation.html');
  await startWidgets(page);
  // The page's second backprop widget is the small network (the first is the lesson's chain).
  const widget = page.locator('.dh-widget[data-widget="backprop"]').last();
  for (const name of ['Forward pass', 'Backward: next layer', 'Backward: next layer'])
    await widget.getByRole('button', { name, exact: true }).click();
  const region = widget.getByRole('region', { name: TABLE });
  // Full: every gradient is known.
  const cells = await region.locator('tbody td:last-child').allTextContents();
  assert.equal(cells.length, 9);
  assert.ok(cells.every((t) => /^−?\d+(\.\d{1,4})?$/.test(t)), cells.join(' '));
  await checkScrollRegion(page, region, widget.getByRole('button', { name: 'Apply update' }));
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: path.join(SHOTS, 'backprop-lesson-320-table.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('no accessibility violations found by axe at 360 and 1280 px, light and dark, before and after the table fills', async () => {
  for (const width of [360, 1280]) {
    for (const dark of [false, true]) {
      const { page } = await open('', { width, height: 900 }, dark);
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${dark ? 'dark' : 'light'}, at the start`);
      for (const name of ['Forward pass', 'Backward: next layer', 'Backward: next layer']) await click(page, name);
      assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().stage), 'hidden');
      const region = page.getByRole('region', { name: TABLE });
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.equal(await region.locator('tbody tr.dh-bp-focus').count(), 6); // the hidden layer's weights and biases
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${dark ? 'dark' : 'light'}, table full`);
      await page.close();
    }
  }
});
