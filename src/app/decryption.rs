//! Decrypting a pasted JWE in the page. The page's side says what the header's `alg` needs and
//! shows the answer; the decryption itself (`jose::jwe`) runs in the Rust engine's worker, so
//! none of the JWE code is in the page's first load. One `Decryption key` box takes whatever the
//! `alg` needs: a private key (PEM, JWK or JWKS), symmetric key bytes (an `oct` JWK or
//! base64url) or the PBES2 password.

use std::rc::Rc;

use crate::app::engine::remote::{self, EngineAnswer, EngineOp};
use crate::jose::jwe::{self, DecryptionKey, JweCipher, KeyKind, KeyManagement};
use crate::jose::lints::{EpkProblem, JweLintContext, epk_review};
use crate::jose::token::{self, DecodedToken, JweCompact, Token};
use crate::jose::{base64url, rng};

/// What the `Decryption status` says.
#[derive(Clone, Debug, PartialEq)]
pub enum DecryptionStatus {
    /// Nothing was tried: why (no key yet, and what key the `alg` needs).
    NotDecrypted(String),
    /// The worker is decrypting.
    Decrypting,
    /// Decrypted: the plaintext and what is worth knowing about the token (shared: the status
    /// is cloned on every render).
    Decrypted(Rc<Plaintext>),
    /// Decryption failed, and why.
    Failed(String),
}

/// A decrypted JWE's content, read once when it arrives (not on every render of the page).
#[derive(Clone, PartialEq)]
pub struct Plaintext {
    /// The plaintext bytes.
    pub bytes: Vec<u8>,
    /// The JWE findings (RSA1_5, few PBES2 iterations, compression, a nested JWS without `cty`).
    pub findings: Vec<String>,
    /// The signed token inside, when the plaintext is a compact JWS (a nested JWT).
    nested: Option<DecodedToken>,
    /// The plaintext pretty-printed, when it is JSON (a JWT's claims encrypted directly).
    json_pretty: Option<String>,
    /// Which engine decrypted it, in words ("WebCrypto (RSA-OAEP, AES-GCM)").
    engines: String,
}

impl std::fmt::Debug for Plaintext {
    // The plaintext may be secret: its length only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Plaintext({} bytes)", self.bytes.len())
    }
}

impl Plaintext {
    /// The plaintext and its findings, with what the page shows of it read here, once.
    pub fn new(bytes: Vec<u8>, findings: Vec<String>) -> Self {
        let text = std::str::from_utf8(&bytes).ok();
        let nested = text.and_then(|t| match token::parse(t.trim()) {
            Ok(Token::Jws(jws)) => Some(jws),
            _ => None,
        });
        let json_pretty = text
            .filter(|t| serde_json::from_str::<serde_json::Value>(t).is_ok())
            .map(|t| crate::jose::json_text::pretty(t).unwrap_or_else(|| t.to_owned()));
        Self {
            bytes,
            findings,
            nested,
            json_pretty,
            engines: String::new(),
        }
    }

    /// The same, saying which engine decrypted it.
    pub fn by(self, engines: String) -> Self {
        Self { engines, ..self }
    }

    /// " by WebCrypto (…)", or nothing when unknown.
    fn by_whom(&self) -> String {
        if self.engines.is_empty() {
            String::new()
        } else {
            format!(" by {}", self.engines)
        }
    }

    /// The plaintext as text (lossy: invalid UTF-8 shows as U+FFFD).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The plaintext for the Payload pane when it is JSON (a JWT's claims encrypted directly):
    /// pretty-printed, or as it is when the page shows tokens as encoded.
    pub fn json_for_payload(&self, as_encoded: bool) -> Option<String> {
        let pretty = self.json_pretty.as_ref()?;
        Some(if as_encoded {
            self.text()
        } else {
            pretty.clone()
        })
    }

    /// The signed token inside, when the plaintext is a compact JWS (a nested JWT).
    pub fn inner_jws(&self) -> Option<&DecodedToken> {
        self.nested.as_ref()
    }
}

impl DecryptionStatus {
    /// The status line: it starts with `Decrypted`, `Decryption failed` or `Not decrypted`.
    pub fn text(&self) -> String {
        match self {
            DecryptionStatus::NotDecrypted(why) => format!("Not decrypted: {why}"),
            DecryptionStatus::Decrypting => "Not decrypted yet: decrypting…".to_owned(),
            DecryptionStatus::Decrypted(plaintext) if plaintext.inner_jws().is_some() => format!(
                "Decrypted{}: the plaintext is a signed JWT, shown in Header and Payload; its signature is checked under the token",
                plaintext.by_whom()
            ),
            DecryptionStatus::Decrypted(plaintext) => format!(
                "Decrypted{}: {} bytes of plaintext",
                plaintext.by_whom(),
                plaintext.bytes.len()
            ),
            DecryptionStatus::Failed(why) => format!("Decryption failed: {why}"),
        }
    }

    /// The CSS class of the status line (the verdict's colours).
    pub fn class(&self) -> &'static str {
        match self {
            DecryptionStatus::Decrypted(_) => "status-ok",
            DecryptionStatus::Failed(_) => "status-bad",
            DecryptionStatus::NotDecrypted(_) | DecryptionStatus::Decrypting => "status-neutral",
        }
    }

    /// The plaintext, once decrypted.
    pub fn plaintext(&self) -> Option<&Plaintext> {
        match self {
            DecryptionStatus::Decrypted(plaintext) => Some(plaintext.as_ref()),
            _ => None,
        }
    }
}

/// What the header's `alg` needs in the `Decryption key` box, in words.
pub fn key_needed(alg: Option<&str>) -> String {
    let Some(name) = alg else {
        return "the header has no \"alg\"".to_owned();
    };
    let Ok(alg) = KeyManagement::from_name(name) else {
        return format!("\"{name}\" is not a JWE key management algorithm this page knows");
    };
    let need = alg.key_need(None, false);
    let what = match need.kind {
        KeyKind::PrivateKey | KeyKind::PublicKey => format!(
            "the recipient's private key ({}; PEM, JWK or JWKS)",
            need.key_types
        ),
        KeyKind::Symmetric => "the symmetric key (an oct JWK, or its bytes in base64url)".into(),
        KeyKind::Password => "the password".into(),
    };
    format!("{name} needs {what}: paste it in the Decryption key box")
}

/// How a key box's text is read, as the `alg` needs it (for both directions).
pub(crate) enum BoxKey {
    /// PBES2: the text is the password, exactly as typed less a pasted final line break.
    Password(Vec<u8>),
    /// `dir`, `A*KW`, `A*GCMKW` given as base64url bytes.
    Symmetric(Vec<u8>),
    /// Key text (PEM, JWK or JWKS, including an `oct` JWK) for the key parser.
    Text,
}

/// Reads a key box for `alg`.
pub(crate) fn read_box(alg: Option<&str>, text: &str) -> Result<BoxKey, String> {
    let alg = alg.and_then(|name| KeyManagement::from_name(name).ok());
    match alg.map(|a| a.key_need(None, false).kind) {
        Some(KeyKind::Password) => Ok(BoxKey::Password(
            text.strip_suffix('\n').unwrap_or(text).as_bytes().to_vec(),
        )),
        Some(KeyKind::Symmetric) if !text.trim_start().starts_with('{') => {
            let bytes = base64url::decode_lenient(text.trim())
                .map_err(|e| format!("the symmetric key is not base64url: {}", e.reason))?;
            Ok(BoxKey::Symmetric(bytes.bytes))
        }
        _ => Ok(BoxKey::Text),
    }
}

/// Whether the Findings panel needs the worker's review of this JWE: an ECDH-ES `epk` to
/// check, or a symmetric key in the box to measure.
pub fn wants_review(jwe: &JweCompact, key: &str) -> bool {
    let alg = jwe
        .alg()
        .and_then(|name| KeyManagement::from_name(name).ok());
    matches!(alg, Some(KeyManagement::EcdhEs(_)))
        || (symmetric_alg(jwe.alg()) && !key.trim().is_empty())
}

/// The worker's review of a JWE for the Findings panel: why its `epk` would be refused, and
/// the length of the symmetric key in the box. Nothing for a token that is not a JWE.
pub fn review_in_worker(token: &str, key: &str) -> (Option<EpkProblem>, Option<usize>) {
    match token::parse(token.trim()) {
        Ok(Token::Jwe(jwe)) => (epk_review(&jwe), symmetric_key_len(&jwe, key)),
        _ => (None, None),
    }
}

/// The page's side of the review: asks the worker; a failure leaves the panel without these
/// findings (decryption reports the same problems as errors).
pub async fn review(token: String, key: String) -> JweLintContext<'static> {
    match remote::call_for_page(EngineOp::ReviewJwe { token, key }).await {
        Ok(EngineAnswer::JweReview {
            epk_problem,
            key_len,
        }) => JweLintContext {
            epk_problem,
            symmetric_key_len: key_len,
            plaintext: None,
        },
        _ => JweLintContext::default(),
    }
}

/// The length in bytes of the symmetric key in the box, when the token's `alg` takes one
/// (`dir`, `A*KW`, `A*GCMKW`) and the box holds one (base64url bytes, or an `oct` JWK or JWKS):
/// the review flags a length the algorithm does not fix. Only the length is read.
pub fn symmetric_key_len(jwe: &JweCompact, text: &str) -> Option<usize> {
    if text.trim().is_empty() {
        return None;
    }
    match read_box(jwe.alg(), text).ok()? {
        // The bytes are a secret: wiped as soon as they are measured.
        BoxKey::Symmetric(bytes) => Some(zeroize::Zeroizing::new(bytes).len()),
        BoxKey::Text if symmetric_alg(jwe.alg()) => {
            let kid = jwe.header.get("kid").and_then(serde_json::Value::as_str);
            jwe::review::oct_key_len(text, kid)
        }
        BoxKey::Text | BoxKey::Password(_) => None,
    }
}

/// Whether `alg` names a key management algorithm that takes a symmetric key.
fn symmetric_alg(alg: Option<&str>) -> bool {
    alg.and_then(|name| KeyManagement::from_name(name).ok())
        .is_some_and(|alg| alg.key_need(None, false).kind == KeyKind::Symmetric)
}

/// The key in the box, read as the token's `alg` needs it; from a JWKS, the entry with the
/// token's `kid` when one has it.
fn key_from_box(jwe: &JweCompact, text: &str) -> Result<DecryptionKey, String> {
    match read_box(jwe.alg(), text)? {
        BoxKey::Password(bytes) => Ok(DecryptionKey::password(bytes)),
        BoxKey::Symmetric(bytes) => Ok(DecryptionKey::symmetric(bytes)),
        BoxKey::Text => {
            let kid = jwe.header.get("kid").and_then(serde_json::Value::as_str);
            DecryptionKey::parse_for_kid(text, kid).map_err(|e| e.to_string())
        }
    }
}

/// The page's side of decryption: `token` decrypted in the worker with the box's `key`.
pub async fn decrypt(token: String, key: String) -> DecryptionStatus {
    let answer = match remote::call_for_page(EngineOp::Decrypt { token, key }).await {
        Ok(answer) => answer,
        Err(reason) => return DecryptionStatus::Failed(reason),
    };
    match answer {
        EngineAnswer::Decrypted {
            plaintext,
            findings,
            engines,
        } => match base64url::decode(&plaintext) {
            Ok(bytes) => {
                DecryptionStatus::Decrypted(Rc::new(Plaintext::new(bytes, findings).by(engines)))
            }
            Err(e) => DecryptionStatus::Failed(format!("unreadable plaintext: {}", e.reason)),
        },
        other => DecryptionStatus::Failed(remote::unexpected(other).to_string()),
    }
}

/// The worker's side: decrypts `token` with the box's `key` on `cipher` (the worker's
/// WebCrypto). Not called by the page itself, so the JWE code stays out of its wasm.
pub async fn decrypt_in_worker<C: JweCipher>(
    cipher: &C,
    token: &str,
    key: &str,
) -> Result<jwe::Decrypted, String> {
    let jwe = match token::parse(token.trim()) {
        Ok(Token::Jwe(jwe)) => jwe,
        Ok(Token::Jws(_)) => return Err("this is a signed token (JWS), not a JWE".into()),
        Ok(Token::SdJwt(_)) => return Err("this is an SD-JWT (signed), not a JWE".into()),
        Err(e) => return Err(e.to_string()),
    };
    let key = key_from_box(&jwe, key)?;
    let mut rng = rng::seeded_rng().map_err(|e| e.to_string())?;
    jwe::decrypt_with(cipher, &jwe, &key, &mut rng)
        .await
        .map_err(|e| e.to_string())
}

/// [`decrypt_in_worker`] on the Rust engine alone, at once (the tests' path).
#[cfg(test)]
fn decrypt_now(token: &str, key: &str) -> Result<(Vec<u8>, Vec<String>), String> {
    let cipher = crate::jose::backend::RustCrypto;
    let decrypted = crate::jose::backend::run_ready(decrypt_in_worker(&cipher, token, key))
        .ok_or("waited")??;
    let findings = decrypted.findings.iter().map(|f| f.message()).collect();
    Ok((decrypted.plaintext, findings))
}

#[cfg(test)]
mod tests;
