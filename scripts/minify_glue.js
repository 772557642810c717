// minify_glue.js FILE.js: minifies the engine's JavaScript glue in place (Emscripten's
// output keeps its local names without the Closure Compiler, which this toolchain lacks).
// Run by the build after every link of the engine (CMakeLists.txt). The glue calls no
// eval and looks nothing up by a local name (-sDYNAMIC_EXECUTION=0), so renaming locals
// is safe; names the pages use are properties (Module['...']) and stay.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { minify } = require(path.join(__dirname, 'node_modules', 'terser'));

const file = process.argv[2];
if (!file) { console.error('usage: node scripts/minify_glue.js FILE.js'); process.exit(2); }
const source = fs.readFileSync(file, 'utf8');
minify(source, { ecma: 2018, compress: { passes: 2 }, mangle: true, format: { comments: false } })
  .then((out) => {
    fs.writeFileSync(file, out.code + '\n');
    console.log(`minify_glue: ${path.basename(file)} ${source.length} -> ${out.code.length} bytes`);
  })
  .catch((e) => { console.error(`minify_glue: ${e.message}`); process.exit(1); });
