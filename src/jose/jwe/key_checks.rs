//! The key checks the sender and the recipient share: a symmetric key of the right length, and
//! the error for a key of the wrong kind, over either side's key material.

use super::alg::KeyManagement;
use super::error::JweError;
use super::keys::{DecryptionMaterial, EncryptionMaterial};

/// What both sides' key material can say about itself.
pub(super) trait Material {
    /// The symmetric key bytes, if the material is a symmetric key.
    fn symmetric_bytes(&self) -> Option<&[u8]>;
    /// The material in words, for errors.
    fn described(&self) -> String;
}

impl Material for DecryptionMaterial {
    fn symmetric_bytes(&self) -> Option<&[u8]> {
        self.symmetric()
    }
    fn described(&self) -> String {
        self.describe()
    }
}

impl Material for EncryptionMaterial {
    fn symmetric_bytes(&self) -> Option<&[u8]> {
        self.symmetric()
    }
    fn described(&self) -> String {
        self.describe()
    }
}

/// How errors name a key-encryption key: "the A128KW key".
pub(super) fn kek_name(alg: KeyManagement) -> String {
    format!("the {} key", alg.as_str())
}

/// The symmetric key bytes, which must be `expected` bytes long (`what` names them in the error).
pub(super) fn symmetric<M: Material>(
    alg: KeyManagement,
    key: &M,
    expected: usize,
    what: impl Fn() -> String,
) -> Result<&[u8], JweError> {
    let bytes = key
        .symmetric_bytes()
        .ok_or_else(|| wrong_key(alg, "a symmetric key (an oct JWK or raw bytes)", key))?;
    if bytes.len() != expected {
        return Err(JweError::WrongKeyLength {
            what: what(),
            expected,
            found: bytes.len(),
        });
    }
    Ok(bytes)
}

/// `alg` needs a key of another kind than `key`.
pub(super) fn wrong_key<M: Material>(alg: KeyManagement, needed: &str, key: &M) -> JweError {
    JweError::WrongKeyType {
        alg: alg.as_str(),
        needed: needed.to_owned(),
        found: key.described(),
    }
}
