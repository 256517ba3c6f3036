//! The parts of a compact token and how each segment is decoded: leniently, with every repair
//! recorded as a [`Diagnosis`], and with errors that say which part and which byte.

use std::fmt;

use serde_json::{Map, Value};

use super::Diagnosis;
use crate::jose::base64url::{self, Base64Error};
use crate::jose::error::JoseError;

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

/// The protected header segment decoded: its JSON text and the object it holds.
pub(super) fn decode_header(
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

/// Decodes one segment leniently; `base` is the segment's offset within the cleaned token.
pub(super) fn decode_part(
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

/// A JSON parse error of `part`, with the line and column the parser stopped at.
fn json_error(part: Part, e: &serde_json::Error) -> JoseError {
    JoseError::InvalidJson {
        part,
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    }
}
