//! The response enum (one variant per documented HTTP status), `parse`, and the registry's
//! `decode_response`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{docs, ident, one_line, type_tokens};
use crate::ir::{Docs, Operation};
use crate::paths::*;

pub(super) fn response_tokens(op: &Operation) -> TokenStream {
    let resp = &op.response;
    let name = ident(&resp.name);
    let mut variants = Vec::new();
    let mut parse_arms = Vec::new();
    let mut status_arms = Vec::new();
    let mut json_arms = Vec::new();
    let mut codes = Vec::new();
    for status in &resp.statuses {
        let v = ident(&status.variant);
        let code = Literal::u16_unsuffixed(status.code);
        codes.push(code.clone());
        let mut d = Docs(vec![format!(
            "HTTP {}: {}",
            status.code,
            status.docs.0.first().cloned().unwrap_or_default()
        )]);
        d.0.extend(status.docs.0.iter().skip(1).cloned());
        match &status.body {
            Some(ty) => {
                let ty = type_tokens(ty);
                let doc = docs(&d);
                variants.push(quote!(#doc #v(#ty)));
                parse_arms
                    .push(quote!(#code => #PRIVATE::decode_response(status, body).map(Self::#v),));
                json_arms.push(quote!(#name::#v(__value) => #OK(#PRIVATE::to_json(&__value)),));
            }
            None => {
                d.push("");
                d.push("The documentation gives no body schema for this status: the body is kept as is.");
                let doc = docs(&d);
                variants.push(quote!(#doc #v(#RAW_BODY)));
                parse_arms.push(quote!(#code => #OK(Self::#v(#RAW_BODY::new(body))),));
                json_arms.push(quote! {
                    #name::#v(__raw) => __raw.json().map_err(|__error| #RESPONSE_ERROR::Decode { status, error: __error, body: __raw }),
                });
            }
        }
        status_arms.push(quote!(Self::#v(_) => #code,));
    }
    let doc = one_line(format!(
        "A response of `{}`, one variant per documented HTTP status.",
        op.id
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // A response is parsed once and matched on, rarely moved: boxing would only add noise.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants,)*
        }

        impl #name {
            /// The documented HTTP statuses.
            pub const STATUSES: &'static [u16] = &[#(#codes),*];

            /// Parses a response from its HTTP status and body. An undocumented status is an
            /// error that keeps the body; a body that does not fit names the JSON path.
            pub fn parse(status: u16, body: &[u8]) -> #RESULT<Self, #RESPONSE_ERROR> {
                match status {
                    #(#parse_arms)*
                    _ => #ERR(#RESPONSE_ERROR::undocumented(status, body)),
                }
            }

            /// Parses an `http::Response`.
            pub fn from_http<__B: #AS_REF<[u8]>>(response: &#HTTP::Response<__B>) -> #RESULT<Self, #RESPONSE_ERROR> {
                Self::parse(response.status().as_u16(), response.body().as_ref())
            }

            /// The HTTP status this response was documented under.
            pub fn status(&self) -> u16 {
                match self {
                    #(#status_arms)*
                }
            }

            /// Whether the status is a 2xx success.
            pub fn is_success(&self) -> bool {
                (200..300).contains(&self.status())
            }
        }

        fn decode_response(status: u16, body: &[u8]) -> #RESULT<#JSON::Value, #RESPONSE_ERROR> {
            match #name::parse(status, body)? {
                #(#json_arms)*
            }
        }
    }
}
