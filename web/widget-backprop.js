// widget-backprop.js: backpropagation step by step (lessons/08-backpropagation.md). A tiny network
// (2 inputs, 2 or 3 hidden units, 1 output) and one example: the forward pass, then the
// backward pass one layer at a time from the output to the inputs, then one gradient step.
// The canvas draws the network; a table lists every weight with its value and gradient;
// a paragraph explains the chain rule at the layer the walk-through stands at. Set to the
// chain (network=chain), it is the lesson's worked example: x → h = w1·x → ŷ = w2·h.
(function () {
  'use strict';
  const { el, fmt, nextId, Schema, field, readout, styled, onCommit, defineWidget } = window.DownhillWidgets;
  const P = Schema.WIDGETS.backprop.params;
  const ACT = { sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU' };
  const ACT_DER = { sigmoid: 'sigmoid′(z) = h(1 − h)', tanh: 'tanh′(z) = 1 − h²', relu: 'ReLU′(z) = 1 if z > 0, else 0' };
  const TYPED = ['x1', 'x2', 'target', 'lr', 'seed']; // the settings typed as numbers

  defineWidget('backprop', {
    label: 'Backpropagation step by step',
    className: 'dh-backprop',
    canvasLabel: 'A tiny network (loading)',
    async mount(w) {
      const { values, root, canvas, status: explain } = w;
      explain.setAttribute('aria-live', 'polite'); // each step's explanation is read out
      const number = (name, step) => styled(el('input', { type: 'number', min: P[name].min, max: P[name].max, step,
        value: values[name], inputmode: 'decimal' }));

      // ---- markup ----
      const fwdBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Forward pass');
      const backBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Backward: next layer');
      const resetBtn = el('button', { type: 'button', class: 'dh-btn' }, 'Reset');
      const updateBtn = el('button', { type: 'button', class: 'dh-btn' + w.hideClass('update') }, 'Apply update');
      const ro = { loss: readout('Loss L'), pred: readout('Prediction'), updates: readout('Updates applied') };
      const tbody = el('tbody', {});
      const captionId = nextId('bp-caption');
      const caption = el('caption', { id: captionId });
      const table = el('table', { class: 'dh-bp-table' }, caption,
        el('thead', {}, el('tr', {}, ...['Weight', 'Connects', 'Value', 'Gradient ∂L/∂w'].map((t) => el('th', { scope: 'col' }, t)))),
        tbody);
      // On a phone the table scrolls sideways in its box; the box takes the focus so keys can scroll it.
      const tableBox = el('div', { class: 'dh-scroll' + w.hideClass('table'), role: 'region', tabindex: 0, 'aria-labelledby': captionId }, table);

      const c = {
        network: styled(el('select', {}, el('option', { value: 'small' }, 'Two inputs, one hidden layer'),
          el('option', { value: 'chain' }, 'The chain x → h → ŷ (lesson example)'))),
        x1: number('x1', 0.1), x2: number('x2', 0.1), target: number('target', 0.1),
        hidden: styled(el('select', {}, el('option', { value: '2' }, '2'), el('option', { value: '3' }, '3'))),
        activation: styled(el('select', {}, ...Object.entries(ACT).map(([v, t]) => el('option', { value: v }, t)))),
        loss: styled(el('select', {}, el('option', { value: 'bce' }, 'Cross-entropy'),
          el('option', { value: 'mse' }, 'Squared error'))),
        lr: number('lr', 0.1),
        seed: number('seed', 1),
      };
      c.network.value = values.network;
      c.hidden.value = String(values.hidden);
      c.activation.value = values.activation;
      c.loss.value = values.loss;
      const group = (legendText, key, ...fields) =>
        el('fieldset', { class: 'dh-controls dh-group' + w.hideClass(key) }, el('legend', {}, legendText), ...fields);
      const exampleBox = group('The example', 'example', field('Input x1', c.x1), field('Input x2', c.x2), field('Target y', c.target));
      const netBox = group('The network', 'network', field('Network', c.network),
        field('Hidden units', c.hidden), field('Activation', c.activation), field('Loss', c.loss),
        field('Learning rate η', c.lr), field('Starting weights (seed)', c.seed));
      w.layout([w.figure, w.message,
        el('div', { class: 'dh-buttons' }, fwdBtn, backBtn, resetBtn, updateBtn),
        explain, el('div', { class: 'dh-readouts' }, ro.loss.box, ro.pred.box, ro.updates.box),
        tableBox, exampleBox, netBox], [fwdBtn, backBtn, resetBtn, updateBtn, ...Object.values(c)]);

      // ---- module ----
      const M = await w.module();
      const bp = new M.Backprop();
      const start = { network: values.network, x1: values.x1, x2: values.x2, target: values.target, hidden: values.hidden, activation: values.activation,
        loss: values.loss, lr: values.lr, seed: values.seed };
      try { bp.configure(start); } catch (e) {
        // The one pairing the schema cannot check: cross-entropy wants a target of 0 or 1.
        w.notes.push(e.message + ' Using y = 1.');
        try { bp.configure({ ...start, target: 1 }); } catch (e2) { w.notes.push(e2.message); }
      }
      w.showNotes();
      // The chain is one row of nodes: a lower canvas on wide screens.
      const aspect = () => {
        const chain = bp.settings().network === 'chain';
        return root.clientWidth >= 800 ? (chain ? 0.34 : 0.5) : root.clientWidth >= 520 ? (chain ? 0.45 : 0.62) : 1.45;
      };
      w.show(bp, { width: 640, height: 320, draw: 'showBackprop', aspect, observe: root });

      // ---- reading the pass ----
      const n = (v, d = 3) => fmt(v, d);
      // The chain, in the lesson's own steps: h = w1·x + b1, ŷ = w2·h + c, L = (ŷ − y)².
      const chainWords = (st, s, snap) => {
        const W = snap.weightLayers, L = snap.layers;
        const w1 = W[0].weights[0], w2 = W[1].weights[0], b1 = W[0].biases[0], c0 = W[1].biases[0];
        const x = s.x1, h = L[1].activations[0], yh = L[2].activations[0], dy = W[1].biasGrads[0];
        const plus = (b) => (b === 0 ? '' : ` ${b < 0 ? '−' : '+'} ${n(Math.abs(b))}`);
        switch (st.stage) {
          case 'ready':
            return `Press “Forward pass” to send x = ${n(x, 2)} along the chain: h = w1·x, then ŷ = w2·h (the biases b1 and c start at 0, ` +
              'as in the worked example). The canvas shows question marks until then.';
          case 'forward':
            return (st.updates > 0 ? `Update ${st.updates}: every weight and bias moved by −η × its gradient (η = ${fmt(s.lr, 2)}). ` : '') +
              `Forward pass: h = w1 × x${plus(b1)} = ${n(w1)} × ${n(x, 2)}${plus(b1)} = ${n(h)}; ` +
              `ŷ = w2 × h${plus(c0)} = ${n(w2)} × ${n(h)}${plus(c0)} = ${n(yh)}; L = (ŷ − y)² = (${n(yh)} − ${n(s.target, 2)})² = ${n(snap.loss, 4)}. ` +
              'Next: “Backward: next layer”.';
          case 'output':
            return `Backward, output: ∂L/∂ŷ = 2(ŷ − y) = ${n(dy)}. The output weight multiplies h, so ∂L/∂w2 = ∂L/∂ŷ × h = ` +
              `${n(dy)} × ${n(h)} = ${n(W[1].weightGrads[0])}; the bias c adds 1 × c, so ∂L/∂c = ${n(dy)}.`;
          case 'hidden':
            return `Backward, hidden: the blame passes back through w2: ∂L/∂h = ∂L/∂ŷ × w2 = ${n(dy)} × ${n(w2)} = ${n(L[1].activationGrads[0])} ` +
              `(no activation here, so this is also ∂L/∂z). Then ∂L/∂w1 = ∂L/∂h × x = ${n(L[1].activationGrads[0])} × ${n(x, 2)} = ` +
              `${n(W[0].weightGrads[0])} and ∂L/∂b1 = ${n(W[0].biasGrads[0])}. Every gradient is known: “Apply update” moves each by −η × its gradient.`;
          default: return '';
        }
      };
      const words = (st, s, snap) => {
        if (s.network === 'chain' && st.status !== 'diverged') return chainWords(st, s, snap);
        const bce = s.loss === 'bce';
        const L = snap.layers, W = snap.weightLayers;
        const act = ACT[s.activation];
        const z1 = L[1].preActivations[0], h1 = L[1].activations[0];
        const zo = L[2].activations[0], dz = W[1].biasGrads[0];
        const y = s.target;
        if (st.status === 'diverged') return st.message + ' Lower the learning rate and press Reset.';
        switch (st.stage) {
          case 'ready':
            return `Press “Forward pass” to send the example x = (${n(s.x1, 2)}, ${n(s.x2, 2)}) through the network. ` +
              'Until then its values are unknown: the canvas shows question marks.';
          case 'forward': {
            const los = st.losses;
            const head = st.updates > 0
              ? `Update ${st.updates}: every weight moved by −η × its gradient (η = ${fmt(s.lr, 2)}), and a new forward pass gives ` +
                `L = ${n(los[los.length - 1], 4)}, ${los[los.length - 1] < los[los.length - 2] ? 'down' : 'up'} from ${n(los[los.length - 2], 4)}` +
                `${los.length > 2 ? ` (${n(los[0], 4)} before the first update)` : ''}. `
              : '';
            return head + `Forward pass: each hidden unit adds up its weighted inputs and its bias, z = w·x + b, then applies ${act}: ` +
              `for h1, z = ${n(z1)} and h1 = ${act}(${n(z1)}) = ${n(h1)}. The output adds up the weighted hidden values: z = ${n(zo)}` +
              (bce ? `, so p = sigmoid(z) = ${n(snap.prediction)} is the predicted chance of class 1. Cross-entropy against y = ${fmt(y, 0)}: L = ${n(snap.loss, 4)}.`
                : `, the prediction ŷ. Squared error against y = ${n(y, 2)}: L = (y − ŷ)² = ${n(snap.loss, 4)}.`) +
              ' Next: “Backward: next layer”.';
          }
          case 'output':
            return 'Backward, output layer. ' +
              (bce ? `How fast the loss changes with the output's z: ∂L/∂z = p − y = ${n(snap.prediction)} − ${fmt(y, 0)} = ${n(dz)} ` +
                '(cross-entropy and the sigmoid together leave this simple difference). '
                : `∂L/∂ŷ = 2(ŷ − y) = 2 × (${n(zo)} − ${n(y, 2)}) = ${n(dz)}; the output has no activation, so this is ∂L/∂z. `) +
              `Chain rule: a weight into the output multiplies a hidden value, so its gradient is ∂L/∂z times that value: ` +
              `∂L/∂v1 = ${n(dz)} × ${n(h1)} = ${n(W[1].weightGrads[0])}. The bias adds 1 × c, so ∂L/∂c = ${n(dz)}. ` +
              'A negative gradient means a larger weight would lower the loss.';
          case 'hidden': {
            const v1 = W[1].weights[0], dh1 = L[1].activationGrads[0], fp = snap.fPrime[0], dz1 = W[0].biasGrads[0];
            return 'Backward, hidden layer. The chain rule carries the blame back through each output weight: ' +
              `∂L/∂h1 = v1 × ∂L/∂z = ${n(v1)} × ${n(dz)} = ${n(dh1)}. Then back through the activation, ${ACT_DER[s.activation]}: ` +
              `∂L/∂z1 = ${n(dh1)} × ${n(fp)} = ${n(dz1)}. Each weight into h1 multiplies an input: ` +
              `∂L/∂w1 = ∂L/∂z1 × x1 = ${n(dz1)} × ${n(s.x1, 2)} = ${n(W[0].weightGrads[0])}, and ∂L/∂b1 = ${n(dz1)}. ` +
              'Every gradient is known: “Apply update” moves each weight by −η × its gradient.';
          }
          default: return '';
        }
      };
      const ariaLabel = (st, s, snap) => {
        const L = snap.layers;
        if (s.network === 'chain') {
          return st.forward ? `The chain x = ${fmt(s.x1, 2)} → h = ${fmt(L[1].activations[0], 2)} → ŷ = ${fmt(snap.prediction, 2)}; ` +
            `loss ${fmt(snap.loss, 3)} against y = ${fmt(s.target, 2)}.` : `The chain x = ${fmt(s.x1, 2)} → h → ŷ; no values computed yet.`;
        }
        if (!st.forward) return `A network with inputs x1 = ${fmt(s.x1, 2)} and x2 = ${fmt(s.x2, 2)}, ${s.hidden} hidden units and one output; no values computed yet.`;
        const hs = Array.from(L[1].activations, (v, i) => `h${i + 1} = ${fmt(v, 2)}`).join(', ');
        const out = s.loss === 'bce' ? `p = ${fmt(snap.prediction, 2)}` : `ŷ = ${fmt(snap.prediction, 2)}`;
        const g = st.stage === 'output' ? ' Gradients shown for the weights into the output.'
          : st.stage === 'hidden' ? ' Gradients shown for every weight.' : '';
        return `A network with inputs x1 = ${fmt(s.x1, 2)} and x2 = ${fmt(s.x2, 2)}; hidden ${hs}; output ${out}; loss ${fmt(snap.loss, 3)} against y = ${fmt(s.target, 2)}.` +
          ' Edge colour shows the sign of each weight (blue positive, orange negative), thickness its size.' + g;
      };
      // aria-disabled rather than disabled: a button in use keeps the keyboard focus (dimmed by widgets.css).
      const setEnabled = (btn, on) => { btn.setAttribute('aria-disabled', String(!on)); };
      const refresh = w.refresher(() => bp.state(), (st) => {
        const s = bp.settings(), snap = bp.snapshot();
        ro.loss.out.textContent = st.forward ? fmt(snap.loss, 4) : '?';
        ro.pred.out.textContent = st.forward ? (s.loss === 'bce' ? 'p = ' : 'ŷ = ') + fmt(snap.prediction, 4) : '?';
        ro.updates.out.textContent = String(st.updates);
        setEnabled(backBtn, st.forward && !st.complete);
        setEnabled(updateBtn, st.complete && st.status !== 'diverged');
        explain.textContent = (w.canvasError ? w.canvasError + ' ' : '') + words(st, s, snap);
        canvas.setAttribute('aria-label', ariaLabel(st, s, snap));
        const focusLayer = st.stage === 'output' ? 1 : st.stage === 'hidden' ? 0 : -1;
        // The rows of the layer whose gradients were just worked out are highlighted.
        tbody.replaceChildren(...bp.weights().map((w) => el('tr', { class: w.layer === focusLayer ? 'dh-bp-focus' : null },
          el('th', { scope: 'row' }, w.name),
          el('td', {}, `${w.from} → ${w.to}`),
          el('td', {}, fmt(w.value, 4)),
          el('td', {}, w.shown ? fmt(w.grad, 4) : 'not yet'))));
        for (const k of TYPED) if (document.activeElement !== c[k]) c[k].value = String(s[k]);
        c.network.value = s.network;
        c.hidden.value = String(s.hidden);
        c.activation.value = s.activation;
        c.loss.value = s.loss;
        // The chain has one input, one linear hidden unit, squared error and the worked example's weights.
        for (const k of ['x2', 'hidden', 'activation', 'loss', 'seed']) c[k].disabled = s.network === 'chain';
        w.refit();
        // Named by its network: a page may hold the chain and the small network side by side.
        caption.textContent = `Every weight and bias${s.network === 'chain' ? ' of the chain x → h → ŷ' : ''}, with the gradient of the loss with respect to it`;
      });
      w.animate(refresh);
      refresh(true);

      // ---- controls ----
      const act = (fn) => {
        try { fn(); w.showMessage(''); return true; } catch (e) { w.showMessage(e && e.message ? e.message : String(e)); return false; } finally { refresh(true); }
      };
      const api = {
        forward: () => act(() => bp.forward()),
        backward: () => act(() => bp.backward()),
        update: () => act(() => bp.update()),
        reset: () => act(() => bp.reset()),
        // Settings by the schema's names; a refused one keeps the network as it was and says why.
        configure: (s) => act(() => bp.configure(s)),
      };
      w.settings(() => bp.settings(), { network: 'network', x1: 'x1', x2: 'x2', target: 'target', hidden: 'hidden', activation: 'activation', loss: 'loss',
        lr: 'lr', seed: 'seed' });
      fwdBtn.addEventListener('click', () => api.forward());
      backBtn.addEventListener('click', () => api.backward());
      resetBtn.addEventListener('click', () => api.reset());
      updateBtn.addEventListener('click', () => api.update());
      // Typed numbers commit on change or Enter, checked against the schema's ranges first.
      const commit = (name) => {
        const input = c[name];
        const r = Schema.parseValue(name, P[name], input.value.trim());
        if (r.error) {
          w.showMessage(r.error.replace(/^“(\w+)”/, P[name].label) + ` It stays at ${bp.settings()[name]}.`);
          input.value = String(bp.settings()[name]);
          return;
        }
        if (r.value === bp.settings()[name]) return;
        if (name === 'lr') act(() => bp.setLearningRate(r.value));
        else act(() => bp.configure({ [name]: r.value }));
      };
      for (const name of TYPED) onCommit(c[name], () => commit(name));
      // The chain comes with the worked example's x = 1 and target 2 (the lesson's numbers).
      c.network.addEventListener('change', () => act(() => bp.configure(c.network.value === 'chain'
        ? { network: 'chain', x1: 1, target: 2 } : { network: 'small' })));
      c.hidden.addEventListener('change', () => act(() => bp.configure({ hidden: Number(c.hidden.value) })));
      c.activation.addEventListener('change', () => act(() => bp.configure({ activation: c.activation.value })));
      c.loss.addEventListener('change', () => {
        const loss = c.loss.value;
        const s = bp.settings();
        // Cross-entropy needs a class as the target: round a value in between to 0 or 1, and say so.
        if (loss === 'bce' && s.target !== 0 && s.target !== 1) {
          const y = s.target >= 0.5 ? 1 : 0;
          if (act(() => bp.configure({ loss, target: y }))) w.showMessage(`Cross-entropy needs a class as the target, so y is now ${y}.`);
          return;
        }
        act(() => bp.configure({ loss }));
      });
      return api;
    },
  });
})();
