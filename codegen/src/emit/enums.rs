//! A string enum: documented variants plus an opaque `Unknown`, wire values, phases.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::{docs, ident, phase_tokens};
use crate::ir::Enum;
use crate::ir::Phase;
use crate::paths::*;

pub(super) fn enum_tokens(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let d = docs(&v.docs);
        let i = ident(&v.ident);
        quote!(#d #i)
    });
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let idents: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let (alias_wires, alias_idents): (Vec<&str>, Vec<Ident>) = e
        .variants
        .iter()
        .flat_map(|v| v.aliases.iter().map(|a| (a.as_str(), ident(&v.ident))))
        .unzip();
    let phase = if e.is_status {
        let phases = e
            .variants
            .iter()
            .map(|v| phase_tokens(v.phase.unwrap_or(Phase::Pending)));
        quote! {
            /// Where a job with this status is in its lifecycle; `Unknown` for undocumented values.
            pub fn phase(&self) -> #PHASE {
                match self {
                    #(Self::#idents => #phases,)*
                    Self::Unknown(_) => #PHASE::Unknown,
                }
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
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// A value the documentation does not list, kept verbatim.
            Unknown(#UNKNOWN_VALUE),
        }

        impl #name {
            /// Every documented wire value, in the documentation's order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::Unknown(__value) => __value.as_str(),
                }
            }

            #phase
        }

        impl #PRIVATE::WireEnum for #name {
            fn from_wire(__value: &str) -> Self {
                match __value {
                    #(#wires => Self::#idents,)*
                    #(#alias_wires => Self::#alias_idents,)*
                    __other => Self::Unknown(#PRIVATE::unknown_value(__other)),
                }
            }
        }

        impl #FROM_STR for #name {
            type Err = #INFALLIBLE;
            /// Parses a wire value; a documented value always yields its named variant.
            fn from_str(__value: &str) -> #RESULT<Self, #INFALLIBLE> {
                #OK(#PRIVATE::WireEnum::from_wire(__value))
            }
        }

        impl #FMT::Display for #name {
            fn fmt(&self, __f: &mut #FMT::Formatter<'_>) -> #FMT::Result {
                __f.write_str(self.as_str())
            }
        }

        impl #SERDE::Serialize for #name {
            fn serialize<__S: #SERDE::Serializer>(&self, __serializer: __S) -> #RESULT<__S::Ok, __S::Error> {
                __serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #SERDE::Deserialize<'de> for #name {
            fn deserialize<__D: #SERDE::Deserializer<'de>>(__deserializer: __D) -> #RESULT<Self, __D::Error> {
                #PRIVATE::deserialize_enum(__deserializer)
            }
        }
    }
}
