//! Fuzzes the security review: whatever a successful decode produces, `lint` must return
//! findings (sorted by severity, each with its texts), never panic.
#![no_main]

use jwt_debugger::jose::keys::{HmacSecret, PublicKey};
use jwt_debugger::jose::lints::{LintContext, lint};
use jwt_debugger::jose::token::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(token) = decode(&input) {
        let short_secret = PublicKey::Hmac(HmacSecret(b"secret".to_vec()));
        for ctx in [
            LintContext::at(1_700_000_000),
            LintContext::at(1_700_000_000).with_key(&short_secret),
            // Extreme clocks and limits exercise the saturating arithmetic.
            LintContext {
                max_lifetime_secs: i64::MIN,
                hmac_secret_len: Some(0),
                ..LintContext::at(i64::MIN)
            },
            LintContext {
                max_lifetime_secs: i64::MAX,
                ..LintContext::at(i64::MAX)
            },
        ] {
            let findings = lint(&token, &ctx);
            assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
            for finding in &findings {
                let _ = (
                    finding.id(),
                    finding.title(),
                    finding.explanation(),
                    finding.advice(),
                );
            }
        }
    }
});
