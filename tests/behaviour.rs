//! Behaviour of the generated crate on the seed endpoints: requests match the pages'
//! examples, responses parse (documented errors included), enums keep unknown values,
//! builders enforce the documented constraints, and status values know their phase.

use cloudjobs::alibabacloud::bpstudio::get_fo_task_status as bpstudio;
use cloudjobs::huaweicloud::drs::{
    batch_list_job_status as drs_batch, show_switch_vip_status as drs_vip,
};
use cloudjobs::huaweicloud::rds::list_job_info as rds;
use cloudjobs::huaweicloud::sdrs::show_job_status as sdrs;
use cloudjobs::{Endpoint, Phase};
use cloudjobs_codegen::spec::Example;
use cloudjobs_tests::{path_and_query, specs};
use serde_json::json;

fn endpoint(template: &str) -> Endpoint {
    Endpoint::for_region(template, "ap-southeast-1").unwrap()
}

/// The page's example request of one spec: (URL, body).
fn example_request(id: &str) -> (Option<String>, Option<serde_json::Value>) {
    let spec = specs()
        .into_iter()
        .find(|s| s.operation_id() == id)
        .unwrap();
    spec.spec
        .examples
        .iter()
        .find_map(|e| match e {
            Example::Request { url, body, .. } => Some((url.clone(), body.clone())),
            Example::Response { .. } => None,
        })
        .unwrap_or_else(|| panic!("{id} has no request example"))
}

/// The path of a page's example URL (`https://{EndPoint}/v3/…` → `/v3/…`).
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").unwrap().1;
    &rest[rest.find('/').unwrap()..]
}

#[test]
fn drs_switch_vip_request_matches_the_page() {
    let (url, _) = example_request(drs_vip::OPERATION_ID);
    let request = drs_vip::ShowSwitchVipStatusRequest::builder()
        .project_id("054ba152d480d55b2f5dc0069e7ddef0")
        .job_id("260e27fd-4976-44dc-9948-e1265e4jb201")
        .x_language(drs_vip::Language::EnUs)
        .build()
        .unwrap();
    // The page is Open Telekom Cloud's, and the spec targets it.
    let http = request.to_http(&Endpoint::for_region(drs_vip::ENDPOINT_TEMPLATE, "eu-de").unwrap());
    assert_eq!(http.method(), "GET");
    assert_eq!(path_and_query(&http), url_path(&url.unwrap()));
    assert_eq!(http.uri().host(), Some("drs.eu-de.otc.t-systems.com"));
    assert_eq!(http.headers()["content-type"], "application/json");
    assert_eq!(http.headers()["x-language"], "en-us");
    assert!(http.body().is_empty());
}

#[test]
fn drs_batch_request_matches_the_page() {
    let (url, body) = example_request(drs_batch::OPERATION_ID);
    let body: drs_batch::BatchListJobStatusRequestBody =
        serde_json::from_value(body.clone().unwrap()).unwrap();
    let request = drs_batch::BatchListJobStatusRequest::builder()
        .project_id("054ba152d480d55b2f5dc0069e7ddef0")
        .body(body)
        .build()
        .unwrap();
    let http = request.to_http(&endpoint(drs_batch::ENDPOINT_TEMPLATE));
    assert_eq!(http.method(), "POST");
    assert_eq!(path_and_query(&http), url_path(&url.unwrap()));
    assert_eq!(http.headers()["content-type"], "application/json");
    assert!(http.headers().get("x-language").is_none());
    let sent: serde_json::Value = serde_json::from_slice(http.body()).unwrap();
    assert_eq!(Some(sent), example_request(drs_batch::OPERATION_ID).1);
}

#[test]
fn sdrs_request_matches_the_page() {
    let (url, _) = example_request(sdrs::OPERATION_ID);
    // The page's URL keeps `{project_id}` as a placeholder; fill in a real one.
    let expected =
        url_path(&url.unwrap()).replace("{project_id}", "b2a7a9a1c4e94c4f8e8f1e1b1a1a1a1a");
    let request = sdrs::ShowJobStatusRequest::builder()
        .job_id("0000000062db92d70162db9d200f000a")
        .project_id("b2a7a9a1c4e94c4f8e8f1e1b1a1a1a1a")
        .build()
        .unwrap();
    let http = request.to_http(&endpoint(sdrs::ENDPOINT_TEMPLATE));
    assert_eq!(http.method(), "GET");
    assert_eq!(path_and_query(&http), expected);
}

#[test]
fn rds_request_puts_id_in_the_query_and_language_in_a_header() {
    let request = rds::ListJobInfoRequest::builder()
        .project_id("0483b6b16e954cb88930a360d2c4e663")
        .id("31b8ae23-c687-4d80-b7b4-42a66c9bb886")
        .x_language("zh-cn")
        .build()
        .unwrap();
    let http = request.to_http(&Endpoint::new("https://rds.example.com/").unwrap());
    assert_eq!(http.method(), "GET");
    assert_eq!(
        http.uri().to_string(),
        "https://rds.example.com/v3/0483b6b16e954cb88930a360d2c4e663/jobs?id=31b8ae23-c687-4d80-b7b4-42a66c9bb886"
    );
    assert_eq!(http.headers()["x-language"], "zh-cn");
    // Optional text parameters read back as `&str`, like required ones.
    assert_eq!(request.x_language(), Some("zh-cn"));
    assert_eq!(request.id(), "31b8ae23-c687-4d80-b7b4-42a66c9bb886");
}

#[test]
fn a_struct_that_is_not_an_object_is_named_in_the_error() {
    let err = rds::parse_response(200, br#"{"job": []}"#).unwrap_err();
    let rds::ListJobInfoError::Decode { error, .. } = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(error.path(), "job");
    assert!(
        error.message().contains("expected an object (Job)"),
        "{}",
        error.message()
    );
}

#[test]
fn bpstudio_rpc_request_uses_the_documented_example_value() {
    let request = bpstudio::GetFoTaskStatusRequest::builder()
        .task_id(2615)
        .build()
        .unwrap();
    let http = request.to_http(&endpoint(bpstudio::ENDPOINT_TEMPLATE));
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri().to_string(),
        "https://bpstudio.ap-southeast-1.aliyuncs.com/?TaskId=2615"
    );
    // ACS3 signing: Action and Version travel as headers, which the signature covers.
    assert_eq!(http.headers()["x-acs-action"], "GetFoTaskStatus");
    assert_eq!(http.headers()["x-acs-version"], "2021-09-31");
    // TaskId is optional on the page.
    let bare = bpstudio::GetFoTaskStatusRequest::builder()
        .build()
        .unwrap()
        .to_http(&endpoint(bpstudio::ENDPOINT_TEMPLATE));
    assert_eq!(path_and_query(&bare), "/");
}

#[test]
fn path_parameters_are_percent_encoded() {
    let request = sdrs::ShowJobStatusRequest::builder()
        .project_id("p/../x")
        .job_id("a b?c#d%")
        .build()
        .unwrap();
    let http = request.to_http(&Endpoint::new("https://sdrs.example.com").unwrap());
    assert_eq!(
        path_and_query(&http),
        "/v1/p%2F..%2Fx/jobs/a%20b%3Fc%23d%25"
    );
}

#[test]
fn builder_refuses_missing_required_parameters() {
    let err = sdrs::ShowJobStatusRequest::builder()
        .job_id("x")
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "project_id");
    let err = drs_batch::BatchListJobStatusRequest::builder()
        .project_id("p")
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "body");
}

fn batch_with_page(
    cur_page: Option<i32>,
    per_page: Option<i32>,
) -> Result<drs_batch::BatchListJobStatusRequest, cloudjobs::BuildError> {
    let mut page = drs_batch::PageReq::new();
    page.cur_page = cur_page;
    page.per_page = per_page;
    let body = drs_batch::BatchListJobStatusRequestBody::new(vec![
        "9a470239-2308-4bb5-a6bc-1040402fjb21".to_owned(),
    ])
    .with_page_req(page);
    drs_batch::BatchListJobStatusRequest::builder()
        .project_id("p")
        .body(body)
        .build()
}

#[test]
fn request_structs_are_built_with_new_and_with_setters() {
    // What a caller writes; the structs are `#[non_exhaustive]`, so no literal is needed
    // (or allowed) and a spec adding an optional field breaks nothing.
    let body = drs_batch::BatchListJobStatusRequestBody::new(vec!["a".into(), "b".into()])
        .with_page_req(drs_batch::PageReq::new().with_cur_page(2).with_per_page(50));
    assert_eq!(body.jobs, ["a", "b"]);
    let page = body.page_req.as_ref().unwrap();
    assert_eq!((page.cur_page, page.per_page), (Some(2), Some(50)));
    assert!(body.extra.is_empty() && page.extra.is_empty());
    // The same value as the JSON decodes to, and it encodes back to that JSON.
    let json = json!({"jobs": ["a", "b"], "page_req": {"cur_page": 2, "per_page": 50}});
    let decoded: drs_batch::BatchListJobStatusRequestBody =
        serde_json::from_value(json.clone()).unwrap();
    assert_eq!(decoded, body);
    assert_eq!(serde_json::to_value(&body).unwrap(), json);
    // Unset optional fields stay absent on the wire.
    assert_eq!(
        serde_json::to_value(drs_batch::PageReq::new()).unwrap(),
        json!({})
    );
}

#[test]
fn builder_enforces_documented_constraints() {
    let err = batch_with_page(Some(1), Some(101)).unwrap_err();
    assert_eq!(err.field(), "body.page_req.per_page");
    assert_eq!(
        err.to_string(),
        "`body.page_req.per_page` must be at most 100, got 101"
    );

    let err = batch_with_page(Some(0), Some(10)).unwrap_err();
    assert_eq!(err.field(), "body.page_req.cur_page");
    assert_eq!(
        err.to_string(),
        "`body.page_req.cur_page` must be at least 1, got 0"
    );

    let err = batch_with_page(None, Some(-1)).unwrap_err();
    assert_eq!(err.field(), "body.page_req.per_page");

    // The bounds themselves are allowed, and so is leaving both out (the server's defaults).
    assert!(batch_with_page(Some(1), Some(0)).is_ok());
    assert!(batch_with_page(Some(1), Some(100)).is_ok());
    assert!(batch_with_page(None, None).is_ok());
}

#[test]
fn every_sdrs_error_status_parses_into_its_error_body() {
    let documented: Vec<u16> = sdrs::OPERATION
        .statuses
        .iter()
        .copied()
        .filter(|s| *s != 200)
        .collect();
    assert_eq!(
        documented,
        [
            400, 401, 403, 405, 406, 407, 408, 409, 500, 501, 502, 503, 504
        ]
    );
    for status in documented {
        let body = json!({"error": {"message": format!("failure {status}"), "code": "SDRS.1300"}})
            .to_string();
        let err = sdrs::parse_response(status, body.as_bytes()).unwrap_err();
        assert_eq!(err.status(), status);
        let error = match &err {
            sdrs::ShowJobStatusError::BadRequest(e)
            | sdrs::ShowJobStatusError::Unauthorized(e)
            | sdrs::ShowJobStatusError::Forbidden(e)
            | sdrs::ShowJobStatusError::MethodNotAllowed(e)
            | sdrs::ShowJobStatusError::NotAcceptable(e)
            | sdrs::ShowJobStatusError::ProxyAuthenticationRequired(e)
            | sdrs::ShowJobStatusError::RequestTimeout(e)
            | sdrs::ShowJobStatusError::Conflict(e)
            | sdrs::ShowJobStatusError::InternalServerError(e)
            | sdrs::ShowJobStatusError::NotImplemented(e)
            | sdrs::ShowJobStatusError::BadGateway(e)
            | sdrs::ShowJobStatusError::ServiceUnavailable(e)
            | sdrs::ShowJobStatusError::GatewayTimeout(e) => e,
            other => panic!("status {status} parsed as {other:?}"),
        };
        let info = error.error.as_ref().unwrap();
        assert_eq!(info.code.as_deref(), Some("SDRS.1300"));
        assert_eq!(info.message, Some(format!("failure {status}")));
        // Display is short: the status and whose error it is, never the body.
        let shown = err.to_string();
        assert!(shown.starts_with(&format!("HTTP {status} ")), "{shown}");
        assert!(shown.contains(sdrs::OPERATION_ID), "{shown}");
        assert!(!shown.contains("SDRS.1300"), "{shown}");
        assert!(std::error::Error::source(&err).is_none());
    }
    assert_eq!(
        sdrs::parse_response(400, b"{}").unwrap_err().to_string(),
        "HTTP 400 Bad Request: a documented error response of `huaweicloud.sdrs.show_job_status`"
    );
}

#[test]
fn the_success_body_is_ok_and_question_mark_works() {
    fn status_of(body: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
        let ok = sdrs::parse_response(200, body)?;
        Ok(ok.status.map(|s| s.as_str().to_owned()).unwrap_or_default())
    }
    assert_eq!(status_of(br#"{"status": "SUCCESS"}"#).unwrap(), "SUCCESS");
    let err = status_of(br#"{"status": 5}"#).unwrap_err();
    assert!(err.to_string().contains("at `status`"), "{err}");

    // The http::Response entry point is the same parse.
    let response = cloudjobs::http::Response::builder()
        .status(200)
        .body(br#"{"status": "RUNNING"}"#.to_vec())
        .unwrap();
    let ok = sdrs::parse_http_response(&response).unwrap();
    assert_eq!(ok.status.unwrap().phase(), Phase::Running);
}

#[test]
fn undocumented_status_is_an_error_that_keeps_the_body() {
    let err = sdrs::parse_response(418, b"<html>teapot</html>").unwrap_err();
    assert_eq!(err.status(), 418);
    assert_eq!(
        err.to_string(),
        "HTTP status 418 is not documented for this operation (19 byte body kept)"
    );
    match err {
        sdrs::ShowJobStatusError::Undocumented { status, body } => {
            assert_eq!(status, 418);
            assert_eq!(body.as_bytes(), b"<html>teapot</html>");
        }
        other => panic!("{other:?}"),
    }
    // A 2xx the page does not list is undocumented too: nothing is promised about its body.
    let err = sdrs::parse_response(204, b"").unwrap_err();
    assert!(matches!(
        err,
        sdrs::ShowJobStatusError::Undocumented { status: 204, .. }
    ));
}

#[test]
fn documented_status_without_schema_keeps_raw_body() {
    let err = drs_vip::parse_response(400, b"not json").unwrap_err();
    assert_eq!(err.status(), 400);
    match err {
        drs_vip::ShowSwitchVipStatusError::BadRequest(raw) => {
            assert_eq!(raw.as_bytes(), b"not json")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_body_that_does_not_fit_names_the_json_path() {
    let body = br#"{"results": [{"id": "a", "status": "CREATING"}, {"id": 5}], "count": 2}"#;
    let err = drs_batch::parse_response(200, body).unwrap_err();
    match &err {
        drs_batch::BatchListJobStatusError::Decode {
            status,
            error,
            body: kept,
        } => {
            assert_eq!(*status, 200);
            assert_eq!(error.path(), "results[1].id");
            assert_eq!(kept.as_bytes(), body);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.status(), 200);
    assert!(err.to_string().contains("results[1].id"), "{err}");
    let source = std::error::Error::source(&err).expect("the decode error is the source");
    assert!(source.to_string().contains("results[1].id"), "{source}");

    // A documented error status whose body does not fit is a decode error too.
    let err = sdrs::parse_response(500, br#"{"error": {"code": 7}}"#).unwrap_err();
    assert!(
        matches!(&err, sdrs::ShowJobStatusError::Decode { status: 500, error, .. } if error.path() == "error.code"),
        "{err:?}"
    );

    let err = cloudjobs::decode(
        rds::OPERATION_ID,
        cloudjobs::Payload::Response(200),
        br#"{"job": {"instance": []}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("job.instance"), "{err}");
}

#[test]
fn unknown_enum_values_are_kept_and_round_trip() {
    let body = br#"{"results": [{"id": "a", "status": "ARCHIVED", "shard": 3}], "count": 1, "next": null}"#;
    let ok = drs_batch::parse_response(200, body).unwrap();
    let result = &ok.results.as_ref().unwrap()[0];
    let status = result.status.as_ref().unwrap();
    assert!(matches!(status, drs_batch::JobStatus::Unknown(v) if v.as_str() == "ARCHIVED"));
    assert_eq!(status.as_str(), "ARCHIVED");
    assert_eq!(status.phase(), Phase::Unknown);
    assert!(!status.is_terminal());
    assert_eq!(result.extra["shard"], json!(3));
    let again = serde_json::to_value(&ok).unwrap();
    assert_eq!(
        again,
        json!({"results": [{"id": "a", "status": "ARCHIVED", "shard": 3}], "count": 1, "next": null})
    );
}

#[test]
fn known_wire_values_always_parse_to_their_named_variant() {
    for value in drs_batch::JobStatus::VALUES {
        let parsed: drs_batch::JobStatus = value.parse().unwrap();
        assert!(
            !matches!(parsed, drs_batch::JobStatus::Unknown(_)),
            "{value} parsed as Unknown"
        );
        assert_eq!(parsed.as_str(), *value);
        assert_eq!(parsed.to_string(), *value);
        let decoded: drs_batch::JobStatus = serde_json::from_value(json!(value)).unwrap();
        assert_eq!(decoded, parsed);
    }
    // Case matters on the wire: a differently cased value is not the documented one.
    let odd: sdrs::JobStatus = "success".parse().unwrap();
    assert!(matches!(odd, sdrs::JobStatus::Unknown(_)));
    assert_ne!(odd, sdrs::JobStatus::Success);
}

#[test]
fn status_phases() {
    use bpstudio::FoTaskStatus as Fo;
    assert_eq!(Fo::Creating.phase(), Phase::Running);
    assert_eq!(Fo::DeployedSuccess.phase(), Phase::Succeeded);
    assert_eq!(Fo::DeployedFailure.phase(), Phase::Failed);
    assert_eq!(
        Fo::PartiallyDeployedSuccess.phase(),
        Phase::PartiallySucceeded
    );
    assert!(Fo::PartiallyDestroyedSuccess.is_terminal());
    assert!(!Fo::Deploying.is_terminal());
    // The end of a verification or valuation step is not the end of a deployment.
    for step in [
        Fo::VerifiedSuccess,
        Fo::ValuatingSuccess,
        Fo::VerifiedSuccessInRevision,
        Fo::ValuatingSuccessInRevision,
        Fo::Modified,
        Fo::Revised,
    ] {
        assert!(!step.is_terminal(), "{step}");
    }
    // The page's own example value is undocumented: unknown, not terminal.
    let running: Fo = "Running".parse().unwrap();
    assert_eq!(running.phase(), Phase::Unknown);

    use drs_batch::JobStatus as Drs;
    assert_eq!(Drs::Creating.phase(), Phase::Running);
    assert_eq!(Drs::CreateFailed.phase(), Phase::Failed);
    assert_eq!(Drs::IncreTransferStarted.phase(), Phase::Running);
    // Stopped on request: the end of the task, but not a success of the migration.
    assert_eq!(Drs::ReleaseResourceComplete.phase(), Phase::Cancelled);
    assert!(Drs::IncreTransferFailed.is_terminal());
    assert!(!Drs::WaitingForStart.is_terminal());
    // Waiting on the user (configuring, paused) is never terminal.
    assert!(!Drs::Configuration.is_terminal());
    assert!(!Drs::Pauseing.is_terminal());
    // Values known only from the vendor SDK have phases too.
    assert_eq!(Drs::RebuildNodeStarted.phase(), Phase::Running);
    assert_eq!(Drs::NodeUpgradeFailed.phase(), Phase::Failed);
    assert!(!Drs::NodeUpgradeComplete.is_terminal());

    use drs_vip::SwitchVipStatus as Vip;
    assert_eq!(Vip::SwitchVipComplete.phase(), Phase::Succeeded);
    assert_eq!(Vip::SwitchVipFailed.phase(), Phase::Failed);
    assert_eq!(Vip::SwitchVipStart.phase(), Phase::Running);
    assert!(!Vip::SwitchVipStart.is_terminal());

    use rds::JobStatus as Rds;
    assert_eq!(Rds::Running.phase(), Phase::Running);
    assert_eq!(Rds::Completed.phase(), Phase::Succeeded);
    assert_eq!(Rds::Failed.phase(), Phase::Failed);
    assert!(
        Rds::Completed.is_terminal() && Rds::Failed.is_terminal() && !Rds::Running.is_terminal()
    );

    use sdrs::JobStatus as Sdrs;
    assert_eq!(Sdrs::Success.phase(), Phase::Succeeded);
    assert_eq!(Sdrs::Fail.phase(), Phase::Failed);
    assert_eq!(Sdrs::Running.phase(), Phase::Running);
    // 正在初始化, "being initialized", is an activity in progress.
    assert_eq!(Sdrs::Init.phase(), Phase::Running);
    assert!(!Sdrs::Init.is_terminal());
}

#[test]
fn every_status_enum_value_has_a_phase_that_matches_its_spec() {
    // What a poller reads (the registry's status fields, the same tables `phase()` is
    // generated from) agrees with the spec for every value of every status enum. Derived from
    // the specs and the registry, so a new spec is checked without editing this test.
    use cloudjobs_codegen::spec::TypeDef;
    let (mut checked, mut expected) = (0, 0);
    for file in specs() {
        let op = cloudjobs::operation(&file.operation_id()).expect("every spec is an operation");
        let tables: Vec<Vec<(&str, Phase)>> = op
            .status_fields()
            .iter()
            .map(|f| f.values.iter().collect())
            .collect();
        for def in file.spec.types.values() {
            let TypeDef::Enum { values, .. } = def else {
                continue;
            };
            let phased: Vec<_> = values.iter().filter(|v| v.phase.is_some()).collect();
            expected += phased.len();
            // The status enum a poller reads: the table holding this enum's first value.
            let Some(table) = tables.iter().find(|t| {
                phased
                    .first()
                    .is_some_and(|v| t.iter().any(|(w, _)| *w == v.value))
            }) else {
                assert!(
                    phased.is_empty(),
                    "{}: a status enum no poller reads",
                    file.operation_id()
                );
                continue;
            };
            for v in phased {
                let spec_phase = serde_json::to_value(v.phase.unwrap()).unwrap();
                let (_, crate_phase) = table.iter().find(|(w, _)| *w == v.value).unwrap();
                assert_eq!(
                    spec_phase,
                    json!(crate_phase.as_str()),
                    "{} {}",
                    file.operation_id(),
                    v.value
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, expected);
    assert!(checked > 0);
}

#[test]
fn the_sdk_spelling_pausing_decodes_as_the_documented_variant() {
    // The page spells it PAUSEING; the appendix, the SDK (and so the server) PAUSING.
    let body = br#"{"results": [{"id": "a", "status": "PAUSING"}, {"id": "b", "status": "PAUSEING"}], "count": 2}"#;
    let ok = drs_batch::parse_response(200, body).unwrap();
    let results = ok.results.unwrap();
    assert_eq!(results[0].status, Some(drs_batch::JobStatus::Pauseing));
    assert_eq!(results[1].status, Some(drs_batch::JobStatus::Pauseing));
    let parsed: drs_batch::JobStatus = "PAUSING".parse().unwrap();
    assert_eq!(parsed, drs_batch::JobStatus::Pauseing);
    assert!(!parsed.is_terminal());
    // Encoding writes the page's spelling; the alias is not a value of its own.
    assert_eq!(parsed.as_str(), "PAUSEING");
    assert!(!drs_batch::JobStatus::VALUES.contains(&"PAUSING"));
    // A spelling that is neither stays unknown.
    let other: drs_batch::JobStatus = "PAUSED".parse().unwrap();
    assert!(matches!(other, drs_batch::JobStatus::Unknown(_)));
}

#[test]
fn timestamps_keep_their_text_and_parse() {
    let body = br#"{"job": {"id": "x", "created": "2018-08-06T10:41:14+0000", "ended": "2018-08-06T16:41:14+0000"}}"#;
    let ok = rds::parse_response(200, body).unwrap();
    let job = ok.job.unwrap();
    let created = job.created.unwrap();
    assert_eq!(created.as_str(), "2018-08-06T10:41:14+0000");
    assert_eq!(created.parse().unwrap().unix_timestamp(), 1_533_552_074);

    let sdrs_time = cloudjobs::Timestamp::new("2018-04-19T01:55:30.443Z");
    assert_eq!(sdrs_time.parse().unwrap().millisecond(), 443);
    assert!(cloudjobs::Timestamp::new("yesterday").parse().is_err());
}

#[test]
fn the_rds_example_with_a_stray_space_keeps_the_key() {
    // The page's fifth example has `" status"`; it is kept as an undocumented field.
    let body = br#"{"job": {"id": "31 b8ae23", " status": "Running", "process": "60% "}}"#;
    let ok = rds::parse_response(200, body).unwrap();
    let job = ok.job.unwrap();
    assert_eq!(job.status, None);
    assert_eq!(job.extra[" status"], json!("Running"));
    assert_eq!(job.process.as_deref(), Some("60% "));
}

#[test]
fn endpoints_are_checked() {
    assert!(Endpoint::new("ftp://x").is_err());
    assert!(Endpoint::new("https://x.example.com/?a=b").is_err());
    assert!(Endpoint::for_region(sdrs::ENDPOINT_TEMPLATE, "eu/../west").is_err());
    assert_eq!(
        Endpoint::for_region(sdrs::ENDPOINT_TEMPLATE, "eu-west-101")
            .unwrap()
            .as_str(),
        "https://sdrs.eu-west-101.myhuaweicloud.com"
    );
}

#[test]
fn decode_refuses_unknown_operations_and_bodiless_requests() {
    assert!(matches!(
        cloudjobs::decode("nope.nope.nope", cloudjobs::Payload::Request, b"{}"),
        Err(cloudjobs::RegistryError::UnknownOperation(_))
    ));
    assert!(matches!(
        cloudjobs::decode(sdrs::OPERATION_ID, cloudjobs::Payload::Request, b"{}"),
        Err(cloudjobs::RegistryError::NoRequestBody(_))
    ));
}

/// The registry builds requests from wire-named text (what the CLI passes) through the
/// typed builder, so the same checks run.
#[test]
fn operations_build_requests_from_wire_named_text() {
    let op = cloudjobs::operation(rds::OPERATION_ID).unwrap();
    let endpoint = cloudjobs::Endpoint::new("http://127.0.0.1:9").unwrap();
    let http = op
        .to_http(
            &endpoint,
            &[("project_id", "p1"), ("id", "j 1"), ("X-Language", "zh-cn")],
            None,
        )
        .unwrap();
    assert_eq!(
        http.uri().to_string(),
        "http://127.0.0.1:9/v3/p1/jobs?id=j%201"
    );
    assert_eq!(http.headers()["x-language"], "zh-cn");

    let unknown = op.to_http(&endpoint, &[("project_id", "p1"), ("nope", "1")], None);
    assert!(matches!(
        unknown,
        Err(cloudjobs::RegistryError::UnknownParameter { ref name, .. }) if name == "nope"
    ));
    let missing = op.to_http(&endpoint, &[("id", "j")], None).unwrap_err();
    assert!(missing.to_string().contains("project_id"), "{missing}");
    let body = op.to_http(&endpoint, &[("project_id", "p"), ("id", "j")], Some(b"{}"));
    assert!(matches!(
        body,
        Err(cloudjobs::RegistryError::NoRequestBody(_))
    ));

    let bp = cloudjobs::operation(bpstudio::OPERATION_ID).unwrap();
    assert_eq!(bp.rpc().map(|rpc| rpc.action), Some("GetFoTaskStatus"));
    let bad = bp
        .to_http(&endpoint, &[("TaskId", "twelve")], None)
        .unwrap_err();
    assert!(bad.to_string().contains("TaskId"), "{bad}");
    let http = bp.to_http(&endpoint, &[("TaskId", "12")], None).unwrap();
    assert_eq!(http.uri().to_string(), "http://127.0.0.1:9/?TaskId=12");

    let drs = cloudjobs::operation(drs_batch::OPERATION_ID).unwrap();
    let body = br#"{"jobs": ["a"], "page_req": {"per_page": 1000}}"#;
    let refused = drs
        .to_http(&endpoint, &[("project_id", "p")], Some(body))
        .unwrap_err();
    assert!(refused.to_string().contains("per_page"), "{refused}");
}

/// `jobs()` finds the job's own status (or each job's of a batch) with its phase, and not
/// the sub-jobs' statuses below it.
#[test]
fn operations_report_the_job_statuses_of_a_body() {
    let drs = cloudjobs::operation(drs_batch::OPERATION_ID).unwrap();
    let body = serde_json::json!({"results": [
        {"id": "a", "status": "INCRE_TRANSFER_FAILED"},
        {"id": "b", "status": "NOT_A_STATUS"}
    ]});
    let jobs = drs.jobs(&body);
    let seen: Vec<(&str, &str, cloudjobs::Phase)> = jobs
        .iter()
        .map(|j| (j.path.as_str(), j.value.as_str(), j.phase))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "results[0].status",
                "INCRE_TRANSFER_FAILED",
                cloudjobs::Phase::Failed
            ),
            (
                "results[1].status",
                "NOT_A_STATUS",
                cloudjobs::Phase::Unknown
            ),
        ]
    );

    let sdrs_op = cloudjobs::operation(sdrs::OPERATION_ID).unwrap();
    let body =
        serde_json::json!({"status": "RUNNING", "entities": {"sub_jobs": [{"status": "FAIL"}]}});
    let jobs = sdrs_op.jobs(&body);
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert_eq!(
        (jobs[0].path.as_str(), jobs[0].phase),
        ("status", cloudjobs::Phase::Running)
    );

    for op in cloudjobs::operations() {
        assert!(
            !op.jobs(&serde_json::json!({}))
                .iter()
                .any(|j| j.phase.is_terminal())
        );
    }
}
