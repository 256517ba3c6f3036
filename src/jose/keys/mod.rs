//! Keys: typed wrappers over the RustCrypto key types, their import (PEM, DER, JWK, JWKS,
//! HMAC secrets), export (PEM, JWK, JWKS), RFC 7638 thumbprints and generation.
//!
//! Where each behaviour lives:
//! - [`parse_public_keys`] / [`parse_private_key`] (`import.rs`) detect the format and hand off to
//!   `pem.rs` (PEM blocks), `der.rs` (SPKI, PKCS#8, PKCS#1, SEC1, X.509) and `jwk.rs` / `jwks.rs`.
//! - `algorithm.rs` is the one place that maps OIDs and JWK `crv` names to key types.
//! - [`parse_hmac_secret`] (`secret.rs`), export (`export.rs`), thumbprints (`thumbprint.rs`),
//!   descriptions (`describe.rs`) and generation (`generate.rs`).
//!
//! `Debug` on private keys and secrets never prints key material.

mod algorithm;
mod components;
mod der;
mod describe;
mod export;
mod generate;
mod import;
mod jwk;
mod jwks;
mod pem;
mod secret;
mod thumbprint;

pub use algorithm::{EcCurve, KeyType, OkpCurve};
pub use components::MAX_RSA_BITS;
pub use export::jwks;
pub use generate::{KeyKind, generate, generate_secret};
pub use import::{
    KeyCandidate, KeySet, MAX_KEY_INPUT_BYTES, SkippedKey, key_text_parses, parse_private_key,
    parse_public_keys, parse_public_keys_report,
};
pub use secret::{SecretEncoding, parse_hmac_secret, public_key_in_secret};

/// A public key from DER SPKI (`SubjectPublicKeyInfo`), e.g. what WebCrypto exports.
pub fn parse_spki_der(der: &[u8]) -> Result<PublicKey, crate::jose::JoseError> {
    der::public_from_spki(der)
}

/// A key that can verify signatures (public keys, or an HMAC secret).
#[derive(Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA public key (RS*/PS*).
    Rsa(rsa::PublicKey),
    /// NIST P-256 public key (ES256).
    P256(p256::ecdsa::VerifyingKey),
    /// NIST P-384 public key (ES384).
    P384(p384::ecdsa::VerifyingKey),
    /// NIST P-521 public key (ES512).
    P521(p521::ecdsa::VerifyingKey),
    /// Ed25519 public key (EdDSA / Ed25519).
    Ed25519(ed25519_dalek::VerifyingKey),
    /// HMAC secret (HS*): symmetric, so it verifies and signs.
    Hmac(HmacSecret),
}

/// A key that can sign (private keys, or an HMAC secret).
#[derive(Clone, PartialEq, Eq)]
pub enum PrivateKey {
    /// RSA private key (RS*/PS*).
    Rsa(rsa::PrivateKey),
    /// NIST P-256 private key (ES256).
    P256(p256::ecdsa::SigningKey),
    /// NIST P-384 private key (ES384).
    P384(p384::ecdsa::SigningKey),
    /// NIST P-521 private key (ES512).
    P521(p521::ecdsa::SigningKey),
    /// Ed25519 private key (EdDSA / Ed25519).
    Ed25519(ed25519_dalek::SigningKey),
    /// HMAC secret (HS*).
    Hmac(HmacSecret),
}

/// The raw bytes of an HMAC secret.
///
/// Equality is plain byte comparison: it is meant for tests and de-duplication, not for
/// comparing a secret against attacker-controlled input.
#[derive(Clone, PartialEq, Eq)]
pub struct HmacSecret(pub Vec<u8>);

impl PrivateKey {
    /// The public half of this key (for an HMAC secret: the same secret).
    pub fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
            PrivateKey::P256(k) => PublicKey::P256(*k.verifying_key()),
            PrivateKey::P384(k) => PublicKey::P384(*k.verifying_key()),
            PrivateKey::P521(k) => PublicKey::P521(*k.verifying_key()),
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
            PrivateKey::Hmac(s) => PublicKey::Hmac(s.clone()),
        }
    }
}
