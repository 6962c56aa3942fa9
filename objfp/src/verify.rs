//! Checking a received fingerprint against the type a reader expects.
//!
//! [`verify`] needs nothing but the two fingerprints; [`FingerprintTable::verify`]
//! (feature `alloc`) also names the type that wrote the data and lists what changed.
//!
//! [`FingerprintTable::verify`]: crate::FingerprintTable::verify

use core::fmt;

#[cfg(feature = "alloc")]
use alloc::{boxed::Box, vec::Vec};

#[cfg(feature = "alloc")]
use crate::compat::{Format, Report};
#[cfg(feature = "alloc")]
use crate::diff::Change;
use crate::{Description, Fingerprint, TypeFingerprint};

/// Checks that `received` is the fingerprint of `T`.
///
/// # Errors
/// A [`Mismatch`] naming `T` and both fingerprints when they differ. To also learn which
/// type wrote the data and what changed, use `FingerprintTable::verify` (feature `alloc`).
///
/// ```
/// use objfp::TypeFingerprint;
///
/// #[derive(TypeFingerprint)]
/// struct Order {
///     id: u64,
/// }
///
/// assert!(objfp::verify::<Order>(&Order::FINGERPRINT).is_ok());
///
/// let err = objfp::verify::<Order>(&u64::FINGERPRINT).unwrap_err();
/// assert_eq!(err.expected(), Order::FINGERPRINT);
/// assert_eq!(err.received(), u64::FINGERPRINT);
/// assert!(err.to_string().contains("`Order`"));
/// eprintln!("{err}");
/// ```
pub fn verify<T: TypeFingerprint + ?Sized>(received: &Fingerprint) -> Result<(), Mismatch> {
    if *received == T::FINGERPRINT {
        Ok(())
    } else {
        Err(Mismatch::new::<T>(*received, Lookup::NoTable))
    }
}

/// What was known about the received fingerprint.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Lookup {
    /// Checked without a table.
    NoTable,
    /// Not in the table consulted.
    #[cfg(feature = "alloc")]
    Unknown,
    /// In the table, with this description.
    #[cfg(feature = "alloc")]
    Known(&'static Description),
}

/// A received fingerprint is not the one expected: the data was written by a type with
/// another serialized shape.
///
/// Its `Display` is a multi-line message for people: the expected type, both short
/// fingerprints, and, when it came from `FingerprintTable::verify` (feature `alloc`) and the
/// table knows the received fingerprint, the type that wrote the data and the structural
/// differences.
/// The pieces are available from its methods.
///
/// ```
/// use objfp::TypeFingerprint;
///
/// let err = objfp::verify::<u32>(&i32::FINGERPRINT).unwrap_err();
/// assert_eq!(err.expected_type(), "u32");
/// assert!(err.received_description().is_none());
/// let text = err.to_string();
/// assert!(text.contains(&u32::FINGERPRINT.short().to_string()));
/// assert!(text.contains(&i32::FINGERPRINT.short().to_string()));
/// let _: &dyn core::error::Error = &err;
/// ```
pub struct Mismatch {
    expected_type: &'static str,
    expected: Fingerprint,
    received: Fingerprint,
    lookup: Lookup,
    /// What a table added; boxed so that `Result<(), Mismatch>` stays small.
    #[cfg(feature = "alloc")]
    table: Option<Box<TableDetail>>,
}

/// What a [`FingerprintTable`](crate::FingerprintTable) knows about a mismatch.
#[cfg(feature = "alloc")]
#[derive(Default)]
struct TableDetail {
    /// The table's name for the expected type, when it has one.
    expected_name: Option<&'static str>,
    received_names: Vec<&'static str>,
    changes: Vec<Change>,
    /// From `verify_compatible`: the format, and why the expected type does not read the
    /// received version in it.
    compat: Option<(Format, Report)>,
}

impl Mismatch {
    pub(crate) fn new<T: TypeFingerprint + ?Sized>(received: Fingerprint, lookup: Lookup) -> Self {
        Mismatch {
            expected_type: core::any::type_name::<T>(),
            expected: T::FINGERPRINT,
            received,
            lookup,
            #[cfg(feature = "alloc")]
            table: None,
        }
    }

    #[cfg(feature = "alloc")]
    fn detail_mut(&mut self) -> &mut TableDetail {
        self.table.get_or_insert_with(Box::default)
    }

    /// Names the expected type as the table consulted does.
    #[cfg(feature = "alloc")]
    pub(crate) fn with_expected_name(mut self, name: &'static str) -> Self {
        self.detail_mut().expected_name = Some(name);
        self
    }

    /// Adds what a table knows about the received fingerprint.
    #[cfg(feature = "alloc")]
    pub(crate) fn with_known(mut self, names: &[&'static str], changes: Vec<Change>) -> Self {
        let detail = self.detail_mut();
        detail.received_names = names.to_vec();
        detail.changes = changes;
        self
    }

    /// Adds the verdicts that made `verify_compatible` refuse the received version.
    #[cfg(feature = "alloc")]
    pub(crate) fn with_compat(mut self, format: Format, report: Report) -> Self {
        self.detail_mut().compat = Some((format, report));
        self
    }

    /// The expected type's name for people: the table's, or the short Rust name.
    fn expected_label(&self) -> ShortTypeName<'static> {
        #[cfg(feature = "alloc")]
        if let Some(name) = self.table.as_ref().and_then(|d| d.expected_name) {
            return ShortTypeName(name);
        }
        ShortTypeName(self.expected_type)
    }

    /// The expected type's name, as [`core::any::type_name`] gives it (with its path).
    ///
    /// ```
    /// let err = objfp::verify::<Vec<u8>>(&objfp::Fingerprint::from_bytes([0; 32])).unwrap_err();
    /// assert!(err.expected_type().ends_with("Vec<u8>"));
    /// ```
    pub fn expected_type(&self) -> &'static str {
        self.expected_type
    }

    /// The expected type's fingerprint.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let err = objfp::verify::<u8>(&u16::FINGERPRINT).unwrap_err();
    /// assert_eq!(err.expected(), u8::FINGERPRINT);
    /// ```
    pub fn expected(&self) -> Fingerprint {
        self.expected
    }

    /// The fingerprint received.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let err = objfp::verify::<u8>(&u16::FINGERPRINT).unwrap_err();
    /// assert_eq!(err.received(), u16::FINGERPRINT);
    /// ```
    pub fn received(&self) -> Fingerprint {
        self.received
    }

    /// The description of the received fingerprint's type, when the table consulted knows
    /// it; `None` from [`verify`] and for fingerprints the table does not know.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// let err = objfp::verify::<u8>(&u16::FINGERPRINT).unwrap_err();
    /// assert!(err.received_description().is_none());
    /// ```
    pub fn received_description(&self) -> Option<&'static Description> {
        match self.lookup {
            #[cfg(feature = "alloc")]
            Lookup::Known(d) => Some(d),
            _ => None,
        }
    }

    /// The names the table consulted has for the received fingerprint, sorted; empty when
    /// it is unknown or no table was consulted.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<u16>("Port");
    /// let err = table.verify::<u8>(&u16::FINGERPRINT).unwrap_err();
    /// assert_eq!(err.received_names(), ["Port"]);
    /// ```
    #[cfg(feature = "alloc")]
    pub fn received_names(&self) -> &[&'static str] {
        self.table.as_deref().map_or(&[], |d| &d.received_names)
    }

    /// The structural changes from the received type to the expected one, as
    /// [`diff`](crate::diff::diff) reports them; empty unless the table consulted knows the
    /// received fingerprint.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// #[derive(TypeFingerprint)]
    /// struct PriceV1 {
    ///     cents: u32,
    /// }
    /// #[derive(TypeFingerprint)]
    /// struct Price {
    ///     cents: u64,
    /// }
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<PriceV1>("PriceV1");
    /// let err = table.verify::<Price>(&PriceV1::FINGERPRINT).unwrap_err();
    /// assert!(!err.changes().is_empty());
    /// for change in err.changes() {
    ///     println!("{change}");
    /// }
    /// ```
    #[cfg(feature = "alloc")]
    pub fn changes(&self) -> &[Change] {
        self.table.as_deref().map_or(&[], |d| &d.changes)
    }

    /// From [`FingerprintTable::verify_compatible`](crate::FingerprintTable::verify_compatible):
    /// the verdicts for moving from the received version to the expected type, which
    /// refused it ([`Report::breaking`] lists the changes that break backward
    /// compatibility in [`format`](Self::format)). `None` otherwise.
    ///
    /// ```
    /// use objfp::compat::{Format, Policy};
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<u64>("IdV1");
    /// let err = table.verify_compatible::<u32>(&u64::FINGERPRINT, Format::Json).unwrap_err();
    /// let report = err.compat_report().unwrap();
    /// assert_eq!(report.breaking(Policy::backward(Format::Json)).count(), 1);
    /// assert!(table.verify::<u32>(&u64::FINGERPRINT).unwrap_err().compat_report().is_none());
    /// ```
    #[cfg(feature = "alloc")]
    pub fn compat_report(&self) -> Option<&Report> {
        self.table
            .as_deref()
            .and_then(|d| d.compat.as_ref().map(|(_, r)| r))
    }

    /// The format [`FingerprintTable::verify_compatible`](crate::FingerprintTable::verify_compatible)
    /// checked, when the mismatch came from it.
    ///
    /// ```
    /// use objfp::compat::Format;
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let table = FingerprintTable::new();
    /// let err = table.verify_compatible::<u32>(&u64::FINGERPRINT, Format::Cbor).unwrap_err();
    /// assert_eq!(err.format(), None); // the table does not know u64: nothing was compared
    /// ```
    #[cfg(feature = "alloc")]
    pub fn format(&self) -> Option<Format> {
        self.table
            .as_deref()
            .and_then(|d| d.compat.as_ref().map(|(f, _)| *f))
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = self.expected_label();
        writeln!(
            f,
            "fingerprint mismatch: expected `{expected}`, received data written by a type with a different serialized shape"
        )?;
        writeln!(f, "  expected: {} `{expected}`", self.expected.short())?;
        write!(f, "  received: {}", self.received.short())?;
        match self.lookup {
            Lookup::NoTable => {
                writeln!(f, " (type unknown)")?;
                write!(
                    f,
                    "  the writer's `{expected}` is another version, or the data is of another type; \
                     register the writer's types in a `FingerprintTable` and check with \
                     `table.verify` to see what changed"
                )
            }
            #[cfg(feature = "alloc")]
            Lookup::Unknown => {
                writeln!(f, " (type unknown: not in the table)")?;
                write!(
                    f,
                    "  the writer uses a type this reader has never registered (a newer version \
                     of `{expected}`?): upgrade the reader, or register that version to see \
                     what changed"
                )
            }
            #[cfg(feature = "alloc")]
            Lookup::Known(_) => self.fmt_known(f, expected),
        }
    }
}

#[cfg(feature = "alloc")]
impl Mismatch {
    fn fmt_known(&self, f: &mut fmt::Formatter<'_>, expected: ShortTypeName<'_>) -> fmt::Result {
        let (first, others) = match self.received_names().split_first() {
            Some((first, others)) => (*first, others),
            None => ("an unnamed type", &[][..]),
        };
        write!(f, " `{first}`")?;
        if !others.is_empty() {
            f.write_str(" (same shape: ")?;
            for (i, name) in others.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "`{name}`")?;
            }
            f.write_str(")")?;
        }
        writeln!(f)?;
        if let Some((format, report)) = self.table.as_deref().and_then(|d| d.compat.as_ref()) {
            writeln!(
                f,
                "  `{expected}` does not read what `{first}` writes in {format}: these changes \
                 break backward compatibility"
            )?;
            crate::table::write_breaking(f, report, *format)?;
        } else if self.changes().is_empty() {
            writeln!(
                f,
                "  no field-level difference found between `{first}` and `{expected}`"
            )?;
        } else {
            writeln!(f, "  what changed from `{first}` to `{expected}`:")?;
            for change in self.changes() {
                writeln!(f, "    - {change}")?;
            }
        }
        write!(
            f,
            "  to read this data, decode it as `{first}` and convert it to `{expected}`; \
             or deploy writer and reader with the same version"
        )
    }
}

impl fmt::Debug for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Mismatch");
        s.field("expected_type", &self.expected_type)
            .field("expected", &self.expected)
            .field("received", &self.received)
            .field(
                "received_type",
                &self.received_description().map(|d| d.name),
            );
        #[cfg(feature = "alloc")]
        s.field("received_names", &self.received_names())
            .field("changes", &DisplayList(self.changes()));
        s.finish()
    }
}

/// Debug-formats a list through its items' `Display`.
#[cfg(feature = "alloc")]
struct DisplayList<'a, T>(&'a [T]);

#[cfg(feature = "alloc")]
impl<T: fmt::Display> fmt::Debug for DisplayList<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|c| DisplayAsDebug(c)))
            .finish()
    }
}

#[cfg(feature = "alloc")]
struct DisplayAsDebug<'a, T>(&'a T);

#[cfg(feature = "alloc")]
impl<T: fmt::Display> fmt::Debug for DisplayAsDebug<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0)
    }
}

impl core::error::Error for Mismatch {}

/// Displays a [`core::any::type_name`] without module paths:
/// `alloc::vec::Vec<app::v2::Order>` as `Vec<Order>`.
#[derive(Clone, Copy)]
pub(crate) struct ShortTypeName<'a>(pub(crate) &'a str);

impl fmt::Display for ShortTypeName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b':' && bytes.get(i + 1) == Some(&b':') {
                // A path segment: drop it.
                i += 2;
                start = i;
                continue;
            }
            if matches!(
                bytes[i],
                b'<' | b'>' | b'(' | b')' | b'[' | b']' | b',' | b';' | b' ' | b'&' | b'*'
            ) {
                f.write_str(text.get(start..=i).unwrap_or_default())?;
                start = i + 1;
            }
            i += 1;
        }
        f.write_str(text.get(start..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::ShortTypeName;

    extern crate std;
    use std::string::ToString;

    #[test]
    fn short_type_names() {
        let cases = [
            ("u32", "u32"),
            ("app::v2::Order", "Order"),
            ("alloc::vec::Vec<app::Item>", "Vec<Item>"),
            (
                "std::collections::HashMap<alloc::string::String, (u8, a::B)>",
                "HashMap<String, (u8, B)>",
            ),
            ("[core::option::Option<x::Y>; 3]", "[Option<Y>; 3]"),
            ("&dyn core::fmt::Debug", "&dyn Debug"),
        ];
        for (full, short) in cases {
            assert_eq!(ShortTypeName(full).to_string(), short);
        }
    }
}
