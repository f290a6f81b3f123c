//! The spec's vocabulary (methods, auth schemes, integer widths, phases) in the IR's own
//! types, so emit never reads the spec format.

use crate::{ir, spec};

impl From<spec::Method> for ir::Method {
    fn from(method: spec::Method) -> Self {
        match method {
            spec::Method::Get => ir::Method::Get,
            spec::Method::Post => ir::Method::Post,
            spec::Method::Put => ir::Method::Put,
            spec::Method::Patch => ir::Method::Patch,
            spec::Method::Delete => ir::Method::Delete,
            spec::Method::Head => ir::Method::Head,
        }
    }
}

impl From<spec::AuthScheme> for ir::AuthScheme {
    fn from(scheme: spec::AuthScheme) -> Self {
        match scheme {
            spec::AuthScheme::XAuthToken => ir::AuthScheme::XAuthToken,
            spec::AuthScheme::AlibabaRpcSignature => ir::AuthScheme::AlibabaRpcSignature,
        }
    }
}

impl From<spec::IntFormat> for ir::IntFormat {
    fn from(format: spec::IntFormat) -> Self {
        match format {
            spec::IntFormat::Int32 => ir::IntFormat::Int32,
            spec::IntFormat::Int64 => ir::IntFormat::Int64,
            spec::IntFormat::Uint32 => ir::IntFormat::Uint32,
            spec::IntFormat::Uint64 => ir::IntFormat::Uint64,
        }
    }
}

impl From<spec::Phase> for ir::Phase {
    fn from(phase: spec::Phase) -> Self {
        match phase {
            spec::Phase::Pending => ir::Phase::Pending,
            spec::Phase::AwaitingUser => ir::Phase::AwaitingUser,
            spec::Phase::Running => ir::Phase::Running,
            spec::Phase::Succeeded => ir::Phase::Succeeded,
            spec::Phase::Failed => ir::Phase::Failed,
            spec::Phase::PartiallySucceeded => ir::Phase::PartiallySucceeded,
            spec::Phase::Cancelled => ir::Phase::Cancelled,
        }
    }
}
