//! Key generation, one feature module: the outputs every generated key gets (the core's
//! [`crate::jose::keys::material`]), the messages between the page and the worker (this file), WebCrypto generation
//! (`webcrypto.rs`) and the hook that runs it off the main thread (`hook.rs`). The worker binary
//! (`src/bin/keygen.rs`) only moves the messages.

pub mod hook;
pub mod webcrypto;

use serde::{Deserialize, Serialize};

use crate::jose::JoseError;
use crate::jose::keys::KeyOffer;
pub use crate::jose::keys::material::{KeyMaterial, generate_material, material_from_der};

/// What the worker posts once its message handler is installed: only then is a request safe
/// to send (the wasm starts asynchronously, after the worker's script has run).
pub const WORKER_READY: &str = "ready";

/// The page's request to the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeygenRequest {
    /// Which key to make, by [`KeyOffer::label`].
    pub kind: String,
}

/// The worker's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeygenResponse {
    /// The new key.
    Done(Box<KeyMaterial>),
    /// Why no key was made.
    Failed(KeygenError),
}

/// Why no key was made. It crosses the worker boundary (serde), so details are kept as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum KeygenError {
    /// The request was not understood.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// No key type has this label.
    #[error("unknown key type {0:?}")]
    UnknownKind(String),
    /// The random number generator or the key generation itself failed.
    #[error("could not make the key: {0}")]
    Generation(String),
    /// The key was made but could not be exported.
    #[error("could not export the key: {0}")]
    Export(String),
    /// The worker could not be started, reached or understood.
    #[error("{0}")]
    Worker(String),
}

impl From<JoseError> for KeygenError {
    fn from(e: JoseError) -> Self {
        match e {
            JoseError::KeyEncoding { .. } => KeygenError::Export(e.to_string()),
            other => KeygenError::Generation(other.to_string()),
        }
    }
}

/// The key (signing or encryption) with this label.
pub fn kind_from_label(label: &str) -> Option<KeyOffer> {
    KeyOffer::from_label(label)
}

/// The worker's whole job: one request in, one response out (JSON text both ways).
pub async fn handle_request(request_json: &str) -> String {
    let response = match serde_json::from_str::<KeygenRequest>(request_json) {
        Err(e) => KeygenResponse::Failed(KeygenError::BadRequest(e.to_string())),
        Ok(request) => match kind_from_label(&request.kind) {
            None => KeygenResponse::Failed(KeygenError::UnknownKind(request.kind)),
            Some(offer) => match webcrypto::generate_in_worker(offer).await {
                Ok(material) => KeygenResponse::Done(Box::new(material)),
                Err(e) => KeygenResponse::Failed(e.into()),
            },
        },
    };
    serde_json::to_string(&response)
        .unwrap_or_else(|_| r#"{"Failed":{"Worker":"cannot encode the response"}}"#.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Natively there is no WebCrypto: the Rust generator answers at once.
    fn handle_now(request: &str) -> String {
        crate::jose::backend::run_ready(handle_request(request)).unwrap()
    }

    #[test]
    fn the_worker_protocol_round_trips_and_reports_bad_requests() {
        let out = handle_now(r#"{"kind":"EC P-256"}"#);
        match serde_json::from_str::<KeygenResponse>(&out).unwrap() {
            KeygenResponse::Done(m) => assert_eq!(m.alg, "ES256"),
            other => panic!("expected a key, got {other:?}"),
        }
        // X25519 keys are always made here: WebCrypto's generator is not asked for them.
        let out = handle_now(r#"{"kind":"X25519 (ECDH-ES)"}"#);
        match serde_json::from_str::<KeygenResponse>(&out).unwrap() {
            KeygenResponse::Done(m) => {
                assert_eq!((m.alg.as_str(), m.symmetric), ("ECDH-ES", false))
            }
            other => panic!("expected a key, got {other:?}"),
        }
        let out = handle_now(r#"{"kind":"DSA 1024"}"#);
        assert!(matches!(
            serde_json::from_str(&out).unwrap(),
            KeygenResponse::Failed(KeygenError::UnknownKind(_))
        ));
        let out = handle_now("garbage");
        assert!(matches!(
            serde_json::from_str(&out).unwrap(),
            KeygenResponse::Failed(KeygenError::BadRequest(_))
        ));
    }
}
