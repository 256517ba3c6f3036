// jwt-debugger's service worker: after the first visit the page works with no network at all.
// The release build (tests/support/post-build.sh) replaces the two placeholders below with this
// build's files, each with its subresource integrity, and a name derived from their contents, so
// a new build installs a new cache and deletes the old one. Requests never leave for other
// origins: the page makes none.
const CACHE = '@CACHE_NAME@';
// { url: 'sha384-…' } for every file of the build, './' (index.html) included.
const FILES = @FILES@;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// Caches exactly this build, or nothing: a rejection fails the installation, and the worker
// already active keeps serving its own, consistent cache (the browser tries again on the next
// update check).
async function precache() {
  // Everything is fetched and verified before anything is written.
  const responses = await Promise.all(
    Object.entries(FILES).map(async ([url, integrity]) => {
      // cache: 'reload' goes past the browser's HTTP cache: static hosts send max-age (GitHub
      // Pages: 600 s), and a cache.addAll() here would take a stale index.html from it, one that
      // loads the previous build's hashed files, which this cache will not hold. integrity
      // catches whatever 'reload' cannot (a stale CDN edge, a deploy half done): fetch() rejects
      // unless the bytes are this build's.
      const response = await fetch(url, { cache: 'reload', integrity });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return [url, response];
    }),
  );
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    // A cache write failed (quota): leave no half-filled cache behind.
    await caches.delete(CACHE);
    throw error;
  }
}

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
  // Whatever goes wrong with the cache, the network answers rather than nothing (a blank page).
  event.respondWith(respond(request).catch(() => fetch(request)));
});

// Cache first (the files are content-hashed); a share link's #fragment never reaches here.
async function respond(request) {
  const cache = await caches.open(CACHE);
  if (request.mode === 'navigate') {
    // The cached page is served only with every file of its build beside it. A page whose files
    // are gone would fetch them from the network, where a newer build may have replaced them:
    // a blank page. The network's page instead loads its own build's files.
    if (await complete(cache)) {
      return (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match('./'));
    }
    try {
      return await fetch(request);
    } catch (error) {
      // Offline with a partial cache: what is there is better than an error page.
      const page = await cache.match('./');
      if (page) return page;
      throw error;
    }
  }
  return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
}

// Whether the cache holds every file of this build.
async function complete(cache) {
  const cached = new Set((await cache.keys()).map((r) => r.url));
  return Object.keys(FILES).every((url) => cached.has(new URL(url, self.location.href).href));
}
