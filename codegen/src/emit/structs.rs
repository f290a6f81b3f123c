//! A named object type: the struct (unknown fields kept in `extra`), its `Serialize` and
//! `Deserialize`, and `validate` when it has documented constraints.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{guarded, value_checks};
use super::tokens::{docs, ident, type_tokens};
use crate::ir::Struct;
use crate::paths::*;

pub(super) fn struct_tokens(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs(&s.docs);
    let extra = ident(&s.extra);
    let mut fields = Vec::new();
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    let mut checks = Vec::new();
    let mut entries = Vec::new();
    for f in &s.fields {
        let fi = ident(&f.ident);
        let wire = &f.wire;
        let mut ty = type_tokens(&f.ty);
        if f.boxed {
            ty = quote!(#BOX<#ty>);
        }
        let d = docs(&f.docs);
        if f.required {
            fields.push(quote! {
                #d
                pub #fi: #ty
            });
            entries.push(quote!(__map.serialize_entry(#wire, &self.#fi)?;));
            slots.push(quote!(let mut #fi: #OPTION<#ty> = #NONE;));
            arms.push(quote!(#wire => #PRIVATE::next_field(&mut __map, &mut #fi, #wire)?,));
            inits.push(quote!(#fi: #PRIVATE::required(#fi, #wire)?));
        } else {
            fields.push(quote! {
                #d
                pub #fi: #OPTION<#ty>
            });
            entries.push(quote! {
                if let #SOME(__value) = &self.#fi {
                    __map.serialize_entry(#wire, __value)?;
                }
            });
            slots.push(quote!(let mut #fi: #OPTION<#OPTION<#ty>> = #NONE;));
            arms.push(quote!(#wire => #PRIVATE::next_field(&mut __map, &mut #fi, #wire)?,));
            inits.push(quote!(#fi: #fi.flatten()));
        }
        if !f.checks.is_empty() {
            let path = format!("{{__at}}.{}", wire.replace('{', "{{").replace('}', "}}"));
            let inner = value_checks(
                &f.checks,
                &f.ty,
                quote!(__value),
                quote!(&::std::format!(#path)),
            );
            checks.push(guarded(f.required, quote!(self.#fi), inner));
        }
    }
    let derives = if s.derive_default {
        quote!(#[derive(Clone, Debug, PartialEq, Default)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let expecting = format!("a {} object", s.name);
    // An object with no documented fields keeps every key: a `match` would have one arm.
    let dispatch = if arms.is_empty() {
        quote!(#PRIVATE::next_extra(&mut __map, &mut #extra, __key)?;)
    } else {
        quote! {
            match __key.as_str() {
                #(#arms)*
                _ => #PRIVATE::next_extra(&mut __map, &mut #extra, __key)?,
            }
        }
    };
    let validate = if s.has_checks {
        quote! {
            impl #name {
                /// Checks documented constraints; `at` is this value's path in the request.
                pub(crate) fn validate(&self, __at: &str) -> #RESULT<(), #BUILD_ERROR> {
                    #(#checks)*
                    #OK(())
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        #doc
        #derives
        pub struct #name {
            #(#fields,)*
            /// Fields the documentation does not list, kept as received.
            pub #extra: #JSON::Map<#STRING, #JSON::Value>,
        }

        // Written out rather than derived: `#[serde(flatten)]` for the extra fields would
        // cost compile time and speed in every struct.
        impl #SERDE::Serialize for #name {
            fn serialize<__S: #SERDE::Serializer>(&self, __serializer: __S) -> #RESULT<__S::Ok, __S::Error> {
                use #SERDE::ser::SerializeMap as _;
                let mut __map = __serializer.serialize_map(#NONE)?;
                #(#entries)*
                for (__key, __value) in &self.#extra {
                    __map.serialize_entry(__key, __value)?;
                }
                __map.end()
            }
        }

        impl<'de> #SERDE::Deserialize<'de> for #name {
            fn deserialize<__D: #SERDE::Deserializer<'de>>(__deserializer: __D) -> #RESULT<Self, __D::Error> {
                struct __Visitor;
                impl<'de> #SERDE::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, __f: &mut #FMT::Formatter<'_>) -> #FMT::Result {
                        __f.write_str(#expecting)
                    }
                    fn visit_map<__A: #SERDE::de::MapAccess<'de>>(self, mut __map: __A) -> #RESULT<#name, __A::Error> {
                        #(#slots)*
                        let mut #extra = #JSON::Map::new();
                        while let #SOME(__key) = __map.next_key::<#PRIVATE::Key<'de>>()? {
                            #dispatch
                        }
                        #OK(#name { #(#inits,)* #extra })
                    }
                }
                __deserializer.deserialize_map(__Visitor)
            }
        }

        #validate
    }
}
