//! One operation's file: module docs, the `OPERATION` registry entry, `to_http_by_name`,
//! then the request, the response and the named types.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, inner_docs, type_tokens};
use super::{Piece, constructors, enums, request, response, structs};
use crate::doc_text::code;
use crate::ir::AuthScheme;
use crate::ir::{Operation, ParamLocation, PathStep, Target, TypeDef, TypeRef};
use crate::paths::*;

pub(super) fn operation_file(op: &Operation) -> Result<Vec<Piece>, String> {
    let (method_line, path) = match &op.target {
        Target::Rest { template, .. } => (
            code(&format!("{} {}", op.method.as_str(), template)),
            template.clone(),
        ),
        Target::Rpc { action, version } => (
            format!(
                "{} (RPC)",
                code(&format!(
                    "{} /?Action={action}&Version={version}",
                    op.method.as_str()
                ))
            ),
            "/".to_owned(),
        ),
    };
    let mut intro = vec![format!("{}", op.title), String::new()];
    intro.extend(op.docs.0.iter().cloned());
    intro.extend([
        String::new(),
        format!("- Operation ID: `{}`", op.id),
        format!("- Call: {method_line}"),
        format!("- Documentation: {}", op.source),
        format!("- Spec: {}", code(&op.spec_file)),
        format!(
            "- Authentication ({}): applied by the caller, never a request field.",
            auth_name(op.auth)
        ),
    ]);
    intro.extend(op.auth_docs.0.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!("  {l}")
        }
    }));
    let intro = inner_docs(&intro);

    let id = &op.id;
    let base_url = &op.base_url;
    let method = op.method.as_str();
    let request = request::request_tokens(op);
    let in_request = constructors::request_structs(op);
    let source = op.spec_file.as_str();
    let mut types = Vec::new();
    for t in &op.types {
        match t {
            TypeDef::Struct(s) => types.extend(structs::struct_pieces(
                s,
                in_request.contains(&s.name),
                source,
            )?),
            TypeDef::Enum(e) => types.push(Piece::Text(enums::enum_text(e, source)?)),
        }
    }
    // serde for every named type at once, under the crate's `serde` feature: most callers
    // only parse responses, and the impls are ~4% of a large crate's build.
    let serde = if op.types.is_empty() {
        quote!()
    } else {
        let names = op.types.iter().map(|t| ident(t.name()));
        quote! {
            #[cfg(feature = #SERDE_FEATURE)]
            #PRIVATE::serde_impls!(#(#names),*);
        }
    };
    let statuses = op
        .response
        .statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(s.code));
    let provider = op.id.split('.').next().unwrap_or_default();
    let rpc = match &op.target {
        Target::Rpc { action, version } => {
            quote!(#SOME(#ROOT::Rpc { action: #action, version: #version }))
        }
        Target::Rest { .. } => quote!(#NONE),
    };
    let params = op
        .request
        .params
        .iter()
        .filter(|p| p.fixed.is_none())
        .map(|p| {
            let name = &p.wire;
            let location = match p.location {
                ParamLocation::Path => quote!(Path),
                ParamLocation::Query => quote!(Query),
                ParamLocation::Header => quote!(Header),
            };
            let constructor = if p.required {
                quote!(required)
            } else {
                quote!(optional)
            };
            quote!(#ROOT::Param::#constructor(#name, #ROOT::ParamLocation::#location))
        });
    let status_fields = op.status_fields().into_iter().map(|field| {
        let steps = field.path.iter().map(|step| match step {
            PathStep::Field(wire) => quote!(#ROOT::PathStep::Field(#wire)),
            PathStep::Each => quote!(#ROOT::PathStep::Each),
        });
        let status = ident(&field.status);
        quote!(#ROOT::StatusField { path: &[#(#steps),*], values: #ROOT::StatusValues::of::<#status>() })
    });
    let waiters = op.waiters.iter().map(|w| {
        let name = &w.name;
        let docs = &w.docs;
        let done = w.done.iter().map(|v| &v.wire);
        let failed = w.failed.iter().map(|v| &v.wire);
        quote!(#ROOT::WaiterSpec { name: #name, docs: #docs, success: &[#(#done),*], failure: &[#(#failed),*] })
    });
    let by_name = to_http_by_name(op);
    let responses = response::registry_decoders(op);
    let request_decoder = match &op.request.body {
        Some(body) => {
            let ty = type_tokens(&body.ty);
            quote!(#SOME(#PRIVATE::round_trip::<#ty>))
        }
        None => quote!(#NONE),
    };

    let head = quote! {
        #intro
        // Types spell out the page's shapes (a map of arrays of maps is realistic); a type
        // alias would be a name the page never gave.
        #![allow(clippy::type_complexity)]

        /// The operation ID, `provider.service.operation`.
        pub const OPERATION_ID: &str = #id;

        /// Default base URL; `{region}` is filled in by [`crate::Endpoint::for_region`].
        pub const ENDPOINT_TEMPLATE: &str = #base_url;

        /// This operation, for generic tools such as [`crate::decode`] and the `cloudjobs` CLI.
        pub const OPERATION: #OPERATION = #OPERATION {
            id: OPERATION_ID,
            method: #method,
            path: #path,
            statuses: &[#(#statuses),*],
            __details: #PRIVATE::OperationDetails {
                provider: #provider,
                endpoint_template: ENDPOINT_TEMPLATE,
                rpc: #rpc,
                params: &[#(#params),*],
                request: #request_decoder,
                responses: #responses,
                to_http: to_http_by_name,
                status_fields: &[#(#status_fields),*],
                waiters: &[#(#waiters),*],
            },
        };

        #by_name

        #request
    };
    let mut pieces = vec![Piece::Tokens(head)];
    pieces.extend(response::response_pieces(op, source)?);
    pieces.extend(types);
    pieces.push(Piece::Tokens(serde));
    Ok(pieces)
}

/// `to_http_by_name`: the request built from wire-named text values (what a command line
/// gives), through the typed builder so every check still runs.
fn to_http_by_name(op: &Operation) -> TokenStream {
    let req = &op.request;
    let name = ident(&req.name);
    let arms = req.params.iter().filter(|p| p.fixed.is_none()).map(|p| {
        let f = ident(&p.ident);
        let wire = &p.wire;
        if p.ty == TypeRef::String {
            quote!(#wire => __builder.#f(__text),)
        } else {
            quote!(#wire => __builder.#f(#PRIVATE::parse_param(__name, __text)?),)
        }
    });
    let body = if req.body.is_some() {
        quote! {
            if let #SOME(__bytes) = body {
                __builder = __builder.body(#PRIVATE::parse_body(__bytes)?);
            }
        }
    } else {
        quote!(#PRIVATE::no_request_body(OPERATION_ID, body)?;)
    };
    let unknown = quote!(#ERR(#PRIVATE::unknown_parameter(OPERATION_ID, __name)));
    let arms: Vec<TokenStream> = arms.collect();
    // An operation without parameters has no loop to run (it would be unreachable code),
    // and a builder nothing sets need not be mutable.
    let (binding, read_params) = if arms.is_empty() {
        let binding = if req.body.is_some() {
            quote!(let mut)
        } else {
            quote!(let)
        };
        let read = quote! {
            if let #SOME(&(__name, _)) = params.first() {
                return #unknown;
            }
        };
        (binding, read)
    } else {
        let read = quote! {
            for &(__name, __text) in params {
                __builder = match __name {
                    #(#arms)*
                    _ => return #unknown,
                };
            }
        };
        (quote!(let mut), read)
    };
    quote! {
        fn to_http_by_name(
            endpoint: &#ENDPOINT,
            params: &[(&str, &str)],
            body: #OPTION<&[u8]>,
        ) -> #RESULT<#HTTP::Request<#VEC<u8>>, #REGISTRY_ERROR> {
            #binding __builder = #name::builder();
            #read_params
            #body
            let __request = __builder.build().map_err(#REGISTRY_ERROR::Build)?;
            #OK(__request.to_http(endpoint))
        }
    }
}

fn auth_name(auth: AuthScheme) -> &'static str {
    match auth {
        AuthScheme::XAuthToken => "`X-Auth-Token` header with an IAM token",
        AuthScheme::AlibabaRpcSignature => "Alibaba Cloud RPC signature",
    }
}
