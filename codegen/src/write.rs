//! Stage 5, write: put emitted files on disk — atomically, and only when their bytes change —
//! or, for `--check`, compare without writing anything.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::emit::OutputFile;

/// How one file on disk differs from what the generator produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The file does not exist yet.
    Added { path: String },
    /// The file exists with other contents (`old`, kept for the diff summary).
    Modified {
        path: String,
        old: String,
        new: String,
    },
    /// The file is in a generated directory but the generator no longer produces it.
    Removed { path: String },
}

impl Change {
    pub fn path(&self) -> &str {
        match self {
            Change::Added { path } | Change::Modified { path, .. } | Change::Removed { path } => {
                path
            }
        }
    }

    pub fn path_mut(&mut self) -> &mut String {
        match self {
            Change::Added { path } | Change::Modified { path, .. } | Change::Removed { path } => {
                path
            }
        }
    }
}

/// Compares `files` with what is under `root`. Files under the `owned` directories (relative to `root`)
/// that the generator does not produce count as removed. Writes nothing.
///
/// Line endings do not count, as in rust-analyzer's `ensure_file_contents`: a checkout that
/// turned every `\n` into `\r\n` (git's `core.autocrlf` on Windows) holds the same code and
/// is not stale.
pub fn diff(root: &Path, owned: &[&str], files: &[OutputFile]) -> io::Result<Vec<Change>> {
    compare(root, owned, files, &[], Purpose::Check)
}

/// What a comparison is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// `--check`: line endings do not count, and `Modified` keeps both texts for the summary.
    Check,
    /// Writing: any byte that differs is rewritten, and `Modified` carries no text (writing
    /// needs none, and at thousands of files the copies would double the memory of a run).
    Write,
}

/// [`diff`], or the first half of [`write_keeping`], by `purpose`.
fn compare(
    root: &Path,
    owned: &[&str],
    files: &[OutputFile],
    keep: &[String],
    purpose: Purpose,
) -> io::Result<Vec<Change>> {
    use rayon::prelude::*;
    let keep_text = purpose == Purpose::Check;
    let compared: Vec<Option<Change>> = files
        .par_iter()
        .map(|file| {
            let target = root.join(&file.path);
            match fs::read(&target) {
                Ok(old) if old == file.contents.as_bytes() => Ok(None),
                Ok(old)
                    if purpose == Purpose::Check
                        && same_but_line_endings(&old, file.contents.as_bytes()) =>
                {
                    Ok(None)
                }
                Ok(old) => Ok(Some(Change::Modified {
                    path: file.path.clone(),
                    old: if keep_text {
                        String::from_utf8_lossy(&old).into_owned()
                    } else {
                        String::new()
                    },
                    new: if keep_text {
                        file.contents.clone()
                    } else {
                        String::new()
                    },
                })),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Some(Change::Added {
                    path: file.path.clone(),
                })),
                Err(e) => Err(with_path(e, &target)),
            }
        })
        .collect::<io::Result<_>>()?;
    let mut changes: Vec<Change> = compared.into_iter().flatten().collect();
    if !owned.is_empty() {
        let produced: HashSet<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .chain(keep.iter().map(String::as_str))
            .collect();
        let mut existing = Vec::new();
        for dir in owned {
            collect_files(&root.join(dir), &mut existing)?;
        }
        for path in existing {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if !produced.contains(relative.as_str()) {
                changes.push(Change::Removed { path: relative });
            }
        }
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(changes)
}

/// Brings `root` in line with `files`: each changed file is written to a temporary file
/// beside it and, once every one of them is written, renamed into place (so a reader, or a
/// crash, sees the old or the new file, never half of one, and a file that cannot be written
/// changes nothing); unchanged files are not touched; stale files are removed.
pub fn write(root: &Path, owned: &[&str], files: &[OutputFile]) -> io::Result<Vec<Change>> {
    write_keeping(root, owned, files, &[])
}

/// [`write()`], where `keep` lists files under the `owned` directories that are current although they are
/// not in `files` (see `Generated::unchanged`): they are neither compared nor removed.
pub fn write_keeping(
    root: &Path,
    owned: &[&str],
    files: &[OutputFile],
    keep: &[String],
) -> io::Result<Vec<Change>> {
    use rayon::prelude::*;
    let changes = compare(root, owned, files, keep, Purpose::Write)?;
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let to_write: Vec<&OutputFile> = changes
        .iter()
        .filter(|c| !matches!(c, Change::Removed { .. }))
        .filter_map(|c| by_path.get(c.path()).copied())
        .collect();
    // Every new file is staged before any is renamed into place: a file that cannot be
    // written (a full disk, a name the file system refuses) leaves the tree as it was.
    let results: Vec<io::Result<Staged>> = to_write
        .par_iter()
        .map(|file| stage(&root.join(&file.path), file.contents.as_bytes()))
        .collect();
    let mut staged = Vec::with_capacity(results.len());
    let mut failed = None;
    for result in results {
        match result {
            Ok(file) => staged.push(file),
            Err(e) => {
                failed.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failed {
        staged.into_iter().for_each(Staged::discard);
        return Err(e);
    }
    // A rename that fails leaves no temporary file behind, its own or the others'.
    let mut staged = staged.into_iter();
    while let Some(file) = staged.next() {
        if let Err(e) = file.commit() {
            staged.for_each(Staged::discard);
            return Err(e);
        }
    }
    for change in &changes {
        if let Change::Removed { path } = change {
            let target = root.join(path);
            fs::remove_file(&target).map_err(|e| with_path(e, &target))?;
            // Empty directories go too, up to the owned directory that held the file.
            let stop = owned
                .iter()
                .map(|dir| root.join(dir))
                .find(|dir| target.starts_with(dir))
                .unwrap_or_else(|| root.to_path_buf());
            remove_empty_parents(&target, &stop);
        }
    }
    Ok(changes)
}

/// Whether `a` and `b` are equal once every `\r\n` is read as `\n`.
fn same_but_line_endings(a: &[u8], b: &[u8]) -> bool {
    fn lf(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
        bytes
            .iter()
            .enumerate()
            .filter(|&(i, &byte)| !(byte == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .map(|(_, &byte)| byte)
    }
    lf(a).eq(lf(b))
}

/// Writes `bytes` to `target` through a temporary file in the same directory and a rename.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

/// A file written under a temporary name beside its target, not yet renamed into place.
struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

impl Staged {
    fn commit(self) -> io::Result<()> {
        fs::rename(&self.temp, &self.target).map_err(|e| {
            let _ = fs::remove_file(&self.temp);
            with_path(e, &self.target)
        })
    }

    fn discard(self) {
        let _ = fs::remove_file(&self.temp);
    }
}

/// Writes `bytes` to a temporary file beside `target`. The temporary name is short and does
/// not derive from the target's (a target name near the file system's 255-byte limit would
/// push a derived one over it); process ID and a counter keep it unique.
fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".codegen-{}-{n}.tmp", std::process::id()));
    // No fsync: the rename is what makes the switch atomic for readers and for a crash
    // of this process; flushing every file to disk would cost more than the whole run.
    let written = fs::File::create(&temp).and_then(|mut file| file.write_all(bytes));
    match written {
        Ok(()) => Ok(Staged {
            temp,
            target: target.to_owned(),
        }),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(with_path(e, target))
        }
    }
}

/// A readable summary of stale files: one line per file, then a bounded unified diff.
pub fn summary(changes: &[Change], max_diff_lines: usize) -> String {
    let mut out = String::new();
    for change in changes {
        let what = match change {
            Change::Added { .. } => "missing (would be created)",
            Change::Modified { .. } => "out of date",
            Change::Removed { .. } => "no longer generated (would be removed)",
        };
        out.push_str(&format!("  {}: {what}\n", change.path()));
    }
    let mut budget = max_diff_lines;
    for change in changes {
        if let Change::Modified { path, old, new } = change {
            let diff = similar::TextDiff::from_lines(old, new);
            let text = diff
                .unified_diff()
                .context_radius(2)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string();
            for line in text.lines() {
                if budget == 0 {
                    out.push_str("  … (diff cut short)\n");
                    return out;
                }
                out.push_str(line);
                out.push('\n');
                budget -= 1;
            }
        }
    }
    out
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(with_path(e, dir)),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn remove_empty_parents(file: &Path, stop: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == stop || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cloudjobs-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn writes_changed_files_only_and_removes_stale_ones() {
        let dir = temp_dir("changed");
        let first = [
            file("src/a.rs", "a"),
            file("src/b/c.rs", "c"),
            file("Cargo.toml", "t"),
        ];
        let changes = write(&dir, &["src"], &first).unwrap();
        assert_eq!(changes.len(), 3);

        let before = fs::metadata(dir.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = [file("src/a.rs", "a"), file("Cargo.toml", "t2")];
        let changes = write(&dir, &["src"], &second).unwrap();
        let paths: Vec<&str> = changes.iter().map(Change::path).collect();
        assert_eq!(paths, ["Cargo.toml", "src/b/c.rs"]);
        assert!(matches!(changes[1], Change::Removed { .. }));
        // Unchanged files are not rewritten; stale files and their empty directories go.
        assert_eq!(
            fs::metadata(dir.join("src/a.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert!(!dir.join("src/b").exists());
        assert_eq!(fs::read_to_string(dir.join("Cargo.toml")).unwrap(), "t2");
        // No temporary files are left behind.
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        assert!(write(&dir, &["src"], &second).unwrap().is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn long_names_write_and_a_refused_file_changes_nothing() {
        let dir = temp_dir("long");
        // 251 bytes of name: legal, and no temporary name may be longer than it.
        let long = format!("src/{}.rs", "n".repeat(248));
        write(
            &dir,
            &["src"],
            &[file(&long, "long"), file("src/a.rs", "a")],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(dir.join(&long)).unwrap(), "long");

        // One name the file system refuses: nothing is renamed into place, nothing is left.
        let too_long = format!("src/{}.rs", "n".repeat(300));
        let err = write(
            &dir,
            &["src"],
            &[
                file("src/a.rs", "a2"),
                file("src/b.rs", "b"),
                file(&too_long, "x"),
            ],
        )
        .unwrap_err();
        assert!(err.to_string().contains(&"n".repeat(300)), "{err}");
        assert_eq!(fs::read_to_string(dir.join("src/a.rs")).unwrap(), "a");
        assert!(!dir.join("src/b.rs").exists());
        let names: Vec<String> = fs::read_dir(dir.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn diff_writes_nothing_and_summarises() {
        let dir = temp_dir("diff");
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::write(dir.join("src/old.rs"), "old").unwrap();
        fs::write(dir.join("src/a.rs"), "one\ntwo\n").unwrap();
        let files = [file("src/a.rs", "one\nthree\n"), file("src/new.rs", "new")];
        let changes = diff(&dir, &["src"], &files).unwrap();
        assert_eq!(
            changes.iter().map(Change::path).collect::<Vec<_>>(),
            ["src/a.rs", "src/new.rs", "src/old.rs"]
        );
        assert_eq!(
            fs::read_to_string(dir.join("src/a.rs")).unwrap(),
            "one\ntwo\n"
        );
        assert!(!dir.join("src/new.rs").exists());
        let text = summary(&changes, 50);
        assert!(text.contains("src/a.rs: out of date"), "{text}");
        assert!(text.contains("src/new.rs: missing"), "{text}");
        assert!(text.contains("src/old.rs: no longer generated"), "{text}");
        assert!(text.contains("-two") && text.contains("+three"), "{text}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn check_ignores_crlf_line_endings_only() {
        let dir = temp_dir("crlf");
        fs::create_dir_all(dir.join("src")).unwrap();
        // A CRLF checkout of the generated text, and one whose text differs too.
        fs::write(dir.join("src/same.rs"), "fn a() {}\r\n\r\nfn b() {}\r\n").unwrap();
        fs::write(dir.join("src/other.rs"), "fn a() {}\r\nfn c() {}\r\n").unwrap();
        // A lone carriage return is content, not a line ending.
        fs::write(dir.join("src/cr.rs"), "a\rb\n").unwrap();
        let files = [
            file("src/same.rs", "fn a() {}\n\nfn b() {}\n"),
            file("src/other.rs", "fn a() {}\nfn b() {}\n"),
            file("src/cr.rs", "ab\n"),
        ];
        let changes = diff(&dir, &["src"], &files).unwrap();
        assert_eq!(
            changes.iter().map(Change::path).collect::<Vec<_>>(),
            ["src/cr.rs", "src/other.rs"]
        );
        assert!(same_but_line_endings(b"x\r\n", b"x\n"));
        assert!(same_but_line_endings(b"x\n", b"x\r\n"));
        assert!(!same_but_line_endings(b"x\r\n", b"x"));
        assert!(!same_but_line_endings(b"x\r", b"x"));
        assert!(!same_but_line_endings(b"x\r\n\n", b"x\n"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
