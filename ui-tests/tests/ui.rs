//! Every compile error objfp reports, with the exact message, one case per file in `ui/`.
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite cargo test -p objfp-ui-tests`
//! and read every diff before committing.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
