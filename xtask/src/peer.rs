//! The peer step of `cargo xtask bench`: progenitor, re-timed in the same run on the same
//! synthetic operations as our generator, so the ratios the targets are set in are measured
//! rather than copied.
//!
//! For each N: the specs from `cargo xtask synth N` are exported as one OpenAPI 3.0 document
//! (`cargo xtask openapi --openapi-version 3.0`: progenitor reads 3.0 only), and then
//!
//! - **codegen**: `cargo xtask codegen --force` as the README types it (the dev-profile
//!   binary, already built: one warm-up run first), the release binary, and `cargo progenitor`
//!   (builder interface) on that document, each into a directory no run has used
//!   (`run_dirs.rs`), alternating, median of 3;
//! - **compile time**: a debug build of our generated crate and of progenitor's, each in a
//!   scratch workspace whose dependencies are already built, after `cargo clean -p` of the
//!   crate, alternating, median of 3;
//! - **lines per operation** of both crates;
//! - with valgrind installed, **rustc's instructions** for one more debug build of each
//!   crate (`instructions.rs`), the figure that does not swing from run to run.
//!
//! progenitor's CLI (`cargo-progenitor`, pinned to [`PROGENITOR_VERSION`]) is installed once
//! under `target/peer/`; if it cannot be installed, the step is skipped and says why.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::bench::{Samples, cargo, count_lines, verdict};

/// The version of `cargo-progenitor` the step installs and times.
pub const PROGENITOR_VERSION: &str = "0.15.1";

/// The package name of progenitor's crate.
const PEER_CRATE: &str = "cloudjobs-progenitor";

/// How many timed runs of each tool (after one warm-up).
const RUNS: usize = 3;

/// The largest N whose builds are also counted in instructions (`instructions.rs`).
const COUNTED_UP_TO: usize = 100;

/// What the step needs from the bench.
pub struct Context<'a> {
    /// The workspace root.
    pub root: &'a Path,
    /// The release `xtask` binary.
    pub xtask: &'a Path,
    /// The bench's scratch directory (`target/bench`).
    pub work: &'a Path,
    /// Where each timed codegen run writes: a directory no run has used.
    pub runs: &'a mut crate::run_dirs::RunDirs,
}

/// Figures for one N.
struct Row {
    n: usize,
    readme: Samples,
    release: Samples,
    progenitor: Samples,
    ours_debug: Samples,
    peer_debug: Samples,
    ours_lines: usize,
    peer_lines: usize,
    /// rustc's instructions for each debug build (`instructions.rs`); `None` without
    /// valgrind.
    instructions: Option<(u64, u64)>,
}

/// Runs the step for each `(N, spec directory)`; returns the section for BENCHMARKS.md.
/// Only a failure to install progenitor skips the step (the section says so); anything
/// else that fails is an error.
pub fn run(cx: &mut Context, sets: &[(usize, PathBuf)]) -> Result<String, String> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Against progenitor {PROGENITOR_VERSION}, re-timed in this run (s; median (min–max) of {RUNS}, alternating)\n"
    );
    eprintln!("bench: peer: installing cargo-progenitor {PROGENITOR_VERSION}");
    let bin = match install(cx.root) {
        Ok(bin) => bin,
        Err(e) => {
            eprintln!("bench: peer step skipped: {e}");
            let _ = writeln!(
                out,
                "Skipped: `cargo install cargo-progenitor --version {PROGENITOR_VERSION}` failed, so progenitor was not re-timed:\n\n```text\n{}\n```\n",
                e.trim()
            );
            return Ok(out);
        }
    };
    let mut rows = Vec::new();
    for (n, specs) in sets {
        rows.push(measure(cx, &bin, *n, specs)?);
    }
    let _ = writeln!(
        out,
        "| N | `cargo xtask codegen` (README, warm) | release `xtask codegen` | `cargo progenitor` | README ÷ progenitor | debug build, ours | debug build, progenitor | ours ÷ progenitor | lines per operation, ours | lines per operation, progenitor |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.3} | {} | {} | {:.2} | {:.0} | {:.0} |",
            r.n,
            r.readme.show(2),
            r.release.show(2),
            r.progenitor.show(2),
            r.readme.median() / r.progenitor.median(),
            r.ours_debug.show(2),
            r.peer_debug.show(2),
            r.ours_debug.median() / r.peer_debug.median(),
            r.ours_lines as f64 / r.n as f64,
            r.peer_lines as f64 / r.n as f64,
        );
    }
    let _ = writeln!(out);
    for r in &rows {
        let _ = match r.instructions {
            Some((ours, peer)) => writeln!(
                out,
                "- rustc's work on the N = {} debug builds, in instructions (cachegrind; the same in every run, where wall times here swing by ±20%): ours {:.2}G, progenitor's {:.2}G, so {:.2}×.",
                r.n,
                ours as f64 / 1e9,
                peer as f64 / 1e9,
                ours as f64 / peer as f64
            ),
            None if r.n > COUNTED_UP_TO => writeln!(
                out,
                "- rustc's work on the N = {} debug builds, in instructions: not counted (under cachegrind it would take hours; counted up to N = {COUNTED_UP_TO}).",
                r.n
            ),
            None => writeln!(
                out,
                "- rustc's work on the N = {} debug builds, in instructions: not counted (valgrind is not installed).",
                r.n
            ),
        };
    }
    out.push_str(&verdicts(&rows));
    let _ = writeln!(out);
    Ok(out)
}

/// The targets of the issue that set them, met or missed; a target at an N this run did not
/// measure says so.
fn verdicts(rows: &[Row]) -> String {
    let mut out = String::new();
    let at = |n: usize| rows.iter().find(|r| r.n == n);
    let not_measured = |n: usize| format!("not measured: N = {n} runs in the full bench only");
    match at(100) {
        Some(r) => {
            let ratio = r.ours_debug.median() / r.peer_debug.median();
            let _ = writeln!(
                out,
                "- Debug build of the 100-operation crate: {:.2} s, {ratio:.2}× progenitor's {:.2} s (target ≤ 0.25×: {}).",
                r.ours_debug.median(),
                r.peer_debug.median(),
                verdict(ratio <= 0.25)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- Debug build of the 100-operation crate ≤ 0.25× progenitor's: {}.",
                not_measured(100)
            );
        }
    }
    match at(1000) {
        Some(r) => {
            let s = r.ours_debug.median();
            let _ = writeln!(
                out,
                "- Debug build of the 1,000-operation crate: {s:.2} s (target < 20 s: {}; progenitor's: {:.2} s).",
                verdict(s < 20.0),
                r.peer_debug.median()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- Debug build of the 1,000-operation crate under 20 s: {}.",
                not_measured(1000)
            );
        }
    }
    let lines: Vec<String> = rows
        .iter()
        .map(|r| format!("{:.0} at N = {}", r.ours_lines as f64 / r.n as f64, r.n))
        .collect();
    let worst = rows
        .iter()
        .map(|r| r.ours_lines as f64 / r.n as f64)
        .fold(0.0, f64::max);
    let _ = writeln!(
        out,
        "- Generated lines per operation: {} (target ≤ 300: {}).",
        lines.join(", "),
        verdict(worst <= 300.0)
    );
    match at(1000) {
        Some(r) => {
            let ratio = r.readme.median() / r.progenitor.median();
            let release = r.release.median();
            let _ = writeln!(
                out,
                "- `cargo xtask codegen` (the README command, warm build) on 1,000 specs: {:.2} s, {ratio:.3}× `cargo progenitor`'s {:.2} s (target ≤ 0.05×: {}); the release binary {release:.2} s (target ≤ 0.6 s: {}).",
                r.readme.median(),
                r.progenitor.median(),
                verdict(ratio <= 0.05),
                verdict(release <= 0.6)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- `cargo xtask codegen` on 1,000 specs ≤ 0.05× progenitor's, release ≤ 0.6 s: {}.",
                not_measured(1000)
            );
        }
    }
    out
}

/// Installs `cargo-progenitor` under the target directory's `peer/` once; returns the directory holding it.
fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = cloudjobs_codegen::sample::target_dir(root)
        .join("peer")
        .join(format!("cargo-progenitor-{PROGENITOR_VERSION}"));
    let bin = dir.join("bin");
    if bin.join("cargo-progenitor").is_file() {
        return Ok(bin);
    }
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo_bin)
        .args([
            "install",
            "--quiet",
            "--locked",
            "cargo-progenitor",
            "--version",
            &format!("={PROGENITOR_VERSION}"),
            "--root",
        ])
        .arg(&dir)
        .arg("--target-dir")
        .arg(cloudjobs_codegen::sample::target_dir(root).join("peer/install-target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !output.status.success() || !bin.join("cargo-progenitor").is_file() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "cargo install cargo-progenitor {PROGENITOR_VERSION} failed:\n{}",
            tail.join("\n")
        ));
    }
    Ok(bin)
}

/// Runs `command` to completion; its wall time, or an error with its output.
fn timed(command: &mut Command, what: &str) -> Result<Duration, String> {
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot run: {e}"))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(elapsed)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn measure(cx: &mut Context, bin: &Path, n: usize, specs: &Path) -> Result<Row, String> {
    // Under the bench's run directories, so nothing is deleted here just before timing.
    let dir = cx.runs.next(&format!("peer-{n}"));
    let document = dir.join("openapi-3.0.json");
    timed(
        Command::new(cx.xtask)
            .args(["openapi", "--openapi-version", "3.0", "--specs"])
            .arg(specs)
            .arg("--out")
            .arg(&document),
        "xtask openapi --openapi-version 3.0",
    )?;

    // Codegen: our two binaries and progenitor's, each run into a directory no run has used.
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let path_var = std::env::join_paths(
        std::iter::once(bin.to_path_buf()).chain(
            std::env::var_os("PATH")
                .iter()
                .flat_map(std::env::split_paths),
        ),
    )
    .map_err(|e| e.to_string())?;
    let peer_ws = dir.join("progenitor");
    let peer_out = peer_ws.join(PEER_CRATE);
    let readme = |out: &Path| {
        let mut c = Command::new(&cargo_bin);
        c.args(["xtask", "codegen", "--force", "--specs"])
            .arg(specs)
            .arg("--out")
            .arg(out)
            .current_dir(cx.root);
        c
    };
    let release = |out: &Path| {
        let mut c = Command::new(cx.xtask);
        c.args(["codegen", "--force", "--specs"])
            .arg(specs)
            .arg("--out")
            .arg(out);
        c
    };
    let progenitor = |out: &Path| {
        let mut c = Command::new(&cargo_bin);
        c.args(["progenitor", "--interface", "builder", "-n", PEER_CRATE])
            .args(["-v", "0.1.0", "-i"])
            .arg(&document)
            .arg("-o")
            .arg(out)
            .env("PATH", &path_var);
        c
    };
    let mut row = Row {
        n,
        readme: Samples::default(),
        release: Samples::default(),
        progenitor: Samples::default(),
        ours_debug: Samples::default(),
        peer_debug: Samples::default(),
        ours_lines: 0,
        peer_lines: 0,
        instructions: None,
    };
    eprintln!("bench: peer: codegen N = {n} (ours as README types it, ours release, progenitor)");
    for round in 0..=RUNS {
        let readme_out = cx.runs.next(&format!("readme-{n}"));
        let release_out = cx.runs.next(&format!("release-{n}"));
        let progenitor_out = cx.runs.next(&format!("progenitor-{n}"));
        for (samples, mut command, what) in [
            (&mut row.readme, readme(&readme_out), "cargo xtask codegen"),
            (&mut row.release, release(&release_out), "xtask codegen"),
            (
                &mut row.progenitor,
                progenitor(&progenitor_out),
                "cargo progenitor",
            ),
        ] {
            let wall = timed(&mut command, what)?;
            // Round 0 is the warm-up (and builds the dev-profile xtask if it is stale).
            if round > 0 {
                samples.push(wall.as_secs_f64());
            }
        }
    }
    // progenitor's crate for the build below, like ours: written once more, untimed.
    timed(&mut progenitor(&peer_out), "cargo progenitor")?;
    row.peer_lines = count_lines(&peer_out.join("src"));

    // Compile time: both crates in scratch workspaces with their dependencies built.
    let ours_ws = dir.join("ours");
    let manifest = cloudjobs_codegen::sample::scratch_manifest(cx.root, &["cloudjobs"])?;
    write(&ours_ws.join("Cargo.toml"), &manifest)?;
    // Our lock file, so dependency versions are the workspace's and nothing is resolved anew.
    let lock = std::fs::read_to_string(cx.root.join("Cargo.lock")).unwrap_or_default();
    write(&ours_ws.join("Cargo.lock"), &lock)?;
    timed(
        Command::new(cx.xtask)
            .args(["codegen", "--force", "--specs"])
            .arg(specs)
            .arg("--out")
            .arg(ours_ws.join("cloudjobs")),
        "xtask codegen",
    )?;
    // progenitor's crate, alone in a workspace with the same profile for dependencies.
    write(
        &peer_ws.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\"{PEER_CRATE}\"]\n\n[profile.dev.package.\"*\"]\ndebug = false\n"
        ),
    )?;
    let ours_target = cx.work.join("compile-target");
    let peer_target = cx.work.join("peer-target");
    // Ours is the facade and one crate per service: each is cleaned and rebuilt.
    row.ours_lines = crate::bench::generated_lines(&ours_ws.join("cloudjobs"));
    let ours_packages = crate::bench::generated_packages(&ours_ws.join("cloudjobs"));
    let peer_packages = vec![PEER_CRATE.to_owned()];
    let builds = [
        (&ours_ws, &ours_target, &ours_packages),
        (&peer_ws, &peer_target, &peer_packages),
    ];
    eprintln!("bench: peer: compile time N = {n} (dependencies first)");
    for (ws, target, packages) in builds {
        cargo(
            ws,
            &["build", "-q", "-p", &packages[0]],
            &[("CARGO_TARGET_DIR", target.as_path())],
        )?;
    }
    eprintln!("bench: peer: compile time N = {n} (ours and progenitor's, alternating)");
    for _ in 0..RUNS {
        for (i, (ws, target, packages)) in builds.iter().enumerate() {
            let env = [("CARGO_TARGET_DIR", target.as_path())];
            crate::bench::clean(ws, packages, &[], &env)?;
            let secs = cargo(ws, &["build", "-q", "-p", &packages[0]], &env)?.as_secs_f64();
            if i == 0 {
                row.ours_debug.push(secs);
            } else {
                row.peer_debug.push(secs);
            }
        }
    }
    // Under cachegrind rustc runs ~30× slower: N = 100 takes minutes, N = 1,000 would take
    // hours, so the count is made at the smaller sizes only.
    if n <= COUNTED_UP_TO && crate::instructions::available() {
        eprintln!(
            "bench: peer: rustc's instructions N = {n} (cachegrind; ours, then progenitor's)"
        );
        let ours =
            crate::instructions::count(cx.work, &ours_ws, &ours_target, &ours_packages, "ours")?;
        let peer =
            crate::instructions::count(cx.work, &peer_ws, &peer_target, &peer_packages, "peer")?;
        row.instructions = Some((ours, peer));
    }
    Ok(row)
}
