//! Reading responses: raw bodies, the operation-independent response error the registry
//! gives, and the helpers generated per-operation errors are built and formatted with.

use std::fmt;

use crate::decode::decode_wire;
use crate::wire::Wire;
use crate::{DecodeError, decode_json};

/// A response body the documentation gives no schema for, kept byte for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawBody(Vec<u8>);

impl RawBody {
    /// Keeps a copy of the bytes.
    pub fn new(bytes: &[u8]) -> Self {
        RawBody(bytes.to_vec())
    }

    /// The bytes as received.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The body read as free JSON, if it is JSON.
    pub fn json(&self) -> Result<serde_json::Value, DecodeError> {
        decode_json(&self.0)
    }
}

/// Why a response could not be turned into a typed value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The status is not one the documentation lists; the body is kept.
    UndocumentedStatus {
        /// The HTTP status code.
        status: u16,
        /// The body, byte for byte.
        body: RawBody,
    },
    /// The status is documented but the body does not fit its type.
    Decode {
        /// The HTTP status code.
        status: u16,
        /// Where and why the body did not fit.
        error: DecodeError,
        /// The body, byte for byte.
        body: RawBody,
    },
}

impl ResponseError {
    /// An undocumented status, keeping its body.
    pub fn undocumented(status: u16, body: &[u8]) -> Self {
        ResponseError::UndocumentedStatus {
            status,
            body: RawBody::new(body),
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::UndocumentedStatus { status, body } => {
                fmt_undocumented(f, *status, body)
            }
            ResponseError::Decode { status, error, .. } => fmt_decode(f, *status, error),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Decode { error, .. } => Some(error),
            ResponseError::UndocumentedStatus { .. } => None,
        }
    }
}

/// A generated operation's error type, as [`decode_body`] and [`error_body`] build it: the
/// variants every operation's error has (generated errors implement it through
/// `operation_error!`).
pub trait OperationError: Sized {
    /// The `Decode` variant: a documented status whose body does not fit its type.
    fn decode(status: u16, error: DecodeError, body: RawBody) -> Self;

    /// The `Undocumented` variant: a status the documentation does not list.
    fn undocumented(status: u16, body: RawBody) -> Self;
}

/// What a documented status's body is read as: a generated type (decoded, so a misfit is a
/// `Decode` error), or [`RawBody`] for a status the documentation gives no schema (kept as
/// received).
pub trait ResponseBody: Sized {
    /// The body, or where it does not fit.
    fn read(body: &[u8]) -> Result<Self, DecodeError>;
}

impl<T: Wire> ResponseBody for T {
    #[inline]
    fn read(body: &[u8]) -> Result<Self, DecodeError> {
        decode_wire(body)
    }
}

impl ResponseBody for RawBody {
    #[inline]
    fn read(body: &[u8]) -> Result<Self, DecodeError> {
        Ok(RawBody::new(body))
    }
}

/// Reads a documented status's body, or says where it does not fit.
pub fn decode_body<T: ResponseBody, E: OperationError>(status: u16, body: &[u8]) -> Result<T, E> {
    match T::read(body) {
        Ok(value) => Ok(value),
        Err(error) => Err(E::decode(status, error, RawBody::new(body))),
    }
}

/// A documented error status: `variant` of its body, or `Decode` naming where the body does
/// not fit.
pub fn error_body<T: ResponseBody, E: OperationError>(
    status: u16,
    body: &[u8],
    variant: fn(T) -> E,
) -> E {
    match decode_body(status, body) {
        Ok(value) => variant(value),
        Err(error) => error,
    }
}

/// The `Display` of a documented error status: the status, its reason and the operation,
/// never the body (it may be long; the variant holds it).
pub fn fmt_documented(f: &mut fmt::Formatter<'_>, operation: &str, status: u16) -> fmt::Result {
    match http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => write!(
            f,
            "HTTP {status} {reason}: a documented error response of `{operation}`"
        ),
        None => write!(
            f,
            "HTTP {status}: a documented error response of `{operation}`"
        ),
    }
}

/// The `Display` of an undocumented status: the status and the body's size.
pub fn fmt_undocumented(f: &mut fmt::Formatter<'_>, status: u16, body: &RawBody) -> fmt::Result {
    write!(
        f,
        "HTTP status {status} is not documented for this operation ({} byte body kept)",
        body.as_bytes().len()
    )
}

/// The `Display` of a body that does not fit: the status and the JSON path.
pub fn fmt_decode(f: &mut fmt::Formatter<'_>, status: u16, error: &DecodeError) -> fmt::Result {
    write!(f, "the HTTP {status} response body does not fit: {error}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a `fmt_*` helper through `Display`.
    struct Shown<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(F);

    impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Shown<F> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            (self.0)(f)
        }
    }

    #[test]
    fn documented_errors_show_status_reason_and_operation() {
        let shown = Shown(|f| fmt_documented(f, "a.b.c", 404)).to_string();
        assert_eq!(
            shown,
            "HTTP 404 Not Found: a documented error response of `a.b.c`"
        );
        // A status with no canonical reason shows the code alone.
        let shown = Shown(|f| fmt_documented(f, "a.b.c", 599)).to_string();
        assert_eq!(shown, "HTTP 599: a documented error response of `a.b.c`");
    }

    #[test]
    fn undocumented_and_decode_errors_never_show_the_body() {
        let body = RawBody::new(b"secret-looking body");
        let shown = Shown(|f| fmt_undocumented(f, 418, &body)).to_string();
        assert!(!shown.contains("secret"), "{shown}");
        assert!(
            shown.contains("418") && shown.contains("19 byte"),
            "{shown}"
        );
        let error = decode_json::<u8>(b"\"x\"").unwrap_err();
        let err = ResponseError::Decode {
            status: 200,
            error: error.clone(),
            body: RawBody::new(b"\"x\""),
        };
        assert_eq!(
            err.to_string(),
            format!("the HTTP 200 response body does not fit: {error}")
        );
        assert_eq!(
            std::error::Error::source(&err).map(|s| s.to_string()),
            Some(error.to_string())
        );
    }
}
