//! The reviewed snapshot of the seed specs' warnings (`tests/snapshots/`). The generated code
//! itself needs no snapshot: `generated/` is checked in and the staleness test compares it.

use cloudjobs_codegen::validate;
use cloudjobs_tests::specs;

/// The page mistakes the specs keep verbatim are reported as warnings, with positions.
#[test]
fn seed_warnings() {
    let diagnostics = validate::validate(&specs());
    let rendered: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
    insta::assert_snapshot!(rendered);
}
