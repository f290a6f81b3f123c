//! Support code shared by every generated operation: lifecycle phases, endpoints, timestamps,
//! errors, and the small helpers the generated (de)serializers call.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// Fields the documentation does not list, kept as they came so that decode → encode loses
/// nothing.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Where a job is in its lifecycle. Every status value of every endpoint maps to one phase;
/// the spec decides which and says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Phase {
    /// Accepted or waiting; nothing runs yet, but more will happen.
    Pending,
    /// Work is in progress.
    Running,
    /// Finished, and it worked.
    Succeeded,
    /// Finished, and it did not work.
    Failed,
    /// Finished with part of the work done.
    PartiallySucceeded,
    /// Stopped on request before finishing.
    Cancelled,
    /// The server sent a status value the documentation does not list.
    Unknown,
}

impl Phase {
    /// Whether the job has stopped for good: polling again will not change its status.
    /// An unknown status is not terminal: nothing says the job has stopped.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Phase::Succeeded | Phase::Failed | Phase::PartiallySucceeded | Phase::Cancelled
        )
    }

    /// Whether the job finished and did all of its work.
    pub fn is_success(self) -> bool {
        self == Phase::Succeeded
    }

    /// The phase in snake case, as specs write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "pending",
            Phase::Running => "running",
            Phase::Succeeded => "succeeded",
            Phase::Failed => "failed",
            Phase::PartiallySucceeded => "partially_succeeded",
            Phase::Cancelled => "cancelled",
            Phase::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An enum value the documentation does not list, kept verbatim.
///
/// It is opaque on purpose: user code can read it but not build one, so
/// `Unknown("SUCCESS")` can never stand in for a documented value and equality stays honest.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    pub(crate) fn new(value: &str) -> Self {
        UnknownValue(value.to_owned())
    }

    /// The value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Implemented by every generated string enum; lets one visitor serve them all.
pub(crate) trait WireEnum: Sized {
    fn from_wire(value: &str) -> Self;
}

/// Deserializes any generated enum from a JSON string without copying known values.
pub(crate) fn deserialize_enum<'de, D: Deserializer<'de>, T: WireEnum>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct EnumVisitor<T>(std::marker::PhantomData<T>);
    impl<T: WireEnum> Visitor<'_> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from_wire(value))
        }
    }
    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

/// An object key, borrowed from the input when it can be.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the value of a documented field, refusing a second occurrence of the same key.
/// Optional fields use a slot of `Option<Option<T>>`: `null` and absent both end as `None`.
pub(crate) fn next_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads an unlisted field into `extra`.
pub(crate) fn next_extra<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut Extra,
    key: Key<'de>,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_string(), value);
    Ok(())
}

/// The value of a required field, or serde's "missing field" error.
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

/// A point in time as the server wrote it. The text is kept exactly (so a round trip is
/// lossless even for the non-standard formats some pages show); [`Timestamp::parse`] reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps wire text; it is parsed only on request.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The wire text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses RFC 3339 (`2019-04-01T12:00:00.000Z`) and the compact offset form some pages
    /// use (`2018-08-06T10:41:14+0000`).
    pub fn parse(&self) -> Result<time::OffsetDateTime, TimestampError> {
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        let compact = format_description!(
            version = 2,
            "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]][offset_hour sign:mandatory][offset_minute]"
        );
        time::OffsetDateTime::parse(&self.0, &Rfc3339)
            .or_else(|_| time::OffsetDateTime::parse(&self.0, &compact))
            .map_err(|_| TimestampError(self.0.clone()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A timestamp whose text is in no format [`Timestamp::parse`] knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError(String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a timestamp in a known format", self.0)
    }
}

impl std::error::Error for TimestampError {}

/// Where requests are sent: scheme, host and optional base path, e.g.
/// `https://drs.ap-southeast-1.myhuaweicloud.com`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
}

impl Endpoint {
    /// Checks and wraps a base URL (`http` or `https`, a host, no query or fragment).
    pub fn new(url: &str) -> Result<Self, EndpointError> {
        let bad = |why: &str| EndpointError(format!("`{url}` is not a usable endpoint: {why}"));
        let uri: http::Uri = url.parse().map_err(|_| bad("not a URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(bad("the scheme must be http or https")),
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(bad("there is no host"));
        }
        if uri.query().is_some() || url.contains('#') {
            return Err(bad("it must not have a query or fragment"));
        }
        Ok(Endpoint {
            base: url.trim_end_matches('/').to_owned(),
        })
    }

    /// Fills `{region}` in an operation's `ENDPOINT_TEMPLATE`.
    pub fn for_region(template: &str, region: &str) -> Result<Self, EndpointError> {
        let valid = !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(EndpointError(format!(
                "`{region}` is not a region name (lower-case letters, digits and `-`)"
            )));
        }
        Endpoint::new(&template.replace("{region}", region))
    }

    /// The base URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.base
    }
}

/// An endpoint that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(String);

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EndpointError {}

/// A request that cannot be built: a required parameter is missing or a value breaks a
/// documented constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    field: String,
    problem: String,
}

impl BuildError {
    pub(crate) fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        BuildError {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The offending parameter or field, as a path: `body.page_req.per_page`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.problem)
    }
}

impl std::error::Error for BuildError {}

/// The builder's error when a required parameter was never set.
pub(crate) fn missing<T>(value: Option<T>, field: &str) -> Result<T, BuildError> {
    value.ok_or_else(|| BuildError::new(field, "is required but was not set"))
}

/// Checks a number against documented bounds.
pub(crate) fn check_range<N: Into<f64> + Copy + fmt::Display>(
    value: N,
    minimum: Option<f64>,
    maximum: Option<f64>,
    field: &str,
) -> Result<(), BuildError> {
    let v: f64 = value.into();
    if let Some(min) = minimum.filter(|&min| v < min) {
        return Err(BuildError::new(
            field,
            format!("must be at least {min}, got {value}"),
        ));
    }
    if let Some(max) = maximum.filter(|&max| v > max) {
        return Err(BuildError::new(
            field,
            format!("must be at most {max}, got {value}"),
        ));
    }
    Ok(())
}

/// Checks a length (characters of a string, items of an array) against documented bounds.
pub(crate) fn check_len(
    len: usize,
    minimum: Option<u64>,
    maximum: Option<u64>,
    unit: &str,
    field: &str,
) -> Result<(), BuildError> {
    let len = len as u64;
    if let Some(min) = minimum.filter(|&min| len < min) {
        return Err(BuildError::new(
            field,
            format!("must have at least {min} {unit}, got {len}"),
        ));
    }
    if let Some(max) = maximum.filter(|&max| len > max) {
        return Err(BuildError::new(
            field,
            format!("must have at most {max} {unit}, got {len}"),
        ));
    }
    Ok(())
}

/// Checks that a header parameter can be sent as an HTTP header value.
pub(crate) fn check_header(value: &str, field: &str) -> Result<(), BuildError> {
    http::HeaderValue::from_str(value)
        .map(drop)
        .map_err(|_| BuildError::new(field, "is not a valid HTTP header value"))
}

/// Characters left as they are in path segments and query values: RFC 3986 unreserved.
const ENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The parts of a request, in wire form, before they become an `http::Request`.
pub(crate) struct RequestParts {
    pub(crate) method: http::Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl RequestParts {
    pub(crate) fn new(method: http::Method) -> Self {
        RequestParts {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Appends literal path text from the template.
    pub(crate) fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a path parameter, percent-encoded so it stays one segment.
    pub(crate) fn segment(&mut self, value: &str) {
        self.path
            .extend(percent_encoding::utf8_percent_encode(value, ENCODE));
    }

    pub(crate) fn query(&mut self, name: &'static str, value: impl fmt::Display) {
        self.query.push((name, value.to_string()));
    }

    pub(crate) fn header(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name, value.to_string()));
    }

    pub(crate) fn json_body<T: serde::Serialize>(&mut self, body: &T) {
        // Generated types serialize to JSON infallibly: string keys, no custom errors.
        let bytes = serde_json::to_vec(body).expect("generated types always serialize");
        self.body = Some(bytes);
    }

    /// Builds the request. Every part was checked when the request was built, so this
    /// cannot fail.
    pub(crate) fn into_http(self, endpoint: &Endpoint) -> http::Request<Vec<u8>> {
        let mut uri = format!("{}{}", endpoint.as_str(), self.path);
        for (i, (name, value)) in self.query.iter().enumerate() {
            uri.push(if i == 0 { '?' } else { '&' });
            uri.extend(percent_encoding::utf8_percent_encode(name, ENCODE));
            uri.push('=');
            uri.extend(percent_encoding::utf8_percent_encode(value, ENCODE));
        }
        let mut request = http::Request::new(self.body.unwrap_or_default());
        *request.method_mut() = self.method;
        *request.uri_mut() = uri
            .parse()
            .expect("a checked endpoint plus percent-encoded parts is a valid URI");
        for (name, value) in self.headers {
            let value = http::HeaderValue::from_str(&value)
                .expect("header values are checked when the request is built");
            request
                .headers_mut()
                .append(http::HeaderName::from_static(name), value);
        }
        request
    }
}

/// A payload that does not fit its type: where (a JSON path such as `results[0].status`)
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    /// The JSON path of the value that did not fit (`.` for the whole document).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong with it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes JSON bytes into `T`, naming the JSON path on failure. Trailing data is an error.
///
/// Decoding does not track the path as it goes (that would cost an allocation per field on
/// every successful decode); on failure, the path is recovered from the error's position.
pub fn decode_json<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| DecodeError {
        path: path_at(bytes, offset_of(bytes, e.line(), e.column())),
        message: e.to_string(),
    })
}

/// Byte offset just past the last byte serde_json read, from its 1-based line and its column
/// (the number of bytes it read on that line).
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    (line_start + column).min(bytes.len())
}

/// The JSON path (`results[1].id`, `.` for the document) of the value being read when the
/// parser stopped at byte `offset`: a scan of the bytes before it, keeping one frame per open
/// object or array. The wire tests pin its answers for every kind of error.
fn path_at(bytes: &[u8], offset: usize) -> String {
    enum Frame {
        /// The latest key, and whether its value is being read.
        Object(Option<String>, bool),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'{' => stack.push(Frame::Object(None, false)),
            b'[' => stack.push(Frame::Array(0)),
            // A closed value stays "being read" until the next `,`: an error right after
            // it (a missing field, a string of the wrong type) belongs to it.
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object(_, in_value)) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(key, in_value)) => {
                    *key = None;
                    *in_value = false;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(key, false)) = stack.last_mut() {
                    let raw = &bytes[start..(i + 1).min(bytes.len())];
                    *key = Some(
                        serde_json::from_slice::<String>(raw)
                            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key), true) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(..) => break,
            Frame::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() { ".".to_owned() } else { path }
}

/// A response body the documentation gives no schema for, kept byte for byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawBody(Vec<u8>);

impl RawBody {
    pub(crate) fn new(bytes: &[u8]) -> Self {
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
    pub(crate) fn undocumented(status: u16, body: &[u8]) -> Self {
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
pub(crate) fn decode_response<'de, T: Deserialize<'de>>(
    status: u16,
    body: &'de [u8],
) -> Result<T, ResponseError> {
    decode_json(body).map_err(|error| ResponseError::Decode {
        status,
        error,
        body: RawBody::new(body),
    })
}

/// What a payload is, for [`crate::decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// The operation's request body.
    Request,
    /// The operation's response body for this HTTP status.
    Response(u16),
}

/// Why [`crate::decode`] refused a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// No operation has this ID (or its provider's feature is off).
    UnknownOperation(String),
    /// The operation takes no request body.
    NoRequestBody(String),
    /// The body does not fit the request type.
    Decode(DecodeError),
    /// The response could not be read.
    Response(ResponseError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownOperation(id) => write!(f, "no operation has the ID `{id}`"),
            Error::NoRequestBody(id) => write!(f, "operation `{id}` takes no request body"),
            Error::Decode(e) => e.fmt(f),
            Error::Response(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// What every generated operation offers to generic tools such as the decode example.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// `provider.service.operation`.
    pub id: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template, or `/` for RPC operations.
    pub path: &'static str,
    /// The documented HTTP statuses.
    pub statuses: &'static [u16],
    pub(crate) request: Option<DecodeRequest>,
    pub(crate) response: DecodeResponse,
}

/// Decodes and re-encodes a request body.
pub(crate) type DecodeRequest = fn(&[u8]) -> Result<serde_json::Value, DecodeError>;

/// Decodes and re-encodes the response body of an HTTP status.
pub(crate) type DecodeResponse = fn(u16, &[u8]) -> Result<serde_json::Value, ResponseError>;

impl Operation {
    /// Decodes a payload into this operation's types and encodes it back as JSON.
    pub fn decode(&self, payload: Payload, body: &[u8]) -> Result<serde_json::Value, Error> {
        match payload {
            Payload::Request => match self.request {
                Some(decode) => decode(body).map_err(Error::Decode),
                None => Err(Error::NoRequestBody(self.id.to_owned())),
            },
            Payload::Response(status) => (self.response)(status, body).map_err(Error::Response),
        }
    }
}

/// Decodes `body` as `T` and encodes it back as a JSON value.
pub(crate) fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<serde_json::Value, DecodeError> {
    let value: T = decode_json(body)?;
    Ok(to_json(&value))
}

/// Encodes a generated value as JSON; generated types always serialize.
///
/// Through bytes rather than `serde_json::to_value`, so every generated type is compiled
/// for one serializer (the byte writer `to_http` already needs), not two.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    let bytes = serde_json::to_vec(value).expect("generated types always serialize");
    serde_json::from_slice(&bytes).expect("serde_json reads what it wrote")
}
