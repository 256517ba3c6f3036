//! Hooks: the page's side effects, kept out of the reducer and the components.

pub mod download;
pub mod use_after_shown;
pub mod use_async;
pub mod use_clipboard;
pub mod use_findings;
pub mod use_key_file;
pub mod use_now;
pub mod use_service_worker;
pub mod use_share_link;
pub mod use_theme;
