//! `verify`: the page's verdict (the core's [`signature_status`]) on the Rust engine, with the
//! exit status scripts test: 0 verified, 1 invalid or not verified, 2 unreadable input. With a
//! policy, the core's [`evaluate`] on top: 0 accepted, 1 a rule failed (each on stderr).

use crate::output::outln;
use jwt_debugger::jose::backend::{RustCrypto, run_ready};
use jwt_debugger::jose::keys::{self, KeyCandidate, SecretEncoding};
use jwt_debugger::jose::pipeline::Strictness;
use jwt_debugger::jose::policy::{PolicyReport, RuleOutcome, SignatureFacts, evaluate, proof_key};
use jwt_debugger::jose::sdjwt::SdJwt;
use jwt_debugger::jose::token::{self, DecodedToken};
use jwt_debugger::jose::verdict::{KeyInputs, SignatureStatus, signature_status};
use jwt_debugger::jose::{Algorithm, JoseError};
use serde_json::json;

use crate::args::VerifyArgs;
use crate::failure::Failure;
use crate::input;

/// The verification keys in a key file: public keys, certificates, JWK or JWKS, or a private
/// key, whose public half is used (so `private.pem` from `keygen` works too).
pub fn key_file(path: &std::path::Path) -> Result<Vec<KeyCandidate>, Failure> {
    let text = input::key_file(path)?;
    match keys::parse_public_keys(&text) {
        Ok(candidates) => Ok(candidates),
        Err(public_error) => {
            let private = keys::parse_private_key(&text).map_err(|_| {
                Failure::Input(format!(
                    "{} holds no usable key: {public_error}",
                    path.display()
                ))
            })?;
            Ok(vec![KeyCandidate {
                kid: None,
                alg: None,
                key: private.public_key(),
                source: "private key (its public half)",
                index: None,
            }])
        }
    }
}

/// The core's verdict on `decoded` with the key file's keys and the secret (empty: none), as
/// a relying party judges: strict (no repaired tokens), the algorithms pinned to `allowed` (empty:
/// any that fits the key), run to completion on the Rust engine.
pub fn judge(
    decoded: &Result<DecodedToken, JoseError>,
    public_keys: &Result<Vec<KeyCandidate>, JoseError>,
    public_key_empty: bool,
    (secret, encoding): (&str, SecretEncoding),
    allowed: &[Algorithm],
) -> SignatureStatus {
    let key_in_secret = keys::public_key_in_secret(secret);
    let inputs = KeyInputs {
        secret,
        secret_encoding: encoding,
        key_in_secret: &key_in_secret,
        public_keys,
        public_key_empty,
        allowed_algs: allowed,
        // A script's "verified" must mean what a relying party would say: no repaired tokens.
        strictness: Strictness::Strict,
    };
    run_ready(signature_status(&RustCrypto, decoded, inputs))
        .unwrap_or_else(|| SignatureStatus::NotVerified("the Rust engine waited".into()))
}

/// Runs `verify`: the signature alone, or with a policy ([`crate::policy::from_args`]) every
/// rule a server would check.
pub fn run(args: &VerifyArgs) -> Result<(), Failure> {
    let policy = crate::policy::from_args(&args.policy, &args.algs)?;
    let (sd, decoded) = read_token(args)?;
    let allowed = args
        .algs
        .iter()
        .map(|name| name.parse::<Algorithm>())
        .collect::<Result<Vec<_>, _>>()?;
    let given_secret = input::secret(&args.secret)?;
    let dpop = policy.as_ref().is_some_and(|(p, _)| p.dpop.is_some());
    let public_keys: Result<Vec<KeyCandidate>, JoseError> = match (&args.key, &decoded) {
        (Some(path), _) => Ok(key_file(path)?),
        // A DPoP proof carries its own key; the server verifies it with that.
        (None, Ok(proof)) if dpop && given_secret.is_none() => proof_key(proof)
            .map(|key| vec![key])
            .map_err(|e| JoseError::InvalidJwk(e.to_string())),
        (None, _) => Ok(Vec::new()),
    };
    let key_given = args.key.is_some() || (dpop && given_secret.is_none());
    if !key_given && given_secret.is_none() {
        return Err(Failure::Input(
            "give the key to verify with: --key FILE, or a secret with --secret-file FILE, JWT_SECRET or --secret TEXT".into(),
        ));
    }
    let (secret, encoding) = given_secret.unwrap_or((String::new(), SecretEncoding::Utf8));
    // With a policy, its `alg` rule judges the algorithm: the signature rule says only whether
    // the signature checks out, so each failed rule says one thing.
    let pinned: &[Algorithm] = if policy.is_some() { &[] } else { &allowed };
    let status = judge(
        &decoded,
        &public_keys,
        !key_given,
        (secret.as_str(), encoding),
        pinned,
    );
    let report = match (&policy, &decoded) {
        (Some((policy, at)), Ok(token)) => {
            let keys = public_keys.as_deref().unwrap_or_default();
            let facts = SignatureFacts::from_status(&status, token, keys);
            // An SD-JWT is judged on its claims with the disclosures in.
            let processed = sd.as_ref().map(|sd| sd.processed_issuer());
            Some(evaluate(
                policy,
                processed.as_ref().unwrap_or(token),
                &facts,
                *at,
            ))
        }
        _ => None,
    };
    // An SD-JWT's disclosures and Key Binding, judged at the policy's moment (else now).
    let sd_checks = sd.as_ref().map(|sd| {
        let at = policy.as_ref().map_or_else(input::now, |(_, at)| *at);
        let (aud, nonce) = (args.kb_aud.as_deref(), args.kb_nonce.as_deref());
        crate::sd_jwt::verify_checks(sd, aud, nonce, at)
    });
    if args.json {
        let mut out = status_json(&status, &decoded, &public_keys, (&secret, encoding));
        if let Some(report) = &report {
            out["policy"] = serde_json::to_value(report).unwrap_or_default();
        }
        if let Some(checks) = &sd_checks {
            out["sd_jwt"] = match checks {
                Ok(lines) => json!({"valid": true, "checks": lines}),
                Err(why) => json!({"valid": false, "reason": why.line()}),
            };
        }
        input::print_json(&out);
    }
    conclude(status, report, args.json)?;
    for line in sd_checks.transpose()?.unwrap_or_default() {
        if !args.json {
            outln!("{line}");
        }
    }
    Ok(())
}

/// The token to verify: an SD-JWT (its signature is its Issuer-signed JWT's; its disclosures
/// are checked after) or a JWS. A JWE is kept as the error that says so, for the verdict.
fn read_token(
    args: &VerifyArgs,
) -> Result<(Option<SdJwt>, Result<DecodedToken, JoseError>), Failure> {
    let text = input::token(args.token.as_deref())?;
    let sd = crate::sd_jwt::parse_if_sd(&text)?;
    let decoded = match &sd {
        Some(sd) => Ok(sd.issuer.clone()),
        None => match token::decode(&text) {
            Err(e) if e != JoseError::EncryptedJwe => return Err(e.into()),
            decoded => decoded,
        },
    };
    Ok((sd, decoded))
}

/// `--json`'s object: the signature status, its detail, the token's `alg` and the key.
fn status_json(
    status: &SignatureStatus,
    decoded: &Result<DecodedToken, JoseError>,
    public_keys: &Result<Vec<KeyCandidate>, JoseError>,
    (secret, encoding): (&str, SecretEncoding),
) -> serde_json::Value {
    let (name, detail) = match status {
        SignatureStatus::Verified(d) => ("verified", d.clone()),
        SignatureStatus::Invalid(d) => ("invalid", d.clone()),
        SignatureStatus::NotVerified(d) => ("not_verified", d.clone()),
        SignatureStatus::Checking => ("not_verified", status.text()),
    };
    let alg = decoded
        .as_ref()
        .ok()
        .and_then(|t| t.alg.as_ref().ok())
        .map(|a| a.as_str());
    let key = public_keys
        .as_ref()
        .ok()
        .and_then(|k| k.first())
        .map(|k| k.key.describe())
        .or_else(|| (!secret.is_empty()).then(|| format!("secret ({})", encoding.label())));
    json!({"status": name, "detail": detail, "alg": alg, "key": key})
}

/// The exit: without a policy, the signature's verdict as always; with one, accepted (every
/// rule listed on stdout) or rejected (each failed rule on stderr).
fn conclude(
    status: SignatureStatus,
    report: Option<PolicyReport>,
    json: bool,
) -> Result<(), Failure> {
    match (report, status) {
        (Some(report), _) if report.accepted => {
            if !json {
                outln!("{}", report.summary());
                for rule in &report.rules {
                    outln!("  {}", rule.line());
                }
            }
            Ok(())
        }
        (Some(report), _) => Err(Failure::Rejected(
            report.failed().map(RuleOutcome::line).collect(),
        )),
        (None, SignatureStatus::Verified(detail)) => {
            if !json {
                outln!("{}", SignatureStatus::Verified(detail).text());
            }
            Ok(())
        }
        (None, other) => Err(Failure::NotVerified(other.text())),
    }
}
