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
mod shape;
mod write;

pub(crate) use read::read_json;
pub use read::{Fields, Found, MapRead, ReadFields, Reader, Slot, deserialize, read_with};
pub use shape::{EnumShape, Generated, RecordShape, Shape};
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
        read_option_slot(r)
    }

    /// Reads the value of the object key just read.
    fn field(m: &mut dyn MapRead) -> Step<Self>
    where
        Self: Sized,
    {
        field_slot(m)
    }

    /// Reads the value of the object key just read, `null` as `None`.
    fn field_option(m: &mut dyn MapRead) -> Step<Option<Self>>
    where
        Self: Sized,
    {
        field_option_slot(m)
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

// The provided methods of `Wire` (read through a `Slot`), also what `RecordShape` does.

fn read_option_slot<T: Wire>(r: &mut dyn Reader) -> Step<Option<T>> {
    let mut out: Option<T> = None;
    tri!(r.option(&mut out));
    Ok(out)
}

fn field_slot<T: Wire>(m: &mut dyn MapRead) -> Step<T> {
    let mut out: Option<T> = None;
    tri!(m.value(&mut out));
    match out {
        Some(value) => Ok(value),
        None => Err(Stop::new()),
    }
}

fn field_option_slot<T: Wire>(m: &mut dyn MapRead) -> Step<Option<T>> {
    let mut out: Option<T> = None;
    tri!(m.value_option(&mut out));
    Ok(out)
}

/// Implements [`Wire`] for a type the reader and writer know by name (one method each way,
/// plus an optional form for reading), so a field of that type costs one dynamic call.
macro_rules! leaf {
    ($ty:ty, $read:ident, $read_option:ident, $write:ident, |$v:ident| $as_written:expr) => {
        impl Wire for $ty {
            #[inline]
            fn read(r: &mut dyn Reader) -> Step<Self> {
                r.$read()
            }
            #[inline]
            fn read_option(r: &mut dyn Reader) -> Step<Option<Self>> {
                r.$read_option()
            }
            #[inline]
            fn field(m: &mut dyn MapRead) -> Step<Self> {
                m.$read()
            }
            #[inline]
            fn field_option(m: &mut dyn MapRead) -> Step<Option<Self>> {
                m.$read_option()
            }
            #[inline]
            fn write(&self, w: &mut dyn Writer) -> Step {
                let $v = self;
                w.$write($as_written)
            }
            #[inline]
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
leaf!(Timestamp, timestamp, option_timestamp, string, |v| v
    .as_str());

impl<T: Wire> Wire for Vec<T> {
    fn read(r: &mut dyn Reader) -> Step<Self> {
        let mut out: Vec<T> = Vec::new();
        tri!(r.seq(&mut out));
        Ok(out)
    }

    fn write(&self, w: &mut dyn Writer) -> Step {
        w.seq(self.len(), &mut self.iter().map(|item| item as &dyn Wire))
    }
}

impl<T: Wire> Wire for std::collections::BTreeMap<String, T> {
    fn read(r: &mut dyn Reader) -> Step<Self> {
        let mut out = std::collections::BTreeMap::new();
        tri!(r.map(&mut |key, r| {
            out.insert(key, tri!(T::read(r)));
            Ok(())
        }));
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

#[cfg(test)]
mod tests {
    //! A struct and an enum written the way the generator writes them, read and written
    //! through serde (bytes and `Value`, two different deserializers) and through the
    //! runtime's JSON entry points.

    use super::*;
    use crate::UnknownValue;
    use crate::enums::{Enumeration, as_str};
    use serde_json::json;

    #[derive(Clone, Debug, PartialEq)]
    enum Color {
        Red,
        Blue,
        Unknown(UnknownValue),
    }

    impl Enumeration for Color {
        const VALUES: &'static [&'static str] = &["red", "blue"];
        const VARIANTS: &'static [Self] = &[Color::Red, Color::Blue];
        const ALIASES: &'static [(&'static str, &'static str)] = &[("RED", "red")];
        fn unknown_value(&self) -> Option<&UnknownValue> {
            match self {
                Color::Unknown(value) => Some(value),
                _ => None,
            }
        }
        fn unknown(value: UnknownValue) -> Self {
            Color::Unknown(value)
        }
    }

    impl Generated for Color {
        type Shape = EnumShape;
    }

    #[derive(Debug, Default, PartialEq)]
    struct Paint {
        name: String,
        color: Option<Color>,
        coats: Option<Vec<i32>>,
        extra: Extra,
    }

    const FIELDS: &[&str] = &["name", "color", "coats"];

    impl Wire for Paint {
        fn read(r: &mut dyn Reader) -> Step<Self> {
            let mut value = Paint::default();
            r.record("an object (Paint)", FIELDS, &[true], &mut value)?;
            Ok(value)
        }
        fn write(&self, w: &mut dyn Writer) -> Step {
            w.record(FIELDS, self)
        }
    }

    impl ReadFields for Paint {
        fn read_field(&mut self, f: &mut Fields<'_>) -> Step {
            match f.index() {
                0 => f.required(&mut self.name),
                1 => f.optional(&mut self.color),
                2 => f.optional(&mut self.coats),
                _ => f.extra(&mut self.extra),
            }
        }
    }

    impl WriteFields for Paint {
        fn write_fields(&self, e: &mut Entries<'_>) {
            e.required(&self.name);
            e.optional(&self.color);
            e.optional(&self.coats);
            e.extra(&self.extra);
        }
    }

    impl<'de> serde::Deserialize<'de> for Paint {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    impl serde::Serialize for Paint {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize(self, s)
        }
    }

    #[test]
    fn reads_and_writes_through_bytes_and_values_alike() {
        let input = json!({"name": "n", "color": "RED", "coats": [1, 2], "x": {"y": null}});
        let from_value: Paint = serde_json::from_value(input.clone()).unwrap();
        let from_bytes: Paint = serde_json::from_slice(input.to_string().as_bytes()).unwrap();
        assert_eq!(from_value, from_bytes);
        assert_eq!(
            from_value.color,
            Some(Color::Red),
            "an alias reads as its value"
        );
        assert_eq!(from_value.extra["x"], json!({"y": null}));
        // The alias is written as the documented value; the unknown field comes last.
        let output = serde_json::to_string(&from_value).unwrap();
        assert_eq!(
            output,
            r#"{"name":"n","color":"red","coats":[1,2],"x":{"y":null}}"#
        );
        assert_eq!(
            crate::decode::decode_wire::<Paint>(output.as_bytes()).unwrap(),
            from_value
        );
        assert_eq!(write_json(&from_value).unwrap(), output.as_bytes());
    }

    #[test]
    fn null_and_absent_optionals_are_none_and_unknown_values_kept() {
        let paint: Paint = serde_json::from_value(json!({"name": "n", "color": null})).unwrap();
        assert_eq!((paint.color, paint.coats), (None, None));
        let paint: Paint = serde_json::from_value(json!({"name": "n", "color": "green"})).unwrap();
        let color = paint.color.unwrap();
        assert!(matches!(&color, Color::Unknown(v) if v.as_str() == "green"));
        assert_eq!(as_str(&color), "green");
    }

    #[test]
    fn the_first_write_error_is_kept_and_nothing_is_written_after_it() {
        /// Takes `room` bytes, then fails every write (and counts the tries).
        struct Full {
            room: usize,
            refused: usize,
        }
        impl std::io::Write for Full {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                if bytes.len() > self.room {
                    self.refused += 1;
                    return Err(std::io::Error::other("disk full"));
                }
                self.room -= bytes.len();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let paint = Paint {
            name: "a long name that does not fit".into(),
            color: Some(Color::Blue),
            coats: Some(vec![1, 2, 3]),
            extra: Extra::from_iter([("x".to_string(), json!(1))]),
        };
        let mut full = Full {
            room: 4,
            refused: 0,
        };
        let error = serde_json::to_writer(&mut full, &paint).unwrap_err();
        assert!(
            error.is_io() && error.to_string().contains("disk full"),
            "{error}"
        );
        assert_eq!(
            full.refused, 1,
            "no field is tried after the one that failed"
        );
    }

    #[test]
    fn missing_duplicate_and_mistyped_fields_are_serde_errors() {
        let error = |text: &str| serde_json::from_str::<Paint>(text).unwrap_err().to_string();
        assert!(error(r#"{"color": "red"}"#).starts_with("missing field `name`"));
        assert!(error(r#"{"name": "a", "name": "b"}"#).starts_with("duplicate field `name`"));
        let mistyped = error(r#"{"name": "a", "coats": [1, "2"]}"#);
        assert!(
            mistyped.starts_with("invalid type: string \"2\", expected i32 at line 1 column 30"),
            "{mistyped}"
        );
        assert!(error("[]").contains("expected an object (Paint)"));
        let from_value = serde_json::from_value::<Paint>(json!({"name": 1})).unwrap_err();
        assert!(from_value.to_string().contains("expected a string"));
    }
}
