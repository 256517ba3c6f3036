#![cfg(not(target_arch = "wasm32"))]
//! Wycheproof `json_web_encryption_test.json` (C2SP/wycheproof, Apache-2.0, see
//! tests/vectors/wycheproof/SOURCE): every case, none skipped. Valid cases must decrypt to
//! their plaintext; invalid ones must fail, at parsing (missing parts, the JSON serialization)
//! or at decryption (modified parts, a key used with another `alg` than its JWK `alg`, an
//! `epk` off the curve, PKCS#1 v1.5 padding errors).

mod jose_support;

use jwt_debugger::jose::jwe::{self, DecryptionKey, JweError};
use jwt_debugger::jose::token::{Token, parse};
use serde_json::Value;

/// Cases whose refusal must have a particular reason: the invalid-curve `epk`, and keys whose
/// JWK `alg` names another algorithm (flags WrongCipher and Pkcs15WithOaepKey).
const REASONS: &[(&[u64], &str)] = &[
    (&[51], "not a valid point on P-256"),
    (
        &[94, 95, 96, 97, 98, 99, 106, 107, 108, 109, 110, 111],
        "(its JWK \"alg\")",
    ),
    (&[122, 123, 124, 125, 126, 127], "(its JWK \"alg\")"),
];

/// Decrypts one case's token with the group's key: the plaintext, or why not.
fn run(jwe_text: &str, key: &DecryptionKey, seed: u64) -> Result<Vec<u8>, String> {
    let token = match parse(jwe_text) {
        Ok(Token::Jwe(token)) => token,
        Ok(_) => return Err("not a JWE".into()),
        Err(e) => return Err(format!("parse: {e}")),
    };
    jwe::decrypt(&token, key, &mut jose_support::rng(seed))
        .map(|out| out.plaintext)
        .map_err(|e| e.to_string())
}

#[test]
fn wycheproof_json_web_encryption() {
    let file = jose_support::load("wycheproof/json_web_encryption_test.json");
    let (mut cases, mut mismatches) = (0, Vec::new());
    for group in file["testGroups"].as_array().unwrap() {
        let jwk = group["private"].as_object().unwrap();
        let key = DecryptionKey::from_jwk(jwk).unwrap_or_else(|e| panic!("{jwk:?}: {e}"));
        for case in group["tests"].as_array().unwrap() {
            cases += 1;
            let id = case["tcId"].as_u64().unwrap();
            let expected = jose_support::unhex(case["pt"].as_str().unwrap_or_default());
            // The JSON-serialization case holds an object; the tool reads compact tokens only.
            let text = match &case["jwe"] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let got = run(&text, &key, id);
            let ok = match case["result"].as_str().unwrap() {
                "valid" => got.as_deref() == Ok(expected.as_slice()),
                "invalid" => got.is_err(),
                other => panic!("tcId {id}: unexpected result {other}"),
            };
            if !ok {
                mismatches.push(format!("tcId {id} ({}): {got:?}", case["comment"]));
            }
            if let Some((_, reason)) = REASONS.iter().find(|(ids, _)| ids.contains(&id))
                && !got.as_ref().is_err_and(|e| e.contains(reason))
            {
                mismatches.push(format!("tcId {id}: expected \"{reason}\", got {got:?}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(cases, file["numberOfTests"].as_u64().unwrap() as usize);
}

/// The PKCS#1 v1.5 padding cases (flag ModifiedPkcs15Padding) all fail with the same error as
/// a modified tag: the random-CEK countermeasure leaves nothing to tell them apart.
#[test]
fn rsa1_5_padding_failures_look_like_tag_failures() {
    let file = jose_support::load("wycheproof/json_web_encryption_test.json");
    let mut seen = 0;
    for group in file["testGroups"].as_array().unwrap() {
        let key = DecryptionKey::from_jwk(group["private"].as_object().unwrap()).unwrap();
        for case in group["tests"].as_array().unwrap() {
            let flags = case["flags"].as_array().unwrap();
            if !flags.iter().any(|f| f == "ModifiedPkcs15Padding") {
                continue;
            }
            seen += 1;
            let Ok(Token::Jwe(token)) = parse(case["jwe"].as_str().unwrap()) else {
                panic!("tcId {}: does not parse", case["tcId"]);
            };
            let err = jwe::decrypt(&token, &key, &mut jose_support::rng(3)).unwrap_err();
            assert_eq!(err, JweError::DecryptionFailed, "tcId {}", case["tcId"]);
        }
    }
    assert_eq!(seen, 8);
}
