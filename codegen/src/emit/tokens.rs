//! Token helpers every emitter file shares: doc attributes, identifiers, types.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::IntFormat;
use crate::ir::{self, Docs, TypeRef};
use crate::paths::*;

pub(super) fn docs(docs: &Docs) -> TokenStream {
    let lines = doc_lines(&docs.0).map(|line| quote!(#[doc = #line]));
    quote!(#(#lines)*)
}

/// A doc attribute from one line of text (made safe like every other doc line).
pub(super) fn one_line(text: String) -> TokenStream {
    docs(&Docs(vec![text]))
}

pub(super) fn inner_docs(lines: &[String]) -> TokenStream {
    let lines = doc_lines(lines).map(|line| quote!(#![doc = #line]));
    quote!(#(#lines)*)
}

/// Doc lines as `///` text: one per line (an entry may itself hold newlines), each made
/// safe by [`crate::doc_text::doc_line`].
fn doc_lines(entries: &[String]) -> impl Iterator<Item = String> + '_ {
    entries
        .iter()
        .flat_map(|entry| entry.split('\n'))
        .map(crate::doc_text::doc_line)
}

/// What emit writes as an identifier: a name the IR holds, or one of the emitter's own
/// (`Undocumented`, constants of [`crate::paths`]), which are never keywords.
pub(super) trait Name {
    fn to_ident(&self) -> Ident;
}

impl Name for ir::Ident {
    fn to_ident(&self) -> Ident {
        let span = proc_macro2::Span::call_site();
        if self.is_raw() {
            Ident::new_raw(self.name(), span)
        } else {
            Ident::new(self.name(), span)
        }
    }
}

impl Name for str {
    fn to_ident(&self) -> Ident {
        format_ident!("{}", self)
    }
}

pub(super) fn ident(name: &(impl Name + ?Sized)) -> Ident {
    name.to_ident()
}

pub(super) fn type_tokens(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#STRING),
        TypeRef::Int(IntFormat::Int32) => quote!(i32),
        TypeRef::Int(IntFormat::Int64) => quote!(i64),
        TypeRef::Int(IntFormat::Uint32) => quote!(u32),
        TypeRef::Int(IntFormat::Uint64) => quote!(u64),
        // Kept as serde_json's number so `2` stays `2` and `2.0` stays `2.0` on a round trip.
        TypeRef::Number => quote!(#JSON::Number),
        TypeRef::Bool => quote!(bool),
        TypeRef::Timestamp => quote!(#TIMESTAMP),
        TypeRef::Json => quote!(#JSON::Value),
        TypeRef::Vec(inner) => {
            let inner = type_tokens(inner);
            quote!(#VEC<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner);
            quote!(#BTREE_MAP<#STRING, #inner>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}
