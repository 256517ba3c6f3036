//! JSON key input: telling a JWK from a JWKS (`{"keys": [...]}`), and taking every usable key
//! of a JWKS while reporting the ones that are skipped.

use serde_json::Value;

use super::PrivateKey;
use super::import::{KeyCandidate, KeySet, SkippedKey};
use super::jwk::{Jwk, json_type};
use crate::jose::JoseError;

/// What a JSON key text holds.
pub(crate) enum JsonKeys {
    /// One JWK.
    Single(Value),
    /// The `keys` array of a JWKS.
    Set(Vec<Value>),
}

/// Parses JSON key text into a JWK or the entries of a JWKS.
pub(crate) fn parse_json(text: &str) -> Result<JsonKeys, JoseError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| JoseError::InvalidJwk(format!("not valid JSON: {e}")))?;
    let Value::Object(mut members) = value else {
        return Err(JoseError::InvalidJwk(format!(
            "expected a JSON object (a JWK, or a JWKS with \"keys\"), found {}",
            json_type(&value)
        )));
    };
    if members.contains_key("kty") {
        return Ok(JsonKeys::Single(Value::Object(members)));
    }
    match members.remove("keys") {
        Some(Value::Array(keys)) => Ok(JsonKeys::Set(keys)),
        Some(other) => Err(JoseError::JwkInvalidMember {
            member: "keys".into(),
            reason: format!("expected an array of JWKs, found {}", json_type(&other)),
        }),
        None => Err(JoseError::InvalidJwk(
            "the object has neither \"kty\" (a JWK) nor \"keys\" (a JWKS)".into(),
        )),
    }
}

/// Position text of a JWKS entry (1-based, as people count).
fn position(index: usize) -> String {
    format!("JWKS key #{index}")
}

/// One JWKS entry as a verification key, or why it cannot be one.
fn entry(value: &Value, index: usize) -> Result<KeyCandidate, (Option<String>, JoseError)> {
    let jwk = Jwk::new(value).map_err(|e| (None, e))?;
    let kid = jwk.optional_str("kid").ok().flatten().map(str::to_owned);
    let fail = |e| (kid.clone(), e);
    jwk.check_signature_use().map_err(fail)?;
    Ok(KeyCandidate {
        kid: kid.clone(),
        alg: jwk.optional_str("alg").map_err(fail)?.map(str::to_owned),
        key: jwk.public_key().map_err(fail)?,
        source: "JWKS key",
        index: Some(index),
    })
}

/// Every usable key of a JWKS; fails with [`JoseError::NoUsableKeys`] when there is none.
pub(crate) fn public_keys(keys: &[Value]) -> Result<KeySet, JoseError> {
    let mut set = KeySet::default();
    for (index, value) in (1..).zip(keys) {
        match entry(value, index) {
            Ok(candidate) => set.keys.push(candidate),
            Err((kid, error)) => set.skipped.push(SkippedKey {
                position: position(index),
                kid,
                error,
            }),
        }
    }
    if !set.keys.is_empty() {
        return Ok(set);
    }
    let skipped = if set.skipped.is_empty() {
        vec!["the \"keys\" array is empty".to_owned()]
    } else {
        set.skipped
            .iter()
            .map(|s| format!("{}: {}", s.position, s.error))
            .collect()
    };
    Err(JoseError::NoUsableKeys { skipped })
}

/// The first private key of a JWKS (a JWKS of private keys is how some tools store them).
pub(crate) fn first_private_key(keys: &[Value]) -> Result<PrivateKey, JoseError> {
    let mut first_error = None;
    for value in keys {
        match Jwk::new(value).and_then(|jwk| jwk.private_key()) {
            Ok(key) => return Ok(key),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| JoseError::NotAPrivateKey {
        found: "an empty JWKS".into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn skips_and_reports_unusable_entries() {
        let keys = vec![
            json!({"kty": "OKP", "crv": "X25519", "kid": "x", "x": "AAAA"}),
            json!("not an object"),
            json!({"kty": "oct", "k": "c2VjcmV0", "kid": "h", "alg": "HS256"}),
            json!({"kty": "oct", "k": "c2VjcmV0", "use": "enc"}),
        ];
        let set = public_keys(&keys).unwrap();
        assert_eq!(set.keys.len(), 1);
        assert_eq!(set.keys[0].label(), "JWKS key #3 (kid \"h\")");
        assert_eq!(set.keys[0].alg.as_deref(), Some("HS256"));
        let positions: Vec<_> = set.skipped.iter().map(|s| s.position.as_str()).collect();
        assert_eq!(positions, ["JWKS key #1", "JWKS key #2", "JWKS key #4"]);
        assert_eq!(set.skipped[0].kid.as_deref(), Some("x"));
    }

    #[test]
    fn empty_or_unusable_sets_fail() {
        let err = public_keys(&[]).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        let err = public_keys(&[json!({"kty": "foo"})]).unwrap_err();
        assert!(
            err.to_string()
                .contains("JWKS key #1: unsupported key algorithm"),
            "{err}"
        );
    }

    #[test]
    fn tells_jwk_from_jwks() {
        assert!(matches!(
            parse_json(r#"{"kty":"oct"}"#),
            Ok(JsonKeys::Single(_))
        ));
        assert!(matches!(parse_json(r#"{"keys":[]}"#), Ok(JsonKeys::Set(_))));
        assert!(matches!(
            parse_json(r#"{"keys":{}}"#),
            Err(JoseError::JwkInvalidMember { .. })
        ));
        assert!(matches!(parse_json("[1]"), Err(JoseError::InvalidJwk(_))));
        assert!(matches!(parse_json("{"), Err(JoseError::InvalidJwk(_))));
    }
}
