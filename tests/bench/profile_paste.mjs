// Where paste-to-verdict time goes in the release page (dist/): pastes the example token and a
// "Bearer "-prefixed copy in turn, to "Signature verified" each time, under Chromium's CPU
// profiler, then again under a timeline trace. Prints the median paste, the functions with the
// most self time, and the timeline's script and rendering time per paste. For issue 15's work on
// the decode_verify row of `make bench`; run after `make build`:
//   cd tests && node bench/profile_paste.mjs
import { serve, launch, openApp, expectStatus } from '../e2e/support.mjs';

const RUNS = 40;

/** Pastes RUNS times in the page; returns each paste's time to the verdict in ms. */
const pasteAll = (page) =>
  page.evaluate(async (runs) => {
    const area = document.querySelector('textarea[aria-label="Encoded token"]');
    const status = document.querySelector('[role=status][aria-label="Signature status"]');
    const variants = [area.value, `Bearer ${area.value}`];
    const times = [];
    for (let i = 0; i < runs; i++) {
      times.push(
        await new Promise((done) => {
          let checking = false;
          const observer = new MutationObserver(() => {
            if (!status.textContent.startsWith('Signature verified')) checking = true;
            else if (checking) {
              observer.disconnect();
              done(performance.now() - start);
            }
          });
          observer.observe(status, { subtree: true, childList: true, characterData: true });
          const start = performance.now();
          area.value = variants[(i + 1) % 2];
          area.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      );
      await new Promise((r) => setTimeout(r, 30));
    }
    return times;
  }, RUNS);

async function profile(cdp, page) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const times = await pasteAll(page);
  const { profile: p } = await cdp.send('Profiler.stop');
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  p.samples.forEach((id, i) => {
    const f = nodes.get(id).callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}`.trim();
    self.set(name, (self.get(name) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return { times, self };
}

async function trace(cdp, page) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  await pasteAll(page);
  await cdp.send('Tracing.end');
  await complete;
  const kinds = ['RunMicrotasks', 'FunctionCall', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'];
  const total = new Map();
  for (const e of events) {
    if (e.ph === 'X' && kinds.includes(e.name)) total.set(e.name, (total.get(e.name) ?? 0) + e.dur);
  }
  return kinds.map((k) => [k, (total.get(k) ?? 0) / 1000 / RUNS]);
}

const browser = await launch();
const app = await serve();
const { context, page } = await openApp(browser, app.url);
await expectStatus(page, /^Signature verified/);
const cdp = await context.newCDPSession(page);
const { times, self } = await profile(cdp, page);
const sorted = [...times].sort((a, b) => a - b);
console.log(`paste to verdict: median ${sorted[RUNS >> 1].toFixed(2)} ms over ${RUNS} pastes`);
const busy = [...self].filter(([k]) => !k.startsWith('(idle)'));
const sum = busy.reduce((s, [, us]) => s + us, 0);
console.log('self time (CPU profile, idle excluded):');
for (const [name, us] of busy.sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${(100 * us / sum).toFixed(1).padStart(5)}%  ${name}`);
}
console.log('timeline, ms per paste (script: RunMicrotasks and FunctionCall, which overlap; then rendering):');
for (const [kind, ms] of await trace(cdp, page)) console.log(`  ${kind.padEnd(17)} ${ms.toFixed(2)}`);
await context.close();
await browser.close();
await app.close();
