// js_baselines.js: plain-JavaScript implementations the wasm core is benchmarked against.
// Written the way such code is usually written for the web: idiomatic, readable, no wasm.
//   [SECTION] 1-D map: start points x learning rates on the course curve
//   [SECTION] Per-example MLP in the style of TensorFlow Playground (node and link objects)
'use strict';

// ---------------------------------------------------------------------------------
// [SECTION] 1-D map
// ---------------------------------------------------------------------------------
const courseSlope = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);

// For each (start, learning rate) cell: gradient descent for up to `steps` steps; the cell
// records the index of the nearest minimum if the run settled (|step| < tol), else -1 when
// it left [lo, hi] or became non-finite, else -2 (still moving). Row-major: lr-major rows.
function map1d({ starts, rates, steps, lo = -5, hi = 5, minima, tol = 1e-9 }) {
  const out = new Int8Array(starts * rates);
  for (let j = 0; j < rates; j++) {
    const lr = 0.01 + (1.2 - 0.01) * (rates === 1 ? 0 : j / (rates - 1));
    for (let i = 0; i < starts; i++) {
      let x = lo + (hi - lo) * (starts === 1 ? 0 : i / (starts - 1));
      let result = -2;
      for (let s = 0; s < steps; s++) {
        const next = x - lr * courseSlope(x);
        if (!Number.isFinite(next) || next < lo || next > hi) { result = -1; break; }
        const moved = Math.abs(next - x);
        x = next;
        if (moved < tol) {
          let best = 0;
          for (let k = 1; k < minima.length; k++) if (Math.abs(minima[k] - x) < Math.abs(minima[best] - x)) best = k;
          result = best;
          break;
        }
      }
      out[j * starts + i] = result;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// [SECTION] Playground-style MLP
// ---------------------------------------------------------------------------------
const Activations = {
  tanh: { output: (x) => Math.tanh(x), der: (x) => { const t = Math.tanh(x); return 1 - t * t; } },
  linear: { output: (x) => x, der: () => 1 },
};
const SquareError = { error: (out, target) => 0.5 * (out - target) * (out - target), der: (out, target) => out - target };

class Neuron {
  constructor(id, activation) {
    this.id = id; this.activation = activation;
    this.inputs = []; this.outputs = [];
    this.bias = 0.1; this.totalInput = 0; this.output = 0;
    this.outputDer = 0; this.inputDer = 0; this.accInputDer = 0; this.numAccumulated = 0;
  }
  update() {
    this.totalInput = this.bias;
    for (const link of this.inputs) this.totalInput += link.weight * link.source.output;
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}
class Link {
  constructor(source, dest, rand) {
    this.source = source; this.dest = dest;
    this.weight = rand() - 0.5; this.errorDer = 0; this.accErrorDer = 0; this.numAccumulated = 0;
  }
}

function seeded(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

function buildNetwork(shape, hidden, output, seed) {
  const rand = seeded(seed);
  const layers = [];
  let id = 0;
  for (let l = 0; l < shape.length; l++) {
    const layer = [];
    for (let i = 0; i < shape[l]; i++) {
      const n = new Neuron(id++, l === shape.length - 1 ? output : hidden);
      if (l > 0) for (const src of layers[l - 1]) { const link = new Link(src, n, rand); src.outputs.push(link); n.inputs.push(link); }
      layer.push(n);
    }
    layers.push(layer);
  }
  return layers;
}

function forward(net, inputs) {
  net[0].forEach((n, i) => { n.output = inputs[i]; });
  for (let l = 1; l < net.length; l++) for (const n of net[l]) n.update();
  return net[net.length - 1][0].output;
}

function backward(net, target) {
  const out = net[net.length - 1][0];
  out.outputDer = SquareError.der(out.output, target);
  for (let l = net.length - 1; l >= 1; l--) {
    for (const n of net[l]) {
      n.inputDer = n.outputDer * n.activation.der(n.totalInput);
      n.accInputDer += n.inputDer; n.numAccumulated++;
    }
    for (const n of net[l]) for (const link of n.inputs) {
      link.errorDer = n.inputDer * link.source.output;
      link.accErrorDer += link.errorDer; link.numAccumulated++;
    }
    if (l === 1) continue;
    for (const n of net[l - 1]) {
      n.outputDer = 0;
      for (const link of n.outputs) n.outputDer += link.weight * link.dest.inputDer;
    }
  }
}

function updateWeights(net, lr) {
  for (let l = 1; l < net.length; l++) for (const n of net[l]) {
    if (n.numAccumulated > 0) { n.bias -= lr * n.accInputDer / n.numAccumulated; n.accInputDer = 0; n.numAccumulated = 0; }
    for (const link of n.inputs) if (link.numAccumulated > 0) {
      link.weight -= lr * link.accErrorDer / link.numAccumulated; link.accErrorDer = 0; link.numAccumulated = 0;
    }
  }
}

// Two-class data: `circle` (inside radius vs ring) or `spiral`; labels +1 / -1.
function dataset(kind, n, seed) {
  const rand = seeded(seed);
  const pts = [];
  if (kind === 'circle') {
    for (let i = 0; i < n; i++) {
      const inner = i < n / 2;
      const r = inner ? rand() * 2.5 : 3.5 + rand() * 1.5;
      const a = rand() * 2 * Math.PI;
      pts.push({ x: [r * Math.sin(a), r * Math.cos(a)], y: inner ? 1 : -1 });
    }
  } else {
    for (let i = 0; i < n; i++) {
      const cls = i % 2, k = (i >> 1) / (n / 2);
      const r = 5 * k, t = 1.75 * k * 2 * Math.PI + cls * Math.PI;
      pts.push({ x: [r * Math.sin(t), r * Math.cos(t)], y: cls ? 1 : -1 });
    }
  }
  return pts;
}

// One epoch of per-example training with mini-batches, Playground's way; returns the loss.
function trainEpoch(net, data, batch, lr) {
  let loss = 0;
  data.forEach((p, i) => {
    const out = forward(net, p.x);
    loss += SquareError.error(out, p.y);
    backward(net, p.y);
    if ((i + 1) % batch === 0) updateWeights(net, lr);
  });
  updateWeights(net, lr);
  return loss / data.length;
}

module.exports = { map1d, courseSlope, buildNetwork, dataset, trainEpoch, forward, Activations };
