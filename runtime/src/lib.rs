//! The runtime shared by every crate `cloudjobs-codegen` generates.
//!
//! A generated crate re-exports the vocabulary defined here — [`Phase`], [`Endpoint`],
//! [`UnknownValue`], [`RawBody`], [`Timestamp`], the errors and [`Operation`] — so that these
//! are one type whatever generated crate they come through, and calls the helpers in
//! `__private`, which is not public API.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// `?` for the functions compiled once per generated type (serde_json's `tri!`): `?` calls
/// `Try::branch` and `FromResidual`, two more functions to compile for every type, in every
/// generated crate's build.
macro_rules! tri {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return Err(error),
        }
    };
}

mod build;
#[cfg(feature = "client")]
pub mod client;
mod decode;
mod endpoint;
mod enums;
mod impls;
mod operation;
mod phase;
mod request;
mod response;
pub mod sign;
mod timestamp;
pub mod waiter;
mod wire;

pub use build::BuildError;
pub use decode::{DecodeError, decode_json};
pub use endpoint::{Endpoint, EndpointError};
pub use enums::UnknownValue;
pub use operation::{
    JobStatus, Operation, Param, ParamLocation, PathStep, Payload, RegistryError, Rpc, StatusField,
    StatusValues, WaiterSpec,
};
pub use phase::Phase;
pub use response::{RawBody, ResponseError};
pub use timestamp::{Timestamp, TimestampError};

/// The `http` crate whose types the generated requests and responses use.
pub use http;

/// The `serde_json` crate whose `Value` and `Number` generated types hold.
pub use serde_json;

/// Helpers generated code calls. Not public API: anything here may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::build::{check_header, check_len, check_range, missing};
    pub use crate::enums::{Enumeration, as_str, from_wire, phase};
    pub use crate::impls::{Record, required};
    pub use crate::operation::{
        OperationDetails, no_request_body, parse_body, parse_param, round_trip, to_json,
        unknown_parameter,
    };
    pub use crate::request::RequestParts;
    pub use crate::response::{
        OperationError, ResponseBody, decode_body, error_body, fmt_decode, fmt_documented,
        fmt_undocumented,
    };
    pub use crate::wire::{
        Entries, EnumShape, Extra, Fields, Found, Generated, MapRead, MapWrite, ReadFields, Reader,
        RecordShape, Slot, Step, Stop, Wire, WriteFields, Writer, deserialize, read_with,
        serialize,
    };
    pub use crate::{
        __enumeration as enumeration, __operation_error as operation_error, __record as record,
        __serde_impls as serde_impls,
    };
    pub use serde;
    pub use serde_json;
}
