//! The tricky-but-valid specs (`tests/tricky/specs`): keywords, odd and non-ASCII names,
//! recursion, maps, free JSON, a 500-value enum and hostile docs. Their crate
//! (`cloudjobs-tricky`) compiling at all is the first test; these check its behaviour.

use std::path::Path;

use cloudjobs_tests::{check_examples, identifiers, specs_in};
use cloudjobs_tricky::tricky::docs::hostile;
use cloudjobs_tricky::tricky::names::keywords;
use cloudjobs_tricky::tricky::shapes::{long_enum, recursive};
use cloudjobs_tricky::{Endpoint, Payload, Phase};
use serde_json::json;

const TRICKY_SPECS: &str = "tricky/specs";

#[test]
fn every_tricky_example_round_trips() {
    let checked = check_examples(&specs_in(Path::new(TRICKY_SPECS)), |id, status, bytes| {
        let payload = status.map_or(Payload::Request, Payload::Response);
        cloudjobs_tricky::decode(id, payload, bytes).map_err(|e| e.to_string())
    });
    assert!(checked >= 8, "only {checked} examples were checked");
}

#[test]
fn keyword_and_non_ascii_names_work_on_the_wire() {
    let body: keywords::Type =
        serde_json::from_value(json!({"type": "t", "self": "s", "Self": "S", "名前": "n"}))
            .unwrap();
    assert_eq!(body.r#type.as_deref(), Some("t"));
    assert_eq!(body.self_.as_deref(), Some("s"));
    assert_eq!(body.self_upper.as_deref(), Some("S"));
    assert_eq!(body.名前.as_deref(), Some("n"));

    let request = keywords::KeywordsRequest::builder()
        .r#type("a/b")
        .field_3d_id(-7)
        .名前("名前")
        .r#match(keywords::Self_::SelfUpper)
        .limit(5)
        .score(serde_json::Number::from_f64(0.5).unwrap())
        .x_trace("t-1")
        .body(body)
        .build()
        .unwrap();
    let http = request.to_http(&Endpoint::new("https://tricky.example.com").unwrap());
    assert_eq!(http.method(), "PUT");
    assert_eq!(
        http.uri().to_string(),
        "https://tricky.example.com/v1/a%2Fb/items/-7/%E5%90%8D%E5%89%8D?match=Self&limit=5&score=0.5"
    );
    assert_eq!(http.headers()["x-trace"], "t-1");
}

#[test]
fn builder_checks_numbers_and_string_lengths_of_parameters() {
    let base = || {
        keywords::KeywordsRequest::builder()
            .r#type("t")
            .field_3d_id(1)
            .名前("n")
            .body(Default::default())
    };
    assert_eq!(base().limit(6).build().unwrap_err().field(), "limit");
    assert_eq!(base().limit(-6).build().unwrap_err().field(), "limit");
    assert_eq!(
        base()
            .score(serde_json::Number::from_f64(2.6).unwrap())
            .build()
            .unwrap_err()
            .field(),
        "score"
    );
    let err = base().x_trace("123456789").build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "`X-Trace` must have at most 8 characters, got 9"
    );
    assert_eq!(base().x_trace("").build().unwrap_err().field(), "X-Trace");
    assert_eq!(
        base().x_trace("bad\nvalue").build().unwrap_err().problem(),
        "is not a valid HTTP header value"
    );
    assert!(
        base()
            .limit(-5)
            .score(serde_json::Number::from_f64(2.5).unwrap())
            .x_trace("12345678")
            .build()
            .is_ok()
    );
}

#[test]
fn odd_enum_values_have_distinct_variants() {
    use keywords::Self_;
    let cases = [
        ("self", Self_::Self_),
        ("Self", Self_::SelfUpper),
        ("None", Self_::None),
        ("Unknown", Self_::UnknownValue),
        ("1st", Self_::Value1st),
        ("", Self_::Value6),
        ("with space", Self_::WithSpace),
    ];
    for (wire, variant) in cases {
        assert_eq!(wire.parse::<Self_>().unwrap(), variant, "{wire:?}");
        assert_eq!(variant.as_str(), wire);
    }
    // "Unknown" on the wire is the documented value, not the catch-all.
    assert!(!matches!(
        "Unknown".parse::<Self_>().unwrap(),
        Self_::Unknown(_)
    ));
    assert!(matches!(
        "SELF".parse::<Self_>().unwrap(),
        Self_::Unknown(_)
    ));
}

#[test]
fn recursive_types_decode_and_refuse_pathological_depth() {
    let mut tree = json!({"name": "leaf"});
    for i in 0..40 {
        tree = json!({"name": format!("n{i}"), "parent": tree, "children": [{"name": "c"}]});
    }
    let decoded: recursive::Tree = serde_json::from_value(tree.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), tree);
    let parent: &recursive::Tree = decoded.parent.as_deref().unwrap();
    assert_eq!(parent.name, "n38");

    // 5,000 levels: an error naming a path, not a stack overflow.
    let deep = format!(
        "[{}{}]",
        "{\"name\":\"x\",\"parent\":".repeat(5000),
        "null".to_owned() + &"}".repeat(5000)
    );
    let err = cloudjobs_tricky::decode(recursive::OPERATION_ID, Payload::Request, deep.as_bytes())
        .unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn maps_and_free_json_keep_everything() {
    let body = json!({"trees": [{"name": "a", "labels": {"k": "v", "": "empty"}, "payload": [1, {"deep": null}],
        "metrics": {"m": [0.5]}}], "by_name": {}});
    let bytes = serde_json::to_vec(&body).unwrap();
    // Two 2xx statuses are documented: `Ok` holds the success enum, one variant per status.
    let response = recursive::parse_response(200, &bytes).unwrap();
    assert_eq!(response.status(), 200);
    let recursive::RecursiveResponse::Ok(forest) = response else {
        panic!("not 200")
    };
    assert_eq!(forest.trees[0].labels.as_ref().unwrap()[""], "empty");
    assert_eq!(serde_json::to_value(&forest).unwrap(), body);
    // 204 documents no body: any bytes are kept.
    let response = recursive::parse_response(204, b"").unwrap();
    assert_eq!(response.status(), 204);
    assert!(
        matches!(response, recursive::RecursiveResponse::NoContent(raw) if raw.as_bytes().is_empty())
    );
}

#[test]
fn five_hundred_values_all_parse_to_named_variants() {
    assert_eq!(long_enum::LongState::VALUES.len(), 500);
    let phases = [
        Phase::Pending,
        Phase::Running,
        Phase::Succeeded,
        Phase::Failed,
        Phase::PartiallySucceeded,
        Phase::Cancelled,
    ];
    for (i, wire) in long_enum::LongState::VALUES.iter().enumerate() {
        let state: long_enum::LongState = wire.parse().unwrap();
        assert!(!matches!(state, long_enum::LongState::Unknown(_)), "{wire}");
        assert_eq!(state.as_str(), *wire);
        assert_eq!(state.phase(), phases[i % 6], "{wire}");
    }
}

#[test]
fn spec_text_cannot_inject_code() {
    let source = std::fs::read_to_string("tricky/services/tricky-docs/src/hostile.rs").unwrap();
    let idents = identifiers(&source);
    assert!(
        !idents.iter().any(|i| i == "injected"),
        "an `injected` identifier was emitted"
    );
    assert!(!idents.iter().any(|i| i == "alert" || i == "script"));
    // The hostile text is still there, as docs and string literals: nothing was dropped.
    assert!(source.contains("*/ fn injected() {} /*"));
    assert!(source.contains(r#""x; fn injected()""#));
    assert!(source.contains("中文文档"));
    // And it behaves: the hostile wire names round-trip.
    let body = json!({"x; fn injected()": "v", "*/": "*/ fn injected() {}", "}": "{"});
    let value = cloudjobs_tricky::decode(
        hostile::OPERATION_ID,
        Payload::Response(200),
        body.to_string().as_bytes(),
    )
    .unwrap();
    assert_eq!(value, body);
    let parsed: hostile::Hostile = serde_json::from_value(body).unwrap();
    assert_eq!(
        parsed.field.as_ref().unwrap().as_str(),
        "*/ fn injected() {}"
    );
    assert!(matches!(
        parsed.field,
        Some(hostile::HostileEnum::CommentInjection)
    ));
}

#[test]
fn a_missing_required_field_names_the_object_that_lacks_it() {
    let body = br#"{"trees": [{"name": "a"}, {"labels": {"k": "v"}}]}"#;
    let err = cloudjobs_tricky::decode(recursive::OPERATION_ID, Payload::Response(200), body)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("at `trees[1]`: missing field `name`"),
        "{err}"
    );
    let err = cloudjobs_tricky::decode(recursive::OPERATION_ID, Payload::Response(200), b"{}")
        .unwrap_err();
    assert!(
        err.to_string().contains("at `.`: missing field `trees`"),
        "{err}"
    );
}

#[test]
fn an_unknown_enum_value_from_a_response_cannot_break_a_header() {
    // A value the server sent, reused in a request header: checked like free text.
    let body = br#"{"status": "bad\nvalue"}"#;
    let keywords::KeywordsResponse::Ok(ok) = keywords::parse_response(200, body).unwrap() else {
        panic!("not 200")
    };
    let mode = ok.status.unwrap();
    assert!(matches!(mode, keywords::Self_::Unknown(_)));
    let base = || {
        keywords::KeywordsRequest::builder()
            .r#type("t")
            .field_3d_id(1)
            .名前("n")
            .body(Default::default())
    };
    let err = base().x_mode(mode).build().unwrap_err();
    assert_eq!(err.field(), "X-Mode");
    let http = base()
        .x_mode(keywords::Self_::SelfUpper)
        .build()
        .unwrap()
        .to_http(&Endpoint::new("https://t.example").unwrap());
    assert_eq!(http.headers()["x-mode"], "Self");
}
