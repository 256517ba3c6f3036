//! Saving a text as a file: a Blob and a temporary link, all inside the page (no network).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::app::js_error;

/// Offers `text` to the user as a download named `filename`. Errors are returned as text for
/// the page to show.
pub fn save_text(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error::message(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| js_error::message(&e))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_error::message(&e))?
        .dyn_into()
        .map_err(|_| "not an anchor element".to_owned())?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The click has started the download; the object URL is no longer needed.
    Url::revoke_object_url(&url).map_err(|e| js_error::message(&e))
}
