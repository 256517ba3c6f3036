// jwt-debugger's service worker: after the first visit the page works with no network at all.
// The release build (tests/support/post-build.sh) replaces the two placeholders below with this
// build's file list and a name derived from their contents, so a new build installs a new cache
// and deletes the old one. Requests never leave for other origins: the page makes none.
const CACHE = '@CACHE_NAME@';
const FILES = @FILES@;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('jwt-debugger-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Cache first (the files are content-hashed); a share link's #fragment never reaches here.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => {
        if (hit) return hit;
        if (request.mode === 'navigate') return cache.match('./').then((page) => page ?? fetch(request));
        return fetch(request);
      }),
    ),
  );
});
