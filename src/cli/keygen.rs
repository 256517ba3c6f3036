//! `keygen`: the page's Key generator on the command line, writing the files the page downloads
//! (`private.pem`, `public.pem`, `public.jwk.json`, `jwks.json`; `private.pkcs1.pem` with
//! `--traditional`; `secret.txt` for a secret; an encryption key's private JWK as
//! `private.jwk.json`, a secret's as `secret.jwk.json`). Secret files are created mode 0600, and
//! no file is overwritten without `--force`.

use crate::output::outln;
use std::io::Write;
use std::path::{Path, PathBuf};

use jwt_debugger::jose::keys::material::{KeyMaterial, generate_material};
use serde_json::json;

use crate::args::KeygenArgs;
use crate::failure::{Failure, io_failure};
use crate::input;

/// The files to write: name, contents, and whether they hold a secret.
fn files(material: &KeyMaterial, traditional: bool) -> Vec<(&'static str, String, bool)> {
    // Only encryption keys have a private JWK (see `KeyMaterial::private_jwk`).
    let private_jwk = |name| {
        (!material.private_jwk.is_empty())
            .then(|| (name, format!("{}\n", material.private_jwk), true))
    };
    if material.symmetric {
        let secret = ("secret.txt", format!("{}\n", material.private_pem), true);
        return [Some(secret), private_jwk("secret.jwk.json")]
            .into_iter()
            .flatten()
            .collect();
    }
    let mut files = vec![
        ("private.pem", material.private_pem.clone(), true),
        ("public.pem", material.public_pem.clone(), false),
        (
            "public.jwk.json",
            format!("{}\n", material.public_jwk),
            false,
        ),
        ("jwks.json", format!("{}\n", material.jwks), false),
    ];
    files.extend(private_jwk("private.jwk.json"));
    if let (true, Some(pkcs1)) = (traditional, &material.private_pkcs1_pem) {
        files.push(("private.pkcs1.pem", pkcs1.clone(), true));
    }
    files
}

/// Creates `path` with `contents`, mode 0600 for secrets (set at creation, so the secret is never
/// readable by others, not even for a moment); refuses to replace a file unless `force`.
fn write_file(path: &Path, contents: &str, secret: bool, force: bool) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::Input(format!(
                "{} exists (use --force to overwrite it)",
                path.display()
            ))
        } else {
            io_failure("create", path, &e)
        }
    })?;
    #[cfg(unix)]
    if secret && force {
        // An existing file keeps its mode when truncated: tighten it.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io_failure("protect", path, &e))?;
    }
    file.write_all(contents.as_bytes())
        .map_err(|e| io_failure("write", path, &e))
}

/// Runs `keygen`.
pub fn run(args: &KeygenArgs) -> Result<(), Failure> {
    let material = generate_material(args.kind)?;
    std::fs::create_dir_all(&args.out).map_err(|e| io_failure("create", &args.out, &e))?;
    let files = files(&material, args.traditional);
    let paths: Vec<PathBuf> = files.iter().map(|(name, ..)| args.out.join(name)).collect();
    // Check every file first, so a refusal leaves the directory as it was.
    if !args.force
        && let Some(existing) = paths.iter().find(|p| p.exists())
    {
        return Err(Failure::Input(format!(
            "{} exists (use --force to overwrite it)",
            existing.display()
        )));
    }
    for ((_, contents, secret), path) in files.iter().zip(&paths) {
        write_file(path, contents, *secret, args.force)?;
    }
    if args.json {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        // An HMAC secret has no kid; an encryption secret's is its oct JWK's.
        let kid = (!material.kid.is_empty()).then_some(&material.kid);
        let key_use = if material.encryption.is_some() {
            "enc"
        } else {
            "sig"
        };
        input::print_json(
            &json!({"kid": kid, "alg": material.alg, "use": key_use, "files": shown}),
        );
    } else if material.symmetric {
        outln!(
            "wrote {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    } else {
        outln!("{}", material.kid);
    }
    Ok(())
}
