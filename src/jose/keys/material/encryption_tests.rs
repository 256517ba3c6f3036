//! The generator's encryption keys: their JWKs (`use: "enc"`, the JWE `alg`, the RFC 7638
//! `kid`), that the JWE key parser reads every export, and that what one half encrypts the
//! other decrypts.

use serde_json::{Map, Value};

use super::*;
use crate::jose::jwe::{self, DecryptionKey, EncryptionKey};
use crate::jose::keys::{KeyKind, parse_public_keys};
use crate::jose::token::{self, Token};

/// The kinds generated here: all but the slow RSA sizes (the same code as RSA 2048).
fn fast() -> impl Iterator<Item = EncryptionKind> {
    EncryptionKind::ALL.into_iter().filter(|kind| {
        !matches!(
            kind,
            EncryptionKind::RsaOaep3072 | EncryptionKind::RsaOaep4096
        )
    })
}

fn json(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        other => panic!("not a JSON object: {other:?} from {text}"),
    }
}

/// `use`, `alg` and `kid` of a JWK, and that it says them last, after the key.
fn check_labels(jwk: &Map<String, Value>, kind: EncryptionKind, kid: &str) {
    assert_eq!(jwk["use"], "enc", "{kind:?}");
    assert_eq!(jwk["alg"], kind.jwk_alg(), "{kind:?}");
    assert_eq!(jwk["kid"], kid, "{kind:?}");
    let names: Vec<&str> = jwk.keys().map(String::as_str).collect();
    assert_eq!(names[names.len() - 3..], ["kid", "use", "alg"], "{kind:?}");
}

/// The header to encrypt with a key of `kind`: its `alg`, and its own `enc` for `dir`.
fn header(kind: EncryptionKind) -> Map<String, Value> {
    let enc = kind
        .content_encryption()
        .map_or("A128CBC-HS256", |e| e.as_str());
    json(&format!(
        r#"{{"alg":"{}","enc":"{enc}"}}"#,
        kind.key_management().as_str()
    ))
}

/// Encrypts to `to` and decrypts with `with`: the plaintext comes back.
fn round_trip(kind: EncryptionKind, to: &EncryptionKey, with: &DecryptionKey) {
    let mut rng = seeded_rng().unwrap();
    let plaintext = format!("for {}", kind.label());
    let compact = jwe::encrypt(header(kind), plaintext.as_bytes(), to, &mut rng).unwrap();
    let Ok(Token::Jwe(parsed)) = token::parse(&compact) else {
        panic!("{kind:?}: not a JWE: {compact}");
    };
    let opened = jwe::decrypt(&parsed, with, &mut rng).unwrap();
    assert_eq!(opened.plaintext, plaintext.as_bytes(), "{kind:?}");
}

#[test]
fn every_encryption_kind_labels_its_jwks_and_round_trips() {
    for kind in fast() {
        let m = generate_material(kind).unwrap();
        assert_eq!(
            (m.label.as_str(), m.alg.as_str()),
            (kind.label(), kind.jwk_alg())
        );
        assert_eq!(m.encryption, Some(kind));
        assert_eq!(m.kid.len(), 43, "{kind:?}: a SHA-256 thumbprint");
        let private_jwk = json(&m.private_jwk);
        check_labels(&private_jwk, kind, &m.kid);
        let decrypting = DecryptionKey::parse(&m.private_jwk).unwrap();
        assert_eq!(decrypting.alg.as_deref(), Some(kind.jwk_alg()));
        if m.symmetric {
            assert_eq!(private_jwk["kty"], "oct");
            let secret = crate::jose::base64url::decode(&m.private_pem).unwrap();
            assert_eq!(Some(secret.len()), kind.secret_len(), "{kind:?}");
            assert!(m.public_jwk.is_empty() && m.public_pem.is_empty());
            round_trip(
                kind,
                &EncryptionKey::parse(&m.private_jwk).unwrap(),
                &decrypting,
            );
            let bytes = DecryptionKey::symmetric(secret);
            round_trip(kind, &EncryptionKey::parse(&m.private_jwk).unwrap(), &bytes);
            continue;
        }
        let public_jwk = json(&m.public_jwk);
        check_labels(&public_jwk, kind, &m.kid);
        assert!(public_jwk.get("d").is_none(), "{kind:?}: no private member");
        assert!(private_jwk.get("d").is_some(), "{kind:?}");
        assert_eq!(json(&m.jwks)["keys"][0], Value::Object(public_jwk));
        assert!(m.private_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(m.public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let encrypting = EncryptionKey::parse(&m.public_jwk).unwrap();
        assert_eq!(encrypting.alg.as_deref(), Some(kind.jwk_alg()));
        round_trip(kind, &encrypting, &decrypting);
        // The PEM forms carry no `alg`, and are the same key.
        let from_pem = DecryptionKey::parse(&m.private_pem).unwrap();
        round_trip(
            kind,
            &EncryptionKey::parse(&m.public_pem).unwrap(),
            &from_pem,
        );
        round_trip(kind, &EncryptionKey::parse(&m.jwks).unwrap(), &decrypting);
        // Pasted as a verification key, an encryption JWK is refused (RFC 7517 section 4.2).
        assert!(parse_public_keys(&m.public_jwk).is_err(), "{kind:?}");
    }
}

/// An encryption key's `alg` keeps it to its algorithm: ECDH-ES, not ECDH-ES+A256KW.
#[test]
fn the_jwk_alg_pins_the_key() {
    let m = generate_material(EncryptionKind::EcdhP256).unwrap();
    let mut header = header(EncryptionKind::EcdhP256);
    header.insert("alg".into(), "ECDH-ES+A256KW".into());
    let key = EncryptionKey::parse(&m.public_jwk).unwrap();
    let err = jwe::encrypt(header, b"x", &key, &mut seeded_rng().unwrap()).unwrap_err();
    assert!(err.to_string().contains("ECDH-ES"), "{err}");
}

/// X25519 keys are written as `openssl genpkey -algorithm X25519` writes them: PKCS#8 v1 of 48
/// bytes, SPKI of 44, and the JWK's `x` is the SPKI's key.
#[test]
fn x25519_pem_forms_match_openssl() {
    let m = generate_material(EncryptionKind::X25519).unwrap();
    let (_, pkcs8) = der::pem::decode_vec(m.private_pem.as_bytes()).unwrap();
    let (_, spki) = der::pem::decode_vec(m.public_pem.as_bytes()).unwrap();
    assert_eq!((pkcs8.len(), spki.len()), (48, 44));
    let jwk = json(&m.public_jwk);
    assert_eq!(jwk["kty"], "OKP");
    assert_eq!(jwk["crv"], "X25519");
    assert_eq!(jwk["x"], crate::jose::base64url::encode(&spki[12..]));
    assert!(!format!("{m:?}").contains(&m.private_jwk));
}

/// RSA-OAEP and ECDH keys from WebCrypto (DER) get the same labels and a private JWK that is
/// the PKCS#8's key; a signing offer still gets neither.
#[test]
fn keys_from_der_are_labelled_by_the_offer() {
    let mut rng = seeded_rng().unwrap();
    let key = crate::jose::keys::generate(KeyKind::P384, &mut rng).unwrap();
    let (pkcs8, spki) = (
        key.to_pkcs8_der().unwrap(),
        key.public_key().to_spki_der().unwrap(),
    );
    let enc = material_from_der(EncryptionKind::EcdhP384, &pkcs8, &spki).unwrap();
    check_labels(&json(&enc.public_jwk), EncryptionKind::EcdhP384, &enc.kid);
    assert_eq!(json(&enc.private_jwk)["d"], key.to_jwk()["d"]);
    let sig = material_from_der(KeyKind::P384, &pkcs8, &spki).unwrap();
    assert_eq!(json(&sig.public_jwk)["use"], "sig");
    assert!(sig.private_jwk.is_empty() && sig.encryption.is_none());
    assert_eq!(sig.kid, enc.kid, "the same key, the same thumbprint");
    // A private key that is not the public key's other half is refused.
    let other = crate::jose::keys::generate(KeyKind::P384, &mut rng).unwrap();
    let mixed = material_from_der(
        EncryptionKind::EcdhP384,
        &other.to_pkcs8_der().unwrap(),
        &spki,
    );
    assert!(mixed.is_err());
    assert!(material_from_der(EncryptionKind::X25519, &pkcs8, &spki).is_err());
    assert!(generate_x25519_material(KeyKind::P256).is_err());
}
