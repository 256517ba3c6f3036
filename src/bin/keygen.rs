//! The Rust engine's web worker, downloaded on first need, never in the page's first load:
//! key generation (RSA takes seconds in WebAssembly; here it keeps the page responsive, and the
//! page can cancel by terminating the worker) and signatures where WebCrypto declines.
//!
//! Protocol: the worker posts `WORKER_READY` once it listens; the page then posts JSON: a
//! `KeygenRequest` (answered with a `KeygenResponse`, see `jwt_debugger::app::keygen`) or an
//! `EngineCall` (answered with an `EngineReply`, see `jwt_debugger::app::engine::answer`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return; // not started as a worker: nothing to do
    };
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let reply_to = reply_to.clone();
        // JWE runs on the worker's WebCrypto, whose promises make the answer asynchronous;
        // replies carry the request's id, so their order does not matter.
        wasm_bindgen_futures::spawn_local(async move {
            let response = jwt_debugger::app::engine::answer::handle_worker_message(&request).await;
            // A failed postMessage leaves the page waiting; it shows elapsed time and can cancel.
            let _ = reply_to.post_message(&response.into());
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // The wasm starts asynchronously after the script: a request posted before this point would
    // find no handler and be lost, so the page waits for this word before sending one.
    let _ = scope.post_message(&jwt_debugger::app::keygen::WORKER_READY.into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("keygen is a web worker: it runs only in the browser (see index.html)");
}
