//! The node `jose` fragment: `jwtVerify` with the allow-list, issuer, audience, subject, `typ`,
//! required claims, clock tolerance and (DPoP) the proof's maximum age, at a `now` the caller
//! may pass; then explicit checks for what `jose` has no option for (`iat` in the future
//! outside DPoP, the lifetime, the nonce, `htm`, `htu`, `ath`).

use super::quote::{Lang, list, literal};
use super::{KeySource, Lines, Plan};
use crate::jose::policy::DPOP_MAX_AGE_SECS;

const JS: Lang = Lang::JavaScript;

/// The fragment for `plan`.
pub(super) fn fragment(plan: &Plan) -> String {
    let mut code = Lines::new("  ");
    for line in plan.preamble("jose 6 (npm install jose)") {
        code.add(0, format!("// {line}"));
    }
    if !matches!(
        plan.key,
        KeySource::EmbeddedJwk | KeySource::Files { pem: false, .. }
    ) {
        code.add(0, "import { readFile } from \"node:fs/promises\";");
    }
    code.add_all(
        0,
        &[
            "import * as jose from \"jose\";",
            "",
            "/**",
            " * The claims of `token` if the policy accepts it at `now`; throws a jose error if not.",
            " */",
            "export async function verify(token, now = new Date()) {",
        ],
    );
    key(plan, &mut code);
    verify_call(plan, &mut code);
    checks(plan, &mut code);
    code.add(1, "return claims;");
    code.add(0, "}");
    helpers(plan, &mut code);
    code.finish()
}

/// Declares `key`: a key, or a function of the header that returns one.
fn key(plan: &Plan, code: &mut Lines) {
    let secret = [
        "const secret = process.env.JWT_SECRET;",
        "if (!secret) throw new Error(\"JWT_SECRET is not set\");",
    ];
    let pem = "const pem = await readFile(\"public.pem\", \"utf8\");";
    match plan.key {
        KeySource::EmbeddedJwk => {
            code.add(1, "// A proof carries its own public key (jose refuses a private one).");
            code.add(1, "const key = jose.EmbeddedJWK;");
        }
        KeySource::Jwks => code.add_all(
            1,
            &[
                "const jwks = jose.createLocalJWKSet(JSON.parse(await readFile(\"jwks.json\", \"utf8\")));",
                "// The key is the one registered under the header's kid, which must be there.",
                "const key = (header, jws) => {",
                "  if (typeof header.kid !== \"string\" || header.kid === \"\") fail(\"the header has no kid\");",
                "  return jwks(header, jws);",
                "};",
            ],
        ),
        KeySource::Files {
            secret: true,
            pem: true,
        } => {
            code.add_all(1, &secret);
            code.add(1, pem);
            code.add(1, "const key = (header) =>");
            code.add(
                2,
                "header.alg.startsWith(\"HS\") ? new TextEncoder().encode(secret) : jose.importSPKI(pem, header.alg);",
            );
        }
        KeySource::Files { secret: true, .. } => {
            code.add_all(1, &secret);
            code.add(1, "const key = new TextEncoder().encode(secret);");
        }
        KeySource::Files { .. } => {
            code.add(1, pem);
            code.add(1, "const key = (header) => jose.importSPKI(pem, header.alg);");
        }
    }
}

/// The `jwtVerify` call: every rule `jose` has an option for.
fn verify_call(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    code.add(
        1,
        "const { payload: claims } = await jose.jwtVerify(token, key, {",
    );
    code.add(
        2,
        format!("algorithms: {},", list(JS, &plan.algorithm_names())),
    );
    if let Some(issuer) = &policy.issuer {
        code.add(2, format!("issuer: {},", literal(JS, issuer)));
    }
    if !policy.audience.is_empty() {
        code.add(2, format!("audience: {},", list(JS, &policy.audience)));
    }
    if let Some(subject) = &policy.subject {
        code.add(2, format!("subject: {},", literal(JS, subject)));
    }
    if let Some(typ) = &policy.typ {
        code.add(
            2,
            "// Compared as RFC 8725 3.11 says: case-insensitive, application/ optional.",
        );
        code.add(2, format!("typ: {},", literal(JS, typ)));
    }
    if !plan.required.is_empty() {
        code.add(2, format!("requiredClaims: {},", list(JS, &plan.required)));
    }
    if policy.leeway > 0 {
        code.add(2, format!("clockTolerance: {},", policy.leeway));
    }
    if policy.dpop.is_some() {
        code.add(
            2,
            format!("// A proof is accepted for {DPOP_MAX_AGE_SECS} s after its iat (plus the tolerance)."),
        );
        code.add(2, format!("maxTokenAge: {DPOP_MAX_AGE_SECS},"));
    }
    code.add(2, "currentDate: now,");
    code.add(1, "});");
}

/// The rules `jwtVerify` has no option for.
fn checks(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    let check = |code: &mut Lines, condition: String, why: &str| {
        code.add(1, format!("if ({condition}) fail(\"{why}\");"));
    };
    // With maxTokenAge (DPoP), jose refuses an iat in the future itself.
    if plan.checks_iat && policy.dpop.is_none() {
        let limit = match policy.leeway {
            0 => "seconds".to_owned(),
            leeway => format!("seconds + {leeway}"),
        };
        code.add(1, "const seconds = Math.floor(now.getTime() / 1000);");
        check(
            code,
            format!("typeof claims.iat === \"number\" && Math.floor(claims.iat) > {limit}"),
            "iat is in the future",
        );
    }
    if let Some(max) = policy.max_lifetime {
        code.add_all(
            1,
            &[
                "const lifetime = typeof claims.exp === \"number\" && typeof claims.iat === \"number\"",
                "  ? Math.floor(claims.exp) - Math.floor(claims.iat)",
                "  : Infinity;",
            ],
        );
        check(
            code,
            format!("lifetime > {max}"),
            "the lifetime exp - iat is unknown or too long",
        );
    }
    if let Some(nonce) = &policy.nonce {
        check(
            code,
            format!("claims.nonce !== {}", literal(JS, nonce)),
            "nonce is not the expected one",
        );
    }
    let Some(dpop) = &policy.dpop else {
        return;
    };
    if let Some(htm) = &dpop.htm {
        check(
            code,
            format!("claims.htm !== {}", literal(JS, htm)),
            "htm is not the request's method",
        );
    }
    if let Some(htu) = &plan.htu {
        check(
            code,
            format!("htu(claims.htu) !== {}", literal(JS, htu)),
            "htu is not the request's URI",
        );
    }
    if let Some(ath) = &plan.ath {
        // ath: base64url(SHA-256(the access token)), worked out when the fragment was written.
        check(
            code,
            format!("claims.ath !== {}", literal(JS, ath)),
            "ath is not the access token's hash",
        );
    }
}

/// The helper functions the checks call, after `verify`.
fn helpers(plan: &Plan, code: &mut Lines) {
    code.add_all(
        0,
        &[
            "",
            "function fail(why) {",
            "  throw new jose.errors.JWTInvalid(why);",
            "}",
        ],
    );
    if plan.htu.is_some() {
        code.add_all(
            0,
            &[
                "",
                "/** An htu as a URL parser normalizes it, without query and fragment. */",
                "function htu(uri) {",
                "  try {",
                "    const url = new URL(uri);",
                "    return `${url.protocol}//${url.host}${url.pathname}`;",
                "  } catch {",
                "    return undefined;",
                "  }",
                "}",
            ],
        );
    }
}
