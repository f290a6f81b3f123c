//! One spec → one [`Operation`]: the request (parameters, body, target), the response's
//! statuses, the named types and waiters, with the names [`Names`] chose.

use crate::diagnostics::Diagnostic;
use crate::doc_text::inline;
use crate::ir::{
    BodyIr, Docs, Ident, Operation, Param, ParamLocation, RequestIr, ResponseIr, StatusIr, Target,
};
use crate::load::SpecFile;
use crate::spec::Transport;

use super::docs::{self, ExampleMarks};
use super::names::{Names, generated};
use super::naming::status_variant;
use super::types::TypeLowering;
use super::{path, waiters};

/// One spec lowered: the modules it goes in, its operation (none when a name is refused),
/// and what naming found, errors first.
pub(super) struct Lowering {
    pub provider: Ident,
    pub service: Ident,
    pub operation: Option<Operation>,
    pub findings: Vec<Diagnostic>,
}

pub(super) fn lower_operation(file: &SpecFile) -> Lowering {
    let (names, mut findings) = Names::choose(file);
    findings.sort_by_key(|d| (d.severity, d.line, d.column));
    let operation = (!findings.iter().any(Diagnostic::is_error)).then(|| operation(file, &names));
    Lowering {
        provider: names.provider,
        service: names.service,
        operation,
        findings,
    }
}

fn operation(file: &SpecFile, names: &Names) -> Operation {
    let spec = &file.spec;
    let types = TypeLowering::new(spec, names);
    let ctx = types.ctx();

    let mut params = Vec::new();
    let sections = [
        (ParamLocation::Path, &spec.request.path),
        (ParamLocation::Query, &spec.request.query),
        (ParamLocation::Header, &spec.request.headers),
    ];
    for ((location, list), idents) in sections.into_iter().zip(&names.params) {
        for (p, ident) in list.iter().zip(idents) {
            params.push(Param {
                wire: p.name.clone(),
                ident: ident.clone(),
                location,
                required: p.required || location == ParamLocation::Path,
                fixed: p.fixed.clone(),
                ty: ctx.type_ref(&p.schema),
                checks: ctx.checks(&p.schema),
                docs: {
                    let mut docs = docs::field(&p.docs, p.docs_original.as_deref(), &p.schema);
                    docs::push_provenance(&mut docs, p.provenance.as_ref());
                    docs::push_mistakes(&mut docs, &p.page_mistakes, None);
                    docs
                },
            });
        }
    }
    let target = match &spec.transport {
        Transport::Rest { path: template, .. } => Target::Rest {
            template: template.as_str().to_owned(),
            parts: path::parts(template, &params),
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
            // A canonical reason in UpperCamelCase is never a keyword.
            variant: Ident::plain(status_variant(*code)),
            docs: {
                let mut docs = Docs::new(&r.docs, r.docs_original.as_deref());
                docs::push_mistakes(&mut docs, &r.page_mistakes, None);
                docs
            },
            body: r.body.as_ref().map(|s| ctx.type_ref(s)),
        })
        .collect();

    let marks = ExampleMarks::of(spec);
    let mut docs = docs::operation(spec);
    docs.0.extend(marks.operation.0.iter().cloned());

    let op = &names.operation;
    Operation {
        id: file.operation_id(),
        module: names.module.clone(),
        spec: file.id().clone(),
        spec_file: file.cited().to_owned(),
        title: inline(&spec.title),
        docs,
        source: docs::source(&spec.source),
        method: method.into(),
        target,
        base_url: spec.base_url.clone(),
        auth: spec.auth.scheme.into(),
        auth_docs: Docs::new(&spec.auth.docs, spec.auth.docs_original.as_deref()),
        request: RequestIr {
            name: generated(op, "Request"),
            builder: generated(op, "RequestBuilder"),
            params,
            body,
        },
        response: ResponseIr {
            name: generated(op, "Response"),
            error: generated(op, "Error"),
            statuses,
        },
        types: types.lower(&marks),
        waiters: waiters::lower(spec, names),
    }
}
