//! The test server's own signature checks, written from the vendors' algorithms (Huawei
//! Cloud API Gateway `SDK-HMAC-SHA256`, Alibaba Cloud signature V3 `ACS3-HMAC-SHA256`) and
//! recomputed from the bytes the server received. They share no code with the signer under
//! test, so a bug there makes a request fail here.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::server::Received;

/// The secret a scripted server expects requests to be signed with.
#[derive(Clone, Debug)]
pub enum Secret {
    /// Huawei Cloud AK/SK (and a security token for temporary credentials).
    Huawei {
        ak: String,
        sk: String,
        token: Option<String>,
    },
    /// Alibaba Cloud AccessKey pair (and an STS token), for one action and version.
    Alibaba {
        ak: String,
        secret: String,
        token: Option<String>,
        action: String,
        version: String,
    },
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// RFC 3986 encoding: unreserved characters stay, every other byte is `%XX` (upper case).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding (`+` is a plain `+`: the signers never send a form-encoded query).
fn decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .ok_or_else(|| format!("truncated escape in `{text}`"))?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| format!("bad escape in `{text}`"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` is not UTF-8 once decoded"))
}

/// The decoded `(name, value)` pairs of a query string.
pub fn query_pairs(query: &str) -> Result<Vec<(String, String)>, String> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

/// Query pairs re-encoded, sorted, joined: the canonical query both vendors use.
fn canonical_query(query: &str) -> Result<String, String> {
    let mut pairs: Vec<(String, String)> = query_pairs(query)?
        .into_iter()
        .map(|(k, v)| (encode(&k), encode(&v)))
        .collect();
    pairs.sort();
    Ok(pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&"))
}

/// One `name:value` line per signed header, values trimmed, from what arrived.
fn canonical_headers(request: &Received, signed: &[&str]) -> Result<String, String> {
    let mut out = String::new();
    for name in signed {
        let values: Vec<&str> = request
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .collect();
        if values.is_empty() {
            return Err(format!("signed header `{name}` is not in the request"));
        }
        out.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    Ok(out)
}

/// The fields of an `Authorization` value after its algorithm name: `Key=value` pairs
/// separated by `,` (Alibaba) or `, ` (Huawei).
fn auth_fields<'a>(
    authorization: &'a str,
    algorithm: &str,
) -> Result<Vec<(&'a str, &'a str)>, String> {
    let rest = authorization
        .strip_prefix(algorithm)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or_else(|| {
            format!("Authorization does not start with `{algorithm} `: `{authorization}`")
        })?;
    rest.split(',')
        .map(|field| {
            field
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("Authorization field `{field}` has no `=`"))
        })
        .collect()
}

fn field<'a>(fields: &[(&'a str, &'a str)], name: &str) -> Result<&'a str, String> {
    fields
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| *v)
        .ok_or_else(|| format!("Authorization has no `{name}`"))
}

/// What an `Authorization` header says, once checked against the expected access key.
struct Authorization<'a> {
    /// Every `Key=value` field.
    fields: Vec<(&'a str, &'a str)>,
    /// The `SignedHeaders` field as sent.
    signed_headers: &'a str,
    /// Its header names, checked to be sorted.
    signed: Vec<&'a str>,
}

/// Reads the request's `Authorization` for `algorithm`; the access key must be in the
/// field `key_field` and equal `ak`, and the signed headers must be sorted.
fn authorization<'a>(
    request: &'a Received,
    algorithm: &str,
    key_field: &str,
    ak: &str,
) -> Result<Authorization<'a>, String> {
    let header = request
        .header("authorization")
        .ok_or("no Authorization header")?;
    let fields = auth_fields(header, algorithm)?;
    let access_key = field(&fields, key_field)?;
    if access_key != ak {
        return Err(format!("signed with access key `{access_key}`"));
    }
    let signed_headers = field(&fields, "SignedHeaders")?;
    let signed: Vec<&str> = signed_headers.split(';').collect();
    let mut sorted = signed.clone();
    sorted.sort();
    if sorted != signed {
        return Err(format!("SignedHeaders `{signed_headers}` is not sorted"));
    }
    Ok(Authorization {
        fields,
        signed_headers,
        signed,
    })
}

/// Seconds since the Unix epoch for a UTC civil date and time (Howard Hinnant's
/// days-from-civil).
fn epoch_seconds(y: i64, m: i64, d: i64, hh: i64, mm: i64, ss: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh * 3600 + mm * 60 + ss
}

/// Checks a date against its layout (`9` for a digit, anything else literal), reads its
/// fourteen digits as `YYYYMMDDhhmmss`, and checks it is within five minutes of now: a
/// signature must carry the current UTC time.
fn check_fresh(text: &str, layout: &str) -> Result<(), String> {
    let wrong = || format!("date `{text}` is not in the form `{layout}`");
    if text.len() != layout.len() {
        return Err(wrong());
    }
    let mut digits = String::new();
    for (c, l) in text.chars().zip(layout.chars()) {
        match l {
            '9' if c.is_ascii_digit() => digits.push(c),
            '9' => return Err(wrong()),
            _ if c != l => return Err(wrong()),
            _ => {}
        }
    }
    if digits.len() != 14 {
        return Err(wrong());
    }
    let at = |range: std::ops::Range<usize>| digits[range].parse::<i64>().unwrap();
    let signed = epoch_seconds(
        at(0..4),
        at(4..6),
        at(6..8),
        at(8..10),
        at(10..12),
        at(12..14),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if (now - signed).abs() > 300 {
        return Err(format!("date `{text}` is not the current UTC time"));
    }
    Ok(())
}

impl Secret {
    /// Checks the request's signature; the error says what did not match.
    pub fn verify(&self, request: &Received) -> Result<(), String> {
        match self {
            Secret::Huawei { ak, sk, token } => verify_huawei(request, ak, sk, token.as_deref()),
            Secret::Alibaba {
                ak,
                secret,
                token,
                action,
                version,
            } => verify_alibaba(request, ak, secret, token.as_deref(), action, version),
        }
    }
}

fn verify_huawei(
    request: &Received,
    ak: &str,
    sk: &str,
    token: Option<&str>,
) -> Result<(), String> {
    let Authorization {
        fields,
        signed_headers,
        signed,
    } = authorization(request, "SDK-HMAC-SHA256", "Access", ak)?;
    for required in ["host", "x-sdk-date"] {
        if !signed.contains(&required) {
            return Err(format!("`{required}` is not signed"));
        }
    }
    let date = request.header("x-sdk-date").ok_or("no X-Sdk-Date header")?;
    check_fresh(date, "99999999T999999Z")?;
    match (token, request.header("x-security-token")) {
        (None, None) => {}
        (Some(expected), Some(got)) if expected == got && signed.contains(&"x-security-token") => {}
        (expected, got) => {
            return Err(format!(
                "security token: expected {:?}, got {:?} (signed: {})",
                expected.is_some(),
                got.is_some(),
                signed.contains(&"x-security-token")
            ));
        }
    }
    // Each path segment decoded and re-encoded; the gateway's canonical URI ends with `/`.
    let mut uri = request
        .path
        .split('/')
        .map(|segment| decode(segment).map(|s| encode(&s)))
        .collect::<Result<Vec<_>, _>>()?
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let canonical = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        uri,
        canonical_query(&request.query)?,
        canonical_headers(request, &signed)?,
        signed_headers,
        sha256_hex(&request.body),
    );
    let string_to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let expected = hmac_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let got = field(&fields, "Signature")?;
    if got != expected {
        return Err(format!(
            "signature mismatch: got {got}, expected {expected} for canonical request\n{canonical}"
        ));
    }
    Ok(())
}

fn verify_alibaba(
    request: &Received,
    ak: &str,
    secret: &str,
    token: Option<&str>,
    action: &str,
    version: &str,
) -> Result<(), String> {
    if request.method != "POST" || request.path != "/" {
        return Err(format!(
            "an RPC call must be `POST /`, got `{} {}`",
            request.method, request.path
        ));
    }
    let Authorization {
        fields,
        signed_headers,
        signed,
    } = authorization(request, "ACS3-HMAC-SHA256", "Credential", ak)?;
    let mut required = vec![
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
    ];
    if token.is_some() {
        required.push("x-acs-security-token");
    }
    for name in required {
        if !signed.contains(&name) {
            return Err(format!("`{name}` is not signed"));
        }
    }
    // Every x-acs-* header the request carries must be signed (the V3 rule).
    for (name, _) in &request.headers {
        if name.starts_with("x-acs-") && !signed.contains(&name.as_str()) {
            return Err(format!("`{name}` is sent but not signed"));
        }
    }
    if request.header("x-acs-action") != Some(action) {
        return Err(format!(
            "x-acs-action is {:?}, not `{action}`",
            request.header("x-acs-action")
        ));
    }
    if request.header("x-acs-version") != Some(version) {
        return Err(format!(
            "x-acs-version is {:?}, not `{version}`",
            request.header("x-acs-version")
        ));
    }
    if request.header("x-acs-security-token") != token {
        return Err("x-acs-security-token does not carry the expected token".into());
    }
    check_fresh(
        request.header("x-acs-date").unwrap(),
        "9999-99-99T99:99:99Z",
    )?;
    let payload_hash = sha256_hex(&request.body);
    if request.header("x-acs-content-sha256") != Some(payload_hash.as_str()) {
        return Err("x-acs-content-sha256 is not the SHA-256 of the body".into());
    }
    let canonical = format!(
        "POST\n/\n{}\n{}\n{}\n{}",
        canonical_query(&request.query)?,
        canonical_headers(request, &signed)?,
        signed_headers,
        payload_hash
    );
    let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
    let expected = hmac_hex(secret.as_bytes(), string_to_sign.as_bytes());
    let got = field(&fields, "Signature")?;
    if got != expected {
        return Err(format!(
            "signature mismatch: got {got}, expected {expected} for canonical request\n{canonical}"
        ));
    }
    Ok(())
}
