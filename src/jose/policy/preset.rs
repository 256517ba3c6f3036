//! The policy presets: what a given kind of server checks, filled from a few inputs (the
//! Application ID, the issuer, the client id, the request a DPoP proof is for).

use super::{DpopRules, Policy, PolicyError};

/// A kind of server whose checks a policy can be filled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Axway Amplify Central: RS256, a `kid` naming the registered key, and
    /// `iss = sub = aud` = the Application ID.
    Amplify,
    /// An OpenID Connect ID token (OpenID Connect Core 1.0 section 3.1.3.7).
    Oidc,
    /// An OAuth 2.0 access token in JWT format (RFC 9068 section 4).
    Rfc9068,
    /// A DPoP proof (RFC 9449 section 4.3).
    Dpop,
}

impl Preset {
    /// Every preset, in the order the page lists them.
    pub const ALL: [Preset; 4] = [Preset::Amplify, Preset::Oidc, Preset::Rfc9068, Preset::Dpop];

    /// The stable id, as in the policy JSON's `preset`.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Amplify => "amplify",
            Preset::Oidc => "oidc",
            Preset::Rfc9068 => "rfc9068",
            Preset::Dpop => "dpop",
        }
    }

    /// The name shown in the `Policy preset` select.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Amplify => "Axway Amplify Central",
            Preset::Oidc => "OpenID Connect ID token",
            Preset::Rfc9068 => "OAuth 2.0 access token (RFC 9068)",
            Preset::Dpop => "DPoP proof (RFC 9449)",
        }
    }

    /// The preset with this [`Preset::id`].
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The policy this preset checks, from `inputs` (blank inputs count as not given). Fails
    /// when an input the preset cannot do without is missing (Amplify's Application ID; the
    /// issuer and audience of OIDC and RFC 9068), or when the result does not
    /// [`Policy::validate`] (a DPoP `htu` that is not an http(s) URI).
    pub fn policy(self, inputs: &PresetInputs) -> Result<Policy, PolicyError> {
        let needed = |value: &Option<String>, input| {
            given(value).ok_or(PolicyError::MissingPresetInput {
                preset: self.label(),
                input,
            })
        };
        let mut policy = Policy {
            preset: Some(self.id().to_owned()),
            ..Policy::default()
        };
        match self {
            Preset::Amplify => {
                let app = needed(&inputs.application_id, "the Application ID")?;
                policy.algorithms = vec!["RS256".to_owned()];
                policy.require_kid = true;
                policy.issuer = Some(app.clone());
                policy.subject = Some(app.clone());
                policy.audience = vec![app];
                policy.required_claims = claims(&["exp", "iat"]);
            }
            Preset::Oidc => {
                policy.issuer = Some(needed(&inputs.issuer, "the issuer")?);
                policy.audience = vec![needed(&inputs.audience, "the client id (audience)")?];
                policy.required_claims = claims(&["iss", "sub", "aud", "exp", "iat"]);
                policy.nonce = given(&inputs.nonce);
            }
            Preset::Rfc9068 => {
                policy.typ = Some("at+jwt".to_owned());
                policy.issuer = Some(needed(&inputs.issuer, "the issuer")?);
                policy.audience = vec![needed(&inputs.audience, "the audience")?];
                policy.required_claims =
                    claims(&["iss", "exp", "aud", "sub", "client_id", "iat", "jti"]);
            }
            Preset::Dpop => {
                policy.typ = Some("dpop+jwt".to_owned());
                policy.required_claims = claims(&["jti", "htm", "htu", "iat"]);
                policy.dpop = Some(DpopRules {
                    htm: given(&inputs.dpop.htm),
                    htu: given(&inputs.dpop.htu),
                    access_token: given(&inputs.dpop.access_token),
                });
            }
        }
        policy.validate()?;
        Ok(policy)
    }
}

/// What the presets are filled from; each preset reads the inputs it needs. Its `Debug` never
/// prints the access token (a bearer credential): [`DpopRules`]' `Debug` redacts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PresetInputs {
    /// Amplify: the Application ID (`iss`, `sub` and `aud`).
    pub application_id: Option<String>,
    /// OIDC and RFC 9068: the expected `iss`.
    pub issuer: Option<String>,
    /// OIDC: the client id; RFC 9068: the resource server's identifier. The expected `aud`.
    pub audience: Option<String>,
    /// OIDC: the nonce sent in the authentication request, when one was.
    pub nonce: Option<String>,
    /// DPoP: the request's method and URI and the access token sent with the proof (blank ones
    /// are left out of the policy).
    pub dpop: DpopRules,
}

/// The input, unless it is absent or blank.
fn given(value: &Option<String>) -> Option<String> {
    value.as_ref().filter(|v| !v.trim().is_empty()).cloned()
}

fn claims(names: &[&str]) -> Vec<String> {
    names.iter().map(|&n| n.to_owned()).collect()
}
