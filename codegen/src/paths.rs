//! Every path the emitter writes into generated code, and the generated crate's
//! dependencies: one table, so no name a spec chooses can shadow what generated code means
//! (a spec type called `Option` or `Visitor` is just another type).
//!
//! Paths are absolute (`::core::option::Option`) or start at the generated crate's root,
//! where nothing a spec names lives: the runtime's vocabulary through the crate's own
//! re-exports (`crate::Phase`), and the helpers generated code calls through one private
//! import of the runtime's `__private` module (`crate::__rt`, see [`PRIVATE_ALIAS`]).
//! Emitter-owned locals and generic parameters start with `__`, which `lower` never gives
//! a spec name, and no provider (a root module) can take a root name ([`is_root_name`]).

use std::fmt;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

/// A path, written `::a::b::c` (absolute) or `crate::a::b` (from the generated crate's root).
#[derive(Clone, Copy, Debug)]
pub struct Path(&'static str);

impl ToTokens for Path {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for (i, segment) in self.0.split("::").enumerate() {
            if i > 0 || segment != "crate" {
                tokens.append_all(quote::quote!(::));
            }
            tokens.append(Ident::new(segment, Span::call_site()));
        }
    }
}

/// As source spells it, for code emit writes as text (`::core::option::Option`,
/// `crate::Phase`).
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != "crate" && !self.0.starts_with("crate::") {
            f.write_str("::")?;
        }
        f.write_str(self.0)
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
pub const FROM_STR: Path = Path("core::str::FromStr");
pub const DEFAULT: Path = Path("core::default::Default");
pub const FMT: Path = Path("core::fmt");
pub const STRING: Path = Path("std::string::String");
pub const TO_OWNED: Path = Path("std::borrow::ToOwned");
pub const VEC: Path = Path("std::vec::Vec");
pub const BOX: Path = Path("std::boxed::Box");
pub const BTREE_MAP: Path = Path("std::collections::BTreeMap");

/// The runtime crate, named only at the generated crate's root (re-exports, the alias).
pub const RUNTIME: Path = Path("cloudjobs_runtime");
/// The name the generated crate's root imports the runtime's `__private` module as.
pub const PRIVATE_ALIAS: &str = "__rt";
/// The runtime's `__private` module, through the root's import.
pub const PRIVATE: Path = Path("crate::__rt");
pub const SERDE: Path = Path("crate::__rt::serde");
/// The root's re-exports of the runtime's vocabulary (every name is in [`REEXPORTS`]).
pub const ROOT: Path = Path("crate");
pub const HTTP: Path = Path("crate::http");
pub const JSON: Path = Path("crate::serde_json");
pub const PHASE: Path = Path("crate::Phase");
pub const ENDPOINT: Path = Path("crate::Endpoint");
pub const UNKNOWN_VALUE: Path = Path("crate::UnknownValue");
pub const RAW_BODY: Path = Path("crate::RawBody");
pub const TIMESTAMP: Path = Path("crate::Timestamp");
pub const BUILD_ERROR: Path = Path("crate::BuildError");
pub const RESPONSE_ERROR: Path = Path("crate::ResponseError");
pub const DECODE_ERROR: Path = Path("crate::DecodeError");
pub const REGISTRY_ERROR: Path = Path("crate::RegistryError");
pub const OPERATION: Path = Path("crate::Operation");
pub const PAYLOAD: Path = Path("crate::Payload");

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
    "PathStep",
    "Payload",
    "Phase",
    "RawBody",
    "RegistryError",
    "ResponseError",
    "Rpc",
    "StatusField",
    "StatusValues",
    "Timestamp",
    "TimestampError",
    "UnknownValue",
    "WaiterSpec",
    "http",
    "serde_json",
    "sign",
];

/// Whether a provider (a module at the facade crate's root) or an operation (a module at its
/// service crate's root) would meet a name the root already has: the runtime's vocabulary
/// (re-exported, or glob-imported in a service crate) or the runtime alias.
pub fn is_root_name(name: &str) -> bool {
    name == PRIVATE_ALIAS || REEXPORTS.contains(&name)
}

/// The generated crate's Cargo feature that gives every generated type serde's `Serialize`
/// and `Deserialize` (off by default: decoding responses does not need them).
pub const SERDE_FEATURE: &str = "serde";

/// The package of one service's crate: `CRATE-PROVIDER-SERVICE` (`cloudjobs-huaweicloud-drs`),
/// its library `CRATE_PROVIDER_SERVICE`. `lower` refuses two services whose library names
/// would meet (`a_b` + `c` and `a` + `b_c`).
pub fn service_package(krate: &str, provider: &str, service: &str) -> String {
    format!("{krate}-{provider}-{service}")
}

/// The library of [`service_package`]: the name the facade's code calls it by.
pub fn service_library(krate: &str, provider: &str, service: &str) -> String {
    service_package(krate, provider, service).replace('-', "_")
}

/// `[dependencies]` of a generated crate: the runtime is all its code needs.
pub const DEPENDENCIES: &[&str] = &["cloudjobs-runtime"];

/// `[dev-dependencies]`: what the hand-written examples beside the generated code use.
pub const DEV_DEPENDENCIES: &[&str] = &["serde_json"];
