// The page signs and verifies on WebCrypto where the browser has it, and on its Rust engine
// where it does not (an insecure context: plain http on a non-local host). Both must give the
// same verdicts; these tests run the page without WebCrypto. (The engines are cross-checked on
// the Wycheproof vectors in tests/browser_engines.rs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, ui, expectStatus, withBrowser, WITHOUT_WEBCRYPTO } from './support.mjs';
import { signJwt, verifyJwt } from './jose.mjs';

const env = withBrowser();

test('without WebCrypto the page verifies, rejects and signs with its Rust engine, in the worker', async () => {
  const { page, context, errors, requests } = await openApp(env.browser, env.server.url, { init: WITHOUT_WEBCRYPTO });
  const u = ui(page);
  assert.equal(await page.evaluate(() => crypto.subtle), undefined, 'WebCrypto is really gone');
  await expectStatus(page, /^Signature verified with PEM SPKI/);
  // The Rust engine is not in the page's own wasm: its worker was downloaded to do the work.
  assert.ok(requests.some((u) => /keygen_bg\.wasm$/.test(u)), `the engine's worker loaded: ${requests.join(', ')}`);
  const examplePublic = await u.publicKey.inputValue();

  // Verification: an ES256 token from Node verifies; a changed signature does not.
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const token = signJwt('ES256', ec.privateKey, { sub: 'fallback' });
  await u.publicKey.fill(ec.publicKey.export({ type: 'spki', format: 'pem' }));
  await u.token.fill(token);
  await expectStatus(page, /^Signature verified/);
  const sig = Buffer.from(token.split('.')[2], 'base64url');
  sig[5] ^= 1;
  await u.token.fill(`${token.split('.').slice(0, 2).join('.')}.${sig.toString('base64url')}`);
  await expectStatus(page, /^Invalid signature/);

  // Signing: Encode mode signs the example RS256 header with the example key.
  await u.publicKey.fill(examplePublic);
  await u.token.fill(signJwt('ES256', ec.privateKey, {})); // any token: Encode starts from its JSON
  await u.encode.click();
  await u.header.fill('{"alg":"RS256","typ":"JWT"}');
  await u.payload.fill('{"sub":"signed without WebCrypto"}');
  await expectStatus(page, /^Signature verified/);
  const signed = await u.token.inputValue();
  assert.ok(verifyJwt(signed, crypto.createPublicKey(examplePublic)), 'Node verifies the Rust engine\'s RS256 signature');
  assert.deepEqual(errors, []);
  await context.close();
});

test('with WebCrypto the first view does not download the Rust engine', async () => {
  const { page, context, errors, requests } = await openApp(env.browser, env.server.url);
  await expectStatus(page, /^Signature verified/);
  assert.ok(!requests.some((u) => /keygen/.test(u)), `no worker requested: ${requests.join(', ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});
