#![cfg(not(target_arch = "wasm32"))]
//! SD-JWT against an independent implementation (issue 18): `sd-jwt`, the reference
//! implementation on PyPI (pinned, installed by tests/support/toolchain.sh's `ensure_pyjwt`),
//! run for real. Its issuer and holder make an SD-JWT+KB (decoys, nested and array-element
//! disclosures, a presentation that drops some) that the command line decodes and verifies;
//! and an SD-JWT made and bound by our core is verified by its verifier.

mod jose_support;
mod policy_support;

use std::process::Command;

use jose_support::cli::*;
use jwt_debugger::jose::Algorithm;
use jwt_debugger::jose::keys::parse_private_key;
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::sdjwt::{DisclosureRef, KbClaims, bind, issue, parse, present};
use policy_support::judges::pyjwt_dir;
use serde_json::{Value, json};

/// Runs `script` with the reference implementation on the path; its stdout as JSON.
fn python(script: &str, args: &[&str]) -> Value {
    let out = Command::new("python3")
        .args([&["-c", script][..], args].concat())
        .env("PYTHONPATH", pyjwt_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "sd-jwt failed:\n{stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

/// The reference implementation's issuer and holder (tests/support/sd_jwt_issue.py).
const ISSUE_AND_PRESENT: &str = include_str!("support/sd_jwt_issue.py");

const VERIFY: &str = r#"
import json, sys
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

presentation, issuer_jwk, aud, nonce = sys.argv[1:5]
key = JWK(**json.loads(issuer_jwk))
verifier = SDJWTVerifier(presentation, lambda iss, header: key, aud, nonce)
print(json.dumps(verifier.get_verified_payload()))
"#;

#[test]
fn the_reference_implementations_sd_jwt_decodes_and_verifies_here() {
    let made = python(ISSUE_AND_PRESENT, &[]);
    let dir = scratch("sdjwt-interop");
    let key = dir.join("issuer.jwk.json");
    write(&key, made["issuer_jwk"].to_string());
    let presentation = made["presentation"].as_str().expect("a presentation");
    // Two disclosures kept of six (and the issuer's decoys): the others stay digests.
    let report = cli(&["decode", presentation, "--json"]).json();
    assert_eq!(report["kind"], "SD-JWT");
    let payload = &report["payload"];
    assert_eq!(payload["given_name"], "Erika", "{payload}");
    assert_eq!(
        payload["address"],
        json!({"locality": "Berlin"}),
        "{payload}"
    );
    assert_eq!(payload["nationalities"], json!(["FR"]), "{payload}");
    for hidden in ["family_name", "email"] {
        assert!(payload.get(hidden).is_none(), "{hidden}: {payload}");
    }
    let sd = &report["sd_jwt"];
    assert_eq!(sd["disclosures"].as_array().map(Vec::len), Some(2), "{sd}");
    assert!(sd["undisclosed_digests"].as_u64() > Some(4), "{sd}");
    assert_eq!(sd["rejections"], json!([]));
    let run = verify_with_key(
        presentation,
        &key,
        &["--kb-aud", "https://verifier.example", "--kb-nonce", "n-42"],
    );
    let out = run.ok();
    assert!(out.contains("Disclosures: 2 valid and referenced"), "{out}");
    assert!(out.contains("Key binding verified: ES256"), "{out}");
    let run = verify_with_key(presentation, &key, &["--kb-nonce", "n-43"]);
    run.code(1);
    // The whole issuance (every disclosure, no key binding) verifies too.
    let issuance = made["issuance"].as_str().expect("an issuance");
    let out = verify_with_key(issuance, &key, &[]).ok().to_owned();
    assert!(out.contains("Disclosures: 6 valid and referenced"), "{out}");
    assert!(out.contains("No key binding"), "{out}");
}

#[test]
fn an_sd_jwt_made_here_verifies_with_the_reference_implementation() {
    let fixture = |name: &str| {
        let path = format!(
            "{}/tests/fixtures/openssl/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        parse_private_key(&std::fs::read_to_string(&path).expect(&path)).expect(name)
    };
    // sd-jwt 0.10's verifier checks a KB-JWT as ES256 only (its DEFAULT_SIGNING_ALG): the
    // holder's key is P-256; the issuer's signature it checks by the header's alg, ES384.
    let (issuer, holder) = (fixture("ec-p384-pkcs8.pem"), fixture("ec-p256-pkcs8.pem"));
    let claims = json!({
        "iss": "https://issuer.example", "sub": "user-7", "given_name": "Erika",
        "family_name": "Mustermann", "address": {"locality": "Köln", "country": "DE"},
        "nationalities": ["DE", "FR"], "cnf": {"jwk": holder.public_key().to_jwk()},
    });
    let paths = [
        "/given_name",
        "/family_name",
        "/address/locality",
        "/nationalities/0",
    ];
    let rng = &mut seeded_rng().expect("rng");
    let text = issue(
        r#"{"alg":"ES384","typ":"dc+sd-jwt"}"#,
        &claims.to_string(),
        &paths,
        2,
        &issuer,
        rng,
    )
    .expect("issued");
    // Present everything but the family name, bound to the verifier's nonce.
    let sd = parse(&text).expect("parses");
    let keep: Vec<DisclosureRef> = (0..sd.disclosures.len())
        .filter(|&i| sd.disclosures[i].name.as_deref() != Some("family_name"))
        .map(DisclosureRef::Index)
        .collect();
    let presentation = present(&text, &keep).expect("presented");
    let kb = KbClaims {
        aud: "https://verifier.example".into(),
        nonce: "n-7".into(),
        iat: now(),
    };
    let bound = bind(&presentation, &kb, Algorithm::ES256, &holder, rng).expect("bound");
    let issuer_jwk = issuer.public_key().to_jwk().to_string();
    let payload = python(
        VERIFY,
        &[&bound, &issuer_jwk, "https://verifier.example", "n-7"],
    );
    assert_eq!(payload["given_name"], "Erika", "{payload}");
    assert_eq!(payload["address"]["locality"], "Köln", "{payload}");
    assert_eq!(payload["nationalities"], json!(["DE", "FR"]), "{payload}");
    assert!(payload.get("family_name").is_none(), "{payload}");
}

/// The reference implementation's verifier, without key binding: `sys.argv` = the SD-JWT and
/// the issuer's public JWK.
const VERIFY_WITHOUT_KB: &str = r#"
import json, sys
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

sd_jwt, issuer_jwk = sys.argv[1:3]
key = JWK(**json.loads(issuer_jwk))
print(json.dumps(SDJWTVerifier(sd_jwt, lambda iss, header: key).get_verified_payload()))
"#;

#[test]
fn an_sd_jwt_issued_by_the_command_line_verifies_with_the_reference_implementation() {
    let fixtures = format!("{}/tests/fixtures/openssl", env!("CARGO_MANIFEST_DIR"));
    let claims = json!({
        "iss": "https://issuer.example", "sub": "user-7", "given_name": "Erika",
        "address": {"locality": "Berlin", "country": "DE"}, "nationalities": ["DE", "FR"],
    });
    let key = format!("{fixtures}/ec-p384-pkcs8.pem");
    let run = cli(&[
        "sign",
        "--alg",
        "ES384",
        "--key",
        &key,
        "--payload",
        &claims.to_string(),
        "--sd",
        "/given_name",
        "--sd",
        "/address/locality",
        "--sd",
        "/nationalities/0",
        "--sd-decoys",
        "3",
    ]);
    let token = run.ok().trim().to_owned();
    let parts: Vec<&str> = token.split('~').collect();
    assert_eq!(
        parts.len(),
        5,
        "the issuer JWT, 3 disclosures, no KB-JWT: {token}"
    );
    // The disclosed claims are digests in the signed payload, not values.
    let signed = part_json(token.split('.').nth(1).expect("a payload"));
    assert!(signed.get("given_name").is_none(), "{signed}");
    assert_eq!(
        signed["_sd"].as_array().map(Vec::len),
        Some(4),
        "1 + 3 decoys: {signed}"
    );
    let issuer_jwk = parse_private_key(&std::fs::read_to_string(&key).expect("key"))
        .expect("key")
        .public_key()
        .to_jwk()
        .to_string();
    let payload = python(VERIFY_WITHOUT_KB, &[&token, &issuer_jwk]);
    assert_eq!(payload["given_name"], "Erika", "{payload}");
    assert_eq!(payload["address"], claims["address"], "{payload}");
    assert_eq!(
        payload["nationalities"], claims["nationalities"],
        "{payload}"
    );
}
