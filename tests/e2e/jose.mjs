// Independent JOSE helpers for the end-to-end tests: tokens signed and keys made with Node's
// crypto (OpenSSL inside Node), never with the page's own code, so the page is checked against
// another implementation.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const b64u = (buf) => Buffer.from(buf).toString('base64url');

const HASH = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

/** Signs `payload` as a compact JWS with `alg` and a Node KeyObject (or secret Buffer). */
export function signJwt(alg, key, payload, extraHeader = {}) {
  const header = { alg, typ: 'JWT', ...extraHeader };
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  let sig;
  if (alg.startsWith('HS')) {
    sig = crypto.createHmac(HASH[alg.slice(2)], key).update(input).digest();
  } else if (alg.startsWith('RS')) {
    sig = crypto.sign(HASH[alg.slice(2)], Buffer.from(input), key);
  } else if (alg.startsWith('PS')) {
    sig = crypto.sign(HASH[alg.slice(2)], Buffer.from(input), {
      key,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: Number(alg.slice(2)) / 8,
    });
  } else if (alg.startsWith('ES')) {
    sig = crypto.sign(HASH[alg.slice(2)], Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  } else if (alg === 'EdDSA' || alg === 'Ed25519') {
    sig = crypto.sign(null, Buffer.from(input), key);
  } else {
    throw new Error(`unsupported alg ${alg}`);
  }
  return `${input}.${b64u(sig)}`;
}

/** Verifies a compact JWS with Node's crypto; true or false. */
export function verifyJwt(token, publicKey) {
  const [h, p, s] = token.split('.');
  const { alg } = JSON.parse(Buffer.from(h, 'base64url'));
  const input = Buffer.from(`${h}.${p}`);
  const sig = Buffer.from(s, 'base64url');
  if (alg.startsWith('RS')) return crypto.verify(HASH[alg.slice(2)], input, publicKey, sig);
  if (alg.startsWith('PS'))
    return crypto.verify(HASH[alg.slice(2)], input, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }, sig);
  if (alg.startsWith('ES')) return crypto.verify(HASH[alg.slice(2)], input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig);
  if (alg === 'EdDSA' || alg === 'Ed25519') return crypto.verify(null, input, publicKey, sig);
  throw new Error(`unsupported alg ${alg}`);
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of a public JWK. */
export function thumbprint(jwk) {
  const members = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], AKP: ['alg', 'kty', 'pub'] }[jwk.kty];
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return crypto.createHash('sha256').update(canonical).digest('base64url');
}

/** A self-signed X.509 certificate (PEM) for `privateKey`, made by the openssl command line. */
export function certificateFor(privateKey) {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-e2e-'));
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=jwt-debugger test', '-days', '2', '-out', certFile]);
  return readFileSync(certFile, 'utf8');
}

/** Verifies with the openssl command line: the page's token against the page's public PEM. */
export function opensslVerify(token, publicPem) {
  const [h, p, s] = token.split('.');
  const dir = mkdtempSync(join(tmpdir(), 'jwt-e2e-'));
  const pub = join(dir, 'pub.pem');
  const sig = join(dir, 'sig.bin');
  const data = join(dir, 'data.txt');
  writeFileSync(pub, publicPem);
  writeFileSync(sig, Buffer.from(s, 'base64url'));
  writeFileSync(data, `${h}.${p}`);
  try {
    return execFileSync('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, data]).toString();
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

export const now = () => Math.floor(Date.now() / 1000);
