// Measures key generation in the page, as a user triggers it: from the click on "Generate key
// pair" to the key on screen, timed by the page itself (data-elapsed-ms, from the click to the
// key's exports). Prints the median of several runs per key type. WebCrypto makes the keys;
// with --without-webcrypto the page falls back to the Rust generator in its worker.
// (`make bench` measures the engine against WebCrypto directly; this is the whole click.)
//   DIST=dist node tests/bench/keygen.mjs [runs] [--without-webcrypto]
import { serve, launch, openApp, WITHOUT_WEBCRYPTO } from '../e2e/support.mjs';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const init = process.argv.includes('--without-webcrypto') ? WITHOUT_WEBCRYPTO : undefined;
const kinds = ['RSA 2048', 'RSA 3072', 'RSA 4096', 'EC P-256', 'EC P-384', 'EC P-521', 'Ed25519', 'HMAC 256-bit'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve();
const browser = await launch();
const { page } = await openApp(browser, server.url, { init });
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
