//! The keys of the JWE commands: which source was given (a key file, a symmetric key, a
//! password), whether it is the kind the `alg` needs, a JWKS entry picked by `kid`, and how the
//! core's [`JweError`] becomes an exit status.

use std::path::{Path, PathBuf};

use jwt_debugger::jose::JoseError;
use jwt_debugger::jose::jwe::{
    ContentEncryption, DecryptionKey, EncryptionKey, JweError, KeyKind, KeyManagement, KeyNeed,
};
use jwt_debugger::jose::keys;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::failure::Failure;
use crate::input;
use crate::jwe_args::JweKeyArgs;

/// The one key source a JWE command was given.
pub enum Source {
    /// `--key FILE`: its path and text.
    File {
        /// The file, for messages.
        path: PathBuf,
        /// Its text (a private key's is wiped when dropped).
        text: Zeroizing<String>,
    },
    /// `--secret`, `--secret-file` or `JWT_SECRET`: symmetric key bytes.
    Symmetric(Zeroizing<Vec<u8>>),
    /// `--password` or `--password-file`: the PBES2 password's bytes.
    Password(Zeroizing<Vec<u8>>),
}

impl Source {
    /// The key source of the arguments (clap refuses two); `JWT_SECRET` counts only when no
    /// flag gives a key.
    pub fn read(args: &JweKeyArgs) -> Result<Self, Failure> {
        if let Some(path) = &args.key {
            let text = Zeroizing::new(input::text_file(path)?);
            return Ok(Source::File {
                path: path.clone(),
                text,
            });
        }
        if let Some(password) = input::flag_or_file(
            "--password",
            "--password-file",
            args.password.as_deref(),
            args.password_file.as_deref(),
        )? {
            if password.is_empty() {
                return Err(Failure::Input("the password is empty".into()));
            }
            return Ok(Source::Password(Zeroizing::new(password.into_bytes())));
        }
        let text = input::secret_text(args.secret.as_deref(), args.secret_file.as_deref())?
            .ok_or_else(|| {
                Failure::Input("give the key: --key FILE, a symmetric key with --secret-file FILE, JWT_SECRET or --secret TEXT, or a PBES2 password with --password-file FILE or --password TEXT".into())
            })?;
        let text = Zeroizing::new(text);
        let secret = keys::parse_hmac_secret(&text, input::encoding(args.secret_encoding))
            .map_err(|e| Failure::Input(format!("the symmetric key: {e}")))?;
        Ok(Source::Symmetric(Zeroizing::new(secret.0)))
    }

    /// The kind of key a secret or password is; `None` for a key file (the core judges it).
    fn kind(&self) -> Option<KeyKind> {
        match self {
            Source::File { .. } => None,
            Source::Symmetric(_) => Some(KeyKind::Symmetric),
            Source::Password(_) => Some(KeyKind::Password),
        }
    }
}

/// Refuses a secret where `alg` needs a password or a key file, and the other way round, with
/// the flag that fits.
pub fn check_fits(
    alg: KeyManagement,
    enc: Option<ContentEncryption>,
    source: &Source,
    encrypting: bool,
) -> Result<(), Failure> {
    let need = alg.key_need(enc, encrypting);
    match source.kind() {
        Some(given) if given != need.kind => {
            let given = match given {
                KeyKind::Password => "a password",
                _ => "a symmetric key",
            };
            Err(Failure::Input(format!(
                "{} needs {}; {given} was given",
                alg.as_str(),
                need_words(need)
            )))
        }
        _ => Ok(()),
    }
}

/// What a [`KeyNeed`] asks for, with the flags that give it.
fn need_words(need: KeyNeed) -> String {
    let symmetric_flags = "--secret-file, JWT_SECRET or --secret, or an oct JWK with --key";
    match (need.kind, need.length) {
        (KeyKind::PrivateKey, _) => format!("a private key ({}) with --key FILE", need.key_types),
        (KeyKind::PublicKey, _) => format!("a public key ({}) with --key FILE", need.key_types),
        (KeyKind::Symmetric, Some(n)) => format!("a {n}-byte symmetric key ({symmetric_flags})"),
        (KeyKind::Symmetric, None) => format!("a symmetric key ({symmetric_flags})"),
        (KeyKind::Password, _) => "a password (--password-file or --password)".into(),
    }
}

/// The decryption key of the source; from a JWKS, the entry with the token's `kid`.
pub fn decryption_key(source: Source, kid: Option<&str>) -> Result<DecryptionKey, Failure> {
    match source {
        Source::File { path, text } => from_file(
            &path,
            &text,
            kid,
            DecryptionKey::from_jwk,
            DecryptionKey::parse,
        )
        .map(|(key, _)| key),
        Source::Symmetric(bytes) => Ok(DecryptionKey::symmetric(bytes.to_vec())),
        Source::Password(bytes) => Ok(DecryptionKey::password(bytes.to_vec())),
    }
}

/// The encryption key of the source, and the `kid` of the JWK it came from; from a JWKS, the
/// entry with `kid` when one is asked for.
pub fn encryption_key(
    source: Source,
    kid: Option<&str>,
) -> Result<(EncryptionKey, Option<String>), Failure> {
    match source {
        Source::File { path, text } => from_file(
            &path,
            &text,
            kid,
            EncryptionKey::from_jwk,
            EncryptionKey::parse,
        ),
        Source::Symmetric(bytes) => Ok((EncryptionKey::symmetric(bytes.to_vec()), None)),
        Source::Password(bytes) => Ok((EncryptionKey::password(bytes.to_vec()), None)),
    }
}

/// A key file's key and its JWK `kid`: a JWKS gives its first usable entry, only among those
/// with `kid` when one is given; a JWK, PEM or DER text is read whole.
fn from_file<T>(
    path: &Path,
    text: &str,
    kid: Option<&str>,
    from_jwk: impl Fn(&Map<String, Value>) -> Result<T, JweError>,
    parse: impl Fn(&str) -> Result<T, JweError>,
) -> Result<(T, Option<String>), Failure> {
    let unusable = |e: JweError| Failure::Input(format!("{}: {e}", path.display()));
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text.trim()) else {
        return parse(text).map(|key| (key, None)).map_err(unusable);
    };
    let Some(Value::Array(entries)) = object.get("keys") else {
        let own_kid = object.get("kid").and_then(Value::as_str).map(str::to_owned);
        return parse(text).map(|key| (key, own_kid)).map_err(unusable);
    };
    let mut first_error = None;
    for entry in entries.iter().filter_map(Value::as_object) {
        let entry_kid = entry.get("kid").and_then(Value::as_str);
        if kid.is_some() && entry_kid != kid {
            continue;
        }
        match from_jwk(entry) {
            Ok(key) => return Ok((key, entry_kid.map(str::to_owned))),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match (first_error, kid) {
        (Some(e), _) => Err(unusable(e)),
        (None, Some(kid)) => Err(Failure::Input(format!(
            "{} has no key with \"kid\": {kid:?}",
            path.display()
        ))),
        (None, None) => Err(unusable(JweError::Key(JoseError::NoKeys))),
    }
}

/// The exit status of a JWE failure: 1 for the one key-dependent failure (a wrong key or a
/// modified token), 2 for everything about public data (header, algorithms, key type).
pub fn jwe_failure(e: JweError) -> Failure {
    match e {
        JweError::DecryptionFailed => Failure::NotDecrypted(e.to_string()),
        other => Failure::Input(other.to_string()),
    }
}
