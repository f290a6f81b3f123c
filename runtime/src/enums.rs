//! What every generated string enum shares: the opaque unknown value, and everything an
//! enum does (wire text, phase, parsing, reading and writing) as generic code over the
//! enum's tables, so a generated enum is its variant table (`enumeration!`, one row per value).

use std::fmt;

use crate::Phase;
use crate::wire::{EnumShape, Found, MapRead, MapWrite, Reader, Shape, Step, Writer};

/// An enum value the documentation does not list, kept verbatim.
///
/// It is opaque on purpose: user code can read it but not build one, so
/// `Unknown("SUCCESS")` can never stand in for a documented value and equality stays honest.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A generated string enum, as tables: documented value `i` is `VALUES[i]` on the wire,
/// `VARIANTS[i]` in Rust and, for a status, `PHASES[i]` in a job's lifecycle.
pub trait Enumeration: Clone + Sized + 'static {
    /// Wire values, in the documentation's order.
    const VALUES: &'static [&'static str];
    /// The variant of each value.
    const VARIANTS: &'static [Self];
    /// Other spellings that decode as a value: (spelling, the documented value it stands for).
    const ALIASES: &'static [(&'static str, &'static str)] = &[];
    /// The phase of each value (status enums only; empty otherwise).
    const PHASES: &'static [Phase] = &[];

    /// The undocumented value `Unknown` holds; `None` for a documented value.
    fn unknown_value(&self) -> Option<&UnknownValue>;

    /// The `Unknown` variant holding `value`.
    fn unknown(value: UnknownValue) -> Self;

    /// The index of a documented value (its variant's place in `VARIANTS`), or the
    /// undocumented value itself. Generic, so no enum has a match of its own to check.
    #[inline]
    fn index(&self) -> Result<usize, &UnknownValue> {
        match self.unknown_value() {
            Some(unknown) => Err(unknown),
            None => {
                let variant = std::mem::discriminant(self);
                let found = Self::VARIANTS
                    .iter()
                    .position(|v| std::mem::discriminant(v) == variant);
                // Past the tables (so no text) only if `VARIANTS` misses a variant.
                Ok(found.unwrap_or(usize::MAX))
            }
        }
    }
}

/// The value as it is sent on the wire.
pub fn as_str<E: Enumeration>(value: &E) -> &str {
    text_of(E::VALUES, value.index())
}

/// The phase of a status value; `Unknown` for undocumented values.
pub fn phase<E: Enumeration>(value: &E) -> Phase {
    phase_of(E::PHASES, value.index())
}

// The work of `as_str` and `phase`, compiled once rather than once per enum.
fn text_of<'a>(values: &'static [&'static str], index: Result<usize, &'a UnknownValue>) -> &'a str {
    match index {
        Ok(index) => values.get(index).copied().unwrap_or_default(),
        Err(unknown) => unknown.as_str(),
    }
}

fn phase_of(phases: &[Phase], index: Result<usize, &UnknownValue>) -> Phase {
    match index {
        Ok(index) => phases.get(index).copied().unwrap_or(Phase::Unknown),
        Err(_) => Phase::Unknown,
    }
}

/// The variant for a wire value; `Unknown` for a value the documentation does not list.
pub fn from_wire<E: Enumeration>(text: &str) -> E {
    match lookup(E::VALUES, E::ALIASES, text) {
        Some(index) => known(index),
        None => E::unknown(UnknownValue::new(text)),
    }
}

/// The index of `text` among an enum's wire values, or of the value an alias stands for.
pub(crate) fn lookup(values: &[&str], aliases: &[(&str, &str)], text: &str) -> Option<usize> {
    let position = |text: &[u8]| values.iter().position(|value| same(value.as_bytes(), text));
    match position(text.as_bytes()) {
        Some(index) => Some(index),
        None => aliases
            .iter()
            .find(|(alias, _)| same(alias.as_bytes(), text.as_bytes()))
            .and_then(|(_, value)| position(value.as_bytes())),
    }
}

/// `a == b`, without a call to `memcmp` for the values that differ: the lengths first (most
/// candidates stop there), then the first and last eight (or four) bytes, which is all of a
/// value of up to 16 bytes and tells apart values sharing a prefix such as `FULL_TRANSFER_`.
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if let (Some(a_head), Some(b_head)) = (a.first_chunk::<8>(), b.first_chunk::<8>()) {
        return a_head == b_head
            && a.last_chunk::<8>() == b.last_chunk::<8>()
            && (a.len() <= 16 || a[8..] == b[8..]);
    }
    if let (Some(a_head), Some(b_head)) = (a.first_chunk::<4>(), b.first_chunk::<4>()) {
        return a_head == b_head && a.last_chunk::<4>() == b.last_chunk::<4>();
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

fn known<E: Enumeration>(index: usize) -> E {
    match E::VARIANTS.get(index) {
        Some(variant) => variant.clone(),
        // Only if the tables disagree in length: keep the text rather than lose it.
        None => E::unknown(UnknownValue::new(
            E::VALUES.get(index).copied().unwrap_or_default(),
        )),
    }
}

fn found<E: Enumeration>(found: Found) -> E {
    match found {
        Found::Known(index) => known(index),
        Found::Unknown(text) => E::unknown(UnknownValue::new(text)),
    }
}

impl<E: Enumeration> Shape<E> for EnumShape {
    fn read(r: &mut dyn Reader) -> Step<E> {
        Ok(found(tri!(r.wire(E::VALUES, E::ALIASES))))
    }

    // A `match`, not `Option::map` with a closure: one function less per enum (see `tri!`).
    #[allow(clippy::manual_map)]
    fn read_option(r: &mut dyn Reader) -> Step<Option<E>> {
        Ok(match tri!(r.option_wire(E::VALUES, E::ALIASES)) {
            Some(text) => Some(found(text)),
            None => None,
        })
    }

    fn field(m: &mut dyn MapRead) -> Step<E> {
        Ok(found(tri!(m.wire(E::VALUES, E::ALIASES))))
    }

    #[allow(clippy::manual_map)]
    fn field_option(m: &mut dyn MapRead) -> Step<Option<E>> {
        Ok(match tri!(m.option_wire(E::VALUES, E::ALIASES)) {
            Some(text) => Some(found(text)),
            None => None,
        })
    }

    fn write(value: &E, w: &mut dyn Writer) -> Step {
        w.string(as_str(value))
    }

    fn write_entry(value: &E, key: &str, m: &mut dyn MapWrite) -> Step {
        m.string(key, as_str(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_is_byte_equality_at_every_length_and_position() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len).map(|i| b'A' + (i % 26) as u8).collect();
            assert!(same(&a, &a.clone()), "len {len}");
            assert!(
                !same(&a, &[a.as_slice(), b"x"].concat()),
                "len {len} vs longer"
            );
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same(&a, &b), "len {len}, byte {at} differs");
            }
        }
    }

    #[test]
    fn lookup_finds_values_before_aliases_and_nothing_else() {
        let values = ["FULL_TRANSFER_STARTED", "FULL_TRANSFER_FAILED", "A", ""];
        let aliases = [
            ("PAUSING", "FULL_TRANSFER_FAILED"),
            ("A", "FULL_TRANSFER_STARTED"),
        ];
        assert_eq!(lookup(&values, &aliases, "FULL_TRANSFER_FAILED"), Some(1));
        assert_eq!(lookup(&values, &aliases, "A"), Some(2));
        assert_eq!(lookup(&values, &aliases, ""), Some(3));
        assert_eq!(lookup(&values, &aliases, "PAUSING"), Some(1));
        assert_eq!(lookup(&values, &aliases, "FULL_TRANSFER_FAILEd"), None);
        assert_eq!(lookup(&values, &aliases, "full_transfer_failed"), None);
    }
}
