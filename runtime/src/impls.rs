//! The macros generated code invokes for what every generated type shares: `record!` (a
//! struct's wire impls from its field table), `enumeration!` (a whole enum from its variant
//! table), `operation_error!` (an operation's error from its status table) and
//! `serde_impls!` (from the types' names).
//!
//! What is particular to a type is the macros' input, one row per field, value or status;
//! a struct itself stays plain Rust in the generated file. The macros only forward to the
//! runtime's generic code, with `$crate` paths, so no name in the generated module can
//! change what they mean. Their functions are `#[inline]`, as every function the
//! generator writes is: compiled to machine code only in a crate that calls them.

/// The field table of a generated struct with a `Default` (every field optional or filled
/// in place): what `record!` writes and the runtime reads and writes with.
/// It is a trait of its own because associated constants would make `ReadFields` unusable
/// as a trait object.
pub trait Record {
    /// Names the type in errors (`an object (Job)`).
    const EXPECTING: &'static str;
    /// Documented wire names, in field order: index `i` is the `i`th arm of the field matches.
    const FIELDS: &'static [&'static str];
    /// Which fields an object must have, one flag per entry of [`Record::FIELDS`] (a
    /// missing flag means optional).
    const REQUIRED: &'static [bool] = &[];
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

/// Everything a generated struct with a `Default` needs to cross the wire, from its field
/// table: one row per documented field, `index => field: kind "wire",` where the index is
/// the row's place in the table and the kind is how the field is held (`required`,
/// `required_boxed`, `optional`, `optional_boxed`), then `..extra`, the field that keeps
/// undocumented ones. It writes the [`Record`] table, `ReadFields` (the field of each
/// index), `WriteFields` (one call per field, in table order) and `Wire`, which names
/// [`RecordShape`]: an impl with no body, so the generic code is checked once, here.
///
/// The index is written out, not counted by the macro, so `read_field` is a `match` on it:
/// counting rows at run time instead (`if index == at { … } at += 1;`) cost 3% more rustc
/// work per service crate.
///
/// [`RecordShape`]: crate::__private::RecordShape
#[doc(hidden)]
#[macro_export]
macro_rules! __record {
    ($name:ident { $($index:literal => $field:ident: $kind:ident $wire:literal,)* ..$extra:ident }) => {
        impl $crate::__private::Record for $name {
            const EXPECTING: &'static str =
                ::core::concat!("an object (", ::core::stringify!($name), ")");
            const FIELDS: &'static [&'static str] = &[$($wire),*];
            const REQUIRED: &'static [bool] = &[$($crate::__private::required::$kind),*];
        }

        impl $crate::__private::ReadFields for $name {
            #[inline]
            fn read_field(
                &mut self,
                f: &mut $crate::__private::Fields<'_>,
            ) -> $crate::__private::Step {
                match f.index() {
                    $($index => f.$kind(&mut self.$field),)*
                    _ => f.extra(&mut self.$extra),
                }
            }
        }

        impl $crate::__private::WriteFields for $name {
            #[inline]
            fn write_fields(&self, e: &mut $crate::__private::Entries<'_>) {
                $(e.$kind(&self.$field);)*
                e.extra(&self.$extra);
            }
        }

        impl $crate::__private::Generated for $name {
            type Shape = $crate::__private::RecordShape;
        }
    };
}

/// Whether a field of each kind `record!` knows must be present (`REQUIRED`'s flags).
#[doc(hidden)]
#[allow(non_upper_case_globals)]
pub mod required {
    /// A required field.
    pub const required: bool = true;
    /// A required field that holds its value in a `Box`.
    pub const required_boxed: bool = true;
    /// An optional field.
    pub const optional: bool = false;
    /// An optional field that holds its value in a `Box`.
    pub const optional_boxed: bool = false;
}

/// An operation's error from its status table: one row per documented error status,
/// `400 => BadRequest(ErrorResponse),` (the payload is the body's type, or `RawBody` when
/// the documentation gives no schema), after the enum's name and the operation's ID
/// (`pub enum JobError of OPERATION_ID`). It writes the enum (the rows' variants, then
/// `Undocumented { status, body }` and `Decode { status, error, body }`), `status()`,
/// `from_status` (the error a status and body make, for `parse_response`), `Display` (one
/// line naming the status, never the body), the runtime's `OperationError` and
/// `std::error::Error` (a `Decode` error's source is its `DecodeError`).
#[doc(hidden)]
#[macro_export]
macro_rules! __operation_error {
    (
        $(#$attr:tt)*
        pub enum $name:ident of $operation:path {
            $($(#$vattr:tt)* $code:literal => $variant:ident $payload:tt,)*
        }
    ) => {
        $(#$attr)*
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        // Parsed once and matched on, rarely moved: boxing would only add noise.
        #[allow(clippy::large_enum_variant)]
        pub enum $name {
            $($(#$vattr)* $variant $payload,)*
            /// A status the documentation does not list (a 2xx included), with its body.
            Undocumented {
                /// The HTTP status code.
                status: u16,
                /// The body, byte for byte.
                body: $crate::RawBody,
            },
            /// A documented status whose body does not fit its type.
            Decode {
                /// The HTTP status code.
                status: u16,
                /// Where (the JSON path) and why the body did not fit.
                error: $crate::DecodeError,
                /// The body, byte for byte.
                body: $crate::RawBody,
            },
        }

        impl $name {
            /// The HTTP status of the response.
            #[inline]
            pub fn status(&self) -> u16 {
                match self {
                    $(Self::$variant(_) => $code,)*
                    Self::Undocumented { status, .. } | Self::Decode { status, .. } => *status,
                }
            }

            /// The error an error status and its body make: the status's variant with the
            /// body decoded (or `Decode`, naming where it does not fit), or `Undocumented`.
            #[inline]
            pub(crate) fn from_status(status: u16, body: &[u8]) -> Self {
                match status {
                    $($code => $crate::__private::error_body(status, body, Self::$variant),)*
                    _ => Self::Undocumented {
                        status,
                        body: $crate::RawBody::new(body),
                    },
                }
            }
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            #[allow(unreachable_patterns)] // no documented error status: no `_` to reach
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::Undocumented { status, body } => {
                        $crate::__private::fmt_undocumented(f, *status, body)
                    }
                    Self::Decode { status, error, .. } => {
                        $crate::__private::fmt_decode(f, *status, error)
                    }
                    _ => $crate::__private::fmt_documented(f, $operation, self.status()),
                }
            }
        }

        impl $crate::__private::OperationError for $name {
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

        impl ::std::error::Error for $name {
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

    use crate::__private::{Enumeration, Record};

    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Job {
        id: Option<String>,
        state: Option<State>,
        extra: crate::__private::Extra,
    }

    crate::__private::record! {
        Job {
            0 => id: optional "id",
            1 => state: optional "state",
            ..extra
        }
    }
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

    const OPERATION_ID: &str = "a.b.get_job";

    crate::__private::operation_error! {
        /// An operation error declared the way the generator declares it.
        pub enum JobError of OPERATION_ID {
            /// HTTP 400: the job's body.
            400 => BadRequest(Job),
            /// HTTP 503: no schema.
            503 => ServiceUnavailable(crate::RawBody),
        }
    }

    /// Each documented status makes its own variant (a body of the wrong shape a `Decode`
    /// error, a status without a schema its raw body), any other status `Undocumented`.
    #[test]
    fn an_operation_error_through_the_macro_reads_each_status_its_way() {
        let bad = JobError::from_status(400, br#"{"id":"j"}"#);
        assert!(matches!(&bad, JobError::BadRequest(job) if job.id.as_deref() == Some("j")));
        assert_eq!(bad.status(), 400);
        assert_eq!(
            bad.to_string(),
            "HTTP 400 Bad Request: a documented error response of `a.b.get_job`"
        );
        let misfit = JobError::from_status(400, b"[]");
        assert!(
            matches!(&misfit, JobError::Decode { status: 400, .. }),
            "{misfit:?}"
        );
        let raw = JobError::from_status(503, b"<html>");
        assert!(matches!(&raw, JobError::ServiceUnavailable(body) if body.as_bytes() == b"<html>"));
        let other = JobError::from_status(201, b"{}");
        assert!(matches!(&other, JobError::Undocumented { status: 201, .. }));
        assert_eq!(other.status(), 201);
        assert!(!other.to_string().contains("{}"), "{other}");
    }

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
            next: Box<u32>,
            extra: crate::__private::Extra,
        }
        crate::__private::record! {
            Strict {
                0 => id: required "id",
                1 => next: required_boxed "next",
                ..extra
            }
        }
        crate::__private::serde_impls!(Strict);
        let error = serde_json::from_str::<Strict>("{}")
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `id`"), "{error}");
        // The second required field, a boxed one, is read in place and named when missing.
        let error = serde_json::from_str::<Strict>(r#"{"id":"a"}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `next`"), "{error}");
        let strict: Strict = serde_json::from_str(r#"{"next":7,"id":"a","x":1}"#).unwrap();
        assert_eq!((strict.id.as_str(), *strict.next), ("a", 7));
        assert_eq!(
            serde_json::to_string(&strict).unwrap(),
            r#"{"id":"a","next":7,"x":1}"#
        );
        assert_eq!(<Strict as Record>::REQUIRED, [true, true]);
        assert_eq!(<Strict as Record>::EXPECTING, "an object (Strict)");
    }
}
