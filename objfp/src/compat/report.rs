//! Findings and how reports print them.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::format::{Format, FormatSet};
use super::rules::{Cell, Rule};
use super::{Compatibility, Report, Verdict};
use crate::StructKind;

/// What changed at a [`Finding`]'s path.
///
/// ```
/// use objfp::compat::ChangeKind;
///
/// let kind = ChangeKind::FieldAdded { ty: "Option<string>".into(), attrs: vec!["default".into()] };
/// assert_eq!(kind.to_string(), "field added (#[serde(default)] Option<string>)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A field appeared; the path names it.
    FieldAdded {
        /// Its type.
        ty: String,
        /// Its serde attributes, as `key` or `key = "value"`.
        attrs: Vec<String>,
    },
    /// A field disappeared; the path names it (with the old name).
    FieldRemoved {
        /// Its type.
        ty: String,
        /// Its serde attributes.
        attrs: Vec<String>,
    },
    /// A field at the same position has another name; the path has the new name.
    FieldRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// A field both sides have is at another position.
    FieldMoved {
        /// Its old position.
        old: usize,
        /// Its new position.
        new: usize,
    },
    /// Serde attributes of a field, variant or container changed.
    AttrsChanged {
        /// The old attributes, as `key` or `key = "value"`.
        old: Vec<String>,
        /// The new attributes.
        new: Vec<String>,
    },
    /// A primitive type changed (`u32` to `u64`).
    TypeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// The kind of shape changed (`u32` to `Option<u32>`, a sequence to a map).
    ShapeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// A variant appeared; the path names it.
    VariantAdded,
    /// A variant disappeared; the path names it.
    VariantRemoved,
    /// A variant at the same index has another name; the path has the new name.
    VariantRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// A variant both sides have is at another index.
    VariantMoved {
        /// Its old index.
        old: usize,
        /// Its new index.
        new: usize,
    },
    /// A struct or variant changed between unit, newtype, tuple and named form.
    KindChanged {
        /// The old form.
        old: StructKind,
        /// The new form.
        new: StructKind,
    },
    /// An array's or tuple's length changed.
    LenChanged {
        /// The old length.
        old: u64,
        /// The new length.
        new: u64,
    },
    /// A named shape's meaning changed.
    NamedChanged {
        /// The old meaning.
        old: String,
        /// The new meaning.
        new: String,
    },
    /// An opaque shape's name changed.
    OpaqueChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// An enum's `#[repr]` or a variant's explicit discriminant changed.
    DiscriminantChanged {
        /// The old repr or discriminant (`none` for none).
        old: String,
        /// The new one.
        new: String,
    },
    /// Something some formats cannot carry at all, such as a `flatten` field.
    Unsupported {
        /// What it is, such as `flatten field`.
        what: &'static str,
    },
    /// The comparison stopped here, incomplete: the two shapes are too large or too
    /// different to compare within the budgets of [`crate::diff`] (a million pairs of
    /// types, a mebibyte of report), which no comparison of real types reaches. What was
    /// not compared is taken as breaking in every format. The path is the type compared.
    Truncated,
}

fn kind_name(kind: StructKind) -> &'static str {
    match kind {
        StructKind::Named => "named",
        StructKind::Newtype => "newtype",
        StructKind::Tuple => "tuple",
        StructKind::Unit => "unit",
    }
}

fn list(f: &mut fmt::Formatter<'_>, items: &[String]) -> fmt::Result {
    f.write_str("(")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(item)?;
    }
    f.write_str(")")
}

fn decl(f: &mut fmt::Formatter<'_>, ty: &str, attrs: &[String]) -> fmt::Result {
    f.write_str("(")?;
    if !attrs.is_empty() {
        f.write_str("#[serde(")?;
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(a)?;
        }
        f.write_str(")] ")?;
    }
    write!(f, "{ty})")
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::FieldAdded { ty, attrs } => {
                f.write_str("field added ")?;
                decl(f, ty, attrs)
            }
            ChangeKind::FieldRemoved { ty, attrs } => {
                f.write_str("field removed ")?;
                decl(f, ty, attrs)
            }
            ChangeKind::FieldRenamed { old, new } => write!(f, "field renamed {old} -> {new}"),
            ChangeKind::FieldMoved { old, new } => {
                write!(f, "field moved from position {old} to {new}")
            }
            ChangeKind::AttrsChanged { old, new } => {
                f.write_str("serde attributes changed ")?;
                list(f, old)?;
                f.write_str(" -> ")?;
                list(f, new)
            }
            ChangeKind::TypeChanged { old, new } => write!(f, "type changed {old} -> {new}"),
            ChangeKind::ShapeChanged { old, new } => write!(f, "shape changed {old} -> {new}"),
            ChangeKind::VariantAdded => f.write_str("variant added"),
            ChangeKind::VariantRemoved => f.write_str("variant removed"),
            ChangeKind::VariantRenamed { old, new } => {
                write!(f, "variant renamed {old} -> {new}")
            }
            ChangeKind::VariantMoved { old, new } => {
                write!(f, "variant moved from index {old} to {new}")
            }
            ChangeKind::KindChanged { old, new } => {
                write!(f, "kind changed {} -> {}", kind_name(*old), kind_name(*new))
            }
            ChangeKind::LenChanged { old, new } => write!(f, "length changed {old} -> {new}"),
            ChangeKind::NamedChanged { old, new } => {
                write!(f, "meaning changed {old:?} -> {new:?}")
            }
            ChangeKind::OpaqueChanged { old, new } => {
                write!(f, "opaque shape changed {old:?} -> {new:?}")
            }
            ChangeKind::DiscriminantChanged { old, new } => {
                write!(f, "discriminant changed {old} -> {new}")
            }
            ChangeKind::Unsupported { what } => {
                write!(f, "{what}, which some formats cannot carry")
            }
            ChangeKind::Truncated => f.write_str(
                "comparison stopped: too large to compare within objfp's budgets, taken as \
                 breaking in every format",
            ),
        }
    }
}

/// A rule that decides a [`Finding`], and where it is in force.
///
/// ```
/// use objfp::TypeFingerprint;
/// let report = objfp::compat::check(u16::DESCRIPTION, u32::DESCRIPTION);
/// let reason = &report.changes()[0].reasons()[0];
/// assert_eq!(reason.rule.id, "int-widened");
/// assert!(reason.verdict().backward.contains(objfp::compat::Format::Postcard));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Reason {
    /// The rule.
    pub rule: &'static Rule,
    /// Formats (per direction) the rule is in force for here; elsewhere another
    /// consideration decides (a field's name matters only to formats that write names).
    pub applies: Verdict,
}

impl Reason {
    /// The formats this reason allows, per direction.
    ///
    /// ```
    /// use objfp::compat::{rule, Reason, Verdict, Format};
    /// let r = Reason { rule: rule("option-added").unwrap(), applies: Verdict::ALL };
    /// assert!(r.verdict().backward.contains(Format::Json));
    /// assert!(!r.verdict().forward.contains(Format::Json));
    /// ```
    pub fn verdict(&self) -> Verdict {
        let mut v = Verdict::ALL;
        for format in Format::ALL {
            let cell = self.rule.cell(format);
            let one = FormatSet::only(format);
            if self.applies.backward.contains(format) && !cell.backward() {
                v.backward = v.backward.difference(one);
            }
            if self.applies.forward.contains(format) && !cell.forward() {
                v.forward = v.forward.difference(one);
            }
        }
        v
    }

    /// Formats in which this reason says the type cannot be carried.
    ///
    /// ```
    /// use objfp::compat::{rule, Reason, Verdict};
    /// let r = Reason { rule: rule("unsupported-flatten").unwrap(), applies: Verdict::ALL };
    /// assert_eq!(r.unsupported().to_string(), "postcard bincode bincode-fixint");
    /// ```
    pub fn unsupported(&self) -> FormatSet {
        let applies = self.applies.backward.union(self.applies.forward);
        Format::ALL
            .into_iter()
            .filter(|f| applies.contains(*f) && self.rule.cell(*f) == Cell::Unsupported)
            .collect()
    }
}

/// One change, where it is, its verdict per format and the rules behind it.
///
/// ```
/// use objfp::TypeFingerprint;
/// use objfp::compat::Format;
///
/// let report = objfp::compat::check(u32::DESCRIPTION, Option::<u32>::DESCRIPTION);
/// let finding = &report.changes()[0];
/// assert_eq!(finding.path(), "Option<u32>");
/// assert!(finding.backward(Format::Json));
/// assert!(!finding.backward(Format::Postcard));
/// assert_eq!(finding.rules().next().unwrap().id, "option-added");
/// ```
#[derive(Clone, Debug)]
pub struct Finding {
    pub(crate) path: String,
    pub(crate) change: ChangeKind,
    pub(crate) reasons: Vec<Reason>,
    pub(crate) verdict: Verdict,
}

impl Finding {
    pub(crate) fn new(path: String, change: ChangeKind) -> Finding {
        Finding {
            path,
            change,
            reasons: Vec::new(),
            verdict: Verdict::ALL,
        }
    }

    pub(crate) fn add(&mut self, reason: Reason) {
        if reason.applies.backward.is_empty() && reason.applies.forward.is_empty() {
            return;
        }
        self.verdict = self.verdict.and(reason.verdict());
        let unsupported = reason.unsupported();
        self.verdict.backward = self.verdict.backward.difference(unsupported);
        self.verdict.forward = self.verdict.forward.difference(unsupported);
        self.reasons.push(reason);
    }

    /// Where, such as `Order.note` (the notation of [`crate::diff`]).
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(Vec::<u8>::DESCRIPTION, Vec::<u16>::DESCRIPTION);
    /// assert_eq!(r.changes()[0].path(), "Vec<u16>[]");
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What changed.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert_eq!(r.changes()[0].change().to_string(), "type changed u8 -> u16");
    /// ```
    pub fn change(&self) -> &ChangeKind {
        &self.change
    }

    /// The verdict for this change alone.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert_eq!(r.changes()[0].verdict().forward.to_string(), "none");
    /// ```
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// Whether the new type reads the old one's values here, in `format`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert!(r.changes()[0].backward(objfp::compat::Format::Cbor));
    /// ```
    pub fn backward(&self, format: Format) -> bool {
        self.verdict.backward.contains(format)
    }

    /// Whether the old type reads the new one's values here, in `format`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert!(!r.changes()[0].forward(objfp::compat::Format::Cbor));
    /// ```
    pub fn forward(&self, format: Format) -> bool {
        self.verdict.forward.contains(format)
    }

    /// The reasons: each rule that decides this change and where it is in force.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert_eq!(r.changes()[0].reasons().len(), 1);
    /// ```
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The rules that decide this change.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert_eq!(r.changes()[0].rules().next().unwrap().id, "int-widened-from-byte");
    /// ```
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.reasons.iter().map(|r| r.rule)
    }

    /// The finding as one line, its verdict for `compatibility` beside it:
    /// `path: change  backward: json cbor; breaking: postcard ..`.
    /// [`Compatibility::None`] shows both directions.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// use objfp::compat::Compatibility;
    /// let r = objfp::compat::check(u16::DESCRIPTION, u32::DESCRIPTION);
    /// assert_eq!(
    ///     r.changes()[0].with_verdict(Compatibility::Backward).to_string(),
    ///     "u32: type changed u16 -> u32  backward: json cbor msgpack msgpack-named postcard bincode; breaking: bincode-fixint",
    /// );
    /// assert_eq!(
    ///     r.changes()[0].with_verdict(Compatibility::None).to_string(),
    ///     "u32: type changed u16 -> u32  backward: json cbor msgpack msgpack-named postcard bincode; forward: none",
    /// );
    /// ```
    pub fn with_verdict(&self, compatibility: Compatibility) -> WithVerdict<'_> {
        WithVerdict {
            finding: self,
            compatibility,
        }
    }

    /// Formats that cannot carry the type because of what this finding names.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let r = objfp::compat::check(u8::DESCRIPTION, u16::DESCRIPTION);
    /// assert!(r.changes()[0].unsupported().is_empty());
    /// ```
    pub fn unsupported(&self) -> FormatSet {
        self.reasons
            .iter()
            .fold(FormatSet::EMPTY, |s, r| s.union(r.unsupported()))
    }
}

/// A [`Finding`] as one line with its verdict: from [`Finding::with_verdict`].
///
/// ```
/// use objfp::TypeFingerprint;
/// use objfp::compat::{Compatibility, WithVerdict};
/// let r = objfp::compat::check(u8::DESCRIPTION, i64::DESCRIPTION);
/// let line: WithVerdict<'_> = r.changes()[0].with_verdict(Compatibility::Full);
/// assert!(line.to_string().ends_with("full: none; breaking: json cbor msgpack msgpack-named postcard bincode bincode-fixint"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct WithVerdict<'a> {
    finding: &'a Finding,
    compatibility: Compatibility,
}

impl fmt::Display for WithVerdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.finding.verdict;
        write!(f, "{}: {}  ", self.finding.path, self.finding.change)?;
        match self.compatibility {
            Compatibility::None => write!(f, "backward: {}; forward: {}", v.backward, v.forward),
            c => split(f, c.name(), v.formats(c)),
        }
    }
}

/// A report's changes, one line each with its verdict: from [`Report::with_verdicts`].
///
/// ```
/// use objfp::TypeFingerprint;
/// use objfp::compat::{Compatibility, WithVerdicts};
/// let r = objfp::compat::check(u8::DESCRIPTION, u8::DESCRIPTION);
/// let lines: WithVerdicts<'_> = r.with_verdicts(Compatibility::Backward);
/// assert_eq!(lines.to_string(), "");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct WithVerdicts<'a> {
    pub(crate) findings: &'a [Finding],
    pub(crate) compatibility: Compatibility,
}

impl fmt::Display for WithVerdicts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in self.findings {
            writeln!(f, "{}", finding.with_verdict(self.compatibility))?;
        }
        Ok(())
    }
}

fn split(f: &mut fmt::Formatter<'_>, label: &str, ok: FormatSet) -> fmt::Result {
    write!(f, "{label}: {ok}")?;
    let bad = FormatSet::ALL.difference(ok);
    if !bad.is_empty() {
        write!(f, "; breaking: {bad}")?;
    }
    Ok(())
}

/// `path: change`, then one line per direction, then the rules and why.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.change)?;
        let unsupported = self.unsupported();
        if !unsupported.is_empty() {
            write!(f, "\n  cannot be carried by: {unsupported}")?;
        }
        f.write_str("\n  ")?;
        split(f, "backward", self.verdict.backward)?;
        f.write_str("\n  ")?;
        split(f, "forward", self.verdict.forward)?;
        for reason in &self.reasons {
            write!(f, "\n  [{}] {}", reason.rule.id, reason.rule.why)?;
            let v = reason.verdict();
            let breaks = FormatSet::ALL
                .difference(v.backward)
                .union(FormatSet::ALL.difference(v.forward));
            if !breaks.is_empty() {
                write!(f, " (breaks: {breaks})")?;
            }
        }
        Ok(())
    }
}

/// A summary line per direction, then every finding.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.identical {
            return write!(
                f,
                "{} -> {}: identical fingerprints, compatible in every format",
                self.old, self.new
            );
        }
        let n = self.findings.len();
        let s = if n == 1 { "" } else { "s" };
        writeln!(f, "{} -> {}: {n} change{s}", self.old, self.new)?;
        write!(f, "backward (new reads old): {}", self.verdict.backward)?;
        write!(f, "\nforward (old reads new): {}", self.verdict.forward)?;
        if !self.unsupported.is_empty() {
            write!(f, "\ncannot be carried by: {}", self.unsupported)?;
        }
        for finding in &self.findings {
            write!(f, "\n{finding}")?;
        }
        Ok(())
    }
}
