//! A string enum: documented variants plus an opaque `Unknown`, and its variant table (wire
//! value, variant, phase). Wire text, phases, parsing and serde are the runtime's generic
//! code over that table (`Enumeration`); the enum itself only adds the `index` match, and
//! one `enumeration_impls!` line brings `FromStr` and `Display` (serde comes with the file's
//! `serde_impls!`, under the `serde` feature). Written as text (see [`super::text`]).

use super::INLINE;
use super::text::{Text, string};
use crate::ir::Enum;
use crate::ir::Phase;
use crate::paths::*;

pub(super) fn enum_text(e: &Enum, source: &str) -> Result<String, String> {
    let mut t = Text::new();
    definition(&mut t, e);
    inherent_impl(&mut t, e);
    enumeration_impl(&mut t, e);
    t.block(&format!("{PRIVATE}::enumeration_impls!({});", e.name));
    t.finish(source)
}

/// The enum: one variant per documented value, then `Unknown`.
fn definition(t: &mut Text, e: &Enum) {
    t.docs(0, &e.docs);
    t.block(&format!(
        "#[derive(Clone, Debug, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum {} {{",
        e.name
    ));
    for v in &e.variants {
        t.docs(1, &v.docs);
        t.line(1, &format!("{},", v.ident));
    }
    t.block(&format!(
        "    /// A value the documentation does not list, kept verbatim.
    Unknown({UNKNOWN_VALUE}),
}}"
    ));
}

/// `VALUES`, `as_str`, and for a status `phase`/`is_terminal`.
fn inherent_impl(t: &mut Text, e: &Enum) {
    t.block(&format!(
        "impl {} {{
    /// Every documented wire value, in the documentation's order.",
        e.name
    ));
    let wires: Vec<String> = e.variants.iter().map(|v| string(&v.wire)).collect();
    t.list(
        1,
        "pub const VALUES: &'static [&'static str] = &[",
        &wires,
        "];",
    );
    t.block(&format!(
        "    /// The value as it is sent on the wire.
    {INLINE}
    pub fn as_str(&self) -> &str {{
        {PRIVATE}::as_str(self)
    }}"
    ));
    if e.is_status {
        t.block(&format!(
            "    /// Where a job with this status is in its lifecycle; `Unknown` for undocumented values.
    {INLINE}
    pub fn phase(&self) -> {PHASE} {{
        {PRIVATE}::phase(self)
    }}
    /// Whether the job has stopped for good (succeeded, failed, partially succeeded or
    /// cancelled). Undocumented values are not terminal.
    {INLINE}
    pub fn is_terminal(&self) -> bool {{
        self.phase().is_terminal()
    }}"
        ));
    }
    t.block("}");
}

/// The variant table and the one match only this enum can have: variant → index.
fn enumeration_impl(t: &mut Text, e: &Enum) {
    t.block(&format!(
        "impl {PRIVATE}::Enumeration for {} {{
    const VALUES: &'static [&'static str] = Self::VALUES;",
        e.name
    ));
    let variants: Vec<String> = e
        .variants
        .iter()
        .map(|v| format!("Self::{}", v.ident))
        .collect();
    t.list(1, "const VARIANTS: &'static [Self] = &[", &variants, "];");
    let aliases: Vec<String> = e
        .variants
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            v.aliases
                .iter()
                .map(move |a| format!("({}, {i})", string(a)))
        })
        .collect();
    if !aliases.is_empty() {
        t.list(
            1,
            "const ALIASES: &'static [(&'static str, usize)] = &[",
            &aliases,
            "];",
        );
    }
    if e.is_status {
        let phases: Vec<String> = e
            .variants
            .iter()
            .map(|v| format!("{PHASE}::{}", phase_name(v.phase.unwrap_or(Phase::Pending))))
            .collect();
        t.list(
            1,
            &format!("const PHASES: &'static [{PHASE}] = &["),
            &phases,
            "];",
        );
    }
    t.block(&format!(
        "    {INLINE}
    fn index(&self) -> {RESULT}<usize, &{UNKNOWN_VALUE}> {{
        match self {{"
    ));
    for (i, v) in e.variants.iter().enumerate() {
        t.line(3, &format!("Self::{} => {OK}({i}),", v.ident));
    }
    t.block(&format!(
        "            Self::Unknown(__value) => {ERR}(__value),
        }}
    }}
    {INLINE}
    fn unknown(__value: {UNKNOWN_VALUE}) -> Self {{
        Self::Unknown(__value)
    }}
}}"
    ));
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

    /// A status enum with short names is written without prettyplease: the emitter's own
    /// lines (its `///` lines included, which can be past the margin) never send it there.
    #[test]
    fn a_status_enum_is_written_without_prettyplease() {
        let variant = |wire: &str, name: &str, phase| Variant {
            wire: wire.to_owned(),
            ident: Ident::plain(name),
            docs: Docs(vec!["A value.".to_owned()]),
            phase: Some(phase),
            aliases: vec!["done".to_owned()],
        };
        let e = Enum {
            name: Ident::plain("JobStatus"),
            docs: Docs(vec!["Job status.".to_owned()]),
            variants: vec![
                variant("RUNNING", "Running", Phase::Running),
                variant("DONE", "Done", Phase::Succeeded),
            ],
            is_status: true,
        };
        let mut t = Text::new();
        definition(&mut t, &e);
        inherent_impl(&mut t, &e);
        enumeration_impl(&mut t, &e);
        assert!(!t.is_unsure());
    }
}
