//! `chrono` (feature `chrono`), as its `serde` feature writes it. Every type but `TimeDelta`
//! is a string in every format (`collect_str`, no `is_human_readable` branch):
//!
//! | type | serde writes | shape |
//! |---|---|---|
//! | `DateTime<Tz>`, any `Tz` | RFC 3339 with the offset, `Z` for UTC, fractional seconds only when non-zero (`2024-01-02T03:04:05Z`); years outside 0..=9999 get a sign | opaque `"rfc3339-datetime"` |
//! | `NaiveDateTime` | `2024-01-02T03:04:05`, fractional seconds only when non-zero | opaque `"iso8601-naive-datetime"` |
//! | `NaiveDate` | `2024-01-02` | opaque `"iso8601-date"` |
//! | `NaiveTime` | `03:04:05`, fractional seconds only when non-zero | opaque `"iso8601-time"` |
//! | `Weekday` | `Mon` .. `Sun` (reads the long names too) | opaque `"weekday-short-name"` |
//! | `Month` | `January` .. `December` (reads the short names too) | opaque `"month-name"` |
//! | `TimeDelta` (`Duration`) | the tuple `(secs: i64, nanos: i32)` | `(i64, i32)` |
//!
//! `DateTime<Tz>` is one shape whatever `Tz`: the offset is in the string, and the time
//! zone type is not (serde reads `DateTime<Utc>`, `DateTime<FixedOffset>` and
//! `DateTime<Local>` from any offset). The `chrono::serde::ts_seconds` family of field
//! helpers (and `ts_milliseconds`, ..., their `_option` forms) needs no annotation: the
//! derive knows them and fingerprints the field as the count they write (SPEC.md §10b).
//!
//! Not implemented: `FixedOffset`, `Utc`, `Local`, `Days`, `Months`, `IsoWeek`: chrono has
//! no `Serialize` for them.

use ::chrono::{
    DateTime, Month, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Weekday,
};

opaque! {
    [Tz: TimeZone] DateTime<Tz> as "DateTime" => "rfc3339-datetime";
    [] NaiveDateTime as "NaiveDateTime" => "iso8601-naive-datetime";
    [] NaiveDate as "NaiveDate" => "iso8601-date";
    [] NaiveTime as "NaiveTime" => "iso8601-time";
    [] Weekday as "Weekday" => "weekday-short-name";
    [] Month as "Month" => "month-name";
}

tuple! {
    // serde: `<(i64, i32)>::serialize(&(self.secs, self.nanos))`.
    [] TimeDelta as "TimeDelta" => (i64, i32);
}
