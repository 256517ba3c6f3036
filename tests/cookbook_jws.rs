#![cfg(not(target_arch = "wasm32"))]
//! RFC 7520 (JOSE cookbook) §4 JWS examples and the RFC 8037 Ed25519 example, from the
//! machine-readable ietf-jose/cookbook files (public domain, see tests/vectors/jose-cookbook/).
//! Every example must verify; where the file says `"reproducible": true` our signature must
//! equal the file's byte for byte.

mod jose_support;

use jose_support::*;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::keys::KeyCandidate;
use jwt_debugger::jose::sign::{sign_bytes, sign_token};
use jwt_debugger::jose::token::{PayloadKind, decode};
use jwt_debugger::jose::verify::{
    verify_bytes, verify_token, verify_with_keys, verify_with_keys_lenient,
};
use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::Value;

struct Example {
    v: Value,
}

impl Example {
    fn load(rel: &str) -> Self {
        Self {
            v: load(&format!("jose-cookbook/{rel}")),
        }
    }
    fn alg(&self) -> Algorithm {
        s(&self.v["input"], "alg").parse().expect("alg")
    }
    fn reproducible(&self) -> bool {
        self.v["reproducible"].as_bool().unwrap_or(false)
    }
    fn sig_input(&self) -> &str {
        s(&self.v["signing"], "sig-input")
    }
    fn sig(&self) -> Vec<u8> {
        b64(s(&self.v["signing"], "sig"))
    }
    fn compact(&self) -> Option<&str> {
        self.v["output"]["compact"].as_str()
    }
}

/// Verifies the raw signature and, when present, the compact token; signs again and compares
/// when reproducible. Returns the compact token if the example has one.
fn check(rel: &str) -> Example {
    let ex = Example::load(rel);
    let key = &ex.v["input"]["key"];
    let public = public_jwk(key);
    let alg = ex.alg();
    assert_eq!(
        verify_bytes(alg, &public, ex.sig_input().as_bytes(), &ex.sig()),
        Ok(()),
        "{rel}: raw signature"
    );
    let mut tampered = ex.sig();
    if let Some(last) = tampered.last_mut() {
        *last ^= 0x01;
    }
    assert!(verify_bytes(alg, &public, ex.sig_input().as_bytes(), &tampered).is_err());

    if let Some(compact) = ex.compact() {
        let decoded = decode(compact).expect("decodes");
        assert!(
            decoded.diagnoses.iter().all(|d| !d.alters_token()),
            "{rel}: {:?}",
            decoded.diagnoses
        );
        assert_eq!(decoded.signing_input(), ex.sig_input().as_bytes());
        assert_eq!(decoded.payload_json, s(&ex.v["input"], "payload"));
        assert_eq!(
            decoded.payload_kind,
            PayloadKind::Text,
            "the cookbook payload is prose"
        );
        assert_eq!(verify_token(&decoded, &public), Ok(()), "{rel}: compact");
    }

    let private = private_jwk(key);
    let fresh = sign_bytes(alg, &private, ex.sig_input().as_bytes(), &mut rng(42)).unwrap();
    assert_eq!(
        verify_bytes(alg, &public, ex.sig_input().as_bytes(), &fresh),
        Ok(())
    );
    if ex.reproducible() {
        assert_eq!(
            base64url::encode(&fresh),
            s(&ex.v["signing"], "sig"),
            "{rel}: byte-exact"
        );
    }
    ex
}

#[test]
fn rfc7520_4_1_rs256_reproducible() {
    let ex = check("jws/4_1.rsa_v15_signature.json");
    assert!(ex.reproducible());
    // Whole-token signing from header and payload text reproduces the compact output.
    let header = String::from_utf8(b64(s(&ex.v["signing"], "protected_b64u"))).unwrap();
    let private = private_jwk(&ex.v["input"]["key"]);
    let token = sign_token(&header, s(&ex.v["input"], "payload"), &private, &mut rng(1)).unwrap();
    assert_eq!(Some(token.as_str()), ex.compact());
}

#[test]
fn rfc7520_4_2_ps384_verifies() {
    let ex = check("jws/4_2.rsa-pss_signature.json");
    assert_eq!(ex.alg(), Algorithm::PS384);
}

#[test]
fn rfc7520_4_3_es512_verifies() {
    let ex = check("jws/4_3.ecdsa_signature.json");
    assert_eq!(ex.alg(), Algorithm::ES512);
}

#[test]
fn rfc7520_4_4_hs256_reproducible() {
    let ex = check("jws/4_4.hmac-sha2_integrity_protection.json");
    assert!(ex.reproducible());
}

#[test]
fn rfc7520_4_6_hs256_protected_subset_reproducible() {
    // 4.6 has an unprotected header, so it only exists in the JSON serialization: the
    // signature over the protected part is checked, and the JSON form is refused by decode.
    let ex = check("jws/4_6.protecting_specific_header_fields.json");
    assert!(ex.compact().is_none());
    let json = serde_json::to_string(&ex.v["output"]["json"]).unwrap();
    assert_eq!(decode(&json).unwrap_err(), JoseError::JsonSerialization);
}

#[test]
fn rfc8037_ed25519_reproducible_under_both_names() {
    let ex = check("curve25519/jws.json");
    assert_eq!(ex.alg(), Algorithm::EdDSA);
    let public = public_jwk(&ex.v["input"]["key"]);
    // RFC 9864's fully specified name is the same algorithm with an Ed25519 key.
    assert_eq!(
        verify_bytes(
            Algorithm::Ed25519,
            &public,
            ex.sig_input().as_bytes(),
            &ex.sig()
        ),
        Ok(())
    );
}

/// Key selection by `kid` over a small key set built from the cookbook keys.
#[test]
fn verify_with_keys_selects_by_kid_and_reports() {
    let rsa = Example::load("jws/4_1.rsa_v15_signature.json");
    let hmac = Example::load("jws/4_4.hmac-sha2_integrity_protection.json");
    let candidate = |ex: &Example, kid: Option<&str>, alg: Option<&str>| KeyCandidate {
        kid: kid.map(str::to_owned),
        alg: alg.map(str::to_owned),
        key: public_jwk(&ex.v["input"]["key"]),
        source: "JWKS key",
        index: None,
    };
    let token = decode(rsa.compact().unwrap()).unwrap();
    assert_eq!(token.kid(), Some("bilbo.baggins@hobbiton.example"));

    let keys = vec![
        candidate(&hmac, Some("other"), None),
        candidate(&rsa, Some("bilbo.baggins@hobbiton.example"), None),
    ];
    let report = verify_with_keys(&token, &keys).unwrap();
    assert_eq!(report.index, 1);
    assert!(report.selected_by_kid);
    assert_eq!(
        report.kid.as_deref(),
        Some("bilbo.baggins@hobbiton.example")
    );

    // No key with that kid: a typed error listing what is available.
    let err = verify_with_keys(&token, &keys[..1]).unwrap_err();
    assert!(
        matches!(err, JoseError::NoKeyForKid { ref available, .. } if available == "\"other\"")
    );

    // A header kid with a key that has no kid (a PEM, a certificate): that key is tried, as a
    // gateway token with a Key ID must verify against the gateway's PEM public key.
    let pem_like = vec![
        candidate(&hmac, Some("other"), None),
        candidate(&rsa, None, None),
    ];
    let report = verify_with_keys(&token, &pem_like).unwrap();
    assert_eq!((report.index, report.selected_by_kid), (1, false));

    // The right key but pinned to another algorithm by its JWK alg: not used.
    let pinned = vec![candidate(
        &rsa,
        Some("bilbo.baggins@hobbiton.example"),
        Some("PS256"),
    )];
    let err = verify_with_keys(&token, &pinned).unwrap_err();
    assert!(
        matches!(err, JoseError::NoKeyVerified { ref reasons } if reasons[0].to_string().contains("PS256"))
    );

    // A token without kid tries every key in order and reports the one that matched.
    let hs = decode(hmac.compact().unwrap()).unwrap();
    let mut no_kid = hs.clone();
    no_kid.header.remove("kid");
    let keys = vec![candidate(&rsa, None, None), candidate(&hmac, None, None)];
    let report = verify_with_keys(&no_kid, &keys).unwrap();
    assert_eq!((report.index, report.selected_by_kid), (1, false));
    assert_eq!(verify_with_keys(&no_kid, &[]), Err(JoseError::NoKeys));
}

/// The lenient multi-key entry point accepts a line-wrapped paste; the strict one refuses it.
#[test]
fn verify_with_keys_lenient_accepts_repaired_tokens_strict_does_not() {
    let hmac = Example::load("jws/4_4.hmac-sha2_integrity_protection.json");
    let compact = hmac.compact().unwrap();
    let (a, b) = compact.split_at(30);
    let token = decode(&format!("{a}\n{b}")).unwrap();
    let kid = token.kid().map(str::to_owned);
    let keys = vec![KeyCandidate {
        kid,
        alg: None,
        key: public_jwk(&hmac.v["input"]["key"]),
        source: "JWK",
        index: None,
    }];
    assert_eq!(
        verify_with_keys_lenient(&token, &keys).map(|r| r.index),
        Ok(0)
    );
    let err = verify_with_keys(&token, &keys).unwrap_err();
    assert!(
        matches!(err, JoseError::NoKeyVerified { ref reasons } if reasons[0].to_string().contains("strict"))
    );
}
