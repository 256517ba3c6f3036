//! The signing input every benchmark signs and verifies (the native ones in core.rs and the
//! browser ones in wasm.rs), so their rows measure the same work: a gateway token's header
//! (`typ`, `alg`, `kid`) and claims (`iss`, `sub`, `aud`, `iat`, `exp`).

use jwt_debugger::jose::{Algorithm, base64url};

/// `base64url(header).base64url(payload)` for `alg`.
pub fn signing_input(alg: Algorithm) -> String {
    let header = format!(
        "{{\"typ\":\"JWT\",\"alg\":\"{}\",\"kid\":\"3f8c1a52-9b7e-4d2a-a1c4-6e0f5b9d2c71\"}}",
        alg.as_str()
    );
    let payload = "{\"iss\":\"https://issuer.example.com\",\"sub\":\"integration-client\",\
                   \"aud\":\"8a2d9c1e4f7b40e3a5c6d8e9f0a1b2c3\",\"iat\":1764288000,\"exp\":1764288600}";
    format!(
        "{}.{}",
        base64url::encode(header.as_bytes()),
        base64url::encode(payload.as_bytes())
    )
}
