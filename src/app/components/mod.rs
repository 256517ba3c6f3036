//! Function components, one a file.

pub mod app;
pub mod claims_table;
pub mod copy_button;
pub mod detached_payload;
pub mod encoded_pane;
pub mod findings_panel;
pub mod gateway_preset;
pub mod json_pane;
pub mod key_generator;
pub mod mode_switch;
pub mod overlay;
pub mod theme_button;
pub mod verdict;
pub mod verify_pane;
