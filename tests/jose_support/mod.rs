//! Shared helpers for the JOSE core tests: JWK-component key construction with the RustCrypto
//! APIs directly (independent of the keys module, so these tests check sign/verify alone),
//! hex/base64url decoding and vector loading; with the command-line harness ([`cli`]), the
//! RFC 7515 appendix A examples and the Wycheproof bookkeeping as submodules.
#![allow(dead_code)]

/// The command-line tests' harness (tests/cli_*.rs): native only, it runs processes.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod rfc7515_appendix_a;
pub mod wycheproof_harness;

use jwt_debugger::jose::base64url;
use jwt_debugger::jose::keys::{HmacSecret, PrivateKey, PublicKey};
use rsa::BoxedUint;
use serde_json::Value;

/// Reads a JSON vector file under tests/vectors/.
pub fn load(rel: &str) -> Value {
    let path = format!("{}/tests/vectors/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn b64(s: &str) -> Vec<u8> {
    base64url::decode(s).unwrap_or_else(|e| panic!("bad base64url {s:?}: {e:?}"))
}

/// Only base64url characters and dots: what RFC 7515 §7.1 allows in a compact JWS.
pub fn is_base64url_compact(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap_or_else(|e| panic!("bad hex {s:?}: {e}"))
}

pub fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str()
        .unwrap_or_else(|| panic!("missing string member {k} in {v}"))
}

/// A big-endian unsigned integer, leading zero bytes stripped, sized to its bytes.
pub fn uint(bytes: &[u8]) -> BoxedUint {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    let trimmed = bytes.get(first..).unwrap_or_default();
    let bits = u32::try_from(trimmed.len().max(1) * 8).unwrap();
    BoxedUint::from_be_slice(trimmed, bits).unwrap()
}

pub fn rsa_public(n: &[u8], e: &[u8]) -> rsa::PublicKey {
    rsa::PublicKey::new(uint(n), uint(e)).expect("valid RSA public key")
}

/// RSA private key from JWK members n, e, d, p, q (base64url).
pub fn rsa_private_jwk(jwk: &Value) -> rsa::PrivateKey {
    let f = |k: &str| uint(&b64(s(jwk, k)));
    rsa::PrivateKey::from_components(f("n"), f("e"), f("d"), vec![f("p"), f("q")])
        .expect("valid RSA private key")
}

pub fn rsa_public_jwk(jwk: &Value) -> rsa::PublicKey {
    rsa_public(&b64(s(jwk, "n")), &b64(s(jwk, "e")))
}

fn sec1(x: &[u8], y: &[u8]) -> Vec<u8> {
    let mut p = vec![4u8];
    p.extend_from_slice(x);
    p.extend_from_slice(y);
    p
}

/// EC or OKP public key from a JWK (crv P-256/P-384/P-521/Ed25519).
pub fn public_jwk(jwk: &Value) -> PublicKey {
    match s(jwk, "kty") {
        "RSA" => PublicKey::Rsa(rsa_public_jwk(jwk)),
        "oct" => PublicKey::Hmac(HmacSecret(b64(s(jwk, "k")))),
        "OKP" => {
            let x: [u8; 32] = b64(s(jwk, "x")).try_into().unwrap();
            PublicKey::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap())
        }
        "EC" => {
            let p = sec1(&b64(s(jwk, "x")), &b64(s(jwk, "y")));
            match s(jwk, "crv") {
                "P-256" => PublicKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(&p).unwrap()),
                "P-384" => PublicKey::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(&p).unwrap()),
                "P-521" => PublicKey::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(&p).unwrap()),
                c => panic!("curve {c}"),
            }
        }
        k => panic!("kty {k}"),
    }
}

/// Private key from a JWK.
pub fn private_jwk(jwk: &Value) -> PrivateKey {
    match s(jwk, "kty") {
        "RSA" => PrivateKey::Rsa(rsa_private_jwk(jwk)),
        "oct" => PrivateKey::Hmac(HmacSecret(b64(s(jwk, "k")))),
        "OKP" => {
            let d: [u8; 32] = b64(s(jwk, "d")).try_into().unwrap();
            PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&d))
        }
        "EC" => {
            let d = b64(s(jwk, "d"));
            match s(jwk, "crv") {
                "P-256" => PrivateKey::P256(p256::ecdsa::SigningKey::from_slice(&d).unwrap()),
                "P-384" => PrivateKey::P384(p384::ecdsa::SigningKey::from_slice(&d).unwrap()),
                "P-521" => PrivateKey::P521(p521::ecdsa::SigningKey::from_slice(&d).unwrap()),
                c => panic!("curve {c}"),
            }
        }
        k => panic!("kty {k}"),
    }
}

/// The public half of a private key (for sign-then-verify).
pub fn public_of(key: &PrivateKey) -> PublicKey {
    match key {
        PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
        PrivateKey::P256(k) => PublicKey::P256(*k.verifying_key()),
        PrivateKey::P384(k) => PublicKey::P384(*k.verifying_key()),
        PrivateKey::P521(k) => PublicKey::P521(*k.verifying_key()),
        PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
        PrivateKey::Hmac(s) => PublicKey::Hmac(s.clone()),
        // Expanded again from the seed by the ML-DSA module, not taken from the pair.
        PrivateKey::MlDsa(_) => PublicKey::MlDsa(
            jwt_debugger::jose::mldsa::MlDsaPrivateKey::from_pkcs8_der(
                &key.to_pkcs8_der().unwrap(),
            )
            .unwrap()
            .public_key()
            .clone(),
        ),
    }
}

/// A deterministic RNG for tests.
pub fn rng(seed: u64) -> rand_chacha::ChaCha20Rng {
    use rand_core::SeedableRng;
    rand_chacha::ChaCha20Rng::seed_from_u64(seed)
}

/// An rng that hands out fixed bytes (a test vector's ML-DSA `rnd`), for hedged signing with a
/// known randomness; ML-DSA asks for exactly those 32 bytes and nothing else.
pub struct FixedRnd(pub Vec<u8>);

impl rand_core::TryRng for FixedRnd {
    type Error = std::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        unreachable!("ML-DSA only fills bytes")
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        unreachable!("ML-DSA only fills bytes")
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        assert_eq!(dst.len(), self.0.len(), "rnd is 32 bytes");
        dst.copy_from_slice(&self.0);
        Ok(())
    }
}

impl rand_core::TryCryptoRng for FixedRnd {}
