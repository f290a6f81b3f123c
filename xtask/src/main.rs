//! `cargo xtask …`: project automation. See `cargo xtask --help`.

mod bench;
mod cache;
mod diff;
mod fuzz;
mod instructions;
mod new;
mod openapi;
mod peer;
mod run_dirs;
mod synth;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cloudjobs_codegen::{OutputFile, write};

/// The generator builds and drops a token tree per item and a syntax tree per file: with
/// mimalloc `codegen` runs in about two thirds of the time it takes on the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "cloudjobs project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate `generated/` (and `specs/schema.json`) from the specs.
    Codegen {
        /// Write nothing; exit non-zero with a summary if anything is stale.
        #[arg(long)]
        check: bool,
        /// Directory of spec files (default: every target of the workspace, or its `specs/`
        /// with `--out`).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        /// Directory of the generated crate (default: every target of the workspace, or its
        /// `generated/` with `--specs`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the time of each stage and the peak memory.
        #[arg(long)]
        timings: bool,
        /// Regenerate even if nothing changed since the last run (and show the warnings again).
        #[arg(long)]
        force: bool,
    },
    /// Review a spec change: every difference from BASE, and whether it breaks users of the
    /// generated crate. Exit status: 0 nothing breaking, 1 breaking, 2 an error.
    Diff {
        /// A git revision (its copy of the specs directory is read) or a directory of specs.
        #[arg(long, value_name = "BASE")]
        base: String,
        /// Directory of the new specs (default: the workspace's `specs/`).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = diff::Format::Text)]
        format: diff::Format,
    },
    /// Export every spec as one OpenAPI 3.1 document (or 3.0, for tools that read only 3.0).
    Openapi {
        /// Where to write it (`-` for stdout).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Directory of spec files (default: the workspace's `specs/`).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        /// The OpenAPI version of the document.
        #[arg(long, value_enum, default_value = "3.1")]
        openapi_version: openapi::Version,
    },
    /// Start a spec: write a skeleton `specs/PROVIDER/SERVICE/OPERATION.json` with TODOs to fill.
    New {
        /// `provider/service/operation`, each snake_case.
        #[arg(value_name = "PROVIDER/SERVICE/OPERATION")]
        name: String,
        /// Directory of spec files (default: the workspace's `specs/`).
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
    },
    /// Run the benchmarks; print a table and write BENCHMARKS.md.
    Bench {
        /// A short run (under 3 minutes): N up to 1,000, compile time for N = 100.
        #[arg(long)]
        quick: bool,
    },
    /// Write N valid specs varied from the seed specs (for benchmarks).
    Synth {
        /// How many specs.
        count: usize,
        /// Where to write them (replaced if it exists).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Fuzz the generator with mutated specs (seeds: specs/, tests/tricky/specs,
    /// tests/hostile/specs, tests/bad-specs); at the end, build a sample of the accepted ones.
    Fuzz {
        /// How long to run.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// PRNG seed, for reproducible runs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// A spec directory and the crate generated from it.
struct Target {
    specs: PathBuf,
    /// How the generated code cites the specs directory (`workspace::label`).
    label: String,
    out: PathBuf,
    crate_name: String,
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    // Every command reads or writes the workspace (its specs, its target directory).
    let root = match workspace::root() {
        Ok(root) => root,
        Err(e) => {
            eprintln!("cargo xtask: {e}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Codegen {
            check,
            specs,
            out,
            timings,
            force,
        } => {
            let targets = if specs.is_none() && out.is_none() {
                cloudjobs_codegen::TARGETS
                    .iter()
                    .map(|t| Target {
                        specs: relative_to_cwd(&root.join(t.specs)),
                        label: t.specs.to_owned(),
                        out: relative_to_cwd(&root.join(t.out)),
                        crate_name: t.crate_name.to_owned(),
                    })
                    .collect()
            } else {
                let specs = specs.unwrap_or_else(|| workspace::default_specs(&root));
                vec![Target {
                    label: workspace::label(&root, &specs),
                    specs,
                    out: out.unwrap_or_else(|| relative_to_cwd(&root.join("generated"))),
                    crate_name: cloudjobs_codegen::CRATE_NAME.to_owned(),
                }]
            };
            codegen(
                &targets,
                Mode {
                    check,
                    force: force || check,
                    timings,
                },
                &workspace::target_dir(&root),
            )
        }
        Command::Diff {
            base,
            specs,
            format,
        } => {
            let specs = specs.unwrap_or_else(|| workspace::default_specs(&root));
            diff::run(&base, &specs, format)
        }
        Command::Openapi {
            out,
            specs,
            openapi_version,
        } => {
            let specs = specs.unwrap_or_else(|| workspace::default_specs(&root));
            let label = workspace::label(&root, &specs);
            openapi::run(&specs, &label, &out, openapi_version)
        }
        Command::New { name, specs } => {
            let specs = specs.unwrap_or_else(|| workspace::default_specs(&root));
            new::run(&specs, &name)
        }
        Command::Bench { quick } => match bench::run(&root, quick) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Synth { count, out } => match synth::run(&root.join("specs"), count, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("synth: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Fuzz { seconds, seed } => {
            let seeds = [
                "specs",
                "tests/tricky/specs",
                "tests/hostile/specs",
                "tests/bad-specs",
            ]
            .map(|d| root.join(d));
            let failures = workspace::target_dir(&root).join("fuzz-failures");
            if fuzz::run(&root, &seeds, seconds, seed, &failures) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// How `codegen` runs.
struct Mode {
    /// Compare only; write nothing.
    check: bool,
    /// Skip the no-op shortcut.
    force: bool,
    /// Print stage timings and peak memory.
    timings: bool,
}

fn codegen(targets: &[Target], mode: Mode, target_dir: &Path) -> ExitCode {
    let Mode {
        check,
        force,
        timings: show_timings,
    } = mode;
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for target in targets {
        let is_product = target.crate_name == cloudjobs_codegen::CRATE_NAME;
        let schema_path = target.specs.join(cloudjobs_codegen::load::SCHEMA_FILE);
        let findings = target.out.join(cloudjobs_codegen::findings::FINDINGS_FILE);
        let mut extra = vec![target.out.join("Cargo.toml"), findings.clone()];
        if is_product {
            extra.push(schema_path);
        }
        let record = cache::record_path(target_dir, &target.out);
        let mut only = None;
        if !force {
            let state = cache::State::read(&target.specs, &target.out, &extra);
            match state.as_ref().map(|s| s.compare(&record)) {
                Some(cache::Since::Nothing) => {
                    unchanged += state.map_or(0, |s| s.outputs());
                    eprintln!(
                        "codegen: {} is up to date (no spec changed since the last run; --force shows warnings again)",
                        target.out.display()
                    );
                    continue;
                }
                Some(cache::Since::Specs(changed)) => only = Some(changed),
                _ => {}
            }
        }
        let specs = cloudjobs_codegen::SpecsDir {
            path: &target.specs,
            label: &target.label,
        };
        let result = match &only {
            Some(changed) => cloudjobs_codegen::generate_only(specs, &target.crate_name, changed),
            None => cloudjobs_codegen::generate_timed(specs, &target.crate_name),
        };
        let (generated, timings) = match result {
            Ok(generated) => generated,
            Err(diagnostics) => {
                for d in &diagnostics {
                    eprintln!("{d}");
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                eprintln!(
                    "codegen failed: {errors} error(s) in the specs under {}",
                    target.specs.display()
                );
                return ExitCode::FAILURE;
            }
        };
        // Warnings are for the author to read; notes are already marked in the specs, so a
        // count and the file that lists them are enough.
        let notes = generated
            .warnings
            .iter()
            .filter(|d| d.severity == cloudjobs_codegen::Severity::Note)
            .count();
        for warning in generated
            .warnings
            .iter()
            .filter(|d| d.severity != cloudjobs_codegen::Severity::Note)
        {
            eprintln!("{warning}");
        }
        if notes > 0 {
            eprintln!(
                "codegen: {notes} marked page mistake(s) under {}, listed in {}",
                target.specs.display(),
                findings.display()
            );
        }
        unchanged += generated.unchanged.len();
        // The JSON Schema of the spec format sits beside the specs it describes.
        let schema = [OutputFile {
            path: cloudjobs_codegen::load::SCHEMA_FILE.to_owned(),
            contents: cloudjobs_codegen::spec_json_schema(),
        }];
        let mut outputs: Vec<(&Path, &[&str], &[OutputFile])> = vec![(
            &target.out,
            cloudjobs_codegen::GENERATED_DIRS,
            &generated.files,
        )];
        if is_product {
            outputs.push((&target.specs, &[], &schema));
        }
        let write_start = std::time::Instant::now();
        for (root, owned, files) in outputs {
            let result = if check {
                write::diff(root, owned, files)
            } else {
                write::write_keeping(root, owned, files, &generated.unchanged)
            };
            match result {
                Ok(mut c) => {
                    unchanged += files.len()
                        - c.iter()
                            .filter(|c| !matches!(c, write::Change::Removed { .. }))
                            .count();
                    for change in &mut c {
                        prefix_path(change, root);
                    }
                    changes.extend(c);
                }
                Err(e) => {
                    eprintln!("codegen: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        if !check {
            if let Some(state) = cache::State::read(&target.specs, &target.out, &extra) {
                state.save(&record);
            }
        }
        if show_timings {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            eprintln!(
                "timings {}: load {:.1} ms, validate {:.1} ms, lower {:.1} ms, emit+format {:.1} ms (cpu: tokens {:.1} ms, format {:.1} ms), write {:.1} ms",
                target.specs.display(),
                ms(timings.load),
                ms(timings.validate),
                ms(timings.lower),
                ms(timings.emit),
                ms(timings.emit_cpu.tokens),
                ms(timings.emit_cpu.format),
                ms(write_start.elapsed()),
            );
        }
    }
    if show_timings {
        if let Some(peak) = peak_memory() {
            eprintln!("timings: peak resident memory {peak}");
        }
    }
    if check {
        if changes.is_empty() {
            eprintln!("codegen --check: generated code is up to date");
            ExitCode::SUCCESS
        } else {
            eprintln!(
                "codegen --check: {} file(s) are stale; run `cargo xtask codegen`:",
                changes.len()
            );
            eprint!("{}", write::summary(&changes, 200));
            ExitCode::FAILURE
        }
    } else {
        // Name the files when there are few; a full regeneration of a large set is a count.
        const LISTED: usize = 20;
        for change in changes.iter().take(LISTED) {
            let verb = if matches!(change, write::Change::Removed { .. }) {
                "removed"
            } else {
                "wrote"
            };
            eprintln!("  {verb} {}", change.path());
        }
        if changes.len() > LISTED {
            eprintln!("  … and {} more", changes.len() - LISTED);
        }
        eprintln!(
            "codegen: {} file(s) changed, {unchanged} unchanged",
            changes.len()
        );
        ExitCode::SUCCESS
    }
}

fn prefix_path(change: &mut write::Change, root: &Path) {
    let full = root
        .join(change.path())
        .to_string_lossy()
        .replace('\\', "/");
    *change.path_mut() = full;
}

/// Shows paths relative to the current directory when possible, so diagnostics stay short
/// and identical on every machine.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Peak resident set size of this process (Linux: `VmHWM` in /proc/self/status).
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.trim_start_matches("VmHWM:").trim().to_owned())
}
