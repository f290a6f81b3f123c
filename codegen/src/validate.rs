//! Stage 2, validate: everything the type system of the spec model cannot say.
//!
//! The line between errors and warnings: what the spec author decides (names, constraints,
//! defaults, the path template) must be consistent, so a contradiction is an error; what the
//! spec copies from the page (its examples) is evidence, kept verbatim, so a mismatch is a
//! warning.
//!
//! Errors (generation stops): names that are not snake_case or are keywords, or collide
//! after case conversion (types, fields, parameters, enum values, a type and the generated
//! request/response types); a field, value or parameter listed twice; references that do
//! not resolve; path templates that disagree with their parameters or are malformed;
//! optional path parameters; RPC operations with path parameters; parameters that are not
//! scalars; scalar request bodies; invalid header names and values; empty enums; status
//! enums where only some values have a phase; a minimum above its maximum; defaults outside
//! their own constraints or integer format; empty docs; a source without `url`/`doc_path`;
//! a base URL that is not http(s); status codes outside 100..=599; duplicate operation IDs;
//! no documented response; a query string or fragment in the path; reserved provider names
//! (the crate's own root modules, `default`); names too long for a file name; parameters
//! named like a generated method (`build`, `builder`, `to_http`); Rust names that would pass
//! for ASCII (`stаtus` with a Cyrillic `а`) or hold characters outside Unicode's identifier
//! profile.
//!
//! Warnings (generation goes on; the page's own mistakes, reported and never edited away):
//! examples that do not fit their schema, enum values an example uses but the page does
//! not list, unknown keys in examples, required fields an example lacks or gives as `null`,
//! example URLs that do not match the path, examples for undocumented statuses, request
//! examples with a body when the operation takes none, unused types, type names that are
//! not UpperCamelCase, a file not at `<provider>/<service>/<operation>.json`.
//!
//! `tests/bad-specs/` shows them (and the loader's findings): one mistake per case, each with
//! the diagnostics it must produce.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::load::{PathSeg, SpecFile};
use crate::lookalike;
use crate::lower::{field_ident, named_field, named_variant, type_ident, variant_ident};
use crate::spec::{Example, PageMistake, Param, Schema, Spec, Transport, TypeDef};

/// Validates every spec, and the set as a whole. Returns errors and warnings, errors first
/// within each file, in file order.
pub fn validate(specs: &[SpecFile]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // Each file is checked on its own, in parallel; only operation IDs span files.
    let per_file: Vec<Vec<Diagnostic>> = specs
        .par_iter()
        .map(|file| {
            let mut v = Validator {
                file,
                out: Vec::new(),
            };
            v.spec(&file.spec);
            v.out
        })
        .collect();
    let mut out = Vec::new();
    let mut ids: BTreeMap<String, &SpecFile> = BTreeMap::new();
    for (file, diagnostics) in specs.iter().zip(per_file) {
        let mut v = Validator {
            file,
            out: diagnostics,
        };
        if let Some(first) = ids.get(&file.operation_id()) {
            v.error(
                &["operation".into()],
                format!(
                    "operation ID `{}` is also defined by {}",
                    file.operation_id(),
                    first.file
                ),
                Some("give one of them another `operation` name".to_owned()),
            );
        } else {
            ids.insert(file.operation_id(), file);
        }
        v.out.sort_by_key(|d| (d.severity, d.line, d.column));
        out.extend(v.out);
    }
    out
}

type Path = Vec<PathSeg>;

const RUST_NAME_HINT: &str = "give one of them a `rust_name`";

/// Names a provider cannot have: a provider is a module at the root of the generated crate
/// and a Cargo feature, so it must not meet the crate's own modules (`lib`, `registry`,
/// `support`), the runtime's re-exports, the standard crates, or the `default` feature.
const RESERVED_PROVIDERS: &[&str] = &[
    "__private",
    "alloc",
    "client",
    "cloudjobs_runtime",
    "core",
    "default",
    "lib",
    "registry",
    "runtime",
    "sign",
    "std",
    "support",
    "waiter",
];

/// The longest file or directory name most file systems take, in bytes.
const MAX_FILE_NAME: usize = 255;

/// Methods every request and builder has, which a parameter's getter or setter would
/// clash with.
const REQUEST_METHODS: &[&str] = &["body", "build", "builder", "to_http"];

fn path(parts: &[&str]) -> Path {
    parts.iter().map(|&p| PathSeg::from(p)).collect()
}

fn child(base: &[PathSeg], seg: impl Into<PathSeg>) -> Path {
    let mut p = base.to_vec();
    p.push(seg.into());
    p
}

struct Validator<'a> {
    file: &'a SpecFile,
    out: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, at: &[PathSeg], message: impl Into<String>, suggestion: Option<String>) {
        self.out.push(
            self.file
                .diagnostic(Severity::Error, at, message, suggestion),
        );
    }

    fn warning(&mut self, at: &[PathSeg], message: impl Into<String>, suggestion: Option<String>) {
        self.out.push(
            self.file
                .diagnostic(Severity::Warning, at, message, suggestion),
        );
    }

    fn spec(&mut self, spec: &Spec) {
        // A skeleton from `cargo xtask new`: until its TODOs are filled, everything else
        // would be findings about placeholder text.
        if self.todos() {
            return;
        }
        for (key, value) in [
            ("provider", &spec.provider),
            ("service", &spec.service),
            ("operation", &spec.operation),
        ] {
            let snake = value.to_snake_case();
            let is_ident = !value.is_empty()
                && value.starts_with(|c: char| c.is_ascii_lowercase())
                && value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !is_ident || snake != *value {
                let hint = (!snake.is_empty()).then(|| format!("use `{snake}`"));
                self.error(
                    &path(&[key]),
                    format!("`{key}` must be a snake_case name, got `{value}`"),
                    hint,
                );
            } else if field_ident(value) != *value {
                // snake_case already, but a module cannot have this name.
                self.error(
                    &path(&[key]),
                    format!("`{key}` `{value}` is a Rust keyword, so it cannot name a module"),
                    Some(format!("use another name, e.g. `{value}_op`")),
                );
            } else if key == "provider" && RESERVED_PROVIDERS.contains(&value.as_str()) {
                let why = if value == "default" {
                    "it is the generated crate's Cargo feature that enables every provider"
                } else {
                    "the generated crate's root has its own module, re-export or dependency by that name"
                };
                self.error(
                    &path(&[key]),
                    format!("provider `{value}` is reserved: {why}"),
                    Some(format!(
                        "use another name, e.g. `{value}_cloud` (reserved: {})",
                        RESERVED_PROVIDERS.join(", ")
                    )),
                );
            }
            // A module is a directory (provider, service) or a `.rs` file (operation).
            let limit = if key == "operation" {
                MAX_FILE_NAME - ".rs".len()
            } else {
                MAX_FILE_NAME
            };
            if value.len() > limit {
                self.error(
                    &path(&[key]),
                    format!(
                        "`{key}` is {} bytes long; the generated {} would pass the {MAX_FILE_NAME}-byte file name limit",
                        value.len(),
                        if key == "operation" { "`.rs` file's name" } else { "directory's name" }
                    ),
                    Some(format!("use a name of at most {limit} bytes")),
                );
            }
        }
        let expected = format!("{}/{}/{}.json", spec.provider, spec.service, spec.operation);
        if self.file.relative != expected {
            self.warning(
                &[],
                format!("this spec should live at `{expected}` in the specs directory"),
                None,
            );
        }
        self.docs(&path(&["docs"]), &spec.docs);
        self.docs(&path(&["title"]), &spec.title);
        if spec.source.url.is_none() && spec.source.doc_path.is_none() {
            self.error(
                &path(&["source"]),
                "the source needs a `url` or a `doc_path` so reviewers can find the page",
                Some("add `\"url\": \"https://…\"` (or `\"doc_path\"` for a page in a docs repository)".to_owned()),
            );
        }
        if !spec.base_url.starts_with("https://") && !spec.base_url.starts_with("http://") {
            self.error(
                &path(&["base_url"]),
                format!("`{}` is not an http(s) URL", spec.base_url),
                Some("start it with `https://` (or `http://`)".to_owned()),
            );
        }

        if let Some(cloud) = &spec.cloud {
            self.docs(&path(&["cloud"]), cloud);
        }
        if let Some(cloud) = &spec.source.cloud {
            self.docs(&path(&["source", "cloud"]), cloud);
        }
        for (i, other) in spec.other_endpoints.iter().enumerate() {
            let at = path_idx(&["other_endpoints"], i);
            self.docs(&child(&at, "cloud"), &other.cloud);
            self.docs(&child(&at, "evidence"), &other.evidence);
            if !other.base_url.starts_with("https://") && !other.base_url.starts_with("http://") {
                self.error(
                    &child(&at, "base_url"),
                    format!("`{}` is not an http(s) URL", other.base_url),
                    Some("start it with `https://` (or `http://`)".to_owned()),
                );
            }
        }

        self.transport(spec);
        self.request(spec);
        if spec.responses.is_empty() {
            self.error(
                &path(&["responses"]),
                "no response is documented: the response type needs at least one status",
                Some(
                    "add each status the page documents, e.g. `\"200\": {\"docs\": \"OK\"}`"
                        .to_owned(),
                ),
            );
        }
        for (code, response) in &spec.responses {
            let at = path(&["responses", &code.to_string()]);
            self.marks(&at, response, &response.page_mistakes);
            if !(100..=599).contains(code) {
                self.error(
                    &at,
                    format!("{code} is not an HTTP status code"),
                    Some("use the status the page documents (100 to 599)".to_owned()),
                );
            }
            self.docs(&child(&at, "docs"), &response.docs);
            if let Some(body) = &response.body {
                self.schema(&child(&at, "body"), body, spec);
            }
        }
        self.types(spec);
        self.examples(spec);
        self.waiters(spec);
    }

    /// Checks the page mistakes marked on the item at `at` (serialized as `item`) and reports
    /// each as a note, located at the mistake itself.
    fn marks(&mut self, at: &[PathSeg], item: &impl serde::Serialize, marks: &[PageMistake]) {
        if marks.is_empty() {
            return;
        }
        let value = serde_json::to_value(item).unwrap_or(Value::Null);
        for (i, mark) in marks.iter().enumerate() {
            let mat = child(&child(at, "page_mistakes"), i);
            self.docs(&child(&mat, "page_says"), &mark.page_says);
            self.docs(&child(&mat, "believed"), &mark.believed);
            self.docs(&child(&mat, "evidence"), &mark.evidence);
            let Some((target, segments, key)) = resolve_pointer(&value, &mark.at) else {
                self.error(
                    &child(&mat, "at"),
                    format!(
                        "`{}` does not point into the marked item",
                        mark.at.escape_debug()
                    ),
                    Some(
                        "use a JSON pointer into this item as written, e.g. `/value`, `/docs`, `/body/job/id`"
                            .to_owned(),
                    ),
                );
                continue;
            };
            let found = match target {
                Value::String(text) => text.contains(&mark.page_says),
                other => serde_json::to_string(other).is_ok_and(|text| text == mark.page_says),
            } || key.is_some_and(|k| k == mark.page_says);
            if !found {
                self.error(
                    &child(&mat, "page_says"),
                    format!(
                        "the page's text `{}` is not at `{}`",
                        mark.page_says.escape_debug(),
                        mark.at.escape_debug()
                    ),
                    Some("quote the page verbatim, as the item keeps it".to_owned()),
                );
                continue;
            }
            let mut located = at.to_vec();
            located.extend(segments);
            self.out.push(self.file.diagnostic(
                Severity::Note,
                &located,
                format!(
                    "page mistake, kept verbatim: the page says `{}`; believed right: {}",
                    mark.page_says, mark.believed
                ),
                Some(format!("evidence: {}", mark.evidence)),
            ));
        }
    }

    fn provenance(&mut self, at: &[PathSeg], provenance: Option<&crate::spec::Provenance>) {
        if let Some(p) = provenance {
            self.docs(&child(&child(at, "provenance"), "evidence"), &p.evidence);
        }
    }

    /// Named waiters: their values must be documented values of a status enum of a 2xx
    /// response, each listed once.
    fn waiters(&mut self, spec: &Spec) {
        if spec.waiters.is_empty() {
            return;
        }
        let statuses = spec.success_status_enums();
        for (name, waiter) in &spec.waiters {
            let at = path(&["waiters", name]);
            if name.is_empty() || name.to_snake_case() != *name || field_ident(name) != *name {
                self.error(
                    &at,
                    format!("waiter name `{name}` is not a snake_case name"),
                    (!name.to_snake_case().is_empty())
                        .then(|| format!("use `{}`", name.to_snake_case())),
                );
            }
            self.docs(&child(&at, "docs"), &waiter.docs);
            let chosen = match &waiter.status {
                Some(status) if statuses.contains(status.as_str()) => Some(status.as_str()),
                Some(status) => {
                    let hint = did_you_mean(status, statuses.iter().copied())
                        .map(|d| format!("did you mean `{d}`?"))
                        .or_else(|| Some("name a status enum (every value has a phase) that a 2xx response reaches".to_owned()));
                    self.error(
                        &child(&at, "status"),
                        format!("`{status}` is not a status enum of a 2xx response"),
                        hint,
                    );
                    None
                }
                None if statuses.len() == 1 => statuses.iter().next().copied(),
                None if statuses.is_empty() => {
                    self.error(
                        &at,
                        "no 2xx response of this operation reaches a status enum, so a waiter has nothing to wait for",
                        Some("give the status enum's values a `phase`".to_owned()),
                    );
                    None
                }
                None => {
                    self.error(
                        &at,
                        format!(
                            "the 2xx responses reach several status enums ({}); say which one the waiter watches",
                            statuses.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                        ),
                        Some("add `\"status\": \"<enum name>\"`".to_owned()),
                    );
                    None
                }
            };
            let Some(Some(TypeDef::Enum { values, .. })) = chosen.map(|c| spec.types.get(c)) else {
                continue;
            };
            if waiter.done.is_empty() {
                self.error(
                    &child(&at, "done"),
                    format!("waiter `{name}` has no `done` values"),
                    Some("list the status values that mean this intent is done".to_owned()),
                );
            }
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let lists = [
                ("done", Some(&waiter.done)),
                ("failed", waiter.failed.as_ref()),
            ];
            for (key, list) in lists {
                for (i, value) in list.into_iter().flatten().enumerate() {
                    let vat = child(&child(&at, key), i);
                    if !seen.insert(value) {
                        self.error(
                            &vat,
                            format!("`{value}` is listed twice in waiter `{name}`"),
                            Some("a value is either `done` or `failed`, once".to_owned()),
                        );
                        continue;
                    }
                    if values.iter().any(|v| v.value == *value) {
                        continue;
                    }
                    let aliased = values
                        .iter()
                        .find(|v| v.aliases.iter().any(|a| a.value == *value));
                    let hint = match aliased {
                        Some(v) => Some(format!(
                            "`{value}` is an alias of `{}`: use `{}`",
                            v.value, v.value
                        )),
                        None => did_you_mean(value, values.iter().map(|v| v.value.as_str()))
                            .map(|d| format!("did you mean `{d}`?")),
                    };
                    self.error(
                        &vat,
                        format!(
                            "`{value}` is not a documented value of `{}`",
                            chosen.unwrap_or_default()
                        ),
                        hint,
                    );
                }
            }
        }
    }

    /// Line and column of `at` in this file.
    fn position(&self, at: &[PathSeg]) -> (usize, usize) {
        let d = self.file.diagnostic(Severity::Error, at, "", None);
        (d.line, d.column)
    }

    /// Reports every `TODO` left in the spec; true if there was one. Prose and names count
    /// when they start with `TODO`; wire data (enum values, examples, defaults, fixed values,
    /// patterns), where `TODO` could be a real value, only in the skeleton's `TODO:` form.
    fn todos(&mut self) -> bool {
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

    /// A `rust_name` must already be the identifier it asks for.
    fn rust_name(
        &mut self,
        at: &[PathSeg],
        rust_name: Option<&str>,
        convert: impl Fn(&str) -> String,
    ) {
        if let Some(name) = rust_name {
            let converted = convert(name);
            if converted != name {
                self.error(
                    &child(at, "rust_name"),
                    format!(
                        "`rust_name` `{name}` is not usable as is: it would become `{converted}`"
                    ),
                    Some(format!("use `{converted}`")),
                );
            }
        }
    }

    /// A Rust name rustc would warn about (see [`crate::lookalike`]). `what` is `field`,
    /// `parameter` or `value`, whose `rust_name` is the fix.
    fn ident_chars(&mut self, at: &[PathSeg], what: &str, wire: &str, ident: &str) {
        let fix = ("give it a `rust_name`", "; the wire name stays as written");
        self.name_chars(at, &format!("{what} `{wire}`"), ident, fix);
    }

    /// [`Self::ident_chars`] for a type, whose fix is another key.
    fn type_ident_chars(&mut self, at: &[PathSeg], name: &str, rust: &str) {
        self.name_chars(at, &format!("type `{name}`"), rust, ("rename it", ""));
    }

    fn name_chars(&mut self, at: &[PathSeg], what: &str, ident: &str, (fix, note): (&str, &str)) {
        if let Some(found) = lookalike::ascii_lookalike(ident) {
            self.error(
                at,
                format!(
                    "the Rust name of {what} would pass for `{}`: U+{:04X} looks like `{}` (rustc warns about look-alike identifiers)",
                    found.as_ascii,
                    u32::from(found.letter),
                    found.looks_like
                ),
                Some(format!("{fix}, e.g. `{}`{note}", found.as_ascii)),
            );
        } else if let Some(c) = lookalike::uncommon(ident) {
            self.error(
                at,
                format!(
                    "the Rust name of {what} holds U+{:04X}, which is outside Unicode's identifier profile (rustc warns: `uncommon_codepoints`)",
                    u32::from(c)
                ),
                Some(format!("{fix} with letters in common use{note}")),
            );
        }
    }

    fn docs(&mut self, at: &[PathSeg], text: &str) {
        if text.trim().is_empty() {
            self.error(
                at,
                "documentation is empty",
                Some("copy the page's description".to_owned()),
            );
        }
    }

    fn transport(&mut self, spec: &Spec) {
        match &spec.transport {
            Transport::Rest { path: template, .. } => {
                let at = path(&["transport", "path"]);
                if !template.starts_with('/') {
                    self.error(
                        &at,
                        format!("the path `{template}` must start with `/`"),
                        Some(format!("use `/{template}`")),
                    );
                }
                if let Some(c) = template.chars().find(|c| matches!(c, '?' | '#')) {
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
                        format!("the path `{template}` holds {what}"),
                        Some(hint.to_owned()),
                    );
                }
                let Some(placeholders) = placeholders(template) else {
                    self.error(
                        &at,
                        format!("the path `{template}` has a `{{` without a `}}`"),
                        Some("close the placeholder: `{name}`".to_owned()),
                    );
                    // Which parameters it names is unknown: checking them against the
                    // declared ones would only repeat this error.
                    return;
                };
                let declared: Vec<&str> =
                    spec.request.path.iter().map(|p| p.name.as_str()).collect();
                for name in &placeholders {
                    if !declared.contains(&name.as_str()) {
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
                    if !placeholders.contains(&p.name) {
                        self.error(
                            &child(&path_idx(&["request", "path"], i), "name"),
                            format!(
                                "path parameter `{}` does not appear in the path `{template}`",
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

    fn request(&mut self, spec: &Spec) {
        let mut idents: BTreeMap<String, String> = BTreeMap::new();
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
                    continue;
                }
                if p.fixed.is_none() {
                    self.rust_name(&at, p.rust_name.as_deref(), field_ident);
                    let ident = named_field(&p.name, p.rust_name.as_deref());
                    self.ident_chars(&child(&at, "name"), "parameter", &p.name, &ident);
                    if ident == "body" && spec.request.body.is_some() {
                        self.error(
                            &child(&at, "name"),
                            format!(
                                "parameter `{}` clashes with the request body's builder method `body`",
                                p.name
                            ),
                            Some("give the parameter a `rust_name`".to_owned()),
                        );
                    } else if ident != "body" && REQUEST_METHODS.contains(&ident.as_str()) {
                        self.error(
                            &child(&at, "name"),
                            format!(
                                "parameter `{}` clashes with the generated method `{ident}` of every request and builder",
                                p.name
                            ),
                            Some("give the parameter a `rust_name`".to_owned()),
                        );
                    }
                    if let Some(other) = idents.insert(ident.clone(), p.name.clone()) {
                        self.error(
                            &child(&at, "name"),
                            format!(
                                "parameters `{other}` and `{}` both become `{ident}` in Rust",
                                p.name
                            ),
                            Some(RUST_NAME_HINT.to_owned()),
                        );
                    }
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
            if http::HeaderName::from_bytes(p.name.as_bytes()).is_err() {
                self.error(
                    &child(at, "name"),
                    format!(
                        "`{}` is not a valid HTTP header name",
                        p.name.escape_debug()
                    ),
                    Some(
                        "header names are ASCII letters, digits and `-`, without spaces".to_owned(),
                    ),
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
                        Some("header values are visible ASCII, without line breaks".to_owned()),
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
                                Some(
                                    "header values are visible ASCII, without line breaks"
                                        .to_owned(),
                                ),
                            );
                        }
                    }
                }
            }
        }
        if let Some(example) = &p.example {
            self.example_value(&child(at, "example"), example, &p.schema, spec, !p.required);
        }
        self.provenance(at, p.provenance.as_ref());
        self.marks(at, p, &p.page_mistakes);
    }

    fn schema(&mut self, at: &[PathSeg], schema: &Schema, spec: &Spec) {
        match schema {
            Schema::Ref { name } => {
                if !spec.types.contains_key(name) {
                    let hint = did_you_mean(name, spec.types.keys().map(String::as_str))
                        .map(|d| format!("did you mean `{d}`?"))
                        .or_else(|| Some("define it under `types`".to_owned()));
                    self.error(
                        &child(at, "name"),
                        format!("type `{name}` is not defined"),
                        hint,
                    );
                }
            }
            Schema::Array {
                items,
                min_items,
                max_items,
            } => {
                self.bounds(
                    at,
                    min_items.map(|v| v as f64),
                    max_items.map(|v| v as f64),
                    "min_items",
                    "max_items",
                );
                self.schema(&child(at, "items"), items, spec);
            }
            Schema::Map { values } => self.schema(&child(at, "values"), values, spec),
            Schema::Integer {
                format,
                minimum,
                maximum,
                default,
            } => {
                self.bounds(
                    at,
                    minimum.map(|v| v as f64),
                    maximum.map(|v| v as f64),
                    "minimum",
                    "maximum",
                );
                if let Some(d) = default {
                    self.default_in_bounds(
                        at,
                        *d as f64,
                        minimum.map(|v| v as f64),
                        maximum.map(|v| v as f64),
                    );
                    if !int_fits(*d, *format) {
                        self.error(
                            &child(at, "default"),
                            format!("default {d} does not fit `{}`", int_format(*format)),
                            Some(
                                "use a wider `format`, or check the default against the page"
                                    .to_owned(),
                            ),
                        );
                    }
                }
            }
            Schema::Number {
                minimum,
                maximum,
                default,
            } => {
                self.bounds(at, *minimum, *maximum, "minimum", "maximum");
                if let Some(d) = default {
                    self.default_in_bounds(at, *d, *minimum, *maximum);
                }
            }
            Schema::String {
                min_length,
                max_length,
                default,
                ..
            } => {
                self.bounds(
                    at,
                    min_length.map(|v| v as f64),
                    max_length.map(|v| v as f64),
                    "min_length",
                    "max_length",
                );
                if let Some(d) = default {
                    let len = d.chars().count() as u64;
                    let ordered = !matches!((min_length, max_length), (Some(a), Some(b)) if a > b);
                    if ordered
                        && (min_length.is_some_and(|m| len < m)
                            || max_length.is_some_and(|m| len > m))
                    {
                        self.error(
                            &child(at, "default"),
                            format!(
                                "default `{d}` is {len} characters long, outside its own length constraints ({})",
                                range(min_length.map(|m| m as f64), max_length.map(|m| m as f64))
                            ),
                            Some("check the default and the limits against the page".to_owned()),
                        );
                    }
                }
            }
            Schema::Boolean { .. } | Schema::Timestamp { .. } | Schema::Json {} => {}
        }
    }

    fn bounds(
        &mut self,
        at: &[PathSeg],
        min: Option<f64>,
        max: Option<f64>,
        min_key: &str,
        max_key: &str,
    ) {
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                self.error(
                    &child(at, max_key),
                    format!("`{min_key}` ({min}) is greater than `{max_key}` ({max})"),
                    Some("check the limits against the page; they may be swapped".to_owned()),
                );
            }
        }
    }

    fn default_in_bounds(&mut self, at: &[PathSeg], d: f64, min: Option<f64>, max: Option<f64>) {
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                // Reported by `bounds`; no default can fit.
                return;
            }
        }
        if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
            self.error(
                &child(at, "default"),
                format!(
                    "default {d} is outside its own constraints ({})",
                    range(min, max)
                ),
                Some("check the default and the limits against the page".to_owned()),
            );
        }
    }

    fn types(&mut self, spec: &Spec) {
        let reserved = {
            let op = type_ident(&spec.operation);
            [
                format!("{op}Request"),
                format!("{op}RequestBuilder"),
                format!("{op}Response"),
            ]
        };
        let mut rust_names: BTreeMap<String, &str> = BTreeMap::new();
        for (name, def) in &spec.types {
            let at = path(&["types", name]);
            let rust = type_ident(name);
            self.type_ident_chars(&at, name, &rust);
            if reserved.contains(&rust) {
                self.error(
                    &at,
                    format!("type `{name}` clashes with the generated `{rust}`"),
                    Some(format!("rename it, e.g. `{rust}Body`")),
                );
            }
            if let Some(other) = rust_names.insert(rust.clone(), name) {
                // `types` is sorted by name; report the one written later in the file.
                let later = if self.position(&path(&["types", other])) > self.position(&at) {
                    path(&["types", other])
                } else {
                    at.clone()
                };
                self.error(
                    &later,
                    format!("types `{other}` and `{name}` both become `{rust}` in Rust"),
                    Some("rename one of them".to_owned()),
                );
            }
            if name.to_upper_camel_case() != *name {
                self.warning(
                    &at,
                    format!("type names are UpperCamelCase: `{name}` becomes `{rust}`"),
                    None,
                );
            }
            match def {
                TypeDef::Object { docs, fields, .. } => {
                    self.docs(&child(&at, "docs"), docs);
                    // Each wire name and the index it is first listed at.
                    let mut wires: BTreeMap<&str, usize> = BTreeMap::new();
                    let mut idents: BTreeMap<String, &str> = BTreeMap::new();
                    for (i, f) in fields.iter().enumerate() {
                        let fat = child(&child(&at, "fields"), i);
                        self.docs(&child(&fat, "docs"), &f.docs);
                        self.schema(&child(&fat, "schema"), &f.schema, spec);
                        self.provenance(&fat, f.provenance.as_ref());
                        self.marks(&fat, f, &f.page_mistakes);
                        let first = *wires.entry(f.name.as_str()).or_insert(i);
                        if first != i {
                            let (line, column) =
                                self.position(&child(&child(&child(&at, "fields"), first), "name"));
                            self.error(
                                &child(&fat, "name"),
                                format!(
                                    "field `{}` of `{name}` is listed twice (first at line {line}, column {column})",
                                    f.name
                                ),
                                Some("remove one of them".to_owned()),
                            );
                            continue;
                        }
                        self.rust_name(&fat, f.rust_name.as_deref(), field_ident);
                        let ident = named_field(&f.name, f.rust_name.as_deref());
                        self.ident_chars(&child(&fat, "name"), "field", &f.name, &ident);
                        if let Some(other) = idents.insert(ident.clone(), &f.name) {
                            self.error(
                                &child(&fat, "name"),
                                format!(
                                    "fields `{other}` and `{}` both become `{ident}` in Rust",
                                    f.name
                                ),
                                Some(RUST_NAME_HINT.to_owned()),
                            );
                        }
                    }
                }
                TypeDef::Enum { docs, values, .. } => {
                    self.docs(&child(&at, "docs"), docs);
                    if values.is_empty() {
                        self.error(
                            &child(&at, "values"),
                            format!("enum `{name}` has no values"),
                            Some("list every documented value".to_owned()),
                        );
                    }
                    let with_phase = values.iter().filter(|v| v.phase.is_some()).count();
                    // Each wire value and the index it is first listed at.
                    let mut wires: BTreeMap<&str, usize> = BTreeMap::new();
                    // Alias spellings, in the order they are listed.
                    let mut aliases: BTreeSet<&str> = BTreeSet::new();
                    let mut idents: BTreeMap<String, &str> = BTreeMap::new();
                    for (i, v) in values.iter().enumerate() {
                        let vat = child(&child(&at, "values"), i);
                        self.docs(&child(&vat, "docs"), &v.docs);
                        self.provenance(&vat, v.provenance.as_ref());
                        self.marks(&vat, v, &v.page_mistakes);
                        for (j, alias) in v.aliases.iter().enumerate() {
                            let aat = child(&child(&vat, "aliases"), j);
                            self.docs(&child(&aat, "evidence"), &alias.evidence);
                            // A value anywhere in the enum, or an alias listed earlier.
                            let clash = values.iter().any(|w| w.value == alias.value)
                                || !aliases.insert(alias.value.as_str());
                            if clash {
                                self.error(
                                    &child(&aat, "value"),
                                    format!(
                                        "alias `{}` is already a value or an alias of `{name}`",
                                        alias.value
                                    ),
                                    Some("a wire spelling can decode as one value only".to_owned()),
                                );
                            }
                        }
                        if with_phase > 0 && v.phase.is_none() {
                            self.error(
                                &vat,
                                format!(
                                    "value `{}` has no `phase`, but others in `{name}` do",
                                    v.value
                                ),
                                Some("give every value of a status enum a phase".to_owned()),
                            );
                        }
                        let first = *wires.entry(v.value.as_str()).or_insert(i);
                        if first != i {
                            let (line, column) = self
                                .position(&child(&child(&child(&at, "values"), first), "value"));
                            self.error(
                                &child(&vat, "value"),
                                format!(
                                    "value `{}` of enum `{name}` is listed twice (first at line {line}, column {column})",
                                    v.value
                                ),
                                Some("remove one of them".to_owned()),
                            );
                            continue;
                        }
                        self.rust_name(&vat, v.rust_name.as_deref(), |n| variant_ident(n, i));
                        let ident = named_variant(&v.value, v.rust_name.as_deref(), i);
                        self.ident_chars(&child(&vat, "value"), "value", &v.value, &ident);
                        if let Some(other) = idents.insert(ident.clone(), &v.value) {
                            self.error(
                                &child(&vat, "value"),
                                format!(
                                    "values `{other}` and `{}` both become `{ident}` in Rust",
                                    v.value
                                ),
                                Some(RUST_NAME_HINT.to_owned()),
                            );
                        }
                    }
                }
            }
        }
        let used = used_types(spec);
        for name in spec.types.keys() {
            if !used.contains(name.as_str()) {
                self.warning(
                    &path(&["types", name]),
                    format!("type `{name}` is never used"),
                    None,
                );
            }
        }
    }

    fn examples(&mut self, spec: &Spec) {
        for (i, example) in spec.examples.iter().enumerate() {
            let at = path_idx(&["examples"], i);
            self.marks(&at, example, example.page_mistakes());
            match example {
                Example::Request { url, body, .. } => {
                    if let (Some(url), Transport::Rest { path: template, .. }) =
                        (url, &spec.transport)
                    {
                        // A broken template is an error of its own; no URL can match it.
                        if placeholders(template).is_some() && !url_matches(template, url) {
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

    /// Checks an example value against its schema; mismatches are the page's mistakes, so
    /// they are warnings.
    fn example_value(
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
                _ if value.as_u64().is_some()
                    && matches!(format, crate::spec::IntFormat::Uint64) => {}
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
                            self.warning(at, format!("the example's value `{s}` is not a documented value of `{name}`"), hint);
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

/// The `{name}`s of a path template, in order; `None` if a `{` is never closed.
fn placeholders(template: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')?;
        names.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    Some(names)
}

fn path_idx(parts: &[&str], index: usize) -> Path {
    child(&path(parts), index)
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

/// A range as `min..=max`, either end possibly open.
fn range(min: Option<f64>, max: Option<f64>) -> String {
    format!(
        "{}..={}",
        min.map_or(String::new(), |m| m.to_string()),
        max.map_or(String::new(), |m| m.to_string())
    )
}

/// An integer format as the spec writes it.
fn int_format(format: crate::spec::IntFormat) -> &'static str {
    use crate::spec::IntFormat::*;
    match format {
        Int32 => "int32",
        Int64 => "int64",
        Uint32 => "uint32",
        Uint64 => "uint64",
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

fn int_fits(n: i64, format: crate::spec::IntFormat) -> bool {
    use crate::spec::IntFormat::*;
    match format {
        Int32 => i32::try_from(n).is_ok(),
        Int64 => true,
        Uint32 => u32::try_from(n).is_ok(),
        Uint64 => n >= 0,
    }
}

/// Names of the types reachable from the request and the responses.
fn used_types(spec: &Spec) -> BTreeSet<&str> {
    let request = &spec.request;
    let params = request
        .path
        .iter()
        .chain(&request.query)
        .chain(&request.headers)
        .map(|p| &p.schema);
    let bodies = request
        .body
        .iter()
        .map(|b| &b.schema)
        .chain(spec.responses.values().filter_map(|r| r.body.as_ref()));
    spec.types_reachable_from(params.chain(bodies))
}

/// Whether a documented example URL (`https://{EndPoint}/v3/abc/jobs/x?id=1`) fits a path
/// template: same number of segments, literal segments equal.
fn url_matches(template: &str, url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let Some(start) = after_scheme.find('/') else {
        return false;
    };
    let path = after_scheme[start..].split('?').next().unwrap_or_default();
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let u: Vec<&str> = path.trim_matches('/').split('/').collect();
    t.len() == u.len()
        && t.iter()
            .zip(&u)
            .all(|(t, u)| (t.starts_with('{') && t.ends_with('}')) || t == u)
}

/// Resolves a JSON pointer (`/body/job/id`, `~1` for `/`, `~0` for `~`) in `value`: the
/// value found, the path to it, and the last key when the last step was an object key.
fn resolve_pointer<'v>(
    value: &'v Value,
    pointer: &str,
) -> Option<(&'v Value, Vec<PathSeg>, Option<String>)> {
    if pointer.is_empty() {
        return Some((value, Vec::new(), None));
    }
    let mut current = value;
    let mut segments = Vec::new();
    let mut last_key = None;
    for token in crate::spec::pointer_tokens(pointer)? {
        match current {
            Value::Object(map) => {
                current = map.get(&token)?;
                segments.push(PathSeg::Key(token.clone()));
                last_key = Some(token);
            }
            Value::Array(items) => {
                let index: usize = token.parse().ok()?;
                current = items.get(index)?;
                segments.push(PathSeg::Index(index));
                last_key = None;
            }
            _ => return None,
        }
    }
    Some((current, segments, last_key))
}

#[cfg(test)]
mod tests {
    use super::*;

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
