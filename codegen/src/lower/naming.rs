//! The naming rules: spec text → Rust identifiers (heck for the case, NFKC, only XID
//! characters, keywords → `r#`/`_`). Pure functions; `names` applies them to a
//! spec, once per name, and refuses what they cannot make usable.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::Ident;

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

fn sanitize(name: String, fallback: &str) -> Ident {
    // Keep only characters Rust allows in identifiers, so every name is a valid identifier.
    let name: String = name
        .chars()
        .filter(|&c| c == '_' || unicode_ident::is_xid_continue(c))
        .collect();
    let name = if name.is_empty() {
        fallback.trim_end_matches('_').to_owned()
    } else {
        name
    };
    let name = match name.chars().next() {
        Some(c) if c != '_' && !unicode_ident::is_xid_start(c) => format!("{fallback}{name}"),
        // `__` starts the emitter's own locals and generic parameters (see `paths`).
        _ if name.starts_with("__") => format!("{fallback}{}", name.trim_start_matches('_')),
        _ => name,
    };
    if NOT_RAW.contains(&name.as_str()) {
        Ident::plain(format!("{name}_"))
    } else if KEYWORDS.contains(&name.as_str()) {
        Ident::raw(name)
    } else {
        Ident::plain(name)
    }
}

/// The compatibility form (NFKC) of a name: `µ` → `μ`, `ﬁ` → `fi`, `ǅ` → `Dž`. rustc
/// warns about identifiers that are not in it, and two spellings of one name must become
/// one identifier (so the collision checks see them). The wire name is kept as written.
fn nfkc(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

/// Field, parameter and local names: snake case, keywords escaped.
pub fn field_ident(wire: &str) -> Ident {
    let snake = nfkc(&nfkc(wire).to_snake_case());
    sanitize(snake, "field_")
}

/// A field's or parameter's Rust name: its `rust_name` if the spec gives one, else derived
/// from the wire name.
pub fn named_field(wire: &str, rust_name: Option<&str>) -> Ident {
    field_ident(rust_name.unwrap_or(wire))
}

/// An enum value's Rust name: its `rust_name` if the spec gives one, else derived.
pub fn named_variant(wire: &str, rust_name: Option<&str>, index: usize) -> Ident {
    variant_ident(rust_name.unwrap_or(wire), index)
}

/// Module names.
pub fn module_ident(name: &str) -> Ident {
    field_ident(name)
}

/// Type names: UpperCamelCase.
pub fn type_ident(name: &str) -> Ident {
    sanitize(nfkc(&nfkc(name).to_upper_camel_case()), "Type")
}

/// Enum variant names; `Unknown` is taken by the catch-all variant.
pub fn variant_ident(wire: &str, index: usize) -> Ident {
    let camel = nfkc(&nfkc(wire).to_upper_camel_case());
    let camel = if camel.is_empty() {
        format!("Value{index}")
    } else {
        camel
    };
    let ident = sanitize(camel, "Value");
    if ident == Ident::plain("Unknown") {
        Ident::plain("UnknownValue")
    } else {
        ident
    }
}

/// Variant name for a documented HTTP status: its canonical reason in UpperCamelCase.
pub fn status_variant(code: u16) -> String {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| r.to_upper_camel_case())
        .unwrap_or_else(|| format!("Status{code}"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn identifiers_are_nfkc() {
        assert_eq!(field_ident("latency_µs"), Ident::plain("latency_μs"));
        assert_eq!(field_ident("ﬁle_size"), Ident::plain("file_size"));
        assert_eq!(field_ident("ǅ"), Ident::plain("dž"));
        assert_eq!(type_ident("ǅob"), Ident::plain("Džob"));
        assert_eq!(variant_ident("Ⅻ", 0), Ident::plain("Xii"));
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field_ident("type"), Ident::raw("type"));
        assert_eq!(field_ident("match").to_string(), "r#match");
        assert_eq!(module_ident("self"), Ident::plain("self_"));
        assert_eq!(type_ident("self"), Ident::plain("Self_"));
        assert_eq!(type_ident("3DModel"), Ident::plain("Type3dModel"));
        assert_eq!(variant_ident("unknown", 0), Ident::plain("UnknownValue"));
    }

    /// Response variants are named after status codes' canonical reasons; two documented
    /// statuses can never collide, so no collision check is needed.
    #[test]
    fn status_variant_names_are_unique() {
        let mut seen = BTreeSet::new();
        for code in 100..=599 {
            assert!(
                seen.insert(status_variant(code)),
                "{code}: {}",
                status_variant(code)
            );
        }
    }
}
