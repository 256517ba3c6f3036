//! Hooks: the page's side effects and what it derives from its state, kept out of the reducer
//! and the components.

pub mod download;
pub mod use_after_shown;
pub mod use_async;
pub mod use_clipboard;
pub mod use_decode_status;
pub mod use_decryption;
pub mod use_encrypted_token;
pub mod use_findings;
pub mod use_key_file;
pub mod use_now;
pub mod use_page_view;
pub mod use_parsed_keys;
pub mod use_pasted_token;
pub mod use_policy;
pub mod use_review;
pub mod use_sd_jwt;
pub mod use_service_worker;
pub mod use_share_link;
pub mod use_shown_texts;
pub mod use_signed_token;
pub mod use_signing_key;
pub mod use_theme;
