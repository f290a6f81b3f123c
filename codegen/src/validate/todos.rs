//! A skeleton from `cargo xtask new` is refused until every `TODO` in it is filled; until
//! then nothing else is checked, as every other finding would be about placeholder text.

use serde_json::Value;

use super::{Path, Validator};
use crate::load::PathSeg;

impl Validator<'_> {
    /// Reports every `TODO` left in the spec; true if there was one. Prose and names count
    /// when they start with `TODO`; wire data (enum values, examples, defaults, fixed values,
    /// patterns), where `TODO` could be a real value, only in the skeleton's `TODO:` form.
    pub(super) fn todos(&mut self) -> bool {
        // Cheap test first: almost every spec has none.
        if !self.file.text.contains("\"TODO") {
            return false;
        }
        let Ok(value) = serde_json::from_str::<Value>(&self.file.text) else {
            return false;
        };
        let mut found = Vec::new();
        find_todos(&value, &mut Vec::new(), false, &mut found);
        for (at, text) in &found {
            let hint = text
                .strip_prefix("TODO")
                .map(|rest| rest.trim_start_matches([':', ' ']).trim())
                .filter(|rest| !rest.is_empty())
                .map(|rest| format!("replace the TODO with {rest}"));
            self.error(
                at,
                format!("fill in the TODO at `{}`", crate::load::display_path(at)),
                hint,
            );
        }
        !found.is_empty()
    }
}

/// Strings (and `types` keys) that are still TODOs, with their paths. `data` is true inside
/// wire data, where only the skeleton's `TODO:` marks one.
fn find_todos(value: &Value, at: &mut Path, data: bool, out: &mut Vec<(Path, String)>) {
    let is_todo = |s: &str| {
        if data {
            s.starts_with("TODO:")
        } else {
            s.starts_with("TODO")
        }
    };
    match value {
        Value::String(s) if is_todo(s) => out.push((at.clone(), s.clone())),
        Value::Object(map) => {
            let in_types = at.len() == 1 && at[0] == PathSeg::from("types");
            let in_example = at.len() == 2 && at[0] == PathSeg::from("examples");
            let in_value = at.len() == 4
                && at[0] == PathSeg::from("types")
                && at[2] == PathSeg::from("values");
            for (key, inner) in map {
                if key == "$schema" {
                    continue;
                }
                at.push(PathSeg::Key(key.clone()));
                if in_types && key.starts_with("TODO") {
                    out.push((at.clone(), key.clone()));
                }
                let wire = data
                    || ["example", "default", "fixed", "pattern"].contains(&key.as_str())
                    || (in_example && key == "body")
                    || (in_value && key == "value");
                find_todos(inner, at, wire, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(PathSeg::Index(i));
                find_todos(inner, at, data, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostic;
    use crate::validate::validate;

    const SPEC: &str = r#"{
  "provider": "p", "service": "s", "operation": "o", "api_version": "v1",
  "title": "T", "docs": "D",
  "source": { "url": "https://example.com", "version": "1" },
  "transport": { "style": "rest", "method": "GET", "path": "/x" },
  "base_url": "https://x.{region}.example.com",
  "auth": { "scheme": "x_auth_token", "docs": "token" },
  "responses": { "200": { "docs": "OK", "body": { "type": "ref", "name": "S" } } },
  "types": { "S": { "type": "enum", "docs": "Status.", "values": [
    { "value": "TODO", "docs": "Not started." }
  ] } },
  "examples": [ { "kind": "response", "title": "E", "status": 200, "body": "TODO" } ]
}"#;

    fn errors(text: &str) -> Vec<Diagnostic> {
        let file = crate::load::load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap();
        validate(&[file])
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    /// `TODO` as wire data (an enum value, an example body) is a real value, not a marker.
    #[test]
    fn todo_as_data_is_accepted() {
        assert_eq!(errors(SPEC), vec![]);
    }

    #[test]
    fn todo_in_prose_is_refused_where_it_is() {
        let text = SPEC
            .replace(r#""title": "T""#, r#""title": "TODO""#)
            .replace(r#""body": "TODO""#, r#""body": "TODO: the body""#);
        let found = errors(&text);
        let shown: Vec<String> = found
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "3:3 fill in the TODO at `title`",
                "12:68 fill in the TODO at `examples[0].body`",
            ],
        );
    }
}
