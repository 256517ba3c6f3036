//! The WebCrypto keys imported so far, so that a key is imported once per key edit rather than
//! once per signature (an RSA `importKey` costs about as much as the signature itself).
//!
//! Entries are looked up by the operation, the algorithm and the key's bytes; the newest few
//! are kept. A key WebCrypto refused is remembered too, so the Rust engine takes it at once
//! instead of WebCrypto being asked again on every keystroke.

use std::cell::RefCell;
use std::future::Future;

use web_sys::CryptoKey;

use super::subtle::SubtleError;
use crate::jose::Algorithm;

/// How many imported keys are kept: a page holds a signing key and a few verification keys.
const CAPACITY: usize = 8;

/// What identifies an imported key. Holds key bytes, so its `Debug` prints none.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyId(Vec<u8>);

impl std::fmt::Debug for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyId(<{} bytes redacted>)", self.0.len())
    }
}

type Entry = (KeyId, Result<CryptoKey, SubtleError>);

thread_local! {
    static KEYS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The cache key for `usage` ("sign"/"verify") of `alg` with a key whose bytes are `key`.
pub fn id(usage: &str, alg: Algorithm, key: &[u8]) -> KeyId {
    let mut bytes = Vec::with_capacity(usage.len() + 8 + key.len());
    bytes.extend_from_slice(usage.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(alg.as_str().as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(key);
    KeyId(bytes)
}

/// The cached outcome of importing this key, moved to the front; `None` if not imported yet.
pub fn lookup(id: &KeyId) -> Option<Result<CryptoKey, SubtleError>> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let position = keys.iter().position(|(k, _)| k == id)?;
        let entry = keys.remove(position);
        let outcome = entry.1.clone();
        keys.insert(0, entry);
        Some(outcome)
    })
}

/// The cached key, or the outcome of `import`, which is then cached (newest first).
pub async fn get_or_import(
    id: KeyId,
    import: impl Future<Output = Result<CryptoKey, SubtleError>>,
) -> Result<CryptoKey, SubtleError> {
    if let Some(hit) = lookup(&id) {
        return hit;
    }
    let outcome = import.await;
    // "Unavailable" is a property of the page, not of the key: not worth an entry.
    if !matches!(outcome, Err(SubtleError::Unavailable)) {
        KEYS.with(|keys| {
            let mut keys = keys.borrow_mut();
            keys.retain(|(k, _)| *k != id);
            keys.insert(0, (id, outcome.clone()));
            keys.truncate(CAPACITY);
        });
    }
    outcome
}

/// Forgets every imported key (the benchmarks measure imports with this).
pub fn clear() {
    KEYS.with(|keys| keys.borrow_mut().clear());
}
