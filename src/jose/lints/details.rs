//! The data carried by some findings: which key header, what is wrong with a `kid`, a `crit`
//! or a JWE's `epk`, which time claim.

/// A key-carrying or key-pointing header parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyHeader {
    /// `jku`: a URL of a JWK Set.
    Jku,
    /// `x5u`: a URL of an X.509 certificate chain.
    X5u,
    /// `jwk`: a public key embedded in the header.
    Jwk,
    /// `x5c`: an X.509 certificate chain embedded in the header.
    X5c,
}

impl KeyHeader {
    /// Every key header, in the order they are checked.
    pub const ALL: [KeyHeader; 4] = [
        KeyHeader::Jku,
        KeyHeader::X5u,
        KeyHeader::Jwk,
        KeyHeader::X5c,
    ];

    /// The header parameter name, e.g. `"jku"`.
    pub fn name(self) -> &'static str {
        match self {
            KeyHeader::Jku => "jku",
            KeyHeader::X5u => "x5u",
            KeyHeader::Jwk => "jwk",
            KeyHeader::X5c => "x5c",
        }
    }

    /// Whether the header points to a URL (rather than embedding the key).
    pub fn is_url(self) -> bool {
        matches!(self, KeyHeader::Jku | KeyHeader::X5u)
    }
}

/// Something suspicious about a `kid`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KidIssue {
    /// `kid` is not a string (RFC 7515 §4.1.4 requires one).
    NotAString {
        /// The value's JSON text (shortened).
        found: String,
    },
    /// Longer than 256 bytes.
    TooLong {
        /// The length in bytes.
        len: usize,
    },
    /// `..` (path traversal).
    DotDot,
    /// `/` (a path separator).
    Slash,
    /// `\` (a Windows path separator).
    Backslash,
    /// A NUL byte (truncates C strings and file names).
    Nul,
    /// Another control character (line breaks inject into logs and headers).
    ControlChar,
    /// `'` (SQL string delimiter).
    SingleQuote,
    /// `"` (SQL identifier or string delimiter).
    DoubleQuote,
    /// `;` (SQL statement separator).
    Semicolon,
    /// `--` or `/*` (SQL comment).
    SqlComment,
    /// `|`, `` ` ``, `$(` or `&` (shell pipes, command substitution and background jobs).
    ShellChars,
}

impl KidIssue {
    /// Names the issue for the user, e.g. `".." (path traversal)`.
    pub fn describe(&self) -> String {
        match self {
            KidIssue::NotAString { found } => format!("not a string ({found})"),
            KidIssue::TooLong { len } => format!("{len} bytes long"),
            KidIssue::DotDot => r#"".." (path traversal)"#.to_owned(),
            KidIssue::Slash => r#""/" (path separator)"#.to_owned(),
            KidIssue::Backslash => r#""\" (path separator)"#.to_owned(),
            KidIssue::Nul => "a NUL byte".to_owned(),
            KidIssue::ControlChar => "control characters".to_owned(),
            KidIssue::SingleQuote => r#""'" (SQL quote)"#.to_owned(),
            KidIssue::DoubleQuote => r#"'"' (SQL quote)"#.to_owned(),
            KidIssue::Semicolon => r#"";" (SQL statement separator)"#.to_owned(),
            KidIssue::SqlComment => r#""--" or "/*" (SQL comment)"#.to_owned(),
            KidIssue::ShellChars => r#""|", "`", "$(" or "&" (shell command)"#.to_owned(),
        }
    }
}

/// A rule of RFC 7515 §4.1.11 that a `crit` header breaks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CritProblem {
    /// `crit` is not an array.
    NotAnArray {
        /// The value's JSON text (shortened).
        found: String,
    },
    /// `crit` is an empty array.
    Empty,
    /// An entry is not a string.
    NotAString {
        /// Its index in the array.
        index: usize,
    },
    /// A listed name does not occur in the header.
    Absent {
        /// The name (shortened).
        name: String,
    },
    /// A listed name is defined by JWS or JWA itself (e.g. `alg`), which `crit` must not list.
    Registered {
        /// The name.
        name: String,
    },
    /// A name is listed more than once.
    Duplicate {
        /// The name (shortened).
        name: String,
    },
}

impl CritProblem {
    /// Names the problem for the user.
    pub fn describe(&self) -> String {
        match self {
            CritProblem::NotAnArray { found } => format!("it is not an array ({found})"),
            CritProblem::Empty => "it is an empty array".to_owned(),
            CritProblem::NotAString { index } => format!("entry {index} is not a string"),
            CritProblem::Absent { name } => {
                format!("it lists \"{name}\", which is not in the header")
            }
            CritProblem::Registered { name } => {
                format!("it lists \"{name}\", a standard parameter that crit must not list")
            }
            CritProblem::Duplicate { name } => format!("it lists \"{name}\" more than once"),
        }
    }
}

/// A registered time claim (RFC 7519 §4.1.4-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeClaim {
    /// `exp`, expiration time.
    Exp,
    /// `nbf`, not before.
    Nbf,
    /// `iat`, issued at.
    Iat,
}

impl TimeClaim {
    /// The claim name, e.g. `"exp"`.
    pub fn name(self) -> &'static str {
        match self {
            TimeClaim::Exp => "exp",
            TimeClaim::Nbf => "nbf",
            TimeClaim::Iat => "iat",
        }
    }
}

/// What is wrong with an ECDH-ES JWE's `epk`. It crosses from the page's worker, which checks
/// the point (the curve arithmetic stays out of the page's first load).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EpkProblem {
    /// The point is not on the curve its `crv` names (the invalid-curve attack).
    NotOnCurve {
        /// The curve, e.g. `"P-256"`.
        crv: String,
    },
    /// Anything else decryption refuses it for: missing, not a JWK, a key type or curve ECDH-ES
    /// does not use, malformed coordinates, or an X25519 key of small order.
    Unusable {
        /// Why, in words (shortened).
        reason: String,
    },
}
