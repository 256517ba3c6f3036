#![cfg(not(target_arch = "wasm32"))]
//! Key generation, export/re-import round trips, and robustness of the importers against
//! arbitrary, truncated and garbled input.

use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::keys::{
    KeyKind, PrivateKey, SecretEncoding, generate, jwks, parse_hmac_secret, parse_private_key,
    parse_public_keys,
};
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// Every round trip a generated key must survive.
fn assert_round_trips(kind: KeyKind, key: &PrivateKey) {
    let public = key.public_key();
    // JWK, both halves.
    assert_eq!(
        &parse_private_key(&key.to_jwk().to_string()).unwrap(),
        key,
        "{kind:?}"
    );
    let jwk = public.to_jwk().to_string();
    let imported = parse_public_keys(&jwk).unwrap();
    assert_eq!(imported[0].key, public, "{kind:?}");
    // Published JWK in a JWKS: kid = thumbprint, alg = the kind's default.
    let published = public.to_published_jwk(kind.default_alg());
    let set = parse_public_keys(&jwks(&[published]).to_string()).unwrap();
    assert_eq!(set[0].kid.as_deref(), Some(public.thumbprint().as_str()));
    assert_eq!(set[0].alg.as_deref(), Some(kind.default_alg()));
    assert_eq!(
        set[0].key.thumbprint(),
        public.thumbprint(),
        "thumbprint is stable"
    );
    if kind.is_symmetric() {
        assert!(key.to_pkcs8_pem().is_err());
        assert!(public.to_spki_pem().is_err());
        return;
    }
    // PEM, both halves.
    assert_eq!(
        &parse_private_key(&key.to_pkcs8_pem().unwrap()).unwrap(),
        key,
        "{kind:?}"
    );
    let spki = public.to_spki_pem().unwrap();
    assert_eq!(parse_public_keys(&spki).unwrap()[0].key, public, "{kind:?}");
    if let Ok(pkcs1) = key.to_pkcs1_pem() {
        assert_eq!(&parse_private_key(&pkcs1).unwrap(), key, "{kind:?}");
    }
}

#[test]
fn every_fast_kind_generates_and_round_trips() {
    let expected = [
        (KeyKind::P256, "EC P-256 private key", 256),
        (KeyKind::P384, "EC P-384 private key", 384),
        (KeyKind::P521, "EC P-521 private key", 521),
        (KeyKind::Ed25519, "Ed25519 private key", 256),
        (KeyKind::Hmac256, "HMAC secret (32 bytes)", 256),
        (KeyKind::Hmac384, "HMAC secret (48 bytes)", 384),
        (KeyKind::Hmac512, "HMAC secret (64 bytes)", 512),
        (KeyKind::MlDsa44, "ML-DSA-44 private key", 1312 * 8),
        (KeyKind::MlDsa65, "ML-DSA-65 private key", 1952 * 8),
        (KeyKind::MlDsa87, "ML-DSA-87 private key", 2592 * 8),
    ];
    for (kind, description, bits) in expected {
        let key = generate(kind, &mut rng(1)).unwrap();
        assert_eq!(key.describe(), description);
        assert_eq!(key.bits(), bits, "{kind:?}");
        assert_round_trips(kind, &key);
        // Same seed, same key; another seed, another key.
        assert_eq!(generate(kind, &mut rng(1)).unwrap(), key, "{kind:?}");
        assert_ne!(generate(kind, &mut rng(2)).unwrap(), key, "{kind:?}");
    }
}

#[test]
fn rsa_kinds_generate_with_f4_and_round_trip() {
    // RSA-4096 takes long in debug builds: it is generated here only.
    for (kind, bits) in [
        (KeyKind::Rsa2048, 2048),
        (KeyKind::Rsa3072, 3072),
        (KeyKind::Rsa4096, 4096),
    ] {
        let key = generate(kind, &mut rng(7)).unwrap();
        assert_eq!(key.bits(), bits);
        assert_eq!(key.describe(), format!("RSA {bits}-bit private key"));
        assert_eq!(key.public_key().to_jwk()["e"], "AQAB", "e = 65537");
        assert_round_trips(kind, &key);
    }
}

#[test]
fn key_kinds_have_labels_and_algorithms() {
    let algs: Vec<_> = KeyKind::ALL.iter().map(|k| k.default_alg()).collect();
    assert_eq!(
        algs,
        [
            "RS256",
            "RS256",
            "RS256",
            "ES256",
            "ES384",
            "ES512",
            "EdDSA",
            "ML-DSA-44",
            "ML-DSA-65",
            "ML-DSA-87",
            "HS256",
            "HS384",
            "HS512"
        ]
    );
    assert_eq!(KeyKind::P521.label(), "EC P-521");
}

#[test]
fn debug_output_never_contains_key_material() {
    for kind in [
        KeyKind::P256,
        KeyKind::Ed25519,
        KeyKind::Hmac256,
        KeyKind::MlDsa65,
    ] {
        let key = generate(kind, &mut rng(3)).unwrap();
        let debug = format!("{key:?} {:?}", key.public_key());
        let jwk = key.to_jwk();
        let secret = ["d", "k", "priv"]
            .iter()
            .find_map(|m| jwk.get(*m))
            .unwrap()
            .as_str()
            .unwrap();
        assert!(!debug.contains(secret), "{debug}");
        assert!(debug.contains("redacted"), "{debug}");
    }
}

#[test]
fn truncated_and_garbled_inputs_give_typed_errors() {
    let key = generate(KeyKind::P256, &mut rng(4)).unwrap();
    let pem = key.to_pkcs8_pem().unwrap();
    let jwk = key.to_jwk().to_string();
    for cut in (1..pem.len()).step_by(7) {
        let truncated = &pem[..cut];
        assert!(parse_private_key(truncated).is_err(), "cut at {cut}");
        assert!(parse_public_keys(truncated).is_err(), "cut at {cut}");
    }
    for cut in 1..jwk.len() {
        assert!(parse_private_key(&jwk[..cut]).is_err(), "cut at {cut}");
    }
    // One flipped base64 character inside the DER.
    let garbled = pem.replacen("MIG", "MIH", 1);
    assert!(matches!(
        parse_private_key(&garbled),
        Err(JoseError::MalformedDer { .. } | JoseError::MalformedPem { .. })
    ));
    let err = parse_private_key(&pem.replace("-----END PRIVATE KEY-----", "")).unwrap_err();
    assert!(matches!(err, JoseError::MalformedPem { .. }), "{err}");
    let err = parse_public_keys(
        "-----BEGIN CERTIFICATE REQUEST-----\nAQID\n-----END CERTIFICATE REQUEST-----",
    )
    .unwrap_err();
    assert!(
        matches!(err, JoseError::UnsupportedPemLabel { .. }),
        "{err}"
    );
    let err = parse_private_key(&jwk.replace("P-256", "P-192")).unwrap_err();
    assert_eq!(err, JoseError::UnsupportedCurve("\"P-192\"".into()));
    assert!(matches!(
        parse_public_keys("  \n"),
        Err(JoseError::EmptyKey)
    ));
    assert!(matches!(
        parse_public_keys("hello world"),
        Err(JoseError::UnrecognisedKey(_))
    ));
    let huge = "A".repeat(300 * 1024);
    assert!(matches!(
        parse_public_keys(&huge),
        Err(JoseError::KeyInputTooLarge { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn importers_never_panic_on_arbitrary_text(text in ".{0,400}") {
        let _ = parse_public_keys(&text);
        let _ = parse_private_key(&text);
        for enc in [SecretEncoding::Utf8, SecretEncoding::Base64Url, SecretEncoding::Hex] {
            let _ = parse_hmac_secret(&text, enc);
        }
    }

    #[test]
    fn importers_never_panic_on_pem_shaped_noise(
        label in prop::sample::select(vec![
            "PUBLIC KEY", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
            "RSA PUBLIC KEY", "CERTIFICATE", "EC PARAMETERS",
        ]),
        der in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        use base64::Engine as _;
        let body = base64::engine::general_purpose::STANDARD.encode(&der);
        let pem = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        prop_assert!(parse_public_keys(&pem).is_err() || !der.is_empty());
        let _ = parse_private_key(&pem);
    }

    #[test]
    fn importers_never_panic_on_jwk_shaped_noise(
        kty in prop::sample::select(vec!["RSA", "EC", "OKP", "oct", "AKP", "x"]),
        crv in prop::sample::select(vec!["P-256", "P-384", "P-521", "Ed25519", "X25519"]),
        alg in prop::sample::select(vec!["ML-DSA-44", "ML-DSA-87", "ml-dsa-44", "ES256"]),
        members in prop::collection::vec(
            (prop::sample::select(vec!["n", "e", "d", "p", "q", "dp", "x", "y", "k", "pub", "priv"]), "[A-Za-z0-9_-]{0,90}"),
            0..8,
        ),
    ) {
        let mut jwk = serde_json::json!({"kty": kty, "crv": crv, "alg": alg});
        for (name, value) in members {
            jwk[name] = value.into();
        }
        let text = jwk.to_string();
        let _ = parse_public_keys(&text);
        let _ = parse_private_key(&text);
    }

    #[test]
    fn rsa_jwk_with_random_components_never_panics(
        n in prop::collection::vec(any::<u8>(), 120..260),
        d in prop::collection::vec(any::<u8>(), 0..260),
        p in prop::collection::vec(any::<u8>(), 0..140),
        q in prop::collection::vec(any::<u8>(), 0..140),
        with_primes in any::<bool>(),
    ) {
        use base64::Engine as _;
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let mut jwk = serde_json::json!({"kty": "RSA", "n": b64(&n), "e": "AQAB", "d": b64(&d)});
        if with_primes {
            jwk["p"] = b64(&p).into();
            jwk["q"] = b64(&q).into();
        }
        // Random components are not a key: both importers must say so, not panic.
        prop_assert!(parse_private_key(&jwk.to_string()).is_err());
        let _ = parse_public_keys(&jwk.to_string());
    }

    #[test]
    fn hmac_secrets_round_trip_in_every_encoding(bytes in prop::collection::vec(any::<u8>(), 1..100)) {
        use base64::Engine as _;
        let hex: String = hex::encode(&bytes);
        prop_assert_eq!(&parse_hmac_secret(&hex, SecretEncoding::Hex).unwrap().0, &bytes);
        let b64u = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
        prop_assert_eq!(&parse_hmac_secret(&b64u, SecretEncoding::Base64Url).unwrap().0, &bytes);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        prop_assert_eq!(&parse_hmac_secret(&b64, SecretEncoding::Base64Url).unwrap().0, &bytes);
    }
}
