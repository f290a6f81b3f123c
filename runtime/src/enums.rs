//! What every generated string enum shares: the opaque unknown value and one deserializer.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// An enum value the documentation does not list, kept verbatim.
///
/// It is opaque on purpose: user code can read it but not build one, so
/// `Unknown("SUCCESS")` can never stand in for a documented value and equality stays honest.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    pub(crate) fn new(value: &str) -> Self {
        UnknownValue(value.to_owned())
    }

    /// The value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Implemented by every generated string enum; lets one visitor serve them all.
pub trait WireEnum: Sized {
    /// The variant for a wire value; `Unknown` for a value the documentation does not list.
    fn from_wire(value: &str) -> Self;
}

/// Deserializes any generated enum from a JSON string without copying known values.
pub fn deserialize_enum<'de, D: Deserializer<'de>, T: WireEnum>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct EnumVisitor<T>(std::marker::PhantomData<T>);
    impl<T: WireEnum> Visitor<'_> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from_wire(value))
        }
    }
    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}
