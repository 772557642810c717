// batch_noise.test.js: the batch-size and range-test widget used through its controls, in
// headless Chromium: its numbers against a second instance of the wasm core, keyboard use,
// the phone layout, axe on both lessons that place it, and the link round trip.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets } = require('./harness.js');

const SHOTS = path.join(SITE, '..', 'shots');
let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 900 }, dark = false) {
  const page = await browser.newPage({ viewport });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.goto(server.url + '/embed.html?widget=batch-noise' + (query ? '&' + query : ''));
  await page.waitForFunction(() => window.Downhill.widgets[0] && window.Downhill.widgets[0].module.frameCount() > 2);
  return { page, problems };
}
// What a fresh core instance says with these settings, formatted as the page formats it.
const core = (page, settings) => page.evaluate((s) => {
  const M = window.Downhill.widgets[0].module;
  const b = new M.BatchNoise();
  b.setSeed(s.seed || 1);
  b.setBatch(s.batch || 4);
  b.setRange(s.from === undefined ? -5 : s.from, s.to === undefined ? 1 : s.to);
  if (s.use) b.useSuggested();
  const st = b.state();
  b.delete();
  const f = window.DownhillSchema.formatNumber;
  return { st, rows: st.rows.map((r) => [String(r.batch), f(r.spread, 3), f(r.expected, 3), f(r.simple, 3)]),
    suggested: f(st.suggested, 3), steepest: f(st.steepestRate, 3), blowup: f(st.blowupRate, 3), limit: f(st.stableLimit, 3),
    usedLoss: f(st.usedLoss, 3), startLoss: f(st.startLoss, 3), ratio: f(st.rows[0].spread / st.rows[2].spread, 2),
    here: f(Math.sqrt(st.sigma * st.sigma / st.batch * (st.points - st.batch) / (st.points - 1)), 3) };
}, settings);
const read = async (page, name) => (await page.getByLabel(name, { exact: true }).textContent()).trim();
const tableRows = (page) => page.locator('.dh-batch-noise tbody tr').evaluateAll((rows) =>
  rows.map((r) => [...r.children].map((c) => c.textContent.trim())));

test('noise view: the spread table and readouts equal the core; B to 4B about halves the spread; keys move B', async () => {
  const { page, problems } = await open('');
  const want = await core(page, {});
  assert.deepEqual(await tableRows(page), want.rows);
  assert.equal(want.rows.length, 7); // B = 1, 2, 4 .. 64
  assert.equal(want.rows[6][1], '0'); // the whole dataset: no spread at all
  // The rule the lesson states: quadrupling B halves the noise (measured, far from N).
  const s = want.st.rows;
  for (const [a, b] of [[0, 2], [1, 3], [2, 4]]) {
    const ratio = s[a].spread / s[b].spread;
    assert.ok(ratio > 1.8 && ratio < 2.35, `spread at B = ${s[a].batch} over B = ${s[b].batch}: ${ratio}`);
    assert.ok(Math.abs(s[a].simple / s[b].simple - 2) < 1e-12);
  }
  assert.equal(await read(page, 'Spread at B = 1 over B = 4'), want.ratio);
  assert.equal(await read(page, 'Spread at this batch size'), want.here);

  // Keyboard alone: Tab from the view radios to the batch slider, then arrows.
  await page.getByRole('radio', { name: 'Batch size and noise' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('type')), 'range');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight'); // 4 -> 16
  const st = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(st.batch, 16);
  const at16 = await core(page, { batch: 16 });
  assert.deepEqual(st.arrows, at16.st.arrows);
  assert.equal(st.arrows.length, 12);
  assert.equal(await read(page, 'Spread at this batch size'), at16.here);
  assert.match(await page.locator('.dh-batch-noise > .dh-status').textContent(), /Batch size 16 of 64.*Quadrupling the batch to 64/);
  // The arrows gather: their mean distance from the full gradient shrinks from B = 1 to 16.
  const scatter = (a, g) => a.reduce((t, v) => t + Math.hypot(v.w - g.gradW, v.b - g.gradB), 0) / a.length;
  const at1 = await core(page, { batch: 1 });
  assert.ok(scatter(st.arrows, st) < 0.5 * scatter(at1.st.arrows, at1.st), 'the arrows gather as B grows');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().batch), 64);
  assert.match(await page.locator('.dh-batch-noise > .dh-status').textContent(), /exactly the full gradient/);
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.012 && ink.colours > 50 && ink.black < 0.05, JSON.stringify(ink));
  assert.deepEqual(problems, []);
  await page.close();
});

test('range view by keyboard: the marks and suggestion equal the core; "Use it" trains with the suggested rate', async () => {
  const { page, problems } = await open('');
  await page.getByRole('radio', { name: 'Batch size and noise' }).focus();
  await page.keyboard.press('ArrowRight'); // the radio group moves to "Range test"
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].state().view), 'range');
  let want = await core(page, {});
  assert.equal(await read(page, 'Suggested rate'), want.suggested);
  assert.equal(await read(page, 'Steepest fall at'), want.steepest);
  assert.equal(await read(page, 'Loss starts to climb at'), want.blowup);
  assert.equal(await read(page, 'Limit 2/L'), want.limit);
  assert.equal(want.st.rangeSteps <= 200, true);
  assert.ok(want.st.suggested < want.st.stableLimit && want.st.blowupRate > want.st.stableLimit, JSON.stringify(want.st));
  assert.equal(want.suggested, '0.089');
  // "Use it", pressed with the keyboard.
  await page.getByRole('button', { name: 'Use it' }).focus();
  await page.keyboard.press('Enter');
  want = await core(page, { use: true });
  assert.match(await page.locator('.dh-batch-noise .dh-roll-part .dh-status').last().textContent(),
    new RegExp(`suggested rate ${want.suggested}, 50 steps .* from ${want.startLoss} to ${want.usedLoss}`));
  // The first rate one power of ten lower: the marks follow the core.
  await page.getByRole('slider', { name: 'First rate' }).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByRole('slider', { name: 'First rate' }).getAttribute('aria-valuetext'), '1 × 10⁻⁶');
  want = await core(page, { from: -6 });
  assert.equal(await read(page, 'Suggested rate'), want.suggested);
  const rates = await page.evaluate(() => Array.from(window.Downhill.widgets[0].model.rangeRates()));
  assert.ok(Math.abs(rates[0] - 1e-6) < 1e-18, String(rates[0]));
  assert.match(await page.locator('.dh-batch-noise > .dh-status').textContent(), /falls fastest at rate .* starts to climb at .* Suggested rate/);
  const ink = await canvasInk(page, page.locator('canvas'));
  assert.ok(ink.ink > 0.012 && ink.colours > 50 && ink.black < 0.05, JSON.stringify(ink));
  assert.deepEqual(problems, []);
  await page.close();
});

test('phone (360 px) and desktop, light and dark: no sideways scroll, the canvas drawn in each view', async () => {
  for (const [width, dark, view] of [[360, false, 'noise'], [360, true, 'range'], [1280, false, 'range'], [1280, true, 'noise']]) {
      {
        const { page, problems } = await open('view=' + view, { width, height: 1000 }, dark);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(overflow <= width, `${width} px ${view}: page ${overflow} px wide`);
        const ink = await canvasInk(page, page.locator('canvas'));
        assert.ok(ink.ink > 0.012 && ink.colours > 50, `${width} ${view} ${dark}: ${JSON.stringify(ink)}`);
        if (!dark) assert.ok(ink.black < 0.05, 'black frame: ' + JSON.stringify(ink));
        await page.screenshot({ path: path.join(SHOTS, `batch-noise-${view}-${width}-${dark ? 'dark' : 'light'}.png`), fullPage: true });
        assert.deepEqual(problems, []);
        await page.close();
      }
  }
});

test('Copy link reproduces the state: view, batch size and range', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '/embed.html?widget=batch-noise&batch=8&view=range&to=2');
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  await page.getByRole('slider', { name: 'First rate' }).focus();
  await page.keyboard.press('ArrowRight'); // -5 -> -4
  const before = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.deepEqual([before.view, before.batch, before.rangeFrom, before.rangeTo], ['range', 8, -4, 2]);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.dh-share input').first().inputValue();
  assert.match(link, /widget=batch-noise/);
  for (const part of [/view=range/, /batch=8(&|$)/, /from=-4(&|$)/, /to=2(&|$)/]) assert.match(link, part);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  const after = await again.evaluate(() => window.Downhill.widgets[0].state());
  for (const k of ['view', 'batch', 'rangeFrom', 'rangeTo', 'suggested', 'blowupRate', 'steepestRate'])
    assert.equal(after[k], before[k], k);
  assert.equal(await read(again, 'Suggested rate'), await read(page, 'Suggested rate'));
  // Bad settings fall back with a message.
  const bad = await context.newPage();
  await bad.goto(server.url + '/embed.html?widget=batch-noise&batch=100&from=x');
  await bad.waitForFunction(() => window.Downhill.widgets[0]);
  assert.match(await bad.getByRole('alert').textContent(), /“batch”.*“from”|“from”.*“batch”/);
  await context.close();
});

for (const [file, view, width] of [['learning-rate.html', 'range', 1280], ['training-loop.html', 'noise', 360]]) {
  test(`axe finds nothing on ${file} (${width} px), where the widget shows its ${view} view`, async () => {
    {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const problems = watch(page);
      await page.goto(server.url + '/' + file);
      await startWidgets(page);
      const k = await page.evaluate(() => window.Downhill.widgets.findIndex((w) => w && w.name === 'batch-noise'));
      assert.ok(k >= 0, 'the widget is on the page');
      assert.equal(await page.evaluate((i) => window.Downhill.widgets[i].state().view, k), view);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= width, `${file} at ${width} px is ${overflow} px wide`);
      assert.deepEqual(await axeViolations(page), [], `${file} at ${width} px`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
}
