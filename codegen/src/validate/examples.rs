//! The page's examples against the spec: URLs against the path template, bodies and values
//! against their schemas. Mismatches are the page's mistakes, kept verbatim: warnings.

use serde_json::Value;

use super::constraints::{int_fits, int_format};
use super::{Validator, child, path_idx};
use crate::diagnostics::did_you_mean;
use crate::load::PathSeg;
use crate::spec::{Example, IntFormat, PathTemplate, Schema, Segment, Spec, Transport, TypeDef};

impl Validator<'_> {
    pub(super) fn examples(&mut self, spec: &Spec) {
        for (i, example) in spec.examples.iter().enumerate() {
            let at = path_idx(&["examples"], i);
            self.marks(&at, example, example.page_mistakes());
            match example {
                Example::Request { url, body, .. } => {
                    if let (Some(url), Transport::Rest { path: template, .. }) =
                        (url, &spec.transport)
                    {
                        // A broken template is an error of its own; no URL can match it.
                        if !template.is_unclosed() && !url_matches(template, url) {
                            self.warning(
                                &child(&at, "url"),
                                format!("the example URL does not match the path `{template}`"),
                                None,
                            );
                        }
                    }
                    match (body, &spec.request.body) {
                        (Some(value), Some(schema)) => self.example_value(
                            &child(&at, "body"),
                            value,
                            &schema.schema,
                            spec,
                            false,
                        ),
                        (Some(_), None) => self.warning(
                            &child(&at, "body"),
                            "the example has a body, but the operation takes none",
                            None,
                        ),
                        _ => {}
                    }
                }
                Example::Response { status, body, .. } => match spec.responses.get(status) {
                    Some(response) => {
                        if let Some(schema) = &response.body {
                            self.example_value(&child(&at, "body"), body, schema, spec, false)
                        }
                    }
                    None => self.warning(
                        &child(&at, "status"),
                        format!("the example's status {status} is not documented"),
                        None,
                    ),
                },
            }
        }
    }

    /// Checks an example value against its schema.
    pub(super) fn example_value(
        &mut self,
        at: &[PathSeg],
        value: &Value,
        schema: &Schema,
        spec: &Spec,
        nullable: bool,
    ) {
        if value.is_null() {
            // Free JSON holds `null` like any other value.
            if !nullable && !matches!(schema, Schema::Json {}) {
                self.warning(at, "the example has `null` where a value is required", None);
            }
            return;
        }
        let mismatch = |expected: &str| {
            format!(
                "the example has {} where the schema expects {expected}",
                describe(value)
            )
        };
        match schema {
            Schema::String { .. } | Schema::Timestamp { .. } => {
                if !value.is_string() {
                    self.warning(at, mismatch("a string"), None);
                }
            }
            Schema::Integer { format, .. } => match value.as_i64() {
                Some(n) if int_fits(n, *format) => {}
                _ if value.as_u64().is_some() && matches!(format, IntFormat::Uint64) => {}
                _ => self.warning(
                    at,
                    mismatch(&format!("an integer (`{}`)", int_format(*format))),
                    None,
                ),
            },
            Schema::Number { .. } => {
                if !value.is_number() {
                    self.warning(at, mismatch("a number"), None);
                }
            }
            Schema::Boolean { .. } => {
                if !value.is_boolean() {
                    self.warning(at, mismatch("a boolean"), None);
                }
            }
            Schema::Json {} => {}
            Schema::Array { items, .. } => match value.as_array() {
                Some(elements) => {
                    for (i, element) in elements.iter().enumerate() {
                        self.example_value(&child(at, i), element, items, spec, false);
                    }
                }
                None => self.warning(at, mismatch("an array"), None),
            },
            Schema::Map { values } => match value.as_object() {
                Some(object) => {
                    for (key, v) in object {
                        self.example_value(&child(at, key.as_str()), v, values, spec, false);
                    }
                }
                None => self.warning(at, mismatch("an object"), None),
            },
            Schema::Ref { name } => match spec.types.get(name) {
                Some(TypeDef::Enum { values, .. }) => {
                    match value.as_str() {
                        Some(s)
                            if values.iter().any(|v| {
                                v.value == s || v.aliases.iter().any(|a| a.value == s)
                            }) => {}
                        Some(s) => {
                            let hint = did_you_mean(s, values.iter().map(|v| v.value.as_str()))
                            .map(|d| format!("did you mean `{d}`? (the example is kept as written; it decodes as `Unknown`)"));
                            self.warning(
                            at,
                            format!("the example's value `{s}` is not a documented value of `{name}`"),
                            hint,
                        );
                        }
                        None => self.warning(at, mismatch("a string"), None),
                    }
                }
                Some(TypeDef::Object { fields, .. }) => match value.as_object() {
                    Some(object) => {
                        for (key, v) in object {
                            match fields.iter().find(|f| f.name == *key) {
                                Some(f) => self.example_value(
                                    &child(at, key.as_str()),
                                    v,
                                    &f.schema,
                                    spec,
                                    !f.required,
                                ),
                                None => {
                                    let hint = fields
                                        .iter()
                                        .find(|f| f.name == key.trim())
                                        .map(|f| f.name.as_str())
                                        .or_else(|| did_you_mean(key, fields.iter().map(|f| f.name.as_str())))
                                        .map(|d| format!("did you mean `{d}`? (the example is kept as written; the key decodes as an extra field)"));
                                    self.warning(
                                        &child(at, key.as_str()),
                                        format!("`{key}` is not a documented field of `{name}`"),
                                        hint,
                                    );
                                }
                            }
                        }
                        for f in fields.iter().filter(|f| f.required) {
                            if !object.contains_key(&f.name) {
                                self.warning(
                                    at,
                                    format!("the example lacks the required field `{}`", f.name),
                                    None,
                                );
                            }
                        }
                    }
                    None => self.warning(at, mismatch("an object"), None),
                },
                None => {}
            },
        }
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "`null`".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{s}`"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Whether a documented example URL (`https://{EndPoint}/v3/abc/jobs/x?id=1`) fits a path
/// template: as many segments, one that is placeholders from end to end fits any, the others
/// are equal.
fn url_matches(template: &PathTemplate, url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let Some(start) = after_scheme.find('/') else {
        return false;
    };
    let path = after_scheme[start..].split('?').next().unwrap_or_default();
    let t = template.segments();
    let u: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == u.len()
        && t.iter().zip(&u).all(|(t, u)| match t {
            Segment::Variable => true,
            Segment::Literal(text) => text == u,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_match_by_segment() {
        let t = PathTemplate::new("/v3/{project_id}/jobs/{job_id}");
        assert!(url_matches(&t, "https://{EndPoint}/v3/abc/jobs/x?id=1"));
        assert!(url_matches(&t, "https://h/v3/abc/jobs/x/"));
        assert!(!url_matches(&t, "https://h/v3/abc/job/x"));
        assert!(!url_matches(&t, "https://h/v3/abc/jobs"));
        // Text around a placeholder is compared as written.
        let t = PathTemplate::new("/jobs/{id}.json");
        assert!(!url_matches(&t, "https://h/jobs/1.json"));
        assert!(url_matches(&t, "https://h/jobs/{id}.json"));
        assert!(!url_matches(&t, "no-path"));
        assert!(url_matches(&PathTemplate::new("/"), "https://h/"));
    }
}
