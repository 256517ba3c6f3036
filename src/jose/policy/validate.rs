//! Reading a policy's JSON and refusing policies no server could mean: an empty issuer or
//! audience, an unknown algorithm or `none`, a leeway of a year, a zero maximum lifetime.

use super::dpop::normalize_htu;
use super::{Policy, PolicyError, Preset};
use crate::jose::Algorithm;

/// The longest leeway accepted: one day. Libraries default to 0 and servers allow seconds to
/// minutes of clock skew; more than a day would hide an expired token rather than a skewed clock.
pub const MAX_LEEWAY_SECS: u64 = 86_400;

/// The longest maximum lifetime accepted: 100 years, far beyond any token, and small enough
/// that every time computation stays inside `i64`.
pub const MAX_LIFETIME_SECS: u64 = 100 * 365 * 86_400;

impl Policy {
    /// Reads a policy's JSON object (unknown members refused) and [`Policy::validate`]s it.
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        // serde also reads a struct from an array of its members in order: a policy is an object.
        if !text.trim_start().starts_with('{') {
            return Err(PolicyError::Json {
                reason: "a policy is a JSON object, like {\"issuer\": \"…\"}".to_owned(),
            });
        }
        let policy: Policy = serde_json::from_str(text).map_err(|e| PolicyError::Json {
            reason: e.to_string(),
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as pretty JSON, absent rules left out: what `Copy policy` copies and
    /// `verify --policy` reads.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and lists cannot fail; an empty text would be
        // refused by `from_json` rather than mistaken for a policy.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Refuses a policy that cannot be meant: an unknown preset id, an empty value, an allowed
    /// algorithm that is not a JWS name or is `none`, a leeway over [`MAX_LEEWAY_SECS`], a
    /// maximum lifetime of 0 or over [`MAX_LIFETIME_SECS`], a DPoP `htu` that is not an
    /// absolute http(s) URI.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if let Some(id) = &self.preset {
            Preset::from_id(id).ok_or_else(|| PolicyError::UnknownPreset { id: id.clone() })?;
        }
        self.allowed_algorithms()?;
        for (field, value) in [
            ("issuer", &self.issuer),
            ("subject", &self.subject),
            ("type", &self.typ),
            ("nonce", &self.nonce),
        ] {
            if let Some(value) = value {
                non_blank(field, value)?;
            }
        }
        for (field, values) in [
            ("audience", &self.audience),
            ("required_claims", &self.required_claims),
        ] {
            values.iter().try_for_each(|v| non_blank(field, v))?;
        }
        if self.leeway > MAX_LEEWAY_SECS {
            return Err(PolicyError::LeewayTooLarge {
                leeway: self.leeway,
                max: MAX_LEEWAY_SECS,
            });
        }
        if let Some(given) = self.max_lifetime
            && !(1..=MAX_LIFETIME_SECS).contains(&given)
        {
            return Err(PolicyError::MaxLifetimeOutOfRange {
                given,
                max: MAX_LIFETIME_SECS,
            });
        }
        self.validate_dpop()
    }

    fn validate_dpop(&self) -> Result<(), PolicyError> {
        let Some(dpop) = &self.dpop else {
            return Ok(());
        };
        for (field, value) in [
            ("dpop.htm", &dpop.htm),
            ("dpop.htu", &dpop.htu),
            ("dpop.access_token", &dpop.access_token),
        ] {
            if let Some(value) = value {
                non_blank(field, value)?;
            }
        }
        match &dpop.htu {
            Some(htu) if normalize_htu(htu).is_none() => {
                Err(PolicyError::HtuNotHttp { htu: htu.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The allowed algorithms, parsed by the core (exact JWS names); `none` is refused.
    pub fn allowed_algorithms(&self) -> Result<Vec<Algorithm>, PolicyError> {
        self.algorithms
            .iter()
            .map(|name| {
                non_blank("algorithms", name)?;
                match name.parse::<Algorithm>() {
                    Ok(Algorithm::None) => Err(PolicyError::AlgNone),
                    Ok(alg) => Ok(alg),
                    Err(e) => Err(PolicyError::Algorithm {
                        name: name.clone(),
                        reason: e.to_string(),
                    }),
                }
            })
            .collect()
    }

    /// The leeway as the signed seconds the time arithmetic uses (a validated policy's leeway
    /// always fits; a larger one is capped at [`MAX_LEEWAY_SECS`]).
    pub fn leeway_secs(&self) -> i64 {
        i64::try_from(self.leeway.min(MAX_LEEWAY_SECS)).unwrap_or(0)
    }
}

/// Refuses an empty or whitespace-only value: it would match nothing, or everything.
fn non_blank(field: &'static str, value: &str) -> Result<(), PolicyError> {
    if value.trim().is_empty() {
        Err(PolicyError::Empty { field })
    } else {
        Ok(())
    }
}
