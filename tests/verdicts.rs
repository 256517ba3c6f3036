#![cfg(not(target_arch = "wasm32"))]
//! What the Signature status says in the cases where a verdict could mislead: a public key used
//! as an HMAC secret (algorithm confusion), `crit` extensions, RFC 7797 unencoded and detached
//! payloads, duplicate header members, and oversized RSA keys in every key input. The page's
//! own status function is called (on the Rust engine, natively), so these are the texts the
//! page shows.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use jwt_debugger::jose::backend::RustCrypto;
use jwt_debugger::jose::backend::run_ready;
use jwt_debugger::jose::keys::{
    self, KeyCandidate, PublicKey, SecretEncoding, parse_private_key, parse_public_keys,
    public_key_in_secret,
};
use jwt_debugger::jose::pipeline::Strictness;
use jwt_debugger::jose::token::{DecodedToken, decode};
use jwt_debugger::jose::verdict::{KeyInputs, SignatureStatus, signature_status};
use jwt_debugger::jose::{JoseError, verify};

const RSA_PUBLIC_PEM: &str = include_str!("fixtures/openssl/rsa2048-public.pem");
const RSA_PUBLIC_PKCS1: &str = include_str!("fixtures/openssl/rsa2048-public-pkcs1.pem");
const RSA_CERT: &str = include_str!("fixtures/openssl/rsa2048-cert.pem");
const EC_PUBLIC_PEM: &str = include_str!("fixtures/openssl/ec-p256-public.pem");
const ED25519_PUBLIC_PEM: &str = include_str!("fixtures/openssl/ed25519-public.pem");

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An HS256 token over `header`/`payload` whose HMAC key is exactly `key` (bytes as given).
fn hs256(header: &str, payload: &str, key: &[u8]) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

/// The page's status for `token` with `secret` in the Secret box (UTF-8) or `public` in the
/// Public key box, computed the way the page computes it.
fn status(
    decoded: &Result<DecodedToken, JoseError>,
    secret: &str,
    public: &str,
) -> SignatureStatus {
    let key_in_secret = public_key_in_secret(secret);
    let public_keys: Result<Vec<KeyCandidate>, JoseError> = parse_public_keys(public);
    let inputs = KeyInputs {
        secret,
        secret_encoding: SecretEncoding::Utf8,
        key_in_secret: &key_in_secret,
        public_keys: &public_keys,
        public_key_empty: public.trim().is_empty(),
        allowed_algs: &[],
        strictness: Strictness::Lenient,
    };
    run_ready(signature_status(&RustCrypto, decoded, inputs)).expect("the Rust engine never waits")
}

fn status_of(token: &str, secret: &str, public: &str) -> SignatureStatus {
    status(&decode(token), secret, public)
}

fn jwk_of(pem: &str) -> String {
    parse_public_keys(pem).unwrap()[0].key.to_jwk().to_string()
}

/// Item 1: an HS256 token HMAC'd with the exact bytes of a public key pasted into Secret
/// matches, but is never reported as verified, whatever form the public key has.
#[test]
fn a_public_key_used_as_the_hmac_secret_is_not_verified() {
    let jwks = format!(r#"{{"keys":[{}]}}"#, jwk_of(RSA_PUBLIC_PEM));
    let secrets = [
        ("PEM SPKI", RSA_PUBLIC_PEM.to_owned()),
        ("PEM PKCS#1", RSA_PUBLIC_PKCS1.to_owned()),
        ("certificate", RSA_CERT.to_owned()),
        ("EC PEM", EC_PUBLIC_PEM.to_owned()),
        ("Ed25519 PEM", ED25519_PUBLIC_PEM.to_owned()),
        ("RSA JWK", jwk_of(RSA_PUBLIC_PEM)),
        ("EC JWK", jwk_of(EC_PUBLIC_PEM)),
        ("OKP JWK", jwk_of(ED25519_PUBLIC_PEM)),
        ("JWKS", jwks),
    ];
    for (what, secret) in secrets {
        let token = hs256(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"sub":"x"}"#,
            secret.as_bytes(),
        );
        let shown = status_of(&token, &secret, "");
        assert!(
            matches!(&shown, SignatureStatus::NotVerified(reason)
                if reason.contains("the secret is a public key") && reason.contains("algorithm-confusion")),
            "{what}: {}",
            shown.text()
        );
    }
    // A real secret still verifies, and a wrong one is still invalid.
    let secret = "a-real-shared-secret-of-32-bytes!";
    let token = hs256(r#"{"alg":"HS256"}"#, "{}", secret.as_bytes());
    assert!(matches!(
        status_of(&token, secret, ""),
        SignatureStatus::Verified(_)
    ));
    assert!(matches!(
        status_of(&token, "other", ""),
        SignatureStatus::Invalid(_)
    ));
    // The core refuses it the same way.
    assert!(matches!(
        verify::check_hmac_secret(&public_key_in_secret(RSA_PUBLIC_PEM)),
        Err(JoseError::SecretIsPublicKey { key: "an RSA key" })
    ));
}

/// The RFC 7515 appendix A.1 HMAC key, used by the RFC 7797 section 4 examples.
const RFC7515_A1_KEY: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

fn a1_secret() -> String {
    serde_json::from_str::<serde_json::Value>(RFC7515_A1_KEY).unwrap()["k"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn status_b64url_secret(
    decoded: &Result<DecodedToken, JoseError>,
    secret: &str,
) -> SignatureStatus {
    let no_key = Ok(None);
    let no_keys = Ok(Vec::new());
    let inputs = KeyInputs {
        secret,
        secret_encoding: SecretEncoding::Base64Url,
        key_in_secret: &no_key,
        public_keys: &no_keys,
        public_key_empty: true,
        allowed_algs: &[],
        strictness: Strictness::Lenient,
    };
    run_ready(signature_status(&RustCrypto, decoded, inputs)).unwrap()
}

/// Item 7: RFC 7797 section 4: the same payload `$.02` signed with `b64` true (4.1) and with
/// `"b64": false` detached (4.2); both verify, the second only over its detached content.
#[test]
fn rfc7797_section_4_examples_verify() {
    let secret = a1_secret();
    let encoded = "eyJhbGciOiJIUzI1NiJ9.JC4wMg.5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ";
    assert!(matches!(
        status_b64url_secret(&decode(encoded), &secret),
        SignatureStatus::Verified(_)
    ));
    let unencoded = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
    let mut token = decode(unencoded).unwrap();
    assert!(token.detached);
    assert!(!token.b64);
    // Without the detached content the signature cannot match.
    assert!(matches!(
        status_b64url_secret(&Ok(token.clone()), &secret),
        SignatureStatus::Invalid(_)
    ));
    token.attach_payload("$.02");
    assert_eq!(
        token.signing_input(),
        b"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02"
    );
    let shown = status_b64url_secret(&Ok(token.clone()), &secret);
    assert!(
        matches!(&shown, SignatureStatus::Verified(d) if d.contains("detached")),
        "{}",
        shown.text()
    );
    let key = PublicKey::Hmac(keys::parse_hmac_secret(&secret, SecretEncoding::Base64Url).unwrap());
    assert_eq!(verify::verify_token(&token, &key), Ok(()));
    token.attach_payload("$.03");
    assert_eq!(
        verify::verify_token(&token, &key),
        Err(JoseError::SignatureMismatch)
    );
}

/// Item 7: detached content with `b64` true (RFC 7515 appendix F) is base64url-encoded into
/// the signing input; the core signs such tokens and verifies them back.
#[test]
fn detached_content_with_b64_true_and_signing_b64_false() {
    let secret = b"0123456789abcdef0123456789abcdef";
    let full = hs256(r#"{"alg":"HS256"}"#, r#"{"amount":"10.00"}"#, secret);
    let parts: Vec<&str> = full.split('.').collect();
    let detached = format!("{}..{}", parts[0], parts[2]);
    let mut token = decode(&detached).unwrap();
    token.attach_payload(r#"{"amount":"10.00"}"#);
    let key = PublicKey::Hmac(keys::HmacSecret(secret.to_vec()));
    assert_eq!(verify::verify_token(&token, &key), Ok(()));
    assert_eq!(token.payload["amount"], "10.00");

    // Signing with "b64": false gives a detached token whose signing input is the raw payload.
    let private = keys::PrivateKey::Hmac(keys::HmacSecret(secret.to_vec()));
    let header = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    let mut rng = jwt_debugger::jose::rng::seeded_rng().unwrap();
    let signed =
        jwt_debugger::jose::sign::sign_token(header, "{\"a\":1}", &private, &mut rng).unwrap();
    assert_eq!(signed.split('.').nth(1), Some(""), "{signed}");
    let mut back = decode(&signed).unwrap();
    back.attach_payload("{\"a\":1}");
    assert_eq!(verify::verify_token(&back, &key), Ok(()));
    // b64 without crit is refused for signing as for verifying.
    assert_eq!(
        jwt_debugger::jose::sign::sign_token(
            r#"{"alg":"HS256","b64":false}"#,
            "x",
            &private,
            &mut rng
        ),
        Err(JoseError::B64NotCritical)
    );
}

/// Item 7: a `crit` naming anything but `b64`, a malformed `crit`, and `b64` outside `crit`
/// give "Not verified" with the reason, even though the HMAC matches.
#[test]
fn critical_extensions_the_page_does_not_implement_are_not_verified() {
    let secret = "0123456789abcdef0123456789abcdef";
    let cases = [
        (
            r#"{"alg":"HS256","crit":["x"],"x":1}"#,
            r#"unsupported critical header parameter "x""#,
        ),
        (
            r#"{"alg":"HS256","crit":["b64","http://openbanking.org.uk/iat"],"b64":true,"http://openbanking.org.uk/iat":1}"#,
            r#"unsupported critical header parameter "http://openbanking.org.uk/iat""#,
        ),
        (r#"{"alg":"HS256","crit":[]}"#, "malformed \"crit\" header"),
        (
            r#"{"alg":"HS256","crit":["y"]}"#,
            "malformed \"crit\" header",
        ),
        (r#"{"alg":"HS256","b64":true}"#, "\"crit\" does not list it"),
        (
            r#"{"alg":"HS256","b64":"no","crit":["b64"]}"#,
            "\"b64\" must be true or false",
        ),
    ];
    for (header, reason) in cases {
        let token = hs256(header, "{}", secret.as_bytes());
        let shown = status_of(&token, secret, "");
        assert!(
            matches!(&shown, SignatureStatus::NotVerified(r) if r.contains(reason)),
            "{header}: {}",
            shown.text()
        );
    }
    let token = hs256(
        r#"{"alg":"HS256","crit":["x"],"x":1}"#,
        "{}",
        secret.as_bytes(),
    );
    assert_eq!(
        status_of(&token, secret, "").text(),
        r#"Not verified: unsupported critical header parameter "x""#
    );
}

/// Item 8: a duplicated header member is never verified; the pane cannot tell which value a
/// server reads.
#[test]
fn duplicate_header_members_are_not_verified() {
    let secret = "0123456789abcdef0123456789abcdef";
    let token = hs256(r#"{"alg":"none","alg":"HS256"}"#, "{}", secret.as_bytes());
    assert_eq!(
        status_of(&token, secret, "").text(),
        r#"Not verified: duplicate header parameter "alg""#
    );
    let token = hs256(
        r#"{"alg":"HS256","kid":"a","k\u0069d":"b"}"#,
        "{}",
        secret.as_bytes(),
    );
    assert_eq!(
        status_of(&token, secret, "").text(),
        r#"Not verified: duplicate header parameter "kid""#
    );
    // Duplicates in the payload do not block the verdict (they are a finding).
    let token = hs256(
        r#"{"alg":"HS256"}"#,
        r#"{"sub":"a","sub":"b"}"#,
        secret.as_bytes(),
    );
    assert!(matches!(
        status_of(&token, secret, ""),
        SignatureStatus::Verified(_)
    ));
    assert_eq!(decode(&token).unwrap().payload_duplicates, ["sub"]);
}

/// A big-endian modulus of `bits` bits (top bit set, odd).
fn modulus(bits: usize) -> Vec<u8> {
    let mut n = vec![0xffu8; bits.div_ceil(8)];
    let spare = n.len() * 8 - bits;
    n[0] >>= spare;
    n
}

/// A PEM block as OpenSSL writes it (the der crate's encoder).
fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap()
}

/// Item 9: an RSA modulus over 8192 bits is refused with its size in every key input: PEM
/// PKCS#1 and SPKI public keys, PKCS#1 private keys, JWK, JWKS, private JWK, and the Secret
/// box's algorithm-confusion check.
#[test]
fn rsa_moduli_over_8192_bits_are_refused_in_every_input() {
    use der::Encode;
    let n = modulus(8200);
    let e = [1u8, 0, 1];
    fn uint(b: &[u8]) -> pkcs1::UintRef<'_> {
        pkcs1::UintRef::new(b).unwrap()
    }
    let pkcs1_public = pkcs1::RsaPublicKey {
        modulus: uint(&n),
        public_exponent: uint(&e),
    }
    .to_der()
    .unwrap();
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: pkcs1::ALGORITHM_OID,
            parameters: Some(der::asn1::AnyRef::NULL),
        },
        subject_public_key: der::asn1::BitStringRef::from_bytes(&pkcs1_public).unwrap(),
    }
    .to_der()
    .unwrap();
    let pkcs1_private = pkcs1::RsaPrivateKey {
        modulus: uint(&n),
        public_exponent: uint(&e),
        private_exponent: uint(&n[1..]),
        prime1: uint(&n[..512]),
        prime2: uint(&n[512..]),
        exponent1: uint(&n[..512]),
        exponent2: uint(&n[512..]),
        coefficient: uint(&n[..512]),
        other_prime_infos: None,
    }
    .to_der()
    .unwrap();
    let jwk = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, b64(&n));
    let private_jwk = format!(
        r#"{{"kty":"RSA","n":"{}","e":"AQAB","d":"{}"}}"#,
        b64(&n),
        b64(&n[1..])
    );
    let too_large = |r: &JoseError| {
        matches!(
            r,
            JoseError::RsaKeyTooLarge {
                bits: 8200,
                max: 8192
            }
        )
    };
    for (what, text) in [
        ("PEM PKCS#1", pem("RSA PUBLIC KEY", &pkcs1_public)),
        ("PEM SPKI", pem("PUBLIC KEY", &spki)),
        ("JWK", jwk.clone()),
        ("JWKS", format!(r#"{{"keys":[{jwk}]}}"#)),
    ] {
        let err = parse_public_keys(&text).unwrap_err();
        assert!(
            too_large(&err)
                || matches!(&err, JoseError::NoUsableKeys { skipped } if skipped.iter().any(|s| s.contains("8200 bits"))),
            "{what}: {err}"
        );
        // The Secret box's confusion check sees a key, not a secret.
        assert!(
            matches!(public_key_in_secret(&text), Err(ref e) if too_large(e)) || what == "JWKS",
            "{what}"
        );
    }
    for (what, text) in [
        ("PEM PKCS#1 private", pem("RSA PRIVATE KEY", &pkcs1_private)),
        ("private JWK", private_jwk),
    ] {
        let err = parse_private_key(&text).unwrap_err();
        assert!(too_large(&err), "{what}: {err}");
    }
    let secret = pem("PUBLIC KEY", &spki);
    let token = hs256(r#"{"alg":"HS256"}"#, "{}", secret.as_bytes());
    assert_eq!(
        status_of(&token, &secret, "").text(),
        "Not verified: the RSA modulus is 8200 bits; at most 8192 bits are accepted"
    );
}

/// Item 10: a single JWK marked `"use": "enc"` is an encryption key; it is refused for
/// verification, as the same key inside a JWKS already was.
#[test]
fn a_single_encryption_jwk_is_refused_for_verification() {
    let jwk = parse_public_keys(RSA_PUBLIC_PEM).unwrap()[0].key.to_jwk();
    let mut enc = jwk.clone();
    enc["use"] = "enc".into();
    let err = parse_public_keys(&enc.to_string()).unwrap_err();
    assert!(
        matches!(&err, JoseError::JwkInvalidMember { member, .. } if member == "use"),
        "{err}"
    );
    let mut sig = jwk;
    sig["use"] = "sig".into();
    assert!(parse_public_keys(&sig.to_string()).is_ok());
    // In the page: not verified, with the reason.
    let token = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    let shown = status_of(token, "", &enc.to_string());
    assert!(
        shown
            .text()
            .starts_with("Not verified: the public key cannot be read")
            && shown.text().contains("encryption key"),
        "{}",
        shown.text()
    );
}
