//! Decryption in the page and in the worker, natively.
use super::*;

/// RFC 7520 section 5.8 (tests/vectors/jose-cookbook/jwe/5_8…json): A128KW with A128GCM;
/// the key is an oct JWK, or its bytes.
const KW: &str = "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0.CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx.Qx0pmsDa8KnJc9Jo.AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeVmJkLD61A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjHi9gTlb90qSYFfeF0LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8REwOhNImk2Xld2JXq6BR53TSFkyT7PwVLuq-1GwtGHlQeg7gDT6xW0JqHDPn_H-puQsmthc9Zg0ojmJfqqFvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRaa8Z7MOZ7UGxGIMvEmxrGCPeJa14slv2-gaqK0kEThkaSqdYw0FkQZF.ER7MWJZ1FBI_NKvn7Zb1Lw";
const KW_KEY: &str = r#"{"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#;

/// The worker's review for the Findings panel, through the same JSON the page sends: an
/// `epk` off its curve, and the length of a symmetric key (bytes or an `oct` JWK).
#[test]
fn the_worker_reviews_the_epk_and_the_key_length() {
    let epk = r#"{"kty":"EC","crv":"P-256","x":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE","y":"AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI"}"#;
    let header = format!(r#"{{"alg":"ECDH-ES","enc":"A128GCM","epk":{epk}}}"#);
    let token = format!(
        "{}..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
        base64url::encode(header.as_bytes())
    );
    let call = crate::app::engine::remote::EngineCall {
        id: 1,
        call: EngineOp::ReviewJwe {
            token,
            key: String::new(),
        },
    };
    let reply =
        crate::jose::backend::run_ready(crate::app::engine::answer::reply_to(&call)).unwrap();
    let reply: crate::app::engine::remote::EngineReply = serde_json::from_str(&reply).unwrap();
    match reply.result {
        Ok(EngineAnswer::JweReview {
            epk_problem,
            key_len,
        }) => {
            assert_eq!(
                epk_problem,
                Some(EpkProblem::NotOnCurve {
                    crv: "P-256".into()
                })
            );
            assert_eq!(key_len, None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        review_in_worker(KW, "AAAAAAAAAAAAAAAAAAAAAAAA"),
        (None, Some(18))
    );
    assert_eq!(review_in_worker(KW, KW_KEY), (None, Some(16)));
    assert_eq!(review_in_worker("not a token", KW_KEY), (None, None));
}

#[test]
fn the_box_takes_an_oct_jwk_or_its_bytes_and_a_wrong_key_fails() {
    let text = String::from_utf8(decrypt_now(KW, KW_KEY).unwrap().0).unwrap();
    assert!(
        text.starts_with("You can trust us to stick with you"),
        "{text}"
    );
    assert_eq!(
        decrypt_now(KW, "GZy6sIZ6wl9NJOKB-jnmVQ").unwrap().0,
        text.as_bytes()
    );
    let wrong = decrypt_now(KW, "AAAAAAAAAAAAAAAAAAAAAA").unwrap_err();
    assert_eq!(wrong, jwe::JweError::DecryptionFailed.to_string());
    assert!(decrypt_now(KW, "not base64!").is_err());
}

#[test]
fn a_jwks_entry_is_picked_by_the_tokens_kid() {
    let other =
        r#"{"kty":"oct","kid":"other","use":"enc","alg":"A128KW","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#;
    let jwks = format!(r#"{{"keys":[{other},{KW_KEY}]}}"#);
    assert!(decrypt_now(KW, &jwks).is_ok());
    // Without the matching kid the first usable entry is used: here the wrong one.
    let jwks = format!(r#"{{"keys":[{other}]}}"#);
    assert!(decrypt_now(KW, &jwks).is_err());
}

#[test]
fn the_symmetric_key_length_is_read_from_bytes_or_an_oct_jwk() {
    let Ok(Token::Jwe(kw)) = token::parse(KW) else {
        panic!("not a JWE");
    };
    assert_eq!(symmetric_key_len(&kw, KW_KEY), Some(16));
    assert_eq!(symmetric_key_len(&kw, "GZy6sIZ6wl9NJOKB-jnmVQ"), Some(16));
    assert_eq!(
        symmetric_key_len(&kw, &base64url::encode(&[1; 24])),
        Some(24)
    );
    let jwks = format!(r#"{{"keys":[{{"kty":"RSA","n":"AQAB","e":"AQAB"}},{KW_KEY}]}}"#);
    assert_eq!(symmetric_key_len(&kw, &jwks), Some(16));
    for nothing in ["", "  ", "not base64!", r#"{"kty":"EC"}"#, "{"] {
        assert_eq!(symmetric_key_len(&kw, nothing), None, "{nothing}");
    }
}

#[test]
fn each_alg_says_what_key_it_needs() {
    assert!(key_needed(Some("RSA-OAEP-256")).contains("private key"));
    assert!(key_needed(Some("dir")).contains("symmetric key"));
    assert!(key_needed(Some("PBES2-HS256+A128KW")).contains("password"));
    assert!(key_needed(Some("HS256")).contains("not a JWE"));
    assert!(key_needed(None).contains("no \"alg\""));
}

#[test]
fn a_nested_jws_is_found_in_the_plaintext() {
    let jws = Plaintext::new(
        crate::app::example::TOKEN.trim().as_bytes().to_vec(),
        Vec::new(),
    );
    assert!(jws.inner_jws().is_some());
    let json = Plaintext::new(br#"{"sub":"x"}"#.to_vec(), Vec::new());
    assert!(json.inner_jws().is_none());
    assert_eq!(
        json.json_for_payload(false).as_deref(),
        Some("{\n  \"sub\": \"x\"\n}")
    );
    assert_eq!(
        json.json_for_payload(true).as_deref(),
        Some(r#"{"sub":"x"}"#)
    );
    assert_eq!(jws.json_for_payload(false), None);
    assert_eq!(format!("{json:?}"), "Plaintext(11 bytes)");
}
