#![cfg(not(target_arch = "wasm32"))]
//! `jwt-debugger keygen`, `sign` and `verify` with ML-DSA (RFC 9964 JWS algorithms ML-DSA-44,
//! -65 and -87; AKP JWKs; SPKI and PKCS#8 PEM per RFC 9881), run as a process and judged by an
//! independent implementation: Python's `cryptography` (50+, OpenSSL's ML-DSA; the one
//! tests/support/toolchain.sh's `ensure_pyjwt` installs). Python makes keys and tokens that the
//! command line must accept (and refuse once tampered with or relabelled), and verifies what
//! the command line makes; the RFC 9964 examples (tests/fixtures/mldsa, see its SOURCE.md) must
//! verify too. The raw ML-DSA interop of the core is tests/mldsa_vectors.rs; the harness is
//! tests/jose_support/cli.rs. A missing `python3` or an ML-DSA-less `cryptography` fails.

mod jose_support;
mod policy_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use jose_support::cli::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// (level, public key bytes, signature bytes): FIPS 204 table 2.
const LEVELS: [(&str, usize, usize); 3] =
    [("44", 1312, 2420), ("65", 1952, 3309), ("87", 2592, 4627)];

/// Python makes an ML-DSA-N key (argv: DIR N) and writes into DIR: `py.pub.pem` (SPKI),
/// `py.pub.jwk.json` and `py.priv.jwk.json` (RFC 9964 AKP, `priv` = the seed),
/// `mixed.priv.jwk.json` (its seed with another key's `pub`), `py.priv.pem` (PKCS#8) and
/// `py.enc.pem` (encrypted PKCS#8). Prints a compact JWS it signed itself, the same with one
/// signature byte flipped, and the same with `alg` naming another level, as a JSON object.
const PY_MAKE: &str = r#"
import sys, json, base64, pathlib
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import mldsa
d, n = pathlib.Path(sys.argv[1]), sys.argv[2]
def b(x): return base64.urlsafe_b64encode(x).rstrip(b'=').decode()
cls = getattr(mldsa, f"MLDSA{n}PrivateKey")
k, other = cls.generate(), cls.generate()
seed, pub = k.private_bytes_raw(), k.public_key().public_bytes_raw()
assert len(seed) == 32 and cls.from_seed_bytes(seed).public_key() == k.public_key()
(d / "py.pub.pem").write_bytes(k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo))
(d / "py.priv.pem").write_bytes(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
(d / "py.enc.pem").write_bytes(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.BestAvailableEncryption(b"pw")))
jwk = {"alg": f"ML-DSA-{n}", "kty": "AKP", "pub": b(pub)}
(d / "py.pub.jwk.json").write_text(json.dumps(jwk))
(d / "py.priv.jwk.json").write_text(json.dumps(dict(jwk, priv=b(seed))))
mixed = dict(jwk, pub=b(other.public_key().public_bytes_raw()), priv=b(seed))
(d / "mixed.priv.jwk.json").write_text(json.dumps(mixed))
def jws(alg, flip=False):
    h = b(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    p = b(b'{"sub":"alice","iss":"python"}')
    sig = bytearray(k.sign(f"{h}.{p}".encode()))
    sig[len(sig) // 2] ^= 0x01 if flip else 0
    return f"{h}.{p}.{b(bytes(sig))}"
other_alg = "ML-DSA-87" if n == "44" else "ML-DSA-44"
header, _, rest = jws(f"ML-DSA-{n}").partition(".")
relabelled = b(json.dumps({"alg": other_alg, "typ": "JWT"}, separators=(",", ":")).encode())
print(json.dumps({"token": jws(f"ML-DSA-{n}"), "flipped": jws(f"ML-DSA-{n}", True),
                  "other_alg": f"{relabelled}.{rest}"}))
"#;

/// Python verifies a compact ML-DSA JWS (argv: TOKEN KEY...). Each KEY is a public SPKI PEM,
/// an AKP JWK (`*.json`: its `pub` bytes) or `priv:PEM` (a PKCS#8 private key whose public key
/// must be the others'); the level comes from the header's `alg` and every key must be of it.
/// Also checks that a flipped signature byte fails, so the judge can say no. Prints OK.
const PY_CHECK: &str = r#"
import sys, json, base64
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import mldsa
def d(x):
    assert "=" not in x, "base64url without padding"
    return base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
h, p, sig = sys.argv[1].split(".")
alg = json.loads(d(h))["alg"]
assert alg.startswith("ML-DSA-"), alg
Pub, Priv = (getattr(mldsa, f"MLDSA{alg[7:]}{kind}Key") for kind in ("Public", "Private"))
keys = []
for arg in sys.argv[2:]:
    if arg.startswith("priv:"):
        priv = s.load_pem_private_key(open(arg[5:], "rb").read(), None)
        assert isinstance(priv, Priv), type(priv)
        keys.append(priv.public_key())
    elif arg.endswith(".json"):
        jwk = json.load(open(arg))
        assert jwk["kty"] == "AKP" and jwk["alg"] == alg and "priv" not in jwk, jwk
        keys.append(Pub.from_public_bytes(d(jwk["pub"])))
    else:
        keys.append(s.load_pem_public_key(open(arg, "rb").read()))
assert keys and all(isinstance(k, Pub) for k in keys), keys
raw = {k.public_bytes_raw() for k in keys}
assert len(raw) == 1, "the key files hold different public keys"
data, sig = f"{h}.{p}".encode(), d(sig)
for k in keys:
    k.verify(sig, data)
bad = bytearray(sig); bad[7] ^= 0x40
try:
    keys[0].verify(bytes(bad), data)
    sys.exit("a flipped signature byte verified")
except InvalidSignature:
    pass
print("OK")
"#;

/// `python3 -c SCRIPT ARGS...` with the test setup's Python packages first on its path,
/// asserting success; returns stdout.
fn py(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .args([&["-c", script][..], args].concat())
        .env("PYTHONPATH", policy_support::judges::pyjwt_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("python3 is required to judge ML-DSA: {e}"));
    assert!(
        out.status.success(),
        "python {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Python's judgement of `token` with the key files `keys` (see [`PY_CHECK`]).
fn python_verifies(token: &str, keys: &[String]) {
    let args: Vec<&str> = [token]
        .into_iter()
        .chain(keys.iter().map(String::as_str))
        .collect();
    assert_eq!(py(PY_CHECK, &args).trim(), "OK", "{keys:?}");
}

/// A Python key of level `n` and its tokens, in a fresh scratch directory (see [`PY_MAKE`]).
fn python_key(n: &str) -> (PathBuf, Value) {
    let dir = scratch(&format!("mldsa-py-{n}"));
    let made: Value = serde_json::from_str(&py(PY_MAKE, &[p(&dir), n])).unwrap();
    (dir, made)
}

fn path_arg(path: &Path) -> String {
    p(path).to_owned()
}

/// `keygen ml-dsa-N --out DIR --json` in a fresh directory: (DIR, the printed report).
fn cli_keygen(n: &str) -> (PathBuf, Value) {
    let dir = scratch(&format!("mldsa-keygen-{n}"));
    let report = cli(&["keygen", &format!("ml-dsa-{n}"), "--out", p(&dir), "--json"])
        .code(0)
        .json();
    (dir, report)
}

/// The header of a token `sign` made, checked against `alg`; the signature's length too.
fn check_signed(token: &str, alg: &str, sig_len: usize) {
    let (h, pl, sig) = parts(token);
    assert_eq!(part_json(h)["alg"], alg, "{token}");
    assert_eq!(part_json(h)["typ"], "JWT", "{token}");
    assert_eq!(part_json(pl)["sub"], "alice", "{token}");
    assert_eq!(unb64u(sig).len(), sig_len, "an {alg} signature");
}

/// RFC 7638 / RFC 9964 section 6: the thumbprint of an AKP key.
fn akp_thumbprint(alg: &str, public: &str) -> String {
    let members = format!(r#"{{"alg":"{alg}","kty":"AKP","pub":"{public}"}}"#);
    b64u(&Sha256::digest(members.as_bytes()))
}

#[test]
fn verify_accepts_python_tokens_and_refuses_tampered_or_relabelled_ones() {
    for (n, _, _) in LEVELS {
        let (dir, made) = python_key(n);
        let token = made["token"].as_str().unwrap();
        for file in ["py.pub.pem", "py.pub.jwk.json"] {
            let key = dir.join(file);
            verify_with_key(token, &key, &[]).verified();
            let json = verify_with_key(token, &key, &["--json"]).code(0).json();
            assert_eq!(json["status"], "verified", "{file}: {json}");
            assert_eq!(json["alg"], format!("ML-DSA-{n}"), "{json}");
            // From standard input, as `echo TOKEN | jwt-debugger verify --key FILE`.
            cli_stdin(&["verify", "--key", p(&key)], &format!("{token}\n")).verified();

            let other = if n == "44" { "ML-DSA-87" } else { "ML-DSA-44" };
            // A flipped byte fails the signature; a relabelled token names a level the key
            // is not of, and the refusal says which two.
            for (bad, says) in [
                ("flipped", vec!["signature does not match".to_owned()]),
                ("other_alg", vec![other.to_owned(), format!("ML-DSA-{n}")]),
            ] {
                let run = verify_with_key(made[bad].as_str().unwrap(), &key, &[]);
                run.refused();
                assert_eq!(run.code, 1, "{n} {file} {bad}: {}", run.describe());
                assert!(
                    run.stderr.starts_with("Invalid signature"),
                    "{}",
                    run.describe()
                );
                for text in &says {
                    assert!(
                        run.stderr.contains(text.as_str()),
                        "{text}: {}",
                        run.describe()
                    );
                }
            }
        }
    }
}

#[test]
fn python_verifies_what_keygen_and_sign_make() {
    for (n, pub_len, sig_len) in LEVELS {
        let alg = format!("ML-DSA-{n}");
        let (dir, report) = cli_keygen(n);
        assert_eq!(report["alg"], alg.as_str(), "{report}");
        let jwk = read_json(&dir.join("public.jwk.json"));
        assert_eq!(jwk["kty"], "AKP", "{jwk}");
        assert_eq!(jwk["alg"], alg.as_str(), "{jwk}");
        assert!(jwk.get("priv").is_none(), "a public JWK: {jwk}");
        let public = jwk["pub"].as_str().unwrap();
        assert_eq!(unb64u(public).len(), pub_len, "{alg} public key bytes");
        // The kid printed and in the JWK is the RFC 7638 thumbprint of alg, kty and pub.
        let kid = akp_thumbprint(&alg, public);
        assert_eq!(report["kid"], kid.as_str(), "{report}");
        assert_eq!(jwk["kid"], kid.as_str(), "{jwk}");

        let private = dir.join("private.pem");
        let run = cli(&[
            "sign",
            "--alg",
            &alg,
            "--key",
            p(&private),
            "--claim",
            "sub=alice",
        ]);
        let token = token_line(run.ok());
        check_signed(&token, &alg, sig_len);
        let decoded = cli(&["decode", &token, "--json"]).code(0).json();
        assert_eq!(decoded["header"]["alg"], alg.as_str(), "{decoded}");

        // Python: the SPKI PEM, the JWK's `pub` and the PKCS#8 private key are one key, and
        // the signature verifies with it.
        let keys = [
            path_arg(&dir.join("public.pem")),
            path_arg(&dir.join("public.jwk.json")),
            format!("priv:{}", p(&private)),
        ];
        python_verifies(&token, &keys);
        for file in ["public.pem", "public.jwk.json", "jwks.json", "private.pem"] {
            verify_with_key(&token, &dir.join(file), &[]).verified();
        }
    }
}

#[test]
fn sign_with_python_private_keys() {
    for (n, _, sig_len) in LEVELS {
        let alg = format!("ML-DSA-{n}");
        let (dir, _) = python_key(n);
        let judge_keys = [
            path_arg(&dir.join("py.pub.pem")),
            path_arg(&dir.join("py.pub.jwk.json")),
        ];
        // cryptography writes PKCS#8 in RFC 9881's seed-only form; `priv` is the same seed.
        for file in ["py.priv.pem", "py.priv.jwk.json"] {
            let token = sign_with_key(&alg, &dir.join(file), &["--claim", "sub=alice"]);
            check_signed(&token, &alg, sig_len);
            python_verifies(&token, &judge_keys);
        }
        let run = cli(&[
            "sign",
            "--alg",
            &alg,
            "--key",
            p(&dir.join("mixed.priv.jwk.json")),
        ]);
        run.refused();
        assert!(
            run.stderr.contains("does not belong to the public key")
                && run.stderr.contains("\"pub\""),
            "a mismatched pub is named: {}",
            run.describe()
        );
        let run = cli(&["sign", "--alg", &alg, "--key", p(&dir.join("py.enc.pem"))]);
        run.refused();
        assert!(run.stderr.contains("encrypted"), "{}", run.describe());
    }
}

/// The RFC 9881 private key (seed 00 01 … 1f) in the two forms cryptography does not write,
/// `expandedKey` and `both`, signs through the command line; Python verifies with its SPKI.
#[test]
fn sign_with_the_rfc9881_expanded_and_both_forms() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mldsa/rfc9881");
    for (n, _, sig_len) in LEVELS {
        let alg = format!("ML-DSA-{n}");
        let public = fixtures.join(format!("{alg}.pub"));
        for form in ["seed", "expanded", "both"] {
            let private = fixtures.join(format!("{alg}-{form}.priv"));
            let token = sign_with_key(&alg, &private, &["--claim", "sub=alice"]);
            check_signed(&token, &alg, sig_len);
            python_verifies(&token, &[path_arg(&public)]);
            verify_with_key(&token, &public, &[]).verified();
        }
    }
}

fn rfc9964_example(n: &str) -> Value {
    let name = format!("tests/fixtures/mldsa/rfc9964/ML_DSA_{n}.jose.json");
    read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
}

/// RFC 9964's appendix: each example JWS verifies with the example key as a public JWK, a JWKS
/// (chosen by the header's `kid`) and the private JWK; Python agrees; tampered, it is refused,
/// and so it is under another level's example key. The private JWK signs through the CLI.
#[test]
fn rfc9964_examples_verify() {
    for (n, _, sig_len) in LEVELS {
        let example = rfc9964_example(n);
        let dir = scratch(&format!("mldsa-rfc9964-{n}"));
        let private_jwk = example["jwk"].clone();
        let mut public_jwk = private_jwk.clone();
        public_jwk.as_object_mut().unwrap().remove("priv");
        let jwks = serde_json::json!({ "keys": [public_jwk] });
        write(&dir.join("public.json"), public_jwk.to_string());
        write(&dir.join("jwks.json"), jwks.to_string());
        write(&dir.join("private.jwk"), private_jwk.to_string());
        let jws = example["jws"].as_str().unwrap();
        let kid = private_jwk["kid"].as_str().unwrap();
        assert_eq!(part_json(parts(jws).0)["kid"], kid);

        for file in ["public.json", "jwks.json", "private.jwk"] {
            let run = verify_with_key(jws, &dir.join(file), &[]);
            assert!(run.verified().stdout.contains(kid), "{}", run.describe());
            verify_with_key(&tamper(jws), &dir.join(file), &[]).refused();
        }
        python_verifies(jws, &[path_arg(&dir.join("public.json"))]);

        let other = if n == "44" { "65" } else { "44" };
        let mut other_jwk = rfc9964_example(other)["jwk"].clone();
        other_jwk.as_object_mut().unwrap().remove("priv");
        write(&dir.join("other.json"), other_jwk.to_string());
        verify_with_key(jws, &dir.join("other.json"), &[]).refused();

        let alg = format!("ML-DSA-{n}");
        let token = sign_with_key(&alg, &dir.join("private.jwk"), &["--claim", "sub=alice"]);
        check_signed(&token, &alg, sig_len);
        python_verifies(&token, &[path_arg(&dir.join("public.json"))]);
    }
}

#[test]
fn sign_refuses_an_algorithm_the_key_is_not_for() {
    let (dir, _) = cli_keygen("65");
    let private = dir.join("private.pem");
    for (alg, names) in [
        ("ML-DSA-44", ["ML-DSA-44", "ML-DSA-65"]),
        ("ML-DSA-87", ["ML-DSA-87", "ML-DSA-65"]),
        ("ES256", ["ES256", "ML-DSA-65"]),
        ("EdDSA", ["EdDSA", "ML-DSA-65"]),
        ("RS256", ["RS256", "ML-DSA-65"]),
    ] {
        let run = cli(&["sign", "--alg", alg, "--key", p(&private), "--sub", "x"]);
        run.refused();
        for name in names {
            assert!(
                run.stderr.contains(name),
                "names {name}: {}",
                run.describe()
            );
        }
    }
    // And the other way round: an ML-DSA algorithm with an EC key.
    let run = cli(&[
        "sign",
        "--alg",
        "ML-DSA-65",
        "--key",
        p(&key("p256", "private.pem")),
    ]);
    run.refused();
    assert!(run.stderr.contains("ML-DSA-65"), "{}", run.describe());
    // verify --alg ES256 does not accept an ML-DSA-65 token, whatever the key.
    let token = sign_with_key("ML-DSA-65", &private, &[]);
    verify_with_key(&token, &dir.join("public.pem"), &["--alg", "ES256"]).refused();
    verify_with_key(&token, &dir.join("public.pem"), &["--alg", "ML-DSA-65"]).verified();
}
