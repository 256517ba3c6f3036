//! Compact JWE (RFC 7516 §7.1): the five parts read, the protected header shown, nothing
//! decrypted.

use serde_json::{Map, Value};

use super::parts::{decode_header, decode_part};
use super::{Diagnosis, Part};
use crate::jose::duplicates::duplicate_members;
use crate::jose::error::JoseError;

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

/// Decodes the five parts of a cleaned compact JWE and its protected header.
pub(super) fn decode_jwe(
    compact: &str,
    mut diagnoses: Vec<Diagnosis>,
) -> Result<JweCompact, JoseError> {
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
