//! `bson` 3.1 (feature `bson`, which enables objfp's `std` and `uuid`: bson needs `std`,
//! and its `Uuid` writes a `uuid::Uuid`), as its `serde` feature writes each type to a
//! serde serializer other than bson's own (serde_json, CBOR, MessagePack, postcard, ...).
//! bson writes the extended JSON forms as structs whose names and field names start with
//! `$`, in every format:
//!
//! | type | serde writes | shape |
//! |---|---|---|
//! | `Bson` | whatever it holds: `f64`, a string, a sequence, a map, `bool`, unit, `i32`, `i64`, or the struct forms below (and `$code`, `$symbol`, `$undefined`, `$maxKey`, ... for the other BSON types) | opaque `"bson-value"` |
//! | `Document` | `serialize_map` of its keys and values | map `string` → `"bson-value"` |
//! | `oid::ObjectId` | `struct $oid { $oid: "65a1b2c3d4e5f60718293a4b" }`, 24 lower-case hex digits | the struct `ObjectId { "$oid": x"objectid-hex" }` |
//! | `DateTime` | `struct $date { $date: struct Int64 { $numberLong: "1700000000123" } }`, milliseconds since the Unix epoch as a decimal string | the struct `DateTime { "$date": Int64 { "$numberLong": x"decimal-integer-string" } }` |
//! | `Timestamp` | `struct $timestamp { $timestamp: struct TimestampBody { t, i } }`, each `u32` written as `i64` | the struct `Timestamp { "$timestamp": TimestampBody { t: i64, i: i64 } }` |
//! | `Decimal128` | human-readable: `struct $numberDecimal { $numberDecimal: "1.5" }` (`NaN`, `Infinity`, `1.5E+3` too); compact: `struct $numberDecimal { $numberDecimalBytes: bytes }`, the 16 bytes | `h(Decimal128 { "$numberDecimal": x"decimal128-string" }, Decimal128Bytes { "$numberDecimalBytes": bytes })` |
//! | `Regex` | `struct $regularExpression { $regularExpression: struct { pattern, options } }` | the struct `Regex { "$regularExpression": RegexBody { pattern: string, options: string } }` |
//! | `Binary` | by value: `serialize_bytes` for the generic subtype, else `struct $binary { $binary: struct BinaryBody { base64, subType } }` | opaque `"bson-binary"` |
//! | `Uuid` | `serialize_newtype_struct("$__bson_private_uuid", ..)` of the `uuid::Uuid` | the newtype struct `Uuid(uuid::Uuid)` |
//!
//! The body structs (`Int64`, `TimestampBody`, `RegexBody`) are read with bson's derived
//! models, which deny unknown fields; the outer `$` structs are read by bson's `Bson`
//! visitor, which looks for the first `$` key it knows and ignores keys before it, so they
//! do not. bson reads every type but `Document` and `ObjectId` through `Bson` with
//! `deserialize_any`, so formats that cannot (postcard, bincode) cannot read them back, and
//! in compact formats `ObjectId` reads 12 raw bytes, not the struct it writes.
//!
//! Not covered:
//! - bson's own serializer and deserializer (`bson::serialize_to_document`,
//!   `serialize_to_vec`, ...), which recognise these struct names and the private newtype
//!   names and write native BSON values instead: a fingerprint describes the serde shape,
//!   which is what every other format sees.
//! - `JavaScriptCodeWithScope`, `DbPointer` (deprecated BSON types), the `Raw*` types
//!   (`RawDocumentBuf`, `RawBson`, ... write a private newtype around a map or raw bytes),
//!   `Utf8Lossy<T>`, `serde_helpers::HumanReadable<T>` and the `serde_helpers` field helpers.

use ::bson::oid::ObjectId;
use ::bson::{Binary, Bson, DateTime, Decimal128, Document, Regex, Timestamp, Uuid};

use alloc::string::String;

grammar! {
    /// The `$oid` string of an `ObjectId`: 24 lower-case hex digits.
    ObjectIdHex = "objectid-hex";
    /// The `$numberLong` string of a `DateTime`: a decimal `i64`.
    DecimalIntegerString = "decimal-integer-string";
    /// The `$numberDecimal` string of a `Decimal128`.
    Decimal128String = "decimal128-string";
}

/// Private stand-ins declared the way serde writes the `bson` types; never built.
mod mirror {
    #![allow(dead_code)]

    use alloc::string::String;

    use super::super::SerdeBytes;
    use super::{Decimal128String, DecimalIntegerString, ObjectIdHex};

    /// `oid::ObjectId`: `serialize_struct("$oid", 1)`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct ObjectId {
        #[serde(rename = "$oid")]
        oid: ObjectIdHex,
    }

    /// `DateTime`: `serialize_struct("$date", 1)` of the canonical body.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct DateTime {
        #[serde(rename = "$date")]
        date: Int64,
    }

    /// bson's `extjson::models::Int64`, `#[serde(deny_unknown_fields)]`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    #[serde(deny_unknown_fields)]
    pub(super) struct Int64 {
        #[serde(rename = "$numberLong")]
        value: DecimalIntegerString,
    }

    /// `Timestamp`: `serialize_struct("$timestamp", 1)`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct Timestamp {
        #[serde(rename = "$timestamp")]
        timestamp: TimestampBody,
    }

    /// bson's `extjson::models::TimestampBody`: `#[serde(deny_unknown_fields)]`, each
    /// `u32` field `serialize_with` a function that writes it as `i64`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    #[serde(deny_unknown_fields)]
    pub(super) struct TimestampBody {
        t: i64,
        i: i64,
    }

    /// `Decimal128` in human-readable formats: `serialize_struct("$numberDecimal", 1)`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct Decimal128 {
        #[serde(rename = "$numberDecimal")]
        value: Decimal128String,
    }

    /// `Decimal128` in compact formats: the same struct name, another field.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct Decimal128Bytes {
        #[serde(rename = "$numberDecimalBytes")]
        bytes: SerdeBytes,
    }

    /// `Regex`: `serialize_struct("$regularExpression", 1)`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct Regex {
        #[serde(rename = "$regularExpression")]
        body: RegexBody,
    }

    /// What `Regex` writes, read as bson's `extjson::models::RegexBody`,
    /// `#[serde(deny_unknown_fields)]`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    #[serde(deny_unknown_fields)]
    pub(super) struct RegexBody {
        pattern: String,
        options: String,
    }

    /// `Uuid`: `serialize_newtype_struct("$__bson_private_uuid", &self.uuid)`.
    #[derive(crate::TypeFingerprint)]
    #[fingerprint(crate = "crate")]
    pub(super) struct Uuid(::uuid::Uuid);
}

opaque! {
    [] Bson as "Bson" => "bson-value";
    [] Binary as "Binary" => "bson-binary";
}

map! {
    // serde: `serialize_map`, then each entry in the document's order.
    [] Document as "Document" => String, Bson;
}

same_as! {
    [] ObjectId => mirror::ObjectId;
    [] DateTime => mirror::DateTime;
    [] Timestamp => mirror::Timestamp;
    [] Regex => mirror::Regex;
    [] Uuid => mirror::Uuid;
}

readable! {
    [] Decimal128 as "Decimal128": mirror::Decimal128 => mirror::Decimal128Bytes;
}
