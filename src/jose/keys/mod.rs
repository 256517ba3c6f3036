//! Keys: typed wrappers over the RustCrypto key types, their import (PEM, DER, JWK, JWKS,
//! HMAC secrets), export (PEM, JWK, JWKS), RFC 7638 thumbprints and generation.
//!
//! Where each behaviour lives:
//! - [`parse_public_keys`] / [`parse_private_key`] (`import.rs`) detect the format and hand off to
//!   `pem.rs` (PEM blocks), `der.rs` (SPKI, PKCS#8, PKCS#1, SEC1, X.509) and `jwk.rs` / `jwks.rs`.
//! - Key types are found from OIDs (`algorithm.rs`) and JWK `kty`/`crv` (`jwk.rs`) by looking them
//!   up in [`KeyType::ALL`], so neither file names a family.
//! - This file is the family table: every operation that differs by family dispatches here into
//!   the family's module, named after its JWK `kty` (`kty_rsa.rs`, `kty_ec.rs`, `kty_okp.rs`,
//!   `kty_oct.rs`, `kty_akp.rs` for ML-DSA over `crate::jose::mldsa`).
//! - [`parse_hmac_secret`] (`secret.rs`), export (`export.rs`), thumbprints (`thumbprint.rs`),
//!   descriptions (`describe.rs`) and generation (`generate.rs`; what the generator offers,
//!   signing and encryption keys, in `offer.rs`; every export of a new key in `material.rs`).
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
mod kty_akp;
mod kty_ec;
mod kty_oct;
mod kty_okp;
mod kty_rsa;
pub mod material;
mod offer;
mod pem;
mod secret;
mod thumbprint;

use rand_core::CryptoRng;
use serde_json::{Map, Value};

use crate::jose::{Algorithm, JoseError};

pub use algorithm::{EcCurve, KeyType, OkpCurve};
pub use components::MAX_RSA_BITS;
pub use export::jwks;
pub use generate::{KeyKind, generate, generate_secret};
pub use import::{
    KeyCandidate, KeySet, MAX_KEY_INPUT_BYTES, SkippedKey, key_text_parses, parse_private_key,
    parse_public_keys, parse_public_keys_report,
};
pub use kty_akp::{MlDsaKeyPair, read_ml_dsa_private_keys};
pub use offer::{EncryptionKind, KeyOffer, KeySource};
pub use secret::{SecretEncoding, parse_hmac_secret, public_key_in_secret};

/// A public key from DER SPKI (`SubjectPublicKeyInfo`), e.g. what WebCrypto exports.
pub fn parse_spki_der(der: &[u8]) -> Result<PublicKey, crate::jose::JoseError> {
    der::public_from_spki(der)
}

/// A private key from DER PKCS#8, e.g. what the page hands its worker's Rust engine.
pub fn parse_pkcs8_der(der: &[u8]) -> Result<PrivateKey, crate::jose::JoseError> {
    der::private_from_pkcs8(der)
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
    /// ML-DSA public key (ML-DSA-44/65/87, `kty: "AKP"`).
    MlDsa(crate::jose::mldsa::MlDsaPublicKey),
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
    /// ML-DSA private key (ML-DSA-44/65/87, `kty: "AKP"`).
    MlDsa(MlDsaKeyPair),
}

/// The raw bytes of an HMAC secret.
///
/// Equality is plain byte comparison: it is meant for tests and de-duplication, not for
/// comparing a secret against attacker-controlled input.
#[derive(Clone, PartialEq, Eq)]
pub struct HmacSecret(pub Vec<u8>);

// The family table: every operation that differs by key family dispatches here, one arm per
// family into its module, named after its JWK `kty` (`kty_rsa.rs`, `kty_ec.rs`, `kty_okp.rs`,
// `kty_oct.rs`, `kty_akp.rs`; import helpers are in `components.rs`). A new family is a new variant, its module, and the arms the compiler asks for
// in this file; no other file of `keys/` matches on the variants.

impl PublicKey {
    /// The key's type, for the algorithm/key fit check ([`Algorithm::fits`]).
    pub fn key_type(&self) -> KeyType {
        match self {
            PublicKey::Rsa(_) => KeyType::Rsa,
            PublicKey::P256(_) => KeyType::Ec(EcCurve::P256),
            PublicKey::P384(_) => KeyType::Ec(EcCurve::P384),
            PublicKey::P521(_) => KeyType::Ec(EcCurve::P521),
            PublicKey::Ed25519(_) => KeyType::Okp(OkpCurve::Ed25519),
            PublicKey::Hmac(_) => KeyType::Oct,
            PublicKey::MlDsa(k) => KeyType::Akp(k.params()),
        }
    }

    /// Key size in bits: the RSA modulus length, the curve size (521 for P-521, 256 for
    /// Ed25519), 8 × the HMAC secret length, or 8 × the ML-DSA public key's length (10,496 for
    /// ML-DSA-44: it has no modulus or curve).
    pub fn bits(&self) -> usize {
        use ::rsa::traits::PublicKeyParts;
        match self {
            PublicKey::Rsa(k) => usize::try_from(k.n().bit_width_vartime()).unwrap_or(usize::MAX),
            PublicKey::P256(_) => EcCurve::P256.bits(),
            PublicKey::P384(_) => EcCurve::P384.bits(),
            PublicKey::P521(_) => EcCurve::P521.bits(),
            PublicKey::Ed25519(_) => 256,
            PublicKey::Hmac(secret) => secret.0.len().saturating_mul(8),
            PublicKey::MlDsa(k) => k.as_bytes().len().saturating_mul(8),
        }
    }

    /// The key type and size without "public"/"private": "RSA 2048-bit", "EC P-256",
    /// "Ed25519", "HMAC secret (32 bytes)".
    pub(crate) fn sized_name(&self) -> String {
        let name = self.key_type().name();
        match self {
            PublicKey::Rsa(_) => format!("{name} {}-bit", self.bits()),
            PublicKey::P256(_) | PublicKey::P384(_) | PublicKey::P521(_) => name.to_owned(),
            PublicKey::Ed25519(_) => name.to_owned(),
            PublicKey::Hmac(secret) => format!("{name} ({} bytes)", secret.0.len()),
            PublicKey::MlDsa(_) => name.to_owned(),
        }
    }

    /// The DER `SubjectPublicKeyInfo`, or `None` for an HMAC secret, which has none.
    fn spki_document(&self) -> Option<spki::Result<::der::Document>> {
        use spki::EncodePublicKey;
        match self {
            PublicKey::Rsa(k) => Some(k.to_public_key_der()),
            PublicKey::P256(k) => Some(k.to_public_key_der()),
            PublicKey::P384(k) => Some(k.to_public_key_der()),
            PublicKey::P521(k) => Some(k.to_public_key_der()),
            PublicKey::Ed25519(k) => Some(k.to_public_key_der()),
            PublicKey::Hmac(_) => None,
            PublicKey::MlDsa(k) => Some(kty_akp::to_spki_document(k)),
        }
    }

    /// The members RFC 7638 section 3.2 requires for the key type, in lexicographic order
    /// (serde_json keeps insertion order with `preserve_order`): the thumbprint's input and
    /// exactly the members of an exported public JWK.
    pub(crate) fn required_members(&self) -> Map<String, Value> {
        match self {
            PublicKey::Rsa(k) => kty_rsa::members(k),
            PublicKey::P256(k) => kty_ec::members(EcCurve::P256, &k.to_sec1_point(false)),
            PublicKey::P384(k) => kty_ec::members(EcCurve::P384, &k.to_sec1_point(false)),
            PublicKey::P521(k) => kty_ec::members(EcCurve::P521, &k.to_sec1_point(false)),
            PublicKey::Ed25519(k) => kty_okp::members(k),
            PublicKey::Hmac(secret) => kty_oct::members(secret),
            PublicKey::MlDsa(k) => kty_akp::members(k),
        }
    }

    /// The signature checks before any arithmetic (length, ECDSA shape, strict Ed25519 rules),
    /// for an `alg` that fits the key.
    pub(crate) fn precheck(&self, alg: Algorithm, signature: &[u8]) -> Result<(), JoseError> {
        match self {
            PublicKey::Rsa(k) => kty_rsa::precheck(alg, k, signature),
            PublicKey::P256(_) => kty_ec::check_p256(alg, signature),
            PublicKey::P384(_) => kty_ec::check_p384(alg, signature),
            PublicKey::P521(_) => kty_ec::check_p521(alg, signature),
            PublicKey::Ed25519(k) => kty_okp::precheck(alg, k, signature),
            PublicKey::Hmac(_) => kty_oct::precheck(alg, signature),
            PublicKey::MlDsa(k) => kty_akp::precheck(alg, k, signature),
        }
    }

    /// The signature arithmetic, after [`PublicKey::precheck`]: `Err(SignatureMismatch)` when
    /// the signature does not match.
    pub(crate) fn verify(&self, alg: Algorithm, input: &[u8], sig: &[u8]) -> Result<(), JoseError> {
        match self {
            PublicKey::Rsa(k) => kty_rsa::verify(alg, k, input, sig),
            PublicKey::P256(k) => kty_ec::verify_p256(k, input, sig),
            PublicKey::P384(k) => kty_ec::verify_p384(k, input, sig),
            PublicKey::P521(k) => kty_ec::verify_p521(k, input, sig),
            PublicKey::Ed25519(k) => kty_okp::verify(k, input, sig),
            PublicKey::Hmac(secret) => kty_oct::verify(alg, secret, input, sig),
            PublicKey::MlDsa(k) => kty_akp::verify(k, input, sig),
        }
    }

    /// [`PublicKey::verify`] for an HMAC secret alone (`None` for any other key), so that a
    /// front end whose other families run elsewhere links no other family's arithmetic.
    pub fn verify_hmac(
        &self,
        alg: Algorithm,
        input: &[u8],
        sig: &[u8],
    ) -> Option<Result<(), JoseError>> {
        if let PublicKey::Hmac(secret) = self {
            Some(kty_oct::verify(alg, secret, input, sig))
        } else {
            None
        }
    }
}

impl PrivateKey {
    /// The key's type (see [`PublicKey::key_type`]).
    pub fn key_type(&self) -> KeyType {
        match self {
            PrivateKey::Rsa(_) => KeyType::Rsa,
            PrivateKey::P256(_) => KeyType::Ec(EcCurve::P256),
            PrivateKey::P384(_) => KeyType::Ec(EcCurve::P384),
            PrivateKey::P521(_) => KeyType::Ec(EcCurve::P521),
            PrivateKey::Ed25519(_) => KeyType::Okp(OkpCurve::Ed25519),
            PrivateKey::Hmac(_) => KeyType::Oct,
            PrivateKey::MlDsa(k) => KeyType::Akp(k.params()),
        }
    }

    /// The public half of this key (for an HMAC secret: the same secret).
    pub fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
            PrivateKey::P256(k) => PublicKey::P256(*k.verifying_key()),
            PrivateKey::P384(k) => PublicKey::P384(*k.verifying_key()),
            PrivateKey::P521(k) => PublicKey::P521(*k.verifying_key()),
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
            PrivateKey::Hmac(s) => PublicKey::Hmac(s.clone()),
            PrivateKey::MlDsa(k) => PublicKey::MlDsa(k.public_key().clone()),
        }
    }

    /// The DER PKCS#8 `PrivateKeyInfo`, or `None` for an HMAC secret, which has none.
    fn pkcs8_document(&self) -> Option<pkcs8::Result<pkcs8::SecretDocument>> {
        use pkcs8::EncodePrivateKey;
        match self {
            PrivateKey::Rsa(k) => Some(k.to_pkcs8_der()),
            PrivateKey::P256(k) => Some(k.to_pkcs8_der()),
            PrivateKey::P384(k) => Some(k.to_pkcs8_der()),
            PrivateKey::P521(k) => Some(k.to_pkcs8_der()),
            PrivateKey::Ed25519(k) => Some(kty_okp::to_pkcs8_der(k)),
            PrivateKey::Hmac(_) => None,
            PrivateKey::MlDsa(k) => Some(kty_akp::to_pkcs8_document(k)),
        }
    }

    /// Adds the private JWK members (`d`; for RSA also the primes and CRT values).
    fn add_private_members(&self, add: &mut impl FnMut(&str, &[u8])) {
        match self {
            PrivateKey::Rsa(k) => kty_rsa::add_private_members(k, add),
            PrivateKey::P256(k) => add("d", &k.to_bytes()),
            PrivateKey::P384(k) => add("d", &k.to_bytes()),
            PrivateKey::P521(k) => add("d", &k.to_bytes()),
            PrivateKey::Ed25519(k) => add("d", &k.to_bytes()),
            PrivateKey::Hmac(_) => {}
            PrivateKey::MlDsa(k) => kty_akp::add_private_members(k, add),
        }
    }

    /// Signs `input` with `alg`, which fits the key (checked by the caller).
    pub(crate) fn sign<R: CryptoRng + ?Sized>(
        &self,
        alg: Algorithm,
        input: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, JoseError> {
        match self {
            PrivateKey::Rsa(k) => kty_rsa::sign(alg, k, input, rng),
            PrivateKey::P256(k) => kty_ec::sign::<_, p256::ecdsa::Signature>(alg, k, input),
            PrivateKey::P384(k) => kty_ec::sign::<_, p384::ecdsa::Signature>(alg, k, input),
            PrivateKey::P521(k) => kty_ec::sign::<_, p521::ecdsa::Signature>(alg, k, input),
            PrivateKey::Ed25519(k) => kty_okp::sign(alg, k, input),
            PrivateKey::Hmac(secret) => kty_oct::tag(alg, &secret.0, input),
            PrivateKey::MlDsa(k) => kty_akp::sign(k, input, rng),
        }
    }

    /// [`PrivateKey::sign`] for an HMAC secret alone (`None` for any other key): see
    /// [`PublicKey::verify_hmac`].
    pub fn sign_hmac(&self, alg: Algorithm, input: &[u8]) -> Option<Result<Vec<u8>, JoseError>> {
        if let PrivateKey::Hmac(secret) = self {
            Some(kty_oct::tag(alg, &secret.0, input))
        } else {
            None
        }
    }
}

/// A public key of `key_type` from the `subjectPublicKey` bytes of an SPKI.
fn public_from_spki_key(key_type: KeyType, bytes: &[u8]) -> Result<PublicKey, JoseError> {
    match key_type {
        KeyType::Rsa => der::public_from_pkcs1(bytes),
        KeyType::Ec(curve) => components::ec_public(curve, bytes),
        KeyType::Okp(OkpCurve::Ed25519) => components::ed25519_public(bytes),
        KeyType::Oct => Err(der::no_oid_for_secrets()),
        KeyType::Akp(params) => Ok(PublicKey::MlDsa(
            crate::jose::mldsa::MlDsaPublicKey::from_bytes(params, bytes)?,
        )),
    }
}

/// A private key of `key_type` from the `privateKey` bytes of a PKCS#8 `PrivateKeyInfo`, checked
/// against the public key a PKCS#8 v2 file may carry next to it.
fn private_from_pkcs8_key(
    key_type: KeyType,
    bytes: &[u8],
    public: Option<&[u8]>,
) -> Result<PrivateKey, JoseError> {
    match key_type {
        KeyType::Rsa => der::private_from_pkcs1(bytes),
        KeyType::Ec(curve) => der::private_from_sec1(bytes, Some(curve)),
        KeyType::Okp(OkpCurve::Ed25519) => der::ed25519_from_pkcs8(bytes, public),
        KeyType::Oct => Err(der::no_oid_for_secrets()),
        KeyType::Akp(params) => kty_akp::private_from_pkcs8(params, bytes, public),
    }
}

/// The public key (for `oct`: the secret) a JWK of `key_type` describes.
fn public_from_jwk(key_type: KeyType, jwk: &jwk::Jwk<'_>) -> Result<PublicKey, JoseError> {
    match key_type {
        KeyType::Rsa => jwk.rsa_public(),
        KeyType::Ec(curve) => jwk.ec_public(curve),
        KeyType::Okp(OkpCurve::Ed25519) => jwk.ed25519_public(),
        KeyType::Oct => jwk.oct_secret().map(PublicKey::Hmac),
        KeyType::Akp(_) => Ok(PublicKey::MlDsa(
            crate::jose::mldsa::MlDsaPublicKey::from_jwk_members(jwk.members())?,
        )),
    }
}

/// The private key a JWK of `key_type` describes.
fn private_from_jwk(key_type: KeyType, jwk: &jwk::Jwk<'_>) -> Result<PrivateKey, JoseError> {
    match key_type {
        KeyType::Rsa => jwk.rsa_private().map(PrivateKey::Rsa),
        KeyType::Ec(curve) => jwk.ec_private(curve),
        KeyType::Okp(OkpCurve::Ed25519) => jwk.ed25519_private(),
        KeyType::Oct => jwk.oct_secret().map(PrivateKey::Hmac),
        KeyType::Akp(params) => kty_akp::private_from_jwk(params, jwk.members()),
    }
}
