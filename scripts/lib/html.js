// html.js: escaping and id helpers shared by the site build.
'use strict';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Text or attribute value -> safe HTML (both quote styles escaped, so it fits either).
function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Heading text -> a readable id: "Why squares?" -> "why-squares".
function slugify(text) {
  const s = String(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'section';
}

// Returns `base`, or `base-2`, `base-3`... whichever is not yet in `used`; records it.
function uniqueId(base, used) {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

module.exports = { escapeHtml, slugify, uniqueId };
