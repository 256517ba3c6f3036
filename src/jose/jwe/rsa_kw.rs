//! RSA key encryption: RSAES-OAEP (`RSA-OAEP` with SHA-1, `RSA-OAEP-256/384/512` with SHA-2
//! for both the hash and MGF1, RFC 7518 section 4.3) and RSAES-PKCS1-v1_5 (`RSA1_5`, section
//! 4.2, decryption only).

use rand_core::CryptoRng;
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use super::alg::OaepHash;
use super::error::JweError;
use crate::jose::algorithm::hash::with_hash;
use crate::jose::keys::{PrivateKey, PublicKey};

/// The RSA key inside; the caller has checked the key's kind, so another is a plain failure.
pub(super) fn private_rsa(key: &PrivateKey) -> Result<&rsa::PrivateKey, JweError> {
    match key {
        PrivateKey::Rsa(k) => Ok(k),
        _ => Err(JweError::DecryptionFailed),
    }
}

/// The RSA key inside; the caller has checked the key's kind.
pub(super) fn public_rsa(key: &PublicKey) -> Result<&rsa::PublicKey, JweError> {
    match key {
        PublicKey::Rsa(k) => Ok(k),
        _ => Err(JweError::EncryptionFailed("not an RSA key".into())),
    }
}

/// Encrypts the CEK with RSAES-OAEP.
pub(super) fn oaep_encrypt<R: CryptoRng + ?Sized>(
    hash: OaepHash,
    key: &rsa::PublicKey,
    cek: &[u8],
    rng: &mut R,
) -> Result<Vec<u8>, JweError> {
    let result = match hash {
        OaepHash::Sha1 => key.oaep_encrypt_with_rng::<sha1::Sha1, _>(rng, cek),
        OaepHash::Sha2(h) => with_hash!(h, D => key.oaep_encrypt_with_rng::<D, _>(rng, cek)),
    };
    result.map_err(|e| JweError::EncryptionFailed(format!("RSA-OAEP: {e}")))
}

/// Decrypts an OAEP-encrypted CEK; any failure is [`JweError::DecryptionFailed`] (the rsa
/// crate checks the padding in constant time, and the message must not say more).
pub(super) fn oaep_decrypt<R: CryptoRng + ?Sized>(
    hash: OaepHash,
    key: &rsa::PrivateKey,
    encrypted_key: &[u8],
    rng: &mut R,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let result = match hash {
        OaepHash::Sha1 => key.oaep_decrypt_with_rng::<sha1::Sha1, _>(rng, encrypted_key),
        OaepHash::Sha2(h) => {
            with_hash!(h, D => key.oaep_decrypt_with_rng::<D, _>(rng, encrypted_key))
        }
    };
    result
        .map(Zeroizing::new)
        .map_err(|_| JweError::DecryptionFailed)
}

/// Decrypts an RSA1_5-encrypted CEK of `cek_len` bytes with the countermeasure of RFC 7516
/// section 11.5 (RFC 3218 section 2.3.2): a random CEK is drawn first, and used instead when the
/// padding is wrong or the decrypted key has the wrong length. The choice is made in constant
/// time, so a bad padding only shows as a failed authentication tag, like any other failure.
/// (The rsa crate's own implicit rejection already returns a synthetic message on bad padding;
/// the length check here catches it.)
pub(super) fn rsa1_5_decrypt<R: CryptoRng + ?Sized>(
    key: &rsa::PrivateKey,
    encrypted_key: &[u8],
    cek_len: usize,
    rng: &mut R,
) -> Zeroizing<Vec<u8>> {
    let mut random = Zeroizing::new(vec![0u8; cek_len]);
    rng.fill_bytes(&mut random);
    let (candidate, decrypted) = match key.pkcs1v15_decrypt_with_rng(rng, encrypted_key) {
        Ok(message) => (Zeroizing::new(message), subtle::Choice::from(1)),
        Err(_) => (Zeroizing::new(Vec::new()), subtle::Choice::from(0)),
    };
    let as_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let use_decrypted = decrypted & as_u64(candidate.len()).ct_eq(&as_u64(cek_len));
    let selected = random
        .iter()
        .enumerate()
        .map(|(i, fallback)| {
            let real = candidate.get(i).copied().unwrap_or(0);
            u8::conditional_select(fallback, &real, use_decrypted)
        })
        .collect();
    Zeroizing::new(selected)
}
