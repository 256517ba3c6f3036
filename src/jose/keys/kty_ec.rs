//! EC keys (`kty: "EC"`, P-256/384/521): ES* signatures, their shape checks, and the JWK
//! members.
//!
//! JWS ECDSA signatures are the fixed-size big-endian r||s (RFC 7518 §3.4), never ASN.1 DER.
//! The shape checks run before the curve library so that the user gets a specific reason
//! (DER instead of r||s, zero scalar) rather than a bare "invalid signature".

use serde_json::{Map, Value};
use signature::{SignatureEncoding, Signer, Verifier};

use super::thumbprint::{b64, object};
use crate::jose::algorithm::{Algorithm, EcCurve};
use crate::jose::ecdsa_shape::{EcdsaShape, ecdsa_shape};
use crate::jose::error::JoseError;

/// Signs with RFC 6979 deterministic nonces; the signature comes out as fixed-size r||s.
pub(super) fn sign<S, Sig>(alg: Algorithm, key: &S, input: &[u8]) -> Result<Vec<u8>, JoseError>
where
    S: Signer<Sig>,
    Sig: SignatureEncoding,
{
    key.try_sign(input)
        .map(|sig| sig.to_vec())
        .map_err(|e| JoseError::SigningFailed {
            alg: alg.as_str(),
            reason: e.to_string(),
        })
}

/// `crv`, `kty`, `x` and `y` from an uncompressed SEC1 point, whose coordinates are full-length
/// as RFC 7518 section 6.2.1.2 requires.
pub(super) fn members<S>(curve: EcCurve, point: &sec1::point::EncodedPoint<S>) -> Map<String, Value>
where
    S: sec1::point::ModulusSize,
{
    // A verifying key is never the identity, so both coordinates are always present.
    let coordinate = |c: Option<&[u8]>| b64(c.unwrap_or_default());
    object([
        ("crv", curve.jwk_name().into()),
        ("kty", "EC".into()),
        ("x", coordinate(point.x().map(|x| x.as_slice()))),
        ("y", coordinate(point.y().map(|y| y.as_slice()))),
    ])
}

/// Verifies an ES256 signature.
pub(super) fn verify_p256(
    key: &p256::ecdsa::VerifyingKey,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), JoseError> {
    let sig = p256::ecdsa::Signature::from_slice(sig).map_err(|_| out_of_range("ES256"))?;
    key.verify(msg, &sig)
        .map_err(|_| JoseError::SignatureMismatch)
}

/// Verifies an ES384 signature.
pub(super) fn verify_p384(
    key: &p384::ecdsa::VerifyingKey,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), JoseError> {
    let sig = p384::ecdsa::Signature::from_slice(sig).map_err(|_| out_of_range("ES384"))?;
    key.verify(msg, &sig)
        .map_err(|_| JoseError::SignatureMismatch)
}

/// Verifies an ES512 signature (P-521: 66-byte scalars).
pub(super) fn verify_p521(
    key: &p521::ecdsa::VerifyingKey,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), JoseError> {
    let sig = p521::ecdsa::Signature::from_slice(sig).map_err(|_| out_of_range("ES512"))?;
    key.verify(msg, &sig)
        .map_err(|_| JoseError::SignatureMismatch)
}

/// Shape and range checks of an `alg` signature on P-256, before any curve arithmetic.
pub(super) fn check_p256(alg: Algorithm, sig: &[u8]) -> Result<(), JoseError> {
    check_shape(alg, EcCurve::P256, sig)?;
    p256::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES256"))
}

/// Shape and range checks of an `alg` signature on P-384, before any curve arithmetic.
pub(super) fn check_p384(alg: Algorithm, sig: &[u8]) -> Result<(), JoseError> {
    check_shape(alg, EcCurve::P384, sig)?;
    p384::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES384"))
}

/// Shape and range checks of an `alg` signature on P-521, before any curve arithmetic.
pub(super) fn check_p521(alg: Algorithm, sig: &[u8]) -> Result<(), JoseError> {
    check_shape(alg, EcCurve::P521, sig)?;
    p521::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES512"))
}

fn out_of_range(alg: &'static str) -> JoseError {
    JoseError::EcdsaScalarOutOfRange { alg }
}

/// Length (naming DER when the signature is DER) and zero-scalar checks for the ES* algorithm
/// `es` on `curve`, from the one reading of the signature's shape ([`ecdsa_shape`]), sized by
/// the curve's field length.
pub(crate) fn check_shape(es: Algorithm, curve: EcCurve, sig: &[u8]) -> Result<(), JoseError> {
    let alg = es.as_str();
    let field_len = curve.field_len();
    let shape = ecdsa_shape(sig, field_len);
    let (got, expected) = (sig.len(), 2 * field_len);
    match (shape, shape.zero_scalars()) {
        (EcdsaShape::Der { .. }, _) => Err(JoseError::EcdsaSignatureIsDer { alg, got, expected }),
        (EcdsaShape::WrongLength, _) => Err(JoseError::SignatureWrongLength { alg, got, expected }),
        (EcdsaShape::RawRs { .. }, (true, true)) => Err(JoseError::EcdsaZeroScalar {
            alg,
            which: "r and s",
        }),
        (EcdsaShape::RawRs { .. }, (true, false)) => {
            Err(JoseError::EcdsaZeroScalar { alg, which: "r" })
        }
        (EcdsaShape::RawRs { .. }, (false, true)) => {
            Err(JoseError::EcdsaZeroScalar { alg, which: "s" })
        }
        (EcdsaShape::RawRs { .. }, (false, false)) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_is_recognised_and_rejected() {
        // SEQUENCE(6) { INTEGER 1, INTEGER 1 } padded: a tiny but well-formed DER shape.
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
        assert!(matches!(
            check_shape(Algorithm::ES256, EcCurve::P256, &der),
            Err(JoseError::EcdsaSignatureIsDer {
                got: 8,
                expected: 64,
                ..
            })
        ));
        assert!(matches!(
            check_shape(Algorithm::ES256, EcCurve::P256, &[1u8; 63]),
            Err(JoseError::SignatureWrongLength { got: 63, .. })
        ));
    }

    #[test]
    fn zero_scalars_are_named() {
        let mut sig = [0u8; 64];
        assert!(matches!(
            check_shape(Algorithm::ES256, EcCurve::P256, &sig),
            Err(JoseError::EcdsaZeroScalar {
                which: "r and s",
                ..
            })
        ));
        sig[63] = 1;
        assert!(matches!(
            check_shape(Algorithm::ES256, EcCurve::P256, &sig),
            Err(JoseError::EcdsaZeroScalar { which: "r", .. })
        ));
        sig[0] = 1;
        assert!(check_shape(Algorithm::ES256, EcCurve::P256, &sig).is_ok());
    }
}
