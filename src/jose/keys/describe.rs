//! Human descriptions of keys ("RSA 2048-bit public key"), their sizes, and the `Debug` impls,
//! which print those descriptions and never key material.

use std::fmt;

use super::{HmacSecret, PrivateKey, PublicKey};
use crate::jose::key_type::KeyType;

impl PublicKey {
    /// "RSA 2048-bit public key", "EC P-256 public key", "Ed25519 public key",
    /// "HMAC secret (32 bytes)".
    pub fn describe(&self) -> String {
        // A secret is not "public": it is the key itself.
        if self.key_type() == KeyType::Oct {
            self.sized_name()
        } else {
            format!("{} public key", self.sized_name())
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
        if self.key_type() == KeyType::Oct {
            public.sized_name()
        } else {
            format!("{} private key", public.sized_name())
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
