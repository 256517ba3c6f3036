//! Signing: raw JWS signatures for each algorithm family, and whole compact tokens.
//!
//! ECDSA is deterministic (RFC 6979) and written as fixed-size r||s (RFC 7518 §3.4); RSA-PSS
//! uses a salt as long as the hash (RFC 7518 §3.5); RSA takes the caller's RNG for blinding
//! (and for the PSS salt), so this module never reaches for a global RNG.

use rand_core::CryptoRng;
use serde_json::Value;

use super::algorithm::Algorithm;
use super::algorithm::KeyInput;
use super::base64url;
use super::duplicates::duplicate_members;
use super::error::JoseError;
use super::keys::{self, PrivateKey, SecretEncoding};
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

/// Why a header and payload cannot be signed: their text, the key input, or the core's refusal.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The Header editor does not hold JSON.
    #[error("the header is not valid JSON (line {line}, column {column})")]
    HeaderNotJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// The Header editor holds JSON that is not an object.
    #[error("the header must be a JSON object")]
    HeaderNotObject,
    /// The Payload editor does not hold JSON.
    #[error("the payload is not valid JSON (line {line}, column {column})")]
    PayloadNotJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// `alg: "none"`: nothing to sign with.
    #[error("alg \"none\" tokens are unsigned: pick an algorithm to sign")]
    Unsigned,
    /// An HS* header and an empty Secret box.
    #[error("enter a secret to sign with {}", alg.as_str())]
    NoSecret {
        /// The header's algorithm.
        alg: Algorithm,
    },
    /// The Private key box does not read.
    #[error("the private key cannot be read: {0}")]
    PrivateKey(JoseError),
    /// The selectively disclosable claims of an SD-JWT to be cannot be concealed.
    #[error("the selectively disclosable claims: {0}")]
    Disclosures(String),
    /// The core refused the header, the secret, the key for the algorithm, or the signature.
    #[error(transparent)]
    Jose(#[from] JoseError),
}

/// Checks the header and payload texts (JSON, the header an object) and picks the key the
/// header's algorithm needs ([`Algorithm::key_input`]): the secret (HS*) or the private key
/// (others), which must fit the algorithm. Returns the signing input and the key.
pub fn prepare_signing(
    header: &str,
    payload: &str,
    secret: &str,
    secret_encoding: SecretEncoding,
    private_key: &Result<PrivateKey, JoseError>,
) -> Result<(SigningInput, PrivateKey), SignError> {
    match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(_)) => {}
        Ok(_) => return Err(SignError::HeaderNotObject),
        Err(e) => {
            return Err(SignError::HeaderNotJson {
                line: e.line(),
                column: e.column(),
            });
        }
    }
    serde_json::from_str::<serde::de::IgnoredAny>(payload).map_err(|e| {
        SignError::PayloadNotJson {
            line: e.line(),
            column: e.column(),
        }
    })?;
    let input = signing_input(header, payload)?;
    let alg = input.alg;
    let key = match alg.key_input() {
        KeyInput::Unsecured => return Err(SignError::Unsigned),
        KeyInput::SharedSecret if secret.is_empty() => return Err(SignError::NoSecret { alg }),
        KeyInput::SharedSecret => {
            PrivateKey::Hmac(keys::parse_hmac_secret(secret, secret_encoding)?)
        }
        KeyInput::KeyPair => private_key.clone().map_err(SignError::PrivateKey)?,
    };
    alg.check_fits(key.key_type())?;
    Ok((input, key))
}
