#![cfg(not(target_arch = "wasm32"))]
//! ML-DSA (src/jose/mldsa) against NIST's ACVP sample vectors for FIPS 204 (usnistgov/ACVP-Server
//! v1.1.0.43, trimmed to the cases run here: tests/fixtures/mldsa/SOURCE.md, section `acvp/`):
//! - keyGen: the seed expands to NIST's public key; NIST's expanded private key, read as an RFC
//!   9881 `expandedKey` PKCS#8, has that public key, is written back byte for byte and signs
//!   exactly like the seed's key; and the `both` form (seed and that expanded key) is accepted,
//!   which the reader allows only when the seed expands to exactly that expanded key;
//! - sigGen: the external, pure, empty-context cases give NIST's signature byte for byte, the
//!   deterministic ones with `sign_deterministic`, the hedged ones with `sign` drawing NIST's
//!   `rnd` from a fixed rng, with the key read from NIST's expanded private key;
//! - sigVer: the external, pure cases, whatever their context, get NIST's verdict.
//!
//! Every upstream case is counted, per parameter set, as run or skipped for a named reason, and
//! the counts are checked. Skipped: the internal interface (ML-DSA.Sign_internal and
//! Verify_internal, with or without an external mu) and HashML-DSA, which are not the ML-DSA of
//! RFC 9964; signing cases with a context, since JOSE signs with the empty one and the module
//! has no API to sign with another; and keyGen cases beyond the fixture's fixed subset.

mod jose_support;

use std::collections::BTreeMap;

use jose_support::FixedRnd;

use jwt_debugger::jose::mldsa::{MlDsaParams, MlDsaPrivateKey, MlDsaPublicKey};
use serde_json::Value;

/// ACVP-Server v1.1.0.43, the commit the fixtures were taken from.
const ACVP_COMMIT: &str = "975de31eb83d87039ec88934fdc47d8c312b892d";

const INTERNAL: &str = "internal interface (Sign_internal / Verify_internal, external mu)";
const PREHASH: &str = "HashML-DSA (preHash): not in RFC 9964";
const CONTEXT: &str = "non-empty context: JOSE signs with the empty one, the module with no other";
const SUBSET: &str = "not in the fixture: the first 10 cases of each parameter set are kept";

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/mldsa/acvp/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(doc["commit"], ACVP_COMMIT, "{path}");
    doc
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("a hex string")).expect("valid hex")
}

fn ensure(ok: bool, what: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what.to_owned()) }
}

fn failed(what: &'static str) -> impl Fn(jwt_debugger::jose::mldsa::MlDsaError) -> String {
    move |e| format!("{what}: {e}")
}

/// What one parameter set should give: cases run, and cases skipped per reason.
type Expected<'a> = (MlDsaParams, usize, &'a [(&'static str, usize)]);

/// Run and skipped cases of one parameter set.
#[derive(Default, Debug, PartialEq)]
struct Counts {
    run: usize,
    skipped: BTreeMap<&'static str, usize>,
}

/// One file's cases: what ran and what was skipped, per parameter set, and the failures.
#[derive(Default)]
struct Tally {
    counts: BTreeMap<MlDsaParams, Counts>,
    failures: Vec<String>,
}

impl Tally {
    fn skip(&mut self, params: MlDsaParams, reason: &'static str, n: usize) {
        if n > 0 {
            let counts = self.counts.entry(params).or_default();
            *counts.skipped.entry(reason).or_default() += n;
        }
    }

    /// Prints the counts, then checks them against `expected` (parameter set, cases run, cases
    /// skipped per reason) and that nothing failed.
    fn finish(self, file: &str, expected: &[Expected<'_>]) {
        for (params, counts) in &self.counts {
            let skipped: usize = counts.skipped.values().sum();
            eprintln!(
                "{file}: {params}: {} cases, {} run, {skipped} skipped {:?}",
                counts.run + skipped,
                counts.run,
                counts.skipped
            );
        }
        let expected: BTreeMap<MlDsaParams, Counts> = expected
            .iter()
            .map(|&(params, run, skipped)| {
                let skipped = skipped.iter().copied().collect();
                (params, Counts { run, skipped })
            })
            .collect();
        assert_eq!(self.counts, expected, "{file}: case counts");
        assert!(
            self.failures.is_empty(),
            "{file}: {} failures:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// Runs `case` on every kept case of the groups `skip` does not name a reason for; a group's
/// upstream cases missing from the fixture count as skipped for `dropped`.
fn run_file(
    file: &str,
    skip: impl Fn(&Value) -> Option<&'static str>,
    dropped: &'static str,
    case: impl Fn(MlDsaParams, &Value, &Value) -> Result<(), String>,
) -> Tally {
    let doc = load(file);
    let mut tally = Tally::default();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        let name = group["parameterSet"].as_str().expect("parameterSet");
        let params = MlDsaParams::from_jose_name(name).expect("an ML-DSA parameter set");
        let upstream = group["upstreamTests"].as_u64().expect("upstreamTests") as usize;
        let tests = group["tests"].as_array().expect("tests");
        if let Some(reason) = skip(group) {
            assert!(
                tests.is_empty(),
                "{file}: tgId {} is skipped",
                group["tgId"]
            );
            tally.skip(params, reason, upstream);
            continue;
        }
        for tc in tests {
            tally.counts.entry(params).or_default().run += 1;
            if let Err(e) = case(params, group, tc) {
                let tc_id = &tc["tcId"];
                tally.failures.push(format!("{name} tcId {tc_id}: {e}"));
            }
        }
        tally.skip(params, dropped, upstream - tests.len());
    }
    tally
}

/// Only the external interface of pure ML-DSA is the ML-DSA of RFC 9964.
fn interface_skip(group: &Value) -> Option<&'static str> {
    if group["signatureInterface"] != "external" {
        Some(INTERNAL)
    } else if group["preHash"] != "pure" {
        Some(PREHASH)
    } else {
        None
    }
}

/// A DER TLV with a definite length, short or long form.
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    if body.len() < 0x80 {
        out.push(body.len() as u8);
    } else {
        let len = body.len().to_be_bytes();
        let significant = &len[len.iter().take_while(|&&b| b == 0).count()..];
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(body);
    out
}

/// A PKCS#8 `PrivateKeyInfo` (version 0, the parameter set's OID without parameters, RFC 9881
/// section 6) around an `ML-DSA-PrivateKey` CHOICE.
fn pkcs8(params: MlDsaParams, choice: &[u8]) -> Vec<u8> {
    let algorithm = tlv(0x30, &tlv(0x06, params.oid().as_bytes()));
    let version = [0x02, 0x01, 0x00];
    tlv(
        0x30,
        &[&version[..], &algorithm, &tlv(0x04, choice)].concat(),
    )
}

/// The `expandedKey OCTET STRING` form.
fn expanded_pkcs8(params: MlDsaParams, sk: &[u8]) -> Vec<u8> {
    pkcs8(params, &tlv(0x04, sk))
}

/// The `both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }` form.
fn both_pkcs8(params: MlDsaParams, seed: &[u8], sk: &[u8]) -> Vec<u8> {
    pkcs8(
        params,
        &tlv(0x30, &[tlv(0x04, seed), tlv(0x04, sk)].concat()),
    )
}

fn keygen_case(params: MlDsaParams, tc: &Value) -> Result<(), String> {
    let (seed, pk, sk) = (unhex(&tc["seed"]), unhex(&tc["pk"]), unhex(&tc["sk"]));
    let from_seed = MlDsaPrivateKey::from_seed(params, &seed).map_err(failed("from_seed"))?;
    ensure(
        from_seed.public_key().as_bytes() == pk,
        "the seed's public key is not pk",
    )?;
    let der = expanded_pkcs8(params, &sk);
    let expanded = MlDsaPrivateKey::from_pkcs8_der(&der).map_err(failed("expandedKey"))?;
    ensure(!expanded.has_seed(), "the expandedKey form has a seed")?;
    ensure(
        expanded.public_key().as_bytes() == pk,
        "the expanded key's public key is not pk",
    )?;
    let written = expanded.to_pkcs8_der().map_err(failed("to_pkcs8_der"))?;
    ensure(
        written.as_slice() == der,
        "the expanded key is not written back byte for byte",
    )?;
    let message = [b"ACVP keyGen ".as_slice(), &seed].concat();
    let by_seed = from_seed.sign_deterministic(&message);
    let by_expanded = expanded.sign_deterministic(&message);
    ensure(
        by_seed.is_ok() && by_seed == by_expanded,
        "the expanded key signs unlike the seed's",
    )?;
    let both = MlDsaPrivateKey::from_pkcs8_der(&both_pkcs8(params, &seed, &sk))
        .map_err(failed("both (the seed does not expand to sk)"))?;
    ensure(both == from_seed, "the both form is not the seed's key")
}

fn siggen_case(params: MlDsaParams, group: &Value, tc: &Value) -> Result<(), String> {
    ensure(
        tc["context"] == "",
        "the fixture kept a case with a context",
    )?;
    let der = expanded_pkcs8(params, &unhex(&tc["sk"]));
    let key = MlDsaPrivateKey::from_pkcs8_der(&der).map_err(failed("expandedKey"))?;
    let message = unhex(&tc["message"]);
    let signature = if group["deterministic"] == true {
        ensure(tc.get("rnd").is_none(), "a deterministic case has rnd")?;
        key.sign_deterministic(&message)
    } else {
        key.sign(&message, &mut FixedRnd(unhex(&tc["rnd"])))
    }
    .map_err(failed("signing"))?;
    ensure(
        signature == unhex(&tc["signature"]),
        "the signature is not NIST's",
    )?;
    ensure(
        key.public_key().verify(&message, &signature).is_ok(),
        "the signature does not verify",
    )
}

fn sigver_case(params: MlDsaParams, tc: &Value) -> Result<(), String> {
    let key = MlDsaPublicKey::from_bytes(params, &unhex(&tc["pk"])).map_err(failed("pk"))?;
    let (message, context) = (unhex(&tc["message"]), unhex(&tc["context"]));
    let signature = unhex(&tc["signature"]);
    let accepted = key
        .verify_with_context(&message, &context, &signature)
        .is_ok();
    let expected = tc["testPassed"].as_bool().expect("testPassed");
    let verdict = if accepted { "accepted" } else { "rejected" };
    ensure(
        accepted == expected,
        &format!("{verdict}: {}", tc["reason"]),
    )?;
    // With the empty context, JOSE's `verify` must agree.
    ensure(
        !context.is_empty() || key.verify(&message, &signature).is_ok() == accepted,
        "verify and verify_with_context disagree",
    )
}

#[test]
fn acvp_mldsa_keygen() {
    let file = "ML-DSA-keyGen-FIPS204";
    let tally = run_file(file, |_| None, SUBSET, |p, _, tc| keygen_case(p, tc));
    let skipped: &[(&str, usize)] = &[(SUBSET, 15)];
    tally.finish(
        file,
        &[
            (MlDsaParams::Ml44, 10, skipped),
            (MlDsaParams::Ml65, 10, skipped),
            (MlDsaParams::Ml87, 10, skipped),
        ],
    );
}

#[test]
fn acvp_mldsa_siggen() {
    let file = "ML-DSA-sigGen-FIPS204";
    let tally = run_file(file, interface_skip, CONTEXT, siggen_case);
    tally.finish(
        file,
        &[
            (
                MlDsaParams::Ml44,
                3,
                &[(INTERNAL, 60), (PREHASH, 30), (CONTEXT, 27)],
            ),
            (
                MlDsaParams::Ml65,
                2,
                &[(INTERNAL, 60), (PREHASH, 30), (CONTEXT, 28)],
            ),
            (
                MlDsaParams::Ml87,
                3,
                &[(INTERNAL, 60), (PREHASH, 30), (CONTEXT, 27)],
            ),
        ],
    );
}

#[test]
fn acvp_mldsa_sigver() {
    let file = "ML-DSA-sigVer-FIPS204";
    let all_kept = "(none: every external, pure case is kept)";
    let tally = run_file(file, interface_skip, all_kept, |p, _, tc| {
        sigver_case(p, tc)
    });
    let skipped: &[(&str, usize)] = &[(INTERNAL, 30), (PREHASH, 15)];
    tally.finish(
        file,
        &[
            (MlDsaParams::Ml44, 15, skipped),
            (MlDsaParams::Ml65, 15, skipped),
            (MlDsaParams::Ml87, 15, skipped),
        ],
    );
}
