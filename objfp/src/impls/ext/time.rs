//! `time` (feature `time`), as its `serde` feature writes it **without**
//! `serde-human-readable`: every type is the same tuple or integer in every format.
//!
//! | type | serde writes | shape |
//! |---|---|---|
//! | `Date` | `(year, ordinal day)` | `(i32, u16)` |
//! | `Time` | `(hour, minute, second, nanosecond)` | `(u8, u8, u8, u32)` |
//! | `PrimitiveDateTime` (`PlainDateTime`), `UtcDateTime` | `(year, ordinal, hour, minute, second, nanosecond)` | `(i32, u16, u8, u8, u8, u32)` |
//! | `OffsetDateTime` | the same, then the offset's `(hours, minutes, seconds)` | `(i32, u16, u8, u8, u8, u32, i8, i8, i8)` |
//! | `UtcOffset` | `(hours, minutes, seconds)` | `(i8, i8, i8)` |
//! | `Duration` (`SignedDuration`) | `(whole seconds, subsecond nanoseconds)` | `(i64, i32)` |
//! | `Timestamp` | nanoseconds since the Unix epoch | `i128` |
//! | `Weekday` | `number_from_monday()`, 1 ..= 7 | `u8` |
//! | `Month` | 1 ..= 12 | `u8` |
//!
//! **`serde-human-readable`.** With that `time` feature, enabled by any crate in the
//! build, every type above but `Timestamp` writes a string (or, for `Weekday` and `Month`,
//! its name) to human-readable formats instead, and the compact forms stay as above.
//! objfp cannot see another crate's features, so these fingerprints are wrong for JSON in
//! such a build: fingerprint a field of such a type in a human-readable format with
//! `#[fingerprint(opaque = "..")]` naming its format. The `time::serde::{rfc3339, iso8601,
//! rfc2822, timestamp}` field helpers write strings or integers, not the shapes above; the
//! derive knows them and needs no annotation (SPEC.md §10b).
//!
//! Not implemented: `Instant` (no `Serialize`).

use ::time::{
    Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, Timestamp, UtcDateTime,
    UtcOffset, Weekday,
};

tuple! {
    // serde: `(self.year(), self.ordinal())`.
    [] Date as "Date" => (i32, u16);
    // serde: `(self.hour(), self.minute(), self.second(), self.nanosecond())`.
    [] Time as "Time" => (u8, u8, u8, u32);
    [] PrimitiveDateTime as "PrimitiveDateTime" => (i32, u16, u8, u8, u8, u32);
    [] UtcDateTime as "UtcDateTime" => (i32, u16, u8, u8, u8, u32);
    [] OffsetDateTime as "OffsetDateTime" => (i32, u16, u8, u8, u8, u32, i8, i8, i8);
    // serde: `(self.whole_hours(), self.minutes_past_hour(), self.seconds_past_minute())`.
    [] UtcOffset as "UtcOffset" => (i8, i8, i8);
    // serde: `(self.whole_seconds(), self.subsec_nanoseconds())`.
    [] Duration as "Duration" => (i64, i32);
}

same_as! {
    // serde: `self.as_nanoseconds().serialize(..)`, in every format.
    [] Timestamp => i128;
    // serde: `self.number_from_monday().serialize(..)`.
    [] Weekday => u8;
    // serde: `u8::from(*self).serialize(..)`.
    [] Month => u8;
}
