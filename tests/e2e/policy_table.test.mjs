// The policy table (issue 17) judged by the page: every case of tests/policy_table.rs, which
// the core, the command line, PyJWT and node jose judge natively and which that test writes with
// its tokens to target/policy-table/cases.json (make test runs it before the e2e step). Each case
// is opened as a share link (#token=…&policy=…), the key typed where a user would type it,
// `Evaluate at` set to the case's moment; `Policy result` must give the case's answer, and a
// rejection must list the rule the case names as failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { expectStatus, openApp, ui, withBrowser } from './support.mjs';

const env = withBrowser();
const CASES = new URL('../../target/policy-table/cases.json', import.meta.url).pathname;

/**
 * Waits until `Policy result` reads Accepted or Rejected, judged at `at`; returns its text and the
 * rule lines, read in one go so that all three come from the same answer.
 */
async function settled(page, at, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let seen = {};
  while (Date.now() < deadline) {
    seen = await page.evaluate(() => ({
      text: document.querySelector('[aria-label="Policy result"]')?.textContent ?? '',
      moment: document.querySelector('.policy-moment')?.textContent ?? '',
      lines: [...document.querySelectorAll('[aria-label="Policy rules"] li')].map((li) => li.textContent),
    }));
    if (/^(Accepted|Rejected)/.test(seen.text) && seen.moment.endsWith(`(${at})`)) return seen;
    await page.waitForTimeout(25);
  }
  throw new Error(`no policy result at ${at}: ${JSON.stringify(seen)}`);
}

test('the page answers every case of the policy table as the core, the CLI, PyJWT and jose do', async () => {
  assert.ok(existsSync(CASES), `${CASES} is missing: run \`cargo test --test policy_table\` first`);
  const cases = JSON.parse(readFileSync(CASES, 'utf8'));
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  const problems = [];
  for (const c of cases) {
    const link = `${env.server.url}#token=${c.token}&policy=${encodeURIComponent(c.policy)}`;
    const { page, context, errors } = await openApp(env.browser, link);
    const region = page.getByRole('region', { name: 'Policy' });
    // The moment is typed once the typed key's verdict is in, so the answer read is this case's.
    if (c.key?.secret) await ui(page).secret.fill(c.key.secret);
    if (c.key?.public) await ui(page).publicKey.fill(c.key.public);
    if (c.key) await expectStatus(page, /^(Signature verified|Invalid signature)/);
    await region.getByRole('textbox', { name: 'Evaluate at' }).fill(String(c.at));
    const { text, lines } = await settled(page, c.at);
    const accepted = text.startsWith('Accepted');
    if (accepted !== c.accept) {
      problems.push(`${c.name}: the page says ${JSON.stringify(text)}; expected ${c.accept ? 'Accepted' : 'Rejected'}\n    ${lines.join('\n    ')}`);
    } else if (c.fails && !lines.some((line) => line.startsWith(`failed ${c.fails}:`))) {
      problems.push(`${c.name}: rule ${c.fails} is not listed as failed:\n    ${lines.join('\n    ')}`);
    }
    if (errors.length) problems.push(`${c.name}: page errors ${errors.join(' | ')}`);
    await context.close();
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
