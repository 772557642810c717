// source.js: reads one lesson file into front matter and a list of blocks, with line
// numbers, without rendering anything. The format is described at the top of
// scripts/build_site.js. Every problem is returned as { line, message }; nothing throws.
'use strict';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

// ---- Front matter ------------------------------------------------------------------
// `allowed` maps key -> 'required' | 'optional'. Returns { meta, bodyStart, errors }
// where bodyStart is the 0-based index of the first body line.
function parseFrontMatter(lines, allowed) {
  const errors = [];
  const meta = {};
  const seen = {};
  if (lines[0] === undefined || lines[0].trim() !== '---') {
    errors.push({ line: 1, message: "front matter missing: the file must start with a '---' line" });
    return { meta, bodyStart: 0, errors };
  }
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '---') { end = i; break; }
  }
  if (end < 0) {
    errors.push({ line: 1, message: "front matter is not closed by a second '---' line" });
    return { meta, bodyStart: lines.length, errors };
  }
  for (let i = 1; i < end; i++) {
    const raw = lines[i];
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(raw);
    if (!m) { errors.push({ line: i + 1, message: `front matter line must read "key: value", got "${clip(raw)}"` }); continue; }
    const key = m[1];
    // A value may be quoted, as in YAML ("A title: with a colon"); the quotes are not kept.
    const value = m[2].trim().replace(/^"(.*)"$|^'(.*)'$/, (q, d, s) => (d !== undefined ? d : s));
    if (!(key in allowed)) {
      errors.push({ line: i + 1, message: `unknown front matter key "${key}" (allowed: ${Object.keys(allowed).join(', ')})` });
      continue;
    }
    if (key in seen) { errors.push({ line: i + 1, message: `front matter key "${key}" is given twice (first on line ${seen[key]})` }); continue; }
    seen[key] = i + 1;
    if (!value) { errors.push({ line: i + 1, message: `front matter key "${key}" is empty` }); continue; }
    meta[key] = { value, line: i + 1 };
  }
  for (const [key, need] of Object.entries(allowed)) {
    if (need === 'required' && !(key in meta) && !(key in seen)) {
      errors.push({ line: 1, message: `front matter is missing "${key}"` });
    }
  }
  if (meta.slug && !ID_RE.test(meta.slug.value)) {
    errors.push({ line: meta.slug.line, message: `slug "${clip(meta.slug.value)}" must be lowercase letters, digits and single hyphens` });
    delete meta.slug;
  }
  if (meta.order) {
    if (!/^[1-9]\d{0,3}$/.test(meta.order.value)) {
      errors.push({ line: meta.order.line, message: `order "${clip(meta.order.value)}" must be a whole number from 1 to 9999` });
      delete meta.order;
    } else {
      meta.order.value = Number(meta.order.value);
    }
  }
  return { meta, bodyStart: end + 1, errors };
}

// ---- Blocks --------------------------------------------------------------------------
// Splits the body into markdown runs and ::: blocks.
// Returns { blocks, errors }; each block has `line` (1-based line of its first line):
//   { type: 'markdown', text, line }
//   { type: 'widget', name, pairs: [[k, v]...], line }
//   { type: 'quiz', id, quiz: {...}, line }
//   { type: 'markdown', text, line, aside: TITLE } from "::: aside TITLE": optional reading,
//     shown folded (a <details> box) and opened by the learner
function splitBlocks(lines, bodyStart) {
  const blocks = [];
  const errors = [];
  let md = [];
  let mdLine = bodyStart + 1;
  let fence = null; // the opening fence marker while inside fenced code

  const flush = (nextLine) => {
    if (md.some((l) => l.trim())) blocks.push({ type: 'markdown', text: md.join('\n'), line: mdLine });
    md = [];
    mdLine = nextLine;
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (fence) {
      md.push(line);
      const m = FENCE_RE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && !line.slice(line.indexOf(m[1]) + m[1].length).trim()) fence = null;
      continue;
    }
    const f = FENCE_RE.exec(line);
    if (f) { fence = f[1]; md.push(line); continue; }
    if (!/^:::/.test(line)) { md.push(line); continue; }

    // A ::: line outside code.
    const open = /^:::\s*(\S+)\s*(.*)$/.exec(line);
    if (!open) {
      errors.push({ line: lineNo, message: "':::' closes nothing: no block was opened" });
      md.push('');
      continue;
    }
    const kind = open[1];
    const rest = open[2].trim();
    // Find the closing line; stop early at another opening so one typo is one error.
    let close = -1;
    for (let j = i + 1; j < lines.length; j++) {
      if (/^:::\s*$/.test(lines[j])) { close = j; break; }
      if (/^:::\s*\S/.test(lines[j])) break;
    }
    if (close < 0) {
      errors.push({ line: lineNo, message: `"::: ${clip(kind)}" block is not closed by a ':::' line` });
      md.push('');
      continue;
    }
    flush(close + 2);
    const body = lines.slice(i + 1, close).map((text, k) => ({ text, line: lineNo + 1 + k }));
    if (kind === 'widget') {
      const b = parseWidget(rest, body, lineNo, errors);
      if (b) blocks.push(b);
    } else if (kind === 'quiz') {
      const b = parseQuiz(rest, body, lineNo, errors);
      if (b) blocks.push(b);
    } else if (kind === 'aside') {
      if (!rest) errors.push({ line: lineNo, message: 'an aside needs a title: "::: aside TITLE"' });
      else if (!body.some((b) => b.text.trim())) errors.push({ line: lineNo, message: `the aside "${clip(rest)}" is empty` });
      else blocks.push({ type: 'markdown', text: body.map((b) => b.text).join('\n'), line: lineNo + 1, aside: rest });
    } else {
      errors.push({ line: lineNo, message: `unknown block "::: ${clip(kind)}" (use "::: widget NAME", "::: quiz ID" or "::: aside TITLE")` });
    }
    i = close;
  }
  flush(lines.length + 1);
  return { blocks, errors };
}

// "::: widget NAME k=v k=v" with an empty body.
function parseWidget(rest, body, lineNo, errors) {
  const words = rest.split(/\s+/).filter(Boolean);
  if (!words.length) { errors.push({ line: lineNo, message: 'widget block needs a widget name: "::: widget NAME key=value ..."' }); return null; }
  const name = words[0];
  const pairs = [];
  const seen = new Set();
  let ok = true;
  for (const w of words.slice(1)) {
    const m = /^([A-Za-z][\w-]*)=(\S+)$/.exec(w);
    if (!m) { errors.push({ line: lineNo, message: `widget parameter "${clip(w)}" must read key=value` }); ok = false; continue; }
    if (seen.has(m[1])) { errors.push({ line: lineNo, message: `widget parameter "${m[1]}" is given twice` }); ok = false; continue; }
    seen.add(m[1]);
    pairs.push([m[1], m[2]]);
  }
  for (const b of body) {
    if (b.text.trim()) { errors.push({ line: b.line, message: 'a widget block must be empty: put its settings on the "::: widget" line' }); ok = false; break; }
  }
  return ok ? { type: 'widget', name, pairs, line: lineNo } : null;
}

// ---- Quiz blocks ---------------------------------------------------------------------
// Body grammar (one field per line; an indented line continues the field above it):
//   kind: choice | numeric          question: ...        title: ... (optional)
//   choice:  "+ text" (correct) or "- text" (wrong), each followed by "  why: ..."
//   numeric: answer: N   tolerance: T (optional, default 0)   unit: ... (optional)
//            why: ... (shown when right)   hint: ... (shown when wrong)
const QUIZ_KEYS = ['kind', 'title', 'question', 'answer', 'tolerance', 'unit', 'why', 'hint'];

function parseQuiz(rest, body, lineNo, errors) {
  const before = errors.length;
  const err = (line, message) => errors.push({ line, message });
  const idWords = rest.split(/\s+/).filter(Boolean);
  if (idWords.length !== 1) {
    err(lineNo, idWords.length ? 'a quiz block takes exactly one id: "::: quiz ID"' : 'quiz block needs an id: "::: quiz ID"');
    return null;
  }
  const id = idWords[0];
  if (!ID_RE.test(id)) { err(lineNo, `quiz id "${clip(id)}" must be lowercase letters, digits and single hyphens`); return null; }

  const fields = {};  // key -> { text, line }
  const choices = []; // { correct, text, line, why, whyLine }
  let current = null; // { append(text), choice? }: what an indented line continues
  for (const { text, line } of body) {
    if (!text.trim()) { current = null; continue; }
    const indented = /^\s/.test(text);
    const t = text.trim();
    if (indented) {
      const whyM = /^why\s*:\s*(.*)$/.exec(t);
      if (whyM && current && current.choice && current.choice.why === undefined) {
        const c = current.choice;
        c.why = whyM[1].trim();
        c.whyLine = line;
        current = { append: (more) => { c.why = c.why ? `${c.why} ${more}` : more; } };
        continue;
      }
      if (current) { current.append(t); continue; }
      err(line, `indented line "${clip(t)}" continues nothing`);
      continue;
    }
    const choiceM = /^([+-])\s+(.*)$/.exec(t);
    if (choiceM) {
      const c = { correct: choiceM[1] === '+', text: choiceM[2].trim(), line, why: undefined, whyLine: line };
      choices.push(c);
      current = { choice: c, append: (more) => { c.text = `${c.text} ${more}`.trim(); } };
      continue;
    }
    const keyM = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(t);
    if (keyM) {
      const key = keyM[1].toLowerCase();
      if (!QUIZ_KEYS.includes(key)) { err(line, `unknown quiz field "${keyM[1]}" (fields: ${QUIZ_KEYS.join(', ')}; choices start with "+" or "-")`); current = null; continue; }
      if (fields[key]) { err(line, `quiz field "${key}" is given twice (first on line ${fields[key].line})`); current = null; continue; }
      const field = { text: keyM[2].trim(), line };
      fields[key] = field;
      current = { append: (more) => { field.text = field.text ? `${field.text} ${more}` : more; } };
      continue;
    }
    err(line, `cannot read quiz line "${clip(t)}" (expected "field: value", "+ right choice" or "- wrong choice")`);
    current = null;
  }

  const kind = fields.kind && fields.kind.text;
  if (!fields.kind) err(lineNo, `quiz "${id}" is missing "kind: choice" or "kind: numeric"`);
  else if (kind !== 'choice' && kind !== 'numeric') err(fields.kind.line, `quiz kind "${clip(kind)}" must be "choice" or "numeric"`);
  if (!fields.question || !fields.question.text) err(fields.question ? fields.question.line : lineNo, `quiz "${id}" is missing its question ("question: ...")`);
  if (fields.title && !fields.title.text) err(fields.title.line, 'quiz title is empty');

  const quiz = { id, kind, title: fields.title, question: fields.question, line: lineNo };
  if (kind === 'choice') {
    for (const k of ['answer', 'tolerance', 'unit', 'why', 'hint']) {
      if (fields[k]) err(fields[k].line, `"${k}" belongs to numeric quizzes; a choice quiz puts "why:" under each choice`);
    }
    if (choices.length < 2) err(lineNo, `quiz "${id}" needs at least two choices ("+ right" / "- wrong")`);
    else if (!choices.some((c) => c.correct)) err(lineNo, `quiz "${id}" has no correct answer: mark at least one choice with "+"`);
    for (const c of choices) {
      if (!c.text) err(c.line, 'choice text is empty');
      if (c.why === undefined) err(c.line, `choice "${clip(c.text)}" has no explanation: add an indented "why: ..." line under it`);
      else if (!c.why) err(c.whyLine, 'choice explanation ("why:") is empty');
    }
    quiz.choices = choices;
  } else if (kind === 'numeric') {
    if (choices.length) err(choices[0].line, 'a numeric quiz has no choices; give "answer:" instead');
    if (!fields.answer) err(lineNo, `quiz "${id}" is missing its answer ("answer: NUMBER")`);
    else if (!NUMBER_RE.test(fields.answer.text) || !Number.isFinite(Number(fields.answer.text))) err(fields.answer.line, `answer "${clip(fields.answer.text)}" is not a number`);
    else quiz.answer = Number(fields.answer.text);
    quiz.tolerance = 0;
    if (fields.tolerance) {
      const v = Number(fields.tolerance.text);
      if (!NUMBER_RE.test(fields.tolerance.text) || !Number.isFinite(v) || v < 0) err(fields.tolerance.line, `tolerance "${clip(fields.tolerance.text)}" must be a number of zero or more`);
      else quiz.tolerance = v;
    }
    for (const k of ['why', 'hint']) {
      if (!fields[k] || !fields[k].text) err(fields[k] ? fields[k].line : lineNo, `numeric quiz "${id}" is missing "${k}: ..." (${k === 'why' ? 'the explanation shown when right' : 'the nudge shown when wrong'})`);
    }
    quiz.unit = fields.unit;
    quiz.why = fields.why;
    quiz.hint = fields.hint;
  }
  if (errors.length > before) return null;
  return { type: 'quiz', id, quiz, line: lineNo };
}

// Parses a whole lesson file. `allowed` is the front matter spec.
function parseSource(text, allowed) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = parseFrontMatter(lines, allowed);
  const split = splitBlocks(lines, fm.bodyStart);
  return { meta: fm.meta, blocks: split.blocks, errors: fm.errors.concat(split.errors), lineCount: lines.length };
}

function clip(s) {
  s = String(s);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

module.exports = { parseSource, parseFrontMatter, splitBlocks, ID_RE, NUMBER_RE, clip };
