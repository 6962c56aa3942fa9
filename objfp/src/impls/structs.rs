//! Std types serde writes as a struct or an enum, with hand-written impls: each takes the
//! fingerprint of its mirror in `mirror.rs`, a derived type declared the way serde writes
//! it, so `Duration` has the fingerprint of
//! `#[derive(TypeFingerprint)] struct Duration { secs: u64, nanos: u32 }`.
//!
//! serde's `Deserialize` for `Duration`, `SystemTime` and the ranges rejects unknown
//! fields; `SPEC.md` leaves that out (see `mirror.rs`).
//!
//! Not implemented, because serde does not implement them: `RangeFull`,
//! `RangeToInclusive`, `core::cmp::Ordering`, `Instant`.

use core::marker::PhantomData;
use core::ops::{Bound, Range, RangeFrom, RangeInclusive, RangeTo};
use core::time::Duration;
#[cfg(feature = "std")]
use std::time::SystemTime;

use super::mirror;
use crate::TypeFingerprint;

same_as! {
    // serde: an enum, `Ok(T)` or `Err(E)`, as newtype variants 0 and 1.
    [T: TypeFingerprint, E: TypeFingerprint] Result<T, E> => mirror::Result<T, E>;
    // serde: the unit struct `PhantomData`; `T` is not on the wire and needs no impl.
    [T: ?Sized] PhantomData<T> => mirror::PhantomData;
    // serde: the struct `Duration { secs: u64, nanos: u32 }`.
    [] Duration => mirror::Duration;
    // serde: the struct `SystemTime { secs_since_epoch: u64, nanos_since_epoch: u32 }`.
    #[cfg(feature = "std")]
    [] SystemTime => mirror::SystemTime;
    // serde: the structs `Range { start, end }`, `RangeFrom { start }`, `RangeTo { end }`.
    [Idx: TypeFingerprint] Range<Idx> => mirror::Range<Idx>;
    [Idx: TypeFingerprint] RangeFrom<Idx> => mirror::RangeFrom<Idx>;
    [Idx: TypeFingerprint] RangeTo<Idx> => mirror::RangeTo<Idx>;
    // serde: an enum, unit variant `Unbounded`, newtype variants `Included`, `Excluded`.
    [T: TypeFingerprint] Bound<T> => mirror::Bound<T>;
}

named! {
    // serde writes `RangeInclusive` as `Range` is written, under another struct name that
    // most formats drop: the same bytes with another meaning of `end`, so a named shape
    // (`SPEC.md` §5.1). Changing `Range` into `RangeInclusive` is reported.
    [Idx: TypeFingerprint] RangeInclusive<Idx> as "RangeInclusive" => "inclusive-range", mirror::RangeInclusive<Idx>;
}
