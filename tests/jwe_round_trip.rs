#![cfg(not(target_arch = "wasm32"))]
//! Encrypt then decrypt for every `alg` × `enc` of RFC 7518 (RSA1_5 only decrypts, so it is
//! covered by the vectors instead), with generated keys: RSA 2048, P-256, P-384, P-521 and
//! X25519 for ECDH-ES, random symmetric keys, and a password for PBES2.

mod jose_support;

use jwt_debugger::jose::jwe::{
    self, ContentEncryption, DecryptionKey, EncryptionKey, KeyKind, KeyManagement, X25519PrivateKey,
};
use jwt_debugger::jose::keys::{self, PrivateKey};
use jwt_debugger::jose::token::{JweCompact, Token, parse};
use rand_chacha::ChaCha20Rng;
use rand_core::Rng;
use serde_json::{Map, Value, json};

fn jwe_of(compact: &str) -> JweCompact {
    match parse(compact) {
        Ok(Token::Jwe(jwe)) => jwe,
        other => panic!("not a JWE: {other:?}"),
    }
}

fn header(alg: KeyManagement, enc: ContentEncryption, extra: Value) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("alg".into(), alg.as_str().into());
    header.insert("enc".into(), enc.as_str().into());
    if let Value::Object(extra) = extra {
        header.extend(extra);
    }
    header
}

fn random_bytes(len: usize, rng: &mut ChaCha20Rng) -> Vec<u8> {
    let mut bytes = vec![0; len];
    rng.fill_bytes(&mut bytes);
    bytes
}

/// Key pairs for an `alg` and `enc`: one per curve for ECDH-ES, one otherwise.
fn key_pairs(
    alg: KeyManagement,
    enc: ContentEncryption,
    rsa: &PrivateKey,
    rng: &mut ChaCha20Rng,
) -> Vec<(EncryptionKey, DecryptionKey)> {
    let symmetric = |bytes: Vec<u8>| {
        vec![(
            EncryptionKey::symmetric(bytes.clone()),
            DecryptionKey::symmetric(bytes),
        )]
    };
    match alg {
        KeyManagement::Dir => symmetric(random_bytes(enc.key_len(), rng)),
        KeyManagement::AesKw(size) | KeyManagement::AesGcmKw(size) => {
            symmetric(random_bytes(size.key_len(), rng))
        }
        KeyManagement::Pbes2(_) => vec![(
            EncryptionKey::password(b"correct horse battery staple".to_vec()),
            DecryptionKey::password(b"correct horse battery staple".to_vec()),
        )],
        KeyManagement::RsaOaep(_) | KeyManagement::Rsa1_5 => {
            vec![(rsa.public_key().into(), rsa.clone().into())]
        }
        KeyManagement::EcdhEs(_) => {
            let mut pairs: Vec<(EncryptionKey, DecryptionKey)> = [
                keys::KeyKind::P256,
                keys::KeyKind::P384,
                keys::KeyKind::P521,
            ]
            .into_iter()
            .map(|kind| {
                let key = keys::generate(kind, rng).unwrap();
                (key.public_key().into(), key.into())
            })
            .collect();
            let x25519 = X25519PrivateKey::generate(rng);
            pairs.push((x25519.public_key().into(), x25519.into()));
            pairs
        }
    }
}

#[test]
fn every_alg_and_enc_round_trips() {
    let mut rng = jose_support::rng(11);
    let rsa = keys::generate(keys::KeyKind::Rsa2048, &mut rng).unwrap();
    let mut checked = 0;
    for alg in KeyManagement::ALL {
        if alg == KeyManagement::Rsa1_5 {
            continue;
        }
        for enc in ContentEncryption::ALL {
            for (i, (public, private)) in key_pairs(alg, enc, &rsa, &mut rng).iter().enumerate() {
                // Alternate compression so every alg is also tried with zip.
                let zip = (checked + i) % 2 == 0;
                let extra = if zip {
                    json!({"zip": "DEF", "p2c": 1000, "kid": "k"})
                } else {
                    json!({"p2c": 1000, "apu": "QWxpY2U", "apv": "Qm9i"})
                };
                let plaintext = format!("{} {} {i}: hello hello hello", alg.as_str(), enc.as_str());
                let compact = jwe::encrypt(
                    header(alg, enc, extra),
                    plaintext.as_bytes(),
                    public,
                    &mut rng,
                )
                .unwrap_or_else(|e| panic!("{} {}: {e}", alg.as_str(), enc.as_str()));
                let out = jwe::decrypt(&jwe_of(&compact), private, &mut rng)
                    .unwrap_or_else(|e| panic!("{} {}: {e}", alg.as_str(), enc.as_str()));
                assert_eq!(out.plaintext, plaintext.as_bytes());
                assert_eq!((out.alg, out.enc, out.compressed), (alg, enc, zip));
                assert_eq!(out.cek_len, enc.key_len());
                checked += 1;
            }
        }
    }
    // 18 encrypting algs, 6 encs, ECDH-ES's 4 algs on 4 curves each.
    assert_eq!(checked, (14 + 4 * 4) * 6);
}

#[test]
fn key_needs_match_the_keys_used() {
    for alg in KeyManagement::ALL {
        let decrypt = alg.key_need(None, false);
        let encrypt = alg.key_need(None, true);
        match alg {
            KeyManagement::RsaOaep(_) | KeyManagement::Rsa1_5 | KeyManagement::EcdhEs(_) => {
                assert_eq!(
                    (decrypt.kind, encrypt.kind),
                    (KeyKind::PrivateKey, KeyKind::PublicKey)
                );
            }
            KeyManagement::Pbes2(_) => assert_eq!(decrypt.kind, KeyKind::Password),
            _ => assert_eq!(encrypt.kind, KeyKind::Symmetric),
        }
    }
}

#[test]
fn pbes2_without_p2c_uses_the_default_count_and_a_fresh_salt() {
    let mut rng = jose_support::rng(12);
    let enc = ContentEncryption::ALL[0];
    let alg = KeyManagement::Pbes2(jwe::AesSize::A128);
    let key = EncryptionKey::password(b"pw".to_vec());
    let compact = jwe::encrypt(header(alg, enc, json!({})), b"x", &key, &mut rng).unwrap();
    let token = jwe_of(&compact);
    assert_eq!(token.header["p2c"], jwe::DEFAULT_PBES2_ITERATIONS);
    assert_eq!(
        jose_support::b64(token.header["p2s"].as_str().unwrap()).len(),
        16
    );
    let out = jwe::decrypt(&token, &DecryptionKey::password(b"pw".to_vec()), &mut rng).unwrap();
    assert_eq!(out.plaintext, b"x");
}

#[test]
fn a_wrong_key_fails_opaquely_for_every_alg() {
    let mut rng = jose_support::rng(13);
    let rsa = keys::generate(keys::KeyKind::Rsa2048, &mut rng).unwrap();
    let other_rsa = keys::generate(keys::KeyKind::Rsa2048, &mut rng).unwrap();
    let enc = ContentEncryption::ALL[0];
    for alg in KeyManagement::ALL {
        if alg == KeyManagement::Rsa1_5 {
            continue;
        }
        let (public, _) = key_pairs(alg, enc, &rsa, &mut rng).remove(0);
        let (_, wrong) = key_pairs(alg, enc, &other_rsa, &mut rng).remove(0);
        let wrong = match alg {
            KeyManagement::Pbes2(_) => DecryptionKey::password(b"wrong".to_vec()),
            _ => wrong,
        };
        let compact = jwe::encrypt(
            header(alg, enc, json!({"p2c": 1000})),
            b"hi",
            &public,
            &mut rng,
        )
        .unwrap();
        let err = jwe::decrypt(&jwe_of(&compact), &wrong, &mut rng).unwrap_err();
        assert_eq!(err, jwe::JweError::DecryptionFailed, "{}", alg.as_str());
    }
}
