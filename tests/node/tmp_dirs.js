// tmp_dirs.js: scratch folders for a node test file, removed when its tests are over.
'use strict';
const test = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const made = [];
test.after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

// A new empty folder named downhill-<name>-XXXXXX under the system's temporary folder.
function tmpDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `downhill-${name}-`));
  made.push(dir);
  return dir;
}

module.exports = { tmpDir };
