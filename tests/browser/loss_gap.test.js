// loss_gap.test.js: the loss gap slider used through its controls, in headless Chromium.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { serve, launch, watch, canvasInk, touchScreen } = require('./harness.js');

const num = (s) => Number(String(s).replace('−', '-'));
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

test('the blood-sugar example: truth 0.85, prediction 0.62, gap 0.23', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=loss-gap');
  await page.getByRole('slider', { name: 'Prediction' }).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  const read = async (name) => num(await page.getByLabel(name, { exact: true }).textContent());
  assert.equal(await read('Gap'), 0.23);
  assert.equal(await read('Squared error'), 0.0529);
  assert.equal(await read('Absolute error'), 0.23);
  assert.equal(await read('Huber loss'), 0.0264); // 0.5 * 0.23^2, inside delta 0.25
  assert.equal(await read('Cross-entropy'), 0.5515); // -(0.85 ln 0.62 + 0.15 ln 0.38)

  // Drag the prediction to 0.92 by keyboard, truth to 0 (the apple/orange example).
  await page.getByRole('slider', { name: 'Prediction' }).focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('slider', { name: 'True value' }).focus();
  await page.keyboard.press('Home');
  assert.equal(await read('Squared error'), 0.8464);
  assert.equal(await read('Gap'), 0.92);
  assert.equal(await read('Huber loss'), 0.1988); // 0.25 * (0.92 - 0.125)
  assert.equal(await read('Cross-entropy'), Number((-Math.log(1 - 0.92)).toFixed(4)));
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.02 && ink.black < 0.05, JSON.stringify(ink));
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicking the number line moves the prediction; bad settings fall back with a message', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.goto(server.url + '/embed.html?widget=loss-gap&truth=2&prediction=NaN');
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  assert.match(await page.getByRole('alert').textContent(), /“truth” must lie between 0 and 1.*“prediction” must be a number/);
  const box = await page.locator('canvas').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + 40);
  const p = num(await page.locator('output[for]').first().textContent());
  assert.ok(Math.abs(p - 0.5) <= 0.02, 'prediction after clicking the middle: ' + p);
  await page.close();
});

test('Copy link reproduces the state: the link opens with the same truth, prediction and losses', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=loss-gap');
  await page.getByRole('slider', { name: 'Prediction' }).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  await page.getByRole('slider', { name: 'Prediction' }).focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowLeft');   // 0.62 -> 0.55
  await page.getByRole('slider', { name: 'True value' }).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');   // 0.85 -> 0.80
  const read = async (p, name) => num(await p.getByLabel(name, { exact: true }).textContent());
  const before = { gap: await read(page, 'Gap'), mse: await read(page, 'Squared error') };
  assert.deepEqual(before, { gap: 0.25, mse: 0.0625 });
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=loss-gap/);
  assert.match(link, /truth=0\.8(&|$)/);
  assert.match(link, /prediction=0\.55(&|$)/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  assert.deepEqual({ gap: await read(again, 'Gap'), mse: await read(again, 'Squared error') }, before);
  await context.close();
});

test('touch: a sideways drag on the line moves the prediction all the way; a swipe up or down scrolls the page and changes nothing', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 500 }, hasTouch: true });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=loss-gap');
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  const prediction = () => page.evaluate(() => window.Downhill.widgets[0].state().prediction);
  const box = await page.locator('canvas').boundingBox();
  const touch = await touchScreen(page);
  // A swipe up that starts on the line: the page scrolls, the prediction stays.
  const before = await prediction();
  const x = box.x + box.width * 0.2, y = box.y + box.height * 0.6;
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [[x, y - 15 * i]]);
  await touch('touchEnd', []);
  await page.waitForFunction(() => window.scrollY > 40);
  assert.equal(await prediction(), before, 'the swipe did not move the prediction');
  // A sideways drag from near the left to near the right end: the prediction follows to the end.
  await page.evaluate(() => window.scrollTo(0, 0));
  const b = await page.locator('canvas').boundingBox();
  const yy = b.y + b.height * 0.5;
  await touch('touchStart', [[b.x + b.width * 0.25, yy]]);
  for (let i = 1; i <= 12; i++) await touch('touchMove', [[b.x + b.width * (0.25 + 0.05 * i), yy + (i % 2)]]);
  const end = await page.evaluate((px) => {
    const w = window.Downhill.widgets[0], r = document.querySelector('canvas').getBoundingClientRect();
    return Math.round(w.model.valueAt(px - r.left, r.width) * 100) / 100;
  }, b.x + b.width * 0.85);
  await touch('touchEnd', []);
  assert.equal(await prediction(), end, 'the drag was followed to its end');
  assert.ok(Math.abs(end - before) > 0.15, `moved from ${before} to ${end}`);
  assert.deepEqual(problems, [], 'no console errors on touch');
  await page.close();
});
