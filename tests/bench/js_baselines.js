// js_baselines.js: plain-JavaScript implementations the wasm core is benchmarked against.
// Written the way such code is usually written for the web: idiomatic, readable, no wasm.
//   [SECTION] 1-D map: start points x learning rates on the course curve
//   [SECTION] Per-example MLP in the style of TensorFlow Playground (node and link objects)
'use strict';

// ---------------------------------------------------------------------------------
// [SECTION] 1-D map
// ---------------------------------------------------------------------------------
const courseSlope = (x) => 0.24 * x + 2.4 * Math.cos(2.4 * x) - 1.5 * Math.sin(5 * x);

// For each (start, learning rate) cell: gradient descent for up to `steps` steps, with
// the same rules as the core's map (src/core/maps.hpp): a run stops when it leaves
// [lo, hi] (253), blows up (255) or settles (step < 1e-9 at slope < 1e-6); it counts as
// reaching minimum k when it ends within `capture` of it with lr < 2 / f'' there, else 254.
// Row-major, one row per learning rate.
function map1d({ starts = 512, rates = 256, steps = 500, lo = -5, hi = 5, lrLo = 0.01, lrHi = 1.2,
  minima, maxStable, capture = 1e-3 }) {
  const outcome = new Uint8Array(starts * rates);
  const stepsOut = new Int32Array(starts * rates);
  const nearest = (x) => {
    for (let k = 0; k < minima.length; k++) if (Math.abs(x - minima[k]) < capture) return k;
    return -1;
  };
  for (let j = 0; j < rates; j++) {
    const lr = rates === 1 ? lrLo : lrLo + (lrHi - lrLo) * j / (rates - 1);
    for (let i = 0; i < starts; i++) {
      let x = starts === 1 ? lo : lo + (hi - lo) * i / (starts - 1);
      let g = courseSlope(x);
      let near = nearest(x), since = 0, n = 0, stop = 0;
      while (true) {
        const next = x - lr * g;
        const ng = courseSlope(next);
        n++;
        if (!(Math.abs(next) <= 1e6) || !Number.isFinite(ng)) { stop = 255; break; }
        if (!(next >= lo && next <= hi)) { stop = 253; break; }
        const moved = Math.abs(next - x);
        x = next; g = ng;
        if (near < 0 || !(Math.abs(x - minima[near]) < capture)) { near = nearest(x); since = n; }
        if ((moved < 1e-9 && Math.abs(g) < 1e-6) || n >= steps) break;
      }
      const cell = j * starts + i;
      if (stop) { outcome[cell] = stop; stepsOut[cell] = n; }
      else if (near >= 0 && lr < maxStable[near]) { outcome[cell] = near; stepsOut[cell] = since; }
      else { outcome[cell] = 254; stepsOut[cell] = n; }
    }
  }
  return { outcome, steps: stepsOut };
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

// Mean loss of the network over a data set.
function meanLoss(net, data) {
  let loss = 0;
  for (const p of data) loss += SquareError.error(forward(net, p.x), p.y);
  return loss / data.length;
}

// One epoch the way Playground runs one: per-example forward and backward passes with a
// weight update every `batch` examples, then the training and test loss for the charts.
function trainEpoch(net, train, test, batch, lr) {
  train.forEach((p, i) => {
    forward(net, p.x);
    backward(net, p.y);
    if ((i + 1) % batch === 0) updateWeights(net, lr);
  });
  updateWeights(net, lr);
  return { train: meanLoss(net, train), test: meanLoss(net, test) };
}

module.exports = { map1d, courseSlope, buildNetwork, dataset, trainEpoch, meanLoss, forward, Activations };
