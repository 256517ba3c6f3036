//! The page: a header bar, the Encoded pane on the left, Header/Payload/Verify on the right.
//!
//! The state holds what the user typed; everything else is derived here with memos, so a key is
//! parsed once per edit of the key, not once per keystroke elsewhere.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::claims_table::ClaimsTable;
use super::detached_payload::DetachedPayload;
use super::encoded_pane::EncodedPane;
use super::findings_panel::FindingsPanel;
use super::gateway_preset::GatewayPreset;
use super::json_pane::JsonPane;
use super::key_generator::KeyGenerator;
use super::mode_switch::ModeSwitch;
use super::theme_button::ThemeButton;
use super::verdict::Verdict;
use super::verify_pane::VerifyPane;
use crate::app::callbacks::Callbacks;
use crate::app::example::is_demo_key;
use crate::app::hooks::use_after_shown::use_after_shown;
use crate::app::hooks::use_async::{AsyncValue, Same, use_async};
use crate::app::hooks::use_findings::{ReviewSources, SignedBy, use_findings};
use crate::app::hooks::use_now::use_now;
use crate::app::hooks::use_service_worker::use_service_worker;
use crate::app::hooks::use_share_link::use_share_link_loader;
use crate::app::signing::{
    OwnPublicKey, SignJob, Signed, own_public_key, prepare_signing, sign_job,
};
use crate::app::state::{Action, Mode, PageState};
use crate::app::token_view::{jws_of, parse_pasted, shown_json, token_notes};
use crate::app::verification::{KeyInputs, SignatureStatus, key_note, signature_status, time_note};
use crate::jose::algorithm::KeyInput;
use crate::jose::keys::{self, KeyCandidate, PrivateKey, PublicKey};
use crate::jose::token::{self, DecodedToken, Token};
use crate::jose::{Algorithm, JoseError};

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

    // A detached token (empty payload segment) takes its payload from the Detached payload box.
    // The pasted token parsed once per edit: a JWS or a JWE (the sum type decides the view).
    let parsed: Rc<Result<Token, JoseError>> = use_memo(
        (state.token.clone(), state.detached_payload.clone()),
        |(t, payload)| parse_pasted(t, payload),
    );
    let decoded: Rc<Result<DecodedToken, JoseError>> =
        use_memo(Same(parsed.clone()), |p| jws_of(&p.0));
    // Each key text is parsed once per edit of that text, never per render or clock tick.
    let public_keys: Rc<Result<Vec<KeyCandidate>, JoseError>> =
        use_memo(state.public_key.clone(), |k| keys::parse_public_keys(k));
    let key_in_secret: Rc<Result<Option<PublicKey>, JoseError>> =
        use_memo(state.secret.clone(), |s| keys::public_key_in_secret(s));
    // Decode mode: the pasted token verified with the key inputs, on the engine.
    let decode_status: AsyncValue<SignatureStatus> = use_async(
        (
            Same(decoded.clone()),
            Same(public_keys.clone()),
            Same(key_in_secret.clone()),
            state.secret.clone(),
            state.secret_encoding,
            state.public_key.trim().is_empty(),
        ),
        |(decoded, public_keys, key_in_secret, secret, secret_encoding, public_key_empty)| async move {
            let inputs = KeyInputs {
                secret: &secret,
                secret_encoding,
                key_in_secret: &key_in_secret.0,
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
                Same(key_in_secret.clone()),
                Same(private_key.clone()),
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

    // Decode mode shows the header and payload pretty-printed (only whitespace changes), or
    // exactly as encoded.
    let shown: Rc<(String, String)> = use_memo(
        (Same(parsed.clone()), state.as_encoded),
        |(parsed, as_encoded)| shown_json(&parsed.0, *as_encoded),
    );
    // What the panes show depends on the mode: the pasted token (Decode) or the editors (Encode).
    let (token_text, header_text, payload_text) = match state.mode {
        Mode::Decode => (state.token.clone(), shown.0.clone(), shown.1.clone()),
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

    let (notes, token_error) = match state.mode {
        Mode::Decode => token_notes(&parsed, &state.token),
        Mode::Encode => (Vec::new(), None),
    };

    // The findings review the token on screen: the pasted one, or the one just signed (a
    // detached one with the payload it signs).
    let reviewed: Rc<Option<DecodedToken>> = use_memo(
        (
            state.mode,
            Same(decoded.clone()),
            token_text.clone(),
            state.payload_text.clone(),
        ),
        |(mode, decoded, token_text, payload)| match mode {
            Mode::Decode => (*decoded.0).clone().ok(),
            Mode::Encode => token::decode(token_text).ok().map(|mut t| {
                t.attach_payload(payload);
                t
            }),
        },
    );
    // The page's demo key pair: labelled wherever it is in use, never a default Key ID, and a
    // finding whenever a token is signed with it. Each key is compared once per edit.
    let private_key_is_demo = (*own_public).as_ref().is_some_and(|own| own.is_demo);
    let public_key_is_demo = *use_memo(Same(public_keys.clone()), |keys| {
        (*keys.0)
            .as_ref()
            .is_ok_and(|c| c.iter().any(|c| is_demo_key(&c.key)))
    });
    let signed_by = match state.mode {
        Mode::Encode => SignedBy::DemoSigning(
            private_key_is_demo && alg.is_some_and(|a| a.key_input() == KeyInput::KeyPair),
        ),
        Mode::Decode => SignedBy::Verified(matches!(status, SignatureStatus::Verified(_))),
    };
    let sources = ReviewSources {
        reviewed: Same(reviewed.clone()),
        public_keys: Same(public_keys.clone()),
        key_in_secret: Same(key_in_secret.clone()),
        secret: (state.secret.clone(), state.secret_encoding),
    };
    let findings = use_findings(sources, now, signed_by);
    let default_kid = (*own_public)
        .as_ref()
        .filter(|own| !own.is_demo)
        .map(|own| own.kid.clone());
    // Copy as curl takes only the cleaned compact token, never the box's raw text.
    let compact = (*reviewed)
        .as_ref()
        .map(|t| AttrValue::from(t.compact.clone()));
    let detached = state.mode == Mode::Decode && (*decoded).as_ref().is_ok_and(|t| t.detached);

    let callbacks = Callbacks::new(
        &state,
        (header_text.clone(), payload_text.clone()),
        signed_now,
    );
    html! {
        <>
            <header class="topbar">
                <h1 class="title">{ "JWT Debugger" }</h1>
                <p class="tagline">{ "Decode, verify and sign JSON Web Tokens. Everything runs in this tab: nothing you type leaves the page." }</p>
                <nav class="topbar-nav" aria-label="Tools">
                    <a href="#keygen">{ "Key generator" }</a>
                    <a href="#gateway">{ "Gateway preset" }</a>
                </nav>
                <div class="topbar-controls">
                    <ModeSwitch mode={state.mode} onchange={callbacks.mode} />
                    <ThemeButton />
                </div>
            </header>
            <main class="workspace">
                <div class="column">
                    <section class="pane pane-encoded" aria-labelledby="encoded-heading">
                        <EncodedPane token={AttrValue::from(token_text.clone())} oninput={callbacks.token} {notes} error={token_error}>
                            if detached {
                                <DetachedPayload text={AttrValue::from(state.detached_payload.clone())} oninput={callbacks.detached} />
                            }
                            <Verdict {status} time_note={time_note(&payload_value, now, 0)} />
                        </EncodedPane>
                    </section>
                    <FindingsPanel has_token={findings.is_some()} findings={(*findings).clone().unwrap_or_default()} />
                </div>
                <section class="pane pane-decoded" aria-label="Decoded">
                    if state.mode == Mode::Decode {
                        <div class="pane-heading decoded-heading">
                            <h2>{ "Decoded" }</h2>
                            <button type="button" class="copy-button" aria-pressed={state.as_encoded.to_string()}
                                title="Show the header and payload exactly as encoded in the token"
                                onclick={callbacks.as_encoded}>{ "As encoded" }</button>
                        </div>
                    }
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
                        {public_key_is_demo}
                        {private_key_is_demo}
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
                <GatewayPreset {default_kid} {now} token={compact} onapply={callbacks.preset} />
            </div>
            <footer class="footer">
                <p>{ "jwt-debugger runs entirely in your browser. Tokens, keys and secrets never leave this page and are never stored; after loading, the page fetches only its own files, for offline use." }</p>
            </footer>
        </>
    }
}
