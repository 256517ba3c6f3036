//! What the key generator offers: the JWS signing keys ([`KeyKind`]) and the JWE encryption
//! keys ([`EncryptionKind`]), together as a [`KeyOffer`], and where each new key comes from
//! ([`KeySource`]).
//!
//! An RSA or EC encryption key is the same key pair as a signing one: PKCS#8 and SPKI do not
//! say what a key is for. So those kinds name the signing kind whose generator makes their key
//! ([`EncryptionKind::pair_kind`]), WebCrypto's or the worker's alike, and only their JWKs
//! differ (`use: "enc"` and a JWE `alg`). X25519 keys are not in the signing family table (they
//! only agree on keys), and AES keys are random bytes like HMAC secrets.

use serde::{Deserialize, Serialize};

use super::KeyKind;
use crate::jose::algorithm::hash::HashAlg;
use crate::jose::jwe::{AesSize, ContentEncryption, KeyManagement, OaepHash};

/// A JWE key the generator offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EncryptionKind {
    /// RSA-OAEP-256 with a 2048-bit RSA key.
    RsaOaep2048,
    /// RSA-OAEP-256 with a 3072-bit RSA key.
    RsaOaep3072,
    /// RSA-OAEP-256 with a 4096-bit RSA key.
    RsaOaep4096,
    /// ECDH-ES on NIST P-256.
    EcdhP256,
    /// ECDH-ES on NIST P-384.
    EcdhP384,
    /// ECDH-ES on NIST P-521.
    EcdhP521,
    /// ECDH-ES on X25519 (RFC 8037).
    X25519,
    /// A 128-bit AES key-wrap secret (A128KW).
    A128Kw,
    /// A 192-bit AES key-wrap secret (A192KW).
    A192Kw,
    /// A 256-bit AES key-wrap secret (A256KW).
    A256Kw,
    /// A 256-bit content encryption key for `dir` with A256GCM.
    DirA256Gcm,
}

impl EncryptionKind {
    /// Every kind, in the order a key-type menu lists them.
    pub const ALL: [EncryptionKind; 11] = [
        EncryptionKind::RsaOaep2048,
        EncryptionKind::RsaOaep3072,
        EncryptionKind::RsaOaep4096,
        EncryptionKind::EcdhP256,
        EncryptionKind::EcdhP384,
        EncryptionKind::EcdhP521,
        EncryptionKind::X25519,
        EncryptionKind::A128Kw,
        EncryptionKind::A192Kw,
        EncryptionKind::A256Kw,
        EncryptionKind::DirA256Gcm,
    ];

    /// A short lowercase name for command lines: "rsa-oaep2048", "ecdh-p256", "x25519",
    /// "a128kw", "dir-a256gcm".
    pub fn id(self) -> &'static str {
        match self {
            EncryptionKind::RsaOaep2048 => "rsa-oaep2048",
            EncryptionKind::RsaOaep3072 => "rsa-oaep3072",
            EncryptionKind::RsaOaep4096 => "rsa-oaep4096",
            EncryptionKind::EcdhP256 => "ecdh-p256",
            EncryptionKind::EcdhP384 => "ecdh-p384",
            EncryptionKind::EcdhP521 => "ecdh-p521",
            EncryptionKind::X25519 => "x25519",
            EncryptionKind::A128Kw => "a128kw",
            EncryptionKind::A192Kw => "a192kw",
            EncryptionKind::A256Kw => "a256kw",
            EncryptionKind::DirA256Gcm => "dir-a256gcm",
        }
    }

    /// The menu label, which names the algorithm: "RSA-OAEP-256 (RSA 2048)", "ECDH-ES P-256",
    /// "X25519 (ECDH-ES)", "A128KW (AES-128 key wrap)", "dir + A256GCM".
    pub fn label(self) -> &'static str {
        match self {
            EncryptionKind::RsaOaep2048 => "RSA-OAEP-256 (RSA 2048)",
            EncryptionKind::RsaOaep3072 => "RSA-OAEP-256 (RSA 3072)",
            EncryptionKind::RsaOaep4096 => "RSA-OAEP-256 (RSA 4096)",
            EncryptionKind::EcdhP256 => "ECDH-ES P-256",
            EncryptionKind::EcdhP384 => "ECDH-ES P-384",
            EncryptionKind::EcdhP521 => "ECDH-ES P-521",
            EncryptionKind::X25519 => "X25519 (ECDH-ES)",
            EncryptionKind::A128Kw => "A128KW (AES-128 key wrap)",
            EncryptionKind::A192Kw => "A192KW (AES-192 key wrap)",
            EncryptionKind::A256Kw => "A256KW (AES-256 key wrap)",
            EncryptionKind::DirA256Gcm => "dir + A256GCM",
        }
    }

    /// The key management algorithm (the header's `alg`) a key of this kind is for.
    pub fn key_management(self) -> KeyManagement {
        match self {
            EncryptionKind::RsaOaep2048
            | EncryptionKind::RsaOaep3072
            | EncryptionKind::RsaOaep4096 => {
                KeyManagement::RsaOaep(OaepHash::Sha2(HashAlg::Sha256))
            }
            EncryptionKind::EcdhP256
            | EncryptionKind::EcdhP384
            | EncryptionKind::EcdhP521
            | EncryptionKind::X25519 => KeyManagement::EcdhEs(None),
            EncryptionKind::A128Kw => KeyManagement::AesKw(AesSize::A128),
            EncryptionKind::A192Kw => KeyManagement::AesKw(AesSize::A192),
            EncryptionKind::A256Kw => KeyManagement::AesKw(AesSize::A256),
            EncryptionKind::DirA256Gcm => KeyManagement::Dir,
        }
    }

    /// The content encryption a `dir` key is the key of; `None` for a key-management key, which
    /// suits every `enc`.
    pub fn content_encryption(self) -> Option<ContentEncryption> {
        match self {
            EncryptionKind::DirA256Gcm => Some(ContentEncryption::Gcm(AesSize::A256)),
            _ => None,
        }
    }

    /// The JWK `alg`: the key management algorithm, or for a `dir` key the `enc` it is the key
    /// of, as RFC 7520 section 5.6 writes it (a bare "dir" would not say which `enc`, and
    /// A128CBC-HS256 takes 32-byte keys too).
    pub fn jwk_alg(self) -> &'static str {
        match self.content_encryption() {
            Some(enc) => enc.as_str(),
            None => self.key_management().as_str(),
        }
    }

    /// The signing kind whose generator makes this kind's key pair (RSA and EC), if any.
    pub fn pair_kind(self) -> Option<KeyKind> {
        match self {
            EncryptionKind::RsaOaep2048 => Some(KeyKind::Rsa2048),
            EncryptionKind::RsaOaep3072 => Some(KeyKind::Rsa3072),
            EncryptionKind::RsaOaep4096 => Some(KeyKind::Rsa4096),
            EncryptionKind::EcdhP256 => Some(KeyKind::P256),
            EncryptionKind::EcdhP384 => Some(KeyKind::P384),
            EncryptionKind::EcdhP521 => Some(KeyKind::P521),
            EncryptionKind::X25519 => None,
            EncryptionKind::A128Kw | EncryptionKind::A192Kw | EncryptionKind::A256Kw => None,
            EncryptionKind::DirA256Gcm => None,
        }
    }

    /// The secret's length in bytes for a symmetric kind: the AES key of the key wrap, or of
    /// the content encryption for `dir`.
    pub fn secret_len(self) -> Option<usize> {
        match (self.key_management(), self.content_encryption()) {
            (KeyManagement::AesKw(size), _) => Some(size.key_len()),
            (KeyManagement::Dir, Some(enc)) => Some(enc.key_len()),
            _ => None,
        }
    }
}

/// Where a new key of a [`KeyOffer`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeySource {
    /// A key pair from the signing generators (WebCrypto, or the Rust engine in the worker).
    Pair(KeyKind),
    /// An X25519 key pair, from the Rust generator.
    X25519,
    /// This many random bytes.
    Secret(usize),
}

/// A key the generator offers: one for signing (JWS) or one for encryption (JWE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyOffer {
    /// A signing key, whose JWK has `use: "sig"`.
    Sign(KeyKind),
    /// An encryption key, whose JWK has `use: "enc"`.
    Encrypt(EncryptionKind),
}

impl KeyOffer {
    /// Every offer: the signing kinds, then the encryption kinds.
    pub fn all() -> impl Iterator<Item = KeyOffer> {
        let sign = KeyKind::ALL.into_iter().map(KeyOffer::Sign);
        sign.chain(EncryptionKind::ALL.into_iter().map(KeyOffer::Encrypt))
    }

    /// The offer with this [`KeyOffer::id`].
    pub fn from_id(id: &str) -> Option<KeyOffer> {
        KeyOffer::all().find(|offer| offer.id() == id)
    }

    /// The offer with this [`KeyOffer::label`].
    pub fn from_label(label: &str) -> Option<KeyOffer> {
        KeyOffer::all().find(|offer| offer.label() == label)
    }

    /// The command-line name ([`KeyKind::id`], [`EncryptionKind::id`]); unique among offers.
    pub fn id(self) -> &'static str {
        match self {
            KeyOffer::Sign(kind) => kind.id(),
            KeyOffer::Encrypt(kind) => kind.id(),
        }
    }

    /// The menu label ([`KeyKind::label`], [`EncryptionKind::label`]); unique among offers.
    pub fn label(self) -> &'static str {
        match self {
            KeyOffer::Sign(kind) => kind.label(),
            KeyOffer::Encrypt(kind) => kind.label(),
        }
    }

    /// The JWK `alg`: the JWS algorithm of a signing key, the JWE one of an encryption key.
    pub fn alg(self) -> &'static str {
        match self {
            KeyOffer::Sign(kind) => kind.default_alg(),
            KeyOffer::Encrypt(kind) => kind.jwk_alg(),
        }
    }

    /// The JWK `use` (RFC 7517 section 4.2): "sig" or "enc".
    pub fn key_use(self) -> &'static str {
        match self {
            KeyOffer::Sign(_) => "sig",
            KeyOffer::Encrypt(_) => "enc",
        }
    }

    /// The encryption kind, for an encryption key.
    pub fn encryption(self) -> Option<EncryptionKind> {
        match self {
            KeyOffer::Sign(_) => None,
            KeyOffer::Encrypt(kind) => Some(kind),
        }
    }

    /// Where a new key of this offer comes from.
    pub fn source(self) -> KeySource {
        let (pair, secret) = match self {
            KeyOffer::Sign(kind) => (Some(kind), kind.secret_len()),
            KeyOffer::Encrypt(kind) => (kind.pair_kind(), kind.secret_len()),
        };
        match (secret, pair) {
            (Some(len), _) => KeySource::Secret(len),
            (None, Some(kind)) => KeySource::Pair(kind),
            (None, None) => KeySource::X25519,
        }
    }

    /// Whether the key is a secret (no public half to publish).
    pub fn is_symmetric(self) -> bool {
        matches!(self.source(), KeySource::Secret(_))
    }
}

impl From<KeyKind> for KeyOffer {
    fn from(kind: KeyKind) -> Self {
        KeyOffer::Sign(kind)
    }
}

impl From<EncryptionKind> for KeyOffer {
    fn from(kind: EncryptionKind) -> Self {
        KeyOffer::Encrypt(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_labels_are_unique_and_read_back() {
        let offers: Vec<KeyOffer> = KeyOffer::all().collect();
        assert_eq!(offers.len(), KeyKind::ALL.len() + EncryptionKind::ALL.len());
        for offer in &offers {
            assert_eq!(KeyOffer::from_id(offer.id()), Some(*offer));
            assert_eq!(KeyOffer::from_label(offer.label()), Some(*offer));
        }
    }

    #[test]
    fn encryption_kinds_name_their_jwe_algorithm_and_source() {
        let rsa = KeyOffer::Encrypt(EncryptionKind::RsaOaep3072);
        assert_eq!((rsa.alg(), rsa.key_use()), ("RSA-OAEP-256", "enc"));
        assert_eq!(rsa.source(), KeySource::Pair(KeyKind::Rsa3072));
        let x = KeyOffer::Encrypt(EncryptionKind::X25519);
        assert_eq!((x.alg(), x.source()), ("ECDH-ES", KeySource::X25519));
        let kw = KeyOffer::Encrypt(EncryptionKind::A192Kw);
        assert_eq!((kw.alg(), kw.source()), ("A192KW", KeySource::Secret(24)));
        let dir = EncryptionKind::DirA256Gcm;
        assert_eq!(dir.key_management(), KeyManagement::Dir);
        assert_eq!((dir.jwk_alg(), dir.secret_len()), ("A256GCM", Some(32)));
        let hs = KeyOffer::Sign(KeyKind::Hmac384);
        assert_eq!((hs.key_use(), hs.source()), ("sig", KeySource::Secret(48)));
    }
}
