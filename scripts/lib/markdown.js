// markdown.js: markdown -> HTML for lesson bodies, with build-time math and glossary links.
//
// markdown-it runs with html: false, so raw HTML in a lesson is shown as text, never
// passed through. Three additions, each parsed to its own token and filled in by a pass
// that knows the source line (so problems are reported as file:line):
//   $...$        inline math   -> KaTeX MathML (no styles, no fonts, no script)
//   $$ ... $$    display math  -> the same, display mode, on lines of its own
//   [[term]] / [[term|shown text]]  -> a link to glossary.html#<term id>
// Also: ids on h2/h3 headings, tables wrapped in a focusable scroll box, code blocks
// focusable (they may scroll sideways on a phone), and links checked (course pages,
// in-page anchors or web addresses only).
'use strict';

const MarkdownIt = require('markdown-it');
const katex = require('katex');
const { escapeHtml, slugify, uniqueId } = require('./html');

// ---- Parsing rules -------------------------------------------------------------------

// Inline $...$: the opening $ is followed by a non-space, the closing $ follows a
// non-space and is not followed by a digit (so "$5 and $10" stays text). \$ is a dollar.
function mathInline(state, silent) {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  if (src.charCodeAt(start + 1) === 0x24) return false;
  const first = src[start + 1];
  if (first === undefined || /\s/.test(first)) return false;
  let pos = start + 1;
  while (pos < state.posMax) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x5c /* \ */) { pos += 2; continue; }
    if (ch === 0x24) {
      const before = src[pos - 1];
      const after = src[pos + 1];
      if (!/\s/.test(before) && !(after && /\d/.test(after))) break;
    }
    pos++;
  }
  if (pos >= state.posMax) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start + 1, pos);
    token.meta = { pos: start };
  }
  state.pos = pos + 1;
  return true;
}

// Display math: a line starting with $$, up to a line ending with $$.
function mathBlock(state, startLine, endLine, silent) {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (pos + 2 > max || state.src.slice(pos, pos + 2) !== '$$') return false;
  if (silent) return true;
  let firstLine = state.src.slice(pos + 2, max);
  let content;
  let line = startLine;
  let closed = false;
  if (firstLine.trim().endsWith('$$')) {
    content = firstLine.trim().slice(0, -2);
    closed = true;
  } else {
    const parts = [firstLine];
    for (line = startLine + 1; line < endLine; line++) {
      pos = state.bMarks[line] + state.tShift[line];
      max = state.eMarks[line];
      const text = state.src.slice(pos, max);
      if (text.trim().endsWith('$$')) {
        parts.push(text.trim().slice(0, -2));
        closed = true;
        break;
      }
      parts.push(text);
    }
    content = parts.join('\n');
  }
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content;
  token.map = [startLine, line + 1];
  token.meta = { closed };
  state.line = closed ? line + 1 : line;
  return true;
}

// [[term]] or [[term|shown text]].
function glossaryLink(state, silent) {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b) return false;
  const end = src.indexOf(']]', start + 2);
  const inner = end < 0 ? null : src.slice(start + 2, end);
  if (!silent) {
    const token = state.push('glossary_link', 'a', 0);
    token.meta = { pos: start };
    if (inner === null || /[\[\n]/.test(inner)) {
      token.meta.error = 'glossary link "[[" is not closed by "]]" on the same line';
    } else {
      const bar = inner.indexOf('|');
      const term = (bar < 0 ? inner : inner.slice(0, bar)).trim();
      const label = (bar < 0 ? inner : inner.slice(bar + 1)).trim();
      if (!term || !label) token.meta.error = `glossary link "[[${inner}]]" is empty`;
      token.meta.term = term;
      token.meta.label = label;
    }
  }
  state.pos = inner === null || /[\[\n]/.test(inner) ? start + 2 : end + 2;
  return true;
}

// ---- The renderer ----------------------------------------------------------------------

function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.inline.ruler.before('link', 'glossary_link', glossaryLink);

  const r = md.renderer.rules;
  r.math_inline = (tokens, i) => {
    const m = tokens[i].meta;
    // Punctuation right after a formula stays on its line: "says 0.62." never wraps before ".".
    return m.after ? `<span class="dh-nowrap">${m.html || ''}${escapeHtml(m.after)}</span>` : m.html || '';
  };
  r.math_block = (tokens, i) => `<div class="dh-math">${tokens[i].meta.html || ''}</div>\n`;
  r.glossary_link = (tokens, i) => {
    const m = tokens[i].meta;
    if (!m.href) return escapeHtml(m.label || '');
    return `<a class="dh-term" href="${escapeHtml(m.href)}">${escapeHtml(m.label)}</a>`;
  };
  const fence = r.fence;
  r.fence = (tokens, i, opts, env, self) => fence(tokens, i, opts, env, self).replace(/^<pre>/, '<pre tabindex="0">');
  r.code_block = (tokens, i) => `<pre tabindex="0"><code>${escapeHtml(tokens[i].content)}</code></pre>\n`;
  r.table_open = (tokens, i) => `<div class="dh-table" role="region" tabindex="0" aria-label="${escapeHtml(tokens[i].meta.label)}">\n<table>\n`;
  r.table_close = () => '</table>\n</div>\n';
  return md;
}

const md = createMarkdown();

function renderMath(tex, display) {
  return katex.renderToString(tex, {
    output: 'mathml',
    displayMode: display,
    throwOnError: true,
    strict: 'error',
    trust: false,
  });
}

function plainText(children) {
  return children.map((t) => {
    if (t.type === 'text' || t.type === 'code_inline') return t.content;
    if (t.type === 'math_inline') return t.content.replace(/\\([a-zA-Z]+)\s*/g, '$1').replace(/[{}^_]/g, '');
    if (t.type === 'glossary_link') return t.meta.label || '';
    return t.children ? plainText(t.children) : '';
  }).join('');
}

const GOOD_HREF = /^(#[\w-]+|[a-z0-9]+(?:-[a-z0-9]+)*\.html(?:#[\w-]+)?|https?:\/\/\S+|mailto:\S+)$/;

// Fills in math, glossary links, heading ids and link checks on a token stream.
// ctx: errors: [{ line, message }] to add to; ids: Set of ids used on the page;
//      glossary: Map(normalised term -> anchor id); glossaryIds: Set of those ids;
//      glossaryHref: 'glossary.html' ('' on the glossary page); pages: Set of page files.
function processTokens(tokens, baseLine, ctx) {
  const report = (line, message) => ctx.errors.push({ line, message });
  let blockLine = baseLine; // tokens without a map (table cells) take the last known line
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.map) blockLine = baseLine + tok.map[0];
    if (tok.type === 'math_block') {
      if (!tok.meta.closed) report(blockLine, 'display math "$$" is not closed by a later "$$"');
      else if (!tok.content.trim()) report(blockLine, 'display math "$$ $$" is empty');
      else tok.meta.html = mathOrError(tok.content, true, blockLine, report);
      continue;
    }
    if (tok.type === 'heading_open' && (tok.tag === 'h2' || tok.tag === 'h3') && ctx.ids) {
      const inline = tokens[i + 1];
      const text = plainText(inline.children || []);
      const id = uniqueId(slugify(text), ctx.ids);
      tok.attrSet('id', id);
      if (ctx.headings) ctx.headings.push({ level: Number(tok.tag[1]), id, text });
    }
    if (tok.type === 'table_open') {
      // Name the scroll box after the table's column headings.
      const heads = [];
      for (let j = i + 1; j < tokens.length && tokens[j].type !== 'thead_close'; j++) {
        if (tokens[j].type === 'inline') heads.push(plainText(tokens[j].children || []).trim());
      }
      tok.meta = { label: `Table: ${heads.filter(Boolean).join(', ') || 'details'}` };
    }
    if (tok.type === 'inline' && tok.children) {
      const content = tok.content || '';
      processInline(tok.children, (pos) => blockLine + countNewlines(content, pos), ctx, report);
    }
  }
}

function processInline(children, lineAt, ctx, report) {
  for (let k = 0; k < children.length; k++) {
    const t = children[k];
    if (t.type === 'math_inline') {
      const next = children[k + 1];
      const punct = next && next.type === 'text' ? /^[.,;:!?)\]”’]+/.exec(next.content) : null;
      if (punct) {
        t.meta.after = punct[0];
        next.content = next.content.slice(punct[0].length);
      }
      const line = lineAt(t.meta.pos);
      if (!t.content.trim()) report(line, 'inline math "$ $" is empty');
      else t.meta.html = mathOrError(t.content, false, line, report);
    } else if (t.type === 'glossary_link') {
      const line = lineAt(t.meta.pos);
      if (t.meta.error) { report(line, t.meta.error); continue; }
      const id = ctx.glossary ? ctx.glossary.get(normaliseTerm(t.meta.term)) : undefined;
      if (!id) { report(line, `unknown glossary term "${t.meta.term}" (add it to glossary.md, or as an "also:" name there)`); continue; }
      t.meta.href = `${ctx.glossaryHref}#${id}`;
    } else if (t.type === 'link_open') {
      const href = t.attrGet('href') || '';
      if (!GOOD_HREF.test(href)) {
        report(lineAt(0), `link "${href}" must be a course page (name.html), an in-page #anchor or a web address`);
        continue;
      }
      const page = /^([a-z0-9-]+\.html)(?:#([\w-]+))?$/.exec(href);
      if (page && ctx.pages && !ctx.pages.has(page[1])) report(lineAt(0), `link "${href}" points to a page the course does not have`);
      if (page && page[1] === 'glossary.html' && page[2] && ctx.glossaryIds && !ctx.glossaryIds.has(page[2])) report(lineAt(0), `link "${href}" points to a glossary entry that does not exist`);
    } else if (t.type === 'image') {
      report(lineAt(0), 'images are not supported in lessons');
    }
  }
}

function mathOrError(tex, display, line, report) {
  try {
    return renderMath(tex, display);
  } catch (e) {
    const msg = String(e && e.message ? e.message : e).replace(/^KaTeX parse error:\s*/, '').split('\n')[0];
    report(line, `math does not parse: ${msg}`);
    return '';
  }
}

function countNewlines(text, upTo) {
  let n = 0;
  for (let i = 0; i < upTo && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function normaliseTerm(term) {
  return String(term).toLowerCase().replace(/\s+/g, ' ').trim();
}

// Block markdown starting at source line `baseLine` -> HTML.
function renderBlock(text, baseLine, ctx) {
  const env = {};
  const tokens = md.parse(text, env);
  processTokens(tokens, baseLine, ctx);
  return md.renderer.render(tokens, md.options, env);
}

// One line of inline markdown (a quiz question, a choice) -> HTML without a <p>.
function renderInline(text, line, ctx) {
  const env = {};
  const tokens = md.parseInline(text, env);
  const report = (l, message) => ctx.errors.push({ line: l, message });
  for (const tok of tokens) if (tok.children) processInline(tok.children, () => line, ctx, report);
  return md.renderer.render(tokens, md.options, env);
}

// Inline markdown -> plain text (for titles and labels).
function inlineText(text) {
  const tokens = md.parseInline(text, {});
  return tokens.map((t) => plainText(t.children || [])).join('');
}

module.exports = { renderBlock, renderInline, inlineText, renderMath, normaliseTerm };
