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
