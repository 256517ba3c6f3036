//! Key generation on the page's engine: WebCrypto generates RSA, EC and Ed25519 keys in the
//! browser's own thread pool (10× faster than the Rust code in WebAssembly, and the page never
//! blocks), for signing and for encryption alike (the key pair is the same; only its JWKs
//! differ); secrets (HMAC, AES) come from the page's CSPRNG. Where WebCrypto is missing or
//! refuses, and for X25519, the caller falls back to the Rust generator in the key generation
//! worker.

use super::{KeyMaterial, KeygenError};
use crate::app::engine::WebCrypto;
use crate::app::keygen;
use crate::jose::backend::{BackendError, CryptoBackend};
use crate::jose::keys::material::generate_secret_material;
use crate::jose::keys::{KeyOffer, KeySource};

/// Why the page's engine made no key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// WebCrypto cannot make this key here: use the worker.
    #[error(transparent)]
    WebCrypto(#[from] BackendError),
    /// The key was made but could not be exported, or was not the key asked for.
    #[error(transparent)]
    Keygen(#[from] KeygenError),
}

/// A new key of `offer` (a [`KeyOffer`], or a signing [`KeyKind`](crate::jose::keys::KeyKind)),
/// with every export the generator shows.
pub async fn generate(offer: impl Into<KeyOffer>) -> Result<KeyMaterial, GenerateError> {
    let offer = offer.into();
    let kind = match offer.source() {
        KeySource::Secret(_) => {
            return Ok(generate_secret_material(offer).map_err(KeygenError::from)?);
        }
        // WebCrypto's X25519 is missing from browsers the page supports, and the Rust one would
        // add the curve arithmetic to the page's first load: the worker makes these.
        KeySource::X25519 => {
            let reason = "X25519 keys are made by the Rust generator";
            return Err(BackendError::Unavailable(reason.into()).into());
        }
        KeySource::Pair(kind) => kind,
    };
    let pair = WebCrypto.generate(kind).await?;
    let material = keygen::material_from_der(offer, &pair.pkcs8_der, &pair.spki_der);
    Ok(material.map_err(KeygenError::from)?)
}
