//! The stable ids of the finding kinds, for tests, CSS classes and the page's `data-finding`.

use super::details::KeyHeader;
use super::kinds::FindingKind;

impl FindingKind {
    /// Every id [`FindingKind::id`] can return, in declaration order. The tests check that
    /// each is triggered by some token and that no other id appears: add new ids here.
    pub const IDS: [&'static str; 37] = [
        "alg-none",
        "alg-missing",
        "alg-not-string",
        "alg-wrong-case",
        "crit",
        "crit-invalid",
        "header-jku",
        "header-x5u",
        "header-jwk",
        "header-x5c",
        "kid-suspicious",
        "typ-unusual",
        "token-repaired",
        "claim-not-numeric",
        "exp-missing",
        "exp-before-iat",
        "lifetime-long",
        "nbf-future",
        "expired",
        "iat-future",
        "ecdsa-der",
        "ecdsa-sig-length",
        "ecdsa-zero",
        "hmac-secret-short",
        "rsa-key-small",
        "alg-key-mismatch",
        "duplicate-member",
        "signature-empty",
        "key-self-vouching",
        "key-alg-differs",
        "demo-key",
        "jwe-rsa1_5",
        "jwe-p2c",
        "jwe-zip",
        "jwe-epk-invalid",
        "jwe-key-length",
        "jwe-nested-no-cty",
    ];

    /// A stable identifier such as `"alg-none"` or `"header-jku"`, for tests and CSS classes.
    pub fn id(&self) -> &'static str {
        use FindingKind::*;
        match self {
            AlgNone { .. } => "alg-none",
            AlgMissing => "alg-missing",
            AlgNotString { .. } => "alg-not-string",
            AlgWrongCase { .. } => "alg-wrong-case",
            CritPresent { .. } => "crit",
            CritInvalid { .. } => "crit-invalid",
            KeyHeaderPresent { header } => match header {
                KeyHeader::Jku => "header-jku",
                KeyHeader::X5u => "header-x5u",
                KeyHeader::Jwk => "header-jwk",
                KeyHeader::X5c => "header-x5c",
            },
            SuspiciousKid { .. } => "kid-suspicious",
            UnusualTyp { .. } => "typ-unusual",
            TokenRepaired { .. } => "token-repaired",
            ClaimNotNumeric { .. } => "claim-not-numeric",
            ExpMissing => "exp-missing",
            ExpNotAfterIat { .. } => "exp-before-iat",
            LongLifetime { .. } => "lifetime-long",
            NotYetValid { .. } => "nbf-future",
            Expired { .. } => "expired",
            IatInFuture { .. } => "iat-future",
            EcdsaSignatureDer { .. } => "ecdsa-der",
            EcdsaSignatureLength { .. } => "ecdsa-sig-length",
            EcdsaZeroComponent { .. } => "ecdsa-zero",
            HmacSecretTooShort { .. } => "hmac-secret-short",
            RsaKeyTooSmall { .. } => "rsa-key-small",
            AlgKeyMismatch { .. } => "alg-key-mismatch",
            DuplicateMember { .. } => "duplicate-member",
            SignatureEmpty { .. } => "signature-empty",
            SelfVouchingKey { .. } => "key-self-vouching",
            KeyAlgDiffers { .. } => "key-alg-differs",
            DemoKey => "demo-key",
            JweRsa1_5 => "jwe-rsa1_5",
            JwePbes2Count { .. } => "jwe-p2c",
            JweCompressed { .. } => "jwe-zip",
            JweEpkInvalid { .. } => "jwe-epk-invalid",
            JweKeyLength { .. } => "jwe-key-length",
            JweNestedWithoutCty => "jwe-nested-no-cty",
        }
    }
}
