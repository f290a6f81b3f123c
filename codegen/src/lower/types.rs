//! Named types and type references: which structs get a `validate` method (a constraint at
//! any depth), which derive `Default`, which fields are boxed (they refer back to their own
//! struct), and the checks the builder runs for each value.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Checks, Docs, Enum, Field, Ident, Struct, TypeDef, TypeRef, Variant};
use crate::spec::{self, Schema};

use super::docs::{self, ExampleMarks};
use super::names::Names;

/// The objects of a spec, by name.
type Structs<'a> = BTreeMap<&'a str, &'a Vec<spec::Field>>;

/// What lowering one spec's types needs to know about all of them.
pub(super) struct TypeLowering<'a> {
    spec: &'a spec::Spec,
    names: &'a Names<'a>,
    structs: Structs<'a>,
    /// Structs with a constraint somewhere inside.
    checked: BTreeSet<&'a str>,
    /// Types the request body reaches: only these are checked (by the builder).
    in_request: BTreeSet<&'a str>,
    /// Structs that derive `Default`.
    defaultable: BTreeSet<&'a str>,
}

/// Turns schemas into type references and checks.
pub(super) struct Ctx<'a> {
    type_names: &'a BTreeMap<&'a str, Ident>,
    checked: &'a BTreeSet<&'a str>,
}

impl<'a> TypeLowering<'a> {
    pub(super) fn new(spec: &'a spec::Spec, names: &'a Names<'a>) -> TypeLowering<'a> {
        let structs: Structs = spec
            .types
            .iter()
            .filter_map(|(name, def)| match def {
                spec::TypeDef::Object { fields, .. } => Some((name.as_str(), fields)),
                spec::TypeDef::Enum { .. } => None,
            })
            .collect();
        TypeLowering {
            spec,
            names,
            checked: structs_with_checks(&structs),
            in_request: spec.types_reachable_from(spec.request.body.iter().map(|b| &b.schema)),
            defaultable: structs_with_default(spec, &structs),
            structs,
        }
    }

    pub(super) fn ctx(&self) -> Ctx<'_> {
        Ctx {
            type_names: &self.names.types,
            checked: &self.checked,
        }
    }

    /// The spec's named types, in name order, with the marks its examples put on them.
    pub(super) fn lower(&self, marks: &ExampleMarks) -> Vec<TypeDef> {
        self.spec
            .types
            .iter()
            .map(|(name, def)| {
                let rust = self.names.types[name.as_str()].clone();
                match def {
                    spec::TypeDef::Object {
                        docs,
                        docs_original,
                        fields,
                    } => {
                        let mut docs = Docs::new(docs, docs_original.as_deref());
                        docs.0.extend(marks.of_item(name, None));
                        TypeDef::Struct(self.object(name, rust, docs, fields, marks))
                    }
                    spec::TypeDef::Enum {
                        docs,
                        docs_original,
                        values,
                    } => {
                        let mut docs = Docs::new(docs, docs_original.as_deref());
                        docs.0.extend(marks.of_item(name, None));
                        TypeDef::Enum(Enum {
                            name: rust,
                            docs,
                            variants: values
                                .iter()
                                .zip(&self.names.variants[name.as_str()])
                                .map(|(v, ident)| Variant {
                                    wire: v.value.clone(),
                                    ident: ident.clone(),
                                    docs: docs::variant(v),
                                    phase: v.phase.map(Into::into),
                                    aliases: v.aliases.iter().map(|a| a.value.clone()).collect(),
                                })
                                .collect(),
                            is_status: spec::is_status(values),
                        })
                    }
                }
            })
            .collect()
    }

    fn object(
        &self,
        name: &str,
        rust: Ident,
        docs: Docs,
        fields: &[spec::Field],
        marks: &ExampleMarks,
    ) -> Struct {
        let idents = &self.names.fields[name];
        let ctx = self.ctx();
        Struct {
            extra: extra_ident(idents),
            name: rust,
            docs,
            fields: fields
                .iter()
                .zip(idents)
                .enumerate()
                .map(|(i, (f, ident))| Field {
                    wire: f.name.clone(),
                    ident: ident.clone(),
                    required: f.required,
                    ty: ctx.type_ref(&f.schema),
                    boxed: refers_back(&self.structs, name, &f.schema),
                    checks: ctx.checks(&f.schema),
                    default: f.schema.constraints().default.map(docs::default_text),
                    docs: {
                        let mut d = docs::field(&f.docs, f.docs_original.as_deref(), &f.schema);
                        docs::push_provenance(&mut d, f.provenance.as_ref());
                        docs::push_mistakes(&mut d, &f.page_mistakes, None);
                        d.0.extend(marks.of_item(name, Some(i)));
                        d
                    },
                })
                .collect(),
            // Only request types are checked (by the builder); responses are taken as sent.
            has_checks: self.checked.contains(name) && self.in_request.contains(name),
            derive_default: self.defaultable.contains(name),
        }
    }
}

impl Ctx<'_> {
    pub(super) fn type_ref(&self, schema: &Schema) -> TypeRef {
        match schema {
            Schema::String { .. } => TypeRef::String,
            Schema::Integer { format, .. } => TypeRef::Int((*format).into()),
            Schema::Number { .. } => TypeRef::Number,
            Schema::Boolean { .. } => TypeRef::Bool,
            Schema::Timestamp { .. } => TypeRef::Timestamp,
            Schema::Json {} => TypeRef::Json,
            Schema::Array { items, .. } => TypeRef::Vec(Box::new(self.type_ref(items))),
            Schema::Map { values } => TypeRef::Map(Box::new(self.type_ref(values))),
            Schema::Ref { name } => match self.type_names.get(name.as_str()) {
                Some(rust) => TypeRef::Named(rust.clone()),
                // Unreachable after validation; free JSON keeps the data and compiles.
                None => TypeRef::Json,
            },
        }
    }

    /// What the builder checks for a value of this schema. The runtime compares numbers as
    /// `f64`, so integer bounds become `f64` here, at the IR's edge.
    pub(super) fn checks(&self, schema: &Schema) -> Checks {
        let c = schema.constraints();
        let mut checks = Checks {
            minimum: c.integer.min.map(|v| v as f64).or(c.number.min),
            maximum: c.integer.max.map(|v| v as f64).or(c.number.max),
            min_length: c.length.min,
            max_length: c.length.max,
            min_items: c.items.min,
            max_items: c.items.max,
            ..Checks::default()
        };
        match schema {
            Schema::Array { items: inner, .. } | Schema::Map { values: inner } => {
                let inner = self.checks(inner);
                if !inner.is_empty() {
                    let slot = if matches!(schema, Schema::Array { .. }) {
                        &mut checks.items
                    } else {
                        &mut checks.values
                    };
                    *slot = Some(Box::new(inner));
                }
            }
            Schema::Ref { name } => checks.nested = self.checked.contains(name.as_str()),
            _ => {}
        }
        checks
    }
}

/// Structs that have a constraint somewhere inside them (fixpoint, so recursion is fine).
fn structs_with_checks<'a>(structs: &Structs<'a>) -> BTreeSet<&'a str> {
    fn direct(schema: &Schema, set: &BTreeSet<&str>) -> bool {
        schema.constraints().is_checked()
            || match schema {
                Schema::Array { items: inner, .. } | Schema::Map { values: inner } => {
                    direct(inner, set)
                }
                Schema::Ref { name } => set.contains(name.as_str()),
                _ => false,
            }
    }
    let mut set = BTreeSet::new();
    loop {
        let before = set.len();
        for (name, fields) in structs {
            if fields.iter().any(|f| direct(&f.schema, &set)) {
                set.insert(*name);
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// Structs whose required fields all have a `Default` (fixpoint from "all", refined down).
fn structs_with_default<'a>(spec: &spec::Spec, structs: &Structs<'a>) -> BTreeSet<&'a str> {
    fn has_default(schema: &Schema, spec: &spec::Spec, set: &BTreeSet<&str>) -> bool {
        match schema {
            Schema::Timestamp { .. } | Schema::Number { .. } => false,
            Schema::Ref { name } => match spec.types.get(name) {
                Some(spec::TypeDef::Object { .. }) => set.contains(name.as_str()),
                _ => false,
            },
            _ => true,
        }
    }
    let mut set: BTreeSet<&str> = structs.keys().copied().collect();
    loop {
        let keep: BTreeSet<&str> = set
            .iter()
            .copied()
            .filter(|name| {
                structs[name]
                    .iter()
                    .all(|f| !f.required || has_default(&f.schema, spec, &set))
            })
            .collect();
        if keep.len() == set.len() {
            return keep;
        }
        set = keep;
    }
}

/// Whether a field of struct `owner` with this schema reaches `owner` again without passing
/// through a `Vec` or map (which already allocate): such a field must be boxed.
fn refers_back(structs: &Structs, owner: &str, schema: &Schema) -> bool {
    let Schema::Ref { name } = schema else {
        return false;
    };
    let mut seen = BTreeSet::new();
    let mut stack = vec![name.as_str()];
    while let Some(current) = stack.pop() {
        if current == owner {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(fields) = structs.get(current) {
            for f in fields.iter() {
                if let Schema::Ref { name } = &f.schema {
                    stack.push(name);
                }
            }
        }
    }
    false
}

/// `extra`, or `extra_2`, `extra_3`, … when a documented field already takes the name.
fn extra_ident(fields: &[Ident]) -> Ident {
    std::iter::once("extra".to_owned())
        .chain((2..).map(|n| format!("extra_{n}")))
        .map(Ident::plain)
        .find(|candidate| !fields.contains(candidate))
        .unwrap_or_else(|| Ident::plain("extra"))
}
