//! Helpers shared by the golden tests.

use std::path::PathBuf;

use cloudjobs_codegen::load::{self, SpecFile};
use serde_json::Value;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// `specs/`, relative to the test's working directory (cargo runs tests in `tests/`), so
/// that file names in diagnostics and snapshots are the same on every machine.
pub fn specs_dir() -> PathBuf {
    PathBuf::from("../specs")
}

/// Every spec under `specs/`, loaded (panics with the diagnostics if one does not load).
pub fn specs() -> Vec<SpecFile> {
    match load::load_dir(&specs_dir()) {
        Ok(specs) => specs,
        Err(diagnostics) => panic!("specs do not load:\n{}", render(&diagnostics)),
    }
}

/// Diagnostics one per line, as the xtask prints them.
pub fn render(diagnostics: &[cloudjobs_codegen::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// Checks DESIGN.md's round-trip rule: `output` equals `input` as JSON values, except that an
/// explicit `null` member of an object in `input` may be absent from `output`.
/// Returns the JSON path of the first difference.
pub fn round_trip_difference(input: &Value, output: &Value) -> Option<String> {
    fn walk(input: &Value, output: &Value, path: &str) -> Option<String> {
        match (input, output) {
            (Value::Object(a), Value::Object(b)) => {
                for (key, value) in a {
                    let at = format!("{path}.{key}");
                    match b.get(key) {
                        Some(other) => {
                            if let Some(difference) = walk(value, other, &at) {
                                return Some(difference);
                            }
                        }
                        None if value.is_null() => {}
                        None => return Some(format!("{at}: missing from the output")),
                    }
                }
                b.keys()
                    .find(|k| !a.contains_key(*k))
                    .map(|k| format!("{path}.{k}: not in the input"))
            }
            (Value::Array(a), Value::Array(b)) => {
                if a.len() != b.len() {
                    return Some(format!("{path}: {} items became {}", a.len(), b.len()));
                }
                a.iter()
                    .zip(b)
                    .enumerate()
                    .find_map(|(i, (x, y))| walk(x, y, &format!("{path}[{i}]")))
            }
            (a, b) if a == b => None,
            (a, b) => Some(format!("{path}: {a} became {b}")),
        }
    }
    walk(input, output, "$")
}

/// An `http::Request`'s URI path and query, for comparing with a page's example URL.
pub fn path_and_query(request: &http::Request<Vec<u8>>) -> String {
    request
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// The README's usage example, compiled and run as a doc test.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
