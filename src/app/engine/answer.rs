//! The worker's side of [`super::remote`]: each [`EngineOp`] run on the RustCrypto engine, or
//! for JWE on the worker's WebCrypto with the Rust engine for what it declines; one JSON message
//! in, one out. Only the worker binary calls this, so none of it is in the page's own wasm.

use super::WebCrypto;
use super::remote::{EngineAnswer, EngineCall, EngineOp, EngineReply};
use crate::app::{decryption, encryption, policy, sd_jwt};
use std::future::Future;

use crate::jose::backend::{BackendError, CryptoBackend, RustCrypto, complete};
use crate::jose::keys::{self, KeyKind};
use crate::jose::{Algorithm, base64url};

/// The worker's side: runs one call (natively, where there is no WebCrypto, it never waits).
pub async fn answer(call: &EngineOp) -> Result<EngineAnswer, String> {
    // The worker does the ML-DSA arithmetic the page leaves out of its first load.
    keys::read_ml_dsa_private_keys();
    let bytes = |s: &str| base64url::decode(s).map_err(|e| e.reason);
    let alg = |name: &str| name.parse::<Algorithm>().map_err(|e| e.to_string());
    match call {
        EngineOp::Verify {
            alg: name,
            spki,
            input,
            signature,
        } => {
            let key = keys::parse_spki_der(&bytes(spki)?).map_err(|e| e.to_string())?;
            let (input, signature) = (bytes(input)?, bytes(signature)?);
            let ok = run(RustCrypto.verify(alg(name)?, &key, &input, &signature))?;
            Ok(EngineAnswer::Verified(ok))
        }
        EngineOp::Sign {
            alg: name,
            pkcs8,
            input,
        } => {
            let key = keys::parse_pkcs8_der(&bytes(pkcs8)?).map_err(|e| e.to_string())?;
            let signature = run(RustCrypto.sign(alg(name)?, &key, &bytes(input)?))?;
            Ok(EngineAnswer::Signature(base64url::encode(&signature)))
        }
        EngineOp::Generate { kind } => generate(kind),
        EngineOp::ReadPrivateKey { text } => read_private_key(text).map_err(|e| e.to_string()),
        EngineOp::Encrypt {
            alg,
            enc,
            cty,
            plaintext,
            key,
        } => {
            let plaintext = bytes(plaintext)?;
            let made = encryption::encrypt_in_worker(
                &WebCrypto,
                alg,
                enc,
                cty.as_deref(),
                &plaintext,
                key,
            );
            let made = made.await?;
            Ok(EngineAnswer::Encrypted {
                token: made.token,
                engines: made.engines.summary(),
            })
        }
        EngineOp::JudgePolicy(question) => {
            policy::judge_in_worker(question).map(|answer| EngineAnswer::Policy(Box::new(answer)))
        }
        EngineOp::ConcealClaims {
            claims,
            pointers,
            decoys,
        } => sd_jwt::conceal_in_worker(claims, pointers, *decoys).map(EngineAnswer::Concealed),
        EngineOp::ReviewSdJwt { token, now } => {
            sd_jwt::review_in_worker(token, *now).map(|view| EngineAnswer::SdJwt(Box::new(view)))
        }
        EngineOp::ReviewJwe { token, key } => {
            let (epk_problem, key_len) = decryption::review_in_worker(token, key);
            Ok(EngineAnswer::JweReview {
                epk_problem,
                key_len,
            })
        }
        EngineOp::Decrypt { token, key } => {
            let opened = decryption::decrypt_in_worker(&WebCrypto, token, key).await?;
            Ok(EngineAnswer::Decrypted {
                plaintext: base64url::encode(&opened.plaintext),
                findings: opened.findings.iter().map(|f| f.message()).collect(),
                engines: opened.engines.summary(),
            })
        }
    }
}

/// The private key in `text`, read (expanded and checked) here for the page: its PKCS#8 and
/// SPKI.
fn read_private_key(text: &str) -> Result<EngineAnswer, crate::jose::JoseError> {
    let key = keys::parse_private_key(text)?;
    Ok(EngineAnswer::Pair {
        pkcs8: base64url::encode(&key.to_pkcs8_der()?),
        spki: base64url::encode(&key.public_key().to_spki_der()?),
    })
}

/// A new key pair of the kind with this id, on the Rust generator.
fn generate(kind: &str) -> Result<EngineAnswer, String> {
    let kind = KeyKind::ALL
        .into_iter()
        .find(|k| k.id() == kind)
        .ok_or_else(|| format!("unknown key kind {kind:?}"))?;
    let pair = run(RustCrypto.generate(kind))?;
    Ok(EngineAnswer::Pair {
        pkcs8: base64url::encode(&pair.pkcs8_der),
        spki: base64url::encode(&pair.spki_der),
    })
}

/// A [`RustCrypto`] future run to completion ([`complete`]: it never waits), its error as text.
fn run<T>(future: impl Future<Output = Result<T, BackendError>>) -> Result<T, String> {
    complete(async { Ok(future.await?) }).map_err(|e| e.to_string())
}

/// The worker's whole reply to one message, JSON text.
pub async fn reply_to(call: &EngineCall) -> String {
    let reply = EngineReply {
        id: call.id,
        result: answer(&call.call).await,
    };
    serde_json::to_string(&reply).unwrap_or_else(|_| {
        format!(
            r#"{{"id":{},"result":{{"Err":"cannot encode the answer"}}}}"#,
            call.id
        )
    })
}

/// The worker binary's whole job: an [`EngineCall`] gets its [`EngineReply`]; anything else is
/// a key generation request (`app::keygen`). JSON text both ways.
pub async fn handle_worker_message(text: &str) -> String {
    match serde_json::from_str::<EngineCall>(text) {
        Ok(call) => reply_to(&call).await,
        Err(_) => crate::app::keygen::handle_request(text).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::engine::remote::RustInWorker;
    use crate::jose::rng::seeded_rng;

    /// Natively there is no WebCrypto, so every answer is ready at once.
    fn handle_worker_message_now(text: &str) -> String {
        crate::jose::backend::run_ready(handle_worker_message(text)).unwrap()
    }

    fn done<T>(f: impl Future<Output = Result<T, BackendError>>) -> T {
        run(f).unwrap()
    }

    /// Natively the worker's handler is called directly, through the same JSON: what the page
    /// gets back verifies with the Rust engine here, and a changed input does not.
    #[test]
    fn the_worker_engine_signs_verifies_and_generates_through_its_messages() {
        let mut rng = seeded_rng().unwrap();
        for (alg, kind) in [
            (Algorithm::RS256, KeyKind::Rsa2048),
            (Algorithm::ES256, KeyKind::P256),
            (Algorithm::EdDSA, KeyKind::Ed25519),
        ] {
            let key = keys::generate(kind, &mut rng).unwrap();
            let public = key.public_key();
            let sig = done(RustInWorker.sign(alg, &key, b"a.b"));
            assert!(done(RustCrypto.verify(alg, &public, b"a.b", &sig)));
            assert!(done(RustInWorker.verify(alg, &public, b"a.b", &sig)));
            assert!(!done(RustInWorker.verify(alg, &public, b"a.c", &sig)));
        }
        let pair = done(RustInWorker.generate(KeyKind::P256));
        let key = keys::parse_pkcs8_der(&pair.pkcs8_der).unwrap();
        assert_eq!(key.public_key().to_spki_der().unwrap(), pair.spki_der);
    }

    #[test]
    fn worker_messages_route_and_report_errors_without_secrets() {
        // A key generation request still reaches the key generator.
        assert!(handle_worker_message_now(r#"{"kind":"EC P-256"}"#).starts_with(r#"{"Done""#));
        let bad = EngineCall {
            id: 7,
            call: EngineOp::Sign {
                alg: "RS256".into(),
                pkcs8: "AAAA".into(),
                input: "YQ".into(),
            },
        };
        let reply: EngineReply = serde_json::from_str(&handle_worker_message_now(
            &serde_json::to_string(&bad).unwrap(),
        ))
        .unwrap();
        assert_eq!(reply.id, 7);
        assert!(reply.result.is_err());
        assert_eq!(format!("{:?}", bad.call), "Sign(RS256, key redacted)");
    }
}
