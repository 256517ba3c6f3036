// The Policy region ("will the server accept it?", issue 17) in the real page: the Axway Amplify
// Central preset judging a token made by the gateway preset, now and a day later; rule by rule
// messages; the exported code; and a share link that carries the policy (never a secret).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, ui, expectStatus, expectNamedStatus, withBrowser } from './support.mjs';

const env = withBrowser();

const region = (page) => page.getByRole('region', { name: 'Policy' });
/** Waits until the Policy result matches `pattern`; returns its text. */
const expectResult = (page, pattern) => expectNamedStatus(page, 'Policy result', pattern);

/** The rule list's lines. */
const rules = async (page) => (await region(page).getByRole('list', { name: 'Policy rules' }).innerText()).split('\n');

test('the Amplify preset accepts a gateway-preset token now and rejects it a day later', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const g = page.getByRole('region', { name: 'Generate a key' });
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('RSA 2048');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 120000 });
  const p = page.getByRole('region', { name: 'API gateway preset' });
  await p.getByRole('textbox', { name: 'Application ID' }).fill('my-app-123');
  await p.getByRole('button', { name: 'Apply preset' }).click();
  await expectStatus(page, /Signature verified/);
  const token = await ui(page).token.inputValue();
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));

  // Collapsed until opened.
  const open = page.getByRole('button', { name: 'Policy', exact: true });
  assert.equal(await open.getAttribute('aria-expanded'), 'false');
  assert.equal(await region(page).count(), 0);
  await open.click();
  await region(page).getByRole('combobox', { name: 'Policy preset' }).selectOption('amplify');
  await region(page).getByRole('textbox', { name: 'Application ID' }).fill('my-app-123');
  assert.equal(await region(page).getByRole('textbox', { name: 'Allowed algorithms' }).inputValue(), 'RS256');
  assert.equal(await region(page).getByRole('textbox', { name: 'Expected audience' }).inputValue(), 'my-app-123');
  assert.equal(await expectResult(page, /^(Accepted|Rejected)/), 'Accepted');
  const now = await rules(page);
  for (const id of ['signature', 'alg', 'kid', 'iss', 'sub', 'aud', 'exp']) {
    assert.ok(now.some((line) => line.startsWith(`passed ${id}:`)), `${id} passed: ${now.join(' | ')}`);
  }

  // The same token a day later: rejected, on exp alone.
  await region(page).getByRole('textbox', { name: 'Evaluate at' }).fill(String(claims.iat + 86400));
  await expectResult(page, /^Rejected: 1 of/);
  const later = await rules(page);
  assert.deepEqual(later.filter((line) => line.startsWith('failed')).map((line) => line.split(':')[0]), ['failed exp']);

  // Another application's gateway: iss, sub and aud fail, each saying what it expected.
  await region(page).getByRole('textbox', { name: 'Evaluate at' }).fill('');
  await region(page).getByRole('textbox', { name: 'Application ID' }).fill('other-app');
  await expectResult(page, /^Rejected: 3 of/);
  const other = (await rules(page)).filter((line) => line.startsWith('failed'));
  assert.equal(other.length, 3);
  assert.ok(other.every((line) => line.includes('other-app') && line.includes('my-app-123')), other.join(' | '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Export as writes code for each library, and the share link carries the policy but no secret', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await page.getByRole('button', { name: 'Policy', exact: true }).click();
  const r = region(page);
  await r.getByRole('textbox', { name: 'Expected issuer' }).fill('https://issuer.example');
  await r.getByRole('textbox', { name: 'Expected audience' }).fill('api-1, api-2');
  await r.getByRole('textbox', { name: 'Leeway (seconds)' }).fill('30');
  await expectResult(page, /^(Accepted|Rejected)/);
  const code = r.getByRole('textbox', { name: 'Policy code' });
  const expectCode = async (pattern) => {
    for (let i = 0; i < 100 && !pattern.test(await code.inputValue()); i++) await page.waitForTimeout(50);
    assert.match(await code.inputValue(), pattern);
  };
  await expectCode(/jwt\.decode\(/);
  await expectCode(/https:\/\/issuer\.example/);
  await r.getByRole('combobox', { name: 'Export as' }).selectOption('node-jose');
  await expectCode(/jwtVerify\(/);
  await r.getByRole('combobox', { name: 'Export as' }).selectOption('golang-jwt');
  await expectCode(/jwt\.Parse/);

  // The DPoP preset's access token is a bearer credential: never in the link.
  const share = page.getByRole('button', { name: 'Copy share link' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await share.click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#token=[^&]+&policy=/);
  const policy = JSON.parse(decodeURIComponent(link.split('&policy=')[1]));
  assert.deepEqual(policy.audience, ['api-1', 'api-2']);
  assert.equal(policy.leeway, 30);

  // Opening the link restores the region, open, with the policy judged.
  const opened = await openApp(env.browser, link);
  assert.equal(await region(opened.page).getByRole('textbox', { name: 'Expected issuer' }).inputValue(), 'https://issuer.example');
  await expectResult(opened.page, /^(Accepted|Rejected)/);
  await opened.context.close();

  await r.getByRole('combobox', { name: 'Policy preset' }).selectOption('dpop');
  await r.getByRole('textbox', { name: 'Access token' }).fill('the-access-token');
  await share.click();
  const dpopLink = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(decodeURIComponent(dpopLink), /dpop\+jwt/);
  assert.ok(!dpopLink.includes('the-access-token'), 'the access token stays in the page');
  assert.deepEqual(errors, []);
  await context.close();
});
