#![cfg(not(target_arch = "wasm32"))]
//! What JWE decryption and encryption refuse, each with its typed error: a PBES2 count above
//! the limit (before any work), an `epk` off its curve, a zip bomb, keys of the wrong length,
//! type or JWK `alg`/`use`, RSA1_5 encryption and unknown `crit` members; and the findings that
//! do not refuse (few PBES2 iterations, compression, a nested JWS without `cty`).

mod jose_support;

use jwt_debugger::jose::base64url;
use jwt_debugger::jose::jwe::{
    self, DecryptionKey, EncryptionKey, JweError, JweFinding, MAX_PBES2_ITERATIONS,
    X25519PrivateKey,
};
use jwt_debugger::jose::keys::{self, KeyKind};
use jwt_debugger::jose::token::{JweCompact, Token, parse};
use serde_json::{Map, Value, json};

fn jwe_of(compact: &str) -> JweCompact {
    match parse(compact) {
        Ok(Token::Jwe(jwe)) => jwe,
        other => panic!("not a JWE: {other:?}"),
    }
}

fn header(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

/// A compact token whose protected header is replaced (the other parts kept): enough to test
/// refusals that come before the tag check.
fn with_header(compact: &str, header: &Map<String, Value>) -> JweCompact {
    let rest = compact.split_once('.').unwrap().1;
    let b64 = base64url::encode(serde_json::to_string(header).unwrap().as_bytes());
    jwe_of(&format!("{b64}.{rest}"))
}

#[test]
fn pbes2_count_above_the_limit_is_refused_before_any_work() {
    let mut rng = jose_support::rng(21);
    let key = EncryptionKey::password(b"pw".to_vec());
    let h = header(json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1000}));
    let compact = jwe::encrypt(h.clone(), b"x", &key, &mut rng).unwrap();
    let mut hostile = jwe_of(&compact).header;
    for p2c in [u64::from(MAX_PBES2_ITERATIONS) + 1, u64::MAX] {
        hostile.insert("p2c".into(), p2c.into());
        let token = with_header(&compact, &hostile);
        let err = jwe::decrypt(&token, &DecryptionKey::password(b"pw".to_vec()), &mut rng);
        assert_eq!(
            err.unwrap_err(),
            JweError::Pbes2TooManyIterations {
                p2c,
                max: MAX_PBES2_ITERATIONS
            }
        );
        // The same header is refused for encryption too.
        let mut h = h.clone();
        h.insert("p2c".into(), p2c.into());
        assert!(matches!(
            jwe::encrypt(h, b"x", &key, &mut rng),
            Err(JweError::Pbes2TooManyIterations { .. })
        ));
    }
}

#[test]
fn few_pbes2_iterations_decrypt_with_a_finding() {
    let mut rng = jose_support::rng(22);
    let h = header(json!({"alg": "PBES2-HS384+A192KW", "enc": "A192GCM", "p2c": 10}));
    let compact = jwe::encrypt(h, b"x", &EncryptionKey::password(b"pw".to_vec()), &mut rng);
    let token = jwe_of(&compact.unwrap());
    let out = jwe::decrypt(&token, &DecryptionKey::password(b"pw".to_vec()), &mut rng).unwrap();
    assert_eq!(out.findings, [JweFinding::Pbes2FewIterations { p2c: 10 }]);
}

#[test]
fn an_epk_off_the_curve_is_refused() {
    let mut rng = jose_support::rng(23);
    let key = keys::generate(KeyKind::P256, &mut rng).unwrap();
    let h = header(json!({"alg": "ECDH-ES+A128KW", "enc": "A128GCM"}));
    let compact = jwe::encrypt(h, b"x", &key.public_key().into(), &mut rng).unwrap();
    let mut hostile = jwe_of(&compact).header;
    let epk = hostile["epk"].as_object_mut().unwrap();
    let mut y = base64url::decode(epk["y"].as_str().unwrap()).unwrap();
    y[31] ^= 1;
    epk.insert("y".into(), base64url::encode(&y).into());
    let token = with_header(&compact, &hostile);
    let err = jwe::decrypt(&token, &key.clone().into(), &mut rng).unwrap_err();
    assert_eq!(err, JweError::EpkNotOnCurve("P-256"));

    // An epk on another curve than the key's is refused as well.
    let other = keys::generate(KeyKind::P384, &mut rng).unwrap();
    let h = header(json!({"alg": "ECDH-ES", "enc": "A128GCM"}));
    let compact = jwe::encrypt(h, b"x", &other.public_key().into(), &mut rng).unwrap();
    let err = jwe::decrypt(&jwe_of(&compact), &key.into(), &mut rng).unwrap_err();
    assert!(matches!(err, JweError::EpkInvalid(_)), "{err}");
}

#[test]
fn a_zip_bomb_is_refused() {
    let mut rng = jose_support::rng(24);
    let cek = vec![9; 16];
    let h = header(json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"}));
    let bomb = vec![0u8; 4 * jwe::MAX_INFLATED_BYTES];
    let compact = jwe::encrypt(h, &bomb, &EncryptionKey::symmetric(cek.clone()), &mut rng).unwrap();
    assert!(compact.len() < 16 * 1024, "{}", compact.len());
    let err = jwe::decrypt(&jwe_of(&compact), &DecryptionKey::symmetric(cek), &mut rng);
    assert_eq!(
        err.unwrap_err(),
        JweError::ZipBomb {
            max: jwe::MAX_INFLATED_BYTES,
            ratio: jwe::MAX_INFLATE_RATIO
        }
    );
}

#[test]
fn symmetric_keys_of_the_wrong_length_are_refused() {
    let mut rng = jose_support::rng(25);
    for (alg, enc, len, expected) in [
        ("dir", "A128GCM", 15, 16),
        ("dir", "A256CBC-HS512", 32, 64),
        ("A128KW", "A128GCM", 32, 16),
        ("A256GCMKW", "A128GCM", 16, 32),
    ] {
        let h = header(json!({"alg": alg, "enc": enc}));
        let err = jwe::encrypt(h, b"x", &EncryptionKey::symmetric(vec![1; len]), &mut rng);
        let Err(JweError::WrongKeyLength {
            expected: e,
            found: f,
            ..
        }) = err
        else {
            panic!("{alg} {enc}: {err:?}");
        };
        assert_eq!((e, f), (expected, len), "{alg} {enc}");
    }
    // Decrypting a dir token with a short key is refused the same way.
    let good = EncryptionKey::symmetric(vec![1; 16]);
    let h = header(json!({"alg": "dir", "enc": "A128GCM"}));
    let compact = jwe::encrypt(h, b"x", &good, &mut rng).unwrap();
    let err = jwe::decrypt(
        &jwe_of(&compact),
        &DecryptionKey::symmetric(vec![1; 15]),
        &mut rng,
    );
    assert!(matches!(
        err,
        Err(JweError::WrongKeyLength {
            expected: 16,
            found: 15,
            ..
        })
    ));
}

#[test]
fn rsa1_5_encryption_is_refused() {
    let mut rng = jose_support::rng(26);
    let key = keys::generate(KeyKind::Rsa2048, &mut rng).unwrap();
    let h = header(json!({"alg": "RSA1_5", "enc": "A128CBC-HS256"}));
    let err = jwe::encrypt(h, b"x", &key.public_key().into(), &mut rng).unwrap_err();
    assert_eq!(err, JweError::Rsa1_5EncryptRefused);
}

#[test]
fn keys_of_the_wrong_type_use_or_alg_are_refused() {
    let mut rng = jose_support::rng(27);
    let h = header(json!({"alg": "RSA-OAEP-256", "enc": "A128GCM"}));
    let err = jwe::encrypt(h, b"x", &EncryptionKey::symmetric(vec![1; 16]), &mut rng);
    assert!(
        matches!(
            err,
            Err(JweError::WrongKeyType {
                alg: "RSA-OAEP-256",
                ..
            })
        ),
        "{err:?}"
    );

    let ed = keys::generate(KeyKind::Ed25519, &mut rng).unwrap();
    let h = header(json!({"alg": "ECDH-ES", "enc": "A128GCM"}));
    let err = jwe::encrypt(h, b"x", &ed.public_key().into(), &mut rng);
    assert!(
        matches!(err, Err(JweError::WrongKeyType { alg: "ECDH-ES", .. })),
        "{err:?}"
    );

    let sig = r#"{"kty":"oct","use":"sig","k":"GawgguFyGrWKav7AX4VKUg"}"#;
    assert_eq!(
        EncryptionKey::parse(sig).unwrap_err(),
        JweError::SignatureKey
    );

    let restricted =
        EncryptionKey::parse(r#"{"kty":"oct","alg":"A128GCMKW","k":"GawgguFyGrWKav7AX4VKUg"}"#);
    let h = header(json!({"alg": "A128KW", "enc": "A128GCM"}));
    let err = jwe::encrypt(h, b"x", &restricted.unwrap(), &mut rng).unwrap_err();
    assert_eq!(
        err,
        JweError::KeyAlgMismatch {
            key_alg: "A128GCMKW".into(),
            alg: "A128KW".into()
        }
    );
}

#[test]
fn unknown_critical_members_are_refused() {
    let mut rng = jose_support::rng(28);
    let key = vec![1; 16];
    let h = header(json!({"alg": "dir", "enc": "A128GCM"}));
    let compact = jwe::encrypt(h, b"x", &EncryptionKey::symmetric(key.clone()), &mut rng).unwrap();
    let mut hostile = jwe_of(&compact).header;
    hostile.insert("crit".into(), json!(["x-policy"]));
    hostile.insert("x-policy".into(), json!("strict"));
    let err = jwe::decrypt(
        &with_header(&compact, &hostile),
        &DecryptionKey::symmetric(key),
        &mut rng,
    );
    assert_eq!(
        err.unwrap_err(),
        JweError::UnknownCritical("\"x-policy\"".into())
    );
}

#[test]
fn findings_for_compression_and_a_nested_jws() {
    let mut rng = jose_support::rng(29);
    let key = vec![1; 32];
    let jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    let decrypt = |h: Value, rng: &mut _| {
        let compact = jwe::encrypt(
            header(h),
            jws.as_bytes(),
            &EncryptionKey::symmetric(key.clone()),
            rng,
        );
        jwe::decrypt(
            &jwe_of(&compact.unwrap()),
            &DecryptionKey::symmetric(key.clone()),
            rng,
        )
        .unwrap()
        .findings
    };
    assert_eq!(
        decrypt(
            json!({"alg": "dir", "enc": "A256GCM", "zip": "DEF"}),
            &mut rng
        ),
        [JweFinding::Compressed, JweFinding::NestedJwsWithoutCty]
    );
    assert_eq!(
        decrypt(
            json!({"alg": "dir", "enc": "A256GCM", "cty": "JWT"}),
            &mut rng
        ),
        []
    );
}

/// X25519 keys read from PKCS#8 and SPKI PEM (OID 1.3.101.110) and from JWKs.
#[test]
fn x25519_keys_from_pem_and_jwk() {
    let mut rng = jose_support::rng(30);
    let private = X25519PrivateKey::generate(&mut rng);
    let public = private.public_key();
    let pem = |label: &str, der: Vec<u8>| {
        use base64::Engine as _;
        let body = base64::engine::general_purpose::STANDARD.encode(der);
        format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
    };
    let mut spki = jose_support::unhex("302a300506032b656e032100");
    spki.extend_from_slice(public.as_bytes());
    let encryption = EncryptionKey::parse(&pem("PUBLIC KEY", spki)).unwrap();

    let h = header(json!({"alg": "ECDH-ES+A256KW", "enc": "A256GCM"}));
    let compact = jwe::encrypt(h, b"x25519", &encryption, &mut rng).unwrap();
    let token = jwe_of(&compact);
    assert_eq!(token.header["epk"]["crv"], "X25519");
    let decryption: DecryptionKey = private.into();
    assert_eq!(
        jwe::decrypt(&token, &decryption, &mut rng)
            .unwrap()
            .plaintext,
        b"x25519"
    );

    // A JWK holding only the public half does not decrypt; the PKCS#8 of another key fails.
    let jwk = Value::Object(public.jwk_members()).to_string();
    assert!(EncryptionKey::parse(&jwk).is_ok());
    assert!(matches!(DecryptionKey::parse(&jwk), Err(JweError::Key(_))));
    let mut pkcs8 = jose_support::unhex("302e020100300506032b656e04220420");
    pkcs8.extend_from_slice(&[0x42; 32]);
    let stranger = DecryptionKey::parse(&pem("PRIVATE KEY", pkcs8)).unwrap();
    let err = jwe::decrypt(&token, &stranger, &mut rng).unwrap_err();
    assert_eq!(err, JweError::DecryptionFailed);
}

/// Every part of a valid token cut or padded to other lengths, for every `alg`: decryption
/// returns an error, never panics (the page must not die on a hostile token).
#[test]
fn malformed_parts_never_panic() {
    let mut rng = jose_support::rng(31);
    let rsa = keys::generate(KeyKind::Rsa2048, &mut rng).unwrap();
    let p256 = keys::generate(KeyKind::P256, &mut rng).unwrap();
    for alg in jwe::KeyManagement::ALL {
        if alg == jwe::KeyManagement::Rsa1_5 {
            continue;
        }
        for enc in jwe::ContentEncryption::ALL {
            let (public, private): (EncryptionKey, DecryptionKey) =
                match alg.key_need(Some(enc), true).kind {
                    jwe::KeyKind::Symmetric => {
                        let len = alg.key_need(Some(enc), true).length.unwrap();
                        (
                            EncryptionKey::symmetric(vec![5; len]),
                            DecryptionKey::symmetric(vec![5; len]),
                        )
                    }
                    jwe::KeyKind::Password => (
                        EncryptionKey::password(b"pw".to_vec()),
                        DecryptionKey::password(b"pw".to_vec()),
                    ),
                    _ if alg.as_str().starts_with("RSA") => {
                        (rsa.public_key().into(), rsa.clone().into())
                    }
                    _ => (p256.public_key().into(), p256.clone().into()),
                };
            let h = header(json!({"alg": alg.as_str(), "enc": enc.as_str(), "p2c": 1000}));
            let token = jwe_of(&jwe::encrypt(h, b"payload", &public, &mut rng).unwrap());
            for len in [0, 1, 8, 12, 17, 33, 300] {
                for part in 0..4 {
                    let mut bad = token.clone();
                    let bytes = match part {
                        0 => &mut bad.encrypted_key,
                        1 => &mut bad.iv,
                        2 => &mut bad.ciphertext,
                        _ => &mut bad.tag,
                    };
                    if bytes.len() == len {
                        continue;
                    }
                    bytes.resize(len, 0xa5);
                    assert!(
                        jwe::decrypt(&bad, &private, &mut rng).is_err(),
                        "{} {} part {part} len {len}",
                        alg.as_str(),
                        enc.as_str()
                    );
                }
            }
        }
    }
}
