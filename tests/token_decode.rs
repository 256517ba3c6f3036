#![cfg(not(target_arch = "wasm32"))]
//! Decoding pasted tokens: tolerated input (each repair reported as a diagnosis), JWE and
//! part-count errors with positions, raw JSON preserved, and time-claim checks with a fixed
//! `now`.

mod jose_support;

use jose_support::*;
use jwt_debugger::jose::base64url::encode;
use jwt_debugger::jose::claims::{
    ClaimTime, TimeIssue, check_times, format_utc, humanize_relative, registered_claim_info,
};
use jwt_debugger::jose::keys::{HmacSecret, PublicKey};
use jwt_debugger::jose::token::{Diagnosis, MAX_TOKEN_LEN, Part, PayloadKind, decode};
use jwt_debugger::jose::verify::{verify_token, verify_token_lenient};
use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::json;

/// RFC 7515 A.1: HS256 over a header and payload with CRLFs inside the JSON.
const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const A1_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

fn a1_key() -> PublicKey {
    PublicKey::Hmac(HmacSecret(b64(A1_K)))
}

fn token(header: &str, payload: &str, sig: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        encode(header.as_bytes()),
        encode(payload.as_bytes()),
        encode(sig)
    )
}

#[test]
fn clean_token_has_no_diagnoses() {
    let t = decode(A1).unwrap();
    assert!(t.diagnoses.is_empty(), "{:?}", t.diagnoses);
    assert_eq!(t.compact, A1);
    assert_eq!(t.signature.len(), 32);
    assert_eq!(t.header["typ"], "JWT");
    assert_eq!(t.payload["iss"], "joe");
    assert_eq!(t.payload_kind, PayloadKind::Json);
}

#[test]
fn bearer_prefix_any_case_and_surrounding_whitespace() {
    for prefix in ["Bearer ", "bearer ", "BEARER\t", "Bearer   "] {
        let t = decode(&format!("  {prefix}{A1}\n")).unwrap();
        assert_eq!(t.compact, A1);
        assert_eq!(t.diagnoses[0], Diagnosis::SurroundingWhitespaceTrimmed);
        assert_eq!(
            t.diagnoses[1],
            Diagnosis::BearerPrefixRemoved {
                prefix: prefix.to_owned()
            }
        );
        assert!(t.diagnoses[1].message().contains(prefix.trim_end()));
        // Wrappers around the token do not make it non-strict.
        assert_eq!(verify_token(&t, &a1_key()), Ok(()));
    }
    // "Bearerx" is not a prefix: it is part of the (now invalid) token.
    assert!(decode(&format!("Bearerx{A1}")).is_err());
}

#[test]
fn internal_whitespace_and_line_breaks_are_reported_and_strict_verify_refuses() {
    let (a, b) = A1.split_at(40);
    let wrapped = format!("{a}\r\n{b}");
    let t = decode(&wrapped).unwrap();
    assert_eq!(t.compact, A1);
    assert_eq!(t.diagnoses, vec![Diagnosis::LineBreaksRemoved { count: 2 }]);
    assert!(matches!(
        verify_token(&t, &a1_key()),
        Err(JoseError::NotStrictEncoding { .. })
    ));
    assert_eq!(verify_token_lenient(&t, &a1_key()), Ok(()));

    let spaced = format!("{a} \t{b}");
    let t = decode(&spaced).unwrap();
    assert_eq!(
        t.diagnoses,
        vec![Diagnosis::InternalWhitespaceRemoved { count: 2 }]
    );
}

#[test]
fn standard_base64_and_padding_are_reported_per_part() {
    // Bytes chosen so the standard alphabet needs '+' and '/': 0xfb 0xff 0xbf -> "+/+/".
    let sig = [0xfbu8, 0xff, 0xbf, 0xfb];
    let good = token("{\"alg\":\"HS256\"}", "{}", &sig);
    let std_sig = good.replace('-', "+").replace('_', "/") + "==";
    let t = decode(&std_sig).unwrap();
    assert_eq!(t.signature, sig);
    assert_eq!(
        t.diagnoses,
        vec![
            Diagnosis::StandardBase64Chars {
                part: Part::Signature
            },
            Diagnosis::Base64Padding {
                part: Part::Signature
            },
        ]
    );
    assert_eq!(
        t.diagnoses[0].message(),
        "standard base64 characters ('+' or '/') found in signature"
    );

    let (h, rest) = good.split_once('.').unwrap();
    let padded_payload = format!("{h}.{}", rest.replacen('.', "=.", 1)); // "e30" -> "e30="
    let t = decode(&padded_payload).unwrap();
    assert_eq!(
        t.diagnoses,
        vec![Diagnosis::Base64Padding {
            part: Part::Payload
        }]
    );
    assert_eq!(t.payload, json!({}));
}

#[test]
fn jwe_and_wrong_part_counts() {
    let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
    let err = decode(jwe).unwrap_err();
    assert_eq!(err, JoseError::EncryptedJwe);
    assert!(err.to_string().contains("JWE"));
    for (input, count) in [("abc", 1), ("a.b", 2), ("a.b.c.d", 4), ("a.b.c.d.e.f", 6)] {
        let err = decode(input).unwrap_err();
        assert_eq!(err, JoseError::WrongPartCount { count });
        assert!(err.to_string().contains(&count.to_string()));
    }
    assert_eq!(decode("   "), Err(JoseError::EmptyToken));
    assert_eq!(decode(".e30."), Err(JoseError::EmptyHeader));
}

#[test]
fn errors_name_the_part_and_offset() {
    let err = decode("eyJhbGciOiJIUzI1NiJ9.e3!0.").unwrap_err();
    assert!(
        matches!(
            err,
            JoseError::InvalidBase64 {
                part: Part::Payload,
                offset: 2,
                token_offset: 23,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("payload at byte 2"), "{err}");

    let err = decode(&token("{\"alg\":", "{}", b"")).unwrap_err();
    assert!(
        matches!(
            err,
            JoseError::InvalidJson {
                part: Part::Header,
                line: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        decode(&token("[1]", "{}", b"")),
        Err(JoseError::HeaderNotObject)
    );

    let bad_utf8 = format!("{}.e30.", encode(&[b'{', 0xff, b'}']));
    assert_eq!(
        decode(&bad_utf8),
        Err(JoseError::InvalidUtf8 {
            part: Part::Header,
            offset: 1
        })
    );
}

#[test]
fn raw_json_text_is_preserved() {
    let header = "{\"typ\":\"JWT\",  \"alg\":\"HS256\"}";
    let payload = "{\"z\":1.0,\"a\":1e3,\"m\":[1,2],\"b\":\"\\u00e9\"}";
    let t = decode(&token(header, payload, b"sig")).unwrap();
    assert_eq!(t.header_json, header);
    assert_eq!(
        t.payload_json, payload,
        "spacing, 1.0, 1e3 and escapes kept as written"
    );
    let keys: Vec<&String> = t.header.keys().collect();
    assert_eq!(keys, ["typ", "alg"], "header key order preserved");
    let keys: Vec<&String> = t.payload.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["z", "a", "m", "b"], "payload key order preserved");
    assert_eq!(
        t.signing_input(),
        format!("{}.{}", t.header_b64, t.payload_b64).into_bytes()
    );
}

#[test]
fn non_json_payloads_are_kept_and_diagnosed() {
    let t = decode(&token("{\"alg\":\"HS256\"}", "hello", b"")).unwrap();
    assert_eq!(t.payload_kind, PayloadKind::Text);
    assert_eq!(t.payload_json, "hello");
    assert!(matches!(
        t.diagnoses[..],
        [Diagnosis::PayloadNotJson { .. }]
    ));

    let t = decode(&format!(
        "{}.{}.",
        encode(b"{\"alg\":\"HS256\"}"),
        encode(&[0xff, 0])
    ))
    .unwrap();
    assert_eq!(t.payload_kind, PayloadKind::Binary);
    assert_eq!(t.payload_bytes, [0xff, 0]);
    assert_eq!(t.diagnoses, vec![Diagnosis::PayloadNotUtf8]);
}

#[test]
fn alg_header_outcomes() {
    let alg_of = |h: &str| decode(&token(h, "{}", b"")).unwrap().alg;
    assert_eq!(alg_of("{\"alg\":\"ES384\"}"), Ok(Algorithm::ES384));
    assert_eq!(alg_of("{\"alg\":\"none\"}"), Ok(Algorithm::None));
    assert_eq!(
        alg_of("{\"alg\":\"NONE\"}"),
        Err(JoseError::AlgorithmWrongCase {
            given: "NONE".into(),
            expected: "none"
        })
    );
    assert_eq!(alg_of("{}"), Err(JoseError::MissingAlg));
    assert!(matches!(
        alg_of("{\"alg\":1}"),
        Err(JoseError::AlgNotString { .. })
    ));
    assert!(matches!(
        alg_of("{\"alg\":\"XS1\"}"),
        Err(JoseError::UnsupportedAlgorithm { .. })
    ));
}

#[test]
fn oversized_input_is_refused_up_front() {
    let big = "a".repeat(MAX_TOKEN_LEN + 1);
    assert_eq!(
        decode(&big),
        Err(JoseError::TokenTooLarge {
            len: MAX_TOKEN_LEN + 1,
            max: MAX_TOKEN_LEN
        })
    );
}

const NOW: i64 = 1_700_000_000; // 2023-11-14 22:13:20 UTC

#[test]
fn time_claims_valid_expired_and_future() {
    let ok = check_times(
        &json!({"iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 540}),
        NOW,
        0,
    );
    assert!(
        ok.issues.is_empty() && ok.is_currently_valid(),
        "{:?}",
        ok.issues
    );
    assert_eq!(
        ok.exp,
        ClaimTime::Present {
            value: NOW + 540,
            relative: 540
        }
    );
    assert_eq!(humanize_relative(540), "in 9 min");

    let expired = check_times(&json!({"exp": NOW - 7200}), NOW, 0);
    assert_eq!(
        expired.issues,
        vec![TimeIssue::Expired { seconds_ago: 7200 }]
    );
    assert_eq!(expired.issues[0].message(), "expired 2 h ago");
    assert!(!expired.is_currently_valid());

    let future = check_times(
        &json!({"exp": NOW + 100, "nbf": NOW + 30, "iat": NOW + 30}),
        NOW,
        0,
    );
    assert_eq!(
        future.issues,
        vec![
            TimeIssue::NotYetValid { seconds_until: 30 },
            TimeIssue::IssuedInFuture { seconds_ahead: 30 }
        ]
    );
    // Leeway absorbs small clock skew in both directions.
    assert!(
        check_times(&json!({"exp": NOW - 30, "nbf": NOW + 30}), NOW, 60)
            .issues
            .is_empty()
    );
    // RFC 7519 §4.1.4: the token must not be accepted ON or after exp; nbf is inclusive.
    assert_eq!(
        check_times(&json!({"exp": NOW}), NOW, 0).issues,
        vec![TimeIssue::Expired { seconds_ago: 0 }]
    );
    assert!(
        check_times(&json!({"exp": NOW + 1, "nbf": NOW}), NOW, 0)
            .issues
            .is_empty()
    );
}

#[test]
fn time_claims_missing_inconsistent_and_non_numeric() {
    let none = check_times(&json!({"sub": "x"}), NOW, 0);
    assert_eq!(none.issues, vec![TimeIssue::MissingExp]);
    assert!(
        none.is_currently_valid(),
        "missing exp is a finding, not invalidity"
    );

    let backwards = check_times(&json!({"iat": NOW - 10, "exp": NOW - 3610}), NOW, 0);
    assert!(
        backwards
            .issues
            .contains(&TimeIssue::ExpBeforeIat { by_seconds: 3600 })
    );

    let text = check_times(&json!({"exp": "2030-01-01", "iat": 1.5e9}), NOW, 0);
    assert_eq!(
        text.exp,
        ClaimTime::NotNumeric {
            raw: "\"2030-01-01\"".into()
        }
    );
    assert_eq!(
        text.iat,
        ClaimTime::Present {
            value: 1_500_000_000,
            relative: 1_500_000_000 - NOW
        }
    );
    assert_eq!(text.issues, vec![TimeIssue::NonNumeric { claim: "exp" }]);
    // A non-object payload simply has no claims.
    assert_eq!(
        check_times(&json!("text"), NOW, 0).issues,
        vec![TimeIssue::MissingExp]
    );
}

#[test]
fn dates_and_claim_reference() {
    assert_eq!(format_utc(NOW), "2023-11-14 22:13:20 UTC");
    assert_eq!(format_utc(1_300_819_380), "2011-03-22 18:43:00 UTC");
    let exp = registered_claim_info("exp").unwrap();
    assert_eq!((exp.title, exp.is_time), ("Expiration Time", true));
    for name in [
        "iss", "sub", "aud", "nbf", "iat", "jti", "alg", "typ", "cty", "kid", "jku", "jwk", "x5u",
        "x5c", "x5t", "x5t#S256", "crit",
    ] {
        assert!(registered_claim_info(name).is_some(), "{name}");
    }
}
