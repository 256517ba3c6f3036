#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger verify` with what the `openssl` command line writes: PKCS#1 public keys,
//! self-signed X.509 certificates, traditional (PKCS#1) private keys, a JWKS picked by kid, and
//! tokens whose signatures openssl made for every asymmetric JWS family. The harness is
//! tests/jose_support/cli.rs.

mod jose_support;

use jose_support::cli::*;
use serde_json::json;

#[test]
fn verify_accepts_pkcs1_certificate_and_private_key_files() {
    let dir = scratch("verify-forms");
    let rsa_private = key("rsa2048", "private.pem");
    let token = sign_with_key("PS384", &rsa_private, &[]);
    // PKCS#1 RSA PUBLIC KEY, written by openssl.
    let pkcs1 = dir.join("pkcs1.pem");
    openssl(&[
        "rsa",
        "-in",
        p(&key("rsa2048", "public.pem")),
        "-pubin",
        "-RSAPublicKey_out",
        "-out",
        p(&pkcs1),
    ]);
    assert!(read(&pkcs1).starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    verify_with_key(&token, &pkcs1, &[]).code(0);
    // A self-signed X.509 certificate made by openssl from our private key.
    let cert = dir.join("cert.pem");
    openssl(&[
        "req",
        "-x509",
        "-new",
        "-key",
        p(&rsa_private),
        "-subj",
        "/CN=jwt-debugger cli test",
        "-days",
        "2",
        "-out",
        p(&cert),
    ]);
    verify_with_key(&token, &cert, &[]).code(0);
    // A PKCS#1 private key (openssl -traditional): its public half is used.
    let traditional = dir.join("trad.pem");
    openssl(&[
        "rsa",
        "-in",
        p(&rsa_private),
        "-traditional",
        "-out",
        p(&traditional),
    ]);
    assert!(read(&traditional).starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    verify_with_key(&token, &traditional, &[]).code(0);
    // A JWKS with two keys: the token's kid picks the right one.
    let jwk_p256 = read_json(&key("p256", "public.jwk.json"));
    let jwk_rsa = read_json(&key("rsa2048", "public.jwk.json"));
    let jwks = dir.join("two.jwks.json");
    write(
        &jwks,
        json!({"keys": [jwk_p256, jwk_rsa.clone()]}).to_string(),
    );
    let kid = jwk_rsa["kid"].as_str().unwrap();
    let token = sign_with_key("RS256", &rsa_private, &["--kid", kid]);
    verify_with_key(&token, &jwks, &[]).code(0);
    verify_with_key(&tamper(&token), &jwks, &[]).code(1);
}

/// JWS ECDSA signatures are r||s; openssl writes ASN.1 DER.
fn ecdsa_der_to_rs(alg: &str, der: &[u8]) -> Vec<u8> {
    match alg {
        "ES256" => p256::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        "ES384" => p384::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        "ES512" => p521::ecdsa::Signature::from_der(der).unwrap().to_vec(),
        other => panic!("{other} is not ECDSA"),
    }
}

/// (alg, `openssl genpkey` arguments, `openssl dgst` arguments; None = `pkeyutl -rawin`)
type OpensslCase<'a> = (&'a str, &'a [&'a str], Option<&'a [&'a str]>);

const OPENSSL_CASES: &[OpensslCase] = &[
    (
        "RS256",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        Some(&["-sha256"]),
    ),
    (
        "PS256",
        &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        Some(&[
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
        ]),
    ),
    (
        "ES256",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        Some(&["-sha256"]),
    ),
    (
        "ES384",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
        Some(&["-sha384"]),
    ),
    (
        "ES512",
        &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
        Some(&["-sha512"]),
    ),
    ("EdDSA", &["-algorithm", "ED25519"], None),
];

#[test]
fn tokens_signed_by_openssl_verify() {
    let dir = scratch("openssl-signed");
    for (alg, genpkey, dgst) in OPENSSL_CASES {
        let (private, public) = openssl_key_pair(&dir, alg, genpkey);

        let input = format!(
            "{}.{}",
            b64u(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes()),
            b64u(format!(r#"{{"sub":"openssl","iat":{}}}"#, now()).as_bytes())
        );
        let (data, sig_path) = (dir.join("data"), dir.join("sig"));
        write(&data, &input);
        match dgst {
            Some(options) => {
                let mut args = vec!["dgst"];
                args.extend(*options);
                args.extend(["-sign", p(&private), "-out", p(&sig_path), p(&data)]);
                openssl(&args);
            }
            None => {
                openssl(&[
                    "pkeyutl",
                    "-sign",
                    "-inkey",
                    p(&private),
                    "-rawin",
                    "-in",
                    p(&data),
                    "-out",
                    p(&sig_path),
                ]);
            }
        }
        let mut sig = std::fs::read(&sig_path).unwrap();
        if alg.starts_with("ES") {
            sig = ecdsa_der_to_rs(alg, &sig);
        }
        let token = format!("{input}.{}", b64u(&sig));
        verify_with_key(&token, &public, &[]).verified();
        verify_with_key(&token, &public, &["--alg", alg]).code(0);
        // The private key file works too (its public half).
        verify_with_key(&token, &private, &[]).code(0);
        verify_with_key(&tamper(&token), &public, &[])
            .code(1)
            .one_stderr_line();
    }
}
