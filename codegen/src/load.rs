//! Stage 1, load: spec files → spec model, keeping the text so that every later diagnostic
//! can name a line and column.
//!
//! Positions come from two places: serde_json's own line/column for syntax errors, and a
//! span lookup over the text (jsonc-parser's AST) for everything that is found by path —
//! type errors, unknown keys, and all of the validator's findings.

use std::fs;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;

use crate::diagnostics::{Diagnostic, Severity, did_you_mean, line_column};
use crate::spec::Spec;

/// The name of the JSON Schema file that sits at the root of the specs directory.
pub const SCHEMA_FILE: &str = "schema.json";

/// One loaded spec and the text it came from.
#[derive(Clone, Debug)]
pub struct SpecFile {
    /// The file, as shown in diagnostics (`specs/huaweicloud/drs/x.json`).
    pub file: String,
    /// The file's path inside the specs directory, `/`-separated
    /// (`huaweicloud/drs/x.json`): the same on every machine, so generated code cites it.
    pub relative: String,
    /// The file's text.
    pub text: String,
    /// The parsed spec.
    pub spec: Spec,
}

/// One step of a path into a JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(key: &str) -> Self {
        PathSeg::Key(key.to_owned())
    }
}

impl From<usize> for PathSeg {
    fn from(index: usize) -> Self {
        PathSeg::Index(index)
    }
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
        let (line, column) = line_column(&self.text, locate(&self.text, path));
        Diagnostic {
            severity,
            file: self.file.clone(),
            line,
            column,
            message: message.into(),
            suggestion,
        }
    }

    /// The operation ID, `provider.service.operation`.
    pub fn operation_id(&self) -> String {
        let s = &self.spec;
        format!("{}.{}.{}", s.provider, s.service, s.operation)
    }
}

/// Loads every `*.json` spec under `dir` (except the schema), in a stable order.
/// Returns every file's diagnostics, not just the first.
pub fn load_dir(dir: &Path) -> Result<Vec<SpecFile>, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let paths = spec_paths(dir).map_err(|e| vec![io_diagnostic(dir, &e)])?;
    // Files are independent: read and parse them in parallel, keeping the sorted order.
    let loaded: Vec<Result<SpecFile, Diagnostic>> = paths
        .par_iter()
        .map(|path| {
            let relative = shown_file(path.strip_prefix(dir).unwrap_or(path));
            fs::read(path)
                .map_err(|e| io_diagnostic(path, &e))
                .and_then(|bytes| load_bytes(&shown_file(path), &relative, &bytes))
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
/// inside the specs directory.
pub fn load_bytes(file: &str, relative: &str, bytes: &[u8]) -> Result<SpecFile, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                usize::MAX,
            );
            return Err(Diagnostic {
                severity: Severity::Error,
                file: file.to_owned(),
                line,
                column,
                message: format!(
                    "the file is not valid UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
                suggestion: Some("save the spec as UTF-8".to_owned()),
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_owned();
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, Spec>(deserializer) {
        Ok(spec) => Ok(SpecFile {
            file: file.to_owned(),
            relative: relative.to_owned(),
            text,
            spec,
        }),
        Err(err) => Err(serde_diagnostic(file, &text, &err)),
    }
}

/// Turns a deserialization error into a located diagnostic with a suggestion where one exists.
fn serde_diagnostic(
    file: &str,
    text: &str,
    err: &serde_path_to_error::Error<serde_json::Error>,
) -> Diagnostic {
    let inner = err.inner();
    let full = inner.to_string();
    let message = match full.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => full,
    };
    let mut diagnostic = Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        line: inner.line().max(1),
        column: inner.column().max(1),
        message: message.clone(),
        suggestion: None,
    };
    if !inner.is_data() {
        // Syntax errors: serde_json's position is exact.
        if inner.is_eof() {
            diagnostic.suggestion =
                Some("the file ends too early: check for a missing `}` or `]`".to_owned());
        }
        return diagnostic;
    }

    let mut path: Vec<PathSeg> = err
        .path()
        .iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Seq { index } => Some(PathSeg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(PathSeg::Key(key.clone())),
            _ => None,
        })
        .collect();
    if let Some((word, expected)) = unknown_name(&message) {
        if message.starts_with("unknown field") {
            path.push(PathSeg::Key(word.clone()));
        }
        if let Some(best) = did_you_mean(&word, expected.iter().map(String::as_str)) {
            diagnostic.suggestion = Some(format!("did you mean `{best}`?"));
        } else if !expected.is_empty() {
            diagnostic.suggestion = Some(format!("expected one of {}", expected.join(", ")));
        }
    }
    let (line, column) = line_column(text, locate(text, &path));
    diagnostic.line = line;
    diagnostic.column = column;
    let shown = display_path(&path);
    if !shown.is_empty() {
        diagnostic.message = format!("at `{shown}`: {message}");
    }
    diagnostic
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or variant), the name and the
/// expected names.
fn unknown_name(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, expected) = rest.split_once('`')?;
    let expected = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((word.to_owned(), expected))
}

/// A path as people write it: `types.PageReq.fields[1].schema`.
pub fn display_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            PathSeg::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Byte offset of the deepest element of `path` that exists in `text`: the key of an object
/// member, or the start of an array element. Falls back to the start of the document.
fn locate(text: &str, path: &[PathSeg]) -> usize {
    let options = jsonc_parser::ParseOptions::default();
    let Ok(parsed) = jsonc_parser::parse_to_ast(text, &Default::default(), &options) else {
        return 0;
    };
    let Some(mut value) = parsed.value.as_ref() else {
        return 0;
    };
    let mut offset = value.start();
    for seg in path {
        let next = match (seg, value) {
            (PathSeg::Key(key), Value::Object(object)) => object
                .properties
                .iter()
                .find(|p| p.name.as_str() == key.as_str())
                .map(|p| (p.range.start, &p.value)),
            (PathSeg::Index(index), Value::Array(array)) => {
                array.elements.get(*index).map(|v| (v.start(), v))
            }
            _ => None,
        };
        match next {
            Some((start, inner)) => {
                offset = start;
                value = inner;
            }
            None => break,
        }
    }
    offset
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

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
  "provider": "p",
  "service": "s",
  "operation": "o",
  "api_version": "v1",
  "title": "T",
  "docs": "D",
  "source": { "url": "https://example.com", "version": "1" },
  "transport": { "style": "rest", "method": "GET", "path": "/x" },
  "base_url": "https://x.{region}.example.com",
  "auth": { "scheme": "x_auth_token", "docs": "token" },
  "responses": { "200": { "docs": "OK" } }
}"#;

    #[test]
    fn loads_a_minimal_spec() {
        let spec = load_bytes("m.json", "p/s/o.json", MINIMAL.as_bytes()).unwrap();
        assert_eq!(spec.operation_id(), "p.s.o");
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let text = MINIMAL.replace("\"api_version\"", "\"api_versoin\"");
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert_eq!((d.line, d.column), (5, 3), "{d}");
        assert!(d.message.contains("unknown field `api_versoin`"), "{d}");
        assert_eq!(d.suggestion.as_deref(), Some("did you mean `api_version`?"));
    }

    #[test]
    fn nested_type_error_names_the_path() {
        let text = MINIMAL.replace(r#""method": "GET""#, r#""method": 7"#);
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert_eq!(d.line, 9, "{d}");
        assert!(d.message.starts_with("at `transport`"), "{d}");
    }

    #[test]
    fn syntax_errors_keep_serde_json_positions() {
        let text = MINIMAL.replace(r#""docs": "D","#, r#""docs": "D",,"#);
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert_eq!((d.line, d.column), (7, 15), "{d}");
        let d = load_bytes("m.json", "p/s/o.json", &MINIMAL.as_bytes()[..40]).unwrap_err();
        assert!(d.suggestion.unwrap().contains("ends too early"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let mut bytes = b"{\n  \"provider\": \"".to_vec();
        bytes.push(0xff);
        let d = load_bytes("m.json", "p/s/o.json", &bytes).unwrap_err();
        assert_eq!((d.line, d.column), (2, 16), "{d}");
        assert!(d.message.contains("not valid UTF-8"));
    }
}
