//! `jwt-debugger` on the command line: the page's twin for scripts, CI and offline API tests.
//! A second front end over the same core (`jwt_debugger::jose`): the same decoding, findings,
//! verdicts, signing and JWE, on the Rust engine. Errors are one line on stderr; `verify` exits 0
//! (verified, and accepted by the policy if one is given), 1 (invalid or not verified, or each
//! failed policy rule on its own line) or 2 (usage error or unreadable input), and `decrypt`
//! 0 (decrypted), 1 (wrong key, modified token, or a nested JWT that does not verify) or 2.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod decode;
#[cfg(not(target_arch = "wasm32"))]
mod decrypt;
#[cfg(not(target_arch = "wasm32"))]
mod encrypt;
#[cfg(not(target_arch = "wasm32"))]
mod failure;
#[cfg(not(target_arch = "wasm32"))]
mod gateway;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod jwe_args;
#[cfg(not(target_arch = "wasm32"))]
mod jwe_keys;
#[cfg(not(target_arch = "wasm32"))]
mod keygen;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod policy;
#[cfg(not(target_arch = "wasm32"))]
mod sd_jwt;
#[cfg(not(target_arch = "wasm32"))]
mod sign;
#[cfg(not(target_arch = "wasm32"))]
mod verify;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    use clap::error::ErrorKind;
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            output::write(format_args!("{e}"));
            return std::process::ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap's usage errors span several lines; the first says what is wrong.
            let rendered = e.to_string();
            let first = rendered.lines().next().unwrap_or("error: bad arguments");
            eprintln!("{first} (see --help)");
            return failure::Failure::USAGE_EXIT.into();
        }
    };
    let outcome = match cli.command {
        args::Command::Decode(a) => decode::run(&a),
        args::Command::Verify(a) => verify::run(&a),
        args::Command::Sign(a) => sign::run(&a),
        args::Command::Keygen(a) => keygen::run(&a),
        args::Command::Gateway(a) => gateway::run(&a),
        args::Command::Decrypt(a) => decrypt::run(&a),
        args::Command::Encrypt(a) => encrypt::run(&a),
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.line());
            failure.exit_code().into()
        }
    }
}

/// The command line is native only; the wasm build of this target (cargo builds every binary
/// for the browser tests) is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
