//! The derive's serde checker (`objfp-derive/src/serde_check`) has no false positives:
//! every serde attribute, used as serde's documentation shows (serde.rs: container,
//! variant and field attributes, remote derive, enum representations), still derives.
//!
//! Each type is declared twice by `both_ways!`: in `with_serde` it also derives serde's
//! `Serialize` and `Deserialize` (so serde has accepted the attributes: this file would
//! not compile otherwise), in `objfp_alone` it derives only `TypeFingerprint`, which
//! reads the same `#[serde(...)]` attributes as a helper. The checker rejecting either
//! copy fails the build. The tests then check that the two copies have one fingerprint
//! (the checker changes nothing about what is fingerprinted) and, where serde's
//! documentation says what an attribute does, that serde_json agrees, so each sample is
//! the documented use and not a look-alike.
#![allow(dead_code)]

use objfp::{Fingerprint, TypeFingerprint};
use serde_json::json;

fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    T::FINGERPRINT
}

/// Declares the items in module `$with` (deriving the serde traits in parentheses, and
/// objfp's) and in module `$alone` (deriving objfp's only).
macro_rules! both_ways {
    ($with:ident, $alone:ident, $serde:tt ; $($item:item)*) => {
        pub mod $with {
            #![allow(unused_imports)]
            use super::*;
            $( #[derive $serde] #[derive(objfp::TypeFingerprint)] $item )*
        }
        pub mod $alone {
            #![allow(unused_imports)]
            use super::*;
            $( #[derive(objfp::TypeFingerprint)] $item )*
        }
    };
}

/// Functions named by `default = ".."`, `skip_serializing_if`, `with`, ...
mod funcs {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn seven() -> u32 {
        7
    }

    pub fn is_zero(v: &u32) -> bool {
        *v == 0
    }

    /// `with = "funcs::decimal"`: a `u64` written as a decimal string.
    pub mod decimal {
        use super::*;

        pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(v)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
            String::deserialize(d)?
                .parse()
                .map_err(serde::de::Error::custom)
        }
    }
}

mod container {
    use super::*;

    both_ways! { with_serde, objfp_alone, (serde::Serialize, serde::Deserialize);
        #[serde(rename = "order", rename_all = "camelCase", deny_unknown_fields)]
        #[serde(expecting = "an order")]
        pub struct Order {
            pub order_id: u64,
        }

        #[serde(rename(serialize = "ser_name", deserialize = "de_name"))]
        pub struct TwoNames {
            pub a: u8,
        }

        #[serde(rename_all(serialize = "kebab-case", deserialize = "SCREAMING_SNAKE_CASE"))]
        pub struct TwoRules {
            pub long_name: u8,
        }

        #[serde(rename_all(serialize = "UPPERCASE"))]
        pub struct OneRule {
            pub long_name: u8,
        }

        #[derive(Default)]
        #[serde(default)]
        pub struct Defaulted {
            pub a: u8,
            pub b: String,
        }

        #[serde(default = "Defaults::new")]
        pub struct Defaults {
            pub a: u8,
            pub b: u8,
        }

        #[serde(transparent)]
        pub struct Transparent {
            pub value: u64,
            #[serde(skip)]
            pub cache: u64,
        }

        #[derive(Clone)]
        #[serde(from = "u64", into = "u64")]
        pub struct FromInto {
            pub value: u64,
        }

        #[serde(try_from = "String")]
        pub struct Checked {
            pub value: String,
        }

        #[serde(bound = "T: serde::Serialize + serde::de::DeserializeOwned + objfp::TypeFingerprint")]
        pub struct Bounded<T> {
            pub value: T,
        }

        #[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: serde::Deserialize<'de>"))]
        pub struct SplitBound<T> {
            pub value: T,
        }

        #[serde(crate = "serde")]
        pub struct OwnCrate {
            pub a: u8,
        }

        #[serde()]
        #[cfg_attr(all(), serde(rename = "configured"))]
        #[cfg_attr(any(), serde(a_key_serde_never_sees))]
        pub struct Configured {
            #[cfg_attr(all(), serde(rename = "x"))]
            pub a: u8,
        }
    }

    macro_rules! impls {
        ($($m:ident),*) => {$(
            impl $m::Defaults {
                fn new() -> Self {
                    $m::Defaults { a: 1, b: 2 }
                }
            }
            impl From<u64> for $m::FromInto {
                fn from(value: u64) -> Self {
                    $m::FromInto { value }
                }
            }
            impl From<$m::FromInto> for u64 {
                fn from(v: $m::FromInto) -> u64 {
                    v.value
                }
            }
            impl std::convert::TryFrom<String> for $m::Checked {
                type Error = &'static str;
                fn try_from(value: String) -> Result<Self, Self::Error> {
                    if value.is_empty() { Err("empty") } else { Ok($m::Checked { value }) }
                }
            }
        )*};
    }
    impls!(with_serde, objfp_alone);

    #[test]
    fn container_attributes_do_what_serde_documents() {
        use with_serde::*;
        assert_eq!(
            serde_json::to_value(Order { order_id: 1 }).unwrap(),
            json!({"orderId": 1})
        );
        assert!(serde_json::from_value::<Order>(json!({"orderId": 1, "x": 2})).is_err());
        assert_eq!(
            serde_json::to_value(TwoRules { long_name: 1 }).unwrap(),
            json!({"long-name": 1})
        );
        assert!(serde_json::from_value::<TwoRules>(json!({"LONG_NAME": 1})).is_ok());
        let d: Defaults = serde_json::from_value(json!({"a": 5})).unwrap();
        assert_eq!((d.a, d.b), (5, 2));
        let t = Transparent { value: 9, cache: 1 };
        assert_eq!(serde_json::to_value(t).unwrap(), json!(9));
        assert_eq!(
            serde_json::to_value(FromInto { value: 3 }).unwrap(),
            json!(3)
        );
        assert!(serde_json::from_value::<Checked>(json!("")).is_err());
        assert_eq!(
            serde_json::to_value(Configured { a: 1 }).unwrap(),
            json!({"x": 1})
        );
    }

    #[test]
    fn the_same_fingerprint_with_and_without_serde_derive() {
        let pairs = [
            (fp::<with_serde::Order>(), fp::<objfp_alone::Order>()),
            (fp::<with_serde::TwoNames>(), fp::<objfp_alone::TwoNames>()),
            (fp::<with_serde::TwoRules>(), fp::<objfp_alone::TwoRules>()),
            (fp::<with_serde::OneRule>(), fp::<objfp_alone::OneRule>()),
            (
                fp::<with_serde::Defaulted>(),
                fp::<objfp_alone::Defaulted>(),
            ),
            (fp::<with_serde::Defaults>(), fp::<objfp_alone::Defaults>()),
            (
                fp::<with_serde::Transparent>(),
                fp::<objfp_alone::Transparent>(),
            ),
            (fp::<with_serde::FromInto>(), fp::<objfp_alone::FromInto>()),
            (fp::<with_serde::Checked>(), fp::<objfp_alone::Checked>()),
            (
                fp::<with_serde::Bounded<u8>>(),
                fp::<objfp_alone::Bounded<u8>>(),
            ),
            (
                fp::<with_serde::SplitBound<u8>>(),
                fp::<objfp_alone::SplitBound<u8>>(),
            ),
            (fp::<with_serde::OwnCrate>(), fp::<objfp_alone::OwnCrate>()),
            (
                fp::<with_serde::Configured>(),
                fp::<objfp_alone::Configured>(),
            ),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_eq!(a, b, "pair {i}");
        }
    }
}

mod enums {
    use super::*;

    both_ways! { with_serde, objfp_alone, (serde::Serialize, serde::Deserialize);
        #[serde(tag = "type", rename_all = "snake_case", rename_all_fields = "camelCase")]
        pub enum Internal {
            Started { at_time: u64 },
            Moved(Point),
            Stopped,
            #[serde(rename_all = "UPPERCASE")]
            Shouting { long_name: u8 },
            #[serde(other)]
            Unknown,
        }

        pub struct Point {
            pub x: i32,
        }

        #[serde(tag = "t", content = "c", deny_unknown_fields)]
        pub enum Adjacent {
            Pair(u8, u8),
            One(u8),
            Named { a: u8 },
            Nothing,
        }

        #[serde(untagged)]
        pub enum Untagged {
            Number(u64),
            Text(String),
            Pair(u8, u8),
            Named { a: u8 },
        }

        pub enum UntaggedLast {
            Tagged(u8),
            Other,
            #[serde(untagged)]
            Fallback(String),
            #[serde(untagged)]
            Anything(u64),
        }

        pub enum Variants {
            #[serde(rename = "first")]
            A,
            #[serde(rename(serialize = "second", deserialize = "zwei"))]
            B,
            #[serde(alias = "drei", alias = "trois")]
            C,
            #[serde(skip)]
            D,
            #[serde(skip_serializing)]
            E,
            #[serde(skip_deserializing)]
            F(u8),
            #[serde(bound = "")]
            G { a: u8 },
        }

        #[serde(remote = "Self")]
        pub enum RemoteSelf {
            A,
        }
    }

    both_ways! { de_with_serde, de_objfp_alone, (serde::Deserialize);
        #[serde(variant_identifier)]
        pub enum Kind {
            Started,
            Stopped,
        }

        #[serde(field_identifier, rename_all = "lowercase")]
        pub enum FieldName {
            Secs,
            Nanos,
            #[serde(other)]
            Unknown,
        }

        #[serde(field_identifier)]
        pub enum FieldCatchAll {
            Secs,
            Other(String),
        }
    }

    #[test]
    fn representations_do_what_serde_documents() {
        use de_with_serde::*;
        use with_serde::*;
        assert_eq!(
            serde_json::to_value(Internal::Started { at_time: 1 }).unwrap(),
            json!({"type": "started", "atTime": 1})
        );
        assert!(matches!(
            serde_json::from_value::<Internal>(json!({"type": "new"})).unwrap(),
            Internal::Unknown
        ));
        assert_eq!(
            serde_json::to_value(Adjacent::Pair(1, 2)).unwrap(),
            json!({"t": "Pair", "c": [1, 2]})
        );
        assert_eq!(serde_json::to_value(Untagged::Number(3)).unwrap(), json!(3));
        assert!(matches!(
            serde_json::from_value::<UntaggedLast>(json!("x")).unwrap(),
            UntaggedLast::Fallback(_)
        ));
        assert!(matches!(
            serde_json::from_value::<Variants>(json!("trois")).unwrap(),
            Variants::C
        ));
        assert!(matches!(
            serde_json::from_value::<Variants>(json!("zwei")).unwrap(),
            Variants::B
        ));
        assert!(matches!(
            serde_json::from_value::<FieldName>(json!("nanos")).unwrap(),
            FieldName::Nanos
        ));
        assert!(matches!(
            serde_json::from_value::<FieldCatchAll>(json!("x")).unwrap(),
            FieldCatchAll::Other(_)
        ));
        assert!(matches!(
            serde_json::from_value::<Kind>(json!("Stopped")).unwrap(),
            Kind::Stopped
        ));
    }

    #[test]
    fn the_same_fingerprint_with_and_without_serde_derive() {
        let pairs = [
            (fp::<with_serde::Internal>(), fp::<objfp_alone::Internal>()),
            (fp::<with_serde::Adjacent>(), fp::<objfp_alone::Adjacent>()),
            (fp::<with_serde::Untagged>(), fp::<objfp_alone::Untagged>()),
            (
                fp::<with_serde::UntaggedLast>(),
                fp::<objfp_alone::UntaggedLast>(),
            ),
            (fp::<with_serde::Variants>(), fp::<objfp_alone::Variants>()),
            (
                fp::<with_serde::RemoteSelf>(),
                fp::<objfp_alone::RemoteSelf>(),
            ),
            (fp::<de_with_serde::Kind>(), fp::<de_objfp_alone::Kind>()),
            (
                fp::<de_with_serde::FieldName>(),
                fp::<de_objfp_alone::FieldName>(),
            ),
            (
                fp::<de_with_serde::FieldCatchAll>(),
                fp::<de_objfp_alone::FieldCatchAll>(),
            ),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_eq!(a, b, "pair {i}");
        }
    }
}

mod fields {
    use super::*;
    use std::borrow::Cow;

    both_ways! { with_serde, objfp_alone, (serde::Serialize, serde::Deserialize);
        pub struct Named {
            #[serde(rename = "id")]
            pub order_id: u64,
            #[serde(rename(serialize = "out", deserialize = "in"))]
            pub two_names: u8,
            #[serde(alias = "colour", alias = "couleur")]
            pub color: String,
            #[serde(default)]
            pub count: u32,
            #[serde(default = "funcs::seven", skip_serializing_if = "funcs::is_zero")]
            pub seven: u32,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
            #[serde(skip)]
            pub cache: u64,
            #[serde(skip_serializing)]
            pub write_only: u8,
            #[serde(skip_deserializing)]
            pub read_only: u8,
            #[serde(with = "funcs::decimal")]
            #[fingerprint(as = "String")]
            pub decimal: u64,
            #[serde(
                serialize_with = "funcs::decimal::serialize",
                deserialize_with = "funcs::decimal::deserialize"
            )]
            #[fingerprint(as = "String")]
            pub split: u64,
            #[serde(rename = "type")]
            pub r#type: u8,
            #[serde(flatten)]
            pub extra: std::collections::BTreeMap<String, u64>,
        }

        pub struct FieldBound<T> {
            #[serde(bound(serialize = "T: serde::Serialize", deserialize = "T: serde::Deserialize<'de>"))]
            pub value: T,
        }

        pub struct Borrowed<'a, 'b> {
            pub text: &'a str,
            #[serde(borrow)]
            pub cow: Cow<'a, str>,
            #[serde(borrow = "'b")]
            pub other: Cow<'b, str>,
        }

        pub enum BorrowVariant<'a> {
            #[serde(borrow)]
            Text(Cow<'a, str>),
        }

        pub struct Tuple(pub u8, #[serde(default)] pub u8, #[serde(skip)] pub u8, #[serde(default)] pub u8);

        pub struct Newtype(#[serde(rename = "ignored_for_tuples")] pub u8);

        pub struct Multi {
            #[serde(rename(deserialize = "a", deserialize = "b"))]
            pub x: u8,
        }
    }

    /// serde's remote derive with private fields read through getters (serde.rs/remote-derive).
    pub mod other_crate {
        pub struct Duration {
            secs: i64,
            nanos: i32,
        }

        impl Duration {
            pub fn new(secs: i64, nanos: i32) -> Self {
                Duration { secs, nanos }
            }

            pub fn seconds(&self) -> i64 {
                self.secs
            }

            pub fn subsec_nanos(&self) -> i32 {
                self.nanos
            }
        }
    }

    both_ways! { remote_with_serde, remote_objfp_alone, (serde::Serialize, serde::Deserialize);
        #[serde(remote = "other_crate::Duration")]
        pub struct DurationDef {
            #[serde(getter = "other_crate::Duration::seconds")]
            pub secs: i64,
            #[serde(getter = "other_crate::Duration::subsec_nanos")]
            pub nanos: i32,
        }
    }

    impl From<remote_with_serde::DurationDef> for other_crate::Duration {
        fn from(def: remote_with_serde::DurationDef) -> Self {
            other_crate::Duration::new(def.secs, def.nanos)
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Process {
        #[serde(with = "remote_with_serde::DurationDef")]
        wall_time: other_crate::Duration,
    }

    #[test]
    fn field_attributes_do_what_serde_documents() {
        use with_serde::*;
        let value = json!({
            "id": 1, "in": 2, "couleur": "red", "decimal": "10", "split": "11",
            "type": 3, "left": 4, "write_only": 5,
        });
        let named: Named = serde_json::from_value(value).unwrap();
        assert_eq!((named.order_id, named.two_names, named.seven), (1, 2, 7));
        assert_eq!((named.count, named.decimal, named.split), (0, 10, 11));
        assert_eq!(named.extra.get("left"), Some(&4));
        let written = serde_json::to_value(&named).unwrap();
        assert_eq!(written["out"], json!(2));
        assert_eq!(written["decimal"], json!("10"));
        assert!(written.get("note").is_none() && written.get("cache").is_none());
        assert!(written.get("write_only").is_none());

        let borrowed: Borrowed = serde_json::from_str(r#"{"text":"a","cow":"b","other":"c"}"#)
            .expect("borrows from the input");
        assert!(matches!(borrowed.cow, Cow::Borrowed("b")));
        assert!(matches!(borrowed.other, Cow::Borrowed("c")));

        let tuple: Tuple = serde_json::from_value(json!([1])).unwrap();
        assert_eq!((tuple.0, tuple.1, tuple.3), (1, 0, 0));

        let multi: Multi = serde_json::from_value(json!({"b": 1})).unwrap();
        assert_eq!(multi.x, 1);

        let process = Process {
            wall_time: other_crate::Duration::new(3, 4),
        };
        assert_eq!(
            serde_json::to_value(&process).unwrap(),
            json!({"wall_time": {"secs": 3, "nanos": 4}})
        );
        let back: Process =
            serde_json::from_value(json!({"wall_time": {"secs": 5, "nanos": 6}})).unwrap();
        assert_eq!(back.wall_time.seconds(), 5);
    }

    #[test]
    fn the_same_fingerprint_with_and_without_serde_derive() {
        let pairs = [
            (fp::<with_serde::Named>(), fp::<objfp_alone::Named>()),
            (
                fp::<with_serde::FieldBound<u8>>(),
                fp::<objfp_alone::FieldBound<u8>>(),
            ),
            (
                fp::<with_serde::Borrowed<'static, 'static>>(),
                fp::<objfp_alone::Borrowed<'static, 'static>>(),
            ),
            (
                fp::<with_serde::BorrowVariant<'static>>(),
                fp::<objfp_alone::BorrowVariant<'static>>(),
            ),
            (fp::<with_serde::Tuple>(), fp::<objfp_alone::Tuple>()),
            (fp::<with_serde::Newtype>(), fp::<objfp_alone::Newtype>()),
            (fp::<with_serde::Multi>(), fp::<objfp_alone::Multi>()),
            (
                fp::<remote_with_serde::DurationDef>(),
                fp::<remote_objfp_alone::DurationDef>(),
            ),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_eq!(a, b, "pair {i}");
        }
    }
}
