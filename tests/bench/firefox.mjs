// Firefox ESR for `make bench`, driven by puppeteer-core over WebDriver BiDi (playwright-core
// drives only its own patched Firefox builds, and its BiDi client asks for commands that
// Firefox ESR does not have yet). The object returned has the part of playwright-core's API the
// benchmarks use (newContext, newPage, goto, evaluate, waitForFunction, getByRole, locator,
// keyboard), so run.mjs and peer.mjs run unchanged in both browsers.
//
// puppeteer-core (pinned in tests/support/bench.sh) is installed into target/bench/peer with
// jose; it never downloads a browser: $FIREFOX is Debian's firefox-esr.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A CSS or ARIA query (puppeteer's `::-p-aria`) with the locator methods the benchmarks call. */
function locator(page, selector) {
  const handle = async (timeout = 30000) => {
    const h = await page.waitForSelector(selector, { timeout });
    if (!h) throw new Error(`no element for ${selector}`);
    return h;
  };
  return {
    click: async () => (await handle()).click(),
    waitFor: async ({ timeout } = {}) => {
      await handle(timeout);
    },
    textContent: async () => (await handle()).evaluate((e) => e.textContent),
    getAttribute: async (name) => (await handle()).evaluate((e, n) => e.getAttribute(n), name),
    selectOption: async (value) => (await handle()).select(value),
    // The benchmarks' names are unique on the page, so a nested query can search the page.
    getByRole: (role, options) => byRole(page, role, options),
    locator: (css) => locator(page, css),
  };
}

function byRole(page, role, { name } = {}) {
  const quoted = JSON.stringify(name ?? '');
  return locator(page, `::-p-aria([name=${quoted}][role="${role}"])`);
}

function wrapPage(page) {
  return {
    goto: (url) => page.goto(url),
    addInitScript: (script) => page.evaluateOnNewDocument(script),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForFunction: (fn, arg, { timeout = 30000 } = {}) => page.waitForFunction(fn, { timeout, polling: 'mutation' }, arg),
    waitForTimeout: sleep,
    on: (event, handler) => page.on(event, handler),
    keyboard: page.keyboard,
    getByRole: (role, options) => byRole(page, role, options),
    locator: (css) => locator(page, css),
  };
}

/** Launches headless Firefox ($FIREFOX); returns a playwright-like browser. */
export async function launchFirefox(root) {
  const require = createRequire(join(root, 'target/bench/peer/package.json'));
  const puppeteer = require('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {
      // Firefox rounds performance.now() to 1 ms for pages that are not cross-origin isolated
      // (Chromium: 0.1 ms); the benchmark pages time batches, but finer steps cost nothing.
      'privacy.reduceTimerPrecision': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const version = await browser.version();
  return {
    version: () => version,
    close: () => browser.close(),
    newContext: async ({ viewport = { width: 1440, height: 900 } } = {}) => {
      const context = await browser.createBrowserContext();
      return {
        newPage: async () => {
          const page = await context.newPage();
          await page.setViewport(viewport);
          return wrapPage(page);
        },
        close: () => context.close(),
      };
    },
  };
}
