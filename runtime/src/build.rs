//! Building requests: the builder's error and the checks `build()` runs.

use std::fmt;

/// A request that cannot be built: a required parameter is missing or a value breaks a
/// documented constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    field: String,
    problem: String,
}

impl BuildError {
    /// An error about `field` (a parameter name or a path such as `body.jobs[0]`).
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        BuildError {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The offending parameter or field, as a path: `body.page_req.per_page`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.problem)
    }
}

impl std::error::Error for BuildError {}

/// The builder's error when a required parameter was never set.
pub fn missing<T>(value: Option<T>, field: &str) -> Result<T, BuildError> {
    value.ok_or_else(|| BuildError::new(field, "is required but was not set"))
}

/// Checks a number against documented bounds.
pub fn check_range<N: Into<f64> + Copy + fmt::Display>(
    value: N,
    minimum: Option<f64>,
    maximum: Option<f64>,
    field: &str,
) -> Result<(), BuildError> {
    let v: f64 = value.into();
    if let Some(min) = minimum.filter(|&min| v < min) {
        return Err(BuildError::new(
            field,
            format!("must be at least {min}, got {value}"),
        ));
    }
    if let Some(max) = maximum.filter(|&max| v > max) {
        return Err(BuildError::new(
            field,
            format!("must be at most {max}, got {value}"),
        ));
    }
    Ok(())
}

/// Checks a length (characters of a string, items of an array) against documented bounds.
pub fn check_len(
    len: usize,
    minimum: Option<u64>,
    maximum: Option<u64>,
    unit: &str,
    field: &str,
) -> Result<(), BuildError> {
    let len = len as u64;
    if let Some(min) = minimum.filter(|&min| len < min) {
        return Err(BuildError::new(
            field,
            format!("must have at least {min} {unit}, got {len}"),
        ));
    }
    if let Some(max) = maximum.filter(|&max| len > max) {
        return Err(BuildError::new(
            field,
            format!("must have at most {max} {unit}, got {len}"),
        ));
    }
    Ok(())
}

/// Checks that a header parameter can be sent as an HTTP header value.
pub fn check_header(value: &str, field: &str) -> Result<(), BuildError> {
    http::HeaderValue::from_str(value)
        .map(drop)
        .map_err(|_| BuildError::new(field, "is not a valid HTTP header value"))
}
