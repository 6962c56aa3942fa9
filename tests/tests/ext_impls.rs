//! Fingerprints of third-party types (`objfp/src/impls/ext/`, `SPEC.md` §12b), one feature
//! per crate.
//!
//! Every expectation is built independently of the impl under test: an `objfp::encoding`
//! call spelled out from SPEC.md's rules, or a std or user type with the shape SPEC.md
//! gives the third-party type. Each claimed shape is then checked against the crate's own
//! `Serialize`: `same_wire` records what serde writes for the third-party value and for a
//! value of the expected shape, in human-readable and in compact mode (a recording
//! serializer, `trace`, which tells `serialize_bytes` from a sequence and a tuple from a
//! sequence, as JSON cannot), and the tests also pin the serde_json and postcard output.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ffi::CString;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use objfp::{Fingerprint, Primitive, Shape, TypeFingerprint, encoding};
use serde::Serialize;

/// The `h` node of a string in grammar `name` (human-readable) and `compact`.
fn named_string_or(name: &str, compact: impl Into<Fingerprint>) -> Fingerprint {
    encoding::readable(encoding::opaque(name), compact.into())
}

/// Asserts that serde writes `a` and `b` identically, in both modes.
fn same_wire<A: Serialize + ?Sized, B: Serialize + ?Sized>(a: &A, b: &B) {
    assert_eq!(trace::human(a), trace::human(b), "human-readable");
    assert_eq!(trace::compact(a), trace::compact(b), "compact");
}

/// Asserts that serde writes `value` as the string `s` in both modes (`collect_str` and
/// `serialize_str` record alike).
fn string_in_both_modes<T: Serialize + ?Sized>(value: &T, s: &str) {
    same_wire(value, s);
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn postcard<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap()
}

/// A 17-tuple of `u8`, the compact form of an `ipnet::Ipv6Net` (16 octets, then the
/// prefix length): longer than any tuple type serde or objfp implement, so written by hand
/// with `serialize_tuple(17)`, and fingerprinted as SPEC.md §5 spells a tuple of one
/// type: the array `[u8; 17]`.
pub struct U8Tuple17(pub [u8; 17]);

impl Serialize for U8Tuple17 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = serializer.serialize_tuple(17)?;
        for b in &self.0 {
            t.serialize_element(b)?;
        }
        t.end()
    }
}

impl TypeFingerprint for U8Tuple17 {
    const FINGERPRINT: Fingerprint = <[u8; 17] as TypeFingerprint>::FINGERPRINT;
    const TYPE_EXPR: objfp::encoding::TypeExpr = <[u8; 17] as TypeFingerprint>::TYPE_EXPR;
    const DESCRIPTION: &'static objfp::Description = &objfp::Description {
        name: "U8Tuple17",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Opaque("test stand-in"),
    };
}

/// User types declared the way SPEC.md §12b says serde writes the third-party type of the
/// same name (the name matters: serde writes an enum's name to the recording serializer).
mod wire {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use objfp::TypeFingerprint;
    use serde::Serialize;

    /// `url::Host<S>`.
    #[derive(TypeFingerprint, Serialize)]
    pub enum Host<S> {
        Domain(S),
        Ipv4(Ipv4Addr),
        Ipv6(Ipv6Addr),
    }

    /// The compact form of `ipnet::IpNet`.
    #[derive(TypeFingerprint, Serialize)]
    pub enum IpNet {
        V4((u8, u8, u8, u8, u8)),
        V6(super::U8Tuple17),
    }
}

// ---------------------------------------------------------------------------------------
// uuid

const UUID: &str = "67e55044-10b1-426f-9247-bb680e5fe0c8";

#[test]
fn uuid_is_a_named_string_when_readable_and_16_bytes_when_compact() {
    use uuid::{NonNilUuid, Uuid};

    let expected = named_string_or("uuid-hyphenated", prim(Primitive::Bytes));
    assert_eq!(fp::<Uuid>(), expected);
    assert_eq!(fp::<NonNilUuid>(), expected);
    assert_ne!(fp::<Uuid>(), fp::<String>());
    assert_eq!(Uuid::DESCRIPTION.name, "Uuid");
    assert!(matches!(Uuid::DESCRIPTION.shape, Shape::Readable { .. }));

    let u = Uuid::parse_str(UUID).unwrap();
    // `serialize_bytes`, like a `CString` (the `bytes` primitive), not a sequence of u8.
    let bytes = CString::new(u.as_bytes().to_vec()).unwrap();
    assert_eq!(fp::<CString>(), prim(Primitive::Bytes));
    assert_eq!(trace::human(&u), trace::human(UUID));
    assert_eq!(trace::compact(&u), trace::compact(&bytes));
    assert_ne!(trace::compact(&u), trace::compact(&u.as_bytes().to_vec()));
    let nn = NonNilUuid::new(u).unwrap();
    same_wire(&nn, &u);

    assert_eq!(json(&u), format!("\"{UUID}\""));
    let mut compact = vec![16u8];
    compact.extend_from_slice(u.as_bytes());
    assert_eq!(postcard(&u), compact);
}

#[test]
fn uuid_format_wrappers_are_named_strings_in_every_format() {
    use uuid::Uuid;
    use uuid::fmt::{Braced, Hyphenated, Simple, Urn};

    assert_eq!(fp::<Hyphenated>(), encoding::opaque("uuid-hyphenated"));
    assert_eq!(fp::<Simple>(), encoding::opaque("uuid-simple"));
    assert_eq!(fp::<Urn>(), encoding::opaque("uuid-urn"));
    assert_eq!(fp::<Braced>(), encoding::opaque("uuid-braced"));

    let u = Uuid::parse_str(UUID).unwrap();
    string_in_both_modes(&u.hyphenated(), UUID);
    string_in_both_modes(&u.simple(), "67e5504410b1426f9247bb680e5fe0c8");
    string_in_both_modes(&u.urn(), &format!("urn:uuid:{UUID}"));
    string_in_both_modes(&u.braced(), &format!("{{{UUID}}}"));
}

// ---------------------------------------------------------------------------------------
// chrono

#[test]
fn chrono_dates_and_times_are_named_strings_in_every_format() {
    use chrono::{
        DateTime, FixedOffset, Month, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
    };

    let rfc3339 = encoding::opaque("rfc3339-datetime");
    assert_eq!(fp::<DateTime<Utc>>(), rfc3339);
    assert_eq!(fp::<DateTime<FixedOffset>>(), rfc3339);
    assert_eq!(
        fp::<NaiveDateTime>(),
        encoding::opaque("iso8601-naive-datetime")
    );
    assert_eq!(fp::<NaiveDate>(), encoding::opaque("iso8601-date"));
    assert_eq!(fp::<NaiveTime>(), encoding::opaque("iso8601-time"));
    assert_eq!(fp::<Weekday>(), encoding::opaque("weekday-short-name"));
    assert_eq!(fp::<Month>(), encoding::opaque("month-name"));
    // Changing a timestamp's type between these, or to a `String`, is reported.
    assert_ne!(fp::<DateTime<Utc>>(), fp::<NaiveDateTime>());
    assert_ne!(fp::<DateTime<Utc>>(), fp::<String>());
    assert_eq!(DateTime::<Utc>::DESCRIPTION.name, "DateTime");

    let utc = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap();
    string_in_both_modes(&utc, "2024-01-02T03:04:05Z");
    let plus2 = utc.with_timezone(&FixedOffset::east_opt(2 * 3600).unwrap());
    string_in_both_modes(&plus2, "2024-01-02T05:04:05+02:00");
    string_in_both_modes(&utc.naive_utc(), "2024-01-02T03:04:05");
    string_in_both_modes(&utc.date_naive(), "2024-01-02");
    string_in_both_modes(&utc.time(), "03:04:05");
    string_in_both_modes(&Weekday::Tue, "Tue");
    string_in_both_modes(&Month::January, "January");

    assert_eq!(json(&utc), "\"2024-01-02T03:04:05Z\"");
    assert_eq!(postcard(&utc.date_naive()), postcard("2024-01-02"));
}

#[test]
fn chrono_time_delta_is_a_seconds_nanos_tuple() {
    use chrono::TimeDelta;

    assert_eq!(fp::<TimeDelta>(), fp::<(i64, i32)>());
    assert_eq!(
        fp::<TimeDelta>(),
        support::tuple(&[prim(Primitive::I64), prim(Primitive::I32)])
    );
    let d = TimeDelta::new(90, 500).unwrap();
    same_wire(&d, &(90i64, 500i32));
    assert_eq!(json(&d), "[90,500]");
}

// ---------------------------------------------------------------------------------------
// time

#[test]
fn time_types_are_tuples_in_every_format_without_serde_human_readable() {
    use time::{
        Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, Timestamp, UtcDateTime,
        UtcOffset, Weekday,
    };

    let [i8_, u8_, u16_, i32_, u32_, i64_] = [
        Primitive::I8,
        Primitive::U8,
        Primitive::U16,
        Primitive::I32,
        Primitive::U32,
        Primitive::I64,
    ]
    .map(prim);
    assert_eq!(fp::<Date>(), support::tuple(&[i32_, u16_]));
    assert_eq!(fp::<Time>(), support::tuple(&[u8_, u8_, u8_, u32_]));
    let plain = support::tuple(&[i32_, u16_, u8_, u8_, u8_, u32_]);
    assert_eq!(fp::<PrimitiveDateTime>(), plain);
    assert_eq!(fp::<UtcDateTime>(), plain);
    assert_eq!(
        fp::<OffsetDateTime>(),
        support::tuple(&[i32_, u16_, u8_, u8_, u8_, u32_, i8_, i8_, i8_])
    );
    assert_eq!(fp::<UtcOffset>(), support::tuple(&[i8_, i8_, i8_]));
    assert_eq!(
        fp::<Duration>(),
        support::tuple(&[i64_, prim(Primitive::I32)])
    );
    assert_eq!(fp::<Timestamp>(), prim(Primitive::I128));
    assert_eq!(fp::<Weekday>(), u8_);
    assert_eq!(fp::<Month>(), u8_);
    // A `time` date is not a `chrono` one.
    assert_ne!(
        fp::<OffsetDateTime>(),
        fp::<chrono::DateTime<chrono::Utc>>()
    );

    let date = Date::from_calendar_date(2024, Month::February, 3).unwrap();
    same_wire(&date, &(2024i32, 34u16));
    let t = Time::from_hms_nano(3, 4, 5, 6).unwrap();
    same_wire(&t, &(3u8, 4u8, 5u8, 6u32));
    let dt = PrimitiveDateTime::new(date, t);
    same_wire(&dt, &(2024i32, 34u16, 3u8, 4u8, 5u8, 6u32));
    same_wire(&dt.as_utc(), &(2024i32, 34u16, 3u8, 4u8, 5u8, 6u32));
    let offset = UtcOffset::from_hms(-5, -30, 0).unwrap();
    same_wire(&offset, &(-5i8, -30i8, 0i8));
    same_wire(
        &dt.assume_offset(offset),
        &(2024i32, 34u16, 3u8, 4u8, 5u8, 6u32, -5i8, -30i8, 0i8),
    );
    same_wire(&Duration::new(-7, -8), &(-7i64, -8i32));
    let ts = Timestamp::from_nanoseconds(1_700_000_000_123_456_789).unwrap();
    same_wire(&ts, &1_700_000_000_123_456_789i128);
    same_wire(&Weekday::Sunday, &7u8);
    same_wire(&Month::February, &2u8);

    // serde_json gets the tuple too: `serde-human-readable` is off.
    assert_eq!(json(&date), "[2024,34]");
    assert_eq!(postcard(&date), postcard(&(2024i32, 34u16)));
}

// ---------------------------------------------------------------------------------------
// bytes

#[test]
fn bytes_are_the_bytes_primitive_not_a_sequence() {
    use bytes::{Bytes, BytesMut};

    assert_eq!(fp::<Bytes>(), prim(Primitive::Bytes));
    assert_eq!(fp::<BytesMut>(), prim(Primitive::Bytes));
    assert_ne!(fp::<Bytes>(), fp::<Vec<u8>>());

    let b = Bytes::from_static(b"ab");
    same_wire(&b, &CString::new("ab").unwrap());
    same_wire(&BytesMut::from(&b"ab"[..]), &CString::new("ab").unwrap());
    assert_ne!(trace::compact(&b), trace::compact(&b"ab".to_vec()));
    // JSON and postcard happen to write bytes as they write a `Vec<u8>`.
    assert_eq!(json(&b), "[97,98]");
    assert_eq!(postcard(&b), [2, b'a', b'b']);
}

// ---------------------------------------------------------------------------------------
// serde_json

#[test]
fn serde_json_value_is_an_opaque_self_describing_shape() {
    use serde_json::{Map, Number, Value, json};

    assert_eq!(fp::<Value>(), encoding::opaque("json-value"));
    assert_eq!(fp::<Number>(), encoding::opaque("json-number"));
    assert_eq!(
        fp::<Map<String, Value>>(),
        support::map(
            prim(Primitive::String),
            support::reference(encoding::opaque("json-value"))
        )
    );

    // One type, many shapes: whatever the value holds.
    same_wire(&json!(5), &5u64);
    same_wire(&json!(-5), &-5i64);
    same_wire(&json!("x"), "x");
    same_wire(&json!([true]), &vec![true]);
    same_wire(&Number::from(7u8), &7u64);
    let Value::Object(map) = json!({ "a": 1 }) else {
        unreachable!()
    };
    same_wire(&map, &BTreeMap::from([("a", 1u64)]));
}

// ---------------------------------------------------------------------------------------
// indexmap

#[test]
fn indexmap_is_a_map_like_hashmap() {
    use indexmap::IndexMap;

    assert_eq!(
        fp::<IndexMap<String, u32, RandomState>>(),
        fp::<HashMap<String, u32>>()
    );
    assert_eq!(
        fp::<IndexMap<String, u32, RandomState>>(),
        support::map(prim(Primitive::String), prim(Primitive::U32))
    );
    assert_eq!(
        fp::<IndexMap<String, u32, RandomState>>(),
        fp::<IndexMap<String, u32, std::hash::BuildHasherDefault<std::hash::DefaultHasher>>>()
    );

    let mut m = IndexMap::with_hasher(RandomState::new());
    m.insert("k".to_owned(), 1u32);
    same_wire(&m, &BTreeMap::from([("k".to_owned(), 1u32)]));
    assert_eq!(json(&m), r#"{"k":1}"#);
}

#[test]
fn indexset_is_a_seq_like_hashset() {
    use indexmap::IndexSet;

    assert_eq!(fp::<IndexSet<u32, RandomState>>(), fp::<HashSet<u32>>());
    assert_eq!(
        fp::<IndexSet<u32, RandomState>>(),
        support::seq(prim(Primitive::U32))
    );
    let mut s = IndexSet::with_hasher(RandomState::new());
    s.insert(3u32);
    same_wire(&s, &BTreeSet::from([3u32]));
}

#[test]
fn indexmap_slices_are_sequences_and_a_map_slice_holds_pairs() {
    use indexmap::{IndexMap, IndexSet, map, set};

    assert_eq!(fp::<map::Slice<String, u32>>(), fp::<Vec<(String, u32)>>());
    assert_ne!(
        fp::<map::Slice<String, u32>>(),
        fp::<IndexMap<String, u32, RandomState>>()
    );
    assert_eq!(fp::<set::Slice<u32>>(), fp::<Vec<u32>>());
    assert_eq!(
        fp::<Box<map::Slice<String, u32>>>(),
        fp::<Vec<(String, u32)>>()
    );

    let mut m = IndexMap::with_hasher(RandomState::new());
    m.insert("k".to_owned(), 1u32);
    same_wire(m.as_slice(), &vec![("k".to_owned(), 1u32)]);
    assert_eq!(json(m.as_slice()), r#"[["k",1]]"#);
    let mut s = IndexSet::with_hasher(RandomState::new());
    s.insert(3u32);
    same_wire(s.as_slice(), &vec![3u32]);
}

// ---------------------------------------------------------------------------------------
// smallvec, arrayvec

#[test]
fn smallvec_is_a_seq_of_its_items_like_vec() {
    use smallvec::SmallVec;

    assert_eq!(fp::<SmallVec<[u32; 4]>>(), fp::<Vec<u32>>());
    assert_eq!(fp::<SmallVec<[u32; 4]>>(), fp::<SmallVec<[u32; 1]>>());
    assert_ne!(fp::<SmallVec<[u32; 4]>>(), fp::<SmallVec<[u64; 4]>>());
    assert_eq!(
        fp::<SmallVec<[u32; 4]>>(),
        support::seq(prim(Primitive::U32))
    );

    let v: SmallVec<[u32; 4]> = SmallVec::from_slice(&[1, 2, 3, 4, 5]);
    same_wire(&v, &vec![1u32, 2, 3, 4, 5]);
    assert_eq!(json(&v), "[1,2,3,4,5]");
    assert_eq!(postcard(&v), postcard(&vec![1u32, 2, 3, 4, 5]));
}

#[test]
fn arrayvec_is_a_seq_and_arraystring_a_string() {
    use arrayvec::{ArrayString, ArrayVec};

    assert_eq!(fp::<ArrayVec<u8, 4>>(), fp::<Vec<u8>>());
    assert_eq!(fp::<ArrayVec<u8, 4>>(), fp::<ArrayVec<u8, 9>>());
    // A sequence, not the array node of `[u8; 4]`.
    assert_ne!(fp::<ArrayVec<u8, 4>>(), fp::<[u8; 4]>());
    assert_eq!(fp::<ArrayString<8>>(), prim(Primitive::String));
    assert_eq!(fp::<ArrayString<8>>(), fp::<String>());

    let v = ArrayVec::from([1u8, 2, 3, 4]);
    same_wire(&v, &vec![1u8, 2, 3, 4]);
    let s = ArrayString::<8>::from("hi").unwrap();
    same_wire(&s, "hi");
    assert_eq!(json(&s), "\"hi\"");
}

// ---------------------------------------------------------------------------------------
// hashbrown

#[test]
fn hashbrown_maps_and_sets_are_like_std_ones() {
    assert_eq!(
        fp::<hashbrown::HashMap<String, u32, RandomState>>(),
        fp::<HashMap<String, u32>>()
    );
    assert_eq!(
        fp::<hashbrown::HashSet<u32, RandomState>>(),
        fp::<HashSet<u32>>()
    );
    assert_eq!(
        fp::<hashbrown::HashMap<u8, bool, RandomState>>(),
        support::map(prim(Primitive::U8), prim(Primitive::Bool))
    );

    let mut m = hashbrown::HashMap::with_hasher(RandomState::new());
    m.insert(1u8, true);
    same_wire(&m, &BTreeMap::from([(1u8, true)]));
    let mut s = hashbrown::HashSet::with_hasher(RandomState::new());
    s.insert(2u32);
    same_wire(&s, &BTreeSet::from([2u32]));
}

// ---------------------------------------------------------------------------------------
// url

#[test]
fn url_is_a_named_string_in_every_format() {
    use url::Url;

    assert_eq!(fp::<Url>(), encoding::opaque("url"));
    assert_ne!(fp::<Url>(), fp::<String>());
    let u = Url::parse("https://example.com/a?b=c").unwrap();
    string_in_both_modes(&u, "https://example.com/a?b=c");
    assert_eq!(json(&u), "\"https://example.com/a?b=c\"");
}

#[test]
fn url_host_is_the_derived_enum_of_domain_and_addresses() {
    assert_eq!(fp::<url::Host<String>>(), fp::<wire::Host<String>>());
    assert_eq!(fp::<url::Host<&str>>(), fp::<wire::Host<String>>());
    assert_ne!(fp::<url::Host<String>>(), fp::<wire::Host<u8>>());

    same_wire(
        &url::Host::Domain("example.com".to_owned()),
        &wire::Host::Domain("example.com".to_owned()),
    );
    let v4 = Ipv4Addr::new(10, 0, 0, 1);
    same_wire(
        &url::Host::<String>::Ipv4(v4),
        &wire::Host::<String>::Ipv4(v4),
    );
    same_wire(
        &url::Host::<String>::Ipv6(Ipv6Addr::LOCALHOST),
        &wire::Host::<String>::Ipv6(Ipv6Addr::LOCALHOST),
    );
}

// ---------------------------------------------------------------------------------------
// rust_decimal, bigdecimal

#[test]
fn rust_decimal_is_a_decimal_string_in_every_format() {
    use rust_decimal::Decimal;

    assert_eq!(fp::<Decimal>(), encoding::opaque("decimal-string"));
    assert_ne!(fp::<Decimal>(), fp::<f64>());
    assert_ne!(fp::<Decimal>(), fp::<String>());
    // The scale is kept: `1.50`, not `1.5`.
    let d = Decimal::new(150, 2);
    string_in_both_modes(&d, "1.50");
    assert_eq!(json(&d), "\"1.50\"");
    assert_eq!(postcard(&d), postcard("1.50"));
}

#[test]
fn bigdecimal_is_the_same_decimal_string_as_rust_decimal() {
    use bigdecimal::BigDecimal;

    assert_eq!(fp::<BigDecimal>(), encoding::opaque("decimal-string"));
    assert_eq!(fp::<BigDecimal>(), fp::<rust_decimal::Decimal>());
    let d = BigDecimal::from_str("1.50").unwrap();
    string_in_both_modes(&d, "1.50");
    // The grammar includes scientific notation, which `rust_decimal` reads back.
    let big = BigDecimal::from_str("1e20").unwrap();
    let written = trace::human(&big);
    assert!(written.contains('e') || written.contains('E'), "{written}");
    let text = serde_json::from_str::<String>(&json(&big)).unwrap();
    assert_eq!(text, "1e+20");
    let back: rust_decimal::Decimal = serde_json::from_str(&json(&big)).unwrap();
    assert_eq!(back, rust_decimal::Decimal::from_scientific(&text).unwrap());
}

// ---------------------------------------------------------------------------------------
// semver

#[test]
fn semver_versions_and_requirements_are_named_strings() {
    use semver::{Comparator, Version, VersionReq};

    assert_eq!(fp::<Version>(), encoding::opaque("semver-version"));
    assert_eq!(fp::<VersionReq>(), encoding::opaque("semver-version-req"));
    assert_eq!(fp::<Comparator>(), encoding::opaque("semver-comparator"));
    assert_ne!(fp::<Version>(), fp::<VersionReq>());

    string_in_both_modes(&Version::parse("1.2.3-rc.1+b5").unwrap(), "1.2.3-rc.1+b5");
    string_in_both_modes(&VersionReq::parse(">=1.2, <2").unwrap(), ">=1.2, <2");
    string_in_both_modes(&Comparator::parse("^1.2").unwrap(), "^1.2");
    assert_eq!(json(&Version::new(1, 2, 3)), "\"1.2.3\"");
}

// ---------------------------------------------------------------------------------------
// ordered-float

#[test]
fn ordered_float_wrappers_are_transparent() {
    use ordered_float::{NotNan, OrderedFloat};

    assert_eq!(fp::<OrderedFloat<f64>>(), fp::<f64>());
    assert_eq!(fp::<NotNan<f32>>(), fp::<f32>());
    assert_ne!(fp::<OrderedFloat<f32>>(), fp::<f64>());

    same_wire(&OrderedFloat(1.5f64), &1.5f64);
    same_wire(&NotNan::new(2.5f32).unwrap(), &2.5f32);
    assert_eq!(json(&OrderedFloat(1.5f64)), "1.5");
    assert_eq!(postcard(&OrderedFloat(1.5f64)), 1.5f64.to_le_bytes());
}

// ---------------------------------------------------------------------------------------
// ipnet

#[test]
fn ipnet_networks_are_named_strings_when_readable_and_octet_tuples_when_compact() {
    use ipnet::{IpNet, Ipv4Net, Ipv6Net};

    let u8_ = prim(Primitive::U8);
    let v4_compact = support::tuple(&[u8_; 5]);
    let v6_compact = support::tuple(&[u8_; 17]);
    assert_eq!(fp::<Ipv4Net>(), named_string_or("ipv4-network", v4_compact));
    assert_eq!(fp::<Ipv6Net>(), named_string_or("ipv6-network", v6_compact));
    assert_eq!(fp::<(u8, u8, u8, u8, u8)>(), v4_compact);
    assert_eq!(fp::<U8Tuple17>(), v6_compact);
    assert_eq!(
        fp::<IpNet>(),
        named_string_or("ip-network", fp::<wire::IpNet>())
    );
    // Not `([u8; 4], u8)`: serde writes the prefix length inside the one tuple.
    assert_ne!(v4_compact, fp::<([u8; 4], u8)>());

    let v4: Ipv4Net = "10.1.0.0/16".parse().unwrap();
    assert_eq!(trace::human(&v4), trace::human("10.1.0.0/16"));
    assert_eq!(
        trace::compact(&v4),
        trace::compact(&(10u8, 1u8, 0u8, 0u8, 16u8))
    );
    let v6: Ipv6Net = "fd00::/8".parse().unwrap();
    let mut octets = [0u8; 17];
    octets[0] = 0xfd;
    octets[16] = 8;
    assert_eq!(trace::human(&v6), trace::human("fd00::/8"));
    assert_eq!(trace::compact(&v6), trace::compact(&U8Tuple17(octets)));

    assert_eq!(trace::human(&IpNet::V4(v4)), trace::human("10.1.0.0/16"));
    assert_eq!(
        trace::compact(&IpNet::V4(v4)),
        trace::compact(&wire::IpNet::V4((10, 1, 0, 0, 16)))
    );
    assert_eq!(
        trace::compact(&IpNet::V6(v6)),
        trace::compact(&wire::IpNet::V6(U8Tuple17(octets)))
    );

    assert_eq!(json(&v4), "\"10.1.0.0/16\"");
    assert_eq!(postcard(&v4), [10, 1, 0, 0, 16]);
    assert_eq!(postcard(&IpNet::V4(v4)), [0, 10, 1, 0, 0, 16]);
}

// ---------------------------------------------------------------------------------------
// Every impl's description carries its fingerprint, and names the type or the shape.

#[test]
fn descriptions_name_the_third_party_types() {
    assert_eq!(
        <chrono::NaiveDate as TypeFingerprint>::DESCRIPTION.name,
        "NaiveDate"
    );
    assert_eq!(<time::Date as TypeFingerprint>::DESCRIPTION.name, "Date");
    assert!(matches!(
        <time::Date as TypeFingerprint>::DESCRIPTION.shape,
        Shape::Tuple(items) if items.len() == 2
    ));
    assert_eq!(<url::Url as TypeFingerprint>::DESCRIPTION.name, "Url");
    assert!(matches!(
        <url::Url as TypeFingerprint>::DESCRIPTION.shape,
        Shape::Opaque("url")
    ));
    assert_eq!(
        <indexmap::IndexMap<u8, u8, RandomState> as TypeFingerprint>::DESCRIPTION.name,
        "IndexMap"
    );
    assert_eq!(<bytes::Bytes as TypeFingerprint>::DESCRIPTION.name, "bytes");
    let Shape::Readable { human, compact } = <ipnet::Ipv6Net as TypeFingerprint>::DESCRIPTION.shape
    else {
        panic!("Ipv6Net is an h node")
    };
    assert!(matches!(human().shape, Shape::Opaque("ipv6-network")));
    // 17 octets, all `u8`: a tuple of one type is the array of that type (SPEC.md §5).
    assert!(matches!(compact().shape, Shape::Array { len: 17, .. }));
}

mod support;
use support::{fp, prim, trace};

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(wire::Host<String>, wire::IpNet);
