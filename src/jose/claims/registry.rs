//! Registered JWT claims (RFC 7519 §4.1) and JWS header parameters (RFC 7515 §4.1) as data,
//! so the UI can explain every member it shows without hard-coding text in components.

/// Where a registered member lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberKind {
    /// A JWT claim, in the payload (RFC 7519 §4.1).
    Claim,
    /// A header parameter defined by JWS, JWE or JWA themselves (RFC 7515/7516/7518), which
    /// `crit` must not list.
    Header,
    /// A registered header extension (RFC 7797 `b64`), which `crit` lists.
    HeaderExtension,
}

/// Reference text for a registered claim or header parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimInfo {
    /// The member name, e.g. `"exp"`.
    pub name: &'static str,
    /// Short title, e.g. "Expiration Time".
    pub title: &'static str,
    /// One-sentence explanation.
    pub description: &'static str,
    /// Whether the value is a NumericDate to show as a date.
    pub is_time: bool,
    /// Whether this is a claim, a header parameter, or a header extension.
    pub kind: MemberKind,
    /// The defining RFC section.
    pub reference: &'static str,
}

const fn info(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    is_time: bool,
    kind: MemberKind,
    reference: &'static str,
) -> ClaimInfo {
    ClaimInfo {
        name,
        title,
        description,
        is_time,
        kind,
        reference,
    }
}

impl ClaimInfo {
    /// Whether this is a header parameter or extension rather than a JWT claim.
    pub fn is_header(&self) -> bool {
        self.kind != MemberKind::Claim
    }
}

/// Registered JWT claims (RFC 7519 §4.1) and JWS header parameters (RFC 7515 §4.1).
pub const REGISTERED: [ClaimInfo; 28] = [
    info(
        "iss",
        "Issuer",
        "Who issued the token.",
        false,
        MemberKind::Claim,
        "RFC 7519 §4.1.1",
    ),
    info(
        "sub",
        "Subject",
        "Whom the token is about (e.g. a user or application ID).",
        false,
        MemberKind::Claim,
        "RFC 7519 §4.1.2",
    ),
    info(
        "aud",
        "Audience",
        "Who the token is meant for; a recipient must reject a token not addressed to it.",
        false,
        MemberKind::Claim,
        "RFC 7519 §4.1.3",
    ),
    info(
        "exp",
        "Expiration Time",
        "The token must not be accepted on or after this time.",
        true,
        MemberKind::Claim,
        "RFC 7519 §4.1.4",
    ),
    info(
        "nbf",
        "Not Before",
        "The token must not be accepted before this time.",
        true,
        MemberKind::Claim,
        "RFC 7519 §4.1.5",
    ),
    info(
        "iat",
        "Issued At",
        "When the token was issued.",
        true,
        MemberKind::Claim,
        "RFC 7519 §4.1.6",
    ),
    info(
        "jti",
        "JWT ID",
        "A unique identifier, used to prevent replay.",
        false,
        MemberKind::Claim,
        "RFC 7519 §4.1.7",
    ),
    info(
        "alg",
        "Algorithm",
        "The algorithm that secures the token; \"none\" means unsecured.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.1",
    ),
    info(
        "jku",
        "JWK Set URL",
        "A URL of the signer's keys. Never fetch or trust it blindly: an attacker can point it at their own keys.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.2",
    ),
    info(
        "jwk",
        "JSON Web Key",
        "The signing key embedded in the header. Trusting it lets anyone sign tokens.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.3",
    ),
    info(
        "kid",
        "Key ID",
        "Which key was used, so the verifier can pick it from a key set.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.4",
    ),
    info(
        "x5u",
        "X.509 URL",
        "A URL of the signer's certificate chain. Never fetch or trust it blindly.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.5",
    ),
    info(
        "x5c",
        "X.509 Certificate Chain",
        "The signer's certificate chain embedded in the header; only meaningful if validated against a trusted root.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.6",
    ),
    info(
        "x5t",
        "X.509 SHA-1 Thumbprint",
        "SHA-1 thumbprint of the signer's certificate.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.7",
    ),
    info(
        "x5t#S256",
        "X.509 SHA-256 Thumbprint",
        "SHA-256 thumbprint of the signer's certificate.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.8",
    ),
    info(
        "typ",
        "Type",
        "The media type of the whole token, usually \"JWT\".",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.9",
    ),
    info(
        "cty",
        "Content Type",
        "The media type of the payload; \"JWT\" means a nested token.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.10",
    ),
    info(
        "crit",
        "Critical",
        "Extensions the verifier must understand, or reject the token.",
        false,
        MemberKind::Header,
        "RFC 7515 §4.1.11",
    ),
    info(
        "b64",
        "Base64url-Encode Payload",
        "false means the payload is signed and sent as it is, not base64url-encoded (RFC 7797); crit must list it.",
        false,
        MemberKind::HeaderExtension,
        "RFC 7797 §3",
    ),
    info(
        "enc",
        "Encryption Algorithm",
        "The content encryption algorithm of an encrypted token (JWE).",
        false,
        MemberKind::Header,
        "RFC 7516 §4.1.2",
    ),
    info(
        "zip",
        "Compression Algorithm",
        "\"DEF\" means the plaintext was compressed before encryption.",
        false,
        MemberKind::Header,
        "RFC 7516 §4.1.3",
    ),
    info(
        "epk",
        "Ephemeral Public Key",
        "The sender's one-time public key for ECDH-ES key agreement.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.6.1.1",
    ),
    info(
        "apu",
        "Agreement PartyUInfo",
        "Information about the producer, mixed into the ECDH-ES key derivation.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.6.1.2",
    ),
    info(
        "apv",
        "Agreement PartyVInfo",
        "Information about the recipient, mixed into the ECDH-ES key derivation.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.6.1.3",
    ),
    info(
        "iv",
        "Initialization Vector",
        "The IV used to encrypt the content key with AES-GCM key wrapping.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.7.1.1",
    ),
    info(
        "tag",
        "Authentication Tag",
        "The tag of the AES-GCM key wrapping of the content key.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.7.1.2",
    ),
    info(
        "p2s",
        "PBES2 Salt Input",
        "The salt input of a password-based key encryption.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.8.1.1",
    ),
    info(
        "p2c",
        "PBES2 Count",
        "The PBKDF2 iteration count of a password-based key encryption.",
        false,
        MemberKind::Header,
        "RFC 7518 §4.8.1.2",
    ),
];

/// Looks up a registered claim or header parameter by exact name.
pub fn registered_claim_info(name: &str) -> Option<ClaimInfo> {
    REGISTERED.iter().find(|c| c.name == name).copied()
}

/// A registered JWT claim (a payload member) by exact name: a payload member named like a
/// header parameter (`kid`, `alg`) is not explained as one.
pub fn payload_claim_info(name: &str) -> Option<ClaimInfo> {
    registered_claim_info(name).filter(|c| c.kind == MemberKind::Claim)
}

/// A registered header parameter or extension by exact name.
pub fn header_parameter_info(name: &str) -> Option<ClaimInfo> {
    registered_claim_info(name).filter(ClaimInfo::is_header)
}
