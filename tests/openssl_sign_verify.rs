#![cfg(not(target_arch = "wasm32"))]
//! Interoperability with the OpenSSL CLI: tokens we sign verify with `openssl`, and signatures
//! `openssl` makes verify with our code. Keys are the committed fixtures of
//! tests/fixtures/openssl/. Each test skips (with a message) when `openssl` is not installed.

use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_debugger::jose::Algorithm;
use jwt_debugger::jose::keys::{PrivateKey, PublicKey, parse_private_key, parse_public_keys};
use jwt_debugger::jose::sign::sign_token;
use jwt_debugger::jose::verify::verify_bytes;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/openssl");

fn fixture_path(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn private(name: &str) -> PrivateKey {
    parse_private_key(&std::fs::read_to_string(fixture_path(name)).unwrap()).unwrap()
}

fn public(name: &str) -> PublicKey {
    let text = std::fs::read_to_string(fixture_path(name)).unwrap();
    parse_public_keys(&text).unwrap().remove(0).key
}

/// A scratch directory per test, so parallel tests never share files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jwt-debugger-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn openssl_available() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    if !found {
        eprintln!("skipping: the openssl CLI is not installed");
    }
    found
}

/// Runs openssl; returns whether it exited successfully (stderr is shown on failure).
fn openssl(args: &[&str]) -> bool {
    let out = Command::new("openssl").args(args).output().unwrap();
    if !out.status.success() {
        eprintln!("openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    out.status.success()
}

/// Splits a compact JWS into (signing input, raw signature).
fn split(token: &str) -> (String, Vec<u8>) {
    let (input, sig) = token.rsplit_once('.').unwrap();
    (input.to_owned(), URL_SAFE_NO_PAD.decode(sig).unwrap())
}

/// JWS ECDSA signatures are r||s; OpenSSL reads and writes ASN.1 DER.
fn ecdsa_rs_to_der(alg: Algorithm, rs: &[u8]) -> Vec<u8> {
    match alg {
        Algorithm::ES256 => p256::ecdsa::Signature::from_slice(rs)
            .unwrap()
            .to_der()
            .as_bytes()
            .to_vec(),
        Algorithm::ES384 => p384::ecdsa::Signature::from_slice(rs)
            .unwrap()
            .to_der()
            .as_bytes()
            .to_vec(),
        Algorithm::ES512 => p521::ecdsa::Signature::from_slice(rs)
            .unwrap()
            .to_der()
            .as_bytes()
            .to_vec(),
        other => panic!("{other} is not ECDSA"),
    }
}

fn ecdsa_der_to_rs(alg: Algorithm, der: &[u8]) -> Vec<u8> {
    match alg {
        Algorithm::ES256 => p256::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        Algorithm::ES384 => p384::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        Algorithm::ES512 => p521::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        other => panic!("{other} is not ECDSA"),
    }
}

/// (alg, private key fixture, public key fixture, openssl digest, extra openssl options)
const CASES: &[(Algorithm, &str, &str, &str, &[&str])] = &[
    (
        Algorithm::RS256,
        "rsa2048-pkcs8.pem",
        "rsa2048-public.pem",
        "-sha256",
        &[],
    ),
    (
        Algorithm::RS512,
        "rsa2048-pkcs1.pem",
        "rsa2048-public.pem",
        "-sha512",
        &[],
    ),
    (
        Algorithm::PS256,
        "rsa2048-pkcs8.pem",
        "rsa2048-public.pem",
        "-sha256",
        &[
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
        ],
    ),
    (
        Algorithm::ES256,
        "ec-p256-sec1.pem",
        "ec-p256-public.pem",
        "-sha256",
        &[],
    ),
    (
        Algorithm::ES384,
        "ec-p384-pkcs8.pem",
        "ec-p384-public.pem",
        "-sha384",
        &[],
    ),
    (
        Algorithm::ES512,
        "ec-p521-pkcs8.pem",
        "ec-p521-public.pem",
        "-sha512",
        &[],
    ),
];

fn is_ecdsa(alg: Algorithm) -> bool {
    matches!(alg, Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512)
}

#[test]
fn openssl_verifies_tokens_we_sign() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("ours");
    let mut rng = ChaCha20Rng::seed_from_u64(42);
    for (alg, key_file, pub_file, digest, options) in CASES {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let token = sign_token(
            &header,
            r#"{"sub":"openssl"}"#,
            &private(key_file),
            &mut rng,
        )
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let (input, mut sig) = split(&token);
        if is_ecdsa(*alg) {
            sig = ecdsa_rs_to_der(*alg, &sig);
        }
        let (input_path, sig_path) = (dir.join("input"), dir.join("sig"));
        std::fs::write(&input_path, &input).unwrap();
        std::fs::write(&sig_path, &sig).unwrap();
        let mut args = vec!["dgst", digest];
        args.extend_from_slice(options);
        let pub_path = fixture_path(pub_file);
        args.extend(["-verify", &pub_path, "-signature"]);
        args.extend([sig_path.to_str().unwrap(), input_path.to_str().unwrap()]);
        assert!(openssl(&args), "{alg}: openssl rejected our signature");
        // Sanity: openssl does reject a different message.
        std::fs::write(&input_path, format!("{input}x")).unwrap();
        assert!(
            !openssl(&args),
            "{alg}: openssl accepted a tampered message"
        );
    }
}

#[test]
fn openssl_verifies_our_eddsa_tokens() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("ours-eddsa");
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let token = sign_token(
        r#"{"alg":"EdDSA"}"#,
        r#"{"sub":"openssl"}"#,
        &private("ed25519-pkcs8.pem"),
        &mut rng,
    )
    .unwrap();
    let (input, sig) = split(&token);
    std::fs::write(dir.join("input"), &input).unwrap();
    std::fs::write(dir.join("sig"), &sig).unwrap();
    let pub_path = fixture_path("ed25519-public.pem");
    let (input_path, sig_path) = (dir.join("input"), dir.join("sig"));
    assert!(openssl(&[
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        &pub_path,
        "-rawin",
        "-in",
        input_path.to_str().unwrap(),
        "-sigfile",
        sig_path.to_str().unwrap(),
    ]));
}

#[test]
fn we_verify_signatures_openssl_makes() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("theirs");
    let input = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVuc3NsIn0";
    let (input_path, sig_path) = (dir.join("input"), dir.join("sig"));
    std::fs::write(&input_path, input).unwrap();
    for (alg, key_file, pub_file, digest, options) in CASES {
        let key_path = fixture_path(key_file);
        let mut args = vec!["dgst", digest];
        args.extend_from_slice(options);
        args.extend(["-sign", &key_path, "-out"]);
        args.extend([sig_path.to_str().unwrap(), input_path.to_str().unwrap()]);
        assert!(openssl(&args), "{alg}: openssl could not sign");
        let mut sig = std::fs::read(&sig_path).unwrap();
        if is_ecdsa(*alg) {
            sig = ecdsa_der_to_rs(*alg, &sig);
        }
        // Through base64url and back, as a token carries it.
        let sig = URL_SAFE_NO_PAD
            .decode(URL_SAFE_NO_PAD.encode(&sig))
            .unwrap();
        let key = public(pub_file);
        verify_bytes(*alg, &key, input.as_bytes(), &sig).unwrap_or_else(|e| panic!("{alg}: {e}"));
        assert!(
            verify_bytes(*alg, &key, b"tampered", &sig).is_err(),
            "{alg}"
        );
    }
}

#[test]
fn we_verify_eddsa_signatures_openssl_makes() {
    if !openssl_available() {
        return;
    }
    let dir = scratch("theirs-eddsa");
    let input = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcGVuc3NsIn0";
    let (input_path, sig_path) = (dir.join("input"), dir.join("sig"));
    std::fs::write(&input_path, input).unwrap();
    let key_path = fixture_path("ed25519-pkcs8.pem");
    assert!(openssl(&[
        "pkeyutl",
        "-sign",
        "-inkey",
        &key_path,
        "-rawin",
        "-in",
        input_path.to_str().unwrap(),
        "-out",
        sig_path.to_str().unwrap(),
    ]));
    let sig = std::fs::read(&sig_path).unwrap();
    let key = public("ed25519-public.pem");
    verify_bytes(Algorithm::EdDSA, &key, input.as_bytes(), &sig).unwrap();
    assert!(verify_bytes(Algorithm::EdDSA, &key, b"tampered", &sig).is_err());
}
