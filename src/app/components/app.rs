//! The page: a header bar, the Encoded pane on the left, Header/Payload/Verify on the right.
//!
//! The state holds what the user typed; everything else is derived here with memos, so a key is
//! parsed once per edit of the key, not once per keystroke elsewhere.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::claims_table::ClaimsTable;
use super::encoded_pane::EncodedPane;
use super::findings_panel::FindingsPanel;
use super::gateway_preset::GatewayPreset;
use super::json_pane::JsonPane;
use super::key_generator::KeyGenerator;
use super::mode_switch::ModeSwitch;
use super::theme_button::ThemeButton;
use super::verify_pane::VerifyPane;
use crate::app::hooks::use_after_shown::use_after_shown;
use crate::app::hooks::use_async::{AsyncValue, Same, use_async};
use crate::app::hooks::use_now::use_now;
use crate::app::hooks::use_service_worker::use_service_worker;
use crate::app::hooks::use_share_link::use_share_link_loader;
use crate::app::keygen::KeyMaterial;
use crate::app::signing::{
    OwnPublicKey, SignJob, Signed, header_with_alg, own_public_key, prepare_signing, sign_job,
};
use crate::app::state::{Action, Mode, PageState};
use crate::app::verification::{KeyInputs, SignatureStatus, key_note, signature_status, time_note};
use crate::jose::algorithm::Family;
use crate::jose::keys::{self, KeyCandidate, PrivateKey, PublicKey, SecretEncoding};
use crate::jose::lints::{self, LintContext};
use crate::jose::token::{self, DecodedToken};
use crate::jose::{Algorithm, JoseError, verify};

/// What Encode mode produced: a signed token, or why not.
type SignResult = Option<Result<Signed, String>>;

/// The root component; owns the page state.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(PageState::default);
    let now = use_now();
    use_service_worker();
    let dispatch = state.dispatcher();
    use_share_link_loader(Callback::from({
        let dispatch = dispatch.clone();
        move |token| dispatch.dispatch(Action::SetToken(token))
    }));

    let decoded: Rc<Result<DecodedToken, JoseError>> =
        use_memo(state.token.clone(), |t| token::decode(t));
    let public_keys: Rc<Result<Vec<KeyCandidate>, JoseError>> =
        use_memo(state.public_key.clone(), |k| keys::parse_public_keys(k));
    // Decode mode: the pasted token verified with the key inputs, on the engine.
    let decode_status: AsyncValue<SignatureStatus> = use_async(
        (
            Same(decoded.clone()),
            Same(public_keys.clone()),
            state.secret.clone(),
            state.secret_encoding,
            state.public_key.trim().is_empty(),
        ),
        |(decoded, public_keys, secret, secret_encoding, public_key_empty)| async move {
            let inputs = KeyInputs {
                secret: &secret,
                secret_encoding,
                public_keys: &public_keys.0,
                public_key_empty,
            };
            signature_status(&decoded.0, inputs).await
        },
    );
    // Decode mode needs the signing key only for the gateway preset's default Key ID, so there
    // it is read in a task of its own once the verdict is on screen: reading a new RSA-4096
    // key (or, at load, the first use of the RSA code, compiled on first call) takes tens of
    // milliseconds that the verdict should not wait for. Encode mode reads it at once.
    let deferred_private =
        use_after_shown(state.private_key.clone(), decode_status.current.is_some());
    let private_text: Option<String> = match state.mode {
        Mode::Encode => Some(state.private_key.clone()),
        Mode::Decode => deferred_private,
    };
    let private_key: Rc<Option<Result<PrivateKey, JoseError>>> = use_memo(private_text, |text| {
        text.as_deref().map(keys::parse_private_key)
    });
    // Derived once per key edit: the key that verifies what Encode mode signs.
    let own_public: Rc<Option<OwnPublicKey>> = use_memo(Same(private_key.clone()), |k| {
        (*k.0).as_ref().and_then(own_public_key)
    });

    // Encode mode: the checks run here, the signature on the engine (a promise).
    let job: Rc<Option<Result<SignJob, String>>> = {
        let s = &*state;
        use_memo(
            (
                s.mode,
                s.header_text.clone(),
                s.payload_text.clone(),
                s.secret.clone(),
                s.secret_encoding,
                Same(private_key.clone()),
            ),
            |(mode, header, payload, secret, encoding, key)| match &*key.0 {
                // Encode mode always reads the private key.
                Some(key) if *mode == Mode::Encode => {
                    Some(prepare_signing(header, payload, secret, *encoding, key))
                }
                _ => None,
            },
        )
    };
    let signed: AsyncValue<SignResult> = use_async(
        (Same(job.clone()), Same(own_public.clone())),
        |(job, own)| async move {
            match &*job.0 {
                None => None,
                Some(Err(reason)) => Some(Err(reason.clone())),
                Some(Ok(job)) => Some(sign_job(job, (*own.0).as_ref()).await),
            }
        },
    );
    // While a new signature is computed, the previous token stays on screen (for well under a
    // frame with WebCrypto) rather than the box emptying on every keystroke.
    let signed_now: Option<Result<Signed, String>> = signed.latest.as_deref().cloned().flatten();

    // What the panes show depends on the mode: the pasted token (Decode) or the editors (Encode).
    let (token_text, header_text, payload_text) = match state.mode {
        Mode::Decode => {
            let (header, payload) = match &*decoded {
                Ok(t) => (t.header_json.clone(), t.payload_json.clone()),
                Err(_) => (String::new(), String::new()),
            };
            (state.token.clone(), header, payload)
        }
        Mode::Encode => {
            let token = match &signed_now {
                Some(Ok(s)) => s.token.clone(),
                _ => String::new(),
            };
            (token, state.header_text.clone(), state.payload_text.clone())
        }
    };
    let payload_value: Rc<Value> = use_memo(payload_text.clone(), |p| {
        serde_json::from_str(p).unwrap_or(Value::Null)
    });
    let alg: Option<Algorithm> = match state.mode {
        Mode::Decode => (*decoded).as_ref().ok().and_then(|t| t.alg.clone().ok()),
        Mode::Encode => match &*job {
            Some(Ok(job)) => Some(job.alg),
            _ => serde_json::from_str::<Value>(&header_text)
                .ok()
                .and_then(|h| h.as_object().and_then(|m| token::parse_alg(m).ok())),
        },
    };

    let status = match state.mode {
        Mode::Encode => match signed.current.as_deref() {
            None => SignatureStatus::Checking,
            Some(None) => SignatureStatus::NotVerified("nothing to sign yet".into()),
            Some(Some(Err(reason))) => {
                SignatureStatus::NotVerified(format!("cannot sign: {reason}"))
            }
            Some(Some(Ok(s))) => s.status.clone(),
        },
        Mode::Decode => decode_status
            .current
            .as_deref()
            .cloned()
            .unwrap_or(SignatureStatus::Checking),
    };

    let (notes, token_error) = match (state.mode, &*decoded) {
        (Mode::Decode, Ok(t)) => (t.diagnoses.iter().map(|d| d.message()).collect(), None),
        (Mode::Decode, Err(e)) if !state.token.trim().is_empty() => {
            (Vec::new(), Some(e.to_string()))
        }
        _ => (Vec::new(), None),
    };

    // The findings review the token on screen: the pasted one, or the one just signed.
    let reviewed: Rc<Option<DecodedToken>> = use_memo(
        (state.mode, Same(decoded.clone()), token_text.clone()),
        |(mode, decoded, token_text)| match mode {
            Mode::Decode => (*decoded.0).clone().ok(),
            Mode::Encode => token::decode(token_text).ok(),
        },
    );
    let findings = (*reviewed).as_ref().map(|t| {
        let key = lint_key(&state, t, &public_keys);
        lints::lint(
            t,
            &LintContext {
                verification_key: key.as_ref(),
                ..LintContext::at(now)
            },
        )
    });
    let default_kid = (*own_public).as_ref().map(|own| own.kid.clone());

    let callbacks = Callbacks::new(&state, &decoded, signed_now);
    html! {
        <>
            <header class="topbar">
                <h1 class="title">{ "JWT Debugger" }</h1>
                <p class="tagline">{ "Decode, verify and sign JSON Web Tokens. Everything runs in this tab: nothing you type leaves the page." }</p>
                <div class="topbar-controls">
                    <ModeSwitch mode={state.mode} onchange={callbacks.mode} />
                    <ThemeButton />
                </div>
            </header>
            <main class="workspace">
                <div class="column">
                    <section class="pane pane-encoded" aria-labelledby="encoded-heading">
                        <EncodedPane token={AttrValue::from(token_text.clone())} oninput={callbacks.token} {notes} error={token_error} />
                    </section>
                    <FindingsPanel has_token={findings.is_some()} findings={findings.unwrap_or_default()} />
                </div>
                <section class="pane pane-decoded" aria-label="Decoded">
                    <JsonPane title="Header" text={AttrValue::from(header_text)} oninput={callbacks.header} />
                    <JsonPane title="Payload" text={AttrValue::from(payload_text)} oninput={callbacks.payload}>
                        <ClaimsTable payload={(*payload_value).clone()} {now} />
                    </JsonPane>
                    <VerifyPane
                        mode={state.mode}
                        {alg}
                        secret={AttrValue::from(state.secret.clone())}
                        secret_encoding={state.secret_encoding}
                        public_key={AttrValue::from(state.public_key.clone())}
                        private_key={AttrValue::from(state.private_key.clone())}
                        key_note={key_note(state.mode, alg, &public_keys, (*private_key).as_ref())}
                        {status}
                        time_note={time_note(&payload_value, now)}
                        onalgorithm={callbacks.algorithm}
                        onsecret={callbacks.secret}
                        onencoding={callbacks.encoding}
                        onpublickey={callbacks.public_key}
                        onprivatekey={callbacks.private_key}
                    />
                </section>
            </main>
            <div class="workspace tools">
                <KeyGenerator onusesigning={callbacks.use_signing} onuseverifying={callbacks.use_verifying} ongenerated={callbacks.generated} />
                <GatewayPreset {default_kid} {now} token={AttrValue::from(token_text)} onapply={callbacks.preset} />
            </div>
            <footer class="footer">
                <p>{ "jwt-debugger runs entirely in your browser. It makes no network requests after loading: tokens, keys and secrets never leave this page, and nothing is stored." }</p>
            </footer>
        </>
    }
}

/// The key the findings judge the token against: for HS* the secret (or, if the secret text is
/// itself a public key, that key: HMAC keyed with a public key is the algorithm-confusion
/// attack), else the first key verification tries (the same selection by the header's `kid`).
fn lint_key(
    state: &PageState,
    token: &DecodedToken,
    public_keys: &Result<Vec<KeyCandidate>, JoseError>,
) -> Option<PublicKey> {
    let hmac = token.alg.as_ref().is_ok_and(|a| a.family() == Family::Hmac);
    if hmac {
        if state.secret.is_empty() {
            return None;
        }
        if let Some(c) = keys::parse_public_keys(&state.secret)
            .ok()
            .and_then(|c| c.into_iter().next())
        {
            return Some(c.key);
        }
        return keys::parse_hmac_secret(&state.secret, state.secret_encoding)
            .ok()
            .map(PublicKey::Hmac);
    }
    let candidates = public_keys.as_ref().ok()?;
    let (tried, _) = verify::candidate_keys(token, candidates);
    tried.first().map(|(_, c)| c.key.clone())
}

/// The header and payload JSON that Encode mode starts from: the decoded token's when it decodes,
/// else whatever the editors held.
fn encode_start(state: &PageState, decoded: &Result<DecodedToken, JoseError>) -> (String, String) {
    match (state.mode, decoded) {
        (Mode::Decode, Ok(t)) => (t.header_json.clone(), t.payload_json.clone()),
        _ => (state.header_text.clone(), state.payload_text.clone()),
    }
}

/// Every callback the page hands down, built from the current state.
struct Callbacks {
    token: Callback<String>,
    mode: Callback<Mode>,
    header: Callback<String>,
    payload: Callback<String>,
    algorithm: Callback<Algorithm>,
    secret: Callback<String>,
    encoding: Callback<keys::SecretEncoding>,
    public_key: Callback<String>,
    private_key: Callback<String>,
    use_signing: Callback<Rc<KeyMaterial>>,
    use_verifying: Callback<Rc<KeyMaterial>>,
    generated: Callback<Rc<KeyMaterial>>,
    preset: Callback<(String, String)>,
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
    fn new(
        state: &UseReducerHandle<PageState>,
        decoded: &Rc<Result<DecodedToken, JoseError>>,
        signed: Option<Result<Signed, String>>,
    ) -> Self {
        let d = state.dispatcher();
        let (start_header, start_payload) = encode_start(state, decoded);
        let mode = {
            let (d, signed) = (d.clone(), signed);
            let (header, payload) = (start_header.clone(), start_payload.clone());
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
                        public_key: signed.and_then(|s| s.public_key_pem),
                    })
                }
            })
        };
        // Editing the header or payload while decoding starts Encode mode from the decoded JSON.
        let editor = |is_header: bool| {
            let d = d.clone();
            let mode = state.mode;
            let other = if is_header {
                start_payload.clone()
            } else {
                start_header.clone()
            };
            Callback::from(move |text: String| match (mode, is_header) {
                (Mode::Encode, true) => d.dispatch(Action::SetHeader(text)),
                (Mode::Encode, false) => d.dispatch(Action::SetPayload(text)),
                (Mode::Decode, true) => d.dispatch(Action::StartEncoding {
                    header: text,
                    payload: other.clone(),
                }),
                (Mode::Decode, false) => d.dispatch(Action::StartEncoding {
                    header: other.clone(),
                    payload: text,
                }),
            })
        };
        let algorithm = {
            let d = d.clone();
            let (header, payload) = (start_header.clone(), start_payload.clone());
            Callback::from(move |alg| {
                d.dispatch(Action::StartEncoding {
                    header: header_with_alg(&header, alg),
                    payload: payload.clone(),
                })
            })
        };
        Self {
            token: {
                let d = d.clone();
                Callback::from(move |t| d.dispatch(Action::SetToken(t)))
            },
            mode,
            header: editor(true),
            payload: editor(false),
            algorithm,
            secret: {
                let d = d.clone();
                Callback::from(move |s| d.dispatch(Action::SetSecret(s)))
            },
            encoding: {
                let d = d.clone();
                Callback::from(move |e| d.dispatch(Action::SetSecretEncoding(e)))
            },
            public_key: {
                let d = d.clone();
                Callback::from(move |k| d.dispatch(Action::SetPublicKey(k)))
            },
            private_key: {
                let d = d.clone();
                Callback::from(move |k| d.dispatch(Action::SetPrivateKey(k)))
            },
            use_signing: {
                let d = d.clone();
                Callback::from(move |m: Rc<KeyMaterial>| use_for_signing(&d, &m))
            },
            use_verifying: {
                let d = d.clone();
                Callback::from(move |m: Rc<KeyMaterial>| use_for_verifying(&d, &m))
            },
            // A new key becomes the page's key at once: the gateway workflow signs with it next.
            generated: {
                let d = d.clone();
                Callback::from(move |m: Rc<KeyMaterial>| {
                    use_for_signing(&d, &m);
                    use_for_verifying(&d, &m);
                })
            },
            preset: Callback::from(move |(header, payload)| {
                d.dispatch(Action::StartEncoding { header, payload })
            }),
        }
    }
}
