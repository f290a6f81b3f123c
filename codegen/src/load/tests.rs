//! The loader's diagnostics, end to end: bytes in, one located diagnostic out.

use std::collections::BTreeSet;

use super::*;

const MINIMAL: &str = r#"{
  "provider": "p",
  "service": "s",
  "operation": "o",
  "api_version": "v1",
  "title": "T",
  "docs": "D",
  "source": { "url": "https://example.com", "version": "1" },
  "transport": { "style": "rest", "method": "GET", "path": "/x" },
  "base_url": "https://x.{region}.example.com",
  "auth": { "scheme": "x_auth_token", "docs": "token" },
  "responses": { "200": { "docs": "OK" } }
}"#;

fn load_err(text: &str) -> Diagnostic {
    load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap_err()
}

/// Line and column (1-based, column in characters) of the `nth` (0-based) `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(nth).unwrap().0;
    line_column(text, offset)
}

#[test]
fn loads_a_minimal_spec() {
    let spec = load_bytes("m.json", "p/s/o.json", MINIMAL.as_bytes()).unwrap();
    assert_eq!(spec.operation_id(), "p.s.o");
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let d = load_err(&MINIMAL.replace("\"api_version\"", "\"api_versoin\""));
    assert_eq!((d.line, d.column), (5, 3), "{d}");
    assert!(d.message.contains("unknown field `api_versoin`"), "{d}");
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `api_version`?"));
}

#[test]
fn nested_type_error_names_the_path() {
    let d = load_err(&MINIMAL.replace(r#""method": "GET""#, r#""method": 7"#));
    // `transport` is buffered by serde (internally tagged); the key is found anyway.
    assert_eq!((d.line, d.column), (9, 35), "{d}");
    assert!(d.message.starts_with("at `transport.method`"), "{d}");
    assert!(d.message.ends_with("expected a string"), "{d}");
}

#[test]
fn syntax_errors_keep_serde_json_positions() {
    let d = load_err(&MINIMAL.replace(r#""docs": "D","#, r#""docs": "D",,"#));
    assert_eq!((d.line, d.column), (7, 15), "{d}");
    let d = load_bytes("m.json", "p/s/o.json", &MINIMAL.as_bytes()[..40]).unwrap_err();
    assert!(d.message.contains("ends too early"), "{d}");
}

/// `LISTS` and the free-JSON keys the structural pass does not look into for arrays must
/// follow the format.
#[test]
fn lists_match_the_schema() {
    use serde_json::Value as Json;
    fn walk(value: &Json, lists: &mut BTreeSet<String>, free: &mut BTreeSet<String>) {
        match value {
            Json::Object(object) => {
                if let Some(Json::Object(properties)) = object.get("properties") {
                    for (name, property) in properties {
                        let types = property.get("type").map(|t| t.to_string());
                        if types.is_some_and(|t| t.contains("\"array\"")) {
                            lists.insert(name.clone());
                        }
                        let typed = ["type", "$ref", "anyOf", "oneOf", "allOf"]
                            .iter()
                            .any(|k| property.get(k).is_some());
                        if !typed {
                            free.insert(name.clone());
                        }
                    }
                }
                object.values().for_each(|v| walk(v, lists, free));
            }
            Json::Array(array) => array.iter().for_each(|v| walk(v, lists, free)),
            _ => {}
        }
    }
    let schema: Json = serde_json::from_str(&crate::spec_json_schema()).unwrap();
    let (mut lists, mut free) = (BTreeSet::new(), BTreeSet::new());
    walk(&schema, &mut lists, &mut free);
    let expected: BTreeSet<String> = structure::LISTS.iter().map(|s| s.to_string()).collect();
    assert_eq!(lists, expected, "update LISTS in load/structure.rs");
    let expected: BTreeSet<String> = ["body", "example"].map(String::from).into();
    assert_eq!(free, expected, "update `walk` in load/structure.rs");
}

/// A syntax error is reported where it is, even after a key serde would refuse first.
#[test]
fn syntax_errors_come_before_schema_errors() {
    let d = load_bytes("m.json", "p/s/o.json", br#"{"a": 1,,}"#).unwrap_err();
    assert_eq!((d.line, d.column), (1, 9), "{d}");
    assert_eq!(d.message, "two commas in a row", "{d}");
    let text = MINIMAL
        .replace("\"title\"", "\"titel\"")
        .replace(r#""docs": "D","#, r#""docs": "D",,"#);
    let d = load_err(&text);
    assert_eq!((d.line, d.column), (7, 15), "{d}");
}

#[test]
fn a_missing_key_names_the_misspelt_one() {
    let d = load_err(&MINIMAL.replace(r#""style": "rest""#, r#""stlye": "rest""#));
    assert!(d.message.contains("missing field `style`"), "{d}");
    assert_eq!(
        d.suggestion.as_deref(),
        Some("did you mean `style`? rename `stlye` to `style`")
    );
    assert_eq!((d.line, d.column), (9, 18), "{d}");
}

#[test]
fn invalid_utf8_is_located() {
    let mut bytes = b"{\n  \"provider\": \"".to_vec();
    bytes.push(0xff);
    let d = load_bytes("m.json", "p/s/o.json", &bytes).unwrap_err();
    assert_eq!((d.line, d.column), (2, 16), "{d}");
    assert!(d.message.contains("not valid UTF-8"));
}

/// A key given twice in a name-keyed map is refused where the second is, naming the first,
/// even when something later in the file is wrong too (it is read first).
#[test]
fn a_repeated_map_key_is_refused_at_the_second() {
    let types = r#""types": {
    "Job": { "type": "enum", "docs": "J", "values": [{ "value": "A", "docs": "a" }] },
    "Other": { "type": "enum", "docs": "O", "values": [{ "value": "B", "docs": "b" }] },
    "Job": { "type": "enum", "docs": "J", "values": [{ "value": "C", "docs": "c" }] }
  },
  "responses""#;
    let text = MINIMAL
        .replace(r#""responses""#, types)
        .replace(r#"{ "docs": "OK" }"#, r#"{ "docs": 5 }"#);
    let d = load_err(&text);
    assert_eq!((d.line, d.column), position_of(&text, "\"Job\"", 1), "{d}");
    let (first_line, _) = position_of(&text, "\"Job\"", 0);
    assert_eq!(
        d.message,
        format!("type `Job` is defined twice in `types` (first on line {first_line})")
    );

    let text = MINIMAL.replace(
        r#""200": { "docs": "OK" }"#,
        r#""200": { "docs": "OK" }, "404": { "docs": "N" }, "200": { "docs": "Again" }"#,
    );
    let d = load_err(&text);
    assert_eq!((d.line, d.column), position_of(&text, "\"200\"", 1), "{d}");
    assert!(
        d.message
            .starts_with("status `200` is defined twice in `responses`"),
        "{d}"
    );
}

#[test]
fn a_repeated_waiter_is_refused() {
    let waiters = r#""waiters": {
    "start": { "docs": "S", "done": ["A"] },
    "start": { "docs": "T", "done": ["B"] }
  },
  "responses""#;
    let text = MINIMAL.replace(r#""responses""#, waiters);
    let d = load_err(&text);
    assert_eq!(
        (d.line, d.column),
        position_of(&text, "\"start\"", 1),
        "{d}"
    );
    assert!(
        d.message
            .starts_with("waiter `start` is defined twice in `waiters`"),
        "{d}"
    );
}

/// Free JSON (example bodies and values) keeps every key as written, so a repeated one is
/// refused, however deep, at the second occurrence.
#[test]
fn a_repeated_key_in_free_json_is_refused() {
    let examples = r#""examples": [
    { "kind": "response", "title": "ok", "status": 200,
      "body": { "job": { "id": "1", "steps": [{ "n": 1 }, { "n": 2, "n": 3 }] } } }
  ],
  "responses""#;
    let text = MINIMAL.replace(r#""responses""#, examples);
    let d = load_err(&text);
    assert_eq!((d.line, d.column), position_of(&text, "\"n\"", 2), "{d}");
    let (line, _) = position_of(&text, "\"n\"", 1);
    assert_eq!(
        d.message,
        format!(
            "at `examples[0].body.job.steps[1]`: the key `n` is given twice (first on line {line}), and only the last would be kept"
        )
    );
    assert!(d.suggestion.unwrap().contains("page_mistakes"));

    let request = r#""request": { "query": [{ "name": "q", "docs": "Q",
    "schema": { "type": "json" }, "example": { "a": 1, "b": 2, "a": 1 } }] },
  "responses""#;
    let text = MINIMAL.replace(r#""responses""#, request);
    let d = load_err(&text);
    assert_eq!((d.line, d.column), position_of(&text, "\"a\"", 1), "{d}");
    assert!(
        d.message
            .starts_with("at `request.query[0].example`: the key `a`"),
        "{d}"
    );
}

/// Objects with many keys take the hashed path; the first repeat is still the one found.
#[test]
fn a_repeated_key_in_a_large_object_is_found() {
    let mut keys: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
    keys.insert(30, "\"k7\": 0".to_owned());
    keys.push("\"k3\": 0".to_owned());
    let body = format!("{{ {} }}", keys.join(", "));
    let examples = format!(
        r#""examples": [{{ "kind": "request", "title": "r", "body": {body} }}], "responses""#
    );
    let text = MINIMAL.replace(r#""responses""#, &examples);
    let d = load_err(&text);
    assert_eq!((d.line, d.column), position_of(&text, "\"k7\"", 1), "{d}");
    assert!(d.message.contains("the key `k7` is given twice"), "{d}");
}

/// Outside free JSON an array still stands for an object; inside it, arrays are values.
#[test]
fn arrays_are_free_inside_examples_only() {
    let examples = r#""examples": [{ "kind": "request", "title": "r", "body": [[1], [2]] }],
  "responses""#;
    let text = MINIMAL.replace(r#""responses""#, examples);
    load_bytes("m.json", "p/s/o.json", text.as_bytes()).unwrap();
    let text = MINIMAL.replace(
        r#"{ "docs": "OK" }"#,
        r#"{ "docs": "OK", "page_mistakes": [[]] }"#,
    );
    let d = load_err(&text);
    assert_eq!(
        d.message,
        "at `responses.200.page_mistakes[0]`: expected an object, found an array"
    );
}

/// `SpecFile::diagnostic` locates through the file's one span index, however often asked.
#[test]
fn diagnostics_by_path_share_one_index() {
    let file = load_bytes("m.json", "p/s/o.json", MINIMAL.as_bytes()).unwrap();
    let at = |path: &[PathSeg]| {
        let d = file.diagnostic(Severity::Warning, path, "x", None);
        (d.line, d.column)
    };
    assert_eq!(at(&["transport".into(), "path".into()]), (9, 52));
    assert!(file.spans.get().is_some());
    assert_eq!(
        at(&["responses".into(), "200".into(), "docs".into()]),
        (12, 27)
    );
    assert_eq!(at(&["nowhere".into()]), (1, 1));
}
