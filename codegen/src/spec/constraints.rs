//! The documented limits and default of a schema as one typed value: the one reader of the
//! spec's `minimum`, `maximum`, `min_length`, `max_length`, `min_items`, `max_items`,
//! `pattern` and `default` keys. Integer bounds stay `i64` (an `f64` cannot hold every one),
//! number bounds are the `f64` the spec gives. `validate` checks them, `lower` turns them
//! into builder checks and docs, `diff` compares them and the OpenAPI export writes them.

use std::fmt;

use super::Schema;

/// A lower and an upper limit, either possibly absent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

impl<T> Default for Bounds<T> {
    fn default() -> Self {
        Bounds {
            min: None,
            max: None,
        }
    }
}

impl<T: Copy + PartialOrd> Bounds<T> {
    fn new(min: Option<T>, max: Option<T>) -> Self {
        Bounds { min, max }
    }

    /// Neither limit is given.
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    /// Both limits are given and the minimum is above the maximum: nothing fits.
    pub fn is_inverted(&self) -> bool {
        matches!((self.min, self.max), (Some(min), Some(max)) if min > max)
    }

    /// Whether `value` is within the limits (both inclusive).
    pub fn contains(&self, value: T) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }
}

/// `min..=max`, either end left empty when open.
impl<T: fmt::Display> fmt::Display for Bounds<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(min) = &self.min {
            write!(f, "{min}")?;
        }
        f.write_str("..=")?;
        if let Some(max) = &self.max {
            write!(f, "{max}")?;
        }
        Ok(())
    }
}

/// A documented default, typed as its schema.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultValue<'a> {
    String(&'a str),
    Integer(i64),
    Number(f64),
    Boolean(bool),
}

/// What a schema itself documents about its values (not its items' or map values'). Each
/// field is empty for a schema of another kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Constraints<'a> {
    /// `minimum`/`maximum` of an integer.
    pub integer: Bounds<i64>,
    /// `minimum`/`maximum` of a number.
    pub number: Bounds<f64>,
    /// `min_length`/`max_length` of a string, in characters.
    pub length: Bounds<u64>,
    /// `min_items`/`max_items` of an array.
    pub items: Bounds<u64>,
    /// A string's `pattern`: documented, not enforced.
    pub pattern: Option<&'a str>,
    /// The documented `default`.
    pub default: Option<DefaultValue<'a>>,
}

impl Constraints<'_> {
    /// Whether the request builder has something to check: a range, a length or an item
    /// count (a pattern and a default are documentation).
    pub fn is_checked(&self) -> bool {
        !(self.integer.is_empty()
            && self.number.is_empty()
            && self.length.is_empty()
            && self.items.is_empty())
    }
}

impl Schema {
    /// The constraints this schema documents.
    pub fn constraints(&self) -> Constraints<'_> {
        let none = Constraints::default();
        match self {
            Schema::String {
                min_length,
                max_length,
                pattern,
                default,
            } => Constraints {
                length: Bounds::new(*min_length, *max_length),
                pattern: pattern.as_deref(),
                default: default.as_deref().map(DefaultValue::String),
                ..none
            },
            Schema::Integer {
                minimum,
                maximum,
                default,
                ..
            } => Constraints {
                integer: Bounds::new(*minimum, *maximum),
                default: default.map(DefaultValue::Integer),
                ..none
            },
            Schema::Number {
                minimum,
                maximum,
                default,
            } => Constraints {
                number: Bounds::new(*minimum, *maximum),
                default: default.map(DefaultValue::Number),
                ..none
            },
            Schema::Boolean { default } => Constraints {
                default: default.map(DefaultValue::Boolean),
                ..none
            },
            Schema::Array {
                min_items,
                max_items,
                ..
            } => Constraints {
                items: Bounds::new(*min_items, *max_items),
                ..none
            },
            Schema::Timestamp { .. }
            | Schema::Json {}
            | Schema::Map { .. }
            | Schema::Ref { .. } => none,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: serde_json::Value) -> Schema {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn integer_bounds_keep_every_i64() {
        // As f64 both are 9007199254740992: only i64 sees the minimum above the maximum.
        let s = schema(serde_json::json!({
            "type": "integer", "format": "int64",
            "minimum": 9_007_199_254_740_993_i64, "maximum": 9_007_199_254_740_992_i64
        }));
        let c = s.constraints();
        assert!(c.integer.is_inverted());
        assert_eq!(c.integer.to_string(), "9007199254740993..=9007199254740992");
        assert!(c.is_checked());
    }

    #[test]
    fn each_kind_reads_its_own_keys() {
        let s = schema(serde_json::json!({
            "type": "string", "min_length": 2, "pattern": "^a", "default": "ab"
        }));
        let c = s.constraints();
        assert_eq!(c.length, Bounds::new(Some(2), None));
        assert_eq!(
            (c.pattern, c.default),
            (Some("^a"), Some(DefaultValue::String("ab")))
        );
        assert!(c.integer.is_empty() && c.items.is_empty());
        let n = schema(serde_json::json!({"type": "number", "maximum": 0.5, "default": 0.25}));
        assert_eq!(n.constraints().number, Bounds::new(None, Some(0.5)));
        assert!(n.constraints().number.contains(0.25));
        assert!(!n.constraints().number.contains(0.75));
        let b = schema(serde_json::json!({"type": "boolean", "default": true}));
        assert!(!b.constraints().is_checked());
        assert_eq!(b.constraints().default, Some(DefaultValue::Boolean(true)));
        let a = schema(
            serde_json::json!({"type": "array", "items": {"type": "string", "max_length": 1}}),
        );
        // The items' limits are theirs, not the array's.
        assert!(!a.constraints().is_checked());
    }
}
