//! Payloads from the wire that do not fit: each either decodes (and then round-trips) or is
//! an error naming the JSON path. None panics or overflows the stack.

use cloudjobs::Payload;
use cloudjobs::huaweicloud::drs::batch_list_job_status as drs_batch;
use cloudjobs::huaweicloud::rds::list_job_info as rds;
use cloudjobs::huaweicloud::sdrs::show_job_status as sdrs;
use cloudjobs_tests::round_trip_difference;

/// What a payload must do.
enum Expect {
    /// Decode, and re-encode equal (modulo the round-trip rule's `null`, ARCHITECTURE.md).
    Fits,
    /// Fail with this JSON path (`.` for the document itself).
    FailsAt(&'static str),
    /// Fail with a JSON path that starts with this one (the parser stopped somewhere inside).
    FailsWithin(&'static str),
}

fn check(name: &str, id: &str, payload: Payload, body: &[u8], expect: Expect) {
    let result = cloudjobs::decode(id, payload, body);
    match (expect, result) {
        (Expect::Fits, Ok(output)) => {
            let input: serde_json::Value = serde_json::from_slice(body).unwrap();
            assert_eq!(
                round_trip_difference(&input, &output),
                None,
                "{name}: round trip"
            );
        }
        (
            expect,
            Err(cloudjobs::RegistryError::Response(cloudjobs::ResponseError::Decode {
                error, ..
            })),
        )
        | (expect, Err(cloudjobs::RegistryError::Decode(error))) => {
            match expect {
                Expect::FailsAt(path) => assert_eq!(error.path(), path, "{name}: {error}"),
                Expect::FailsWithin(path) => {
                    assert!(error.path().starts_with(path), "{name}: {error}")
                }
                Expect::Fits => panic!("{name}: should decode, got {error}"),
            }
            assert!(!error.message().is_empty(), "{name}");
        }
        (Expect::Fits, Err(e)) => panic!("{name}: should decode, got {e}"),
        (_, Ok(_)) => panic!("{name}: should fail, decoded"),
        (_, Err(e)) => panic!("{name}: wrong kind of error {e:?}"),
    }
}

fn batch(name: &str, body: &[u8], expect: Expect) {
    check(
        name,
        drs_batch::OPERATION_ID,
        Payload::Response(200),
        body,
        expect,
    );
}

#[test]
fn payloads_of_the_wrong_shape() {
    use Expect::*;
    batch("array at the root", b"[]", FailsAt("."));
    batch("string at the root", br#""results""#, FailsAt("."));
    batch("null at the root", b"null", FailsAt("."));
    batch("empty body", b"", FailsAt("."));
    batch("whitespace body", b"  \n ", FailsAt("."));
    batch(
        "truncated",
        br#"{"results": [{"id": "a", "sta"#,
        FailsWithin("results[0]"),
    );
    batch(
        "trailing garbage",
        br#"{"count": 1} {"count": 2}"#,
        FailsAt("."),
    );
    batch(
        "number for a string",
        br#"{"results": [{"id": 5}]}"#,
        FailsAt("results[0].id"),
    );
    batch(
        "object for an enum",
        br#"{"results": [{"status": {"x": 1}}]}"#,
        FailsAt("results[0].status"),
    );
    batch(
        "number for an enum",
        br#"{"results": [{"status": 7}]}"#,
        FailsAt("results[0].status"),
    );
    batch(
        "object for an array",
        br#"{"results": {"id": "a"}}"#,
        FailsAt("results"),
    );
    batch(
        "array for an object",
        br#"{"results": [[{"id": "a"}]]}"#,
        FailsAt("results[0]"),
    );
    batch(
        "int32 overflow",
        br#"{"count": 30000000000}"#,
        FailsAt("count"),
    );
    batch(
        "float for an integer",
        br#"{"count": 1.5}"#,
        FailsAt("count"),
    );
    batch(
        "string for an integer",
        br#"{"count": "2"}"#,
        FailsAt("count"),
    );
    batch(
        "number beyond f64",
        br#"{"count": 1e400}"#,
        FailsAt("count"),
    );
    // The path is the object holding the key; the message names the key.
    batch(
        "duplicate documented key",
        br#"{"count": 1, "count": 2}"#,
        FailsAt("."),
    );
    batch(
        "invalid UTF-8 in a string",
        b"{\"results\": [{\"id\": \"\xff\"}]}",
        FailsAt("results[0].id"),
    );
    batch(
        "lone surrogate escape",
        br#"{"results": [{"id": "\ud800"}]}"#,
        FailsAt("results[0].id"),
    );
    batch(
        "explicit nulls for optional fields",
        br#"{"results": null, "count": null}"#,
        Fits,
    );
    batch("unknown fields and values at every level",
        br#"{"results": [{"id": "a", "status": "NEW", "x": {"y": [1, null]}}], "count": 1, "page": {"n": 2}}"#, Fits);
    check(
        "bad error body",
        sdrs::OPERATION_ID,
        Payload::Response(503),
        br#"{"error": "down"}"#,
        FailsAt("error"),
    );
    check(
        "nested type mismatch",
        rds::OPERATION_ID,
        Payload::Response(200),
        br#"{"job": {"entities": {"resource_ids": ["a", 1]}}}"#,
        FailsAt("job.entities.resource_ids[1]"),
    );
    batch(
        "pretty-printed, error on a later line",
        b"{\n  \"results\": [\n    {\"id\": \"a\"},\n    {\"id\": 7}\n  ],\n  \"count\": 2\n}",
        FailsAt("results[1].id"),
    );
    batch("escaped key", br#"{"c\u006funt": "x"}"#, FailsAt("count"));
    batch(
        "error after a nested object closes",
        br#"{"results": [{"id": "a"}], "count": {}}"#,
        FailsAt("count"),
    );
    batch(
        "error in a later element",
        br#"{"results": [{"id": "a", "x": [1, {"y": "}"}]}, {"id": "b", "status": 1}]}"#,
        FailsAt("results[1].status"),
    );
    check(
        "request body without its required field",
        drs_batch::OPERATION_ID,
        Payload::Request,
        br#"{"page_req": {"cur_page": 1}}"#,
        FailsAt("."),
    );
}

#[test]
fn a_ten_megabyte_string_decodes() {
    let big = "x".repeat(10 * 1024 * 1024);
    let body = format!(r#"{{"results": [{{"id": "{big}", "status": "{big}"}}], "{big}": 1}}"#);
    batch("10 MB strings", body.as_bytes(), Expect::Fits);
}

#[test]
fn nesting_ten_thousand_deep_is_an_error_not_a_stack_overflow() {
    for (name, open, close) in [("arrays", "[", "]"), ("objects", "{\"a\":", "}")] {
        let deep = format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
        // In an undocumented field (kept as free JSON), in a documented one, and at the root.
        let extra = format!(r#"{{"count": 1, "deep": {deep}}}"#);
        batch(name, extra.as_bytes(), Expect::FailsWithin("deep"));
        let documented = format!(r#"{{"results": {deep}}}"#);
        let result = cloudjobs::decode(
            drs_batch::OPERATION_ID,
            Payload::Response(200),
            documented.as_bytes(),
        );
        assert!(result.is_err(), "{name}");
        assert!(
            cloudjobs::decode(
                drs_batch::OPERATION_ID,
                Payload::Response(200),
                deep.as_bytes()
            )
            .is_err()
        );
    }
}

#[test]
fn a_batch_of_one_hundred_thousand_results_decodes() {
    let results: Vec<String> = (0..100_000)
        .map(|i| {
            format!(
                r#"{{"id": "job-{i}", "status": "{}"}}"#,
                drs_batch::JobStatus::VALUES[i % 23]
            )
        })
        .collect();
    let body = format!(r#"{{"results": [{}], "count": 100000}}"#, results.join(","));
    let ok = drs_batch::parse_response(200, body.as_bytes()).unwrap();
    let results = ok.results.unwrap();
    assert_eq!(results.len(), 100_000);
    assert!(
        results
            .iter()
            .all(|r| !matches!(r.status, Some(drs_batch::JobStatus::Unknown(_))))
    );
}
