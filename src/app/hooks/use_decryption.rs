//! Decode mode's decryption of a pasted JWE: started in the worker when the token or the
//! `Decryption key` box changes; the newest answer wins (see `use_async`).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::decryption::{self, DecryptionStatus, key_needed};
use crate::app::hooks::use_async::{Same, use_async};
use crate::app::hooks::use_pasted_token::PastedToken;
use crate::app::state::{Mode, PageState};
use crate::jose::JoseError;
use crate::jose::lints::{Finding, JweLintContext, lint_jwe_with};
use crate::jose::token::Token;

/// The decryption status of the pasted token; `None` unless it is a JWE.
#[hook]
pub fn use_decryption(
    parsed: &Rc<Result<Token, JoseError>>,
    token_text: &str,
    key: &str,
) -> Option<DecryptionStatus> {
    let jwe_alg = match &**parsed {
        Ok(Token::Jwe(jwe)) => Some(jwe.alg().map(str::to_owned)),
        _ => None,
    };
    // Only a JWE with a key is worth a trip to the worker; the key text is never sent otherwise.
    let wanted = jwe_alg.is_some() && !key.trim().is_empty();
    // Deps that stay `None` for anything else, so pasting a JWS starts nothing here.
    let deps = wanted.then(|| (Same(parsed.clone()), key.to_owned(), token_text.to_owned()));
    let answer = use_async(deps, |deps| async move {
        match deps {
            Some((_, key, token)) => Some(decryption::decrypt(token, key).await),
            None => None,
        }
    });
    let alg = jwe_alg?;
    if !wanted {
        return Some(DecryptionStatus::NotDecrypted(key_needed(alg.as_deref())));
    }
    Some(match answer.current.as_deref() {
        Some(Some(status)) => status.clone(),
        _ => DecryptionStatus::Decrypting,
    })
}

/// The token the page decodes: the JWS inside a decrypted nested JWT, else `pasted` itself.
#[hook]
pub fn use_opened_token(pasted: PastedToken, decryption: Option<&DecryptionStatus>) -> PastedToken {
    let inner = decryption
        .and_then(DecryptionStatus::plaintext)
        .and_then(|p| p.inner_jws().cloned());
    let opened = use_memo(inner, |inner| {
        inner
            .clone()
            .map(|jws| (Rc::new(Ok(Token::Jws(jws.clone()))), Rc::new(Ok(jws))))
    });
    match &*opened {
        Some((parsed, decoded)) => PastedToken {
            parsed: parsed.clone(),
            decoded: decoded.clone(),
        },
        None => pasted,
    }
}

/// The findings panel's list: in Decode mode, a pasted JWE's own findings first (its header's
/// `RSA1_5`, PBES2 count and `zip`; from the worker, an unusable `epk` and a symmetric key in
/// the `Decryption key` box of the wrong length; once decrypted, a nested JWT without `cty`),
/// then the review of the token on screen (a decrypted nested JWT's).
#[hook]
pub fn use_jwe_findings(
    state: &PageState,
    pasted: &Rc<Result<Token, JoseError>>,
    decryption: Option<&DecryptionStatus>,
    reviewed: &Rc<Option<Vec<Finding>>>,
) -> Rc<Option<Vec<Finding>>> {
    // The worker is asked only when there is something to check (an ECDH-ES `epk`, or a
    // symmetric key to measure); the key text goes to it only then.
    let wanted = match &**pasted {
        Ok(Token::Jwe(jwe)) => decryption::wants_review(jwe, &state.decryption_key),
        _ => false,
    };
    let deps = wanted.then(|| (state.token.clone(), state.decryption_key.clone()));
    let worker = use_async(deps, |deps| async move {
        match deps {
            Some((token, key)) => Some(decryption::review(token, key).await),
            None => None,
        }
    });
    // The worker's answer, shared as it came (compared by identity: no recomputation per render).
    let from_worker = worker.current.filter(|_| wanted).map(Same);
    let plaintext = match decryption {
        Some(DecryptionStatus::Decrypted(plaintext)) => Some(Same(plaintext.clone())),
        _ => None,
    };
    let deps = (
        state.mode,
        Same(pasted.clone()),
        Same(reviewed.clone()),
        from_worker,
        plaintext,
    );
    use_memo(
        deps,
        |(mode, pasted, reviewed, from_worker, plaintext)| match &*pasted.0 {
            Ok(Token::Jwe(jwe)) if *mode == Mode::Decode => {
                let worker = from_worker.as_ref().and_then(|w| (*w.0).clone());
                let ctx = JweLintContext {
                    plaintext: plaintext.as_ref().map(|p| p.0.bytes.as_slice()),
                    ..worker.unwrap_or_default()
                };
                let mut findings = lint_jwe_with(jwe, &ctx);
                findings.extend((*reviewed.0).clone().unwrap_or_default());
                Some(findings)
            }
            _ => (*reviewed.0).clone(),
        },
    )
}
