//! Every callback the page hands down, built from the current state: each only dispatches an
//! [`Action`]; the reducer decides what changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::keygen::KeyMaterial;
use crate::app::signing::{SignError, Signed, header_with_alg};
use crate::app::state::{Action, Mode, PageState};
use crate::jose::Algorithm;
use crate::jose::keys::{self, SecretEncoding};

/// Every callback the page hands down.
pub struct Callbacks {
    /// The Encoded token changed.
    pub token: Callback<String>,
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
    /// A generated key goes where it signs.
    pub use_signing: Callback<Rc<KeyMaterial>>,
    /// A generated key goes where it verifies.
    pub use_verifying: Callback<Rc<KeyMaterial>>,
    /// A new key was generated.
    pub generated: Callback<Rc<KeyMaterial>>,
    /// The `As encoded` toggle was pressed.
    pub as_encoded: Callback<MouseEvent>,
    /// The gateway preset was applied (header and payload JSON).
    pub preset: Callback<(String, String)>,
}

/// A callback that dispatches `action(value)`.
fn send<T: 'static>(d: &UseReducerDispatcher<PageState>, action: fn(T) -> Action) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |value| d.dispatch(action(value)))
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

impl Callbacks {
    /// The callbacks for the current state, the header and payload Encode mode starts from, and
    /// the last signed token.
    pub fn new(
        state: &UseReducerHandle<PageState>,
        start: (String, String),
        signed: Option<Result<Signed, SignError>>,
    ) -> Self {
        let d = state.dispatcher();
        Self {
            token: send(&d, Action::SetToken),
            detached: send(&d, Action::SetDetachedPayload),
            mode: switch_mode(&d, &start, signed),
            header: edit_json(&d, state.mode, Editor::Header, &start),
            payload: edit_json(&d, state.mode, Editor::Payload, &start),
            algorithm: choose_algorithm(&d, &start),
            secret: send(&d, Action::SetSecret),
            encoding: send(&d, Action::SetSecretEncoding),
            public_key: send(&d, Action::SetPublicKey),
            private_key: send(&d, Action::SetPrivateKey),
            use_signing: with_key(&d, use_for_signing),
            use_verifying: with_key(&d, use_for_verifying),
            generated: with_key(&d, adopt_generated),
            as_encoded: {
                let d = d.clone();
                Callback::from(move |_| d.dispatch(Action::ToggleAsEncoded))
            },
            preset: Callback::from(move |(header, payload)| {
                d.dispatch(Action::StartEncoding { header, payload })
            }),
        }
    }
}

// Mode and editors. Encode mode starts from the header and payload as shown (pretty-printed, or
// as encoded: `start`), so what the user sees is what gets signed.

/// Decode or Encode chosen: Encode starts from `start`; Decode takes the token just signed (and
/// its detached payload and public key) as the token to verify.
fn switch_mode(
    d: &UseReducerDispatcher<PageState>,
    start: &(String, String),
    signed: Option<Result<Signed, SignError>>,
) -> Callback<Mode> {
    let d = d.clone();
    let (header, payload) = start.clone();
    Callback::from(move |mode| match mode {
        Mode::Encode => d.dispatch(Action::StartEncoding {
            header: header.clone(),
            payload: payload.clone(),
        }),
        Mode::Decode => {
            let signed = match &signed {
                Some(Ok(s)) => Some(s.clone()),
                _ => None,
            };
            d.dispatch(Action::StartDecoding {
                token: signed.as_ref().map(|s| s.token.clone()),
                detached_payload: signed.as_ref().and_then(|s| s.detached_payload.clone()),
                public_key: signed.and_then(|s| s.public_key_pem),
            })
        }
    })
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
fn edit_json(
    d: &UseReducerDispatcher<PageState>,
    mode: Mode,
    editor: Editor,
    start: &(String, String),
) -> Callback<String> {
    let d = d.clone();
    let (start_header, start_payload) = start;
    let other = match editor {
        Editor::Header => start_payload.clone(),
        Editor::Payload => start_header.clone(),
    };
    Callback::from(move |text: String| match (mode, editor) {
        (Mode::Encode, Editor::Header) => d.dispatch(Action::SetHeader(text)),
        (Mode::Encode, Editor::Payload) => d.dispatch(Action::SetPayload(text)),
        (Mode::Decode, Editor::Header) => d.dispatch(Action::StartEncoding {
            header: text,
            payload: other.clone(),
        }),
        (Mode::Decode, Editor::Payload) => d.dispatch(Action::StartEncoding {
            header: other.clone(),
            payload: text,
        }),
    })
}

/// An algorithm chosen: Encode mode starts from `start` with the header's `alg` set to it.
fn choose_algorithm(
    d: &UseReducerDispatcher<PageState>,
    start: &(String, String),
) -> Callback<Algorithm> {
    let d = d.clone();
    let (header, payload) = start.clone();
    Callback::from(move |alg| {
        d.dispatch(Action::StartEncoding {
            header: header_with_alg(&header, alg),
            payload: payload.clone(),
        })
    })
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

/// A new key becomes the page's key at once: the gateway workflow signs with it next.
fn adopt_generated(d: &UseReducerDispatcher<PageState>, m: &KeyMaterial) {
    use_for_signing(d, m);
    use_for_verifying(d, m);
}
