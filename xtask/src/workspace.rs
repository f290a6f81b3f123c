//! Where the workspace is, found when xtask runs — never baked in when it is compiled, so a
//! binary built from one checkout and run in another reads the other's specs and writes into
//! the other's target directory.
//!
//! The root is the nearest directory, from `CARGO_MANIFEST_DIR` (cargo sets it for
//! `cargo run`, so `cargo xtask` finds the checkout cargo built it from) or else from the
//! current directory upwards, whose `Cargo.toml` has a `[workspace]` table and which holds
//! `xtask/Cargo.toml`. Other workspaces on the way up (the scratch crates under `target/`)
//! are passed over.

use std::path::{Path, PathBuf};

/// The workspace root, or why it cannot be found.
pub fn root() -> Result<PathBuf, String> {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            enclosing(&dir).ok_or_else(|| {
                format!(
                    "CARGO_MANIFEST_DIR is {}, which is not inside the cloudjobs workspace (a Cargo.toml with [workspace] beside xtask/); unset it or run `cargo xtask` from the checkout",
                    dir.display()
                )
            })
        }
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            enclosing(&cwd).ok_or_else(|| {
                format!(
                    "{} is not inside the cloudjobs workspace (no Cargo.toml with [workspace] beside xtask/ in it or any parent); run `cargo xtask` from the checkout",
                    cwd.display()
                )
            })
        }
    }
}

/// The target directory: `CARGO_TARGET_DIR` when set, else the workspace's `target/`
/// (one rule, shared with the scratch builds of `cloudjobs_codegen::sample`).
pub fn target_dir(root: &Path) -> PathBuf {
    cloudjobs_codegen::sample::target_dir(root)
}

/// The default `--specs` of every command that takes one: the workspace's `specs/`, shown
/// relative to the current directory when it is below it.
pub fn default_specs(root: &Path) -> PathBuf {
    crate::relative_to_cwd(&root.join("specs"))
}

/// How generated output cites the specs directory `specs`: its path in the workspace
/// (`tests/tricky/specs`, `/`-separated), or `specs` when it is outside the workspace (or is
/// the root itself), so the output never depends on the machine or the current directory.
pub fn label(root: &Path, specs: &Path) -> String {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canonical(specs)
        .strip_prefix(canonical(root))
        .ok()
        .map(|inside| inside.to_string_lossy().replace('\\', "/"))
        .filter(|inside| !inside.is_empty())
        .unwrap_or_else(|| cloudjobs_codegen::spec_id::DEFAULT_LABEL.to_owned())
}

/// `start` or its nearest ancestor that is the workspace root.
fn enclosing(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| is_root(dir))
        .map(Path::to_path_buf)
}

fn is_root(dir: &Path) -> bool {
    dir.join("xtask/Cargo.toml").is_file()
        && std::fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_specs_directory_is_labelled_by_its_place_in_the_workspace() {
        let root = std::env::temp_dir().join(format!("cloudjobs-label-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let tricky = root.join("tests/tricky/specs");
        std::fs::create_dir_all(&tricky).unwrap();
        assert_eq!(label(&root, &tricky), "tests/tricky/specs");
        // Not canonical as given: `..` and a trailing separator change nothing.
        let roundabout = root.join("tests/tricky/../tricky/specs/");
        assert_eq!(label(&root, &roundabout), "tests/tricky/specs");
        // Outside the workspace, or the root itself: `specs`.
        assert_eq!(label(&root.join("tests"), &root.join("elsewhere")), "specs");
        assert_eq!(label(&root, &root), "specs");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_root_is_the_nearest_workspace_with_xtask() {
        let dir = std::env::temp_dir().join(format!("cloudjobs-root-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // A scratch workspace (no xtask/) inside the real one is passed over.
        let inner = dir.join("target/sample/crate/src");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(dir.join("xtask")).unwrap();
        std::fs::write(dir.join("xtask/Cargo.toml"), "[package]\n").unwrap();
        std::fs::write(dir.join("target/sample/Cargo.toml"), "[workspace]\n").unwrap();
        assert_eq!(enclosing(&inner), None, "no [workspace] in the root yet");
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\n[workspace]\nmembers = []\n",
        )
        .unwrap();
        assert_eq!(enclosing(&inner), Some(dir.clone()));
        assert_eq!(enclosing(&dir.join("xtask")), Some(dir.clone()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
