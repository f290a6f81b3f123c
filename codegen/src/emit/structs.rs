//! A named object type: the struct (unknown fields kept in `extra`), how it crosses the wire
//! (its field table and the lines only it can have; the rest is the runtime's `Wire`), its
//! serde impls, and `validate` when it has documented constraints.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::checks::{guarded, value_checks};
use super::tokens::{docs, ident, serde_impls, type_tokens};
use crate::ir::Struct;
use crate::paths::*;

pub(super) fn struct_tokens(s: &Struct) -> TokenStream {
    let definition = definition(s);
    let wire = wire_impl(s);
    let serde = serde_impls(&ident(&s.name));
    let validate = validate(s);
    quote! {
        #definition
        #wire
        #serde
        #validate
    }
}

/// The struct itself: documented fields, then the undocumented ones.
fn definition(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs(&s.docs);
    let extra = ident(&s.extra);
    let fields = s.fields.iter().map(|f| {
        let fi = ident(&f.ident);
        let mut ty = type_tokens(&f.ty);
        if f.boxed {
            ty = quote!(#BOX<#ty>);
        }
        if !f.required {
            ty = quote!(#OPTION<#ty>);
        }
        let d = docs(&f.docs);
        quote! {
            #d
            pub #fi: #ty
        }
    });
    let derives = if s.derive_default {
        quote!(#[derive(Clone, Debug, PartialEq, Default)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    quote! {
        #doc
        #derives
        pub struct #name {
            #(#fields,)*
            /// Fields the documentation does not list, kept as received.
            pub #extra: #JSON::Map<#STRING, #JSON::Value>,
        }
    }
}

/// `Wire`: the field table, one slot and one match arm per field to read, one line per
/// field to write. Finding keys, duplicates, unknown fields and every serde call are the
/// runtime's, compiled once for all types.
fn wire_impl(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let extra = ident(&s.extra);
    let expecting = format!("a {} object", s.name);
    let wires = s.fields.iter().map(|f| f.wire.as_str());
    let mut slots = Vec::new();
    let mut reads = Vec::new();
    let mut inits = Vec::new();
    let mut entries = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let fi = ident(&f.ident);
        let slot = format_ident!("__v{}", i);
        let index = Literal::usize_unsuffixed(i);
        let wire = &f.wire;
        slots.push(quote!(let mut #slot = #NONE;));
        let (read, init, entry) = match (f.required, f.boxed) {
            (true, false) => (
                quote!(__f.read(&mut #slot)),
                quote!(__f.required(#slot, #index)?),
                quote!(__e.required(#wire, &self.#fi)?;),
            ),
            (true, true) => (
                quote!(__f.read(&mut #slot)),
                quote!(#BOX::new(__f.required(#slot, #index)?)),
                quote!(__e.required(#wire, &*self.#fi)?;),
            ),
            (false, false) => (
                quote!(__f.read_optional(&mut #slot)),
                quote!(#slot),
                quote!(__e.optional(#wire, self.#fi.as_ref())?;),
            ),
            (false, true) => (
                quote!(__f.read_optional(&mut #slot)),
                quote!(#slot.map(#BOX::new)),
                quote!(__e.optional(#wire, self.#fi.as_deref())?;),
            ),
        };
        reads.push((index, read));
        inits.push(quote!(#fi: #init));
        entries.push(entry);
    }
    // The runtime's `next_key` only ever returns an index of the table, so one field needs no
    // `match` and none needs no body.
    let dispatch = match reads.as_slice() {
        [] => quote!(while __f.next_key()?.is_some() {}),
        [(_, read)] => quote!(while __f.next_key()?.is_some() { #read?; }),
        _ => {
            let arms = reads.iter().map(|(index, read)| quote!(#index => #read?,));
            quote! {
                while let #SOME(__i) = __f.next_key()? {
                    match __i {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        }
    };
    quote! {
        impl #PRIVATE::Wire for #name {
            fn read(__r: &mut dyn #PRIVATE::Reader) -> #PRIVATE::Step<Self> {
                #PRIVATE::read_record(__r, #expecting, &[#(#wires),*], |__f| {
                    #(#slots)*
                    #dispatch
                    #OK(Self { #(#inits,)* #extra: __f.extra() })
                })
            }
            fn write(&self, __w: &mut dyn #PRIVATE::Writer) -> #PRIVATE::Step {
                #PRIVATE::write_record(__w, |__e| {
                    #(#entries)*
                    __e.extra(&self.#extra)
                })
            }
        }
    }
}

/// `validate`, when some field has documented constraints.
fn validate(s: &Struct) -> TokenStream {
    if !s.has_checks {
        return quote!();
    }
    let name = ident(&s.name);
    let checks = s.fields.iter().filter(|f| !f.checks.is_empty()).map(|f| {
        let fi = ident(&f.ident);
        let path = format!("{{__at}}.{}", f.wire.replace('{', "{{").replace('}', "}}"));
        let inner = value_checks(
            &f.checks,
            &f.ty,
            quote!(__value),
            quote!(&::std::format!(#path)),
        );
        guarded(f.required, quote!(self.#fi), inner)
    });
    quote! {
        impl #name {
            /// Checks documented constraints; `at` is this value's path in the request.
            pub(crate) fn validate(&self, __at: &str) -> #RESULT<(), #BUILD_ERROR> {
                #(#checks)*
                #OK(())
            }
        }
    }
}
