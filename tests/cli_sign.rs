#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger sign`, run as a process: every JWS algorithm signs a token that Python's
//! `cryptography` verifies and our `verify` accepts with every key form `keygen` wrote (and
//! refuses once tampered); the header and claims built from the options; the refusals. The
//! harness is tests/jose_support/cli.rs.

mod jose_support;

use std::path::Path;

use jose_support::cli::*;
use serde_json::{Value, json};

/// (alg, keygen type)
const ROUND_TRIP: &[(&str, &str)] = &[
    ("HS256", "hs256"),
    ("HS384", "hs384"),
    ("HS512", "hs512"),
    ("RS256", "rsa2048"),
    ("RS384", "rsa2048"),
    ("RS512", "rsa2048"),
    ("PS256", "rsa2048"),
    ("PS384", "rsa2048"),
    ("PS512", "rsa2048"),
    ("ES256", "p256"),
    ("ES384", "p384"),
    ("ES512", "p521"),
    ("EdDSA", "ed25519"),
];

/// The key arguments `verify` is given for a token signed with `alg` by the keygen key `t`: the
/// secret for HS*; else each PEM file, and the JWK and JWKS too when they name `alg` (they name
/// the key's algorithm, "alg": RS256 for rsa2048, RFC 7517 §4.4).
fn verify_key_forms(alg: &str, t: &str, secret_args: &[String]) -> Vec<Vec<String>> {
    if alg.starts_with("HS") {
        return vec![secret_args.to_vec()];
    }
    let jwk = read_json(&key(t, "public.jwk.json"));
    let files: &[&str] = if jwk["alg"] == json!(alg) {
        &["public.pem", "public.jwk.json", "jwks.json", "private.pem"]
    } else {
        &["public.pem", "private.pem"]
    };
    files
        .iter()
        .map(|f| vec!["--key".to_owned(), p(&key(t, f)).to_owned()])
        .collect()
}

#[test]
fn sign_then_verify_every_jws_algorithm() {
    let dir = scratch("round-trip");
    for (alg, t) in ROUND_TRIP {
        let payload = format!(r#"{{"sub":"round-trip","alg_under_test":"{alg}"}}"#);
        let hmac = alg.starts_with("HS");
        let key_args = if hmac {
            base64url_secret_args(&key(t, "secret.txt"))
        } else {
            vec!["--key".to_owned(), p(&key(t, "private.pem")).to_owned()]
        };
        let mut args = vec!["--alg", alg, "--payload", &payload];
        args.extend(key_args.iter().map(String::as_str));
        let token = sign(&args);
        let (h, pl, _) = parts(&token);
        assert_eq!(part_json(h)["alg"], json!(alg));
        assert_eq!(
            String::from_utf8(unb64u(pl)).unwrap(),
            payload,
            "payload kept"
        );

        // The independent judge.
        let judged = if hmac {
            let secret = unb64u(&read(&key(t, "secret.txt")));
            python_verifies_hmac(&token, &secret, &dir)
        } else {
            python_verifies(&token, &key(t, "public.pem"))
        };
        assert!(judged, "{alg}: Python's cryptography verifies our token");

        // Our verify, with every key form keygen wrote.
        for kargs in &verify_key_forms(alg, t, &key_args) {
            verify_args(&token, kargs).verified();
            let v = verify_json(&token, kargs).json();
            assert_eq!(v["status"], json!("verified"), "{alg}: {v}");
            assert_eq!(v["alg"], json!(alg), "{v}");
            assert!(v["detail"].is_string(), "{v}");
            assert!(v["key"].is_string() || v["key"].is_null(), "{v}");

            verify_args(&tamper(&token), kargs)
                .code(1)
                .one_stderr_line();
        }
    }
}

/// `sign --alg HS256 --secret-file FILE ARGS...`: the token, checked by Python's HMAC.
fn sign_hs256(secret_file: &Path, secret: &str, extra: &[&str]) -> String {
    let mut args = vec!["--alg", "HS256", "--secret-file", p(secret_file)];
    args.extend(extra);
    let token = sign(&args);
    let dir = secret_file.parent().unwrap();
    assert!(
        python_verifies_hmac(&token, secret.as_bytes(), dir),
        "{args:?}"
    );
    token
}

/// The payload of an HS256 token signed with `extra` arguments.
fn signed_claims(secret_file: &Path, secret: &str, extra: &[&str]) -> Value {
    part_json(parts(&sign_hs256(secret_file, secret, extra)).1)
}

#[test]
fn sign_builds_the_header_and_claims_as_documented() {
    let secret = "sign-claims-secret-of-at-least-32-bytes!";
    let (dir, sf) = scratch_with_secret("sign-claims", secret);

    // Header: alg, typ JWT, kid.
    let token = sign_hs256(&sf, secret, &["--kid", "k-1", "--sub", "alice"]);
    let (h, pl, _) = parts(&token);
    assert_eq!(
        part_json(h),
        json!({"alg": "HS256", "typ": "JWT", "kid": "k-1"})
    );
    assert_eq!(part_json(pl)["sub"], json!("alice"));

    // --header merges; its typ wins; no kid unless asked.
    let token = sign_hs256(
        &sf,
        secret,
        &["--header", r#"{"typ":"at+jwt","x5t":"abc"}"#],
    );
    let header = part_json(parts(&token).0);
    assert_eq!(header["typ"], json!("at+jwt"));
    assert_eq!(header["x5t"], json!("abc"));
    assert_eq!(header["alg"], json!("HS256"));
    assert!(header.get("kid").is_none(), "{header}");

    // --claim values: JSON when valid JSON, else strings; registered claim options.
    let claims = signed_claims(
        &sf,
        secret,
        &[
            "--claim",
            "n=5",
            "--claim",
            "flag=true",
            "--claim",
            r#"obj={"a":[1,2]}"#,
            "--claim",
            "name=hello world",
            "--claim",
            "quoted=\"42\"",
            "--iss",
            "https://issuer.example",
            "--sub",
            "bob",
            "--aud",
            "my-api",
            "--iat",
            "1700000000",
            "--exp",
            "+600",
        ],
    );
    assert_eq!(claims["n"], json!(5));
    assert_eq!(claims["flag"], json!(true));
    assert_eq!(claims["obj"], json!({"a": [1, 2]}));
    assert_eq!(claims["name"], json!("hello world"));
    assert_eq!(claims["quoted"], json!("42"));
    assert_eq!(claims["iss"], json!("https://issuer.example"));
    assert_eq!(claims["sub"], json!("bob"));
    assert_eq!(claims["aud"], json!("my-api"));
    assert_eq!(claims["iat"], json!(1_700_000_000));
    assert_eq!(claims["exp"], json!(1_700_000_600), "--exp +600 is iat+600");

    // --iat now, --exp +SECONDS without --iat (now), --exp TIMESTAMP.
    let claims = signed_claims(&sf, secret, &["--iat", "now", "--exp", "+120"]);
    let iat = claims["iat"].as_i64().expect("iat number");
    assert!((iat - now()).abs() < 60, "iat now: {iat}");
    assert_eq!(claims["exp"].as_i64(), Some(iat + 120));
    let claims = signed_claims(&sf, secret, &["--exp", "+300"]);
    let exp = claims["exp"].as_i64().expect("exp number");
    assert!((exp - (now() + 300)).abs() < 60, "exp now+300: {exp}");
    let claims = signed_claims(&sf, secret, &["--exp", "1800000000"]);
    assert_eq!(claims["exp"], json!(1_800_000_000));

    // --payload @FILE, with claims added on top.
    let payload_file = dir.join("payload.json");
    write(&payload_file, r#"{"from":"file","n":1}"#);
    let at = format!("@{}", p(&payload_file));
    let claims = signed_claims(&sf, secret, &["--payload", &at, "--sub", "s"]);
    assert_eq!(claims["from"], json!("file"));
    assert_eq!(claims["n"], json!(1));
    assert_eq!(claims["sub"], json!("s"));

    // --json: {"token", "header", "payload"}.
    let run = cli(&[
        "sign",
        "--alg",
        "HS256",
        "--secret-file",
        p(&sf),
        "--kid",
        "j",
        "--sub",
        "json",
        "--json",
    ]);
    let v = run.json();
    let token = v["token"].as_str().expect("token").to_owned();
    let (h, pl, _) = parts(&token);
    // header/payload as objects (or, if the binary prints them as JSON text, that text).
    let as_value = |x: &Value| match x {
        Value::String(text) => serde_json::from_str(text).expect("JSON text"),
        other => other.clone(),
    };
    assert_eq!(as_value(&v["header"]), part_json(h));
    assert_eq!(as_value(&v["payload"]), part_json(pl));
    assert_eq!(part_json(h)["kid"], json!("j"));
    assert!(python_verifies_hmac(&token, secret.as_bytes(), &dir));
}

#[test]
fn sign_refusals() {
    let (_, secret_file) =
        scratch_with_secret("sign-refusals", "sign-refusals-secret-of-at-least-32-bytes");
    let sf = p(&secret_file);
    let rsa = key("rsa2048", "private.pem");
    for args in [
        // No key at all.
        vec!["--alg", "HS256"],
        // No algorithm.
        vec!["--secret-file", sf],
        // alg none is never signed.
        vec!["--alg", "none", "--secret-file", sf],
        // An unknown algorithm.
        vec!["--alg", "XS256", "--secret-file", sf],
        // The key does not fit the algorithm.
        vec!["--alg", "ES256", "--key", p(&rsa)],
        vec!["--alg", "HS256", "--key", p(&rsa)],
        // A missing key file, bad JSON.
        vec!["--alg", "RS256", "--key", "/nonexistent/key.pem"],
        vec![
            "--alg",
            "HS256",
            "--secret-file",
            sf,
            "--payload",
            "{not json",
        ],
        vec!["--alg", "HS256", "--secret-file", sf, "--header", "[1]"],
    ] {
        cli(&[&["sign"][..], &args].concat()).refused();
    }
}

/// Binary DER key files (what `openssl pkey -outform DER` writes, converted here by the openssl
/// command line) sign and verify like their PEM; a binary file that is no key is refused.
#[test]
fn der_key_files_sign_and_verify() {
    let dir = scratch("der-keys");
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let (private, public) = (dir.join("private.der"), dir.join("public.der"));
    let pem = key("p256", "private.pem");
    openssl(&[
        "pkey",
        "-in",
        p(&pem),
        "-outform",
        "DER",
        "-out",
        p(&private),
    ]);
    openssl(&[
        "pkey",
        "-in",
        p(&pem),
        "-pubout",
        "-outform",
        "DER",
        "-out",
        p(&public),
    ]);
    let token = cli(&[
        "sign",
        "--alg",
        "ES256",
        "--key",
        p(&private),
        "--sub",
        "der",
    ])
    .ok()
    .trim()
    .to_owned();
    cli(&["verify", &token, "--key", p(&public)]).verified();
    cli(&["verify", &token, "--key", p(&key("p256", "public.pem"))]).verified();
    let junk = dir.join("junk.der");
    write(&junk, [0x30u8, 0x03, 0xff, 0xfe, 0x00]);
    cli(&["sign", "--alg", "ES256", "--key", p(&junk), "--sub", "x"]).usage_error();
}
