// schema.test.js: the settings table (web/schema.js): the 'int-list' type (the training
// lab's hidden layers) read from links and lessons, written back, and refused when hostile;
// the check of the table itself.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Schema = require('../../web/schema.js');

const HIDDEN = Schema.WIDGETS['training-lab'].params.hidden;
const FORM = '“hidden” must be 1 to 8 whole numbers from 1 to 256, separated by commas, like 4,2.';
const lab = (query) => Schema.parse('training-lab', query);

test('the hidden layers are a list of 1 to 8 whole numbers from 1 to 256 (the core\'s limits)', () => {
  assert.deepEqual({ type: HIDDEN.type, min: HIDDEN.min, max: HIDDEN.max, minCount: HIDDEN.minCount, maxCount: HIDDEN.maxCount,
    maxLength: HIDDEN.maxLength, default: HIDDEN.default }, { type: 'int-list', min: 1, max: 256, minCount: 1, maxCount: 8, maxLength: 40, default: '4,2' });
});

test('int-list: good lists are read and written without spaces or leading zeros', () => {
  const cases = [['4,2', '4,2'], ['8', '8'], ['1', '1'], ['256', '256'], [' 8 , 8 ', '8,8'], ['16,16,16', '16,16,16'],
    ['04,002', '4,2'], ['1,2,3,4,5,6,7,8', '1,2,3,4,5,6,7,8'], ['256,256,256,256,256,256,256,256', '256,256,256,256,256,256,256,256']];
  for (const [text, value] of cases) assert.deepEqual(Schema.parseValue('hidden', HIDDEN, text), { value }, text);
  const { values, errors } = lab('hidden=' + encodeURIComponent(' 8, 8 ,8'));
  assert.deepEqual(errors, []);
  assert.equal(values.hidden, '8,8,8');
  assert.equal(Schema.serialize('training-lab', values), 'hidden=8%2C8%2C8');
  // The default is left out of links; what is written reads back the same.
  assert.equal(Schema.serialize('training-lab', lab('hidden=4,2').values), '');
  assert.equal(lab(Schema.serialize('training-lab', { ...values, hidden: '16,1' })).values.hidden, '16,1');
  // Written as it is read: no spaces; the default (however written) and a refused list are left out.
  assert.equal(Schema.serialize('training-lab', { hidden: ' 16, 01' }), 'hidden=16%2C1');
  assert.equal(Schema.serialize('training-lab', { hidden: [32, 8] }), 'hidden=32%2C8');
  assert.equal(Schema.serialize('training-lab', { hidden: '4, 2' }), '');
  assert.equal(Schema.serialize('training-lab', { hidden: '<script>' }), '');
});

test('int-list: hostile and malformed values fall back to the default with the message', () => {
  const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '1e308', '1e2', 'NaN', 'Infinity', '-3', '-0',
    '+4', '4.0', '1.5', '0x10', '0', '257', '1000', '4,0', '4,-2', '1,2,3,4,5,6,7,8,9', '', ' ', ',', '4,,2', '4,2,', ',4',
    '4;2', '4 2', '４,２', '٤,٢', '4,2\u0000', '0256', '0'.repeat(10) + '1', '99999999999999999999'];
  for (const text of hostile) {
    const r = Schema.parseValue('hidden', HIDDEN, text);
    assert.deepEqual(r, { error: text.length > 40 ? '“hidden” is too long.' : FORM }, JSON.stringify(text));
    const { values, errors } = lab('hidden=' + encodeURIComponent(text));
    assert.equal(values.hidden, '4,2', JSON.stringify(text));
    assert.deepEqual(errors, [`${r.error} Using 4,2.`], JSON.stringify(text));
  }
  // Longer than maxLength (40), even when every number is fine, and far longer than any setting.
  const long = Array(14).fill('1').join(' , ');
  assert.ok(long.length > 40);
  assert.deepEqual(Schema.parseValue('hidden', HIDDEN, long), { error: '“hidden” is too long.' });
  for (const text of ['4,'.repeat(5000) + '2', '<script>'.repeat(100)]) {
    const { values, errors } = lab('hidden=' + encodeURIComponent(text));
    assert.equal(values.hidden, '4,2');
    assert.deepEqual(errors, ['“hidden” is too long. Using 4,2.']);
  }
  // Other settings of the same link are still read.
  const mixed = lab('hidden=%3Cscript%3E&dataset=xor&seed=7');
  assert.deepEqual([mixed.values.hidden, mixed.values.dataset, mixed.values.seed], ['4,2', 'xor', 7]);
  assert.deepEqual(mixed.errors, [FORM + ' Using 4,2.']);
});

test('int-list: the message follows the spec (count, range, example)', () => {
  const spec = { type: 'int-list', min: 2, max: 9, minCount: 3, maxCount: 3 };
  assert.deepEqual(Schema.parseValue('xs', spec, '2,9,5'), { value: '2,9,5' });
  assert.deepEqual(Schema.parseValue('xs', spec, '2,9'), { error: '“xs” must be 3 whole numbers from 2 to 9, separated by commas.' });
  assert.deepEqual(Schema.parseValue('xs', spec, '2,9,10'), { error: '“xs” must be 3 whole numbers from 2 to 9, separated by commas.' });
  assert.deepEqual(Schema.parseValue('xs', spec, '1,2,3'), { error: '“xs” must be 3 whole numbers from 2 to 9, separated by commas.' });
  // Without maxLength the length limit of every setting applies.
  assert.deepEqual(Schema.parseValue('xs', spec, '2,' + ' '.repeat(Schema.MAX_PARAM_LENGTH) + '3,4'), { error: '“xs” is too long.' });
});

test('the real table has no mistakes; broken tables are reported by widget and setting', () => {
  assert.deepEqual(Schema.checkTable(), []);
  const broken = {
    demo: {
      params: {
        a: { type: 'int-list', min: 1, max: 9, minCount: 1, maxCount: 2, default: '1,2,3' },
        b: { type: 'int-list', min: 5, max: 1, minCount: 0, maxCount: 2, default: '' },
        c: { type: 'int-list', min: 1, max: 99, minCount: 1, maxCount: 2, maxLength: 500, default: '04' },
        d: { type: 'int-list', min: 1.5, max: 9, minCount: 1, maxCount: 2, default: null, example: 'x' },
        e: { type: 'words', default: 'hello' },
        f: { type: 'number', min: 3, max: 1, default: 2 },
        g: { type: 'text', default: 5 },
        h: { type: 'text', maxLength: 500, default: '' },
      },
    },
  };
  assert.deepEqual(Schema.checkTable(broken), [
    `demo “a”: the default 1,2,3 is refused: “a” must be 1 to 2 whole numbers from 1 to 9, separated by commas.`,
    'demo “b”: each number needs whole min ≤ max',
    'demo “b”: needs at least one number',
    'demo “c”: maxLength must be a whole number from 1 to 200',
    'demo “c”: the default 04 should be written 4',
    'demo “d”: each number needs whole min ≤ max',
    'demo “d”: the example x is refused',
    'demo “e”: unknown type “words”',
    'demo “f”: needs finite min ≤ max',
    'demo “f”: the default 2 is refused: “f” must lie between 3 and 1.',
    'demo “g”: needs a text default',
    'demo “h”: maxLength must be a whole number from 1 to 200',
  ]);
});

test('text: a typed formula is read and written as it is (the simulator checks it), up to its length', () => {
  const spec = Schema.WIDGETS['roll-downhill'].params.formula;
  assert.deepEqual(Schema.parseValue('formula', spec, 'x^4 - 3*x^2 + x'), { value: 'x^4 - 3*x^2 + x' });
  assert.deepEqual(Schema.parseValue('formula', spec, '<script>alert(1)</script>'), { value: '<script>alert(1)</script>' });
  assert.match(Schema.parseValue('formula', spec, 'x+'.repeat(101)).error, /“formula” is too long/);
  const query = Schema.serialize('roll-downhill', { ...Schema.parse('roll-downhill', '').values, formula: 'x^2 + 1', xMin: -2 });
  assert.equal(query, 'formula=x%5E2+%2B+1&xMin=-2');
  assert.deepEqual(Schema.parse('roll-downhill', query).values.formula, 'x^2 + 1');
});

test('flags: a name given twice is refused with a message and the default kept', () => {
  const race = (query) => Schema.parse('optimizer-race', query);
  for (const query of ['optimizers=gd,gd', 'optimizers=adam,gd,adam', 'optimizers=gd,%20gd']) {
    const { values, errors } = race(query);
    assert.equal(values.optimizers, 'gd,momentum,adam', query);
    assert.equal(errors.length, 1, query);
    assert.match(errors[0], /^“optimizers” names “(gd|adam)” more than once\. Using gd,momentum,adam\.$/, query);
  }
  assert.deepEqual(race('optimizers=adam,gd'), { values: { ...race('').values, optimizers: 'adam,gd' }, errors: [] });
  assert.match(Schema.parse('roll-downhill', 'hide=lr,lr').errors[0], /“hide” names “lr” more than once\. It was ignored\./);
});

test('queries: read whole up to MAX_QUERY_LENGTH (32,768 characters), refused with a message beyond it', () => {
  assert.equal(Schema.MAX_QUERY_LENGTH, 32768);
  // A setting after 5,000 characters of other settings is still read.
  const pad = Array.from({ length: 50 }, (_, i) => `pad${i}=${'x'.repeat(90)}`).join('&');
  const late = Schema.parse('roll-downhill', `${pad}&lr=0.5`);
  assert.equal(late.values.lr, 0.5);
  assert.equal(late.errors.length, 50);
  // Exactly at the limit: read; one more character: nothing read, one message.
  const at = 'lr=0.5&x=' + 'y'.repeat(Schema.MAX_QUERY_LENGTH - 9);
  assert.equal(at.length, Schema.MAX_QUERY_LENGTH);
  assert.equal(Schema.parse('roll-downhill', at).values.lr, 0.5);
  for (const query of [at + 'y', new URLSearchParams(at + 'y')]) {
    const over = Schema.parse('roll-downhill', query);
    assert.equal(over.values.lr, 0.18);
    assert.deepEqual(over.errors, ['This link is too long to read (32,769 characters; at most 32,768 are read), so all its settings were ignored and the widget starts from its defaults.']);
  }
});
