//! The shortcuts of `cargo xtask codegen`: when no spec, no output file and not the generator
//! itself changed since the last run, there is nothing to do, and reading the spec bytes plus
//! a directory listing proves it — far cheaper than generating everything to find that
//! nothing differs. When only some specs changed, only their operations are emitted (every
//! spec is still loaded and validated; an operation's file depends on its own spec alone).
//!
//! The record lives in `codegen-cache/` of the target directory (`CARGO_TARGET_DIR` when
//! set, else the workspace's `target/`), one file per output directory (named by a hash of
//! its canonical path, so two `--out` directories never share a record). It holds a hash
//! of every spec file, the size and modification time of every output file, and the
//! generator's fingerprint (the xtask binary's size and modification time, so a rebuilt
//! generator always regenerates). Anything unexpected — a missing record, an unreadable
//! file — just means a full run. `--check` and the staleness test never use it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use cloudjobs_codegen::SpecId;
use serde_json::{Value, json};

/// What the inputs and outputs of one target look like right now.
pub struct State {
    fingerprint: String,
    /// Each spec's hash, by its path inside the specs directory.
    specs: BTreeMap<SpecId, String>,
    outputs: BTreeMap<String, (u64, u128)>,
}

impl State {
    /// Hashes every spec under `specs` and lists every output (files under the generated
    /// directories of `out`, plus `extra` files such as the manifest and the schema).
    pub fn read(specs: &Path, out: &Path, extra: &[PathBuf]) -> Option<State> {
        use rayon::prelude::*;
        // Read and hashed in parallel: at 1,000 specs (16 MB) this was 30 ms on one core.
        let spec_hashes = cloudjobs_codegen::load::spec_paths(specs)
            .ok()?
            .par_iter()
            .map(|path| {
                let bytes = fs::read(path).ok()?;
                // Keyed as the generator keys its units, so `Since::Specs` is its "only" set.
                let id = SpecId::of(specs, path)?;
                Some((id, format!("{:016x}", fnv1a(&bytes))))
            })
            .collect::<Option<BTreeMap<_, _>>>()?;
        let mut files = Vec::new();
        for dir in cloudjobs_codegen::GENERATED_DIRS {
            list(&out.join(dir), &mut files);
        }
        files.extend(extra.iter().cloned());
        let outputs = files
            .par_iter()
            .map(|file| Some((file.to_string_lossy().into_owned(), stat(file)?)))
            .collect::<Option<BTreeMap<_, _>>>()?;
        Some(State {
            fingerprint: fingerprint()?,
            specs: spec_hashes,
            outputs,
        })
    }

    /// How many output files the state lists.
    pub fn outputs(&self) -> usize {
        self.outputs.len()
    }

    /// How this state differs from the one recorded at `record`.
    pub fn compare(&self, record: &Path) -> Since {
        let Some(saved) = fs::read(record)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        else {
            return Since::Unknown;
        };
        let now = self.to_json();
        if saved == now {
            return Since::Nothing;
        }
        // Only spec contents (or new specs) changed: the rest of the output is current.
        let (Some(old_specs), Some(new_specs)) =
            (saved["specs"].as_object(), now["specs"].as_object())
        else {
            return Since::Unknown;
        };
        if saved["fingerprint"] != now["fingerprint"]
            || saved["outputs"] != now["outputs"]
            || old_specs.keys().any(|k| !new_specs.contains_key(k))
        {
            return Since::Unknown;
        }
        Since::Specs(
            new_specs
                .iter()
                .filter(|(k, v)| old_specs.get(*k) != Some(v))
                .map(|(k, _)| SpecId::new(k))
                .collect(),
        )
    }

    /// Saves this state (read after the outputs were written) as the record.
    pub fn save(&self, record: &Path) {
        if let Ok(text) = serde_json::to_vec(&self.to_json()) {
            // A record that fails to save only costs the next run its shortcut.
            let _ = cloudjobs_codegen::write::write_atomic(record, &text);
        }
    }

    fn to_json(&self) -> Value {
        let outputs: BTreeMap<&String, [String; 2]> = self
            .outputs
            .iter()
            .map(|(k, (len, time))| (k, [len.to_string(), time.to_string()]))
            .collect();
        let specs: BTreeMap<&str, &String> =
            self.specs.iter().map(|(k, v)| (k.as_str(), v)).collect();
        json!({ "fingerprint": self.fingerprint, "specs": specs, "outputs": outputs })
    }
}

/// What changed since the recorded run.
pub enum Since {
    /// Nothing: the outputs are current.
    Nothing,
    /// Only these specs changed or appeared; everything else is as recorded.
    Specs(BTreeSet<SpecId>),
    /// Unknown (no record, another generator, edited outputs, removed specs): regenerate all.
    Unknown,
}

/// Where the record of the output directory `out` lives under `target_dir`.
pub fn record_path(target_dir: &Path, out: &Path) -> PathBuf {
    // Absolute even before the first run creates `out`, so the key does not depend on the
    // current directory.
    let key = fs::canonicalize(out)
        .or_else(|_| std::path::absolute(out))
        .unwrap_or_else(|_| out.to_path_buf());
    target_dir.join("codegen-cache").join(format!(
        "{:016x}.json",
        fnv1a(key.to_string_lossy().as_bytes())
    ))
}

/// FNV-1a, 64 bits: a stable hash for change detection (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((meta.len(), modified))
}

fn fingerprint() -> Option<String> {
    let (len, time) = stat(&std::env::current_exe().ok()?)?;
    Some(format!("{len}-{time}"))
}

fn list(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list(&path, out);
        } else {
            out.push(path);
        }
    }
}
