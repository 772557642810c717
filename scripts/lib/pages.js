// pages.js: the HTML of each page part: quiz nodes, widget placements, the lesson
// header, the course map, the pager, and filling web/template.html.
//
// Every value from a lesson reaches the page through escapeHtml() or through the
// markdown renderer (html: false), so nothing from a lesson can become markup or script.
'use strict';

const { escapeHtml } = require('./html');

// ---- Widgets -------------------------------------------------------------------------
// The exact element web/widgets.js mounts into; `query` is already URL-encoded.
function widgetHtml(name, query) {
  return `<div class="dh-widget" data-widget="${escapeHtml(name)}" data-params="${escapeHtml(query)}"></div>\n`;
}

// ---- Asides -------------------------------------------------------------------------
// Optional reading ("::: aside TITLE"), folded until the learner opens it; both parts are
// already rendered HTML.
function asideHtml(titleHtml, bodyHtml) {
  return `<details class="dh-aside"><summary>${titleHtml}</summary>\n${bodyHtml}</details>\n`;
}

// ---- Quiz nodes ----------------------------------------------------------------------
// q: parsed quiz with rendered parts: q.questionHtml, q.choices[i].html / .whyHtml,
// q.whyHtml / q.hintHtml / q.unitHtml (numeric). node: its place in the course chain.
function quizHtml(q, node) {
  const id = `quiz-${q.id}`;
  const attrs = [
    `class="dh-quiz"`, `id="${id}"`, `data-quiz="${escapeHtml(q.id)}"`, `data-node="${escapeHtml(node.id)}"`,
    `data-after="${escapeHtml(node.after)}"`, `data-kind="${q.kind}"`, `aria-labelledby="${id}-title"`,
  ];
  if (q.kind === 'numeric') attrs.push(`data-answer="${q.answer}"`, `data-tolerance="${q.tolerance}"`);
  if (node.next) attrs.push(`data-next-href="${escapeHtml(node.next.href)}"`, `data-next-label="${escapeHtml(node.next.label)}"`);
  const multi = q.kind === 'choice' && q.choices.filter((c) => c.correct).length > 1;
  if (multi) attrs.push('data-multi="true"');

  let fields;
  let whys;
  if (q.kind === 'choice') {
    const type = multi ? 'checkbox' : 'radio';
    fields = q.choices.map((c, i) =>
      `<div class="dh-choice"><input type="${type}" name="${id}-answer" id="${id}-c${i}" value="${i}"${c.correct ? ' data-correct="true"' : ''}>` +
      `<label for="${id}-c${i}">${c.html}</label></div>`).join('\n');
    whys = q.choices.map((c, i) => `<div data-why="${i}">${c.whyHtml}</div>`).join('\n');
  } else {
    fields = `<div class="dh-numeric"><label for="${id}-answer">Your answer</label>` +
      `<span class="dh-numeric-row"><input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" id="${id}-answer" name="${id}-answer">` +
      (q.unitHtml ? `<span class="dh-unit">${q.unitHtml}</span>` : '') + '</span></div>';
    whys = `<div data-why="right">${q.whyHtml}</div>\n<div data-why="hint">${q.hintHtml}</div>`;
  }
  const legendExtra = multi ? ' <span class="dh-multi-note">(Choose every answer that fits.)</span>' : '';
  return `<section ${attrs.join(' ')}>
<div class="dh-quiz-head"><h2 class="dh-quiz-title" id="${id}-title"><span class="dh-quiz-kicker">Check</span> ${escapeHtml(node.title)}</h2><span class="dh-badge" data-for="${escapeHtml(node.id)}"></span></div>
<form class="dh-quiz-form" novalidate>
<fieldset>
<legend class="dh-question">${q.questionHtml}${legendExtra}</legend>
${fields}
</fieldset>
<div class="dh-quiz-actions"><button type="submit" class="dh-button">Check answer</button></div>
</form>
<div class="dh-feedback" aria-live="polite"></div>
<div class="dh-whys" hidden>
${whys}
</div>
<noscript><p class="dh-noscript">Checking answers needs JavaScript, which is turned off in this browser. The lesson itself reads fine without it.</p></noscript>
</section>
`;
}

// The course's advice for a node reached ahead of its order, as HTML: the node before it.
function lockHtml(node) {
  if (!node.prev) return '';
  return `The course suggests <a href="${escapeHtml(node.prev.href)}">${escapeHtml(node.prev.label)}</a> first.`;
}

// ---- Lesson pages --------------------------------------------------------------------
function lessonHeader(lesson, total, node) {
  return `<header class="dh-lesson-head">
<p class="dh-kicker"><span>Lesson ${lesson.number} of ${total}</span> <span class="dh-badge" data-for="${escapeHtml(node.id)}"></span></p>
<h1>${escapeHtml(lesson.title)}</h1>
<p class="dh-summary">${escapeHtml(lesson.summary)}</p>
<div class="dh-lock-note dh-lock-banner" data-for="${escapeHtml(node.id)}" hidden><p><span class="dh-lock-word">You are ahead of the course’s order.</span> ${node.lockHtml} Everything here works all the same, the checks included.</p></div>
</header>
`;
}

function lessonMain(lesson, total, node, bodyHtml) {
  return `<article class="dh-lesson" data-node="${escapeHtml(node.id)}" data-after="${escapeHtml(node.after)}">
${lessonHeader(lesson, total, node)}${bodyHtml}</article>`;
}

// Previous / next lesson links under a lesson.
function pagerHtml(prev, next) {
  const link = (rel, item, word) => item
    ? `<a class="dh-pager-${rel}" rel="${rel}" href="${escapeHtml(item.href)}"><span class="dh-pager-word">${word}</span> <span class="dh-pager-title">${escapeHtml(item.label)}</span></a>`
    : '<span></span>';
  return `<nav class="dh-pager" aria-label="Previous and next lesson">
${link('prev', prev, 'Previous')}
${link('next', next, 'Next')}
</nav>`;
}

// ---- The course map ------------------------------------------------------------------
function mapMain(title, introHtml, lessons, nodeCount) {
  const items = lessons.map((l) => {
    const quizzes = l.quizNodes.map((n) => `<li class="dh-map-quiz" data-node="${escapeHtml(n.id)}" data-after="${escapeHtml(n.after)}">` +
      `<a href="${escapeHtml(n.href)}"><span class="dh-map-kind">Check</span> ${escapeHtml(n.title)}</a> <span class="dh-badge" data-for="${escapeHtml(n.id)}"></span></li>`).join('\n');
    // The lesson's hands-on sections (each holds a widget), by their headings.
    const tryIt = (l.tryIt || []).length ? `<p class="dh-map-try"><span class="dh-map-kind">Hands-on</span> ` +
      l.tryIt.map((t) => `<a href="${escapeHtml(t.href)}">${escapeHtml(t.text)}</a>`).join(' · ') + '</p>\n' : '';
    return `<li class="dh-map-lesson" data-node="${escapeHtml(l.node.id)}" data-after="${escapeHtml(l.node.after)}">
<div class="dh-map-row"><a class="dh-map-link" href="${escapeHtml(l.node.href)}"><span class="dh-map-num">Lesson ${l.number}</span> <span class="dh-map-title">${escapeHtml(l.title)}</span></a> <span class="dh-badge" data-for="${escapeHtml(l.node.id)}"></span></div>
<p class="dh-map-summary">${escapeHtml(l.summary)}</p>
${tryIt}${quizzes ? `<ol class="dh-map-quizzes">\n${quizzes}\n</ol>` : ''}
</li>`;
  }).join('\n');
  return `<h1>${escapeHtml(title)}</h1>
${introHtml}
<section class="dh-progress" aria-labelledby="progress-title" hidden>
<h2 id="progress-title">Your progress</h2>
<p><span data-progress-done>0</span> of ${nodeCount} steps done.</p>
<progress data-progress-bar max="${nodeCount}" value="0" aria-labelledby="progress-title"></progress>
<div class="dh-reset">
<button type="button" class="dh-button dh-button-quiet" data-reset>Reset progress</button>
<span class="dh-reset-confirm" data-reset-confirm hidden><span>Clear every tick and start again?</span> <button type="button" class="dh-button dh-button-danger" data-reset-yes>Yes, reset</button> <button type="button" class="dh-button dh-button-quiet" data-reset-no>Keep my progress</button></span>
</div>
</section>
<section class="dh-map-section" aria-labelledby="map-title">
<h2 id="map-title">Course map</h2>
<ul class="dh-legend" aria-label="What the labels mean">
<li><span class="dh-badge" data-state="open">Open</span> ready for you</li>
<li><span class="dh-badge" data-state="done">Done</span> read, or answered right</li>
<li><span class="dh-badge" data-state="locked">Ahead</span> comes after a step not done yet (open it and answer its checks whenever you like)</li>
</ul>
<ol class="dh-map">
${items}
</ol>
</section>`;
}

// ---- Template ------------------------------------------------------------------------
// Replaces each {{name}} in the template; every name must be given (values are HTML).
function fillTemplate(template, values) {
  const missing = [];
  const out = template.replace(/\{\{(\w+)\}\}/g, (m, key) => {
    if (!(key in values)) { missing.push(key); return m; }
    return values[key];
  });
  if (missing.length) throw new Error(`web/template.html uses unknown placeholder(s): ${missing.join(', ')}`);
  return out;
}

// <head> additions. Every page first loads embedding.js (in another site's iframe it
// reports its height). A page with widgets loads, in order: schema.js, widgets.js (which
// loads the course's one wasm engine, downhill.js, when the first widget mounts), each widget's own
// widget-NAME.js; every page then loads scorm-api.js and results.js (quiz results out: xAPI, SCORM)
// after course.js (the course's list of checks, written by the build), offline.js (the
// service worker) and site.js.
function headAssets(widgetScripts) {
  const parts = [];
  if (widgetScripts) parts.push('<link rel="stylesheet" href="widgets.css">');
  parts.push('<script src="embedding.js" defer></script>');
  if (widgetScripts) {
    parts.push('<script src="schema.js" defer></script>', '<script src="widgets.js" defer></script>');
    for (const f of widgetScripts) parts.push(`<script src="${escapeHtml(f)}" defer></script>`);
  }
  parts.push('<script src="course.js" defer></script>', '<script src="scorm-api.js" defer></script>',
    '<script src="results.js" defer></script>',
    '<script src="offline.js" defer></script>', '<script src="site.js" defer></script>');
  return parts.join('\n');
}

// oEmbed discovery: where a site that is given this page's address finds its embed code.
function oembedLink(href, title) {
  return `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(href)}" title="${escapeHtml(title)}">\n`;
}

module.exports = { oembedLink, widgetHtml, asideHtml, quizHtml, lockHtml, lessonMain, pagerHtml, mapMain, fillTemplate, headAssets };
