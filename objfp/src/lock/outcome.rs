//! What a passing check found: changes its policies allow, and what an update wrote.

use std::borrow::ToOwned;
use std::fmt;
use std::path::{Path, PathBuf};
use std::string::String;
use std::vec::Vec;

use super::UPDATE_VAR;
use super::error::{ChangedType, write_changed};

/// What a passing [`Check`](super::Check) found: in verify mode, the types whose change
/// its policy allows, which the lockfile does not record yet; in update mode, whether the
/// file was written and what happened to each type's earlier versions.
///
/// Its `Display` is the note for people: each compatible change with its verdicts, the
/// formats it is safe for, and how to record it; after an update, what was written.
/// [`check_with_policy`](super::check_with_policy) prints it (to standard error) when
/// there is something to note.
///
/// ```
/// use objfp::lock::{Check, Mode};
///
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32 }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-outcome-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// let written = Check::new(&path).mode(Mode::Update).run(&objfp::lock_entries![Ping]).unwrap();
/// assert!(written.wrote());
/// let checked = Check::new(&path).mode(Mode::Verify).run(&objfp::lock_entries![Ping]).unwrap();
/// assert!(checked.is_up_to_date());
/// assert!(!checked.wrote());
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Outcome {
    pub(super) path: PathBuf,
    pub(super) compatible: Vec<ChangedType>,
    pub(super) notes: Vec<String>,
    pub(super) wrote: bool,
}

impl Outcome {
    pub(super) fn new(path: &Path) -> Outcome {
        Outcome {
            path: path.to_owned(),
            compatible: Vec::new(),
            notes: Vec::new(),
            wrote: false,
        }
    }

    /// The types whose fingerprint changed in a way their policy allows, sorted by name:
    /// the lockfile still records the version before. Empty after an update.
    ///
    /// ```
    /// # use objfp::lock::{Check, Mode};
    /// # #[derive(objfp::TypeFingerprint)]
    /// # struct Ping { seq: u32 }
    /// # let dir = std::env::temp_dir().join(format!("objfp-doc-outcome-compatible-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("fingerprints.lock");
    /// let outcome = Check::new(&path).mode(Mode::Update).run(&objfp::lock_entries![Ping]).unwrap();
    /// assert!(outcome.compatible().is_empty());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn compatible(&self) -> &[ChangedType] {
        &self.compatible
    }

    /// Whether the lockfile records every listed type as it is (nothing to record).
    ///
    /// ```
    /// # use objfp::lock::{Check, Mode};
    /// # #[derive(objfp::TypeFingerprint)]
    /// # struct Ping { seq: u32 }
    /// # let dir = std::env::temp_dir().join(format!("objfp-doc-outcome-up-to-date-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("fingerprints.lock");
    /// # Check::new(&path).mode(Mode::Update).run(&objfp::lock_entries![Ping]).unwrap();
    /// let outcome = Check::new(&path).mode(Mode::Verify).run(&objfp::lock_entries![Ping]).unwrap();
    /// assert!(outcome.is_up_to_date());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn is_up_to_date(&self) -> bool {
        self.compatible.is_empty()
    }

    /// Whether the check wrote the file (update mode, when its content changed).
    ///
    /// ```
    /// # use objfp::lock::{Check, Mode};
    /// # #[derive(objfp::TypeFingerprint)]
    /// # struct Ping { seq: u32 }
    /// # let dir = std::env::temp_dir().join(format!("objfp-doc-outcome-wrote-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("fingerprints.lock");
    /// let check = Check::new(&path).mode(Mode::Update);
    /// assert!(check.run(&objfp::lock_entries![Ping]).unwrap().wrote());
    /// assert!(!check.run(&objfp::lock_entries![Ping]).unwrap().wrote()); // already up to date
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn wrote(&self) -> bool {
        self.wrote
    }

    /// What an update did with earlier versions, one line per type whose fingerprint
    /// changed (kept, or dropped after a change that breaks the policy).
    ///
    /// ```
    /// # use objfp::lock::{Check, Mode};
    /// # #[derive(objfp::TypeFingerprint)]
    /// # struct Ping { seq: u32 }
    /// # let dir = std::env::temp_dir().join(format!("objfp-doc-outcome-notes-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("fingerprints.lock");
    /// let outcome = Check::new(&path).mode(Mode::Update).run(&objfp::lock_entries![Ping]).unwrap();
    /// assert!(outcome.notes().is_empty()); // a new file: nothing earlier
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.path.display();
        if !self.compatible.is_empty() {
            let n = self.compatible.len();
            let (s, its) = if n == 1 { ("", "its") } else { ("s", "their") };
            writeln!(
                f,
                "{file}: {n} type{s} changed within {its} policy, not recorded yet"
            )?;
            for c in &self.compatible {
                write_changed(f, c)?;
            }
            write!(
                f,
                "To record it, so that later changes are checked against this version, rerun \
                 with {UPDATE_VAR}=1 and commit the lockfile."
            )?;
        } else if self.wrote {
            write!(f, "objfp: wrote {file}")?;
        } else {
            write!(f, "{file}: up to date")?;
        }
        for note in &self.notes {
            write!(f, "\n  {note}")?;
        }
        Ok(())
    }
}
