//! Reviewed snapshots of the code generated for each spec (`tests/snapshots/`). A change to
//! the generator shows up here as a diff to review with `cargo insta review`. (The specs'
//! warnings and marked page mistakes are generated output, `generated/FINDINGS.md`.)

use cloudjobs_codegen::{emit, lower, validate};
use cloudjobs_tests::specs;

#[test]
fn generated_code_per_spec() {
    let specs = specs();
    assert!(validate::validate(&specs).iter().all(|d| !d.is_error()));
    let krate = lower::lower(&specs, cloudjobs_codegen::CRATE_NAME);
    for provider in &krate.providers {
        for service in &provider.services {
            for op in &service.operations {
                let code = emit::emit_operation(op).unwrap();
                insta::assert_snapshot!(op.id.clone(), code);
            }
        }
    }
}
