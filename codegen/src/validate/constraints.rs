//! Schemas: references resolve, and each schema's [`Constraints`] agree with themselves (a
//! minimum not above its maximum, a default within its limits and its integer format).

use std::fmt::Display;

use super::{Validator, child};
use crate::diagnostics::did_you_mean;
use crate::load::PathSeg;
use crate::spec::{Bounds, Constraints, DefaultValue, IntFormat, Schema, Spec};

impl Validator<'_> {
    pub(super) fn schema(&mut self, at: &[PathSeg], schema: &Schema, spec: &Spec) {
        match schema {
            Schema::Ref { name } if !spec.types.contains_key(name) => {
                let hint = did_you_mean(name, spec.types.keys().map(String::as_str))
                    .map(|d| format!("did you mean `{d}`?"))
                    .or_else(|| Some("define it under `types`".to_owned()));
                self.error(
                    &child(at, "name"),
                    format!("type `{name}` is not defined"),
                    hint,
                );
            }
            Schema::Array { items, .. } => self.schema(&child(at, "items"), items, spec),
            Schema::Map { values } => self.schema(&child(at, "values"), values, spec),
            _ => {}
        }
        let format = match schema {
            Schema::Integer { format, .. } => Some(*format),
            _ => None,
        };
        self.constraints(at, &schema.constraints(), format);
    }

    fn constraints(&mut self, at: &[PathSeg], c: &Constraints, format: Option<IntFormat>) {
        self.bounds(at, c.items, ("min_items", "max_items"));
        self.bounds(at, c.integer, ("minimum", "maximum"));
        self.bounds(at, c.number, ("minimum", "maximum"));
        self.bounds(at, c.length, ("min_length", "max_length"));
        match c.default {
            Some(DefaultValue::Integer(d)) => {
                self.default_in_bounds(at, d, c.integer);
                if let Some(format) = format.filter(|f| !int_fits(d, *f)) {
                    self.error(
                        &child(at, "default"),
                        format!("default {d} does not fit `{}`", int_format(format)),
                        Some(
                            "use a wider `format`, or check the default against the page"
                                .to_owned(),
                        ),
                    );
                }
            }
            Some(DefaultValue::Number(d)) => self.default_in_bounds(at, d, c.number),
            Some(DefaultValue::String(d)) => {
                let len = d.chars().count() as u64;
                if !c.length.is_inverted() && !c.length.contains(len) {
                    self.error(
                        &child(at, "default"),
                        format!(
                            "default `{d}` is {len} characters long, outside its own length constraints ({})",
                            c.length
                        ),
                        Some("check the default and the limits against the page".to_owned()),
                    );
                }
            }
            Some(DefaultValue::Boolean(_)) | None => {}
        }
    }

    fn bounds<T: Copy + PartialOrd + Display>(
        &mut self,
        at: &[PathSeg],
        bounds: Bounds<T>,
        (min_key, max_key): (&str, &str),
    ) {
        if let (Some(min), Some(max)) = (bounds.min, bounds.max) {
            if min > max {
                self.error(
                    &child(at, max_key),
                    format!("`{min_key}` ({min}) is greater than `{max_key}` ({max})"),
                    Some("check the limits against the page; they may be swapped".to_owned()),
                );
            }
        }
    }

    fn default_in_bounds<T: Copy + PartialOrd + Display>(
        &mut self,
        at: &[PathSeg],
        d: T,
        bounds: Bounds<T>,
    ) {
        // An inverted range is reported by `bounds`; no default can fit.
        if !bounds.is_inverted() && !bounds.contains(d) {
            self.error(
                &child(at, "default"),
                format!("default {d} is outside its own constraints ({bounds})"),
                Some("check the default and the limits against the page".to_owned()),
            );
        }
    }
}

/// An integer format as the spec writes it.
pub(super) fn int_format(format: IntFormat) -> &'static str {
    match format {
        IntFormat::Int32 => "int32",
        IntFormat::Int64 => "int64",
        IntFormat::Uint32 => "uint32",
        IntFormat::Uint64 => "uint64",
    }
}

/// Whether `n` fits an integer of `format`.
pub(super) fn int_fits(n: i64, format: IntFormat) -> bool {
    match format {
        IntFormat::Int32 => i32::try_from(n).is_ok(),
        IntFormat::Int64 => true,
        IntFormat::Uint32 => u32::try_from(n).is_ok(),
        IntFormat::Uint64 => n >= 0,
    }
}
