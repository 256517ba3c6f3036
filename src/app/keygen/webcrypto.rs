//! Key generation on the page's engine: WebCrypto generates RSA, EC and Ed25519 keys in the
//! browser's own thread pool (10× faster than the Rust code in WebAssembly, and the page never
//! blocks); HMAC secrets come from the page's CSPRNG. Where WebCrypto is missing or refuses,
//! the caller falls back to the Rust generator in the key generation worker.

use super::{KeyMaterial, KeygenError};
use crate::app::engine::WebCrypto;
use crate::app::keygen;
use crate::jose::backend::{BackendError, CryptoBackend};
use crate::jose::keys::KeyKind;
use crate::jose::keys::material::generate_secret_material;

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

/// A new key of `kind`, with every export the generator shows.
pub async fn generate(kind: KeyKind) -> Result<KeyMaterial, GenerateError> {
    if kind.is_symmetric() {
        return Ok(generate_secret_material(kind).map_err(KeygenError::from)?);
    }
    let pair = WebCrypto.generate(kind).await?;
    let material = keygen::material_from_der(kind, &pair.pkcs8_der, &pair.spki_der);
    Ok(material.map_err(KeygenError::from)?)
}
