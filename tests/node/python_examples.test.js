// python_examples.test.js: every Python example in the lessons that shows its output
// ("# Output:" followed by one "# line" per printed line) runs under python3 and prints
// exactly that. The glossary's entries for loss, gradient, learning rate, epoch, batch
// and optimizer each carry one.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const LESSONS = path.resolve(__dirname, '../../lessons');
const FENCE = /^```python\n([\s\S]*?)^```$/gm;

// { file, heading, code, expected } for each example with an "# Output:" block.
function examples() {
  const out = [];
  for (const file of fs.readdirSync(LESSONS).filter((f) => f.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(LESSONS, file), 'utf8');
    for (const m of text.matchAll(FENCE)) {
      const code = m[1];
      const at = code.indexOf('# Output:\n');
      if (at < 0) continue;
      const expected = code.slice(at + '# Output:\n'.length).trimEnd().split('\n').map((l) => l.replace(/^# ?/, ''));
      const heads = [...text.slice(0, m.index).matchAll(/^## (.+)$/gm)];
      out.push({ file, heading: heads.length ? heads[heads.length - 1][1] : '', code, expected });
    }
  }
  return out;
}

test('the glossary shows a Python example for loss, gradient, learning rate, epoch, batch and optimizer', () => {
  const headings = examples().filter((e) => e.file === 'glossary.md').map((e) => e.heading).sort();
  assert.deepEqual(headings, ['Batch', 'Epoch', 'Gradient', 'Learning rate', 'Loss function', 'Optimizer']);
});

test('each Python example with an output prints exactly that output', () => {
  const all = examples();
  assert.ok(all.length >= 6);
  for (const e of all) {
    const r = spawnSync('python3', ['-I', '-c', e.code], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.error, undefined, `python3 must be installed (scripts/deps.sh): ${r.error}`);
    assert.equal(r.status, 0, `${e.file} "${e.heading}": ${r.stderr}`);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), e.expected, `${e.file} "${e.heading}"`);
  }
});
