//! The golang-jwt (v5.3) fragment: `jwt.Parse` with the allow-list, issuer, audience, subject,
//! leeway, `iat` and the moment to check at, then explicit checks for what golang-jwt has no
//! option for (`typ`, required claims, the lifetime, the nonce, the DPoP rules).

use super::go_jwk;
use super::quote::{Lang, list, literal};
use super::{KeySource, Lines, Plan};
use crate::jose::policy::{DPOP_MAX_AGE_SECS, DpopRules};

const GO: Lang = Lang::Go;

/// The fragment for `plan`.
pub(super) fn fragment(plan: &Plan) -> String {
    let mut code = Lines::new("\t");
    let library = "golang-jwt v5.3 (go get github.com/golang-jwt/jwt/v5)";
    for line in plan.preamble(library) {
        code.add(0, format!("// {line}"));
    }
    code.add(0, "import (");
    code.add_all(1, &imports(plan));
    code.add(0, ")");
    code.add_all(
        0,
        &[
            "",
            "// verify returns the claims of tokenString if the policy accepts it at now (time.Now()",
            "// in a server), or why not.",
            "func verify(tokenString string, now time.Time) (jwt.MapClaims, error) {",
        ],
    );
    key_func(plan, &mut code);
    parse(plan, &mut code);
    checks(plan, &mut code);
    code.add(1, "return claims, nil");
    code.add(0, "}");
    helpers(plan, &mut code);
    code.finish()
}

/// The imported packages, sorted as gofmt leaves them (standard library first).
fn imports(plan: &Plan) -> Vec<String> {
    let policy = plan.policy;
    let mut packages = vec!["errors", "time"];
    match plan.key {
        KeySource::Files { pem, secret } => {
            packages.push("os");
            if pem {
                packages.extend(["crypto/x509", "encoding/pem"]);
            }
            if secret && pem {
                packages.push("strings");
            }
        }
        KeySource::Jwks => packages.extend(go_jwk::PACKAGES.iter().chain(&["encoding/json", "os"])),
        KeySource::EmbeddedJwk => packages.extend(go_jwk::PACKAGES),
    }
    if policy.typ.is_some() {
        packages.push("strings");
    }
    if plan.htu.is_some() {
        packages.extend(["net/url", "strings"]);
    }
    if !plan.required.is_empty() {
        packages.push("fmt");
    }
    packages.sort_unstable();
    packages.dedup();
    let mut lines: Vec<String> = packages.iter().map(|p| format!("\"{p}\"")).collect();
    lines.extend([String::new(), "\"github.com/golang-jwt/jwt/v5\"".to_owned()]);
    lines
}

/// Declares `keyFunc`, which golang-jwt calls with the parsed (unverified) token.
fn key_func(plan: &Plan, code: &mut Lines) {
    code.add(1, "keyFunc := func(token *jwt.Token) (any, error) {");
    match plan.key {
        KeySource::EmbeddedJwk => code.add_all(
            2,
            &[
                "// A proof carries its own public key; a private or symmetric one is refused.",
                "jwk, _ := token.Header[\"jwk\"].(map[string]any)",
                "for _, m := range []string{\"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\", \"oth\", \"k\"} {",
                "\tif _, private := jwk[m]; private {",
                "\t\treturn nil, errors.New(\"the jwk header is not a public key\")",
                "\t}",
                "}",
                "return keyFromJWK(jwk)",
            ],
        ),
        KeySource::Jwks => code.add_all(
            2,
            &[
                "// The key is the one registered under the header's kid.",
                "kid, _ := token.Header[\"kid\"].(string)",
                "if kid == \"\" {",
                "\treturn nil, errors.New(\"the header has no kid\")",
                "}",
                "data, err := os.ReadFile(\"jwks.json\")",
                "if err != nil {",
                "\treturn nil, err",
                "}",
                "var jwks struct{ Keys []map[string]any }",
                "if err := json.Unmarshal(data, &jwks); err != nil {",
                "\treturn nil, err",
                "}",
                "for _, jwk := range jwks.Keys {",
                "\tif jwk[\"kid\"] == kid {",
                "\t\treturn keyFromJWK(jwk)",
                "\t}",
                "}",
                "return nil, errors.New(\"no key in jwks.json has this kid\")",
            ],
        ),
        KeySource::Files { secret, pem } => files_key(code, secret, pem),
    }
    code.add(1, "}");
}

fn files_key(code: &mut Lines, secret: bool, pem: bool) {
    let secret_lines = [
        "secret := os.Getenv(\"JWT_SECRET\")",
        "if secret == \"\" {",
        "\treturn nil, errors.New(\"JWT_SECRET is not set\")",
        "}",
        "return []byte(secret), nil",
    ];
    if secret && pem {
        code.add(2, "if strings.HasPrefix(token.Method.Alg(), \"HS\") {");
        code.add_all(3, &secret_lines);
        code.add(2, "}");
    } else if secret {
        code.add_all(2, &secret_lines);
        return;
    }
    code.add_all(
        2,
        &[
            "data, err := os.ReadFile(\"public.pem\")",
            "if err != nil {",
            "\treturn nil, err",
            "}",
            "block, _ := pem.Decode(data)",
            "if block == nil {",
            "\treturn nil, errors.New(\"public.pem holds no PEM block\")",
            "}",
            "return x509.ParsePKIXPublicKey(block.Bytes)",
        ],
    );
}

/// The `jwt.Parse` call: every rule golang-jwt has an option for.
fn parse(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    code.add(1, "token, err := jwt.Parse(tokenString, keyFunc,");
    code.add(
        2,
        format!(
            "jwt.WithValidMethods({}),",
            list(GO, &plan.algorithm_names())
        ),
    );
    if let Some(issuer) = &policy.issuer {
        code.add(2, format!("jwt.WithIssuer({}),", literal(GO, issuer)));
    }
    if !policy.audience.is_empty() {
        code.add(2, "// Any one of them (golang-jwt v5.3 or later).");
        code.add(
            2,
            format!("jwt.WithAudience({}...),", list(GO, &policy.audience)),
        );
    }
    if let Some(subject) = &policy.subject {
        code.add(2, format!("jwt.WithSubject({}),", literal(GO, subject)));
    }
    if policy.leeway > 0 {
        code.add(
            2,
            format!("jwt.WithLeeway({} * time.Second),", policy.leeway),
        );
    }
    if plan.checks_iat {
        code.add(2, "jwt.WithIssuedAt(),");
    }
    code.add(2, "jwt.WithTimeFunc(func() time.Time { return now }),");
    code.add(1, ")");
    code.add_all(
        1,
        &[
            "if err != nil {",
            "\treturn nil, err",
            "}",
            "claims, ok := token.Claims.(jwt.MapClaims)",
            "if !ok {",
            "\treturn nil, errors.New(\"the claims are not a JSON object\")",
            "}",
        ],
    );
}

/// The rules `jwt.Parse` has no option for.
fn checks(plan: &Plan, code: &mut Lines) {
    let policy = plan.policy;
    if let Some(typ) = &policy.typ {
        code.add(
            1,
            "// typ as RFC 8725 3.11 compares it: case-insensitive, application/ optional.",
        );
        code.add(1, "typ, _ := token.Header[\"typ\"].(string)");
        code.add(
            1,
            format!("if mediaType(typ) != mediaType({}) {{", literal(GO, typ)),
        );
        fail(code, "typ is not the expected type");
    }
    if !plan.required.is_empty() {
        code.add(
            1,
            format!("for _, claim := range {} {{", list(GO, &plan.required)),
        );
        code.add(2, "if _, present := claims[claim]; !present {");
        code.add(
            3,
            "return nil, fmt.Errorf(\"the %s claim is missing\", claim)",
        );
        code.add(2, "}");
        code.add(1, "}");
    }
    if let Some(max) = policy.max_lifetime {
        code.add_all(
            1,
            &[
                "exp, errExp := claims.GetExpirationTime()",
                "iat, errIat := claims.GetIssuedAt()",
                "if errExp != nil || errIat != nil || exp == nil || iat == nil ||",
            ],
        );
        code.add(2, format!("exp.Unix()-iat.Unix() > {max} {{"));
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
    code.add(2, format!("return nil, errors.New(\"{why}\")"));
    code.add(1, "}");
}

/// The claim `claim` must be the string `expected`.
fn string_rule(code: &mut Lines, claim: &str, expected: &str, why: &str) {
    code.add(
        1,
        format!("if claims[\"{claim}\"] != {} {{", literal(GO, expected)),
    );
    fail(code, why);
}

/// The DPoP proof's rules: `htm`, `ath`, `htu` and its age.
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
        code.add(1, "found, _ := claims[\"htu\"].(string)");
        code.add(
            1,
            format!("if normalizeHTU(found) != {} {{", literal(GO, htu)),
        );
        fail(code, "htu is not the request's URI");
    }
    let max_age = DPOP_MAX_AGE_SECS.saturating_add(policy.leeway_secs());
    code.add_all(
        1,
        &[
            &format!(
                "// A proof is accepted for {DPOP_MAX_AGE_SECS} s after its iat, plus the leeway."
            ),
            "issued, err := claims.GetIssuedAt()",
        ],
    );
    code.add(
        1,
        format!("if err != nil || issued != nil && now.Unix()-issued.Unix() > {max_age} {{"),
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
                "// mediaType is a typ as a full media type, lowercased: \"JWT\" is \"application/jwt\".",
                "func mediaType(typ string) string {",
                "\ttyp = strings.ToLower(strings.TrimSpace(typ))",
                "\tif strings.Contains(typ, \"/\") {",
                "\t\treturn typ",
                "\t}",
                "\treturn \"application/\" + typ",
                "}",
            ],
        );
    }
    if plan.htu.is_some() {
        code.add_all(0, go_jwk::NORMALIZE_HTU);
    }
    if matches!(plan.key, KeySource::Jwks | KeySource::EmbeddedJwk) {
        code.add_all(0, go_jwk::KEY_FROM_JWK);
    }
}
