//! `time::serde::{rfc3339, rfc2822, iso8601}` (time 0.3.55, feature `serde-well-known`):
//! each writes an `OffsetDateTime` as a string in its format (`serialize_str` of
//! `format(..)`), in every format, and reads one back with `deserialize_str`; the
//! `::option` modules write `serialize_some(string)` or `serialize_none()`. Each string
//! grammar is an opaque node:
//!
//! - `rfc3339`: RFC 3339 with the offset, `Z` for UTC, the fraction only when non-zero
//!   (`2023-11-14T22:13:20Z`): the grammar of chrono's `DateTime`, `"rfc3339-datetime"`.
//! - `rfc2822`: `Tue, 14 Nov 2023 22:13:20 +0000`, `"rfc2822-datetime"`.
//! - `iso8601`: ISO 8601 extended format with a six-digit signed year and nine fraction
//!   digits (`+002023-11-14T22:13:20.000000000Z`), `"iso8601-datetime-six-digit-year"`:
//!   not RFC 3339 (the year), and not chrono's naive `"iso8601-naive-datetime"`.
//!
//! `time::serde::timestamp` writes integers: see `chrono.rs`'s named shapes.

/// `time::serde::rfc3339`'s string.
pub struct Rfc3339;
/// `time::serde::rfc2822`'s string.
pub struct Rfc2822;
/// `time::serde::iso8601`'s string.
pub struct Iso8601;

opaque! {
    [] Rfc3339 as "Rfc3339" => "rfc3339-datetime";
    [] Rfc2822 as "Rfc2822" => "rfc2822-datetime";
    [] Iso8601 as "Iso8601" => "iso8601-datetime-six-digit-year";
}
