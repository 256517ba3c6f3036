//! "Will the server accept it?" (issue 17): a verification [`Policy`] (algorithm, issuer,
//! audience, subject, `typ`, required claims, lifetime, clock skew, `kid`, DPoP), the gateway
//! [`Preset`]s that fill one, and [`evaluate`], which judges a decoded token rule by rule at a
//! given moment.
//!
//! Where each behaviour lives:
//! - `model.rs`: the policy as data (the JSON the page copies and `verify --policy` reads);
//!   `validate.rs`: reading that JSON and refusing absurd policies ([`PolicyError`]).
//! - `preset.rs`: Axway Amplify Central, OpenID Connect, RFC 9068 and DPoP.
//! - `evaluate.rs`: the header and claim rules; `times.rs`: `exp`, `nbf`, `iat`, the lifetime
//!   (read with the core's [`crate::jose::claims::check_times`], so the policy and the claims
//!   table never disagree on a date); `dpop.rs`: the proof rules of RFC 9449.
//! - `report.rs`: what a judgement says ([`PolicyReport`], [`RuleOutcome`]) and what it is told
//!   about the signature ([`SignatureFacts`]).
//! - `instant.rs`: the moment to judge at, as Unix seconds or RFC 3339 text.
//! - `export/`: the policy as a program fragment for a JWT library (`Export as`).
//!
//! Like the rest of the core, nothing here reads a clock: the moment is a parameter.

mod dpop;
mod error;
mod evaluate;
pub mod export;
mod instant;
mod model;
mod preset;
mod report;
mod times;
mod validate;

pub use dpop::{
    DPOP_MAX_AGE_SECS, ProofKeyError, access_token_hash, normalize_htu, proof_facts, proof_key,
};
pub use error::PolicyError;
pub use evaluate::{evaluate, media_type_eq, static_rules};
pub use instant::{days_from_civil, parse_instant};
pub use model::{DpopRules, Policy};
pub use preset::{Preset, PresetInputs};
pub use report::{PolicyReport, RuleOutcome, SignatureFacts};
pub use times::time_rules;
pub use validate::{MAX_LEEWAY_SECS, MAX_LIFETIME_SECS};
