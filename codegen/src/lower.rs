//! Stage 3, lower: validated specs → IR. Every Rust identifier is chosen here, once.
//!
//! Lowering assumes `validate` passed (references resolve, names are unique); where a spec
//! still surprises it, it falls back to something that compiles rather than panicking.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::doc_text::{self, code, inline};
use crate::ir::{
    BodyIr, Checks, Crate, Docs, Enum, Field, Operation, Param, ParamLocation, PathPart, Provider,
    RequestIr, ResponseIr, Service, StatusIr, Struct, Target, TypeDef, TypeRef, Variant, Waiter,
    WaiterValue,
};
use crate::load::SpecFile;
use crate::spec::{self, PageMistake, Provenance, Schema, Transport};

/// Lowers every spec into one crate named `name`, grouped by provider and service, in name
/// order.
pub fn lower(specs: &[SpecFile], name: &str) -> Crate {
    use rayon::prelude::*;
    // Operations are independent: lower them in parallel; grouping below restores one order.
    let operations: Vec<Operation> = specs.par_iter().map(lower_operation).collect();
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<Operation>>> = BTreeMap::new();
    for (file, op) in specs.iter().zip(operations) {
        let spec = &file.spec;
        tree.entry(module_ident(&spec.provider))
            .or_default()
            .entry(module_ident(&spec.service))
            .or_default()
            .push(op);
    }
    let providers = tree
        .into_iter()
        .map(|(module, services)| Provider {
            module,
            services: services
                .into_iter()
                .map(|(module, mut operations)| {
                    operations.sort_by(|a, b| a.module.cmp(&b.module));
                    Service { module, operations }
                })
                .collect(),
        })
        .collect();
    Crate {
        name: name.to_owned(),
        providers,
    }
}

fn lower_operation(file: &SpecFile) -> Operation {
    let spec = &file.spec;
    let op_name = type_ident(&spec.operation);
    let type_names: BTreeMap<&str, String> = spec
        .types
        .keys()
        .map(|k| (k.as_str(), type_ident(k)))
        .collect();
    let structs: BTreeMap<&str, &Vec<spec::Field>> = spec
        .types
        .iter()
        .filter_map(|(name, def)| match def {
            spec::TypeDef::Object { fields, .. } => Some((name.as_str(), fields)),
            spec::TypeDef::Enum { .. } => None,
        })
        .collect();
    let checked = structs_with_checks(&structs);
    let in_request = spec.types_reachable_from(spec.request.body.iter().map(|b| &b.schema));
    let defaultable = structs_with_default(spec, &structs);
    let ctx = Ctx {
        type_names: &type_names,
        checked: &checked,
    };

    let mut params = Vec::new();
    for (location, list) in [
        (ParamLocation::Path, &spec.request.path),
        (ParamLocation::Query, &spec.request.query),
        (ParamLocation::Header, &spec.request.headers),
    ] {
        for p in list {
            params.push(Param {
                wire: p.name.clone(),
                ident: named_field(&p.name, p.rust_name.as_deref()),
                location,
                required: p.required || location == ParamLocation::Path,
                fixed: p.fixed.clone(),
                ty: ctx.type_ref(&p.schema),
                checks: ctx.checks(&p.schema),
                docs: {
                    let mut docs = field_docs(&p.docs, p.docs_original.as_deref(), &p.schema);
                    push_provenance(&mut docs, p.provenance.as_ref());
                    push_mistakes(&mut docs, &p.page_mistakes, None);
                    docs
                },
            });
        }
    }
    let target = match &spec.transport {
        Transport::Rest { path, .. } => Target::Rest {
            template: path.clone(),
            parts: path_parts(path, &params),
        },
        Transport::Rpc {
            action, version, ..
        } => Target::Rpc {
            action: action.clone(),
            version: version.clone(),
        },
    };
    let method = match &spec.transport {
        Transport::Rest { method, .. } | Transport::Rpc { method, .. } => *method,
    };
    let body = spec.request.body.as_ref().map(|b| BodyIr {
        ty: ctx.type_ref(&b.schema),
        checks: ctx.checks(&b.schema),
        docs: Docs::new(&b.docs, b.docs_original.as_deref()),
    });

    let statuses = spec
        .responses
        .iter()
        .map(|(code, r)| StatusIr {
            code: *code,
            variant: status_variant(*code),
            docs: {
                let mut docs = Docs::new(&r.docs, r.docs_original.as_deref());
                push_mistakes(&mut docs, &r.page_mistakes, None);
                docs
            },
            body: r.body.as_ref().map(|s| ctx.type_ref(s)),
        })
        .collect();

    // Marks on examples go to the item the marked value decodes into.
    let mut example_marks: BTreeMap<(&str, Option<usize>), Docs> = BTreeMap::new();
    let mut op_marks = Docs::default();
    for example in &spec.examples {
        for mark in example.page_mistakes() {
            let docs = match example_target(spec, example, &mark.at) {
                Some(key) => example_marks.entry(key).or_default(),
                None => &mut op_marks,
            };
            push_mistakes(docs, std::slice::from_ref(mark), Some(example.title()));
        }
    }
    let marks_of = |type_name: &str, field: Option<usize>| {
        example_marks
            .get(&(type_name, field))
            .map(|d| d.0.clone())
            .unwrap_or_default()
    };

    let types = spec
        .types
        .iter()
        .map(|(name, def)| match def {
            spec::TypeDef::Object {
                docs,
                docs_original,
                fields,
            } => TypeDef::Struct(Struct {
                extra: extra_ident(fields),
                name: type_names[name.as_str()].clone(),
                docs: {
                    let mut d = Docs::new(docs, docs_original.as_deref());
                    d.0.extend(marks_of(name, None));
                    d
                },
                fields: fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| Field {
                        wire: f.name.clone(),
                        ident: named_field(&f.name, f.rust_name.as_deref()),
                        required: f.required,
                        ty: ctx.type_ref(&f.schema),
                        boxed: refers_back(&structs, name, &f.schema),
                        checks: ctx.checks(&f.schema),
                        default: schema_default(&f.schema),
                        docs: {
                            let mut d = field_docs(&f.docs, f.docs_original.as_deref(), &f.schema);
                            push_provenance(&mut d, f.provenance.as_ref());
                            push_mistakes(&mut d, &f.page_mistakes, None);
                            d.0.extend(marks_of(name, Some(i)));
                            d
                        },
                    })
                    .collect(),
                // Only request types are checked (by the builder); responses are taken as sent.
                has_checks: checked.contains(name.as_str()) && in_request.contains(name.as_str()),
                derive_default: defaultable.contains(name.as_str()),
            }),
            spec::TypeDef::Enum {
                docs,
                docs_original,
                values,
            } => {
                let is_status = spec::is_status(values);
                TypeDef::Enum(Enum {
                    name: type_names[name.as_str()].clone(),
                    docs: {
                        let mut d = Docs::new(docs, docs_original.as_deref());
                        d.0.extend(marks_of(name, None));
                        d
                    },
                    variants: values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let mut docs = Docs::new(&v.docs, v.docs_original.as_deref());
                            docs.0.insert(0, code(&v.value));
                            docs.0.insert(1, String::new());
                            if let Some(phase) = v.phase {
                                docs.push("");
                                let mut line = format!("Phase: {}.", phase_name(phase));
                                if let Some(reason) = &v.phase_reason {
                                    line.push(' ');
                                    line.push_str(&inline(reason));
                                }
                                docs.push(line);
                            }
                            for alias in &v.aliases {
                                docs.push("");
                                docs.push(format!(
                                    "Also decoded from {} (encoded as {}). Evidence: {}",
                                    code(&alias.value),
                                    code(&v.value),
                                    inline(&alias.evidence)
                                ));
                            }
                            push_provenance(&mut docs, v.provenance.as_ref());
                            push_mistakes(&mut docs, &v.page_mistakes, None);
                            Variant {
                                wire: v.value.clone(),
                                ident: named_variant(&v.value, v.rust_name.as_deref(), i),
                                docs,
                                phase: v.phase,
                                aliases: v.aliases.iter().map(|a| a.value.clone()).collect(),
                            }
                        })
                        .collect(),
                    is_status,
                })
            }
        })
        .collect();

    let source = {
        let s = &spec.source;
        let place = match (&s.url, &s.doc_path) {
            (Some(url), _) => doc_text::link(url),
            (None, Some(path)) => code(path),
            (None, None) => "(no address)".to_owned(),
        };
        let version = inline(&s.version);
        let mut source = match &s.cloud {
            Some(cloud) => format!("{place} ({} documentation, {version})", inline(cloud)),
            None => format!("{place} ({version})"),
        };
        if s.url_unverified {
            source.push_str(
                "; the capture did not record this address, so it is not verified against the page",
            );
        }
        source
    };

    let mut docs = Docs::new(&spec.docs, spec.docs_original.as_deref());
    if spec.cloud.is_some() || !spec.other_endpoints.is_empty() {
        docs.push("");
        docs.push(format!(
            "Endpoints: `ENDPOINT_TEMPLATE` is {} ({}).",
            spec.cloud
                .as_deref()
                .map_or_else(|| "the default".to_owned(), |c| format!("{}'s", inline(c))),
            code(&spec.base_url)
        ));
        for other in &spec.other_endpoints {
            docs.push(format!(
                "Also served by {} at {}. Evidence: {}",
                inline(&other.cloud),
                code(&other.base_url),
                inline(&other.evidence)
            ));
        }
    }
    docs.0.extend(op_marks.0);

    Operation {
        id: file.operation_id(),
        module: module_ident(&spec.operation),
        spec_file: format!("specs/{}", file.relative),
        title: inline(&spec.title),
        docs,
        source,
        method,
        target,
        base_url: spec.base_url.clone(),
        auth: spec.auth.scheme,
        auth_docs: Docs::new(&spec.auth.docs, spec.auth.docs_original.as_deref()),
        request: RequestIr {
            name: format!("{op_name}Request"),
            builder: format!("{op_name}RequestBuilder"),
            params,
            body,
        },
        response: ResponseIr {
            name: format!("{op_name}Response"),
            error: format!("{op_name}Error"),
            statuses,
        },
        types,
        waiters: waiters(spec),
    }
}

/// The spec's waiters as data; the values are resolved to their enum's variants.
fn waiters(spec: &spec::Spec) -> Vec<Waiter> {
    let statuses = spec.success_status_enums();
    spec.waiters
        .iter()
        .filter_map(|(name, w)| {
            let status = match &w.status {
                Some(status) => status.as_str(),
                None => *statuses.iter().next()?,
            };
            let Some(spec::TypeDef::Enum { values, .. }) = spec.types.get(status) else {
                return None;
            };
            let value = |wire: &str| {
                values
                    .iter()
                    .enumerate()
                    .find(|(_, v)| v.value == wire)
                    .map(|(i, v)| WaiterValue {
                        wire: v.value.clone(),
                        variant: named_variant(&v.value, v.rust_name.as_deref(), i),
                    })
            };
            let done: Vec<WaiterValue> = w.done.iter().filter_map(|d| value(d)).collect();
            let failed = match &w.failed {
                Some(failed) => failed.iter().filter_map(|f| value(f)).collect(),
                // Absent: every other value after which nothing more happens.
                None => values
                    .iter()
                    .filter(|v| v.phase.is_some_and(spec::Phase::is_terminal))
                    .filter(|v| !w.done.contains(&v.value))
                    .filter_map(|v| value(&v.value))
                    .collect(),
            };
            Some(Waiter {
                name: name.clone(),
                docs: w.docs.clone(),
                status: type_ident(status),
                done,
                failed,
            })
        })
        .collect()
}

/// The named type (and field, if any) an example's value at `pointer` decodes into; `None`
/// when it is not inside the body (a caption) or the schema does not reach it.
fn example_target<'a>(
    spec: &'a spec::Spec,
    example: &spec::Example,
    pointer: &str,
) -> Option<(&'a str, Option<usize>)> {
    let mut tokens = spec::pointer_tokens(pointer)?;
    if tokens.next()? != "body" {
        return None;
    }
    let root = match example {
        spec::Example::Request { .. } => spec.request.body.as_ref().map(|b| &b.schema),
        spec::Example::Response { status, .. } => {
            spec.responses.get(status).and_then(|r| r.body.as_ref())
        }
    }?;
    let mut schema = root;
    let mut target = None;
    for token in tokens {
        // An array index or a map key steps into the element type.
        if let Schema::Array { items: inner, .. } | Schema::Map { values: inner } = schema {
            schema = inner;
            continue;
        }
        let Schema::Ref { name } = schema else {
            break;
        };
        let Some((type_name, spec::TypeDef::Object { fields, .. })) =
            spec.types.get_key_value(name)
        else {
            break;
        };
        match fields.iter().position(|f| f.name == token) {
            Some(i) => {
                target = Some((type_name.as_str(), Some(i)));
                schema = &fields[i].schema;
            }
            // An undocumented key: the object that has it.
            None => return Some((type_name.as_str(), None)),
        }
    }
    target
}

/// Rustdoc lines for marked page mistakes, one paragraph each.
fn push_mistakes(docs: &mut Docs, marks: &[PageMistake], example: Option<&str>) {
    for m in marks {
        let place = example
            .map(|title| format!(" in the example \"{}\"", inline(title)))
            .unwrap_or_default();
        docs.push("");
        docs.push(format!(
            "Page mistake{place}, kept verbatim: the page says {}; believed right: {}. Evidence: {}",
            code(&m.page_says),
            inline(&m.believed),
            inline(&m.evidence)
        ));
    }
}

/// The rustdoc line that tells a reviewer an item is not from the page.
fn push_provenance(docs: &mut Docs, provenance: Option<&Provenance>) {
    if let Some(p) = provenance {
        docs.push("");
        docs.push(format!(
            "Not on the page; from {}. Evidence: {}",
            p.from.describe(),
            inline(&p.evidence)
        ));
    }
}

struct Ctx<'a> {
    type_names: &'a BTreeMap<&'a str, String>,
    checked: &'a BTreeSet<&'a str>,
}

impl Ctx<'_> {
    fn type_ref(&self, schema: &Schema) -> TypeRef {
        match schema {
            Schema::String { .. } => TypeRef::String,
            Schema::Integer { format, .. } => TypeRef::Int(*format),
            Schema::Number { .. } => TypeRef::Number,
            Schema::Boolean { .. } => TypeRef::Bool,
            Schema::Timestamp { .. } => TypeRef::Timestamp,
            Schema::Json {} => TypeRef::Json,
            Schema::Array { items, .. } => TypeRef::Vec(Box::new(self.type_ref(items))),
            Schema::Map { values } => TypeRef::Map(Box::new(self.type_ref(values))),
            Schema::Ref { name } => match self.type_names.get(name.as_str()) {
                Some(rust) => TypeRef::Named(rust.clone()),
                // Unreachable after validation; free JSON keeps the data and compiles.
                None => TypeRef::Json,
            },
        }
    }

    fn checks(&self, schema: &Schema) -> Checks {
        let mut c = Checks::default();
        match schema {
            Schema::String {
                min_length,
                max_length,
                ..
            } => {
                c.min_length = *min_length;
                c.max_length = *max_length;
            }
            Schema::Integer {
                minimum, maximum, ..
            } => {
                c.minimum = minimum.map(|v| v as f64);
                c.maximum = maximum.map(|v| v as f64);
            }
            Schema::Number {
                minimum, maximum, ..
            } => {
                c.minimum = *minimum;
                c.maximum = *maximum;
            }
            Schema::Array {
                items,
                min_items,
                max_items,
            } => {
                c.min_items = *min_items;
                c.max_items = *max_items;
                let inner = self.checks(items);
                if !inner.is_empty() {
                    c.items = Some(Box::new(inner));
                }
            }
            Schema::Map { values } => {
                let inner = self.checks(values);
                if !inner.is_empty() {
                    c.values = Some(Box::new(inner));
                }
            }
            Schema::Ref { name } => c.nested = self.checked.contains(name.as_str()),
            Schema::Boolean { .. } | Schema::Timestamp { .. } | Schema::Json {} => {}
        }
        c
    }
}

/// Structs that have a constraint somewhere inside them (fixpoint, so recursion is fine).
fn structs_with_checks<'a>(structs: &BTreeMap<&'a str, &'a Vec<spec::Field>>) -> BTreeSet<&'a str> {
    fn direct(schema: &Schema, set: &BTreeSet<&str>) -> bool {
        match schema {
            Schema::String {
                min_length,
                max_length,
                ..
            } => min_length.is_some() || max_length.is_some(),
            Schema::Integer {
                minimum, maximum, ..
            } => minimum.is_some() || maximum.is_some(),
            Schema::Number {
                minimum, maximum, ..
            } => minimum.is_some() || maximum.is_some(),
            Schema::Array {
                items,
                min_items,
                max_items,
            } => min_items.is_some() || max_items.is_some() || direct(items, set),
            Schema::Map { values } => direct(values, set),
            Schema::Ref { name } => set.contains(name.as_str()),
            _ => false,
        }
    }
    let mut set = BTreeSet::new();
    loop {
        let before = set.len();
        for (name, fields) in structs {
            if fields.iter().any(|f| direct(&f.schema, &set)) {
                set.insert(*name);
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// Structs whose required fields all have a `Default` (fixpoint from "all", refined down).
fn structs_with_default<'a>(
    spec: &spec::Spec,
    structs: &BTreeMap<&'a str, &'a Vec<spec::Field>>,
) -> BTreeSet<&'a str> {
    fn has_default(schema: &Schema, spec: &spec::Spec, set: &BTreeSet<&str>) -> bool {
        match schema {
            Schema::Timestamp { .. } | Schema::Number { .. } => false,
            Schema::Ref { name } => match spec.types.get(name) {
                Some(spec::TypeDef::Object { .. }) => set.contains(name.as_str()),
                _ => false,
            },
            _ => true,
        }
    }
    let mut set: BTreeSet<&str> = structs.keys().copied().collect();
    loop {
        let keep: BTreeSet<&str> = set
            .iter()
            .copied()
            .filter(|name| {
                structs[name]
                    .iter()
                    .all(|f| !f.required || has_default(&f.schema, spec, &set))
            })
            .collect();
        if keep.len() == set.len() {
            return keep;
        }
        set = keep;
    }
}

/// Whether a field of struct `owner` with this schema reaches `owner` again without passing
/// through a `Vec` or map (which already allocate): such a field must be boxed.
fn refers_back(structs: &BTreeMap<&str, &Vec<spec::Field>>, owner: &str, schema: &Schema) -> bool {
    let Schema::Ref { name } = schema else {
        return false;
    };
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.as_str()];
    while let Some(current) = stack.pop() {
        if current == owner {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(fields) = structs.get(current) {
            for f in fields.iter() {
                if let Schema::Ref { name } = &f.schema {
                    stack.push(name);
                }
            }
        }
    }
    false
}

/// `extra`, or `extra_2`, `extra_3`, … when a documented field already takes the name.
fn extra_ident(fields: &[spec::Field]) -> String {
    let taken: BTreeSet<String> = fields
        .iter()
        .map(|f| named_field(&f.name, f.rust_name.as_deref()))
        .collect();
    std::iter::once("extra".to_owned())
        .chain((2..).map(|n| format!("extra_{n}")))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default()
}

fn path_parts(template: &str, params: &[Param]) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(PathPart::Literal(encode_literal(&rest[..open])));
        }
        let name = &rest[open + 1..close];
        match params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.wire == name)
        {
            Some(index) => parts.push(PathPart::Param(index)),
            None => parts.push(PathPart::Literal(encode_literal(&rest[open..=close]))),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(encode_literal(rest)));
    }
    parts
}

/// What stays as it is in literal path text: RFC 3986 `pchar`s and `/`. Everything else
/// (spaces, quotes, non-ASCII, `%` itself: the template is text, not an encoded URI) is
/// percent-encoded here, at generation time, so `to_http` never meets a character a URI
/// cannot hold.
const PATH_LITERAL: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// Literal path text, percent-encoded for a URI path.
pub fn encode_literal(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, PATH_LITERAL).to_string()
}

fn field_docs(docs: &str, original: Option<&str>, schema: &Schema) -> Docs {
    let mut out = Docs::new(docs, original);
    let mut facts = Vec::new();
    match schema {
        Schema::Integer {
            minimum, maximum, ..
        } => {
            facts.extend(minimum.map(|v| format!("minimum {v}")));
            facts.extend(maximum.map(|v| format!("maximum {v}")));
        }
        Schema::Number {
            minimum, maximum, ..
        } => {
            facts.extend(minimum.map(|v| format!("minimum {v}")));
            facts.extend(maximum.map(|v| format!("maximum {v}")));
        }
        Schema::String {
            min_length,
            max_length,
            pattern,
            ..
        } => {
            facts.extend(min_length.map(|v| format!("at least {v} characters")));
            facts.extend(max_length.map(|v| format!("at most {v} characters")));
            facts.extend(pattern.as_ref().map(|p| format!("pattern {}", code(p))));
        }
        Schema::Timestamp { format } => facts.push(format!("wire format {}", code(format))),
        _ => {}
    }
    if let Some(default) = schema_default(schema) {
        facts.push(format!("default {}", code(&default)));
    }
    if !facts.is_empty() {
        out.push("");
        out.push(format!(
            "Constraints from the documentation: {}.",
            facts.join(", ")
        ));
    }
    out
}

fn schema_default(schema: &Schema) -> Option<String> {
    match schema {
        Schema::String { default, .. } => default.as_ref().map(|d| format!("{d:?}")),
        Schema::Integer { default, .. } => default.map(|d| d.to_string()),
        Schema::Number { default, .. } => default.map(|d| d.to_string()),
        Schema::Boolean { default } => default.map(|d| d.to_string()),
        _ => None,
    }
}

fn phase_name(phase: spec::Phase) -> &'static str {
    match phase {
        spec::Phase::Pending => "pending",
        spec::Phase::AwaitingUser => "awaiting user",
        spec::Phase::Running => "running",
        spec::Phase::Succeeded => "succeeded",
        spec::Phase::Failed => "failed",
        spec::Phase::PartiallySucceeded => "partially succeeded",
        spec::Phase::Cancelled => "cancelled",
    }
}

/// Variant name for a documented HTTP status: its canonical reason in UpperCamelCase.
pub fn status_variant(code: u16) -> String {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| r.to_upper_camel_case())
        .unwrap_or_else(|| format!("Status{code}"))
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

fn sanitize(name: String, fallback: &str) -> String {
    // Keep only characters Rust allows in identifiers, so every name is a valid identifier.
    let name: String = name
        .chars()
        .filter(|&c| c == '_' || unicode_ident::is_xid_continue(c))
        .collect();
    let name = if name.is_empty() {
        fallback.trim_end_matches('_').to_owned()
    } else {
        name
    };
    let name = match name.chars().next() {
        Some(c) if c != '_' && !unicode_ident::is_xid_start(c) => format!("{fallback}{name}"),
        // `__` starts the emitter's own locals and generic parameters (see `paths`).
        _ if name.starts_with("__") => format!("{fallback}{}", name.trim_start_matches('_')),
        _ => name,
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The compatibility form (NFKC) of a name: `µ` → `μ`, `ﬁ` → `fi`, `ǅ` → `Dž`. rustc
/// warns about identifiers that are not in it, and two spellings of one name must become
/// one identifier (so the collision checks see them). The wire name is kept as written.
fn nfkc(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

/// Field, parameter and local names: snake case, keywords escaped.
pub fn field_ident(wire: &str) -> String {
    let snake = nfkc(&nfkc(wire).to_snake_case());
    sanitize(snake, "field_")
}

/// A field's or parameter's Rust name: its `rust_name` if the spec gives one, else derived
/// from the wire name.
pub fn named_field(wire: &str, rust_name: Option<&str>) -> String {
    field_ident(rust_name.unwrap_or(wire))
}

/// An enum value's Rust name: its `rust_name` if the spec gives one, else derived.
pub fn named_variant(wire: &str, rust_name: Option<&str>, index: usize) -> String {
    variant_ident(rust_name.unwrap_or(wire), index)
}

/// Module names.
pub fn module_ident(name: &str) -> String {
    field_ident(name)
}

/// Type names: UpperCamelCase.
pub fn type_ident(name: &str) -> String {
    sanitize(nfkc(&nfkc(name).to_upper_camel_case()), "Type")
}

/// Enum variant names; `Unknown` is taken by the catch-all variant.
pub fn variant_ident(wire: &str, index: usize) -> String {
    let camel = nfkc(&nfkc(wire).to_upper_camel_case());
    let camel = if camel.is_empty() {
        format!("Value{index}")
    } else {
        camel
    };
    match sanitize(camel, "Value").as_str() {
        "Unknown" => "UnknownValue".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAITING: &str = r#"{
      "provider": "acme", "service": "jobs", "operation": "show_job", "api_version": "v1",
      "title": "Querying a Job", "docs": "Returns a job.",
      "source": {"url": "https://docs.example.com/a", "version": "1"},
      "transport": {"style": "rest", "method": "GET", "path": "/jobs"},
      "base_url": "https://jobs.example.com",
      "auth": {"scheme": "x_auth_token", "docs": "Token."},
      "responses": {"200": {"docs": "OK", "body": {"type": "ref", "name": "Job"}}},
      "types": {
        "Job": {"type": "object", "docs": "A job.", "fields": [
          {"name": "status", "docs": "Status.", "schema": {"type": "ref", "name": "JobStatus"}}
        ]},
        "JobStatus": {"type": "enum", "docs": "Status.", "values": [
          {"value": "RUNNING", "docs": "Running.", "phase": "running"},
          {"value": "PAUSEING", "docs": "Paused.", "phase": "awaiting_user",
           "aliases": [{"value": "PAUSING", "evidence": "The SDK."}],
           "page_mistakes": [{"at": "/value", "page_says": "PAUSEING", "believed": "PAUSING",
                              "evidence": "The appendix."}]},
          {"value": "DONE", "docs": "Done.", "phase": "succeeded"},
          {"value": "FAILED", "docs": "Failed.", "phase": "failed"},
          {"value": "STOPPED", "docs": "Stopped.", "phase": "cancelled",
           "provenance": {"from": "vendor_sdk", "evidence": "Only the SDK has it."}}
        ]}
      },
      "waiters": {
        "finish": {"docs": "Until the job is done.", "done": ["DONE"]},
        "pause": {"docs": "Until it is paused.", "done": ["PAUSEING"], "failed": ["FAILED"]}
      }
    }"#;

    fn lowered() -> Operation {
        let file = crate::load::load_bytes(
            "specs/acme/jobs/show_job.json",
            "acme/jobs/show_job.json",
            WAITING.as_bytes(),
        )
        .expect("the spec loads");
        let diagnostics = crate::validate::validate(std::slice::from_ref(&file));
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        lower_operation(&file)
    }

    fn values(list: &[WaiterValue]) -> Vec<(&str, &str)> {
        list.iter()
            .map(|v| (v.wire.as_str(), v.variant.as_str()))
            .collect()
    }

    #[test]
    fn waiters_are_lowered_as_data_with_their_variants() {
        let op = lowered();
        let names: Vec<&str> = op.waiters.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["finish", "pause"]);
        let finish = &op.waiters[0];
        assert_eq!(finish.status, "JobStatus");
        assert_eq!(finish.docs, "Until the job is done.");
        assert_eq!(values(&finish.done), [("DONE", "Done")]);
        // No `failed` list: every other terminal value, in the enum's order.
        assert_eq!(
            values(&finish.failed),
            [("FAILED", "Failed"), ("STOPPED", "Stopped")]
        );
        let pause = &op.waiters[1];
        assert_eq!(values(&pause.done), [("PAUSEING", "Pauseing")]);
        assert_eq!(values(&pause.failed), [("FAILED", "Failed")]);
    }

    #[test]
    fn aliases_provenance_and_marks_reach_the_variant() {
        let op = lowered();
        let Some(TypeDef::Enum(status)) = op.types.iter().find(|t| matches!(t, TypeDef::Enum(_)))
        else {
            panic!("no enum")
        };
        let paused = &status.variants[1];
        assert_eq!(paused.aliases, ["PAUSING"]);
        let docs = paused.docs.0.join("\n");
        assert!(docs.contains("Phase: awaiting user."), "{docs}");
        assert!(docs.contains("Also decoded from `PAUSING`"), "{docs}");
        assert!(
            docs.contains("Page mistake, kept verbatim: the page says `PAUSEING`"),
            "{docs}"
        );
        let stopped = status.variants[4].docs.0.join("\n");
        assert!(
            stopped
                .contains("Not on the page; from the vendor SDK. Evidence: Only the SDK has it."),
            "{stopped}"
        );
        assert!(status.variants[0].aliases.is_empty());
    }

    /// Literal path text of every ASCII character, and some beyond, makes a URI `http`
    /// accepts, and decodes back to the text.
    #[test]
    fn encoded_literals_are_valid_uri_paths() {
        let mut text: String = (0x20u8..0x7f).map(char::from).collect();
        text.push_str("naïve 日本 \u{202e}");
        let encoded = encode_literal(&format!("/{text}"));
        let uri: http::Uri = format!("https://h.example{encoded}").parse().unwrap();
        let decoded = percent_encoding::percent_decode_str(uri.path())
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, format!("/{text}"));
        assert_eq!(encode_literal("/v1/a b/100%"), "/v1/a%20b/100%25");
    }

    #[test]
    fn identifiers_are_nfkc() {
        assert_eq!(field_ident("latency_µs"), "latency_μs");
        assert_eq!(field_ident("ﬁle_size"), "file_size");
        assert_eq!(field_ident("ǅ"), "dž");
        assert_eq!(type_ident("ǅob"), "Džob");
        assert_eq!(variant_ident("Ⅻ", 0), "Xii");
    }

    /// Response variants are named after status codes' canonical reasons; two documented
    /// statuses can never collide, so the validator need not check it.
    #[test]
    fn status_variant_names_are_unique() {
        let mut seen = BTreeSet::new();
        for code in 100..=599 {
            assert!(
                seen.insert(status_variant(code)),
                "{code}: {}",
                status_variant(code)
            );
        }
    }
}
