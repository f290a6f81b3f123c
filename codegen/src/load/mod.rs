//! Stage 1, load: spec files → spec model, keeping the text so that every later diagnostic
//! can name a line and column.
//!
//! - this file reads files and parses each with serde_json + serde_path_to_error;
//! - `spans`: the span index (JSON path → byte range), built once per file from one
//!   jsonc-parser parse and asked for every position found by path;
//! - `syntax`: encoding and syntax errors, at serde_json's own position, moved to where
//!   the fix goes;
//! - `data`: serde's data errors (types, unknown and missing keys) reworded in the spec's
//!   terms, with "did you mean";
//! - `structure`: what serde accepts silently (an object written as an array, a key given
//!   twice in free JSON);
//! - `unique_map`: the map of `types`, `responses` and `waiters`, which refuses a key given
//!   twice while it is read.

mod data;
mod spans;
mod structure;
mod syntax;
#[cfg(test)]
mod tests;
mod unique_map;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use spans::{PathSeg, display_path};
pub use unique_map::UniqueMap;

use crate::diagnostics::{Diagnostic, Severity, line_column};
use crate::spec::Spec;
use crate::spec_id::{DEFAULT_LABEL, SpecId};
use spans::SpanIndex;

/// The name of the JSON Schema file that sits at the root of the specs directory.
pub const SCHEMA_FILE: &str = "schema.json";

/// One loaded spec and the text it came from.
#[derive(Clone, Debug)]
pub struct SpecFile {
    /// The file, as shown in diagnostics (`specs/huaweicloud/drs/x.json`).
    pub file: String,
    /// Which file it is: its path inside the specs directory.
    id: SpecId,
    /// The specs directory's label (see [`load_dir_labelled`]).
    label: String,
    /// How generated output cites it: the label joined with the id.
    cited: String,
    /// The file's text.
    pub text: String,
    /// The parsed spec.
    pub spec: Spec,
    /// Positions in `text`, built by the first diagnostic that needs one.
    spans: OnceLock<SpanIndex>,
}

impl SpecFile {
    /// A diagnostic located at `path` in this file.
    pub fn diagnostic(
        &self,
        severity: Severity,
        path: &[PathSeg],
        message: impl Into<String>,
        suggestion: Option<String>,
    ) -> Diagnostic {
        let offset = self
            .spans
            .get_or_init(|| SpanIndex::new(&self.text))
            .locate(path);
        let (line, column) = line_column(&self.text, offset);
        Diagnostic {
            severity,
            file: self.file.clone(),
            line,
            column,
            message: message.into(),
            suggestion,
        }
    }

    /// Which file it is: its path inside the specs directory (`huaweicloud/drs/x.json`).
    pub fn id(&self) -> &SpecId {
        &self.id
    }

    /// How generated output (file headers, module docs, `FINDINGS.md`, the OpenAPI export)
    /// cites the file: its specs directory's label joined with its id
    /// (`tests/tricky/specs/tricky/names/x.json`), the same on every machine.
    pub fn cited(&self) -> &str {
        &self.cited
    }

    /// Gives the file another id in the same specs directory (for a batch of copies that
    /// must not share one).
    pub fn move_to(&mut self, id: SpecId) {
        self.cited = id.cited_in(&self.label);
        self.id = id;
    }

    /// The operation ID, `provider.service.operation`.
    pub fn operation_id(&self) -> String {
        let s = &self.spec;
        format!("{}.{}.{}", s.provider, s.service, s.operation)
    }
}

/// Loads every `*.json` spec under `dir` (except the schema), in a stable order, cited as
/// `specs/…` ([`DEFAULT_LABEL`]). Returns every file's diagnostics, not just the first.
pub fn load_dir(dir: &Path) -> Result<Vec<SpecFile>, Vec<Diagnostic>> {
    load_dir_labelled(dir, DEFAULT_LABEL)
}

/// [`load_dir`], citing the files as `label` joined with their path inside `dir` (a
/// target's specs directory as [`crate::TARGETS`] names it, `tests/tricky/specs`).
pub fn load_dir_labelled(dir: &Path, label: &str) -> Result<Vec<SpecFile>, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let paths = spec_paths(dir).map_err(|e| vec![io_diagnostic(dir, &e)])?;
    // Files are independent: read and parse them in parallel, keeping the sorted order.
    let loaded: Vec<Result<SpecFile, Diagnostic>> = paths
        .par_iter()
        .map(|path| {
            let id = SpecId::of(dir, path).unwrap_or_else(|| SpecId::new(&shown_file(path)));
            fs::read(path)
                .map_err(|e| io_diagnostic(path, &e))
                .and_then(|bytes| parse(&shown_file(path), id, label, &bytes))
        })
        .collect();
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for result in loaded {
        match result {
            Ok(spec) => specs.push(spec),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(errors)
    }
}

/// Every spec file under `dir` (`*.json`, except the schema at its root), sorted.
pub fn spec_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    collect_json_files(dir, &mut paths)?;
    paths.retain(|p| p != &dir.join(SCHEMA_FILE));
    paths.sort();
    Ok(paths)
}

/// Parses one spec from its bytes; `file` is the name diagnostics show, `relative` its path
/// inside the specs directory (cited as `specs/<relative>`).
pub fn load_bytes(file: &str, relative: &str, bytes: &[u8]) -> Result<SpecFile, Diagnostic> {
    parse(file, SpecId::new(relative), DEFAULT_LABEL, bytes)
}

fn parse(file: &str, id: SpecId, label: &str, bytes: &[u8]) -> Result<SpecFile, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(syntax::encoding_diagnostic(file, bytes, &e)),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_owned();
    let error = |finding: Finding| Err(finding.diagnostic(file, &text));
    if let Some(finding) = syntax::not_an_object(&text) {
        return error(finding);
    }
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    let spec = match serde_path_to_error::deserialize::<_, Spec>(&mut *deserializer) {
        Ok(spec) => spec,
        Err(err) => {
            // serde stops at the first problem it meets, so an unknown key on line 3 would
            // hide a stray comma on line 40; a syntax error is the one to fix first.
            // (`IgnoredAny` takes any value, so its only errors are syntax errors.)
            let syntax = err
                .inner()
                .is_data()
                .then(|| serde_json::from_str::<serde::de::IgnoredAny>(&text).err())
                .flatten();
            return error(match syntax {
                Some(e) => syntax::json_syntax_finding(&text, &e),
                None => data::serde_finding(&text, &SpanIndex::new(&text), &err),
            });
        }
    };
    // Without this, anything after the spec's closing `}` would be ignored.
    if let Err(e) = deserializer.end() {
        return error(syntax::json_syntax_finding(&text, &e));
    }
    if let Some(finding) = structure::check(&text) {
        return error(finding);
    }
    Ok(SpecFile {
        file: file.to_owned(),
        cited: id.cited_in(label),
        label: label.to_owned(),
        id,
        text,
        spec,
        spans: OnceLock::new(),
    })
}

/// A problem found while loading: where (a byte offset), what, and how to fix it.
struct Finding {
    offset: usize,
    message: String,
    suggestion: Option<String>,
}

impl Finding {
    fn new(offset: usize, message: impl Into<String>, suggestion: Option<&str>) -> Self {
        Finding {
            offset,
            message: message.into(),
            suggestion: suggestion.map(str::to_owned),
        }
    }

    fn diagnostic(self, file: &str, text: &str) -> Diagnostic {
        let (line, column) = line_column(text, self.offset);
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            column,
            message: self.message,
            suggestion: self.suggestion,
        }
    }
}

fn collect_json_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn shown_file(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn io_diagnostic(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: shown_file(path),
        line: 1,
        column: 1,
        message: format!("cannot read: {err}"),
        suggestion: None,
    }
}
