//! One operation's file: module docs, the `OPERATION` registry entry, `to_http_by_name`,
//! then the request, the response and the named types.

use quote::quote;

use super::text::{Text, string, type_text};
use super::tokens::ident;
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
    let source = op.spec_file.as_str();
    let mut head = Text::new();
    head.inner_docs(&intro);
    // Types spell out the page's shapes (a map of arrays of maps is realistic); a type alias
    // would be a name the page never gave.
    head.line(0, "#![allow(clippy::type_complexity)]");
    head.block(&format!(
        "/// The operation ID, `provider.service.operation`.
pub const OPERATION_ID: &str = {};
/// Default base URL; `{{region}}` is filled in by [`crate::Endpoint::for_region`].
pub const ENDPOINT_TEMPLATE: &str = {};",
        string(&op.id),
        string(&op.base_url)
    ));
    operation_const(&mut head, op, &path);
    to_http_by_name(&mut head, op);
    let mut request = Text::new();
    request::request_text(&mut request, op);
    let mut pieces = vec![
        Piece::Text(head.finish(source)?),
        Piece::Text(request.finish(source)?),
    ];
    let in_request = constructors::request_structs(op);
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
    pieces.extend(response::response_pieces(op, source)?);
    pieces.extend(types);
    pieces.push(Piece::Tokens(serde));
    Ok(pieces)
}

/// `OPERATION`: the operation as data, for the registry and generic tools.
fn operation_const(t: &mut Text, op: &Operation, path: &str) {
    t.block(&format!(
        "/// This operation, for generic tools such as the registry's `decode` and the `cloudjobs` CLI.
pub const OPERATION: {OPERATION} = {OPERATION} {{
    id: OPERATION_ID,"
    ));
    t.line(1, &format!("method: {},", string(op.method.as_str())));
    t.string_field(1, "path", path);
    let statuses: Vec<String> = op
        .response
        .statuses
        .iter()
        .map(|s| s.code.to_string())
        .collect();
    t.list(1, "statuses: &[", &statuses, "],");
    t.line(1, &format!("__details: {PRIVATE}::OperationDetails {{"));
    t.string_field(2, "provider", op.id.split('.').next().unwrap_or_default());
    t.line(2, "endpoint_template: ENDPOINT_TEMPLATE,");
    match &op.target {
        Target::Rpc { action, version } => {
            t.line(2, &format!("rpc: {SOME}({ROOT}::Rpc {{"));
            t.string_field(3, "action", action);
            t.string_field(3, "version", version);
            t.line(2, "}),");
        }
        Target::Rest { .. } => t.line(2, &format!("rpc: {NONE},")),
    }
    let params: Vec<String> = op
        .request
        .params
        .iter()
        .filter(|p| p.fixed.is_none())
        .map(|p| {
            let location = match p.location {
                ParamLocation::Path => "Path",
                ParamLocation::Query => "Query",
                ParamLocation::Header => "Header",
            };
            let constructor = if p.required { "required" } else { "optional" };
            format!(
                "{ROOT}::Param::{constructor}({}, {ROOT}::ParamLocation::{location})",
                string(&p.wire)
            )
        })
        .collect();
    t.list(2, "params: &[", &params, "],");
    match &op.request.body {
        Some(body) => t.line(
            2,
            &format!(
                "request: {SOME}({PRIVATE}::round_trip::<{}>),",
                type_text(&body.ty)
            ),
        ),
        None => t.line(2, &format!("request: {NONE},")),
    }
    t.list(2, "responses: &[", &response::registry_decoders(op), "],");
    t.line(2, "to_http: to_http_by_name,");
    // Struct literals this wide are always broken, and so is the array that holds them.
    let status_fields = op.status_fields();
    if status_fields.is_empty() {
        t.line(2, "status_fields: &[],");
    } else {
        t.line(2, "status_fields: &[");
        for field in status_fields {
            let steps: Vec<String> = field
                .path
                .iter()
                .map(|step| match step {
                    PathStep::Field(wire) => format!("{ROOT}::PathStep::Field({})", string(wire)),
                    PathStep::Each => format!("{ROOT}::PathStep::Each"),
                })
                .collect();
            t.line(3, &format!("{ROOT}::StatusField {{"));
            t.list(4, "path: &[", &steps, "],");
            t.line(
                4,
                &format!("values: {ROOT}::StatusValues::of::<{}>(),", field.status),
            );
            t.line(3, "},");
        }
        t.line(2, "],");
    }
    if op.waiters.is_empty() {
        t.line(2, "waiters: &[],");
    } else {
        t.line(2, "waiters: &[");
        for w in &op.waiters {
            let wires = |values: &[crate::ir::WaiterValue]| -> Vec<String> {
                values.iter().map(|v| string(&v.wire)).collect()
            };
            t.line(3, &format!("{ROOT}::WaiterSpec {{"));
            t.string_field(4, "name", &w.name);
            t.string_field(4, "docs", &w.docs);
            t.list(4, "success: &[", &wires(&w.done), "],");
            t.last_field_list(4, "failure: &[", &wires(&w.failed), "]");
            t.line(3, "},");
        }
        t.line(2, "],");
    }
    t.block("    },\n};");
}

/// `to_http_by_name`: the request built from wire-named text values (what a command line
/// gives), through the typed builder so every check still runs.
fn to_http_by_name(t: &mut Text, op: &Operation) {
    let req = &op.request;
    let settable: Vec<_> = req.params.iter().filter(|p| p.fixed.is_none()).collect();
    t.line(0, super::INLINE);
    t.block(&format!(
        "fn to_http_by_name(
    endpoint: &{ENDPOINT},
    params: &[(&str, &str)],
    body: {OPTION}<&[u8]>,
) -> {RESULT}<
    {HTTP}::Request<{VEC}<u8>>,
    {REGISTRY_ERROR},
> {{"
    ));
    // A builder nothing sets need not be mutable.
    let binding = if settable.is_empty() && req.body.is_none() {
        "let"
    } else {
        "let mut"
    };
    t.line(
        1,
        &format!("{binding} __builder = {}::builder();", req.name),
    );
    let unknown = format!(
        "return {ERR}(
            {PRIVATE}::unknown_parameter(OPERATION_ID, __name),
        );"
    );
    if settable.is_empty() {
        // No loop to run: it would be unreachable code.
        t.block(&format!(
            "    if let {SOME}(&(__name, _)) = params.first() {{
        {unknown}
    }}"
        ));
    } else {
        t.block("    for &(__name, __text) in params {\n        __builder = match __name {");
        for p in &settable {
            let call = if p.ty == TypeRef::String {
                format!("__builder.{}(__text)", p.ident)
            } else {
                format!(
                    "__builder.{}({PRIVATE}::parse_param(__name, __text)?)",
                    p.ident
                )
            };
            t.arm(3, &string(&p.wire), &call);
        }
        let unknown = unknown.replace("\n", "\n        ");
        t.block(&format!(
            "            _ => {{
                {unknown}
            }}
        }};
    }}"
        ));
    }
    if req.body.is_some() {
        t.block(&format!(
            "    if let {SOME}(__bytes) = body {{
        __builder = __builder.body({PRIVATE}::parse_body(__bytes)?);
    }}"
        ));
    } else {
        t.line(
            1,
            &format!("{PRIVATE}::no_request_body(OPERATION_ID, body)?;"),
        );
    }
    t.block(&format!(
        "    let __request = __builder.build().map_err({REGISTRY_ERROR}::Build)?;
    {OK}(__request.to_http(endpoint))
}}"
    ));
}

fn auth_name(auth: AuthScheme) -> &'static str {
    match auth {
        AuthScheme::XAuthToken => "`X-Auth-Token` header with an IAM token",
        AuthScheme::AlibabaRpcSignature => "Alibaba Cloud RPC signature",
    }
}
