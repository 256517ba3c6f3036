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
