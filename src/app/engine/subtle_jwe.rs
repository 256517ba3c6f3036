//! The JWE primitives on the browser's WebCrypto: RSA-OAEP, AES-KW, AES-GCM, AES-CBC, ECDH on
//! P-256/384/521, X25519 and PBKDF2 ([`JweCipher`]). The core (`jose::jwe`) decides everything
//! else and runs the Rust engine for whatever this declines: a primitive the browser lacks
//! (Chromium has no 192-bit AES), a key it will not import, or any error at all, since a
//! failure is the Rust engine's to report.
//!
//! This runs where JWE runs: in the worker, which has its own `crypto.subtle`. Keys are
//! imported for one operation and not cached: a token is decrypted once.

use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;
use zeroize::Zeroizing;

use super::WebCrypto;
use super::subtle::{SubtleError, object, settle, subtle};
use crate::jose::algorithm::hash::HashAlg;
use crate::jose::backend::{BackendError, Engine};
use crate::jose::jwe::{EcdhSecret, JweCipher, OaepHash, Output, Primitive};
use crate::jose::keys::{PrivateKey, PublicKey};

impl JweCipher for WebCrypto {
    fn engine(&self) -> Engine {
        Engine::WebCrypto
    }

    async fn run(&self, primitive: &Primitive<'_>) -> Result<Output, BackendError> {
        run(primitive).await.map_err(|e| match e {
            SubtleError::Unavailable | SubtleError::Unsupported(_) => {
                BackendError::Unavailable(e.to_string())
            }
            SubtleError::Refused(reason) => BackendError::Refused(reason),
        })
    }
}

fn hash_name(hash: HashAlg) -> &'static str {
    match hash {
        HashAlg::Sha256 => "SHA-256",
        HashAlg::Sha384 => "SHA-384",
        HashAlg::Sha512 => "SHA-512",
    }
}

fn oaep_hash(hash: OaepHash) -> &'static str {
    match hash {
        OaepHash::Sha1 => "SHA-1",
        OaepHash::Sha2(h) => hash_name(h),
    }
}

fn named(name: &str) -> Result<Object, SubtleError> {
    object(&[("name", name.into())])
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from_str(u))
        .collect::<Array>()
        .into()
}

/// Imports key bytes in `format` for `algorithm`, not extractable, for `usage`.
async fn import(
    format: &str,
    data: &[u8],
    algorithm: &Object,
    usage: &[&str],
) -> Result<CryptoKey, SubtleError> {
    let subtle = subtle()?;
    let data = Uint8Array::from(data);
    let key =
        settle(subtle.import_key_with_object(format, &data, algorithm, false, &usages(usage)))
            .await?;
    key.dyn_into::<CryptoKey>()
        .map_err(|_| SubtleError::Refused("importKey returned no key".into()))
}

/// The bytes a settled promise gave (an `ArrayBuffer`), wiped on drop.
fn output(value: JsValue) -> Output {
    Zeroizing::new(Uint8Array::new(&value).to_vec())
}

async fn run(primitive: &Primitive<'_>) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    match *primitive {
        Primitive::OaepDecrypt { hash, key, data } => {
            let params = object(&[
                ("name", "RSA-OAEP".into()),
                ("hash", oaep_hash(hash).into()),
            ])?;
            let key = import("pkcs8", &pkcs8(key)?, &params, &["decrypt"]).await?;
            let out =
                settle(subtle.decrypt_with_object_and_u8_array(&named("RSA-OAEP")?, &key, data));
            Ok(output(out.await?))
        }
        Primitive::OaepEncrypt { hash, key, data } => {
            let params = object(&[
                ("name", "RSA-OAEP".into()),
                ("hash", oaep_hash(hash).into()),
            ])?;
            let key = import("spki", &spki(key)?, &params, &["encrypt"]).await?;
            let out =
                settle(subtle.encrypt_with_object_and_u8_array(&named("RSA-OAEP")?, &key, data));
            Ok(output(out.await?))
        }
        Primitive::KwWrap { kek, data } => key_wrap(kek, data).await,
        Primitive::KwUnwrap { kek, data } => key_unwrap(kek, data).await,
        Primitive::GcmSeal { key, iv, aad, data } | Primitive::GcmOpen { key, iv, aad, data } => {
            let params = object(&[
                ("name", "AES-GCM".into()),
                ("iv", bytes(iv)),
                ("additionalData", bytes(aad)),
                ("tagLength", 128.into()),
            ])?;
            aes(primitive, "AES-GCM", key, &params, data).await
        }
        Primitive::CbcEncrypt { key, iv, data } | Primitive::CbcDecrypt { key, iv, data } => {
            let params = object(&[("name", "AES-CBC".into()), ("iv", bytes(iv))])?;
            aes(primitive, "AES-CBC", key, &params, data).await
        }
        Primitive::Ecdh { secret, peer } => ecdh(secret, peer).await,
        Primitive::Pbkdf2 {
            hash,
            password,
            salt,
            count,
            len,
        } => {
            let key = import("raw", password, &named("PBKDF2")?, &["deriveBits"]).await?;
            let params = object(&[
                ("name", "PBKDF2".into()),
                ("hash", hash_name(hash).into()),
                ("salt", bytes(salt)),
                ("iterations", count.into()),
            ])?;
            derive_bits(&params, &key, len).await
        }
    }
}

/// AES-GCM or AES-CBC, encrypting or decrypting as the primitive says.
async fn aes(
    primitive: &Primitive<'_>,
    name: &str,
    key: &[u8],
    params: &Object,
    data: &[u8],
) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    let decrypting = matches!(
        primitive,
        Primitive::GcmOpen { .. } | Primitive::CbcDecrypt { .. }
    );
    let usage = if decrypting { "decrypt" } else { "encrypt" };
    let key = import("raw", key, &named(name)?, &[usage]).await?;
    let promise = if decrypting {
        subtle.decrypt_with_object_and_u8_array(params, &key, data)
    } else {
        subtle.encrypt_with_object_and_u8_array(params, &key, data)
    };
    Ok(output(settle(promise).await?))
}

/// The algorithm a wrapped CEK is imported as: HMAC takes a raw key of any length, where AES
/// takes only 16, 24 or 32 bytes (and CBC-HMAC CEKs are 32 to 64).
fn cek_algorithm() -> Result<Object, SubtleError> {
    object(&[("name", "HMAC".into()), ("hash", "SHA-256".into())])
}

async fn key_wrap(kek: &[u8], cek: &[u8]) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    let kek = import("raw", kek, &named("AES-KW")?, &["wrapKey"]).await?;
    let cek = settle(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(cek),
        &cek_algorithm()?,
        true,
        &usages(&["sign"]),
    ))
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| SubtleError::Refused("importKey returned no key".into()))?;
    Ok(output(
        settle(subtle.wrap_key_with_str("raw", &cek, &kek, "AES-KW")).await?,
    ))
}

async fn key_unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    let kek = import("raw", kek, &named("AES-KW")?, &["unwrapKey"]).await?;
    let cek = settle(subtle.unwrap_key_with_u8_array_and_str_and_object(
        "raw",
        wrapped,
        &kek,
        "AES-KW",
        &cek_algorithm()?,
        true,
        &usages(&["sign"]),
    ))
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| SubtleError::Refused("unwrapKey returned no key".into()))?;
    Ok(output(settle(subtle.export_key("raw", &cek)).await?))
}

/// `Z`: our private key (PKCS#8) with the peer's raw public key.
async fn ecdh(secret: EcdhSecret<'_>, peer: &[u8]) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    let (params, der, bits) = match secret {
        EcdhSecret::Ec(key) => {
            let curve = match key {
                PrivateKey::P256(_) => "P-256",
                PrivateKey::P384(_) => "P-384",
                PrivateKey::P521(_) => "P-521",
                _ => return Err(SubtleError::Unsupported("ECDH with this key".into())),
            };
            let field = peer.len().saturating_sub(1) / 2;
            let params = object(&[("name", "ECDH".into()), ("namedCurve", curve.into())])?;
            (params, pkcs8(key)?, field * 8)
        }
        EcdhSecret::X25519(key) => {
            let der = key
                .to_pkcs8_der()
                .map_err(|e| SubtleError::Refused(e.to_string()))?;
            (
                named("X25519")?,
                Zeroizing::new(der.as_bytes().to_vec()),
                256,
            )
        }
    };
    let private = import("pkcs8", &der, &params, &["deriveBits"]).await?;
    let public = settle(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(peer),
        &params,
        true,
        &usages(&[]),
    ))
    .await?;
    let name = js_sys::Reflect::get(&params, &"name".into()).unwrap_or(JsValue::NULL);
    let derive = object(&[("name", name), ("public", public)])?;
    derive_bits(&derive, &private, bits / 8).await
}

async fn derive_bits(params: &Object, key: &CryptoKey, len: usize) -> Result<Output, SubtleError> {
    let subtle = subtle()?;
    let bits = u32::try_from(len.saturating_mul(8))
        .map_err(|_| SubtleError::Unsupported("a derived key this long".into()))?;
    Ok(output(
        settle(subtle.derive_bits_with_object(params, key, bits)).await?,
    ))
}

fn pkcs8(key: &PrivateKey) -> Result<Zeroizing<Vec<u8>>, SubtleError> {
    key.to_pkcs8_der()
        .map(Zeroizing::new)
        .map_err(|e| SubtleError::Refused(format!("PKCS#8: {e}")))
}

fn spki(key: &PublicKey) -> Result<Vec<u8>, SubtleError> {
    key.to_spki_der()
        .map_err(|e| SubtleError::Refused(format!("SPKI: {e}")))
}
