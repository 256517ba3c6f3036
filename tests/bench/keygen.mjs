// Measures key generation in the page, as a user triggers it: from the click on "Generate key
// pair" to the key on screen, timed by the page itself (data-elapsed-ms, from the worker hook's
// start to the worker's answer). Prints the median of several runs per key type.
//   DIST=dist node tests/bench/keygen.mjs [runs]
import { serve, launch, openApp } from '../e2e/support.mjs';

const runs = Number(process.argv[2] ?? 5);
const kinds = ['RSA 2048', 'RSA 3072', 'RSA 4096', 'EC P-256', 'EC P-384', 'EC P-521', 'Ed25519', 'HMAC 256-bit'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve();
const browser = await launch();
const { page } = await openApp(browser, server.url);
const g = page.getByRole('region', { name: 'Generate a key' });
console.log('| key type | median ms | runs (ms) |\n| --- | --- | --- |');
for (const kind of kinds) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    await g.getByRole('combobox', { name: 'Key type' }).selectOption(kind);
    await g.getByRole('button', { name: 'Generate key pair' }).click();
    const done = g.locator('[data-elapsed-ms]');
    await done.waitFor({ timeout: 300000 });
    times.push(Number(await done.getAttribute('data-elapsed-ms')));
    await page.waitForTimeout(50);
  }
  console.log(`| ${kind} | ${median(times)} | ${times.join(', ')} |`);
}
await browser.close();
await server.close();
