// The layout works at 375 px and 1440 px in both themes, and is usable by keyboard alone; the
// verdict is in the first viewport; the JSON views, key files and key downloads work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { serve, openApp, ui, expectStatus, withBrowser } from './support.mjs';
import { signJwt, verifyJwt, b64u, now } from './jose.mjs';

const env = withBrowser();

for (const width of [375, 1440]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${width} px, ${colorScheme}: nothing overflows sideways and the status is visible`, async () => {
      const { page, context } = await openApp(env.browser, env.server.url, { viewport: { width, height: 900 }, colorScheme });
      await expectStatus(page, /Signature verified/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      await ui(page).status.scrollIntoViewIfNeeded();
      assert.ok(await ui(page).status.isVisible());
      if (process.env.SCREENSHOTS) {
        await page.screenshot({ path: `${process.env.SCREENSHOTS}/page-${width}-${colorScheme}.png`, fullPage: true });
      }
      await context.close();
    });
  }
}

test('typing in the token does not move the layout', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  const box = () => ui(page).status.boundingBox();
  const before = await box();
  await ui(page).token.fill('');
  await ui(page).token.pressSequentially('eyJhbGciOiJIUzI1NiJ9.e30.', { delay: 5 });
  const after = await box();
  assert.equal(Math.round(after.x), Math.round(before.x));
  assert.equal(Math.round(after.width), Math.round(before.width));
  await context.close();
});

test('keyboard only: Tab reaches the mode switch and Enter switches to Encode', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent === 'Encode');
  }
  assert.ok(reached, 'the Encode button is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await ui(page).encode.getAttribute('aria-pressed'), 'true');
  await context.close();
});

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

for (const viewport of [{ width: 1440, height: 900 }, { width: 375, height: 812 }]) {
  for (const mode of ['Decode', 'Encode']) {
    test(`the verdict is in the first viewport: ${viewport.width}x${viewport.height}, ${mode} mode`, async () => {
      const { page, context } = await openApp(env.browser, env.server.url, { viewport });
      const u = ui(page);
      await u.token.fill(signJwt('HS256', Buffer.from(SECRET), { sub: 'layout', iat: now(), exp: now() + 600 }));
      await u.secret.fill(SECRET);
      await expectStatus(page, /Signature verified/);
      if (mode === 'Encode') {
        await u.encode.click();
        assert.equal(await u.encode.getAttribute('aria-pressed'), 'true');
        await expectStatus(page, /Signature verified|Invalid signature|Not verified/);
      }
      // The first viewport: the page as it opens, scrolled to the top (filling and clicking may
      // have scrolled it); the status is never scrolled into view.
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      const box = await u.status.boundingBox();
      assert.ok(box, 'the status is rendered');
      const where = `status box ${JSON.stringify(box)} in a ${viewport.width}x${viewport.height} viewport`;
      assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `the status is within the viewport height without scrolling: ${where}`);
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the status is within the viewport width: ${where}`);
      if (viewport.width === 375) {
        const token = await u.token.boundingBox();
        const gap = box.y - (token.y + token.height);
        assert.ok(gap >= 0 && gap <= 200, `at 375 px the status comes right after the token box (gap ${gap}px): token ${JSON.stringify(token)}, ${where}`);
      }
      await context.close();
    });
  }
}

/** The text of a textbox: a form control's value, or an editable element's text. */
function valueOf(locator) {
  return locator.evaluate((e) => ('value' in e && typeof e.value === 'string' ? e.value : e.innerText));
}

/** Waits until the textbox holds exactly `expected`; fails showing what it holds. */
async function expectValue(locator, expected, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let actual;
  while (Date.now() < deadline) {
    actual = await valueOf(locator);
    if (actual === expected) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.equal(actual, expected, what);
}

test('Header and Payload are pretty-printed by default; As encoded shows the exact bytes', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  // Exact bytes: a number written 1.50 and a \u00e9 escape, which re-serialising would change.
  const headerText = '{"alg":"HS256","typ":"JWT"}';
  const payloadText = '{"sub":"a","n":1.50,"s":"\\u00e9"}';
  const input = `${b64u(Buffer.from(headerText))}.${b64u(Buffer.from(payloadText))}`;
  const token = `${input}.${b64u(crypto.createHmac('sha256', SECRET).update(input).digest())}`;
  await u.token.fill(token);
  const prettyHeader = '{\n  "alg": "HS256",\n  "typ": "JWT"\n}';
  const prettyPayload = '{\n  "sub": "a",\n  "n": 1.50,\n  "s": "\\u00e9"\n}';
  await expectValue(u.payload, prettyPayload, 'the Payload is pretty-printed, numbers and escapes as written');
  await expectValue(u.header, prettyHeader, 'the Header is pretty-printed');
  const toggles = page.getByRole('button', { name: 'As encoded', exact: true });
  const count = await toggles.count();
  assert.ok(count >= 1, 'there is an As encoded toggle');
  for (let i = 0; i < count; i++) {
    assert.equal(await toggles.nth(i).getAttribute('aria-pressed'), 'false', 'As encoded is off by default');
  }
  // One toggle for both editors, or one each: turn every one on.
  for (let i = 0; i < count; i++) {
    await toggles.nth(i).click();
    assert.equal(await toggles.nth(i).getAttribute('aria-pressed'), 'true', 'As encoded is on after a click');
  }
  await expectValue(u.payload, payloadText, 'As encoded: the Payload is exactly the encoded bytes');
  await expectValue(u.header, headerText, 'As encoded: the Header is exactly the encoded bytes');
  for (let i = 0; i < count; i++) await toggles.nth(i).click();
  await expectValue(u.payload, prettyPayload, 'pretty-printed again after turning As encoded off');
  await context.close();
});

test('keys load from files: Load file and drop', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const u = ui(page);
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
  const kid = 'file-key';
  await u.token.fill(signJwt('RS256', rsa.privateKey, { sub: 'file', iat: now(), exp: now() + 600 }, { kid }));
  await u.publicKey.waitFor();
  const loadButton = async (box, what) => {
    const button = page.locator('.field', { has: box }).getByRole('button', { name: 'Load file', exact: true });
    await button.waitFor({ timeout: 10000 }).catch(() => assert.fail(`no 'Load file' button in the field of the ${what} box`));
    return button;
  };

  // Load file: the button opens a file chooser; the chosen file's text goes into the key box.
  const loadPublic = await loadButton(u.publicKey, 'Public key');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), loadPublic.click()]);
  await chooser.setFiles({ name: 'public.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(publicPem) });
  await expectValue(u.publicKey, publicPem, 'the Public key box holds the loaded PEM');
  await expectStatus(page, /Signature verified/);

  // Drop: a JWKS file dropped on the box replaces its text.
  const jwks = JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }, null, 2);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'jwks.json', { type: 'application/json' }));
    return dt;
  }, jwks);
  await u.publicKey.dispatchEvent('drop', { dataTransfer });
  await expectValue(u.publicKey, jwks, 'the Public key box holds the dropped JWKS');
  await expectStatus(page, /Signature verified/);

  // Encode mode: the signing key loads the same way, and the re-signed token verifies in Node.
  await u.encode.click();
  assert.equal(await u.encode.getAttribute('aria-pressed'), 'true');
  const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = other.privateKey.export({ type: 'pkcs8', format: 'pem' });
  await u.privateKey.waitFor();
  const loadPrivate = await loadButton(u.privateKey, 'Private key');
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), loadPrivate.click()]);
  await chooser2.setFiles({ name: 'private.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(privatePem) });
  await expectValue(u.privateKey, privatePem, 'the Private key box holds the loaded PEM');
  const deadline = Date.now() + 10000;
  let signed = '';
  while (Date.now() < deadline) {
    signed = await u.token.inputValue();
    if (signed.split('.').length === 3 && verifyJwt(signed, other.publicKey)) break;
    await page.waitForTimeout(100);
  }
  assert.ok(verifyJwt(signed, other.publicKey), `the token is signed with the loaded private key: ${signed}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('generated keys download as private.pem, public.pem, public.jwk.json and jwks.json', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const g = page.getByRole('region', { name: 'Generate a key' });
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('RSA 2048');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 120000 });
  const buttons = g.getByRole('button', { name: /^Download/ });
  const count = await buttons.count();
  assert.ok(count >= 4, `at least four download buttons (found ${count})`);
  const names = [];
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const label = (await button.getAttribute('aria-label')) ?? (await button.textContent());
    // The PKCS#1 form sits in a closed <details>; it is not one of the four names.
    if (!(await button.isVisible())) {
      assert.match(label, /pkcs\s*#?1/i, `a hidden download button that is not the PKCS#1 one: ${label}`);
      continue;
    }
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    names.push(download.suggestedFilename());
  }
  const keyFiles = names.filter((n) => !/pkcs1/i.test(n)).sort();
  assert.deepEqual(keyFiles, ['jwks.json', 'private.pem', 'public.jwk.json', 'public.pem'], `downloaded: ${names.join(', ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cleared token box says what to do', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await ui(page).token.fill('');
  await page.getByText(/Paste a token above .* or switch to Encode to build one/).waitFor();
  await expectStatus(page, /^Not verified/);
  await context.close();
});
