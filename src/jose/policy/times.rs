//! The time rules: `exp`, `nbf`, `iat`, the lifetime and a DPoP proof's age. The claims are
//! read and judged by the core's [`check_times`] (the one NumericDate reader, the same edges
//! as the claims table and the findings): expired when `at >= exp + leeway`, not yet valid
//! when `at < nbf - leeway`, issued in the future when `iat > at + leeway`.

use super::dpop::DPOP_MAX_AGE_SECS;
use super::{Policy, RuleOutcome};
use crate::jose::claims::{
    ClaimTime, TimeIssue, TimeValidity, check_times, format_utc, humanize_duration,
};
use crate::jose::token::DecodedToken;

/// The rules that depend on the moment `at` (Unix seconds), in order: `exp` and `nbf` when the
/// token has them (every server checks them: see the module docs of `evaluate.rs`); `iat` when
/// the policy relies on it (required, a maximum lifetime, or a DPoP proof); `lifetime` with a
/// maximum lifetime; `dpop-age` for a DPoP proof with an `iat`.
pub fn time_rules(policy: &Policy, token: &DecodedToken, at: i64) -> Vec<RuleOutcome> {
    let leeway = policy.leeway_secs();
    let times = check_times(&token.payload, at, leeway);
    let mut rules = Vec::new();
    if times.exp != ClaimTime::Absent {
        rules.push(exp_rule(&times, leeway));
    }
    if times.nbf != ClaimTime::Absent {
        rules.push(nbf_rule(&times, leeway));
    }
    let iat_stated = policy.required_claims.iter().any(|c| c == "iat")
        || policy.max_lifetime.is_some()
        || policy.dpop.is_some();
    if iat_stated && times.iat != ClaimTime::Absent {
        rules.push(iat_rule(&times, leeway));
    }
    if let Some(max) = policy.max_lifetime {
        rules.push(lifetime_rule(&times, max));
    }
    if let (Some(_), ClaimTime::Present { relative, .. }) = (&policy.dpop, &times.iat) {
        rules.push(dpop_age_rule(relative.saturating_neg(), leeway));
    }
    rules
}

/// "1 s", or "2 h (7200 s)" above a minute: exact seconds for the edges, a unit for reading.
fn span(seconds: i64) -> String {
    let seconds = seconds.saturating_abs();
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} ({seconds} s)", humanize_duration(seconds))
    }
}

/// The outcome for a claim that is not a NumericDate.
fn not_numeric(id: &str, raw: &str) -> RuleOutcome {
    RuleOutcome::new(
        id,
        false,
        format!("{id} is {raw}, not a NumericDate (seconds since 1970)"),
    )
}

fn has_issue(times: &TimeValidity, matches: impl Fn(&TimeIssue) -> bool) -> bool {
    times.issues.iter().any(matches)
}

fn exp_rule(times: &TimeValidity, leeway: i64) -> RuleOutcome {
    let (value, relative) = match &times.exp {
        ClaimTime::Present { value, relative } => (*value, *relative),
        ClaimTime::NotNumeric { raw } => return not_numeric("exp", raw),
        ClaimTime::Absent => return RuleOutcome::new("exp", true, "no exp"),
    };
    let when = format!("exp {}, leeway {leeway} s", format_utc(value));
    if has_issue(times, |i| matches!(i, TimeIssue::Expired { .. })) {
        RuleOutcome::new(
            "exp",
            false,
            format!("expired {} ago; {when}", span(relative)),
        )
    } else if relative > 0 {
        RuleOutcome::new(
            "exp",
            true,
            format!("expires in {}; {when}", span(relative)),
        )
    } else {
        RuleOutcome::new(
            "exp",
            true,
            format!("expired {} ago, within the leeway; {when}", span(relative)),
        )
    }
}

fn nbf_rule(times: &TimeValidity, leeway: i64) -> RuleOutcome {
    let (value, relative) = match &times.nbf {
        ClaimTime::Present { value, relative } => (*value, *relative),
        ClaimTime::NotNumeric { raw } => return not_numeric("nbf", raw),
        ClaimTime::Absent => return RuleOutcome::new("nbf", true, "no nbf"),
    };
    let when = format!("nbf {}, leeway {leeway} s", format_utc(value));
    if has_issue(times, |i| matches!(i, TimeIssue::NotYetValid { .. })) {
        RuleOutcome::new(
            "nbf",
            false,
            format!("not valid yet: valid in {}; {when}", span(relative)),
        )
    } else if relative <= 0 {
        RuleOutcome::new(
            "nbf",
            true,
            format!("valid since {} ago; {when}", span(relative)),
        )
    } else {
        RuleOutcome::new(
            "nbf",
            true,
            format!("valid in {}, within the leeway; {when}", span(relative)),
        )
    }
}

fn iat_rule(times: &TimeValidity, leeway: i64) -> RuleOutcome {
    let (value, relative) = match &times.iat {
        ClaimTime::Present { value, relative } => (*value, *relative),
        ClaimTime::NotNumeric { raw } => return not_numeric("iat", raw),
        ClaimTime::Absent => return RuleOutcome::new("iat", true, "no iat"),
    };
    let when = format!("iat {}, leeway {leeway} s", format_utc(value));
    if has_issue(times, |i| matches!(i, TimeIssue::IssuedInFuture { .. })) {
        RuleOutcome::new(
            "iat",
            false,
            format!("issued in the future: in {}; {when}", span(relative)),
        )
    } else if relative <= 0 {
        RuleOutcome::new(
            "iat",
            true,
            format!("issued {} ago; {when}", span(relative)),
        )
    } else {
        RuleOutcome::new(
            "iat",
            true,
            format!("issued in {}, within the leeway; {when}", span(relative)),
        )
    }
}

/// `exp - iat` must be at most `max` seconds; a token without both has no known lifetime.
fn lifetime_rule(times: &TimeValidity, max: u64) -> RuleOutcome {
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    let limit = format!("at most {} allowed", span(max));
    let (exp, iat) = match (&times.exp, &times.iat) {
        (ClaimTime::Present { value: e, .. }, ClaimTime::Present { value: i, .. }) => (*e, *i),
        (ClaimTime::Absent, _) => {
            return RuleOutcome::new(
                "lifetime",
                false,
                format!("no exp: the token never expires; {limit}"),
            );
        }
        (_, ClaimTime::Absent) => {
            return RuleOutcome::new(
                "lifetime",
                false,
                format!("no iat: the lifetime exp - iat is unknown; {limit}"),
            );
        }
        _ => {
            return RuleOutcome::new(
                "lifetime",
                false,
                format!("exp and iat must be NumericDates to know the lifetime; {limit}"),
            );
        }
    };
    let lifetime = exp.saturating_sub(iat);
    RuleOutcome::new(
        "lifetime",
        lifetime <= max,
        format!(
            "the lifetime exp - iat is {}; {limit}",
            signed_span(lifetime)
        ),
    )
}

/// [`span`] keeping a negative sign (a lifetime can be negative: exp before iat).
fn signed_span(seconds: i64) -> String {
    if seconds < 0 {
        format!("-{}", span(seconds))
    } else {
        span(seconds)
    }
}

/// A DPoP proof is accepted for [`DPOP_MAX_AGE_SECS`] after its `iat`, plus the leeway.
fn dpop_age_rule(age: i64, leeway: i64) -> RuleOutcome {
    let limit = format!("proofs are accepted for {DPOP_MAX_AGE_SECS} s, leeway {leeway} s");
    if age > DPOP_MAX_AGE_SECS.saturating_add(leeway) {
        RuleOutcome::new(
            "dpop-age",
            false,
            format!("the proof is {} old; {limit}", span(age)),
        )
    } else if age >= 0 {
        RuleOutcome::new(
            "dpop-age",
            true,
            format!("the proof is {} old; {limit}", span(age)),
        )
    } else {
        RuleOutcome::new(
            "dpop-age",
            true,
            format!("the proof is issued in {} (see iat); {limit}", span(age)),
        )
    }
}
