// training_lab.test.js: the training lab used as a learner would, in headless Chromium:
// through its controls, with the numbers it shows checked against values computed here
// (iterations per epoch from the data's size, losses and accuracies from the model's
// weights, a linear regression retrained by hand, the best epoch from the loss history).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, startWidgets } = require('./harness.js');

const num = (s) => Number(String(s).replace('−', '-').replace('%', ''));
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
  await page.goto(server.url + '/embed.html?widget=training-lab' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'One epoch' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  return { page, problems };
}
const read = async (page, name) => page.getByLabel(name, { exact: true }).textContent();
const readNum = async (page, name) => num(await read(page, name));
const lab = (page, expr) => page.evaluate(`(() => { const w = window.Downhill.widgets[0]; return ${expr}; })()`);

// The model's loss and accuracy on a dataset, from its weights: hidden layers with the
// activation, a linear output, binary cross-entropy on the logit (or squared error).
function evaluate(layers, data, activation, loss) {
  const f = { tanh: Math.tanh, relu: (z) => Math.max(0, z), sigmoid: (z) => 1 / (1 + Math.exp(-z)), linear: (z) => z }[activation];
  let total = 0, right = 0;
  for (let p = 0; p < data.size; p++) {
    let a = Array.from(data.x.slice(p * data.inputs, (p + 1) * data.inputs));
    layers.forEach((L, l) => {
      const out = [];
      for (let j = 0; j < L.rows; j++) {
        let z = L.biases[j];
        for (let i = 0; i < L.cols; i++) z += L.weights[j * L.cols + i] * a[i];
        out.push(l === layers.length - 1 ? z : f(z));
      }
      a = out;
    });
    const z = a[0], y = data.y[p];
    if (loss === 'bce') {
      total += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
      right += (z > 0 ? 1 : 0) === y ? 1 : 0;
    } else total += (y - z) * (y - z);
  }
  return { loss: total / data.size, accuracy: right / data.size };
}

test('iterations per epoch follow the batch mode; the losses and accuracies shown match the weights', async () => {
  const { page, problems } = await open('');
  const n = await lab(page, 'w.lab.trainData().size');
  assert.equal(n, 250); // 500 points, half for training
  assert.equal(await readNum(page, 'Iterations per epoch'), Math.ceil(n / 10));
  await page.getByRole('radio', { name: /Batch \(all points\)/ }).check();
  assert.equal(await readNum(page, 'Iterations per epoch'), 1);
  await page.getByRole('radio', { name: /Stochastic/ }).check();
  assert.equal(await readNum(page, 'Iterations per epoch'), n);
  await page.getByRole('radio', { name: 'Mini-batch' }).check();
  await page.getByLabel('Batch size').fill('32');
  await page.getByLabel('Batch size').press('Enter');
  assert.equal(await readNum(page, 'Iterations per epoch'), Math.ceil(n / 32));
  // Learning rate 0.3 from the select, then three epochs.
  await page.getByLabel('Learning rate').selectOption('0.3');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'One epoch' }).click();
  assert.equal(await readNum(page, 'Epoch'), 3);
  const layers = await lab(page, 'w.lab.parameters()');
  assert.deepEqual(layers.map((L) => [L.rows, L.cols]), [[4, 2], [2, 4], [1, 2]]); // hidden 4,2 on 2 inputs
  const train = evaluate(layers, await lab(page, 'w.lab.trainData()'), 'tanh', 'bce');
  const val = evaluate(layers, await lab(page, 'w.lab.validationData()'), 'tanh', 'bce');
  assert.ok(Math.abs(await readNum(page, 'Training loss') - train.loss) <= 5.1e-5, `training loss ${await read(page, 'Training loss')} vs ${train.loss}`);
  assert.ok(Math.abs(await readNum(page, 'Validation loss') - val.loss) <= 5.1e-5, `validation loss vs ${val.loss}`);
  assert.ok(Math.abs(await readNum(page, 'Training accuracy') - 100 * train.accuracy) <= 0.051);
  assert.ok(Math.abs(await readNum(page, 'Validation accuracy') - 100 * val.accuracy) <= 0.051);
  assert.match(await page.locator('.dh-training-lab > .dh-status').textContent(), /falling|levelled|flattened|jumps|went up/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('linear regression on the line: five epochs of batch gradient descent redone by hand', async () => {
  const { page } = await open('');
  await page.getByLabel('Dataset').selectOption('line');
  // A regression dataset offers only the regression losses.
  assert.deepEqual(await page.getByLabel('Loss', { exact: true }).locator('option').evaluateAll((o) => o.map((x) => x.value)), ['mse', 'mae', 'huber']);
  assert.match(await page.getByRole('alert').textContent(), /does not fit this data, so the loss is now mean squared error/);
  await page.getByLabel('Model', { exact: true }).selectOption('linear-regression');
  await page.getByRole('radio', { name: /Batch \(all points\)/ }).check();
  await page.getByLabel('Learning rate').selectOption('0.1');
  // No accuracy for a regression: the readouts are hidden, never "n/a".
  assert.equal(await page.getByLabel('Training accuracy', { exact: true }).isVisible(), false);
  assert.equal(await page.getByLabel('Validation accuracy', { exact: true }).isVisible(), false);
  assert.doesNotMatch(await page.locator('.dh-readouts').innerText(), /n\/a/);
  const data = await lab(page, 'w.lab.trainData()');
  assert.ok(data.outlier >= 0, 'the line has its outlier');
  const [L] = await lab(page, 'w.lab.parameters()');
  let w = L.weights[0], b = L.biases[0];
  const mse = () => { let s = 0; for (let i = 0; i < data.size; i++) s += (data.y[i] - (w * data.x[i] + b)) ** 2; return s / data.size; };
  assert.ok(Math.abs(await readNum(page, 'Training loss') - mse()) <= 5.1e-5);
  for (let e = 0; e < 5; e++) {
    let gw = 0, gb = 0;
    for (let i = 0; i < data.size; i++) { const r = 2 * (w * data.x[i] + b - data.y[i]); gw += r * data.x[i]; gb += r; }
    w -= 0.1 * gw / data.size;
    b -= 0.1 * gb / data.size;
    await page.getByRole('button', { name: 'One epoch' }).click();
  }
  assert.equal(await readNum(page, 'Epoch'), 5);
  assert.ok(Math.abs(await readNum(page, 'Training loss') - mse()) <= 5.1e-5, `${await read(page, 'Training loss')} vs ${mse()}`);
  const [after] = await lab(page, 'w.lab.parameters()');
  assert.ok(Math.abs(after.weights[0] - w) < 1e-9 && Math.abs(after.biases[0] - b) < 1e-9);
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.01 && ink.black < 0.05, JSON.stringify(ink));
  await page.close();
});

test('Train runs epochs from the frame loop, Pause stops them, Reset starts over', async () => {
  const { page } = await open('speed=60');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().epoch >= 5);
  await page.getByRole('button', { name: 'Pause' }).click();
  const e = await readNum(page, 'Epoch');
  assert.ok(e >= 5);
  await page.waitForTimeout(400);
  assert.equal(await readNum(page, 'Epoch'), e);
  const hist = await lab(page, 'Array.from(w.history().trainLoss)');
  assert.equal(hist.length, e + 1);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(await readNum(page, 'Epoch'), 0);
  assert.equal(await readNum(page, 'Training loss'), Number(hist[0].toFixed(4)));
  await page.close();
});

test('the overfitting preset: the page names the best epoch and how long validation loss has risen', async () => {
  const { page } = await open('');
  await page.getByRole('button', { name: 'Overfitting preset' }).click();
  assert.equal(await page.getByLabel('Hidden layers').inputValue(), '16,16,16');
  assert.equal(await page.getByLabel('Share for training').inputValue(), '0.1');
  assert.equal(await readNum(page, 'Iterations per epoch'), 3); // 30 training points, batches of 10
  await page.getByLabel('Epochs per second').focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().epoch >= 320, null, { timeout: 30000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const E = await readNum(page, 'Epoch');
  const h = await lab(page, '({ t: Array.from(w.history().trainLoss), v: Array.from(w.history().validationLoss) })');
  let best = 0;
  for (let i = 1; i < h.v.length; i++) if (h.v[i] < h.v[best]) best = i;
  assert.ok(best > 80 && best < 220, 'best validation epoch ' + best);
  assert.ok(h.t[E] < h.t[best] && h.v[E] > h.v[best] * 1.05);
  const text = await page.locator('.dh-training-lab > .dh-status').textContent();
  assert.match(text, new RegExp(`Validation loss has risen for ${E - best} epochs while training loss keeps falling: overfitting\\. The best epoch was ${best} `));
  assert.match(await page.getByRole('img').getAttribute('aria-label'), new RegExp(`best validation epoch ${best}`));
  await page.screenshot({ path: path.join(SHOTS, 'training-lab-overfit.png') });
  await page.close();
});

test('a learning rate far too high: divergence in words, never NaN or Infinity', async () => {
  const { page } = await open('dataset=line&model=linear-regression&loss=mse&mode=batch&speed=200');
  await page.getByLabel('Learning rate').selectOption('10');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().status === 'diverged', null, { timeout: 20000 });
  const s = await lab(page, 'w.state()');
  const text = await page.locator('.dh-training-lab').innerText();
  assert.match(text, new RegExp(`Training diverged in epoch ${s.divergedEpoch}: the loss grew until it was no longer a number`));
  assert.match(text, /learning rate 10 is too high: lower it and press Reset/);
  assert.doesNotMatch(text, /NaN|Infinity/);
  assert.equal(await page.getByRole('button', { name: 'Train' }).isVisible(), true); // stopped by itself
  await page.close();
});

test('settings the schema or the core refuses are shown in words, and the run is kept', async () => {
  // A loss that does not fit the data, given in the URL: the core's message, then a loss that fits.
  const { page } = await open('dataset=line&loss=bce');
  assert.match(await page.getByRole('alert').textContent(), /This dataset is regression: bce loss needs class labels; use MSE, MAE or Huber\./);
  assert.equal(await page.getByLabel('Loss', { exact: true }).inputValue(), 'mse');
  const hidden = page.getByLabel('Hidden layers');
  // The schema's list checks the form and the limits first (the same check as for links and lessons).
  const refused = 'Hidden layers must be 1 to 8 whole numbers from 1 to 256, separated by commas, like 4,2. They stay at 4,2.';
  for (const typed of ['8,x', '300', '1,2,3,4,5,6,7,8,9', '<b>4</b>']) {
    await hidden.fill(typed);
    await hidden.press('Enter');
    assert.equal(await page.getByRole('alert').textContent(), refused, typed);
    assert.equal(await hidden.inputValue(), '4,2');
  }
  assert.equal(await hidden.getAttribute('maxlength'), '40');
  await hidden.fill('64,64,64');
  await hidden.press('Enter');
  assert.match(await page.getByRole('alert').textContent(), /keeps networks to 4096 weights and biases; this one has 8513/);
  await hidden.fill('8, 8');
  await hidden.press('Enter');
  assert.equal(await page.getByRole('alert').isVisible(), false);
  assert.deepEqual((await lab(page, 'w.lab.parameters()')).map((L) => L.rows), [8, 8, 1]);
  await page.getByLabel('Points', { exact: true }).fill('5000');
  await page.getByLabel('Points', { exact: true }).press('Enter');
  assert.match(await page.getByRole('alert').textContent(), /Points must be a whole number from 20 to 1000; it stays at 500\./);
  await page.close();
});

test('malformed URL settings fall back to defaults with a message; nothing runs as script', async () => {
  const { page } = await open('lr=%3Cimg%20src=x%20onerror=alert(1)%3E&noise=5&hidden=1e9&dataset=moons&seed=-3');
  const msg = await page.getByRole('alert').textContent();
  assert.match(msg, /“lr” must be a number/);
  assert.match(msg, /“noise” must lie between 0 and 1/);
  assert.match(msg, /“hidden” must be 1 to 8 whole numbers from 1 to 256, separated by commas, like 4,2\. Using 4,2\./);
  assert.match(msg, /“dataset” must be one of/);
  assert.match(msg, /“seed” must lie between 1 and 99999/);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(await lab(page, 'w.settings()'), { dataset: 'circle', noise: 0, points: 500, train: 0.5, outlier: 8, model: 'mlp',
    hidden: '4,2', activation: 'tanh', loss: 'bce', mode: 'mini-batch', batch: 10, lr: 0.03, optimizer: 'gd', schedule: 'constant', seed: 1,
    l2: 0, patience: 0, test: 0 });
  await page.close();
});

test('three classes: softmax cross-entropy only, three colours, accuracies in percent', async () => {
  const { page } = await open('');
  await page.getByLabel('Dataset').selectOption('blobs3');
  assert.deepEqual(await page.getByLabel('Loss', { exact: true }).locator('option').evaluateAll((o) => o.map((x) => x.value)), ['softmax-ce']);
  assert.match(await page.getByRole('alert').textContent(), /loss is now softmax cross-entropy/);
  assert.equal(await page.getByRole('list', { name: 'What the picture shows' }).getByText(/^class \d$/).count(), 3);
  await page.getByRole('button', { name: 'One epoch' }).click();
  assert.match(await read(page, 'Training accuracy'), /^\d+(\.\d)?%$/);
  await page.close();
});

test('keyboard alone reaches every control and starts training', async () => {
  const { page } = await open('');
  const names = [];
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      return a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    }));
  }
  assert.deepEqual(names, ['Train', 'One epoch', 'Reset', 'Overfitting preset', 'Dataset', 'Noise', 'Points', 'Held out for the test',
    'Share for training', 'Model', 'Hidden layers', 'Activation', 'Loss', 'Mini-batch', 'Batch size', 'Optimizer', 'Learning rate',
    'Learning-rate schedule', 'Weight decay (L2)', 'Stop early after this many epochs without improvement (0 = off)',
    'Seed', 'Epochs per second', 'Copy link', 'Embed']);
  // Back to "One epoch" and press it with Enter, then Space.
  for (let i = 0; i < 22; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.equal(await readNum(page, 'Epoch'), 2);
  // The batch-mode radios move with the arrow keys.
  await page.getByRole('radio', { name: 'Mini-batch' }).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: /Stochastic/ }).isChecked(), true);
  assert.equal(await readNum(page, 'Iterations per epoch'), 250);
  await page.close();
});

for (const dark of [false, true]) {
  test(`the canvas draws data and chart, desktop and 360 px, ${dark ? 'dark' : 'light'} theme`, async () => {
    for (const width of [1100, 360]) {
      const { page } = await open('dataset=xor&speed=200', { width, height: 900 }, dark);
      await lab(page, 'w.lab.trainEpochs(40)');
      await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= width, `page is ${overflow} px wide at ${width}`);
      const ink = await canvasInk(page, page.locator('canvas'));
      assert.ok(ink.ink > 0.05 && ink.colours >= 6, JSON.stringify(ink));
      if (!dark) assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
      await page.screenshot({ path: path.join(SHOTS, `training-lab-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
      await page.close();
    }
  });
}

test('Copy link settings reproduce the run; a lesson can hide control groups', async () => {
  const { page } = await open('');
  await page.getByLabel('Dataset').selectOption('spiral');
  await page.getByLabel('Hidden layers').fill('8,8,8');
  await page.getByLabel('Hidden layers').press('Enter');
  await page.getByLabel('Activation').selectOption('relu');
  await page.getByLabel('Seed').fill('42');
  await page.getByLabel('Seed').press('Enter');
  const query = await page.evaluate(() => window.DownhillSchema.serialize('training-lab', window.Downhill.widgets[0].values()));
  assert.equal(query, 'dataset=spiral&hidden=8%2C8%2C8&activation=relu&seed=42');
  const first = await lab(page, '({ s: w.settings(), loss: w.state().trainLoss })');
  await page.close();
  const again = await open(query + '&hide=data,model');
  assert.deepEqual(await lab(again.page, 'w.settings()'), first.s);
  assert.equal(await lab(again.page, 'w.state().trainLoss'), first.loss); // the same seeded data and weights
  assert.equal(await again.page.getByLabel('Dataset').isVisible(), false);
  assert.equal(await again.page.getByLabel('Hidden layers').isVisible(), false);
  assert.equal(await again.page.getByLabel('Seed').isVisible(), true);
  await again.page.close();
});

test('Adam with a schedule: picked in the controls, trains to a finite falling loss, kept by Copy link', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=training-lab');
  await page.getByRole('button', { name: 'One epoch' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  // The optimizer list is the schema's, labelled by the core's table.
  assert.deepEqual(await page.getByLabel('Optimizer').locator('option').evaluateAll((o) => o.map((x) => x.textContent)),
    ['Gradient descent', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSProp', 'Adam']);
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Learning-rate schedule').selectOption('cosine');
  const start = await readNum(page, 'Training loss');
  const losses = [start];
  for (let i = 0; i < 6; i++) {
    await page.getByRole('button', { name: 'One epoch' }).click();
    losses.push(await readNum(page, 'Training loss'));
  }
  assert.equal(await readNum(page, 'Epoch'), 6);
  assert.ok(losses.every(Number.isFinite), losses.join(' '));
  assert.ok(losses[6] < 0.8 * losses[0], `the loss fell: ${losses.join(' ')}`);
  const history = await lab(page, 'Array.from(w.history().trainLoss)');
  assert.equal(history.length, 7);
  history.forEach((v, e) => assert.ok(Math.abs(v - losses[e]) < 1e-4, `epoch ${e}: ${v} shown as ${losses[e]}`));
  // The cosine schedule has lowered the rate after 6 epochs of 25 steps: 0.03 (1 + cos(pi 150/5000)) / 2.
  assert.ok(Math.abs(await lab(page, 'w.state().learningRateNow') - 0.03 * (1 + Math.cos(Math.PI * 150 / 5000)) / 2) < 1e-12);
  const values = await lab(page, 'w.values()');
  assert.equal(values.optimizer, 'adam');
  assert.equal(values.schedule, 'cosine');
  assert.equal(await page.evaluate(() => window.DownhillSchema.serialize('training-lab', window.Downhill.widgets[0].values())),
    'optimizer=adam&schedule=cosine');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=training-lab/);
  assert.match(link, /optimizer=adam(&|$)/);
  assert.match(link, /schedule=cosine(&|$)/);
  // The link opens the same run: Adam, cosine, and the same first epochs.
  const again = await context.newPage();
  await again.goto(link);
  await again.getByRole('button', { name: 'One epoch' }).and(again.locator(':enabled')).waitFor();
  await again.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  assert.equal(await again.getByLabel('Optimizer').inputValue(), 'adam');
  assert.equal(await again.getByLabel('Learning-rate schedule').inputValue(), 'cosine');
  assert.deepEqual(await lab(again, 'w.values()'), values);
  await lab(again, 'w.lab.trainEpochs(6)');
  assert.deepEqual(await lab(again, 'Array.from(w.history().trainLoss)'), history);
  // Plain gradient descent from the same start falls more slowly over those epochs.
  await page.getByLabel('Optimizer').selectOption('gd');
  await page.getByLabel('Learning-rate schedule').selectOption('constant');
  await lab(page, 'w.lab.trainEpochs(6)');
  const gd = await lab(page, 'w.state().trainLoss');
  assert.ok(Number.isFinite(gd) && gd > history[6], `gd ${gd} vs adam ${history[6]}`);
  await context.close();
});

test('phone (360 px) lesson page: every control stays inside its group box', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(server.url + '/loss-curves.html');
  await startWidgets(page);
  const outside = await page.evaluate(() => [...document.querySelectorAll('.dh-training-lab fieldset.dh-group')].flatMap((group) => {
    const g = group.getBoundingClientRect();
    return [...group.querySelectorAll('select, input, label, button')].filter((e) => e.getClientRects().length > 0).flatMap((e) => {
      const r = e.getBoundingClientRect();
      return r.left < g.left - 0.5 || r.right > g.right + 0.5
        ? [`${e.tagName.toLowerCase()} “${(e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim()}” ${r.left.toFixed(1)}..${r.right.toFixed(1)} in ${g.left.toFixed(1)}..${g.right.toFixed(1)}`] : [];
    });
  }));
  assert.deepEqual(outside, []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
  await page.close();
});
