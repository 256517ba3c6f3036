//! The libraries that judge the policy table: the code `export` writes for PyJWT and for node
//! `jose`, run for real, each in its own process, in a directory holding the fragment and the
//! key files it names (`public.pem`, `jwks.json`; `JWT_SECRET` in its environment).
//!
//! The moment to judge at is injected without touching the fragment:
//! - node `jose`: the fragment's `verify(token, now)` passes `now` as `jwtVerify`'s documented
//!   `currentDate` option (and uses it for its own `iat` check).
//! - PyJWT has no such option: it reads the clock with `datetime.now(tz=timezone.utc)` inside
//!   `jwt.api_jwt` (PyJWT 2.10; not `time.time`, which patching would miss). The driver patches
//!   that name where it is looked up, as `unittest.mock`'s "where to patch" section says, with a
//!   `datetime` whose `now()` is the case's moment; likewise the fragment's own `datetime` (the
//!   DPoP age check).
//!
//! A library's refusal is a typed error (`jwt.PyJWTError`; `jose`'s `JOSEError`, or the
//! `DOMException` WebCrypto throws for a key of the wrong type): it counts as "reject". Any other
//! error is a bug in the fragment or the harness, and fails the test with its traceback.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::cases::{Case, Library, SECRET};
use crate::jose_support::cli::{cli_with, p, write};

/// What a judge answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    /// Refused, with the library's error.
    Reject(String),
}

impl Verdict {
    pub fn accepted(&self) -> bool {
        *self == Verdict::Accept
    }
}

const PYTHON_DRIVER: &str = r#"
import contextlib, datetime, sys
from unittest import mock
import jwt, jwt.api_jwt
import policy_fragment

token, at = sys.argv[1], int(sys.argv[2])

class Frozen(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.fromtimestamp(at, tz)

with contextlib.ExitStack() as stack:
    stack.enter_context(mock.patch.object(jwt.api_jwt, "datetime", Frozen))
    if hasattr(policy_fragment, "datetime"):
        stack.enter_context(mock.patch.object(policy_fragment, "datetime", Frozen))
    try:
        policy_fragment.verify(token)
        print("accept")
    except jwt.PyJWTError as e:
        print("reject", type(e).__name__ + ":", e)
"#;

const NODE_DRIVER: &str = r#"
import * as jose from "jose";
import { pathToFileURL } from "node:url";
const { verify } = await import(pathToFileURL("policy.mjs").href);
const [token, at] = process.argv.slice(1);
try {
  await verify(token, new Date(Number(at) * 1000));
  console.log("accept");
} catch (e) {
  if (!(e instanceof jose.errors.JOSEError || e instanceof DOMException)) throw e;
  console.log("reject", `${e.code ?? e.name}: ${e.message}`);
}
"#;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The directory PyJWT is installed in: tests/support/toolchain.sh's `ensure_pyjwt` installs it
/// when missing (from PyPI, pinned) and says where, so the test and `make test` share one copy.
/// A failed install fails the test: it is never skipped.
pub fn pyjwt_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Command::new("bash")
            .args([
                "-c",
                ". tests/support/toolchain.sh && ensure_pyjwt && echo \"$CACHE/python\"",
            ])
            .current_dir(root())
            .output()
            .unwrap_or_else(|e| panic!("bash is required to install PyJWT: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "PyJWT could not be installed (ensure_pyjwt): {stderr}"
        );
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        assert!(
            dir.join("jwt").join("__init__.py").exists(),
            "PyJWT is not in {}: {stderr}",
            dir.display()
        );
        dir
    })
}

/// Runs the exported code of `library` in `dir` on `token` at `at`.
pub fn judge(library: Library, dir: &Path, token: &str, at: i64) -> Verdict {
    let mut command = match library {
        Library::PyJwt => {
            let mut c = Command::new("python3");
            c.args(["-c", PYTHON_DRIVER]).env(
                "PYTHONPATH",
                format!("{}:{}", pyjwt_dir().display(), dir.display()),
            );
            c.env("PYTHONDONTWRITEBYTECODE", "1");
            c
        }
        Library::NodeJose => {
            let mut c = Command::new("node");
            c.args(["--input-type=module", "-e", NODE_DRIVER]);
            c
        }
    };
    let out = command
        .args([token, &at.to_string()])
        .current_dir(dir)
        .env("JWT_SECRET", SECRET)
        .output()
        .unwrap_or_else(|e| panic!("{library:?} cannot be run: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{library:?} failed in {}:\n{stderr}",
        dir.display()
    );
    match stdout.trim() {
        "accept" => Verdict::Accept,
        line if line.starts_with("reject") => {
            Verdict::Reject(line["reject".len()..].trim().to_owned())
        }
        other => panic!(
            "{library:?} answered {other:?} in {}:\n{stderr}",
            dir.display()
        ),
    }
}

/// The command line's verdict: `jwt-debugger verify TOKEN --policy policy.json --at AT` with
/// the key a server with this policy holds (`--key jwks.json` when a `kid` is required, none for
/// a DPoP proof, which carries its own, else `--key public.pem`; `JWT_SECRET` for HS*), as a
/// script would run it: exit 0 accepted, exit 1 rejected with the failed rules on stderr.
pub fn command_line(case: &Case, dir: &Path, token: &str) -> Verdict {
    let policy = dir.join("policy.json");
    write(&policy, case.policy.to_json());
    let at = case.at.to_string();
    let mut args = vec!["verify", token, "--policy", p(&policy), "--at", &at];
    let (jwks, pem) = (dir.join("jwks.json"), dir.join("public.pem"));
    if case.policy.require_kid {
        args.extend(["--key", p(&jwks)]);
    } else if case.policy.dpop.is_none() {
        args.extend(["--key", p(&pem)]);
    }
    let hmac = case.policy.algorithms.iter().any(|a| a.starts_with("HS"));
    let env: &[(&str, &str)] = if hmac { &[("JWT_SECRET", SECRET)] } else { &[] };
    let run = cli_with(&args, None, env);
    match run.code {
        0 => Verdict::Accept,
        1 => Verdict::Reject(run.stderr.trim().replace('\n', "; ")),
        _ => panic!("{}: {}", case.name, run.describe()),
    }
}

/// Links `dir/node_modules` to tests/node_modules, where `npm ci` put `jose`, so that the
/// fragment's `import "jose"` resolves as in a project that installed it.
pub fn link_node_modules(dir: &Path) {
    let modules = root().join("tests/node_modules");
    assert!(
        modules.join("jose/package.json").exists(),
        "node jose judges the policy table: run `cd tests && npm ci` to install it"
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&modules, dir.join("node_modules"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}
