//! Decoding by fingerprint: [`Decoders`], and older versions a reader accepts when its
//! type reads them ([`Decoders::accept_older`]).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use crate::compat::{self, Compatibility, Format, Report};
use crate::frame::{FrameError, read_header};
use crate::verify::ShortTypeName;
use crate::{Fingerprint, TypeFingerprint};

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
