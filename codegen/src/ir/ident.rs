//! [`Ident`]: a Rust name as `lower` chose it, knowing whether it is written raw.

use std::fmt;

/// A Rust identifier of the generated code: the name, and whether it must be written raw
/// (`r#type`: a keyword that can be raw; `lower` decides, once). Emit turns it into a
/// `proc_macro2::Ident` (raw when [`Ident::is_raw`]); docs and derived names (`with_type`)
/// use [`Ident::name`], never the `r#` form.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident {
    name: String,
    raw: bool,
}

impl Ident {
    /// A name written as is (`status`, `JobStatus`).
    pub fn plain(name: impl Into<String>) -> Ident {
        Ident {
            name: name.into(),
            raw: false,
        }
    }

    /// A keyword written raw: `Ident::raw("type")` is `r#type` in code.
    pub fn raw(name: impl Into<String>) -> Ident {
        Ident {
            name: name.into(),
            raw: true,
        }
    }

    /// The name without `r#` (`type` for `r#type`): what docs show, and what a derived name
    /// such as a setter (`with_type`) is built from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether code writes it as `r#name`.
    pub fn is_raw(&self) -> bool {
        self.raw
    }
}

/// As Rust source spells it (`r#type`), which is what a diagnostic about the Rust name
/// shows.
impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::Ident;

    #[test]
    fn a_raw_name_is_shown_raw_only_as_source() {
        let raw = Ident::raw("type");
        assert_eq!(raw.name(), "type");
        assert!(raw.is_raw());
        assert_eq!(raw.to_string(), "r#type");
        assert_eq!(Ident::plain("status").to_string(), "status");
        assert_ne!(raw, Ident::plain("type"));
    }
}
