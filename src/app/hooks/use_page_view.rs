//! Everything the page shows, derived from what the user typed: the state holds only the
//! inputs, and each derived value is a memo on the inputs it depends on, so a key is parsed
//! once per edit of the key, not once per keystroke elsewhere.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::app::decryption::DecryptionStatus;
use crate::app::encryption::Encrypted;
use crate::app::hooks::use_async::AsyncValue;
use crate::app::hooks::use_decode_status::use_decode_status;
use crate::app::hooks::use_decryption::{use_decryption, use_jwe_findings, use_opened_token};
use crate::app::hooks::use_encrypted_token::use_encrypted_token;
use crate::app::hooks::use_findings::SignedBy;
use crate::app::hooks::use_parsed_keys::use_parsed_keys;
use crate::app::hooks::use_pasted_token::use_pasted_token;
use crate::app::hooks::use_policy::{PolicyView, use_policy};
use crate::app::hooks::use_review::use_review;
use crate::app::hooks::use_shown_texts::use_shown_texts;
use crate::app::hooks::use_signed_token::{SignResult, use_signed_token};
use crate::app::hooks::use_signing_key::use_signing_key;
use crate::app::signing::{SignError, SignJob, Signed};
use crate::app::state::{Mode, PageState};
use crate::app::token_view::token_notes;
use crate::app::verification::{SignatureStatus, key_note, time_note};
use crate::jose::algorithm::KeyInput;
use crate::jose::lints::Finding;
use crate::jose::token::{self, DecodedToken};
use crate::jose::{Algorithm, JoseError};

/// What the page's components show.
pub struct PageView {
    /// The Encoded pane's token: as typed (Decode) or as signed (Encode).
    pub token_text: String,
    /// The Header pane's JSON.
    pub header_text: String,
    /// The Payload pane's JSON.
    pub payload_text: String,
    /// The payload parsed, for the claims table and the time note.
    pub payload_value: Rc<Value>,
    /// The algorithm in the header, if it names a known one.
    pub alg: Option<Algorithm>,
    /// The verdict: verified, not verified and why, or still checking.
    pub status: SignatureStatus,
    /// What the decoder noticed about the pasted text.
    pub notes: Vec<String>,
    /// Why the pasted text cannot be decoded, if it cannot.
    pub token_error: Option<String>,
    /// The verdict's note on `exp`, `nbf` and `iat`.
    pub time_note: Option<String>,
    /// What the key inputs hold, or why not.
    pub key_note: Option<String>,
    /// The findings for the token on screen (`None` without one).
    pub findings: Rc<Option<Vec<Finding>>>,
    /// Whether the Public key box holds the page's demo key.
    pub public_key_is_demo: bool,
    /// Whether the Private key box holds the page's demo key.
    pub private_key_is_demo: bool,
    /// The gateway preset's default Key ID: the signing key's thumbprint, never the demo key's.
    pub default_kid: Option<String>,
    /// The cleaned compact token on screen: Copy as curl never takes the box's raw text.
    pub compact: Option<AttrValue>,
    /// Whether the pasted token is detached, so the Detached payload box is shown.
    pub detached: bool,
    /// The newest token Encode mode signed, which Decode mode takes over when switched to.
    pub signed_now: Option<Result<Signed, SignError>>,
    /// Where decryption of a pasted JWE stands (`None` for anything else, and in Encode mode).
    pub decryption: Option<DecryptionStatus>,
    /// Encode mode's encryption: the JWE made, or why not (`None` while it is off).
    pub encrypted: Option<Result<Encrypted, String>>,
    /// The Policy region's judgement (`None` while it is closed).
    pub policy: PolicyView,
}

/// Derives the page from `state` at `now`.
#[hook]
pub fn use_page_view(state: &PageState, now: i64) -> PageView {
    let pasted = use_pasted_token(&state.token, &state.detached_payload);
    let decryption = use_decryption(&pasted.parsed, &state.token, &state.decryption_key);
    // A decrypted nested JWT is the token the rest of the page decodes and verifies; the notes
    // under the box stay those of the JWE that was pasted.
    let (notes, token_error) = notes_for(state, &pasted.parsed);
    let pasted_jwe = pasted.parsed.clone();
    let pasted = use_opened_token(pasted, decryption.as_ref());
    let keys = use_parsed_keys(&state.public_key, &state.secret);
    let decode_status = use_decode_status(state, &pasted.decoded, &keys);
    let key = use_signing_key(
        state.mode,
        &state.private_key,
        decode_status.current.is_some(),
    );
    let signing = use_signed_token(state, &keys.key_in_secret, &key);
    // While a new signature is computed, the previous token stays on screen (for well under a
    // frame with WebCrypto) rather than the box emptying on every keystroke.
    let signed_now = signing.signed.latest.as_deref().cloned().flatten();
    let decrypted_json = decryption
        .as_ref()
        .and_then(DecryptionStatus::plaintext)
        .and_then(|p| p.json_for_payload(state.as_encoded));
    let shown = use_shown_texts(state, &pasted.parsed, &signed_now, decrypted_json);
    let signed_token = match (state.mode, &signed_now) {
        (Mode::Encode, Some(Ok(s))) => Some(s.token.as_str()),
        _ => None,
    };
    let encrypted = use_encrypted_token(signed_token, &state.encryption);
    let alg = shown_alg(state.mode, &pasted.decoded, &signing.job, &shown.header);
    let status = shown_status(state.mode, &signing.signed, &decode_status);
    // The page's demo key pair: labelled wherever it is in use, never a default Key ID, and a
    // finding whenever a token is signed with it.
    let own_public = (*key.own_public).as_ref();
    let private_key_is_demo = own_public.is_some_and(|own| own.is_demo);
    let signed_by = signed_by(state.mode, private_key_is_demo, alg, &status);
    let review = use_review(state, &pasted.decoded, &shown.token, &keys, now, signed_by);
    let findings = use_jwe_findings(state, &pasted_jwe, decryption.as_ref(), &review.findings);
    let policy = use_policy(
        &state.policy,
        &review.reviewed,
        &status,
        &keys.public_keys,
        now,
    );
    PageView {
        key_note: key_note(
            state.mode,
            alg,
            &keys.public_keys,
            (*key.private_key).as_ref(),
        ),
        time_note: time_note(&shown.payload_value, now, 0),
        default_kid: own_public
            .filter(|own| !own.is_demo)
            .map(|own| own.kid.clone()),
        compact: curl_token(state.mode, &pasted_jwe, &encrypted, &review.reviewed),
        detached: state.mode == Mode::Decode
            && (*pasted.decoded).as_ref().is_ok_and(|t| t.detached),
        // With Encrypt on, the Encoded box holds the JWE of the signed token.
        token_text: match &encrypted {
            Some(Ok(jwe)) if state.mode == Mode::Encode => jwe.token.clone(),
            _ => shown.token,
        },
        header_text: shown.header,
        payload_text: shown.payload,
        payload_value: shown.payload_value,
        alg,
        status,
        notes,
        token_error,
        findings,
        public_key_is_demo: keys.public_key_is_demo,
        private_key_is_demo,
        signed_now,
        decryption: decryption.filter(|_| state.mode == Mode::Decode),
        encrypted: encrypted.filter(|_| state.mode == Mode::Encode),
        policy,
    }
}

/// What the findings know of the signature: in Encode mode, whether the demo key signs; in
/// Decode mode, whether the token verified.
fn signed_by(
    mode: Mode,
    private_key_is_demo: bool,
    alg: Option<Algorithm>,
    status: &SignatureStatus,
) -> SignedBy {
    match mode {
        Mode::Encode => SignedBy::DemoSigning(
            private_key_is_demo && alg.is_some_and(|a| a.key_input() == KeyInput::KeyPair),
        ),
        Mode::Decode => SignedBy::Verified(matches!(status, SignatureStatus::Verified(_))),
    }
}

/// The token Copy as curl sends: the token in the Encoded box, cleaned. That is the JWE when
/// one was pasted (even once decrypted) or Encode mode encrypts, else the reviewed JWS.
fn curl_token(
    mode: Mode,
    pasted: &Result<token::Token, JoseError>,
    encrypted: &Option<Result<Encrypted, String>>,
    reviewed: &Option<DecodedToken>,
) -> Option<AttrValue> {
    match (mode, pasted, encrypted) {
        (Mode::Decode, Ok(token::Token::Jwe(jwe)), _) => Some(AttrValue::from(jwe.compact.clone())),
        (Mode::Encode, _, Some(Ok(jwe))) => Some(AttrValue::from(jwe.token.clone())),
        _ => reviewed
            .as_ref()
            .map(|t| AttrValue::from(t.compact.clone())),
    }
}

/// The notes under the token box and the decoding error: Decode mode's, of the pasted text.
fn notes_for(
    state: &PageState,
    parsed: &Result<token::Token, JoseError>,
) -> (Vec<String>, Option<String>) {
    match state.mode {
        Mode::Decode => token_notes(parsed, &state.token),
        Mode::Encode => (Vec::new(), None),
    }
}

/// The algorithm shown: the pasted header's (Decode), or the one being signed with, else the
/// one the Header editor names (Encode).
fn shown_alg(
    mode: Mode,
    decoded: &Result<DecodedToken, JoseError>,
    job: &Option<Result<SignJob, SignError>>,
    header_text: &str,
) -> Option<Algorithm> {
    match mode {
        Mode::Decode => decoded.as_ref().ok().and_then(|t| t.alg.clone().ok()),
        Mode::Encode => match job {
            Some(Ok(job)) => Some(job.alg),
            _ => serde_json::from_str::<Value>(header_text)
                .ok()
                .and_then(|h| h.as_object().and_then(|m| token::parse_alg(m).ok())),
        },
    }
}

/// The verdict for the current inputs: Encode mode's check of the token it signed, or Decode
/// mode's verification; `Checking` until the engine has answered.
fn shown_status(
    mode: Mode,
    signed: &AsyncValue<SignResult>,
    decode_status: &AsyncValue<SignatureStatus>,
) -> SignatureStatus {
    match mode {
        Mode::Encode => match signed.current.as_deref() {
            None => SignatureStatus::Checking,
            Some(None) => SignatureStatus::NotVerified("nothing to sign yet".into()),
            Some(Some(Err(reason))) => {
                SignatureStatus::NotVerified(format!("cannot sign: {reason}"))
            }
            Some(Some(Ok(s))) => s.status.clone(),
        },
        Mode::Decode => decode_status
            .current
            .as_deref()
            .cloned()
            .unwrap_or(SignatureStatus::Checking),
    }
}
