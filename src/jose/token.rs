//! Decoding pasted tokens for display and verification: [`parse`] gives the [`Token`] sum type
//! (a compact JWS, RFC 7515 §7.1, possibly with detached or unencoded content, RFC 7797; or a
//! compact JWE, RFC 7516 §7.1, read but not decrypted), and [`decode`] the JWS alone.
//!
//! The decoder is tolerant of what people paste (a `Bearer ` prefix, whitespace, line breaks,
//! standard-base64 characters, `=` padding) but never silently: each repair is recorded as a
//! [`Diagnosis`]. It keeps the raw segments and the JSON text exactly as encoded, so the UI
//! shows key order and number spelling as they are, and verification uses the bytes that were
//! actually signed.

use std::fmt;

use serde_json::{Map, Value};

use super::algorithm::Algorithm;
use super::base64url::{self, Base64Error};
use super::duplicates::duplicate_members;
use super::error::JoseError;

/// Inputs larger than this are refused before any work: real tokens are a few KiB, and a
/// bound keeps a pasted multi-megabyte blob from freezing the page.
pub const MAX_TOKEN_LEN: usize = 8 * 1024 * 1024;

/// One of the parts of a compact JWS (header, payload, signature) or JWE (header, encrypted
/// key, IV, ciphertext, tag).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The protected header (first part of both).
    Header,
    /// The JWS payload (second part).
    Payload,
    /// The JWS signature (third part).
    Signature,
    /// The JWE encrypted key (second part; empty for `dir`).
    EncryptedKey,
    /// The JWE initialization vector (third part).
    Iv,
    /// The JWE ciphertext (fourth part).
    Ciphertext,
    /// The JWE authentication tag (fifth part).
    Tag,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::EncryptedKey => "encrypted key",
            Part::Iv => "initialization vector",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "authentication tag",
        })
    }
}

/// Something the decoder noticed and tolerated; shown to the user, never fixed silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// A `Bearer ` prefix (any case) was removed; `prefix` is what was written.
    BearerPrefixRemoved {
        /// The prefix as written, e.g. `"bearer "`.
        prefix: String,
    },
    /// Whitespace before or after the token was removed.
    SurroundingWhitespaceTrimmed,
    /// Spaces or tabs inside the token were removed.
    InternalWhitespaceRemoved {
        /// How many characters were removed.
        count: usize,
    },
    /// Line breaks inside the token were removed (typical of wrapped log lines).
    LineBreaksRemoved {
        /// How many line-break characters were removed.
        count: usize,
    },
    /// `+` or `/` (standard base64) appeared in a part; base64url uses `-` and `_`.
    StandardBase64Chars {
        /// Which part.
        part: Part,
    },
    /// `=` padding appeared in a part; JWS base64url is unpadded.
    Base64Padding {
        /// Which part.
        part: Part,
    },
    /// The payload is valid UTF-8 but not JSON (allowed for JWS, unusual for a JWT).
    PayloadNotJson {
        /// The JSON parser's message.
        reason: String,
    },
    /// The payload is not UTF-8 text; it is shown as bytes.
    PayloadNotUtf8,
}

impl Diagnosis {
    /// A sentence for the user.
    pub fn message(&self) -> String {
        match self {
            Diagnosis::BearerPrefixRemoved { prefix } => {
                format!("removed the \"{}\" prefix", prefix.trim_end())
            }
            Diagnosis::SurroundingWhitespaceTrimmed => {
                "removed whitespace around the token".to_owned()
            }
            Diagnosis::InternalWhitespaceRemoved { count } => {
                format!("removed {count} space/tab character(s) inside the token")
            }
            Diagnosis::LineBreaksRemoved { count } => {
                format!("removed {count} line break(s) inside the token")
            }
            Diagnosis::StandardBase64Chars { part } => {
                format!("standard base64 characters ('+' or '/') found in {part}")
            }
            Diagnosis::Base64Padding { part } => format!("'=' padding found in {part}"),
            Diagnosis::PayloadNotJson { reason } => format!("payload is not JSON: {reason}"),
            Diagnosis::PayloadNotUtf8 => "payload is not UTF-8 text".to_owned(),
        }
    }

    /// Whether this repair changed the token text itself (not just a wrapper around it). A
    /// strict JWS verifier would reject such a token even if the signature matches.
    pub fn alters_token(&self) -> bool {
        matches!(
            self,
            Diagnosis::InternalWhitespaceRemoved { .. }
                | Diagnosis::LineBreaksRemoved { .. }
                | Diagnosis::StandardBase64Chars { .. }
                | Diagnosis::Base64Padding { .. }
        )
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

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

/// The pasted text bounded, cleaned ([`clean`]) and checked for what is no compact token at all
/// (nothing, or the JSON serialization); the repairs made so far come with it.
fn cleaned(input: &str) -> Result<(String, Vec<Diagnosis>), JoseError> {
    if input.len() > MAX_TOKEN_LEN {
        return Err(JoseError::TokenTooLarge {
            len: input.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    let mut diagnoses = Vec::new();
    let compact = clean(input, &mut diagnoses);
    if compact.is_empty() {
        return Err(JoseError::EmptyToken);
    }
    if compact.starts_with('{') {
        return Err(JoseError::JsonSerialization);
    }
    Ok((compact, diagnoses))
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

/// A compact JWE (RFC 7516 §7.1): five parts, decoded but not decrypted. Nothing here has
/// been authenticated.
#[derive(Clone, Debug, PartialEq)]
pub struct JweCompact {
    /// The compact token after cleanup, exactly what was parsed.
    pub compact: String,
    /// The protected header segment as given (it is the AAD of the encryption).
    pub header_b64: String,
    /// The protected header's JSON text exactly as encoded.
    pub header_json: String,
    /// The protected header parsed (key order preserved).
    pub header: Map<String, Value>,
    /// The encrypted content key (empty for `dir` and `ECDH-ES`).
    pub encrypted_key: Vec<u8>,
    /// The initialization vector.
    pub iv: Vec<u8>,
    /// The ciphertext.
    pub ciphertext: Vec<u8>,
    /// The authentication tag.
    pub tag: Vec<u8>,
    /// Member names that occur twice in one object of the header.
    pub header_duplicates: Vec<String>,
    /// What the decoder tolerated, in order.
    pub diagnoses: Vec<Diagnosis>,
}

impl JweCompact {
    /// The key management algorithm (`alg`), if it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(Value::as_str)
    }

    /// The content encryption algorithm (`enc`), if it is a string.
    pub fn enc(&self) -> Option<&str> {
        self.header.get("enc").and_then(Value::as_str)
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
}

impl Token {
    /// The JWS, if this is one.
    pub fn jws(&self) -> Option<&DecodedToken> {
        match self {
            Token::Jws(t) => Some(t),
            Token::Jwe(_) => None,
        }
    }
}

/// Parses a pasted token of any kind (see the module docs for what is tolerated): three parts
/// give a [`Token::Jws`], five a [`Token::Jwe`].
pub fn parse(input: &str) -> Result<Token, JoseError> {
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

/// Decodes the five parts of a cleaned compact JWE and its protected header.
fn decode_jwe(compact: &str, mut diagnoses: Vec<Diagnosis>) -> Result<JweCompact, JoseError> {
    let parts: Vec<&str> = compact.split('.').collect();
    let [header_b64, key, iv, ciphertext, tag] = parts.as_slice() else {
        return Err(JoseError::WrongPartCount { count: parts.len() });
    };
    if header_b64.is_empty() {
        return Err(JoseError::EmptyHeader);
    }
    let (header_json, header) = decode_header(header_b64, &mut diagnoses)?;
    let mut offset = header_b64.len() + 1;
    let mut next = |part: Part, text: &str, diagnoses: &mut Vec<Diagnosis>| {
        let bytes = decode_part(part, text, offset, diagnoses);
        offset += text.len() + 1;
        bytes
    };
    let encrypted_key = next(Part::EncryptedKey, key, &mut diagnoses)?;
    let iv = next(Part::Iv, iv, &mut diagnoses)?;
    let ciphertext = next(Part::Ciphertext, ciphertext, &mut diagnoses)?;
    let tag = next(Part::Tag, tag, &mut diagnoses)?;
    Ok(JweCompact {
        header_b64: (*header_b64).to_owned(),
        header_duplicates: duplicate_members(&header_json),
        compact: compact.to_owned(),
        header_json,
        header,
        encrypted_key,
        iv,
        ciphertext,
        tag,
        diagnoses,
    })
}

/// The protected header segment decoded: its JSON text and the object it holds.
fn decode_header(
    header_b64: &str,
    diagnoses: &mut Vec<Diagnosis>,
) -> Result<(String, Map<String, Value>), JoseError> {
    let header_bytes = decode_part(Part::Header, header_b64, 0, diagnoses)?;
    let header_json = String::from_utf8(header_bytes).map_err(|e| JoseError::InvalidUtf8 {
        part: Part::Header,
        offset: e.utf8_error().valid_up_to(),
    })?;
    match serde_json::from_str::<Value>(&header_json) {
        Ok(Value::Object(map)) => Ok((header_json, map)),
        Ok(_) => Err(JoseError::HeaderNotObject),
        Err(e) => Err(json_error(Part::Header, &e)),
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

/// Strips a `Bearer ` prefix and whitespace, recording each as a diagnosis.
fn clean(input: &str, diagnoses: &mut Vec<Diagnosis>) -> String {
    let mut rest = input.trim();
    if rest.len() != input.len() {
        diagnoses.push(Diagnosis::SurroundingWhitespaceTrimmed);
    }
    if let Some(word) = rest.get(..6)
        && word.eq_ignore_ascii_case("bearer")
        && let Some(after) = rest.get(6..)
        && after.starts_with(char::is_whitespace)
    {
        let token = after.trim_start();
        let prefix_len = rest.len() - token.len();
        diagnoses.push(Diagnosis::BearerPrefixRemoved {
            prefix: rest.get(..prefix_len).unwrap_or_default().to_owned(),
        });
        rest = token;
    }
    let mut line_breaks = 0;
    let mut spaces = 0;
    let cleaned: String = rest
        .chars()
        .filter(|c| match c {
            '\n' | '\r' => {
                line_breaks += 1;
                false
            }
            c if c.is_whitespace() => {
                spaces += 1;
                false
            }
            _ => true,
        })
        .collect();
    if spaces > 0 {
        diagnoses.push(Diagnosis::InternalWhitespaceRemoved { count: spaces });
    }
    if line_breaks > 0 {
        diagnoses.push(Diagnosis::LineBreaksRemoved { count: line_breaks });
    }
    cleaned
}

/// Decodes one segment leniently; `base` is the segment's offset within the cleaned token.
fn decode_part(
    part: Part,
    text: &str,
    base: usize,
    diagnoses: &mut Vec<Diagnosis>,
) -> Result<Vec<u8>, JoseError> {
    let decoded = base64url::decode_lenient(text).map_err(|Base64Error { offset, reason }| {
        JoseError::InvalidBase64 {
            part,
            offset,
            token_offset: base + offset,
            reason,
        }
    })?;
    if decoded.standard_chars {
        diagnoses.push(Diagnosis::StandardBase64Chars { part });
    }
    if decoded.padding {
        diagnoses.push(Diagnosis::Base64Padding { part });
    }
    Ok(decoded.bytes)
}

fn json_error(part: Part, e: &serde_json::Error) -> JoseError {
    JoseError::InvalidJson {
        part,
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    }
}
