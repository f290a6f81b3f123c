//! Request signing for both vendors, as pure functions: the request, the credentials, the
//! time and (for Alibaba Cloud) the nonce go in; the signed request comes out. No clock,
//! no randomness, no I/O, so a signature can be reproduced and tested.
//!
//! - [`huaweicloud::sign`]: `SDK-HMAC-SHA256` (`X-Sdk-Date`, `Authorization: SDK-HMAC-SHA256
//!   Access=…, SignedHeaders=…, Signature=…`, `X-Security-Token` for temporary credentials).
//! - [`alibabacloud::sign`]: `ACS3-HMAC-SHA256`, signature V3 (`x-acs-date`,
//!   `x-acs-signature-nonce`, `x-acs-content-sha256`, `Authorization: ACS3-HMAC-SHA256
//!   Credential=…,SignedHeaders=…,Signature=…`, `x-acs-security-token`).
//! - [`Credentials`]: explicit, or from the vendors' usual environment variables.
//! - [`sign_json`]: the whole thing driven by a JSON description, behind the `sign` example.
//!
//! ```
//! use cloudjobs_runtime::sign::{Credentials, huaweicloud};
//!
//! let mut request = http::Request::get("https://ecs.example.com/v1/jobs?limit=2")
//!     .body(Vec::new())?;
//! let credentials = Credentials::new("AK", "SK");
//! let now = time::macros::datetime!(2026-11-26 08:09:10 UTC);
//! huaweicloud::sign(&mut request, &credentials, now)?;
//! assert_eq!(request.headers()["x-sdk-date"], "20261126T080910Z");
//! assert!(request.headers()["authorization"].to_str()?.starts_with("SDK-HMAC-SHA256 Access=AK, "));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod alibabacloud;
mod canonical;
mod credentials;
pub mod huaweicloud;
mod json;

use std::fmt;

pub use credentials::{Credentials, CredentialsError};
pub use json::{SignJsonError, sign_json};

/// Why a request could not be signed. Never carries a secret key or a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// The credentials' access key is empty.
    EmptyAccessKey,
    /// The credentials' secret key is empty.
    EmptySecretKey,
    /// The request has neither a `Host` header nor a host in its URI.
    NoHost,
    /// A value that must go into a header (`which`: the access key, the token, the nonce,
    /// a project ID) has characters a header cannot carry, or is empty.
    InvalidHeaderValue {
        /// What the value is, e.g. `"x-acs-signature-nonce"`.
        which: &'static str,
    },
    /// A header that would be signed appears more than once, and the vendor has no rule
    /// for combining the values.
    RepeatedHeader {
        /// The header's name, lower-case.
        name: String,
    },
    /// The time is outside the years 0000–9999 that the date headers can carry.
    TimeOutOfRange,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::EmptyAccessKey => f.write_str("the access key is empty"),
            SignError::EmptySecretKey => f.write_str("the secret key is empty"),
            SignError::NoHost => {
                f.write_str("the request has no Host header and its URI has no host")
            }
            SignError::InvalidHeaderValue { which } => {
                write!(
                    f,
                    "the value for {which} is empty or not a valid header value"
                )
            }
            SignError::RepeatedHeader { name } => write!(
                f,
                "header `{name}` appears more than once; it is signed, so send it once"
            ),
            SignError::TimeOutOfRange => {
                f.write_str("the signing time is outside the years 0000-9999")
            }
        }
    }
}

impl std::error::Error for SignError {}

/// Checks the key pair before any work is done.
fn check_keys(credentials: &Credentials) -> Result<(), SignError> {
    if credentials.access_key().is_empty() {
        return Err(SignError::EmptyAccessKey);
    }
    if credentials.secret_key().is_empty() {
        return Err(SignError::EmptySecretKey);
    }
    Ok(())
}

/// The date and time fields of `time` in UTC, checked to fit four-digit years.
fn utc_fields(time: time::OffsetDateTime) -> Result<[u32; 6], SignError> {
    let t = time.to_offset(time::UtcOffset::UTC);
    let year = u32::try_from(t.year())
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or(SignError::TimeOutOfRange)?;
    Ok([
        year,
        u32::from(u8::from(t.month())),
        u32::from(t.day()),
        u32::from(t.hour()),
        u32::from(t.minute()),
        u32::from(t.second()),
    ])
}

/// Makes a header value from text we put into the request, naming it on failure.
fn header_value(value: &str, which: &'static str) -> Result<http::HeaderValue, SignError> {
    if value.is_empty() {
        return Err(SignError::InvalidHeaderValue { which });
    }
    http::HeaderValue::from_str(value).map_err(|_| SignError::InvalidHeaderValue { which })
}

/// Sets the `Host` header from the URI when the request has none.
fn ensure_host(request: &mut http::Request<Vec<u8>>) -> Result<(), SignError> {
    if request.headers().contains_key(http::header::HOST) {
        return Ok(());
    }
    let host = canonical::host(request.uri()).ok_or(SignError::NoHost)?;
    let value = http::HeaderValue::from_str(&host).map_err(|_| SignError::NoHost)?;
    request.headers_mut().insert(http::header::HOST, value);
    Ok(())
}
