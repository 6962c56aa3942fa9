//! `chrono::serde::{ts_seconds, ts_milliseconds, ts_microseconds, ts_nanoseconds}` (and
//! `chrono::naive::serde::*` of the same names), chrono 0.4.45: each writes the instant as
//! an `i64` count of its unit since the Unix epoch (`serialize_i64`), in every format,
//! and reads one back with `deserialize_i64`. The `_option` forms write
//! `serialize_some(i64)` or `serialize_none()`: an `Option` of that.
//!
//! What the integer counts is not in the bare `i64`, so each unit is a named shape:
//! `named("unix-seconds", i64)`, ... Swapping `ts_seconds` for `ts_milliseconds` changes
//! the fingerprint. The same nodes stand for every helper that writes such a count:
//! `time::serde::timestamp` (`i64` seconds; `i128` milliseconds, microseconds and
//! nanoseconds, `i64` for `milliseconds_i64`) and serde_with's `TimestampSeconds<FORMAT>`
//! family (the count in `FORMAT`).

use core::marker::PhantomData;

/// `I` counting seconds since the Unix epoch (1970-01-01T00:00:00Z).
pub struct UnixSeconds<I: ?Sized>(PhantomData<I>);
/// `I` counting milliseconds since the Unix epoch.
pub struct UnixMilliseconds<I: ?Sized>(PhantomData<I>);
/// `I` counting microseconds since the Unix epoch.
pub struct UnixMicroseconds<I: ?Sized>(PhantomData<I>);
/// `I` counting nanoseconds since the Unix epoch.
pub struct UnixNanoseconds<I: ?Sized>(PhantomData<I>);

named! {
    [I: crate::TypeFingerprint + ?Sized] UnixSeconds<I> as "UnixSeconds" => "unix-seconds", I;
    [I: crate::TypeFingerprint + ?Sized] UnixMilliseconds<I> as "UnixMilliseconds" => "unix-milliseconds", I;
    [I: crate::TypeFingerprint + ?Sized] UnixMicroseconds<I> as "UnixMicroseconds" => "unix-microseconds", I;
    [I: crate::TypeFingerprint + ?Sized] UnixNanoseconds<I> as "UnixNanoseconds" => "unix-nanoseconds", I;
}
