//! The Policy region's side of "will the server accept it?" (issue 17): the form as typed, the
//! [`Policy`] it means, and the judgement, which runs in the worker (`jose::policy`: the
//! evaluation verifies a DPoP proof's own key and writes the exported code, none of which the
//! first view needs). The page sends the token, the policy, what its own verification found and
//! the moment; the worker answers with the report and the code.

use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

use crate::app::engine::remote::{self, EngineAnswer, EngineOp};
use crate::jose::policy::export::ExportTarget;
use crate::jose::policy::{
    DpopRules, Policy, PolicyReport, Preset, PresetInputs, SignatureFacts, parse_instant,
    proof_facts,
};
use crate::jose::sdjwt;
use crate::jose::token::{self, Token};

/// The Policy region's fields, as typed. It holds no key or secret; the DPoP access token it
/// may hold is never shared (see [`PolicyForm::shareable`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PolicyForm {
    /// Whether the region is open (it is collapsed until opened).
    pub open: bool,
    /// The preset chosen last (its id), or empty for a policy typed by hand.
    pub preset: String,
    /// Amplify: the Application ID, which is the expected `iss`, `sub` and `aud`.
    pub application_id: String,
    /// Allowed algorithms, separated by commas or spaces.
    pub algorithms: String,
    /// Expected issuer.
    pub issuer: String,
    /// Expected audiences (any one), separated by commas or spaces.
    pub audience: String,
    /// Expected subject.
    pub subject: String,
    /// Expected `typ`.
    pub typ: String,
    /// Required claims, separated by commas or spaces.
    pub required: String,
    /// Leeway in seconds.
    pub leeway: String,
    /// Maximum lifetime in seconds.
    pub max_lifetime: String,
    /// Whether a `kid` naming the verification key is required.
    pub require_kid: bool,
    /// Expected `nonce`.
    pub nonce: String,
    /// DPoP: the request's method.
    pub htm: String,
    /// DPoP: the request's URI.
    pub htu: String,
    /// DPoP: the access token the proof goes with (a bearer credential: never shared).
    pub access_token: String,
    /// `Evaluate at`: Unix seconds or RFC 3339; empty for now.
    pub at: String,
    /// `Export as`: an [`ExportTarget`] id.
    pub export: String,
}

impl std::fmt::Debug for PolicyForm {
    // The access token is a bearer credential.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PolicyForm")
            .field("open", &self.open)
            .field("preset", &self.preset)
            .finish_non_exhaustive()
    }
}

/// Words of a list field: split on commas and whitespace.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A text field: `None` when blank.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A whole number of seconds, or why the field is not one.
fn seconds(value: &str, field: &str) -> Result<Option<u64>, String> {
    match text(value) {
        None => Ok(None),
        Some(v) => v
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{field} must be a whole number of seconds, not {v:?}")),
    }
}

impl PolicyForm {
    /// The policy the fields mean, or why they mean none (a number field that is not one).
    pub fn policy(&self) -> Result<Policy, String> {
        let dpop = DpopRules {
            htm: text(&self.htm),
            htu: text(&self.htu),
            access_token: text(&self.access_token),
        };
        Ok(Policy {
            preset: text(&self.preset),
            algorithms: words(&self.algorithms),
            issuer: text(&self.issuer),
            audience: words(&self.audience),
            subject: text(&self.subject),
            typ: text(&self.typ),
            required_claims: words(&self.required),
            leeway: seconds(&self.leeway, "Leeway (seconds)")?.unwrap_or(0),
            max_lifetime: seconds(&self.max_lifetime, "Maximum lifetime (seconds)")?,
            require_kid: self.require_kid,
            nonce: text(&self.nonce),
            dpop: (dpop != DpopRules::default()).then_some(dpop),
        })
    }

    /// The fields of `policy` (a preset's, or one loaded from a share link), keeping what the
    /// form has besides the rules (open, the moment, the export target, the Application ID).
    pub fn with_policy(&self, policy: &Policy) -> PolicyForm {
        let dpop = policy.dpop.clone().unwrap_or_default();
        PolicyForm {
            preset: policy.preset.clone().unwrap_or_default(),
            algorithms: policy.algorithms.join(", "),
            issuer: policy.issuer.clone().unwrap_or_default(),
            audience: policy.audience.join(", "),
            subject: policy.subject.clone().unwrap_or_default(),
            typ: policy.typ.clone().unwrap_or_default(),
            required: policy.required_claims.join(", "),
            // No leeway shows as an empty box, not "0".
            leeway: if policy.leeway > 0 {
                policy.leeway.to_string()
            } else {
                String::new()
            },
            max_lifetime: policy
                .max_lifetime
                .map(|s| s.to_string())
                .unwrap_or_default(),
            require_kid: policy.require_kid,
            nonce: policy.nonce.clone().unwrap_or_default(),
            htm: dpop.htm.unwrap_or_default(),
            htu: dpop.htu.unwrap_or_default(),
            access_token: dpop.access_token.unwrap_or_default(),
            ..self.clone()
        }
    }

    /// The form with preset `id` applied: its rules, filled from the fields already typed
    /// (Application ID; issuer and audience; nonce; the DPoP request). An input the preset
    /// cannot do without and that is not typed yet shows as a placeholder to replace, so the
    /// judgement says what is missing rather than nothing happening.
    pub fn with_preset(&self, id: &str) -> PolicyForm {
        let Some(preset) = Preset::from_id(id) else {
            return PolicyForm {
                preset: String::new(),
                ..self.clone()
            };
        };
        let or = |value: &str, placeholder: &str| {
            Some(text(value).unwrap_or_else(|| placeholder.to_owned()))
        };
        let inputs = PresetInputs {
            application_id: or(&self.application_id, "your-application-id"),
            issuer: or(&self.issuer, "https://issuer.example"),
            audience: or(
                words(&self.audience).first().map_or("", String::as_str),
                "your-client-id",
            ),
            nonce: text(&self.nonce),
            dpop: DpopRules {
                htm: or(&self.htm, "GET"),
                htu: or(&self.htu, "https://api.example/resource"),
                access_token: text(&self.access_token),
            },
        };
        match preset.policy(&inputs) {
            Ok(policy) => PolicyForm {
                application_id: inputs.application_id.unwrap_or_default(),
                ..self.with_policy(&policy)
            },
            Err(_) => self.clone(),
        }
    }

    /// Amplify's Application ID typed: it is the expected `iss`, `sub` and `aud`.
    pub fn with_application_id(&self, id: String) -> PolicyForm {
        PolicyForm {
            issuer: id.clone(),
            subject: id.clone(),
            audience: id.clone(),
            application_id: id,
            ..self.clone()
        }
    }

    /// The policy to copy or put in a share link: the rules without the DPoP access token
    /// (a bearer credential never leaves the page).
    pub fn shareable(&self) -> Result<Policy, String> {
        let mut policy = self.policy()?;
        if let Some(dpop) = &mut policy.dpop {
            dpop.access_token = None;
        }
        Ok(policy)
    }

    /// The policy's compact JSON for a share link: only while the region is open and the policy
    /// states a rule.
    pub fn share_json(&self) -> Option<String> {
        let policy = self.shareable().ok().filter(|_| self.open)?;
        let empty = Policy {
            preset: policy.preset.clone(),
            ..Policy::default()
        };
        (policy != empty).then(|| serde_json::to_string(&policy).unwrap_or_default())
    }

    /// The export target chosen (PyJWT by default).
    pub fn export_target(&self) -> ExportTarget {
        ExportTarget::from_id(&self.export).unwrap_or(ExportTarget::PyJwt)
    }
}

/// What the worker answers: the judgement and the exported code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyAnswer {
    /// The report, rule by rule.
    pub report: PolicyReport,
    /// The program fragment for the chosen library, or why there is none.
    pub code: Result<String, String>,
    /// The moment judged, Unix seconds (`Evaluate at`, or the page's clock).
    pub at: i64,
}

/// What the page sends the worker to judge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyQuestion {
    /// The compact JWS on screen.
    pub token: String,
    /// The policy.
    pub policy: Policy,
    /// What the page's verification found.
    pub verified: bool,
    /// The verdict as shown.
    pub detail: String,
    /// The `kid` of the key that verified, when known.
    pub key_kid: Option<String>,
    /// `Evaluate at` as typed (empty: `now`).
    pub at: String,
    /// The page's clock, Unix seconds.
    pub now: i64,
    /// The export target's id.
    pub export: String,
}

/// The page's side: the worker's judgement of `question`, or why there is none.
pub async fn judge(question: PolicyQuestion) -> Result<PolicyAnswer, String> {
    match remote::call_for_page(EngineOp::JudgePolicy(Box::new(question))).await? {
        EngineAnswer::Policy(answer) => Ok(*answer),
        other => Err(remote::unexpected(other).to_string()),
    }
}

/// The worker's side: parses the token and the moment, then [`crate::jose::policy::evaluate`]
/// and [`crate::jose::policy::export::export`].
pub fn judge_in_worker(question: &PolicyQuestion) -> Result<PolicyAnswer, String> {
    let at = match text(&question.at) {
        Some(at) => parse_instant(&at).map_err(|e| e.to_string())?,
        None => question.now,
    };
    question.policy.validate().map_err(|e| e.to_string())?;
    let token = match token::parse(question.token.trim()) {
        Ok(Token::Jws(jws)) => jws,
        // An SD-JWT is judged on what its verifier sees: the claims with the disclosures in.
        Ok(Token::SdJwt(sd)) => sdjwt::parse(&sd.text)
            .map_err(|e| e.to_string())?
            .processed_issuer(),
        Ok(Token::Jwe(_)) => {
            return Err("decrypt the JWE first: the policy judges the signed token inside".into());
        }
        Err(e) => return Err(e.to_string()),
    };
    // A DPoP proof is verified with its own jwk header, as a server does, not the key box's.
    let facts = match question.policy.dpop {
        Some(_) => proof_facts(&token),
        None => SignatureFacts {
            verified: question.verified,
            detail: question.detail.clone(),
            key_kid: question.key_kid.clone(),
        },
    };
    let report = crate::jose::policy::evaluate(&question.policy, &token, &facts, at);
    let target = ExportTarget::from_id(&question.export).unwrap_or(ExportTarget::PyJwt);
    let code =
        crate::jose::policy::export::export(&question.policy, target).map_err(|e| e.to_string());
    Ok(PolicyAnswer { report, code, at })
}
