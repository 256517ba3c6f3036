//! Ed25519 keys (`kty: "OKP"`, RFC 8037): EdDSA / Ed25519 signatures with the strict RFC 8032
//! checks, and the Ed25519 parts of export.

use pkcs8::EncodePrivateKey;
use serde_json::{Map, Value};
use signature::Signer;

use super::thumbprint::{b64, object};
use crate::jose::algorithm::Algorithm;
use crate::jose::error::JoseError;
use crate::jose::verify::check_len;

/// The parts of `verify_strict` that are not the verification equation, so that WebCrypto
/// (which does not make them) is only asked after them: the length, R decodes and is not of
/// small order, the key is not of small order, and s is canonical (below the group order).
pub(super) fn precheck(
    alg: Algorithm,
    key: &ed25519_dalek::VerifyingKey,
    signature: &[u8],
) -> Result<(), JoseError> {
    use curve25519_dalek::edwards::CompressedEdwardsY;
    use curve25519_dalek::scalar::Scalar;
    check_len(alg, signature.len(), ed25519_dalek::SIGNATURE_LENGTH)?;
    let (r, s) = signature.split_at(signature.len().min(32));
    let r_ok = <[u8; 32]>::try_from(r)
        .ok()
        .and_then(|r| CompressedEdwardsY(r).decompress())
        .is_some_and(|point| !point.is_small_order());
    let s_ok = <[u8; 32]>::try_from(s)
        .ok()
        .is_some_and(|s| bool::from(Scalar::from_canonical_bytes(s).is_some()));
    if r_ok && s_ok && !key.is_weak() {
        Ok(())
    } else {
        Err(JoseError::SignatureMismatch)
    }
}

/// `verify_strict` also rejects small-order keys and non-canonical R (RFC 8032 §5.1.7).
pub(super) fn verify(
    key: &ed25519_dalek::VerifyingKey,
    input: &[u8],
    signature: &[u8],
) -> Result<(), JoseError> {
    let sig = ed25519_dalek::Signature::from_slice(signature)
        .map_err(|_| JoseError::SignatureMismatch)?;
    key.verify_strict(input, &sig)
        .map_err(|_| JoseError::SignatureMismatch)
}

/// A 64-byte Ed25519 signature.
pub(super) fn sign(
    alg: Algorithm,
    key: &ed25519_dalek::SigningKey,
    input: &[u8],
) -> Result<Vec<u8>, JoseError> {
    let sig: ed25519_dalek::Signature =
        key.try_sign(input).map_err(|e| JoseError::SigningFailed {
            alg: alg.as_str(),
            reason: e.to_string(),
        })?;
    Ok(sig.to_bytes().to_vec())
}

/// `crv`, `kty` and `x` (RFC 8037 section 2).
pub(super) fn members(key: &ed25519_dalek::VerifyingKey) -> Map<String, Value> {
    object([
        ("crv", "Ed25519".into()),
        ("kty", "OKP".into()),
        ("x", b64(key.as_bytes())),
    ])
}

/// Seed only (PKCS#8 v1, RFC 8410), as `openssl genpkey` writes it; ed25519-dalek's own encoder
/// would add the public key (v2), which older tools reject.
pub(super) fn to_pkcs8_der(
    key: &ed25519_dalek::SigningKey,
) -> pkcs8::Result<pkcs8::SecretDocument> {
    ed25519_dalek::ed25519::pkcs8::KeypairBytes {
        secret_key: key.to_bytes(),
        public_key: None,
    }
    .to_pkcs8_der()
}
