//! Run-time lookup by fingerprint: which type wrote this data, what changed, and how to
//! decode it.

use alloc::vec::Vec;
use core::fmt;

use crate::compat::{self, Format, Report};
use crate::verify::{Lookup, Mismatch};
use crate::{Description, Fingerprint, TypeFingerprint};

mod decoders;

pub(crate) use decoders::write_breaking;
pub use decoders::{DecodeError, Decoders};

/// Types known to a program, by fingerprint.
///
/// Register each type with a display name; look a received fingerprint up to learn which
/// type wrote the data ([`get`](Self::get)), or check it against the type you expect and
/// learn what changed ([`verify`](Self::verify)).
///
/// Structurally identical types share a fingerprint by design, so one entry can carry
/// several names: the table keeps them all ([`TableEntry::names`]). Iteration is in a
/// stable order: by fingerprint, and each entry's names sorted.
///
/// ```
/// use objfp::{FingerprintTable, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// struct OrderV1 {
///     id: u64,
///     cents: u32,
/// }
/// #[derive(TypeFingerprint)]
/// struct OrderV2 {
///     id: u64,
///     cents: u64,
/// }
/// #[derive(TypeFingerprint)]
/// struct LegacyOrder {
///     id: u64,
///     cents: u32,
/// }
///
/// let mut table = FingerprintTable::new();
/// table
///     .register::<OrderV1>("OrderV1")
///     .register::<OrderV2>("OrderV2")
///     .register::<LegacyOrder>("LegacyOrder");
/// assert_eq!(table.len(), 2);
///
/// let entry = table.get(&OrderV1::FINGERPRINT).unwrap();
/// assert_eq!(entry.names(), ["LegacyOrder", "OrderV1"]);
///
/// for entry in &table {
///     println!("{}  {}", entry.fingerprint().short(), entry.names().join(", "));
/// }
/// ```
#[derive(Default)]
pub struct FingerprintTable {
    /// Sorted by fingerprint, unique: a binary search is faster than a `BTreeMap` here and
    /// registration happens once.
    entries: Vec<TableEntry>,
    /// The first 8 bytes of each entry's fingerprint (big-endian, so they sort alike),
    /// searched first: compact, and one integer comparison per step.
    prefixes: Vec<u64>,
}

/// One fingerprint known to a [`FingerprintTable`], with every name registered for it.
///
/// ```
/// use objfp::{FingerprintTable, TypeFingerprint};
///
/// let mut table = FingerprintTable::new();
/// table.register::<u64>("Timestamp").register::<u64>("Id");
/// let entry = table.get(&u64::FINGERPRINT).unwrap();
/// assert_eq!(entry.fingerprint(), u64::FINGERPRINT);
/// assert_eq!(entry.name(), "Id");
/// assert_eq!(entry.names(), ["Id", "Timestamp"]);
/// assert_eq!(entry.description().name, "u64");
/// ```
pub struct TableEntry {
    fingerprint: Fingerprint,
    description: &'static Description,
    names: Vec<&'static str>,
}

impl TableEntry {
    /// The fingerprint.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<bool>("Flag");
    /// assert_eq!(table.iter().next().unwrap().fingerprint(), bool::FINGERPRINT);
    /// ```
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The canonical form behind the fingerprint (of the first type registered with it).
    ///
    /// ```
    /// use objfp::{FingerprintTable, Shape, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<Vec<u8>>("Blob");
    /// let entry = table.get(&<Vec<u8>>::FINGERPRINT).unwrap();
    /// assert!(matches!(entry.description().shape, Shape::Seq(_)));
    /// ```
    pub fn description(&self) -> &'static Description {
        self.description
    }

    /// The first of [`names`](Self::names) in sorted order.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<u8>("b").register::<u8>("a");
    /// assert_eq!(table.get(&u8::FINGERPRINT).unwrap().name(), "a");
    /// ```
    pub fn name(&self) -> &'static str {
        self.names.first().copied().unwrap_or_default()
    }

    /// Every name registered with this fingerprint, sorted, without duplicates.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<u8>("Byte").register::<u8>("Level").register::<u8>("Byte");
    /// assert_eq!(table.get(&u8::FINGERPRINT).unwrap().names(), ["Byte", "Level"]);
    /// ```
    pub fn names(&self) -> &[&'static str] {
        &self.names
    }
}

impl fmt::Debug for TableEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableEntry")
            .field("fingerprint", &self.fingerprint)
            .field("names", &self.names)
            .finish()
    }
}

impl FingerprintTable {
    /// An empty table.
    ///
    /// ```
    /// const TABLE: objfp::FingerprintTable = objfp::FingerprintTable::new();
    /// assert!(TABLE.is_empty());
    /// ```
    pub const fn new() -> Self {
        FingerprintTable {
            entries: Vec::new(),
            prefixes: Vec::new(),
        }
    }

    /// Registers `T` under `name`. Registering a second name for the same fingerprint adds
    /// it to the entry's names; registering a name twice has no effect.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// #[derive(TypeFingerprint)]
    /// struct Ping {
    ///     seq: u32,
    /// }
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<Ping>("Ping");
    /// assert_eq!(table.get(&Ping::FINGERPRINT).unwrap().name(), "Ping");
    /// ```
    pub fn register<T: TypeFingerprint + ?Sized>(&mut self, name: &'static str) -> &mut Self {
        self.register_description(name, T::DESCRIPTION)
    }

    /// Registers a type by its description, under `name`: for descriptions reached at run
    /// time, such as a field's type.
    ///
    /// ```
    /// use objfp::{FingerprintTable, Shape, TypeFingerprint};
    ///
    /// let mut table = FingerprintTable::new();
    /// if let Shape::Seq(item) = <Vec<u16> as TypeFingerprint>::DESCRIPTION.shape {
    ///     table.register_description("Item", item());
    /// }
    /// assert!(table.contains(&u16::FINGERPRINT));
    /// ```
    pub fn register_description(
        &mut self,
        name: &'static str,
        description: &'static Description,
    ) -> &mut Self {
        let at = match self.position(&description.fingerprint) {
            Ok(at) => at,
            Err(at) => {
                self.prefixes.insert(at, prefix(&description.fingerprint));
                self.entries.insert(
                    at,
                    TableEntry {
                        fingerprint: description.fingerprint,
                        description,
                        names: Vec::new(),
                    },
                );
                at
            }
        };
        let entry = &mut self.entries[at];
        if let Err(at) = entry.names.binary_search(&name) {
            entry.names.insert(at, name);
        }
        self
    }

    /// The entry for a fingerprint, if any type registered has it.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<u32>("Count");
    /// assert_eq!(table.get(&u32::FINGERPRINT).map(|e| e.name()), Some("Count"));
    /// assert!(table.get(&u64::FINGERPRINT).is_none());
    /// ```
    pub fn get(&self, fingerprint: &Fingerprint) -> Option<&TableEntry> {
        self.position(fingerprint)
            .ok()
            .and_then(|at| self.entries.get(at))
    }

    fn position(&self, fingerprint: &Fingerprint) -> Result<usize, usize> {
        let key = prefix(fingerprint);
        let start = self.prefixes.partition_point(|p| *p < key);
        let end = start
            + self.prefixes[start..]
                .iter()
                .take_while(|p| **p == key)
                .count();
        // Nearly always zero or one entry shares the prefix.
        match self.entries[start..end].binary_search_by(|e| e.fingerprint.cmp(fingerprint)) {
            Ok(i) => Ok(start + i),
            Err(i) => Err(start + i),
        }
    }

    /// Whether a type registered has this fingerprint.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    /// let mut table = FingerprintTable::new();
    /// table.register::<u32>("Count");
    /// assert!(table.contains(&u32::FINGERPRINT));
    /// ```
    pub fn contains(&self, fingerprint: &Fingerprint) -> bool {
        self.position(fingerprint).is_ok()
    }

    /// The number of distinct fingerprints.
    ///
    /// ```
    /// let mut table = objfp::FingerprintTable::new();
    /// table.register::<u8>("a").register::<u8>("b").register::<u16>("c");
    /// assert_eq!(table.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is registered.
    ///
    /// ```
    /// assert!(objfp::FingerprintTable::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, ordered by fingerprint (each entry's names are sorted).
    ///
    /// ```
    /// let mut table = objfp::FingerprintTable::new();
    /// table.register::<u8>("a").register::<u16>("b").register::<u32>("c");
    /// let fingerprints: Vec<_> = table.iter().map(|e| e.fingerprint()).collect();
    /// assert!(fingerprints.is_sorted());
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// Checks that `received` is `T`'s fingerprint, like [`crate::verify`]; when it is not
    /// and the table knows `received`, the [`Mismatch`] also names the type that wrote the
    /// data and lists the structural changes from it to `T`.
    ///
    /// # Errors
    /// A [`Mismatch`] when `received` is not `T::FINGERPRINT`.
    ///
    /// ```
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// #[derive(TypeFingerprint)]
    /// struct ItemV1 {
    ///     sku: String,
    ///     price: u32,
    /// }
    /// #[derive(TypeFingerprint)]
    /// struct Item {
    ///     sku: String,
    ///     price: u64,
    /// }
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<ItemV1>("ItemV1").register::<Item>("Item");
    ///
    /// assert!(table.verify::<Item>(&Item::FINGERPRINT).is_ok());
    /// let err = table.verify::<Item>(&ItemV1::FINGERPRINT).unwrap_err();
    /// assert_eq!(err.received_names(), ["ItemV1"]);
    /// println!("{err}");
    /// ```
    pub fn verify<T: TypeFingerprint + ?Sized>(
        &self,
        received: &Fingerprint,
    ) -> Result<(), Mismatch> {
        if *received == T::FINGERPRINT {
            return Ok(());
        }
        let mut mismatch = match self.get(received) {
            None => Mismatch::new::<T>(*received, Lookup::Unknown),
            Some(entry) => Mismatch::new::<T>(*received, Lookup::Known(entry.description))
                .with_known(
                    &entry.names,
                    crate::diff::diff(entry.description, T::DESCRIPTION),
                ),
        };
        if let Some(expected) = self.get(&T::FINGERPRINT) {
            mismatch = mismatch.with_expected_name(expected.name());
        }
        Err(mismatch)
    }
}

impl FingerprintTable {
    /// Like [`verify`](Self::verify), but also accepts data written by another version of
    /// the type that the table knows, when `T` reads every value that version writes in
    /// `format` (it is *backward compatible*, by the rules of [`crate::compat`]). Data of
    /// a version `T` does not read faithfully is refused, and the [`Mismatch`] names the
    /// breaking changes and the rules they break ([`Mismatch::compat_report`]).
    ///
    /// # Errors
    /// A [`Mismatch`] when `received` is not `T`'s fingerprint and is either unknown to
    /// the table or a version `T` does not read in `format`.
    ///
    /// ```
    /// use objfp::compat::Format;
    /// use objfp::table::Accepted;
    /// use objfp::{FingerprintTable, TypeFingerprint};
    ///
    /// #[derive(TypeFingerprint)]
    /// struct OrderV1 { id: u64 }
    /// #[derive(TypeFingerprint)]
    /// struct Order {
    ///     id: u64,
    ///     #[serde(default)]
    ///     note: Option<String>,
    /// }
    /// #[derive(TypeFingerprint)]
    /// struct OrderV0 { id: String }
    /// # use serde as _;
    ///
    /// let mut table = FingerprintTable::new();
    /// table.register::<OrderV1>("OrderV1").register::<OrderV0>("OrderV0");
    ///
    /// assert!(matches!(table.verify_compatible::<Order>(&Order::FINGERPRINT, Format::Json), Ok(Accepted::Same)));
    /// let accepted = table.verify_compatible::<Order>(&OrderV1::FINGERPRINT, Format::Json).unwrap();
    /// assert!(matches!(accepted, Accepted::Compatible { .. }));
    /// // postcard has no field names or lengths: the v1 bytes do not read as `Order`.
    /// assert!(table.verify_compatible::<Order>(&OrderV1::FINGERPRINT, Format::Postcard).is_err());
    ///
    /// let err = table.verify_compatible::<Order>(&OrderV0::FINGERPRINT, Format::Json).unwrap_err();
    /// assert!(err.to_string().contains("Order.id: type changed string -> u64"));
    /// assert_eq!(err.format(), Some(Format::Json));
    /// ```
    pub fn verify_compatible<T: TypeFingerprint + ?Sized>(
        &self,
        received: &Fingerprint,
        format: Format,
    ) -> Result<Accepted<'_>, Mismatch> {
        if *received == T::FINGERPRINT {
            return Ok(Accepted::Same);
        }
        let Some(entry) = self.get(received) else {
            let mut mismatch = Mismatch::new::<T>(*received, Lookup::Unknown);
            if let Some(expected) = self.get(&T::FINGERPRINT) {
                mismatch = mismatch.with_expected_name(expected.name());
            }
            return Err(mismatch);
        };
        let report = compat::check(entry.description, T::DESCRIPTION);
        if report.backward(format) {
            return Ok(Accepted::Compatible {
                entry,
                format,
                report,
            });
        }
        let mut mismatch = Mismatch::new::<T>(*received, Lookup::Known(entry.description))
            .with_known(
                &entry.names,
                crate::diff::diff(entry.description, T::DESCRIPTION),
            )
            .with_compat(format, report);
        if let Some(expected) = self.get(&T::FINGERPRINT) {
            mismatch = mismatch.with_expected_name(expected.name());
        }
        Err(mismatch)
    }
}

/// What [`FingerprintTable::verify_compatible`] accepted.
///
/// ```
/// use objfp::compat::Format;
/// use objfp::table::Accepted;
/// use objfp::{FingerprintTable, TypeFingerprint};
///
/// let mut table = FingerprintTable::new();
/// table.register::<u16>("PortV1");
/// match table.verify_compatible::<u32>(&u16::FINGERPRINT, Format::Json).unwrap() {
///     Accepted::Compatible { entry, report, .. } => {
///         assert_eq!(entry.name(), "PortV1");
///         assert!(report.backward(Format::Json));
///     }
///     Accepted::Same => unreachable!(),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Accepted<'t> {
    /// The fingerprint is the reader's own.
    Same,
    /// Data of another version, which the reader's type reads in the format.
    Compatible {
        /// The version that wrote the data, as the table knows it.
        entry: &'t TableEntry,
        /// The format it was checked for.
        format: Format,
        /// The verdicts for moving from that version to the reader's type.
        report: Report,
    },
}

/// The first 8 bytes of a fingerprint, ordered like the fingerprint.
fn prefix(fingerprint: &Fingerprint) -> u64 {
    let (first, _) = fingerprint
        .as_bytes()
        .split_first_chunk::<8>()
        .unwrap_or((&[0; 8], &[]));
    u64::from_be_bytes(*first)
}

impl fmt::Debug for FingerprintTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

/// Iterator over a [`FingerprintTable`]'s entries, by fingerprint; from
/// [`FingerprintTable::iter`].
///
/// ```
/// let mut table = objfp::FingerprintTable::new();
/// table.register::<u8>("Byte");
/// let iter: objfp::table::Iter<'_> = table.iter();
/// assert_eq!(iter.len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Iter<'a>(core::slice::Iter<'a, TableEntry>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a TableEntry;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a FingerprintTable {
    type Item = &'a TableEntry;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// A type registered program-wide with [`register!`](crate::register); collected by
/// [`FingerprintTable::from_registry`] (feature `registry`).
///
/// ```
/// objfp::register!(u16, "Port");
///
/// let table = objfp::FingerprintTable::from_registry();
/// let entry = table.get(&<u16 as objfp::TypeFingerprint>::FINGERPRINT).unwrap();
/// assert!(entry.names().contains(&"Port"));
/// ```
#[cfg(feature = "registry")]
#[derive(Debug)]
pub struct Registration {
    name: &'static str,
    description: &'static Description,
}

#[cfg(feature = "registry")]
impl Registration {
    /// The registration of `T` under `name`; what [`register!`](crate::register) submits.
    ///
    /// ```
    /// const R: objfp::Registration = objfp::Registration::new::<u8>("Byte");
    /// assert_eq!(R.name(), "Byte");
    /// ```
    pub const fn new<T: TypeFingerprint + ?Sized>(name: &'static str) -> Self {
        Registration {
            name,
            description: T::DESCRIPTION,
        }
    }

    /// The name registered.
    ///
    /// ```
    /// assert_eq!(objfp::Registration::new::<u8>("Byte").name(), "Byte");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The description of the type registered.
    ///
    /// ```
    /// assert_eq!(objfp::Registration::new::<u8>("Byte").description().name, "u8");
    /// ```
    pub const fn description(&self) -> &'static Description {
        self.description
    }
}

#[cfg(feature = "registry")]
inventory::collect!(Registration);

#[cfg(feature = "registry")]
#[doc(hidden)]
pub use inventory as __inventory;

/// Registers a type program-wide, from any module or crate, under a display name
/// (feature `registry`); [`FingerprintTable::from_registry`] collects every registration.
/// Use it at item level.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Heartbeat {
///     at: u64,
/// }
/// objfp::register!(Heartbeat, "Heartbeat");
///
/// let table = objfp::FingerprintTable::from_registry();
/// assert!(table.iter().any(|e| e.names().contains(&"Heartbeat")));
/// ```
#[cfg(feature = "registry")]
#[macro_export]
macro_rules! register {
    ($ty:ty, $name:expr $(,)?) => {
        $crate::table::__inventory::submit! {
            $crate::Registration::new::<$ty>($name)
        }
    };
}

#[cfg(feature = "registry")]
impl FingerprintTable {
    /// A table of every type registered with [`register!`](crate::register) anywhere in
    /// the program (feature `registry`).
    ///
    /// ```
    /// objfp::register!(Vec<u8>, "Blob");
    /// let table = objfp::FingerprintTable::from_registry();
    /// assert!(table.contains(&<Vec<u8> as objfp::TypeFingerprint>::FINGERPRINT));
    /// ```
    pub fn from_registry() -> Self {
        let mut table = FingerprintTable::new();
        for registration in inventory::iter::<Registration> {
            table.register_description(registration.name, registration.description);
        }
        table
    }
}
