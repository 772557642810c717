// platform.test.js: the course where teachers and offline learners use it: offline after a
// first visit, opened from disk, inside a sandboxed iframe without storage, the SCORM
// package reporting to scorm-again acting as the LMS, xAPI-shaped results, the strict CSP
// on every page with no violation, and hostile URL values.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SITE, serve, launch, watch } = require('./harness.js');
const { readZip } = require('../../scripts/zip.js');

let site, browser;
test.before(async () => { site = await serve(); browser = await launch(); });
test.after(async () => { await browser.close(); await site.close(); });

const pages = () => fs.readdirSync(SITE).filter((f) => f.endsWith('.html')).sort();
const firstPageWith = (widget) => pages().find((f) => fs.readFileSync(path.join(SITE, f), 'utf8').includes(`data-widget="${widget}"`));
// The page of the course's first check (open from the start: nothing comes before it).
function firstQuizPage() {
  const first = JSON.parse(/window\.DownhillCourse = (.*);/.exec(fs.readFileSync(path.join(SITE, 'course.js'), 'utf8'))[1]).quizzes[0];
  return pages().find((f) => fs.readFileSync(path.join(SITE, f), 'utf8').includes(`data-quiz="${first}"`));
}
const stepReady = (p) => p.getByRole('button', { name: 'Step' }).and(p.locator(':enabled')).first().waitFor();
// The right answer of a check, read from the built page (the live page keeps it hidden):
// { numeric: '0.23' } or { choices: ['1'] } (values of the right inputs).
function rightAnswer(file, id) {
  const html = fs.readFileSync(path.join(SITE, file), 'utf8');
  const start = html.indexOf(`data-quiz="${id}"`);
  const section = html.slice(start, html.indexOf('</section>', start));
  const numeric = /data-answer="([^"]+)"/.exec(section);
  if (numeric) return { numeric: numeric[1] };
  return { choices: [...section.matchAll(/<input[^>]*value="(\d+)"[^>]*data-correct="true"/g)].map((m) => m[1]) };
}
// Answers a check (by default the first on the page) right; returns its id.
async function answerRight(page, file, id) {
  const quiz = id ? page.locator(`.dh-quiz[data-quiz="${id}"]`) : page.locator('.dh-quiz').first();
  id = id || await quiz.getAttribute('data-quiz');
  const right = rightAnswer(file, id);
  if (right.numeric) await quiz.locator('input[type="text"]').fill(right.numeric);
  else for (const v of right.choices) await quiz.locator(`label[for="${await quiz.locator(`input[value="${v}"]`).getAttribute('id')}"]`).click();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  return id;
}

test('every page: strict CSP with no violation, no inline script or style, no console error', { timeout: 240000 }, async () => {
  for (const f of pages()) {
    const html = fs.readFileSync(path.join(SITE, f), 'utf8');
    assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/, f);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, `${f}: inline script`);
    assert.doesNotMatch(html, /<style|\sstyle="|\son[a-z]+="/i, `${f}: inline style or handler`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems = watch(page);
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${site.url}/${f}`);
    await page.waitForLoadState('load');
    if (html.includes('data-widget=')) await page.waitForFunction(() => window.Downhill && window.Downhill.ready, null, { timeout: 30000 }).then(() => page.evaluate(() => window.Downhill.ready.then(() => true)));
    assert.deepEqual(await page.evaluate(() => window.__csp), [], f);
    assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), [], f);
    await page.close();
  }
});

test('after a first visit, the course works with the network cut (service worker)', { timeout: 240000 }, async () => {
  const lesson = firstPageWith('roll-downhill');
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${site.url}/${lesson}`);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || true);
  // The cache is complete once the worker is active.
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith('downhill-')));
  await ctx.setOffline(true);
  await page.reload();
  await stepReady(page);
  await page.getByRole('button', { name: 'Step' }).first().click();
  assert.equal((await page.getByLabel('Step', { exact: true }).first().textContent()).trim(), '1');
  await page.goto(`${site.url}/index.html`);
  assert.ok(await page.locator('.dh-map').count() > 0, 'the course map works offline');
  await page.goto(`${site.url}/embed.html?widget=loss-gap&prediction=0.4`);
  await page.getByRole('slider', { name: 'Prediction' }).waitFor();
  await page.waitForFunction(() => window.Downhill.widgets[0]);
  await ctx.close();
});

test('opened from disk (file://) a lesson page and its widget work', { timeout: 240000 }, async () => {
  const lesson = firstPageWith('roll-downhill');
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto('file://' + path.join(SITE, lesson));
  await stepReady(page);
  await page.getByRole('button', { name: 'Step' }).first().click();
  assert.equal((await page.getByLabel('Step', { exact: true }).first().textContent()).trim(), '1');
  assert.deepEqual(problems.filter((p) => !/favicon/.test(p)), []);
  await page.close();
});

test('inside a sandboxed iframe (scripts only, no storage): progress kept in memory, with a notice', { timeout: 240000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-sandbox-'));
  const lesson = firstQuizPage();
  fs.writeFileSync(path.join(dir, 'host.html'),
    `<!doctype html><meta charset="utf-8"><title>host</title><iframe src="${site.url}/${lesson}" sandbox="allow-scripts" width="1000" height="800"></iframe>`);
  const host = await serve(dir);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${host.url}/host.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.dh-notice').first().waitFor();
  assert.match(await frame.locator('.dh-notices').innerText(), /not letting the course save anything|only while this page is open/);
  await answerRight(frame, lesson);
  const quiz = frame.locator('.dh-quiz').first();
  await page.waitForTimeout(500);
  const out = await quiz.evaluate((q) => ({ state: q.getAttribute('data-state'), feedback: q.querySelector('.dh-feedback').textContent }));
  assert.equal(out.state, 'done', JSON.stringify(out));
  assert.match(out.feedback, /./);
  await page.close();
  await host.close();
});

test('the SCORM 1.2 package reports score and completion to an LMS (scorm-again)', { timeout: 240000 }, async () => {
  const zip = readZip(fs.readFileSync(path.join(SITE, '..', 'downhill-scorm.zip')));
  const names = zip.map((e) => e.name);
  const manifest = zip.find((e) => e.name === 'imsmanifest.xml').data.toString();
  assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
  assert.match(manifest, /adlcp:scormtype="sco" href="index.html"/);
  for (const n of names.filter((x) => x !== 'imsmanifest.xml')) assert.ok(manifest.includes(`<file href="${n}"/>`), 'not listed: ' + n);
  // Unpack next to an LMS page: scorm-again's SCORM 1.2 API as window.API, the course in a frame.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-scorm-'));
  for (const e of zip) { fs.mkdirSync(path.dirname(path.join(dir, 'sco', e.name)), { recursive: true }); fs.writeFileSync(path.join(dir, 'sco', e.name), e.data); }
  fs.copyFileSync(require.resolve('scorm-again/scorm12/min'), path.join(dir, 'scorm12.js'));
  fs.writeFileSync(path.join(dir, 'lms.js'), `window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
    window.commits = 0; window.API.on('LMSCommit', () => { window.commits++; });`);
  const course = JSON.parse(/window\.DownhillCourse = (.*);/.exec(zip.find((e) => e.name === 'course.js').data.toString())[1]);
  const lesson = names.find((n) => n.endsWith('.html') && zip.find((e) => e.name === n).data.toString().includes(`data-quiz="${course.quizzes[0]}"`));
  fs.writeFileSync(path.join(dir, 'lms.html'), `<!doctype html><meta charset="utf-8"><title>LMS</title>
    <script src="scorm12.js"></script><script src="lms.js"></script><iframe src="sco/${lesson}" width="1000" height="800"></iframe>`);
  const lms = await serve(dir);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${lms.url}/lms.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.dh-quiz').first().waitFor();
  await page.waitForFunction(() => window.API.isInitialized());
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'incomplete');
  const commitsBefore = await page.evaluate(() => window.commits);
  await answerRight(frame, lesson, course.quizzes[0]);
  await page.waitForFunction((n) => window.commits > n, commitsBefore);
  const cmi = await page.evaluate(() => ({ raw: window.API.cmi.core.score.raw, max: window.API.cmi.core.score.max, status: window.API.cmi.core.lesson_status, data: window.API.cmi.suspend_data }));
  assert.equal(cmi.raw, String(Math.round(100 / course.quizzes.length)));
  assert.equal(cmi.max, '100');
  assert.equal(cmi.status, 'incomplete');
  assert.deepEqual(JSON.parse(cmi.data), [course.quizzes[0]]);
  await page.close();
  await lms.close();
});

test('each answer emits an xAPI-shaped statement as a DOM event and a message to the parent', { timeout: 240000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-xapi-'));
  const lesson = firstQuizPage();
  fs.writeFileSync(path.join(dir, 'parent.js'), `window.got = []; window.addEventListener('message', (e) => { if (e.data && e.data.type === 'downhill:xapi') window.got.push(e.data.statement); });`);
  fs.writeFileSync(path.join(dir, 'parent.html'), `<!doctype html><meta charset="utf-8"><title>p</title><script src="parent.js"></script><iframe src="${site.url}/${lesson}" width="1000" height="800"></iframe>`);
  const host = await serve(dir);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${host.url}/parent.html`);
  const frame = page.frames().find((f) => f !== page.mainFrame()) || (await page.waitForEvent('frameattached'));
  await frame.waitForSelector('.dh-quiz');
  await frame.evaluate(() => { window.events = []; document.addEventListener('downhill:xapi', (e) => window.events.push(e.detail.statement)); });
  const id = await answerRight(frame, lesson);
  await page.waitForFunction(() => window.got.length > 0);
  const s = (await page.evaluate(() => window.got))[0];
  assert.equal(s.verb.id, 'http://adlnet.gov/expapi/verbs/answered');
  assert.ok(s.object.id.endsWith('#' + encodeURIComponent(id)), s.object.id);
  assert.equal(s.result.success, true);
  assert.equal(s.result.score.scaled, 1);
  assert.equal((await frame.evaluate(() => window.events.length)), 1);
  await page.close();
  await host.close();
});

test('hostile URL values: nothing runs, nothing breaks, the message shows', { timeout: 240000 }, async () => {
  const long = 'x'.repeat(5000);
  const cases = [
    ['widget=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', /There is no widget called/],
    ['widget=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E', /There is no widget called/],
    ['widget=roll-downhill&start=NaN&lr=1e308', /“start” must be a number.*“lr” must lie between/],
    ['widget=roll-downhill&start=-1e308&lr=-5&map=%3Cb%3E', /“start” must lie between.*“lr” must lie between.*“map” must be one of/],
    [`widget=roll-downhill&start=${long}`, /“start” is too long/],
    [`widget=roll-downhill&hide=${long}&${long}=1`, /too long/],
    ['widget=loss-gap&truth=Infinity&prediction=-0.5', /“truth” must be a finite number|“truth” must be a number/],
    ['widget=' + long, /There is no widget called/],
  ];
  for (const [query, expect] of cases) {
    const page = await browser.newPage();
    let dialog = false;
    page.on('dialog', (d) => { dialog = true; d.dismiss(); });
    const problems = watch(page);
    await page.goto(`${site.url}/embed.html?${query}`);
    await page.locator('[role="alert"]').first().waitFor();
    const text = await page.locator('[role="alert"]').first().textContent();
    assert.match(text, expect, query.slice(0, 80));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.dh-widget img, .dh-widget b').count(), 0);
    assert.equal(dialog, false);
    assert.deepEqual(problems, [], query.slice(0, 80));
    if (/roll-downhill/.test(query)) {
      await stepReady(page);
      await page.getByRole('button', { name: 'Step' }).click();
      assert.equal((await page.getByLabel('Step', { exact: true }).textContent()).trim(), '1');
    }
    await page.close();
  }
});
