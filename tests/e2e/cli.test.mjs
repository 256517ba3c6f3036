// The command line and the page agree: tokens made by `jwt-debugger` (sign, gateway, with keys
// from its keygen) verify in the page, and tokens the page makes (Encode mode, the gateway
// preset) verify with `jwt-debugger verify`. Node's crypto checks the tokens too, so neither side
// only judges itself.
//
// The binary is $CLI (tests/support/run-all.sh sets it), else <repo>/target/debug/jwt-debugger;
// a missing binary fails every test here with a message saying how to build it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openApp, ui, expectStatus, withBrowser } from './support.mjs';
import { opensslVerify, thumbprint, verifyJwt, now } from './jose.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const CLI = resolve(process.env.CLI ?? join(ROOT, 'target/debug/jwt-debugger'));

const env = withBrowser();

/** Runs the command line; returns { status, stdout, stderr }. JWT_SECRET never leaks in. */
function cli(args, { input, extraEnv = {} } = {}) {
  assert.ok(
    existsSync(CLI),
    `the command line binary ${CLI} does not exist: build it with \`cargo build --bin jwt-debugger\` or set CLI`,
  );
  const childEnv = { ...process.env, ...extraEnv };
  if (!('JWT_SECRET' in extraEnv)) delete childEnv.JWT_SECRET;
  const r = spawnSync(CLI, args, { input, env: childEnv, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command line and expects exit 0; returns stdout. */
function ok(args, opts) {
  const r = cli(args, opts);
  assert.equal(r.status, 0, `jwt-debugger ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The one token line `sign` / `gateway` print. */
function tokenOf(stdout) {
  assert.match(stdout, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/, `one compact token line: ${JSON.stringify(stdout)}`);
  return stdout.trim();
}

const tmp = () => mkdtempSync(join(tmpdir(), 'jwt-e2e-cli-'));

/** keygen TYPE into a fresh directory; returns { dir, kid }. */
function keygen(type) {
  const dir = join(tmp(), type);
  mkdirSync(dir);
  const kid = ok(['keygen', type, '--out', dir]).trim();
  return { dir, kid };
}

const decodePart = (token, i) => JSON.parse(Buffer.from(token.split('.')[i], 'base64url'));
const preset = (page) => page.getByRole('region', { name: 'API gateway preset' });

/**
 * Pastes a token into the page in Decode mode with an empty key box first (so a "Signature
 * verified" left from an earlier token cannot count), then its key or secret; returns the
 * status text once it matches `expected`.
 */
async function verifyInPage(page, token, { publicKey, secret }, expected = /Signature verified/) {
  const u = ui(page);
  const box = secret !== undefined ? u.secret : u.publicKey;
  await u.token.fill(token);
  if (secret !== undefined) await u.secretEncoding.selectOption({ index: 0 }); // UTF-8
  await box.fill('');
  await expectStatus(page, /^Not verified/);
  assert.equal(await u.algorithm.inputValue(), decodePart(token, 0).alg, 'the page read this token');
  await box.fill(secret ?? publicKey);
  return expectStatus(page, expected);
}

/** Polls the page's Encoded token until `accept(header, payload)` holds; returns the token. */
async function waitForToken(page, accept, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let token = '';
  while (Date.now() < deadline) {
    token = await ui(page).token.inputValue();
    try {
      if (accept(decodePart(token, 0), decodePart(token, 1))) return token;
    } catch {
      // not a decodable token yet
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`the Encoded token never matched: ${token}`);
}

/** Flips one character in the middle of the signature (still base64url). */
function tamper(token) {
  const i = token.lastIndexOf('.') + 5;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

test('tokens signed by the command line (ES256, RS256, HS256) and its gateway token verify in the page', async () => {
  const p256 = keygen('p256');
  const rsa = keygen('rsa2048');
  const p256Public = readFileSync(join(p256.dir, 'public.pem'), 'utf8');
  const rsaPublic = readFileSync(join(rsa.dir, 'public.pem'), 'utf8');
  const secretDir = tmp();
  const secret = 'command-line-secret-of-at-least-32-bytes';
  writeFileSync(join(secretDir, 'secret'), secret);

  const es256 = tokenOf(
    ok(['sign', '--alg', 'ES256', '--key', join(p256.dir, 'private.pem'), '--kid', p256.kid, '--sub', 'cli-es256', '--iat', 'now', '--exp', '+600']),
  );
  const rs256 = tokenOf(ok(['sign', '--alg', 'RS256', '--key', join(rsa.dir, 'private.pem'), '--sub', 'cli-rs256', '--iat', 'now', '--exp', '+600']));
  const hs256 = tokenOf(ok(['sign', '--alg', 'HS256', '--secret-file', join(secretDir, 'secret'), '--sub', 'cli-hs256', '--iat', 'now', '--exp', '+600']));
  const gateway = tokenOf(ok(['gateway', '--app-id', 'cli-app', '--key-id', rsa.kid, '--key', join(rsa.dir, 'private.pem')]));

  // Node's crypto agrees before the page is asked.
  assert.ok(verifyJwt(es256, crypto.createPublicKey(p256Public)), 'Node verifies the ES256 token');
  assert.ok(verifyJwt(rs256, crypto.createPublicKey(rsaPublic)), 'Node verifies the RS256 token');
  assert.equal(hs256.split('.')[2], crypto.createHmac('sha256', secret).update(hs256.split('.').slice(0, 2).join('.')).digest('base64url'));
  assert.match(opensslVerify(gateway, rsaPublic), /Verified OK/);
  assert.deepEqual(decodePart(gateway, 0), { typ: 'JWT', alg: 'RS256', kid: rsa.kid });

  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await verifyInPage(page, es256, { publicKey: p256Public });
  // The page does check: the same token with one signature character changed is invalid.
  await verifyInPage(page, tamper(es256), { publicKey: p256Public }, /Invalid signature/);
  // The JWKS keygen wrote, key picked by the token's kid.
  const text = await verifyInPage(page, es256, { publicKey: readFileSync(join(p256.dir, 'jwks.json'), 'utf8') });
  assert.match(text, new RegExp(`kid "${p256.kid}"`));
  await verifyInPage(page, rs256, { publicKey: rsaPublic });
  await verifyInPage(page, rs256, { publicKey: readFileSync(join(rsa.dir, 'public.jwk.json'), 'utf8') });
  await verifyInPage(page, hs256, { secret });
  await verifyInPage(page, gateway, { publicKey: rsaPublic });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an HS256 token signed in Encode mode verifies with jwt-debugger verify --secret-file', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  const secret = 'page-made-secret-of-at-least-thirty-two-bytes';
  await u.encode.click();
  await u.algorithm.selectOption('HS256');
  await u.secretEncoding.selectOption({ index: 0 }); // UTF-8
  await u.payload.fill(`{"sub":"from-the-page","iat":${now()}}`);
  await u.secret.fill(secret);
  await expectStatus(page, /Signature verified/);
  const token = await waitForToken(page, (h, p) => h.alg === 'HS256' && p.sub === 'from-the-page');
  // Node's HMAC agrees before the command line is asked.
  const [h, p, s] = token.split('.');
  assert.equal(s, crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));

  const dir = tmp();
  writeFileSync(join(dir, 'secret'), secret);
  const out = ok(['verify', token, '--secret-file', join(dir, 'secret')]);
  assert.match(out, /Signature verified/);
  ok(['verify', token, '--secret-file', join(dir, 'secret'), '--alg', 'HS256']);
  // JWT_SECRET too, and the token through stdin.
  ok(['verify', '-'], { input: `${token}\n`, extraEnv: { JWT_SECRET: secret } });
  // A different secret: exit 1.
  writeFileSync(join(dir, 'wrong'), `${secret}!`);
  const wrong = cli(['verify', token, '--secret-file', join(dir, 'wrong')]);
  assert.equal(wrong.status, 1, wrong.stderr);
  const v = JSON.parse(ok(['verify', token, '--secret-file', join(dir, 'secret'), '--json']));
  assert.equal(v.status, 'verified');
  assert.equal(v.alg, 'HS256');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page\'s gateway preset signed with a keygen private key verifies with jwt-debugger verify', async () => {
  const rsa = keygen('rsa2048');
  const publicPem = join(rsa.dir, 'public.pem');
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  await u.encode.click();
  await u.privateKey.fill(readFileSync(join(rsa.dir, 'private.pem'), 'utf8'));
  const p = preset(page);
  await p.getByRole('textbox', { name: 'Application ID' }).fill('page-app-42');
  // The page's default Key ID is the RFC 7638 thumbprint of the signing key: the kid keygen printed.
  const jwk = JSON.parse(readFileSync(join(rsa.dir, 'public.jwk.json'), 'utf8'));
  assert.equal(thumbprint(jwk), rsa.kid, 'keygen prints the RFC 7638 thumbprint');
  const keyId = p.getByRole('textbox', { name: 'Key ID' });
  await page.waitForFunction(
    ([el, kid]) => el.value === kid,
    [await keyId.elementHandle(), rsa.kid],
    { timeout: 10000 },
  );
  await p.getByRole('spinbutton', { name: 'Lifetime (seconds)' }).fill('900');
  await p.getByRole('button', { name: 'Apply preset' }).click();
  const token = await waitForToken(page, (h, c) => h.kid === rsa.kid && c.iss === 'page-app-42');
  await expectStatus(page, /Signature verified/);
  assert.ok(verifyJwt(token, crypto.createPublicKey(readFileSync(publicPem, 'utf8'))), 'Node verifies the page\'s token');
  assert.deepEqual(decodePart(token, 0), { typ: 'JWT', alg: 'RS256', kid: rsa.kid });
  const claims = decodePart(token, 1);
  assert.equal(claims.iss, 'page-app-42');
  assert.equal(claims.exp - claims.iat, 900);

  assert.match(ok(['verify', token, '--key', publicPem]), /Signature verified/);
  ok(['verify', token, '--key', publicPem, '--alg', 'RS256']);
  ok(['verify', token, '--key', join(rsa.dir, 'jwks.json'), '--alg', 'RS256']);
  const pinned = cli(['verify', token, '--key', publicPem, '--alg', 'PS256']);
  assert.equal(pinned.status, 1, `--alg PS256 does not accept an RS256 token: ${pinned.stderr}`);
  // The command line's own decode reads the page's token the same way.
  const decoded = JSON.parse(ok(['decode', '--json', token]));
  assert.deepEqual(decoded.header, { typ: 'JWT', alg: 'RS256', kid: rsa.kid });
  assert.equal(decoded.payload.aud, 'page-app-42');
  assert.deepEqual(errors, []);
  await context.close();
});
