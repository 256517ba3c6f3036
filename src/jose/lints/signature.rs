//! Checks on ECDSA signatures: JWS wants the fixed-size `r || s` (RFC 7518 §3.4), not the
//! ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }` generic crypto APIs produce, and neither `r`
//! nor `s` may be zero (CVE-2022-21449, "psychic signatures").

use der::Reader;
use der::asn1::IntRef;

use super::kinds::FindingKind;
use crate::jose::algorithm::{Algorithm, Family};

pub(super) fn check(alg: Algorithm, signature: &[u8], out: &mut Vec<FindingKind>) {
    if alg.family() != Family::Ecdsa {
        return;
    }
    let Some(expected) = rs_len(alg) else {
        return;
    };
    let len = signature.len();
    if let Some((r, s)) = parse_der(signature) {
        out.push(FindingKind::EcdsaSignatureDer { alg, len });
        zero_component(alg, r, s, out);
    } else if len != expected {
        out.push(FindingKind::EcdsaSignatureLength { alg, len, expected });
    } else if let Some((r, s)) = signature.split_at_checked(expected / 2) {
        zero_component(alg, r, s, out);
    }
}

fn zero_component(alg: Algorithm, r: &[u8], s: &[u8], out: &mut Vec<FindingKind>) {
    let r_zero = is_zero(r);
    let s_zero = is_zero(s);
    if r_zero || s_zero {
        out.push(FindingKind::EcdsaZeroComponent {
            alg,
            r_zero,
            s_zero,
        });
    }
}

/// Big-endian bytes that encode zero (an empty integer counts as zero).
fn is_zero(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| *b == 0)
}

/// The length of `r || s` for an ES* algorithm: twice the curve's field size in bytes.
fn rs_len(alg: Algorithm) -> Option<usize> {
    match alg {
        Algorithm::ES256 => Some(64),
        Algorithm::ES384 => Some(96),
        Algorithm::ES512 => Some(132),
        _ => None,
    }
}

/// `r` and `s` if `bytes` is exactly a DER `SEQUENCE` of two `INTEGER`s, else `None`.
fn parse_der(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let (r, s) = reader
        .sequence(|seq| {
            let r = seq.decode::<IntRef<'_>>()?;
            let s = seq.decode::<IntRef<'_>>()?;
            Ok::<_, der::Error>((r, s))
        })
        .ok()?;
    reader.finish().ok()?;
    Some((r.as_bytes(), s.as_bytes()))
}
