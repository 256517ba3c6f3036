//! The one vocabulary for kinds of key, in RFC 7517/7518 terms: the JWK key type (`kty`: `RSA`,
//! `EC`, `OKP`, `oct`, `AKP`) and, for curve keys, the curve (`crv`). Algorithms say which key type
//! they need ([`Algorithm::fits`](crate::jose::Algorithm::fits)), keys say which they are
//! (`PublicKey::key_type`), and the generator's `KeyKind`s are a key type with a size. Every
//! match on it is exhaustive, so a new family fails to compile wherever it is not handled.

use p256::elliptic_curve::pkcs8::AssociatedOid;
use spki::ObjectIdentifier;

use super::error::JoseError;
pub use super::mldsa::MlDsaParams;

/// The NIST curves usable with ECDSA in JWS (RFC 7518 section 3.4), by JWK `crv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EcCurve {
    /// NIST P-256 (secp256r1, prime256v1): ES256.
    P256,
    /// NIST P-384 (secp384r1): ES384.
    P384,
    /// NIST P-521 (secp521r1): ES512.
    P521,
}

impl EcCurve {
    /// Every curve.
    pub const ALL: [EcCurve; 3] = [EcCurve::P256, EcCurve::P384, EcCurve::P521];

    /// The JWK `crv` name: "P-256", "P-384" or "P-521".
    pub fn jwk_name(self) -> &'static str {
        match self {
            EcCurve::P256 => "P-256",
            EcCurve::P384 => "P-384",
            EcCurve::P521 => "P-521",
        }
    }

    /// Size of the group order in bits (521 for P-521, not 528).
    pub fn bits(self) -> usize {
        match self {
            EcCurve::P256 => 256,
            EcCurve::P384 => 384,
            EcCurve::P521 => 521,
        }
    }

    /// Length in bytes of a coordinate and of the private scalar, as JWK `x`, `y` and `d` must
    /// be encoded (RFC 7518 section 6.2.1.2: the full length, leading zeros kept), and of each
    /// half of a JWS ECDSA signature `r || s` (section 3.4).
    pub fn field_len(self) -> usize {
        self.bits().div_ceil(8)
    }

    /// The curve named by a JWK `crv` member.
    pub fn from_jwk_name(name: &str) -> Result<Self, JoseError> {
        EcCurve::ALL
            .into_iter()
            .find(|curve| curve.jwk_name() == name)
            .ok_or_else(|| JoseError::UnsupportedCurve(format!("\"{name}\"")))
    }

    /// The curve a `namedCurve` OID names, if it is one of these.
    pub fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        EcCurve::ALL
            .into_iter()
            .find(|curve| KeyType::Ec(*curve).oid() == Some(oid))
    }
}

/// The curves of octet key pairs (`kty: "OKP"`, RFC 8037) that JWS signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OkpCurve {
    /// Ed25519 (RFC 8032): `EdDSA` and `Ed25519` (RFC 9864).
    Ed25519,
}

impl OkpCurve {
    /// The JWK `crv` name.
    pub fn jwk_name(self) -> &'static str {
        match self {
            OkpCurve::Ed25519 => "Ed25519",
        }
    }
}

/// The type of a key, independent of whether it is the public or private half: its JWK `kty`
/// and curve. Decides whether an algorithm fits a key (the algorithm-confusion defence) and
/// names the key in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `kty: "RSA"`.
    Rsa,
    /// `kty: "EC"` on a NIST curve.
    Ec(EcCurve),
    /// `kty: "OKP"` (RFC 8037).
    Okp(OkpCurve),
    /// `kty: "oct"`: a symmetric secret, the HMAC key of HS*.
    Oct,
    /// `kty: "AKP"` (RFC 9964): an ML-DSA key, whose JWK `alg` names its parameter set.
    Akp(MlDsaParams),
}

impl KeyType {
    /// Every key type, in the order messages list them.
    pub const ALL: [KeyType; 9] = [
        KeyType::Rsa,
        KeyType::Ec(EcCurve::P256),
        KeyType::Ec(EcCurve::P384),
        KeyType::Ec(EcCurve::P521),
        KeyType::Okp(OkpCurve::Ed25519),
        KeyType::Oct,
        KeyType::Akp(MlDsaParams::Ml44),
        KeyType::Akp(MlDsaParams::Ml65),
        KeyType::Akp(MlDsaParams::Ml87),
    ];

    /// The JWK `crv` value, for the key types that have one.
    pub fn crv(self) -> Option<&'static str> {
        match self {
            KeyType::Ec(curve) => Some(curve.jwk_name()),
            KeyType::Okp(curve) => Some(curve.jwk_name()),
            KeyType::Rsa | KeyType::Oct | KeyType::Akp(_) => None,
        }
    }

    /// The OID that names the key type in SPKI and PKCS#8: the algorithm OID, or for EC the
    /// curve's `namedCurve` (all EC keys share the algorithm OID id-ecPublicKey). Secrets have
    /// none.
    pub fn oid(self) -> Option<ObjectIdentifier> {
        match self {
            KeyType::Rsa => Some(pkcs1::ALGORITHM_OID),
            KeyType::Ec(EcCurve::P256) => Some(p256::NistP256::OID),
            KeyType::Ec(EcCurve::P384) => Some(p384::NistP384::OID),
            KeyType::Ec(EcCurve::P521) => Some(p521::NistP521::OID),
            KeyType::Okp(OkpCurve::Ed25519) => Some(ed25519_dalek::pkcs8::ALGORITHM_OID),
            KeyType::Oct => None,
            KeyType::Akp(params) => Some(params.oid()),
        }
    }

    /// The JWK `kty` value.
    pub fn kty(self) -> &'static str {
        match self {
            KeyType::Rsa => "RSA",
            KeyType::Ec(_) => "EC",
            KeyType::Okp(_) => "OKP",
            KeyType::Oct => "oct",
            KeyType::Akp(_) => "AKP",
        }
    }

    /// The short name in descriptions: "RSA", "EC P-256", "Ed25519", "HMAC secret".
    pub fn name(self) -> &'static str {
        match self {
            KeyType::Rsa => "RSA",
            KeyType::Ec(EcCurve::P256) => "EC P-256",
            KeyType::Ec(EcCurve::P384) => "EC P-384",
            KeyType::Ec(EcCurve::P521) => "EC P-521",
            KeyType::Okp(OkpCurve::Ed25519) => "Ed25519",
            KeyType::Oct => "HMAC secret",
            KeyType::Akp(params) => params.jose_name(),
        }
    }

    /// With an article, for error messages: "an RSA key", "a P-256 EC key", "an HMAC secret".
    pub fn describe(self) -> &'static str {
        match self {
            KeyType::Rsa => "an RSA key",
            KeyType::Ec(EcCurve::P256) => "a P-256 EC key",
            KeyType::Ec(EcCurve::P384) => "a P-384 EC key",
            KeyType::Ec(EcCurve::P521) => "a P-521 EC key",
            KeyType::Okp(OkpCurve::Ed25519) => "an Ed25519 key",
            KeyType::Oct => "an HMAC secret",
            KeyType::Akp(MlDsaParams::Ml44) => "an ML-DSA-44 key",
            KeyType::Akp(MlDsaParams::Ml65) => "an ML-DSA-65 key",
            KeyType::Akp(MlDsaParams::Ml87) => "an ML-DSA-87 key",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_names_round_trip() {
        for curve in EcCurve::ALL {
            assert_eq!(EcCurve::from_jwk_name(curve.jwk_name()), Ok(curve));
        }
        assert_eq!(EcCurve::P521.field_len(), 66);
        assert!(EcCurve::from_jwk_name("P-192").is_err());
    }

    #[test]
    fn key_types_use_the_jwk_names() {
        assert_eq!(KeyType::Ec(EcCurve::P384).kty(), "EC");
        assert_eq!(KeyType::Okp(OkpCurve::Ed25519).kty(), "OKP");
        assert_eq!(KeyType::Oct.kty(), "oct");
        assert_eq!(KeyType::Ec(EcCurve::P256).name(), "EC P-256");
    }
}
