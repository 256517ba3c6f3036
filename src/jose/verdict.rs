//! The verdict: from a decoded token and the key inputs as typed to one signature status, with
//! its reason. Which key input applies (secret or public key) follows the header's algorithm
//! ([`Algorithm::key_input`]); the page and the command line both show exactly this.

use super::algorithm::KeyInput;
use super::backend::CryptoBackend;
use super::keys::{self, KeyCandidate, PublicKey, SecretEncoding};
use super::pipeline::{self, Done, Strictness};
use super::token::DecodedToken;
use super::{Algorithm, JoseError, verify};

/// The one status of the Verify Signature pane. Its text always contains exactly one of
/// "Signature verified", "Invalid signature" or "Not verified".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureStatus {
    /// The signature checks out; the detail says with which key.
    Verified(String),
    /// The signature does not check out; the detail says why.
    Invalid(String),
    /// No verdict: something needed is missing or unreadable; the detail says what.
    NotVerified(String),
    /// The inputs just changed and the engine is still checking (well under a frame with
    /// WebCrypto). Never shows an earlier verdict for the new inputs.
    Checking,
}

impl SignatureStatus {
    /// The status line shown to the user.
    pub fn text(&self) -> String {
        match self {
            SignatureStatus::Verified(detail) => format!("Signature verified {detail}"),
            SignatureStatus::Invalid(reason) => format!("Invalid signature: {reason}"),
            SignatureStatus::NotVerified(reason) => format!("Not verified: {reason}"),
            SignatureStatus::Checking => "Not verified yet: checking the signature…".to_owned(),
        }
    }
}

/// The key inputs of the Verify Signature pane, as typed.
#[derive(Clone, Copy, Debug)]
pub struct KeyInputs<'a> {
    /// The HMAC secret text.
    pub secret: &'a str,
    /// How to read the secret text.
    pub secret_encoding: SecretEncoding,
    /// The asymmetric key the secret text holds, if any ([`keys::public_key_in_secret`], read
    /// once per edit of the secret): such a secret is refused, never used as an HMAC key.
    pub key_in_secret: &'a Result<Option<PublicKey>, JoseError>,
    /// The parsed verification key text (PEM, certificate, JWK or JWKS), or why it failed.
    pub public_keys: &'a Result<Vec<KeyCandidate>, JoseError>,
    /// Whether the public key text is empty.
    pub public_key_empty: bool,
    /// The algorithms the verifier accepts (the command line's `--alg`); empty accepts any that
    /// fits the key.
    pub allowed_algs: &'a [Algorithm],
    /// Whether a token whose text needed repairs can still be verified: the page shows the
    /// repair next to the verdict ([`Strictness::Lenient`]); the command line answers as a
    /// relying party would ([`Strictness::Strict`]).
    pub strictness: Strictness,
}

/// Verifies a decoded token with whichever key input its algorithm needs, on `backend` (the
/// page's WebCrypto, or the Rust engine), falling back to the Rust engine as the pipeline does.
pub async fn signature_status<B: CryptoBackend>(
    backend: &B,
    decoded: &Result<DecodedToken, JoseError>,
    inputs: KeyInputs<'_>,
) -> SignatureStatus {
    let token = match decoded {
        Ok(token) => token,
        Err(JoseError::EncryptedJwe) => {
            return SignatureStatus::NotVerified(
                "this is an encrypted token (JWE): it has no signature of its own; once decrypted, a signed JWT inside it is checked here"
                    .into(),
            );
        }
        Err(_) => {
            return SignatureStatus::NotVerified("the token cannot be decoded (see above)".into());
        }
    };
    let alg = match &token.alg {
        Ok(alg) => *alg,
        Err(e) => return SignatureStatus::NotVerified(e.to_string()),
    };
    if let Err(e) = pipeline::check_strictness(token, inputs.strictness) {
        return SignatureStatus::NotVerified(e.to_string());
    }
    if !inputs.allowed_algs.is_empty() && !inputs.allowed_algs.contains(&alg) {
        let allowed: Vec<&str> = inputs.allowed_algs.iter().map(|a| a.as_str()).collect();
        return SignatureStatus::NotVerified(format!(
            "the token's alg {} is not among the allowed algorithms ({})",
            alg.as_str(),
            allowed.join(", ")
        ));
    }
    // A header whose meaning the page cannot be sure of (duplicate names, an extension it does
    // not implement) gets no verdict, whatever the signature.
    if let Err(e) = verify::check_token_header(token) {
        return SignatureStatus::NotVerified(e.to_string());
    }
    match alg.key_input() {
        KeyInput::Unsecured => SignatureStatus::NotVerified(
            "the header says alg \"none\": the token is unsigned and must never be trusted".into(),
        ),
        KeyInput::SharedSecret => hmac_status(backend, token, alg, inputs).await,
        KeyInput::KeyPair => public_key_status(backend, token, inputs).await,
    }
}

async fn hmac_status<B: CryptoBackend>(
    backend: &B,
    token: &DecodedToken,
    alg: Algorithm,
    inputs: KeyInputs<'_>,
) -> SignatureStatus {
    if inputs.secret.is_empty() {
        return SignatureStatus::NotVerified(format!(
            "enter the secret to verify this {} token",
            alg.as_str()
        ));
    }
    if let Err(e) = verify::check_hmac_secret(inputs.key_in_secret) {
        return SignatureStatus::NotVerified(e.to_string());
    }
    match keys::parse_hmac_secret(inputs.secret, inputs.secret_encoding) {
        Err(e) => SignatureStatus::NotVerified(e.to_string()),
        Ok(secret) => {
            let key = PublicKey::Hmac(secret);
            let outcome = pipeline::verify_token(backend, token, &key, Strictness::Lenient).await;
            verdict(
                token,
                format!("with the secret ({})", inputs.secret_encoding.label()),
                outcome,
            )
        }
    }
}

/// The status for a verification outcome. Verification is lenient (over the repaired text), so
/// the detail says when the text needed repairs that a strict verifier would reject ("verified"
/// must not hide a token that fails elsewhere), and when WebCrypto refused the key.
fn verdict(
    token: &DecodedToken,
    mut detail: String,
    outcome: Result<Done, JoseError>,
) -> SignatureStatus {
    let done = match outcome {
        Ok(done) => done,
        Err(e) => return SignatureStatus::Invalid(e.to_string()),
    };
    if token.detached && !token.payload_bytes.is_empty() {
        detail.push_str(", over the detached payload");
    }
    if let Some(d) = token.diagnoses.iter().find(|d| d.alters_token()) {
        detail.push_str(&format!(
            ", after a repair ({}): strict verifiers reject the token as pasted",
            d.message()
        ));
    }
    if let Some(fallback) = done.fallback {
        detail.push_str(&format!("; {fallback}"));
    }
    SignatureStatus::Verified(detail)
}

async fn public_key_status<B: CryptoBackend>(
    backend: &B,
    token: &DecodedToken,
    inputs: KeyInputs<'_>,
) -> SignatureStatus {
    if inputs.public_key_empty {
        return SignatureStatus::NotVerified(
            "paste the public key (PEM, certificate, JWK or JWKS)".into(),
        );
    }
    match inputs.public_keys {
        Err(e) => SignatureStatus::NotVerified(format!("the public key cannot be read: {e}")),
        Ok(candidates) => {
            let outcome =
                pipeline::verify_with_keys(backend, token, candidates, Strictness::Lenient).await;
            match outcome {
                Ok(report) => verdict(token, format!("with {}", report.label), Ok(report.done)),
                Err(e) => verdict(token, String::new(), Err(e)),
            }
        }
    }
}
