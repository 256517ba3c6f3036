// The JavaScript peer of `make bench`: panva's `jose` (pinned in tests/support/bench.sh, installed
// into target/bench/peer from the registry), timed on the same keys and inputs as our engine,
// and a peer page (peer.html: jose plus plain DOM) for load and paste-to-verdict times.
//   - sign_*: `new SignJWT(payload).setProtectedHeader(header).sign(key)` over the benchmark's
//     header and claims (tests/bench/input.rs), the key imported once (importPKCS8 / raw secret).
//   - verify_*: `jwtVerify(token, key)` on our engine's token for the same input.
//   - keygen_*: `generateKeyPair` + `exportPKCS8` + `exportSPKI` + `exportJWK` +
//     `calculateJwkThumbprint`, and the JWKS text: what the generator shows.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The claims of the benchmark tokens were issued at this time; both sides judge them then. */
export const BENCH_AT = 1764288300;

/** Writes the peer page with `token` and `publicPem` as its example into `dir`, with jose. */
export async function preparePeerSite(root, dir, token, publicPem) {
  const jose = join(root, 'target/bench/peer/node_modules/jose/dist/webapi');
  await mkdir(dir, { recursive: true });
  await cp(jose, join(dir, 'jose'), { recursive: true });
  const html = (await readFile(join(root, 'tests/bench/peer.html'), 'utf8'))
    .replace('@TOKEN@', token)
    .replace('@PUBLIC_KEY@', publicPem)
    .replace('@AT@', String(BENCH_AT));
  await writeFile(join(dir, 'index.html'), html);
}

/**
 * jose's time for each engine row, in the peer page at `url`. `material` has, per algorithm, the
 * benchmark's key (PKCS#8 or raw secret, base64), its input and our token.
 */
export async function joseRows(browser, url, material, runs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`peer page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.jose !== undefined, null, { timeout: 30000 });
  const rows = await page.evaluate(
    async ({ material, runs, at }) => {
      const jose = window.jose;
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const pem = (label, b64) => `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;
      const time = async (once) => {
        // Batches of about 5 ms, as the engine rows (Chromium's timer step is 0.1 ms).
        let t = performance.now();
        await once();
        const n = Math.min(500, Math.max(1, Math.ceil(5 / Math.max(performance.now() - t, 0.005))));
        const xs = [];
        for (let i = 0; i < runs; i++) {
          t = performance.now();
          for (let k = 0; k < n; k++) await once();
          xs.push((performance.now() - t) / n);
        }
        return median(xs);
      };
      const out = {};
      for (const [alg, m] of Object.entries(material)) {
        const [h, p] = m.input.split('.');
        const decode = (s) => JSON.parse(new TextDecoder().decode(bytes(s.replace(/-/g, '+').replace(/_/g, '/'))));
        const header = decode(h);
        const payload = decode(p);
        const hmac = alg.startsWith('HS');
        const signKey = hmac ? bytes(m.private) : await jose.importPKCS8(pem('PRIVATE KEY', m.private), alg);
        const verifyKey = hmac ? bytes(m.private) : await jose.importSPKI(pem('PUBLIC KEY', m.public), alg);
        // jose must accept our token before it is timed on it.
        await jose.jwtVerify(m.token, verifyKey, { currentDate: new Date(at * 1000) });
        const name = alg.toLowerCase();
        out[`sign_${name}`] = await time(() => new jose.SignJWT(payload).setProtectedHeader(header).sign(signKey));
        out[`verify_${name}`] = await time(() => jose.jwtVerify(m.token, verifyKey, { currentDate: new Date(at * 1000) }));
      }
      const generate = async (alg, options) => {
        const pair = await jose.generateKeyPair(alg, { extractable: true, ...options });
        await jose.exportPKCS8(pair.privateKey);
        await jose.exportSPKI(pair.publicKey);
        const jwk = await jose.exportJWK(pair.publicKey);
        const kid = await jose.calculateJwkThumbprint(jwk);
        const published = { ...jwk, kid, use: 'sig', alg };
        return [JSON.stringify(published, null, 2), JSON.stringify({ keys: [published] }, null, 2)];
      };
      const keygens = [
        ['keygen_rsa2048', 'RS256', { modulusLength: 2048 }, Math.max(3, Math.ceil(runs / 2))],
        ['keygen_rsa4096', 'RS256', { modulusLength: 4096 }, Math.max(3, Math.ceil(runs / 2))],
        ['keygen_p256', 'ES256', {}, runs],
        ['keygen_ed25519', 'EdDSA', {}, runs],
      ];
      for (const [name, alg, options, n] of keygens) {
        if (!options.modulusLength) {
          out[name] = await time(() => generate(alg, options));
          continue;
        }
        const xs = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await generate(alg, options);
          xs.push(performance.now() - t);
        }
        out[name] = median(xs);
      }
      return out;
    },
    { material, runs, at: BENCH_AT },
  );
  await context.close();
  return rows;
}
