//! `objfp::diff`: structural diffs between two versions of a type, with paths.
#![allow(dead_code)]

mod support;

use objfp::TypeFingerprint;
use objfp::diff::{Change, ChangeKind, diff, type_name};

/// The changes from `A` to `B`, one line each.
fn lines<A: TypeFingerprint, B: TypeFingerprint>() -> Vec<String> {
    diff(A::DESCRIPTION, B::DESCRIPTION)
        .iter()
        .map(Change::to_string)
        .collect()
}

mod v1 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub amount: u32,
        pub currency: String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: Price,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct User {
        pub user_id: u64,
        pub display_name: String,
        pub age: u8,
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum Event {
        Created { id: u64 },
        Deleted(u64),
        Archived,
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u32, Box<List>),
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Meta {
        pub source: String,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Envelope {
        pub meta: Meta,
        pub body: String,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(tag = "type")]
    pub enum Tagged {
        A { x: u8 },
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Shapes {
        pub tags: Vec<u32>,
        pub key: [u8; 16],
        pub pair: (u8, String),
        pub lookup: std::collections::HashMap<String, u32>,
    }

    #[derive(objfp::TypeFingerprint)]
    #[repr(u8)]
    pub enum Code {
        A = 1,
        B = 2,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Id(pub u64);

    #[derive(objfp::TypeFingerprint)]
    pub struct Stamped {
        #[fingerprint(opaque = "rfc3339")]
        pub at: String,
        pub addr: std::net::IpAddr,
    }
}

mod v2 {
    #[derive(objfp::TypeFingerprint)]
    pub struct Price {
        pub amount: u64,
        pub currency: String,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Item {
        pub sku: String,
        pub price: Price,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub items: Vec<Item>,
        pub note: Option<String>,
    }

    pub mod added {
        #[derive(objfp::TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub items: Vec<super::super::v1::Item>,
            pub note: Option<String>,
            pub tags: Vec<String>,
        }
    }

    pub mod removed {
        #[derive(objfp::TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub items: Vec<super::super::v1::Item>,
        }
    }

    pub mod renamed {
        #[derive(objfp::TypeFingerprint)]
        pub struct User {
            pub id: u64,
            pub display_name: String,
            pub age: u8,
        }
    }

    pub mod reordered {
        #[derive(objfp::TypeFingerprint)]
        pub struct User {
            pub display_name: String,
            pub user_id: u64,
            pub age: u8,
        }
    }

    pub mod camel {
        #[derive(objfp::TypeFingerprint, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct User {
            pub user_id: u64,
            pub display_name: String,
            pub age: u8,
        }
    }

    pub mod variant_added {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64 },
            Deleted(u64),
            Archived,
            Restored { at: u64 },
        }
    }

    pub mod variant_inserted {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64 },
            Restored { at: u64 },
            Deleted(u64),
            Archived,
        }
    }

    pub mod variant_removed {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64 },
            Archived,
        }
    }

    pub mod variants_reordered {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Deleted(u64),
            Created { id: u64 },
            Archived,
        }
    }

    pub mod variant_field {
        #[derive(objfp::TypeFingerprint)]
        pub enum Event {
            Created { id: u64, by: String },
            Deleted(i64),
            Archived,
        }
    }

    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u64, Box<List>),
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Envelope {
        #[serde(flatten)]
        pub meta: super::v1::Meta,
        pub body: String,
    }

    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    #[serde(tag = "kind")]
    pub enum Tagged {
        A { x: u8 },
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Shapes {
        pub tags: Option<u32>,
        pub key: [u8; 32],
        pub pair: (u16, String),
        pub lookup: std::collections::HashMap<String, i32>,
    }

    #[derive(objfp::TypeFingerprint)]
    #[repr(u16)]
    pub enum Code {
        A = 1,
        B = 3,
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct Point(pub i32, pub i32);

    #[derive(objfp::TypeFingerprint)]
    pub struct Stamped {
        #[fingerprint(opaque = "unix-seconds")]
        pub at: String,
        pub addr: std::net::Ipv4Addr,
    }

    /// One field on the wire, but a tuple struct by declaration: serde writes `[5]`.
    #[derive(objfp::TypeFingerprint, serde::Serialize)]
    pub struct Id(pub u64, #[serde(skip)] pub u32);
}

#[test]
fn nested_field_type_change_three_levels_down_names_the_path() {
    assert_eq!(
        lines::<v1::Order, v2::Order>(),
        ["Order.items[].price.amount: type changed u32 -> u64"]
    );
}

#[test]
fn change_kind_and_path_are_structured() {
    let changes = diff(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
    assert_eq!(
        changes,
        [Change {
            path: "Order.items[].price.amount".to_owned(),
            kind: ChangeKind::TypeChanged {
                old: "u32".to_owned(),
                new: "u64".to_owned()
            },
        }]
    );
}

#[test]
fn field_added() {
    assert_eq!(
        lines::<v1::Order, v2::added::Order>(),
        ["Order.tags: field added (Vec<string>)"]
    );
}

#[test]
fn field_removed() {
    assert_eq!(
        lines::<v1::Order, v2::removed::Order>(),
        ["Order.note: field removed (Option<string>)"]
    );
}

#[test]
fn field_renamed() {
    assert_eq!(
        lines::<v1::User, v2::renamed::User>(),
        ["User: field renamed user_id -> id"]
    );
}

#[test]
fn fields_reordered() {
    assert_eq!(
        lines::<v1::User, v2::reordered::User>(),
        ["User: fields reordered (user_id, display_name, age) -> (display_name, user_id, age)"]
    );
}

#[test]
fn serde_rename_all_shows_as_renamed_fields() {
    assert_eq!(
        lines::<v1::User, v2::camel::User>(),
        [
            "User: field renamed user_id -> userId",
            "User: field renamed display_name -> displayName",
        ]
    );
}

/// Flattening moves the fields of `Meta` into `Envelope` and drops the key `meta`: serde
/// never writes a flattened field's own name (SPEC.md §6), so it is a removed field and a
/// flattened one, not an attribute change of `meta`.
#[test]
fn serde_flatten_added() {
    assert_eq!(
        lines::<v1::Envelope, v2::Envelope>(),
        [
            "Envelope.meta: field removed (Meta)",
            "Envelope.(flatten): field added (#[serde(flatten)] Meta)",
        ]
    );
}

#[test]
fn serde_container_attribute_changed() {
    assert_eq!(
        lines::<v1::Tagged, v2::Tagged>(),
        [r#"Tagged: serde: changed tag "type" -> "kind""#]
    );
}

#[test]
fn variant_added() {
    assert_eq!(
        lines::<v1::Event, v2::variant_added::Event>(),
        ["Event::Restored: variant added"]
    );
}

#[test]
fn variant_removed() {
    assert_eq!(
        lines::<v1::Event, v2::variant_removed::Event>(),
        [
            "Event::Deleted: variant removed",
            "Event: variant indices changed: Archived 2 -> 1",
        ]
    );
}

#[test]
fn variant_inserted_before_others_renumbers_them() {
    assert_eq!(
        lines::<v1::Event, v2::variant_inserted::Event>(),
        [
            "Event::Restored: variant added",
            "Event: variant indices changed: Deleted 1 -> 2, Archived 2 -> 3",
        ]
    );
}

#[test]
fn variants_reordered() {
    assert_eq!(
        lines::<v1::Event, v2::variants_reordered::Event>(),
        ["Event: variants reordered (Created, Deleted, Archived) -> (Deleted, Created, Archived)"]
    );
}

#[test]
fn changes_inside_variants_use_variant_paths() {
    assert_eq!(
        lines::<v1::Event, v2::variant_field::Event>(),
        [
            "Event::Created.by: field added (string)",
            "Event::Deleted.0: type changed u64 -> i64",
        ]
    );
}

#[test]
fn recursive_types_terminate_and_find_the_change() {
    assert_eq!(
        lines::<v1::List, v2::List>(),
        ["List::Cons.0: type changed u32 -> u64"]
    );
}

#[test]
fn recursive_type_against_itself_is_empty() {
    assert!(lines::<v1::List, v1::List>().is_empty());
}

#[test]
fn identical_types_give_an_empty_diff() {
    assert!(lines::<v1::Order, v1::Order>().is_empty());
    // Same shape under another Rust name: no change.
    #[derive(TypeFingerprint)]
    struct Cost {
        amount: u32,
        currency: String,
    }
    assert!(lines::<v1::Price, Cost>().is_empty());
    lock_round_trip!(Cost);
}

#[test]
fn shapes_arrays_tuples_and_maps() {
    assert_eq!(
        lines::<v1::Shapes, v2::Shapes>(),
        [
            "Shapes.tags: shape changed Vec<u32> -> Option<u32>",
            "Shapes.key: array length changed 16 -> 32",
            "Shapes.pair.0: type changed u8 -> u16",
            "Shapes.lookup{value}: type changed u32 -> i32",
        ]
    );
}

#[test]
fn repr_and_discriminants() {
    assert_eq!(
        lines::<v1::Code, v2::Code>(),
        [
            "Code: repr changed u8 -> u16",
            "Code::B: discriminant changed 2 -> 3",
        ]
    );
}

#[test]
fn struct_kind_changed() {
    assert_eq!(
        lines::<v1::Point, v2::Point>(),
        ["Point: kind changed named -> tuple"]
    );
}

#[test]
fn newtype_to_tuple_is_a_kind_change() {
    assert_eq!(
        lines::<v1::Id, v2::Id>(),
        ["Id: kind changed newtype -> tuple"]
    );
}

#[test]
fn opaque_and_readable_shapes() {
    assert_eq!(
        lines::<v1::Stamped, v2::Stamped>(),
        [
            r#"Stamped.at: opaque name changed "rfc3339" -> "unix-seconds""#,
            // The text of an address has a grammar per type (SPEC.md §5).
            r#"Stamped.addr<human>: opaque name changed "ip-address" -> "ipv4-address""#,
            "Stamped.addr<compact>: shape changed IpAddr -> [u8; 4]",
        ]
    );
}

#[test]
fn type_names_for_people() {
    use std::collections::{BTreeMap, HashMap, VecDeque};
    assert_eq!(type_name(<Vec<v1::Item>>::DESCRIPTION), "Vec<Item>");
    assert_eq!(type_name(<VecDeque<u8>>::DESCRIPTION), "VecDeque<u8>");
    assert_eq!(type_name(<[u16]>::DESCRIPTION), "[u16]");
    assert_eq!(type_name(<Option<String>>::DESCRIPTION), "Option<string>");
    assert_eq!(
        type_name(<HashMap<String, Vec<u32>>>::DESCRIPTION),
        "HashMap<string, Vec<u32>>"
    );
    assert_eq!(
        type_name(<BTreeMap<u8, (u8, bool)>>::DESCRIPTION),
        "BTreeMap<u8, (u8, bool)>"
    );
    assert_eq!(type_name(<[u8; 4]>::DESCRIPTION), "[u8; 4]");
    // A tuple of one type is the array of that type (SPEC.md §5).
    assert_eq!(type_name(<(u8,)>::DESCRIPTION), "[u8; 1]");
    assert_eq!(type_name(<(u8, u8)>::DESCRIPTION), "[u8; 2]");
    assert_eq!(type_name(v1::List::DESCRIPTION), "List");
    assert_eq!(type_name(<Box<v1::List>>::DESCRIPTION), "List");
}

#[test]
fn unchanged_subtrees_are_not_visited() {
    // Only the changed field is reported although `items` and `note` have nested types.
    let changes = diff(v1::Order::DESCRIPTION, v2::added::Order::DESCRIPTION);
    assert_eq!(changes.len(), 1);
    assert!(matches!(changes[0].kind, ChangeKind::FieldAdded { .. }));
}

/// Hand-written named shapes (what the derive emits for `with` helpers such as
/// `chrono::serde::ts_seconds`): the meaning and the inner shape are compared.
mod named {
    use objfp::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

    pub struct Secs;
    impl TypeFingerprint for Secs {
        const FINGERPRINT: Fingerprint = encoding::named("unix-seconds", i64::FINGERPRINT);
        const DESCRIPTION: &'static Description = &Description {
            name: "Secs",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Named {
                name: "unix-seconds",
                inner: || i64::DESCRIPTION,
            },
        };
    }

    pub struct Millis;
    impl TypeFingerprint for Millis {
        const FINGERPRINT: Fingerprint = encoding::named("unix-milliseconds", i64::FINGERPRINT);
        const DESCRIPTION: &'static Description = &Description {
            name: "Millis",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Named {
                name: "unix-milliseconds",
                inner: || i64::DESCRIPTION,
            },
        };
    }

    pub struct SecsU32;
    impl TypeFingerprint for SecsU32 {
        const FINGERPRINT: Fingerprint = encoding::named("unix-seconds", u32::FINGERPRINT);
        const DESCRIPTION: &'static Description = &Description {
            name: "SecsU32",
            args: &[],
            fingerprint: Self::FINGERPRINT,
            shape: Shape::Named {
                name: "unix-seconds",
                inner: || u32::DESCRIPTION,
            },
        };
    }

    #[derive(objfp::TypeFingerprint)]
    pub struct A {
        pub at: Secs,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct B {
        pub at: Millis,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct C {
        pub at: SecsU32,
    }
}

#[test]
fn named_shapes_compare_meaning_and_inner_shape() {
    assert_eq!(
        lines::<named::A, named::B>(),
        [r#"B.at: meaning changed "unix-seconds" -> "unix-milliseconds""#]
    );
    assert_eq!(
        lines::<named::A, named::C>(),
        ["C.at: type changed i64 -> u32"]
    );
}

/// Type names are for people: one whose expression is exponentially long is cut off with
/// `…` after a few hundred bytes instead of being written out (8^24 elements).
#[test]
fn diff_type_names_are_bounded() {
    let name = type_name(&support::shapes::shared::A);
    assert!(name.len() < 600, "{} bytes", name.len());
    assert!(name.starts_with("(((((((((((((((("), "{name}");
    assert!(name.contains('…'), "{name}");
}

crate::lock_round_trip_test!(
    v1::Price,
    v1::Item,
    v1::Order,
    v1::User,
    v1::Event,
    v1::List,
    v1::Meta,
    v1::Envelope,
    v1::Tagged,
    v1::Shapes,
    v1::Code,
    v1::Point,
    v1::Id,
    v1::Stamped,
    v2::Price,
    v2::Item,
    v2::Order,
    v2::added::Order,
    v2::removed::Order,
    v2::renamed::User,
    v2::reordered::User,
    v2::camel::User,
    v2::variant_added::Event,
    v2::variant_inserted::Event,
    v2::variant_removed::Event,
    v2::variants_reordered::Event,
    v2::variant_field::Event,
    v2::List,
    v2::Envelope,
    v2::Tagged,
    v2::Shapes,
    v2::Code,
    v2::Point,
    v2::Stamped,
    v2::Id,
    named::A,
    named::B,
    named::C,
);
