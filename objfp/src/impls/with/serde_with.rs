//! serde_with (3.25) adapters, as `#[serde_as]` hands them to serde:
//! `#[serde(with = "::serde_with::As::<Vec<DisplayFromStr>>")]`. The derive walks the
//! adapter type and the field type together (`SPEC.md` §10b); these are the shapes of the
//! adapters that are not the field type's own:
//!
//! | adapter | serde writes | shape |
//! |---|---|---|
//! | `DisplayFromStr` | `collect_str` of the value's `Display` | `string` |
//! | `NoneAsEmptyString` (on `Option<T>`) | `collect_str` of the value, `""` for `None` | `string` |
//! | `Bytes` | `serialize_bytes` | `bytes` |
//! | `base64::Base64<ALPHABET, PADDING>` | `serialize_str` of the base64 text | `"base64-standard-padded"`, ... ([`Base64StandardPadded`] and siblings) |
//! | `hex::Hex<FORMAT>` | `serialize_str` of the hex text | `"hex-lowercase"` / `"hex-uppercase"` |
//! | `DurationSeconds<FORMAT>` and the `MilliSeconds`, `MicroSeconds`, `NanoSeconds`, `WithFrac` siblings | the duration as a count of the unit in `FORMAT` (`u64`, `i64`, `f64`; `String`: the digits of the integer count, or the `f64` text for `WithFrac`) | `named("duration-seconds", FORMAT)`, ... |
//! | `TimestampSeconds<FORMAT>` and siblings | the same, since the Unix epoch | `named("unix-seconds", FORMAT)`, ... (chrono's `ts_seconds` nodes) |
//! | `DefaultOnNull<T>` | `serialize_some` of `T` (and reads `Option<T>`, `None` giving the default) | `Option<T>` |
//! | `DefaultOnError<T>` | `T` | `T` |
//! | `OneOrMany<T, PreferOne>` | the one element when there is one, else the sequence | [`OneOrMany<T>`] (untagged) |
//! | `OneOrMany<T, PreferMany>` | the sequence; reads either | written `Seq<T>`, read [`OneOrMany<T>`] |
//!
//! `WithFrac` and the integer forms of one unit share a node: both write the count of the
//! unit in `FORMAT` (with or without the fraction), and each reads the other's `f64`.
//! A `String` count is the integer's digits (`"12"`, `"decimal-integer-string"`) or, with
//! `WithFrac`, `f64`'s `Display` (`"12.5"`, `"decimal-string"`): the integer form's reader
//! rejects a fraction. The `STRICTNESS` parameter changes only what is accepted: `Strict`
//! (the default) is the shape above, `Flexible` (which also reads numbers from strings and
//! the reverse) reads [`Flexible<T>`], so the field is a serialize/deserialize pair and a
//! change of strictness is reported, as an `alias` is.

use core::marker::PhantomData;

use super::Seq;

/// A duration as `I`, counting seconds.
pub struct DurationSeconds<I: ?Sized>(PhantomData<I>);
/// A duration as `I`, counting milliseconds.
pub struct DurationMilliseconds<I: ?Sized>(PhantomData<I>);
/// A duration as `I`, counting microseconds.
pub struct DurationMicroseconds<I: ?Sized>(PhantomData<I>);
/// A duration as `I`, counting nanoseconds.
pub struct DurationNanoseconds<I: ?Sized>(PhantomData<I>);

named! {
    [I: crate::TypeFingerprint + ?Sized] DurationSeconds<I> as "DurationSeconds" => "duration-seconds", I;
    [I: crate::TypeFingerprint + ?Sized] DurationMilliseconds<I> as "DurationMilliseconds" => "duration-milliseconds", I;
    [I: crate::TypeFingerprint + ?Sized] DurationMicroseconds<I> as "DurationMicroseconds" => "duration-microseconds", I;
    [I: crate::TypeFingerprint + ?Sized] DurationNanoseconds<I> as "DurationNanoseconds" => "duration-nanoseconds", I;
}

/// What serde_with's `Flexible` strictness reads for the count `T`: `T`, or the same
/// count in the other representation (a number for a string, a string for a number).
///
/// ```
/// use objfp::TypeFingerprint;
/// use objfp::__private::with::{DurationSeconds, Flexible};
/// assert_ne!(
///     <Flexible<DurationSeconds<u64>>>::FINGERPRINT,
///     <DurationSeconds<u64>>::FINGERPRINT,
/// );
/// ```
pub struct Flexible<T: ?Sized>(PhantomData<T>);

named! {
    [T: crate::TypeFingerprint + ?Sized] Flexible<T> as "Flexible" => "serde-with-flexible", T;
}

/// serde_with's `OneOrMany<T>`: the one element itself, or the sequence of them, told
/// apart by what is on the wire (serde's untagged enum of the two).
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// Exactly one element.
    One(T),
    /// Zero or several.
    Many(Seq<T>),
}

/// `hex::Hex<Lowercase>`'s text (`"0aff"`).
pub struct HexLowercase;
/// `hex::Hex<Uppercase>`'s text (`"0AFF"`).
pub struct HexUppercase;

opaque! {
    [] HexLowercase as "HexLowercase" => "hex-lowercase";
    [] HexUppercase as "HexUppercase" => "hex-uppercase";
}

macro_rules! base64 {
    ($($marker:ident => $grammar:literal, $doc:literal;)*) => {
        $(
            #[doc = $doc]
            pub struct $marker;
        )*
        opaque! {
            $([] $marker as "Base64" => $grammar;)*
        }
    };
}

base64! {
    Base64StandardPadded => "base64-standard-padded", "`Base64<Standard, Padded>`'s text (RFC 4648 §4, `=` padding).";
    Base64StandardUnpadded => "base64-standard-unpadded", "`Base64<Standard, Unpadded>`'s text.";
    Base64UrlSafePadded => "base64-url-safe-padded", "`Base64<UrlSafe, Padded>`'s text (RFC 4648 §5).";
    Base64UrlSafeUnpadded => "base64-url-safe-unpadded", "`Base64<UrlSafe, Unpadded>`'s text.";
    Base64CryptPadded => "base64-crypt-padded", "`Base64<Crypt, Padded>`'s text (the `crypt(3)` alphabet).";
    Base64CryptUnpadded => "base64-crypt-unpadded", "`Base64<Crypt, Unpadded>`'s text.";
    Base64BcryptPadded => "base64-bcrypt-padded", "`Base64<Bcrypt, Padded>`'s text (the bcrypt alphabet).";
    Base64BcryptUnpadded => "base64-bcrypt-unpadded", "`Base64<Bcrypt, Unpadded>`'s text.";
    Base64ImapMutf7Padded => "base64-imap-mutf7-padded", "`Base64<ImapMutf7, Padded>`'s text (RFC 3501's alphabet).";
    Base64ImapMutf7Unpadded => "base64-imap-mutf7-unpadded", "`Base64<ImapMutf7, Unpadded>`'s text.";
    Base64BinHexPadded => "base64-binhex-padded", "`Base64<BinHex, Padded>`'s text (the BinHex 4 alphabet).";
    Base64BinHexUnpadded => "base64-binhex-unpadded", "`Base64<BinHex, Unpadded>`'s text.";
}
