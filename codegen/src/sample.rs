//! Compiling what the generator accepts: a batch of accepted specs becomes one scratch
//! crate, checked once with `cargo clippy -D warnings` (warnings are what users' own
//! `-D warnings` turns into errors). The fuzzer and the property test use it, so that a
//! spec that is accepted and then does not compile, or warns, is found by the machine.
//!
//! The scratch crate is its own workspace (a copy of this workspace's dependency table and
//! lock file, so versions match and nothing is resolved anew) that builds into this
//! workspace's target directory ([`target_dir`]): dependencies already built there are
//! reused, and one batch costs one compilation of the sample crate.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::emit::OutputFile;
use crate::load::SpecFile;
use crate::write;

/// The package name of the scratch crate.
pub const SAMPLE_CRATE: &str = "cloudjobs-sample";

/// The scratch crate's directory inside the scratch workspace.
const CRATE_DIR: &str = "crate";

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
/// target directory ([`target_dir`]). An error holds the compiler's output; the crate is left in place to
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
            let id = format!("{}/{}/{}.json", spec.provider, spec.service, spec.operation);
            file.move_to(crate::SpecId::new(&id));
            file
        })
        .filter(|file| seen.insert(file.operation_id()))
        .filter(|file| crate::check(std::slice::from_ref(file), SAMPLE_CRATE).is_ok())
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

    // The crate under `crate/` (what an earlier batch left in its `src/` is removed), beside
    // the workspace's manifest and lock file.
    let mut files: Vec<OutputFile> = generated
        .files
        .into_iter()
        .map(|file| OutputFile {
            path: format!("{CRATE_DIR}/{}", file.path),
            ..file
        })
        .collect();
    files.push(OutputFile {
        path: "Cargo.toml".to_owned(),
        contents: scratch_manifest(workspace_root, &[CRATE_DIR])?,
    });
    files.push(OutputFile {
        path: "Cargo.lock".to_owned(),
        contents: fs::read_to_string(workspace_root.join("Cargo.lock")).unwrap_or_default(),
    });
    let owned: Vec<String> = crate::GENERATED_DIRS
        .iter()
        .map(|dir| format!("{CRATE_DIR}/{dir}"))
        .collect();
    let owned: Vec<&str> = owned.iter().map(String::as_str).collect();
    write::write(scratch, &owned, &files).map_err(|e| e.to_string())?;
    let crate_dir = scratch.join(CRATE_DIR);

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["clippy", "--quiet", "--offline", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir(workspace_root))
        // Every feature: each service, and the serde impls.
        .args(["--all-features", "--", "-D", "warnings"])
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

/// The target directory cargo builds `workspace_root` into: `CARGO_TARGET_DIR` when set
/// (a relative one is relative to the current directory, as cargo reads it), else
/// `workspace_root/target`. A build config's `target-dir` is not read.
pub fn target_dir(workspace_root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => std::path::absolute(&dir).unwrap_or_else(|_| PathBuf::from(dir)),
        None => workspace_root.join("target"),
    }
}

/// A scratch workspace's `Cargo.toml`: `workspace_root`'s package defaults, dependencies
/// (with absolute paths, so path dependencies such as the runtime still resolve) and
/// profiles, with `members` (directories beside the manifest) as its members.
pub fn scratch_manifest(workspace_root: &Path, members: &[&str]) -> Result<String, String> {
    let path = workspace_root.join("Cargo.toml");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let root = workspace_root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", workspace_root.display()))?;
    let root = root.to_string_lossy().replace('\\', "/");
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let mut out = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
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
