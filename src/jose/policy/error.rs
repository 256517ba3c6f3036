//! Why a policy, a preset's inputs or a moment to judge at cannot be used.

use thiserror::Error;

/// A policy that cannot be used as given: unreadable JSON, or a rule no server could mean.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The text is not a policy (not JSON, an unknown member, a value of the wrong type).
    #[error("the policy cannot be read: {reason}")]
    Json {
        /// serde's reason, with the line and column.
        reason: String,
    },
    /// A value that must say something is empty (an issuer `""`, an audience `""`…).
    #[error("the policy's {field} is empty")]
    Empty {
        /// The member, as the JSON names it (`issuer`, `audience`, `required_claims`…).
        field: &'static str,
    },
    /// A leeway longer than [`super::MAX_LEEWAY_SECS`]: no server allows that much clock skew.
    #[error("a leeway of {leeway} s is absurd; at most {max} s (one day) is accepted")]
    LeewayTooLarge {
        /// The leeway given, in seconds.
        leeway: u64,
        /// The largest accepted, in seconds.
        max: u64,
    },
    /// A maximum lifetime of zero (no token could pass) or beyond [`super::MAX_LIFETIME_SECS`].
    #[error("a maximum lifetime of {given} s is not usable: give 1 to {max} seconds")]
    MaxLifetimeOutOfRange {
        /// The maximum lifetime given, in seconds.
        given: u64,
        /// The largest accepted, in seconds.
        max: u64,
    },
    /// An allowed algorithm that is not a JWS algorithm name (the core's error says why).
    #[error("the allowed algorithm {name:?} is not usable: {reason}")]
    Algorithm {
        /// The name as given.
        name: String,
        /// Why it is refused (unknown, wrong case).
        reason: String,
    },
    /// `none` among the allowed algorithms: an unsigned token is never accepted.
    #[error("\"none\" cannot be an allowed algorithm: unsigned tokens are never accepted")]
    AlgNone,
    /// A `preset` other than the [`super::Preset`] ids.
    #[error("unknown preset {id:?}; the presets are amplify, oidc, rfc9068 and dpop")]
    UnknownPreset {
        /// The id as given.
        id: String,
    },
    /// A preset needs an input that was not given (the Application ID, the issuer…).
    #[error("the {preset} preset needs {input}")]
    MissingPresetInput {
        /// The preset's label.
        preset: &'static str,
        /// What is missing, for the user ("the Application ID").
        input: &'static str,
    },
    /// A DPoP `htu` that is not an absolute http(s) URI.
    #[error("the expected htu {htu:?} is not an absolute http:// or https:// URI")]
    HtuNotHttp {
        /// The URI as given.
        htu: String,
    },
    /// A moment that is neither Unix seconds nor an RFC 3339 date and time.
    #[error(
        "{text:?} is not a moment: {reason} (give Unix seconds or RFC 3339, e.g. 2026-12-02T10:00:00Z)"
    )]
    Instant {
        /// The text as given.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}
