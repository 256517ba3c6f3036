#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger gateway`, run as a process and judged by openssl: RS256 tokens with the header
//! members in order and the app id as iss/sub/aud, signed with the keys openssl makes (PKCS#8 and
//! traditional), the `--curl` line and its refusal of unsafe URLs, and the refusals of keys that
//! are not RSA private keys. The harness is tests/jose_support/cli.rs.

mod jose_support;

use std::path::Path;

use jose_support::cli::*;
use serde_json::json;

/// Checks a gateway token: header members and order, claims, openssl verifies it.
fn check_gateway_token(
    token: &str,
    app: &str,
    kid: &str,
    lifetime: i64,
    public: &Path,
    dir: &Path,
) {
    let (h, pl, _) = parts(token);
    let header = part_json(h);
    let members: Vec<&String> = header.as_object().unwrap().keys().collect();
    assert_eq!(
        members,
        ["typ", "alg", "kid"],
        "header member order: {header}"
    );
    assert_eq!(header, json!({"typ": "JWT", "alg": "RS256", "kid": kid}));
    let claims = part_json(pl);
    for name in ["iss", "sub", "aud"] {
        assert_eq!(claims[name], json!(app), "{name}: {claims}");
    }
    let iat = claims["iat"].as_i64().expect("iat");
    assert!((iat - now()).abs() < 60, "iat is now: {iat}");
    assert_eq!(claims["exp"].as_i64(), Some(iat + lifetime), "{claims}");
    assert!(
        openssl_verifies_rs256(token, public, dir),
        "openssl dgst -sha256 -verify accepts the gateway token"
    );
    verify_with_key(token, public, &["--alg", "RS256"]).code(0);
}

#[test]
fn gateway_with_openssl_keys_pkcs8_and_traditional() {
    let dir = scratch("gateway-openssl");
    let pkcs8 = dir.join("pkcs8.pem");
    let traditional = dir.join("traditional.pem");
    openssl(&["genrsa", "-out", p(&pkcs8), "2048"]);
    openssl(&["genrsa", "-traditional", "-out", p(&traditional), "2048"]);
    assert!(read(&pkcs8).starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(read(&traditional).starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    for (private, app, kid) in [
        (&pkcs8, "my-app-123", "key-1"),
        (&traditional, "other-app", "key 2 with spaces"),
        // A thumbprint (base64url) may start with "-": it is the value, not an option.
        (
            &pkcs8,
            "my-app-123",
            "-WfuZOYyVG5vMDixC4FasqbGnEJkV2c_ZGTuOEair-E",
        ),
    ] {
        let public = dir.join(format!("{kid}.pub.pem"));
        openssl(&["rsa", "-in", p(private), "-pubout", "-out", p(&public)]);
        for (extra, lifetime) in [(&[][..], 600), (&["--lifetime", "120"][..], 120)] {
            let token = token_line(gateway(app, kid, p(private), extra).ok());
            check_gateway_token(&token, app, kid, lifetime, &public, &dir);
        }
    }
}

#[test]
fn gateway_curl_line() {
    let dir = scratch("gateway-curl");
    let private = key("rsa2048", "private.pem");
    let public = key("rsa2048", "public.pem");
    let url = "https://gateway.example/api/v1/things?x=1";
    let run = gateway("curl-app", "curl-kid", p(&private), &["--curl", url]);
    let line = run.ok();
    let prefix = "curl -H 'Authorization: Bearer ";
    let suffix = format!("' '{url}'\n");
    assert!(
        line.starts_with(prefix) && line.ends_with(&suffix),
        "curl line: {line:?}"
    );
    let token = &line[prefix.len()..line.len() - suffix.len()];
    check_gateway_token(token, "curl-app", "curl-kid", 600, &public, &dir);

    for bad in [
        "ftp://gateway.example/x",
        "gateway.example/x",
        "https://gateway.example/a b",
        "https://gateway.example/a\nrm -rf /",
        "-o /tmp/x https://gateway.example/",
    ] {
        let run = gateway("a", "k", p(&private), &["--curl", bad]);
        run.usage_error();
        assert!(run.stdout.is_empty(), "nothing printed for {bad:?}");
    }
}

#[test]
fn gateway_refusals() {
    let rsa = key("rsa2048", "private.pem");
    // Not an RSA private key: an EC key, a public key.
    for file in [key("p256", "private.pem"), key("rsa2048", "public.pem")] {
        gateway("a", "k", p(&file), &[]).refused();
    }
    gateway("a", "k", "/nonexistent/private.pem", &[]).usage_error();
    cli(&["gateway", "--app-id", "a", "--key", p(&rsa)]).usage_error(); // no --key-id
    gateway("a", "k", p(&rsa), &["--lifetime", "ten"]).usage_error();
}
