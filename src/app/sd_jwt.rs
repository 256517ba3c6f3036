//! A pasted SD-JWT (RFC 9901, issue 18), as the Disclosures region shows it: each disclosure
//! and where it went, the processed payload, what a verifier rejects, and the Key Binding. The
//! work (digests, the processing, the KB-JWT's signature) runs in the worker
//! ([`review_in_worker`]), so the SD-JWT code stays out of the page's first load; the page only
//! splits the token to show its Issuer-signed JWT.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::engine::remote::{self, EngineAnswer, EngineOp};
use crate::jose::rng::seeded_rng;
use crate::jose::sdjwt::{self, Concealed, KbExpectations, KeyBindingStatus, Summary};

/// One disclosure, as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureRow {
    /// Its digest (base64url), as the payload references it.
    pub digest: String,
    /// Its salt.
    pub salt: String,
    /// The claim name, or `None` for an array element.
    pub name: Option<String>,
    /// The disclosed value, as JSON text.
    pub value: String,
    /// The JSON pointer of the claim it became, `None` when no digest refers to it.
    pub at: Option<String>,
}

/// The `Key binding status` line: its text and whether it is good, bad or neither.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyBindingLine {
    /// `Key binding verified: …`, `Invalid key binding: …` or `No key binding: …`.
    pub text: String,
    /// The status class: `status-ok`, `status-bad` or `status-neutral`.
    pub class: String,
}

/// Encode mode's selective disclosure: which claims the token discloses selectively. Empty
/// pointers make an ordinary JWT.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SdIssueInputs {
    /// JSON pointers (`/given_name`, `/address/street_address`), one per line or
    /// comma-separated, as typed.
    pub pointers: String,
    /// How many decoy digests to add (RFC 9901 section 4.2.5), so the number of digests says
    /// nothing about the number of claims.
    pub decoys: usize,
}

impl SdIssueInputs {
    /// The most decoys the page adds: enough to hide a claim count, not enough to bloat.
    pub const MAX_DECOYS: usize = 20;

    /// The pointers, trimmed, without empty entries; empty when the token is no SD-JWT.
    pub fn pointer_list(&self) -> Vec<String> {
        self.pointers
            .split(['\n', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// What the worker found about a pasted SD-JWT.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdJwtView {
    /// The Processed SD-JWT Payload (the disclosed claims in place), pretty JSON.
    pub payload: String,
    /// The hash of the digests (`sha-256` unless `_sd_alg` says otherwise).
    pub sd_alg: String,
    /// Each disclosure, in the order given.
    pub disclosures: Vec<DisclosureRow>,
    /// Digests no disclosure matches: decoys, or claims the holder did not disclose.
    pub undisclosed: usize,
    /// Why a verifier rejects the SD-JWT (RFC 9901 section 7.1), in words; empty when none.
    pub rejections: Vec<String>,
    /// The Key Binding.
    pub key_binding: KeyBindingLine,
    /// All of it in words (as `jwt-debugger decode` prints it), for the copy button.
    pub summary: String,
}

/// The page's side: the worker's review of `token` at `now`.
pub async fn review(token: String, now: i64) -> Result<SdJwtView, String> {
    match remote::call_for_page(EngineOp::ReviewSdJwt { token, now }).await? {
        EngineAnswer::SdJwt(view) => Ok(*view),
        other => Err(remote::unexpected(other).to_string()),
    }
}

/// The worker's side: parses, processes and checks the Key Binding of `token` at `now` (its
/// signature, `sd_hash` and `iat`; `aud` and `nonce` are shown, a verifier compares them).
pub fn review_in_worker(token: &str, now: i64) -> Result<SdJwtView, String> {
    let sd = sdjwt::parse(token).map_err(|e| e.to_string())?;
    let resolved = sdjwt::resolve(&sd);
    let binding = sdjwt::verify_key_binding(&sd, &KbExpectations::at(now));
    let disclosures = sd
        .disclosures
        .iter()
        .zip(&resolved.placements)
        .map(|(d, at)| DisclosureRow {
            digest: d.digest.clone(),
            salt: d.salt.clone(),
            name: d.name.clone(),
            value: d.value.to_string(),
            at: at.clone(),
        })
        .collect();
    let summary = Summary {
        sd_jwt: &sd,
        resolved: &resolved,
        key_binding: &binding,
    }
    .to_string();
    Ok(SdJwtView {
        payload: pretty(&resolved.payload),
        sd_alg: sd.sd_alg.to_string(),
        disclosures,
        undisclosed: resolved.unmatched_digests,
        rejections: resolved.rejections.iter().map(|r| r.to_string()).collect(),
        key_binding: key_binding_line(&binding),
        summary,
    })
}

/// The page's side of Encode mode's SD-JWT: `claims` with the claims at `pointers` concealed
/// by the worker (the digests need fresh random salts), ready to be signed.
pub async fn conceal(
    claims: String,
    pointers: Vec<String>,
    decoys: usize,
) -> Result<Concealed, String> {
    let op = EngineOp::ConcealClaims {
        claims,
        pointers,
        decoys,
    };
    match remote::call_for_page(op).await? {
        EngineAnswer::Concealed(concealed) => Ok(concealed),
        other => Err(remote::unexpected(other).to_string()),
    }
}

/// The worker's side of [`conceal`].
pub fn conceal_in_worker(
    claims: &str,
    pointers: &[String],
    decoys: usize,
) -> Result<Concealed, String> {
    let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
    let mut rng = seeded_rng().map_err(|e| e.to_string())?;
    sdjwt::conceal(claims, &pointers, decoys, &mut rng).map_err(|e| e.to_string())
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn key_binding_line(status: &KeyBindingStatus) -> KeyBindingLine {
    let (text, class) = match status {
        KeyBindingStatus::Verified(detail) => {
            (format!("Key binding verified: {detail}"), "status-ok")
        }
        KeyBindingStatus::Invalid(why) => (format!("Invalid key binding: {why}"), "status-bad"),
        KeyBindingStatus::None => (
            "No key binding: the SD-JWT ends with '~' (a verifier that asks for one refuses it)"
                .to_owned(),
            "status-neutral",
        ),
    };
    KeyBindingLine {
        text,
        class: class.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 9901 section 5.2's SD-JWT+KB (tests/fixtures/sdjwt, see its SOURCE.md).
    const PRESENTATION: &str = include_str!("../../tests/fixtures/sdjwt/rfc9901-5.2-sd-jwt-kb.txt");
    /// Its KB-JWT's `iat`.
    const KB_IAT: i64 = 1_748_537_243;

    #[test]
    fn the_rfc_presentation_lists_its_disclosures_and_verifies_its_key_binding() {
        let view = review_in_worker(PRESENTATION.trim(), KB_IAT).expect("reads");
        let at: Vec<Option<&str>> = view.disclosures.iter().map(|d| d.at.as_deref()).collect();
        assert_eq!(
            at,
            [
                Some("/family_name"),
                Some("/address"),
                Some("/given_name"),
                Some("/nationalities/0")
            ]
        );
        assert_eq!(view.undisclosed, 6);
        assert!(view.rejections.is_empty());
        assert!(view.payload.contains("\"given_name\": \"John\""));
        assert!(!view.payload.contains("_sd"));
        assert_eq!(view.key_binding.class, "status-ok");
        assert!(
            view.key_binding
                .text
                .starts_with("Key binding verified: ES256")
        );
        // A day later the KB-JWT is too old.
        let later = review_in_worker(PRESENTATION.trim(), KB_IAT + 86_400).expect("reads");
        assert!(later.key_binding.text.starts_with("Invalid key binding"));
        // Without it, no key binding.
        let (sd_jwt, _) = PRESENTATION.trim().rsplit_once('~').expect("a KB-JWT");
        let plain = review_in_worker(&format!("{sd_jwt}~"), KB_IAT).expect("reads");
        assert!(plain.key_binding.text.starts_with("No key binding"));
    }
}
