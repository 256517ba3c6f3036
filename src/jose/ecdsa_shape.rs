//! The shape of an ECDSA signature, read once for verification and for the findings: JWS wants
//! the fixed-size big-endian `r || s` (RFC 7518 §3.4), not the ASN.1 DER
//! `SEQUENCE { r INTEGER, s INTEGER }` that generic crypto APIs produce, and neither `r` nor `s`
//! may be zero (CVE-2022-21449, "psychic signatures").

use der::Reader;
use der::asn1::IntRef;

/// What an ES* signature looks like, for a curve whose scalars are `field_len` bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcdsaShape<'a> {
    /// The JWS form: `r || s`, each `field_len` bytes.
    RawRs {
        /// `r`, big-endian.
        r: &'a [u8],
        /// `s`, big-endian.
        s: &'a [u8],
    },
    /// Exactly a DER `SEQUENCE` of two `INTEGER`s: never accepted, but worth naming.
    Der {
        /// `r`'s content bytes.
        r: &'a [u8],
        /// `s`'s content bytes.
        s: &'a [u8],
    },
    /// Neither: the wrong length for this curve.
    WrongLength,
}

impl EcdsaShape<'_> {
    /// Whether `r` and `s` are zero (both `false` for a signature of the wrong length).
    pub fn zero_scalars(&self) -> (bool, bool) {
        let zero = |x: &[u8]| x.iter().all(|b| *b == 0);
        match self {
            EcdsaShape::RawRs { r, s } | EcdsaShape::Der { r, s } => (zero(r), zero(s)),
            EcdsaShape::WrongLength => (false, false),
        }
    }
}

/// Reads the shape of `sig`: the length decides first (a signature of exactly `2 * field_len`
/// bytes is `r || s`, as a verifier reads it), then a full DER parse.
pub fn ecdsa_shape(sig: &[u8], field_len: usize) -> EcdsaShape<'_> {
    if sig.len() == 2 * field_len {
        let (r, s) = sig.split_at(field_len);
        return EcdsaShape::RawRs { r, s };
    }
    match parse_der(sig) {
        Some((r, s)) => EcdsaShape::Der { r, s },
        None => EcdsaShape::WrongLength,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_first_then_der() {
        let raw = [7u8; 64];
        assert_eq!(
            ecdsa_shape(&raw, 32),
            EcdsaShape::RawRs {
                r: &raw[..32],
                s: &raw[32..]
            }
        );
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00];
        assert_eq!(ecdsa_shape(&der, 32), EcdsaShape::Der { r: &[1], s: &[0] });
        assert_eq!(ecdsa_shape(&der, 32).zero_scalars(), (false, true));
        assert_eq!(ecdsa_shape(&[1u8; 63], 32), EcdsaShape::WrongLength);
        // A DER-looking prefix with a wrong inner length is not DER.
        assert_eq!(
            ecdsa_shape(&[0x30, 0x06, 0x02, 0x01], 32),
            EcdsaShape::WrongLength
        );
        assert_eq!(ecdsa_shape(&[0u8; 132], 66).zero_scalars(), (true, true));
    }
}
