#![cfg(not(target_arch = "wasm32"))]
//! The security review (`jose::lints`): every finding kind is triggered by a token built here,
//! with its severity; clean tokens produce no errors or warnings; and `lint` never panics on
//! arbitrary headers, payloads and signatures.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_debugger::jose::algorithm::{EcCurve, KeyType, OkpCurve};
use jwt_debugger::jose::keys::{HmacSecret, PublicKey};
use jwt_debugger::jose::lints::{
    CritProblem, EpkProblem, Finding, FindingKind, JweLintContext, KidIssue, LintContext, Severity,
    epk_review, lint, lint_jwe, lint_jwe_with,
};
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::{Algorithm, JoseError};
use p256::ecdsa::signature::Signer as _;
use proptest::prelude::*;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

/// The review's clock: 2023-11-14T22:13:20Z.
const NOW: i64 = 1_700_000_000;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `header.payload.signature` from JSON texts and signature bytes.
fn compact(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(signature)
    )
}

/// Claims that raise nothing at [`NOW`]: issued a minute ago, valid for an hour.
fn sane_claims() -> String {
    format!(r#"{{"sub":"app","iat":{},"exp":{}}}"#, NOW - 60, NOW + 3600)
}

/// A 64-byte ES256 `r || s` with both halves non-zero.
const ES256_RAW: [u8; 64] = [7; 64];

fn rsa_public(bits: usize, seed: u64) -> PublicKey {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let key = rsa::PrivateKey::new(&mut rng, bits).unwrap();
    PublicKey::Rsa(key.to_public_key())
}

static RSA_1024: LazyLock<PublicKey> = LazyLock::new(|| rsa_public(1024, 1));
static RSA_2048: LazyLock<PublicKey> = LazyLock::new(|| rsa_public(2048, 2));
static P256_SIGNER: LazyLock<p256::ecdsa::SigningKey> =
    LazyLock::new(|| p256::ecdsa::SigningKey::from_slice(&[1; 32]).unwrap());
static P256: LazyLock<PublicKey> = LazyLock::new(|| PublicKey::P256(*P256_SIGNER.verifying_key()));
static P384: LazyLock<PublicKey> = LazyLock::new(|| {
    PublicKey::P384(
        *p384::ecdsa::SigningKey::from_slice(&[1; 48])
            .unwrap()
            .verifying_key(),
    )
});
static ED25519: LazyLock<PublicKey> = LazyLock::new(|| {
    PublicKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&[9; 32]).verifying_key())
});
static HMAC_32: LazyLock<PublicKey> = LazyLock::new(|| PublicKey::Hmac(HmacSecret(vec![3; 32])));

/// Lints `token` at [`NOW`] with an optional key and HMAC secret length.
fn run(token: &str, key: Option<&PublicKey>, hmac_len: Option<usize>) -> Vec<Finding> {
    let decoded = decode(token).unwrap_or_else(|e| panic!("{token} does not decode: {e}"));
    let ctx = LintContext {
        verification_key: key,
        hmac_secret_len: hmac_len,
        ..LintContext::at(NOW)
    };
    lint(&decoded, &ctx)
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::id).collect()
}

fn find<'a>(findings: &'a [Finding], id: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.id() == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(findings)))
}

/// One token that triggers one finding.
struct Case {
    id: &'static str,
    severity: Severity,
    /// What is special about the token, for the table.
    what: &'static str,
    token: String,
    key: Option<&'static PublicKey>,
    hmac_len: Option<usize>,
    /// The verification key's JWK `alg`.
    key_alg: Option<&'static str>,
    /// Whether the token is signed with the page's demo key.
    demo: bool,
}

/// Lints a case's token with its key, secret length, JWK `alg` and demo flag.
fn run_case(c: &Case) -> Vec<Finding> {
    let decoded = decode(&c.token).unwrap_or_else(|e| panic!("{} does not decode: {e}", c.token));
    let ctx = LintContext {
        verification_key: c.key,
        hmac_secret_len: c.hmac_len,
        key_alg: c.key_alg,
        demo_key: c.demo,
        ..LintContext::at(NOW)
    };
    lint(&decoded, &ctx)
}

fn case(id: &'static str, severity: Severity, what: &'static str, token: String) -> Case {
    Case {
        id,
        severity,
        what,
        token,
        key: None,
        hmac_len: None,
        key_alg: None,
        demo: false,
    }
}

fn with_key(mut c: Case, key: &'static PublicKey) -> Case {
    c.key = Some(key);
    c
}

/// Signature bytes for tokens whose signature is not what is being checked (kept short so the
/// printed table stays readable; nothing here verifies signatures).
const PLACEHOLDER_SIG: &[u8] = b"signature";

fn rs(header: &str) -> String {
    compact(header, &sane_claims(), PLACEHOLDER_SIG)
}

fn es256(signature: &[u8]) -> String {
    compact(r#"{"alg":"ES256","typ":"JWT"}"#, &sane_claims(), signature)
}

fn claims(payload: String) -> String {
    compact(r#"{"alg":"RS256","typ":"JWT"}"#, &payload, PLACEHOLDER_SIG)
}

/// A real ES256 signature, DER-encoded as generic crypto APIs produce it.
fn der_signature() -> Vec<u8> {
    let sig: p256::ecdsa::Signature = P256_SIGNER.sign(b"header.payload");
    sig.to_der().as_bytes().to_vec()
}

fn cases() -> Vec<Case> {
    use Severity::{Error, Info, Warning};
    let h = rs;
    let long_kid = format!(r#"{{"alg":"RS256","kid":"{}"}}"#, "k".repeat(300));
    let mut zero_r = ES256_RAW;
    zero_r[..32].fill(0);
    let mut zero_s = ES256_RAW;
    zero_s[32..].fill(0);
    let mut hs = case(
        "hmac-secret-short",
        Warning,
        "HS256",
        compact(r#"{"alg":"HS256"}"#, &sane_claims(), &[1; 32]),
    );
    hs.hmac_len = Some(20);
    let mut hs_err = case(
        "hmac-secret-short",
        Error,
        "HS256 (secret under 16 bytes: error)",
        compact(r#"{"alg":"HS256"}"#, &sane_claims(), &[1; 32]),
    );
    hs_err.hmac_len = Some(8);
    vec![
        case(
            "alg-none",
            Error,
            r#"alg "none", empty signature"#,
            compact(r#"{"alg":"none"}"#, &sane_claims(), b""),
        ),
        case(
            "alg-none",
            Error,
            r#"alg "None""#,
            compact(r#"{"alg":"None"}"#, &sane_claims(), b""),
        ),
        case(
            "alg-none",
            Error,
            r#"alg "NONE""#,
            compact(r#"{"alg":"NONE"}"#, &sane_claims(), b""),
        ),
        case(
            "alg-none",
            Error,
            r#"alg "nOnE""#,
            compact(r#"{"alg":"nOnE"}"#, &sane_claims(), b""),
        ),
        case("alg-missing", Error, "no alg", h(r#"{"typ":"JWT"}"#)),
        case("alg-not-string", Error, "alg 256", h(r#"{"alg":256}"#)),
        case(
            "alg-wrong-case",
            Warning,
            r#"alg "rs256""#,
            h(r#"{"alg":"rs256"}"#),
        ),
        case(
            "crit",
            Warning,
            r#"crit ["b64"] with b64 present"#,
            h(r#"{"alg":"RS256","b64":true,"crit":["b64"]}"#),
        ),
        case(
            "crit-invalid",
            Error,
            "crit lists an absent name",
            h(r#"{"alg":"RS256","crit":["exp"]}"#),
        ),
        case(
            "crit-invalid",
            Error,
            "crit is not an array",
            h(r#"{"alg":"RS256","crit":"b64"}"#),
        ),
        case(
            "crit-invalid",
            Error,
            "crit is empty",
            h(r#"{"alg":"RS256","crit":[]}"#),
        ),
        case(
            "header-jku",
            Warning,
            "jku URL",
            h(r#"{"alg":"RS256","jku":"https://attacker.example/jwks.json"}"#),
        ),
        case(
            "header-x5u",
            Warning,
            "x5u URL",
            h(r#"{"alg":"RS256","x5u":"https://attacker.example/cert.pem"}"#),
        ),
        case(
            "header-jwk",
            Warning,
            "embedded jwk",
            h(r#"{"alg":"RS256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}"#),
        ),
        case(
            "header-x5c",
            Warning,
            "embedded x5c",
            h(r#"{"alg":"RS256","x5c":["MIIB"]}"#),
        ),
        case(
            "kid-suspicious",
            Warning,
            "kid path traversal",
            h(r#"{"alg":"RS256","kid":"../../../../dev/null"}"#),
        ),
        case(
            "kid-suspicious",
            Warning,
            "kid SQL injection",
            h(r#"{"alg":"RS256","kid":"x' UNION SELECT 'key';--"}"#),
        ),
        case("kid-suspicious", Warning, "kid of 300 bytes", h(&long_kid)),
        case(
            "typ-unusual",
            Info,
            r#"typ "JWE""#,
            h(r#"{"alg":"RS256","typ":"JWE"}"#),
        ),
        case(
            "token-repaired",
            Info,
            "line break and '=' padding inside",
            {
                // 4 signature bytes: base64 would pad them with "==".
                let t = compact(r#"{"alg":"RS256","typ":"JWT"}"#, &sane_claims(), b"sig!");
                let (head, rest) = t.split_at(10);
                format!("{head}\n{rest}==")
            },
        ),
        case(
            "claim-not-numeric",
            Error,
            r#"exp "tomorrow""#,
            claims(format!(r#"{{"iat":{},"exp":"tomorrow"}}"#, NOW - 60)),
        ),
        case(
            "exp-missing",
            Warning,
            "no exp",
            claims(format!(r#"{{"iat":{}}}"#, NOW - 60)),
        ),
        case(
            "exp-before-iat",
            Error,
            "exp = iat - 1 h",
            claims(format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 60, NOW - 3660)),
        ),
        case(
            "lifetime-long",
            Warning,
            "exp - iat = 30 days",
            claims(format!(
                r#"{{"iat":{},"exp":{}}}"#,
                NOW - 60,
                NOW + 30 * 86_400
            )),
        ),
        case(
            "nbf-future",
            Info,
            "nbf = now + 1 h",
            claims(format!(
                r#"{{"iat":{},"nbf":{},"exp":{}}}"#,
                NOW - 60,
                NOW + 3600,
                NOW + 7200
            )),
        ),
        case(
            "expired",
            Warning,
            "exp = now - 1 min",
            claims(format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 3600, NOW - 60)),
        ),
        case(
            "iat-future",
            Warning,
            "iat = now + 10 min",
            claims(format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 600, NOW + 3600)),
        ),
        case(
            "ecdsa-der",
            Error,
            "ES256 signature in DER",
            es256(&der_signature()),
        ),
        case(
            "ecdsa-sig-length",
            Error,
            "ES256 signature of 63 bytes",
            es256(&[7; 63]),
        ),
        case("ecdsa-zero", Error, "ES256 r = 0", es256(&zero_r)),
        case("ecdsa-zero", Error, "ES256 s = 0", es256(&zero_s)),
        case(
            "ecdsa-zero",
            Error,
            "ES256 r = s = 0 (psychic signature)",
            es256(&[0; 64]),
        ),
        hs,
        hs_err,
        with_key(
            case(
                "rsa-key-small",
                Error,
                "RS256",
                rs(r#"{"alg":"RS256","typ":"JWT"}"#),
            ),
            &RSA_1024,
        ),
        with_key(
            case(
                "alg-key-mismatch",
                Error,
                "HS256 (algorithm confusion)",
                compact(r#"{"alg":"HS256","typ":"JWT"}"#, &sane_claims(), &[1; 32]),
            ),
            &RSA_2048,
        ),
        with_key(
            case(
                "alg-key-mismatch",
                Error,
                "RS256",
                rs(r#"{"alg":"RS256","typ":"JWT"}"#),
            ),
            &P256,
        ),
        with_key(
            case("alg-key-mismatch", Error, "ES256", es256(&ES256_RAW)),
            &P384,
        ),
        case(
            "duplicate-member",
            Error,
            "header {\"alg\":\"none\",\"alg\":\"RS256\"}",
            rs(r#"{"alg":"none","alg":"RS256"}"#),
        ),
        case(
            "duplicate-member",
            Error,
            "payload with \"sub\" twice",
            claims(format!(
                r#"{{"sub":"a","sub":"admin","iat":{},"exp":{}}}"#,
                NOW - 60,
                NOW + 3600
            )),
        ),
        case(
            "signature-empty",
            Error,
            "RS256, empty signature",
            compact(r#"{"alg":"RS256"}"#, &sane_claims(), b""),
        ),
        case(
            "signature-empty",
            Error,
            "HS256, empty signature",
            compact(r#"{"alg":"HS256"}"#, &sane_claims(), b""),
        ),
        with_key(
            case(
                "key-self-vouching",
                Error,
                "ES256 with the verification key in \"jwk\"",
                compact(
                    &format!(r#"{{"alg":"ES256","jwk":{}}}"#, P256.to_jwk()),
                    &sane_claims(),
                    &ES256_RAW,
                ),
            ),
            &P256,
        ),
        Case {
            key_alg: Some("RS512"),
            ..with_key(
                case(
                    "key-alg-differs",
                    Error,
                    "RS256, key for RS512",
                    rs(r#"{"alg":"RS256"}"#),
                ),
                &RSA_2048,
            )
        },
        Case {
            demo: true,
            ..with_key(
                case(
                    "demo-key",
                    Error,
                    "RS256, demo key",
                    rs(r#"{"alg":"RS256"}"#),
                ),
                &RSA_2048,
            )
        },
    ]
}

#[test]
fn each_case_triggers_its_finding_with_its_severity() {
    for c in cases() {
        let findings = run_case(&c);
        let f = find(&findings, c.id);
        assert_eq!(f.severity, c.severity, "{} ({})", c.id, c.what);
    }
}

#[test]
fn every_finding_kind_is_triggered_and_table_is_printed() {
    let cases = cases();
    let mut seen = BTreeSet::new();
    eprintln!("| finding id | severity | token shape | title shown | token |");
    eprintln!("| --- | --- | --- | --- | --- |");
    for c in &cases {
        let findings = run_case(c);
        for f in &findings {
            assert!(
                FindingKind::IDS.contains(&f.id()),
                "{} missing from IDS",
                f.id()
            );
            seen.insert(f.id());
        }
        let key = c
            .key
            .map(|k| format!(" + {}", k.describe()))
            .unwrap_or_default();
        let secret = c
            .hmac_len
            .map(|n| format!(" + {n}-byte secret"))
            .unwrap_or_default();
        let title = find(&findings, c.id).title().replace('|', "\\|");
        eprintln!(
            "| `{}` | {} | {}{key}{secret} | {title} | `{}` |",
            c.id,
            c.severity,
            c.what,
            c.token.escape_debug()
        );
    }
    for c in jwe_cases() {
        let findings = c.run();
        assert_eq!(find(&findings, c.id).severity, c.severity, "{}", c.id);
        seen.extend(findings.iter().map(|f| f.id()));
    }
    let all: BTreeSet<_> = FindingKind::IDS.into_iter().collect();
    assert_eq!(all.len(), FindingKind::IDS.len(), "duplicate ids");
    let missing: Vec<_> = all.difference(&seen).collect();
    assert!(missing.is_empty(), "never triggered: {missing:?}");
}

#[test]
fn clean_tokens_have_no_errors_or_warnings() {
    let header = |alg: &str| format!(r#"{{"typ":"JWT","alg":"{alg}","kid":"key-2024_01.a"}}"#);
    let tokens: [(String, &PublicKey); 6] = [
        (
            compact(&header("RS256"), &sane_claims(), &[5; 256]),
            &RSA_2048,
        ),
        (
            compact(&header("PS512"), &sane_claims(), &[5; 256]),
            &RSA_2048,
        ),
        (compact(&header("ES256"), &sane_claims(), &ES256_RAW), &P256),
        (compact(&header("ES384"), &sane_claims(), &[7; 96]), &P384),
        (
            compact(&header("EdDSA"), &sane_claims(), &[7; 64]),
            &ED25519,
        ),
        (
            compact(&header("HS256"), &sane_claims(), &[7; 32]),
            &HMAC_32,
        ),
    ];
    for (token, key) in &tokens {
        let findings = run(token, Some(key), None);
        assert!(findings.is_empty(), "{token}: {findings:?}");
    }
    // No key at all: still nothing to report.
    assert!(run(&tokens[0].0, None, None).is_empty());
}

#[test]
fn findings_are_sorted_by_severity_and_deterministic() {
    let header = r#"{"alg":"NONE","typ":"weird","jku":"https://x","kid":"../k","crit":[]}"#;
    let payload = format!(r#"{{"iat":{},"nbf":{},"exp":"x"}}"#, NOW + 60, NOW + 60);
    let token = compact(header, &payload, b"");
    let first = run(&token, Some(&RSA_1024), None);
    assert!(
        first.windows(2).all(|w| w[0].severity <= w[1].severity),
        "{first:?}"
    );
    assert_eq!(first, run(&token, Some(&RSA_1024), None));
    assert_eq!(
        ids(&first),
        [
            "alg-none",
            "crit-invalid",
            "claim-not-numeric",
            "rsa-key-small",
            "crit",
            "header-jku",
            "kid-suspicious",
            "iat-future",
            "typ-unusual",
            "nbf-future",
        ]
    );
}

#[test]
fn alg_none_in_any_casing_is_read_from_the_raw_header() {
    for alg in ["none", "None", "NONE", "nOnE", " none"] {
        let token = compact(&format!(r#"{{"alg":"{alg}"}}"#), &sane_claims(), b"");
        let decoded = decode(&token).unwrap();
        if alg != "none" {
            assert!(decoded.alg.is_err(), "{alg}");
        }
        let findings = lint(&decoded, &LintContext::at(NOW));
        let f = find(&findings, "alg-none");
        assert_eq!(
            f.kind,
            FindingKind::AlgNone {
                written: alg.to_owned()
            }
        );
        assert_eq!(f.severity, Severity::Error);
        // `none` fits no key, but only the alg-none finding reports it.
        assert!(!ids(&run(&token, Some(&HMAC_32), None)).contains(&"alg-key-mismatch"));
    }
}

#[test]
fn wrong_case_alg_still_gets_key_checks_for_the_canonical_algorithm() {
    let token = compact(r#"{"alg":"hs256"}"#, &sane_claims(), &[1; 32]);
    let findings = run(&token, Some(&RSA_2048), None);
    assert_eq!(
        find(&findings, "alg-wrong-case").kind,
        FindingKind::AlgWrongCase {
            written: "hs256".to_owned(),
            canonical: Algorithm::HS256
        }
    );
    let mismatch = find(&findings, "alg-key-mismatch");
    assert_eq!(
        mismatch.kind,
        FindingKind::AlgKeyMismatch {
            alg: Algorithm::HS256,
            key: KeyType::Rsa
        }
    );
    assert!(
        mismatch.title().starts_with("algorithm confusion"),
        "{}",
        mismatch.title()
    );
    // An unknown algorithm is not a wrong case of a known one.
    let token = compact(r#"{"alg":"HS1024"}"#, &sane_claims(), b"x");
    assert!(matches!(
        decode(&token).unwrap().alg,
        Err(JoseError::UnsupportedAlgorithm { .. })
    ));
    assert!(run(&token, Some(&RSA_2048), None).is_empty());
}

#[test]
fn hmac_secret_thresholds() {
    for (alg, len, expected) in [
        ("HS256", 8, Some(Severity::Error)),
        ("HS256", 15, Some(Severity::Error)),
        ("HS256", 16, Some(Severity::Warning)),
        ("HS256", 31, Some(Severity::Warning)),
        ("HS256", 32, None),
        ("HS384", 47, Some(Severity::Warning)),
        ("HS384", 48, None),
        ("HS512", 63, Some(Severity::Warning)),
        ("HS512", 64, None),
        ("RS256", 4, None),
    ] {
        let token = compact(&format!(r#"{{"alg":"{alg}"}}"#), &sane_claims(), &[1; 32]);
        let findings = run(&token, None, Some(len));
        let got = findings
            .iter()
            .find(|f| f.id() == "hmac-secret-short")
            .map(|f| f.severity);
        assert_eq!(got, expected, "{alg} with {len} bytes");
    }
    // Without an explicit length, the HMAC verification key's length is used.
    let short = PublicKey::Hmac(HmacSecret(b"secret".to_vec()));
    let token = compact(r#"{"alg":"HS384"}"#, &sane_claims(), &[1; 48]);
    let findings = run(&token, Some(&short), None);
    assert_eq!(
        find(&findings, "hmac-secret-short").kind,
        FindingKind::HmacSecretTooShort {
            alg: Algorithm::HS384,
            secret_bytes: 6,
            needed_bytes: 48
        }
    );
}

fn crit_problems(header: &str) -> Vec<CritProblem> {
    let findings = run(&rs(header), None, None);
    assert_eq!(find(&findings, "crit").severity, Severity::Warning);
    match findings
        .iter()
        .find(|f| f.id() == "crit-invalid")
        .map(|f| &f.kind)
    {
        Some(FindingKind::CritInvalid { problems }) => problems.clone(),
        _ => Vec::new(),
    }
}

#[test]
fn crit_rules_of_rfc7515() {
    assert_eq!(
        crit_problems(r#"{"alg":"RS256","b64":false,"crit":["b64"]}"#),
        []
    );
    assert_eq!(
        crit_problems(r#"{"alg":"RS256","crit":[]}"#),
        [CritProblem::Empty]
    );
    assert_eq!(
        crit_problems(r#"{"alg":"RS256","crit":{"b64":1}}"#),
        [CritProblem::NotAnArray {
            found: r#"{"b64":1}"#.to_owned()
        }]
    );
    assert_eq!(
        crit_problems(r#"{"alg":"RS256","ext":1,"crit":["ext",7,"alg","gone","ext"]}"#),
        [
            CritProblem::NotAString { index: 1 },
            CritProblem::Registered {
                name: "alg".to_owned()
            },
            CritProblem::Absent {
                name: "gone".to_owned()
            },
            CritProblem::Duplicate {
                name: "ext".to_owned()
            },
        ]
    );
    // A hostile crit cannot flood the panel.
    let many = format!(
        r#"{{"alg":"RS256","crit":[{}]}}"#,
        vec!["1"; 10_000].join(",")
    );
    assert_eq!(crit_problems(&many).len(), 16);
}

fn kid_issues(kid_json: &str) -> Vec<KidIssue> {
    let findings = run(
        &rs(&format!(r#"{{"alg":"RS256","kid":{kid_json}}}"#)),
        None,
        None,
    );
    match findings
        .iter()
        .find(|f| f.id() == "kid-suspicious")
        .map(|f| &f.kind)
    {
        Some(FindingKind::SuspiciousKid { issues }) => issues.clone(),
        _ => Vec::new(),
    }
}

#[test]
fn kid_issues_name_the_characters() {
    use KidIssue::*;
    assert_eq!(kid_issues(r#""2024-01_rsa.key""#), []);
    assert_eq!(kid_issues(r#""../../dev/null""#), [DotDot, Slash]);
    assert_eq!(kid_issues(r#""..\\..\\boot.ini""#), [DotDot, Backslash]);
    assert_eq!(kid_issues(r#""key\u0000.pem""#), [Nul]);
    assert_eq!(kid_issues(r#""key\nX-Injected: 1""#), [ControlChar]);
    assert_eq!(kid_issues(r#""1' OR '1'='1""#), [SingleQuote]);
    assert_eq!(kid_issues(r#""a\"b""#), [DoubleQuote]);
    assert_eq!(
        kid_issues(r#""k; DROP TABLE keys --""#),
        [Semicolon, SqlComment]
    );
    assert_eq!(kid_issues(r#""k /* x */""#), [Slash, SqlComment]);
    assert_eq!(kid_issues(&format!(r#""{}""#, "a".repeat(256))), []);
    assert_eq!(
        kid_issues(&format!(r#""{}""#, "a".repeat(257))),
        [TooLong { len: 257 }]
    );
    assert_eq!(
        kid_issues("42"),
        [NotAString {
            found: "42".to_owned()
        }]
    );
    let title = Finding::new(FindingKind::SuspiciousKid {
        issues: vec![DotDot, SingleQuote],
    })
    .title();
    assert!(
        title.contains(r#"".." (path traversal)"#) && title.contains(r#""'" (SQL quote)"#),
        "{title}"
    );
}

#[test]
fn typ_values() {
    for typ in [
        r#""JWT""#,
        r#""jwt""#,
        r#""at+jwt""#,
        r#""application/at+JWT""#,
        r#""application/jwt""#,
    ] {
        let findings = run(
            &rs(&format!(r#"{{"alg":"RS256","typ":{typ}}}"#)),
            None,
            None,
        );
        assert!(findings.is_empty(), "{typ}: {findings:?}");
    }
    for typ in [r#""JWS""#, r#""dpop+jwt""#, r#""application/""#, "5"] {
        let findings = run(
            &rs(&format!(r#"{{"alg":"RS256","typ":{typ}}}"#)),
            None,
            None,
        );
        assert_eq!(
            find(&findings, "typ-unusual").severity,
            Severity::Info,
            "{typ}"
        );
    }
}

#[test]
fn repairs_that_do_not_alter_the_token_are_not_findings() {
    let token = rs(r#"{"alg":"RS256","typ":"JWT"}"#);
    assert!(run(&format!("  Bearer {token}\n"), None, None).is_empty());
    let with_space = format!("{} {}", &token[..5], &token[5..]);
    assert_eq!(
        find(&run(&with_space, None, None), "token-repaired").severity,
        Severity::Info
    );
    let std_b64 = compact(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        &sane_claims(),
        &[0xfb; 256],
    )
    .replace('_', "/");
    assert!(ids(&run(&std_b64, None, None)).contains(&"token-repaired"));
}

fn claim_ids(payload: &str) -> Vec<&'static str> {
    ids(&run(&claims(payload.to_owned()), None, None))
}

#[test]
fn time_claim_boundaries() {
    let p = |s: String| claim_ids(&s);
    assert_eq!(p(format!(r#"{{"exp":{NOW}}}"#)), ["expired"]);
    assert_eq!(p(format!(r#"{{"exp":{}}}"#, NOW + 1)), Vec::<&str>::new());
    assert_eq!(
        p(format!(r#"{{"iat":{},"exp":{}}}"#, NOW - 5, NOW - 5)),
        ["exp-before-iat", "expired"]
    );
    assert_eq!(
        p(format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 86_400)),
        Vec::<&str>::new()
    );
    assert_eq!(
        p(format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 86_401)),
        ["lifetime-long"]
    );
    // Without iat the lifetime left is measured from now.
    assert_eq!(
        p(format!(r#"{{"exp":{}}}"#, NOW + 86_401)),
        ["lifetime-long"]
    );
    assert_eq!(
        p(format!(r#"{{"nbf":{NOW},"exp":{}}}"#, NOW + 60)),
        Vec::<&str>::new()
    );
    assert_eq!(
        p(format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 60)),
        Vec::<&str>::new()
    );
    // NumericDate may have a fraction; huge values saturate instead of overflowing.
    assert_eq!(
        p(format!(r#"{{"iat":{}.75,"exp":{}.5}}"#, NOW - 1, NOW + 60)),
        Vec::<&str>::new()
    );
    // Beyond ±2^62 s (or beyond i64) a number is not a NumericDate, for the findings as for the
    // Verify pane and the claims table (one reader, `claims::numeric_date`).
    assert_eq!(
        p(r#"{"iat":-9223372036854775808,"exp":18446744073709551615}"#.to_owned()),
        ["claim-not-numeric"]
    );
    assert_eq!(p(r#"{"exp":1e300}"#.to_owned()), ["claim-not-numeric"]);
    // Every non-number is an error, and a non-numeric exp is not also "missing".
    assert_eq!(
        p(r#"{"exp":"1700000000","nbf":null,"iat":[1]}"#.to_owned()),
        [
            "claim-not-numeric",
            "claim-not-numeric",
            "claim-not-numeric"
        ]
    );
    // A custom lifetime limit.
    let token = claims(format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 600));
    let ctx = LintContext {
        max_lifetime_secs: 300,
        ..LintContext::at(NOW)
    };
    let findings = lint(&decode(&token).unwrap(), &ctx);
    assert_eq!(
        find(&findings, "lifetime-long").kind,
        FindingKind::LongLifetime {
            lifetime_secs: 600,
            max_secs: 300,
            from_iat: true
        }
    );
    // A payload that is not a JSON object has no claims to check.
    for payload in ["hello", "[1,2]", "42"] {
        assert!(claim_ids(payload).is_empty(), "{payload}");
    }
}

#[test]
fn ecdsa_signature_shapes() {
    let der = der_signature();
    assert_eq!(der.first(), Some(&0x30));
    let findings = run(&es256(&der), Some(&P256), None);
    assert_eq!(
        find(&findings, "ecdsa-der").kind,
        FindingKind::EcdsaSignatureDer {
            alg: Algorithm::ES256,
            len: der.len()
        }
    );
    assert!(!ids(&findings).contains(&"ecdsa-sig-length"));
    // DER with r = s = 0: both findings.
    let zero_der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00];
    assert_eq!(
        ids(&run(&es256(&zero_der), None, None)),
        ["ecdsa-der", "ecdsa-zero"]
    );
    // Starts like DER but is not (trailing byte, one integer only): just the wrong length.
    for not_der in [
        &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00][..],
        &[0x30, 0x03, 0x02, 0x01, 0x01],
        &[0x30],
    ] {
        assert_eq!(
            ids(&run(&es256(not_der), None, None)),
            ["ecdsa-sig-length"],
            "{not_der:?}"
        );
    }
    // The length is per curve; a missing signature is the wrong length too.
    let es384 = compact(r#"{"alg":"ES384"}"#, &sane_claims(), &ES256_RAW);
    assert_eq!(
        find(&run(&es384, None, None), "ecdsa-sig-length").kind,
        FindingKind::EcdsaSignatureLength {
            alg: Algorithm::ES384,
            len: 64,
            expected: 96
        }
    );
    let es512 = compact(r#"{"alg":"ES512"}"#, &sane_claims(), &[0; 132]);
    assert_eq!(
        find(&run(&es512, None, None), "ecdsa-zero").kind,
        FindingKind::EcdsaZeroComponent {
            alg: Algorithm::ES512,
            r_zero: true,
            s_zero: true
        }
    );
    // An empty signature is its own finding, for ES* as for every algorithm.
    assert_eq!(ids(&run(&es256(b""), None, None)), ["signature-empty"]);
    // Other families are not ECDSA-checked.
    let rs_zero = compact(r#"{"alg":"RS256"}"#, &sane_claims(), &[0; 64]);
    assert!(run(&rs_zero, None, None).is_empty());
}

#[test]
fn algorithm_key_fit() {
    let token = |alg: &str| compact(&format!(r#"{{"alg":"{alg}"}}"#), &sane_claims(), &[7; 64]);
    let fits: [(&str, &PublicKey); 5] = [
        ("PS256", &RSA_2048),
        ("EdDSA", &ED25519),
        ("Ed25519", &ED25519),
        ("HS512", &HMAC_32),
        ("ES384", &P384),
    ];
    for (alg, key) in fits {
        assert!(
            !ids(&run(&token(alg), Some(key), None)).contains(&"alg-key-mismatch"),
            "{alg}"
        );
    }
    for (alg, key, kind) in [
        ("HS256", &*P256, KeyType::Ec(EcCurve::P256)),
        ("HS384", &*ED25519, KeyType::Okp(OkpCurve::Ed25519)),
        ("RS256", &*HMAC_32, KeyType::Oct),
        ("PS384", &*P384, KeyType::Ec(EcCurve::P384)),
        ("ES256", &*RSA_2048, KeyType::Rsa),
        ("ES512", &*P256, KeyType::Ec(EcCurve::P256)),
        ("EdDSA", &*P256, KeyType::Ec(EcCurve::P256)),
    ] {
        let findings = run(&token(alg), Some(key), None);
        let f = find(&findings, "alg-key-mismatch");
        assert_eq!(
            f.kind,
            FindingKind::AlgKeyMismatch {
                alg: alg.parse().unwrap(),
                key: kind
            }
        );
        assert_eq!(
            f.title().starts_with("algorithm confusion"),
            alg.starts_with("HS"),
            "{}",
            f.title()
        );
    }
    // A small RSA key is flagged even when it fits the algorithm.
    assert_eq!(
        ids(&run(&token("RS256"), Some(&RSA_1024), None)),
        ["rsa-key-small"]
    );
    assert!(
        find(
            &run(&token("RS256"), Some(&RSA_1024), None),
            "rsa-key-small"
        )
        .title()
        .contains("1024")
    );
}

#[test]
fn every_finding_has_one_line_texts() {
    let jws_findings = cases()
        .into_iter()
        .flat_map(|c| run(&c.token, c.key, c.hmac_len));
    let jwe_findings = jwe_cases().into_iter().flat_map(|c| c.run());
    for f in jws_findings.chain(jwe_findings) {
        for (what, text) in [
            ("title", f.title()),
            ("explanation", f.explanation()),
            ("advice", f.advice()),
        ] {
            assert!(
                !text.is_empty() && !text.contains('\n'),
                "{} {what}: {text:?}",
                f.id()
            );
        }
        assert!(f.explanation().ends_with('.'), "{}", f.id());
        assert_eq!(f.to_string(), format!("{}: {}", f.severity, f.title()));
    }
    assert_eq!(Severity::Error.as_str(), "error");
    assert!(Severity::Error < Severity::Warning && Severity::Warning < Severity::Info);
}

// --- property test: lint never panics ---

fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        (NOW - 100_000..NOW + 100_000).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "none", "NONE", "ES256", "es384", "ES512", "HS256", "RS256", "EdDSA", "b64", "../x",
            "a';--"
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    json_leaf().prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((".{0,6}", inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// JSON objects with the member names the review looks at, or arbitrary text.
fn json_text(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    let known = prop::sample::select(names).prop_map(str::to_owned);
    let object = prop::collection::vec((prop_oneof![known, ".{0,6}"], json_value()), 0..8)
        .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect()).to_string());
    prop_oneof![4 => object, 1 => json_value().prop_map(|v| v.to_string()), 1 => ".{0,40}"]
}

const HEADER_NAMES: &[&str] = &[
    "alg", "alg", "crit", "kid", "typ", "jku", "x5u", "jwk", "x5c", "b64",
];
const CLAIM_NAMES: &[&str] = &["exp", "nbf", "iat", "sub"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lint_never_panics(
        header in json_text(HEADER_NAMES),
        payload in json_text(CLAIM_NAMES),
        signature in prop_oneof![prop::collection::vec(any::<u8>(), 0..140), Just(vec![0u8; 64]), Just(vec![0x30, 6, 2, 1, 0, 2, 1, 0])],
        now in prop_oneof![Just(NOW), any::<i64>()],
        max_lifetime in prop_oneof![Just(86_400i64), any::<i64>()],
        hmac_len in prop::option::of(0usize..100),
        key in 0usize..6,
    ) {
        let keys: [Option<&PublicKey>; 6] = [None, Some(&RSA_1024), Some(&P256), Some(&P384), Some(&ED25519), Some(&HMAC_32)];
        let token = compact(&header, &payload, &signature);
        if let Ok(decoded) = decode(&token) {
            let ctx = LintContext { verification_key: keys[key], hmac_secret_len: hmac_len, max_lifetime_secs: max_lifetime, ..LintContext::at(now) };
            let findings = lint(&decoded, &ctx);
            prop_assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
            for f in &findings {
                prop_assert!(FindingKind::IDS.contains(&f.id()));
                prop_assert_eq!(f.severity, f.kind.severity());
                let _ = (f.title(), f.explanation(), f.advice());
            }
        }
    }

    #[test]
    fn lint_never_panics_on_arbitrary_text(text in ".{0,200}") {
        if let Ok(decoded) = decode(&text) {
            let _ = lint(&decoded, &LintContext::at(NOW));
        }
    }
}

/// The `kid` characters a shell, a path or an SQL query give meaning to are each flagged.
#[test]
fn kid_with_shell_path_or_sql_characters_is_suspicious() {
    for kid in [
        "a|b",
        "a`id`",
        "$(id)",
        "a;b",
        "a&b",
        "a'b",
        "../keys/k",
        "a\\u0000b",
        "k--",
        "k/*",
    ] {
        let token = rs(&format!(r#"{{"alg":"RS256","kid":"{kid}"}}"#));
        assert!(
            ids(&run(&token, None, None)).contains(&"kid-suspicious"),
            "{kid}"
        );
    }
    let shell = rs(r#"{"alg":"RS256","kid":"$(touch x)|y"}"#);
    match &find(&run(&shell, None, None), "kid-suspicious").kind {
        FindingKind::SuspiciousKid { issues } => assert!(issues.contains(&KidIssue::ShellChars)),
        other => panic!("{other:?}"),
    }
    assert!(run(&rs(r#"{"alg":"RS256","kid":"key-2024_01.a"}"#), None, None).is_empty());
}

/// A certificate in `x5c` whose key is the verification key: the token vouches for itself.
/// A different key in `jwk`, or none given, is only the usual header warning.
#[test]
fn a_token_carrying_its_own_verification_key_is_flagged() {
    use jwt_debugger::jose::keys::parse_public_keys;
    let cert_pem = include_str!("fixtures/openssl/rsa2048-cert.pem");
    let cert_key = parse_public_keys(cert_pem).unwrap().remove(0).key;
    let der_b64: String = cert_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let token = rs(&format!(r#"{{"alg":"RS256","x5c":["{der_b64}"]}}"#));
    let findings = run(&token, Some(&cert_key), None);
    assert_eq!(
        find(&findings, "key-self-vouching").kind,
        FindingKind::SelfVouchingKey {
            header: jwt_debugger::jose::lints::KeyHeader::X5c
        }
    );
    assert!(!ids(&run(&token, Some(&RSA_2048), None)).contains(&"key-self-vouching"));
    assert!(!ids(&run(&token, None, None)).contains(&"key-self-vouching"));
    let other = compact(
        &format!(r#"{{"alg":"ES256","jwk":{}}}"#, P384.to_jwk()),
        &sane_claims(),
        &ES256_RAW,
    );
    assert!(!ids(&run(&other, Some(&P256), None)).contains(&"key-self-vouching"));
}

/// A compact JWE with `header` and placeholder parts (the review reads the header only).
fn jwe_token(header: serde_json::Value) -> String {
    format!(
        "{}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn",
        jwt_debugger::jose::base64url::encode(header.to_string().as_bytes())
    )
}

fn jwe(token: &str) -> jwt_debugger::jose::token::JweCompact {
    match jwt_debugger::jose::token::parse(token) {
        Ok(jwt_debugger::jose::token::Token::Jwe(t)) => t,
        other => panic!("not a JWE: {other:?}"),
    }
}

/// A JWE case: a token and what the review knows besides it.
struct JweCase {
    id: &'static str,
    severity: Severity,
    token: String,
    /// The length of the symmetric key given, if any.
    key_len: Option<usize>,
    /// The plaintext, as if decrypted.
    plaintext: Option<Vec<u8>>,
}

impl JweCase {
    fn run(&self) -> Vec<Finding> {
        let token = jwe(&self.token);
        let ctx = JweLintContext {
            // What the page's worker checks and hands to the review.
            epk_problem: epk_review(&token),
            symmetric_key_len: self.key_len,
            plaintext: self.plaintext.as_deref(),
        };
        lint_jwe_with(&token, &ctx)
    }
}

/// A JWE case with a header only.
fn jwe_case(id: &'static str, severity: Severity, header: serde_json::Value) -> JweCase {
    JweCase {
        id,
        severity,
        token: jwe_token(header),
        key_len: None,
        plaintext: None,
    }
}

/// RFC 7518 appendix C's ephemeral key (Alice's), on P-256.
const EPK_X: &str = "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0";
const EPK_Y: &str = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps";
/// The same `y` with its last byte changed: the point is off P-256.
const EPK_Y_OFF: &str = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFppo";

/// Each JWE finding with the severity it must have.
fn jwe_cases() -> Vec<JweCase> {
    use serde_json::json;
    let off_curve = json!({"kty": "EC", "crv": "P-256", "x": EPK_X, "y": EPK_Y_OFF});
    let zero_x25519 = json!({"kty": "OKP", "crv": "X25519", "x": b64(&[0; 32])});
    vec![
        jwe_case(
            "jwe-rsa1_5",
            Severity::Warning,
            json!({"alg": "RSA1_5", "enc": "A128GCM"}),
        ),
        jwe_case(
            "jwe-p2c",
            Severity::Warning,
            json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 999}),
        ),
        jwe_case(
            "jwe-p2c",
            Severity::Error,
            json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1_000_001}),
        ),
        jwe_case(
            "jwe-zip",
            Severity::Warning,
            json!({"alg": "dir", "enc": "A128GCM", "zip": "DEF"}),
        ),
        jwe_case(
            "jwe-epk-invalid",
            Severity::Error,
            json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": off_curve}),
        ),
        jwe_case(
            "jwe-epk-invalid",
            Severity::Error,
            json!({"alg": "ECDH-ES+A128KW", "enc": "A128GCM", "epk": zero_x25519}),
        ),
        JweCase {
            key_len: Some(16),
            ..jwe_case(
                "jwe-key-length",
                Severity::Error,
                json!({"alg": "dir", "enc": "A256GCM"}),
            )
        },
        JweCase {
            plaintext: Some(compact(r#"{"alg":"HS256"}"#, &sane_claims(), &[7; 32]).into_bytes()),
            ..jwe_case(
                "jwe-nested-no-cty",
                Severity::Warning,
                json!({"alg": "dir", "enc": "A128GCM"}),
            )
        },
    ]
}

#[test]
fn a_clean_jwe_header_has_no_findings() {
    use serde_json::json;
    for header in [
        json!({"alg": "RSA-OAEP-256", "enc": "A256GCM"}),
        json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1000}),
        json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2c": 1_000_000}),
    ] {
        assert_eq!(
            lint_jwe(&jwe(&jwe_token(header.clone()))),
            vec![],
            "{header}"
        );
    }
}

/// The `epk` finding says why: off the curve, or unusable; only ECDH-ES tokens are checked.
#[test]
fn jwe_epk_findings_say_why() {
    use serde_json::json;
    let epk_kind = |header: serde_json::Value| {
        lint_jwe(&jwe(&jwe_token(header)))
            .into_iter()
            .find(|f| f.id() == "jwe-epk-invalid")
            .map(|f| f.kind)
    };
    let on = json!({"kty": "EC", "crv": "P-256", "x": EPK_X, "y": EPK_Y});
    let off = json!({"kty": "EC", "crv": "P-256", "x": EPK_X, "y": EPK_Y_OFF});
    assert_eq!(
        epk_kind(json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": on})),
        None
    );
    assert_eq!(
        epk_kind(json!({"alg": "ECDH-ES+A256KW", "enc": "A128GCM", "epk": off})),
        Some(FindingKind::JweEpkInvalid {
            problem: EpkProblem::NotOnCurve {
                crv: "P-256".into()
            }
        })
    );
    // Checked only where it is used: another `alg` ignores `epk`.
    assert_eq!(
        epk_kind(json!({"alg": "A128KW", "enc": "A128GCM", "epk": off})),
        None
    );
    for (epk, says) in [
        (
            json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            "ECDH-ES takes",
        ),
        (
            json!({"kty": "EC", "crv": "P-384", "x": EPK_X, "y": EPK_Y}),
            "48",
        ),
        (json!({"kty": "EC", "crv": "P-256", "x": EPK_X}), "no \"y\""),
        (
            json!({"kty": "OKP", "crv": "X25519", "x": b64(&[0; 32])}),
            "small-order",
        ),
        (json!(["not", "a", "JWK"]), "epk"),
        (serde_json::Value::Null, "epk"),
    ] {
        let mut header = json!({"alg": "ECDH-ES", "enc": "A128GCM", "epk": epk});
        if epk.is_null() {
            header.as_object_mut().unwrap().remove("epk");
        }
        let finding = lint_jwe(&jwe(&jwe_token(header)))
            .into_iter()
            .find(|f| f.id() == "jwe-epk-invalid")
            .unwrap_or_else(|| panic!("{epk}: no finding"));
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.title().contains(says), "{epk}: {}", finding.title());
        assert!(matches!(
            finding.kind,
            FindingKind::JweEpkInvalid {
                problem: EpkProblem::Unusable { .. }
            }
        ));
    }
}

/// Each `enc`'s CEK length for `dir`, and each key wrap's KEK length: a key of another length is
/// an error; algorithms that take no symmetric key, or an unknown `enc`, give nothing.
#[test]
fn jwe_key_length_per_algorithm() {
    use serde_json::json;
    let right = [
        ("dir", "A128GCM", 16),
        ("dir", "A192GCM", 24),
        ("dir", "A256GCM", 32),
        ("dir", "A128CBC-HS256", 32),
        ("dir", "A192CBC-HS384", 48),
        ("dir", "A256CBC-HS512", 64),
        ("A128KW", "A256GCM", 16),
        ("A192KW", "A128GCM", 24),
        ("A256KW", "A128GCM", 32),
        ("A128GCMKW", "A256CBC-HS512", 16),
        ("A256GCMKW", "A128GCM", 32),
    ];
    let key_findings = |alg: &str, enc: &str, len: usize| {
        let ctx = JweLintContext {
            symmetric_key_len: Some(len),
            ..JweLintContext::default()
        };
        lint_jwe_with(&jwe(&jwe_token(json!({"alg": alg, "enc": enc}))), &ctx)
    };
    for (alg, enc, len) in right {
        assert_eq!(key_findings(alg, enc, len), vec![], "{alg} {enc} {len}");
        for wrong in [0, len - 1, len + 1, 2 * len] {
            let findings = key_findings(alg, enc, wrong);
            let f = find(&findings, "jwe-key-length");
            assert_eq!(f.severity, Severity::Error);
            let fixed_by = if alg == "dir" { enc } else { alg };
            assert_eq!(
                f.title(),
                format!("the {alg} key is {wrong} bytes; {fixed_by} needs {len}")
            );
        }
    }
    assert_eq!(key_findings("dir", "A512GCM", 16), vec![]);
    for alg in ["RSA-OAEP-256", "ECDH-ES", "PBES2-HS256+A128KW"] {
        let findings = key_findings(alg, "A128GCM", 3);
        assert!(!ids(&findings).contains(&"jwe-key-length"), "{alg}");
    }
}

/// A nested JWS without `cty: "JWT"` is flagged once decrypted; with `cty` (in any casing), or
/// with a plaintext that is not a JWS, it is not.
#[test]
fn jwe_nested_jwt_without_cty() {
    use serde_json::json;
    let jws = compact(r#"{"alg":"HS256"}"#, &sane_claims(), &[7; 32]);
    let plaintext_findings = |header: serde_json::Value, plaintext: &[u8]| {
        let ctx = JweLintContext {
            plaintext: Some(plaintext),
            ..JweLintContext::default()
        };
        ids(&lint_jwe_with(&jwe(&jwe_token(header)), &ctx))
    };
    let bare = json!({"alg": "dir", "enc": "A128GCM"});
    assert_eq!(
        plaintext_findings(bare.clone(), jws.as_bytes()),
        ["jwe-nested-no-cty"]
    );
    for cty in ["JWT", "jwt"] {
        let header = json!({"alg": "dir", "enc": "A128GCM", "cty": cty});
        assert!(
            plaintext_findings(header, jws.as_bytes()).is_empty(),
            "{cty}"
        );
    }
    assert!(plaintext_findings(bare.clone(), br#"{"sub":"x"}"#).is_empty());
    assert!(plaintext_findings(bare.clone(), b"a.b.c").is_empty());
    // Without the plaintext nothing is said about it.
    assert!(lint_jwe(&jwe(&jwe_token(bare))).is_empty());
}

/// `header` edited by `edit`, the other parts of `token` kept.
fn with_header(
    token: &str,
    edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
) -> String {
    let mut header = jwe(token).header;
    edit(&mut header);
    let header = b64(serde_json::Value::Object(header).to_string().as_bytes());
    let rest = token
        .split_once('.')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    format!("{header}.{rest}")
}

/// The review flags what the JWE core refuses or reports, and says each decryption finding once:
/// real tokens made and decrypted by `jose::jwe`.
#[test]
fn jwe_review_agrees_with_decryption() {
    use jwt_debugger::jose::jwe::{self, DecryptionKey, EncryptionKey, JweError, JweFinding};
    use serde_json::json;
    let mut rng = ChaCha20Rng::seed_from_u64(16);
    let jws = compact(r#"{"alg":"HS256"}"#, &sane_claims(), &[7; 32]);
    let header = json!({"alg": "dir", "enc": "A256GCM", "zip": "DEF"});
    let key = [3u8; 32];
    let token = jwe::encrypt(
        header.as_object().unwrap().clone(),
        jws.as_bytes(),
        &EncryptionKey::symmetric(key.to_vec()),
        &mut rng,
    )
    .unwrap();
    let parsed = jwe(&token);
    let decrypted =
        jwe::decrypt(&parsed, &DecryptionKey::symmetric(key.to_vec()), &mut rng).unwrap();
    assert_eq!(
        decrypted.findings,
        [JweFinding::Compressed, JweFinding::NestedJwsWithoutCty]
    );
    let ctx = JweLintContext {
        symmetric_key_len: Some(key.len()),
        plaintext: Some(&decrypted.plaintext),
        ..JweLintContext::default()
    };
    assert_eq!(
        ids(&lint_jwe_with(&parsed, &ctx)),
        ["jwe-zip", "jwe-nested-no-cty"]
    );
    // dir with a 16-byte key for A256GCM: refused by decryption, flagged by the review.
    let short = jwe::decrypt(&parsed, &DecryptionKey::symmetric(vec![3; 16]), &mut rng);
    assert!(
        matches!(short, Err(JweError::WrongKeyLength { .. })),
        "{short:?}"
    );
    let ctx = JweLintContext {
        symmetric_key_len: Some(16),
        ..JweLintContext::default()
    };
    assert!(ids(&lint_jwe_with(&parsed, &ctx)).contains(&"jwe-key-length"));

    // ECDH-ES on P-256 (RFC 7518 appendix C's Bob): a good epk passes; moved off the curve, it
    // is refused by decryption and flagged by the review.
    let bob = r#"{"kty":"EC","crv":"P-256",
        "x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
        "y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
        "d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}"#;
    let header = json!({"alg": "ECDH-ES", "enc": "A128GCM"});
    let token = jwe::encrypt(
        header.as_object().unwrap().clone(),
        b"x",
        &EncryptionKey::parse(bob).unwrap(),
        &mut rng,
    )
    .unwrap();
    assert!(lint_jwe(&jwe(&token)).is_empty());
    let off = with_header(&token, |h| {
        let epk = h.get_mut("epk").and_then(|e| e.as_object_mut()).unwrap();
        let y = epk["y"].as_str().unwrap().to_owned();
        let last = if y.ends_with('A') { "Q" } else { "A" };
        epk.insert("y".into(), format!("{}{last}", &y[..y.len() - 1]).into());
    });
    let refused = jwe::decrypt(&jwe(&off), &DecryptionKey::parse(bob).unwrap(), &mut rng);
    assert_eq!(refused.unwrap_err(), JweError::EpkNotOnCurve("P-256"));
    assert_eq!(
        find(&lint_jwe(&jwe(&off)), "jwe-epk-invalid").kind,
        FindingKind::JweEpkInvalid {
            problem: EpkProblem::NotOnCurve {
                crv: "P-256".into()
            }
        }
    );

    // X25519: the all-zero public key is of small order.
    let x25519 = jwe::X25519PrivateKey::from_bytes([9; 32]);
    let token = jwe::encrypt(
        header.as_object().unwrap().clone(),
        b"x",
        &EncryptionKey::from(x25519.public_key()),
        &mut rng,
    )
    .unwrap();
    assert!(lint_jwe(&jwe(&token)).is_empty());
    let zero = with_header(&token, |h| {
        h.insert(
            "epk".into(),
            json!({"kty": "OKP", "crv": "X25519", "x": b64(&[0; 32])}),
        );
    });
    let refused = jwe::decrypt(&jwe(&zero), &DecryptionKey::from(x25519), &mut rng);
    assert!(
        matches!(refused, Err(JweError::EpkInvalid(_))),
        "{refused:?}"
    );
    assert!(ids(&lint_jwe(&jwe(&zero))).contains(&"jwe-epk-invalid"));
}

#[test]
fn jwe_lint_context_debug_shows_no_plaintext() {
    let ctx = JweLintContext {
        symmetric_key_len: Some(32),
        plaintext: Some(b"top secret"),
        ..JweLintContext::default()
    };
    let text = format!("{ctx:?}");
    assert!(!text.contains("116") && !text.contains("secret"), "{text}");
    assert!(text.contains("plaintext_len: Some(10)"), "{text}");
}

/// An ECDH-ES `epk` of some key type and curve, with coordinates of any length.
fn epk_value() -> impl Strategy<Value = serde_json::Value> {
    let kty = prop::sample::select(&["EC", "OKP", "RSA", "oct", ""][..]);
    let crv = prop::sample::select(&["P-256", "P-384", "P-521", "X25519", "X448", "secp256k1"][..]);
    let coordinate = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..70).prop_map(|b| serde_json::Value::from(b64(&b))),
        json_value(),
    ];
    (kty, crv, coordinate.clone(), coordinate)
        .prop_map(|(kty, crv, x, y)| serde_json::json!({"kty": kty, "crv": crv, "x": x, "y": y}))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lint_jwe_never_panics(
        alg in prop::sample::select(&["ECDH-ES", "ECDH-ES+A128KW", "dir", "A128KW", "A256GCMKW", "PBES2-HS256+A128KW", "RSA1_5", "x"][..]),
        enc in prop::sample::select(&["A128GCM", "A256CBC-HS512", "A1GCM"][..]),
        epk in prop::option::of(epk_value()),
        key_len in prop::option::of(0usize..100),
        plaintext in prop::option::of(prop::collection::vec(any::<u8>(), 0..80)),
    ) {
        let mut header = serde_json::json!({"alg": alg, "enc": enc});
        if let Some(epk) = epk {
            header["epk"] = epk;
        }
        let token = jwe(&jwe_token(header));
        let ctx = JweLintContext {
            epk_problem: epk_review(&token),
            symmetric_key_len: key_len,
            plaintext: plaintext.as_deref(),
        };
        let findings = lint_jwe_with(&token, &ctx);
        prop_assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
        for f in &findings {
            prop_assert!(FindingKind::IDS.contains(&f.id()));
            let _ = (f.title(), f.explanation(), f.advice());
        }
    }
}
