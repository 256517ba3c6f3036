//! How a command fails: the one line on stderr and the exit status.

use jwt_debugger::jose::JoseError;

/// Why a command did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad arguments, or input that cannot be read (a missing file, a token that does not
    /// decode, a key that does not parse): exit 2.
    #[error("error: {0}")]
    Input(String),
    /// The signature did not verify, or there is no verdict (the reason is the core's): exit 1.
    #[error("{0}")]
    NotVerified(String),
    /// A policy rule failed: one line per failed rule (`rule-id: why`), exit 1.
    #[error("{}", .0.join("\n"))]
    Rejected(Vec<String>),
    /// The token did not decrypt (a wrong key or a modified token; one message for every
    /// key-dependent step, so it is no oracle): exit 1.
    #[error("error: {0}")]
    NotDecrypted(String),
}

impl Failure {
    /// The exit status of a usage error (as clap's own).
    pub const USAGE_EXIT: u8 = 2;

    /// The line printed on stderr; for [`Failure::Rejected`], one line per failed rule.
    pub fn line(&self) -> String {
        match self {
            Failure::Rejected(rules) => rules
                .iter()
                .map(|rule| one_line(rule))
                .collect::<Vec<_>>()
                .join("\n"),
            other => one_line(&other.to_string()),
        }
    }

    /// The process exit status.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => Self::USAGE_EXIT,
            Failure::NotVerified(_) | Failure::Rejected(_) | Failure::NotDecrypted(_) => 1,
        }
    }
}

impl From<JoseError> for Failure {
    fn from(e: JoseError) -> Self {
        Failure::Input(e.to_string())
    }
}

/// A reason could hold a line break (a JSON error quoting input): keep it to one line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// A failure reading or writing `path`.
pub fn io_failure(what: &str, path: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::Input(format!("cannot {what} {}: {e}", path.display()))
}
