//! The wire formats verdicts are given for, and sets of them.

use core::fmt;

/// A serde wire format, with the configuration a verdict is about.
///
/// ```
/// use objfp::compat::Format;
///
/// assert_eq!(Format::MessagePackNamed.name(), "msgpack-named");
/// assert!(Format::Json.is_self_describing());
/// assert!(!Format::Postcard.is_self_describing());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `serde_json`: structs as maps, enums by variant name, numbers as text.
    Json,
    /// CBOR with `ciborium`: structs as maps, enums by variant name.
    Cbor,
    /// MessagePack with `rmp-serde`'s default (`rmp_serde::to_vec`): structs as arrays,
    /// enums by variant name.
    MessagePack,
    /// MessagePack with structs as maps (`rmp_serde::to_vec_named`).
    MessagePackNamed,
    /// `postcard`: no lengths for structs, varint integers (`u8` a raw byte, signed
    /// integers zigzag), enums by variant index.
    Postcard,
    /// `bincode` 2 with `config::standard()`: like postcard, bincode's own varints.
    Bincode,
    /// `bincode` with fixed-width little-endian integers (`config::legacy()`, bincode 1).
    BincodeFixint,
}

impl Format {
    /// Every format, in the order reports list them.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Format::ALL.len(), 7);
    /// ```
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Cbor,
        Format::MessagePack,
        Format::MessagePackNamed,
        Format::Postcard,
        Format::Bincode,
        Format::BincodeFixint,
    ];

    /// The short name used in reports and in `COMPAT.md`.
    ///
    /// ```
    /// assert_eq!(objfp::compat::Format::BincodeFixint.name(), "bincode-fixint");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Cbor => "cbor",
            Format::MessagePack => "msgpack",
            Format::MessagePackNamed => "msgpack-named",
            Format::Postcard => "postcard",
            Format::Bincode => "bincode",
            Format::BincodeFixint => "bincode-fixint",
        }
    }

    /// The format with this [`name`](Format::name).
    ///
    /// ```
    /// use objfp::compat::Format;
    /// assert_eq!(Format::from_name("msgpack"), Some(Format::MessagePack));
    /// assert_eq!(Format::from_name("xml"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether a reader can tell what kind of value comes next without knowing the type
    /// (JSON, CBOR, MessagePack): what `flatten`, `untagged` and internally tagged enums
    /// need.
    ///
    /// ```
    /// assert!(objfp::compat::Format::Cbor.is_self_describing());
    /// ```
    pub const fn is_self_describing(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Cbor | Format::MessagePack | Format::MessagePackNamed
        )
    }

    /// Whether serde's `is_human_readable()` is true (which side of an
    /// [`Shape::Readable`](crate::Shape::Readable) type is written).
    ///
    /// ```
    /// assert!(objfp::compat::Format::Json.is_human_readable());
    /// assert!(!objfp::compat::Format::Cbor.is_human_readable());
    /// ```
    pub const fn is_human_readable(self) -> bool {
        matches!(self, Format::Json)
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of [`Format`]s, displayed as their names separated by spaces (`json cbor`), or
/// `none`.
///
/// ```
/// use objfp::compat::{Format, FormatSet};
///
/// let set = FormatSet::of(&[Format::Json, Format::Cbor]);
/// assert!(set.contains(Format::Json));
/// assert!(!set.contains(Format::Postcard));
/// assert_eq!(set.to_string(), "json cbor");
/// assert_eq!(FormatSet::EMPTY.to_string(), "none");
/// assert_eq!(FormatSet::ALL.len(), 7);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FormatSet(u8);

impl FormatSet {
    /// No format.
    ///
    /// ```
    /// assert!(objfp::compat::FormatSet::EMPTY.is_empty());
    /// ```
    pub const EMPTY: FormatSet = FormatSet(0);
    /// Every format.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert!(FormatSet::ALL.contains(Format::BincodeFixint));
    /// ```
    pub const ALL: FormatSet = FormatSet(0x7f);
    /// The self-describing formats: JSON, CBOR and both MessagePack forms.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert!(FormatSet::SELF_DESCRIBING.contains(Format::MessagePack));
    /// assert!(!FormatSet::SELF_DESCRIBING.contains(Format::Postcard));
    /// ```
    pub const SELF_DESCRIBING: FormatSet = FormatSet::of(&[
        Format::Json,
        Format::Cbor,
        Format::MessagePack,
        Format::MessagePackNamed,
    ]);

    /// The set of these formats.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert_eq!(FormatSet::of(&[Format::Postcard]).len(), 1);
    /// ```
    pub const fn of(formats: &[Format]) -> FormatSet {
        let mut bits = 0;
        let mut i = 0;
        while i < formats.len() {
            bits |= formats[i].bit();
            i += 1;
        }
        FormatSet(bits)
    }

    /// The set of one format.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert!(FormatSet::only(Format::Cbor).contains(Format::Cbor));
    /// ```
    pub const fn only(format: Format) -> FormatSet {
        FormatSet(format.bit())
    }

    /// Whether `format` is in the set.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert!(FormatSet::ALL.contains(Format::Json));
    /// ```
    pub const fn contains(self, format: Format) -> bool {
        self.0 & format.bit() != 0
    }

    /// Whether every format of `other` is in the set.
    ///
    /// ```
    /// use objfp::compat::FormatSet;
    /// assert!(FormatSet::ALL.contains_all(FormatSet::SELF_DESCRIBING));
    /// ```
    pub const fn contains_all(self, other: FormatSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// The formats in either set.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// let s = FormatSet::only(Format::Json).union(FormatSet::only(Format::Cbor));
    /// assert_eq!(s.len(), 2);
    /// ```
    pub const fn union(self, other: FormatSet) -> FormatSet {
        FormatSet(self.0 | other.0)
    }

    /// The formats in both sets.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// let s = FormatSet::ALL.intersection(FormatSet::only(Format::Json));
    /// assert_eq!(s, FormatSet::only(Format::Json));
    /// ```
    pub const fn intersection(self, other: FormatSet) -> FormatSet {
        FormatSet(self.0 & other.0)
    }

    /// The formats of this set that are not in `other`.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// let s = FormatSet::ALL.difference(FormatSet::SELF_DESCRIBING);
    /// assert_eq!(s.to_string(), "postcard bincode bincode-fixint");
    /// ```
    pub const fn difference(self, other: FormatSet) -> FormatSet {
        FormatSet(self.0 & !other.0)
    }

    /// Whether the set has no format.
    ///
    /// ```
    /// assert!(!objfp::compat::FormatSet::ALL.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many formats the set has.
    ///
    /// ```
    /// assert_eq!(objfp::compat::FormatSet::SELF_DESCRIBING.len(), 4);
    /// ```
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The formats of the set, in [`Format::ALL`] order.
    ///
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// let v: Vec<Format> = FormatSet::of(&[Format::Cbor, Format::Json]).iter().collect();
    /// assert_eq!(v, [Format::Json, Format::Cbor]);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl From<Format> for FormatSet {
    fn from(format: Format) -> FormatSet {
        FormatSet::only(format)
    }
}

impl<const N: usize> From<[Format; N]> for FormatSet {
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// assert_eq!(FormatSet::from([Format::Json, Format::Cbor]).len(), 2);
    /// ```
    fn from(formats: [Format; N]) -> FormatSet {
        FormatSet::of(&formats)
    }
}

impl From<&[Format]> for FormatSet {
    /// ```
    /// use objfp::compat::{Format, FormatSet};
    /// let formats: &[Format] = &[Format::Postcard];
    /// assert_eq!(FormatSet::from(formats), FormatSet::only(Format::Postcard));
    /// ```
    fn from(formats: &[Format]) -> FormatSet {
        FormatSet::of(formats)
    }
}

impl FromIterator<Format> for FormatSet {
    fn from_iter<I: IntoIterator<Item = Format>>(iter: I) -> FormatSet {
        iter.into_iter()
            .fold(FormatSet::EMPTY, |s, f| s.union(FormatSet::only(f)))
    }
}

impl fmt::Display for FormatSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (i, format) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(format.name())?;
        }
        Ok(())
    }
}

/// Formats grouped by how they write a struct and an enum, as the rules use them.
pub(crate) mod families {
    use super::{Format, FormatSet};

    /// Named structs written as maps (field names on the wire).
    pub const STRUCT_MAP: FormatSet =
        FormatSet::of(&[Format::Json, Format::Cbor, Format::MessagePackNamed]);
    /// Variants written by name.
    pub const VARIANT_NAME: FormatSet = FormatSet::SELF_DESCRIBING;
    /// Variants written by index.
    pub const VARIANT_INDEX: FormatSet =
        FormatSet::of(&[Format::Postcard, Format::Bincode, Format::BincodeFixint]);
    /// Human-readable formats.
    pub const HUMAN: FormatSet = FormatSet::of(&[Format::Json]);
}
