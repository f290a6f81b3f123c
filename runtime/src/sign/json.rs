//! Signing driven by a JSON description of the request, for the `sign` example and for
//! checking a signature from the shell.
//!
//! Input fields are read one by one from a `serde_json::Value` (not derived), so that no
//! error message can echo a field's value: a secret given as a number must not be printed
//! back as "invalid type: integer `…`".

use std::collections::BTreeMap;
use std::fmt;

use http::{HeaderName, HeaderValue, Method, Request, Uri};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Credentials, SignError, alibabacloud, huaweicloud};

/// Signs the request a JSON document describes and returns the signed request's headers.
///
/// Input: `{"scheme": "huaweicloud" | "alibabacloud", "access_key", "secret_key",
/// "security_token": null | "…", "time": "2026-11-26T08:09:10Z", "nonce", "method",
/// "url", "headers": {"Name": "value"}, "body": "text"}`. `url` is absolute http(s), as
/// sent on the wire; `time` is RFC 3339 UTC in whole seconds ending in `Z`; `nonce` is
/// needed for `alibabacloud` only; `security_token`, `headers` and `body` may be left out.
/// Other fields are ignored.
///
/// Output: `{"headers": {"lowercase-name": "value", …}}`, every header of the signed
/// request, names sorted.
///
/// ```
/// let out = cloudjobs_runtime::sign::sign_json(r#"{
///     "scheme": "huaweicloud", "access_key": "AK", "secret_key": "SK",
///     "time": "2026-11-26T08:09:10Z", "method": "GET",
///     "url": "https://ecs.example.com/v1/jobs?limit=2"
/// }"#)?;
/// let out: serde_json::Value = serde_json::from_str(&out)?;
/// assert_eq!(out["headers"]["x-sdk-date"], "20261126T080910Z");
/// assert_eq!(out["headers"]["host"], "ecs.example.com");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// Invalid JSON, a missing or mistyped field, an unknown scheme, a bad time, method, URL
/// or header, or a request the signer refuses. No message contains the secret key or the
/// token.
pub fn sign_json(input: &str) -> Result<String, SignJsonError> {
    let value: Value =
        serde_json::from_str(input).map_err(|e| SignJsonError::Json(e.to_string()))?;
    let Value::Object(fields) = value else {
        return Err(SignJsonError::NotAnObject);
    };
    let scheme = required_str(&fields, "scheme")?;
    if scheme != "huaweicloud" && scheme != "alibabacloud" {
        return Err(SignJsonError::UnknownScheme(scheme.to_owned()));
    }
    let mut credentials = Credentials::new(
        required_str(&fields, "access_key")?,
        required_str(&fields, "secret_key")?,
    );
    if let Some(token) = optional_str(&fields, "security_token")? {
        credentials = credentials.with_security_token(token);
    }
    let time = parse_time(required_str(&fields, "time")?)?;
    let mut request = build_request(&fields)?;
    if scheme == "huaweicloud" {
        huaweicloud::sign(&mut request, &credentials, time)?;
    } else {
        let nonce = required_str(&fields, "nonce")?;
        alibabacloud::sign(&mut request, &credentials, time, nonce)?;
    }

    let headers: BTreeMap<&str, String> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    Ok(serde_json::json!({ "headers": headers }).to_string())
}

/// The unsigned request: method, URL, headers and body from the input.
fn build_request(fields: &Map<String, Value>) -> Result<Request<Vec<u8>>, SignJsonError> {
    let method = required_str(fields, "method")?;
    let method = Method::from_bytes(method.as_bytes())
        .map_err(|_| SignJsonError::Method(method.to_owned()))?;
    let uri: Uri = required_str(fields, "url")?
        .parse()
        .map_err(|e: http::uri::InvalidUri| SignJsonError::Url(e.to_string()))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
        return Err(SignJsonError::Url("not an absolute http(s) URL".to_owned()));
    }
    let body = optional_str(fields, "body")?.unwrap_or_default();

    let mut request = Request::new(body.as_bytes().to_vec());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    match fields.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(headers)) => {
            for (name, value) in headers {
                let header =
                    HeaderName::from_bytes(name.as_bytes()).map_err(|_| SignJsonError::Header {
                        name: name.clone(),
                        problem: "is not a valid header name",
                    })?;
                let Value::String(value) = value else {
                    return Err(SignJsonError::Header {
                        name: name.clone(),
                        problem: "has a value that is not a string",
                    });
                };
                let value = HeaderValue::from_str(value).map_err(|_| SignJsonError::Header {
                    name: name.clone(),
                    problem: "has a value with characters a header cannot carry",
                })?;
                if request.headers_mut().insert(&header, value).is_some() {
                    return Err(SignJsonError::Header {
                        name: name.clone(),
                        problem: "is given twice (names are case-insensitive)",
                    });
                }
            }
        }
        Some(_) => {
            return Err(SignJsonError::Field {
                field: "headers",
                expected: "an object of strings",
            });
        }
    }
    Ok(request)
}

/// RFC 3339, UTC (`Z`), whole seconds: the form both vendors' date headers take.
fn parse_time(text: &str) -> Result<OffsetDateTime, SignJsonError> {
    let bad = |reason: &'static str| SignJsonError::Time {
        value: text.to_owned(),
        reason,
    };
    let time =
        OffsetDateTime::parse(text, &Rfc3339).map_err(|_| bad("is not an RFC 3339 date-time"))?;
    if !text.ends_with('Z') {
        return Err(bad("must be UTC, ending in `Z`"));
    }
    if time.nanosecond() != 0 {
        return Err(bad("must be whole seconds"));
    }
    Ok(time)
}

fn required_str<'a>(
    fields: &'a Map<String, Value>,
    field: &'static str,
) -> Result<&'a str, SignJsonError> {
    optional_str(fields, field)?.ok_or(SignJsonError::Field {
        field,
        expected: "a string",
    })
}

/// A string field, or `None` when absent or `null`. The error names the field only.
fn optional_str<'a>(
    fields: &'a Map<String, Value>,
    field: &'static str,
) -> Result<Option<&'a str>, SignJsonError> {
    match fields.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(SignJsonError::Field {
            field,
            expected: "a string",
        }),
    }
}

/// Why [`sign_json`] refused its input. No variant holds a secret key or a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignJsonError {
    /// The input is not JSON (serde_json's message: position, not content).
    Json(String),
    /// The input is JSON but not an object.
    NotAnObject,
    /// A field is missing or of the wrong type.
    Field {
        /// The field's name.
        field: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// `scheme` is neither `huaweicloud` nor `alibabacloud`.
    UnknownScheme(String),
    /// `time` is not RFC 3339 UTC in whole seconds.
    Time {
        /// The time as given.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// `method` is not an HTTP method.
    Method(String),
    /// `url` is not an absolute http(s) URI (the URL itself is not repeated: it may carry
    /// credentials).
    Url(String),
    /// A header's name or value cannot be sent.
    Header {
        /// The name as given.
        name: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// The signer refused the request.
    Sign(SignError),
}

impl From<SignError> for SignJsonError {
    fn from(e: SignError) -> Self {
        SignJsonError::Sign(e)
    }
}

impl fmt::Display for SignJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignJsonError::Json(e) => write!(f, "invalid JSON: {e}"),
            SignJsonError::NotAnObject => f.write_str("the input must be a JSON object"),
            SignJsonError::Field { field, expected } => {
                write!(f, "field `{field}` is missing or not {expected}")
            }
            SignJsonError::UnknownScheme(s) => {
                write!(
                    f,
                    "unknown scheme `{s}` (expected `huaweicloud` or `alibabacloud`)"
                )
            }
            SignJsonError::Time { value, reason } => write!(f, "time `{value}` {reason}"),
            SignJsonError::Method(m) => write!(f, "`{m}` is not an HTTP method"),
            SignJsonError::Url(reason) => write!(f, "bad url: {reason}"),
            SignJsonError::Header { name, problem } => write!(f, "header `{name}` {problem}"),
            SignJsonError::Sign(e) => write!(f, "cannot sign: {e}"),
        }
    }
}

impl std::error::Error for SignJsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignJsonError::Sign(e) => Some(e),
            _ => None,
        }
    }
}
