//! The bad-spec corpus (`tests/bad-specs/`): each case and the diagnostics it must produce,
//! kept as reviewed snapshots.
//!
//! A case is either a file, one spec with exactly one mistake, or a directory holding a
//! normal `<provider>/<service>/<operation>.json` tree (for mistakes that need two files).
//! A single-file case stands for `specs/acme/jobs/show_job.json`: that is the path inside
//! the specs directory the loader is told, so only a case that means to be misplaced gets
//! the location warning.
//!
//! Snapshots hold the diagnostics exactly as `cargo xtask codegen` prints them. On top of
//! the snapshots, every case must produce a diagnostic, and every case whose name does not
//! contain `warning` must produce an error, so that a regression to "accepted" fails even if
//! someone accepts the snapshots without reading them.

use std::fs;
use std::path::{Path, PathBuf};

use cloudjobs_codegen::{Diagnostic, SpecFile, load};

/// The corpus, relative to the test's working directory (cargo runs tests in `tests/`), so
/// file names in the snapshots are the same on every machine.
const CORPUS: &str = "bad-specs";

/// Where a single-file case pretends to live inside the specs directory.
const CASE_RELATIVE: &str = "acme/jobs/show_job.json";

/// Every case, sorted by name: (name, path).
fn cases() -> Vec<(String, PathBuf)> {
    let mut cases: Vec<(String, PathBuf)> = fs::read_dir(CORPUS)
        .expect("tests/bad-specs exists")
        .map(|entry| {
            let path = Path::new(CORPUS).join(entry.expect("a readable entry").file_name());
            let name = path
                .file_stem()
                .expect("a case has a name")
                .to_string_lossy()
                .into_owned();
            (name, path)
        })
        .filter(|(_, path)| path.is_dir() || path.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    cases
}

/// Loads, validates and lowers one case, as the generator does.
fn diagnose(path: &Path) -> Vec<Diagnostic> {
    let shown = path.to_string_lossy().replace('\\', "/");
    let loaded = if path.is_dir() {
        load::load_dir(path)
    } else {
        let bytes = fs::read(path).expect("a readable case");
        load::load_bytes(&shown, CASE_RELATIVE, &bytes)
            .map(|spec| vec![spec])
            .map_err(|d| vec![d])
    };
    match loaded {
        Ok(specs) => checked(&specs),
        Err(diagnostics) => diagnostics,
    }
}

/// Every finding of validating and lowering `specs`.
fn checked(specs: &[SpecFile]) -> Vec<Diagnostic> {
    match cloudjobs_codegen::check(specs, "bad") {
        Ok(lowered) => lowered.warnings,
        Err(diagnostics) => diagnostics,
    }
}

#[test]
fn every_case_reports_its_mistake() {
    let mut accepted = Vec::new();
    for (name, path) in cases() {
        let diagnostics = diagnose(&path);
        let rendered: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
        let has_error = diagnostics.iter().any(Diagnostic::is_error);
        if diagnostics.is_empty() || (!name.contains("warning") && !has_error) {
            accepted.push(format!("{name}:\n{rendered}"));
        }
        insta::assert_snapshot!(name, rendered);
    }
    assert!(
        accepted.is_empty(),
        "cases reported nothing, or no error although their name does not say `warning`:\n{}",
        accepted.join("\n")
    );
}

#[test]
fn corpus_has_at_least_30_cases() {
    let count = cases().len();
    assert!(count >= 30, "only {count} cases in tests/bad-specs");
}
