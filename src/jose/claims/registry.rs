//! Registered JWT claims (RFC 7519 §4.1) and JWS header parameters (RFC 7515 §4.1) as data,
//! so the UI can explain every member it shows without hard-coding text in components.

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
    /// Whether this is a JOSE header parameter (RFC 7515 §4.1) rather than a JWT claim.
    pub is_header: bool,
    /// The defining RFC section.
    pub reference: &'static str,
}

const fn info(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    is_time: bool,
    is_header: bool,
    reference: &'static str,
) -> ClaimInfo {
    ClaimInfo {
        name,
        title,
        description,
        is_time,
        is_header,
        reference,
    }
}

/// Registered JWT claims (RFC 7519 §4.1) and JWS header parameters (RFC 7515 §4.1).
pub const REGISTERED: [ClaimInfo; 19] = [
    info(
        "iss",
        "Issuer",
        "Who issued the token.",
        false,
        false,
        "RFC 7519 §4.1.1",
    ),
    info(
        "sub",
        "Subject",
        "Whom the token is about (e.g. a user or application ID).",
        false,
        false,
        "RFC 7519 §4.1.2",
    ),
    info(
        "aud",
        "Audience",
        "Who the token is meant for; a recipient must reject a token not addressed to it.",
        false,
        false,
        "RFC 7519 §4.1.3",
    ),
    info(
        "exp",
        "Expiration Time",
        "The token must not be accepted on or after this time.",
        true,
        false,
        "RFC 7519 §4.1.4",
    ),
    info(
        "nbf",
        "Not Before",
        "The token must not be accepted before this time.",
        true,
        false,
        "RFC 7519 §4.1.5",
    ),
    info(
        "iat",
        "Issued At",
        "When the token was issued.",
        true,
        false,
        "RFC 7519 §4.1.6",
    ),
    info(
        "jti",
        "JWT ID",
        "A unique identifier, used to prevent replay.",
        false,
        false,
        "RFC 7519 §4.1.7",
    ),
    info(
        "alg",
        "Algorithm",
        "The algorithm that secures the token; \"none\" means unsecured.",
        false,
        true,
        "RFC 7515 §4.1.1",
    ),
    info(
        "jku",
        "JWK Set URL",
        "A URL of the signer's keys. Never fetch or trust it blindly: an attacker can point it at their own keys.",
        false,
        true,
        "RFC 7515 §4.1.2",
    ),
    info(
        "jwk",
        "JSON Web Key",
        "The signing key embedded in the header. Trusting it lets anyone sign tokens.",
        false,
        true,
        "RFC 7515 §4.1.3",
    ),
    info(
        "kid",
        "Key ID",
        "Which key was used, so the verifier can pick it from a key set.",
        false,
        true,
        "RFC 7515 §4.1.4",
    ),
    info(
        "x5u",
        "X.509 URL",
        "A URL of the signer's certificate chain. Never fetch or trust it blindly.",
        false,
        true,
        "RFC 7515 §4.1.5",
    ),
    info(
        "x5c",
        "X.509 Certificate Chain",
        "The signer's certificate chain embedded in the header; only meaningful if validated against a trusted root.",
        false,
        true,
        "RFC 7515 §4.1.6",
    ),
    info(
        "x5t",
        "X.509 SHA-1 Thumbprint",
        "SHA-1 thumbprint of the signer's certificate.",
        false,
        true,
        "RFC 7515 §4.1.7",
    ),
    info(
        "x5t#S256",
        "X.509 SHA-256 Thumbprint",
        "SHA-256 thumbprint of the signer's certificate.",
        false,
        true,
        "RFC 7515 §4.1.8",
    ),
    info(
        "typ",
        "Type",
        "The media type of the whole token, usually \"JWT\".",
        false,
        true,
        "RFC 7515 §4.1.9",
    ),
    info(
        "cty",
        "Content Type",
        "The media type of the payload; \"JWT\" means a nested token.",
        false,
        true,
        "RFC 7515 §4.1.10",
    ),
    info(
        "crit",
        "Critical",
        "Extensions the verifier must understand, or reject the token.",
        false,
        true,
        "RFC 7515 §4.1.11",
    ),
    info(
        "b64",
        "Base64url-Encode Payload",
        "false means the payload is not base64url-encoded (RFC 7797); not supported here.",
        false,
        true,
        "RFC 7797 §3",
    ),
];

/// Looks up a registered claim or header parameter by exact name.
pub fn registered_claim_info(name: &str) -> Option<ClaimInfo> {
    REGISTERED.iter().find(|c| c.name == name).copied()
}
