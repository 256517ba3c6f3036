//! ML-DSA (FIPS 204) for JOSE, as RFC 9964 defines it: the JWS algorithms `ML-DSA-44`,
//! `ML-DSA-65` and `ML-DSA-87`, and the `AKP` ("Algorithm Key Pair") JWK with `alg`, `pub` (the
//! encoded public key) and `priv` (the 32-byte seed); plus the X.509 forms of RFC 9881 (SPKI
//! public keys and the three PKCS#8 private key forms), so that keys made by OpenSSL 3.5 and
//! other tools can be read.
//!
//! The family table of `crate::jose::keys` holds these keys (`kty_akp.rs`): public keys as they
//! are (data: decoded only to verify, so the page can read and forward them without linking the
//! arithmetic), private keys as their checked PKCS#8. The entry points:
//! - key detection: [`looks_like_akp_jwk`], [`try_public_from_spki_der`],
//!   [`try_private_from_pkcs8_der`] (`Ok(None)` = another algorithm), [`MlDsaParams::from_oid`],
//!   [`MlDsaPrivateKey::from_pkcs8_private_key`] for readers that split the DER themselves, and
//!   [`pkcs8_params_and_seed`], which reads a PKCS#8 without expanding it;
//! - keys: [`MlDsaPublicKey`] / [`MlDsaPrivateKey`] (`from_jwk`, `to_jwk`, `thumbprint`, PEM
//!   and DER, [`MlDsaPrivateKey::generate`] from the caller's rng);
//! - JWS: [`MlDsaPrivateKey::sign`] / [`MlDsaPublicKey::verify`] over the signing input, with
//!   the pure ML-DSA and the empty context RFC 9964 requires.
//!
//! Where each behaviour lives: parameter sets and OIDs in `params.rs`, the key types, signing
//! and verification in `key.rs`, AKP JWKs and thumbprints in `jwk.rs`, SPKI / PKCS#8 / PEM in
//! `der.rs`, and the checks an expanded private key needs in `expanded.rs`.
//!
//! `Debug` of a private key prints its parameter set, form and public thumbprint, never the
//! seed or expanded key; seeds and encoded private keys are wiped from memory when dropped.

mod der;
mod error;
mod expanded;
mod jwk;
mod key;
mod params;

pub use der::{pkcs8_params_and_seed, try_private_from_pkcs8_der, try_public_from_spki_der};
pub use error::MlDsaError;
pub use jwk::{AKP_KTY, looks_like_akp_jwk};
pub use key::{MlDsaPrivateKey, MlDsaPublicKey, SeedBytes};
pub use params::MlDsaParams;

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha20Rng;
    use rand_core::SeedableRng;

    #[test]
    fn generate_sign_verify_every_parameter_set() {
        let mut rng = ChaCha20Rng::from_seed([3; 32]);
        for params in MlDsaParams::ALL {
            let key = MlDsaPrivateKey::generate(params, &mut rng);
            assert!(key.has_seed());
            let public = key.public_key();
            assert_eq!(public.as_bytes().len(), params.public_key_len());
            let sig = key.sign(b"header.payload", &mut rng).unwrap();
            assert_eq!(sig.len(), params.signature_len());
            assert_eq!(public.verify(b"header.payload", &sig), Ok(()));
            assert_eq!(
                public.verify(b"header.payload!", &sig),
                Err(MlDsaError::SignatureMismatch(params.jose_name()))
            );
            // Hedged signatures differ; deterministic ones repeat.
            assert_ne!(
                key.sign(b"m", &mut rng).unwrap(),
                key.sign(b"m", &mut rng).unwrap()
            );
            let det = key.sign_deterministic(b"m").unwrap();
            assert_eq!(det, key.sign_deterministic(b"m").unwrap());
            assert!(matches!(
                public.verify(b"m", &det[1..]),
                Err(MlDsaError::WrongLength { .. })
            ));
            assert_eq!(
                public.verify_with_context(b"m", &[0; 256], &det),
                Err(MlDsaError::ContextTooLong(256))
            );
            // A non-empty context is a different message: RFC 9964 signatures use none.
            assert!(public.verify_with_context(b"m", b"ctx", &det).is_err());
        }
    }

    #[test]
    fn debug_prints_no_secret() {
        let key = MlDsaPrivateKey::from_seed(MlDsaParams::Ml87, &[0xab; 32]).unwrap();
        let debug = format!("{key:?}");
        assert!(
            debug.starts_with("MlDsaPrivateKey(ML-DSA-87, seed, public "),
            "{debug}"
        );
        assert!(!debug.to_lowercase().contains("abab"), "{debug}");
    }
}
