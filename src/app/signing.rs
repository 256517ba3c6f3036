//! Encode mode: from the Header and Payload editors and the signing key to a new token. The
//! checks run synchronously ([`prepare_signing`]); the signature itself on the page's engine
//! ([`sign_job`], WebCrypto where the browser has the algorithm). The header's `alg` decides
//! which key input applies.

use serde_json::{Map, Value};

use crate::app::engine;
use crate::app::verification::{KeyInputs, SignatureStatus, signature_status};
use crate::jose::algorithm::Family;
use crate::jose::keys::{self, KeyCandidate, PrivateKey, SecretEncoding};
use crate::jose::{Algorithm, JoseError, base64url, token};

/// A token signed in the page, the public key that verifies it (none for HMAC), and the
/// verdict of verifying it with that key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The compact JWS.
    pub token: String,
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
    /// `base64url(header).base64url(payload)`.
    pub signing_input: String,
    /// The secret (HS*) or private key.
    pub key: PrivateKey,
    /// The secret as typed and how it is read, to verify the new token with (HS* only).
    pub secret: (String, SecretEncoding),
}

// Hand-written: the job holds the secret and the key, which `Debug` must never print.
impl std::fmt::Debug for SignJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignJob")
            .field("alg", &self.alg)
            .field("signing_input", &self.signing_input)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// Checks the editors' header and payload and picks the key: the secret (HS*) or the private
/// key (others). The `Err` says what to fix.
pub fn prepare_signing(
    header: &str,
    payload: &str,
    secret: &str,
    secret_encoding: SecretEncoding,
    private_key: &Result<PrivateKey, JoseError>,
) -> Result<SignJob, String> {
    let header_map = match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err("the header must be a JSON object".into()),
        Err(e) => {
            return Err(format!(
                "the header is not valid JSON (line {}, column {})",
                e.line(),
                e.column()
            ));
        }
    };
    serde_json::from_str::<serde::de::IgnoredAny>(payload).map_err(|e| {
        format!(
            "the payload is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    let alg = token::parse_alg(&header_map).map_err(|e| e.to_string())?;
    let key = match alg.family() {
        Family::None => {
            return Err("alg \"none\" tokens are unsigned: pick an algorithm to sign".into());
        }
        Family::Hmac if secret.is_empty() => {
            return Err(format!("enter a secret to sign with {}", alg.as_str()));
        }
        Family::Hmac => PrivateKey::Hmac(
            keys::parse_hmac_secret(secret, secret_encoding).map_err(|e| e.to_string())?,
        ),
        _ => match private_key {
            Ok(key) => key.clone(),
            Err(e) => return Err(format!("the private key cannot be read: {e}")),
        },
    };
    alg.check_fits(key.key_type()).map_err(|e| e.to_string())?;
    Ok(SignJob {
        alg,
        signing_input: format!(
            "{}.{}",
            base64url::encode(header.as_bytes()),
            base64url::encode(payload.as_bytes())
        ),
        key,
        secret: (secret.to_owned(), secret_encoding),
    })
}

/// Signs a prepared job on the page's engine, then verifies the new token with the public
/// half of the key (`own` for key pairs; the secret itself for HMAC).
pub async fn sign_job(job: &SignJob, own: Option<&OwnPublicKey>) -> Result<Signed, String> {
    let (signature, _) = engine::sign_bytes(job.alg, &job.key, job.signing_input.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let token = format!("{}.{}", job.signing_input, base64url::encode(&signature));
    let decoded = token::decode(&token);
    let no_keys = Ok(Vec::new());
    let status = match (&job.key, own) {
        (PrivateKey::Hmac(_), _) => {
            let inputs = KeyInputs {
                secret: &job.secret.0,
                secret_encoding: job.secret.1,
                public_keys: &no_keys,
                public_key_empty: true,
            };
            signature_status(&decoded, inputs).await
        }
        (_, Some(own)) => {
            let inputs = KeyInputs {
                secret: "",
                secret_encoding: SecretEncoding::Utf8,
                public_keys: &own.candidates,
                public_key_empty: false,
            };
            signature_status(&decoded, inputs).await
        }
        (_, None) => SignatureStatus::NotVerified("the signing key has no public half".into()),
    };
    Ok(Signed {
        token,
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
        let err = prepare_signing(header, "{}", "", SecretEncoding::Utf8, &no_key).unwrap_err();
        assert!(err.contains("enter a secret"), "{err}");
        let job =
            prepare_signing(header, "{\"a\":1}", "s3cret", SecretEncoding::Utf8, &no_key).unwrap();
        let signed = engine::run_ready(sign_job(&job, None)).unwrap().unwrap();
        assert_eq!(signed.token.split('.').count(), 3);
        assert_eq!(signed.public_key_pem, None);
        assert_eq!(
            signed.status,
            SignatureStatus::Verified("with the secret (UTF-8)".into())
        );
    }
}
