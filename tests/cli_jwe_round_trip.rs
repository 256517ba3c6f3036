#![cfg(not(target_arch = "wasm32"))]
//! `encrypt` then `decrypt`, through the binary: a round trip per algorithm family (every `enc`
//! is used), `--json` and the findings printed as warnings, binary plaintexts and standard
//! input, nested JWTs (signed, then encrypted with `cty: "JWT"`) verified exactly as `verify`
//! does, and both commands' `--help`. Keys are made by openssl; the harness is
//! tests/jose_support/cli.rs.

mod jose_support;

use std::path::PathBuf;

use jose_support::cli::*;
use serde_json::json;

/// `--secret-file FILE --secret-encoding hex` for `len` key bytes (0, 1, 2, …).
fn hex_key(len: u8) -> Vec<String> {
    let bytes: Vec<u8> = (0..len).collect();
    let (_, file) = scratch_with_secret("jwe-hex-key", &hex::encode(bytes));
    ["--secret-file", p(&file), "--secret-encoding", "hex"]
        .map(str::to_owned)
        .to_vec()
}

fn key_args(file: &str) -> Vec<String> {
    vec!["--key".into(), p(&jwe_key(file)).to_owned()]
}

fn password_args() -> Vec<String> {
    let (_, file) = scratch_with_secret(
        "jwe-password",
        "Thus from my lips, by yours, my sin is purged.",
    );
    vec!["--password-file".into(), p(&file).to_owned()]
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn round_trip_per_alg_family() {
    let rsa = (key_args("rsa.pub.pem"), key_args("rsa.pem"));
    let p256 = (key_args("p256.pub.pem"), key_args("p256.pem"));
    let x25519 = (key_args("x25519.pub.pem"), key_args("x25519.pem"));
    // Encrypting with a private key file uses its public half.
    let p256_private = (key_args("p256.pem"), key_args("p256.pem"));
    let sym = |len| (hex_key(len), hex_key(len));
    let cases = [
        ("RSA-OAEP", "A128CBC-HS256", rsa.clone(), vec![]),
        ("RSA-OAEP-256", "A256GCM", rsa.clone(), vec![]),
        ("RSA-OAEP-384", "A192GCM", rsa.clone(), vec![]),
        ("RSA-OAEP-512", "A256CBC-HS512", rsa, vec![]),
        ("A128KW", "A128GCM", sym(16), vec![]),
        ("A192KW", "A192CBC-HS384", sym(24), vec![]),
        ("A256KW", "A256GCM", sym(32), vec![]),
        ("A128GCMKW", "A128CBC-HS256", sym(16), vec![]),
        ("A256GCMKW", "A256GCM", sym(32), vec![]),
        ("dir", "A128GCM", sym(16), vec![]),
        ("dir", "A256CBC-HS512", sym(64), vec![]),
        ("ECDH-ES", "A256GCM", p256.clone(), vec![]),
        ("ECDH-ES+A128KW", "A128GCM", x25519.clone(), vec![]),
        ("ECDH-ES", "A192GCM", x25519, vec![]),
        ("ECDH-ES+A256KW", "A256CBC-HS512", p256_private, vec![]),
        ("ECDH-ES+A192KW", "A128GCM", p256, vec!["--zip"]),
        (
            "PBES2-HS256+A128KW",
            "A128GCM",
            (password_args(), password_args()),
            vec!["--p2c", "1000"],
        ),
        (
            "PBES2-HS512+A256KW",
            "A256GCM",
            (password_args(), password_args()),
            vec![],
        ),
    ];
    for (alg, enc, (enc_key, dec_key), extra) in cases {
        let plaintext = format!("round trip {alg} {enc} ✓");
        let args = [
            &["--alg", alg, "--enc", enc][..],
            &strs(&enc_key),
            &extra,
            &[&plaintext],
        ]
        .concat();
        let token = encrypt(&args);
        let header = part_json(token.split('.').next().unwrap_or_default());
        assert_eq!(
            (header["alg"].as_str(), header["enc"].as_str()),
            (Some(alg), Some(enc))
        );
        let run = decrypt(&token, &strs(&dec_key));
        assert_eq!(run.ok(), plaintext, "{alg} {enc}: {}", run.describe());
    }
}

#[test]
fn json_findings_and_binary_plaintexts() {
    let dir = scratch("jwe-json");
    let bytes: Vec<u8> = (0..=255).collect();
    let file = dir.join("plain.bin");
    write(&file, &bytes);
    // A binary plaintext from @FILE and from standard input; the token from standard input.
    let sym = hex_key(32);
    let from_file = encrypt(
        &[
            &["--alg", "A256KW", "--enc", "A256GCM", "--kid", "k1"][..],
            &strs(&sym),
            &[&format!("@{}", p(&file))],
        ]
        .concat(),
    );
    let from_stdin = cli_with(
        &[
            &["encrypt", "--alg", "dir", "--enc", "A256GCM"][..],
            &strs(&sym),
        ]
        .concat(),
        Some(&bytes),
        &[],
    );
    for token in [from_file, from_stdin.ok().trim_end().to_owned()] {
        let run = cli_with(
            &[&["decrypt", "--json"][..], &strs(&sym)].concat(),
            Some(token.as_bytes()),
            &[],
        );
        let v = run.json();
        assert_eq!(v["plaintext_encoding"], json!("base64url"), "{v}");
        assert_eq!(v["plaintext"], json!(b64u(&bytes)), "{v}");
        assert_eq!(v["findings"], json!([]), "{v}");
        assert_eq!(v["nested"], json!(null), "{v}");
    }
    // --json on encrypt: the token and the header as sent (kid, and the GCMKW iv and tag).
    let v = cli(&[
        &[
            "encrypt",
            "--json",
            "--alg",
            "A256GCMKW",
            "--enc",
            "A128GCM",
            "--kid",
            "k2",
        ][..],
        &strs(&sym),
        &["x"],
    ]
    .concat())
    .json();
    assert_eq!(v["header"]["kid"], json!("k2"), "{v}");
    assert!(
        v["header"]["iv"].is_string() && v["header"]["tag"].is_string(),
        "{v}"
    );
    assert_eq!(v["token"].as_str().map(|t| t.split('.').count()), Some(5));

    // Findings: compression, few PBES2 iterations, a JWS inside without cty; each a warning.
    let zip = cli(&[
        &["encrypt", "--alg", "A256KW", "--enc", "A256GCM", "--zip"][..],
        &strs(&sym),
        &["aaaaaaaaaaaaaaaaaaaa"],
    ]
    .concat());
    assert!(
        zip.stderr.contains("warning: ") && zip.stderr.contains("zip"),
        "{}",
        zip.describe()
    );
    let v = findings(zip.ok().trim_end(), &strs(&sym), "compressed");
    assert_eq!(
        (v["compressed"].clone(), v["plaintext"].clone()),
        (json!(true), json!("aaaaaaaaaaaaaaaaaaaa"))
    );
    let pw = password_args();
    let few = encrypt(
        &[
            &[
                "--alg",
                "PBES2-HS256+A128KW",
                "--enc",
                "A128GCM",
                "--p2c",
                "500",
            ][..],
            &strs(&pw),
            &["x"],
        ]
        .concat(),
    );
    findings(&few, &strs(&pw), "pbes2_few_iterations");
    let jws = sign_with_key("ES256", &key("p256", "private.pem"), &[]);
    let bare = encrypt(
        &[
            &["--alg", "A256KW", "--enc", "A256GCM"][..],
            &strs(&sym),
            &[&jws],
        ]
        .concat(),
    );
    let v = findings(&bare, &strs(&sym), "nested_jws_without_cty");
    assert_eq!(v["nested"]["payload"]["sub"], json!("v"), "{v}");
}

/// Decrypts `token` in text and JSON: the finding `id` is a warning on stderr and in `findings`;
/// returns the JSON.
fn findings(token: &str, key: &[&str], id: &str) -> serde_json::Value {
    let run = decrypt(token, key);
    run.code(0);
    assert!(run.stderr.contains("warning: "), "{id}: {}", run.describe());
    let v = decrypt(token, &[key, &["--json"]].concat()).json();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&id), "{id}: {v}");
    v
}

/// The nested token of these tests: signed ES256 by keygen's P-256 key, encrypted RSA-OAEP-256.
fn nested_token() -> String {
    encrypt(&[
        "--alg",
        "RSA-OAEP-256",
        "--enc",
        "A256GCM",
        "--key",
        p(&jwe_key("rsa.pub.pem")),
        "--sign-key",
        p(&key("p256", "private.pem")),
        "--sign-alg",
        "ES256",
        "--payload",
        r#"{"sub":"nested","scope":"read"}"#,
    ])
}

fn verify_key(file: &str) -> PathBuf {
    key(
        if file.starts_with("p384") {
            "p384"
        } else {
            "p256"
        },
        "public.pem",
    )
}

#[test]
fn nested_jwt_signed_then_encrypted() {
    let token = nested_token();
    assert_eq!(
        part_json(token.split('.').next().unwrap_or_default())["cty"],
        json!("JWT")
    );
    let rsa = p(&jwe_key("rsa.pem")).to_owned();
    // Verified: the inner JWS on stdout (which `verify` accepts too), its parts on stderr.
    let run = decrypt(
        &token,
        &["--key", &rsa, "--verify-key", p(&verify_key("p256"))],
    );
    let inner = run.ok().to_owned();
    assert!(
        run.stderr.contains("nested JWT payload") && run.stderr.contains("\"nested\""),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("verified"), "{}", run.describe());
    verify_with_key(&inner, &verify_key("p256"), &[]).verified();
    let v = decrypt(
        &token,
        &[
            "--key",
            &rsa,
            "--verify-key",
            p(&verify_key("p256")),
            "--json",
        ],
    )
    .json();
    assert_eq!(v["nested"]["signature"]["status"], json!("verified"), "{v}");
    assert_eq!(v["nested"]["payload"]["scope"], json!("read"), "{v}");
    assert_eq!(v["nested"]["header"]["alg"], json!("ES256"), "{v}");
    // Not verified (another key; an algorithm not accepted): exit 1, nothing on stdout.
    for extra in [
        vec!["--verify-key", p(&verify_key("p384"))],
        vec![
            "--verify-key",
            p(&verify_key("p256")),
            "--verify-alg",
            "RS256",
        ],
    ] {
        let run = decrypt(&token, &[&["--key", rsa.as_str()][..], &extra].concat());
        run.code(1);
        assert!(run.stdout.is_empty(), "{}", run.describe());
        assert!(
            run.stderr
                .lines()
                .last()
                .is_some_and(|l| l.contains("nested JWT's signature")),
            "{}",
            run.describe()
        );
    }
    // Without a verification key: decrypted, with a warning that nothing was verified.
    let run = decrypt(&token, &["--key", &rsa]);
    assert_eq!(run.ok(), inner);
    assert!(run.stderr.contains("not verified"), "{}", run.describe());
    // --verify-key when the plaintext is no JWT: exit 1.
    let plain = encrypt(&[
        "--alg",
        "RSA-OAEP-256",
        "--enc",
        "A256GCM",
        "--key",
        p(&jwe_key("rsa.pub.pem")),
        "--cty",
        "JWT",
        "hello",
    ]);
    let run = decrypt(&plain, &["--key", &rsa]);
    assert!(
        run.ok() == "hello" && run.stderr.contains("cty"),
        "{}",
        run.describe()
    );
    decrypt(
        &plain,
        &["--key", &rsa, "--verify-key", p(&verify_key("p256"))],
    )
    .code(1);
}

#[test]
fn nested_hs256_jwt_verified_with_a_secret() {
    let (_, secret) = scratch_with_secret(
        "jwe-inner-secret",
        "an inner HMAC secret of at least 32 bytes",
    );
    let (_, other) = scratch_with_secret(
        "jwe-inner-other",
        "another HMAC secret, also 32 bytes or more",
    );
    let jws = sign(&["--alg", "HS256", "--secret-file", p(&secret), "--sub", "hs"]);
    let key = hex_key(16);
    let token = encrypt(
        &[
            &["--alg", "A128KW", "--enc", "A128GCM", "--cty", "JWT"][..],
            &strs(&key),
            &[&jws],
        ]
        .concat(),
    );
    let run = decrypt(
        &token,
        &[&strs(&key)[..], &["--verify-secret-file", p(&secret)]].concat(),
    );
    assert_eq!(run.ok(), jws);
    decrypt(
        &token,
        &[&strs(&key)[..], &["--verify-secret-file", p(&other)]].concat(),
    )
    .code(1);
}

#[test]
fn help_ends_with_examples() {
    for command in ["decrypt", "encrypt"] {
        let help = cli(&[command, "--help"]).ok().to_owned();
        let examples = help.rfind("Examples:").unwrap_or_else(|| panic!("{help}"));
        assert!(
            help[examples..].contains(&format!("jwt-debugger {command}")),
            "{help}"
        );
    }
}
