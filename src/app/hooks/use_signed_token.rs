//! Encode mode's token: the checks run here, the signature on the engine (a promise). With
//! selectively disclosable claims, the worker first conceals them (an SD-JWT, RFC 9901), the
//! page signs the concealed payload as any other, and the disclosures follow the signature.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::use_async::{AsyncValue, Same, use_async};
use crate::app::hooks::use_signing_key::SigningKey;
use crate::app::sd_jwt::conceal;
use crate::app::signing::{SignError, SignJob, Signed, prepare_signing, sign_job};
use crate::app::state::{Mode, PageState};
use crate::jose::JoseError;
use crate::jose::keys::PublicKey;
use crate::jose::sdjwt::Concealed;

/// What Encode mode produced: a signed token, or why not (`None`: nothing to sign).
pub type SignResult = Option<Result<Signed, SignError>>;

/// Encode mode's signing: the job the editors and keys make, and its signed token.
pub struct SignedToken {
    /// The prepared job, or why the inputs cannot be signed (`None` outside Encode mode).
    pub job: Rc<Option<Result<SignJob, SignError>>>,
    /// The signed token, once the engine has answered.
    pub signed: AsyncValue<SignResult>,
}

/// The payload's selectively disclosable claims: none (a plain JWT), being concealed by the
/// worker, or its answer.
#[derive(Clone, PartialEq)]
enum Disclosable {
    Off,
    Pending,
    Ready(Same<Option<Result<Concealed, String>>>),
}

/// Signs the Header and Payload editors' texts with the key inputs, in Encode mode.
#[hook]
pub fn use_signed_token(
    state: &PageState,
    key_in_secret: &Rc<Result<Option<PublicKey>, JoseError>>,
    key: &SigningKey,
) -> SignedToken {
    let s = state;
    let disclosable = use_disclosable(state);
    let job: Rc<Option<Result<SignJob, SignError>>> = use_memo(
        (
            s.mode,
            s.header_text.clone(),
            s.payload_text.clone(),
            (s.secret.clone(), s.secret_encoding),
            Same(key_in_secret.clone()),
            Same(key.private_key.clone()),
            disclosable.clone(),
        ),
        |(mode, header, payload, (secret, encoding), in_secret, key, disclosable)| {
            // Encode mode always reads the private key.
            let key = key.0.as_ref().as_ref().filter(|_| *mode == Mode::Encode)?;
            let payload = match disclosable {
                Disclosable::Off => payload.as_str(),
                Disclosable::Pending => return None,
                Disclosable::Ready(answer) => match answer.0.as_ref() {
                    Some(Ok(concealed)) => concealed.payload.as_str(),
                    Some(Err(why)) => return Some(Err(SignError::Disclosures(why.clone()))),
                    None => return None,
                },
            };
            Some(prepare_signing(
                header,
                payload,
                secret,
                *encoding,
                &in_secret.0,
                key,
            ))
        },
    );
    let signed = use_async(
        (Same(job.clone()), Same(key.own_public.clone()), disclosable),
        |(job, own, disclosable)| async move {
            let job = match &*job.0 {
                None => return None,
                Some(Err(reason)) => return Some(Err(reason.clone())),
                Some(Ok(job)) => job,
            };
            let signed = sign_job(job, (*own.0).as_ref()).await;
            Some(signed.map(|mut signed| {
                if let Disclosable::Ready(answer) = &disclosable
                    && let Some(Ok(concealed)) = answer.0.as_ref()
                {
                    signed.token = concealed.attach(&signed.token);
                }
                signed
            }))
        },
    );
    SignedToken { job, signed }
}

/// Encode mode's selectively disclosable claims, concealed by the worker (fresh random salts
/// each time the payload or the list changes).
#[hook]
fn use_disclosable(state: &PageState) -> Disclosable {
    let pointers = state.sd_issue.pointer_list();
    let deps = (state.mode == Mode::Encode && !pointers.is_empty())
        .then(|| (state.payload_text.clone(), pointers, state.sd_issue.decoys));
    let on = deps.is_some();
    let answer = use_async(deps, |deps| async move {
        let (claims, pointers, decoys) = deps?;
        Some(conceal(claims, pointers, decoys).await)
    });
    match (on, answer.current) {
        (false, _) => Disclosable::Off,
        (true, None) => Disclosable::Pending,
        (true, Some(answer)) => Disclosable::Ready(Same(answer)),
    }
}
