//! Turning a built request into an `http::Request`.

use std::fmt;

use crate::Endpoint;
use crate::wire::{Wire, write_json};

/// Characters left as they are in path segments and query values: RFC 3986 unreserved.
const ENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The parts of a request, in wire form, before they become an `http::Request`.
pub struct RequestParts {
    method: http::Method,
    path: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl RequestParts {
    /// Starts a request with this method and an empty path.
    pub fn new(method: http::Method) -> Self {
        RequestParts {
            method,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Appends literal path text from the template.
    pub fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a path parameter, percent-encoded so it stays one segment.
    pub fn segment(&mut self, value: &str) {
        self.path
            .extend(percent_encoding::utf8_percent_encode(value, ENCODE));
    }

    /// Appends a query parameter (encoded when the request is built).
    pub fn query(&mut self, name: &'static str, value: impl fmt::Display) {
        self.query.push((name, value.to_string()));
    }

    /// Adds a header; the value was checked when the request was built.
    pub fn header(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name, value.to_string()));
    }

    /// Sets the JSON body.
    pub fn json_body<T: Wire>(&mut self, body: &T) {
        self.json_body_of(body);
    }

    fn json_body_of(&mut self, body: &dyn Wire) {
        // Generated types serialize to JSON infallibly: string keys, no custom errors.
        let bytes = write_json(body).expect("generated types always serialize");
        self.body = Some(bytes);
    }

    /// Builds the request. Every part was checked when the request was built, so this
    /// cannot fail.
    pub fn into_http(self, endpoint: &Endpoint) -> http::Request<Vec<u8>> {
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
