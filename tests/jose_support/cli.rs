//! The harness of the command-line tests (tests/cli_*.rs): runs the `jwt-debugger` binary as a
//! process and checks its exit status and output ([`Run`]), makes scratch directories and the
//! keys `keygen` writes (once per type and test process), and asks the independent judges: the
//! `openssl` command line and Python's `cryptography`. A missing `openssl` or `python3` fails the
//! tests that need it: nothing is skipped.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::is_base64url_compact;

const BIN: &str = env!("CARGO_BIN_EXE_jwt-debugger");

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    what: String,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "{}\n  exit {}\n  stdout: {:?}\n  stderr: {:?}",
            self.what, self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit status; returns self for chaining.
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "expected exit {want}: {}", self.describe());
        self
    }

    /// Exit 0; returns stdout.
    pub fn ok(&self) -> &str {
        self.code(0);
        &self.stdout
    }

    /// Exit 0 and `verify`'s success line on stdout.
    pub fn verified(&self) -> &Self {
        assert!(
            self.ok().contains("Signature verified"),
            "verified: {}",
            self.describe()
        );
        self
    }

    /// Stderr is exactly one non-empty line.
    pub fn one_stderr_line(&self) -> &Self {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one line on stderr: {}",
            self.describe()
        );
        self
    }

    /// A usage error or unreadable input: exit 2, one stderr line starting with `error: `.
    pub fn usage_error(&self) -> &Self {
        self.code(2).one_stderr_line();
        assert!(
            self.stderr.trim_start().starts_with("error: "),
            "the error line starts with \"error: \": {}",
            self.describe()
        );
        self
    }

    /// Any refusal: an exit status other than 0, nothing on stdout, one line on stderr.
    pub fn refused(&self) -> &Self {
        assert_ne!(self.code, 0, "refused: {}", self.describe());
        assert!(
            self.stdout.is_empty(),
            "nothing printed: {}",
            self.describe()
        );
        self.one_stderr_line()
    }

    /// No warning about shell history on stderr (only `--secret` earns one).
    pub fn no_history_warning(&self) -> &Self {
        assert!(
            !self.stderr.to_lowercase().contains("history"),
            "{}",
            self.describe()
        );
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {}", self.describe()))
    }
}

/// Runs the binary with `args`, stdin from `stdin` (or none) and extra environment variables.
/// `JWT_SECRET` is always removed from the inherited environment first.
pub fn cli_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("JWT_SECRET");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin");
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            // The binary may exit without reading everything: a broken pipe is not our error.
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("wait");
    if let Some(w) = writer {
        w.join().expect("stdin writer");
    }
    let what = format!("jwt-debugger {args:?}");
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{what}: killed by a signal ({:?})", out.status));
    Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        what,
    }
}

pub fn cli(args: &[&str]) -> Run {
    cli_with(args, None, &[])
}

pub fn cli_stdin(args: &[&str], stdin: &str) -> Run {
    cli_with(args, Some(stdin.as_bytes()), &[])
}

/// `verify TOKEN KEY_ARGS...`.
pub fn verify_args(token: &str, key: &[String]) -> Run {
    let mut args = vec!["verify", token];
    args.extend(key.iter().map(String::as_str));
    cli(&args)
}

/// `verify TOKEN --key KEY EXTRA...`.
pub fn verify_with_key(token: &str, key: &Path, extra: &[&str]) -> Run {
    cli(&[&["verify", token, "--key", p(key)][..], extra].concat())
}

/// `verify TOKEN KEY_ARGS... --json`.
pub fn verify_json(token: &str, key: &[String]) -> Run {
    verify_args(token, &[key, &["--json".to_owned()]].concat())
}

/// `--secret-file FILE --secret-encoding base64url`: a verify or sign key argument list.
pub fn base64url_secret_args(file: &Path) -> Vec<String> {
    ["--secret-file", p(file), "--secret-encoding", "base64url"]
        .map(str::to_owned)
        .to_vec()
}

/// `sign ARGS...`: the token it printed.
pub fn sign(args: &[&str]) -> String {
    token_line(cli(&[&["sign"][..], args].concat()).ok())
}

/// `sign --alg ALG --key PRIVATE --sub v EXTRA...`: the token it printed.
pub fn sign_with_key(alg: &str, private: &Path, extra: &[&str]) -> String {
    sign(
        &[
            &["--alg", alg, "--key", p(private), "--sub", "v"][..],
            extra,
        ]
        .concat(),
    )
}

/// `gateway --app-id APP --key-id KID --key KEY EXTRA...`.
pub fn gateway(app: &str, kid: &str, key: &str, extra: &[&str]) -> Run {
    cli(&[
        &["gateway", "--app-id", app, "--key-id", kid, "--key", key][..],
        extra,
    ]
    .concat())
}

// ---------------------------------------------------------------------------------------------
// Files, times, tokens
// ---------------------------------------------------------------------------------------------

/// A fresh, empty scratch directory with a unique name.
pub fn scratch(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "jwt-debugger-cli-{}-{name}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh scratch directory holding `secret` in a file named `secret`: (DIR, DIR/secret).
pub fn scratch_with_secret(name: &str, secret: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let file = dir.join("secret");
    write(&file, secret);
    (dir, file)
}

pub fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Unix permission bits of a file.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn b64u(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn unb64u(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .unwrap_or_else(|e| panic!("not base64url {text:?}: {e}"))
}

/// A compact JWS built here from JSON texts and signature bytes (empty: an unsigned token).
pub fn compact_jws(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64u(header.as_bytes()),
        b64u(payload.as_bytes()),
        b64u(signature)
    )
}

/// The three parts of a compact JWS.
pub fn parts(token: &str) -> (&str, &str, &str) {
    let mut it = token.split('.');
    let (h, pl, sig) = (it.next(), it.next(), it.next());
    assert!(it.next().is_none(), "three parts: {token:?}");
    (h.unwrap(), pl.unwrap(), sig.expect("three parts"))
}

/// Decodes a base64url JSON part (member order kept: serde_json has `preserve_order`).
pub fn part_json(part: &str) -> Value {
    serde_json::from_slice(&unb64u(part)).unwrap_or_else(|e| panic!("{part}: {e}"))
}

/// The token `sign` printed: exactly the token and one newline.
pub fn token_line(stdout: &str) -> String {
    assert!(
        stdout.ends_with('\n') && !stdout.ends_with("\n\n"),
        "one line: {stdout:?}"
    );
    let token = stdout.trim_end_matches('\n');
    assert!(is_base64url_compact(token), "a compact token: {token:?}");
    parts(token);
    token.to_owned()
}

/// Changes one signature character in the middle (still valid base64url, different bytes).
pub fn tamper(token: &str) -> String {
    let i = token.rfind('.').unwrap() + 5;
    let c = if &token[i..=i] == "A" { "B" } else { "A" };
    format!("{}{c}{}", &token[..i], &token[i + 1..])
}

/// The JWK members of a private key (RFC 7518 §6.2.2, §6.3.2).
pub const PRIVATE_JWK_MEMBERS: [&str; 6] = ["d", "p", "q", "dp", "dq", "qi"];

/// A JWK without its private members: the public key.
pub fn public_members(jwk: &Value) -> Value {
    let mut public = jwk.clone();
    let members = public.as_object_mut().expect("a JWK object");
    members.retain(|k, _| !PRIVATE_JWK_MEMBERS.contains(&k.as_str()));
    public
}

// ---------------------------------------------------------------------------------------------
// Keys made once by `keygen` for the sign/verify/gateway tests
// ---------------------------------------------------------------------------------------------

const KEY_TYPES: [&str; 8] = [
    "rsa2048", "p256", "p384", "p521", "ed25519", "hs256", "hs384", "hs512",
];

/// `FILE` of the key `keygen TYPE` wrote, for a type in [`KEY_TYPES`]; each type is made on
/// first use, once per test process.
pub fn key(t: &str, file: &str) -> PathBuf {
    static KEYS: [OnceLock<PathBuf>; KEY_TYPES.len()] =
        [const { OnceLock::new() }; KEY_TYPES.len()];
    let i = KEY_TYPES
        .iter()
        .position(|k| *k == t)
        .unwrap_or_else(|| panic!("{t} is not one of {KEY_TYPES:?}"));
    let dir = KEYS[i].get_or_init(|| {
        let dir = scratch(&format!("keys-{t}"));
        cli(&["keygen", t, "--out", p(&dir)]).code(0);
        dir
    });
    dir.join(file)
}

// ---------------------------------------------------------------------------------------------
// The independent judges: openssl and Python's cryptography
// ---------------------------------------------------------------------------------------------

/// Runs `program args...` to completion; a program that cannot be started fails the test.
pub fn output(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is required to judge the command line: {e}"))
}

/// Runs `program args...` and asserts that it succeeded; returns stdout.
pub fn run_ok(program: &str, args: &[&str]) -> String {
    let out = output(program, args);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn openssl(args: &[&str]) -> String {
    run_ok("openssl", args)
}

/// `python3 -c script args...`, asserting success; returns stdout.
pub fn python(script: &str, args: &[&str]) -> String {
    run_ok("python3", &[&["-c", script][..], args].concat())
}

/// openssl makes a key pair with `openssl genpkey GENPKEY...`: (DIR/NAME.pem, DIR/NAME.pub.pem).
pub fn openssl_key_pair(dir: &Path, name: &str, genpkey: &[&str]) -> (PathBuf, PathBuf) {
    let private = dir.join(format!("{name}.pem"));
    let public = dir.join(format!("{name}.pub.pem"));
    openssl(&[&["genpkey"][..], genpkey, &["-out", p(&private)]].concat());
    openssl(&["pkey", "-in", p(&private), "-pubout", "-out", p(&public)]);
    (private, public)
}

/// openssl verifies an RS256 token's signature over `header.payload` with a PEM public key.
pub fn openssl_verifies_rs256(token: &str, public_pem: &Path, dir: &Path) -> bool {
    let (h, pl, sig) = parts(token);
    let (data, sig_path) = (dir.join("data.txt"), dir.join("sig.bin"));
    write(&data, format!("{h}.{pl}"));
    write(&sig_path, unb64u(sig));
    let out = output(
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-verify",
            p(public_pem),
            "-signature",
            p(&sig_path),
            p(&data),
        ],
    );
    out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Verified OK")
}

/// Python `cryptography`: verifies a compact JWS. argv: token, then either a PEM public key
/// path or `secret:<path of the raw secret bytes>`. Prints OK or BAD.
const PY_VERIFY: &str = r#"
import sys, json, base64, hmac, hashlib
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, ec, utils
def d(s): return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
token, key = sys.argv[1], sys.argv[2]
h, p, s = token.split('.')
alg = json.loads(d(h))['alg']
data, sig = (h + '.' + p).encode(), d(s)
H = {'256': hashes.SHA256, '384': hashes.SHA384, '512': hashes.SHA512}
ok = False
if alg.startswith('HS'):
    secret = open(key[len('secret:'):], 'rb').read()
    mac = hmac.new(secret, data, getattr(hashlib, 'sha' + alg[2:])).digest()
    ok = hmac.compare_digest(mac, sig)
else:
    pub = serialization.load_pem_public_key(open(key, 'rb').read())
    try:
        if alg.startswith('RS'):
            pub.verify(sig, data, padding.PKCS1v15(), H[alg[2:]]())
        elif alg.startswith('PS'):
            hh = H[alg[2:]]
            pub.verify(sig, data, padding.PSS(mgf=padding.MGF1(hh()), salt_length=hh.digest_size), hh())
        elif alg.startswith('ES'):
            n = (pub.curve.key_size + 7) // 8
            assert len(sig) == 2 * n, 'r||s length'
            der = utils.encode_dss_signature(int.from_bytes(sig[:n], 'big'), int.from_bytes(sig[n:], 'big'))
            pub.verify(der, data, ec.ECDSA(H[alg[2:]]()))
        elif alg in ('EdDSA', 'Ed25519'):
            pub.verify(sig, data)
        else:
            raise Exception('alg ' + alg)
        ok = True
    except Exception as e:
        print(repr(e), file=sys.stderr)
print('OK' if ok else 'BAD')
"#;

/// Python `cryptography` verifies `token` with a PEM public key file.
pub fn python_verifies(token: &str, public_pem: &Path) -> bool {
    python(PY_VERIFY, &[token, p(public_pem)]).trim() == "OK"
}

/// Python verifies an HS* token with raw secret bytes.
pub fn python_verifies_hmac(token: &str, secret: &[u8], dir: &Path) -> bool {
    let raw = dir.join("raw-secret.bin");
    write(&raw, secret);
    python(PY_VERIFY, &[token, &format!("secret:{}", p(&raw))]).trim() == "OK"
}

// ---------------------------------------------------------------------------------------------
// JWE: the commands, the keys openssl makes for them, and panva's `jose` (tests/node_modules)
// ---------------------------------------------------------------------------------------------

/// `encrypt ARGS...`: the compact JWE it printed (one line, five base64url parts).
pub fn encrypt(args: &[&str]) -> String {
    let run = cli(&[&["encrypt"][..], args].concat());
    let stdout = run.ok();
    assert!(
        stdout.ends_with('\n') && !stdout.ends_with("\n\n"),
        "one line: {}",
        run.describe()
    );
    let token = stdout.trim_end_matches('\n');
    assert!(is_base64url_compact(token), "a compact token: {token:?}");
    assert_eq!(token.split('.').count(), 5, "five parts: {token:?}");
    token.to_owned()
}

/// `decrypt TOKEN ARGS...`.
pub fn decrypt(token: &str, args: &[&str]) -> Run {
    cli(&[&["decrypt", token][..], args].concat())
}

/// The JWE keys, made once per test process by openssl in one directory: `rsa.pem` (PKCS#8)
/// and `rsa.pub.pem` (RSA 2048), `p256.pem`/`p256.pub.pem`, `x25519.pem`/`x25519.pub.pem`,
/// `other-rsa.pem` (a second RSA key), and `ed25519.pem`.
pub fn jwe_key(file: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = scratch("jwe-keys");
        let rsa = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
        openssl_key_pair(&dir, "rsa", &rsa);
        openssl_key_pair(&dir, "other-rsa", &rsa);
        let p256 = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];
        openssl_key_pair(&dir, "p256", &p256);
        openssl_key_pair(&dir, "x25519", &["-algorithm", "X25519"]);
        openssl_key_pair(&dir, "ed25519", &["-algorithm", "ED25519"]);
        dir
    });
    let path = dir.join(file);
    assert!(path.exists(), "no JWE test key {file}");
    path
}

/// Runs `node --input-type=module -e SCRIPT ARGS...` in tests/ (so `import * as jose from
/// 'jose'` finds tests/node_modules/jose, installed by `npm ci`) and returns its stdout. A
/// missing `node` or `jose`, or a script that fails, fails the test.
pub fn node_jose(script: &str, args: &[&str]) -> String {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    assert!(
        tests.join("node_modules/jose/package.json").exists(),
        "panva's jose judges the JWE commands: run `cd tests && npm ci` to install it into tests/node_modules"
    );
    let out = Command::new("node")
        .args([&["--input-type=module", "-e", script][..], args].concat())
        .current_dir(&tests)
        .output()
        .unwrap_or_else(|e| {
            panic!("node (with panva's jose) is required to judge the JWE commands: {e}")
        });
    assert!(
        out.status.success(),
        "node jose {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
