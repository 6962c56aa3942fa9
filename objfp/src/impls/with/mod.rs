//! Shapes of the well-known serializer helpers (`SPEC.md` §10b): what
//! `#[serde(with = "chrono::serde::ts_seconds")]`, `#[serde(with = "serde_bytes")]`,
//! `#[serde_as(as = "DisplayFromStr")]` and the like write, as types the derive names in
//! place of the field's own type. Reached from generated code as `__private::with`.
//!
//! They describe shapes only, so they need none of the helper crates: no cargo feature
//! (the few impls for a helper crate's own types follow objfp's feature for that crate).
//! Each file covers one helper family and says what each helper writes, read from the
//! helper's source and checked against its real output by `tests/tests/with_helpers.rs`.
//!
//! Never built; only their fingerprints and descriptions are read.

mod bytes;
mod chrono;
mod http;
mod humantime;
mod serde_with;
mod time;

pub use self::bytes::SerdeBytes;
pub use self::chrono::{UnixMicroseconds, UnixMilliseconds, UnixNanoseconds, UnixSeconds};
pub use self::http::{
    HeaderMap, HeaderValues, HttpAuthority, HttpHeaderName, HttpMethod, HttpUri, HttpVersion,
};
pub use self::humantime::{HumanDuration, HumanTimestamp, Humantime};
pub use self::serde_with::*;
pub use self::time::{Iso8601, Rfc2822, Rfc3339};

use core::marker::PhantomData;

/// The `string` primitive: what `serialize_str` and `collect_str` write.
pub struct Text;

/// The `bytes` primitive: what `serialize_bytes` writes.
pub struct Bytes;

primitive! {
    [] Text => String;
    [] Bytes => Bytes;
}

/// A sequence of `T` (`serialize_seq`, `collect_seq`), whatever the collection.
pub struct Seq<T: ?Sized>(PhantomData<T>);

/// A map from `K` to `V` (`serialize_map`, `collect_map`), whatever the collection.
pub struct Map<K: ?Sized, V: ?Sized>(PhantomData<K>, PhantomData<V>);

seq! {
    [T: crate::TypeFingerprint + ?Sized] Seq<T> as "Seq" => T;
}

map! {
    [K: crate::TypeFingerprint + ?Sized, V: crate::TypeFingerprint + ?Sized] Map<K, V> as "Map" => K, V;
}

/// `H` in human-readable formats and `C` in compact ones (an `h` node): serde_with's
/// `IfIsHumanReadable<H, C>`.
pub struct Readable<H: ?Sized, C: ?Sized>(PhantomData<H>, PhantomData<C>);

impl<H: crate::TypeFingerprint + ?Sized, C: crate::TypeFingerprint + ?Sized> crate::TypeFingerprint
    for Readable<H, C>
{
    const FINGERPRINT: crate::Fingerprint =
        crate::encoding::readable(H::FINGERPRINT, C::FINGERPRINT);
    const DESCRIPTION: &'static crate::Description = &crate::Description {
        name: "Readable",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: crate::Shape::Readable {
            human: crate::__private::describe::<H>,
            compact: crate::__private::describe::<C>,
        },
    };
}

/// An integer written as its decimal digits in a string (`"-12"`).
pub struct DecimalIntegerString;

/// A number written in plain decimal notation in a string (`"12.5"`).
pub struct DecimalString;

opaque! {
    [] DecimalIntegerString as "DecimalIntegerString" => "decimal-integer-string";
    [] DecimalString as "DecimalString" => "decimal-string";
}
