//! Named types: docs, each field and enum value listed once, an enum's values (at least one;
//! phases on all of them or none; aliases that are no other value's spelling), and types no
//! request or response uses.

use std::collections::{BTreeMap, BTreeSet};

use super::{Validator, child, path};
use crate::load::PathSeg;
use crate::spec::{EnumValue, Field, Spec, TypeDef};

impl Validator<'_> {
    pub(super) fn types(&mut self, spec: &Spec) {
        for (name, def) in &spec.types {
            let at = path(&["types", name]);
            match def {
                TypeDef::Object { docs, fields, .. } => {
                    self.docs(&child(&at, "docs"), docs);
                    self.fields(&at, name, fields, spec);
                }
                TypeDef::Enum { docs, values, .. } => {
                    self.docs(&child(&at, "docs"), docs);
                    self.values(&at, name, values);
                }
            }
        }
        let used = used_types(spec);
        for name in spec.types.keys() {
            if !used.contains(name.as_str()) {
                self.warning(
                    &path(&["types", name]),
                    format!("type `{name}` is never used"),
                    None,
                );
            }
        }
    }

    fn fields(&mut self, at: &[PathSeg], name: &str, fields: &[Field], spec: &Spec) {
        // Each wire name and the index it is first listed at.
        let mut wires: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, f) in fields.iter().enumerate() {
            let fat = child(&child(at, "fields"), i);
            self.docs(&child(&fat, "docs"), &f.docs);
            self.schema(&child(&fat, "schema"), &f.schema, spec);
            self.provenance(&fat, f.provenance.as_ref());
            self.marks(&fat, f, &f.page_mistakes);
            let first = *wires.entry(f.name.as_str()).or_insert(i);
            if first != i {
                let (line, column) =
                    self.position(&child(&child(&child(at, "fields"), first), "name"));
                self.error(
                    &child(&fat, "name"),
                    format!(
                        "field `{}` of `{name}` is listed twice (first at line {line}, column {column})",
                        f.name
                    ),
                    Some("remove one of them".to_owned()),
                );
            }
        }
    }

    fn values(&mut self, at: &[PathSeg], name: &str, values: &[EnumValue]) {
        if values.is_empty() {
            self.error(
                &child(at, "values"),
                format!("enum `{name}` has no values"),
                Some("list every documented value".to_owned()),
            );
        }
        let with_phase = values.iter().filter(|v| v.phase.is_some()).count();
        // Each wire value and the index it is first listed at.
        let mut wires: BTreeMap<&str, usize> = BTreeMap::new();
        // Alias spellings, in the order they are listed.
        let mut aliases: BTreeSet<&str> = BTreeSet::new();
        for (i, v) in values.iter().enumerate() {
            let vat = child(&child(at, "values"), i);
            self.docs(&child(&vat, "docs"), &v.docs);
            self.provenance(&vat, v.provenance.as_ref());
            self.marks(&vat, v, &v.page_mistakes);
            for (j, alias) in v.aliases.iter().enumerate() {
                let aat = child(&child(&vat, "aliases"), j);
                self.docs(&child(&aat, "evidence"), &alias.evidence);
                // A value anywhere in the enum, or an alias listed earlier.
                let clash = values.iter().any(|w| w.value == alias.value)
                    || !aliases.insert(alias.value.as_str());
                if clash {
                    self.error(
                        &child(&aat, "value"),
                        format!(
                            "alias `{}` is already a value or an alias of `{name}`",
                            alias.value
                        ),
                        Some("a wire spelling can decode as one value only".to_owned()),
                    );
                }
            }
            if with_phase > 0 && v.phase.is_none() {
                self.error(
                    &vat,
                    format!(
                        "value `{}` has no `phase`, but others in `{name}` do",
                        v.value
                    ),
                    Some("give every value of a status enum a phase".to_owned()),
                );
            }
            let first = *wires.entry(v.value.as_str()).or_insert(i);
            if first != i {
                let (line, column) =
                    self.position(&child(&child(&child(at, "values"), first), "value"));
                self.error(
                    &child(&vat, "value"),
                    format!(
                        "value `{}` of enum `{name}` is listed twice (first at line {line}, column {column})",
                        v.value
                    ),
                    Some("remove one of them".to_owned()),
                );
            }
        }
    }
}

/// Names of the types reachable from the request and the responses.
fn used_types(spec: &Spec) -> BTreeSet<&str> {
    let request = &spec.request;
    let params = request
        .path
        .iter()
        .chain(&request.query)
        .chain(&request.headers)
        .map(|p| &p.schema);
    let bodies = request
        .body
        .iter()
        .map(|b| &b.schema)
        .chain(spec.responses.values().filter_map(|r| r.body.as_ref()));
    spec.types_reachable_from(params.chain(bodies))
}
