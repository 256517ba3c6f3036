//! Browser tests: components rendered into a real DOM in headless Chromium
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
    let status = root
        .query_selector("[role='status'][aria-label='Signature status']")
        .unwrap()
        .expect("signature status");
    assert!(
        status
            .text_content()
            .unwrap()
            .contains("Signature verified")
    );
}

#[wasm_bindgen_test]
async fn the_example_token_is_decoded_and_verified_in_wasm() {
    let root = render_app().await;
    let status = root
        .query_selector("[role='status'][aria-label='Signature status']")
        .unwrap()
        .unwrap();
    let text = status.text_content().unwrap();
    assert!(text.starts_with("Signature verified"), "{text}");
    let header: HtmlTextAreaElement = root
        .query_selector("textarea[aria-label='Header']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(header.value(), r#"{"alg":"RS256","typ":"JWT"}"#);
}

#[wasm_bindgen_test]
fn the_page_rng_is_seeded_from_the_browser() {
    use rand_core::Rng;
    let a = jwt_debugger::app::rng::seeded_rng().unwrap().next_u64();
    let b = jwt_debugger::app::rng::seeded_rng().unwrap().next_u64();
    assert_ne!(a, b);
}
