//! Reading key texts for JWE: JWK and JWKS objects (with the `use` and `alg` rules of RFC 7517
//! sections 4.2 and 4.4), `oct` secrets, and single PEM blocks for the X25519 check.

use serde_json::{Map, Value};

use super::error::JweError;
use super::keys::SecretBytes;
use super::x25519::member;
use crate::jose::JoseError;

/// A JWK, or the first entry of a JWKS that `read` accepts (skipping `use: "sig"` keys), among
/// the entries with `kid` if any has it; when none is accepted, the first entry's error.
pub(super) fn for_each_jwk<T>(
    text: &str,
    kid: Option<&str>,
    read: impl Fn(&Map<String, Value>) -> Result<T, JweError>,
) -> Result<T, JweError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| JweError::Key(JoseError::InvalidJwk(e.to_string())))?;
    let not_object = || JweError::Key(JoseError::InvalidJwk("expected a JSON object".into()));
    let object = value.as_object().ok_or_else(not_object)?;
    let Some(keys) = object.get("keys") else {
        return read(object);
    };
    let keys = keys.as_array().ok_or_else(|| {
        JweError::Key(JoseError::InvalidJwk(
            "the JWKS \"keys\" is not an array".into(),
        ))
    })?;
    // With the token's `kid`, the entries that carry it are tried first (only they, when any
    // do): a JWKS usually holds several keys of one kind.
    let has_kid = |entry: &&Value| kid.is_some() && entry.get("kid").and_then(Value::as_str) == kid;
    let matching: Vec<&Value> = keys.iter().filter(has_kid).collect();
    let candidates: Vec<&Value> = if matching.is_empty() {
        keys.iter().collect()
    } else {
        matching
    };
    let mut first_error = None;
    for entry in candidates {
        match entry.as_object().ok_or_else(not_object).and_then(&read) {
            Ok(key) => return Ok(key),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(JweError::Key(JoseError::NoKeys)))
}

/// The JWK's `alg`, after refusing a signature key (`use: "sig"`).
pub(super) fn encryption_jwk_alg(jwk: &Map<String, Value>) -> Result<Option<String>, JweError> {
    if jwk.get("use").and_then(Value::as_str) == Some("sig") {
        return Err(JweError::SignatureKey);
    }
    Ok(jwk.get("alg").and_then(Value::as_str).map(str::to_owned))
}

/// The JWK text handed to the signing keys' import, without `use`: that import refuses
/// `use: "enc"` (a signature must not be checked with an encryption key), which is exactly
/// the use here, and `use: "sig"` was already refused above.
pub(super) fn delegated_jwk(jwk: &Map<String, Value>) -> String {
    let mut jwk = jwk.clone();
    jwk.remove("use");
    Value::Object(jwk).to_string()
}

/// The secret of an `oct` JWK, or `None` for another `kty`.
pub(super) fn oct_secret(jwk: &Map<String, Value>) -> Result<Option<SecretBytes>, JweError> {
    if jwk.get("kty").and_then(Value::as_str) != Some("oct") {
        return Ok(None);
    }
    let k = member(jwk, "k")?.ok_or_else(|| {
        JweError::Key(JoseError::JwkMissingMember {
            kty: "oct".into(),
            member: "k",
        })
    })?;
    Ok(Some(SecretBytes::new(k)))
}

/// The label and DER of a text that is exactly one PEM block.
pub(super) fn single_pem(text: &str) -> Option<(&str, Vec<u8>)> {
    if !text.starts_with("-----BEGIN ") {
        return None;
    }
    der::pem::decode_vec(text.as_bytes()).ok()
}
