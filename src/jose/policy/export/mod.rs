//! `Export as` (issue 17): a policy as a short program fragment that enforces it with a
//! common JWT library: PyJWT (Python), panva's `jose` (JavaScript), `jsonwebtoken` (Rust) and
//! golang-jwt (Go).
//!
//! Each fragment defines one `verify` function that returns the claims of a token the policy
//! accepts and fails otherwise. The library checks what it can; what it cannot (PyJWT has no
//! `typ` or lifetime rule, `jsonwebtoken` no `typ` or `iat` rule, none of them a nonce or DPoP
//! rule) is checked by explicit code after decoding, so the fragment is the whole policy. The key
//! comes from a placeholder: `public.pem` (a PEM public key), the `JWT_SECRET` environment
//! variable (HS* secrets), `jwks.json` (when the policy requires a `kid`: the key is picked by
//! it) or the proof's own `jwk` header (DPoP).
//!
//! Every value of the policy is user input: each is written as an escaped literal of the target
//! language (`quote.rs`), never into a comment or a format string.

mod go;
mod go_jwk;
mod node;
mod python;
mod quote;
mod rust;
#[cfg(test)]
mod tests;

use super::{Policy, PolicyError, Preset, access_token_hash, normalize_htu};
use crate::jose::Algorithm;
use crate::jose::algorithm::KeyInput;

/// A library a policy can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportTarget {
    /// PyJWT 2.10 (Python).
    PyJwt,
    /// panva's `jose` 6 for Node.js (JavaScript, an ES module).
    NodeJose,
    /// The `jsonwebtoken` crate, 9.x API (Rust).
    RustJsonwebtoken,
    /// golang-jwt v5 (Go).
    GolangJwt,
}

impl ExportTarget {
    /// Every target, in the order the `Export as` select lists them.
    pub const ALL: [ExportTarget; 4] = [
        ExportTarget::PyJwt,
        ExportTarget::NodeJose,
        ExportTarget::RustJsonwebtoken,
        ExportTarget::GolangJwt,
    ];

    /// The stable id (for the select's values and the URL fragment).
    pub fn id(self) -> &'static str {
        match self {
            ExportTarget::PyJwt => "pyjwt",
            ExportTarget::NodeJose => "node-jose",
            ExportTarget::RustJsonwebtoken => "rust-jsonwebtoken",
            ExportTarget::GolangJwt => "golang-jwt",
        }
    }

    /// The name shown in the `Export as` select.
    pub fn label(self) -> &'static str {
        match self {
            ExportTarget::PyJwt => "PyJWT",
            ExportTarget::NodeJose => "node jose",
            ExportTarget::RustJsonwebtoken => "Rust jsonwebtoken",
            ExportTarget::GolangJwt => "golang-jwt",
        }
    }

    /// The language of the fragment (for a code box's label).
    pub fn language(self) -> &'static str {
        match self {
            ExportTarget::PyJwt => "Python",
            ExportTarget::NodeJose => "JavaScript",
            ExportTarget::RustJsonwebtoken => "Rust",
            ExportTarget::GolangJwt => "Go",
        }
    }

    /// The target with this [`ExportTarget::id`].
    pub fn from_id(id: &str) -> Option<ExportTarget> {
        ExportTarget::ALL.into_iter().find(|t| t.id() == id)
    }

    /// Whether the library verifies `alg` (none of them knows every name the core does).
    fn supports(self, alg: Algorithm) -> bool {
        match self {
            // PyJWT and golang-jwt know EdDSA, not its RFC 9864 name.
            ExportTarget::PyJwt | ExportTarget::GolangJwt => alg != Algorithm::Ed25519,
            ExportTarget::NodeJose => true,
            // jsonwebtoken 9 has no P-521.
            ExportTarget::RustJsonwebtoken => !matches!(alg, Algorithm::ES512 | Algorithm::Ed25519),
        }
    }
}

/// The program fragment that enforces `policy` with `target`'s library. Fails when the policy
/// does not [`Policy::validate`]: a fragment is only written for a policy that means something.
pub fn export(policy: &Policy, target: ExportTarget) -> Result<String, PolicyError> {
    policy.validate()?;
    let plan = Plan::new(policy, target)?;
    Ok(match target {
        ExportTarget::PyJwt => python::fragment(&plan),
        ExportTarget::NodeJose => node::fragment(&plan),
        ExportTarget::RustJsonwebtoken => rust::fragment(&plan),
        ExportTarget::GolangJwt => go::fragment(&plan),
    })
}

/// Where a fragment gets its verification key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeySource {
    /// The `jwk` header of a DPoP proof (refused when private or symmetric).
    EmbeddedJwk,
    /// `jwks.json`, the entry named by the header's `kid` (the policy requires a `kid`).
    Jwks,
    /// `public.pem` for the public-key algorithms, `JWT_SECRET` for HS*: whichever of the two
    /// the allowed algorithms need, picked by the header's `alg` when both.
    Files {
        /// An HS* algorithm is allowed.
        secret: bool,
        /// A public-key algorithm is allowed.
        pem: bool,
    },
}

/// What every exporter writes, worked out once: the policy, and the facts derived from it.
pub(super) struct Plan<'a> {
    /// The policy, validated.
    pub policy: &'a Policy,
    /// The allowed algorithms the target's library knows, in the policy's order.
    pub algorithms: Vec<Algorithm>,
    /// Allowed algorithms the target's library does not know (named in a comment).
    pub unsupported: Vec<Algorithm>,
    /// The policy names no algorithm: the fragment pins the public-key ones, since a
    /// verifier must always pin them (RFC 8725 section 3.1).
    pub any_algorithm: bool,
    /// Where the key comes from.
    pub key: KeySource,
    /// The required claims, without repeats.
    pub required: Vec<&'a str>,
    /// Whether the policy checks `iat` against the clock (the core's `iat` rule).
    pub checks_iat: bool,
    /// The expected `htu`, normalized as the core compares it.
    pub htu: Option<String>,
    /// The `ath` the access token gives (its SHA-256, base64url).
    pub ath: Option<String>,
    /// The preset's label, for the fragment's first comment.
    pub label: Option<&'static str>,
}

impl<'a> Plan<'a> {
    fn new(policy: &'a Policy, target: ExportTarget) -> Result<Plan<'a>, PolicyError> {
        let allowed = policy.allowed_algorithms()?;
        let any_algorithm = allowed.is_empty();
        let allowed = if any_algorithm {
            public_key_algorithms()
        } else {
            allowed
        };
        let (algorithms, unsupported): (Vec<Algorithm>, Vec<Algorithm>) =
            allowed.into_iter().partition(|a| target.supports(*a));
        let key = key_source(policy, &algorithms);
        let mut required: Vec<&str> = Vec::new();
        for claim in &policy.required_claims {
            if !required.contains(&claim.as_str()) {
                required.push(claim);
            }
        }
        let dpop = policy.dpop.as_ref();
        Ok(Plan {
            policy,
            algorithms,
            unsupported,
            any_algorithm,
            key,
            checks_iat: required.contains(&"iat")
                || policy.max_lifetime.is_some()
                || dpop.is_some(),
            required,
            htu: dpop
                .and_then(|d| d.htu.as_deref())
                .map(|htu| normalize_htu(htu).unwrap_or_else(|| htu.to_owned())),
            ath: dpop
                .and_then(|d| d.access_token.as_deref())
                .map(access_token_hash),
            label: policy
                .preset
                .as_deref()
                .and_then(Preset::from_id)
                .map(Preset::label),
        })
    }

    /// The algorithm names, as the library spells them.
    pub fn algorithm_names(&self) -> Vec<&'static str> {
        self.algorithms.iter().map(|a| a.as_str()).collect()
    }

    /// The comment lines (without the comment marker) that every fragment opens with: what it
    /// enforces, and what the library cannot check at all.
    pub fn preamble(&self, library: &str) -> Vec<String> {
        let what = match self.label {
            Some(label) => format!("the {label} policy"),
            None => "the verification policy".to_owned(),
        };
        let mut lines = vec![format!("Enforces {what} with {library}.")];
        if self.any_algorithm {
            lines.push(
                "The policy allows any algorithm: pinned to the public-key ones (RFC 8725 3.1)."
                    .to_owned(),
            );
        }
        if !self.unsupported.is_empty() {
            let names: Vec<&str> = self.unsupported.iter().map(|a| a.as_str()).collect();
            lines.push(format!(
                "Left out, the library does not support them: {}.",
                names.join(", ")
            ));
        }
        lines
    }
}

/// Every algorithm the core verifies with a public key, in the core's order.
fn public_key_algorithms() -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| a.key_input() == KeyInput::KeyPair)
        .collect()
}

fn key_source(policy: &Policy, algorithms: &[Algorithm]) -> KeySource {
    if policy.dpop.is_some() {
        KeySource::EmbeddedJwk
    } else if policy.require_kid {
        KeySource::Jwks
    } else {
        let secret = |a: &Algorithm| a.key_input() == KeyInput::SharedSecret;
        KeySource::Files {
            secret: algorithms.iter().any(secret),
            // With no algorithm the library knows, the fragment still reads a key (and refuses).
            pem: algorithms.is_empty() || algorithms.iter().any(|a| !secret(a)),
        }
    }
}

/// Lines of code at an indentation unit: the one way every exporter writes.
pub(super) struct Lines {
    unit: &'static str,
    text: String,
}

impl Lines {
    /// Empty, indenting by `unit` per level.
    pub fn new(unit: &'static str) -> Lines {
        Lines {
            unit,
            text: String::new(),
        }
    }

    /// One line at `depth` levels (an empty `line` stays empty, without trailing spaces).
    pub fn add(&mut self, depth: usize, line: impl AsRef<str>) {
        let line = line.as_ref();
        if !line.is_empty() {
            self.text.push_str(&self.unit.repeat(depth));
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    /// Each of `lines` at `depth`.
    pub fn add_all<S: AsRef<str>>(&mut self, depth: usize, lines: &[S]) {
        for line in lines {
            self.add(depth, line);
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.text
    }
}
