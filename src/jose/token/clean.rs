//! Cleaning pasted text into a compact token: the size bound, a `Bearer ` prefix and
//! whitespace removed, each repair recorded.

use super::Diagnosis;
use crate::jose::error::JoseError;

/// Inputs larger than this are refused before any work: real tokens are a few KiB, and a
/// bound keeps a pasted multi-megabyte blob from freezing the page.
pub const MAX_TOKEN_LEN: usize = 8 * 1024 * 1024;

/// The pasted text bounded, cleaned ([`clean`]) and checked for what is no compact token at all
/// (nothing, or the JSON serialization); the repairs made so far come with it.
pub(super) fn cleaned(input: &str) -> Result<(String, Vec<Diagnosis>), JoseError> {
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
