//! The benchmark page's WebAssembly (`make bench`; `tests/bench/index.html`): the page's own
//! engine ([`jwt_debugger::app::engine`]) exported to the benchmark script, which times it
//! against WebCrypto called directly from JavaScript, in the same page, on the same inputs.
//!
//! Each case holds a key (already imported, as in the page: the first call imports and caches
//! it), a realistic signing input (a gateway token's header and claims) and a signature made by
//! the Rust engine. Built only with `--features bench`, so `cargo test` never links it.

mod input;

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use jwt_debugger::app::engine::WebCrypto;
use jwt_debugger::app::example;
use jwt_debugger::app::keygen::kind_from_label;
use jwt_debugger::jose::backend::Engine;
use jwt_debugger::jose::keys::{self, KeyKind, PrivateKey, PublicKey};
use jwt_debugger::jose::pipeline;
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::{Algorithm, base64url, sign, verify};

/// One algorithm's key, input and signature.
#[derive(Clone)]
struct Case {
    alg: Algorithm,
    private: PrivateKey,
    public: PublicKey,
    input: Vec<u8>,
    signature: Vec<u8>,
}

thread_local! {
    static CASES: RefCell<Vec<Case>> = const { RefCell::new(Vec::new()) };
}

fn error(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn with_case<T>(id: usize, f: impl FnOnce(&Case) -> Result<T, JsValue>) -> Result<T, JsValue> {
    CASES.with(|cases| {
        let cases = cases.borrow();
        let case = cases.get(id).ok_or_else(|| error("no such case"))?;
        f(case)
    })
}

/// Prepares a case for `alg` ("RS256", "PS256", "ES256", "ES512", "EdDSA", "HS256"); RSA uses
/// the page's 2048-bit example key, the others a fresh key. Returns the case's id.
#[wasm_bindgen]
pub fn prepare(alg: &str) -> Result<usize, JsValue> {
    let alg: Algorithm = alg.parse().map_err(error)?;
    let mut rng = seeded_rng().map_err(error)?;
    let kind = match alg {
        Algorithm::ES256 => Some(KeyKind::P256),
        Algorithm::ES384 => Some(KeyKind::P384),
        Algorithm::ES512 => Some(KeyKind::P521),
        Algorithm::EdDSA => Some(KeyKind::Ed25519),
        Algorithm::HS256 => Some(KeyKind::Hmac256),
        _ => None,
    };
    let private = match kind {
        Some(kind) => keys::generate(kind, &mut rng).map_err(error)?,
        None => keys::parse_private_key(example::PRIVATE_KEY).map_err(error)?,
    };
    let public = private.public_key();
    let input = input::signing_input(alg).into_bytes();
    let signature = sign::sign_bytes(alg, &private, &input, &mut rng).map_err(error)?;
    CASES.with(|cases| {
        let mut cases = cases.borrow_mut();
        cases.push(Case {
            alg,
            private,
            public,
            input,
            signature,
        });
        Ok(cases.len() - 1)
    })
}

/// The case's private key as DER PKCS#8 (for WebCrypto's `importKey("pkcs8")`), or for HMAC
/// the raw secret.
#[wasm_bindgen]
pub fn private_der(id: usize) -> Result<Vec<u8>, JsValue> {
    with_case(id, |c| match &c.private {
        PrivateKey::Hmac(secret) => Ok(secret.0.clone()),
        other => other.to_pkcs8_der().map_err(error),
    })
}

/// The case's public key as DER SPKI, or for HMAC the raw secret.
#[wasm_bindgen]
pub fn public_der(id: usize) -> Result<Vec<u8>, JsValue> {
    with_case(id, |c| match &c.public {
        PublicKey::Hmac(secret) => Ok(secret.0.clone()),
        other => other.to_spki_der().map_err(error),
    })
}

/// The case's signing input.
#[wasm_bindgen]
pub fn input(id: usize) -> Result<Vec<u8>, JsValue> {
    with_case(id, |c| Ok(c.input.clone()))
}

/// The Rust engine's signature over the input.
#[wasm_bindgen]
pub fn signature(id: usize) -> Result<Vec<u8>, JsValue> {
    with_case(id, |c| Ok(c.signature.clone()))
}

fn backend_name(engine: Engine) -> String {
    match engine {
        Engine::WebCrypto => "webcrypto".into(),
        Engine::RustCrypto => "rust".into(),
    }
}

/// A copy of case `id`, to hold across awaits (the registry is borrowed only briefly).
fn case(id: usize) -> Result<Case, JsValue> {
    with_case(id, |c| Ok(c.clone()))
}

/// Signs the input `times` times on the page's engine; returns the engine that did it.
#[wasm_bindgen]
pub async fn sign_ours(id: usize, times: u32) -> Result<String, JsValue> {
    let Case {
        alg,
        private,
        input,
        ..
    } = case(id)?;
    let mut used = Engine::RustCrypto;
    for _ in 0..times {
        used = pipeline::sign_bytes(&WebCrypto, alg, &private, &input)
            .await
            .map_err(error)?
            .1
            .engine;
    }
    Ok(backend_name(used))
}

/// Verifies the Rust engine's signature `times` times on the page's engine; fails if it does
/// not verify.
#[wasm_bindgen]
pub async fn verify_ours(id: usize, times: u32) -> Result<String, JsValue> {
    let Case {
        alg,
        public,
        input,
        signature,
        ..
    } = case(id)?;
    let mut used = Engine::RustCrypto;
    for _ in 0..times {
        used = pipeline::verify_bytes(&WebCrypto, alg, &public, &input, &signature)
            .await
            .map_err(error)?
            .engine;
    }
    Ok(backend_name(used))
}

/// Verifies a signature made elsewhere (WebCrypto in the benchmark script) with the Rust engine
/// alone: the benchmark checks that the engines agree before timing them.
#[wasm_bindgen]
pub fn verify_rust_with(id: usize, signature: &[u8]) -> Result<bool, JsValue> {
    with_case(id, |c| {
        Ok(verify::verify_bytes(c.alg, &c.public, &c.input, signature).is_ok())
    })
}

/// Signs `times` times with the Rust engine alone (the fallback), for reference.
#[wasm_bindgen]
pub fn sign_rust(id: usize, times: u32) -> Result<(), JsValue> {
    let mut rng = seeded_rng().map_err(error)?;
    with_case(id, |c| {
        for _ in 0..times {
            sign::sign_bytes(c.alg, &c.private, &c.input, &mut rng).map_err(error)?;
        }
        Ok(())
    })
}

/// Verifies `times` times with the Rust engine alone (the fallback), for reference.
#[wasm_bindgen]
pub fn verify_rust(id: usize, times: u32) -> Result<(), JsValue> {
    with_case(id, |c| {
        for _ in 0..times {
            verify::verify_bytes(c.alg, &c.public, &c.input, &c.signature).map_err(error)?;
        }
        Ok(())
    })
}

/// The compact token of case `id` (its input and the Rust engine's signature), for the
/// decode-and-verify measurement.
#[wasm_bindgen]
pub fn token_text(id: usize) -> Result<String, JsValue> {
    with_case(id, |c| {
        Ok(format!(
            "{}.{}",
            String::from_utf8_lossy(&c.input),
            base64url::encode(&c.signature)
        ))
    })
}

/// Generates a key of the generator's kind `label` ("RSA 2048", "EC P-256", "Ed25519"…) on the
/// page's engine, with every export the generator shows; returns the key's `kid`.
#[wasm_bindgen]
pub async fn keygen_ours(label: String) -> Result<String, JsValue> {
    let kind = kind_from_label(&label).ok_or_else(|| error("unknown key type"))?;
    let material = jwt_debugger::app::keygen::webcrypto::generate(kind)
        .await
        .map_err(error)?;
    Ok(material.kid)
}

/// Generates a key with the Rust generator alone (what the worker runs), in this thread.
#[wasm_bindgen]
pub fn keygen_rust(label: String) -> Result<String, JsValue> {
    let kind = kind_from_label(&label).ok_or_else(|| error("unknown key type"))?;
    jwt_debugger::app::keygen::generate_material(kind)
        .map(|m| m.kid)
        .map_err(error)
}

fn main() {}
