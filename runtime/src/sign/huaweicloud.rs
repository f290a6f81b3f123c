//! Huawei Cloud's `SDK-HMAC-SHA256` AK/SK signature, as the API Gateway checks it and
//! the vendor's SDKs compute it.
//!
//! Canonical request (one line each): the method; the path, each segment decoded and
//! re-encoded, with a trailing `/`; the query, decoded, sorted, re-encoded; one
//! `name:value` line per signed header; the signed header names joined with `;`; the
//! hex SHA-256 of the body. String to sign: `SDK-HMAC-SHA256`, the `X-Sdk-Date` value and
//! the hex SHA-256 of the canonical request, one per line. Signature: hex HMAC-SHA256 of
//! that under the secret key.
//!
//! Every header the request carries is signed, as the SDKs do, except names containing
//! `_` (which the SDKs skip and gateways may drop). So set every header — `Content-Type`,
//! [`PROJECT_ID_HEADER`], … — *before* signing, and none after.

use std::borrow::Cow;

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderName, HeaderValue, Request};
use time::OffsetDateTime;

use super::canonical::{self, hmac_sha256_hex, sha256_hex};
use super::{Credentials, SignError, check_keys, ensure_host, header_value, utc_fields};

/// The algorithm name that starts the `Authorization` value.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header with the signing time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const DATE_HEADER: &str = "x-sdk-date";
/// The header with the security token of temporary credentials.
pub const SECURITY_TOKEN_HEADER: &str = "x-security-token";
/// The header with the project ID, for the APIs that want it besides the path.
pub const PROJECT_ID_HEADER: &str = "x-project-id";
/// The header that, when the request sets it (e.g. to `UNSIGNED-PAYLOAD`), replaces the
/// body's hash in the canonical request. The signer itself always hashes the body.
pub const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";

/// Signs `request` in place: sets `Host` (from the URI, if absent), `X-Sdk-Date` (from
/// `time`), `X-Security-Token` (for temporary credentials) and `Authorization`. An
/// `Authorization` already there is replaced, so signing again re-signs.
///
/// ```
/// use cloudjobs_runtime::sign::{Credentials, huaweicloud};
///
/// let mut request = http::Request::post("https://drs.eu-west-101.myhuaweicloud.eu/v3/p1/jobs/batch-status")
///     .header("content-type", "application/json;charset=UTF-8")
///     .body(br#"{"jobs":["9a47"]}"#.to_vec())?;
/// let credentials = Credentials::new("AK", "SK").with_security_token("token");
/// huaweicloud::sign(&mut request, &credentials, time::macros::datetime!(2026-11-26 08:09:10 UTC))?;
/// let authorization = request.headers()["authorization"].to_str()?;
/// assert!(authorization.starts_with(
///     "SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date;x-security-token, Signature="
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// An empty access or secret key; a token or access key that cannot go in a header; no
/// host; a header to be signed that appears twice (the gateway reads one value); a time
/// outside years 0000–9999. On error the request is unchanged.
pub fn sign(
    request: &mut Request<Vec<u8>>,
    credentials: &Credentials,
    time: OffsetDateTime,
) -> Result<(), SignError> {
    check_keys(credentials)?;
    let [year, month, day, hour, minute, second] = utc_fields(time)?;
    let date = format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z");
    let prefix = format!("{ALGORITHM} Access={}, ", credentials.access_key());
    header_value(&prefix, "the access key")?;
    let token = credentials
        .security_token()
        .map(|token| header_value(token, SECURITY_TOKEN_HEADER))
        .transpose()?;
    check_single_values(request.headers(), token.is_some())?;

    // The last check (the host) is also the first change; after it nothing fails.
    ensure_host(request)?;
    let headers = request.headers_mut();
    headers.remove(AUTHORIZATION);
    headers.insert(
        DATE_HEADER,
        HeaderValue::from_str(&date).expect("digits and letters"),
    );
    if let Some(token) = token {
        headers.insert(SECURITY_TOKEN_HEADER, token);
    }

    let (canonical_request, signed_headers) = canonical_request(request);
    let string_to_sign = format!("{ALGORITHM}\n{date}\n{}", sha256_hex(&canonical_request));
    let signature = hmac_sha256_hex(
        credentials.secret_key().as_bytes(),
        string_to_sign.as_bytes(),
    );
    let authorization = format!("{prefix}SignedHeaders={signed_headers}, Signature={signature}");
    let authorization = HeaderValue::from_str(&authorization)
        .expect("the prefix was checked; the rest is header names and hex");
    request.headers_mut().insert(AUTHORIZATION, authorization);
    Ok(())
}

/// Adds the `X-Project-Id` header (sign afterwards, so it is signed).
///
/// # Errors
/// A project ID that is empty or cannot be a header value.
pub fn set_project_id(request: &mut Request<Vec<u8>>, project_id: &str) -> Result<(), SignError> {
    let value = header_value(project_id, PROJECT_ID_HEADER)?;
    request.headers_mut().insert(PROJECT_ID_HEADER, value);
    Ok(())
}

/// Whether the SDKs sign a header: all but names with `_` (and `Authorization`, which
/// carries the signature).
fn is_signed(name: &HeaderName) -> bool {
    name != AUTHORIZATION && !name.as_str().contains('_')
}

/// Refuses a signed header given twice, except the ones [`sign`] replaces.
fn check_single_values(headers: &HeaderMap, replaces_token: bool) -> Result<(), SignError> {
    for name in headers.keys() {
        let replaced = name == DATE_HEADER || (replaces_token && name == SECURITY_TOKEN_HEADER);
        if is_signed(name) && !replaced && headers.get_all(name).iter().nth(1).is_some() {
            return Err(SignError::RepeatedHeader {
                name: name.as_str().to_owned(),
            });
        }
    }
    Ok(())
}

/// The canonical request and the signed header names of a request as [`sign`] prepared
/// it (or signed it: `Authorization` is never part of it): the method upper-cased, a
/// trailing `/` on the path.
fn canonical_request(request: &Request<Vec<u8>>) -> (Vec<u8>, String) {
    // As the SDKs: an empty body always hashes as empty; otherwise a caller's
    // X-Sdk-Content-Sha256 (UNSIGNED-PAYLOAD) stands in for the hash.
    let body = request.body();
    let payload_hash = match request.headers().get(CONTENT_SHA256_HEADER) {
        Some(given) if !body.is_empty() => Cow::Borrowed(given.as_bytes()),
        _ => Cow::Owned(sha256_hex(body).into_bytes()),
    };
    canonical::request(
        &request.method().as_str().to_ascii_uppercase(),
        request.uri(),
        true,
        request.headers(),
        is_signed,
        &payload_hash,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_request_has_every_part_in_order() {
        let mut request = Request::post("https://h.example.com/v1/a%20b?z=1&a=")
            .header("X-Custom", "  two  spaces  ")
            .header("TEST_UNDERSCORE", "skipped")
            .body(b"{}".to_vec())
            .unwrap();
        sign(
            &mut request,
            &Credentials::new("ak", "sk"),
            time::macros::datetime!(2020-01-02 03:04:05 UTC),
        )
        .unwrap();
        let (canonical, signed) = canonical_request(&request);
        assert_eq!(signed, "host;x-custom;x-sdk-date");
        assert_eq!(
            String::from_utf8(canonical).unwrap(),
            format!(
                "POST\n/v1/a%20b/\na=&z=1\nhost:h.example.com\nx-custom:two  spaces\n\
                 x-sdk-date:20200102T030405Z\n\nhost;x-custom;x-sdk-date\n{}",
                sha256_hex(b"{}")
            )
        );
    }

    #[test]
    fn a_given_content_sha256_replaces_the_body_hash_unless_the_body_is_empty() {
        let build = |body: &[u8]| {
            Request::put("https://h.example.com/o")
                .header(CONTENT_SHA256_HEADER, "UNSIGNED-PAYLOAD")
                .body(body.to_vec())
                .unwrap()
        };
        let (canonical, _) = canonical_request(&build(b"data"));
        assert!(canonical.ends_with(b"\nUNSIGNED-PAYLOAD"));
        let (canonical, _) = canonical_request(&build(b""));
        assert!(canonical.ends_with(sha256_hex(b"").as_bytes()));
    }
}
