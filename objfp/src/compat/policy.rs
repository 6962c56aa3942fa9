//! Verdicts, and the policies a change is checked against.

use core::fmt;

use super::format::FormatSet;

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

    /// Compatible in no format, either way.
    ///
    /// ```
    /// use objfp::compat::{FormatSet, Verdict};
    /// assert_eq!(Verdict::NONE.backward, FormatSet::EMPTY);
    /// ```
    pub const NONE: Verdict = Verdict {
        backward: FormatSet::EMPTY,
        forward: FormatSet::EMPTY,
    };

    /// Formats compatible both ways.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Verdict::ALL.full().len(), 7);
    /// ```
    pub const fn full(self) -> FormatSet {
        self.backward.intersection(self.forward)
    }

    /// The formats that keep `compatibility` ([`Compatibility::None`]: every format).
    ///
    /// ```
    /// use objfp::compat::{Compatibility, FormatSet, Verdict};
    /// assert_eq!(Verdict::ALL.formats(Compatibility::Backward), FormatSet::ALL);
    /// assert_eq!(Verdict::NONE.formats(Compatibility::None), FormatSet::ALL);
    /// ```
    pub const fn formats(self, compatibility: Compatibility) -> FormatSet {
        match compatibility {
            Compatibility::None => FormatSet::ALL,
            Compatibility::Backward => self.backward,
            Compatibility::Forward => self.forward,
            Compatibility::Full => self.full(),
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

/// What a change must keep, as in Confluent Schema Registry's compatibility types.
///
/// ```
/// use objfp::compat::Compatibility;
/// assert_eq!(Compatibility::Full.to_string(), "full");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Compatibility {
    /// Nothing: for a lockfile, any change of the fingerprint is one to review.
    #[default]
    None,
    /// New readers read old data (upgrade readers first).
    Backward,
    /// Old readers read new data (upgrade writers first).
    Forward,
    /// Both.
    Full,
}

impl Compatibility {
    /// `none`, `backward`, `forward` or `full`.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Compatibility::Backward.name(), "backward");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Compatibility::None => "none",
            Compatibility::Backward => "backward",
            Compatibility::Forward => "forward",
            Compatibility::Full => "full",
        }
    }
}

impl fmt::Display for Compatibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A compatibility policy: what a change must keep ([`Compatibility`]), in which formats,
/// and whether against the last version only or against every earlier one (*transitive*).
///
/// [`Policy::NONE`] asks for nothing, so that a lockfile checked under it passes only an
/// identical fingerprint (the exact check). A change passes
/// `Policy::backward([Format::Json])` when the new type reads, in JSON, every value the
/// old one writes.
///
/// ```
/// use objfp::compat::{Compatibility, Format, FormatSet, Policy, Verdict};
///
/// let policy = Policy::backward([Format::Json, Format::Cbor]);
/// assert_eq!(policy.compatibility(), Compatibility::Backward);
/// assert_eq!(policy.formats(), FormatSet::of(&[Format::Json, Format::Cbor]));
/// assert_eq!(policy.to_string(), "backward(json, cbor)");
///
/// let json_only = Verdict { backward: FormatSet::only(Format::Json), forward: FormatSet::EMPTY };
/// assert!(!policy.allows(json_only));
/// assert!(Policy::backward(Format::Json).allows(json_only));
///
/// let strict = Policy::full(FormatSet::ALL).transitive();
/// assert!(strict.is_transitive());
/// assert_eq!(strict.to_string(), "full-transitive(all formats)");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Policy {
    compatibility: Compatibility,
    formats: FormatSet,
    transitive: bool,
}

impl Policy {
    /// No requirement beyond an identical fingerprint: a lockfile fails on any change.
    ///
    /// ```
    /// use objfp::compat::{Policy, Verdict};
    /// assert!(!Policy::NONE.allows(Verdict::ALL));
    /// assert_eq!(Policy::NONE.to_string(), "none");
    /// ```
    pub const NONE: Policy = Policy {
        compatibility: Compatibility::None,
        formats: FormatSet::EMPTY,
        transitive: false,
    };

    /// A policy of `compatibility` in `formats` (an empty set of formats is the same as
    /// [`Policy::NONE`]).
    ///
    /// ```
    /// use objfp::compat::{Compatibility, FormatSet, Policy};
    /// let p = Policy::new(Compatibility::Forward, FormatSet::SELF_DESCRIBING);
    /// assert_eq!(p, Policy::forward(FormatSet::SELF_DESCRIBING));
    /// assert_eq!(Policy::new(Compatibility::Full, FormatSet::EMPTY), Policy::NONE);
    /// ```
    pub const fn new(compatibility: Compatibility, formats: FormatSet) -> Policy {
        if matches!(compatibility, Compatibility::None) || formats.is_empty() {
            return Policy::NONE;
        }
        Policy {
            compatibility,
            formats,
            transitive: false,
        }
    }

    /// New readers must read old data in `formats` (a [`Format`](super::Format), an array of them or a
    /// [`FormatSet`]).
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// assert_eq!(Policy::backward(Format::Json).to_string(), "backward(json)");
    /// ```
    pub fn backward(formats: impl Into<FormatSet>) -> Policy {
        Policy::new(Compatibility::Backward, formats.into())
    }

    /// Old readers must read new data in `formats`.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// assert_eq!(Policy::forward([Format::Cbor]).to_string(), "forward(cbor)");
    /// ```
    pub fn forward(formats: impl Into<FormatSet>) -> Policy {
        Policy::new(Compatibility::Forward, formats.into())
    }

    /// Both, in `formats`.
    ///
    /// ```
    /// use objfp::compat::{FormatSet, Policy};
    /// assert_eq!(Policy::full(FormatSet::SELF_DESCRIBING).to_string(), "full(json, cbor, msgpack, msgpack-named)");
    /// ```
    pub fn full(formats: impl Into<FormatSet>) -> Policy {
        Policy::new(Compatibility::Full, formats.into())
    }

    /// The same policy, against every earlier version rather than the last one: a
    /// lockfile then keeps each version it records and checks the current type against
    /// all of them. ([`Policy::NONE`] stays itself.)
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// let p = Policy::backward(Format::Json).transitive();
    /// assert_eq!(p.to_string(), "backward-transitive(json)");
    /// assert_eq!(Policy::NONE.transitive(), Policy::NONE);
    /// ```
    pub const fn transitive(self) -> Policy {
        if matches!(self.compatibility, Compatibility::None) {
            return self;
        }
        Policy {
            transitive: true,
            ..self
        }
    }

    /// What a change must keep.
    ///
    /// ```
    /// use objfp::compat::{Compatibility, Format, Policy};
    /// assert_eq!(Policy::full(Format::Json).compatibility(), Compatibility::Full);
    /// ```
    pub const fn compatibility(self) -> Compatibility {
        self.compatibility
    }

    /// The formats it must keep it in (none for [`Policy::NONE`]).
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet, Policy};
    /// assert_eq!(Policy::backward(Format::Json).formats(), FormatSet::only(Format::Json));
    /// ```
    pub const fn formats(self) -> FormatSet {
        self.formats
    }

    /// Whether it holds against every earlier version.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// assert!(!Policy::backward(Format::Json).is_transitive());
    /// ```
    pub const fn is_transitive(self) -> bool {
        self.transitive
    }

    /// Whether this is [`Policy::NONE`], the exact check.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// assert!(Policy::NONE.is_none());
    /// assert!(!Policy::forward(Format::Json).is_none());
    /// ```
    pub const fn is_none(self) -> bool {
        matches!(self.compatibility, Compatibility::None)
    }

    /// Whether a change with this verdict passes: always false for [`Policy::NONE`],
    /// which passes no change at all.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet, Policy, Verdict};
    /// let v = Verdict { backward: FormatSet::ALL, forward: FormatSet::EMPTY };
    /// assert!(Policy::backward(FormatSet::ALL).allows(v));
    /// assert!(!Policy::forward(Format::Json).allows(v));
    /// ```
    pub const fn allows(self, verdict: Verdict) -> bool {
        !self.is_none()
            && verdict
                .formats(self.compatibility)
                .contains_all(self.formats)
    }

    /// The formats of the policy in which a change with this verdict breaks it.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet, Policy, Verdict};
    /// let v = Verdict { backward: FormatSet::only(Format::Json), forward: FormatSet::EMPTY };
    /// let p = Policy::backward([Format::Json, Format::Postcard]);
    /// assert_eq!(p.broken_in(v), FormatSet::only(Format::Postcard));
    /// ```
    pub const fn broken_in(self, verdict: Verdict) -> FormatSet {
        self.formats.difference(verdict.formats(self.compatibility))
    }
}

impl fmt::Display for Policy {
    /// `none`, or `backward(json, cbor)`, `full-transitive(all formats)`: the form
    /// reports and lockfile messages use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_none() {
            return f.write_str("none");
        }
        f.write_str(self.compatibility.name())?;
        if self.transitive {
            f.write_str("-transitive")?;
        }
        f.write_str("(")?;
        if self.formats == FormatSet::ALL {
            f.write_str("all formats")?;
        } else {
            for (i, format) in self.formats.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(format.name())?;
            }
        }
        f.write_str(")")
    }
}
