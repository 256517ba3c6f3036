//! Human descriptions of keys ("RSA 2048-bit public key"), their sizes, and the `Debug` impls,
//! which print those descriptions and never key material.

use crate::jose::key_type::{EcCurve, KeyType, OkpCurve};
use std::fmt;

use rsa::traits::PublicKeyParts;

use super::{HmacSecret, PrivateKey, PublicKey};

impl PublicKey {
    /// Key size in bits: the RSA modulus length, the curve size (521 for P-521, 256 for
    /// Ed25519), or 8 × the HMAC secret length.
    pub fn bits(&self) -> usize {
        match self {
            PublicKey::Rsa(k) => usize::try_from(k.n().bit_width_vartime()).unwrap_or(usize::MAX),
            PublicKey::P256(_) => EcCurve::P256.bits(),
            PublicKey::P384(_) => EcCurve::P384.bits(),
            PublicKey::P521(_) => EcCurve::P521.bits(),
            PublicKey::Ed25519(_) => 256,
            PublicKey::Hmac(secret) => secret.0.len().saturating_mul(8),
        }
    }

    /// The key type and size without "public"/"private": "RSA 2048-bit", "EC P-256",
    /// "Ed25519", "HMAC secret (32 bytes)". Only RSA and secrets vary in size within a type.
    fn sized_name(&self) -> String {
        match self.key_type() {
            KeyType::Rsa => format!("RSA {}-bit", self.bits()),
            KeyType::Oct => format!("{} ({} bytes)", KeyType::Oct.name(), self.bits() / 8),
            other @ (KeyType::Ec(_) | KeyType::Okp(_)) => other.name().to_owned(),
        }
    }

    /// "RSA 2048-bit public key", "EC P-256 public key", "Ed25519 public key",
    /// "HMAC secret (32 bytes)".
    pub fn describe(&self) -> String {
        match self {
            PublicKey::Hmac(_) => self.sized_name(),
            PublicKey::Rsa(_)
            | PublicKey::P256(_)
            | PublicKey::P384(_)
            | PublicKey::P521(_)
            | PublicKey::Ed25519(_) => format!("{} public key", self.sized_name()),
        }
    }
}

impl PrivateKey {
    /// Key size in bits (see [`PublicKey::bits`]).
    pub fn bits(&self) -> usize {
        self.public_key().bits()
    }

    /// "RSA 2048-bit private key", "EC P-384 private key", "HMAC secret (64 bytes)".
    pub fn describe(&self) -> String {
        let public = self.public_key();
        match self {
            PrivateKey::Hmac(_) => public.sized_name(),
            PrivateKey::Rsa(_)
            | PrivateKey::P256(_)
            | PrivateKey::P384(_)
            | PrivateKey::P521(_)
            | PrivateKey::Ed25519(_) => format!("{} private key", public.sized_name()),
        }
    }
}

impl fmt::Debug for PublicKey {
    /// Type and size only: an HMAC "public" key is a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.describe())
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, redacted)", self.describe())
    }
}

impl fmt::Debug for HmacSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HmacSecret({} bytes, redacted)", self.0.len())
    }
}

impl PublicKey {
    /// The key's type, for the algorithm/key fit check ([`Algorithm::fits`]).
    ///
    /// [`Algorithm::fits`]: crate::jose::Algorithm::fits
    pub fn key_type(&self) -> KeyType {
        match self {
            PublicKey::Rsa(_) => KeyType::Rsa,
            PublicKey::P256(_) => KeyType::Ec(EcCurve::P256),
            PublicKey::P384(_) => KeyType::Ec(EcCurve::P384),
            PublicKey::P521(_) => KeyType::Ec(EcCurve::P521),
            PublicKey::Ed25519(_) => KeyType::Okp(OkpCurve::Ed25519),
            PublicKey::Hmac(_) => KeyType::Oct,
        }
    }
}

impl PrivateKey {
    /// The key's type, for the algorithm/key fit check (see [`PublicKey::key_type`]).
    pub fn key_type(&self) -> KeyType {
        match self {
            PrivateKey::Rsa(_) => KeyType::Rsa,
            PrivateKey::P256(_) => KeyType::Ec(EcCurve::P256),
            PrivateKey::P384(_) => KeyType::Ec(EcCurve::P384),
            PrivateKey::P521(_) => KeyType::Ec(EcCurve::P521),
            PrivateKey::Ed25519(_) => KeyType::Okp(OkpCurve::Ed25519),
            PrivateKey::Hmac(_) => KeyType::Oct,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let secret = HmacSecret(b"hunter2-hunter2".to_vec());
        let private = PrivateKey::Hmac(secret.clone());
        for text in [
            format!("{secret:?}"),
            format!("{private:?}"),
            format!("{:?}", private.public_key()),
        ] {
            assert!(!text.contains("hunter2"), "{text}");
            assert!(!text.contains("104"), "{text}"); // b'h' as a number
            assert!(text.contains("15 bytes"), "{text}");
        }
        assert_eq!(private.describe(), "HMAC secret (15 bytes)");
        assert_eq!(private.bits(), 120);
    }

    #[test]
    fn describes_ed25519() {
        let key = PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&[9; 32]));
        assert_eq!(key.describe(), "Ed25519 private key");
        assert_eq!(key.public_key().describe(), "Ed25519 public key");
        assert_eq!(
            format!("{key:?}"),
            "PrivateKey(Ed25519 private key, redacted)"
        );
    }
}
