//! serde support (feature `serde`): [`Fingerprint`] as data, and [`Tagged`] values that
//! carry their type's fingerprint and refuse to deserialize as another shape.

use core::fmt;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeTuple, Serializer};

use crate::verify::ShortTypeName;
use crate::{Fingerprint, TypeFingerprint};

/// 64 lowercase hex digits in human-readable formats (JSON, TOML, ...), 32 raw bytes
/// (`serialize_bytes`) in compact ones (postcard, bincode, ...).
///
/// ```
/// use objfp::TypeFingerprint;
///
/// let json = serde_json::to_string(&u32::FINGERPRINT)?;
/// assert_eq!(json, format!("\"{}\"", u32::FINGERPRINT));
///
/// let bytes = postcard::to_allocvec(&u32::FINGERPRINT).unwrap();
/// assert_eq!(bytes.len(), 1 + 32); // a length prefix, then the bytes
/// # Ok::<(), serde_json::Error>(())
/// ```
impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            let hex = self.to_hex_array();
            // Hex digits are ASCII, so this never fails.
            serializer.serialize_str(core::str::from_utf8(&hex).unwrap_or_default())
        } else {
            serializer.serialize_bytes(self.as_bytes())
        }
    }
}

/// Reads what [`Serialize`] writes: a hex string (either case) in human-readable formats;
/// in compact ones 32 bytes, given as bytes or as a sequence of 32 `u8`.
///
/// ```
/// use objfp::{Fingerprint, TypeFingerprint};
///
/// let fp: Fingerprint = serde_json::from_str(&format!("\"{}\"", u8::FINGERPRINT))?;
/// assert_eq!(fp, u8::FINGERPRINT);
///
/// let bytes = postcard::to_allocvec(&u8::FINGERPRINT).unwrap();
/// assert_eq!(postcard::from_bytes::<Fingerprint>(&bytes).unwrap(), u8::FINGERPRINT);
///
/// assert!(serde_json::from_str::<Fingerprint>("\"abc\"").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(FingerprintVisitor)
        } else {
            deserializer.deserialize_bytes(FingerprintVisitor)
        }
    }
}

struct FingerprintVisitor;

impl<'de> Visitor<'de> for FingerprintVisitor {
    type Value = Fingerprint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an objfp fingerprint: 64 hex digits or 32 bytes")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Fingerprint, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Fingerprint, E> {
        <[u8; 32]>::try_from(v)
            .map(Fingerprint::from_bytes)
            .map_err(|_| E::invalid_length(v.len(), &self))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fingerprint, A::Error> {
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(i, &self))?;
        }
        // Too long: say how long, as the other length errors do.
        let mut len = 32;
        while seq.next_element::<de::IgnoredAny>()?.is_some() {
            len += 1;
        }
        if len > 32 {
            return Err(de::Error::invalid_length(len, &self));
        }
        Ok(Fingerprint::from_bytes(bytes))
    }
}

/// A value with its type's fingerprint: serializes as the pair `(fingerprint, value)`, and
/// deserializes only when the fingerprint read is `T`'s, so data written by another version
/// of a type is refused with an error naming both fingerprints, before its fields are read.
///
/// ```
/// use objfp::{Tagged, TypeFingerprint};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
/// struct PriceV1 {
///     cents: u32,
/// }
/// #[derive(Debug, Serialize, Deserialize, TypeFingerprint)]
/// struct Price {
///     cents: u64,
/// }
///
/// let bytes = postcard::to_allocvec(&Tagged::new(PriceV1 { cents: 250 })).unwrap();
///
/// let old: Tagged<PriceV1> = postcard::from_bytes(&bytes).unwrap();
/// assert_eq!(old.cents, 250);
///
/// let err = postcard::from_bytes::<Tagged<Price>>(&bytes).unwrap_err();
/// println!("{err}"); // postcard's errors are terse; self-describing formats show the message
///
/// let json = serde_json::to_string(&Tagged::new(PriceV1 { cents: 250 }))?;
/// let err = serde_json::from_str::<Tagged<Price>>(&json).unwrap_err();
/// assert!(err.to_string().contains(&Price::FINGERPRINT.short().to_string()));
/// assert!(err.to_string().contains(&PriceV1::FINGERPRINT.short().to_string()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tagged<T> {
    fingerprint: Fingerprint,
    /// The value.
    pub value: T,
}

impl<T: TypeFingerprint> Tagged<T> {
    /// Tags a value with its type's fingerprint.
    ///
    /// ```
    /// use objfp::{Tagged, TypeFingerprint};
    /// let tagged = Tagged::new(5u8);
    /// assert_eq!(tagged.fingerprint(), u8::FINGERPRINT);
    /// ```
    pub const fn new(value: T) -> Self {
        Tagged {
            fingerprint: T::FINGERPRINT,
            value,
        }
    }
}

impl<T> Tagged<T> {
    /// The fingerprint carried: always `T::FINGERPRINT`.
    ///
    /// ```
    /// use objfp::{Tagged, TypeFingerprint};
    /// assert_eq!(Tagged::new(String::new()).fingerprint(), String::FINGERPRINT);
    /// ```
    pub const fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The value, unwrapped.
    ///
    /// ```
    /// assert_eq!(objfp::Tagged::new(7u32).into_inner(), 7);
    /// ```
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: TypeFingerprint> From<T> for Tagged<T> {
    /// Same as [`Tagged::new`].
    ///
    /// ```
    /// let tagged: objfp::Tagged<u8> = 3.into();
    /// assert_eq!(tagged.value, 3);
    /// ```
    fn from(value: T) -> Self {
        Tagged::new(value)
    }
}

impl<T> Deref for Tagged<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tagged<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// Writes the pair `(fingerprint, value)`.
///
/// ```
/// let json = serde_json::to_string(&objfp::Tagged::new(true))?;
/// assert!(json.starts_with("[\"") && json.ends_with("\",true]"));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<T: Serialize> Serialize for Tagged<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.fingerprint)?;
        tuple.serialize_element(&self.value)?;
        tuple.end()
    }
}

/// Reads the pair `(fingerprint, value)`, refusing a fingerprint other than `T`'s.
///
/// ```
/// use objfp::{Tagged, TypeFingerprint};
/// let json = serde_json::to_string(&Tagged::new(1u8))?;
/// assert_eq!(serde_json::from_str::<Tagged<u8>>(&json)?.value, 1);
/// assert!(serde_json::from_str::<Tagged<i8>>(&json).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de, T: TypeFingerprint + Deserialize<'de>> Deserialize<'de> for Tagged<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_tuple(2, TaggedVisitor(PhantomData))
    }
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: TypeFingerprint + Deserialize<'de>> Visitor<'de> for TaggedVisitor<T> {
    type Value = Tagged<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a pair (fingerprint, value) of `{}`",
            ShortTypeName(core::any::type_name::<T>())
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tagged<T>, A::Error> {
        let fingerprint: Fingerprint = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        if fingerprint != T::FINGERPRINT {
            return Err(de::Error::custom(format_args!(
                "fingerprint mismatch: expected `{}` with fingerprint {}, received data with \
                 fingerprint {}, written by a type with a different serialized shape",
                ShortTypeName(core::any::type_name::<T>()),
                T::FINGERPRINT.short(),
                fingerprint.short()
            )));
        }
        let value = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        Ok(Tagged { fingerprint, value })
    }
}
