// oembed.js: oEmbed (https://oembed.com/) for a static course site. A site such as
// WordPress or Moodle, given a link to a Downhill page, reads the page's
//   <link rel="alternate" type="application/json+oembed" href="...">
// fetches that JSON and shows its `html`: the same iframe code as the Embed button.
// There is no server to answer "?url=...", so the build writes one response per page:
//   oembed/<widget>.json   each widget on embed.html, with its default settings
//   oembed/<slug>.json     each lesson page
// oEmbed wants absolute addresses; the site's own address is only known to whoever
// publishes it, so the build takes it as an option (--base-url, DOWNHILL_BASE_URL).
// Without it the files hold addresses relative to the site's folder, which only work on
// the same site.
'use strict';

const path = require('path');
const { snippet } = require(path.join(__dirname, '..', '..', 'web', 'embedding.js'));

// Suggested sizes. The iframe fills the host's column (width 100%) and then reports its
// own height, so these only matter until the page has loaded, or on a host that does not
// listen. Widget heights are those the Embed button gives at 720 px wide with default
// settings (tests/browser/oembed.test.js keeps them close).
const WIDTH = 720;
const WIDGET_HEIGHTS = {
  'loss-explorer': 990,
  'code-walk': 1300,
  'landscape-3d': 1460,
  'loss-gap': 540,
  'lr-compare': 1130,
  'optimizer-race': 1900,
  'roll-downhill': 970,
  'training-lab': 1630,
  'backprop': 1410,
  'loss-accuracy': 1100,
  'momentum': 1000,
  'batch-noise': 1100,
  'weights-fit': 1020,
};
const LESSON_HEIGHT = 800;

// Checks a base URL given to the build. Returns it, or throws an Error whose message says
// what is wrong (for the build to print and stop).
function checkBaseUrl(text) {
  const value = String(text);
  const shown = JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value);
  const fail = (why) => { throw new Error(`--base-url ${shown} ${why} (example: https://example.org/downhill/)`); };
  if (/["'<>`\\\s]/.test(value)) fail('must not contain quotes, angle brackets, backslashes or spaces');
  let url;
  try { url = new URL(value); } catch (e) { fail('is not a web address'); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('must start with https:// or http://');
  if (url.username || url.password) fail('must not hold a user name or password');
  if (url.search || url.hash || /[?#]/.test(value)) fail('must not have a ?query or #fragment');
  if (!value.endsWith('/')) fail('must end with "/" (the folder that holds index.html)');
  return value;
}

// An address inside the site: absolute under the base URL, else relative to its folder.
const siteUrl = (base, rel) => (base || '') + rel;

function response({ title, src, height, base }) {
  const out = { version: '1.0', type: 'rich', provider_name: 'Downhill' };
  if (base) out.provider_url = base;
  return Object.assign(out, { title, width: WIDTH, height, html: snippet(src, `Downhill: ${title}`, height) });
}

// The response for one widget on embed.html with its default settings: the very iframe
// code the Embed button gives for it (web/widgets.js, shareUrl with no settings).
function widgetResponse(name, title, base) {
  return response({ title, src: siteUrl(base, `embed.html?widget=${encodeURIComponent(name)}`), height: WIDGET_HEIGHTS[name] || 900, base });
}

// The response for one lesson page. Its iframe shows the whole lesson, not its first
// widget: a teacher who pastes a lesson's address expects that lesson (its text, widgets
// and checks) in the post, and a lesson in a frame reports its height like embed.html does.
// A single widget is one Embed button away, with its own oEmbed file.
function lessonResponse(href, title, base) {
  return response({ title, src: siteUrl(base, href), height: LESSON_HEIGHT, base });
}

const fileFor = (name) => `oembed/${name}.json`;

module.exports = { checkBaseUrl, siteUrl, widgetResponse, lessonResponse, fileFor, WIDTH, WIDGET_HEIGHTS, LESSON_HEIGHT };
