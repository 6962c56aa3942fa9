//! Fingerprints of `bson`'s types (`objfp/src/impls/ext/bson.rs`, `SPEC.md` §12b), as
//! bson writes them to serde serializers other than its own.
//!
//! As in `ext_impls.rs`, every expectation is built independently of the impl under test:
//! a user type derived with the wire names and field types SPEC.md gives, checked against
//! bson's own `Serialize` with the recording serializer (`trace`) in human-readable and
//! compact mode, and what bson's `Deserialize` accepts is checked where it reads more (or
//! less) than it writes.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::CString;

use objfp::{Primitive, Shape, TypeFingerprint, encoding};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Asserts that serde writes `a` and `b` identically, in both modes.
fn same_wire<A: Serialize + ?Sized, B: Serialize + ?Sized>(a: &A, b: &B) {
    assert_eq!(trace::human(a), trace::human(b), "human-readable");
    assert_eq!(trace::compact(a), trace::compact(b), "compact");
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn postcard<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap()
}

/// Whether `T` reads the JSON text `text`.
fn reads_json<T: DeserializeOwned>(text: &str) -> bool {
    serde_json::from_str::<T>(text).is_ok()
}

/// Whether `T` reads back, from postcard (a compact format), what it writes there.
fn postcard_round_trips<T: Serialize + DeserializeOwned>(value: &T) -> bool {
    postcard::from_bytes::<T>(&postcard(value)).is_ok()
}

/// Test stand-ins for the wire shapes SPEC.md §12b gives, written by hand or derived.
mod wire {
    use objfp::{Description, Fingerprint, Primitive, Shape, TypeFingerprint, encoding};
    use serde::{Serialize, Serializer};

    /// A string in a grammar: serde writes `serialize_str`; the fingerprint is the opaque
    /// node SPEC.md §12b names.
    macro_rules! grammar_string {
        ($($ty:ident = $name:literal;)*) => {$(
            pub struct $ty(pub String);

            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.0)
                }
            }

            impl TypeFingerprint for $ty {
                const FINGERPRINT: Fingerprint = encoding::opaque($name);
                const DESCRIPTION: &'static Description = &Description {
                    name: $name,
                    args: &[],
                    fingerprint: Self::FINGERPRINT,
                    shape: Shape::Opaque($name),
                };
            }
        )*};
    }

    grammar_string! {
        ObjectIdHex = "objectid-hex";
        DecimalIntegerString = "decimal-integer-string";
        Decimal128String = "decimal128-string";
    }

    /// Bytes, written with `serialize_bytes` (a `CString` cannot hold zero bytes).
    pub struct RawBytes(pub Vec<u8>);

    impl Serialize for RawBytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&self.0)
        }
    }

    impl TypeFingerprint for RawBytes {
        const FINGERPRINT: Fingerprint = encoding::primitive(Primitive::Bytes);
        // Written like the primitive it is inside other types too (SPEC.md §5).
        const TYPE_EXPR: encoding::TypeExpr = encoding::TypeExpr::primitive(Primitive::Bytes);
        const DESCRIPTION: &'static Description = &Description {
            name: "bytes",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Primitive(Primitive::Bytes),
        };
    }

    /// `bson::oid::ObjectId`.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$oid")]
    pub struct ObjectId {
        #[serde(rename = "$oid")]
        pub oid: ObjectIdHex,
    }

    /// `bson::DateTime`.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$date")]
    pub struct DateTime {
        #[serde(rename = "$date")]
        pub date: Int64,
    }

    /// bson's canonical `$date` body (its `Int64` model denies unknown fields).
    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Int64 {
        #[serde(rename = "$numberLong")]
        pub value: DecimalIntegerString,
    }

    /// `bson::Timestamp`.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$timestamp")]
    pub struct Timestamp {
        #[serde(rename = "$timestamp")]
        pub timestamp: TimestampBody,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct TimestampBody {
        pub t: i64,
        pub i: i64,
    }

    /// `bson::Decimal128`, human-readable.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$numberDecimal")]
    pub struct Decimal128 {
        #[serde(rename = "$numberDecimal")]
        pub value: Decimal128String,
    }

    /// `bson::Decimal128`, compact.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$numberDecimal")]
    pub struct Decimal128Bytes {
        #[serde(rename = "$numberDecimalBytes")]
        pub bytes: RawBytes,
    }

    /// `bson::Regex`.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$regularExpression")]
    pub struct Regex {
        #[serde(rename = "$regularExpression")]
        pub body: RegexBody,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "BorrowedRegexBody", deny_unknown_fields)]
    pub struct RegexBody {
        pub pattern: String,
        pub options: String,
    }

    /// `bson::Uuid`.
    #[derive(TypeFingerprint, Serialize)]
    #[serde(rename = "$__bson_private_uuid")]
    pub struct Uuid(pub uuid::Uuid);
}

#[test]
fn bson_values_and_documents_are_self_describing() {
    use bson::{Binary, Bson, Document, doc, spec::BinarySubtype};

    assert_eq!(fp::<Bson>(), encoding::opaque("bson-value"));
    assert_eq!(
        fp::<Document>(),
        support::map(
            prim(Primitive::String),
            support::reference(encoding::opaque("bson-value"))
        )
    );
    assert_eq!(fp::<Binary>(), encoding::opaque("bson-binary"));
    assert_ne!(fp::<Bson>(), fp::<serde_json::Value>());
    assert_ne!(
        fp::<Document>(),
        fp::<serde_json::Map<String, serde_json::Value>>()
    );

    // One type, many shapes: whatever the value holds.
    same_wire(&Bson::Int32(5), &5i32);
    same_wire(&Bson::Int64(5), &5i64);
    same_wire(&Bson::Double(1.5), &1.5f64);
    same_wire(&Bson::String("x".into()), "x");
    same_wire(&Bson::Null, &());
    same_wire(&Bson::Array(vec![Bson::Boolean(true)]), &vec![true]);
    same_wire(
        &doc! { "a": 1i32, "b": 2i32 },
        &BTreeMap::from([("a", 1i32), ("b", 2i32)]),
    );
    // `Binary`: bytes for the generic subtype, the `$binary` struct for the others.
    let generic = Binary {
        subtype: BinarySubtype::Generic,
        bytes: b"ab".to_vec(),
    };
    same_wire(&generic, &CString::new("ab").unwrap());
    let user = Binary {
        subtype: BinarySubtype::UserDefined(0x80),
        bytes: b"ab".to_vec(),
    };
    assert!(trace::compact(&user).starts_with("struct:$binary:1 {"));
    assert_eq!(
        json(&user),
        r#"{"$binary":{"base64":"YWI=","subType":"80"}}"#
    );
}

#[test]
fn bson_object_id_is_the_oid_struct_in_every_format() {
    use bson::oid::ObjectId;

    assert_eq!(fp::<ObjectId>(), fp::<wire::ObjectId>());
    assert_ne!(fp::<ObjectId>(), fp::<String>());
    assert_ne!(fp::<ObjectId>(), fp::<[u8; 12]>());
    assert_eq!(ObjectId::DESCRIPTION.name, "ObjectId");
    assert!(matches!(ObjectId::DESCRIPTION.shape, Shape::Struct { .. }));

    const HEX: &str = "65a1b2c3d4e5f60718293a4b";
    let oid = ObjectId::parse_str(HEX).unwrap();
    same_wire(
        &oid,
        &wire::ObjectId {
            oid: wire::ObjectIdHex(HEX.into()),
        },
    );
    assert_eq!(json(&oid), format!(r#"{{"$oid":"{HEX}"}}"#));
    // It reads the struct, and the bare hex string too, from JSON ...
    assert!(reads_json::<ObjectId>(&json(&oid)));
    assert!(reads_json::<ObjectId>(&format!("\"{HEX}\"")));
    // ... but in compact formats it reads 12 raw bytes, not the struct it writes.
    assert_eq!(postcard(&oid), postcard(HEX));
    assert!(!postcard_round_trips(&oid));
    assert!(
        postcard::from_bytes::<ObjectId>(&postcard(serde_bytes::Bytes::new(&oid.bytes()))).is_ok()
    );
}

#[test]
fn bson_date_time_is_the_canonical_extended_json_struct() {
    use bson::DateTime;

    assert_eq!(fp::<DateTime>(), fp::<wire::DateTime>());
    assert_ne!(fp::<DateTime>(), fp::<chrono::DateTime<chrono::Utc>>());
    assert_ne!(fp::<DateTime>(), fp::<i64>());
    assert_eq!(DateTime::DESCRIPTION.name, "DateTime");

    let dt = DateTime::from_millis(1_700_000_000_123);
    same_wire(
        &dt,
        &wire::DateTime {
            date: wire::Int64 {
                value: wire::DecimalIntegerString("1700000000123".into()),
            },
        },
    );
    assert_eq!(json(&dt), r#"{"$date":{"$numberLong":"1700000000123"}}"#);
    // It reads more than it writes: the relaxed (RFC 3339) and legacy (integer) bodies.
    assert!(reads_json::<DateTime>(&json(&dt)));
    assert!(reads_json::<DateTime>(
        r#"{"$date":"2023-11-14T22:13:20.123Z"}"#
    ));
    assert!(reads_json::<DateTime>(r#"{"$date":1700000000123}"#));
    // The body denies unknown fields; the outer struct ignores keys before `$date`.
    assert!(!reads_json::<DateTime>(
        r#"{"$date":{"$numberLong":"1","x":1}}"#
    ));
    assert!(reads_json::<DateTime>(
        r#"{"x":1,"$date":{"$numberLong":"1"}}"#
    ));
    // bson reads it through `deserialize_any`, which postcard cannot do.
    assert!(!postcard_round_trips(&dt));
}

#[test]
fn bson_timestamp_regex_and_uuid_are_their_extended_json_structs() {
    use bson::raw::CString as BsonCString;
    use bson::{Regex, Timestamp, Uuid};

    assert_eq!(fp::<Timestamp>(), fp::<wire::Timestamp>());
    let ts = Timestamp {
        time: 5,
        increment: 6,
    };
    same_wire(
        &ts,
        &wire::Timestamp {
            timestamp: wire::TimestampBody { t: 5, i: 6 },
        },
    );
    assert_eq!(json(&ts), r#"{"$timestamp":{"t":5,"i":6}}"#);
    assert!(reads_json::<Timestamp>(&json(&ts)));
    assert!(!reads_json::<Timestamp>(
        r#"{"$timestamp":{"t":5,"i":6,"x":1}}"#
    ));

    assert_eq!(fp::<Regex>(), fp::<wire::Regex>());
    let re = Regex {
        pattern: BsonCString::try_from("a.b").unwrap(),
        options: BsonCString::try_from("i").unwrap(),
    };
    same_wire(
        &re,
        &wire::Regex {
            body: wire::RegexBody {
                pattern: "a.b".into(),
                options: "i".into(),
            },
        },
    );
    assert!(reads_json::<Regex>(&json(&re)));
    assert!(!reads_json::<Regex>(
        r#"{"$regularExpression":{"pattern":"a","options":"","x":1}}"#
    ));

    assert_eq!(fp::<Uuid>(), fp::<wire::Uuid>());
    const UUID: &str = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    let u = Uuid::parse_str(UUID).unwrap();
    same_wire(&u, &wire::Uuid(uuid::Uuid::parse_str(UUID).unwrap()));
    assert_eq!(json(&u), format!("\"{UUID}\""));
    assert!(reads_json::<Uuid>(&json(&u)));
}

#[test]
fn bson_decimal128_is_a_string_struct_when_readable_and_bytes_when_compact() {
    use bson::Decimal128;

    assert_eq!(
        fp::<Decimal128>(),
        encoding::readable(fp::<wire::Decimal128>(), fp::<wire::Decimal128Bytes>())
    );
    let Shape::Readable { human, compact } = Decimal128::DESCRIPTION.shape else {
        panic!("Decimal128 is an h node")
    };
    assert_eq!(human().name, "Decimal128");
    assert!(matches!(compact().shape, Shape::Struct { .. }));

    let d: Decimal128 = "1.5".parse().unwrap();
    assert_eq!(
        trace::human(&d),
        trace::human(&wire::Decimal128 {
            value: wire::Decimal128String("1.5".into()),
        })
    );
    assert_eq!(
        trace::compact(&d),
        trace::compact(&wire::Decimal128Bytes {
            bytes: wire::RawBytes(d.bytes().to_vec()),
        })
    );
    let nan: Decimal128 = "NaN".parse().unwrap();
    assert_eq!(json(&nan), r#"{"$numberDecimal":"NaN"}"#);
    assert!(reads_json::<Decimal128>(&json(&d)));
}

#[test]
fn bson_document_values_are_written_by_the_types_they_hold() {
    use bson::{doc, oid::ObjectId};

    const HEX: &str = "65a1b2c3d4e5f60718293a4b";
    let d = doc! { "o": ObjectId::parse_str(HEX).unwrap() };
    let oid = wire::ObjectId {
        oid: wire::ObjectIdHex(HEX.into()),
    };
    same_wire(&d, &BTreeMap::from([("o", oid)]));
    let back: bson::Document = serde_json::from_str(&json(&d)).unwrap();
    assert_eq!(back, d);
}

#[test]
fn descriptions_name_the_bson_types() {
    assert_eq!(
        <bson::Document as TypeFingerprint>::DESCRIPTION.name,
        "Document"
    );
    assert_eq!(<bson::Bson as TypeFingerprint>::DESCRIPTION.name, "Bson");
    assert!(matches!(
        <bson::Bson as TypeFingerprint>::DESCRIPTION.shape,
        Shape::Opaque("bson-value")
    ));
}

mod support;
use support::{fp, prim, trace};
