//! `verify`'s policy (issue 17): the `--policy` file and the flags, made into the core's
//! [`Policy`], and the moment to judge at.

use jwt_debugger::jose::policy::{Policy, Preset, PresetInputs, parse_instant};

use crate::args::PolicyArgs;
use crate::failure::Failure;
use crate::input;

/// The policy the flags give and the moment to judge at (`--at`, else now), or `None` when no
/// policy flag is given (then `verify` judges the signature alone, as it always has). Single
/// values (`--iss`, `--sub`, `--typ`, `--leeway`, `--max-lifetime`) override the file's; lists
/// (`--aud`, `--require`, and `--alg` given as `algs`) extend them.
pub fn from_args(args: &PolicyArgs, algs: &[String]) -> Result<Option<(Policy, i64)>, Failure> {
    if !is_given(args) {
        return Ok(None);
    }
    let mut policy = match (&args.policy, &args.preset) {
        (Some(path), _) => Policy::from_json(&input::text_file(path)?)
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?,
        (None, Some(id)) => preset(id, args)?,
        (None, None) => Policy::default(),
    };
    let overrides = [
        (&mut policy.issuer, &args.iss),
        (&mut policy.subject, &args.sub),
        (&mut policy.typ, &args.typ),
    ];
    for (member, flag) in overrides {
        if flag.is_some() {
            member.clone_from(flag);
        }
    }
    for (member, flag) in [
        (&mut policy.audience, &args.aud),
        (&mut policy.required_claims, &args.require),
        (&mut policy.algorithms, &algs.to_vec()),
    ] {
        for value in flag {
            if !member.contains(value) {
                member.push(value.clone());
            }
        }
    }
    policy.require_kid |= args.require_kid;
    policy.leeway = args.leeway.unwrap_or(policy.leeway);
    policy.max_lifetime = args.max_lifetime.or(policy.max_lifetime);
    policy
        .validate()
        .map_err(|e| Failure::Input(e.to_string()))?;
    let at = match &args.at {
        Some(text) => parse_instant(text).map_err(|e| Failure::Input(e.to_string()))?,
        None => input::now(),
    };
    Ok(Some((policy, at)))
}

/// The policy of the preset `id`, filled from the flags it reads (`--app-id`; `--iss` and the
/// first `--aud` for OIDC and RFC 9068).
fn preset(id: &str, args: &PolicyArgs) -> Result<Policy, Failure> {
    let preset = Preset::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
        Failure::Input(format!("unknown preset {id:?}: one of {}", ids.join(", ")))
    })?;
    let inputs = PresetInputs {
        application_id: args.app_id.clone(),
        issuer: args.iss.clone(),
        audience: args.aud.first().cloned(),
        ..PresetInputs::default()
    };
    preset
        .policy(&inputs)
        .map_err(|e| Failure::Input(format!("--preset {id}: {e}")))
}

/// Whether any policy flag is given (`--alg` alone is not one: it pins the signature's
/// algorithm, as before policies).
fn is_given(args: &PolicyArgs) -> bool {
    args.policy.is_some()
        || args.preset.is_some()
        || args.iss.is_some()
        || !args.aud.is_empty()
        || args.sub.is_some()
        || args.typ.is_some()
        || !args.require.is_empty()
        || args.require_kid
        || args.leeway.is_some()
        || args.max_lifetime.is_some()
        || args.at.is_some()
}
