//! Why a check failed: [`LockError`], and the report of an out-of-date lockfile.

use std::fmt;
use std::format;
use std::io;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

use crate::Fingerprint;
use crate::compat::{Policy, Report};
use crate::diff::Change;

use super::{ENCODING, UPDATE_VAR};

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
    /// The lockfile's fingerprints were computed with another encoding than this objfp's
    /// ([`ENCODING`](super::ENCODING)): every fingerprint differs, so none is compared
    /// (a version 1 file was written by objfp 0.1, whose encoding is `objfp/1`).
    Encoding {
        /// The lockfile's path.
        path: PathBuf,
        /// The encoding that wrote it, such as `objfp/1`.
        written: String,
        /// The lockfile format version it is written in.
        version: u32,
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
    /// Types whose fingerprint changed in a way their policy does not allow (any change,
    /// under [`Policy::NONE`]), sorted by name.
    pub changed: Vec<ChangedType>,
    /// Types whose fingerprint changed within their policy, sorted by name: not errors,
    /// listed so that the report shows every change.
    pub compatible: Vec<ChangedType>,
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
///     policy: objfp::compat::Policy::NONE,
///     comparisons: Vec::new(),
/// };
/// assert_eq!(changed.old.short().to_string(), "010101010101");
/// assert!(!changed.passes()); // under the exact check, any change fails
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
    /// The policy the type was checked under ([`Policy::NONE`]: the exact check).
    pub policy: Policy,
    /// Under a policy other than [`Policy::NONE`]: the verdicts of the current type
    /// against the stored version (first), and for a transitive policy against each
    /// earlier version too, newest first.
    pub comparisons: Vec<Comparison>,
}

/// The verdicts of a listed type against one stored version of it.
///
/// ```
/// use objfp::compat::Policy;
/// let c = objfp::lock::Comparison {
///     version: Some(2),
///     fingerprint: objfp::Fingerprint::from_bytes([3; 32]),
///     report: objfp::compat::check(
///         <u32 as objfp::TypeFingerprint>::DESCRIPTION,
///         <u64 as objfp::TypeFingerprint>::DESCRIPTION,
///     ),
/// };
/// assert!(c.report.satisfies(Policy::backward(objfp::compat::Format::Json)));
/// ```
#[derive(Debug)]
pub struct Comparison {
    /// The earlier version's number (`[Name@2]` is 2), or `None` for the version the
    /// type's own section records.
    pub version: Option<u32>,
    /// That version's fingerprint.
    pub fingerprint: Fingerprint,
    /// The verdicts for moving from that version to the current type.
    pub report: Report,
}

impl ChangedType {
    /// Whether the change passes its policy against every version compared: never under
    /// [`Policy::NONE`], where any change fails.
    ///
    /// ```
    /// # let changed = objfp::lock::ChangedType {
    /// #     name: "Order".to_owned(),
    /// #     old: objfp::Fingerprint::from_bytes([1; 32]),
    /// #     new: objfp::Fingerprint::from_bytes([2; 32]),
    /// #     changes: Vec::new(),
    /// #     policy: objfp::compat::Policy::NONE,
    /// #     comparisons: Vec::new(),
    /// # };
    /// assert!(!changed.passes());
    /// ```
    pub fn passes(&self) -> bool {
        !self.policy.is_none()
            && !self.comparisons.is_empty()
            && self
                .comparisons
                .iter()
                .all(|c| c.report.satisfies(self.policy))
    }

    /// The formats in which the change keeps its policy's compatibility against every
    /// version compared.
    ///
    /// ```
    /// # let changed = objfp::lock::ChangedType {
    /// #     name: "Order".to_owned(),
    /// #     old: objfp::Fingerprint::from_bytes([1; 32]),
    /// #     new: objfp::Fingerprint::from_bytes([2; 32]),
    /// #     changes: Vec::new(),
    /// #     policy: objfp::compat::Policy::NONE,
    /// #     comparisons: Vec::new(),
    /// # };
    /// assert!(changed.safe_formats().is_empty());
    /// ```
    pub fn safe_formats(&self) -> crate::compat::FormatSet {
        if self.policy.is_none() || self.comparisons.is_empty() {
            return crate::compat::FormatSet::EMPTY;
        }
        self.comparisons
            .iter()
            .fold(crate::compat::FormatSet::ALL, |set, c| {
                set.intersection(c.report.compatible_formats(self.policy.compatibility()))
            })
    }
}

/// Writes a changed type: its line, then its changes (with verdicts under a policy, and
/// the rules a breaking change breaks).
pub(super) fn write_changed(f: &mut fmt::Formatter<'_>, c: &ChangedType) -> fmt::Result {
    write!(
        f,
        "  changed {}: {} -> {}",
        c.name,
        c.old.short(),
        c.new.short()
    )?;
    if c.policy.is_none() || c.comparisons.is_empty() {
        writeln!(f)?;
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
        return Ok(());
    }
    let passes = c.passes();
    let verb = if passes { "keeps" } else { "breaks" };
    writeln!(f, ", {verb} {}", c.policy)?;
    let compatibility = c.policy.compatibility();
    for (i, cmp) in c.comparisons.iter().enumerate() {
        let breaks = !cmp.report.satisfies(c.policy);
        if i > 0 {
            // Earlier versions: only what breaks the policy against them.
            if !breaks {
                continue;
            }
            let version = cmp.version.map_or(String::new(), |n| format!("@{n}"));
            writeln!(
                f,
                "    against {}{version} ({}):",
                c.name,
                cmp.fingerprint.short()
            )?;
        }
        let indent = if i > 0 { "      " } else { "    " };
        if i == 0 && cmp.report.changes().is_empty() {
            writeln!(
                f,
                "{indent}(no difference in the stored description: the fingerprints differ in \
                 how recursion is folded, or the stored text was edited)"
            )?;
        }
        for finding in cmp.report.changes() {
            let broken = c.policy.broken_in(finding.verdict());
            if i > 0 && broken.is_empty() {
                continue;
            }
            writeln!(f, "{indent}{}", finding.with_verdict(compatibility))?;
            if broken.is_empty() {
                continue;
            }
            for reason in finding.reasons() {
                let formats = c.policy.broken_in(reason.verdict());
                if !formats.is_empty() {
                    writeln!(
                        f,
                        "{indent}  breaks {} in {formats} [{}]: {}",
                        c.policy, reason.rule.id, reason.rule.why
                    )?;
                }
            }
        }
    }
    if passes {
        writeln!(
            f,
            "    safe for {compatibility} compatibility in: {}",
            c.safe_formats()
        )?;
    }
    Ok(())
}

/// Whether `encoding` is an earlier objfp encoding than this one (`objfp/1` before
/// `objfp/2`), as opposed to a later or unknown one.
fn older_encoding(encoding: &str) -> bool {
    let number = |e: &str| e.strip_prefix("objfp/").and_then(|n| n.parse::<u32>().ok());
    matches!((number(encoding), number(ENCODING)), (Some(a), Some(b)) if a < b)
}

fn file_name(path: &Path) -> String {
    path.display().to_string()
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let within = if self.compatible.is_empty() {
            String::new()
        } else {
            format!(" ({} within its policy)", self.compatible.len())
        };
        writeln!(
            f,
            "{} is out of date: {} changed{within}, {} added, {} removed",
            file_name(&self.path),
            self.changed.len() + self.compatible.len(),
            self.added.len(),
            self.removed.len()
        )?;
        for c in &self.changed {
            write_changed(f, c)?;
        }
        for c in &self.compatible {
            write_changed(f, c)?;
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
        )?;
        if self.changed.iter().any(|c| !c.policy.is_none()) {
            write!(
                f,
                "\nRecording a change that breaks its policy drops the type's earlier versions."
            )?;
        }
        Ok(())
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
            LockError::Encoding {
                path,
                written,
                version,
            } if older_encoding(written) => write!(
                f,
                "{} was written by {written} (lockfile version {version}): every fingerprint \
                 changed with the encoding {ENCODING}, so the stored ones cannot be compared \
                 with the listed types; rerun with {UPDATE_VAR}=1 to rewrite it, and commit it",
                file_name(path)
            ),
            LockError::Encoding {
                path,
                written,
                version,
            } => write!(
                f,
                "{} was written by {written} (lockfile version {version}), which this objfp \
                 ({ENCODING}) does not know: upgrade objfp, or rerun with {UPDATE_VAR}=1 to \
                 rewrite it with {ENCODING}",
                file_name(path)
            ),
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
