//! `humantime_serde` (1.1.1): `#[serde(with = "humantime_serde")]` on a `Duration`,
//! `SystemTime`, `Option<Duration>` or `Option<SystemTime>` field, and
//! `humantime_serde::option` on the `Option` ones. What it writes depends on the field's
//! type, so the derive names `<Field as Humantime>::Shape`, and the trait picks it:
//!
//! - `Duration`: `humantime::format_duration` as a string (`"1h 2m 3s 5us"`), in every
//!   format; read back with `parse_duration` (`"15 seconds"` too):
//!   `"humantime-duration"`.
//! - `SystemTime`: `humantime::format_rfc3339` as a string, always UTC with `Z`, nine
//!   fraction digits when there is a fraction (`2023-11-14T22:13:20.000005000Z`, else
//!   `2023-11-14T22:13:20Z`); read back with
//!   `parse_rfc3339_weak`, which takes UTC only (no other offset):
//!   `"rfc3339-utc-datetime"`, not chrono's `"rfc3339-datetime"` (whose readers take any
//!   offset, and whose writers may write one humantime cannot read).
//! - `Option<T>`: `serialize_some` of `T`'s string or `serialize_none`.

use core::time::Duration;

/// The shape `humantime_serde` writes for a field of this type.
#[diagnostic::on_unimplemented(
    message = "`humantime_serde` does not apply to a field of type `{Self}`",
    note = "humantime_serde writes `Duration`, `SystemTime` and `Option`s of them"
)]
pub trait Humantime {
    /// What is written.
    type Shape: crate::TypeFingerprint + ?Sized;
}

/// `humantime::format_duration`'s string.
pub struct HumanDuration;
/// `humantime::format_rfc3339`'s string.
pub struct HumanTimestamp;

opaque! {
    [] HumanDuration as "HumanDuration" => "humantime-duration";
    [] HumanTimestamp as "HumanTimestamp" => "rfc3339-utc-datetime";
}

impl Humantime for Duration {
    type Shape = HumanDuration;
}

impl Humantime for Option<Duration> {
    type Shape = Option<HumanDuration>;
}

#[cfg(feature = "std")]
impl Humantime for std::time::SystemTime {
    type Shape = HumanTimestamp;
}

#[cfg(feature = "std")]
impl Humantime for Option<std::time::SystemTime> {
    type Shape = Option<HumanTimestamp>;
}
