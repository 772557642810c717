// build_site.test.js: the lesson build (scripts/build_site.js). The real lessons build
// cleanly into safe pages; each kind of broken lesson stops the build with its
// file:line message.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const BUILD = path.join(ROOT, 'scripts', 'build_site.js');
const LESSONS = path.join(ROOT, 'lessons');

const { tmpDir } = require('./tmp_dirs.js');

function build(args) {
  const r = spawnSync(process.execPath, [BUILD, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The real lessons, built once for the page checks below.
const SITE = tmpDir('site');
const real = build(['--out', SITE]);
const pages = fs.existsSync(SITE) ? fs.readdirSync(SITE).filter((f) => f.endsWith('.html')) : [];
const read = (f) => fs.readFileSync(path.join(SITE, f), 'utf8');
const lessonPages = () => pages.filter((f) => !['index.html', 'glossary.html', 'faq.html'].includes(f));

test('the real lessons build without errors', () => {
  assert.equal(real.code, 0, real.err);
  assert.equal(real.err, '');
  for (const f of ['index.html', 'glossary.html', 'faq.html']) assert.ok(pages.includes(f), `${f} is written`);
  assert.ok(lessonPages().length >= 8, `about eight lessons, got ${lessonPages().join(', ')}`);
  for (const f of ['site.css', 'site.js', 'schema.js', 'widgets.js']) assert.ok(fs.existsSync(path.join(SITE, f)), `${f} is copied`);
});

test('every page carries the CSP and no inline script, style or event handler', () => {
  for (const f of pages) {
    const html = read(f);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">/, f);
    assert.match(html, /<html lang="en">/, f);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.match(m[1], /\ssrc="[a-z0-9.-]+\.js"/, `${f}: every script has a local src`);
      assert.equal(m[2].trim(), '', `${f}: script elements are empty`);
    }
    assert.doesNotMatch(html, /<style\b/i, `${f}: no <style>`);
    assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i, `${f}: no style attribute`);
    assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, `${f}: no event-handler attribute`);
    assert.doesNotMatch(html, /javascript:/i, `${f}: no javascript: URL`);
  }
});

test('links between pages and to the glossary resolve', () => {
  const glossaryIds = new Set([...read('glossary.html').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  let termLinks = 0;
  for (const f of pages) {
    for (const m of read(f).matchAll(/href="([^"#]*)(?:#([^"]*))?"/g)) {
      const [, file, anchor] = m;
      if (/^https?:|^mailto:/.test(file)) continue;
      if (file && /\.html$/.test(file)) assert.ok(pages.includes(file), `${f}: link to missing page ${file}`);
      if (file === 'glossary.html' && anchor) {
        termLinks++;
        assert.ok(glossaryIds.has(anchor), `${f}: glossary.html#${anchor} does not exist`);
      }
    }
  }
  assert.ok(termLinks > 20, 'the lessons use glossary links');
  for (const term of ['loss-function', 'gradient', 'learning-rate', 'epoch', 'batch', 'iteration', 'optimizer',
    'local-minimum', 'global-minimum', 'saddle-point', 'backpropagation', 'overfitting']) {
    assert.ok(glossaryIds.has(term), `glossary has an entry for ${term}`);
  }
});

test('math is MathML made at build time, with no TeX left in the text', () => {
  let count = 0;
  for (const f of pages) {
    const html = read(f);
    count += (html.match(/<math\b/g) || []).length;
    const text = html.replace(/<annotation\b[\s\S]*?<\/annotation>/g, '');
    assert.doesNotMatch(text, /\$\$|\\frac|\\eta|\\hat/, `${f}: TeX outside MathML`);
    assert.doesNotMatch(html, /katex\.(min\.)?(js|css)/, `${f}: no KaTeX assets`);
  }
  assert.ok(count > 50, `many formulas, got ${count}`);
  assert.match(read('gradient-descent.html'), /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block">/);
});

test('widget placements and quiz nodes have the agreed markup', () => {
  const gd = read('gradient-descent.html');
  assert.match(gd, /<div class="dh-widget" data-widget="roll-downhill" data-params="start=-2&amp;lr=0.1"><\/div>/);
  const order = ['schema.js', 'widgets.js', 'site.js'].map((s) => gd.indexOf(`src="${s}"`));
  assert.ok(order.every((i) => i > 0) && order[0] < order[1] && order[1] < order[2], 'scripts in order');
  assert.match(gd, /<link rel="stylesheet" href="widgets.css">/);
  assert.doesNotMatch(read('faq.html'), /widgets\.js/, 'pages without widgets stay light');
  const loss = read('loss-functions.html');
  assert.match(loss, /data-quiz="which-loss-cat-dog"/);
  assert.match(loss, /data-quiz="mse-house-price"[^>]*data-kind="numeric"[^>]*data-answer="100"/);
  assert.match(loss, /<div class="dh-feedback" aria-live="polite"><\/div>/);
  const map = read('index.html');
  for (const f of lessonPages()) assert.ok(map.includes(`href="${f}"`), `course map lists ${f}`);
  assert.match(map, /data-node="quiz:which-loss-cat-dog"/);
  assert.match(map, /data-reset/);
  // Each lesson's hands-on sections (those holding a widget) are listed under it, by heading,
  // and every one of them links to a heading that exists on its page.
  const tries = [...map.matchAll(/<p class="dh-map-try">(.*?)<\/p>/g)].map((m) => m[1]);
  assert.equal(tries.length, lessonPages().length, 'every lesson has a widget, so a hands-on line');
  assert.match(map, /<a href="backpropagation.html#two-layers">Two layers<\/a> · <a href="backpropagation.html#watch-it-on-a-tiny-network">/);
  for (const [, file, id] of tries.join(' ').matchAll(/href="([\w-]+\.html)#([\w-]+)"/g)) {
    const page = read(file);
    assert.match(page, new RegExp(`<h2 id="${id}"`), `${file}#${id} is a heading`);
    const after = page.slice(page.indexOf(`<h2 id="${id}"`));
    const next = after.indexOf('<h2', 4);
    assert.match(next < 0 ? after : after.slice(0, next), /class="dh-widget"/, `${file}#${id} holds a widget`);
  }
});

// ---- Broken lessons --------------------------------------------------------------------
// Copies the real lessons into a temp dir, adds `name` with `text`, builds, and expects
// exit code 1 with a line "<dir>/<name>:<line>: ...<message>...".
function expectError(name, text, line, message) {
  const dir = tmpDir('lessons');
  for (const f of fs.readdirSync(LESSONS)) fs.copyFileSync(path.join(LESSONS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, name), text);
  const out = tmpDir('out');
  const r = build(['--lessons', dir, '--out', out]);
  assert.equal(r.code, 1, `exit code 1 for ${name}\n${r.err}`);
  const prefix = `${path.join(dir, name)}:${line}: `;
  const hit = r.err.split('\n').find((l) => l.startsWith(prefix));
  assert.ok(hit, `expected a message starting "${prefix}", got:\n${r.err}`);
  assert.match(hit, message);
  assert.equal(fs.readdirSync(out).length, 0, 'nothing is written when the lessons are broken');
}

const FRONT = '---\ntitle: Broken\nslug: broken\norder: 50\nsummary: A lesson with a mistake.\n---\n';

test('unknown widget', () => {
  expectError('bad.md', `${FRONT}Text.\n\n::: widget no-such-thing a=1\n:::\n`, 9, /unknown widget "no-such-thing"/);
});

test('bad widget parameter', () => {
  expectError('bad.md', `${FRONT}\n::: widget roll-downhill start=-2 lr=5\n:::\n`, 8, /widget "roll-downhill": .*lr.*between/);
  expectError('bad.md', `${FRONT}\n::: widget roll-downhill speed=3\n:::\n`, 8, /“speed” must be one of: 1, 2, 4, 10, 30, 60, max/);
  expectError('bad.md', `${FRONT}\n::: widget roll-downhill pace=3\n:::\n`, 8, /Unknown setting .*pace/);
  expectError('bad.md', `${FRONT}\n::: widget roll-downhill start\n:::\n`, 8, /must read key=value/);
});

test('a list setting (training-lab hidden layers): a good one is placed, a bad one stops the build', () => {
  const dir = tmpDir('lessons');
  for (const f of fs.readdirSync(LESSONS)) fs.copyFileSync(path.join(LESSONS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'list.md'), `${FRONT}\n::: widget training-lab hidden=16,8,4 dataset=xor\n:::\n`);
  const out = tmpDir('out');
  const r = build(['--lessons', dir, '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(fs.readFileSync(path.join(out, 'broken.html'), 'utf8'),
    /<div class="dh-widget" data-widget="training-lab" data-params="hidden=16%2C8%2C4&amp;dataset=xor"><\/div>/);
  const form = /widget "training-lab": “hidden” must be 1 to 8 whole numbers from 1 to 256, separated by commas, like 4,2\.$/;
  for (const bad of ['<script>alert(1)</script>', '1,2,3,4,5,6,7,8,9', '1e308', 'NaN', '-4,2', '0', '257', '4,,2', '4.5'])
    expectError('bad.md', `${FRONT}\n::: widget training-lab hidden=${bad}\n:::\n`, 8, form);
  expectError('bad.md', `${FRONT}\n::: widget training-lab hidden=${'8,'.repeat(30)}8\n:::\n`, 8, /widget "training-lab": “hidden” is too long\.$/);
});

test('quiz with no correct answer', () => {
  expectError('bad.md', `${FRONT}\n::: quiz q-none\nkind: choice\nquestion: Which?\n- A\n  why: no\n- B\n  why: no\n:::\n`, 8, /no correct answer/);
});

test('numeric quiz whose answer is not a number', () => {
  expectError('bad.md', `${FRONT}\n::: quiz q-num\nkind: numeric\nquestion: How much?\nanswer: ten\nwhy: ok\nhint: ok\n:::\n`, 11, /answer "ten" is not a number/);
});

test('quiz without a question, and a choice without an explanation', () => {
  expectError('bad.md', `${FRONT}\n::: quiz q-noq\nkind: choice\n+ A\n  why: yes\n- B\n  why: no\n:::\n`, 8, /missing its question/);
  expectError('bad.md', `${FRONT}\n::: quiz q-nowhy\nkind: choice\nquestion: Which?\n+ A\n- B\n  why: no\n:::\n`, 11, /has no explanation/);
});

test('unknown glossary term', () => {
  expectError('bad.md', `${FRONT}First line.\n\nA line about [[gradient]] and\n[[flux capacitor|capacitors]].\n`, 10, /unknown glossary term "flux capacitor"/);
});

test('bad front matter', () => {
  expectError('bad.md', 'title: No fences\n\nText.\n', 1, /front matter missing/);
  expectError('bad.md', '---\ntitle: Broken\nslug: broken\norder: first\nsummary: x\n---\nText.\n', 4, /order "first" must be a whole number/);
  expectError('bad.md', '---\ntitle: Broken\nslug: broken\norder: 50\n---\nText.\n', 1, /missing "summary"/);
  expectError('bad.md', '---\ntitle: Broken\nslug: Broken Slug\norder: 50\nsummary: x\n---\n', 3, /slug/);
  expectError('bad.md', `---\ntitle: Broken\ncolour: red\nslug: broken\norder: 50\nsummary: x\n---\n`, 3, /unknown front matter key "colour"/);
});

test('duplicate ids, slugs and orders', () => {
  expectError('bad.md', `${FRONT}\n::: quiz which-loss-cat-dog\nkind: numeric\nquestion: Again?\nanswer: 1\nwhy: a\nhint: b\n:::\n`, 8, /duplicate quiz id "which-loss-cat-dog"/);
  expectError('bad.md', '---\ntitle: Broken\nslug: gradient-descent\norder: 50\nsummary: x\n---\n', 3, /duplicate slug "gradient-descent"/);
  expectError('zz-bad.md', '---\ntitle: Broken\nslug: broken\norder: 4\nsummary: x\n---\n', 4, /duplicate order 4/);
});

test('math that does not parse, and an unclosed block', () => {
  expectError('bad.md', `${FRONT}Fine $x$ here.\n\nBroken $\\frac{1}{$ here.\n`, 9, /math does not parse/);
  expectError('bad.md', `${FRONT}\n$$\n\\notacommand\n$$\n`, 8, /math does not parse/);
  expectError('bad.md', `${FRONT}\n::: quiz open-ended\nkind: choice\n`, 8, /not closed/);
});

test('raw HTML in a lesson is shown as text, never passed through', () => {
  const dir = tmpDir('lessons');
  for (const f of fs.readdirSync(LESSONS)) fs.copyFileSync(path.join(LESSONS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'html.md'), `${FRONT}<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n::: quiz html-q\nkind: choice\nquestion: <b onclick="x()">bold</b>?\n+ <i>yes</i>\n  why: <script>no</script>\n- no\n  why: ok\n:::\n`);
  const out = tmpDir('out');
  const r = build(['--lessons', dir, '--out', out]);
  assert.equal(r.code, 0, r.err);
  const html = fs.readFileSync(path.join(out, 'broken.html'), 'utf8');
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<script>|<img|<b onclick|<i>yes/);
});

test('front matter values may be quoted; the quotes are not kept', () => {
  const { parseFrontMatter } = require('../../scripts/lib/source.js');
  const allowed = { title: 'required', slug: 'required', summary: 'optional' };
  const lines = ['---', 'title: "The loop: epochs"', "slug: 'loop'", 'summary: He said "hi"', '---'];
  const { meta, errors } = parseFrontMatter(lines, allowed);
  assert.deepEqual(errors, []);
  assert.equal(meta.title.value, 'The loop: epochs');
  assert.equal(meta.slug.value, 'loop');
  assert.equal(meta.summary.value, 'He said "hi"');
});

test('an aside is a folded box of lesson text; a title is required, and HTML in it stays text', () => {
  const html = read('gradient-descent.html');
  assert.match(html, /<details class="dh-aside"><summary>For the curious: where the 2 comes from<\/summary>\n<p>Close to the bottom <span class="dh-nowrap"><span class="katex"><math/);
  expectError('bad.md', `${FRONT}\n::: aside\nSome text.\n:::\n`, 8, /an aside needs a title/);
  expectError('bad.md', `${FRONT}\n::: aside Empty\n\n:::\n`, 8, /the aside "Empty" is empty/);
  const dir = tmpDir('lessons');
  for (const f of fs.readdirSync(LESSONS)) fs.copyFileSync(path.join(LESSONS, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'aside.md'), `${FRONT}\n::: aside <b onclick="x()">Why</b> $x^2$\n<script>alert(1)</script> and $y$.\n:::\n`);
  const out = tmpDir('out');
  const r = build(['--lessons', dir, '--out', out]);
  assert.equal(r.code, 0, r.err);
  const page = fs.readFileSync(path.join(out, 'broken.html'), 'utf8');
  assert.match(page, /<summary>&lt;b onclick=“x\(\)”&gt;Why&lt;\/b&gt; <span class="katex"><math/);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt; and <span class="dh-nowrap"><span class="katex"><math/);
  assert.doesNotMatch(page, /<script>|<b onclick/);
});
