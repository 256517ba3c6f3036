//! The SHA-2 hash behind an algorithm, and the one place that turns it into a concrete type.

/// A SHA-2 hash used by HS*, RS*, PS* and ES* algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlg {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlg {
    /// Output length in bytes; also the JWS PSS salt length and the minimum HMAC secret length.
    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Sha256 => 32,
            HashAlg::Sha384 => 48,
            HashAlg::Sha512 => 64,
        }
    }
}

/// Runs `$body` with `$D` bound to the `sha2` type for `$hash`. A macro rather than a generic
/// trait because each crate (hmac, rsa pkcs1v15, rsa pss) puts different bounds on the digest;
/// this keeps a single dispatch point instead of one three-arm match per sign/verify path.
macro_rules! with_hash {
    ($hash:expr, $D:ident => $body:expr) => {
        match $hash {
            $crate::jose::algorithm::hash::HashAlg::Sha256 => {
                type $D = ::sha2::Sha256;
                $body
            }
            $crate::jose::algorithm::hash::HashAlg::Sha384 => {
                type $D = ::sha2::Sha384;
                $body
            }
            $crate::jose::algorithm::hash::HashAlg::Sha512 => {
                type $D = ::sha2::Sha512;
                $body
            }
        }
    };
}
pub(crate) use with_hash;
