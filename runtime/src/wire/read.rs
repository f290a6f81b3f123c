//! Reading: [`Reader`] (one value) and [`MapRead`] (the fields of one object) as trait
//! objects, and their adapters over a serde `Deserializer` and `MapAccess`.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::{Extra, Step, Stop, Wire};
use crate::Timestamp;
use crate::enums::same;

/// What a text read against a table turned out to be: an entry of the table (by index) or
/// another text. For an enum's wire text the table is its values (an alias counts as the
/// value it stands for); for an object key, a record's documented fields.
pub enum Found {
    /// The index in the table.
    Known(usize),
    /// A text the table does not list, as received (the only texts copied).
    Unknown(String),
}

impl Found {
    /// `Known(index)` when the text was found, else the text itself.
    #[inline]
    fn of(index: Option<usize>, text: impl FnOnce() -> String) -> Found {
        match index {
            Some(index) => Found::Known(index),
            None => Found::Unknown(text()),
        }
    }
}

/// The reading methods [`Reader`] and [`MapRead`] share: one per type the reader knows by
/// name, each with an optional form (`null` is `None`).
macro_rules! leaf_methods {
    ($($read:ident $read_option:ident $ty:ty;)*) => {
        $(
            /// Reads a value of this type.
            fn $read(&mut self) -> Step<$ty>;
            /// Reads a value of this type, `null` as `None`.
            fn $read_option(&mut self) -> Step<Option<$ty>>;
        )*
        /// Reads an enum's wire text and finds it among `values` and `aliases`.
        fn wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Found>;
        /// [`Self::wire`], `null` as `None`.
        fn option_wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Option<Found>>;
    };
}

macro_rules! with_leaves {
    ($mac:ident) => {
        $mac! {
            string option_string String;
            bool option_bool bool;
            i32 option_i32 i32;
            i64 option_i64 i64;
            u32 option_u32 u32;
            u64 option_u64 u64;
            number option_number Number;
            json option_json Value;
            timestamp option_timestamp Timestamp;
        }
    };
}

/// One value to read, whatever the format.
pub trait Reader {
    with_leaves!(leaf_methods);

    /// Reads `null` (nothing to do) or a value, which `some` reads.
    fn option(&mut self, some: &mut dyn Slot) -> Step;

    /// Reads a list; `item` reads each element.
    fn seq(&mut self, item: &mut dyn Slot) -> Step;

    /// Reads an object with free keys; `entry` reads each value.
    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Reader) -> Step) -> Step;

    /// Reads an object with documented `fields` into `record` in place; a field marked in
    /// `required` (one flag per field, a missing flag meaning optional) that is absent is an
    /// error. `expecting` names the
    /// type in errors (`an object (Job)`).
    fn record(
        &mut self,
        expecting: &'static str,
        fields: &'static [&'static str],
        required: &'static [bool],
        record: &mut dyn ReadFields,
    ) -> Step;

    /// Reads an object with documented `fields`; `body` reads them (for a struct with no
    /// `Default` to fill in place).
    fn record_with(
        &mut self,
        expecting: &'static str,
        fields: &'static [&'static str],
        body: &mut dyn FnMut(&mut Fields<'_>) -> Step,
    ) -> Step;
}

/// Where one value read by a type-erased [`Reader`] goes: an `Option` it sets, a `Vec` it
/// pushes to, or a closure.
///
/// A one-method trait rather than `dyn FnMut`, because the runtime's code compiled once per
/// generated type passes these: `Option<T>` and `Vec<T>` are one `fill` per type, where
/// each closure type is three functions (the closure, `FnOnce::call_once` and its vtable
/// shim).
pub trait Slot {
    /// Reads the value from `r` into the slot.
    fn fill(&mut self, r: &mut dyn Reader) -> Step;
}

impl<T: Wire> Slot for Option<T> {
    fn fill(&mut self, r: &mut dyn Reader) -> Step {
        *self = Some(tri!(T::read(r)));
        Ok(())
    }
}

impl<T: Wire> Slot for Vec<T> {
    fn fill(&mut self, r: &mut dyn Reader) -> Step {
        self.push(tri!(T::read(r)));
        Ok(())
    }
}

impl<F: FnMut(&mut dyn Reader) -> Step> Slot for F {
    fn fill(&mut self, r: &mut dyn Reader) -> Step {
        self(r)
    }
}

/// A generated struct being filled in place as its object is read.
pub trait ReadFields {
    /// Reads documented field [`Fields::index`] (of the table given to [`Reader::record`])
    /// from `fields`. The index just past the table takes the undocumented fields
    /// ([`Fields::extra`]); the reader asks for it once, last.
    fn read_field(&mut self, fields: &mut Fields<'_>) -> Step;
}

/// The fields of one object being read.
pub trait MapRead {
    with_leaves!(leaf_methods);

    /// The index of the next documented key; undocumented keys are kept on the way (see
    /// [`Self::take_extra`]). `None` at the end of the object.
    fn next_key(&mut self) -> Step<Option<usize>>;

    /// Reads the value of the key just returned by [`Self::next_key`] with `f`.
    fn value(&mut self, f: &mut dyn Slot) -> Step;

    /// Reads the value of the key just returned by [`Self::next_key`]: `null` (nothing to
    /// do) or a value, which `some` reads.
    fn value_option(&mut self, some: &mut dyn Slot) -> Step;

    /// The "missing field" error for documented field `index`.
    fn missing(&mut self, index: usize) -> Stop;

    /// The undocumented fields read so far; `None` when there were none.
    fn take_extra(&mut self) -> Option<Extra>;
}

/// What a generated struct's code sees of its object: the value of one field at a time.
pub struct Fields<'a> {
    map: &'a mut dyn MapRead,
    index: usize,
}

impl Fields<'_> {
    /// The index (in the struct's field table) of the field [`ReadFields::read_field`] is
    /// asked to read; the table's length for the undocumented fields.
    #[inline]
    pub fn index(&self) -> usize {
        self.index
    }

    /// The index (in the struct's field table) of the next documented field; `None` at the
    /// end. A documented key given twice is an error.
    pub fn next_key(&mut self) -> Step<Option<usize>> {
        self.map.next_key()
    }

    /// Reads the value of a required field in place.
    pub fn required<T: Wire>(&mut self, slot: &mut T) -> Step {
        *slot = tri!(T::field(self.map));
        Ok(())
    }

    /// Reads the value of a required boxed field in place.
    #[allow(clippy::borrowed_box)] // `record!` passes every kind of field the same way
    pub fn required_boxed<T: Wire>(&mut self, slot: &mut Box<T>) -> Step {
        self.required(&mut **slot)
    }

    /// Reads the value of an optional field (`null` is `None`).
    pub fn optional<T: Wire>(&mut self, slot: &mut Option<T>) -> Step {
        *slot = tri!(T::field_option(self.map));
        Ok(())
    }

    /// Reads the value of an optional boxed field (`null` is `None`).
    // A `match`, not `Option::map`: one function less per type (see `tri!`).
    #[allow(clippy::manual_map)]
    pub fn optional_boxed<T: Wire>(&mut self, slot: &mut Option<Box<T>>) -> Step {
        *slot = match tri!(T::field_option(self.map)) {
            Some(value) => Some(Box::new(value)),
            None => None,
        };
        Ok(())
    }

    /// Reads the value of a required field into `slot`, for [`Self::take`].
    pub fn slot<T: Wire>(&mut self, slot: &mut Option<T>) -> Step {
        *slot = Some(tri!(T::field(self.map)));
        Ok(())
    }

    /// The value of required field `index` read by [`Self::slot`], or the "missing field"
    /// error.
    pub fn take<T>(&mut self, slot: Option<T>, index: usize) -> Step<T> {
        match slot {
            Some(value) => Ok(value),
            None => Err(self.map.missing(index)),
        }
    }

    /// Hands over the undocumented fields, kept as received.
    pub fn extra(&mut self, slot: &mut Extra) -> Step {
        // Most objects have no undocumented field: leave the (empty) slot alone rather than
        // drop one empty map for another.
        if let Some(extra) = self.map.take_extra() {
            *slot = extra;
        }
        Ok(())
    }

    /// The undocumented fields, kept as received.
    pub fn take_extra(&mut self) -> Extra {
        self.map.take_extra().unwrap_or_default()
    }
}

/// Reads a generated struct with no `Default`: `body` reads its `fields` from [`Fields`]
/// and builds it.
pub fn read_with<T>(
    r: &mut dyn Reader,
    expecting: &'static str,
    fields: &'static [&'static str],
    body: impl FnOnce(&mut Fields<'_>) -> Step<T>,
) -> Step<T> {
    let mut body = Some(body);
    let mut out = None;
    r.record_with(expecting, fields, &mut |f| {
        if let Some(body) = body.take() {
            out = Some(body(f)?);
        }
        Ok(())
    })?;
    out.ok_or_else(Stop::new)
}

/// `Deserialize::deserialize` of every generated type: the one place a serde deserializer
/// meets [`Wire`] (generated code itself decodes through the crate's `read_json`).
pub fn deserialize<'de, D: Deserializer<'de>, T: Wire>(deserializer: D) -> Result<T, D::Error> {
    let mut out: Option<T> = None;
    read_value(deserializer, &mut out)?;
    out.ok_or_else(|| stopped(None))
}

/// Reads JSON bytes with `f`; trailing data is an error. Not generic: every serde_json
/// instantiation the generated types need is compiled here, once.
pub(crate) fn read_json(bytes: &[u8], f: &mut dyn Slot) -> Result<(), serde_json::Error> {
    // Reading bytes, serde_json checks each string is UTF-8 on its own (a call per key and
    // value); one check of the whole document up front costs a fraction of that. Bytes that
    // are not UTF-8 are read as bytes, so the error is serde_json's, at the same place.
    match std::str::from_utf8(bytes) {
        Ok(text) => read_document(serde_json::Deserializer::from_str(text), f),
        Err(_) => read_document(serde_json::Deserializer::from_slice(bytes), f),
    }
}

/// Reads one value with `f`, then refuses trailing data.
fn read_document<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    f: &mut dyn Slot,
) -> Result<(), serde_json::Error> {
    read_value(&mut de, f)?;
    de.end()
}

/// A serde deserializer for one value, as a [`Reader`]. Keeps the error it meets.
struct De<'de, D: Deserializer<'de>> {
    de: Option<D>,
    error: Option<D::Error>,
    _de: PhantomData<&'de ()>,
}

impl<'de, D: Deserializer<'de>> De<'de, D> {
    fn new(de: D) -> Self {
        De {
            de: Some(de),
            error: None,
            _de: PhantomData,
        }
    }

    fn run<T>(&mut self, f: impl FnOnce(D) -> Result<T, D::Error>) -> Step<T> {
        let result = match self.de.take() {
            Some(de) => f(de),
            None => Err(de::Error::custom("a value was read twice")),
        };
        result.map_err(|error| {
            self.error = Some(error);
            Stop::new()
        })
    }

    fn finish<T>(self, read: Step<T>) -> Result<T, D::Error> {
        read.map_err(|_| stopped(self.error))
    }
}

/// The kept error, or (should the type-erased code stop without one) a message saying so.
fn stopped<E: de::Error>(error: Option<E>) -> E {
    error.unwrap_or_else(|| E::custom("decoding stopped without an error"))
}

macro_rules! de_leaves {
    ($($read:ident $read_option:ident $ty:ty;)*) => {
        $(
            fn $read(&mut self) -> Step<$ty> {
                self.run(<$ty>::deserialize)
            }
            fn $read_option(&mut self) -> Step<Option<$ty>> {
                self.run(<Option<$ty>>::deserialize)
            }
        )*
        fn wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Found> {
            self.run(|de| WireSeed { values, aliases }.deserialize(de))
        }
        fn option_wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Option<Found>> {
            self.run(|de| OptionWireSeed(WireSeed { values, aliases }).deserialize(de))
        }
    };
}

impl<'de, D: Deserializer<'de>> Reader for De<'de, D> {
    with_leaves!(de_leaves);

    fn option(&mut self, some: &mut dyn Slot) -> Step {
        self.run(|de| de.deserialize_option(OptionVisitor(some)))
    }

    fn seq(&mut self, item: &mut dyn Slot) -> Step {
        self.run(|de| de.deserialize_seq(SeqVisitor(item)))
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Reader) -> Step) -> Step {
        self.run(|de| de.deserialize_map(MapVisitor(entry)))
    }

    fn record(
        &mut self,
        expecting: &'static str,
        fields: &'static [&'static str],
        required: &'static [bool],
        record: &mut dyn ReadFields,
    ) -> Step {
        self.read_record(expecting, fields, Body::Fill(required, record))
    }

    fn record_with(
        &mut self,
        expecting: &'static str,
        fields: &'static [&'static str],
        body: &mut dyn FnMut(&mut Fields<'_>) -> Step,
    ) -> Step {
        self.read_record(expecting, fields, Body::With(body))
    }
}

impl<'de, D: Deserializer<'de>> De<'de, D> {
    fn read_record(
        &mut self,
        expecting: &'static str,
        fields: &'static [&'static str],
        body: Body<'_>,
    ) -> Step {
        self.run(|de| {
            de.deserialize_map(RecordVisitor {
                expecting,
                fields,
                body,
            })
        })
    }
}

/// Runs `f` on a new reader over `de`, handing back the error it kept.
fn read_value<'de, D: Deserializer<'de>>(de: D, f: &mut dyn Slot) -> Result<(), D::Error> {
    let mut de = De::new(de);
    let read = f.fill(&mut de);
    de.finish(read)
}

struct OptionVisitor<'a>(&'a mut dyn Slot);

impl<'de> Visitor<'de> for OptionVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an optional value")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        read_value(de, self.0)
    }
}

/// A seed that reads one value with a type-erased function.
struct Seed<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        read_value(de, self.0)
    }
}

/// A seed that reads `null` or a value, which a type-erased function reads.
struct OptionSeed<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for OptionSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_option(OptionVisitor(self.0))
    }
}

struct SeqVisitor<'a>(&'a mut dyn Slot);

impl<'de> Visitor<'de> for SeqVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item = self.0;
        while seq.next_element_seed(Seed(&mut *item))?.is_some() {}
        Ok(())
    }
}

struct MapVisitor<'a>(&'a mut dyn FnMut(String, &mut dyn Reader) -> Step);

impl<'de> Visitor<'de> for MapVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let entry = self.0;
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(EntrySeed(Some(key), &mut *entry))?;
        }
        Ok(())
    }
}

struct EntrySeed<'a>(
    Option<String>,
    &'a mut dyn FnMut(String, &mut dyn Reader) -> Step,
);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        let EntrySeed(mut key, entry) = self;
        read_value(de, &mut |r: &mut dyn Reader| {
            entry(key.take().unwrap_or_default(), r)
        })
    }
}

/// How a record is read: filled in place, or built by a function.
enum Body<'a> {
    Fill(&'static [bool], &'a mut dyn ReadFields),
    With(&'a mut dyn FnMut(&mut Fields<'_>) -> Step),
}

struct RecordVisitor<'a> {
    expecting: &'static str,
    fields: &'static [&'static str],
    body: Body<'a>,
}

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut map = MapDe {
            map,
            fields: self.fields,
            seen: 0,
            seen_more: Vec::new(),
            hint: 0,
            extra: None,
            error: None,
            _de: PhantomData,
        };
        let read = match self.body {
            Body::Fill(required, record) => map.fill(required, record),
            Body::With(body) => body(&mut Fields {
                map: &mut map,
                index: 0,
            }),
        };
        read.map_err(|_| stopped(map.error))
    }
}

/// A serde map being read as the fields of a generated struct, as a [`MapRead`].
struct MapDe<'de, A: MapAccess<'de>> {
    map: A,
    fields: &'static [&'static str],
    /// Documented fields seen so far: bits for the first 64, then a list.
    seen: u64,
    seen_more: Vec<bool>,
    /// Where the next key is looked for first: servers send fields in documented order.
    hint: usize,
    /// The undocumented fields, once there is one (most objects have none).
    extra: Option<Extra>,
    error: Option<A::Error>,
    _de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> MapDe<'de, A> {
    fn check<T>(&mut self, result: Result<T, A::Error>) -> Step<T> {
        result.map_err(|error| self.fail(error))
    }

    fn fail(&mut self, error: A::Error) -> Stop {
        self.error = Some(error);
        Stop::new()
    }

    fn fill(&mut self, required: &[bool], record: &mut dyn ReadFields) -> Step {
        while let Some(index) = self.next_key()? {
            record.read_field(&mut Fields { map: self, index })?;
        }
        for (index, &required) in required.iter().enumerate() {
            if required && !self.seen(index) {
                return Err(self.missing(index));
            }
        }
        let index = self.fields.len();
        record.read_field(&mut Fields { map: self, index })
    }

    /// Reads the value of undocumented `key` into the extra fields. Out of line: most
    /// objects have no undocumented field, and the loop that reads keys stays small.
    #[cold]
    #[inline(never)]
    fn keep(&mut self, key: String) -> Step {
        let value = self.map.next_value::<Value>();
        let value = self.check(value)?;
        self.extra.get_or_insert_default().insert(key, value);
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn duplicate(&mut self, index: usize) -> Stop {
        let name = self.name(index);
        self.fail(de::Error::duplicate_field(name))
    }

    /// The wire name of documented field `index`.
    fn name(&self, index: usize) -> &'static str {
        self.fields.get(index).copied().unwrap_or_default()
    }

    fn seen(&self, index: usize) -> bool {
        match index {
            0..64 => self.seen & (1 << index) != 0,
            _ => self.seen_more.get(index).copied().unwrap_or(false),
        }
    }

    /// Marks field `index` seen; whether it was already.
    fn mark(&mut self, index: usize) -> bool {
        if index < 64 {
            let bit = 1u64 << index;
            let was = self.seen & bit != 0;
            self.seen |= bit;
            return was;
        }
        if self.seen_more.is_empty() {
            self.seen_more = vec![false; self.fields.len()];
        }
        match self.seen_more.get_mut(index) {
            Some(seen) => std::mem::replace(seen, true),
            None => false,
        }
    }
}

macro_rules! map_leaves {
    ($($read:ident $read_option:ident $ty:ty;)*) => {
        $(
            fn $read(&mut self) -> Step<$ty> {
                let value = self.map.next_value::<$ty>();
                self.check(value)
            }
            fn $read_option(&mut self) -> Step<Option<$ty>> {
                let value = self.map.next_value::<Option<$ty>>();
                self.check(value)
            }
        )*
        fn wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Found> {
            let value = self.map.next_value_seed(WireSeed { values, aliases });
            self.check(value)
        }
        fn option_wire(
            &mut self,
            values: &'static [&'static str],
            aliases: &'static [(&'static str, &'static str)],
        ) -> Step<Option<Found>> {
            let value = self.map.next_value_seed(OptionWireSeed(WireSeed { values, aliases }));
            self.check(value)
        }
    };
}

impl<'de, A: MapAccess<'de>> MapRead for MapDe<'de, A> {
    with_leaves!(map_leaves);

    fn next_key(&mut self) -> Step<Option<usize>> {
        loop {
            let seed = KeySeed {
                fields: self.fields,
                hint: self.hint,
            };
            let key = match self.map.next_key_seed(seed) {
                Ok(Some(Found::Known(index))) => index,
                Ok(Some(Found::Unknown(key))) => {
                    self.keep(key)?;
                    continue;
                }
                Ok(None) => return Ok(None),
                Err(error) => return Err(self.fail(error)),
            };
            self.hint = key + 1;
            if self.mark(key) {
                return Err(self.duplicate(key));
            }
            return Ok(Some(key));
        }
    }

    fn value(&mut self, f: &mut dyn Slot) -> Step {
        let value = self.map.next_value_seed(Seed(f));
        self.check(value)
    }

    fn value_option(&mut self, some: &mut dyn Slot) -> Step {
        let value = self.map.next_value_seed(OptionSeed(some));
        self.check(value)
    }

    fn missing(&mut self, index: usize) -> Stop {
        let name = self.name(index);
        self.fail(de::Error::missing_field(name))
    }

    fn take_extra(&mut self) -> Option<Extra> {
        self.extra.take()
    }
}

/// Reads an enum's wire text without copying a documented value.
#[derive(Clone, Copy)]
struct WireSeed {
    values: &'static [&'static str],
    aliases: &'static [(&'static str, &'static str)],
}

impl WireSeed {
    fn find(&self, text: &str) -> Option<usize> {
        crate::enums::lookup(self.values, self.aliases, text)
    }
}

impl<'de> DeserializeSeed<'de> for WireSeed {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Found, D::Error> {
        de.deserialize_str(self)
    }
}

impl Visitor<'_> for WireSeed {
    type Value = Found;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Found, E> {
        Ok(Found::of(self.find(text), || text.to_owned()))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<Found, E> {
        Ok(Found::of(self.find(&text), || text))
    }
}

struct OptionWireSeed(WireSeed);

impl<'de> DeserializeSeed<'de> for OptionWireSeed {
    type Value = Option<Found>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<Found>, D::Error> {
        de.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptionWireSeed {
    type Value = Option<Found>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Found>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Found>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Option<Found>, D::Error> {
        de.deserialize_str(self.0).map(Some)
    }
}

/// Reads an object key and finds it among a record's documented fields, looking first at
/// `hint` (the field after the last one read: servers send fields in documented order).
struct KeySeed {
    fields: &'static [&'static str],
    hint: usize,
}

impl KeySeed {
    #[inline]
    fn find(&self, key: &str) -> Option<usize> {
        let key = key.as_bytes();
        match self.fields.get(self.hint) {
            Some(field) if same(field.as_bytes(), key) => Some(self.hint),
            _ => self
                .fields
                .iter()
                .position(|field| same(field.as_bytes(), key)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Found;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Found, E> {
        Ok(Found::of(self.find(key), || key.to_owned()))
    }
    fn visit_string<E: de::Error>(self, key: String) -> Result<Found, E> {
        Ok(Found::of(self.find(&key), || key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` as a list of strings through [`read_json`].
    fn strings(bytes: &[u8]) -> Result<Vec<String>, serde_json::Error> {
        let mut out = None;
        read_json(bytes, &mut |r: &mut dyn Reader| {
            out = Some(Vec::<String>::read(r)?);
            Ok(())
        })?;
        Ok(out.unwrap_or_default())
    }

    #[test]
    fn text_and_bytes_that_are_not_utf8_read_as_serde_json_reads_bytes() {
        let text = "[\"a\", \"é\\u00e9\", \"\u{1F600}\"]";
        assert_eq!(strings(text.as_bytes()).unwrap(), ["a", "éé", "\u{1F600}"]);
        for bytes in [
            &b"[\"a\", \"\xff\"]"[..],
            b"[\"a\",\n \"b\xc3\"]",
            b"[\"a\", 1]",
            b"[\"a\"] x",
        ] {
            let ours = strings(bytes).unwrap_err().to_string();
            let theirs = serde_json::from_slice::<Vec<String>>(bytes)
                .unwrap_err()
                .to_string();
            assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
