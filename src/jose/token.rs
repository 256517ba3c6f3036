//! Decoding pasted tokens for display and verification: [`parse`] gives the [`Token`] sum type
//! (a compact JWS, RFC 7515 §7.1, possibly with detached or unencoded content, RFC 7797; or a
//! compact JWE, RFC 7516 §7.1, read but not decrypted), and [`decode`] the JWS alone.
//!
//! The decoder is tolerant of what people paste (a `Bearer ` prefix, whitespace, line breaks,
//! standard-base64 characters, `=` padding) but never silently: each repair is recorded as a
//! [`Diagnosis`]. It keeps the raw segments and the JSON text exactly as encoded, so the UI
//! shows key order and number spelling as they are, and verification uses the bytes that were
//! actually signed.

mod clean;
mod diagnosis;
mod jwe;
mod parts;

use serde_json::{Map, Value};

pub use self::clean::MAX_TOKEN_LEN;
use self::clean::cleaned;
pub use self::diagnosis::Diagnosis;
pub use self::jwe::JweCompact;
use self::jwe::decode_jwe;
pub use self::parts::Part;
use self::parts::{decode_header, decode_part};
use super::algorithm::Algorithm;
use super::base64url;
use super::duplicates::duplicate_members;
use super::error::JoseError;

/// What the payload bytes turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadKind {
    /// JSON (the usual JWT claims set; not necessarily an object).
    Json,
    /// UTF-8 text that is not JSON.
    Text,
    /// Bytes that are not UTF-8.
    Binary,
}

/// A decoded compact JWS. Nothing here has been verified.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedToken {
    /// The compact token after cleanup (prefix, whitespace removed), exactly what was parsed.
    pub compact: String,
    /// First segment as given (after cleanup).
    pub header_b64: String,
    /// Second segment as given (after cleanup).
    pub payload_b64: String,
    /// Third segment as given (after cleanup); empty for an unsecured token.
    pub signature_b64: String,
    /// The header's JSON text exactly as encoded.
    pub header_json: String,
    /// The header parsed (key order preserved).
    pub header: Map<String, Value>,
    /// The payload bytes.
    pub payload_bytes: Vec<u8>,
    /// The payload as text exactly as encoded (lossy only if it is not UTF-8).
    pub payload_json: String,
    /// The payload parsed as JSON; `Value::Null` unless `payload_kind` is `Json`.
    pub payload: Value,
    /// What the payload is.
    pub payload_kind: PayloadKind,
    /// The signature bytes.
    pub signature: Vec<u8>,
    /// The header `alg`, parsed, or why it could not be (the error carries the raw string).
    pub alg: Result<Algorithm, JoseError>,
    /// What the decoder tolerated, in order.
    pub diagnoses: Vec<Diagnosis>,
    /// Whether the payload is base64url-encoded: false only for a header `"b64": false`
    /// (RFC 7797), where the payload travels and is signed as it is.
    pub b64: bool,
    /// Whether the payload segment is empty: detached content (RFC 7515 appendix F), supplied
    /// apart from the token with [`DecodedToken::attach_payload`]. (An empty payload looks the
    /// same and signs the same as empty detached content.)
    pub detached: bool,
    /// Member names that occur twice in one object of the header (see
    /// [`duplicate_members`]): such a header is never verified.
    pub header_duplicates: Vec<String>,
    /// Member names that occur twice in one object of the payload (a finding).
    pub payload_duplicates: Vec<String>,
}

impl DecodedToken {
    /// The JWS signing input: `header_b64 || '.' || payload_b64` exactly as given, or with
    /// `"b64": false` (RFC 7797 §3) the payload bytes themselves after the dot.
    pub fn signing_input(&self) -> Vec<u8> {
        let mut input = Vec::with_capacity(self.header_b64.len() + 1 + self.payload_bytes.len());
        input.extend_from_slice(self.header_b64.as_bytes());
        input.push(b'.');
        if self.b64 {
            input.extend_from_slice(self.payload_b64.as_bytes());
        } else {
            input.extend_from_slice(&self.payload_bytes);
        }
        input
    }

    /// Supplies the content of a detached token (RFC 7515 appendix F): the payload shown and
    /// verified becomes `content` (base64url-encoded into the signing input unless `b64` is
    /// false). Does nothing to a token whose payload is attached.
    pub fn attach_payload(&mut self, content: &str) {
        if !self.detached {
            return;
        }
        self.diagnoses.retain(|d| {
            !matches!(
                d,
                Diagnosis::PayloadNotJson { .. } | Diagnosis::PayloadNotUtf8
            )
        });
        self.payload_bytes = content.as_bytes().to_vec();
        self.payload_b64 = if self.b64 {
            base64url::encode(content.as_bytes())
        } else {
            String::new()
        };
        let (json, value, kind) = read_payload(&self.payload_bytes, &mut self.diagnoses);
        self.payload_duplicates = duplicates_of(kind, &json);
        (self.payload_json, self.payload, self.payload_kind) = (json, value, kind);
    }

    /// The header `kid`, if it is a string.
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }
}

/// Decodes a pasted token. See the module docs for what is tolerated.
pub fn decode(input: &str) -> Result<DecodedToken, JoseError> {
    let (compact, diagnoses) = cleaned(input)?;
    decode_jws(&compact, diagnoses)
}

/// Decodes a cleaned compact JWS.
fn decode_jws(compact: &str, mut diagnoses: Vec<Diagnosis>) -> Result<DecodedToken, JoseError> {
    let parts: Vec<&str> = compact.split('.').collect();
    let (header_b64, payload_b64, signature_b64) = match parts.as_slice() {
        [h, p, s] => (*h, *p, *s),
        [_, _, _, _, _] => return Err(JoseError::EncryptedJwe),
        other => return Err(JoseError::WrongPartCount { count: other.len() }),
    };
    if header_b64.is_empty() {
        return Err(JoseError::EmptyHeader);
    }

    let (header_json, header) = decode_header(header_b64, &mut diagnoses)?;

    let payload_offset = header_b64.len() + 1;
    let b64 = header.get("b64") != Some(&Value::Bool(false));
    let payload_bytes = if b64 {
        decode_part(Part::Payload, payload_b64, payload_offset, &mut diagnoses)?
    } else {
        // RFC 7797: an unencoded payload is the segment's bytes as they are.
        payload_b64.as_bytes().to_vec()
    };
    let (payload_json, payload, payload_kind) = read_payload(&payload_bytes, &mut diagnoses);
    let header_duplicates = duplicate_members(&header_json);
    let payload_duplicates = duplicates_of(payload_kind, &payload_json);

    let sig_offset = payload_offset + payload_b64.len() + 1;
    let signature = decode_part(Part::Signature, signature_b64, sig_offset, &mut diagnoses)?;
    let alg = parse_alg(&header);

    Ok(DecodedToken {
        header_b64: header_b64.to_owned(),
        payload_b64: payload_b64.to_owned(),
        signature_b64: signature_b64.to_owned(),
        compact: compact.to_owned(),
        header_json,
        header,
        payload_bytes,
        payload_json,
        payload,
        payload_kind,
        signature,
        alg,
        diagnoses,
        b64,
        detached: payload_b64.is_empty(),
        header_duplicates,
        payload_duplicates,
    })
}

/// The payload as JSON text, parsed value and kind; text that is not JSON, or bytes that are
/// not UTF-8, are kept and diagnosed.
fn read_payload(bytes: &[u8], diagnoses: &mut Vec<Diagnosis>) -> (String, Value, PayloadKind) {
    match std::str::from_utf8(bytes) {
        Ok(text) => match serde_json::from_str::<Value>(text) {
            Ok(value) => (text.to_owned(), value, PayloadKind::Json),
            Err(e) => {
                diagnoses.push(Diagnosis::PayloadNotJson {
                    reason: e.to_string(),
                });
                (text.to_owned(), Value::Null, PayloadKind::Text)
            }
        },
        Err(_) => {
            diagnoses.push(Diagnosis::PayloadNotUtf8);
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            (lossy, Value::Null, PayloadKind::Binary)
        }
    }
}

/// Duplicate member names of a JSON payload (none for text or bytes).
fn duplicates_of(kind: PayloadKind, json: &str) -> Vec<String> {
    if kind == PayloadKind::Json {
        duplicate_members(json)
    } else {
        Vec::new()
    }
}

/// A pasted token, its kind decided by the first parse: a signed token (JWS, compact or with
/// detached content) or an encrypted one (JWE).
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// Three parts: a JWS (its payload may be detached, see [`DecodedToken::detached`]).
    Jws(DecodedToken),
    /// Five parts: a JWE, whose header can be read before (and without) decryption.
    Jwe(JweCompact),
    /// An SD-JWT (RFC 9901): a JWS, then `~`-separated disclosures and maybe a Key Binding JWT.
    SdJwt(Box<crate::jose::sdjwt::SdJwtCompact>),
}

impl Token {
    /// The JWS, if this is one.
    pub fn jws(&self) -> Option<&DecodedToken> {
        match self {
            Token::Jws(t) => Some(t),
            Token::Jwe(_) => None,
            // What is signed, verified and reviewed is the Issuer-signed JWT.
            Token::SdJwt(sd) => Some(&sd.issuer),
        }
    }
}

/// Parses a pasted token of any kind (see the module docs for what is tolerated): three parts
/// give a [`Token::Jws`], five a [`Token::Jwe`], and a JWS followed by `~` a [`Token::SdJwt`].
pub fn parse(input: &str) -> Result<Token, JoseError> {
    // No JWS or JWE holds a `~` (base64url has none): it separates an SD-JWT's parts.
    if input.contains('~') {
        return crate::jose::sdjwt::split(input)
            .map(|sd| Token::SdJwt(Box::new(sd)))
            .map_err(|e| JoseError::SdJwtUnreadable {
                reason: Box::new(e),
            });
    }
    // Cleaned once; the part count decides the kind.
    let (compact, diagnoses) = cleaned(input)?;
    if compact.matches('.').count() == 4 {
        decode_jwe(&compact, diagnoses)
            .map(Token::Jwe)
            .map_err(|e| JoseError::JweUnreadable {
                reason: Box::new(e),
            })
    } else {
        decode_jws(&compact, diagnoses).map(Token::Jws)
    }
}

/// Parses the header's `alg` member.
pub fn parse_alg(header: &Map<String, Value>) -> Result<Algorithm, JoseError> {
    match header.get("alg") {
        None => Err(JoseError::MissingAlg),
        Some(Value::String(s)) => s.parse(),
        Some(other) => Err(JoseError::AlgNotString {
            found: other.to_string(),
        }),
    }
}
