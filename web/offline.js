// offline.js: registers the service worker (sw.js) so the course keeps working with the
// network cut after a first visit. Only over HTTP(S) at top level: from file:// and in
// sandboxed or embedded frames the browser either forbids it or it is not wanted.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol) || window.top !== window) return;
  try {
    navigator.serviceWorker.register('sw.js').catch(() => { /* private mode, blocked: the course still works online */ });
  } catch (e) { /* a sandbox refused: nothing to do */ }
})();
