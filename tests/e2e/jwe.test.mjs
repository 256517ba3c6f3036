// Encrypted tokens (JWE) made by an independent implementation, panva's `jose` (npm, installed by
// `npm ci`), decrypted in the real page: the Decryption key box, the Decryption status, the
// Plaintext, and a nested JWT whose inner token fills the usual panes and is verified.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import * as jose from 'jose';
import { serve, launch, openApp, ui, expectStatus, foreignRequests, expectNamedStatus } from './support.mjs';

let browser, server, page, context, requests, errors;
before(async () => {
  browser = await launch();
  server = await serve();
  ({ page, context, requests, errors } = await openApp(browser, server.url));
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const pem = (key, type) => key.export({ type, format: 'pem' });
const decryptionKey = () => page.getByRole('textbox', { name: 'Decryption key', exact: true });
/** Waits until the Decryption status matches `pattern`; returns its text. */
const expectDecryption = (pattern, timeout) => expectNamedStatus(page, 'Decryption status', pattern, timeout);
const plaintext = () => page.getByRole('textbox', { name: 'Plaintext', exact: true });
const curl = () => page.getByRole('textbox', { name: 'curl command' });

/** Pastes `token`, then `key` (if any) in the Decryption key box. */
async function paste(token, key) {
  await ui(page).token.fill(token);
  await decryptionKey().fill(key ?? '');
}

const claims = { sub: 'alice', aud: 'api', scope: 'read' };
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

test('an RSA-OAEP-256 + A256GCM token from jose: not decrypted, decrypted, and a wrong key fails', async () => {
  const token = await new jose.EncryptJWT(claims)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
    .encrypt(rsa.publicKey);
  await paste(token, '');
  assert.match(await expectDecryption(/^Not decrypted/), /RSA-OAEP-256 needs the recipient's private key/);
  await decryptionKey().fill(pem(rsa.privateKey, 'pkcs8'));
  // The worker decrypts on its WebCrypto: the RSA private key operation and AES-GCM are native.
  assert.match(await expectDecryption(/^Decrypted/), /^Decrypted by WebCrypto \(RSA-OAEP, AES-GCM\):/);
  assert.deepEqual(JSON.parse(await plaintext().inputValue()), claims);
  // Copy as curl sends the token in the box: the JWE.
  assert.match(await curl().inputValue(), new RegExp(`Bearer ${token.replace(/[.]/g, '[.]')}'`));
  // The header shown is the JWE's protected header; claims encrypted directly are the payload.
  assert.match(await ui(page).header.inputValue(), /"enc": "A256GCM"/);
  assert.deepEqual(JSON.parse(await ui(page).payload.inputValue()), claims);
  await decryptionKey().fill(pem(other.privateKey, 'pkcs8'));
  await expectDecryption(/^Decryption failed/);
  assert.equal(await plaintext().count(), 0, 'no plaintext after a failure');
  // The work was done in the engine's worker, downloaded for it; nothing left the origin.
  assert.ok(requests.some((u) => /keygen_bg\.wasm$/.test(u)), 'the worker was loaded');
  assert.deepEqual(foreignRequests(requests, server.origin), []);
});

test('dir + A128CBC-HS256 with base64url key bytes, and PBES2 with a password', async () => {
  const secret = crypto.randomBytes(32);
  const dir = await new jose.CompactEncrypt(new TextEncoder().encode('dir plaintext'))
    .setProtectedHeader({ alg: 'dir', enc: 'A128CBC-HS256' })
    .encrypt(secret);
  await paste(dir, secret.toString('base64url'));
  await expectDecryption(/^Decrypted/);
  assert.equal(await plaintext().inputValue(), 'dir plaintext');

  const pbes2 = await new jose.CompactEncrypt(new TextEncoder().encode('password plaintext'))
    .setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 2048 })
    .encrypt(new TextEncoder().encode('correct horse battery staple'));
  await paste(pbes2, 'correct horse battery staple');
  assert.match(await expectDecryption(/^Decrypted/), /^Decrypted by WebCrypto \(PBKDF2, AES-KW, AES-GCM\):/);
  assert.equal(await plaintext().inputValue(), 'password plaintext');
  await decryptionKey().fill('wrong password');
  await expectDecryption(/^Decryption failed/);
});

test('a nested JWT (signed, then encrypted to P-256 with ECDH-ES+A256KW) is decrypted and its signature verified', async () => {
  const signer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const recipient = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const inner = await new jose.SignJWT({ sub: 'nested', iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .sign(signer.privateKey);
  const token = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' })
    .encrypt(recipient.publicKey);
  await paste(token, pem(recipient.privateKey, 'pkcs8'));
  assert.match(await expectDecryption(/^Decrypted/), /signed JWT/);
  assert.equal((await plaintext().inputValue()).trim(), inner);
  // The inner token fills the panes and the Signature status applies to it.
  assert.match(await ui(page).header.inputValue(), /"alg": "ES256"/);
  assert.match(await ui(page).payload.inputValue(), /"sub": "nested"/);
  await ui(page).publicKey.fill(pem(signer.publicKey, 'spki'));
  await expectStatus(page, /^Signature verified/);
  await ui(page).publicKey.fill(pem(recipient.publicKey, 'spki'));
  await expectStatus(page, /^Invalid signature/);
  assert.deepEqual(errors, []);
});

test('Encode mode encrypts the signed token (nested, cty JWT), and jose decrypts it', async () => {
  const u = ui(page);
  await u.token.fill(await new jose.SignJWT({ sub: 'start' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32)));
  await u.encode.click();
  await u.algorithm.selectOption('RS256');
  await expectStatus(page, /^Signature verified/);
  const examplePublic = crypto.createPublicKey(crypto.createPrivateKey(await u.privateKey.inputValue()));
  await page.getByRole('switch', { name: 'Encrypt' }).check();
  const status = page.getByRole('status', { name: 'Encryption status' });
  const recipient = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cases = [
    ['RSA-OAEP-256', 'A256GCM', pem(recipient.publicKey, 'spki'), recipient.privateKey],
    ['dir', 'A128CBC-HS256', Buffer.alloc(32, 7).toString('base64url'), Buffer.alloc(32, 7)],
    ['PBES2-HS256+A128KW', 'A192GCM', 'a long passphrase', new TextEncoder().encode('a long passphrase')],
  ];
  const keyBox = page.getByRole('textbox', { name: 'Encryption key', exact: true });
  for (const [alg, enc, key, decryptWith] of cases) {
    // The key box is emptied first (the Encoded box falls back to the signed token), so the
    // next JWE of this alg and enc is made with this case's key.
    await keyBox.fill('');
    await page.waitForFunction(() => document.querySelector('textarea[aria-label="Encoded token"]').value.split('.').length === 3);
    await page.getByRole('combobox', { name: 'Key management algorithm' }).selectOption(alg);
    await page.getByRole('combobox', { name: 'Content encryption' }).selectOption(enc);
    await keyBox.fill(key);
    await page.waitForFunction(
      () => document.querySelector('[role=status][aria-label="Encryption status"]')?.textContent.startsWith('Encrypted'),
      null,
      { timeout: 15000 },
    );
    let token = await u.token.inputValue();
    const header = (t) => (t.split('.').length === 5 ? JSON.parse(Buffer.from(t.split('.')[0], 'base64url')) : {});
    for (let i = 0; i < 100 && (header(token).alg !== alg || header(token).enc !== enc); i++) {
      await page.waitForTimeout(50);
      token = await u.token.inputValue();
    }
    assert.equal(token.split('.').length, 5, `${alg}: the Encoded token is a JWE`);
    // jose refuses PBES2 unless asked for it by name.
    const { plaintext, protectedHeader } = await jose.compactDecrypt(token, decryptWith, { keyManagementAlgorithms: [alg] });
    assert.deepEqual([protectedHeader.alg, protectedHeader.enc, protectedHeader.cty], [alg, enc, 'JWT']);
    const { payload } = await jose.jwtVerify(new TextDecoder().decode(plaintext), examplePublic);
    assert.ok(payload, `${alg}: the inner token verifies with the example key`);
  }
  // The status names the engines; Chromium's WebCrypto has no 192-bit AES, so the Rust engine
  // made the last case's A192GCM.
  assert.match(await status.textContent(), /^Encrypted: the Encoded token is a JWE .*, made by WebCrypto \(PBKDF2, AES-KW\) and the Rust engine \(AES-GCM\)/);
  const jwe = await u.token.inputValue();
  assert.ok((await curl().inputValue()).includes(`Bearer ${jwe}'`), 'Copy as curl sends the JWE');
  await page.getByRole('switch', { name: 'Encrypt' }).uncheck();
  assert.equal((await u.token.inputValue()).split('.').length, 3, 'off again: the signed token');
  assert.deepEqual(errors, []);
});

test('Decode mode takes Encode mode\'s JWE, and its shared secret decrypts it', async () => {
  const u = ui(page);
  // An empty Decryption key box first (the earlier tests left keys in it).
  await u.decode.click();
  const secret = new Uint8Array(32).fill(9);
  await u.token.fill(await new jose.CompactEncrypt(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(secret));
  await decryptionKey().fill('');
  // And an empty verification key box, which Decode mode then fills with the signing key's
  // public half.
  await u.publicKey.fill('');
  await u.token.fill(await new jose.SignJWT({ sub: 'round trip' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32)));
  await u.encode.click();
  await u.algorithm.selectOption('RS256');
  await page.getByRole('switch', { name: 'Encrypt' }).check();
  await page.getByRole('combobox', { name: 'Key management algorithm' }).selectOption('PBES2-HS256+A128KW');
  await page.getByRole('combobox', { name: 'Content encryption' }).selectOption('A256GCM');
  await page.getByRole('textbox', { name: 'Encryption key', exact: true }).fill('round trip passphrase');
  await page.waitForFunction(
    () => {
      const parts = document.querySelector('textarea[aria-label="Encoded token"]').value.split('.');
      if (parts.length !== 5) return false;
      const header = JSON.parse(atob(parts[0].replace(/-/g, '+').replace(/_/g, '/')));
      return header.alg === 'PBES2-HS256+A128KW' && header.enc === 'A256GCM';
    },
    null,
    { timeout: 15000 },
  );
  const jwe = await u.token.inputValue();
  await u.decode.click();
  // The Encoded box keeps the JWE (not the signed token inside it), and the passphrase that
  // made it is in the Decryption key box.
  assert.equal(await u.token.inputValue(), jwe);
  assert.equal(await decryptionKey().inputValue(), 'round trip passphrase');
  assert.match(await expectDecryption(/^Decrypted/), /signed JWT/);
  assert.match(await u.payload.inputValue(), /"sub": "round trip"/);
  await expectStatus(page, /^Signature verified/);
  assert.deepEqual(errors, []);
});
