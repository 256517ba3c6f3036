//! The ECDH-ES ephemeral public key `epk` (RFC 7518 section 4.6.1.1), read from the header and
//! validated as the recipient must before computing with it: an EC point goes through the curve
//! crates' validated SEC1 decoding, which refuses points off the curve (the invalid-curve
//! attack), and an X25519 key of small order is refused by its all-zero agreement (RFC 7748
//! section 6.1, RFC 8037 section 3.2).
//!
//! [`check`] runs these steps without a key, for the security review of a pasted token, so the
//! review flags exactly the `epk`s that decryption refuses.

use p256::elliptic_curve::PublicKey;
use serde_json::{Map, Value};

use super::error::JweError;
use super::header;
use super::x25519::{X25519PrivateKey, X25519PublicKey, is_x25519_jwk, member};
use crate::jose::keys::EcCurve;

/// The uncompressed SEC1 point `04 || x || y` of an EC `epk` on `curve` (not yet checked to be
/// on it: see [`check_on_curve`]).
pub(super) fn epk_point(epk: &Map<String, Value>, curve: EcCurve) -> Result<Vec<u8>, JweError> {
    let kty = epk.get("kty").and_then(Value::as_str);
    let crv = epk.get("crv").and_then(Value::as_str);
    if kty != Some("EC") || crv != Some(curve.jwk_name()) {
        return Err(JweError::EpkInvalid(format!(
            "it is {} {}, but the key is EC {}",
            kty.unwrap_or("(no kty)"),
            crv.unwrap_or("(no crv)"),
            curve.jwk_name()
        )));
    }
    let mut point = vec![0x04];
    for name in ["x", "y"] {
        let coordinate = member(epk, name)
            .map_err(|e| JweError::EpkInvalid(e.to_string()))?
            .ok_or_else(|| JweError::EpkInvalid(format!("it has no \"{name}\"")))?;
        if coordinate.len() != curve.field_len() {
            return Err(JweError::EpkInvalid(format!(
                "\"{name}\" is {} bytes; {} needs {}",
                coordinate.len(),
                curve.jwk_name(),
                curve.field_len()
            )));
        }
        point.extend(coordinate);
    }
    Ok(point)
}

/// Refuses a point that is not on `curve` (the invalid-curve attack) or is the identity: the
/// curve crates' `from_sec1_bytes` checks the curve equation.
pub(super) fn check_on_curve(curve: EcCurve, point: &[u8]) -> Result<(), JweError> {
    let on_curve = match curve {
        EcCurve::P256 => PublicKey::<p256::NistP256>::from_sec1_bytes(point).is_ok(),
        EcCurve::P384 => PublicKey::<p384::NistP384>::from_sec1_bytes(point).is_ok(),
        EcCurve::P521 => PublicKey::<p521::NistP521>::from_sec1_bytes(point).is_ok(),
    };
    if on_curve {
        Ok(())
    } else {
        Err(JweError::EpkNotOnCurve(curve.jwk_name()))
    }
}

/// The X25519 public key of an OKP `epk` (its order is checked by the agreement itself).
pub(super) fn epk_x25519(epk: &Map<String, Value>) -> Result<X25519PublicKey, JweError> {
    if !is_x25519_jwk(epk) {
        return Err(JweError::EpkInvalid(
            "the key is X25519, but the epk is not an OKP X25519 key".into(),
        ));
    }
    X25519PublicKey::from_jwk(epk).map_err(|e| JweError::EpkInvalid(e.to_string()))
}

/// The header's `epk` checked as decryption checks it, for any recipient key: present, a JWK
/// of a key type and curve ECDH-ES uses, a point on its curve, and for X25519 not of small
/// order. `Ok` for an OKP X448 `epk`, which is valid (RFC 8037) though this tool does not
/// implement it: that is said when decrypting, and is no weakness of the token.
pub(super) fn check(header: &Map<String, Value>) -> Result<(), JweError> {
    let epk = header::epk(header)?;
    let kty = epk.get("kty").and_then(Value::as_str);
    let crv = epk.get("crv").and_then(Value::as_str);
    let curve = match (kty, crv) {
        (Some("EC"), Some("P-256")) => EcCurve::P256,
        (Some("EC"), Some("P-384")) => EcCurve::P384,
        (Some("EC"), Some("P-521")) => EcCurve::P521,
        // The agreement is all zeros exactly when the point has small order, whatever the
        // (clamped) private scalar, so any fixed scalar tells what the recipient's would.
        (Some("OKP"), Some("X25519")) => {
            return X25519PrivateKey::from_bytes([1; 32])
                .agree(&epk_x25519(epk)?)
                .map(drop);
        }
        (Some("OKP"), Some("X448")) => return Ok(()),
        _ => {
            return Err(JweError::EpkInvalid(format!(
                "it is {} {}; ECDH-ES takes an EC key on P-256, P-384 or P-521, or an OKP X25519 key",
                kty.unwrap_or("(no kty)"),
                crv.unwrap_or("(no crv)")
            )));
        }
    };
    check_on_curve(curve, &epk_point(epk, curve)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 7518 appendix C's ephemeral key (Alice's), on P-256.
    const X: &str = "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0";
    const Y: &str = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps";

    fn with_epk(epk: Value) -> Map<String, Value> {
        let header = json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": epk});
        header.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_point_on_the_curve_passes() {
        let header = with_epk(json!({"kty": "EC", "crv": "P-256", "x": X, "y": Y}));
        assert_eq!(check(&header), Ok(()));
    }

    #[test]
    fn a_point_off_the_curve_is_refused() {
        // y changed in its last byte: same length, no longer on P-256.
        let y = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFppo";
        let header = with_epk(json!({"kty": "EC", "crv": "P-256", "x": X, "y": y}));
        assert_eq!(check(&header), Err(JweError::EpkNotOnCurve("P-256")));
    }

    #[test]
    fn malformed_or_foreign_epks_are_refused() {
        for epk in [
            json!({"kty": "EC", "crv": "P-256", "x": X}),
            json!({"kty": "EC", "crv": "P-384", "x": X, "y": Y}),
            json!({"kty": "EC", "crv": "secp256k1", "x": X, "y": Y}),
            json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            json!({"kty": "OKP", "crv": "X25519", "x": "AAAA"}),
            json!("not a JWK"),
        ] {
            assert!(check(&with_epk(epk.clone())).is_err(), "{epk}");
        }
        let mut header = with_epk(Value::Null);
        header.remove("epk");
        assert_eq!(check(&header), Err(JweError::MissingHeader("epk")));
    }

    #[test]
    fn x25519_small_order_is_refused_and_a_real_key_passes() {
        let zero =
            json!({"kty": "OKP", "crv": "X25519", "x": crate::jose::base64url::encode(&[0; 32])});
        assert!(matches!(
            check(&with_epk(zero)),
            Err(JweError::EpkInvalid(_))
        ));
        // RFC 7748 section 6.1: Bob's public key.
        let bob = json!({"kty": "OKP", "crv": "X25519", "x": "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"});
        assert_eq!(check(&with_epk(bob)), Ok(()));
        let x448 = json!({"kty": "OKP", "crv": "X448", "x": "AAAA"});
        assert_eq!(check(&with_epk(x448)), Ok(()));
    }
}
