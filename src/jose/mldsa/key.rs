//! ML-DSA public and private keys over the RustCrypto `ml-dsa` crate, key generation, and FIPS 204
//! ML-DSA.Sign / ML-DSA.Verify in the "pure" variant RFC 9964 section 5 prescribes: the message is
//! the JWS signing input itself (no pre-hash) and the context string is empty.

use std::fmt;

use ml_dsa::MlDsaParams as ParameterSet;
use ml_dsa::{ExpandedSigningKey, MlDsa44, MlDsa65, MlDsa87, Seed, Signature, VerifyingKey};
use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::{MlDsaError, MlDsaParams};

/// The 32-byte seed ξ, wiped from memory when dropped.
pub type SeedBytes = Zeroizing<[u8; MlDsaParams::SEED_LEN]>;

/// A decoded (expanded) private key of one of the three parameter sets. Boxed: the crate keeps
/// the expanded matrix Â beside the key, tens of kilobytes that should not sit on the stack.
#[derive(Clone)]
pub(super) enum Expanded {
    Ml44(Box<ExpandedSigningKey<MlDsa44>>),
    Ml65(Box<ExpandedSigningKey<MlDsa65>>),
    Ml87(Box<ExpandedSigningKey<MlDsa87>>),
}

/// Runs `$body` with `$k` bound to the key inside an [`Expanded`], whatever its
/// parameter set: the crate's key types are generic, so each arm is a different type.
macro_rules! with_key {
    ($enum:ident, $value:expr, $k:ident => $body:expr) => {
        match $value {
            $enum::Ml44($k) => $body,
            $enum::Ml65($k) => $body,
            $enum::Ml87($k) => $body,
        }
    };
}
pub(super) use with_key;

/// Calls the generic function `$f::<P>(args)` with the crate's type `P` for `$params`.
macro_rules! with_params {
    ($params:expr, $f:ident ( $($arg:expr),* )) => {
        match $params {
            MlDsaParams::Ml44 => $f::<ml_dsa::MlDsa44>($($arg),*),
            MlDsaParams::Ml65 => $f::<ml_dsa::MlDsa65>($($arg),*),
            MlDsaParams::Ml87 => $f::<ml_dsa::MlDsa87>($($arg),*),
        }
    };
}
pub(super) use with_params;

/// Ties the crate's parameter-set types to [`MlDsaParams`] and to the variants above, so that
/// generic code can build the enums.
pub(super) trait Level: ParameterSet {
    const PARAMS: MlDsaParams;
    fn wrap_private(key: ExpandedSigningKey<Self>) -> Expanded;
}

macro_rules! level {
    ($ty:ty, $variant:ident) => {
        impl Level for $ty {
            const PARAMS: MlDsaParams = MlDsaParams::$variant;
            fn wrap_private(key: ExpandedSigningKey<Self>) -> Expanded {
                Expanded::$variant(Box::new(key))
            }
        }
    };
}
level!(MlDsa44, Ml44);
level!(MlDsa65, Ml65);
level!(MlDsa87, Ml87);

/// `actual == expected`, or a [`MlDsaError::WrongLength`] naming `what`.
pub(super) fn check_len(
    what: &'static str,
    params: MlDsaParams,
    expected: usize,
    actual: usize,
) -> Result<(), MlDsaError> {
    if actual == expected {
        Ok(())
    } else {
        Err(MlDsaError::WrongLength {
            what,
            alg: params.jose_name(),
            expected,
            actual,
        })
    }
}

/// `seed` as a seed of `params`' keys: 32 bytes, or a [`MlDsaError::WrongLength`].
pub(super) fn seed_bytes(params: MlDsaParams, seed: &[u8]) -> Result<SeedBytes, MlDsaError> {
    check_len(
        "private key seed",
        params,
        MlDsaParams::SEED_LEN,
        seed.len(),
    )?;
    let mut bytes = SeedBytes::default();
    bytes.copy_from_slice(seed);
    Ok(bytes)
}

/// An ML-DSA public key: its parameter set and its FIPS 204 pkEncode bytes. Data only: the key
/// is decoded (and the matrix Â expanded) when it verifies, so that a front end that only reads,
/// shows and forwards keys (the page) links none of the ML-DSA arithmetic.
#[derive(Clone)]
pub struct MlDsaPublicKey {
    params: MlDsaParams,
    encoded: Vec<u8>,
}

impl MlDsaPublicKey {
    /// A public key from its encoding (the JWK `pub` bytes, the SPKI `subjectPublicKey`). Every
    /// byte string of the right length decodes (FIPS 204 pkDecode has no invalid inputs), so the
    /// length is the whole check.
    pub fn from_bytes(params: MlDsaParams, bytes: &[u8]) -> Result<MlDsaPublicKey, MlDsaError> {
        check_len("public key", params, params.public_key_len(), bytes.len())?;
        Ok(MlDsaPublicKey {
            params,
            encoded: bytes.to_vec(),
        })
    }

    pub(super) fn from_verifying_key<P: Level>(key: &VerifyingKey<P>) -> MlDsaPublicKey {
        MlDsaPublicKey {
            params: P::PARAMS,
            encoded: key.encode().to_vec(),
        }
    }

    /// The parameter set.
    pub fn params(&self) -> MlDsaParams {
        self.params
    }

    /// The encoded public key (FIPS 204 pkEncode).
    pub fn as_bytes(&self) -> &[u8] {
        &self.encoded
    }

    /// Verifies `signature` over `message` (for JWS: the signing input) with the empty context,
    /// as RFC 9964 section 5 requires.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), MlDsaError> {
        self.verify_with_context(message, &[], signature)
    }

    /// FIPS 204 ML-DSA.Verify with a context string. JOSE always uses the empty one
    /// ([`MlDsaPublicKey::verify`]); this exists for test vectors and other protocols.
    pub fn verify_with_context(
        &self,
        message: &[u8],
        context: &[u8],
        signature: &[u8],
    ) -> Result<(), MlDsaError> {
        if context.len() > 255 {
            return Err(MlDsaError::ContextTooLong(context.len()));
        }
        let params = self.params;
        check_len("signature", params, params.signature_len(), signature.len())?;
        let verified = with_params!(
            params,
            verify_raw(&self.encoded, message, context, signature)
        );
        if verified {
            Ok(())
        } else {
            Err(MlDsaError::SignatureMismatch(params.jose_name()))
        }
    }
}

/// Decodes the key (its length was checked when it was made) and runs ML-DSA.Verify; sigDecode
/// refuses malformed hints and an out-of-range z (FIPS 204 Algorithm 27): those signatures are
/// simply invalid.
fn verify_raw<P: ParameterSet>(
    encoded: &[u8],
    message: &[u8],
    context: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(encoded) = ml_dsa::EncodedVerifyingKey::<P>::try_from(encoded) else {
        return false;
    };
    let key = VerifyingKey::<P>::decode(&encoded);
    Signature::<P>::try_from(signature)
        .is_ok_and(|signature| key.verify_with_context(message, context, &signature))
}

impl PartialEq for MlDsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params && self.encoded == other.encoded
    }
}

impl Eq for MlDsaPublicKey {}

impl fmt::Debug for MlDsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaPublicKey({}, {})", self.params, self.thumbprint())
    }
}

/// An ML-DSA private key: normally the 32-byte seed (RFC 9964 `priv`, RFC 9881 `seed`) with the
/// key expanded from it once at import; or, for a PKCS#8 `expandedKey`, the expanded key alone,
/// which signs but cannot be written where a seed is required.
#[derive(Clone)]
pub struct MlDsaPrivateKey {
    public: MlDsaPublicKey,
    seed: Option<SeedBytes>,
    key: Expanded,
}

impl MlDsaPrivateKey {
    /// A new key pair (FIPS 204 ML-DSA.KeyGen): a 32-byte seed drawn from `rng`, expanded.
    pub fn generate<R: CryptoRng + ?Sized>(params: MlDsaParams, rng: &mut R) -> MlDsaPrivateKey {
        let mut seed = SeedBytes::default();
        rng.fill_bytes(seed.as_mut_slice());
        Self::from_seed_bytes(params, seed)
    }

    /// The key pair a 32-byte seed ξ expands to (FIPS 204 ML-DSA.KeyGen_internal).
    pub fn from_seed(params: MlDsaParams, seed: &[u8]) -> Result<MlDsaPrivateKey, MlDsaError> {
        Ok(Self::from_seed_bytes(params, seed_bytes(params, seed)?))
    }

    pub(super) fn from_seed_bytes(params: MlDsaParams, seed: SeedBytes) -> MlDsaPrivateKey {
        let (public, key) = with_params!(params, expand_seed(&seed));
        MlDsaPrivateKey {
            public,
            seed: Some(seed),
            key,
        }
    }

    /// A key known only in its expanded form; the caller has checked it (`expanded.rs`).
    pub(super) fn from_expanded_key<P: Level>(key: ExpandedSigningKey<P>) -> MlDsaPrivateKey {
        MlDsaPrivateKey {
            public: MlDsaPublicKey::from_verifying_key(&key.verifying_key()),
            seed: None,
            key: P::wrap_private(key),
        }
    }

    /// The parameter set.
    pub fn params(&self) -> MlDsaParams {
        self.public.params
    }

    /// The public key.
    pub fn public_key(&self) -> &MlDsaPublicKey {
        &self.public
    }

    /// Whether the seed is known (false only for keys imported as a PKCS#8 `expandedKey`).
    pub fn has_seed(&self) -> bool {
        self.seed.is_some()
    }

    /// The seed, for the writers; `None` for an expanded-only key.
    pub(super) fn seed(&self) -> Option<&SeedBytes> {
        self.seed.as_ref()
    }

    pub(super) fn expanded(&self) -> &Expanded {
        &self.key
    }

    /// Signs `message` (for JWS: the signing input) with the empty context (RFC 9964 section 5),
    /// hedged: FIPS 204's default variant, with 32 fresh random bytes `rnd` from `rng`.
    pub fn sign<R: CryptoRng + ?Sized>(
        &self,
        message: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, MlDsaError> {
        let signed = with_key!(Expanded, &self.key, k =>
            k.sign_randomized(message, &[], rng).map(|s| s.encode().to_vec()));
        signed.map_err(|e| self.signing_failed(&e))
    }

    /// Signs `message` with the empty context in FIPS 204's deterministic variant (`rnd` = 32
    /// zero bytes): the same signature every time, as test vectors and reproducible examples
    /// need. Verifiers cannot tell the variants apart.
    pub fn sign_deterministic(&self, message: &[u8]) -> Result<Vec<u8>, MlDsaError> {
        let signed = with_key!(Expanded, &self.key, k =>
            k.sign_deterministic(message, &[]).map(|s| s.encode().to_vec()));
        signed.map_err(|e| self.signing_failed(&e))
    }

    fn signing_failed(&self, e: &ml_dsa::Error) -> MlDsaError {
        MlDsaError::SigningFailed {
            alg: self.params().jose_name(),
            reason: e.to_string(),
        }
    }
}

fn expand_seed<P: Level>(seed: &SeedBytes) -> (MlDsaPublicKey, Expanded) {
    let xi = Zeroizing::new(Seed::from(**seed));
    let key = ExpandedSigningKey::<P>::from_seed(&xi);
    (
        MlDsaPublicKey::from_verifying_key(&key.verifying_key()),
        P::wrap_private(key),
    )
}

/// Keys are equal when their public keys, seeds (or both lack one) and expanded keys are; the
/// crate compares expanded keys in constant time.
impl PartialEq for MlDsaPrivateKey {
    fn eq(&self, other: &Self) -> bool {
        let same_expanded = match (&self.key, &other.key) {
            (Expanded::Ml44(a), Expanded::Ml44(b)) => a == b,
            (Expanded::Ml65(a), Expanded::Ml65(b)) => a == b,
            (Expanded::Ml87(a), Expanded::Ml87(b)) => a == b,
            _ => false,
        };
        self.public == other.public && self.seed == other.seed && same_expanded
    }
}

impl Eq for MlDsaPrivateKey {}

/// The parameter set, the form and the public key's thumbprint; never key material.
impl fmt::Debug for MlDsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let form = if self.has_seed() { "seed" } else { "expanded" };
        write!(
            f,
            "MlDsaPrivateKey({}, {form}, public {})",
            self.params(),
            self.public.thumbprint()
        )
    }
}
