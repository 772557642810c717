// results.js: reports quiz results outward, for course sites and learning platforms.
//
// Index
//   [SECTION] xAPI-shaped statements: a DOM event and a message to the parent page
//   [SECTION] SCORM 1.2: score (0-100) and completion to the LMS, committed after each answer
//   [SECTION] Start
//
// Listens for 'downhill:quiz' (fired by site.js for every checked answer). For each it
//   - dispatches 'downhill:xapi' on document with { statement } and posts
//     { type: 'downhill:xapi', statement } to the parent window (when framed);
//   - when an LMS's SCORM 1.2 API is found (window.API in a parent or opener window),
//     sets cmi.core.score.raw/min/max, cmi.core.lesson_status and cmi.suspend_data (the
//     ids of the checks answered right, a JSON list) and calls LMSCommit.
// In the SCORM package the API found is the launch page's (scorm.js), which keeps one LMS
// attempt open across pages. On start the checks listed in cmi.suspend_data are shown as
// done (site.js); a value that is not such a list is replaced, with a notice, and the
// reporting goes on. Without an LMS, nothing is sent anywhere and nothing fails.
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------
  // [SECTION] xAPI-shaped statements
  // ---------------------------------------------------------------------------------
  const VERB = { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } };

  function statement(detail) {
    const page = location.href.split('#')[0].split('?')[0];
    const el = document.getElementById(String(detail.id)) || document.querySelector(`[data-quiz="${CSS.escape(String(detail.id))}"]`);
    const title = el && el.querySelector('h2, h3') ? el.querySelector('h2, h3').textContent.trim() : String(detail.id);
    const score = detail.score || { raw: detail.correct ? 1 : 0, max: 1, scaled: detail.correct ? 1 : 0 };
    return {
      verb: VERB,
      object: {
        objectType: 'Activity',
        id: page + '#' + encodeURIComponent(String(detail.id)),
        definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', name: { 'en-US': title } },
      },
      result: { success: !!detail.correct, completion: true,
        score: { raw: score.raw, min: 0, max: score.max, scaled: score.scaled } },
      timestamp: new Date().toISOString(),
    };
  }

  function announce(detail) {
    const s = statement(detail);
    document.dispatchEvent(new CustomEvent('downhill:xapi', { detail: { statement: s } }));
    if (window.parent !== window) {
      try { window.parent.postMessage({ type: 'downhill:xapi', statement: s }, '*'); } catch (e) { /* no parent */ }
    }
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] SCORM 1.2
  // ---------------------------------------------------------------------------------
  // Finding the LMS's API and reading its saved list: scorm-api.js (loaded before this file).
  const { findApi, readSaved } = window.DownhillLms;

  const lms = { api: null, started: false, correct: new Set() };

  // The quiz ids of the whole course: scorm-course.js (written into the package) sets
  // window.DownhillCourse = { quizzes: [...] }; elsewhere the quizzes of this page count.
  const courseQuizzes = () => (window.DownhillCourse && Array.isArray(window.DownhillCourse.quizzes))
    ? window.DownhillCourse.quizzes
    : [...document.querySelectorAll('[data-quiz]')].map((e) => e.getAttribute('data-quiz'));


  // site.js (loaded after this file) shows notices and keeps the page's progress.
  const whenSite = (fn) => {
    if (window.DownhillSite) fn(window.DownhillSite);
    else document.addEventListener('DOMContentLoaded', () => { if (window.DownhillSite) fn(window.DownhillSite); });
  };

  function startLms() {
    lms.api = findApi(window);
    if (!lms.api) return;
    try {
      if (String(lms.api.LMSInitialize('')) !== 'true') { lms.api = null; return; }
    } catch (e) { lms.api = null; return; }
    lms.started = true;
    window.addEventListener('pagehide', () => { try { if (lms.started) lms.api.LMSFinish(''); } catch (e) { /* LMS gone */ } lms.started = false; });
    let text = '';
    try { text = lms.api.LMSGetValue('cmi.suspend_data'); } catch (e) { text = ''; }
    const saved = readSaved(text);
    try {
      if (saved === null) {
        // Damaged: replaced, the learner told, the connection kept.
        lms.api.LMSSetValue('cmi.suspend_data', '[]');
        whenSite((site) => site.notice('The progress your learning platform had saved for this course was damaged and could not be read, so it was replaced. Checks you answer from now on are recorded as usual.'));
      }
      if (lms.api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') lms.api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
      lms.api.LMSCommit('');
    } catch (e) { /* an LMS error must not break the page */ }
    // Answers from earlier sessions: counted in the score and shown as done on the page.
    for (const id of saved || []) lms.correct.add(id);
    if (saved && saved.length) whenSite((site) => site.restore(saved));
  }

  // SCORM 1.2 holds at most 4,096 characters: ids that do not fit are left out whole, so
  // the value always stays a readable list.
  function suspendData(ids) {
    const list = ids.slice();
    while (list.length && JSON.stringify(list).length > 4096) list.pop();
    return JSON.stringify(list);
  }

  function report(detail) {
    if (!lms.api || !lms.started) return;
    if (detail.correct) lms.correct.add(String(detail.id));
    const all = courseQuizzes();
    const done = all.filter((id) => lms.correct.has(id)).length;
    const raw = all.length ? Math.round((100 * done) / all.length) : 0;
    try {
      lms.api.LMSSetValue('cmi.core.score.min', '0');
      lms.api.LMSSetValue('cmi.core.score.max', '100');
      lms.api.LMSSetValue('cmi.core.score.raw', String(raw));
      lms.api.LMSSetValue('cmi.core.lesson_status', all.length && done === all.length ? 'completed' : 'incomplete');
      lms.api.LMSSetValue('cmi.suspend_data', suspendData([...lms.correct]));
      lms.api.LMSCommit('');
    } catch (e) { /* an LMS error must not break the page */ }
  }

  // ---------------------------------------------------------------------------------
  // [SECTION] Start
  // ---------------------------------------------------------------------------------
  document.addEventListener('downhill:quiz', (e) => {
    const d = e.detail || {};
    if (typeof d.id !== 'string' && typeof d.id !== 'number') return;
    announce(d);
    report(d);
  });
  startLms();
  window.DownhillResults = { statement, lms, readSaved };
})();
