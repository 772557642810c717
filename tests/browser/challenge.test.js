// challenge.test.js: teachers' challenge links on Learning rates side by side, Optimizer
// race and Training lab (Roll Downhill's is in embed.test.js). Each widget is driven
// through its controls: a reachable goal is met and congratulated with the numbers its
// readouts show, an unreachable one says "Not this time", a run that does not count says
// why, the goal stays in the Embed code, and hostile goal values give no challenge and
// the settings message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serve, launch, watch } = require('./harness.js');

let site, browser;
test.before(async () => { site = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await site.close(); });

async function open(widget, query, viewport = { width: 1100, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = watch(page);
  await page.goto(`${site.url}/embed.html?widget=${widget}&${query}`);
  await page.waitForFunction(() => window.Downhill && window.Downhill.ready);
  await page.evaluate(() => window.Downhill.ready.then(() => true));
  return { page, problems, banner: page.locator('.dh-challenge') };
}
const text = async (locator) => (await locator.textContent()).trim();
// The challenge line as it shows (a screen reader hears its count-free twin only on changes).
const shown = (banner) => text(banner.locator('.dh-challenge-text'));
const met = (page) => page.evaluate(() => window.Downhill.widgets[0].challengeMet());
const goalValues = (page) => page.evaluate(() => {
  const v = window.Downhill.widgets[0].values();
  return Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('goal')));
});
const click = async (page, name, n = 1) => { for (let i = 0; i < n; i++) await page.getByRole('button', { name, exact: true }).click(); };
// Clicks `name` until the banner congratulates (at most `max` times); returns the clicks.
async function clickUntilMet(page, banner, name, max) {
  for (let i = 1; i <= max; i++) {
    await click(page, name);
    if ((await shown(banner)).startsWith('Well done')) return i;
  }
  return -1;
}
// The banner fits a phone's width: nothing sticks out of it or off the page.
async function fitsNarrow(page, banner) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(200);
  const box = await banner.evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth, right: b.getBoundingClientRect().right,
    page: document.documentElement.scrollWidth }));
  assert.ok(box.scroll <= box.client && box.right <= 360 && box.page <= 360, JSON.stringify(box));
}
// The Embed code carries the goal (the query of its iframe's address).
async function embedQuery(page) {
  await page.getByRole('button', { name: 'Embed' }).click();
  const snippet = await page.getByLabel('Embed code').inputValue();
  return new URL(/src="([^"]+)"/.exec(snippet)[1].replace(/&amp;/g, '&')).searchParams;
}
// A goal value from the URL that must not make a challenge: the settings message shows.
async function hostile(widget, query, message) {
  const { page, problems, banner } = await open(widget, query);
  let dialog = false;
  page.on('dialog', (d) => { dialog = true; d.dismiss(); });
  assert.match(await text(page.getByRole('alert').first()), message, query);
  assert.equal(await banner.isHidden(), true, query);
  assert.equal(await met(page), false);
  for (const v of Object.values(await goalValues(page))) assert.equal(v, null, query);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('.dh-widget script, .dh-widget img').count(), 0);
  assert.equal(dialog, false);
  assert.deepEqual(problems, [], query);
  await page.close();
}
const SCRIPT = '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E';

// ---- Learning rates side by side ---------------------------------------------------------
const lrCard = async (page, which) => {
  const dd = page.getByRole('region', { name: new RegExp(`^${which} learning rate`) }).locator('dd');
  return { step: await text(dd.nth(0)), loss: await text(dd.nth(2)) };
};
const typeRate = async (page, label, value) => {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Enter');
};

test('lr-compare: a medium learning rate that meets the goal is congratulated with the run\'s numbers', async () => {
  const { page, problems, banner } = await open('lr-compare', 'goalLoss=0.001&goalSteps=5');
  assert.equal(await shown(banner), 'Challenge: find a medium learning rate that brings the loss below 0.001 within 5 steps on the bowl from x = 2.5. Steps used: 0.');
  assert.equal(await banner.getAttribute('role'), 'status');
  // What a screen reader hears: the task, without the count that changes every step.
  assert.equal(await banner.locator('.dh-sr-only').textContent(),
    'Challenge: find a medium learning rate that brings the loss below 0.001 within 5 steps on the bowl from x = 2.5.');
  // On f(x) = x² each step multiplies x by 1 − 2η: with η = 0.4 the loss is 6.25 · 0.04^k.
  await typeRate(page, 'Medium learning rate', '0.4');
  let x = 2.5, k = 0;
  while (x * x >= 0.001) { x *= 1 - 2 * 0.4; k++; }
  assert.equal(k, 3);
  await click(page, 'Step', k - 1);
  assert.equal(await shown(banner), `Challenge: find a medium learning rate that brings the loss below 0.001 within 5 steps on the bowl from x = 2.5. Steps used: ${k - 1}.`);
  await click(page, 'Step');
  const m = /^Well done! The medium run \(η = 0\.4\) reached a loss of (\S+) in (\d+) steps \(the goal: below 0\.001 within 5\)\.$/.exec(await shown(banner));
  assert.ok(m, await shown(banner));
  const card = await lrCard(page, 'Medium');
  assert.equal(m[1], card.loss);
  assert.equal(m[2], card.step);
  assert.equal(Number(m[2]), k);
  assert.ok(Math.abs(Number(m[1]) - x * x) < 5e-5, `${m[1]} vs ${x * x}`);
  assert.equal(await banner.evaluate((b) => b.classList.contains('dh-done')), true);
  assert.equal(await met(page), true);
  // Met stays met: a reset or another rate does not take it back.
  await click(page, 'Reset');
  await typeRate(page, 'Medium learning rate', '0.01');
  assert.match(await shown(banner), /^Well done! The medium run \(η = 0\.4\)/);
  assert.equal(await met(page), true);
  // Copy link and the Embed code keep the goal.
  assert.deepEqual(await goalValues(page), { goalLoss: 0.001, goalSteps: 5 });
  const q = await embedQuery(page);
  assert.equal(q.get('goalLoss'), '0.001');
  assert.equal(q.get('goalSteps'), '5');
  await fitsNarrow(page, banner);
  assert.deepEqual(problems, []);
  await page.close();
});

test('lr-compare: out of steps, a run that blows up and another curve each say so', async () => {
  let { page, banner } = await open('lr-compare', 'goalLoss=0.001&goalSteps=3');
  // The curve's own medium rate, 0.1: after 3 steps the loss is still 6.25 · 0.64³ ≈ 1.64.
  await click(page, 'Step', 3);
  assert.match(await shown(banner), /Steps used: 3\.$/);
  await click(page, 'Step');
  assert.equal(await shown(banner), 'Challenge: find a medium learning rate that brings the loss below 0.001 within 3 steps on the bowl from x = 2.5. ' +
    'Not this time: 4 steps so far. Try another medium learning rate.');
  assert.equal(await banner.evaluate((b) => b.classList.contains('dh-done')), false);
  assert.equal(await met(page), false);
  await page.close();

  ({ page, banner } = await open('lr-compare', 'curve=steep&medium=2.2&goalLoss=0.001&goalSteps=50'));
  const steps = await clickUntilMet(page, banner, 'Step', 8);
  assert.equal(steps, -1);
  const blew = /Not this time: the medium run blew up at step (\d+)\. Try another medium learning rate\.$/.exec(await shown(banner));
  assert.ok(blew, await shown(banner));
  assert.match((await page.getByRole('region', { name: /^Medium learning rate/ }).locator('p').textContent()), new RegExp(`at step ${blew[1]}`));
  // Another curve: the run no longer counts, and the banner says where it does.
  await page.getByLabel('Curve', { exact: true }).selectOption('bowl');
  assert.match(await shown(banner), /on the steep bowl from x = 1\. This run does not count: go back to that curve and start\.$/);
  await page.close();
});

test('lr-compare: hostile goal values give no challenge and the settings message', async () => {
  await hostile('lr-compare', `goalLoss=${SCRIPT}&goalSteps=5`, /“goalLoss” must be a number\. It was ignored\./);
  await hostile('lr-compare', 'goalLoss=NaN', /“goalLoss” must be a number\. It was ignored\./);
  await hostile('lr-compare', 'goalLoss=1e308&goalSteps=1e308', /“goalLoss” must lie between -2 and 100\. It was ignored\..*“goalSteps” must lie between 1 and 1000/);
});

// ---- Optimizer race ------------------------------------------------------------------------
const raceCard = async (page, name) => {
  const dd = page.getByRole('region', { name, exact: true }).locator('dd');
  return { step: await text(dd.nth(0)), distance: await text(dd.nth(2)) };
};

test('optimizer-race: adding a racer that meets the goal is congratulated with its numbers', { timeout: 120000 }, async () => {
  // One rate for every racer, 0.03 (at their tuned rates gradient descent alone would arrive in 94 steps).
  const { page, problems, banner } = await open('optimizer-race', 'optimizers=gd,adam&lr=0.03&goalDistance=0.01&goalSteps=100');
  assert.equal(await shown(banner), 'Challenge: bring a racer within 0.01 of the global minimum in at most 100 steps on the ravine surface, ' +
    'starting at (−4.5, 1.2). Steps used: 0.');
  await page.getByRole('checkbox', { name: /Momentum/ }).check();
  const steps = await clickUntilMet(page, banner, 'Step', 100);
  assert.ok(steps > 0 && steps <= 100, `met after ${steps} steps`);
  const m = /^Well done! Momentum came within (\S+) of the global minimum at step (\d+) \(the goal: within 0\.01 in at most 100 steps\)\.$/.exec(await shown(banner));
  assert.ok(m, await shown(banner));
  // The ravine's one minimum is at (0, 0): the card's distance to the nearest minimum is the same.
  const card = await raceCard(page, 'Momentum');
  assert.equal(m[1], card.distance);
  assert.equal(m[2], card.step);
  assert.equal(Number(m[2]), steps);
  assert.ok(Number(m[1]) <= 0.01);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state().racers.find((r) => r.name === 'momentum'));
  assert.ok(Math.abs(Math.hypot(s.x, s.y) - Number(m[1])) < 5e-5, `${Math.hypot(s.x, s.y)} vs ${m[1]}`);
  // Neither racer of the link got there first.
  for (const name of ['Gradient descent', 'Adam']) assert.ok(Number((await raceCard(page, name)).distance) > 0.01, name);
  assert.equal(await met(page), true);
  await click(page, 'Reset');
  assert.match(await shown(banner), /^Well done! Momentum/);
  assert.deepEqual(await goalValues(page), { goalDistance: 0.01, goalSteps: 100 });
  const q = await embedQuery(page);
  assert.equal(q.get('goalDistance'), '0.01');
  assert.equal(q.get('goalSteps'), '100');
  assert.equal(q.get('optimizers'), null); // gd, momentum and adam: the default racers
  await fitsNarrow(page, banner);
  assert.deepEqual(problems, []);
  await page.close();
});

test('optimizer-race: out of steps, and another surface, each say so', async () => {
  const { page, banner } = await open('optimizer-race', 'surface=rosenbrock&goalDistance=0.01&goalSteps=20');
  await click(page, 'Step', 20);
  assert.match(await shown(banner), /Steps used: 20\.$/);
  await click(page, 'Step');
  assert.equal(await shown(banner), 'Challenge: bring a racer within 0.01 of the global minimum in at most 20 steps on the Rosenbrock surface, ' +
    'starting at (−1.2, 1). Not this time: 21 steps so far. Pick other racers or change the learning rate, then press Reset.');
  assert.equal(await met(page), false);
  await page.getByLabel('Surface', { exact: true }).selectOption('bowl');
  assert.match(await shown(banner), /starting at \(−1\.2, 1\)\. This run does not count: go back to that surface and start\.$/);
  // Another start on the right surface does not count either.
  await page.getByLabel('Surface', { exact: true }).selectOption('rosenbrock');
  assert.match(await shown(banner), /Steps used: 0\.$/);
  await page.getByLabel('Start x', { exact: true }).fill('0.9');
  await page.getByLabel('Start x', { exact: true }).press('Enter');
  assert.match(await shown(banner), /This run does not count: go back to that surface and start\.$/);
  await page.close();
});

test('optimizer-race: hostile goal values give no challenge and the settings message', async () => {
  await hostile('optimizer-race', `goalDistance=${SCRIPT}`, /“goalDistance” must be a number\. It was ignored\./);
  await hostile('optimizer-race', 'goalDistance=NaN&goalSteps=NaN', /“goalDistance” must be a number\. It was ignored\..*“goalSteps” must be a number/);
  await hostile('optimizer-race', 'goalDistance=1e308', /“goalDistance” must lie between 0\.0001 and 10\. It was ignored\./);
});

// ---- Training lab --------------------------------------------------------------------------
const readout = async (page, name) => text(page.getByLabel(name, { exact: true }));

test('training-lab: a learning rate that meets the goal is congratulated with the readouts\' numbers', { timeout: 120000 }, async () => {
  const { page, problems, banner } = await open('training-lab', 'goalLoss=0.2&goalEpochs=20');
  assert.equal(await shown(banner), 'Challenge: bring the validation loss below 0.2 within 20 epochs on the circle data without noise. Epochs used: 0.');
  // The lab's own learning rate (0.03) is too slow for this; 0.1 is not.
  await page.getByLabel('Learning rate').selectOption('0.1');
  const epochs = await clickUntilMet(page, banner, 'One epoch', 20);
  assert.ok(epochs > 0, 'met within 20 epochs');
  const m = /^Well done! You reached a validation loss of (\S+) after (\d+) epochs \(the goal: below 0\.2 within 20\)\.$/.exec(await shown(banner));
  assert.ok(m, await shown(banner));
  assert.equal(m[1], await readout(page, 'Validation loss'));
  assert.equal(m[2], await readout(page, 'Epoch'));
  assert.equal(Number(m[2]), epochs);
  // The history agrees: below the goal now, not before.
  const v = await page.evaluate(() => Array.from(window.Downhill.widgets[0].history().validationLoss));
  assert.equal(v.length, epochs + 1);
  assert.ok(v[epochs] < 0.2 && v.slice(1, epochs).every((x) => x >= 0.2), v.join(' '));
  assert.equal(await met(page), true);
  await click(page, 'Reset');
  assert.match(await shown(banner), /^Well done!/);
  assert.deepEqual(await goalValues(page), { goalLoss: 0.2, goalEpochs: 20 });
  const q = await embedQuery(page);
  assert.equal(q.get('goalLoss'), '0.2');
  assert.equal(q.get('goalEpochs'), '20');
  assert.equal(q.get('lr'), '0.1');
  await fitsNarrow(page, banner);
  assert.deepEqual(problems, []);
  await page.close();
});

test('training-lab: out of epochs, and other data, each say so', { timeout: 120000 }, async () => {
  const { page, banner } = await open('training-lab', 'goalLoss=0.2&goalEpochs=5');
  await click(page, 'One epoch', 5);
  assert.match(await shown(banner), /Epochs used: 5\.$/);
  assert.ok(Number(await readout(page, 'Validation loss')) >= 0.2);
  await click(page, 'One epoch');
  assert.equal(await shown(banner), 'Challenge: bring the validation loss below 0.2 within 5 epochs on the circle data without noise. ' +
    'Not this time: 6 epochs so far. Try another learning rate, model or batch mode, and press Reset.');
  assert.equal(await met(page), false);
  await page.getByLabel('Dataset').selectOption('xor');
  assert.match(await shown(banner), /on the circle data without noise\. This run does not count: go back to that data\.$/);
  await page.close();
});

test('training-lab: hostile goal values give no challenge and the settings message', async () => {
  await hostile('training-lab', `goalLoss=${SCRIPT}&goalEpochs=3`, /“goalLoss” must be a number\. It was ignored\./);
  await hostile('training-lab', 'goalLoss=NaN', /“goalLoss” must be a number\. It was ignored\./);
  await hostile('training-lab', 'goalLoss=1e308&goalEpochs=-1', /“goalLoss” must lie between 0\.0001 and 100\. It was ignored\..*“goalEpochs” must lie between 1 and 5000/);
});
