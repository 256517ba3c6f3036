#![cfg(not(target_arch = "wasm32"))]
//! One reading of time: the Verify pane's time line, the claims table and the Findings read
//! `exp`/`nbf`/`iat` through one function (`claims::numeric_date`) and judge them with one
//! function (`claims::check_times`), so on every edge case they say the same thing.

use jwt_debugger::app::components::claims_table::time_reading;
use jwt_debugger::app::verification::time_note;
use jwt_debugger::jose::claims::numeric_date;
use jwt_debugger::jose::lints::{LintContext, lint};
use jwt_debugger::jose::token::decode;
use serde_json::Value;

const NOW: i64 = 1_700_000_000;

/// What the three views say about one payload at [`NOW`] with `leeway`.
#[derive(Debug)]
struct Views {
    /// The Verify pane's line.
    note: String,
    /// The claims table's reading of `exp`: its seconds, or `None` for "not a NumericDate".
    table_exp: Option<i64>,
    /// The findings' ids.
    findings: Vec<&'static str>,
}

fn views(payload: &str, leeway: i64) -> Views {
    let value: Value = serde_json::from_str(payload).unwrap();
    let note = time_note(&value, NOW, leeway).unwrap();
    let table_exp = value
        .get("exp")
        .and_then(|v| time_reading(v, NOW))
        .map(|(s, _)| s);
    let token = format!(
        "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            payload.as_bytes()
        )
    );
    let ctx = LintContext {
        leeway_secs: leeway,
        ..LintContext::at(NOW)
    };
    let findings = lint(&decode(&token).unwrap(), &ctx)
        .iter()
        .map(|f| f.id())
        .collect();
    Views {
        note,
        table_exp,
        findings,
    }
}

/// The expected verdict of one case.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// `exp` reads as these seconds and the token is not expired.
    Valid(i64),
    /// `exp` reads as these seconds and the token is expired.
    Expired(i64),
    /// `exp` is not a NumericDate.
    NotNumeric,
}

#[test]
fn verify_pane_claims_table_and_findings_agree_on_every_edge_case() {
    let cases: Vec<(String, i64, Expect)> = vec![
        (format!(r#"{{"exp":{NOW}}}"#), 0, Expect::Expired(NOW)),
        (format!(r#"{{"exp":{NOW}}}"#), 5, Expect::Valid(NOW)),
        (
            format!(r#"{{"exp":{}}}"#, NOW + 1),
            0,
            Expect::Valid(NOW + 1),
        ),
        (
            format!(r#"{{"exp":{}}}"#, NOW - 5),
            10,
            Expect::Valid(NOW - 5),
        ),
        (
            format!(r#"{{"exp":{}}}"#, NOW - 10),
            10,
            Expect::Expired(NOW - 10),
        ),
        (format!(r#"{{"exp":{}.999}}"#, NOW), 0, Expect::Expired(NOW)),
        (
            format!(r#"{{"exp":{}.5}}"#, NOW + 60),
            0,
            Expect::Valid(NOW + 60),
        ),
        (r#"{"exp":-1}"#.to_owned(), 0, Expect::Expired(-1)),
        (r#"{"exp":-1.5}"#.to_owned(), 0, Expect::Expired(-2)),
        (r#"{"exp":1e300}"#.to_owned(), 0, Expect::NotNumeric),
        (r#"{"exp":-1e300}"#.to_owned(), 0, Expect::NotNumeric),
        (
            r#"{"exp":9007199254740993}"#.to_owned(),
            0,
            Expect::Valid(9_007_199_254_740_993),
        ),
        (
            r#"{"exp":18446744073709551615}"#.to_owned(),
            0,
            Expect::NotNumeric,
        ),
        (
            format!(r#"{{"exp":"{}"}}"#, NOW + 60),
            0,
            Expect::NotNumeric,
        ),
        (r#"{"exp":true}"#.to_owned(), 0, Expect::NotNumeric),
        (r#"{"exp":null}"#.to_owned(), 0, Expect::NotNumeric),
        (r#"{"exp":[1]}"#.to_owned(), 0, Expect::NotNumeric),
    ];
    for (payload, leeway, expect) in cases {
        let v = views(&payload, leeway);
        let case = format!("{payload} leeway {leeway}: {v:?}");
        let finding_expired = v.findings.contains(&"expired");
        let finding_not_numeric = v.findings.contains(&"claim-not-numeric");
        let note_expired = v.note.contains("expired");
        let note_not_numeric = v.note.contains("not a NumericDate");
        match expect {
            Expect::Valid(seconds) => {
                assert_eq!(v.table_exp, Some(seconds), "{case}");
                assert!(!finding_expired && !note_expired, "{case}");
                assert!(!finding_not_numeric && !note_not_numeric, "{case}");
            }
            Expect::Expired(seconds) => {
                assert_eq!(v.table_exp, Some(seconds), "{case}");
                assert!(finding_expired && note_expired, "{case}");
            }
            Expect::NotNumeric => {
                assert_eq!(v.table_exp, None, "{case}");
                assert!(finding_not_numeric && note_not_numeric, "{case}");
                assert!(!finding_expired && !note_expired, "{case}");
            }
        }
        let reader = serde_json::from_str::<Value>(&payload).unwrap()["exp"].clone();
        assert_eq!(numeric_date(&reader), v.table_exp, "{case}");
    }
}

/// `exp == iat` means the token was never valid (it must be used at or after `iat` and before
/// `exp`): the findings and the Verify pane both say so.
#[test]
fn exp_equal_to_iat_is_never_valid_everywhere() {
    let at = NOW + 100;
    let v = views(&format!(r#"{{"iat":{at},"exp":{at}}}"#), 0);
    assert!(v.findings.contains(&"exp-before-iat"), "{v:?}");
    assert!(v.note.contains("never valid"), "{v:?}");
    let v = views(&format!(r#"{{"iat":{at},"exp":{}}}"#, at + 1), 0);
    assert!(!v.findings.contains(&"exp-before-iat"), "{v:?}");
    assert!(!v.note.contains("never valid"), "{v:?}");
}

/// Leeway moves `nbf` and `iat` for the findings as for the Verify pane.
#[test]
fn leeway_applies_to_nbf_and_iat_alike() {
    let future = format!(
        r#"{{"nbf":{},"iat":{},"exp":{}}}"#,
        NOW + 30,
        NOW + 30,
        NOW + 600
    );
    let strict = views(&future, 0);
    assert!(strict.findings.contains(&"nbf-future") && strict.note.contains("not valid until"));
    assert!(
        strict.findings.contains(&"iat-future") && strict.note.contains("issued in the future")
    );
    let lenient = views(&future, 60);
    assert!(!lenient.findings.contains(&"nbf-future") && !lenient.note.contains("not valid until"));
    assert!(
        !lenient.findings.contains(&"iat-future") && !lenient.note.contains("issued in the future")
    );
}

/// One duration formatter: the findings, the Verify pane and the claims table word the same
/// span the same way.
#[test]
fn durations_are_worded_alike_everywhere() {
    use jwt_debugger::jose::claims::humanize_duration;
    for ago in [45, 90, 7_200, 3 * 86_400 + 5, 400 * 86_400] {
        let payload = format!(r#"{{"exp":{}}}"#, NOW - ago);
        let value: Value = serde_json::from_str(&payload).unwrap();
        let span = humanize_duration(ago);
        let note = time_note(&value, NOW, 0).unwrap();
        assert!(note.contains(&format!("expired {span} ago")), "{note}");
        let (_, relative) = time_reading(&value["exp"], NOW).unwrap();
        assert_eq!(relative, format!("{span} ago"));
        let token = format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            base64::Engine::encode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                payload.as_bytes()
            )
        );
        let findings = lint(&decode(&token).unwrap(), &LintContext::at(NOW));
        let expired = findings.iter().find(|f| f.id() == "expired").unwrap();
        assert_eq!(expired.title(), format!("expired {span} ago"));
    }
}
