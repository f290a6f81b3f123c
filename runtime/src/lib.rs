//! The runtime shared by every crate `cloudjobs-codegen` generates.
//!
//! Generated crates re-export the public vocabulary from here (so `Phase` is one type
//! whatever crate it comes through) and call the helpers in [`__private`], which is not
//! part of the public API.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod sign;

/// Helpers generated code calls. Not public API: anything here may change in any release.
#[doc(hidden)]
pub mod __private {}
