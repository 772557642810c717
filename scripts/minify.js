// minify.js FILE...: minifies JavaScript and CSS files in place: the engine's glue after every
// link (CMakeLists.txt; Emscripten's output keeps its local names without the Closure
// Compiler, which this toolchain lacks) and the page scripts as the build copies them into
// the bundle (scripts/build.sh; the sources in web/ stay as they are).
// Only local names are renamed: nothing here evaluates code or looks a local up by name
// (the engine is linked with -sDYNAMIC_EXECUTION=0), and what pages share lives on
// properties (window.DownhillWidgets, Module['...']), which stay.
// Style sheets lose their comments and the spaces that carry no meaning (next to { } ; and
// commas); strings are kept as written and no other space is touched (calc() needs its own).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { minify } = require(path.join(__dirname, 'node_modules', 'terser'));

function minifyCss(css) {
  const parts = []; // [text, isString]
  let plain = '';
  const squeeze = (t) => t.replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1').replace(/;}/g, '}');
  for (let i = 0; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") { // a string, as written
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      parts.push(squeeze(plain), css.slice(i, j + 1));
      plain = '';
      i = j + 1;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      plain += ' ';
      i = end < 0 ? css.length : end + 2;
    } else { plain += c; i++; }
  }
  parts.push(squeeze(plain));
  return parts.join('').trim();
}

const files = process.argv.slice(2);
if (!files.length) { console.error('usage: node scripts/minify.js FILE...'); process.exit(2); }
(async () => {
  let before = 0, after = 0;
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const code = file.endsWith('.css') ? minifyCss(source)
      : (await minify(source, { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
    fs.writeFileSync(file, code + '\n');
    before += source.length;
    after += code.length + 1;
  }
  console.log(`minify: ${files.length === 1 ? path.basename(files[0]) : files.length + ' files'} ${before} -> ${after} bytes`);
})().catch((e) => { console.error(`minify: ${e.message}`); process.exit(1); });
