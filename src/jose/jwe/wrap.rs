//! Symmetric key wrapping: AES Key Wrap (`A*KW`, RFC 7518 section 4.4, RFC 3394), and the
//! PBES2 key derivation (section 4.8), whose derived key then wraps with AES Key Wrap. (`A*GCMKW`,
//! section 4.7, is AES-GCM with an empty AAD: `content.rs`.)

use aes::cipher::KeyInit;
use rand_core::CryptoRng;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::alg::{AesSize, KeyManagement, with_aes};
use super::cipher::{JweCipher, Output, Primitive, Session};
use super::error::JweError;
use super::header;
use crate::jose::algorithm::hash::{HashAlg, with_hash};

/// The largest PBES2 iteration count accepted: far above real use (RFC 7518 section 4.8.1.2
/// recommends at least 1000; OWASP 2023 suggests 600,000 for PBKDF2-HMAC-SHA256), and small
/// enough that the page answers in seconds. Larger counts are refused before any work.
pub const MAX_PBES2_ITERATIONS: u32 = 1_000_000;

/// The smallest count RFC 7518 section 4.8.1.2 recommends; fewer is reported, not refused.
pub const MIN_RECOMMENDED_PBES2_ITERATIONS: u32 = 1000;

/// AES Key Wrap of the CEK (RFC 3394).
pub(super) fn aes_kw_wrap(size: AesSize, kek: &[u8], cek: &[u8]) -> Result<Vec<u8>, JweError> {
    let mut out = vec![0u8; cek.len().saturating_add(8)];
    let failed = |e: aes_kw::Error| JweError::EncryptionFailed(format!("AES Key Wrap: {e}"));
    with_aes!(size, A => {
        let kw = aes_kw::AesKw::<A>::new_from_slice(kek)
            .map_err(|_| JweError::EncryptionFailed("AES Key Wrap key length".into()))?;
        kw.wrap_key(cek, &mut out).map_err(failed)?;
    });
    Ok(out)
}

/// AES Key Unwrap; a failed integrity check (wrong key, modified token) is the one
/// [`JweError::DecryptionFailed`].
pub(super) fn aes_kw_unwrap(
    size: AesSize,
    kek: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let mut out = Zeroizing::new(vec![0u8; wrapped.len().saturating_sub(8)]);
    with_aes!(size, A => {
        let kw = aes_kw::AesKw::<A>::new_from_slice(kek)
            .map_err(|_| JweError::DecryptionFailed)?;
        kw.unwrap_key(wrapped, &mut out)
            .map_err(|_| JweError::DecryptionFailed)?;
    });
    Ok(out)
}

/// The PBES2 key-encryption key from the password and the header's `p2s` and `p2c` (RFC 7518
/// section 4.8.1.1), the same on both sides.
pub(super) async fn pbes2_kek<C: JweCipher + ?Sized, R: CryptoRng + ?Sized>(
    session: &mut Session<'_, C, R>,
    alg: KeyManagement,
    size: AesSize,
    header: &Map<String, Value>,
    password: &[u8],
) -> Result<Output, JweError> {
    // The count was bounded when the header was read; read it again for its value.
    let count = header::pbes2_count(header)?;
    let salt = pbes2_salt(alg.as_str(), &header::pbes2_salt(header)?);
    let (hash, salt, len) = (pbes2_hash(size), salt.as_slice(), size.key_len());
    session
        .run(Primitive::Pbkdf2 {
            hash,
            password,
            salt,
            count,
            len,
        })
        .await
}

/// The PBES2 salt: `alg || 0x00 || p2s` (RFC 7518 section 4.8.1.1).
fn pbes2_salt(alg: &str, p2s: &[u8]) -> Vec<u8> {
    let mut salt = Vec::with_capacity(alg.len() + 1 + p2s.len());
    salt.extend_from_slice(alg.as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    salt
}

/// The PBES2 HMAC hash: SHA-256, -384 or -512 with A128KW, A192KW and A256KW.
fn pbes2_hash(size: AesSize) -> HashAlg {
    match size {
        AesSize::A128 => HashAlg::Sha256,
        AesSize::A192 => HashAlg::Sha384,
        AesSize::A256 => HashAlg::Sha512,
    }
}

/// PBKDF2 with HMAC-`hash` (the Rust engine's). The caller has refused counts above
/// [`MAX_PBES2_ITERATIONS`] before this is called.
pub(super) fn pbkdf2(
    hash: HashAlg,
    password: &[u8],
    salt: &[u8],
    count: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut derived = Zeroizing::new(vec![0u8; len]);
    with_hash!(hash, D => pbkdf2::pbkdf2_hmac::<D>(password, salt, count, &mut derived));
    derived
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3394 section 4.1: 128 bits of key data wrapped with a 128-bit KEK.
    #[test]
    fn rfc3394_4_1() {
        let kek: Vec<u8> = (0u8..16).collect();
        let cek: Vec<u8> = (0u8..16).map(|i| i * 0x11).collect();
        let wrapped = aes_kw_wrap(AesSize::A128, &kek, &cek).unwrap();
        let expected = [
            0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47, 0xae, 0xf3, 0x4b, 0xd8, 0xfb, 0x5a,
            0x7b, 0x82, 0x9d, 0x3e, 0x86, 0x23, 0x71, 0xd2, 0xcf, 0xe5,
        ];
        assert_eq!(wrapped, expected);
        let unwrapped = aes_kw_unwrap(AesSize::A128, &kek, &wrapped).unwrap();
        assert_eq!(unwrapped.as_slice(), cek);
        let mut bad = wrapped;
        bad[3] ^= 1;
        assert_eq!(
            aes_kw_unwrap(AesSize::A128, &kek, &bad).unwrap_err(),
            JweError::DecryptionFailed
        );
    }

    #[test]
    fn odd_wrapped_lengths_fail_without_panicking() {
        for len in [0, 1, 8, 12, 16, 23, 25] {
            let result = aes_kw_unwrap(AesSize::A256, &[1; 32], &vec![0; len]);
            assert_eq!(result.unwrap_err(), JweError::DecryptionFailed, "{len}");
        }
    }
}
