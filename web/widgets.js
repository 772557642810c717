// widgets.js: mounts every interactive widget of a page into its placeholder
// (<div class="dh-widget" data-widget="NAME" data-params="QUERY">). Each widget lives in
// its own file, web/widget-NAME.js, loaded after this one, which describes it with
// DownhillWidgets.defineWidget(NAME, { label, className, canvasLabel, mount }). The
// scaffold here owns what every widget shares: start-up of the wasm simulator
// (downhill.js, src/bindings/API.md) and its failure message, the notice, status and
// narration lines, the canvas, the animation loop, the teacher's challenge line, values()
// read through the schema (web/schema.js), and Copy link / Embed; the widget's mount(w)
// builds only its own controls and words and resolves to its page API.
//
// Index
//   [SECTION] Small DOM helpers (text only: nothing here parses HTML)
//   [SECTION] The wasm engine: loaded and compiled once, one instance per canvas
//   [SECTION] Sharing: Copy link and Embed
//   [SECTION] Teacher challenges: the goal line and its words
//   [SECTION] Controls and numbers shared by the widgets
//   [SECTION] The widget scaffold: defineWidget and the frame a widget is built on
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

  // A number as the course shows it, with at most `digits` decimals (Schema.formatNumber:
  // the same words as the canvases).
  const fmt = (v, digits) => Schema.formatNumber(v, digits);

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

  // Resolves when `node` comes within about a screen of the viewport: a widget's engine
  // instance (its memory, WebGL context and frame loop) starts only then, so a page shows
  // its first canvas as soon as the one in view is ready, and widgets far below the fold
  // cost nothing until the learner scrolls towards them. In a frame the browser measures
  // against the top page's viewport. Without IntersectionObserver: at once.
  const NEAR_MARGIN = '100% 0px 100% 0px';
  let nearObserver = null;
  const nearWaiting = new Map(); // node -> resolve
  function nearViewport(node) {
    if (!('IntersectionObserver' in window)) return Promise.resolve();
    if (!nearObserver) {
      nearObserver = new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const resolve = nearWaiting.get(e.target);
          nearWaiting.delete(e.target);
          nearObserver.unobserve(e.target);
          if (resolve) resolve();
        }
      }, { rootMargin: NEAR_MARGIN });
    }
    return new Promise((resolve) => {
      nearWaiting.set(node, resolve);
      nearObserver.observe(node);
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

  // Calls fn(event) while the learner drags across `target` as a handle moved left and right:
  // a mouse or pen from the press on; a finger once its drag goes more sideways than up or
  // down, or on a tap. A finger that swipes up or down scrolls the page (the target has
  // touch-action: pan-y) and changes nothing.
  function onDragAcross(target, fn) {
    const DECIDE_PX = 8;
    let down = null; // { id, x, y, live }
    target.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      down = { id: e.pointerId, x: e.clientX, y: e.clientY, live: e.pointerType !== 'touch' };
      try { target.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
      if (down.live) fn(e);
    });
    target.addEventListener('pointermove', (e) => {
      if (!down || down.id !== e.pointerId) return;
      if (!down.live) {
        const ax = Math.abs(e.clientX - down.x), ay = Math.abs(e.clientY - down.y);
        if (ax >= DECIDE_PX && ax > ay) down.live = true;
        else { if (ay >= DECIDE_PX) down = null; return; }
      }
      fn(e);
    });
    target.addEventListener('pointerup', (e) => {
      const d = down;
      down = null;
      if (d && d.id === e.pointerId && !d.live && Math.hypot(e.clientX - d.x, e.clientY - d.y) <= 10) fn(e);
    });
    target.addEventListener('pointercancel', () => { down = null; });
    // While a finger drags the handle, the page stays still under it.
    target.addEventListener('touchmove', (e) => { if (down && down.live && e.cancelable) e.preventDefault(); }, { passive: false });
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
  // [SECTION] Controls and numbers shared by the widgets
  // ---------------------------------------------------------------------------------
  // A class list from a base and optional extras ('dh-field', ' dh-hidden' -> 'dh-field dh-hidden').
  const classes = (...names) => names.map((n) => String(n || '').trim()).filter(Boolean).join(' ');

  // A labelled control: <div class="dh-field EXTRA"><label for=…>text</label>control</div>.
  function field(text, control, extra) {
    if (!control.id) control.id = nextId('f');
    return el('div', { class: classes('dh-field', extra) }, el('label', { for: control.id }, text), control);
  }
  // A range input with its value shown beside it: { input, output, box }.
  function slider(text, attrs, shown, extra) {
    const input = el('input', { type: 'range', id: nextId('range'), ...attrs });
    const output = el('output', { id: nextId('range-out'), for: input.id }, shown);
    input.setAttribute('aria-describedby', output.id);
    const box = el('div', { class: classes('dh-field', extra) }, el('label', { for: input.id }, text),
      el('div', { class: 'dh-range' }, input, output));
    return { input, output, box };
  }
  // A named number under the picture: { box, out } (out is read by its label).
  function readout(label) {
    const lid = nextId('ro');
    const out = el('output', { 'aria-labelledby': lid, class: 'dh-ro-value' }, '—');
    return { box: el('div', { class: 'dh-ro' }, el('span', { id: lid, class: 'dh-ro-label' }, label), out), out };
  }
  // A button with the widgets' look.
  const button = (text, extra) => el('button', { type: 'button', class: classes('dh-btn', extra) }, text);
  // A check box with its label: { input, box }.
  // The View switch of a widget with views: one radio per view in a fieldset that the
  // `hide=view` setting hides. Returns { box, radios: { view: { input, box } } }.
  function viewSwitch(w, views) {
    const name = nextId('view');
    const radios = {};
    for (const [value, text] of Object.entries(views)) {
      const input = el('input', { type: 'radio', name, id: nextId('view-' + value), value });
      radios[value] = { input, box: el('div', { class: 'dh-check' }, input, el('label', { for: input.id }, text)) };
    }
    const box = el('fieldset', { class: 'dh-field dh-plain-set' + w.hideClass('view') },
      el('legend', {}, 'View'), el('div', { class: 'dh-buttons' }, ...Object.values(radios).map((r) => r.box)));
    return { box, radios };
  }

  function checkbox(text, checked, extra) {
    const input = el('input', { type: 'checkbox', id: nextId('check') });
    input.checked = !!checked;
    return { input, box: el('div', { class: classes('dh-check', extra) }, input, el('label', { for: input.id }, text)) };
  }
  // A form control with the look of the page's number inputs (widgets.css).
  function styled(node) {
    node.classList.add('dh-input');
    return node;
  }
  // Calls fn(text) when a typed value is committed (change, or Enter) and differs, spaces
  // aside, from the one last committed; focusing the input takes what it then shows as
  // committed. input.dataset.committed may also be set by the widget when it rewrites the value.
  function onCommit(input, fn) {
    const now = () => input.value.trim();
    input.dataset.committed = now();
    const go = () => {
      if (now() === input.dataset.committed) return;
      input.dataset.committed = now();
      fn(input.value);
      input.dataset.committed = now(); // as the widget left it (clamped, or put back)
    };
    input.addEventListener('change', go);
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    input.addEventListener('focus', () => { input.dataset.committed = now(); });
  }

  // The number a learner typed, or NaN: decimals and powers of ten (1e-5), a typographic minus.
  function parseNumber(v) {
    if (typeof v === 'number') return v;
    const text = String(v).trim().replace('−', '-');
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
  }
  // A number as a learner would type it: the shortest form of six significant digits.
  const typed = (v) => String(Number(v.toPrecision(6)));
  // A number in words the page can show, however large or small (the same format as fmt).
  const num = fmt;

  // A learner's own formula: the box with f(x) = … (vars 1) or f(x, y) = … (vars 2), the
  // drawn range (the widget's xMin, xMax and, for a surface, yMin, yMax settings), and the
  // buttons that use it or go back to the widget's own. The engine's C++ parser reads the
  // text (no script is ever made from it); every message about it is shown as text.
  //   opts: { vars, what ('curve' | 'surface'), legend, example, useText, backText,
  //           use(text, ...range) -> '' | why (the widget's engine call), onApply(), onBack() }
  //   returns { box, inputs, input, range, note, apply(text, given), show(state), fromLink(words) }
  //   (given: the range as numbers in the order xMin, xMax, yMin, yMax; one left out: as typed)
  const MAX_FORMULA = 200; // as the core's formula limit and a URL setting's
  function formulaBox(w, opts) {
    const P = Schema.WIDGETS[w.name].params;
    const keys = opts.vars === 2 ? ['xMin', 'xMax', 'yMin', 'yMax'] : ['xMin', 'xMax'];
    const lo = Math.min(...keys.map((k) => P[k].min)), hi = Math.max(...keys.map((k) => P[k].max));
    const input = el('input', { type: 'text', id: nextId('formula'), maxlength: MAX_FORMULA, spellcheck: 'false', autocomplete: 'off',
      autocapitalize: 'off', placeholder: opts.example, value: w.values.formula, class: 'dh-input dh-formula' });
    const range = {};
    for (const k of keys) {
      range[k] = el('input', { type: 'number', id: nextId(k.toLowerCase()), min: lo, max: hi, step: 0.5, value: w.values[k],
        inputmode: 'decimal', class: 'dh-input' });
    }
    const useBtn = button(opts.useText), backBtn = button(opts.backText);
    const note = el('p', { class: 'dh-status dh-formula-note', 'aria-live': 'polite' });
    const words = (k) => `Drawn ${k.endsWith('Min') ? 'from' : 'to'} ${k[0]} =`;
    const box = el('fieldset', { class: 'dh-controls dh-formula-box' + w.hideClass('formula') }, el('legend', {}, opts.legend),
      field(opts.vars === 2 ? 'f(x, y) =' : 'f(x) =', input, 'dh-field-wide'), ...keys.map((k) => field(words(k), range[k])),
      el('div', { class: 'dh-buttons' }, useBtn, backBtn), note);
    const f = {
      box, input, range, note, inputs: [input, ...Object.values(range), useBtn, backBtn],
      // Uses the typed formula and range (or the text and range given): '' when used, else
      // the reason, which the note shows.
      apply(text, given = []) {
        const t = String(text === undefined ? input.value : text).trim();
        const nums = keys.map((k, i) => parseNumber(given[i] !== undefined ? given[i] : range[k].value));
        const why = !nums.every(Number.isFinite) ? `The range must be ${keys.length === 2 ? 'two ' : ''}numbers.`
          : nums.some((v) => v < lo || v > hi) ? `The range must lie between ${lo} and ${hi}.`
            : t.length > MAX_FORMULA ? `A formula can be at most ${MAX_FORMULA} characters long; this one has ${t.length}.`
              : opts.use(t, ...nums);
        input.value = t;
        note.textContent = why ? `This ${opts.what} could not be used: ${why}` : '';
        return why;
      },
      // Writes the range in use (state.xMin, …) back into the fields.
      show(s) { for (const k of keys) range[k].value = String(s[k]); },
      // The formula of a link, if any: a bad one leaves the widget's own, with the reason shown.
      fromLink(fallback) {
        if (!w.values.formula) return '';
        const why = opts.use(w.values.formula, ...keys.map((k) => w.values[k]));
        if (why) note.textContent = `The ${opts.what} in this link could not be used, so ${fallback} is shown: ${why}`;
        return why;
      },
    };
    useBtn.addEventListener('click', () => opts.onApply());
    backBtn.addEventListener('click', () => opts.onBack());
    for (const i of [input, ...Object.values(range)]) i.addEventListener('keydown', (e) => { if (e.key === 'Enter') opts.onApply(); });
    return f;
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] The widget scaffold
  // ---------------------------------------------------------------------------------
  // defineWidget(name, { label, className, canvasLabel, mount }):
  //   label        the widget's accessible name (its role=group box)
  //   className    classes of that box besides dh-roll
  //   canvasLabel  the canvas' description until the widget first writes one
  //   mount(w)     async; builds the widget on the frame `w` and resolves to its page API
  // The frame `w` holds what every widget has:
  //   w.values, w.notes         the settings read by the schema, and notices about them (text)
  //   w.hides(key), w.hideClass(key)   the `hide` setting: true / ' dh-hidden' for a hidden part
  //   w.canvas, w.figure        the canvas and its box
  //   w.message, w.showMessage(text), w.showNotes()   the notice line (role=alert)
  //   w.status, w.narrator, w.say(text)   the status line, and the line screen readers hear
  //   w.layout(parts, inputs)   puts the parts in the widget's box; the inputs wait for the module
  //   await w.module()          the wasm module (M), made once the widget comes near the
  //                             viewport (nearViewport); if it cannot start, the status says so
  //                             and mounting ends there (the widget's API is then null)
  //   w.show(model, { width, height, draw, aspect, observe })   draws the model with M[draw]
  //                             on the canvas (aspect: height / width, a number or a function
  //                             read again when `observe` changes size); w.refit() reads it
  //                             again; a canvas that cannot start leaves its reason in
  //                             w.canvasError and the controls working
  //   w.playButtons()           Step, Play and Reset ({ step, play, reset, box }, hidden by
  //                             hide=play), calling the API's step(), play() and reset();
  //                             w.showPlaying(on) turns Play into Pause
  //   w.refresher(read, draw)   refresh(narrate): draw(state, narrate) when the state's
  //                             version moved, or always when narrate is set
  //   w.animate(refresh)        calls refresh(false) on every animation frame
  //   w.goal, w.challenge(spec) the teacher's goal ({ target, limit } from the goal* settings,
  //                             the limit at its largest when not given; else null) and its
  //                             line (see challenge() above), put at the top of the widget
  //   w.settings(read, fields)  values() for links and embeds: every setting of the schema
  //                             from the object read() gives, by field name or function
  //                             fields[setting]; hide and the goal keep what they were given
  // The scaffold adds name, module, model (the one shown), state() (its state), values() and,
  // for widgets with goal settings, challengeMet() to the API.
  const NOT_STARTED = Symbol('the simulator did not start');
  let firstFrameMarked = false;

  function defineWidget(name, def) {
    const params = Schema.WIDGETS[name].params;
    const goalKeys = Object.keys(params).filter((k) => /^goal[A-Z]/.test(k));
    MOUNTERS[name] = async (root, values, notices) => {
      const w = makeFrame(name, def, params, goalKeys, root, values, notices);
      let api;
      try { api = await def.mount(w); } catch (e) {
        if (e === NOT_STARTED) return null;
        throw e;
      }
      if (!w.valuesOf) throw new Error(`The ${name} widget does not say how to read its settings (w.settings).`);
      api.name = name;
      api.module = w.M;
      if (!api.model) api.model = w.model;
      if (!api.state) api.state = () => w.model.state();
      api.values = w.valuesOf;
      if (w.play) {
        w.play.step.addEventListener('click', () => api.step());
        w.play.play.addEventListener('click', () => api.play());
        w.play.reset.addEventListener('click', () => api.reset());
      }
      if (goalKeys.length) api.challengeMet = () => !!(w.goalLine && w.goalLine.met());
      return api;
    };
  }

  function makeFrame(name, def, params, goalKeys, root, values, notices) {
    const hidden = new Set(String(values.hide || '').split(',').filter(Boolean));
    const canvas = el('canvas', { class: 'dh-canvas', role: 'img', 'aria-label': def.canvasLabel || def.label });
    const [target, limit] = goalKeys;
    let shell = null, disabled = [], fit = null, aspectNow = null;
    const w = {
      name, root, values, M: null, model: null, play: null,
      notes: [...notices],
      hides: (key) => hidden.has(key),
      hideClass: (key) => (hidden.has(key) ? ' dh-hidden' : ''),
      canvas,
      figure: el('div', { class: 'dh-figure' }, canvas),
      message: el('p', { class: 'dh-message', role: 'alert', hidden: true }),
      status: el('p', { class: 'dh-status' }),
      narrator: el('p', { class: 'dh-sr-only', 'aria-live': 'polite' }),
      canvasError: '',
      goal: target && values[target] !== null
        ? { target: values[target], limit: values[limit] === null ? params[limit].max : values[limit] } : null,
      goalLine: null,
      valuesOf: null,
      showMessage(text) { w.message.hidden = !text; w.message.textContent = text || ''; },
      showNotes() { if (w.notes.length) w.showMessage(w.notes.join(' ')); },
      say(text) { w.narrator.textContent = text; },
      layout(parts, inputs = []) {
        shell = el('div', { class: classes('dh-roll', def.className), role: 'group', 'aria-label': def.label }, ...parts);
        root.replaceChildren(shell);
        disabled = inputs;
        for (const input of disabled) input.disabled = true;
        if (!w.status.hidden && !w.status.textContent) w.status.textContent = 'Loading the simulator…';
        w.showNotes();
        return shell;
      },
      async module() {
        await nearViewport(root);
        try { w.M = await createModule(canvas); } catch (e) {
          w.status.hidden = false;
          w.status.textContent = 'The simulator could not start: ' + (e && e.message ? e.message : 'unknown error') + '.';
          throw NOT_STARTED;
        }
        return w.M;
      },
      show(model, { width, height, draw, aspect, observe }) {
        const M = w.M;
        w.model = model;
        aspectNow = typeof aspect === 'function' ? aspect : () => aspect;
        try {
          M.startCanvas(width, height);
          M[draw](model);
          fit = followSize(M, canvas, aspectNow());
          followTheme(M);
          if (typeof aspect === 'function' && 'ResizeObserver' in window) new ResizeObserver(() => w.refit()).observe(observe || w.figure);
        } catch (e) {
          w.canvasError = e.message;
          canvas.hidden = true;
        }
        for (const input of disabled) input.disabled = false;
      },
      refit() {
        if (!fit) return;
        const a = aspectNow();
        if (a !== fit.aspect) { fit.aspect = a; fit(); }
      },
      playButtons() {
        const b = { step: button('Step'), play: button('Play'), reset: button('Reset') };
        b.box = el('div', { class: 'dh-buttons' + w.hideClass('play') }, b.step, b.play, b.reset);
        w.play = b;
        return b;
      },
      showPlaying(on) { w.play.play.textContent = on ? 'Pause' : 'Play'; },
      refresher(read, draw) {
        let shown = -1;
        return (narrate) => {
          const s = read();
          if (s.version === shown && !narrate) return s;
          shown = s.version;
          draw(s, narrate);
          return s;
        };
      },
      animate(refresh) {
        const frame = () => {
          // The first frame the canvas drew, once a page (scripts/budgets.js reads it).
          if (!firstFrameMarked && w.M.frameCount() > 0) { firstFrameMarked = true; performance.mark('downhill:first-frame'); }
          refresh(false);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      challenge(spec) {
        w.goalLine = challenge(spec);
        shell.prepend(w.goalLine.box);
        return w.goalLine;
      },
      settings(read, fields) {
        const given = (key) => key === 'hide' || goalKeys.includes(key);
        const unread = Object.keys(params).filter((key) => !given(key) && !(key in fields));
        if (unread.length) throw new Error(`The ${name} widget does not read its setting “${unread[0]}”.`);
        w.valuesOf = () => {
          const s = read();
          const out = {};
          for (const key of Object.keys(params)) {
            const from = fields[key];
            if (key === 'hide' && from === undefined) out[key] = values.hide;
            else if (goalKeys.includes(key) && from === undefined) out[key] = !w.goal ? null : key === target ? w.goal.target : w.goal.limit;
            else out[key] = typeof from === 'function' ? from(s) : s[from];
          }
          return out;
        };
      },
    };
    return w;
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Mounting and the page API
  // ---------------------------------------------------------------------------------
  const MOUNTERS = {};
  const Downhill = { widgets: [], ready: null };
  window.Downhill = Downhill;
  window.DownhillWidgets = {
    el, fmt, nextId, prefersDark, prefersReducedMotion, createModule, followSize, followTheme, onTap, onDragAcross, Schema, shareUrl,
    challenge, goalNumber, field, slider, readout, button, checkbox, viewSwitch, styled, onCommit, parseNumber, typed, num, defineWidget, formulaBox,
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
    // The engine's code is fetched and compiled once, at once (off the main thread); each
    // widget makes its instance of it when it comes near the viewport (nearViewport).
    if (roots.length) {
      compileEngine().catch(() => {});
      loadScript(ENGINE + '.js').catch(() => {});
    }
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
