//! `sign`: builds the header and payload from the flags, then signs them exactly as the page's
//! Encode mode does (the core's [`sign::prepare_signing`] and the signing pipeline).

use crate::output::outln;
use jwt_debugger::jose::backend::{RustCrypto, complete};
use jwt_debugger::jose::keys::{self, SecretEncoding};
use jwt_debugger::jose::{JoseError, pipeline, rng, sdjwt, sign};
use serde_json::{Map, Value, json};

use crate::args::SignArgs;
use crate::failure::Failure;
use crate::input;

/// A JSON object from a flag, or why not.
fn object(flag: &str, text: &str) -> Result<Map<String, Value>, Failure> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::Input(format!("{flag} must be a JSON object"))),
        Err(e) => Err(Failure::Input(format!("{flag} is not valid JSON: {e}"))),
    }
}

/// A time flag: `now`, Unix seconds, or (with `relative_to`) `+SECONDS` after it.
fn time(flag: &str, text: &str, relative_to: i64) -> Result<i64, Failure> {
    let bad = || {
        Failure::Input(format!(
            "{flag} takes now, +SECONDS or Unix seconds, not {text:?}"
        ))
    };
    if text == "now" {
        Ok(input::now())
    } else if let Some(offset) = text.strip_prefix('+') {
        let offset: i64 = offset.parse().map_err(|_| bad())?;
        Ok(relative_to.saturating_add(offset))
    } else {
        text.parse().map_err(|_| bad())
    }
}

/// The header: `--header`'s members, `typ: "JWT"` unless it sets one, `alg`, and `kid`.
fn header(args: &SignArgs) -> Result<Map<String, Value>, Failure> {
    let mut header = match &args.header {
        Some(text) => object("--header", text)?,
        None => Map::new(),
    };
    if !header.contains_key("typ") {
        let mut with_typ = Map::new();
        with_typ.insert("typ".into(), json!("JWT"));
        with_typ.extend(header);
        header = with_typ;
    }
    header.insert("alg".into(), json!(args.alg));
    if let Some(kid) = &args.kid {
        header.insert("kid".into(), json!(kid));
    }
    Ok(header)
}

/// A JSON object given as a flag's text, or as `@FILE`.
pub fn object_or_file(flag: &str, text: &str) -> Result<Map<String, Value>, Failure> {
    match text.strip_prefix('@') {
        Some(file) => object(flag, &input::text_file(std::path::Path::new(file))?),
        None => object(flag, text),
    }
}

/// The payload: `--payload` (or `@FILE`), then the claim flags over it.
fn payload(args: &SignArgs) -> Result<Map<String, Value>, Failure> {
    let mut payload = match args.payload.as_deref() {
        Some(text) => object_or_file("--payload", text)?,
        None => Map::new(),
    };
    for (name, value) in [("iss", &args.iss), ("sub", &args.sub), ("aud", &args.aud)] {
        if let Some(value) = value {
            payload.insert(name.into(), json!(value));
        }
    }
    for claim in &args.claims {
        let (name, value) = claim
            .split_once('=')
            .ok_or_else(|| Failure::Input(format!("--claim takes NAME=VALUE, not {claim:?}")))?;
        let value = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
        payload.insert(name.into(), value);
    }
    let iat = match &args.iat {
        Some(text) => Some(time("--iat", text, input::now())?),
        None => None,
    };
    if let Some(iat) = iat {
        payload.insert("iat".into(), json!(iat));
    }
    if let Some(text) = &args.exp {
        let exp = time("--exp", text, iat.unwrap_or_else(input::now))?;
        payload.insert("exp".into(), json!(exp));
    }
    Ok(payload)
}

/// Signs compact JSON texts of `header` and `payload` with the key file or the secret.
pub fn signed_token(
    header: &Map<String, Value>,
    payload: &Map<String, Value>,
    key_text: Option<&str>,
    secret: Option<(String, SecretEncoding)>,
) -> Result<String, Failure> {
    let (input, key) = prepared(header, payload, key_text, secret)?;
    let (signature, _) = complete(pipeline::sign_bytes(
        &RustCrypto,
        input.alg,
        &key,
        &input.input,
    ))?;
    Ok(input.token(&signature))
}

/// The checked signing input and the key (a private key, or the secret for HS*).
fn prepared(
    header: &Map<String, Value>,
    payload: &Map<String, Value>,
    key_text: Option<&str>,
    secret: Option<(String, SecretEncoding)>,
) -> Result<(sign::SigningInput, keys::PrivateKey), Failure> {
    let header_json = Value::Object(header.clone()).to_string();
    let payload_json = Value::Object(payload.clone()).to_string();
    let private_key = match key_text {
        Some(text) => keys::parse_private_key(text),
        None => Err(JoseError::EmptyKey),
    };
    let (secret, encoding) = secret.unwrap_or((String::new(), SecretEncoding::Utf8));
    sign::prepare_signing(&header_json, &payload_json, &secret, encoding, &private_key)
        .map_err(|e| Failure::Input(e.to_string()))
}

/// An SD-JWT (RFC 9901) whose claims at `pointers` are selectively disclosable, with random
/// salts and `decoys` decoy digests, signed as `signed_token` signs.
fn sd_jwt(
    header: &Map<String, Value>,
    payload: &Map<String, Value>,
    key_text: Option<&str>,
    secret: Option<(String, SecretEncoding)>,
    (pointers, decoys): (&[String], usize),
) -> Result<String, Failure> {
    // The same checks as a plain token first (the key fits the alg, the JSON reads).
    let (_, key) = prepared(header, payload, key_text, secret)?;
    let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
    let mut rng = rng::seeded_rng().map_err(|e| Failure::Input(e.to_string()))?;
    sdjwt::issue(
        &Value::Object(header.clone()).to_string(),
        &Value::Object(payload.clone()).to_string(),
        &pointers,
        decoys,
        &key,
        &mut rng,
    )
    .map_err(|e| Failure::Input(format!("--sd: {e}")))
}

/// Runs `sign`.
pub fn run(args: &SignArgs) -> Result<(), Failure> {
    let (header, payload) = (header(args)?, payload(args)?);
    let key_text = match &args.key {
        Some(path) => Some(input::key_file(path)?),
        None => None,
    };
    let secret = input::secret(&args.secret)?;
    let token = match args.sd.is_empty() {
        true => signed_token(&header, &payload, key_text.as_deref(), secret)?,
        false => sd_jwt(
            &header,
            &payload,
            key_text.as_deref(),
            secret,
            (&args.sd, args.sd_decoys),
        )?,
    };
    if args.json {
        input::print_json(&json!({"token": token, "header": header, "payload": payload}));
    } else {
        outln!("{token}");
    }
    Ok(())
}
