//! Encode mode: from the Header and Payload editors and the signing key to a new token. Thin
//! glue over the core's `sign_token`; the header's `alg` decides which key input applies.

use serde_json::{Map, Value};

use crate::app::rng::seeded_rng;
use crate::jose::algorithm::Family;
use crate::jose::keys::{self, PrivateKey, SecretEncoding};
use crate::jose::{Algorithm, JoseError, sign, token};

/// A token signed in the page, and the public key that verifies it (none for HMAC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The compact JWS.
    pub token: String,
    /// SPKI PEM of the signing key's public half, to verify with after switching to Decode.
    pub public_key_pem: Option<String>,
}

/// Signs the editors' header and payload with the secret (HS*) or the private key (others).
pub fn sign_editors(
    header: &str,
    payload: &str,
    secret: &str,
    secret_encoding: SecretEncoding,
    private_key: &Result<PrivateKey, JoseError>,
) -> Result<Signed, String> {
    let header_map = match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("the header must be a JSON object".into()),
        Err(e) => {
            return Err(format!(
                "the header is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ));
        }
    };
    serde_json::from_str::<Value>(payload).map_err(|e| {
        format!(
            "the payload is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    let alg = token::parse_alg(&header_map).map_err(|e| e.to_string())?;
    let key = match alg.family() {
        Family::None => {
            return Err("alg \"none\" tokens are unsigned: pick an algorithm to sign".into());
        }
        Family::Hmac if secret.is_empty() => {
            return Err(format!("enter a secret to sign with {}", alg.as_str()));
        }
        Family::Hmac => PrivateKey::Hmac(
            keys::parse_hmac_secret(secret, secret_encoding).map_err(|e| e.to_string())?,
        ),
        _ => match private_key {
            Ok(key) => key.clone(),
            Err(e) => return Err(format!("the private key cannot be read: {e}")),
        },
    };
    let mut rng = seeded_rng().map_err(|e| e.to_string())?;
    let token = sign::sign_token(header, payload, &key, &mut rng).map_err(|e| e.to_string())?;
    let public_key_pem = match &key {
        PrivateKey::Hmac(_) => None,
        other => other.public_key().to_spki_pem().ok(),
    };
    Ok(Signed {
        token,
        public_key_pem,
    })
}

/// The header text with `alg` set to `alg`, other members kept in order; a header that is not
/// a JSON object is replaced by `{"alg": …, "typ": "JWT"}`.
pub fn header_with_alg(header: &str, alg: Algorithm) -> String {
    let mut map = match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(map)) => map,
        _ => {
            let mut map = Map::new();
            map.insert("typ".into(), Value::from("JWT"));
            map
        }
    };
    map.insert("alg".into(), Value::from(alg.as_str()));
    serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_alg_keeps_other_members_and_order() {
        let out = header_with_alg(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k\"}",
            Algorithm::RS256,
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["alg"], "RS256");
        assert_eq!(v["kid"], "k");
        assert!(out.find("typ").unwrap() < out.find("kid").unwrap());
        let fresh: Value =
            serde_json::from_str(&header_with_alg("not json", Algorithm::ES256)).unwrap();
        assert_eq!(fresh["alg"], "ES256");
        assert_eq!(fresh["typ"], "JWT");
    }

    #[test]
    fn hmac_signing_needs_a_secret_and_then_signs() {
        let no_key = Err(JoseError::EmptyToken);
        let header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        let err = sign_editors(header, "{}", "", SecretEncoding::Utf8, &no_key).unwrap_err();
        assert!(err.contains("enter a secret"), "{err}");
        let signed =
            sign_editors(header, "{\"a\":1}", "s3cret", SecretEncoding::Utf8, &no_key).unwrap();
        assert_eq!(signed.token.split('.').count(), 3);
        assert_eq!(signed.public_key_pem, None);
    }
}
