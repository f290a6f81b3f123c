//! Stage 2, validate: everything the type system of the spec model cannot say, short of the
//! Rust names (`lower` chooses those and refuses what it cannot use).
//!
//! The line between errors and warnings: what the spec author decides (names, constraints,
//! defaults, the path template) must be consistent, so a contradiction is an error; what the
//! spec copies from the page (its examples) is evidence, kept verbatim, so a mismatch is a
//! warning.
//!
//! Errors (generation stops): provider, service, operation or waiter names that are not
//! snake_case; a field, value or parameter listed twice; references that do not resolve;
//! path templates that disagree with their parameters or are malformed; optional path
//! parameters; RPC operations with path parameters; parameters that are not scalars; scalar
//! request bodies; invalid header names and values; empty enums; status enums where only
//! some values have a phase; an alias that is already a value; a minimum above its maximum;
//! defaults outside their own constraints or integer format; empty docs; a source without
//! `url`/`doc_path`; a base URL that is not http(s); status codes outside 100..=599;
//! duplicate operation IDs; no documented response; a query string or fragment in the path;
//! names too long for a file name; page-mistake marks that do not point at the page's text;
//! waiters whose values are not documented values of a 2xx response's status enum; `TODO`s
//! left from `cargo xtask new`.
//!
//! Warnings (generation goes on; the page's own mistakes, reported and never edited away):
//! examples that do not fit their schema, enum values an example uses but the page does
//! not list, unknown keys in examples, required fields an example lacks or gives as `null`,
//! example URLs that do not match the path, examples for undocumented statuses, request
//! examples with a body when the operation takes none, unused types, a file not at
//! `<provider>/<service>/<operation>.json`. Notes: each marked page mistake, where it is.
//!
//! One file per concern: `names` (module names, the file's place), `request` (path
//! template, parameters, body), `constraints` (schemas: references, limits, defaults),
//! `types` (objects and enums), `examples`, `marks` (page mistakes), `waiters`,
//! `todos` (a skeleton not yet filled).
//!
//! `tests/bad-specs/` shows them (and the loader's and lower's findings): one mistake per
//! case, each with the diagnostics it must produce.

mod constraints;
mod examples;
mod marks;
mod names;
mod request;
mod todos;
mod types;
mod waiters;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Severity};
use crate::load::{PathSeg, SpecFile};
use crate::spec::Spec;

pub use names::{NameProblem, module_name_problems};

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

fn path(parts: &[&str]) -> Path {
    parts.iter().map(|&p| PathSeg::from(p)).collect()
}

fn child(base: &[PathSeg], seg: impl Into<PathSeg>) -> Path {
    let mut p = base.to_vec();
    p.push(seg.into());
    p
}

fn path_idx(parts: &[&str], index: usize) -> Path {
    child(&path(parts), index)
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

    /// Line and column of `at` in this file.
    fn position(&self, at: &[PathSeg]) -> (usize, usize) {
        let d = self.file.diagnostic(Severity::Error, at, "", None);
        (d.line, d.column)
    }

    fn spec(&mut self, spec: &Spec) {
        // A skeleton from `cargo xtask new`: until its TODOs are filled, everything else
        // would be findings about placeholder text.
        if self.todos() {
            return;
        }
        self.names(spec);
        self.docs(&path(&["docs"]), &spec.docs);
        self.docs(&path(&["title"]), &spec.title);
        if spec.source.url.is_none() && spec.source.doc_path.is_none() {
            self.error(
                &path(&["source"]),
                "the source needs a `url` or a `doc_path` so reviewers can find the page",
                Some("add `\"url\": \"https://…\"` (or `\"doc_path\"` for a page in a docs repository)".to_owned()),
            );
        }
        self.base_url(&path(&["base_url"]), &spec.base_url);
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
            self.base_url(&child(&at, "base_url"), &other.base_url);
        }

        self.transport(spec);
        self.request(spec);
        self.responses(spec);
        self.types(spec);
        self.examples(spec);
        self.waiters(spec);
    }

    fn base_url(&mut self, at: &[PathSeg], url: &str) {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            self.error(
                at,
                format!("`{url}` is not an http(s) URL"),
                Some("start it with `https://` (or `http://`)".to_owned()),
            );
        }
    }

    fn responses(&mut self, spec: &Spec) {
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

    fn provenance(&mut self, at: &[PathSeg], provenance: Option<&crate::spec::Provenance>) {
        if let Some(p) = provenance {
            self.docs(&child(&child(at, "provenance"), "evidence"), &p.evidence);
        }
    }
}
