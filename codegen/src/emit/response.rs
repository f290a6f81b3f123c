//! Reading a response: `parse_response` (the 2xx body in `Ok`, the operation's error enum in
//! `Err`), the error enum, the success enum when several 2xx statuses are documented, and
//! the registry's table of body decoders by status.
//!
//! What `Ok` holds, by the documented 2xx statuses:
//!
//! - one, with a body schema: that body's type;
//! - one, without a body schema: `RawBody` (the bytes as received);
//! - several: `<Op>Response`, one variant per 2xx status (each a body type or `RawBody`);
//! - none: `Infallible` (every status is an error).
//!
//! A status that is not documented is an error even when it is a 2xx: the page promises
//! nothing about its body.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Piece;
use super::text::{Text, type_text};
use super::tokens::{docs, ident, one_line, type_tokens};
use crate::doc_text::code;
use crate::ir::{Docs, Operation, StatusIr, TypeRef};
use crate::paths::*;

/// The variants `<Op>Error` has besides the documented statuses (the runtime's
/// `operation_error!` writes them). No status variant can take these names: status variants
/// are canonical reasons (`BadRequest`) or `Status599`.
const UNDOCUMENTED: &str = "Undocumented";
const DECODE: &str = "Decode";

fn is_success(status: &StatusIr) -> bool {
    (200..300).contains(&status.code)
}

/// A status's variant docs: `HTTP 400: <the page's text>`, and a note for a status without
/// a body schema.
fn variant_docs(status: &StatusIr) -> Docs {
    let mut d = Docs(vec![format!(
        "HTTP {}: {}",
        status.code,
        status.docs.0.first().cloned().unwrap_or_default()
    )]);
    d.0.extend(status.docs.0.iter().skip(1).cloned());
    if status.body.is_none() {
        d.push("");
        d.push("The documentation gives no body schema for this status: the body is kept as is.");
    }
    d
}

/// The payload type of a status's variant.
fn payload(status: &StatusIr) -> TokenStream {
    match &status.body {
        Some(ty) => type_tokens(ty),
        None => quote!(#RAW_BODY),
    }
}

/// `[`Name`]` for a named type, the type in code otherwise.
fn type_doc(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("[`{name}`]"),
        TypeRef::Vec(inner) => format!("an array of {}", type_doc(inner)),
        TypeRef::Map(inner) => format!("a map of {}", type_doc(inner)),
        other => code(&type_tokens(other).to_string().replace(' ', "")),
    }
}

/// The success enum (several 2xx statuses) and `parse_response` as tokens; the error enum
/// and its impls, the same shape for every operation, as text.
pub(super) fn response_pieces(op: &Operation, source: &str) -> Result<Vec<Piece>, String> {
    let resp = &op.response;
    let error = ident(&resp.error);
    let success: Vec<&StatusIr> = resp.statuses.iter().filter(|s| is_success(s)).collect();
    let failure: Vec<&StatusIr> = resp.statuses.iter().filter(|s| !is_success(s)).collect();

    // Ok: its type, how each 2xx status makes it, and its docs.
    let mut success_arms = Vec::new();
    let (ok_type, success_enum, ok_doc) = match success.as_slice() {
        [] => {
            let doc = "The documentation lists no 2xx status, so `Ok` never happens: every status is an `Err`.".to_owned();
            (quote!(#INFALLIBLE), quote!(), doc)
        }
        [one] => {
            let code = Literal::u16_unsuffixed(one.code);
            success_arms.push(quote!(#code => decode_body(status, body),));
            let mut doc = match &one.body {
                Some(ty) => format!("`Ok` holds the HTTP {} body, {}.", one.code, type_doc(ty)),
                None => format!(
                    "`Ok` holds the HTTP {} body as [`RawBody`](crate::RawBody): the documentation gives it no schema.",
                    one.code
                ),
            };
            // The page's words for the status, as the variant of a success enum would carry them.
            doc.push_str(&format!("\n\nHTTP {}: {}", one.code, one.docs.0.join("\n")));
            (payload(one), quote!(), doc)
        }
        many => {
            let name = ident(&resp.name);
            let mut variants = Vec::new();
            let mut status_arms = Vec::new();
            for status in many {
                let v = ident(&status.variant);
                let code = Literal::u16_unsuffixed(status.code);
                let doc = docs(&variant_docs(status));
                let ty = payload(status);
                variants.push(quote!(#doc #v(#ty)));
                success_arms.push(quote!(#code => decode_body(status, body).map(#name::#v),));
                status_arms.push(quote!(Self::#v(_) => #code,));
            }
            let doc = one_line(format!(
                "A success of `{}`: one variant per documented 2xx status, what [`parse_response`] gives in `Ok`.",
                op.id
            ));
            let tokens = quote! {
                #doc
                #[derive(Clone, Debug, PartialEq)]
                #[non_exhaustive]
                // Parsed once and matched on, rarely moved: boxing would only add noise.
                #[allow(clippy::large_enum_variant)]
                pub enum #name {
                    #(#variants,)*
                }

                impl #name {
                    /// The HTTP status this success was documented under.
                    #[inline]
                    pub fn status(&self) -> u16 {
                        match self {
                            #(#status_arms)*
                        }
                    }
                }
            };
            let doc = format!(
                "`Ok` holds [`{}`], one variant per documented 2xx status.",
                resp.name
            );
            (quote!(#name), tokens, doc)
        }
    };

    // The runtime's reader of 2xx bodies (a type or `RawBody`), imported inside
    // `parse_response` (so its arms stay one line each and no module-level name can meet
    // it), when there is a 2xx arm to call it.
    let helpers = (!success.is_empty()).then(|| quote!(use #PRIVATE::decode_body;));

    let parse_doc = docs(&Docs(vec![
        format!(
            "Parses a response of `{}` from its HTTP status and body.",
            op.id
        ),
        String::new(),
        ok_doc,
        String::new(),
        format!(
            "`Err` holds a documented error status as its variant of [`{0}`] (its body typed, or kept as [`RawBody`](crate::RawBody) when the documentation gives no schema), any status the documentation does not list as [`{0}::{UNDOCUMENTED}`] (a 2xx included; the body is kept), and a body that does not fit its type as [`{0}::{DECODE}`], naming the JSON path.",
            resp.error
        ),
    ]));

    let parse = quote! {
        #parse_doc
        // The error holds the documented error bodies themselves, by design.
        #[allow(clippy::result_large_err)]
        #[inline]
        pub fn parse_response(status: u16, body: &[u8]) -> #RESULT<#ok_type, #error> {
            #helpers
            match status {
                #(#success_arms)*
                // Every other status, documented or not: the error's own status table.
                _ => #ERR(#error::from_status(status, body)),
            }
        }

        /// [`parse_response`] for an `http::Response`.
        #[allow(clippy::result_large_err)]
        #[inline]
        pub fn parse_http_response<__B: #AS_REF<[u8]>>(response: &#HTTP::Response<__B>) -> #RESULT<#ok_type, #error> {
            parse_response(response.status().as_u16(), response.body().as_ref())
        }
    };
    let mut text = Text::new();
    error_text(&mut text, op, &failure);
    Ok(vec![
        Piece::Tokens(success_enum),
        Piece::Text(text.finish(source)?),
        Piece::Tokens(parse),
    ])
}

/// `<Op>Error` as the body of the runtime's `operation_error!`: one row per documented
/// error status (`400 => BadRequest(ErrorResponse),`, its docs above it). The macro adds
/// `Undocumented` and `Decode`, `status()`, `from_status` (what `parse_response` returns for
/// any status but a documented 2xx), `Display`, `OperationError` and `std::error::Error`.
fn error_text(t: &mut Text, op: &Operation, failure: &[&StatusIr]) {
    t.macro_line(0, &format!("{PRIVATE}::operation_error! {{"));
    t.docs(
        1,
        &Docs(vec![format!(
            "Why a response of `{}` is not a success: a documented error status (its body typed), an undocumented status, or a body that does not fit.",
            op.id
        )]),
    );
    t.macro_line(
        1,
        &format!("pub enum {} of OPERATION_ID {{", op.response.error),
    );
    for status in failure {
        let payload = match &status.body {
            Some(ty) => type_text(ty),
            None => RAW_BODY.to_string(),
        };
        t.docs(2, &variant_docs(status));
        t.macro_line(
            2,
            &format!("{} => {}({payload}),", status.code, status.variant),
        );
    }
    t.macro_line(1, "}");
    t.macro_line(0, "}");
}

/// The registry's body decoders, by documented status: each decodes the body into its type
/// and encodes it back as JSON (free JSON for a status without a schema).
pub(super) fn registry_decoders(op: &Operation) -> Vec<String> {
    op.response
        .statuses
        .iter()
        .map(|status| {
            let ty = match &status.body {
                Some(ty) => type_text(ty),
                None => format!("{JSON}::Value"),
            };
            format!("({}, {PRIVATE}::round_trip::<{ty}>)", status.code)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_status_variant_takes_the_names_of_the_other_error_variants() {
        for code in 100..=599 {
            let variant = crate::lower::naming::status_variant(code);
            assert_ne!(variant, UNDOCUMENTED, "{code}");
            assert_ne!(variant, DECODE, "{code}");
        }
    }
}
