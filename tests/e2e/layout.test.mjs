// The layout works at 375 px and 1440 px in both themes, and is usable by keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, openApp, ui, expectStatus, withBrowser } from './support.mjs';

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
