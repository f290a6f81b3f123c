//! The map type of the spec's name-keyed objects (`types`, `responses`, `waiters`): read in
//! file order, refusing a key given twice. A `BTreeMap` would keep the last of two equal
//! keys and drop the first without a word.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use schemars::{JsonSchema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A sorted map whose keys were unique in the file it was read from. It reads like the
/// `BTreeMap` it derefs to (sorted iteration, so generated output keeps its order); only
/// reading it from JSON differs: the second of two equal keys is an error, raised as soon as
/// that key is read.
#[derive(Clone, Debug, PartialEq)]
pub struct UniqueMap<K, V>(BTreeMap<K, V>);

impl<K, V> UniqueMap<K, V> {
    /// Whether the map has no entries (also for `skip_serializing_if`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The map itself.
    pub fn into_inner(self) -> BTreeMap<K, V> {
        self.0
    }
}

impl<K, V> Default for UniqueMap<K, V> {
    fn default() -> Self {
        UniqueMap(BTreeMap::new())
    }
}

impl<K, V> Deref for UniqueMap<K, V> {
    type Target = BTreeMap<K, V>;

    fn deref(&self) -> &BTreeMap<K, V> {
        &self.0
    }
}

impl<K, V> From<BTreeMap<K, V>> for UniqueMap<K, V> {
    fn from(map: BTreeMap<K, V>) -> Self {
        UniqueMap(map)
    }
}

impl<'a, K, V> IntoIterator for &'a UniqueMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<K, V> IntoIterator for UniqueMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::collections::btree_map::IntoIter<K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: Serialize, V: Serialize> Serialize for UniqueMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The same schema as the `BTreeMap` (JSON Schema cannot say "unique keys": JSON readers
/// differ on repeated keys, so the format simply never has them).
impl<K: JsonSchema, V: JsonSchema> JsonSchema for UniqueMap<K, V> {
    fn inline_schema() -> bool {
        BTreeMap::<K, V>::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        BTreeMap::<K, V>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        BTreeMap::<K, V>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        BTreeMap::<K, V>::json_schema(generator)
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueMapVisitor(PhantomData))
    }
}

struct UniqueMapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for UniqueMapVisitor<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    type Value = UniqueMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // What `BTreeMap` says, so messages about a wrong type stay the same.
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Each key with its place among the object's members, to name both of a pair.
        let mut entries: BTreeMap<K, (usize, V)> = BTreeMap::new();
        let mut position = 0;
        while let Some(key) = map.next_key::<K>()? {
            if let Some((first, _)) = entries.get(&key) {
                // Before its value is read, so the error is at this key.
                return Err(de::Error::custom(duplicate_message(&key, *first, position)));
            }
            let value = map.next_value()?;
            entries.insert(key, (position, value));
            position += 1;
        }
        Ok(UniqueMap(
            entries.into_iter().map(|(k, (_, v))| (k, v)).collect(),
        ))
    }
}

const DUPLICATE: &str = "duplicate map key, members ";

/// The error for a key given twice: which members of the object (0-based) hold it, for the
/// loader to point at them, and the key.
fn duplicate_message(key: &impl fmt::Display, first: usize, second: usize) -> String {
    format!("{DUPLICATE}{first} and {second}: `{key}`")
}

/// For [`UniqueMap`]'s error about a key given twice: the positions of the two members
/// among the object's members, and the key.
pub(super) fn duplicate_entries(message: &str) -> Option<(usize, usize, &str)> {
    let rest = message.strip_prefix(DUPLICATE)?;
    let (first, rest) = rest.split_once(" and ")?;
    let (second, key) = rest.split_once(": ")?;
    let key = key.strip_prefix('`')?.strip_suffix('`')?;
    Some((first.parse().ok()?, second.parse().ok()?, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_file_order_and_iterates_sorted() {
        let map: UniqueMap<u16, String> =
            serde_json::from_str(r#"{"404": "b", "200": "a"}"#).unwrap();
        let keys: Vec<u16> = map.keys().copied().collect();
        assert_eq!(keys, [200, 404]);
        assert_eq!(
            serde_json::to_string(&map).unwrap(),
            r#"{"200":"a","404":"b"}"#
        );
    }

    #[test]
    fn a_repeated_key_names_both_members() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let err = serde_json::from_str::<UniqueMap<String, u8>>(text).unwrap_err();
        let message = err.to_string();
        let plain = message.rsplit_once(" at line ").unwrap().0;
        assert_eq!(duplicate_entries(plain), Some((0, 2, "a")));
        // At the second key, before its value.
        assert_eq!(err.column(), text.rfind("\"a\"").unwrap() + 3);
    }

    #[test]
    fn the_schema_is_the_btree_maps() {
        let mine = schemars::schema_for!(UniqueMap<String, u8>);
        let btree = schemars::schema_for!(BTreeMap<String, u8>);
        assert_eq!(mine, btree);
    }
}
