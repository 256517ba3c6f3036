//! Building keys from their raw components (big-endian integers, SEC1 points, Ed25519 bytes).
//!
//! Both the DER decoders (`der.rs`) and the JWK decoder (`jwk.rs`) end here, so the checks and the
//! error messages for bad key values are the same whichever format the key came in.

use rsa::BoxedUint;
use rsa::traits::PrivateKeyParts;

use super::algorithm::{EcCurve, KeyType};
use super::{PrivateKey, PublicKey};
use crate::jose::JoseError;

/// The components of an RSA private key, as unsigned big-endian byte strings.
pub(crate) struct RsaPrivateParts<'a> {
    /// Modulus `n`.
    pub n: &'a [u8],
    /// Public exponent `e`.
    pub e: &'a [u8],
    /// Private exponent `d`.
    pub d: &'a [u8],
    /// The primes `p` and `q`; `None` lets the rsa crate recover them from `n`, `e` and `d`
    /// (RFC 7518 section 6.3.2 allows a JWK with `d` only).
    pub primes: Option<(&'a [u8], &'a [u8])>,
}

/// Leading zero octets carry no value; DER and some JWK producers add one.
fn trim_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn rsa_error(reason: impl ToString) -> JoseError {
    JoseError::InvalidKeyMaterial {
        kind: "RSA",
        reason: reason.to_string(),
    }
}

/// Decodes one RSA integer at `bits` precision (the modulus size, as the rsa crate's own PKCS#1
/// decoder does, so every component fits the arithmetic it will take part in).
fn rsa_uint(bytes: &[u8], bits: u32, name: &str) -> Result<BoxedUint, JoseError> {
    let bytes = trim_zeros(bytes);
    if bytes.is_empty() {
        return Err(rsa_error(format!("{name} is zero")));
    }
    BoxedUint::from_be_slice(bytes, bits)
        .map_err(|_| rsa_error(format!("{name} is longer than the modulus")))
}

/// Precision in bits for a big-endian byte string (bounded input, so this cannot overflow).
fn bit_precision(bytes: &[u8]) -> Result<u32, JoseError> {
    u32::try_from(trim_zeros(bytes).len().saturating_mul(8))
        .map_err(|_| rsa_error("the integer is too large"))
}

/// The largest RSA modulus accepted, in bits. Real keys stop at 4096 (some 8192); a larger
/// modulus in a pasted key or JWKS is refused before any arithmetic, since private-key checks
/// on a huge modulus would freeze the page.
pub const MAX_RSA_BITS: usize = 8192;

/// The exact size in bits of a big-endian modulus, refused above [`MAX_RSA_BITS`].
fn check_modulus_size(n: &[u8]) -> Result<(), JoseError> {
    let n = trim_zeros(n);
    let leading_bits = n.first().map_or(0, |b| 8 - b.leading_zeros() as usize);
    let bits = n.len().saturating_sub(1).saturating_mul(8) + leading_bits;
    if bits > MAX_RSA_BITS {
        return Err(JoseError::RsaKeyTooLarge {
            bits,
            max: MAX_RSA_BITS,
        });
    }
    Ok(())
}

/// An RSA public key from `n` and `e`; moduli above [`MAX_RSA_BITS`] are refused first, and the
/// rsa crate enforces at least 1024 bits and a sane public exponent.
pub(crate) fn rsa_public(n: &[u8], e: &[u8]) -> Result<rsa::PublicKey, JoseError> {
    check_modulus_size(n)?;
    let n = rsa_uint(n, bit_precision(n)?, "the modulus n")?;
    let e = rsa_uint(e, bit_precision(e)?, "the public exponent e")?;
    rsa::PublicKey::new(n, e).map_err(rsa_error)
}

/// An RSA private key from its components; the rsa crate validates that they fit together.
pub(crate) fn rsa_private(parts: &RsaPrivateParts<'_>) -> Result<rsa::PrivateKey, JoseError> {
    check_modulus_size(parts.n)?;
    let bits = bit_precision(parts.n)?;
    let n = rsa_uint(parts.n, bits, "the modulus n")?;
    let e = rsa_uint(parts.e, bit_precision(parts.e)?, "the public exponent e")?;
    let d = rsa_uint(parts.d, bits, "the private exponent d")?;
    let primes = match parts.primes {
        Some((p, q)) => vec![
            rsa_uint(p, bits, "the prime p")?,
            rsa_uint(q, bits, "the prime q")?,
        ],
        None => Vec::new(),
    };
    rsa::PrivateKey::from_components(n, e, d, primes).map_err(rsa_error)
}

/// The CRT values (`dp`, `dq`, `qi`) of a private key, trimmed big-endian, or `None` for a
/// key without exactly two primes.
pub(crate) fn rsa_crt_values(key: &rsa::PrivateKey) -> Option<[Vec<u8>; 3]> {
    let dp = key.dp()?.to_be_bytes_trimmed_vartime().into_vec();
    let dq = key.dq()?.to_be_bytes_trimmed_vartime().into_vec();
    let qi = key
        .crt_coefficient()?
        .to_be_bytes_trimmed_vartime()
        .into_vec();
    Some([dp, dq, qi])
}

/// An ECDSA public key from a SEC1-encoded point (`04 || x || y`, or compressed).
pub(crate) fn ec_public(curve: EcCurve, point: &[u8]) -> Result<PublicKey, JoseError> {
    let key = match curve {
        EcCurve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map(PublicKey::P256),
        EcCurve::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map(PublicKey::P384),
        EcCurve::P521 => p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map(PublicKey::P521),
    };
    key.map_err(|_| JoseError::InvalidKeyMaterial {
        kind: KeyType::Ec(curve).name(),
        reason: "the public point is not a valid point on the curve".into(),
    })
}

/// An ECDSA private key from its big-endian scalar.
pub(crate) fn ec_private(curve: EcCurve, scalar: &[u8]) -> Result<PrivateKey, JoseError> {
    let key = match curve {
        EcCurve::P256 => p256::ecdsa::SigningKey::from_slice(scalar).map(PrivateKey::P256),
        EcCurve::P384 => p384::ecdsa::SigningKey::from_slice(scalar).map(PrivateKey::P384),
        EcCurve::P521 => p521::ecdsa::SigningKey::from_slice(scalar).map(PrivateKey::P521),
    };
    key.map_err(|_| JoseError::InvalidKeyMaterial {
        kind: KeyType::Ec(curve).name(),
        reason: "the private scalar is zero, too long or not below the curve order".into(),
    })
}

fn ed25519_bytes<'a>(bytes: &'a [u8], what: &str) -> Result<&'a [u8; 32], JoseError> {
    bytes.try_into().map_err(|_| JoseError::InvalidKeyMaterial {
        kind: "Ed25519",
        reason: format!("the {what} must be 32 bytes, found {}", bytes.len()),
    })
}

/// An Ed25519 public key from its 32-byte encoding.
pub(crate) fn ed25519_public(bytes: &[u8]) -> Result<PublicKey, JoseError> {
    let bytes = ed25519_bytes(bytes, "public key")?;
    ed25519_dalek::VerifyingKey::from_bytes(bytes)
        .map(PublicKey::Ed25519)
        .map_err(|_| JoseError::InvalidKeyMaterial {
            kind: "Ed25519",
            reason: "the public key is not a valid curve point".into(),
        })
}

/// An Ed25519 private key from its 32-byte seed.
pub(crate) fn ed25519_private(seed: &[u8]) -> Result<PrivateKey, JoseError> {
    let seed = ed25519_bytes(seed, "private key seed")?;
    Ok(PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(
        seed,
    )))
}

/// Checks that a public key stored next to a private key (SEC1, PKCS#8 v2, JWK) is its public
/// half, so a corrupted or mixed-up file is reported instead of silently signing with a key whose
/// published half differs.
pub(crate) fn check_public_matches(
    private: &PrivateKey,
    stored_public: &PublicKey,
    kind: &'static str,
) -> Result<(), JoseError> {
    if private.public_key() == *stored_public {
        Ok(())
    } else {
        Err(JoseError::InvalidKeyMaterial {
            kind,
            reason: "the public key stored with the private key does not match it".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_zeros_keeps_value() {
        assert_eq!(trim_zeros(&[0, 0, 1, 0]), &[1, 0]);
        assert_eq!(trim_zeros(&[0, 0]), &[] as &[u8]);
    }

    #[test]
    fn rsa_rejects_zero_and_small_moduli() {
        assert!(matches!(
            rsa_public(&[0], &[1, 0, 1]),
            Err(JoseError::InvalidKeyMaterial { kind: "RSA", .. })
        ));
        let small = [0xffu8; 64]; // 512 bits: below the rsa crate's 1024-bit minimum
        assert!(rsa_public(&small, &[1, 0, 1]).is_err());
    }

    #[test]
    fn rsa_moduli_above_8192_bits_are_refused_before_any_arithmetic() {
        // 8192 bits exactly passes the size check (and fails later only for being a fake).
        let mut n = vec![0xffu8; 1024];
        assert!(check_modulus_size(&n).is_ok());
        // One more bit, with a leading zero octet as DER writes it: refused, with the size.
        n.insert(0, 1);
        n.insert(0, 0);
        assert_eq!(
            check_modulus_size(&n),
            Err(JoseError::RsaKeyTooLarge {
                bits: 8193,
                max: 8192
            })
        );
        assert!(matches!(
            rsa_public(&n, &[1, 0, 1]),
            Err(JoseError::RsaKeyTooLarge { bits: 8193, .. })
        ));
        let huge = vec![0xabu8; 64 * 1024]; // a 512 Kibit modulus
        let parts = RsaPrivateParts {
            n: &huge,
            e: &[1, 0, 1],
            d: &huge,
            primes: Some((&huge[..32 * 1024], &huge[32 * 1024..])),
        };
        assert!(matches!(
            rsa_private(&parts),
            Err(JoseError::RsaKeyTooLarge { bits: 524_288, .. })
        ));
    }

    #[test]
    fn ec_rejects_off_curve_point() {
        let mut point = vec![4u8];
        point.extend([1u8; 64]);
        assert!(ec_public(EcCurve::P256, &point).is_err());
        assert!(ec_private(EcCurve::P256, &[0u8; 32]).is_err());
    }

    #[test]
    fn ed25519_checks_length() {
        assert!(ed25519_public(&[0u8; 31]).is_err());
        assert!(ed25519_private(&[7u8; 32]).is_ok());
    }
}
