//! The structural pass: what serde accepts silently, checked on a spec that has loaded.
//!
//! - An object written as an array: serde reads `"auth": ["x_auth_token", "…"]` as a
//!   struct's fields in order; the format never means that.
//! - A key given twice inside free JSON (example values and bodies): serde_json keeps the
//!   last, so the example would no longer be what the page shows. (Elsewhere serde itself
//!   refuses a repeated key: `duplicate field` for structs, [`UniqueMap`](super::UniqueMap)
//!   for the name-keyed maps.)
//!
//! One cheap pass over the document's shape (serde_json, keys borrowed from the text); the
//! span index is built only to locate what it finds.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};

use super::Finding;
use super::spans::{PathSeg, SpanIndex, display_path};
use crate::diagnostics::line_column;

/// Keys whose value is a list in the spec format (a unit test checks them against
/// `specs/schema.json`). Anywhere else, an array stands for an object.
pub(super) const LISTS: &[&str] = &[
    "path",
    "query",
    "headers",
    "fields",
    "values",
    "examples",
    "other_endpoints",
    "aliases",
    "page_mistakes",
    "done",
    "failed",
];

/// The first thing serde let through, if any.
pub(super) fn check(text: &str) -> Option<Finding> {
    let shape: Shape = serde_json::from_str(text).ok()?;
    let mut path = Vec::new();
    let problem = walk(&shape, Context::Spec, &mut path)?;
    let spans = SpanIndex::new(text);
    Some(match problem {
        Problem::ArrayForObject => Finding::new(
            spans.locate(&path),
            format!(
                "at `{}`: expected an object, found an array",
                display_path(&path)
            ),
            Some("write it as an object with named keys"),
        ),
        Problem::RepeatedKey { first, second } => {
            let members = spans.get(&path).map(|id| spans.members(id));
            let at = |i: usize| members.and_then(|m| m.get(i)).map(|m| m.key.start);
            let (line, _) = line_column(text, at(first).unwrap_or(0));
            let key = members.and_then(|m| m.get(second)).map_or("", |m| &m.name);
            Finding::new(
                at(second).unwrap_or_else(|| spans.locate(&path)),
                format!(
                    "at `{}`: the key `{key}` is given twice (first on line {line}), and only the last would be kept",
                    display_path(&path)
                ),
                Some(
                    "remove one of them; if the page's example really has both, keep the one it means and record the other in `page_mistakes`",
                ),
            )
        }
    })
}

/// What the walk found; the path it leaves is the array, or the object with the key twice.
enum Problem {
    ArrayForObject,
    /// Two members (positions among the object's members) with the same key.
    RepeatedKey {
        first: usize,
        second: usize,
    },
}

/// Where in the format a value is: what an array or a repeated key means there.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// The spec's own structure.
    Spec,
    /// `examples` and its elements, whose `body` is free JSON.
    Example,
    /// Free JSON: any value is fine, but a key must not repeat.
    Free,
}

impl Context {
    /// The context of member `key` of an object in this context. Free JSON is `example`
    /// anywhere and `body` in an example (a unit test checks these against
    /// `specs/schema.json`).
    fn member(self, key: &str) -> Context {
        match key {
            _ if self == Context::Free => Context::Free,
            "example" => Context::Free,
            "body" if self == Context::Example => Context::Free,
            "examples" => Context::Example,
            _ => Context::Spec,
        }
    }
}

/// The first problem in `shape`, in file order; `path` ends where it is.
fn walk(shape: &Shape, context: Context, path: &mut Vec<PathSeg>) -> Option<Problem> {
    match shape {
        Shape::Scalar => None,
        Shape::Array(elements) => elements.iter().enumerate().find_map(|(i, element)| {
            path.push(PathSeg::Index(i));
            let found = match element {
                // Every list of the format is a list of objects.
                Shape::Array(_) if context != Context::Free => Some(Problem::ArrayForObject),
                _ => walk(element, context, path),
            };
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Shape::Object(members) => {
            let mut seen = Seen::default();
            for (i, (key, value)) in members.iter().enumerate() {
                if let Some(first) = seen.insert(members, i) {
                    return Some(Problem::RepeatedKey { first, second: i });
                }
                path.push(PathSeg::from(key.as_ref()));
                let inner = context.member(key);
                let found = match value {
                    Shape::Array(_) if inner != Context::Free && !LISTS.contains(&key.as_ref()) => {
                        Some(Problem::ArrayForObject)
                    }
                    _ => walk(value, inner, path),
                };
                if found.is_some() {
                    return found;
                }
                path.pop();
            }
            None
        }
    }
}

/// The keys of one object seen so far: a scan for the few members most objects have, a
/// hash map beyond that.
#[derive(Default)]
struct Seen<'s> {
    index: HashMap<&'s str, usize>,
}

impl<'s> Seen<'s> {
    const SCAN: usize = 16;

    /// Records member `i`; returns the earlier member with the same key, if there is one.
    fn insert(&mut self, members: &'s [(Cow<'_, str>, Shape<'_>)], i: usize) -> Option<usize> {
        let key = members[i].0.as_ref();
        if members.len() <= Self::SCAN {
            return members[..i].iter().position(|(k, _)| k == key);
        }
        match self.index.entry(key) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(entry) => {
                entry.insert(i);
                None
            }
        }
    }
}

/// The structure of a JSON document with duplicate keys kept and scalars dropped (keys
/// borrowed from the text where they have no escapes).
enum Shape<'a> {
    Object(Vec<(Cow<'a, str>, Shape<'a>)>),
    Array(Vec<Shape<'a>>),
    Scalar,
}

impl<'de> Deserialize<'de> for Shape<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = seq.next_element()? {
            elements.push(element);
        }
        Ok(Shape::Array(elements))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(ShapeKey(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        Ok(Shape::Object(members))
    }
}

/// An object key, borrowed when serde_json can lend it.
struct ShapeKey<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for ShapeKey<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = ShapeKey<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(ShapeKey(Cow::Borrowed(key)))
            }
            fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
                Ok(ShapeKey(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
