//! Property test: random specs — odd names, nested arrays and maps, enums, recursion —
//! never make the generator panic, and every spec it accepts gives Rust that parses, laid out
//! exactly as prettyplease prints it.
//! A bounded number of cases runs in `cargo test`; `cargo xtask fuzz` goes further.

use cloudjobs_codegen::ir::Ident;
use cloudjobs_codegen::lower::{named_field, variant_ident};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Names that stress identifier conversion, plus ordinary ones.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-zA-Z0-9_]{0,10}",
        1 => "[A-Za-z0-9 ._-]{1,8}",
        1 => prop::sample::select(vec![
            "type", "self", "Self", "crate", "async", "match", "3d", "a b", "x-y", "名前", "größe", "extra", "Unknown",
            "*/", "r#x", "_", "None",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A schema; `objects` and `enums` are how many named types of each kind exist.
fn schema(objects: usize, enums: usize) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!({"type": "string"})),
        (
            prop::sample::select(vec!["int32", "int64", "uint32", "uint64"]),
            -5i64..5
        )
            .prop_map(|(format, min)| json!({"type": "integer", "format": format, "minimum": min})),
        Just(json!({"type": "number"})),
        Just(json!({"type": "boolean"})),
        Just(json!({"type": "timestamp", "format": "RFC 3339"})),
        Just(json!({"type": "json"})),
        (0..objects.max(1)).prop_map(move |i| if objects > 0 {
            json!({"type": "ref", "name": format!("Object{i}")})
        } else {
            json!({"type": "string"})
        }),
        (0..enums.max(1)).prop_map(move |i| if enums > 0 {
            json!({"type": "ref", "name": format!("Enum{i}")})
        } else {
            json!({"type": "boolean"})
        }),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            inner.prop_map(|values| json!({"type": "map", "values": values})),
        ]
    })
}

/// Keeps the first of any names that would become the same Rust identifier.
fn distinct(names: Vec<String>, rust: impl Fn(&str) -> Ident) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    names.into_iter().filter(|n| seen.insert(rust(n))).collect()
}

/// A spec of operation `prop.<service>.<operation>`: `rest` (title, docs, transport, request,
/// responses, types) with the parts no test here varies.
fn spec_of(service: &str, operation: &str, rest: Value) -> Value {
    let mut spec = json!({
        "provider": "prop", "service": service, "operation": operation, "api_version": "v1",
        "source": {"url": "https://example.com", "version": "1"},
        "base_url": "https://x.{region}.example.com",
        "auth": {"scheme": "x_auth_token", "docs": "Token."},
    });
    if let (Some(spec), Value::Object(rest)) = (spec.as_object_mut(), rest) {
        spec.extend(rest);
    }
    spec
}

fn spec() -> impl Strategy<Value = Value> {
    (1usize..4, 0usize..3).prop_flat_map(|(objects, enums)| {
        let fields = prop::collection::vec((name(), schema(objects, enums), any::<bool>()), 1..6);
        let object_fields = prop::collection::vec(fields, objects);
        let enum_values = prop::collection::vec(prop::collection::vec(name(), 1..6), enums);
        let status = any::<bool>();
        (object_fields, enum_values, status).prop_map(move |(object_fields, enum_values, status)| {
            let mut types = serde_json::Map::new();
            for (i, fields) in object_fields.into_iter().enumerate() {
                let names = distinct(fields.iter().map(|f| f.0.clone()).collect(), |n| named_field(n, None));
                let fields: Vec<Value> = fields
                    .into_iter()
                    .filter(|f| names.contains(&f.0))
                    .scan(std::collections::BTreeSet::new(), |seen, f| Some(seen.insert(f.0.clone()).then_some(f)))
                    .flatten()
                    .map(|(name, schema, required)| json!({"name": name, "docs": "A field.", "required": required, "schema": schema}))
                    .collect();
                types.insert(format!("Object{i}"), json!({"type": "object", "docs": "An object.", "fields": fields}));
            }
            for (i, values) in enum_values.into_iter().enumerate() {
                let values = distinct(values, |v| variant_ident(v, 0));
                let values: Vec<Value> = values
                    .into_iter()
                    .enumerate()
                    .map(|(j, v)| {
                        let mut value = json!({"value": v, "docs": "A value."});
                        if status {
                            value["phase"] = json!(["pending", "running", "succeeded", "failed"][j % 4]);
                        }
                        value
                    })
                    .collect();
                types.insert(format!("Enum{i}"), json!({"type": "enum", "docs": "An enum.", "values": values}));
            }
            spec_of("random", "random_op", json!({
                "title": "Random", "docs": "A random spec.",
                "transport": {"style": "rest", "method": "POST", "path": "/v1/{id}"},
                "request": {
                    "path": [{"name": "id", "docs": "An id.", "required": true, "schema": {"type": "string"}}],
                    "body": {"docs": "A body.", "schema": {"type": "ref", "name": "Object0"}}
                },
                "responses": {"200": {"docs": "OK", "body": {"type": "ref", "name": format!("Object{}", objects - 1)}}, "500": {"docs": "Error"}},
                "types": types,
            }))
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn accepted_specs_emit_code_that_parses_in_prettypleases_layout(spec in spec()) {
        let text = serde_json::to_vec_pretty(&spec).unwrap();
        let file = cloudjobs_codegen::load::load_bytes("random.json", "prop/random/random_op.json", &text)
            .map_err(|d| TestCaseError::fail(format!("a generated spec does not load: {d}")))?;
        match cloudjobs_codegen::generate_from(&[file], "prop") {
            Ok(generated) => {
                for f in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                    if let Some(difference) = cloudjobs_tests::layout_difference(&f.contents) {
                        return Err(TestCaseError::fail(format!("{}: {difference}\n{}", f.path, f.contents)));
                    }
                }
            }
            // Names are made distinct above, so the only refusals left are real collisions
            // the strategy cannot see (such as two enum values in different enums): the
            // generator must say so with an error, never silently.
            Err(diagnostics) => prop_assert!(diagnostics.iter().any(|d| d.is_error())),
        }
    }
}

/// The strategy is not vacuous: most random specs are accepted and generated.
#[test]
fn most_random_specs_are_accepted() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut accepted = 0;
    for _ in 0..50 {
        let spec = spec().new_tree(&mut runner).unwrap().current();
        let text = serde_json::to_vec(&spec).unwrap();
        let file =
            cloudjobs_codegen::load::load_bytes("random.json", "prop/random/random_op.json", &text)
                .unwrap();
        if cloudjobs_codegen::generate_from(&[file], "prop").is_ok() {
            accepted += 1;
        }
    }
    assert!(
        accepted >= 35,
        "only {accepted} of 50 random specs were accepted"
    );
}

/// What the generator accepts compiles, without a warning: a sample of accepted random
/// specs, generated into one scratch crate and checked with one `cargo clippy -D warnings`
/// (see `cloudjobs_codegen::sample`).
#[test]
fn a_batch_of_accepted_specs_builds_without_warnings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut files = Vec::new();
    for _ in 0..24 {
        let spec = spec().new_tree(&mut runner).unwrap().current();
        let text = serde_json::to_vec(&spec).unwrap();
        let file =
            cloudjobs_codegen::load::load_bytes("random.json", "prop/random/random_op.json", &text)
                .unwrap();
        if cloudjobs_codegen::generate_from(std::slice::from_ref(&file), "prop").is_ok() {
            files.push(file);
        }
    }
    let root = cloudjobs_tests::root();
    let scratch = cloudjobs_codegen::sample::target_dir(&root).join("codegen-sample/properties");
    std::fs::create_dir_all(&scratch).unwrap();
    let report = cloudjobs_codegen::sample::check_batch(&root, &scratch, files)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.operations >= 15, "{report:?}");
}

/// Names of every length from 1 to 72 characters put each kind of line emit writes as text
/// (a field, a match arm, a write call, an array and its elements, an enum arm) on both
/// sides of prettyplease's margin, and so do error variants holding a type of that name: the
/// output is still exactly prettyplease's layout.
#[test]
fn names_of_every_length_are_laid_out_as_prettyplease_prints_them() {
    for len in 1..=72 {
        let field = format!("f{}", "x".repeat(len - 1));
        let value = format!("V{}", "X".repeat(len - 1));
        let type_name = format!("T{}", "x".repeat(len - 1));
        let values: Vec<Value> = [value.clone(), format!("{value}2"), "A".to_owned()]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let phase = ["running", "succeeded", "failed"][i];
                json!({"value": v, "docs": "A value.", "phase": phase})
            })
            .collect();
        // The operation's name makes the request's, the builder's and the error's names; the
        // parameters' names make getters, setters, builder arms and `OPERATION`'s entries.
        let operation = format!("o{}", "x".repeat(len - 1));
        let query = format!("q{}", "x".repeat(len - 1));
        let header = format!("H-{}", "X".repeat(len - 1));
        let spec = spec_of(
            "lengths",
            &operation,
            json!({
                "title": "Lengths", "docs": "Names of one length.",
                "transport": {"style": "rest", "method": "POST", "path": format!("/v1/jobs/{{{field}}}")},
                "request": {
                    "path": [{"name": field, "docs": "A path parameter.", "required": true, "schema": {"type": "string", "max_length": 64}}],
                    "query": [{"name": query, "docs": "A query parameter.", "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100}}],
                    "headers": [{"name": header, "docs": "A header.", "schema": {"type": "ref", "name": "State"}}],
                    "body": {"docs": "The body.", "schema": {"type": "ref", "name": "Body"}},
                },
                "responses": {
                    "200": {"docs": "OK", "body": {"type": "ref", "name": "Body"}},
                    "407": {"docs": "Proxy authentication required", "body": {"type": "ref", "name": type_name}},
                    "500": {"docs": "Error"},
                },
                "types": {
                    "Body": {"type": "object", "docs": "The body.", "fields": [
                        {"name": field, "docs": "A field.", "required": false, "schema": {"type": "ref", "name": type_name}},
                        {"name": format!("{field}_2"), "docs": "A field.", "required": true, "schema": {"type": "string", "min_length": 1}},
                        {"name": "state", "docs": "A state.", "required": false, "schema": {"type": "ref", "name": "State"}},
                    ]},
                    (type_name.clone()): {"type": "object", "docs": "An object.", "fields": [
                        {"name": "a", "docs": "A field.", "required": false, "schema": {"type": "array", "items": {"type": "map", "values": {"type": "ref", "name": type_name}}}},
                    ]},
                    "State": {"type": "enum", "docs": "A state.", "values": values},
                },
                "waiters": {
                    (format!("w{}", "x".repeat(len - 1))): {"docs": format!("A waiter whose docs are {len} words long:{}", " word".repeat(len)), "done": [value], "failed": [format!("{value}2"), "A"]},
                },
            }),
        );
        // One short parameter: the builder's struct literal crosses prettyplease's width for
        // struct literals one character at a time. A short-named operation's waiter has its
        // last line cross the margin with nothing else in `OPERATION` past it.
        let narrow = format!("n{}", "x".repeat(len - 1));
        let narrow_spec = spec_of(
            "lengths",
            &narrow,
            json!({
                "title": "Narrow", "docs": "One short parameter.",
                "transport": {"style": "rest", "method": "GET", "path": "/v1/jobs/{p}"},
                "request": {"path": [{"name": "p", "docs": "A path parameter.", "required": true, "schema": {"type": "string"}}]},
                "responses": {"200": {"docs": "OK"}},
            }),
        );
        let waits_spec = spec_of(
            "lengths",
            "waits",
            json!({
                "title": "Waits", "docs": "A waiter.",
                "transport": {"style": "rest", "method": "GET", "path": "/v1/jobs"},
                "request": {},
                "responses": {"200": {"docs": "OK", "body": {"type": "ref", "name": "Job"}}},
                "types": {
                    "Job": {"type": "object", "docs": "A job.", "fields": [
                        {"name": "s", "docs": "A state.", "required": false, "schema": {"type": "ref", "name": "State"}},
                    ]},
                    "State": {"type": "enum", "docs": "A state.", "values": values},
                },
                "waiters": {"w": {"docs": "A waiter.", "done": [value], "failed": [format!("{value}2"), "A"]}},
            }),
        );
        let files: Vec<_> = [
            (operation, spec),
            (narrow, narrow_spec),
            ("waits".to_owned(), waits_spec),
        ]
        .iter()
        .map(|(name, spec)| {
            let text = serde_json::to_vec_pretty(spec).unwrap();
            cloudjobs_codegen::load::load_bytes(
                &format!("{name}.json"),
                &format!("prop/lengths/{name}.json"),
                &text,
            )
            .unwrap_or_else(|d| panic!("{d}"))
        })
        .collect();
        let generated = cloudjobs_codegen::generate_from(&files, "prop")
            .unwrap_or_else(|d| panic!("length {len}: {}", cloudjobs_tests::render(&d)));
        for f in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Some(difference) = cloudjobs_tests::layout_difference(&f.contents) {
                panic!("names of {len} characters, {}: {difference}", f.path);
            }
        }
    }
}
