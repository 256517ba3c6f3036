#![cfg(not(target_arch = "wasm32"))]
//! RFC 7515 Appendix A examples, transcribed from the RFC text: A.1 (HS256) and A.2 (RS256)
//! are reproduced byte-for-byte; A.3 (ES256) and A.4 (ES512) use random nonces in the RFC, so
//! they are verified (and a fresh signature is checked to verify too); A.5 is decoded and must
//! never verify.

mod jose_support;

use jose_support::rfc7515_appendix_a::*;
use jose_support::*;
use jwt_debugger::jose::keys::{HmacSecret, PrivateKey, PublicKey};
use jwt_debugger::jose::sign::{sign_bytes, sign_token};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::{verify_bytes, verify_token};
use jwt_debugger::jose::{Algorithm, JoseError};

#[test]
fn a1_hs256_signs_byte_exact_and_verifies() {
    let key = PrivateKey::Hmac(HmacSecret(b64(A1_K)));
    // The RFC header has a CRLF and a space inside: signing must keep the text as given.
    let header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    let token = sign_token(header, PAYLOAD, &key, &mut rng(1)).unwrap();
    assert_eq!(token, A1_TOKEN);

    let decoded = decode(A1_TOKEN).unwrap();
    assert_eq!(decoded.header_json, header);
    assert_eq!(decoded.payload_json, PAYLOAD);
    assert_eq!(decoded.payload_b64, PAYLOAD_B64);
    assert_eq!(decoded.alg, Ok(Algorithm::HS256));
    let public = PublicKey::Hmac(HmacSecret(b64(A1_K)));
    assert_eq!(verify_token(&decoded, &public), Ok(()));

    let mut wrong = b64(A1_K);
    wrong[0] ^= 1;
    assert_eq!(
        verify_token(&decoded, &PublicKey::Hmac(HmacSecret(wrong))),
        Err(JoseError::SignatureMismatch)
    );
}

#[test]
fn a2_rs256_signs_byte_exact_and_verifies() {
    let key = PrivateKey::Rsa(rsa_private_jwk(&a2_key()));
    let token = sign_token("{\"alg\":\"RS256\"}", PAYLOAD, &key, &mut rng(2)).unwrap();
    assert_eq!(token, A2_TOKEN);
    let decoded = decode(A2_TOKEN).unwrap();
    let public = PublicKey::Rsa(rsa_public_jwk(&a2_key()));
    assert_eq!(verify_token(&decoded, &public), Ok(()));
    // Algorithm confusion: the same bytes under HS256 with the RSA key must be refused
    // before any crypto runs.
    assert!(matches!(
        verify_bytes(Algorithm::HS256, &public, b"x", &[0; 32]),
        Err(JoseError::AlgorithmKeyMismatch { .. })
    ));
}

#[test]
fn a3_es256_verifies_and_fresh_signature_verifies() {
    let public = public_jwk(&a3_key());
    let decoded = decode(A3_TOKEN).unwrap();
    assert_eq!(decoded.signature.len(), 64);
    assert_eq!(verify_token(&decoded, &public), Ok(()));

    let private = private_jwk(&a3_key());
    let input = decoded.signing_input();
    let sig = sign_bytes(Algorithm::ES256, &private, &input, &mut rng(3)).unwrap();
    assert_eq!(sig.len(), 64);
    assert_eq!(
        verify_bytes(Algorithm::ES256, &public, &input, &sig),
        Ok(())
    );
    // RFC 6979: the same key and message give the same signature.
    let again = sign_bytes(Algorithm::ES256, &private, &input, &mut rng(4)).unwrap();
    assert_eq!(sig, again);
}

#[test]
fn a4_es512_verifies_and_fresh_signature_verifies() {
    let public = public_jwk(&a4_key());
    let decoded = decode(A4_TOKEN).unwrap();
    assert_eq!(decoded.signature.len(), 132);
    assert_eq!(decoded.payload_json, "Payload");
    assert_eq!(verify_token(&decoded, &public), Ok(()));
    let private = private_jwk(&a4_key());
    let token = sign_token("{\"alg\":\"ES512\"}", "Payload", &private, &mut rng(5)).unwrap();
    assert_eq!(verify_token(&decode(&token).unwrap(), &public), Ok(()));
    // ES512 needs a P-521 key; a P-256 key is an algorithm/key mismatch.
    assert!(matches!(
        verify_token(&decoded, &public_jwk(&a3_key())),
        Err(JoseError::AlgorithmKeyMismatch { .. })
    ));
}

#[test]
fn a5_unsecured_is_decoded_but_never_verified_or_signed() {
    let decoded = decode(A5_TOKEN).unwrap();
    assert_eq!(decoded.alg, Ok(Algorithm::None));
    assert!(decoded.signature.is_empty());
    assert_eq!(decoded.payload_json, PAYLOAD);
    for key in [
        PublicKey::Hmac(HmacSecret(b64(A1_K))),
        public_jwk(&a3_key()),
        PublicKey::Rsa(rsa_public_jwk(&a2_key())),
    ] {
        assert_eq!(
            verify_token(&decoded, &key),
            Err(JoseError::AlgNoneNotAllowed)
        );
    }
    let key = PrivateKey::Hmac(HmacSecret(b64(A1_K)));
    assert_eq!(
        sign_token("{\"alg\":\"none\"}", PAYLOAD, &key, &mut rng(6)),
        Err(JoseError::AlgNoneNotAllowed)
    );
}
