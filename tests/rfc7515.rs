#![cfg(not(target_arch = "wasm32"))]
//! RFC 7515 Appendix A examples, transcribed from the RFC text: A.1 (HS256) and A.2 (RS256)
//! are reproduced byte-for-byte; A.3 (ES256) and A.4 (ES512) use random nonces in the RFC, so
//! they are verified (and a fresh signature is checked to verify too); A.5 is decoded and must
//! never verify.

mod jose_support;

use jose_support::*;
use jwt_debugger::jose::keys::{HmacSecret, PrivateKey, PublicKey};
use jwt_debugger::jose::sign::{sign_bytes, sign_token};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::{verify_bytes, verify_token};
use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::json;

/// The payload shared by A.1–A.3 and A.5, with its CRLF line breaks exactly as in the RFC.
const PAYLOAD: &str =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
const PAYLOAD_B64: &str = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const A1_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

fn a2_key() -> serde_json::Value {
    json!({
        "kty": "RSA",
        "n": "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
        "e": "AQAB",
        "d": "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
        "p": "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
        "q": "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"
    })
}
const A2_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

fn a3_key() -> serde_json::Value {
    json!({"kty":"EC","crv":"P-256",
        "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})
}
const A3_TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

fn a4_key() -> serde_json::Value {
    json!({"kty":"EC","crv":"P-521",
        "x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",
        "y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2",
        "d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"})
}
const A4_TOKEN: &str = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";

const A5_TOKEN: &str = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

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
