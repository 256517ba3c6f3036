#![cfg(not(target_arch = "wasm32"))]
//! Property tests: sign-then-verify round-trips for every algorithm, any single-byte tamper is
//! rejected, and `decode` (plus the claims checks) never panics on arbitrary input.

mod jose_support;

use std::sync::OnceLock;

use jose_support::*;
use jwt_debugger::jose::Algorithm;
use jwt_debugger::jose::claims::check_times;
use jwt_debugger::jose::keys::{HmacSecret, KeyKind, PrivateKey, generate};
use jwt_debugger::jose::sign::{sign_bytes, sign_token};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::{verify_bytes, verify_token};
use proptest::prelude::*;
use rsa::Generate as _;

/// RSA key generation is slow: one 2048-bit key per test run, shared by RS* and PS*.
fn rsa_key() -> &'static rsa::PrivateKey {
    static KEY: OnceLock<rsa::PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| rsa::PrivateKey::new(&mut rng(2048), 2048).expect("RSA keygen"))
}

/// A signing key that fits `alg`, deterministic per seed.
fn key_for(alg: Algorithm, seed: u64) -> PrivateKey {
    let mut r = rng(seed);
    match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => {
            let len = alg.hmac_min_secret_len().unwrap();
            let mut secret = vec![0u8; len];
            rand_core::Rng::fill_bytes(&mut r, &mut secret);
            PrivateKey::Hmac(HmacSecret(secret))
        }
        Algorithm::ES256 => PrivateKey::P256(p256::ecdsa::SigningKey::generate_from_rng(&mut r)),
        Algorithm::ES384 => PrivateKey::P384(p384::ecdsa::SigningKey::generate_from_rng(&mut r)),
        Algorithm::ES512 => PrivateKey::P521(p521::ecdsa::SigningKey::generate_from_rng(&mut r)),
        Algorithm::EdDSA | Algorithm::Ed25519 => {
            PrivateKey::Ed25519(ed25519_dalek::SigningKey::generate(&mut r))
        }
        Algorithm::MlDsa44 => generate(KeyKind::MlDsa44, &mut r).unwrap(),
        Algorithm::MlDsa65 => generate(KeyKind::MlDsa65, &mut r).unwrap(),
        Algorithm::MlDsa87 => generate(KeyKind::MlDsa87, &mut r).unwrap(),
        _ => PrivateKey::Rsa(rsa_key().clone()),
    }
}

fn signing_algs() -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| *a != Algorithm::None)
        .collect()
}

/// Every algorithm once, deterministically (so a failure names the algorithm plainly).
#[test]
fn every_algorithm_round_trips_and_rejects_wrong_keys() {
    for alg in signing_algs() {
        let key = key_for(alg, 1);
        let header = format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
        let token = sign_token(&header, "{\"sub\":\"x\"}", &key, &mut rng(9)).unwrap();
        let decoded = decode(&token).unwrap();
        assert_eq!(decoded.header_json, header);
        assert_eq!(verify_token(&decoded, &public_of(&key)), Ok(()), "{alg}");
        // A different key of the same kind must not verify.
        let other = public_of(&key_for(alg, 2));
        if !matches!(
            alg.family(),
            jwt_debugger::jose::algorithm::Family::Rsa
                | jwt_debugger::jose::algorithm::Family::RsaPss
        ) {
            assert!(
                verify_token(&decoded, &other).is_err(),
                "{alg} with another key"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn sign_then_verify_round_trips(alg_index in 0usize..14, payload in ".{0,200}", seed in 0u64..4) {
        let alg = signing_algs()[alg_index];
        let key = key_for(alg, seed);
        let payload_json = serde_json::json!({ "data": payload }).to_string();
        let header = format!("{{\"alg\":\"{alg}\"}}");
        let token = sign_token(&header, &payload_json, &key, &mut rng(seed)).unwrap();
        let decoded = decode(&token).unwrap();
        prop_assert_eq!(&decoded.payload_json, &payload_json);
        prop_assert_eq!(verify_token(&decoded, &public_of(&key)), Ok(()));
    }

    #[test]
    fn tampering_any_byte_fails(alg_index in 0usize..14, pick in any::<prop::sample::Index>(), flip in 1u8..=255, in_signature in any::<bool>()) {
        let alg = signing_algs()[alg_index];
        let key = key_for(alg, 0);
        let public = public_of(&key);
        let mut input = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ".to_vec();
        let mut sig = sign_bytes(alg, &key, &input, &mut rng(3)).unwrap();
        prop_assert_eq!(verify_bytes(alg, &public, &input, &sig), Ok(()));
        if in_signature {
            let i = pick.index(sig.len());
            sig[i] ^= flip;
        } else {
            let i = pick.index(input.len());
            input[i] ^= flip;
        }
        prop_assert!(verify_bytes(alg, &public, &input, &sig).is_err());
    }

    #[test]
    fn tampering_any_token_character_fails(alg_index in 0usize..14, pick in any::<prop::sample::Index>(), replacement in "[A-Za-z0-9_-]") {
        let alg = signing_algs()[alg_index];
        let key = key_for(alg, 0);
        let token = sign_token(&format!("{{\"alg\":\"{alg}\"}}"), "{}", &key, &mut rng(4)).unwrap();
        let positions: Vec<usize> = token.char_indices().filter(|(_, c)| *c != '.').map(|(i, _)| i).collect();
        let i = positions[pick.index(positions.len())];
        let original = &token[i..=i];
        prop_assume!(original != replacement.as_str());
        let tampered = format!("{}{}{}", &token[..i], replacement, &token[i + 1..]);
        let outcome = decode(&tampered).and_then(|d| verify_token(&d, &public_of(&key)));
        prop_assert!(outcome.is_err(), "tampered token verified: {}", tampered);
    }

    #[test]
    fn decode_never_panics_on_strings(input in ".{0,400}") {
        if let Ok(t) = decode(&input) {
            let _ = check_times(&t.payload, 1_700_000_000, 60);
        }
    }

    #[test]
    fn decode_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn decode_never_panics_on_token_shaped_input(input in "(Bearer |bearer )?[A-Za-z0-9+/=_\\- \n.]{0,300}") {
        if let Ok(t) = decode(&input) {
            let _ = check_times(&t.payload, i64::MIN, i64::MAX);
            let _ = t.signing_input();
        }
    }

    #[test]
    fn check_times_never_panics(exp in any::<i64>(), iat in any::<f64>(), now in any::<i64>(), leeway in any::<i64>()) {
        let payload = serde_json::json!({"exp": exp, "iat": iat, "nbf": exp});
        let _ = check_times(&payload, now, leeway);
    }
}
