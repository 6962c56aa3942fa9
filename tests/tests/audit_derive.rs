//! The derive findings of the outside audit (issue 11) and the real-crate trial (issue 12),
//! one test per finding, named after it. Each failed before its fix. Wire claims are
//! checked against serde_json and postcard.
#![allow(dead_code)]

mod support;

use objfp::{Fingerprint, Shape, TypeFingerprint};
use serde::Serialize;
use serde_json::Value;
use support::fp;

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn postcard<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap()
}

// ---------------------------------------------------------------------------------------
// Finding 8: a skipped field (or one fingerprinted `as` another type) that mentions the
// type itself, or `PhantomData<Self>`, does not make the type a recursion group: the wire
// shape is that of the type without it.

mod finding_08 {
    use std::marker::PhantomData;

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Plain {
        pub id: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct SkippedParent {
        pub id: u64,
        #[serde(skip)]
        pub parent: Option<Box<Self>>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct SkippedByName {
        pub id: u64,
        #[fingerprint(skip)]
        #[serde(skip)]
        pub parent: Option<Box<SkippedByName>>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct WithPhantom {
        pub id: u64,
        pub marker: PhantomData<Self>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct PlainWithUnit {
        pub id: u64,
        pub marker: PhantomData<()>,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct AsOther {
        pub id: u64,
        #[fingerprint(as = "u32")]
        pub parent: Option<Box<Self>>,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct AsOtherPlain {
        pub id: u64,
        pub parent: u32,
    }
}

#[test]
fn finding_08_skipped_or_phantom_self_reference_is_not_recursion() {
    use finding_08::*;
    assert_eq!(fp::<SkippedParent>(), fp::<Plain>());
    assert_eq!(fp::<SkippedByName>(), fp::<Plain>());
    assert_eq!(
        to_json(&SkippedParent {
            id: 1,
            parent: None
        }),
        to_json(&Plain { id: 1 })
    );
    assert_eq!(fp::<WithPhantom>(), fp::<PlainWithUnit>());
    assert_eq!(fp::<AsOther>(), fp::<AsOtherPlain>());
}

// ---------------------------------------------------------------------------------------
// Finding 9: serde never writes the Rust name of a `#[serde(flatten)]` field, and
// `rename_all` does not reach it.

mod finding_09 {
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Meta {
        pub trace: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct A {
        pub id: u64,
        #[serde(flatten)]
        pub meta: Meta,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub struct B {
        #[serde(rename = "id")]
        pub id: u64,
        #[serde(flatten)]
        pub extensions_and_more: Meta,
    }
}

#[test]
fn finding_09_flattened_field_name_is_not_significant() {
    use finding_09::*;
    let a = A {
        id: 1,
        meta: Meta { trace: 7 },
    };
    let b = B {
        id: 1,
        extensions_and_more: Meta { trace: 7 },
    };
    assert_eq!(to_json(&a), to_json(&b));
    assert_eq!(fp::<A>(), fp::<B>());
}

// ---------------------------------------------------------------------------------------
// Finding 10: a skipped variant after all others moves no index: appending one does not
// change the fingerprint. One before a live variant does (the live one's index moves).

mod finding_10 {
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub enum Before {
        A,
        B(u8),
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub enum AppendedSkip {
        A,
        B(u8),
        #[serde(skip)]
        Internal,
        #[serde(skip)]
        Other(u32),
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub enum InsertedSkip {
        A,
        #[serde(skip)]
        Internal,
        B(u8),
    }
}

#[test]
fn finding_10_appended_skipped_variant_is_not_a_change() {
    use finding_10::*;
    assert_eq!(fp::<Before>(), fp::<AppendedSkip>());
    assert_eq!(postcard(&Before::B(3)), postcard(&AppendedSkip::B(3)));
    // An inserted one moves `B` from index 1 to 2, which compact formats write.
    assert_ne!(fp::<Before>(), fp::<InsertedSkip>());
    assert_ne!(postcard(&Before::B(3)), postcard(&InsertedSkip::B(3)));
    let Shape::Enum(e) = AppendedSkip::DESCRIPTION.shape else {
        unreachable!()
    };
    assert_eq!(e.variants.len(), 2);
}

// ---------------------------------------------------------------------------------------
// Finding 19: `cycle(Self)` compiles, and is the same as plain self-recursion.

mod finding_19 {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Self))]
    pub enum Declared {
        Nil,
        Cons(u32, Box<Declared>),
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum Found {
        Nil,
        Cons(u32, Box<Found>),
    }
}

#[test]
fn finding_19_cycle_of_self_is_self_recursion() {
    assert_eq!(fp::<finding_19::Declared>(), fp::<finding_19::Found>());
}

// ---------------------------------------------------------------------------------------
// Issue 12, class 1: `deserialize_with` alone. The field is written by its declared type;
// the function only decides what is accepted, which is recorded by name.

mod deserialize_with_alone {
    use serde::{Deserialize, Deserializer};

    pub fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        u64::deserialize(d)
    }

    pub fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        u64::deserialize(d)
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct Plain {
        pub id: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct Lenient {
        #[serde(deserialize_with = "lenient")]
        pub id: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct LenientByPath {
        #[serde(deserialize_with = "crate::deserialize_with_alone::lenient")]
        pub id: u64,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct Strict {
        #[serde(deserialize_with = "strict")]
        pub id: u64,
    }

    /// The case the trial met 32 times: an extensions map, flattened.
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct WithExtensions {
        pub id: u64,
        #[serde(
            flatten,
            deserialize_with = "crate::deserialize_with_alone::extensions"
        )]
        pub extensions: std::collections::BTreeMap<String, serde_json::Value>,
    }

    pub fn extensions<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<std::collections::BTreeMap<String, serde_json::Value>, D::Error> {
        std::collections::BTreeMap::deserialize(d)
    }
}

#[test]
fn deserialize_with_alone_is_the_field_type_plus_the_function_name() {
    use deserialize_with_alone::*;
    // Written exactly like the plain field.
    assert_eq!(to_json(&Lenient { id: 5 }), to_json(&Plain { id: 5 }));
    let Shape::Struct(s) = Lenient::DESCRIPTION.shape else {
        unreachable!()
    };
    let id = s.fields.get(0).unwrap();
    assert_eq!((id.ty)().fingerprint, fp::<u64>());
    assert_eq!(id.attrs.get("deserialize_with"), Some("lenient"));
    // The function counts, by name, not by path.
    assert_ne!(fp::<Lenient>(), fp::<Plain>());
    assert_ne!(fp::<Lenient>(), fp::<Strict>());
    assert_eq!(fp::<Lenient>(), fp::<LenientByPath>());
    // The flattened map derives without an annotation.
    let Shape::Struct(s) = WithExtensions::DESCRIPTION.shape else {
        unreachable!()
    };
    let ext = s.fields.get(1).unwrap();
    assert_eq!(ext.name, "");
    assert_eq!(ext.attrs.get("deserialize_with"), Some("extensions"));
    assert_eq!(ext.attrs.get("flatten"), Some(""));
}

// ---------------------------------------------------------------------------------------
// Finding 20: an opaque type's fields do not matter, so a custom serializer on one is no
// error.

mod finding_20 {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(opaque = "money-decimal-string")]
    pub enum Money {
        #[serde(with = "decimal")]
        Amount(u64),
        Other(#[serde(serialize_with = "decimal::serialize")] u64),
    }
}

#[test]
fn finding_20_opaque_type_with_custom_serializer_field() {
    assert_eq!(
        fp::<finding_20::Money>(),
        objfp::encoding::opaque("money-decimal-string")
    );
}

// ---------------------------------------------------------------------------------------
// Finding 18: a field `<T as Iterator>::Item` asks for `Item: TypeFingerprint`, not for
// `T: TypeFingerprint` (an iterator has no fingerprint); a field written as a macro type
// using `T` is bounded as a whole.

mod finding_18 {
    #[derive(objfp::TypeFingerprint)]
    pub struct FirstItem<T: Iterator> {
        pub first: <T as Iterator>::Item,
    }

    macro_rules! boxed {
        ($t:ty) => { Box<$t> };
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct ViaMacro<T> {
        pub value: boxed!(T),
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct First {
        pub first: u8,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Value {
        pub value: u8,
    }
}

#[test]
fn finding_18_projection_and_macro_fields_are_bounded_as_written() {
    // `std::vec::IntoIter<u8>` has no fingerprint; its items do.
    assert_eq!(
        fp::<finding_18::FirstItem<std::vec::IntoIter<u8>>>(),
        fp::<finding_18::First>()
    );
    assert_eq!(fp::<finding_18::ViaMacro<u8>>(), fp::<finding_18::Value>());
}

// ---------------------------------------------------------------------------------------
// `#[serde(transparent)]` follows serde_derive's choice of field: `PhantomData` does not
// count, and the written and the read field may differ.

mod transparent {
    use std::marker::PhantomData;

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    pub struct WithMarker<T> {
        pub value: u64,
        pub marker: PhantomData<T>,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    #[serde(transparent)]
    pub struct Split {
        #[serde(skip_serializing)]
        pub read: u8,
        #[serde(skip_deserializing)]
        pub written: String,
    }
}

#[test]
fn transparent_follows_serdes_choice_of_field() {
    use transparent::*;
    assert_eq!(fp::<WithMarker<String>>(), fp::<u64>());
    assert_eq!(
        to_json(&WithMarker::<String> {
            value: 7,
            marker: Default::default()
        }),
        serde_json::json!(7)
    );
    // Written as the string, read as the u8.
    let split = Split {
        read: 1,
        written: "w".into(),
    };
    assert_eq!(to_json(&split), serde_json::json!("w"));
    assert_eq!(serde_json::from_str::<Split>("3").unwrap().read, 3);
    assert_eq!(
        fp::<Split>(),
        objfp::encoding::proxy(fp::<String>(), fp::<u8>())
    );
}

/// `Fingerprint` is used by the support module.
fn _uses(_: Fingerprint) {}
