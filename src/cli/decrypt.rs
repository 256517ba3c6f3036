//! `decrypt`: a compact JWE decrypted with the core's [`jwe::decrypt`]; the plaintext on stdout,
//! the findings as warnings on stderr, and a nested JWT decoded and, with `--verify-key` or
//! `--verify-secret*`, verified exactly as `verify` does. Exit 0 decrypted (and verified when
//! asked), 1 not decrypted or the inner JWT not verified, 2 unusable input.

use std::io::Write as _;

use jwt_debugger::jose::jwe::{self, ContentEncryption, Decrypted, JweFinding, KeyManagement};
use jwt_debugger::jose::keys::KeyCandidate;
use jwt_debugger::jose::rng::seeded_rng;
use jwt_debugger::jose::token::{self, DecodedToken, JweCompact, Token};
use jwt_debugger::jose::verdict::SignatureStatus;
use jwt_debugger::jose::{Algorithm, JoseError, base64url};
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::jwe_args::{DecryptArgs, InnerVerifyArgs};
use crate::jwe_keys::{self, Source};
use crate::{input, verify};

/// Runs `decrypt`.
pub fn run(args: &DecryptArgs) -> Result<(), Failure> {
    let jwe = match token::parse(&input::token(args.token.as_deref())?)? {
        Token::Jwe(jwe) => jwe,
        Token::Jws(_) | Token::SdJwt(_) => {
            return Err(Failure::Input(
                "this is a signed token (a JWS, or an SD-JWT), not an encrypted JWE (five parts): use decode or verify".into(),
            ));
        }
    };
    let decrypted = decrypt(&jwe, args)?;
    for finding in &decrypted.findings {
        eprintln!("warning: {}", finding.message());
    }
    let inner = inner_token(&decrypted);
    let status = judge_inner(inner.as_ref(), &args.inner)?;
    if args.json {
        let mut report = report(&decrypted, inner.as_ref(), status.as_ref());
        // What the token's reading tolerated (a pasted `Bearer `, line breaks), as `decode` shows.
        let repairs: Vec<String> = jwe.diagnoses.iter().map(|d| d.message()).collect();
        report["repairs"] = json!(repairs);
        input::print_json(&report);
    } else {
        print_inner(inner.as_ref(), status.as_ref());
    }
    if let Some(status) = &status
        && !matches!(status, SignatureStatus::Verified(_))
    {
        return Err(Failure::NotVerified(format!(
            "the nested JWT's signature: {}",
            status.text()
        )));
    }
    if !args.json {
        let mut out = std::io::stdout().lock();
        out.write_all(&decrypted.plaintext)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::Input(format!("cannot write the plaintext: {e}")))?;
    }
    Ok(())
}

/// The key is read, checked against the token's `alg`, and the token decrypted.
fn decrypt(jwe: &JweCompact, args: &DecryptArgs) -> Result<Decrypted, Failure> {
    let source = Source::read(&args.key)?;
    if let Some(alg) = jwe.alg().and_then(|a| KeyManagement::from_name(a).ok()) {
        let enc = jwe.enc().and_then(|e| ContentEncryption::from_name(e).ok());
        jwe_keys::check_fits(alg, enc, &source, false)?;
    }
    let kid = jwe.header.get("kid").and_then(Value::as_str);
    let key = jwe_keys::decryption_key(source, kid)?;
    let mut rng = seeded_rng().map_err(|e| Failure::Input(e.to_string()))?;
    jwe::decrypt(jwe, &key, &mut rng).map_err(jwe_keys::jwe_failure)
}

/// The token inside a nested JWE: the header says `cty: "JWT"` or the plaintext is a compact
/// JWS. `None` when neither; an error when `cty` says JWT but the plaintext is no JWS.
fn inner_token(decrypted: &Decrypted) -> Option<Result<DecodedToken, JoseError>> {
    let says_jwt = decrypted
        .header
        .get("cty")
        .and_then(Value::as_str)
        .is_some_and(|cty| cty.eq_ignore_ascii_case("JWT"));
    let Ok(text) = std::str::from_utf8(&decrypted.plaintext) else {
        return says_jwt.then(|| Err(JoseError::WrongPartCount { count: 0 }));
    };
    match token::decode(text) {
        Ok(jws) => Some(Ok(jws)),
        Err(e) => says_jwt.then_some(Err(e)),
    }
}

/// The inner JWT's verdict when a verification key or secret is given (`None` otherwise).
fn judge_inner(
    inner: Option<&Result<DecodedToken, JoseError>>,
    args: &InnerVerifyArgs,
) -> Result<Option<SignatureStatus>, Failure> {
    let secret = input::flag_or_file(
        "--verify-secret",
        "--verify-secret-file",
        args.verify_secret.as_deref(),
        args.verify_secret_file.as_deref(),
    )?;
    if args.verify_key.is_none() && secret.is_none() {
        if matches!(inner, Some(Ok(_))) {
            eprintln!(
                "warning: the nested JWT's signature was not verified: give --verify-key FILE or --verify-secret-file FILE"
            );
        }
        return Ok(None);
    }
    let Some(decoded) = inner else {
        return Ok(Some(SignatureStatus::NotVerified(
            "the plaintext is not a signed JWT (no nested JWS to verify)".into(),
        )));
    };
    let allowed = args
        .verify_algs
        .iter()
        .map(|name| name.parse::<Algorithm>())
        .collect::<Result<Vec<_>, _>>()?;
    let public_keys: Result<Vec<KeyCandidate>, JoseError> = match &args.verify_key {
        Some(path) => Ok(verify::key_file(path)?),
        None => Ok(Vec::new()),
    };
    let encoding = input::encoding(args.verify_secret_encoding);
    let secret = secret.unwrap_or_default();
    Ok(Some(verify::judge(
        decoded,
        &public_keys,
        args.verify_key.is_none(),
        (secret.as_str(), encoding),
        &allowed,
    )))
}

/// The inner JWT's payload: its JSON, or its text when it is not JSON.
fn inner_payload(jws: &DecodedToken) -> Value {
    if jws.payload.is_null() {
        json!(jws.payload_json)
    } else {
        jws.payload.clone()
    }
}

/// The nested JWT, on stderr (stdout holds the plaintext alone).
fn print_inner(inner: Option<&Result<DecodedToken, JoseError>>, status: Option<&SignatureStatus>) {
    match inner {
        Some(Ok(jws)) => {
            eprintln!("nested JWT header: {}", Value::Object(jws.header.clone()));
            eprintln!("nested JWT payload: {}", inner_payload(jws));
            if let Some(status @ SignatureStatus::Verified(_)) = status {
                eprintln!("nested JWT signature: {}", status.text());
            }
        }
        Some(Err(e)) => {
            eprintln!(
                "warning: the header says \"cty\": \"JWT\" but the plaintext is not a signed JWT: {e}"
            );
        }
        None => {}
    }
}

/// `--json`'s object.
fn report(
    decrypted: &Decrypted,
    inner: Option<&Result<DecodedToken, JoseError>>,
    status: Option<&SignatureStatus>,
) -> Value {
    let (plaintext, encoding) = match std::str::from_utf8(&decrypted.plaintext) {
        Ok(text) => (text.to_owned(), "utf8"),
        Err(_) => (base64url::encode(&decrypted.plaintext), "base64url"),
    };
    let findings: Vec<Value> = decrypted
        .findings
        .iter()
        .map(|f| json!({"id": finding_id(f), "message": f.message()}))
        .collect();
    let signature = status.map(|status| {
        let (name, detail) = match status {
            SignatureStatus::Verified(d) => ("verified", d.clone()),
            SignatureStatus::Invalid(d) => ("invalid", d.clone()),
            SignatureStatus::NotVerified(d) => ("not_verified", d.clone()),
            SignatureStatus::Checking => ("not_verified", status.text()),
        };
        json!({"status": name, "detail": detail})
    });
    let nested = match inner {
        Some(Ok(jws)) => json!({
            "header": jws.header,
            "payload": inner_payload(jws),
            "signature": signature,
        }),
        Some(Err(e)) => json!({"error": e.to_string(), "signature": signature}),
        None => signature.map_or(Value::Null, |s| json!({"signature": s})),
    };
    json!({
        "header": decrypted.header,
        "alg": decrypted.alg.as_str(),
        "enc": decrypted.enc.as_str(),
        "compressed": decrypted.compressed,
        "plaintext": plaintext,
        "plaintext_encoding": encoding,
        "findings": findings,
        "nested": nested,
    })
}

/// A stable name for a finding, for machines.
fn finding_id(finding: &JweFinding) -> &'static str {
    match finding {
        JweFinding::Rsa1_5Used => "rsa1_5",
        JweFinding::Pbes2FewIterations { .. } => "pbes2_few_iterations",
        JweFinding::Compressed => "compressed",
        JweFinding::NestedJwsWithoutCty => "nested_jws_without_cty",
        _ => "other",
    }
}
