//! Judging a token against a policy: the signature, header and claim rules here, the DPoP
//! rules in `dpop.rs`, the time rules in `times.rs`.
//!
//! Which rules are listed: the `signature` rule always; every rule the policy states (an
//! allowed-algorithm list gives `alg`, an issuer `iss`, each required claim `required:<claim>`…);
//! and `exp` and `nbf` whenever the token has them, stated or not, because every server and
//! library checks those when present (RFC 7519 sections 4.1.4 and 4.1.5: the token "MUST NOT
//! be accepted"), so a report without them would accept what every server rejects.

use serde_json::{Map, Value};

use super::times::time_rules;
use super::{Policy, PolicyReport, RuleOutcome, SignatureFacts, dpop};
use crate::jose::lints::preview;
use crate::jose::token::DecodedToken;

/// Longest quotation of a token's value in a message: values are attacker-controlled and a
/// message is one line.
const QUOTE_CHARS: usize = 80;

/// Judges `token` against `policy` at `at` (Unix seconds), given what the caller's
/// verification found: [`static_rules`], then [`time_rules`].
pub fn evaluate(
    policy: &Policy,
    token: &DecodedToken,
    signature: &SignatureFacts,
    at: i64,
) -> PolicyReport {
    let mut rules = static_rules(policy, token, signature);
    rules.extend(time_rules(policy, token, at));
    PolicyReport::from_rules(rules)
}

/// The rules that do not depend on the moment, in order: `signature`, `alg`, `kid`, `typ`,
/// `iss`, `sub`, `aud`, `nonce`, `required:<claim>`, then the DPoP rules (`dpop-jwk`, `htm`,
/// `htu`, `ath`). Each is listed only when the policy states it (the signature always).
pub fn static_rules(
    policy: &Policy,
    token: &DecodedToken,
    signature: &SignatureFacts,
) -> Vec<RuleOutcome> {
    let empty = Map::new();
    let claims = token.payload.as_object().unwrap_or(&empty);
    let mut rules = vec![RuleOutcome::new(
        "signature",
        signature.verified,
        signature.detail.clone(),
    )];
    if !policy.algorithms.is_empty() {
        rules.push(alg_rule(&policy.algorithms, token));
    }
    if policy.require_kid {
        rules.push(kid_rule(token, signature));
    }
    if let Some(typ) = &policy.typ {
        rules.push(typ_rule(token, typ));
    }
    for (id, expected) in [("iss", &policy.issuer), ("sub", &policy.subject)] {
        if let Some(expected) = expected {
            rules.push(string_rule(id, claims.get(id), expected));
        }
    }
    if !policy.audience.is_empty() {
        rules.push(aud_rule(claims.get("aud"), &policy.audience));
    }
    if let Some(nonce) = &policy.nonce {
        rules.push(string_rule("nonce", claims.get("nonce"), nonce));
    }
    for claim in &policy.required_claims {
        let id = format!("required:{claim}");
        rules.push(match claims.contains_key(claim) {
            true => RuleOutcome::new(id, true, format!("{claim} is present")),
            false => RuleOutcome::new(id, false, format!("{claim} is missing; it is required")),
        });
    }
    if let Some(rules_of_proof) = &policy.dpop {
        rules.extend(dpop::rules(rules_of_proof, token, claims));
    }
    rules
}

/// Whether two `typ` (or `cty`) values name the same media type, as RFC 7515 section 4.1.9
/// and RFC 8725 section 3.11 say: case-insensitively, a value without `/` standing for
/// `application/` + the value (so `JWT`, `jwt` and `application/JWT` are one type).
pub fn media_type_eq(a: &str, b: &str) -> bool {
    fn full(t: &str) -> String {
        if t.contains('/') {
            t.to_ascii_lowercase()
        } else {
            format!("application/{}", t.to_ascii_lowercase())
        }
    }
    full(a.trim()) == full(b.trim())
}

/// A token's value as JSON, cut to [`QUOTE_CHARS`].
pub(super) fn shown(value: &Value) -> String {
    preview(&value.to_string(), QUOTE_CHARS)
}

/// A policy's string as JSON (quoted and escaped).
pub(super) fn quoted(text: &str) -> String {
    shown(&Value::from(text))
}

/// A policy's list of strings as a JSON array.
fn quoted_list(items: &[String]) -> String {
    preview(&Value::from(items.to_vec()).to_string(), QUOTE_CHARS)
}

/// `found` must be exactly the string `expected` (`iss`, `sub`, `nonce`, `htm`).
pub(super) fn string_rule(id: &str, found: Option<&Value>, expected: &str) -> RuleOutcome {
    let want = quoted(expected);
    match found {
        None => RuleOutcome::new(id, false, format!("{id} is missing; expected {want}")),
        Some(Value::String(s)) if s == expected => {
            RuleOutcome::new(id, true, format!("{id} is {want}, as expected"))
        }
        Some(other @ Value::String(_)) => RuleOutcome::new(
            id,
            false,
            format!("{id} is {}; expected {want}", shown(other)),
        ),
        Some(other) => RuleOutcome::new(
            id,
            false,
            format!("{id} is {}, not a string; expected {want}", shown(other)),
        ),
    }
}

/// The header's `alg` must be one of the allowed names (exactly, as every library compares).
fn alg_rule(allowed: &[String], token: &DecodedToken) -> RuleOutcome {
    let want = quoted_list(allowed);
    match token.header.get("alg") {
        Some(Value::String(alg)) if allowed.contains(alg) => RuleOutcome::new(
            "alg",
            true,
            format!("alg is {}; allowed: {want}", quoted(alg)),
        ),
        Some(found) => RuleOutcome::new(
            "alg",
            false,
            format!("alg is {}; expected one of {want}", shown(found)),
        ),
        None => RuleOutcome::new(
            "alg",
            false,
            format!("the header has no alg; expected one of {want}"),
        ),
    }
}

/// The header must have a `kid`, and when the verifying key came with one, the same.
fn kid_rule(token: &DecodedToken, signature: &SignatureFacts) -> RuleOutcome {
    let kid = match token.header.get("kid") {
        None => {
            return RuleOutcome::new(
                "kid",
                false,
                "the header has no kid; the server finds its key by kid",
            );
        }
        Some(Value::String(kid)) if !kid.is_empty() => kid,
        Some(other) => {
            return RuleOutcome::new(
                "kid",
                false,
                format!("kid is {}; expected a non-empty string", shown(other)),
            );
        }
    };
    let kid_text = quoted(kid);
    match &signature.key_kid {
        Some(key_kid) if key_kid == kid => RuleOutcome::new(
            "kid",
            true,
            format!("kid is {kid_text}, the kid of the key that verified"),
        ),
        Some(key_kid) => RuleOutcome::new(
            "kid",
            false,
            format!(
                "kid is {kid_text}; the key that verified has kid {}",
                quoted(key_kid)
            ),
        ),
        None if signature.verified => RuleOutcome::new(
            "kid",
            true,
            format!(
                "kid is {kid_text}; the key given has no kid to compare, the server must hold its key under this one"
            ),
        ),
        None => RuleOutcome::new(
            "kid",
            true,
            format!("kid is {kid_text}; no key verified the token to compare it with"),
        ),
    }
}

/// The header's `typ` must name the expected media type ([`media_type_eq`]).
fn typ_rule(token: &DecodedToken, expected: &str) -> RuleOutcome {
    let want = quoted(expected);
    match token.header.get("typ") {
        Some(Value::String(typ)) if media_type_eq(typ, expected) => RuleOutcome::new(
            "typ",
            true,
            format!("typ is {}, the same media type as {want}", quoted(typ)),
        ),
        Some(found) => RuleOutcome::new(
            "typ",
            false,
            format!(
                "typ is {}; expected {want} (case-insensitive, application/ optional)",
                shown(found)
            ),
        ),
        None => RuleOutcome::new(
            "typ",
            false,
            format!("the header has no typ; expected {want}"),
        ),
    }
}

/// `aud` (a string or an array of strings) must hold one of the expected audiences.
fn aud_rule(found: Option<&Value>, expected: &[String]) -> RuleOutcome {
    let want = quoted_list(expected);
    let audiences: Vec<&str> = match found {
        None => {
            return RuleOutcome::new(
                "aud",
                false,
                format!("aud is missing; expected one of {want}"),
            );
        }
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(other) => {
            return RuleOutcome::new(
                "aud",
                false,
                format!(
                    "aud is {}, neither a string nor an array of strings; expected one of {want}",
                    shown(other)
                ),
            );
        }
    };
    let shown_aud = found.map(shown).unwrap_or_default();
    match audiences.iter().find(|a| expected.iter().any(|e| e == *a)) {
        Some(hit) => RuleOutcome::new(
            "aud",
            true,
            format!("aud is {shown_aud}; {} is expected", quoted(hit)),
        ),
        None => RuleOutcome::new(
            "aud",
            false,
            format!("aud is {shown_aud}; expected one of {want}"),
        ),
    }
}
