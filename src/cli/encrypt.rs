//! `encrypt`: a compact JWE from the flags, made by the core's [`jwe::encrypt`]; with
//! `--sign-key`, a nested JWT (the payload signed first, as `sign` does, then encrypted with
//! `cty: "JWT"`). RSA1_5 is refused, with the reason.

use crate::output::outln;
use std::io::Read as _;
use std::path::Path;

use jwt_debugger::jose::base64url;
use jwt_debugger::jose::jwe::{
    self, ContentEncryption, JweError, JweFinding, KeyManagement, MAX_INFLATED_BYTES,
    MIN_RECOMMENDED_PBES2_ITERATIONS,
};
use jwt_debugger::jose::rng::seeded_rng;
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use crate::failure::{Failure, io_failure};
use crate::jwe_args::EncryptArgs;
use crate::jwe_keys::{self, Source, jwe_failure};
use crate::{input, sign};

/// The largest plaintext read from a file or standard input: what `decrypt` will inflate.
const MAX_PLAINTEXT_BYTES: usize = MAX_INFLATED_BYTES;

/// Runs `encrypt`.
pub fn run(args: &EncryptArgs) -> Result<(), Failure> {
    if args.alg == KeyManagement::Rsa1_5.as_str() {
        return Err(Failure::Input(JweError::Rsa1_5EncryptRefused.to_string()));
    }
    let alg = KeyManagement::from_name(&args.alg).map_err(jwe_failure)?;
    let enc = ContentEncryption::from_name(&args.enc).map_err(jwe_failure)?;
    if args.p2c.is_some() && !matches!(alg, KeyManagement::Pbes2(_)) {
        return Err(Failure::Input(format!(
            "--p2c is the PBES2 iteration count; {} uses none",
            alg.as_str()
        )));
    }
    let source = Source::read(&args.key)?;
    jwe_keys::check_fits(alg, Some(enc), &source, true)?;
    let (key, key_kid) = jwe_keys::encryption_key(source, args.kid.as_deref())?;
    let (plaintext, nested) = plaintext(args)?;
    let header = header(args, alg, enc, key_kid, nested);
    if args.zip {
        eprintln!("warning: {}", JweFinding::Compressed.message());
    }
    if let Some(p2c) = args
        .p2c
        .filter(|p2c| *p2c < MIN_RECOMMENDED_PBES2_ITERATIONS)
    {
        eprintln!(
            "warning: {}",
            JweFinding::Pbes2FewIterations { p2c }.message()
        );
    }
    let mut rng = seeded_rng().map_err(|e| Failure::Input(e.to_string()))?;
    let token = jwe::encrypt(header, &plaintext, &key, &mut rng).map_err(jwe_failure)?;
    if args.json {
        input::print_json(&json!({"token": token, "header": sent_header(&token)}));
    } else {
        outln!("{token}");
    }
    Ok(())
}

/// The protected header: `alg`, `enc`, then `zip`, `kid` (the flag's, else the key JWK's),
/// `cty` (the flag's, else `JWT` for a nested token) and `p2c`.
fn header(
    args: &EncryptArgs,
    alg: KeyManagement,
    enc: ContentEncryption,
    key_kid: Option<String>,
    nested: bool,
) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("alg".into(), json!(alg.as_str()));
    header.insert("enc".into(), json!(enc.as_str()));
    if args.zip {
        header.insert("zip".into(), json!("DEF"));
    }
    if let Some(kid) = args.kid.clone().or(key_kid) {
        header.insert("kid".into(), json!(kid));
    }
    let cty = args.cty.clone().or_else(|| nested.then(|| "JWT".into()));
    if let Some(cty) = cty {
        header.insert("cty".into(), json!(cty));
    }
    if let Some(p2c) = args.p2c {
        header.insert("p2c".into(), json!(p2c));
    }
    header
}

/// The bytes to encrypt, and whether they are a signed JWT made here (`--sign-key`).
fn plaintext(args: &EncryptArgs) -> Result<(Zeroizing<Vec<u8>>, bool), Failure> {
    if let (Some(path), Some(alg)) = (&args.sign_key, &args.sign_alg) {
        let payload = match args.payload.as_deref() {
            Some(text) => sign::object_or_file("--payload", text)?,
            None => Map::new(),
        };
        let mut header = Map::new();
        header.insert("typ".into(), json!("JWT"));
        header.insert("alg".into(), json!(alg));
        let key_text = Zeroizing::new(input::key_file(path)?);
        let token = sign::signed_token(&header, &payload, Some(&key_text), None)?;
        return Ok((Zeroizing::new(token.into_bytes()), true));
    }
    let bytes = match args.plaintext.as_deref() {
        Some(text) if text != "-" => match text.strip_prefix('@') {
            Some(file) => file_bytes(Path::new(file))?,
            None => text.as_bytes().to_vec(),
        },
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_PLAINTEXT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    Failure::Input(format!(
                        "cannot read the plaintext from standard input: {e}"
                    ))
                })?;
            bytes
        }
    };
    if bytes.len() > MAX_PLAINTEXT_BYTES {
        return Err(Failure::Input(format!(
            "the plaintext is over {MAX_PLAINTEXT_BYTES} bytes, the most this tool reads"
        )));
    }
    Ok((Zeroizing::new(bytes), false))
}

/// A plaintext file's bytes (any bytes, not only text), refused above the limit unread.
fn file_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    let size = std::fs::metadata(path)
        .map_err(|e| io_failure("read", path, &e))?
        .len();
    if size > MAX_PLAINTEXT_BYTES as u64 {
        return Err(Failure::Input(format!(
            "{} is {size} bytes; plaintexts are read up to {MAX_PLAINTEXT_BYTES}",
            path.display()
        )));
    }
    std::fs::read(path).map_err(|e| io_failure("read", path, &e))
}

/// The header as sent (with what the key management added: `epk`, `iv`/`tag`, `p2s`/`p2c`).
fn sent_header(token: &str) -> Value {
    token
        .split('.')
        .next()
        .and_then(|part| base64url::decode(part).ok())
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or(Value::Null)
}
