#![cfg(not(target_arch = "wasm32"))]
//! Key import and export against files written by the OpenSSL 3 CLI
//! (tests/fixtures/openssl/make-fixtures.sh), and our output read back by `openssl`.

use std::io::Write;
use std::process::{Command, Stdio};

use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::keys::{PrivateKey, PublicKey, parse_private_key, parse_public_keys};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/openssl");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap()
}

fn public(name: &str) -> PublicKey {
    let keys = parse_public_keys(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(keys.len(), 1, "{name}");
    keys.into_iter().next().unwrap().key
}

fn private(name: &str) -> PrivateKey {
    parse_private_key(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs `openssl args…` with `stdin`, returning stdout; `None` when openssl is not installed.
fn openssl(args: &[&str], stdin: &str) -> Option<String> {
    let mut child = match Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipping: the openssl CLI is not installed");
            return None;
        }
        Err(e) => panic!("cannot run openssl: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// (prefix, private-key files, description) for every key type the fixtures cover.
const FAMILIES: &[(&str, &[&str], &str)] = &[
    (
        "rsa2048",
        &["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem"],
        "RSA 2048-bit",
    ),
    (
        "ec-p256",
        &["ec-p256-sec1.pem", "ec-p256-pkcs8.pem"],
        "EC P-256",
    ),
    (
        "ec-p384",
        &["ec-p384-sec1.pem", "ec-p384-pkcs8.pem"],
        "EC P-384",
    ),
    (
        "ec-p521",
        &["ec-p521-sec1.pem", "ec-p521-pkcs8.pem"],
        "EC P-521",
    ),
    ("ed25519", &["ed25519-pkcs8.pem"], "Ed25519"),
];

#[test]
fn every_private_fixture_imports_and_matches_its_public_key() {
    for (prefix, files, kind) in FAMILIES {
        let expected = public(&format!("{prefix}-public.pem"));
        assert_eq!(expected.describe(), format!("{kind} public key"));
        for file in *files {
            let key = private(file);
            assert_eq!(key.describe(), format!("{kind} private key"), "{file}");
            assert_eq!(key.public_key(), expected, "{file}");
            // A private key pasted into the public-key box yields its public half.
            assert_eq!(public(file), expected, "{file}");
        }
    }
}

#[test]
fn rsa_public_forms_agree() {
    let spki = public("rsa2048-public.pem");
    assert_eq!(public("rsa2048-public-pkcs1.pem"), spki);
    let cert = parse_public_keys(&fixture("rsa2048-cert.pem")).unwrap();
    assert_eq!(cert[0].source, "X.509 certificate");
    assert_eq!(cert[0].key, spki);
    let sources: Vec<_> = ["rsa2048-public.pem", "rsa2048-public-pkcs1.pem"]
        .iter()
        .map(|f| parse_public_keys(&fixture(f)).unwrap()[0].source)
        .collect();
    assert_eq!(sources, ["PEM SPKI", "PEM PKCS#1"]);
}

#[test]
fn certificate_as_bare_base64_der_imports() {
    // An `x5c` entry is the certificate's base64 DER without PEM boundaries.
    let pem = fixture("rsa2048-cert.pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let keys = parse_public_keys(&body).unwrap();
    assert_eq!(keys[0].key, public("rsa2048-public.pem"));
}

#[test]
fn spki_export_is_byte_identical_to_openssl() {
    for (prefix, _, _) in FAMILIES {
        let file = format!("{prefix}-public.pem");
        assert_eq!(
            public(&file).to_spki_pem().unwrap(),
            fixture(&file),
            "{file}"
        );
    }
}

#[test]
fn private_exports_reimport_to_the_same_key() {
    for (_, files, _) in FAMILIES {
        for file in *files {
            let key = private(file);
            let pkcs8 = key.to_pkcs8_pem().unwrap();
            assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"));
            assert_eq!(parse_private_key(&pkcs8).unwrap(), key, "{file} via PKCS#8");
            let jwk = key.to_jwk().to_string();
            assert_eq!(parse_private_key(&jwk).unwrap(), key, "{file} via JWK");
            match key.to_pkcs1_pem() {
                Ok(pkcs1) => {
                    assert!(matches!(key, PrivateKey::Rsa(_)));
                    assert_eq!(parse_private_key(&pkcs1).unwrap(), key, "{file} via PKCS#1");
                }
                Err(e) => {
                    assert!(!matches!(key, PrivateKey::Rsa(_)), "{file}: {e}");
                    assert!(matches!(e, JoseError::KeyExportUnsupported { .. }));
                }
            }
        }
    }
}

#[test]
fn our_pkcs8_and_pkcs1_match_openssl() {
    let key = private("rsa2048-pkcs8.pem");
    // Same key, same DER encoding: OpenSSL and the rsa crate both write two-prime PKCS#1.
    assert_eq!(key.to_pkcs1_pem().unwrap(), fixture("rsa2048-pkcs1.pem"));
    assert_eq!(key.to_pkcs8_pem().unwrap(), fixture("rsa2048-pkcs8.pem"));
    // Ed25519: a seed-only (v1) PKCS#8, as `openssl genpkey` writes it.
    let ed = private("ed25519-pkcs8.pem");
    assert_eq!(ed.to_pkcs8_pem().unwrap(), fixture("ed25519-pkcs8.pem"));
}

#[test]
fn openssl_reads_our_private_keys() {
    for (prefix, files, _) in FAMILIES {
        let ours = private(files[0]).to_pkcs8_pem().unwrap();
        let Some(derived) = openssl(&["pkey", "-pubout"], &ours) else {
            return;
        };
        assert_eq!(
            derived,
            fixture(&format!("{prefix}-public.pem")),
            "{prefix}"
        );
    }
    let pkcs1 = private("rsa2048-pkcs8.pem").to_pkcs1_pem().unwrap();
    if let Some(derived) = openssl(&["rsa", "-pubout"], &pkcs1) {
        assert_eq!(derived, fixture("rsa2048-public.pem"));
    }
}

#[test]
fn encrypted_keys_give_a_clear_error() {
    for file in ["encrypted-pkcs8.pem", "encrypted-pkcs1.pem"] {
        let err = parse_private_key(&fixture(file)).unwrap_err();
        assert!(
            matches!(err, JoseError::EncryptedPrivateKey { .. }),
            "{file}: {err}"
        );
        assert!(err.to_string().contains("decrypt it first"), "{err}");
        let err = parse_public_keys(&fixture(file)).unwrap_err();
        assert!(
            matches!(err, JoseError::EncryptedPrivateKey { .. }),
            "{file}: {err}"
        );
    }
}

#[test]
fn public_pem_is_not_a_private_key() {
    let err = parse_private_key(&fixture("ec-p256-public.pem")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a private key, but the input is public (PEM label PUBLIC KEY)"
    );
}

#[test]
fn sec1_without_ec_parameters_block_still_imports() {
    // The EC PARAMETERS block is optional: SEC1 names its curve itself.
    let sec1 = fixture("ec-p384-sec1.pem");
    let start = sec1.find("-----BEGIN EC PRIVATE KEY-----").unwrap();
    assert_eq!(
        parse_private_key(&sec1[start..]).unwrap(),
        private("ec-p384-sec1.pem")
    );
}

#[test]
fn pasted_pem_survives_indentation_crlf_and_rewrapping() {
    let original = fixture("rsa2048-public.pem");
    let crlf_indented: String = original.lines().map(|l| format!("    {l}\r\n")).collect();
    assert_eq!(
        public("rsa2048-public.pem"),
        parse_public_keys(&crlf_indented).unwrap()[0].key
    );
    let body: String = original
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let one_line = format!("-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----");
    assert_eq!(
        public("rsa2048-public.pem"),
        parse_public_keys(&one_line).unwrap()[0].key
    );
}

#[test]
fn bundle_of_key_and_certificate() {
    let bundle = format!(
        "{}{}",
        fixture("rsa2048-pkcs8.pem"),
        fixture("rsa2048-cert.pem")
    );
    let keys = parse_public_keys(&bundle).unwrap();
    let sources: Vec<_> = keys.iter().map(|k| (k.source, k.index)).collect();
    assert_eq!(
        sources,
        [
            ("PEM PKCS#8 private key", Some(1)),
            ("X.509 certificate", Some(2))
        ]
    );
    assert_eq!(
        parse_private_key(&bundle).unwrap(),
        private("rsa2048-pkcs8.pem")
    );
}

#[test]
fn bare_base64_der_private_keys_import() {
    for file in [
        "rsa2048-pkcs8.pem",
        "rsa2048-pkcs1.pem",
        "ec-p521-pkcs8.pem",
        "ed25519-pkcs8.pem",
    ] {
        let body: String = fixture(file)
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        assert_eq!(parse_private_key(&body).unwrap(), private(file), "{file}");
    }
    // SEC1 on its own (after the EC PARAMETERS block) names its curve.
    let sec1 = fixture("ec-p256-sec1.pem");
    let start = sec1.find("-----BEGIN EC PRIVATE KEY-----").unwrap();
    let body: String = sec1[start..]
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    assert_eq!(
        parse_private_key(&body).unwrap(),
        private("ec-p256-sec1.pem")
    );
}
