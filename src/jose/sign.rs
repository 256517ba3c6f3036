//! Signing: raw JWS signatures for each algorithm family, and whole compact tokens.
//!
//! ECDSA is deterministic (RFC 6979) and written as fixed-size r||s (RFC 7518 §3.4); RSA-PSS
//! uses a salt as long as the hash (RFC 7518 §3.5); RSA takes the caller's RNG for blinding
//! (and for the PSS salt), so this module never reaches for a global RNG.

use rand_core::CryptoRng;
use serde_json::Value;

use super::algorithm::Algorithm;
use super::base64url;
use super::duplicates::duplicate_members;
use super::error::JoseError;
use super::keys::PrivateKey;
use super::token::parse_alg;
use super::verify::check_header;

/// Signs `signing_input` with `alg`, which must fit the key. Returns the raw signature bytes
/// (for ECDSA the 2×field-size r||s form).
pub fn sign_bytes<R: CryptoRng + ?Sized>(
    alg: Algorithm,
    key: &PrivateKey,
    signing_input: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, JoseError> {
    alg.check_fits(key.key_type())?;
    key.sign(alg, signing_input, rng)
}

/// What signing a header and payload needs, checked: the algorithm, the exact signing input,
/// and the two segments the compact token starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningInput {
    /// The header's `alg`.
    pub alg: Algorithm,
    /// `base64url(header) '.' base64url(payload)`, or with `"b64": false` the payload bytes
    /// themselves after the dot (RFC 7797 §3).
    pub input: Vec<u8>,
    /// `base64url(header)`: the token's first segment.
    pub header_b64: String,
    /// The token's second segment: `base64url(payload)`, or empty with `"b64": false`, whose
    /// payload travels apart from the token (detached, RFC 7515 appendix F), since JSON inside
    /// a compact token would not survive copying.
    pub payload_segment: String,
}

impl SigningInput {
    /// The compact token for `signature` over this input.
    pub fn token(&self, signature: &[u8]) -> String {
        format!(
            "{}.{}.{}",
            self.header_b64,
            self.payload_segment,
            base64url::encode(signature)
        )
    }

    /// Whether the payload travels apart from the token.
    pub fn is_detached(&self) -> bool {
        self.payload_segment.is_empty()
    }
}

/// Checks the header JSON to sign (an object whose `alg` parses and is not `none`, no duplicate
/// members, `crit`/`b64` as [`crate::jose::verify::check_header`] requires) and builds the
/// signing input. Header and payload are encoded byte-for-byte as given (no reformatting), so
/// what the user typed is what gets signed.
pub fn signing_input(header_json: &str, payload: &str) -> Result<SigningInput, JoseError> {
    let header = match serde_json::from_str::<Value>(header_json) {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            return Err(JoseError::InvalidHeaderToSign {
                reason: "it must be an object like {\"alg\":\"HS256\"}".to_owned(),
            });
        }
        Err(e) => {
            return Err(JoseError::InvalidHeaderToSign {
                reason: e.to_string(),
            });
        }
    };
    let alg = parse_alg(&header)?;
    if alg == Algorithm::None {
        return Err(JoseError::AlgNoneNotAllowed);
    }
    check_header(&header, &duplicate_members(header_json))?;
    let header_b64 = base64url::encode(header_json.as_bytes());
    let b64 = header.get("b64") != Some(&Value::Bool(false));
    let payload_segment = if b64 {
        base64url::encode(payload.as_bytes())
    } else {
        String::new()
    };
    let mut input = format!("{header_b64}.").into_bytes();
    if b64 {
        input.extend_from_slice(payload_segment.as_bytes());
    } else {
        input.extend_from_slice(payload.as_bytes());
    }
    Ok(SigningInput {
        alg,
        input,
        header_b64,
        payload_segment,
    })
}

/// Builds a compact JWS from header and payload JSON text, signed with `key` (see
/// [`signing_input`]; with `"b64": false` the token is detached).
pub fn sign_token<R: CryptoRng + ?Sized>(
    header_json: &str,
    payload_json: &str,
    key: &PrivateKey,
    rng: &mut R,
) -> Result<String, JoseError> {
    let input = signing_input(header_json, payload_json)?;
    let signature = sign_bytes(input.alg, key, &input.input, rng)?;
    Ok(input.token(&signature))
}
