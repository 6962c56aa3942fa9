//! serde_with's `#[serde_as]` adapters as they reach the derive
//! (`#[serde(with = "::serde_with::As::<..>")]`, `SPEC.md` §10b), checked like
//! `with_helpers.rs`: `via!` records what the real adapter writes (through
//! `serde_with::As::<T>::serialize`) against a plain value of the claimed shape, and
//! `fingerprint_is!` derives a struct with `#[serde_as(as = "..")]` on a field (no
//! annotation) and one whose field has the claimed type.
#![allow(dead_code)]

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::CString;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_with::formats::{Flexible, PreferMany, Unpadded, Uppercase};
use serde_with::{
    As, Bytes, DefaultOnError, DefaultOnNull, DisplayFromStr, DurationMilliSeconds,
    DurationSeconds, DurationSecondsWithFrac, FromInto, IfIsHumanReadable, Map, NoneAsEmptyString,
    OneOrMany, Same, TimestampMilliSeconds, TimestampSeconds, TimestampSecondsWithFrac,
    base64::Base64, base64::UrlSafe, hex::Hex,
};
use support::fp;
use support::trace::{self, writes_as};

macro_rules! via {
    ($as:ty, $ty:ty, $value:expr) => {{
        struct Via<'a>(&'a $ty);
        impl Serialize for Via<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <As<$as>>::serialize(self.0, s)
            }
        }
        let value: $ty = $value;
        trace::written(&Via(&value))
    }};
}

/// `#[serde_as(as = $as)]` on a field of type `$ty` has the fingerprint of a field of type
/// `$claim` (with attributes `$cm`: `#[serde_as]` adds `#[serde(default)]` to an `Option`
/// field with an `Option` adapter).
macro_rules! fingerprint_is {
    ($as:literal, $ty:ty => $(#[$cm:meta])* $claim:ty) => {{
        #[serde_with::serde_as]
        #[derive(objfp::TypeFingerprint, Serialize)]
        struct Real {
            #[serde_as(as = $as)]
            f: $ty,
        }
        #[derive(objfp::TypeFingerprint)]
        struct Claim {
            $(#[$cm])*
            f: $claim,
        }
        assert_eq!(
            fp::<Real>(),
            fp::<Claim>(),
            "`{}` over `{}` is not `{}`",
            $as,
            stringify!($ty),
            stringify!($claim)
        );
        fp::<Real>()
    }};
}

claim!(Base64Standard = opaque("base64-standard-padded"));
claim!(Base64UrlUnpadded = opaque("base64-url-safe-unpadded"));
claim!(HexLower = opaque("hex-lowercase"));
claim!(HexUpper = opaque("hex-uppercase"));
claim!(DurSecsU64 = named("duration-seconds", u64));
claim!(DurSecsI64 = named("duration-seconds", i64));
claim!(DurSecsF64 = named("duration-seconds", f64));
claim!(DurMillisU64 = named("duration-milliseconds", u64));
claim!(DecimalIntegerString = opaque("decimal-integer-string"));
claim!(DecimalString = opaque("decimal-string"));
claim!(DurSecsString = named("duration-seconds", DecimalIntegerString));
claim!(DurSecsFracString = named("duration-seconds", DecimalString));
claim!(FlexibleDurSecs = named("serde-with-flexible", DurSecsU64));
claim!(DurSecsFlexible = proxy(DurSecsU64, FlexibleDurSecs));
claim!(UnixSeconds = named("unix-seconds", i64));
claim!(UnixSecondsF64 = named("unix-seconds", f64));
claim!(UnixMillis = named("unix-milliseconds", i64));
claim!(StringOrU32 = readable(String, u32));

/// serde_with's `OneOrMany<T>`: serde's untagged enum of one element or a sequence.
#[derive(objfp::TypeFingerprint, Serialize)]
#[serde(untagged)]
enum OneOrManyClaim<T> {
    One(T),
    Many(Vec<T>),
}

claim!(PreferManyClaim = proxy(Vec<String>, OneOrManyClaim<String>));

#[test]
fn display_from_str_writes_a_string() {
    writes_as(via!(DisplayFromStr, u64, 12), "12");
    writes_as(
        via!(Vec<DisplayFromStr>, Vec<u64>, vec![1, 2]),
        &vec!["1", "2"],
    );
    writes_as(
        via!(
            Vec<(Same, DisplayFromStr)>,
            Vec<(String, u64)>,
            vec![("a".into(), 1)]
        ),
        &vec![("a", "1")],
    );
    writes_as(
        via!(Option<DisplayFromStr>, Option<u64>, Some(7)),
        &Some("7"),
    );
    writes_as(
        via!(Result<DisplayFromStr, Same>, Result<u8, bool>, Ok(7)),
        &Ok::<&str, bool>("7"),
    );
    writes_as(
        via!(std::ops::Range<DisplayFromStr>, std::ops::Range<u8>, 1..2),
        &("1".to_owned().."2".to_owned()),
    );
    let map: BTreeMap<u32, String> = [(1, "x".to_owned())].into();
    writes_as(
        via!(BTreeMap<DisplayFromStr, Same>, BTreeMap<u32, String>, map.clone()),
        &BTreeMap::from([("1", "x")]),
    );
    // A map written as a sequence of pairs, and pairs written as a map.
    writes_as(
        via!(Vec<(DisplayFromStr, Same)>, BTreeMap<u32, String>, map.clone()),
        &vec![("1", "x")],
    );
    writes_as(
        via!(Map<Same, DisplayFromStr>, Vec<(String, u8)>, vec![("k".into(), 3)]),
        &BTreeMap::from([("k", "3")]),
    );
}

#[test]
fn display_from_str_is_a_string_where_it_stands() {
    fingerprint_is!("DisplayFromStr", u64 => String);
    fingerprint_is!("Vec<DisplayFromStr>", Vec<u64> => Vec<String>);
    fingerprint_is!("Vec<(_, DisplayFromStr)>", Vec<(String, u64)> => Vec<(String, String)>);
    fingerprint_is!("Vec<(_, DisplayFromStr)>", Vec<(bool, u64)> => Vec<(bool, String)>);
    fingerprint_is!("[DisplayFromStr; 3]", [u16; 3] => [String; 3]);
    fingerprint_is!("BTreeSet<DisplayFromStr>", BTreeSet<u16> => Vec<String>);
    fingerprint_is!("Box<[DisplayFromStr]>", Box<[u16]> => Vec<String>);
    fingerprint_is!("HashMap<DisplayFromStr, _>", HashMap<u32, bool> => BTreeMap<String, bool>);
    fingerprint_is!("BTreeMap<_, Vec<DisplayFromStr>>", BTreeMap<String, Vec<i8>> => BTreeMap<String, Vec<String>>);
    fingerprint_is!("Vec<(DisplayFromStr, _)>", BTreeMap<u32, bool> => Vec<(String, bool)>);
    fingerprint_is!("Map<_, DisplayFromStr>", Vec<(String, u8)> => BTreeMap<String, String>);
    fingerprint_is!("(DisplayFromStr, _)", (u8, u8) => (String, u8));
    fingerprint_is!("Box<DisplayFromStr>", Box<u8> => String);
    fingerprint_is!("Result<DisplayFromStr, _>", Result<u8, bool> => Result<String, bool>);
    fingerprint_is!("std::ops::Range<DisplayFromStr>", std::ops::Range<u8> => std::ops::Range<String>);
    // `#[serde_as]` adds `#[serde(default)]` to an `Option` field with an `Option` adapter.
    fingerprint_is!("Option<DisplayFromStr>", Option<u64> => #[serde(default)] Option<String>);
    // `_` and `Same` are the field type's own serialization.
    let same = fingerprint_is!("Vec<_>", Vec<u64> => Vec<u64>);
    assert_eq!(same, fingerprint_is!("Vec<Same>", Vec<u64> => Vec<u64>));
    assert_ne!(
        same,
        fingerprint_is!("Vec<DisplayFromStr>", Vec<u64> => Vec<String>)
    );
}

#[test]
fn bytes_base64_and_hex() {
    let v = vec![0xfbu8, 0xff, 0x01];
    writes_as(via!(Bytes, Vec<u8>, v.clone()), serde_bytes::Bytes::new(&v));
    writes_as(via!(Base64, Vec<u8>, v.clone()), "+/8B");
    writes_as(via!(Base64<UrlSafe, Unpadded>, Vec<u8>, vec![0xfb]), "-w");
    writes_as(via!(Hex, Vec<u8>, v.clone()), "fbff01");
    writes_as(via!(Hex<Uppercase>, Vec<u8>, v.clone()), "FBFF01");
    fingerprint_is!("Bytes", Vec<u8> => CString);
    fingerprint_is!("Bytes", [u8; 32] => CString);
    fingerprint_is!("Option<Bytes>", Option<Vec<u8>> => #[serde(default)] Option<CString>);
    let standard = fingerprint_is!("Base64", Vec<u8> => Base64Standard);
    let url = fingerprint_is!("Base64<UrlSafe, Unpadded>", Vec<u8> => Base64UrlUnpadded);
    fingerprint_is!("serde_with::base64::Base64<serde_with::base64::Standard, serde_with::formats::Padded>", Vec<u8> => Base64Standard);
    let lower = fingerprint_is!("Hex", Vec<u8> => HexLower);
    let upper = fingerprint_is!("Hex<Uppercase>", Vec<u8> => HexUpper);
    assert_ne!(standard, url);
    assert_ne!(lower, upper);
    assert_ne!(standard, fp::<String>());
}

#[test]
fn durations_and_timestamps_are_named_counts() {
    let d = Duration::new(12, 600_000_000);
    writes_as(via!(DurationSeconds<u64>, Duration, d), &13u64);
    writes_as(
        via!(
            DurationSeconds<i64>,
            chrono::TimeDelta,
            chrono::TimeDelta::milliseconds(-12_600)
        ),
        &-13i64,
    );
    writes_as(via!(DurationSeconds<f64>, Duration, d), &13f64);
    writes_as(via!(DurationSeconds<String>, Duration, d), "13");
    writes_as(via!(DurationSecondsWithFrac, Duration, d), &12.6f64);
    writes_as(via!(DurationSecondsWithFrac<String>, Duration, d), "12.6");
    writes_as(via!(DurationMilliSeconds, Duration, d), &12_600u64);
    let t = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    writes_as(via!(TimestampSeconds, SystemTime, t), &1_700_000_000i64);
    writes_as(
        via!(TimestampMilliSeconds, SystemTime, t),
        &1_700_000_000_000i64,
    );
    let c = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    writes_as(
        via!(TimestampSeconds, chrono::DateTime<chrono::Utc>, c),
        &1_700_000_000i64,
    );

    let secs = fingerprint_is!("DurationSeconds", Duration => DurSecsU64);
    fingerprint_is!("DurationSeconds<u64>", Duration => DurSecsU64);
    fingerprint_is!("DurationSeconds<i64>", chrono::TimeDelta => DurSecsI64);
    fingerprint_is!("DurationSeconds<String>", Duration => DurSecsString);
    fingerprint_is!("DurationSeconds<u64, serde_with::formats::Strict>", Duration => DurSecsU64);
    let flexible = fingerprint_is!("DurationSeconds<u64, Flexible>", Duration => DurSecsFlexible);
    assert_ne!(secs, flexible);
    let frac = fingerprint_is!("DurationSecondsWithFrac", Duration => DurSecsF64);
    fingerprint_is!("DurationSeconds<f64>", Duration => DurSecsF64);
    fingerprint_is!("DurationSecondsWithFrac<String>", Duration => DurSecsFracString);
    let millis = fingerprint_is!("DurationMilliSeconds", Duration => DurMillisU64);
    let ts = fingerprint_is!("TimestampSeconds", SystemTime => UnixSeconds);
    fingerprint_is!("TimestampSeconds<i64>", chrono::DateTime<chrono::Utc> => UnixSeconds);
    fingerprint_is!("TimestampSecondsWithFrac", SystemTime => UnixSecondsF64);
    fingerprint_is!("TimestampMilliSeconds", SystemTime => UnixMillis);
    assert_ne!(secs, millis);
    assert_ne!(secs, frac);
    assert_ne!(ts, fp::<i64>());
    // serde_with's `TimestampSeconds` and chrono's `ts_seconds` write one count: one shape.
    #[derive(objfp::TypeFingerprint)]
    struct Chrono {
        #[serde(with = "chrono::serde::ts_seconds")]
        f: chrono::DateTime<chrono::Utc>,
    }
    assert_eq!(ts, fp::<Chrono>());
}

#[test]
fn none_as_empty_string_default_on_null_and_default_on_error() {
    writes_as(via!(NoneAsEmptyString, Option<String>, None), "");
    writes_as(via!(NoneAsEmptyString, Option<u32>, Some(5)), "5");
    // `DefaultOnNull` writes `serialize_some` (and reads an `Option`).
    writes_as(via!(DefaultOnNull, u32, 5), &Some(5u32));
    writes_as(via!(DefaultOnNull<DisplayFromStr>, u32, 5), &Some("5"));
    writes_as(via!(DefaultOnError, u32, 5), &5u32);
    writes_as(via!(DefaultOnError<DisplayFromStr>, u32, 5), "5");

    fingerprint_is!("NoneAsEmptyString", Option<String> => String);
    fingerprint_is!("NoneAsEmptyString", Option<u32> => String);
    fingerprint_is!("DefaultOnNull", u32 => Option<u32>);
    fingerprint_is!("DefaultOnNull<DisplayFromStr>", u32 => Option<String>);
    fingerprint_is!("DefaultOnError", u32 => u32);
    fingerprint_is!("DefaultOnError<DisplayFromStr>", u32 => String);
    fingerprint_is!("Vec<DefaultOnError<DisplayFromStr>>", Vec<u32> => Vec<String>);
}

#[test]
fn one_or_many() {
    writes_as(
        via!(OneOrMany<Same>, Vec<String>, vec!["a".into()]),
        &OneOrManyClaim::One("a"),
    );
    writes_as(
        via!(OneOrMany<Same>, Vec<String>, vec!["a".into(), "b".into()]),
        &OneOrManyClaim::Many(vec!["a", "b"]),
    );
    writes_as(
        via!(OneOrMany<Same>, Vec<String>, vec![]),
        &OneOrManyClaim::<&str>::Many(vec![]),
    );
    writes_as(
        via!(OneOrMany<Same, PreferMany>, Vec<String>, vec!["a".into()]),
        &vec!["a"],
    );
    fingerprint_is!("OneOrMany<_>", Vec<String> => OneOrManyClaim<String>);
    fingerprint_is!("OneOrMany<DisplayFromStr>", Vec<u8> => OneOrManyClaim<String>);
    // Written as a sequence, read as one or many.
    fingerprint_is!("OneOrMany<_, PreferMany>", Vec<String> => PreferManyClaim);
}

#[test]
fn if_is_human_readable_and_from_into() {
    writes_as(via!(IfIsHumanReadable<DisplayFromStr>, u32, 5), &{
        struct Both;
        impl Serialize for Both {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    s.serialize_str("5")
                } else {
                    s.serialize_u32(5)
                }
            }
        }
        Both
    });
    fingerprint_is!("IfIsHumanReadable<DisplayFromStr>", u32 => StringOrU32);

    #[derive(Clone)]
    struct Meters(u32);
    impl From<Meters> for u64 {
        fn from(m: Meters) -> u64 {
            m.0.into()
        }
    }
    writes_as(via!(FromInto<u64>, Meters, Meters(3)), &3u64);
    fingerprint_is!("FromInto<u64>", Meters => u64);
}

/// `Flexible` writes what `Strict` writes and reads more: serde_with's real deserializers
/// tell them apart, so the fingerprint does too.
#[test]
fn flexible_strictness_reads_more_than_it_writes() {
    #[serde_with::serde_as]
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Strict {
        #[serde_as(as = "DurationSeconds<u64, serde_with::formats::Strict>")]
        d: Duration,
    }
    #[serde_with::serde_as]
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Flexible {
        #[serde_as(as = "DurationSeconds<u64, serde_with::formats::Flexible>")]
        d: Duration,
    }
    let d = Duration::from_secs(13);
    let written = serde_json::to_string(&Strict { d }).unwrap();
    assert_eq!(written, serde_json::to_string(&Flexible { d }).unwrap());
    let text = r#"{"d":"13"}"#;
    assert!(serde_json::from_str::<Strict>(text).is_err());
    assert_eq!(
        serde_json::from_str::<Flexible>(text).unwrap(),
        Flexible { d }
    );
}

#[test]
fn deserialize_as_alone_keeps_the_written_shape() {
    // Written by the field type's own `Serialize` (a `u64`), read through the adapter.
    claim!(ReadAsString = proxy(u64, String));
    #[serde_with::serde_as]
    #[derive(objfp::TypeFingerprint)]
    struct Real {
        #[serde_as(deserialize_as = "DisplayFromStr")]
        f: u64,
    }
    #[derive(objfp::TypeFingerprint)]
    struct Claim {
        f: ReadAsString,
    }
    assert_eq!(fp::<Real>(), fp::<Claim>());
    // `serialize_as` alone: written through the adapter, read by the field type.
    claim!(WrittenAsString = proxy(String, u64));
    #[serde_with::serde_as]
    #[derive(objfp::TypeFingerprint)]
    struct Written {
        #[serde_as(serialize_as = "DisplayFromStr")]
        f: u64,
    }
    #[derive(objfp::TypeFingerprint)]
    struct WrittenClaim {
        f: WrittenAsString,
    }
    assert_eq!(fp::<Written>(), fp::<WrittenClaim>());
}
