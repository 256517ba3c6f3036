//! SD-JWT (RFC 9901) on the command line: `decode` shows the disclosures, where each went, the
//! processed payload and the Key Binding; `verify` also requires every disclosure to be valid
//! and referenced and a Key Binding JWT, when there is one, to verify (`--kb-aud`,
//! `--kb-nonce`).

use jwt_debugger::jose::sdjwt::{
    self, KbExpectations, KeyBindingStatus, Resolved, SdJwt, Summary, verify_key_binding,
};
use serde_json::{Value, json};

use crate::failure::Failure;

/// The token as an SD-JWT when it has the `~` of one, else `None` (a JWS or JWE).
pub fn parse_if_sd(text: &str) -> Result<Option<SdJwt>, Failure> {
    if !text.contains('~') {
        return Ok(None);
    }
    sdjwt::parse(text)
        .map(Some)
        .map_err(|e| Failure::Input(format!("the SD-JWT does not read: {e}")))
}

/// The Key Binding JWT checked against what the verifier expects, at `at`.
fn key_binding(sd: &SdJwt, aud: Option<&str>, nonce: Option<&str>, at: i64) -> KeyBindingStatus {
    let expect = KbExpectations {
        aud: aud.map(str::to_owned),
        nonce: nonce.map(str::to_owned),
        ..KbExpectations::at(at)
    };
    verify_key_binding(sd, &expect)
}

/// `decode`'s facts about an SD-JWT beyond its Issuer-signed JWT: the processed payload, each
/// disclosure and where it went, the digests without one, what a verifier rejects, and the Key
/// Binding (its signature, `sd_hash` and `iat` checked; `aud` and `nonce` shown).
pub fn decode_report(sd: &SdJwt, now: i64) -> (Value, Value) {
    let resolved = sdjwt::resolve(sd);
    let binding = key_binding(sd, None, None, now);
    let disclosures: Vec<Value> = sd
        .disclosures
        .iter()
        .zip(&resolved.placements)
        .map(|(d, at)| {
            json!({
                "digest": d.digest, "salt": d.salt, "name": d.name, "value": d.value, "at": at,
            })
        })
        .collect();
    let summary = Summary {
        sd_jwt: sd,
        resolved: &resolved,
        key_binding: &binding,
    };
    let facts = json!({
        "sd_alg": sd.sd_alg.to_string(),
        "issuer_payload": sd.payload,
        "disclosures": disclosures,
        "undisclosed_digests": resolved.unmatched_digests,
        "rejections": resolved.rejections.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "key_binding": binding_json(&binding),
        "summary": summary.to_string(),
    });
    (resolved.payload, facts)
}

fn binding_json(status: &KeyBindingStatus) -> Value {
    let (name, detail) = match status {
        KeyBindingStatus::None => ("none", None),
        KeyBindingStatus::Verified(d) => ("verified", Some(d.to_string())),
        KeyBindingStatus::Invalid(e) => ("invalid", Some(e.to_string())),
    };
    json!({"status": name, "detail": detail})
}

/// What `verify` requires of an SD-JWT once its issuer signature verified: every disclosure
/// valid and referenced (RFC 9901 section 7.1), and the Key Binding JWT, if any, valid (section
/// 7.3). The lines to print when so; the reason when not.
pub fn verify_checks(
    sd: &SdJwt,
    aud: Option<&str>,
    nonce: Option<&str>,
    at: i64,
) -> Result<Vec<String>, Failure> {
    let resolved: Resolved = sdjwt::resolve(sd);
    if let Some(first) = resolved.rejections.first() {
        return Err(Failure::NotVerified(format!(
            "Invalid SD-JWT: {first} (RFC 9901 section 7.1)"
        )));
    }
    let count = sd.disclosures.len();
    let mut lines = vec![format!(
        "Disclosures: {count} valid and referenced, {} digest(s) without one",
        resolved.unmatched_digests
    )];
    match key_binding(sd, aud, nonce, at) {
        KeyBindingStatus::Invalid(e) => {
            return Err(Failure::NotVerified(format!("Invalid key binding: {e}")));
        }
        KeyBindingStatus::Verified(d) => lines.push(format!("Key binding verified: {d}")),
        KeyBindingStatus::None if aud.is_some() || nonce.is_some() => {
            return Err(Failure::NotVerified(
                "No key binding: --kb-aud or --kb-nonce expects a Key Binding JWT, and the SD-JWT ends with '~'".into(),
            ));
        }
        KeyBindingStatus::None => lines.push("No key binding".to_owned()),
    }
    Ok(lines)
}
