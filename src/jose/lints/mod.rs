//! The security review: typed findings ("lints") about a decoded token and the key it is
//! checked with. Pure and deterministic: the clock and the key come in through [`LintContext`].
//!
//! Where each check lives:
//! - `header.rs`: `alg` (`none` in any casing, missing, wrong case), `crit`, the key-carrying
//!   headers `jku`/`x5u`/`jwk`/`x5c`, suspicious `kid`, unusual `typ`, repairs the decoder made;
//! - `claims.rs`: the time claims `exp`, `nbf`, `iat` against each other and against `now`;
//! - `signature.rs`: ECDSA signatures in DER instead of `r || s`, of the wrong length, or with a
//!   zero `r` or `s` (CVE-2022-21449);
//! - `key.rs`: short HMAC secrets, small RSA keys, an `alg` that does not fit the key or its
//!   JWK `alg`, a demo key, a token carrying its own verification key;
//! - `jwe.rs`: a JWE's header (`RSA1_5`, the PBES2 count, `zip`, an unusable ECDH-ES `epk`),
//!   the length of the symmetric key it is decrypted with, and a nested JWT without `cty`;
//! - `kinds.rs`: the finding kinds and their severities; `ids.rs`: their stable ids;
//!   `details.rs`: the data some of them carry; `text.rs`: their wording.
//!
//! Nothing here verifies a signature or fetches anything: headers such as `jku` are reported,
//! never followed.

mod claims;
mod details;
mod header;
mod ids;
mod jwe;
mod key;
mod kinds;
mod signature;
mod text;

use std::fmt;

pub use details::{CritProblem, EpkProblem, KeyHeader, KidIssue, TimeClaim};
pub(crate) use header::analyse_crit;
pub use jwe::{JweLintContext, epk_review, lint_jwe, lint_jwe_with};
pub use kinds::FindingKind;

use super::algorithm::Algorithm;
use super::error::JoseError;
use super::keys::PublicKey;
use super::token::DecodedToken;

/// How much a finding matters. Ordered: `Error < Warning < Info`, so sorting puts errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The token is forged, broken or open to a known attack; a careful verifier rejects it.
    Error,
    /// A weakness or a likely mistake worth fixing; the token may still be accepted.
    Warning,
    /// Worth knowing; not a weakness by itself.
    Info,
}

impl Severity {
    /// A lowercase name for CSS classes and tests: `"error"`, `"warning"`, `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding of the security review: what was found and how much it matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What was found, with the data that shows it.
    pub kind: FindingKind,
    /// How much it matters (decided by the kind, see [`FindingKind::severity`]).
    pub severity: Severity,
}

impl Finding {
    /// A finding of `kind`, with the severity the kind calls for.
    pub fn new(kind: FindingKind) -> Finding {
        let severity = kind.severity();
        Finding { kind, severity }
    }

    /// A stable identifier such as `"alg-none"`, for tests and CSS classes.
    pub fn id(&self) -> &'static str {
        self.kind.id()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.title())
    }
}

/// What the review knows besides the token: the time and the key the token is checked with.
#[derive(Clone, Copy, Debug)]
pub struct LintContext<'a> {
    /// The current time, in seconds since the Unix epoch.
    pub now: i64,
    /// The key the token is verified with, if the user gave one (an RSA, EC or Ed25519 public
    /// key, or an HMAC secret).
    pub verification_key: Option<&'a PublicKey>,
    /// The length in bytes of the HMAC secret, if known; when `None`, the length of a
    /// [`PublicKey::Hmac`] verification key is used.
    pub hmac_secret_len: Option<usize>,
    /// Lifetimes (`exp - iat`, or `exp - now` without `iat`) longer than this many seconds are
    /// flagged.
    pub max_lifetime_secs: i64,
    /// Clock skew allowed when judging `exp`, `nbf` and `iat` against `now`, in seconds.
    pub leeway_secs: i64,
    /// The verification key's JWK `alg`, if it came from a JWK that has one.
    pub key_alg: Option<&'a str>,
    /// Whether the token is signed with one of the page's built-in demo keys (decided by the
    /// front end, which knows its demo keys).
    pub demo_key: bool,
}

/// The default for [`LintContext::max_lifetime_secs`]: 24 hours.
pub const DEFAULT_MAX_LIFETIME_SECS: i64 = 24 * 60 * 60;

impl LintContext<'static> {
    /// A context at time `now` (Unix seconds) with no key and a 24-hour lifetime limit.
    pub fn at(now: i64) -> LintContext<'static> {
        LintContext {
            now,
            verification_key: None,
            hmac_secret_len: None,
            max_lifetime_secs: DEFAULT_MAX_LIFETIME_SECS,
            leeway_secs: 0,
            key_alg: None,
            demo_key: false,
        }
    }
}

impl<'a> LintContext<'a> {
    /// The same context with `key` as the verification key.
    pub fn with_key<'b>(self, key: &'b PublicKey) -> LintContext<'b>
    where
        'a: 'b,
    {
        LintContext {
            now: self.now,
            verification_key: Some(key),
            hmac_secret_len: self.hmac_secret_len,
            max_lifetime_secs: self.max_lifetime_secs,
            leeway_secs: self.leeway_secs,
            key_alg: self.key_alg,
            demo_key: self.demo_key,
        }
    }

    /// The same context with the HMAC secret length set to `len` bytes.
    pub fn with_hmac_secret_len(self, len: usize) -> LintContext<'a> {
        LintContext {
            hmac_secret_len: Some(len),
            ..self
        }
    }
}

/// Reviews `token` and returns its findings, errors first, then warnings, then information.
/// Within a severity the order is fixed (header, claims, signature, key checks), so the result
/// is deterministic for a given token and context.
pub fn lint(token: &DecodedToken, ctx: &LintContext) -> Vec<Finding> {
    let alg = effective_alg(token);
    let mut kinds = Vec::new();
    header::check(token, &mut kinds);
    claims::check(&token.payload, ctx, &mut kinds);
    match alg {
        Some(alg) if alg != Algorithm::None && token.signature.is_empty() => {
            kinds.push(FindingKind::SignatureEmpty { alg });
        }
        Some(alg) => signature::check(alg, &token.signature, &mut kinds),
        None => {}
    }
    key::check(alg, ctx, &mut kinds);
    key::check_embedded(token, ctx, &mut kinds);
    let mut findings: Vec<Finding> = kinds.into_iter().map(Finding::new).collect();
    findings.sort_by_key(|f| f.severity); // stable: keeps the check order within a severity
    findings
}

/// The algorithm the header names: the parsed one, or the canonical algorithm a wrongly cased
/// name stands for (a lenient library would accept `"hs256"` as HS256, so the key checks
/// still apply). `None` if `alg` is missing, not a string or unknown.
fn effective_alg(token: &DecodedToken) -> Option<Algorithm> {
    match &token.alg {
        Ok(alg) => Some(*alg),
        Err(JoseError::AlgorithmWrongCase { expected, .. }) => expected.parse().ok(),
        Err(_) => None,
    }
}

/// At most `max` characters of `text`, with `…` when cut: findings quote attacker-controlled
/// values, which must not flood the panel.
pub(crate) fn preview(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}
