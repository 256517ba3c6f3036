#![cfg(not(target_arch = "wasm32"))]
//! Five-part tokens are JWEs from the first parse: every compact example of RFC 7520 section 5
//! (the ietf-jose cookbook files, public domain, see tests/vectors/jose-cookbook/) decodes to its
//! protected header, encrypted key, IV, ciphertext and tag, byte for byte, before any decryption
//! exists. Three-part tokens stay JWS.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::token::{Part, Token, decode, parse};
use serde_json::Value;

fn b64(v: &Value) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(v.as_str().unwrap_or_default())
        .unwrap()
}

#[test]
fn every_compact_rfc7520_jwe_parses_to_its_parts() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/jose-cookbook/jwe"
    );
    let mut checked = 0;
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let example: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(compact) = example["output"]["compact"].as_str() else {
            continue; // the JSON-serialization-only examples (5.10-5.13)
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Token::Jwe(jwe) = parse(compact).unwrap_or_else(|e| panic!("{name}: {e}")) else {
            panic!("{name}: not a JWE");
        };
        let protected = &example["encrypting_content"]["protected_b64u"];
        assert_eq!(jwe.header_b64, protected.as_str().unwrap(), "{name}");
        assert_eq!(jwe.header_json.as_bytes(), b64(protected), "{name}");
        assert_eq!(jwe.alg(), example["input"]["alg"].as_str(), "{name}");
        assert_eq!(jwe.enc(), example["input"]["enc"].as_str(), "{name}");
        assert_eq!(jwe.iv, b64(&example["generated"]["iv"]), "{name}");
        assert_eq!(
            jwe.ciphertext,
            b64(&example["encrypting_content"]["ciphertext"]),
            "{name}"
        );
        assert_eq!(
            jwe.tag,
            b64(&example["encrypting_content"]["tag"]),
            "{name}"
        );
        let encrypted_key = &example["encrypting_key"]["encrypted_key"];
        assert_eq!(jwe.encrypted_key, b64(encrypted_key), "{name}");
        assert!(jwe.header_duplicates.is_empty());
        // The JWS entry point still says what it is, rather than misreading it.
        assert_eq!(decode(compact), Err(JoseError::EncryptedJwe), "{name}");
        checked += 1;
    }
    // 5.1-5.9 have a compact serialization.
    assert_eq!(checked, 9);
}

#[test]
fn three_parts_stay_jws_and_broken_jwe_parts_are_named() {
    let jws = "eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ";
    assert!(matches!(parse(jws), Ok(Token::Jws(t)) if t.payload_bytes == b"$.02"));
    // A bad IV (the third part) is reported as the IV, with its offset in the token.
    let err = parse("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..!!.YQ.YQ").unwrap_err();
    assert!(
        matches!(&err, JoseError::JweUnreadable { reason }
            if matches!(**reason, JoseError::InvalidBase64 { part: Part::Iv, .. })),
        "{err}"
    );
    assert!(err.to_string().starts_with(
        "the token has 5 parts, like an encrypted token (JWE), but invalid base64url in the initialization vector"
    ));
    assert_eq!(
        parse("a.b.c.d"),
        Err(JoseError::WrongPartCount { count: 4 })
    );
    // Bearer prefixes and line breaks are tolerated as for a JWS, and said.
    let wrapped = "Bearer eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..\nYQ.YQ.YQ";
    let Ok(Token::Jwe(jwe)) = parse(wrapped) else {
        panic!("not a JWE");
    };
    assert_eq!(jwe.alg(), Some("dir"));
    assert!(jwe.encrypted_key.is_empty());
    assert_eq!(jwe.diagnoses.len(), 2);
}
