//! cloudjobs-codegen: hand-written JSON specs of cloud API endpoints → typed Rust bindings.
//!
//! The pipeline has one module per stage, each with one entry point, and no stage reaches
//! back into an earlier one:
//!
//! 1. [`load`] — spec files → [`spec::Spec`], keeping the text for line/column diagnostics;
//! 2. [`validate`] — references, names, paths, constraints, examples → [`Diagnostic`]s;
//! 3. [`lower`] — specs → [`ir::Crate`], every Rust name chosen once;
//! 4. [`emit`] — IR → formatted Rust files;
//! 5. [`write`] — files → disk, atomically, skipping unchanged files (or `--check`).
//!
//! Beside the code, every run writes [`findings::FINDINGS_FILE`]: the warnings and the marked
//! page mistakes of every spec, with positions.

pub mod diagnostics;
pub mod emit;
pub mod findings;
pub mod ir;
pub mod load;
pub mod lower;
pub mod paths;
pub mod spec;
pub mod validate;
pub mod write;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, Severity};
pub use emit::OutputFile;
pub use load::SpecFile;

/// What one generator run produces.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The files of the generated crate, paths relative to its directory.
    pub files: Vec<OutputFile>,
    /// Files left out because the caller said their specs did not change (see
    /// [`generate_only`]); they are current and must not be treated as stale.
    pub unchanged: Vec<String>,
    /// Findings that did not stop generation: warnings (the pages' own mistakes) and notes
    /// (page mistakes the specs mark). Also written to [`findings::FINDINGS_FILE`].
    pub warnings: Vec<Diagnostic>,
}

/// The name of the crate generated from `specs/`.
pub const CRATE_NAME: &str = "cloudjobs";

/// A spec directory and the crate generated from it, relative to the workspace root.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub specs: &'static str,
    pub out: &'static str,
    pub crate_name: &'static str,
}

/// What `cargo xtask codegen` regenerates, and what the staleness test checks: the product
/// crate, and the crate of tricky-but-valid specs the tests compile.
pub const TARGETS: &[Target] = &[
    Target {
        specs: "specs",
        out: "generated",
        crate_name: CRATE_NAME,
    },
    Target {
        specs: "tests/tricky/specs",
        out: "tests/tricky",
        crate_name: "cloudjobs-tricky",
    },
];

/// Wall time of each stage (and, for emit, the CPU split between building tokens and
/// formatting, summed over threads).
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    pub lower: Duration,
    /// Building and formatting every file (they interleave across threads).
    pub emit: Duration,
    pub emit_cpu: emit::EmitTimes,
}

/// Loads, validates, lowers and emits every spec under `specs_dir` into the crate
/// `crate_name`. On errors, returns all diagnostics (errors and warnings) instead.
pub fn generate(specs_dir: &Path, crate_name: &str) -> Result<Generated, Vec<Diagnostic>> {
    generate_timed(specs_dir, crate_name).map(|(generated, _)| generated)
}

/// [`generate_timed`], but emitting only the operations whose spec file (`specs/` plus its
/// path inside the specs directory) is in `only`, plus the crate-wide files (the findings
/// file included: every spec is still loaded and validated). For callers that know the
/// other outputs are current.
pub fn generate_only(
    specs_dir: &Path,
    crate_name: &str,
    only: &BTreeSet<String>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    run(specs_dir, crate_name, Some(only))
}

/// [`generate`], also returning how long each stage took.
pub fn generate_timed(
    specs_dir: &Path,
    crate_name: &str,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    run(specs_dir, crate_name, None)
}

fn run(
    specs_dir: &Path,
    crate_name: &str,
    only: Option<&BTreeSet<String>>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    let start = Instant::now();
    let specs = load::load_dir(specs_dir)?;
    let load = start.elapsed();
    let (generated, mut timings) = generate_from_timed(&specs, crate_name, only)?;
    timings.load = load;
    Ok((generated, timings))
}

/// Validates, lowers and emits already loaded specs.
pub fn generate_from(specs: &[SpecFile], crate_name: &str) -> Result<Generated, Vec<Diagnostic>> {
    generate_from_timed(specs, crate_name, None).map(|(generated, _)| generated)
}

fn generate_from_timed(
    specs: &[SpecFile],
    crate_name: &str,
    only: Option<&BTreeSet<String>>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let start = Instant::now();
    let diagnostics = validate::validate(specs);
    timings.validate = start.elapsed();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let start = Instant::now();
    let krate = lower::lower(specs, crate_name);
    timings.lower = start.elapsed();
    let start = Instant::now();
    let (mut files, unchanged, emit_cpu) = emit::emit_timed(&krate, only).map_err(|message| {
        vec![Diagnostic {
            severity: Severity::Error,
            file: "(generator)".to_owned(),
            line: 1,
            column: 1,
            message,
            suggestion: None,
        }]
    })?;
    timings.emit = start.elapsed();
    timings.emit_cpu = emit_cpu;
    files.push(findings::render(specs, &diagnostics));
    Ok((
        Generated {
            files,
            unchanged,
            warnings: diagnostics,
        },
        timings,
    ))
}

/// `specs/schema.json`: the JSON Schema of the spec format, generated from [`spec::Spec`].
pub fn spec_json_schema() -> String {
    let schema = schemars::schema_for!(spec::Spec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
