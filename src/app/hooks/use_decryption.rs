//! Decode mode's decryption of a pasted JWE: started in the worker when the token or the
//! `Decryption key` box changes; the newest answer wins (see `use_async`).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::decryption::{self, DecryptionStatus, key_needed};
use crate::app::hooks::use_async::{Same, use_async};
use crate::app::hooks::use_pasted_token::PastedToken;
use crate::app::state::Mode;
use crate::jose::JoseError;
use crate::jose::lints::{Finding, lint_jwe};
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

/// The findings panel's list: in Decode mode, a pasted JWE's header findings (`RSA1_5`, the
/// PBES2 count, `zip`) first, then the review of the token on screen (a decrypted nested JWT's).
#[hook]
pub fn use_jwe_findings(
    mode: Mode,
    pasted: &Rc<Result<Token, JoseError>>,
    reviewed: &Rc<Option<Vec<Finding>>>,
) -> Rc<Option<Vec<Finding>>> {
    use_memo(
        (mode, Same(pasted.clone()), Same(reviewed.clone())),
        |(mode, pasted, reviewed)| match &*pasted.0 {
            Ok(Token::Jwe(jwe)) if *mode == Mode::Decode => {
                let mut findings = lint_jwe(jwe);
                findings.extend((*reviewed.0).clone().unwrap_or_default());
                Some(findings)
            }
            _ => (*reviewed.0).clone(),
        },
    )
}
