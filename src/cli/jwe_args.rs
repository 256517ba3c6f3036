//! The arguments of the JWE commands, `decrypt` and `encrypt` (clap derive). Their `Debug`
//! prints whether a secret or password was given, never its text.

use std::fmt;
use std::path::PathBuf;

use clap::Args;

use crate::args::Encoding;

/// The key of a JWE command: exactly one of a key file, a secret (`--secret`, `--secret-file`,
/// else `JWT_SECRET`) or a password.
#[derive(Args)]
pub struct JweKeyArgs {
    /// The key file: PEM (PKCS#8, PKCS#1 or SEC1; for encrypt also a public key or
    /// certificate), a JWK (RSA, EC, X25519 or oct) or a JWKS (the entry with the token's kid).
    #[arg(long, conflicts_with_all = ["secret", "secret_file", "password", "password_file"])]
    pub key: Option<PathBuf>,
    /// The symmetric key as text, for dir, A*KW and A*GCMKW (visible in shell history and the
    /// process list: prefer --secret-file or JWT_SECRET).
    #[arg(long, conflicts_with_all = ["secret_file", "password", "password_file"])]
    pub secret: Option<String>,
    /// A file holding the symmetric key (one trailing line break is ignored).
    #[arg(long, conflicts_with_all = ["password", "password_file"])]
    pub secret_file: Option<PathBuf>,
    /// How the symmetric key's text is read (A256GCM's key is 32 bytes: base64url or hex fit).
    #[arg(long, value_enum, default_value = "utf8")]
    pub secret_encoding: Encoding,
    /// The password, for PBES2-* (visible in shell history and the process list: prefer
    /// --password-file).
    #[arg(long, conflicts_with = "password_file")]
    pub password: Option<String>,
    /// A file holding the PBES2 password (one trailing line break is ignored).
    #[arg(long)]
    pub password_file: Option<PathBuf>,
}

impl fmt::Debug for JweKeyArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JweKeyArgs")
            .field("key", &self.key)
            .field("secret", &self.secret.as_ref().map(|_| "redacted"))
            .field("secret_file", &self.secret_file)
            .field("secret_encoding", &self.secret_encoding)
            .field("password", &self.password.as_ref().map(|_| "redacted"))
            .field("password_file", &self.password_file)
            .finish()
    }
}

/// `decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// The compact JWE; `-` or nothing reads it from standard input.
    pub token: Option<String>,
    /// The decryption key.
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// How a nested JWT (a signed token inside) is verified.
    #[command(flatten)]
    pub inner: InnerVerifyArgs,
    /// Print one JSON object (header, plaintext, findings, nested token) instead of the
    /// plaintext.
    #[arg(long)]
    pub json: bool,
}

/// The key that verifies the signed JWT inside a nested token (as `verify` takes it).
#[derive(Args)]
pub struct InnerVerifyArgs {
    /// Verify the inner signed JWT with this key file (PEM public key, certificate, private
    /// key, JWK or JWKS), exactly as `verify --key` does; exit 1 if it does not verify.
    #[arg(long)]
    pub verify_key: Option<PathBuf>,
    /// Verify the inner HS* JWT with this secret text (visible in shell history: prefer
    /// --verify-secret-file).
    #[arg(long, conflicts_with = "verify_secret_file")]
    pub verify_secret: Option<String>,
    /// Verify the inner HS* JWT with the secret in this file.
    #[arg(long)]
    pub verify_secret_file: Option<PathBuf>,
    /// How the verification secret's text is read.
    #[arg(long, value_enum, default_value = "utf8")]
    pub verify_secret_encoding: Encoding,
    /// Accept only these signature algorithms for the inner JWT (repeatable).
    #[arg(long = "verify-alg", value_name = "ALG")]
    pub verify_algs: Vec<String>,
}

impl fmt::Debug for InnerVerifyArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InnerVerifyArgs")
            .field("verify_key", &self.verify_key)
            .field(
                "verify_secret",
                &self.verify_secret.as_ref().map(|_| "redacted"),
            )
            .field("verify_secret_file", &self.verify_secret_file)
            .field("verify_secret_encoding", &self.verify_secret_encoding)
            .field("verify_algs", &self.verify_algs)
            .finish()
    }
}

/// `encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// The plaintext: text, `@FILE` (its bytes), or `-` or nothing for standard input.
    #[arg(value_name = "PLAINTEXT", conflicts_with_all = ["sign_key", "payload"])]
    pub plaintext: Option<String>,
    /// The key management algorithm (`alg`): RSA-OAEP, RSA-OAEP-256/384/512, A128KW…,
    /// A128GCMKW…, dir, ECDH-ES, ECDH-ES+A128KW…, PBES2-HS256+A128KW…. RSA1_5 is refused.
    #[arg(long)]
    pub alg: String,
    /// The content encryption algorithm (`enc`): A128GCM, A192GCM, A256GCM, A128CBC-HS256,
    /// A192CBC-HS384 or A256CBC-HS512.
    #[arg(long)]
    pub enc: String,
    /// The encryption key.
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// The header's `kid` (also picks the JWKS entry); default: the key JWK's own `kid`. A
    /// thumbprint may start with `-`.
    #[arg(long, allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// The header's `cty` (`JWT` when the plaintext is a signed JWT).
    #[arg(long)]
    pub cty: Option<String>,
    /// Compress the plaintext first (`zip: "DEF"`; see the warning it prints).
    #[arg(long)]
    pub zip: bool,
    /// The PBES2 iteration count (`p2c`); default 10000 (what node `jose` and `jwcrypto` accept by default).
    #[arg(long)]
    pub p2c: Option<u32>,
    /// Nested JWT: sign --payload with this private key first (PEM or JWK), then encrypt the
    /// signed token with `cty: "JWT"`.
    #[arg(long, requires = "sign_alg")]
    pub sign_key: Option<PathBuf>,
    /// The inner signature's algorithm (RS256 … EdDSA, ML-DSA-44/65/87), with --sign-key.
    #[arg(long, requires = "sign_key")]
    pub sign_alg: Option<String>,
    /// The inner JWT's payload as JSON, or `@FILE`, with --sign-key (default `{}`).
    #[arg(long, requires = "sign_key")]
    pub payload: Option<String>,
    /// Print one JSON object (token, header) instead of the token.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use crate::args::Cli;

    #[test]
    fn debug_never_prints_a_secret_or_password() {
        let runs: [&[&str]; 4] = [
            &["decrypt", "a.b.c.d.e", "--secret", "hunter2"],
            &["decrypt", "a.b.c.d.e", "--password", "hunter2"],
            &[
                "decrypt",
                "a.b.c.d.e",
                "--key",
                "k.pem",
                "--verify-secret",
                "hunter2",
            ],
            &[
                "encrypt", "--alg", "dir", "--enc", "A128GCM", "--secret", "hunter2", "x",
            ],
        ];
        for args in runs {
            let cli = Cli::try_parse_from([&["jwt-debugger"][..], args].concat()).expect("parses");
            let shown = format!("{cli:?}");
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("redacted"), "{shown}");
        }
    }
}
