//! Encode mode's token: the checks run here, the signature on the engine (a promise).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::{AsyncValue, Same, use_async};
use crate::app::hooks::use_signing_key::SigningKey;
use crate::app::signing::{SignError, SignJob, Signed, prepare_signing, sign_job};
use crate::app::state::{Mode, PageState};
use crate::jose::JoseError;
use crate::jose::keys::PublicKey;

/// What Encode mode produced: a signed token, or why not (`None`: nothing to sign).
pub type SignResult = Option<Result<Signed, SignError>>;

/// Encode mode's signing: the job the editors and keys make, and its signed token.
pub struct SignedToken {
    /// The prepared job, or why the inputs cannot be signed (`None` outside Encode mode).
    pub job: Rc<Option<Result<SignJob, SignError>>>,
    /// The signed token, once the engine has answered.
    pub signed: AsyncValue<SignResult>,
}

/// Signs the Header and Payload editors' texts with the key inputs, in Encode mode.
#[hook]
pub fn use_signed_token(
    state: &PageState,
    key_in_secret: &Rc<Result<Option<PublicKey>, JoseError>>,
    key: &SigningKey,
) -> SignedToken {
    let s = state;
    let job: Rc<Option<Result<SignJob, SignError>>> = use_memo(
        (
            s.mode,
            s.header_text.clone(),
            s.payload_text.clone(),
            s.secret.clone(),
            s.secret_encoding,
            Same(key_in_secret.clone()),
            Same(key.private_key.clone()),
        ),
        |(mode, header, payload, secret, encoding, in_secret, key)| match &*key.0 {
            // Encode mode always reads the private key.
            Some(key) if *mode == Mode::Encode => Some(prepare_signing(
                header,
                payload,
                secret,
                *encoding,
                &in_secret.0,
                key,
            )),
            _ => None,
        },
    );
    let signed = use_async(
        (Same(job.clone()), Same(key.own_public.clone())),
        |(job, own)| async move {
            match &*job.0 {
                None => None,
                Some(Err(reason)) => Some(Err(reason.clone())),
                Some(Ok(job)) => Some(sign_job(job, (*own.0).as_ref()).await),
            }
        },
    );
    SignedToken { job, signed }
}
