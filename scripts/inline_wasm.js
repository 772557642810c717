// inline_wasm.js OUT_DIR MODULE.wasm...: for each module writes MODULE.wasm.js, the binary
// as a script: self.DownhillWasm['MODULE'] = '<base64>'. Pages that cannot load a .wasm
// file (opened from disk, or inside a sandboxed iframe without an origin) load this
// script instead and hand the bytes to the module factory (web/widgets.js).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [out, ...wasms] = process.argv.slice(2);
for (const file of wasms) {
  const name = path.basename(file, '.wasm');
  const b64 = fs.readFileSync(file).toString('base64');
  fs.writeFileSync(path.join(out, name + '.wasm.js'),
    `// ${name}.wasm.js: ${name}.wasm as a script, for pages that cannot load .wasm files.\n` +
    `(self.DownhillWasm = self.DownhillWasm || {})[${JSON.stringify(name)}] = '${b64}';\n`);
}
