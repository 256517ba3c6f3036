// Security and correctness round 2, in the real page: nothing it shows may mislead, leak or run.
// Tokens and keys come from Node's crypto; the curl line is parsed by Python's POSIX shell lexer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { serve, launch, openApp, ui, expectStatus } from './support.mjs';
import { b64u, signJwt, now } from './jose.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
const fresh = () => ({ sub: 'x', iat: now(), exp: now() + 600 });
const preset = (page) => page.getByRole('region', { name: 'API gateway preset' });

/** What `sh` would pass to curl: Python's shlex.split in POSIX mode. */
function shellWords(line) {
  const script = 'import json, shlex, sys; print(json.dumps(shlex.split(sys.stdin.read(), posix=True)))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: line }).toString());
}

test('an HS256 token HMAC\'d with the exact bytes of a PEM public key is not verified', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  const u = ui(page);
  const token = signJwt('HS256', Buffer.from(rsaPublicPem), fresh());
  await u.token.fill(token);
  await u.secret.fill(rsaPublicPem);
  const text = await expectStatus(page, /^Not verified: the secret is a public key \(an RSA key\)/);
  assert.match(text, /algorithm-confusion/);
  assert.doesNotMatch(text, /Signature verified/);
  // The findings keep their explanation.
  await u.findings.locator('[data-finding="alg-key-mismatch"]').waitFor();
  // A real secret on the same page still verifies.
  const secret = 'a-real-shared-secret-of-32-bytes!';
  await u.token.fill(signJwt('HS256', Buffer.from(secret), fresh()));
  await u.secret.fill(secret);
  await expectStatus(page, /^Signature verified/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Copy as curl is built from the cleaned token only, and every hostile text lexes to exactly four words', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const u = ui(page);
  const p = preset(page);
  const command = p.getByRole('textbox', { name: 'curl command' });
  const copy = p.getByRole('button', { name: 'Copy as curl' });
  const token = signJwt('RS256', rsa.privateKey, fresh());
  const hostileUrls = [
    "https://api.example/v1?q='x'",
    'https://api.example/$(touch${IFS}pwned)',
    'https://api.example/`id`',
    'https://api.example/a";touch"b',
    'https://api.example/a;b&c|d>e',
    "https://api.example/'$(id)'",
  ];
  // A real token, pasted with a Bearer prefix and wrapped lines: the command has the clean token.
  const wrapped = `Bearer ${token.slice(0, 40)}\n${token.slice(40)}`;
  await u.token.fill(wrapped);
  for (const url of hostileUrls) {
    await p.getByRole('textbox', { name: 'API URL' }).fill(url);
    const line = await command.inputValue();
    assert.deepEqual(shellWords(line), ['curl', '-H', `Authorization: Bearer ${token}`, url], line);
  }
  await copy.click();
  await copy.filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await command.inputValue(), 'the copied line is the one shown');
  // Hostile token texts never reach the command: no line, nothing to copy.
  for (const text of ['$(touch x)', `${token}"; touch /tmp/pwned; "`, `${token}$(id)`, '`id`.a.b']) {
    await u.token.fill(text);
    await page.waitForTimeout(50);
    assert.equal(await command.inputValue(), '', text);
    assert.ok(await copy.isDisabled(), text);
  }
  // A URL that curl would take for an option, or that spans lines, gives no command either.
  await u.token.fill(token);
  for (const url of ['-o/tmp/pwned', 'https://api.example/\nrm -rf ~']) {
    await p.getByRole('textbox', { name: 'API URL' }).fill(url);
    assert.equal(await command.inputValue(), '', JSON.stringify(url));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link carrying shell code gives no curl command', async () => {
  const { page, context } = await openApp(browser, `${server.url}#token=${encodeURIComponent('$(touch x)')}`);
  assert.equal(await ui(page).token.inputValue(), '$(touch x)');
  const p = preset(page);
  assert.equal(await p.getByRole('textbox', { name: 'curl command' }).inputValue(), '');
  assert.ok(await p.getByRole('button', { name: 'Copy as curl' }).isDisabled());
  await context.close();
});

const RFC7515_A1_K = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';

test('RFC 7797: a detached, unencoded token verifies over the content typed in Detached payload', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  const u = ui(page);
  const detached = page.getByRole('textbox', { name: 'Detached payload' });
  assert.equal(await detached.count(), 0, 'no Detached payload box for an attached token');
  // RFC 7797 section 4.2: {"alg":"HS256","b64":false,"crit":["b64"]} over "$.02".
  await u.token.fill('eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY');
  await u.secretEncoding.selectOption('base64url');
  await u.secret.fill(RFC7515_A1_K);
  await detached.waitFor();
  await expectStatus(page, /^Invalid signature/);
  await detached.fill('$.02');
  await expectStatus(page, /^Signature verified .*detached payload/);
  await detached.fill('$.03');
  await expectStatus(page, /^Invalid signature/);
  // RFC 7515 appendix F: detached content with b64 true, made by Node.
  const secret = Buffer.from('0123456789abcdef0123456789abcdef');
  const body = '{"Data":{"Amount":"10.00"}}';
  const [h, , s] = signJwt('HS256', secret, JSON.parse(body)).split('.');
  const payloadSegment = b64u(JSON.stringify(JSON.parse(body)));
  const full = `${h}.${payloadSegment}`;
  const sig = b64u(crypto.createHmac('sha256', secret).update(full).digest());
  assert.ok(s.length > 0);
  await u.token.fill(`${h}..${sig}`);
  await u.secretEncoding.selectOption('UTF-8');
  await u.secret.fill(secret.toString());
  await detached.fill(JSON.stringify(JSON.parse(body)));
  await expectStatus(page, /^Signature verified .*detached payload/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('unsupported crit extensions and duplicate header members are not verified', async () => {
  const { page, context } = await openApp(browser, server.url);
  const u = ui(page);
  const secret = '0123456789abcdef0123456789abcdef';
  await u.token.fill(signJwt('HS256', Buffer.from(secret), fresh(), { crit: ['x'], x: 1 }));
  await u.secret.fill(secret);
  await expectStatus(page, /^Not verified: unsupported critical header parameter "x"$/);
  // {"alg":"none","alg":"HS256"}: the pane shows HS256, another parser may read none.
  const header = b64u('{"alg":"none","alg":"HS256","typ":"JWT"}');
  const payload = b64u(JSON.stringify(fresh()));
  const sig = b64u(crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest());
  await u.token.fill(`${header}.${payload}.${sig}`);
  await expectStatus(page, /^Not verified: duplicate header parameter "alg"$/);
  await u.findings.locator('[data-finding="duplicate-member"]').first().waitFor();
  await context.close();
});

test('the demo key is labelled, flagged when it signs, and never the gateway Key ID', async () => {
  const { page, context } = await openApp(browser, server.url);
  const u = ui(page);
  // The example token is signed with the demo key.
  await expectStatus(page, /^Signature verified/);
  await page.getByText(/Public demo key/).first().waitFor();
  await u.findings.locator('[data-finding="demo-key"]').waitFor();
  assert.equal(await preset(page).getByRole('textbox', { name: 'Key ID' }).inputValue(), '', 'no demo thumbprint as Key ID');
  await u.encode.click();
  await expectStatus(page, /^Signature verified/);
  assert.ok(await page.locator('.demo-key-label').first().isVisible(), 'labelled beside the Private key');
  await u.findings.locator('[data-finding="demo-key"]').waitFor();
  // A token signed with another key is not flagged.
  await u.decode.click();
  await u.token.fill(signJwt('RS256', rsa.privateKey, fresh()));
  await u.publicKey.fill(rsaPublicPem);
  await expectStatus(page, /^Signature verified/);
  assert.equal(await u.findings.locator('[data-finding="demo-key"]').count(), 0);
  assert.equal(await page.locator('.demo-key-label').count(), 0);
  await context.close();
});

test('switching Encode to Decode keeps a public key the user pasted', async () => {
  const { page, context } = await openApp(browser, server.url);
  const u = ui(page);
  await u.publicKey.fill(rsaPublicPem);
  await u.encode.click();
  await expectStatus(page, /^Signature verified/);
  await u.decode.click();
  assert.equal(await u.publicKey.inputValue(), rsaPublicPem);
  // The demo-signed token does not verify with the user's key, and the page says so.
  await expectStatus(page, /^Invalid signature/);
  await context.close();
});

test('no text field can be saved or sent by the browser: autocomplete, spellcheck, autocapitalize and autocorrect are off', async () => {
  const { page, context } = await openApp(browser, server.url);
  const u = ui(page);
  const seen = new Map();
  const walk = async () => {
    const fields = await page.$$eval('textarea, input', (els) =>
      els
        .filter((e) => e.tagName === 'TEXTAREA' || ['text', 'url', 'number', 'search', 'password', ''].includes(e.getAttribute('type') ?? ''))
        .map((e) => ({
          name: e.getAttribute('aria-label') ?? e.name ?? e.id,
          autocomplete: e.getAttribute('autocomplete'),
          spellcheck: e.getAttribute('spellcheck'),
          autocapitalize: e.getAttribute('autocapitalize'),
          autocorrect: e.getAttribute('autocorrect'),
        })),
    );
    for (const f of fields) seen.set(f.name, f);
  };
  await walk(); // Decode mode: token, JSON, public key, gateway fields
  const secret = 'x'.repeat(32);
  await u.token.fill(signJwt('HS256', Buffer.from(secret), fresh()));
  await walk(); // the Secret box
  await u.token.fill('eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY');
  await page.getByRole('textbox', { name: 'Detached payload' }).waitFor();
  await walk();
  await u.token.fill(signJwt('RS256', rsa.privateKey, fresh()));
  await u.encode.click();
  await walk(); // the Private key box
  const g = page.getByRole('region', { name: 'Generate a key' });
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('Ed25519');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 60000 });
  await walk(); // generated outputs (read-only, but they hold keys)
  for (const name of [
    'Encoded token', 'Header', 'Payload', 'Secret', 'Public key', 'Private key', 'Detached payload',
    'Generated private key', 'Generated public key', 'Public JWK', 'Key ID', 'Application ID', 'API URL', 'curl command',
  ]) {
    assert.ok(seen.has(name), `the walk reached ${name}`);
  }
  for (const f of seen.values()) {
    assert.deepEqual(
      [f.autocomplete, f.spellcheck, f.autocapitalize, f.autocorrect],
      ['off', 'false', 'off', 'off'],
      `${f.name}: ${JSON.stringify(f)}`,
    );
  }
  await context.close();
});

test('Encode mode signs a "b64": false header as a detached token that Node verifies, and Decode keeps its payload', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  const u = ui(page);
  const secret = '0123456789abcdef0123456789abcdef';
  await u.encode.click();
  await u.header.fill('{"alg":"HS256","b64":false,"crit":["b64"]}');
  await u.payload.fill('{"amount":"10.00"}');
  await u.secret.fill(secret);
  await expectStatus(page, /^Signature verified .*detached payload/);
  const token = await u.token.inputValue();
  const [h, p, s] = token.split('.');
  assert.equal(p, '', 'the payload travels apart from the token');
  // RFC 7797: the signing input is the header segment, a dot, and the payload bytes as they are.
  const expected = crypto.createHmac('sha256', secret).update(`${h}.{"amount":"10.00"}`).digest('base64url');
  assert.equal(s, expected, 'Node computes the same signature over the unencoded payload');
  await u.decode.click();
  assert.equal(await u.token.inputValue(), token);
  assert.equal(await page.getByRole('textbox', { name: 'Detached payload' }).inputValue(), '{"amount":"10.00"}');
  await expectStatus(page, /^Signature verified .*detached payload/);
  assert.deepEqual(errors, []);
  await context.close();
});
