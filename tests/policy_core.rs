#![cfg(not(target_arch = "wasm32"))]
//! The verification policy of issue 17 (`jose::policy`), natively: every rule passing and
//! failing, the leeway edges, `typ` as RFC 8725 compares it, each preset (Amplify accepting a
//! gateway token and refusing it a day later; an OIDC nonce; RFC 9068's `typ`; a real ES256
//! DPoP proof with its `jwk` header, `ath` and `htu` normalization), the JSON (round trip,
//! unknown members, validation) and the moment parser.

use jwt_debugger::jose::backend::{RustCrypto, run_ready};
use jwt_debugger::jose::claims::format_utc;
use jwt_debugger::jose::keys::{
    self, KeyCandidate, KeyKind, SecretEncoding, parse_private_key, parse_public_keys,
    public_key_in_secret,
};
use jwt_debugger::jose::pipeline::Strictness;
use jwt_debugger::jose::policy::*;
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::token::{DecodedToken, decode};
use jwt_debugger::jose::verdict::{KeyInputs, signature_status};
use jwt_debugger::jose::{base64url, gateway, sign};
use serde_json::{Value, json};

const RSA_PRIVATE: &str = include_str!("fixtures/openssl/rsa2048-pkcs8.pem");
const RSA_PUBLIC: &str = include_str!("fixtures/openssl/rsa2048-public.pem");
const T0: i64 = 1_796_205_600; // 2026-12-02T10:00:00Z

/// A decoded token over `header` and `payload` with a dummy signature (the signature rule is
/// told, not computed, in these tests).
fn tok(header: Value, payload: Value) -> DecodedToken {
    let b = |v: &Value| base64url::encode(v.to_string().as_bytes());
    decode(&format!("{}.{}.c2ln", b(&header), b(&payload))).expect("decodes")
}

fn jwt(payload: Value) -> DecodedToken {
    tok(json!({"alg": "RS256", "typ": "JWT"}), payload)
}

fn verified() -> SignatureFacts {
    SignatureFacts {
        verified: true,
        detail: "Signature verified with a test key".into(),
        key_kid: None,
    }
}

fn judge(policy: &Policy, token: &DecodedToken, at: i64) -> PolicyReport {
    evaluate(policy, token, &verified(), at)
}

fn ids(report: &PolicyReport) -> Vec<&str> {
    report.rules.iter().map(|r| r.id.as_str()).collect()
}

#[track_caller]
fn passes(report: &PolicyReport, id: &str) -> String {
    let rule = report
        .rule(id)
        .unwrap_or_else(|| panic!("no {id} rule: {report:#?}"));
    assert!(rule.passed, "{id} passes: {report:#?}");
    rule.message.clone()
}

#[track_caller]
fn fails(report: &PolicyReport, id: &str, says: &str) {
    let rule = report
        .rule(id)
        .unwrap_or_else(|| panic!("no {id} rule: {report:#?}"));
    assert!(!rule.passed, "{id} fails: {report:#?}");
    assert!(!report.accepted, "rejected: {report:#?}");
    assert!(
        rule.message.contains(says),
        "{id}: {:?} says {says:?}",
        rule.message
    );
}

#[test]
fn only_stated_rules_are_listed_plus_signature_exp_and_nbf() {
    let token = jwt(json!({"exp": T0 + 60, "nbf": T0 - 60, "iat": T0 - 60, "sub": "x"}));
    let report = judge(&Policy::default(), &token, T0);
    assert_eq!(ids(&report), ["signature", "exp", "nbf"]);
    assert!(report.accepted && report.summary() == "Accepted");
    // No time claims: the signature alone.
    assert_eq!(
        ids(&judge(&Policy::default(), &jwt(json!({})), T0)),
        ["signature"]
    );
    // The signature rule is the verdict the caller passes.
    let facts = SignatureFacts {
        verified: false,
        detail: "Invalid signature: mismatch".into(),
        key_kid: None,
    };
    let report = evaluate(&Policy::default(), &token, &facts, T0);
    fails(&report, "signature", "Invalid signature");
    assert_eq!(report.summary(), "Rejected: 1 of 3 rules failed");
    assert_eq!(
        report.failed().next().map(RuleOutcome::line).unwrap(),
        "signature: Invalid signature: mismatch"
    );
}

#[test]
fn alg_must_be_allowed() {
    let policy = Policy {
        algorithms: vec!["RS256".into(), "PS256".into()],
        ..Policy::default()
    };
    passes(&judge(&policy, &jwt(json!({})), T0), "alg");
    let hs = tok(json!({"alg": "HS256"}), json!({}));
    fails(
        &judge(&policy, &hs, T0),
        "alg",
        r#"alg is "HS256"; expected one of ["RS256","PS256"]"#,
    );
    let none = tok(json!({"alg": "none"}), json!({}));
    fails(&judge(&policy, &none, T0), "alg", r#"alg is "none""#);
}

#[test]
fn kid_is_required_and_must_name_the_key() {
    let policy = Policy {
        require_kid: true,
        ..Policy::default()
    };
    let with_kid = tok(json!({"alg": "RS256", "kid": "k1"}), json!({}));
    let facts = |kid: Option<&str>, ok: bool| SignatureFacts {
        verified: ok,
        detail: "d".into(),
        key_kid: kid.map(str::to_owned),
    };
    let report = evaluate(&policy, &with_kid, &facts(Some("k1"), true), T0);
    assert!(passes(&report, "kid").contains("the kid of the key that verified"));
    let report = evaluate(&policy, &with_kid, &facts(Some("k2"), true), T0);
    fails(
        &report,
        "kid",
        r#"kid is "k1"; the key that verified has kid "k2""#,
    );
    // A PEM key has no kid: the header's is required, the match cannot be checked here.
    passes(&evaluate(&policy, &with_kid, &facts(None, true), T0), "kid");
    fails(
        &judge(&policy, &jwt(json!({})), T0),
        "kid",
        "the header has no kid",
    );
    let numeric = tok(json!({"alg": "RS256", "kid": 7}), json!({}));
    fails(&judge(&policy, &numeric, T0), "kid", "kid is 7");
    let empty = tok(json!({"alg": "RS256", "kid": ""}), json!({}));
    fails(&judge(&policy, &empty, T0), "kid", "non-empty");
}

#[test]
fn typ_is_compared_as_a_media_type() {
    let policy = |typ: &str| Policy {
        typ: Some(typ.into()),
        ..Policy::default()
    };
    let with_typ = |typ: &str| tok(json!({"alg": "ES256", "typ": typ}), json!({}));
    for (found, expected) in [
        ("JWT", "jwt"),
        ("jwt", "JWT"),
        ("application/jwt", "JWT"),
        ("at+jwt", "application/AT+JWT"),
        ("Application/At+Jwt", "at+jwt"),
    ] {
        passes(&judge(&policy(expected), &with_typ(found), T0), "typ");
        assert!(media_type_eq(found, expected), "{found} = {expected}");
    }
    for (found, expected) in [
        ("JWT", "at+jwt"),
        ("text/jwt", "jwt"),
        ("application/jwt+x", "jwt"),
    ] {
        fails(
            &judge(&policy(expected), &with_typ(found), T0),
            "typ",
            "expected",
        );
        assert!(!media_type_eq(found, expected), "{found} != {expected}");
    }
    let untyped = tok(json!({"alg": "ES256"}), json!({}));
    fails(
        &judge(&policy("at+jwt"), &untyped, T0),
        "typ",
        "the header has no typ",
    );
}

#[test]
fn iss_sub_and_nonce_are_compared_exactly() {
    let policy = Policy {
        issuer: Some("https://issuer.example".into()),
        subject: Some("alice".into()),
        nonce: Some("n-0S6_WzA2Mj".into()),
        ..Policy::default()
    };
    let good =
        jwt(json!({"iss": "https://issuer.example", "sub": "alice", "nonce": "n-0S6_WzA2Mj"}));
    let report = judge(&policy, &good, T0);
    assert!(report.accepted, "{report:#?}");
    assert_eq!(ids(&report), ["signature", "iss", "sub", "nonce"]);
    let bad = jwt(json!({"iss": "https://issuer.example/", "sub": 42}));
    let report = judge(&policy, &bad, T0);
    fails(
        &report,
        "iss",
        r#"iss is "https://issuer.example/"; expected "https://issuer.example""#,
    );
    fails(
        &report,
        "sub",
        r#"sub is 42, not a string; expected "alice""#,
    );
    fails(
        &report,
        "nonce",
        r#"nonce is missing; expected "n-0S6_WzA2Mj""#,
    );
}

#[test]
fn aud_must_hold_one_of_the_expected_audiences() {
    let policy = Policy {
        audience: vec!["c".into(), "api".into()],
        ..Policy::default()
    };
    passes(&judge(&policy, &jwt(json!({"aud": "api"})), T0), "aud");
    let among = passes(
        &judge(&policy, &jwt(json!({"aud": ["x", "api"]})), T0),
        "aud",
    );
    assert!(among.contains(r#""api" is expected"#), "{among}");
    let report = judge(&policy, &jwt(json!({"aud": ["a", "b"]})), T0);
    fails(
        &report,
        "aud",
        r#"aud is ["a","b"]; expected one of ["c","api"]"#,
    );
    fails(
        &judge(&policy, &jwt(json!({"aud": 5})), T0),
        "aud",
        "neither a string nor an array",
    );
    fails(
        &judge(&policy, &jwt(json!({})), T0),
        "aud",
        "aud is missing",
    );
    fails(
        &judge(&policy, &jwt(json!({"aud": [1, "C"]})), T0),
        "aud",
        "expected one of",
    );
}

#[test]
fn required_claims_must_be_present() {
    let policy = Policy {
        required_claims: vec!["jti".into(), "scope".into()],
        ..Policy::default()
    };
    let report = judge(&policy, &jwt(json!({"jti": "1", "scope": null})), T0);
    assert_eq!(
        ids(&report),
        ["signature", "required:jti", "required:scope"]
    );
    assert!(report.accepted, "null is present: {report:#?}");
    fails(
        &judge(&policy, &jwt(json!({"jti": "1"})), T0),
        "required:scope",
        "scope is missing",
    );
    // A payload that is not an object has no claims.
    let text = decode(&format!(
        "{}.{}.c2ln",
        base64url::encode(br#"{"alg":"RS256"}"#),
        base64url::encode(b"hello")
    ))
    .unwrap();
    fails(&judge(&policy, &text, T0), "required:jti", "missing");
}

#[test]
fn exp_edges_with_and_without_leeway() {
    let token = jwt(json!({"exp": T0}));
    let none = Policy::default();
    assert!(passes(&judge(&none, &token, T0 - 1), "exp").contains("expires in 1 s"));
    fails(&judge(&none, &token, T0), "exp", "expired 0 s ago");
    fails(&judge(&none, &token, T0 + 1), "exp", "expired 1 s ago");
    fails(
        &judge(&none, &token, T0 + 86_400),
        "exp",
        "expired 1 d (86400 s) ago",
    );
    let leeway = Policy {
        leeway: 5,
        ..Policy::default()
    };
    let within = passes(&judge(&leeway, &token, T0 + 4), "exp");
    assert!(
        within.contains("expired 4 s ago, within the leeway") && within.contains("leeway 5 s"),
        "{within}"
    );
    fails(&judge(&leeway, &token, T0 + 5), "exp", "expired 5 s ago");
    fails(
        &judge(&none, &jwt(json!({"exp": "tomorrow"})), T0),
        "exp",
        "not a NumericDate",
    );
    // Fractions are floored, as everywhere in the tool.
    passes(
        &judge(&none, &jwt(json!({"exp": 1_796_205_600.9})), T0 - 1),
        "exp",
    );
}

#[test]
fn nbf_in_the_future_and_its_leeway() {
    let token = jwt(json!({"nbf": T0}));
    let none = Policy::default();
    fails(
        &judge(&none, &token, T0 - 1),
        "nbf",
        "not valid yet: valid in 1 s",
    );
    fails(
        &judge(&none, &token, T0 - 3600),
        "nbf",
        "valid in 1 h (3600 s)",
    );
    passes(&judge(&none, &token, T0), "nbf");
    let leeway = Policy {
        leeway: 10,
        ..Policy::default()
    };
    assert!(passes(&judge(&leeway, &token, T0 - 10), "nbf").contains("within the leeway"));
    fails(&judge(&leeway, &token, T0 - 11), "nbf", "valid in 11 s");
}

#[test]
fn iat_is_judged_when_the_policy_relies_on_it() {
    let token = jwt(json!({"iat": T0 + 1, "exp": T0 + 600}));
    assert!(judge(&Policy::default(), &token, T0).rule("iat").is_none());
    let required = Policy {
        required_claims: vec!["iat".into()],
        ..Policy::default()
    };
    fails(
        &judge(&required, &token, T0),
        "iat",
        "issued in the future: in 1 s",
    );
    passes(&judge(&required, &token, T0 + 1), "iat");
    let leeway = Policy {
        leeway: 1,
        ..required.clone()
    };
    assert!(passes(&judge(&leeway, &token, T0), "iat").contains("within the leeway"));
    fails(
        &judge(&required, &jwt(json!({"iat": "x"})), T0),
        "iat",
        "not a NumericDate",
    );
}

#[test]
fn lifetime_over_the_maximum() {
    let policy = Policy {
        max_lifetime: Some(3600),
        ..Policy::default()
    };
    let hour = jwt(json!({"iat": T0, "exp": T0 + 3600}));
    assert!(passes(&judge(&policy, &hour, T0), "lifetime").contains("1 h (3600 s)"));
    let longer = jwt(json!({"iat": T0, "exp": T0 + 3601}));
    fails(
        &judge(&policy, &longer, T0),
        "lifetime",
        "exp - iat is 1 h (3601 s); at most 1 h (3600 s) allowed",
    );
    fails(
        &judge(&policy, &jwt(json!({"exp": T0 + 60})), T0),
        "lifetime",
        "no iat",
    );
    fails(
        &judge(&policy, &jwt(json!({"iat": T0})), T0),
        "lifetime",
        "no exp",
    );
}

/// The page's verdict on `token` with `public` (PEM, JWK or JWKS), made into facts.
fn facts_with_key(token: &DecodedToken, public: &str) -> SignatureFacts {
    let keys: Result<Vec<KeyCandidate>, _> = parse_public_keys(public);
    let key_in_secret = public_key_in_secret("");
    let inputs = KeyInputs {
        secret: "",
        secret_encoding: SecretEncoding::Utf8,
        key_in_secret: &key_in_secret,
        public_keys: &keys,
        public_key_empty: false,
        allowed_algs: &[],
        strictness: Strictness::Strict,
    };
    let status = run_ready(signature_status(&RustCrypto, &Ok(token.clone()), inputs)).unwrap();
    SignatureFacts::from_status(&status, token, keys.as_deref().unwrap_or_default())
}

#[test]
fn amplify_accepts_the_gateway_token_and_refuses_it_a_day_later() {
    let key = parse_private_key(RSA_PRIVATE).unwrap();
    let mut jwk = key.public_key().to_jwk();
    jwk["kid"] = json!("k1");
    let jwks = json!({"keys": [jwk]}).to_string();
    let header = Value::Object(gateway::header_members("k1")).to_string();
    let payload = Value::Object(gateway::claims("app-42", T0, 600)).to_string();
    let compact = sign::sign_token(&header, &payload, &key, &mut seeded_rng().unwrap()).unwrap();
    let token = decode(&compact).unwrap();
    let inputs = PresetInputs {
        application_id: Some("app-42".into()),
        ..PresetInputs::default()
    };
    let policy = Preset::Amplify.policy(&inputs).unwrap();
    let facts = facts_with_key(&token, &jwks);
    assert_eq!(facts.key_kid.as_deref(), Some("k1"));
    let report = evaluate(&policy, &token, &facts, T0 + 60);
    assert!(report.accepted, "{report:#?}");
    assert_eq!(
        ids(&report),
        [
            "signature",
            "alg",
            "kid",
            "iss",
            "sub",
            "aud",
            "required:exp",
            "required:iat",
            "exp",
            "iat"
        ]
    );
    let day_later = evaluate(&policy, &token, &facts, T0 + 86_400);
    fails(&day_later, "exp", "expired 23 h (85800 s) ago");
    assert_eq!(day_later.failed().count(), 1);
    // With the PEM (no kid to compare) it still verifies; another app's id does not pass.
    let pem_facts = facts_with_key(&token, RSA_PUBLIC);
    assert!(evaluate(&policy, &token, &pem_facts, T0).accepted);
    let other = Preset::Amplify
        .policy(&PresetInputs {
            application_id: Some("app-43".into()),
            ..inputs.clone()
        })
        .unwrap();
    let report = evaluate(&other, &token, &facts, T0);
    for id in ["iss", "sub", "aud"] {
        fails(&report, id, "app-43");
    }
    // A JWKS whose key is under another kid: the pipeline finds no key for "k1".
    let mut moved = key.public_key().to_jwk();
    moved["kid"] = json!("k2");
    let facts = facts_with_key(&token, &json!({"keys": [moved]}).to_string());
    assert!(!facts.verified && facts.key_kid.is_none(), "{facts:?}");
    fails(&evaluate(&policy, &token, &facts, T0), "signature", "k1");
}

#[test]
fn presets_have_stable_ids_labels_and_inputs() {
    let labels: Vec<(&str, &str)> = Preset::ALL.iter().map(|p| (p.id(), p.label())).collect();
    assert_eq!(
        labels,
        [
            ("amplify", "Axway Amplify Central"),
            ("oidc", "OpenID Connect ID token"),
            ("rfc9068", "OAuth 2.0 access token (RFC 9068)"),
            ("dpop", "DPoP proof (RFC 9449)"),
        ]
    );
    for preset in Preset::ALL {
        assert_eq!(Preset::from_id(preset.id()), Some(preset));
    }
    assert_eq!(Preset::from_id("Amplify"), None);
    let blank = PresetInputs {
        application_id: Some("  ".into()),
        ..PresetInputs::default()
    };
    assert!(matches!(
        Preset::Amplify.policy(&blank),
        Err(PolicyError::MissingPresetInput {
            input: "the Application ID",
            ..
        })
    ));
    assert!(matches!(
        Preset::Oidc.policy(&PresetInputs::default()),
        Err(PolicyError::MissingPresetInput { .. })
    ));
    assert!(Preset::Dpop.policy(&PresetInputs::default()).is_ok());
    let bad_htu = PresetInputs {
        dpop: DpopRules {
            htu: Some("ftp://x/y".into()),
            ..DpopRules::default()
        },
        ..PresetInputs::default()
    };
    assert!(matches!(
        Preset::Dpop.policy(&bad_htu),
        Err(PolicyError::HtuNotHttp { .. })
    ));
}

#[test]
fn oidc_checks_the_nonce_when_given() {
    let inputs = PresetInputs {
        issuer: Some("https://op.example".into()),
        audience: Some("client-1".into()),
        nonce: Some("n1".into()),
        ..PresetInputs::default()
    };
    let policy = Preset::Oidc.policy(&inputs).unwrap();
    let claims = json!({"iss": "https://op.example", "sub": "u", "aud": "client-1", "exp": T0 + 300, "iat": T0, "nonce": "n1"});
    assert!(judge(&policy, &jwt(claims.clone()), T0).accepted);
    let mut replayed = claims.clone();
    replayed["nonce"] = json!("n0");
    fails(
        &judge(&policy, &jwt(replayed), T0),
        "nonce",
        r#"nonce is "n0"; expected "n1""#,
    );
    let without = Preset::Oidc
        .policy(&PresetInputs {
            nonce: None,
            ..inputs
        })
        .unwrap();
    let mut no_nonce = claims;
    no_nonce.as_object_mut().unwrap().remove("nonce");
    let report = judge(&without, &jwt(no_nonce), T0);
    assert!(
        report.accepted && report.rule("nonce").is_none(),
        "{report:#?}"
    );
    fails(
        &judge(
            &without,
            &jwt(json!({"iss": "https://op.example", "aud": "client-1"})),
            T0,
        ),
        "required:sub",
        "missing",
    );
}

#[test]
fn rfc9068_wants_the_at_jwt_type() {
    let inputs = PresetInputs {
        issuer: Some("https://as.example".into()),
        audience: Some("https://rs.example".into()),
        ..PresetInputs::default()
    };
    let policy = Preset::Rfc9068.policy(&inputs).unwrap();
    let claims = json!({"iss": "https://as.example", "aud": ["https://rs.example"], "sub": "u", "client_id": "c",
        "exp": T0 + 300, "iat": T0, "jti": "j"});
    for typ in ["at+jwt", "application/at+JWT"] {
        let token = tok(json!({"alg": "ES256", "typ": typ}), claims.clone());
        assert!(judge(&policy, &token, T0).accepted, "{typ}");
    }
    let plain = tok(json!({"alg": "ES256", "typ": "JWT"}), claims);
    fails(
        &judge(&policy, &plain, T0),
        "typ",
        r#"typ is "JWT"; expected "at+jwt""#,
    );
}

/// RFC 9449 section 7.1's access token and its `ath`.
const ACCESS_TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
const ATH: &str = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo";

/// A DPoP proof signed ES256 by the core's signer with a fresh P-256 key, whose public JWK
/// (or `jwk`, when given) is in the header.
fn proof(claims: Value, jwk: Option<Value>) -> DecodedToken {
    let key = keys::generate(KeyKind::P256, &mut seeded_rng().unwrap()).unwrap();
    let jwk = jwk.unwrap_or_else(|| key.public_key().to_jwk());
    let header = json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": jwk}).to_string();
    let compact = sign::sign_token(
        &header,
        &claims.to_string(),
        &key,
        &mut seeded_rng().unwrap(),
    )
    .unwrap();
    decode(&compact).unwrap()
}

fn dpop_policy(htu: &str) -> Policy {
    Preset::Dpop
        .policy(&PresetInputs {
            dpop: DpopRules {
                htm: Some("POST".into()),
                htu: Some(htu.into()),
                access_token: Some(ACCESS_TOKEN.into()),
            },
            ..PresetInputs::default()
        })
        .unwrap()
}

fn proof_claims() -> Value {
    json!({"jti": "e1j3V_bKic8-LAEB", "htm": "POST", "htu": "https://server.example.com/token", "iat": T0, "ath": ATH})
}

/// The proof judged with the signature facts of its own `jwk` header, as the command line does.
fn judge_proof(policy: &Policy, token: &DecodedToken, at: i64) -> PolicyReport {
    let facts = match proof_key(token) {
        Ok(candidate) => facts_with_key(token, &candidate.key.to_jwk().to_string()),
        Err(e) => SignatureFacts {
            verified: false,
            detail: e.to_string(),
            key_kid: None,
        },
    };
    evaluate(policy, token, &facts, at)
}

#[test]
fn a_real_dpop_proof_is_accepted_with_its_own_jwk() {
    assert_eq!(access_token_hash(ACCESS_TOKEN), ATH);
    let token = proof(proof_claims(), None);
    let report = judge_proof(
        &dpop_policy("https://server.example.com/token"),
        &token,
        T0 + 10,
    );
    assert!(report.accepted, "{report:#?}");
    assert_eq!(
        ids(&report),
        [
            "signature",
            "typ",
            "required:jti",
            "required:htm",
            "required:htu",
            "required:iat",
            "dpop-jwk",
            "htm",
            "htu",
            "ath",
            "iat",
            "dpop-age"
        ]
    );
    assert!(passes(&report, "dpop-jwk").contains("EC P-256 public key (thumbprint "));
    // htu: scheme, host and default port normalized, query and fragment ignored.
    for expected in [
        "HTTPS://Server.Example.COM:443/token?x=1#f",
        "https://server.example.com/./token",
    ] {
        passes(&judge_proof(&dpop_policy(expected), &token, T0), "htu");
    }
    let other_path = judge_proof(
        &dpop_policy("https://server.example.com/token2"),
        &token,
        T0,
    );
    fails(
        &other_path,
        "htu",
        r#"expected "https://server.example.com/token2""#,
    );
}

#[test]
fn dpop_rules_fail_one_by_one() {
    let policy = dpop_policy("https://server.example.com/token");
    let with = |name: &str, value: Value| {
        let mut claims = proof_claims();
        claims[name] = value;
        proof(claims, None)
    };
    fails(
        &judge_proof(&policy, &with("ath", json!("AAAA")), T0),
        "ath",
        &format!(r#"ath is "AAAA"; the SHA-256 of the access token is "{ATH}""#),
    );
    fails(
        &judge_proof(&policy, &with("htm", json!("GET")), T0),
        "htm",
        r#"htm is "GET"; expected "POST""#,
    );
    fails(
        &judge_proof(
            &policy,
            &with("htu", json!("https://evil.example/token")),
            T0,
        ),
        "htu",
        "evil",
    );
    let mut no_ath = proof_claims();
    no_ath.as_object_mut().unwrap().remove("ath");
    fails(
        &judge_proof(&policy, &proof(no_ath, None), T0),
        "ath",
        "ath is missing",
    );
    // Age: five minutes plus the leeway.
    let token = proof(proof_claims(), None);
    passes(&judge_proof(&policy, &token, T0 + 300), "dpop-age");
    fails(
        &judge_proof(&policy, &token, T0 + 301),
        "dpop-age",
        "the proof is 5 min (301 s) old",
    );
    let lenient = Policy {
        leeway: 30,
        ..policy.clone()
    };
    passes(&judge_proof(&lenient, &token, T0 + 330), "dpop-age");
    fails(
        &judge_proof(&policy, &token, T0 - 1),
        "iat",
        "issued in the future",
    );
}

#[test]
fn the_dpop_jwk_must_be_public_asymmetric_and_the_signer() {
    let policy = dpop_policy("https://server.example.com/token");
    // A private JWK in the header (a leaked key), and another key's public JWK.
    let leaked = keys::generate(KeyKind::P256, &mut seeded_rng().unwrap())
        .unwrap()
        .to_jwk();
    let report = judge_proof(&policy, &proof(proof_claims(), Some(leaked)), T0);
    fails(&report, "dpop-jwk", "private key members (d)");
    fails(&report, "signature", "private key members");
    // An ML-DSA (AKP) key's private member is its seed, `priv` (RFC 9964).
    let leaked = keys::generate(KeyKind::MlDsa44, &mut seeded_rng().unwrap())
        .unwrap()
        .to_jwk();
    let report = judge_proof(&policy, &proof(proof_claims(), Some(leaked)), T0);
    fails(&report, "dpop-jwk", "private key members (priv)");
    let stranger = keys::generate(KeyKind::P256, &mut seeded_rng().unwrap())
        .unwrap()
        .public_key()
        .to_jwk();
    let report = judge_proof(&policy, &proof(proof_claims(), Some(stranger)), T0);
    fails(&report, "dpop-jwk", "does not verify the proof");
    fails(&report, "signature", "Invalid signature");
    let secret = json!({"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"});
    let report = judge_proof(
        &policy,
        &tok(
            json!({"alg": "HS256", "typ": "dpop+jwt", "jwk": secret}),
            proof_claims(),
        ),
        T0,
    );
    fails(&report, "dpop-jwk", "symmetric");
    let report = judge_proof(
        &policy,
        &tok(json!({"alg": "ES256", "typ": "dpop+jwt"}), proof_claims()),
        T0,
    );
    fails(&report, "dpop-jwk", "the header has no jwk");
    let report = judge_proof(
        &policy,
        &tok(json!({"alg": "ES256", "jwk": "x"}), proof_claims()),
        T0,
    );
    fails(
        &report,
        "dpop-jwk",
        r#"the header's jwk is "x", not a JSON object"#,
    );
}

#[test]
fn htu_normalization() {
    for (given, normal) in [
        (
            "https://server.example.com/token",
            "https://server.example.com/token",
        ),
        (
            "HTTPS://SERVER.example.com:443/token?q#f",
            "https://server.example.com/token",
        ),
        ("http://h:80", "http://h/"),
        ("http://h:8080/a/../b/./c/", "http://h:8080/b/c/"),
        ("https://h:/%7euser/%2f", "https://h/~user/%2F"),
        ("https://[::1]:443/x", "https://[::1]/x"),
        ("https://[::1]/x", "https://[::1]/x"),
        ("https://h/a/b/..", "https://h/a/"),
        ("https://h/é", "https://h/é"),
    ] {
        assert_eq!(normalize_htu(given).as_deref(), Some(normal), "{given}");
    }
    for bad in [
        "ftp://h/x",
        "https://",
        "/token",
        "https:// h/x",
        "https://h/\n",
        "https://:443/x",
        "",
        // A port is digits, and only an IPv6 literal holds a ':' (found by the property test
        // below: "http://A::" normalized to "http://a:/", itself normalized to "http://a/").
        "http://A::",
        "http://a:b/",
        "http://a:1:2/",
        // A '%' that starts no escape: decoding after it could make one ("%%350").
        "https://h/%zz%4",
        "http://h/%%350",
    ] {
        assert_eq!(normalize_htu(bad), None, "{bad:?}");
    }
}

#[test]
fn policy_json_round_trips_and_refuses_unknown_members() {
    for preset in Preset::ALL {
        let inputs = PresetInputs {
            application_id: Some("app".into()),
            issuer: Some("https://iss".into()),
            audience: Some("aud".into()),
            nonce: Some("n".into()),
            dpop: DpopRules {
                htm: Some("POST".into()),
                htu: Some("https://h/t".into()),
                access_token: Some(ACCESS_TOKEN.into()),
            },
        };
        let policy = Preset::policy(preset, &inputs).unwrap();
        assert_eq!(
            Policy::from_json(&policy.to_json()).unwrap(),
            policy,
            "{}",
            preset.id()
        );
    }
    let full = Policy {
        typ: Some("at+jwt".into()),
        leeway: 30,
        max_lifetime: Some(3600),
        ..Policy::default()
    };
    let text = full.to_json();
    assert!(
        text.contains(r#""type": "at+jwt""#) && text.contains(r#""leeway": 30"#),
        "{text}"
    );
    assert_eq!(Policy::default().to_json(), "{}");
    assert_eq!(Policy::from_json("{}").unwrap(), Policy::default());
    for bad in [
        r#"{"issuer": "a", "isuser": "b"}"#,
        r#"{"dpop": {"htm": "GET", "url": "x"}}"#,
        r#"{"typ": "JWT"}"#,
    ] {
        let err = Policy::from_json(bad).unwrap_err();
        assert!(
            matches!(&err, PolicyError::Json { reason } if reason.contains("unknown field")),
            "{bad}: {err}"
        );
    }
    assert!(matches!(
        Policy::from_json(r#"{"leeway": -1}"#),
        Err(PolicyError::Json { .. })
    ));
    assert!(matches!(
        Policy::from_json("[]"),
        Err(PolicyError::Json { .. })
    ));
}

#[test]
fn absurd_policies_are_refused() {
    let check = |json: &str| Policy::from_json(json).unwrap_err();
    assert_eq!(
        check(r#"{"leeway": 86401}"#),
        PolicyError::LeewayTooLarge {
            leeway: 86_401,
            max: MAX_LEEWAY_SECS
        }
    );
    assert!(Policy::from_json(r#"{"leeway": 86400}"#).is_ok());
    assert_eq!(
        check(r#"{"audience": ["a", ""]}"#),
        PolicyError::Empty { field: "audience" }
    );
    assert_eq!(
        check(r#"{"issuer": "  "}"#),
        PolicyError::Empty { field: "issuer" }
    );
    assert_eq!(
        check(r#"{"required_claims": [""]}"#),
        PolicyError::Empty {
            field: "required_claims"
        }
    );
    assert_eq!(check(r#"{"algorithms": ["none"]}"#), PolicyError::AlgNone);
    assert!(matches!(
        check(r#"{"algorithms": ["rs256"]}"#),
        PolicyError::Algorithm { .. }
    ));
    assert!(matches!(
        check(r#"{"algorithms": ["XS999"]}"#),
        PolicyError::Algorithm { .. }
    ));
    assert_eq!(
        check(r#"{"preset": "gateway"}"#),
        PolicyError::UnknownPreset {
            id: "gateway".into()
        }
    );
    assert!(matches!(
        check(r#"{"max_lifetime": 0}"#),
        PolicyError::MaxLifetimeOutOfRange { given: 0, .. }
    ));
    assert!(matches!(
        check(r#"{"dpop": {"htu": "token"}}"#),
        PolicyError::HtuNotHttp { .. }
    ));
    assert_eq!(
        check(r#"{"dpop": {"htm": ""}}"#),
        PolicyError::Empty { field: "dpop.htm" }
    );
}

#[test]
fn debug_never_prints_the_access_token() {
    let inputs = PresetInputs {
        dpop: DpopRules {
            access_token: Some(ACCESS_TOKEN.into()),
            ..DpopRules::default()
        },
        ..PresetInputs::default()
    };
    let policy = Preset::Dpop.policy(&inputs).unwrap();
    for shown in [format!("{inputs:?}"), format!("{policy:?}")] {
        assert!(
            !shown.contains(ACCESS_TOKEN) && shown.contains("redacted"),
            "{shown}"
        );
    }
}

#[test]
fn moments_are_unix_seconds_or_rfc3339() {
    assert_eq!(parse_instant("2026-12-02T10:00:00Z"), Ok(T0));
    assert_eq!(parse_instant(" 1796205600 "), Ok(T0));
    assert_eq!(parse_instant("-1"), Ok(-1));
    assert_eq!(parse_instant("2026-12-02t11:30:00.999+01:30"), Ok(T0));
    assert_eq!(parse_instant("2026-12-02 04:00:00-06:00"), Ok(T0));
    assert_eq!(parse_instant("1970-01-01T00:00:00z"), Ok(0));
    assert_eq!(parse_instant("2000-02-29T00:00:00Z"), Ok(951_782_400));
    assert_eq!(parse_instant("2016-12-31T23:59:60Z"), Ok(1_483_228_800));
    for bad in [
        "",
        "tomorrow",
        "2026-12-02T10:00:00",
        "2026-12-02",
        "2026-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-12-02T24:00:00Z",
        "2026-12-02T10:00:00.Z",
        "2026-12-02T10:00:00+1:00",
        "2026-12-02T10:00:00+24:00",
        "99999999999999999999",
        "2026-1-02T10:00:00Z",
        "２０２６-12-02T10:00:00Z",
    ] {
        assert!(
            matches!(parse_instant(bad), Err(PolicyError::Instant { .. })),
            "{bad:?}"
        );
    }
    // The inverse of the claims table's dates, over four centuries of days and leap years.
    for seconds in (-12_219_292_800_i64..=32_503_680_000).step_by(7_777_777) {
        let utc = format_utc(seconds);
        let rfc3339 = format!("{}Z", utc.trim_end_matches(" UTC").replacen(' ', "T", 1));
        assert_eq!(parse_instant(&rfc3339), Ok(seconds), "{rfc3339}");
    }
}

proptest::proptest! {
    /// User input never panics the moment parser or the htu normalization, and a normalized
    /// htu is its own normalization.
    #[test]
    fn parsers_never_panic(text in "\\PC{0,40}", uri in "(https?|HTTP)://[a-zA-Z0-9.:@\\[\\]%/._~-]{0,30}(\\?[a-z=]{0,5})?") {
        let _ = parse_instant(&text);
        let _ = normalize_htu(&text);
        if let Some(normal) = normalize_htu(&uri) {
            proptest::prop_assert_eq!(normalize_htu(&normal), Some(normal.clone()), "{}", uri);
        }
    }

    /// Any payload and moment: a report, whose verdict is that of its rules.
    #[test]
    fn evaluation_never_panics(exp in proptest::num::i64::ANY, iat in proptest::num::f64::ANY, at in proptest::num::i64::ANY, leeway in 0u64..=86_400) {
        let policy = Policy { leeway, max_lifetime: Some(3600), required_claims: vec!["iat".into()], ..dpop_policy("https://h/") };
        let report = judge(&policy, &jwt(json!({"exp": exp, "iat": iat, "nbf": exp})), at);
        proptest::prop_assert_eq!(report.accepted, report.rules.iter().all(|r| r.passed));
    }
}
