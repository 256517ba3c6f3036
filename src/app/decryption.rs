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
mod tests {
    use super::*;

    /// RFC 7520 section 5.8 (tests/vectors/jose-cookbook/jwe/5_8…json): A128KW with A128GCM;
    /// the key is an oct JWK, or its bytes.
    const KW: &str = "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0.CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx.Qx0pmsDa8KnJc9Jo.AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeVmJkLD61A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjHi9gTlb90qSYFfeF0LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8REwOhNImk2Xld2JXq6BR53TSFkyT7PwVLuq-1GwtGHlQeg7gDT6xW0JqHDPn_H-puQsmthc9Zg0ojmJfqqFvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRaa8Z7MOZ7UGxGIMvEmxrGCPeJa14slv2-gaqK0kEThkaSqdYw0FkQZF.ER7MWJZ1FBI_NKvn7Zb1Lw";
    const KW_KEY: &str = r#"{"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#;

    /// The worker's review for the Findings panel, through the same JSON the page sends: an
    /// `epk` off its curve, and the length of a symmetric key (bytes or an `oct` JWK).
    #[test]
    fn the_worker_reviews_the_epk_and_the_key_length() {
        let epk = r#"{"kty":"EC","crv":"P-256","x":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE","y":"AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI"}"#;
        let header = format!(r#"{{"alg":"ECDH-ES","enc":"A128GCM","epk":{epk}}}"#);
        let token = format!(
            "{}..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
            base64url::encode(header.as_bytes())
        );
        let call = crate::app::engine::remote::EngineCall {
            id: 1,
            call: EngineOp::ReviewJwe {
                token,
                key: String::new(),
            },
        };
        let reply =
            crate::jose::backend::run_ready(crate::app::engine::answer::reply_to(&call)).unwrap();
        let reply: crate::app::engine::remote::EngineReply = serde_json::from_str(&reply).unwrap();
        match reply.result {
            Ok(EngineAnswer::JweReview {
                epk_problem,
                key_len,
            }) => {
                assert_eq!(
                    epk_problem,
                    Some(EpkProblem::NotOnCurve {
                        crv: "P-256".into()
                    })
                );
                assert_eq!(key_len, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            review_in_worker(KW, "AAAAAAAAAAAAAAAAAAAAAAAA"),
            (None, Some(18))
        );
        assert_eq!(review_in_worker(KW, KW_KEY), (None, Some(16)));
        assert_eq!(review_in_worker("not a token", KW_KEY), (None, None));
    }

    #[test]
    fn the_box_takes_an_oct_jwk_or_its_bytes_and_a_wrong_key_fails() {
        let text = String::from_utf8(decrypt_now(KW, KW_KEY).unwrap().0).unwrap();
        assert!(
            text.starts_with("You can trust us to stick with you"),
            "{text}"
        );
        assert_eq!(
            decrypt_now(KW, "GZy6sIZ6wl9NJOKB-jnmVQ").unwrap().0,
            text.as_bytes()
        );
        let wrong = decrypt_now(KW, "AAAAAAAAAAAAAAAAAAAAAA").unwrap_err();
        assert_eq!(wrong, jwe::JweError::DecryptionFailed.to_string());
        assert!(decrypt_now(KW, "not base64!").is_err());
    }

    #[test]
    fn a_jwks_entry_is_picked_by_the_tokens_kid() {
        let other = r#"{"kty":"oct","kid":"other","use":"enc","alg":"A128KW","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
        let jwks = format!(r#"{{"keys":[{other},{KW_KEY}]}}"#);
        assert!(decrypt_now(KW, &jwks).is_ok());
        // Without the matching kid the first usable entry is used: here the wrong one.
        let jwks = format!(r#"{{"keys":[{other}]}}"#);
        assert!(decrypt_now(KW, &jwks).is_err());
    }

    #[test]
    fn the_symmetric_key_length_is_read_from_bytes_or_an_oct_jwk() {
        let Ok(Token::Jwe(kw)) = token::parse(KW) else {
            panic!("not a JWE");
        };
        assert_eq!(symmetric_key_len(&kw, KW_KEY), Some(16));
        assert_eq!(symmetric_key_len(&kw, "GZy6sIZ6wl9NJOKB-jnmVQ"), Some(16));
        assert_eq!(
            symmetric_key_len(&kw, &base64url::encode(&[1; 24])),
            Some(24)
        );
        let jwks = format!(r#"{{"keys":[{{"kty":"RSA","n":"AQAB","e":"AQAB"}},{KW_KEY}]}}"#);
        assert_eq!(symmetric_key_len(&kw, &jwks), Some(16));
        for nothing in ["", "  ", "not base64!", r#"{"kty":"EC"}"#, "{"] {
            assert_eq!(symmetric_key_len(&kw, nothing), None, "{nothing}");
        }
    }

    #[test]
    fn each_alg_says_what_key_it_needs() {
        assert!(key_needed(Some("RSA-OAEP-256")).contains("private key"));
        assert!(key_needed(Some("dir")).contains("symmetric key"));
        assert!(key_needed(Some("PBES2-HS256+A128KW")).contains("password"));
        assert!(key_needed(Some("HS256")).contains("not a JWE"));
        assert!(key_needed(None).contains("no \"alg\""));
    }

    #[test]
    fn a_nested_jws_is_found_in_the_plaintext() {
        let jws = Plaintext::new(
            crate::app::example::TOKEN.trim().as_bytes().to_vec(),
            Vec::new(),
        );
        assert!(jws.inner_jws().is_some());
        let json = Plaintext::new(br#"{"sub":"x"}"#.to_vec(), Vec::new());
        assert!(json.inner_jws().is_none());
        assert_eq!(
            json.json_for_payload(false).as_deref(),
            Some("{\n  \"sub\": \"x\"\n}")
        );
        assert_eq!(
            json.json_for_payload(true).as_deref(),
            Some(r#"{"sub":"x"}"#)
        );
        assert_eq!(jws.json_for_payload(false), None);
        assert_eq!(format!("{json:?}"), "Plaintext(11 bytes)");
    }
}
