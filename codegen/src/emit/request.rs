//! The request struct, its builder (`build()` enforces required parameters and documented
//! constraints) and `to_http`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::checks::{guarded, value_checks};
use super::tokens::{docs, ident, one_line, type_tokens};
use crate::doc_text::code;
use crate::ir::{Operation, Param, ParamLocation, PathPart, Target, TypeRef};
use crate::paths::*;

/// The Rust type a builder stores for a parameter (owned; `Option` added by callers).
fn param_type(p: &Param) -> TokenStream {
    type_tokens(&p.ty)
}

pub(super) fn request_tokens(op: &Operation) -> TokenStream {
    let req = &op.request;
    let name = ident(&req.name);
    let builder = ident(&req.builder);
    let settable: Vec<&Param> = req.params.iter().filter(|p| p.fixed.is_none()).collect();

    let mut fields = Vec::new();
    let mut builder_fields = Vec::new();
    let mut setters = Vec::new();
    let mut getters = Vec::new();
    let mut build_steps = Vec::new();
    let mut inits = Vec::new();
    for p in &settable {
        let f = ident(&p.ident);
        let ty = param_type(p);
        let doc = docs(&p.docs);
        let wire = &p.wire;
        let where_ = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        let setter_doc = one_line(format!(
            "Sets the {where_} parameter {}{}.",
            code(wire),
            if p.required { " (required)" } else { "" }
        ));
        let (arg, conv) = if p.ty == TypeRef::String {
            (quote!(impl #INTO<#STRING>), quote!(__value.into()))
        } else {
            (quote!(#ty), quote!(__value))
        };
        setters.push(quote! {
            #setter_doc
            ///
            #doc
            pub fn #f(mut self, __value: #arg) -> Self {
                self.#f = #SOME(#conv);
                self
            }
        });
        builder_fields.push(quote!(#f: #OPTION<#ty>));
        let getter_doc = one_line(format!("The {where_} parameter {}.", code(wire)));
        if p.required {
            fields.push(quote!(#f: #ty));
            let getter = if p.ty == TypeRef::String {
                quote!(pub fn #f(&self) -> &str { &self.#f })
            } else {
                quote!(pub fn #f(&self) -> &#ty { &self.#f })
            };
            getters.push(quote!(#getter_doc #getter));
            build_steps.push(quote!(let #f = #PRIVATE::missing(self.#f, #wire)?;));
        } else {
            fields.push(quote!(#f: #OPTION<#ty>));
            getters
                .push(quote!(#getter_doc pub fn #f(&self) -> #OPTION<&#ty> { self.#f.as_ref() }));
            build_steps.push(quote!(let #f = self.#f;));
        }
        let checks = value_checks(&p.checks, &p.ty, quote!(__value), quote!(#wire));
        // Free text, and enum values (an `Unknown` one taken from a response may hold
        // anything), must be checked before they can go into a header.
        let header_check = match (&p.location, &p.ty) {
            (ParamLocation::Header, TypeRef::String) => {
                quote!(#PRIVATE::check_header(__value, #wire)?;)
            }
            (ParamLocation::Header, TypeRef::Named(_)) => {
                quote!(#PRIVATE::check_header(__value.as_str(), #wire)?;)
            }
            _ => quote!(),
        };
        if !checks.is_empty() || !header_check.is_empty() {
            build_steps.push(guarded(
                p.required,
                quote!(#f),
                quote!(#header_check #checks),
            ));
        }
        inits.push(quote!(#f));
    }
    if let Some(body) = &req.body {
        let ty = type_tokens(&body.ty);
        let doc = docs(&body.docs);
        fields.push(quote!(body: #ty));
        builder_fields.push(quote!(body: #OPTION<#ty>));
        setters.push(quote! {
            /// Sets the JSON request body (required).
            ///
            #doc
            pub fn body(mut self, __value: #ty) -> Self {
                self.body = #SOME(__value);
                self
            }
        });
        getters.push(quote!(/// The JSON request body.
            pub fn body(&self) -> &#ty { &self.body }));
        build_steps.push(quote!(let body = #PRIVATE::missing(self.body, "body")?;));
        let checks = value_checks(&body.checks, &body.ty, quote!(body), quote!("body"));
        build_steps.push(checks);
        inits.push(quote!(body));
    }

    // to_http
    let method = format_ident!("{}", op.method.as_str());
    let mut steps = Vec::new();
    match &op.target {
        Target::Rest { parts, .. } => {
            for part in parts {
                match part {
                    PathPart::Literal(text) => steps.push(quote!(__parts.literal(#text);)),
                    PathPart::Param(index) => {
                        let param = &req.params[*index];
                        let f = ident(&param.ident);
                        if param.ty == TypeRef::String {
                            steps.push(quote!(__parts.segment(&self.#f);));
                        } else {
                            steps.push(quote!(__parts.segment(&self.#f.to_string());));
                        }
                    }
                }
            }
        }
        Target::Rpc { action, version } => {
            // ACS3 (V3) signing: `Action` and `Version` travel as signed headers.
            steps.push(quote! {
                __parts.literal("/");
                __parts.header("x-acs-action", #action);
                __parts.header("x-acs-version", #version);
            });
        }
    }
    for p in &req.params {
        let call = match p.location {
            ParamLocation::Path => continue,
            ParamLocation::Query => quote!(query),
            ParamLocation::Header => quote!(header),
        };
        let name = if p.location == ParamLocation::Header {
            p.wire.to_ascii_lowercase()
        } else {
            p.wire.clone()
        };
        if let Some(fixed) = &p.fixed {
            steps.push(quote!(__parts.#call(#name, #fixed);));
            continue;
        }
        let f = ident(&p.ident);
        if p.required {
            steps.push(quote!(__parts.#call(#name, &self.#f);));
        } else {
            steps.push(quote! {
                if let #SOME(__value) = &self.#f {
                    __parts.#call(#name, __value);
                }
            });
        }
    }
    if req.body.is_some() {
        steps.push(quote!(__parts.json_body(&self.body);));
    }

    let request_doc = one_line(format!(
        "A request for `{}`. Build it with [`{}::builder`].",
        op.id,
        req.name.name()
    ));
    let builder_doc = one_line(format!(
        "Builds a [`{}`]; [`{}::build`] checks required parameters and documented constraints.",
        req.name.name(),
        req.builder.name()
    ));
    let derive_partial_eq = quote!(PartialEq);
    quote! {
        #request_doc
        #[derive(Clone, Debug, #derive_partial_eq)]
        pub struct #name {
            #(#fields,)*
        }

        // Getters are named after the parameters (`clone`, `new`, `next`, …): a name the
        // page gave, not a claim to implement the trait it resembles.
        #[allow(clippy::should_implement_trait, clippy::new_ret_no_self, clippy::wrong_self_convention)]
        impl #name {
            /// Starts building a request.
            pub fn builder() -> #builder {
                // Through the trait: a parameter named `default` has a setter that shadows it.
                <#builder as #DEFAULT>::default()
            }

            #(#getters)*

            /// The HTTP request: method, percent-encoded path and query, headers and JSON body.
            /// Credentials are not included: sign or add the token before sending.
            pub fn to_http(&self, endpoint: &#ENDPOINT) -> #HTTP::Request<#VEC<u8>> {
                let mut __parts = #PRIVATE::RequestParts::new(#HTTP::Method::#method);
                #(#steps)*
                __parts.into_http(endpoint)
            }
        }

        #builder_doc
        #[derive(Clone, Debug, Default)]
        pub struct #builder {
            #(#builder_fields,)*
        }

        // Setters are named after the parameters, like the getters.
        #[allow(clippy::should_implement_trait, clippy::new_ret_no_self, clippy::wrong_self_convention)]
        impl #builder {
            #(#setters)*

            /// Checks required parameters and documented constraints, and builds the request.
            pub fn build(self) -> #RESULT<#name, #BUILD_ERROR> {
                #(#build_steps)*
                #OK(#name { #(#inits),* })
            }
        }
    }
}
