// scorm-api.js: what the SCORM launch page (scorm.js) and every course page (results.js)
// both need from a SCORM 1.2 LMS: finding its API object and reading the saved list of
// checks answered right (cmi.suspend_data).
(function () {
  'use strict';
  const MAX_ID = 100; // longest check id kept from suspend_data

  // The LMS's API: the nearest window.API from `first` up its parents, then the opener's.
  function findApi(first) {
    const look = (start) => {
      let w = start;
      for (let i = 0; w && i < 10; i++) {
        try { if (w.API && typeof w.API.LMSInitialize === 'function') return w.API; } catch (e) { return null; } // cross-origin
        if (w.parent === w) break;
        w = w.parent;
      }
      return null;
    };
    return (first ? look(first) : null) || (window.opener ? look(window.opener) : null);
  }

  // The saved list of check ids (a JSON list of short strings), or null when the value is
  // not one; an empty value is an empty list.
  function readSaved(text) {
    if (text === '' || text === null || text === undefined) return [];
    let data;
    try { data = JSON.parse(String(text)); } catch (e) { return null; }
    if (!Array.isArray(data) || !data.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID)) return null;
    return data;
  }

  window.DownhillLms = { findApi, readSaved, MAX_ID };
})();
