//! Named waiters: snake_case names, and values that are documented values of a status enum
//! a 2xx response reaches, each listed once. (That a name is an identifier as written is
//! `lower`'s to check.)

use std::collections::BTreeSet;

use heck::ToSnakeCase;

use super::{Validator, child, path};
use crate::diagnostics::did_you_mean;
use crate::spec::{Spec, TypeDef};

impl Validator<'_> {
    /// Named waiters: their values must be documented values of a status enum of a 2xx
    /// response, each listed once.
    pub(super) fn waiters(&mut self, spec: &Spec) {
        if spec.waiters.is_empty() {
            return;
        }
        let statuses = spec.success_status_enums();
        for (name, waiter) in &spec.waiters {
            let at = path(&["waiters", name]);
            if name.is_empty() || name.to_snake_case() != *name {
                self.error(
                    &at,
                    format!("waiter name `{name}` is not a snake_case name"),
                    (!name.to_snake_case().is_empty())
                        .then(|| format!("use `{}`", name.to_snake_case())),
                );
            }
            self.docs(&child(&at, "docs"), &waiter.docs);
            let chosen = match &waiter.status {
                Some(status) if statuses.contains(status.as_str()) => Some(status.as_str()),
                Some(status) => {
                    let hint = did_you_mean(status, statuses.iter().copied())
                        .map(|d| format!("did you mean `{d}`?"))
                        .or_else(|| Some("name a status enum (every value has a phase) that a 2xx response reaches".to_owned()));
                    self.error(
                        &child(&at, "status"),
                        format!("`{status}` is not a status enum of a 2xx response"),
                        hint,
                    );
                    None
                }
                None if statuses.len() == 1 => statuses.iter().next().copied(),
                None if statuses.is_empty() => {
                    self.error(
                        &at,
                        "no 2xx response of this operation reaches a status enum, so a waiter has nothing to wait for",
                        Some("give the status enum's values a `phase`".to_owned()),
                    );
                    None
                }
                None => {
                    self.error(
                        &at,
                        format!(
                            "the 2xx responses reach several status enums ({}); say which one the waiter watches",
                            statuses.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                        ),
                        Some("add `\"status\": \"<enum name>\"`".to_owned()),
                    );
                    None
                }
            };
            let Some(Some(TypeDef::Enum { values, .. })) = chosen.map(|c| spec.types.get(c)) else {
                continue;
            };
            if waiter.done.is_empty() {
                self.error(
                    &child(&at, "done"),
                    format!("waiter `{name}` has no `done` values"),
                    Some("list the status values that mean this intent is done".to_owned()),
                );
            }
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let lists = [
                ("done", Some(&waiter.done)),
                ("failed", waiter.failed.as_ref()),
            ];
            for (key, list) in lists {
                for (i, value) in list.into_iter().flatten().enumerate() {
                    let vat = child(&child(&at, key), i);
                    if !seen.insert(value) {
                        self.error(
                            &vat,
                            format!("`{value}` is listed twice in waiter `{name}`"),
                            Some("a value is either `done` or `failed`, once".to_owned()),
                        );
                        continue;
                    }
                    if values.iter().any(|v| v.value == *value) {
                        continue;
                    }
                    let aliased = values
                        .iter()
                        .find(|v| v.aliases.iter().any(|a| a.value == *value));
                    let hint = match aliased {
                        Some(v) => Some(format!(
                            "`{value}` is an alias of `{}`: use `{}`",
                            v.value, v.value
                        )),
                        None => did_you_mean(value, values.iter().map(|v| v.value.as_str()))
                            .map(|d| format!("did you mean `{d}`?")),
                    };
                    self.error(
                        &vat,
                        format!(
                            "`{value}` is not a documented value of `{}`",
                            chosen.unwrap_or_default()
                        ),
                        hint,
                    );
                }
            }
        }
    }
}
