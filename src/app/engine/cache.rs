//! The WebCrypto keys imported so far, so that a key is imported once per key edit rather than
//! once per signature (an RSA `importKey` costs about as much as the signature itself).
//!
//! Entries are found by comparing the key itself (and the algorithm it was imported for), which
//! costs a few comparisons of its numbers, not an encoding: on every signature and verification
//! of the page, a hit is the common case. The newest few are kept. A key WebCrypto refused is
//! remembered too, so the Rust engine takes it at once instead of WebCrypto being asked again
//! on every keystroke.

use std::cell::RefCell;
use std::future::Future;

use web_sys::CryptoKey;

use super::subtle::SubtleError;
use crate::jose::Algorithm;
use crate::jose::keys::{PrivateKey, PublicKey};

/// How many imported keys are kept: a page holds a signing key and a few verification keys.
const CAPACITY: usize = 8;

/// A key as imported: the verification half or the signing half. Its `Debug` prints no key
/// material (the key types redact themselves).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyRef {
    /// Imported for "verify".
    Public(PublicKey),
    /// Imported for "sign".
    Private(PrivateKey),
}

impl KeyRef {
    fn is(&self, other: KeyView<'_>) -> bool {
        match (self, other) {
            (KeyRef::Public(a), KeyView::Public(b)) => a == b,
            (KeyRef::Private(a), KeyView::Private(b)) => a == b,
            _ => false,
        }
    }
}

/// A borrowed [`KeyRef`], for lookups without cloning the key.
#[derive(Clone, Copy, Debug)]
pub enum KeyView<'a> {
    /// A verification key.
    Public(&'a PublicKey),
    /// A signing key.
    Private(&'a PrivateKey),
}

impl KeyView<'_> {
    fn to_owned_ref(self) -> KeyRef {
        match self {
            KeyView::Public(k) => KeyRef::Public(k.clone()),
            KeyView::Private(k) => KeyRef::Private(k.clone()),
        }
    }
}

type Entry = (Algorithm, KeyRef, Result<CryptoKey, SubtleError>);

thread_local! {
    static KEYS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The cached outcome of importing `key` for `alg`, moved to the front; `None` if not yet.
fn lookup(alg: Algorithm, key: KeyView<'_>) -> Option<Result<CryptoKey, SubtleError>> {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let position = keys.iter().position(|(a, k, _)| *a == alg && k.is(key))?;
        let entry = keys.remove(position);
        let outcome = entry.2.clone();
        keys.insert(0, entry);
        Some(outcome)
    })
}

/// The cached WebCrypto key for `key` and `alg`, or the outcome of `import`, which is then
/// cached (newest first). `import` is only started on a miss.
pub async fn get_or_import<Fut>(
    alg: Algorithm,
    key: KeyView<'_>,
    import: impl FnOnce() -> Fut,
) -> Result<CryptoKey, SubtleError>
where
    Fut: Future<Output = Result<CryptoKey, SubtleError>>,
{
    if let Some(hit) = lookup(alg, key) {
        return hit;
    }
    let outcome = import().await;
    // "Unavailable" is a property of the page, not of the key: not worth an entry.
    if !matches!(outcome, Err(SubtleError::Unavailable)) {
        KEYS.with(|keys| {
            let mut keys = keys.borrow_mut();
            keys.retain(|(a, k, _)| !(*a == alg && k.is(key)));
            keys.insert(0, (alg, key.to_owned_ref(), outcome.clone()));
            keys.truncate(CAPACITY);
        });
    }
    outcome
}
