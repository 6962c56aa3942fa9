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
//! use objfp::compat::{self, Compatibility, Format, Policy};
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
//! assert!(report.satisfies(Policy::full(Format::Json)));
//! assert!(!report.satisfies(Policy::backward([Format::Json, Format::Postcard])));
//! let line = report.changes()[0].with_verdict(Compatibility::Backward).to_string();
//! assert_eq!(
//!     line,
//!     "Order.note: field added (#[serde(default)] Option<string>)  \
//!      backward: json cbor msgpack msgpack-named; breaking: postcard bincode bincode-fixint",
//! );
//! println!("{report}");
//! ```
//!
//! The rules are the table [`RULES`] (and `COMPAT.md` at the repository root, the same
//! table for people, checked against the real format crates by the test suite). Each
//! [`Finding`] names the rules that decide it, so a report says *why*.

mod carry;
mod format;
mod paths;
mod policy;
mod report;
mod rules;
mod verdict;

use alloc::string::String;
use alloc::vec::Vec;

use crate::diff::{Graph, Id, type_name};

pub use format::{Format, FormatSet};
pub use policy::{Compatibility, Policy, Verdict};
pub use report::{ChangeKind, Finding, Reason, WithVerdict, WithVerdicts};
pub use rules::{Cell, RULES, Rule, rule};

use crate::Description;
pub(crate) use verdict::Side;

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

    /// Whether the change passes `policy`: an identical fingerprint passes every policy;
    /// any other change passes when its verdict keeps the policy's compatibility in each
    /// of its formats ([`Policy::NONE`] passes no change).
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::{Format, FormatSet, Policy};
    /// let report = objfp::compat::check(u32::DESCRIPTION, u64::DESCRIPTION);
    /// assert!(report.satisfies(Policy::backward([Format::Json, Format::Postcard])));
    /// assert!(!report.satisfies(Policy::full(Format::Json)));
    /// assert!(!report.satisfies(Policy::NONE));
    /// assert!(objfp::compat::check(u32::DESCRIPTION, u32::DESCRIPTION).satisfies(Policy::NONE));
    /// ```
    pub fn satisfies(&self, policy: Policy) -> bool {
        self.identical || policy.allows(self.verdict)
    }

    /// The changes that break `policy`: those whose verdict fails it in one of its
    /// formats (every change, for [`Policy::NONE`]), in walk order.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::{Format, Policy};
    ///
    /// mod v1 {
    ///     #[derive(objfp::TypeFingerprint)]
    ///     pub struct Order { pub id: u32, pub total: u32 }
    /// }
    /// mod v2 {
    ///     #[derive(objfp::TypeFingerprint)]
    ///     pub struct Order { pub id: u64, pub total: String }
    /// }
    /// let report = objfp::compat::check(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
    /// let breaking: Vec<&str> = report.breaking(Policy::backward(Format::Json)).map(|f| f.path()).collect();
    /// assert_eq!(breaking, ["Order.total"]);
    /// ```
    pub fn breaking(&self, policy: Policy) -> impl Iterator<Item = &Finding> + '_ {
        self.findings
            .iter()
            .filter(move |f| policy.is_none() || !policy.broken_in(f.verdict()).is_empty())
    }

    /// The formats in which the change keeps `compatibility`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Compatibility;
    /// let report = objfp::compat::check(u32::DESCRIPTION, u64::DESCRIPTION);
    /// assert_eq!(report.compatible_formats(Compatibility::Forward).to_string(), "none");
    /// ```
    pub fn compatible_formats(&self, compatibility: Compatibility) -> FormatSet {
        self.verdict.formats(compatibility)
    }

    /// The report one line per change, each with its verdict for `compatibility` beside
    /// it: `Order.note: field added (Option<string>)  backward: json cbor; breaking: ..`
    /// ([`Compatibility::None`] shows both directions).
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Compatibility;
    /// let report = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert_eq!(
    ///     report.with_verdicts(Compatibility::Forward).to_string(),
    ///     "u16: type changed u8 -> u16  forward: none; breaking: json cbor msgpack msgpack-named postcard bincode bincode-fixint\n",
    /// );
    /// ```
    pub fn with_verdicts(&self, compatibility: Compatibility) -> WithVerdicts<'_> {
        WithVerdicts {
            findings: &self.findings,
            compatibility,
        }
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
