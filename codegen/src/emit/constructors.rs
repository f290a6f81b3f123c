//! Constructors for the structs a request body reaches: `Type::new(required fields…)` and a
//! `with_<field>(value)` setter per optional field.
//!
//! Such a struct is `#[non_exhaustive]` (a struct literal outside the crate would stop
//! compiling when a spec adds an optional field), so these are how callers build one:
//! `PageReq::new().with_cur_page(1).with_per_page(10)`. Fields stay public, to read and to
//! assign. Response-only structs are decoded, not built, and keep their literals.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{ident, one_line, type_tokens};
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
fn argument(f: &Field, value: TokenStream) -> (TokenStream, TokenStream) {
    let ty = type_tokens(&f.ty);
    let (arg, stored) = if f.ty == TypeRef::String {
        (quote!(impl #INTO<#STRING>), quote!(#INTO::into(#value)))
    } else {
        (ty, value)
    };
    if f.boxed {
        (arg, quote!(#BOX::new(#stored)))
    } else {
        (arg, stored)
    }
}

/// Whether [`argument`] converts the value (to a `String`, into a `Box`).
fn converts(f: &Field) -> bool {
    f.boxed || f.ty == TypeRef::String
}

pub(super) fn constructor_tokens(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let extra = ident(&s.extra);
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    let mut required = Vec::new();
    for f in &s.fields {
        let fi = ident(&f.ident);
        if f.required {
            let (arg, stored) = argument(f, quote!(#fi));
            params.push(quote!(#fi: #arg));
            // `jobs: jobs` is clippy's `redundant_field_names`: shorthand when stored as is.
            if !converts(f) {
                inits.push(quote!(#fi));
            } else {
                inits.push(quote!(#fi: #stored));
            }
            required.push(code(f.ident.name()));
        } else {
            inits.push(quote!(#fi: #NONE));
            let (arg, stored) = argument(f, quote!(__value));
            let setter = format_ident!("with_{}", f.ident.name());
            let doc = one_line(format!(
                "Sets the optional field {} (JSON {}).",
                code(f.ident.name()),
                code(&f.wire)
            ));
            setters.push(quote! {
                #doc
                pub fn #setter(mut self, __value: #arg) -> Self {
                    self.#fi = #SOME(#stored);
                    self
                }
            });
        }
    }
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
    let new_doc = one_line(new_doc);
    let mut allows = Vec::new();
    if params.len() > MANY_ARGUMENTS {
        allows.push(quote!(clippy::too_many_arguments));
    }
    if params.is_empty() && !s.derive_default {
        allows.push(quote!(clippy::new_without_default));
    }
    let allow = if allows.is_empty() {
        quote!()
    } else {
        quote!(#[allow(#(#allows),*)])
    };
    quote! {
        impl #name {
            #new_doc
            #allow
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits,)*
                    #extra: #JSON::Map::new(),
                }
            }

            #(#setters)*
        }
    }
}
