// code_walk.test.js: the training loop stepped line by line through the widget's buttons,
// in headless Chromium, with every variable checked against the same loop run here.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { SITE, serve, launch, watch, canvasInk, axeViolations } = require('./harness.js');

const num = (s) => Number(String(s).trim().replace(/−/g, '-'));
// A number as the course prints it (web/schema.js): at most four decimals, no trailing zeros.
const four = (v) => require('../../web/schema.js').formatNumber(v, 4);
const SHOTS = path.join(SITE, '..', 'shots');
fs.mkdirSync(SHOTS, { recursive: true });

// The program, re-run here: the variables after each epoch's lines.
const X = [1, 2, 3, 4], Y = [2.1, 3.9, 6.2, 7.8];
function epochs(lr, n) {
  const out = [];
  let w = 0;
  for (let e = 1; e <= n; e++) {
    const prediction = X.map((x) => w * x);
    const loss = prediction.reduce((s, p, i) => s + (p - Y[i]) ** 2, 0) / 4;
    const gradient = prediction.reduce((s, p, i) => s + 2 * (p - Y[i]) * X[i], 0) / 4;
    const before = w;
    w = w - lr * gradient;
    out.push({ epoch: e, before, prediction, loss, gradient, w });
  }
  return out;
}


let server, browser;
test.before(async () => { server = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await server.close(); });

async function open(query, viewport = { width: 1100, height: 1000 }, opts = {}) {
  const page = await browser.newPage({ viewport, reducedMotion: opts.reducedMotion || 'no-preference' });
  if (opts.dark) await page.emulateMedia({ colorScheme: 'dark' });
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto(server.url + '/embed.html?widget=code-walk' + (query ? '&' + query : ''));
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets && window.Downhill.widgets[0]);
  return { page, problems };
}
const variables = async (page) => {
  const read = async (name) => (await page.getByLabel(name, { exact: true }).textContent()).trim();
  return { epoch: await read('epoch'), w: await read('w'), prediction: await read('prediction'), loss: await read('loss'), gradient: await read('gradient') };
};
const current = (page) => page.locator('li[aria-current="step"]');
const near = (shown, expected, digits = 4) =>
  assert.ok(Math.abs(num(shown) - expected) <= 0.5 * 10 ** -digits + 1e-12, `shown ${shown}, expected ${expected}`);

test('Next line runs the program one line at a time; the variables match the loop re-run here', async () => {
  const { page, problems } = await open('');
  const next = page.getByRole('button', { name: 'Next line' });
  const code = await page.locator('ol li').allTextContents();
  assert.equal(code.length, 10);
  assert.equal(code[4], 'for epoch in range(1, 21):');
  assert.equal(code[7].trim(), 'gradient = mean(2 * (prediction - y) * x)');
  assert.equal(await current(page).count(), 0);
  assert.equal((await variables(page)).w, 'not set yet');

  const E = epochs(0.02, 3);
  for (let line = 1; line <= 4; line++) await next.click();
  assert.equal(await current(page).textContent(), 'learning_rate = 0.02');
  assert.equal(num((await variables(page)).w), 0);
  await next.click(); // line 5: epoch 1
  assert.equal((await variables(page)).epoch, '1');
  await next.click(); // line 6: prediction
  assert.equal((await variables(page)).prediction, '[0, 0, 0, 0]');
  assert.equal((await variables(page)).loss, 'not set yet');
  await next.click(); // line 7: loss
  near((await variables(page)).loss, E[0].loss);
  await next.click(); // line 8: gradient
  near((await variables(page)).gradient, E[0].gradient);
  assert.equal(await current(page).textContent(), '    gradient = mean(2 * (prediction - y) * x)');
  await page.waitForFunction(() => /^Line 8: gradient = −29\.85\.$/.test(document.querySelector('.dh-code-walk [aria-live="polite"]').textContent));
  await next.click(); // line 9: w
  near((await variables(page)).w, E[0].w);
  await next.click(); // line 10: print
  assert.equal((await page.getByLabel('Printed output').textContent()).trim(), `1 ${four(E[0].w)} ${four(E[0].loss)}`);

  // The whole of epoch 2 and 3, checked line by line.
  for (const e of E.slice(1)) {
    await next.click();
    assert.equal((await variables(page)).epoch, String(e.epoch));
    await next.click();
    const shown = (await variables(page)).prediction.slice(1, -1).split(', ').map(num);
    shown.forEach((p, i) => assert.ok(Math.abs(p - e.prediction[i]) <= 5e-4, `prediction ${i}: ${p} vs ${e.prediction[i]}`));
    await next.click();
    near((await variables(page)).loss, e.loss);
    await next.click();
    near((await variables(page)).gradient, e.gradient);
    await next.click();
    near((await variables(page)).w, e.w);
    await next.click();
  }
  const lines = (await page.getByLabel('Printed output').textContent()).trim().split('\n');
  assert.deepEqual(lines, E.map((e) => `${e.epoch} ${four(e.w)} ${four(e.loss)}`));
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.close();
});

test('Previous line walks back through the history, restoring every variable', async () => {
  const { page } = await open('');
  const next = page.getByRole('button', { name: 'Next line' });
  const back = page.getByRole('button', { name: 'Previous line' });
  for (let i = 0; i < 9; i++) await next.click(); // through line 9 of epoch 1
  const E = epochs(0.02, 1);
  near((await variables(page)).w, E[0].w);
  await back.click(); // back to after line 8: w is 0 again, the gradient still there
  assert.equal(await current(page).textContent(), '    gradient = mean(2 * (prediction - y) * x)');
  assert.equal(num((await variables(page)).w), 0);
  near((await variables(page)).gradient, E[0].gradient);
  await back.click(); await back.click(); // before the loss was computed
  assert.equal((await variables(page)).loss, 'not set yet');
  for (let i = 0; i < 6; i++) await back.click();
  assert.equal(await current(page).count(), 0);
  assert.equal(await back.getAttribute('aria-disabled'), 'true');
  await back.focus();
  await page.keyboard.press('Enter'); // nothing before the start: nothing happens
  assert.match(await page.locator('.dh-code-walk > .dh-status').textContent(), /Nothing has run yet/);
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).linesRun, 0);
  await page.close();
});

test('Run advances on its own, Pause stops it, Reset starts again; reduced motion runs slower', async () => {
  const { page } = await open('speed=8');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().epoch >= 2);
  await page.getByRole('button', { name: 'Pause' }).click();
  const ran = (await page.evaluate(() => window.Downhill.widgets[0].state())).linesRun;
  await page.waitForTimeout(500);
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).linesRun, ran);
  // The highlight matches the line the core ran last.
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  const idx = await page.locator('ol li').evaluateAll((li) => li.findIndex((x) => x.getAttribute('aria-current') === 'step'));
  assert.equal(idx + 1, s.line);
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).linesRun, 0);
  assert.equal((await page.getByLabel('Printed output').textContent()).trim(), '');
  await page.close();

  const slow = await open('speed=8', undefined, { reducedMotion: 'reduce' });
  await slow.page.getByRole('button', { name: 'Run' }).click();
  const st = await slow.page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(st.playing, true);
  assert.ok(st.speed <= 1, 'speed with reduced motion: ' + st.speed);
  await slow.page.close();
});

test('a learning rate too high: the loss grows and the page says so; the end matches the re-run', async () => {
  const { page } = await open('epochs=6&speed=20');
  const lr = page.getByRole('slider', { name: 'Learning rate' });
  await lr.focus();
  await page.keyboard.press('End'); // 0.15
  assert.equal(num(await lr.inputValue()), 0.15);
  assert.equal(await page.locator('ol li').nth(3).textContent(), 'learning_rate = 0.15');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(() => window.Downhill.widgets[0].state().finished, null, { timeout: 15000 });
  const E = epochs(0.15, 6);
  near((await variables(page)).w, E[5].w);
  assert.match(await page.locator('.dh-code-walk > .dh-status').textContent(), /loss is growing every epoch: the learning rate is too high/);
  assert.match(await page.locator('.dh-code-walk > .dh-status').textContent(), /The loop is over after 6 epochs/);
  assert.equal(await current(page).textContent(), 'for epoch in range(1, 7):');
  const losses = await page.evaluate(() => Array.from(window.Downhill.widgets[0].walk.losses()));
  losses.forEach((v, i) => assert.ok(Math.abs(v - E[i].loss) < 1e-9));
  assert.equal(await page.getByRole('button', { name: 'Next line' }).getAttribute('aria-disabled'), 'true');
  const text = await page.locator('.dh-code-walk').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  await page.close();
});

test('the Epochs field rewrites the loop and is checked', async () => {
  const { page } = await open('');
  const ep = page.getByLabel('Epochs');
  await ep.fill('3');
  await ep.press('Enter');
  assert.equal(await page.locator('ol li').nth(4).textContent(), 'for epoch in range(1, 4):');
  await ep.fill('80');
  await ep.press('Enter');
  assert.match(await page.getByRole('alert').textContent(), /whole number from 1 to 50; using 50/);
  assert.equal(await ep.inputValue(), '50');
  await ep.fill('');
  await ep.press('Enter');
  assert.match(await page.getByRole('alert').textContent(), /Enter the number of epochs/);
  await page.close();
});

test('bad URL settings fall back to the defaults with a visible message', async () => {
  const { page } = await open('lr=9&epochs=2.5&speed=abc&hide=everything');
  const msg = await page.getByRole('alert').textContent();
  assert.match(msg, /“lr” must lie between 0.001 and 0.15/);
  assert.match(msg, /“epochs” must be a whole number/);
  assert.match(msg, /“speed” must be a number/);
  assert.match(msg, /“hide” accepts only/);
  const s = await page.evaluate(() => window.Downhill.widgets[0].state());
  assert.equal(s.learningRate, 0.02);
  assert.equal(s.epochs, 20);
  assert.equal(s.speed, 2);
  await page.close();
});

test('keyboard alone reaches and uses every control', async () => {
  const { page } = await open('');
  const names = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      const a = document.activeElement;
      if (a.labels && a.labels.length) return a.labels[0].textContent;
      if (a.getAttribute('aria-labelledby')) return document.getElementById(a.getAttribute('aria-labelledby')).textContent;
      return a.textContent;
    }));
  }
  assert.deepEqual(names, ['Previous line', 'Next line', 'Run', 'Reset', 'Learning rate', 'Epochs', 'Printed output']);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab'); // Next line
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.equal((await page.evaluate(() => window.Downhill.widgets[0].state())).line, 2);
  assert.equal(await current(page).textContent(), 'y = [2.1, 3.9, 6.2, 7.8]');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Next line');
  await page.close();
});

for (const dark of [false, true]) {
  test(`pictures: not blank, 360 px without overflow (${dark ? 'dark' : 'light'})`, async () => {
    const desk = await open('', undefined, { dark });
    await desk.page.evaluate(() => window.Downhill.widgets[0].walk.advance(30));
    await desk.page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    await desk.page.waitForTimeout(200);
    let ink = await canvasInk(desk.page, desk.page.locator('canvas'));
    assert.ok(ink.ink > 0.02 && ink.black < 0.05 && ink.colours >= 5, JSON.stringify(ink));
    await desk.page.screenshot({ path: path.join(SHOTS, `code-walk-desktop${dark ? '-dark' : ''}.png`), fullPage: true });
    await desk.page.close();

    const phone = await open('', { width: 360, height: 800 }, { dark });
    for (let i = 0; i < 8; i++) await phone.page.getByRole('button', { name: 'Next line' }).click();
    await phone.page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 5);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, 'page is ' + width + ' px wide');
    ink = await canvasInk(phone.page, phone.page.locator('canvas'));
    assert.ok(ink.ink > 0.02 && ink.black < 0.05, JSON.stringify(ink));
    await phone.page.screenshot({ path: path.join(SHOTS, `code-walk-phone${dark ? '-dark' : ''}.png`), fullPage: true });
    await phone.page.close();
  });
}

test('no accessibility violations found by axe, light and dark', async () => {
  for (const dark of [false, true]) {
    const { page } = await open('', undefined, { dark });
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Next line' }).click();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  }
});

// WCAG contrast ratio of an element's text against the first background painted behind it.
const contrast = (locator) => locator.evaluate((node) => {
  const rgba = (c) => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = null;
  for (let e = node; e && !bg; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0.5) bg = c; }
  const fg = rgba(getComputedStyle(node).color);
  const [a, b] = [lum(fg), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
  return { ratio: (a + 0.05) / (b + 0.05), fg: getComputedStyle(node).color, bg: String(bg) };
});

test('the line that just ran stays readable on a lesson page: contrast at least 4.5 in light and dark', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + '/training-loop.html');
  await page.locator('.dh-code-walk').scrollIntoViewIfNeeded();
  // The code walk is not the page's first widget: wait for its own slot.
  await page.waitForFunction(() => {
    const i = [...document.querySelectorAll('.dh-widget[data-widget]')].findIndex((r) => r.dataset.widget === 'code-walk');
    return window.Downhill && window.Downhill.widgets[i];
  });
  const next = page.locator('.dh-code-walk').getByRole('button', { name: 'Next line' });
  for (let i = 0; i < 3; i++) await next.click();
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const c = await contrast(current(page).locator('code'));
    assert.ok(c.ratio >= 4.5, `${theme}: ${JSON.stringify(c)}`);
  }
  await page.close();
});

test('works opened from disk (file://)', async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto('file://' + path.join(SITE, 'embed.html') + '?widget=code-walk&lr=0.05');
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets && window.Downhill.widgets[0]);
  for (let i = 0; i < 9; i++) await page.getByRole('button', { name: 'Next line' }).click();
  near((await variables(page)).w, epochs(0.05, 1)[0].w);
  assert.deepEqual(problems, []);
  await page.close();
});
