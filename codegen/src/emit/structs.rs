//! A named object type: the struct (unknown fields kept in `extra`), how it crosses the wire
//! (its field table and one match arm per field each way; the rest is the runtime's), its
//! serde impls, and `validate` when it has documented constraints.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::checks::{guarded, value_checks};
use super::text::{Text, string, type_text};
use super::tokens::ident;
use super::{INLINE, Piece};
use crate::ir::Struct;
use crate::paths::*;

/// The struct's pieces of its file: its definition and, for a struct that fills itself in
/// place (the usual case), its field table (`record!`) as text; for a struct with no
/// `Default`, `WriteFields` as text and reading as tokens; then `validate` and constructors
/// as text.
pub(super) fn struct_pieces(
    s: &Struct,
    in_request: bool,
    source: &str,
) -> Result<Vec<Piece>, String> {
    let mut text = Text::new();
    definition(&mut text, s, in_request);
    let mut pieces = Vec::new();
    if s.derive_default {
        pieces.push(Piece::Text(text.finish(source)?));
        // A piece of its own: were the definition sent to prettyplease (a line past the
        // margin), the table's layout would still be this one.
        let mut table = Text::new();
        wire_impls(&mut table, s);
        pieces.push(Piece::Text(table.finish(source)?));
    } else {
        write_fields(&mut text, s);
        pieces.push(Piece::Text(text.finish(source)?));
        pieces.push(Piece::Tokens(wire_built(s)));
    }
    let mut text = Text::new();
    validate(&mut text, s);
    // A request reaches it: built through `new` and `with_` setters, not literals.
    if in_request {
        super::constructors::constructors(&mut text, s);
    }
    pieces.push(Piece::Text(text.finish(source)?));
    Ok(pieces)
}

/// The struct itself: documented fields, then the undocumented ones; `#[non_exhaustive]`
/// when a request reaches it, so a later documented field is not a breaking change.
fn definition(t: &mut Text, s: &Struct, in_request: bool) {
    t.docs(0, &s.docs);
    if s.derive_default {
        t.block("#[derive(Clone, Debug, PartialEq, Default)]");
    } else {
        t.block("#[derive(Clone, Debug, PartialEq)]");
    }
    if in_request {
        t.block("#[non_exhaustive]");
    }
    t.block(&format!("pub struct {} {{", s.name));
    for f in &s.fields {
        let mut ty = type_text(&f.ty);
        if f.boxed {
            ty = format!("{BOX}<{ty}>");
        }
        if !f.required {
            ty = format!("{OPTION}<{ty}>");
        }
        t.docs(1, &f.docs);
        t.line(1, &format!("pub {}: {ty},", f.ident));
    }
    t.block(&format!(
        "    /// Fields the documentation does not list, kept as received.
    pub {}: {JSON}::Map<{STRING}, {JSON}::Value>,
}}",
        s.extra
    ));
}

/// The field table, as the body of the runtime's `record!`: one row per field (its index in
/// the table, Rust name, how it is held, wire name), then the field that keeps undocumented
/// ones. The macro writes `Record`, `ReadFields`, `WriteFields` and `Wire` (serde comes with
/// the file's `serde_impls!`, under the `serde` feature). Finding keys, duplicates, required
/// fields, unknown fields and every serde call are the runtime's, compiled once for all
/// types. Laid out here, one row per line, as rustfmt keeps a brace macro's body.
fn wire_impls(t: &mut Text, s: &Struct) {
    t.macro_line(0, &format!("{PRIVATE}::record! {{"));
    t.macro_line(1, &format!("{} {{", s.name));
    for (i, f) in s.fields.iter().enumerate() {
        let wire = string(&f.wire);
        t.macro_line(2, &format!("{i} => {}: {} {wire},", f.ident, kind(f)));
    }
    t.macro_line(2, &format!("..{}", s.extra));
    t.macro_line(1, "}");
    t.macro_line(0, "}");
}

/// How a field is read and written: the runtime's `Fields` and `Entries` method (they name
/// theirs alike), as `record!` and `WriteFields` call it.
fn kind(f: &crate::ir::Field) -> &'static str {
    match (f.required, f.boxed) {
        (true, false) => "required",
        (true, true) => "required_boxed",
        (false, false) => "optional",
        (false, true) => "optional_boxed",
    }
}

/// `WriteFields`: every field in table order, then the undocumented ones (one call each).
fn write_fields(t: &mut Text, s: &Struct) {
    t.block(&format!(
        "impl {PRIVATE}::WriteFields for {} {{
    {INLINE}
    fn write_fields(&self, __e: &mut {PRIVATE}::Entries<'_>) {{",
        s.name
    ));
    for f in &s.fields {
        t.line(2, &format!("__e.{}(&self.{});", kind(f), f.ident));
    }
    t.line(2, &format!("__e.extra(&self.{});", s.extra));
    t.block("    }\n}");
}

/// How decode errors name what a struct's JSON had to be (`expected an object (Job)`): no
/// article before the name, so it reads right whatever sound the name starts with.
fn expecting(name: impl std::fmt::Display) -> String {
    format!("an object ({name})")
}

/// `Wire` for a struct with no `Default`, which is built from slots.
fn wire_built(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let wires: Vec<&str> = s.fields.iter().map(|f| f.wire.as_str()).collect();
    let expecting = expecting(&s.name);
    let read = read_built(s, &expecting, &wires);
    quote! {
        impl #PRIVATE::Wire for #name {
            #read
            #[inline]
            fn write(&self, __w: &mut dyn #PRIVATE::Writer) -> #PRIVATE::Step {
                __w.record(&[#(#wires),*], self)
            }
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
        #[inline]
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
fn validate(t: &mut Text, s: &Struct) {
    if !s.has_checks {
        return;
    }
    t.line(0, &format!("impl {} {{", s.name));
    t.doc(
        1,
        " Checks documented constraints; `at` is this value's path in the request.",
    );
    t.function(
        1,
        "pub(crate) fn validate(",
        &["&self".to_owned(), "__at: &str".to_owned()],
        &format!(") -> {RESULT}<(), {BUILD_ERROR}> {{"),
    );
    for f in s.fields.iter().filter(|f| !f.checks.is_empty()) {
        let path = format!("{{__at}}.{}", f.wire.replace('{', "{{").replace('}', "}}"));
        let field = format!("&::std::format!({})", string(&path));
        guarded(t, 2, f.required, &format!("self.{}", f.ident), |t| {
            value_checks(t, 3, &f.checks, &f.ty, "__value", &field);
        });
    }
    t.line(2, &format!("{OK}(())"));
    t.line(1, "}");
    t.line(0, "}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Checks, Docs, Field, Ident, TypeRef};

    /// A struct with short names is written without prettyplease, and its field table is
    /// one row per field, every kind of field (required, optional, boxed) included.
    #[test]
    fn a_struct_is_written_without_prettyplease() {
        let field = |name: &str, required, boxed| Field {
            wire: name.to_owned(),
            ident: Ident::plain(name),
            required,
            ty: TypeRef::Named(Ident::plain("Job")),
            boxed,
            checks: Checks::default(),
            default: None,
            docs: Docs(vec!["A field.".to_owned()]),
        };
        let s = Struct {
            name: Ident::plain("Job"),
            docs: Docs(vec!["A job.".to_owned()]),
            fields: vec![
                field("id", true, false),
                field("next", true, true),
                field("tags", false, false),
                field("parent", false, true),
            ],
            has_checks: false,
            derive_default: true,
            extra: Ident::plain("extra"),
        };
        let mut t = Text::new();
        definition(&mut t, &s, true);
        assert!(!t.is_unsure());
        let mut table = Text::new();
        wire_impls(&mut table, &s);
        assert_eq!(
            table.finish("test").unwrap(),
            "crate::__rt::record! {
    Job {
        0 => id: required \"id\",
        1 => next: required_boxed \"next\",
        2 => tags: optional \"tags\",
        3 => parent: optional_boxed \"parent\",
        ..extra
    }
}
"
        );
    }
}
