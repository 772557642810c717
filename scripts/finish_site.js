// finish_site.js DIR: the last step of a build, once every file of the bundle is in DIR:
//   course.js : window.DownhillCourse = { quizzes: [...] }, every check of the course in
//               page order (results.js scores against it)
//   sw.js     : the service worker with the bundle's file list and a version hash
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const dir = path.resolve(process.argv[2] || 'build/site');
const web = path.resolve(__dirname, '../web');
const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile() && f !== 'sw.js').sort();

// Checks in course order: pages by the order of the course map's links, then the rest.
const pages = files.filter((f) => f.endsWith('.html'));
const index = fs.existsSync(path.join(dir, 'index.html')) ? fs.readFileSync(path.join(dir, 'index.html'), 'utf8') : '';
const rank = (f) => { const i = index.indexOf(`href="${f}"`); return i < 0 ? Infinity : i; };
const quizzes = [];
for (const f of pages.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
  for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/data-quiz="([^"]+)"/g))
    if (!quizzes.includes(m[1])) quizzes.push(m[1]);
}
fs.writeFileSync(path.join(dir, 'course.js'),
  `// course.js: written by the build. Every check of the course, in order.\nwindow.DownhillCourse = ${JSON.stringify({ quizzes })};\n`);

// The worker caches what pages use: not the binaries-as-scripts (only file:// and sandboxed
// frames use them, and neither has a service worker) nor the whole-API module.
const all = [...new Set([...files, 'course.js'])].sort()
  .filter((f) => !f.endsWith('.wasm.js') && !/^downhill\.(js|wasm)$/.test(f));
const hash = crypto.createHash('sha256');
for (const f of all) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
const sw = fs.readFileSync(path.join(web, 'sw.js'), 'utf8')
  .replace("'__DOWNHILL_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
  .replace('__DOWNHILL_FILES__', JSON.stringify(['./', ...all]));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`[build] course.js (${quizzes.length} checks), sw.js (${all.length + 1} files)`);
