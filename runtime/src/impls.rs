//! The trait impls that are the same for every generated type, as macros generated code
//! invokes with the type's name (one line per type instead of a page of boilerplate), and
//! `enumeration!`, which writes a whole enum from its variant table.
//!
//! What is particular to a struct stays in the generated code as plain Rust: its field table
//! ([`Record`]) and its field matches. An enum's variant table is the one input of
//! `enumeration!`, one row per value. These macros only forward to the runtime's generic
//! code, with `$crate` paths, so no name in the generated module can change what they mean. Their functions are `#[inline]`, as every function the
//! generator writes is: compiled to machine code only in a crate that calls them.

/// The field table of a generated struct with a `Default` (every field optional or filled
/// in place): what `record_impls!` reads and writes with.
/// It is a trait of its own because associated constants would make `ReadFields` unusable
/// as a trait object.
pub trait Record {
    /// Names the type in errors (`an object (Job)`).
    const EXPECTING: &'static str;
    /// Documented wire names, in field order: index `i` is the `i`th arm of the field matches.
    const FIELDS: &'static [&'static str];
    /// Indices into [`Record::FIELDS`] of the fields an object must have.
    const REQUIRED: &'static [usize] = &[];
}

/// `Serialize` and `Deserialize` for generated types, through their `Wire` impls (one
/// invocation per file, naming every type; generated crates put it under their `serde`
/// feature).
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_impls {
    ($($ty:ident),* $(,)?) => {$(
        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__private::serialize(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::__private::deserialize(deserializer)
            }
        }
    )*};
}

/// `Wire` for a generated struct with a `Default`: it names [`RecordShape`], whose generic
/// code fills a default value in place from its [`Record`] table and `ReadFields`, and writes
/// it through `WriteFields`. An impl with no body: nothing of it is checked again per type.
///
/// [`RecordShape`]: crate::__private::RecordShape
#[doc(hidden)]
#[macro_export]
macro_rules! __record_impls {
    ($ty:ident) => {
        impl $crate::__private::Generated for $ty {
            type Shape = $crate::__private::RecordShape;
        }
    };
}

/// `OperationError` (building the `Decode` and `Undocumented` variants) and
/// `std::error::Error` (a `Decode` error's source is its `DecodeError`) for a generated
/// operation error, whose variants besides the documented statuses are always
/// `Undocumented { status, body }` and `Decode { status, error, body }`.
#[doc(hidden)]
#[macro_export]
macro_rules! __operation_error_impls {
    ($ty:ident) => {
        impl $crate::__private::OperationError for $ty {
            #[inline]
            fn decode(status: u16, error: $crate::DecodeError, body: $crate::RawBody) -> Self {
                Self::Decode {
                    status,
                    error,
                    body,
                }
            }

            #[inline]
            fn undocumented(status: u16, body: $crate::RawBody) -> Self {
                Self::Undocumented { status, body }
            }
        }

        impl ::std::error::Error for $ty {
            #[inline]
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Decode { error, .. } => ::core::option::Option::Some(error),
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
}

/// A generated string enum from its variant table, one row per documented value:
/// `Variant = "WIRE" | "alias" => Phase,` for a status (every row has a phase, or the
/// phases would not line up with the values; the enum gets `phase()` and `is_terminal()`),
/// `Variant = "WIRE",` otherwise. It writes the enum (the rows' variants, then `Unknown`),
/// `VALUES` and `as_str`, the `Enumeration` tables the runtime's generic code reads, `Wire`
/// (it names [`EnumShape`]), `FromStr` and `Display`. The spec validator refuses an enum
/// with no values, so the `_` arm below always has a variant to match.
///
/// The macro counts nothing: a value's index is its variant's place in `VARIANTS`, found by
/// `Enumeration::index` (generic, so checked once in this crate), and an alias names the
/// value it stands for. The enum's own code is one two-arm match (`unknown_value`).
///
/// [`EnumShape`]: crate::__private::EnumShape
#[doc(hidden)]
#[macro_export]
macro_rules! __enumeration {
    // `phase()` and `is_terminal()`, for a status: every row has a phase.
    (@phases $name:ident) => {};
    (@phases $name:ident $($phase:ident)+) => {
        impl $name {
            /// Where a job with this status is in its lifecycle; `Unknown` for undocumented
            /// values.
            #[inline]
            pub fn phase(&self) -> $crate::Phase {
                $crate::__private::phase(self)
            }

            /// Whether the job has stopped for good (succeeded, failed, partially succeeded
            /// or cancelled). Undocumented values are not terminal.
            #[inline]
            pub fn is_terminal(&self) -> bool {
                self.phase().is_terminal()
            }
        }
    };
    (
        $(#$attr:tt)*
        pub enum $name:ident {
            $(
                $(#$vattr:tt)*
                $variant:ident = $wire:literal $(| $alias:literal)* $(=> $phase:ident)?,
            )*
        }
    ) => {
        $crate::__enumeration!(@phases $name $($($phase)?)*);

        $(#$attr)*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#$vattr)* $variant,)*
            /// A value the documentation does not list, kept verbatim.
            Unknown($crate::UnknownValue),
        }

        impl $name {
            /// Every documented wire value, in the documentation's order.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                $crate::__private::as_str(self)
            }
        }

        impl $crate::__private::Enumeration for $name {
            const VALUES: &'static [&'static str] = Self::VALUES;
            const VARIANTS: &'static [Self] = &[$(Self::$variant),*];
            const ALIASES: &'static [(&'static str, &'static str)] = &[$($(($alias, $wire),)*)*];
            const PHASES: &'static [$crate::Phase] = &[$($($crate::Phase::$phase,)?)*];

            #[inline]
            fn unknown_value(&self) -> ::core::option::Option<&$crate::UnknownValue> {
                match self {
                    Self::Unknown(value) => ::core::option::Option::Some(value),
                    _ => ::core::option::Option::None,
                }
            }

            #[inline]
            fn unknown(value: $crate::UnknownValue) -> Self {
                Self::Unknown(value)
            }
        }

        impl $crate::__private::Generated for $name {
            type Shape = $crate::__private::EnumShape;
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            /// Parses a wire value; a documented value always yields its named variant.
            #[inline]
            fn from_str(text: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok($crate::__private::from_wire(text))
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($crate::__private::as_str(self))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    //! A struct and an enum declared the way the generator declares them, through the macros.

    use crate::__private::{Entries, Enumeration, Fields, ReadFields, Record, Step, WriteFields};

    #[derive(Clone, Debug, PartialEq, Default)]
    struct Job {
        id: Option<String>,
        state: Option<State>,
        extra: crate::__private::Extra,
    }

    impl Record for Job {
        const EXPECTING: &'static str = "an object (Job)";
        const FIELDS: &'static [&'static str] = &["id", "state"];
    }

    impl ReadFields for Job {
        fn read_field(&mut self, f: &mut Fields<'_>) -> Step {
            match f.index() {
                0 => f.optional(&mut self.id),
                1 => f.optional(&mut self.state),
                _ => f.extra(&mut self.extra),
            }
        }
    }

    impl WriteFields for Job {
        fn write_fields(&self, e: &mut Entries<'_>) {
            e.optional(&self.id);
            e.optional(&self.state);
            e.extra(&self.extra);
        }
    }

    crate::__private::record_impls!(Job);
    crate::__private::serde_impls!(Job);

    crate::__private::enumeration! {
        /// A status with one documented value, spelled `done` too.
        pub enum State {
            /// Finished.
            Done = "DONE" | "done" => Succeeded,
        }
    }

    crate::__private::enumeration! {
        /// A plain enum: no phases.
        pub enum Color {
            /// Red.
            Red = "RED",
            /// Green.
            Green = "GREEN" | "green" | "GRÜN",
        }
    }

    crate::__private::serde_impls!(State);

    #[test]
    fn a_struct_through_the_macros_round_trips_and_keeps_unknowns() {
        let text = r#"{"id":"j1","state":"NEW","more":[1]}"#;
        let job: Job = serde_json::from_str(text).unwrap();
        assert_eq!(job.id.as_deref(), Some("j1"));
        assert_eq!(
            job.state.as_ref().map(ToString::to_string).as_deref(),
            Some("NEW")
        );
        assert_eq!(job.extra["more"], serde_json::json!([1]));
        assert_eq!(serde_json::to_string(&job).unwrap(), text);
    }

    #[test]
    fn an_enum_through_the_macros_parses_and_displays_its_wire_text() {
        assert_eq!("DONE".parse::<State>(), Ok(State::Done));
        assert_eq!(State::Done.to_string(), "DONE");
        let unknown: State = "LATER".parse().unwrap();
        assert_eq!(unknown.to_string(), "LATER");
        assert_eq!(serde_json::to_value(&unknown).unwrap(), "LATER");
    }

    /// The macro's tables line up with its rows: indices in row order, each alias on its
    /// own row's index, a phase per row for a status and none for a plain enum.
    #[test]
    fn an_enum_through_the_macro_has_one_table_row_per_value() {
        assert_eq!(
            (State::VALUES, State::Done.as_str()),
            (&["DONE"][..], "DONE")
        );
        assert_eq!(<State as Enumeration>::ALIASES, [("done", "DONE")]);
        assert_eq!(<State as Enumeration>::PHASES, [crate::Phase::Succeeded]);
        assert_eq!("done".parse::<State>(), Ok(State::Done));
        assert!(State::Done.is_terminal());
        assert_eq!(State::Done.phase(), crate::Phase::Succeeded);
        let unknown: State = "LATER".parse().unwrap();
        assert_eq!(unknown.phase(), crate::Phase::Unknown);
        assert_eq!(unknown.index().unwrap_err().as_str(), "LATER");

        assert_eq!(Color::VALUES, ["RED", "GREEN"]);
        assert_eq!(Color::Red.index(), Ok(0));
        assert_eq!(Color::Green.index(), Ok(1));
        assert_eq!(<Color as Enumeration>::VARIANTS, [Color::Red, Color::Green]);
        assert_eq!(
            <Color as Enumeration>::ALIASES,
            [("green", "GREEN"), ("GRÜN", "GREEN")]
        );
        assert!(<Color as Enumeration>::PHASES.is_empty());
        assert_eq!("GRÜN".parse::<Color>(), Ok(Color::Green));
        assert_eq!(Color::Green.as_str(), "GREEN");
    }

    /// An operation error declared the way the generator declares it.
    #[derive(Debug)]
    enum JobError {
        Undocumented {
            status: u16,
            body: crate::RawBody,
        },
        Decode {
            status: u16,
            error: crate::DecodeError,
            body: crate::RawBody,
        },
    }

    impl std::fmt::Display for JobError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                JobError::Undocumented { status, .. } | JobError::Decode { status, .. } => {
                    write!(f, "HTTP {status}")
                }
            }
        }
    }

    crate::__private::operation_error_impls!(JobError);

    #[test]
    fn an_operation_error_through_the_macro_builds_its_variants_and_names_its_source() {
        use crate::__private::OperationError;
        use std::error::Error;
        let misfit = crate::decode::decode_wire::<Job>(b"[]").unwrap_err();
        let decode = JobError::decode(200, misfit.clone(), crate::RawBody::new(b"[]"));
        match &decode {
            JobError::Decode {
                status,
                error,
                body,
            } => {
                assert_eq!(
                    (*status, error, body.as_bytes()),
                    (200, &misfit, &b"[]"[..])
                );
            }
            other => panic!("{other:?}"),
        }
        let source = decode.source().expect("a decode error has a source");
        assert_eq!(source.to_string(), misfit.to_string());
        let undocumented = JobError::undocumented(599, crate::RawBody::new(b"x"));
        assert!(matches!(
            &undocumented,
            JobError::Undocumented { status: 599, body } if body.as_bytes() == b"x"
        ));
        assert!(undocumented.source().is_none());
    }

    #[test]
    fn a_field_the_object_must_have_is_named_when_missing() {
        #[derive(Debug, Default)]
        struct Strict {
            id: String,
            extra: crate::__private::Extra,
        }
        impl Record for Strict {
            const EXPECTING: &'static str = "an object (Strict)";
            const FIELDS: &'static [&'static str] = &["id"];
            const REQUIRED: &'static [usize] = &[0];
        }
        impl ReadFields for Strict {
            fn read_field(&mut self, f: &mut Fields<'_>) -> Step {
                match f.index() {
                    0 => f.required(&mut self.id),
                    _ => f.extra(&mut self.extra),
                }
            }
        }
        impl WriteFields for Strict {
            fn write_fields(&self, e: &mut Entries<'_>) {
                e.required(&self.id);
                e.extra(&self.extra);
            }
        }
        crate::__private::record_impls!(Strict);
        crate::__private::serde_impls!(Strict);
        let error = serde_json::from_str::<Strict>("{}")
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `id`"), "{error}");
    }
}
