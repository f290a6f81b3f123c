//! A string enum: documented variants plus an opaque `Unknown`, and its variant table (wire
//! value, variant, phase). Wire text, phases, parsing and serde are the runtime's generic
//! code over that table (`Enumeration`); the enum itself only adds the `index` match, and
//! one `enumeration_impls!` line brings `FromStr` and `Display` (serde comes with the file's
//! `serde_impls!`, under the `serde` feature). Written as text (see [`super::text`]).

use super::text::{Text, string};
use crate::ir::Enum;
use crate::ir::Phase;
use crate::paths::*;

pub(super) fn enum_text(e: &Enum, source: &str) -> Result<String, String> {
    let mut t = Text::new();
    definition(&mut t, e);
    inherent_impl(&mut t, e);
    enumeration_impl(&mut t, e);
    t.line(
        0,
        &[
            &PRIVATE.to_string(),
            "::enumeration_impls!(",
            &e.name.to_string(),
            ");",
        ],
    );
    t.finish(source)
}

/// The enum: one variant per documented value, then `Unknown`.
fn definition(t: &mut Text, e: &Enum) {
    t.docs(0, &e.docs);
    t.line(0, &["#[derive(Clone, Debug, PartialEq, Eq, Hash)]"]);
    t.line(0, &["#[non_exhaustive]"]);
    t.line(0, &["pub enum ", &e.name.to_string(), " {"]);
    for v in &e.variants {
        t.docs(1, &v.docs);
        t.line(1, &[&v.ident.to_string(), ","]);
    }
    t.doc(
        1,
        " A value the documentation does not list, kept verbatim.",
    );
    t.line(1, &["Unknown(", &UNKNOWN_VALUE.to_string(), "),"]);
    t.line(0, &["}"]);
}

/// `VALUES`, `as_str`, and for a status `phase`/`is_terminal`.
fn inherent_impl(t: &mut Text, e: &Enum) {
    t.line(0, &["impl ", &e.name.to_string(), " {"]);
    t.doc(
        1,
        " Every documented wire value, in the documentation's order.",
    );
    let wires: Vec<String> = e.variants.iter().map(|v| string(&v.wire)).collect();
    t.list(
        1,
        "pub const VALUES: &'static [&'static str] = &[",
        &wires,
        "];",
    );
    t.doc(1, " The value as it is sent on the wire.");
    t.line(1, &["pub fn as_str(&self) -> &str {"]);
    t.line(2, &[&format!("{PRIVATE}::as_str(self)")]);
    t.line(1, &["}"]);
    if e.is_status {
        t.doc(
            1,
            " Where a job with this status is in its lifecycle; `Unknown` for undocumented values.",
        );
        t.line(1, &[&format!("pub fn phase(&self) -> {PHASE} {{")]);
        t.line(2, &[&format!("{PRIVATE}::phase(self)")]);
        t.line(1, &["}"]);
        t.doc(
            1,
            " Whether the job has stopped for good (succeeded, failed, partially succeeded or",
        );
        t.doc(1, " cancelled). Undocumented values are not terminal.");
        t.line(1, &["pub fn is_terminal(&self) -> bool {"]);
        t.line(2, &["self.phase().is_terminal()"]);
        t.line(1, &["}"]);
    }
    t.line(0, &["}"]);
}

/// The variant table and the one match only this enum can have: variant → index.
fn enumeration_impl(t: &mut Text, e: &Enum) {
    t.line(
        0,
        &[
            "impl ",
            &PRIVATE.to_string(),
            "::Enumeration for ",
            &e.name.to_string(),
            " {",
        ],
    );
    t.line(
        1,
        &["const VALUES: &'static [&'static str] = Self::VALUES;"],
    );
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
    t.line(
        1,
        &[&format!(
            "fn index(&self) -> {RESULT}<usize, &{UNKNOWN_VALUE}> {{"
        )],
    );
    t.line(2, &["match self {"]);
    for (i, v) in e.variants.iter().enumerate() {
        t.line(
            3,
            &[
                "Self::",
                &v.ident.to_string(),
                " => ",
                &format!("{OK}({i}),"),
            ],
        );
    }
    t.line(3, &[&format!("Self::Unknown(__value) => {ERR}(__value),")]);
    t.line(2, &["}"]);
    t.line(1, &["}"]);
    t.line(
        1,
        &[&format!("fn unknown(__value: {UNKNOWN_VALUE}) -> Self {{")],
    );
    t.line(2, &["Self::Unknown(__value)"]);
    t.line(1, &["}"]);
    t.line(0, &["}"]);
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
