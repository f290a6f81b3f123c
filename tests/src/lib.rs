//! Helpers shared by the golden tests.

use std::path::PathBuf;

use std::path::Path;

use cloudjobs_codegen::load::{self, SpecFile};
use cloudjobs_codegen::spec::Example;
use proc_macro2::{TokenStream, TokenTree};
use serde_json::Value;

/// Where a generated `.rs` file is not exactly what prettyplease prints for it (emit writes
/// most items as text in prettyplease's layout): the first differing line, or why it does
/// not parse; `None` when it is prettyplease's output, byte for byte, after the header
/// comment (which syn does not keep). The body of a brace macro at the top level
/// (`crate::__rt::enumeration! { … }`) is the emitter's own layout, which rustfmt keeps: it
/// is held to one level of indentation per open brace, and the rest of the file to
/// prettyplease's layout.
pub fn layout_difference(contents: &str) -> Option<String> {
    let body = match contents.strip_prefix("// @generated") {
        Some(rest) => rest.split_once("\n\n").map_or("", |(_, body)| body),
        None => contents,
    };
    let (body, macro_bodies) = match without_macro_bodies(body) {
        Ok(split) => split,
        Err(e) => return Some(e),
    };
    if let Some(e) = macro_bodies.iter().find_map(|b| indentation_difference(b)) {
        return Some(e);
    }
    let file = match syn::parse_file(&body) {
        Ok(file) => file,
        Err(e) => return Some(format!("does not parse: {e}")),
    };
    let printed = prettyplease::unparse(&file);
    if printed == body {
        return None;
    }
    let (ours, theirs) = (body.lines(), printed.lines());
    let at = ours.clone().zip(theirs.clone()).position(|(a, b)| a != b);
    let at = at.unwrap_or_else(|| ours.clone().count().min(theirs.clone().count()));
    Some(format!(
        "line {} of the body (brace macros emptied): emitted {:?}, prettyplease prints {:?}",
        at + 1,
        ours.clone().nth(at).unwrap_or("<end>"),
        theirs.clone().nth(at).unwrap_or("<end>")
    ))
}

/// `text` with every top-level brace macro's body taken out (`m! {` … `}` becomes `m! {}`,
/// as prettyplease prints an empty one), and those bodies' lines.
fn without_macro_bodies(text: &str) -> Result<(String, Vec<Vec<&str>>), String> {
    let mut out = String::with_capacity(text.len());
    let mut bodies = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        // An item at the top level, not a doc comment whose text happens to end so.
        let opens_macro = line.ends_with("! {")
            && !line.starts_with(char::is_whitespace)
            && !line.starts_with("//");
        if !opens_macro {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut body = Vec::new();
        loop {
            match lines.next() {
                Some("}") => break,
                Some(inner) => body.push(inner),
                None => return Err(format!("`{line}` is never closed by a `}}` line")),
            }
        }
        out.push_str(line);
        out.push_str("}\n");
        bodies.push(body);
    }
    Ok((out, bodies))
}

/// Where a brace macro's body is not indented four spaces per open brace (a line ending
/// in `{` opens one, a line `}` closes it; doc lines change nothing).
fn indentation_difference(body: &[&str]) -> Option<String> {
    let mut depth = 1;
    for line in body {
        let trimmed = line.trim_start();
        if trimmed == "}" {
            depth -= 1;
        }
        let indent = line.len() - trimmed.len();
        if indent != 4 * depth || trimmed.is_empty() || depth == 0 {
            return Some(format!(
                "a brace macro's line {line:?} is not indented {} spaces",
                4 * depth
            ));
        }
        if line.ends_with('{') && !trimmed.starts_with("///") {
            depth += 1;
        }
    }
    (depth != 1).then(|| format!("a brace macro's body leaves {} braces open", depth - 1))
}

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
    specs_in(&specs_dir())
}

/// Every spec under `dir`, loaded (panics with the diagnostics if one does not load).
pub fn specs_in(dir: &Path) -> Vec<SpecFile> {
    match load::load_dir(dir) {
        Ok(specs) => specs,
        Err(diagnostics) => panic!("specs do not load:\n{}", render(&diagnostics)),
    }
}

/// Decodes every body example of `specs` with `decode(operation_id, status, bytes)` (status
/// `None` for a request) and checks the round-trip rule. Returns how many were checked;
/// panics listing every failure.
pub fn check_examples(
    specs: &[SpecFile],
    decode: impl Fn(&str, Option<u16>, &[u8]) -> Result<Value, String>,
) -> usize {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in specs {
        let id = file.operation_id();
        for (i, example) in file.spec.examples.iter().enumerate() {
            let (status, body, title) = match example {
                Example::Request {
                    body: Some(body),
                    title,
                    ..
                } => (None, body, title),
                Example::Request { body: None, .. } => continue,
                Example::Response {
                    status,
                    body,
                    title,
                    ..
                } => (Some(*status), body, title),
            };
            let bytes = serde_json::to_vec(body).expect("a JSON value serializes");
            checked += 1;
            match decode(&id, status, &bytes) {
                Ok(output) => {
                    if let Some(diff) = round_trip_difference(body, &output) {
                        failures.push(format!("{} examples[{i}] ({title}): {diff}", file.file));
                    }
                }
                Err(e) => failures.push(format!(
                    "{} examples[{i}] ({title}): does not decode: {e}",
                    file.file
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

/// Diagnostics one per line, as the xtask prints them.
pub fn render(diagnostics: &[cloudjobs_codegen::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// Checks the round-trip rule (ARCHITECTURE.md, "Round trips"): `output` equals `input` as JSON values, except that an
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

/// Every identifier in a Rust source text (to show that spec text never became one).
pub fn identifiers(source: &str) -> Vec<String> {
    fn walk(tokens: TokenStream, out: &mut Vec<String>) {
        for token in tokens {
            match token {
                TokenTree::Ident(ident) => out.push(ident.to_string()),
                TokenTree::Group(group) => walk(group.stream(), out),
                TokenTree::Punct(_) | TokenTree::Literal(_) => {}
            }
        }
    }
    let tokens: TokenStream = source.parse().expect("generated code tokenizes");
    let mut out = Vec::new();
    walk(tokens, &mut out);
    out
}

/// The README's usage example, compiled and run as a doc test.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The runtime README's signing examples, compiled and run as doc tests.
#[doc = include_str!("../../runtime/README.md")]
#[cfg(doctest)]
pub struct RuntimeReadmeDoctests;
