// optimizer_table.test.js: the page scripts' settings table (web/schema.js) and the core's
// optimizer table (optimizerTable() of the wasm build, src/core/optim/registry.cpp) agree:
// every optimizer a page offers is in the core's table, the race offers all of them, and
// every range the schema lets a link or a control set lies inside what the core accepts.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const Schema = require('../../web/schema.js');

const ROOT = path.resolve(__dirname, '../..');
const createDownhill = require(path.join(ROOT, 'build/wasm/downhill.js'));

let M, table;
test.before(async () => {
  M = await createDownhill();
  table = M.optimizerTable();
});

// The schema's names for optimizer settings, as the core's table keys them.
const KEYS = { lr: 'learningRate', momentum: 'momentum', beta1: 'beta1', beta2: 'beta2', noise: 'noise', seed: 'seed' };
// Whether [min, max] lies inside the table's interval for `key`.
function inside(setting, spec) {
  const loOk = setting.minIncluded ? spec.min >= setting.min : spec.min > setting.min;
  const hiOk = setting.maxIncluded ? spec.max <= setting.max : spec.max < setting.max;
  return loOk && hiOk;
}

test('the table lists every optimizer once, each with its defaults and settings', () => {
  assert.deepEqual(table.map((o) => o.name), M.optimizerNames());
  assert.deepEqual(table.map((o) => o.name), ['gd', 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']);
  for (const o of table) {
    assert.equal(typeof o.label, 'string');
    assert.ok(o.label.length > 0);
    assert.deepEqual(o.defaults, M.defaultOptimizerSettings(o.name));
    assert.equal(o.settings[0].key, 'learningRate');
    for (const s of o.settings) {
      const v = o.defaults[s.key];
      assert.ok(inside(s, { min: v, max: v }), `${o.name} default ${s.key} = ${v} lies in its own range`);
    }
  }
  const adam = table.find((o) => o.name === 'adam');
  assert.deepEqual(adam.settings.map((s) => s.key), ['learningRate', 'beta1', 'beta2', 'epsilon']);
  assert.deepEqual(adam.settings[1], { key: 'beta1', min: 0, max: 1, minIncluded: true, maxIncluded: false, integer: false });
});

test('the optimizer race offers exactly the table\'s optimizers, with settings in the core\'s ranges', () => {
  const race = Schema.WIDGETS['optimizer-race'].params;
  assert.deepEqual([...race.optimizers.values].sort(), table.map((o) => o.name).sort());
  for (const o of race.optimizers.default.split(',')) assert.ok(table.some((t) => t.name === o), o);
  for (const [name, key] of Object.entries(KEYS)) {
    const users = table.filter((o) => o.settings.some((s) => s.key === key));
    assert.ok(users.length > 0, `some optimizer reads ${key}`);
    for (const o of users) {
      const setting = o.settings.find((s) => s.key === key);
      assert.ok(inside(setting, race[name]), `race “${name}” [${race[name].min}, ${race[name].max}] inside ${o.name}'s ${key}`);
      if (setting.integer) assert.equal(race[name].integer, true, `race “${name}” is whole`);
    }
  }
});

test('the training lab offers optimizers of the table and the core\'s schedules, with a rate the core accepts', () => {
  const labP = Schema.WIDGETS['training-lab'].params;
  for (const o of labP.optimizer.values) assert.ok(table.some((t) => t.name === o), o);
  assert.ok(labP.optimizer.values.includes(labP.optimizer.default));
  for (const o of table.filter((t) => labP.optimizer.values.includes(t.name)))
    assert.ok(inside(o.settings[0], labP.lr), `training-lab “lr” inside ${o.name}'s learning rate`);
  // Every schedule kind the lab offers is one the core knows (scheduleFactors refuses the others).
  for (const kind of labP.schedule.values) assert.equal(M.scheduleFactors({ kind }, 1).length, 1, kind);
  assert.throws(() => M.scheduleFactors({ kind: 'warm-restarts' }, 1), /Unknown schedule/);
});
