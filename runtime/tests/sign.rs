//! The signers against the vendors' published vectors and against values computed by the
//! vendors' own SDKs.
//!
//! "SDK-computed" below means: the same inputs were signed with `huaweicloudsdkcore`
//! 3.1.x (`huaweicloudsdkcore.signer.signer.Signer.sign` on an `SdkRequest` with the decoded
//! query pairs, `X-Sdk-Date` and, for a token, `X-Security-Token` set as the SDK's
//! credentials do) or with `alibabacloud-openapi-util` 0.2.x
//! (`Client.get_authorization(request, "ACS3-HMAC-SHA256", sha256(body), ak, sk)` on a
//! `TeaRequest` with the decoded query, `quote(unquote(path), safe="/~")` as the SDK's
//! `get_encode_path` does, and the host, content-type and x-acs-* headers), and the
//! resulting `Authorization` pasted here.

use cloudjobs_runtime::sign::{
    Credentials, SignError, SignJsonError, alibabacloud, huaweicloud, sign_json,
};
use http::Request;
use time::macros::datetime;

fn header<'a>(request: &'a Request<Vec<u8>>, name: &str) -> &'a str {
    request.headers()[name].to_str().unwrap()
}

// ---------------------------------------------------------------- Huawei Cloud

/// Huawei Cloud "API Request Signing Guide" (support.huaweicloud.com/devg-apisign), the
/// worked example of "Constructing a Canonical Request" … "Adding the Signature to the
/// Request Header": the VPC list GET, `X-Sdk-Date: 20191115T033655Z`, AK
/// `QTWAOYTTINDUT2QVKYUC`, SK `MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc`; the guide gives
/// the hashed canonical request `b25362e6…cd7a` and the signature `7be66680…6ebe`.
#[test]
fn huaweicloud_signing_guide_example() {
    let mut request = Request::get(
        "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs\
         ?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    )
    .header("Content-Type", "application/json")
    .body(Vec::new())
    .unwrap();
    let credentials = Credentials::new(
        "QTWAOYTTINDUT2QVKYUC",
        "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    );
    huaweicloud::sign(
        &mut request,
        &credentials,
        datetime!(2019-11-15 03:36:55 UTC),
    )
    .unwrap();
    assert_eq!(header(&request, "x-sdk-date"), "20191115T033655Z");
    assert_eq!(header(&request, "host"), "service.region.example.com");
    assert_eq!(
        header(&request, "authorization"),
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, \
         Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    );
}

/// huaweicloud/huaweicloud-sdk-python-v3, `huaweicloud-sdk-core/tests/test_signer.py`,
/// `test_signer1` (GET) and `test_signer2` (POST with a JSON body): AK `AccessKey`, SK
/// `SecretKey`, `X-Sdk-Date: 20200608T023900Z`, query `size=1`, and a header
/// `TEST_UNDERSCORE` that the SDK leaves unsigned.
#[test]
fn huaweicloud_python_sdk_test_signer_vectors() {
    let credentials = Credentials::new("AccessKey", "SecretKey");
    for (method, body, signature) in [
        (
            "GET",
            "",
            "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
        ),
        (
            "POST",
            r#"{"name":"test","id":1}"#,
            "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f",
        ),
    ] {
        let mut request = Request::builder()
            .method(method)
            .uri("https://service.endpoint.myhuaweicloud.com/resources?size=1")
            .header("TEST_UNDERSCORE", "TEST_VALUE")
            .body(body.as_bytes().to_vec())
            .unwrap();
        huaweicloud::sign(
            &mut request,
            &credentials,
            datetime!(2020-06-08 02:39:00 UTC),
        )
        .unwrap();
        assert_eq!(
            header(&request, "authorization"),
            format!(
                "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature={signature}"
            ),
            "{method}"
        );
        assert_eq!(header(&request, "test_underscore"), "TEST_VALUE");
    }
}

/// Encoding edge cases, SDK-computed (see the top of this file): a non-default port, a
/// non-ASCII path segment, `~ * +` and a space in the path; in the query a repeated name,
/// a space, non-ASCII, an empty value, `*`, a literal `+`, `%7E`, a literal `%`, a name
/// without `=` and an empty name; a header value with outer and inner spaces; a token.
#[test]
fn huaweicloud_encoding_edge_cases_match_the_sdk() {
    let mut request = Request::get(
        "https://iam.example.com:8443/v3/caf%C3%A9/a%20b~c*d+e\
         ?name=a%20b&name=%E4%B8%80&empty=&star=*&plus=+&tilde=%7E&pct=100%25&flag&=anon",
    )
    .header("X-Project-Id", "  proj   id  ")
    .header("Content-Type", "application/json")
    .body(Vec::new())
    .unwrap();
    let credentials = Credentials::new("AK-edge", "SK-edge").with_security_token("temporary-token");
    huaweicloud::sign(
        &mut request,
        &credentials,
        datetime!(2026-11-26 08:09:10 UTC),
    )
    .unwrap();
    assert_eq!(header(&request, "host"), "iam.example.com:8443");
    assert_eq!(header(&request, "x-security-token"), "temporary-token");
    assert_eq!(
        header(&request, "authorization"),
        "SDK-HMAC-SHA256 Access=AK-edge, \
         SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, \
         Signature=0a18981faa7ec4caef2259e0b488697ceead472b590701f9588d31f5a7228cee"
    );
}

/// A POST with a JSON body (non-ASCII inside) and a token, SDK-computed.
#[test]
fn huaweicloud_json_post_with_token_matches_the_sdk() {
    let mut request = Request::post(
        "https://drs.eu-west-101.myhuaweicloud.eu/v3/054ba152d480d55b2f5dc0069e7ddef0/jobs/batch-status",
    )
    .header("Content-Type", "application/json;charset=UTF-8")
    .header("X-Language", "en-us")
    .body(r#"{"jobs": ["9a47", "é"]}"#.as_bytes().to_vec())
    .unwrap();
    let credentials = Credentials::new("AK-edge", "SK-edge").with_security_token("temporary-token");
    huaweicloud::sign(
        &mut request,
        &credentials,
        datetime!(2026-11-26 08:09:10 UTC),
    )
    .unwrap();
    assert_eq!(
        header(&request, "authorization"),
        "SDK-HMAC-SHA256 Access=AK-edge, \
         SignedHeaders=content-type;host;x-language;x-sdk-date;x-security-token, \
         Signature=c8e64d9267719cf1ecad7ee95f843db798aa756f6e09d88fa4294d9f5e2994a3"
    );
}

#[test]
fn huaweicloud_project_id_header_is_signed() {
    let mut request = Request::get("https://rds.example.com/v3/p/jobs")
        .body(Vec::new())
        .unwrap();
    huaweicloud::set_project_id(&mut request, "054ba152d480d55b2f5dc0069e7ddef0").unwrap();
    huaweicloud::sign(
        &mut request,
        &Credentials::new("a", "s"),
        datetime!(2026-01-01 00:00:00 UTC),
    )
    .unwrap();
    assert_eq!(
        header(&request, "x-project-id"),
        "054ba152d480d55b2f5dc0069e7ddef0"
    );
    assert!(
        header(&request, "authorization").contains("SignedHeaders=host;x-project-id;x-sdk-date,")
    );
    assert_eq!(
        huaweicloud::set_project_id(&mut request, "bad\nid"),
        Err(SignError::InvalidHeaderValue {
            which: "x-project-id"
        })
    );
}

#[test]
fn huaweicloud_refuses_a_repeated_signed_header_and_leaves_the_request_alone() {
    let mut request = Request::get("https://h.example.com/")
        .header("x-custom", "1")
        .header("x-custom", "2")
        .body(Vec::new())
        .unwrap();
    let before = request.headers().clone();
    let err = huaweicloud::sign(
        &mut request,
        &Credentials::new("a", "s"),
        datetime!(2026-01-01 00:00:00 UTC),
    )
    .unwrap_err();
    assert_eq!(
        err,
        SignError::RepeatedHeader {
            name: "x-custom".into()
        }
    );
    assert_eq!(request.headers(), &before);
}

// --------------------------------------------------------------- Alibaba Cloud

/// Alibaba Cloud, "Request syntax and signature method V3"
/// (alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature),
/// "Signature examples → Fixed parameter values": RunInstances on
/// ecs.cn-shanghai.aliyuncs.com, `x-acs-date: 2023-10-26T10:22:32Z`, nonce
/// `3156853299f313e23d1673dc12e1703d`, AK `YourAccessKeyId`, SK `YourAccessKeySecret`;
/// the page gives the signature `06563a9e…83c0` and the whole `Authorization`.
#[test]
fn alibabacloud_v3_fixed_parameter_values_example() {
    let mut request = Request::post(
        "https://ecs.cn-shanghai.aliyuncs.com/\
         ?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
    )
    .header("x-acs-action", "RunInstances")
    .header("x-acs-version", "2014-05-26")
    .body(Vec::new())
    .unwrap();
    let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    alibabacloud::sign(
        &mut request,
        &credentials,
        datetime!(2023-10-26 10:22:32 UTC),
        "3156853299f313e23d1673dc12e1703d",
    )
    .unwrap();
    assert_eq!(header(&request, "x-acs-date"), "2023-10-26T10:22:32Z");
    assert_eq!(
        header(&request, "x-acs-content-sha256"),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        header(&request, "authorization"),
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
         SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
         Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
}

/// RPC-style GET, SDK-computed: a space and `+` (encoded `%2B`), `*`, `%7E`, a literal
/// `%`, non-ASCII, an empty value and a name without `=` in the query; an unsigned
/// `User-Agent`; an extra `x-acs-*` header with outer and inner spaces; an STS token.
#[test]
fn alibabacloud_rpc_edge_cases_match_the_sdk() {
    let mut request = Request::get(
        "https://bpstudio.cn-hangzhou.aliyuncs.com/\
         ?TaskId=42&Name=a%20b%2Bc&Star=*&Tilde=%7E&Pct=100%25&Zh=%E4%B8%80&Empty=&Flag",
    )
    .header("x-acs-action", "GetFoTaskStatus")
    .header("x-acs-version", "2021-09-31")
    .header("User-Agent", "not signed")
    .header("X-Acs-Custom", "  inner   runs  ")
    .body(Vec::new())
    .unwrap();
    let credentials = Credentials::new("AK-edge", "SK-edge").with_security_token("sts-token");
    alibabacloud::sign(
        &mut request,
        &credentials,
        datetime!(2026-11-26 08:09:10 UTC),
        "nonce-0001",
    )
    .unwrap();
    assert_eq!(header(&request, "x-acs-security-token"), "sts-token");
    assert_eq!(header(&request, "x-acs-signature-nonce"), "nonce-0001");
    assert_eq!(
        header(&request, "authorization"),
        "ACS3-HMAC-SHA256 Credential=AK-edge,SignedHeaders=host;x-acs-action;x-acs-content-sha256;\
         x-acs-custom;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,\
         Signature=0cd2c9e8ad87fef1cdfb760c283e76f1c2609fdf56de26eb5ec070b034f90e48"
    );
}

/// ROA-style POST with a JSON body, SDK-computed: a path segment with a space, `~` and
/// non-ASCII; `content-type` signed; a non-default port kept in `host`.
#[test]
fn alibabacloud_roa_json_post_matches_the_sdk() {
    let mut request = Request::post(
        "https://cs.cn-chengdu.aliyuncs.com:8443/clusters/c%20id~%C3%A9/triggers?with_addon_resources=true",
    )
    .header("x-acs-action", "CreateTrigger")
    .header("x-acs-version", "2015-12-15")
    .header("Content-Type", "application/json")
    .body(r#"{"name":"Test","zone":"é"}"#.as_bytes().to_vec())
    .unwrap();
    alibabacloud::sign(
        &mut request,
        &Credentials::new("AK-edge", "SK-edge"),
        datetime!(2026-11-26 08:09:10 UTC),
        "nonce-0002",
    )
    .unwrap();
    assert_eq!(header(&request, "host"), "cs.cn-chengdu.aliyuncs.com:8443");
    assert!(!request.headers().contains_key("x-acs-security-token"));
    assert_eq!(
        header(&request, "authorization"),
        "ACS3-HMAC-SHA256 Credential=AK-edge,SignedHeaders=content-type;host;x-acs-action;\
         x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
         Signature=753061f6e1f2271e82f71fe74189f1a7f5e9383f8292c99c07cad5ed0a40d3cd"
    );
}

#[test]
fn alibabacloud_refuses_an_empty_or_unsendable_nonce() {
    let mut request = Request::get("https://ecs.example.com/")
        .body(Vec::new())
        .unwrap();
    let c = Credentials::new("a", "s");
    for nonce in ["", "two\nlines"] {
        assert_eq!(
            alibabacloud::sign(&mut request, &c, datetime!(2026-01-01 00:00:00 UTC), nonce),
            Err(SignError::InvalidHeaderValue {
                which: "x-acs-signature-nonce"
            })
        );
    }
    assert!(
        request.headers().is_empty(),
        "a refused request is left unchanged"
    );
}

// ------------------------------------------------------------------ both

#[test]
fn signing_twice_gives_the_same_request() {
    let c = Credentials::new("a", "s").with_security_token("t");
    let t = datetime!(2026-01-01 00:00:00 UTC);
    let build = || {
        Request::post("https://x.example.com/p?q=1")
            .header("x-acs-action", "A")
            .body(b"{}".to_vec())
            .unwrap()
    };
    let mut once = build();
    huaweicloud::sign(&mut once, &c, t).unwrap();
    let mut twice = once.clone();
    huaweicloud::sign(&mut twice, &c, t).unwrap();
    assert_eq!(once.headers(), twice.headers());

    let mut once = build();
    alibabacloud::sign(&mut once, &c, t, "n").unwrap();
    let mut twice = once.clone();
    alibabacloud::sign(&mut twice, &c, t, "n").unwrap();
    assert_eq!(once.headers(), twice.headers());
}

#[test]
fn the_time_is_converted_to_utc() {
    let c = Credentials::new("a", "s");
    let mut request = Request::get("https://x.example.com/")
        .body(Vec::new())
        .unwrap();
    huaweicloud::sign(&mut request, &c, datetime!(2026-11-26 16:09:10 +08:00)).unwrap();
    assert_eq!(header(&request, "x-sdk-date"), "20261126T080910Z");
    alibabacloud::sign(&mut request, &c, datetime!(2026-11-26 16:09:10 +08:00), "n").unwrap();
    assert_eq!(header(&request, "x-acs-date"), "2026-11-26T08:09:10Z");
}

#[test]
fn bad_credentials_and_requests_are_errors_that_keep_secrets() {
    let t = datetime!(2026-01-01 00:00:00 UTC);
    let mut request = Request::get("https://x.example.com/")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        huaweicloud::sign(&mut request, &Credentials::new("", "s"), t),
        Err(SignError::EmptyAccessKey)
    );
    assert_eq!(
        alibabacloud::sign(&mut request, &Credentials::new("a", ""), t, "n"),
        Err(SignError::EmptySecretKey)
    );
    let with_bad_token = Credentials::new("a", "the-secret-key").with_security_token("qwe\r\nrty");
    let err = huaweicloud::sign(&mut request, &with_bad_token, t).unwrap_err();
    assert_eq!(
        err,
        SignError::InvalidHeaderValue {
            which: "x-security-token"
        }
    );
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("the-secret-key") && !shown.contains("qwe") && !shown.contains("rty"),
        "{shown}"
    );

    let mut relative = Request::get("/no/host").body(Vec::new()).unwrap();
    assert_eq!(
        alibabacloud::sign(&mut relative, &Credentials::new("a", "s"), t, "n"),
        Err(SignError::NoHost)
    );
}

// ------------------------------------------------------- sign_json (the example)

fn json(input: serde_json::Value) -> Result<serde_json::Value, SignJsonError> {
    sign_json(&input.to_string()).map(|out| serde_json::from_str(&out).unwrap())
}

#[test]
fn sign_json_returns_every_header_of_the_signed_request() {
    let out = json(serde_json::json!({
        "scheme": "huaweicloud", "access_key": "QTWAOYTTINDUT2QVKYUC",
        "secret_key": "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "security_token": null,
        "time": "2019-11-15T03:36:55Z", "nonce": "unused", "method": "GET",
        "url": "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "headers": {"Content-Type": "application/json"}, "body": ""
    }))
    .unwrap();
    assert_eq!(
        out,
        serde_json::json!({"headers": {
            "authorization": "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
            "content-type": "application/json",
            "host": "service.region.example.com",
            "x-sdk-date": "20191115T033655Z"
        }})
    );
}

#[test]
fn sign_json_alibabacloud_with_a_token_and_a_given_host() {
    let out = json(serde_json::json!({
        "scheme": "alibabacloud", "access_key": "YourAccessKeyId", "secret_key": "YourAccessKeySecret",
        "security_token": "sts-token", "time": "2023-10-26T10:22:32Z",
        "nonce": "3156853299f313e23d1673dc12e1703d", "method": "POST",
        "url": "https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
        "headers": {"Host": "ecs.cn-shanghai.aliyuncs.com", "X-Acs-Action": "RunInstances", "x-acs-version": "2014-05-26"},
        "body": ""
    }))
    .unwrap();
    let headers = out["headers"].as_object().unwrap();
    let names: Vec<&str> = headers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "authorization",
            "host",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-security-token",
            "x-acs-signature-nonce",
            "x-acs-version"
        ]
    );
    assert_eq!(headers["x-acs-security-token"], "sts-token");
    // The token is signed, so the signature differs from the page's token-less one.
    let authorization = headers["authorization"].as_str().unwrap();
    assert!(authorization.contains(
        "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
    ));
    assert!(
        !authorization
            .ends_with("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
    );
}

#[test]
fn sign_json_refuses_bad_input_with_a_clear_message() {
    let base = || {
        serde_json::json!({
            "scheme": "alibabacloud", "access_key": "AKID", "secret_key": "very-secret-key",
            "security_token": "very-secret-token", "time": "2026-11-26T08:09:10Z", "nonce": "n",
            "method": "GET", "url": "https://ecs.example.com/", "headers": {}, "body": ""
        })
    };
    let with = |field: &str, value: serde_json::Value| {
        let mut input = base();
        input[field] = value;
        input
    };
    let without = |field: &str| {
        let mut input = base();
        input.as_object_mut().unwrap().remove(field);
        input
    };
    let cases: Vec<(String, &str)> = vec![
        ("{\"scheme\": ".to_owned(), "invalid JSON"),
        ("[1, 2]".to_owned(), "must be a JSON object"),
        (
            with("scheme", "aws".into()).to_string(),
            "unknown scheme `aws`",
        ),
        (
            with("time", "2026-11-26 08:09:10".into()).to_string(),
            "is not an RFC 3339 date-time",
        ),
        (
            with("time", "2026-11-26T16:09:10+08:00".into()).to_string(),
            "must be UTC",
        ),
        (
            with("time", "2026-11-26T08:09:10.5Z".into()).to_string(),
            "whole seconds",
        ),
        (
            with("time", 1_764_144_550.into()).to_string(),
            "field `time`",
        ),
        (
            without("secret_key").to_string(),
            "field `secret_key` is missing",
        ),
        (
            without("access_key").to_string(),
            "field `access_key` is missing",
        ),
        (without("nonce").to_string(), "field `nonce` is missing"),
        (
            with("secret_key", 12_345_678.into()).to_string(),
            "field `secret_key`",
        ),
        (
            with("security_token", serde_json::json!(["very-secret-token"])).to_string(),
            "field `security_token`",
        ),
        (
            with("secret_key", "".into()).to_string(),
            "the secret key is empty",
        ),
        (with("url", "/relative".into()).to_string(), "bad url"),
        (
            with("url", "ftp://ecs.example.com/".into()).to_string(),
            "bad url",
        ),
        (
            with("url", "https://ecs.example.com/a b".into()).to_string(),
            "bad url",
        ),
        (
            with("method", "GE T".into()).to_string(),
            "not an HTTP method",
        ),
        (
            with("headers", serde_json::json!({"x-a": "1", "X-A": "2"})).to_string(),
            "given twice",
        ),
        (
            with("headers", serde_json::json!({"bad name": "1"})).to_string(),
            "not a valid header name",
        ),
        (
            with("headers", serde_json::json!({"x-a": 1})).to_string(),
            "not a string",
        ),
        (
            with("headers", serde_json::json!({"x-a": "line\nbreak"})).to_string(),
            "cannot carry",
        ),
        (
            with("headers", serde_json::json!(["x-a"])).to_string(),
            "field `headers`",
        ),
    ];
    for (input, expected) in cases {
        let err = sign_json(&input).expect_err(&input);
        let message = err.to_string();
        assert!(message.contains(expected), "{input}\n  gave: {message}");
        for secret in ["very-secret-key", "very-secret-token", "12345678"] {
            assert!(
                !message.contains(secret) && !format!("{err:?}").contains(secret),
                "{message}"
            );
        }
    }
}

#[test]
fn sign_json_needs_no_nonce_for_huaweicloud_and_defaults_headers_and_body() {
    let out = json(serde_json::json!({
        "scheme": "huaweicloud", "access_key": "a", "secret_key": "s",
        "time": "2026-11-26T08:09:10Z", "method": "DELETE", "url": "http://h.example.com:80/x"
    }))
    .unwrap();
    assert_eq!(out["headers"]["host"], "h.example.com");
    assert!(
        out["headers"]["authorization"]
            .as_str()
            .unwrap()
            .contains("SignedHeaders=host;x-sdk-date,")
    );
}
