//! `cargo xtask diff --base BASE [--specs DIR] [--format text|markdown|json]`: what a change
//! to the specs does to users of the generated crate, for review. The rules live in
//! `cloudjobs_codegen::diff` (see its module doc for what counts as breaking); this module
//! reads the two sets of specs and renders the findings.
//!
//! `BASE` is a directory of specs, or a git revision whose copy of the specs directory is
//! read with `git ls-tree` + `git cat-file --batch` (no checkout, no temporary files).
//! Exit status: 0 no breaking change, 1 at least one, 2 an error (an unreadable base, a spec
//! that does not load or validate).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use cloudjobs_codegen::diff::{self, Change, Side};
use cloudjobs_codegen::{Diagnostic, SpecFile, load};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: …` lines, for the terminal.
    Text,
    /// A PR comment: a summary line, then a table per operation, breaking changes first.
    Markdown,
    /// `{"changes": [{"operation", "pointer", "change", "breaking", "detail"}]}`.
    Json,
}

/// Runs the command; `specs` is the new specs directory.
pub fn run(base: &str, specs: &Path, format: Format) -> ExitCode {
    match compare(base, specs) {
        Ok((old, new, changes)) => {
            let text = match format {
                Format::Json => json(&changes),
                Format::Markdown => markdown(base, &changes),
                Format::Text => text(&old, &new, &changes),
            };
            print!("{text}");
            if changes.iter().any(|c| c.breaking) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            ExitCode::from(2)
        }
    }
}

/// The base specs, the new specs, and the changes between them.
type Compared = (Vec<SpecFile>, Vec<SpecFile>, Vec<Change>);

/// Loads and validates both sides and diffs them; on failure, the messages to print.
fn compare(base: &str, specs: &Path) -> Result<Compared, Vec<String>> {
    let old = if Path::new(base).is_dir() {
        load::load_dir(Path::new(base)).map_err(rendered)?
    } else {
        load_revision(base, specs)?
    };
    let new = load::load_dir(specs).map_err(rendered)?;
    let mut errors: Vec<String> = Vec::new();
    for (side, specs) in [("base", &old), ("new", &new)] {
        let found: Vec<Diagnostic> = cloudjobs_codegen::check(specs, "diff")
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if !found.is_empty() {
            errors.extend(found.iter().map(ToString::to_string));
            errors.push(format!(
                "diff: {} error(s) in the {side} specs; fix them first",
                found.len()
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let changes = diff::diff(&old, &new);
    Ok((old, new, changes))
}

fn rendered(diagnostics: Vec<Diagnostic>) -> Vec<String> {
    let mut out: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    out.push(format!(
        "diff: {} spec(s) could not be loaded",
        diagnostics.len()
    ));
    out
}

/// The specs of `specs` (a directory in a git work tree) as they were at `revision`.
fn load_revision(revision: &str, specs: &Path) -> Result<Vec<SpecFile>, Vec<String>> {
    let fail = |message: String| vec![format!("diff: {message}")];
    let git = |dir: &Path, args: &[&str]| -> Result<Vec<u8>, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    };
    // The repository holding the specs directory, and the directory's path in it; for a
    // directory outside any repository, `specs/` of the repository here.
    let (repo, prefix) = match git(specs, &["rev-parse", "--show-prefix"]) {
        Ok(prefix) => (specs, String::from_utf8_lossy(&prefix).trim().to_owned()),
        Err(_) => (Path::new("."), "specs/".to_owned()),
    };
    let commit = format!("{revision}^{{commit}}");
    git(repo, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        fail(format!(
            "`{revision}` is neither a directory of specs nor a git revision of the repository holding {}",
            repo.display()
        ))
    })?;
    let listing = git(
        repo,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            revision,
            "--",
            &prefix,
        ],
    )
    .map_err(fail)?;
    // `<mode> blob <sha>\t<path>` entries, NUL-separated.
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(_), Some("blob"), Some(sha)) = (meta.next(), meta.next(), meta.next()) else {
            continue;
        };
        let Some(relative) = path.strip_prefix(&prefix) else {
            continue;
        };
        if relative.ends_with(".json") && relative != load::SCHEMA_FILE {
            files.push((relative.to_owned(), sha.to_owned()));
        }
    }
    files.sort();
    let blobs = cat_blobs(repo, files.iter().map(|(_, sha)| sha.as_str())).map_err(fail)?;
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for ((relative, _), bytes) in files.iter().zip(blobs) {
        let shown = format!("{revision}:{prefix}{relative}");
        match load::load_bytes(&shown, relative, &bytes) {
            Ok(spec) => loaded.push(spec),
            Err(d) => errors.push(d.to_string()),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        errors.push(format!(
            "diff: {} spec(s) at {revision} could not be loaded",
            errors.len()
        ));
        Err(errors)
    }
}

/// The contents of the blobs `shas`, in order, from one `git cat-file --batch`.
fn cat_blobs<'a>(dir: &Path, shas: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, String> {
    let input: String = shas.map(|s| format!("{s}\n")).collect();
    let count = input.lines().count();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for git")?;
    // Write from another thread: git answers while it reads, and both pipes can fill up.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or("no stdout from git")?
        .read_to_end(&mut out)
        .map_err(|e| format!("reading git cat-file: {e}"))?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("git cat-file failed".to_owned());
    }
    // `<sha> blob <size>\n<contents>\n` per object.
    let mut blobs = Vec::with_capacity(count);
    let mut rest = &out[..];
    while !rest.is_empty() {
        let eol = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("truncated git cat-file output")?;
        let header = String::from_utf8_lossy(&rest[..eol]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("unexpected git cat-file output: {header}"))?;
        let start = eol + 1;
        let end = start + size;
        if end > rest.len() {
            return Err("truncated git cat-file output".to_owned());
        }
        blobs.push(rest[start..end].to_vec());
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    if blobs.len() != count {
        return Err(format!(
            "git cat-file returned {} of {count} files",
            blobs.len()
        ));
    }
    Ok(blobs)
}

/// `{"changes": [...]}`, keys sorted, one change per object.
pub fn json(changes: &[Change]) -> String {
    let changes: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "operation": c.operation,
                "pointer": c.pointer(),
                "change": c.kind.as_str(),
                "breaking": c.breaking,
                "detail": c.detail,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({ "changes": changes }))
        .unwrap_or_default();
    text.push('\n');
    text
}

/// The PR comment: a summary line, then a table per operation, breaking changes first (the
/// order `diff::diff` gives).
pub fn markdown(base: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut by_op: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        by_op.entry(&c.operation).or_default().push(c);
    }
    if changes.is_empty() {
        out.push_str(&format!(
            "**Spec review:** no changes to the specs since `{base}`.\n"
        ));
        return out;
    }
    let verdict = if breaking > 0 {
        format!("**{breaking} breaking**")
    } else {
        "no breaking change".to_owned()
    };
    out.push_str(&format!(
        "**Spec review:** {verdict}, {} other change(s) in {} operation(s) since `{base}`.\n",
        changes.len() - breaking,
        by_op.len()
    ));
    for (op, list) in by_op {
        out.push_str(&format!(
            "\n### `{op}`\n\n| | change | where | detail |\n|---|---|---|---|\n"
        ));
        for c in list {
            let mark = if c.breaking { "**breaking**" } else { "" };
            let pointer = match (c.pointer().as_str(), c.side) {
                ("", _) => "(whole spec)".to_owned(),
                (p, Side::Old) => format!("`{p}` (base)"),
                (p, Side::New) => format!("`{p}`"),
            };
            out.push_str(&format!(
                "| {mark} | `{}` | {pointer} | {} |\n",
                c.kind.as_str(),
                cell(&c.detail)
            ));
        }
    }
    out
}

/// Text safe inside a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// `file:line:col: breaking|change: [kind] detail` lines, then a count.
pub fn text(old: &[SpecFile], new: &[SpecFile], changes: &[Change]) -> String {
    fn by_operation(files: &[SpecFile]) -> BTreeMap<String, &SpecFile> {
        files.iter().map(|f| (f.operation_id(), f)).collect()
    }
    let (old, new) = (by_operation(old), by_operation(new));
    let mut out = String::new();
    for c in changes {
        // Prefer the new spec; a removal points into the base (or, for something removed
        // inside an operation that is still there, at its nearest surviving parent).
        let in_new = new.get(&c.operation).copied();
        let in_old = old.get(&c.operation).copied();
        let located = match (c.side, in_new, in_old) {
            (Side::New, Some(f), _) => Some((f, &c.path[..])),
            // Where the removed part was: its parent in the new spec.
            (Side::Old, Some(f), _) => Some((f, &c.path[..c.path.len().saturating_sub(1)])),
            (_, None, Some(f)) => Some((f, &c.path[..])),
            _ => None,
        };
        let location = match located {
            Some((f, path)) => {
                let (line, column) = diff::position(f, path);
                format!("{}:{line}:{column}", f.file)
            }
            None => c.operation.clone(),
        };
        let severity = if c.breaking { "breaking" } else { "change" };
        out.push_str(&format!(
            "{location}: {severity}: [{}] {}\n",
            c.kind.as_str(),
            c.detail
        ));
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    out.push_str(&format!(
        "diff: {breaking} breaking change(s), {} other change(s)\n",
        changes.len() - breaking
    ));
    out
}
