#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger decrypt` and `encrypt`, run as processes: the exit statuses (0 decrypted, 1 a
//! wrong key or modified token with one message whatever step failed, 2 unusable input), every
//! key source, and the refusals. Keys are made by openssl; the harness is
//! tests/jose_support/cli.rs.

mod jose_support;

use jose_support::cli::*;
use serde_json::json;

/// A 32-byte key as UTF-8 text, for A256KW, A256GCMKW and dir+A256GCM / A128CBC-HS256.
const KEY32: &str = "0123456789abcdef0123456789abcdef";

/// A compact JWE with this header and placeholder parts (nothing decrypts it).
fn with_header(header: &str) -> String {
    format!(
        "{}.{}.{}.{}.{}",
        b64u(header.as_bytes()),
        b64u(&[7; 40]),
        b64u(&[1; 12]),
        b64u(b"ciphertext"),
        b64u(&[2; 16])
    )
}

/// Flips one character in the middle of part `i` of a compact token.
fn tamper_part(token: &str, i: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let part = &mut parts[i];
    let at = part.len() / 2;
    let c = if &part[at..=at] == "A" { "B" } else { "A" };
    part.replace_range(at..=at, c);
    parts.join(".")
}

#[test]
fn decrypt_exit_statuses() {
    let public = jwe_key("rsa.pub.pem");
    let private = jwe_key("rsa.pem");
    let token = encrypt(&[
        "--alg",
        "RSA-OAEP-256",
        "--enc",
        "A256GCM",
        "--key",
        p(&public),
        "hi",
    ]);
    // 0: the plaintext, exactly (no line break added).
    assert_eq!(decrypt(&token, &["--key", p(&private)]).ok(), "hi");

    // 1: a wrong key, a modified encrypted key, ciphertext or tag: one message for all.
    let wrong = decrypt(&token, &["--key", p(&jwe_key("other-rsa.pem"))]);
    wrong.refused().code(1);
    assert!(
        wrong.stderr.contains("decryption failed"),
        "{}",
        wrong.describe()
    );
    for part in 1..=4 {
        let run = decrypt(&tamper_part(&token, part), &["--key", p(&private)]);
        run.refused().code(1);
        assert_eq!(run.stderr, wrong.stderr, "no oracle: {}", run.describe());
    }
    // The same with a symmetric key: a wrong A256KW key and a modified wrapped key.
    let kw = encrypt(&[
        "--alg",
        "A256KW",
        "--enc",
        "A128CBC-HS256",
        "--secret-file",
        p(&secret_file(KEY32)),
        "x",
    ]);
    let other = secret_file("fedcba9876543210fedcba9876543210");
    let run = decrypt(&kw, &["--secret-file", p(&other)]);
    run.refused().code(1);
    assert_eq!(run.stderr, wrong.stderr);

    // 2: no key, a missing key file, garbage, a JWS, an unknown alg, a key of the wrong kind.
    decrypt(&token, &[]).usage_error();
    decrypt(&token, &["--key", "/nonexistent/key.pem"]).usage_error();
    decrypt("not a token", &["--key", p(&private)]).usage_error();
    let jws = sign_with_key("ES256", &key("p256", "private.pem"), &[]);
    decrypt(&jws, &["--key", p(&private)]).usage_error();
    let unknown = with_header(r#"{"alg":"RSA-OAEP-1024","enc":"A256GCM"}"#);
    let run = decrypt(&unknown, &["--key", p(&private)]);
    run.usage_error();
    assert!(run.stderr.contains("RSA-OAEP-1024"), "{}", run.describe());
    decrypt(&token, &["--key", p(&jwe_key("p256.pem"))]).usage_error();
    decrypt(&token, &["--key", p(&jwe_key("ed25519.pem"))]).usage_error();
    let run = cli_with(
        &["decrypt", &token, "--password-file", p(&secret_file("pw"))],
        None,
        &[],
    );
    run.usage_error();
    assert!(run.stderr.contains("private key"), "{}", run.describe());
    // Two key sources: clap refuses (exit 2).
    let two = decrypt(&token, &["--key", p(&private), "--secret-file", p(&other)]);
    two.code(2).one_stderr_line();
}

#[test]
fn decrypt_refuses_hostile_headers_before_any_work() {
    let pw = secret_file("password");
    let huge = with_header(
        r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"c2FsdHNhbHQ","p2c":2000000000}"#,
    );
    let run = decrypt(&huge, &["--password-file", p(&pw)]);
    run.usage_error();
    assert!(run.stderr.contains("p2c"), "{}", run.describe());
    let crit = with_header(r#"{"alg":"A256KW","enc":"A256GCM","crit":["exp"],"exp":1}"#);
    decrypt(&crit, &["--secret", KEY32]).code(2);
    let zip = with_header(r#"{"alg":"A256KW","enc":"A256GCM","zip":"GZIP"}"#);
    decrypt(&zip, &["--secret", KEY32]).code(2);
}

#[test]
fn decrypt_reads_every_key_source() {
    let dir = scratch("jwe-key-sources");
    // RSA: PKCS#8 (openssl's default), PKCS#1, and a private JWK (made by node jose).
    let rsa = encrypt(&[
        "--alg",
        "RSA-OAEP",
        "--enc",
        "A128GCM",
        "--key",
        p(&jwe_key("rsa.pub.pem")),
        "rsa",
    ]);
    let pkcs1 = dir.join("pkcs1.pem");
    openssl(&[
        "rsa",
        "-in",
        p(&jwe_key("rsa.pem")),
        "-traditional",
        "-out",
        p(&pkcs1),
    ]);
    assert!(read(&pkcs1).starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    for key in [jwe_key("rsa.pem"), pkcs1] {
        assert_eq!(decrypt(&rsa, &["--key", p(&key)]).ok(), "rsa");
    }
    let jwk = private_jwk_of(&jwe_key("rsa.pem"), "RSA-OAEP");
    let jwk_file = dir.join("rsa.jwk.json");
    write(&jwk_file, jwk.to_string());
    assert_eq!(decrypt(&rsa, &["--key", p(&jwk_file)]).ok(), "rsa");

    // EC: SEC1 ("EC PRIVATE KEY"); a JWKS whose entry is picked by the header's kid.
    let ec = encrypt(&[
        "--alg",
        "ECDH-ES+A128KW",
        "--enc",
        "A128GCM",
        "--key",
        p(&jwe_key("p256.pub.pem")),
        "--kid",
        "e2",
        "ec",
    ]);
    let sec1 = dir.join("sec1.pem");
    openssl(&["ec", "-in", p(&jwe_key("p256.pem")), "-out", p(&sec1)]);
    assert_eq!(decrypt(&ec, &["--key", p(&sec1)]).ok(), "ec");
    let mut e1 = private_jwk_of(&jwe_key("x25519.pem"), "ECDH-ES+A128KW");
    e1["kid"] = json!("e1");
    let mut e2 = private_jwk_of(&jwe_key("p256.pem"), "ECDH-ES+A128KW");
    e2["kid"] = json!("e2");
    let jwks = dir.join("jwks.json");
    write(&jwks, json!({"keys": [e1, e2]}).to_string());
    assert_eq!(decrypt(&ec, &["--key", p(&jwks)]).ok(), "ec");
    // encrypt reads the same JWKS: --kid picks the entry; a JWK's own kid goes in the header;
    // the JWK's alg binds (ECDH-ES with an ECDH-ES+A128KW key is refused).
    let to_e2 = encrypt(&[
        "--alg",
        "ECDH-ES+A128KW",
        "--enc",
        "A128GCM",
        "--key",
        p(&jwks),
        "--kid",
        "e2",
        "e2",
    ]);
    assert_eq!(
        part_json(to_e2.split('.').next().unwrap_or_default())["kid"],
        json!("e2")
    );
    assert_eq!(decrypt(&to_e2, &["--key", p(&sec1)]).ok(), "e2");
    let run = cli(&[
        "encrypt",
        "--alg",
        "ECDH-ES",
        "--enc",
        "A128GCM",
        "--key",
        p(&jwks),
        "--kid",
        "e2",
        "x",
    ]);
    run.usage_error();
    let e1_file = dir.join("e1.json");
    write(
        &e1_file,
        json!({"kty": "OKP", "crv": "X25519", "kid": "e1", "x": e1["x"]}).to_string(),
    );
    let to_e1 = encrypt(&[
        "--alg",
        "ECDH-ES+A128KW",
        "--enc",
        "A128GCM",
        "--key",
        p(&e1_file),
        "e1",
    ]);
    assert_eq!(
        part_json(to_e1.split('.').next().unwrap_or_default())["kid"],
        json!("e1")
    );
    assert_eq!(decrypt(&to_e1, &["--key", p(&jwks)]).ok(), "e1");
    let stranger = encrypt(&[
        "--alg",
        "ECDH-ES+A128KW",
        "--enc",
        "A128GCM",
        "--key",
        p(&jwe_key("p256.pub.pem")),
        "--kid",
        "e9",
        "x",
    ]);
    let run = decrypt(&stranger, &["--key", p(&jwks)]);
    run.usage_error();
    assert!(run.stderr.contains("e9"), "{}", run.describe());

    // Symmetric: an oct JWK, --secret (warns), --secret-file, JWT_SECRET; three encodings.
    let kw = encrypt(&[
        "--alg",
        "A256KW",
        "--enc",
        "A256GCM",
        "--secret-file",
        p(&secret_file(KEY32)),
        "kw",
    ]);
    let oct = dir.join("oct.json");
    write(
        &oct,
        json!({"kty": "oct", "k": b64u(KEY32.as_bytes())}).to_string(),
    );
    assert_eq!(decrypt(&kw, &["--key", p(&oct)]).ok(), "kw");
    let run = decrypt(&kw, &["--secret", KEY32]);
    assert_eq!(run.ok(), "kw");
    assert!(run.stderr.contains("history"), "{}", run.describe());
    decrypt(&kw, &["--secret-file", p(&secret_file(KEY32))]).no_history_warning();
    let env = cli_with(&["decrypt", &kw], None, &[("JWT_SECRET", KEY32)]);
    assert_eq!(env.ok(), "kw");
    env.no_history_warning();
    let hex = hex::encode(KEY32);
    let b64 = b64u(KEY32.as_bytes());
    for (text, encoding) in [(hex.as_str(), "hex"), (b64.as_str(), "base64url")] {
        let file = secret_file(text);
        let args = ["--secret-file", p(&file), "--secret-encoding", encoding];
        assert_eq!(decrypt(&kw, &args).ok(), "kw");
    }
    // A key of the right kind but the wrong length is refused as such (exit 2).
    let run = decrypt(&kw, &["--secret-file", p(&secret_file("short"))]);
    run.usage_error();
    assert!(run.stderr.contains("32 bytes"), "{}", run.describe());

    // PBES2: --password (warns) and --password-file; a secret is the wrong kind.
    let pb = encrypt(&[
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--password-file",
        p(&secret_file("correct horse")),
        "--p2c",
        "2000",
        "pb",
    ]);
    assert_eq!(
        decrypt(
            &pb,
            &["--password-file", p(&secret_file("correct horse\n"))]
        )
        .ok(),
        "pb"
    );
    let run = decrypt(&pb, &["--password", "correct horse"]);
    assert_eq!(run.ok(), "pb");
    assert!(run.stderr.contains("history"), "{}", run.describe());
    decrypt(&pb, &["--password", "wrong horse"]).code(1);
    let run = decrypt(&pb, &["--secret-file", p(&secret_file("correct horse"))]);
    run.usage_error();
    assert!(run.stderr.contains("--password"), "{}", run.describe());
}

#[test]
fn encrypt_refusals() {
    let public = p(&jwe_key("rsa.pub.pem")).to_owned();
    let run = cli(&[
        "encrypt", "--alg", "RSA1_5", "--enc", "A128GCM", "--key", &public, "x",
    ]);
    run.usage_error();
    assert!(
        run.stderr.contains("RSA1_5") && run.stderr.contains("RSA-OAEP-256"),
        "{}",
        run.describe()
    );
    let bad = [
        vec![
            "--alg",
            "RSA-OAEP-1024",
            "--enc",
            "A128GCM",
            "--key",
            &public,
        ],
        vec!["--alg", "RSA-OAEP", "--enc", "A128CBC", "--key", &public],
        // A secret where a public key is needed, a public key where a secret is.
        vec!["--alg", "RSA-OAEP", "--enc", "A128GCM", "--secret", KEY32],
        vec!["--alg", "A256KW", "--enc", "A128GCM", "--key", &public],
        vec!["--alg", "dir", "--enc", "A128GCM", "--secret", KEY32],
        vec!["--alg", "A256KW", "--enc", "A128GCM", "--password", "pw"],
        vec![
            "--alg", "A256KW", "--enc", "A128GCM", "--secret", KEY32, "--p2c", "5000",
        ],
        vec![
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
            "--password",
            "pw",
            "--p2c",
            "2000000",
        ],
        vec!["--alg", "A256KW", "--enc", "A128GCM"],
    ];
    for args in bad {
        let run = cli(&[&["encrypt"][..], &args, &["plaintext"]].concat());
        run.code(2);
        assert!(run.stdout.is_empty(), "{}", run.describe());
        assert!(
            run.stderr
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("error: ")),
            "{}",
            run.describe()
        );
    }
    // A signature key (JWK use: sig) is refused for encryption.
    let dir = scratch("jwe-sig-key");
    let sig = dir.join("sig.json");
    write(
        &sig,
        json!({"kty": "oct", "use": "sig", "k": b64u(KEY32.as_bytes())}).to_string(),
    );
    encrypt_fails(&["--alg", "A256KW", "--enc", "A128GCM", "--key", p(&sig), "x"]);
    let key_file = secret_file(KEY32);
    encrypt_fails(&[
        "--alg",
        "A256KW",
        "--enc",
        "A128GCM",
        "--secret-file",
        p(&key_file),
        "@/nonexistent/file",
    ]);
}

/// `encrypt ARGS` is refused as a usage error.
fn encrypt_fails(args: &[&str]) {
    cli(&[&["encrypt"][..], args].concat()).usage_error();
}

/// A file holding `text` in a fresh scratch directory.
fn secret_file(text: &str) -> std::path::PathBuf {
    scratch_with_secret("jwe-secret", text).1
}

/// The private JWK of a PEM key, exported by panva's jose, with `alg`.
fn private_jwk_of(pem: &std::path::Path, alg: &str) -> serde_json::Value {
    let script = "import * as jose from 'jose'; import { readFileSync } from 'node:fs';
        const key = await jose.importPKCS8(readFileSync(process.argv[1], 'utf8'), process.argv[2], { extractable: true });
        console.log(JSON.stringify({ ...(await jose.exportJWK(key)), alg: process.argv[2] }));";
    serde_json::from_str(&node_jose(script, &[p(pem), alg])).expect("a JWK")
}
