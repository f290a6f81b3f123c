//! The spec model: what one hand-written file under `specs/` says about one endpoint.
//!
//! Every struct here is also the source of `specs/schema.json` (through `schemars`), so the
//! doc comments below are what spec authors see in their editor. Unknown keys are refused
//! everywhere (`deny_unknown_fields`) so a typo never silently drops information.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod constraints;
mod path_template;

pub use constraints::{Bounds, Constraints, DefaultValue};
pub use path_template::{PathTemplate, Segment, TemplatePart};

use crate::load::UniqueMap;

/// One documented endpoint of a cloud API, transcribed from its page. What the page gets
/// wrong stays verbatim and is marked where it is (`page_mistakes`); what is not on the page
/// says where it comes from (`provenance`, `aliases`, `other_endpoints`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Path to `specs/schema.json`, for editors. Ignored by the generator.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Provider, snake case: `huaweicloud`, `alibabacloud`. Becomes a module and a cargo feature.
    pub provider: String,
    /// Service, snake case: `drs`, `sdrs`. Becomes a module.
    pub service: String,
    /// Operation, snake case: `show_job_status`. The operation ID is `provider.service.operation`.
    pub operation: String,
    /// API version as the vendor names it (`v3`, `2021-09-31`).
    pub api_version: String,
    /// The page's title, in English.
    pub title: String,
    /// The page's title in its original language, when that is not English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_original: Option<String>,
    /// What the operation does, in English.
    pub docs: String,
    /// The same text in the page's original language, when that is not English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// Where a reviewer finds the page this spec was written from.
    pub source: Source,
    /// How the operation is called: REST (method + path) or RPC (Action + Version).
    pub transport: Transport,
    /// Default base URL; `{region}` is replaced by the region, e.g. `https://drs.{region}.myhuaweicloud.com`.
    pub base_url: String,
    /// The cloud `base_url` belongs to (`Huawei Cloud`, `Open Telekom Cloud`), when the API is
    /// served by more than one cloud or the page is another cloud's copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    /// Other clouds that serve the same API, each with its base URL and the evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_endpoints: Vec<OtherEndpoint>,
    /// How requests are authenticated. Credentials are never request fields.
    pub auth: Auth,
    /// Path, query and header parameters, and the JSON body.
    #[serde(default)]
    pub request: Request,
    /// One entry per documented HTTP status code (`"200"`, `"400"`, …).
    pub responses: UniqueMap<u16, Response>,
    /// Named types (objects and enums), referenced with `{"type": "ref", "name": …}`.
    #[serde(default)]
    pub types: UniqueMap<String, TypeDef>,
    /// The page's own examples, verbatim, mistakes included.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Named waiters: for each intent a caller may have (`start`, `deploy`), the status values
    /// that mean it is done, and those that mean it failed. Where a status's phase depends on
    /// what the caller started, a waiter says so instead of one global answer.
    #[serde(default, skip_serializing_if = "UniqueMap::is_empty")]
    pub waiters: UniqueMap<String, Waiter>,
}

impl Spec {
    /// Names of the named types reachable from `roots` (through objects, arrays and maps).
    pub fn types_reachable_from<'a>(
        &'a self,
        roots: impl IntoIterator<Item = &'a Schema>,
    ) -> BTreeSet<&'a str> {
        fn walk<'a>(schema: &'a Schema, spec: &'a Spec, seen: &mut BTreeSet<&'a str>) {
            match schema {
                Schema::Ref { name } if seen.insert(name) => {
                    if let Some(TypeDef::Object { fields, .. }) = spec.types.get(name) {
                        for f in fields {
                            walk(&f.schema, spec, seen);
                        }
                    }
                }
                Schema::Array { items, .. } => walk(items, spec, seen),
                Schema::Map { values } => walk(values, spec, seen),
                _ => {}
            }
        }
        let mut seen = BTreeSet::new();
        for root in roots {
            walk(root, self, &mut seen);
        }
        seen
    }

    /// Names of the status enums (every value has a phase) that a 2xx response reaches: the
    /// enums a waiter can watch.
    pub fn success_status_enums(&self) -> BTreeSet<&str> {
        let bodies = self
            .responses
            .iter()
            .filter(|(code, _)| (200..300).contains(*code))
            .filter_map(|(_, r)| r.body.as_ref());
        self.types_reachable_from(bodies)
            .into_iter()
            .filter(|name| {
                matches!(self.types.get(*name), Some(TypeDef::Enum { values, .. }) if is_status(values))
            })
            .collect()
    }
}

/// The page a spec was transcribed from.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Public URL of the page, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Path of the page in the vendor's documentation repository, when it lives in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_path: Option<String>,
    /// Version of the page or of the API reference it belongs to.
    pub version: String,
    /// The cloud whose documentation the page is (`Open Telekom Cloud` for a page from its
    /// `doc-exports`), when that is not obvious from the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    /// `true` when the capture did not record the page's address, so `url` is where the page
    /// is believed to be and was not checked against the capture. Shown in the generated docs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub url_unverified: bool,
    /// Anything a reviewer should know about the capture (lost lines, restored values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// How an operation is addressed.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "style", rename_all = "snake_case", deny_unknown_fields)]
pub enum Transport {
    /// A REST call: method and a path template with `{param}` placeholders.
    Rest {
        /// HTTP method.
        method: Method,
        /// Path template, e.g. `/v3/{project_id}/jobs/{job_id}`.
        #[schemars(with = "String")]
        path: PathTemplate,
    },
    /// An RPC call in the Alibaba Cloud style: `Action` and `Version` query parameters.
    Rpc {
        /// HTTP method.
        method: Method,
        /// Value of the `Action` query parameter.
        action: String,
        /// Value of the `Version` query parameter.
        version: String,
    },
}

/// HTTP method.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl Method {
    /// The method as it is written on the wire.
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

/// How a request is authenticated; applied by the caller, not by the generated request.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// The scheme: `x_auth_token` (Huawei Cloud IAM token header) or `alibaba_rpc_signature`.
    pub scheme: AuthScheme,
    /// What the page says about it.
    pub docs: String,
    /// The same text in the page's original language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
}

/// Authentication schemes the generated crate knows how to describe.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AuthScheme {
    /// An IAM token in the `X-Auth-Token` header.
    XAuthToken,
    /// Alibaba Cloud RPC signature (common parameters `AccessKeyId`, `Signature`, …).
    AlibabaRpcSignature,
}

/// The request side of an operation.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Parameters substituted into the path template, in the page's order.
    #[serde(default)]
    pub path: Vec<Param>,
    /// Query parameters, in the page's order.
    #[serde(default)]
    pub query: Vec<Param>,
    /// Header parameters, in the page's order (credentials excluded: see `auth`).
    #[serde(default)]
    pub headers: Vec<Param>,
    /// The JSON request body, if the operation takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
}

/// One path, query or header parameter.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Wire name, exactly as documented (`project_id`, `X-Language`, `TaskId`).
    pub name: String,
    /// The Rust name to use instead of the one derived from the wire name (snake_case), when
    /// two wire names would otherwise collide (`Status` and `status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// English description.
    pub docs: String,
    /// Original-language description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// Whether the caller must set it.
    #[serde(default)]
    pub required: bool,
    /// A fixed value the request always carries (e.g. `Content-Type: application/json`);
    /// such a parameter is not a builder field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Its type: a scalar, or a reference to an enum.
    pub schema: Schema,
    /// The page's example value, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// Where the parameter comes from when it is not on the page (e.g. the vendor's SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Known mistakes of the page in this parameter, kept verbatim and marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_mistakes: Vec<PageMistake>,
}

/// A JSON request body.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// English description.
    pub docs: String,
    /// Original-language description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// The body's type, usually a reference to a named object.
    pub schema: Schema,
}

/// One documented response status.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// English description (`OK`, `Bad Request`, …).
    pub docs: String,
    /// Original-language description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// The body's type; absent when the page documents no body for this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Schema>,
    /// Known mistakes of the page in this status's documentation, kept verbatim and marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_mistakes: Vec<PageMistake>,
}

/// A named type.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TypeDef {
    /// A JSON object with documented fields; undocumented fields are kept on decode.
    Object {
        /// English description.
        docs: String,
        /// Original-language description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        docs_original: Option<String>,
        /// Fields in the page's order.
        fields: Vec<Field>,
    },
    /// A string with a documented set of values; undocumented values are kept on decode.
    Enum {
        /// English description.
        docs: String,
        /// Original-language description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        docs_original: Option<String>,
        /// Every documented value. Give every value a `phase` to make this a status enum.
        values: Vec<EnumValue>,
    },
}

/// One field of an object.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name, exactly as documented.
    pub name: String,
    /// The Rust name to use instead of the one derived from the wire name (snake_case), when
    /// two wire names would otherwise collide (`Status` and `status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// English description.
    pub docs: String,
    /// Original-language description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// Whether the field is always present (requests: the caller must set it).
    #[serde(default)]
    pub required: bool,
    /// Its type.
    pub schema: Schema,
    /// Where the field comes from when it is not on the page (e.g. the vendor's SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Known mistakes of the page in this field, kept verbatim and marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_mistakes: Vec<PageMistake>,
}

/// One documented value of an enum.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The wire value, exactly as documented.
    pub value: String,
    /// The Rust name to use instead of the one derived from the wire name (UpperCamelCase), when
    /// two wire names would otherwise collide (`Status` and `status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// English description.
    pub docs: String,
    /// Original-language description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_original: Option<String>,
    /// For status enums: where a job with this status is in its lifecycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// Why this value has this phase, when the page does not say it in so many words: the
    /// page's words (or the evidence) a reviewer can check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_reason: Option<String>,
    /// Other spellings the server is known to send for this value. They decode as this
    /// value's variant; encoding writes `value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Where the value comes from when it is not on the page (e.g. the vendor's SDK).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Known mistakes of the page in this value, kept verbatim and marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_mistakes: Vec<PageMistake>,
}

/// The reference tokens of a JSON pointer as page-mistake marks write them (`/body/a~1b` →
/// `body`, `a/b`): `None` unless it starts with `/` (the empty pointer has no tokens).
pub fn pointer_tokens(pointer: &str) -> Option<impl Iterator<Item = String> + '_> {
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~")),
    )
}

/// Whether an enum with these values is a status enum: it has values and every one has a
/// phase (it gets `phase()`/`is_terminal()`, and a waiter can watch it).
pub fn is_status(values: &[EnumValue]) -> bool {
    !values.is_empty() && values.iter().all(|v| v.phase.is_some())
}

/// Another spelling of an enum value that the server is known to send.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The other wire spelling, e.g. `PAUSING` for the page's `PAUSEING`.
    pub value: String,
    /// Where it is known from (another page of the same documentation, the vendor's SDK).
    pub evidence: String,
}

/// Where an item that is not on the page comes from. Items without one are from the page.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The kind of source.
    pub from: ProvenanceSource,
    /// What a reviewer opens to check it: repository, file, version.
    pub evidence: String,
}

/// Kinds of sources other than the page itself.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ProvenanceSource {
    /// The vendor's own SDK (its models or client code).
    VendorSdk,
    /// Another page of the vendor's documentation.
    VendorDocs,
}

impl ProvenanceSource {
    /// How generated docs name it: "Not on the page; from …".
    pub fn describe(self) -> &'static str {
        match self {
            ProvenanceSource::VendorSdk => "the vendor SDK",
            ProvenanceSource::VendorDocs => "another page of the vendor's documentation",
        }
    }
}

/// A known mistake of the page, marked on the item that keeps it verbatim. The generator
/// reports it as a note (in `FINDINGS.md`) and puts it in the affected item's rustdoc.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMistake {
    /// Where the mistake is inside the marked item: a JSON pointer into the item as written
    /// in the spec (`/value`, `/docs_original`, `/title`, `/body/job/id`).
    pub at: String,
    /// What the page says, verbatim: text found at `at` (or the key `at` ends with).
    pub page_says: String,
    /// What is believed right.
    pub believed: String,
    /// Why: what a reviewer can check (the same page's other tables, an appendix, the SDK).
    pub evidence: String,
}

/// Another cloud that serves the same API.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherEndpoint {
    /// The cloud's name (`Open Telekom Cloud`).
    pub cloud: String,
    /// Its base URL; `{region}` is replaced by the region.
    pub base_url: String,
    /// Why it serves this API (its documentation, its SDK).
    pub evidence: String,
}

/// What "done" means for one intent of the caller (one named waiter).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// What the caller started, and when to use this waiter.
    pub docs: String,
    /// The status enum the values belong to; needed only when the 2xx responses reach more
    /// than one status enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Wire values that mean the intent is done (documented values, not aliases).
    pub done: Vec<String>,
    /// Wire values that mean the intent failed. When absent: every value with a terminal
    /// phase that is not in `done`. Values in neither set keep a waiter polling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<Vec<String>>,
}

/// Lifecycle phase of a job status value.
#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Accepted or waiting; no work is running yet, more will happen.
    Pending,
    /// Idle until a user acts (configures, resumes, confirms): not terminal, but polling
    /// alone will not see it move.
    AwaitingUser,
    /// Work is in progress.
    Running,
    /// Finished and it worked.
    Succeeded,
    /// Finished and it did not work.
    Failed,
    /// Finished with part of the work done.
    PartiallySucceeded,
    /// Stopped on request before finishing.
    Cancelled,
}

impl Phase {
    /// Whether a job in this phase has stopped for good (the runtime's `is_terminal`).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Phase::Succeeded | Phase::Failed | Phase::PartiallySucceeded | Phase::Cancelled
        )
    }
}

/// The type of a field, parameter or body.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schema {
    /// A string.
    String {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_length: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_length: Option<u64>,
        /// A regular expression the page gives; documented, not enforced.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pattern: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<String>,
    },
    /// An integer of the width the page (or the vendor's SDKs) use.
    Integer {
        format: IntFormat,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minimum: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<i64>,
    },
    /// A floating point number.
    Number {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minimum: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<f64>,
    },
    /// `true` or `false`.
    Boolean {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<bool>,
    },
    /// A point in time sent as a string. The wire text is kept; a parsed accessor is offered.
    Timestamp {
        /// The format as the page states it, e.g. `yyyy-mm-ddThh:mm:ssZ`.
        format: String,
    },
    /// Any JSON value, kept as is.
    Json {},
    /// A JSON array.
    Array {
        items: Box<Schema>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_items: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_items: Option<u64>,
    },
    /// A JSON object with arbitrary keys and values of one type.
    Map { values: Box<Schema> },
    /// A named type from `types`.
    Ref { name: String },
}

impl Example {
    /// The page mistakes marked on this example.
    pub fn page_mistakes(&self) -> &[PageMistake] {
        match self {
            Example::Request { page_mistakes, .. } | Example::Response { page_mistakes, .. } => {
                page_mistakes
            }
        }
    }

    /// The caption the page gives it.
    pub fn title(&self) -> &str {
        match self {
            Example::Request { title, .. } | Example::Response { title, .. } => title,
        }
    }
}

/// Integer widths.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum IntFormat {
    Int32,
    Int64,
    Uint32,
    Uint64,
}

/// One of the page's examples, verbatim.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Example {
    /// An example request.
    Request {
        /// The caption the page gives it.
        title: String,
        /// The example URL, verbatim, placeholders such as `{EndPoint}` included.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        /// The method the page shows, if it shows one (leave it out when the page does not).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<Method>,
        /// The example body, verbatim.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<serde_json::Value>,
        /// Known mistakes of the page in this example, kept verbatim and marked.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        page_mistakes: Vec<PageMistake>,
    },
    /// An example response.
    Response {
        /// The caption the page gives it.
        title: String,
        /// The HTTP status it is documented under.
        status: u16,
        /// The example body, verbatim.
        body: serde_json::Value,
        /// Known mistakes of the page in this example, kept verbatim and marked.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        page_mistakes: Vec<PageMistake>,
    },
}
