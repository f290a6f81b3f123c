//! Every Rust name of one spec, chosen once and refused where it is chosen (typify's way):
//! two fields, parameters, values or types that become one name; a name that meets what the
//! generated code defines itself (the request's methods and types, the crate's root modules);
//! a name the spec gives as written (`rust_name`, modules, waiters) that is not already the
//! identifier; a name rustc would warn about (see [`crate::lookalike`]). The fix is a
//! `rust_name`, so a name never changes because another item was added.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::naming::{
    field_ident, module_ident, named_field, named_variant, type_ident, variant_ident,
};
use crate::diagnostics::{Diagnostic, Severity};
use crate::ir::Ident;
use crate::load::{PathSeg, SpecFile};
use crate::lookalike;
use crate::spec::{EnumValue, Field, Param, Spec, TypeDef};

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
    crate::paths::SERDE_FEATURE,
    "sign",
    "std",
    "support",
    "waiter",
];

/// Methods every request and builder has, which a parameter's getter or setter would
/// clash with.
const REQUEST_METHODS: &[&str] = &["body", "build", "builder", "to_http"];

/// The Rust names of one spec.
pub(super) struct Names<'a> {
    pub provider: Ident,
    pub service: Ident,
    /// The operation's module (and file) name.
    pub module: Ident,
    /// `ShowJobStatus`: what the request, builder and response types are named after.
    pub operation: Ident,
    /// Each named type's Rust name, by its key in `types`.
    pub types: BTreeMap<&'a str, Ident>,
    /// Each object's field names, in the page's order.
    pub fields: BTreeMap<&'a str, Vec<Ident>>,
    /// Each enum's variant names, in the page's order.
    pub variants: BTreeMap<&'a str, Vec<Ident>>,
    /// Parameter names of `request.path`, `request.query` and `request.headers`, in order.
    pub params: [Vec<Ident>; 3],
}

impl<'a> Names<'a> {
    /// Chooses the names of `file`'s spec, with what is wrong with them: errors, and a
    /// warning for a type key that is not UpperCamelCase (showing the name it becomes).
    pub(super) fn choose(file: &'a SpecFile) -> (Names<'a>, Vec<Diagnostic>) {
        let spec = &file.spec;
        let mut namer = Namer {
            file,
            out: Vec::new(),
        };
        namer.modules(spec);
        let operation = type_ident(&spec.operation);
        let params = namer.params(spec);
        let types = namer.types(spec, &operation);
        let mut fields = BTreeMap::new();
        let mut variants = BTreeMap::new();
        for (name, def) in &spec.types {
            let at = [PathSeg::from("types"), PathSeg::from(name.as_str())];
            match def {
                TypeDef::Object { fields: list, .. } => {
                    fields.insert(name.as_str(), namer.fields(&at, list));
                }
                TypeDef::Enum { values, .. } => {
                    variants.insert(name.as_str(), namer.variants(&at, values));
                }
            }
        }
        namer.waiters(spec);
        let names = Names {
            provider: module_ident(&spec.provider),
            service: module_ident(&spec.service),
            module: module_ident(&spec.operation),
            operation,
            types,
            fields,
            variants,
            params,
        };
        (names, namer.out)
    }
}

/// The name of a type the generated code defines for the operation (`ShowJobRequest`): an
/// operation's name with a suffix, never a keyword.
pub(super) fn generated(operation: &Ident, suffix: &str) -> Ident {
    Ident::plain(format!("{}{suffix}", operation.name()))
}

fn child(base: &[PathSeg], seg: impl Into<PathSeg>) -> Vec<PathSeg> {
    let mut p = base.to_vec();
    p.push(seg.into());
    p
}

struct Namer<'a> {
    file: &'a SpecFile,
    out: Vec<Diagnostic>,
}

/// Why a snake_case `value` cannot name a module (`key`: provider, service or operation):
/// it is a Rust keyword (`move`, `self`). The message and its help; `cargo xtask new` asks
/// the same question before it writes a skeleton.
pub fn module_keyword_problem(key: &str, value: &str) -> Option<(String, String)> {
    let ident = module_ident(value);
    (ident.is_raw() || ident.name() == format!("{value}_")).then(|| {
        (
            format!("`{key}` `{value}` is a Rust keyword, so it cannot name a module"),
            format!("use another name, e.g. `{value}_op`"),
        )
    })
}

impl Namer<'_> {
    fn report(
        &mut self,
        severity: Severity,
        at: &[PathSeg],
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let d = self.file.diagnostic(severity, at, message, suggestion);
        self.out.push(d);
    }

    fn error(&mut self, at: &[PathSeg], message: impl Into<String>, suggestion: Option<String>) {
        self.report(Severity::Error, at, message, suggestion);
    }

    /// Provider, service and operation are modules named as written.
    fn modules(&mut self, spec: &Spec) {
        for (key, value) in [
            ("provider", &spec.provider),
            ("service", &spec.service),
            ("operation", &spec.operation),
        ] {
            let at = [PathSeg::from(key)];
            let ident = module_ident(value);
            if let Some((message, help)) = module_keyword_problem(key, value) {
                self.error(&at, message, Some(help));
            } else if ident.name() != value {
                // `validate` refuses names that are not snake_case; this is only reached
                // without it.
                self.error(
                    &at,
                    format!("`{key}` `{value}` cannot name a module as written"),
                    Some(format!("use `{ident}`")),
                );
            } else if key == "operation" && crate::paths::is_root_name(value) {
                self.error(
                    &at,
                    format!(
                        "operation `{value}` is reserved: its service crate's root already has the runtime's `{value}`"
                    ),
                    Some(format!("use another name, e.g. `{value}_job`")),
                );
            } else if key == "provider"
                && (RESERVED_PROVIDERS.contains(&value.as_str())
                    || crate::paths::is_root_name(value))
            {
                let why = if value == "default" {
                    "it is the generated crate's Cargo feature that enables every provider"
                } else if value == crate::paths::SERDE_FEATURE {
                    "it is the generated crate's Cargo feature that gives every type serde's traits"
                } else {
                    "the generated crate's root has its own module, re-export or dependency by that name"
                };
                self.error(
                    &at,
                    format!("provider `{value}` is reserved: {why}"),
                    Some(format!(
                        "use another name, e.g. `{value}_cloud` (reserved: {}, and the runtime's re-exports)",
                        RESERVED_PROVIDERS.join(", ")
                    )),
                );
            }
        }
    }

    /// Parameter names, one list per section; fixed parameters are no builder field, so
    /// only the others are checked.
    fn params(&mut self, spec: &Spec) -> [Vec<Ident>; 3] {
        let mut taken: BTreeMap<Ident, &str> = BTreeMap::new();
        let request = &spec.request;
        let sections: [(&str, &Vec<Param>); 3] = [
            ("path", &request.path),
            ("query", &request.query),
            ("headers", &request.headers),
        ];
        sections.map(|(section, params)| {
            let mut names = Vec::new();
            for (i, p) in params.iter().enumerate() {
                let ident = named_field(&p.name, p.rust_name.as_deref());
                names.push(ident.clone());
                if p.fixed.is_some() {
                    continue;
                }
                let at = [
                    PathSeg::from("request"),
                    PathSeg::from(section),
                    PathSeg::from(i),
                ];
                let name_at = child(&at, "name");
                self.rust_name(&at, p.rust_name.as_deref(), field_ident);
                self.ident_chars(&name_at, "parameter", &p.name, &ident);
                // Keywords are none of the methods, so the plain name tells.
                if ident.name() == "body" && request.body.is_some() {
                    self.error(
                        &name_at,
                        format!(
                            "parameter `{}` clashes with the request body's builder method `body`",
                            p.name
                        ),
                        Some("give the parameter a `rust_name`".to_owned()),
                    );
                } else if ident.name() != "body" && REQUEST_METHODS.contains(&ident.name()) {
                    self.error(
                        &name_at,
                        format!(
                            "parameter `{}` clashes with the generated method `{ident}` of every request and builder",
                            p.name
                        ),
                        Some("give the parameter a `rust_name`".to_owned()),
                    );
                }
                if let Some(other) = taken.insert(ident.clone(), &p.name) {
                    self.error(
                        &name_at,
                        format!(
                            "parameters `{other}` and `{}` both become `{ident}` in Rust",
                            p.name
                        ),
                        Some(RUST_NAME_HINT.to_owned()),
                    );
                }
            }
            names
        })
    }

    /// Type names: unique, and not the operation's own request, builder or response.
    fn types<'s>(&mut self, spec: &'s Spec, operation: &Ident) -> BTreeMap<&'s str, Ident> {
        let reserved = [
            generated(operation, "Request"),
            generated(operation, "RequestBuilder"),
            generated(operation, "Response"),
            generated(operation, "Error"),
        ];
        let mut names = BTreeMap::new();
        let mut taken: BTreeMap<Ident, &str> = BTreeMap::new();
        for name in spec.types.keys() {
            let at = [PathSeg::from("types"), PathSeg::from(name.as_str())];
            let rust = type_ident(name);
            self.name_chars(
                &at,
                &format!("type `{name}`"),
                rust.name(),
                ("rename it", ""),
            );
            if reserved.contains(&rust) {
                self.error(
                    &at,
                    format!("type `{name}` clashes with the generated `{rust}`"),
                    Some(format!("rename it, e.g. `{rust}Body`")),
                );
            }
            if let Some(other) = taken.insert(rust.clone(), name) {
                // `types` is sorted by name; report the one written later in the file.
                let other_at = [PathSeg::from("types"), PathSeg::from(other)];
                let later = if self.position(&other_at) > self.position(&at) {
                    other_at
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
                self.report(
                    Severity::Warning,
                    &at,
                    format!("type names are UpperCamelCase: `{name}` becomes `{rust}`"),
                    None,
                );
            }
            names.insert(name.as_str(), rust);
        }
        names
    }

    /// Field names of the object at `at`.
    fn fields(&mut self, at: &[PathSeg], fields: &[Field]) -> Vec<Ident> {
        let mut taken: BTreeMap<Ident, &str> = BTreeMap::new();
        let mut names = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let fat = child(&child(at, "fields"), i);
            let ident = named_field(&f.name, f.rust_name.as_deref());
            self.rust_name(&fat, f.rust_name.as_deref(), field_ident);
            self.ident_chars(&child(&fat, "name"), "field", &f.name, &ident);
            if let Some(other) = taken.insert(ident.clone(), &f.name) {
                self.error(
                    &child(&fat, "name"),
                    format!(
                        "fields `{other}` and `{}` both become `{ident}` in Rust",
                        f.name
                    ),
                    Some(RUST_NAME_HINT.to_owned()),
                );
            }
            names.push(ident);
        }
        names
    }

    /// Variant names of the enum at `at`.
    fn variants(&mut self, at: &[PathSeg], values: &[EnumValue]) -> Vec<Ident> {
        let mut taken: BTreeMap<Ident, &str> = BTreeMap::new();
        let mut names = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let vat = child(&child(at, "values"), i);
            let ident = named_variant(&v.value, v.rust_name.as_deref(), i);
            self.rust_name(&vat, v.rust_name.as_deref(), |n| variant_ident(n, i));
            self.ident_chars(&child(&vat, "value"), "value", &v.value, &ident);
            if let Some(other) = taken.insert(ident.clone(), &v.value) {
                self.error(
                    &child(&vat, "value"),
                    format!(
                        "values `{other}` and `{}` both become `{ident}` in Rust",
                        v.value
                    ),
                    Some(RUST_NAME_HINT.to_owned()),
                );
            }
            names.push(ident);
        }
        names
    }

    /// Waiter names are kept as written, so they must be identifiers as written (`validate`
    /// has made sure they are snake_case).
    fn waiters(&mut self, spec: &Spec) {
        for name in spec.waiters.keys() {
            if field_ident(name) != Ident::plain(name) {
                let snake = name.to_snake_case();
                self.error(
                    &[PathSeg::from("waiters"), PathSeg::from(name.as_str())],
                    format!("waiter name `{name}` is not a snake_case name"),
                    (!snake.is_empty()).then(|| format!("use `{snake}`")),
                );
            }
        }
    }

    /// A `rust_name` must already be the identifier it asks for.
    fn rust_name(
        &mut self,
        at: &[PathSeg],
        rust_name: Option<&str>,
        convert: impl Fn(&str) -> Ident,
    ) {
        if let Some(name) = rust_name {
            let converted = convert(name);
            if converted != Ident::plain(name) {
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

    /// A Rust name rustc would warn about. `what` is `field`, `parameter` or `value`, whose
    /// `rust_name` is the fix.
    fn ident_chars(&mut self, at: &[PathSeg], what: &str, wire: &str, ident: &Ident) {
        let fix = ("give it a `rust_name`", "; the wire name stays as written");
        self.name_chars(at, &format!("{what} `{wire}`"), ident.name(), fix);
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

    /// Line and column of `at` in this file.
    fn position(&self, at: &[PathSeg]) -> (usize, usize) {
        let d = self.file.diagnostic(Severity::Error, at, "", None);
        (d.line, d.column)
    }
}
