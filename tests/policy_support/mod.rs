//! The policy table's harness (tests/policy_table.rs): the cases ([`cases`]), the keys that
//! sign their tokens and the files the exported code reads ([`Keys`]), the core's judgement
//! ([`Keys::core`]) and the libraries' ([`judges`]).
#![allow(dead_code)]

pub mod cases;
pub mod judges;

use std::path::PathBuf;

use jwt_debugger::jose::keys::{
    HmacSecret, KeyCandidate, PrivateKey, parse_private_key, parse_public_keys,
};
use jwt_debugger::jose::policy::export::{ExportTarget, export};
use jwt_debugger::jose::policy::{PolicyReport, SignatureFacts, evaluate, proof_key};
use jwt_debugger::jose::sign::sign_token;
use jwt_debugger::jose::token::decode;
use jwt_debugger::jose::verify::verify_with_keys;
use serde_json::{Value, json};

use crate::jose_support::cli::{scratch, tamper, write};
use crate::jose_support::rng;
use cases::{Case, KID, SECRET, Signer};
use judges::link_node_modules;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/openssl/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixed keys, and the key files the exported code is given.
pub struct Keys {
    rsa: PrivateKey,
    p256: PrivateKey,
    /// `public.pem`: the RSA public key.
    public_pem: String,
    /// `jwks.json`: the RSA public key under [`KID`] (what Amplify Central registers).
    jwks: String,
    /// The HS256 secret as a JWK, for the core.
    secret_jwk: String,
}

impl Keys {
    pub fn load() -> Keys {
        let rsa = parse_private_key(&fixture("rsa2048-pkcs8.pem")).unwrap();
        let p256 = parse_private_key(&fixture("ec-p256-pkcs8.pem")).unwrap();
        let mut jwk = rsa.public_key().to_published_jwk("RS256");
        jwk["kid"] = json!(KID);
        Keys {
            public_pem: fixture("rsa2048-public.pem"),
            jwks: json!({ "keys": [jwk] }).to_string(),
            secret_jwk:
                json!({"kty": "oct", "k": jwt_debugger::jose::base64url::encode(SECRET.as_bytes())})
                    .to_string(),
            rsa,
            p256,
        }
    }

    /// The case's token, signed (and tampered with) as it says.
    pub fn token(&self, case: &Case) -> String {
        let mut header = case.header.clone();
        if case.signer == Signer::P256 && case.policy.dpop.is_some() {
            let jwk = match case.private_jwk {
                true => self.p256.to_jwk(),
                false => self.p256.public_key().to_jwk(),
            };
            header.insert("jwk".into(), jwk);
        }
        let key = match case.signer {
            Signer::Rsa => self.rsa.clone(),
            Signer::P256 => self.p256.clone(),
            Signer::Secret => PrivateKey::Hmac(HmacSecret(SECRET.as_bytes().to_vec())),
            Signer::PublicPemAsSecret => {
                PrivateKey::Hmac(HmacSecret(self.public_pem.as_bytes().to_vec()))
            }
        };
        let header = Value::Object(header).to_string();
        let claims = Value::Object(case.claims.clone()).to_string();
        let token = sign_token(&header, &claims, &key, &mut rng(7))
            .unwrap_or_else(|e| panic!("{}: cannot sign: {e}", case.name));
        if case.tampered { tamper(&token) } else { token }
    }

    /// The keys a server with this policy holds: the proof's own `jwk` (DPoP), the JWKS (a
    /// `kid` is required), else the PEM public key and, when HS* is allowed, the secret.
    fn candidates(
        &self,
        case: &Case,
        token: &jwt_debugger::jose::token::DecodedToken,
    ) -> Vec<KeyCandidate> {
        let policy = &case.policy;
        if policy.dpop.is_some() {
            return proof_key(token).into_iter().collect();
        }
        if policy.require_kid {
            return parse_public_keys(&self.jwks).unwrap();
        }
        let mut keys = parse_public_keys(&self.public_pem).unwrap();
        if policy.algorithms.iter().any(|a| a.starts_with("HS")) {
            keys.extend(parse_public_keys(&self.secret_jwk).unwrap());
        }
        keys
    }

    /// What the page is given to verify `token` with, as `{"secret": …}` or `{"public": …}`
    /// (`null` for a DPoP proof: the page verifies it with its own `jwk` header).
    pub fn page_key(&self, case: &Case, token: &str) -> Value {
        let alg = decode(token).ok().and_then(|t| t.alg.ok());
        if alg.is_some_and(|a| a.as_str().starts_with("HS")) {
            return json!({ "secret": SECRET });
        }
        match (case.policy.dpop.is_some(), case.policy.require_kid) {
            (true, _) => Value::Null,
            (false, true) => json!({ "public": self.jwks }),
            (false, false) => json!({ "public": self.public_pem }),
        }
    }

    /// The core's judgement of the case's token.
    pub fn core(&self, case: &Case, token: &str) -> PolicyReport {
        let decoded = decode(token).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let keys = self.candidates(case, &decoded);
        let facts = match verify_with_keys(&decoded, &keys) {
            Ok(report) => SignatureFacts {
                verified: true,
                detail: format!("Signature verified with {}", report.label),
                key_kid: report.kid,
            },
            Err(e) => SignatureFacts {
                verified: false,
                detail: format!("Invalid signature: {e}"),
                key_kid: None,
            },
        };
        evaluate(&case.policy, &decoded, &facts, case.at)
    }

    /// A directory holding the case's exported code (`policy_fragment.py`, `policy.mjs`) and
    /// the key files it names.
    pub fn case_dir(&self, case: &Case, index: usize) -> PathBuf {
        let dir = scratch(&format!("policy-{index}"));
        write(&dir.join("public.pem"), &self.public_pem);
        write(&dir.join("jwks.json"), &self.jwks);
        for (target, file) in [
            (ExportTarget::PyJwt, "policy_fragment.py"),
            (ExportTarget::NodeJose, "policy.mjs"),
        ] {
            let code =
                export(&case.policy, target).unwrap_or_else(|e| panic!("{}: {e}", case.name));
            write(&dir.join(file), code);
        }
        link_node_modules(&dir);
        dir
    }
}
