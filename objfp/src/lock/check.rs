//! Checking a lockfile against the listed types, or rewriting it (`OBJFP_UPDATE=1`).

use std::borrow::ToOwned;
use std::collections::BTreeSet;
use std::format;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::vec::Vec;

use crate::diff::{Change, Engine, Graph, Id};

use super::parse::{Lockfile, Section};
use super::render::{plan, render, type_text};
use super::{ChangedType, Entry, LockError, Mismatch, Mode, validate};

/// Checks the lockfile at `path` against `entries`, or rewrites it when `OBJFP_UPDATE=1`
/// (see [`Mode::from_env`]). Equivalent to `check_with(path, entries, Mode::from_env())`.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32 }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-check-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// let _ = std::fs::remove_file(&path);
///
/// match objfp::lock::check(&path, &objfp::lock_entries![Ping]) {
///     // A normal run: the file does not exist yet.
///     Err(err) => assert!(err.to_string().contains("OBJFP_UPDATE=1")),
///     // Run with OBJFP_UPDATE=1: the file was written.
///     Ok(()) => assert!(path.exists()),
/// }
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check(path: impl AsRef<Path>, entries: &[Entry]) -> Result<(), LockError> {
    check_with(path, entries, Mode::from_env())
}

/// Checks the lockfile at `path` against `entries` ([`Mode::Verify`]: reads only), or
/// writes it from `entries` ([`Mode::Update`]).
///
/// In verify mode the result is an error when the file is missing ([`LockError::Missing`]),
/// unreadable, malformed ([`LockError::Parse`]), or out of date ([`LockError::Mismatch`],
/// listing changed, added and removed types).
///
/// ```
/// use objfp::lock::{check_with, LockError, Mode};
///
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32 }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u64 }
/// }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-check-with-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
///
/// check_with(&path, &[objfp::lock::entry::<v1::Order>("Order")], Mode::Update).unwrap();
/// check_with(&path, &[objfp::lock::entry::<v1::Order>("Order")], Mode::Verify).unwrap();
///
/// let err = check_with(&path, &[objfp::lock::entry::<v2::Order>("Order")], Mode::Verify)
///     .unwrap_err();
/// assert!(matches!(err, LockError::Mismatch(_)));
/// assert!(err.to_string().contains("Order.id: type changed u32 -> u64"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_with(path: impl AsRef<Path>, entries: &[Entry], mode: Mode) -> Result<(), LockError> {
    let path = path.as_ref();
    validate(entries)?;
    match mode {
        Mode::Update => {
            let text = render(entries)?;
            if !holds(path, text.as_bytes()) {
                replace(path, text.as_bytes()).map_err(|source| LockError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                std::eprintln!("objfp: wrote {}", path.display());
            }
            Ok(())
        }
        Mode::Verify => {
            let lockfile = Lockfile::read(path)?;
            verify(path, &lockfile, entries)
        }
    }
}

/// Whether the file at `path` holds exactly `text` (reading no more than that and a byte).
fn holds(path: &Path, text: &[u8]) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut current = Vec::new();
    file.take(text.len() as u64 + 1)
        .read_to_end(&mut current)
        .is_ok_and(|_| current == text)
}

/// Replaces the file at `path` with `text` at once: writes a temporary file in the same
/// directory and renames it over `path`, so that a reader sees the old file or the new
/// one, never a part of either. The temporary file is removed when anything fails.
fn replace(path: &Path, text: &[u8]) -> io::Result<()> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path.file_name().map_or_else(
        || "fingerprints.lock".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temp = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

fn verify(path: &Path, lockfile: &Lockfile, entries: &[Entry]) -> Result<(), LockError> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let mut mismatch = Mismatch {
        path: path.to_owned(),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    for e in sorted {
        match lockfile.section(e.name()) {
            None => mismatch.added.push((e.name().to_owned(), e.fingerprint())),
            Some(s) if s.fingerprint == e.fingerprint() => {}
            Some(s) => mismatch.changed.push(ChangedType {
                name: e.name().to_owned(),
                old: s.fingerprint,
                new: e.fingerprint(),
                changes: compare(s, e),
            }),
        }
    }
    let listed: BTreeSet<&str> = entries.iter().map(Entry::name).collect();
    for s in &lockfile.sections {
        if !listed.contains(s.name.as_str()) {
            mismatch.removed.push((s.name.clone(), s.fingerprint));
        }
    }
    if mismatch.changed.is_empty() && mismatch.added.is_empty() && mismatch.removed.is_empty() {
        Ok(())
    } else {
        Err(LockError::Mismatch(mismatch))
    }
}

/// The structural changes from a stored section to the current description.
fn compare(stored: &Section, entry: &Entry) -> Vec<Change> {
    let (current, root) = Graph::from_description(entry.description);
    let current_labels = plan(&current, root);
    let render_old = |id: Id| type_text(&stored.graph, &stored.labels, id);
    let render_new = |id: Id| type_text(&current, &current_labels, id);
    Engine::new(&stored.graph, &current, &render_old, &render_new).walk(
        entry.name(),
        stored.root,
        root,
    )
}
