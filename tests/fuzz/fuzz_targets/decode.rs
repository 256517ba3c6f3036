//! Fuzzes token decoding: any input must yield Ok or a typed error, never a panic, and the
//! claims checks must accept whatever payload a successful decode produced.
#![no_main]

use jwt_debugger::jose::claims::check_times;
use jwt_debugger::jose::token::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Lossy conversion keeps non-UTF-8 inputs interesting instead of discarding them.
    let input = String::from_utf8_lossy(data);
    if let Ok(token) = decode(&input) {
        let _ = token.signing_input();
        // Extreme clocks and leeways exercise the saturating arithmetic.
        let _ = check_times(&token.payload, 1_700_000_000, 60);
        let _ = check_times(&token.payload, i64::MIN, i64::MAX);
    }
});
