#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger decode`, run as a process: the JSON and human output shapes, claim times,
//! findings and their severities, stdin, the repairs of a pasted token (`Bearer `, line breaks)
//! and the refusal of what is not a token. The harness is tests/jose_support/cli.rs.

mod jose_support;

use jose_support::cli::*;
use serde_json::{Value, json};

/// A compact token built here from JSON texts (decode does not verify, so any signature).
fn compact(header: &str, payload: &str) -> String {
    compact_jws(header, payload, &[7u8; 32])
}

/// An `alg: none` token with an empty signature.
fn alg_none() -> String {
    compact_jws(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#, b"")
}

const DECODE_HEADER: &str = r#"{"alg":"HS256","typ":"JWT","kid":"decode-kid"}"#;
/// iat = nbf = 2023-11-14T22:13:20Z, exp an hour later: long expired.
const DECODE_PAYLOAD: &str = r#"{"iss":"https://issuer.example","sub":"alice","aud":"api","iat":1700000000,"nbf":1700000000,"exp":1700003600,"role":"admin"}"#;

fn is_rfc3339_utc(text: &str, prefix: &str) -> bool {
    text.starts_with(prefix) && (text.ends_with('Z') || text.ends_with("+00:00"))
}

/// The entry of claim `name` in `decode --json` output.
fn claim<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("claim {name} in {}", v["claims"]))
}

#[test]
fn decode_json_has_the_documented_shape() {
    let token = compact(DECODE_HEADER, DECODE_PAYLOAD);
    let run = cli(&["decode", "--json", &token]);
    run.code(0);
    let v = run.json();
    let obj = v.as_object().expect("one JSON object");
    for member in [
        "header",
        "payload",
        "signature",
        "repairs",
        "claims",
        "findings",
    ] {
        assert!(obj.contains_key(member), "{member} in {v}");
    }
    assert_eq!(
        v["header"],
        serde_json::from_str::<Value>(DECODE_HEADER).unwrap()
    );
    assert_eq!(
        v["payload"],
        serde_json::from_str::<Value>(DECODE_PAYLOAD).unwrap()
    );
    assert_eq!(v["signature"], json!(parts(&token).2));
    assert_eq!(v["repairs"], json!([]), "a clean token needs no repairs");

    for c in v["claims"].as_array().expect("claims array") {
        assert!(c["name"].is_string(), "{c}");
        assert!(c.get("value").is_some(), "{c}");
        // A claim the registry does not know has no meaning to give: null (the spec leaves
        // its type open; the binary prints null).
        assert!(c["meaning"].is_string() || c["meaning"].is_null(), "{c}");
    }
    for name in ["iss", "sub", "aud", "iat", "nbf", "exp"] {
        let meaning = claim(&v, name)["meaning"].as_str().unwrap_or_default();
        assert!(!meaning.is_empty(), "registered claim {name} is explained");
    }
    for (name, value, utc) in [
        ("iat", 1_700_000_000, "2023-11-14T22:13:20"),
        ("nbf", 1_700_000_000, "2023-11-14T22:13:20"),
        ("exp", 1_700_003_600, "2023-11-14T23:13:20"),
    ] {
        let c = claim(&v, name);
        assert_eq!(c["value"], json!(value), "{c}");
        let text = c["utc"].as_str().unwrap_or_else(|| panic!("utc in {c}"));
        assert!(is_rfc3339_utc(text, utc), "{name}: RFC 3339 UTC {text:?}");
        let relative = c["relative"]
            .as_str()
            .unwrap_or_else(|| panic!("relative in {c}"));
        assert!(relative.contains("ago"), "{name} is in the past: {c}");
        assert!(
            !c["meaning"].as_str().unwrap().is_empty(),
            "{name} is explained"
        );
    }
    for name in ["iss", "sub", "aud", "role"] {
        let c = claim(&v, name);
        assert!(
            c.get("utc").is_none() && c.get("relative").is_none(),
            "{name} is not a time claim: {c}"
        );
    }
    assert_eq!(claim(&v, "sub")["value"], json!("alice"));
    assert_eq!(claim(&v, "role")["value"], json!("admin"));

    let findings = v["findings"].as_array().expect("findings array");
    for f in findings {
        assert!(f["id"].is_string() && f["title"].is_string(), "{f}");
        assert!(f["severity"].is_string(), "{f}");
    }
    assert!(
        findings.iter().any(|f| {
            let text = format!("{} {}", f["id"], f["title"]).to_lowercase();
            text.contains("expir")
        }),
        "the expired token has a finding about it: {}",
        v["findings"]
    );
}

/// Findings carry one of the four documented severities.
#[test]
fn decode_findings_use_the_documented_severities() {
    for token in [
        compact(DECODE_HEADER, DECODE_PAYLOAD),
        compact(
            r#"{"alg":"HS256","jku":"https://x.example/jwks"}"#,
            r#"{"sub":"x"}"#,
        ),
        alg_none(),
    ] {
        let v = cli(&["decode", "--json", &token]).json();
        let findings = v["findings"].as_array().expect("findings array");
        assert!(!findings.is_empty(), "{v}");
        for f in findings {
            let severity = f["severity"].as_str().unwrap_or_default();
            assert!(
                ["error", "warning", "info"].contains(&severity),
                "severity {severity:?} is not the page's error|warning|info: {f}"
            );
        }
    }
}

#[test]
fn decode_relative_time_of_a_future_expiry() {
    let exp = now() + 3600;
    let token = compact(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"sub":"x","exp":{exp}}}"#),
    );
    let v = cli(&["decode", "--json", &token]).json();
    let relative = claim(&v, "exp")["relative"].as_str().expect("relative");
    assert!(
        !relative.contains("ago") && !relative.is_empty(),
        "{relative:?}"
    );
}

#[test]
fn decode_alg_none_is_an_error_finding() {
    let token = alg_none();
    let run = cli(&["decode", "--json", &token]);
    let v = run.json();
    run.code(0);
    let findings = v["findings"].as_array().expect("findings");
    assert!(
        findings.iter().any(|f| f["severity"] == "error"
            && format!("{} {}", f["id"], f["title"])
                .to_lowercase()
                .contains("none")),
        "alg none is an error finding: {findings:?}"
    );
    // The human form shows the severity too.
    let text = cli(&["decode", &token]).ok().to_lowercase();
    assert!(text.contains("[error] alg-none"), "{text}");
}

#[test]
fn decode_human_output_pretty_prints_and_explains_claims() {
    let token = compact(DECODE_HEADER, DECODE_PAYLOAD);
    let run = cli(&["decode", &token]);
    let text = run.ok();
    // Pretty-printed: one member per line, two-space indent or more.
    assert!(text.contains("\"alg\": \"HS256\""), "{text}");
    assert!(text.contains("\"sub\": \"alice\""), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("\"kid\": \"decode-kid\"")),
        "{text}"
    );
    // exp 1700003600 explained as a UTC date, with a relative time.
    assert!(
        [
            "2023-11-14T23:13:20Z",
            "2023-11-14 23:13:20 UTC",
            "2023-11-14T23:13:20+00:00"
        ]
        .iter()
        .any(|utc| text.contains(utc)),
        "exp as a UTC date and time: {text}"
    );
    assert!(text.contains("ago"), "relative times: {text}");
    assert!(text.to_lowercase().contains("expired"), "findings: {text}");
}

#[test]
fn decode_reads_stdin_when_the_token_is_omitted_or_dash() {
    let token = compact(DECODE_HEADER, DECODE_PAYLOAD);
    for args in [&["decode", "--json"][..], &["decode", "--json", "-"][..]] {
        let run = cli_stdin(args, &format!("{token}\n"));
        run.code(0);
        let v = run.json();
        assert_eq!(v["payload"]["sub"], json!("alice"), "{args:?}");
        assert_eq!(v["signature"], json!(parts(&token).2));
    }
}

#[test]
fn decode_accepts_bearer_prefix_and_line_breaks_and_lists_the_repairs() {
    let token = compact(DECODE_HEADER, DECODE_PAYLOAD);
    let wrapped = format!(
        "Bearer {}\n{}\n{}",
        &token[..30],
        &token[30..70],
        &token[70..]
    );
    for run in [
        cli(&["decode", "--json", &wrapped]),
        cli_stdin(&["decode", "--json"], &wrapped),
    ] {
        run.code(0);
        let v = run.json();
        assert_eq!(
            v["payload"],
            serde_json::from_str::<Value>(DECODE_PAYLOAD).unwrap()
        );
        assert_eq!(v["signature"], json!(parts(&token).2));
        let repairs: Vec<String> = v["repairs"]
            .as_array()
            .expect("repairs")
            .iter()
            .map(|r| r.as_str().expect("repair strings").to_owned())
            .collect();
        assert!(
            repairs.iter().any(|r| r.contains("Bearer")),
            "Bearer prefix repair: {repairs:?}"
        );
        assert!(
            repairs.iter().any(|r| r.contains("line break")),
            "line break repair: {repairs:?}"
        );
    }
    // The human form reports the repairs too.
    let text = cli(&["decode", &wrapped]).ok().to_owned();
    assert!(
        text.contains("Bearer") && text.contains("line break"),
        "{text}"
    );
}

#[test]
fn decode_refuses_garbage_with_exit_2() {
    cli(&["decode", "not a token"]).usage_error();
    cli(&["decode", "a.b"]).usage_error();
    cli(&["decode", "!!!.???.###"]).usage_error();
    cli_stdin(&["decode"], "").usage_error();
    cli_stdin(&["decode", "--json", "-"], "\n").usage_error();
}
