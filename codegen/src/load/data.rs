//! serde's data errors (a wrong type, an unknown or missing key, a key given twice) as
//! located findings: serde_path_to_error gives the path, the span index the position, and
//! serde's English is reworded in the spec's terms, with "did you mean" where a name is close.

use serde::de::DeserializeOwned;

use super::Finding;
use super::spans::{Kind, NodeId, PathSeg, SpanIndex, display_path};
use super::syntax::{byte_offset, json_syntax_finding, plain_message};
use super::unique_map::duplicate_entries;
use crate::diagnostics::{did_you_mean, line_column};
use crate::spec::{EnumValue, Field, Schema};

/// Turns a deserialization error into a located finding with a suggestion where one exists.
pub(super) fn serde_finding(
    text: &str,
    spans: &SpanIndex,
    err: &serde_path_to_error::Error<serde_json::Error>,
) -> Finding {
    let inner = err.inner();
    let offset = byte_offset(text, inner.line(), inner.column());
    if let Some((start, key)) = status_key_at(spans, offset) {
        return Finding::new(
            start,
            format!("`{key}` is not an HTTP status code"),
            Some("the keys of `responses` are status codes in quotes, e.g. `\"404\"`"),
        );
    }
    if !inner.is_data() {
        return json_syntax_finding(text, inner);
    }
    let path = segments(err.path());
    let message = plain_message(inner);
    match duplicate_entries(&message) {
        Some((first, second, key)) => duplicate_entry(text, spans, &path, [first, second], key)
            .unwrap_or_else(|| Finding::new(offset, format!("`{key}` is defined twice"), None)),
        None => data_finding(text, spans, path, message),
    }
}

/// A key given twice in a name-keyed map: at the second, naming the first.
fn duplicate_entry(
    text: &str,
    spans: &SpanIndex,
    path: &[PathSeg],
    [first, second]: [usize; 2],
    key: &str,
) -> Option<Finding> {
    let members = spans.members(spans.get(path)?);
    let (first, second) = (members.get(first)?, members.get(second)?);
    let map = display_path(path);
    let what = match map.as_str() {
        "types" => "type",
        "responses" => "status",
        "waiters" => "waiter",
        _ => "key",
    };
    let (line, _) = line_column(text, first.key.start);
    Some(Finding::new(
        second.key.start,
        format!("{what} `{key}` is defined twice in `{map}` (first on line {line})"),
        Some("keep one of them: the second would silently replace the first"),
    ))
}

/// Data errors: found by path, so the position comes from the text; the message is reworded
/// in the spec's terms.
fn data_finding(
    text: &str,
    spans: &SpanIndex,
    mut path: Vec<PathSeg>,
    mut message: String,
) -> Finding {
    narrow(text, spans, &mut path, &mut message);
    let node = spans.get(&path);
    let mut suggestion = None;
    let mut offset = None;
    if let Some((kind, word, expected)) = unknown_name(&message) {
        // serde names the object; point at the key (unknown field) or the value (unknown
        // variant) itself.
        if let Some(id) = node {
            let member = spans.members(id).iter().find(|m| match kind {
                "field" => *m.name == *word,
                _ => matches!(spans.kind(m.value), Kind::String(s) if **s == *word),
            });
            if let Some(member) = member {
                path.push(PathSeg::Key(member.name.to_string()));
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
            offset = Some(spans.locate(&path));
            path.pop();
        }
    } else if let Some(word) = quoted_after(&message, "duplicate field `") {
        if let Some((found, _)) = node.and_then(|n| duplicate_key(spans, n, &word, &mut path)) {
            offset = Some(found);
            path.pop();
        }
        suggestion = Some("remove one of them".to_owned());
    } else if let Some(word) = quoted_after(&message, "missing field `") {
        // A key that is missing is often there, misspelt (`tpye`): name it and point at it.
        let misspelt = node.and_then(|id| {
            spans
                .members(id)
                .iter()
                .find(|m| *m.name != *word && did_you_mean(&m.name, [word.as_str()]).is_some())
        });
        suggestion = Some(match misspelt {
            Some(member) => {
                offset = Some(member.key.start);
                format!(
                    "did you mean `{word}`? rename `{}` to `{word}`",
                    member.name
                )
            }
            None => format!("add the key `{word}`"),
        });
    } else if let Some(found) = unexpected_value(&message) {
        // `"schema": "string"` for `"schema": { "type": "string" }`.
        let schema_key = matches!(path.last(), Some(PathSeg::Key(k)) if ["schema", "items", "values", "body"].contains(&k.as_str()));
        if let Some(Kind::String(s)) = node.map(|id| spans.kind(id)) {
            if schema_key && message.ends_with(", expected internally tagged enum Schema") {
                suggestion = Some(format!(
                    "write the type as an object: `{{ \"type\": \"{s}\" }}`"
                ));
            }
        }
        if let Some(id) = node {
            let mut matching = spans
                .members(id)
                .iter()
                .filter(|m| is_unexpected(found, spans.kind(m.value)));
            if let (Some(member), None) = (matching.next(), matching.next()) {
                path.push(PathSeg::Key(member.name.to_string()));
            }
        }
    }
    let message = plain_terms(&message);
    let shown = display_path(&path);
    Finding {
        offset: offset.unwrap_or_else(|| spans.locate(&path)),
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
fn narrow(text: &str, spans: &SpanIndex, path: &mut Vec<PathSeg>, message: &mut String) {
    loop {
        let Some(object) = spans.get(path) else {
            return;
        };
        let is_type = matches!(path.as_slice(), [PathSeg::Key(k), _] if k == "types");
        let is_schema = matches!(path.last(), Some(PathSeg::Key(k)) if ["schema", "items", "values"].contains(&k.as_str()))
            || matches!(path.as_slice(), [PathSeg::Key(r), _, PathSeg::Key(b)] if r == "responses" && b == "body");
        let part = |key| spans.member(object, key).map(|m| m.value);
        let found = match spans.string(object, "type") {
            Some("object") if is_type => part("fields")
                .and_then(|array| element_error::<Field>(text, spans, array, "fields")),
            Some("enum") if is_type => part("values")
                .and_then(|array| element_error::<EnumValue>(text, spans, array, "values")),
            Some(tag @ ("array" | "map")) if is_schema => {
                let key = if tag == "array" { "items" } else { "values" };
                part(key).and_then(|value| {
                    let (inner, message) = part_error::<Schema>(&text[spans.range(value)])?;
                    Some((prefixed(vec![PathSeg::from(key)], inner), message))
                })
            }
            _ => None,
        };
        let Some((inner, inner_message)) = found else {
            return;
        };
        path.extend(inner);
        *message = inner_message;
    }
}

/// The first element of the array `array` (the member `key`) that does not read as a `T`,
/// and its error.
fn element_error<T: DeserializeOwned>(
    text: &str,
    spans: &SpanIndex,
    array: NodeId,
    key: &str,
) -> Option<(Vec<PathSeg>, String)> {
    let Kind::Array(elements) = spans.kind(array) else {
        return None;
    };
    elements.iter().enumerate().find_map(|(i, &element)| {
        let (inner, message) = part_error::<T>(&text[spans.range(element)])?;
        Some((
            prefixed(vec![PathSeg::from(key), PathSeg::Index(i)], inner),
            message,
        ))
    })
}

fn prefixed(mut head: Vec<PathSeg>, tail: Vec<PathSeg>) -> Vec<PathSeg> {
    head.extend(tail);
    head
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

/// Whether a value of this kind is the one serde describes as `found` (`string "yes"`,
/// `integer `5``).
fn is_unexpected(found: &str, value: &Kind) -> bool {
    match value {
        Kind::String(s) => found.strip_prefix("string ") == Some(&format!("{s:?}")),
        Kind::Number(n) => ["integer `", "floating point `"]
            .iter()
            .find_map(|prefix| found.strip_prefix(prefix)?.strip_suffix('`'))
            .and_then(|number| number.parse::<f64>().ok())
            .zip(n.parse::<f64>().ok())
            .is_some_and(|(a, b)| a == b),
        Kind::Bool(b) => found == format!("boolean `{b}`"),
        Kind::Null => found == "null",
        _ => false,
    }
}

/// The second of two equal keys `word` in `id` or below it: extends `path` to it and
/// returns its offset and the first one's.
fn duplicate_key(
    spans: &SpanIndex,
    id: NodeId,
    word: &str,
    path: &mut Vec<PathSeg>,
) -> Option<(usize, usize)> {
    match spans.kind(id) {
        Kind::Object(members) => {
            let mut same = members.iter().filter(|m| *m.name == *word);
            if let (Some(first), Some(second)) = (same.next(), same.next()) {
                path.push(PathSeg::from(word));
                return Some((second.key.start, first.key.start));
            }
            members.iter().find_map(|m| {
                path.push(PathSeg::Key(m.name.to_string()));
                let found = duplicate_key(spans, m.value, word, path);
                if found.is_none() {
                    path.pop();
                }
                found
            })
        }
        Kind::Array(elements) => elements.iter().enumerate().find_map(|(i, &element)| {
            path.push(PathSeg::Index(i));
            let found = duplicate_key(spans, element, word, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        _ => None,
    }
}

/// The key of `responses` at `offset` and where it starts, if it is not a number: serde_json
/// reports such a key as "expected `\"`" or "expected key to be a number in quotes".
fn status_key_at(spans: &SpanIndex, offset: usize) -> Option<(usize, String)> {
    let responses = spans.member(spans.root()?, "responses")?.value;
    spans
        .members(responses)
        .iter()
        .find(|m| (m.key.start..=m.key.end).contains(&offset))
        .filter(|m| m.name.parse::<u16>().is_err())
        .map(|m| (m.key.start, m.name.to_string()))
}
