// widget-momentum.js: why momentum works. A two-weight bowl whose condition number the
// learner sets; a heavy-ball run with their learning rate and momentum; its path, loss and
// each direction's error; and a map of convergence speed over (eta, beta) computed by the
// engine, where a click or tap chooses both (lessons/06-local-minima-optimizers.md).
(function () {
  'use strict';
  const { el, fmt, onTap, slider, readout, button, Schema, defineWidget } = window.DownhillWidgets;
  const P = Schema.WIDGETS.momentum.params;

  // The condition number's slider moves log10(kappa); kappa is kept to 3 significant digits.
  const kappaOf = (slide) => Number((10 ** Number(slide)).toPrecision(3));
  const clamp = (v, spec) => Math.min(spec.max, Math.max(spec.min, v));
  const steps = (n, cap) => (n < 0 ? `more than ${cap}` : String(n));

  defineWidget('momentum', {
    label: 'Why momentum works',
    className: 'dh-momentum',
    canvasLabel: 'Momentum on a stretched bowl (loading)',
    async mount(w) {
      const { values, canvas, status } = w;
      const kappa = slider('Condition number κ', { min: 0, max: 3, step: 0.01, value: Math.log10(values.kappa) },
        fmt(values.kappa, 3), w.hideClass('kappa'));
      const eta = slider('Learning rate η', { min: P.eta.min, max: P.eta.max, step: 0.001, value: values.eta },
        fmt(values.eta, 3), w.hideClass('eta'));
      const beta = slider('Momentum β', { min: P.beta.min, max: P.beta.max, step: 0.001, value: values.beta },
        fmt(values.beta, 3), w.hideClass('beta'));
      const gdButton = button('Best plain GD'), bestButton = button('Best momentum');
      const presets = el('div', { class: 'dh-buttons' + w.hideClass('presets') }, gdButton, bestButton);
      const ro = { rate: readout('Rate per step'), steps: readout('Steps to a millionth'),
        gd: readout('Best plain GD needs'), best: readout('Best momentum needs') };
      w.layout([w.figure, w.message,
        el('div', { class: 'dh-controls' }, kappa.box, eta.box, beta.box), presets,
        el('div', { class: 'dh-readouts' + w.hideClass('readouts') }, ...Object.values(ro).map((r) => r.box)),
        status], [kappa.input, eta.input, beta.input, gdButton, bestButton]);

      const M = await w.module();
      const m = new M.Momentum();
      m.setKappa(values.kappa);
      m.setEtaBeta(values.eta, values.beta);
      const aspect = () => ((w.figure.clientWidth || 640) < 560 ? 3.2 : 0.78);
      w.show(m, { width: 640, height: 500, draw: 'showMomentum', aspect });
      const cap = 5000;

      const refresh = () => {
        const s = m.state();
        kappa.output.textContent = fmt(s.kappa, 3);
        eta.output.textContent = fmt(s.eta, 3);
        beta.output.textContent = fmt(s.beta, 3);
        kappa.input.value = String(Math.log10(s.kappa));
        eta.input.value = String(s.eta);
        beta.input.value = String(s.beta);
        ro.rate.out.textContent = fmt(s.rate, 4);
        ro.steps.out.textContent = s.diverged ? 'diverges' : steps(s.steps, cap);
        ro.gd.out.textContent = steps(s.gdSteps, cap);
        ro.best.out.textContent = steps(s.bestSteps, cap);
        const gd = `plain gradient descent at its best (η = ${fmt(s.gdEta, 3)}) needs ${steps(s.gdSteps, cap)}`;
        const setting = `With κ = ${fmt(s.kappa, 3)}, η = ${fmt(s.eta, 3)} and β = ${fmt(s.beta, 3)}`;
        const what = s.diverged
          ? `${setting} the run diverges: η is above 2(1 + β) = ${fmt(s.etaLimit, 3)}, or the rate ${fmt(s.rate, 4)} is at least 1.`
          : s.steps < 0
            ? `${setting} the loss does not fall to a millionth of its start within ${cap} steps (rate ${fmt(s.rate, 4)} per step); ${gd}.`
            : `${setting} the loss falls to a millionth of its start in ${s.steps} steps (rate ${fmt(s.rate, 4)} per step); ${gd}, momentum at its best (η = ${fmt(s.bestEta, 3)}, β = ${fmt(s.bestBeta, 3)}) needs ${steps(s.bestSteps, cap)}.`;
        status.textContent = (w.canvasError ? w.canvasError + ' ' : '') + what;
        canvas.setAttribute('aria-label', `Path, map, loss and directions for κ = ${fmt(s.kappa, 3)}, η = ${fmt(s.eta, 3)}, β = ${fmt(s.beta, 3)}: ` +
          (s.diverged ? 'the run diverges.' : `the steep direction shrinks by ${fmt(s.rateSteep, 3)} and the shallow one by ${fmt(s.rateShallow, 3)} per step.`));
        return s;
      };
      // Sets what is given (numbers), clamped to the schema's ranges with a message.
      const set = (given) => {
        const notes = [];
        const take = (key) => {
          const n = Number(given[key]);
          if (!Number.isFinite(n)) { notes.push(`${P[key].label} must be a number.`); return null; }
          const c = clamp(n, P[key]);
          if (c !== n) notes.push(`${P[key].label} lies between ${P[key].min} and ${P[key].max}; using ${c}.`);
          return c;
        };
        if ('kappa' in given) { const k = take('kappa'); if (k !== null) m.setKappa(k); }
        const s = m.state();
        const e = 'eta' in given ? take('eta') : s.eta, b = 'beta' in given ? take('beta') : s.beta;
        if (e !== null && b !== null) m.setEtaBeta(e, b);
        w.showMessage(notes.join(' '));
        return refresh();
      };
      kappa.input.addEventListener('input', () => set({ kappa: kappaOf(kappa.input.value) }));
      eta.input.addEventListener('input', () => set({ eta: eta.input.value }));
      beta.input.addEventListener('input', () => set({ beta: beta.input.value }));
      gdButton.addEventListener('click', () => { const s = m.state(); set({ eta: s.gdEta, beta: 0 }); });
      bestButton.addEventListener('click', () => { const s = m.state(); set({ eta: s.bestEta, beta: s.bestBeta }); });
      // A click or tap on the map chooses (eta, beta) there (to 3 decimals).
      onTap(canvas, (e) => {
        const r = canvas.getBoundingClientRect();
        const p = m.mapAt(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
        if (!p.inside) return;
        const round = (v) => Math.round(v * 1000) / 1000;
        set({ eta: clamp(round(p.eta), P.eta), beta: clamp(round(p.beta), P.beta) });
      });
      refresh();
      w.settings(() => m.state(), { kappa: 'kappa', eta: 'eta', beta: 'beta' });
      return {
        setKappa: (v) => set({ kappa: v }), setEta: (v) => set({ eta: v }), setBeta: (v) => set({ beta: v }),
        bestPlainGd: () => gdButton.click(), bestMomentum: () => bestButton.click(),
      };
    },
  });
})();
