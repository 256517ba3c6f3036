//! The Rust `jsonwebtoken` (9.3) fragment: `decode` with a `Validation` for the header's
//! algorithm (after an explicit allow-list check: jsonwebtoken wants every algorithm of a
//! `Validation` to fit the one key), then explicit checks for what it has no setting for
//! (`typ`, required claims other than the registered ones, `iat`, the lifetime, the nonce, the
//! DPoP rules).

use super::quote::{Lang, list, literal};
use super::{KeySource, Lines, Plan};
use crate::jose::Algorithm;
use crate::jose::algorithm::Family;
use crate::jose::policy::{DPOP_MAX_AGE_SECS, DpopRules};

const RS: Lang = Lang::Rust;

/// The fragment for `plan`.
pub(super) fn fragment(plan: &Plan) -> String {
    let mut code = Lines::new("    ");
    let mut crates = vec!["jsonwebtoken = \"9.3\"", "serde_json = \"1\""];
    if plan.key == KeySource::EmbeddedJwk {
        crates.push("base64 = \"0.22\"");
    }
    let library = format!("jsonwebtoken (Cargo.toml: {})", crates.join(", "));
    for line in plan.preamble(&library) {
        code.add(0, format!("// {line}"));
    }
    if plan.key == KeySource::EmbeddedJwk {
        code.add(0, "use base64::Engine as _;");
    }
    code.add_all(
        0,
        &[
            "use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};",
            "use serde_json::{Map, Value};",
            "",
            "/// The claims of `token` if the policy accepts it; why not otherwise.",
            "pub fn verify(token: &str) -> Result<Map<String, Value>, Box<dyn std::error::Error>> {",
            "    let header = decode_header(token)?;",
        ],
    );
    let allowed: Vec<String> = plan
        .algorithm_names()
        .iter()
        .map(|name| format!("Algorithm::{name}"))
        .collect();
    code.add(
        1,
        format!("const ALLOWED: &[Algorithm] = &[{}];", allowed.join(", ")),
    );
    code.add(1, "if !ALLOWED.contains(&header.alg) {");
    code.add(2, "return Err(\"alg is not allowed\".into());");
    code.add(1, "}");
    key(plan, &mut code);
    validation(plan, &mut code);
    code.add(
        1,
        "let claims = decode::<Map<String, Value>>(token, &key, &validation)?.claims;",
    );
    checks(plan, &mut code);
    code.add(1, "Ok(claims)");
    code.add(0, "}");
    helpers(plan, &mut code);
    code.finish()
}

/// Declares `key`.
fn key(plan: &Plan, code: &mut Lines) {
    match plan.key {
        KeySource::EmbeddedJwk => code.add_all(
            1,
            &[
                "// A proof carries its own public key; a private or symmetric one is refused.",
                "let segment = token.split('.').next().unwrap_or_default();",
                "let raw: Value = serde_json::from_slice(",
                "    &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(segment)?,",
                ")?;",
                "let private = [\"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\", \"oth\", \"k\"];",
                "let jwk = raw.get(\"jwk\").and_then(Value::as_object).ok_or(\"the header has no jwk\")?;",
                "if private.iter().any(|m| jwk.contains_key(*m)) {",
                "    return Err(\"the jwk header is not a public key\".into());",
                "}",
                "let key = DecodingKey::from_jwk(header.jwk.as_ref().ok_or(\"the header has no jwk\")?)?;",
            ],
        ),
        KeySource::Jwks => code.add_all(
            1,
            &[
                "// The key is the one registered under the header's kid.",
                "let kid = header.kid.as_deref().filter(|kid| !kid.is_empty());",
                "let kid = kid.ok_or(\"the header has no kid\")?;",
                "let jwks: jsonwebtoken::jwk::JwkSet =",
                "    serde_json::from_str(&std::fs::read_to_string(\"jwks.json\")?)?;",
                "let jwk = jwks.find(kid).ok_or(\"no key in jwks.json has this kid\")?;",
                "let key = DecodingKey::from_jwk(jwk)?;",
            ],
        ),
        KeySource::Files { pem: false, .. } => code.add(
            1,
            "let key = DecodingKey::from_secret(std::env::var(\"JWT_SECRET\")?.as_bytes());",
        ),
        KeySource::Files { secret, .. } => {
            code.add(1, "let pem = std::fs::read(\"public.pem\")?;");
            code.add(1, "let key = match header.alg {");
            for (constructor, family) in [
                ("from_rsa_pem", &[Family::Rsa, Family::RsaPss][..]),
                ("from_ec_pem", &[Family::Ecdsa][..]),
                ("from_ed_pem", &[Family::EdDsa][..]),
            ] {
                let arms = pattern(plan, family);
                if !arms.is_empty() {
                    code.add(2, format!("{arms} => DecodingKey::{constructor}(&pem)?,"));
                }
            }
            code.add(
                2,
                match secret {
                    true => "_ => DecodingKey::from_secret(std::env::var(\"JWT_SECRET\")?.as_bytes()),",
                    false => "_ => return Err(\"alg is not allowed\".into()),",
                },
            );
            code.add(1, "};");
        }
    }
}

/// `Algorithm::A | Algorithm::B` for the plan's algorithms of `families`.
fn pattern(plan: &Plan, families: &[Family]) -> String {
    let names: Vec<String> = plan
        .algorithms
        .iter()
        .filter(|a| families.contains(&a.family()))
        .map(|a: &Algorithm| format!("Algorithm::{}", a.as_str()))
        .collect();
    names.join(" | ")
}

/// The `Validation`: every rule jsonwebtoken has a setting for.
fn validation(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    code.add_all(
        1,
        &[
            "// One algorithm per Validation: jsonwebtoken wants each listed one to fit the key.",
            "let mut validation = Validation::new(header.alg);",
        ],
    );
    code.add(1, format!("validation.leeway = {};", policy.leeway));
    code.add_all(
        1,
        &[
            "// jsonwebtoken 9 accepts a token during its exp second; RFC 7519 4.1.4 does not.",
            "validation.reject_tokens_expiring_in_less_than = 1;",
            "validation.validate_nbf = true;",
        ],
    );
    let mut expected = Vec::new();
    if let Some(issuer) = &policy.issuer {
        expected.push("iss");
        code.add(
            1,
            format!("validation.set_issuer({});", list(RS, &[issuer])),
        );
    }
    if policy.audience.is_empty() {
        code.add(
            1,
            "// No expected audience: jsonwebtoken would refuse every token with one.",
        );
        code.add(1, "validation.validate_aud = false;");
    } else {
        expected.push("aud");
        code.add(
            1,
            format!("validation.set_audience({});", list(RS, &policy.audience)),
        );
    }
    if let Some(subject) = &policy.subject {
        expected.push("sub");
        code.add(
            1,
            format!(
                "validation.sub = Some({}.to_owned());",
                literal(RS, subject)
            ),
        );
    }
    if expected.is_empty() {
        code.add(1, "validation.required_spec_claims.clear();");
    } else {
        code.add(
            1,
            "// jsonwebtoken checks iss, aud and sub only when present: require them.",
        );
        code.add(
            1,
            format!(
                "validation.set_required_spec_claims({});",
                list(RS, &expected)
            ),
        );
    }
}

/// The rules the `Validation` has no setting for.
fn checks(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    if let Some(typ) = &policy.typ {
        code.add(
            1,
            "// typ as RFC 8725 3.11 compares it: case-insensitive, application/ optional.",
        );
        code.add(
            1,
            format!(
                "if header.typ.as_deref().map(media_type) != Some(media_type({})) {{",
                literal(RS, typ)
            ),
        );
        fail(code, "typ is not the expected type");
    }
    if !plan.required.is_empty() {
        code.add(1, format!("for claim in {} {{", list(RS, &plan.required)));
        code.add(2, "if !claims.contains_key(*claim) {");
        code.add(
            3,
            "return Err(format!(\"the {claim} claim is missing\").into());",
        );
        code.add(2, "}");
        code.add(1, "}");
    }
    let number =
        |name: &str| format!("claims.get(\"{name}\").and_then(Value::as_f64).map(f64::floor)");
    if plan.checks_iat {
        code.add(1, "let now = jsonwebtoken::get_current_timestamp() as f64;");
        code.add(1, format!("let iat = {};", number("iat")));
        let limit = match policy.leeway {
            0 => "now".to_owned(),
            leeway => format!("now + {leeway}.0"),
        };
        code.add(1, format!("if iat.is_some_and(|iat| iat > {limit}) {{"));
        fail(code, "iat is in the future");
    }
    // A maximum lifetime makes the policy check iat: `iat` is declared above.
    if let Some(max) = policy.max_lifetime {
        code.add(1, format!("let exp = {};", number("exp")));
        code.add(
            1,
            format!("if exp.zip(iat).is_none_or(|(exp, iat)| exp - iat > {max}.0) {{"),
        );
        fail(code, "the lifetime exp - iat is unknown or too long");
    }
    if let Some(nonce) = &policy.nonce {
        string_rule(code, "nonce", nonce, "nonce is not the expected one");
    }
    if let Some(dpop) = &policy.dpop {
        dpop_checks(plan, dpop, code);
    }
}

/// Ends an `if` whose condition means the token is refused: returns the error `why`.
fn fail(code: &mut Lines, why: &str) {
    code.add(2, format!("return Err(\"{why}\".into());"));
    code.add(1, "}");
}

/// The claim `claim` must be the string `expected`.
fn string_rule(code: &mut Lines, claim: &str, expected: &str, why: &str) {
    code.add(
        1,
        format!(
            "if claims.get(\"{claim}\").and_then(Value::as_str) != Some({}) {{",
            literal(RS, expected)
        ),
    );
    fail(code, why);
}

/// The DPoP proof's rules: `htm`, `ath`, `htu` and its age (`iat` and `now` are declared by
/// [`checks`]: a DPoP policy checks `iat`).
fn dpop_checks(plan: &Plan, dpop: &DpopRules, code: &mut Lines) {
    let policy = plan.policy;
    if let Some(htm) = &dpop.htm {
        string_rule(code, "htm", htm, "htm is not the request's method");
    }
    if let Some(ath) = &plan.ath {
        string_rule(
            code,
            "ath",
            ath,
            "ath is not the access token's hash (base64url SHA-256)",
        );
    }
    if let Some(htu) = &plan.htu {
        code.add(
            1,
            "let found = claims.get(\"htu\").and_then(Value::as_str).and_then(htu);",
        );
        code.add(
            1,
            format!("if found.as_deref() != Some({}) {{", literal(RS, htu)),
        );
        fail(code, "htu is not the request's URI");
    }
    let max_age = DPOP_MAX_AGE_SECS.saturating_add(policy.leeway_secs());
    code.add(
        1,
        format!("// A proof is accepted for {DPOP_MAX_AGE_SECS} s after its iat, plus the leeway."),
    );
    code.add(
        1,
        format!("if iat.is_some_and(|iat| now - iat > {max_age}.0) {{"),
    );
    fail(code, "the proof is too old");
}

/// The helper functions the checks call, after `verify`.
fn helpers(plan: &Plan, code: &mut Lines) {
    if plan.policy.typ.is_some() {
        code.add_all(
            0,
            &[
                "",
                "/// A typ as a full media type, lowercased: \"JWT\" is \"application/jwt\".",
                "fn media_type(typ: &str) -> String {",
                "    let typ = typ.trim().to_ascii_lowercase();",
                "    if typ.contains('/') { typ } else { format!(\"application/{typ}\") }",
                "}",
            ],
        );
    }
    if plan.htu.is_some() {
        code.add_all(
            0,
            &[
                "",
                "/// An htu without query and fragment, scheme and host lowercased, default port dropped.",
                "fn htu(uri: &str) -> Option<String> {",
                "    let uri = uri.split(['?', '#']).next()?;",
                "    let (scheme, rest) = uri.split_once(\"://\")?;",
                "    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));",
                "    let (scheme, host) = (scheme.to_ascii_lowercase(), host.to_ascii_lowercase());",
                "    let port = match scheme.as_str() { \"https\" => \":443\", \"http\" => \":80\", _ => \"\" };",
                "    let host = host.strip_suffix(port).unwrap_or(&host);",
                "    let host = host.strip_suffix(':').unwrap_or(host);",
                "    let path = if path.is_empty() { \"/\" } else { path };",
                "    Some(format!(\"{scheme}://{host}{path}\"))",
                "}",
            ],
        );
    }
}
