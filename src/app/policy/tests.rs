//! The Policy region's form and the worker's judgement, natively (through the same JSON the
//! page and the worker exchange).

use super::*;
use crate::app::engine::remote::{EngineCall, EngineReply};
use crate::jose::backend::run_ready;
use crate::jose::keys::{HmacSecret, PrivateKey};
use crate::jose::rng::seeded_rng;

/// An HS256 token with these claims, and `kid` in the header.
fn token(claims: &str) -> String {
    let key = PrivateKey::Hmac(HmacSecret(vec![7; 32]));
    let header = r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;
    crate::jose::sign::sign_token(header, claims, &key, &mut seeded_rng().unwrap()).unwrap()
}

/// The worker's answer to `question`, through the engine's JSON messages.
fn ask(question: PolicyQuestion) -> Result<PolicyAnswer, String> {
    let call = EngineCall {
        id: 3,
        call: EngineOp::JudgePolicy(Box::new(question)),
    };
    let text = run_ready(crate::app::engine::answer::reply_to(&call)).unwrap();
    let reply: EngineReply = serde_json::from_str(&text).unwrap();
    match reply.result? {
        EngineAnswer::Policy(answer) => Ok(*answer),
        other => Err(format!("{other:?}")),
    }
}

fn question(form: &PolicyForm, token: String, now: i64) -> PolicyQuestion {
    PolicyQuestion {
        token,
        policy: form.policy().unwrap(),
        verified: true,
        detail: "Signature verified with the secret".into(),
        key_kid: None,
        at: form.at.clone(),
        now,
        export: form.export.clone(),
    }
}

#[test]
fn the_amplify_preset_accepts_now_and_rejects_a_day_later() {
    let form = PolicyForm::default()
        .with_preset("amplify")
        .with_application_id("app-1".into());
    assert_eq!(
        (
            form.issuer.as_str(),
            form.subject.as_str(),
            form.audience.as_str()
        ),
        ("app-1", "app-1", "app-1")
    );
    assert_eq!(form.algorithms, "RS256");
    assert!(form.require_kid);
    // HS256 is not RS256: that rule fails, and says so (the header has a kid; a secret has
    // none to compare it with).
    let hs = token(r#"{"iss":"app-1","sub":"app-1","aud":"app-1","iat":1000,"exp":1600}"#);
    let answer = ask(question(&form, hs.clone(), 1100)).unwrap();
    assert!(!answer.report.accepted);
    let failed: Vec<&str> = answer.report.failed().map(|r| r.id.as_str()).collect();
    assert_eq!(failed, ["alg"]);
    assert!(answer.report.rule("kid").is_some_and(|r| r.passed));
    // Without the algorithm and kid rules, the same token is accepted now and not a day later.
    let relaxed = PolicyForm {
        algorithms: String::new(),
        require_kid: false,
        ..form.clone()
    };
    assert!(
        ask(question(&relaxed, hs.clone(), 1100))
            .unwrap()
            .report
            .accepted
    );
    let later = PolicyForm {
        at: "86400".into(),
        ..relaxed
    };
    let answer = ask(question(&later, hs, 1100)).unwrap();
    assert_eq!(
        answer
            .report
            .failed()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["exp"]
    );
    assert!(
        answer.code.unwrap().contains("app-1"),
        "the exported code has the policy"
    );
}

#[test]
fn fields_read_as_lists_numbers_and_blanks() {
    let form = PolicyForm {
        algorithms: "RS256, ES256".into(),
        audience: "a b,c".into(),
        required: "exp iat".into(),
        leeway: " 30 ".into(),
        ..PolicyForm::default()
    };
    let policy = form.policy().unwrap();
    assert_eq!(policy.algorithms, ["RS256", "ES256"]);
    assert_eq!(policy.audience, ["a", "b", "c"]);
    assert_eq!(
        (policy.leeway, policy.issuer.clone(), policy.dpop.clone()),
        (30, None, None)
    );
    let bad = PolicyForm {
        max_lifetime: "an hour".into(),
        ..PolicyForm::default()
    };
    assert!(bad.policy().unwrap_err().contains("Maximum lifetime"));
    // A form's own fields survive a round trip through its policy.
    assert_eq!(
        PolicyForm::default().with_policy(&policy).policy().unwrap(),
        policy
    );
}

#[test]
fn the_access_token_is_never_shared_and_a_closed_region_shares_nothing() {
    let form = PolicyForm {
        open: true,
        access_token: "secret-access-token".into(),
        ..PolicyForm::default().with_preset("dpop")
    };
    assert_eq!(form.preset, "dpop");
    assert_eq!(
        form.policy().unwrap().dpop.unwrap().access_token.as_deref(),
        Some("secret-access-token")
    );
    let shared = form.share_json().unwrap();
    assert!(!shared.contains("secret-access-token"), "{shared}");
    assert!(shared.contains("dpop+jwt"), "{shared}");
    assert!(!format!("{form:?}").contains("secret"));
    let closed = PolicyForm {
        open: false,
        ..form
    };
    assert_eq!(closed.share_json(), None);
    assert_eq!(
        PolicyForm {
            open: true,
            ..PolicyForm::default()
        }
        .share_json(),
        None
    );
}

#[test]
fn a_bad_moment_or_token_is_an_error_not_a_judgement() {
    let form = PolicyForm {
        issuer: "me".into(),
        at: "yesterday".into(),
        ..PolicyForm::default()
    };
    let hs = token(r#"{"iss":"me"}"#);
    assert!(ask(question(&form, hs.clone(), 0)).is_err());
    let now = PolicyForm {
        at: String::new(),
        ..form
    };
    assert!(ask(question(&now, hs, 0)).unwrap().report.accepted);
    assert!(ask(question(&now, "not a token".into(), 0)).is_err());
}
