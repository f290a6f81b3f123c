//! The spec's own names as the spec format wants them: provider, service and operation in
//! snake_case and short enough for a file name, and the file where they say it lives. Which
//! Rust names they become, and whether those can be used, is `lower`'s to decide.

use heck::ToSnakeCase;

use super::{Validator, path};
use crate::spec::Spec;

/// The longest file or directory name most file systems take, in bytes.
const MAX_FILE_NAME: usize = 255;

/// Why a provider, service or operation name is refused, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameProblem {
    pub message: String,
    pub suggestion: Option<String>,
}

/// The rule for the names that become modules and paths, `key` being `provider`, `service`
/// or `operation`: snake_case (lowercase ASCII letters, digits and single `_`s, starting with
/// a letter) and short enough for a file name. Every problem found, in this order. `cargo
/// xtask new` asks the same question before it writes a skeleton.
pub fn module_name_problems(key: &str, value: &str) -> Vec<NameProblem> {
    let mut problems = Vec::new();
    let snake = value.to_snake_case();
    let is_ident = !value.is_empty()
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !is_ident || snake != *value {
        problems.push(NameProblem {
            message: format!("`{key}` must be a snake_case name, got `{value}`"),
            suggestion: (!snake.is_empty()).then(|| format!("use `{snake}`")),
        });
    }
    // A module is a directory (provider, service) or a `.rs` file (operation).
    let limit = if key == "operation" {
        MAX_FILE_NAME - ".rs".len()
    } else {
        MAX_FILE_NAME
    };
    if value.len() > limit {
        problems.push(NameProblem {
            message: format!(
                "`{key}` is {} bytes long; the generated {} would pass the {MAX_FILE_NAME}-byte file name limit",
                value.len(),
                if key == "operation" { "`.rs` file's name" } else { "directory's name" }
            ),
            suggestion: Some(format!("use a name of at most {limit} bytes")),
        });
    }
    problems
}

impl Validator<'_> {
    pub(super) fn names(&mut self, spec: &Spec) {
        for (key, value) in [
            ("provider", &spec.provider),
            ("service", &spec.service),
            ("operation", &spec.operation),
        ] {
            for problem in module_name_problems(key, value) {
                self.error(&path(&[key]), problem.message, problem.suggestion);
            }
        }
        let expected = format!("{}/{}/{}.json", spec.provider, spec.service, spec.operation);
        if self.file.id().as_str() != expected {
            self.warning(
                &[],
                format!("this spec should live at `{expected}` in the specs directory"),
                None,
            );
        }
    }
}
