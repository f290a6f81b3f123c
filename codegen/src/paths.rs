//! Every path the emitter writes into generated code, and the generated crate's
//! dependencies: one table, so no name a spec chooses can shadow what generated code means
//! (a spec type called `Option` or `Visitor` is just another type).
//!
//! Paths are absolute (`::core::option::Option`), runtime items are reached through
//! `::cloudjobs_runtime`, and the helpers generated code calls live in its `__private`
//! module. Emitter-owned locals and generic parameters start with `__`, which `lower`
//! never gives a spec name.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// An absolute path, written `::a::b::c`.
#[derive(Clone, Copy, Debug)]
pub struct Path(&'static str);

impl ToTokens for Path {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for segment in self.0.split("::") {
            tokens.append_all(quote::quote!(::));
            tokens.append(Ident::new(segment, Span::call_site()));
        }
    }
}

pub const OPTION: Path = Path("core::option::Option");
pub const SOME: Path = Path("core::option::Option::Some");
pub const NONE: Path = Path("core::option::Option::None");
pub const RESULT: Path = Path("core::result::Result");
pub const OK: Path = Path("core::result::Result::Ok");
pub const ERR: Path = Path("core::result::Result::Err");
pub const INTO: Path = Path("core::convert::Into");
pub const INFALLIBLE: Path = Path("core::convert::Infallible");
pub const AS_REF: Path = Path("core::convert::AsRef");
pub const IDENTITY: Path = Path("core::convert::identity");
pub const FROM_STR: Path = Path("core::str::FromStr");
pub const DEFAULT: Path = Path("core::default::Default");
pub const FMT: Path = Path("core::fmt");
pub const STD_ERROR: Path = Path("std::error::Error");
pub const STRING: Path = Path("std::string::String");
pub const TO_OWNED: Path = Path("std::borrow::ToOwned");
pub const VEC: Path = Path("std::vec::Vec");
pub const BOX: Path = Path("std::boxed::Box");
pub const BTREE_MAP: Path = Path("std::collections::BTreeMap");

/// The runtime crate and what generated code names in it.
pub const RUNTIME: Path = Path("cloudjobs_runtime");
pub const PRIVATE: Path = Path("cloudjobs_runtime::__private");
pub const HTTP: Path = Path("cloudjobs_runtime::http");
pub const SERDE: Path = Path("cloudjobs_runtime::__private::serde");
pub const JSON: Path = Path("cloudjobs_runtime::serde_json");
pub const PHASE: Path = Path("cloudjobs_runtime::Phase");
pub const ENDPOINT: Path = Path("cloudjobs_runtime::Endpoint");
pub const UNKNOWN_VALUE: Path = Path("cloudjobs_runtime::UnknownValue");
pub const RAW_BODY: Path = Path("cloudjobs_runtime::RawBody");
pub const TIMESTAMP: Path = Path("cloudjobs_runtime::Timestamp");
pub const BUILD_ERROR: Path = Path("cloudjobs_runtime::BuildError");
pub const RESPONSE_ERROR: Path = Path("cloudjobs_runtime::ResponseError");
pub const DECODE_ERROR: Path = Path("cloudjobs_runtime::DecodeError");
pub const REGISTRY_ERROR: Path = Path("cloudjobs_runtime::RegistryError");
pub const OPERATION: Path = Path("cloudjobs_runtime::Operation");
pub const PAYLOAD: Path = Path("cloudjobs_runtime::Payload");

/// The runtime's public vocabulary, re-exported at the generated crate's root (name order).
pub const REEXPORTS: &[&str] = &[
    "BuildError",
    "DecodeError",
    "Endpoint",
    "EndpointError",
    "JobStatus",
    "Operation",
    "Param",
    "ParamLocation",
    "Payload",
    "Phase",
    "RawBody",
    "RegistryError",
    "ResponseError",
    "Rpc",
    "Timestamp",
    "TimestampError",
    "UnknownValue",
    "WaiterSpec",
    "http",
    "serde_json",
    "sign",
];

/// `[dependencies]` of a generated crate: the runtime is all its code needs.
pub const DEPENDENCIES: &[&str] = &["cloudjobs-runtime"];

/// `[dev-dependencies]`: what the hand-written examples beside the generated code use.
pub const DEV_DEPENDENCIES: &[&str] = &["serde_json"];
