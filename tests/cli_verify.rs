#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger verify`, run as a process: exit statuses (0 verified, 1 not, 2 unusable input),
//! the `--json` statuses, stdin, `--alg` pinning, `alg: none` and algorithm confusion, and the
//! secret's sources, encodings and warning. The harness is tests/jose_support/cli.rs.

mod jose_support;

use std::path::Path;

use jose_support::cli::*;
use serde_json::json;

/// `verify TOKEN --key KEY` does not verify: exit 1 with one line on stderr; with `--json`,
/// exit 1 and a status other than verified.
fn not_verified(token: &str, key: &Path) {
    verify_with_key(token, key, &[]).code(1).one_stderr_line();
    let run = verify_with_key(token, key, &["--json"]);
    run.code(1);
    assert_ne!(run.json()["status"], json!("verified"));
}

#[test]
fn verify_exit_statuses() {
    let dir = scratch("verify-status");
    let token = sign_with_key("ES256", &key("p256", "private.pem"), &[]);
    let public = key("p256", "public.pem");

    // 0: verified.
    verify_with_key(&token, &public, &[]).verified();

    // 1: invalid signature (tampered; another P-256 key made by openssl).
    verify_with_key(&tamper(&token), &public, &[])
        .code(1)
        .one_stderr_line();
    let (_, other_pub) = openssl_key_pair(
        &dir,
        "other",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    verify_with_key(&token, &other_pub, &[])
        .code(1)
        .one_stderr_line();
    let v = verify_with_key(&token, &other_pub, &["--json"]).json();
    assert_eq!(v["status"], json!("invalid"), "{v}");
    assert_eq!(v["alg"], json!("ES256"), "{v}");
    // 1: not verified (a key of another type: ES256 with a P-384 key).
    not_verified(&token, &key("p384", "public.pem"));

    // 2: missing key file, unreadable key, garbage token, no key at all.
    verify_with_key(&token, &dir.join("missing.pem"), &[]).usage_error();
    let garbage_key = dir.join("garbage.pem");
    write(
        &garbage_key,
        "-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n",
    );
    verify_with_key(&token, &garbage_key, &[]).usage_error();
    write(&garbage_key, "hello");
    verify_with_key(&token, &garbage_key, &[]).usage_error();
    verify_with_key("not-a-token", &public, &[]).usage_error();
    verify_with_key(&token, &public, &["--alg", "XS999"]).usage_error();
}

/// No --key, no --secret/--secret-file, no JWT_SECRET: a usage error.
#[test]
fn verify_without_any_key_is_a_usage_error() {
    let token = sign_with_key("ES256", &key("p256", "private.pem"), &[]);
    cli(&["verify", &token]).usage_error();
}

#[test]
fn verify_json_statuses() {
    let token = sign_with_key("RS256", &key("rsa2048", "private.pem"), &["--kid", "rk"]);
    let public = key("rsa2048", "public.pem");
    let v = verify_with_key(&token, &public, &["--json"]).json();
    assert_eq!(v["status"], json!("verified"));
    assert_eq!(v["alg"], json!("RS256"));
    let run = verify_with_key(&tamper(&token), &public, &["--json"]);
    run.code(1);
    let v = run.json();
    assert_eq!(v["status"], json!("invalid"));
    assert!(!v["detail"].as_str().unwrap_or_default().is_empty(), "{v}");
    let run = verify_with_key(&token, &public, &["--alg", "PS256", "--json"]);
    run.code(1);
    let v = run.json();
    assert_eq!(v["status"], json!("not_verified"), "{v}");
    assert!(v["key"].is_string() || v["key"].is_null(), "{v}");
    assert!(v["alg"].is_string() || v["alg"].is_null(), "{v}");
}

#[test]
fn verify_reads_the_token_from_stdin() {
    let token = sign_with_key("EdDSA", &key("ed25519", "private.pem"), &[]);
    let public = key("ed25519", "public.pem");
    for args in [
        vec!["verify", "--key", p(&public)],
        vec!["verify", "-", "--key", p(&public)],
    ] {
        cli_stdin(&args, &format!("{token}\n")).verified();
    }
    cli_stdin(&["verify", "-", "--key", p(&public)], &tamper(&token)).code(1);
    // A pasted "Bearer " prefix is accepted (the page accepts it).
    verify_with_key(&format!("Bearer {token}"), &public, &[]).verified();
}

#[test]
fn verify_alg_pinning() {
    let token = sign_with_key("RS256", &key("rsa2048", "private.pem"), &[]);
    let public = key("rsa2048", "public.pem");
    verify_with_key(&token, &public, &["--alg", "RS256"]).code(0);
    verify_with_key(&token, &public, &["--alg", "PS256", "--alg", "RS256"]).code(0);
    verify_with_key(&token, &public, &["--alg", "PS256"])
        .code(1)
        .one_stderr_line();
    verify_with_key(&token, &public, &["--alg", "RS384", "--alg", "ES256"])
        .code(1)
        .one_stderr_line();

    // An HS256 token is not verified when only RS256 is accepted, even with the right secret.
    let (_, secret_file) =
        scratch_with_secret("pinning", "pinning-secret-of-at-least-32-bytes-long");
    let sf = p(&secret_file);
    let hs = sign(&["--alg", "HS256", "--secret-file", sf]);
    cli(&["verify", &hs, "--secret-file", sf]).code(0);
    cli(&["verify", &hs, "--secret-file", sf, "--alg", "HS256"]).code(0);
    let run = cli(&[
        "verify",
        &hs,
        "--secret-file",
        sf,
        "--alg",
        "RS256",
        "--json",
    ]);
    run.code(1);
    assert_eq!(run.json()["status"], json!("not_verified"));
}

#[test]
fn verify_never_accepts_alg_none_or_algorithm_confusion() {
    let dir = scratch("confusion");
    let public = key("rsa2048", "public.pem");
    let pem = read(&public);
    // alg none, with an empty signature.
    let none = compact_jws(r#"{"alg":"none","typ":"JWT"}"#, r#"{"sub":"x"}"#, b"");
    not_verified(&none, &public);
    // HS256 MAC'd with the exact bytes of the public PEM (computed by Python's hmac).
    let h = b64u(br#"{"alg":"HS256","typ":"JWT"}"#);
    let pl = b64u(br#"{"sub":"confused"}"#);
    let key_file = dir.join("pem-bytes");
    write(&key_file, &pem);
    let mac = python(
        "import sys,hmac,hashlib,base64;print(base64.urlsafe_b64encode(hmac.new(open(sys.argv[1],'rb').read(),sys.argv[2].encode(),hashlib.sha256).digest()).rstrip(b'=').decode())",
        &[p(&key_file), &format!("{h}.{pl}")],
    );
    let forged = format!("{h}.{pl}.{}", mac.trim());
    verify_with_key(&forged, &public, &[])
        .code(1)
        .one_stderr_line();
    // Even given as the secret: a public key is not a shared secret.
    let run = cli(&["verify", &forged, "--secret-file", p(&public)]);
    assert_ne!(run.code, 0, "{}", run.describe());
}

#[test]
fn verify_secret_sources_and_the_secret_warning() {
    let secret = "cli-shared-secret-of-at-least-32-bytes!!";
    let (dir, secret_file) = scratch_with_secret("secrets", secret);
    let sf = p(&secret_file);
    // Signed with JWT_SECRET; judged by Python.
    let run = cli_with(
        &["sign", "--alg", "HS256", "--sub", "env"],
        None,
        &[("JWT_SECRET", secret)],
    );
    let token = token_line(run.ok());
    assert!(python_verifies_hmac(&token, secret.as_bytes(), &dir));
    run.no_history_warning();

    // --secret: verified, with the warning on stderr.
    let run = cli(&["verify", &token, "--secret", secret]);
    run.verified();
    let warning = run.stderr.to_lowercase();
    assert!(
        warning.contains("history") && warning.contains("process"),
        "--secret warns about shell history and the process list: {}",
        run.describe()
    );
    // JWT_SECRET and --secret-file: verified, no warning.
    cli_with(&["verify", &token], None, &[("JWT_SECRET", secret)])
        .verified()
        .no_history_warning();
    cli(&["verify", &token, "--secret-file", sf])
        .verified()
        .no_history_warning();

    // Encodings of the same bytes.
    for (encoding, text) in [
        ("utf8", secret.to_owned()),
        ("hex", hex::encode(secret)),
        ("base64url", b64u(secret.as_bytes())),
    ] {
        let file = dir.join(format!("secret-{encoding}"));
        write(&file, &text);
        let encoding_args = ["--secret-encoding", encoding];
        cli(&[
            &["verify", &token, "--secret-file", p(&file)][..],
            &encoding_args,
        ]
        .concat())
        .code(0);
        cli_with(
            &[&["verify", &token][..], &encoding_args].concat(),
            None,
            &[("JWT_SECRET", &text)],
        )
        .code(0);
    }

    // Wrong secret: 1 (one line on stderr); missing secret file, bad encoding name: 2.
    let wrong = "cli-shared-secret-of-at-least-32-bytes!?";
    cli_with(&["verify", &token], None, &[("JWT_SECRET", wrong)])
        .code(1)
        .one_stderr_line();
    cli(&["verify", &token, "--secret", wrong]).code(1);
    cli(&["verify", &token, "--secret-file", p(&dir.join("missing"))]).usage_error();
    cli(&[
        "verify",
        &token,
        "--secret-file",
        sf,
        "--secret-encoding",
        "rot13",
    ])
    .usage_error();
    // --secret-file signs the same bytes as JWT_SECRET.
    let again = sign(&["--alg", "HS256", "--sub", "env", "--secret-file", sf]);
    assert_eq!(
        again, token,
        "HMAC is deterministic: same secret, same token"
    );
}

/// A token that verifies only after a repair (a space inside it, which the page removes and
/// reports) is not verified by the command line, which answers as a relying party would; the
/// page's decode still accepts it.
#[test]
fn verify_is_strict_about_repaired_tokens() {
    let token = sign_with_key("ES256", &key("p256", "private.pem"), &[]);
    let public = key("p256", "public.pem");
    let cut = token.len() - 10;
    let spaced = format!("{} {}", &token[..cut], &token[cut..]);
    let run = verify_with_key(&spaced, &public, &[]);
    run.code(1).one_stderr_line();
    assert!(run.stderr.contains("strict"), "{}", run.describe());
    cli(&["decode", &spaced]).ok();
}
