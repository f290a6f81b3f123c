//! One [`Wire`] impl for every generated struct and enum, compiled once here.
//!
//! A generated type only names its [`Shape`] (`impl Generated for Job { type Shape =
//! RecordShape; }`, an impl with no body), and the blanket impl below forwards to the
//! shape's generic code. Each body a generated crate holds is checked again by rustc in that
//! crate; a struct's own `Wire::read` and `Wire::write` were two of them per struct.

use super::{
    MapRead, MapWrite, ReadFields, Reader, Step, Wire, WriteFields, Writer, field_option_slot,
    field_slot, read_option_slot,
};
use crate::impls::Record;

/// A generated type, and the generic code that reads and writes it.
pub trait Generated: Sized {
    /// [`RecordShape`] for a struct with a `Default` (filled in place), [`EnumShape`] for a
    /// string enum.
    type Shape: Shape<Self>;
}

/// How values of `T` cross the wire: what [`Wire`]'s methods do for a [`Generated`] `T`.
pub trait Shape<T> {
    /// [`Wire::read`].
    fn read(r: &mut dyn Reader) -> Step<T>;
    /// [`Wire::read_option`].
    fn read_option(r: &mut dyn Reader) -> Step<Option<T>>;
    /// [`Wire::field`].
    fn field(m: &mut dyn MapRead) -> Step<T>;
    /// [`Wire::field_option`].
    fn field_option(m: &mut dyn MapRead) -> Step<Option<T>>;
    /// [`Wire::write`].
    fn write(value: &T, w: &mut dyn Writer) -> Step;
    /// [`Wire::write_entry`].
    fn write_entry(value: &T, key: &str, m: &mut dyn MapWrite) -> Step;
}

impl<T: Generated> Wire for T {
    #[inline]
    fn read(r: &mut dyn Reader) -> Step<Self> {
        T::Shape::read(r)
    }

    #[inline]
    fn read_option(r: &mut dyn Reader) -> Step<Option<Self>> {
        T::Shape::read_option(r)
    }

    #[inline]
    fn field(m: &mut dyn MapRead) -> Step<Self> {
        T::Shape::field(m)
    }

    #[inline]
    fn field_option(m: &mut dyn MapRead) -> Step<Option<Self>> {
        T::Shape::field_option(m)
    }

    #[inline]
    fn write(&self, w: &mut dyn Writer) -> Step {
        T::Shape::write(self, w)
    }

    #[inline]
    fn write_entry(&self, key: &str, m: &mut dyn MapWrite) -> Step {
        T::Shape::write_entry(self, key, m)
    }
}

/// A generated struct with a `Default`: read by filling a default value in place from its
/// [`Record`] table and `ReadFields`, written through `WriteFields`.
pub enum RecordShape {}

impl<T: Record + ReadFields + WriteFields + Default + Wire> Shape<T> for RecordShape {
    fn read(r: &mut dyn Reader) -> Step<T> {
        let mut value = T::default();
        tri!(r.record(T::EXPECTING, T::FIELDS, T::REQUIRED, &mut value));
        Ok(value)
    }

    fn read_option(r: &mut dyn Reader) -> Step<Option<T>> {
        read_option_slot(r)
    }

    fn field(m: &mut dyn MapRead) -> Step<T> {
        field_slot(m)
    }

    fn field_option(m: &mut dyn MapRead) -> Step<Option<T>> {
        field_option_slot(m)
    }

    fn write(value: &T, w: &mut dyn Writer) -> Step {
        w.record(T::FIELDS, value)
    }

    fn write_entry(value: &T, key: &str, m: &mut dyn MapWrite) -> Step {
        m.entry(key, value)
    }
}

/// A generated string enum: read and written as its wire text, over its `Enumeration`
/// tables (`enums.rs`).
pub enum EnumShape {}
