//! Checks on the verification key against the header `alg`: HMAC secret length (RFC 7518
//! §3.2), RSA modulus size, and whether the key fits the algorithm at all (algorithm confusion).

use serde_json::Value;

use super::details::KeyHeader;
use super::kinds::FindingKind;
use super::{LintContext, preview};
use crate::jose::algorithm::{Algorithm, Family};
use crate::jose::keys::{PublicKey, parse_public_keys};
use crate::jose::token::DecodedToken;

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
    if let (Some(alg), Some(key_alg)) = (alg, ctx.key_alg)
        && key_alg != alg.as_str()
    {
        out.push(FindingKind::KeyAlgDiffers {
            alg,
            key_alg: preview(key_alg, 40),
        });
    }
    if ctx.demo_key {
        out.push(FindingKind::DemoKey);
    }
}

/// A header `jwk` or `x5c` (first certificate) that holds the very key the token is verified
/// with: the token vouches for itself.
pub(super) fn check_embedded(token: &DecodedToken, ctx: &LintContext, out: &mut Vec<FindingKind>) {
    let Some(key) = ctx.verification_key else {
        return;
    };
    for header in [KeyHeader::Jwk, KeyHeader::X5c] {
        if embedded_key(token, header).as_ref() == Some(key) {
            out.push(FindingKind::SelfVouchingKey { header });
        }
    }
}

/// The public key a `jwk` header or the first `x5c` certificate carries, if it reads.
fn embedded_key(token: &DecodedToken, header: KeyHeader) -> Option<PublicKey> {
    let text = match (header, token.header.get(header.name())?) {
        (KeyHeader::Jwk, jwk @ Value::Object(_)) => jwk.to_string(),
        (KeyHeader::X5c, Value::Array(chain)) => chain.first()?.as_str()?.to_owned(),
        _ => return None,
    };
    parse_public_keys(&text)
        .ok()?
        .into_iter()
        .next()
        .map(|candidate| candidate.key)
}

/// The secret length the context gives, or that of an HMAC verification key.
fn hmac_secret_len(ctx: &LintContext) -> Option<usize> {
    ctx.hmac_secret_len.or(match ctx.verification_key {
        Some(PublicKey::Hmac(secret)) => Some(secret.0.len()),
        _ => None,
    })
}
