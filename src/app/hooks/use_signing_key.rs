//! The Private key box read: at once in Encode mode, which signs with it; in Decode mode, which
//! needs it only for the gateway preset's default Key ID, once the verdict is on screen.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_after_shown::use_after_shown;
use crate::app::hooks::use_async::{Same, use_async};
use crate::app::ml_dsa_key::read_in_worker;
use crate::app::signing::{OwnPublicKey, own_public_key};
use crate::app::state::Mode;
use crate::jose::JoseError;
use crate::jose::keys::{self, PrivateKey};

/// The signing key and what follows from it.
pub struct SigningKey {
    /// The parsed Private key box (`None` while Decode mode has not read it yet).
    pub private_key: Rc<Option<Result<PrivateKey, JoseError>>>,
    /// The key that verifies what Encode mode signs, derived once per key edit.
    pub own_public: Rc<Option<OwnPublicKey>>,
}

/// The Private key box's text `text`, parsed. In Decode mode it is read in a task of its own
/// once `verdict_shown`: reading a new RSA-4096 key (or, at load, the first use of the RSA
/// code, compiled on first call) takes tens of milliseconds that the verdict should not wait
/// for. Encode mode reads it at once.
#[hook]
pub fn use_signing_key(mode: Mode, text: &str, verdict_shown: bool) -> SigningKey {
    let deferred = use_after_shown(text.to_owned(), verdict_shown);
    let text: Option<String> = match mode {
        Mode::Encode => Some(text.to_owned()),
        Mode::Decode => deferred,
    };
    let read: Rc<Option<Result<PrivateKey, JoseError>>> = use_memo(text.clone(), |text| {
        text.as_deref().map(keys::parse_private_key)
    });
    // An ML-DSA private key is read by the worker (the page leaves that arithmetic out): its
    // answer replaces the reader's "reading it in the worker…" once it is there.
    let elsewhere = match &*read {
        Some(Err(JoseError::MlDsaPrivateKeyElsewhere(_))) => text,
        _ => None,
    };
    let answer = use_async(elsewhere, |text| async move {
        match text {
            Some(text) => Some(read_in_worker(text).await),
            None => None,
        }
    });
    let private_key = match answer.current {
        Some(answer) if answer.is_some() => answer,
        _ => read,
    };
    let own_public = use_memo(Same(private_key.clone()), |k| {
        (*k.0).as_ref().and_then(own_public_key)
    });
    SigningKey {
        private_key,
        own_public,
    }
}
