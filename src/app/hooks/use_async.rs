//! Async results in render: the page's signatures and verifications run on WebCrypto, which
//! answers with a promise. The hook starts the work when its inputs change (in the render that
//! sees them) and re-renders when the newest work finishes; an answer for inputs that have changed since is dropped, so a
//! slow answer can never overwrite a newer one.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

/// An `Rc` compared by identity: memo outputs are new `Rc`s exactly when their inputs changed,
/// so comparing pointers is both exact and free (a 1 MB token is never compared byte by byte).
#[derive(Debug)]
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What an async computation has produced so far.
#[derive(Debug)]
pub struct AsyncValue<T> {
    /// The result for the current inputs, once it is ready.
    pub current: Option<Rc<T>>,
    /// The newest result for any inputs (the previous ones while the current are pending).
    pub latest: Option<Rc<T>>,
}

/// Runs `work(deps)` whenever `deps` change and returns its result for the current `deps`
/// (and the newest result, for showing something stable while the next one is computed).
#[hook]
pub fn use_async<D, T, F, Fut>(deps: D, work: F) -> AsyncValue<T>
where
    D: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = T> + 'static,
{
    let result = use_state(|| None::<(D, Rc<T>)>);
    let counter: Rc<Cell<u64>> = use_memo((), |_| Cell::new(0));
    {
        // Started while rendering (a memo on the inputs), not in an effect: an effect runs after
        // the browser has laid out and painted the frame, while work started here runs on
        // WebCrypto's thread during that layout, and its answer is there when it ends.
        let result = result.clone();
        use_memo(deps.clone(), move |deps| {
            let mine = counter.get().wrapping_add(1);
            counter.set(mine);
            let deps = deps.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let value = Rc::new(work(deps.clone()).await);
                if counter.get() == mine {
                    result.set(Some((deps, value)));
                }
            });
        });
    }
    match &*result {
        Some((done_for, value)) => AsyncValue {
            current: (*done_for == deps).then(|| value.clone()),
            latest: Some(value.clone()),
        },
        None => AsyncValue {
            current: None,
            latest: None,
        },
    }
}
