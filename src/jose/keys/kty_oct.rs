//! HMAC secrets (`kty: "oct"`): the HS* tag, its constant-time check, and the JWK members.

use hmac::{KeyInit, Mac};
use serde_json::{Map, Value};
use subtle::ConstantTimeEq;

use super::HmacSecret;
use super::thumbprint::{b64, object};
use crate::jose::algorithm::hash::with_hash;
use crate::jose::algorithm::{Algorithm, KeyType};
use crate::jose::error::JoseError;
use crate::jose::verify::check_len;

/// Computes an HMAC tag; the one HMAC code path, shared by signing and verification.
pub(crate) fn tag(alg: Algorithm, secret: &[u8], msg: &[u8]) -> Result<Vec<u8>, JoseError> {
    let hash = alg.hash().ok_or(JoseError::AlgorithmKeyMismatch {
        alg,
        key: KeyType::Oct,
    })?;
    with_hash!(hash, D => {
        // HMAC accepts keys of any length (RFC 2104 hashes long ones), so this does not fail
        // in practice; short secrets are a findings-panel warning, not an error.
        let mut mac = <hmac::Hmac<D> as KeyInit>::new_from_slice(secret).map_err(|e| {
            JoseError::SigningFailed {
                alg: alg.as_str(),
                reason: e.to_string(),
            }
        })?;
        mac.update(msg);
        Ok(mac.finalize().into_bytes().to_vec())
    })
}

/// The tag has the hash's length.
pub(super) fn precheck(alg: Algorithm, signature: &[u8]) -> Result<(), JoseError> {
    let hash = alg.hash().ok_or(JoseError::AlgorithmKeyMismatch {
        alg,
        key: KeyType::Oct,
    })?;
    check_len(alg, signature.len(), hash.output_len())
}

/// Recomputes the tag and compares in constant time: timing must not reveal how many tag bytes
/// matched.
pub(super) fn verify(
    alg: Algorithm,
    secret: &HmacSecret,
    input: &[u8],
    signature: &[u8],
) -> Result<(), JoseError> {
    let tag = tag(alg, &secret.0, input)?;
    if bool::from(tag.as_slice().ct_eq(signature)) {
        Ok(())
    } else {
        Err(JoseError::SignatureMismatch)
    }
}

/// `k` and `kty`: the secret itself, as an `oct` JWK holds it.
pub(super) fn members(secret: &HmacSecret) -> Map<String, Value> {
    object([("k", b64(&secret.0)), ("kty", "oct".into())])
}
