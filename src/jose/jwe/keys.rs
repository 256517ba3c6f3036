//! The keys JWE decrypts ([`DecryptionKey`]) and encrypts ([`EncryptionKey`]) with: the crate's
//! RSA and EC keys, X25519 keys, symmetric key bytes, and PBES2 passwords.
//!
//! Key texts are read with the same detection as signing keys (PEM, base64 DER, JWK, JWKS),
//! plus X25519 and `oct` JWKs, which this module reads itself. A JWK with `use: "sig"` is
//! refused: RFC 7517 section 4.2 keeps signature and encryption keys apart.

use std::fmt;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::error::JweError;
use super::key_text::{delegated_jwk, encryption_jwk_alg, for_each_jwk, oct_secret, single_pem};
use super::x25519::{X25519PrivateKey, X25519PublicKey, is_x25519_jwk};
use crate::jose::JoseError;
use crate::jose::keys::{PrivateKey, PublicKey, parse_private_key, parse_public_keys};

/// Secret bytes that are wiped from memory when dropped; `Debug` shows the length only.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Wraps the bytes (they are wiped when this value is dropped).
    pub fn new(bytes: Vec<u8>) -> Self {
        SecretBytes(Zeroizing::new(bytes))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes({} bytes, redacted)", self.0.len())
    }
}

/// What a [`DecryptionKey`] holds.
#[derive(Clone, Debug)]
pub enum DecryptionMaterial {
    /// An RSA or EC private key (RSA-OAEP*, RSA1_5, ECDH-ES*); boxed, as an RSA key is ten
    /// times the size of the other variants.
    Private(Box<PrivateKey>),
    /// An X25519 private key (ECDH-ES*).
    X25519(X25519PrivateKey),
    /// Symmetric key bytes (`dir`, A*KW, A*GCMKW).
    Symmetric(SecretBytes),
    /// A PBES2 password.
    Password(SecretBytes),
}

/// A key to decrypt with, and the JWK `alg` it is restricted to, if any.
#[derive(Clone, Debug)]
pub struct DecryptionKey {
    /// The key itself.
    pub material: DecryptionMaterial,
    /// The JWK `alg` member: the only `alg` (or, for `dir`, `enc`) the key may be used with.
    pub alg: Option<String>,
}

/// What an [`EncryptionKey`] holds.
#[derive(Clone, Debug)]
pub enum EncryptionMaterial {
    /// An RSA or EC public key (RSA-OAEP*, ECDH-ES*).
    Public(PublicKey),
    /// An X25519 public key (ECDH-ES*).
    X25519(X25519PublicKey),
    /// Symmetric key bytes (`dir`, A*KW, A*GCMKW).
    Symmetric(SecretBytes),
    /// A PBES2 password.
    Password(SecretBytes),
}

/// A key to encrypt with, and the JWK `alg` it is restricted to, if any.
#[derive(Clone, Debug)]
pub struct EncryptionKey {
    /// The key itself.
    pub material: EncryptionMaterial,
    /// The JWK `alg` member: the only `alg` (or, for `dir`, `enc`) the key may be used with.
    pub alg: Option<String>,
}

impl DecryptionKey {
    /// Symmetric key bytes, for `dir`, `A*KW` and `A*GCMKW`.
    pub fn symmetric(bytes: Vec<u8>) -> Self {
        DecryptionMaterial::Symmetric(SecretBytes::new(bytes)).into()
    }

    /// A password, for PBES2.
    pub fn password(bytes: Vec<u8>) -> Self {
        DecryptionMaterial::Password(SecretBytes::new(bytes)).into()
    }

    /// The decryption key in `text`: PEM, base64 DER, a JWK or the first usable key of a JWKS.
    pub fn parse(text: &str) -> Result<Self, JweError> {
        Self::parse_for_kid(text, None)
    }

    /// [`DecryptionKey::parse`], picking a JWKS entry with the token's `kid` when one has it.
    pub fn parse_for_kid(text: &str, kid: Option<&str>) -> Result<Self, JweError> {
        let trimmed = text.trim();
        if trimmed.starts_with('{') {
            return for_each_jwk(trimmed, kid, Self::from_jwk);
        }
        if let Some(("PRIVATE KEY", der)) = single_pem(trimmed)
            && let Some(key) = X25519PrivateKey::from_pkcs8_der(&der)?
        {
            return Ok(DecryptionMaterial::X25519(key).into());
        }
        Ok(parse_private_key(text)?.into())
    }

    /// The decryption key a JWK describes (`oct`, X25519, or a private RSA/EC JWK).
    pub fn from_jwk(jwk: &Map<String, Value>) -> Result<Self, JweError> {
        let alg = encryption_jwk_alg(jwk)?;
        let material = if is_x25519_jwk(jwk) {
            DecryptionMaterial::X25519(X25519PrivateKey::from_jwk(jwk)?)
        } else if let Some(k) = oct_secret(jwk)? {
            DecryptionMaterial::Symmetric(k)
        } else {
            DecryptionKey::from(parse_private_key(&delegated_jwk(jwk))?).material
        };
        Ok(DecryptionKey { material, alg })
    }
}

impl DecryptionMaterial {
    /// "RSA 2048-bit private key", "16-byte symmetric key"…, for messages.
    pub fn describe(&self) -> String {
        match self {
            DecryptionMaterial::Private(key) => key.describe(),
            DecryptionMaterial::X25519(_) => "X25519 private key".into(),
            DecryptionMaterial::Symmetric(k) => format!("{}-byte symmetric key", k.0.len()),
            DecryptionMaterial::Password(_) => "password".into(),
        }
    }

    pub(super) fn symmetric(&self) -> Option<&[u8]> {
        match self {
            DecryptionMaterial::Symmetric(k) => Some(k.as_bytes()),
            _ => None,
        }
    }

    pub(super) fn password(&self) -> Option<&[u8]> {
        match self {
            DecryptionMaterial::Password(p) => Some(p.as_bytes()),
            _ => None,
        }
    }

    /// The key when it is an RSA private key.
    pub(super) fn rsa_key(&self) -> Option<&PrivateKey> {
        match self {
            DecryptionMaterial::Private(key) if matches!(key.as_ref(), PrivateKey::Rsa(_)) => {
                Some(key)
            }
            _ => None,
        }
    }
}

impl EncryptionKey {
    /// Symmetric key bytes, for `dir`, `A*KW` and `A*GCMKW`.
    pub fn symmetric(bytes: Vec<u8>) -> Self {
        EncryptionMaterial::Symmetric(SecretBytes::new(bytes)).into()
    }

    /// A password, for PBES2.
    pub fn password(bytes: Vec<u8>) -> Self {
        EncryptionMaterial::Password(SecretBytes::new(bytes)).into()
    }

    /// The encryption key in `text`: PEM (a public key, certificate, or a private key's public
    /// half), base64 DER, a JWK or the first usable key of a JWKS.
    pub fn parse(text: &str) -> Result<Self, JweError> {
        let trimmed = text.trim();
        if trimmed.starts_with('{') {
            return for_each_jwk(trimmed, None, Self::from_jwk);
        }
        match single_pem(trimmed) {
            Some(("PUBLIC KEY", der)) => {
                if let Some(key) = X25519PublicKey::from_spki_der(&der)? {
                    return Ok(EncryptionMaterial::X25519(key).into());
                }
            }
            Some(("PRIVATE KEY", der)) => {
                if let Some(key) = X25519PrivateKey::from_pkcs8_der(&der)? {
                    return Ok(EncryptionMaterial::X25519(key.public_key()).into());
                }
            }
            _ => {}
        }
        first_public_key(text).map(Into::into)
    }

    /// The encryption key a JWK describes (`oct`, X25519, or an RSA/EC JWK's public part).
    pub fn from_jwk(jwk: &Map<String, Value>) -> Result<Self, JweError> {
        let alg = encryption_jwk_alg(jwk)?;
        let material = if is_x25519_jwk(jwk) {
            EncryptionMaterial::X25519(X25519PublicKey::from_jwk(jwk)?)
        } else if let Some(k) = oct_secret(jwk)? {
            EncryptionMaterial::Symmetric(k)
        } else {
            EncryptionKey::from(first_public_key(&delegated_jwk(jwk))?).material
        };
        Ok(EncryptionKey { material, alg })
    }
}

impl EncryptionMaterial {
    /// "RSA 2048-bit public key", "16-byte symmetric key"…, for messages.
    pub fn describe(&self) -> String {
        match self {
            EncryptionMaterial::Public(key) => key.describe(),
            EncryptionMaterial::X25519(_) => "X25519 public key".into(),
            EncryptionMaterial::Symmetric(k) => format!("{}-byte symmetric key", k.0.len()),
            EncryptionMaterial::Password(_) => "password".into(),
        }
    }

    pub(super) fn symmetric(&self) -> Option<&[u8]> {
        match self {
            EncryptionMaterial::Symmetric(k) => Some(k.as_bytes()),
            _ => None,
        }
    }

    pub(super) fn password(&self) -> Option<&[u8]> {
        match self {
            EncryptionMaterial::Password(p) => Some(p.as_bytes()),
            _ => None,
        }
    }

    /// The key when it is an RSA public key.
    pub(super) fn rsa_key(&self) -> Option<&PublicKey> {
        match self {
            EncryptionMaterial::Public(key @ PublicKey::Rsa(_)) => Some(key),
            _ => None,
        }
    }
}

impl From<DecryptionMaterial> for DecryptionKey {
    fn from(material: DecryptionMaterial) -> Self {
        DecryptionKey {
            material,
            alg: None,
        }
    }
}

impl From<EncryptionMaterial> for EncryptionKey {
    fn from(material: EncryptionMaterial) -> Self {
        EncryptionKey {
            material,
            alg: None,
        }
    }
}

impl From<PrivateKey> for DecryptionKey {
    /// An HMAC secret becomes symmetric key bytes; other keys stay as they are (an Ed25519
    /// key is then refused by every `alg`).
    fn from(key: PrivateKey) -> Self {
        match key {
            PrivateKey::Hmac(secret) => DecryptionKey::symmetric(secret.0),
            other => DecryptionMaterial::Private(Box::new(other)).into(),
        }
    }
}

impl From<PublicKey> for EncryptionKey {
    /// An HMAC secret becomes symmetric key bytes; other keys stay as they are.
    fn from(key: PublicKey) -> Self {
        match key {
            PublicKey::Hmac(secret) => EncryptionKey::symmetric(secret.0),
            other => EncryptionMaterial::Public(other).into(),
        }
    }
}

impl From<X25519PrivateKey> for DecryptionKey {
    fn from(key: X25519PrivateKey) -> Self {
        DecryptionMaterial::X25519(key).into()
    }
}

impl From<X25519PublicKey> for EncryptionKey {
    fn from(key: X25519PublicKey) -> Self {
        EncryptionMaterial::X25519(key).into()
    }
}

/// The first key of the text, through the signing keys' import.
fn first_public_key(text: &str) -> Result<PublicKey, JweError> {
    parse_public_keys(text)?
        .into_iter()
        .next()
        .map(|candidate| candidate.key)
        .ok_or(JweError::Key(JoseError::NoKeys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_jwks_are_refused() {
        let jwk = r#"{"kty":"oct","use":"sig","k":"GawgguFyGrWKav7AX4VKUg"}"#;
        assert_eq!(
            DecryptionKey::parse(jwk).unwrap_err(),
            JweError::SignatureKey
        );
        assert_eq!(
            EncryptionKey::parse(jwk).unwrap_err(),
            JweError::SignatureKey
        );
        let jwks = format!(
            r#"{{"keys":[{jwk},{{"kty":"oct","use":"enc","alg":"A128KW","k":"GawgguFyGrWKav7AX4VKUg"}}]}}"#
        );
        let key = DecryptionKey::parse(&jwks).unwrap();
        assert_eq!(key.alg.as_deref(), Some("A128KW"));
    }

    #[test]
    fn encryption_jwks_of_every_type_read() {
        let ec = r#"{"kty":"EC","crv":"P-256","use":"enc",
            "x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
            "y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
            "d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}"#;
        let public = EncryptionKey::parse(ec).unwrap();
        assert!(matches!(
            public.material,
            EncryptionMaterial::Public(PublicKey::P256(_))
        ));
        let private = DecryptionKey::parse(ec).unwrap();
        assert!(matches!(private.material, DecryptionMaterial::Private(_)));
    }

    #[test]
    fn debug_prints_no_secret() {
        let key = DecryptionKey::password(b"hunter2".to_vec());
        let text = format!("{key:?}");
        assert!(!text.contains("hunter2") && !text.contains("104"), "{text}");
    }
}
