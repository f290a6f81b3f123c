//! `cargo xtask bench [--quick]`: every performance figure of the project in one run,
//! printed as a table and written to `BENCHMARKS.md` with the machine and the commands.
//!
//! - codegen wall time and per-stage time for N = 5 (the real specs), 100, 1,000, 10,000
//!   synthetic specs (`cargo xtask synth`), with the release binary already built;
//! - no-op regeneration at N = 1,000, and what one touched spec rewrites;
//! - peak memory of codegen at every N;
//! - compile time of the generated crate (N = 100 and 1,000; debug and release; one
//!   provider feature against all) and lines of code per operation;
//! - progenitor re-timed in the same run on the same operations (codegen, debug build, lines
//!   per operation), with the ratios the targets are set in (`xtask/src/peer.rs`);
//! - decode/encode speed, from the criterion bench `tests/benches/decode.rs`.
//!
//! Timings are medians over several runs, with min–max. Nothing here is a pass/fail test:
//! targets are reported as met or missed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Several measurements of one thing.
#[derive(Clone, Default)]
pub(crate) struct Samples(Vec<f64>);

impl Samples {
    pub(crate) fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    fn sorted(&self) -> Vec<f64> {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        v
    }

    pub(crate) fn median(&self) -> f64 {
        let v = self.sorted();
        if v.is_empty() {
            return f64::NAN;
        }
        if v.len() % 2 == 1 {
            v[v.len() / 2]
        } else {
            (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
        }
    }

    /// `median (min–max)` with `digits` decimals.
    pub(crate) fn show(&self, digits: usize) -> String {
        let v = self.sorted();
        match (v.first(), v.last()) {
            (Some(min), Some(max)) if v.len() > 1 => {
                format!(
                    "{:.digits$} ({:.digits$}–{:.digits$})",
                    self.median(),
                    min,
                    max
                )
            }
            (Some(only), _) => format!("{only:.digits$}"),
            _ => "–".to_owned(),
        }
    }
}

/// Per-stage times of one codegen run, in ms, as printed by `codegen --timings`.
#[derive(Default)]
struct Stages {
    wall: Samples,
    load: Samples,
    validate: Samples,
    lower: Samples,
    emit: Samples,
    tokens_cpu: Samples,
    format_cpu: Samples,
    write: Samples,
    peak_mb: Samples,
}

struct Bench {
    root: PathBuf,
    xtask: PathBuf,
    work: PathBuf,
    /// Where each timed codegen run writes (`run_dirs.rs`).
    runs: crate::run_dirs::RunDirs,
    quick: bool,
    report: String,
}

pub fn run(root: &Path, quick: bool) -> Result<(), String> {
    eprintln!("bench: building the release generator");
    cargo(root, &["build", "--release", "-q", "-p", "xtask"], &[])?;
    let work = cloudjobs_codegen::sample::target_dir(root).join("bench");
    let mut bench = Bench {
        root: root.to_path_buf(),
        xtask: cloudjobs_codegen::sample::target_dir(root).join("release/xtask"),
        runs: crate::run_dirs::RunDirs::new(work.join("runs"))?,
        work,
        quick,
        report: String::new(),
    };
    std::fs::create_dir_all(&bench.work).map_err(|e| e.to_string())?;
    bench.header();
    let sizes: &[usize] = if quick {
        &[5, 100, 1000]
    } else {
        &[5, 100, 1000, 10_000]
    };
    let compiled: &[usize] = if quick { &[100] } else { &[100, 1000] };
    let steps = bench
        .codegen_throughput(sizes)
        .and_then(|()| bench.noop(1000))
        .and_then(|()| bench.compile_time(compiled))
        .and_then(|()| bench.peer(compiled))
        .and_then(|()| bench.decode());
    // Removed whatever happened: a failed run would otherwise leave gigabytes, and the next
    // bench would delete them just before its first timed run.
    let steps = steps.and(bench.runs.remove());
    print!("{}", bench.report);
    if let Err(e) = steps {
        // What was measured before the failure is kept, outside BENCHMARKS.md.
        let partial = bench.work.join("partial-results.md");
        let _ = std::fs::write(&partial, &bench.report);
        return Err(format!(
            "{e}\nBENCHMARKS.md is unchanged; the results so far are in {}",
            partial.display()
        ));
    }
    let path = root.join("BENCHMARKS.md");
    let existing = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, bench.markdown(&existing))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("bench: wrote {}", path.display());
    Ok(())
}

/// Runs `cargo ARGS` in `dir` with `env`; its wall time, or an error with its stderr.
/// `cargo clean -q -p P…` for each of `packages` (and `extra` flags such as `--release`): a
/// generated crate is several packages, the facade and one per service.
pub(crate) fn clean(
    dir: &Path,
    packages: &[String],
    extra: &[&str],
    env: &[(&str, &Path)],
) -> Result<Duration, String> {
    let mut args = vec!["clean", "-q"];
    for package in packages {
        args.extend(["-p", package.as_str()]);
    }
    args.extend(extra);
    cargo(dir, &args, env)
}

pub(crate) fn cargo(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Result<Duration, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.args(args).current_dir(dir);
    for (key, value) in env {
        command.env(key, value);
    }
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(elapsed)
}

/// The number after `label` in `text` (`"load 12.5 ms"` → 12.5).
fn number_after(text: &str, label: &str) -> Option<f64> {
    let rest = &text[text.find(label)? + label.len()..];
    let number: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse().ok()
}

impl Bench {
    fn header(&mut self) {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|c| {
                c.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".to_owned());
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        let memory = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| number_after(&m, "MemTotal:"))
            .map_or("unknown".to_owned(), |kb| {
                format!("{:.0} GiB", kb / 1024.0 / 1024.0)
            });
        let rustc = Command::new("rustc")
            .arg("-V")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        let _ = writeln!(
            self.report,
            "Machine: {cpu}, {cores} cores, {memory} memory; {rustc}; run: `cargo xtask bench{}`\n",
            if self.quick { " --quick" } else { "" }
        );
    }

    fn synth(&self, n: usize) -> Result<PathBuf, String> {
        if n == 5 {
            return Ok(self.root.join("specs"));
        }
        let dir = self.work.join(format!("specs-{n}"));
        let status = Command::new(&self.xtask)
            .args(["synth", &n.to_string(), "--out"])
            .arg(&dir)
            .output()
            .map_err(|e| e.to_string())?;
        if !status.status.success() {
            return Err(String::from_utf8_lossy(&status.stderr).into_owned());
        }
        Ok(dir)
    }

    /// Runs the release generator; returns wall time and stderr.
    fn codegen(
        &self,
        specs: &Path,
        out: &Path,
        extra: &[&str],
    ) -> Result<(Duration, String), String> {
        let start = Instant::now();
        let output = Command::new(&self.xtask)
            .arg("codegen")
            .args(extra)
            .arg("--specs")
            .arg(specs)
            .arg("--out")
            .arg(out)
            .output()
            .map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !output.status.success() {
            return Err(format!("codegen failed:\n{stderr}"));
        }
        Ok((elapsed, stderr))
    }

    fn codegen_throughput(&mut self, sizes: &[usize]) -> Result<(), String> {
        let mut rows = Vec::new();
        for &n in sizes {
            eprintln!("bench: codegen N = {n}");
            let specs = self.synth(n)?;
            let runs = match (n, self.quick) {
                (10_000, _) => 3,
                (_, true) => 3,
                _ => 5,
            };
            let mut stages = Stages::default();
            for _ in 0..runs {
                let out = self.runs.next(&format!("out-{n}"));
                let (wall, stderr) = self.codegen(&specs, &out, &["--force", "--timings"])?;
                stages.wall.push(wall.as_secs_f64() * 1e3);
                for (samples, label) in [
                    (&mut stages.load, "load"),
                    (&mut stages.validate, "validate"),
                    (&mut stages.lower, "lower"),
                    (&mut stages.emit, "emit+format"),
                    (&mut stages.tokens_cpu, "tokens"),
                    (&mut stages.format_cpu, ", format"),
                    (&mut stages.write, "write"),
                ] {
                    if let Some(ms) = stderr
                        .lines()
                        .find(|l| l.starts_with("timings "))
                        .and_then(|l| number_after(l, label))
                    {
                        samples.push(ms);
                    }
                }
                if let Some(kb) = number_after(&stderr, "peak resident memory") {
                    stages.peak_mb.push(kb / 1024.0);
                }
            }
            rows.push((n, stages));
        }
        let _ = writeln!(
            self.report,
            "### Codegen: whole run and per stage (ms; median (min–max))\n"
        );
        let _ = writeln!(
            self.report,
            "| N | wall | per spec | load | validate | lower | emit+format (wall) | tokens (cpu) | format (cpu) | write | peak memory (MB) |"
        );
        let _ = writeln!(self.report, "|---|---|---|---|---|---|---|---|---|---|---|");
        let mut per_spec = Vec::new();
        for (n, s) in &rows {
            let each = s.wall.median() / *n as f64;
            per_spec.push((*n, each));
            let _ = writeln!(
                self.report,
                "| {n} | {} | {each:.3} | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.wall.show(0),
                s.load.show(1),
                s.validate.show(1),
                s.lower.show(1),
                s.emit.show(0),
                s.tokens_cpu.show(0),
                s.format_cpu.show(0),
                s.write.show(0),
                s.peak_mb.show(0),
            );
        }
        let at = |n: usize| per_spec.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        let wall = |n: usize| {
            rows.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, s)| s.wall.median())
        };
        let _ = writeln!(self.report);
        if let (Some(small), Some(large)) = (at(100), at(10_000)) {
            let ratio = large / small;
            let _ = writeln!(
                self.report,
                "- Linearity: cost per spec at N = 10,000 is {ratio:.2}× the cost at N = 100 (target ≤ 1.5×: {}).",
                verdict(ratio <= 1.5)
            );
        }
        if let Some(ms) = wall(1000) {
            let _ = writeln!(
                self.report,
                "- N = 1,000 in {ms:.0} ms (target < 1,000 ms: {}).",
                verdict(ms < 1000.0)
            );
        }
        if let Some(ms) = wall(10_000) {
            let _ = writeln!(
                self.report,
                "- N = 10,000 in {ms:.0} ms (target < 10,000 ms: {}).",
                verdict(ms < 10_000.0)
            );
        }
        if let (Some(a), Some(b)) = (
            rows.iter()
                .find(|(k, _)| *k == 1000)
                .map(|(_, s)| s.peak_mb.median()),
            rows.iter()
                .find(|(k, _)| *k == 10_000)
                .map(|(_, s)| s.peak_mb.median()),
        ) {
            let _ = writeln!(
                self.report,
                "- Memory: {a:.0} MB at N = 1,000 and {b:.0} MB at N = 10,000 ({:.1}× for 10× the specs: {}).",
                b / a,
                if b / a <= 10.5 {
                    "linear or better"
                } else {
                    "faster than linear"
                }
            );
        }
        let _ = writeln!(self.report);
        Ok(())
    }

    fn noop(&mut self, n: usize) -> Result<(), String> {
        eprintln!("bench: no-op regeneration at N = {n}");
        let specs = self.synth(n)?;
        let out = self.runs.next(&format!("noop-{n}"));
        let (full, _) = self.codegen(&specs, &out, &["--force"])?;
        let mut noop = Samples::default();
        for _ in 0..10 {
            let (wall, stderr) = self.codegen(&specs, &out, &[])?;
            if !stderr.contains("up to date") {
                return Err(format!("a no-op run regenerated:\n{stderr}"));
            }
            noop.push(wall.as_secs_f64() * 1e3);
        }
        // Touch one spec: change a response description, which only its own file shows.
        let touched = cloudjobs_codegen::load::spec_paths(&specs)
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"docs\": \"OK\"")))
            .ok_or("no spec to touch")?;
        let original = std::fs::read_to_string(&touched).map_err(|e| e.to_string())?;
        let changed = original.replacen("\"docs\": \"OK\"", "\"docs\": \"OK (touched)\"", 1);
        std::fs::write(&touched, &changed).map_err(|e| e.to_string())?;
        let result = self.codegen(&specs, &out, &[]);
        std::fs::write(&touched, &original).map_err(|e| e.to_string())?;
        let (touch_wall, stderr) = result?;
        let rewritten: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.trim().strip_prefix("wrote "))
            .collect();
        let _ = writeln!(self.report, "### No-op regeneration (N = {n})\n");
        let _ = writeln!(self.report, "| run | wall (ms) |\n|---|---|");
        let _ = writeln!(
            self.report,
            "| full (`--force`) | {:.0} |",
            full.as_secs_f64() * 1e3
        );
        let _ = writeln!(
            self.report,
            "| nothing changed (10 runs) | {} |",
            noop.show(1)
        );
        let _ = writeln!(
            self.report,
            "| one spec changed | {:.0} |\n",
            touch_wall.as_secs_f64() * 1e3
        );
        let share = noop.median() / (full.as_secs_f64() * 1e3);
        let _ = writeln!(
            self.report,
            "- A no-op run takes {:.1}% of a full run (target < 10%: {}) and {:.1} ms (target < 100 ms: {}); it writes nothing.",
            share * 100.0,
            verdict(share < 0.1),
            noop.median(),
            verdict(noop.median() < 100.0)
        );
        let _ = writeln!(
            self.report,
            "- Changing one spec rewrote {} file(s): {}.\n",
            rewritten.len(),
            rewritten
                .iter()
                .map(|p| format!("`{}`", p.rsplit('/').next().unwrap_or(p)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(())
    }

    fn compile_time(&mut self, sizes: &[usize]) -> Result<(), String> {
        let target_dir = self.work.join("compile-target");
        let runs = if self.quick { 1 } else { 3 };
        let _ = writeln!(
            self.report,
            "### Compile time of the generated crate (s; median (min–max) of {runs})\n"
        );
        let _ = writeln!(
            self.report,
            "| N | lines | lines per operation | debug, all features | debug, one provider | release, all features | debug, a binary calling every operation |"
        );
        let _ = writeln!(self.report, "|---|---|---|---|---|---|---|");
        let mut debug_100 = None;
        for &n in sizes {
            eprintln!("bench: compile time N = {n}");
            let specs = self.synth(n)?;
            let dir = self.work.join(format!("crate-{n}"));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let manifest = cloudjobs_codegen::sample::scratch_manifest(
                &self.root,
                &["cloudjobs", CALLS_EVERY_OPERATION],
            )?;
            std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
            write_calls_every_operation(&dir)?;
            // The workspace's lock file, so dependency versions match and none is resolved anew.
            let lock = std::fs::read_to_string(self.root.join("Cargo.lock")).unwrap_or_default();
            std::fs::write(dir.join("Cargo.lock"), lock).map_err(|e| e.to_string())?;
            self.codegen(&specs, &dir.join("cloudjobs"), &["--force"])?;
            let lines = generated_lines(&dir.join("cloudjobs"));
            let packages = generated_packages(&dir.join("cloudjobs"));
            let env = [("CARGO_TARGET_DIR", target_dir.as_path())];
            // Dependencies first, so only the generated crate is timed.
            // `-p cloudjobs`: the facade and the service crates its features turn on (every
            // service crate is a member of the workspace, which a bare `cargo build` builds).
            cargo(&dir, &["build", "-q", "-p", "cloudjobs"], &env)?;
            cargo(&dir, &["build", "-q", "-p", "cloudjobs", "--release"], &env)?;
            // `runs` builds with `args`, each after `cargo clean -p` of `cleaned`.
            let timed = |args: &[&str], runs: usize, cleaned: &[String]| {
                let mut samples = Samples::default();
                let release: &[&str] = if args.contains(&"--release") {
                    &["--release"]
                } else {
                    &[]
                };
                for _ in 0..runs {
                    clean(&dir, cleaned, release, &env)?;
                    samples.push(cargo(&dir, args, &env)?.as_secs_f64());
                }
                Ok::<Samples, String>(samples)
            };
            let debug = timed(&["build", "-q", "-p", "cloudjobs"], runs, &packages)?;
            let one = timed(
                &[
                    "build",
                    "-q",
                    "-p",
                    "cloudjobs",
                    "--no-default-features",
                    "--features",
                    "provider00",
                ],
                runs,
                &packages,
            )?;
            // A release build of 1,000 operations takes minutes: one run there.
            let release_runs = if n >= 1000 { 1 } else { runs };
            let release = timed(
                &["build", "-q", "-p", "cloudjobs", "--release"],
                release_runs,
                &packages,
            )?;
            // Where the code of `#[inline]` functions is compiled: in the crate that calls
            // them. The binary's own build, the bindings built already.
            let user = [CALLS_EVERY_OPERATION.to_owned()];
            let user_build = ["build", "-q", "-p", CALLS_EVERY_OPERATION];
            cargo(&dir, &user_build, &env)?;
            let every = timed(&user_build, runs, &user)?;
            if n == 100 {
                debug_100 = Some(debug.median());
            }
            let _ = writeln!(
                self.report,
                "| {n} | {lines} | {:.0} | {} | {} | {} | {} |",
                lines as f64 / n as f64,
                debug.show(2),
                one.show(2),
                if release_runs < runs {
                    format!("{} (one run)", release.show(2))
                } else {
                    release.show(2)
                },
                every.show(2)
            );
        }
        let _ = writeln!(self.report);
        if let Some(s) = debug_100 {
            let _ = writeln!(
                self.report,
                "- Debug build of the crate from 100 operations: {s:.2} s (target < 2 s: {}).\n",
                verdict(s < 2.0)
            );
        }
        Ok(())
    }

    /// progenitor re-timed on the same operations (`xtask/src/peer.rs`).
    fn peer(&mut self, sizes: &[usize]) -> Result<(), String> {
        let mut sets = Vec::new();
        for &n in sizes {
            sets.push((n, self.synth(n)?));
        }
        let mut cx = crate::peer::Context {
            root: &self.root,
            xtask: &self.xtask,
            work: &self.work,
            runs: &mut self.runs,
        };
        let section = crate::peer::run(&mut cx, &sets)?;
        self.report.push_str(&section);
        Ok(())
    }

    fn decode(&mut self) -> Result<(), String> {
        eprintln!("bench: decode/encode (criterion)");
        let mut args = vec![
            "bench",
            "-q",
            "-p",
            "cloudjobs-tests",
            "--bench",
            "decode",
            "--",
            "--noplot",
        ];
        if self.quick {
            // Shorter than criterion's default, but not so short that a shared VM's swings
            // (measured: ±70% between 1 s runs of the same code) decide the figures.
            args.extend(["--warm-up-time", "1", "--measurement-time", "3"]);
        }
        cargo(&self.root, &args, &[])?;
        let criterion = cloudjobs_codegen::sample::target_dir(&self.root).join("criterion");
        let groups = [
            "drs_batch_1",
            "drs_batch_100",
            "drs_batch_10000",
            "sdrs_sub_jobs_100",
            "rds_job",
        ];
        let _ = writeln!(
            self.report,
            "### Decode and encode (MB/s; median (min–max) over criterion's samples)\n"
        );
        let _ = writeln!(
            self.report,
            "| payload | bytes | typed decode | `Value` decode | typed ÷ `Value` | typed encode | `Value` encode | typed ÷ `Value` |"
        );
        let _ = writeln!(self.report, "|---|---|---|---|---|---|---|---|");
        let mut decode_ratios = Vec::new();
        for group in groups {
            let read = |f: &str| criterion_throughput(&criterion.join(group).join(f));
            let (Some(td), Some(vd), Some(te), Some(ve)) = (
                read("typed_decode"),
                read("value_decode"),
                read("typed_encode"),
                read("value_encode"),
            ) else {
                let _ = writeln!(
                    self.report,
                    "| {group} | – | (no criterion results) | | | | | |"
                );
                continue;
            };
            decode_ratios.push((group, td.1.median() / vd.1.median()));
            let _ = writeln!(
                self.report,
                "| {group} | {} | {} | {} | {:.2} | {} | {} | {:.2} |",
                td.0,
                td.1.show(0),
                vd.1.show(0),
                td.1.median() / vd.1.median(),
                te.1.show(0),
                ve.1.show(0),
                te.1.median() / ve.1.median()
            );
        }
        let _ = writeln!(self.report);
        if let Some(worst) = decode_ratios.iter().map(|(_, r)| *r).min_by(f64::total_cmp) {
            let _ = writeln!(
                self.report,
                "- Typed decode is {worst:.2}× the speed of `Value` decode at worst (target ≥ 1.5×: {}).",
                verdict(worst >= 1.5)
            );
        }
        let group = criterion.join("drs_batch_10000");
        if let (Some(typed), Some(plain)) = (
            criterion_throughput(&group.join("typed_decode")),
            criterion_throughput(&group.join("plain_derive_decode")),
        ) {
            let cost = plain.1.median() / typed.1.median();
            let _ = writeln!(
                self.report,
                "- Keeping unknown fields: the plain derive (no extra map) decodes the 10,000-result payload {cost:.2}× as fast as the generated type (target ≤ 1.2×: {}).",
                verdict(cost <= 1.2)
            );
        }
        let _ = writeln!(self.report);
        Ok(())
    }

    /// BENCHMARKS.md with this run's results between the markers; everything outside them
    /// (the hand-written analysis of the profiles) is kept from `existing`.
    fn markdown(&self, existing: &str) -> String {
        let results = format!("{RESULTS_START}\n{}{RESULTS_END}", self.report);
        if let (Some(start), Some(end)) = (existing.find(RESULTS_START), existing.find(RESULTS_END))
        {
            if start < end {
                return format!(
                    "{}{results}{}",
                    &existing[..start],
                    &existing[end + RESULTS_END.len()..]
                );
            }
        }
        let mut out = String::from(
            "# Benchmarks\n\n\
             Written by `cargo xtask bench` (`--quick` for a short run); every figure below is from the run that \
             wrote this file. Reproduce with:\n\n\
             ```sh\n\
             cargo xtask bench            # everything (N up to 10,000; compile times for N = 100 and 1,000)\n\
             cargo xtask bench --quick    # N up to 1,000; compile time and progenitor for N = 100; short criterion runs\n\
             cargo xtask synth 1000 --out /tmp/specs-1000 && cargo build --release -p xtask \\\n\
             \x20 && target/release/xtask codegen --force --timings --specs /tmp/specs-1000 --out /tmp/out-1000\n\
             cargo bench -p cloudjobs-tests --bench decode\n\
             ```\n\n\
             What the figures mean:\n\n\
             - **Codegen** runs the release `xtask codegen --force --timings` as a child process on a fresh output \
             directory (so every file is written), one no run has used: outputs are removed when the bench ends, since \
             on this machine's file system (ext4 without a journal) creating files right after deleting as many \
             costs kernel time the generator does not spend (`xtask/src/run_dirs.rs`). *wall* is the whole process; the stages are measured inside it: \
             *load* reads and parses the spec files, *validate* checks them, *lower* builds the IR, *emit+format* \
             writes structs and enums as text and builds token streams for the rest, formatted with prettyplease (in parallel; the CPU split is summed over \
             threads), *write* compares with the disk and writes changed files atomically. Specs come from \
             `cargo xtask synth N` (the five seeds varied; up to 40 providers, 10 operations per service).\n\
             - **No-op** runs codegen again with nothing changed (the shortcut in `xtask/src/cache.rs`), then after \
             changing one spec.\n\
             - **Compile time** builds the generated crate in a scratch workspace whose dependencies are already \
             built, after `cargo clean -p` of each of its packages (the facade and one crate per service): the time is the generated crates alone \
             (the release build of 1,000 operations runs once); then a binary that calls every operation through the \
             registry (`cloudjobs::operations()`, as the CLI does) is built after `cargo clean -p` of it alone: generated \
             functions are `#[inline]`, so their code is compiled in the crate that calls them.\n\
             - **Against progenitor** re-times progenitor in the same run (`xtask/src/peer.rs`) on the same \
             synthetic operations, exported by `cargo xtask openapi --openapi-version 3.0`: `cargo xtask codegen \
             --force` as the README types it (dev-profile build, warm), the release binary and `cargo progenitor` \
             (pinned, installed under `target/peer/`, builder interface), each into a fresh directory; then a debug \
             build of each crate after `cargo clean -p`, dependencies built; alternating, median of 3; with valgrind, \
             rustc's instructions for one more build of each at N = 100 (cachegrind: the same in every run; \
             at N = 1,000 it would take hours).\n\
             - **Decode/encode** comes from criterion (`tests/benches/decode.rs`): bytes per second of the payload, \
             typed (the generated types) against `serde_json::Value` on the same bytes in the same run.\n\n\
             ## Results\n\n",
        );
        out.push_str(&results);
        out.push_str("\n\n## Where the time goes\n\n(Kept across runs: write the analysis of the profiles here.)\n");
        out
    }
}

/// The machine-written part of BENCHMARKS.md lies between these markers.
const RESULTS_START: &str =
    "<!-- results: written by `cargo xtask bench`; edits between the markers are lost -->";
const RESULTS_END: &str = "<!-- end of results -->";

/// How a target reads in the report.
pub(crate) fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

/// Lines in every file under `dir`.
/// The packages of the generated crate in `dir`: the facade first, then one per service
/// (each `services/*/Cargo.toml`'s name) in name order.
pub(crate) fn generated_packages(dir: &Path) -> Vec<String> {
    let mut packages = vec![cloudjobs_codegen::CRATE_NAME.to_owned()];
    for manifest in service_dirs(dir).iter().map(|d| d.join("Cargo.toml")) {
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        let name = text
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|rest| rest.strip_suffix('"'));
        packages.extend(name.map(str::to_owned));
    }
    packages[1..].sort();
    packages
}

/// The package of the compile-time step's binary that calls every operation (through
/// the registry, as the CLI does), beside the generated crate.
const CALLS_EVERY_OPERATION: &str = "calls-every-operation";

/// Writes that binary: it decodes its argument as the 200 body of every operation.
fn write_calls_every_operation(dir: &Path) -> Result<(), String> {
    let package = dir.join(CALLS_EVERY_OPERATION);
    std::fs::create_dir_all(package.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{CALLS_EVERY_OPERATION}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\ncloudjobs = {{ path = \"../cloudjobs\" }}\n"
    );
    let main = "fn main() {\n    let body = std::env::args().nth(1).unwrap_or_default();\n    for op in cloudjobs::operations() {\n        let _ = op.decode(cloudjobs::Payload::Response(200), body.as_bytes());\n    }\n}\n";
    std::fs::write(package.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(package.join("src/main.rs"), main).map_err(|e| e.to_string())
}

/// Lines of the generated crate in `dir`: its `src/` and every service crate's `src/`.
pub(crate) fn generated_lines(dir: &Path) -> usize {
    let services: usize = service_dirs(dir)
        .iter()
        .map(|d| count_lines(&d.join("src")))
        .sum();
    count_lines(&dir.join("src")) + services
}

fn service_dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("services")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect()
}

pub(crate) fn count_lines(dir: &Path) -> usize {
    let mut total = 0;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += count_lines(&path);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            total += text.lines().count();
        }
    }
    total
}

/// (payload bytes, MB/s per criterion sample) of one criterion benchmark.
fn criterion_throughput(dir: &Path) -> Option<(u64, Samples)> {
    let read = |name: &str| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(dir.join("new").join(name)).ok()?).ok()
    };
    let benchmark = read("benchmark.json")?;
    let bytes = benchmark["throughput"]["Bytes"]
        .as_u64()
        .or_else(|| benchmark["throughput"]["BytesDecimal"].as_u64())?;
    let sample = read("sample.json")?;
    let iters = sample["iters"].as_array()?;
    let times = sample["times"].as_array()?;
    let mut samples = Samples::default();
    for (i, t) in iters.iter().zip(times) {
        let per_iter_ns = t.as_f64()? / i.as_f64()?;
        samples.push(bytes as f64 / (per_iter_ns * 1e-9) / 1e6);
    }
    Some((bytes, samples))
}
