//! How generated types cross the wire without serde generics of their own.
//!
//! serde's `Deserialize`/`Serialize` are generic over the format, so a derive (or a
//! hand-written visitor) is compiled again for every type and every deserializer: in a crate
//! of a thousand types that is most of the build. Here each generated type implements
//! [`Wire`] instead: non-generic code that reads its fields from a [`Reader`] and writes them
//! to a [`Writer`], both trait objects. The adapters from a serde `Deserializer` or
//! `Serializer` to those objects are generic, and compiled once per format for all types.
//!
//! Errors stay the format's own: when a deserializer fails, the adapter that called it keeps
//! the error and answers [`Stop`]; `Stop` travels through the type-erased code to the adapter
//! that started that code, which hands the kept error back to serde. So serde_json's errors
//! keep their line and column, and the JSON path of a failure can still be recovered.

mod read;
mod write;

pub(crate) use read::read_json;
pub use read::{Fields, Found, MapRead, ReadFields, Reader, deserialize, read_with};
pub(crate) use write::write_json;
pub use write::{Entries, MapWrite, WriteFields, Writer, serialize};

use serde_json::{Map, Number, Value};

use crate::Timestamp;

/// Reading or writing stopped on an error, which the adapter that met it keeps.
#[derive(Debug)]
pub struct Stop(());

impl Stop {
    pub(crate) fn new() -> Stop {
        Stop(())
    }
}

/// The result of one step of reading or writing.
pub type Step<T = ()> = Result<T, Stop>;

/// A type generated code reads and writes through the runtime's type-erased reader and
/// writer: strings, numbers, lists, maps of them, and every generated struct and enum.
pub trait Wire {
    /// Reads a value.
    fn read(r: &mut dyn Reader) -> Step<Self>
    where
        Self: Sized;

    /// Reads a value that may be `null` (an optional field): `null` is `None`.
    fn read_option(r: &mut dyn Reader) -> Step<Option<Self>>
    where
        Self: Sized,
    {
        let mut out = None;
        r.option(&mut |r| {
            out = Some(Self::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Reads the value of the object key just read.
    fn field(m: &mut dyn MapRead) -> Step<Self>
    where
        Self: Sized,
    {
        let mut out = None;
        m.value(&mut |r| {
            out = Some(Self::read(r)?);
            Ok(())
        })?;
        out.ok_or_else(Stop::new)
    }

    /// Reads the value of the object key just read, `null` as `None`.
    fn field_option(m: &mut dyn MapRead) -> Step<Option<Self>>
    where
        Self: Sized,
    {
        let mut out = None;
        m.value(&mut |r| {
            out = Self::read_option(r)?;
            Ok(())
        })?;
        Ok(out)
    }

    /// Writes the value.
    fn write(&self, w: &mut dyn Writer) -> Step;

    /// Writes the value as the value of `key` in an object being written.
    fn write_entry(&self, key: &str, m: &mut dyn MapWrite) -> Step
    where
        Self: Sized,
    {
        m.entry(key, self)
    }
}

/// Implements [`Wire`] for a type the reader and writer know by name (one method each way,
/// plus an optional form for reading), so a field of that type costs one dynamic call.
macro_rules! leaf {
    ($ty:ty, $read:ident, $read_option:ident, $write:ident, |$v:ident| $as_written:expr) => {
        impl Wire for $ty {
            fn read(r: &mut dyn Reader) -> Step<Self> {
                r.$read()
            }
            fn read_option(r: &mut dyn Reader) -> Step<Option<Self>> {
                r.$read_option()
            }
            fn field(m: &mut dyn MapRead) -> Step<Self> {
                m.$read()
            }
            fn field_option(m: &mut dyn MapRead) -> Step<Option<Self>> {
                m.$read_option()
            }
            fn write(&self, w: &mut dyn Writer) -> Step {
                let $v = self;
                w.$write($as_written)
            }
            fn write_entry(&self, key: &str, m: &mut dyn MapWrite) -> Step {
                let $v = self;
                m.$write(key, $as_written)
            }
        }
    };
}

leaf!(String, string, option_string, string, |v| v);
leaf!(bool, bool, option_bool, bool, |v| *v);
leaf!(i32, i32, option_i32, i32, |v| *v);
leaf!(i64, i64, option_i64, i64, |v| *v);
leaf!(u32, u32, option_u32, u32, |v| *v);
leaf!(u64, u64, option_u64, u64, |v| *v);
leaf!(Number, number, option_number, number, |v| v);
leaf!(Value, json, option_json, json, |v| v);
leaf!(Timestamp, timestamp, option_timestamp, string, |v| v.as_str());

impl<T: Wire> Wire for Vec<T> {
    fn read(r: &mut dyn Reader) -> Step<Self> {
        let mut out = Vec::new();
        r.seq(&mut |r| {
            out.push(T::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    fn write(&self, w: &mut dyn Writer) -> Step {
        w.seq(self.len(), &mut self.iter().map(|item| item as &dyn Wire))
    }
}

impl<T: Wire> Wire for std::collections::BTreeMap<String, T> {
    fn read(r: &mut dyn Reader) -> Step<Self> {
        let mut out = std::collections::BTreeMap::new();
        r.map(&mut |key, r| {
            out.insert(key, T::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    fn write(&self, w: &mut dyn Writer) -> Step {
        w.map(
            self.len(),
            &mut self.iter().map(|(k, v)| (k.as_str(), v as &dyn Wire)),
        )
    }
}

/// The undocumented fields of an object, kept as received.
pub type Extra = Map<String, Value>;
