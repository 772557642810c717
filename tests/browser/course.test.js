// course.test.js: a learner's walk through the whole course, first lesson to last, in one
// browser profile: the map at the start, every lesson reached through its "Next" link,
// every check answered wrong and then right (the next node unlocks only after the right
// answer), progress kept across a reload, and at the end the map all done. Every page,
// course pages included, is checked at phone (360 px) and desktop (1280 px) widths:
// canvases drawn (not blank, not black: a plot waiting for its first run still has axes), no sideways scrolling, every control reached by
// Tab, and no axe-core violation (WCAG 2.0/2.1 A and AA). Screenshots go to build/shots/course.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SITE, serve, launch, watch, canvasInk, axeViolations, startWidgets } = require('./harness.js');

const SHOTS = path.resolve(__dirname, '../../build/shots/course');
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 900 } };

let site, browser;
test.before(async () => {
  site = await serve();
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
test.after(async () => { await browser.close(); await site.close(); });

// ---- Reading the built pages (the live page hides which answer is right) ------------
const html = (file) => fs.readFileSync(path.join(SITE, file), 'utf8');
const quizIds = (file) => [...html(file).matchAll(/<section class="dh-quiz"[^>]*data-quiz="([^"]+)"/g)].map((m) => m[1]);
// { numeric, tolerance } or { kind: 'radio' | 'checkbox', right: [values], wrong: [values] }.
function answerKey(file, id) {
  const text = html(file);
  const start = text.indexOf(`data-quiz="${id}"`);
  const section = text.slice(start, text.indexOf('</section>', start));
  const numeric = /data-answer="([^"]+)"/.exec(section);
  if (numeric) return { numeric: Number(numeric[1]), tolerance: Number((/data-tolerance="([^"]+)"/.exec(section) || [0, 0])[1]) };
  const inputs = [...section.matchAll(/<input type="(radio|checkbox)"[^>]*value="(\d+)"([^>]*)>/g)];
  return { kind: inputs[0][1], right: inputs.filter((m) => /data-correct="true"/.test(m[3])).map((m) => m[2]),
    wrong: inputs.filter((m) => !/data-correct="true"/.test(m[3])).map((m) => m[2]) };
}

// ---- Acting as the learner ----------------------------------------------------------
async function tick(quiz, value) {
  const id = await quiz.locator(`input[value="${value}"]`).getAttribute('id');
  await quiz.locator(`label[for="${id}"]`).click();
}
async function answer(page, file, id, right) {
  const quiz = page.locator(`.dh-quiz[data-quiz="${id}"]`);
  const key = answerKey(file, id);
  if ('numeric' in key) {
    // A wrong number: well outside the tolerance, on the far side of the answer.
    const value = right ? String(key.numeric) : String(key.numeric + 10 * Math.max(1, Math.abs(key.numeric)) + 1);
    await quiz.locator('input[type="text"]').fill(value);
  } else {
    // Clear earlier ticks (checkboxes), then tick the right set or one wrong choice.
    for (const box of await quiz.locator('input[type="checkbox"]:checked').all()) await tick(quiz, await box.getAttribute('value'));
    for (const v of right ? key.right : key.wrong.slice(0, 1)) await tick(quiz, v);
  }
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await quiz.locator(`.dh-feedback[data-result="${right ? 'right' : 'wrong'}"]`).waitFor({ timeout: 5000 });
  return quiz;
}
const stateOf = (page, node) => page.locator(`[data-node="${node}"]`).first().getAttribute('data-state');


// Presses Tab until focus has gone round the page; returns the visible, enabled controls
// it never reached (a radio group counts once, as Tab enters it only once).
async function unreachedByTab(page) {
  const total = await page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
    const all = [...document.querySelectorAll(sel)].filter((e) => !e.matches(':disabled') && e.getClientRects().length > 0 &&
      getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden], [inert]') &&
      !(e.closest('details:not([open])') && !e.closest('summary'))); // folded away: reached once opened
    all.forEach((e, i) => { e.dataset.tabProbe = String(i); });
    window.tabSeen = new Set();
    window.tabKey = (e) => (e.type === 'radio' && e.name ? 'radio:' + e.name : 'probe:' + e.dataset.tabProbe);
    window.tabWanted = [...new Set(all.map((e) => window.tabKey(e)))];
    document.addEventListener('focusin', (ev) => { if (ev.target.dataset && ev.target.dataset.tabProbe) window.tabSeen.add(window.tabKey(ev.target)); });
    document.activeElement && document.activeElement.blur();
    return window.tabWanted.length;
  });
  for (let i = 0; i < total + 15; i++) await page.keyboard.press('Tab');
  return page.evaluate(() => window.tabWanted.filter((k) => !window.tabSeen.has(k)).map((k) => {
    const e = k.startsWith('radio:') ? document.querySelector(`input[name="${k.slice(6)}"]`) : document.querySelector(`[data-tab-probe="${k.slice(6)}"]`);
    return `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || e.name || '').trim().slice(0, 40)}"`;
  }));
}

// Loads `file` at each size in a fresh page of `context` and checks it; returns the problems.
async function inspect(context, file) {
  const problems = [];
  for (const [size, viewport] of Object.entries(SIZES)) {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const errors = watch(page);
    await page.goto(`${site.url}/${file}`);
    await page.waitForLoadState('load');
    if (html(file).includes('data-widget=')) await startWidgets(page);
    const canvases = page.locator('.dh-widget canvas');
    for (let i = 0; i < await canvases.count(); i++) {
      const c = canvases.nth(i);
      if (!(await c.isVisible())) continue;
      await c.scrollIntoViewIfNeeded();
      await page.waitForTimeout(150);
      const ink = await canvasInk(page, c);
      if (!(ink.ink > 0.004 && ink.black < 0.5 && ink.colours >= 3)) problems.push(`${size} ${file}: canvas ${i} looks empty ${JSON.stringify(ink)}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${size} ${file}: the page scrolls sideways by ${overflow} px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `${file.replace('.html', '')}-${size}.png`), fullPage: true });
    for (const v of await axeViolations(page, { wcagOnly: true })) problems.push(`${size} ${file}: axe ${v}`);
    if (size === 'desktop') {
      // The dark theme has colours of its own: contrast is checked again.
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(SHOTS, `${file.replace('.html', '')}-desktop-dark.png`) });
      for (const v of await axeViolations(page, { wcagOnly: true })) problems.push(`dark ${file}: axe ${v}`);
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    }
    if (size === 'desktop') for (const u of await unreachedByTab(page)) problems.push(`${file}: Tab never reaches ${u}`);
    for (const e of errors.filter((p) => !/favicon/.test(p))) problems.push(`${size} ${file}: ${e}`);
    await page.close();
  }
  return problems;
}

// ---- The walk --------------------------------------------------------------------------
test('a learner walks the course from the first lesson to the last', { timeout: 900000 }, async () => {
  const context = await browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(`${site.url}/index.html`);

  // At the start: the first lesson is open, everything after it locked, nothing done.
  const lessons = await page.locator('.dh-map-lesson').evaluateAll((items) => items.map((li) => ({
    node: li.getAttribute('data-node'), href: li.querySelector('.dh-map-link').getAttribute('href') })));
  assert.equal(lessons.length, 9, 'nine lessons on the map');
  const mapStates = await page.locator('.dh-map [data-node]').evaluateAll((n) => n.map((e) => e.getAttribute('data-state')));
  assert.equal(mapStates[0], 'open');
  assert.deepEqual([...new Set(mapStates.slice(1))], ['locked']);
  assert.equal(await page.locator('[data-progress-done]').textContent(), '0');
  const totalNodes = mapStates.length;

  // A lesson ahead of the learner can be read and its checks answered: the order is advice.
  const ahead = lessons[2].href;
  await page.goto(`${site.url}/${ahead}`);
  const firstAhead = page.locator('.dh-quiz').first();
  assert.equal(await firstAhead.getAttribute('data-state'), 'locked');
  assert.equal(await firstAhead.locator('button[type="submit"]').isDisabled(), false);
  assert.match(await page.locator('.dh-lock-banner').innerText(), /ahead of the course’s order\. The course suggests the check .* in Lesson 2 first/);

  // From the map to lesson 1, then lesson to lesson by the "Next" link.
  await page.goto(`${site.url}/index.html`);
  await page.locator('.dh-map-link').first().click();
  let checks = 0;
  for (let n = 0; n < lessons.length; n++) {
    const file = lessons[n].href;
    assert.equal(new URL(page.url()).pathname, '/' + file, `lesson ${n + 1} reached by the learner's path`);
    await page.waitForLoadState('load');
    assert.equal(await stateOf(page, lessons[n].node), 'done', `${file}: opening an open lesson marks it done`);
    const ids = quizIds(file);
    assert.ok(ids.length >= 2, `${file} has its checks`);
    for (let q = 0; q < ids.length; q++) {
      const quiz = page.locator(`.dh-quiz[data-quiz="${ids[q]}"]`);
      assert.equal(await quiz.getAttribute('data-state'), 'open', `${ids[q]} open once the step before it is done`);
      if (q + 1 < ids.length) assert.equal(await stateOf(page, `quiz:${ids[q + 1]}`), 'locked');
      await answer(page, file, ids[q], false);
      assert.match(await quiz.locator('.dh-feedback').innerText(), /Not quite/);
      assert.equal(await quiz.getAttribute('data-state'), 'open', `${ids[q]}: a wrong answer does not pass`);
      if (q + 1 < ids.length) assert.equal(await stateOf(page, `quiz:${ids[q + 1]}`), 'locked', 'still locked after a wrong answer');
      await answer(page, file, ids[q], true);
      const feedback = await quiz.locator('.dh-feedback').innerText();
      assert.match(feedback, /Correct!/);
      assert.equal(await quiz.getAttribute('data-state'), 'done');
      if (q + 1 < ids.length) {
        assert.equal(await stateOf(page, `quiz:${ids[q + 1]}`), 'open', `${ids[q + 1]} unlocked by the right answer`);
        assert.match(feedback, /Next up/);
      }
      checks++;
    }
    if (n === 0) {
      // Progress survives a reload.
      await page.reload();
      await page.waitForLoadState('load');
      for (const id of ids) assert.equal(await page.locator(`.dh-quiz[data-quiz="${id}"]`).getAttribute('data-state'), 'done', `${id} kept after reload`);
    }
    if (n + 1 < lessons.length) {
      await page.locator('.dh-pager-next').click();
      await page.waitForURL(`**/${lessons[n + 1].href}`);
    } else {
      assert.match(await page.locator(`.dh-quiz[data-quiz="${ids[ids.length - 1]}"] .dh-feedback`).innerText(), /last check of the course/);
      assert.match(await page.locator('.dh-pager-next').innerText(), /Course map/, 'the last lesson leads back to the map');
      await page.locator('.dh-pager-next').click();
      await page.waitForURL('**/index.html');
    }
  }
  assert.equal(checks, JSON.parse(/window\.DownhillCourse = (.*);/.exec(html('course.js'))[1]).quizzes.length, 'every check of the course answered');

  // Back on the map: every node done.
  const endStates = await page.locator('.dh-map [data-node]').evaluateAll((n) => n.map((e) => e.getAttribute('data-state')));
  assert.deepEqual([...new Set(endStates)], ['done']);
  assert.equal(await page.locator('[data-progress-done]').textContent(), String(totalNodes));
  assert.deepEqual(errors.filter((p) => !/favicon/.test(p)), []);
  await context.close();
});

// ---- Arriving by a link --------------------------------------------------------------
test('a lesson opened by a link: its checks answer, no note points at the lesson itself; tick-all feedback keeps the key', { timeout: 120000 }, async () => {
  const context = await browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  const errors = watch(page);
  // Lesson 4 straight from a teacher's link, nothing saved.
  await page.goto(`${site.url}/gradient-descent.html`);
  const quizzes = page.locator('.dh-quiz');
  assert.ok(await quizzes.count() >= 2);
  for (const q of await quizzes.all()) {
    assert.equal(await q.locator('fieldset').isDisabled(), false);
    assert.equal(await q.locator('button[type="submit"]').isDisabled(), false);
  }
  const visible = await page.locator('main').innerText();
  assert.doesNotMatch(visible, /opens when|Locked/);
  assert.doesNotMatch(await page.locator('.dh-lock-banner').innerText(), /Lesson 4/, 'the note names the step before, not this lesson');
  const first = quizIds('gradient-descent.html')[0];
  const quiz = await answer(page, 'gradient-descent.html', first, true);
  assert.match(await quiz.locator('.dh-feedback').innerText(), /Correct!/);
  assert.equal(await quiz.getAttribute('data-state'), 'done');
  await page.reload();
  assert.equal(await page.locator(`.dh-quiz[data-quiz="${first}"]`).getAttribute('data-state'), 'done', 'kept as done');
  assert.equal(await page.locator(`.dh-badge[data-for="quiz:${quizIds('gradient-descent.html')[1]}"]`).textContent(), 'Open', 'the next check follows');
  assert.equal(await page.locator(`.dh-badge[data-for="quiz:${quizIds('gradient-descent.html')[2]}"]`).textContent(), 'Ahead');

  // Tick all that apply: three true statements, one false. One true and the false ticked.
  const file = 'loss-landscape.html', id = 'high-dimensional-landscapes';
  await page.goto(`${site.url}/${file}`);
  const multi = page.locator(`.dh-quiz[data-quiz="${id}"]`);
  const key = answerKey(file, id);
  assert.deepEqual([key.right.length, key.wrong.length], [3, 1]);
  const labelOf = async (v) => (await multi.locator(`label[for="${await multi.locator(`input[value="${v}"]`).getAttribute('id')}"]`).innerText()).trim();
  const whyOf = async (v) => (await multi.locator(`.dh-whys [data-why="${v}"]`).textContent()).trim();
  await tick(multi, key.right[0]);
  await tick(multi, key.wrong[0]);
  const submit = multi.getByRole('button', { name: 'Check answer' });
  await submit.click();
  const feedback = multi.locator('.dh-feedback');
  let text = await feedback.innerText();
  assert.match(text, /Not quite/);
  assert.match(text, /1 of your 2 ticks is right; 2 true statements are not ticked\./);
  assert.ok(text.includes(await labelOf(key.right[0])) && text.includes(await labelOf(key.wrong[0])), 'each tick judged');
  for (const v of key.right.slice(1)) {
    assert.ok(!text.includes(await labelOf(v)), 'an unticked true statement is not named: ' + text);
    assert.ok(!text.includes(await whyOf(v)), 'nor explained');
  }
  assert.doesNotMatch(text, /Wrong/);
  // The worked answer, with the whole key, on the third wrong try.
  await submit.click();
  assert.ok(!(await feedback.innerText()).includes(await labelOf(key.right[1])));
  await submit.click();
  text = await feedback.innerText();
  assert.match(text, /Here is the worked answer/);
  for (const v of key.right) assert.ok(text.includes(`✓ True: ${await labelOf(v)}`), text);
  assert.ok(text.includes(`✗ Not true: ${await labelOf(key.wrong[0])} (you ticked it)`), text);
  assert.ok(text.includes(`${await labelOf(key.right[1])} (you left it unticked)`), text);
  await tick(multi, key.wrong[0]); // untick the false one, tick the other true ones
  for (const v of key.right.slice(1)) await tick(multi, v);
  await submit.click();
  await multi.locator('.dh-feedback[data-result="right"]').waitFor({ timeout: 5000 });
  assert.match(await feedback.innerText(), /Correct!/);
  assert.deepEqual(errors.filter((p) => !/favicon/.test(p)), []);
  await context.close();
});

// ---- Keyboard alone, touch alone ---------------------------------------------------
// Presses Tab until the focused element matches `selector` (at most `limit` times).
async function tabTo(page, selector, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector)) return;
  }
  throw new Error('Tab never reached ' + selector);
}
// Answers check `id` right with the keyboard only: Tab into it, Space / arrows / typing, Enter.
async function answerByKeyboard(page, file, id) {
  const key = answerKey(file, id);
  const inQuiz = `.dh-quiz[data-quiz="${id}"] input`;
  await tabTo(page, inQuiz);
  const focused = () => page.evaluate(() => ({ value: document.activeElement.value, type: document.activeElement.type }));
  if ('numeric' in key) {
    await page.keyboard.type(String(key.numeric));
    await page.keyboard.press('Enter');
  } else if (key.kind === 'radio') {
    await page.keyboard.press('Space');
    for (let i = 0; i < 8 && (await focused()).value !== key.right[0]; i++) await page.keyboard.press('ArrowDown');
    await tabTo(page, `.dh-quiz[data-quiz="${id}"] button[type="submit"]`, 3);
    await page.keyboard.press('Enter');
  } else {
    for (let i = 0; i < 12; i++) {
      const f = await focused();
      if (f.type !== 'checkbox') break;
      if (key.right.includes(f.value)) await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Check answer');
    await page.keyboard.press('Enter');
  }
  await page.locator(`.dh-quiz[data-quiz="${id}"] .dh-feedback[data-result="right"]`).waitFor({ timeout: 5000 });
}

test('keyboard alone: the first three lessons, checks and moving on, without a mouse', { timeout: 300000 }, async () => {
  const context = await browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  await page.goto(`${site.url}/index.html`);
  await tabTo(page, '.dh-map-link');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/what-is-loss.html');
  const kinds = new Set();
  for (let n = 0; n < 3; n++) {
    const file = path.basename(new URL(page.url()).pathname);
    for (const id of quizIds(file)) {
      const key = answerKey(file, id);
      kinds.add('numeric' in key ? 'numeric' : key.kind);
      await answerByKeyboard(page, file, id);
      assert.equal(await page.locator(`.dh-quiz[data-quiz="${id}"]`).getAttribute('data-state'), 'done');
    }
    await tabTo(page, '.dh-pager-next');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.endsWith('/' + file));
  }
  assert.deepEqual([...kinds].sort(), ['checkbox', 'numeric', 'radio'], 'every kind of check answered by keyboard');
  assert.match(page.url(), /gradient-descent\.html$/);
  await context.close();
});

test('touch alone on a phone: answering by tapping, and tapping the curve sets the ball', { timeout: 300000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/what-is-loss.html`);
  for (const id of quizIds('what-is-loss.html')) {
    const quiz = page.locator(`.dh-quiz[data-quiz="${id}"]`);
    const key = answerKey('what-is-loss.html', id);
    if ('numeric' in key) {
      await quiz.locator('input[type="text"]').tap();
      await page.keyboard.type(String(key.numeric));
    } else {
      for (const v of key.right) await quiz.locator(`label[for="${await quiz.locator(`input[value="${v}"]`).getAttribute('id')}"]`).tap();
    }
    await quiz.getByRole('button', { name: 'Check answer' }).tap();
    await quiz.locator('.dh-feedback[data-result="right"]').waitFor({ timeout: 5000 });
  }
  // Roll Downhill: a tap in the middle of the curve puts the ball at x = 0.
  await page.goto(`${site.url}/gradient-descent.html`);
  await startWidgets(page);
  const canvas = page.locator('.dh-widget[data-widget="roll-downhill"] canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.Downhill.widgets[0].module.frameCount() > 3);
  const box = await canvas.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height * 0.25);
  await page.waitForFunction(() => Math.abs(window.Downhill.widgets[0].state().start) < 0.3, null, { timeout: 5000 });
  const start = Number(await page.getByLabel('Start position').first().inputValue());
  assert.ok(Math.abs(start) < 0.3, 'start after the tap: ' + start);
  await context.close();
});

// Every page in the bundle, at both sizes (split in groups so each stays within its time).
const coursePages = fs.readdirSync(SITE).filter((f) => f.endsWith('.html') && f !== 'embed.html').sort();
for (let g = 0; g < coursePages.length; g += 3) {
  const group = coursePages.slice(g, g + 3);
  test(`pages at phone and desktop widths: ${group.join(', ')}`, { timeout: 600000 }, async () => {
    const context = await browser.newContext();
    const problems = [];
    for (const file of group) problems.push(...await inspect(context, file));
    await context.close();
    assert.deepEqual(problems, []);
  });
}
