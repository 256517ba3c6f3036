//! Key generation on WebCrypto: RSA, EC and Ed25519 keys in the browser's own thread pool (10×
//! faster than the Rust code in WebAssembly, and the page never blocks); HMAC secrets from the
//! page's CSPRNG. Encryption keys are made in the worker (with its WebCrypto where it has the
//! key type, [`generate_in_worker`]), so their exports (the private JWK needs the private key
//! parsed) are not in the page's first load. Where WebCrypto is missing or refuses, the caller
//! falls back to the Rust generator in the worker.

use super::{KeyMaterial, KeygenError};
use crate::app::engine::WebCrypto;
use crate::jose::JoseError;
use crate::jose::backend::{BackendError, CryptoBackend};
use crate::jose::keys::material::{
    generate_material, generate_secret_material, material_from_der, signing_material_from_der,
};
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

/// A new key of `offer` made in the page, with every export the generator shows: signing keys
/// only ([`GenerateError::WebCrypto`] sends anything else to the worker).
pub async fn generate(offer: impl Into<KeyOffer>) -> Result<KeyMaterial, GenerateError> {
    let kind = match offer.into() {
        KeyOffer::Sign(kind) => kind,
        KeyOffer::Encrypt(_) => {
            let reason = "encryption keys are made in the worker";
            return Err(BackendError::Unavailable(reason.into()).into());
        }
    };
    if kind.is_symmetric() {
        return Ok(generate_secret_material(kind).map_err(KeygenError::from)?);
    }
    let pair = WebCrypto.generate(kind).await?;
    let material = signing_material_from_der(kind, &pair.pkcs8_der, &pair.spki_der);
    Ok(material.map_err(KeygenError::from)?)
}

/// A new key of `offer` made in the worker: on the worker's WebCrypto where it has the key type
/// (RSA, EC, Ed25519), else on the Rust generator.
pub async fn generate_in_worker(offer: KeyOffer) -> Result<KeyMaterial, JoseError> {
    if let KeySource::Pair(kind) = offer.source()
        && let Ok(pair) = WebCrypto.generate(kind).await
    {
        return material_from_der(offer, &pair.pkcs8_der, &pair.spki_der);
    }
    generate_material(offer)
}
