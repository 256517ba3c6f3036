// Every finding of the security review, triggered by a token in the real page and shown in the
// region named "Findings" with its severity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import * as jose from 'jose';
import { serve, launch, openApp, ui, expectNamedStatus } from './support.mjs';
import { b64u, signJwt, now } from './jose.mjs';

let browser, server, page, context;
before(async () => {
  browser = await launch();
  server = await serve();
  ({ page, context } = await openApp(browser, server.url));
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const raw = (header, payload, sig = 'c2ln') => `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.${sig}`;
const fresh = () => ({ sub: 'x', iat: now(), exp: now() + 600 });
const rsa1024 = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const rsa2048 = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const derSig = (() => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return b64u(crypto.sign('sha256', Buffer.from('x'), ec.privateKey)); // DER by default
})();

// [finding id, expected severity, token, optional secret, optional public key]
const cases = [
  ['alg-none', 'Error', raw({ alg: 'none' }, fresh(), '')],
  ['alg-wrong-case', 'Warning', raw({ alg: 'hs256' }, fresh())],
  ['alg-missing', 'Error', raw({ typ: 'JWT' }, fresh())],
  ['alg-not-string', 'Error', raw({ alg: 256 }, fresh())],
  ['crit', 'Warning', raw({ alg: 'HS256', crit: ['exp'], exp: 1 }, fresh())],
  ['crit-invalid', 'Error', raw({ alg: 'HS256', crit: ['b64'] }, fresh())],
  ['header-jku', 'Warning', raw({ alg: 'RS256', jku: 'https://attacker.example/jwks.json' }, fresh())],
  ['header-x5u', 'Warning', raw({ alg: 'RS256', x5u: 'https://attacker.example/cert.pem' }, fresh())],
  ['header-jwk', 'Warning', raw({ alg: 'RS256', jwk: { kty: 'oct', k: 'AA' } }, fresh())],
  ['header-x5c', 'Warning', raw({ alg: 'RS256', x5c: ['MIIB'] }, fresh())],
  ['kid-suspicious', 'Warning', raw({ alg: 'HS256', kid: "../../../dev/null' OR 1=1 --" }, fresh())],
  ['typ-unusual', 'Info', raw({ alg: 'HS256', typ: 'something/else' }, fresh())],
  ['token-repaired', 'Info', raw({ alg: 'HS256' }, fresh(), 'c2lnIQ==')],
  ['claim-not-numeric', 'Error', raw({ alg: 'HS256' }, { exp: 'tomorrow' })],
  ['exp-missing', 'Warning', raw({ alg: 'HS256' }, { sub: 'x', iat: now() })],
  ['exp-before-iat', 'Error', raw({ alg: 'HS256' }, { iat: now(), exp: now() - 10 })],
  ['lifetime-long', 'Warning', raw({ alg: 'HS256' }, { iat: now(), exp: now() + 365 * 86400 })],
  ['nbf-future', 'Info', raw({ alg: 'HS256' }, { ...fresh(), nbf: now() + 3600 })],
  ['expired', 'Warning', raw({ alg: 'HS256' }, { iat: now() - 7200, exp: now() - 3600 })],
  ['iat-future', 'Warning', raw({ alg: 'HS256' }, { iat: now() + 3600, exp: now() + 7200 })],
  ['ecdsa-der', 'Error', raw({ alg: 'ES256' }, fresh(), derSig)],
  ['ecdsa-sig-length', 'Error', raw({ alg: 'ES256' }, fresh(), b64u(Buffer.alloc(10, 1)))],
  ['ecdsa-zero', 'Error', raw({ alg: 'ES256' }, fresh(), b64u(Buffer.alloc(64)))],
  ['hmac-secret-short', 'Error', signJwt('HS256', Buffer.from('short'), fresh()), 'short'],
  ['rsa-key-small', 'Error', signJwt('RS256', rsa1024.privateKey, fresh()), null, rsa1024.publicKey.export({ type: 'spki', format: 'pem' })],
  // Algorithm confusion: an HS256 token keyed with the server's RSA public key text.
  ['alg-key-mismatch', 'Error', signJwt('HS256', Buffer.from(rsa2048.publicKey.export({ type: 'spki', format: 'pem' })), fresh()), rsa2048.publicKey.export({ type: 'spki', format: 'pem' })],
  ['signature-empty', 'Error', raw({ alg: 'HS256' }, fresh(), '')],
  ['duplicate-member', 'Error', `${b64u('{"alg":"HS256","alg":"HS256"}')}.${b64u(JSON.stringify(fresh()))}.c2ln`],
  ['duplicate-member', 'Error', `${b64u('{"alg":"HS256"}')}.${b64u('{"sub":"a","sub":"admin"}')}.c2ln`],
  ['kid-suspicious', 'Warning', raw({ alg: 'HS256', kid: '$(touch x)|y' }, fresh())],
  // The token carries the very key it is verified with.
  ['key-self-vouching', 'Error', signJwt('RS256', rsa2048.privateKey, fresh(), { jwk: rsa2048.publicKey.export({ format: 'jwk' }) }), null, rsa2048.publicKey.export({ type: 'spki', format: 'pem' })],
  // A JWE's header, reviewed before (and without) decryption.
  ['jwe-rsa1_5', 'Warning', `${b64u(JSON.stringify({ alg: 'RSA1_5', enc: 'A128GCM' }))}.a2V5.aXY.Y2lwaGVy.dGFn`],
  ['jwe-p2c', 'Error', `${b64u(JSON.stringify({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 5000000, p2s: 'c2FsdA' }))}.a2V5.aXY.Y2lwaGVy.dGFn`],
  ['jwe-zip', 'Warning', `${b64u(JSON.stringify({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' }))}..aXY.Y2lwaGVy.dGFn`],
  ['key-alg-differs', 'Error', signJwt('RS256', rsa2048.privateKey, fresh()), null, JSON.stringify({ ...rsa2048.publicKey.export({ format: 'jwk' }), alg: 'RS512' })],
];

for (const [id, severity, token, secret, publicKey] of cases) {
  test(`finding ${id} is shown${severity ? ` as ${severity}` : ''}`, async () => {
    const u = ui(page);
    await u.token.fill(token);
    if (secret) await u.secret.fill(secret);
    if (publicKey) await u.publicKey.fill(publicKey);
    const item = u.findings.locator(`[data-finding="${id}"]`).first();
    await item.waitFor({ timeout: 5000 });
    if (severity) assert.equal(await item.locator('.finding-severity').textContent(), severity);
    assert.ok(((await item.textContent()) ?? '').length > 40, 'a title, an explanation and advice');
  });
}

test('a clean, fresh RS256 token with a 2048-bit key has no errors or warnings', async () => {
  const u = ui(page);
  await u.token.fill(signJwt('RS256', rsa2048.privateKey, fresh()));
  await u.publicKey.fill(rsa2048.publicKey.export({ type: 'spki', format: 'pem' }));
  await u.findings.getByText(/No findings|Info/).first().waitFor();
  assert.equal(await u.findings.locator('.finding-error, .finding-warning').count(), 0);
});

// JWE findings that need more than the header: the key in the Decryption key box, or the
// plaintext once decrypted (tokens made by panva's `jose`, or crafted here).
const decryptionKey = () => page.getByRole('textbox', { name: 'Decryption key', exact: true });
/** Waits until the Decryption status matches `pattern`; returns its text. */
const expectDecryption = (pattern, timeout) => expectNamedStatus(page, 'Decryption status', pattern, timeout);
const finding = (id) => ui(page).findings.locator(`[data-finding="${id}"]`);

test('finding jwe-epk-invalid: an ECDH-ES epk off its curve is shown as Error, without a key', async () => {
  const { x, y } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  // One bit of y flipped: (x, y') is no longer on P-256 (the invalid-curve attack's point).
  const bent = Buffer.from(y, 'base64url');
  bent[0] ^= 1;
  const header = { alg: 'ECDH-ES', enc: 'A128GCM', epk: { kty: 'EC', crv: 'P-256', x, y: b64u(bent) } };
  await ui(page).token.fill(`${b64u(JSON.stringify(header))}..aXYxMjM0NTY3ODkw.Y2lwaGVy.dGFnMTIzNDU2Nzg5MDEy`);
  await decryptionKey().fill('');
  const item = finding('jwe-epk-invalid').first();
  await item.waitFor({ timeout: 5000 });
  assert.equal(await item.locator('.finding-severity').textContent(), 'Error');
  assert.match(await item.textContent(), /not a point on P-256/);
  // A genuine ephemeral key from jose: no such finding.
  const recipient = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const good = await new jose.CompactEncrypt(new TextEncoder().encode('x'))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM' })
    .encrypt(recipient.publicKey);
  await ui(page).token.fill(good);
  await finding('jwe-epk-invalid').first().waitFor({ state: 'detached', timeout: 5000 });
});

test('finding jwe-key-length: a 16-byte key for a dir + A256GCM token is shown as Error', async () => {
  const secret = crypto.randomBytes(32);
  const token = await new jose.CompactEncrypt(new TextEncoder().encode('dir plaintext'))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(secret);
  await ui(page).token.fill(token);
  await decryptionKey().fill(crypto.randomBytes(16).toString('base64url'));
  const item = finding('jwe-key-length').first();
  await item.waitFor({ timeout: 5000 });
  assert.equal(await item.locator('.finding-severity').textContent(), 'Error');
  assert.match(await item.textContent(), /the dir key is 16 bytes; A256GCM needs 32/);
  await expectDecryption(/^Decryption failed/);
  // The right key (as an oct JWK): decrypted, and the finding is gone.
  await decryptionKey().fill(JSON.stringify({ kty: 'oct', k: secret.toString('base64url') }));
  await finding('jwe-key-length').first().waitFor({ state: 'detached', timeout: 5000 });
  await expectDecryption(/^Decrypted/);
});

test('finding jwe-nested-no-cty: a signed JWT encrypted without cty is shown as Warning once decrypted', async () => {
  const secret = crypto.randomBytes(32);
  const inner = signJwt('HS256', crypto.randomBytes(32), fresh());
  const encrypt = (header) => new jose.CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader(header).encrypt(secret);
  const token = await encrypt({ alg: 'dir', enc: 'A256GCM' });
  await ui(page).token.fill(token);
  await decryptionKey().fill('');
  // Before decryption nothing shows that the plaintext is a JWT.
  await expectDecryption(/^Not decrypted/);
  assert.equal(await finding('jwe-nested-no-cty').count(), 0);
  await decryptionKey().fill(secret.toString('base64url'));
  await expectDecryption(/^Decrypted/);
  const item = finding('jwe-nested-no-cty').first();
  await item.waitFor({ timeout: 5000 });
  assert.equal(await item.locator('.finding-severity').textContent(), 'Warning');
  assert.match(await item.textContent(), /"cty": "JWT"/);
  assert.equal(await finding('jwe-nested-no-cty').count(), 1, 'shown once');
  // With cty: "JWT" the same plaintext raises nothing.
  await ui(page).token.fill(await encrypt({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }));
  await finding('jwe-nested-no-cty').first().waitFor({ state: 'detached', timeout: 5000 });
  await expectDecryption(/^Decrypted/);
  await page.waitForTimeout(200);
  assert.equal(await finding('jwe-nested-no-cty').count(), 0, 'not back once decrypted');
});
