//! Checks on the time claims `exp`, `nbf` and `iat` (RFC 7519 §4.1.4-6): their type, their
//! order, the lifetime they give, and where `now` falls. The claims are read and judged by
//! [`crate::jose::claims::check_times`], the same function the Verify pane and the claims table
//! use; this module only turns its verdict into findings.

use serde_json::Value;

use super::LintContext;
use super::details::TimeClaim;
use super::kinds::FindingKind;
use super::preview;
use crate::jose::claims::{ClaimTime, TimeIssue, check_times};

/// Quoted values are cut to this many characters.
const PREVIEW_CHARS: usize = 40;

pub(super) fn check(payload: &Value, ctx: &LintContext, out: &mut Vec<FindingKind>) {
    // A payload that is not a JSON object has no claims (a JWS over arbitrary content); the
    // decoder already reports it.
    if !payload.is_object() {
        return;
    }
    let validity = check_times(payload, ctx.now, ctx.leeway_secs);
    let claims = [
        (TimeClaim::Exp, &validity.exp),
        (TimeClaim::Nbf, &validity.nbf),
        (TimeClaim::Iat, &validity.iat),
    ];
    for (claim, time) in claims {
        if let ClaimTime::NotNumeric { raw } = time {
            out.push(FindingKind::ClaimNotNumeric {
                claim,
                found: preview(raw, PREVIEW_CHARS),
            });
        }
    }
    let seconds = |time: &ClaimTime| match time {
        ClaimTime::Present { value, .. } => Some(*value),
        _ => None,
    };
    let (exp, nbf, iat) = (
        seconds(&validity.exp),
        seconds(&validity.nbf),
        seconds(&validity.iat),
    );
    let has = |wanted: fn(&TimeIssue) -> bool| validity.issues.iter().any(wanted);
    if has(|i| matches!(i, TimeIssue::MissingExp)) {
        out.push(FindingKind::ExpMissing);
    }
    match (exp, iat) {
        (Some(exp), Some(iat)) if has(|i| matches!(i, TimeIssue::ExpBeforeIat { .. })) => {
            out.push(FindingKind::ExpNotAfterIat { exp, iat });
        }
        (Some(exp), Some(iat)) => long_lifetime(exp.saturating_sub(iat), true, ctx, out),
        (Some(exp), None) => long_lifetime(exp.saturating_sub(ctx.now), false, ctx, out),
        _ => {}
    }
    let now = ctx.now;
    if let Some(nbf) = nbf
        && has(|i| matches!(i, TimeIssue::NotYetValid { .. }))
    {
        out.push(FindingKind::NotYetValid { nbf, now });
    }
    if let Some(exp) = exp
        && has(|i| matches!(i, TimeIssue::Expired { .. }))
    {
        out.push(FindingKind::Expired { exp, now });
    }
    if let Some(iat) = iat
        && has(|i| matches!(i, TimeIssue::IssuedInFuture { .. }))
    {
        out.push(FindingKind::IatInFuture { iat, now });
    }
}

fn long_lifetime(
    lifetime_secs: i64,
    from_iat: bool,
    ctx: &LintContext,
    out: &mut Vec<FindingKind>,
) {
    if lifetime_secs > ctx.max_lifetime_secs {
        out.push(FindingKind::LongLifetime {
            lifetime_secs,
            max_secs: ctx.max_lifetime_secs,
            from_iat,
        });
    }
}
