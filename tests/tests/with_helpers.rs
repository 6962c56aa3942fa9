//! Well-known serializer helpers (`SPEC.md` §10b): a field written with
//! `#[serde(with = "chrono::serde::ts_seconds")]`, `serde_bytes`, `humantime_serde`,
//! `time::serde::rfc3339`, `http_serde::*` or a `#[serde_as]` adapter needs no
//! annotation, and its fingerprint is that of the shape the helper writes.
//!
//! Each claim is checked twice, independently of objfp's marker types:
//!
//! - **Wire**: `via!` calls the real helper's `serialize` on a value, and the recording
//!   serializer (`support/trace.rs`, human-readable and compact modes) must record exactly
//!   what it records for a plain value of the claimed shape (an `i64`, a string, ...);
//!   some are pinned in serde_json and postcard too.
//! - **Fingerprint**: `fingerprint_is!` derives two structs, one with the real helper on a
//!   field and no annotation, one whose field has a type of the claimed shape, spelled
//!   here: a std type, or a `claim!` type whose fingerprint is the `objfp::encoding` call
//!   SPEC.md §10b gives (`named("unix-seconds", i64)`). They must be equal.
#![allow(dead_code)]

mod support;

use std::collections::BTreeMap;
use std::ffi::CString;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use objfp::{Description, Fingerprint, Shape, TypeFingerprint, encoding};
use serde::Serialize;
use support::fp;
use support::trace::{self, writes_as};

/// What `$f` (a helper's `serialize` function) writes for `$value` of type `$ty`, as a
/// value that can be handed to any serializer.
macro_rules! via {
    ($f:expr, $ty:ty, $value:expr) => {{
        struct Via<'a>(&'a $ty);
        impl Serialize for Via<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                ($f)(self.0, s)
            }
        }
        let value: $ty = $value;
        trace::written(&Via(&value))
    }};
}

/// Derives a struct with the helper on its one field (`$ty` with attributes `$m`) and one
/// whose field is the claimed type; asserts that the two fingerprints are equal and
/// returns it.
macro_rules! fingerprint_is {
    ($(#[$m:meta])* $ty:ty => $(#[$cm:meta])* $claim:ty) => {{
        #[derive(objfp::TypeFingerprint, Serialize)]
        struct Real {
            $(#[$m])*
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
            "{} over `{}` is not `{}`",
            stringify!($(#[$m])*),
            stringify!($ty),
            stringify!($claim)
        );
        fp::<Real>()
    }};
}

claim!(UnixSeconds = named("unix-seconds", i64));
claim!(UnixMillis = named("unix-milliseconds", i64));
claim!(UnixMicros = named("unix-microseconds", i64));
claim!(UnixNanos = named("unix-nanoseconds", i64));
claim!(UnixMillis128 = named("unix-milliseconds", i128));
claim!(UnixMicros128 = named("unix-microseconds", i128));
claim!(UnixNanos128 = named("unix-nanoseconds", i128));
claim!(Rfc3339 = opaque("rfc3339-datetime"));
claim!(Rfc2822 = opaque("rfc2822-datetime"));
claim!(Iso8601 = opaque("iso8601-datetime-six-digit-year"));
claim!(HumanDuration = opaque("humantime-duration"));
claim!(HumanTimestamp = opaque("rfc3339-utc-datetime"));

const SECS: i64 = 1_700_000_000;

fn chrono_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(SECS, 123_456_789).unwrap()
}

fn offset_date_time() -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(SECS) * 1_000_000_000 + 5_000)
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// chrono

#[test]
fn chrono_ts_helpers_write_an_i64_count_since_the_epoch() {
    use chrono::serde::*;
    use chrono::{DateTime, Utc};
    let dt = chrono_utc();
    writes_as(via!(ts_seconds::serialize, DateTime<Utc>, dt), &SECS);
    writes_as(
        via!(ts_milliseconds::serialize, DateTime<Utc>, dt),
        &(SECS * 1000 + 123),
    );
    writes_as(
        via!(ts_microseconds::serialize, DateTime<Utc>, dt),
        &(SECS * 1_000_000 + 123_456),
    );
    writes_as(
        via!(ts_nanoseconds::serialize, DateTime<Utc>, dt),
        &(SECS * 1_000_000_000 + 123_456_789),
    );
    // `_option`: `serialize_some` of the same integer, or `serialize_none`.
    writes_as(
        via!(
            ts_seconds_option::serialize,
            Option<DateTime<Utc>>,
            Some(dt)
        ),
        &Some(SECS),
    );
    writes_as(
        via!(
            ts_milliseconds_option::serialize,
            Option<DateTime<Utc>>,
            None
        ),
        &None::<i64>,
    );
    writes_as(
        via!(
            ts_microseconds_option::serialize,
            Option<DateTime<Utc>>,
            Some(dt)
        ),
        &Some(SECS * 1_000_000 + 123_456),
    );
    writes_as(
        via!(
            ts_nanoseconds_option::serialize,
            Option<DateTime<Utc>>,
            Some(dt)
        ),
        &Some(SECS * 1_000_000_000 + 123_456_789),
    );
    // chrono's naive helpers write the same counts for a `NaiveDateTime`.
    writes_as(
        via!(
            chrono::naive::serde::ts_seconds::serialize,
            chrono::NaiveDateTime,
            dt.naive_utc()
        ),
        &SECS,
    );
}

#[test]
fn chrono_ts_helpers_are_named_counts() {
    use chrono::{DateTime, NaiveDateTime, Utc};
    let secs =
        fingerprint_is!(#[serde(with = "chrono::serde::ts_seconds")] DateTime<Utc> => UnixSeconds);
    let millis = fingerprint_is!(#[serde(with = "chrono::serde::ts_milliseconds")] DateTime<Utc> => UnixMillis);
    let micros = fingerprint_is!(#[serde(with = "chrono::serde::ts_microseconds")] DateTime<Utc> => UnixMicros);
    let nanos = fingerprint_is!(#[serde(with = "chrono::serde::ts_nanoseconds")] DateTime<Utc> => UnixNanos);
    fingerprint_is!(#[serde(with = "chrono::serde::ts_seconds_option")] Option<DateTime<Utc>> => Option<UnixSeconds>);
    fingerprint_is!(#[serde(with = "chrono::serde::ts_milliseconds_option")] Option<DateTime<Utc>> => Option<UnixMillis>);
    fingerprint_is!(#[serde(with = "chrono::serde::ts_microseconds_option")] Option<DateTime<Utc>> => Option<UnixMicros>);
    fingerprint_is!(#[serde(with = "chrono::serde::ts_nanoseconds_option")] Option<DateTime<Utc>> => Option<UnixNanos>);
    fingerprint_is!(#[serde(with = "chrono::naive::serde::ts_seconds")] NaiveDateTime => UnixSeconds);
    // Each unit is its own shape, and none is the bare `i64`.
    let all = [secs, millis, micros, nanos, fp::<i64>()];
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn a_helper_is_known_by_how_its_path_ends() {
    use chrono::serde::ts_seconds;
    use chrono::{DateTime, Utc};
    let _ = ts_seconds::serialize::<serde_json::value::Serializer>;
    let full =
        fingerprint_is!(#[serde(with = "chrono::serde::ts_seconds")] DateTime<Utc> => UnixSeconds);
    let imported = fingerprint_is!(#[serde(with = "ts_seconds")] DateTime<Utc> => UnixSeconds);
    let rooted = fingerprint_is!(#[serde(with = "::chrono::serde::ts_seconds")] DateTime<Utc> => UnixSeconds);
    // `serialize_with` + `deserialize_with` naming the module's two halves is `with`.
    let halves = fingerprint_is!(
        #[serde(serialize_with = "ts_seconds::serialize", deserialize_with = "chrono::serde::ts_seconds::deserialize")]
        DateTime<Utc> => UnixSeconds
    );
    assert_eq!(full, imported);
    assert_eq!(full, rooted);
    assert_eq!(full, halves);
}

#[test]
fn a_helper_on_one_side_only_is_a_proxy_of_the_two_shapes() {
    use chrono::{DateTime, Utc};
    // Written by chrono's `ts_seconds`, read by the type's own `Deserialize` (RFC 3339).
    struct Proxy;
    impl TypeFingerprint for Proxy {
        const FINGERPRINT: Fingerprint = encoding::proxy(
            UnixSeconds::FINGERPRINT,
            <DateTime<Utc> as TypeFingerprint>::FINGERPRINT,
        );
        const DESCRIPTION: &'static Description = &Description {
            name: "Proxy",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Opaque("test stand-in"),
        };
    }
    fingerprint_is!(
        #[serde(serialize_with = "chrono::serde::ts_seconds::serialize")]
        DateTime<Utc> => Proxy
    );
}

// ---------------------------------------------------------------------------------------
// time

#[test]
fn time_helpers_write_their_format_or_count() {
    use time::OffsetDateTime;
    use time::serde::*;
    let t = offset_date_time();
    writes_as(
        via!(rfc3339::serialize, OffsetDateTime, t),
        "2023-11-14T22:13:20.000005Z",
    );
    writes_as(
        via!(rfc2822::serialize, OffsetDateTime, t),
        "Tue, 14 Nov 2023 22:13:20 +0000",
    );
    writes_as(
        via!(iso8601::serialize, OffsetDateTime, t),
        "+002023-11-14T22:13:20.000005000Z",
    );
    writes_as(
        via!(rfc3339::option::serialize, Option<OffsetDateTime>, Some(t)),
        &Some("2023-11-14T22:13:20.000005Z"),
    );
    writes_as(
        via!(rfc2822::option::serialize, Option<OffsetDateTime>, None),
        &None::<&str>,
    );
    writes_as(
        via!(iso8601::option::serialize, Option<OffsetDateTime>, Some(t)),
        &Some("+002023-11-14T22:13:20.000005000Z"),
    );
    writes_as(via!(timestamp::serialize, OffsetDateTime, t), &SECS);
    writes_as(
        via!(
            timestamp::option::serialize,
            Option<OffsetDateTime>,
            Some(t)
        ),
        &Some(SECS),
    );
    let nanos = i128::from(SECS) * 1_000_000_000 + 5_000;
    writes_as(
        via!(timestamp::milliseconds::serialize, OffsetDateTime, t),
        &(nanos / 1_000_000),
    );
    writes_as(
        via!(timestamp::milliseconds_i64::serialize, OffsetDateTime, t),
        &(SECS * 1000),
    );
    writes_as(
        via!(timestamp::microseconds::serialize, OffsetDateTime, t),
        &(nanos / 1000),
    );
    writes_as(
        via!(timestamp::nanoseconds::serialize, OffsetDateTime, t),
        &nanos,
    );
    writes_as(
        via!(
            timestamp::nanoseconds::option::serialize,
            Option<OffsetDateTime>,
            Some(t)
        ),
        &Some(nanos),
    );
}

#[test]
fn time_rfc3339_is_the_grammar_chrono_writes() {
    // One instant, one string: `time::serde::rfc3339` and chrono's `DateTime<Utc>` share
    // the node `"rfc3339-datetime"`.
    let t = offset_date_time();
    let c = chrono::DateTime::from_timestamp(SECS, 5_000).unwrap();
    let time = via!(time::serde::rfc3339::serialize, time::OffsetDateTime, t);
    assert_eq!(time.0, trace::human(&c));
    assert_eq!(time.1, trace::compact(&c));
    fingerprint_is!(#[serde(with = "time::serde::rfc3339")] time::OffsetDateTime => chrono::DateTime<chrono::Utc>);
}

#[test]
fn time_helpers_are_grammars_and_named_counts() {
    use time::OffsetDateTime;
    let rfc3339 =
        fingerprint_is!(#[serde(with = "time::serde::rfc3339")] OffsetDateTime => Rfc3339);
    let rfc2822 =
        fingerprint_is!(#[serde(with = "time::serde::rfc2822")] OffsetDateTime => Rfc2822);
    let iso8601 =
        fingerprint_is!(#[serde(with = "time::serde::iso8601")] OffsetDateTime => Iso8601);
    fingerprint_is!(#[serde(with = "time::serde::rfc3339::option")] Option<OffsetDateTime> => Option<Rfc3339>);
    fingerprint_is!(#[serde(with = "time::serde::rfc2822::option")] Option<OffsetDateTime> => Option<Rfc2822>);
    fingerprint_is!(#[serde(with = "time::serde::iso8601::option")] Option<OffsetDateTime> => Option<Iso8601>);
    let secs =
        fingerprint_is!(#[serde(with = "time::serde::timestamp")] OffsetDateTime => UnixSeconds);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::option")] Option<OffsetDateTime> => Option<UnixSeconds>);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::milliseconds")] OffsetDateTime => UnixMillis128);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::milliseconds_i64")] OffsetDateTime => UnixMillis);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::microseconds")] OffsetDateTime => UnixMicros128);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::nanoseconds")] OffsetDateTime => UnixNanos128);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::milliseconds::option")] Option<OffsetDateTime> => Option<UnixMillis128>);
    fingerprint_is!(#[serde(with = "time::serde::timestamp::milliseconds_i64::option")] Option<OffsetDateTime> => Option<UnixMillis>);
    // RFC 3339 text and RFC 2822 text are different grammars; chrono's `ts_seconds` and
    // time's `timestamp` write the same count.
    assert_ne!(rfc3339, rfc2822);
    assert_ne!(rfc3339, iso8601);
    let chrono_secs = fingerprint_is!(#[serde(with = "chrono::serde::ts_seconds")] chrono::DateTime<chrono::Utc> => UnixSeconds);
    assert_eq!(secs, chrono_secs);
    // The `time` type's own serde form is neither.
    assert_ne!(rfc3339, fp::<OffsetDateTime>());
}

// ---------------------------------------------------------------------------------------
// serde_bytes

#[test]
fn serde_bytes_writes_bytes_and_options_of_bytes() {
    let v = vec![1u8, 2, 255];
    let bytes = serde_bytes::Bytes::new(&v);
    writes_as(via!(serde_bytes::serialize, Vec<u8>, v.clone()), bytes);
    writes_as(via!(serde_bytes::serialize, [u8; 3], [1, 2, 255]), bytes);
    writes_as(
        via!(serde_bytes::serialize, Option<Vec<u8>>, Some(v.clone())),
        &Some(bytes),
    );
    writes_as(
        via!(serde_bytes::serialize, Option<Vec<u8>>, None),
        &None::<&serde_bytes::Bytes>,
    );
    // Not a sequence of u8.
    assert_ne!(trace::compact(bytes), trace::compact(&v));
    // `CString` is serde's own `bytes` (SPEC.md §5).
    let c = CString::new(v.clone()).unwrap();
    assert_eq!(trace::compact(&c), trace::compact(bytes));
}

#[test]
fn serde_bytes_is_the_bytes_primitive() {
    fingerprint_is!(#[serde(with = "serde_bytes")] Vec<u8> => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] [u8; 16] => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] Box<[u8]> => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] std::borrow::Cow<'static, [u8]> => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] &'static [u8] => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] serde_bytes::ByteBuf => CString);
    fingerprint_is!(#[serde(with = "serde_bytes")] Option<Vec<u8>> => Option<CString>);
    // A type alias is seen through: the trait solver, not the macro, picks the shape.
    type Blob = Option<Vec<u8>>;
    fingerprint_is!(#[serde(with = "serde_bytes")] Blob => Option<CString>);
    let with = fingerprint_is!(#[serde(with = "serde_bytes")] Vec<u8> => CString);
    assert_ne!(with, fingerprint_is!(Vec<u8> => Vec<u8>));
}

// ---------------------------------------------------------------------------------------
// humantime_serde

#[test]
fn humantime_serde_writes_strings() {
    let d = Duration::new(3723, 5_000);
    writes_as(
        via!(humantime_serde::serialize, Duration, d),
        "1h 2m 3s 5us",
    );
    let t = UNIX_EPOCH + Duration::new(SECS as u64, 5_000);
    writes_as(
        via!(humantime_serde::serialize, SystemTime, t),
        "2023-11-14T22:13:20.000005000Z",
    );
    writes_as(
        via!(humantime_serde::serialize, Option<Duration>, Some(d)),
        &Some("1h 2m 3s 5us"),
    );
    writes_as(
        via!(humantime_serde::option::serialize, Option<SystemTime>, None),
        &None::<&str>,
    );
}

#[test]
fn humantime_serde_is_a_grammar_by_field_type() {
    let d = fingerprint_is!(#[serde(with = "humantime_serde")] Duration => HumanDuration);
    let t = fingerprint_is!(#[serde(with = "humantime_serde")] SystemTime => HumanTimestamp);
    fingerprint_is!(#[serde(with = "humantime_serde")] Option<Duration> => Option<HumanDuration>);
    fingerprint_is!(#[serde(with = "humantime_serde::option")] Option<Duration> => Option<HumanDuration>);
    fingerprint_is!(#[serde(with = "humantime_serde::option")] Option<SystemTime> => Option<HumanTimestamp>);
    assert_ne!(d, t);
    assert_ne!(d, fp::<Duration>());
}

// ---------------------------------------------------------------------------------------
// http_serde

claim!(HttpMethod = opaque("http-method"));
claim!(HttpUri = opaque("http-uri"));
claim!(HttpAuthority = opaque("http-authority"));
claim!(HttpVersion = opaque("http-version"));
claim!(HttpHeaderName = opaque("http-header-name"));

/// serde_with's `OneOrMany<T>` and the human-readable values of an `http` header: serde's
/// untagged enum of one element or a sequence (so it records as either).
#[derive(objfp::TypeFingerprint, Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// `h(OneOrMany<string>, sequence of sequences of u8)`: the values of one header.
struct HeaderValues;
impl TypeFingerprint for HeaderValues {
    const FINGERPRINT: Fingerprint = encoding::readable(
        <OneOrMany<String> as TypeFingerprint>::FINGERPRINT,
        <Vec<Vec<u8>> as TypeFingerprint>::FINGERPRINT,
    );
    const DESCRIPTION: &'static Description = &Description {
        name: "HeaderValues",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Opaque("test stand-in"),
    };
}

/// Serializes the pairs with `collect_map`, in order.
struct Pairs<K, V>(Vec<(K, V)>);
impl<K: Serialize, V: Serialize> Serialize for Pairs<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// A sequence written with `collect_seq` over an iterator of unknown length, as
/// `http_serde` writes several values of one header (`serialize_seq(None)`).
struct UnsizedSeq(Vec<&'static str>);
impl Serialize for UnsizedSeq {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().filter(|_| true))
    }
}

/// [`OneOrMany`] of strings, as serde writes it, the sequence of unknown length.
#[derive(Serialize)]
#[serde(untagged)]
enum HumanValues {
    One(&'static str),
    Many(UnsizedSeq),
}

#[test]
fn http_serde_writes_text_a_u16_and_a_header_map() {
    use http::{HeaderMap, Method, StatusCode, Uri, Version, uri::Authority};
    writes_as(
        via!(http_serde::method::serialize, Method, Method::PATCH),
        "PATCH",
    );
    writes_as(
        via!(
            http_serde::status_code::serialize,
            StatusCode,
            StatusCode::NOT_FOUND
        ),
        &404u16,
    );
    let uri = "https://example.com/a?b=1";
    writes_as(
        via!(http_serde::uri::serialize, Uri, uri.parse().unwrap()),
        uri,
    );
    writes_as(
        via!(
            http_serde::authority::serialize,
            Authority,
            "user@example.com:8080".parse().unwrap()
        ),
        "user@example.com:8080",
    );
    writes_as(
        via!(http_serde::version::serialize, Version, Version::HTTP_11),
        "HTTP/1.1",
    );
    writes_as(
        via!(
            http_serde::option::status_code::serialize,
            Option<StatusCode>,
            Some(StatusCode::OK)
        ),
        &Some(200u16),
    );
    // Header maps: one text value as a string, several as a sequence, when human-readable;
    // when compact, always a sequence of the values' bytes, each a sequence of `u8` (a
    // `&[u8]`'s own `Serialize`, not `serialize_bytes`).
    let mut headers = HeaderMap::new();
    headers.insert("accept", "text/html".parse().unwrap());
    headers.append("set-cookie", "a=1".parse().unwrap());
    headers.append("set-cookie", "b=2".parse().unwrap());
    let human = Pairs(vec![
        ("accept", HumanValues::One("text/html")),
        (
            "set-cookie",
            HumanValues::Many(UnsizedSeq(vec!["a=1", "b=2"])),
        ),
    ]);
    let compact = Pairs(vec![
        ("accept", vec![b"text/html".to_vec()]),
        ("set-cookie", vec![b"a=1".to_vec(), b"b=2".to_vec()]),
    ]);
    let real = via!(http_serde::header_map::serialize, HeaderMap, headers);
    assert_eq!(real.0, trace::human(&human));
    assert_eq!(real.1, trace::compact(&compact));
    assert_eq!(real.2, serde_json::to_string(&human).unwrap());
    assert_eq!(real.3, postcard::to_allocvec(&compact).unwrap());
}

#[test]
fn http_serde_shapes() {
    use http::{HeaderMap, Method, StatusCode, Uri, Version, uri::Authority};
    fingerprint_is!(#[serde(with = "http_serde::method")] Method => HttpMethod);
    fingerprint_is!(#[serde(with = "http_serde::status_code")] StatusCode => u16);
    fingerprint_is!(#[serde(with = "http_serde::uri")] Uri => HttpUri);
    fingerprint_is!(#[serde(with = "http_serde::authority")] Authority => HttpAuthority);
    fingerprint_is!(#[serde(with = "http_serde::version")] Version => HttpVersion);
    fingerprint_is!(#[serde(with = "http_serde::header_map")] HeaderMap => BTreeMap<HttpHeaderName, HeaderValues>);
    fingerprint_is!(#[serde(with = "http_serde::option::method")] Option<Method> => Option<HttpMethod>);
    fingerprint_is!(#[serde(with = "http_serde::option::status_code")] Option<StatusCode> => Option<u16>);
    fingerprint_is!(#[serde(with = "http_serde::option::header_map")] Option<HeaderMap> => Option<BTreeMap<HttpHeaderName, HeaderValues>>);
}

/// Descriptions of helper fields (named, opaque, `h` and `d` nodes, serde_with's untagged
/// `OneOrMany`) survive the lockfile round trip and carry their own fingerprints.
#[test]
fn helper_fields_round_trip_through_a_lockfile() {
    #[serde_with::serde_as]
    #[derive(objfp::TypeFingerprint, Serialize)]
    struct Event {
        #[serde(with = "chrono::serde::ts_milliseconds")]
        at: chrono::DateTime<chrono::Utc>,
        #[serde(with = "time::serde::rfc2822::option")]
        seen: Option<time::OffsetDateTime>,
        #[serde(with = "serde_bytes")]
        body: Vec<u8>,
        #[serde(with = "http_serde::header_map")]
        headers: http::HeaderMap,
        #[serde(serialize_with = "chrono::serde::ts_seconds::serialize")]
        written_only: chrono::DateTime<chrono::Utc>,
        #[serde_as(as = "serde_with::OneOrMany<serde_with::DisplayFromStr>")]
        ids: Vec<u64>,
        #[serde_as(as = "serde_with::DurationMilliSeconds")]
        timeout: Duration,
    }
    fn check(d: &'static Description, depth: u32) {
        if depth > 6 {
            return;
        }
        assert_ne!(
            d.fingerprint,
            Fingerprint::from_bytes([0; 32]),
            "{}",
            d.name
        );
        match d.shape {
            Shape::Named { inner, .. } => check(inner(), depth + 1),
            Shape::Option(inner) | Shape::Seq(inner) => check(inner(), depth + 1),
            Shape::Readable { human, compact } => {
                check(human(), depth + 1);
                check(compact(), depth + 1);
            }
            Shape::Struct(s) => s.fields.iter().for_each(|f| check((f.ty)(), depth + 1)),
            _ => {}
        }
    }
    check(Event::DESCRIPTION, 0);
    // The lockfile names each helper's node: `named UnixMilliseconds = "unix-milliseconds"
    // i64`, `opaque Rfc2822 = "rfc2822-datetime"`, `readable HeaderValues { .. }`, ...
    let text = objfp::lock::render(&[objfp::lock::entry::<Event>("Event")]).unwrap();
    assert!(
        text.contains(r#"named UnixMilliseconds = "unix-milliseconds" i64"#),
        "{text}"
    );
    assert!(
        text.contains(r#"opaque Rfc2822 = "rfc2822-datetime""#),
        "{text}"
    );
    support::lock::round_trip(&[objfp::lock::entry::<Event>("Event")]);
}
