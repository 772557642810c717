// widgets.js: mounts every interactive widget of a page into its placeholder
// (<div class="dh-widget" data-widget="NAME" data-params="QUERY">). Each widget lives in
// its own file, web/widget-NAME.js, loaded after this one, which registers its mount
// function with DownhillWidgets.register(NAME, mount); mount(root, values, notices)
// builds the widget's HTML controls, wires them to the wasm simulator (downhill.js,
// src/bindings/API.md) and resolves to the widget's page API.
//
// Index
//   [SECTION] Small DOM helpers (text only: nothing here parses HTML)
//   [SECTION] The wasm engine: loaded and compiled once, one instance per canvas
//   [SECTION] Sharing: Copy link and Embed
//   [SECTION] Teacher challenges: the goal line and its words
//   [SECTION] Mounting and the page API (window.Downhill)
(function () {
  'use strict';
  const Schema = window.DownhillSchema;

  // ---------------------------------------------------------------------------------
  // [SECTION] Small DOM helpers
  // ---------------------------------------------------------------------------------
  let uid = 0;
  const nextId = (base) => `dh-${base}-${++uid}`;

  // el('button', {type: 'button', class: 'x'}, 'text', child...): attributes and text only.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  // A number as the page shows it: never "NaN" or "Infinity".
  function fmt(v, digits) {
    if (!Number.isFinite(v)) return 'not a number';
    const s = v.toFixed(digits);
    return (/^-0\.?0*$/.test(s) ? s.slice(1) : s).replace('-', '−');
  }

  const prefersDark = () => {
    const t = document.documentElement.getAttribute('data-theme');
    if (t === 'dark' || t === 'light') return t === 'dark';
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  };
  // The learner asked the system for less motion: animations play slower.
  const prefersReducedMotion = () => !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  // ---------------------------------------------------------------------------------
  // [SECTION] The wasm engine
  // ---------------------------------------------------------------------------------
  // One engine for the whole course: downhill.js (the factory createDownhill) and its
  // binary downhill.wasm hold every widget. The script loads once per page, the binary is
  // fetched and compiled once, and each canvas gets its own instance of that compiled
  // module (its own memory and its own SDL window). Where a page cannot load .wasm files
  // (opened from disk, or in a sandboxed frame without an origin) the binary comes as a
  // script, downhill.wasm.js.
  const ENGINE = 'downhill';
  const loading = {};
  function loadScript(src) {
    if (!loading[src]) {
      loading[src] = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = () => resolve();
        s.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.append(s);
      });
    }
    return loading[src];
  }
  const needsInlineWasm = () => location.protocol === 'file:' || self.origin === 'null';
  function base64Bytes(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  // The engine's compiled code, made once per page (a promise of a WebAssembly.Module).
  let compiled = null;
  function compileEngine() {
    if (compiled) return compiled;
    const file = ENGINE + '.wasm';
    if (needsInlineWasm()) {
      compiled = loadScript(file + '.js').then(() => WebAssembly.compile(base64Bytes(self.DownhillWasm[ENGINE])));
    } else {
      // Streaming compiles while the bytes arrive; a server that does not send the wasm
      // content type makes it refuse, and the bytes are compiled once they are all here.
      const bytes = () => fetch(file).then((r) => {
        if (!r.ok) throw new Error(`could not load ${file}`);
        return r.arrayBuffer();
      }).then((b) => WebAssembly.compile(b));
      compiled = (WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(file)).catch(bytes) : bytes());
    }
    compiled.catch(() => { compiled = null; }); // a later widget may try again
    return compiled;
  }
  // Creates one engine instance bound to `canvas` (SDL looks its canvas up as "#canvas").
  async function createModule(canvas) {
    const [mod] = await Promise.all([compileEngine(), loadScript(ENGINE + '.js')]);
    if (typeof window.createDownhill !== 'function') throw new Error('The simulator (downhill.js) did not load.');
    return new Promise((resolve, reject) => {
      window.createDownhill({
        canvas,
        preRun: [(M) => { M.specialHTMLTargets['#canvas'] = canvas; }],
        print: () => {},
        printErr: () => {},
        // Instantiate the page's one compiled module instead of fetching and compiling again.
        instantiateWasm(imports, receive) {
          WebAssembly.instantiate(mod, imports).then((instance) => receive(instance, mod), reject);
          return {};
        },
      }).then(resolve, reject);
    });
  }

  // Keeps a canvas' drawing size equal to its CSS size.
  // The returned function refits at once; set its `aspect` (height / width) to change it.
  function followSize(M, canvas, aspect) {
    const fit = () => {
      const w = Math.max(200, Math.round(canvas.parentElement.clientWidth));
      const h = Math.max(180, Math.min(fit.aspect > 0.6 ? 640 : 440, Math.round(w * fit.aspect)));
      canvas.style.setProperty('--dh-canvas-h', h + 'px'); // the height of .dh-canvas (widgets.css)
      M.resizeCanvas(w, h);
    };
    fit.aspect = aspect;
    fit();
    if ('ResizeObserver' in window) new ResizeObserver(fit).observe(canvas.parentElement);
    else window.addEventListener('resize', fit);
    return fit;
  }

  // Calls fn(event) for a tap or click on `target` that did not move more than a few pixels
  // (a swipe that scrolls the page cancels it). Pointer events, not 'click': the canvas
  // runtime cancels touches, so a touch screen never synthesizes a click there.
  function onTap(target, fn) {
    let down = null;
    target.addEventListener('pointerdown', (e) => { down = { x: e.clientX, y: e.clientY, id: e.pointerId }; });
    target.addEventListener('pointercancel', () => { down = null; });
    target.addEventListener('pointerup', (e) => {
      const d = down;
      down = null;
      if (d && d.id === e.pointerId && Math.hypot(e.clientX - d.x, e.clientY - d.y) <= 10) fn(e);
    });
  }

  function followTheme(M) {
    const apply = () => M.setDarkTheme(!!prefersDark());
    apply();
    new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    if (window.matchMedia) window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Sharing: Copy link and Embed
  // ---------------------------------------------------------------------------------
  // The address of the single-widget page showing `name` with exactly these settings.
  function shareUrl(name, values) {
    const query = Schema.serialize(name, values);
    const url = new URL('embed.html', location.href);
    url.search = 'widget=' + encodeURIComponent(name) + (query ? '&' + query : '');
    url.hash = '';
    return url.href;
  }
  // Copies text; when the browser refuses (file://, sandboxed frames), selects it instead.
  async function copyText(text, field, say) {
    try {
      await navigator.clipboard.writeText(text);
      say('Copied to the clipboard.');
    } catch (e) {
      if (field) { field.hidden = false; field.focus(); field.select(); }
      say('Copying was blocked here: the text is selected, press Ctrl+C (or ⌘+C) to copy it.');
    }
  }
  // Adds Copy link and Embed to a mounted widget whose API has values().
  function addShareBar(root, name, api) {
    if (!api || typeof api.values !== 'function') return;
    const note = el('p', { class: 'dh-share-note', 'aria-live': 'polite' });
    const linkField = el('input', { type: 'text', readonly: true, class: 'dh-share-field', 'aria-label': 'Link to this widget', hidden: true });
    const snippet = el('textarea', { readonly: true, rows: 3, class: 'dh-share-field', 'aria-label': 'Embed code' });
    const embedPanel = el('div', { class: 'dh-embed-panel', hidden: true },
      el('p', {}, 'Paste this into your course page (Moodle, Canvas, WordPress or any HTML page). It resizes itself to fit.'),
      snippet);
    const linkBtn = el('button', { type: 'button', class: 'dh-btn dh-btn-quiet' }, 'Copy link');
    const embedBtn = el('button', { type: 'button', class: 'dh-btn dh-btn-quiet', 'aria-expanded': 'false' }, 'Embed');
    const say = (t) => { note.textContent = t; };
    linkBtn.addEventListener('click', () => {
      const url = shareUrl(name, api.values());
      linkField.value = url;
      copyText(url, linkField, say);
    });
    embedBtn.addEventListener('click', () => {
      const open = embedPanel.hidden;
      // The height as the embedded page shows it: with this panel closed.
      const h = Math.ceil(root.getBoundingClientRect().height) + 24;
      embedPanel.hidden = !open;
      embedBtn.setAttribute('aria-expanded', String(open));
      if (!open) return;
      const url = shareUrl(name, api.values());
      const title = (Schema.WIDGETS[name] || {}).title || 'Downhill widget';
      // The same code as the build's oEmbed files (web/embedding.js).
      snippet.value = window.DownhillEmbedding.snippet(url, `Downhill: ${title}`, h);
      copyText(snippet.value, snippet, say);
    });
    root.append(el('div', { class: 'dh-share' }, el('div', { class: 'dh-buttons' }, linkBtn, embedBtn), linkField, embedPanel, note));
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Teacher challenges
  // ---------------------------------------------------------------------------------
  // A goal a teacher puts in a link (goalLoss=...&goalSteps=... and the like): one line at
  // the top of the widget (role=status), in the same words on every widget:
  //   Challenge: <task>. Steps used: 3.                                  on the way
  //   Challenge: <task>. <why this run does not count>                   e.g. another curve
  //   Challenge: <task>. Not this time: 21 steps so far. <retry>         out of steps
  //   Challenge: <task>. Not this time: <how the run ended>. <retry>     the run stopped
  //   Well done! <what the learner reached> (the goal: <goal>).          met; stays met
  // spec: null (no challenge: the line stays hidden) or
  //   { task, goal, limit, unit: 'steps' | 'epochs', retry }.
  // The widget decides when the goal is met; this keeps the words and the done state.
  // The line shows the count as it goes; a screen reader hears it only when its verdict
  // changes (set, met, missed, not counting), not once a step on top of the narration.
  function challenge(spec) {
    const shown = el('span', { class: 'dh-challenge-text', 'aria-hidden': 'true' });
    const said = el('span', { class: 'dh-sr-only' });
    const box = el('p', { class: 'dh-challenge', role: 'status', hidden: !spec }, shown, said);
    let done = null;
    const unitUsed = spec ? spec.unit.charAt(0).toUpperCase() + spec.unit.slice(1) + ' used' : '';
    return {
      box,
      met: () => done !== null,
      // count: steps (or epochs) of the run so far. reached: what the learner reached, when
      // the goal is met within the limit (else null). elsewhere: why the run on screen does
      // not count (else ''). ended: how the run ended, when it cannot go on (else '').
      update({ count, reached = null, elsewhere = '', ended = '' }) {
        if (!spec) return;
        if (done === null && reached && !elsewhere) done = reached;
        const ask = `Challenge: ${spec.task}.`;
        const text = done !== null ? `Well done! ${done} (the goal: ${spec.goal}).`
          : elsewhere ? `${ask} ${elsewhere}`
            : count > spec.limit ? `${ask} Not this time: ${count} ${spec.unit} so far. ${spec.retry}`
              : ended ? `${ask} Not this time: ${ended}. ${spec.retry}`
                : `${ask} ${unitUsed}: ${count}.`;
        const spoken = done !== null || elsewhere || ended ? text
          : count > spec.limit ? `${ask} Not this time: more than ${spec.limit} ${spec.unit}. ${spec.retry}` : ask;
        box.classList.toggle('dh-done', done !== null);
        if (shown.textContent !== text) shown.textContent = text;
        if (said.textContent !== spoken) said.textContent = spoken;
      },
    };
  }
  // A goal's number as a teacher typed it: shortest form, never NaN ("0.001", "−1.2").
  function goalNumber(v) {
    if (!Number.isFinite(v)) return fmt(v, 0);
    return String(Number(v.toPrecision(6))).replace('-', '−');
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Mounting and the page API
  // ---------------------------------------------------------------------------------
  const MOUNTERS = {};
  const Downhill = { widgets: [], ready: null };
  window.Downhill = Downhill;
  window.DownhillWidgets = {
    el, fmt, nextId, prefersDark, prefersReducedMotion, createModule, followSize, followTheme, onTap, Schema, shareUrl,
    challenge, goalNumber,
    register(name, mount) { MOUNTERS[name] = mount; },
  };

  // The mount function of widget `name`: registered by its script when the page loaded it,
  // else loaded now from widget-NAME.js (the single-widget page loads only the one it shows).
  function widgetMounter(name) {
    if (MOUNTERS[name]) return Promise.resolve(MOUNTERS[name]);
    if (!Object.prototype.hasOwnProperty.call(Schema.WIDGETS, name) || !/^[a-z0-9-]{1,40}$/.test(name)) return Promise.resolve(null);
    return loadScript(`widget-${name}.js`).then(() => MOUNTERS[name] || null, () => null);
  }

  function mountAll() {
    const jobs = [];
    const roots = [...document.querySelectorAll('.dh-widget[data-widget]')];
    Downhill.widgets = new Array(roots.length).fill(null);
    roots.forEach((root, index) => {
      const name = root.getAttribute('data-widget');
      const { values, errors } = Schema.parse(name, root.getAttribute('data-params') || '');
      const unavailable = () => {
        root.replaceChildren(el('p', { class: 'dh-message', role: 'alert' }, errors.join(' ') || 'This widget is not available.'));
        return null;
      };
      if (!values) { unavailable(); return; }
      jobs.push(widgetMounter(name).then((mounter) => {
        if (!mounter) return unavailable();
        return mounter(root, values, errors).then((api) => {
          Downhill.widgets[index] = api;
          addShareBar(root, name, api);
          return api;
        });
      }));
    });
    Downhill.ready = Promise.all(jobs);
    return Downhill.ready;
  }
  // Widget files load after this one: mount once the whole document (and them) is parsed.
  // Deferred scripts (the lesson pages) run while the document is already "interactive"
  // but before DOMContentLoaded, so that event is the one to wait for; `load` covers this
  // file being added after it.
  let mounted = false;
  const mountOnce = () => { if (!mounted) { mounted = true; mountAll(); } };
  if (document.readyState === 'complete') setTimeout(mountOnce, 0);
  else {
    document.addEventListener('DOMContentLoaded', mountOnce);
    window.addEventListener('load', mountOnce);
  }
})();
