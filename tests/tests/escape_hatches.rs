//! Types objfp cannot see into (SPEC.md §11): `#[fingerprint(skip | as | opaque)]` on
//! fields, `opaque` on a type, and implementing the trait by hand.
#![allow(dead_code)]

use objfp::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    T::FINGERPRINT
}

/// A foreign type objfp knows nothing about, serialized as a string.
struct Url(String);

#[derive(TypeFingerprint)]
struct Plain {
    id: u64,
}

#[derive(TypeFingerprint)]
struct WithUrl {
    id: u64,
    #[fingerprint(as = "String")]
    home: Url,
}

#[derive(TypeFingerprint)]
struct WithString {
    id: u64,
    home: String,
}

#[test]
fn as_fingerprints_the_field_as_the_named_type() {
    assert_eq!(fp::<WithUrl>(), fp::<WithString>());
}

#[derive(TypeFingerprint)]
struct WithSkipped {
    id: u64,
    #[fingerprint(skip)]
    cache: Url,
}

#[test]
fn skip_leaves_the_field_out() {
    assert_eq!(fp::<WithSkipped>(), fp::<Plain>());
}

#[derive(TypeFingerprint)]
struct WithOpaqueA {
    id: u64,
    #[fingerprint(opaque = "rfc3339")]
    at: Url,
}

#[derive(TypeFingerprint)]
struct WithOpaqueB {
    id: u64,
    #[fingerprint(opaque = "unix-seconds")]
    at: Url,
}

#[test]
fn opaque_field_is_the_named_shape() {
    assert_ne!(fp::<WithOpaqueA>(), fp::<WithOpaqueB>());
    let objfp::Shape::Struct(s) = &WithOpaqueA::DESCRIPTION.shape else {
        unreachable!()
    };
    let at = (s.fields.get(1).unwrap().ty)();
    assert!(matches!(at.shape, Shape::Opaque("rfc3339")));
    assert_eq!(at.fingerprint, encoding::opaque("rfc3339"));
}

#[derive(TypeFingerprint)]
#[fingerprint(opaque = "rfc3339")]
struct Timestamp(i64);

mod renamed_module {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(opaque = "rfc3339")]
    pub struct Instant(pub i64);
}

#[test]
fn opaque_type_is_the_named_shape_whatever_its_module_or_name() {
    assert_eq!(fp::<Timestamp>(), encoding::opaque("rfc3339"));
    assert_eq!(fp::<Timestamp>(), fp::<renamed_module::Instant>());
    assert_ne!(fp::<Timestamp>(), encoding::opaque("rfc3339 "));
}

/// Implemented by hand, as a crate with a custom `Serialize` would.
struct Money {
    cents: i64,
}

impl TypeFingerprint for Money {
    const FINGERPRINT: Fingerprint = encoding::opaque("decimal-string");
    const DESCRIPTION: &'static Description = &Description {
        name: "Money",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Opaque("decimal-string"),
    };
}

#[derive(TypeFingerprint)]
struct Invoice {
    total: Money,
}

#[derive(TypeFingerprint)]
struct Invoice2 {
    #[fingerprint(opaque = "decimal-string")]
    total: i64,
}

#[test]
fn hand_written_impl_composes_like_a_derived_one() {
    assert_eq!(fp::<Invoice>(), fp::<Invoice2>());
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(
    Plain,
    WithUrl,
    WithString,
    WithSkipped,
    WithOpaqueA,
    WithOpaqueB,
    Timestamp,
    renamed_module::Instant,
    Invoice,
    Invoice2
);
