//! ML-DSA private keys in the page: the page does not link the arithmetic that expands and
//! checks them (see `jose::keys::read_ml_dsa_private_keys`), so its key reader answers
//! [`JoseError::MlDsaPrivateKeyElsewhere`] and the worker reads the key instead
//! ([`read_in_worker`]), handing back its checked PKCS#8 and SPKI.

use crate::app::engine::remote::{self, EngineAnswer, EngineOp};
use crate::jose::keys::{MlDsaKeyPair, PrivateKey};
use crate::jose::{JoseError, base64url};

/// The private key in `text`, read by the worker's Rust engine.
pub async fn read_in_worker(text: String) -> Result<PrivateKey, JoseError> {
    let refused = JoseError::KeyRefusedByWorker;
    match remote::call_for_page(EngineOp::ReadPrivateKey { text })
        .await
        .map_err(refused)?
    {
        EngineAnswer::Pair { pkcs8, spki } => {
            let bytes = |s: &str| base64url::decode(s).map_err(|e| refused(e.reason));
            MlDsaKeyPair::from_checked_der(&bytes(&pkcs8)?, &bytes(&spki)?).map(PrivateKey::MlDsa)
        }
        other => Err(refused(remote::unexpected(other).to_string())),
    }
}
