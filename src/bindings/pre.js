// pre.js: prepended to every module's JavaScript inside its factory (--pre-js).
// In Node 20, Emscripten's fetch() of the .wasm fails on a file path: hiding fetch inside
// the module makes it read the file instead. Browsers keep fetch. Pages that cannot load
// a .wasm at all (file://, sandboxed frames) pass the bytes in as Module.wasmBinary
// (see web/widgets.js).
var fetch = typeof process === 'object' && process.versions && process.versions.node ? undefined : globalThis.fetch;
