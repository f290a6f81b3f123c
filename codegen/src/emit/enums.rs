//! A string enum: documented variants plus an opaque `Unknown`, and its variant table (wire
//! value, variant, phase). Wire text, phases, parsing and serde are the runtime's generic
//! code over that table (`Enumeration`); the enum itself only adds the `index` match, and
//! one `enumeration_impls!` line brings `FromStr` and `Display` (serde comes with the file's
//! `serde_impls!`, under the `serde` feature).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::tokens::{docs, ident, phase_tokens};
use crate::ir::Enum;
use crate::ir::Phase;
use crate::paths::*;

pub(super) fn enum_tokens(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let definition = definition(e);
    let inherent = inherent_impl(e);
    let table = enumeration_impl(e);
    quote! {
        #definition
        #inherent
        #table
        #PRIVATE::enumeration_impls!(#name);
    }
}

/// The enum: one variant per documented value, then `Unknown`.
fn definition(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let d = docs(&v.docs);
        let i = ident(&v.ident);
        quote!(#d #i)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// A value the documentation does not list, kept verbatim.
            Unknown(#UNKNOWN_VALUE),
        }
    }
}

/// `VALUES`, `as_str`, and for a status `phase`/`is_terminal`.
fn inherent_impl(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let wires = e.variants.iter().map(|v| v.wire.as_str());
    let phase = if e.is_status {
        quote! {
            /// Where a job with this status is in its lifecycle; `Unknown` for undocumented values.
            pub fn phase(&self) -> #PHASE {
                #PRIVATE::phase(self)
            }

            /// Whether the job has stopped for good (succeeded, failed, partially succeeded or
            /// cancelled). Undocumented values are not terminal.
            pub fn is_terminal(&self) -> bool {
                self.phase().is_terminal()
            }
        }
    } else {
        quote!()
    };
    quote! {
        impl #name {
            /// Every documented wire value, in the documentation's order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                #PRIVATE::as_str(self)
            }

            #phase
        }
    }
}

/// The variant table and the one match only this enum can have: variant → index.
fn enumeration_impl(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let idents: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let arms = idents.iter().enumerate().map(|(i, v)| {
        let index = Literal::usize_unsuffixed(i);
        quote!(Self::#v => #OK(#index),)
    });
    let aliases: Vec<TokenStream> = e
        .variants
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            let index = Literal::usize_unsuffixed(i);
            v.aliases.iter().map(move |a| quote!((#a, #index)))
        })
        .collect();
    let aliases = if aliases.is_empty() {
        quote!()
    } else {
        quote!(const ALIASES: &'static [(&'static str, usize)] = &[#(#aliases),*];)
    };
    let phases = if e.is_status {
        let phases = e
            .variants
            .iter()
            .map(|v| phase_tokens(v.phase.unwrap_or(Phase::Pending)));
        quote!(const PHASES: &'static [#PHASE] = &[#(#phases),*];)
    } else {
        quote!()
    };
    quote! {
        impl #PRIVATE::Enumeration for #name {
            const VALUES: &'static [&'static str] = Self::VALUES;
            const VARIANTS: &'static [Self] = &[#(Self::#idents),*];
            #aliases
            #phases
            fn index(&self) -> #RESULT<usize, &#UNKNOWN_VALUE> {
                match self {
                    #(#arms)*
                    Self::Unknown(__value) => #ERR(__value),
                }
            }
            fn unknown(__value: #UNKNOWN_VALUE) -> Self {
                Self::Unknown(__value)
            }
        }
    }
}
