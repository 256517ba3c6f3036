//! Browser tests: components rendered into a real DOM in headless Chromium and Firefox ESR
//! (`wasm-bindgen-test`; run by `make test` with `cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use jwt_debugger::app::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement, wasm_bindgen::JsCast};

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the whole app into a fresh element attached to the document.
async fn render_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// Waits `ms` milliseconds on the browser's timer.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The signature status once the engine has answered (verification is asynchronous: WebCrypto
/// answers with a promise); gives up after two seconds with whatever it says then.
async fn settled_status(root: &Element) -> String {
    let status = root
        .query_selector("[role='status'][aria-label='Signature status']")
        .unwrap()
        .expect("signature status");
    for _ in 0..200 {
        let text = status.text_content().unwrap_or_default();
        if !text.contains("checking") {
            return text;
        }
        sleep_ms(10).await;
        yew::scheduler::flush().await;
    }
    status.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_renders_the_encoded_token_textarea_under_its_accessible_name() {
    let root = render_app().await;
    let area = root
        .query_selector("textarea[aria-label='Encoded token']")
        .unwrap()
        .expect("the Encoded token textarea is rendered");
    let area: HtmlTextAreaElement = area.dyn_into().unwrap();
    // The page opens on the example token, ready to verify.
    assert_eq!(area.value(), jwt_debugger::app::example::TOKEN.trim());
}

#[wasm_bindgen_test]
async fn app_renders_header_payload_and_signature_status() {
    let root = render_app().await;
    for name in ["Header", "Payload"] {
        let selector = format!("textarea[aria-label='{name}']");
        assert!(
            root.query_selector(&selector).unwrap().is_some(),
            "{name} editor"
        );
    }
    let text = settled_status(&root).await;
    assert!(text.contains("Signature verified"), "{text}");
}

#[wasm_bindgen_test]
async fn the_example_token_is_decoded_and_verified_in_wasm() {
    let root = render_app().await;
    let text = settled_status(&root).await;
    assert!(text.starts_with("Signature verified"), "{text}");
    let header: HtmlTextAreaElement = root
        .query_selector("textarea[aria-label='Header']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // Pretty-printed by default: two-space indent, only whitespace added.
    assert_eq!(
        header.value(),
        "{\n  \"alg\": \"RS256\",\n  \"typ\": \"JWT\"\n}"
    );
}

#[wasm_bindgen_test]
fn the_page_rng_is_seeded_from_the_browser() {
    use rand_core::Rng;
    let a = jwt_debugger::jose::rng::seeded_rng().unwrap().next_u64();
    let b = jwt_debugger::jose::rng::seeded_rng().unwrap().next_u64();
    assert_ne!(a, b);
}

/// Sets a textarea's text as typing would: the value, then a bubbling `input` event.
fn type_into(root: &Element, name: &str, text: &str) {
    let area: HtmlTextAreaElement = root
        .query_selector(&format!("textarea[aria-label='{name}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {name} textarea"))
        .dyn_into()
        .unwrap();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
}

/// Lets the page render, verify and run its deferred work.
async fn settle() {
    for _ in 0..30 {
        yew::scheduler::flush().await;
        sleep_ms(10).await;
    }
}

/// An HS256 token (its signature does not matter here: only how often keys are parsed).
fn hs256_token(sub: &str) -> String {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(r#"{"alg":"HS256","typ":"JWT"}"#),
        b64(&format!(r#"{{"sub":"{sub}"}}"#))
    )
}

/// A key text is parsed once per edit of that text: editing the token (a re-render, a new
/// verdict and new findings) parses no key, not even the public key pasted as the Secret,
/// which the findings and the confusion check both use.
#[wasm_bindgen_test]
async fn keys_are_parsed_once_per_edit_never_per_render() {
    use jwt_debugger::jose::keys::key_text_parses;
    let root = render_app().await;
    type_into(&root, "Encoded token", &hs256_token("a"));
    settle().await;
    type_into(&root, "Secret", jwt_debugger::app::example::PUBLIC_KEY);
    settle().await;
    let text = settled_status(&root).await;
    assert!(text.contains("the secret is a public key"), "{text}");
    let before = key_text_parses();
    for sub in ["b", "c", "d"] {
        type_into(&root, "Encoded token", &hs256_token(sub));
        settle().await;
    }
    assert_eq!(key_text_parses(), before, "editing the token parsed a key");
    type_into(&root, "Secret", "a plain secret of thirty-two bytes");
    settle().await;
    assert_eq!(
        key_text_parses(),
        before + 1,
        "one edit of the secret is one parse"
    );
}
