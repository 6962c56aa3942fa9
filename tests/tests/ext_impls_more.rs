//! Fingerprints of third-party types, continued from `ext_impls.rs` (`objfp/src/impls/ext/`,
//! `SPEC.md` §12b): camino, jiff, either, smol_str, compact_str, heapless, ulid,
//! serde_bytes, bstr, chrono-tz and ethnum (bson: `ext_impls_bson.rs`).
//!
//! As there, every expectation is built independently of the impl under test: an
//! `objfp::encoding` call spelled out from SPEC.md's rules, or a std or user type with the
//! shape SPEC.md gives the third-party type. Each claimed shape is then checked against the
//! crate's own `Serialize` with the recording serializer (`trace`), in human-readable and
//! compact mode, and what the crate's `Deserialize` accepts is checked where it reads more
//! (or less) than it writes.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::CString;
use std::path::PathBuf;

use objfp::{Primitive, Shape, TypeFingerprint, encoding};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Asserts that serde writes `a` and `b` identically, in both modes.
fn same_wire<A: Serialize + ?Sized, B: Serialize + ?Sized>(a: &A, b: &B) {
    assert_eq!(trace::human(a), trace::human(b), "human-readable");
    assert_eq!(trace::compact(a), trace::compact(b), "compact");
}

/// Asserts that serde writes `value` as the string `s` in both modes.
fn string_in_both_modes<T: Serialize + ?Sized>(value: &T, s: &str) {
    same_wire(value, s);
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

/// Test stand-ins for the wire shapes SPEC.md §12b gives.
mod wire {
    use objfp::TypeFingerprint;
    use serde::Serialize;

    /// `either::Either<L, R>`.
    #[derive(TypeFingerprint, Serialize)]
    pub enum Either<L, R> {
        Left(L),
        Right(R),
    }
}

// ---------------------------------------------------------------------------------------
// camino, smol_str, compact_str: any text, the `string` primitive

#[test]
fn camino_paths_are_strings_like_std_paths() {
    use camino::{Utf8Path, Utf8PathBuf};

    assert_eq!(fp::<Utf8PathBuf>(), prim(Primitive::String));
    assert_eq!(fp::<Utf8Path>(), prim(Primitive::String));
    assert_eq!(fp::<Utf8PathBuf>(), fp::<PathBuf>());
    assert_eq!(fp::<Box<Utf8Path>>(), fp::<String>());

    string_in_both_modes(Utf8Path::new("a/b.txt"), "a/b.txt");
    string_in_both_modes(&Utf8PathBuf::from("a/b.txt"), "a/b.txt");
    same_wire(&Utf8PathBuf::from("a/b"), &PathBuf::from("a/b"));
    assert_eq!(json(Utf8Path::new("a/b")), "\"a/b\"");
    // It reads any string: a path has no grammar of its own.
    let back: Utf8PathBuf = serde_json::from_str("\"any text, even ../..\"").unwrap();
    assert_eq!(back, "any text, even ../..");
}

#[test]
fn smol_str_and_compact_str_are_strings() {
    use compact_str::CompactString;
    use smol_str::SmolStr;

    assert_eq!(fp::<SmolStr>(), prim(Primitive::String));
    assert_eq!(fp::<CompactString>(), prim(Primitive::String));
    assert_eq!(SmolStr::DESCRIPTION.name, "string");

    string_in_both_modes(&SmolStr::new("hi"), "hi");
    string_in_both_modes(&CompactString::new("hi"), "hi");
    // Long enough to leave the inline representation: still a string.
    let long = "a fairly long string that does not fit inline";
    string_in_both_modes(&SmolStr::new(long), long);
    string_in_both_modes(&CompactString::new(long), long);
    assert_eq!(postcard(&SmolStr::new("hi")), postcard("hi"));
    assert_eq!(postcard(&CompactString::new("hi")), postcard("hi"));
}

// ---------------------------------------------------------------------------------------
// jiff

#[test]
fn jiff_types_are_named_strings_in_every_format() {
    use jiff::civil::{Date, DateTime, ISOWeekDate, Time};
    use jiff::{SignedDuration, Span, Timestamp, ZonedDateTime};

    assert_eq!(fp::<Timestamp>(), encoding::opaque("rfc3339-datetime"));
    assert_eq!(fp::<ZonedDateTime>(), encoding::opaque("rfc9557-datetime"));
    assert_eq!(fp::<DateTime>(), encoding::opaque("iso8601-naive-datetime"));
    assert_eq!(fp::<Date>(), encoding::opaque("iso8601-date"));
    assert_eq!(fp::<Time>(), encoding::opaque("iso8601-time"));
    assert_eq!(fp::<ISOWeekDate>(), encoding::opaque("iso8601-week-date"));
    assert_eq!(fp::<Span>(), encoding::opaque("iso8601-duration"));
    assert_eq!(
        fp::<SignedDuration>(),
        encoding::opaque("iso8601-time-duration")
    );
    let all = [
        fp::<Timestamp>(),
        fp::<ZonedDateTime>(),
        fp::<DateTime>(),
        fp::<Date>(),
        fp::<Time>(),
        fp::<ISOWeekDate>(),
        fp::<Span>(),
        fp::<SignedDuration>(),
        fp::<String>(),
    ];
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a, b, "jiff's grammars are distinct");
        }
    }
    assert_eq!(Timestamp::DESCRIPTION.name, "Timestamp");
}

#[test]
fn jiff_writes_each_grammar_as_a_string_in_both_modes() {
    use jiff::tz::{Offset, TimeZone};
    use jiff::{SignedDuration, Span, Timestamp};

    let ts = Timestamp::from_second(1_700_000_000).unwrap();
    string_in_both_modes(&ts, "2023-11-14T22:13:20Z");
    string_in_both_modes(
        &Timestamp::new(1_700_000_000, 500_000_000).unwrap(),
        "2023-11-14T22:13:20.5Z",
    );
    string_in_both_modes(&Timestamp::MIN, "-009999-01-02T01:59:59Z");
    let utc = ts.to_zoned_datetime(TimeZone::UTC);
    string_in_both_modes(&utc, "2023-11-14T22:13:20+00:00[UTC]");
    let plus2 = ts.to_zoned_datetime(TimeZone::fixed(Offset::constant(2)));
    string_in_both_modes(&plus2, "2023-11-15T00:13:20+02:00[+02:00]");
    string_in_both_modes(&utc.datetime(), "2023-11-14T22:13:20");
    string_in_both_modes(&utc.date(), "2023-11-14");
    string_in_both_modes(&utc.time(), "22:13:20");
    string_in_both_modes(&utc.date().iso_week_date(), "2023-W46-2");
    string_in_both_modes(&Span::new().days(1).hours(2).minutes(3), "P1DT2H3M");
    string_in_both_modes(&Span::new().years(-1).months(-2), "-P1Y2M");
    string_in_both_modes(&SignedDuration::from_secs(2 * 86_400 + 5), "PT48H5S");
    string_in_both_modes(&SignedDuration::new(-90, -500_000_000), "-PT1M30.5S");
    assert_eq!(json(&ts), "\"2023-11-14T22:13:20Z\"");
    assert_eq!(postcard(&ts), postcard("2023-11-14T22:13:20Z"));
    assert!(postcard_round_trips(&ts));
}

#[test]
fn jiff_shares_grammars_with_chrono_and_keeps_its_own_apart() {
    use jiff::civil::{Date, DateTime, Time};
    use jiff::{SignedDuration, Span, Timestamp, ZonedDateTime};

    // The same grammar as chrono's types, so the same node: each reads the other's output.
    assert_eq!(fp::<Timestamp>(), fp::<chrono::DateTime<chrono::Utc>>());
    assert_eq!(fp::<DateTime>(), fp::<chrono::NaiveDateTime>());
    assert_eq!(fp::<Date>(), fp::<chrono::NaiveDate>());
    assert_eq!(fp::<Time>(), fp::<chrono::NaiveTime>());
    let ts = Timestamp::new(1_700_000_000, 500_000_000).unwrap();
    let c: chrono::DateTime<chrono::Utc> = serde_json::from_str(&json(&ts)).unwrap();
    assert_eq!(c.timestamp_millis(), 1_700_000_000_500);
    assert!(reads_json::<Timestamp>(&json(&c)));
    // jiff reads any RFC 3339 offset, as chrono writes for `DateTime<FixedOffset>`.
    assert!(reads_json::<Timestamp>("\"2024-01-02T05:04:05+02:00\""));
    let dt = jiff::civil::date(2024, 1, 2).at(3, 4, 5, 600_000_000);
    let c: chrono::NaiveDateTime = serde_json::from_str(&json(&dt)).unwrap();
    assert_eq!(json(&c), "\"2024-01-02T03:04:05.600\"");
    assert!(reads_json::<DateTime>(&json(&c)));
    assert!(reads_json::<chrono::NaiveDate>(&json(&dt.date())));
    assert!(reads_json::<chrono::NaiveTime>(&json(&dt.time())));
    assert!(reads_json::<Date>(&json(&c.date())));
    assert!(reads_json::<Time>(&json(&c.time())));

    // A zoned datetime needs the bracketed zone, which RFC 3339 does not have.
    assert!(!reads_json::<ZonedDateTime>(
        "\"2024-01-02T05:04:05+02:00\""
    ));
    assert!(reads_json::<ZonedDateTime>(
        "\"2024-01-02T05:04:05+02:00[+02:00]\""
    ));
    // `SignedDuration` rejects the calendar units `Span` writes; `Span` reads both.
    assert!(!reads_json::<SignedDuration>("\"P1D\""));
    assert!(reads_json::<Span>("\"P1D\""));
    assert!(reads_json::<Span>("\"PT48H5S\""));
    assert!(reads_json::<SignedDuration>("\"PT48H5S\""));
    // Both also read jiff's "friendly" format, which neither writes.
    assert!(reads_json::<SignedDuration>("\"2h 30m\""));
    assert!(reads_json::<Span>("\"2h 30m\""));
}

// ---------------------------------------------------------------------------------------
// either

#[test]
fn either_is_the_derived_enum_of_left_and_right() {
    use either::Either;

    assert_eq!(fp::<Either<u8, String>>(), fp::<wire::Either<u8, String>>());
    assert_ne!(
        fp::<Either<u8, String>>(),
        fp::<Either<String, u8>>(),
        "the variants are ordered"
    );
    assert_ne!(fp::<Either<u8, String>>(), fp::<Result<u8, String>>());
    assert!(matches!(
        Either::<u8, u8>::DESCRIPTION.shape,
        Shape::Enum { .. }
    ));

    same_wire(
        &Either::<u8, String>::Left(1),
        &wire::Either::<u8, String>::Left(1),
    );
    same_wire(
        &Either::<u8, String>::Right("x".into()),
        &wire::Either::<u8, String>::Right("x".into()),
    );
    assert_eq!(json(&Either::<u8, String>::Left(1)), r#"{"Left":1}"#);
    assert_eq!(
        postcard(&Either::<u8, String>::Right("x".into())),
        [1, 1, b'x']
    );
}

// ---------------------------------------------------------------------------------------
// heapless

#[test]
fn heapless_strings_vecs_and_queues_are_like_std_ones() {
    use heapless::binary_heap::{Max, Min};
    use heapless::{BinaryHeap, Deque, HistoryBuf, String as HString, Vec as HVec};

    assert_eq!(fp::<HString<8>>(), fp::<String>());
    assert_eq!(fp::<HString<8, u8>>(), fp::<String>());
    assert_eq!(fp::<heapless::string::StringView>(), fp::<String>());
    assert_eq!(fp::<HVec<u32, 4>>(), support::seq(prim(Primitive::U32)));
    assert_eq!(fp::<HVec<u32, 4>>(), fp::<HVec<u32, 9, u8>>());
    assert_eq!(fp::<heapless::vec::VecView<u32>>(), fp::<Vec<u32>>());
    assert_ne!(fp::<HVec<u32, 4>>(), fp::<HVec<u64, 4>>());
    assert_ne!(
        fp::<HVec<u8, 4>>(),
        fp::<[u8; 4]>(),
        "a sequence, not an array"
    );
    assert_eq!(fp::<Deque<u32, 4>>(), fp::<Vec<u32>>());
    assert_eq!(fp::<HistoryBuf<u32, 4>>(), fp::<Vec<u32>>());
    assert_eq!(fp::<BinaryHeap<u32, Max, 4>>(), fp::<Vec<u32>>());
    assert_eq!(fp::<BinaryHeap<u32, Min, 4>>(), fp::<Vec<u32>>());
    assert_eq!(HVec::<u32, 4>::DESCRIPTION.name, "Vec");

    let mut s = HString::<8>::new();
    s.push_str("hi").unwrap();
    string_in_both_modes(&s, "hi");
    let v = HVec::<u32, 4>::from_slice(&[1, 2, 3]).unwrap();
    same_wire(&v, &vec![1u32, 2, 3]);
    let mut dq = Deque::<u32, 3>::new();
    dq.push_back(1).unwrap();
    dq.push_back(2).unwrap();
    dq.pop_front();
    dq.push_back(3).unwrap();
    same_wire(&dq, &vec![2u32, 3]);
    let mut hb = HistoryBuf::<u32, 2>::new();
    hb.write(1);
    hb.write(2);
    hb.write(3);
    same_wire(&hb, &vec![2u32, 3]);
    let mut heap = BinaryHeap::<u32, Max, 4>::new();
    heap.push(5).unwrap();
    same_wire(&heap, &vec![5u32]);
    assert_eq!(json(&v), "[1,2,3]");
    assert_eq!(postcard(&v), postcard(&vec![1u32, 2, 3]));
    // Reading more than the capacity is an error, not another shape.
    assert!(serde_json::from_str::<HVec<u32, 2>>("[1,2,3]").is_err());
    assert!(serde_json::from_str::<HString<1>>("\"hi\"").is_err());
}

#[test]
fn heapless_maps_and_sets_are_like_std_ones() {
    use heapless::LinearMap;
    use heapless::index_map::FnvIndexMap;
    use heapless::index_set::FnvIndexSet;

    assert_eq!(
        fp::<FnvIndexMap<u8, bool, 4>>(),
        support::map(prim(Primitive::U8), prim(Primitive::Bool))
    );
    assert_eq!(
        fp::<FnvIndexMap<String, u32, 4>>(),
        fp::<BTreeMap<String, u32>>()
    );
    assert_eq!(
        fp::<LinearMap<String, u32, 4>>(),
        fp::<BTreeMap<String, u32>>()
    );
    assert_eq!(
        fp::<heapless::linear_map::LinearMapView<String, u32>>(),
        fp::<BTreeMap<String, u32>>()
    );
    assert_eq!(fp::<FnvIndexSet<u32, 4>>(), fp::<BTreeSet<u32>>());

    let mut m = FnvIndexMap::<u8, bool, 4>::new();
    m.insert(1, true).unwrap();
    same_wire(&m, &BTreeMap::from([(1u8, true)]));
    let mut lm = LinearMap::<u8, bool, 4>::new();
    lm.insert(1, true).unwrap();
    same_wire(&lm, &BTreeMap::from([(1u8, true)]));
    let mut set = FnvIndexSet::<u32, 4>::new();
    set.insert(3).unwrap();
    same_wire(&set, &BTreeSet::from([3u32]));
    assert_eq!(json(&m), r#"{"1":true}"#);
}

// ---------------------------------------------------------------------------------------
// ulid

#[test]
fn ulid_is_a_named_string_in_every_format() {
    use ulid::Ulid;

    assert_eq!(fp::<Ulid>(), encoding::opaque("ulid-base32"));
    assert_ne!(fp::<Ulid>(), fp::<String>());
    assert_ne!(fp::<Ulid>(), fp::<uuid::Uuid>());
    assert_ne!(fp::<Ulid>(), fp::<u128>());
    assert_eq!(Ulid::DESCRIPTION.name, "Ulid");

    let u = Ulid::from_parts(1_700_000_000_000, 42);
    // No `is_human_readable` branch: the string in compact formats too, not a u128.
    string_in_both_modes(&u, "01HF7YAT00000000000000001A");
    assert_eq!(postcard(&u), postcard("01HF7YAT00000000000000001A"));
    assert!(postcard_round_trips(&u));
    // It reads only its own grammar (in either case).
    assert_eq!(
        serde_json::from_str::<Ulid>("\"01hf7yat00000000000000001a\"").unwrap(),
        u
    );
    assert!(!reads_json::<Ulid>("\"not a ulid\""));
    assert!(!reads_json::<Ulid>("42"));
}

// ---------------------------------------------------------------------------------------
// serde_bytes, bstr: the `bytes` primitive

#[test]
fn serde_bytes_types_are_the_bytes_primitive() {
    use serde_bytes::{ByteArray, ByteBuf, Bytes};

    let bytes = prim(Primitive::Bytes);
    assert_eq!(fp::<ByteBuf>(), bytes);
    assert_eq!(fp::<Bytes>(), bytes);
    assert_eq!(fp::<ByteArray<4>>(), bytes);
    assert_eq!(fp::<ByteArray<4>>(), fp::<ByteArray<16>>());
    assert_eq!(fp::<Box<Bytes>>(), bytes);
    assert_ne!(fp::<ByteBuf>(), fp::<Vec<u8>>());
    assert_ne!(fp::<ByteArray<4>>(), fp::<[u8; 4]>());
    assert_eq!(fp::<ByteBuf>(), fp::<CString>());

    let ab = CString::new("ab").unwrap();
    same_wire(&ByteBuf::from(b"ab".to_vec()), &ab);
    same_wire(Bytes::new(b"ab"), &ab);
    same_wire(&ByteArray::new(*b"ab"), &ab);
    // Not what a `Vec<u8>` or a `[u8; 2]` writes.
    assert_ne!(
        trace::compact(Bytes::new(b"ab")),
        trace::compact(&b"ab".to_vec())
    );
    assert_ne!(
        trace::compact(&ByteArray::new(*b"ab")),
        trace::compact(b"ab")
    );
    // A `ByteArray<N>` reads exactly N bytes: a length, not another shape.
    assert!(postcard::from_bytes::<ByteArray<2>>(&postcard(Bytes::new(b"ab"))).is_ok());
    assert!(postcard::from_bytes::<ByteArray<3>>(&postcard(Bytes::new(b"ab"))).is_err());
}

#[test]
fn bstr_types_are_the_bytes_primitive_not_strings() {
    use bstr::{BStr, BString};

    assert_eq!(fp::<BString>(), prim(Primitive::Bytes));
    assert_eq!(fp::<BStr>(), prim(Primitive::Bytes));
    assert_eq!(fp::<&BStr>(), prim(Primitive::Bytes));
    assert_ne!(fp::<BString>(), fp::<String>());
    assert_ne!(fp::<BString>(), fp::<Vec<u8>>());

    let ab = CString::new("ab").unwrap();
    same_wire(&BString::from("ab"), &ab);
    same_wire(BStr::new("ab"), &ab);
    assert_ne!(trace::human(&BString::from("ab")), trace::human("ab"));
    // It reads a string too, and bytes that are not UTF-8.
    assert_eq!(
        serde_json::from_str::<BString>("\"ab\"").unwrap(),
        BString::from("ab")
    );
    let raw = BString::from(vec![0xff, 0xfe]);
    assert_eq!(
        postcard::from_bytes::<BString>(&postcard(&raw)).unwrap(),
        raw
    );
}

// ---------------------------------------------------------------------------------------
// chrono-tz

#[test]
fn chrono_tz_is_a_named_string_in_every_format() {
    use chrono_tz::Tz;

    assert_eq!(fp::<Tz>(), encoding::opaque("iana-time-zone"));
    assert_ne!(fp::<Tz>(), fp::<String>());
    assert_eq!(Tz::DESCRIPTION.name, "Tz");

    string_in_both_modes(&Tz::Europe__London, "Europe/London");
    string_in_both_modes(&Tz::UTC, "UTC");
    assert_eq!(json(&Tz::Europe__London), "\"Europe/London\"");
    assert!(postcard_round_trips(&Tz::Europe__London));
    // Only names it knows.
    assert!(!reads_json::<Tz>("\"Europe/Nowhere\""));
    assert!(!reads_json::<Tz>("\"+02:00\""));
}

// ---------------------------------------------------------------------------------------
// ethnum

#[test]
fn ethnum_integers_are_0x_hex_strings_in_every_format() {
    use ethnum::{I256, U256};

    assert_eq!(fp::<U256>(), encoding::opaque("0x-hex-unsigned-integer"));
    assert_eq!(fp::<I256>(), encoding::opaque("0x-hex-signed-integer"));
    assert_ne!(fp::<U256>(), fp::<I256>());
    assert_ne!(fp::<U256>(), fp::<u128>());
    assert_eq!(U256::DESCRIPTION.name, "U256");

    string_in_both_modes(&U256::new(42), "0x2a");
    string_in_both_modes(&U256::ZERO, "0x0");
    string_in_both_modes(&I256::new(-42), "-0x2a");
    string_in_both_modes(
        &I256::MAX,
        "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    );
    assert!(postcard_round_trips(&U256::new(42)));
    // Only the prefixed hex grammar; `U256` does not read a sign, which `I256` writes.
    assert!(reads_json::<U256>("\"0x2A\""));
    assert!(!reads_json::<U256>("\"42\""));
    assert!(!reads_json::<U256>("42"));
    assert!(!reads_json::<U256>("\"-0x2a\""));
    assert!(reads_json::<I256>("\"-0x2a\""));
    assert!(reads_json::<I256>("\"0x2a\""));
}

// ---------------------------------------------------------------------------------------
// Descriptions name the third-party types.

#[test]
fn descriptions_name_the_new_third_party_types() {
    assert_eq!(<jiff::Span as TypeFingerprint>::DESCRIPTION.name, "Span");
    assert!(matches!(
        <jiff::Span as TypeFingerprint>::DESCRIPTION.shape,
        Shape::Opaque("iso8601-duration")
    ));
    assert_eq!(
        <either::Either<u8, u8> as TypeFingerprint>::DESCRIPTION.name,
        "Either"
    );
    assert_eq!(
        <heapless::index_map::FnvIndexMap<u8, u8, 4> as TypeFingerprint>::DESCRIPTION.name,
        "IndexMap"
    );
    assert_eq!(<ethnum::I256 as TypeFingerprint>::DESCRIPTION.name, "I256");
    assert_eq!(
        <serde_bytes::ByteBuf as TypeFingerprint>::DESCRIPTION.name,
        "bytes"
    );
}

mod support;
use support::{fp, prim, trace};
