//! What a judgement says ([`PolicyReport`]: accepted or not, rule by rule) and what it is told
//! about the signature ([`SignatureFacts`]: the verdict the caller already has).

use serde::{Deserialize, Serialize};

use crate::jose::algorithm::KeyInput;
use crate::jose::keys::KeyCandidate;
use crate::jose::token::DecodedToken;
use crate::jose::verdict::SignatureStatus;
use crate::jose::verify::candidate_keys;

/// One rule's outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutcome {
    /// The stable rule id: `signature`, `alg`, `kid`, `typ`, `iss`, `sub`, `aud`, `nonce`,
    /// `required:<claim>`, `dpop-jwk`, `htm`, `htu`, `ath`, `exp`, `nbf`, `iat`, `lifetime`,
    /// `dpop-age`.
    pub id: String,
    /// Whether the token meets the rule.
    pub passed: bool,
    /// What was found against what was expected, e.g. `aud is ["a","b"]; expected one of ["c"]`.
    pub message: String,
}

impl RuleOutcome {
    /// An outcome.
    pub fn new(id: impl Into<String>, passed: bool, message: impl Into<String>) -> RuleOutcome {
        RuleOutcome {
            id: id.into(),
            passed,
            message: message.into(),
        }
    }

    /// `id: message`, as the command line prints a failed rule.
    pub fn line(&self) -> String {
        format!("{}: {}", self.id, self.message)
    }
}

/// The answer to "will the server accept it?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReport {
    /// True when every rule passed.
    pub accepted: bool,
    /// Every rule checked, in a stable order: the signature, header and claim rules, the DPoP
    /// rules, then the time rules.
    pub rules: Vec<RuleOutcome>,
}

impl PolicyReport {
    /// The report over `rules`: accepted when all passed. The page re-judges the time rules
    /// alone when `Evaluate at` changes, keeping the [`super::static_rules`] it has.
    pub fn from_rules(rules: Vec<RuleOutcome>) -> PolicyReport {
        PolicyReport {
            accepted: rules.iter().all(|r| r.passed),
            rules,
        }
    }

    /// The rules that failed, in order.
    pub fn failed(&self) -> impl Iterator<Item = &RuleOutcome> {
        self.rules.iter().filter(|r| !r.passed)
    }

    /// The outcome of the rule with this id, if it was checked.
    pub fn rule(&self, id: &str) -> Option<&RuleOutcome> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// `Accepted`, or `Rejected: 2 of 7 rules failed`.
    pub fn summary(&self) -> String {
        if self.accepted {
            "Accepted".to_owned()
        } else {
            format!(
                "Rejected: {} of {} rules failed",
                self.failed().count(),
                self.rules.len()
            )
        }
    }
}

/// What the caller's verification found: the `signature` rule, and the key a `kid` must name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureFacts {
    /// Whether the signature verified.
    pub verified: bool,
    /// The verdict as shown ("Signature verified with …", "Invalid signature: …").
    pub detail: String,
    /// The `kid` of the JWK or JWKS entry that verified, when the key came with one; `None`
    /// for a PEM key, a certificate, a secret, or no verification.
    pub key_kid: Option<String>,
}

impl SignatureFacts {
    /// The facts of the core's verdict `status` on `token`, verified (if at all) with `keys`
    /// when its algorithm takes a public key. The verifying key's `kid` is found as the
    /// pipeline picks keys ([`candidate_keys`]): when every key it would try carries the same
    /// `kid`, that is the key's; otherwise it cannot be told and stays `None`.
    pub fn from_status(
        status: &SignatureStatus,
        token: &DecodedToken,
        keys: &[KeyCandidate],
    ) -> SignatureFacts {
        let verified = matches!(status, SignatureStatus::Verified(_));
        let uses_keys = matches!(
            token.alg.as_ref().map(|a| a.key_input()),
            Ok(KeyInput::KeyPair)
        );
        let key_kid = if verified && uses_keys {
            let (candidates, _) = candidate_keys(token, keys);
            let mut kids = candidates.iter().map(|(_, c)| c.kid.as_deref());
            match kids.next() {
                Some(Some(first)) if kids.all(|k| k == Some(first)) => Some(first.to_owned()),
                _ => None,
            }
        } else {
            None
        };
        SignatureFacts {
            verified,
            detail: status.text(),
            key_kid,
        }
    }
}
