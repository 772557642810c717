// embed.test.js: teachers' side of a widget: the embed snippet in a cross-origin sandboxed
// iframe resizing its parent (and a whole lesson page, from its oEmbed code, doing the
// same), a shared link reproducing the exact state, challenge links.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { SITE, serve, launch, watch } = require('./harness.js');

let site, parent, browser;
// The parent page of a course site: embeds a snippet and resizes the iframe the way H5P's
// resizer and Canvas do. It is served from another origin (localhost vs 127.0.0.1).
function parentServer() {
  let snippet = '';
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/host.js')) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(`window.heights = { h5p: [], canvas: [], wordpress: [] };
        window.addEventListener('message', (e) => {
          const frame = document.querySelector('iframe');
          if (e.source !== frame.contentWindow) return;
          let d = e.data;
          if (typeof d === 'string') { try { d = JSON.parse(d); } catch (x) { return; } }
          if (d && d.context === 'h5p' && d.action === 'resize') { heights.h5p.push(d.scrollHeight); frame.style.height = d.scrollHeight + 'px'; }
          if (d && d.subject === 'lti.frameResize') heights.canvas.push(d.height);
          if (d && d.message === 'height' && d.secret === 'k3y') heights.wordpress.push(d.value);
        });`);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Course</title></head><body>
      <h1>My course</h1>${snippet}<p id="after">after the widget</p><script src="/host.js"></script></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: server.address().port, setSnippet: (s) => { snippet = s; }, close: () => new Promise((r) => server.close(r)),
  })));
}

test.before(async () => { site = await serve(); parent = await parentServer(); browser = await launch(); });
test.after(async () => { await browser.close(); await site.close(); await parent.close(); });

test('the Embed snippet, in a cross-origin sandboxed iframe, resizes its parent page', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(site.url + '/embed.html?widget=roll-downhill&start=-2&lr=0.15');
  await page.getByRole('button', { name: 'Embed' }).click();
  let snippet = await page.getByLabel('Embed code').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?widget=roll-downhill&amp;|^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?widget=roll-downhill&/);
  assert.match(snippet, /sandbox="allow-scripts allow-same-origin"/);
  // Stricter than the snippet: scripts only (no storage), from another origin.
  snippet = snippet.replace('sandbox="allow-scripts allow-same-origin"', 'sandbox="allow-scripts"');
  await page.close();
  parent.setSnippet(snippet);

  const host = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const problems = watch(host);
  await host.goto(`http://localhost:${parent.port}/`);
  const frame = host.frameLocator('iframe');
  await frame.getByRole('button', { name: 'Step' }).and(frame.locator(':enabled')).waitFor();
  await host.waitForFunction(() => window.heights.h5p.length > 0);
  const before = await host.evaluate(() => ({ h5p: heights.h5p.at(-1), canvas: heights.canvas.at(-1), frame: document.querySelector('iframe').getBoundingClientRect().height }));
  assert.ok(before.h5p > 500, JSON.stringify(before));
  assert.equal(before.canvas, before.h5p);
  assert.equal(Math.round(before.frame), before.h5p);
  // Showing the map makes the widget taller: the parent hears the new height.
  await frame.getByLabel(/Show the map/).check();
  await host.waitForFunction((h) => heights.h5p.at(-1) > h + 100, before.h5p);
  const after = await host.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
  assert.ok(after > before.frame + 100, `${after} vs ${before.frame}`);
  // The widget works inside the sandbox (no storage there).
  await frame.getByRole('button', { name: 'Step' }).click();
  assert.equal((await frame.getByLabel('Step', { exact: true }).textContent()).trim(), '1');
  assert.deepEqual(problems, []);
  await host.close();
});

test('a lesson page, embedded with its oEmbed code in a cross-origin sandboxed iframe, resizes its parent', { timeout: 120000 }, async () => {
  const lesson = 'gradient-descent.html';
  const code = JSON.parse(fs.readFileSync(path.join(SITE, 'oembed', 'gradient-descent.json'), 'utf8')).html;
  // As WordPress pastes it: absolute address with its "#?secret=", scripts only, no storage.
  assert.match(code, new RegExp(`^<iframe src="${lesson}" `));
  parent.setSnippet(code.replace(`src="${lesson}"`, `src="${site.url}/${lesson}#?secret=k3y"`)
    .replace('sandbox="allow-scripts allow-same-origin"', 'sandbox="allow-scripts"').replace('width="100%"', 'width="1000"'));
  const host = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = watch(host);
  await host.goto(`http://localhost:${parent.port}/`);
  const frame = host.frameLocator('iframe');
  // A widget starts when it comes near the (host page's) viewport: scroll the first one there.
  await frame.locator('.dh-widget').first().scrollIntoViewIfNeeded();
  await frame.getByRole('button', { name: 'Step' }).and(frame.locator(':enabled')).first().waitFor();
  await host.waitForFunction(() => heights.h5p.length > 0 && heights.wordpress.length > 0);
  // The lesson's full height, far more than the 800 px the code starts with.
  await host.waitForFunction(() => { const f = document.querySelector('iframe'); return Math.round(f.getBoundingClientRect().height) === heights.h5p.at(-1); });
  const before = await host.evaluate(() => ({ h5p: heights.h5p.at(-1), canvas: heights.canvas.at(-1), wp: heights.wordpress.at(-1),
    frame: Math.round(document.querySelector('iframe').getBoundingClientRect().height) }));
  assert.ok(before.h5p > 2000, JSON.stringify(before));
  assert.equal(before.canvas, before.h5p);
  assert.equal(before.wp, before.h5p);
  // Inside, the page shows all of itself: nothing left to scroll.
  const inner = await frame.locator('html').evaluate((h) => ({ scroll: h.scrollHeight, view: h.clientHeight }));
  assert.ok(inner.scroll <= inner.view + 1, JSON.stringify(inner));
  // A narrower column makes the lesson taller: the parent hears the new height.
  await host.evaluate(() => { document.querySelector('iframe').width = '420'; });
  await host.waitForFunction((h) => heights.h5p.at(-1) > h + 300, before.h5p);
  await host.waitForFunction(() => Math.round(document.querySelector('iframe').getBoundingClientRect().height) === heights.h5p.at(-1));
  assert.equal(await host.evaluate(() => heights.canvas.at(-1) === heights.h5p.at(-1) && heights.wordpress.at(-1) === heights.h5p.at(-1)), true);
  // The lesson works in there: its widget steps.
  await frame.getByRole('button', { name: 'Step' }).first().click();
  assert.equal((await frame.getByLabel('Step', { exact: true }).first().textContent()).trim(), '1');
  assert.deepEqual(problems, []);
  await host.close();
});

test('Copy link reproduces exactly what the learner sees', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await ctx.newPage();
  await page.goto(site.url + '/embed.html?widget=roll-downhill');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  await page.getByLabel('Start position').fill('-1.37');
  await page.getByLabel('Start position').press('Enter');
  await page.getByRole('slider', { name: 'Learning rate' }).fill('0.14');
  await page.getByLabel(/Show the map/).check();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const state = await page.evaluate(() => window.Downhill.widgets[0].values());
  const copy = await ctx.newPage();
  await copy.goto(link);
  await copy.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  assert.deepEqual(await copy.evaluate(() => window.Downhill.widgets[0].values()), state);
  assert.equal(await copy.getByLabel('Start position').inputValue(), '-1.37');
  assert.equal(await copy.getByRole('slider', { name: 'Learning rate' }).inputValue(), '0.14');
  assert.equal(await copy.getByLabel(/Show the map/).isChecked(), true);
  await ctx.close();
});

test('a challenge link states its goal and congratulates when it is met', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(site.url + '/embed.html?widget=roll-downhill&goalLoss=-1.2&goalSteps=20&start=-1&lr=0.05');
  const banner = page.locator('.dh-challenge');
  await page.getByRole('button', { name: 'Step' }).and(page.locator(':enabled')).waitFor();
  assert.match(await banner.textContent(), /bring the loss below −1\.2 within 20 steps/);
  // Compute here how many steps eta = 0.05 from x = -1 needs to get below -1.2.
  const f = (x) => 0.12 * x * x + Math.sin(2.4 * x) + 0.3 * Math.cos(5 * x);
  const fp = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);
  let x = -1, n = 0;
  while (f(x) >= -1.2) { x -= 0.05 * fp(x); n++; }
  assert.ok(n <= 20, 'the goal is reachable in ' + n);
  for (let i = 0; i < n - 1; i++) await page.getByRole('button', { name: 'Step' }).click();
  assert.doesNotMatch(await banner.textContent(), /Well done/);
  await page.getByRole('button', { name: 'Step' }).click();
  assert.match(await banner.textContent(), new RegExp(`Well done! You reached a loss of .* in ${n} steps`));
  assert.equal(await page.evaluate(() => window.Downhill.widgets[0].challengeMet()), true);
  await page.close();
});

test("the learning-rate lesson's challenge: a fixed start, met at 0.13 in 8 steps, not at 0.10", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(site.url + '/learning-rate.html');
  const box = page.locator('.dh-widget[data-widget="roll-downhill"]', { has: page.locator('.dh-challenge:not([hidden])') });
  await box.scrollIntoViewIfNeeded();
  const banner = box.locator('.dh-challenge');
  const stepButton = box.getByRole('button', { name: 'Step', exact: true });
  await stepButton.and(page.locator(':enabled')).waitFor();
  assert.match(await banner.textContent(), /bring the loss below −1\.2 within 8 steps/);
  // The start is the teacher's: no field, and a click on the curve leaves it at -2.
  assert.equal(await box.getByLabel('Start position', { exact: false }).isVisible(), false);
  await box.locator('canvas').click({ position: { x: 300, y: 100 } });
  assert.equal((await box.getByLabel('Position x').textContent()).trim(), '−2');
  // eta = 0.10 needs 10 steps (the lesson says so): after 8 the goal is not met.
  for (let i = 0; i < 8; i++) await stepButton.click();
  assert.doesNotMatch(await banner.textContent(), /Well done/);
  // Three presses of the right arrow on the slider: 0.13, then Reset and 8 steps.
  const slider = box.getByRole('slider');
  await slider.focus();
  for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
  await box.getByRole('button', { name: 'Reset', exact: true }).click();
  for (let i = 0; i < 7; i++) await stepButton.click();
  assert.doesNotMatch(await banner.textContent(), /Well done/);
  await stepButton.click();
  assert.match(await banner.textContent(), /Well done! You reached a loss of .* in 8 steps/);
  await page.close();
});
