//! `cargo xtask openapi --out FILE`: every spec as one OpenAPI 3.1 document, for tools
//! that speak OpenAPI (viewers, validators, other generators).
//!
//! The mapping:
//!
//! - One operation per spec, `operationId` = our operation ID, tagged `provider.service`,
//!   with its own `servers` entry (the base URL; `{region}` is a server variable).
//! - Named types become component schemas named `<operation ID>.<Type>` (types are per
//!   operation, so two specs' `ErrorResponse` stay apart). Objects allow additional
//!   properties (the crate keeps unknown fields). Enums are `oneOf` of `const`s, each with
//!   its `description` and, for status enums, `x-phase` (and `x-phase-reason`).
//! - Timestamps are strings with the page's format in `x-timestamp-format` (not `format:
//!   date-time`: the pages' formats are not all RFC 3339). Integers keep our `format`
//!   (`int32`, `int64`, `uint32`, `uint64`; OpenAPI formats are open-ended).
//! - Original-language texts are `x-docs-original` / `x-title-original`; the source page is
//!   `externalDocs` when it has a URL, and `x-source` always (a `doc_path` is not a URL).
//! - Examples: response examples under their status's `content.application/json.examples`;
//!   request examples with a body under `requestBody` (with `x-url`/`x-method`); the rest in
//!   the operation's `x-request-examples` / `x-response-examples` (an example for a status
//!   the page does not document), so nothing is dropped.
//! - **RPC operations** (`POST /?Action=X&Version=Y`) get the path key `/#Action=X`: a path
//!   key may not hold a query string (OpenAPI 3.1, "Paths Object"), and every RPC operation
//!   of a service shares the path `/`, so the key needs something to tell them apart. A
//!   fragment is never sent, so the URL a client builds is still `/`; `Action` and
//!   `Version` are required query parameters whose schema is a `const`, and `x-rpc` holds
//!   both. openapi-spec-validator (run by CI) accepts this, where a `?` in a path key is
//!   flagged by other validators. A REST path used by two operations with the same method
//!   (two providers) gets a `#<operation ID>` fragment the same way.
//! - Keys are sorted (`serde_json`'s map is a `BTreeMap`; [`sorted`] makes sure), so the
//!   output is byte-identical on every run.
//! - `--openapi-version 3.0` writes the same document as OpenAPI 3.0.3, for tools that read
//!   only 3.0 (progenitor's `openapiv3`): see [`to_3_0`] for what changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use cloudjobs_codegen::spec::{
    AuthScheme, DefaultValue, EnumValue, Example, Param, Schema, Spec, Transport, TypeDef,
};
use cloudjobs_codegen::{Diagnostic, SpecFile, load};
use serde_json::{Map, Value, json};

/// The OpenAPI version of the exported document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Version {
    /// OpenAPI 3.0.3.
    #[value(name = "3.0")]
    V3_0,
    /// OpenAPI 3.1.0 (the default).
    #[value(name = "3.1")]
    V3_1,
}

/// Runs the command: loads and validates `specs` (cited in `x-spec` under `label`), writes
/// the document to `out` (`-`: stdout).
pub fn run(specs: &Path, label: &str, out: &Path, version: Version) -> ExitCode {
    let loaded = match load::load_dir_labelled(specs, label) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return failed(&diagnostics),
    };
    if let Err(diagnostics) = cloudjobs_codegen::check(&loaded, "openapi") {
        return failed(&diagnostics);
    }
    let text = match version {
        Version::V3_1 => document_text(&loaded),
        Version::V3_0 => document_text_3_0(&loaded),
    };
    if out == Path::new("-") {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("openapi: cannot create {}: {e}", parent.display());
            return ExitCode::FAILURE;
        }
    }
    match std::fs::write(out, text) {
        Ok(()) => {
            eprintln!(
                "openapi: wrote {} ({} operation(s))",
                out.display(),
                loaded.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("openapi: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn failed(diagnostics: &[Diagnostic]) -> ExitCode {
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    eprintln!("openapi: the specs have errors; fix them first");
    ExitCode::FAILURE
}

/// The document as pretty-printed JSON with sorted keys and a final newline.
pub fn document_text(specs: &[SpecFile]) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(document(specs))).unwrap_or_default();
    text.push('\n');
    text
}

/// The OpenAPI 3.0.3 document for `specs` ([`to_3_0`] of [`document`]), as
/// [`document_text`] writes it.
pub fn document_text_3_0(specs: &[SpecFile]) -> String {
    let mut text =
        serde_json::to_string_pretty(&sorted(to_3_0(document(specs)))).unwrap_or_default();
    text.push('\n');
    text
}

/// The OpenAPI 3.1 document for `specs`.
pub fn document(specs: &[SpecFile]) -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let mut taken_names = BTreeSet::new();
    let mut tags = BTreeSet::new();
    let mut security_schemes = Map::new();
    for file in specs {
        let spec = &file.spec;
        let id = file.operation_id();
        // Component names for this spec's types, unique across the document.
        let names: BTreeMap<&str, String> = spec
            .types
            .keys()
            .map(|t| {
                (
                    t.as_str(),
                    unique(&mut taken_names, &component_name(&id, t)),
                )
            })
            .collect();
        let cx = Cx {
            spec,
            names: &names,
        };
        for (name, def) in &spec.types {
            schemas.insert(names[name.as_str()].clone(), cx.type_def(def));
        }
        let (key, method) = path_key(spec, &id, &paths);
        let item = paths
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(method, cx.operation(&id, file));
        }
        tags.insert(format!("{}.{}", spec.provider, spec.service));
        let scheme = spec.auth.scheme;
        security_schemes
            .entry(scheme_name(scheme))
            .or_insert_with(|| security_scheme(scheme));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "cloudjobs",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Documented cloud API endpoints that report the status of long-running jobs, exported from the cloudjobs specs (`specs/`). Generated by `cargo xtask openapi`; do not edit.",
        },
        "tags": tags.into_iter().map(|t| json!({ "name": t })).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": security_schemes,
        },
    })
}

/// The path key and the method (lowercase) of an operation; see the module doc for RPC and
/// for a REST path two operations share.
fn path_key(spec: &Spec, id: &str, paths: &Map<String, Value>) -> (String, String) {
    let (key, method) = match &spec.transport {
        Transport::Rest { method, path } => (path.as_str().to_owned(), method.as_str()),
        Transport::Rpc { method, action, .. } => (format!("/#Action={action}"), method.as_str()),
    };
    let method = method.to_ascii_lowercase();
    let taken = paths.get(&key).and_then(|item| item.get(&method)).is_some();
    if taken {
        (format!("{key}#{id}"), method)
    } else {
        (key, method)
    }
}

/// `huaweicloud.drs.batch_list_job_status.JobStatus`, with anything outside OpenAPI's
/// `^[a-zA-Z0-9.\-_]+$` for component names replaced by `_`.
fn component_name(operation: &str, ty: &str) -> String {
    format!("{operation}.{ty}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn unique(taken: &mut BTreeSet<String>, name: &str) -> String {
    let mut candidate = name.to_owned();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    candidate
}

fn scheme_name(scheme: AuthScheme) -> &'static str {
    match scheme {
        AuthScheme::XAuthToken => "x_auth_token",
        AuthScheme::AlibabaRpcSignature => "alibaba_rpc_signature",
    }
}

fn security_scheme(scheme: AuthScheme) -> Value {
    match scheme {
        AuthScheme::XAuthToken => json!({
            "type": "apiKey",
            "in": "header",
            "name": "X-Auth-Token",
            "description": "A Huawei Cloud IAM token in the `X-Auth-Token` header.",
        }),
        AuthScheme::AlibabaRpcSignature => json!({
            "type": "apiKey",
            "in": "query",
            "name": "Signature",
            "description": "Alibaba Cloud RPC signature: the common request parameters (`AccessKeyId`, `SignatureMethod`, `SignatureNonce`, `Timestamp`, …) and `Signature`, computed over the request.",
        }),
    }
}

/// One spec's context: the component names of its types.
struct Cx<'a> {
    spec: &'a Spec,
    names: &'a BTreeMap<&'a str, String>,
}

impl Cx<'_> {
    fn operation(&self, id: &str, file: &SpecFile) -> Value {
        let spec = self.spec;
        let mut op = Map::new();
        op.insert("operationId".into(), json!(id));
        op.insert("summary".into(), json!(spec.title));
        op.insert("description".into(), json!(spec.docs));
        op.insert(
            "tags".into(),
            json!([format!("{}.{}", spec.provider, spec.service)]),
        );
        insert_opt(&mut op, "x-title-original", spec.title_original.as_deref());
        insert_opt(&mut op, "x-docs-original", spec.docs_original.as_deref());
        op.insert("x-api-version".into(), json!(spec.api_version));
        op.insert("x-spec".into(), json!(file.cited()));
        let source = &spec.source;
        if let Some(url) = &source.url {
            op.insert(
                "externalDocs".into(),
                json!({ "url": url, "description": source.version }),
            );
        }
        op.insert(
            "x-source".into(),
            serde_json::to_value(source).unwrap_or_default(),
        );
        let server = if spec.base_url.contains("{region}") {
            json!({
                "url": spec.base_url,
                "variables": {
                    "region": {
                        "default": "REGION",
                        "description": "The region ID (what `Endpoint::for_region` fills in).",
                    }
                },
            })
        } else {
            json!({ "url": spec.base_url })
        };
        op.insert("servers".into(), json!([server]));
        op.insert(
            "security".into(),
            json!([{ scheme_name(spec.auth.scheme): [] }]),
        );
        let mut auth = Map::new();
        auth.insert("docs".into(), json!(spec.auth.docs));
        insert_opt(
            &mut auth,
            "docs_original",
            spec.auth.docs_original.as_deref(),
        );
        op.insert("x-auth".into(), Value::Object(auth));

        let mut parameters: Vec<Value> = Vec::new();
        if let Transport::Rpc {
            action, version, ..
        } = &spec.transport
        {
            op.insert(
                "x-rpc".into(),
                json!({ "action": action, "version": version }),
            );
            for (name, value) in [("Action", action), ("Version", version)] {
                parameters.push(json!({
                    "name": name,
                    "in": "query",
                    "required": true,
                    "description": format!("The RPC {}: always `{value}`.", name.to_lowercase()),
                    "schema": { "type": "string", "const": value },
                }));
            }
        }
        for (location, params) in [
            ("path", &spec.request.path),
            ("query", &spec.request.query),
            ("header", &spec.request.headers),
        ] {
            parameters.extend(params.iter().map(|p| self.parameter(location, p)));
        }
        if !parameters.is_empty() {
            op.insert("parameters".into(), Value::Array(parameters));
        }

        let mut request_examples = Vec::new();
        let mut body_examples = Map::new();
        let mut response_examples = Vec::new();
        let mut by_status: BTreeMap<u16, Map<String, Value>> = BTreeMap::new();
        for (i, example) in spec.examples.iter().enumerate() {
            let key = format!("example{}", i + 1);
            match example {
                Example::Request {
                    title,
                    url,
                    method,
                    body: Some(body),
                    ..
                } if spec.request.body.is_some() => {
                    let mut e = Map::new();
                    e.insert("summary".into(), json!(title));
                    e.insert("value".into(), body.clone());
                    insert_opt(&mut e, "x-url", url.as_deref());
                    insert_opt(&mut e, "x-method", method.map(|m| m.as_str()));
                    body_examples.insert(key, Value::Object(e));
                }
                Example::Request { .. } => {
                    request_examples.push(serde_json::to_value(example).unwrap_or_default())
                }
                Example::Response {
                    title,
                    status,
                    body,
                    ..
                } if spec.responses.contains_key(status) => {
                    by_status
                        .entry(*status)
                        .or_default()
                        .insert(key, json!({ "summary": title, "value": body }));
                }
                Example::Response { .. } => {
                    response_examples.push(serde_json::to_value(example).unwrap_or_default())
                }
            }
        }
        if let Some(body) = &spec.request.body {
            let mut media = Map::new();
            media.insert("schema".into(), self.schema(&body.schema));
            if !body_examples.is_empty() {
                media.insert("examples".into(), Value::Object(body_examples));
            }
            let mut request_body = Map::new();
            request_body.insert("description".into(), json!(body.docs));
            request_body.insert("required".into(), json!(true));
            request_body.insert(
                "content".into(),
                json!({ "application/json": Value::Object(media) }),
            );
            insert_opt(
                &mut request_body,
                "x-docs-original",
                body.docs_original.as_deref(),
            );
            op.insert("requestBody".into(), Value::Object(request_body));
        }
        if !request_examples.is_empty() {
            op.insert("x-request-examples".into(), Value::Array(request_examples));
        }
        if !response_examples.is_empty() {
            op.insert(
                "x-response-examples".into(),
                Value::Array(response_examples),
            );
        }

        let mut responses = Map::new();
        for (code, response) in &spec.responses {
            let mut r = Map::new();
            r.insert("description".into(), json!(response.docs));
            insert_opt(&mut r, "x-docs-original", response.docs_original.as_deref());
            let mut media = Map::new();
            if let Some(body) = &response.body {
                media.insert("schema".into(), self.schema(body));
            }
            if let Some(examples) = by_status.remove(code) {
                media.insert("examples".into(), Value::Object(examples));
            }
            if !media.is_empty() {
                r.insert(
                    "content".into(),
                    json!({ "application/json": Value::Object(media) }),
                );
            }
            responses.insert(code.to_string(), Value::Object(r));
        }
        op.insert("responses".into(), Value::Object(responses));
        Value::Object(op)
    }

    fn parameter(&self, location: &str, p: &Param) -> Value {
        let mut schema = self.schema(&p.schema);
        if let (Some(fixed), Value::Object(map)) = (&p.fixed, &mut schema) {
            map.insert("const".into(), json!(fixed));
        }
        let mut out = Map::new();
        out.insert("name".into(), json!(p.name));
        out.insert("in".into(), json!(location));
        out.insert("required".into(), json!(p.required));
        out.insert("description".into(), json!(p.docs));
        out.insert("schema".into(), schema);
        if let Some(example) = &p.example {
            out.insert("example".into(), example.clone());
        }
        insert_opt(&mut out, "x-docs-original", p.docs_original.as_deref());
        insert_opt(&mut out, "x-rust-name", p.rust_name.as_deref());
        insert_opt(&mut out, "x-fixed", p.fixed.as_deref());
        Value::Object(out)
    }

    fn type_def(&self, def: &TypeDef) -> Value {
        match def {
            TypeDef::Object {
                docs,
                docs_original,
                fields,
            } => {
                let mut properties = Map::new();
                let mut required = Vec::new();
                let mut order = Vec::new();
                for f in fields {
                    let mut schema = self.schema(&f.schema);
                    if let Value::Object(map) = &mut schema {
                        map.insert("description".into(), json!(f.docs));
                        insert_opt(map, "x-docs-original", f.docs_original.as_deref());
                        insert_opt(map, "x-rust-name", f.rust_name.as_deref());
                    }
                    properties.insert(f.name.clone(), schema);
                    if f.required {
                        required.push(json!(f.name));
                    }
                    order.push(json!(f.name));
                }
                let mut out = Map::new();
                out.insert("type".into(), json!("object"));
                out.insert("description".into(), json!(docs));
                out.insert("properties".into(), Value::Object(properties));
                if !required.is_empty() {
                    out.insert("required".into(), Value::Array(required));
                }
                // Unknown fields are kept on decode, so they are allowed.
                out.insert("additionalProperties".into(), json!(true));
                // Keys are sorted; the page's order is kept here.
                out.insert("x-field-order".into(), Value::Array(order));
                insert_opt(&mut out, "x-docs-original", docs_original.as_deref());
                Value::Object(out)
            }
            TypeDef::Enum {
                docs,
                docs_original,
                values,
            } => {
                let mut out = Map::new();
                out.insert("type".into(), json!("string"));
                out.insert("description".into(), json!(docs));
                out.insert(
                    "oneOf".into(),
                    Value::Array(values.iter().map(enum_value).collect()),
                );
                insert_opt(&mut out, "x-docs-original", docs_original.as_deref());
                Value::Object(out)
            }
        }
    }

    fn schema(&self, schema: &Schema) -> Value {
        let mut out = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                out.insert(key.to_owned(), value);
            }
        };
        // Each constraint is empty for the kinds that do not have it.
        let c = schema.constraints();
        put(
            "minimum",
            c.integer
                .min
                .map(|v| json!(v))
                .or(c.number.min.map(|v| json!(v))),
        );
        put(
            "maximum",
            c.integer
                .max
                .map(|v| json!(v))
                .or(c.number.max.map(|v| json!(v))),
        );
        put("minLength", c.length.min.map(|v| json!(v)));
        put("maxLength", c.length.max.map(|v| json!(v)));
        put("pattern", c.pattern.map(|v| json!(v)));
        put("minItems", c.items.min.map(|v| json!(v)));
        put("maxItems", c.items.max.map(|v| json!(v)));
        put(
            "default",
            c.default.map(|d| match d {
                DefaultValue::String(v) => json!(v),
                DefaultValue::Integer(v) => json!(v),
                DefaultValue::Number(v) => json!(v),
                DefaultValue::Boolean(v) => json!(v),
            }),
        );
        match schema {
            Schema::String { .. } => put("type", Some(json!("string"))),
            Schema::Integer { format, .. } => {
                put("type", Some(json!("integer")));
                put("format", serde_json::to_value(format).ok());
            }
            Schema::Number { .. } => put("type", Some(json!("number"))),
            Schema::Boolean { .. } => put("type", Some(json!("boolean"))),
            Schema::Timestamp { format } => {
                put("type", Some(json!("string")));
                put("x-timestamp-format", Some(json!(format)));
            }
            Schema::Json {} => {}
            Schema::Array { items, .. } => {
                put("type", Some(json!("array")));
                put("items", Some(self.schema(items)));
            }
            Schema::Map { values } => {
                put("type", Some(json!("object")));
                put("additionalProperties", Some(self.schema(values)));
            }
            Schema::Ref { name } => {
                let target = self.names.get(name.as_str()).cloned().unwrap_or_default();
                put(
                    "$ref",
                    Some(json!(format!("#/components/schemas/{target}"))),
                );
            }
        }
        Value::Object(out)
    }
}

fn enum_value(v: &EnumValue) -> Value {
    let mut out = Map::new();
    out.insert("const".into(), json!(v.value));
    out.insert("description".into(), json!(v.docs));
    insert_opt(&mut out, "x-docs-original", v.docs_original.as_deref());
    insert_opt(&mut out, "x-rust-name", v.rust_name.as_deref());
    if let Some(phase) = v.phase {
        out.insert(
            "x-phase".into(),
            serde_json::to_value(phase).unwrap_or_default(),
        );
    }
    insert_opt(&mut out, "x-phase-reason", v.phase_reason.as_deref());
    Value::Object(out)
}

fn insert_opt(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), json!(value));
    }
}

/// `value` with every object's keys in sorted order, whatever map type serde_json uses.
pub fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let entries: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(entries.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The 3.1 `document` as OpenAPI 3.0.3. Only schemas change (examples, whose bodies may hold
/// any key, are left alone), in the three places 3.0 differs for what we export:
///
/// - `const: v` becomes `enum: [v]` (3.0 has no `const`);
/// - an enum's `oneOf` of `const`s becomes `enum` (the list of wire values); the entries,
///   with each value's description and phase, move to `x-enum-values`;
/// - a `$ref` loses its siblings (a field's description): 3.0 ignores them.
pub fn to_3_0(mut document: Value) -> Value {
    document["openapi"] = json!("3.0.3");
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.values_mut().for_each(schema_3_0);
    }
    let operations = document
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut());
    for operation in operations {
        if let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        {
            for p in parameters {
                p.get_mut("schema").map(schema_3_0);
            }
        }
        let Some(operation) = operation.as_object_mut() else {
            continue;
        };
        let mut contents = Vec::new();
        for (key, value) in operation.iter_mut() {
            match (key.as_str(), value) {
                ("requestBody", body) => contents.push(body),
                ("responses", Value::Object(responses)) => contents.extend(responses.values_mut()),
                _ => {}
            }
        }
        for media in contents
            .into_iter()
            .filter_map(|c| c.get_mut("content").and_then(Value::as_object_mut))
            .flat_map(|c| c.values_mut())
        {
            media.get_mut("schema").map(schema_3_0);
        }
    }
    document
}

/// One schema (and the schemas inside it) as 3.0; see [`to_3_0`].
fn schema_3_0(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if map.contains_key("$ref") {
        map.retain(|key, _| key == "$ref");
        return;
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), json!([value]));
    }
    let all_consts = map
        .get("oneOf")
        .and_then(Value::as_array)
        .is_some_and(|items| items.iter().all(|i| i.get("const").is_some()));
    if all_consts {
        if let Some(Value::Array(items)) = map.remove("oneOf") {
            let values: Vec<Value> = items.iter().map(|i| i["const"].clone()).collect();
            map.insert("enum".into(), Value::Array(values));
            map.insert("x-enum-values".into(), Value::Array(items));
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(schema_3_0);
    }
    for key in ["items", "additionalProperties"] {
        map.get_mut(key).map(schema_3_0);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            items.iter_mut().for_each(schema_3_0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every schema position of `value` (not examples), with its JSON pointer.
    fn schemas_in(doc: &Value) -> Vec<(String, &Value)> {
        fn walk<'a>(at: String, schema: &'a Value, out: &mut Vec<(String, &'a Value)>) {
            out.push((at.clone(), schema));
            if let Some(p) = schema.get("properties").and_then(Value::as_object) {
                for (k, v) in p {
                    walk(format!("{at}/properties/{k}"), v, out);
                }
            }
            for key in ["items", "additionalProperties"] {
                if let Some(v) = schema.get(key).filter(|v| v.is_object()) {
                    walk(format!("{at}/{key}"), v, out);
                }
            }
        }
        let mut out = Vec::new();
        for (name, s) in doc["components"]["schemas"].as_object().unwrap() {
            walk(format!("/components/schemas/{name}"), s, &mut out);
        }
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let at = format!("/paths/{path}/{method}");
                for (i, p) in op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    walk(
                        format!("{at}/parameters/{i}/schema"),
                        &p["schema"],
                        &mut out,
                    );
                }
                for (code, r) in op["responses"].as_object().unwrap() {
                    if let Some(s) = r.pointer("/content/application~1json/schema") {
                        walk(format!("{at}/responses/{code}"), s, &mut out);
                    }
                }
                if let Some(s) = op.pointer("/requestBody/content/application~1json/schema") {
                    walk(format!("{at}/requestBody"), s, &mut out);
                }
            }
        }
        out
    }

    fn seeds() -> Vec<SpecFile> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut specs = load::load_dir(&root.join("specs")).expect("specs load");
        specs.extend(load::load_dir(&root.join("tests/tricky/specs")).expect("tricky specs load"));
        specs
    }

    #[test]
    fn the_3_0_document_has_no_3_1_schema_keyword_and_keeps_every_enum_value() {
        let specs = seeds();
        let v31 = document(&specs);
        let v30 = to_3_0(v31.clone());
        assert_eq!(v30["openapi"], "3.0.3");
        let old = schemas_in(&v31);
        let new = schemas_in(&v30);
        assert_eq!(old.len(), new.len(), "the same schema positions");
        let mut enums = 0;
        for ((at, before), (at_new, after)) in old.iter().zip(&new) {
            assert_eq!(at, at_new);
            for key in ["const", "oneOf"] {
                assert!(after.get(key).is_none(), "{at}: `{key}` left in 3.0");
            }
            if before.get("$ref").is_some() {
                assert_eq!(after.as_object().unwrap().len(), 1, "{at}: only `$ref`");
                assert_eq!(after["$ref"], before["$ref"]);
            }
            if let Some(c) = before.get("const") {
                assert_eq!(after["enum"], json!([c]), "{at}");
            }
            if let Some(items) = before.get("oneOf").and_then(Value::as_array) {
                enums += 1;
                let wire: Vec<&Value> = items.iter().map(|i| &i["const"]).collect();
                let listed: Vec<&Value> = after["enum"].as_array().unwrap().iter().collect();
                assert_eq!(wire, listed, "{at}: every wire value, in order");
                assert_eq!(&after["x-enum-values"], &before["oneOf"], "{at}");
            }
        }
        assert!(enums > 0, "the seeds have enums");
    }

    #[test]
    fn the_3_0_document_leaves_examples_and_the_rest_alone() {
        let specs = seeds();
        let mut v31 = document(&specs);
        let mut v30 = to_3_0(v31.clone());
        // With every schema position blanked out and the version set aside, the two agree.
        fn blank(doc: &mut Value) {
            if let Some(s) = doc.pointer_mut("/components/schemas") {
                *s = Value::Null;
            }
            for item in doc["paths"].as_object_mut().unwrap().values_mut() {
                for op in item.as_object_mut().unwrap().values_mut() {
                    for p in op["parameters"].as_array_mut().into_iter().flatten() {
                        p["schema"] = Value::Null;
                    }
                    for r in op["responses"].as_object_mut().unwrap().values_mut() {
                        if let Some(m) = r.pointer_mut("/content/application~1json") {
                            if m.get("schema").is_some() {
                                m["schema"] = Value::Null;
                            }
                        }
                    }
                    if let Some(m) = op.pointer_mut("/requestBody/content/application~1json") {
                        m["schema"] = Value::Null;
                    }
                }
            }
            doc["openapi"] = Value::Null;
        }
        blank(&mut v31);
        blank(&mut v30);
        assert_eq!(v31, v30);
    }
}
