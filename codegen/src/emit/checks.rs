//! Documented constraints as code: ranges, lengths, item counts, nested `validate` calls.

use proc_macro2::Literal;

use super::text::Text;
use crate::ir::{Checks, TypeRef};
use crate::paths::*;

/// Checks for one value (`value` is an expression of type `&T`), naming it `field` (an
/// expression of type `&str`) in errors, as statements at `indent`.
pub(super) fn value_checks(
    t: &mut Text,
    indent: usize,
    checks: &Checks,
    ty: &TypeRef,
    value: &str,
    field: &str,
) {
    let some = |lit: Literal| format!("{SOME}({lit})");
    let opt_f64 = |v: Option<f64>| v.map_or(NONE.to_string(), |v| some(Literal::f64_suffixed(v)));
    let opt_u64 = |v: Option<u64>| v.map_or(NONE.to_string(), |v| some(Literal::u64_suffixed(v)));
    if checks.minimum.is_some() || checks.maximum.is_some() {
        let as_f64 = if *ty == TypeRef::Number {
            format!("{value}.as_f64().unwrap_or(f64::NAN)")
        } else {
            format!("*{value} as f64")
        };
        let args = [
            as_f64,
            opt_f64(checks.minimum),
            opt_f64(checks.maximum),
            field.to_owned(),
        ];
        t.list(indent, &format!("{PRIVATE}::check_range("), &args, ")?;");
    }
    let mut check_len = |count: String, min, max, unit: &str| {
        let args = [
            count,
            opt_u64(min),
            opt_u64(max),
            format!("\"{unit}\""),
            field.to_owned(),
        ];
        t.list(indent, &format!("{PRIVATE}::check_len("), &args, ")?;");
    };
    if checks.min_length.is_some() || checks.max_length.is_some() {
        let count = format!("{value}.chars().count()");
        check_len(count, checks.min_length, checks.max_length, "characters");
    }
    if checks.min_items.is_some() || checks.max_items.is_some() {
        let count = format!("{value}.len()");
        check_len(count, checks.min_items, checks.max_items, "items");
    }
    // Each level of nesting names its path once, before the loop of the level below, so an
    // inner loop cannot read the outer's index (`grid[i][j]`, not `grid[j][j]`).
    let nested = match (&checks.items, &checks.values, ty) {
        (Some(items), _, TypeRef::Vec(item_ty)) => Some((
            items,
            item_ty,
            format!("for (__index, __item) in {value}.iter().enumerate() {{"),
            "let __at = ::std::format!(\"{__outer}[{__index}]\");",
        )),
        (_, Some(values), TypeRef::Map(value_ty)) => Some((
            values,
            value_ty,
            format!("for (__key, __item) in {value} {{"),
            "let __at = ::std::format!(\"{__outer}[{__key:?}]\");",
        )),
        _ => None,
    };
    if let Some((inner, inner_ty, head, at)) = nested {
        t.line(indent, &format!("let __outer: &str = {field};"));
        t.line(indent, &head);
        t.line(indent + 1, at);
        value_checks(t, indent + 1, inner, inner_ty, "__item", "&__at");
        t.line(indent, "}");
    }
    if checks.nested {
        t.line(indent, &format!("{value}.validate({field})?;"));
    }
}

/// Runs `checks` (statements that read `__value: &T`) on a required value, or on an
/// optional one if set.
pub(super) fn guarded(
    t: &mut Text,
    indent: usize,
    required: bool,
    place: &str,
    checks: impl FnOnce(&mut Text),
) {
    if required {
        t.line(indent, "{");
        t.line(indent + 1, &format!("let __value = &{place};"));
    } else {
        t.line(indent, &format!("if let {SOME}(__value) = &{place} {{"));
    }
    checks(t);
    t.line(indent, "}");
}
