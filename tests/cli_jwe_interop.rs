#![cfg(not(target_arch = "wasm32"))]
//! The JWE commands against an independent implementation, panva's `jose` (tests/node_modules,
//! installed by `npm ci` in tests/): tokens `jose` makes are decrypted by `decrypt`, and tokens
//! `encrypt` makes are decrypted by `jose`, for RSA-OAEP(-256), ECDH-ES+A256KW on P-256 and
//! X25519, ECDH-ES on X25519, A256KW, A128GCMKW, dir, PBES2, `zip: "DEF"`, a claims set
//! (`EncryptJWT` / `jwtDecrypt`) and a nested signed-then-encrypted JWT. A missing `node` or `jose` fails these tests.

mod jose_support;

use jose_support::cli::*;
use serde_json::{Value, json};

/// The judge: `node --input-type=module -e JOSE MODE ARGS...`. A key spec is `pkcs8:FILE`,
/// `spki:FILE`, `hex:HEX` (symmetric key bytes) or `password:TEXT`. `jose` refuses PBES2 unless
/// it is named, so it is named; its default cap on `p2c` (10,000) is kept, since `encrypt`'s
/// default count must pass it.
const JOSE: &str = r#"
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
const [mode, ...a] = process.argv.slice(1);
const te = new TextEncoder(), td = new TextDecoder();
async function key(spec, alg) {
  const i = spec.indexOf(':');
  const [kind, value] = [spec.slice(0, i), spec.slice(i + 1)];
  if (kind === 'pkcs8') return jose.importPKCS8(readFileSync(value, 'utf8'), alg);
  if (kind === 'spki') return jose.importSPKI(readFileSync(value, 'utf8'), alg);
  if (kind === 'hex') return Uint8Array.from(Buffer.from(value, 'hex'));
  if (kind === 'password') return te.encode(value);
  throw new Error('key spec ' + spec);
}
const pem = (file, alg) => jose.importPKCS8(readFileSync(file, 'utf8'), alg);
const alg = (token) => jose.decodeProtectedHeader(token).alg;
// PBES2 is refused unless allowed by name.
const opts = (token) => ({ keyManagementAlgorithms: [alg(token)] });
if (mode === 'encrypt') {
  const [alg, enc, spec, plaintext, extra] = a;
  const header = { alg, enc, kid: 'from-node', ...JSON.parse(extra ?? '{}') };
  console.log(await new jose.CompactEncrypt(te.encode(plaintext))
    .setProtectedHeader(header).encrypt(await key(spec, alg)));
} else if (mode === 'decrypt') {
  const [token, spec] = a;
  const r = await jose.compactDecrypt(token, await key(spec, alg(token)), opts(token));
  console.log(JSON.stringify({ plaintext: td.decode(r.plaintext), header: r.protectedHeader }));
} else if (mode === 'encrypt-jwt') {
  const [alg, enc, spec, claims] = a;
  console.log(await new jose.EncryptJWT(JSON.parse(claims)).setProtectedHeader({ alg, enc })
    .encrypt(await key(spec, alg)));
} else if (mode === 'decrypt-jwt') {
  const [token, spec] = a;
  const r = await jose.jwtDecrypt(token, await key(spec, alg(token)), opts(token));
  console.log(JSON.stringify(r.payload));
} else if (mode === 'nested-encrypt') {
  const [alg, enc, spec, signer, claims] = a;
  const jws = await new jose.SignJWT(JSON.parse(claims))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(await pem(signer, 'ES256'));
  console.log(await new jose.CompactEncrypt(te.encode(jws))
    .setProtectedHeader({ alg, enc, cty: 'JWT' }).encrypt(await key(spec, alg)));
} else if (mode === 'nested-decrypt') {
  const [token, spec, verifier] = a;
  const r = await jose.compactDecrypt(token, await key(spec, alg(token)), opts(token));
  const publicKey = await jose.importSPKI(readFileSync(verifier, 'utf8'), 'ES256');
  const inner = await jose.jwtVerify(td.decode(r.plaintext), publicKey);
  console.log(JSON.stringify({ cty: r.protectedHeader.cty, payload: inner.payload }));
} else {
  throw new Error('mode ' + mode);
}
"#;

/// One key, as `jose` and as the command line take it, for each direction.
struct Case {
    alg: &'static str,
    enc: &'static str,
    /// `jose`'s key specs: (encrypting, decrypting).
    node: (String, String),
    /// The command line's key arguments: (encrypting, decrypting).
    ours: (Vec<String>, Vec<String>),
}

fn pem_case(alg: &'static str, enc: &'static str, name: &str) -> Case {
    let (public, private) = (
        jwe_key(&format!("{name}.pub.pem")),
        jwe_key(&format!("{name}.pem")),
    );
    Case {
        alg,
        enc,
        node: (
            format!("spki:{}", p(&public)),
            format!("pkcs8:{}", p(&private)),
        ),
        ours: (args(&["--key", p(&public)]), args(&["--key", p(&private)])),
    }
}

fn symmetric_case(alg: &'static str, enc: &'static str, len: u8) -> Case {
    let hex = hex::encode((0..len).map(|b| b.wrapping_mul(37)).collect::<Vec<u8>>());
    let (_, file) = scratch_with_secret("interop-key", &hex);
    let ours = args(&["--secret-file", p(&file), "--secret-encoding", "hex"]);
    Case {
        alg,
        enc,
        node: (format!("hex:{hex}"), format!("hex:{hex}")),
        ours: (ours.clone(), ours),
    }
}

fn password_case(alg: &'static str, enc: &'static str) -> Case {
    let password = "interop password ✓";
    let (_, file) = scratch_with_secret("interop-password", password);
    let ours = args(&["--password-file", p(&file)]);
    let node = format!("password:{password}");
    Case {
        alg,
        enc,
        node: (node.clone(), node),
        ours: (ours.clone(), ours),
    }
}

fn args(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn cases() -> Vec<Case> {
    vec![
        pem_case("RSA-OAEP-256", "A256GCM", "rsa"),
        pem_case("RSA-OAEP", "A128CBC-HS256", "rsa"),
        pem_case("ECDH-ES+A256KW", "A256GCM", "p256"),
        pem_case("ECDH-ES+A256KW", "A128GCM", "x25519"),
        pem_case("ECDH-ES", "A256CBC-HS512", "x25519"),
        symmetric_case("A256KW", "A256GCM", 32),
        symmetric_case("A128GCMKW", "A128GCM", 16),
        symmetric_case("dir", "A256GCM", 32),
        symmetric_case("dir", "A128CBC-HS256", 32),
        password_case("PBES2-HS256+A128KW", "A128GCM"),
    ]
}

#[test]
fn tokens_made_by_jose_decrypt_with_ours() {
    for case in cases() {
        let plaintext = format!("from jose: {} {} ✓", case.alg, case.enc);
        let token = node_jose(
            JOSE,
            &["encrypt", case.alg, case.enc, &case.node.0, &plaintext],
        );
        let token = token.trim();
        let run = decrypt(token, &strs(&case.ours.1));
        assert_eq!(
            run.ok(),
            plaintext,
            "{} {}: {}",
            case.alg,
            case.enc,
            run.describe()
        );
        let v = decrypt(token, &[&strs(&case.ours.1)[..], &["--json"]].concat()).json();
        assert_eq!(v["header"]["kid"], json!("from-node"), "{v}");
        assert_eq!(
            (v["alg"].as_str(), v["enc"].as_str()),
            (Some(case.alg), Some(case.enc))
        );
    }
}

#[test]
fn tokens_made_by_ours_decrypt_with_jose() {
    for case in cases() {
        let plaintext = format!("from jwt-debugger: {} {} ✓", case.alg, case.enc);
        let base = ["--alg", case.alg, "--enc", case.enc, "--kid", "from-cli"];
        let token = encrypt(&[&base[..], &strs(&case.ours.0), &[&plaintext]].concat());
        let out = node_jose(JOSE, &["decrypt", &token, &case.node.1]);
        let v: Value = serde_json::from_str(&out).expect("jose's JSON");
        assert_eq!(
            v["plaintext"],
            json!(plaintext),
            "{} {}: {v}",
            case.alg,
            case.enc
        );
        assert_eq!(v["header"]["kid"], json!("from-cli"), "{v}");
        assert_eq!(v["header"]["alg"], json!(case.alg), "{v}");
    }
}

#[test]
fn compressed_tokens_both_ways() {
    let case = symmetric_case("A256KW", "A256GCM", 32);
    let plaintext = "compress me ".repeat(20);
    let zip = r#"{"zip":"DEF"}"#;
    let token = node_jose(
        JOSE,
        &["encrypt", case.alg, case.enc, &case.node.0, &plaintext, zip],
    );
    let run = decrypt(token.trim(), &strs(&case.ours.1));
    assert_eq!(run.ok(), plaintext);
    assert!(
        run.stderr.contains("zip"),
        "the finding: {}",
        run.describe()
    );
    let base = ["--alg", case.alg, "--enc", case.enc, "--zip"];
    let token = encrypt(&[&base[..], &strs(&case.ours.0), &[&plaintext]].concat());
    let v: Value = serde_json::from_str(&node_jose(JOSE, &["decrypt", &token, &case.node.1]))
        .expect("jose's JSON");
    assert_eq!(v["plaintext"], json!(plaintext), "{v}");
    assert_eq!(v["header"]["zip"], json!("DEF"), "{v}");
}

#[test]
fn claims_sets_both_ways() {
    let case = pem_case("RSA-OAEP-256", "A128CBC-HS256", "rsa");
    let claims = r#"{"sub":"interop","scope":["read","write"]}"#;
    // jose's EncryptJWT, read by ours.
    let token = node_jose(
        JOSE,
        &["encrypt-jwt", case.alg, case.enc, &case.node.0, claims],
    );
    let v = decrypt(
        token.trim(),
        &[&strs(&case.ours.1)[..], &["--json"]].concat(),
    )
    .json();
    let plaintext: Value =
        serde_json::from_str(v["plaintext"].as_str().unwrap_or_default()).expect("JSON claims");
    assert_eq!(
        plaintext,
        serde_json::from_str::<Value>(claims).expect("claims"),
        "{v}"
    );
    // Ours, read by jose's jwtDecrypt.
    let token = encrypt(
        &[
            &["--alg", case.alg, "--enc", case.enc][..],
            &strs(&case.ours.0),
            &[claims],
        ]
        .concat(),
    );
    let payload: Value =
        serde_json::from_str(&node_jose(JOSE, &["decrypt-jwt", &token, &case.node.1]))
            .expect("JSON");
    assert_eq!(
        payload,
        serde_json::from_str::<Value>(claims).expect("claims")
    );
}

#[test]
fn nested_jwts_both_ways() {
    let case = pem_case("ECDH-ES+A256KW", "A256GCM", "p256");
    let (signer, verifier) = (key("p256", "private.pem"), key("p256", "public.pem"));
    let claims = r#"{"sub":"nested-interop"}"#;
    // jose signs (ES256) then encrypts; ours decrypts and verifies the inner JWT.
    let token = node_jose(
        JOSE,
        &[
            "nested-encrypt",
            case.alg,
            case.enc,
            &case.node.0,
            p(&signer),
            claims,
        ],
    );
    let run = decrypt(
        token.trim(),
        &[
            &strs(&case.ours.1)[..],
            &["--verify-key", p(&verifier), "--json"],
        ]
        .concat(),
    );
    let v = run.json();
    assert_eq!(v["nested"]["signature"]["status"], json!("verified"), "{v}");
    assert_eq!(
        v["nested"]["payload"]["sub"],
        json!("nested-interop"),
        "{v}"
    );
    let other = key("p384", "public.pem");
    decrypt(
        token.trim(),
        &[&strs(&case.ours.1)[..], &["--verify-key", p(&other)]].concat(),
    )
    .code(1);
    // Ours signs then encrypts; jose decrypts and verifies.
    let base = [
        "--alg",
        case.alg,
        "--enc",
        case.enc,
        "--sign-key",
        p(&signer),
        "--sign-alg",
        "ES256",
        "--payload",
        claims,
    ];
    let token = encrypt(&[&base[..], &strs(&case.ours.0)].concat());
    let out = node_jose(
        JOSE,
        &["nested-decrypt", &token, &case.node.1, p(&verifier)],
    );
    let v: Value = serde_json::from_str(&out).expect("jose's JSON");
    assert_eq!(v["cty"], json!("JWT"), "{v}");
    assert_eq!(v["payload"]["sub"], json!("nested-interop"), "{v}");
}
