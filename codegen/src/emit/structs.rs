//! A named object type: the struct (unknown fields kept in `extra`), how it crosses the wire
//! (its field table and one match arm per field each way; the rest is the runtime's), its
//! serde impls, and `validate` when it has documented constraints.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::checks::{guarded, value_checks};
use super::tokens::{docs, ident, type_tokens};
use crate::ir::Struct;
use crate::paths::*;

pub(super) fn struct_tokens(s: &Struct, in_request: bool) -> TokenStream {
    let definition = definition(s, in_request);
    let wire = wire_impls(s);
    let validate = validate(s);
    // A request reaches it: built through `new` and `with_` setters, not literals.
    let constructors = if in_request {
        super::constructors::constructor_tokens(s)
    } else {
        quote!()
    };
    quote! {
        #definition
        #wire
        #validate
        #constructors
    }
}

/// The struct itself: documented fields, then the undocumented ones; `#[non_exhaustive]`
/// when a request reaches it, so a later documented field is not a breaking change.
fn definition(s: &Struct, in_request: bool) -> TokenStream {
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
    let non_exhaustive = if in_request {
        quote!(#[non_exhaustive])
    } else {
        quote!()
    };
    quote! {
        #doc
        #derives
        #non_exhaustive
        pub struct #name {
            #(#fields,)*
            /// Fields the documentation does not list, kept as received.
            pub #extra: #JSON::Map<#STRING, #JSON::Value>,
        }
    }
}

/// The field table (`Record`), one match arm per field to read (`ReadFields`) and one call
/// per field to write (`WriteFields`); one `record_impls!` line brings `Wire` (serde comes
/// with the file's `serde_impls!`, under the `serde` feature). Finding keys, duplicates,
/// required fields, unknown fields and every serde call are the runtime's, compiled once for
/// all types.
fn wire_impls(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let extra = ident(&s.extra);
    let wires: Vec<&str> = s.fields.iter().map(|f| f.wire.as_str()).collect();
    // Every field in table order, then the undocumented ones: one call per object.
    let writes = s.fields.iter().map(|f| {
        let fi = ident(&f.ident);
        match (f.required, f.boxed) {
            (true, false) => quote!(__e.required(&self.#fi);),
            (true, true) => quote!(__e.required(&*self.#fi);),
            (false, false) => quote!(__e.optional(&self.#fi);),
            (false, true) => quote!(__e.optional_boxed(&self.#fi);),
        }
    });
    let writes = quote! {
        impl #PRIVATE::WriteFields for #name {
            fn write_fields(&self, __e: &mut #PRIVATE::Entries<'_>) {
                #(#writes)*
                __e.extra(&self.#extra);
            }
        }
    };
    let expecting = format!("a {} object", s.name);
    if !s.derive_default {
        let read = read_built(s, &expecting, &wires);
        return quote! {
            impl #PRIVATE::Wire for #name {
                #read
                fn write(&self, __w: &mut dyn #PRIVATE::Writer) -> #PRIVATE::Step {
                    __w.record(&[#(#wires),*], self)
                }
            }
            #writes
        };
    }
    let required: Vec<Literal> = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.required)
        .map(|(i, _)| Literal::usize_unsuffixed(i))
        .collect();
    let required = if required.is_empty() {
        quote!()
    } else {
        quote!(const REQUIRED: &'static [usize] = &[#(#required),*];)
    };
    let read_fields = field_match(s, quote!(__f.extra(&mut self.#extra)), |f, fi| {
        match (f.required, f.boxed) {
            (true, false) => quote!(__f.required(&mut self.#fi)),
            (true, true) => quote!(__f.required(&mut *self.#fi)),
            (false, false) => quote!(__f.optional(&mut self.#fi)),
            (false, true) => quote!(__f.optional_boxed(&mut self.#fi)),
        }
    });
    quote! {
        impl #PRIVATE::Record for #name {
            const EXPECTING: &'static str = #expecting;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            #required
        }

        impl #PRIVATE::ReadFields for #name {
            fn read_field(&mut self, __f: &mut #PRIVATE::Fields<'_>) -> #PRIVATE::Step {
                #read_fields
            }
        }

        #writes
        #PRIVATE::record_impls!(#name);
    }
}

/// `match __f.index()` with one arm per field, and `rest` (the undocumented fields) for the
/// index past the table; just `rest` for a struct with no documented fields.
fn field_match(
    s: &Struct,
    rest: TokenStream,
    arm: impl Fn(&crate::ir::Field, &proc_macro2::Ident) -> TokenStream,
) -> TokenStream {
    if s.fields.is_empty() {
        return rest;
    }
    let arms = s.fields.iter().enumerate().map(|(i, f)| {
        let index = Literal::usize_unsuffixed(i);
        let call = arm(f, &ident(&f.ident));
        quote!(#index => #call,)
    });
    quote! {
        match __f.index() {
            #(#arms)*
            _ => #rest,
        }
    }
}

/// `Wire::read` for a struct with no `Default` to fill in place: a slot per field, read as
/// keys arrive, then the struct built from them.
fn read_built(s: &Struct, expecting: &str, wires: &[&str]) -> TokenStream {
    let extra = ident(&s.extra);
    let mut slots = Vec::new();
    let mut reads = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let fi = ident(&f.ident);
        let slot = format_ident!("__v{}", i);
        let index = Literal::usize_unsuffixed(i);
        slots.push(quote!(let mut #slot = #NONE;));
        let (read, init) = match (f.required, f.boxed) {
            (true, false) => (
                quote!(__f.slot(&mut #slot)),
                quote!(__f.take(#slot, #index)?),
            ),
            (true, true) => (
                quote!(__f.slot(&mut #slot)),
                quote!(#BOX::new(__f.take(#slot, #index)?)),
            ),
            (false, false) => (quote!(__f.optional(&mut #slot)), quote!(#slot)),
            (false, true) => (quote!(__f.optional_boxed(&mut #slot)), quote!(#slot)),
        };
        reads.push((index, read));
        inits.push(quote!(#fi: #init));
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
        fn read(__r: &mut dyn #PRIVATE::Reader) -> #PRIVATE::Step<Self> {
            #PRIVATE::read_with(__r, #expecting, &[#(#wires),*], |__f| {
                #(#slots)*
                #dispatch
                #OK(Self { #(#inits,)* #extra: __f.take_extra() })
            })
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
