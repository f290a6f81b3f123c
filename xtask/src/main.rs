//! `cargo xtask …`: project automation. See `cargo xtask --help`.

mod fuzz;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cloudjobs_codegen::{OutputFile, write};

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
        /// Directory of spec files.
        #[arg(long, value_name = "DIR")]
        specs: Option<PathBuf>,
        /// Directory of the generated crate.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the time of each stage and the peak memory.
        #[arg(long)]
        timings: bool,
    },
    /// Write N valid specs varied from the seed specs (for benchmarks).
    Synth {
        /// How many specs.
        count: usize,
        /// Where to write them (replaced if it exists).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Fuzz the generator with mutated specs (seeds: specs/, tests/tricky/specs, tests/bad-specs).
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
    out: PathBuf,
    crate_name: String,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Codegen { check, specs, out, timings } => {
            let root = workspace_root();
            let targets = if specs.is_none() && out.is_none() {
                cloudjobs_codegen::TARGETS
                    .iter()
                    .map(|t| Target {
                        specs: relative_to_cwd(&root.join(t.specs)),
                        out: relative_to_cwd(&root.join(t.out)),
                        crate_name: t.crate_name.to_owned(),
                    })
                    .collect()
            } else {
                vec![Target {
                    specs: specs.unwrap_or_else(|| relative_to_cwd(&root.join("specs"))),
                    out: out.unwrap_or_else(|| relative_to_cwd(&root.join("generated"))),
                    crate_name: cloudjobs_codegen::CRATE_NAME.to_owned(),
                }]
            };
            codegen(&targets, check, timings)
        }
        Command::Synth { count, out } => match synth::run(&workspace_root().join("specs"), count, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("synth: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Fuzz { seconds, seed } => {
            let root = workspace_root();
            let seeds = ["specs", "tests/tricky/specs", "tests/bad-specs"].map(|d| root.join(d));
            let failures = root.join("target/fuzz-failures");
            if fuzz::run(&seeds, seconds, seed, &failures) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn codegen(targets: &[Target], check: bool, show_timings: bool) -> ExitCode {
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for target in targets {
        let (generated, timings) = match cloudjobs_codegen::generate_timed(&target.specs, &target.crate_name) {
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
        for warning in &generated.warnings {
            eprintln!("{warning}");
        }
        // The JSON Schema of the spec format sits beside the specs it describes.
        let schema = [OutputFile {
            path: cloudjobs_codegen::load::SCHEMA_FILE.to_owned(),
            contents: cloudjobs_codegen::spec_json_schema(),
        }];
        let mut outputs: Vec<(&Path, Option<&str>, &[OutputFile])> =
            vec![(&target.out, Some("src"), &generated.files)];
        if target.crate_name == cloudjobs_codegen::CRATE_NAME {
            outputs.push((&target.specs, None, &schema));
        }
        let write_start = std::time::Instant::now();
        for (root, owned, files) in outputs {
            let result = if check {
                write::diff(root, owned, files)
            } else {
                write::write(root, owned, files)
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
        for change in &changes {
            eprintln!("  wrote {}", change.path());
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
    match change {
        write::Change::Added { path, .. }
        | write::Change::Modified { path, .. }
        | write::Change::Removed { path } => *path = full,
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
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
