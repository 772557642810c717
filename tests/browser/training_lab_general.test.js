// training_lab_general.test.js: generalisation in the training lab, in headless Chromium:
// early stopping, the held-out test set (Finish and test), weight decay and the drawn
// learning-rate schedule, each checked against the same run of the wasm TrainingLab class
// in node and against values computed here from the weights; the four curve shapes of
// lessons/09-loss-curves.md made with the lesson's own recipes; keyboard, 360 px, axe and
// links.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets } = require('./harness.js');

const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));
const num = (s) => Number(String(s).replace('−', '-').replace('%', ''));
const SHOTS = path.join(SITE, '..', 'shots');
let server, browser, M;
test.before(async () => {
  [server, browser, M] = await Promise.all([serve(), launch(), createDownhill()]);
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 900 }, dark = false) {
  const page = await browser.newPage({ viewport });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=training-lab' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'One epoch' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  return { page, problems };
}
const readNum = async (page, name) => num(await page.getByLabel(name, { exact: true }).textContent());
const lab = (page, expr, i = 0) => page.evaluate(`(() => { const w = window.Downhill.widgets[${i}]; return ${expr}; })()`);
// The same run in node: a TrainingLab of the wasm module, given settings, then fn(lab).
function inNode(settings, fn) {
  const t = new M.TrainingLab();
  try { t.configure(settings); return fn(t); } finally { t.delete(); }
}
// Mean binary cross-entropy (on the logit) and accuracy of tanh layers with a linear output.
function evaluate(layers, data) {
  let total = 0, right = 0;
  for (let p = 0; p < data.size; p++) {
    let a = Array.from(data.x.slice(p * 2, p * 2 + 2));
    layers.forEach((L, l) => {
      const out = [];
      for (let j = 0; j < L.rows; j++) {
        let z = L.biases[j];
        for (let i = 0; i < L.cols; i++) z += L.weights[j * L.cols + i] * a[i];
        out.push(l === layers.length - 1 ? z : Math.tanh(z));
      }
      a = out;
    });
    const z = a[0], y = data.y[p];
    total += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    right += (z > 0 ? 1 : 0) === y ? 1 : 0;
  }
  return { loss: total / data.size, accuracy: right / data.size };
}
const norm = (layers) => Math.sqrt(layers.reduce((s, L) => s + Array.from(L.weights).reduce((t, w) => t + w * w, 0), 0));

test('early stopping stops at best + patience with the best weights back; Finish and test reports the test set once', async () => {
  const { page, problems } = await open('test=0.2');
  // As the lesson says: the overfitting preset, then early stopping set to 50.
  await page.getByRole('button', { name: 'Overfitting preset' }).click();
  await page.getByLabel('Stop early after this many epochs without improvement (0 = off)').fill('50');
  await page.getByLabel('Stop early after this many epochs without improvement (0 = off)').press('Enter');
  assert.equal(await lab(page, 'w.lab.trainEpochs(400)'), 97);
  await page.getByRole('button', { name: 'One epoch' }).click(); // nothing to train after the stop; the page shows the run
  const s = await lab(page, 'w.state()');
  const v = await lab(page, 'Array.from(w.history().validationLoss)');
  const argmin = v.indexOf(Math.min(...v));
  assert.equal(s.status, 'stopped');
  assert.equal(s.bestEpoch, argmin);
  assert.equal(await readNum(page, 'Best validation epoch'), argmin);
  assert.equal(await readNum(page, 'Epoch'), argmin + 50);
  assert.match(await page.locator('.dh-status').first().textContent(), new RegExp(`Stopped early after epoch ${argmin + 50}: .* since epoch ${argmin}`));
  // The weights on the page are the best epoch's: their validation loss, computed here, is v[best].
  const layers = await lab(page, 'w.lab.parameters()');
  const val = evaluate(layers, await lab(page, 'w.lab.validationData()'));
  assert.ok(Math.abs(val.loss - v[argmin]) < 1e-9, `${val.loss} vs ${v[argmin]}`);
  // The same run in node stops at the same epoch.
  const settings = await lab(page, 'w.settings()');
  const node = inNode(settings, (t) => { t.trainEpochs(400); t.finish(); return t.state(); });
  assert.equal(node.bestEpoch, argmin);
  assert.equal(node.epoch, argmin + 50);
  assert.ok(Number.isNaN(await lab(page, 'w.state().testLoss'))); // NaN until finished
  assert.equal(await page.getByLabel('Test loss', { exact: true }).isVisible(), false);
  // Finish and test: once.
  await page.getByRole('button', { name: 'Finish and test' }).click();
  const f = await lab(page, 'w.state()');
  assert.equal(f.finished, true);
  assert.equal(f.testSize, 60);
  assert.equal(f.testLoss, node.testLoss);
  assert.equal(f.testAccuracy, node.testAccuracy);
  const mine = evaluate(layers, await lab(page, 'w.lab.testData()'));
  assert.ok(Math.abs(mine.loss - f.testLoss) < 1e-9 && mine.accuracy === f.testAccuracy);
  assert.equal(await readNum(page, 'Test loss'), Number(f.testLoss.toFixed(4)));
  assert.equal(await readNum(page, 'Test accuracy'), Number((100 * f.testAccuracy).toFixed(1)));
  assert.match(await page.locator('.dh-status').first().textContent(), /Finished and tested once: .* on 60 points/);
  assert.match(await page.locator('[role=alert]').first().textContent(), /flatters the model/);
  assert.equal(await page.getByRole('button', { name: 'Finish and test' }).isDisabled(), true);
  assert.match(await lab(page, 'w.lab.finish()'), /tested already/);
  await page.getByRole('button', { name: 'One epoch' }).click();
  assert.equal(await readNum(page, 'Epoch'), argmin + 50); // the run is over
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(await lab(page, 'w.state().finished'), false);
  assert.equal(await page.getByRole('button', { name: 'Finish and test' }).isDisabled(), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('weight decay: the weight size shown is the weights\' own, smaller with L2, as the core computes it', async () => {
  const { page } = await open('');
  // A link without the new settings keeps the old two-way split, with nothing to test.
  const s = await lab(page, 'w.state()');
  assert.deepEqual([s.trainSize, s.validationSize, s.testSize], [250, 250, 0]);
  assert.equal(await page.getByRole('button', { name: 'Finish and test' }).isDisabled(), true);
  const sizes = [];
  for (const l2 of ['0', '0.03']) {
    await page.getByLabel('Weight decay (L2)').selectOption(l2);
    await lab(page, 'w.lab.trainEpochs(99)');
    await page.getByRole('button', { name: 'One epoch' }).click(); // the 100th, which the page shows
    const layers = await lab(page, 'w.lab.parameters()');
    const shown = await readNum(page, 'Weight size');
    assert.ok(Math.abs(shown - norm(layers)) < 1e-3, `${shown} vs ${norm(layers)}`);
    const node = inNode({ lr: 0.03, l2: Number(l2) }, (t) => { t.trainEpochs(100); return t.state().weightNorm; });
    assert.equal(await lab(page, 'w.state().weightNorm'), node);
    sizes.push(node);
  }
  assert.ok(sizes[1] < 0.7 * sizes[0], JSON.stringify(sizes));
  await page.close();
});

test('the schedule is drawn from the core\'s rates; canvas, 360 px and screenshots', async () => {
  for (const [width, dark] of [[1280, false], [360, true]]) {
    const { page } = await open('schedule=step&test=0.2&lr=0.1', { width, height: 900 }, dark);
    await lab(page, 'w.lab.trainEpochs(44)');
    await page.getByRole('button', { name: 'One epoch' }).click(); // the 45th, which the page shows
    const rates = await lab(page, 'Array.from(w.lab.rates(60))');
    rates.forEach((r, e) => assert.equal(r, 0.1 * 0.5 ** Math.floor((e * 20) / 500), `epoch ${e}`)); // 400 training points: 20 steps
    assert.match(await page.locator('canvas').getAttribute('aria-label'), /learning rate of the step schedule: 0\.1 at the start, 0\.05 now/);
    await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width);
    const ink = await canvasInk(page, page.locator('canvas'));
    assert.ok(ink.ink > 0.05 && ink.colours >= 6, JSON.stringify(ink));
    if (!dark) assert.ok(ink.black < 0.05, JSON.stringify(ink));
    await page.screenshot({ path: path.join(SHOTS, `training-lab-general-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
    await page.close();
  }
});

test('links carry weight decay, patience and the test share; old links keep the old split', async () => {
  const { page } = await open('l2=0.01&patience=50&test=0.2');
  const query = await page.evaluate(() => window.DownhillSchema.serialize('training-lab', window.Downhill.widgets[0].values()));
  assert.equal(query, 'l2=0.01&patience=50&test=0.2');
  assert.equal(await page.getByLabel('Weight decay (L2)').inputValue(), '0.01');
  assert.equal(await page.getByLabel('Held out for the test').inputValue(), '0.2');
  await lab(page, 'w.lab.trainEpochs(3)');
  const first = await lab(page, '({ s: w.settings(), h: Array.from(w.history().validationLoss) })');
  await page.close();
  const again = await open(query);
  await lab(again.page, 'w.lab.trainEpochs(3)');
  assert.deepEqual(await lab(again.page, '({ s: w.settings(), h: Array.from(w.history().validationLoss) })'), first);
  await again.page.close();
});

test('lesson 9: each shape made with its recipe is named in the status line; keyboard; axe', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watch(page);
  await page.goto(server.url + '/loss-curves.html');
  await startWidgets(page);
  const widget = page.locator('.dh-widget[data-widget="training-lab"]').nth(1);
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.Downhill.widgets.length === 2 && window.Downhill.widgets[1]);
  const status = widget.locator('.dh-status').first();
  const recipe = async (pick, epochs, words) => {
    await pick();
    await widget.getByRole('button', { name: 'Reset', exact: true }).click();
    await lab(page, `w.lab.trainEpochs(${epochs - 1})`, 1);
    await widget.getByRole('button', { name: 'One epoch' }).click(); // the last epoch by hand: the page shows it
    assert.equal(await lab(page, 'w.state().epoch', 1), epochs);
    assert.match(await status.textContent(), words);
  };
  await recipe(() => widget.getByLabel('Learning rate').selectOption('10'), 50, /jumps up and down from epoch to epoch/);
  await recipe(() => widget.getByLabel('Learning rate').selectOption('0.0001'), 100, /stuck/);
  await recipe(async () => { await widget.getByLabel('Learning rate').selectOption('0.03'); await widget.getByLabel('Weight decay (L2)').selectOption('0.01'); },
    300, /levelled off .* training has converged/);
  await recipe(() => widget.getByRole('button', { name: 'Overfitting preset' }).click(), 200, /overfitting/);
  assert.equal(await lab(page, 'w.state().testSize', 1), 60);
  // Keyboard: the new controls are in the tab order, and Finish and test works from it.
  await widget.getByRole('button', { name: 'Reset', exact: true }).focus();
  const names = [];
  for (let i = 0; i < 22; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => { const a = document.activeElement; return (a.labels && a.labels.length ? a.labels[0] : a).textContent; }));
  }
  for (const n of ['Finish and test', 'Held out for the test', 'Weight decay (L2)', 'Stop early after this many epochs without improvement (0 = off)'])
    assert.ok(names.includes(n), `${n} not reached: ${names.join(' | ')}`);
  await widget.getByRole('button', { name: 'Finish and test' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await lab(page, 'w.state().finished', 1), true);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
