// pre.js: prepended to downhill.js inside the module factory (--pre-js).
// The wasm binary is embedded in downhill.js (SINGLE_FILE). Emscripten would first try to
// fetch() that embedded data: URL, which a strict Content Security Policy reports as a
// violation (connect-src) and Node 20 cannot parse; hiding fetch inside the module makes
// it decode the embedded bytes directly, in every environment.
var fetch = undefined;
