//! Stage 4, emit: IR → Rust source files (token streams from `quote`, formatted by
//! `prettyplease`; most of each operation's file written as text in prettyplease's layout,
//! see `text.rs`).
//! Every name comes from the IR; text from specs only ever becomes a doc attribute or a
//! string literal, never raw tokens.

mod checks;
mod constructors;
mod crate_files;
mod enums;
mod operation;
mod request;
mod response;
mod structs;
mod text;
mod tokens;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;

use crate::SpecId;
use crate::ir::{Crate, Operation, Provider, Service};

/// The attribute on every function emit writes. A debug build compiles an `#[inline]`
/// function to machine code only in a crate that calls it (as it does generic code), so a
/// build of the bindings compiles no operation's code and a user's crate compiles only the
/// operations it calls (measured on 100 operations: the debug build of the crate takes 40%
/// less time). `tests/staleness.rs` holds every generated function to it.
const INLINE: &str = "#[inline]";

/// One generated file, with its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// One file of the generated crate: where it goes and what it is rendered from.
pub struct Unit<'a> {
    /// The file's path relative to the output directory.
    pub path: String,
    kind: Kind<'a>,
}

enum Kind<'a> {
    CargoToml(&'a Crate),
    Lib(&'a Crate),
    Registry(&'a Crate),
    Provider(&'a Crate, &'a Provider),
    ServiceCargoToml(&'a Crate, &'a Provider, &'a Service),
    ServiceLib(&'a Crate, &'a Provider, &'a Service),
    Operation(&'a Operation),
}

impl Unit<'_> {
    /// The spec file an operation's file is rendered from; `None` for the crate-wide files,
    /// which depend on the whole spec set.
    pub fn spec(&self) -> Option<&SpecId> {
        match &self.kind {
            Kind::Operation(op) => Some(&op.spec),
            _ => None,
        }
    }
}

/// Part of a file's source: tokens for prettyplease to format, or items already written as
/// text in prettyplease's layout ([`text`]).
enum Piece {
    Tokens(TokenStream),
    Text(String),
}

/// CPU time spent building token streams and formatting them, summed over threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmitTimes {
    pub tokens: std::time::Duration,
    pub format: std::time::Duration,
}

/// Every file of the generated crate, in path order: what [`render`] turns into text.
pub fn plan(krate: &Crate) -> Vec<Unit<'_>> {
    let unit = |path: String, kind| Unit { path, kind };
    let mut units = vec![
        unit("Cargo.toml".to_owned(), Kind::CargoToml(krate)),
        unit("src/lib.rs".to_owned(), Kind::Lib(krate)),
        unit("src/registry.rs".to_owned(), Kind::Registry(krate)),
    ];
    for provider in &krate.providers {
        let path = format!("src/{}.rs", provider.module.name());
        units.push(unit(path, Kind::Provider(krate, provider)));
        for service in &provider.services {
            // Each service is a crate of its own (`crate_files::service_package`).
            let dir = crate_files::service_dir(provider, service);
            units.push(unit(
                format!("{dir}/Cargo.toml"),
                Kind::ServiceCargoToml(krate, provider, service),
            ));
            units.push(unit(
                format!("{dir}/src/lib.rs"),
                Kind::ServiceLib(krate, provider, service),
            ));
            for op in &service.operations {
                let path = format!("{dir}/src/{}.rs", op.module.name());
                units.push(unit(path, Kind::Operation(op)));
            }
        }
    }
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}

/// One file's text, and the CPU time its tokens and its formatting took.
pub fn render(unit: &Unit) -> Result<(OutputFile, EmitTimes), String> {
    let start = std::time::Instant::now();
    // A manifest is text as written: no tokens, no formatting.
    let manifest = |contents| {
        let path = unit.path.clone();
        Ok((OutputFile { path, contents }, EmitTimes::default()))
    };
    let (pieces, source) = match unit.kind {
        Kind::CargoToml(krate) => return manifest(crate_files::cargo_toml(krate)),
        Kind::ServiceCargoToml(krate, p, s) => {
            return manifest(crate_files::service_cargo_toml(krate, p, s));
        }
        Kind::Lib(krate) => (tokens(crate_files::lib_rs(krate)), "the spec set"),
        Kind::Registry(krate) => (tokens(crate_files::registry_rs(krate)), "the spec set"),
        Kind::Provider(krate, p) => (tokens(crate_files::provider_mod(krate, p)), "the spec set"),
        Kind::ServiceLib(krate, p, s) => (
            tokens(crate_files::service_lib(krate, p, s)),
            "the spec set",
        ),
        Kind::Operation(op) => (operation::operation_file(op)?, op.spec_file.as_str()),
    };
    let built = std::time::Instant::now();
    let contents = format_file(pieces, source)?;
    let times = EmitTimes {
        tokens: built - start,
        format: built.elapsed(),
    };
    Ok((
        OutputFile {
            path: unit.path.clone(),
            contents,
        },
        times,
    ))
}

/// Emits every file of the generated crate, sorted by path.
pub fn emit(krate: &Crate) -> Result<Vec<OutputFile>, String> {
    emit_timed(krate, None).map(|(files, _, _)| files)
}

/// [`plan`] then [`render`], also returning where the time went. Files are rendered in
/// parallel (token streams are not `Send`, so each file is built and formatted on one
/// thread).
///
/// With `only`, operations whose spec file is not in it are not rendered: their paths come
/// back in the second list, as files the caller knows to be current.
pub fn emit_timed(
    krate: &Crate,
    only: Option<&BTreeSet<SpecId>>,
) -> Result<(Vec<OutputFile>, Vec<String>, EmitTimes), String> {
    use rayon::prelude::*;
    let (units, skipped): (Vec<Unit>, Vec<Unit>) =
        plan(krate)
            .into_iter()
            .partition(|unit| match (only, unit.spec()) {
                (Some(only), Some(spec)) => only.contains(spec),
                _ => true,
            });
    let rendered: Vec<(OutputFile, EmitTimes)> = units
        .par_iter()
        .map(render)
        .collect::<Result<_, String>>()?;
    let mut times = EmitTimes::default();
    let mut files = Vec::with_capacity(rendered.len());
    for (file, t) in rendered {
        times.tokens += t.tokens;
        times.format += t.format;
        files.push(file);
    }
    let skipped = skipped.into_iter().map(|unit| unit.path).collect();
    Ok((files, skipped, times))
}

fn header(source: &str) -> String {
    let source = crate::doc_text::escape_controls(source);
    format!(
        "// @generated by cloudjobs-codegen from {source}. Do not edit: run `cargo xtask codegen`.\n\n"
    )
}

fn tokens(tokens: TokenStream) -> Vec<Piece> {
    vec![Piece::Tokens(tokens)]
}

/// The file: its header, then each piece in order, token pieces formatted by prettyplease
/// (which prints a file's items one after another, so pieces printed apart join as printed
/// together).
fn format_file(pieces: Vec<Piece>, source: &str) -> Result<String, String> {
    let mut out = header(source);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Tokens(tokens) if tokens.is_empty() => {}
            Piece::Tokens(tokens) => {
                let file: syn::File = syn::parse2(tokens).map_err(|e| {
                    format!("internal error: code generated from {source} does not parse: {e}")
                })?;
                out.push_str(&prettyplease::unparse(&file));
            }
        }
    }
    Ok(out)
}
