#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger keygen`, run as a process, judged by independent implementations: openssl reads
//! every private key and derives exactly our public PEM; Python's `cryptography` derives the same
//! JWK members and RFC 7638 thumbprint (the kid). Also the HMAC secrets, `--traditional`
//! (PKCS#1), the 0600 modes and `--force`. Encryption keys (JWE) are also judged by panva's
//! `jose`, which encrypts to the public JWK for `decrypt` and decrypts what `encrypt` made with
//! the private JWK. The harness is tests/jose_support/cli.rs.

mod jose_support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use jose_support::cli::*;
use serde_json::{Value, json};

/// Python `cryptography`: the RFC 7517 public JWK members of a PEM public key and its RFC 7638
/// thumbprint, as JSON {"jwk": {...}, "thumbprint": "..."}.
const PY_JWK: &str = r#"
import sys, json, base64, hashlib
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519, x25519
def b(x): return base64.urlsafe_b64encode(x).rstrip(b'=').decode()
def i(v, n=None): return b(v.to_bytes(n or (v.bit_length() + 7) // 8, 'big'))
pub = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
if isinstance(pub, rsa.RSAPublicKey):
    n = pub.public_numbers()
    jwk = {'kty': 'RSA', 'n': i(n.n), 'e': i(n.e)}
elif isinstance(pub, ec.EllipticCurvePublicKey):
    n = pub.public_numbers()
    size = (pub.curve.key_size + 7) // 8
    crv = {'secp256r1': 'P-256', 'secp384r1': 'P-384', 'secp521r1': 'P-521'}[pub.curve.name]
    jwk = {'kty': 'EC', 'crv': crv, 'x': i(n.x, size), 'y': i(n.y, size)}
elif isinstance(pub, ed25519.Ed25519PublicKey):
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {'kty': 'OKP', 'crv': 'Ed25519', 'x': b(raw)}
elif isinstance(pub, x25519.X25519PublicKey):
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {'kty': 'OKP', 'crv': 'X25519', 'x': b(raw)}
canonical = json.dumps(jwk, sort_keys=True, separators=(',', ':'))
print(json.dumps({'jwk': jwk, 'thumbprint': b(hashlib.sha256(canonical.encode()).digest())}))
"#;

/// `keygen TYPE --out DIR` into a fresh scratch directory, timed: (DIR, the run).
fn keygen(t: &str) -> (PathBuf, Run) {
    let dir = scratch(&format!("keygen-{t}"));
    let start = Instant::now();
    let run = cli(&["keygen", t, "--out", p(&dir)]);
    eprintln!("keygen {t}: {:?}", start.elapsed());
    (dir, run)
}

/// `keygen TYPE --out OTHER --json` into another fresh directory: (OTHER, the JSON, its files).
/// The JSON names the key's algorithm `alg`.
fn keygen_json(t: &str, alg: &str) -> (PathBuf, Value, Vec<String>) {
    let other = scratch(&format!("keygen-{t}-json"));
    let v = cli(&["keygen", t, "--out", p(&other), "--json"]).json();
    assert_eq!(v["alg"], json!(alg));
    let files = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("path").to_owned())
        .collect();
    (other, v, files)
}

/// Checks a key pair keygen wrote: PEM types, modes, openssl reads the private key and derives
/// the same public PEM, Python derives the same JWK and thumbprint, kid printed on stdout, JWKS.
fn check_key_pair(t: &str, alg: &str) {
    let (dir, run) = keygen(t);
    let kid = run.ok().trim().to_owned();
    assert!(
        !kid.is_empty() && !kid.contains(char::is_whitespace),
        "{kid:?}"
    );

    let private = read(&dir.join("private.pem"));
    let public = read(&dir.join("public.pem"));
    assert!(
        private.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "PKCS#8: {private}"
    );
    assert!(
        public.starts_with("-----BEGIN PUBLIC KEY-----\n"),
        "SPKI: {public}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&dir.join("private.pem")), 0o600, "{t} private.pem");
    assert!(
        !dir.join("private.pkcs1.pem").exists(),
        "only with --traditional"
    );

    // openssl reads our private key and derives exactly our public PEM.
    openssl(&["pkey", "-in", p(&dir.join("private.pem")), "-noout"]);
    let derived = openssl(&["pkey", "-in", p(&dir.join("private.pem")), "-pubout"]);
    assert_eq!(
        derived, public,
        "{t}: openssl pkey -pubout equals public.pem"
    );

    // Python derives the same JWK members and thumbprint from public.pem.
    let reference: Value =
        serde_json::from_str(&python(PY_JWK, &[p(&dir.join("public.pem"))])).unwrap();
    let jwk = read_json(&dir.join("public.jwk.json"));
    for (member, value) in reference["jwk"].as_object().unwrap() {
        assert_eq!(&jwk[member], value, "{t}: JWK member {member}");
    }
    for private_member in PRIVATE_JWK_MEMBERS {
        assert!(
            jwk.get(private_member).is_none(),
            "{t}: public JWK has no {private_member}"
        );
    }
    assert_eq!(jwk["kid"], reference["thumbprint"], "{t}: kid = RFC 7638");
    assert_eq!(jwk["kid"], json!(kid), "{t}: stdout is the kid");
    assert_eq!(jwk["use"], json!("sig"));
    assert_eq!(jwk["alg"], json!(alg));
    let jwks = read_json(&dir.join("jwks.json"));
    let set = jwks["keys"].as_array().expect("jwks keys");
    assert_eq!(set.len(), 1, "{jwks}");
    assert_eq!(set[0], jwk, "jwks.json holds the public JWK");

    // --json into another directory.
    let (other, v, files) = keygen_json(t, alg);
    let mut names: Vec<String> = files
        .iter()
        .map(|f| {
            assert!(Path::new(f).is_file(), "{f} exists");
            Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["jwks.json", "private.pem", "public.jwk.json", "public.pem"]
    );
    let other_jwk = read_json(&other.join("public.jwk.json"));
    assert_eq!(v["kid"], other_jwk["kid"]);
    assert_ne!(v["kid"], json!(kid), "a new key each time");
}

#[test]
fn keygen_rsa2048() {
    check_key_pair("rsa2048", "RS256");
}

#[test]
fn keygen_rsa3072() {
    check_key_pair("rsa3072", "RS256");
}

#[test]
fn keygen_p256() {
    check_key_pair("p256", "ES256");
}

#[test]
fn keygen_p384() {
    check_key_pair("p384", "ES384");
}

#[test]
fn keygen_p521() {
    check_key_pair("p521", "ES512");
}

#[test]
fn keygen_ed25519() {
    check_key_pair("ed25519", "EdDSA");
}

/// RSA-4096 in a debug build: only that it is made and is 4096 bits to openssl.
#[test]
fn keygen_rsa4096() {
    let (dir, run) = keygen("rsa4096");
    run.code(0);
    let text = openssl(&[
        "pkey",
        "-in",
        p(&dir.join("private.pem")),
        "-noout",
        "-text",
    ]);
    assert!(text.contains("4096 bit"), "{}", &text[..80.min(text.len())]);
}

#[test]
fn keygen_hmac_secrets() {
    for (t, alg, len) in [
        ("hs256", "HS256", 32),
        ("hs384", "HS384", 48),
        ("hs512", "HS512", 64),
    ] {
        let (dir, run) = keygen(t);
        run.code(0);
        let secret = read(&dir.join("secret.txt"));
        let bytes = unb64u(&secret);
        assert!(
            bytes.len() >= len,
            "{t}: at least {len} bytes, got {}",
            bytes.len()
        );
        #[cfg(unix)]
        assert_eq!(mode(&dir.join("secret.txt")), 0o600, "{t} secret.txt");
        assert!(!dir.join("private.pem").exists());

        let (other, v, files) = keygen_json(t, alg);
        assert_eq!(files.len(), 1, "{v}");
        assert!(files[0].ends_with("secret.txt"), "{v}");
        assert_ne!(unb64u(&read(&other.join("secret.txt"))), bytes, "random");
    }
}

#[test]
fn keygen_traditional_writes_a_pkcs1_private_key_openssl_reads() {
    let dir = scratch("keygen-traditional");
    cli(&["keygen", "rsa2048", "--traditional", "--out", p(&dir)]).code(0);
    let pkcs1 = dir.join("private.pkcs1.pem");
    assert!(read(&pkcs1).starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert!(read(&dir.join("private.pem")).starts_with("-----BEGIN PRIVATE KEY-----\n"));
    #[cfg(unix)]
    assert_eq!(mode(&pkcs1), 0o600);
    let derived = openssl(&["rsa", "-in", p(&pkcs1), "-pubout"]);
    assert_eq!(
        derived,
        read(&dir.join("public.pem")),
        "the PKCS#1 file holds the same key"
    );
    // The PKCS#1 file signs gateway tokens that verify with public.pem.
    let token = token_line(gateway("a", "k", p(&pkcs1), &[]).ok());
    assert!(openssl_verifies_rs256(
        &token,
        &dir.join("public.pem"),
        &dir
    ));
}

#[test]
fn keygen_never_overwrites_without_force() {
    let dir = scratch("keygen-force");
    cli(&["keygen", "p256", "--out", p(&dir)]).code(0);
    let names = ["private.pem", "public.pem", "public.jwk.json", "jwks.json"];
    let before: Vec<String> = names.iter().map(|n| read(&dir.join(n))).collect();

    cli(&["keygen", "p256", "--out", p(&dir)]).usage_error();
    cli(&["keygen", "ed25519", "--out", p(&dir)]).usage_error();
    let after: Vec<String> = names.iter().map(|n| read(&dir.join(n))).collect();
    assert_eq!(before, after, "files untouched without --force");
    #[cfg(unix)]
    assert_eq!(mode(&dir.join("private.pem")), 0o600);

    cli(&["keygen", "p256", "--out", p(&dir), "--force"]).code(0);
    assert_ne!(
        read(&dir.join("private.pem")),
        before[0],
        "--force writes a new key"
    );
    #[cfg(unix)]
    assert_eq!(
        mode(&dir.join("private.pem")),
        0o600,
        "still 0600 after --force"
    );

    // One existing file is enough to refuse, and it is left as it was.
    let partial = scratch("keygen-force-partial");
    write(&partial.join("jwks.json"), "sentinel");
    cli(&["keygen", "ed25519", "--out", p(&partial)]).usage_error();
    assert_eq!(read(&partial.join("jwks.json")), "sentinel");
    let hs = scratch("keygen-force-hs");
    write(&hs.join("secret.txt"), "sentinel");
    cli(&["keygen", "hs256", "--out", p(&hs)]).usage_error();
    assert_eq!(read(&hs.join("secret.txt")), "sentinel");
    cli(&["keygen", "hs256", "--out", p(&hs), "--force"]).code(0);
    assert!(unb64u(&read(&hs.join("secret.txt"))).len() >= 32);
}

// ---------------------------------------------------------------------------------------------
// Encryption keys (JWE)
// ---------------------------------------------------------------------------------------------

/// Python: the RFC 7638 thumbprint of an `oct` JWK file (its required members `k` and `kty`).
const PY_OCT_THUMBPRINT: &str = r#"
import sys, json, base64, hashlib
jwk = json.load(open(sys.argv[1]))
canonical = json.dumps({'k': jwk['k'], 'kty': jwk['kty']}, sort_keys=True, separators=(',', ':'))
print(base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b'=').decode())
"#;

/// panva's `jose` with a JWK file as the key (`importJWK`, which reads its `alg`):
/// `encrypt ALG ENC JWK PLAINTEXT` prints a compact JWE, `decrypt TOKEN JWK` its plaintext.
const JOSE_JWK: &str = r#"
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
const [mode, ...a] = process.argv.slice(1);
const key = (file) => jose.importJWK(JSON.parse(readFileSync(file, 'utf8')));
if (mode === 'encrypt') {
  const [alg, enc, file, plaintext] = a;
  console.log(await new jose.CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg, enc }).encrypt(await key(file)));
} else if (mode === 'decrypt') {
  const [token, file] = a;
  const r = await jose.compactDecrypt(token, await key(file));
  process.stdout.write(new TextDecoder().decode(r.plaintext));
} else {
  throw new Error('mode ' + mode);
}
"#;

/// An encryption JWK's labels: `use: "enc"`, the JWE `alg`, and `kid`.
fn assert_enc_labels(t: &str, jwk: &Value, alg: &str, kid: &str) {
    assert_eq!(jwk["use"], json!("enc"), "{t}: {jwk}");
    assert_eq!(jwk["alg"], json!(alg), "{t}: {jwk}");
    assert_eq!(jwk["kid"], json!(kid), "{t}: {jwk}");
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// `encrypt` with `to` then `decrypt` with `with` gives the plaintext back.
fn cli_round_trip(t: &str, alg: &str, enc: &str, to: &[&str], with: &[&str]) {
    let plaintext = format!("keygen {t} ✓");
    let base = ["--alg", alg, "--enc", enc];
    let token = encrypt(&[&base[..], to, &[&plaintext]].concat());
    let run = decrypt(&token, with);
    assert_eq!(
        run.ok(),
        plaintext,
        "{t} {to:?} -> {with:?}: {}",
        run.describe()
    );
}

/// jose encrypts to `public` (a JWK file) and `decrypt --key private` opens it; `encrypt --key
/// public` makes a token jose opens with `private`.
fn jose_round_trips(t: &str, alg: &str, enc: &str, public: &Path, private: &Path) {
    let from_jose = format!("from jose to {t} ✓");
    let token = node_jose(JOSE_JWK, &["encrypt", alg, enc, p(public), &from_jose]);
    let run = decrypt(token.trim(), &["--key", p(private)]);
    assert_eq!(run.ok(), from_jose, "{t}: {}", run.describe());
    let from_cli = format!("from jwt-debugger to {t} ✓");
    let base = ["--alg", alg, "--enc", enc, "--key", p(public)];
    let token = encrypt(&[&base[..], &[&from_cli]].concat());
    assert_eq!(
        node_jose(JOSE_JWK, &["decrypt", &token, p(private)]),
        from_cli,
        "{t}"
    );
}

/// An encryption key pair keygen wrote: the signing key's files plus `private.jwk.json` (0600),
/// both JWKs with `use: "enc"`, the JWE `alg` and the RFC 7638 kid (Python's), and every half
/// encrypts for the other, with our commands and with jose.
fn check_encryption_pair(t: &str, alg: &str, enc: &str) {
    let (dir, run) = keygen(t);
    let kid = run.ok().trim().to_owned();
    let file = |name: &str| dir.join(name);
    #[cfg(unix)]
    for secret in ["private.pem", "private.jwk.json"] {
        assert_eq!(mode(&file(secret)), 0o600, "{t} {secret}");
    }
    let derived = openssl(&["pkey", "-in", p(&file("private.pem")), "-pubout"]);
    assert_eq!(derived, read(&file("public.pem")), "{t}: openssl -pubout");
    let reference: Value =
        serde_json::from_str(&python(PY_JWK, &[p(&file("public.pem"))])).unwrap();
    let public = read_json(&file("public.jwk.json"));
    let private = read_json(&file("private.jwk.json"));
    for (member, value) in reference["jwk"].as_object().unwrap() {
        assert_eq!(&public[member], value, "{t}: JWK member {member}");
    }
    assert_eq!(reference["thumbprint"], json!(kid), "{t}: kid = RFC 7638");
    assert_enc_labels(t, &public, alg, &kid);
    assert_enc_labels(t, &private, alg, &kid);
    assert_eq!(
        public_members(&private),
        public,
        "{t}: the private JWK's public half"
    );
    assert!(private.get("d").is_some(), "{t}: {private}");
    assert_eq!(read_json(&file("jwks.json"))["keys"][0], public);

    let [public_jwk, private_jwk, public_pem, private_pem, jwks] = [
        "public.jwk.json",
        "private.jwk.json",
        "public.pem",
        "private.pem",
        "jwks.json",
    ]
    .map(file);
    let key = |path: &PathBuf| ["--key", p(path)].map(str::to_owned);
    for (to, with) in [
        (&public_jwk, &private_jwk),
        (&public_pem, &private_pem),
        (&jwks, &private_jwk),
    ] {
        let (to, with) = (key(to), key(with));
        cli_round_trip(t, alg, enc, &strs(&to), &strs(&with));
    }
    jose_round_trips(t, alg, enc, &public_jwk, &private_jwk);

    let (_, v, files) = keygen_json(t, alg);
    assert_eq!(v["use"], json!("enc"), "{v}");
    assert_eq!(files.len(), 5, "{v}");
}

#[test]
fn keygen_rsa_oaep2048() {
    check_encryption_pair("rsa-oaep2048", "RSA-OAEP-256", "A256GCM");
}

#[test]
fn keygen_ecdh_p256() {
    check_encryption_pair("ecdh-p256", "ECDH-ES", "A256GCM");
}

#[test]
fn keygen_ecdh_p384_and_p521() {
    check_encryption_pair("ecdh-p384", "ECDH-ES", "A128CBC-HS256");
    check_encryption_pair("ecdh-p521", "ECDH-ES", "A256CBC-HS512");
}

#[test]
fn keygen_x25519() {
    check_encryption_pair("x25519", "ECDH-ES", "A128GCM");
    // The PEM pair is what `openssl genpkey -algorithm X25519` writes: openssl reads both.
    let (dir, _) = keygen("x25519");
    let text = openssl(&[
        "pkey",
        "-in",
        p(&dir.join("private.pem")),
        "-noout",
        "-text",
    ]);
    assert!(text.starts_with("X25519 Private-Key"), "{text}");
}

/// The AES secrets (and the `dir` key): `secret.txt` (base64url) and `secret.jwk.json` (the
/// `oct` JWK with `use`, `alg` and its RFC 7638 kid), both 0600, used either way round.
#[test]
fn keygen_aes_secrets() {
    for (t, alg, enc, header_alg, len) in [
        ("a128kw", "A128KW", "A128GCM", "A128KW", 16),
        ("a192kw", "A192KW", "A192CBC-HS384", "A192KW", 24),
        ("a256kw", "A256KW", "A256GCM", "A256KW", 32),
        ("dir-a256gcm", "A256GCM", "A256GCM", "dir", 32),
    ] {
        let (dir, run) = keygen(t);
        run.code(0);
        let (secret, jwk_file) = (dir.join("secret.txt"), dir.join("secret.jwk.json"));
        #[cfg(unix)]
        for file in [&secret, &jwk_file] {
            assert_eq!(mode(file), 0o600, "{t} {}", file.display());
        }
        let text = read(&secret);
        assert_eq!(unb64u(&text).len(), len, "{t}");
        let jwk = read_json(&jwk_file);
        assert_eq!(jwk["kty"], json!("oct"));
        assert_eq!(
            jwk["k"],
            json!(text.trim()),
            "{t}: the JWK holds the secret"
        );
        let kid = python(PY_OCT_THUMBPRINT, &[p(&jwk_file)]).trim().to_owned();
        assert_enc_labels(t, &jwk, alg, &kid);

        let as_jwk = ["--key", p(&jwk_file)];
        let as_bytes = [
            "--secret-file",
            p(&secret),
            "--secret-encoding",
            "base64url",
        ];
        cli_round_trip(t, header_alg, enc, &as_jwk, &as_bytes);
        cli_round_trip(t, header_alg, enc, &as_bytes, &as_jwk);
        jose_round_trips(t, header_alg, enc, &jwk_file, &jwk_file);

        let (_, v, files) = keygen_json(t, alg);
        assert_eq!((v["use"].clone(), files.len()), (json!("enc"), 2), "{v}");
        assert_eq!(v["kid"].as_str().map(str::len), Some(43), "{v}");
    }
}

/// An encryption key's `alg` pins it: ECDH-ES+A256KW with an ECDH-ES key is refused (exit 2),
/// and a signing key's JWK (`use: "sig"`) is refused for encryption.
#[test]
fn keygen_jwk_use_and_alg_are_enforced() {
    let (dir, _) = keygen("ecdh-p256");
    let base = ["--alg", "ECDH-ES+A256KW", "--enc", "A256GCM", "x"];
    let run = cli(&[
        &["encrypt", "--key", p(&dir.join("public.jwk.json"))][..],
        &base,
    ]
    .concat());
    run.usage_error();
    assert!(run.stderr.contains("ECDH-ES"), "{}", run.describe());
    let (sig, _) = keygen("p256");
    let run = cli(&[
        &["encrypt", "--key", p(&sig.join("public.jwk.json"))][..],
        &base,
    ]
    .concat());
    run.usage_error();
}
