//! Alibaba Cloud's signature V3, `ACS3-HMAC-SHA256`, for RPC and ROA APIs alike.
//!
//! Canonical request (one line each): the method; the path, each segment decoded and
//! re-encoded (`/` for RPC); the query, decoded, sorted, re-encoded; one `name:value` line
//! per signed header; the signed header names joined with `;`; the hex SHA-256 of the
//! body. String to sign: `ACS3-HMAC-SHA256` and the hex SHA-256 of the canonical request,
//! one per line. Signature: hex HMAC-SHA256 of that under the secret key.
//!
//! Signed headers, as the V3 guide says: `host`, `content-type` when present, and every
//! `x-acs-*` header. The operation is named by the `x-acs-action` and `x-acs-version`
//! headers, which the request must carry before signing; the signer does not look at the
//! query for them.

use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Uri};
use time::OffsetDateTime;

use super::canonical::{self, hmac_sha256_hex, sha256_hex};
use super::{Credentials, SignError, check_keys, ensure_host, header_value, utc_fields};

/// The algorithm name that starts the `Authorization` value.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";
/// The operation's name (e.g. `GetFoTaskStatus`); the request must carry it.
pub const ACTION_HEADER: &str = "x-acs-action";
/// The operation's API version (e.g. `2021-09-31`); the request must carry it.
pub const VERSION_HEADER: &str = "x-acs-version";
/// The signing time, `YYYY-MM-DDTHH:MM:SSZ` in UTC.
pub const DATE_HEADER: &str = "x-acs-date";
/// A value used once, against replays.
pub const NONCE_HEADER: &str = "x-acs-signature-nonce";
/// The hex SHA-256 of the body.
pub const CONTENT_SHA256_HEADER: &str = "x-acs-content-sha256";
/// The security token of temporary (STS) credentials.
pub const SECURITY_TOKEN_HEADER: &str = "x-acs-security-token";

/// Signs `request` in place: sets `host` (from the URI, if absent), `x-acs-date` (from
/// `time`), `x-acs-signature-nonce` (`nonce`: use a fresh random value per request, e.g.
/// 16 random bytes in hex), `x-acs-content-sha256`, `x-acs-security-token` (temporary
/// credentials) and `Authorization`. Those headers, if already there, are replaced.
///
/// ```
/// use cloudjobs_runtime::sign::{Credentials, alibabacloud};
///
/// let mut request = http::Request::post("https://bpstudio.cn-hangzhou.aliyuncs.com/?TaskId=42")
///     .header("x-acs-action", "GetFoTaskStatus")
///     .header("x-acs-version", "2021-09-31")
///     .body(Vec::new())?;
/// let credentials = Credentials::new("AKID", "secret");
/// let now = time::macros::datetime!(2026-11-26 08:09:10 UTC);
/// alibabacloud::sign(&mut request, &credentials, now, "3156853299f313e23d1673dc12e1703d")?;
/// assert_eq!(request.headers()["x-acs-date"], "2026-11-26T08:09:10Z");
/// assert!(request.headers()["authorization"].to_str()?.starts_with(
///     "ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-action;x-acs-content-sha256;\
///      x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// An empty access or secret key; an access key, token or nonce that is empty or cannot
/// go in a header; no host; a time outside years 0000–9999. On error the request is
/// unchanged.
pub fn sign(
    request: &mut Request<Vec<u8>>,
    credentials: &Credentials,
    time: OffsetDateTime,
    nonce: &str,
) -> Result<(), SignError> {
    check_keys(credentials)?;
    let [year, month, day, hour, minute, second] = utc_fields(time)?;
    let date = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
    let prefix = format!("{ALGORITHM} Credential={},", credentials.access_key());
    header_value(&prefix, "the access key")?;
    let nonce = header_value(nonce, NONCE_HEADER)?;
    let token = credentials
        .security_token()
        .map(|token| header_value(token, SECURITY_TOKEN_HEADER))
        .transpose()?;
    let payload_hash = sha256_hex(request.body());

    // The last check (the host) is also the first change; after it nothing fails.
    ensure_host(request)?;
    let headers = request.headers_mut();
    headers.remove(AUTHORIZATION);
    headers.insert(
        DATE_HEADER,
        HeaderValue::from_str(&date).expect("digits and punctuation"),
    );
    headers.insert(NONCE_HEADER, nonce);
    headers.insert(
        CONTENT_SHA256_HEADER,
        HeaderValue::from_str(&payload_hash).expect("hex"),
    );
    if let Some(token) = token {
        headers.insert(SECURITY_TOKEN_HEADER, token);
    }

    let (canonical_request, signed_headers) = canonical_request(
        request.method(),
        request.uri(),
        request.headers(),
        &payload_hash,
    );
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(&canonical_request));
    let signature = hmac_sha256_hex(
        credentials.secret_key().as_bytes(),
        string_to_sign.as_bytes(),
    );
    let authorization = format!("{prefix}SignedHeaders={signed_headers},Signature={signature}");
    let authorization = HeaderValue::from_str(&authorization)
        .expect("the prefix was checked; the rest is header names and hex");
    request.headers_mut().insert(AUTHORIZATION, authorization);
    Ok(())
}

/// Whether V3 signs a header: `host`, `content-type` and `x-acs-*`.
fn is_signed(name: &HeaderName) -> bool {
    name == HOST || name == CONTENT_TYPE || name.as_str().starts_with("x-acs-")
}

/// The canonical request and the signed header names, by V3's rules: the method as
/// given, no trailing `/`, the given payload hash.
fn canonical_request(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    payload_hash: &str,
) -> (Vec<u8>, String) {
    canonical::request(
        method.as_str(),
        uri,
        false,
        headers,
        is_signed,
        payload_hash.as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// aliyun/darabonba-openapi-util, `python/tests/test_client.py`,
    /// `test_get_authorization`: a GET to `/` with query `{test: ok, empty: ""}`, headers
    /// `x-acs-test: http` and `x-acs-TEST: https` (one name, two values), the payload hash
    /// given as `55e12e…6a23` (the SM3 of `test`, used there as an opaque string), key
    /// `acesskey`/`secret`. The query is written in the order that test's dict has it.
    #[test]
    fn darabonba_openapi_util_get_authorization_vector() {
        let mut headers = HeaderMap::new();
        headers.append("x-acs-test", HeaderValue::from_static("http"));
        let upper = HeaderName::from_bytes(b"x-acs-TEST").unwrap(); // lower-cased, as the SDK does
        headers.append(upper, HeaderValue::from_static("https"));
        let uri: Uri = "/?test=ok&empty=".parse().unwrap();
        let payload = "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23";
        let (canonical, signed) = canonical_request(&Method::GET, &uri, &headers, payload);
        assert_eq!(signed, "x-acs-test");
        assert_eq!(
            String::from_utf8(canonical.clone()).unwrap(),
            format!("GET\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n{payload}")
        );
        let signature = hmac_sha256_hex(
            b"secret",
            format!("{ALGORITHM}\n{}", sha256_hex(&canonical)).as_bytes(),
        );
        assert_eq!(
            format!("{ALGORITHM} Credential=acesskey,SignedHeaders={signed},Signature={signature}"),
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,\
             Signature=d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1"
        );
    }

    #[test]
    fn repeated_values_are_trimmed_then_sorted() {
        let mut headers = HeaderMap::new();
        headers.append("x-acs-b", HeaderValue::from_static("  zeta "));
        headers.append("x-acs-b", HeaderValue::from_static("alpha  beta"));
        headers.append("user-agent", HeaderValue::from_static("not signed"));
        headers.append("content-type", HeaderValue::from_static("application/json"));
        let uri: Uri = "/".parse().unwrap();
        let (canonical, signed) = canonical_request(&Method::POST, &uri, &headers, "h");
        assert_eq!(signed, "content-type;x-acs-b");
        assert_eq!(
            String::from_utf8(canonical).unwrap(),
            "POST\n/\n\ncontent-type:application/json\nx-acs-b:alpha  beta,zeta\n\n\
             content-type;x-acs-b\nh"
        );
    }
}
