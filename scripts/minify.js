// minify.js FILE.js...: minifies JavaScript files in place: the engine's glue after every
// link (CMakeLists.txt; Emscripten's output keeps its local names without the Closure
// Compiler, which this toolchain lacks) and the page scripts as the build copies them into
// the bundle (scripts/build.sh; the sources in web/ stay as they are).
// Only local names are renamed: nothing here evaluates code or looks a local up by name
// (the engine is linked with -sDYNAMIC_EXECUTION=0), and what pages share lives on
// properties (window.DownhillWidgets, Module['...']), which stay.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { minify } = require(path.join(__dirname, 'node_modules', 'terser'));

const files = process.argv.slice(2);
if (!files.length) { console.error('usage: node scripts/minify.js FILE.js...'); process.exit(2); }
(async () => {
  let before = 0, after = 0;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const out = await minify(source, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    fs.writeFileSync(file, out.code + '\n');
    before += source.length;
    after += out.code.length + 1;
  }
  console.log(`minify: ${files.length === 1 ? path.basename(files[0]) : files.length + ' files'} ${before} -> ${after} bytes`);
})().catch((e) => { console.error(`minify: ${e.message}`); process.exit(1); });
