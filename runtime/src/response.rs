//! Reading responses: raw bodies and the errors of parsing a response.

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
            ResponseError::UndocumentedStatus { status, body } => write!(
                f,
                "HTTP status {status} is not documented for this operation ({} byte body kept)",
                body.as_bytes().len()
            ),
            ResponseError::Decode { status, error, .. } => {
                write!(f, "the HTTP {status} response body does not fit: {error}")
            }
        }
    }
}

impl std::error::Error for ResponseError {}

/// Decodes the body of a documented status into its type.
pub fn decode_response<T: Wire>(status: u16, body: &[u8]) -> Result<T, ResponseError> {
    decode_wire(body).map_err(|error| decode_error(status, error, body))
}

fn decode_error(status: u16, error: DecodeError, body: &[u8]) -> ResponseError {
    ResponseError::Decode {
        status,
        error,
        body: RawBody::new(body),
    }
}
