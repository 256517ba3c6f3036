// The page's first load: index.html and every script, module and stylesheet it references (the
// service worker and the key generation worker load later, on their own), with their sizes raw,
// gzip (level 9) and brotli (quality 11). Deterministic for a given dist/ and Node version, so
// `make test` can hold it to a budget; `make bench` reports the same figures.
//
//   node tests/support/bundle.mjs [DIST]   checks the brotli total against bundle-budget.json
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

/** The first-load files of the build in `dist` and their total sizes. */
export async function bundle(dist) {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const refs = new Set(
    [...html.matchAll(/(?:href|src)="\.?\/?([^"#?]+\.(?:js|wasm|css))"/g)].map((m) => m[1]),
  );
  const files = ['index.html', ...refs];
  let raw = 0, gzip = 0, brotli = 0;
  for (const f of files) {
    const body = await readFile(join(dist, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files, raw_bytes: raw, gzip_bytes: gzip, brotli_bytes: brotli };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(new URL('../..', import.meta.url).pathname);
  const dist = resolve(process.argv[2] ?? join(root, 'dist'));
  const budget = JSON.parse(await readFile(new URL('./bundle-budget.json', import.meta.url), 'utf8'));
  const sizes = await bundle(dist);
  const within = sizes.brotli_bytes <= budget.first_load_brotli_bytes;
  console.log(
    `first load (${sizes.files.join(', ')}): ${sizes.raw_bytes} raw, ${sizes.gzip_bytes} gzip, ` +
      `${sizes.brotli_bytes} brotli bytes; budget ${budget.first_load_brotli_bytes}`,
  );
  console.log(within ? '1 passed, 0 failed' : '0 passed, 1 failed');
  if (!within) {
    console.error(`over budget by ${sizes.brotli_bytes - budget.first_load_brotli_bytes} bytes: shrink the first load, or raise the budget in tests/support/bundle-budget.json with a reason`);
    process.exit(1);
  }
}
