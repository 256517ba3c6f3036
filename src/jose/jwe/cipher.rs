//! The JWE primitives a platform may have natively: RSA-OAEP, AES Key Wrap, AES-GCM, AES-CBC,
//! ECDH (P-256/384/521 and X25519) and PBKDF2, which the browser's WebCrypto does in native code.
//!
//! The core decides everything around them (which key, which header member, the Concat KDF, the
//! CBC-HMAC tag, the random CEK after a failed unwrap) and asks a [`JweCipher`] for each
//! primitive through a [`Session`]. A cipher that declines (no WebCrypto here, a key size it
//! lacks, any error at all) is not trusted with the answer: the Rust implementation of that
//! primitive runs instead, so a failure the user sees is always the Rust engine's. The session
//! records which engine did what ([`JweEngines`]).

use std::future::Future;

use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::alg::{AesSize, OaepHash};
use super::error::JweError;
use super::x25519::X25519PrivateKey;
use super::{content, ecdh, rsa_kw, wrap};
use crate::jose::algorithm::hash::HashAlg;
use crate::jose::backend::{BackendError, Engine, RustCrypto};
use crate::jose::keys::{PrivateKey, PublicKey};

/// Bytes a primitive produced (keys and plaintexts among them): wiped on drop.
pub type Output = Zeroizing<Vec<u8>>;

/// Our half of an ECDH agreement.
#[derive(Clone, Copy)]
pub enum EcdhSecret<'a> {
    /// A P-256, P-384 or P-521 private key.
    Ec(&'a PrivateKey),
    /// An X25519 private key.
    X25519(&'a X25519PrivateKey),
}

/// One primitive operation and its inputs. `Debug` names the operation only: the inputs are
/// keys and plaintexts.
pub enum Primitive<'a> {
    /// RSAES-OAEP decryption of the JWE Encrypted Key.
    OaepDecrypt {
        /// The OAEP hash (also MGF1's).
        hash: OaepHash,
        /// An RSA private key.
        key: &'a PrivateKey,
        /// The encrypted key.
        data: &'a [u8],
    },
    /// RSAES-OAEP encryption of the CEK.
    OaepEncrypt {
        /// The OAEP hash (also MGF1's).
        hash: OaepHash,
        /// An RSA public key.
        key: &'a PublicKey,
        /// The CEK.
        data: &'a [u8],
    },
    /// AES Key Wrap (RFC 3394) of `data` under `kek` (16, 24 or 32 bytes).
    KwWrap {
        /// The key-encryption key.
        kek: &'a [u8],
        /// The CEK.
        data: &'a [u8],
    },
    /// AES Key Unwrap.
    KwUnwrap {
        /// The key-encryption key.
        kek: &'a [u8],
        /// The wrapped key.
        data: &'a [u8],
    },
    /// AES-GCM encryption with a 96-bit IV: the ciphertext followed by the 16-byte tag.
    GcmSeal {
        /// The AES key.
        key: &'a [u8],
        /// The 12-byte IV.
        iv: &'a [u8],
        /// The additional authenticated data.
        aad: &'a [u8],
        /// The plaintext.
        data: &'a [u8],
    },
    /// AES-GCM decryption of the ciphertext followed by its 16-byte tag.
    GcmOpen {
        /// The AES key.
        key: &'a [u8],
        /// The 12-byte IV.
        iv: &'a [u8],
        /// The additional authenticated data.
        aad: &'a [u8],
        /// The ciphertext and tag.
        data: &'a [u8],
    },
    /// AES-CBC encryption with PKCS#7 padding.
    CbcEncrypt {
        /// The AES key.
        key: &'a [u8],
        /// The 16-byte IV.
        iv: &'a [u8],
        /// The plaintext.
        data: &'a [u8],
    },
    /// AES-CBC decryption, padding removed (only ever of an authenticated ciphertext).
    CbcDecrypt {
        /// The AES key.
        key: &'a [u8],
        /// The 16-byte IV.
        iv: &'a [u8],
        /// The ciphertext.
        data: &'a [u8],
    },
    /// The ECDH shared secret `Z` with a peer point already checked to be on the curve.
    Ecdh {
        /// Our private key.
        secret: EcdhSecret<'a>,
        /// The peer's public key: an uncompressed SEC1 point, or 32 X25519 bytes.
        peer: &'a [u8],
    },
    /// PBKDF2 with HMAC-SHA-2.
    Pbkdf2 {
        /// The HMAC hash.
        hash: HashAlg,
        /// The password.
        password: &'a [u8],
        /// The salt.
        salt: &'a [u8],
        /// The iteration count (bounded by the header check).
        count: u32,
        /// The derived key's length in bytes.
        len: usize,
    },
}

impl Primitive<'_> {
    /// The primitive's name, for [`JweEngines`] and messages.
    pub fn name(&self) -> &'static str {
        match self {
            Primitive::OaepDecrypt { .. } | Primitive::OaepEncrypt { .. } => "RSA-OAEP",
            Primitive::KwWrap { .. } | Primitive::KwUnwrap { .. } => "AES-KW",
            Primitive::GcmSeal { .. } | Primitive::GcmOpen { .. } => "AES-GCM",
            Primitive::CbcEncrypt { .. } | Primitive::CbcDecrypt { .. } => "AES-CBC",
            Primitive::Ecdh {
                secret: EcdhSecret::Ec(_),
                ..
            } => "ECDH",
            Primitive::Ecdh {
                secret: EcdhSecret::X25519(_),
                ..
            } => "X25519",
            Primitive::Pbkdf2 { .. } => "PBKDF2",
        }
    }
}

impl std::fmt::Debug for Primitive<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Primitive({}, inputs redacted)", self.name())
    }
}

/// A platform's implementation of the JWE primitives. Any `Err` makes the session run the Rust
/// implementation instead; [`BackendError::Refused`] and [`BackendError::Failed`] keep the
/// reason in [`JweEngines`], [`BackendError::Unavailable`] does not (it is a property of the
/// platform, not of this key).
pub trait JweCipher {
    /// The engine this cipher is.
    fn engine(&self) -> Engine;

    /// Runs one primitive.
    fn run(&self, primitive: &Primitive<'_>) -> impl Future<Output = Result<Output, BackendError>>;
}

/// The Rust engine has no separate native layer: every primitive runs on its Rust
/// implementation directly.
impl JweCipher for RustCrypto {
    fn engine(&self) -> Engine {
        Engine::RustCrypto
    }

    async fn run(&self, _: &Primitive<'_>) -> Result<Output, BackendError> {
        Err(BackendError::Unavailable("the Rust engine".into()))
    }
}

/// Which engine did a JWE's primitives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JweEngines {
    /// The native engine, when it did at least one primitive.
    pub native: Option<Engine>,
    /// The primitives it did, in order, without repeats.
    pub native_steps: Vec<&'static str>,
    /// The primitives the Rust engine did, in order, without repeats.
    pub rust_steps: Vec<&'static str>,
    /// The first reason the native engine gave for declining one (not "unavailable").
    pub refusal: Option<String>,
}

impl JweEngines {
    fn note(steps: &mut Vec<&'static str>, name: &'static str) {
        if !steps.contains(&name) {
            steps.push(name);
        }
    }

    /// A primitive the Rust engine did because no native engine offers it (RSA1_5).
    pub(super) fn rust_only(&mut self, name: &'static str) {
        Self::note(&mut self.rust_steps, name);
    }

    /// In words: "WebCrypto (RSA-OAEP, AES-GCM)", "the Rust engine (RSA1_5, AES-CBC)", or both.
    pub fn summary(&self) -> String {
        let part =
            |engine: Engine, steps: &[&str]| format!("{} ({})", engine.name(), steps.join(", "));
        let mut parts = Vec::new();
        if let Some(native) = self.native {
            parts.push(part(native, &self.native_steps));
        }
        if !self.rust_steps.is_empty() {
            parts.push(part(Engine::RustCrypto, &self.rust_steps));
        }
        let mut text = parts.join(" and ");
        if let Some(reason) = &self.refusal {
            text.push_str(&format!("; WebCrypto declined: {reason}"));
        }
        text
    }
}

/// One decryption's or encryption's use of a cipher: its randomness and its engine record.
pub(super) struct Session<'s, C: ?Sized, R: ?Sized> {
    cipher: &'s C,
    /// The randomness for CEKs, IVs, salts, ephemeral keys and RSA blinding.
    pub rng: &'s mut R,
    /// Which engine did what so far.
    pub engines: JweEngines,
}

impl<'s, C: JweCipher + ?Sized, R: CryptoRng + ?Sized> Session<'s, C, R> {
    /// A session over `cipher`.
    pub fn new(cipher: &'s C, rng: &'s mut R) -> Self {
        Session {
            cipher,
            rng,
            engines: JweEngines::default(),
        }
    }

    /// Runs `primitive` on the cipher, or on the Rust engine when the cipher declines.
    pub async fn run(&mut self, primitive: Primitive<'_>) -> Result<Output, JweError> {
        let name = primitive.name();
        match self.cipher.run(&primitive).await {
            Ok(output) => {
                self.engines.native = Some(self.cipher.engine());
                JweEngines::note(&mut self.engines.native_steps, name);
                Ok(output)
            }
            Err(declined) => {
                if !matches!(declined, BackendError::Unavailable(_))
                    && self.engines.refusal.is_none()
                {
                    self.engines.refusal = Some(format!("{name}: {declined}"));
                }
                JweEngines::note(&mut self.engines.rust_steps, name);
                rust(&primitive, self.rng)
            }
        }
    }
}

/// The AES size of a key of this length.
fn aes_size(key: &[u8]) -> Result<AesSize, JweError> {
    match key.len() {
        16 => Ok(AesSize::A128),
        24 => Ok(AesSize::A192),
        32 => Ok(AesSize::A256),
        found => Err(JweError::WrongKeyLength {
            what: "an AES key".into(),
            expected: 32,
            found,
        }),
    }
}

/// The Rust engine's implementation of every primitive: the reference.
fn rust<R: CryptoRng + ?Sized>(primitive: &Primitive<'_>, rng: &mut R) -> Result<Output, JweError> {
    match *primitive {
        Primitive::OaepDecrypt { hash, key, data } => {
            rsa_kw::oaep_decrypt(hash, rsa_kw::private_rsa(key)?, data, rng)
        }
        Primitive::OaepEncrypt { hash, key, data } => {
            rsa_kw::oaep_encrypt(hash, rsa_kw::public_rsa(key)?, data, rng).map(Zeroizing::new)
        }
        Primitive::KwWrap { kek, data } => {
            wrap::aes_kw_wrap(aes_size(kek)?, kek, data).map(Zeroizing::new)
        }
        Primitive::KwUnwrap { kek, data } => wrap::aes_kw_unwrap(aes_size(kek)?, kek, data),
        Primitive::GcmSeal { key, iv, aad, data } => {
            content::gcm_seal(aes_size(key)?, key, iv, aad, data).map(Zeroizing::new)
        }
        Primitive::GcmOpen { key, iv, aad, data } => {
            content::gcm_open(aes_size(key)?, key, iv, aad, data)
        }
        Primitive::CbcEncrypt { key, iv, data } => {
            content::cbc_encrypt(aes_size(key)?, key, iv, data).map(Zeroizing::new)
        }
        Primitive::CbcDecrypt { key, iv, data } => {
            content::cbc_decrypt(aes_size(key)?, key, iv, data)
        }
        Primitive::Ecdh { secret, peer } => ecdh::agree(secret, peer),
        Primitive::Pbkdf2 {
            hash,
            password,
            salt,
            count,
            len,
        } => Ok(wrap::pbkdf2(hash, password, salt, count, len)),
    }
}
