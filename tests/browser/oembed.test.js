// oembed.test.js: oEmbed discovery on the served site: every lesson page names exactly one
// oEmbed file, which is there and valid; embed.html's link follows its widget; each
// widget's file holds the very code its Embed button gives.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch } = require('./harness.js');
const { WIDGETS } = require('../../web/schema.js');

let site, browser;
test.before(async () => { site = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await site.close(); });

// Lesson pages: those whose article is a lesson node.
const lessonPages = () => fs.readdirSync(SITE).filter((f) => f.endsWith('.html') &&
  /<article class="dh-lesson" data-node="lesson:/.test(fs.readFileSync(path.join(SITE, f), 'utf8'))).sort();

// The page's oEmbed links as the browser resolves them.
const oembedLinks = (page) => page.locator('link[rel="alternate"][type="application/json+oembed"]')
  .evaluateAll((links) => links.map((l) => ({ href: l.href, title: l.title })));
// Fetches an oEmbed file from the page's own origin: { status, type, json }.
async function fetchJson(page, url) {
  const r = await page.request.get(url);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* stays null */ }
  return { status: r.status(), type: r.headers()['content-type'], json };
}
const iframeSrc = (html) => /^<iframe src="([^"]+)"/.exec(html)[1].replace(/&amp;/g, '&');

test('every lesson page has exactly one oEmbed link, which resolves to valid JSON for that page', { timeout: 120000 }, async () => {
  const files = lessonPages();
  assert.ok(files.length >= 8, files.join(', '));
  const page = await browser.newPage();
  for (const f of files) {
    await page.goto(`${site.url}/${f}`, { waitUntil: 'domcontentloaded' });
    const links = await oembedLinks(page);
    assert.equal(links.length, 1, f);
    assert.equal(links[0].href, `${site.url}/oembed/${f.replace(/\.html$/, '.json')}`);
    const { status, type, json } = await fetchJson(page, links[0].href);
    assert.equal(status, 200, f);
    assert.match(type, /^application\/json/);
    assert.ok(json, `${f}: the file parses as JSON`);
    assert.equal(json.version, '1.0');
    assert.equal(json.type, 'rich');
    assert.equal(json.provider_name, 'Downhill');
    // (the title as served: a widget's module renames the tab once it starts)
    const title = /<title>([^<]*)<\/title>/.exec(fs.readFileSync(path.join(SITE, f), 'utf8'))[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(`${json.title} · Downhill`, title, f);
    assert.equal(links[0].title, title);
    assert.ok(json.width > 0 && json.height > 0);
    // The iframe shows this very lesson (relative: this build has no base URL).
    assert.equal(new URL(iframeSrc(json.html), `${site.url}/`).href, `${site.url}/${f}`);
  }
  await page.close();
});

test('embed.html\'s oEmbed link follows the widget it shows; an unknown widget has none', { timeout: 120000 }, async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  // The page as served names the default widget (what a reader that runs no script sees).
  assert.match(fs.readFileSync(path.join(SITE, 'embed.html'), 'utf8'),
    /<link rel="alternate" type="application\/json\+oembed" href="oembed\/roll-downhill\.json"/);
  for (const w of Object.keys(WIDGETS)) {
    await page.goto(`${site.url}/embed.html?widget=${w}&hide=readouts`, { waitUntil: 'domcontentloaded' });
    const links = await oembedLinks(page);
    assert.equal(links.length, 1, w);
    assert.equal(links[0].href, `${site.url}/oembed/${w}.json`);
    assert.equal(links[0].title, `${WIDGETS[w].title} · Downhill`);
    const { status, json } = await fetchJson(page, links[0].href);
    assert.equal(status, 200, w);
    assert.equal(json.title, WIDGETS[w].title);
    assert.equal(iframeSrc(json.html), `embed.html?widget=${w}`);
  }
  for (const bad of ['no-such-widget', '..%2Findex', '%3Cscript%3E', 'constructor']) {
    await page.goto(`${site.url}/embed.html?widget=${bad}`, { waitUntil: 'domcontentloaded' });
    assert.deepEqual(await oembedLinks(page), [], bad);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('each widget\'s oEmbed file holds the code its Embed button gives (default settings, 720 px wide)', { timeout: 240000 }, async () => {
  for (const w of Object.keys(WIDGETS)) {
    const page = await browser.newPage({ viewport: { width: 736, height: 900 } });
    await page.goto(`${site.url}/embed.html?widget=${w}`);
    await page.waitForFunction(() => window.Downhill && window.Downhill.ready);
    await page.evaluate(() => window.Downhill.ready.then(() => true));
    let snippet;
    if (await page.getByRole('button', { name: 'Embed' }).count()) {
      await page.getByRole('button', { name: 'Embed' }).click();
      snippet = await page.getByLabel('Embed code').inputValue();
    } else {
      // A widget without the share bar (loss-gap): the code the button would give.
      snippet = await page.evaluate((name) => window.DownhillEmbedding.snippet(window.DownhillWidgets.shareUrl(name, {}),
        `Downhill: ${window.DownhillSchema.WIDGETS[name].title}`, Math.ceil(document.querySelector('.dh-widget').getBoundingClientRect().height) + 24), w);
    }
    const { json } = await fetchJson(page, `${site.url}/oembed/${w}.json`);
    const button = /height="(\d+)"/.exec(snippet);
    // Same code once the address is relative and the height is the file's.
    assert.equal(snippet.replace(`src="${site.url}/`, 'src="').replace(button[0], `height="${json.height}"`), json.html, w);
    // The suggested height stays close to the real one.
    const h = Number(button[1]);
    assert.ok(Math.abs(h - json.height) <= 0.15 * h, `${w}: the file suggests ${json.height} px, the Embed button ${h} px`);
    await page.close();
  }
});
