//! Runs key generation off the main thread, so the page stays responsive: on WebCrypto, which
//! generates in the browser's own threads, and where WebCrypto cannot (no secure context, an
//! older browser without Ed25519; X25519 keys) in the `keygen` web worker running the Rust
//! generator.
//! Tracks elapsed time; Cancel drops a WebCrypto answer and terminates a worker (which really
//! stops the computation).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use super::webcrypto::{GenerateError, generate};
use super::{
    KeyMaterial, KeygenError, KeygenRequest, KeygenResponse, WORKER_READY, kind_from_label,
};
use crate::app::js_error;

/// The worker's loader script, written by trunk next to index.html (relative, so it works under
/// any sub-path).
const WORKER_URL: &str = "./keygen_loader.js";

/// The single-file build (`make single`) has no files beside it: it puts the worker in a
/// `blob:` URL under this global name before the app starts.
const INLINE_WORKER_GLOBAL: &str = "jwtKeygenWorkerUrl";

/// Where the key generation worker is: the inline blob of a single-file build, or the loader.
pub(crate) fn worker_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &INLINE_WORKER_GLOBAL.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| WORKER_URL.to_owned())
}

/// Where key generation is.
#[derive(Clone, Debug, PartialEq)]
pub enum KeygenState {
    /// Nothing generated yet.
    Idle,
    /// A key is being generated.
    Running {
        /// The key type's label.
        label: String,
        /// When it started (`Date.now()`, milliseconds), for the elapsed-time display.
        started_ms: f64,
    },
    /// A key was generated in `elapsed_ms`.
    Done {
        /// The key.
        material: Rc<KeyMaterial>,
        /// How long it took.
        elapsed_ms: f64,
    },
    /// Generation failed.
    Failed(KeygenError),
    /// The user cancelled.
    Cancelled,
}

/// The running worker and its message handlers (dropped together).
struct Job {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The generator's state, a callback starting a key of the given label, and one cancelling.
#[hook]
pub fn use_keygen() -> (KeygenState, Callback<String>, Callback<()>) {
    let state = use_state(|| KeygenState::Idle);
    let job: Rc<RefCell<Option<Job>>> = use_mut_ref(|| None);
    // The newest request's ticket; an answer for an older ticket (replaced or cancelled) is
    // dropped. `busy` says whether the newest request is still running.
    let ticket: Rc<Cell<u64>> = use_memo((), |_| Cell::new(0));
    let busy: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));

    let start = {
        let (state, job, ticket, busy) = (state.clone(), job.clone(), ticket.clone(), busy.clone());
        Callback::from(move |label: String| {
            job.borrow_mut().take(); // a new request replaces (and stops) a running one
            let mine = ticket.get().wrapping_add(1);
            ticket.set(mine);
            let Some(kind) = kind_from_label(&label) else {
                state.set(KeygenState::Failed(KeygenError::UnknownKind(label)));
                return;
            };
            let started_ms = js_sys::Date::now();
            busy.set(true);
            state.set(KeygenState::Running {
                label: label.clone(),
                started_ms,
            });
            let (state, job, ticket, busy) =
                (state.clone(), job.clone(), ticket.clone(), busy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = generate(kind).await;
                if ticket.get() != mine {
                    return;
                }
                match outcome {
                    Ok(material) => {
                        busy.set(false);
                        state.set(KeygenState::Done {
                            material: Rc::new(material),
                            elapsed_ms: js_sys::Date::now() - started_ms,
                        });
                    }
                    Err(GenerateError::Keygen(reason)) => {
                        busy.set(false);
                        state.set(KeygenState::Failed(reason));
                    }
                    // No WebCrypto for this key here: the Rust generator, in the worker.
                    Err(GenerateError::WebCrypto(_)) => {
                        // From here the worker job is what Cancel stops.
                        busy.set(false);
                        match spawn(&label, started_ms, state.clone(), job.clone()) {
                            Ok(new_job) => *job.borrow_mut() = Some(new_job),
                            Err(reason) => {
                                state.set(KeygenState::Failed(KeygenError::Worker(reason)));
                            }
                        }
                    }
                }
            });
        })
    };
    let cancel = {
        let (state, job) = (state.clone(), job.clone());
        Callback::from(move |()| {
            let had_worker = job.borrow_mut().take().is_some();
            if had_worker || busy.get() {
                busy.set(false);
                ticket.set(ticket.get().wrapping_add(1));
                state.set(KeygenState::Cancelled);
            }
        })
    };
    ((*state).clone(), start, cancel)
}

fn spawn(
    label: &str,
    started: f64,
    state: UseStateHandle<KeygenState>,
    job: Rc<RefCell<Option<Job>>>,
) -> Result<Job, String> {
    let worker = Worker::new(&worker_url()).map_err(|e| {
        format!(
            "cannot start the key generation worker: {}",
            js_error::message(&e)
        )
    })?;
    let request = serde_json::to_string(&KeygenRequest {
        kind: label.to_owned(),
    })
    .map_err(|e| e.to_string())?;
    let on_message = {
        let (state, job, worker) = (state.clone(), job.clone(), worker.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let elapsed_ms = js_sys::Date::now() - started;
            let text = event.data().as_string().unwrap_or_default();
            if text == WORKER_READY {
                if let Err(e) = worker.post_message(&request.clone().into()) {
                    state.set(KeygenState::Failed(KeygenError::Worker(format!(
                        "cannot reach the worker: {}",
                        js_error::message(&e)
                    ))));
                }
                return;
            }
            state.set(match serde_json::from_str::<KeygenResponse>(&text) {
                Ok(KeygenResponse::Done(material)) => KeygenState::Done {
                    material: Rc::new(*material),
                    elapsed_ms,
                },
                Ok(KeygenResponse::Failed(reason)) => KeygenState::Failed(reason),
                Err(e) => KeygenState::Failed(KeygenError::Worker(format!(
                    "unreadable answer from the worker: {e}"
                ))),
            });
            // Done: drop the job, which terminates the worker. Deferred, since this closure
            // belongs to the job being dropped.
            let job = job.clone();
            wasm_bindgen_futures::spawn_local(async move {
                job.borrow_mut().take();
            });
        })
    };
    let on_error = {
        let state = state.clone();
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            state.set(KeygenState::Failed(KeygenError::Worker(format!(
                "the key generation worker failed: {}",
                event.message()
            ))));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Job {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}
