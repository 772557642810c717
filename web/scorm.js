// scorm.js: the SCORM 1.2 launch page (scorm.html), the package's one SCO.
//
// A conforming LMS allows one LMSInitialize and one LMSFinish per attempt, but the course
// is many pages. This page holds the attempt: it finds the LMS's API, initialises it once,
// shows the course (index.html and the lesson pages) in a frame filling the window, and
// finishes once, when the learner leaves it (pagehide).
//
// The framed pages look for window.API up the parent chain (results.js), so they find this
// page's own API object first. It forwards LMSGetValue, LMSSetValue, LMSCommit and the
// error calls to the LMS; its LMSInitialize and LMSFinish only answer 'true' while the
// attempt is open, so each page can start and end as it does anywhere else.
//
// cmi.suspend_data holds the ids of the checks answered right, as a JSON list of strings.
// A value that is not such a list is reported in a notice above the course and replaced by
// an empty list, and the attempt goes on recording.
(function () {
  'use strict';

  const { findApi, readSaved } = window.DownhillLms; // scorm-api.js

  function notice(text) {
    const box = document.querySelector('.dh-scorm-notices');
    const p = document.createElement('p');
    p.className = 'dh-scorm-notice';
    const span = document.createElement('span');
    span.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => p.remove());
    p.append(span, close);
    box.append(p);
  }


  const lms = window.parent !== window ? findApi(window.parent) : findApi(null);
  const state = { open: false, finished: false, started: Date.now() };

  function call(name, ...args) {
    try { return String(lms[name](...args)); } catch (e) { return 'false'; }
  }

  // HHHH:MM:SS, the SCORM 1.2 time span.
  function timespan(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const two = (n) => String(n).padStart(2, '0');
    return `${two(Math.min(9999, Math.floor(s / 3600)))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  }

  function start() {
    if (!lms) {
      notice('No learning platform was found, so nothing is reported to one: your progress is kept in this browser only.');
      return;
    }
    if (call('LMSInitialize', '') !== 'true') {
      notice('The learning platform refused to start this attempt, so your answers are not recorded by it this time. Your progress is kept in this browser.');
      return;
    }
    state.open = true;
    const saved = readSaved(call('LMSGetValue', 'cmi.suspend_data'));
    if (saved === null) {
      call('LMSSetValue', 'cmi.suspend_data', '[]');
      notice('The progress your learning platform had saved for this course was damaged and could not be read, so it was replaced. Checks you answer from now on are recorded as usual.');
    }
    if (call('LMSGetValue', 'cmi.core.lesson_status') === 'not attempted') call('LMSSetValue', 'cmi.core.lesson_status', 'incomplete');
    call('LMSCommit', '');
  }

  function finish() {
    if (!state.open || state.finished) return;
    state.finished = true;
    state.open = false;
    call('LMSSetValue', 'cmi.core.session_time', timespan(Date.now() - state.started));
    call('LMSCommit', '');
    call('LMSFinish', '');
  }

  // The API the framed pages use.
  const forward = (name) => (...args) => (state.open ? call(name, ...args) : (name === 'LMSGetValue' ? '' : 'false'));
  window.API = {
    LMSInitialize: () => (state.open ? 'true' : 'false'),
    LMSFinish: () => (state.open ? 'true' : 'false'),
    LMSGetValue: forward('LMSGetValue'),
    LMSSetValue: forward('LMSSetValue'),
    LMSCommit: forward('LMSCommit'),
    LMSGetLastError: () => (lms ? call('LMSGetLastError') : '0'),
    LMSGetErrorString: (code) => (lms ? call('LMSGetErrorString', code) : ''),
    LMSGetDiagnostic: (code) => (lms ? call('LMSGetDiagnostic', code) : ''),
  };

  start();
  window.addEventListener('pagehide', finish);
  document.querySelector('.dh-scorm-course').src = 'index.html';
  window.DownhillScorm = { state };
})();
