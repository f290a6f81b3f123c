//! Page-mistake marks: each must point into the item it is marked on, at the page's text;
//! each is then reported as a note, located at the mistake itself.

use serde_json::Value;

use super::{Validator, child};
use crate::diagnostics::Severity;
use crate::load::PathSeg;
use crate::spec::PageMistake;

impl Validator<'_> {
    /// Checks the page mistakes marked on the item at `at` (serialized as `item`).
    pub(super) fn marks(
        &mut self,
        at: &[PathSeg],
        item: &impl serde::Serialize,
        marks: &[PageMistake],
    ) {
        if marks.is_empty() {
            return;
        }
        let value = serde_json::to_value(item).unwrap_or(Value::Null);
        for (i, mark) in marks.iter().enumerate() {
            let mat = child(&child(at, "page_mistakes"), i);
            self.docs(&child(&mat, "page_says"), &mark.page_says);
            self.docs(&child(&mat, "believed"), &mark.believed);
            self.docs(&child(&mat, "evidence"), &mark.evidence);
            let Some((target, segments, key)) = resolve_pointer(&value, &mark.at) else {
                self.error(
                    &child(&mat, "at"),
                    format!(
                        "`{}` does not point into the marked item",
                        mark.at.escape_debug()
                    ),
                    Some(
                        "use a JSON pointer into this item as written, e.g. `/value`, `/docs`, `/body/job/id`"
                            .to_owned(),
                    ),
                );
                continue;
            };
            let found = match target {
                Value::String(text) => text.contains(&mark.page_says),
                other => serde_json::to_string(other).is_ok_and(|text| text == mark.page_says),
            } || key.is_some_and(|k| k == mark.page_says);
            if !found {
                self.error(
                    &child(&mat, "page_says"),
                    format!(
                        "the page's text `{}` is not at `{}`",
                        mark.page_says.escape_debug(),
                        mark.at.escape_debug()
                    ),
                    Some("quote the page verbatim, as the item keeps it".to_owned()),
                );
                continue;
            }
            let mut located = at.to_vec();
            located.extend(segments);
            self.out.push(self.file.diagnostic(
                Severity::Note,
                &located,
                format!(
                    "page mistake, kept verbatim: the page says `{}`; believed right: {}",
                    mark.page_says, mark.believed
                ),
                Some(format!("evidence: {}", mark.evidence)),
            ));
        }
    }
}

/// Resolves a JSON pointer (`/body/job/id`, `~1` for `/`, `~0` for `~`) in `value`: the
/// value found, the path to it, and the last key when the last step was an object key.
fn resolve_pointer<'v>(
    value: &'v Value,
    pointer: &str,
) -> Option<(&'v Value, Vec<PathSeg>, Option<String>)> {
    if pointer.is_empty() {
        return Some((value, Vec::new(), None));
    }
    let mut current = value;
    let mut segments = Vec::new();
    let mut last_key = None;
    for token in crate::spec::pointer_tokens(pointer)? {
        match current {
            Value::Object(map) => {
                current = map.get(&token)?;
                segments.push(PathSeg::Key(token.clone()));
                last_key = Some(token);
            }
            Value::Array(items) => {
                let index: usize = token.parse().ok()?;
                current = items.get(index)?;
                segments.push(PathSeg::Index(index));
                last_key = None;
            }
            _ => return None,
        }
    }
    Some((current, segments, last_key))
}
