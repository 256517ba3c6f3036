//! The Yew user interface: a thin layer of function components over [`crate::jose`].
//!
//! Data flows one way: input events dispatch [`state::Action`]s to the one reducer
//! ([`state::PageState`]); components render from that state; side effects (theme, clipboard,
//! URL fragment, workers) live in hooks, never in the reducer.

pub mod callbacks;
pub mod components;
pub mod decryption;
pub mod encryption;
pub mod engine;
pub mod example;
pub mod hooks;
pub mod js_error;
pub mod keygen;
pub mod ml_dsa_key;
pub mod policy;
pub mod review;
pub mod sd_jwt;
pub mod signing;
pub mod state;
pub mod token_view;
pub mod verification;

pub use components::app::App;
