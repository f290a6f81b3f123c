//! The intermediate representation: the generated crate with every Rust name already chosen.
//!
//! `lower` builds it from validated specs; `emit` turns it into tokens and never chooses a
//! name itself, so naming rules (case conversion, keywords, collisions) live in one place.
//! Rust names are [`Ident`]s, which know whether they are written raw (`r#type`).

mod ident;

pub use ident::Ident;

use crate::SpecId;
use crate::doc_text;

/// The whole generated crate.
#[derive(Clone, Debug, PartialEq)]
pub struct Crate {
    /// The package name (`cloudjobs`).
    pub name: String,
    /// Providers in name order; each is a module and a cargo feature.
    pub providers: Vec<Provider>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Provider {
    /// Module and feature name.
    pub module: Ident,
    pub services: Vec<Service>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub module: Ident,
    pub operations: Vec<Operation>,
}

/// One operation: one module, one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// `provider.service.operation`.
    pub id: String,
    pub module: Ident,
    /// The spec file it was generated from.
    pub spec: SpecId,
    /// How the generated file cites that spec ([`crate::SpecFile::cited`]).
    pub spec_file: String,
    /// The page's title, one line, escaped as doc text.
    pub title: String,
    pub docs: Docs,
    /// Human-readable pointer to the vendor page, escaped as doc text.
    pub source: String,
    pub method: Method,
    pub target: Target,
    pub base_url: String,
    pub auth: AuthScheme,
    pub auth_docs: Docs,
    pub request: RequestIr,
    pub response: ResponseIr,
    /// Named types, in name order.
    pub types: Vec<TypeDef>,
    /// Named waiters, in name order: for one intent each, the status values that end it.
    pub waiters: Vec<Waiter>,
}

/// What "done" means for one intent of the caller, as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// The spec's name for the intent (`start`), snake case.
    pub name: String,
    /// The spec's text as written: it is data (`WaiterSpec::docs`), not rustdoc.
    pub docs: String,
    /// Rust name of the status enum the values belong to.
    pub status: Ident,
    /// Values that mean the intent is done.
    pub done: Vec<WaiterValue>,
    /// Values that mean it failed (the spec's list, or every other terminal value).
    pub failed: Vec<WaiterValue>,
}

/// One status value a waiter names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiterValue {
    pub wire: String,
    /// The variant of the status enum.
    pub variant: Ident,
}

/// Where a request goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// REST: the path template, split into literal text and parameters.
    Rest {
        template: String,
        parts: Vec<PathPart>,
    },
    /// RPC: fixed `Action` and `Version` query parameters; the path is `/`.
    Rpc { action: String, version: String },
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    /// Literal text, already percent-encoded.
    Literal(String),
    /// Index into `RequestIr::params`.
    Param(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestIr {
    /// `ShowJobStatusRequest`.
    pub name: Ident,
    /// `ShowJobStatusRequestBuilder`.
    pub builder: Ident,
    pub params: Vec<Param>,
    pub body: Option<BodyIr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub wire: String,
    pub ident: Ident,
    pub location: ParamLocation,
    pub required: bool,
    /// Fixed parameters are always sent and are not builder fields.
    pub fixed: Option<String>,
    pub ty: TypeRef,
    pub checks: Checks,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BodyIr {
    pub ty: TypeRef,
    pub checks: Checks,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResponseIr {
    /// `ShowJobStatusResponse`: the success enum, emitted when several 2xx are documented.
    pub name: Ident,
    /// `ShowJobStatusError`: the error of `parse_response`.
    pub error: Ident,
    pub statuses: Vec<StatusIr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatusIr {
    pub code: u16,
    /// Variant name from the status's canonical reason: `Ok`, `BadRequest`.
    pub variant: Ident,
    pub docs: Docs,
    /// `None`: the page documents no body; the variant keeps the raw bytes.
    pub body: Option<TypeRef>,
}

/// A Rust type as used in a field, parameter or body.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    String,
    Int(IntFormat),
    Number,
    Bool,
    Timestamp,
    Json,
    Vec(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// A named type of this operation, by Rust name.
    Named(Ident),
}

/// Constraints the builder checks before a request is sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// Items of an array: checks that apply to each element.
    pub items: Option<Box<Checks>>,
    /// Values of a map: checks that apply to each value.
    pub values: Option<Box<Checks>>,
    /// The named type has checks of its own (a `validate` method).
    pub nested: bool,
}

impl Checks {
    pub fn is_empty(&self) -> bool {
        *self == Checks::default()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    Struct(Struct),
    Enum(Enum),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    pub name: Ident,
    pub docs: Docs,
    pub fields: Vec<Field>,
    /// Some field, at any depth, has a constraint: the struct gets a `validate` method.
    pub has_checks: bool,
    /// Every field type has a `Default`: the struct derives it.
    pub derive_default: bool,
    /// Name of the field that keeps undocumented wire fields (`extra`, unless a documented
    /// field already has that name).
    pub extra: Ident,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub wire: String,
    pub ident: Ident,
    pub required: bool,
    pub ty: TypeRef,
    /// The field refers back to its own struct without an indirection: it is boxed.
    pub boxed: bool,
    pub checks: Checks,
    /// Documented default, rendered as wire text (`5`, `"en-us"`).
    pub default: Option<String>,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    pub name: Ident,
    pub docs: Docs,
    pub variants: Vec<Variant>,
    /// Every value has a phase: the enum gets `phase()` and `is_terminal()`.
    pub is_status: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub wire: String,
    pub ident: Ident,
    pub docs: Docs,
    pub phase: Option<Phase>,
    /// Other wire spellings that decode as this variant (encoding writes `wire`).
    pub aliases: Vec<String>,
}

/// Documentation text, one entry per line, ready for `///`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    /// English text, then the original-language text when there is one and it says
    /// something else (a page that is English already would repeat every line), as plain
    /// text (see [`crate::doc_text`]: nothing in it can become a code block, a link or a list).
    pub fn new(english: &str, original: Option<&str>) -> Docs {
        let mut lines = doc_text::prose(english);
        let original = original.filter(|original| original.trim() != english.trim());
        if let Some(original) = original {
            lines.push(String::new());
            match doc_text::prose(original).as_slice() {
                // One line (most of them): a paragraph of its own, after its label.
                [line] => lines.push(format!("Original text: {line}")),
                more => {
                    lines.push("Original text:".to_owned());
                    lines.push(String::new());
                    lines.extend(more.iter().map(|l| {
                        if l.is_empty() {
                            ">".to_owned()
                        } else {
                            format!("> {l}")
                        }
                    }));
                }
            }
        }
        Docs(lines)
    }

    pub fn push(&mut self, line: impl Into<String>) {
        self.0.push(line.into());
    }
}
/// One step from a response body's root to a field inside it.
#[derive(Clone, Debug, PartialEq)]
pub enum PathStep {
    /// The member with this wire name.
    Field(String),
    /// Every item of an array.
    Each,
}

/// A field of a success body that holds a job's status: where, and each value's phase.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusField {
    pub path: Vec<PathStep>,
    /// The status enum the field holds (whose tables give each value's phase).
    pub status: Ident,
}

impl Operation {
    /// The status fields of the 2xx bodies that a poller reads: for each body, the
    /// shallowest fields whose type is a status enum (the job's own status, or each job's of a
    /// batch), not the statuses of sub-jobs nested below them.
    pub fn status_fields(&self) -> Vec<StatusField> {
        let mut out: Vec<StatusField> = Vec::new();
        for status in &self.response.statuses {
            let Some(body) = status
                .body
                .as_ref()
                .filter(|_| (200..300).contains(&status.code))
            else {
                continue;
            };
            // Breadth first, one level of fields at a time; the first level with a status
            // field is the answer for this body.
            let mut level: Vec<(Vec<PathStep>, &TypeRef)> = vec![(Vec::new(), body)];
            let mut seen: Vec<&Ident> = Vec::new();
            while !level.is_empty() {
                let mut found = Vec::new();
                let mut next = Vec::new();
                for (path, ty) in level {
                    let (mut path, name) = match self.unwrap_arrays(path, ty) {
                        Some(named) => named,
                        None => continue,
                    };
                    match self.types.iter().find(|t| t.name() == name) {
                        Some(TypeDef::Enum(e)) if e.is_status => {
                            let status = e.name.clone();
                            found.push(StatusField { path, status });
                        }
                        Some(TypeDef::Struct(s)) if !seen.contains(&&s.name) => {
                            seen.push(&s.name);
                            for field in &s.fields {
                                path.push(PathStep::Field(field.wire.clone()));
                                next.push((path.clone(), &field.ty));
                                path.pop();
                            }
                        }
                        _ => {}
                    }
                }
                if !found.is_empty() {
                    for field in found {
                        if !out.contains(&field) {
                            out.push(field);
                        }
                    }
                    break;
                }
                level = next;
            }
        }
        out
    }

    /// The named type under any number of arrays, with an `Each` step per array.
    fn unwrap_arrays<'a>(
        &self,
        mut path: Vec<PathStep>,
        mut ty: &'a TypeRef,
    ) -> Option<(Vec<PathStep>, &'a Ident)> {
        loop {
            match ty {
                TypeRef::Vec(inner) => {
                    path.push(PathStep::Each);
                    ty = inner;
                }
                TypeRef::Named(name) => return Some((path, name)),
                _ => return None,
            }
        }
    }
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn name(&self) -> &Ident {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
        }
    }
}

/// HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl Method {
    /// The method as it is written on the wire (and as `http::Method`'s constant is named).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }
}

/// How the caller authenticates a request (described in docs, never a request field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// An IAM token in the `X-Auth-Token` header.
    XAuthToken,
    /// Alibaba Cloud's request signature.
    AlibabaRpcSignature,
}

/// The Rust integer type of an integer field or parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntFormat {
    Int32,
    Int64,
    Uint32,
    Uint64,
}

/// Lifecycle phase of a job status value (the runtime's `Phase`, less `Unknown`, which only
/// undocumented values have).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pending,
    AwaitingUser,
    Running,
    Succeeded,
    Failed,
    PartiallySucceeded,
    Cancelled,
}

#[cfg(test)]
mod tests {
    use super::Docs;

    #[test]
    fn the_original_text_is_quoted_only_when_it_says_something_else() {
        let translated = Docs::new("Job ID", Some("任务ID"));
        assert_eq!(translated.0, ["Job ID", "", "Original text: 任务ID"]);
        // Several lines keep their breaks, quoted.
        let two = Docs::new("Job ID", Some("任务ID\n\n作业"));
        assert_eq!(
            two.0,
            [
                "Job ID",
                "",
                "Original text:",
                "",
                "> 任务ID",
                ">",
                "> 作业"
            ]
        );
        assert_eq!(
            Docs::new("Bad Request", Some(" Bad Request")).0,
            ["Bad Request"]
        );
        assert_eq!(Docs::new("Bad Request", None).0, ["Bad Request"]);
    }
}
