//! Keys from files: a `Load file` button and drag-and-drop onto a key box, read locally with
//! the File API (nothing is uploaded: the file never leaves the page).

use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

use crate::jose::keys::MAX_KEY_INPUT_BYTES;

/// The file types the picker offers: PEM keys and certificates, JWK and JWKS, plain text.
const ACCEPT: &str = ".pem,.crt,.cer,.key,.pub,.json,.jwk,.jwks,.txt";

/// What a key box needs to take files: the button (with its hidden file input and any error),
/// and the drag-and-drop handlers for the box itself.
pub struct KeyFile {
    /// `Load file`, its file input, and why the last file could not be read.
    pub button: Html,
    /// Lets a file be dropped on the box.
    pub ondragover: Callback<DragEvent>,
    /// Reads a dropped file into the box.
    pub ondrop: Callback<DragEvent>,
}

/// Reads `file` as UTF-8 text, at most [`MAX_KEY_INPUT_BYTES`], then calls `done`.
fn read(file: File, done: Callback<Result<String, String>>) {
    let size = file.size();
    if size > MAX_KEY_INPUT_BYTES as f64 {
        done.emit(Err(format!(
            "{} is {size} bytes; key files are at most {MAX_KEY_INPUT_BYTES} bytes",
            file.name()
        )));
        return;
    }
    spawn_local(async move {
        let text = JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| format!("{} could not be read as text", file.name()));
        done.emit(text);
    });
}

/// File input for a key box whose text is set by `onload`.
#[hook]
pub fn use_key_file(onload: Callback<String>) -> KeyFile {
    let input = use_node_ref();
    let error = use_state(|| None::<String>);
    let done = {
        let error = error.clone();
        Callback::from(move |result: Result<String, String>| match result {
            Ok(text) => {
                error.set(None);
                onload.emit(text);
            }
            Err(reason) => error.set(Some(reason)),
        })
    };
    let onclick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = {
        let done = done.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read(file, done.clone());
            }
            // Choosing the same file again (after editing the box) must load it again.
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = Callback::from(move |e: DragEvent| {
        let file = e
            .data_transfer()
            .and_then(|t| t.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            // Only a file is taken over; dropped text keeps the browser's own behaviour.
            e.prevent_default();
            read(file, done.clone());
        }
    });
    let button = html! {
        <>
            <button type="button" class="copy-button" {onclick}>{ "Load file" }</button>
            <input type="file" hidden=true accept={ACCEPT} ref={input} {onchange} />
            if let Some(reason) = &*error {
                <span class="field-error" role="alert">{ reason.clone() }</span>
            }
        </>
    };
    KeyFile {
        button,
        ondragover,
        ondrop,
    }
}
