//! Wycheproof bookkeeping shared by tests/wycheproof.rs: per-file tallies with counted skip
//! reasons, and small JSON accessors.

use std::collections::BTreeMap;

use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::Value;

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
