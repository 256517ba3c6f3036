//! JWS algorithms (RFC 7518 §3, RFC 8037, RFC 9864, RFC 9964) as a `Copy` enum, and which keys fit them.
//!
//! Parsing is exact and case-sensitive, as RFC 7515 §4.1.1 requires: `"none"` is
//! [`Algorithm::None`], while `"NONE"` or `"hs256"` are errors that name the correct spelling,
//! so the findings code can flag case tricks used to slip past naive `alg == "none"` checks.

pub(crate) mod hash;

use std::fmt;
use std::str::FromStr;

use super::error::JoseError;
pub use super::key_type::{EcCurve, KeyType, MlDsaParams, OkpCurve};

/// A JWS `alg` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt length 32.
    PS256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt length 48.
    PS384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt length 64.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512 (the name says 512, the curve is 521 bits).
    ES512,
    /// EdDSA (RFC 8037); only Ed25519 keys are supported.
    EdDSA,
    /// Ed25519 under its fully specified RFC 9864 name: same crypto as `EdDSA` + Ed25519 key.
    Ed25519,
    /// ML-DSA-44 (FIPS 204, RFC 9964): post-quantum, NIST security category 2.
    MlDsa44,
    /// ML-DSA-65 (FIPS 204, RFC 9964): category 3.
    MlDsa65,
    /// ML-DSA-87 (FIPS 204, RFC 9964): category 5.
    MlDsa87,
    /// `none`: an unsecured JWS. It is decoded and shown, never verified.
    None,
}

/// The family an algorithm belongs to, which decides the kind of key it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// HS256/384/512: a shared secret.
    Hmac,
    /// RS256/384/512: RSA with PKCS#1 v1.5 padding.
    Rsa,
    /// PS256/384/512: RSA with PSS padding.
    RsaPss,
    /// ES256/384/512: ECDSA on a NIST curve.
    Ecdsa,
    /// EdDSA / Ed25519.
    EdDsa,
    /// ML-DSA-44/65/87: an AKP key of the same parameter set.
    MlDsa,
    /// `none`.
    None,
}

/// Which key input an algorithm needs ([`Algorithm::key_input`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyInput {
    /// `none`: nothing signs or verifies it.
    Unsecured,
    /// HS*: a shared secret (the Secret box).
    SharedSecret,
    /// Every other algorithm: a private key signs, a public key verifies.
    KeyPair,
}

impl Algorithm {
    /// Every algorithm, in the order a UI should list them.
    pub const ALL: [Algorithm; 18] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::EdDSA,
        Algorithm::Ed25519,
        Algorithm::MlDsa44,
        Algorithm::MlDsa65,
        Algorithm::MlDsa87,
        Algorithm::None,
    ];

    /// The registered `alg` string, e.g. `"HS256"` or `"none"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::MlDsa44 => "ML-DSA-44",
            Algorithm::MlDsa65 => "ML-DSA-65",
            Algorithm::MlDsa87 => "ML-DSA-87",
            Algorithm::None => "none",
        }
    }

    /// Which key input the algorithm needs: the one place that decides whether a token is
    /// checked and signed with a shared secret or a key pair (and so which boxes the page shows).
    pub fn key_input(self) -> KeyInput {
        match self.family() {
            Family::Hmac => KeyInput::SharedSecret,
            Family::None => KeyInput::Unsecured,
            Family::Rsa | Family::RsaPss | Family::Ecdsa | Family::EdDsa | Family::MlDsa => {
                KeyInput::KeyPair
            }
        }
    }

    /// The family, which decides what kind of key the algorithm needs.
    pub fn family(self) -> Family {
        use Algorithm::*;
        match self {
            HS256 | HS384 | HS512 => Family::Hmac,
            RS256 | RS384 | RS512 => Family::Rsa,
            PS256 | PS384 | PS512 => Family::RsaPss,
            ES256 | ES384 | ES512 => Family::Ecdsa,
            EdDSA | Ed25519 => Family::EdDsa,
            MlDsa44 | MlDsa65 | MlDsa87 => Family::MlDsa,
            None => Family::None,
        }
    }

    /// The SHA-2 hash the algorithm uses, if any (EdDSA hashes internally; `none` has none).
    pub fn hash(self) -> Option<hash::HashAlg> {
        use Algorithm::*;
        use hash::HashAlg;
        match self {
            HS256 | RS256 | PS256 | ES256 => Some(HashAlg::Sha256),
            HS384 | RS384 | PS384 | ES384 => Some(HashAlg::Sha384),
            HS512 | RS512 | PS512 | ES512 => Some(HashAlg::Sha512),
            EdDSA | Ed25519 | MlDsa44 | MlDsa65 | MlDsa87 | None => Option::None,
        }
    }

    /// For HS* the hash output length in bytes (32, 48, 64): RFC 7518 §3.2 requires a secret
    /// at least this long, which the findings code checks. `None` for other families.
    pub fn hmac_min_secret_len(self) -> Option<usize> {
        match self.family() {
            Family::Hmac => self.hash().map(hash::HashAlg::output_len),
            _ => Option::None,
        }
    }

    /// For ES* the size in bytes of the curve's scalars, which sets the length of the JWS
    /// `r || s` signature (RFC 7518 §3.4): 32 (P-256), 48 (P-384), 66 (P-521). `None` for
    /// other families. The one place the ECDSA signature shape is sized from.
    pub fn ecdsa_field_len(self) -> Option<usize> {
        self.ecdsa_curve().map(EcCurve::field_len)
    }

    /// For ES* the curve its key must be on (RFC 7518 §3.4); `None` for other families.
    pub fn ecdsa_curve(self) -> Option<EcCurve> {
        match self {
            Algorithm::ES256 => Some(EcCurve::P256),
            Algorithm::ES384 => Some(EcCurve::P384),
            Algorithm::ES512 => Some(EcCurve::P521),
            _ => Option::None,
        }
    }

    /// For ML-DSA-* the parameter set its AKP key must have (RFC 9964 section 5).
    pub fn ml_dsa_params(self) -> Option<MlDsaParams> {
        match self {
            Algorithm::MlDsa44 => Some(MlDsaParams::Ml44),
            Algorithm::MlDsa65 => Some(MlDsaParams::Ml65),
            Algorithm::MlDsa87 => Some(MlDsaParams::Ml87),
            _ => Option::None,
        }
    }

    /// Whether this algorithm may be used with a key of this kind. This is the
    /// algorithm-confusion defence: HS* only with a secret, RS*/PS* only with RSA, each ES*
    /// only with its own curve, EdDSA/Ed25519 only with Ed25519, each ML-DSA-* only with an AKP
    /// key of its own parameter set, and `none` with nothing.
    pub fn fits(self, key: KeyType) -> bool {
        use Algorithm::*;
        matches!(
            (self, key),
            (HS256 | HS384 | HS512, KeyType::Oct)
                | (RS256 | RS384 | RS512 | PS256 | PS384 | PS512, KeyType::Rsa)
                | (EdDSA | Ed25519, KeyType::Okp(OkpCurve::Ed25519))
        ) || matches!(key, KeyType::Ec(curve) if self.ecdsa_curve() == Some(curve))
            || matches!(key, KeyType::Akp(params) if self.ml_dsa_params() == Some(params))
    }

    /// `Ok(())` if [`Algorithm::fits`], else the typed mismatch error naming both sides.
    pub fn check_fits(self, key: KeyType) -> Result<(), JoseError> {
        if self == Algorithm::None {
            return Err(JoseError::AlgNoneNotAllowed);
        }
        if self.fits(key) {
            Ok(())
        } else {
            Err(JoseError::AlgorithmKeyMismatch { alg: self, key })
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = JoseError;

    /// Exact, case-sensitive match. A case-insensitive match is reported as
    /// [`JoseError::AlgorithmWrongCase`] rather than accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(alg) = Algorithm::ALL.iter().find(|a| a.as_str() == s) {
            return Ok(*alg);
        }
        if let Some(alg) = Algorithm::ALL
            .iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s))
        {
            return Err(JoseError::AlgorithmWrongCase {
                given: s.to_owned(),
                expected: alg.as_str(),
            });
        }
        Err(JoseError::UnsupportedAlgorithm { alg: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_name() {
        for alg in Algorithm::ALL {
            assert_eq!(alg.as_str().parse::<Algorithm>(), Ok(alg));
        }
    }

    #[test]
    fn wrong_case_none_is_flagged_not_accepted() {
        for s in ["NONE", "None", "nOnE"] {
            assert_eq!(
                s.parse::<Algorithm>(),
                Err(JoseError::AlgorithmWrongCase {
                    given: s.to_owned(),
                    expected: "none"
                })
            );
        }
        assert!(matches!(
            "RS1".parse::<Algorithm>(),
            Err(JoseError::UnsupportedAlgorithm { .. })
        ));
    }

    #[test]
    fn hmac_lengths_and_fit() {
        // The mismatch error carries the algorithm and the key kind as types, not text.
        let err = Algorithm::RS256
            .check_fits(KeyType::Ec(EcCurve::P256))
            .unwrap_err();
        assert_eq!(
            err,
            JoseError::AlgorithmKeyMismatch {
                alg: Algorithm::RS256,
                key: KeyType::Ec(EcCurve::P256)
            }
        );
        assert_eq!(
            err.to_string(),
            "algorithm RS256 cannot be used with a P-256 EC key"
        );
        assert_eq!(Algorithm::HS384.key_input(), KeyInput::SharedSecret);
        assert_eq!(Algorithm::None.key_input(), KeyInput::Unsecured);
        for alg in [
            Algorithm::RS256,
            Algorithm::PS512,
            Algorithm::ES384,
            Algorithm::EdDSA,
            Algorithm::Ed25519,
        ] {
            assert_eq!(alg.key_input(), KeyInput::KeyPair, "{alg}");
        }
        assert_eq!(Algorithm::ES512.ecdsa_field_len(), Some(66));
        assert_eq!(Algorithm::RS256.ecdsa_field_len(), None);
        assert_eq!(Algorithm::HS256.hmac_min_secret_len(), Some(32));
        assert_eq!(Algorithm::HS512.hmac_min_secret_len(), Some(64));
        assert_eq!(Algorithm::RS256.hmac_min_secret_len(), None);
        assert!(Algorithm::ES512.fits(KeyType::Ec(EcCurve::P521)));
        assert!(!Algorithm::ES256.fits(KeyType::Ec(EcCurve::P384)));
        assert!(!Algorithm::HS256.fits(KeyType::Rsa));
        assert!(!Algorithm::RS256.fits(KeyType::Oct));
        assert!(!Algorithm::None.fits(KeyType::Oct));
    }
}
