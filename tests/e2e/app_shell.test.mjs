// The release build starts, at / and under a sub-path, and talks to nobody but its own origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, openApp, foreignRequests, withBrowser } from './support.mjs';

const env = withBrowser();

test('the app renders its panes at / and requests nothing outside its origin', async () => {
  const server = await serve();
  try {
    const { page, requests, errors, context } = await openApp(env.browser, server.url);
    assert.match(await page.title(), /JWT Debugger/);
    for (const name of ['Header', 'Payload']) {
      await page.getByRole('textbox', { name, exact: true }).waitFor();
    }
    await page.getByRole('heading', { name: 'Verify Signature' }).waitFor();
    await page.getByRole('status', { name: 'Signature status' }).waitFor();
    assert.ok(requests.length >= 3, `html, js and wasm were requested: ${requests}`);
    assert.deepEqual(foreignRequests(requests, server.origin), []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the same dist/ starts under a sub-path, as GitHub Pages serves it', async () => {
  const prefix = '/jwt-debugger/nested/';
  const server = await serve(undefined, prefix);
  try {
    const { page, requests, errors, context } = await openApp(env.browser, server.url);
    await page.getByRole('textbox', { name: 'Encoded token' }).fill('abc');
    assert.equal(await page.getByRole('textbox', { name: 'Encoded token' }).inputValue(), 'abc');
    const outside = requests.filter((u) => !u.startsWith(server.origin + prefix));
    assert.deepEqual(outside, [], 'every asset is loaded relative to the sub-path');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the theme switch cycles system, light and dark on <html data-theme>', async () => {
  const server = await serve();
  try {
    const { page, context } = await openApp(env.browser, server.url, { colorScheme: 'dark' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await theme(), 'system');
    const systemDark = await background();
    await page.getByRole('button', { name: /^Theme/ }).click();
    assert.equal(await theme(), 'light');
    assert.notEqual(await background(), systemDark, 'light theme overrides a dark system');
    await page.getByRole('button', { name: /^Theme/ }).click();
    assert.equal(await theme(), 'dark');
    assert.equal(await background(), systemDark);
    await context.close();
  } finally {
    await server.close();
  }
});
