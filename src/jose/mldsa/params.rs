//! The three ML-DSA parameter sets of FIPS 204 (section 4, tables 1 and 2) and their names: the
//! JOSE `alg` values of RFC 9964 section 5, and the `AlgorithmIdentifier` OIDs of RFC 9881
//! section 2 that SPKI public keys and PKCS#8 private keys carry.

use std::fmt;

use spki::ObjectIdentifier;

// Evaluated at compile time: a typo here fails the build instead of panicking at run time.
const OID_ML_DSA_44: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17");
const OID_ML_DSA_65: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18");
const OID_ML_DSA_87: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.19");

/// An ML-DSA parameter set: ML-DSA-44 (NIST security category 2), ML-DSA-65 (3) or ML-DSA-87 (5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MlDsaParams {
    /// ML-DSA-44: 1312-byte public keys, 2420-byte signatures.
    Ml44,
    /// ML-DSA-65: 1952-byte public keys, 3309-byte signatures.
    Ml65,
    /// ML-DSA-87: 2592-byte public keys, 4627-byte signatures.
    Ml87,
}

impl MlDsaParams {
    /// Every parameter set, smallest first.
    pub const ALL: [MlDsaParams; 3] = [MlDsaParams::Ml44, MlDsaParams::Ml65, MlDsaParams::Ml87];

    /// Length of the private seed ξ (FIPS 204 Algorithm 1), the same for every parameter set; it
    /// is the whole private key in RFC 9964 (`priv`) and the preferred form in RFC 9881.
    pub const SEED_LEN: usize = 32;

    /// The JOSE `alg` value (RFC 9964 section 5), also the AKP JWK's `alg` member: "ML-DSA-44".
    pub fn jose_name(self) -> &'static str {
        match self {
            MlDsaParams::Ml44 => "ML-DSA-44",
            MlDsaParams::Ml65 => "ML-DSA-65",
            MlDsaParams::Ml87 => "ML-DSA-87",
        }
    }

    /// The parameter set a JOSE `alg` names. Exact match: JOSE `alg` values are case-sensitive
    /// (RFC 7515 section 4.1.1), so "ml-dsa-44" names nothing.
    pub fn from_jose_name(name: &str) -> Option<MlDsaParams> {
        Self::ALL.into_iter().find(|p| p.jose_name() == name)
    }

    /// Length of the encoded public key (FIPS 204 pkEncode), the JWK `pub` member and the SPKI
    /// `subjectPublicKey`.
    pub fn public_key_len(self) -> usize {
        match self {
            MlDsaParams::Ml44 => 1312,
            MlDsaParams::Ml65 => 1952,
            MlDsaParams::Ml87 => 2592,
        }
    }

    /// Length of an encoded signature (FIPS 204 sigEncode), the JWS signature.
    pub fn signature_len(self) -> usize {
        match self {
            MlDsaParams::Ml44 => 2420,
            MlDsaParams::Ml65 => 3309,
            MlDsaParams::Ml87 => 4627,
        }
    }

    /// Length of the expanded private key (FIPS 204 skEncode), the RFC 9881 `expandedKey`.
    pub fn expanded_key_len(self) -> usize {
        match self {
            MlDsaParams::Ml44 => 2560,
            MlDsaParams::Ml65 => 4032,
            MlDsaParams::Ml87 => 4896,
        }
    }

    /// The NIST security category (FIPS 204 table 1): 2, 3 or 5.
    pub fn security_category(self) -> u8 {
        match self {
            MlDsaParams::Ml44 => 2,
            MlDsaParams::Ml65 => 3,
            MlDsaParams::Ml87 => 5,
        }
    }

    /// The `AlgorithmIdentifier` OID (RFC 9881 section 2), e.g. 2.16.840.1.101.3.4.3.17.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            MlDsaParams::Ml44 => OID_ML_DSA_44,
            MlDsaParams::Ml65 => OID_ML_DSA_65,
            MlDsaParams::Ml87 => OID_ML_DSA_87,
        }
    }

    /// The parameter set an `AlgorithmIdentifier` OID names, or `None` for any other algorithm
    /// (including HashML-DSA, which RFC 9881 section 8.3 and RFC 9964 leave out).
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<MlDsaParams> {
        Self::ALL.into_iter().find(|p| p.oid() == *oid)
    }

    /// FIPS 204 table 1: (k, l, η), the matrix dimensions and the private coefficient bound,
    /// which lay out the expanded private key.
    pub(super) fn dimensions(self) -> (usize, usize, u8) {
        match self {
            MlDsaParams::Ml44 => (4, 4, 2),
            MlDsaParams::Ml65 => (6, 5, 4),
            MlDsaParams::Ml87 => (8, 7, 2),
        }
    }
}

impl fmt::Display for MlDsaParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.jose_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ml_dsa::{EncodedSignature, EncodedVerifyingKey, ExpandedSigningKeyBytes};
    use ml_dsa::{MlDsa44, MlDsa65, MlDsa87};

    #[test]
    fn sizes_agree_with_the_crate() {
        let crate_sizes = [
            (
                EncodedVerifyingKey::<MlDsa44>::default().len(),
                EncodedSignature::<MlDsa44>::default().len(),
                ExpandedSigningKeyBytes::<MlDsa44>::default().len(),
            ),
            (
                EncodedVerifyingKey::<MlDsa65>::default().len(),
                EncodedSignature::<MlDsa65>::default().len(),
                ExpandedSigningKeyBytes::<MlDsa65>::default().len(),
            ),
            (
                EncodedVerifyingKey::<MlDsa87>::default().len(),
                EncodedSignature::<MlDsa87>::default().len(),
                ExpandedSigningKeyBytes::<MlDsa87>::default().len(),
            ),
        ];
        for (params, sizes) in MlDsaParams::ALL.into_iter().zip(crate_sizes) {
            let ours = (
                params.public_key_len(),
                params.signature_len(),
                params.expanded_key_len(),
            );
            assert_eq!(ours, sizes, "{params}");
            let (k, l, eta) = params.dimensions();
            let eta_bits = if eta == 2 { 3 } else { 4 };
            // rho, K, tr, then s1 and s2 (η-packed), then t0 (13 bits per coefficient).
            assert_eq!(128 + (k + l) * 32 * eta_bits + k * 416, sizes.2, "{params}");
        }
    }

    #[test]
    fn names_and_oids_round_trip() {
        for params in MlDsaParams::ALL {
            assert_eq!(
                MlDsaParams::from_jose_name(params.jose_name()),
                Some(params)
            );
            assert_eq!(MlDsaParams::from_oid(&params.oid()), Some(params));
            assert_eq!(params.to_string(), params.jose_name());
        }
        assert_eq!(MlDsaParams::from_jose_name("ml-dsa-44"), None);
        assert_eq!(
            MlDsaParams::Ml65.oid().to_string(),
            "2.16.840.1.101.3.4.3.18"
        );
        // id-hash-ml-dsa-44-with-sha512 (HashML-DSA) is not ML-DSA for JOSE.
        let hash_ml_dsa = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.32");
        assert_eq!(MlDsaParams::from_oid(&hash_ml_dsa), None);
    }
}
