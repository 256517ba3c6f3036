//! The browser transport of [`super::remote`]: one long-lived worker (the `keygen` binary),
//! started on the first call, so its wasm is downloaded only when WebCrypto first declines.
//! Calls posted before the worker says it is ready wait in a queue (a message sent before its
//! handler is installed would be lost); each reply resolves the promise of the call with its id.
//! If the worker fails, every waiting call gets the error and the next call starts a new one.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use super::remote::{EngineCall, EngineOp, EngineReply};
use crate::app::js_error;
use crate::app::keygen::WORKER_READY;
use crate::app::keygen::hook::worker_url;

/// The running worker and the calls waiting for it.
struct EngineWorker {
    worker: Worker,
    ready: Cell<bool>,
    /// Calls posted before the worker was ready, as JSON text.
    queue: RefCell<Vec<String>>,
    /// Each waiting call's promise `resolve`, by id; resolved with the reply's text.
    waiting: RefCell<HashMap<u32, js_sys::Function>>,
    next_id: Cell<u32>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<EngineWorker>>> = const { RefCell::new(None) };
}

/// Runs `op` on the worker's Rust engine; the reply, or why there is none.
pub async fn call(op: EngineOp) -> Result<EngineReply, String> {
    let worker = running()?;
    let id = worker.next_id.get();
    worker.next_id.set(id.wrapping_add(1));
    let message = serde_json::to_string(&EngineCall { id, call: op }).map_err(|e| e.to_string())?;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        worker.waiting.borrow_mut().insert(id, resolve);
    });
    if worker.ready.get() {
        post(&worker.worker, &message)?;
    } else {
        worker.queue.borrow_mut().push(message);
    }
    drop(worker);
    let text = JsFuture::from(promise)
        .await
        .map_err(|e| js_error::message(&e))?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str::<EngineReply>(&text)
        .map_err(|e| format!("unreadable answer from the Rust engine's worker: {e} ({text})"))
}

fn post(worker: &Worker, message: &str) -> Result<(), String> {
    worker.post_message(&message.into()).map_err(|e| {
        format!(
            "cannot reach the Rust engine's worker: {}",
            js_error::message(&e)
        )
    })
}

/// The worker, started if it is not running.
fn running() -> Result<Rc<EngineWorker>, String> {
    if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(worker);
    }
    let worker = Rc::new(start()?);
    WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
    Ok(worker)
}

/// The running worker, if it is still the current one.
fn current() -> Option<Rc<EngineWorker>> {
    WORKER.with(|w| w.borrow().clone())
}

fn start() -> Result<EngineWorker, String> {
    let worker = Worker::new(&worker_url()).map_err(|e| {
        format!(
            "cannot start the Rust engine's worker: {}",
            js_error::message(&e)
        )
    })?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let Some(engine) = current() else { return };
        let text = event.data().as_string().unwrap_or_default();
        if text == WORKER_READY {
            engine.ready.set(true);
            for message in engine.queue.take() {
                if let Err(reason) = post(&engine.worker, &message) {
                    fail_all(&engine, &reason);
                }
            }
            return;
        }
        let id = serde_json::from_str::<EngineReply>(&text).map(|r| r.id);
        let resolve = id
            .ok()
            .and_then(|id| engine.waiting.borrow_mut().remove(&id));
        if let Some(resolve) = resolve {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &text.into());
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        // A worker that failed (its script or wasm did not load) is dropped: the waiting calls
        // get the reason and the next call starts a new worker.
        if let Some(engine) = WORKER.with(|w| w.borrow_mut().take()) {
            let reason = format!("the Rust engine's worker failed: {}", event.message());
            fail_all(&engine, &reason);
            engine.worker.terminate();
            // Dropped later: this closure belongs to the worker being dropped.
            wasm_bindgen_futures::spawn_local(async move { drop(engine) });
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(EngineWorker {
        worker,
        ready: Cell::new(false),
        queue: RefCell::new(Vec::new()),
        waiting: RefCell::new(HashMap::new()),
        next_id: Cell::new(0),
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Answers every waiting call with `reason` (as a reply its caller reads as an error).
fn fail_all(engine: &EngineWorker, reason: &str) {
    for (id, resolve) in engine.waiting.borrow_mut().drain() {
        let reply = EngineReply {
            id,
            result: Err(reason.to_owned()),
        };
        if let Ok(text) = serde_json::to_string(&reply) {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &text.into());
        }
    }
}
