//! Hardening: a corpus of malformed inputs of every kind the page accepts (tokens, JSON to sign,
//! PEM, JWK, JWKS, secrets): huge, truncated, deeply nested, invalid UTF-8, wrong types. Each
//! must give a typed error with a message, never a panic and never a silent success.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::keys::{self, SecretEncoding};
use jwt_debugger::jose::{sign, token};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/openssl/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A PEM block with `label` around base64 of `der`, wrapped at 64 columns.
fn pem(label: &str, der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fn der_of(pem_text: &str) -> Vec<u8> {
    let body: String = pem_text
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

fn malformed_tokens() -> Vec<(String, String)> {
    let header = b64(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64(br#"{"sub":"x"}"#);
    let mut cases: Vec<(String, String)> = vec![
        ("empty".into(), String::new()),
        ("only whitespace".into(), " \n\t ".into()),
        ("Bearer alone".into(), "Bearer ".into()),
        ("one dot".into(), ".".into()),
        ("two dots".into(), "..".into()),
        ("two parts".into(), format!("{header}.{payload}")),
        ("four parts".into(), format!("{header}.{payload}.c2ln.eHg")),
        ("five parts (JWE)".into(), format!("{header}.a.b.c.d")),
        ("six parts".into(), "a.b.c.d.e.f".into()),
        (
            "header not JSON".into(),
            format!("{}.{payload}.c2ln", b64(b"not json")),
        ),
        (
            "header JSON array".into(),
            format!("{}.{payload}.c2ln", b64(b"[1,2]")),
        ),
        (
            "header JSON number".into(),
            format!("{}.{payload}.c2ln", b64(b"42")),
        ),
        (
            "header JSON string".into(),
            format!("{}.{payload}.c2ln", b64(br#""HS256""#)),
        ),
        (
            "header JSON null".into(),
            format!("{}.{payload}.c2ln", b64(b"null")),
        ),
        ("header empty".into(), format!(".{payload}.c2ln")),
        (
            "header invalid UTF-8".into(),
            format!("{}.{payload}.c2ln", b64(&[0xff, 0xfe, 0x7b, 0x7d])),
        ),
        (
            "header truncated JSON".into(),
            format!("{}.{payload}.c2ln", b64(br#"{"alg":"HS2"#)),
        ),
        (
            "header nested 10 000 deep".into(),
            format!(
                "{}.{payload}.c2ln",
                b64(format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).as_bytes())
            ),
        ),
        (
            "header object nested 10 000 deep".into(),
            format!(
                "{}.{payload}.c2ln",
                b64(format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)).as_bytes())
            ),
        ),
        (
            "token over 8 MiB".into(),
            format!("{header}.{}.c2ln", "A".repeat(9 * 1024 * 1024)),
        ),
        (
            "impossible base64 length".into(),
            format!("{header}.{payload}.A"),
        ),
    ];
    // Characters outside base64 and base64url, in each part.
    for bad in [
        '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '~', '`', '<', '>', '?', ',', ';', ':',
        '"', '\'', '\\', '|', '{', '}', '[', ']', 'é', '€', '\u{0}', '\u{7f}',
    ] {
        cases.push((
            format!("{bad:?} in header"),
            format!("{bad}{header}.{payload}.c2ln"),
        ));
        cases.push((
            format!("{bad:?} in payload"),
            format!("{header}.{payload}{bad}.c2ln"),
        ));
        cases.push((
            format!("{bad:?} in signature"),
            format!("{header}.{payload}.c2{bad}ln"),
        ));
    }
    // A valid token cut inside its header or payload: fewer than three parts.
    let valid = format!("{header}.{payload}.c2lnbmF0dXJl");
    let second_dot = header.len() + 1 + payload.len();
    for cut in (1..second_dot).step_by(3) {
        cases.push((format!("cut at {cut}"), valid[..cut].to_owned()));
    }
    // Wrong types for alg (a typed error, not a default algorithm).
    for alg in [
        "5",
        "null",
        "true",
        "[\"HS256\"]",
        "{\"a\":1}",
        "\"\"",
        "\"XX256\"",
        "\"HS257\"",
        "\"none \"",
    ] {
        cases.push((
            format!("alg {alg}"),
            format!(
                "{}.{payload}.c2ln",
                b64(format!("{{\"alg\":{alg}}}").as_bytes())
            ),
        ));
    }
    cases
}

#[test]
fn every_malformed_token_gives_a_typed_error() {
    let cases = malformed_tokens();
    for (name, input) in &cases {
        match token::decode(input) {
            Err(e) => assert!(!e.to_string().is_empty(), "{name}: empty message"),
            Ok(t) => {
                // A few shapes decode (the JSON is fine) but must then fail on `alg`.
                let e = t
                    .alg
                    .as_ref()
                    .err()
                    .unwrap_or_else(|| panic!("{name}: decoded with a usable alg"));
                assert!(!e.to_string().is_empty(), "{name}");
            }
        }
    }
    assert!(cases.len() >= 100, "{} token cases", cases.len());
}

#[test]
fn signing_rejects_malformed_json_with_a_typed_error() {
    let key = keys::PrivateKey::Hmac(keys::HmacSecret(vec![7; 32]));
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let headers = [
        "",
        "{",
        "[]",
        "1",
        "null",
        "\"x\"",
        "{\"alg\":1}",
        "{\"alg\":\"none\"}",
        "{\"typ\":\"JWT\"}",
        deep.as_str(),
        "{\"alg\":\"RS256\"}",
    ];
    for header in headers {
        let result = sign::sign_token(header, "{}", &key, &mut rng);
        assert!(
            matches!(result, Err(ref e) if !e.to_string().is_empty()),
            "{header:.40}: {result:?}"
        );
    }
}

fn malformed_keys() -> Vec<(String, String)> {
    let rsa_pkcs8 = fixture("rsa2048-pkcs8.pem");
    let der = der_of(&rsa_pkcs8);
    let mut cases: Vec<(String, String)> = vec![
        ("empty".into(), String::new()),
        ("spaces".into(), "   \n".into()),
        (
            "BEGIN without END".into(),
            "-----BEGIN PUBLIC KEY-----\nMIIB\n".into(),
        ),
        (
            "END without BEGIN".into(),
            "MIIB\n-----END PUBLIC KEY-----\n".into(),
        ),
        (
            "mismatched labels".into(),
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PRIVATE KEY-----\n".into(),
        ),
        ("unknown label".into(), pem("FOO BAR", &der)),
        (
            "certificate request".into(),
            pem("CERTIFICATE REQUEST", &der),
        ),
        (
            "EC parameters only".into(),
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n".into(),
        ),
        (
            "body not base64".into(),
            "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n".into(),
        ),
        (
            "empty body".into(),
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n".into(),
        ),
        (
            "private DER under a PUBLIC KEY label".into(),
            pem("PUBLIC KEY", &der),
        ),
        ("encrypted PKCS#8".into(), fixture("encrypted-pkcs8.pem")),
        ("encrypted PKCS#1".into(), fixture("encrypted-pkcs1.pem")),
        ("key over 256 KiB".into(), "A".repeat(300 * 1024)),
        (
            "invalid UTF-8 stand-in".into(),
            String::from_utf8_lossy(&[0xff, 0xfe, 0xfd]).into_owned(),
        ),
    ];
    // A real key's DER cut at many lengths, under each label it could carry.
    for cut in (0..der.len()).step_by(der.len() / 24) {
        for label in ["PRIVATE KEY", "PUBLIC KEY", "RSA PRIVATE KEY"] {
            cases.push((format!("{label} cut at {cut}"), pem(label, &der[..cut])));
        }
    }
    // JWKs: wrong or missing members, wrong types, wrong sizes.
    let jwks = [
        "{}",
        "[]",
        "null",
        "1",
        "\"RSA\"",
        "{\"kty\":1}",
        "{\"kty\":\"RSA\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\"}",
        "{\"kty\":\"RSA\",\"n\":\"!!\",\"e\":\"AQAB\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"\"}",
        "{\"kty\":\"RSA\",\"n\":123,\"e\":\"AQAB\"}",
        "{\"kty\":\"EC\"}",
        "{\"kty\":\"EC\",\"crv\":\"P-999\",\"x\":\"AA\",\"y\":\"AA\"}",
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}",
        "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\"}",
        "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\",\"y\":\"AA\"}",
        "{\"kty\":\"OKP\"}",
        "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AA\"}",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AA\"}",
        "{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"AA\"}",
        "{\"kty\":\"oct\"}",
        "{\"kty\":\"DSA\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"!\"}",
        "{\"kty\":[\"RSA\"]}",
        "{\"keys\":[]}",
        "{\"keys\":{}}",
        "{\"keys\":null}",
        "{\"keys\":[1,2,3]}",
        "{\"keys\":[{}]}",
        "{\"keys\":[{\"kty\":\"RSA\"},{\"kty\":\"EC\"}]}",
        "{\"keys\":[{\"kty\":\"oct\",\"use\":\"enc\"}]}",
        "{\"keys\":\"x\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"",
        "{\"kty\":\"RSA\",,}",
    ];
    for j in jwks {
        cases.push((format!("JWK {j}"), j.to_owned()));
    }
    let deep_jwk = format!("{}{}", "{\"keys\":[".repeat(3_000), "]}".repeat(3_000));
    cases.push(("JWKS nested 3000 deep".into(), deep_jwk));
    let many_bad = format!(
        "{{\"keys\":[{}]}}",
        vec!["{\"kty\":\"RSA\"}"; 2_000].join(",")
    );
    cases.push(("JWKS of 2000 bad keys".into(), many_bad));
    cases
}

#[test]
fn every_malformed_key_gives_a_typed_error() {
    let cases = malformed_keys();
    for (name, input) in &cases {
        let public = keys::parse_public_keys(input);
        assert!(
            matches!(public, Err(ref e) if !e.to_string().is_empty()),
            "public {name}: {public:?}"
        );
        let private = keys::parse_private_key(input);
        assert!(
            matches!(private, Err(ref e) if !e.to_string().is_empty()),
            "private {name}"
        );
    }
    assert!(cases.len() >= 100, "{} key cases", cases.len());
}

#[test]
fn malformed_secrets_give_a_typed_error() {
    let hex = ["0", "abc", "zz", "0x", "12 3", "g0", "ÿÿ"];
    let b64 = ["A", "!!!!", "AB=C", "====", "é"];
    for s in hex {
        assert!(
            matches!(
                keys::parse_hmac_secret(s, SecretEncoding::Hex),
                Err(JoseError::InvalidSecret { .. })
            ),
            "hex {s}"
        );
    }
    for s in b64 {
        assert!(
            keys::parse_hmac_secret(s, SecretEncoding::Base64Url).is_err(),
            "base64url {s}"
        );
    }
}

#[test]
fn the_corpus_has_at_least_200_inputs() {
    let total = malformed_tokens().len() + malformed_keys().len();
    eprintln!("malformed corpus: {total} inputs");
    assert!(total >= 200, "{total}");
}
