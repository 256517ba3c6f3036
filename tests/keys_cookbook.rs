#![cfg(not(target_arch = "wasm32"))]
//! Key import against published vectors: the RFC 7520 cookbook JWKs, the RFC 7638 thumbprint
//! example and the RFC 8037 Ed25519 key.

use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::keys::{PrivateKey, PublicKey, parse_private_key, parse_public_keys};
use serde_json::Value;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/jose-cookbook/jwk"
);

fn vector(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn only_key(text: &str) -> PublicKey {
    let keys = parse_public_keys(text).unwrap();
    assert_eq!(keys.len(), 1);
    keys.into_iter().next().unwrap().key
}

#[test]
fn every_cookbook_jwk_imports_with_its_metadata() {
    let mut seen = 0;
    for entry in std::fs::read_dir(DIR).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let keys = parse_public_keys(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert_eq!(keys.len(), 1, "{path:?}");
        assert_eq!(keys[0].kid.as_deref(), json["kid"].as_str(), "{path:?}");
        assert_eq!(keys[0].alg.as_deref(), json["alg"].as_str(), "{path:?}");
        assert_eq!(keys[0].source, "JWK");
        // Exporting the public JWK gives back exactly the input's public members.
        let exported = keys[0].key.to_jwk();
        for (member, value) in exported.as_object().unwrap() {
            assert_eq!(Some(value), json.get(member), "{path:?} member {member}");
        }
        seen += 1;
    }
    assert_eq!(seen, 5, "expected the five RFC 7520 section 3 JWKs");
}

#[test]
fn cookbook_key_types_and_sizes() {
    let ec = only_key(&vector("3_1.ec_public_key.json"));
    assert!(matches!(ec, PublicKey::P521(_)));
    assert_eq!(ec.describe(), "EC P-521 public key");
    assert_eq!(ec.bits(), 521);

    let rsa = only_key(&vector("3_3.rsa_public_key.json"));
    assert_eq!(rsa.describe(), "RSA 2048-bit public key");

    let oct = only_key(&vector("3_5.symmetric_key_mac_computation.json"));
    assert_eq!(oct.describe(), "HMAC secret (32 bytes)");
}

#[test]
fn cookbook_private_keys_derive_their_public_keys() {
    for (private, public) in [
        ("3_2.ec_private_key.json", "3_1.ec_public_key.json"),
        ("3_4.rsa_private_key.json", "3_3.rsa_public_key.json"),
    ] {
        let key = parse_private_key(&vector(private)).unwrap();
        assert_eq!(key.public_key(), only_key(&vector(public)), "{private}");
        // The same file in the public-key box yields the same public key.
        assert_eq!(only_key(&vector(private)), key.public_key(), "{private}");
        // And the private JWK export reproduces every key member of the input.
        let input: Value = serde_json::from_str(&vector(private)).unwrap();
        let exported = key.to_jwk();
        for (member, value) in exported.as_object().unwrap() {
            assert_eq!(Some(value), input.get(member), "{private} member {member}");
        }
        assert!(exported.get("d").is_some());
    }
    let secret = parse_private_key(&vector("3_5.symmetric_key_mac_computation.json")).unwrap();
    assert!(matches!(secret, PrivateKey::Hmac(ref s) if s.0.len() == 32));
}

#[test]
fn public_cookbook_jwks_are_not_private_keys() {
    for name in ["3_1.ec_public_key.json", "3_3.rsa_public_key.json"] {
        let err = parse_private_key(&vector(name)).unwrap_err();
        assert!(
            matches!(err, JoseError::NotAPrivateKey { .. }),
            "{name}: {err}"
        );
    }
}

/// RFC 7638 section 3.1: the example RSA key and its SHA-256 thumbprint.
#[test]
fn rfc7638_thumbprint_example() {
    let jwk = r#"{
      "kty": "RSA",
      "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      "e": "AQAB",
      "alg": "RS256",
      "kid": "2011-04-29"
    }"#;
    let key = only_key(jwk);
    assert_eq!(
        key.thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    let published = key.to_published_jwk("RS256");
    assert_eq!(
        published["kid"],
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    assert_eq!(published["use"], "sig");
    assert_eq!(published["alg"], "RS256");
}

/// RFC 8037 appendix A.1-A.3: the Ed25519 key pair and its thumbprint.
#[test]
fn rfc8037_ed25519_key_and_thumbprint() {
    let private = r#"{"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let public =
        r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let key = parse_private_key(private).unwrap();
    assert_eq!(key.public_key(), only_key(public));
    assert_eq!(
        key.public_key().thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
    assert_eq!(key.to_jwk().to_string().replace(['\n', ' '], ""), {
        let v: Value = serde_json::from_str(
            r#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#,
        )
        .unwrap();
        v.to_string()
    });
}

#[test]
fn mismatched_private_jwk_is_rejected() {
    // RFC 8037's d with a different x: the stored public key does not belong to d.
    let jwk = r#"{"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        .replace("11qY", "21qY");
    let err = parse_private_key(&jwk).unwrap_err();
    assert!(err.to_string().contains("Ed25519"), "{err}");
}

#[test]
fn cookbook_jwks_takes_every_usable_key() {
    let keys: Vec<Value> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| {
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    let text = jwt_debugger::jose::keys::jwks(&keys).to_string();
    let found = parse_public_keys(&text).unwrap();
    assert_eq!(found.len(), 5);
    assert!(found.iter().all(|c| c.source == "JWKS key"));
    let indexes: Vec<_> = found.iter().map(|c| c.index).collect();
    assert_eq!(indexes, [Some(1), Some(2), Some(3), Some(4), Some(5)]);
}
