//! The Verify pane's notes around the verdict (the verdict itself is the core's
//! [`crate::jose::verdict`]): which key was understood, and the time validity.

use crate::jose::algorithm::KeyInput;
use crate::jose::keys::{self, KeyCandidate};
pub use crate::jose::verdict::{KeyInputs, SignatureStatus};
use crate::jose::{Algorithm, JoseError};

/// The CSS class that colours a status.
pub fn status_class(status: &SignatureStatus) -> &'static str {
    match status {
        SignatureStatus::Verified(_) => "status-ok",
        SignatureStatus::Invalid(_) => "status-bad",
        SignatureStatus::NotVerified(_) | SignatureStatus::Checking => "status-neutral",
    }
}

/// A line under the key inputs saying what was understood, e.g. "Key: RSA 2048-bit public key
/// (PEM SPKI)". `None` where the status line already says everything (HMAC, unreadable input).
pub fn key_note(
    mode: crate::app::state::Mode,
    alg: Option<Algorithm>,
    public_keys: &Result<Vec<KeyCandidate>, JoseError>,
    private_key: Option<&Result<keys::PrivateKey, JoseError>>,
) -> Option<String> {
    if alg.is_some_and(|a| a.key_input() != KeyInput::KeyPair) {
        return None;
    }
    match mode {
        crate::app::state::Mode::Decode => match public_keys.as_deref() {
            Ok([only]) => Some(format!("Key: {} ({})", only.key.describe(), only.label())),
            Ok(many) if many.len() > 1 => Some(format!(
                "{} keys: the one whose kid matches the header's is used, else each is tried",
                many.len()
            )),
            _ => None,
        },
        crate::app::state::Mode::Encode => Some(match private_key? {
            Ok(key) => format!("Signing key: {}", key.describe()),
            Err(e) => format!("Private key: {e}"),
        }),
    }
}

/// The time validity line, shown apart from the signature: "Time: expired 2 h ago",
/// "Time: valid, expires in 9 min", judged with `leeway` seconds of clock skew (the page uses
/// none). `None` when the payload is not a JSON object.
pub fn time_note(payload: &serde_json::Value, now: i64, leeway: i64) -> Option<String> {
    use crate::jose::claims::{self, ClaimTime, TimeIssue};
    payload.as_object()?;
    let validity = claims::check_times(payload, now, leeway);
    let problems: Vec<String> = validity
        .issues
        .iter()
        .filter(|i| **i != TimeIssue::MissingExp)
        .map(TimeIssue::message)
        .collect();
    Some(if !problems.is_empty() {
        format!("Time: {}", problems.join("; "))
    } else if let ClaimTime::Present { relative, .. } = validity.exp {
        format!(
            "Time: valid, expires {}",
            claims::humanize_relative(relative)
        )
    } else {
        "Time: no exp claim, the token never expires".to_owned()
    })
}
