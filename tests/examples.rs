//! Every example of every spec — request and response bodies, verbatim from the vendor
//! pages — decodes into the generated types and re-encodes equal as JSON values.
//! Examples are found from the specs, so a new spec's examples are tested without a new test.

use cloudjobs::Payload;
use cloudjobs_codegen::spec::Example;
use cloudjobs_tests::{round_trip_difference, specs};

#[test]
fn every_example_round_trips() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in specs() {
        let id = file.operation_id();
        for (i, example) in file.spec.examples.iter().enumerate() {
            let (payload, body, title) = match example {
                Example::Request {
                    body: Some(body),
                    title,
                    ..
                } => (Payload::Request, body, title),
                Example::Request { body: None, .. } => continue,
                Example::Response {
                    status,
                    body,
                    title,
                } => (Payload::Response(*status), body, title),
            };
            let bytes = serde_json::to_vec(body).unwrap();
            checked += 1;
            match cloudjobs::decode(&id, payload, &bytes) {
                Ok(output) => {
                    if let Some(diff) = round_trip_difference(body, &output) {
                        failures.push(format!("{} examples[{i}] ({title}): {diff}", file.file));
                    }
                }
                Err(e) => failures.push(format!(
                    "{} examples[{i}] ({title}): does not decode: {e}",
                    file.file
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The five seed pages carry 11 body examples between them; fewer means some were skipped.
    assert!(checked >= 11, "only {checked} examples were checked");
}

/// Every operation the specs define is compiled into the crate (no spec silently dropped).
#[test]
fn every_spec_is_an_operation() {
    let mut from_specs: Vec<String> = specs().iter().map(|s| s.operation_id()).collect();
    from_specs.sort();
    let compiled: Vec<&str> = cloudjobs::operations().iter().map(|op| op.id).collect();
    assert_eq!(from_specs, compiled);
}

/// The operation IDs other tools rely on (DESIGN.md).
#[test]
fn seed_operation_ids_are_stable() {
    let compiled: Vec<&str> = cloudjobs::operations().iter().map(|op| op.id).collect();
    for id in [
        "alibabacloud.bpstudio.get_fo_task_status",
        "huaweicloud.drs.batch_list_job_status",
        "huaweicloud.drs.show_switch_vip_status",
        "huaweicloud.rds.list_job_info",
        "huaweicloud.sdrs.show_job_status",
    ] {
        assert!(compiled.contains(&id), "{id} is missing from {compiled:?}");
    }
}

/// The round-trip checker itself catches what it must.
#[test]
fn round_trip_checker_catches_differences() {
    use serde_json::json;
    assert_eq!(
        round_trip_difference(&json!({"a": null, "b": 1}), &json!({"b": 1})),
        None
    );
    assert!(round_trip_difference(&json!({"a": 1}), &json!({})).is_some());
    assert!(round_trip_difference(&json!({}), &json!({"a": 1})).is_some());
    assert!(round_trip_difference(&json!([1, 2]), &json!([1])).is_some());
    assert!(round_trip_difference(&json!({"a": "x"}), &json!({"a": "y"})).is_some());
    assert!(
        round_trip_difference(
            &json!({"a": 1, "b": {"c": [1, 2]}}),
            &json!({"a": 1, "b": {"c": [1, 3]}})
        )
        .is_some()
    );
}
