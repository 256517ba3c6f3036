#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger keygen`, run as a process, judged by independent implementations: openssl reads
//! every private key and derives exactly our public PEM; Python's `cryptography` derives the same
//! JWK members and RFC 7638 thumbprint (the kid). Also the HMAC secrets, `--traditional`
//! (PKCS#1), the 0600 modes and `--force`. The harness is tests/jose_support/cli.rs.

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
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519
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
