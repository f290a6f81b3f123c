//! Items written straight as text, in the layout prettyplease gives them.
//!
//! Most of an operation's file is the same few shapes (a struct and its field impls, an enum
//! and its tables), one line per field or value. Building a token tree for them, parsing it
//! back with syn and printing it with prettyplease was most of codegen's time; here they are
//! written as prettyplease would print them. prettyplease breaks a line only when it is longer
//! than its margin, and then an array one element per line; any other line past the margin
//! sends the item through syn and prettyplease after all ([`Text::finish`]), so the output is
//! prettyplease's either way: the tests hold every emitted file to being a fixed point of syn
//! and prettyplease.
//!
//! What goes into the text is what goes into tokens elsewhere: names as the IR spells them
//! (`r#type`), string literals through `proc_macro2::Literal` (escaped the same way), paths
//! from [`crate::paths`], doc lines through [`crate::doc_text::doc_line`].

use std::fmt::Write as _;

use crate::ir::{Docs, IntFormat, TypeRef};
use crate::paths::*;

/// prettyplease's line width, in bytes: it keeps whole every line at most this long.
const MARGIN: usize = 89;

/// prettyplease breaks a struct literal wider than this (from its path to its last field)
/// even where it would fit on the line.
const STRUCT_LITERAL_WIDTH: usize = 34;

/// One or more items being written, at most [`MARGIN`] columns as prettyplease lays them out.
pub(super) struct Text {
    out: String,
    line_start: usize,
    /// Some line is past the margin, where prettyplease would break it: let it print the
    /// items.
    unsure: bool,
}

impl Text {
    pub(super) fn new() -> Text {
        Text {
            out: String::with_capacity(4096),
            line_start: 0,
            unsure: false,
        }
    }

    fn start(&mut self, indent: usize) {
        self.line_start = self.out.len();
        for _ in 0..indent {
            self.out.push_str("    ");
        }
    }

    fn end(&mut self) {
        self.end_then("");
    }

    /// Ends the line with `uncounted` after the margin is checked.
    fn end_then(&mut self, uncounted: &str) {
        if self.out.len() - self.line_start > MARGIN {
            self.unsure = true;
        }
        self.out.push_str(uncounted);
        self.out.push('\n');
    }

    /// A line of code at `indent` levels.
    pub(super) fn line(&mut self, indent: usize, text: &str) {
        self.start(indent);
        self.out.push_str(text);
        self.end();
    }

    /// A line inside the body of a brace macro (`enumeration! { … }`): rustfmt leaves such a
    /// body as it is written (prettyplease would run it into long lines), so the emitter lays
    /// it out, one row per line, and does not hold it to the margin.
    pub(super) fn macro_line(&mut self, indent: usize, text: &str) {
        self.start(indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Lines the emitter writes the same way every time, already indented (a template with
    /// names filled in); each line of code is held to the margin like any other, and a `///`
    /// line, which prettyplease never breaks, is not.
    pub(super) fn block(&mut self, text: &str) {
        for line in text.lines() {
            self.start(0);
            self.out.push_str(line);
            if line.trim_start().starts_with("///") {
                self.out.push('\n');
            } else {
                self.end();
            }
        }
    }

    /// Whether some line is past the margin, so that [`Self::finish`] will hand the items to
    /// prettyplease.
    #[cfg(test)]
    pub(super) fn is_unsure(&self) -> bool {
        self.unsure
    }

    /// `///` lines (prettyplease prints a one-line `#[doc]` so, trailing spaces trimmed).
    pub(super) fn docs(&mut self, indent: usize, docs: &Docs) {
        for entry in &docs.0 {
            self.doc_text(indent, entry);
        }
    }

    /// `///` lines of `text`, which may hold spec text: one per line, each made safe by
    /// [`crate::doc_text::doc_line`].
    pub(super) fn doc_text(&mut self, indent: usize, text: &str) {
        for line in text.split('\n') {
            self.comment(indent, "///", &crate::doc_text::doc_line(line));
        }
    }

    /// One `///` line of the emitter's own (no spec text in it).
    pub(super) fn doc(&mut self, indent: usize, line: &str) {
        self.comment(indent, "///", line);
    }

    /// `//!` lines: a module's own docs.
    pub(super) fn inner_docs(&mut self, entries: &[String]) {
        for line in entries.iter().flat_map(|entry| entry.split('\n')) {
            self.comment(0, "//!", &crate::doc_text::doc_line(line));
        }
    }

    /// A doc comment line, never held to the margin (prettyplease does not break one).
    fn comment(&mut self, indent: usize, marker: &str, line: &str) {
        self.start(indent);
        self.out.push_str(marker);
        self.out.push_str(line.trim_end_matches(' '));
        self.out.push('\n');
    }

    /// `name: "text",` in a broken struct literal: prettyplease has nowhere to break it, so
    /// it is not held to the margin.
    pub(super) fn string_field(&mut self, indent: usize, name: &str, text: &str) {
        self.start(indent);
        let _ = write!(self.out, "{name}: {},", string(text));
        self.out.push('\n');
    }

    /// A match arm, `pattern => expr,` when it fits, or else the expression alone in a block
    /// (which prettyplease adds to an arm past the margin). The comma, printed only when the
    /// arm is not broken, does not count towards the margin.
    pub(super) fn arm(&mut self, indent: usize, pattern: &str, expr: &str) {
        self.start(indent);
        let _ = write!(self.out, "{pattern} => {expr}");
        if self.out.len() - self.line_start <= MARGIN {
            self.out.push_str(",\n");
        } else {
            self.out.truncate(self.line_start);
            self.line(indent, &format!("{pattern} => {{"));
            self.line(indent + 1, expr);
            self.line(indent, "}");
        }
    }

    /// A function's signature, `#[inline]` first (see [`super::INLINE`]), its parameters laid
    /// out as [`Self::list`] lays out items.
    pub(super) fn function(&mut self, indent: usize, head: &str, params: &[String], tail: &str) {
        self.line(indent, super::INLINE);
        self.list(indent, head, params, tail);
    }

    /// `head` `items` separated by `, ` `tail` on one line when it fits, or else the items one
    /// per line between `head` and `tail` (prettyplease breaks an array consistently).
    pub(super) fn list(&mut self, indent: usize, head: &str, items: &[String], tail: &str) {
        self.list_then(indent, head, items, tail, "");
    }

    /// [`Self::list`] as the last field of a broken struct literal: prettyplease prints its
    /// comma only where the literal breaks, so the comma does not count towards the margin.
    pub(super) fn last_field_list(
        &mut self,
        indent: usize,
        head: &str,
        items: &[String],
        tail: &str,
    ) {
        self.list_then(indent, head, items, tail, ",");
    }

    fn list_then(
        &mut self,
        indent: usize,
        head: &str,
        items: &[String],
        tail: &str,
        uncounted: &str,
    ) {
        let separators = 2 * items.len().saturating_sub(1);
        let one_line = indent * 4
            + head.len()
            + items.iter().map(String::len).sum::<usize>()
            + separators
            + tail.len();
        if one_line <= MARGIN || items.is_empty() {
            self.start(indent);
            self.out.push_str(head);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out.push_str(item);
            }
            self.out.push_str(tail);
            self.end_then(uncounted);
            return;
        }
        // Broken, the spaces inside braces go (`X { a }` becomes `X {`, `a,`, `}`).
        self.line(indent, head.trim_end());
        for item in items {
            self.start(indent + 1);
            self.out.push_str(item);
            self.out.push(',');
            self.end();
        }
        self.start(indent);
        self.out.push_str(tail.trim_start());
        self.end_then(uncounted);
    }

    /// A struct literal, `prefix path { a, b }suffix` on one line when it fits and is at most
    /// [`STRUCT_LITERAL_WIDTH`] wide from `path` to the last field (`path {}` when empty), or
    /// else its fields one per line (prettyplease breaks the braces, not a call around them).
    pub(super) fn struct_literal(
        &mut self,
        indent: usize,
        (prefix, path): (&str, &str),
        fields: &[String],
        suffix: &str,
    ) {
        let width = path.len()
            + 4
            + fields.iter().map(String::len).sum::<usize>()
            + 2 * fields.len().saturating_sub(1);
        if fields.is_empty() {
            // Past the width even `{}` makes prettyplease break what holds it.
            if path.len() + 2 > STRUCT_LITERAL_WIDTH {
                self.unsure = true;
            }
            self.line(indent, &format!("{prefix}{path} {{}}{suffix}"));
        } else if width > STRUCT_LITERAL_WIDTH {
            self.line(indent, &format!("{prefix}{path} {{"));
            for field in fields {
                self.line(indent + 1, &format!("{field},"));
            }
            self.line(indent, &format!("}}{suffix}"));
        } else {
            self.list(
                indent,
                &format!("{prefix}{path} {{ "),
                fields,
                &format!(" }}{suffix}"),
            );
        }
    }

    /// The items' text: as written, or as prettyplease prints them when some line is past the
    /// margin.
    pub(super) fn finish(self, source: &str) -> Result<String, String> {
        if !self.unsure {
            return Ok(self.out);
        }
        let file = syn::parse_file(&self.out).map_err(|e| {
            format!("internal error: code generated from {source} does not parse: {e}")
        })?;
        Ok(prettyplease::unparse(&file))
    }
}

/// A string literal, escaped as `quote` escapes one.
pub(super) fn string(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// A field or parameter type as Rust source, every std and runtime name from
/// [`crate::paths`].
pub(super) fn type_text(ty: &TypeRef) -> String {
    let mut out = String::new();
    write_type(&mut out, ty);
    out
}

fn write_type(out: &mut String, ty: &TypeRef) {
    match ty {
        TypeRef::String => out.push_str(&STRING.to_string()),
        TypeRef::Int(IntFormat::Int32) => out.push_str("i32"),
        TypeRef::Int(IntFormat::Int64) => out.push_str("i64"),
        TypeRef::Int(IntFormat::Uint32) => out.push_str("u32"),
        TypeRef::Int(IntFormat::Uint64) => out.push_str("u64"),
        // Kept as serde_json's number so `2` stays `2` and `2.0` stays `2.0` on a round trip.
        TypeRef::Number => {
            let _ = write!(out, "{JSON}::Number");
        }
        TypeRef::Bool => out.push_str("bool"),
        TypeRef::Timestamp => out.push_str(&TIMESTAMP.to_string()),
        TypeRef::Json => {
            let _ = write!(out, "{JSON}::Value");
        }
        TypeRef::Vec(inner) => {
            let _ = write!(out, "{VEC}<");
            write_type(out, inner);
            out.push('>');
        }
        TypeRef::Map(inner) => {
            let _ = write!(out, "{BTREE_MAP}<{STRING}, ");
            write_type(out, inner);
            out.push('>');
        }
        TypeRef::Named(name) => {
            let _ = write!(out, "{name}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Ident;

    /// Text and tokens spell every type alike (fields are text, parameters and bodies tokens).
    #[test]
    fn type_text_spells_types_as_type_tokens_does() {
        let named = || Box::new(TypeRef::Named(Ident::raw("type")));
        let types = [
            TypeRef::String,
            TypeRef::Int(IntFormat::Int32),
            TypeRef::Int(IntFormat::Int64),
            TypeRef::Int(IntFormat::Uint32),
            TypeRef::Int(IntFormat::Uint64),
            TypeRef::Number,
            TypeRef::Bool,
            TypeRef::Timestamp,
            TypeRef::Json,
            TypeRef::Vec(Box::new(TypeRef::Map(named()))),
            TypeRef::Map(Box::new(TypeRef::Vec(named()))),
        ];
        // Token text spaces `<::` differently when lexed (joint punctuation): compare unspaced.
        let unspaced = |s: String| s.replace(' ', "");
        for ty in &types {
            let tokens = super::super::tokens::type_tokens(ty).to_string();
            assert_eq!(unspaced(type_text(ty)), unspaced(tokens));
        }
    }

    #[test]
    fn a_list_breaks_one_item_per_line_only_past_the_margin() {
        let items = |n: usize| vec!["\"a\"".to_owned(), "x".repeat(n)];
        let head = "const FIELDS: &'static [&'static str] = &[";
        // 4 + 42 + 3 + 2 + n + 2 = 89 at n = 36.
        let mut fits = Text::new();
        fits.list(1, head, &items(36), "];");
        assert_eq!(fits.out.lines().count(), 1, "{}", fits.out);
        let mut past = Text::new();
        past.list(1, head, &items(37), "];");
        assert_eq!(past.out.lines().count(), 4, "{}", past.out);
        assert!(!fits.unsure && !past.unsure);
    }
}
