//! `jiff` 1.0 (feature `jiff`), as its `serde` feature writes it: every type below with
//! `collect_str` of its `Display` form in every format (no `is_human_readable` branch),
//! and reads it back with `deserialize_str` (from a string or UTF-8 bytes) in that
//! grammar only:
//!
//! | type | serde writes | shape |
//! |---|---|---|
//! | `Timestamp` | RFC 3339 in UTC, `Z`, fractional seconds only when non-zero, shortest (`2023-11-14T22:13:20.5Z`); years outside 0..=9999 as `-009999` | opaque `"rfc3339-datetime"` |
//! | `ZonedDateTime` | RFC 9557: RFC 3339 with the offset, then the time zone in brackets (`2023-11-14T22:13:20+00:00[UTC]`, `2023-11-15T00:13:20+02:00[+02:00]`, or an IANA name in the brackets) | opaque `"rfc9557-datetime"` |
//! | `civil::DateTime` | `2023-11-14T22:13:20`, fractional seconds only when non-zero | opaque `"iso8601-naive-datetime"` |
//! | `civil::Date` | `2023-11-14` | opaque `"iso8601-date"` |
//! | `civil::Time` | `22:13:20`, fractional seconds only when non-zero | opaque `"iso8601-time"` |
//! | `civil::ISOWeekDate` | `2023-W46-2` | opaque `"iso8601-week-date"` |
//! | `Span` | an ISO 8601 duration with calendar units (`P1DT2H3M`, `-P1Y2M`, `PT0S`) | opaque `"iso8601-duration"` |
//! | `SignedDuration` | an ISO 8601 duration of hours, minutes and seconds only (`PT48H5S`, `-PT1M30.5S`) | opaque `"iso8601-duration"` |
//!
//! The names are shared with `chrono`'s types that write the same grammar: jiff's
//! `Timestamp` reads any RFC 3339 offset (chrono's `DateTime<FixedOffset>` output) and
//! writes what chrono's `DateTime<Utc>` reads, and the civil types read and write what
//! chrono's naive types do. `ZonedDateTime` needs the bracketed time zone, which an RFC
//! 3339 string does not have, so it is its own grammar. `SignedDuration` rejects days and
//! larger units (`P1D`), which `Span` writes, so the two duration grammars differ (both
//! also read jiff's "friendly" format, `2h 30m`, which neither writes).
//!
//! Not implemented: `tz::TimeZone`, `tz::Offset`, `civil::Weekday`, `Unit` and the other
//! types without `Serialize`. The `jiff::fmt::serde` field helpers (`timestamp::second`,
//! `tz`, `duration::friendly`, `span::friendly`, ...) write integers or strings other than
//! the above: annotate such a field with `#[fingerprint(as = "i64")]` or
//! `#[fingerprint(opaque = "..")]`.

use ::jiff::civil::{Date, DateTime, ISOWeekDate, Time};
use ::jiff::{SignedDuration, Span, Timestamp, ZonedDateTime};

opaque! {
    [] Timestamp as "Timestamp" => "rfc3339-datetime";
    [] ZonedDateTime as "ZonedDateTime" => "rfc9557-datetime";
    [] DateTime as "DateTime" => "iso8601-naive-datetime";
    [] Date as "Date" => "iso8601-date";
    [] Time as "Time" => "iso8601-time";
    [] ISOWeekDate as "ISOWeekDate" => "iso8601-week-date";
    [] Span as "Span" => "iso8601-duration";
    [] SignedDuration as "SignedDuration" => "iso8601-time-duration";
}
