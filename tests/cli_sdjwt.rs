#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger decode` and `verify` on SD-JWTs (RFC 9901, issue 18), run as a process on the
//! RFC's own examples (tests/fixtures/sdjwt, see its SOURCE.md): the disclosures and where each
//! went, the processed payload, the Key Binding JWT verified against `cnf` with its `sd_hash`,
//! `aud` and `nonce`, and the refusals (a disclosure no digest refers to, a wrong nonce, a key
//! binding expected but absent). The harness is tests/jose_support/cli.rs.

mod jose_support;

use std::path::PathBuf;

use jose_support::cli::*;
use serde_json::Value;

/// The KB-JWT's `iat` in the section 5.2 example: the moment the presentation is judged at.
const KB_IAT: &str = "1748537243";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sdjwt")
        .join(name)
}

/// Section 5.2: the SD-JWT+KB (4 disclosures, a KB-JWT).
fn presentation() -> String {
    read(&fixture("rfc9901-5.2-sd-jwt-kb.txt"))
        .trim()
        .to_owned()
}

/// `verify TOKEN --key <the issuer's key of appendix A.5> EXTRA...`.
fn verify(token: &str, extra: &[&str]) -> Run {
    verify_with_key(token, &fixture("rfc9901-a.5-issuer-key.json"), extra)
}

#[test]
fn decode_lists_the_disclosures_the_processed_payload_and_the_key_binding() {
    let run = cli(&["decode", &presentation(), "--json", "--at", KB_IAT]);
    let report = run.json();
    assert_eq!(report["kind"], "SD-JWT");
    let processed: Value = read_json(&fixture("rfc9901-5.2-processed.json"));
    assert_eq!(report["payload"], processed, "the RFC's processed payload");
    let sd = &report["sd_jwt"];
    let places: Vec<&str> = sd["disclosures"]
        .as_array()
        .expect("disclosures")
        .iter()
        .map(|d| d["at"].as_str().unwrap_or("unused"))
        .collect();
    assert_eq!(
        places,
        [
            "/family_name",
            "/address",
            "/given_name",
            "/nationalities/0"
        ]
    );
    assert_eq!(
        sd["disclosures"][0]["digest"],
        "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo"
    );
    assert_eq!(sd["undisclosed_digests"], 6);
    assert_eq!(sd["rejections"], serde_json::json!([]));
    assert_eq!(sd["key_binding"]["status"], "verified", "{sd}");
    // As text: one line per disclosure, and the Key Binding.
    let text = cli(&["decode", &presentation(), "--at", KB_IAT]);
    let out = text.ok();
    assert!(
        out.contains("#1 family_name: \"Doe\" (at /family_name;"),
        "{out}"
    );
    assert!(out.contains("Key Binding: verified: ES256 signed by cnf.jwk"));
}

#[test]
fn verify_checks_the_issuer_signature_the_disclosures_and_the_key_binding() {
    let token = presentation();
    let run = verify(
        &token,
        &[
            "--at",
            KB_IAT,
            "--kb-aud",
            "https://verifier.example.org",
            "--kb-nonce",
            "1234567890",
        ],
    );
    let out = run.ok();
    assert!(
        out.contains("signature: Signature verified with JWK"),
        "{out}"
    );
    assert!(out.contains("Disclosures: 4 valid and referenced"), "{out}");
    assert!(out.contains("Key binding verified: ES256"), "{out}");
    // A policy judges the processed payload: disclosed claims count as present.
    verify(
        &token,
        &[
            "--at",
            KB_IAT,
            "--require",
            "given_name",
            "--sub",
            "user_42",
        ],
    )
    .code(0);
    // --json carries the same checks.
    let run = verify(&token, &["--at", KB_IAT, "--json"]);
    let out = run.code(0).json();
    assert_eq!(out["sd_jwt"]["valid"], true, "{out}");
    assert!(
        out["sd_jwt"]["checks"][1]
            .as_str()
            .is_some_and(|l| l.starts_with("Key binding verified"))
    );
    let run = verify(&token, &["--at", KB_IAT, "--json", "--kb-nonce", "x"]);
    assert_eq!(run.code(1).json()["sd_jwt"]["valid"], false);
    let run = verify(&token, &["--at", KB_IAT, "--require", "email"]);
    run.code(1);
    assert!(run.stderr.contains("required:email"), "{}", run.describe());
}

#[test]
fn verify_refuses_a_wrong_nonce_a_stale_proof_and_a_stray_disclosure() {
    let token = presentation();
    let run = verify(&token, &["--at", KB_IAT, "--kb-nonce", "other"]);
    run.code(1);
    assert!(
        run.stderr
            .starts_with("Invalid key binding: the KB-JWT's nonce"),
        "{}",
        run.describe()
    );
    // A day later the Key Binding JWT is too old (RFC 9901 section 7.3: a recent iat).
    let run = verify(&token, &["--at", "1748623643"]);
    run.code(1);
    assert!(
        run.stderr.starts_with("Invalid key binding"),
        "{}",
        run.describe()
    );
    // A disclosure that no digest refers to (section 7.1 step 4): the whole SD-JWT is refused.
    let (sd_jwt, kb) = token.rsplit_once('~').expect("a KB-JWT");
    let stray = b64u(br#"["salt-salt-salt","email","x@example.com"]"#);
    let run = verify(&format!("{sd_jwt}~{stray}~{kb}"), &["--at", KB_IAT]);
    run.code(1);
    assert!(
        run.stderr.starts_with("Invalid SD-JWT"),
        "{}",
        run.describe()
    );
    // The wrong issuer key: the signature fails first.
    let run = verify_with_key(&token, &key("p256", "public.pem"), &["--at", KB_IAT]);
    run.code(1);
    assert!(run.stdout.is_empty(), "{}", run.describe());
}

#[test]
fn a_presentation_without_key_binding() {
    let token = read(&fixture("rfc9901-a.1-presentation.txt"))
        .trim()
        .to_owned();
    assert!(token.ends_with('~'));
    let run = verify(&token, &["--at", "1683000000"]);
    let out = run.ok();
    assert!(out.contains("No key binding"), "{out}");
    // A verifier that asks for a nonce needs a Key Binding JWT.
    let run = verify(&token, &["--at", "1683000000", "--kb-nonce", "n"]);
    run.code(1);
    assert!(
        run.stderr.starts_with("No key binding"),
        "{}",
        run.describe()
    );
}
