//! Reading what the commands take: the token (argument or standard input), key and payload
//! files (capped like the page's key boxes), secrets, and the clock.

use crate::output::outln;
use std::io::Read;
use std::path::Path;

use jwt_debugger::jose::keys::{MAX_KEY_INPUT_BYTES, SecretEncoding};

use crate::args::{Encoding, SecretArgs};
use crate::failure::{Failure, io_failure};

/// The token given as an argument, or read from standard input when it is absent or `-`: up to
/// one byte over the longest token accepted, so that a longer one is refused as too large (by
/// the decoder) rather than cut short.
pub fn token(arg: Option<&str>) -> Result<String, Failure> {
    match arg {
        Some(text) if text != "-" => Ok(text.to_owned()),
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .take(jwt_debugger::jose::token::MAX_TOKEN_LEN as u64 + 1)
                .read_to_string(&mut text)
                .map_err(|e| {
                    Failure::Input(format!("cannot read the token from standard input: {e}"))
                })?;
            Ok(text)
        }
    }
}

/// A text file of at most [`MAX_KEY_INPUT_BYTES`] (keys, payloads, secrets).
pub fn text_file(path: &Path) -> Result<String, Failure> {
    String::from_utf8(bounded_file(path)?).map_err(|_| {
        Failure::Input(format!(
            "cannot read {}: it is not UTF-8 text",
            path.display()
        ))
    })
}

/// A key file: PEM or JWK text, or binary DER (what `openssl pkey -outform DER` writes), which
/// is handed to the key reader as its base64, the form it reads DER in.
pub fn key_file(path: &Path) -> Result<String, Failure> {
    use base64::Engine as _;
    let bytes = bounded_file(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(binary) => base64::engine::general_purpose::STANDARD.encode(binary.as_bytes()),
    })
}

/// The bytes of a file of at most [`MAX_KEY_INPUT_BYTES`].
fn bounded_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let size = std::fs::metadata(path)
        .map_err(|e| io_failure("read", path, &e))?
        .len();
    if size > MAX_KEY_INPUT_BYTES as u64 {
        return Err(Failure::Input(format!(
            "{} is {size} bytes; key and payload files are read up to {MAX_KEY_INPUT_BYTES}",
            path.display()
        )));
    }
    std::fs::read(path).map_err(|e| io_failure("read", path, &e))
}

/// The secret from `--secret`, `--secret-file` or `JWT_SECRET` (in that order), with how to read
/// it; `None` when none is given. `--secret` warns: the text is in the shell history and the
/// process list.
pub fn secret(args: &SecretArgs) -> Result<Option<(String, SecretEncoding)>, Failure> {
    let text = secret_text(args.secret.as_deref(), args.secret_file.as_deref())?;
    Ok(text.map(|text| (text, encoding(args.secret_encoding))))
}

/// The secret's text from `--secret`, `--secret-file` or `JWT_SECRET` (in that order); `None`
/// when none is given.
pub fn secret_text(flag: Option<&str>, file: Option<&Path>) -> Result<Option<String>, Failure> {
    match flag_or_file("--secret", "--secret-file or JWT_SECRET", flag, file)? {
        Some(text) => Ok(Some(text)),
        None => Ok(std::env::var("JWT_SECRET").ok()),
    }
}

/// The core's reading of a secret's text for an [`Encoding`] flag.
pub fn encoding(flag: Encoding) -> SecretEncoding {
    match flag {
        Encoding::Utf8 => SecretEncoding::Utf8,
        Encoding::Base64url => SecretEncoding::Base64Url,
        Encoding::Hex => SecretEncoding::Hex,
    }
}

/// Secret text from a flag (which warns, naming the `better` way to give it) or from a file
/// (one trailing line break ignored); `None` when neither is given.
pub fn flag_or_file(
    flag: &str,
    better: &str,
    text: Option<&str>,
    file: Option<&Path>,
) -> Result<Option<String>, Failure> {
    if let Some(text) = text {
        eprintln!(
            "warning: a secret given with {flag} is visible in the shell history and the process list; prefer {better}"
        );
        Ok(Some(text.to_owned()))
    } else if let Some(path) = file {
        let text = text_file(path)?;
        // Files end with a line break that is not part of the secret (echo, editors).
        let trimmed = text.strip_suffix('\n').unwrap_or(&text);
        Ok(Some(
            trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned(),
        ))
    } else {
        Ok(None)
    }
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Prints a JSON value on standard output.
pub fn print_json(value: &serde_json::Value) {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
    );
}
