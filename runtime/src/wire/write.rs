//! Writing: [`Writer`] (one value) and [`MapWrite`] (the entries of one object) as trait
//! objects, and their adapters over a serde `Serializer` and `SerializeMap`.

use serde::Serialize;
use serde::ser::{self, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Number, Value};

use super::{Extra, Step, Stop, Wire};

/// The writing methods [`Writer`] and [`MapWrite`] share, one per type the writer knows by
/// name.
macro_rules! with_leaves {
    ($mac:ident) => {
        $mac! {
            string &str;
            bool bool;
            i32 i32;
            i64 i64;
            u32 u32;
            u64 u64;
            number &Number;
            json &Value;
        }
    };
}

macro_rules! writer_methods {
    ($($write:ident $ty:ty;)*) => {
        $(
            /// Writes a value of this type.
            fn $write(&mut self, value: $ty) -> Step;
        )*
    };
}

macro_rules! map_write_methods {
    ($($write:ident $ty:ty;)*) => {
        $(
            /// Writes an entry whose value has this type.
            fn $write(&mut self, key: &str, value: $ty) -> Step;
        )*
    };
}

/// One value to write, whatever the format.
pub trait Writer {
    with_leaves!(writer_methods);

    /// Writes a list of `len` items.
    fn seq(&mut self, len: usize, items: &mut dyn Iterator<Item = &dyn Wire>) -> Step;

    /// Writes an object with free keys.
    fn map(&mut self, len: usize, entries: &mut dyn Iterator<Item = (&str, &dyn Wire)>) -> Step;

    /// Writes a generated struct: each of `fields` that has a value, then the undocumented
    /// fields.
    fn record(&mut self, fields: &'static [&'static str], record: &dyn WriteFields) -> Step;
}

/// A generated struct as the entries it writes.
pub trait WriteFields {
    /// Writes every documented field to `entries`, in the order of the table given to
    /// [`Writer::record`] (each call to an [`Entries`] method takes the next wire name),
    /// then the undocumented fields ([`Entries::extra`]). One call per object, not one per
    /// field; no result per field either: `entries` keeps the first error.
    fn write_fields(&self, entries: &mut Entries<'_>);
}

/// The entries of one object being written.
pub trait MapWrite {
    with_leaves!(map_write_methods);

    /// Writes an entry of any type.
    fn entry(&mut self, key: &str, value: &dyn Wire) -> Step;

    /// Writes the undocumented fields kept from decoding.
    fn extra(&mut self, extra: &Extra) -> Step;
}

/// What a generated struct's code writes to: its fields in table order, each under the next
/// wire name of the table. The first error stops the writing, and is kept (like
/// `fmt::DebugStruct`): a call after it writes nothing, so the generated code needs no `?`
/// per field.
pub struct Entries<'a> {
    map: &'a mut dyn MapWrite,
    keys: std::slice::Iter<'static, &'static str>,
    stopped: bool,
}

impl<'a> Entries<'a> {
    fn new(map: &'a mut dyn MapWrite, fields: &'static [&'static str]) -> Self {
        Entries {
            map,
            keys: fields.iter(),
            stopped: false,
        }
    }

    /// The wire name of the field being written. The generator writes one call per table
    /// entry, so the table never runs out; if it did, the key would be empty rather than a
    /// panic.
    #[inline]
    fn key(&mut self) -> &'static str {
        self.keys.next().copied().unwrap_or_default()
    }

    /// Writes a required field.
    pub fn required<T: Wire>(&mut self, value: &T) {
        let key = self.key();
        if !self.stopped {
            self.stopped = value.write_entry(key, self.map).is_err();
        }
    }

    /// Writes a required boxed field.
    #[allow(clippy::borrowed_box)] // `record!` passes every kind of field the same way
    pub fn required_boxed<T: Wire>(&mut self, value: &Box<T>) {
        self.required(&**value);
    }

    /// Writes an optional field when it has a value (`None` writes nothing).
    pub fn optional<T: Wire>(&mut self, value: &Option<T>) {
        let key = self.key();
        if let (Some(value), false) = (value, self.stopped) {
            self.stopped = value.write_entry(key, self.map).is_err();
        }
    }

    /// Writes an optional boxed field when it has a value.
    pub fn optional_boxed<T: Wire>(&mut self, value: &Option<Box<T>>) {
        let key = self.key();
        if let (Some(value), false) = (value, self.stopped) {
            self.stopped = T::write_entry(value, key, self.map).is_err();
        }
    }

    /// Writes the undocumented fields, after the documented ones.
    pub fn extra(&mut self, extra: &Extra) {
        // Most objects have none: no call, no iterator over an empty map.
        if !extra.is_empty() && !self.stopped {
            self.stopped = self.map.extra(extra).is_err();
        }
    }

    /// How the writing went: `Stop` if an entry failed.
    fn finish(self) -> Step {
        if self.stopped {
            Err(Stop::new())
        } else {
            Ok(())
        }
    }
}

/// `Serialize::serialize` of every generated type: the one place a serde serializer meets
/// [`Wire`] (generated code itself encodes through the crate's `write_json`).
pub fn serialize<T: Wire, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    write_value(value, serializer)
}

/// A generated value as JSON bytes. Not generic: every serde_json instantiation the
/// generated types need is compiled here, once.
pub(crate) fn write_json(value: &dyn Wire) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(&Erased(value))
}

fn write_value<S: Serializer>(value: &dyn Wire, serializer: S) -> Result<S::Ok, S::Error> {
    let mut ser = Ser::new(serializer);
    let written = value.write(&mut ser);
    ser.finish(written)
}

/// A type-erased value as a serde `Serialize`, for the elements of lists and maps.
struct Erased<'a>(&'a dyn Wire);

impl Serialize for Erased<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_value(self.0, serializer)
    }
}

/// A serde serializer for one value, as a [`Writer`]. Keeps what it produced or met.
struct Ser<S: Serializer> {
    ser: Option<S>,
    /// What the serializer answered, once it has run.
    result: Option<Result<S::Ok, S::Error>>,
}

impl<S: Serializer> Ser<S> {
    #[inline]
    fn new(ser: S) -> Self {
        Ser {
            ser: Some(ser),
            result: None,
        }
    }

    #[inline]
    fn run(&mut self, f: impl FnOnce(S) -> Result<S::Ok, S::Error>) -> Step {
        let result = match self.ser.take() {
            Some(ser) => f(ser),
            None => Err(ser::Error::custom("a value was written twice")),
        };
        let step = match result {
            Ok(_) => Ok(()),
            Err(_) => Err(Stop::new()),
        };
        self.result = Some(result);
        step
    }

    /// What was written, or the error met. Moves everything out: nothing is left to drop.
    #[inline]
    fn finish(self, written: Step) -> Result<S::Ok, S::Error> {
        match (written, self.result) {
            (Ok(()), Some(Ok(ok))) => Ok(ok),
            (_, Some(Err(error))) => Err(error),
            _ => Err(stopped()),
        }
    }
}

/// The error for type-erased code that stopped without one kept (it should never happen).
fn stopped<E: ser::Error>() -> E {
    E::custom("encoding stopped without an error")
}

macro_rules! ser_leaves {
    ($($write:ident $ty:ty;)*) => {
        $(
            fn $write(&mut self, value: $ty) -> Step {
                self.run(|ser| value.serialize(ser))
            }
        )*
    };
}

impl<S: Serializer> Writer for Ser<S> {
    with_leaves!(ser_leaves);

    fn seq(&mut self, len: usize, items: &mut dyn Iterator<Item = &dyn Wire>) -> Step {
        self.run(|ser| {
            let mut seq = ser.serialize_seq(Some(len))?;
            for item in items {
                seq.serialize_element(&Erased(item))?;
            }
            seq.end()
        })
    }

    fn map(&mut self, len: usize, entries: &mut dyn Iterator<Item = (&str, &dyn Wire)>) -> Step {
        self.run(|ser| {
            let mut map = ser.serialize_map(Some(len))?;
            for (key, value) in entries {
                map.serialize_entry(key, &Erased(value))?;
            }
            map.end()
        })
    }

    fn record(&mut self, fields: &'static [&'static str], record: &dyn WriteFields) -> Step {
        self.run(|ser| {
            let mut map = MapSer {
                map: ser.serialize_map(None)?,
                error: None,
            };
            let filled = map.fill(fields, record);
            match (filled, map.error) {
                (Ok(()), None) => map.map.end(),
                (_, Some(error)) => Err(error),
                (Err(_), None) => Err(stopped()),
            }
        })
    }
}

/// A serde map being written as the entries of a generated struct, as a [`MapWrite`].
struct MapSer<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> MapSer<M> {
    fn fill(&mut self, fields: &'static [&'static str], record: &dyn WriteFields) -> Step {
        let mut entries = Entries::new(self, fields);
        record.write_fields(&mut entries);
        entries.finish()
    }

    fn check(&mut self, result: Result<(), M::Error>) -> Step {
        result.map_err(|error| {
            self.error = Some(error);
            Stop::new()
        })
    }
}

macro_rules! map_ser_leaves {
    ($($write:ident $ty:ty;)*) => {
        $(
            fn $write(&mut self, key: &str, value: $ty) -> Step {
                let written = self.map.serialize_entry(key, &value);
                self.check(written)
            }
        )*
    };
}

impl<M: SerializeMap> MapWrite for MapSer<M> {
    with_leaves!(map_ser_leaves);

    fn entry(&mut self, key: &str, value: &dyn Wire) -> Step {
        let written = self.map.serialize_entry(key, &Erased(value));
        self.check(written)
    }

    fn extra(&mut self, extra: &Extra) -> Step {
        for (key, value) in extra {
            let written = self.map.serialize_entry(key, value);
            self.check(written)?;
        }
        Ok(())
    }
}
