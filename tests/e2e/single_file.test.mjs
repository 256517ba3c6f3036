// The single-file build (make single) opened from disk, as on an air-gapped machine: it decodes,
// verifies, and generates keys in its inline worker, with no files beside it and no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, launch, ui, expectStatus } from './support.mjs';

const SINGLE = resolve(DIST, '../dist-single/jwt-debugger.html');
const SCRIPT = fileURLToPath(new URL('../support/single-file.py', import.meta.url));
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"[^>]*>/gi;

test('the single HTML file works from file:// on its own', { skip: !existsSync(SINGLE) && 'make single has not run' }, async () => {
  // Alone in an empty folder: nothing beside it to load.
  const file = join(mkdtempSync(join(tmpdir(), 'jwt-single-')), 'jwt-debugger.html');
  copyFileSync(SINGLE, file);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`file://${file}`);
    const u = ui(page);
    await expectStatus(page, /Signature verified/, 30000);

    const secret = 'air-gapped-secret-0123456789abcdef';
    const h = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const p = Buffer.from('{"sub":"offline"}').toString('base64url');
    await u.token.fill(`${h}.${p}.${crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`);
    await u.secret.fill(secret);
    await expectStatus(page, /Signature verified/);

    const g = page.getByRole('region', { name: 'Generate a key' });
    await g.getByRole('combobox', { name: 'Key type' }).selectOption('Ed25519');
    await g.getByRole('button', { name: 'Generate key pair' }).click();
    await g.getByText(/Generated a Ed25519 key in/).waitFor({ timeout: 30000 });

    const outside = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(outside, [], 'no request beyond the file itself');
    assert.deepEqual(errors, []);

    // The browser enforces the file's policy: a connection anywhere is refused.
    const violated = await page.evaluate(
      () =>
        new Promise((done) => {
          document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective), { once: true });
          fetch('http://127.0.0.1:9/x').catch(() => {});
          setTimeout(() => done('no violation reported'), 5000);
        }),
    );
    assert.equal(violated, 'connect-src');
    await context.close();
  } finally {
    await browser.close();
  }
});

test('the single file carries a policy that allows no connection and nothing but itself', { skip: !existsSync(SINGLE) && 'make single has not run' }, () => {
  const html = readFileSync(SINGLE, 'utf8');
  const metas = [...html.matchAll(CSP_META)];
  assert.equal(metas.length, 1, 'one Content-Security-Policy <meta>');
  assert.ok(metas[0].index < html.search(/<script\b/i), 'the policy comes before every script');
  const policy = metas[0][1];
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['default-src'], ["'none'"], policy);
  assert.deepEqual(directives['connect-src'], ["'none'"], policy);
  // No source that names a place: not the file's own origin, no scheme or host, no wildcard.
  // (Hashes are base64, which has neither ':' nor '*'.)
  assert.ok(!policy.includes("'self'"), `no 'self' in ${policy}`);
  assert.ok(!/https?:|\*/.test(policy), `no http(s) source or wildcard in ${policy}`);
  assert.ok(!policy.includes('unsafe-inline'), `no unsafe-inline in ${policy}`);
});

test('single-file.py fails, and writes nothing, when dist/ has no Content Security Policy', { skip: !existsSync(join(DIST, 'index.html')) && 'no release build' }, () => {
  const work = mkdtempSync(join(tmpdir(), 'jwt-single-csp-'));
  const dist = join(work, 'dist');
  cpSync(DIST, dist, { recursive: true });
  // The same dist/ with its policy makes a file: the failure below is about the policy alone.
  const good = spawnSync('python3', [SCRIPT, dist, join(work, 'good', 'jwt-debugger.html')], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stderr);

  const index = join(dist, 'index.html');
  const html = readFileSync(index, 'utf8');
  const stripped = html.replace(CSP_META, '');
  assert.notEqual(stripped, html, 'the release build had a policy to remove');
  writeFileSync(index, stripped);
  const out = join(work, 'out', 'jwt-debugger.html');
  const run = spawnSync('python3', [SCRIPT, dist, out], { encoding: 'utf8' });
  assert.notEqual(run.status, 0, `exit status ${run.status}; stdout: ${run.stdout}`);
  assert.match(run.stderr, /Content-Security-Policy/, 'the message names what is missing');
  assert.ok(!existsSync(out), 'no file without a policy');
});
