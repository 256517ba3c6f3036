//! The exporters' own promises: every rule of the policy is in every fragment, user input stays
//! inside its literals, algorithms a library lacks are named, not dropped silently. (The PyJWT
//! and `jose` fragments are also run for real against 62 tokens in tests/policy_table.rs.)

use super::quote::{Lang, literal};
use super::*;
use crate::jose::policy::DpopRules;

/// A policy that states every rule but DPoP's.
fn full() -> Policy {
    Policy {
        preset: Some("oidc".into()),
        algorithms: vec!["RS256".into(), "ES512".into(), "HS256".into()],
        issuer: Some("https://issuer.example".into()),
        audience: vec!["api-1".into(), "api-2".into()],
        subject: Some("user-42".into()),
        typ: Some("at+jwt".into()),
        required_claims: vec!["exp".into(), "jti".into(), "jti".into()],
        leeway: 30,
        max_lifetime: Some(3600),
        require_kid: false,
        nonce: Some("n-0S6".into()),
        dpop: None,
    }
}

fn lang(target: ExportTarget) -> Lang {
    match target {
        ExportTarget::PyJwt => Lang::Python,
        ExportTarget::NodeJose => Lang::JavaScript,
        ExportTarget::RustJsonwebtoken => Lang::Rust,
        ExportTarget::GolangJwt => Lang::Go,
    }
}

/// How `target`'s fragment names the algorithm `alg`: a string, or Rust's enum variant.
fn alg(target: ExportTarget, alg: &str) -> String {
    match target {
        ExportTarget::RustJsonwebtoken => format!("Algorithm::{alg}"),
        _ => literal(lang(target), alg),
    }
}

fn fragment(policy: &Policy, target: ExportTarget) -> String {
    export(policy, target).unwrap_or_else(|e| panic!("{target:?}: {e}"))
}

#[test]
fn every_fragment_states_every_rule_of_the_policy() {
    let policy = full();
    for target in ExportTarget::ALL {
        let code = fragment(&policy, target);
        let l = lang(target);
        for value in [
            "https://issuer.example",
            "api-1",
            "api-2",
            "user-42",
            "at+jwt",
        ] {
            assert!(
                code.contains(&literal(l, value)),
                "{target:?} lacks {value}:\n{code}"
            );
        }
        for value in ["n-0S6", "jti"] {
            assert!(
                code.contains(&literal(l, value)),
                "{target:?} lacks {value}"
            );
        }
        for name in ["RS256", "HS256"] {
            assert!(code.contains(&alg(target, name)), "{target:?} lacks {name}");
        }
        assert!(code.contains("3600"), "{target:?}: the maximum lifetime");
        assert!(code.contains("30"), "{target:?}: the leeway");
        assert!(
            code.contains("OpenID Connect"),
            "{target:?}: the preset's name"
        );
        // A required claim named twice is checked once.
        assert_eq!(
            code.matches(&literal(l, "jti")).count(),
            1,
            "{target:?}:\n{code}"
        );
    }
}

#[test]
fn an_algorithm_the_library_lacks_is_named_not_dropped_silently() {
    let code = fragment(&full(), ExportTarget::RustJsonwebtoken);
    assert!(
        code.contains("Left out, the library does not support them: ES512."),
        "{code}"
    );
    assert!(!code.contains("Algorithm::ES512"), "{code}");
    let code = fragment(&full(), ExportTarget::NodeJose);
    assert!(code.contains("\"ES512\""));
    assert!(!code.contains("Left out"));
}

#[test]
fn no_algorithm_listed_pins_the_public_key_ones() {
    let policy = Policy {
        algorithms: Vec::new(),
        ..full()
    };
    for target in ExportTarget::ALL {
        let code = fragment(&policy, target);
        assert!(code.contains("RFC 8725 3.1"), "{target:?}");
        assert!(code.contains(&alg(target, "RS256")), "{target:?}");
        assert!(
            !code.contains(&alg(target, "HS256")),
            "{target:?}: an unpinned policy must not let a public key be used as a secret"
        );
    }
}

#[test]
fn hostile_values_stay_inside_their_literals() {
    let issuer = "x\" + evil() + \"\\\n*/ ${boom} `\u{202e}😀";
    let policy = Policy {
        issuer: Some(issuer.into()),
        ..full()
    };
    for target in ExportTarget::ALL {
        let code = fragment(&policy, target);
        assert!(
            code.contains(&literal(lang(target), issuer)),
            "{target:?}:\n{code}"
        );
        for raw in ["\u{202e}", "😀", "x\" + evil()"] {
            assert!(!code.contains(raw), "{target:?} holds {raw:?} unescaped");
        }
    }
}

/// The Python and JavaScript literals read back as the text they were written from.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn python_and_javascript_literals_read_back_as_the_value() {
    use std::process::Command;
    let value = "q\"b\\s\nn\r\tt \u{7f}\u{202e}é😀\u{0}";
    let python = literal(Lang::Python, value);
    let out = Command::new("python3")
        .args(["-c", &format!("import sys; sys.stdout.write({python})")])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed (make test installs it): {e}"));
    assert!(out.status.success(), "{python}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), value, "{python}");
    let js = literal(Lang::JavaScript, value);
    let out = Command::new("node")
        .args(["-e", &format!("process.stdout.write({js})")])
        .output()
        .unwrap_or_else(|e| panic!("node is needed (make test installs it): {e}"));
    assert!(out.status.success(), "{js}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), value, "{js}");
}

#[test]
fn the_key_comes_from_where_the_policy_says() {
    let jwks = Policy {
        require_kid: true,
        ..full()
    };
    let dpop = Policy {
        dpop: Some(DpopRules {
            htm: Some("POST".into()),
            htu: Some("https://server.example/token".into()),
            access_token: Some("the-access-token".into()),
        }),
        ..full()
    };
    for target in ExportTarget::ALL {
        let files = fragment(&full(), target);
        assert!(files.contains("public.pem"), "{target:?}");
        assert!(files.contains("JWT_SECRET"), "{target:?}");
        assert!(fragment(&jwks, target).contains("jwks.json"), "{target:?}");
        let proof = fragment(&dpop, target);
        assert!(!proof.contains("public.pem"), "{target:?}");
        // The access token is a credential: only its hash is written.
        assert!(!proof.contains("the-access-token"), "{target:?}");
        assert!(
            proof.contains(&access_token_hash("the-access-token")),
            "{target:?}"
        );
    }
}

#[test]
fn a_policy_that_does_not_validate_exports_nothing() {
    let policy = Policy {
        algorithms: vec!["RS257".into()],
        ..full()
    };
    for target in ExportTarget::ALL {
        assert!(export(&policy, target).is_err(), "{target:?}");
    }
}

#[test]
fn targets_round_trip_through_their_ids() {
    for target in ExportTarget::ALL {
        assert_eq!(ExportTarget::from_id(target.id()), Some(target));
    }
    assert_eq!(ExportTarget::from_id("cobol"), None);
}
