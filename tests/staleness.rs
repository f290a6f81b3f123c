//! Generating from `specs/` in memory gives exactly the checked-in `generated/` and
//! `specs/schema.json`, so `cargo test` alone catches a stale or hand-edited tree.

use cloudjobs_codegen::{OutputFile, write};
use cloudjobs_tests::{render, root};

#[test]
fn generated_code_is_up_to_date() {
    let mut changes = Vec::new();
    for target in cloudjobs_codegen::TARGETS {
        let generated = cloudjobs_codegen::generate(&root().join(target.specs), target.crate_name)
            .unwrap_or_else(|d| panic!("{}", render(&d)));
        changes
            .extend(write::diff(&root().join(target.out), Some("src"), &generated.files).unwrap());
    }
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
    let a =
        cloudjobs_codegen::generate(&root().join("specs"), cloudjobs_codegen::CRATE_NAME).unwrap();
    let b =
        cloudjobs_codegen::generate(&root().join("specs"), cloudjobs_codegen::CRATE_NAME).unwrap();
    assert_eq!(a.files, b.files);
}
