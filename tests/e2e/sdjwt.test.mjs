// SD-JWT (RFC 9901, issue 18) in the real page: the RFC's own SD-JWT+KB and one made by the
// SD-JWT reference implementation (PyPI sd-jwt, run by tests/support/sd_jwt_issue.py) are pasted;
// the Issuer-signed JWT fills the usual panes and its Signature status, the Payload shows the
// claims with the disclosures in place, the Disclosures region lists each disclosure and where it
// went, and the Key binding status says whether the KB-JWT verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openApp, ui, expectStatus, expectNamedStatus, withBrowser } from './support.mjs';

const env = withBrowser();
const fixture = (name) => readFileSync(new URL(`../fixtures/sdjwt/${name}`, import.meta.url), 'utf8').trim();
const region = (page) => page.getByRole('region', { name: 'Disclosures' });
/** Waits until the Key binding status matches `pattern`; returns its text. */
const expectKeyBinding = (page, pattern) => expectNamedStatus(page, 'Key binding status', pattern);

/** The Python SD-JWT libraries' directory (tests/support/toolchain.sh's ensure_pyjwt). */
const pythonPath = () =>
  join(process.env.JWT_DEBUGGER_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'jwt-debugger'), 'python');

test('the RFC 9901 SD-JWT+KB: issuer signature, disclosures in place, key binding judged now', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  await u.token.fill(fixture('rfc9901-5.2-sd-jwt-kb.txt'));
  await u.publicKey.fill(fixture('rfc9901-a.5-issuer-key.json'));
  await expectStatus(page, /^Signature verified/);
  // The RFC's KB-JWT was made in 2025: today it is too old.
  await expectKeyBinding(page, /^Invalid key binding: .*issued/);
  const items = await region(page).getByRole('list', { name: 'Disclosure list' }).getByRole('listitem').allInnerTexts();
  assert.equal(items.length, 4, items.join('\n'));
  assert.match(items[0], /^#1 family_name: "Doe" \(at \/family_name; salt eluV5Og3gSNII8EYnsxA_A; digest TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo\) Drop$/);
  assert.match(items[3], /^#4 array element: "US" \(at \/nationalities\/0;/);
  assert.match(await region(page).innerText(), /6 digest\(s\) without a disclosure/);
  const payload = JSON.parse(await u.payload.inputValue());
  assert.equal(payload.given_name, 'John');
  assert.deepEqual(payload.nationalities, ['US']);
  assert.equal(payload._sd, undefined, 'the digests are replaced by the disclosed claims');
  // Drop makes a presentation that discloses less: the disclosure and the KB-JWT go.
  await region(page).getByRole('button', { name: 'Drop disclosure 1' }).click();
  await expectKeyBinding(page, /^No key binding/);
  assert.equal((await u.token.inputValue()).split('~').length, 5, 'the issuer JWT, 3 disclosures and an empty KB part');
  await expectStatus(page, /^Signature verified/);
  for (let i = 0; i < 100 && JSON.parse(await u.payload.inputValue()).family_name !== undefined; i++) await page.waitForTimeout(50);
  assert.equal(JSON.parse(await u.payload.inputValue()).family_name, undefined);
  assert.equal(await region(page).getByRole('list', { name: 'Disclosure list' }).getByRole('listitem').count(), 3);
  // A stray disclosure: referenced nowhere, and the token is one a verifier rejects.
  const [issuerJwt, ...rest] = fixture('rfc9901-5.2-sd-jwt-kb.txt').split('~');
  const stray = Buffer.from('["salt-salt-salt","email","x@example.com"]').toString('base64url');
  await u.token.fill([issuerJwt, ...rest.slice(0, -1), stray, ''].join('~'));
  await expectKeyBinding(page, /^No key binding/);
  assert.match(
    await region(page).getByRole('list', { name: 'Why a verifier rejects it' }).innerText(),
    /disclosure #5 .* is not referenced/,
  );
  const stranded = await region(page).getByRole('list', { name: 'Disclosure list' }).getByRole('listitem').allInnerTexts();
  assert.match(stranded[4], /^#5 email: "x@example\.com" \(referenced nowhere;/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an SD-JWT+KB from the reference implementation: its key binding verifies in the page', async () => {
  const made = JSON.parse(
    execFileSync('python3', [new URL('../support/sd_jwt_issue.py', import.meta.url).pathname], {
      env: { ...process.env, PYTHONPATH: pythonPath(), PYTHONDONTWRITEBYTECODE: '1' },
    }),
  );
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  await u.token.fill(made.presentation);
  await u.publicKey.fill(JSON.stringify(made.issuer_jwk));
  await expectStatus(page, /^Signature verified/);
  const text = await expectKeyBinding(page, /^Key binding verified: ES256/);
  assert.match(text, /nonce "n-42"/);
  const payload = JSON.parse(await u.payload.inputValue());
  assert.equal(payload.given_name, 'Erika');
  assert.deepEqual(payload.address, { locality: 'Berlin' });
  assert.equal(payload.family_name, undefined);
  assert.equal(await region(page).getByRole('list', { name: 'Disclosure list' }).getByRole('listitem').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The reference implementation's verifier, without key binding: the processed payload. */
function referenceVerify(sdJwt, publicPem) {
  const script = `
import json, sys
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier
key = JWK.from_pem(sys.argv[2].encode())
print(json.dumps(SDJWTVerifier(sys.argv[1], lambda iss, header: key).get_verified_payload()))
`;
  return JSON.parse(
    execFileSync('python3', ['-c', script, sdJwt, publicPem], {
      env: { ...process.env, PYTHONPATH: pythonPath(), PYTHONDONTWRITEBYTECODE: '1' },
    }),
  );
}

test('Encode mode issues an SD-JWT: listed claims become disclosures with random salts, and the reference verifier accepts it', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  await u.encode.click();
  const claims = {
    iss: 'https://issuer.example', sub: 'user-7', given_name: 'Erika',
    address: { locality: 'Berlin', country: 'DE' }, nationalities: ['DE', 'FR'],
  };
  await u.payload.fill(JSON.stringify(claims, null, 2));
  const sd = page.getByRole('region', { name: 'Selective disclosure' });
  await sd.getByRole('textbox', { name: 'Selectively disclosable claims' }).fill('/given_name\n/address/locality, /nationalities/1');
  await sd.getByRole('spinbutton', { name: 'Decoy digests' }).fill('2');
  await expectStatus(page, /^Signature verified/);
  let token = await u.token.inputValue();
  for (let i = 0; i < 100 && token.split('~').length !== 5; i++) {
    await page.waitForTimeout(50);
    token = await u.token.inputValue();
  }
  const parts = token.split('~');
  assert.equal(parts.length, 5, 'the issuer JWT, 3 disclosures and the final ~');
  assert.equal(parts[4], '', 'no key binding');
  const signed = JSON.parse(Buffer.from(parts[0].split('.')[1], 'base64url'));
  assert.equal(signed._sd_alg, 'sha-256');
  assert.equal(signed._sd.length, 3, 'given_name\'s digest and 2 decoys');
  assert.equal(signed.given_name, undefined);
  assert.equal(signed.address._sd.length, 1);
  assert.equal(signed.address.country, 'DE');
  assert.equal(signed.nationalities[0], 'DE');
  assert.ok(signed.nationalities[1]['...'], 'the array element is a digest');
  const disclosed = parts.slice(1, 4).map((d) => JSON.parse(Buffer.from(d, 'base64url')));
  assert.deepEqual(disclosed.map((d) => JSON.stringify(d.slice(1))).sort(), ['["FR"]', '["given_name","Erika"]', '["locality","Berlin"]']);
  assert.equal(new Set(disclosed.map((d) => d[0])).size, 3, 'a salt per disclosure');
  // Decode mode takes the SD-JWT and the signing key's public half; the reference verifier
  // (PyPI sd-jwt) accepts the SD-JWT with that key.
  await u.decode.click();
  await expectStatus(page, /^Signature verified/);
  await expectKeyBinding(page, /^No key binding/);
  assert.equal(await region(page).getByRole('list', { name: 'Disclosure list' }).getByRole('listitem').count(), 3);
  const processed = referenceVerify(token, await u.publicKey.inputValue());
  assert.equal(processed.given_name, 'Erika');
  assert.deepEqual(processed.address, { locality: 'Berlin', country: 'DE' });
  assert.deepEqual(processed.nationalities, ['DE', 'FR']);
  // Back in Encode mode, the editor holds the claims as shown (disclosures in place) and the
  // disclosures are listed again: the token signed is an SD-JWT with the same claims concealed.
  await u.encode.click();
  assert.deepEqual(JSON.parse(await u.payload.inputValue()), claims);
  const listed = await sd.getByRole('textbox', { name: 'Selectively disclosable claims' }).inputValue();
  assert.deepEqual(listed.split('\n').sort(), ['/address/locality', '/given_name', '/nationalities/1']);
  await expectStatus(page, /^Signature verified/);
  for (let i = 0; i < 100 && (await u.token.inputValue()).split('~').length !== 5; i++) await page.waitForTimeout(50);
  assert.notEqual(await u.token.inputValue(), token, 'fresh salts');
  // A pointer to nothing is refused with its path.
  await sd.getByRole('textbox', { name: 'Selectively disclosable claims' }).fill('/nope');
  await expectStatus(page, /selectively disclosable claims: .*\/nope/);
  assert.deepEqual(errors, []);
  await context.close();
});
