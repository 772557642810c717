// finish_site.js DIR [--base-url URL]: the last step of a build, once every file of the
// bundle is in DIR:
//   course.js  : window.DownhillCourse = { quizzes: [...] }, every check of the course in
//                page order (results.js scores against it)
//   embed.html : its oEmbed link made absolute under --base-url (the same address given to
//                build_site.js, which wrote the oEmbed files: both must agree)
//   sw.js      : the service worker with the bundle's file list and a version hash
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { checkBaseUrl } = require('./lib/oembed');

const fail = (message) => { process.stderr.write(`finish_site: ${message}\n`); process.exit(1); };
const args = process.argv.slice(2);
let dirArg = null, baseUrl = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-url') {
    if (args[i + 1] === undefined) fail('--base-url needs the address the site is published at, like https://example.org/downhill/');
    try { baseUrl = checkBaseUrl(args[++i]); } catch (e) { fail(e.message); }
  } else if (dirArg === null && !args[i].startsWith('--')) dirArg = args[i];
  else fail(`unknown argument "${args[i]}"\nusage: node scripts/finish_site.js DIR [--base-url URL]`);
}
const dir = path.resolve(dirArg || 'build/site');
const web = path.resolve(__dirname, '../web');

// oEmbed: the files build_site.js wrote must use this same base URL (or none); embed.html's
// link to them then gets it too.
const widgetOembed = path.join(dir, 'oembed', 'roll-downhill.json');
if (fs.existsSync(widgetOembed)) {
  const src = (/src="([^"]*)"/.exec(JSON.parse(fs.readFileSync(widgetOembed, 'utf8')).html) || [])[1] || '';
  const built = src.slice(0, src.indexOf('embed.html?'));
  if (built !== (baseUrl || '')) {
    fail(`the oEmbed files in ${dir}/oembed were written ${built ? `for ${built}` : 'without a base URL'}, but this run has ` +
      `${baseUrl ? `--base-url ${baseUrl}` : 'none'}: give build_site.js and finish_site.js the same --base-url`);
  }
}
const embedPage = path.join(dir, 'embed.html');
if (baseUrl && fs.existsSync(embedPage)) {
  const html = fs.readFileSync(embedPage, 'utf8');
  const linked = html.replace(/(<link rel="alternate" type="application\/json\+oembed" href=")(oembed\/)/, (m, a, b) => a + baseUrl + b);
  if (linked === html) fail('embed.html has no relative oEmbed link (<link rel="alternate" type="application/json+oembed" href="oembed/...">) to complete');
  fs.writeFileSync(embedPage, linked);
}
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

// The worker caches what pages use: the engine (downhill.js + downhill.wasm) but not its
// binary as a script (only file:// and sandboxed frames use it, and neither has a service
// worker). Files in folders are left out too: oembed/*.json is read by other sites'
// servers, never by a learner's page, so an offline visit has no use for it.
const all = [...new Set([...files, 'course.js'])].sort().filter((f) => !f.endsWith('.wasm.js'));
const hash = crypto.createHash('sha256');
for (const f of all) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
const sw = fs.readFileSync(path.join(web, 'sw.js'), 'utf8')
  .replace("'__DOWNHILL_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
  .replace('__DOWNHILL_FILES__', JSON.stringify(['./', ...all]));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`[build] course.js (${quizzes.length} checks), sw.js (${all.length + 1} files)`);
