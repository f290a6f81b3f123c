//! Where requests are sent.

use std::fmt;

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
