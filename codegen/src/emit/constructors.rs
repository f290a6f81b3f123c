//! Constructors for the structs a request body reaches: `Type::new(required fields…)` and a
//! `with_<field>(value)` setter per optional field.
//!
//! Such a struct is `#[non_exhaustive]` (a struct literal outside the crate would stop
//! compiling when a spec adds an optional field), so these are how callers build one:
//! `PageReq::new().with_cur_page(1).with_per_page(10)`. Fields stay public, to read and to
//! assign. Response-only structs are decoded, not built, and keep their literals.

use std::collections::BTreeSet;

use super::text::{Text, type_text};
use crate::doc_text::code;
use crate::ir::{Field, Ident, Operation, Struct, TypeDef, TypeRef};
use crate::paths::*;

/// Clippy's `too_many_arguments` threshold: past it, `new` says why it takes them all.
const MANY_ARGUMENTS: usize = 7;

/// The names of the structs reachable from the operation's request body, at any depth.
pub(super) fn request_structs(op: &Operation) -> BTreeSet<&Ident> {
    let mut found = BTreeSet::new();
    let mut todo: Vec<&TypeRef> = op.request.body.iter().map(|b| &b.ty).collect();
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) => todo.push(inner),
            TypeRef::Named(name) => {
                let Some(TypeDef::Struct(s)) = op.types.iter().find(|t| t.name() == name) else {
                    continue;
                };
                if found.insert(&s.name) {
                    todo.extend(s.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    found
}

/// The argument type a constructor or setter takes for a field, and how it becomes the
/// stored value: text takes anything `Into<String>` (as the request builder does), every
/// other type itself (an `impl Into<u32>` would refuse an unsuffixed literal).
fn argument(f: &Field, value: &str) -> (String, String) {
    let (arg, stored) = if f.ty == TypeRef::String {
        (
            format!("impl {INTO}<{STRING}>"),
            format!("{INTO}::into({value})"),
        )
    } else {
        (type_text(&f.ty), value.to_owned())
    };
    if f.boxed {
        (arg, format!("{BOX}::new({stored})"))
    } else {
        (arg, stored)
    }
}

/// Whether [`argument`] converts the value (to a `String`, into a `Box`).
fn converts(f: &Field) -> bool {
    f.boxed || f.ty == TypeRef::String
}

/// `new` and the `with_` setters, as text.
pub(super) fn constructors(t: &mut Text, s: &Struct) {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut required = Vec::new();
    for f in &s.fields {
        let fi = f.ident.to_string();
        if !f.required {
            inits.push(format!("{fi}: {NONE}"));
            continue;
        }
        let (arg, stored) = argument(f, &fi);
        params.push(format!("{fi}: {arg}"));
        required.push(code(f.ident.name()));
        // `jobs: jobs` is clippy's `redundant_field_names`: shorthand when stored as is.
        inits.push(if converts(f) {
            format!("{fi}: {stored}")
        } else {
            fi
        });
    }
    inits.push(format!("{}: {JSON}::Map::new()", s.extra));
    let new_doc = if required.is_empty() {
        format!(
            "A `{}` with every optional field unset; set them with the `with_` methods.",
            s.name.name()
        )
    } else {
        format!(
            "A `{}` from its required fields ({}); set optional ones with the `with_` methods.",
            s.name.name(),
            required.join(", ")
        )
    };
    t.line(0, &format!("impl {} {{", s.name));
    t.doc_text(1, &new_doc);
    if params.len() > MANY_ARGUMENTS {
        t.line(1, "#[allow(clippy::too_many_arguments)]");
    } else if params.is_empty() && !s.derive_default {
        t.line(1, "#[allow(clippy::new_without_default)]");
    }
    t.function(1, "pub fn new(", &params, ") -> Self {");
    t.struct_literal(2, ("", "Self"), &inits, "");
    t.line(1, "}");
    for f in s.fields.iter().filter(|f| !f.required) {
        let (arg, stored) = argument(f, "__value");
        let doc = format!(
            "Sets the optional field {} (JSON {}).",
            code(f.ident.name()),
            code(&f.wire)
        );
        t.doc_text(1, &doc);
        let method = format!("with_{}", f.ident.name());
        super::request::chained_setter(t, &method, &f.ident.to_string(), &arg, &stored);
    }
    t.line(0, "}");
}
