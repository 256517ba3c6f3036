//! Checks on the time claims `exp`, `nbf` and `iat` (RFC 7519 §4.1.4-6): their type, their
//! order, the lifetime they give, and where `now` falls.

use serde_json::{Map, Value};

use super::LintContext;
use super::details::TimeClaim;
use super::kinds::FindingKind;
use super::preview;

/// Quoted values are cut to this many characters.
const PREVIEW_CHARS: usize = 40;

pub(super) fn check(payload: &Value, ctx: &LintContext, out: &mut Vec<FindingKind>) {
    // A payload that is not a JSON object has no claims (a JWS over arbitrary content); the
    // decoder already reports it.
    let Value::Object(claims) = payload else {
        return;
    };
    let exp = numeric_date(claims, TimeClaim::Exp, out);
    let nbf = numeric_date(claims, TimeClaim::Nbf, out);
    let iat = numeric_date(claims, TimeClaim::Iat, out);
    let now = ctx.now;

    if !claims.contains_key(TimeClaim::Exp.name()) {
        out.push(FindingKind::ExpMissing);
    }
    match (exp, iat) {
        (Some(exp), Some(iat)) if exp <= iat => out.push(FindingKind::ExpNotAfterIat { exp, iat }),
        (Some(exp), Some(iat)) => long_lifetime(exp.saturating_sub(iat), true, ctx, out),
        (Some(exp), None) => long_lifetime(exp.saturating_sub(now), false, ctx, out),
        _ => {}
    }
    if let Some(nbf) = nbf
        && nbf > now
    {
        out.push(FindingKind::NotYetValid { nbf, now });
    }
    // RFC 7519 §4.1.4: the current time must be *before* `exp`, so `exp == now` is expired.
    if let Some(exp) = exp
        && exp <= now
    {
        out.push(FindingKind::Expired { exp, now });
    }
    if let Some(iat) = iat
        && iat > now
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

/// The claim as whole seconds: `None` if absent, or if it is not a JSON number (then a
/// [`FindingKind::ClaimNotNumeric`] is pushed). Fractions are floored (NumericDate may have
/// them); values beyond `i64` saturate.
fn numeric_date(
    claims: &Map<String, Value>,
    claim: TimeClaim,
    out: &mut Vec<FindingKind>,
) -> Option<i64> {
    match claims.get(claim.name())? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.floor() as i64)),
        other => {
            out.push(FindingKind::ClaimNotNumeric {
                claim,
                found: preview(&other.to_string(), PREVIEW_CHARS),
            });
            None
        }
    }
}
