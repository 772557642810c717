// site.js: what every course page does in the browser, after the widgets (if any).
//
// Index
//   [SECTION] Notices: short messages at the top of the page (role="status")
//   [SECTION] Storage: localStorage, or memory when the browser refuses it
//   [SECTION] Progress: which nodes are done; locked / open / done for each node
//   [SECTION] Quizzes: checking an answer, feedback, the 'downhill:quiz' event
//   [SECTION] Course map: progress count and "Reset progress"
//   [SECTION] Theme: light / dark toggle, remembered
//   [SECTION] Start
//
// The course is a chain of nodes (each lesson, then its checks). The build writes, on
// every node element, data-node="lesson:SLUG" or "quiz:ID" and data-after="<the node
// before it>" (empty for the first). A node is done when its id is saved as done, open
// when the node before it is done, locked otherwise: "locked" is only the course map's
// advice on the order ("Ahead"), never a barrier. A learner who arrives by a link reads
// the lesson and answers its checks like anyone else. A lesson becomes done when it is
// opened while open; a check becomes done when answered right, wherever it stands.
//
// Each answered check fires, on document:
//   new CustomEvent('downhill:quiz', { detail: { id, correct, score: { raw, max, scaled } } })
(function () {
  'use strict';

  const PROGRESS_VERSION = 1;
  const PROGRESS_KEY = `downhill-progress-v${PROGRESS_VERSION}`;
  // The course owns exactly the keys 'downhill-progress-vN' (N a whole number) and
  // 'downhill-theme'; it never touches any other key. Keys of older versions are removed;
  // progress saved by a newer version of the course is kept as it is.
  const VERSIONED_KEY = /^downhill-progress-v(0|[1-9][0-9]{0,5})$/;
  const THEME_KEY = 'downhill-theme';

  // ---------------------------------------------------------------------------------
  // [SECTION] Notices
  // ---------------------------------------------------------------------------------
  const pendingNotices = [];
  function notice(text) {
    const box = document.querySelector('.dh-notices');
    if (!box) { pendingNotices.push(text); return; }
    if ([...box.children].some((p) => p.textContent === text)) return;
    const p = document.createElement('p');
    p.className = 'dh-notice';
    p.textContent = text;
    box.append(p);
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Storage
  // ---------------------------------------------------------------------------------
  // Returns window.localStorage if it works, else null (sandboxed iframes, privacy modes
  // and full disks throw on access or on write).
  function probeStorage() {
    try {
      const s = window.localStorage;
      const k = 'downhill-probe';
      s.setItem(k, '1');
      s.removeItem(k);
      return s;
    } catch (e) {
      return null;
    }
  }
  let storage = probeStorage();
  const memory = new Map(); // used instead of localStorage when it is unavailable
  const MEMORY_NOTICE = 'This browser is not letting the course save anything, so your progress and theme last only while this page is open.';
  if (!storage) notice(MEMORY_NOTICE);

  function readKey(key) {
    if (!storage) return memory.has(key) ? memory.get(key) : null;
    try { return storage.getItem(key); } catch (e) { return fallBack(key, null); }
  }
  function writeKey(key, value) {
    memory.set(key, value);
    if (!storage) return;
    try { storage.setItem(key, value); } catch (e) { fallBack(key, value); }
  }
  function removeKey(key) {
    memory.delete(key);
    if (!storage) return;
    try { storage.removeItem(key); } catch (e) { fallBack(key, null); }
  }
  // Storage failed mid-visit: keep going in memory from here on.
  function fallBack(key, value) {
    storage = null;
    notice(MEMORY_NOTICE);
    return value;
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Progress
  // ---------------------------------------------------------------------------------
  let done = {}; // node id -> true

  const OLDER_NOTICE = 'Progress saved by an older version of this course could not be used and was cleared. Sorry: the lessons are all still open to read.';
  const NEWER_NOTICE = 'Your progress was saved by a newer version of this course than this page, so this page cannot show it. It is kept as it is: open the course where you saved it to carry on. What you do here lasts only while this page is open.';
  let keepSaved = false; // a newer version's progress is in PROGRESS_KEY: never overwrite it

  function loadProgress() {
    done = {};
    keepSaved = false;
    // Keys of other versions: older ones are removed (said once), newer ones kept.
    let newer = false;
    if (storage) {
      let old = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const m = VERSIONED_KEY.exec(storage.key(i) || '');
          if (!m) continue;
          const v = Number(m[1]);
          if (v < PROGRESS_VERSION) old.push(m[0]);
          else if (v > PROGRESS_VERSION) newer = true;
        }
      } catch (e) { old = []; }
      if (old.length) {
        old.forEach(removeKey);
        notice(OLDER_NOTICE);
      }
    }
    if (newer) notice(NEWER_NOTICE);
    const raw = readKey(PROGRESS_KEY);
    if (raw === null) return;
    let data = null;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    const valid = data && typeof data === 'object' && data.done && typeof data.done === 'object' && !Array.isArray(data.done);
    if (valid && typeof data.version === 'number' && data.version > PROGRESS_VERSION) {
      keepSaved = true;
      notice(NEWER_NOTICE);
      return;
    }
    if (!valid) {
      removeKey(PROGRESS_KEY);
      notice('Your saved progress was damaged and could not be read, so it was cleared.');
      return;
    }
    if (data.version !== PROGRESS_VERSION) {
      removeKey(PROGRESS_KEY);
      notice(OLDER_NOTICE);
      return;
    }
    for (const [id, v] of Object.entries(data.done)) if (v === true && typeof id === 'string') done[id] = true;
  }

  function saveProgress() {
    if (keepSaved) return;
    writeKey(PROGRESS_KEY, JSON.stringify({ version: PROGRESS_VERSION, done }));
  }

  // Checks a learning platform holds as answered right (results.js): marked done here too.
  // Only ids of this course's checks count (course.js lists them).
  let started = false;
  const pendingRestore = [];
  function restore(quizIds) {
    if (!started) { pendingRestore.push(...quizIds); return; }
    const known = window.DownhillCourse && Array.isArray(window.DownhillCourse.quizzes) ? new Set(window.DownhillCourse.quizzes) : null;
    let changed = false;
    for (const id of quizIds) {
      const node = 'quiz:' + id;
      if (typeof id !== 'string' || done[node]) continue;
      if (known ? !known.has(id) : document.querySelector(`[data-node="${CSS.escape(node)}"]`) === null) continue;
      done[node] = true;
      changed = true;
    }
    if (!changed) return;
    saveProgress();
    applyProgress();
  }

  function stateOf(el) {
    const id = el.getAttribute('data-node');
    if (done[id]) return 'done';
    const after = el.getAttribute('data-after') || '';
    return !after || done[after] ? 'open' : 'locked';
  }

  const BADGE_TEXT = { locked: 'Ahead', open: 'Open', done: 'Done' };

  // Writes the state of every node onto the page.
  function applyProgress() {
    const states = {};
    for (const el of document.querySelectorAll('[data-node]')) {
      const s = stateOf(el);
      states[el.getAttribute('data-node')] = s;
      el.setAttribute('data-state', s);
    }
    for (const badge of document.querySelectorAll('.dh-badge[data-for]')) {
      const s = states[badge.getAttribute('data-for')];
      if (!s) continue;
      badge.setAttribute('data-state', s);
      badge.textContent = BADGE_TEXT[s];
    }
    for (const note of document.querySelectorAll('.dh-lock-note[data-for]')) {
      note.hidden = states[note.getAttribute('data-for')] !== 'locked';
    }
    updateMapSummary(states);
  }

  function markDone(id) {
    if (done[id]) return false;
    done[id] = true;
    saveProgress();
    return true;
  }

  // Opening an open lesson counts as having done it.
  function visitLesson() {
    const lesson = document.querySelector('article.dh-lesson[data-node]');
    if (lesson && stateOf(lesson) === 'open') markDone(lesson.getAttribute('data-node'));
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Quizzes
  // ---------------------------------------------------------------------------------
  function para(text, cls) {
    const p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  }

  // A copy of a build-rendered explanation (already safe HTML, cloned, never parsed).
  function why(quiz, key) {
    const src = quiz.querySelector(`.dh-whys [data-why="${key}"]`);
    const div = document.createElement('div');
    div.className = 'dh-why';
    if (src) for (const n of src.childNodes) div.append(n.cloneNode(true));
    return div;
  }

  // Reads a typed number: "0.23", "-1.5", ".5", "1e-3", "1,5" (comma as decimal point).
  function readNumber(text) {
    let t = String(text).trim().replace(/\s+/g, '').replace(/^\u2212/, '-');
    if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
    return Number(t);
  }

  // Grades the current answer: null if nothing to grade yet, else
  // { correct, raw, max, parts: [nodes for the feedback] }.
  function grade(quiz) {
    const kind = quiz.getAttribute('data-kind');
    if (kind === 'numeric') {
      const input = quiz.querySelector('input[type="text"]');
      const text = input.value;
      if (!text.trim()) return { prompt: 'Type a number first, then check it.' };
      const v = readNumber(text);
      if (!Number.isFinite(v)) return { prompt: `“${text.trim().slice(0, 30)}” is not a number this box can read. Use digits and a decimal point, like 0.25.` };
      const answer = Number(quiz.getAttribute('data-answer'));
      const tol = Number(quiz.getAttribute('data-tolerance')) || 0;
      const correct = Math.abs(v - answer) <= tol + 1e-9 * Math.max(1, Math.abs(answer));
      const tries = Number(quiz.getAttribute('data-tries') || 0) + (correct ? 0 : 1);
      quiz.setAttribute('data-tries', String(tries));
      const parts = correct ? [why(quiz, 'right')] : [why(quiz, 'hint')];
      if (!correct && tries >= WORKED_AFTER) parts.push(para('Here is the worked answer:', 'dh-why-lead'), why(quiz, 'right'));
      return { correct, raw: correct ? 1 : 0, max: 1, parts };
    }
    const inputs = [...quiz.querySelectorAll('input[type="radio"], input[type="checkbox"]')];
    const chosen = inputs.filter((i) => i.checked);
    if (!chosen.length) return { prompt: 'Pick an answer first, then check it.' };
    const multi = quiz.getAttribute('data-multi') === 'true';
    if (!multi) {
      const pick = chosen[0];
      const correct = pick.hasAttribute('data-correct');
      return { correct, raw: correct ? 1 : 0, max: 1, parts: [why(quiz, pick.value)] };
    }
    // Tick-all-that-apply: one point per choice judged right (ticked or left alone). The
    // feedback speaks of the ticked choices only and counts the true ones left unticked
    // without naming them; the whole key comes with the worked answer, after WORKED_AFTER
    // wrong tries.
    const isTrue = (i) => i.hasAttribute('data-correct');
    const raw = inputs.filter((i) => i.checked === isTrue(i)).length;
    const correct = raw === inputs.length;
    const tries = Number(quiz.getAttribute('data-tries') || 0) + (correct ? 0 : 1);
    quiz.setAttribute('data-tries', String(tries));
    const labelled = (i, lead, tail) => {
      const head = para(`${lead} `, 'dh-why-lead');
      const label = quiz.querySelector(`label[for="${i.id}"]`);
      if (label) for (const n of label.childNodes) head.append(n.cloneNode(true));
      if (tail) head.append(tail);
      return [head, why(quiz, i.value)];
    };
    const parts = [];
    if (!correct) parts.push(para(tickSummary(chosen.filter(isTrue).length, chosen.length, inputs.filter(isTrue).length), 'dh-tick-summary'));
    if (!correct && tries >= WORKED_AFTER) {
      parts.push(para('Here is the worked answer:', 'dh-why-lead'));
      for (const i of inputs) parts.push(...labelled(i, isTrue(i) ? '✓ True:' : '✗ Not true:', i.checked ? ' (you ticked it)' : ' (you left it unticked)'));
    } else {
      for (const i of chosen) parts.push(...labelled(i, isTrue(i) ? '✓ Right:' : '✗ Not true:', ''));
    }
    return { correct, raw, max: inputs.length, parts };
  }

  // Wrong tries before a check shows its worked answer (every choice, with why).
  const WORKED_AFTER = 3;
  // What a tick-all-that-apply answer got right, without saying which true statements are
  // missing: "2 of your 3 ticks are right; one true statement is not ticked."
  function tickSummary(rightTicks, ticks, truths) {
    const first = ticks === 1 ? `Your one tick is ${rightTicks ? 'right' : 'not right'}`
      : rightTicks === 0 ? `None of your ${ticks} ticks is right` : `${rightTicks} of your ${ticks} ticks ${rightTicks === 1 ? 'is' : 'are'} right`;
    const missed = truths - rightTicks;
    const second = missed === 0 ? 'every true statement is ticked'
      : missed === 1 ? 'one true statement is not ticked' : `${missed} true statements are not ticked`;
    return `${first}; ${second}.`;
  }

  function nextLink(quiz) {
    const href = quiz.getAttribute('data-next-href');
    if (!href) return para('That was the last check of the course. Well done!');
    const p = document.createElement('p');
    p.className = 'dh-next';
    p.append('Next up: ');
    const a = document.createElement('a');
    a.href = href;
    a.textContent = quiz.getAttribute('data-next-label') || 'the next step';
    p.append(a, '.');
    return p;
  }

  // Answers are checked on the button's click (which also stops the form submitting):
  // a sandboxed frame without allow-forms blocks submission before any submit event.
  // Enter in the number box is an implicit submission, which clicks the same button.
  function onClick(event) {
    const button = event.target.closest && event.target.closest('.dh-quiz-form button[type="submit"]');
    if (!button) return;
    event.preventDefault();
    check(button.closest('.dh-quiz'));
  }
  function onSubmit(event) {
    const form = event.target.closest('.dh-quiz-form');
    if (!form) return;
    event.preventDefault();
    check(form.closest('.dh-quiz'));
  }

  function check(quiz) {
    const feedback = quiz.querySelector('.dh-feedback');
    const g = grade(quiz);
    const verdict = document.createElement('div');
    if (g.prompt) {
      verdict.append(para(g.prompt, 'dh-verdict'));
      feedback.replaceChildren(verdict);
      feedback.setAttribute('data-result', 'prompt');
      return;
    }
    verdict.append(para(g.correct ? 'Correct!' : 'Not quite.', 'dh-verdict'), ...g.parts);
    const id = quiz.getAttribute('data-quiz');
    if (g.correct) {
      const fresh = markDone(quiz.getAttribute('data-node'));
      if (fresh || quiz.getAttribute('data-next-href')) verdict.append(nextLink(quiz));
    } else {
      verdict.append(para('Try again whenever you like.', 'dh-retry'));
    }
    feedback.setAttribute('data-result', g.correct ? 'right' : 'wrong');
    feedback.replaceChildren(verdict);
    applyProgress();
    const score = { raw: g.raw, max: g.max, scaled: g.max ? g.raw / g.max : 0 };
    document.dispatchEvent(new CustomEvent('downhill:quiz', { detail: { id, correct: g.correct, score } }));
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Course map
  // ---------------------------------------------------------------------------------
  function updateMapSummary(states) {
    const box = document.querySelector('.dh-progress');
    if (!box) return;
    const ids = [...document.querySelectorAll('.dh-map [data-node]')].map((e) => e.getAttribute('data-node'));
    const n = ids.filter((id) => states[id] === 'done').length;
    const count = box.querySelector('[data-progress-done]');
    const bar = box.querySelector('[data-progress-bar]');
    if (count) count.textContent = String(n);
    if (bar) bar.value = n;
    box.hidden = false;
  }

  function setupReset() {
    const ask = document.querySelector('[data-reset]');
    const confirmBox = document.querySelector('[data-reset-confirm]');
    if (!ask || !confirmBox) return;
    const yes = confirmBox.querySelector('[data-reset-yes]');
    const no = confirmBox.querySelector('[data-reset-no]');
    const close = (focus) => { confirmBox.hidden = true; ask.hidden = false; if (focus) ask.focus(); };
    ask.addEventListener('click', () => { ask.hidden = true; confirmBox.hidden = false; no.focus(); });
    no.addEventListener('click', () => close(true));
    yes.addEventListener('click', () => {
      done = {};
      if (!keepSaved) removeKey(PROGRESS_KEY);
      applyProgress();
      close(true);
      notice('Progress reset: every step is back to the start.');
    });
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Theme
  // ---------------------------------------------------------------------------------
  // <html data-theme="light|dark"> when the learner has chosen; no attribute follows the
  // system. Widgets read the same attribute.
  const systemDark = () => !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  function applyTheme(theme) {
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
    else document.documentElement.removeAttribute('data-theme');
    const button = document.querySelector('.dh-theme-toggle');
    if (button) button.setAttribute('aria-pressed', String(isDark()));
  }
  function isDark() {
    const t = document.documentElement.getAttribute('data-theme');
    return t ? t === 'dark' : systemDark();
  }
  function setupTheme() {
    const button = document.querySelector('.dh-theme-toggle');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      const theme = isDark() ? 'light' : 'dark';
      writeKey(THEME_KEY, theme);
      applyTheme(theme);
    });
    if (window.matchMedia) {
      const mq = window.matchMedia('(prefers-color-scheme: dark)');
      const follow = () => applyTheme(readKey(THEME_KEY));
      if (mq.addEventListener) mq.addEventListener('change', follow);
    }
    applyTheme(readKey(THEME_KEY));
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Start
  // ---------------------------------------------------------------------------------
  applyTheme(readKey(THEME_KEY)); // as early as possible, before the page paints

  function start() {
    for (const text of pendingNotices.splice(0)) notice(text);
    setupTheme();
    loadProgress();
    started = true;
    restore(pendingRestore.splice(0));
    visitLesson();
    applyProgress();
    setupReset();
    document.addEventListener('click', onClick);
    document.addEventListener('submit', onSubmit);
    // Another tab answered a check: follow it.
    window.addEventListener('storage', (e) => {
      if (e.key === PROGRESS_KEY || e.key === null) { loadProgress(); applyProgress(); }
      if (e.key === THEME_KEY) applyTheme(readKey(THEME_KEY));
    });
  }
  window.DownhillSite = { notice, restore };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
