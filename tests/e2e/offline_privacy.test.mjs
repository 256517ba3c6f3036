// The promise, enforced and proven: nothing leaves the page, nothing secret is stored, the
// browser enforces a Content Security Policy, and the page works with the network cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, cpSync, mkdtempSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, ui, expectStatus, foreignRequests, DIST, withBrowser } from './support.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const env = withBrowser();

test('a whole session makes no request outside the origin and stores no key material', async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  const u = ui(page);
  await expectStatus(page, /Signature verified/);
  const loaded = Date.now();

  // Decode and verify with a secret the test will look for everywhere afterwards.
  const secret = `never-stored-${crypto.randomBytes(8).toString('hex')}-padding-to-32-bytes`;
  const h = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const p = Buffer.from('{"sub":"privacy"}').toString('base64url');
  await u.token.fill(`${h}.${p}.${crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`);
  await u.secret.fill(secret);
  await expectStatus(page, /Signature verified/);
  // Generate a key, sign with it, copy a share link.
  const g = page.getByRole('region', { name: 'Generate a key' });
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('EC P-256');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 60000 });
  const privatePem = await g.getByRole('textbox', { name: 'Generated private key' }).inputValue();
  await u.encode.click();
  await u.algorithm.selectOption('ES256');
  await expectStatus(page, /Signature verified/);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await u.decode.click();
  await expectStatus(page, /Signature verified/);

  assert.deepEqual(foreignRequests(requests.map((r) => r.url), env.server.origin), [], 'no request left the origin');
  // After load the page may still fetch its own build files (the key generation worker's script
  // and wasm when a key is first made, the service worker's precache), never anything else.
  const buildFiles = new Set(['/', ...readdirSync(DIST).map((f) => `/${f}`)]); // '/' is index.html
  const late = requests.filter((r) => r.at > loaded && !buildFiles.has(new URL(r.url).pathname));
  assert.deepEqual(late.map((r) => r.url), [], 'after load, only the build\'s own files are fetched');

  const keyBody = privatePem.split('\n')[1];
  const stored = await page.evaluate(async () => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie, dbs, url: location.href };
  });
  for (const [where, text] of Object.entries(stored)) {
    const t = JSON.stringify(text);
    assert.ok(!t.includes(secret), `secret found in ${where}`);
    assert.ok(!t.includes(keyBody), `private key found in ${where}`);
  }
  assert.deepEqual(stored.dbs, [], 'no IndexedDB database');
  assert.equal((await context.cookies()).length, 0, 'no cookies');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the release build carries a Content Security Policy that the browser enforces', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  await page.goto(env.server.url);
  await expectStatus(page, /Signature verified/);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "'wasm-unsafe-eval'"]) {
    assert.ok(policy.includes(directive), `${directive} in ${policy}`);
  }
  assert.ok(!policy.includes('unsafe-inline'), 'no unsafe-inline');
  assert.deepEqual(violations, [], 'the app itself violates nothing');
  // And the browser really blocks a request elsewhere.
  const blocked = await page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'sent', (e) => String(e)));
  assert.notEqual(blocked, 'sent');
  assert.ok(violations.some((v) => v.includes('connect-src')), `CSP reported the blocked fetch: ${violations}`);
  await context.close();
});

test('after the first visit, a reload with the network cut still decodes and verifies', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url);
  await expectStatus(page, /Signature verified/);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // The service worker controls the page once it has claimed it.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await env.server.close();
  await page.reload();
  await expectStatus(page, /Signature verified/);
  const h = Buffer.from('{"alg":"HS256"}').toString('base64url');
  const p = Buffer.from('{"offline":true}').toString('base64url');
  await ui(page).token.fill(`${h}.${p}.${crypto.createHmac('sha256', 'offline-secret-0123456789abcdef!').update(`${h}.${p}`).digest('base64url')}`);
  await ui(page).secret.fill('offline-secret-0123456789abcdef!');
  await expectStatus(page, /Signature verified/);
  await context.close();
  env.server = await serve(); // a fresh one for the after() hook to close
});

test('a new build replaces the service worker cache cleanly', async () => {
  // Two builds served in turn at the same origin and path: the second differs (as any new
  // build does) in its content, and so in the cache name post-build.sh derives from it.
  const site = mkdtempSync(join(tmpdir(), 'jwt-sw-'));
  cpSync(DIST, site, { recursive: true });
  const server = await serve(site);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await expectStatus(page, /Signature verified/);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const first = await page.evaluate(() => caches.keys());
  assert.equal(first.length, 1, `one cache: ${first}`);

  const sw = join(site, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(first[0], `${first[0]}-next`));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  // The new worker installs its cache, then on activation deletes the old one.
  let keys = [];
  for (let i = 0; i < 100; i++) {
    keys = await page.evaluate(() => caches.keys());
    if (keys.length === 1 && keys[0] !== first[0]) break;
    await page.waitForTimeout(200);
  }
  assert.deepEqual(keys, [`${first[0]}-next`]);
  await page.reload();
  await expectStatus(page, /Signature verified/);
  await context.close();
  await server.close();
});

/** A copy of dist/ in a fresh temporary directory. */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-sw-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

const digest = (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding);

/**
 * Another build of the site, as the next deploy would bring: dist/ with a changed stylesheet,
 * so a new content-hashed file name, index.html pointing at it (with trunk's integrity
 * attribute), and the Content Security Policy and sw.js made again by the real post_build hook.
 * Returns { dir, css, oldCss }.
 */
function nextBuild(tag) {
  const dir = copyOfDist();
  const oldCss = readdirSync(dir).find((f) => f.endsWith('.css'));
  const oldBody = readFileSync(join(dir, oldCss));
  const body = Buffer.concat([oldBody, Buffer.from(`\n/* ${tag} */\n`)]);
  const css = `${oldCss.replace(/-[0-9a-f]+\.css$/, '').replace(/\.css$/, '')}-${digest('sha256', body, 'hex').slice(0, 16)}.css`;
  writeFileSync(join(dir, css), body);
  unlinkSync(join(dir, oldCss));
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
    .replaceAll(oldCss, css)
    .replaceAll(`sha384-${digest('sha384', oldBody, 'base64')}`, `sha384-${digest('sha384', body, 'base64')}`)
    .replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  assert.ok(html.includes(css), `index.html links ${oldCss}`);
  writeFileSync(join(dir, 'index.html'), html);
  unlinkSync(join(dir, 'sw.js'));
  const hook = spawnSync('bash', [join(ROOT, 'tests/support/post-build.sh')], {
    env: { ...process.env, TRUNK_PROFILE: 'release', TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: ROOT },
    encoding: 'utf8',
  });
  assert.equal(hook.status, 0, `post-build.sh: ${hook.stderr}`);
  return { dir, css, oldCss };
}

/** Every entry of the service worker's cache: URL -> SHA-256 (hex) of its body. */
async function cacheContents(page, name) {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    const out = {};
    for (const request of await cache.keys()) {
      const body = await (await cache.match(request)).arrayBuffer();
      out[request.url] = [...new Uint8Array(await crypto.subtle.digest('SHA-256', body))].map((b) => b.toString(16).padStart(2, '0')).join('');
    }
    return out;
  }, name);
}

/** Waits until the only cache is a different one from `old`; returns its name. */
async function nextCache(page, old) {
  let keys = [];
  for (let i = 0; i < 150; i++) {
    keys = await page.evaluate(() => caches.keys());
    if (keys.length === 1 && keys[0] !== old) return keys[0];
    await page.waitForTimeout(200);
  }
  assert.fail(`no new cache replaced ${old}: ${keys}`);
}

/** Whether every stylesheet the page links has loaded. */
const styled = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"]')].every((l) => {
      try {
        return l.sheet !== null && l.sheet.cssRules.length > 0;
      } catch {
        return false; // a failed load can leave a sheet whose rules cannot be read
      }
    }),
  );

/**
 * Serves `dir` (options as serve()) and opens a fresh browser context; runs `body(server,
 * page)`, then closes both whatever happened (a server left open would keep the run alive).
 */
async function withSite(dir, options, body) {
  const server = await serve(dir, '/', options);
  const context = await env.browser.newContext();
  try {
    return await body(server, await context.newPage(), context);
  } finally {
    await context.close();
    await server.close();
  }
}

test('an update behind a stale HTTP cache installs the new build whole, never a mix of two', async () => {
  // GitHub Pages sends max-age=600 on every file. The first visit leaves build A's index.html
  // in the browser's HTTP cache, fresh for ten minutes, when build B is deployed.
  const a = copyOfDist();
  const b = nextBuild('build B');
  await withSite(a, { headers: { 'cache-control': 'max-age=600' } }, async (server, page, context) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await expectStatus(page, /Signature verified/);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const [first] = await page.evaluate(() => caches.keys());

    server.setDir(b.dir);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const name = await nextCache(page, first);

    const files = Object.fromEntries(readdirSync(b.dir).map((f) => [`${server.url}${f}`, digest('sha256', readFileSync(join(b.dir, f)), 'hex')]));
    files[server.url] = files[`${server.url}index.html`];
    const cached = await cacheContents(page, name);
    assert.equal(cached[server.url], files[server.url], "the cached page is build B's index.html, not A's from the HTTP cache");
    for (const [url, hash] of Object.entries(cached)) {
      assert.ok(url in files, `${url} is not a file of build B`);
      assert.equal(hash, files[url], `${url} is build B's`);
    }
    // Every file the cached page loads is in the cache beside it.
    const index = await page.evaluate(async (name) => (await (await caches.open(name)).match('./')).text(), name);
    const linked = [...index.matchAll(/(?:href|src)="(?:\.\/)?([\w.-]+)"|'\.\/([^']+)'/g)].map((m) => `${server.url}${m[1] ?? m[2]}`);
    assert.ok(linked.includes(`${server.url}${b.css}`), `the page links ${b.css}`);
    assert.deepEqual(linked.filter((u) => !(u in cached)), [], 'every file the cached page links is cached');

    // And the page works from that cache, online and then with the network cut.
    await page.reload();
    await expectStatus(page, /Signature verified/);
    assert.ok(await styled(page), 'the stylesheet loaded');
    await context.setOffline(true);
    await page.reload();
    await expectStatus(page, /Signature verified/);
    assert.ok(await styled(page), 'the stylesheet loaded offline');
    assert.deepEqual(errors, []);
  });
});

test('an update whose files do not match its list fails to install; the old worker and cache stay', async () => {
  // Build B's sw.js, but an index.html that is not the one it lists (a half-done deploy, a stale
  // CDN edge): installing it would put a page beside files it was not built with.
  const a = copyOfDist();
  const b = nextBuild('build B');
  writeFileSync(join(b.dir, 'index.html'), readFileSync(join(b.dir, 'index.html'), 'utf8') + '<!-- not this build -->\n');
  await withSite(a, {}, async (server, page, context) => {
    await page.goto(server.url);
    await expectStatus(page, /Signature verified/);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const first = await page.evaluate(() => caches.keys());

    server.setDir(b.dir);
    const outcome = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const settled = new Promise((done) => {
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          worker.addEventListener('statechange', () => ['installed', 'redundant'].includes(worker.state) && done(worker.state));
        });
      });
      await registration.update().catch(() => {}); // a failed installation may reject it
      return Promise.race([settled, new Promise((done) => setTimeout(() => done('no update found'), 15000))]);
    });
    assert.equal(outcome, 'redundant', 'the new worker failed to install');
    assert.deepEqual(await page.evaluate(() => caches.keys()), first, 'the old cache stays, and no other');
    const cached = await cacheContents(page, first[0]);
    assert.equal(cached[server.url], digest('sha256', readFileSync(join(a, 'index.html')), 'hex'), "the old cache still holds A's page");
    await context.setOffline(true);
    await page.reload();
    await expectStatus(page, /Signature verified/);
    assert.ok(await styled(page), 'the stylesheet loaded offline');
  });
});

test('a cache missing a file of its build gives the network\'s page, not a broken one', async () => {
  // The worker's cache lost a file (here deleted by hand) and the host has moved on to build B:
  // the cached page would ask for a file the host no longer has.
  const a = copyOfDist();
  const b = nextBuild('build B');
  await withSite(a, {}, async (server, page) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await expectStatus(page, /Signature verified/);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    server.setDir(b.dir);
    await page.evaluate(async (css) => {
      const [name] = await caches.keys();
      return (await caches.open(name)).delete(`./${css}`);
    }, b.oldCss);
    await page.reload();
    await expectStatus(page, /Signature verified/);
    const linked = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href));
    assert.deepEqual(linked, [`${server.url}${b.css}`], "the page is build B's, from the network");
    assert.ok(await styled(page), 'the stylesheet loaded');
    assert.deepEqual(errors, []);
  });
});
