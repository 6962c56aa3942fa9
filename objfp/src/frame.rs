//! Tagging serialized data with the fingerprint of the type that wrote it.
//!
//! A *frame* is a fixed 37-byte header followed by the payload, in whatever format the
//! payload uses (postcard, JSON, ...):
//!
//! | bytes | content |
//! |---|---|
//! | 0..4 | the magic [`MAGIC`], `b"OFP\0"` |
//! | 4 | the algorithm version, [`VERSION`] (`2` = `objfp/2`, see `SPEC.md`; `1` was `objfp/1`) |
//! | 5..37 | the 32-byte [`Fingerprint`] of the payload's type |
//! | 37.. | the payload |
//!
//! Nothing here allocates, and reading never panics, whatever the input.
//!
//! ```
//! use objfp::{frame, TypeFingerprint};
//!
//! #[derive(TypeFingerprint)]
//! struct Ping {
//!     seq: u32,
//! }
//!
//! let mut buf = [0u8; 64];
//! let n = frame::write_header(&Ping::FINGERPRINT, &mut buf)?;
//! buf[n..n + 4].copy_from_slice(&7u32.to_le_bytes()); // the payload, in any format
//! let framed = &buf[..n + 4];
//!
//! let payload = frame::expect::<Ping>(framed)?;
//! assert_eq!(payload, &7u32.to_le_bytes());
//! # Ok::<(), objfp::frame::FrameError>(())
//! ```

use core::fmt;

use crate::{Fingerprint, TypeFingerprint};

/// The four bytes every frame starts with.
///
/// ```
/// assert_eq!(&objfp::frame::MAGIC, b"OFP\0");
/// ```
pub const MAGIC: [u8; 4] = *b"OFP\0";

/// The fingerprint algorithm version written by this crate: `2`, for `objfp/2`. Frames of
/// version `1` (objfp 0.1, `objfp/1`) are refused with [`FrameError::UnknownVersion`]: their
/// fingerprints are of another encoding, so no type of this build has them.
///
/// ```
/// assert_eq!(objfp::frame::VERSION, 2);
/// ```
pub const VERSION: u8 = 2;

/// Length of a frame header in bytes: magic, version and fingerprint.
///
/// ```
/// assert_eq!(objfp::frame::HEADER_LEN, 4 + 1 + 32);
/// ```
pub const HEADER_LEN: usize = MAGIC.len() + 1 + Fingerprint::LEN;

/// A decoded frame header.
///
/// ```
/// use objfp::frame::{Header, VERSION};
/// use objfp::TypeFingerprint;
///
/// let header = Header::of::<u32>();
/// assert_eq!(header.version, VERSION);
/// assert_eq!(header.fingerprint, u32::FINGERPRINT);
/// let bytes = header.to_bytes();
/// assert_eq!(objfp::frame::read_header(&bytes), Ok((header, &[][..])));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// The fingerprint algorithm version; [`read_header`] only returns headers whose
    /// version is [`VERSION`].
    pub version: u8,
    /// The fingerprint of the type that wrote the payload.
    pub fingerprint: Fingerprint,
}

impl Header {
    /// The header for a payload with the given fingerprint, at the current [`VERSION`].
    ///
    /// ```
    /// let fp = objfp::Fingerprint::from_bytes([9; 32]);
    /// assert_eq!(objfp::frame::Header::new(fp).fingerprint, fp);
    /// ```
    pub const fn new(fingerprint: Fingerprint) -> Self {
        Header {
            version: VERSION,
            fingerprint,
        }
    }

    /// The header for a payload of type `T`.
    ///
    /// ```
    /// use objfp::TypeFingerprint;
    /// const H: objfp::frame::Header = objfp::frame::Header::of::<String>();
    /// assert_eq!(H.fingerprint, String::FINGERPRINT);
    /// ```
    pub const fn of<T: TypeFingerprint + ?Sized>() -> Self {
        Header::new(T::FINGERPRINT)
    }

    /// The header's 37 bytes, usable in `const`.
    ///
    /// ```
    /// use objfp::frame::{Header, HEADER_LEN, MAGIC};
    /// const BYTES: [u8; HEADER_LEN] = Header::of::<u64>().to_bytes();
    /// assert_eq!(BYTES[..4], MAGIC);
    /// ```
    pub const fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        let mut i = 0;
        while i < MAGIC.len() {
            out[i] = MAGIC[i];
            i += 1;
        }
        out[MAGIC.len()] = self.version;
        let fp = self.fingerprint.as_bytes();
        let mut k = 0;
        while k < Fingerprint::LEN {
            out[MAGIC.len() + 1 + k] = fp[k];
            k += 1;
        }
        out
    }
}

/// Writes the header for a payload with fingerprint `fingerprint` to the start of `out`
/// and returns its length, [`HEADER_LEN`]; the payload goes after it.
///
/// # Errors
/// [`FrameError::TooShort`] when `out` has fewer than [`HEADER_LEN`] bytes; nothing is
/// written then.
///
/// ```
/// use objfp::frame::{write_header, FrameError, HEADER_LEN};
/// use objfp::TypeFingerprint;
///
/// let mut buf = [0u8; 40];
/// assert_eq!(write_header(&u8::FINGERPRINT, &mut buf), Ok(HEADER_LEN));
/// assert_eq!(
///     write_header(&u8::FINGERPRINT, &mut buf[..10]),
///     Err(FrameError::TooShort { needed: HEADER_LEN, got: 10 })
/// );
/// ```
pub fn write_header(fingerprint: &Fingerprint, out: &mut [u8]) -> Result<usize, FrameError> {
    let got = out.len();
    let Some((magic, rest)) = out.split_first_chunk_mut::<4>() else {
        return Err(FrameError::TooShort {
            needed: HEADER_LEN,
            got,
        });
    };
    let Some((version, rest)) = rest.split_first_mut() else {
        return Err(FrameError::TooShort {
            needed: HEADER_LEN,
            got,
        });
    };
    let Some((fp, _)) = rest.split_first_chunk_mut::<32>() else {
        return Err(FrameError::TooShort {
            needed: HEADER_LEN,
            got,
        });
    };
    *magic = MAGIC;
    *version = VERSION;
    *fp = *fingerprint.as_bytes();
    Ok(HEADER_LEN)
}

/// Reads a frame header from the start of `bytes`, returning it and the payload after it.
///
/// Checks the magic and the version; any fingerprint is accepted (see [`expect`] and
/// [`expect_one_of`] to check it). Never panics.
///
/// # Errors
/// [`FrameError::BadMagic`] when the data is not a frame (its first bytes are not
/// [`MAGIC`], however few there are), [`FrameError::UnknownVersion`] when it was written by
/// another fingerprint algorithm, [`FrameError::TooShort`] when it is the start of a frame
/// that ends inside the header.
///
/// ```
/// use objfp::frame::{read_header, FrameError, Header};
///
/// let header = Header::of::<bool>();
/// let mut frame = header.to_bytes().to_vec();
/// frame.push(1);
/// assert_eq!(read_header(&frame), Ok((header, &[1u8][..])));
///
/// assert!(matches!(read_header(b"{\"json\": true}"), Err(FrameError::BadMagic { .. })));
/// assert!(matches!(read_header(b"{}"), Err(FrameError::BadMagic { len: 2, .. })));
/// assert_eq!(read_header(&frame[..20]), Err(FrameError::TooShort { needed: 37, got: 20 }));
/// ```
pub fn read_header(bytes: &[u8]) -> Result<(Header, &[u8]), FrameError> {
    let too_short = FrameError::TooShort {
        needed: HEADER_LEN,
        got: bytes.len(),
    };
    // Not a frame as soon as the bytes there are differ from the magic, even when there
    // are fewer than four of them (`b"{}"` is JSON, not a truncated frame).
    let len = bytes.len().min(MAGIC.len());
    if bytes[..len] != MAGIC[..len] {
        let mut found = [0u8; 4];
        found[..len].copy_from_slice(&bytes[..len]);
        return Err(FrameError::BadMagic { found, len });
    }
    let Some((_, rest)) = bytes.split_first_chunk::<4>() else {
        return Err(too_short);
    };
    let Some((&version, rest)) = rest.split_first() else {
        return Err(too_short);
    };
    if version != VERSION {
        return Err(FrameError::UnknownVersion(version));
    }
    let Some((fingerprint, payload)) = rest.split_first_chunk::<32>() else {
        return Err(too_short);
    };
    let header = Header {
        version,
        fingerprint: Fingerprint::from_bytes(*fingerprint),
    };
    Ok((header, payload))
}

/// Reads a frame header and checks that the payload was written by a type with `T`'s
/// fingerprint; returns the payload.
///
/// # Errors
/// [`FrameError::Mismatch`] when the frame holds another fingerprint, and the errors of
/// [`read_header`].
///
/// ```
/// use objfp::frame::{self, FrameError, Header};
/// use objfp::TypeFingerprint;
///
/// let frame = Header::of::<u32>().to_bytes();
/// assert_eq!(frame::expect::<u32>(&frame), Ok(&[][..]));
///
/// let err = frame::expect::<u64>(&frame).unwrap_err();
/// assert!(matches!(err, FrameError::Mismatch { found, .. } if found == u32::FINGERPRINT));
/// println!("{err}");
/// ```
pub fn expect<T: TypeFingerprint + ?Sized>(bytes: &[u8]) -> Result<&[u8], FrameError> {
    let (header, payload) = read_header(bytes)?;
    if header.fingerprint == T::FINGERPRINT {
        Ok(payload)
    } else {
        Err(FrameError::Mismatch {
            expected_type: core::any::type_name::<T>(),
            expected: T::FINGERPRINT,
            found: header.fingerprint,
        })
    }
}

/// Reads a frame header and checks that its fingerprint is one of `accepted`; returns the
/// header (to dispatch on) and the payload.
///
/// # Errors
/// [`FrameError::UnknownFingerprint`] when the fingerprint is not in `accepted`, and the
/// errors of [`read_header`].
///
/// ```
/// use objfp::frame::{self, FrameError, Header};
/// use objfp::TypeFingerprint;
///
/// const ACCEPTED: [objfp::Fingerprint; 2] = [u32::FINGERPRINT, u64::FINGERPRINT];
/// let (header, _) = frame::expect_one_of(&Header::of::<u64>().to_bytes(), &ACCEPTED)?;
/// assert_eq!(header.fingerprint, u64::FINGERPRINT);
///
/// let err = frame::expect_one_of(&Header::of::<u8>().to_bytes(), &ACCEPTED).unwrap_err();
/// assert_eq!(err, FrameError::UnknownFingerprint { found: u8::FINGERPRINT });
/// # Ok::<(), FrameError>(())
/// ```
pub fn expect_one_of<'a>(
    bytes: &'a [u8],
    accepted: &[Fingerprint],
) -> Result<(Header, &'a [u8]), FrameError> {
    let (header, payload) = read_header(bytes)?;
    if accepted.contains(&header.fingerprint) {
        Ok((header, payload))
    } else {
        Err(FrameError::UnknownFingerprint {
            found: header.fingerprint,
        })
    }
}

/// Why bytes are not a frame of the expected kind.
///
/// ```
/// use objfp::frame::{read_header, FrameError};
///
/// let err = read_header(b"OFP\0\x09").unwrap_err();
/// assert_eq!(err, FrameError::UnknownVersion(9));
/// assert!(err.to_string().contains("version 9"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrameError {
    /// The data starts like a frame but ends before the end of the header.
    TooShort {
        /// Bytes a header needs: [`HEADER_LEN`].
        needed: usize,
        /// Bytes there are.
        got: usize,
    },
    /// The data does not start with [`MAGIC`]: it is not a frame.
    BadMagic {
        /// The first bytes found instead: `len` of them, then zeros.
        found: [u8; 4],
        /// How many bytes of `found` are the data's: four, or fewer when the data is
        /// shorter.
        len: usize,
    },
    /// The header was written for a fingerprint algorithm version this crate does not know.
    UnknownVersion(u8),
    /// The frame's fingerprint is not one of those accepted.
    UnknownFingerprint {
        /// The fingerprint in the frame.
        found: Fingerprint,
    },
    /// The frame's fingerprint is not that of the type expected.
    Mismatch {
        /// The name of the type expected, as [`core::any::type_name`] gives it.
        expected_type: &'static str,
        /// Its fingerprint.
        expected: Fingerprint,
        /// The fingerprint in the frame.
        found: Fingerprint,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::TooShort { needed, got } => write!(
                f,
                "truncated objfp frame: the header needs {needed} bytes, the data has {got}"
            ),
            FrameError::BadMagic { found, len } => write!(
                f,
                "not an objfp frame: expected the magic bytes {:02x?} (\"OFP\\0\"), found {:02x?}",
                MAGIC,
                found.get(..*len).unwrap_or(found)
            ),
            FrameError::UnknownVersion(1) => write!(
                f,
                "objfp frame written by objfp 0.1 (fingerprint algorithm objfp/1); this build \
                 reads objfp/{VERSION}, whose fingerprints all differ: decode it with objfp 0.1, \
                 or write it again"
            ),
            FrameError::UnknownVersion(v) => write!(
                f,
                "objfp frame written with fingerprint algorithm version {v}, \
                 this build reads version {VERSION} (objfp/{VERSION})"
            ),
            FrameError::UnknownFingerprint { found } => write!(
                f,
                "objfp frame holds data of an unknown type: fingerprint {} is not accepted here",
                found.short()
            ),
            FrameError::Mismatch {
                expected_type,
                expected,
                found,
            } => write!(
                f,
                "objfp frame holds data with fingerprint {}, expected `{}` with fingerprint {}: \
                 the writer's type has a different serialized shape",
                found.short(),
                crate::verify::ShortTypeName(expected_type),
                expected.short()
            ),
        }
    }
}

impl core::error::Error for FrameError {}
