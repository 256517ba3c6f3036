//! The PyJWT fragment: `jwt.decode` with the allow-list, issuer, audience, subject, leeway and
//! required claims, then explicit checks for what PyJWT has no option for (`typ`, the
//! lifetime, the nonce, the DPoP rules).

use super::quote::{Lang, list, literal};
use super::{KeySource, Lines, Plan};
use crate::jose::policy::DPOP_MAX_AGE_SECS;

const PY: Lang = Lang::Python;

/// The fragment for `plan`.
pub(super) fn fragment(plan: &Plan) -> String {
    let mut code = Lines::new("    ");
    for line in plan.preamble("PyJWT 2.10 (pip install \"pyjwt[crypto]\")") {
        code.add(0, format!("# {line}"));
    }
    if matches!(plan.key, KeySource::Files { secret: true, .. }) {
        code.add(0, "import os");
    }
    if plan.policy.dpop.is_some() {
        code.add(0, "from datetime import datetime, timezone");
    }
    code.add_all(0, &["", "import jwt", "", ""]);
    code.add(0, "def verify(token: str) -> dict:");
    code.add(
        1,
        "\"\"\"The claims of `token` if the policy accepts it; raises a jwt.PyJWTError if not.\"\"\"",
    );
    code.add(1, "header = jwt.get_unverified_header(token)");
    key(plan, &mut code);
    decode(plan, &mut code);
    checks(plan, &mut code);
    code.add(1, "return claims");
    helpers(plan, &mut code);
    code.finish()
}

/// Sets `key` from the plan's key source.
fn key(plan: &Plan, code: &mut Lines) {
    let pem = [
        "with open(\"public.pem\", \"rb\") as f:",
        "    key = f.read()",
    ];
    match plan.key {
        KeySource::EmbeddedJwk => code.add_all(
            1,
            &[
                "# A proof carries its own public key; a private or symmetric one is refused.",
                "jwk = header.get(\"jwk\")",
                "private = {\"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\", \"oth\", \"k\"}",
                "if not isinstance(jwk, dict) or jwk.get(\"kty\") == \"oct\" or private & jwk.keys():",
                "    raise jwt.InvalidTokenError(\"the jwk header is not a public key\")",
                "key = jwt.PyJWK(jwk).key",
            ],
        ),
        KeySource::Jwks => code.add_all(
            1,
            &[
                "# The key is the one registered under the header's kid.",
                "kid = header.get(\"kid\")",
                "if not isinstance(kid, str) or not kid:",
                "    raise jwt.InvalidTokenError(\"the header has no kid\")",
                "with open(\"jwks.json\", encoding=\"utf-8\") as f:",
                "    jwks = jwt.PyJWKSet.from_json(f.read())",
                "try:",
                "    key = jwks[kid].key",
                "except KeyError:",
                "    raise jwt.InvalidTokenError(\"no key in jwks.json has this kid\") from None",
            ],
        ),
        KeySource::Files {
            secret: true,
            pem: true,
        } => {
            code.add(1, "if str(header.get(\"alg\")).startswith(\"HS\"):");
            code.add(2, "key = os.environ[\"JWT_SECRET\"]");
            code.add(1, "else:");
            code.add_all(2, &pem);
        }
        KeySource::Files { secret: true, .. } => code.add(1, "key = os.environ[\"JWT_SECRET\"]"),
        KeySource::Files { .. } => code.add_all(1, &pem),
    }
}

/// The `jwt.decode` call: every rule PyJWT has an argument for.
fn decode(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    code.add(1, "claims = jwt.decode(");
    code.add_all(2, &["token,", "key,"]);
    code.add(
        2,
        format!("algorithms={},", list(PY, &plan.algorithm_names())),
    );
    if let Some(issuer) = &policy.issuer {
        code.add(2, format!("issuer={},", literal(PY, issuer)));
    }
    if !policy.audience.is_empty() {
        code.add(2, format!("audience={},", list(PY, &policy.audience)));
    }
    if let Some(subject) = &policy.subject {
        code.add(2, format!("subject={},", literal(PY, subject)));
    }
    if policy.leeway > 0 {
        code.add(2, format!("leeway={},", policy.leeway));
    }
    let mut options = Vec::new();
    if !plan.required.is_empty() {
        options.push(format!("\"require\": {}", list(PY, &plan.required)));
    }
    if policy.audience.is_empty() {
        // Without an expected audience PyJWT refuses every token that has one.
        options.push("\"verify_aud\": False".to_owned());
    }
    if !options.is_empty() {
        code.add(2, format!("options={{{}}},", options.join(", ")));
    }
    code.add(1, ")");
}

/// The rules PyJWT has no option for, checked on the verified header and claims.
fn checks(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    let fail = |code: &mut Lines, why: &str| {
        code.add(2, format!("raise jwt.InvalidTokenError(\"{why}\")"));
    };
    if let Some(typ) = &policy.typ {
        code.add(
            1,
            "# typ as RFC 8725 3.11 compares it: case-insensitive, application/ optional.",
        );
        code.add(
            1,
            format!(
                "if _media_type(header.get(\"typ\")) != _media_type({}):",
                literal(PY, typ)
            ),
        );
        fail(code, "typ is not the expected type");
    }
    if let Some(nonce) = &policy.nonce {
        code.add(
            1,
            format!("if claims.get(\"nonce\") != {}:", literal(PY, nonce)),
        );
        fail(code, "nonce is not the expected one");
    }
    if let Some(max) = policy.max_lifetime {
        code.add(1, "exp, iat = claims.get(\"exp\"), claims.get(\"iat\")");
        code.add(
            1,
            format!("if not (_number(exp) and _number(iat)) or int(exp) - int(iat) > {max}:"),
        );
        fail(code, "the lifetime exp - iat is unknown or too long");
    }
    let Some(dpop) = &policy.dpop else {
        return;
    };
    if let Some(htm) = &dpop.htm {
        code.add(
            1,
            format!("if claims.get(\"htm\") != {}:", literal(PY, htm)),
        );
        fail(code, "htm is not the request's method");
    }
    if let Some(htu) = &plan.htu {
        code.add(
            1,
            format!("if _htu(claims.get(\"htu\")) != {}:", literal(PY, htu)),
        );
        fail(code, "htu is not the request's URI");
    }
    if let Some(ath) = &plan.ath {
        code.add(1, "# ath: base64url(SHA-256(the access token)).");
        code.add(
            1,
            format!("if claims.get(\"ath\") != {}:", literal(PY, ath)),
        );
        fail(code, "ath is not the access token's hash");
    }
    code.add(
        1,
        format!("# A proof is accepted for {DPOP_MAX_AGE_SECS} s after its iat, plus the leeway."),
    );
    code.add(1, "now = datetime.now(tz=timezone.utc).timestamp()");
    code.add(
        1,
        format!(
            "if _number(claims.get(\"iat\")) and now - int(claims[\"iat\"]) > {}:",
            DPOP_MAX_AGE_SECS.saturating_add(policy.leeway_secs())
        ),
    );
    fail(code, "the proof is too old");
}

/// The helper functions the checks call, after `verify`.
fn helpers(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    if policy.typ.is_some() {
        code.add_all(
            0,
            &[
                "",
                "",
                "def _media_type(typ):",
                "    \"\"\"A typ as a full media type, lowercased: \"JWT\" is \"application/jwt\".\"\"\"",
                "    if not isinstance(typ, str):",
                "        return None",
                "    typ = typ.strip().lower()",
                "    return typ if \"/\" in typ else \"application/\" + typ",
            ],
        );
    }
    if policy.max_lifetime.is_some() || policy.dpop.is_some() {
        code.add_all(
            0,
            &[
                "",
                "",
                "def _number(value):",
                "    return isinstance(value, (int, float)) and not isinstance(value, bool)",
            ],
        );
    }
    if plan.htu.is_some() {
        code.add_all(
            0,
            &[
                "",
                "",
                "def _htu(uri):",
                "    \"\"\"An htu without query and fragment, scheme and host lowercased, default port dropped.\"\"\"",
                "    if not isinstance(uri, str) or \"://\" not in uri:",
                "        return None",
                "    scheme, rest = uri.split(\"#\")[0].split(\"?\")[0].split(\"://\", 1)",
                "    host, _, path = rest.partition(\"/\")",
                "    scheme, host = scheme.lower(), host.lower()",
                "    host = host.removesuffix({\"https\": \":443\", \"http\": \":80\"}.get(scheme, \"\"))",
                "    return scheme + \"://\" + host.removesuffix(\":\") + \"/\" + path",
            ],
        );
    }
}
