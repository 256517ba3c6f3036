//! What the decoder noticed and tolerated in a pasted token.

use std::fmt;

use super::Part;

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
