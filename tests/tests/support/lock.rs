//! The lockfile round trip, for the types a test file uses: what `render` writes,
//! `Lockfile::parse` reads back as the same text and as descriptions that compare equal,
//! structurally, to the current ones.

use std::sync::atomic::{AtomicUsize, Ordering};

use objfp::lock::{self, Entry, LockError, Lockfile, Mode};

/// Asserts the round trip for `entries`:
///
/// - `render(entries)` parses, and the parsed lockfile displays as the same text
///   (`render(parse(render(x))) == render(x)`);
/// - with every stored fingerprint made stale, the checker walks each stored description
///   against the current one and finds no difference (`parse(render(x))` compares equal
///   to `x`).
pub fn round_trip(entries: &[Entry]) {
    let text = lock::render(entries).unwrap_or_else(|e| panic!("render: {e}"));
    let lockfile = Lockfile::parse(&text).unwrap_or_else(|e| panic!("parse: {e}\n{text}"));
    let again = lockfile.to_string();
    if again != text {
        let line = text
            .lines()
            .zip(again.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "render(parse(render(x))) differs from render(x) at line {}:\n{text}\n---\n{again}",
            line + 1
        );
    }
    assert_no_structural_change(&text, entries);
}

/// Checks `text` with each `fingerprint = ` line flipped, so that every type is compared
/// structurally with its stored description, and asserts that nothing is reported.
pub fn assert_no_structural_change(text: &str, entries: &[Entry]) {
    let stale: String = text
        .lines()
        .map(|line| match line.strip_prefix("fingerprint = ") {
            Some(hex) => {
                let fp: objfp::Fingerprint = hex.parse().unwrap();
                let mut bytes = *fp.as_bytes();
                bytes[0] ^= 0xff;
                format!("fingerprint = {}\n", objfp::Fingerprint::from_bytes(bytes))
            }
            None => format!("{line}\n"),
        })
        .collect();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = super::tempdir::TempDir::new(&format!(
        "round-trip-{}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let path = dir.lockfile();
    std::fs::write(&path, &stale).unwrap();
    let result = lock::check_with(&path, entries, Mode::Verify);
    let mismatch = match result {
        Err(LockError::Mismatch(m)) => m,
        Ok(()) if entries.is_empty() => return,
        other => panic!("expected every type to differ by fingerprint only, got {other:?}"),
    };
    assert!(
        mismatch.added.is_empty() && mismatch.removed.is_empty(),
        "{mismatch}"
    );
    assert_eq!(mismatch.changed.len(), entries.len(), "{mismatch}");
    for changed in &mismatch.changed {
        assert!(
            changed.changes.is_empty(),
            "{}: the stored description differs from the current one:\n{mismatch}\n{text}",
            changed.name
        );
    }
}

/// [`round_trip`] for the listed types, each named as written.
#[macro_export]
macro_rules! lock_round_trip {
    ($($ty:ty),* $(,)?) => {
        $crate::support::lock::round_trip(&objfp::lock_entries![$($ty),*])
    };
}

/// A test, `lockfile_round_trip`, of [`round_trip`] for the listed types: one per test
/// file, listing the types it defines, so that the round trip holds for every type the
/// tests use.
#[macro_export]
macro_rules! lock_round_trip_test {
    ($($ty:ty),* $(,)?) => {
        #[test]
        fn lockfile_round_trip() {
            $crate::lock_round_trip!($($ty),*);
        }
    };
}
