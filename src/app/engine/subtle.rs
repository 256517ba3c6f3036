//! The browser's WebCrypto (`crypto.subtle`), for the JWS operations it has natively: RSA
//! PKCS#1 v1.5 and PSS, ECDSA on P-256/384/521, Ed25519, and key generation. It runs native
//! code (BoringSSL in Chromium) off the main thread, 10-30× faster than the same arithmetic in
//! WebAssembly.
//!
//! This module only talks to WebCrypto; [`super`] decides when to use it and falls back to the
//! Rust engine. Imported keys are cached (see `cache.rs`) and never extractable.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::cache::{self, KeyView};
use crate::jose::Algorithm;
use crate::jose::algorithm::{Family, KeyType};
use crate::jose::keys::{KeyKind, PrivateKey, PublicKey};

/// Why WebCrypto could not do an operation; the caller then uses the Rust engine.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SubtleError {
    /// No `crypto.subtle`: an insecure context (plain http on a non-local host) or a
    /// non-browser target.
    #[error("WebCrypto is unavailable here (it needs https, localhost or a local file)")]
    Unavailable,
    /// WebCrypto has no such algorithm or key type (`none`, HMAC secrets are not sent here).
    #[error("WebCrypto has no {0}")]
    Unsupported(String),
    /// WebCrypto rejected the key or the operation; the text is the browser's.
    #[error("WebCrypto refused: {0}")]
    Refused(String),
}

thread_local! {
    /// `crypto.subtle`, looked up once: every lookup crosses into JavaScript with new strings.
    static SUBTLE: std::cell::OnceCell<Option<SubtleCrypto>> = const { std::cell::OnceCell::new() };
    /// The `sign`/`verify` algorithm dictionaries, built once per algorithm for the same reason.
    static OPERATION_PARAMS: std::cell::RefCell<Vec<(Algorithm, Object)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `crypto.subtle` of the page or worker, if this context has one.
#[cfg(target_arch = "wasm32")]
pub(super) fn subtle() -> Result<SubtleCrypto, SubtleError> {
    SUBTLE
        .with(|cell| {
            cell.get_or_init(|| {
                let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
                let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
                subtle.dyn_into::<SubtleCrypto>().ok()
            })
            .clone()
        })
        .ok_or(SubtleError::Unavailable)
}

/// Native builds (the unit tests) have no browser: always the Rust engine.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn subtle() -> Result<SubtleCrypto, SubtleError> {
    Err(SubtleError::Unavailable)
}

/// Whether this context has WebCrypto at all.
pub fn available() -> bool {
    subtle().is_ok()
}

fn refused(e: JsValue) -> SubtleError {
    SubtleError::Refused(crate::app::js_error::message(&e))
}

pub(super) async fn settle(
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<JsValue, SubtleError> {
    JsFuture::from(promise.map_err(refused)?)
        .await
        .map_err(refused)
}

/// A plain JS object from name/value pairs (WebCrypto's algorithm dictionaries).
pub(super) fn object(members: &[(&str, JsValue)]) -> Result<Object, SubtleError> {
    let obj = Object::new();
    for (name, value) in members {
        Reflect::set(&obj, &JsValue::from_str(name), value).map_err(refused)?;
    }
    Ok(obj)
}

/// WebCrypto's name of the hash a JWS algorithm uses.
fn hash_name(alg: Algorithm) -> Result<&'static str, SubtleError> {
    match alg.hash().map(|h| h.output_len()) {
        Some(32) => Ok("SHA-256"),
        Some(48) => Ok("SHA-384"),
        Some(64) => Ok("SHA-512"),
        _ => Err(SubtleError::Unsupported(alg.as_str().to_owned())),
    }
}

/// WebCrypto's `namedCurve` for an EC key type: the JWK curve name ("P-256", …).
fn named_curve(key: KeyType) -> Option<&'static str> {
    match key {
        KeyType::Ec(curve) => Some(curve.jwk_name()),
        KeyType::Rsa | KeyType::Okp(_) | KeyType::Oct | KeyType::Akp(_) => None,
    }
}

/// The algorithm dictionary for `importKey` of a `key` key for `alg` (which fits it).
fn import_params(alg: Algorithm, key: KeyType) -> Result<Object, SubtleError> {
    let hash = || hash_name(alg).map(JsValue::from_str);
    match alg.family() {
        Family::Rsa => object(&[("name", "RSASSA-PKCS1-v1_5".into()), ("hash", hash()?)]),
        Family::RsaPss => object(&[("name", "RSA-PSS".into()), ("hash", hash()?)]),
        Family::Ecdsa => {
            let curve = named_curve(key)
                .ok_or_else(|| SubtleError::Unsupported(alg.as_str().to_owned()))?;
            object(&[("name", "ECDSA".into()), ("namedCurve", curve.into())])
        }
        Family::EdDsa => object(&[("name", "Ed25519".into())]),
        Family::Hmac => object(&[("name", "HMAC".into()), ("hash", hash()?)]),
        // WebCrypto has no ML-DSA in shipping browsers (Chrome only behind an origin trial): the
        // Rust engine in the worker runs it.
        Family::MlDsa | Family::None => Err(SubtleError::Unsupported(alg.as_str().to_owned())),
    }
}

/// The algorithm dictionary for `sign`/`verify`, from the per-algorithm cache.
fn operation_params(alg: Algorithm) -> Result<Object, SubtleError> {
    let cached = OPERATION_PARAMS.with(|p| {
        p.borrow()
            .iter()
            .find(|(a, _)| *a == alg)
            .map(|(_, o)| o.clone())
    });
    if let Some(params) = cached {
        return Ok(params);
    }
    let params = new_operation_params(alg)?;
    OPERATION_PARAMS.with(|p| p.borrow_mut().push((alg, params.clone())));
    Ok(params)
}

/// The algorithm dictionary for `sign`/`verify`. PSS salt = hash length (RFC 7518 §3.5).
fn new_operation_params(alg: Algorithm) -> Result<Object, SubtleError> {
    match alg.family() {
        Family::Rsa => object(&[("name", "RSASSA-PKCS1-v1_5".into())]),
        Family::RsaPss => {
            let salt = alg.hash().map_or(0, |h| h.output_len());
            object(&[
                ("name", "RSA-PSS".into()),
                ("saltLength", (salt as u32).into()),
            ])
        }
        Family::Ecdsa => object(&[("name", "ECDSA".into()), ("hash", hash_name(alg)?.into())]),
        Family::EdDsa => object(&[("name", "Ed25519".into())]),
        Family::Hmac => object(&[("name", "HMAC".into())]),
        Family::MlDsa | Family::None => Err(SubtleError::Unsupported(alg.as_str().to_owned())),
    }
}

fn usages(usage: &str) -> Array {
    Array::of1(&JsValue::from_str(usage))
}

/// Imports key bytes (`spki`, `pkcs8` or `raw`) as a non-extractable key for `alg`.
async fn import(
    format: &str,
    der: &[u8],
    alg: Algorithm,
    key: KeyType,
    usage: &str,
) -> Result<CryptoKey, SubtleError> {
    let subtle = subtle()?;
    let data = Uint8Array::from(der);
    let key = settle(subtle.import_key_with_object(
        format,
        &data,
        &import_params(alg, key)?,
        false,
        &usages(usage),
    ))
    .await?;
    key.dyn_into::<CryptoKey>()
        .map_err(|_| SubtleError::Refused("importKey returned no key".into()))
}

/// The WebCrypto key for a public key and `alg`, imported once and then cached.
async fn public_crypto_key(alg: Algorithm, key: &PublicKey) -> Result<CryptoKey, SubtleError> {
    cache::get_or_import(alg, KeyView::Public(key), || async move {
        let (format, der) = match key {
            PublicKey::Hmac(secret) => ("raw", secret.0.clone()),
            other => (
                "spki",
                other
                    .to_spki_der()
                    .map_err(|e| SubtleError::Refused(e.to_string()))?,
            ),
        };
        import(format, &der, alg, key.key_type(), "verify").await
    })
    .await
}

/// The WebCrypto key for a private key and `alg`, imported once and then cached.
async fn private_crypto_key(alg: Algorithm, key: &PrivateKey) -> Result<CryptoKey, SubtleError> {
    cache::get_or_import(alg, KeyView::Private(key), || async move {
        let (format, der) = match key {
            PrivateKey::Hmac(secret) => ("raw", secret.0.clone()),
            other => ("pkcs8", pkcs8(other)?),
        };
        import(format, &der, alg, key.key_type(), "sign").await
    })
    .await
}

fn pkcs8(key: &PrivateKey) -> Result<Vec<u8>, SubtleError> {
    key.to_pkcs8_der()
        .map_err(|e| SubtleError::Refused(e.to_string()))
}

/// Signs `input` with WebCrypto. The caller has checked that `alg` fits the key. ECDSA
/// signatures come out as r||s (IEEE P1363), which is the JWS form; unlike the Rust engine
/// they are randomised rather than RFC 6979 deterministic (both are valid).
pub async fn sign(alg: Algorithm, key: &PrivateKey, input: &[u8]) -> Result<Vec<u8>, SubtleError> {
    let subtle = subtle()?;
    let crypto_key = private_crypto_key(alg, key).await?;
    let params = operation_params(alg)?;
    let out = settle(subtle.sign_with_object_and_u8_array(&params, &crypto_key, input)).await?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// Verifies `signature` over `input` with WebCrypto: `Ok(true)` when it matches. The caller
/// runs the core's `precheck` first (length, shape, strict Ed25519 rules).
pub async fn verify(
    alg: Algorithm,
    key: &PublicKey,
    input: &[u8],
    signature: &[u8],
) -> Result<bool, SubtleError> {
    let subtle = subtle()?;
    let crypto_key = public_crypto_key(alg, key).await?;
    let params = operation_params(alg)?;
    let out = settle(subtle.verify_with_object_and_u8_array_and_u8_array(
        &params,
        &crypto_key,
        signature,
        input,
    ))
    .await?;
    Ok(out.as_bool().unwrap_or(false))
}

/// A new key pair from WebCrypto, exported as DER PKCS#8 (private) and SPKI (public). The
/// generation runs in the browser's own thread pool, so the page never blocks on it.
pub async fn generate_der(kind: KeyKind) -> Result<(Vec<u8>, Vec<u8>), SubtleError> {
    let subtle = subtle()?;
    let sha256 = JsValue::from_str("SHA-256");
    let params = if let Some(bits) = kind.rsa_bits() {
        let exponent = Uint8Array::from(&[1u8, 0, 1][..]);
        object(&[
            ("name", "RSASSA-PKCS1-v1_5".into()),
            ("modulusLength", (bits as u32).into()),
            ("publicExponent", exponent.into()),
            ("hash", sha256),
        ])?
    } else if let Some(curve) = named_curve(kind.key_type()) {
        object(&[("name", "ECDSA".into()), ("namedCurve", curve.into())])?
    } else if kind == KeyKind::Ed25519 {
        object(&[("name", "Ed25519".into())])?
    } else {
        return Err(SubtleError::Unsupported(kind.label().to_owned()));
    };
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = settle(subtle.generate_key_with_object(&params, true, &usages)).await?;
    let part = |name: &str| -> Result<CryptoKey, SubtleError> {
        Reflect::get(&pair, &name.into())
            .map_err(refused)?
            .dyn_into::<CryptoKey>()
            .map_err(|_| SubtleError::Refused(format!("generateKey gave no {name}")))
    };
    let (private, public) = (part("privateKey")?, part("publicKey")?);
    let pkcs8 = settle(subtle.export_key("pkcs8", &private)).await?;
    let spki = settle(subtle.export_key("spki", &public)).await?;
    Ok((
        Uint8Array::new(&pkcs8).to_vec(),
        Uint8Array::new(&spki).to_vec(),
    ))
}
