//! The review of a JWE's protected header, before (and without) decryption: `RSA1_5`, a PBES2
//! count out of range, and compression. What only the plaintext shows (a nested JWT without
//! `cty`) is reported by [`crate::jose::jwe::decrypt`].

use serde_json::Value;

use super::Finding;
use super::kinds::FindingKind;
use crate::jose::jwe::MIN_RECOMMENDED_PBES2_ITERATIONS;
use crate::jose::token::JweCompact;

/// The findings for `token`'s protected header, errors first.
pub fn lint_jwe(token: &JweCompact) -> Vec<Finding> {
    let mut kinds = Vec::new();
    let alg = token.alg().unwrap_or_default();
    if alg == "RSA1_5" {
        kinds.push(FindingKind::JweRsa1_5);
    }
    if alg.starts_with("PBES2")
        && let Some(p2c) = token.header.get("p2c").and_then(Value::as_u64)
        && (p2c < u64::from(MIN_RECOMMENDED_PBES2_ITERATIONS)
            || p2c > super::kinds::PBES2_COUNT_REFUSED_ABOVE)
    {
        kinds.push(FindingKind::JwePbes2Count { p2c });
    }
    if let Some(zip) = token.header.get("zip") {
        let zip = zip.as_str().map_or_else(|| zip.to_string(), str::to_owned);
        kinds.push(FindingKind::JweCompressed {
            zip: super::preview(&zip, 40),
        });
    }
    let mut findings: Vec<Finding> = kinds.into_iter().map(Finding::new).collect();
    findings.sort_by_key(|f| f.severity);
    findings
}
