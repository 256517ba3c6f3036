//! The JWE algorithm vocabulary of RFC 7518: key management (`alg`, section 4) and content
//! encryption (`enc`, section 5), parsed from their exact registered names, and what kind of key
//! each `alg` needs ([`KeyNeed`]), which the page uses for its key prompt.

use super::error::JweError;
use crate::jose::algorithm::hash::HashAlg;

/// An AES key size, shared by the key wraps, GCM and CBC-HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AesSize {
    /// AES-128.
    A128,
    /// AES-192.
    A192,
    /// AES-256.
    A256,
}

impl AesSize {
    /// The AES key length in bytes: 16, 24 or 32.
    pub fn key_len(self) -> usize {
        match self {
            AesSize::A128 => 16,
            AesSize::A192 => 24,
            AesSize::A256 => 32,
        }
    }
}

/// Runs `$body` with `$A` bound to the `aes` cipher type for `$size`: one dispatch point for the
/// three key sizes (the modes are generic over the cipher).
macro_rules! with_aes {
    ($size:expr, $A:ident => $body:expr) => {
        match $size {
            $crate::jose::jwe::alg::AesSize::A128 => {
                type $A = ::aes::Aes128;
                $body
            }
            $crate::jose::jwe::alg::AesSize::A192 => {
                type $A = ::aes::Aes192;
                $body
            }
            $crate::jose::jwe::alg::AesSize::A256 => {
                type $A = ::aes::Aes256;
                $body
            }
        }
    };
}
pub(crate) use with_aes;

/// The OAEP hash of an `RSA-OAEP*` algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OaepHash {
    /// SHA-1 (`RSA-OAEP`).
    Sha1,
    /// A SHA-2 hash (`RSA-OAEP-256`, `-384`, `-512`).
    Sha2(HashAlg),
}

/// A key management algorithm (`alg`, RFC 7518 section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyManagement {
    /// `dir`: the shared symmetric key is the content encryption key.
    Dir,
    /// `RSA-OAEP`, `RSA-OAEP-256`, `RSA-OAEP-384`, `RSA-OAEP-512`.
    RsaOaep(OaepHash),
    /// `RSA1_5`: decryption only (RFC 7518 section 4.2; see RFC 8725 section 3.2).
    Rsa1_5,
    /// `A128KW`, `A192KW`, `A256KW`: AES Key Wrap (RFC 3394).
    AesKw(AesSize),
    /// `A128GCMKW`, `A192GCMKW`, `A256GCMKW`: the CEK encrypted with AES-GCM.
    AesGcmKw(AesSize),
    /// `ECDH-ES` (`None`: the agreed key is the CEK) or `ECDH-ES+A128KW`/`+A192KW`/`+A256KW`.
    EcdhEs(Option<AesSize>),
    /// `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`, `PBES2-HS512+A256KW`.
    Pbes2(AesSize),
}

impl KeyManagement {
    /// Every supported key management algorithm, in the order of RFC 7518 section 4.1.
    pub const ALL: [KeyManagement; 19] = [
        KeyManagement::Rsa1_5,
        KeyManagement::RsaOaep(OaepHash::Sha1),
        KeyManagement::RsaOaep(OaepHash::Sha2(HashAlg::Sha256)),
        KeyManagement::RsaOaep(OaepHash::Sha2(HashAlg::Sha384)),
        KeyManagement::RsaOaep(OaepHash::Sha2(HashAlg::Sha512)),
        KeyManagement::AesKw(AesSize::A128),
        KeyManagement::AesKw(AesSize::A192),
        KeyManagement::AesKw(AesSize::A256),
        KeyManagement::Dir,
        KeyManagement::EcdhEs(None),
        KeyManagement::EcdhEs(Some(AesSize::A128)),
        KeyManagement::EcdhEs(Some(AesSize::A192)),
        KeyManagement::EcdhEs(Some(AesSize::A256)),
        KeyManagement::AesGcmKw(AesSize::A128),
        KeyManagement::AesGcmKw(AesSize::A192),
        KeyManagement::AesGcmKw(AesSize::A256),
        KeyManagement::Pbes2(AesSize::A128),
        KeyManagement::Pbes2(AesSize::A192),
        KeyManagement::Pbes2(AesSize::A256),
    ];

    /// The registered `alg` name.
    pub fn as_str(self) -> &'static str {
        use AesSize::{A128, A192, A256};
        use KeyManagement as K;
        match self {
            K::Dir => "dir",
            K::Rsa1_5 => "RSA1_5",
            K::RsaOaep(OaepHash::Sha1) => "RSA-OAEP",
            K::RsaOaep(OaepHash::Sha2(HashAlg::Sha256)) => "RSA-OAEP-256",
            K::RsaOaep(OaepHash::Sha2(HashAlg::Sha384)) => "RSA-OAEP-384",
            K::RsaOaep(OaepHash::Sha2(HashAlg::Sha512)) => "RSA-OAEP-512",
            K::AesKw(A128) => "A128KW",
            K::AesKw(A192) => "A192KW",
            K::AesKw(A256) => "A256KW",
            K::AesGcmKw(A128) => "A128GCMKW",
            K::AesGcmKw(A192) => "A192GCMKW",
            K::AesGcmKw(A256) => "A256GCMKW",
            K::EcdhEs(None) => "ECDH-ES",
            K::EcdhEs(Some(A128)) => "ECDH-ES+A128KW",
            K::EcdhEs(Some(A192)) => "ECDH-ES+A192KW",
            K::EcdhEs(Some(A256)) => "ECDH-ES+A256KW",
            K::Pbes2(A128) => "PBES2-HS256+A128KW",
            K::Pbes2(A192) => "PBES2-HS384+A192KW",
            K::Pbes2(A256) => "PBES2-HS512+A256KW",
        }
    }

    /// The algorithm an `alg` value names (exact, case-sensitive match).
    pub fn from_name(name: &str) -> Result<Self, JweError> {
        KeyManagement::ALL
            .into_iter()
            .find(|alg| alg.as_str() == name)
            .ok_or_else(|| JweError::UnsupportedAlg(name.to_owned()))
    }

    /// The key this algorithm needs to decrypt (`encrypting: false`) or to encrypt. `enc` fixes
    /// the length of a `dir` key; without it the length is left open.
    pub fn key_need(self, enc: Option<ContentEncryption>, encrypting: bool) -> KeyNeed {
        let (kind, key_types, length) = match self {
            KeyManagement::Dir => (KeyKind::Symmetric, "oct", enc.map(|e| e.key_len())),
            KeyManagement::AesKw(size) | KeyManagement::AesGcmKw(size) => {
                (KeyKind::Symmetric, "oct", Some(size.key_len()))
            }
            KeyManagement::Pbes2(_) => (KeyKind::Password, "password", None),
            KeyManagement::RsaOaep(_) | KeyManagement::Rsa1_5 => {
                (KeyKind::asymmetric(encrypting), "RSA", None)
            }
            KeyManagement::EcdhEs(_) => (
                KeyKind::asymmetric(encrypting),
                "EC (P-256, P-384, P-521) or OKP (X25519)",
                None,
            ),
        };
        KeyNeed {
            kind,
            key_types,
            length,
        }
    }
}

/// What kind of key an algorithm needs, for the page's key prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// A private key (RSA, EC or X25519): decrypting with RSA or ECDH-ES.
    PrivateKey,
    /// A public key: encrypting with RSA or ECDH-ES.
    PublicKey,
    /// Symmetric key bytes (an `oct` JWK or raw bytes): `dir`, `A*KW`, `A*GCMKW`.
    Symmetric,
    /// A password (any bytes, usually UTF-8 text): PBES2.
    Password,
}

impl KeyKind {
    fn asymmetric(encrypting: bool) -> Self {
        if encrypting {
            KeyKind::PublicKey
        } else {
            KeyKind::PrivateKey
        }
    }
}

/// The key an `alg` needs: its kind, the key types that fit, and a required length in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyNeed {
    /// Private, public, symmetric or password.
    pub kind: KeyKind,
    /// The JWK key types that fit, in words ("RSA", "oct", …).
    pub key_types: &'static str,
    /// The exact length in bytes of a symmetric key, when the algorithm fixes it.
    pub length: Option<usize>,
}

/// A content encryption algorithm (`enc`, RFC 7518 section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentEncryption {
    /// `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512` (section 5.2).
    CbcHmac(AesSize),
    /// `A128GCM`, `A192GCM`, `A256GCM` (section 5.3).
    Gcm(AesSize),
}

impl ContentEncryption {
    /// Every supported content encryption algorithm.
    pub const ALL: [ContentEncryption; 6] = [
        ContentEncryption::CbcHmac(AesSize::A128),
        ContentEncryption::CbcHmac(AesSize::A192),
        ContentEncryption::CbcHmac(AesSize::A256),
        ContentEncryption::Gcm(AesSize::A128),
        ContentEncryption::Gcm(AesSize::A192),
        ContentEncryption::Gcm(AesSize::A256),
    ];

    /// The registered `enc` name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentEncryption::CbcHmac(AesSize::A128) => "A128CBC-HS256",
            ContentEncryption::CbcHmac(AesSize::A192) => "A192CBC-HS384",
            ContentEncryption::CbcHmac(AesSize::A256) => "A256CBC-HS512",
            ContentEncryption::Gcm(AesSize::A128) => "A128GCM",
            ContentEncryption::Gcm(AesSize::A192) => "A192GCM",
            ContentEncryption::Gcm(AesSize::A256) => "A256GCM",
        }
    }

    /// The algorithm an `enc` value names (exact, case-sensitive match).
    pub fn from_name(name: &str) -> Result<Self, JweError> {
        ContentEncryption::ALL
            .into_iter()
            .find(|enc| enc.as_str() == name)
            .ok_or_else(|| JweError::UnsupportedEnc(name.to_owned()))
    }

    /// The CEK length in bytes: the AES key for GCM; MAC key plus AES key for CBC-HMAC.
    pub fn key_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(size) => size.key_len(),
            ContentEncryption::CbcHmac(size) => 2 * size.key_len(),
        }
    }

    /// The IV length in bytes: 96 bits for GCM, one AES block for CBC.
    pub fn iv_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(_) => 12,
            ContentEncryption::CbcHmac(_) => 16,
        }
    }

    /// The authentication tag length in bytes: 128 bits for GCM, the truncated HMAC (half the
    /// hash) for CBC-HMAC.
    pub fn tag_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(_) => 16,
            ContentEncryption::CbcHmac(size) => size.key_len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in KeyManagement::ALL {
            assert_eq!(KeyManagement::from_name(alg.as_str()), Ok(alg));
        }
        for enc in ContentEncryption::ALL {
            assert_eq!(ContentEncryption::from_name(enc.as_str()), Ok(enc));
        }
        assert!(KeyManagement::from_name("rsa-oaep").is_err());
        assert!(ContentEncryption::from_name("A128CBC").is_err());
    }

    #[test]
    fn key_needs() {
        let dir =
            KeyManagement::Dir.key_need(Some(ContentEncryption::CbcHmac(AesSize::A256)), false);
        assert_eq!((dir.kind, dir.length), (KeyKind::Symmetric, Some(64)));
        let rsa = KeyManagement::RsaOaep(OaepHash::Sha1);
        assert_eq!(rsa.key_need(None, false).kind, KeyKind::PrivateKey);
        assert_eq!(rsa.key_need(None, true).kind, KeyKind::PublicKey);
        let pbes2 = KeyManagement::Pbes2(AesSize::A128).key_need(None, true);
        assert_eq!(pbes2.kind, KeyKind::Password);
    }
}
