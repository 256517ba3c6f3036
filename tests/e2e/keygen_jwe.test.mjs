// Encryption (JWE) keys from the page's key generator, end to end, judged by an independent
// implementation, panva's `jose` (npm, installed by `npm ci`): the generated JWKs say
// `use: "enc"`, their JWE `alg` and the RFC 7638 kid; "Use as encryption key" makes Encode mode
// encrypt to the key (jose decrypts the Encoded JWE with the generated private JWK), and "Use as
// decryption key" decrypts a JWE jose made to the generated public JWK.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as jose from 'jose';
import { openApp, ui, expectStatus, withBrowser, WITHOUT_WEBCRYPTO, expectNamedStatus } from './support.mjs';

const env = withBrowser();

const generator = (page) => page.getByRole('region', { name: 'Generate a key' });
const output = (page, name) => generator(page).getByRole('textbox', { name, exact: true }).inputValue();
const encryptionKey = (page) => page.getByRole('textbox', { name: 'Encryption key', exact: true });
const decryptionKey = (page) => page.getByRole('textbox', { name: 'Decryption key', exact: true });
const plaintext = (page) => page.getByRole('textbox', { name: 'Plaintext', exact: true });
const header = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url'));

/** Picks a key type, generates, and waits for the result (RSA takes seconds without WebCrypto). */
async function generate(page, label) {
  const g = generator(page);
  await g.getByRole('combobox', { name: 'Key type' }).selectOption(label);
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 120000 });
}

/** The Encoded token once it is a JWE with this `alg` and `enc`. */
async function encodedJwe(page, alg, enc, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let token = '';
  while (Date.now() < deadline) {
    token = await ui(page).token.inputValue();
    if (token.split('.').length === 5 && header(token).alg === alg && header(token).enc === enc) return token;
    await page.waitForTimeout(50);
  }
  throw new Error(`the Encoded token is not a ${alg} ${enc} JWE: ${token}`);
}

/**
 * The generated key's JWKs, checked: `use: "enc"`, the JWK `alg`, and a kid that is the RFC 7638
 * thumbprint jose computes. Returns { publicJwk, privateJwk, publicText, privateText }; a secret
 * has only its `oct` JWK, used both ways.
 */
async function generatedJwks(page, jwkAlg, symmetric) {
  const privateText = await output(page, 'Private JWK');
  const privateJwk = JSON.parse(privateText);
  const publicText = symmetric ? privateText : await output(page, 'Public JWK');
  const publicJwk = JSON.parse(publicText);
  for (const jwk of [publicJwk, privateJwk]) {
    assert.equal(jwk.use, 'enc');
    assert.equal(jwk.alg, jwkAlg);
    assert.equal(jwk.kid, await jose.calculateJwkThumbprint(jwk), 'kid = RFC 7638 thumbprint');
  }
  if (symmetric) {
    assert.equal(privateJwk.kty, 'oct');
    assert.equal(privateJwk.k, await output(page, 'Generated private key'), 'the JWK holds the secret');
  } else {
    assert.equal(publicJwk.kid, await output(page, 'Key ID'));
    assert.equal(publicJwk.d, undefined, 'the public JWK has no private member');
    assert.ok(privateJwk.d, 'the private JWK has d');
    const jwks = JSON.parse(await output(page, 'JWKS'));
    assert.deepEqual(jwks.keys, [publicJwk]);
  }
  return { publicJwk, privateJwk, publicText, privateText };
}

const cases = [
  // [Key type label, header alg, enc, JWK alg, symmetric]
  ['RSA-OAEP-256 (RSA 2048)', 'RSA-OAEP-256', 'A256GCM', 'RSA-OAEP-256', false],
  ['ECDH-ES P-256', 'ECDH-ES', 'A256GCM', 'ECDH-ES', false],
  ['ECDH-ES P-521', 'ECDH-ES', 'A128CBC-HS256', 'ECDH-ES', false],
  ['X25519 (ECDH-ES)', 'ECDH-ES', 'A128GCM', 'ECDH-ES', false],
  ['A128KW (AES-128 key wrap)', 'A128KW', 'A128GCM', 'A128KW', true],
  ['A256KW (AES-256 key wrap)', 'A256KW', 'A256CBC-HS512', 'A256KW', true],
  // A dir key's JWK alg is the enc it is the key of (RFC 7520 section 5.6); Use sets both.
  ['dir + A256GCM', 'dir', 'A256GCM', 'A256GCM', true],
];

for (const [label, alg, enc, jwkAlg, symmetric] of cases) {
  test(`${label}: the JWKs say use enc and ${jwkAlg}; Use as encryption/decryption key work with jose`, async () => {
    const { page, context, errors } = await openApp(env.browser, env.server.url);
    await generate(page, label);
    const g = generator(page);
    assert.equal(await g.getByRole('button', { name: 'Use for signing' }).count(), 0, 'an encryption key does not sign');
    const { publicJwk, privateJwk, publicText, privateText } = await generatedJwks(page, jwkAlg, symmetric);

    // Encode mode, Encrypt on, then the generated key: the signed token is encrypted to it.
    const u = ui(page);
    await u.encode.click();
    await expectStatus(page, /^Signature verified/);
    await page.getByRole('switch', { name: 'Encrypt' }).check();
    if (label.startsWith('dir')) {
      // Another enc first, so that the button is seen to choose the dir key's own.
      await page.getByRole('combobox', { name: 'Content encryption' }).selectOption('A128GCM');
    }
    await g.getByRole('button', { name: 'Use as encryption key' }).click();
    assert.equal(await encryptionKey(page).inputValue(), publicText, 'the public JWK (a secret: its oct JWK) is the Encryption key');
    assert.equal(await page.getByRole('combobox', { name: 'Key management algorithm' }).inputValue(), alg);
    if (!label.startsWith('dir')) {
      await page.getByRole('combobox', { name: 'Content encryption' }).selectOption(enc);
    }
    assert.equal(await page.getByRole('combobox', { name: 'Content encryption' }).inputValue(), enc);
    await expectNamedStatus(page, 'Encryption status', /^Encrypted/);
    const token = await encodedJwe(page, alg, enc);
    assert.equal(header(token).cty, 'JWT');
    const opened = await jose.compactDecrypt(token, await jose.importJWK(privateJwk));
    const inner = new TextDecoder().decode(opened.plaintext);
    assert.equal(inner.split('.').length, 3, 'jose finds the signed token inside');

    // A JWE jose made to the generated public JWK, decrypted with "Use as decryption key".
    const message = `from jose to ${label} ✓`;
    const fromJose = await new jose.CompactEncrypt(new TextEncoder().encode(message))
      .setProtectedHeader({ alg, enc })
      .encrypt(await jose.importJWK(publicJwk));
    await u.decode.click();
    await u.token.fill(fromJose);
    await g.getByRole('button', { name: 'Use as decryption key' }).click();
    assert.equal(await decryptionKey(page).inputValue(), privateText, 'the private JWK is the Decryption key');
    await expectNamedStatus(page, 'Decryption status', /^Decrypted/);
    assert.equal(await plaintext(page).inputValue(), message);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the Key type select groups the encryption keys, and a new one leaves the page\'s keys alone', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const select = generator(page).getByRole('combobox', { name: 'Key type' });
  const group = (name) => select.locator(`optgroup[label="${name}"] option`);
  assert.deepEqual(await group('Signing (JWS)').allTextContents(), [
    'RSA 2048 (RS256)', 'RSA 3072 (RS256)', 'RSA 4096 (RS256)', 'EC P-256 (ES256)',
    'EC P-384 (ES384)', 'EC P-521 (ES512)', 'Ed25519 (EdDSA)', 'ML-DSA-44', 'ML-DSA-65',
    'ML-DSA-87', 'HMAC 256-bit (HS256)', 'HMAC 384-bit (HS384)', 'HMAC 512-bit (HS512)',
  ]);
  assert.deepEqual(await group('Encryption (JWE)').allTextContents(), [
    'RSA-OAEP-256 (RSA 2048)', 'RSA-OAEP-256 (RSA 3072)', 'RSA-OAEP-256 (RSA 4096)',
    'ECDH-ES P-256', 'ECDH-ES P-384', 'ECDH-ES P-521', 'X25519 (ECDH-ES)',
    'A128KW (AES-128 key wrap)', 'A192KW (AES-192 key wrap)', 'A256KW (AES-256 key wrap)',
    'dir + A256GCM',
  ]);
  // A signing key is adopted at once; an encryption key is not (it neither signs nor verifies):
  // the example token still verifies with the example public key.
  await expectStatus(page, /^Signature verified/);
  const publicKeyBefore = await ui(page).publicKey.inputValue();
  await generate(page, 'ECDH-ES P-384');
  await page.waitForTimeout(300);
  assert.equal(await ui(page).publicKey.inputValue(), publicKeyBefore);
  await expectStatus(page, /^Signature verified/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without WebCrypto the worker makes an RSA-OAEP key, and jose encrypts to it', async () => {
  const { page, context } = await openApp(env.browser, env.server.url, { init: WITHOUT_WEBCRYPTO });
  await generate(page, 'RSA-OAEP-256 (RSA 2048)');
  const { publicJwk } = await generatedJwks(page, 'RSA-OAEP-256', false);
  const fromJose = await new jose.CompactEncrypt(new TextEncoder().encode('worker key'))
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
    .encrypt(await jose.importJWK(publicJwk));
  await ui(page).token.fill(fromJose);
  await generator(page).getByRole('button', { name: 'Use as decryption key' }).click();
  await expectNamedStatus(page, 'Decryption status', /^Decrypted/, 30000);
  assert.equal(await plaintext(page).inputValue(), 'worker key');
  await context.close();
});
