// package_scorm.js: turns the built course (build/site) into a SCORM 1.2 package an LMS
// imports: build/downhill-scorm.zip with imsmanifest.xml at its root and the course as one
// SCO launched at scorm.html. That page initialises the LMS's API once per attempt, shows
// the course in a frame and finishes once when the learner leaves; results.js (in every
// page) reports through it the score (0-100, the share of the course's checks answered
// right), completion and the checks answered (cmi.suspend_data), committing after every
// answer.
// Usage: node scripts/package_scorm.js [--site build/site] [--out build/downhill-scorm.zip]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { makeZip } = require('./zip.js');

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const ROOT = path.resolve(__dirname, '..');
const site = path.resolve(arg('--site', path.join(ROOT, 'build/site')));
const out = path.resolve(arg('--out', path.join(ROOT, 'build/downhill-scorm.zip')));
const xml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function walk(dir, base = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = base ? base + '/' + d.name : d.name;
    return d.isDirectory() ? walk(path.join(dir, d.name), rel) : [rel];
  });
}

if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`package_scorm: ${site}/index.html not found; build the course first (scripts/build.sh)`);
  process.exit(1);
}
// Only what the pages load: no service worker (the LMS serves the files), no oEmbed
// responses (other sites' servers read those, never a page), no wasm-as-script copy (only
// pages opened from disk or without an origin load it, and an LMS serves its packages
// from its own origin) and no build marker.
const unused = (f) => f === 'sw.js' || f.startsWith('oembed/') || f.endsWith('.wasm.js') || f === '.downhill-site';
if (!fs.existsSync(path.join(site, 'scorm.html'))) {
  console.error(`package_scorm: ${site}/scorm.html (the launch page) not found; build the course first (scripts/build.sh)`);
  process.exit(1);
}
const files = walk(site).filter((f) => !unused(f)).sort();
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="downhill-course" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="downhill-org">
    <organization identifier="downhill-org">
      <title>Downhill: how neural networks learn</title>
      <item identifier="downhill-item" identifierref="downhill-sco" isvisible="true">
        <title>Downhill: loss functions and gradient descent</title>
        <adlcp:masteryscore>100</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="downhill-sco" type="webcontent" adlcp:scormtype="sco" href="scorm.html">
${files.map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
const entries = [{ name: 'imsmanifest.xml', data: Buffer.from(manifest, 'utf8') },
  ...files.map((f) => ({ name: f, data: fs.readFileSync(path.join(site, f)) }))];
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, makeZip(entries));
console.log(`package_scorm: ${path.relative(ROOT, out)} (${files.length} files, ${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
