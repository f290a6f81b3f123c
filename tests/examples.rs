//! Every example of every spec — request and response bodies, verbatim from the vendor
//! pages — decodes into the generated types and re-encodes equal as JSON values.
//! Examples are found from the specs, so a new spec's examples are tested without a new test.

use cloudjobs::Payload;
use cloudjobs_tests::{check_examples, round_trip_difference, specs};

#[test]
fn every_example_round_trips() {
    let checked = check_examples(&specs(), |id, status, bytes| {
        let payload = status.map_or(Payload::Request, Payload::Response);
        cloudjobs::decode(id, payload, bytes).map_err(|e| e.to_string())
    });
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

/// The operation IDs other tools rely on (ARCHITECTURE.md, "Operation IDs").
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

/// Every service the specs name is a cargo feature (`provider-service`) that turns on its own
/// crate (`cloudjobs-provider-service`), every provider a feature enabling exactly its
/// services, `default` every provider, and `serde` the `serde` of every service crate that is
/// on: derived from the specs, so a new spec's service is checked without editing this test.
#[test]
fn every_service_and_provider_is_a_feature() {
    use std::collections::BTreeMap;
    let manifest = std::fs::read_to_string(cloudjobs_tests::root().join("generated/Cargo.toml"))
        .expect("generated/Cargo.toml");
    let mut features: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let section = manifest
        .split("[features]\n")
        .nth(1)
        .expect("a [features] table");
    for line in section.lines().take_while(|l| !l.starts_with('[')) {
        let Some((name, list)) = line.split_once(" = ") else {
            continue;
        };
        let list: Vec<String> = serde_json::from_str(list).expect("a feature list");
        features.insert(name.to_owned(), list);
    }
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in specs() {
        let (provider, service) = (&file.spec.provider, &file.spec.service);
        let feature = format!("{provider}-{service}");
        let services = expected.entry(provider.clone()).or_default();
        if !services.contains(&feature) {
            services.push(feature.clone());
        }
        expected.insert(feature, vec![format!("dep:cloudjobs-{provider}-{service}")]);
    }
    let mut serde: Vec<String> = specs()
        .iter()
        .map(|f| format!("cloudjobs-{}-{}?/serde", f.spec.provider, f.spec.service))
        .collect();
    serde.sort();
    serde.dedup();
    for services in expected.values_mut() {
        services.sort();
    }
    let providers: Vec<String> = specs().iter().map(|f| f.spec.provider.clone()).collect();
    let mut providers = providers;
    providers.sort();
    providers.dedup();
    expected.insert("default".to_owned(), providers);
    expected.insert("serde".to_owned(), serde);
    assert_eq!(features, expected);
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
