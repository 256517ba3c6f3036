//! Encode mode: from the Header and Payload editors and the signing key to a new token. The
//! checks run synchronously ([`prepare_signing`]); the signature itself on the page's engine
//! ([`sign_job`], WebCrypto where the browser has the algorithm). The header's `alg` decides
//! which key input applies.

use serde_json::{Map, Value};

use crate::app::engine::WebCrypto;
use crate::app::verification::{KeyInputs, SignatureStatus};
use crate::jose::keys::{self, KeyCandidate, PrivateKey, PublicKey, SecretEncoding};
use crate::jose::pipeline::{self, Strictness};
pub use crate::jose::sign::SignError;
use crate::jose::sign::{self, SigningInput};
use crate::jose::verdict::signature_status;
use crate::jose::{Algorithm, JoseError, token};

/// A token signed in the page, the public key that verifies it (none for HMAC), and the
/// verdict of verifying it with that key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The compact JWS.
    pub token: String,
    /// The payload of a detached token (`"b64": false`), which travels apart from it.
    pub detached_payload: Option<String>,
    /// SPKI PEM of the signing key's public half, to verify with after switching to Decode.
    pub public_key_pem: Option<String>,
    /// The new token verified with that key (or the secret): what Decode mode will show.
    pub status: SignatureStatus,
}

/// The public half of a signing key, derived once per edit of the key (for an EC key this is a
/// scalar multiplication, too slow to repeat on every keystroke).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnPublicKey {
    /// The parsed key, as a verification candidate.
    pub candidates: Result<Vec<KeyCandidate>, JoseError>,
    /// Its SPKI PEM.
    pub pem: String,
    /// Its RFC 7638 thumbprint: the gateway preset's default Key ID.
    pub kid: String,
    /// Whether the signing key is the page's demo key (decided with the rest, once per edit).
    pub is_demo: bool,
}

/// The public half of `private_key`, if it is an asymmetric key that reads.
pub fn own_public_key(private_key: &Result<PrivateKey, JoseError>) -> Option<OwnPublicKey> {
    match private_key {
        Ok(PrivateKey::Hmac(_)) | Err(_) => None,
        Ok(key) => {
            let public = key.public_key();
            let pem = public.to_spki_pem().ok()?;
            Some(OwnPublicKey {
                candidates: keys::parse_public_keys(&pem),
                pem,
                kid: public.thumbprint(),
                is_demo: crate::app::example::is_demo_key(&public),
            })
        }
    }
}

/// Everything needed to sign, checked synchronously from the editors: the signing input
/// exactly as the editors hold it, the algorithm, and the key.
#[derive(Clone, PartialEq, Eq)]
pub struct SignJob {
    /// The header's `alg`.
    pub alg: Algorithm,
    /// The checked signing input and the token's first segments (the core builds it).
    pub input: SigningInput,
    /// The payload text, for a detached token's Decode view.
    pub payload: String,
    /// The secret (HS*) or private key.
    pub key: PrivateKey,
    /// The secret as typed and how it is read, to verify the new token with (HS* only).
    pub secret: (String, SecretEncoding),
    /// The asymmetric key the secret text holds, if any: the new token is then signed (to
    /// reproduce algorithm confusion) but never reported as verified.
    pub key_in_secret: Result<Option<PublicKey>, JoseError>,
}

// Hand-written: the job holds the secret and the key, which `Debug` must never print.
impl std::fmt::Debug for SignJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignJob")
            .field("alg", &self.alg)
            .field("input", &self.input)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// The core's [`sign::prepare_signing`] on the editors' texts, kept with what the page needs to
/// show the new token (the payload text, the secret to check it with).
pub fn prepare_signing(
    header: &str,
    payload: &str,
    secret: &str,
    secret_encoding: SecretEncoding,
    key_in_secret: &Result<Option<PublicKey>, JoseError>,
    private_key: &Result<PrivateKey, JoseError>,
) -> Result<SignJob, SignError> {
    let (input, key) =
        sign::prepare_signing(header, payload, secret, secret_encoding, private_key)?;
    Ok(SignJob {
        alg: input.alg,
        input,
        payload: payload.to_owned(),
        key,
        secret: (secret.to_owned(), secret_encoding),
        key_in_secret: key_in_secret.clone(),
    })
}

/// Signs a prepared job on the page's engine, then verifies the new token with the public
/// half of the key (`own` for key pairs; the secret itself for HMAC).
pub async fn sign_job(job: &SignJob, own: Option<&OwnPublicKey>) -> Result<Signed, SignError> {
    let (signature, _) =
        pipeline::sign_bytes(&WebCrypto, job.alg, &job.key, &job.input.input).await?;
    let token = job.input.token(&signature);
    let detached_payload = job.input.is_detached().then(|| job.payload.clone());
    let decoded = token::decode(&token).map(|mut t| {
        t.attach_payload(&job.payload);
        t
    });
    let no_keys = Ok(Vec::new());
    let no_key_in_secret = Ok(None);
    let status = match (&job.key, own) {
        (PrivateKey::Hmac(_), _) => {
            let inputs = KeyInputs {
                secret: &job.secret.0,
                secret_encoding: job.secret.1,
                key_in_secret: &job.key_in_secret,
                public_keys: &no_keys,
                public_key_empty: true,
                allowed_algs: &[],
                strictness: Strictness::Lenient,
            };
            signature_status(&WebCrypto, &decoded, inputs).await
        }
        (_, Some(own)) => {
            let inputs = KeyInputs {
                secret: "",
                secret_encoding: SecretEncoding::Utf8,
                key_in_secret: &no_key_in_secret,
                public_keys: &own.candidates,
                public_key_empty: false,
                allowed_algs: &[],
                strictness: Strictness::Lenient,
            };
            signature_status(&WebCrypto, &decoded, inputs).await
        }
        (_, None) => SignatureStatus::NotVerified("the signing key has no public half".into()),
    };
    Ok(Signed {
        token,
        detached_payload,
        public_key_pem: own.map(|o| o.pem.clone()),
        status,
    })
}

/// The header text with `alg` set to `alg`, other members kept in order; a header that is not
/// a JSON object is replaced by `{"alg": …, "typ": "JWT"}`.
pub fn header_with_alg(header: &str, alg: Algorithm) -> String {
    let mut map = match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(map)) => map,
        _ => {
            let mut map = Map::new();
            map.insert("typ".into(), Value::from("JWT"));
            map
        }
    };
    map.insert("alg".into(), Value::from(alg.as_str()));
    serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_alg_keeps_other_members_and_order() {
        let out = header_with_alg(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k\"}",
            Algorithm::RS256,
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["alg"], "RS256");
        assert_eq!(v["kid"], "k");
        assert!(out.find("typ").unwrap() < out.find("kid").unwrap());
        let fresh: Value =
            serde_json::from_str(&header_with_alg("not json", Algorithm::ES256)).unwrap();
        assert_eq!(fresh["alg"], "ES256");
        assert_eq!(fresh["typ"], "JWT");
    }

    #[test]
    fn hmac_signing_needs_a_secret_and_then_signs() {
        let no_key = Err(JoseError::EmptyToken);
        let header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        let utf8 = SecretEncoding::Utf8;
        let err = prepare_signing(header, "{}", "", utf8, &Ok(None), &no_key).unwrap_err();
        assert_eq!(
            err,
            SignError::NoSecret {
                alg: Algorithm::HS256
            }
        );
        assert_eq!(err.to_string(), "enter a secret to sign with HS256");
        let job = prepare_signing(header, "{\"a\":1}", "s3cret", utf8, &Ok(None), &no_key).unwrap();
        let signed = crate::jose::backend::run_ready(sign_job(&job, None))
            .unwrap()
            .unwrap();
        assert_eq!(signed.token.split('.').count(), 3);
        assert_eq!(signed.public_key_pem, None);
        assert_eq!(
            signed.status,
            SignatureStatus::Verified("with the secret (UTF-8)".into())
        );
    }
}
