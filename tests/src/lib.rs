//! Helpers shared by the golden tests.
