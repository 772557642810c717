// layers.test.js: the layers of src/ depend only on those below them, read from every
// #include line:
//   core < model < views < app < bindings
// core and model include only standard headers (<cmath>, <vector>, ...) and their own layers;
// views add Dear ImGui; app adds SDL2 and Emscripten; nothing includes src/bindings but
// src/bindings itself.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { tmpDir } = require('./tmp_dirs.js');

const SRC = path.join(__dirname, '..', '..', 'src');
const LAYERS = ['core', 'model', 'views', 'app', 'bindings'];
// Third-party headers and the lowest layer that may include them.
const THIRD_PARTY = [
  [/^imgui(_impl_[a-z0-9]+)?\.h$/, 'views'],
  [/^SDL[A-Za-z0-9_]*\.h$/, 'app'],
  [/^emscripten(\.h|\/)/, 'app'],
  [/^malloc\.h$/, 'bindings'],
  [/^canvas_font\.h$/, 'app'], // generated at build time (scripts/canvas_font.py): the canvases' typeface
];
const isStandard = (name) => /^[a-z_]+$/.test(name); // <cmath>, <string>, <unordered_map>

function sourceFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(h|hpp|cpp)$/.test(e.name)) out.push(p);
  }
  return out;
}

// Every include of the tree under `src` that runs upward or reaches a header its layer
// may not use, as "file:line: reason" strings.
function upwardIncludes(src) {
  const problems = [];
  for (const file of sourceFiles(src)) {
    const rel = path.relative(src, file).split(path.sep).join('/');
    const layer = rel.split('/')[0];
    const rank = LAYERS.indexOf(layer);
    if (rank < 0) { problems.push(`${rel}: outside the layers (${LAYERS.join(', ')})`); continue; }
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*#\s*include\s*([<"])([^>"]+)[>"]/.exec(line);
      if (!m) return;
      const [, kind, name] = m;
      const where = `${rel}:${i + 1}: #include ${kind}${name}${kind === '<' ? '>' : '"'}`;
      // A header of src/, named from src/ or from the including file's folder.
      let target = null;
      if (kind === '"') {
        for (const base of [src, path.dirname(file)]) {
          const p = path.join(base, name);
          if (fs.existsSync(p)) { target = path.relative(src, p).split(path.sep).join('/'); break; }
        }
      }
      if (target) {
        const to = target.split('/')[0];
        const toRank = LAYERS.indexOf(to);
        if (toRank < 0) problems.push(`${where}: outside the layers`);
        else if (toRank > rank) problems.push(`${where}: ${layer} may not include ${to}`);
        return;
      }
      if (kind === '<' && isStandard(name)) return;
      const rule = THIRD_PARTY.find(([re]) => re.test(name));
      if (!rule) { problems.push(`${where}: neither a standard header nor a known library`); return; }
      if (LAYERS.indexOf(rule[1]) > rank) problems.push(`${where}: ${layer} may not include it (${rule[1]} and up)`);
    });
  }
  return problems;
}

test('no #include under src/ runs upward (core < model < views < app < bindings)', () => {
  assert.ok(sourceFiles(SRC).length > 50, 'the sources were found');
  for (const layer of LAYERS) assert.ok(fs.existsSync(path.join(SRC, layer)), `src/${layer} exists`);
  assert.deepEqual(upwardIncludes(SRC), []);
});

test('the check finds an upward include, a platform header below app and an unknown library', () => {
  const src = tmpDir('layers');
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
    fs.writeFileSync(path.join(src, rel), text);
  };
  put('core/a.hpp', '#include <vector>\n#include "b.hpp"\n');
  put('core/b.hpp', '#pragma once\n');
  put('model/m.hpp', '#include "core/a.hpp"\n');
  put('views/v.hpp', '#include "model/m.hpp"\n#include "imgui.h"\n');
  put('app/show.hpp', '#include "views/v.hpp"\n#include <SDL.h>\n');
  put('bindings/b.cpp', '#include "app/show.hpp"\n#include <emscripten/bind.h>\n');
  assert.deepEqual(upwardIncludes(src), []);

  put('views/v.hpp', '#include "model/m.hpp"\n#include "app/show.hpp"\n');
  put('model/m.hpp', '#include "core/a.hpp"\n#include "imgui.h"\n');
  put('core/a.hpp', '#include <vector>\n#include "bindings/b.cpp"\n#include <boost/any.hpp>\n');
  assert.deepEqual(upwardIncludes(src).sort(), [
    'core/a.hpp:2: #include "bindings/b.cpp": core may not include bindings',
    'core/a.hpp:3: #include <boost/any.hpp>: neither a standard header nor a known library',
    'model/m.hpp:2: #include "imgui.h": model may not include it (views and up)',
    'views/v.hpp:2: #include "app/show.hpp": views may not include app',
  ]);
});
