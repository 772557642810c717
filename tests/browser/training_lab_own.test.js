// training_lab_own.test.js: the training lab on the learner's own data, in headless
// Chromium: a CSV with a mistake is refused with its line named in the widget's alert;
// clicks on the data plot add and remove points where they land (the plot's layout
// written out here); the drawn points decide the boundary a logistic regression learns
// (its weights read back and checked at probe points); a copied link reproduces the points
// in a new page; more than 200 points are offered as a CSV download instead.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, axeViolations } = require('./harness.js');

const SHOTS = path.join(SITE, '..', 'shots');
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 900 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=training-lab' + (query ? '&' + query : ''));
  await page.getByRole('button', { name: 'One epoch' }).and(page.locator(':enabled')).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  return { page, problems };
}
const lab = (page, expr) => page.evaluate(`(() => { const w = window.Downhill.widgets[0]; return ${expr}; })()`);
const alertText = (page) => page.locator('.dh-message[role="alert"]').textContent();
const csvBox = (page) => page.getByLabel('Points as CSV (x, y, label)');

// The data plot on a w x h canvas (src/views/training_lab_view.cpp, MakeTrainingLabLayout):
// a square of side s at (8, 8) beside the chart, or centred above it on a tall canvas.
function dataRect(w, h) {
  if (h > 0.8 * w) {
    const s = Math.max(60, Math.min(w - 16, h * 0.6));
    const left = Math.floor((w - s) * 0.5);
    return { left, top: 8, s };
  }
  return { left: 8, top: 8, s: Math.max(60, Math.min(h - 16, w * 0.48)) };
}
// Clicks the canvas where data point (x, y) is drawn (own data inside [-6, 6] keeps that range).
async function clickData(page, x, y) {
  const canvas = page.locator('canvas.dh-canvas');
  const box = await canvas.boundingBox();
  const r = dataRect(box.width, box.height);
  await canvas.click({ position: { x: r.left + ((x + 6) / 12) * r.s, y: r.top + ((6 - y) / 12) * r.s } });
}
const points = async (page) => {
  const rows = (await lab(page, 'w.lab.pointsCsv()')).trim().split('\n').slice(1);
  return rows.map((r) => r.split(',').map(Number));
};
const chooseMode = (page, name) => page.getByRole('radio', { name, exact: true }).check();
// A logistic regression's logit at (x, y), from its weights.
const logit = (L, x, y) => L[0].weights[0] * x + L[0].weights[1] * y + L[0].biases[0];

test('a CSV with a mistake names its line in the alert and changes nothing; a good one is used', async () => {
  const { page, problems } = await open('dataset=own');
  assert.equal(await lab(page, 'w.lab.ownData().points'), 6);
  assert.match(await csvBox(page).inputValue(), /^x,y,label\n-3,2,0\n/);
  await csvBox(page).fill('x,y,label\n1,2,0\n3,4,1\n5,6,cat\n7,8,1\n');
  await page.getByRole('button', { name: 'Use this data' }).click();
  assert.equal(await alertText(page), "Line 4: the label 'cat' is not a class number (0, 1 or 2).");
  assert.equal(await lab(page, 'w.lab.ownData().points'), 6);
  // Hostile text is shown as text, shortened, never run.
  await csvBox(page).fill('1,1,0\n2,2,1\n</script><img src=x onerror=alert(1)>,1,0\n');
  await page.getByRole('button', { name: 'Use this data' }).click();
  assert.equal(await alertText(page), "Line 3: '</script><img src=x oner…' is not a number.");
  assert.equal(await page.locator('.dh-message img').count(), 0);
  await csvBox(page).fill('2,1e400,0\n');
  await page.getByRole('button', { name: 'Use this data' }).click();
  assert.equal(await alertText(page), "Line 1: '1e400' is too large: x and y must lie between -1000 and 1000.");
  // Semicolons and a header: used, and the box shows the points as the lab reads them.
  await csvBox(page).fill('x;y;label\n\n-1;-1;0\n-2;-1;0\n1;1;1\n2;1;1\n0;5;2\n');
  await page.getByRole('button', { name: 'Use this data' }).click();
  assert.deepEqual(await points(page), [[-1, -1, 0], [-2, -1, 0], [1, 1, 1], [2, 1, 1], [0, 5, 2]]);
  // Three classes: the loss moved to softmax cross-entropy (and says so), and the legend shows class 2.
  assert.equal(await alertText(page), 'Binary cross-entropy does not fit this data, so the loss is now softmax cross-entropy.');
  assert.equal(await lab(page, 'w.lab.settings().loss'), 'softmax-ce');
  assert.equal(await lab(page, 'w.lab.state().classes'), 3);
  assert.match(await page.locator('.dh-legend').textContent(), /class 2/);
  // With the keyboard alone: type into the box, Tab to Use this data, Enter.
  await csvBox(page).fill('');
  await csvBox(page).focus();
  await page.keyboard.type('0,0,0\n1,0,0\n0,3,1\n1,3,1\n');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.deepEqual(await points(page), [[0, 0, 0], [1, 0, 0], [0, 3, 1], [1, 3, 1]]);
  // A file dropped on the box is read like typed text.
  await page.locator('.dh-own input[type="file"]').setInputFiles({ name: 'p.csv', mimeType: 'text/csv',
    buffer: Buffer.from('1,1,0\n2,2,1\n3,3,0\n4,x,1\n') });
  await page.waitForFunction(() => /^Line 4/.test(document.querySelector('.dh-message').textContent));
  assert.equal(await alertText(page), "Line 4: 'x' is not a number.");
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicks add and remove points where they land; the drawn points decide the boundary', async () => {
  const { page, problems } = await open('dataset=own&model=logistic-regression&mode=batch&lr=1&train=0.9&speed=200');
  assert.equal(await lab(page, 'w.lab.settings().dataset'), 'own');
  // Left against right: class 0 clicked on the left, class 1 on the right (beside the six starters).
  await chooseMode(page, 'Add class 0');
  for (const [x, y] of [[-4, 3], [-2, 0], [-5, -4]]) await clickData(page, x, y);
  await chooseMode(page, 'Add class 1');
  for (const [x, y] of [[4, 3], [2, 0], [5, -4]]) await clickData(page, x, y);
  const drawn = await points(page);
  assert.equal(drawn.length, 12);
  const added = drawn.slice(6);
  [[-4, 3, 0], [-2, 0, 0], [-5, -4, 0], [4, 3, 1], [2, 0, 1], [5, -4, 1]].forEach(([x, y, c], i) => {
    assert.ok(Math.abs(added[i][0] - x) < 0.05 && Math.abs(added[i][1] - y) < 0.05 && added[i][2] === c, JSON.stringify(added[i]));
  });
  const train = async () => {
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.Downhill.widgets[0].lab.state().epoch >= 300, null, { timeout: 30000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    return lab(page, 'w.lab.parameters()');
  };
  const a = await train();
  assert.equal(await page.getByLabel('Training accuracy', { exact: true }).textContent(), '100%');
  assert.ok(logit(a, -4, 0) < 0 && logit(a, 4, 0) > 0, 'left is class 0, right class 1');
  assert.ok(Math.abs(a[0].weights[0]) > Math.abs(a[0].weights[1]), 'a boundary nearer upright than level');

  // Top against bottom: class 1 above, class 0 below; the starters that disagree are removed.
  for (const [x, y] of [[-3, 4], [0, 3], [3, 5]]) await clickData(page, x, y);
  await chooseMode(page, 'Add class 0');
  for (const [x, y] of [[-3, -5], [0, -3], [3, -4]]) await clickData(page, x, y);
  await chooseMode(page, 'Remove');
  // Every point of the left-right picture goes: the six starters and the six clicked.
  for (const [x, y] of [[-3, 2], [-4, -1], [-2, -3], [3, 2], [4, -1], [2, -3], [-4, 3], [-2, 0], [-5, -4], [4, 3], [2, 0], [5, -4]])
    await clickData(page, x, y);
  const left = await points(page);
  assert.deepEqual(left.map((p) => p[2]), [1, 1, 1, 0, 0, 0]);
  assert.ok(left.every(([, y, c]) => (y > 0) === (c === 1)));
  // A click on empty ground in Remove mode removes nothing and says so.
  await clickData(page, 5, 0);
  assert.equal(await alertText(page), 'There is no point there to remove: click on a point.');
  assert.equal((await points(page)).length, 6);
  const b = await train();
  assert.equal(await page.getByLabel('Training accuracy', { exact: true }).textContent(), '100%');
  assert.ok(logit(b, 0, 4) > 0 && logit(b, 0, -4) < 0, 'top is class 1, bottom class 0');
  assert.ok(Math.abs(b[0].weights[1]) > Math.abs(b[0].weights[0]), 'a boundary nearer level than upright');
  // Removing below four points is refused with the reason.
  for (const [x, y] of [[-3, 4], [0, 3]]) await clickData(page, x, y);
  assert.equal((await points(page)).length, 4);
  await clickData(page, 3, 5);
  assert.equal(await alertText(page), 'Keep at least 4 points: the lab needs some to train on and some to validate.');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a copied link reproduces the drawn points in a new page; above 200 points a CSV download is offered', async () => {
  const { page, problems } = await open('dataset=own&seed=7');
  await chooseMode(page, 'Add class 1');
  await clickData(page, 1.37, -2.21);
  await chooseMode(page, 'Add class 2');
  await clickData(page, -0.5, 4.5);
  const url = await page.evaluate(() => window.DownhillWidgets.shareUrl('training-lab', window.Downhill.widgets[0].values()));
  assert.match(url, /[?&]own=-3_2_0_-4_-1_0_/);
  assert.match(url, /[?&]dataset=own/);
  const csv = await lab(page, 'w.lab.pointsCsv()');
  const trainData = await lab(page, 'Array.from(w.lab.trainData().x)');
  const other = await browser.newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'One epoch' }).and(other.locator(':enabled')).waitFor();
  await other.waitForFunction(() => window.Downhill.widgets[0]);
  assert.equal(await lab(other, 'w.lab.pointsCsv()'), csv);
  assert.deepEqual(await lab(other, 'Array.from(w.lab.trainData().x)'), trainData); // the same split (seed 7)
  assert.equal(await lab(other, 'w.lab.settings().loss'), 'softmax-ce');
  assert.equal(await other.locator('.dh-message').isHidden(), true);
  await other.close();
  // A link with a broken point list says which point, and starts from the example points.
  const bad = await browser.newPage();
  await bad.goto(server.url + '/embed.html?widget=training-lab&dataset=own&own=1_2_0_3_x_1_5_6_0_7_8_1');
  await bad.getByRole('button', { name: 'One epoch' }).and(bad.locator(':enabled')).waitFor();
  assert.match(await alertText(bad), /^Point 2 of the link: 'x' is not a number\. Your own data starts from its six example points instead\./);
  assert.equal(await lab(bad, 'w.lab.ownData().points'), 6);
  await bad.close();

  // 250 points: the link leaves them out and says so; Download CSV saves exactly the points.
  const rows = Array.from({ length: 250 }, (_, i) => `${(i % 25) / 5 - 2.5},${Math.floor(i / 25) / 2 - 2.5},${i % 25 < 12 ? 0 : 1}`);
  assert.equal(await lab(page, `w.setPoints(${JSON.stringify('x,y,label\n' + rows.join('\n'))})`), true);
  assert.equal(await lab(page, 'w.lab.ownData().points'), 250);
  assert.match(await page.locator('.dh-own').textContent(),
    /250 points: a link carries at most 200, so Copy link and Embed leave these points out\. Download the CSV to share them\./);
  assert.equal(await lab(page, 'w.values().own'), '');
  const big = await page.evaluate(() => window.DownhillWidgets.shareUrl('training-lab', window.Downhill.widgets[0].values()));
  assert.doesNotMatch(big, /own=/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'downhill-points.csv');
  const saved = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(saved, await lab(page, 'w.lab.pointsCsv()'));
  assert.equal(saved.trim().split('\n').length, 251);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a challenge on points a link gives counts only on those points', async () => {
  const { page, problems } = await open('dataset=own&own=-2_0_0_-3_1_0_2_0_1_3_1_1&goalLoss=0.5&goalEpochs=50');
  const banner = page.locator('.dh-challenge-text');
  assert.match(await banner.textContent(), /^Challenge: bring the validation loss below 0\.5 within 50 epochs on the points this link gives\./);
  await chooseMode(page, 'Add class 0');
  await clickData(page, -4, -4);
  assert.match(await banner.textContent(), /This run does not count: go back to that data\.$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('own data renders at 1280 and 360 px (pictures in build/shots)', async () => {
  for (const width of [1280, 360]) {
    const { page, problems } = await open('dataset=own&lr=0.3&speed=200', { width, height: 900 });
    await chooseMode(page, 'Add class 1');
    for (const [x, y] of [[0, 4], [1, 3], [-1, 3.5]]) await clickData(page, x, y);
    await chooseMode(page, 'Add class 2');
    for (const [x, y] of [[0, -4], [1, -4.5], [-1, -3.5]]) await clickData(page, x, y);
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.Downhill.widgets[0].lab.state().epoch >= 100, null, { timeout: 30000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.equal(await lab(page, 'w.lab.state().classes'), 3);
    // Nothing wider than the page.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    await page.screenshot({ path: path.join(SHOTS, `training-lab-own-${width}.png`), fullPage: true });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
