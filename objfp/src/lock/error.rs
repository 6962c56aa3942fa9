//! Why a check failed: [`LockError`], and the report of an out-of-date lockfile.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use crate::Fingerprint;
use crate::diff::Change;

use super::UPDATE_VAR;

/// Why [`check`](super::check) failed.
///
/// ```
/// use objfp::lock::{check_with, LockError, Mode};
///
/// let err = check_with("/nonexistent/fingerprints.lock", &[], Mode::Verify).unwrap_err();
/// assert!(matches!(err, LockError::Missing { .. }));
/// assert!(err.to_string().contains("OBJFP_UPDATE=1"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum LockError {
    /// The lockfile does not exist (run with `OBJFP_UPDATE=1` to create it).
    Missing {
        /// The lockfile's path.
        path: PathBuf,
    },
    /// The lockfile could not be read or written.
    Io {
        /// The lockfile's path.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The lockfile is malformed.
    Parse {
        /// The lockfile's path (empty for [`Lockfile::parse`](super::Lockfile::parse)).
        path: PathBuf,
        /// The 1-based line of the problem.
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
    /// The lockfile does not match the listed types.
    Mismatch(Mismatch),
    /// An entry cannot be written to a lockfile (an empty or duplicate name, or one with
    /// control characters or surrounding whitespace).
    InvalidEntry {
        /// The entry's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The lockfile for the listed types would be larger than objfp reads back (8 MiB):
    /// nothing is written.
    TooLarge {
        /// The size reached when writing stopped, in bytes.
        bytes: usize,
        /// The most objfp reads, in bytes.
        limit: usize,
    },
}

/// How a lockfile differs from the listed types: [`LockError::Mismatch`].
///
/// ```
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32 }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u32, pub note: String }
/// }
/// use objfp::lock::{check_with, entry, LockError, Mode};
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-mismatch-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// check_with(&path, &[entry::<v1::Order>("Order")], Mode::Update).unwrap();
/// let Err(LockError::Mismatch(m)) = check_with(&path, &[entry::<v2::Order>("Order")], Mode::Verify)
/// else { panic!() };
/// assert_eq!(m.changed[0].changes[0].to_string(), "Order.note: field added (string)");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Mismatch {
    /// The lockfile's path.
    pub path: PathBuf,
    /// Types whose fingerprint changed, sorted by name.
    pub changed: Vec<ChangedType>,
    /// Types listed but not in the file, with their fingerprints, sorted by name.
    pub added: Vec<(String, Fingerprint)>,
    /// Types in the file but no longer listed, with their stored fingerprints.
    pub removed: Vec<(String, Fingerprint)>,
}

/// A listed type whose fingerprint differs from the stored one.
///
/// ```
/// let changed = objfp::lock::ChangedType {
///     name: "Order".to_owned(),
///     old: objfp::Fingerprint::from_bytes([1; 32]),
///     new: objfp::Fingerprint::from_bytes([2; 32]),
///     changes: Vec::new(),
/// };
/// assert_eq!(changed.old.short().to_string(), "010101010101");
/// ```
#[derive(Debug)]
pub struct ChangedType {
    /// The name it is listed under.
    pub name: String,
    /// The stored fingerprint.
    pub old: Fingerprint,
    /// The current fingerprint.
    pub new: Fingerprint,
    /// What changed, from the stored description to the current one.
    pub changes: Vec<Change>,
}

fn file_name(path: &Path) -> String {
    path.display().to_string()
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} is out of date: {} changed, {} added, {} removed",
            file_name(&self.path),
            self.changed.len(),
            self.added.len(),
            self.removed.len()
        )?;
        for c in &self.changed {
            writeln!(
                f,
                "  changed {}: {} -> {}",
                c.name,
                c.old.short(),
                c.new.short()
            )?;
            if c.changes.is_empty() {
                writeln!(
                    f,
                    "    (no difference in the stored description: the fingerprints differ in \
                     how recursion is folded, or the stored text was edited)"
                )?;
            }
            for change in &c.changes {
                writeln!(f, "    {change}")?;
            }
        }
        for (name, fp) in &self.added {
            writeln!(f, "  added {name}: {} (not in the lockfile)", fp.short())?;
        }
        for (name, fp) in &self.removed {
            writeln!(f, "  removed {name}: {} (no longer listed)", fp.short())?;
        }
        write!(
            f,
            "If these wire changes are intended, rerun with {UPDATE_VAR}=1 to rewrite the lockfile, and commit it."
        )
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::Missing { path } => write!(
                f,
                "{} does not exist: run the tests with {UPDATE_VAR}=1 to create it",
                file_name(path)
            ),
            LockError::Io { path, source } => {
                write!(f, "cannot access {}: {source}", file_name(path))
            }
            LockError::Parse {
                path,
                line,
                message,
            } => {
                if path.as_os_str().is_empty() {
                    write!(f, "lockfile line {line}: {message}")
                } else {
                    write!(f, "{}:{line}: {message}", file_name(path))
                }
            }
            LockError::Mismatch(m) => fmt::Display::fmt(m, f),
            LockError::InvalidEntry { name, reason } => {
                write!(f, "cannot lock the entry {name:?}: {reason}")
            }
            LockError::TooLarge { bytes, limit } => write!(
                f,
                "the lockfile for these types would be larger than {} MiB ({bytes} bytes \
                 written when objfp stopped), more than objfp reads back ({limit} bytes): \
                 split the listed types over several lockfiles",
                limit >> 20
            ),
        }
    }
}

impl std::error::Error for LockError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LockError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
