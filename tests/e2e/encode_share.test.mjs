// Encode mode signs live; the token verifies after switching back (in the page and with Node's
// crypto); share links carry the token only and load it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { serve, openApp, ui, expectStatus, withBrowser } from './support.mjs';
import { verifyJwt } from './jose.mjs';

const env = withBrowser();

test('Encode signs a new RS256 token live; it verifies after switching back to Decode', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  await u.encode.click();
  await u.privateKey.fill(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }));
  await u.header.fill('{"alg":"RS256","typ":"JWT","kid":"k1"}');
  await u.payload.fill('{"sub":"encoded","n":1}');
  await expectStatus(page, /Signature verified/);
  const first = await u.token.inputValue();
  await u.payload.fill('{"sub":"encoded","n":2}');
  await expectStatus(page, /Signature verified/);
  const token = await u.token.inputValue();
  assert.notEqual(token, first, 'editing the payload re-signs');
  assert.equal(Buffer.from(token.split('.')[1], 'base64url').toString(), '{"sub":"encoded","n":2}', 'payload text kept exactly');
  assert.ok(verifyJwt(token, rsa.publicKey), 'Node verifies the page\'s signature');

  await u.decode.click();
  await expectStatus(page, /Signature verified/);
  assert.equal(await u.token.inputValue(), token);
  // Decode never re-signs: editing the key only re-verifies.
  await u.publicKey.fill(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }));
  await expectStatus(page, /Invalid signature/);
  assert.equal(await u.token.inputValue(), token);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the algorithm select rewrites the header and signs with the secret in Encode mode', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  await u.encode.click();
  await u.algorithm.selectOption('HS512');
  assert.match(await u.header.inputValue(), /"alg": "HS512"/);
  await expectStatus(page, /Not verified: cannot sign: enter a secret/);
  await u.secret.fill('k'.repeat(64));
  await expectStatus(page, /Signature verified/);
  const token = await u.token.inputValue();
  const [h, p, s] = token.split('.');
  const mac = crypto.createHmac('sha512', 'k'.repeat(64)).update(`${h}.${p}`).digest('base64url');
  assert.equal(s, mac);
  await context.close();
});

test('a share link holds only the token, and opening it loads the token', async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  const page = await context.newPage();
  await page.goto(env.server.url);
  const u = ui(page);
  await u.token.waitFor();
  const secret = 'share-link-secret-that-must-not-leak';
  const hs = (() => {
    const h = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const p = Buffer.from('{"sub":"shared"}').toString('base64url');
    return `${h}.${p}.${crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
  })();
  await u.token.fill(hs);
  await u.secret.fill(secret);
  await expectStatus(page, /Signature verified/);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.getByRole('button', { name: 'Copy share link' }).filter({ hasText: 'Copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(env.server.url), link);
  assert.ok(link.includes('#token='), link);
  assert.ok(!link.includes(secret), 'the secret is not in the link');
  assert.ok(!link.split('#')[0].includes(hs.split('.')[0]), 'the token is only in the fragment');

  const other = await env.browser.newContext();
  const opened = await other.newPage();
  await opened.goto(link);
  await ui(opened).token.waitFor();
  await opened.waitForFunction((t) => document.querySelector('textarea[aria-label="Encoded token"]').value === t, hs);
  await expectStatus(opened, /Not verified: enter the secret/);
  await other.close();
  await context.close();
});
