//! The bad-spec corpus (`tests/bad-specs/`): each case and the diagnostics it must produce,
//! kept as reviewed snapshots.

#[test]
fn corpus_is_pending() {}
