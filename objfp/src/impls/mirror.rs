//! Private stand-ins for the std types that serde writes as a struct or an enum: each is
//! declared the way serde writes the std type (wire names, order, field types) and derives
//! its fingerprint, so that std types are encoded by the same code as user types. Each is
//! named exactly like the std type, because a description's `name` is the Rust type name.
//!
//! Never built; only their fingerprints and descriptions are read.
#![allow(dead_code)]

// serde's hand-written `Deserialize` for `Duration`, `SystemTime` and the ranges rejects
// unknown fields, so their mirrors say `#[serde(deny_unknown_fields)]` (the derive
// registers `serde` as a helper attribute, so it can be written without serde's derive).

/// `Duration`: `serialize_struct("Duration", 2)` with `secs` then `nanos`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct Duration {
    secs: u64,
    nanos: u32,
}

/// `SystemTime`: `serialize_struct("SystemTime", 2)` with the duration since the Unix epoch
/// (an error before it).
#[cfg(feature = "std")]
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct SystemTime {
    secs_since_epoch: u64,
    nanos_since_epoch: u32,
}

/// `Range<Idx>`: `serialize_struct("Range", 2)` with `start` then `end`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct Range<Idx> {
    start: Idx,
    end: Idx,
}

/// `RangeInclusive<Idx>`: `serialize_struct("RangeInclusive", 2)` with `start` then `end`
/// (an exhausted range is written with its bounds, as `start()`/`end()` return them).
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct RangeInclusive<Idx> {
    start: Idx,
    end: Idx,
}

/// `RangeFrom<Idx>`: `serialize_struct("RangeFrom", 1)` with `start`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct RangeFrom<Idx> {
    start: Idx,
}

/// `RangeTo<Idx>`: `serialize_struct("RangeTo", 1)` with `end`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
#[serde(deny_unknown_fields)]
pub(super) struct RangeTo<Idx> {
    end: Idx,
}

/// `Bound<T>`: `serialize_unit_variant("Bound", 0, "Unbounded")`, then
/// `serialize_newtype_variant` with 1 `"Included"` and 2 `"Excluded"`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
pub(super) enum Bound<T> {
    Unbounded,
    Included(T),
    Excluded(T),
}

/// `Result<T, E>`: `serialize_newtype_variant` with 0 `"Ok"` and 1 `"Err"`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
pub(super) enum Result<T, E> {
    Ok(T),
    Err(E),
}

/// `PhantomData<T>`: `serialize_unit_struct("PhantomData")`, whatever `T`.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
pub(super) struct PhantomData;

/// The compact form of `IpAddr`: `serialize_newtype_variant` with 0 `"V4"` and 1 `"V6"`,
/// the payload being the compact form of `Ipv4Addr`/`Ipv6Addr`, the octets.
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
pub(super) enum IpAddr {
    V4([u8; 4]),
    V6([u8; 16]),
}

/// The compact form of `SocketAddr`: `serialize_newtype_variant` with 0 `"V4"` and 1
/// `"V6"`, the payload being the compact form of `SocketAddrV4`/`SocketAddrV6`, the
/// tuple `(octets, port)` (one field holding a 2-tuple, not a two-field variant).
#[derive(crate::TypeFingerprint)]
#[fingerprint(crate = "crate")]
pub(super) enum SocketAddr {
    V4(([u8; 4], u16)),
    V6(([u8; 16], u16)),
}
