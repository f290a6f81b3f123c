//! Spec review: what changed between two sets of specs, and whether it breaks users of the
//! generated crate. Drives `cargo xtask diff`.
//!
//! A change is **breaking** when code that compiled against the old crate no longer does, a
//! payload that decoded before no longer does, or behaviour users rely on changes (a request
//! goes elsewhere, a waiter stops at another status). Everything else is still reported, so a
//! reviewer sees every edit of a spec.
//!
//! Rules are direction-aware. A named type is judged by where it is used: reachable from a
//! parameter or the request body (request), from a response body (response), or both — in
//! which case the strictest use decides (a change breaking for either use is breaking). A type
//! no operation reaches is judged as if used both ways (it is still generated). The decisions,
//! from what the generated code does:
//!
//! - Struct fields are `T` when required and `Option<T>` when not, in requests and responses
//!   alike, so flipping `required` either way changes a Rust type: always breaking. A response
//!   field made required also makes old payloads without it fail to decode.
//! - A **required response field added** is breaking: payloads that decoded before (recorded
//!   ones, older servers) lack it and now fail. A required request field added is breaking too
//!   (the struct's `new` takes one more argument). An **optional field added** is not: a
//!   struct a request reaches is `#[non_exhaustive]`, built with `new(required…)` and
//!   `with_<field>` setters, so no caller has a literal to break; a response-only struct is
//!   decoded, not built (a literal in a test ends in `..Default::default()` where it derives
//!   `Default`).
//! - Enum values: a **request** value added is not breaking (one more choice); removed is
//!   (code naming the variant no longer compiles). A **response** value added is not breaking,
//!   but it is reported: payloads carrying it decode as the new variant instead of `Unknown`
//!   (and a status gets its phase instead of `Phase::Unknown`), so a `match` that handled it
//!   under `Unknown` sees it elsewhere. A response value removed is breaking (code matching on
//!   it no longer compiles; the payload now decodes as `Unknown`).
//! - A value's **phase** changed (or a status enum gaining/losing phases) is breaking: waiters
//!   built on `phase()`/`is_terminal()` stop or keep polling at a different status.
//! - Constraints (`minimum`, `maximum`, lengths, item counts, `pattern`) are enforced by the
//!   request builder only. Tightened in a request: breaking (a `build()` that passed fails);
//!   tightened in a response only, or loosened anywhere: reported, not breaking. A changed
//!   pattern counts as tightened (values matching the old one may not match the new one).
//! - Parameters: removed, renamed, moved to another location, made required, or added as
//!   required is breaking. Made optional is breaking too: the request's accessor changes from
//!   `&T` to `Option<&T>`. Added as optional is not. A parameter becoming `fixed` loses its
//!   builder method (reported as removed); a fixed value changing is reported, not breaking.
//! - A status code removed is breaking (its variant is gone). An error status added is not:
//!   it used to be the error's `Undocumented` variant and is now its own (the error enum is
//!   `#[non_exhaustive]`). A **2xx status added** is breaking while at most one 2xx was
//!   documented: `parse_response`'s `Ok` type changes (from `Infallible`, or from the one
//!   body's type to the `<Op>Response` enum of several); added to two or more it is one more
//!   variant of that `#[non_exhaustive]` enum, not breaking. A status gaining or losing a body
//!   schema changes its payload type (`RawBody` ↔ a struct): breaking.
//! - Any Rust name that changes is breaking: a `rust_name`, a type renamed (a removed and an
//!   added type with the same definition), a parameter's or field's wire name (removed +
//!   added). Integer `format` changes the Rust integer type: breaking.
//! - Path, method, RPC action or version, transport style, base URL and auth scheme changes
//!   are breaking (requests go elsewhere or are signed differently). `api_version` is only
//!   documentation. Docs, titles, the source, defaults (documented, never sent) and timestamp
//!   formats (documented; `Timestamp::parse` reads RFC 3339 whatever the page says) are
//!   reported, not breaking; so are examples.
//!
//! Each finding has a JSON pointer into the new spec, or into the old one for something
//! removed ([`Side`]), so a renderer can show a position with [`SpecFile::diagnostic`].

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Severity;
use crate::load::{PathSeg, SpecFile};
use crate::lower::{named_field, named_variant, type_ident};
use crate::spec::{
    Body, Bounds, DefaultValue, EnumValue, Field, Param, Phase, Response, Schema, Spec, Transport,
    TypeDef,
};

/// Which spec a finding's pointer points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// The base (for something removed).
    Old,
    /// The new spec.
    New,
}

impl Side {
    /// Where a change to something that may be absent points: into the new spec while it
    /// has the thing, else into the base (it was removed).
    fn of<T>(new: Option<T>) -> Side {
        if new.is_some() { Side::New } else { Side::Old }
    }
}

macro_rules! kinds {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// The kind of a change; `as_str` is the stable kebab-case name tools match on.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $(#[doc = $doc] $variant,)*
        }

        impl Kind {
            /// Every kind, in documentation order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }

            /// One line saying what the kind means.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Kind::$variant => $doc,)*
                }
            }
        }
    };
}

kinds! {
    OperationRemoved => "operation-removed", "A spec (operation ID) is gone.";
    OperationAdded => "operation-added", "A new spec (operation ID).";
    TransportChanged => "transport-changed", "REST became RPC or the reverse.";
    MethodChanged => "method-changed", "The HTTP method changed.";
    PathChanged => "path-changed", "The REST path template changed.";
    RpcActionChanged => "rpc-action-changed", "The RPC `Action` changed.";
    RpcVersionChanged => "rpc-version-changed", "The RPC `Version` changed.";
    BaseUrlChanged => "base-url-changed", "The default base URL (`ENDPOINT_TEMPLATE`) changed.";
    AuthChanged => "auth-changed", "The authentication scheme changed.";
    ApiVersionChanged => "api-version-changed", "`api_version` (documentation only) changed.";
    ParameterRemoved => "parameter-removed", "A parameter is gone (or became `fixed`).";
    ParameterRenamed => "parameter-renamed", "A parameter's wire name changed (same place, same type).";
    ParameterLocationChanged => "parameter-location-changed", "A parameter moved between path, query and headers.";
    ParameterMadeRequired => "parameter-made-required", "An optional parameter became required.";
    ParameterMadeOptional => "parameter-made-optional", "A required parameter became optional (its accessor now returns an `Option`).";
    RequiredParameterAdded => "required-parameter-added", "A new required parameter.";
    OptionalParameterAdded => "optional-parameter-added", "A new optional parameter.";
    FixedValueChanged => "fixed-value-changed", "The value a `fixed` parameter always sends changed.";
    RequestBodyAdded => "request-body-added", "The operation now takes a (required) body.";
    RequestBodyRemoved => "request-body-removed", "The operation no longer takes a body.";
    RequestTypeChanged => "request-type-changed", "A type used in a request changed (kind, integer format, reference).";
    RequestFieldRemoved => "request-field-removed", "A field of a request type is gone.";
    RequestFieldMadeRequired => "request-field-made-required", "A request field became required (`Option<T>` → `T`).";
    RequestFieldMadeOptional => "request-field-made-optional", "A request field became optional (`T` → `Option<T>`).";
    RequiredRequestFieldAdded => "required-request-field-added", "A new required field in a request type.";
    RequiredResponseFieldAdded => "required-response-field-added", "A new required field in a response type: old payloads without it fail to decode.";
    OptionalFieldAdded => "optional-field-added", "A new optional field.";
    ResponseFieldRemoved => "response-field-removed", "A field of a response type is gone.";
    ResponseFieldTypeChanged => "response-field-type-changed", "A type used in a response changed (kind, integer format, reference).";
    ResponseFieldMadeOptional => "response-field-made-optional", "A response field became optional (`T` → `Option<T>`).";
    ResponseFieldMadeRequired => "response-field-made-required", "A response field became required (`Option<T>` → `T`; payloads without it fail).";
    RequestEnumValueRemoved => "request-enum-value-removed", "A value of an enum used in a request is gone.";
    RequestEnumValueAdded => "request-enum-value-added", "A new value of an enum used in a request.";
    ResponseEnumValueRemoved => "response-enum-value-removed", "A value of an enum used in a response is gone (code matching it breaks; it now decodes as `Unknown`).";
    ResponseEnumValueAdded => "response-enum-value-added", "A new value of an enum used in a response: it decodes as a known variant instead of `Unknown`.";
    ConstraintTightened => "constraint-tightened", "A minimum went up, a maximum down, a length or item limit appeared or narrowed, a pattern appeared or changed.";
    ConstraintLoosened => "constraint-loosened", "A constraint widened or disappeared.";
    DefaultChanged => "default-changed", "A documented default changed (never sent by the crate).";
    TimestampFormatChanged => "timestamp-format-changed", "A timestamp's documented wire format changed.";
    StatusCodeRemoved => "status-code-removed", "A documented status (and its variant) is gone.";
    StatusCodeAdded => "status-code-added", "A new documented status (breaking for a 2xx when at most one 2xx was documented: the `Ok` type of `parse_response` changes).";
    ResponseBodyAdded => "response-body-added", "A status gained a body schema (its variant holds a type instead of `RawBody`).";
    ResponseBodyRemoved => "response-body-removed", "A status lost its body schema (its variant holds `RawBody`).";
    PhaseChanged => "phase-changed", "A status value's phase changed: waiters behave differently.";
    RustNameChanged => "rust-name-changed", "A `rust_name` changed the Rust name of a field, parameter or value.";
    TypeRenamed => "type-renamed", "A named type was renamed (same definition).";
    TypeRemoved => "type-removed", "A named type is gone.";
    TypeAdded => "type-added", "A new named type.";
    DocsChanged => "docs-changed", "Documentation (docs, titles, phase reasons) changed.";
    SourceChanged => "source-changed", "The source page (URL, path, version, notes) changed.";
    ExampleChanged => "example-changed", "An example was added, removed or edited.";
}

/// One change between the old and the new spec of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The operation ID, `provider.service.operation`.
    pub operation: String,
    /// Which spec [`Change::path`] points into.
    pub side: Side,
    /// Where the change is, as a path into that spec.
    pub path: Vec<PathSeg>,
    /// What kind of change it is.
    pub kind: Kind,
    /// Whether it breaks users of the generated crate.
    pub breaking: bool,
    /// One sentence for the reviewer.
    pub detail: String,
}

impl Change {
    /// [`Change::path`] as a JSON pointer (RFC 6901): `/types/JobStatus/values/3`.
    pub fn pointer(&self) -> String {
        pointer(&self.path)
    }
}

/// A path as a JSON pointer (RFC 6901).
pub fn pointer(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            PathSeg::Key(key) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            PathSeg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// Every change from `old` to `new`, operations in ID order; within an operation, breaking
/// changes first, each group in the order of the spec.
pub fn diff(old: &[SpecFile], new: &[SpecFile]) -> Vec<Change> {
    let old: BTreeMap<String, &SpecFile> = old.iter().map(|f| (f.operation_id(), f)).collect();
    let new: BTreeMap<String, &SpecFile> = new.iter().map(|f| (f.operation_id(), f)).collect();
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let mut changes = match (old.get(id), new.get(id)) {
            (Some(_), None) => vec![Change {
                operation: id.clone(),
                side: Side::Old,
                path: Vec::new(),
                kind: Kind::OperationRemoved,
                breaking: true,
                detail: format!("operation `{id}` is removed, with its module and types"),
            }],
            (None, Some(_)) => vec![Change {
                operation: id.clone(),
                side: Side::New,
                path: Vec::new(),
                kind: Kind::OperationAdded,
                breaking: false,
                detail: format!("operation `{id}` is new"),
            }],
            (Some(o), Some(n)) => diff_spec(id, &o.spec, &n.spec),
            (None, None) => Vec::new(),
        };
        // Stable: the spec's order within each group.
        changes.sort_by_key(|c| !c.breaking);
        out.extend(changes);
    }
    out
}

/// Every change between two versions of one operation's spec.
pub fn diff_spec(operation: &str, old: &Spec, new: &Spec) -> Vec<Change> {
    let mut d = Differ {
        operation: operation.to_owned(),
        old,
        new,
        old_uses: uses(old),
        new_uses: uses(new),
        renames: renames(old, new),
        out: Vec::new(),
    };
    d.spec();
    d.out
}

/// Where a type is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Use {
    request: bool,
    response: bool,
}

impl Use {
    const REQUEST: Use = Use {
        request: true,
        response: false,
    };
    const RESPONSE: Use = Use {
        request: false,
        response: true,
    };

    fn or(self, other: Use) -> Use {
        Use {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }

    /// The kind to report a change as: the request's for a type only requests use, else the
    /// response's (used both ways, or unused: an unused type is generated all the same).
    /// Each rule's verdict is the same for both uses, except constraints (see `constraint`).
    fn kind(self, request: Kind, response: Kind) -> Kind {
        if self.request && !self.response {
            request
        } else {
            response
        }
    }
}

fn uses(spec: &Spec) -> BTreeMap<String, Use> {
    let r = &spec.request;
    let request_roots = r
        .path
        .iter()
        .chain(&r.query)
        .chain(&r.headers)
        .map(|p| &p.schema)
        .chain(r.body.as_ref().map(|b| &b.schema));
    let response_roots = spec.responses.values().filter_map(|r| r.body.as_ref());
    let mut out: BTreeMap<String, Use> = BTreeMap::new();
    for name in spec.types_reachable_from(request_roots) {
        out.entry(name.to_owned()).or_default().request = true;
    }
    for name in spec.types_reachable_from(response_roots) {
        out.entry(name.to_owned()).or_default().response = true;
    }
    out
}

/// Old type name → new type name, for a type removed and another added with the same
/// definition (docs aside).
fn renames(old: &Spec, new: &Spec) -> BTreeMap<String, String> {
    fn shape(def: &TypeDef) -> serde_json::Value {
        fn strip(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(map) => {
                    for key in ["docs", "docs_original", "phase_reason"] {
                        map.remove(key);
                    }
                    map.values_mut().for_each(strip);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
                _ => {}
            }
        }
        let mut v = serde_json::to_value(def).unwrap_or_default();
        strip(&mut v);
        v
    }
    let mut added: Vec<(&String, serde_json::Value)> = new
        .types
        .iter()
        .filter(|(name, _)| !old.types.contains_key(*name))
        .map(|(name, def)| (name, shape(def)))
        .collect();
    let mut out = BTreeMap::new();
    for (name, def) in old
        .types
        .iter()
        .filter(|(n, _)| !new.types.contains_key(*n))
    {
        let def = shape(def);
        if let Some(i) = added.iter().position(|(_, d)| *d == def) {
            let (to, _) = added.remove(i);
            out.insert(name.clone(), to.clone());
        }
    }
    out
}

type Path = Vec<PathSeg>;

fn at(base: &[PathSeg], seg: impl Into<PathSeg>) -> Path {
    let mut p = base.to_vec();
    p.push(seg.into());
    p
}

fn keys(parts: &[&str]) -> Path {
    parts.iter().map(|&p| PathSeg::from(p)).collect()
}

struct Differ<'a> {
    operation: String,
    old: &'a Spec,
    new: &'a Spec,
    old_uses: BTreeMap<String, Use>,
    new_uses: BTreeMap<String, Use>,
    renames: BTreeMap<String, String>,
    out: Vec<Change>,
}

impl Differ<'_> {
    fn push(&mut self, side: Side, path: Path, kind: Kind, breaking: bool, detail: String) {
        self.out.push(Change {
            operation: self.operation.clone(),
            side,
            path,
            kind,
            breaking,
            detail,
        });
    }

    /// A text that is only documentation: reported when it changed.
    fn docs(&mut self, path: &[PathSeg], what: &str, old: Option<&str>, new: Option<&str>) {
        if old != new {
            let side = Side::of(new);
            let verb = match (old, new) {
                (None, _) => "is added",
                (_, None) => "is removed",
                _ => "changed",
            };
            self.push(
                side,
                path.to_vec(),
                Kind::DocsChanged,
                false,
                format!("{what} {verb}"),
            );
        }
    }

    /// `docs` and `docs_original` under `base`.
    fn docs_pair(
        &mut self,
        base: &[PathSeg],
        what: &str,
        old: (&str, Option<&str>),
        new: (&str, Option<&str>),
    ) {
        self.docs(
            &at(base, "docs"),
            &format!("the docs of {what}"),
            Some(old.0),
            Some(new.0),
        );
        self.docs(
            &at(base, "docs_original"),
            &format!("the original-language docs of {what}"),
            old.1,
            new.1,
        );
    }

    fn spec(&mut self) {
        let (old, new) = (self.old, self.new);
        self.docs(
            &keys(&["title"]),
            "the title",
            Some(&old.title),
            Some(&new.title),
        );
        self.docs(
            &keys(&["title_original"]),
            "the original-language title",
            old.title_original.as_deref(),
            new.title_original.as_deref(),
        );
        self.docs_pair(
            &[],
            "the operation",
            (&old.docs, old.docs_original.as_deref()),
            (&new.docs, new.docs_original.as_deref()),
        );
        if old.api_version != new.api_version {
            self.push(
                Side::New,
                keys(&["api_version"]),
                Kind::ApiVersionChanged,
                false,
                format!(
                    "`api_version` changed from `{}` to `{}` (documentation only)",
                    old.api_version, new.api_version
                ),
            );
        }
        self.source();
        self.transport();
        if old.base_url != new.base_url {
            self.push(
                Side::New,
                keys(&["base_url"]),
                Kind::BaseUrlChanged,
                true,
                format!(
                    "the base URL changed from `{}` to `{}`: requests built with `ENDPOINT_TEMPLATE` go elsewhere",
                    old.base_url, new.base_url
                ),
            );
        }
        if old.auth.scheme != new.auth.scheme {
            self.push(
                Side::New,
                keys(&["auth", "scheme"]),
                Kind::AuthChanged,
                true,
                format!(
                    "the auth scheme changed from `{}` to `{}`: requests must be signed differently",
                    json_text(&old.auth.scheme),
                    json_text(&new.auth.scheme)
                ),
            );
        }
        self.docs_pair(
            &keys(&["auth"]),
            "the auth scheme",
            (&old.auth.docs, old.auth.docs_original.as_deref()),
            (&new.auth.docs, new.auth.docs_original.as_deref()),
        );
        self.request();
        self.responses();
        self.types();
        self.examples();
    }

    fn source(&mut self) {
        let (o, n) = (&self.old.source, &self.new.source);
        for (key, old, new) in [
            ("url", o.url.as_deref(), n.url.as_deref()),
            ("doc_path", o.doc_path.as_deref(), n.doc_path.as_deref()),
            (
                "version",
                Some(o.version.as_str()),
                Some(n.version.as_str()),
            ),
            ("notes", o.notes.as_deref(), n.notes.as_deref()),
        ] {
            if old != new {
                self.push(
                    Side::of(new),
                    keys(&["source", key]),
                    Kind::SourceChanged,
                    false,
                    format!("`source.{key}` changed"),
                );
            }
        }
    }

    fn transport(&mut self) {
        let t = keys(&["transport"]);
        match (&self.old.transport, &self.new.transport) {
            (
                Transport::Rest {
                    method: om,
                    path: op,
                },
                Transport::Rest {
                    method: nm,
                    path: np,
                },
            ) => {
                self.method(&t, *om, *nm);
                self.address(
                    &t,
                    "path",
                    Kind::PathChanged,
                    "the path",
                    op.as_str(),
                    np.as_str(),
                );
            }
            (
                Transport::Rpc {
                    method: om,
                    action: oa,
                    version: ov,
                },
                Transport::Rpc {
                    method: nm,
                    action: na,
                    version: nv,
                },
            ) => {
                self.method(&t, *om, *nm);
                self.address(
                    &t,
                    "action",
                    Kind::RpcActionChanged,
                    "the RPC action",
                    oa,
                    na,
                );
                self.address(
                    &t,
                    "version",
                    Kind::RpcVersionChanged,
                    "the RPC version",
                    ov,
                    nv,
                );
            }
            (old, new) => self.push(
                Side::New,
                at(&t, "style"),
                Kind::TransportChanged,
                true,
                format!(
                    "the transport changed from {} to {}",
                    transport_style(old),
                    transport_style(new)
                ),
            ),
        }
    }

    /// A part of the transport that says where a request goes: any change is breaking.
    fn address(&mut self, t: &[PathSeg], key: &str, kind: Kind, what: &str, old: &str, new: &str) {
        if old != new {
            let detail = format!("{what} changed from `{old}` to `{new}`");
            self.push(Side::New, at(t, key), kind, true, detail);
        }
    }

    fn method(&mut self, t: &[PathSeg], old: crate::spec::Method, new: crate::spec::Method) {
        if old != new {
            self.push(
                Side::New,
                at(t, "method"),
                Kind::MethodChanged,
                true,
                format!(
                    "the method changed from {} to {}",
                    old.as_str(),
                    new.as_str()
                ),
            );
        }
    }

    fn request(&mut self) {
        let (old, new) = (&self.old.request, &self.new.request);
        let old_all = [&old.path[..], &old.query, &old.headers];
        let new_all = [&new.path[..], &new.query, &new.headers];
        for ((key, olds), news) in SECTIONS.into_iter().zip(old_all).zip(new_all) {
            let base = keys(&["request", key]);
            let section = section_word(key);
            let mut renamed = BTreeSet::new();
            for (i, o) in olds.iter().enumerate() {
                let ni = news.iter().position(|n| n.name == o.name);
                if let Some(ni) = ni {
                    self.param(&at(&base, ni), section, o, &news[ni]);
                    continue;
                }
                let moved = find_param(new_all, &o.name).filter(|(s, ..)| *s != key);
                if let Some((to, ni, n)) = moved {
                    let path = at(&keys(&["request", to]), ni);
                    self.push(
                        Side::New,
                        path.clone(),
                        Kind::ParameterLocationChanged,
                        true,
                        format!(
                            "parameter `{}` moved from the {section} to the {}: the request on the wire changes",
                            o.name,
                            section_word(to)
                        ),
                    );
                    self.param(&path, section_word(to), o, n);
                    continue;
                }
                // Same place, same type, new wire name: a rename.
                let twin = news.get(i).filter(|n| {
                    find_param(old_all, &n.name).is_none() && same_json(&n.schema, &o.schema)
                });
                if let Some(n) = twin {
                    renamed.insert(i);
                    self.push(
                        Side::New,
                        at(&at(&base, i), "name"),
                        Kind::ParameterRenamed,
                        true,
                        format!(
                            "{section} parameter `{}` is renamed `{}`{}",
                            o.name,
                            n.name,
                            rust_rename(&param_ident(o), &param_ident(n), "its builder method")
                        ),
                    );
                    self.param(&at(&base, i), section, o, n);
                    continue;
                }
                if o.fixed.is_none() {
                    self.push(
                        Side::Old,
                        at(&base, i),
                        Kind::ParameterRemoved,
                        true,
                        format!(
                            "{section} parameter `{}` is removed, with its builder method `{}`",
                            o.name,
                            param_ident(o)
                        ),
                    );
                }
            }
            for (i, n) in news.iter().enumerate() {
                let known = find_param(old_all, &n.name).is_some() || renamed.contains(&i);
                if known || n.fixed.is_some() {
                    continue;
                }
                self.added_param(&at(&base, i), section, n);
            }
        }
        match (&old.body, &new.body) {
            (None, Some(_)) => self.push(
                Side::New,
                keys(&["request", "body"]),
                Kind::RequestBodyAdded,
                true,
                "the operation now takes a request body, which `build()` requires".to_owned(),
            ),
            (Some(_), None) => self.push(
                Side::Old,
                keys(&["request", "body"]),
                Kind::RequestBodyRemoved,
                true,
                "the operation no longer takes a request body: the builder's `body` method is gone"
                    .to_owned(),
            ),
            (Some(o), Some(n)) => self.body(o, n),
            (None, None) => {}
        }
    }

    fn added_param(&mut self, path: &[PathSeg], section: &str, n: &Param) {
        if n.required {
            self.push(
                Side::New,
                path.to_vec(),
                Kind::RequiredParameterAdded,
                true,
                format!(
                    "required {section} parameter `{}` is added: `build()` fails without it",
                    n.name
                ),
            );
        } else {
            self.push(
                Side::New,
                path.to_vec(),
                Kind::OptionalParameterAdded,
                false,
                format!("optional {section} parameter `{}` is added", n.name),
            );
        }
    }

    fn param(&mut self, path: &[PathSeg], section: &str, o: &Param, n: &Param) {
        let name = &n.name;
        match (&o.fixed, &n.fixed) {
            (None, Some(value)) => {
                self.push(
                    Side::New,
                    at(path, "fixed"),
                    Kind::ParameterRemoved,
                    true,
                    format!(
                        "{section} parameter `{name}` is now fixed to `{value}`: its builder method `{}` is gone",
                        param_ident(o)
                    ),
                );
                return;
            }
            (Some(_), None) => {
                self.added_param(path, section, n);
                return;
            }
            (Some(a), Some(b)) if a != b => self.push(
                Side::New,
                at(path, "fixed"),
                Kind::FixedValueChanged,
                false,
                format!(
                    "{section} parameter `{name}` is now always sent as `{b}` instead of `{a}`"
                ),
            ),
            _ => {}
        }
        if n.fixed.is_none() {
            let (oi, ni) = (param_ident(o), param_ident(n));
            if oi != ni && o.name == n.name {
                self.rust_name_changed(path, n.rust_name.is_some(), &oi, &ni, "builder method");
            }
            match (o.required, n.required) {
                (false, true) => self.push(
                    Side::New,
                    at(path, "required"),
                    Kind::ParameterMadeRequired,
                    true,
                    format!(
                        "{section} parameter `{name}` is now required: `build()` fails without it"
                    ),
                ),
                (true, false) => self.push(
                    Side::New,
                    at(path, "required"),
                    Kind::ParameterMadeOptional,
                    true,
                    format!(
                        "{section} parameter `{name}` is now optional: the request's accessor `{ni}()` returns an `Option`"
                    ),
                ),
                _ => {}
            }
        }
        self.schema(
            &at(path, "schema"),
            &o.schema,
            &n.schema,
            Use::REQUEST,
            &format!("parameter `{name}`"),
        );
        self.docs_pair(
            path,
            &format!("parameter `{name}`"),
            (&o.docs, o.docs_original.as_deref()),
            (&n.docs, n.docs_original.as_deref()),
        );
        if o.example != n.example {
            self.push(
                Side::of(n.example.as_ref()),
                at(path, "example"),
                Kind::ExampleChanged,
                false,
                format!("the example of parameter `{name}` changed"),
            );
        }
    }

    fn body(&mut self, o: &Body, n: &Body) {
        let path = keys(&["request", "body"]);
        self.schema(
            &at(&path, "schema"),
            &o.schema,
            &n.schema,
            Use::REQUEST,
            "the request body",
        );
        self.docs_pair(
            &path,
            "the request body",
            (&o.docs, o.docs_original.as_deref()),
            (&n.docs, n.docs_original.as_deref()),
        );
    }

    fn responses(&mut self) {
        let (old, new) = (&self.old.responses, &self.new.responses);
        for (code, o) in old {
            let path = keys(&["responses", &code.to_string()]);
            match new.get(code) {
                None => self.push(
                    Side::Old,
                    path,
                    Kind::StatusCodeRemoved,
                    true,
                    format!(
                        "status {code} is removed: its variant is gone and the status now parses as an `Undocumented` error"
                    ),
                ),
                Some(n) => self.response(&path, *code, o, n),
            }
        }
        let old_successes = old.keys().filter(|c| (200..300).contains(*c)).count();
        for code in new.keys().filter(|c| !old.contains_key(c)) {
            let (breaking, detail) = if !(200..300).contains(code) {
                (
                    false,
                    format!(
                        "status {code} is added: it parses as its own error variant instead of `Undocumented`"
                    ),
                )
            } else if old_successes <= 1 {
                (
                    true,
                    format!(
                        "2xx status {code} is added next to {old_successes} documented 2xx: the `Ok` type of `parse_response` changes"
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "2xx status {code} is added: one more variant of the success enum instead of an `Undocumented` error"
                    ),
                )
            };
            self.push(
                Side::New,
                keys(&["responses", &code.to_string()]),
                Kind::StatusCodeAdded,
                breaking,
                detail,
            );
        }
    }

    fn response(&mut self, path: &[PathSeg], code: u16, o: &Response, n: &Response) {
        let body = at(path, "body");
        match (&o.body, &n.body) {
            (None, Some(_)) => self.push(
                Side::New,
                body,
                Kind::ResponseBodyAdded,
                true,
                format!("status {code} now has a body schema: its variant holds a type instead of `RawBody`"),
            ),
            (Some(_), None) => self.push(
                Side::Old,
                body,
                Kind::ResponseBodyRemoved,
                true,
                format!("status {code} no longer has a body schema: its variant holds `RawBody`"),
            ),
            (Some(a), Some(b)) => {
                self.schema(&body, a, b, Use::RESPONSE, &format!("the status {code} body"))
            }
            (None, None) => {}
        }
        self.docs_pair(
            path,
            &format!("status {code}"),
            (&o.docs, o.docs_original.as_deref()),
            (&n.docs, n.docs_original.as_deref()),
        );
    }

    fn type_use(&self, old_name: &str, new_name: &str) -> Use {
        let o = self.old_uses.get(old_name).copied().unwrap_or_default();
        let n = self.new_uses.get(new_name).copied().unwrap_or_default();
        o.or(n)
    }

    fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        let renamed_to: BTreeSet<String> = self.renames.values().cloned().collect();
        for (name, o) in &old.types {
            let new_name = self.renames.get(name).cloned().unwrap_or(name.clone());
            let path = keys(&["types", &new_name]);
            let Some(n) = new.types.get(&new_name) else {
                let u = self.type_use(name, name);
                let what = use_word(u);
                self.push(
                    Side::Old,
                    keys(&["types", name]),
                    Kind::TypeRemoved,
                    true,
                    format!("{what}type `{name}` is removed"),
                );
                continue;
            };
            if new_name != *name {
                // As Rust writes them: a review names the items a user's code spells.
                let (a, b) = (
                    type_ident(name).to_string(),
                    type_ident(&new_name).to_string(),
                );
                self.push(
                    Side::New,
                    path.clone(),
                    Kind::TypeRenamed,
                    a != b,
                    format!(
                        "type `{name}` is renamed `{new_name}`{}",
                        rust_rename(&a, &b, "the Rust type")
                    ),
                );
            }
            let u = self.type_use(name, &new_name);
            self.type_def(&path, &new_name, o, n, u);
        }
        for name in new.types.keys() {
            if !old.types.contains_key(name) && !renamed_to.contains(name) {
                self.push(
                    Side::New,
                    keys(&["types", name]),
                    Kind::TypeAdded,
                    false,
                    format!("type `{name}` is added"),
                );
            }
        }
    }

    fn type_def(&mut self, path: &[PathSeg], name: &str, o: &TypeDef, n: &TypeDef, u: Use) {
        match (o, n) {
            (
                TypeDef::Object {
                    docs: od,
                    docs_original: oo,
                    fields: of,
                },
                TypeDef::Object {
                    docs: nd,
                    docs_original: no,
                    fields: nf,
                },
            ) => {
                self.docs_pair(
                    path,
                    &format!("type `{name}`"),
                    (od, oo.as_deref()),
                    (nd, no.as_deref()),
                );
                self.fields(path, name, of, nf, u);
            }
            (
                TypeDef::Enum {
                    docs: od,
                    docs_original: oo,
                    values: ov,
                },
                TypeDef::Enum {
                    docs: nd,
                    docs_original: no,
                    values: nv,
                },
            ) => {
                self.docs_pair(
                    path,
                    &format!("type `{name}`"),
                    (od, oo.as_deref()),
                    (nd, no.as_deref()),
                );
                self.values(path, name, ov, nv, u);
            }
            _ => self.type_changed(
                at(path, "type"),
                u,
                format!(
                    "type `{name}` changed from {} to {}",
                    def_word(o),
                    def_word(n)
                ),
            ),
        }
    }

    fn fields(&mut self, path: &[PathSeg], ty: &str, old: &[Field], new: &[Field], u: Use) {
        let base = at(path, "fields");
        let old_base = keys(&["types", self.old_name(ty)]);
        for (i, o) in old.iter().enumerate() {
            let Some(ni) = new.iter().position(|n| n.name == o.name) else {
                self.push(
                    Side::Old,
                    at(&at(&old_base, "fields"), i),
                    u.kind(Kind::RequestFieldRemoved, Kind::ResponseFieldRemoved),
                    true,
                    format!(
                        "field `{}` of `{ty}` is removed, with the Rust field `{}`",
                        o.name,
                        field_ident(o)
                    ),
                );
                continue;
            };
            let n = &new[ni];
            let fpath = at(&base, ni);
            let what = format!("field `{}` of `{ty}`", n.name);
            let (oi, nid) = (field_ident(o), field_ident(n));
            if oi != nid {
                self.rust_name_changed(&fpath, n.rust_name.is_some(), &oi, &nid, "Rust field");
            }
            if o.required != n.required {
                let (kind, now, from, to) = if n.required {
                    let kind = u.kind(
                        Kind::RequestFieldMadeRequired,
                        Kind::ResponseFieldMadeRequired,
                    );
                    (kind, "required", "Option<T>", "T")
                } else {
                    let kind = u.kind(
                        Kind::RequestFieldMadeOptional,
                        Kind::ResponseFieldMadeOptional,
                    );
                    (kind, "optional", "T", "Option<T>")
                };
                self.push(
                    Side::New,
                    at(&fpath, "required"),
                    kind,
                    true,
                    format!("{what} is now {now}: its Rust type changes from `{from}` to `{to}`"),
                );
            }
            self.schema(&at(&fpath, "schema"), &o.schema, &n.schema, u, &what);
            self.docs_pair(
                &fpath,
                &what,
                (&o.docs, o.docs_original.as_deref()),
                (&n.docs, n.docs_original.as_deref()),
            );
        }
        for (i, n) in new.iter().enumerate() {
            if old.iter().any(|o| o.name == n.name) {
                continue;
            }
            let what = format!("field `{}` of `{ty}`", n.name);
            let (kind, breaking, detail) = if n.required {
                let kind = u.kind(
                    Kind::RequiredRequestFieldAdded,
                    Kind::RequiredResponseFieldAdded,
                );
                let why = if kind == Kind::RequiredResponseFieldAdded {
                    "payloads without it no longer decode"
                } else {
                    "the struct's `new` takes one more argument, and decoded requests without it fail"
                };
                (kind, true, format!("required {what} is added: {why}"))
            } else {
                (
                    Kind::OptionalFieldAdded,
                    false,
                    format!("optional {what} is added"),
                )
            };
            self.push(Side::New, at(&base, i), kind, breaking, detail);
        }
    }

    fn values(&mut self, path: &[PathSeg], ty: &str, old: &[EnumValue], new: &[EnumValue], u: Use) {
        let base = at(path, "values");
        let old_base = at(&keys(&["types", self.old_name(ty)]), "values");
        let was_status = crate::spec::is_status(old);
        let is_status = crate::spec::is_status(new);
        for (i, o) in old.iter().enumerate() {
            let Some(ni) = new.iter().position(|n| n.value == o.value) else {
                let kind = u.kind(
                    Kind::RequestEnumValueRemoved,
                    Kind::ResponseEnumValueRemoved,
                );
                let why = if kind == Kind::ResponseEnumValueRemoved {
                    ": code matching on it no longer compiles, and it now decodes as `Unknown`"
                } else {
                    ": code sending it no longer compiles"
                };
                self.push(
                    Side::Old,
                    at(&old_base, i),
                    kind,
                    true,
                    format!(
                        "value `{}` of `{ty}` (`{}::{}`) is removed{why}",
                        o.value,
                        type_ident(ty),
                        value_ident(o, i)
                    ),
                );
                continue;
            };
            let n = &new[ni];
            let vpath = at(&base, ni);
            let (oi, nid) = (value_ident(o, i), value_ident(n, ni));
            if oi != nid {
                self.rust_name_changed(&vpath, n.rust_name.is_some(), &oi, &nid, "variant");
            }
            if o.phase != n.phase {
                let side = Side::of(n.phase);
                let path = if side == Side::Old {
                    at(&at(&old_base, i), "phase")
                } else {
                    at(&vpath, "phase")
                };
                self.push(
                    side,
                    path,
                    Kind::PhaseChanged,
                    true,
                    format!(
                        "the phase of `{}` in `{ty}` changed from {} to {}: waiters using `phase()`/`is_terminal()` behave differently",
                        n.value,
                        phase_word(o.phase),
                        phase_word(n.phase)
                    ),
                );
            }
            let what = format!("value `{}` of `{ty}`", n.value);
            self.docs(
                &at(&vpath, "phase_reason"),
                &format!("the phase reason of {what}"),
                o.phase_reason.as_deref(),
                n.phase_reason.as_deref(),
            );
            self.docs_pair(
                &vpath,
                &what,
                (&o.docs, o.docs_original.as_deref()),
                (&n.docs, n.docs_original.as_deref()),
            );
        }
        for (i, n) in new.iter().enumerate() {
            if old.iter().any(|o| o.value == n.value) {
                continue;
            }
            let kind = u.kind(Kind::RequestEnumValueAdded, Kind::ResponseEnumValueAdded);
            let variant = format!("`{}::{}`", type_ident(ty), value_ident(n, i));
            let detail = if kind == Kind::ResponseEnumValueAdded {
                let phase = match (is_status, was_status, n.phase) {
                    (true, true, Some(p)) => {
                        format!(", with phase {} instead of unknown", phase_word(Some(p)))
                    }
                    _ => String::new(),
                };
                format!(
                    "value `{}` of `{ty}` is added: payloads carrying it decode as {variant} instead of `Unknown`{phase}",
                    n.value
                )
            } else {
                format!("value `{}` of `{ty}` is added ({variant})", n.value)
            };
            self.push(Side::New, at(&base, i), kind, false, detail);
        }
    }

    /// The name a type had in the old spec.
    fn old_name<'s>(&'s self, new_name: &'s str) -> &'s str {
        self.renames
            .iter()
            .find(|(_, to)| to.as_str() == new_name)
            .map_or(new_name, |(from, _)| from.as_str())
    }

    fn rust_name_changed(
        &mut self,
        path: &[PathSeg],
        given: bool,
        old: &str,
        new: &str,
        what: &str,
    ) {
        let path = if given {
            at(path, "rust_name")
        } else {
            path.to_vec()
        };
        self.push(
            Side::New,
            path,
            Kind::RustNameChanged,
            true,
            format!("the {what} `{old}` is now `{new}`"),
        );
    }

    /// A type changed at `path` (kind, integer format, reference): breaking for either use.
    fn type_changed(&mut self, path: Path, u: Use, detail: String) {
        let kind = u.kind(Kind::RequestTypeChanged, Kind::ResponseFieldTypeChanged);
        self.push(Side::New, path, kind, true, detail);
    }

    /// Two schemas at the same place; `u` is the use of the place.
    fn schema(&mut self, path: &[PathSeg], old: &Schema, new: &Schema, u: Use, what: &str) {
        let (a, b) = (old.constraints(), new.constraints());
        match (old, new) {
            (Schema::String { .. }, Schema::String { .. }) => {
                self.bounds(
                    path,
                    ("min_length", "max_length"),
                    a.length,
                    b.length,
                    u,
                    what,
                );
                if a.pattern != b.pattern {
                    let tightened = b.pattern.is_some();
                    let side = Side::of(b.pattern);
                    let detail = match (a.pattern, b.pattern) {
                        (None, Some(p)) => format!("{what} gains the pattern `{p}`"),
                        (Some(_), None) => format!("{what} loses its pattern"),
                        _ => format!(
                            "the pattern of {what} changed from `{}` to `{}`",
                            a.pattern.unwrap_or_default(),
                            b.pattern.unwrap_or_default()
                        ),
                    };
                    self.constraint(side, at(path, "pattern"), tightened, u, detail);
                }
                self.default(path, what, a.default, b.default);
            }
            (Schema::Integer { format: af, .. }, Schema::Integer { format: bf, .. }) => {
                if af != bf {
                    let detail = format!(
                        "the integer format of {what} changed from `{}` to `{}`: its Rust type changes",
                        json_text(af),
                        json_text(bf)
                    );
                    self.type_changed(at(path, "format"), u, detail);
                }
                self.bounds(path, ("minimum", "maximum"), a.integer, b.integer, u, what);
                self.default(path, what, a.default, b.default);
            }
            (Schema::Number { .. }, Schema::Number { .. }) => {
                self.bounds(path, ("minimum", "maximum"), a.number, b.number, u, what);
                self.default(path, what, a.default, b.default);
            }
            (Schema::Boolean { .. }, Schema::Boolean { .. }) => {
                self.default(path, what, a.default, b.default);
            }
            (Schema::Timestamp { format: a }, Schema::Timestamp { format: b }) => {
                if a != b {
                    self.push(
                        Side::New,
                        at(path, "format"),
                        Kind::TimestampFormatChanged,
                        false,
                        format!(
                            "the documented timestamp format of {what} changed from `{a}` to `{b}`"
                        ),
                    );
                }
            }
            (Schema::Json {}, Schema::Json {}) => {}
            (Schema::Array { items: ai, .. }, Schema::Array { items: bi, .. }) => {
                self.bounds(path, ("min_items", "max_items"), a.items, b.items, u, what);
                self.schema(
                    &at(path, "items"),
                    ai,
                    bi,
                    u,
                    &format!("the items of {what}"),
                );
            }
            (Schema::Map { values: a }, Schema::Map { values: b }) => {
                self.schema(
                    &at(path, "values"),
                    a,
                    b,
                    u,
                    &format!("the values of {what}"),
                );
            }
            (Schema::Ref { name: a }, Schema::Ref { name: b }) => {
                if a != b && self.renames.get(a) != Some(b) {
                    self.type_changed(
                        path.to_vec(),
                        u,
                        format!("{what} changed from type `{a}` to type `{b}`"),
                    );
                }
            }
            _ => self.type_changed(
                path.to_vec(),
                u,
                format!(
                    "{what} changed from {} to {}",
                    schema_word(old),
                    schema_word(new)
                ),
            ),
        }
    }

    /// The lower and the upper bound at `path.min_key` and `path.max_key`.
    fn bounds<T: Copy + PartialOrd + std::fmt::Display>(
        &mut self,
        path: &[PathSeg],
        (min_key, max_key): (&str, &str),
        old: Bounds<T>,
        new: Bounds<T>,
        u: Use,
        what: &str,
    ) {
        self.bound(path, min_key, old.min, new.min, true, u, what);
        self.bound(path, max_key, old.max, new.max, false, u, what);
    }

    /// A lower (`is_min`) or upper bound at `path.key`.
    #[allow(clippy::too_many_arguments)]
    fn bound<T: Copy + PartialOrd + std::fmt::Display>(
        &mut self,
        path: &[PathSeg],
        key: &str,
        old: Option<T>,
        new: Option<T>,
        is_min: bool,
        u: Use,
        what: &str,
    ) {
        let tightened = match (old, new) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) if a != b => (b > a) == is_min,
            _ => return,
        };
        let show = |v: Option<T>| v.map_or("none".to_owned(), |v| v.to_string());
        let detail = format!(
            "`{key}` of {what} changed from {} to {}",
            show(old),
            show(new)
        );
        self.constraint(Side::of(new), at(path, key), tightened, u, detail);
    }

    fn constraint(&mut self, side: Side, path: Path, tightened: bool, u: Use, detail: String) {
        if tightened {
            let breaking = u.request;
            let why = if breaking {
                ": requests that `build()` accepted may now be refused"
            } else {
                " (responses are not checked)"
            };
            self.push(
                side,
                path,
                Kind::ConstraintTightened,
                breaking,
                format!("{detail}{why}"),
            );
        } else {
            self.push(side, path, Kind::ConstraintLoosened, false, detail);
        }
    }

    fn default(
        &mut self,
        path: &[PathSeg],
        what: &str,
        old: Option<DefaultValue>,
        new: Option<DefaultValue>,
    ) {
        if old != new {
            let side = Side::of(new);
            let show = |v: Option<DefaultValue>| match v {
                None => "none".to_owned(),
                Some(DefaultValue::String(v)) => format!("{v:?}"),
                Some(DefaultValue::Integer(v)) => format!("{v:?}"),
                Some(DefaultValue::Number(v)) => format!("{v:?}"),
                Some(DefaultValue::Boolean(v)) => format!("{v:?}"),
            };
            self.push(
                side,
                at(path, "default"),
                Kind::DefaultChanged,
                false,
                format!(
                    "the documented default of {what} changed from {} to {}",
                    show(old),
                    show(new)
                ),
            );
        }
    }

    fn examples(&mut self) {
        let (old, new) = (&self.old.examples, &self.new.examples);
        for i in 0..old.len().max(new.len()) {
            let (o, n) = (old.get(i), new.get(i));
            let path = keys(&["examples"]);
            match (o, n) {
                (Some(a), Some(b)) if !same_json(a, b) => self.push(
                    Side::New,
                    at(&path, i),
                    Kind::ExampleChanged,
                    false,
                    format!("example {} changed", i + 1),
                ),
                (None, Some(_)) => self.push(
                    Side::New,
                    at(&path, i),
                    Kind::ExampleChanged,
                    false,
                    format!("example {} is added", i + 1),
                ),
                (Some(_), None) => self.push(
                    Side::Old,
                    at(&path, i),
                    Kind::ExampleChanged,
                    false,
                    format!("example {} is removed", i + 1),
                ),
                _ => {}
            }
        }
    }
}

fn same_json<T: serde::Serialize>(a: &T, b: &T) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// A serde-named value as the spec writes it (`int64`, `x_auth_token`).
fn json_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn param_ident(p: &Param) -> String {
    named_field(&p.name, p.rust_name.as_deref()).to_string()
}

fn field_ident(f: &Field) -> String {
    named_field(&f.name, f.rust_name.as_deref()).to_string()
}

fn value_ident(v: &EnumValue, index: usize) -> String {
    named_variant(&v.value, v.rust_name.as_deref(), index).to_string()
}

fn rust_rename(old: &str, new: &str, what: &str) -> String {
    if old == new {
        String::new()
    } else {
        format!(": {what} `{old}` is now `{new}`")
    }
}

/// The keys of `request` that hold parameters, in the spec's order.
const SECTIONS: [&str; 3] = ["path", "query", "headers"];

/// The first section (of [`SECTIONS`]) with a parameter named `name`, its index there, and
/// the parameter.
fn find_param<'a>(
    sections: [&'a [Param]; 3],
    name: &str,
) -> Option<(&'static str, usize, &'a Param)> {
    SECTIONS
        .into_iter()
        .zip(sections)
        .find_map(|(section, params)| {
            let i = params.iter().position(|p| p.name == name)?;
            Some((section, i, &params[i]))
        })
}

/// `headers` → `header`, for "header parameter `X`".
fn section_word(key: &str) -> &'static str {
    match key {
        "path" => "path",
        "query" => "query",
        _ => "header",
    }
}

fn use_word(u: Use) -> &'static str {
    match (u.request, u.response) {
        (true, true) => "request and response ",
        (true, false) => "request ",
        (false, true) => "response ",
        (false, false) => "",
    }
}

fn transport_style(t: &Transport) -> &'static str {
    match t {
        Transport::Rest { .. } => "REST",
        Transport::Rpc { .. } => "RPC",
    }
}

fn def_word(def: &TypeDef) -> &'static str {
    match def {
        TypeDef::Object { .. } => "an object",
        TypeDef::Enum { .. } => "an enum",
    }
}

fn phase_word(phase: Option<Phase>) -> String {
    phase.map_or("none".to_owned(), |p| json_text(&p))
}

fn schema_word(schema: &Schema) -> String {
    match schema {
        Schema::String { .. } => "a string".to_owned(),
        Schema::Integer { format, .. } => format!("an integer (`{}`)", json_text(format)),
        Schema::Number { .. } => "a number".to_owned(),
        Schema::Boolean { .. } => "a boolean".to_owned(),
        Schema::Timestamp { .. } => "a timestamp".to_owned(),
        Schema::Json {} => "free JSON".to_owned(),
        Schema::Array { .. } => "an array".to_owned(),
        Schema::Map { .. } => "a map".to_owned(),
        Schema::Ref { name } => format!("type `{name}`"),
    }
}

/// Line and column of a change in the file its pointer points into (the deepest part of the
/// path that exists there).
pub fn position(file: &SpecFile, path: &[PathSeg]) -> (usize, usize) {
    let d = file.diagnostic(Severity::Warning, path, "", None);
    (d.line, d.column)
}
