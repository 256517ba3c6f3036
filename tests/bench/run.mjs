// The browser benchmarks of `make bench`: the page's engine against WebCrypto and against the
// JavaScript peer, panva's `jose` (peer.mjs), in headless Chromium or Firefox ESR, and the page
// itself (load, typing, decoding, key generation) next to a jose peer page. Prints a table and
// writes target/bench/results-<browser>.json. Needs the release site in dist/ and the benchmark
// page in target/bench/site (tests/support/bench.sh builds both).
//   node tests/bench/run.mjs [--quick] [--browser chromium|firefox]
//
// How each number is taken:
// - Engine rows (sign_*, verify_*, keygen_*): the benchmark page (tests/bench/wasm.rs) exports
//   the page's engine. "ours" calls it (key already imported and cached, as in the page);
//   "webcrypto" calls crypto.subtle directly from JavaScript with the same key and input (for
//   keygen_*: the same outputs, i.e. the key pair, its PEM, JWK, thumbprint and JWKS). The two
//   alternate within each run (which goes first alternates too). A run times a batch of
//   operations (at least ~5 ms, because Chromium coarsens performance.now() to 0.1 ms) and
//   divides. Before timing, each side must verify the other's signature. "rust" is the Rust
//   engine alone (the fallback without WebCrypto), for reference.
// - decode_verify_rs256: in the real page (dist/), a token is put in the Encoded box and an input
//   event fired; timed to the status saying "Signature verified" again (it shows "checking"
//   in between). WebCrypto: the same token decoded in JavaScript (split, base64url, JSON.parse)
//   and verified with crypto.subtle, in the same page.
// - load_ms: navigation start to the example token's "Signature verified" in the DOM; a new
//   browser context (empty cache) each run.
// - keystroke: Encode mode with the example RS256 key; a key typed into a string of the Payload
//   editor (real key events); from the keydown event's timestamp to the new token in the DOM.
// - longest_task_during_keygen_ms: while the page generates an RSA-4096 key (click to key on
//   screen), a MessageChannel ping-pong measures the longest gap in which the main thread ran
//   something else; the maximum over the runs.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { serve, launch, openApp, ui, expectStatus } from '../e2e/support.mjs';
import { bundle } from '../support/bundle.mjs';
import { preparePeerSite, joseRows } from './peer.mjs';
import { launchFirefox } from './firefox.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const DIST = resolve(process.env.DIST ?? join(ROOT, 'dist'));
const SITE = join(ROOT, 'target/bench/site');
const OUT = join(ROOT, 'target/bench');
const quick = process.argv.includes('--quick');
const browserArg = process.argv.indexOf('--browser');
const BROWSER = browserArg > 0 ? process.argv[browserArg + 1] : 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`--browser ${BROWSER}: use chromium or firefox`);
const R = (n) => (quick ? Math.max(3, Math.ceil(n / 4)) : n);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, d = 3) => (x === null || x === undefined ? null : Number(x.toFixed(d)));

// ---------------------------------------------------------------------------------------------
// Engine: the benchmark page.
async function engineBenchmarks(browser) {
  const server = await serve(SITE);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`bench page error: ${e.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60000 });

  const ops = await page.evaluate(
    async ({ algs, runs }) => {
      const w = window.wasmBindings;
      const subtle = crypto.subtle;
      const P = {
        RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
        PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
        ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
        ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' }],
        EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
        HS256: [{ name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC' }],
      };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // A batch size that makes one timed batch last about 5 ms.
      const batchFor = async (once) => {
        const t = performance.now();
        await once();
        const ms = Math.max(performance.now() - t, 0.005);
        return Math.min(500, Math.max(1, Math.ceil(5 / ms)));
      };
      const out = [];
      for (const alg of algs) {
        const id = w.prepare(alg);
        const [imp, op] = P[alg];
        const raw = alg.startsWith('HS');
        const priv = await subtle.importKey(raw ? 'raw' : 'pkcs8', w.private_der(id), imp, false, ['sign']);
        const pub = await subtle.importKey(raw ? 'raw' : 'spki', w.public_der(id), imp, false, ['verify']);
        const input = w.input(id);
        const sig = w.signature(id);
        // The engines must agree before they are compared: each verifies the other's signature.
        const theirs = new Uint8Array(await subtle.sign(op, priv, input));
        if (!w.verify_rust_with(id, theirs)) throw new Error(`${alg}: the Rust engine rejects WebCrypto's signature`);
        if (!(await subtle.verify(op, pub, sig, input))) throw new Error(`${alg}: WebCrypto rejects the Rust engine's signature`);
        for (const kind of ['sign', 'verify']) {
          const ours = kind === 'sign' ? (n) => w.sign_ours(id, n) : (n) => w.verify_ours(id, n);
          const rust = kind === 'sign' ? (n) => w.sign_rust(id, n) : (n) => w.verify_rust(id, n);
          const wc =
            kind === 'sign'
              ? async (n) => { for (let i = 0; i < n; i++) await subtle.sign(op, priv, input); }
              : async (n) => {
                  for (let i = 0; i < n; i++) {
                    if (!(await subtle.verify(op, pub, sig, input))) throw new Error('WebCrypto verify failed');
                  }
                };
          const backend = await ours(1); // imports and caches the key, as the page's first use does
          await wc(1);
          const n = Math.max(await batchFor(() => ours(1)), await batchFor(() => wc(1)));
          const nRust = await batchFor(async () => rust(1));
          const o = [], c = [], r = [];
          const timeIt = async (f, k, into) => {
            const t = performance.now();
            await f(k);
            into.push((performance.now() - t) / k);
          };
          for (let i = 0; i < runs; i++) {
            if (i % 2 === 0) {
              await timeIt(ours, n, o);
              await timeIt(wc, n, c);
            } else {
              await timeIt(wc, n, c);
              await timeIt(ours, n, o);
            }
            if (i % 3 === 0) await timeIt(async (k) => rust(k), nRust, r);
          }
          out.push({
            name: `${kind}_${alg.toLowerCase()}`,
            ours_ms: median(o),
            webcrypto_ms: median(c),
            rust_ms: median(r),
            runs,
            batch: n,
            engine: backend,
          });
        }
      }
      return out;
    },
    { algs: ['RS256', 'PS256', 'ES256', 'ES512', 'EdDSA', 'HS256'], runs: R(31) },
  );

  const keygens = await page.evaluate(
    async ({ cases }) => {
      const w = window.wasmBindings;
      const subtle = crypto.subtle;
      const P = {
        'RSA 2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        'RSA 4096': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        'EC P-256': { name: 'ECDSA', namedCurve: 'P-256' },
        Ed25519: { name: 'Ed25519' },
      };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // WebCrypto's side makes what the generator shows, as a JavaScript page would: the key
      // pair, PKCS#8 and SPKI PEM, the public JWK with its RFC 7638 thumbprint as kid (SHA-256
      // by crypto.subtle.digest), and the JWKS text.
      const ALG = { 'RSA 2048': 'RS256', 'RSA 4096': 'RS256', 'EC P-256': 'ES256', Ed25519: 'EdDSA' };
      const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));
      const pem = (label, buf) => `-----BEGIN ${label}-----\n${b64(buf).match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;
      const wcGen = async (label) => {
        const pair = await subtle.generateKey(P[label], true, ['sign', 'verify']);
        const privatePem = pem('PRIVATE KEY', await subtle.exportKey('pkcs8', pair.privateKey));
        const publicPem = pem('PUBLIC KEY', await subtle.exportKey('spki', pair.publicKey));
        const jwk = await subtle.exportKey('jwk', pair.publicKey);
        const members =
          jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
          : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
          : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
        const digest = await subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(members)));
        const kid = b64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        const published = { ...members, kid, use: 'sig', alg: ALG[label] };
        return [privatePem, publicPem, JSON.stringify(published, null, 2), JSON.stringify({ keys: [published] }, null, 2)];
      };
      const out = [];
      for (const [name, label, runs, rustRuns] of cases) {
        await w.keygen_ours(label);
        await wcGen(label);
        // EC and Ed25519 keys take well under Chromium's 0.1 ms timer step: time batches.
        const n = label.startsWith('RSA') ? 1 : 25;
        const o = [], c = [], r = [];
        for (let i = 0; i < runs; i++) {
          const a = async () => { const t = performance.now(); for (let k = 0; k < n; k++) await w.keygen_ours(label); o.push((performance.now() - t) / n); };
          const b = async () => { const t = performance.now(); for (let k = 0; k < n; k++) await wcGen(label); c.push((performance.now() - t) / n); };
          if (i % 2 === 0) { await a(); await b(); } else { await b(); await a(); }
        }
        for (let i = 0; i < rustRuns; i++) {
          const t = performance.now();
          for (let k = 0; k < n; k++) w.keygen_rust(label);
          r.push((performance.now() - t) / n);
        }
        out.push({ name, ours_ms: median(o), webcrypto_ms: median(c), rust_ms: rustRuns ? median(r) : null, runs, batch: n, engine: 'webcrypto' });
      }
      return out;
    },
    {
      cases: [
        ['keygen_rsa2048', 'RSA 2048', R(15), quick ? 1 : 3],
        ['keygen_rsa4096', 'RSA 4096', R(15), 0],
        ['keygen_p256', 'EC P-256', R(31), R(9)],
        ['keygen_ed25519', 'Ed25519', R(31), R(9)],
      ],
    },
  );

  const rs256 = await page.evaluate(() => {
    const w = window.wasmBindings;
    const id = w.prepare('RS256');
    return w.token_text(id);
  });
  // The same keys, inputs and tokens for the jose peer (peer.mjs).
  const material = await page.evaluate((algs) => {
    const w = window.wasmBindings;
    const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
    const out = {};
    for (const alg of algs) {
      const id = w.prepare(alg);
      out[alg] = {
        private: b64(w.private_der(id)),
        public: b64(w.public_der(id)),
        input: new TextDecoder().decode(w.input(id)),
        token: w.token_text(id),
      };
    }
    return out;
  }, ['RS256', 'PS256', 'ES256', 'ES512', 'EdDSA', 'HS256']);
  await context.close();
  await server.close();
  return { rows: [...keygens, ...ops], rs256Token: rs256, material };
}

// ---------------------------------------------------------------------------------------------
// The page itself.
const VERIFIED_AT = `
  window.__verifiedAt = null;
  new MutationObserver(() => {
    if (window.__verifiedAt !== null) return;
    const s = document.querySelector('[role=status][aria-label="Signature status"]');
    if (s && s.textContent.startsWith('Signature verified')) window.__verifiedAt = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

async function loadTimes(browser, url, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(VERIFIED_AT);
    await page.goto(url);
    await page.waitForFunction(() => window.__verifiedAt !== null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__verifiedAt));
    await context.close();
  }
  return times;
}

async function decodeVerify(browser, url, otherToken, runs) {
  const { context, page } = await openApp(browser, url);
  await expectStatus(page, /^Signature verified/);
  const result = await page.evaluate(
    async ({ other, runs }) => {
      const area = document.querySelector('textarea[aria-label="Encoded token"]');
      const status = document.querySelector('[role=status][aria-label="Signature status"]');
      const pem = document.querySelector('textarea[aria-label="Public key"]').value;
      const tokens = [area.value, other];
      // WebCrypto's side: the same token decoded and verified in JavaScript.
      const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (ch) => ch.charCodeAt(0));
      const key = await crypto.subtle.importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
      const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
      const jsDecodeVerify = async (token) => {
        const [h, p, s] = token.split('.');
        JSON.parse(new TextDecoder().decode(b64(h)));
        JSON.parse(new TextDecoder().decode(b64(p)));
        const ok = await crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, b64(s), new TextEncoder().encode(`${h}.${p}`));
        if (!ok) throw new Error('WebCrypto rejects the token');
      };
      const paste = (token) =>
        new Promise((done, fail) => {
          let checking = false;
          const observer = new MutationObserver(() => {
            const text = status.textContent;
            if (!text.startsWith('Signature verified')) checking = true;
            else if (checking) {
              observer.disconnect();
              done(performance.now() - start);
            }
          });
          observer.observe(status, { subtree: true, childList: true, characterData: true });
          setTimeout(() => fail(new Error(`no verdict: ${status.textContent}`)), 10000);
          const start = performance.now();
          area.value = token;
          area.dispatchEvent(new Event('input', { bubbles: true }));
        });
      const ours = [], wc = [];
      for (let i = 0; i < runs; i++) {
        const token = tokens[(i + 1) % 2];
        if (i % 2 === 0) {
          ours.push(await paste(token));
          let t = performance.now(); await jsDecodeVerify(token); wc.push(performance.now() - t);
        } else {
          let t = performance.now(); await jsDecodeVerify(token); wc.push(performance.now() - t);
          ours.push(await paste(token));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return { ours, wc };
    },
    { other: otherToken, runs },
  );
  await context.close();
  return result;
}

async function keystrokes(browser, url, runs) {
  const { context, page } = await openApp(browser, url);
  const u = ui(page);
  await expectStatus(page, /^Signature verified/);
  await u.encode.click();
  await expectStatus(page, /^Signature verified/);
  // The caret inside the "name" string, so each key keeps the JSON valid and re-signs.
  await u.payload.click();
  await page.evaluate(() => {
    const area = document.querySelector('textarea[aria-label="Payload"]');
    const at = area.value.indexOf('John') + 1;
    if (at <= 0) throw new Error('the example payload has no "John"');
    area.setSelectionRange(at, at);
  });
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => {
      const area = document.querySelector('textarea[aria-label="Payload"]');
      const backdrop = document.querySelector('.token-backdrop');
      const before = backdrop.textContent;
      window.__keystroke = new Promise((done, fail) => {
        let t0;
        area.addEventListener('keydown', (e) => { t0 = e.timeStamp; }, { once: true });
        const observer = new MutationObserver(() => {
          if (t0 !== undefined && backdrop.textContent !== before) {
            observer.disconnect();
            done(performance.now() - t0);
          }
        });
        observer.observe(backdrop, { subtree: true, childList: true, characterData: true });
        setTimeout(() => fail(new Error('the token did not change')), 10000);
      });
    });
    await page.keyboard.type('abcdefghijklmnopqrstuvwxyz'[i % 26]);
    times.push(await page.evaluate(() => window.__keystroke));
    await page.waitForTimeout(20);
  }
  await expectStatus(page, /^Signature verified/);
  await context.close();
  return times;
}

async function longestTaskDuringKeygen(browser, url, runs) {
  const { context, page } = await openApp(browser, url);
  const g = page.getByRole('region', { name: 'Generate a key' });
  const maxima = [];
  const generation = [];
  for (let i = 0; i < runs; i++) {
    await g.getByRole('combobox', { name: 'Key type' }).selectOption('RSA 4096');
    await page.evaluate(() => {
      const probe = { max: 0, last: performance.now(), running: true, longtasks: [] };
      window.__probe = probe;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const now = performance.now();
        probe.max = Math.max(probe.max, now - probe.last);
        probe.last = now;
        if (probe.running) channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longtasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await g.getByRole('button', { name: 'Generate key pair' }).click();
    const done = g.locator('[data-elapsed-ms]');
    await done.waitFor({ timeout: 300000 });
    // Let the page finish what the new key triggers (it becomes the signing key, re-signs).
    await page.waitForTimeout(300);
    const probe = await page.evaluate(() => {
      window.__probe.running = false;
      return { max: window.__probe.max, longtasks: window.__probe.longtasks };
    });
    maxima.push(Math.max(probe.max, ...probe.longtasks));
    generation.push(Number(await done.getAttribute('data-elapsed-ms')));
  }
  await context.close();
  return { maxima, generation };
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
const browser = BROWSER === 'firefox' ? await launchFirefox(ROOT) : await launch();
const version = browser.version();
const started = Date.now();
const engine = await engineBenchmarks(browser);
const app = await serve(DIST);
const load = await loadTimes(browser, app.url, R(9));
const dv = await decodeVerify(browser, app.url, engine.rs256Token, R(41));
const keys = await keystrokes(browser, app.url, R(60));
const task = await longestTaskDuringKeygen(browser, app.url, R(3) > 3 ? 3 : R(3));
await app.close();
// The jose peer: the engine rows, then its page, with our page's example token and key.
const PEER_SITE = join(OUT, 'peer-site');
const example = (file) => readFile(join(ROOT, 'src/app/example', file), 'utf8');
await preparePeerSite(ROOT, PEER_SITE, (await example('example_token.txt')).trim(), await example('example_public.pem'));
const peer = await serve(PEER_SITE);
const joseMs = await joseRows(browser, peer.url, engine.material, R(31));
const peerLoad = await loadTimes(browser, peer.url, R(9));
const peerDv = await decodeVerify(browser, peer.url, engine.rs256Token, R(41));
await peer.close();
await browser.close();
const sizes = await bundle(DIST);

const rows = engine.rows.map((r) => ({
  name: r.name,
  ours_ms: round(r.ours_ms),
  webcrypto_ms: round(r.webcrypto_ms),
  ratio: r.webcrypto_ms ? round(r.ours_ms / r.webcrypto_ms, 2) : null,
  jose_ms: round(joseMs[r.name]),
  ratio_vs_jose: joseMs[r.name] ? round(r.ours_ms / joseMs[r.name], 2) : null,
  runs: r.runs,
  rust_ms: round(r.rust_ms),
  engine: r.engine,
}));
// Paste to verdict: our page against WebCrypto in JavaScript, and against the jose peer page.
rows.push({
  name: 'decode_verify_rs256',
  ours_ms: round(median(dv.ours)),
  webcrypto_ms: round(median(dv.wc)),
  ratio: round(median(dv.ours) / median(dv.wc), 2),
  jose_ms: round(median(peerDv.ours)),
  ratio_vs_jose: round(median(dv.ours) / median(peerDv.ours), 2),
  runs: dv.ours.length,
  rust_ms: null,
  engine: 'page',
});
const results = {
  results: rows,
  bundle: { raw_bytes: sizes.raw_bytes, gzip_bytes: sizes.gzip_bytes, brotli_bytes: sizes.brotli_bytes, files: sizes.files },
  load_ms: round(median(load), 1),
  peer_load_ms: round(median(peerLoad), 1),
  keystroke_p50_ms: round(percentile(keys, 50), 1),
  keystroke_p95_ms: round(percentile(keys, 95), 1),
  longest_task_during_keygen_ms: round(Math.max(...task.maxima), 1),
  detail: {
    load_runs_ms: load.map((x) => round(x, 1)),
    peer_load_runs_ms: peerLoad.map((x) => round(x, 1)),
    keystroke_runs: keys.length,
    longest_task_per_run_ms: task.maxima.map((x) => round(x, 1)),
    rsa4096_generation_ms: task.generation,
    browser: `${BROWSER} ${version}`,
    quick,
    seconds: Math.round((Date.now() - started) / 1000),
  },
};
await mkdir(OUT, { recursive: true });
const resultsFile = join(OUT, `results-${BROWSER}.json`);
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');

const fmt = (x) => (x === null || x === undefined ? '–' : String(x));
console.log('| benchmark | ours (ms) | WebCrypto (ms) | ratio | jose (ms) | ratio vs jose | Rust engine alone (ms) | runs | engine |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${fmt(r.ours_ms)} | ${fmt(r.webcrypto_ms)} | ${fmt(r.ratio)} | ${fmt(r.jose_ms)} | ${fmt(r.ratio_vs_jose)} | ${fmt(r.rust_ms)} | ${r.runs} | ${r.engine} |`);
}
console.log('');
console.log('| page | value |');
console.log('| --- | ---: |');
console.log(`| load_ms (median of ${load.length}) | ${results.load_ms} |`);
console.log(`| peer_load_ms: the jose peer page (median of ${peerLoad.length}) | ${results.peer_load_ms} |`);
console.log(`| keystroke_p50_ms / p95 (${keys.length} keys) | ${results.keystroke_p50_ms} / ${results.keystroke_p95_ms} |`);
console.log(`| longest_task_during_keygen_ms (RSA-4096, ${task.maxima.length} runs) | ${results.longest_task_during_keygen_ms} |`);
console.log(`| first load: raw / gzip / brotli bytes (${sizes.files.length} files) | ${sizes.raw_bytes} / ${sizes.gzip_bytes} / ${sizes.brotli_bytes} |`);
console.log(`\n${BROWSER} ${version}; wrote ${resultsFile}`);
