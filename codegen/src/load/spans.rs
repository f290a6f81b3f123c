//! Where things are in one spec file: paths into the document ([`PathSeg`]) and the span
//! index that turns a path into a byte offset.
//!
//! The index is built once per file from one jsonc-parser parse and owns what it keeps
//! (ranges, keys, the kind of each value), so it can live beside the text in a
//! [`SpecFile`](super::SpecFile) and answer every diagnostic of that file. It keeps every
//! member of an object in file order, a key given twice included.

use std::ops::Range;

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;

/// One step of a path into a JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    /// A member of an object, by key.
    Key(String),
    /// An element of an array, by position.
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(key: &str) -> Self {
        PathSeg::Key(key.to_owned())
    }
}

impl From<usize> for PathSeg {
    fn from(index: usize) -> Self {
        PathSeg::Index(index)
    }
}

/// A path as people write it: `types.PageReq.fields[1].schema`.
pub fn display_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            PathSeg::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// A value of the document, by its place in [`SpanIndex`].
pub(super) type NodeId = usize;

/// Every value of one document: its byte range and kind, objects with their members in file
/// order. Empty when jsonc-parser cannot read the text (every lookup then misses).
#[derive(Clone, Debug, Default)]
pub(crate) struct SpanIndex {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug)]
struct Node {
    range: Range<usize>,
    kind: Kind,
}

/// What a value is; strings and numbers keep what the messages about them compare.
#[derive(Clone, Debug)]
pub(super) enum Kind {
    Object(Box<[Member]>),
    Array(Box<[NodeId]>),
    /// The string's value, escapes decoded.
    String(Box<str>),
    /// The number as written.
    Number(Box<str>),
    Bool(bool),
    Null,
}

/// One member of an object.
#[derive(Clone, Debug)]
pub(super) struct Member {
    /// The key, escapes decoded.
    pub(super) name: Box<str>,
    /// Where the key is, quotes included: the member starts here.
    pub(super) key: Range<usize>,
    pub(super) value: NodeId,
}

impl SpanIndex {
    /// Parses `text` once (jsonc-parser, which keeps positions and repeated keys).
    pub(crate) fn new(text: &str) -> Self {
        let options = jsonc_parser::ParseOptions::default();
        let mut index = SpanIndex::default();
        if let Ok(parsed) = jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
            if let Some(root) = &parsed.value {
                index.add(root);
            }
        }
        index
    }

    /// Adds `value` and everything below it; the root is node 0.
    fn add(&mut self, value: &Value) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            range: value.start()..value.end(),
            kind: Kind::Null,
        });
        let kind = match value {
            Value::Object(object) => Kind::Object(
                object
                    .properties
                    .iter()
                    .map(|p| {
                        let name = match &p.name {
                            ObjectPropName::String(s) => s.range,
                            ObjectPropName::Word(w) => w.range,
                        };
                        Member {
                            name: p.name.as_str().into(),
                            key: name.start..name.end,
                            value: self.add(&p.value),
                        }
                    })
                    .collect(),
            ),
            Value::Array(array) => {
                Kind::Array(array.elements.iter().map(|e| self.add(e)).collect())
            }
            Value::StringLit(s) => Kind::String(s.value.as_ref().into()),
            Value::NumberLit(n) => Kind::Number(n.value.into()),
            Value::BooleanLit(b) => Kind::Bool(b.value),
            Value::NullKeyword(_) => Kind::Null,
        };
        self.nodes[id].kind = kind;
        id
    }

    /// The document's value, if it could be read.
    pub(super) fn root(&self) -> Option<NodeId> {
        (!self.nodes.is_empty()).then_some(0)
    }

    pub(super) fn kind(&self, id: NodeId) -> &Kind {
        &self.nodes[id].kind
    }

    /// Where the value is in the text.
    pub(super) fn range(&self, id: NodeId) -> Range<usize> {
        self.nodes[id].range.clone()
    }

    /// The members of an object, in file order (none for anything else).
    pub(super) fn members(&self, id: NodeId) -> &[Member] {
        match self.kind(id) {
            Kind::Object(members) => members,
            _ => &[],
        }
    }

    /// The first member of object `id` named `key`.
    pub(super) fn member(&self, id: NodeId, key: &str) -> Option<&Member> {
        self.members(id).iter().find(|m| &*m.name == key)
    }

    /// The string value of member `key` of object `id`.
    pub(super) fn string(&self, id: NodeId, key: &str) -> Option<&str> {
        match self.kind(self.member(id, key)?.value) {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// One step down from `id`: the member's key start and value, or the element's start
    /// and value.
    fn step(&self, id: NodeId, seg: &PathSeg) -> Option<(usize, NodeId)> {
        match (seg, self.kind(id)) {
            (PathSeg::Key(key), Kind::Object(_)) => {
                self.member(id, key).map(|m| (m.key.start, m.value))
            }
            (PathSeg::Index(index), Kind::Array(elements)) => {
                let element = *elements.get(*index)?;
                Some((self.nodes[element].range.start, element))
            }
            _ => None,
        }
    }

    /// The value at exactly `path`, if there is one.
    pub(super) fn get(&self, path: &[PathSeg]) -> Option<NodeId> {
        path.iter()
            .try_fold(self.root()?, |id, seg| Some(self.step(id, seg)?.1))
    }

    /// Byte offset of the deepest element of `path` that exists: the key of an object
    /// member, or the start of an array element. Falls back to the start of the document.
    pub(crate) fn locate(&self, path: &[PathSeg]) -> usize {
        let Some(mut id) = self.root() else {
            return 0;
        };
        let mut offset = self.nodes[id].range.start;
        for seg in path {
            match self.step(id, seg) {
                Some((start, next)) => {
                    offset = start;
                    id = next;
                }
                None => break,
            }
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "a": { "b": [10, { "c": "x\u0079" }], "b": null },
  "d": true
}"#;

    fn path(segs: &[PathSeg]) -> Vec<PathSeg> {
        segs.to_vec()
    }

    #[test]
    fn paths_find_keys_and_elements() {
        let index = SpanIndex::new(TEXT);
        let key = |k: &str| PathSeg::from(k);
        assert_eq!(index.locate(&[]), 0);
        assert_eq!(index.locate(&[key("d")]), TEXT.find("\"d\"").unwrap());
        let c = path(&[key("a"), key("b"), PathSeg::Index(1), key("c")]);
        assert_eq!(index.locate(&c), TEXT.find("\"c\"").unwrap());
        let ten = path(&[key("a"), key("b"), PathSeg::Index(0)]);
        assert_eq!(index.locate(&ten), TEXT.find("10").unwrap());
        // A path that goes on where the document stops ends at its last existing step.
        let deeper = path(&[key("d"), key("e"), key("f")]);
        assert_eq!(index.locate(&deeper), TEXT.find("\"d\"").unwrap());
        let value = index.get(&c).unwrap();
        assert!(matches!(index.kind(value), Kind::String(s) if &**s == "xy"));
        assert_eq!(&TEXT[index.range(value)], r#""x\u0079""#);
        assert!(index.get(&deeper).is_none());
    }

    #[test]
    fn repeated_keys_are_all_kept_in_order() {
        let index = SpanIndex::new(TEXT);
        let a = index.get(&[PathSeg::from("a")]).unwrap();
        let names: Vec<&str> = index.members(a).iter().map(|m| &*m.name).collect();
        assert_eq!(names, ["b", "b"]);
        let second = &index.members(a)[1];
        assert_eq!(second.key.start, TEXT.rfind("\"b\"").unwrap());
        assert!(matches!(index.kind(second.value), Kind::Null));
        // By key, the first one wins.
        assert!(matches!(
            index.kind(index.member(a, "b").unwrap().value),
            Kind::Array(_)
        ));
    }

    #[test]
    fn unreadable_text_gives_an_empty_index() {
        let index = SpanIndex::new("{ \"a\": ");
        assert_eq!(index.root(), None);
        assert_eq!(index.locate(&[PathSeg::from("a")]), 0);
    }

    #[test]
    fn display_path_reads_like_the_spec() {
        let p = [
            PathSeg::from("types"),
            PathSeg::from("Req"),
            PathSeg::Index(1),
        ];
        assert_eq!(display_path(&p), "types.Req[1]");
    }
}
