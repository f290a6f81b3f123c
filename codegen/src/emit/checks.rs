//! Documented constraints as code: ranges, lengths, item counts, nested `validate` calls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Checks, TypeRef};
use crate::paths::*;

/// Checks for one value (`value` is an expression of type `&T`), naming it `field` (an
/// expression of type `&str`) in errors.
pub(super) fn value_checks(
    checks: &Checks,
    ty: &TypeRef,
    value: TokenStream,
    field: TokenStream,
) -> TokenStream {
    let mut out = Vec::new();
    let opt_f64 = |v: Option<f64>| match v {
        Some(v) => {
            let lit = Literal::f64_suffixed(v);
            quote!(#SOME(#lit))
        }
        None => quote!(#NONE),
    };
    let opt_u64 = |v: Option<u64>| match v {
        Some(v) => {
            let lit = Literal::u64_suffixed(v);
            quote!(#SOME(#lit))
        }
        None => quote!(#NONE),
    };
    if checks.minimum.is_some() || checks.maximum.is_some() {
        let (min, max) = (opt_f64(checks.minimum), opt_f64(checks.maximum));
        let as_f64 = if *ty == TypeRef::Number {
            quote!(#value.as_f64().unwrap_or(f64::NAN))
        } else {
            quote!(*#value as f64)
        };
        out.push(quote!(#PRIVATE::check_range(#as_f64, #min, #max, #field)?;));
    }
    if checks.min_length.is_some() || checks.max_length.is_some() {
        let (min, max) = (opt_u64(checks.min_length), opt_u64(checks.max_length));
        out.push(
            quote!(#PRIVATE::check_len(#value.chars().count(), #min, #max, "characters", #field)?;),
        );
    }
    if checks.min_items.is_some() || checks.max_items.is_some() {
        let (min, max) = (opt_u64(checks.min_items), opt_u64(checks.max_items));
        out.push(quote!(#PRIVATE::check_len(#value.len(), #min, #max, "items", #field)?;));
    }
    // Each level of nesting names its path once, before the loop of the level below, so an
    // inner loop cannot read the outer's index (`grid[i][j]`, not `grid[j][j]`).
    if let (Some(items), TypeRef::Vec(item_ty)) = (&checks.items, ty) {
        let inner = value_checks(items, item_ty, quote!(__item), quote!(&__at));
        out.push(quote! {
            let __outer: &str = #field;
            for (__index, __item) in #value.iter().enumerate() {
                let __at = ::std::format!("{__outer}[{__index}]");
                #inner
            }
        });
    }
    if let (Some(values), TypeRef::Map(value_ty)) = (&checks.values, ty) {
        let inner = value_checks(values, value_ty, quote!(__item), quote!(&__at));
        out.push(quote! {
            let __outer: &str = #field;
            for (__key, __item) in #value {
                let __at = ::std::format!("{__outer}[{__key:?}]");
                #inner
            }
        });
    }
    if checks.nested {
        out.push(quote!(#value.validate(#field)?;));
    }
    quote!(#(#out)*)
}

/// Runs `checks` (which read `value: &T`) on a required value, or on an optional one if set.
pub(super) fn guarded(required: bool, place: TokenStream, checks: TokenStream) -> TokenStream {
    if required {
        quote! {{
            let __value = &#place;
            #checks
        }}
    } else {
        quote! {
            if let #SOME(__value) = &#place {
                #checks
            }
        }
    }
}
