//! Every callback the page hands down. Each only dispatches an [`Action`]; the reducer decides
//! what changes.
//!
//! The callbacks are made once ([`use_callbacks`]) and read what the page shows now from a
//! shared cell at call time. A `Callback` compares by identity, so callbacks rebuilt on every
//! render made every component that takes one render again on every change anywhere (twice per
//! pasted token: "checking", then the verdict).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::encryption::EncryptionInputs;
use crate::app::keygen::KeyMaterial;
use crate::app::policy::PolicyForm;
use crate::app::sd_jwt::SdIssueInputs;
use crate::app::signing::{SignError, Signed, header_with_alg};
use crate::app::state::{Action, Mode, PageState};
use crate::jose::Algorithm;
use crate::jose::keys::{self, SecretEncoding};

/// Every callback the page hands down.
#[derive(Clone)]
pub struct Callbacks {
    /// The Encoded token changed.
    pub token: Callback<String>,
    /// A disclosure of the pasted SD-JWT was dropped (its index).
    pub drop_disclosure: Callback<usize>,
    /// The Detached payload changed.
    pub detached: Callback<String>,
    /// Decode or Encode was chosen.
    pub mode: Callback<Mode>,
    /// The Header editor changed.
    pub header: Callback<String>,
    /// The Payload editor changed.
    pub payload: Callback<String>,
    /// The Algorithm select changed.
    pub algorithm: Callback<Algorithm>,
    /// The secret changed.
    pub secret: Callback<String>,
    /// The secret encoding changed.
    pub encoding: Callback<keys::SecretEncoding>,
    /// The verification key changed.
    pub public_key: Callback<String>,
    /// The signing key changed.
    pub private_key: Callback<String>,
    /// The decryption key changed.
    pub decryption_key: Callback<String>,
    /// Encode mode's encryption inputs changed.
    pub encryption: Callback<EncryptionInputs>,
    /// Encode mode's selectively disclosable claims changed.
    pub sd_issue: Callback<SdIssueInputs>,
    /// The Policy region's fields changed.
    pub policy: Callback<PolicyForm>,
    /// A generated key goes where it signs.
    pub use_signing: Callback<Rc<KeyMaterial>>,
    /// A generated key goes where it verifies.
    pub use_verifying: Callback<Rc<KeyMaterial>>,
    /// A generated encryption key goes where Encode mode encrypts.
    pub use_encrypting: Callback<Rc<KeyMaterial>>,
    /// A generated encryption key goes where a pasted JWE is decrypted.
    pub use_decrypting: Callback<Rc<KeyMaterial>>,
    /// A new key was generated.
    pub generated: Callback<Rc<KeyMaterial>>,
    /// The `As encoded` toggle was pressed.
    pub as_encoded: Callback<MouseEvent>,
    /// The gateway preset was applied (header and payload JSON).
    pub preset: Callback<(String, String)>,
}

/// What the callbacks need to know of the page as shown: the mode, the header and payload text
/// Encode mode starts from, and the newest signed token.
#[derive(Default)]
pub struct Shown {
    /// Decode or Encode.
    pub mode: Mode,
    /// The Header and Payload panes' text.
    pub start: (String, String),
    /// A decoded SD-JWT's disclosures, as JSON pointers one per line: Encode mode starts with
    /// them selectively disclosable, so the token it signs is an SD-JWT again.
    pub disclosable: Option<String>,
    /// The last token Encode mode signed.
    pub signed: Option<Result<Signed, SignError>>,
    /// With Encrypt on, the JWE in the Encoded box, and the encryption key when it is a shared
    /// secret (which decrypts it too).
    pub encrypted: Option<(String, Option<String>)>,
}

/// The cell the callbacks read at call time.
type Latest = Rc<RefCell<Shown>>;

/// The page's callbacks, made once; `shown` is what the page shows in this render.
#[hook]
pub fn use_callbacks(dispatcher: UseReducerDispatcher<PageState>, shown: Shown) -> Callbacks {
    let latest = use_mut_ref(Shown::default);
    *latest.borrow_mut() = shown;
    (*use_memo((), move |_| Callbacks::new(&dispatcher, &latest))).clone()
}

/// A callback that dispatches `action(value)`.
fn send<T: 'static>(d: &UseReducerDispatcher<PageState>, action: fn(T) -> Action) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |value| d.dispatch(action(value)))
}

/// A callback that dispatches what `action` makes of the value and the page as shown.
fn with_shown<T: 'static>(
    d: &UseReducerDispatcher<PageState>,
    latest: &Latest,
    action: impl Fn(T, &Shown) -> Action + 'static,
) -> Callback<T> {
    let (d, latest) = (d.clone(), latest.clone());
    Callback::from(move |value| {
        let next = action(value, &latest.borrow());
        d.dispatch(next);
    })
}

/// Puts a generated key where it signs: the private key input, or the secret (base64url).
fn use_for_signing(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    if m.symmetric {
        d.dispatch(Action::SetSecret(m.private_pem.clone()));
        d.dispatch(Action::SetSecretEncoding(SecretEncoding::Base64Url));
    } else {
        d.dispatch(Action::SetPrivateKey(m.private_pem.clone()));
    }
}

/// Puts a generated key where it verifies: the public key input (the secret for HMAC).
fn use_for_verifying(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    if m.symmetric {
        use_for_signing(d, m);
    } else {
        d.dispatch(Action::SetPublicKey(m.public_pem.clone()));
    }
}

/// Puts a generated encryption key where Encode mode encrypts: its public JWK (a secret's `oct`
/// JWK) in the Encryption key box, with the `alg`, and a `dir` key's `enc`, it is for.
fn use_for_encrypting(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    let Some(kind) = m.encryption else {
        return;
    };
    let key = if m.symmetric {
        &m.private_jwk
    } else {
        &m.public_jwk
    };
    d.dispatch(Action::UseEncryptionKey {
        key: key.clone(),
        alg: kind.key_management().as_str().to_owned(),
        enc: kind.content_encryption().map(|e| e.as_str().to_owned()),
    });
}

/// Puts a generated encryption key's private JWK (a secret's `oct` JWK) in the Decryption key
/// box: its `alg` keeps it to the algorithm it was made for.
fn use_for_decrypting(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    if m.encryption.is_some() {
        d.dispatch(Action::SetDecryptionKey(m.private_jwk.clone()));
    }
}

impl Callbacks {
    /// The callbacks, reading the page as shown from `latest` when called.
    fn new(d: &UseReducerDispatcher<PageState>, latest: &Latest) -> Self {
        Self {
            token: send(d, Action::SetToken),
            drop_disclosure: send(d, Action::DropDisclosure),
            detached: send(d, Action::SetDetachedPayload),
            mode: with_shown(d, latest, switch_mode),
            header: with_shown(d, latest, |text, shown| {
                edit_json(text, shown, Editor::Header)
            }),
            payload: with_shown(d, latest, |text, shown| {
                edit_json(text, shown, Editor::Payload)
            }),
            algorithm: with_shown(d, latest, choose_algorithm),
            secret: send(d, Action::SetSecret),
            encoding: send(d, Action::SetSecretEncoding),
            public_key: send(d, Action::SetPublicKey),
            private_key: send(d, Action::SetPrivateKey),
            decryption_key: send(d, Action::SetDecryptionKey),
            encryption: send(d, Action::SetEncryption),
            sd_issue: send(d, Action::SetSdIssue),
            policy: send(d, |form| Action::SetPolicy(Box::new(form))),
            use_signing: with_key(d, use_for_signing),
            use_verifying: with_key(d, use_for_verifying),
            use_encrypting: with_key(d, use_for_encrypting),
            use_decrypting: with_key(d, use_for_decrypting),
            generated: with_key(d, adopt_generated),
            as_encoded: {
                let d = d.clone();
                Callback::from(move |_| d.dispatch(Action::ToggleAsEncoded))
            },
            // The preset's claims are the gateway's: none of them selectively disclosable.
            preset: send(d, |(header, payload)| Action::StartEncoding {
                header,
                payload,
                disclosable: Some(String::new()),
            }),
        }
    }
}

// Mode and editors. Encode mode starts from the header and payload as shown (pretty-printed, or
// as encoded: `start`), so what the user sees is what gets signed.

/// Decode or Encode chosen: Encode starts from the texts shown; Decode takes the token in the
/// Encoded box (the token just signed, with its detached payload and public key; or its JWE,
/// with the encryption key when it is a shared secret) as the token to verify.
fn switch_mode(mode: Mode, shown: &Shown) -> Action {
    match mode {
        Mode::Encode => start_encoding(shown.start.0.clone(), shown.start.1.clone(), shown),
        Mode::Decode => {
            let signed = match &shown.signed {
                Some(Ok(s)) => Some(s.clone()),
                _ => None,
            };
            let (jwe, decryption_key) = shown.encrypted.clone().unzip();
            Action::StartDecoding {
                token: jwe.or_else(|| signed.as_ref().map(|s| s.token.clone())),
                detached_payload: signed.as_ref().and_then(|s| s.detached_payload.clone()),
                public_key: signed.and_then(|s| s.public_key_pem),
                decryption_key: decryption_key.flatten(),
            }
        }
    }
}

/// Which JSON editor a callback belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Editor {
    /// The Header editor.
    Header,
    /// The Payload editor.
    Payload,
}

/// An editor's text changed. Editing the header or payload while decoding starts Encode mode
/// from the decoded JSON, with the other editor's text as shown.
fn edit_json(text: String, shown: &Shown, editor: Editor) -> Action {
    let (header, payload) = &shown.start;
    match (shown.mode, editor) {
        (Mode::Encode, Editor::Header) => Action::SetHeader(text),
        (Mode::Encode, Editor::Payload) => Action::SetPayload(text),
        (Mode::Decode, Editor::Header) => start_encoding(text, payload.clone(), shown),
        (Mode::Decode, Editor::Payload) => start_encoding(header.clone(), text, shown),
    }
}

/// Encode mode from `header` and `payload`, with a decoded SD-JWT's disclosures listed.
fn start_encoding(header: String, payload: String, shown: &Shown) -> Action {
    Action::StartEncoding {
        header,
        payload,
        disclosable: shown.disclosable.clone(),
    }
}

/// An algorithm chosen: Encode mode starts from the texts shown with the header's `alg` set.
fn choose_algorithm(alg: Algorithm, shown: &Shown) -> Action {
    start_encoding(
        header_with_alg(&shown.start.0, alg),
        shown.start.1.clone(),
        shown,
    )
}

// Generated keys.

/// A callback that puts a generated key in place with `place`.
fn with_key(
    d: &UseReducerDispatcher<PageState>,
    place: fn(&UseReducerDispatcher<PageState>, &KeyMaterial),
) -> Callback<Rc<KeyMaterial>> {
    let d = d.clone();
    Callback::from(move |m: Rc<KeyMaterial>| place(&d, &m))
}

/// A new signing key becomes the page's key at once: the gateway workflow signs with it next.
/// An encryption key neither signs nor verifies, and the JWE key boxes keep what was pasted
/// there until a Use button says otherwise.
fn adopt_generated(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    if m.encryption.is_none() {
        use_for_signing(d, m);
        use_for_verifying(d, m);
    }
}
