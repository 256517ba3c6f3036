//! Verification: raw JWS signatures, decoded tokens, and picking a key out of several.
//!
//! The header `alg` must fit the key's family and size before any crypto runs; this is the
//! algorithm-confusion defence (e.g. an `HS256` token must never be checked with an RSA public
//! key's bytes as the HMAC secret). `none` is never verified. Every failure is a distinct
//! typed error, so the UI can say exactly why a signature is rejected.

use serde_json::{Map, Value};

use super::algorithm::Algorithm;
use super::backend::{RustCrypto, complete};
use super::error::JoseError;
use super::keys::{KeyCandidate, PublicKey};
use super::lints::analyse_crit;
use super::pipeline::{self, Done, Strictness};
use super::token::DecodedToken;

/// The `crit` extensions this page implements: `b64` (RFC 7797, unencoded payload). Any other
/// name in `crit` makes the token unverifiable (RFC 7515 §4.1.11).
pub const UNDERSTOOD_CRITICAL: [&str; 1] = ["b64"];

/// The header rules a token must meet before any signature is checked, in order: no duplicate
/// member names (`duplicates`, from [`crate::jose::duplicates::duplicate_members`]), a
/// well-formed `crit` listing only [`UNDERSTOOD_CRITICAL`] extensions, and a boolean `b64` that
/// `crit` lists. A token that breaks one is "not verified" whatever its signature: the page
/// cannot know what the header means to the server. Signing checks its header the same way.
pub fn check_header(header: &Map<String, Value>, duplicates: &[String]) -> Result<(), JoseError> {
    if let Some(name) = duplicates.first() {
        return Err(JoseError::DuplicateHeaderParameter { name: name.clone() });
    }
    let listed = match analyse_crit(header) {
        None => Vec::new(),
        Some((_, problems)) if !problems.is_empty() => {
            let reasons: Vec<String> = problems.iter().map(|p| p.describe()).collect();
            return Err(JoseError::CritInvalid {
                reason: reasons.join("; "),
            });
        }
        Some((names, _)) => names,
    };
    if let Some(name) = listed
        .iter()
        .find(|name| !UNDERSTOOD_CRITICAL.contains(&name.as_str()))
    {
        return Err(JoseError::UnsupportedCritical { name: name.clone() });
    }
    match header.get("b64") {
        None => Ok(()),
        Some(Value::Bool(_)) if listed.iter().any(|n| n == "b64") => Ok(()),
        Some(Value::Bool(_)) => Err(JoseError::B64NotCritical),
        Some(_) => Err(JoseError::B64NotBoolean),
    }
}

/// Refuses an HMAC secret that holds an asymmetric key, given what
/// [`crate::jose::keys::public_key_in_secret`] found in its text: HMAC keyed with public key
/// bytes is the algorithm-confusion attack, refused before any HMAC is computed.
pub fn check_hmac_secret(
    key_in_secret: &Result<Option<PublicKey>, JoseError>,
) -> Result<(), JoseError> {
    match key_in_secret {
        Ok(None) => Ok(()),
        Ok(Some(key)) => Err(JoseError::SecretIsPublicKey {
            key: key.key_type().describe(),
        }),
        Err(e) => Err(e.clone()),
    }
}

/// [`check_header`] for a decoded token.
pub fn check_token_header(token: &DecodedToken) -> Result<(), JoseError> {
    check_header(&token.header, &token.header_duplicates)
}

/// Verifies a raw JWS signature over `signing_input` on the Rust engine: [`precheck`], then
/// the arithmetic ([`pipeline::verify_bytes`] on [`RustCrypto`]).
pub fn verify_bytes(
    alg: Algorithm,
    key: &PublicKey,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<(), JoseError> {
    complete(pipeline::verify_bytes(
        &RustCrypto,
        alg,
        key,
        signing_input,
        signature,
    ))
    .map(|_| ())
}

/// Every check [`verify_bytes`] makes before the signature arithmetic: `alg` fits the key, the
/// signature has the algorithm's length and shape (ECDSA r||s in range and non-zero), and for
/// Ed25519 the strict rules that not every library applies (no small-order key or R). An engine
/// that hands the arithmetic to another implementation (the browser's WebCrypto) runs this
/// first, so both engines reject the same inputs with the same typed errors.
pub fn precheck(alg: Algorithm, key: &PublicKey, signature: &[u8]) -> Result<(), JoseError> {
    alg.check_fits(key.key_type())?;
    key.precheck(alg, signature)
}

/// A signature of the wrong length for `alg`.
pub(crate) fn check_len(alg: Algorithm, got: usize, expected: usize) -> Result<(), JoseError> {
    if got == expected {
        Ok(())
    } else {
        Err(JoseError::SignatureWrongLength {
            alg: alg.as_str(),
            got,
            expected,
        })
    }
}

/// Verifies a decoded token with one key, strictly: the header `alg` must parse and fit the
/// key, and the token must not have needed encoding repairs (see [`verify_token_lenient`]).
pub fn verify_token(token: &DecodedToken, key: &PublicKey) -> Result<(), JoseError> {
    complete(pipeline::verify_token(
        &RustCrypto,
        token,
        key,
        Strictness::Strict,
    ))
    .map(|_| ())
}

/// Like [`verify_token`], but accepts a token whose text was repaired while decoding (line
/// breaks removed, `+`/`/`, padding): the signature is checked over the signing input as
/// given after cleanup. For a debugger showing "the signature matches, but…" next to the
/// diagnoses; a strict relying party would still reject such a token.
pub fn verify_token_lenient(token: &DecodedToken, key: &PublicKey) -> Result<(), JoseError> {
    complete(pipeline::verify_token(
        &RustCrypto,
        token,
        key,
        Strictness::Lenient,
    ))
    .map(|_| ())
}

/// Which key verified a token in [`verify_with_keys`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchReport {
    /// Index of the matching key in the slice given.
    pub index: usize,
    /// That key's `kid`, if it has one.
    pub kid: Option<String>,
    /// That key's label, e.g. "JWKS key #2 (kid \"abc\")".
    pub label: String,
    /// Whether the key was chosen by the header `kid` (rather than by trying every key).
    pub selected_by_kid: bool,
    /// Which engine verified, and why not the one asked first if it declined.
    pub done: Done,
}

/// Verifies a token against several keys (e.g. a JWKS), strictly (see [`verify_token`]). If
/// the header has a `kid`, only keys with that `kid` are tried; otherwise every key is tried in
/// order. A key whose JWK `alg` names a different algorithm than the header is not used
/// (RFC 7517 §4.4). Reports which key matched, or every key's reason for failing.
pub fn verify_with_keys(
    token: &DecodedToken,
    keys: &[KeyCandidate],
) -> Result<MatchReport, JoseError> {
    with_keys_on_rust(token, keys, Strictness::Strict)
}

/// [`pipeline::verify_with_keys`] on the Rust engine, which completes without waiting.
fn with_keys_on_rust(
    token: &DecodedToken,
    keys: &[KeyCandidate],
    strictness: Strictness,
) -> Result<MatchReport, JoseError> {
    complete(pipeline::verify_with_keys(
        &RustCrypto,
        token,
        keys,
        strictness,
    ))
}

/// [`verify_with_keys`] with [`verify_token_lenient`] semantics: a token whose text was repaired
/// while decoding can still match; the caller shows the repair next to the result.
pub fn verify_with_keys_lenient(
    token: &DecodedToken,
    keys: &[KeyCandidate],
) -> Result<MatchReport, JoseError> {
    with_keys_on_rust(token, keys, Strictness::Lenient)
}

/// The keys a verifier tries for `token`, with their indices in `keys`, in order, and whether the
/// header's `kid` picked them. A header `kid` picks the keys that carry it. Keys without a kid (a
/// PEM, a certificate, a JWK without "kid") cannot be told apart by it, so they stay candidates
/// when no key carries the kid: a gateway token with a Key ID must verify against the gateway's
/// PEM public key. Without a header `kid`, every key is a candidate.
pub fn candidate_keys<'a>(
    token: &DecodedToken,
    keys: &'a [KeyCandidate],
) -> (Vec<(usize, &'a KeyCandidate)>, bool) {
    let header_kid = token.kid();
    let with_kid: Vec<(usize, &KeyCandidate)> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| header_kid.is_some() && k.kid.as_deref() == header_kid)
        .collect();
    if !with_kid.is_empty() {
        return (with_kid, true);
    }
    let rest = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| header_kid.is_none() || k.kid.is_none())
        .collect();
    (rest, false)
}

/// The keys to try for a token, in order, each with whether its JWK `alg` allows the header's
/// algorithm (RFC 7517 §4.4). Built by [`selection`]; [`pipeline::verify_with_keys`] walks it.
#[derive(Debug)]
pub struct Selection<'a> {
    /// The keys to try, in order: the index into the caller's slice, the key, and `Err` when
    /// the key must not be used for the header's algorithm.
    pub attempts: Vec<(usize, &'a KeyCandidate, Result<(), JoseError>)>,
    /// Whether the header's `kid` picked the keys.
    pub selected_by_kid: bool,
}

impl Selection<'_> {
    /// The report for the attempt at `index` having matched.
    pub fn report(&self, index: usize, candidate: &KeyCandidate, done: Done) -> MatchReport {
        MatchReport {
            index,
            kid: candidate.kid.clone(),
            label: candidate.label(),
            selected_by_kid: self.selected_by_kid,
            done,
        }
    }
}

/// Which keys verification tries for `token` (see [`candidate_keys`]), or why none can be:
/// no keys at all, or a header `kid` that no key carries.
pub fn selection<'a>(
    token: &DecodedToken,
    keys: &'a [KeyCandidate],
) -> Result<Selection<'a>, JoseError> {
    if keys.is_empty() {
        return Err(JoseError::NoKeys);
    }
    let header_kid = token.kid();
    let (candidates, selected_by_kid) = candidate_keys(token, keys);
    if let (Some(kid), true) = (header_kid, candidates.is_empty()) {
        let available: Vec<String> = keys
            .iter()
            .map(|k| {
                k.kid
                    .as_deref()
                    .map_or("(no kid)".to_owned(), |k| format!("\"{k}\""))
            })
            .collect();
        return Err(JoseError::NoKeyForKid {
            kid: kid.to_owned(),
            available: available.join(", "),
        });
    }
    let header_alg = token.alg.as_ref().ok().map(|a| a.as_str());
    let attempts = candidates
        .into_iter()
        .map(|(index, candidate)| {
            let allowed = match (candidate.alg.as_deref(), header_alg) {
                (Some(key_alg), Some(alg)) if key_alg != alg => Err(JoseError::KeyAlgMismatch {
                    key_alg: key_alg.to_owned(),
                    alg: alg.to_owned(),
                }),
                _ => Ok(()),
            };
            (index, candidate, allowed)
        })
        .collect();
    Ok(Selection {
        attempts,
        selected_by_kid,
    })
}
