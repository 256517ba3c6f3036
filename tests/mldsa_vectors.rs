#![cfg(not(target_arch = "wasm32"))]
//! ML-DSA (src/jose/mldsa) against outside data: Wycheproof (C2SP/wycheproof, Apache-2.0, see
//! tests/vectors/wycheproof/LICENSE), the RFC 9964 JOSE examples and the RFC 9881 key examples
//! (tests/fixtures/mldsa/SOURCE.md), and keys and signatures of Python's `cryptography`
//! (OpenSSL's ML-DSA) when it is installed; plus round trips through every format.
//!
//! Every Wycheproof case is counted against the file's `numberOfTests`. Signing cases RFC 9964
//! cannot express are skipped with a counted reason: a non-empty context (JOSE's is empty) and
//! a precomputed μ without a message (ML-DSA.Sign_internal).

mod jose_support;
mod policy_support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use jose_support::FixedRnd;
use jwt_debugger::jose::base64url;
use jwt_debugger::jose::mldsa::{
    MlDsaError, MlDsaParams, MlDsaPrivateKey, MlDsaPublicKey, looks_like_akp_jwk,
    try_private_from_pkcs8_der, try_public_from_spki_der,
};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn load_json(rel: &str) -> Value {
    let path = format!("{ROOT}/tests/{rel}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/mldsa/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap_or_default()).unwrap()
}

/// Per-file bookkeeping: every case is checked or skipped for a named reason.
#[derive(Default)]
struct Tally {
    checked: usize,
    skipped: BTreeMap<&'static str, usize>,
    mismatches: Vec<String>,
}

impl Tally {
    fn check(&mut self, tc: &Value, got_ok: bool) {
        self.checked += 1;
        if got_ok != (tc["result"] == "valid") {
            self.mismatches.push(format!(
                "tcId {} ({}, {}): got {}",
                tc["tcId"],
                tc["result"],
                tc["comment"],
                if got_ok { "accept" } else { "reject" }
            ));
        }
    }

    fn skip(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    fn finish(self, file: &str, doc: &Value) -> BTreeMap<&'static str, usize> {
        let total = self.checked + self.skipped.values().sum::<usize>();
        eprintln!(
            "{file}: {total} cases, {} checked, skipped {:?}",
            self.checked, self.skipped
        );
        assert_eq!(Some(total as u64), doc["numberOfTests"].as_u64(), "{file}");
        assert!(
            self.mismatches.is_empty(),
            "{file}:\n{}",
            self.mismatches.join("\n")
        );
        self.skipped
    }
}

fn wycheproof_verify(params: MlDsaParams, file: &str) {
    let doc = load_json(&format!("vectors/wycheproof/{file}"));
    assert_eq!(doc["algorithm"], params.jose_name());
    let mut tally = Tally::default();
    for group in doc["testGroups"].as_array().unwrap() {
        let key = MlDsaPublicKey::from_bytes(params, &unhex(&group["publicKey"]));
        // The DER form must give the same key, or fail the same way.
        let from_der = try_public_from_spki_der(&unhex(&group["publicKeyDer"]));
        assert_eq!(
            key.as_ref().ok(),
            from_der.as_ref().ok().and_then(Option::as_ref),
            "{file}: publicKeyDer and publicKey disagree"
        );
        for tc in group["tests"].as_array().unwrap() {
            let ctx = tc.get("ctx").map(unhex).unwrap_or_default();
            let ok = key.as_ref().is_ok_and(|key| {
                key.verify_with_context(&unhex(&tc["msg"]), &ctx, &unhex(&tc["sig"]))
                    .is_ok()
            });
            tally.check(tc, ok);
        }
    }
    let skipped = tally.finish(file, &doc);
    assert!(skipped.is_empty());
}

#[test]
fn wycheproof_mldsa_44_verify() {
    wycheproof_verify(MlDsaParams::Ml44, "mldsa_44_verify_test.json");
}

#[test]
fn wycheproof_mldsa_65_verify() {
    wycheproof_verify(MlDsaParams::Ml65, "mldsa_65_verify_test.json");
}

#[test]
fn wycheproof_mldsa_87_verify() {
    wycheproof_verify(MlDsaParams::Ml87, "mldsa_87_verify_test.json");
}

/// One signing case: deterministic unless the case gives `rnd` (FIPS 204's hedged variant).
fn sign_case(key: &MlDsaPrivateKey, tc: &Value) -> bool {
    let msg = unhex(&tc["msg"]);
    let signature = match tc.get("rnd") {
        Some(rnd) => key.sign(&msg, &mut FixedRnd(unhex(rnd))),
        None => key.sign_deterministic(&msg),
    };
    let Ok(signature) = signature else {
        return false;
    };
    signature == unhex(&tc["sig"]) && key.public_key().verify(&msg, &signature).is_ok()
}

fn wycheproof_sign(params: MlDsaParams, file: &str, expected_skips: &[(&'static str, usize)]) {
    let doc = load_json(&format!("vectors/wycheproof/{file}"));
    assert_eq!(doc["algorithm"], params.jose_name());
    let mut tally = Tally::default();
    for group in doc["testGroups"].as_array().unwrap() {
        let key = MlDsaPrivateKey::from_seed(params, &unhex(&group["privateSeed"]));
        if let Ok(key) = &key {
            assert_eq!(key.public_key().as_bytes(), unhex(&group["publicKey"]));
            if let Some(pkcs8) = group.get("privateKeyPkcs8") {
                let der = unhex(pkcs8);
                assert_eq!(MlDsaPrivateKey::from_pkcs8_der(&der).as_ref(), Ok(key));
                assert_eq!(key.to_pkcs8_der().unwrap().as_slice(), der);
            }
        }
        for tc in group["tests"].as_array().unwrap() {
            if tc.get("ctx").is_some() {
                tally.skip("non-empty or invalid context (JOSE signs with the empty one)");
            } else if tc.get("msg").is_none() {
                tally.skip("precomputed mu without a message (Sign_internal)");
            } else {
                tally.check(tc, key.as_ref().is_ok_and(|key| sign_case(key, tc)));
            }
        }
    }
    let skipped = tally.finish(file, &doc);
    assert_eq!(skipped, expected_skips.iter().copied().collect());
}

const CTX: &str = "non-empty or invalid context (JOSE signs with the empty one)";
const MU: &str = "precomputed mu without a message (Sign_internal)";

#[test]
fn wycheproof_mldsa_44_sign_seed() {
    wycheproof_sign(
        MlDsaParams::Ml44,
        "mldsa_44_sign_seed_test.json",
        &[(CTX, 5), (MU, 8)],
    );
}

#[test]
fn wycheproof_mldsa_65_sign_seed() {
    wycheproof_sign(
        MlDsaParams::Ml65,
        "mldsa_65_sign_seed_test.json",
        &[(CTX, 5), (MU, 17)],
    );
}

#[test]
fn wycheproof_mldsa_87_sign_seed() {
    wycheproof_sign(
        MlDsaParams::Ml87,
        "mldsa_87_sign_seed_test.json",
        &[(CTX, 5), (MU, 17)],
    );
}

/// The appendix examples of RFC 9964: the AKP JWK (thumbprint = its `kid`), and its JWS.
#[test]
fn rfc9964_examples() {
    for params in MlDsaParams::ALL {
        let name = params.jose_name().replace('-', "_");
        let example = load_json(&format!("fixtures/mldsa/rfc9964/{name}.jose.json"));
        let jwk = &example["jwk"];
        assert!(looks_like_akp_jwk(jwk));
        let key = MlDsaPrivateKey::from_jwk(jwk).unwrap();
        assert_eq!(key.params(), params);
        let public = key.public_key();
        assert_eq!(public.thumbprint(), jwk["kid"].as_str().unwrap(), "{name}");
        assert_eq!(public.as_bytes(), unhex(&example["raw_public_key"]));
        assert_eq!(key.to_jwk().unwrap()["priv"], jwk["priv"]);
        assert_eq!(
            MlDsaPrivateKey::from_seed(params, &unhex(&example["priv"])).as_ref(),
            Ok(&key)
        );

        let jws = example["jws"].as_str().unwrap();
        let (input, signature) = jws.rsplit_once('.').unwrap();
        let signature = base64url::decode(signature).unwrap();
        assert_eq!(input.as_bytes(), unhex(&example["raw_to_be_signed"]));
        assert_eq!(signature, unhex(&example["raw_signature"]));
        let header: Value =
            serde_json::from_slice(&base64url::decode(input.split('.').next().unwrap()).unwrap())
                .unwrap();
        assert_eq!(header["alg"], params.jose_name());
        assert_eq!(public.verify(input.as_bytes(), &signature), Ok(()));

        let mut tampered = signature.clone();
        tampered[10] ^= 1;
        assert!(public.verify(input.as_bytes(), &tampered).is_err());
        assert!(public.verify(b"x.y", &signature).is_err());
        // The examples were signed in FIPS 204's deterministic variant: ours is byte-identical.
        assert_eq!(key.sign_deterministic(input.as_bytes()).unwrap(), signature);
    }
}

/// The key examples of RFC 9881: one seed in the three PKCS#8 forms, its SPKI and certificate,
/// and the three inconsistent keys.
#[test]
fn rfc9881_examples() {
    use der::{Decode, Encode};
    for params in MlDsaParams::ALL {
        let name = params.jose_name();
        let public = MlDsaPublicKey::from_pem(&fixture(&format!("rfc9881/{name}.pub"))).unwrap();
        assert_eq!(
            public.to_pem().unwrap(),
            fixture(&format!("rfc9881/{name}.pub"))
        );
        let seed_pem = fixture(&format!("rfc9881/{name}-seed.priv"));
        let seed = MlDsaPrivateKey::from_pem(&seed_pem).unwrap();
        let expanded_pem = fixture(&format!("rfc9881/{name}-expanded.priv"));
        let expanded = MlDsaPrivateKey::from_pem(&expanded_pem).unwrap();
        let both =
            MlDsaPrivateKey::from_pem(&fixture(&format!("rfc9881/{name}-both.priv"))).unwrap();
        let seed_bytes: Vec<u8> = (0..32).collect();
        assert_eq!(
            seed,
            MlDsaPrivateKey::from_seed(params, &seed_bytes).unwrap()
        );
        assert_eq!(both, seed);
        assert_eq!(seed.public_key(), &public);
        assert_eq!(expanded.public_key(), &public);
        assert!(!expanded.has_seed());
        // Written back byte for byte: seed-only for seeded keys, expandedKey when that is all.
        assert_eq!(*seed.to_pkcs8_pem().unwrap(), seed_pem);
        assert_eq!(*both.to_pkcs8_pem().unwrap(), seed_pem);
        assert_eq!(*expanded.to_pkcs8_pem().unwrap(), expanded_pem);
        assert!(matches!(expanded.to_jwk(), Err(MlDsaError::NoSeed { .. })));
        let sig = expanded.sign_deterministic(b"m").unwrap();
        assert_eq!(sig, seed.sign_deterministic(b"m").unwrap());

        let cert_pem = fixture(&format!("rfc9881/{name}.crt"));
        let (_, cert_der) = der::pem::decode_vec(cert_pem.as_bytes()).unwrap();
        let cert = x509_cert::Certificate::from_der(&cert_der).unwrap();
        let spki = cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .unwrap();
        assert_eq!(
            try_public_from_spki_der(&spki).unwrap().as_ref(),
            Some(&public)
        );
    }
    for (i, reason) in [(1, "its seed"), (2, "do not verify")] {
        let err = MlDsaPrivateKey::from_pem(&fixture(&format!("rfc9881/bad-ML-DSA-44-{i}.priv")))
            .unwrap_err();
        assert!(
            matches!(err, MlDsaError::InconsistentPrivateKey { .. })
                && err.to_string().contains(reason),
            "bad-ML-DSA-44-{i}: {err}"
        );
    }
    // Known limit: the third key's t0 is off by one in one coefficient. Recomputing t0 needs
    // t = A·s1 + s2, which the ml-dsa crate does not expose, and the pairwise test cannot see an
    // error this small (its signatures verify). It is read, with the right public key.
    let bad3 = MlDsaPrivateKey::from_pem(&fixture("rfc9881/bad-ML-DSA-44-3.priv")).unwrap();
    let public = MlDsaPublicKey::from_pem(&fixture("rfc9881/ML-DSA-44.pub")).unwrap();
    assert_eq!(bad3.public_key(), &public);
}

#[test]
fn round_trips_through_every_format() {
    let mut rng = ChaCha20Rng::from_seed([42; 32]);
    for params in MlDsaParams::ALL {
        let key = MlDsaPrivateKey::generate(params, &mut rng);
        let from_jwk = MlDsaPrivateKey::from_jwk(&key.to_jwk().unwrap()).unwrap();
        let from_pem = MlDsaPrivateKey::from_pem(&key.to_pkcs8_pem().unwrap()).unwrap();
        assert_eq!(from_jwk, key);
        assert_eq!(from_pem, key);
        let public_jwk = key.public_key().to_jwk();
        let public = MlDsaPublicKey::from_jwk(&public_jwk).unwrap();
        let public_pem = MlDsaPublicKey::from_pem(&key.public_key().to_pem().unwrap()).unwrap();
        assert_eq!(public_pem, public);
        assert_eq!(public.thumbprint(), key.public_key().thumbprint());

        let input = b"eyJhbGciOiJNTC1EU0EtNDQifQ.eyJzdWIiOiJ4In0";
        let signature = from_jwk.sign(input, &mut rng).unwrap();
        assert_eq!(public.verify(input, &signature), Ok(()));
        let mut tampered = signature.clone();
        *tampered.last_mut().unwrap() ^= 0x80;
        assert!(public.verify(input, &tampered).is_err());
        let other = MlDsaPrivateKey::generate(params, &mut rng);
        assert_eq!(
            other.public_key().verify(input, &signature),
            Err(MlDsaError::SignatureMismatch(params.jose_name()))
        );

        // A `priv` whose public key is not `pub`.
        let mut mixed = key.to_jwk().unwrap();
        mixed["priv"] = other.to_jwk().unwrap()["priv"].clone();
        assert!(matches!(
            MlDsaPrivateKey::from_jwk(&mixed),
            Err(MlDsaError::PublicKeyMismatch { .. })
        ));
    }
}

#[test]
fn other_algorithms_are_left_to_the_caller() {
    let p256 = fixture("../openssl/ec-p256-pkcs8.pem");
    let (_, der) = der::pem::decode_vec(p256.trim().as_bytes()).unwrap();
    assert_eq!(try_private_from_pkcs8_der(&der), Ok(None));
    assert!(matches!(
        MlDsaPrivateKey::from_pkcs8_der(&der),
        Err(MlDsaError::NotMlDsa(oid)) if oid == "1.2.840.10045.2.1"
    ));
    assert!(matches!(
        try_public_from_spki_der(b"\x30\x00"),
        Err(MlDsaError::MalformedDer { .. })
    ));
}

/// Python's `cryptography` (47+, over OpenSSL 3.5+; the one tests/support/toolchain.sh's
/// `ensure_pyjwt` installs beside PyJWT and sd-jwt, else the system's) generates a key and
/// signs; we read its PEM and verify; we sign with its key and with one of ours, and it
/// verifies. The system OpenSSL 3.0 command line has no ML-DSA. A missing ML-DSA fails.
#[test]
fn python_cryptography_interop() {
    let probe = python3()
        .args(["-c", "from cryptography.hazmat.primitives.asymmetric import mldsa; mldsa.MLDSA44PrivateKey.generate()"])
        .output()
        .expect("python3");
    assert!(
        probe.status.success(),
        "python3's cryptography has no ML-DSA (47+ is needed): {}",
        String::from_utf8_lossy(&probe.stderr)
    );
    let dir = scratch_dir();
    let mut rng = ChaCha20Rng::from_seed([9; 32]);
    for params in MlDsaParams::ALL {
        let n = &params.jose_name()[7..];
        let ours = MlDsaPrivateKey::generate(params, &mut rng);
        std::fs::write(
            dir.join("ours.pem"),
            ours.to_pkcs8_pem().unwrap().as_bytes(),
        )
        .unwrap();
        std::fs::write(
            dir.join("ours.sig"),
            ours.sign(b"from rust", &mut rng).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.join("ours.pub"), ours.public_key().to_pem().unwrap()).unwrap();
        python(&dir, n, PY_GENERATE_AND_CHECK);
        let theirs = MlDsaPrivateKey::from_pem(&read(&dir, "theirs.pem")).unwrap();
        let their_public = MlDsaPublicKey::from_pem(&read(&dir, "theirs.pub")).unwrap();
        assert_eq!(theirs.public_key(), &their_public);
        let their_sig = std::fs::read(dir.join("theirs.sig")).unwrap();
        assert_eq!(their_public.verify(b"from python", &their_sig), Ok(()));
        let sig = theirs.sign(b"from rust", &mut rng).unwrap();
        std::fs::write(dir.join("theirs-by-rust.sig"), sig).unwrap();
        python(&dir, n, PY_VERIFY_OURS);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

const PY_GENERATE_AND_CHECK: &str = r#"
import sys, pathlib
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import mldsa
d, n = pathlib.Path(sys.argv[1]), sys.argv[2]
cls = getattr(mldsa, f"MLDSA{n}PrivateKey")
k = cls.generate()
(d / "theirs.pem").write_bytes(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
(d / "theirs.pub").write_bytes(k.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo))
(d / "theirs.sig").write_bytes(k.sign(b"from python"))
ours = s.load_pem_private_key((d / "ours.pem").read_bytes(), None)
assert isinstance(ours, cls), type(ours)
pub = s.load_pem_public_key((d / "ours.pub").read_bytes())
assert pub == ours.public_key()
pub.verify((d / "ours.sig").read_bytes(), b"from rust")
"#;

const PY_VERIFY_OURS: &str = r#"
import sys, pathlib
from cryptography.hazmat.primitives import serialization as s
d = pathlib.Path(sys.argv[1])
pub = s.load_pem_public_key((d / "theirs.pub").read_bytes())
pub.verify((d / "theirs-by-rust.sig").read_bytes(), b"from rust")
"#;

/// `python3` with the test setup's Python packages first on its path.
fn python3() -> Command {
    let mut command = Command::new("python3");
    command
        .env("PYTHONPATH", policy_support::judges::pyjwt_dir())
        .env("PYTHONDONTWRITEBYTECODE", "1");
    command
}

fn python(dir: &std::path::Path, n: &str, script: &str) {
    let out = python3()
        .args(["-c", script])
        .arg(dir)
        .arg(n)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python (ML-DSA-{n}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jwt-debugger-mldsa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
