//! The text of a JavaScript exception, for error messages. Not `{:?}`: `JsValue`'s `Debug`
//! brings a value printer into the page's JavaScript and WebAssembly for no benefit to the user.

use wasm_bindgen::{JsCast, JsValue};

/// An `Error`'s message, a thrown string, or a generic phrase.
pub fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "an unknown JavaScript error".to_owned())
}
