// sw.js: keeps the course working offline after the first visit (served over HTTP only).
// The build replaces the file list and the version below with the bundle's own; a new
// version replaces the old cache when it activates.
'use strict';
const VERSION = '__DOWNHILL_VERSION__';
const FILES = __DOWNHILL_FILES__;
const CACHE = 'downhill-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('downhill-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Same-origin GETs: the cached copy first (ignoring the query, so every widget setting
// works offline), then the network; a page that is neither cached nor reachable gets the
// course map.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req).catch(() =>
      req.mode === 'navigate' ? cache.match('index.html') : Response.error()))));
});
