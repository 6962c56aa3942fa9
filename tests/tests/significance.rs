//! What changes a fingerprint and what does not (SPEC.md §1, §12). Types compared live in
//! separate modules under the same name, so only the point under test differs.
#![allow(dead_code, clippy::disallowed_names)]

use objfp::{Fingerprint, TypeFingerprint};

fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    T::FINGERPRINT
}

mod base {
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub note: String,
    }
}

// ---- significant -------------------------------------------------------------------

#[test]
fn field_name_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        id: u64,
        memo: String,
    }
    assert_ne!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn field_order_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        note: String,
        id: u64,
    }
    assert_ne!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn field_type_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        id: u64,
        note: Vec<u8>,
    }
    assert_ne!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn adding_a_field_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        id: u64,
        note: String,
        extra: bool,
    }
    assert_ne!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn struct_kind_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Named {
        a: u8,
    }
    #[derive(TypeFingerprint)]
    struct Tuple(u8);
    #[derive(TypeFingerprint)]
    struct Unit;
    #[derive(TypeFingerprint)]
    struct EmptyNamed {}
    #[derive(TypeFingerprint)]
    struct EmptyTuple();
    let all = [
        fp::<Named>(),
        fp::<Tuple>(),
        fp::<Unit>(),
        fp::<EmptyNamed>(),
        fp::<EmptyTuple>(),
    ];
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert_ne!(a, b);
        }
    }
    crate::lock_round_trip!(Named, Tuple, Unit, EmptyNamed, EmptyTuple);
}

mod enums {
    pub mod base {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64 },
            Renamed(String),
            Deleted,
        }
    }
    pub mod variant_renamed {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Made { id: u64 },
            Renamed(String),
            Deleted,
        }
    }
    pub mod variants_reordered {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Renamed(String),
            Created { id: u64 },
            Deleted,
        }
    }
    pub mod variant_kind_changed {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created(u64),
            Renamed(String),
            Deleted,
        }
    }
    pub mod payload_changed {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u32 },
            Renamed(String),
            Deleted,
        }
    }
    pub mod variant_added {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64 },
            Renamed(String),
            Deleted,
            Restored,
        }
    }
}

#[test]
fn variant_name_changes_fingerprint() {
    assert_ne!(
        fp::<enums::variant_renamed::Event>(),
        fp::<enums::base::Event>()
    );
}

#[test]
fn variant_order_changes_fingerprint() {
    assert_ne!(
        fp::<enums::variants_reordered::Event>(),
        fp::<enums::base::Event>()
    );
}

#[test]
fn variant_kind_changes_fingerprint() {
    assert_ne!(
        fp::<enums::variant_kind_changed::Event>(),
        fp::<enums::base::Event>()
    );
}

#[test]
fn variant_payload_changes_fingerprint() {
    assert_ne!(
        fp::<enums::payload_changed::Event>(),
        fp::<enums::base::Event>()
    );
}

#[test]
fn adding_a_variant_changes_fingerprint() {
    assert_ne!(
        fp::<enums::variant_added::Event>(),
        fp::<enums::base::Event>()
    );
}

mod discriminants {
    pub mod implicit {
        #[derive(objfp::TypeFingerprint)]
        pub enum Level {
            Low,
            High,
        }
    }
    pub mod explicit_same_values {
        #[derive(objfp::TypeFingerprint)]
        pub enum Level {
            Low = 0,
            High = 1,
        }
    }
    pub mod explicit_other_values {
        #[derive(objfp::TypeFingerprint)]
        pub enum Level {
            Low = 0,
            High = 2,
        }
    }
    pub mod repr_u8 {
        #[derive(objfp::TypeFingerprint)]
        #[repr(u8)]
        pub enum Level {
            Low = 0,
            High = 2,
        }
    }
    pub mod repr_u16 {
        #[derive(objfp::TypeFingerprint)]
        #[repr(u16)]
        pub enum Level {
            Low = 0,
            High = 2,
        }
    }
    pub mod repr_usize {
        #[derive(objfp::TypeFingerprint)]
        #[repr(usize)]
        pub enum Level {
            Low = 0,
            High = 2,
        }
    }
    pub mod repr_u64 {
        #[derive(objfp::TypeFingerprint)]
        #[repr(u64)]
        pub enum Level {
            Low = 0,
            High = 2,
        }
    }
    pub mod implicit_after_explicit {
        #[derive(objfp::TypeFingerprint)]
        #[repr(u64)]
        pub enum Level {
            Low = 0,
            High = 2,
            Higher,
        }
    }
    pub mod explicit_after_explicit {
        #[derive(objfp::TypeFingerprint)]
        #[repr(u64)]
        pub enum Level {
            Low = 0,
            High = 2,
            Higher = 3,
        }
    }
}

#[test]
fn explicit_discriminant_values_change_fingerprint() {
    use discriminants::*;
    assert_ne!(
        fp::<explicit_other_values::Level>(),
        fp::<explicit_same_values::Level>()
    );
    // Declaring discriminants at all is significant: serde_repr writes them.
    assert_ne!(fp::<explicit_same_values::Level>(), fp::<implicit::Level>());
}

#[test]
fn repr_changes_fingerprint() {
    use discriminants::*;
    assert_ne!(fp::<repr_u8::Level>(), fp::<repr_u16::Level>());
    assert_ne!(fp::<repr_u8::Level>(), fp::<explicit_other_values::Level>());
}

#[test]
fn repr_usize_is_repr_u64_as_serde_repr_writes_it() {
    use discriminants::*;
    assert_eq!(fp::<repr_usize::Level>(), fp::<repr_u64::Level>());
}

#[test]
fn implicit_discriminant_counts_up_from_the_previous_one() {
    use discriminants::*;
    assert_eq!(
        fp::<implicit_after_explicit::Level>(),
        fp::<explicit_after_explicit::Level>()
    );
}

#[test]
fn array_length_changes_fingerprint() {
    assert_ne!(fp::<[u8; 4]>(), fp::<[u8; 5]>());
}

#[test]
fn integer_width_and_signedness_change_fingerprint() {
    let ints = [
        fp::<u8>(),
        fp::<u16>(),
        fp::<u32>(),
        fp::<u64>(),
        fp::<i8>(),
        fp::<i16>(),
        fp::<i32>(),
        fp::<i64>(),
        fp::<u128>(),
        fp::<i128>(),
    ];
    for (i, a) in ints.iter().enumerate() {
        for b in &ints[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn option_changes_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        id: u64,
        note: Option<String>,
    }
    assert_ne!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn sequence_differs_from_fixed_array() {
    assert_ne!(fp::<Vec<u8>>(), fp::<[u8; 4]>());
    #[derive(TypeFingerprint)]
    struct A {
        bytes: Vec<u8>,
    }
    #[derive(TypeFingerprint)]
    struct B {
        bytes: [u8; 32],
    }
    assert_ne!(fp::<A>(), fp::<B>());
    crate::lock_round_trip!(A, B);
}

// ---- composition ---------------------------------------------------------------------

mod deep_v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub cents: u32,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Line {
        pub price: Price,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub lines: Vec<Line>,
    }
}

mod deep_v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub cents: u64,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Line {
        pub price: Price,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub lines: Vec<Line>,
    }
}

#[test]
fn change_three_levels_deep_changes_the_root() {
    assert_ne!(fp::<deep_v1::Price>(), fp::<deep_v2::Price>());
    assert_ne!(fp::<deep_v1::Line>(), fp::<deep_v2::Line>());
    assert_ne!(fp::<deep_v1::Order>(), fp::<deep_v2::Order>());
}

#[test]
fn composition_uses_the_referenced_fingerprint() {
    // A field of type `Price` contributes fp(Price), so a struct with a field of a
    // structurally equal type under another name has the same fingerprint.
    #[derive(TypeFingerprint)]
    struct Cost {
        cents: u32,
    }
    #[derive(TypeFingerprint)]
    struct Line {
        price: Cost,
    }
    assert_eq!(fp::<Line>(), fp::<deep_v1::Line>());
    crate::lock_round_trip!(Cost, Line);
}

// ---- not significant -------------------------------------------------------------------

#[test]
fn doc_comments_comments_and_formatting_do_not_change_fingerprint() {
    /// An order.
    ///
    /// With a long doc comment.
    #[derive(TypeFingerprint)]
    struct Order {
        /// The id.
        id: u64, // a comment
        /* another */ note: String,
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn visibility_does_not_change_fingerprint() {
    #[derive(TypeFingerprint)]
    pub(crate) struct Order {
        pub id: u64,
        pub(crate) note: String,
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

mod elsewhere {
    pub mod deeper {
        #[derive(objfp::TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub note: String,
        }
    }
}

#[test]
fn module_path_does_not_change_fingerprint() {
    assert_eq!(fp::<elsewhere::deeper::Order>(), fp::<base::Order>());
}

#[test]
fn type_name_does_not_change_fingerprint() {
    #[derive(TypeFingerprint)]
    struct PurchaseOrder {
        id: u64,
        note: String,
    }
    assert_eq!(fp::<PurchaseOrder>(), fp::<base::Order>());
    crate::lock_round_trip!(PurchaseOrder);
}

#[test]
fn generic_parameter_and_lifetime_names_do_not_change_fingerprint() {
    #[derive(TypeFingerprint)]
    struct A<'a, T> {
        value: T,
        name: &'a str,
    }
    #[derive(TypeFingerprint)]
    struct B<'long, Item> {
        value: Item,
        name: &'long str,
    }
    assert_eq!(fp::<A<'static, u8>>(), fp::<B<'static, u8>>());
    assert_ne!(fp::<A<'static, u8>>(), fp::<A<'static, u16>>());
    crate::lock_round_trip!(A<'static, u8>, B<'static, u8>);
}

#[test]
fn how_a_type_is_spelled_does_not_change_fingerprint() {
    type Id = u64;
    type Text = std::string::String;
    #[derive(TypeFingerprint)]
    struct Order {
        id: core::primitive::u64,
        note: ::std::string::String,
    }
    #[derive(TypeFingerprint)]
    struct Aliased {
        id: Id,
        note: Text,
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    assert_eq!(fp::<Aliased>(), fp::<base::Order>());
    assert_eq!(fp::<Vec<u8>>(), fp::<std::vec::Vec<u8>>());
    assert_eq!(fp::<alloc_vec::Vec<u8>>(), fp::<Vec<u8>>());
    crate::lock_round_trip!(Order, Aliased);
}

extern crate alloc as alloc_crate;
mod alloc_vec {
    pub use super::alloc_crate::vec::Vec;
}

#[test]
fn inherent_methods_and_other_derives_do_not_change_fingerprint() {
    #[derive(TypeFingerprint, Debug, Clone, PartialEq, Default)]
    struct Order {
        id: u64,
        note: String,
    }
    impl Order {
        fn total(&self) -> u64 {
            self.id
        }
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn attributes_without_wire_effect_do_not_change_fingerprint() {
    #[derive(TypeFingerprint)]
    #[allow(clippy::all)]
    #[must_use]
    #[repr(C)]
    struct Order {
        #[allow(unused)]
        id: u64,
        #[deprecated]
        note: String,
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

#[test]
fn fields_removed_by_cfg_do_not_change_fingerprint() {
    #[derive(TypeFingerprint)]
    struct Order {
        id: u64,
        #[cfg(any())]
        debug_only: Vec<String>,
        note: String,
    }
    assert_eq!(fp::<Order>(), fp::<base::Order>());
    crate::lock_round_trip!(Order);
}

// ---- the associated const ------------------------------------------------------------------

const ORDER: Fingerprint = <base::Order as TypeFingerprint>::FINGERPRINT;

#[test]
fn fingerprint_is_usable_in_const() {
    const SAME: bool = ORDER.eq(&<elsewhere::deeper::Order as TypeFingerprint>::FINGERPRINT);
    // Checked while compiling: a failure here is a build error.
    const { assert!(SAME) };
}

#[test]
fn description_matches_fingerprint_and_lists_fields() {
    let d = base::Order::DESCRIPTION;
    assert_eq!(d.fingerprint, ORDER);
    assert_eq!(d.name, "Order");
    let objfp::Shape::Struct(s) = &d.shape else {
        panic!("a struct describes as a struct")
    };
    let names: Vec<_> = s.fields.iter().map(|f| f.name).collect();
    assert_eq!(names, ["id", "note"]);
    assert_eq!((s.fields.get(0).unwrap().ty)().fingerprint, fp::<u64>());
}

#[test]
fn description_of_a_generic_instantiation_lists_its_arguments() {
    #[derive(TypeFingerprint)]
    struct Wrap<T> {
        inner: T,
    }
    let d = <Wrap<u32>>::DESCRIPTION;
    let args: Vec<_> = d.args.iter().map(|a| a().name).collect();
    assert_eq!(args, ["u32"]);
    assert_eq!(objfp::diff::type_name(d), "Wrap<u32>");
    crate::lock_round_trip!(Wrap<u8>);
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(
    base::Order,
    enums::base::Event,
    enums::variant_renamed::Event,
    enums::variants_reordered::Event,
    enums::variant_kind_changed::Event,
    enums::payload_changed::Event,
    enums::variant_added::Event,
    discriminants::implicit::Level,
    discriminants::explicit_same_values::Level,
    discriminants::explicit_other_values::Level,
    discriminants::repr_u8::Level,
    discriminants::repr_u16::Level,
    discriminants::repr_usize::Level,
    discriminants::repr_u64::Level,
    discriminants::implicit_after_explicit::Level,
    discriminants::explicit_after_explicit::Level,
    deep_v1::Price,
    deep_v1::Line,
    deep_v1::Order,
    deep_v2::Price,
    deep_v2::Line,
    deep_v2::Order,
    elsewhere::deeper::Order
);
