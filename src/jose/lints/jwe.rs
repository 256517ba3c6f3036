//! The review of a JWE: its protected header before (and without) decryption (`RSA1_5`, a PBES2
//! count out of range, compression, an unusable ECDH-ES `epk`), the length of the symmetric key
//! it is decrypted with, and what only the plaintext shows (a nested JWT without `cty`).
//!
//! The `epk` check and the nested-JWT test are the JWE core's own (`jwe::review`), so a finding
//! here matches what decryption refuses or reports. Decryption's other findings (`RSA1_5`, few
//! PBES2 iterations, `zip`) are header findings already and are not repeated.

use std::fmt;

use serde_json::Value;

use super::details::EpkProblem;
use super::kinds::FindingKind;
use super::{Finding, preview};
use crate::jose::jwe::review::{epk_problem, nested_jws_without_cty};
use crate::jose::jwe::{
    ContentEncryption, JweError, KeyKind, KeyManagement, MIN_RECOMMENDED_PBES2_ITERATIONS,
};
use crate::jose::token::JweCompact;

/// What the review of a JWE knows besides the token. `Debug` shows the plaintext's length only.
#[derive(Clone, Default)]
pub struct JweLintContext<'a> {
    /// Why decryption would refuse the ECDH-ES `epk` ([`epk_review`]), if it would. The page's
    /// worker makes this check, so the curve arithmetic is not in the page's first load.
    pub epk_problem: Option<EpkProblem>,
    /// The length in bytes of the symmetric key the token is to be decrypted with, if one is
    /// given (an `oct` JWK's secret or raw key bytes; a password or a private key is not one).
    pub symmetric_key_len: Option<usize>,
    /// The plaintext, once the token is decrypted.
    pub plaintext: Option<&'a [u8]>,
}

impl fmt::Debug for JweLintContext<'_> {
    // The plaintext may be secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JweLintContext")
            .field("epk_problem", &self.epk_problem)
            .field("symmetric_key_len", &self.symmetric_key_len)
            .field("plaintext_len", &self.plaintext.map(<[u8]>::len))
            .finish()
    }
}

/// The findings for `token`'s protected header (with its `epk` checked), errors first.
pub fn lint_jwe(token: &JweCompact) -> Vec<Finding> {
    let ctx = JweLintContext {
        epk_problem: epk_review(token),
        ..JweLintContext::default()
    };
    lint_jwe_with(token, &ctx)
}

/// The findings for `token` with what `ctx` adds (the `epk` check, the key's length, the
/// plaintext), errors first; within a severity: header, key, plaintext.
pub fn lint_jwe_with(token: &JweCompact, ctx: &JweLintContext<'_>) -> Vec<Finding> {
    let mut kinds = header_kinds(token);
    if let Some(problem) = &ctx.epk_problem {
        kinds.push(FindingKind::JweEpkInvalid {
            problem: problem.clone(),
        });
    }
    if let Some(len) = ctx.symmetric_key_len {
        kinds.extend(key_length(token, len));
    }
    if let Some(plaintext) = ctx.plaintext
        && nested_jws_without_cty(&token.header, plaintext)
    {
        kinds.push(FindingKind::JweNestedWithoutCty);
    }
    let mut findings: Vec<Finding> = kinds.into_iter().map(Finding::new).collect();
    findings.sort_by_key(|f| f.severity); // stable: keeps the check order within a severity
    findings
}

/// What the protected header alone shows.
fn header_kinds(token: &JweCompact) -> Vec<FindingKind> {
    let mut kinds = Vec::new();
    let alg = token.alg().unwrap_or_default();
    if alg == "RSA1_5" {
        kinds.push(FindingKind::JweRsa1_5);
    }
    if alg.starts_with("PBES2")
        && let Some(p2c) = token.header.get("p2c").and_then(Value::as_u64)
        && (p2c < u64::from(MIN_RECOMMENDED_PBES2_ITERATIONS)
            || p2c > super::kinds::PBES2_COUNT_REFUSED_ABOVE)
    {
        kinds.push(FindingKind::JwePbes2Count { p2c });
    }
    if let Some(zip) = token.header.get("zip") {
        let zip = zip.as_str().map_or_else(|| zip.to_string(), str::to_owned);
        kinds.push(FindingKind::JweCompressed {
            zip: preview(&zip, 40),
        });
    }
    kinds
}

/// Why decryption would refuse an ECDH-ES token's `epk` (off its curve, of small order,
/// malformed or missing), checked as decryption checks it; `None` for other algorithms.
pub fn epk_review(token: &JweCompact) -> Option<EpkProblem> {
    let alg = KeyManagement::from_name(token.alg()?).ok()?;
    if !matches!(alg, KeyManagement::EcdhEs(_)) {
        return None;
    }
    epk_problem(&token.header).map(epk_problem_of)
}

/// The finding's account of why decryption refuses the `epk`.
fn epk_problem_of(error: JweError) -> EpkProblem {
    match error {
        JweError::EpkNotOnCurve(crv) => EpkProblem::NotOnCurve {
            crv: crv.to_owned(),
        },
        // Its reason alone: the error's own text repeats "the ephemeral public key".
        JweError::EpkInvalid(reason) => EpkProblem::Unusable {
            reason: preview(&reason, 120),
        },
        other => EpkProblem::Unusable {
            reason: preview(&other.to_string(), 120),
        },
    }
}

/// A symmetric key of `len` bytes where the `alg` (and for `dir` the `enc`) fixes another
/// length. Nothing when the `alg` takes no symmetric key, or `dir`'s `enc` is unknown.
fn key_length(token: &JweCompact, len: usize) -> Option<FindingKind> {
    let alg = KeyManagement::from_name(token.alg()?).ok()?;
    let enc = token
        .enc()
        .and_then(|name| ContentEncryption::from_name(name).ok());
    let need = alg.key_need(enc, false);
    let expected = need.length?;
    if need.kind != KeyKind::Symmetric || expected == len {
        return None;
    }
    let fixed_by = match (alg, enc) {
        (KeyManagement::Dir, Some(enc)) => enc.as_str(),
        _ => alg.as_str(),
    };
    Some(FindingKind::JweKeyLength {
        alg: alg.as_str(),
        fixed_by,
        expected,
        found: len,
    })
}
