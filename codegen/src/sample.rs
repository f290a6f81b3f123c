//! Compiling what the generator accepts: a batch of accepted specs becomes one scratch
//! crate, checked once with `cargo clippy -D warnings` (warnings are what users' own
//! `-D warnings` turns into errors). The fuzzer and the property test use it, so that a
//! spec that is accepted and then does not compile, or warns, is found by the machine.
//!
//! The scratch crate is its own workspace (a copy of this workspace's dependency table and
//! lock file, so versions match and nothing is resolved anew) that builds into this
//! workspace's `target/`: dependencies already built there are reused, and one batch costs
//! one compilation of the sample crate.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::load::SpecFile;
use crate::{Diagnostic, validate};

/// The package name of the scratch crate.
pub const SAMPLE_CRATE: &str = "cloudjobs-sample";

/// What checking a batch found.
#[derive(Debug)]
pub struct BatchReport {
    /// Operations in the crate that was checked.
    pub operations: usize,
    /// Specs left out because, once renamed to be unique in the batch, they were refused.
    pub refused: usize,
}

/// Makes each spec's operation ID unique in the batch (`<operation>_<n>`), keeps the ones
/// the validator still accepts, generates one crate from them under `scratch`, and runs
/// `cargo clippy -- -D warnings` on it with `workspace_root`'s dependency versions and
/// target directory. An error holds the compiler's output; the crate is left in place to
/// be looked at.
pub fn check_batch(
    workspace_root: &Path,
    scratch: &Path,
    specs: Vec<SpecFile>,
) -> Result<BatchReport, String> {
    let total = specs.len();
    let mut seen = BTreeSet::new();
    let batch: Vec<SpecFile> = specs
        .into_iter()
        .enumerate()
        .map(|(n, mut file)| {
            let spec = &mut file.spec;
            let name = format!("{}_{n}", spec.operation);
            spec.operation = if name.len() <= 200 {
                name
            } else {
                format!("op_{n}")
            };
            file.relative = format!("{}/{}/{}.json", spec.provider, spec.service, spec.operation);
            file
        })
        .filter(|file| seen.insert(file.operation_id()))
        .filter(|file| {
            !validate::validate(std::slice::from_ref(file))
                .iter()
                .any(Diagnostic::is_error)
        })
        .collect();
    let operations = batch.len();
    if operations == 0 {
        return Ok(BatchReport {
            operations,
            refused: total,
        });
    }
    let generated = crate::generate_from(&batch, SAMPLE_CRATE).map_err(|diagnostics| {
        let text: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        format!("the batch does not generate:\n{}", text.join("\n"))
    })?;

    let crate_dir = scratch.join("crate");
    let _ = fs::remove_dir_all(&crate_dir);
    for file in &generated.files {
        let path = crate_dir.join(&file.path);
        let write = |path: &Path| -> std::io::Result<()> {
            fs::create_dir_all(path.parent().unwrap_or(scratch))?;
            fs::write(path, &file.contents)
        };
        write(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let manifest = scratch_manifest(workspace_root)?;
    let write = |name: &str, text: &str| {
        let path = scratch.join(name);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("Cargo.toml", &manifest)?;
    let lock = fs::read_to_string(workspace_root.join("Cargo.lock")).unwrap_or_default();
    write("Cargo.lock", &lock)?;

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--offline", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(workspace_root.join("target"))
        .args(["--", "-D", "warnings"])
        // Flags of an enclosing build (coverage, sanitizers) would rebuild every dependency.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the crate generated from {operations} accepted spec(s) at {} does not build cleanly:\n{}",
            crate_dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(BatchReport {
        operations,
        refused: total - operations,
    })
}

/// The scratch workspace's `Cargo.toml`: this workspace's package defaults, dependencies
/// (with absolute paths) and profiles, with the sample crate as its only member.
fn scratch_manifest(workspace_root: &Path) -> Result<String, String> {
    let path = workspace_root.join("Cargo.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let root = workspace_root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", workspace_root.display()))?;
    let root = root.to_string_lossy().replace('\\', "/");
    let mut out = String::from("[workspace]\nresolver = \"3\"\nmembers = [\"crate\"]\n");
    let mut keep = false;
    for line in text.lines() {
        if line.starts_with('[') {
            keep = line.trim() != "[workspace]";
        }
        if keep {
            out.push_str(&line.replace("path = \"", &format!("path = \"{root}/")));
            out.push('\n');
        }
    }
    Ok(out)
}
