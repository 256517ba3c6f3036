//! The command line's arguments (clap derive). Every subcommand's `--help` ends with examples.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jwt_debugger::jose::keys::KeyOffer;

pub use crate::jwe_args::{DecryptArgs, EncryptArgs};

/// Decode, verify, sign, decrypt and encrypt JSON Web Tokens and generate keys, offline.
#[derive(Debug, Parser)]
#[command(
    name = "jwt-debugger",
    version,
    about = "Decode, verify, sign, decrypt and encrypt JSON Web Tokens and generate keys, offline: the command-line twin of the jwt-debugger page"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a token's header, payload, claims (UTC dates, relative times) and findings.
    #[command(
        after_help = "Examples:\n  jwt-debugger decode eyJhbGciOi...\n  pbpaste | jwt-debugger decode --json"
    )]
    Decode(DecodeArgs),
    /// Verify a token's signature, and with a policy (--policy, --iss, --aud…) whether a server
    /// would accept it; exit 0 verified (accepted), 1 invalid, not verified or a rule failed
    /// (each failed rule on stderr), 2 unreadable.
    #[command(
        after_help = "Examples:\n  jwt-debugger verify \"$TOKEN\" --key public.pem\n  jwt-debugger verify --key jwks.json --alg RS256 < token.txt\n  JWT_SECRET=s3cret jwt-debugger verify \"$TOKEN\"\n  jwt-debugger verify \"$TOKEN\" --key public.pem --alg RS256 --iss app --aud app --sub app --at 2026-12-02T10:00:00Z\n  jwt-debugger verify \"$TOKEN\" --key jwks.json --policy policy.json --leeway 30"
    )]
    Verify(VerifyArgs),
    /// Sign a token and print it.
    #[command(
        after_help = "Examples:\n  jwt-debugger sign --alg RS256 --key private.pem --kid k1 --iss app --sub app --aud app --iat now --exp +600\n  jwt-debugger sign --alg HS256 --secret-file secret.txt --payload @claims.json\n  jwt-debugger sign --alg ES256 --key private.pem --claim admin=true --claim scope=read"
    )]
    Sign(SignArgs),
    /// Generate a signing or encryption key pair (or a secret) into a directory.
    #[command(
        after_help = "Examples:\n  jwt-debugger keygen rsa2048 --out keys\n  jwt-debugger keygen rsa2048 --out keys --traditional\n  jwt-debugger keygen hs256 --out secrets --json\n  jwt-debugger keygen x25519 --out jwe-keys\n  jwt-debugger keygen a256kw --out jwe-secret --json"
    )]
    Keygen(KeygenArgs),
    /// Make the token an API gateway expects (RS256; kid = Key ID; iss = sub = aud = Application ID).
    #[command(
        after_help = "Examples:\n  jwt-debugger gateway --app-id 8a7c... --key-id k1 --key private.pem\n  jwt-debugger gateway --app-id 8a7c... --key-id k1 --key private.pem --curl https://api.example.com/v1/items"
    )]
    Gateway(GatewayArgs),
    /// Decrypt a compact JWE and print its plaintext; exit 0 decrypted, 1 not (wrong key or
    /// modified token, or a nested JWT that does not verify), 2 unusable input.
    #[command(
        after_help = "Examples:\n  jwt-debugger decrypt \"$TOKEN\" --key private.pem\n  jwt-debugger decrypt --key jwks.json --verify-key signer.pub.pem < nested.txt\n  jwt-debugger decrypt \"$TOKEN\" --secret-file key.txt --secret-encoding base64url --json\n  jwt-debugger decrypt \"$TOKEN\" --password-file password.txt"
    )]
    Decrypt(DecryptArgs),
    /// Encrypt a plaintext (or sign then encrypt a JWT) and print the compact JWE.
    #[command(
        after_help = "Examples:\n  jwt-debugger encrypt --alg RSA-OAEP-256 --enc A256GCM --key public.pem 'hello'\n  jwt-debugger encrypt --alg ECDH-ES+A256KW --enc A256GCM --key recipient.jwk.json @message.json\n  jwt-debugger encrypt --alg dir --enc A256GCM --secret-file key.txt --secret-encoding base64url < data.bin\n  jwt-debugger encrypt --alg PBES2-HS256+A128KW --enc A128GCM --password-file password.txt 'hello'\n  jwt-debugger encrypt --alg RSA-OAEP-256 --enc A256GCM --key recipient.pem --sign-key signer.pem --sign-alg ES256 --payload '{\"sub\":\"me\"}'"
    )]
    Encrypt(EncryptArgs),
}

/// `decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token; `-` or nothing reads it from standard input. `Bearer ` and line breaks are
    /// accepted (and reported).
    pub token: Option<String>,
    /// The time to judge `exp`, `nbf` and `iat` at (Unix seconds); default now.
    #[arg(long)]
    pub at: Option<i64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Where a secret comes from (`--secret`, `--secret-file`, else `JWT_SECRET`) and how to read it.
/// Its `Debug` prints whether a secret was given, never the secret.
#[derive(Args)]
pub struct SecretArgs {
    /// The HMAC secret as text (visible in shell history and the process list: prefer
    /// --secret-file or JWT_SECRET).
    #[arg(long, conflicts_with = "secret_file")]
    pub secret: Option<String>,
    /// A file holding the HMAC secret (one trailing line break is ignored).
    #[arg(long)]
    pub secret_file: Option<PathBuf>,
    /// How the secret's text is read.
    #[arg(long, value_enum, default_value = "utf8")]
    pub secret_encoding: Encoding,
}

impl std::fmt::Debug for SecretArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretArgs")
            .field("secret", &self.secret.as_ref().map(|_| "redacted"))
            .field("secret_file", &self.secret_file)
            .field("secret_encoding", &self.secret_encoding)
            .finish()
    }
}

/// How secret text is read.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Encoding {
    /// The text's UTF-8 bytes.
    Utf8,
    /// Base64url (padding and the standard alphabet tolerated).
    Base64url,
    /// Hexadecimal.
    Hex,
}

/// `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token; `-` or nothing reads it from standard input.
    pub token: Option<String>,
    /// The verification key: PEM or DER (public key, certificate, or a private key whose public
    /// half is used), JWK or JWKS, recognised by content.
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// The secret, for HS* tokens.
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Accept only these algorithms (repeatable); default: any that fits the key. With a
    /// policy, the policy's allowed algorithms (added to the file's).
    #[arg(long = "alg", value_name = "ALG")]
    pub algs: Vec<String>,
    /// What a server checks besides the signature.
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// For an SD-JWT: the audience its Key Binding JWT must name (`aud`).
    #[arg(long, value_name = "AUD")]
    pub kb_aud: Option<String>,
    /// For an SD-JWT: the nonce its Key Binding JWT must carry.
    #[arg(long, value_name = "NONCE")]
    pub kb_nonce: Option<String>,
    /// Print one JSON object instead of text (with a policy, its report under "policy").
    #[arg(long)]
    pub json: bool,
}

/// `verify`'s policy flags (issue 17). Any of them makes `verify` judge the token as a server
/// would: every rule listed, exit 1 when one fails. They override (single values) or extend
/// (lists) the `--policy` file.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// A policy file: the JSON the page's `Copy policy` gives.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Start from a preset: amplify (needs --app-id), oidc (--iss, --aud), rfc9068 (--iss,
    /// --aud) or dpop; the other flags then override or extend it.
    #[arg(long, value_name = "ID", conflicts_with = "policy")]
    pub preset: Option<String>,
    /// The Axway Amplify Central Application ID, for `--preset amplify`.
    #[arg(long, value_name = "ID", requires = "preset")]
    pub app_id: Option<String>,
    /// The expected issuer (`iss`).
    #[arg(long)]
    pub iss: Option<String>,
    /// An expected audience (repeatable): `aud` must hold one of them.
    #[arg(long = "aud", value_name = "AUD")]
    pub aud: Vec<String>,
    /// The expected subject (`sub`).
    #[arg(long)]
    pub sub: Option<String>,
    /// The expected header `typ` (case-insensitive, `application/` optional).
    #[arg(long)]
    pub typ: Option<String>,
    /// A claim that must be present (repeatable).
    #[arg(long = "require", value_name = "CLAIM")]
    pub require: Vec<String>,
    /// The header must have a `kid` (the key's, when the key file gives kids).
    #[arg(long)]
    pub require_kid: bool,
    /// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub leeway: Option<u64>,
    /// The longest lifetime `exp - iat` accepted, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub max_lifetime: Option<u64>,
    /// The moment to judge at: Unix seconds or RFC 3339 (2026-12-02T10:00:00Z); default now.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
}

/// `sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The algorithm (HS256 … EdDSA, Ed25519, ML-DSA-44/65/87); it decides whether --key or a
    /// secret signs.
    #[arg(long)]
    pub alg: String,
    /// The private key (PEM or DER: PKCS#8, PKCS#1 or SEC1; or a private JWK).
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// The secret, for HS*.
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The header's `kid` (an RFC 7638 thumbprint may start with `-`).
    #[arg(long, allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Header members to start from, as a JSON object (`alg` is set from --alg).
    #[arg(long)]
    pub header: Option<String>,
    /// The payload as JSON, or `@FILE` to read it from a file.
    #[arg(long)]
    pub payload: Option<String>,
    /// A claim NAME=VALUE (repeatable); VALUE is JSON when it parses as JSON, else a string.
    #[arg(long = "claim", value_name = "NAME=VALUE")]
    pub claims: Vec<String>,
    /// The `iss` claim.
    #[arg(long)]
    pub iss: Option<String>,
    /// The `sub` claim.
    #[arg(long)]
    pub sub: Option<String>,
    /// The `aud` claim.
    #[arg(long)]
    pub aud: Option<String>,
    /// The `iat` claim: `now` or Unix seconds.
    #[arg(long)]
    pub iat: Option<String>,
    /// The `exp` claim: `+SECONDS` after `iat` (or now), or Unix seconds.
    #[arg(long)]
    pub exp: Option<String>,
    /// Issue an SD-JWT (RFC 9901): the claim at this JSON pointer (`/given_name`,
    /// `/address/street`, `/nationalities/1`) becomes selectively disclosable (repeatable).
    #[arg(long = "sd", value_name = "POINTER")]
    pub sd: Vec<String>,
    /// With --sd: this many decoy digests, so the number of claims does not show.
    #[arg(long, value_name = "N", default_value_t = 0, requires = "sd")]
    pub sd_decoys: usize,
    /// Print one JSON object (token, header, payload) instead of the token.
    #[arg(long)]
    pub json: bool,
}

/// `keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// The key to make: a signing key (rsa2048 … hs512, JWK `use: "sig"`) or an encryption
    /// key (rsa-oaep2048 … dir-a256gcm, JWK `use: "enc"`, which also gets its private JWK).
    #[arg(value_name = "TYPE", value_parser = key_kind())]
    pub kind: KeyOffer,
    /// The directory to write the files into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the RSA private key as PKCS#1 (`private.pkcs1.pem`, BEGIN RSA PRIVATE KEY).
    #[arg(long)]
    pub traditional: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Print one JSON object (kid, alg, files) instead of the kid.
    #[arg(long)]
    pub json: bool,
}

/// `keygen`'s TYPE: one of the generator's keys, by [`KeyOffer::id`] ("rsa2048", "p256", …,
/// "rsa-oaep2048", "x25519", "a256kw", …).
fn key_kind() -> impl TypedValueParser<Value = KeyOffer> {
    let ids: Vec<&'static str> = KeyOffer::all().map(KeyOffer::id).collect();
    clap::builder::PossibleValuesParser::new(ids)
        .try_map(|id| KeyOffer::from_id(&id).ok_or("not a key type"))
}

/// `gateway`.
#[derive(Debug, Args)]
pub struct GatewayArgs {
    /// The gateway's Application ID: `iss`, `sub` and `aud`.
    #[arg(long)]
    pub app_id: String,
    /// The gateway's Key ID: the header's `kid` (a thumbprint may start with `-`).
    #[arg(long, allow_hyphen_values = true)]
    pub key_id: String,
    /// The RSA private key whose public half the gateway holds.
    #[arg(long)]
    pub key: PathBuf,
    /// Seconds from `iat` to `exp`.
    #[arg(long, default_value_t = jwt_debugger::jose::gateway::DEFAULT_LIFETIME_SECS)]
    pub lifetime: i64,
    /// Print the curl command that calls this URL with the token, instead of the token.
    #[arg(long)]
    pub curl: Option<String>,
    /// Print one JSON object (token, header, payload, and curl with --curl).
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_a_secret() {
        let cli = Cli::try_parse_from(["jwt-debugger", "verify", "a.b.c", "--secret", "hunter2"])
            .expect("parses");
        let shown = format!("{cli:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }
}
