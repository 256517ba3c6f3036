//! Checks on the verification key against the header `alg`: HMAC secret length (RFC 7518
//! §3.2), RSA modulus size, and whether the key fits the algorithm at all (algorithm confusion).

use super::LintContext;
use super::kinds::FindingKind;
use crate::jose::algorithm::{Algorithm, Family};
use crate::jose::keys::PublicKey;

/// RSA moduli under this many bits are flagged (NIST SP 800-131A, RFC 7518 §3.3).
pub(crate) const MIN_RSA_BITS: usize = 2048;

/// `alg` is `None` when the header names no known algorithm: the key size is still checked.
pub(super) fn check(alg: Option<Algorithm>, ctx: &LintContext, out: &mut Vec<FindingKind>) {
    if let Some(alg) = alg
        && let Some(needed_bytes) = alg.hmac_min_secret_len()
        && let Some(secret_bytes) = hmac_secret_len(ctx)
        && secret_bytes < needed_bytes
    {
        out.push(FindingKind::HmacSecretTooShort {
            alg,
            secret_bytes,
            needed_bytes,
        });
    }
    let Some(key) = ctx.verification_key else {
        return;
    };
    if let PublicKey::Rsa(_) = key {
        let bits = key.bits();
        if bits < MIN_RSA_BITS {
            out.push(FindingKind::RsaKeyTooSmall { bits });
        }
    }
    // `none` has its own finding; it fits no key.
    let kind = key.key_type();
    if let Some(alg) = alg
        && alg.family() != Family::None
        && !alg.fits(kind)
    {
        out.push(FindingKind::AlgKeyMismatch { alg, key: kind });
    }
}

/// The secret length the context gives, or that of an HMAC verification key.
fn hmac_secret_len(ctx: &LintContext) -> Option<usize> {
    ctx.hmac_secret_len.or(match ctx.verification_key {
        Some(PublicKey::Hmac(secret)) => Some(secret.0.len()),
        _ => None,
    })
}
