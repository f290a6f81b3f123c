//! Generating from `specs/` in memory gives exactly the checked-in `generated/` and
//! `specs/schema.json`, so `cargo test` alone catches a stale or hand-edited tree.

use cloudjobs_codegen::{OutputFile, write};
use cloudjobs_tests::{render, root};

#[test]
fn generated_code_is_up_to_date() {
    let generated = cloudjobs_codegen::generate(&root().join("specs"))
        .unwrap_or_else(|d| panic!("{}", render(&d)));
    let changes = write::diff(&root().join("generated"), Some("src"), &generated.files).unwrap();
    assert!(
        changes.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        write::summary(&changes, 80)
    );
}

#[test]
fn spec_schema_is_up_to_date() {
    let schema = [OutputFile {
        path: "schema.json".to_owned(),
        contents: cloudjobs_codegen::spec_json_schema(),
    }];
    let changes = write::diff(&root().join("specs"), None, &schema).unwrap();
    assert!(
        changes.is_empty(),
        "specs/schema.json is stale; run `cargo xtask codegen`:\n{}",
        write::summary(&changes, 80)
    );
}

/// Two runs over the same specs give byte-identical output.
#[test]
fn generation_is_deterministic() {
    let a = cloudjobs_codegen::generate(&root().join("specs")).unwrap();
    let b = cloudjobs_codegen::generate(&root().join("specs")).unwrap();
    assert_eq!(a.files, b.files);
}
