//! The JWE engines cross-checked in headless Chromium and Firefox ESR (`wasm-bindgen-test`;
//! `make test` runs this in both): the browser's WebCrypto primitives (what the page's worker
//! uses, `app::engine::subtle_jwe`) and the Rust core (the reference, and the fallback).
//!
//! - Every Wycheproof JWE case gets the same answer from both, and the valid ones decrypt to
//!   their plaintext; WebCrypto must have done the work on some of them.
//! - Every compact RFC 7520 section 5 example decrypts with WebCrypto doing every primitive the
//!   browser has (all but RSA1_5, and AES-192 where the browser lacks it).
//! - For every `alg` and `enc`, a token made on WebCrypto decrypts on the Rust engine and one
//!   made on the Rust engine decrypts on WebCrypto.
#![cfg(target_arch = "wasm32")]

mod jose_support;

use jwt_debugger::app::engine::WebCrypto;
use jwt_debugger::jose::backend::Engine;
use jwt_debugger::jose::jwe::{
    self, ContentEncryption, DecryptionKey, EncryptionKey, JweEngines, KeyManagement,
    X25519PrivateKey,
};
use jwt_debugger::jose::keys::{self, KeyKind};
use jwt_debugger::jose::token::{JweCompact, Token, parse};
use serde_json::{Map, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn jwe_of(text: &str) -> Option<JweCompact> {
    match parse(text) {
        Ok(Token::Jwe(jwe)) => Some(jwe),
        _ => None,
    }
}

/// Whether this is Firefox (the other browser `make test` runs is Chromium).
fn firefox() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.contains("Firefox"))
}

fn log(text: &str) {
    web_sys::console::log_1(&text.into());
}

/// Whether the browser did every primitive (the Rust engine none).
fn all_webcrypto(engines: &JweEngines) -> bool {
    engines.native == Some(Engine::WebCrypto) && engines.rust_steps.is_empty()
}

#[wasm_bindgen_test]
async fn webcrypto_and_rust_agree_on_wycheproof_jwe() {
    let file: Value = serde_json::from_str(include_str!(
        "vectors/wycheproof/json_web_encryption_test.json"
    ))
    .unwrap();
    let (mut cases, mut native, mut mismatches) = (0, 0, Vec::new());
    for group in file["testGroups"].as_array().unwrap() {
        let key = DecryptionKey::from_jwk(group["private"].as_object().unwrap()).unwrap();
        for case in group["tests"].as_array().unwrap() {
            let Some(token) = case["jwe"].as_str().and_then(jwe_of) else {
                continue; // the JSON serialization and unparseable tokens: no engine is asked
            };
            cases += 1;
            let id = case["tcId"].as_u64().unwrap();
            let rust = jwe::decrypt(&token, &key, &mut jose_support::rng(id));
            let web = jwe::decrypt_with(&WebCrypto, &token, &key, &mut jose_support::rng(id)).await;
            if web.as_ref().is_ok_and(|d| d.engines.native.is_some()) {
                native += 1;
            }
            let same = match (&rust, &web) {
                (Ok(r), Ok(w)) => r.plaintext == w.plaintext,
                (Err(r), Err(w)) => r == w,
                _ => false,
            };
            let expected = jose_support::unhex(case["pt"].as_str().unwrap_or_default());
            let right = match case["result"].as_str() {
                Some("valid") => web.as_ref().is_ok_and(|d| d.plaintext == expected),
                _ => web.is_err(),
            };
            if !same || !right {
                mismatches.push(format!("tcId {id}: Rust {rust:?}, WebCrypto {web:?}"));
            }
        }
    }
    let summary = format!(
        "Wycheproof JWE: {cases} compact cases, WebCrypto did primitives on {native} decryptions, {} disagreements",
        mismatches.len()
    );
    log(&summary);
    assert!(native > 20, "{summary}");
    assert!(mismatches.is_empty(), "{summary}: {mismatches:#?}");
}

/// The RFC 7520 section 5 examples that have a compact serialization.
const COOKBOOK: [&str; 9] = [
    include_str!(
        "vectors/jose-cookbook/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json"
    ),
    include_str!("vectors/jose-cookbook/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json"),
    include_str!(
        "vectors/jose-cookbook/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json"
    ),
    include_str!(
        "vectors/jose-cookbook/jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json"
    ),
    include_str!(
        "vectors/jose-cookbook/jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json"
    ),
    include_str!("vectors/jose-cookbook/jwe/5_6.direct_encryption_using_aes-gcm.json"),
    include_str!(
        "vectors/jose-cookbook/jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json"
    ),
    include_str!("vectors/jose-cookbook/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json"),
    include_str!("vectors/jose-cookbook/jwe/5_9.compressed_content.json"),
];

#[wasm_bindgen_test]
async fn the_rfc7520_examples_decrypt_on_webcrypto() {
    for text in COOKBOOK {
        let example: Value = serde_json::from_str(text).unwrap();
        let title = example["title"].as_str().unwrap_or_default().to_owned();
        let key = match example["input"]["pwd"].as_str() {
            Some(password) => DecryptionKey::password(password.as_bytes().to_vec()),
            None => DecryptionKey::from_jwk(example["input"]["key"].as_object().unwrap()).unwrap(),
        };
        let token = jwe_of(example["output"]["compact"].as_str().unwrap()).unwrap();
        let out = jwe::decrypt_with(&WebCrypto, &token, &key, &mut jose_support::rng(1))
            .await
            .unwrap_or_else(|e| panic!("{title}: {e}"));
        log(&format!("{title}: {}", out.engines.summary()));
        assert_eq!(
            out.plaintext,
            example["input"]["plaintext"].as_str().unwrap().as_bytes(),
            "{title}"
        );
        if out.alg == KeyManagement::Rsa1_5 {
            // WebCrypto has no RSAES-PKCS1-v1_5: the Rust engine unwraps, WebCrypto decrypts.
            assert_eq!(out.engines.rust_steps, ["RSA1_5"], "{title}");
            assert_eq!(out.engines.native, Some(Engine::WebCrypto), "{title}");
        } else {
            assert!(all_webcrypto(&out.engines), "{title}: {:?}", out.engines);
        }
    }
}

/// A key pair for `alg`: (encryption key, decryption key).
fn keys_for(alg: KeyManagement, enc: ContentEncryption) -> (EncryptionKey, DecryptionKey) {
    let mut rng = jose_support::rng(3);
    match alg {
        KeyManagement::Dir => {
            let bytes = vec![5u8; enc.key_len()];
            (
                EncryptionKey::symmetric(bytes.clone()),
                DecryptionKey::symmetric(bytes),
            )
        }
        KeyManagement::AesKw(size) | KeyManagement::AesGcmKw(size) => {
            let bytes = vec![6u8; size.key_len()];
            (
                EncryptionKey::symmetric(bytes.clone()),
                DecryptionKey::symmetric(bytes),
            )
        }
        KeyManagement::Pbes2(_) => (
            EncryptionKey::password(b"correct horse".to_vec()),
            DecryptionKey::password(b"correct horse".to_vec()),
        ),
        KeyManagement::RsaOaep(_) | KeyManagement::Rsa1_5 => {
            let jwk: Value = serde_json::from_str(include_str!(
                "vectors/jose-cookbook/jwk/3_4.rsa_private_key.json"
            ))
            .unwrap();
            let mut jwk = jwk.as_object().unwrap().clone();
            jwk.remove("alg");
            jwk.remove("use");
            let private = DecryptionKey::from_jwk(&jwk).unwrap();
            let public: Map<String, Value> = jwk
                .into_iter()
                .filter(|(k, _)| ["kty", "n", "e"].contains(&k.as_str()))
                .collect();
            (EncryptionKey::from_jwk(&public).unwrap(), private)
        }
        KeyManagement::EcdhEs(_) => {
            let private = keys::generate(KeyKind::P384, &mut rng).unwrap();
            (
                EncryptionKey::from(private.public_key()),
                DecryptionKey::from(private),
            )
        }
    }
}

/// One direction of the round trip: made on `maker`'s engine, opened on the other.
async fn round_trip(alg: KeyManagement, enc: ContentEncryption, ecdh_x25519: bool) -> String {
    let (public, private) = if ecdh_x25519 {
        let key = X25519PrivateKey::generate(&mut jose_support::rng(4));
        (
            EncryptionKey::from(key.public_key()),
            DecryptionKey::from(key),
        )
    } else {
        keys_for(alg, enc)
    };
    let mut header = Map::new();
    header.insert("alg".into(), alg.as_str().into());
    header.insert("enc".into(), enc.as_str().into());
    let name = format!(
        "{} {}{}",
        alg.as_str(),
        enc.as_str(),
        if ecdh_x25519 { " X25519" } else { "" }
    );
    let text = b"Live long and prosper.";
    let mut rng = jose_support::rng(5);
    let made = jwe::encrypt_with(&WebCrypto, header.clone(), text, &public, &mut rng)
        .await
        .unwrap_or_else(|e| panic!("{name}: WebCrypto encrypt: {e}"));
    let opened = jwe::decrypt(&jwe_of(&made.token).unwrap(), &private, &mut rng)
        .unwrap_or_else(|e| panic!("{name}: Rust decrypt of WebCrypto's: {e}"));
    assert_eq!(opened.plaintext, text, "{name}");
    let token = jwe::encrypt(header, text, &public, &mut rng).unwrap();
    let opened = jwe::decrypt_with(&WebCrypto, &jwe_of(&token).unwrap(), &private, &mut rng)
        .await
        .unwrap_or_else(|e| panic!("{name}: WebCrypto decrypt of Rust's: {e}"));
    assert_eq!(opened.plaintext, text, "{name}");
    // AES-192 is the one primitive a browser may lack: Chromium refuses 192-bit AES keys (and
    // the Rust engine does those steps), Firefox has them. Everything else is native in both.
    let chromium_aes192 = name.contains("192") && !firefox();
    for engines in [&made.engines, &opened.engines] {
        if chromium_aes192 {
            let refusal = engines.refusal.as_deref().unwrap_or_default();
            assert!(refusal.contains("192-bit"), "{name}: {engines:?}");
        } else {
            assert!(all_webcrypto(engines), "{name}: {engines:?}");
        }
    }
    format!("{name}: {}", opened.engines.summary())
}

#[wasm_bindgen_test]
async fn every_alg_and_enc_round_trips_between_the_engines() {
    let mut done = Vec::new();
    for alg in KeyManagement::ALL {
        if alg == KeyManagement::Rsa1_5 {
            continue; // decryption only (RFC 8725 section 3.2)
        }
        for enc in ContentEncryption::ALL {
            done.push(round_trip(alg, enc, false).await);
        }
    }
    for alg in ["ECDH-ES", "ECDH-ES+A256KW"] {
        let alg = KeyManagement::from_name(alg).unwrap();
        done.push(round_trip(alg, ContentEncryption::ALL[0], true).await);
    }
    log(&done.join("\n"));
    let algs = KeyManagement::ALL.len() - 1;
    assert_eq!(done.len(), algs * ContentEncryption::ALL.len() + 2);
}
