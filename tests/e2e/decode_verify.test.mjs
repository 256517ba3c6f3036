// Decode and verify: one token per algorithm family, each with a different key format, signed
// by Node's crypto; a one-character tamper turns each into "Invalid signature".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { serve, launch, openApp, ui, expectStatus } from './support.mjs';
import { signJwt, certificateFor, now } from './jose.mjs';

let browser, server, page, context, errors;
before(async () => {
  browser = await launch();
  server = await serve();
  ({ page, context, errors } = await openApp(browser, server.url));
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const claims = () => ({ sub: 'e2e', iat: now(), exp: now() + 600 });

/** Flips one character of the signature (keeping it valid base64url). */
function tamper(token) {
  const i = token.lastIndexOf('.') + 5;
  const c = token[i] === 'A' ? 'B' : 'A';
  return token.slice(0, i) + c + token.slice(i + 1);
}

test('the example token is verified on first load', async () => {
  await expectStatus(page, /Signature verified/);
  // Pretty-printed by default (two-space indent, "name": value).
  assert.match(await ui(page).header.inputValue(), /^{\n  "alg": "RS256",/);
});

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
const p521 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-521' });
const ed = crypto.generateKeyPairSync('ed25519');
const jwk = (k) => k.export({ format: 'jwk' });

const cases = [
  { name: 'RS256 with a PEM SPKI public key', alg: 'RS256', key: rsa.privateKey, verify: rsa.publicKey.export({ type: 'spki', format: 'pem' }) },
  { name: 'RS384 with a PKCS#1 RSA PUBLIC KEY', alg: 'RS384', key: rsa.privateKey, verify: rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) },
  { name: 'PS256 with an RSA public JWK', alg: 'PS256', key: rsa.privateKey, verify: JSON.stringify(jwk(rsa.publicKey)) },
  { name: 'PS512 with a PKCS#1 private key PEM (its public half)', alg: 'PS512', key: rsa.privateKey, verify: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) },
  { name: 'ES256 with an X.509 certificate', alg: 'ES256', key: p256.privateKey, verify: certificateFor(p256.privateKey) },
  { name: 'ES384 with an EC public JWK', alg: 'ES384', key: p384.privateKey, verify: JSON.stringify(jwk(p384.publicKey)) },
  {
    name: 'ES512 with a JWKS, key picked by kid',
    alg: 'ES512',
    key: p521.privateKey,
    header: { kid: 'second' },
    verify: JSON.stringify({ keys: [{ ...jwk(p384.publicKey), kid: 'first' }, { ...jwk(p521.publicKey), kid: 'second' }] }),
    detail: /kid "second"/,
  },
  { name: 'EdDSA with a PEM SPKI Ed25519 key', alg: 'EdDSA', key: ed.privateKey, verify: ed.publicKey.export({ type: 'spki', format: 'pem' }) },
];

for (const c of cases) {
  test(`decode and verify ${c.name}; a tampered signature is invalid`, async () => {
    const token = signJwt(c.alg, c.key, claims(), c.header);
    const u = ui(page);
    await u.token.fill(token);
    await u.publicKey.fill(c.verify);
    const text = await expectStatus(page, /Signature verified/);
    if (c.detail) assert.match(text, c.detail);
    assert.equal(await u.algorithm.inputValue(), c.alg);
    await u.token.fill(tamper(token));
    await expectStatus(page, /Invalid signature/);
  });
}

for (const [encoding, secretText, secretBytes] of [
  ['UTF-8', 'a-secret-of-at-least-thirty-two-bytes!!', Buffer.from('a-secret-of-at-least-thirty-two-bytes!!')],
  ['base64url', crypto.randomBytes(48).toString('base64url'), null],
  ['hex', crypto.randomBytes(64).toString('hex'), null],
]) {
  test(`decode and verify HS256/384/512 with a ${encoding} secret`, async () => {
    const bytes = secretBytes ?? Buffer.from(secretText, encoding === 'hex' ? 'hex' : 'base64url');
    const alg = { 'UTF-8': 'HS256', base64url: 'HS384', hex: 'HS512' }[encoding];
    const token = signJwt(alg, bytes, claims());
    const u = ui(page);
    await u.token.fill(token);
    await u.secretEncoding.selectOption(encoding === 'UTF-8' ? { index: 0 } : { label: encoding });
    await u.secret.fill(secretText);
    await expectStatus(page, /Signature verified/);
    // A different secret that is still valid in its encoding: the MAC must not match.
    const other = (secretText[0] === 'a' ? 'b' : 'a') + secretText.slice(1);
    await u.secret.fill(other);
    await expectStatus(page, /Invalid signature/);
  });
}

test('a correctly signed but expired token says both', async () => {
  const token = signJwt('ES256', p256.privateKey, { sub: 'old', iat: now() - 7200, exp: now() - 3600 });
  const u = ui(page);
  await u.token.fill(token);
  await u.publicKey.fill(JSON.stringify(jwk(p256.publicKey)));
  await expectStatus(page, /Signature verified/);
  await page.getByText(/Time: expired 1 h ago/).waitFor();
});

test('a pasted "Bearer " token with line breaks decodes and the repairs are shown', async () => {
  const token = signJwt('EdDSA', ed.privateKey, claims());
  const wrapped = `Bearer ${token.slice(0, 40)}\n${token.slice(40)}`;
  const u = ui(page);
  await u.token.fill(wrapped);
  await u.publicKey.fill(ed.publicKey.export({ type: 'spki', format: 'pem' }));
  const text = await expectStatus(page, /Signature verified/);
  assert.match(text, /strict verifiers reject/);
  await page.getByText(/removed the "Bearer" prefix/).waitFor();
  await page.getByText(/line break/).first().waitFor();
});

test('a 1 MB token decodes and the page keeps responding', async () => {
  const big = { sub: 'big', blob: 'x'.repeat(1024 * 1024), iat: now(), exp: now() + 600 };
  const token = signJwt('HS256', Buffer.from('k'.repeat(32)), big);
  assert.ok(token.length > 1024 * 1024);
  const u = ui(page);
  await u.token.fill(token);
  await u.secretEncoding.selectOption({ index: 0 }); // UTF-8, whatever an earlier test chose
  await u.secret.fill('k'.repeat(32));
  await expectStatus(page, /Signature verified/, 30000);
  // A click elsewhere is still handled with the megabyte on screen.
  const before = await page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
  await page.getByRole('button', { name: /^Theme/ }).click({ timeout: 5000 });
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.theme ?? 'system'), before);
  await page.getByRole('button', { name: /^Theme/ }).click();
  await page.getByRole('button', { name: /^Theme/ }).click();
});

test('garbage input keeps the page alive and explains itself', async () => {
  const u = ui(page);
  const garbage = [
    '',
    '...',
    'not a token',
    'a.b.c.d.e',
    '\u0000\uffff.\ud800.x',
    'eyJhbGciOiJIUzI1NiJ9.' + 'A'.repeat(5000) + '.sig',
    '{"alg":"none"}',
    'x'.repeat(200000),
  ];
  for (const g of garbage) {
    await u.token.fill(g);
    await u.status.waitFor();
  }
  await u.publicKey.fill('-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----');
  await u.token.fill('a.b.c.d.e');
  await page.getByText(/JWE|encrypted/i).first().waitFor();
  const token = signJwt('RS256', rsa.privateKey, claims());
  await u.token.fill(token);
  await u.publicKey.fill(rsa.publicKey.export({ type: 'spki', format: 'pem' }));
  await expectStatus(page, /Signature verified/);
  assert.deepEqual(errors, [], 'no uncaught error, no panic');
});

test('a JWE made by node shows its header and coloured parts, and says it is not verified', async () => {
  // An RSA-OAEP-256 + A256GCM compact JWE built with Node's crypto (RFC 7516 section 5.1).
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const header = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' })).toString('base64url');
  const cek = crypto.randomBytes(32);
  const iv = crypto.randomBytes(12);
  const encryptedKey = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek);
  const cipher = crypto.createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update('{"sub":"secret"}'), cipher.final()]);
  const jwe = [header, encryptedKey, iv, ciphertext, cipher.getAuthTag()]
    .map((p, i) => (i === 0 ? p : Buffer.from(p).toString('base64url')))
    .join('.');
  const u = ui(page);
  await u.token.fill(jwe);
  await expectStatus(page, /^Not verified: this is an encrypted token \(JWE\)/);
  assert.match(await u.header.inputValue(), /"alg": "RSA-OAEP-256"/);
  assert.equal(await u.payload.inputValue(), '');
  await page.getByText(/An encrypted token \(JWE\): alg "RSA-OAEP-256", enc "A256GCM"; 256-byte encrypted key, 12-byte IV, 16-byte ciphertext, 16-byte tag/).waitFor();
  for (const part of ['part-header', 'part-key', 'part-iv', 'part-ciphertext', 'part-tag']) {
    assert.equal(await page.locator(`.token-backdrop .${part}`).count(), 1, part);
  }
  assert.equal(await page.locator('.token-notes .field-error').count(), 0, 'no decoding error');
});
