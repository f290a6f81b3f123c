//! The review rules of `cloudjobs_codegen::diff`, one row per rule: an edit applied to a
//! seed spec (sometimes after a setup applied to both sides), and every change the diff must
//! then report — kind, breaking flag and JSON pointer, nothing more, nothing less.

use std::collections::BTreeSet;
use std::path::Path;

use cloudjobs_codegen::diff::{self, Kind};
use cloudjobs_codegen::load::{self, SpecFile};
use serde_json::{Value, json};

const BATCH: &str = "huaweicloud/drs/batch_list_job_status.json";
const VIP: &str = "huaweicloud/drs/show_switch_vip_status.json";
const RDS: &str = "huaweicloud/rds/list_job_info.json";
const SDRS: &str = "huaweicloud/sdrs/show_job_status.json";
const RPC: &str = "alibabacloud/bpstudio/get_fo_task_status.json";

type Edit = fn(&mut Value);

struct Row {
    name: &'static str,
    seed: &'static str,
    /// Applied to both sides first (to build a situation the seeds do not have).
    setup: Option<Edit>,
    edit: Edit,
    expected: &'static [(&'static str, bool, &'static str)],
}

fn seed(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(relative);
    serde_json::from_str(&std::fs::read_to_string(path).expect("seed spec")).expect("seed JSON")
}

fn spec_file(relative: &str, value: &Value) -> SpecFile {
    let text = serde_json::to_string_pretty(value).unwrap();
    load::load_bytes(relative, relative, text.as_bytes())
        .unwrap_or_else(|d| panic!("an edit made the spec unloadable: {d}"))
}

/// The value at `pointer`, which must exist.
fn at<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Value {
    v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the seed"))
}

fn push(v: &mut Value, pointer: &str, item: Value) {
    at(v, pointer).as_array_mut().unwrap().push(item);
}

fn remove(v: &mut Value, pointer: &str, index: usize) {
    at(v, pointer).as_array_mut().unwrap().remove(index);
}

fn set(v: &mut Value, pointer: &str, key: &str, value: Value) {
    at(v, pointer)
        .as_object_mut()
        .unwrap()
        .insert(key.into(), value);
}

fn unset(v: &mut Value, pointer: &str, key: &str) {
    at(v, pointer).as_object_mut().unwrap().remove(key);
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "nothing changed",
            seed: SDRS,
            setup: None,
            edit: |_| {},
            expected: &[],
        },
        Row {
            name: "REST became RPC",
            seed: RPC,
            setup: None,
            edit: |s| {
                *at(s, "/transport") = json!({ "style": "rest", "method": "POST", "path": "/" })
            },
            expected: &[("transport-changed", true, "/transport/style")],
        },
        Row {
            name: "method",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/transport/method") = json!("POST"),
            expected: &[("method-changed", true, "/transport/method")],
        },
        Row {
            name: "path",
            seed: VIP,
            setup: None,
            edit: |s| {
                *at(s, "/transport/path") = json!("/v3/{project_id}/jobs/{job_id}/switch-vip")
            },
            expected: &[("path-changed", true, "/transport/path")],
        },
        Row {
            name: "RPC action",
            seed: RPC,
            setup: None,
            edit: |s| *at(s, "/transport/action") = json!("GetFoTaskState"),
            expected: &[("rpc-action-changed", true, "/transport/action")],
        },
        Row {
            name: "RPC version",
            seed: RPC,
            setup: None,
            edit: |s| *at(s, "/transport/version") = json!("2022-01-01"),
            expected: &[("rpc-version-changed", true, "/transport/version")],
        },
        Row {
            name: "base URL",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/base_url") = json!("https://drs-intl.{region}.myhuaweicloud.com"),
            expected: &[("base-url-changed", true, "/base_url")],
        },
        Row {
            name: "auth scheme",
            seed: RPC,
            setup: None,
            edit: |s| *at(s, "/auth/scheme") = json!("x_auth_token"),
            expected: &[("auth-changed", true, "/auth/scheme")],
        },
        Row {
            name: "api_version is documentation",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/api_version") = json!("v5"),
            expected: &[("api-version-changed", false, "/api_version")],
        },
        Row {
            name: "parameter removed",
            seed: VIP,
            setup: None,
            edit: |s| remove(s, "/request/headers", 1),
            expected: &[("parameter-removed", true, "/request/headers/1")],
        },
        Row {
            name: "parameter became fixed (its builder method is gone)",
            seed: VIP,
            setup: None,
            edit: |s| set(s, "/request/headers/1", "fixed", json!("en-us")),
            expected: &[("parameter-removed", true, "/request/headers/1/fixed")],
        },
        Row {
            name: "parameter renamed",
            seed: RDS,
            setup: None,
            edit: |s| *at(s, "/request/query/0/name") = json!("job_id"),
            expected: &[("parameter-renamed", true, "/request/query/0/name")],
        },
        Row {
            name: "parameter moved from query to headers",
            seed: RDS,
            setup: None,
            edit: |s| {
                let p = at(s, "/request/query").as_array_mut().unwrap().remove(0);
                push(s, "/request/headers", p);
            },
            expected: &[("parameter-location-changed", true, "/request/headers/1")],
        },
        Row {
            name: "parameter made required",
            seed: VIP,
            setup: None,
            edit: |s| set(s, "/request/headers/1", "required", json!(true)),
            expected: &[(
                "parameter-made-required",
                true,
                "/request/headers/1/required",
            )],
        },
        Row {
            name: "parameter made optional (its accessor returns an Option)",
            seed: RDS,
            setup: None,
            edit: |s| set(s, "/request/query/0", "required", json!(false)),
            expected: &[("parameter-made-optional", true, "/request/query/0/required")],
        },
        Row {
            name: "required parameter added",
            seed: RDS,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/request/query",
                    json!({ "name": "limit", "docs": "Limit.", "required": true,
                            "schema": { "type": "integer", "format": "int32" } }),
                )
            },
            expected: &[("required-parameter-added", true, "/request/query/1")],
        },
        Row {
            name: "optional parameter added",
            seed: RDS,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/request/query",
                    json!({ "name": "limit", "docs": "Limit.",
                            "schema": { "type": "integer", "format": "int32" } }),
                )
            },
            expected: &[("optional-parameter-added", false, "/request/query/1")],
        },
        Row {
            name: "fixed value changed",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/request/headers/0/fixed") = json!("application/json;charset=utf8"),
            expected: &[("fixed-value-changed", false, "/request/headers/0/fixed")],
        },
        Row {
            name: "request body added",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/request",
                    "body",
                    json!({ "docs": "Body.", "schema": { "type": "json" } }),
                )
            },
            expected: &[("request-body-added", true, "/request/body")],
        },
        Row {
            name: "request body removed",
            seed: BATCH,
            setup: None,
            edit: |s| unset(s, "/request", "body"),
            expected: &[("request-body-removed", true, "/request/body")],
        },
        Row {
            name: "request field type changed",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/0/schema") = json!({ "type": "string" }),
            expected: &[(
                "request-type-changed",
                true,
                "/types/PageReq/fields/0/schema",
            )],
        },
        Row {
            name: "integer format changed (a request field)",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/1/schema/format") = json!("int64"),
            expected: &[(
                "request-type-changed",
                true,
                "/types/PageReq/fields/1/schema/format",
            )],
        },
        Row {
            name: "request field removed",
            seed: BATCH,
            setup: None,
            edit: |s| remove(s, "/types/PageReq/fields", 1),
            expected: &[("request-field-removed", true, "/types/PageReq/fields/1")],
        },
        Row {
            name: "request field made required",
            seed: BATCH,
            setup: None,
            edit: |s| set(s, "/types/PageReq/fields/0", "required", json!(true)),
            expected: &[(
                "request-field-made-required",
                true,
                "/types/PageReq/fields/0/required",
            )],
        },
        Row {
            name: "request field made optional (T becomes Option<T>)",
            seed: BATCH,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/BatchListJobStatusRequestBody/fields/0",
                    "required",
                    json!(false),
                )
            },
            expected: &[(
                "request-field-made-optional",
                true,
                "/types/BatchListJobStatusRequestBody/fields/0/required",
            )],
        },
        Row {
            name: "required request field added",
            seed: BATCH,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/BatchListJobStatusRequestBody/fields",
                    json!({ "name": "region", "docs": "Region.", "required": true,
                            "schema": { "type": "string" } }),
                )
            },
            expected: &[(
                "required-request-field-added",
                true,
                "/types/BatchListJobStatusRequestBody/fields/2",
            )],
        },
        Row {
            name: "required response field added (old payloads lack it)",
            seed: VIP,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields",
                    json!({ "name": "region", "docs": "Region.", "required": true,
                            "schema": { "type": "string" } }),
                )
            },
            expected: &[(
                "required-response-field-added",
                true,
                "/types/ShowSwitchVipStatusResponseBody/fields/4",
            )],
        },
        Row {
            name: "optional field added",
            seed: VIP,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields",
                    json!({ "name": "region", "docs": "Region.", "schema": { "type": "string" } }),
                )
            },
            expected: &[(
                "optional-field-added",
                false,
                "/types/ShowSwitchVipStatusResponseBody/fields/4",
            )],
        },
        Row {
            // Not breaking: the struct is `#[non_exhaustive]` with `new` and `with_` setters.
            name: "optional field added to a nested request type",
            seed: BATCH,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/PageReq/fields",
                    json!({ "name": "offset", "docs": "Offset.", "schema": { "type": "integer", "format": "int32" } }),
                )
            },
            expected: &[("optional-field-added", false, "/types/PageReq/fields/2")],
        },
        Row {
            name: "response field removed",
            seed: VIP,
            setup: None,
            edit: |s| remove(s, "/types/ShowSwitchVipStatusResponseBody/fields", 3),
            expected: &[(
                "response-field-removed",
                true,
                "/types/ShowSwitchVipStatusResponseBody/fields/3",
            )],
        },
        Row {
            name: "response field type changed",
            seed: BATCH,
            setup: None,
            edit: |s| {
                *at(s, "/types/BatchListJobStatusResponseBody/fields/1/schema") =
                    json!({ "type": "string" })
            },
            expected: &[(
                "response-field-type-changed",
                true,
                "/types/BatchListJobStatusResponseBody/fields/1/schema",
            )],
        },
        Row {
            name: "response field made optional (T becomes Option<T>)",
            seed: VIP,
            setup: Some(|s| {
                set(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/0",
                    "required",
                    json!(true),
                )
            }),
            edit: |s| {
                unset(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/0",
                    "required",
                )
            },
            expected: &[(
                "response-field-made-optional",
                true,
                "/types/ShowSwitchVipStatusResponseBody/fields/0/required",
            )],
        },
        Row {
            name: "response field made required",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/0",
                    "required",
                    json!(true),
                )
            },
            expected: &[(
                "response-field-made-required",
                true,
                "/types/ShowSwitchVipStatusResponseBody/fields/0/required",
            )],
        },
        Row {
            name: "request enum value removed",
            seed: VIP,
            setup: None,
            edit: |s| remove(s, "/types/Language/values", 1),
            expected: &[(
                "request-enum-value-removed",
                true,
                "/types/Language/values/1",
            )],
        },
        Row {
            name: "request enum value added (one more choice)",
            seed: VIP,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/Language/values",
                    json!({ "value": "fr-fr", "docs": "French." }),
                )
            },
            expected: &[(
                "request-enum-value-added",
                false,
                "/types/Language/values/2",
            )],
        },
        Row {
            name: "response enum value removed (matching code breaks)",
            seed: VIP,
            setup: None,
            edit: |s| remove(s, "/types/SwitchVipStatus/values", 2),
            expected: &[(
                "response-enum-value-removed",
                true,
                "/types/SwitchVipStatus/values/2",
            )],
        },
        Row {
            name: "response enum value added (known variant instead of Unknown)",
            seed: VIP,
            setup: None,
            edit: |s| {
                push(
                    s,
                    "/types/SwitchVipStatus/values",
                    json!({ "value": "SWITCH_VIP_PENDING", "docs": "Waiting.", "phase": "pending" }),
                )
            },
            expected: &[(
                "response-enum-value-added",
                false,
                "/types/SwitchVipStatus/values/3",
            )],
        },
        Row {
            name: "enum used in requests and responses: a value added is not breaking",
            seed: BATCH,
            setup: Some(language_in_responses),
            edit: |s| {
                push(
                    s,
                    "/types/Language/values",
                    json!({ "value": "fr-fr", "docs": "French." }),
                )
            },
            expected: &[(
                "response-enum-value-added",
                false,
                "/types/Language/values/2",
            )],
        },
        Row {
            name: "enum used in requests and responses: a value removed is breaking",
            seed: BATCH,
            setup: Some(language_in_responses),
            edit: |s| remove(s, "/types/Language/values", 0),
            expected: &[(
                "response-enum-value-removed",
                true,
                "/types/Language/values/0",
            )],
        },
        Row {
            name: "maximum down in a request",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/1/schema/maximum") = json!(50),
            expected: &[(
                "constraint-tightened",
                true,
                "/types/PageReq/fields/1/schema/maximum",
            )],
        },
        Row {
            name: "minimum up in a request",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/0/schema/minimum") = json!(2),
            expected: &[(
                "constraint-tightened",
                true,
                "/types/PageReq/fields/0/schema/minimum",
            )],
        },
        Row {
            name: "pattern added to a parameter",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/request/path/0/schema",
                    "pattern",
                    json!("^[0-9a-f]{32}$"),
                )
            },
            expected: &[(
                "constraint-tightened",
                true,
                "/request/path/0/schema/pattern",
            )],
        },
        Row {
            name: "length limit and item limit added in a request",
            seed: BATCH,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/BatchListJobStatusRequestBody/fields/0/schema",
                    "max_items",
                    json!(10),
                );
                set(
                    s,
                    "/types/BatchListJobStatusRequestBody/fields/0/schema/items",
                    "min_length",
                    json!(1),
                );
            },
            expected: &[
                (
                    "constraint-tightened",
                    true,
                    "/types/BatchListJobStatusRequestBody/fields/0/schema/max_items",
                ),
                (
                    "constraint-tightened",
                    true,
                    "/types/BatchListJobStatusRequestBody/fields/0/schema/items/min_length",
                ),
            ],
        },
        Row {
            name: "constraint tightened on a type used both ways: the request decides",
            seed: BATCH,
            setup: Some(|s| {
                push(
                    s,
                    "/types/BatchListJobStatusResponseBody/fields",
                    json!({ "name": "page", "docs": "Page.", "schema": { "type": "ref", "name": "PageReq" } }),
                )
            }),
            edit: |s| *at(s, "/types/PageReq/fields/1/schema/maximum") = json!(50),
            expected: &[(
                "constraint-tightened",
                true,
                "/types/PageReq/fields/1/schema/maximum",
            )],
        },
        Row {
            name: "constraint tightened in a response only (not checked)",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/0/schema",
                    "max_length",
                    json!(64),
                )
            },
            expected: &[(
                "constraint-tightened",
                false,
                "/types/ShowSwitchVipStatusResponseBody/fields/0/schema/max_length",
            )],
        },
        Row {
            name: "maximum up",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/1/schema/maximum") = json!(1000),
            expected: &[(
                "constraint-loosened",
                false,
                "/types/PageReq/fields/1/schema/maximum",
            )],
        },
        Row {
            name: "minimum removed (pointer into the base)",
            seed: BATCH,
            setup: None,
            edit: |s| unset(s, "/types/PageReq/fields/0/schema", "minimum"),
            expected: &[(
                "constraint-loosened",
                false,
                "/types/PageReq/fields/0/schema/minimum",
            )],
        },
        Row {
            name: "default changed",
            seed: BATCH,
            setup: None,
            edit: |s| *at(s, "/types/PageReq/fields/1/schema/default") = json!(10),
            expected: &[(
                "default-changed",
                false,
                "/types/PageReq/fields/1/schema/default",
            )],
        },
        Row {
            name: "timestamp format changed",
            seed: RDS,
            setup: None,
            edit: |s| *at(s, "/types/Job/fields/3/schema/format") = json!("yyyy-MM-dd'T'HH:mm:ssZ"),
            expected: &[(
                "timestamp-format-changed",
                false,
                "/types/Job/fields/3/schema/format",
            )],
        },
        Row {
            name: "status code removed",
            seed: VIP,
            setup: None,
            edit: |s| unset(s, "/responses", "400"),
            expected: &[("status-code-removed", true, "/responses/400")],
        },
        Row {
            name: "status code added",
            seed: VIP,
            setup: None,
            edit: |s| set(s, "/responses", "404", json!({ "docs": "Not Found" })),
            expected: &[("status-code-added", false, "/responses/404")],
        },
        Row {
            // One 2xx became two: `parse_response` gives the success enum instead of the body.
            name: "a second 2xx status added",
            seed: VIP,
            setup: None,
            edit: |s| set(s, "/responses", "202", json!({ "docs": "Accepted" })),
            expected: &[("status-code-added", true, "/responses/202")],
        },
        Row {
            // Two 2xx already: one more variant of the non-exhaustive success enum.
            name: "a third 2xx status added",
            seed: VIP,
            setup: Some(|s| set(s, "/responses", "202", json!({ "docs": "Accepted" }))),
            edit: |s| set(s, "/responses", "204", json!({ "docs": "No Content" })),
            expected: &[("status-code-added", false, "/responses/204")],
        },
        Row {
            name: "a status gains a body schema",
            seed: VIP,
            setup: None,
            edit: |s| set(s, "/responses/400", "body", json!({ "type": "json" })),
            expected: &[("response-body-added", true, "/responses/400/body")],
        },
        Row {
            name: "a status loses its body schema",
            seed: SDRS,
            setup: None,
            edit: |s| unset(s, "/responses/500", "body"),
            expected: &[("response-body-removed", true, "/responses/500/body")],
        },
        Row {
            name: "phase changed",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/types/SwitchVipStatus/values/2/phase") = json!("pending"),
            expected: &[(
                "phase-changed",
                true,
                "/types/SwitchVipStatus/values/2/phase",
            )],
        },
        Row {
            name: "rust_name changes a field's Rust name",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/3",
                    "rust_name",
                    json!("error_message"),
                )
            },
            expected: &[(
                "rust-name-changed",
                true,
                "/types/ShowSwitchVipStatusResponseBody/fields/3/rust_name",
            )],
        },
        Row {
            name: "rust_name equal to the derived name changes nothing",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/3",
                    "rust_name",
                    json!("error_msg"),
                )
            },
            expected: &[],
        },
        Row {
            name: "rust_name of an enum value",
            seed: VIP,
            setup: None,
            edit: |s| {
                set(
                    s,
                    "/types/SwitchVipStatus/values/0",
                    "rust_name",
                    json!("Complete"),
                )
            },
            expected: &[(
                "rust-name-changed",
                true,
                "/types/SwitchVipStatus/values/0/rust_name",
            )],
        },
        Row {
            name: "type renamed",
            seed: VIP,
            setup: None,
            edit: |s| {
                let def = at(s, "/types")
                    .as_object_mut()
                    .unwrap()
                    .remove("SwitchVipStatus")
                    .unwrap();
                set(s, "/types", "SwitchStatus", def);
                *at(
                    s,
                    "/types/ShowSwitchVipStatusResponseBody/fields/1/schema/name",
                ) = json!("SwitchStatus");
            },
            expected: &[("type-renamed", true, "/types/SwitchStatus")],
        },
        Row {
            name: "a field now refers to a new type",
            seed: RDS,
            setup: None,
            edit: |s| {
                at(s, "/types")
                    .as_object_mut()
                    .unwrap()
                    .remove("JobInstance");
                set(
                    s,
                    "/types",
                    "JobInstanceInfo",
                    json!({ "type": "object", "docs": "Instance.", "fields": [
                        { "name": "id", "docs": "ID.", "schema": { "type": "string" } }
                    ] }),
                );
                *at(s, "/types/Job/fields/6/schema/name") = json!("JobInstanceInfo");
            },
            expected: &[
                (
                    "response-field-type-changed",
                    true,
                    "/types/Job/fields/6/schema",
                ),
                ("type-removed", true, "/types/JobInstance"),
                ("type-added", false, "/types/JobInstanceInfo"),
            ],
        },
        Row {
            name: "docs changed",
            seed: VIP,
            setup: None,
            edit: |s| {
                *at(s, "/docs") = json!("Queries the switchover result.");
                *at(s, "/types/SwitchVipStatus/values/0/docs") = json!("It worked.");
            },
            expected: &[
                ("docs-changed", false, "/docs"),
                (
                    "docs-changed",
                    false,
                    "/types/SwitchVipStatus/values/0/docs",
                ),
            ],
        },
        Row {
            name: "source changed",
            seed: VIP,
            setup: None,
            edit: |s| *at(s, "/source/version") = json!("DRS API 2.0.40"),
            expected: &[("source-changed", false, "/source/version")],
        },
        Row {
            name: "examples changed",
            seed: RPC,
            setup: None,
            edit: |s| {
                *at(s, "/examples/0/body/Data") = json!("Deployed_Success");
                *at(s, "/request/query/0/example") = json!(1);
            },
            expected: &[
                ("example-changed", false, "/request/query/0/example"),
                ("example-changed", false, "/examples/0"),
            ],
        },
        Row {
            name: "breaking changes come first",
            seed: VIP,
            setup: None,
            edit: |s| {
                *at(s, "/title") = json!("Switchover result");
                *at(s, "/transport/method") = json!("POST");
            },
            expected: &[
                ("method-changed", true, "/transport/method"),
                ("docs-changed", false, "/title"),
            ],
        },
    ]
}

/// Makes `Language` (a request header's enum) a response type too.
fn language_in_responses(s: &mut Value) {
    push(
        s,
        "/types/QueryJobStatusResp/fields",
        json!({ "name": "language", "docs": "Language.", "schema": { "type": "ref", "name": "Language" } }),
    );
}

#[test]
fn each_rule() {
    let mut failures = Vec::new();
    for row in rows() {
        let mut old = seed(row.seed);
        if let Some(setup) = row.setup {
            setup(&mut old);
        }
        let mut new = old.clone();
        (row.edit)(&mut new);
        let changes = diff::diff(&[spec_file(row.seed, &old)], &[spec_file(row.seed, &new)]);
        let got: Vec<(&str, bool, String)> = changes
            .iter()
            .map(|c| (c.kind.as_str(), c.breaking, c.pointer()))
            .collect();
        let expected: Vec<(&str, bool, String)> = row
            .expected
            .iter()
            .map(|(k, b, p)| (*k, *b, p.to_string()))
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {expected:?}\n  got      {got:?}\n  details  {:?}",
                row.name,
                changes.iter().map(|c| &c.detail).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn operations_added_and_removed() {
    let vip = spec_file(VIP, &seed(VIP));
    let rpc = spec_file(RPC, &seed(RPC));
    let changes = diff::diff(&[vip.clone(), rpc.clone()], std::slice::from_ref(&vip));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (changes[0].kind, changes[0].breaking, changes[0].pointer()),
        (Kind::OperationRemoved, true, String::new())
    );
    assert_eq!(
        changes[0].operation,
        "alibabacloud.bpstudio.get_fo_task_status"
    );
    let changes = diff::diff(std::slice::from_ref(&vip), &[vip.clone(), rpc]);
    assert_eq!(
        changes
            .iter()
            .map(|c| (c.kind, c.breaking))
            .collect::<Vec<_>>(),
        [(Kind::OperationAdded, false)]
    );
}

/// Every kind is pinned by a row above (or by `operations_added_and_removed`).
#[test]
fn every_kind_has_a_rule_test() {
    let mut covered: BTreeSet<&str> = rows()
        .iter()
        .flat_map(|r| r.expected.iter().map(|(k, _, _)| *k))
        .collect();
    covered.extend(["operation-added", "operation-removed"]);
    let missing: Vec<&str> = Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| !covered.contains(k))
        .collect();
    assert!(missing.is_empty(), "kinds without a test: {missing:?}");
    let unknown: Vec<&&str> = covered
        .iter()
        .filter(|k| !Kind::ALL.iter().any(|kind| kind.as_str() == **k))
        .collect();
    assert!(unknown.is_empty(), "rows name unknown kinds: {unknown:?}");
}

/// README lists every kind, so that reviewers and tools know them all.
#[test]
fn readme_lists_every_kind() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README.md");
    let missing: Vec<&str> = Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| !readme.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "README does not list {missing:?}");
}
