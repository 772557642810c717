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
const { SITE, serve, launch, watch, startWidgets } = require('./harness.js');
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
// A widget starts when it comes near the viewport: the first Step button is scrolled to.
const stepReady = async (p) => {
  await p.getByRole('button', { name: 'Step' }).first().scrollIntoViewIfNeeded();
  await p.getByRole('button', { name: 'Step' }).and(p.locator(':enabled')).first().waitFor();
};
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
    if (html.includes('data-widget=')) await startWidgets(page);
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
  assert.match(manifest, /adlcp:scormtype="sco" href="scorm.html"/);
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

// The SCORM package unpacked next to an LMS page: scorm-again's SCORM 1.2 API in its
// default configuration as window.API (lmsSetup runs before the package starts: it may load
// earlier data), counters of its calls, and the package's launch page in a frame.
async function scormLms(lmsSetup = '') {
  const zip = readZip(fs.readFileSync(path.join(SITE, '..', 'downhill-scorm.zip')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-scorm-'));
  for (const e of zip) { fs.mkdirSync(path.dirname(path.join(dir, 'sco', e.name)), { recursive: true }); fs.writeFileSync(path.join(dir, 'sco', e.name), e.data); }
  fs.copyFileSync(require.resolve('scorm-again/scorm12/min'), path.join(dir, 'scorm12.js'));
  fs.writeFileSync(path.join(dir, 'lms.js'), `window.API = new Scorm12API();
    window.calls = { init: 0, finish: 0, commits: 0 };
    window.API.on('LMSInitialize', () => { window.calls.init++; });
    window.API.on('LMSFinish', () => { window.calls.finish++; });
    window.API.on('LMSCommit', () => { window.calls.commits++; });
    ${lmsSetup}`);
  fs.writeFileSync(path.join(dir, 'lms.html'), `<!doctype html><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
    <script src="scorm12.js"></script><script src="lms.js"></script><iframe name="sco" src="sco/scorm.html" width="1000" height="800"></iframe>`);
  const course = JSON.parse(/window\.DownhillCourse = (.*);/.exec(zip.find((e) => e.name === 'course.js').data.toString())[1]);
  const pageOf = (id) => zip.map((e) => e.name).find((n) => n.endsWith('.html') && zip.find((e) => e.name === n).data.toString().includes(`data-quiz="${id}"`));
  return { zip, dir, course, pageOf, server: await serve(dir) };
}
const cmiOf = (page) => page.evaluate(() => ({ raw: window.API.cmi.core.score.raw, max: window.API.cmi.core.score.max,
  status: window.API.cmi.core.lesson_status, data: window.API.cmi.suspend_data, calls: window.calls }));
async function openCourse(page, lms) {
  await page.goto(`${lms.server.url}/lms.html`);
  await page.waitForFunction(() => window.API.isInitialized());
  const frame = () => page.frames().find((f) => f.name() === 'downhill-course');
  await page.waitForFunction(() => { const f = document.querySelector('iframe').contentDocument; const c = f && f.querySelector('iframe'); return c && c.contentDocument && c.contentDocument.querySelector('.dh-map'); });
  return frame();
}
// The learner leaves the package: the LMS closes its frame.
async function leave(page) {
  await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
  await page.waitForFunction(() => window.API.isTerminated());
}

test('SCORM under a strict LMS (scorm-again defaults): one attempt across three lesson pages is scored, initialised and finished once', { timeout: 300000 }, async () => {
  const lms = await scormLms();
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = watch(page);
  const course = await openCourse(page, lms);
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'incomplete');
  // The checks of the course's first three pages with checks, in course order.
  const files = [];
  for (const id of lms.course.quizzes) { const f = lms.pageOf(id); if (!files.includes(f)) files.push(f); if (files.length > 3) break; }
  const answered = [];
  for (const file of files.slice(0, 3)) {
    await course.goto(`${lms.server.url}/sco/${file}`);
    await course.waitForSelector('.dh-quiz');
    for (const id of lms.course.quizzes.filter((q) => lms.pageOf(q) === file)) {
      const commits = await page.evaluate(() => window.calls.commits);
      await answerRight(course, file, id);
      answered.push(id);
      await page.waitForFunction((n) => window.calls.commits > n, commits);
      assert.equal(await course.locator(`.dh-quiz[data-quiz="${id}"]`).getAttribute('data-state'), 'done', id);
    }
    assert.equal((await cmiOf(page)).raw, String(Math.round((100 * answered.length) / lms.course.quizzes.length)), file);
  }
  assert.ok(answered.length >= 3, answered.join());
  await leave(page);
  const cmi = await cmiOf(page);
  assert.equal(cmi.raw, String(Math.round((100 * answered.length) / lms.course.quizzes.length)));
  assert.equal(cmi.max, '100');
  assert.equal(cmi.status, 'incomplete');
  assert.deepEqual(JSON.parse(cmi.data).sort(), answered.slice().sort());
  assert.equal(cmi.calls.init, 1);
  assert.equal(cmi.calls.finish, 1);
  assert.equal(await page.evaluate(() => window.API.lmsGetLastError()), '0');
  assert.deepEqual(problems, []);
  await page.close();
  await lms.server.close();
});

test('SCORM: checks the LMS holds as answered (cmi.suspend_data) show as done in a fresh browser and count in the score', { timeout: 240000 }, async () => {
  const probe = await scormLms();
  const held = probe.course.quizzes.slice(0, 2);
  await probe.server.close();
  const lms = await scormLms(`window.API.loadFromJSON({ suspend_data: ${JSON.stringify(JSON.stringify(held))} }, 'cmi');`);
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  const course = await openCourse(page, lms);
  for (const id of held) await course.locator(`.dh-map [data-node="quiz:${id}"][data-state="done"]`).waitFor();
  const file = lms.pageOf(held[0]);
  await course.goto(`${lms.server.url}/sco/${file}`);
  for (const id of held.filter((q) => lms.pageOf(q) === file)) assert.equal(await course.locator(`.dh-quiz[data-quiz="${id}"]`).getAttribute('data-state'), 'done', id);
  // The next check is open and its answer adds to the held ones.
  const next = lms.course.quizzes[2];
  const nextFile = lms.pageOf(next);
  if (nextFile !== file) await course.goto(`${lms.server.url}/sco/${nextFile}`);
  assert.equal(await course.locator(`.dh-quiz[data-quiz="${next}"]`).getAttribute('data-state'), 'open');
  const commits = await page.evaluate(() => window.calls.commits);
  await answerRight(course, nextFile, next);
  await page.waitForFunction((n) => window.calls.commits > n, commits);
  await leave(page);
  const cmi = await cmiOf(page);
  assert.equal(cmi.raw, String(Math.round((100 * 3) / lms.course.quizzes.length)));
  assert.deepEqual(JSON.parse(cmi.data), [...held, next]);
  await ctx.close();
  await lms.server.close();
});

test('SCORM: damaged cmi.suspend_data is reported and replaced, and answers are still recorded', { timeout: 240000 }, async () => {
  for (const damaged of ['{"not json', '{"done":["x"]}', '[1,2]']) {
    const lms = await scormLms(`window.API.loadFromJSON({ suspend_data: ${JSON.stringify(damaged)} }, 'cmi');`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const course = await openCourse(page, lms);
    const launch = page.frames().find((f) => f.name() === 'sco');
    assert.match(await launch.locator('.dh-scorm-notice').innerText(), /damaged and could not be read, so it was replaced/, damaged);
    assert.equal(await page.evaluate(() => window.API.cmi.suspend_data), '[]', damaged);
    const first = lms.course.quizzes[0];
    const file = lms.pageOf(first);
    await course.goto(`${lms.server.url}/sco/${file}`);
    const commits = await page.evaluate(() => window.calls.commits);
    await answerRight(course, file, first);
    await page.waitForFunction((n) => window.calls.commits > n, commits);
    const cmi = await cmiOf(page);
    assert.equal(cmi.raw, String(Math.round(100 / lms.course.quizzes.length)), damaged);
    assert.deepEqual(JSON.parse(cmi.data), [first], damaged);
    await page.close();
    await lms.server.close();
  }
  // A lesson page put straight into an LMS frame (no launch page) says so on the page.
  const lms = await scormLms(`window.API.loadFromJSON({ suspend_data: '{"a":1}' }, 'cmi');`);
  const first = lms.course.quizzes[0];
  const file = lms.pageOf(first);
  fs.writeFileSync(path.join(lms.dir, 'lms.html'), `<!doctype html><meta charset="utf-8"><title>LMS</title>
    <script src="scorm12.js"></script><script src="lms.js"></script><iframe src="sco/${file}" width="1000" height="800"></iframe>`);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${lms.server.url}/lms.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.dh-notice').filter({ hasText: /damaged and could not be read, so it was replaced/ }).waitFor();
  const commits = await page.evaluate(() => window.calls.commits);
  await answerRight(frame, file, first);
  await page.waitForFunction((n) => window.calls.commits > n, commits);
  const cmi = await cmiOf(page);
  assert.equal(cmi.raw, String(Math.round(100 / lms.course.quizzes.length)));
  assert.deepEqual(JSON.parse(cmi.data), [first]);
  await page.close();
  await lms.server.close();
});

test('the SCORM zip holds only what the pages load and stays within 2 MB', () => {
  const buf = fs.readFileSync(path.join(SITE, '..', 'downhill-scorm.zip'));
  assert.ok(buf.length <= 2 * 1024 * 1024, `${buf.length} bytes`);
  const names = readZip(buf).map((e) => e.name);
  for (const n of names) assert.doesNotMatch(n, /^(sw\.js|oembed\/|\.downhill-site$)|\.wasm\.js$/, n);
  for (const n of ['scorm.html', 'scorm.js', 'scorm.css', 'index.html', 'downhill.wasm', 'downhill.js', 'results.js', 'site.js']) assert.ok(names.includes(n), n);
});

test('saved progress of other versions: a newer one is kept with a notice, keys the course does not own are left alone', { timeout: 240000 }, async () => {
  const lesson = firstQuizPage();
  const newer = JSON.stringify({ version: 2, done: { 'lesson:future': true } });
  const foreign = { 'downhill-progress-notes': 'my notes', 'downhill-progress': 'x', 'downhill-progressive': '1', 'downhill-progress-v2': newer, 'other-app': 'y' };
  // A newer version's own key next to ours, and keys that only look like the course's.
  let ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  let page = await ctx.newPage();
  await page.goto(`${site.url}/${lesson}`);
  await page.evaluate((keys) => { localStorage.clear(); for (const [k, v] of Object.entries(keys)) localStorage.setItem(k, v); }, foreign);
  await page.reload();
  await page.locator('.dh-notice').filter({ hasText: /newer version of this course/ }).waitFor();
  assert.doesNotMatch(await page.locator('.dh-notices').innerText(), /older version/);
  await answerRight(page, lesson);
  await page.waitForFunction(() => localStorage.getItem('downhill-progress-v1') !== null);
  const kept = await page.evaluate((names) => Object.fromEntries(names.map((k) => [k, localStorage.getItem(k)])), Object.keys(foreign));
  assert.deepEqual(kept, foreign);
  await ctx.close();
  // Our own key holding a newer version's progress: kept as it is, never overwritten.
  ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await ctx.newPage();
  await page.goto(`${site.url}/${lesson}`);
  await page.evaluate((v) => { localStorage.clear(); localStorage.setItem('downhill-progress-v1', v); }, newer);
  await page.reload();
  await page.locator('.dh-notice').filter({ hasText: /newer version of this course/ }).waitFor();
  const id = await answerRight(page, lesson);
  assert.equal(await page.locator(`.dh-quiz[data-quiz="${id}"]`).getAttribute('data-state'), 'done');
  assert.equal(await page.evaluate(() => localStorage.getItem('downhill-progress-v1')), newer);
  await ctx.close();
});

test('links: the whole query is read up to 32,768 characters, longer ones get a message; a repeated optimizer is refused and the race still mounts', { timeout: 240000 }, async () => {
  // A setting after 3,000 characters of other (refused) settings still counts.
  const filler = Array.from({ length: 30 }, (_, i) => `pad${i}=${'x'.repeat(90)}`).join('&');
  let page = await browser.newPage();
  await page.goto(`${site.url}/embed.html?widget=loss-gap&${filler}&prediction=0.4`);
  await page.locator('[role="alert"]').first().waitFor();
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets[0]);
  assert.equal(Number(await page.getByRole('slider', { name: 'Prediction' }).first().inputValue()), 0.4);
  await page.close();
  // Beyond the limit (the page itself is handed over by the browser: the test server, like
  // most, refuses request lines this long).
  page = await browser.newPage();
  await page.route(/\/embed\.html\?/, (route) => route.fulfill({ path: path.join(SITE, 'embed.html'), contentType: 'text/html; charset=utf-8' }));
  await page.goto(`${site.url}/embed.html?widget=loss-gap&prediction=0.4&pad=${'x'.repeat(33000)}`);
  await page.locator('[role="alert"]').first().waitFor();
  assert.match(await page.locator('[role="alert"]').first().textContent(), /This link is too long to read \(33,\d{3} characters; at most 32,768 are read\)/);
  await page.close();
  page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${site.url}/embed.html?widget=optimizer-race&optimizers=gd,gd`);
  await page.locator('[role="alert"]').first().waitFor();
  assert.match(await page.locator('[role="alert"]').first().textContent(), /“optimizers” names “gd” more than once\. Using gd,momentum,adam\./);
  await page.waitForFunction(() => window.Downhill && window.Downhill.widgets[0], null, { timeout: 60000 });
  assert.equal(await page.getByText('Loading the simulator').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
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
