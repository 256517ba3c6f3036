//! The FIPS 204 expanded private key (skEncode: ρ ‖ K ‖ tr ‖ s1 ‖ s2 ‖ t0), the RFC 9881
//! `expandedKey`: checked before and after decoding, since the crate's skDecode trusts its input
//! (FIPS 204: "skDecode should only be run on inputs that come from trusted sources").

use ml_dsa::ExpandedSigningKey;
use zeroize::Zeroizing;

use super::key::{Expanded, Level, check_len, with_key, with_params};
use super::{MlDsaError, MlDsaParams, MlDsaPrivateKey};

/// The message of the pairwise consistency test: any fixed bytes do.
const CONSISTENCY_MESSAGE: &[u8] = b"jwt-debugger ML-DSA expanded key consistency test";

/// A private key from its expanded encoding alone: the η-bound of s1 and s2 is checked first
/// (the crate's decoder asserts it, which would abort the page), then a pairwise consistency
/// test signs and verifies under the public key derived from ρ, s1 and s2. That test catches a
/// `tr` that is not H(pk) and any error in `t0` large enough to make signatures fail; a small
/// `t0` error (RFC 9881's third inconsistent example key) passes, as its signatures do verify:
/// an exact `t0` check needs t = A·s1 + s2, which the `ml-dsa` crate does not expose.
pub(super) fn from_expanded_bytes(
    params: MlDsaParams,
    bytes: &[u8],
) -> Result<MlDsaPrivateKey, MlDsaError> {
    check_len(
        "expanded private key",
        params,
        params.expanded_key_len(),
        bytes.len(),
    )?;
    check_eta_bound(params, bytes)?;
    let key = with_params!(params, decode_expanded(bytes))?;
    let signature = key
        .sign_deterministic(CONSISTENCY_MESSAGE)
        .map_err(|_| inconsistent(params, "it cannot sign"))?;
    key.public_key()
        .verify(CONSISTENCY_MESSAGE, &signature)
        .map_err(|_| {
            inconsistent(
                params,
                "its signatures do not verify under the public key derived from it \
                 (tr or t0 does not match s1 and s2)",
            )
        })?;
    Ok(key)
}

#[allow(deprecated)] // skDecode is deprecated in favour of seeds; expanded keys still exist.
fn decode_expanded<P: Level>(bytes: &[u8]) -> Result<MlDsaPrivateKey, MlDsaError> {
    let encoded = ml_dsa::ExpandedSigningKeyBytes::<P>::try_from(bytes).map_err(|_| {
        MlDsaError::WrongLength {
            what: "expanded private key",
            alg: P::PARAMS.jose_name(),
            expected: P::PARAMS.expanded_key_len(),
            actual: bytes.len(),
        }
    })?;
    Ok(MlDsaPrivateKey::from_expanded_key(
        ExpandedSigningKey::<P>::from_expanded(&encoded),
    ))
}

/// The expanded encoding of a key (for the PKCS#8 writer and the seed consistency check).
pub(super) fn expanded_bytes(key: &MlDsaPrivateKey) -> Zeroizing<Vec<u8>> {
    with_key!(Expanded, key.expanded(), k => encode_expanded(k))
}

#[allow(deprecated)] // skEncode: the only way to write an expanded-only key back out.
fn encode_expanded<P: Level>(key: &ExpandedSigningKey<P>) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(key.to_expanded().to_vec())
}

/// RFC 9881 section 8.2: a key given as both seed and expanded key must expand from the seed to
/// exactly that expanded key; then the seed form is kept.
pub(super) fn from_seed_and_expanded(
    params: MlDsaParams,
    seed: &[u8],
    expanded: &[u8],
) -> Result<MlDsaPrivateKey, MlDsaError> {
    check_len(
        "expanded private key",
        params,
        params.expanded_key_len(),
        expanded.len(),
    )?;
    let key = MlDsaPrivateKey::from_seed(params, seed)?;
    if expanded_bytes(&key).as_slice() != expanded {
        return Err(inconsistent(
            params,
            "the expanded key is not the one its seed expands to",
        ));
    }
    Ok(key)
}

fn inconsistent(params: MlDsaParams, reason: &'static str) -> MlDsaError {
    MlDsaError::InconsistentPrivateKey {
        alg: params.jose_name(),
        reason,
    }
}

/// s1 and s2 pack each coefficient as η − c in 3 bits (η = 2) or 4 bits (η = 4), little-endian
/// (FIPS 204 Algorithm 17 BitPack); a packed value above 2η is outside [−η, η].
fn check_eta_bound(params: MlDsaParams, bytes: &[u8]) -> Result<(), MlDsaError> {
    let (k, l, eta) = params.dimensions();
    let bits: usize = if eta == 2 { 3 } else { 4 };
    let count = (k + l) * 256;
    // ρ (32 bytes), K (32) and tr (64) come first.
    let packed = bytes.get(128..128 + count * bits / 8).unwrap_or_default();
    let out_of_range = (0..count).any(|i| {
        let bit = i * bits;
        let low = packed.get(bit / 8).copied().unwrap_or_default();
        let high = packed.get(bit / 8 + 1).copied().unwrap_or_default();
        let window = u16::from_le_bytes([low, high]) >> (bit % 8);
        window & ((1u16 << bits) - 1) > u16::from(2 * eta)
    });
    if out_of_range {
        Err(inconsistent(
            params,
            "a coefficient of s1 or s2 is outside [-η, η] (FIPS 204 skDecode)",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanded_round_trip_and_checks() {
        for params in MlDsaParams::ALL {
            let key = MlDsaPrivateKey::from_seed(params, &[7; 32]).unwrap();
            let bytes = expanded_bytes(&key);
            let again = from_expanded_bytes(params, &bytes).unwrap();
            assert!(!again.has_seed());
            assert_eq!(again.public_key(), key.public_key());
            assert_eq!(
                again.sign_deterministic(b"m").unwrap(),
                key.sign_deterministic(b"m").unwrap()
            );
            assert!(from_seed_and_expanded(params, &[7; 32], &bytes).is_ok());
            assert!(matches!(
                from_seed_and_expanded(params, &[8; 32], &bytes),
                Err(MlDsaError::InconsistentPrivateKey { .. })
            ));
        }
    }

    #[test]
    fn out_of_range_coefficients_are_refused_not_panicking() {
        let params = MlDsaParams::Ml44;
        let key = MlDsaPrivateKey::from_seed(params, &[7; 32]).unwrap();
        let mut bytes = expanded_bytes(&key).to_vec();
        // The first s1 coefficient packed as 7 (η − c = 7 means c = −5, beyond η = 2).
        bytes[128] |= 0b111;
        assert!(matches!(
            from_expanded_bytes(params, &bytes),
            Err(MlDsaError::InconsistentPrivateKey { .. })
        ));
        let mut bytes = expanded_bytes(&key).to_vec();
        bytes[100] ^= 1; // tr
        assert!(matches!(
            from_expanded_bytes(params, &bytes),
            Err(MlDsaError::InconsistentPrivateKey { .. })
        ));
        assert!(matches!(
            from_expanded_bytes(params, &bytes[1..]),
            Err(MlDsaError::WrongLength { .. })
        ));
    }

    #[test]
    fn eta_four_layout_is_checked_by_nibbles() {
        let params = MlDsaParams::Ml65;
        let key = MlDsaPrivateKey::from_seed(params, &[9; 32]).unwrap();
        let mut bytes = expanded_bytes(&key).to_vec();
        let last_s2 = 128 + (6 + 5) * 128 - 1;
        bytes[last_s2] |= 0xf0;
        assert!(check_eta_bound(params, &bytes).is_err());
        assert!(check_eta_bound(params, &expanded_bytes(&key)).is_ok());
    }
}
