//! ECDSA signature checks shared by the three curves.
//!
//! JWS ECDSA signatures are the fixed-size big-endian r||s (RFC 7518 §3.4), never ASN.1 DER.
//! The shape checks run before the curve library so that the user gets a specific reason
//! (DER instead of r||s, zero scalar) rather than a bare "invalid signature".

use signature::Verifier;

use super::super::error::JoseError;

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

/// Shape and range checks of an ES256 signature, before any curve arithmetic.
pub(super) fn check_p256(sig: &[u8]) -> Result<(), JoseError> {
    check_shape("ES256", sig, 32)?;
    p256::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES256"))
}

/// Shape and range checks of an ES384 signature, before any curve arithmetic.
pub(super) fn check_p384(sig: &[u8]) -> Result<(), JoseError> {
    check_shape("ES384", sig, 48)?;
    p384::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES384"))
}

/// Shape and range checks of an ES512 signature, before any curve arithmetic.
pub(super) fn check_p521(sig: &[u8]) -> Result<(), JoseError> {
    check_shape("ES512", sig, 66)?;
    p521::ecdsa::Signature::from_slice(sig)
        .map(|_| ())
        .map_err(|_| out_of_range("ES512"))
}

fn out_of_range(alg: &'static str) -> JoseError {
    JoseError::EcdsaScalarOutOfRange { alg }
}

/// Length (with a DER hint) and zero-scalar checks; `field_len` is the scalar size in bytes.
pub(crate) fn check_shape(
    alg: &'static str,
    sig: &[u8],
    field_len: usize,
) -> Result<(), JoseError> {
    let expected = 2 * field_len;
    if sig.len() != expected {
        return Err(if looks_like_der(sig) {
            JoseError::EcdsaSignatureIsDer {
                alg,
                got: sig.len(),
                expected,
            }
        } else {
            JoseError::SignatureWrongLength {
                alg,
                got: sig.len(),
                expected,
            }
        });
    }
    let (r, s) = sig.split_at(field_len);
    let zero = |x: &[u8]| x.iter().all(|b| *b == 0);
    match (zero(r), zero(s)) {
        (true, true) => Err(JoseError::EcdsaZeroScalar {
            alg,
            which: "r and s",
        }),
        (true, false) => Err(JoseError::EcdsaZeroScalar { alg, which: "r" }),
        (false, true) => Err(JoseError::EcdsaZeroScalar { alg, which: "s" }),
        (false, false) => Ok(()),
    }
}

/// A DER ECDSA signature is `SEQUENCE { INTEGER r, INTEGER s }`: 0x30, a length covering the
/// rest, then 0x02. Only used to word the error; DER is never accepted.
fn looks_like_der(sig: &[u8]) -> bool {
    let (len, body) = match sig {
        [0x30, 0x81, len, rest @ ..] => (usize::from(*len), rest),
        [0x30, len, rest @ ..] if *len < 0x80 => (usize::from(*len), rest),
        _ => return false,
    };
    len == body.len() && body.first() == Some(&0x02)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_is_recognised_and_rejected() {
        // SEQUENCE(6) { INTEGER 1, INTEGER 1 } padded: a tiny but well-formed DER shape.
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];
        assert!(matches!(
            check_shape("ES256", &der, 32),
            Err(JoseError::EcdsaSignatureIsDer {
                got: 8,
                expected: 64,
                ..
            })
        ));
        assert!(matches!(
            check_shape("ES256", &[1u8; 63], 32),
            Err(JoseError::SignatureWrongLength { got: 63, .. })
        ));
    }

    #[test]
    fn zero_scalars_are_named() {
        let mut sig = [0u8; 64];
        assert!(matches!(
            check_shape("ES256", &sig, 32),
            Err(JoseError::EcdsaZeroScalar {
                which: "r and s",
                ..
            })
        ));
        sig[63] = 1;
        assert!(matches!(
            check_shape("ES256", &sig, 32),
            Err(JoseError::EcdsaZeroScalar { which: "r", .. })
        ));
        sig[0] = 1;
        assert!(check_shape("ES256", &sig, 32).is_ok());
    }
}
