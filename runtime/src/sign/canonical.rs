//! The canonical request both vendors build the same way (method, path, query, signed
//! headers, their names, the payload hash, one per line), its parts, the `Host` value,
//! and the hashes.
//!
//! Both gateways canonicalise what they *received*, so the client must start from the
//! decoded form too: `%7E` and `~`, or `%41` and `A`, are the same character on the wire and
//! must sign the same.

use std::borrow::Cow;

use hmac::{KeyInit, Mac};
use http::{HeaderMap, HeaderName, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};
use sha2::{Digest, Sha256};

/// RFC 3986 unreserved characters stay as they are; every other byte becomes `%XY`
/// (upper-case hex), spaces included (`%20`, never `+`). Both vendors' rule.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Decoded bytes, borrowed when nothing was escaped.
type Bytes<'a> = Cow<'a, [u8]>;

/// The canonical request and the signed header names joined with `;`. One part per line:
/// `method`; the [`path`] (with Huawei Cloud's `trailing_slash`); the [`query`]; one
/// `name:value` line per header `is_signed` picks, names sorted; an empty line; the signed
/// names; `payload_hash`. A header given more than once signs as its trimmed values sorted
/// and joined with `,` (Alibaba Cloud's SDK rule; Huawei Cloud's signer refuses repeats
/// before it gets here).
pub(crate) fn request(
    method: &str,
    uri: &Uri,
    trailing_slash: bool,
    headers: &HeaderMap,
    is_signed: fn(&HeaderName) -> bool,
    payload_hash: &[u8],
) -> (Vec<u8>, String) {
    let mut names: Vec<&HeaderName> = headers.keys().filter(|n| is_signed(n)).collect();
    names.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    let signed_headers = names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(";");

    let mut out = Vec::with_capacity(320 + uri.path().len() + uri.query().map_or(0, str::len));
    out.extend_from_slice(method.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(path(uri.path(), trailing_slash).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(query(uri.query()).as_bytes());
    out.push(b'\n');
    for name in &names {
        out.extend_from_slice(name.as_str().as_bytes());
        out.push(b':');
        let mut values: Vec<&[u8]> = headers
            .get_all(*name)
            .iter()
            .map(|v| trim(v.as_bytes()))
            .collect();
        values.sort_unstable();
        out.extend_from_slice(&values.join(&b','));
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(signed_headers.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload_hash);
    (out, signed_headers)
}

/// Appends `bytes` percent-encoded by the vendors' rule.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    out.extend(percent_encode(bytes, UNRESERVED));
}

/// The canonical path: each `/`-separated segment decoded and re-encoded. Huawei Cloud
/// adds a trailing `/` (`trailing_slash`); an empty path is `/`.
pub(crate) fn path(raw: &str, trailing_slash: bool) -> String {
    let mut out = String::with_capacity(raw.len() + 1);
    for (i, segment) in raw.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(
            &percent_decode(segment.as_bytes()).collect::<Vec<u8>>(),
            &mut out,
        );
    }
    if out.is_empty() || (trailing_slash && !out.ends_with('/')) {
        out.push('/');
    }
    out
}

/// The canonical query string: `name=value` pairs decoded, sorted by name then value (as
/// bytes, which for UTF-8 is code-point order), re-encoded and joined with `&`. A name
/// without `=` has the empty value (`name=`); empty pieces (`a&&b`) carry no pair.
///
/// `+` is a literal plus here (RFC 3986), not a space: the URI is taken as sent, and
/// spaces are sent as `%20`.
pub(crate) fn query(raw: Option<&str>) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    let mut pairs: Vec<(Bytes<'_>, Bytes<'_>)> = raw
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            (
                Cow::from(percent_decode(name.as_bytes())),
                Cow::from(percent_decode(value.as_bytes())),
            )
        })
        .collect();
    pairs.sort_unstable();
    let mut out = String::with_capacity(raw.len() + 8);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(name, &mut out);
        out.push('=');
        encode_into(value, &mut out);
    }
    out
}

/// The `Host` header a client sends for `uri`: the host, with the port only when it is not
/// the scheme's default (what HTTP clients send, and what the vendors' guides prescribe).
/// `None` when the URI has no host.
pub(crate) fn host(uri: &http::Uri) -> Option<String> {
    let host = uri.host()?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Some(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_owned(),
    })
}

/// Trims the spaces and tabs HTTP allows around a header value (the vendors trim).
fn trim(value: &[u8]) -> &[u8] {
    let is_space = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    &value[start..end]
}

/// Lower-case hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Lower-case hex HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    let mut mac =
        hmac::Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        let mut out = String::new();
        encode_into("AZaz09-_.~ *+%/!'()é".as_bytes(), &mut out);
        assert_eq!(out, "AZaz09-_.~%20%2A%2B%25%2F%21%27%28%29%C3%A9");
    }

    #[test]
    fn path_segments_are_decoded_and_re_encoded() {
        assert_eq!(path("/v1/a%7Eb/c d", false), "/v1/a~b/c%20d");
        assert_eq!(path("/v1/%41%2a", false), "/v1/A%2A");
        // An encoded slash stays inside its segment.
        assert_eq!(path("/v1/a%2Fb", false), "/v1/a%2Fb");
        assert_eq!(path("/v1/caf%C3%A9", false), "/v1/caf%C3%A9");
        // A lone `%` that starts no escape is a literal percent sign.
        assert_eq!(path("/100%", false), "/100%25");
    }

    #[test]
    fn path_trailing_slash_and_empty_path() {
        assert_eq!(path("/v1/jobs", true), "/v1/jobs/");
        assert_eq!(path("/v1/jobs/", true), "/v1/jobs/");
        assert_eq!(path("/", true), "/");
        assert_eq!(path("/", false), "/");
        assert_eq!(path("", false), "/");
        assert_eq!(path("/a//b", true), "/a//b/");
    }

    #[test]
    fn query_is_sorted_by_name_then_value() {
        assert_eq!(query(Some("b=2&a=2&a=1&a=10")), "a=1&a=10&a=2&b=2");
    }

    #[test]
    fn query_empty_values_names_and_pieces() {
        assert_eq!(query(Some("flag&b=&=v&&")), "=v&b=&flag=");
        assert_eq!(query(Some("")), "");
        assert_eq!(query(None), "");
    }

    #[test]
    fn query_decodes_then_re_encodes() {
        // `+` is a plus, `%20` a space, `~` and `%7E` the same character, `*` always `%2A`.
        assert_eq!(
            query(Some("q=a+b%20c&t=%7E~&s=*&p=100%25&u=%E4%B8%80")),
            "p=100%25&q=a%2Bb%20c&s=%2A&t=~~&u=%E4%B8%80"
        );
        // Sorting happens on decoded names: `%61` is `a`, which sorts before `b`.
        assert_eq!(query(Some("b=1&%61=2")), "a=2&b=1");
    }

    /// huaweicloud/huaweicloud-sdk-python-v3, `huaweicloud-sdk-core/tests/test_signer.py`,
    /// `test_process_canonical_query_string`: the SDK's query params `limit=1`,
    /// `enable=true`, `test="一 (&=?!#%.*)"`, `path="/tmp/123"`, `multi=[1, 2, 3]`, here as
    /// they arrive on the wire (values percent-encoded where a URI needs it).
    #[test]
    fn huaweicloud_sdk_canonical_query_vector() {
        assert_eq!(
            query(Some(
                "limit=1&enable=true&test=%E4%B8%80%20(%26%3D?!%23%25.*)&path=/tmp/123\
                 &multi=2&multi=1&multi=3"
            )),
            "enable=true&limit=1&multi=1&multi=2&multi=3\
             &path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
        );
    }

    /// aliyun/darabonba-openapi-util, `python/tests/test_client.py`:
    /// `test_get_canonical_query_string` (`{'test': ' ~/*-+'}` → `test=%20~%2F%2A-%2B`) and
    /// `test_get_encode_path` (`/path/ test` → `/path/%20test`).
    #[test]
    fn darabonba_openapi_util_encoding_vectors() {
        assert_eq!(query(Some("test=%20~/*-%2B")), "test=%20~%2F%2A-%2B");
        assert_eq!(path("/path/%20test", false), "/path/%20test");
    }

    #[test]
    fn host_drops_only_default_ports() {
        let host_of = |s: &str| host(&s.parse().unwrap());
        assert_eq!(
            host_of("https://a.example.com/x").as_deref(),
            Some("a.example.com")
        );
        assert_eq!(
            host_of("https://a.example.com:443/x").as_deref(),
            Some("a.example.com")
        );
        assert_eq!(
            host_of("http://a.example.com:80/").as_deref(),
            Some("a.example.com")
        );
        assert_eq!(
            host_of("https://a.example.com:8443/").as_deref(),
            Some("a.example.com:8443")
        );
        assert_eq!(
            host_of("http://a.example.com:443/").as_deref(),
            Some("a.example.com:443")
        );
        assert_eq!(host_of("/relative"), None);
    }

    #[test]
    fn trim_keeps_inner_runs() {
        assert_eq!(trim(b"  a  b \t"), b"a  b");
        assert_eq!(trim(b"   "), b"");
        assert_eq!(trim(b""), b"");
    }

    #[test]
    fn hashes_match_known_values() {
        // SHA-256("") and RFC 4231 test case 2 (key "Jefe").
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
