//! Key generation from a caller-supplied random number generator (the browser's
//! `crypto.getRandomValues` through `getrandom` in the app, a seeded ChaCha in tests).

use rand_core::CryptoRng;
use rsa::Generate as _;

use super::{HmacSecret, MlDsaKeyPair, PrivateKey};
use crate::jose::JoseError;
use crate::jose::key_type::{EcCurve, KeyType, MlDsaParams, OkpCurve};

/// The keys the generator offers: a [`KeyType`] with a size (the RSA modulus, the secret length).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// RSA, 2048-bit modulus, e = 65537.
    Rsa2048,
    /// RSA, 3072-bit modulus, e = 65537.
    Rsa3072,
    /// RSA, 4096-bit modulus, e = 65537.
    Rsa4096,
    /// ECDSA on NIST P-256.
    P256,
    /// ECDSA on NIST P-384.
    P384,
    /// ECDSA on NIST P-521.
    P521,
    /// Ed25519.
    Ed25519,
    /// A 256-bit HMAC secret (HS256: RFC 7518 wants a key at least as long as the hash).
    Hmac256,
    /// A 384-bit HMAC secret (HS384).
    Hmac384,
    /// A 512-bit HMAC secret (HS512).
    Hmac512,
    /// ML-DSA-44 (FIPS 204, RFC 9964).
    MlDsa44,
    /// ML-DSA-65.
    MlDsa65,
    /// ML-DSA-87.
    MlDsa87,
}

impl KeyKind {
    /// Every kind, in the order a key-type menu lists them.
    pub const ALL: [KeyKind; 13] = [
        KeyKind::Rsa2048,
        KeyKind::Rsa3072,
        KeyKind::Rsa4096,
        KeyKind::P256,
        KeyKind::P384,
        KeyKind::P521,
        KeyKind::Ed25519,
        KeyKind::MlDsa44,
        KeyKind::MlDsa65,
        KeyKind::MlDsa87,
        KeyKind::Hmac256,
        KeyKind::Hmac384,
        KeyKind::Hmac512,
    ];

    /// A short lowercase name for command lines and file names: "rsa2048", "p256", "ed25519",
    /// "hs256" (the HMAC secrets are named after their algorithm).
    pub fn id(self) -> &'static str {
        match self {
            KeyKind::Rsa2048 => "rsa2048",
            KeyKind::Rsa3072 => "rsa3072",
            KeyKind::Rsa4096 => "rsa4096",
            KeyKind::P256 => "p256",
            KeyKind::P384 => "p384",
            KeyKind::P521 => "p521",
            KeyKind::Ed25519 => "ed25519",
            KeyKind::Hmac256 => "hs256",
            KeyKind::Hmac384 => "hs384",
            KeyKind::Hmac512 => "hs512",
            KeyKind::MlDsa44 => "ml-dsa-44",
            KeyKind::MlDsa65 => "ml-dsa-65",
            KeyKind::MlDsa87 => "ml-dsa-87",
        }
    }

    /// The menu label, e.g. "RSA 2048", "EC P-256", "HMAC 256-bit".
    pub fn label(self) -> &'static str {
        match self {
            KeyKind::Rsa2048 => "RSA 2048",
            KeyKind::Rsa3072 => "RSA 3072",
            KeyKind::Rsa4096 => "RSA 4096",
            KeyKind::P256 => "EC P-256",
            KeyKind::P384 => "EC P-384",
            KeyKind::P521 => "EC P-521",
            KeyKind::Ed25519 => "Ed25519",
            KeyKind::Hmac256 => "HMAC 256-bit",
            KeyKind::Hmac384 => "HMAC 384-bit",
            KeyKind::Hmac512 => "HMAC 512-bit",
            KeyKind::MlDsa44 => "ML-DSA-44",
            KeyKind::MlDsa65 => "ML-DSA-65",
            KeyKind::MlDsa87 => "ML-DSA-87",
        }
    }

    /// The JWS algorithm a key of this kind is normally used with.
    pub fn default_alg(self) -> &'static str {
        match self {
            KeyKind::Rsa2048 | KeyKind::Rsa3072 | KeyKind::Rsa4096 => "RS256",
            KeyKind::P256 => "ES256",
            KeyKind::P384 => "ES384",
            KeyKind::P521 => "ES512",
            KeyKind::Ed25519 => "EdDSA",
            KeyKind::Hmac256 => "HS256",
            KeyKind::Hmac384 => "HS384",
            KeyKind::Hmac512 => "HS512",
            KeyKind::MlDsa44 => "ML-DSA-44",
            KeyKind::MlDsa65 => "ML-DSA-65",
            KeyKind::MlDsa87 => "ML-DSA-87",
        }
    }

    /// The type of the keys of this kind.
    pub fn key_type(self) -> KeyType {
        match self {
            KeyKind::Rsa2048 | KeyKind::Rsa3072 | KeyKind::Rsa4096 => KeyType::Rsa,
            KeyKind::P256 => KeyType::Ec(EcCurve::P256),
            KeyKind::P384 => KeyType::Ec(EcCurve::P384),
            KeyKind::P521 => KeyType::Ec(EcCurve::P521),
            KeyKind::Ed25519 => KeyType::Okp(OkpCurve::Ed25519),
            KeyKind::Hmac256 | KeyKind::Hmac384 | KeyKind::Hmac512 => KeyType::Oct,
            KeyKind::MlDsa44 => KeyType::Akp(MlDsaParams::Ml44),
            KeyKind::MlDsa65 => KeyType::Akp(MlDsaParams::Ml65),
            KeyKind::MlDsa87 => KeyType::Akp(MlDsaParams::Ml87),
        }
    }

    /// The modulus size in bits for an RSA kind.
    pub fn rsa_bits(self) -> Option<usize> {
        match self {
            KeyKind::Rsa2048 => Some(2048),
            KeyKind::Rsa3072 => Some(3072),
            KeyKind::Rsa4096 => Some(4096),
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 | KeyKind::Ed25519 => None,
            KeyKind::Hmac256 | KeyKind::Hmac384 | KeyKind::Hmac512 => None,
            KeyKind::MlDsa44 | KeyKind::MlDsa65 | KeyKind::MlDsa87 => None,
        }
    }

    /// The secret's length in bytes for an HMAC kind (as long as the hash, RFC 7518 §3.2).
    pub fn secret_len(self) -> Option<usize> {
        match self {
            KeyKind::Hmac256 => Some(32),
            KeyKind::Hmac384 => Some(48),
            KeyKind::Hmac512 => Some(64),
            KeyKind::Rsa2048 | KeyKind::Rsa3072 | KeyKind::Rsa4096 => None,
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 | KeyKind::Ed25519 => None,
            KeyKind::MlDsa44 | KeyKind::MlDsa65 | KeyKind::MlDsa87 => None,
        }
    }

    /// Whether this kind is symmetric (an HMAC secret, no public half to publish).
    pub fn is_symmetric(self) -> bool {
        matches!(self, KeyKind::Hmac256 | KeyKind::Hmac384 | KeyKind::Hmac512)
    }
}

/// The RSA public exponent F4 = 65537, what OpenSSL and every JOSE library use.
const RSA_EXPONENT: u64 = 65_537;

fn rsa_key<R: CryptoRng + ?Sized>(bits: usize, rng: &mut R) -> Result<PrivateKey, JoseError> {
    rsa::PrivateKey::new_with_exp(rng, bits, RSA_EXPONENT.into())
        .map(PrivateKey::Rsa)
        .map_err(|e| JoseError::KeyGeneration(format!("RSA {bits}: {e}")))
}

/// `len` random bytes: an HMAC secret, or an AES key for JWE.
pub(crate) fn random_secret<R: CryptoRng + ?Sized>(len: usize, rng: &mut R) -> HmacSecret {
    let mut secret = vec![0u8; len];
    rng.fill_bytes(&mut secret);
    HmacSecret(secret)
}

fn hmac_secret<R: CryptoRng + ?Sized>(len: usize, rng: &mut R) -> PrivateKey {
    PrivateKey::Hmac(random_secret(len, rng))
}

/// Generates a new key of `kind` from `rng`. RSA keys take a while (seconds for 4096 bits in
/// a browser), so the app runs this in a worker.
pub fn generate<R: CryptoRng + ?Sized>(
    kind: KeyKind,
    rng: &mut R,
) -> Result<PrivateKey, JoseError> {
    Ok(match kind {
        KeyKind::Rsa2048 | KeyKind::Rsa3072 | KeyKind::Rsa4096 => {
            rsa_key(kind.rsa_bits().unwrap_or(4096), rng)?
        }
        KeyKind::P256 => PrivateKey::P256(p256::ecdsa::SigningKey::generate_from_rng(rng)),
        KeyKind::P384 => PrivateKey::P384(p384::ecdsa::SigningKey::generate_from_rng(rng)),
        KeyKind::P521 => PrivateKey::P521(p521::ecdsa::SigningKey::generate_from_rng(rng)),
        KeyKind::Ed25519 => PrivateKey::Ed25519(ed25519_dalek::SigningKey::generate(rng)),
        KeyKind::Hmac256 | KeyKind::Hmac384 | KeyKind::Hmac512 => {
            hmac_secret(kind.secret_len().unwrap_or(64), rng)
        }
        KeyKind::MlDsa44 | KeyKind::MlDsa65 | KeyKind::MlDsa87 => ml_dsa_key(kind, rng)?,
    })
}

/// A new ML-DSA key pair: a random 32-byte seed, expanded (FIPS 204 ML-DSA.KeyGen).
fn ml_dsa_key<R: CryptoRng + ?Sized>(kind: KeyKind, rng: &mut R) -> Result<PrivateKey, JoseError> {
    let KeyType::Akp(params) = kind.key_type() else {
        return Err(JoseError::KeyGeneration(format!(
            "{} is not an ML-DSA kind",
            kind.label()
        )));
    };
    let key = crate::jose::mldsa::MlDsaPrivateKey::generate(params, rng);
    MlDsaKeyPair::from_key(&key).map(PrivateKey::MlDsa)
}

/// A new HMAC secret of `kind`'s size, or `None` for a key-pair kind. Apart from [`generate`]
/// so that code making only secrets (the page) does not link the RSA prime search.
pub fn generate_secret<R: CryptoRng + ?Sized>(kind: KeyKind, rng: &mut R) -> Option<PrivateKey> {
    kind.secret_len().map(|len| hmac_secret(len, rng))
}
