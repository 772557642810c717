// number_format.test.js: one number format for the whole course. The pages' formatNumber
// (web/schema.js) and the canvases' FormatNumber (src/views/number.hpp, through the
// engine's formatNumber) write the same characters for a table of values, and the words
// naming the course curve agree with the minima the core finds on it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const Schema = require(path.resolve(__dirname, '../../web/schema.js'));
const createDownhill = require(path.resolve(__dirname, '../../build/wasm/downhill.js'));

let M;
test.before(async () => { M = await createDownhill(); });

const TABLE = [
  [0.23, 4, '0.23'], [0.2300, 3, '0.23'], [-2, 4, '−2'], [7.4e-10, 4, '7.4 × 10⁻¹⁰'], [0, 4, '0'], [-0, 2, '0'],
  [3.14159, 2, '3.14'], [2.5, 0, '3'], [-2.5, 0, '−3'], [0.125, 2, '0.13'], [1234567, 2, '1.23 × 10⁶'],
  [99999.5, 0, '100000'], [1e-7, 6, '1 × 10⁻⁷'], [0.004, 2, '4 × 10⁻³'], [0.15, 2, '0.15'], [1.2, 2, '1.2'],
  [-0.62831853, 2, '−0.63'], [9.995e-5, 4, '1 × 10⁻⁴'], [12.5, 1, '12.5'], [NaN, 2, 'not a number'],
  [Infinity, 2, 'infinite'], [-Infinity, 2, 'minus infinity'],
];

test('the pages and the canvases format every number of the table alike', () => {
  for (const [v, d, want] of TABLE) {
    assert.equal(Schema.formatNumber(v, d), want, `page: ${v} with ${d} decimals`);
    assert.equal(M.formatNumber(v, d), want, `canvas: ${v} with ${d} decimals`);
  }
  // And on a spread of values and decimals, character for character.
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < 3000; i++) {
    const v = (rnd() * 2 - 1) * 10 ** Math.floor(rnd() * 14 - 7);
    const d = Math.floor(rnd() * 7);
    assert.equal(M.formatNumber(v, d), Schema.formatNumber(v, d), `${v} with ${d} decimals`);
  }
});

test('the course curve is named for the valleys the core finds on it', () => {
  const run = new M.RollDownhill();
  try {
    const count = run.minima().length;
    assert.equal(count, 4);
    const words = ['no', 'one', 'two', 'three', 'four', 'five'][count];
    const lr = fs.readFileSync(path.resolve(__dirname, '../../web/widget-lr-compare.js'), 'utf8');
    assert.match(lr, new RegExp(`course: 'Course curve: ${words} valleys'`));
    const lesson = fs.readFileSync(path.resolve(__dirname, '../../lessons/04-gradient-descent.md'), 'utf8');
    assert.match(lesson, new RegExp(`The curve has ${words} valleys`));
    for (const f of fs.readdirSync(path.resolve(__dirname, '../../lessons')))
      assert.doesNotMatch(fs.readFileSync(path.resolve(__dirname, '../../lessons', f), 'utf8'), /three valleys/i, f);
  } finally { run.delete(); }
});
