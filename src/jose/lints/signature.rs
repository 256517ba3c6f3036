//! Checks on ECDSA signatures: JWS wants the fixed-size `r || s` (RFC 7518 §3.4), not the
//! ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }` generic crypto APIs produce, and neither `r`
//! nor `s` may be zero (CVE-2022-21449, "psychic signatures").

use super::kinds::FindingKind;
use crate::jose::algorithm::Algorithm;
use crate::jose::ecdsa_shape::{EcdsaShape, ecdsa_shape};

pub(super) fn check(alg: Algorithm, signature: &[u8], out: &mut Vec<FindingKind>) {
    let Some(field_len) = alg.ecdsa_field_len() else {
        return;
    };
    let shape = ecdsa_shape(signature, field_len);
    let len = signature.len();
    match shape {
        EcdsaShape::Der { .. } => out.push(FindingKind::EcdsaSignatureDer { alg, len }),
        EcdsaShape::WrongLength => out.push(FindingKind::EcdsaSignatureLength {
            alg,
            len,
            expected: 2 * field_len,
        }),
        EcdsaShape::RawRs { .. } => {}
    }
    let (r_zero, s_zero) = shape.zero_scalars();
    if r_zero || s_zero {
        out.push(FindingKind::EcdsaZeroComponent {
            alg,
            r_zero,
            s_zero,
        });
    }
}
