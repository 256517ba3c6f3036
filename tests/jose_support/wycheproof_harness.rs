//! Wycheproof bookkeeping shared by tests/wycheproof.rs (the core) and tests/cli_vectors.rs (the
//! command line): per-file tallies with counted skip reasons, the one rule by which both judge
//! (or skip) the JWS file's cases, and small JSON accessors.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::Value;

use super::is_base64url_compact;

/// Per-file tally. `skipped` maps a reason to how many cases it covered.
#[derive(Default)]
pub struct Tally {
    pub cases: usize,
    pub checked: usize,
    pub mismatches: Vec<String>,
    pub skipped: BTreeMap<&'static str, usize>,
    pub acceptable: usize,
}

impl Tally {
    pub fn skip(&mut self, reason: &'static str) {
        self.cases += 1;
        *self.skipped.entry(reason).or_default() += 1;
    }

    pub fn check(&mut self, tc: &Value, expect_ok: bool, got: Result<(), JoseError>) {
        self.cases += 1;
        self.checked += 1;
        if expect_ok != got.is_ok() {
            self.mismatches.push(format!(
                "tcId {} ({}, {}): expected {}, got {:?}",
                tc["tcId"],
                tc["result"],
                tc["comment"],
                if expect_ok { "accept" } else { "reject" },
                got
            ));
        }
    }

    pub fn finish(self, file: &str) {
        let summary = format!(
            "Wycheproof {file}: {} cases, {} mismatches ({} checked, {} acceptable, skipped {:?})",
            self.cases,
            self.mismatches.len(),
            self.checked,
            self.acceptable,
            self.skipped
        );
        eprintln!("{summary}");
        assert!(self.checked > 0, "{summary}: nothing was checked");
        assert!(
            self.mismatches.is_empty(),
            "{summary}\n{}",
            self.mismatches.join("\n")
        );
    }
}

pub fn sha_to(alg_family: &str, sha: &str) -> Option<Algorithm> {
    Some(match (alg_family, sha) {
        ("RS", "SHA-256") => Algorithm::RS256,
        ("RS", "SHA-384") => Algorithm::RS384,
        ("RS", "SHA-512") => Algorithm::RS512,
        ("PS", "SHA-256") => Algorithm::PS256,
        ("PS", "SHA-384") => Algorithm::PS384,
        ("PS", "SHA-512") => Algorithm::PS512,
        ("HS", "SHA-256") => Algorithm::HS256,
        ("HS", "SHA-384") => Algorithm::HS384,
        ("HS", "SHA-512") => Algorithm::HS512,
        _ => return None,
    })
}

pub fn groups(v: &Value) -> &Vec<Value> {
    v["testGroups"].as_array().expect("testGroups")
}

pub fn tests(g: &Value) -> &Vec<Value> {
    g["tests"].as_array().expect("tests")
}

/// The JWK of a json_web_signature_test.json group: its public key, else its private key.
pub fn group_jwk(g: &Value) -> &Value {
    g.get("public").unwrap_or(&g["private"])
}

/// The tokens a json_web_signature_test.json group calls valid.
pub fn valid_jws(g: &Value) -> Vec<&str> {
    tests(g)
        .iter()
        .filter(|tc| tc["result"] == "valid")
        .filter_map(|tc| tc["jws"].as_str())
        .collect()
}

/// How a case of json_web_signature_test.json is judged: the one rule of the core test
/// (tests/wycheproof.rs) and the command line's (tests/cli_vectors.rs).
#[derive(Debug, PartialEq)]
pub enum JwsCase {
    /// Not judged, for the reason given (tallied).
    Skip(&'static str),
    /// `valid` in the file, but a character outside base64url was inserted (a lenient-decoder
    /// artefact): RFC 7515 §7.1 requires base64url, so it is rejected by design.
    NotBase64url,
    /// Judged by the file's `result`.
    Judge,
}

/// Classifies case `tc` of a group with JWK `jwk` whose valid tokens are `valid`, given whether
/// the implementation `accepted` it and the token's header `alg` as it read it.
pub fn jws_case(
    tc: &Value,
    valid: &[&str],
    jwk: &Value,
    accepted: bool,
    token_alg: Option<&str>,
) -> JwsCase {
    let jws = tc["jws"].as_str().expect("jws");
    match tc["result"].as_str() {
        // The file marks the very same string valid elsewhere in the group (the
        // "invalidBase64Padding" cases lost their padding in export).
        Some("invalid") if valid.contains(&jws) => {
            JwsCase::Skip("vector identical to a valid case in the same group")
        }
        Some("invalid") if accepted && rejection_is_jwk_policy(jwk, token_alg) => {
            JwsCase::Skip("rejection depends on JWK use/key_ops/alg (keys layer)")
        }
        Some("valid") if !is_base64url_compact(jws) => JwsCase::NotBase64url,
        _ => JwsCase::Judge,
    }
}

/// Does the test's expected rejection depend on JWK metadata (`use`, `key_ops`, `alg`) rather
/// than on the token? Choosing keys by that metadata is the keys layer's job (RFC 7517 §4.2-4.4).
pub fn rejection_is_jwk_policy(jwk: &Value, token_alg: Option<&str>) -> bool {
    let wrong_use = jwk.get("use").is_some_and(|u| u != "sig");
    let wrong_ops = jwk
        .get("key_ops")
        .and_then(Value::as_array)
        .is_some_and(|ops| !ops.iter().any(|o| o == "verify" || o == "sign"));
    let wrong_alg = match (jwk.get("alg").and_then(Value::as_str), token_alg) {
        (Some(key_alg), Some(tok)) => key_alg != tok,
        _ => false,
    };
    wrong_use || wrong_ops || wrong_alg
}

/// The header `alg` of a compact token, if its header decodes (read with the `base64` crate, not
/// the code under test).
pub fn token_alg(jws: &str) -> Option<String> {
    let h = jws.split('.').next()?;
    let bytes = URL_SAFE_NO_PAD.decode(h).ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    v.get("alg")?.as_str().map(str::to_owned)
}
