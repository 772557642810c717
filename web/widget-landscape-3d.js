// widget-landscape-3d.js: the 3-D loss surface (lessons/03-loss-landscape.md). The learner turns
// and zooms a loss surface (drag, wheel, pinch, keys or buttons) and picks its global
// minimum, local minimum or saddle point to see it highlighted and explained. A learner may
// type their own surface f(x, y) and its range: its critical points are found by the engine.
//
// Index
//   [SECTION] Words: surfaces, points and their explanations
//   [SECTION] Markup
//   [SECTION] Reading the model
//   [SECTION] Input: buttons, keys, pointer, wheel, pinch
(function () {
  'use strict';
  const { el, fmt, nextId, Schema, field, readout, parseNumber, defineWidget, formulaBox } = window.DownhillWidgets;
  const PARAMS = Schema.WIDGETS['landscape-3d'].params;

  // ---------------------------------------------------------------------------------
  // [SECTION] Words
  // ---------------------------------------------------------------------------------
  const SURFACES = {
    lesson: { title: 'Lesson surface (two valleys)',
      about: 'A wide bowl with two wells pressed into it. The deeper well holds the global minimum, the shallower one a local minimum, and between them lies a saddle point: the lowest pass from one valley to the other.' },
    bowl: { title: 'Bowl', about: 'A round bowl, loss = x² + y². It has one minimum, and wherever a ball starts it rolls down to it.' },
    ravine: { title: 'Ravine', about: 'A long, narrow ravine, loss = 0.5x² + 12.5y²: steep across, nearly flat along its floor. Its only minimum is at the centre.' },
    himmelblau: { title: 'Himmelblau (four minima)',
      about: 'Himmelblau’s function: four equally deep minima (all with loss 0), four saddle points between them and one peak. Heights are drawn on a log scale, so the valleys show.' },
    saddle: { title: 'Saddle (x² − y²)',
      about: 'A horse saddle, loss = x² − y²: it curves up along x and down along y. Its centre is a saddle point, and the surface has no minimum at all.' },
    rosenbrock: { title: 'Rosenbrock (banana valley)',
      about: 'Rosenbrock’s banana valley: a curved, almost flat valley floor that leads to the minimum at (1, 1). Heights are drawn on a log scale, or the valley would look flat.' },
  };
  // The words for a surface: a named one's, or a typed one's (its formula and range).
  const surfaceWords = (s) => (s.surface !== 'formula' ? SURFACES[s.surface] : { title: `your surface f(x, y) = ${s.formula}`,
    about: `Your own surface, f(x, y) = ${s.formula}, drawn for x from ${fmt(s.xMin, 4)} to ${fmt(s.xMax, 4)} and y from ${fmt(s.yMin, 4)} to ${fmt(s.yMax, 4)}. ` +
      'Its critical points (where the gradient is zero) were found numerically and sorted by the Hessian: they are marked on the surface.' });
  const POINTS = [
    ['none', 'Nothing'],
    ['global', 'Global minimum'],
    ['local', 'Local minimum'],
    ['saddle', 'Saddle point'],
  ];
  // Marker colours and shapes: the same as the canvas (src/views/landscape3d_view.hpp).
  const MARKERS = {
    global: { colour: '#fbbf24', label: 'Global minimum (star)' },
    local: { colour: '#22d3ee', label: 'Local minimum (circle)' },
    saddle: { colour: '#f472b6', label: 'Saddle point (triangle)' },
    peak: { colour: '#e5e7eb', label: 'Peak, a maximum (square)' },
  };

  const KIND_WORDS = { global: ['global minimum', 'global minima'], local: ['local minimum', 'local minima'],
    saddle: ['saddle point', 'saddle points'], peak: ['peak', 'peaks'] };

  const at = (p) => `(${fmt(p.x, 3)}, ${fmt(p.y, 3)})`;
  const pair = (a, b) => `${fmt(a, 3)} and ${fmt(b, 3)}`;
  // The gradient as the page shows it: values far below the last digit read as 0.
  const grad = (s) => `(${fmt(Math.abs(s.gradX) < 5e-7 ? 0 : s.gradX, 4)}, ${fmt(Math.abs(s.gradY) < 5e-7 ? 0 : s.gradY, 4)})`;

  // What the chosen point is, in words, with the core's numbers.
  function explain(s) {
    const about = surfaceWords(s).about;
    if (s.point === 'none') return [about, 'Choose a point under “Show me” to highlight it and see why it is special.'];
    if (!s.found && s.surface === 'formula') {
      const what = { global: 'minimum', local: 'local minimum (every minimum found is as low as the lowest)', saddle: 'saddle point' }[s.point];
      return [`No ${what} was found on the drawn range of your surface.`];
    }
    if (!s.found) {
      if (s.point === 'global') return ['This surface has no lowest point: along y it falls forever, so gradient descent never settles and its loss heads to minus infinity.'];
      if (s.point === 'local') {
        if (s.surface === 'saddle') return ['This surface has no minimum at all, local or global: along y it keeps falling.'];
        if (s.surface === 'himmelblau') return ['No local minimum here: all four minima are equally deep (loss 0), so each of them is a global minimum.'];
        return ['This surface has no local minimum: every way down ends at the same lowest point, so gradient descent cannot get stuck in a smaller dip.'];
      }
      return ['This surface has no saddle point: nowhere does it curve up one way and down the other with a flat spot in between.'];
    }
    const head = s.count > 1 ? `One of ${s.count} ${s.point === 'saddle' ? 'saddle points' : 'equally low minima'}, highlighted at ${at(s)}` : `At ${at(s)}`;
    const where = `${head}, the loss is ${fmt(s.loss, 4)}.`;
    const flat = `The gradient here is ${grad(s)}: zero, so no direction leads downhill and a ball placed exactly here stays put.`;
    if (s.point === 'global')
      return [`Global minimum. ${where} No point of the surface is lower: this is where training hopes to end.`, flat,
        `The surface curves up in every direction: both eigenvalues of the Hessian (the curvatures along its two main directions, drawn as solid lines) are positive, ${pair(s.eigLo, s.eigHi)}.`];
    if (s.point === 'local')
      return [`Local minimum. ${where} That is ${fmt(s.loss - s.lowest, 4)} higher than the global minimum (${fmt(s.lowest, 4)}), yet it is the bottom of its own valley.`, flat,
        `Both eigenvalues of the Hessian are positive, ${pair(s.eigLo, s.eigHi)}: the surface curves up every way, so plain gradient descent that rolls in stays here. Momentum, the noise of stochastic gradient descent or a fresh start elsewhere can get it out.`];
    return [`Saddle point. ${where} It curves up one way and down the other, like a mountain pass${s.surface === 'lesson' ? ' between the two valleys' : ''} or a horse’s saddle.`,
      flat + ' But the slightest nudge along the dashed line sends it rolling away.',
      `Its Hessian has one positive eigenvalue, ${fmt(s.eigHi, 3)} (curving up, the solid line), and one negative, ${fmt(s.eigLo, 3)} (curving down, the dashed line). With millions of weights, most flat spots are saddles like this one, and gradient descent usually slips off them.`];
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Markup
  // ---------------------------------------------------------------------------------
  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...kids) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    for (const k of kids) n.append(k);
    return n;
  }
  // A 16 x 16 legend symbol drawn like its canvas marker.
  function symbol(kind) {
    const c = MARKERS[kind] ? MARKERS[kind].colour : 'none';
    const common = { fill: c, stroke: '#14161c', 'stroke-width': 1.3 };
    let shape;
    if (kind === 'global') {
      const pts = [];
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + k * Math.PI / 5, r = k % 2 ? 3.2 : 7.2;
        pts.push(`${(8 + r * Math.cos(a)).toFixed(2)},${(8.6 + r * Math.sin(a)).toFixed(2)}`);
      }
      shape = svg('polygon', { points: pts.join(' '), ...common });
    } else if (kind === 'local') shape = svg('circle', { cx: 8, cy: 8, r: 6, ...common });
    else if (kind === 'saddle') shape = svg('polygon', { points: '8,1.5 14.5,13 1.5,13', ...common });
    else if (kind === 'peak') shape = svg('rect', { x: 2.5, y: 2.5, width: 11, height: 11, ...common });
    else if (kind === 'up') shape = svg('line', { x1: 0, y1: 8, x2: 16, y2: 8, stroke: 'currentColor', 'stroke-width': 2.5 });
    else shape = svg('line', { x1: 0, y1: 8, x2: 16, y2: 8, stroke: 'currentColor', 'stroke-width': 2.5, 'stroke-dasharray': '4 3' });
    return svg('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' }, shape);
  }

  defineWidget('landscape-3d', {
    label: '3-D loss surface',
    className: 'dh-landscape-3d',
    canvasLabel: '3-D loss surface (loading)',
    async mount(w) {
      const { values, canvas, status } = w;
      const ids = { help: nextId('l3d-help') };
      canvas.setAttribute('tabindex', 0);
      canvas.setAttribute('aria-describedby', ids.help);
      // Touch: a swipe up or down scrolls the page (touch-action in widgets.css); a sideways
      // drag, a drag after holding the finger still, or two fingers move the picture.
      const help = el('p', { id: ids.help, class: 'dh-status dh-hint' },
        'Drag the picture to turn and tilt the surface (on a touch screen drag sideways, or hold your finger still for a moment first); ' +
        'pinch, or Ctrl + wheel, to zoom; tap a marker to choose it. ' +
        'Keyboard: Tab to the picture, then ← and → turn it, ↑ and ↓ tilt it, + and − zoom, 0 resets the view.');
      const wheelNote = el('p', { class: 'dh-l3d-wheel-note', hidden: true, 'aria-hidden': 'true' },
        'To zoom with the wheel, hold Ctrl or click the picture first.');
      w.figure.append(wheelNote);

      const select = el('select', { id: nextId('l3d-surface'), class: 'dh-l3d-select' });
      for (const name of PARAMS.surface.values) select.append(el('option', { value: name }, SURFACES[name].title));
      select.append(el('option', { value: 'formula' }, 'Your own surface (type it below)'));
      select.value = values.surface;
      let model = null;
      let named = values.surface; // the named surface to go back to
      const own = formulaBox(w, { vars: 2, what: 'surface', legend: 'Your own surface', example: 'x^2 - y^2',
        useText: 'Use this surface', backText: 'Back to the named surface', use: (t, ...r) => model.setFormula(t, ...r),
        onApply: () => api.setFormula(), onBack: () => api.setSurface(named) });

      const button = (text) => el('button', { type: 'button', class: 'dh-btn' }, text);
      const btn = { left: button('Rotate left'), right: button('Rotate right'), up: button('Tilt up'), down: button('Tilt down'),
        zin: button('Zoom in'), zout: button('Zoom out'), reset: button('Reset view') };
      const viewButtons = el('div', { class: 'dh-buttons' + w.hideClass('view'), role: 'group', 'aria-label': 'View' }, ...Object.values(btn));

      const radioName = nextId('l3d-point');
      const radios = {};
      const choices = el('div', { class: 'dh-buttons dh-l3d-points' });
      for (const [value, text] of POINTS) {
        const id = nextId('l3d-pt');
        radios[value] = el('input', { type: 'radio', name: radioName, id, value });
        choices.append(el('div', { class: 'dh-check' }, radios[value], el('label', { for: id }, text)));
      }
      const fieldset = el('fieldset', { class: 'dh-l3d-show' + w.hideClass('point') }, el('legend', {}, 'Show me'), choices);

      const legend = el('ul', { class: 'dh-legend' + w.hideClass('legend'), 'aria-label': 'What the marks on the surface mean' });
      const explanation = el('div', { class: 'dh-explain dh-stack' + w.hideClass('text') });
      const ro = { x: readout('Point x'), y: readout('Point y'), loss: readout('Loss at the point'),
        yaw: readout('Yaw (turn)'), pitch: readout('Pitch (tilt)'), zoom: readout('Zoom') };
      status.hidden = true; // shown only when the picture cannot be drawn

      w.layout([w.figure, help, legend, w.message, status,
        el('div', { class: 'dh-controls' }, field('Surface', select, w.hideClass('surface')), viewButtons),
        fieldset, explanation,
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box)),
        own.box, w.narrator], [select, ...Object.values(btn), ...Object.values(radios), ...own.inputs]);

      const M = await w.module();
      model = new M.Landscape3D();
      model.setSurface(values.surface);
      own.fromLink(`the ${SURFACES[values.surface].title.toLowerCase()}`);
      model.setView(values.yaw, values.pitch, values.zoom);
      model.setPoint(values.point);
      w.show(model, { width: 640, height: 420, draw: 'showLandscape3D', aspect: () => (canvas.parentElement.clientWidth < 520 ? 0.86 : 0.62) });
      if (w.canvasError) {
        status.hidden = false;
        status.textContent = w.canvasError + ' The explanations and numbers below still work.';
      }

      // ---------------------------------------------------------------------------------
      // [SECTION] Reading the model
      // ---------------------------------------------------------------------------------
      let legendFor = '';
      const fillLegend = (s) => {
        const kinds = [...new Set(model.points().map((p) => p.kind))];
        const key = s.surface + s.formula + s.xMin + s.xMax + s.yMin + s.yMax + '|' + (s.found ? 'guides' : '');
        if (key === legendFor) return;
        legendFor = key;
        const items = kinds.map((k) => el('li', {}, symbol(k), MARKERS[k].label));
        if (s.found) items.push(el('li', {}, symbol('up'), 'curves up along this line'), el('li', {}, symbol('down'), 'curves down along this line'));
        legend.replaceChildren(...items);
      };
      const describeCanvas = (s) => {
        const pts = model.points();
        let marked;
        if (pts.length <= 3) marked = pts.map((p) => `${KIND_WORDS[p.kind][0]} at ${at(p)}, loss ${fmt(p.loss, 3)}`).join('; ');
        else {
          const n = {};
          for (const p of pts) n[p.kind] = (n[p.kind] || 0) + 1;
          marked = Object.entries(n).map(([k, c]) => `${c} ${KIND_WORDS[k][c > 1 ? 1 : 0]}`).join(', ');
        }
        const chosen = s.found ? ` Highlighted: the ${KIND_WORDS[s.point][0]} at ${at(s)}.` : '';
        return `3-D loss surface: ${surfaceWords(s).title}, turned ${fmt(s.yaw, 0)}°, tilted ${fmt(s.pitch, 0)}°, zoom ${fmt(s.zoom, 2)}×. ` +
          `Colour runs from violet (low loss) to yellow (high loss). Marked: ${marked}.${chosen}`;
      };
      // What was found on a typed surface, in the box's note.
      const noteOwn = () => {
        own.show(refresh());
        const n = {};
        for (const p of model.points()) n[p.kind] = (n[p.kind] || 0) + 1;
        const found = Object.entries(n).map(([k, c]) => `${c} ${KIND_WORDS[k][c > 1 ? 1 : 0]}`).join(', ');
        own.note.textContent = `Your surface: ${found || 'no critical point on the drawn range'}${found ? ' (marked)' : ''}.`;
      };
      let shownText = '';
      const refresh = () => {
        const s = model.state();
        select.value = s.surface;
        radios[s.point].checked = true;
        ro.x.out.textContent = s.found ? fmt(s.x, 4) : '—';
        ro.y.out.textContent = s.found ? fmt(s.y, 4) : '—';
        ro.loss.out.textContent = s.found ? fmt(s.loss, 4) : '—';
        ro.yaw.out.textContent = fmt(s.yaw, 0) + '°';
        ro.pitch.out.textContent = fmt(s.pitch, 0) + '°';
        ro.zoom.out.textContent = fmt(s.zoom, 2) + '×';
        const paragraphs = explain(s);
        const text = paragraphs.join('\n');
        if (text !== shownText) {
          shownText = text;
          explanation.replaceChildren(...paragraphs.map((t) => el('p', { class: 'dh-status' }, t)));
        }
        fillLegend(s);
        canvas.setAttribute('aria-label', describeCanvas(s));
        return s;
      };
      const say = w.say;
      const viewWords = (s) => `View: turned ${fmt(s.yaw, 0)}°, tilted ${fmt(s.pitch, 0)}°, zoom ${fmt(s.zoom, 2)}×.`;
      let sayTimer = 0;
      const sayViewSoon = () => {
        clearTimeout(sayTimer);
        sayTimer = setTimeout(() => say(viewWords(model.state())), 350);
      };
      let frameQueued = false;
      const refreshSoon = () => {
        if (frameQueued) return;
        frameQueued = true;
        requestAnimationFrame(() => { frameQueued = false; refresh(); });
      };

      // ---------------------------------------------------------------------------------
      // [SECTION] Input
      // ---------------------------------------------------------------------------------
      const api = {
        points: () => model.points(),
        setSurface(name) {
          if (name === 'formula') return api.setFormula() === '';
          if (!PARAMS.surface.values.includes(name)) {
            w.showMessage(`There is no surface called “${String(name).slice(0, 40)}”; it stays ${surfaceWords(model.state()).title}.`);
            refresh();
            return false;
          }
          w.showMessage('');
          own.note.textContent = '';
          named = name;
          model.setSurface(name);
          const s = refresh();
          say(`Surface: ${SURFACES[name].title}. ` + (s.point !== 'none' ? explain(s)[0] : ''));
          return true;
        },
        // Your own surface over x in [xMin, xMax], y in [yMin, yMax] (text or range left out: as
        // typed). Returns '' when it is shown, else the reason (naming the position in the
        // formula), shown as text; the surface then stays as it was.
        setFormula(text, xMin, xMax, yMin, yMax) {
          const why = own.apply(text, [xMin, xMax, yMin, yMax]);
          if (why) { refresh(); return why; }
          w.showMessage('');
          noteOwn();
          say(own.note.textContent);
          return '';
        },
        setPoint(name) {
          if (!PARAMS.point.values.includes(name)) { w.showMessage(`“${String(name).slice(0, 40)}” is not a point to show.`); return false; }
          w.showMessage('');
          model.setPoint(name);
          const s = refresh();
          say(explain(s)[0]);
          return true;
        },
        // The view from any caller: each number held in its range, a non-number refused.
        setView(yaw, pitch, zoom) {
          const s = model.state();
          const v = [parseNumber(yaw === undefined ? s.yaw : yaw), parseNumber(pitch === undefined ? s.pitch : pitch),
            parseNumber(zoom === undefined ? s.zoom : zoom)];
          if (!v.every(Number.isFinite)) { w.showMessage('Yaw, pitch and zoom must be numbers; the view did not change.'); return false; }
          const c = [Math.min(180, Math.max(-180, v[0])), Math.min(PARAMS.pitch.max, Math.max(PARAMS.pitch.min, v[1])),
            Math.min(PARAMS.zoom.max, Math.max(PARAMS.zoom.min, v[2]))];
          w.showMessage(c.some((x, i) => x !== v[i]) ? `Yaw lies between −180° and 180°, pitch between ${PARAMS.pitch.min}° and ${PARAMS.pitch.max}°, zoom between ${PARAMS.zoom.min} and ${PARAMS.zoom.max}; the view was held inside.` : '');
          model.setView(c[0], c[1], c[2]);
          refresh();
          sayViewSoon();
          return true;
        },
        turn(dyaw, dpitch) { model.turn(dyaw, dpitch); refresh(); sayViewSoon(); },
        zoom(factor) { model.zoomBy(factor); refresh(); sayViewSoon(); },
        resetView() { model.resetView(); refresh(); sayViewSoon(); },
      };
      // The settings that reproduce this view (for links and embeds).
      w.settings(() => model.state(), {
        surface: (s) => (s.formula ? named : s.surface), formula: 'formula',
        ...Object.fromEntries(['xMin', 'xMax', 'yMin', 'yMax'].map((k) => [k, (s) => (s.formula ? s[k] : PARAMS[k].default)])),
        yaw: (s) => Math.round(s.yaw * 10) / 10, pitch: (s) => Math.round(s.pitch * 10) / 10,
        zoom: (s) => Math.round(s.zoom * 100) / 100, point: 'point',
      });
      const TURN = 15, TILT = 10, ZOOM = 1.25;
      btn.left.addEventListener('click', () => api.turn(-TURN, 0));
      btn.right.addEventListener('click', () => api.turn(TURN, 0));
      btn.up.addEventListener('click', () => api.turn(0, TILT));
      btn.down.addEventListener('click', () => api.turn(0, -TILT));
      btn.zin.addEventListener('click', () => api.zoom(ZOOM));
      btn.zout.addEventListener('click', () => api.zoom(1 / ZOOM));
      btn.reset.addEventListener('click', () => api.resetView());
      select.addEventListener('change', () => api.setSurface(select.value));
      for (const [value] of POINTS) radios[value].addEventListener('change', () => { if (radios[value].checked) api.setPoint(value); });

      // Keys are read on the way down to the canvas and go no further: the canvas layer
      // (SDL) would otherwise swallow Tab and trap the focus in the picture.
      const figure = canvas.parentElement;
      const keepKeys = (e) => { if (e.target === canvas) e.stopPropagation(); };
      figure.addEventListener('keyup', keepKeys, true);
      figure.addEventListener('keypress', keepKeys, true);
      figure.addEventListener('keydown', (e) => {
        if (e.target !== canvas) return;
        e.stopPropagation();
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        const k = e.key;
        if (k === 'ArrowLeft') api.turn(-TURN, 0);
        else if (k === 'ArrowRight') api.turn(TURN, 0);
        else if (k === 'ArrowUp') api.turn(0, TILT);
        else if (k === 'ArrowDown') api.turn(0, -TILT);
        else if (k === '+' || k === '=' || k === 'Add') api.zoom(ZOOM);
        else if (k === '-' || k === '_' || k === 'Subtract') api.zoom(1 / ZOOM);
        else if (k === '0' || k === 'Home') api.resetView();
        else return;
        e.preventDefault();
      }, true);

      // Pointer. A mouse or pen drag turns (left-right) and tilts (up-down). On a touch
      // screen one finger scrolls the page unless the drag is deliberate: mostly sideways at
      // its start, or begun after holding the finger still for HOLD_MS; two fingers pinch to
      // zoom. A press that barely moves is a tap, which picks the marker under it.
      const HOLD_MS = 350, DECIDE_PX = 8;
      const pointers = new Map();
      let travel = 0, pinch = 0;
      let touch = null; // the one-finger touch: { x0, y0, grab, held, timer }
      let wheelZoom = false, noteTimer = 0; // the wheel zooms (see below); the note's timer
      const spread = () => {
        const [a, b] = [...pointers.values()];
        return Math.hypot(a.x - b.x, a.y - b.y);
      };
      const endTouch = () => { if (touch) clearTimeout(touch.timer); touch = null; };
      canvas.addEventListener('pointerdown', (e) => {
        if (e.pointerType === 'mouse' && e.button !== 0) return;
        if (e.pointerType !== 'touch') wheelZoom = true;
        try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
        pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
        if (pointers.size === 1) travel = 0;
        else travel = Infinity; // a second finger: never a tap
        pinch = pointers.size === 2 ? spread() : 0;
        endTouch();
        if (e.pointerType === 'touch' && pointers.size === 1) {
          // Held or not is read from the events' own times (a busy page handles a quick swipe
          // late, but its times stay close together); the timer only shows the grab cursor.
          const t = { x0: e.clientX, y0: e.clientY, t0: e.timeStamp, grab: false, held: false, timer: 0 };
          t.timer = setTimeout(() => { if (touch === t && travel < DECIDE_PX) canvas.classList.add('dh-grabbing'); }, HOLD_MS);
          touch = t;
        } else canvas.classList.add('dh-grabbing');
      });
      canvas.addEventListener('pointermove', (e) => {
        const p = pointers.get(e.pointerId);
        if (!p) return;
        const dx = e.clientX - p.x, dy = e.clientY - p.y;
        p.x = e.clientX;
        p.y = e.clientY;
        if (pointers.size === 1) {
          travel += Math.abs(dx) + Math.abs(dy);
          if (touch && !touch.grab) {
            const ax = Math.abs(e.clientX - touch.x0), ay = Math.abs(e.clientY - touch.y0);
            if (touch.scroll) return; // decided: the page scrolls until the finger lifts
            if ((ax >= DECIDE_PX || ay >= DECIDE_PX) && e.timeStamp - touch.t0 >= HOLD_MS) touch.held = true;
            if (touch.held || (ax >= DECIDE_PX && ax > ay)) {
              // Deliberate: the surface follows from where the finger went down.
              touch.grab = true;
              clearTimeout(touch.timer);
              canvas.classList.add('dh-grabbing');
              model.turn((e.clientX - touch.x0) * 0.5, (e.clientY - touch.y0) * 0.35);
              refreshSoon();
            } else if (ay >= DECIDE_PX) { touch.scroll = true; clearTimeout(touch.timer); } // a scroll: the page takes it
            return;
          }
          if (travel > 4) { model.turn(dx * 0.5, dy * 0.35); refreshSoon(); }
        } else if (pointers.size === 2) {
          const d = spread();
          if (pinch > 0 && d > 0) { model.zoomBy(d / pinch); refreshSoon(); }
          pinch = d;
        }
      });
      // While the surface follows a finger (or two), the page does not scroll under it.
      canvas.addEventListener('touchmove', (e) => {
        if (e.cancelable && (e.touches.length > 1 || (touch && (touch.grab || touch.held)))) e.preventDefault();
      }, { passive: false });
      const release = (e, cancelled) => {
        if (!pointers.has(e.pointerId)) return;
        pointers.delete(e.pointerId);
        pinch = pointers.size === 2 ? spread() : 0;
        if (pointers.size > 0) return;
        endTouch();
        canvas.classList.remove('dh-grabbing');
        if (!cancelled && travel <= 4) {
          const r = canvas.getBoundingClientRect();
          const kind = model.markerAt(e.clientX - r.left, e.clientY - r.top);
          if (kind === 'global' || kind === 'local' || kind === 'saddle') api.setPoint(kind);
          return;
        }
        refresh();
        sayViewSoon();
      };
      canvas.addEventListener('pointerup', (e) => release(e, false));
      canvas.addEventListener('pointercancel', (e) => release(e, true));
      // The wheel zooms with Ctrl held (a touchpad pinch arrives that way too), or after a
      // click into the picture until the pointer leaves it; otherwise it scrolls the page,
      // and a note over the picture says how to zoom.
      canvas.addEventListener('pointerleave', () => { wheelZoom = false; });
      canvas.addEventListener('wheel', (e) => {
        if (!e.ctrlKey && !wheelZoom) {
          wheelNote.hidden = false;
          clearTimeout(noteTimer);
          noteTimer = setTimeout(() => { wheelNote.hidden = true; }, 2000);
          return;
        }
        e.preventDefault();
        wheelNote.hidden = true;
        const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
        model.zoomBy(Math.exp(-Math.max(-300, Math.min(300, dy)) * 0.0015));
        refreshSoon();
        sayViewSoon();
      }, { passive: false });

      if (model.state().formula) noteOwn();
      refresh();
      return api;
    },
  });
})();
