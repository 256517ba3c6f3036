// Accessibility: axe-core finds no serious or critical violation in either mode and either theme
// (with a token loaded and the key generator's outputs open), and Tab alone reaches every
// visible control, in reading order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { openApp, ui, expectStatus, withBrowser } from './support.mjs';

const env = withBrowser();

const generator = (page) => page.getByRole('region', { name: 'Generate a key' });

/** Generates an Ed25519 key pair so the generator's outputs (copy, download, use) are on screen. */
async function openGenerator(page) {
  const g = generator(page);
  await g.getByRole('combobox', { name: 'Key type' }).selectOption('Ed25519');
  await g.getByRole('button', { name: 'Generate key pair' }).click();
  await g.getByText(/Generated a .* key in/).waitFor({ timeout: 120000 });
}

/** Switches to `mode` ('Decode' or 'Encode') with the mode switch and checks that it took. */
async function switchTo(page, mode) {
  const button = mode === 'Encode' ? ui(page).encode : ui(page).decode;
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true', `the ${mode} button is pressed`);
}

/** One line per failing element: rule, impact, selector, HTML and what to fix. */
function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target.join(' ')}\n       ${n.html.replace(/\s+/g, ' ').slice(0, 200)}\n       ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${nodes}`;
    })
    .join('\n');
}

for (const colorScheme of ['light', 'dark']) {
  for (const mode of ['Decode', 'Encode']) {
    test(`axe: ${mode} mode, ${colorScheme} theme, token loaded, key generator open: no serious or critical violations`, async (t) => {
      const { page, context, errors } = await openApp(env.browser, env.server.url, { colorScheme });
      // The example token is loaded and verified on first load.
      await expectStatus(page, /Signature verified/);
      assert.notEqual(await ui(page).token.inputValue(), '', 'a token is loaded');
      if (mode === 'Encode') {
        await switchTo(page, 'Encode');
        await expectStatus(page, /Signature verified/);
      }
      await openGenerator(page);
      const results = await new AxeBuilder({ page }).analyze();
      const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      // Checks axe could not decide (e.g. text over a coloured overlay) are listed, not failed.
      for (const v of results.incomplete.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        const targets = v.nodes.map((n) => n.target.join(' '));
        t.diagnostic(`axe could not decide ${v.id} (${v.impact}) for ${targets.length} element(s): ${targets.slice(0, 4).join(', ')}${targets.length > 4 ? ', …' : ''}`);
      }
      assert.equal(
        severe.length,
        0,
        `${severe.length} serious or critical axe violation(s) in ${mode} mode, ${colorScheme} theme:\n${describe(severe)}`,
      );
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('axe: an SD-JWT pasted (Disclosures region, Key binding status) and the Policy region open: no serious or critical violations', async (t) => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const fixture = (name) => readFileSync(new URL(`../fixtures/sdjwt/${name}`, import.meta.url), 'utf8').trim();
  await ui(page).token.fill(fixture('rfc9901-5.2-sd-jwt-kb.txt'));
  await ui(page).publicKey.fill(fixture('rfc9901-a.5-issuer-key.json'));
  await expectStatus(page, /Signature verified/);
  await page.getByRole('status', { name: 'Key binding status' }).getByText(/key binding/i).waitFor();
  await page.getByRole('button', { name: 'Policy', exact: true }).click();
  await page.getByRole('region', { name: 'Policy' }).getByRole('combobox', { name: 'Policy preset' }).selectOption('oidc');
  await page.getByRole('status', { name: 'Policy result' }).waitFor();
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.incomplete.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    t.diagnostic(`axe could not decide ${v.id} (${v.impact}) for ${v.nodes.length} element(s)`);
  }
  assert.equal(severe.length, 0, `${severe.length} serious or critical axe violation(s):\n${describe(severe)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Marks every control a keyboard user must be able to reach (visible, enabled, not
 * tabindex=-1, not a hidden file input) and returns their descriptions in document order.
 * Radio buttons count once per group: Tab stops on one radio of a group.
 */
async function markFocusables(page) {
  return page.evaluate(() => {
    const selector = 'button, textarea, select, input, a[href], summary, [tabindex], [contenteditable=""], [contenteditable="true"]';
    const describe = (e) => {
      const name = e.getAttribute('aria-label') ?? e.labels?.[0]?.textContent ?? e.textContent ?? '';
      return `${e.tagName.toLowerCase()}${e.type ? `[type=${e.type}]` : ''} "${name.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    };
    const visible = (e) => {
      if (!e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
      const r = e.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const radioGroups = new Set();
    const wanted = [];
    for (const e of document.querySelectorAll(selector)) {
      if (e.getAttribute('tabindex') === '-1' || e.tabIndex < 0) continue;
      if (e.disabled || e.closest('[inert]')) continue;
      if (e.tagName === 'INPUT' && e.type === 'hidden') continue;
      if (e.tagName === 'INPUT' && e.type === 'file' && !visible(e)) continue;
      if (!visible(e)) continue;
      if (e.tagName === 'INPUT' && e.type === 'radio' && e.name) {
        const group = `${e.form?.id ?? ''}/${e.name}`;
        if (radioGroups.has(group)) continue;
        radioGroups.add(group);
        wanted.push({ element: e, group: [...document.querySelectorAll('input[type=radio]')].filter((r) => r.name === e.name) });
        continue;
      }
      wanted.push({ element: e, group: [e] });
    }
    window.__a11yWanted = wanted;
    return wanted.map((w) => describe(w.element));
  });
}

/**
 * Presses Tab `presses` times from the current focus and returns, per press, the index in the
 * marked list of the focused control (-1 for anything else) and a description of it.
 */
async function tabThrough(page, presses) {
  const stops = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const e = document.activeElement;
        const index = window.__a11yWanted.findIndex((w) => w.group.includes(e));
        const name = e ? (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) : '';
        return { index, what: e ? `${e.tagName.toLowerCase()} "${name}"` : 'nothing' };
      }),
    );
  }
  return stops;
}

function assertAllReached(wanted, stops, where) {
  const reached = new Set(stops.map((s) => s.index));
  const missing = wanted.filter((_, i) => !reached.has(i));
  assert.deepEqual(
    missing,
    [],
    `${where}: ${missing.length} of ${wanted.length} visible controls are never reached with Tab.\n` +
      `Focus went through: ${stops.map((s) => s.what).join(' → ')}`,
  );
}

test('keyboard only: Tab from the top reaches the Encoded token, then the Algorithm, and every visible control', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await expectStatus(page, /Signature verified/);
  const wanted = await markFocusables(page);
  const index = (name) =>
    page.evaluate((name) => window.__a11yWanted.findIndex((w) => w.element.getAttribute('aria-label') === name || w.element.labels?.[0]?.textContent?.trim() === name), name);
  const tokenIndex = await index('Encoded token');
  const algorithmIndex = await index('Algorithm');
  assert.ok(tokenIndex >= 0, 'the Encoded token textarea is a visible focusable control');
  assert.ok(algorithmIndex >= 0, 'the Algorithm select is a visible focusable control');
  // Nothing has been clicked: the first Tab starts from the top of the document.
  await page.evaluate(() => document.activeElement?.blur());
  const stops = await tabThrough(page, wanted.length + 5);
  const order = stops.map((s) => s.index);
  const firstToken = order.indexOf(tokenIndex);
  const firstAlgorithm = order.indexOf(algorithmIndex);
  const path = stops.map((s) => s.what).join(' → ');
  assert.ok(firstToken >= 0, `Tab reaches the Encoded token. Focus went through: ${path}`);
  assert.ok(firstAlgorithm > firstToken, `Tab reaches the Algorithm select after the Encoded token. Focus went through: ${path}`);
  for (let i = 1; i < stops.length; i++) {
    if (stops[i].index >= 0 && stops[i].index === stops[i - 1].index) {
      assert.fail(`keyboard trap: Tab does not leave ${stops[i].what}. Focus went through: ${path}`);
    }
  }
  assertAllReached(wanted, stops, 'Decode mode');
  await context.close();
});

test('keyboard only: in Encode mode with the key generator open, Tab reaches every visible control', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await expectStatus(page, /Signature verified/);
  await switchTo(page, 'Encode');
  await openGenerator(page);
  const wanted = await markFocusables(page);
  await page.evaluate(() => document.activeElement?.blur());
  // Twice round the page: wherever the focus starts, every control comes up at least once.
  const stops = await tabThrough(page, 2 * wanted.length + 10);
  const path = stops.map((s) => s.what).join(' → ');
  for (let i = 1; i < stops.length; i++) {
    if (stops[i].index >= 0 && stops[i].index === stops[i - 1].index) {
      assert.fail(`keyboard trap: Tab does not leave ${stops[i].what}. Focus went through: ${path}`);
    }
  }
  assertAllReached(wanted, stops, 'Encode mode with the key generator open');
  await context.close();
});
