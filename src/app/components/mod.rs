//! Function components, one a file.

pub mod algorithm_select;
pub mod app;
pub mod claims_table;
pub mod copy_button;
pub mod decoded_heading;
pub mod decryption_pane;
pub mod detached_payload;
pub mod encoded_column;
pub mod encoded_pane;
pub mod encrypt_pane;
pub mod findings_panel;
pub mod gateway_preset;
pub mod generated_key;
pub mod json_pane;
pub mod key_generator;
pub mod key_output;
pub mod keygen_progress;
pub mod mode_switch;
pub mod overlay;
pub mod page_footer;
pub mod theme_button;
pub mod top_bar;
pub mod verdict;
pub mod verify_pane;
