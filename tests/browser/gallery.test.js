// gallery.test.js: a picture of every widget, for a person to look over: each widget on its
// own page at phone (360 px) and desktop (1280 px) widths, in the light and the dark theme,
// written to build/shots/gallery/ with an index.html that lists them. One page per widget:
// the width and the theme change on it, so the whole gallery takes one engine start each.
// Each widget's canvas must be drawn (not blank, not black; checked once, on desktop in the
// light theme) and no shot's page may scroll sideways.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk } = require('./harness.js');

const GALLERY = path.join(SITE, '..', 'shots', 'gallery');
const WIDTHS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 900 } };
const THEMES = ['light', 'dark'];
const WIDGETS = Object.keys(require('../../web/schema.js').WIDGETS);

let server, browser;
test.before(async () => {
  server = await serve();
  browser = await launch();
  fs.rmSync(GALLERY, { recursive: true, force: true });
  fs.mkdirSync(GALLERY, { recursive: true });
});
test.after(async () => { await browser.close(); await server.close(); });

// Waits until the canvas has drawn a few frames at its present size and theme.
async function settle(page) {
  const n = await page.evaluate(() => window.Downhill.widgets[0].module.frameCount());
  await page.waitForFunction((k) => window.Downhill.widgets[0].module.frameCount() > k + 2, n);
}

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function writeIndex(rows) {
  const cells = (name) => Object.keys(WIDTHS).flatMap((size) => THEMES.map((theme) => {
    const file = `${name}-${size}-${theme}.png`;
    return `<figure><a href="${file}"><img src="${file}" alt="${escape(`${name}, ${size}, ${theme}`)}" loading="lazy"></a><figcaption>${size} ${WIDTHS[size].width} px, ${theme}</figcaption></figure>`;
  })).join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Downhill widget gallery</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; background: #f3f3f3; color: #111; }
section { margin-bottom: 2rem; }
.row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
figure { margin: 0; background: #fff; padding: 6px; border: 1px solid #ccc; }
img { display: block; max-height: 420px; max-width: 420px; }
figcaption { font-size: 13px; color: #444; margin-top: 4px; }
</style></head><body>
<h1>Downhill widget gallery</h1>
<p>Every widget at ${Object.values(WIDTHS).map((v) => v.width + ' px').join(' and ')}, light and dark, as the browser tests left them (${escape(new Date().toISOString())}). Click a picture for full size.</p>
${rows.map((name) => `<section><h2>${escape(name)}</h2><div class="row">\n${cells(name)}\n</div></section>`).join('\n')}
</body></html>
`;
  fs.writeFileSync(path.join(GALLERY, 'index.html'), html);
}

test('gallery: every widget at 360 and 1280 px, light and dark, with an index page', { timeout: 420000 }, async () => {
  const problems = [];
  const page = await browser.newPage({ viewport: WIDTHS.desktop });
  const errors = watch(page);
  for (const name of WIDGETS) {
    await page.goto(`${server.url}/embed.html?widget=${name}`);
    await page.waitForFunction(() => window.Downhill && window.Downhill.widgets && window.Downhill.widgets[0], null, { timeout: 30000 });
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      for (const theme of THEMES) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        await settle(page);
        await page.screenshot({ path: path.join(GALLERY, `${name}-${size}-${theme}.png`), fullPage: true });
        if (size === 'desktop' && theme === 'light') {
          const ink = await canvasInk(page, page.locator('canvas').first());
          if (!(ink.ink > 0.004 && ink.black < 0.5)) problems.push(`${name}: the canvas looks empty ${JSON.stringify(ink)}`);
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > viewport.width) problems.push(`${name} ${size} ${theme}: the page is ${wide} px wide`);
      }
    }
  }
  writeIndex(WIDGETS);
  await page.close();
  const shots = fs.readdirSync(GALLERY).filter((f) => f.endsWith('.png'));
  assert.equal(shots.length, WIDGETS.length * 4);
  assert.match(fs.readFileSync(path.join(GALLERY, 'index.html'), 'utf8'), new RegExp(`${WIDGETS[0]}-phone-dark\\.png`));
  assert.deepEqual([...problems, ...errors.filter((p) => !/favicon/.test(p))], []);
});
