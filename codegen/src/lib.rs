//! cloudjobs-codegen: hand-written JSON specs of cloud API endpoints → typed Rust bindings.
//!
//! The pipeline has one module per stage, each with one entry point, and no stage reaches
//! back into an earlier one:
//!
//! 1. [`load`] — spec files → [`spec::Spec`], keeping the text for line/column diagnostics;
//! 2. [`validate`] — references, paths, constraints, examples → [`Diagnostic`]s;
//! 3. [`lower`] — specs → [`ir::Crate`], every Rust name chosen once and refused there if
//!    it cannot be used ([`check`] runs both and merges their findings);
//! 4. [`emit`] — IR → formatted Rust files;
//! 5. [`write`](mod@write) — files → disk, atomically, skipping unchanged files (or `--check`).
//!
//! Beside the code, every run writes [`findings::FINDINGS_FILE`]: the warnings and the marked
//! page mistakes of every spec, with positions. [`diff`] sits beside the pipeline: it compares
//! two sets of loaded specs for review.

pub mod diagnostics;
pub mod diff;
pub mod doc_text;
pub mod emit;
pub mod findings;
pub mod ir;
pub mod load;
pub mod lookalike;
pub mod lower;
pub mod paths;
pub mod sample;
pub mod spec;
pub mod spec_id;
pub mod validate;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, Severity};
pub use emit::OutputFile;
pub use load::SpecFile;
pub use spec_id::SpecId;

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
    /// The specs directory, `/`-separated; also how the generated crate cites its specs
    /// (`tests/tricky/specs/tricky/…`).
    pub specs: &'static str,
    /// The generated crate's directory.
    pub out: &'static str,
    /// The generated crate's package name.
    pub crate_name: &'static str,
}

impl Target {
    /// Generates this target from the workspace at `root`, citing its specs by their path
    /// in the workspace.
    pub fn generate(&self, root: &Path) -> Result<Generated, Vec<Diagnostic>> {
        let dir = root.join(self.specs);
        let specs = SpecsDir {
            path: &dir,
            label: self.specs,
        };
        run(specs, self.crate_name, None).map(|(generated, _)| generated)
    }
}

/// Where a run reads its specs, and how its output cites them.
#[derive(Clone, Copy, Debug)]
pub struct SpecsDir<'a> {
    /// The directory to read.
    pub path: &'a Path,
    /// Its label in generated output ([`SpecFile::cited`]): [`spec_id::DEFAULT_LABEL`], or
    /// a [`Target`]'s `specs`.
    pub label: &'a str,
}

impl<'a> SpecsDir<'a> {
    /// `path`, cited as `specs/…`.
    pub fn new(path: &'a Path) -> Self {
        SpecsDir {
            path,
            label: spec_id::DEFAULT_LABEL,
        }
    }
}

/// The directories of a generated crate that the generator owns, relative to its directory:
/// a file in them that it no longer produces is stale (removed, or reported by `--check`).
/// `src/` is the facade crate's; `services/` holds one crate per service.
pub const GENERATED_DIRS: &[&str] = &["src", "services"];

/// What `cargo xtask codegen` regenerates, and what the staleness test checks: the product
/// crate, the crate of tricky-but-valid specs the tests compile, and the crate of adversarial
/// specs CI builds with clippy, rustdoc and doctests denying warnings.
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
    Target {
        specs: "tests/hostile/specs",
        out: "tests/hostile",
        crate_name: "cloudjobs-hostile",
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

/// Loads, validates, lowers and emits every spec under `specs_dir` (cited as `specs/…`)
/// into the crate `crate_name`. On errors, returns all diagnostics (errors and warnings)
/// instead.
pub fn generate(specs_dir: &Path, crate_name: &str) -> Result<Generated, Vec<Diagnostic>> {
    generate_timed(SpecsDir::new(specs_dir), crate_name).map(|(generated, _)| generated)
}

/// [`generate_timed`], but emitting only the operations whose spec file is in `only`, plus
/// the crate-wide files (the findings file included: every spec is still loaded and
/// validated). For callers that know the other outputs are current.
pub fn generate_only(
    specs: SpecsDir,
    crate_name: &str,
    only: &BTreeSet<SpecId>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    run(specs, crate_name, Some(only))
}

/// [`generate`] from `specs` cited by its label, also returning how long each stage took.
pub fn generate_timed(
    specs: SpecsDir,
    crate_name: &str,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    run(specs, crate_name, None)
}

fn run(
    specs: SpecsDir,
    crate_name: &str,
    only: Option<&BTreeSet<SpecId>>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    let start = Instant::now();
    let specs = load::load_dir_labelled(specs.path, specs.label)?;
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
    only: Option<&BTreeSet<SpecId>>,
) -> Result<(Generated, Timings), Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let lower::Lowered {
        krate,
        warnings: diagnostics,
    } = check_timed(specs, crate_name, &mut timings)?;
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

/// Validates and lowers already loaded specs: the crate's IR with the findings of both
/// stages that do not stop generation (warnings and notes), or, when one is an error, every
/// finding. Findings are grouped by file in file order, errors first within each.
///
/// A spec `validate` refuses is not lowered (lowering assumes a consistent spec); the names
/// of every other spec are still checked, so one run reports each spec's errors.
pub fn check(specs: &[SpecFile], crate_name: &str) -> Result<lower::Lowered, Vec<Diagnostic>> {
    check_timed(specs, crate_name, &mut Timings::default())
}

fn check_timed(
    specs: &[SpecFile],
    crate_name: &str,
    timings: &mut Timings,
) -> Result<lower::Lowered, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let start = Instant::now();
    let validated = validate::validate(specs);
    timings.validate = start.elapsed();
    let start = Instant::now();
    let refused: BTreeSet<&str> = validated
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    let result = if refused.is_empty() {
        lower::lower(specs, crate_name)
    } else {
        // The crate is not built: each accepted spec is lowered on its own for its findings.
        let naming: Vec<Diagnostic> = specs
            .par_iter()
            .filter(|file| !refused.contains(file.file.as_str()))
            .flat_map_iter(
                |file| match lower::lower(std::slice::from_ref(file), crate_name) {
                    Ok(lowered) => lowered.warnings,
                    Err(found) => found,
                },
            )
            .collect();
        Err(naming)
    };
    timings.lower = start.elapsed();
    match result {
        Ok(lowered) => Ok(lower::Lowered {
            warnings: by_file(specs, lowered.warnings, validated),
            krate: lowered.krate,
        }),
        Err(naming) => Err(by_file(specs, naming, validated)),
    }
}

/// Lower's and validate's findings in one list: by file in `specs` order, then severity,
/// line and column. At one position lower's come first: the name, then what else is wrong
/// there (a type key that is not UpperCamelCase, then that the type is unused).
fn by_file(specs: &[SpecFile], first: Vec<Diagnostic>, then: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let order: BTreeMap<&str, usize> = specs
        .iter()
        .enumerate()
        .map(|(i, file)| (file.file.as_str(), i))
        .collect();
    let mut all: Vec<Diagnostic> = first.into_iter().chain(then).collect();
    all.sort_by_key(|d| {
        let file = order.get(d.file.as_str()).copied().unwrap_or(usize::MAX);
        (file, d.severity, d.line, d.column)
    });
    all
}

/// `specs/schema.json`: the JSON Schema of the spec format, generated from [`spec::Spec`].
pub fn spec_json_schema() -> String {
    let schema = schemars::schema_for!(spec::Spec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
