//! Run-time lookup by fingerprint: which type wrote this data, what changed, and how to
//! decode it.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use crate::compat::{self, Compatibility, Format, Report};
use crate::frame::{FrameError, read_header};
use crate::verify::{Lookup, Mismatch, ShortTypeName};
use crate::{Description, Fingerprint, TypeFingerprint};

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

type DecodeFn<Out, Err> = Box<dyn Fn(&[u8]) -> Result<Out, Err> + Send + Sync>;

struct Decoder<Out, Err> {
    type_name: &'static str,
    decode: DecodeFn<Out, Err>,
}

/// An older version a [`Decoders`] reader was told about: which type it reads as, and
/// whether it may.
struct Older {
    type_name: &'static str,
    reader: Fingerprint,
    reader_name: &'static str,
    format: Format,
    report: Report,
}

/// Decoders by fingerprint, for readers that accept several types or several versions of
/// one, in any serialization format.
///
/// Register a decoding function per type; [`decode`](Self::decode) reads a frame header
/// ([`crate::frame`]), picks the function registered for its fingerprint and hands it the
/// payload. `Out` is what every decoder produces, typically the current version of a
/// message, so that older versions are upgraded as they are read; `Err` is the format's
/// error type.
///
/// ```
/// use objfp::{DecodeError, Decoders, TypeFingerprint, frame};
///
/// #[derive(Debug, TypeFingerprint)]
/// struct CountV1(u32);
/// #[derive(Debug, TypeFingerprint)]
/// struct Count(u64);
///
/// // A toy format: little-endian integers.
/// let mut decoders: Decoders<Count, &'static str> = Decoders::new();
/// decoders
///     .register::<CountV1>(|b| {
///         let b: [u8; 4] = b.try_into().map_err(|_| "expected 4 bytes")?;
///         Ok(Count(u32::from_le_bytes(b).into()))
///     })
///     .register::<Count>(|b| {
///         let b: [u8; 8] = b.try_into().map_err(|_| "expected 8 bytes")?;
///         Ok(Count(u64::from_le_bytes(b)))
///     });
///
/// let mut old = frame::Header::of::<CountV1>().to_bytes().to_vec();
/// old.extend_from_slice(&7u32.to_le_bytes());
/// assert_eq!(decoders.decode(&old).unwrap().0, 7);
///
/// let unknown = frame::Header::of::<String>().to_bytes();
/// let err = decoders.decode(&unknown).unwrap_err();
/// assert!(matches!(err, DecodeError::UnknownFingerprint { .. }));
/// println!("{err}");
/// ```
pub struct Decoders<Out, Err> {
    decoders: BTreeMap<Fingerprint, Decoder<Out, Err>>,
    older: BTreeMap<Fingerprint, Older>,
}

impl<Out, Err> Default for Decoders<Out, Err> {
    fn default() -> Self {
        Self::new()
    }
}

impl<Out, Err> Decoders<Out, Err> {
    /// No decoders.
    ///
    /// ```
    /// let decoders: objfp::Decoders<u8, ()> = objfp::Decoders::new();
    /// assert!(decoders.is_empty());
    /// ```
    pub const fn new() -> Self {
        Decoders {
            decoders: BTreeMap::new(),
            older: BTreeMap::new(),
        }
    }

    /// Decodes frames written as `Old` with the decoder registered for `New`, when `New`
    /// reads every value `Old` writes in `format` (backward compatible, by the rules of
    /// [`crate::compat`], checked once, here). When it does not, [`decode`](Self::decode)
    /// refuses `Old`'s frames with [`DecodeError::Incompatible`], which names the
    /// breaking changes, instead of misreading them. A decoder registered for `Old`
    /// itself takes precedence.
    ///
    /// ```
    /// use objfp::compat::Format;
    /// use objfp::{DecodeError, Decoders, TypeFingerprint, frame};
    /// use serde::{Deserialize, Serialize};
    ///
    /// #[derive(Serialize, Deserialize, TypeFingerprint)]
    /// struct OrderV1 { id: u64 }
    /// #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
    /// struct Order {
    ///     id: u64,
    ///     #[serde(default)]
    ///     note: Option<String>,
    /// }
    /// #[derive(Serialize, Deserialize, TypeFingerprint)]
    /// struct OrderV0 { id: String }
    ///
    /// let mut decoders: Decoders<Order, serde_json::Error> = Decoders::new();
    /// decoders
    ///     .register::<Order>(|b| serde_json::from_slice(b))
    ///     .accept_older::<OrderV1, Order>(Format::Json)
    ///     .accept_older::<OrderV0, Order>(Format::Json);
    ///
    /// let frame = |fp: objfp::Fingerprint, body: &str| {
    ///     let mut bytes = frame::Header::new(fp).to_bytes().to_vec();
    ///     bytes.extend_from_slice(body.as_bytes());
    ///     bytes
    /// };
    /// let order = decoders.decode(&frame(OrderV1::FINGERPRINT, r#"{"id":7}"#)).unwrap();
    /// assert_eq!((order.id, order.note), (7, None));
    ///
    /// let err = decoders.decode(&frame(OrderV0::FINGERPRINT, r#"{"id":"7"}"#)).unwrap_err();
    /// assert!(matches!(err, DecodeError::Incompatible { .. }));
    /// assert!(err.to_string().contains("Order.id: type changed string -> u64"));
    /// ```
    pub fn accept_older<Old: TypeFingerprint + ?Sized, New: TypeFingerprint + ?Sized>(
        &mut self,
        format: Format,
    ) -> &mut Self {
        self.older.insert(
            Old::FINGERPRINT,
            Older {
                type_name: core::any::type_name::<Old>(),
                reader: New::FINGERPRINT,
                reader_name: core::any::type_name::<New>(),
                format,
                report: compat::check(Old::DESCRIPTION, New::DESCRIPTION),
            },
        );
        self
    }

    /// Registers the decoder for payloads written as `T`, keyed by `T::FINGERPRINT`. It
    /// replaces any decoder registered before for the same fingerprint (a structurally
    /// identical type writes indistinguishable data). Errors name the type as
    /// [`core::any::type_name`] does; see [`register_named`](Self::register_named).
    ///
    /// ```
    /// use objfp::{Decoders, TypeFingerprint};
    /// let mut decoders: Decoders<String, core::str::Utf8Error> = Decoders::new();
    /// decoders.register::<String>(|b| core::str::from_utf8(b).map(String::from));
    /// assert!(decoders.accepts(&String::FINGERPRINT));
    /// ```
    pub fn register<T: TypeFingerprint + ?Sized>(
        &mut self,
        decode: impl Fn(&[u8]) -> Result<Out, Err> + Send + Sync + 'static,
    ) -> &mut Self {
        self.register_named::<T>(core::any::type_name::<T>(), decode)
    }

    /// Like [`register`](Self::register), with the name errors give the type, such as
    /// `"OrderV1"`.
    ///
    /// ```
    /// use objfp::{Decoders, TypeFingerprint};
    /// let mut decoders: Decoders<u64, ()> = Decoders::new();
    /// decoders.register_named::<u32>("CountV1", |_| Ok(0));
    /// assert_eq!(decoders.accepted().next(), Some((u32::FINGERPRINT, "CountV1")));
    /// ```
    pub fn register_named<T: TypeFingerprint + ?Sized>(
        &mut self,
        name: &'static str,
        decode: impl Fn(&[u8]) -> Result<Out, Err> + Send + Sync + 'static,
    ) -> &mut Self {
        self.decoders.insert(
            T::FINGERPRINT,
            Decoder {
                type_name: name,
                decode: Box::new(decode),
            },
        );
        self
    }

    /// Decodes a frame: reads its header, then decodes the payload with the decoder
    /// registered for its fingerprint.
    ///
    /// # Errors
    /// [`DecodeError::Frame`] when the bytes are not a frame,
    /// [`DecodeError::UnknownFingerprint`] when no decoder is registered for the frame's
    /// fingerprint, [`DecodeError::Payload`] when the decoder fails.
    ///
    /// ```
    /// use objfp::{DecodeError, Decoders, frame::FrameError};
    /// let decoders: Decoders<u8, ()> = Decoders::new();
    /// assert!(matches!(
    ///     decoders.decode(b"{}"),
    ///     Err(DecodeError::Frame(FrameError::BadMagic { .. }))
    /// ));
    /// assert!(matches!(
    ///     decoders.decode(b"OFP"),
    ///     Err(DecodeError::Frame(FrameError::TooShort { .. }))
    /// ));
    /// ```
    pub fn decode(&self, frame: &[u8]) -> Result<Out, DecodeError<Err>> {
        let (header, payload) = read_header(frame).map_err(DecodeError::Frame)?;
        self.decode_payload(&header.fingerprint, payload)
    }

    /// Decodes a payload whose fingerprint was carried some other way (a message
    /// envelope, a database column).
    ///
    /// # Errors
    /// [`DecodeError::UnknownFingerprint`] and [`DecodeError::Payload`], as for
    /// [`decode`](Self::decode).
    ///
    /// ```
    /// use objfp::{Decoders, TypeFingerprint};
    /// let mut decoders: Decoders<bool, ()> = Decoders::new();
    /// decoders.register::<bool>(|b| Ok(b == [1]));
    /// assert_eq!(decoders.decode_payload(&bool::FINGERPRINT, &[1]).ok(), Some(true));
    /// ```
    pub fn decode_payload(
        &self,
        fingerprint: &Fingerprint,
        payload: &[u8],
    ) -> Result<Out, DecodeError<Err>> {
        let decoder = match (self.decoders.get(fingerprint), self.older.get(fingerprint)) {
            (Some(decoder), _) => decoder,
            (None, Some(older)) if !older.report.backward(older.format) => {
                return Err(DecodeError::Incompatible {
                    found: *fingerprint,
                    written_as: older.type_name,
                    reader: older.reader_name,
                    format: older.format,
                    report: Box::new(older.report.clone()),
                });
            }
            (None, Some(older)) if self.decoders.contains_key(&older.reader) => {
                &self.decoders[&older.reader]
            }
            _ => {
                return Err(DecodeError::UnknownFingerprint {
                    found: *fingerprint,
                    accepted: self.accepted().collect(),
                });
            }
        };
        (decoder.decode)(payload).map_err(|error| DecodeError::Payload {
            type_name: decoder.type_name,
            fingerprint: *fingerprint,
            error,
        })
    }

    /// Whether a frame of this fingerprint is decoded: a decoder is registered for it, or
    /// it is an older version ([`accept_older`](Self::accept_older)) read by one.
    ///
    /// ```
    /// use objfp::{Decoders, TypeFingerprint};
    /// let decoders: Decoders<(), ()> = Decoders::new();
    /// assert!(!decoders.accepts(&u8::FINGERPRINT));
    /// ```
    pub fn accepts(&self, fingerprint: &Fingerprint) -> bool {
        self.decoders.contains_key(fingerprint)
            || self.older.get(fingerprint).is_some_and(|o| {
                o.report.backward(o.format) && self.decoders.contains_key(&o.reader)
            })
    }

    /// The fingerprints accepted, in order, each with the name of the type registered for
    /// it (as [`core::any::type_name`] gives it, or as given to
    /// [`register_named`](Self::register_named)).
    ///
    /// ```
    /// use objfp::{Decoders, TypeFingerprint};
    /// let mut decoders: Decoders<(), ()> = Decoders::new();
    /// decoders.register::<u8>(|_| Ok(()));
    /// assert_eq!(decoders.accepted().collect::<Vec<_>>(), [(u8::FINGERPRINT, "u8")]);
    /// ```
    pub fn accepted(&self) -> impl ExactSizeIterator<Item = (Fingerprint, &'static str)> + '_ {
        self.decoders.iter().map(|(fp, d)| (*fp, d.type_name))
    }

    /// The number of fingerprints accepted.
    ///
    /// ```
    /// let mut decoders: objfp::Decoders<(), ()> = objfp::Decoders::new();
    /// decoders.register::<u8>(|_| Ok(())).register::<u16>(|_| Ok(()));
    /// assert_eq!(decoders.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.decoders.len()
    }

    /// Whether no decoder is registered.
    ///
    /// ```
    /// assert!(objfp::Decoders::<(), ()>::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.decoders.is_empty()
    }
}

impl<Out, Err> fmt::Debug for Decoders<Out, Err> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.accepted()).finish()
    }
}

/// Why [`Decoders::decode`] could not decode a frame.
///
/// ```
/// use objfp::{DecodeError, Decoders, TypeFingerprint, frame::Header};
///
/// let mut decoders: Decoders<u32, &str> = Decoders::new();
/// decoders.register::<u32>(|_| Err("not implemented"));
///
/// let err = decoders.decode(&Header::of::<u64>().to_bytes()).unwrap_err();
/// match &err {
///     DecodeError::UnknownFingerprint { found, accepted } => {
///         assert_eq!(*found, u64::FINGERPRINT);
///         assert_eq!(accepted, &[(u32::FINGERPRINT, "u32")]);
///     }
///     other => panic!("{other}"),
/// }
/// assert!(err.to_string().contains(&u64::FINGERPRINT.short().to_string()));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum DecodeError<E> {
    /// The bytes are not a valid frame.
    Frame(FrameError),
    /// No decoder is registered for the frame's fingerprint.
    UnknownFingerprint {
        /// The fingerprint in the frame.
        found: Fingerprint,
        /// The fingerprints accepted, in order, each with its type's name.
        accepted: Vec<(Fingerprint, &'static str)>,
    },
    /// The decoder registered for the fingerprint failed.
    Payload {
        /// The name of the type registered for the fingerprint.
        type_name: &'static str,
        /// The fingerprint in the frame.
        fingerprint: Fingerprint,
        /// The decoder's error.
        error: E,
    },
    /// The frame was written by an older version ([`Decoders::accept_older`]) that the
    /// reader's type does not read faithfully in the format: refused rather than misread.
    Incompatible {
        /// The fingerprint in the frame.
        found: Fingerprint,
        /// The older type that wrote it.
        written_as: &'static str,
        /// The type that would have read it.
        reader: &'static str,
        /// The format checked.
        format: Format,
        /// The verdicts from the older type to the reader's, with the breaking changes.
        report: Box<Report>,
    },
}

impl<E: fmt::Display> fmt::Display for DecodeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Frame(e) => fmt::Display::fmt(e, f),
            DecodeError::UnknownFingerprint { found, accepted } => {
                writeln!(
                    f,
                    "unknown fingerprint {}: no decoder is registered for the type that wrote this data",
                    found.short()
                )?;
                if accepted.is_empty() {
                    writeln!(
                        f,
                        "  this reader accepts no fingerprints: no decoder is registered"
                    )?;
                } else {
                    writeln!(f, "  this reader accepts:")?;
                    for (fp, name) in accepted {
                        writeln!(f, "    {}  {}", fp.short(), Unambiguous(name, accepted))?;
                    }
                }
                write!(
                    f,
                    "  the writer uses a type or version this reader does not know (a newer one?): \
                     upgrade the reader or register a decoder for it"
                )
            }
            DecodeError::Payload {
                type_name,
                fingerprint,
                error,
            } => write!(
                f,
                "could not decode the payload as `{}` (fingerprint {}): {error}",
                ShortTypeName(type_name),
                fingerprint.short()
            ),
            DecodeError::Incompatible {
                found,
                written_as,
                reader,
                format,
                report,
            } => {
                use alloc::string::ToString;
                // Two versions often share a name (`v1::Order`, `v2::Order`): then in full.
                let (short_old, short_new) = (
                    ShortTypeName(written_as).to_string(),
                    ShortTypeName(reader).to_string(),
                );
                let (old, new) = if short_old == short_new {
                    (written_as.to_string(), reader.to_string())
                } else {
                    (short_old, short_new)
                };
                writeln!(
                    f,
                    "refused data written as `{old}` (fingerprint {}): `{new}` does not read \
                     it faithfully in {format}",
                    found.short()
                )?;
                write_breaking(f, report, *format)?;
                write!(
                    f,
                    "  decode it as `{old}` and convert it to `{new}`, or register a decoder for `{old}`"
                )
            }
        }
    }
}

impl<E: core::error::Error + 'static> core::error::Error for DecodeError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            DecodeError::Frame(e) => Some(e),
            DecodeError::Payload { error, .. } => Some(error),
            DecodeError::UnknownFingerprint { .. } | DecodeError::Incompatible { .. } => None,
        }
    }
}

/// The changes of `report` that break backward compatibility in `format`, each with its
/// verdict and the rules it breaks.
pub(crate) fn write_breaking(
    f: &mut fmt::Formatter<'_>,
    report: &Report,
    format: Format,
) -> fmt::Result {
    let policy = compat::Policy::backward(format);
    for finding in report.breaking(policy) {
        writeln!(f, "    {}", finding.with_verdict(Compatibility::Backward))?;
        for reason in finding.reasons() {
            if !policy.broken_in(reason.verdict()).is_empty() {
                writeln!(f, "      [{}] {}", reason.rule.id, reason.rule.why)?;
            }
        }
    }
    Ok(())
}

/// A type name without module paths, unless another accepted type's name would read
/// the same (`v1::Order` and `v2::Order`): then the full name.
struct Unambiguous<'a>(&'static str, &'a [(Fingerprint, &'static str)]);

impl fmt::Display for Unambiguous<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use alloc::string::ToString;
        let short = ShortTypeName(self.0).to_string();
        let same = self
            .1
            .iter()
            .filter(|(_, other)| ShortTypeName(other).to_string() == short)
            .count();
        if same > 1 {
            f.write_str(self.0)
        } else {
            f.write_str(&short)
        }
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
