#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger verify` with a policy (issue 17), run as a process: the flags (`--iss`,
//! `--aud`, `--sub`, `--typ`, `--require`, `--require-kid`, `--leeway`, `--max-lifetime`,
//! `--at`, `--alg`), the `--policy` file they override or extend, the exit statuses (0
//! accepted, 1 a rule failed with one stderr line per failed rule, 2 a usage error), `--json`'s
//! report, and a DPoP proof verified with its own `jwk` header. The harness is
//! tests/jose_support/cli.rs.

mod jose_support;

use std::path::PathBuf;

use jose_support::cli::*;
use serde_json::json;

/// 2026-12-02T10:00:00Z.
const T0: i64 = 1_796_205_600;
const T0_TEXT: &str = "1796205600";

/// The kid `keygen` gave the RSA key (its thumbprint, in jwks.json).
fn rsa_kid() -> String {
    read_json(&key("rsa2048", "jwks.json"))["keys"][0]["kid"]
        .as_str()
        .expect("a kid")
        .to_owned()
}

/// What the Amplify gateway preset makes: RS256, the kid, iss = sub = aud = "app", issued at
/// T0 for 600 s.
fn gateway_token() -> String {
    sign(&[
        "--alg",
        "RS256",
        "--key",
        p(&key("rsa2048", "private.pem")),
        "--kid",
        &rsa_kid(),
        "--iss",
        "app",
        "--sub",
        "app",
        "--aud",
        "app",
        "--iat",
        T0_TEXT,
        "--exp",
        "+600",
    ])
}

/// `verify TOKEN --key jwks.json EXTRA...`.
fn judged(token: &str, extra: &[&str]) -> Run {
    verify_with_key(token, &key("rsa2048", "jwks.json"), extra)
}

/// The stderr lines of a rejection: exit 1, nothing on stdout.
fn rejected(run: &Run) -> Vec<String> {
    run.code(1);
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout: {}",
        run.describe()
    );
    run.stderr.lines().map(str::to_owned).collect()
}

fn at(seconds: i64) -> String {
    seconds.to_string()
}

#[test]
fn the_flags_accept_and_reject_rule_by_rule() {
    let token = gateway_token();
    let kid = rsa_kid();
    let amplify = [
        "--alg",
        "RS256",
        "--iss",
        "app",
        "--sub",
        "app",
        "--aud",
        "other",
        "--aud",
        "app",
        "--require-kid",
        "--require",
        "exp",
        "--at",
    ];
    let run = judged(&token, &[&amplify[..], &[&at(T0 + 60)]].concat());
    let out = run.ok();
    assert!(out.starts_with("Accepted\n"), "{}", run.describe());
    for line in [
        "  signature: Signature verified with JWKS key #1",
        "  alg: alg is \"RS256\"",
        &format!("  kid: kid is \"{kid}\", the kid of the key that verified"),
        "  aud: aud is \"app\"; \"app\" is expected",
        "  required:exp: exp is present",
        "  exp: expires in 9 min (540 s)",
    ] {
        assert!(out.contains(line), "{line:?} in {}", run.describe());
    }
    // A day later (RFC 3339): only exp fails.
    let lines = rejected(&judged(
        &token,
        &[&amplify[..], &["2026-12-03T10:00:00Z"]].concat(),
    ));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("exp: expired 23 h (85800 s) ago; exp 2026-12-02 10:10:00 UTC"),
        "{lines:?}"
    );
    // Several failures: one line each, in the report's order.
    let lines = rejected(&judged(
        &token,
        &["--iss", "app2", "--aud", "a", "--aud", "b", "--at", T0_TEXT],
    ));
    assert_eq!(
        lines,
        [
            "iss: iss is \"app\"; expected \"app2\"",
            "aud: aud is \"app\"; expected one of [\"a\",\"b\"]",
        ]
    );
}

#[test]
fn each_flag_states_its_rule() {
    let token = gateway_token();
    let fail = |extra: &[&str], want: &str| {
        let lines = rejected(&judged(&token, &[extra, &["--at", T0_TEXT]].concat()));
        assert_eq!(lines, [want], "{extra:?}");
    };
    // With a policy, --alg is the alg rule; the signature rule says only that it checks out.
    fail(
        &["--alg", "HS256"],
        "alg: alg is \"RS256\"; expected one of [\"HS256\"]",
    );
    fail(
        &["--require", "jti"],
        "required:jti: jti is missing; it is required",
    );
    fail(
        &["--sub", "someone"],
        "sub: sub is \"app\"; expected \"someone\"",
    );
    fail(
        &["--typ", "at+jwt"],
        "typ: typ is \"JWT\"; expected \"at+jwt\" (case-insensitive, application/ optional)",
    );
    fail(
        &["--max-lifetime", "599"],
        "lifetime: the lifetime exp - iat is 10 min (600 s); at most 9 min (599 s) allowed",
    );
    for ok in [
        &["--typ", "jwt"][..],
        &["--typ", "application/JWT"],
        &["--max-lifetime", "600"],
        &["--alg", "PS256", "--alg", "RS256"],
    ] {
        judged(&token, &[ok, &["--at", T0_TEXT]].concat()).code(0);
    }
    // Leeway on exp (T0 + 600): at exp + 5, 10 s of leeway accept, 5 s do not.
    judged(&token, &["--leeway", "10", "--at", &at(T0 + 605)]).code(0);
    let lines = rejected(&judged(&token, &["--leeway", "5", "--at", &at(T0 + 605)]));
    assert!(
        lines == ["exp: expired 5 s ago; exp 2026-12-02 10:10:00 UTC, leeway 5 s"],
        "{lines:?}"
    );
    // --at alone judges the times: signature and exp.
    let run = judged(&token, &["--at", &at(T0 + 599)]);
    assert_eq!(run.ok().lines().count(), 3, "{}", run.describe());
}

#[test]
fn the_amplify_preset_accepts_the_gateway_token_now_and_not_a_day_later() {
    let token = gateway_token();
    let preset = ["--preset", "amplify", "--app-id", "app", "--at"];
    let run = judged(&token, &[&preset[..], &[&at(T0 + 60)]].concat());
    let out = run.ok();
    assert!(out.starts_with("Accepted\n"), "{}", run.describe());
    for id in ["signature", "alg", "kid", "iss", "sub", "aud", "exp"] {
        assert!(
            out.contains(&format!("\n  {id}: ")),
            "{id} in {}",
            run.describe()
        );
    }
    let lines = rejected(&judged(
        &token,
        &[&preset[..], &[&at(T0 + 86_400)]].concat(),
    ));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("exp: expired 23 h"), "{lines:?}");
    // Another application's gateway: iss, sub and aud fail, each naming both values.
    let other = [
        "--preset",
        "amplify",
        "--app-id",
        "other-app",
        "--at",
        T0_TEXT,
    ];
    let lines = rejected(&judged(&token, &other));
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().all(|l| l.contains("other-app")), "{lines:?}");
    // A preset without its input, or an unknown one, is a usage error.
    judged(&token, &["--preset", "amplify"]).usage_error();
    judged(&token, &["--preset", "saml"]).usage_error();
}

#[test]
fn the_policy_file_and_the_flags_that_override_it() {
    let dir = scratch("policy-file");
    let token = gateway_token();
    let file = dir.join("amplify.json");
    let policy = json!({
        "preset": "amplify", "algorithms": ["RS256"], "issuer": "app", "subject": "app",
        "audience": ["app"], "required_claims": ["exp", "iat"], "require_kid": true
    });
    write(&file, policy.to_string());
    let with_file = |extra: &[&str]| judged(&token, &[&["--policy", p(&file)][..], extra].concat());
    with_file(&["--at", T0_TEXT]).code(0);
    let lines = rejected(&with_file(&["--at", "2026-12-03T10:00:00Z"]));
    assert_eq!(lines.len(), 1, "{lines:?}");
    // A single value overrides; a list is extended.
    let lines = rejected(&with_file(&["--iss", "other", "--at", T0_TEXT]));
    assert_eq!(lines, ["iss: iss is \"app\"; expected \"other\""]);
    with_file(&["--aud", "extra", "--at", T0_TEXT]).code(0);
    with_file(&["--alg", "ES256", "--at", T0_TEXT]).code(0);

    // Unreadable, unknown or absurd policies are usage errors.
    write(&dir.join("typo.json"), r#"{"isuser": "app"}"#);
    write(&dir.join("leeway.json"), r#"{"leeway": 31536000}"#);
    write(&dir.join("array.json"), "[]");
    for (name, says) in [
        ("typo.json", "unknown field `isuser`"),
        ("leeway.json", "a leeway of 31536000 s is absurd"),
        ("array.json", "a policy is a JSON object"),
        ("missing.json", "cannot read"),
    ] {
        let path: PathBuf = dir.join(name);
        let run = judged(&token, &["--policy", p(&path)]);
        run.usage_error();
        assert!(run.stderr.contains(says), "{says}: {}", run.describe());
    }
}

#[test]
fn bad_moments_and_values_are_usage_errors() {
    let token = gateway_token();
    for extra in [
        &["--at", "tomorrow"][..],
        &["--at", "2026-02-30T00:00:00Z"],
        &["--at", "2026-12-02T10:00:00"],
        &["--leeway", "100000"],
        &["--aud", ""],
        &["--iss", " "],
        &["--require", ""],
        &["--max-lifetime", "0"],
        &["--alg", "none", "--iss", "app"],
    ] {
        judged(&token, extra).usage_error();
    }
    // clap refuses a negative number of seconds itself: still exit 2.
    judged(&token, &["--leeway", "-1"])
        .code(2)
        .one_stderr_line();
    // A negative Unix time is a moment (1969), before the token's exp.
    judged(&token, &["--at", "-5", "--iss", "app"]).code(0);
}

#[test]
fn json_carries_the_policy_report() {
    let token = gateway_token();
    let run = judged(&token, &["--json", "--iss", "nope", "--at", T0_TEXT]);
    run.code(1);
    let v = run.json();
    assert_eq!(v["status"], json!("verified"), "{v}");
    assert_eq!(v["policy"]["accepted"], json!(false), "{v}");
    let rules: Vec<(&str, bool)> = v["policy"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["passed"].as_bool().unwrap()))
        .collect();
    assert_eq!(rules, [("signature", true), ("iss", false), ("exp", true)]);
    assert_eq!(run.stderr.trim(), "iss: iss is \"app\"; expected \"nope\"");
    let v = judged(&token, &["--json", "--at", T0_TEXT]).json();
    assert_eq!(v["policy"]["accepted"], json!(true), "{v}");
    // Without a policy flag, verify is what it always was: no report.
    let run = judged(&token, &["--json"]);
    run.code(0);
    assert!(run.json().get("policy").is_none());
    let run = judged(&token, &[]);
    assert_eq!(run.ok().lines().count(), 1, "{}", run.describe());
    judged(&token, &["--alg", "PS256"])
        .code(1)
        .one_stderr_line();
}

/// RFC 9449 section 7.1's access token and its hash.
const ACCESS_TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
const ATH: &str = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo";

#[test]
fn a_dpop_proof_is_verified_with_its_own_jwk() {
    let dir = scratch("dpop");
    let jwk = read_json(&key("p256", "public.jwk.json"));
    let header = json!({"typ": "dpop+jwt", "jwk": jwk}).to_string();
    let proof = |htu: &str, ath: &str| {
        let payload = json!({"jti": "j1", "htm": "POST", "htu": htu, "iat": T0, "ath": ath});
        sign(&[
            "--alg",
            "ES256",
            "--key",
            p(&key("p256", "private.pem")),
            "--header",
            &header,
            "--payload",
            &payload.to_string(),
        ])
    };
    let policy = dir.join("dpop.json");
    let rules = json!({
        "preset": "dpop", "type": "dpop+jwt", "required_claims": ["jti", "htm", "htu", "iat"],
        "dpop": {"htm": "POST", "htu": "https://server.example.com/token", "access_token": ACCESS_TOKEN}
    });
    write(&policy, rules.to_string());
    let check =
        |token: &str, at_: i64| cli(&["verify", token, "--policy", p(&policy), "--at", &at(at_)]);
    let good = proof("https://Server.Example.com:443/token?x", ATH);
    let run = check(&good, T0 + 10);
    let out = run.ok();
    assert!(
        out.contains("  dpop-jwk: the header's jwk, EC P-256 public key"),
        "{}",
        run.describe()
    );
    assert!(
        out.contains("  signature: Signature verified with the proof's jwk header"),
        "{}",
        run.describe()
    );
    assert!(
        !out.contains(ACCESS_TOKEN),
        "the access token is never printed"
    );
    let lines = rejected(&check(
        &proof("https://server.example.com/token", "AAAA"),
        T0,
    ));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!(
        "ath: ath is \"AAAA\"; the SHA-256 of the access token is \"{ATH}\""
    )));
    let lines = rejected(&check(&good, T0 + 301));
    assert_eq!(
        lines,
        ["dpop-age: the proof is 5 min (301 s) old; proofs are accepted for 300 s, leeway 0 s"]
    );
    // Given a key that is not the proof's, the signature fails but the proof's own key holds.
    let lines = rejected(&cli(&[
        "verify",
        &good,
        "--key",
        p(&key("rsa2048", "public.pem")),
        "--policy",
        p(&policy),
        "--at",
        &at(T0),
    ]));
    assert!(
        lines.len() == 1 && lines[0].starts_with("signature: "),
        "{lines:?}"
    );
}
