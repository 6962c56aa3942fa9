//! `chrono-tz` 0.10 (feature `chrono-tz`): serde writes `Tz` with `serialize_str(self.name())`
//! in every format, the IANA time zone name (`Europe/London`, `UTC`), and reads only a name
//! it knows: the opaque node `"iana-time-zone"`.
//!
//! A `chrono::DateTime<chrono_tz::Tz>` is written by chrono's impl, as any `DateTime<Tz>`
//! (the `chrono` feature): RFC 3339 with the offset; the zone's name is not written.

use ::chrono_tz::Tz;

opaque! {
    [] Tz as "Tz" => "iana-time-zone";
}
