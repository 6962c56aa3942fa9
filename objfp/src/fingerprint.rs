//! The 32-byte fingerprint value: construction and comparison in `const`, hex in and out.

use core::fmt;
use core::str::FromStr;

/// A SHA-256 structural fingerprint of a type's canonical form (see `SPEC.md`).
///
/// Usable in `const` contexts: build one with [`Fingerprint::from_hex`] or
/// [`Fingerprint::from_bytes`] and compare with [`Fingerprint::eq`].
///
/// ```
/// use objfp::Fingerprint;
///
/// const PINNED: Fingerprint =
///     Fingerprint::from_hex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
/// assert_eq!(PINNED.short().to_string(), "9f86d081884c");
/// assert_eq!(PINNED.to_string().len(), 64);
/// assert_eq!(PINNED.to_string().parse::<Fingerprint>(), Ok(PINNED));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Fingerprint(pub(crate) [u8; 32]);

impl Fingerprint {
    /// Length of a fingerprint in bytes.
    pub const LEN: usize = 32;

    /// Wraps 32 raw bytes.
    ///
    /// ```
    /// let fp = objfp::Fingerprint::from_bytes([0xab; 32]);
    /// assert_eq!(fp.as_bytes()[0], 0xab);
    /// ```
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Fingerprint(bytes)
    }

    /// The 32 raw bytes.
    ///
    /// ```
    /// let fp = objfp::Fingerprint::from_bytes([7; 32]);
    /// assert_eq!(fp.as_bytes(), &[7; 32]);
    /// ```
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses 64 hex digits (`0-9`, `a-f` or `A-F`) in a `const` context.
    ///
    /// # Panics
    /// Panics, which in a `const` is a compile error, when the text is not exactly 64 hex
    /// digits. Use [`Fingerprint::try_from_hex`] or [`str::parse`] for untrusted input.
    ///
    /// ```
    /// const FP: objfp::Fingerprint = objfp::Fingerprint::from_hex(
    ///     "0000000000000000000000000000000000000000000000000000000000000001",
    /// );
    /// assert_eq!(FP.as_bytes()[31], 1);
    /// ```
    pub const fn from_hex(hex: &str) -> Self {
        match Self::try_from_hex(hex) {
            Ok(fp) => fp,
            Err(ParseFingerprintError::Length(_)) => {
                panic!("a fingerprint is exactly 64 hex digits")
            }
            Err(ParseFingerprintError::Digit { .. }) => {
                panic!("a fingerprint may only contain hex digits 0-9, a-f or A-F")
            }
        }
    }

    /// Parses 64 hex digits (`0-9`, `a-f` or `A-F`), returning an error instead of
    /// panicking. The text must be exactly the digits (no surrounding whitespace); errors
    /// count characters, not bytes.
    ///
    /// ```
    /// use objfp::{Fingerprint, ParseFingerprintError};
    /// assert_eq!(Fingerprint::try_from_hex("abc"), Err(ParseFingerprintError::Length(3)));
    /// assert_eq!(Fingerprint::try_from_hex("é"), Err(ParseFingerprintError::Length(1)));
    /// let text = "é".repeat(64);
    /// assert_eq!(
    ///     Fingerprint::try_from_hex(&text),
    ///     Err(ParseFingerprintError::Digit { index: 0, found: 'é' })
    /// );
    /// ```
    pub const fn try_from_hex(hex: &str) -> Result<Self, ParseFingerprintError> {
        let text = hex.as_bytes();
        let chars = char_count(text);
        if chars != 64 {
            return Err(ParseFingerprintError::Length(chars));
        }
        // 64 characters: a fingerprint when each is an ASCII hex digit (one byte each), so
        // up to the first that is not, the byte index is the character index.
        let mut bytes = [0u8; 32];
        let mut i = 0;
        while i < 64 {
            let Some(digit) = hex_digit(text[i]) else {
                return Err(ParseFingerprintError::Digit {
                    index: i,
                    found: char_at(text, i),
                });
            };
            if i % 2 == 0 {
                bytes[i / 2] = digit << 4;
            } else {
                bytes[i / 2] |= digit;
            }
            i += 1;
        }
        Ok(Fingerprint(bytes))
    }

    /// Equality usable in `const` (the `==` operator is not, on stable Rust).
    ///
    /// ```
    /// use objfp::Fingerprint;
    /// const SAME: bool = Fingerprint::from_bytes([1; 32]).eq(&Fingerprint::from_bytes([1; 32]));
    /// assert!(SAME);
    /// ```
    pub const fn eq(&self, other: &Fingerprint) -> bool {
        let mut i = 0;
        while i < 32 {
            if self.0[i] != other.0[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The fingerprint as 64 lowercase hex digits in a fixed buffer, usable in `const`
    /// (for compile-time messages) and without an allocator.
    ///
    /// ```
    /// let fp = objfp::Fingerprint::from_bytes([0xab; 32]);
    /// assert_eq!(&fp.to_hex_array()[..4], b"abab");
    /// ```
    pub const fn to_hex_array(&self) -> [u8; 64] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        let mut i = 0;
        while i < 32 {
            out[2 * i] = DIGITS[(self.0[i] >> 4) as usize];
            out[2 * i + 1] = DIGITS[(self.0[i] & 0x0f) as usize];
            i += 1;
        }
        out
    }

    /// A short form for people, like git's abbreviated hashes: the first 6 bytes in hex.
    ///
    /// ```
    /// let fp = objfp::Fingerprint::from_bytes([0x0f; 32]);
    /// assert_eq!(fp.short().to_string(), "0f0f0f0f0f0f");
    /// ```
    pub const fn short(&self) -> ShortFingerprint {
        ShortFingerprint(*self)
    }
}

/// The number of characters in UTF-8 text: the bytes that do not continue a character.
const fn char_count(text: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] & 0xc0 != 0x80 {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The character that starts at byte `i` of UTF-8 text (`U+FFFD` if none does).
const fn char_at(text: &[u8], i: usize) -> char {
    let first = text[i];
    let (width, bits) = match first {
        0x00..=0x7f => return first as char,
        0xc0..=0xdf => (2, (first & 0x1f) as u32),
        0xe0..=0xef => (3, (first & 0x0f) as u32),
        0xf0..=0xf7 => (4, (first & 0x07) as u32),
        _ => return char::REPLACEMENT_CHARACTER,
    };
    if i + width > text.len() {
        return char::REPLACEMENT_CHARACTER;
    }
    let mut code = bits;
    let mut k = 1;
    while k < width {
        code = (code << 6) | (text[i + k] & 0x3f) as u32;
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => c,
        None => char::REPLACEMENT_CHARACTER,
    }
}

const fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Why a text is not a fingerprint. Lengths and positions count characters (Unicode
/// scalar values) of the text given, not bytes.
///
/// ```
/// use objfp::{Fingerprint, ParseFingerprintError};
/// let err = "zz".repeat(32).parse::<Fingerprint>().unwrap_err();
/// assert_eq!(err, ParseFingerprintError::Digit { index: 0, found: 'z' });
/// assert!(err.to_string().contains("position 0"));
///
/// let err = "é".parse::<Fingerprint>().unwrap_err();
/// assert_eq!(err, ParseFingerprintError::Length(1));
/// assert!(err.to_string().contains("has 1 character"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseFingerprintError {
    /// The text is not 64 characters long; holds its length in characters (for
    /// [`str::parse`], without the surrounding whitespace it ignores).
    Length(usize),
    /// A character is not a hex digit.
    Digit {
        /// The position of the character in the text given, counting characters from 0.
        index: usize,
        /// The character.
        found: char,
    },
}

impl fmt::Display for ParseFingerprintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseFingerprintError::Length(n) => {
                let s = if *n == 1 { "" } else { "s" };
                write!(
                    f,
                    "a fingerprint is 64 hex digits, this text has {n} character{s}"
                )
            }
            ParseFingerprintError::Digit { index, found } => write!(
                f,
                "a fingerprint is 64 hex digits (0-9, a-f or A-F), found {found:?} at \
                 position {index} (counting characters from 0)"
            ),
        }
    }
}

impl core::error::Error for ParseFingerprintError {}

/// Parses 64 hex digits (`0-9`, `a-f` or `A-F`), ignoring surrounding ASCII whitespace
/// (space, tab, line feed, form feed, carriage return) and nothing else: other Unicode
/// spaces, such as U+3000 or U+2028, are characters that are not hex digits. Errors count
/// characters of the text given.
///
/// ```
/// use objfp::{Fingerprint, ParseFingerprintError, TypeFingerprint};
///
/// let hex = u8::FINGERPRINT.to_string();
/// assert_eq!(format!(" {hex}\n").parse::<Fingerprint>(), Ok(u8::FINGERPRINT));
/// assert_eq!(
///     format!("\u{3000}{hex}").parse::<Fingerprint>(),
///     Err(ParseFingerprintError::Length(65))
/// );
/// ```
impl FromStr for Fingerprint {
    type Err = ParseFingerprintError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim_ascii();
        let mut bytes = [0u8; 32];
        if s.len() == 64 && const_hex::decode_to_slice(s, &mut bytes).is_ok() {
            return Ok(Fingerprint(bytes));
        }
        // The error, with positions in `text`, not in the trimmed text.
        let leading = text.len() - text.trim_ascii_start().len();
        match Self::try_from_hex(s) {
            Err(ParseFingerprintError::Digit { index, found }) => {
                Err(ParseFingerprintError::Digit {
                    index: index + char_count(&text.as_bytes()[..leading]),
                    found,
                })
            }
            other => other,
        }
    }
}

impl fmt::LowerHex for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 64];
        // Both lengths are fixed, so encoding cannot fail.
        let hex = const_hex::encode_to_slice(self.0, &mut buf)
            .ok()
            .and_then(|()| core::str::from_utf8(&buf).ok())
            .unwrap_or_default();
        f.write_str(hex)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(self, f)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl AsRef<[u8]> for Fingerprint {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<[u8; 32]> for Fingerprint {
    fn from(bytes: [u8; 32]) -> Self {
        Fingerprint(bytes)
    }
}

impl From<Fingerprint> for [u8; 32] {
    fn from(fp: Fingerprint) -> Self {
        fp.0
    }
}

/// The abbreviated form of a [`Fingerprint`] returned by [`Fingerprint::short`]: 12 hex digits.
///
/// ```
/// let fp = objfp::Fingerprint::from_bytes([0xa5; 32]);
/// assert_eq!(format!("{}", fp.short()), "a5a5a5a5a5a5");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ShortFingerprint(Fingerprint);

impl ShortFingerprint {
    /// Number of leading bytes shown.
    pub const BYTES: usize = 6;
}

impl fmt::Display for ShortFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.0.to_hex_array();
        let short = core::str::from_utf8(&hex[..2 * Self::BYTES]).unwrap_or_default();
        f.write_str(short)
    }
}

impl fmt::Debug for ShortFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
