//! The adversarial-but-valid specs (`tests/hostile/specs`, issue 12). Their crate
//! (`cloudjobs-hostile`) compiling is the first test, and CI builds it with clippy, rustdoc
//! and doctests denying warnings (every code block in its specs is a `compile_error!`); these
//! check what it does and what its source holds.

use std::fs;
use std::path::{Path, PathBuf};

use cloudjobs_hostile::hostile::lints::{methods, shapes};
use cloudjobs_hostile::hostile::names::unicode;
use cloudjobs_hostile::hostile::paths::{literal_text, rpc};
use cloudjobs_hostile::{Endpoint, Payload};
use cloudjobs_tests::{check_examples, identifiers, specs_in};
use serde_json::json;

const HOSTILE_SPECS: &str = "hostile/specs";

fn endpoint() -> Endpoint {
    Endpoint::new("https://h.example").unwrap()
}

/// Every generated `.rs` file of the crate.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new("hostile/src"), &mut out);
    walk(Path::new("hostile/services"), &mut out);
    assert!(out.len() > 10, "only {} files", out.len());
    out
}

#[test]
fn every_hostile_example_round_trips_and_no_spec_warns() {
    let specs = specs_in(Path::new(HOSTILE_SPECS));
    let checked = check_examples(&specs, |id, status, bytes| {
        let payload = status.map_or(Payload::Request, Payload::Response);
        cloudjobs_hostile::decode(id, payload, bytes).map_err(|e| e.to_string())
    });
    assert!(checked >= 7, "only {checked} examples were checked");
    // Valid specs with no page mistakes: nothing to warn about (`null` in free JSON is a
    // value, not a missing one).
    let generated = cloudjobs_codegen::generate_from(&specs, "cloudjobs-hostile").unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(|d| d.to_string()).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}

/// Doc comments that Markdown could read as the start of a code block: a fence, or text
/// indented by four spaces or a tab (after `>` quote markers). rustdoc would make either a
/// doctest.
#[test]
fn no_doc_line_can_open_a_code_block() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let Some(doc) = trimmed
                .strip_prefix("///")
                .or_else(|| trimmed.strip_prefix("//!"))
            else {
                continue;
            };
            let mut rest = doc.strip_prefix(' ').unwrap_or(doc);
            // Generated lists and quotes: look inside them too.
            loop {
                let inner = rest
                    .strip_prefix("> ")
                    .or_else(|| rest.strip_prefix("- "))
                    .or_else(|| rest.strip_prefix("  "));
                match inner {
                    Some(inner) if !inner.starts_with("  ") => rest = inner,
                    _ => break,
                }
            }
            let content = rest.trim_start_matches(' ');
            let indent = rest.len() - content.len();
            // A backtick fence's info string holds no backtick (CommonMark), so inline code
            // at the start of a line is not one.
            let run = content.len() - content.trim_start_matches('`').len();
            let fence = (run >= 3 && !content[run..].contains('`')) || content.starts_with("~~~");
            if fence || indent >= 4 || rest.starts_with('\t') {
                found.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_bidirectional_control_reaches_the_source() {
    let bidi = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    for (path, text) in sources() {
        assert!(!text.contains(bidi), "{}", path.display());
    }
    // Written out instead, and the wire values still hold them.
    let bidi_rs = fs::read_to_string("hostile/services/hostile-docs/src/bidi.rs").unwrap();
    assert!(bidi_rs.contains("\\u{202e}"));
    use cloudjobs_hostile::hostile::docs::bidi::Direction;
    assert_eq!(Direction::Override.as_str(), "\u{202e}abc");
}

#[test]
fn constraints_on_map_values_and_nested_arrays_are_checked_where_they_fail() {
    let base = || shapes::ShapesRequest::builder();
    let body = |value: serde_json::Value| -> shapes::Shapes {
        let mut full = json!({"required_nested": {}, "blob": null});
        full.as_object_mut()
            .unwrap()
            .extend(value.as_object().unwrap().clone());
        serde_json::from_value(full).unwrap()
    };
    let err = base()
        .body(body(json!({"labels": {"ok": "abc", "long": "abcd"}})))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "body.labels[\"long\"]");
    let err = base()
        .body(body(
            json!({"by_name": {"x": {"size": 10}, "y": {"size": 11}}}),
        ))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "body.by_name[\"y\"].size");
    // The inner index is not the outer one: `grid[1][0]`, not `grid[0][0]`.
    let err = base()
        .body(body(json!({"grid": [[1, 2], [10]]})))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "body.grid[1][0]");
    let err = base()
        .body(body(json!({"grid": [[1], [2, 3, 4, 5]]})))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "body.grid[1]");
    assert!(
        base()
            .body(body(
                json!({"labels": {"a": "abc"}, "grid": [[9, 0]], "by_name": {"x": {"size": 10}}})
            ))
            .build()
            .is_ok()
    );
}

#[test]
fn an_object_with_no_fields_keeps_everything() {
    let empty: shapes::Empty = serde_json::from_value(json!({"a": [1], "b": null})).unwrap();
    assert_eq!(empty.extra.len(), 2);
    assert_eq!(
        serde_json::to_value(&empty).unwrap(),
        json!({"a": [1], "b": null})
    );
}

#[test]
fn literal_path_text_is_percent_encoded() {
    let request = literal_text::LiteralTextRequest::builder()
        .id("a b/c")
        .build()
        .unwrap();
    let http = request.to_http(&endpoint());
    assert_eq!(
        http.uri().path(),
        "/v1/with%20space/na%C3%AFve/%22quoted%22/'single'/100%25/a%252Fb/a%20b%2Fc/%E6%97%A5%E6%9C%AC/%3Cx%3E%7C%5E%60%5C%5B%5D"
    );
    let http = rpc::RpcRequest::builder()
        .build()
        .unwrap()
        .to_http(&endpoint());
    // ACS3: Action and Version travel as headers, as written, not in the query.
    assert_eq!(http.uri().query(), None);
    assert_eq!(
        http.headers()["x-acs-action"].as_bytes(),
        "Describe Jobs&x=1 \u{202e}".as_bytes()
    );
    assert_eq!(
        http.headers()["x-acs-version"].as_bytes(),
        "2024-01-01 ü".as_bytes()
    );
}

#[test]
fn parameters_named_like_std_methods_are_ordinary_parameters() {
    let request = methods::MethodsRequest::builder()
        .add("1")
        .clone("2")
        .default("3")
        .new("4")
        .next("5")
        .len(6)
        .build()
        .unwrap();
    assert_eq!(request.clone(), Some("2"));
    assert_eq!(request.new(), Some("4"));
    let http = request.to_http(&endpoint());
    assert_eq!(
        http.uri().query(),
        Some("add=1&clone=2&default=3&next=5&new=4&len=6")
    );
}

#[test]
fn identifiers_are_nfkc_and_wire_names_are_kept() {
    let job: unicode::DŽob = serde_json::from_value(json!({
        "ǅ": "a", "ﬁle_size": 1, "latency_µs": 2, "раss": "p", "stаtus": "Аctive", "𝐛old": "b"
    }))
    .unwrap();
    assert_eq!(job.dž.as_deref(), Some("a"));
    assert_eq!(job.file_size, Some(1));
    assert_eq!(job.latency_μs, Some(2));
    assert_eq!(job.pass.as_deref(), Some("p"));
    assert_eq!(job.status, Some(unicode::State::Active));
    assert_eq!(job.bold.as_deref(), Some("b"));
    assert!(job.extra.is_empty());
    assert_eq!(unicode::State::Xii.as_str(), "Ⅻ");
    assert_eq!(unicode::State::Ffi.as_str(), "ﬃ");
    let http = unicode::UnicodeRequest::builder()
        .latency_μs(3)
        .build()
        .unwrap()
        .to_http(&endpoint());
    assert_eq!(http.uri().query(), Some("latency_%C2%B5s=3"));
}

/// A spec file name is spec-derived text outside any doc or literal: the `// @generated`
/// header writes it out on one line.
#[test]
fn a_spec_file_name_cannot_put_code_on_the_next_line() {
    let bytes = fs::read("hostile/specs/hostile/jobs/jobs.json").unwrap();
    let relative = "hostile/jobs/jobs\nfn injected() {}\n\u{202e}.json";
    let spec = cloudjobs_codegen::load::load_bytes("jobs.json", relative, &bytes).unwrap();
    let generated = cloudjobs_codegen::generate_from(&[spec], "x").unwrap();
    let file = generated
        .files
        .iter()
        .find(|f| f.path == "services/hostile-jobs/src/jobs.rs")
        .unwrap();
    let header = file.contents.lines().next().unwrap();
    assert!(header.starts_with("// @generated"), "{header}");
    assert!(
        header.contains("jobs\\nfn injected() {}\\n\\u{202e}.json"),
        "{header}"
    );
    assert!(!identifiers(&file.contents).iter().any(|i| i == "injected"));
}
