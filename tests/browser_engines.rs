//! The page's two signature engines cross-checked in headless Chromium and Firefox ESR
//! (`wasm-bindgen-test`; `make test` runs them in both): the browser's WebCrypto (what the page
//! uses where it can) and the Rust core (the reference, and the fallback).
//!
//! - On every Wycheproof case of the JWS algorithms, WebCrypto's verdict equals the Rust core's
//!   whenever the core's pre-checks pass (where they fail, neither engine is asked), and the
//!   page's engine (pre-checks, then WebCrypto) agrees with the Rust core on every case.
//! - For every algorithm, each engine verifies the other's signature, and both reject it once a
//!   byte of the input changes.
#![cfg(target_arch = "wasm32")]

mod jose_support;

use jose_support::wycheproof_harness::{groups, sha_to, tests};
use jose_support::{rsa_public, s, unhex};
use jwt_debugger::app::engine::{WebCrypto, subtle};
use jwt_debugger::jose::backend::Engine;
use jwt_debugger::jose::keys::{self, KeyKind, PrivateKey, PublicKey};
use jwt_debugger::jose::pipeline;
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::{Algorithm, sign, verify};
use serde_json::Value;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Counts of one vector file's cross-check.
#[derive(Default, Debug)]
struct Agreement {
    cases: usize,
    /// Cases WebCrypto itself was asked about (the pre-checks passed).
    asked_webcrypto: usize,
    mismatches: Vec<String>,
}

impl Agreement {
    /// Compares the engines on one case.
    async fn case(&mut self, alg: Algorithm, key: &PublicKey, tc: &Value) {
        let (msg, sig) = (
            unhex(s(tc, "msg")),
            unhex(s(
                tc,
                if tc.get("sig").is_some() {
                    "sig"
                } else {
                    "tag"
                },
            )),
        );
        self.cases += 1;
        let rust = verify::verify_bytes(alg, key, &msg, &sig);
        if verify::precheck(alg, key, &sig).is_ok() {
            self.asked_webcrypto += 1;
            match subtle::verify(alg, key, &msg, &sig).await {
                Ok(webcrypto) if webcrypto == rust.is_ok() => {}
                other => self.mismatches.push(format!(
                    "tcId {} ({}): WebCrypto {other:?}, Rust {rust:?}",
                    tc["tcId"], tc["comment"]
                )),
            }
        }
        let page = pipeline::verify_bytes(&WebCrypto, alg, key, &msg, &sig).await;
        if page.is_ok() != rust.is_ok() {
            self.mismatches.push(format!(
                "tcId {}: page engine {page:?}, Rust {rust:?}",
                tc["tcId"]
            ));
        }
    }

    fn finish(self, file: &str) {
        let summary = format!(
            "{file}: {} cases, WebCrypto asked on {}, {} disagreements",
            self.cases,
            self.asked_webcrypto,
            self.mismatches.len()
        );
        web_sys::console::log_1(&summary.clone().into());
        assert!(self.asked_webcrypto > 0, "{summary}");
        assert!(
            self.mismatches.is_empty(),
            "{summary}\n{}",
            self.mismatches.join("\n")
        );
    }
}

fn vectors(text: &str) -> Value {
    serde_json::from_str(text).expect("vector JSON")
}

async fn cross_check_ecdsa(file: &str, text: &str, alg: Algorithm) {
    let v = vectors(text);
    let mut a = Agreement::default();
    for g in groups(&v) {
        let point = unhex(s(&g["publicKey"], "uncompressed"));
        let key = match alg {
            Algorithm::ES256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .ok()
                .map(PublicKey::P256),
            Algorithm::ES384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .ok()
                .map(PublicKey::P384),
            _ => p521::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .ok()
                .map(PublicKey::P521),
        };
        let Some(key) = key else { continue };
        for tc in tests(g) {
            a.case(alg, &key, tc).await;
        }
    }
    a.finish(file);
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_ecdsa_p256() {
    let text = include_str!("vectors/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json");
    cross_check_ecdsa("ecdsa P-256", text, Algorithm::ES256).await;
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_ecdsa_p384() {
    let text = include_str!("vectors/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json");
    cross_check_ecdsa("ecdsa P-384", text, Algorithm::ES384).await;
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_ecdsa_p521() {
    let text = include_str!("vectors/wycheproof/ecdsa_secp521r1_sha512_p1363_test.json");
    cross_check_ecdsa("ecdsa P-521", text, Algorithm::ES512).await;
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_ed25519() {
    let v = vectors(include_str!("vectors/wycheproof/ed25519_test.json"));
    let mut a = Agreement::default();
    for g in groups(&v) {
        let Ok(pk) = <[u8; 32]>::try_from(unhex(s(&g["publicKey"], "pk"))) else {
            continue;
        };
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&pk) else {
            continue;
        };
        for tc in tests(g) {
            a.case(Algorithm::EdDSA, &PublicKey::Ed25519(key), tc).await;
        }
    }
    a.finish("ed25519");
}

async fn cross_check_rsa(file: &str, text: &str, family: &str) {
    let v = vectors(text);
    let mut a = Agreement::default();
    for g in groups(&v) {
        let Some(alg) = sha_to(family, s(g, "sha")) else {
            continue;
        };
        if family == "PS" {
            // JWS fixes the MGF hash and the salt length to the hash (RFC 7518 §3.5).
            let salt = g["sLen"].as_u64().unwrap_or(0) as usize;
            let hash_len = alg.hash().map_or(0, |h| h.output_len());
            if s(g, "mgfSha") != s(g, "sha") || salt != hash_len {
                continue;
            }
        }
        let k = &g["publicKey"];
        let key = PublicKey::Rsa(rsa_public(
            &unhex(s(k, "modulus")),
            &unhex(s(k, "publicExponent")),
        ));
        for tc in tests(g) {
            a.case(alg, &key, tc).await;
        }
    }
    a.finish(file);
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_rsa_pkcs1() {
    let text = include_str!("vectors/wycheproof/rsa_signature_2048_sha256_test.json");
    cross_check_rsa("RSA PKCS#1 2048 SHA-256", text, "RS").await;
    let text = include_str!("vectors/wycheproof/rsa_signature_2048_sha512_test.json");
    cross_check_rsa("RSA PKCS#1 2048 SHA-512", text, "RS").await;
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_rsa_pss() {
    let text = include_str!("vectors/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json");
    cross_check_rsa("RSA-PSS 2048 SHA-256", text, "PS").await;
    let text = include_str!("vectors/wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json");
    cross_check_rsa("RSA-PSS 4096 SHA-512", text, "PS").await;
}

/// Each engine verifies the other's signatures, for every algorithm the page signs with on
/// WebCrypto; a changed input fails on both.
#[wasm_bindgen_test]
async fn each_engine_verifies_the_others_signatures() {
    let mut rng = seeded_rng().expect("rng");
    let rsa =
        keys::parse_private_key(jwt_debugger::app::example::PRIVATE_KEY).expect("example key");
    let cases: Vec<(Algorithm, PrivateKey)> = vec![
        (Algorithm::RS256, rsa.clone()),
        (Algorithm::RS384, rsa.clone()),
        (Algorithm::RS512, rsa.clone()),
        (Algorithm::PS256, rsa.clone()),
        (Algorithm::PS384, rsa.clone()),
        (Algorithm::PS512, rsa),
        (
            Algorithm::ES256,
            keys::generate(KeyKind::P256, &mut rng).expect("P-256"),
        ),
        (
            Algorithm::ES384,
            keys::generate(KeyKind::P384, &mut rng).expect("P-384"),
        ),
        (
            Algorithm::ES512,
            keys::generate(KeyKind::P521, &mut rng).expect("P-521"),
        ),
        (
            Algorithm::EdDSA,
            keys::generate(KeyKind::Ed25519, &mut rng).expect("Ed25519"),
        ),
    ];
    let input = b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjcm9zcy1jaGVjayJ9";
    let mut tampered = input.to_vec();
    tampered[10] ^= 1;
    for (alg, private) in cases {
        let public = private.public_key();
        let by_webcrypto = subtle::sign(alg, &private, input)
            .await
            .unwrap_or_else(|e| panic!("{alg:?}: WebCrypto cannot sign: {e}"));
        let by_rust = sign::sign_bytes(alg, &private, input, &mut rng).expect("Rust signs");
        assert_eq!(
            verify::verify_bytes(alg, &public, input, &by_webcrypto),
            Ok(()),
            "{alg:?}: the Rust core rejects WebCrypto's signature"
        );
        assert_eq!(
            subtle::verify(alg, &public, input, &by_rust).await,
            Ok(true),
            "{alg:?}: WebCrypto rejects the Rust core's signature"
        );
        for sig in [&by_webcrypto, &by_rust] {
            assert!(
                verify::verify_bytes(alg, &public, &tampered, sig).is_err(),
                "{alg:?}"
            );
            assert_eq!(
                subtle::verify(alg, &public, &tampered, sig).await,
                Ok(false),
                "{alg:?}"
            );
        }
        // The page's engine picks WebCrypto for these algorithms.
        let (_, done) = pipeline::sign_bytes(&WebCrypto, alg, &private, input)
            .await
            .expect("signs");
        assert_eq!(
            (done.engine, done.fallback),
            (Engine::WebCrypto, None),
            "{alg:?}"
        );
        let verified = pipeline::verify_bytes(&WebCrypto, alg, &public, input, &by_rust).await;
        assert_eq!(verified.map(|d| d.engine), Ok(Engine::WebCrypto), "{alg:?}");
    }
}

/// WebCrypto's generated keys come out in the forms the generator shows, and they sign.
#[wasm_bindgen_test]
async fn webcrypto_generates_keys_the_rust_core_reads() {
    for kind in [
        KeyKind::Rsa2048,
        KeyKind::P256,
        KeyKind::P521,
        KeyKind::Ed25519,
    ] {
        let material = jwt_debugger::app::keygen::webcrypto::generate(kind)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", kind.label()));
        let private = keys::parse_private_key(&material.private_pem).expect("PKCS#8 PEM reads");
        let public = keys::parse_public_keys(&material.public_pem).expect("SPKI PEM reads");
        assert_eq!(private.public_key(), public[0].key, "{}", kind.label());
        assert_eq!(private.public_key().thumbprint(), material.kid);
        let alg: Algorithm = material.alg.parse().expect("alg");
        let (sig, _) = pipeline::sign_bytes(&WebCrypto, alg, &private, b"a.b")
            .await
            .expect("signs");
        assert_eq!(
            verify::verify_bytes(alg, &public[0].key, b"a.b", &sig),
            Ok(())
        );
        if let Some(pkcs1) = &material.private_pkcs1_pem {
            assert_eq!(
                keys::parse_private_key(pkcs1).expect("PKCS#1 reads"),
                private
            );
        }
    }
}

/// ML-DSA in this browser: WebCrypto declines it (so the page's engine falls back to the Rust
/// engine, in its worker), and the Rust core, compiled to WebAssembly, generates, reads, signs
/// and verifies all three parameter sets here, and verifies RFC 9964's example tokens.
#[wasm_bindgen_test]
async fn ml_dsa_runs_on_the_rust_engine_in_this_browser() {
    // What the worker does before reading ML-DSA private keys (the page itself does not).
    keys::read_ml_dsa_private_keys();
    let mut rng = seeded_rng().expect("rng");
    for (kind, alg, example) in [
        (
            KeyKind::MlDsa44,
            Algorithm::MlDsa44,
            include_str!("fixtures/mldsa/rfc9964/ML_DSA_44.jose.json"),
        ),
        (
            KeyKind::MlDsa65,
            Algorithm::MlDsa65,
            include_str!("fixtures/mldsa/rfc9964/ML_DSA_65.jose.json"),
        ),
        (
            KeyKind::MlDsa87,
            Algorithm::MlDsa87,
            include_str!("fixtures/mldsa/rfc9964/ML_DSA_87.jose.json"),
        ),
    ] {
        let key = keys::generate(kind, &mut rng).expect("generates");
        let read = keys::parse_private_key(&key.to_pkcs8_pem().expect("PEM")).expect("reads");
        assert_eq!(read, key, "{alg:?}");
        let public = key.public_key();
        let sig = sign::sign_bytes(alg, &key, b"a.b", &mut rng).expect("signs");
        assert_eq!(verify::verify_bytes(alg, &public, b"a.b", &sig), Ok(()));
        assert!(verify::verify_bytes(alg, &public, b"a.c", &sig).is_err());
        assert!(
            subtle::verify(alg, &public, b"a.b", &sig).await.is_err(),
            "{alg:?}: WebCrypto declines ML-DSA"
        );
        let example: Value = serde_json::from_str(example).expect("fixture");
        let (input, signature) = s(&example, "jws").rsplit_once('.').expect("a JWS");
        let signature = jwt_debugger::jose::base64url::decode(signature).expect("base64url");
        let jwk = example["jwk"].to_string();
        let their_public = &keys::parse_public_keys(&jwk).expect("AKP JWK")[0].key;
        assert_eq!(their_public.thumbprint(), s(&example["jwk"], "kid"));
        assert_eq!(
            verify::verify_bytes(alg, their_public, input.as_bytes(), &signature),
            Ok(())
        );
    }
}
