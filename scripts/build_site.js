#!/usr/bin/env node
// build_site.js: turns lessons/*.md into the static course site.
//
//   node scripts/build_site.js --out build/site [--lessons DIR] [--base-url URL]
//
// Writes one page per lesson, plus index.html (the course map), glossary.html and
// faq.html, the oEmbed files (oembed/<slug>.json per lesson, oembed/<widget>.json per
// widget: scripts/lib/oembed.js), then copies web/*.css and web/*.js, and
// build/wasm/downhill.js when it exists. --base-url is the address the site will be
// published at (https://example.org/downhill/): oEmbed needs absolute addresses; without
// it they are relative and work only on the site itself. Any problem in a lesson stops the build (exit code 1, nothing written) with
// one line per problem:  lessons/<file>.md:<line>: <what is wrong>
//
// ================================ THE LESSON FORMAT ===================================
// A lesson file is front matter, then markdown with four additions.
//
//   ---
//   title: Gradient descent                    (shown as the page heading)
//   slug: gradient-descent                     (the page is gradient-descent.html)
//   order: 4                                   (position in the course; whole number)
//   summary: Walking downhill one small step at a time.   (course map, page header)
//   ---
//
// 1. Math, rendered at build time to MathML:  inline $w - \eta g$  and display math on
//    lines of its own:  $$ L = (y - \hat y)^2 $$  (or $$ on one line, TeX, $$ on a later
//    line). A literal dollar sign is written \$.
// 2. Glossary links:  [[gradient]]  or  [[learning rate|learning rates]]  (term | text
//    shown). The term must be a "## Term" heading of lessons/glossary.md or one of the
//    names on the "also:" line under it; the link goes to glossary.html#<id>.
// 3. A widget from web/schema.js, settings as key=value on the opening line; the block
//    is empty:
//      ::: widget roll-downhill start=-2 lr=0.15
//      :::
//    becomes <div class="dh-widget" data-widget="roll-downhill" data-params="start=-2&amp;lr=0.15"></div>.
//    Settings are checked with schema.parse(), the table itself with schema.checkTable()
//    (a list setting such as training-lab hidden=8,8,8 included). A page with widgets loads widgets.css and,
//    in this order: schema.js, widgets.js, web/widget-NAME.js for each widget placed (when
//    that file exists), site.js; widgets.js loads each widget's module when it mounts.
// 4. A quiz node ("check"): one course-wide id, one field per line, an indented line
//    continues the line above it.
//      ::: quiz which-loss-cat-dog
//      kind: choice
//      title: Cat or dog?                        (optional; the name on the course map)
//      question: Which loss suits a cat-versus-dog classifier?
//      - Mean squared error                      ("-" wrong choice, "+" right choice;
//        why: It measures distance between...     several "+" make it tick-all-that-apply)
//      + Binary cross-entropy
//        why: It scores the probability given to the right label...
//      :::
//    or
//      ::: quiz mse-house
//      kind: numeric
//      question: Truth 80, prediction 70: what is the squared error?
//      answer: 100
//      tolerance: 0.5                            (optional, default 0)
//      unit: lakh²                               (optional, shown after the input box)
//      why: (80 - 70)² = 10² = 100.              (shown when the answer is right)
//      hint: Subtract first, then square.        (shown when it is wrong)
//      :::
//    Question, choices, why and hint are inline markdown (math and [[links]] work).
//
// Special files (front matter: title and summary only): index.md (intro of the course
// map), glossary.md (each "## Term" heading is an entry, id = the term in lowercase with
// hyphens; an optional "also: other name, plural" line right under it), faq.md.
// Raw HTML in any file is shown as text. Links may point to course pages (name.html),
// #anchors or web addresses. Lessons are chained in `order`: each lesson, then its
// quizzes in page order, form the nodes the course map shows as locked / open / done.
// ======================================================================================
'use strict';

const fs = require('fs');
const path = require('path');
const { parseSource, clip } = require('./lib/source');
const { renderBlock, renderInline, inlineText, normaliseTerm } = require('./lib/markdown');
const pages = require('./lib/pages');
const { escapeHtml, slugify } = require('./lib/html');
const oembed = require('./lib/oembed');

const ROOT = path.resolve(__dirname, '..');
const WEB = path.join(ROOT, 'web');
const WASM_JS = path.join(ROOT, 'build', 'wasm', 'downhill.js');
const SPECIAL = { 'index.md': 'index', 'glossary.md': 'glossary', 'faq.md': 'faq' };
const LESSON_KEYS = { title: 'required', slug: 'required', order: 'required', summary: 'required' };
const SPECIAL_KEYS = { title: 'required', summary: 'required' };
const MARKER = '.downhill-site'; // marks an out dir this script owns (stale pages may be removed)

// ---- Reading and checking ------------------------------------------------------------

function displayPath(file) {
  const rel = path.relative(ROOT, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

// Reads the glossary's "## Term" headings (and "also:" lines) before anything renders.
// Returns { terms: Map(normalised name -> id), ids: Set, text } where text has the
// "also:" lines blanked (line numbers kept).
function scanGlossary(block, report) {
  const terms = new Map();
  const ids = new Set();
  const lines = block.text.split('\n');
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) { if (f && f[1][0] === fence[0]) fence = null; continue; }
    if (f) { fence = f[1]; continue; }
    const h = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const lineNo = block.line + i;
    const name = inlineText(h[1]).trim();
    const id = slugify(name);
    const add = (term, where) => {
      const key = normaliseTerm(term);
      if (!key) return;
      if (terms.has(key)) report(where, `glossary name "${term}" is used twice`);
      else terms.set(key, id);
    };
    if (ids.has(id)) report(lineNo, `duplicate glossary entry id "${id}"`);
    ids.add(id);
    add(name, lineNo);
    let j = i + 1;
    while (j < lines.length && !lines[j].trim()) j++;
    const also = j < lines.length ? /^also\s*:\s*(.*)$/i.exec(lines[j].trim()) : null;
    if (also) {
      for (const alt of also[1].split(',')) add(alt.trim(), block.line + j);
      lines[j] = '';
    }
  }
  return { terms, ids, text: lines.join('\n') };
}

function readLessons(lessonsDir) {
  const errors = [];
  const files = fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const docs = [];
  for (const name of files) {
    const file = path.join(lessonsDir, name);
    const where = displayPath(file);
    const special = SPECIAL[name] || null;
    const parsed = parseSource(fs.readFileSync(file, 'utf8'), special ? SPECIAL_KEYS : LESSON_KEYS);
    const doc = { name, file, where, special, ...parsed, errors: [] };
    doc.report = (line, message) => errors.push({ where, line, message });
    for (const e of parsed.errors) doc.report(e.line, e.message);
    docs.push(doc);
  }
  for (const [name, kind] of Object.entries(SPECIAL)) {
    if (!docs.some((d) => d.name === name)) {
      errors.push({ where: displayPath(path.join(lessonsDir, name)), line: 1, message: `missing: the ${kind} page needs this file` });
    }
  }
  return { docs, errors };
}

// ---- The whole build ---------------------------------------------------------------------
// Returns { errors: [{where, line, message}], files: Map(name -> html),
//           data: Map('oembed/NAME.json' -> JSON text), warnings: [] }.
function buildSite({ lessonsDir, baseUrl = null }) {
  const schema = require(path.join(WEB, 'schema.js'));
  const template = fs.readFileSync(path.join(WEB, 'template.html'), 'utf8');
  const { docs, errors } = readLessons(lessonsDir);
  // The settings table itself, before any placement is checked against it.
  for (const message of schema.checkTable()) errors.push({ where: displayPath(path.join(WEB, 'schema.js')), line: 1, message });
  const warnings = [];
  const byName = (n) => docs.find((d) => d.name === n);

  // Glossary terms first: every other page links to them.
  const glossaryDoc = byName('glossary.md');
  const glossary = new Map();
  const glossaryIds = new Set();
  if (glossaryDoc) {
    for (const b of glossaryDoc.blocks) {
      if (b.type !== 'markdown') continue;
      const scan = scanGlossary(b, glossaryDoc.report);
      for (const [k, v] of scan.terms) {
        if (glossary.has(k)) glossaryDoc.report(b.line, `glossary name "${k}" is used twice`);
        else glossary.set(k, v);
      }
      for (const id of scan.ids) glossaryIds.add(id);
      b.text = scan.text;
    }
  }

  // Lessons in course order; slugs, orders and quiz ids must be unique.
  const lessons = docs.filter((d) => !d.special && d.meta.title && d.meta.slug && d.meta.order && d.meta.summary);
  lessons.sort((a, b) => a.meta.order.value - b.meta.order.value);
  // Built-in pages keep their names; a widget's name would clash with its oEmbed file.
  const seenSlug = new Map([['index', null], ['glossary', null], ['faq', null], ['embed', null]]);
  for (const w of Object.keys(schema.WIDGETS)) seenSlug.set(w, { widget: w });
  const seenOrder = new Map();
  for (const d of lessons) {
    const s = d.meta.slug;
    if (seenSlug.has(s.value)) {
      const first = seenSlug.get(s.value);
      d.report(s.line, !first ? `slug "${s.value}" is reserved for a built-in page`
        : first.widget ? `slug "${s.value}" is the name of a widget (its oEmbed file is ${oembed.fileFor(first.widget)})`
          : `duplicate slug "${s.value}" (also in ${first.where}:${first.meta.slug.line})`);
    } else seenSlug.set(s.value, d);
    const o = d.meta.order;
    if (seenOrder.has(o.value)) {
      const first = seenOrder.get(o.value);
      d.report(o.line, `duplicate order ${o.value} (also in ${first.where}:${first.meta.order.line})`);
    } else seenOrder.set(o.value, d);
  }
  const seenQuiz = new Map();
  for (const d of docs) {
    for (const b of d.blocks) {
      if (b.type !== 'quiz') continue;
      if (d.special) { d.report(b.line, `quizzes belong in lessons, not in ${d.name}`); continue; }
      if (seenQuiz.has(b.id)) {
        const first = seenQuiz.get(b.id);
        d.report(b.line, `duplicate quiz id "${b.id}" (also at ${first.where}:${first.line})`);
      } else seenQuiz.set(b.id, { where: d.where, line: b.line });
    }
    if (d.special) for (const b of d.blocks) if (b.type === 'widget') d.report(b.line, `widgets belong in lessons, not in ${d.name}`);
  }

  // The chain of nodes: each lesson, then its quizzes.
  const nodes = [];
  lessons.forEach((d, i) => {
    d.number = i + 1;
    d.title = d.meta.title.value;
    d.summary = d.meta.summary.value;
    d.href = `${d.meta.slug.value}.html`;
    d.node = { id: `lesson:${d.meta.slug.value}`, title: d.title, href: d.href, label: `Lesson ${d.number}: ${d.title}` };
    nodes.push(d.node);
    d.quizNodes = [];
    for (const b of d.blocks) {
      if (b.type !== 'quiz' || seenQuiz.get(b.id).line !== b.line || seenQuiz.get(b.id).where !== d.where) continue;
      const title = b.quiz.title ? inlineText(b.quiz.title.text) : shorten(inlineText(b.quiz.question.text), 70);
      const n = { id: `quiz:${b.id}`, title, href: `${d.href}#quiz-${b.id}`, label: `the check “${title}” in Lesson ${d.number}` };
      b.node = n;
      d.quizNodes.push(n);
      nodes.push(n);
    }
  });
  nodes.forEach((n, i) => {
    n.prev = nodes[i - 1] || null;
    n.after = n.prev ? n.prev.id : '';
    n.next = nodes[i + 1] ? { href: nodes[i + 1].href, label: nodes[i + 1].id.startsWith('lesson:') ? nodes[i + 1].label : `the check “${nodes[i + 1].title}”` } : null;
    n.lockHtml = pages.lockHtml(n);
  });

  const pageNames = new Set(['index.html', 'glossary.html', 'faq.html', ...lessons.map((d) => d.href)]);
  const files = new Map();
  const data = new Map();
  const ctxFor = (d, extra = {}) => ({
    errors: [], ids: new Set(extra.reserved || []), glossary, glossaryIds, pages: pageNames,
    glossaryHref: d.name === 'glossary.md' ? '' : 'glossary.html', headings: [],
  });
  const flushCtx = (d, ctx) => { for (const e of ctx.errors) d.report(e.line, e.message); };
  const page = (values) => pages.fillTemplate(template, {
    head: pages.headAssets(null, false), pager: '', current_map: '', current_glossary: '', current_faq: '', ...values,
  });
  const here = ' aria-current="page"';

  // Lesson pages.
  lessons.forEach((d, i) => {
    const ctx = ctxFor(d, { reserved: d.blocks.filter((b) => b.type === 'quiz').flatMap((b) => [`quiz-${b.id}`, `quiz-${b.id}-title`]) });
    let body = '';
    let widgetScripts = null; // per-widget scripts of this page, once it has a widget
    d.tryIt = [];             // the sections holding a widget, for the course map
    for (const b of d.blocks) {
      if (b.type === 'markdown') body += b.aside ? pages.asideHtml(renderInline(b.aside, b.line, ctx), renderBlock(b.text, b.line, ctx))
        : renderBlock(b.text, b.line, ctx);
      else if (b.type === 'widget') {
        const def = schema.WIDGETS[b.name];
        if (!def) { d.report(b.line, `unknown widget "${clip(b.name)}" (known widgets: ${Object.keys(schema.WIDGETS).join(', ')})`); continue; }
        const query = new URLSearchParams(b.pairs).toString();
        const parsed = schema.parse(b.name, query);
        if (parsed.errors.length) {
          for (const e of parsed.errors) d.report(b.line, `widget "${b.name}": ${e.replace(/\s*(Using .*|was ignored\.)$/, '').replace(/ $/, '')}`);
          continue;
        }
        // The section a widget sits in (its latest h2) is one the course map offers to try.
        const h2 = ctx.headings.filter((h) => h.level === 2).pop();
        if (h2 && !d.tryIt.some((t) => t.id === h2.id)) d.tryIt.push({ id: h2.id, text: h2.text, href: `${d.href}#${h2.id}` });
        widgetScripts = widgetScripts || [];
        const own = `widget-${b.name}.js`;
        if (fs.existsSync(path.join(WEB, own)) && !widgetScripts.includes(own)) widgetScripts.push(own);
        body += pages.widgetHtml(b.name, query);
      } else if (b.type === 'quiz' && b.node) {
        body += pages.quizHtml(renderQuiz(b.quiz, ctx), b.node);
      }
    }
    flushCtx(d, ctx);
    const main = pages.lessonMain(d, lessons.length, d.node, body);
    const prev = i > 0 ? { href: lessons[i - 1].href, label: lessons[i - 1].node.label } : { href: 'index.html', label: 'Course map' };
    const next = i < lessons.length - 1 ? { href: lessons[i + 1].href, label: lessons[i + 1].node.label } : { href: 'index.html', label: 'Course map' };
    const oembedFile = oembed.fileFor(d.meta.slug.value);
    data.set(oembedFile, JSON.stringify(oembed.lessonResponse(d.href, d.title, baseUrl), null, 2) + '\n');
    files.set(d.href, page({
      title: escapeHtml(`${d.title} · Downhill`), description: escapeHtml(d.summary), page: 'lesson', main,
      head: pages.oembedLink(oembed.siteUrl(baseUrl, oembedFile), `${d.title} · Downhill`) + pages.headAssets(widgetScripts),
      pager: pages.pagerHtml(prev, next),
    }));
  });

  // Glossary, FAQ and the course map.
  const simple = (name, kind, build) => {
    const d = byName(name);
    if (!d || !d.meta.title || !d.meta.summary) return;
    const ctx = ctxFor(d);
    const body = d.blocks.filter((b) => b.type === 'markdown').map((b) => renderBlock(b.text, b.line, ctx)).join('');
    flushCtx(d, ctx);
    files.set(kind === 'map' ? 'index.html' : `${kind}.html`, page({
      title: escapeHtml(kind === 'map' ? `Downhill: ${d.meta.title.value}` : `${d.meta.title.value} · Downhill`),
      description: escapeHtml(d.meta.summary.value), page: kind, [`current_${kind}`]: here,
      main: build(d, body, ctx.headings),
    }));
  };
  const withToc = (d, body, headings, label) => {
    const h2 = headings.filter((h) => h.level === 2);
    const toc = h2.length ? `<nav class="dh-toc" aria-label="${escapeHtml(label)}"><ul>\n${h2.map((h) => `<li><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`).join('\n')}\n</ul></nav>\n` : '';
    return `<h1>${escapeHtml(d.meta.title.value)}</h1>\n<p class="dh-summary">${escapeHtml(d.meta.summary.value)}</p>\n${toc}<div class="dh-${d.special}">\n${body}</div>`;
  };
  simple('glossary.md', 'glossary', (d, body, h) => withToc(d, body, h, 'Terms'));
  simple('faq.md', 'faq', (d, body, h) => withToc(d, body, h, 'Questions'));
  simple('index.md', 'map', (d, body) => pages.mapMain(d.meta.title.value, `<div class="dh-intro">\n${body}</div>`, lessons, nodes.length));

  // Each widget on embed.html with its default settings (embed.html links to these).
  for (const [name, def] of Object.entries(schema.WIDGETS))
    data.set(oembed.fileFor(name), JSON.stringify(oembed.widgetResponse(name, def.title, baseUrl), null, 2) + '\n');

  if (!fs.existsSync(WASM_JS)) warnings.push(`note: ${displayPath(WASM_JS)} not found; pages with wasm widgets will load without it`);
  errors.sort((a, b) => (a.where < b.where ? -1 : a.where > b.where ? 1 : a.line - b.line));
  return { errors, files, data, warnings };
}

// Renders the markdown parts of one quiz (errors go to ctx with their lines).
function renderQuiz(q, ctx) {
  const out = { id: q.id, kind: q.kind, questionHtml: renderInline(q.question.text, q.question.line, ctx) };
  if (q.kind === 'choice') {
    out.choices = q.choices.map((c) => ({ correct: c.correct, html: renderInline(c.text, c.line, ctx), whyHtml: renderInline(c.why, c.whyLine, ctx) }));
  } else {
    out.answer = q.answer;
    out.tolerance = q.tolerance;
    out.unitHtml = q.unit ? renderInline(q.unit.text, q.unit.line, ctx) : '';
    out.whyHtml = renderInline(q.why.text, q.why.line, ctx);
    out.hintHtml = renderInline(q.hint.text, q.hint.line, ctx);
  }
  return out;
}

function shorten(s, n) {
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : s;
}

// ---- Writing -----------------------------------------------------------------------------

// data: more files by path inside outDir (the oEmbed files, 'oembed/NAME.json').
function writeSite(outDir, files, data = new Map()) {
  fs.mkdirSync(outDir, { recursive: true });
  const marker = path.join(outDir, MARKER);
  const oembedDir = path.join(outDir, 'oembed');
  if (fs.existsSync(marker)) {
    for (const f of fs.readdirSync(outDir)) if (f.endsWith('.html') && !files.has(f)) fs.rmSync(path.join(outDir, f));
    if (fs.existsSync(oembedDir)) for (const f of fs.readdirSync(oembedDir)) if (f.endsWith('.json') && !data.has(`oembed/${f}`)) fs.rmSync(path.join(oembedDir, f));
  }
  fs.writeFileSync(marker, 'Built by scripts/build_site.js; its .html files and oembed/*.json are rewritten on every build.\n');
  for (const [name, html] of files) fs.writeFileSync(path.join(outDir, name), html);
  for (const [name, text] of data) {
    fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    fs.writeFileSync(path.join(outDir, name), text);
  }
  const copied = [];
  for (const f of fs.readdirSync(WEB).sort()) {
    if (!/\.(css|js)$/.test(f)) continue;
    fs.copyFileSync(path.join(WEB, f), path.join(outDir, f));
    copied.push(f);
  }
  if (fs.existsSync(WASM_JS)) { fs.copyFileSync(WASM_JS, path.join(outDir, 'downhill.js')); copied.push('downhill.js'); }
  return copied;
}

function parseArgs(argv) {
  const opts = { out: null, lessons: path.join(ROOT, 'lessons'), baseUrl: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '--lessons') {
      if (!argv[i + 1]) throw new Error(`${a} needs a directory`);
      opts[a.slice(2)] = path.resolve(argv[++i]);
    } else if (a === '--base-url') {
      if (argv[i + 1] === undefined) throw new Error('--base-url needs the address the site is published at, like https://example.org/downhill/');
      opts.baseUrl = oembed.checkBaseUrl(argv[++i]);
    } else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument "${a}"`);
  }
  return opts;
}

function main(argv) {
  let opts;
  try { opts = parseArgs(argv); } catch (e) {
    process.stderr.write(`build_site: ${e.message}\nusage: node scripts/build_site.js --out DIR [--lessons DIR] [--base-url URL]\n`);
    return 2;
  }
  if (opts.help || !opts.out) {
    process.stdout.write('usage: node scripts/build_site.js --out DIR [--lessons DIR] [--base-url URL]\n');
    return opts.help ? 0 : 2;
  }
  const { errors, files, data, warnings } = buildSite({ lessonsDir: opts.lessons, baseUrl: opts.baseUrl });
  if (errors.length) {
    for (const e of errors) process.stderr.write(`${e.where}:${e.line}: ${e.message}\n`);
    process.stderr.write(`build_site: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the lessons; nothing was written\n`);
    return 1;
  }
  const copied = writeSite(opts.out, files, data);
  for (const w of warnings) process.stdout.write(`${w}\n`);
  process.stdout.write(`build_site: ${files.size} pages, ${data.size} oEmbed files${opts.baseUrl ? ` (for ${opts.baseUrl})` : ' (relative: no --base-url)'} ` +
    `and ${copied.length} assets -> ${displayPath(opts.out)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { buildSite, writeSite, main };
