//! Key import must never panic, whatever the text: every importer returns a typed error.
//!
//! Run with `cargo +nightly fuzz run key_import` from tests/fuzz.
#![no_main]

use jwt_debugger::jose::keys::{
    SecretEncoding, parse_hmac_secret, parse_private_key, parse_public_keys,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The importers take text, as pasted into the page.
    let text = String::from_utf8_lossy(data);
    let _ = parse_public_keys(&text);
    let _ = parse_private_key(&text);
    for enc in [
        SecretEncoding::Utf8,
        SecretEncoding::Base64Url,
        SecretEncoding::Hex,
    ] {
        let _ = parse_hmac_secret(&text, enc);
    }
});
