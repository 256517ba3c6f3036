//! RSA keys (`kty: "RSA"`): RS* (PKCS#1 v1.5) and PS* (PSS) signatures, and the RSA parts of
//! export.

use rand_core::CryptoRng;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use serde_json::{Map, Value};
use signature::{RandomizedSigner, SignatureEncoding, Verifier};

use super::components::rsa_crt_values;
use super::thumbprint::{b64, object};
use crate::jose::algorithm::hash::with_hash;
use crate::jose::algorithm::{Algorithm, Family, KeyType};
use crate::jose::error::JoseError;
use crate::jose::verify::check_len;

/// The hash of an RS*/PS* algorithm (every one has one; a typed error, not a panic, otherwise).
fn hash(alg: Algorithm) -> Result<crate::jose::algorithm::hash::HashAlg, JoseError> {
    alg.hash().ok_or(JoseError::AlgorithmKeyMismatch {
        alg,
        key: KeyType::Rsa,
    })
}

/// The signature is as long as the modulus.
pub(super) fn precheck(
    alg: Algorithm,
    key: &rsa::PublicKey,
    signature: &[u8],
) -> Result<(), JoseError> {
    check_len(alg, signature.len(), key.size())
}

/// PKCS#1 v1.5 for RS*, PSS for PS* with the salt as long as the hash (RFC 7518 §3.5, not
/// auto-detected).
pub(super) fn verify(
    alg: Algorithm,
    key: &rsa::PublicKey,
    input: &[u8],
    signature: &[u8],
) -> Result<(), JoseError> {
    let mismatch = |_| JoseError::SignatureMismatch;
    with_hash!(hash(alg)?, D => {
        if alg.family() == Family::RsaPss {
            let sig = rsa::pss::Signature::try_from(signature).map_err(mismatch)?;
            rsa::pss::VerifyingKey::<D>::new(key.clone())
                .verify(input, &sig)
                .map_err(mismatch)
        } else {
            let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(mismatch)?;
            rsa::pkcs1v15::VerifyingKey::<D>::new(key.clone())
                .verify(input, &sig)
                .map_err(mismatch)
        }
    })
}

/// Signs with the caller's RNG, which blinds the private-key operation (and draws the PSS salt).
pub(super) fn sign<R: CryptoRng + ?Sized>(
    alg: Algorithm,
    key: &rsa::PrivateKey,
    input: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, JoseError> {
    let failed = |e: signature::Error| JoseError::SigningFailed {
        alg: alg.as_str(),
        reason: e.to_string(),
    };
    with_hash!(hash(alg)?, D => {
        if alg.family() == Family::RsaPss {
            // `new` uses the digest length as the salt length, as RFC 7518 §3.5 requires.
            let signer = rsa::pss::SigningKey::<D>::new(key.clone());
            Ok(signer.try_sign_with_rng(rng, input).map_err(failed)?.to_vec())
        } else {
            let signer = rsa::pkcs1v15::SigningKey::<D>::new(key.clone());
            Ok(signer.try_sign_with_rng(rng, input).map_err(failed)?.to_vec())
        }
    })
}

/// `e`, `kty` and `n` (RFC 7638 order).
pub(super) fn members(key: &rsa::PublicKey) -> Map<String, Value> {
    object([
        ("e", b64(&key.e_bytes())),
        ("kty", "RSA".into()),
        ("n", b64(&key.n_bytes())),
    ])
}

/// The private members `d`, `p`, `q`, `dp`, `dq`, `qi`. Serialisation runs on the user's own key
/// for display, so the variable-time trimming of the big-endian encodings leaks nothing to anyone
/// else.
pub(super) fn add_private_members(key: &rsa::PrivateKey, add: &mut impl FnMut(&str, &[u8])) {
    add("d", &key.d().to_be_bytes_trimmed_vartime());
    let primes = key.primes();
    if let [p, q] = primes {
        add("p", &p.to_be_bytes_trimmed_vartime());
        add("q", &q.to_be_bytes_trimmed_vartime());
        if let Some([dp, dq, qi]) = rsa_crt_values(key) {
            add("dp", &dp);
            add("dq", &dq);
            add("qi", &qi);
        }
    }
}
