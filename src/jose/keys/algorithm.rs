//! The one table that maps key-type identifiers (X.509 / PKCS#8 algorithm OIDs, JWK `kty` and
//! `crv`) to the key types this crate supports, and names the unsupported ones so error messages
//! can say "Ed448" instead of an OID.

use p256::elliptic_curve::pkcs8::AssociatedOid;
use spki::{AlgorithmIdentifierRef, ObjectIdentifier};

use crate::jose::JoseError;

/// The NIST curves usable with ECDSA in JWS (RFC 7518 section 3.4).
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
    /// The JWK `crv` name: "P-256", "P-384" or "P-521".
    pub fn jwk_name(self) -> &'static str {
        match self {
            EcCurve::P256 => "P-256",
            EcCurve::P384 => "P-384",
            EcCurve::P521 => "P-521",
        }
    }

    /// "EC P-256" etc.: the key kind used in error messages and descriptions.
    pub(crate) fn key_kind(self) -> &'static str {
        match self {
            EcCurve::P256 => "EC P-256",
            EcCurve::P384 => "EC P-384",
            EcCurve::P521 => "EC P-521",
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
    /// be encoded (RFC 7518 section 6.2.1.2: the full length, leading zeros kept).
    pub fn field_len(self) -> usize {
        self.bits().div_ceil(8)
    }

    /// The curve named by a JWK `crv` member.
    pub fn from_jwk_name(name: &str) -> Result<Self, JoseError> {
        match name {
            "P-256" => Ok(EcCurve::P256),
            "P-384" => Ok(EcCurve::P384),
            "P-521" => Ok(EcCurve::P521),
            other => Err(JoseError::UnsupportedCurve(format!("\"{other}\""))),
        }
    }

    /// The curve named by a `namedCurve` OID (SPKI / PKCS#8 parameters, SEC1, `EC PARAMETERS`).
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Result<Self, JoseError> {
        if oid == p256::NistP256::OID {
            Ok(EcCurve::P256)
        } else if oid == p384::NistP384::OID {
            Ok(EcCurve::P384)
        } else if oid == p521::NistP521::OID {
            Ok(EcCurve::P521)
        } else {
            Err(JoseError::UnsupportedCurve(describe_oid(oid)))
        }
    }
}

/// The family of a key found in an SPKI or PKCS#8 `AlgorithmIdentifier`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyAlgorithm {
    /// rsaEncryption (or RSASSA-PSS without parameters, which the rsa crate also accepts).
    Rsa,
    /// id-ecPublicKey with a supported named curve.
    Ec(EcCurve),
    /// id-Ed25519.
    Ed25519,
}

/// RSASSA-PSS (RFC 4055): a key restricted to PSS; imported as an ordinary RSA key.
const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";

impl KeyAlgorithm {
    /// Classifies an `AlgorithmIdentifier`; unsupported algorithms and curves get a named error.
    pub(crate) fn from_identifier(alg: &AlgorithmIdentifierRef<'_>) -> Result<Self, JoseError> {
        if alg.oid == pkcs1::ALGORITHM_OID || alg.oid.to_string() == RSASSA_PSS {
            Ok(KeyAlgorithm::Rsa)
        } else if alg.oid == ed25519_dalek::pkcs8::ALGORITHM_OID {
            Ok(KeyAlgorithm::Ed25519)
        } else if alg.oid == p256::elliptic_curve::ALGORITHM_OID {
            let curve = alg.parameters_oid().map_err(|e| JoseError::MalformedDer {
                structure: "EC key algorithm parameters",
                reason: format!("expected a named curve OID ({e})"),
            })?;
            EcCurve::from_oid(curve).map(KeyAlgorithm::Ec)
        } else {
            Err(JoseError::UnsupportedKeyAlgorithm(describe_oid(alg.oid)))
        }
    }
}

/// Well-known OIDs of keys and curves that JWS cannot use, so errors can name them.
const KNOWN_UNSUPPORTED: &[(&str, &str)] = &[
    ("1.3.101.110", "X25519"),
    ("1.3.101.111", "X448"),
    ("1.3.101.113", "Ed448"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.2.840.10046.2.1", "Diffie-Hellman (X9.42)"),
    ("1.2.840.113549.1.3.1", "Diffie-Hellman (PKCS#3)"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10045.3.1.1", "P-192 (prime192v1)"),
    ("1.3.132.0.33", "P-224 (secp224r1)"),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1"),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1"),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1"),
    ("1.2.156.10197.1.301", "SM2"),
];

/// "Ed448 (OID 1.3.101.113)" for a known OID, "OID 1.2.3" otherwise.
pub(crate) fn describe_oid(oid: ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    match KNOWN_UNSUPPORTED.iter().find(|(known, _)| *known == dotted) {
        Some((_, name)) => format!("{name} (OID {dotted})"),
        None => format!("OID {dotted}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_names_round_trip() {
        for curve in [EcCurve::P256, EcCurve::P384, EcCurve::P521] {
            assert_eq!(EcCurve::from_jwk_name(curve.jwk_name()), Ok(curve));
        }
        assert_eq!(EcCurve::P521.field_len(), 66);
    }

    #[test]
    fn unsupported_oids_are_named() {
        let ed448 = ObjectIdentifier::new_unwrap("1.3.101.113");
        assert_eq!(describe_oid(ed448), "Ed448 (OID 1.3.101.113)");
        assert_eq!(
            EcCurve::from_oid(ObjectIdentifier::new_unwrap("1.3.132.0.10")),
            Err(JoseError::UnsupportedCurve(
                "secp256k1 (OID 1.3.132.0.10)".into()
            ))
        );
    }
}
