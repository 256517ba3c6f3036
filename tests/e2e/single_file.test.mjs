// The single-file build (make single) opened from disk, as on an air-gapped machine: it decodes,
// verifies, and generates keys in its inline worker, with no files beside it and no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { existsSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, launch, ui, expectStatus } from './support.mjs';

const SINGLE = resolve(DIST, '../dist-single/jwt-debugger.html');

test('the single HTML file works from file:// on its own', { skip: !existsSync(SINGLE) && 'make single has not run' }, async () => {
  // Alone in an empty folder: nothing beside it to load.
  const file = join(mkdtempSync(join(tmpdir(), 'jwt-single-')), 'jwt-debugger.html');
  copyFileSync(SINGLE, file);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`file://${file}`);
    const u = ui(page);
    await expectStatus(page, /Signature verified/, 30000);

    const secret = 'air-gapped-secret-0123456789abcdef';
    const h = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const p = Buffer.from('{"sub":"offline"}').toString('base64url');
    await u.token.fill(`${h}.${p}.${crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`);
    await u.secret.fill(secret);
    await expectStatus(page, /Signature verified/);

    const g = page.getByRole('region', { name: 'Generate a key' });
    await g.getByRole('combobox', { name: 'Key type' }).selectOption('Ed25519');
    await g.getByRole('button', { name: 'Generate key pair' }).click();
    await g.getByText(/Generated a Ed25519 key in/).waitFor({ timeout: 30000 });

    const outside = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(outside, [], 'no request beyond the file itself');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});
