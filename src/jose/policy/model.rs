//! What a verification policy says: the rules a server applies besides the signature (issue 17).
//! It is plain data, shared as JSON by the page (`Copy policy`, the URL fragment) and the
//! command line (`verify --policy FILE`): never a key or a secret.

use serde::{Deserialize, Serialize};

/// A verification policy. Every member is optional in the JSON; an absent rule is not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// The preset this policy was made from (`"amplify"`, `"oidc"`, `"rfc9068"`, `"dpop"`), for
    /// display and code export; the rules themselves are the members below.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The `alg` values accepted (exact JWS names); empty: any the tool verifies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub algorithms: Vec<String>,
    /// The expected `iss`, compared exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The expected audiences: the token's `aud` (a string or an array) must hold one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// The expected `sub`, compared exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The expected header `typ`, compared as RFC 8725 section 3.11 says: case-insensitively,
    /// with the `application/` prefix optional.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Claims that must be present (whatever their value).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required_claims: Vec<String>,
    /// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds.
    #[serde(skip_serializing_if = "is_zero")]
    pub leeway: u64,
    /// The longest accepted lifetime `exp - iat`, in seconds (needs both claims).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_lifetime: Option<u64>,
    /// The header must have a `kid`, and it must name the verification key (the `kid` of the
    /// JWK or JWKS entry it was verified with).
    #[serde(skip_serializing_if = "is_false")]
    pub require_kid: bool,
    /// The expected `nonce` (OpenID Connect ID tokens).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// DPoP proof rules (RFC 9449), when the token is a proof.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpop: Option<DpopRules>,
}

/// The rules of a DPoP proof (RFC 9449 section 4.3) besides `typ`, `iat` and `jti`, which the
/// preset puts in the policy's own members. Its `Debug` never prints the access token (a bearer
/// credential).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DpopRules {
    /// The expected `htm` (the HTTP method), compared exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub htm: Option<String>,
    /// The expected `htu` (the request URI without query and fragment), compared after the
    /// normalization of RFC 9449 section 4.3 step 9 (scheme and host case-insensitive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub htu: Option<String>,
    /// The access token the proof is sent with: `ath` must be its SHA-256, base64url.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
}

impl std::fmt::Debug for DpopRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DpopRules")
            .field("htm", &self.htm)
            .field("htu", &self.htu)
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "redacted"),
            )
            .finish()
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}
