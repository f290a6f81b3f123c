//! The request: the transport (path template ↔ path parameters, RPC without them), each
//! parameter (documented, a scalar, required on the path, a valid header), the body's shape.

use super::{Validator, child, path, path_idx};
use crate::diagnostics::did_you_mean;
use crate::load::PathSeg;
use crate::spec::{Param, Schema, Spec, Transport, TypeDef};

impl Validator<'_> {
    pub(super) fn transport(&mut self, spec: &Spec) {
        match &spec.transport {
            Transport::Rest { path: template, .. } => {
                let at = path(&["transport", "path"]);
                let text = template.as_str();
                if !text.starts_with('/') {
                    self.error(
                        &at,
                        format!("the path `{text}` must start with `/`"),
                        Some(format!("use `/{text}`")),
                    );
                }
                if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
                    let (what, hint) = if c == '?' {
                        (
                            "a query string (`?`); the query is built from `request.query`",
                            "move each `name=value` to `request.query`, with `\"fixed\": \"value\"` for a fixed one",
                        )
                    } else {
                        (
                            "a fragment (`#`), which is never sent to the server",
                            "remove it from the path",
                        )
                    };
                    self.error(
                        &at,
                        format!("the path `{text}` holds {what}"),
                        Some(hint.to_owned()),
                    );
                }
                if template.is_unclosed() {
                    self.error(
                        &at,
                        format!("the path `{text}` has a `{{` without a `}}`"),
                        Some("close the placeholder: `{name}`".to_owned()),
                    );
                    // Which parameters it names is unknown: checking them against the
                    // declared ones would only repeat this error.
                    return;
                }
                let declared: Vec<&str> =
                    spec.request.path.iter().map(|p| p.name.as_str()).collect();
                for name in template.placeholders() {
                    if !declared.contains(&name) {
                        let hint = did_you_mean(name, declared.iter().copied())
                            .map(|d| format!("did you mean `{d}`?"))
                            .unwrap_or_else(|| format!("declare `{name}` under `request.path`"));
                        self.error(
                            &at,
                            format!("`{{{name}}}` in the path has no path parameter"),
                            Some(hint),
                        );
                    }
                }
                for (i, p) in spec.request.path.iter().enumerate() {
                    if !template.placeholders().any(|name| name == p.name) {
                        self.error(
                            &child(&path_idx(&["request", "path"], i), "name"),
                            format!(
                                "path parameter `{}` does not appear in the path `{text}`",
                                p.name
                            ),
                            Some(format!(
                                "add `{{{}}}` to the path or move the parameter to `query`",
                                p.name
                            )),
                        );
                    }
                }
            }
            Transport::Rpc { .. } => {
                if !spec.request.path.is_empty() {
                    self.error(
                        &path(&["request", "path"]),
                        "RPC operations have no path parameters",
                        Some(
                            "move them to `query`, or make the transport `\"style\": \"rest\"` with a `path`"
                                .to_owned(),
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn request(&mut self, spec: &Spec) {
        for (section, params) in [
            ("path", &spec.request.path),
            ("query", &spec.request.query),
            ("headers", &spec.request.headers),
        ] {
            for (i, p) in params.iter().enumerate() {
                let at = path_idx(&["request", section], i);
                self.param(&at, p, section, spec);
                if params[..i].iter().any(|q| q.name == p.name) {
                    self.error(
                        &child(&at, "name"),
                        format!("{section} parameter `{}` is listed twice", p.name),
                        Some("remove one of them".to_owned()),
                    );
                }
            }
        }
        if let Some(body) = &spec.request.body {
            let at = path(&["request", "body"]);
            self.docs(&child(&at, "docs"), &body.docs);
            self.schema(&child(&at, "schema"), &body.schema, spec);
            let shaped = match &body.schema {
                Schema::Ref { name } => {
                    matches!(spec.types.get(name), Some(TypeDef::Object { .. }))
                }
                Schema::Array { .. } | Schema::Map { .. } | Schema::Json {} => true,
                _ => false,
            };
            if !shaped {
                self.error(
                    &child(&at, "schema"),
                    format!(
                        "the request body is {}; a request body must be an object, an array, a map or free JSON",
                        shape(&body.schema, spec)
                    ),
                    Some(
                        "reference an object type from `types`, or use `{\"type\": \"json\"}`"
                            .to_owned(),
                    ),
                );
            }
        }
    }

    fn param(&mut self, at: &[PathSeg], p: &Param, section: &str, spec: &Spec) {
        self.docs(&child(at, "docs"), &p.docs);
        self.schema(&child(at, "schema"), &p.schema, spec);
        let scalar = match &p.schema {
            Schema::Ref { name } => {
                matches!(spec.types.get(name), Some(TypeDef::Enum { .. }) | None)
            }
            Schema::String { .. }
            | Schema::Integer { .. }
            | Schema::Number { .. }
            | Schema::Boolean { .. } => true,
            _ => false,
        };
        if !scalar {
            self.error(
                &child(at, "schema"),
                format!(
                    "parameter `{}` is {}; a parameter must be a string, number, boolean or enum",
                    p.name,
                    shape(&p.schema, spec)
                ),
                Some("send structured data in the request body".to_owned()),
            );
        }
        if section == "path" && !p.required {
            self.error(
                &child(at, "required"),
                format!("path parameter `{}` must be required", p.name),
                Some("set `\"required\": true`".to_owned()),
            );
        }
        if section == "headers" {
            self.header(at, p, spec);
        }
        if let Some(example) = &p.example {
            self.example_value(&child(at, "example"), example, &p.schema, spec, !p.required);
        }
        self.provenance(at, p.provenance.as_ref());
        self.marks(at, p, &p.page_mistakes);
    }

    /// A header's name, its fixed value and its enum's values must be valid HTTP.
    fn header(&mut self, at: &[PathSeg], p: &Param, spec: &Spec) {
        const VALUE_HINT: &str = "header values are visible ASCII, without line breaks";
        if http::HeaderName::from_bytes(p.name.as_bytes()).is_err() {
            self.error(
                &child(at, "name"),
                format!(
                    "`{}` is not a valid HTTP header name",
                    p.name.escape_debug()
                ),
                Some("header names are ASCII letters, digits and `-`, without spaces".to_owned()),
            );
        }
        if let Some(fixed) = &p.fixed {
            if http::HeaderValue::from_str(fixed).is_err() {
                self.error(
                    &child(at, "fixed"),
                    format!(
                        "`{}` is not a valid HTTP header value",
                        fixed.escape_debug()
                    ),
                    Some(VALUE_HINT.to_owned()),
                );
            }
        }
        if let Schema::Ref { name } = &p.schema {
            if let Some(TypeDef::Enum { values, .. }) = spec.types.get(name) {
                for v in values {
                    if http::HeaderValue::from_str(&v.value).is_err() {
                        self.error(
                            &child(at, "schema"),
                            format!(
                                "value `{}` of `{name}` cannot be sent in the header `{}`",
                                v.value.escape_debug(),
                                p.name
                            ),
                            Some(VALUE_HINT.to_owned()),
                        );
                    }
                }
            }
        }
    }
}

/// What a schema is, for messages: `an object (`Job`)`, `an array`.
fn shape(schema: &Schema, spec: &Spec) -> String {
    match schema {
        Schema::Ref { name } => match spec.types.get(name) {
            Some(TypeDef::Object { .. }) => format!("an object (`{name}`)"),
            Some(TypeDef::Enum { .. }) => format!("an enum (`{name}`)"),
            None => format!("`{name}`"),
        },
        Schema::Array { .. } => "an array".to_owned(),
        Schema::Map { .. } => "a map".to_owned(),
        Schema::Json {} => "free JSON".to_owned(),
        Schema::Timestamp { .. } => "a timestamp".to_owned(),
        Schema::String { .. } => "a string".to_owned(),
        Schema::Integer { .. } => "an integer".to_owned(),
        Schema::Number { .. } => "a number".to_owned(),
        Schema::Boolean { .. } => "a boolean".to_owned(),
    }
}
