//! Stage 3, lower: validated specs → IR. Every Rust identifier is chosen here, once, and a
//! name that cannot be used is refused here, where it is chosen (`names`).
//!
//! Errors (the crate is not built): two fields, parameters, enum values or types that
//! become the same Rust name; a type named like the operation's generated request, builder
//! or response; a parameter named like a generated method (`body`, `build`, `builder`,
//! `to_http`); a provider, service or operation that is a Rust keyword; reserved provider
//! names (the crate's own root modules, `default`); a waiter name that is not an identifier
//! as written; a `rust_name` that is not usable as is; Rust names that would pass for ASCII
//! (`stаtus` with a Cyrillic `а`) or hold characters outside Unicode's identifier profile.
//! Warning: a type key that is not UpperCamelCase (with the name it becomes).
//!
//! Everything else lowering assumes from `validate` (references resolve, the path template
//! matches its parameters); where a spec still surprises it, it falls back to something that
//! compiles rather than panicking.
//!
//! - [`naming`]: the rules that turn spec text into identifiers;
//! - `names`: every name of one spec, chosen and checked;
//! - `operation`: one spec → one [`crate::ir::Operation`];
//! - `types`: named types, their checks, `Default` and boxing;
//! - `docs`: rustdoc text (constraints, provenance, marked page mistakes);
//! - `path`: the path template → literal text (percent-encoded) and parameters;
//! - `waiters`: named waiters with their enum's variants.

mod docs;
mod names;
pub mod naming;
mod operation;
mod path;
mod types;
mod vocabulary;
mod waiters;

use std::collections::BTreeMap;

pub use names::module_keyword_problem;
pub use naming::{
    field_ident, module_ident, named_field, named_variant, type_ident, variant_ident,
};

use crate::diagnostics::Diagnostic;
use crate::ir::{Crate, Ident, Operation, Provider, Service};
use crate::load::SpecFile;

/// A lowered crate and the findings that did not stop it (warnings).
#[derive(Clone, Debug)]
pub struct Lowered {
    pub krate: Crate,
    pub warnings: Vec<Diagnostic>,
}

/// Lowers every spec into one crate named `name`, grouped by provider and service, in name
/// order. On an error, returns every finding of lowering instead (errors first within each
/// file, in file order, like `validate`).
pub fn lower(specs: &[SpecFile], name: &str) -> Result<Lowered, Vec<Diagnostic>> {
    use rayon::prelude::*;
    // Operations are independent: lower them in parallel; grouping below restores one order.
    let lowered: Vec<operation::Lowering> =
        specs.par_iter().map(operation::lower_operation).collect();
    let mut findings = Vec::new();
    let mut tree: BTreeMap<Ident, BTreeMap<Ident, Vec<Operation>>> = BTreeMap::new();
    for one in lowered {
        findings.extend(one.findings);
        if let Some(op) = one.operation {
            tree.entry(one.provider)
                .or_default()
                .entry(one.service)
                .or_default()
                .push(op);
        }
    }
    findings.extend(crate_name_collisions(specs, name, &tree));
    if findings.iter().any(Diagnostic::is_error) {
        return Err(findings);
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
    Ok(Lowered {
        krate: Crate {
            name: name.to_owned(),
            providers,
        },
        warnings: findings,
    })
}

/// Each service is a crate whose library is named `CRATE_PROVIDER_SERVICE`: two services
/// that would get one name (`a_b` + `c`, `a` + `b_c`) cannot both be dependencies of the
/// facade. The second one's specs are refused.
fn crate_name_collisions(
    specs: &[SpecFile],
    name: &str,
    tree: &BTreeMap<Ident, BTreeMap<Ident, Vec<Operation>>>,
) -> Vec<Diagnostic> {
    let mut libraries: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (provider, services) in tree {
        for (service, operations) in services {
            let library = crate::paths::service_library(name, provider.name(), service.name());
            let this = format!("{}.{}", provider.name(), service.name());
            let Some(first) = libraries.get(&library) else {
                libraries.insert(library, this);
                continue;
            };
            let message =
                format!("service `{this}` would be the crate `{library}`, as service `{first}` is");
            for op in operations {
                if let Some(file) = specs.iter().find(|f| *f.id() == op.spec) {
                    out.push(file.diagnostic(
                        crate::diagnostics::Severity::Error,
                        &[crate::load::PathSeg::from("service")],
                        message.clone(),
                        Some("rename the service or the provider so that no `_` moves between them".to_owned()),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{TypeDef, WaiterValue};

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

    fn file(text: &str) -> SpecFile {
        crate::load::load_bytes(
            "specs/acme/jobs/show_job.json",
            "acme/jobs/show_job.json",
            text.as_bytes(),
        )
        .expect("the spec loads")
    }

    fn lowered() -> Operation {
        let file = file(WAITING);
        let diagnostics = crate::validate::validate(std::slice::from_ref(&file));
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        let lowered = lower(std::slice::from_ref(&file), "x").expect("the names are fine");
        assert_eq!(lowered.warnings, []);
        lowered.krate.providers[0].services[0].operations[0].clone()
    }

    fn values(list: &[WaiterValue]) -> Vec<(&str, &str)> {
        list.iter()
            .map(|v| (v.wire.as_str(), v.variant.name()))
            .collect()
    }

    #[test]
    fn waiters_are_lowered_as_data_with_their_variants() {
        let op = lowered();
        let names: Vec<&str> = op.waiters.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["finish", "pause"]);
        let finish = &op.waiters[0];
        assert_eq!(finish.status, Ident::plain("JobStatus"));
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
        assert!(docs.contains("(phase: awaiting user)"), "{docs}");
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

    /// Two services whose crates would share a library name are refused at the second one's
    /// `service`; names that stay apart are accepted.
    #[test]
    fn services_whose_crates_would_share_a_name_are_refused() {
        let spec = |provider: &str, service: &str| {
            let text = WAITING
                .replace(
                    r#""provider": "acme""#,
                    &format!(r#""provider": "{provider}""#),
                )
                .replace(
                    r#""service": "jobs""#,
                    &format!(r#""service": "{service}""#),
                );
            let id = format!("{provider}/{service}/show_job.json");
            crate::load::load_bytes(&id, &id, text.as_bytes()).expect("the spec loads")
        };
        let apart = [spec("acme_cloud", "jobs"), spec("acme", "cloud_jobs_x")];
        assert!(lower(&apart, "x").is_ok());
        let Err(found) = lower(
            &[spec("acme_cloud", "jobs"), spec("acme", "cloud_jobs")],
            "x",
        ) else {
            panic!("two services with one crate name were accepted")
        };
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "acme_cloud/jobs/show_job.json:2:33: error: service `acme_cloud.jobs` would be the crate `x_acme_cloud_jobs`, as service `acme.cloud_jobs` is\n  help: rename the service or the provider so that no `_` moves between them"
            ]
        );
    }

    /// Lowering refuses a name where it chooses it, located, without `validate`'s help; the
    /// other specs' findings come in the same run.
    #[test]
    fn a_collision_is_refused_where_the_name_is_chosen() {
        let twins = WAITING.replace(
            r#"{"value": "DONE", "docs": "Done.", "phase": "succeeded"},"#,
            r#"{"value": "DONE", "docs": "Done.", "phase": "succeeded"},
          {"value": "done", "docs": "Done too.", "phase": "succeeded"},"#,
        );
        let keyword = WAITING.replace(r#""operation": "show_job""#, r#""operation": "move""#);
        let keyword = crate::load::load_bytes("b.json", "acme/jobs/move.json", keyword.as_bytes())
            .expect("the spec loads");
        let Err(found) = lower(&[file(&twins), keyword], "x") else {
            panic!("the collision was accepted")
        };
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "specs/acme/jobs/show_job.json:20:12: error: values `DONE` and `done` both become `Done` in Rust\n  help: give one of them a `rust_name`",
                "b.json:2:46: error: `operation` `move` is a Rust keyword, so it cannot name a module\n  help: use another name, e.g. `move_op`",
            ]
        );
    }

    #[test]
    fn a_type_name_not_in_upper_camel_case_is_a_warning_with_its_rust_name() {
        let text = WAITING.replace(r#""JobStatus""#, r#""job_status""#);
        let lowered = lower(&[file(&text)], "x").expect("a warning only");
        let shown: Vec<&str> = lowered
            .warnings
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            shown,
            ["type names are UpperCamelCase: `job_status` becomes `JobStatus`"]
        );
        let op = &lowered.krate.providers[0].services[0].operations[0];
        assert_eq!(op.waiters[0].status, Ident::plain("JobStatus"));
    }
}
