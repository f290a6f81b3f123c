//! The request struct, its builder (`build()` enforces required parameters and documented
//! constraints) and `to_http`, written as text ([`super::text`]).

use super::checks::{guarded, value_checks};
use super::text::{Text, string, type_text};
use crate::doc_text::code;
use crate::ir::{Docs, Operation, Param, ParamLocation, PathPart, Target, TypeRef};
use crate::paths::*;

/// Getters and setters are named after the parameters (`clone`, `new`, `next`, …): a name the
/// page gave, not a claim to implement the trait it resembles. prettyplease breaks the
/// attribute this way (no trailing comma).
const NAMED_AFTER_PARAMETERS: &str = "#[allow(
    clippy::should_implement_trait,
    clippy::new_ret_no_self,
    clippy::wrong_self_convention
)]";

fn location(p: &Param) -> &'static str {
    match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

pub(super) fn request_text(t: &mut Text, op: &Operation) {
    let req = &op.request;
    let (name, builder) = (&req.name, &req.builder);
    let settable: Vec<&Param> = req.params.iter().filter(|p| p.fixed.is_none()).collect();
    let body = req.body.as_ref().map(|b| (b, type_text(&b.ty)));

    // The request: the parameters as built, read through getters.
    t.doc_text(
        0,
        &format!(
            "A request for `{}`. Build it with [`{name}::builder`].",
            op.id
        ),
    );
    t.line(0, "#[derive(Clone, Debug, PartialEq)]");
    let mut fields: Vec<String> = settable
        .iter()
        .map(|p| {
            let ty = type_text(&p.ty);
            if p.required {
                format!("{}: {ty}", p.ident)
            } else {
                format!("{}: {OPTION}<{ty}>", p.ident)
            }
        })
        .collect();
    if let Some((_, ty)) = &body {
        fields.push(format!("body: {ty}"));
    }
    struct_definition(t, &format!("pub struct {name}"), &fields);
    t.block(NAMED_AFTER_PARAMETERS);
    t.line(0, &format!("impl {name} {{"));
    t.doc(1, " Starts building a request.");
    t.function(1, "pub fn builder(", &[], &format!(") -> {builder} {{"));
    // Through the trait: a parameter named `default` has a setter that shadows it.
    t.line(2, &format!("<{builder} as {DEFAULT}>::default()"));
    t.line(1, "}");
    for p in &settable {
        t.doc_text(
            1,
            &format!("The {} parameter {}.", location(p), code(&p.wire)),
        );
        let f = &p.ident;
        let (ret, read) = match (p.required, &p.ty) {
            (true, TypeRef::String) => ("&str".to_owned(), format!("&self.{f}")),
            (true, ty) => (format!("&{}", type_text(ty)), format!("&self.{f}")),
            (false, TypeRef::String) => (format!("{OPTION}<&str>"), format!("self.{f}.as_deref()")),
            (false, ty) => (
                format!("{OPTION}<&{}>", type_text(ty)),
                format!("self.{f}.as_ref()"),
            ),
        };
        getter(t, &format!("{f}"), &ret, &read);
    }
    if let Some((_, ty)) = &body {
        t.doc(1, " The JSON request body.");
        getter(t, "body", &format!("&{ty}"), "&self.body");
    }
    t.block(
        "    /// The HTTP request: method, percent-encoded path and query, headers and JSON body.
    /// Credentials are not included: sign or add the token before sending.",
    );
    let http_request = format!("{HTTP}::Request<{VEC}<u8>>");
    t.function(
        1,
        "pub fn to_http(",
        &["&self".to_owned(), format!("endpoint: &{ENDPOINT}")],
        &format!(") -> {http_request} {{"),
    );
    t.line(
        2,
        &format!(
            "let mut __parts = {PRIVATE}::RequestParts::new({HTTP}::Method::{});",
            op.method.as_str()
        ),
    );
    to_http_steps(t, op);
    t.line(2, "__parts.into_http(endpoint)");
    t.line(1, "}");
    t.line(0, "}");

    // The builder: every parameter optional until `build` checks it.
    t.doc_text(
        0,
        &format!(
            "Builds a [`{name}`]; [`{builder}::build`] checks required parameters and documented constraints."
        ),
    );
    t.line(0, "#[derive(Clone, Debug, Default)]");
    let mut builder_fields: Vec<String> = settable
        .iter()
        .map(|p| format!("{}: {OPTION}<{}>", p.ident, type_text(&p.ty)))
        .collect();
    if let Some((_, ty)) = &body {
        builder_fields.push(format!("body: {OPTION}<{ty}>"));
    }
    struct_definition(t, &format!("pub struct {builder}"), &builder_fields);
    t.block(NAMED_AFTER_PARAMETERS);
    t.line(0, &format!("impl {builder} {{"));
    for p in &settable {
        let summary = format!(
            "Sets the {} parameter {}{}.",
            location(p),
            code(&p.wire),
            if p.required { " (required)" } else { "" }
        );
        let (arg, conv) = if p.ty == TypeRef::String {
            (format!("impl {INTO}<{STRING}>"), "__value.into()")
        } else {
            (type_text(&p.ty), "__value")
        };
        setter(t, &summary, &p.docs, &p.ident.to_string(), &arg, conv);
    }
    if let Some((b, ty)) = &body {
        setter(
            t,
            "Sets the JSON request body (required).",
            &b.docs,
            "body",
            ty,
            "__value",
        );
    }
    t.doc(
        1,
        " Checks required parameters and documented constraints, and builds the request.",
    );
    t.function(
        1,
        "pub fn build(",
        &["self".to_owned()],
        &format!(") -> {RESULT}<{name}, {BUILD_ERROR}> {{"),
    );
    let mut inits = Vec::new();
    for p in &settable {
        let (f, wire) = (&p.ident, string(&p.wire));
        if p.required {
            t.line(
                2,
                &format!("let {f} = {PRIVATE}::missing(self.{f}, {wire})?;"),
            );
        } else {
            t.line(2, &format!("let {f} = self.{f};"));
        }
        // Free text, and enum values (an `Unknown` one taken from a response may hold
        // anything), must be checked before they can go into a header.
        let header_check = match (&p.location, &p.ty) {
            (ParamLocation::Header, TypeRef::String) => Some("__value"),
            (ParamLocation::Header, TypeRef::Named(_)) => Some("__value.as_str()"),
            _ => None,
        };
        if header_check.is_some() || !p.checks.is_empty() {
            guarded(t, 2, p.required, &f.to_string(), |t| {
                if let Some(value) = header_check {
                    t.line(3, &format!("{PRIVATE}::check_header({value}, {wire})?;"));
                }
                value_checks(t, 3, &p.checks, &p.ty, "__value", &wire);
            });
        }
        inits.push(f.to_string());
    }
    if let Some((b, _)) = &body {
        t.line(
            2,
            &format!("let body = {PRIVATE}::missing(self.body, \"body\")?;"),
        );
        value_checks(t, 2, &b.checks, &b.ty, "body", "\"body\"");
        inits.push("body".to_owned());
    }
    t.struct_literal(2, (&format!("{OK}("), &name.to_string()), &inits, ")");
    t.line(1, "}");
    t.line(0, "}");
}

/// `pub struct Name { a: A, b: B }` as prettyplease prints a struct: a field per line, or
/// `{}` when there is none.
fn struct_definition(t: &mut Text, head: &str, fields: &[String]) {
    if fields.is_empty() {
        t.line(0, &format!("{head} {{}}"));
        return;
    }
    t.line(0, &format!("{head} {{"));
    for field in fields {
        t.line(1, &format!("{field},"));
    }
    t.line(0, "}");
}

fn getter(t: &mut Text, name: &str, ret: &str, read: &str) {
    t.function(
        1,
        &format!("pub fn {name}("),
        &["&self".to_owned()],
        &format!(") -> {ret} {{"),
    );
    t.line(2, read);
    t.line(1, "}");
}

/// A builder setter: its summary, a blank doc line, the parameter's own docs.
fn setter(t: &mut Text, summary: &str, docs: &Docs, name: &str, arg: &str, conv: &str) {
    t.doc_text(1, summary);
    t.doc(1, "");
    t.docs(1, docs);
    chained_setter(t, name, name, arg, conv);
}

/// `pub fn method(mut self, __value: arg) -> Self`, setting `field` to `Some(stored)`: a
/// builder's setter and a request struct's `with_` method alike.
pub(super) fn chained_setter(t: &mut Text, method: &str, field: &str, arg: &str, stored: &str) {
    t.function(
        1,
        &format!("pub fn {method}("),
        &["mut self".to_owned(), format!("__value: {arg}")],
        ") -> Self {",
    );
    t.line(2, &format!("self.{field} = {SOME}({stored});"));
    t.line(2, "self");
    t.line(1, "}");
}

/// `to_http`'s calls on its `RequestParts`: the path piece by piece, then the query and
/// headers, then the body.
fn to_http_steps(t: &mut Text, op: &Operation) {
    let req = &op.request;
    match &op.target {
        Target::Rest { parts, .. } => {
            for part in parts {
                match part {
                    PathPart::Literal(text) => {
                        t.line(2, &format!("__parts.literal({});", string(text)))
                    }
                    PathPart::Param(index) => {
                        let param = &req.params[*index];
                        let f = &param.ident;
                        if param.ty == TypeRef::String {
                            t.line(2, &format!("__parts.segment(&self.{f});"));
                        } else {
                            t.line(2, &format!("__parts.segment(&self.{f}.to_string());"));
                        }
                    }
                }
            }
        }
        Target::Rpc { action, version } => {
            // ACS3 (V3) signing: `Action` and `Version` travel as signed headers.
            t.line(2, "__parts.literal(\"/\");");
            t.line(
                2,
                &format!("__parts.header(\"x-acs-action\", {});", string(action)),
            );
            t.line(
                2,
                &format!("__parts.header(\"x-acs-version\", {});", string(version)),
            );
        }
    }
    for p in &req.params {
        if p.location == ParamLocation::Path {
            continue;
        }
        // `RequestParts::query` and `::header` are named after the location.
        let call = location(p);
        let name = if p.location == ParamLocation::Header {
            string(&p.wire.to_ascii_lowercase())
        } else {
            string(&p.wire)
        };
        if let Some(fixed) = &p.fixed {
            t.line(2, &format!("__parts.{call}({name}, {});", string(fixed)));
            continue;
        }
        let f = &p.ident;
        if p.required {
            t.line(2, &format!("__parts.{call}({name}, &self.{f});"));
        } else {
            t.line(2, &format!("if let {SOME}(__value) = &self.{f} {{"));
            t.line(3, &format!("__parts.{call}({name}, __value);"));
            t.line(2, "}");
        }
    }
    if req.body.is_some() {
        t.line(2, "__parts.json_body(&self.body);");
    }
}
