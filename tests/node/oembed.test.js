// oembed.test.js: the build's oEmbed files (scripts/lib/oembed.js) and its base URL
// option: one valid response per widget and per lesson whose iframe shows the right page,
// the lesson pages' discovery links, absolute addresses under --base-url for build_site.js
// and finish_site.js, and bad base URLs stopping the build with a clear message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const schema = require(path.join(ROOT, 'web', 'schema.js'));
const { snippet } = require(path.join(ROOT, 'web', 'embedding.js'));

const { tmpDir } = require('./tmp_dirs.js');

function run(script, args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const readJson = (dir, name) => JSON.parse(fs.readFileSync(path.join(dir, 'oembed', `${name}.json`), 'utf8'));
// The lessons of a built site: slug -> title (as the page heading shows it), read from the lesson sources.
function lessons() {
  const out = {};
  for (const f of fs.readdirSync(path.join(ROOT, 'lessons')).filter((n) => /^\d.*\.md$/.test(n))) {
    const text = fs.readFileSync(path.join(ROOT, 'lessons', f), 'utf8');
    // A quoted title (it may hold a colon) shows without its quotes.
    out[/^slug:\s*(.+)$/m.exec(text)[1].trim()] = /^title:\s*(.+)$/m.exec(text)[1].trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
  }
  return out;
}
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// The attributes of the one iframe in an oEmbed response's html.
function iframe(html) {
  const m = /^<iframe ([^>]*)><\/iframe>$/.exec(html);
  assert.ok(m, `one iframe: ${html}`);
  return Object.fromEntries([...m[1].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])]));
}
function checkResponse(r, title, src) {
  assert.equal(r.version, '1.0');
  assert.equal(r.type, 'rich');
  assert.equal(r.provider_name, 'Downhill');
  assert.equal(r.title, title);
  assert.ok(Number.isInteger(r.width) && r.width >= 320 && r.width <= 1200, `width ${r.width}`);
  assert.ok(Number.isInteger(r.height) && r.height >= 300 && r.height <= 2000, `height ${r.height}`);
  const f = iframe(r.html);
  assert.equal(f.src, src);
  assert.equal(f.title, `Downhill: ${title}`);
  assert.equal(f.height, String(r.height));
  assert.equal(f.sandbox, 'allow-scripts allow-same-origin');
  // Exactly what the Embed button writes for that address, title and height.
  assert.equal(r.html, snippet(src, `Downhill: ${title}`, r.height));
}

const PLAIN = tmpDir('plain');
const plain = run('build_site.js', ['--out', PLAIN]);

test('without a base URL: one response per widget and per lesson, with relative addresses', () => {
  assert.equal(plain.code, 0, plain.err);
  const widgets = Object.keys(schema.WIDGETS);
  const slugs = Object.keys(lessons());
  // One file per widget of the settings table and one per lesson.
  assert.equal(widgets.length, 13);
  assert.equal(slugs.length, 9);
  assert.match(plain.out, new RegExp(`${widgets.length + slugs.length} oEmbed files \\(relative: no --base-url\\)`));
  assert.deepEqual(fs.readdirSync(path.join(PLAIN, 'oembed')).sort(), [...widgets, ...slugs].map((n) => `${n}.json`).sort());
  for (const w of widgets) {
    const r = readJson(PLAIN, w);
    checkResponse(r, schema.WIDGETS[w].title, `embed.html?widget=${w}`);
    assert.equal(r.provider_url, undefined);
  }
  for (const [slug, title] of Object.entries(lessons())) checkResponse(readJson(PLAIN, slug), title, `${slug}.html`);
});

test('every lesson page links to its own oEmbed file, once; other pages have none', () => {
  const all = fs.readdirSync(PLAIN).filter((f) => f.endsWith('.html'));
  for (const f of all) {
    const html = fs.readFileSync(path.join(PLAIN, f), 'utf8');
    const links = [...html.matchAll(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/g)];
    const slug = f.replace(/\.html$/, '');
    if (!lessons()[slug]) { assert.equal(links.length, 0, f); continue; }
    assert.equal(links.length, 1, f);
    assert.equal(links[0][1], `oembed/${slug}.json`);
    assert.equal(unescape(links[0][2]), `${lessons()[slug]} · Downhill`);
    assert.ok(html.indexOf(links[0][0]) < html.indexOf('</head>'), `${f}: the link is in the head`);
    assert.match(html, /<script src="embedding.js" defer><\/script>/, `${f}: reports its height when framed`);
  }
});

test('with --base-url: absolute addresses in the files, the lesson links and embed.html', () => {
  const base = 'https://courses.example.org/ml/downhill/';
  const dir = tmpDir('based');
  const r = run('build_site.js', ['--out', dir, '--base-url', base]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /for https:\/\/courses\.example\.org\/ml\/downhill\//);
  const race = readJson(dir, 'optimizer-race');
  checkResponse(race, 'Optimizer race', `${base}embed.html?widget=optimizer-race`);
  assert.equal(race.provider_url, base);
  checkResponse(readJson(dir, 'gradient-descent'), lessons()['gradient-descent'], `${base}gradient-descent.html`);
  assert.match(fs.readFileSync(path.join(dir, 'learning-rate.html'), 'utf8'),
    /<link rel="alternate" type="application\/json\+oembed" href="https:\/\/courses\.example\.org\/ml\/downhill\/oembed\/learning-rate\.json"/);

  // finish_site.js completes embed.html's link with the same base, and refuses another one.
  fs.copyFileSync(path.join(ROOT, 'web', 'embed.html'), path.join(dir, 'embed.html'));
  const other = run('finish_site.js', [dir, '--base-url', 'https://elsewhere.example.org/']);
  assert.equal(other.code, 1);
  assert.match(other.err, /written for https:\/\/courses\.example\.org\/ml\/downhill\/.*same --base-url/);
  const none = run('finish_site.js', [dir]);
  assert.equal(none.code, 1);
  assert.match(none.err, /same --base-url/);
  const ok = run('finish_site.js', [dir, '--base-url', base]);
  assert.equal(ok.code, 0, ok.err);
  const embed = fs.readFileSync(path.join(dir, 'embed.html'), 'utf8');
  assert.match(embed, /<link rel="alternate" type="application\/json\+oembed" href="https:\/\/courses\.example\.org\/ml\/downhill\/oembed\/roll-downhill\.json"/);
  // The service worker leaves the oEmbed files out (other sites' servers read them, not learners).
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'), /oembed/);
});

test('a bad base URL stops the build with a clear message, and nothing is written', () => {
  const cases = [
    ['ftp://example.org/downhill/', /must start with https:\/\/ or http:\/\//],
    ['javascript:alert(1)//', /must start with https:\/\/ or http:\/\//],
    ['https://example.org/downhill', /must end with "\/"/],
    ['https://example.org/"><script>alert(1)</script>/', /must not contain quotes, angle brackets/],
    ["https://example.org/it's/", /must not contain quotes/],
    ['https://example.org/a b/', /spaces/],
    ['https://example.org/?x=1/', /must not have a \?query or #fragment/],
    ['https://example.org/#top/', /must not have a \?query or #fragment/],
    ['https://user:secret@example.org/', /user name or password/],
    ['example.org/downhill/', /is not a web address/],
    ['', /is not a web address/],
  ];
  for (const [url, message] of cases) {
    const out = tmpDir('bad');
    const r = run('build_site.js', ['--out', out, '--base-url', url]);
    assert.equal(r.code, 2, `exit code for ${url}`);
    assert.match(r.err, message, url);
    assert.match(r.err, /example: https:\/\/example\.org\/downhill\//, url);
    assert.equal(fs.readdirSync(out).length, 0, `nothing written for ${url}`);
    const f = run('finish_site.js', [out, '--base-url', url]);
    assert.equal(f.code, 1, `finish_site exit code for ${url}`);
    assert.match(f.err, message, url);
  }
  assert.match(run('build_site.js', ['--out', tmpDir('bad'), '--base-url']).err, /--base-url needs the address/);
});

test('a lesson slug may not take a widget\'s name or embed.html\'s', () => {
  for (const [slug, message] of [['optimizer-race', /slug "optimizer-race" is the name of a widget \(its oEmbed file is oembed\/optimizer-race\.json\)/],
    ['embed', /slug "embed" is reserved for a built-in page/]]) {
    const dir = tmpDir('lessons');
    for (const f of fs.readdirSync(path.join(ROOT, 'lessons'))) fs.copyFileSync(path.join(ROOT, 'lessons', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'clash.md'), `---\ntitle: Clash\nslug: ${slug}\norder: 60\nsummary: x\n---\nText.\n`);
    const r = run('build_site.js', ['--lessons', dir, '--out', tmpDir('out')]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, new RegExp(`clash\\.md:3: .*${message.source}`));
  }
});

test('no page script listens to messages from other windows', () => {
  for (const f of fs.readdirSync(path.join(ROOT, 'web')).filter((n) => n.endsWith('.js'))) {
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'web', f), 'utf8'), /addEventListener\(\s*['"]message['"]|onmessage\s*=/, f);
  }
});
