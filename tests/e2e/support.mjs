// Shared helpers of the end-to-end tests: a static server for dist/ under any path prefix, the
// system Chromium driven by playwright-core, and a record of every request a page makes.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DIST = resolve(process.env.DIST ?? new URL('../../dist', import.meta.url).pathname);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Serves `dir` at `prefix` (e.g. "/" or "/jwt-debugger/") on a free loopback port, as a static
 * host such as GitHub Pages would. `headers` are added to every response (e.g. GitHub Pages'
 * `{ 'cache-control': 'max-age=600' }`). Returns { origin, url, close, setDir }; setDir(other)
 * serves another directory from then on, as a deploy of a new build does.
 */
export async function serve(dir = DIST, prefix = '/', { headers = {} } = {}) {
  let root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not under the served prefix');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    close: () => new Promise((ok) => server.close(ok)),
    setDir: (other) => {
      root = resolve(other);
    },
  };
}

/** Headless system Chromium, with the flags that work on a machine without network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the app at `url` in a fresh context and waits until it has rendered. Returns the page,
 * every request URL it made, and every uncaught error or console error.
 */
export async function openApp(browser, url, { viewport = { width: 1440, height: 900 }, colorScheme = 'light', init } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Encoded token' }).waitFor({ timeout: 20000 });
  return { context, page, requests, errors };
}

/**
 * An init script that takes WebCrypto away, as an insecure context (plain http on a non-local
 * host) does: the page must fall back to its Rust engine and the key generation worker.
 */
export const WITHOUT_WEBCRYPTO = `Object.defineProperty(Crypto.prototype, 'subtle', { get() { return undefined; } });`;

/** The requests that left `origin` (anything not same-origin, data: or blob:). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/** The page's controls by accessible name (the design's contract). */
export const ui = (page) => ({
  token: page.getByRole('textbox', { name: 'Encoded token' }),
  header: page.getByRole('textbox', { name: 'Header', exact: true }),
  payload: page.getByRole('textbox', { name: 'Payload', exact: true }),
  algorithm: page.getByRole('combobox', { name: 'Algorithm' }),
  secret: page.getByRole('textbox', { name: 'Secret', exact: true }),
  secretEncoding: page.getByRole('combobox', { name: 'Secret encoding' }),
  publicKey: page.getByRole('textbox', { name: 'Public key', exact: true }),
  privateKey: page.getByRole('textbox', { name: 'Private key', exact: true }),
  status: page.getByRole('status', { name: 'Signature status' }),
  decode: page.getByRole('button', { name: 'Decode', exact: true }),
  encode: page.getByRole('button', { name: 'Encode', exact: true }),
  findings: page.getByRole('region', { name: 'Findings' }),
});

/**
 * Waits until the `role="status"` element named `name` has text matching `pattern` (it may
 * appear only later); returns the text.
 */
export async function expectNamedStatus(page, name, pattern, timeout = 15000) {
  const status = page.getByRole('status', { name });
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await status.textContent().catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`${name} ${JSON.stringify(text)} does not match ${pattern}`);
}

/** Waits until the signature status text matches `pattern`; returns the text. */
export function expectStatus(page, pattern, timeout = 10000) {
  return expectNamedStatus(page, 'Signature status', pattern, timeout);
}

/**
 * Registers before/after hooks that start headless Chromium and serve dist/ (at `prefix`) for
 * the test file; returns an object whose `browser` and `server` are set once they run.
 */
export function withBrowser(prefix = '/') {
  const env = {};
  before(async () => {
    env.browser = await launch();
    env.server = await serve(DIST, prefix);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
