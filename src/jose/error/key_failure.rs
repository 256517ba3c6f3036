//! One key's failure among several tried ([`super::JoseError::NoKeyVerified`]): which key, and
//! why it did not verify.

use super::JoseError;

/// One key that did not verify a token, and why ([`JoseError::NoKeyVerified`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFailure {
    /// The key's label, e.g. `JWKS key #2 (kid "abc")`.
    pub key: String,
    /// Why it did not verify.
    pub error: JoseError,
}

impl std::fmt::Display for KeyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.error)
    }
}

impl KeyFailure {
    /// The failures as one line, `; `-separated.
    pub(super) fn join(failures: &[KeyFailure]) -> String {
        failures
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}
