//! Named waiters as data, their values resolved to the status enum's variants.

use crate::ir::{Waiter, WaiterValue};
use crate::spec::{self, Spec};

use super::names::Names;

/// The spec's waiters, in name order. A waiter whose enum cannot be found (only without
/// `validate`) is left out.
pub(super) fn lower(spec: &Spec, names: &Names) -> Vec<Waiter> {
    let statuses = spec.success_status_enums();
    spec.waiters
        .iter()
        .filter_map(|(name, w)| {
            let status = match &w.status {
                Some(status) => status.as_str(),
                None => *statuses.iter().next()?,
            };
            let Some(spec::TypeDef::Enum { values, .. }) = spec.types.get(status) else {
                return None;
            };
            let variants = names.variants.get(status)?;
            let value = |wire: &str| {
                values
                    .iter()
                    .zip(variants)
                    .find(|(v, _)| v.value == wire)
                    .map(|(v, variant)| WaiterValue {
                        wire: v.value.clone(),
                        variant: variant.clone(),
                    })
            };
            let done: Vec<WaiterValue> = w.done.iter().filter_map(|d| value(d)).collect();
            let failed = match &w.failed {
                Some(failed) => failed.iter().filter_map(|f| value(f)).collect(),
                // Absent: every other value after which nothing more happens.
                None => values
                    .iter()
                    .filter(|v| v.phase.is_some_and(spec::Phase::is_terminal))
                    .filter(|v| !w.done.contains(&v.value))
                    .filter_map(|v| value(&v.value))
                    .collect(),
            };
            Some(Waiter {
                name: name.clone(),
                docs: w.docs.clone(),
                status: names.types.get(status)?.clone(),
                done,
                failed,
            })
        })
        .collect()
}
