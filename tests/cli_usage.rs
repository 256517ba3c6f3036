#![cfg(not(target_arch = "wasm32"))]
//! The `jwt-debugger` command line (src/cli), run as a process: help for every subcommand, and
//! usage errors (exit 2 with one `error: ` line on stderr). The harness is
//! tests/jose_support/cli.rs.

mod jose_support;

use jose_support::cli::*;

#[test]
fn every_subcommand_has_help() {
    let top = cli(&["--help"]);
    let text = top.ok();
    for sub in ["decode", "verify", "sign", "keygen", "gateway"] {
        assert!(text.contains(sub), "top-level help lists {sub}: {text}");
        let run = cli(&[sub, "--help"]);
        assert!(
            !run.ok().trim().is_empty(),
            "{sub} --help prints help: {}",
            run.describe()
        );
    }
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    cli(&["frobnicate"]).usage_error();
    cli(&["decode", "--no-such-flag"]).usage_error();
    cli(&["verify", "--no-such-flag", "x.y.z"]).usage_error();
    cli(&["sign", "--alg", "HS256", "--no-such-flag"]).usage_error();
    cli(&["keygen", "dsa1024", "--out", p(&scratch("usage"))]).usage_error();
    cli(&["keygen", "p256"]).usage_error(); // no --out
    cli(&["gateway", "--key-id", "k", "--key", "/nonexistent.pem"]).usage_error(); // no --app-id
}

/// A reader that stops early (`jwt-debugger decode ... | head -1`) closes the pipe: the command
/// ends quietly with status 0, as ripgrep does, instead of panicking on the failed write.
#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    // Far more than a pipe holds, so writes are still pending when the reader goes.
    let claims = format!("{{\"sub\":\"{}\"}}", "x".repeat(200 * 1024));
    let token = format!(
        "eyJhbGciOiJub25lIn0.{}.",
        jwt_debugger::jose::base64url::encode(claims.as_bytes())
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt-debugger"))
        .args(["decode", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(token.as_bytes())
        .expect("the token is read");
    drop(stdin);
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
