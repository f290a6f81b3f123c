//! Stage 1, load: spec files → spec model, keeping the text so that every later diagnostic
//! can name a line and column.
//!
//! Positions come from two places: serde_json's own line/column for syntax errors, and a
//! span lookup over the text (jsonc-parser's AST) for everything that is found by path —
//! type errors, unknown keys, and all of the validator's findings.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged;
use serde::Deserialize;
use serde::de::{DeserializeOwned, MapAccess, SeqAccess, Visitor};

use crate::diagnostics::{Diagnostic, Severity, did_you_mean, line_column};
use crate::spec::{EnumValue, Field, Schema, Spec};

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
        Err(e) => return Err(encoding_diagnostic(file, bytes, &e)),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_owned();
    let error = |finding: Finding| Err(finding.diagnostic(file, &text));
    if let Some(finding) = not_an_object(&text) {
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
                Some(e) => json_syntax_finding(&text, &e),
                None => serde_finding(&text, &err),
            });
        }
    };
    // Without this, anything after the spec's closing `}` would be ignored.
    if let Err(e) = deserializer.end() {
        return error(json_syntax_finding(&text, &e));
    }
    if let Some(finding) = after_load(&text) {
        return error(finding);
    }
    Ok(SpecFile {
        file: file.to_owned(),
        relative: relative.to_owned(),
        text,
        spec,
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

fn encoding_diagnostic(file: &str, bytes: &[u8], err: &std::str::Utf8Error) -> Diagnostic {
    let at = err.valid_up_to();
    let (line, column) = line_column(&String::from_utf8_lossy(&bytes[..at]), usize::MAX);
    // Editors that offer "Unicode" mean UTF-16; its byte order mark gives it away.
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let (message, suggestion) = if utf16 {
        (
            "the file is UTF-16, not UTF-8".to_owned(),
            "save the spec as UTF-8",
        )
    } else {
        let byte = bytes
            .get(at)
            .map_or(String::new(), |b| format!("byte 0x{b:02X} "));
        (
            format!("the file is not valid UTF-8 ({byte}at offset {at})"),
            "save the spec as UTF-8; a byte like this usually means it was saved as Latin-1 or Windows-1252",
        )
    };
    Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        line,
        column,
        message,
        suggestion: Some(suggestion.to_owned()),
    }
}

/// An empty file, or a document that is not an object. serde reads a struct from an array
/// too (its fields in order), so a file holding a list of specs would otherwise get a
/// baffling "expected a string".
fn not_an_object(text: &str) -> Option<Finding> {
    let Some(offset) = text.find(|c: char| !c.is_whitespace()) else {
        return Some(Finding::new(
            0,
            "the file is empty",
            Some("a spec is one JSON object: copy a spec next to it and edit it"),
        ));
    };
    let rest = &text[offset..];
    let what = if rest.starts_with('[') {
        "an array"
    } else if rest.starts_with('"') {
        "a string"
    } else if rest.starts_with("true") || rest.starts_with("false") {
        "a boolean"
    } else if rest.starts_with("null") {
        "`null`"
    } else if rest.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        "a number"
    } else {
        // `{`, or a syntax error serde_json describes better.
        return None;
    };
    Some(Finding::new(
        offset,
        format!("a spec is one JSON object, but this file holds {what}"),
        Some("write one spec per file, as an object: `{ \"provider\": …, … }`"),
    ))
}

/// Turns a deserialization error into a located finding with a suggestion where one exists.
fn serde_finding(text: &str, err: &serde_path_to_error::Error<serde_json::Error>) -> Finding {
    let inner = err.inner();
    let offset = byte_offset(text, inner.line(), inner.column());
    if let Some((start, key)) = status_key_at(text, offset) {
        return Finding::new(
            start,
            format!("`{key}` is not an HTTP status code"),
            Some("the keys of `responses` are status codes in quotes, e.g. `\"404\"`"),
        );
    }
    if inner.is_data() {
        data_finding(text, segments(err.path()), plain_message(inner))
    } else {
        json_syntax_finding(text, inner)
    }
}

/// A serde_json syntax (or end-of-file) error, at the position serde_json gives.
fn json_syntax_finding(text: &str, e: &serde_json::Error) -> Finding {
    let offset = byte_offset(text, e.line(), e.column());
    syntax_finding(text, offset, plain_message(e), e.is_eof())
}

/// Syntax errors: serde_json's position is exact, but not always where the fix goes.
fn syntax_finding(text: &str, offset: usize, message: String, eof: bool) -> Finding {
    let mut finding = Finding::new(offset, message, None);
    let rest = &text[offset..];
    let before = text[..offset].trim_end();
    if eof {
        finding.message = format!("the file ends too early ({})", finding.message);
        finding.suggestion = Some("check for a missing `}` or `]`, or a file cut short".to_owned());
    } else if rest.starts_with("//") || rest.starts_with("/*") {
        finding.message = "JSON does not allow comments".to_owned();
        finding.suggestion = Some("put the note in a `docs` text, or in `source.notes`".to_owned());
    } else if finding.message == "trailing comma" && before.ends_with(',') {
        // serde_json stops at the `]` or `}` after the comma; the comma is the mistake.
        finding.offset = before.len() - 1;
        finding.suggestion =
            Some("remove this `,`: JSON allows none after the last element".to_owned());
    } else if finding.message.starts_with("expected `,` or ") {
        if text[before.len()..offset].contains('\n') {
            // The comma is missing at the end of the previous line, not where the next starts.
            finding.offset = before.len();
            finding.message = format!("{} after this value", finding.message);
            finding.suggestion = Some("add a `,` at the end of this line".to_owned());
        } else {
            finding.suggestion = Some(
                "add a `,` before this, or escape a `\"` inside the string before it as `\\\"`"
                    .to_owned(),
            );
        }
    } else if let Some((escape, at, leading)) = surrogate_escape(text, offset, &finding.message) {
        let (half, other) = if leading {
            ("first", "second")
        } else {
            ("second", "first")
        };
        finding.offset = at;
        finding.message = format!(
            "`{escape}` is the {half} half of a UTF-16 surrogate pair, without the {other}: JSON text cannot hold it alone"
        );
        finding.suggestion = Some(
            "write the character itself (spec files are UTF-8), or both halves, e.g. `\\ud83d\\ude00` for 😀"
                .to_owned(),
        );
    } else if rest.starts_with(',') && before.ends_with(',') {
        finding.message = "two commas in a row".to_owned();
        finding.suggestion = Some("remove this `,`".to_owned());
    } else if finding.message == "key must be a string" {
        finding.suggestion = Some("write keys in double quotes: `\"name\"`".to_owned());
    } else if finding.message == "trailing characters" {
        finding.message = "more text after the spec's closing `}`".to_owned();
        finding.suggestion = Some("a file holds one spec: remove the rest".to_owned());
    }
    finding
}

/// For serde_json's errors about `\u` escapes, the last surrogate escape (`\ud800` to
/// `\udfff`) before `offset`: its text, where it starts, and whether it is a leading half.
fn surrogate_escape(text: &str, offset: usize, message: &str) -> Option<(String, usize, bool)> {
    let about_escapes = [
        "unexpected end of hex escape",
        "lone leading surrogate in hex escape",
        "invalid unicode code point",
    ];
    if !about_escapes.contains(&message) {
        return None;
    }
    let before = &text[..offset.min(text.len())];
    let mut search = before.len();
    while let Some(at) = before[..search].rfind("\\u") {
        let hex = text.get(at + 2..at + 6).unwrap_or_default();
        if let Ok(unit) = u16::from_str_radix(hex, 16) {
            if (0xD800..=0xDFFF).contains(&unit) {
                return Some((format!("\\u{hex}"), at, unit < 0xDC00));
            }
        }
        search = at;
    }
    None
}

/// Data errors: found by path, so the position comes from the text; the message is reworded
/// in the spec's terms.
fn data_finding(text: &str, mut path: Vec<PathSeg>, mut message: String) -> Finding {
    narrow(text, &mut path, &mut message);
    let parsed = parse(text);
    let node = parsed
        .as_ref()
        .and_then(|p| p.value.as_ref())
        .and_then(|root| node_at(root, &path));
    let mut suggestion = None;
    let mut offset = None;
    if let Some((kind, word, expected)) = unknown_name(&message) {
        // serde names the object; point at the key (unknown field) or the value (unknown
        // variant) itself.
        if let Some(Value::Object(object)) = node {
            let member = object.properties.iter().find(|p| match kind {
                "field" => p.name.as_str() == word,
                _ => matches!(&p.value, Value::StringLit(s) if s.value == word),
            });
            if let Some(member) = member {
                path.push(PathSeg::Key(member.name.as_str().to_owned()));
            }
        }
        suggestion = match did_you_mean(&word, expected.iter().map(String::as_str)) {
            Some(best) => Some(format!("did you mean `{best}`?")),
            None if !expected.is_empty() => Some(format!(
                "expected one of {}",
                expected
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            None => None,
        };
        message = format!("unknown {kind} `{word}`");
        if kind == "field" && path.last() == Some(&PathSeg::Key(word)) {
            // Name the object the key is in; the message names the key.
            offset = Some(locate(text, &path));
            path.pop();
        }
    } else if let Some(word) = quoted_after(&message, "duplicate field `") {
        if let Some(found) = node.and_then(|n| duplicate_key(n, &word, &mut path)) {
            offset = Some(found);
            path.pop();
        }
        suggestion = Some("remove one of them".to_owned());
    } else if let Some(word) = quoted_after(&message, "missing field `") {
        // A key that is missing is often there, misspelt (`tpye`): name it and point at it.
        let misspelt = match node {
            Some(Value::Object(object)) => object
                .properties
                .iter()
                .map(|p| p.name.as_str())
                .filter(|k| *k != word)
                .find(|k| did_you_mean(k, [word.as_str()]).is_some())
                .map(str::to_owned),
            _ => None,
        };
        suggestion = Some(match misspelt {
            Some(key) => {
                path.push(PathSeg::Key(key.clone()));
                offset = Some(locate(text, &path));
                path.pop();
                format!("did you mean `{word}`? rename `{key}` to `{word}`")
            }
            None => format!("add the key `{word}`"),
        });
    } else if let Some(found) = unexpected_value(&message) {
        // `"schema": "string"` for `"schema": { "type": "string" }`.
        let schema_key = matches!(path.last(), Some(PathSeg::Key(k)) if ["schema", "items", "values", "body"].contains(&k.as_str()));
        if let Some(Value::StringLit(s)) = node
            .filter(|_| schema_key && message.ends_with(", expected internally tagged enum Schema"))
        {
            suggestion = Some(format!(
                "write the type as an object: `{{ \"type\": \"{}\" }}`",
                s.value
            ));
        }
        if let Some(Value::Object(object)) = node {
            let mut matching = object
                .properties
                .iter()
                .filter(|p| is_unexpected(found, &p.value));
            if let (Some(member), None) = (matching.next(), matching.next()) {
                path.push(PathSeg::Key(member.name.as_str().to_owned()));
            }
        }
    }
    let message = plain_terms(&message);
    let shown = display_path(&path);
    Finding {
        offset: offset.unwrap_or_else(|| locate(text, &path)),
        message: if shown.is_empty() {
            message
        } else {
            format!("at `{shown}`: {message}")
        },
        suggestion,
    }
}

/// serde buffers internally tagged enums (`TypeDef`, `Schema`, …) before reading them, so an
/// error anywhere inside one is reported at the enum, the inner path lost. Read the parts
/// inside again one by one, and report the innermost part that fails, with its own error.
fn narrow(text: &str, path: &mut Vec<PathSeg>, message: &mut String) {
    let Some(parsed) = parse(text) else { return };
    let Some(root) = parsed.value.as_ref() else {
        return;
    };
    loop {
        let Some(Value::Object(object)) = node_at(root, path) else {
            return;
        };
        let tag = object.get_string("type").map(|s| s.value.as_ref());
        let is_type = matches!(path.as_slice(), [PathSeg::Key(k), _] if k == "types");
        let is_schema = matches!(path.last(), Some(PathSeg::Key(k)) if ["schema", "items", "values"].contains(&k.as_str()))
            || matches!(path.as_slice(), [PathSeg::Key(r), _, PathSeg::Key(b)] if r == "responses" && b == "body");
        let found = match tag {
            Some("object") if is_type => element_error::<Field>(text, object, "fields"),
            Some("enum") if is_type => element_error::<EnumValue>(text, object, "values"),
            Some("array") if is_schema => member_error::<Schema>(text, object, "items"),
            Some("map") if is_schema => member_error::<Schema>(text, object, "values"),
            _ => None,
        };
        let Some((inner, inner_message)) = found else {
            return;
        };
        path.extend(inner);
        *message = inner_message;
    }
}

/// The first element of the array `key` that does not read as a `T`, and its error.
fn element_error<T: DeserializeOwned>(
    text: &str,
    object: &Object,
    key: &str,
) -> Option<(Vec<PathSeg>, String)> {
    let array = object.get_array(key)?;
    array.elements.iter().enumerate().find_map(|(i, element)| {
        let (inner, message) = part_error::<T>(element.text(text))?;
        let mut path = vec![PathSeg::from(key), PathSeg::Index(i)];
        path.extend(inner);
        Some((path, message))
    })
}

/// The member `key`, if it does not read as a `T`, and its error.
fn member_error<T: DeserializeOwned>(
    text: &str,
    object: &Object,
    key: &str,
) -> Option<(Vec<PathSeg>, String)> {
    let member = object.get(key)?;
    let (inner, message) = part_error::<T>(member.value.text(text))?;
    let mut path = vec![PathSeg::from(key)];
    path.extend(inner);
    Some((path, message))
}

fn part_error<T: DeserializeOwned>(text: &str) -> Option<(Vec<PathSeg>, String)> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let err = serde_path_to_error::deserialize::<_, T>(deserializer).err()?;
    Some((segments(err.path()), plain_message(err.inner())))
}

fn segments(path: &serde_path_to_error::Path) -> Vec<PathSeg> {
    path.iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Seq { index } => Some(PathSeg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(PathSeg::Key(key.clone())),
            _ => None,
        })
        .collect()
}

/// serde_json's message without its " at line 3 column 7" (diagnostics say that themselves).
fn plain_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => full,
    }
}

/// serde's words for Rust types, in the spec's words.
fn plain_terms(message: &str) -> String {
    if message.starts_with("invalid length ") && message.contains(", expected struct ") {
        // A struct read from an array that is too short.
        return "expected an object, found an array".to_owned();
    }
    let mut message = message
        .replacen("invalid type: map,", "invalid type: object,", 1)
        .replacen("invalid type: sequence,", "invalid type: array,", 1);
    for rust in [", expected internally tagged enum ", ", expected struct "] {
        if let Some((head, _)) = message.split_once(rust) {
            message = format!("{head}, expected an object");
        }
    }
    for (rust, plain) in [
        (", expected i64", ", expected an integer"),
        (", expected u64", ", expected a non-negative integer"),
        (", expected u16", ", expected an HTTP status code"),
        (", expected f64", ", expected a number"),
        (", expected a sequence", ", expected an array"),
        (", expected a map", ", expected an object"),
        (", expected string or map", ", expected a string"),
    ] {
        if let Some(head) = message.strip_suffix(rust) {
            message = format!("{head}{plain}");
        }
    }
    message
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or variant): whether it is a
/// field or a variant, the name, and the expected names.
fn unknown_name(message: &str) -> Option<(&'static str, String, Vec<String>)> {
    let (kind, rest) = if let Some(rest) = message.strip_prefix("unknown field `") {
        ("field", rest)
    } else {
        ("variant", message.strip_prefix("unknown variant `")?)
    };
    let (word, expected) = rest.split_once('`')?;
    let expected = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((kind, word.to_owned(), expected))
}

/// The name in `` `name` `` right after `prefix`.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(word, _)| word.to_owned())
}

/// For serde's "invalid type: integer `5`, expected …" (or "invalid value: …"): the value
/// found, as serde describes it.
fn unexpected_value(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    rest.split_once(", expected ").map(|(found, _)| found)
}

/// Whether `value` is the one serde describes as `found` (`string "yes"`, `integer `5``).
fn is_unexpected(found: &str, value: &Value) -> bool {
    match value {
        Value::StringLit(s) => found.strip_prefix("string ") == Some(&format!("{:?}", s.value)),
        Value::NumberLit(n) => ["integer `", "floating point `"]
            .iter()
            .find_map(|prefix| found.strip_prefix(prefix)?.strip_suffix('`'))
            .and_then(|number| number.parse::<f64>().ok())
            .zip(n.value.parse::<f64>().ok())
            .is_some_and(|(a, b)| a == b),
        Value::BooleanLit(b) => found == format!("boolean `{}`", b.value),
        Value::NullKeyword(_) => found == "null",
        _ => false,
    }
}

/// The second of two equal keys `word` in `value` or below it: extends `path` to it and
/// returns its offset.
fn duplicate_key(value: &Value, word: &str, path: &mut Vec<PathSeg>) -> Option<usize> {
    match value {
        Value::Object(object) => {
            let mut same = object.properties.iter().filter(|p| p.name.as_str() == word);
            if let (Some(_), Some(second)) = (same.next(), same.next()) {
                path.push(PathSeg::from(word));
                return Some(second.range.start);
            }
            for p in &object.properties {
                path.push(PathSeg::Key(p.name.as_str().to_owned()));
                if let Some(found) = duplicate_key(&p.value, word, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        Value::Array(array) => {
            for (i, element) in array.elements.iter().enumerate() {
                path.push(PathSeg::Index(i));
                if let Some(found) = duplicate_key(element, word, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        _ => None,
    }
}

/// The key of `responses` at `offset` and where it starts, if it is not a number: serde_json
/// reports such a key as "expected `\"`" or "expected key to be a number in quotes".
fn status_key_at(text: &str, offset: usize) -> Option<(usize, String)> {
    let parsed = parse(text)?;
    let Some(Value::Object(root)) = parsed.value.as_ref() else {
        return None;
    };
    root.get_object("responses")?
        .properties
        .iter()
        .find(|p| (p.name.start()..=p.name.end()).contains(&offset))
        .filter(|p| p.name.as_str().parse::<u16>().is_err())
        .map(|p| (p.name.start(), p.name.as_str().to_owned()))
}

/// Keys whose value is a list in the spec format (a unit test checks them against
/// `specs/schema.json`). Anywhere else, an array stands for an object.
const LISTS: &[&str] = &[
    "path",
    "query",
    "headers",
    "fields",
    "values",
    "examples",
    "other_endpoints",
    "aliases",
    "page_mistakes",
    "done",
    "failed",
];

/// What serde cannot see once a spec has loaded: a key given twice in `types` or
/// `responses` (serde keeps the last, so the second would silently replace the first), and
/// an object written as an array (serde reads `"auth": ["x_auth_token", "…"]` as a struct's
/// fields in order; the format never means that).
fn after_load(text: &str) -> Option<Finding> {
    let read: Shape = serde_json::from_str(text).ok()?;
    let Shape::Object(root) = &read else {
        return None;
    };
    for (key, what) in [("types", "type"), ("responses", "status")] {
        let Some((_, Shape::Object(map))) = root.iter().find(|(k, _)| k == key) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        if let Some(index) = map.iter().position(|(name, _)| !seen.insert(name)) {
            let name = &map[index].0;
            return Some(Finding::new(
                nth_key(text, key, index).unwrap_or(0),
                format!("{what} `{name}` is defined twice in `{key}`"),
                Some("keep one of them: the second would silently replace the first"),
            ));
        }
    }
    let mut path = Vec::new();
    array_for_object(&read, false, &mut path).then(|| {
        Finding::new(
            locate(text, &path),
            format!(
                "at `{}`: expected an object, found an array",
                display_path(&path)
            ),
            Some("write it as an object with named keys"),
        )
    })
}

/// Whether there is an array in `shape` where the format has an object; `path` ends at the
/// first one. `example` values and the `body` of an example are free JSON, not looked into.
fn array_for_object(shape: &Shape, is_example: bool, path: &mut Vec<PathSeg>) -> bool {
    let Shape::Object(members) = shape else {
        return false;
    };
    for (key, value) in members {
        path.push(PathSeg::from(key.as_ref()));
        let found = match value {
            _ if key == "example" || (is_example && key == "body") => false,
            Shape::Array(elements) if LISTS.contains(&key.as_ref()) => {
                elements.iter().enumerate().any(|(i, element)| {
                    path.push(PathSeg::Index(i));
                    // Every list of the format is a list of objects.
                    let found = matches!(element, Shape::Array(_))
                        || array_for_object(element, key == "examples", path);
                    if !found {
                        path.pop();
                    }
                    found
                })
            }
            Shape::Array(_) => true,
            other => array_for_object(other, false, path),
        };
        if found {
            return true;
        }
        path.pop();
    }
    false
}

/// Offset of the `index`th key of the top-level member `map`.
fn nth_key(text: &str, map: &str, index: usize) -> Option<usize> {
    let parsed = parse(text)?;
    let Some(Value::Object(root)) = parsed.value.as_ref() else {
        return None;
    };
    Some(root.get_object(map)?.properties.get(index)?.range.start)
}

/// The structure of a JSON document with duplicate keys kept and scalars dropped: one cheap
/// pass (keys borrowed from the text where they have no escapes) for what [`after_load`]
/// checks.
enum Shape<'a> {
    Object(Vec<(Cow<'a, str>, Shape<'a>)>),
    Array(Vec<Shape<'a>>),
    Scalar,
}

impl<'de> Deserialize<'de> for Shape<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = seq.next_element()? {
            elements.push(element);
        }
        Ok(Shape::Array(elements))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(ShapeKey(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        Ok(Shape::Object(members))
    }
}

/// An object key, borrowed when serde_json can lend it.
struct ShapeKey<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for ShapeKey<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = ShapeKey<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(ShapeKey(Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
                Ok(ShapeKey(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Byte offset of serde_json's 1-based line and column (its columns count bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

fn parse(text: &str) -> Option<jsonc_parser::ParseResult<'_>> {
    let options = jsonc_parser::ParseOptions::default();
    jsonc_parser::parse_to_ast(text, &Default::default(), &options).ok()
}

/// The value at exactly `path`, if there is one.
fn node_at<'b, 'a>(root: &'b Value<'a>, path: &[PathSeg]) -> Option<&'b Value<'a>> {
    path.iter().try_fold(root, |value, seg| match (seg, value) {
        (PathSeg::Key(key), Value::Object(object)) => object
            .properties
            .iter()
            .find(|p| p.name.as_str() == key.as_str())
            .map(|p| &p.value),
        (PathSeg::Index(index), Value::Array(array)) => array.elements.get(*index),
        _ => None,
    })
}

/// Byte offset of the deepest element of `path` that exists in `text`: the key of an object
/// member, or the start of an array element. Falls back to the start of the document.
fn locate(text: &str, path: &[PathSeg]) -> usize {
    let Some(parsed) = parse(text) else {
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
        // `transport` is buffered by serde (internally tagged); the key is found anyway.
        assert_eq!((d.line, d.column), (9, 35), "{d}");
        assert!(d.message.starts_with("at `transport.method`"), "{d}");
        assert!(d.message.ends_with("expected a string"), "{d}");
    }

    #[test]
    fn syntax_errors_keep_serde_json_positions() {
        let text = MINIMAL.replace(r#""docs": "D","#, r#""docs": "D",,"#);
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert_eq!((d.line, d.column), (7, 15), "{d}");
        let d = load_bytes("m.json", "p/s/o.json", &MINIMAL.as_bytes()[..40]).unwrap_err();
        assert!(d.message.contains("ends too early"), "{d}");
    }

    /// `LISTS` and the free-JSON keys `array_for_object` skips must follow the format.
    #[test]
    fn lists_match_the_schema() {
        use serde_json::Value as Json;
        fn walk(value: &Json, lists: &mut BTreeSet<String>, free: &mut BTreeSet<String>) {
            match value {
                Json::Object(object) => {
                    if let Some(Json::Object(properties)) = object.get("properties") {
                        for (name, property) in properties {
                            let types = property.get("type").map(|t| t.to_string());
                            if types.is_some_and(|t| t.contains("\"array\"")) {
                                lists.insert(name.clone());
                            }
                            let typed = ["type", "$ref", "anyOf", "oneOf", "allOf"]
                                .iter()
                                .any(|k| property.get(k).is_some());
                            if !typed {
                                free.insert(name.clone());
                            }
                        }
                    }
                    object.values().for_each(|v| walk(v, lists, free));
                }
                Json::Array(array) => array.iter().for_each(|v| walk(v, lists, free)),
                _ => {}
            }
        }
        let schema: Json = serde_json::from_str(&crate::spec_json_schema()).unwrap();
        let (mut lists, mut free) = (BTreeSet::new(), BTreeSet::new());
        walk(&schema, &mut lists, &mut free);
        let expected: BTreeSet<String> = LISTS.iter().map(|s| s.to_string()).collect();
        assert_eq!(lists, expected, "update LISTS in load.rs");
        let expected: BTreeSet<String> = ["body", "example"].map(String::from).into();
        assert_eq!(free, expected, "update array_for_object in load.rs");
    }

    /// A syntax error is reported where it is, even after a key serde would refuse first.
    #[test]
    fn syntax_errors_come_before_schema_errors() {
        let d = load_bytes("m.json", "p/s/o.json", br#"{"a": 1,,}"#).unwrap_err();
        assert_eq!((d.line, d.column), (1, 9), "{d}");
        assert_eq!(d.message, "two commas in a row", "{d}");
        let text = MINIMAL
            .replace("\"title\"", "\"titel\"")
            .replace(r#""docs": "D","#, r#""docs": "D",,"#);
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert_eq!((d.line, d.column), (7, 15), "{d}");
    }

    #[test]
    fn a_missing_key_names_the_misspelt_one() {
        let text = MINIMAL.replace(r#""style": "rest""#, r#""stlye": "rest""#);
        let d = load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err();
        assert!(d.message.contains("missing field `style`"), "{d}");
        assert_eq!(
            d.suggestion.as_deref(),
            Some("did you mean `style`? rename `stlye` to `style`")
        );
        assert_eq!((d.line, d.column), (9, 18), "{d}");
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
