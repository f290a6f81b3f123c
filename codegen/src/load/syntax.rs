//! Problems with the text itself, before any key is read: encoding, a document that is not
//! an object, and serde_json's syntax errors, each moved to where the fix goes and worded in
//! the spec author's terms.

use super::Finding;
use crate::diagnostics::{Diagnostic, Severity, line_column};

/// A file that is not UTF-8, located at its first bad byte.
pub(super) fn encoding_diagnostic(
    file: &str,
    bytes: &[u8],
    err: &std::str::Utf8Error,
) -> Diagnostic {
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
pub(super) fn not_an_object(text: &str) -> Option<Finding> {
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

/// A serde_json syntax (or end-of-file) error, at the position serde_json gives.
pub(super) fn json_syntax_finding(text: &str, e: &serde_json::Error) -> Finding {
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

/// serde_json's message without its " at line 3 column 7" (diagnostics say that themselves).
pub(super) fn plain_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => full,
    }
}

/// Byte offset of serde_json's 1-based line and column (its columns count bytes).
pub(super) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
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
