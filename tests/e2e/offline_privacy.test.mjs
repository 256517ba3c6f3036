// The promise, enforced and proven: nothing leaves the page, nothing secret is stored, the
// browser enforces a Content Security Policy, and the page works with the network cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readdirSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, ui, expectStatus, foreignRequests, DIST, withBrowser } from './support.mjs';

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
