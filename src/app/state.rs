//! The page state and its reducer: the single place where user input changes what is shown.
//!
//! The state holds only what the user typed or chose. Everything shown from it (the decoded
//! token, parsed keys, the signature status, a freshly signed token) is derived in the
//! components with memos, so it can never disagree with the inputs.

use std::rc::Rc;

use yew::Reducible;

use crate::app::encryption::EncryptionInputs;
use crate::app::example;
use crate::app::policy::PolicyForm;
use crate::app::sd_jwt::SdIssueInputs;
use crate::jose::keys::SecretEncoding;
use crate::jose::sdjwt;

/// Whether the page verifies a pasted token or builds a new one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Decode and verify the token in the Encoded pane; editing a key never re-signs it.
    #[default]
    Decode,
    /// Build a new token from the Header and Payload editors and the signing key.
    Encode,
}

/// Everything the user typed or chose. Secrets live here only in memory: nothing in this
/// struct is ever written to storage or to the URL.
#[derive(Clone, PartialEq)]
pub struct PageState {
    /// Decode or Encode.
    pub mode: Mode,
    /// The Encoded token text in Decode mode, exactly as typed or pasted.
    pub token: String,
    /// The Header editor's text (the source of the header in Encode mode).
    pub header_text: String,
    /// The Payload editor's text (the source of the payload in Encode mode).
    pub payload_text: String,
    /// The HMAC secret as typed.
    pub secret: String,
    /// How the secret's text turns into bytes.
    pub secret_encoding: SecretEncoding,
    /// The verification key text (PEM, certificate, JWK or JWKS).
    pub public_key: String,
    /// The signing key text (PEM or JWK).
    pub private_key: String,
    /// The content of a detached token (RFC 7515 appendix F), typed apart from the token.
    pub detached_payload: String,
    /// The key that decrypts a pasted JWE: a private key, symmetric key bytes or a password.
    pub decryption_key: String,
    /// Encode mode's encryption: on or off, `alg`, `enc` and the recipient's key.
    pub encryption: EncryptionInputs,
    /// The Policy region's fields.
    pub policy: PolicyForm,
    /// Encode mode's selective disclosure: the claims to make disclosable (an SD-JWT).
    pub sd_issue: SdIssueInputs,
    /// Decode mode shows the header and payload exactly as encoded (member order, spacing and
    /// escapes as in the token) instead of pretty-printed.
    pub as_encoded: bool,
    /// What the page itself last put in `public_key` (the example's key, or the public half of
    /// the signing key when switching to Decode). While `public_key` still holds exactly this,
    /// the next switch may replace it; once the user pastes a key of their own, never.
    pub auto_public_key: Option<String>,
}

// Hand-written so that a stray `{:?}` can never print a secret or a private key.
impl std::fmt::Debug for PageState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageState")
            .field("mode", &self.mode)
            .field("token_len", &self.token.len())
            .field("secret", &"<redacted>")
            .field("private_key", &"<redacted>")
            .field("decryption_key", &"<redacted>")
            .field("encryption", &self.encryption)
            .field("detached_payload_len", &self.detached_payload.len())
            .finish_non_exhaustive()
    }
}

impl Default for PageState {
    /// The first view: the example token, decoded and verified with the example public key.
    fn default() -> Self {
        Self {
            mode: Mode::Decode,
            token: example::TOKEN.trim().to_owned(),
            header_text: String::new(),
            payload_text: String::new(),
            secret: String::new(),
            secret_encoding: SecretEncoding::Utf8,
            public_key: example::PUBLIC_KEY.to_owned(),
            private_key: example::PRIVATE_KEY.to_owned(),
            detached_payload: String::new(),
            decryption_key: String::new(),
            encryption: EncryptionInputs::default(),
            policy: PolicyForm::default(),
            sd_issue: SdIssueInputs::default(),
            as_encoded: false,
            auto_public_key: Some(example::PUBLIC_KEY.to_owned()),
        }
    }
}

/// Every change the user can make to the page.
#[derive(Clone, PartialEq)]
pub enum Action {
    /// The Encoded token changed (typed, pasted, or loaded from a share link): decode it.
    SetToken(String),
    /// The pasted SD-JWT's disclosure at this index dropped (and its Key Binding JWT with it).
    DropDisclosure(usize),
    /// Switch to Encode, starting the editors from the given header and payload JSON.
    StartEncoding {
        /// The header JSON to edit (the decoded token's, or the current editor text).
        header: String,
        /// The payload JSON to edit.
        payload: String,
        /// The selectively disclosable claims to start from (a decoded SD-JWT's disclosures;
        /// empty for none); `None` keeps the list as it is.
        disclosable: Option<String>,
    },
    /// Switch to Decode, loading the token that Encode mode produced (if any) and the public
    /// half of the signing key, unless the user pasted a verification key of their own.
    StartDecoding {
        /// The token Encode mode signed.
        token: Option<String>,
        /// The public key PEM derived from the signing key (none for HMAC).
        public_key: Option<String>,
        /// The payload of a detached token Encode mode signed (`"b64": false`).
        detached_payload: Option<String>,
        /// The shared secret Encode mode encrypted with (the token is its JWE).
        decryption_key: Option<String>,
    },
    /// The Policy region's fields changed (or a preset filled them).
    SetPolicy(Box<PolicyForm>),
    /// The detached payload changed.
    SetDetachedPayload(String),
    /// The `As encoded` toggle was pressed.
    ToggleAsEncoded,
    /// The Header editor changed.
    SetHeader(String),
    /// The Payload editor changed.
    SetPayload(String),
    /// The secret changed.
    SetSecret(String),
    /// The secret encoding changed.
    SetSecretEncoding(SecretEncoding),
    /// The verification key changed.
    SetPublicKey(String),
    /// The signing key changed.
    SetPrivateKey(String),
    /// The decryption key changed.
    SetDecryptionKey(String),
    /// Encode mode's encryption inputs changed.
    SetEncryption(EncryptionInputs),
    /// Encode mode's selectively disclosable claims changed.
    SetSdIssue(SdIssueInputs),
    /// A generated encryption key goes in the Encryption key box, with the `alg` it is for
    /// (and for a `dir` key its `enc`); whether Encrypt is on is left as it is.
    UseEncryptionKey {
        /// The key text (a public JWK, or a secret's `oct` JWK).
        key: String,
        /// The key management algorithm.
        alg: String,
        /// The content encryption a `dir` key is the key of.
        enc: Option<String>,
    },
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetToken(token) => {
                next.token = token;
                next.mode = Mode::Decode;
            }
            Action::StartEncoding {
                header,
                payload,
                disclosable,
            } => {
                next.header_text = header;
                next.payload_text = payload;
                if let Some(pointers) = disclosable {
                    next.sd_issue.pointers = pointers;
                }
                next.mode = Mode::Encode;
            }
            Action::StartDecoding {
                token,
                public_key,
                detached_payload,
                decryption_key,
            } => {
                if let Some(token) = token {
                    next.token = token;
                }
                // The secret the JWE was made with decrypts it; a key already there stays.
                if let Some(key) = decryption_key
                    && next.decryption_key.trim().is_empty()
                {
                    next.decryption_key = key;
                }
                // Never replace a key the user pasted: only an empty box, or one that still
                // holds what the page put there, follows the signing key.
                let replaceable = next.public_key.trim().is_empty()
                    || next.auto_public_key.as_deref() == Some(next.public_key.as_str());
                if let Some(public_key) = public_key
                    && replaceable
                {
                    next.public_key = public_key.clone();
                    next.auto_public_key = Some(public_key);
                }
                if let Some(payload) = detached_payload {
                    next.detached_payload = payload;
                }
                next.mode = Mode::Decode;
            }
            Action::SetDetachedPayload(payload) => next.detached_payload = payload,
            Action::SetPolicy(form) => next.policy = *form,
            Action::DropDisclosure(index) => {
                if let Some(token) = sdjwt::without_disclosure(&next.token, index) {
                    next.token = token;
                }
            }
            Action::ToggleAsEncoded => next.as_encoded = !next.as_encoded,
            Action::SetHeader(text) => next.header_text = text,
            Action::SetPayload(text) => next.payload_text = text,
            Action::SetSecret(secret) => next.secret = secret,
            Action::SetSecretEncoding(encoding) => next.secret_encoding = encoding,
            Action::SetPublicKey(key) => next.public_key = key,
            Action::SetPrivateKey(key) => next.private_key = key,
            Action::SetDecryptionKey(key) => next.decryption_key = key,
            Action::SetEncryption(inputs) => next.encryption = inputs,
            Action::SetSdIssue(inputs) => next.sd_issue = inputs,
            Action::UseEncryptionKey { key, alg, enc } => {
                next.encryption.key = key;
                next.encryption.alg = alg;
                if let Some(enc) = enc {
                    next.encryption.enc = enc;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests;
