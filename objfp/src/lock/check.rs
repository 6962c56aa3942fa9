//! Checking a lockfile against the listed types, or rewriting it (`OBJFP_UPDATE=1`).

use std::borrow::ToOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::format;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::string::String;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::vec::Vec;

use crate::compat::{self, Policy, Side};
use crate::diff::{Engine, Graph, Id};

use super::outcome::Outcome;
use super::parse::{Lockfile, Section, Version};
use super::render::{Recorded, plan, render_with_history, type_text};
use super::{ChangedType, Comparison, ENCODING, Entry, LockError, Mismatch, Mode, validate};

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
    let outcome = Check::new(path).mode(mode).run(entries)?;
    if outcome.wrote() {
        std::eprintln!("{outcome}");
    }
    Ok(())
}

/// Checks the lockfile at `path` against `entries` under a compatibility `policy` for
/// every type, or rewrites it when `OBJFP_UPDATE=1`: [`Check`] with the policy and the
/// mode from the environment. Per-type policies are [`Check::policy_for`].
///
/// A type whose fingerprint changed passes when the change keeps the policy against the
/// stored version (and, for a transitive policy, against every earlier version the file
/// records); the [`Outcome`] then notes the change, the formats it is safe for, and that
/// an update records it. A change that breaks the policy fails, listing the breaking
/// changes by path with the rules they break. Added and removed types fail as in
/// [`check`]. [`Policy::NONE`] is the exact check.
///
/// ```
/// use objfp::compat::{Format, Policy};
/// use objfp::lock::{self, Check, Mode};
///
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order { pub id: u64 }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub struct Order {
///         pub id: u64,
///         #[serde(default)]
///         pub note: Option<String>,
///     }
/// }
/// # use serde as _;
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-policy-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// let policy = Policy::backward(Format::Json);
/// Check::new(&path).policy(policy).mode(Mode::Update).run(&[lock::entry::<v1::Order>("Order")]).unwrap();
///
/// // In a test: `lock::check_with_policy(&path, &entries, policy)`.
/// let outcome = Check::new(&path)
///     .policy(policy)
///     .mode(Mode::Verify)
///     .run(&[lock::entry::<v2::Order>("Order")])
///     .unwrap();
/// assert_eq!(outcome.compatible().len(), 1);
/// assert!(outcome.to_string().contains("keeps backward(json)"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn check_with_policy(
    path: impl AsRef<Path>,
    entries: &[Entry],
    policy: Policy,
) -> Result<Outcome, LockError> {
    let outcome = Check::new(path).policy(policy).run(entries)?;
    // A passing test shows this with `cargo test -- --nocapture`.
    if outcome.wrote() || !outcome.is_up_to_date() {
        std::eprintln!("{outcome}");
    }
    Ok(outcome)
}

/// A lockfile check with options: the compatibility policy for every type and per type,
/// and the mode. [`check`], [`check_with`] and [`check_with_policy`] are shorthands.
///
/// ```
/// use objfp::compat::{Format, Policy};
/// use objfp::lock::{self, Check, Mode};
///
/// #[derive(objfp::TypeFingerprint)]
/// struct Order { id: u64 }
/// #[derive(objfp::TypeFingerprint)]
/// struct Audit { at: u64 }
///
/// let dir = std::env::temp_dir().join(format!("objfp-doc-check-builder-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("fingerprints.lock");
/// let check = Check::new(&path)
///     .policy(Policy::backward([Format::Json, Format::Cbor]).transitive())
///     .policy_for("Audit", Policy::NONE)
///     .mode(Mode::Update);
/// let outcome = check.run(&objfp::lock_entries![Order, Audit]).unwrap();
/// assert!(outcome.wrote());
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Check {
    path: PathBuf,
    policy: Policy,
    per_type: BTreeMap<String, Policy>,
    mode: Mode,
}

impl Check {
    /// A check of the lockfile at `path`: the exact check ([`Policy::NONE`]), in the mode
    /// the environment selects ([`Mode::from_env`]).
    ///
    /// ```
    /// let check = objfp::lock::Check::new("fingerprints.lock");
    /// assert_eq!(check.policy_of("Order"), objfp::compat::Policy::NONE);
    /// ```
    pub fn new(path: impl AsRef<Path>) -> Check {
        Check {
            path: path.as_ref().to_owned(),
            policy: Policy::NONE,
            per_type: BTreeMap::new(),
            mode: Mode::from_env(),
        }
    }

    /// The policy for every type without one of its own.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// let check = objfp::lock::Check::new("fingerprints.lock").policy(Policy::full(Format::Json));
    /// assert_eq!(check.policy_of("Order"), Policy::full(Format::Json));
    /// ```
    pub fn policy(mut self, policy: Policy) -> Check {
        self.policy = policy;
        self
    }

    /// The policy for the type listed as `name` (an entry's name). Naming a type that is
    /// not listed is an error when the check runs ([`LockError::InvalidEntry`]), so a
    /// typo cannot leave a type under the wrong policy.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// let check = objfp::lock::Check::new("fingerprints.lock")
    ///     .policy(Policy::backward(Format::Json))
    ///     .policy_for("Legacy", Policy::NONE);
    /// assert_eq!(check.policy_of("Legacy"), Policy::NONE);
    /// assert_eq!(check.policy_of("Order"), Policy::backward(Format::Json));
    /// ```
    pub fn policy_for(mut self, name: impl Into<String>, policy: Policy) -> Check {
        self.per_type.insert(name.into(), policy);
        self
    }

    /// Whether to compare ([`Mode::Verify`]) or to rewrite the file ([`Mode::Update`]).
    ///
    /// ```
    /// use objfp::lock::{Check, Mode};
    /// let check = Check::new("fingerprints.lock").mode(Mode::Verify);
    /// # let _ = check;
    /// ```
    pub fn mode(mut self, mode: Mode) -> Check {
        self.mode = mode;
        self
    }

    /// The policy the type listed as `name` is checked under.
    ///
    /// ```
    /// let check = objfp::lock::Check::new("fingerprints.lock");
    /// assert!(check.policy_of("anything").is_none());
    /// ```
    pub fn policy_of(&self, name: &str) -> Policy {
        self.per_type.get(name).copied().unwrap_or(self.policy)
    }

    /// Runs the check for `entries`.
    ///
    /// In verify mode: an error when the file is missing ([`LockError::Missing`]),
    /// unreadable, malformed ([`LockError::Parse`]), written with another encoding
    /// ([`LockError::Encoding`]) or out of date ([`LockError::Mismatch`]: changes that
    /// break their policy, types added or removed). In update mode the file is rewritten
    /// from `entries` when its content differs; under a policy other than
    /// [`Policy::NONE`] each type keeps its earlier versions, and the version it replaces
    /// joins them, unless the change breaks the policy: then they are dropped, and the
    /// outcome says so. It prints nothing: the [`Outcome`] says what it found (the
    /// shorthands print it).
    ///
    /// ```
    /// use objfp::lock::{Check, LockError, Mode};
    /// let err = Check::new("/nonexistent/fingerprints.lock").mode(Mode::Verify).run(&[]).unwrap_err();
    /// assert!(matches!(err, LockError::Missing { .. }));
    /// ```
    pub fn run(&self, entries: &[Entry]) -> Result<Outcome, LockError> {
        validate(entries)?;
        let listed: BTreeSet<&str> = entries.iter().map(Entry::name).collect();
        if let Some(name) = self.per_type.keys().find(|n| !listed.contains(n.as_str())) {
            return Err(LockError::InvalidEntry {
                name: name.clone(),
                reason: "a policy is set for it, but no listed type has this name".to_owned(),
            });
        }
        match self.mode {
            Mode::Update => self.update(entries),
            Mode::Verify => {
                let lockfile = Lockfile::read(&self.path)?;
                self.verify(&lockfile, entries)
            }
        }
    }

    fn update(&self, entries: &[Entry]) -> Result<Outcome, LockError> {
        let path = &self.path;
        let mut outcome = Outcome::new(path);
        // The history to keep comes from the file as it is, when objfp can read it.
        let mut sorted: Vec<&Entry> = entries.iter().collect();
        sorted.sort_by(|a, b| a.name().cmp(b.name()));
        let existing = match Lockfile::read(path) {
            Ok(lockfile) if lockfile.encoding == ENCODING || same_encoding(&lockfile, &sorted) => {
                Some(lockfile)
            }
            Ok(lockfile) => {
                if entries.iter().any(|e| !self.policy_of(e.name()).is_none()) {
                    outcome.notes.push(format!(
                        "the earlier versions in the file are of {} and cannot be compared: \
                         each type's history starts again",
                        lockfile.encoding
                    ));
                }
                None
            }
            Err(LockError::Missing { .. }) => None,
            Err(err) => {
                outcome.notes.push(format!(
                    "the file could not be read, so no earlier versions are kept: {err}"
                ));
                None
            }
        };
        let mut kept: BTreeMap<&str, Vec<Recorded<'_>>> = BTreeMap::new();
        for e in entries {
            let policy = self.policy_of(e.name());
            let section = existing.as_ref().and_then(|l| l.section(e.name()));
            let Some(section) = section else { continue };
            if policy.is_none() {
                let n = section.history.len();
                if n > 0 {
                    let s = if n == 1 { "" } else { "s" };
                    outcome.notes.push(format!(
                        "{}: checked exactly (policy none), so its {n} earlier version{s} \
                         are dropped",
                        e.name()
                    ));
                }
                continue;
            }
            let history = kept.entry(e.name()).or_default();
            let earlier = section
                .history
                .iter()
                .filter(|v| v.fingerprint != e.fingerprint());
            if section.fingerprint == e.fingerprint() {
                history.extend(earlier.map(recorded));
                continue;
            }
            let changed = changed_type(section, e, policy);
            if changed.passes() {
                let number = section.history.iter().map(|v| v.number).max().unwrap_or(0) + 1;
                history.push(Recorded {
                    number,
                    fingerprint: section.fingerprint,
                    graph: &section.graph,
                    root: section.root,
                    labels: &section.labels,
                });
                history.extend(earlier.map(recorded));
                outcome.notes.push(format!(
                    "{}: recorded {}; it keeps {policy}, and {} is kept as `[{}@{number}]`",
                    e.name(),
                    e.fingerprint().short(),
                    section.fingerprint.short(),
                    e.name()
                ));
            } else {
                let dropped = 1 + section.history.len();
                let s = if dropped == 1 { "" } else { "s" };
                outcome.notes.push(format!(
                    "{}: recorded {}, which breaks {policy}: its {dropped} earlier version{s} \
                     are dropped",
                    e.name(),
                    e.fingerprint().short()
                ));
            }
        }
        let text =
            render_with_history(entries, &|name| kept.get(name).cloned().unwrap_or_default())?;
        if !holds(path, text.as_bytes()) {
            replace(path, text.as_bytes()).map_err(|source| LockError::Io {
                path: path.to_owned(),
                source,
            })?;
            outcome.wrote = true;
        }
        Ok(outcome)
    }

    fn verify(&self, lockfile: &Lockfile, entries: &[Entry]) -> Result<Outcome, LockError> {
        let path = &self.path;
        let mut sorted: Vec<&Entry> = entries.iter().collect();
        sorted.sort_by(|a, b| a.name().cmp(b.name()));
        if lockfile.encoding != ENCODING && !same_encoding(lockfile, &sorted) {
            return Err(LockError::Encoding {
                path: path.to_owned(),
                written: lockfile.encoding.clone(),
                version: lockfile.version,
            });
        }
        let mut mismatch = Mismatch {
            path: path.to_owned(),
            changed: Vec::new(),
            compatible: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
        };
        let mut outcome = Outcome::new(path);
        for e in sorted {
            match lockfile.section(e.name()) {
                None => mismatch.added.push((e.name().to_owned(), e.fingerprint())),
                Some(s) if s.fingerprint == e.fingerprint() => {}
                Some(s) => {
                    let changed = changed_type(s, e, self.policy_of(e.name()));
                    if changed.passes() {
                        outcome.compatible.push(changed);
                    } else {
                        mismatch.changed.push(changed);
                    }
                }
            }
        }
        let listed: BTreeSet<&str> = entries.iter().map(Entry::name).collect();
        for s in &lockfile.sections {
            if !listed.contains(s.name.as_str()) {
                mismatch.removed.push((s.name.clone(), s.fingerprint));
            }
        }
        if mismatch.changed.is_empty() && mismatch.added.is_empty() && mismatch.removed.is_empty() {
            Ok(outcome)
        } else {
            mismatch.compatible = outcome.compatible;
            Err(LockError::Mismatch(mismatch))
        }
    }
}

/// Whether a lockfile of another encoding label (a version 1 file, which objfp 0.1 wrote
/// with `objfp/1`) holds fingerprints of this encoding after all: some listed type's
/// fingerprint matches its section (objfp/1 and objfp/2 fingerprints never agree), or
/// no listed type's differs.
fn same_encoding(lockfile: &Lockfile, entries: &[&Entry]) -> bool {
    if lockfile.version >= 2 {
        return false;
    }
    let mut any_differs = false;
    for e in entries {
        if let Some(s) = lockfile.section(e.name()) {
            if s.fingerprint == e.fingerprint() {
                return true;
            }
            any_differs = true;
        }
    }
    !any_differs
}

fn recorded(v: &Version) -> Recorded<'_> {
    Recorded {
        number: v.number,
        fingerprint: v.fingerprint,
        graph: &v.graph,
        root: v.root,
        labels: &v.labels,
    }
}

/// A listed type against its stored section: the structural diff, and under a policy
/// the verdicts against the stored version (and every earlier one, when transitive).
fn changed_type(stored: &Section, entry: &Entry, policy: Policy) -> ChangedType {
    let (current, root) = Graph::from_description(entry.description);
    let current_labels = plan(&current, root);
    let render_new = |id: Id| type_text(&current, &current_labels, id);
    let changes = {
        let render_old = |id: Id| type_text(&stored.graph, &stored.labels, id);
        Engine::new(&stored.graph, &current, &render_old, &render_new).walk(
            entry.name(),
            stored.root,
            root,
        )
    };
    let mut comparisons = Vec::new();
    if !policy.is_none() {
        let new = Side {
            graph: &current,
            render: &render_new,
        };
        let mut versions = Vec::from([(
            None,
            stored.fingerprint,
            &stored.graph,
            stored.root,
            &stored.labels,
        )]);
        if policy.is_transitive() {
            versions.extend(
                stored
                    .history
                    .iter()
                    .map(|v| (Some(v.number), v.fingerprint, &v.graph, v.root, &v.labels)),
            );
        }
        for (version, fingerprint, graph, old_root, labels) in versions {
            let report = if fingerprint == entry.fingerprint() {
                compat::check(entry.description, entry.description)
            } else {
                let render_old = |id: Id| type_text(graph, labels, id);
                let old = Side {
                    graph,
                    render: &render_old,
                };
                let name = entry.name().to_owned();
                compat::check_graphs((old, old_root, name.clone()), (new, root, name))
            };
            comparisons.push(Comparison {
                version,
                fingerprint,
                report,
            });
        }
    }
    ChangedType {
        name: entry.name().to_owned(),
        old: stored.fingerprint,
        new: entry.fingerprint(),
        changes,
        policy,
        comparisons,
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
