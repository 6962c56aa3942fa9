//! Compile-fail tests live in `ui/`, driven by `tests/ui.rs`.
