// Key generation in the worker and the API gateway workflow, end to end: the page's key and
// token are checked with the openssl command line and an independent RFC 7638 thumbprint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, openApp, ui, expectStatus, withBrowser, WITHOUT_WEBCRYPTO } from './support.mjs';
import { opensslVerify, thumbprint, verifyJwt } from './jose.mjs';

const env = withBrowser();

const generator = (page) => page.getByRole('region', { name: 'Generate a key' });
const preset = (page) => page.getByRole('region', { name: 'API gateway preset' });

/** Picks a key type, generates, and waits for the result (RSA takes seconds in wasm). */
async function generate(page, label) {
  const g = generator(page);
  await g.getByRole('combobox', { name: 'Key type' }).selectOption(label);
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 120000 });
}

test('RSA-2048 + gateway preset: openssl verifies the token with the page\'s public key', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await generate(page, 'RSA 2048');
  const g = generator(page);
  const publicPem = await g.getByRole('textbox', { name: 'Generated public key' }).inputValue();
  const privatePem = await g.getByRole('textbox', { name: 'Generated private key' }).inputValue();
  assert.match(publicPem, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.match(privatePem, /^-----BEGIN PRIVATE KEY-----\n/);
  const jwk = JSON.parse(await g.getByRole('textbox', { name: 'Public JWK' }).inputValue());
  const kid = await g.getByRole('textbox', { name: 'Key ID' }).inputValue();
  assert.equal(thumbprint(jwk), kid, 'Key ID is the RFC 7638 thumbprint of the Public JWK');
  assert.equal(jwk.kid, kid);
  // openssl agrees that the PEM pair belongs together.
  const dir = mkdtempSync(join(tmpdir(), 'jwt-e2e-'));
  writeFileSync(join(dir, 'priv.pem'), privatePem);
  const derived = execFileSync('openssl', ['pkey', '-in', join(dir, 'priv.pem'), '-pubout']).toString();
  assert.equal(derived, publicPem, 'openssl pkey -pubout of the private key equals the public key');

  const p = preset(page);
  await p.getByRole('textbox', { name: 'Application ID' }).fill('my-app-123');
  assert.equal(await p.getByRole('textbox', { name: 'Key ID' }).inputValue(), kid, 'Key ID defaults to the key\'s thumbprint');
  assert.equal(await p.getByRole('spinbutton', { name: 'Lifetime (seconds)' }).inputValue(), '600');
  await p.getByRole('button', { name: 'Apply preset' }).click();
  await expectStatus(page, /Signature verified/);
  const token = await ui(page).token.inputValue();
  const [h, pl] = token.split('.').slice(0, 2).map((s) => JSON.parse(Buffer.from(s, 'base64url')));
  assert.deepEqual(h, { typ: 'JWT', alg: 'RS256', kid });
  assert.equal(pl.iss, 'my-app-123');
  assert.equal(pl.sub, 'my-app-123');
  assert.equal(pl.aud, 'my-app-123');
  assert.equal(pl.exp - pl.iat, 600);
  assert.ok(Math.abs(pl.iat - Date.now() / 1000) < 60);
  assert.match(opensslVerify(token, publicPem), /Verified OK/);

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await p.getByRole('textbox', { name: 'API URL' }).fill('https://gateway.example/api/v1/things');
  await p.getByRole('button', { name: 'Copy as curl' }).click();
  await p.getByRole('button', { name: 'Copy as curl' }).filter({ hasText: 'Copied' }).waitFor();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(curl, `curl -H 'Authorization: Bearer ${token}' 'https://gateway.example/api/v1/things'`);
  assert.equal(await p.getByRole('textbox', { name: 'curl command' }).inputValue(), curl, 'the copied line is shown');
  await p.getByRole('spinbutton', { name: 'Lifetime (seconds)' }).fill('1');
  await p.getByRole('alert').filter({ hasText: /1-second token expires/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [label, alg] of [
  ['RSA 3072', 'RS256'],
  ['EC P-256', 'ES256'],
  ['EC P-384', 'ES384'],
  ['EC P-521', 'ES512'],
  ['Ed25519', 'EdDSA'],
  ['HMAC 256-bit', 'HS256'],
  ['HMAC 384-bit', 'HS384'],
  ['HMAC 512-bit', 'HS512'],
]) {
  test(`${label}: generate, sign with ${alg} in Encode mode, verify after switching back`, async () => {
    const { page, context, errors } = await openApp(env.browser, env.server.url);
    await generate(page, label);
    const u = ui(page);
    await u.encode.click();
    await u.algorithm.selectOption(alg);
    await expectStatus(page, /Signature verified/);
    const token = await u.token.inputValue();
    await u.decode.click();
    await expectStatus(page, /Signature verified/);
    if (!alg.startsWith('HS')) {
      const publicPem = await generator(page).getByRole('textbox', { name: 'Generated public key' }).inputValue();
      assert.ok(verifyJwt(token, crypto.createPublicKey(publicPem)), 'Node verifies the page\'s token');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('without WebCrypto the worker generates: the page stays responsive during RSA-4096, and cancel stops it', async () => {
  // WebCrypto generates in well under the time this test needs to click; the Rust generator in
  // the worker (the fallback) takes seconds, so it is the one whose responsiveness and
  // cancellation are tested here.
  const { page, context } = await openApp(env.browser, env.server.url, { init: WITHOUT_WEBCRYPTO });
  await expectStatus(page, /^Signature verified/);
  const g = generator(page);
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('RSA 4096');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generating RSA 4096 key/).waitFor();
  // A click on another control is handled while the worker computes.
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  const before = await theme();
  await page.getByRole('button', { name: /^Theme/ }).click();
  assert.notEqual(await theme(), before, 'the theme button responded');
  assert.ok(await g.getByText(/Generating RSA 4096 key/).isVisible(), 'still generating when the click was handled');
  await g.getByRole('button', { name: 'Cancel' }).click();
  await g.getByText('Cancelled.').waitFor();
  await context.close();
});

test('a token made by an openssl + jq shell script verifies in the page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-e2e-'));
  const script = new URL('./fixtures/openssl-jwt.sh', import.meta.url).pathname;
  const token = execFileSync('bash', [script, dir, 'script-app', 'script-kid']).toString().trim();
  const publicPem = execFileSync('openssl', ['rsa', '-in', join(dir, 'jwt_private.pem'), '-pubout'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const { page, context } = await openApp(env.browser, env.server.url);
  await ui(page).token.fill(token);
  await ui(page).publicKey.fill(publicPem);
  await expectStatus(page, /Signature verified/);
  await context.close();
});
