//! A string enum: its variant table (one row per documented value: variant, wire value,
//! aliases, phase), as the input of the runtime's `enumeration!`, which writes the enum (the
//! rows' variants and an opaque `Unknown`), its tables, `Wire`, `FromStr` and `Display`. Wire text, phases and parsing are the runtime's generic code over those
//! tables; serde comes with the file's `serde_impls!`, under the `serde` feature.
//!
//! rustfmt leaves the body of a brace macro as it is written: it is laid out here, one row
//! per line (see [`Text::macro_line`]).

use super::text::{Text, string};
use crate::ir::Enum;
use crate::ir::Phase;
use crate::paths::*;

pub(super) fn enum_text(e: &Enum, source: &str) -> Result<String, String> {
    let mut t = Text::new();
    t.macro_line(0, &format!("{PRIVATE}::enumeration! {{"));
    t.docs(1, &e.docs);
    t.macro_line(1, &format!("pub enum {} {{", e.name));
    for v in &e.variants {
        t.docs(2, &v.docs);
        let mut row = format!("{} = {}", v.ident, string(&v.wire));
        for alias in &v.aliases {
            row.push_str(" | ");
            row.push_str(&string(alias));
        }
        if e.is_status {
            row.push_str(" => ");
            row.push_str(phase_name(v.phase.unwrap_or(Phase::Pending)));
        }
        row.push(',');
        t.macro_line(2, &row);
    }
    t.macro_line(1, "}");
    t.macro_line(0, "}");
    t.finish(source)
}

/// The `Phase` variant's name.
fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Pending => "Pending",
        Phase::AwaitingUser => "AwaitingUser",
        Phase::Running => "Running",
        Phase::Succeeded => "Succeeded",
        Phase::Failed => "Failed",
        Phase::PartiallySucceeded => "PartiallySucceeded",
        Phase::Cancelled => "Cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Ident, Variant};

    /// A status enum is its rows inside `enumeration!`, never sent to prettyplease (which
    /// would run a macro body into long lines), however long a row is.
    #[test]
    fn a_status_enum_is_one_row_per_value_inside_the_macro() {
        let variant = |wire: &str, name: &str, phase, aliases: &[&str]| Variant {
            wire: wire.to_owned(),
            ident: Ident::plain(name),
            docs: Docs(vec!["A value.".to_owned()]),
            phase: Some(phase),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        };
        let long = "A".repeat(120);
        let e = Enum {
            name: Ident::plain("JobStatus"),
            docs: Docs(vec!["Job status.".to_owned()]),
            variants: vec![
                variant("RUNNING", "Running", Phase::Running, &[]),
                variant("DONE", "Done", Phase::Succeeded, &["done", "OK"]),
                variant(&long, "Long", Phase::Failed, &[]),
            ],
            is_status: true,
        };
        let text = enum_text(&e, "test").unwrap();
        let expected = format!(
            "crate::__rt::enumeration! {{
    /// Job status.
    pub enum JobStatus {{
        /// A value.
        Running = \"RUNNING\" => Running,
        /// A value.
        Done = \"DONE\" | \"done\" | \"OK\" => Succeeded,
        /// A value.
        Long = \"{long}\" => Failed,
    }}
}}
"
        );
        assert_eq!(text, expected);
    }
}
