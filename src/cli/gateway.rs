//! `gateway`: the page's gateway preset (the core's [`gateway`] header and claims), signed RS256,
//! or with `--curl` the single-quoted curl line that calls the API with it.

use crate::output::outln;
use jwt_debugger::jose::gateway;
use serde_json::json;

use crate::args::GatewayArgs;
use crate::failure::Failure;
use crate::input;
use crate::sign::signed_token;

/// Runs `gateway`.
pub fn run(args: &GatewayArgs) -> Result<(), Failure> {
    if let Some(warning) = gateway::lifetime_warning(args.lifetime) {
        if args.lifetime <= 0 {
            return Err(Failure::Input(warning));
        }
        eprintln!("warning: {warning}");
    }
    let header = gateway::header_members(&args.key_id);
    let payload = gateway::claims(&args.app_id, input::now(), args.lifetime);
    let key_text = input::key_file(&args.key)?;
    let token = signed_token(&header, &payload, Some(&key_text), None)?;
    let curl = match &args.curl {
        Some(url) => {
            Some(gateway::curl_command(&token, url).map_err(|e| Failure::Input(e.to_string()))?)
        }
        None => None,
    };
    if args.json {
        let mut out = json!({"token": token, "header": header, "payload": payload});
        if let Some(curl) = &curl {
            out["curl"] = json!(curl);
        }
        input::print_json(&out);
    } else {
        outln!("{}", curl.as_deref().unwrap_or(&token));
    }
    Ok(())
}
