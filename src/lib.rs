//! jwt-debugger: a JWT debugger that runs entirely in the browser.
//!
//! [`jose`] is the pure core (tokens, algorithms, keys, claims, findings) with no web
//! dependencies, tested natively; [`app`] is the Yew user interface over it.

// A panic in WebAssembly kills the page: outside tests, every failure is a typed error.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]
#![warn(missing_docs)]

pub mod app;
pub mod jose;
