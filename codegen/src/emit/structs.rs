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
/// place (the usual case), its field impls as text; the rest (reading a struct with no
/// `Default`) as tokens, then `validate` and constructors as text.
pub(super) fn struct_pieces(
    s: &Struct,
    in_request: bool,
    source: &str,
) -> Result<Vec<Piece>, String> {
    let mut text = Text::new();
    definition(&mut text, s, in_request);
    let wire = if s.derive_default {
        wire_impls(&mut text, s);
        quote!()
    } else {
        write_fields(&mut text, s);
        wire_built(s)
    };
    let mut pieces = vec![Piece::Text(text.finish(source)?)];
    if !wire.is_empty() {
        pieces.push(Piece::Tokens(wire));
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

/// The field table (`Record`), one match arm per field to read (`ReadFields`) and one call
/// per field to write (`WriteFields`); one `record_impls!` line brings `Wire` (serde comes
/// with the file's `serde_impls!`, under the `serde` feature). Finding keys, duplicates,
/// required fields, unknown fields and every serde call are the runtime's, compiled once for
/// all types.
fn wire_impls(t: &mut Text, s: &Struct) {
    let (name, extra) = (&s.name, &s.extra);
    t.block(&format!("impl {PRIVATE}::Record for {name} {{"));
    t.line(
        1,
        &format!(
            "const EXPECTING: &'static str = {};",
            string(&expecting(&s.name))
        ),
    );
    let wires: Vec<String> = s.fields.iter().map(|f| string(&f.wire)).collect();
    t.list(
        1,
        "const FIELDS: &'static [&'static str] = &[",
        &wires,
        "];",
    );
    let required: Vec<String> = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.required)
        .map(|(i, _)| i.to_string())
        .collect();
    if !required.is_empty() {
        t.list(1, "const REQUIRED: &'static [usize] = &[", &required, "];");
    }
    t.block(&format!(
        "}}
impl {PRIVATE}::ReadFields for {name} {{
    {INLINE}
    fn read_field(&mut self, __f: &mut {PRIVATE}::Fields<'_>) -> {PRIVATE}::Step {{"
    ));
    if s.fields.is_empty() {
        t.line(2, &format!("__f.extra(&mut self.{extra})"));
    } else {
        t.block("        match __f.index() {");
        for (i, f) in s.fields.iter().enumerate() {
            let (method, deref) = access(f);
            t.line(
                3,
                &format!("{i} => __f.{method}(&mut {deref}self.{}),", f.ident),
            );
        }
        t.line(3, &format!("_ => __f.extra(&mut self.{extra}),"));
        t.block("        }");
    }
    t.block("    }\n}");
    write_fields(t, s);
    t.line(0, &format!("{PRIVATE}::record_impls!({name});"));
}

/// How the runtime reads and writes a field (`Fields` and `Entries` name their methods
/// alike), and the `*` that reaches a required boxed field's value.
fn access(f: &crate::ir::Field) -> (&'static str, &'static str) {
    match (f.required, f.boxed) {
        (true, false) => ("required", ""),
        (true, true) => ("required", "*"),
        (false, false) => ("optional", ""),
        (false, true) => ("optional_boxed", ""),
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
        let (method, deref) = access(f);
        t.line(2, &format!("__e.{method}(&{deref}self.{});", f.ident));
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

    /// A struct with short names is written without prettyplease, every kind of field
    /// (required, optional, boxed) included.
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
        wire_impls(&mut t, &s);
        assert!(!t.is_unsure());
    }
}
