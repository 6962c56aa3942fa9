//! Schema-evolution verdicts: can the new type read what the old one wrote (*backward*),
//! and can the old type read what the new one writes (*forward*), in a given wire format?
//!
//! [`diff`](crate::diff) says *what* changed between two descriptions; [`check`] says
//! whether each change is safe for a rolling upgrade, format by format, in the sense of
//! Avro's schema resolution and protobuf's `buf breaking`: a value is read *faithfully*
//! when every field both types have arrives with the value that was written, a field only
//! the writer has is dropped, and a field only the reader has takes its default. A decode
//! that succeeds with shifted or misread fields is breaking. Verdicts hold wherever the
//! type appears (also nested in a sequence, so a format's tolerance of trailing bytes at
//! the top level does not count) and are about the values a format can round-trip with
//! the writer's own type.
//!
//! ```
//! use objfp::TypeFingerprint;
//! use objfp::compat::{self, Format, Policy};
//!
//! mod v1 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order { pub id: u64 }
//! }
//! mod v2 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order {
//!         pub id: u64,
//!         #[serde(default)]
//!         pub note: Option<String>,
//!     }
//! }
//! # use serde as _;
//!
//! let report = compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
//! assert!(report.backward(Format::Json));
//! assert!(report.forward(Format::Json));
//! assert!(report.backward(Format::MessagePack)); // arrays that end early: the default
//! assert!(!report.forward(Format::MessagePack)); // the old reader rejects a longer array
//! assert!(!report.backward(Format::Postcard));   // no lengths: reads past the value
//! assert!(report.is_compatible(Policy::Full, Format::Json.into()));
//! let line = report.changes()[0].to_string();
//! assert!(line.starts_with("Order.note: field added (#[serde(default)] Option<string>)"));
//! println!("{report}");
//! ```
//!
//! The rules are the table [`RULES`] (and `COMPAT.md` at the repository root, the same
//! table for people, checked against the real format crates by the test suite). Each
//! [`Finding`] names the rules that decide it, so a report says *why*.

mod carry;
mod format;
mod report;
mod rules;
mod verdict;

use alloc::string::String;
use alloc::vec::Vec;

use crate::diff::{Graph, Id, type_name};

pub use format::{Format, FormatSet};
pub use report::{ChangeKind, Finding, Reason};
pub use rules::{Cell, RULES, Rule, rule};

use crate::Description;
pub(crate) use verdict::Side;

/// Which formats read the other version's values faithfully, per direction.
///
/// ```
/// use objfp::compat::{Format, FormatSet, Verdict};
///
/// let v = Verdict { backward: FormatSet::ALL, forward: FormatSet::only(Format::Json) };
/// assert!(v.full().contains(Format::Json));
/// assert!(!v.full().contains(Format::Cbor));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Formats in which the new type reads every value the old type writes.
    pub backward: FormatSet,
    /// Formats in which the old type reads every value the new type writes.
    pub forward: FormatSet,
}

impl Verdict {
    /// Compatible in every format, both ways.
    ///
    /// ```
    /// use objfp::compat::{FormatSet, Verdict};
    /// assert_eq!(Verdict::ALL.full(), FormatSet::ALL);
    /// ```
    pub const ALL: Verdict = Verdict {
        backward: FormatSet::ALL,
        forward: FormatSet::ALL,
    };

    /// Formats compatible both ways.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Verdict::ALL.full().len(), 7);
    /// ```
    pub const fn full(self) -> FormatSet {
        self.backward.intersection(self.forward)
    }

    /// The formats that satisfy `policy`.
    ///
    /// ```
    /// use objfp::compat::{Policy, Verdict, FormatSet};
    /// assert_eq!(Verdict::ALL.formats(Policy::Backward), FormatSet::ALL);
    /// ```
    pub const fn formats(self, policy: Policy) -> FormatSet {
        match policy {
            Policy::None => FormatSet::ALL,
            Policy::Backward => self.backward,
            Policy::Forward => self.forward,
            Policy::Full => self.full(),
        }
    }

    /// Both sides' formats intersected: what two verdicts allow together.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet, Verdict};
    /// let a = Verdict { backward: FormatSet::ALL, forward: FormatSet::EMPTY };
    /// assert_eq!(a.and(Verdict::ALL), a);
    /// ```
    pub const fn and(self, other: Verdict) -> Verdict {
        Verdict {
            backward: self.backward.intersection(other.backward),
            forward: self.forward.intersection(other.forward),
        }
    }
}

/// A compatibility policy, as in Confluent Schema Registry.
///
/// ```
/// use objfp::compat::Policy;
/// assert_eq!(Policy::Full.to_string(), "full");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Policy {
    /// No requirement.
    None,
    /// New readers read old data (upgrade readers first).
    Backward,
    /// Old readers read new data (upgrade writers first).
    Forward,
    /// Both.
    Full,
}

impl core::fmt::Display for Policy {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Policy::None => "none",
            Policy::Backward => "backward",
            Policy::Forward => "forward",
            Policy::Full => "full",
        })
    }
}

/// The verdicts for moving from `old` to `new`: every change, each with its verdict per
/// format and the rules behind it.
///
/// ```
/// use objfp::TypeFingerprint;
/// use objfp::compat::{Format, FormatSet};
///
/// let report = objfp::compat::check(u32::DESCRIPTION, u64::DESCRIPTION);
/// assert!(report.backward(Format::Postcard));   // varints: a u32 reads as a u64
/// assert!(!report.forward(Format::Postcard));   // a u64 may not fit in a u32
/// assert!(!report.backward(Format::BincodeFixint));
/// assert_eq!(report.verdict().backward.to_string(), "json cbor msgpack msgpack-named postcard bincode");
/// ```
#[derive(Clone, Debug)]
pub struct Report {
    old: String,
    new: String,
    identical: bool,
    findings: Vec<Finding>,
    unsupported: FormatSet,
    verdict: Verdict,
}

/// Checks whether `new` reads what `old` writes (backward) and `old` what `new` writes
/// (forward), in every [`Format`]. Identical fingerprints are compatible without a walk;
/// otherwise both descriptions are walked once (recursive descriptions terminate).
///
/// ```
/// use objfp::TypeFingerprint;
/// let report = objfp::compat::check(String::DESCRIPTION, String::DESCRIPTION);
/// assert!(report.is_identical());
/// assert!(report.changes().is_empty());
/// ```
pub fn check(old: &Description, new: &Description) -> Report {
    let (old_name, new_name) = (type_name(old), type_name(new));
    if old.fingerprint == new.fingerprint {
        return Report {
            old: old_name,
            new: new_name,
            identical: true,
            findings: Vec::new(),
            unsupported: FormatSet::EMPTY,
            verdict: Verdict::ALL,
        };
    }
    let (old_graph, old_root) = Graph::from_description(old);
    let (new_graph, new_root) = Graph::from_description(new);
    let render_old = |id: Id| old_graph.rust_name(id);
    let render_new = |id: Id| new_graph.rust_name(id);
    let old_side = Side {
        graph: &old_graph,
        render: &render_old,
    };
    let new_side = Side {
        graph: &new_graph,
        render: &render_new,
    };
    check_graphs(
        (old_side, old_root, old_name),
        (new_side, new_root, new_name),
    )
}

/// [`check`] over shape graphs: built from descriptions, or parsed from a lockfile (whose
/// nodes have no fingerprints and are compared structurally). Each side is its graph,
/// its root and the name its paths start with.
pub(crate) fn check_graphs(
    (old, old_root, old_name): (Side<'_, '_>, Id, String),
    (new, new_root, new_name): (Side<'_, '_>, Id, String),
) -> Report {
    let mut findings = verdict::walk(old, old_root, new, new_root, &new_name);
    findings.extend(carry::walk(
        &old,
        (old_root, &old_name),
        &new,
        (new_root, &new_name),
    ));
    let mut verdict = Verdict::ALL;
    let mut unsupported = FormatSet::EMPTY;
    for f in &findings {
        verdict = verdict.and(f.verdict);
        unsupported = unsupported.union(f.unsupported());
    }
    Report {
        old: old_name,
        new: new_name,
        identical: false,
        findings,
        unsupported,
        verdict,
    }
}

impl Report {
    /// Whether the new type reads every value the old one writes in `format`, faithfully.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Format;
    /// assert!(objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).backward(Format::Json));
    /// ```
    pub fn backward(&self, format: Format) -> bool {
        self.verdict.backward.contains(format)
    }

    /// Whether the old type reads every value the new one writes in `format`, faithfully.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Format;
    /// assert!(!objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).forward(Format::Json));
    /// ```
    pub fn forward(&self, format: Format) -> bool {
        self.verdict.forward.contains(format)
    }

    /// The verdict over all changes.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let v = objfp::compat::check(u8::DESCRIPTION, u8::DESCRIPTION).verdict();
    /// assert_eq!(v, objfp::compat::Verdict::ALL);
    /// ```
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// Every change found, each with its path, its verdict and why, in walk order.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let report = objfp::compat::check(u8::DESCRIPTION, i64::DESCRIPTION);
    /// assert_eq!(report.changes()[0].rules().next().unwrap().id, "int-to-wider-signed");
    /// ```
    pub fn changes(&self) -> &[Finding] {
        &self.findings
    }

    /// Formats that cannot carry the old or the new type at all (`flatten`, untagged or
    /// internally tagged enums in postcard or bincode); both verdicts are false there.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// assert!(objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).unsupported().is_empty());
    /// ```
    pub fn unsupported(&self) -> FormatSet {
        self.unsupported
    }

    /// Whether the fingerprints are equal (nothing changed).
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// assert!(!objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).is_identical());
    /// ```
    pub fn is_identical(&self) -> bool {
        self.identical
    }

    /// Whether the change satisfies `policy` in every format of `formats`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::{Format, FormatSet, Policy};
    /// let report = objfp::compat::check(u32::DESCRIPTION, u64::DESCRIPTION);
    /// assert!(report.is_compatible(Policy::Backward, FormatSet::of(&[Format::Json, Format::Postcard])));
    /// assert!(!report.is_compatible(Policy::Full, Format::Json.into()));
    /// assert!(report.is_compatible(Policy::None, FormatSet::ALL));
    /// ```
    pub fn is_compatible(&self, policy: Policy, formats: FormatSet) -> bool {
        self.verdict.formats(policy).contains_all(formats)
    }

    /// The formats in which the change satisfies `policy`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Policy;
    /// let report = objfp::compat::check(u32::DESCRIPTION, u64::DESCRIPTION);
    /// assert_eq!(report.compatible_formats(Policy::Forward).to_string(), "none");
    /// ```
    pub fn compatible_formats(&self, policy: Policy) -> FormatSet {
        self.verdict.formats(policy)
    }

    /// The old type's name, as paths of removed parts start.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// assert_eq!(objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).old_name(), "u8");
    /// ```
    pub fn old_name(&self) -> &str {
        &self.old
    }

    /// The new type's name, as paths start.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// assert_eq!(objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION).new_name(), "u16");
    /// ```
    pub fn new_name(&self) -> &str {
        &self.new
    }
}
