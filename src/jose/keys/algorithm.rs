//! The one table that maps X.509 / PKCS#8 algorithm OIDs to the key types this crate supports
//! ([`KeyType`]), and names the unsupported ones so error messages
//! can say "Ed448" instead of an OID.

use spki::{AlgorithmIdentifierRef, ObjectIdentifier};

use crate::jose::JoseError;
pub use crate::jose::key_type::{EcCurve, KeyType, OkpCurve};

/// The curve named by a `namedCurve` OID (SPKI / PKCS#8 parameters, SEC1, `EC PARAMETERS`).
pub(crate) fn curve_from_oid(oid: ObjectIdentifier) -> Result<EcCurve, JoseError> {
    EcCurve::from_oid(oid).ok_or_else(|| JoseError::UnsupportedCurve(describe_oid(oid)))
}

/// RSASSA-PSS (RFC 4055): a key restricted to PSS; imported as an ordinary RSA key.
const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";

/// The key type an SPKI or PKCS#8 `AlgorithmIdentifier` names ([`KeyType::oid`]); unsupported
/// algorithms and curves get a named error.
pub(crate) fn key_type_of(alg: &AlgorithmIdentifierRef<'_>) -> Result<KeyType, JoseError> {
    if alg.oid == p256::elliptic_curve::ALGORITHM_OID {
        let curve = alg.parameters_oid().map_err(|e| JoseError::MalformedDer {
            structure: "EC key algorithm parameters",
            reason: format!("expected a named curve OID ({e})"),
        })?;
        return curve_from_oid(curve).map(KeyType::Ec);
    }
    if alg.oid.to_string() == RSASSA_PSS {
        return Ok(KeyType::Rsa);
    }
    KeyType::ALL
        .into_iter()
        .find(|t| !matches!(t, KeyType::Ec(_)) && t.oid() == Some(alg.oid))
        .ok_or_else(|| JoseError::UnsupportedKeyAlgorithm(describe_oid(alg.oid)))
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
    fn unsupported_oids_are_named() {
        let ed448 = ObjectIdentifier::new_unwrap("1.3.101.113");
        assert_eq!(describe_oid(ed448), "Ed448 (OID 1.3.101.113)");
        assert_eq!(
            curve_from_oid(ObjectIdentifier::new_unwrap("1.3.132.0.10")),
            Err(JoseError::UnsupportedCurve(
                "secp256k1 (OID 1.3.132.0.10)".into()
            ))
        );
    }
}
