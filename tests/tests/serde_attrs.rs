//! Behaviour tests for every serde attribute objfp reads (SPEC.md §6, §7, §9, §10, §11).
//!
//! Each group compares types that live in sibling modules under the same name (`before`,
//! `after`, ...), so only the attribute under test differs. Every compared type also
//! derives serde's `Serialize` and `Deserialize`, so serde has accepted the attribute, and
//! where the claim is about what serde writes or reads the test checks it with serde_json
//! as well: equal fingerprints must mean equal JSON, and a wire name must be the one the
//! spec says.
#![allow(dead_code)]

use objfp::{Fingerprint, TypeFingerprint};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    T::FINGERPRINT
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

fn accepts<T: DeserializeOwned>(input: Value) -> bool {
    serde_json::from_value::<T>(input).is_ok()
}

/// A serializer that only reports the index and name serde passes for a unit variant:
/// JSON writes the name, compact formats (bincode, postcard) write the index.
mod variant_index {
    use serde::Serialize;
    use serde::ser::{self, Impossible, Serializer};
    use std::fmt;

    #[derive(Debug)]
    pub struct NotAUnitVariant;

    impl fmt::Display for NotAUnitVariant {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("not a unit variant")
        }
    }

    impl std::error::Error for NotAUnitVariant {}

    impl ser::Error for NotAUnitVariant {
        fn custom<T: fmt::Display>(_: T) -> Self {
            NotAUnitVariant
        }
    }

    /// `(index, name)` of a unit variant as serde hands it to the serializer.
    pub fn of<T: Serialize>(value: &T) -> (u32, &'static str) {
        value.serialize(Probe).expect("a unit variant")
    }

    struct Probe;

    type Out = (u32, &'static str);
    type No = Impossible<Out, NotAUnitVariant>;

    macro_rules! refuse {
        ($($method:ident($($arg:ty),*);)*) => {$(
            fn $method(self, $(_: $arg),*) -> Result<Out, NotAUnitVariant> {
                Err(NotAUnitVariant)
            }
        )*};
    }

    impl Serializer for Probe {
        type Ok = Out;
        type Error = NotAUnitVariant;
        type SerializeSeq = No;
        type SerializeTuple = No;
        type SerializeTupleStruct = No;
        type SerializeTupleVariant = No;
        type SerializeMap = No;
        type SerializeStruct = No;
        type SerializeStructVariant = No;

        fn serialize_unit_variant(
            self,
            _name: &'static str,
            index: u32,
            variant: &'static str,
        ) -> Result<Out, NotAUnitVariant> {
            Ok((index, variant))
        }

        refuse! {
            serialize_bool(bool);
            serialize_i8(i8);
            serialize_i16(i16);
            serialize_i32(i32);
            serialize_i64(i64);
            serialize_u8(u8);
            serialize_u16(u16);
            serialize_u32(u32);
            serialize_u64(u64);
            serialize_f32(f32);
            serialize_f64(f64);
            serialize_char(char);
            serialize_str(&str);
            serialize_bytes(&[u8]);
            serialize_none();
            serialize_unit();
            serialize_unit_struct(&'static str);
        }

        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Out, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<Out, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Out, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_seq(self, _: Option<usize>) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_tuple(self, _: usize) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_map(self, _: Option<usize>) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_struct(self, _: &'static str, _: usize) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<No, NotAUnitVariant> {
            Err(NotAUnitVariant)
        }
    }
}

// ---------------------------------------------------------------------------------------
// rename
// ---------------------------------------------------------------------------------------

mod field_rename {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub user: u64,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "account")]
            pub user: u64,
        }
    }
    /// The Rust field is renamed; `rename` keeps the old wire name.
    mod rust_renamed {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "user")]
            pub owner: u64,
        }
    }
    /// The Rust field takes the name the other type renamed its field to.
    mod renamed_in_rust {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub account: u64,
        }
    }

    #[test]
    fn changing_the_wire_name_changes_the_fingerprint() {
        assert_ne!(fp::<before::S>(), fp::<after::S>());
        assert_eq!(to_json(&after::S { user: 1 }), json!({ "account": 1 }));
    }

    #[test]
    fn renaming_the_rust_field_while_keeping_the_wire_name_keeps_it() {
        assert_eq!(fp::<before::S>(), fp::<rust_renamed::S>());
        assert_eq!(
            to_json(&before::S { user: 1 }),
            to_json(&rust_renamed::S { owner: 1 })
        );
    }

    #[test]
    fn a_rename_equals_a_field_of_that_name() {
        assert_eq!(fp::<after::S>(), fp::<renamed_in_rust::S>());
        assert_eq!(
            to_json(&after::S { user: 7 }),
            to_json(&renamed_in_rust::S { account: 7 })
        );
    }

    crate::lock_round_trip_test!(before::S, after::S, rust_renamed::S, renamed_in_rust::S);
}

mod variant_rename {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            Start,
            Stop(u8),
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename = "begin")]
            Start,
            Stop(u8),
        }
    }
    mod rust_renamed {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename = "Start")]
            Launch,
            Stop(u8),
        }
    }

    #[test]
    fn changing_a_variant_wire_name_changes_the_fingerprint() {
        assert_ne!(fp::<before::E>(), fp::<after::E>());
        assert_eq!(to_json(&after::E::Start), json!("begin"));
    }

    #[test]
    fn renaming_the_rust_variant_while_keeping_the_wire_name_keeps_it() {
        assert_eq!(fp::<before::E>(), fp::<rust_renamed::E>());
        assert_eq!(
            to_json(&before::E::Start),
            to_json(&rust_renamed::E::Launch)
        );
        assert_eq!(
            to_json(&before::E::Stop(3)),
            to_json(&rust_renamed::E::Stop(3))
        );
    }

    crate::lock_round_trip_test!(before::E, after::E, rust_renamed::E);
}

mod rename_serialize_deserialize {
    use super::*;

    mod split {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "a", deserialize = "b"))]
            pub f: u8,
        }
    }
    mod both_a {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "a")]
            pub f: u8,
        }
    }
    mod both_b {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "b")]
            pub f: u8,
        }
    }
    mod swapped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "b", deserialize = "a"))]
            pub f: u8,
        }
    }
    /// Only the serialize name is given: serde reads the field under its Rust name `f`.
    mod serialize_only {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "a"))]
            pub f: u8,
        }
    }
    mod serialize_a_deserialize_f {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "a", deserialize = "f"))]
            pub f: u8,
        }
    }
    /// The same on a variant.
    mod variant_split {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename(serialize = "on", deserialize = "enabled"))]
            On,
            Off,
        }
    }
    mod variant_plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename = "on")]
            On,
            Off,
        }
    }

    #[test]
    fn a_split_rename_writes_one_name_and_reads_the_other() {
        assert_eq!(to_json(&split::S { f: 1 }), json!({ "a": 1 }));
        assert!(accepts::<split::S>(json!({ "b": 1 })));
        assert!(!accepts::<split::S>(json!({ "a": 1 })));
    }

    #[test]
    fn a_split_rename_differs_from_either_plain_rename() {
        assert_ne!(fp::<split::S>(), fp::<both_a::S>());
        assert_ne!(fp::<split::S>(), fp::<both_b::S>());
    }

    #[test]
    fn swapping_the_serialize_and_deserialize_names_changes_the_fingerprint() {
        assert_ne!(fp::<split::S>(), fp::<swapped::S>());
    }

    #[test]
    fn a_serialize_only_rename_reads_the_rust_name() {
        assert_eq!(
            fp::<serialize_only::S>(),
            fp::<serialize_a_deserialize_f::S>()
        );
        assert_ne!(fp::<serialize_only::S>(), fp::<both_a::S>());
        assert!(accepts::<serialize_only::S>(json!({ "f": 1 })));
        assert!(!accepts::<serialize_only::S>(json!({ "a": 1 })));
        assert_eq!(to_json(&serialize_only::S { f: 1 }), json!({ "a": 1 }));
    }

    #[test]
    fn a_split_variant_rename_differs_from_a_plain_one() {
        assert_ne!(fp::<variant_split::E>(), fp::<variant_plain::E>());
        assert_eq!(to_json(&variant_split::E::On), json!("on"));
        assert!(accepts::<variant_split::E>(json!("enabled")));
        assert!(!accepts::<variant_split::E>(json!("on")));
    }

    crate::lock_round_trip_test!(
        split::S,
        both_a::S,
        both_b::S,
        swapped::S,
        serialize_only::S,
        serialize_a_deserialize_f::S,
        variant_split::E,
        variant_plain::E
    );
}

mod container_rename {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub x: u8,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename = "Other")]
        pub struct S {
            pub x: u8,
        }
    }
    mod enum_before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
        }
    }
    mod enum_after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename = "Other")]
        pub enum E {
            A,
        }
    }

    #[test]
    fn renaming_an_untagged_container_keeps_the_fingerprint() {
        assert_eq!(fp::<before::S>(), fp::<after::S>());
        assert_eq!(to_json(&before::S { x: 1 }), to_json(&after::S { x: 1 }));
        assert_eq!(fp::<enum_before::E>(), fp::<enum_after::E>());
        assert_eq!(to_json(&enum_before::E::A), to_json(&enum_after::E::A));
    }

    crate::lock_round_trip_test!(before::S, after::S, enum_before::E, enum_after::E);
}

// ---------------------------------------------------------------------------------------
// rename_all, rename_all_fields, raw identifiers
// ---------------------------------------------------------------------------------------

/// `rename_all = $rule` on a struct equals explicit renames of its fields to `$a`, `$b`,
/// and serde writes those keys.
macro_rules! struct_rename_all_case {
    ($case:ident, $rule:tt, $a:tt, $b:tt) => {
        mod $case {
            use super::super::*;

            mod rule {
                #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
                #[serde(rename_all = $rule)]
                pub struct S {
                    pub user_id: u8,
                    pub created_at: u16,
                }
            }
            mod explicit {
                #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
                pub struct S {
                    #[serde(rename = $a)]
                    pub user_id: u8,
                    #[serde(rename = $b)]
                    pub created_at: u16,
                }
            }

            #[test]
            fn struct_rename_all_equals_explicit_field_renames() {
                assert_eq!(fp::<rule::S>(), fp::<explicit::S>());
                let value = rule::S {
                    user_id: 1,
                    created_at: 2,
                };
                assert_eq!(to_json(&value), json!({ $a: 1, $b: 2 }));
            }
        }
    };
}

mod struct_rename_all {
    struct_rename_all_case!(lowercase, "lowercase", "user_id", "created_at");
    struct_rename_all_case!(uppercase, "UPPERCASE", "USER_ID", "CREATED_AT");
    struct_rename_all_case!(pascal_case, "PascalCase", "UserId", "CreatedAt");
    struct_rename_all_case!(camel_case, "camelCase", "userId", "createdAt");
    struct_rename_all_case!(snake_case, "snake_case", "user_id", "created_at");
    struct_rename_all_case!(
        screaming_snake_case,
        "SCREAMING_SNAKE_CASE",
        "USER_ID",
        "CREATED_AT"
    );
    struct_rename_all_case!(kebab_case, "kebab-case", "user-id", "created-at");
    struct_rename_all_case!(
        screaming_kebab_case,
        "SCREAMING-KEBAB-CASE",
        "USER-ID",
        "CREATED-AT"
    );

    use super::*;

    mod camel {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct S {
            pub user_id: u8,
        }
    }
    mod explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "userId")]
            pub user_id: u8,
        }
    }
    mod literal {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[allow(non_snake_case)]
        pub struct S {
            pub userId: u8,
        }
    }
    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub user_id: u8,
        }
    }
    mod kebab {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub struct S {
            pub user_id: u8,
        }
    }
    /// A rule that leaves every name as it is.
    mod snake {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub struct S {
            pub user_id: u8,
        }
    }
    /// An explicit rename wins over the rule.
    mod camel_with_rename {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct S {
            #[serde(rename = "user_id")]
            pub user_id: u8,
        }
    }
    /// Different rules for the two directions.
    mod split {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all(serialize = "camelCase", deserialize = "kebab-case"))]
        pub struct S {
            pub user_id: u8,
        }
    }
    mod split_explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "userId", deserialize = "user-id"))]
            pub user_id: u8,
        }
    }

    #[test]
    fn camel_case_rule_equals_explicit_rename_and_literal_field_name() {
        assert_eq!(fp::<camel::S>(), fp::<explicit::S>());
        assert_eq!(fp::<camel::S>(), fp::<literal::S>());
        assert_eq!(to_json(&camel::S { user_id: 3 }), json!({ "userId": 3 }));
        assert_eq!(
            to_json(&camel::S { user_id: 3 }),
            to_json(&literal::S { userId: 3 })
        );
    }

    #[test]
    fn a_rule_that_changes_names_changes_the_fingerprint() {
        assert_ne!(fp::<camel::S>(), fp::<plain::S>());
        assert_ne!(fp::<camel::S>(), fp::<kebab::S>());
    }

    #[test]
    fn a_rule_that_changes_no_name_keeps_the_fingerprint() {
        assert_eq!(fp::<snake::S>(), fp::<plain::S>());
        assert_eq!(
            to_json(&snake::S { user_id: 1 }),
            to_json(&plain::S { user_id: 1 })
        );
    }

    #[test]
    fn an_explicit_rename_wins_over_rename_all() {
        assert_eq!(fp::<camel_with_rename::S>(), fp::<plain::S>());
        assert_eq!(
            to_json(&camel_with_rename::S { user_id: 1 }),
            json!({ "user_id": 1 })
        );
    }

    #[test]
    fn split_rename_all_equals_split_explicit_renames() {
        assert_eq!(fp::<split::S>(), fp::<split_explicit::S>());
        assert_ne!(fp::<split::S>(), fp::<camel::S>());
        assert_eq!(to_json(&split::S { user_id: 1 }), json!({ "userId": 1 }));
        assert!(accepts::<split::S>(json!({ "user-id": 1 })));
        assert!(!accepts::<split::S>(json!({ "userId": 1 })));
    }

    crate::lock_round_trip_test!(
        camel::S,
        explicit::S,
        literal::S,
        plain::S,
        kebab::S,
        snake::S,
        camel_with_rename::S,
        split::S,
        split_explicit::S
    );
}

/// `rename_all = $rule` on an enum equals explicit renames of its variants.
macro_rules! enum_rename_all_case {
    ($case:ident, $rule:tt, $a:tt, $b:tt) => {
        mod $case {
            use super::super::*;

            mod rule {
                #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
                #[serde(rename_all = $rule)]
                pub enum E {
                    UserCreated,
                    Deleted(u8),
                }
            }
            mod explicit {
                #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
                pub enum E {
                    #[serde(rename = $a)]
                    UserCreated,
                    #[serde(rename = $b)]
                    Deleted(u8),
                }
            }

            #[test]
            fn enum_rename_all_equals_explicit_variant_renames() {
                assert_eq!(fp::<rule::E>(), fp::<explicit::E>());
                assert_eq!(to_json(&rule::E::UserCreated), json!($a));
                assert_eq!(to_json(&rule::E::Deleted(1)), json!({ $b: 1 }));
            }
        }
    };
}

mod enum_rename_all {
    enum_rename_all_case!(lowercase, "lowercase", "usercreated", "deleted");
    enum_rename_all_case!(uppercase, "UPPERCASE", "USERCREATED", "DELETED");
    enum_rename_all_case!(pascal_case, "PascalCase", "UserCreated", "Deleted");
    enum_rename_all_case!(camel_case, "camelCase", "userCreated", "deleted");
    enum_rename_all_case!(snake_case, "snake_case", "user_created", "deleted");
    enum_rename_all_case!(
        screaming_snake_case,
        "SCREAMING_SNAKE_CASE",
        "USER_CREATED",
        "DELETED"
    );
    enum_rename_all_case!(kebab_case, "kebab-case", "user-created", "deleted");
    enum_rename_all_case!(
        screaming_kebab_case,
        "SCREAMING-KEBAB-CASE",
        "USER-CREATED",
        "DELETED"
    );

    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            UserCreated { user_id: u8 },
        }
    }
    mod snake {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum E {
            UserCreated { user_id: u8 },
        }
    }
    /// rename_all on an enum renames variants only, not the fields of struct variants.
    mod camel {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum E {
            UserCreated { user_id: u8 },
        }
    }
    mod camel_explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename = "userCreated")]
            UserCreated { user_id: u8 },
        }
    }

    #[test]
    fn enum_rename_all_changes_the_fingerprint() {
        assert_ne!(fp::<plain::E>(), fp::<snake::E>());
        assert_ne!(fp::<camel::E>(), fp::<snake::E>());
    }

    #[test]
    fn enum_rename_all_does_not_rename_struct_variant_fields() {
        assert_eq!(fp::<camel::E>(), fp::<camel_explicit::E>());
        assert_eq!(
            to_json(&camel::E::UserCreated { user_id: 1 }),
            json!({ "userCreated": { "user_id": 1 } })
        );
    }

    crate::lock_round_trip_test!(plain::E, snake::E, camel::E, camel_explicit::E);
}

mod rename_all_fields {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            Created { user_id: u8 },
            Moved { new_owner: u8 },
        }
    }
    mod fields_rule {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all_fields = "camelCase")]
        pub enum E {
            Created { user_id: u8 },
            Moved { new_owner: u8 },
        }
    }
    mod explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            Created {
                #[serde(rename = "userId")]
                user_id: u8,
            },
            Moved {
                #[serde(rename = "newOwner")]
                new_owner: u8,
            },
        }
    }
    /// A variant's own rename_all wins over the enum's rename_all_fields.
    mod variant_overrides {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all_fields = "camelCase")]
        pub enum E {
            Created {
                user_id: u8,
            },
            #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
            Moved {
                new_owner: u8,
            },
        }
    }
    mod variant_overrides_explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            Created {
                #[serde(rename = "userId")]
                user_id: u8,
            },
            Moved {
                #[serde(rename = "NEW_OWNER")]
                new_owner: u8,
            },
        }
    }
    /// Variant-level rename_all alone.
    mod variant_rule {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename_all = "camelCase")]
            Created {
                user_id: u8,
            },
            Moved {
                new_owner: u8,
            },
        }
    }
    mod variant_rule_explicit {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            Created {
                #[serde(rename = "userId")]
                user_id: u8,
            },
            Moved {
                new_owner: u8,
            },
        }
    }

    #[test]
    fn rename_all_fields_renames_the_fields_of_every_struct_variant() {
        assert_ne!(fp::<plain::E>(), fp::<fields_rule::E>());
        assert_eq!(fp::<fields_rule::E>(), fp::<explicit::E>());
        assert_eq!(
            to_json(&fields_rule::E::Moved { new_owner: 1 }),
            json!({ "Moved": { "newOwner": 1 } })
        );
    }

    #[test]
    fn a_variant_rename_all_wins_over_rename_all_fields() {
        assert_eq!(
            fp::<variant_overrides::E>(),
            fp::<variant_overrides_explicit::E>()
        );
        assert_ne!(fp::<variant_overrides::E>(), fp::<fields_rule::E>());
        assert_eq!(
            to_json(&variant_overrides::E::Moved { new_owner: 1 }),
            json!({ "Moved": { "NEW_OWNER": 1 } })
        );
    }

    #[test]
    fn a_variant_rename_all_renames_that_variants_fields_only() {
        assert_ne!(fp::<variant_rule::E>(), fp::<plain::E>());
        assert_eq!(fp::<variant_rule::E>(), fp::<variant_rule_explicit::E>());
        assert_eq!(
            to_json(&variant_rule::E::Created { user_id: 1 }),
            json!({ "Created": { "userId": 1 } })
        );
        assert_eq!(
            to_json(&variant_rule::E::Moved { new_owner: 1 }),
            json!({ "Moved": { "new_owner": 1 } })
        );
    }

    crate::lock_round_trip_test!(
        plain::E,
        fields_rule::E,
        explicit::E,
        variant_overrides::E,
        variant_overrides_explicit::E,
        variant_rule::E,
        variant_rule_explicit::E
    );
}

mod raw_identifiers {
    use super::*;

    mod raw {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub r#type: u8,
        }
    }
    mod renamed {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "type")]
            pub kind: u8,
        }
    }
    mod raw_upper {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "UPPERCASE")]
        pub struct S {
            pub r#type: u8,
        }
    }
    mod renamed_upper {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "TYPE")]
            pub kind: u8,
        }
    }
    mod raw_variant {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[allow(non_camel_case_types)]
        pub enum E {
            r#type,
            r#match(u8),
        }
    }
    mod renamed_variant {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(rename = "type")]
            Kind,
            #[serde(rename = "match")]
            Matched(u8),
        }
    }

    #[test]
    fn a_raw_field_identifier_is_written_without_its_prefix() {
        assert_eq!(fp::<raw::S>(), fp::<renamed::S>());
        assert_eq!(to_json(&raw::S { r#type: 1 }), json!({ "type": 1 }));
    }

    #[test]
    fn rename_all_applies_to_a_raw_identifier_without_its_prefix() {
        assert_eq!(fp::<raw_upper::S>(), fp::<renamed_upper::S>());
        assert_eq!(to_json(&raw_upper::S { r#type: 1 }), json!({ "TYPE": 1 }));
    }

    #[test]
    fn a_raw_variant_identifier_is_written_without_its_prefix() {
        assert_eq!(fp::<raw_variant::E>(), fp::<renamed_variant::E>());
        assert_eq!(to_json(&raw_variant::E::r#type), json!("type"));
        assert_eq!(to_json(&raw_variant::E::r#match(2)), json!({ "match": 2 }));
    }

    crate::lock_round_trip_test!(
        raw::S,
        renamed::S,
        raw_upper::S,
        renamed_upper::S,
        raw_variant::E,
        renamed_variant::E
    );
}

// ---------------------------------------------------------------------------------------
// alias
// ---------------------------------------------------------------------------------------

mod alias {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub name: u8,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(alias = "title")]
            pub name: u8,
        }
    }
    mod other_alias {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(alias = "label")]
            pub name: u8,
        }
    }
    mod ab {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(alias = "a", alias = "b")]
            pub name: u8,
        }
    }
    mod ba {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(alias = "b")]
            #[serde(alias = "a")]
            pub name: u8,
        }
    }
    mod variant_before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            On,
            Off,
        }
    }
    mod variant_after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            #[serde(alias = "Enabled")]
            On,
            Off,
        }
    }

    #[test]
    fn an_alias_adds_an_accepted_name_and_changes_the_fingerprint() {
        assert_ne!(fp::<before::S>(), fp::<after::S>());
        assert!(accepts::<after::S>(json!({ "title": 1 })));
        assert!(!accepts::<before::S>(json!({ "title": 1 })));
        // Serialization is unchanged: the alias is only accepted, never written.
        assert_eq!(
            to_json(&before::S { name: 1 }),
            to_json(&after::S { name: 1 })
        );
    }

    #[test]
    fn the_alias_name_is_significant() {
        assert_ne!(fp::<after::S>(), fp::<other_alias::S>());
    }

    #[test]
    fn alias_order_is_not_significant() {
        assert_eq!(fp::<ab::S>(), fp::<ba::S>());
        for key in ["name", "a", "b"] {
            assert!(accepts::<ab::S>(json!({ key: 1 })));
            assert!(accepts::<ba::S>(json!({ key: 1 })));
        }
    }

    #[test]
    fn a_variant_alias_changes_the_fingerprint() {
        assert_ne!(fp::<variant_before::E>(), fp::<variant_after::E>());
        assert!(accepts::<variant_after::E>(json!("Enabled")));
        assert!(!accepts::<variant_before::E>(json!("Enabled")));
    }

    crate::lock_round_trip_test!(
        before::S,
        after::S,
        other_alias::S,
        ab::S,
        ba::S,
        variant_before::E,
        variant_after::E
    );
}

// ---------------------------------------------------------------------------------------
// Enum representations
// ---------------------------------------------------------------------------------------

mod enum_representation {
    use super::*;

    mod external {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A { x: u8 },
            B,
        }
    }
    mod internal {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type")]
        pub enum E {
            A { x: u8 },
            B,
        }
    }
    mod internal_kind {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind")]
        pub enum E {
            A { x: u8 },
            B,
        }
    }
    mod adjacent {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type", content = "data")]
        pub enum E {
            A { x: u8 },
            B,
        }
    }
    mod adjacent_payload {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type", content = "payload")]
        pub enum E {
            A { x: u8 },
            B,
        }
    }
    mod untagged {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum E {
            A { x: u8 },
            B,
        }
    }

    #[test]
    fn each_representation_writes_something_different() {
        assert_eq!(
            to_json(&external::E::A { x: 1 }),
            json!({ "A": { "x": 1 } })
        );
        assert_eq!(
            to_json(&internal::E::A { x: 1 }),
            json!({ "type": "A", "x": 1 })
        );
        assert_eq!(
            to_json(&adjacent::E::A { x: 1 }),
            json!({ "type": "A", "data": { "x": 1 } })
        );
        assert_eq!(to_json(&untagged::E::A { x: 1 }), json!({ "x": 1 }));
    }

    #[test]
    fn every_representation_has_its_own_fingerprint() {
        let all = [
            ("external", fp::<external::E>()),
            ("internal", fp::<internal::E>()),
            ("adjacent", fp::<adjacent::E>()),
            ("untagged", fp::<untagged::E>()),
        ];
        for (i, (a, fa)) in all.iter().enumerate() {
            for (b, fb) in &all[i + 1..] {
                assert_ne!(fa, fb, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn the_tag_name_is_significant() {
        assert_ne!(fp::<internal::E>(), fp::<internal_kind::E>());
        assert_eq!(to_json(&internal_kind::E::B), json!({ "kind": "B" }));
    }

    #[test]
    fn the_content_name_is_significant() {
        assert_ne!(fp::<adjacent::E>(), fp::<adjacent_payload::E>());
        assert_eq!(
            to_json(&adjacent_payload::E::A { x: 1 }),
            json!({ "type": "A", "payload": { "x": 1 } })
        );
    }

    crate::lock_round_trip_test!(
        external::E,
        internal::E,
        internal_kind::E,
        adjacent::E,
        adjacent_payload::E,
        untagged::E
    );
}

mod struct_tag {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct Ping {
            pub seq: u32,
        }
    }
    mod plain_other_name {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct Pong {
            pub seq: u32,
        }
    }
    mod tagged {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type")]
        pub struct Ping {
            pub seq: u32,
        }
    }
    mod tagged_other_name {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type")]
        pub struct Pong {
            pub seq: u32,
        }
    }
    /// Renamed to the other struct's name: serde writes the same tag value.
    mod tagged_renamed {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type", rename = "Ping")]
        pub struct Pong {
            pub seq: u32,
        }
    }
    mod tagged_kind {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind")]
        pub struct Ping {
            pub seq: u32,
        }
    }
    /// A raw identifier as the struct name: serde writes it without `r#`.
    mod tagged_raw {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind")]
        #[allow(non_camel_case_types)]
        pub struct r#type {
            pub seq: u32,
        }
    }
    mod tagged_raw_renamed {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "kind", rename = "type")]
        pub struct Ping {
            pub seq: u32,
        }
    }

    #[test]
    fn a_tag_on_a_struct_changes_the_fingerprint() {
        assert_ne!(fp::<plain::Ping>(), fp::<tagged::Ping>());
        assert_eq!(
            to_json(&tagged::Ping { seq: 1 }),
            json!({ "type": "Ping", "seq": 1 })
        );
    }

    #[test]
    fn the_struct_name_is_not_significant_without_a_tag() {
        assert_eq!(fp::<plain::Ping>(), fp::<plain_other_name::Pong>());
        assert_eq!(
            to_json(&plain::Ping { seq: 1 }),
            to_json(&plain_other_name::Pong { seq: 1 })
        );
    }

    #[test]
    fn a_tagged_struct_name_is_significant() {
        assert_ne!(fp::<tagged::Ping>(), fp::<tagged_other_name::Pong>());
        assert_eq!(
            to_json(&tagged_other_name::Pong { seq: 1 }),
            json!({ "type": "Pong", "seq": 1 })
        );
    }

    #[test]
    fn a_tagged_struct_is_named_by_its_rename() {
        assert_eq!(fp::<tagged::Ping>(), fp::<tagged_renamed::Pong>());
        assert_eq!(
            to_json(&tagged::Ping { seq: 1 }),
            to_json(&tagged_renamed::Pong { seq: 1 })
        );
    }

    #[test]
    fn the_struct_tag_key_is_significant() {
        assert_ne!(fp::<tagged::Ping>(), fp::<tagged_kind::Ping>());
    }

    #[test]
    fn a_tagged_struct_with_a_raw_name_is_written_without_the_prefix() {
        // serde writes {"kind":"type","seq":1} for both.
        assert_eq!(
            to_json(&tagged_raw::r#type { seq: 1 }),
            to_json(&tagged_raw_renamed::Ping { seq: 1 })
        );
        assert_eq!(fp::<tagged_raw::r#type>(), fp::<tagged_raw_renamed::Ping>());
    }

    crate::lock_round_trip_test!(
        plain::Ping,
        plain_other_name::Pong,
        tagged::Ping,
        tagged_other_name::Pong,
        tagged_renamed::Pong,
        tagged_kind::Ping,
        tagged_raw::r#type,
        tagged_raw_renamed::Ping
    );
}

// ---------------------------------------------------------------------------------------
// skip, skip_serializing, skip_deserializing, skip_serializing_if, default
// ---------------------------------------------------------------------------------------

mod field_skip {
    use super::*;

    mod absent {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
        }
    }
    mod skip {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip)]
            pub cache: u64,
        }
    }
    mod skip_both_ways {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip_serializing, skip_deserializing)]
            pub cache: u64,
        }
    }
    mod present {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            pub cache: u64,
        }
    }
    mod skip_serializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip_serializing)]
            pub cache: u64,
        }
    }
    mod skip_deserializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip_deserializing)]
            pub cache: u64,
        }
    }
    mod skip_if {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip_serializing_if = "is_zero")]
            pub cache: u64,
        }
        fn is_zero(v: &u64) -> bool {
            *v == 0
        }
    }
    mod skip_if_other_predicate {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(skip_serializing_if = "crate::field_skip::is_large")]
            pub cache: u64,
        }
    }
    fn is_large(v: &u64) -> bool {
        *v > 100
    }
    mod enum_skip {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V {
                a: u8,
                #[serde(skip)]
                cache: u64,
            },
        }
    }
    mod enum_absent {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V { a: u8 },
        }
    }

    #[test]
    fn a_skipped_field_is_the_same_as_no_field() {
        assert_eq!(fp::<skip::S>(), fp::<absent::S>());
        assert_eq!(fp::<skip_both_ways::S>(), fp::<absent::S>());
        let json = json!({ "a": 1 });
        assert_eq!(to_json(&skip::S { a: 1, cache: 9 }), json);
        assert_eq!(to_json(&skip_both_ways::S { a: 1, cache: 9 }), json);
        assert_eq!(to_json(&absent::S { a: 1 }), json);
    }

    #[test]
    fn a_skipped_struct_variant_field_is_the_same_as_no_field() {
        assert_eq!(fp::<enum_skip::E>(), fp::<enum_absent::E>());
        assert_eq!(
            to_json(&enum_skip::E::V { a: 1, cache: 9 }),
            to_json(&enum_absent::E::V { a: 1 })
        );
    }

    #[test]
    fn skipping_a_field_that_was_on_the_wire_changes_the_fingerprint() {
        assert_ne!(fp::<skip::S>(), fp::<present::S>());
    }

    #[test]
    fn skip_serializing_alone_changes_the_fingerprint() {
        assert_ne!(fp::<skip_serializing::S>(), fp::<present::S>());
        assert_ne!(fp::<skip_serializing::S>(), fp::<absent::S>());
        assert_eq!(
            to_json(&skip_serializing::S { a: 1, cache: 9 }),
            json!({ "a": 1 })
        );
        // ...but it is still read.
        assert!(!accepts::<skip_serializing::S>(json!({ "a": 1 })));
    }

    #[test]
    fn skip_deserializing_alone_changes_the_fingerprint() {
        assert_ne!(fp::<skip_deserializing::S>(), fp::<present::S>());
        assert_ne!(fp::<skip_deserializing::S>(), fp::<absent::S>());
        assert_ne!(fp::<skip_deserializing::S>(), fp::<skip_serializing::S>());
        assert_eq!(
            to_json(&skip_deserializing::S { a: 1, cache: 9 }),
            json!({ "a": 1, "cache": 9 })
        );
        assert!(accepts::<skip_deserializing::S>(json!({ "a": 1 })));
    }

    #[test]
    fn skip_serializing_if_changes_the_fingerprint() {
        assert_ne!(fp::<skip_if::S>(), fp::<present::S>());
        assert_ne!(fp::<skip_if::S>(), fp::<skip_serializing::S>());
        assert_eq!(to_json(&skip_if::S { a: 1, cache: 0 }), json!({ "a": 1 }));
        assert_eq!(
            to_json(&skip_if::S { a: 1, cache: 5 }),
            json!({ "a": 1, "cache": 5 })
        );
    }

    /// Audit finding 11: the predicate decides what is written, so it counts, by name.
    #[test]
    fn skip_serializing_if_predicate_is_significant_by_its_name() {
        assert_ne!(fp::<skip_if::S>(), fp::<skip_if_other_predicate::S>());
        // The wire differs: `is_zero` leaves 0 out, `is_large` writes it.
        assert_ne!(
            to_json(&skip_if::S { a: 1, cache: 0 }),
            to_json(&skip_if_other_predicate::S { a: 1, cache: 0 })
        );
        // `Option::is_none` in any spelling is one predicate...
        assert_eq!(fp::<option_is_none::S>(), fp::<option_is_none_long::S>());
        // ...and a predicate that never skips writes `null` where nothing was written.
        assert_ne!(fp::<option_is_none::S>(), fp::<option_never::S>());
        assert_eq!(to_json(&option_is_none::S { note: None }), json!({}));
        assert_eq!(
            to_json(&option_never::S { note: None }),
            json!({ "note": null })
        );
        let postcard = |bytes: Vec<u8>| bytes;
        assert_ne!(
            postcard(postcard::to_allocvec(&option_is_none::S { note: None }).unwrap()),
            postcard(postcard::to_allocvec(&option_never::S { note: None }).unwrap()),
        );
        // The description carries the name.
        let objfp::Shape::Struct(s) = option_is_none::S::DESCRIPTION.shape else {
            unreachable!()
        };
        let note = s.fields.get(0).unwrap();
        assert_eq!(note.attrs.get("skip_serializing_if"), Some("is_none"));
    }

    mod option_is_none {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<u8>,
        }
    }
    mod option_is_none_long {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(default, skip_serializing_if = "std::option::Option::is_none")]
            pub note: Option<u8>,
        }
    }
    mod option_never {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(default, skip_serializing_if = "super::never")]
            pub note: Option<u8>,
        }
    }
    fn never<T>(_: &T) -> bool {
        false
    }

    crate::lock_round_trip_test!(
        absent::S,
        skip::S,
        skip_both_ways::S,
        present::S,
        skip_serializing::S,
        skip_deserializing::S,
        skip_if::S,
        skip_if_other_predicate::S,
        option_is_none::S,
        option_is_none_long::S,
        option_never::S,
        enum_skip::E,
        enum_absent::E
    );
}

mod default {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            pub b: u8,
        }
    }
    mod field_default {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(default)]
            pub b: u8,
        }
    }
    mod field_default_fn {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(default = "seven")]
            pub b: u8,
        }
        fn seven() -> u8 {
            7
        }
    }
    mod field_default_other_fn {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(default = "crate::default::forty_two")]
            pub b: u8,
        }
    }
    fn forty_two() -> u8 {
        42
    }
    mod container_default {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Default)]
        #[serde(default)]
        pub struct S {
            pub a: u8,
            pub b: u8,
        }
    }
    mod container_default_fn {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(default = "make")]
        pub struct S {
            pub a: u8,
            pub b: u8,
        }
        fn make() -> S {
            S { a: 1, b: 2 }
        }
    }

    #[test]
    fn a_field_default_changes_the_fingerprint() {
        assert_ne!(fp::<plain::S>(), fp::<field_default::S>());
        assert!(accepts::<field_default::S>(json!({ "a": 1 })));
        assert!(!accepts::<plain::S>(json!({ "a": 1 })));
        assert_eq!(
            to_json(&plain::S { a: 1, b: 2 }),
            to_json(&field_default::S { a: 1, b: 2 })
        );
    }

    /// The function decides the value a missing field takes: it counts, by name
    /// (`Default::default` in any spelling is `#[serde(default)]`).
    #[test]
    fn the_field_default_function_is_significant_by_its_name() {
        assert_ne!(fp::<field_default::S>(), fp::<field_default_fn::S>());
        assert_ne!(
            fp::<field_default_fn::S>(),
            fp::<field_default_other_fn::S>()
        );
        let read = |v: Value| serde_json::from_value::<field_default_fn::S>(v).unwrap().b;
        let read_other = |v: Value| {
            serde_json::from_value::<field_default_other_fn::S>(v)
                .unwrap()
                .b
        };
        assert_ne!(read(json!({ "a": 1 })), read_other(json!({ "a": 1 })));
        assert_eq!(fp::<field_default::S>(), fp::<field_default_default::S>());
    }

    mod field_default_default {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
            #[serde(default = "std::default::Default::default")]
            pub b: u8,
        }
    }

    #[test]
    fn a_container_default_changes_the_fingerprint() {
        assert_ne!(fp::<plain::S>(), fp::<container_default::S>());
        // Not the same as defaulting one field: `a` may be missing too.
        assert_ne!(fp::<field_default::S>(), fp::<container_default::S>());
        assert!(accepts::<container_default::S>(json!({})));
    }

    #[test]
    fn the_container_default_function_is_significant_by_its_name() {
        assert_ne!(
            fp::<container_default::S>(),
            fp::<container_default_fn::S>()
        );
        let plain: container_default::S = serde_json::from_value(json!({})).unwrap();
        let made: container_default_fn::S = serde_json::from_value(json!({})).unwrap();
        assert_ne!((plain.a, plain.b), (made.a, made.b));
    }

    crate::lock_round_trip_test!(
        plain::S,
        field_default::S,
        field_default_fn::S,
        field_default_other_fn::S,
        container_default::S,
        container_default_fn::S,
        field_default_default::S
    );
}

mod variant_skip {
    use super::*;

    mod with_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            #[serde(skip)]
            B,
            C,
        }
    }
    mod without {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            C,
        }
    }
    /// The skipped variant's own name and payload are not on the wire.
    mod with_other_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            #[serde(skip)]
            Internal(u64),
            C,
        }
    }
    mod with_skip_serializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            #[serde(skip_serializing)]
            B,
            C,
        }
    }
    mod with_skip_deserializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            #[serde(skip_deserializing)]
            B,
            C,
        }
    }
    mod with_b {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            B,
            C,
        }
    }

    #[test]
    fn a_skipped_variant_keeps_its_index() {
        assert_ne!(fp::<with_skipped::E>(), fp::<without::E>());
        // JSON writes the name only, but compact formats write the index, which differs.
        assert_eq!(to_json(&with_skipped::E::C), to_json(&without::E::C));
        assert_eq!(variant_index::of(&with_skipped::E::C), (2, "C"));
        assert_eq!(variant_index::of(&without::E::C), (1, "C"));
    }

    #[test]
    fn a_skipped_variant_name_and_payload_are_not_significant() {
        assert_eq!(fp::<with_skipped::E>(), fp::<with_other_skipped::E>());
        assert_eq!(
            variant_index::of(&with_skipped::E::C),
            variant_index::of(&with_other_skipped::E::C)
        );
    }

    #[test]
    fn skipping_a_variant_changes_the_fingerprint() {
        assert_ne!(fp::<with_skipped::E>(), fp::<with_b::E>());
        assert!(accepts::<with_b::E>(json!("B")));
        assert!(!accepts::<with_skipped::E>(json!("B")));
    }

    #[test]
    fn skipping_a_variant_in_one_direction_changes_the_fingerprint() {
        let all = [
            ("skip", fp::<with_skipped::E>()),
            ("skip_serializing", fp::<with_skip_serializing::E>()),
            ("skip_deserializing", fp::<with_skip_deserializing::E>()),
            ("none", fp::<with_b::E>()),
        ];
        for (i, (a, fa)) in all.iter().enumerate() {
            for (b, fb) in &all[i + 1..] {
                assert_ne!(fa, fb, "{a} vs {b}");
            }
        }
        assert!(accepts::<with_skip_serializing::E>(json!("B")));
        assert!(!accepts::<with_skip_deserializing::E>(json!("B")));
        assert_eq!(to_json(&with_skip_deserializing::E::B), json!("B"));
    }

    crate::lock_round_trip_test!(
        with_skipped::E,
        without::E,
        with_other_skipped::E,
        with_skip_serializing::E,
        with_skip_deserializing::E,
        with_b::E
    );
}

// ---------------------------------------------------------------------------------------
// flatten
// ---------------------------------------------------------------------------------------

mod flatten {
    use super::*;

    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct Inner {
        pub x: u8,
    }

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub id: u8,
            pub inner: super::Inner,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub id: u8,
            #[serde(flatten)]
            pub inner: super::Inner,
        }
    }

    #[test]
    fn flatten_changes_the_fingerprint() {
        assert_ne!(fp::<before::S>(), fp::<after::S>());
        assert_eq!(
            to_json(&before::S {
                id: 1,
                inner: Inner { x: 2 }
            }),
            json!({ "id": 1, "inner": { "x": 2 } })
        );
        assert_eq!(
            to_json(&after::S {
                id: 1,
                inner: Inner { x: 2 }
            }),
            json!({ "id": 1, "x": 2 })
        );
    }

    crate::lock_round_trip_test!(Inner, before::S, after::S);
}

// ---------------------------------------------------------------------------------------
// transparent, from, try_from, into
// ---------------------------------------------------------------------------------------

mod transparent {
    use super::*;

    mod tuple {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct Id(pub u64);
    }
    mod named {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct Id {
            pub value: u64,
        }
    }
    mod with_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct Id {
            #[serde(skip)]
            pub cache: String,
            pub value: u64,
        }
    }
    mod newtype {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct Id(pub u64);
    }

    #[test]
    fn a_transparent_struct_has_the_fingerprint_of_its_field() {
        assert_eq!(fp::<tuple::Id>(), fp::<u64>());
        assert_eq!(fp::<named::Id>(), fp::<u64>());
        assert_eq!(fp::<with_skipped::Id>(), fp::<u64>());
        assert_eq!(to_json(&tuple::Id(5)), to_json(&5u64));
        assert_eq!(to_json(&named::Id { value: 5 }), to_json(&5u64));
        assert_eq!(
            to_json(&with_skipped::Id {
                cache: "x".into(),
                value: 5
            }),
            to_json(&5u64)
        );
    }

    #[test]
    fn a_newtype_struct_is_not_transparent() {
        // serde_json writes a newtype struct like its field, but the data model has a
        // newtype_struct call that other formats see.
        assert_ne!(fp::<newtype::Id>(), fp::<u64>());
        assert_ne!(fp::<newtype::Id>(), fp::<tuple::Id>());
    }

    crate::lock_round_trip_test!(tuple::Id, named::Id, with_skipped::Id, newtype::Id);
}

mod from_into {
    use super::*;

    /// The proxy: what `from`/`into` put on the wire.
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    pub struct Proxy {
        pub raw: String,
    }

    macro_rules! convertible {
        () => {
            impl From<super::Proxy> for T {
                fn from(p: super::Proxy) -> T {
                    T {
                        len: p.raw.len() as u32,
                        upper: false,
                    }
                }
            }
            impl From<T> for super::Proxy {
                fn from(t: T) -> super::Proxy {
                    super::Proxy {
                        raw: "x".repeat(t.len as usize),
                    }
                }
            }
        };
    }

    mod none {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        pub struct T {
            pub len: u32,
            pub upper: bool,
        }
        convertible!();
    }
    mod both {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(from = "super::Proxy", into = "super::Proxy")]
        pub struct T {
            pub len: u32,
            pub upper: bool,
        }
        convertible!();
    }
    mod try_both {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(try_from = "super::Proxy", into = "super::Proxy")]
        pub struct T {
            pub len: u32,
            pub upper: bool,
        }
        impl TryFrom<super::Proxy> for T {
            type Error = String;
            fn try_from(p: super::Proxy) -> Result<T, String> {
                Ok(T {
                    len: p.raw.len() as u32,
                    upper: false,
                })
            }
        }
        impl From<T> for super::Proxy {
            fn from(t: T) -> super::Proxy {
                super::Proxy {
                    raw: "x".repeat(t.len as usize),
                }
            }
        }
    }
    mod into_only {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(into = "super::Proxy")]
        pub struct T {
            pub len: u32,
            pub upper: bool,
        }
        convertible!();
    }
    mod from_only {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(from = "super::Proxy")]
        pub struct T {
            pub len: u32,
            pub upper: bool,
        }
        convertible!();
    }

    #[test]
    fn from_and_into_the_same_type_give_its_fingerprint() {
        assert_eq!(fp::<both::T>(), fp::<Proxy>());
        let t = both::T {
            len: 2,
            upper: true,
        };
        assert_eq!(to_json(&t), json!({ "raw": "xx" }));
        assert!(accepts::<both::T>(json!({ "raw": "abc" })));
    }

    #[test]
    fn try_from_and_into_the_same_type_give_its_fingerprint() {
        assert_eq!(fp::<try_both::T>(), fp::<Proxy>());
        assert_eq!(fp::<try_both::T>(), fp::<both::T>());
    }

    #[test]
    fn into_alone_from_alone_and_neither_all_differ() {
        let all = [
            ("none", fp::<none::T>()),
            ("into", fp::<into_only::T>()),
            ("from", fp::<from_only::T>()),
            ("both", fp::<both::T>()),
        ];
        for (i, (a, fa)) in all.iter().enumerate() {
            for (b, fb) in &all[i + 1..] {
                assert_ne!(fa, fb, "{a} vs {b}");
            }
        }
        let t = into_only::T {
            len: 1,
            upper: false,
        };
        // into: written as the proxy, read as itself.
        assert_eq!(to_json(&t), json!({ "raw": "x" }));
        assert!(accepts::<into_only::T>(json!({ "len": 1, "upper": false })));
        assert!(!accepts::<into_only::T>(json!({ "raw": "x" })));
        // from: written as itself, read as the proxy.
        let t = from_only::T {
            len: 1,
            upper: false,
        };
        assert_eq!(to_json(&t), json!({ "len": 1, "upper": false }));
        assert!(accepts::<from_only::T>(json!({ "raw": "x" })));
    }

    crate::lock_round_trip_test!(
        Proxy,
        none::T,
        both::T,
        try_both::T,
        into_only::T,
        from_only::T
    );
}

// ---------------------------------------------------------------------------------------
// deny_unknown_fields; attributes without a wire effect
// ---------------------------------------------------------------------------------------

mod deny_unknown_fields {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub a: u8,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct S {
            pub a: u8,
        }
    }
    mod enum_before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "t")]
        pub enum E {
            V { a: u8 },
        }
    }
    mod enum_after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "t", deny_unknown_fields)]
        pub enum E {
            V { a: u8 },
        }
    }

    #[test]
    fn deny_unknown_fields_changes_the_fingerprint() {
        assert_ne!(fp::<before::S>(), fp::<after::S>());
        assert!(accepts::<before::S>(json!({ "a": 1, "z": 2 })));
        assert!(!accepts::<after::S>(json!({ "a": 1, "z": 2 })));
    }

    #[test]
    fn deny_unknown_fields_on_an_enum_changes_the_fingerprint() {
        assert_ne!(fp::<enum_before::E>(), fp::<enum_after::E>());
        assert!(accepts::<enum_before::E>(
            json!({ "t": "V", "a": 1, "z": 2 })
        ));
        assert!(!accepts::<enum_after::E>(
            json!({ "t": "V", "a": 1, "z": 2 })
        ));
    }

    crate::lock_round_trip_test!(before::S, after::S, enum_before::E, enum_after::E);
}

mod no_wire_effect {
    use super::*;
    use std::borrow::Cow;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S<T> {
            pub v: T,
        }
    }
    mod bound {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(bound(
            serialize = "T: serde::Serialize",
            deserialize = "T: serde::de::DeserializeOwned"
        ))]
        pub struct S<T> {
            pub v: T,
        }
    }
    mod field_bound {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S<T> {
            #[serde(bound = "T: serde::Serialize + serde::de::DeserializeOwned")]
            pub v: T,
        }
    }
    mod krate {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(crate = "serde")]
        pub struct S<T> {
            pub v: T,
        }
    }
    mod expecting {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(expecting = "a value wrapped in an S")]
        pub struct S<T> {
            pub v: T,
        }
    }
    mod all_of_them {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(crate = "serde", expecting = "an S")]
        #[serde(bound = "T: serde::Serialize + serde::de::DeserializeOwned")]
        pub struct S<T> {
            pub v: T,
        }
    }

    mod no_borrow {
        use std::borrow::Cow;
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S<'a> {
            pub text: Cow<'a, str>,
        }
    }
    mod borrow {
        use std::borrow::Cow;
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S<'a> {
            #[serde(borrow)]
            pub text: Cow<'a, str>,
        }
    }

    #[test]
    fn bound_crate_and_expecting_do_not_change_the_fingerprint() {
        let base = fp::<plain::S<u32>>();
        assert_eq!(fp::<bound::S<u32>>(), base);
        assert_eq!(fp::<field_bound::S<u32>>(), base);
        assert_eq!(fp::<krate::S<u32>>(), base);
        assert_eq!(fp::<expecting::S<u32>>(), base);
        assert_eq!(fp::<all_of_them::S<u32>>(), base);
        assert_eq!(
            to_json(&plain::S { v: 1u32 }),
            to_json(&all_of_them::S { v: 1u32 })
        );
    }

    #[test]
    fn borrow_does_not_change_the_fingerprint() {
        assert_eq!(fp::<no_borrow::S<'static>>(), fp::<borrow::S<'static>>());
        let text = Cow::Borrowed("hi");
        assert_eq!(
            to_json(&no_borrow::S { text: text.clone() }),
            to_json(&borrow::S { text })
        );
    }

    crate::lock_round_trip_test!(
        plain::S<u8>,
        bound::S<u8>,
        field_bound::S<u8>,
        krate::S<u8>,
        expecting::S<u8>,
        all_of_them::S<u8>,
        no_borrow::S<'static>,
        borrow::S<'static>
    );
}

// ---------------------------------------------------------------------------------------
// other, variant-level untagged, identifiers
// ---------------------------------------------------------------------------------------

mod other {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "t")]
        pub enum E {
            A,
            Unknown,
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "t")]
        pub enum E {
            A,
            #[serde(other)]
            Unknown,
        }
    }

    #[test]
    fn other_on_a_unit_variant_changes_the_fingerprint() {
        assert_ne!(fp::<before::E>(), fp::<after::E>());
        assert!(accepts::<after::E>(json!({ "t": "Z" })));
        assert!(!accepts::<before::E>(json!({ "t": "Z" })));
    }

    crate::lock_round_trip_test!(before::E, after::E);
}

mod variant_untagged {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            Raw(u8),
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            A,
            #[serde(untagged)]
            Raw(u8),
        }
    }

    #[test]
    fn an_untagged_variant_changes_the_fingerprint() {
        assert_ne!(fp::<before::E>(), fp::<after::E>());
        assert_eq!(to_json(&before::E::Raw(1)), json!({ "Raw": 1 }));
        assert_eq!(to_json(&after::E::Raw(1)), json!(1));
    }

    crate::lock_round_trip_test!(before::E, after::E);
}

mod identifiers {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Deserialize)]
        pub enum E {
            A,
            B,
        }
    }
    mod field_identifier {
        #[derive(objfp::TypeFingerprint, serde::Deserialize)]
        #[serde(field_identifier)]
        pub enum E {
            A,
            B,
        }
    }
    mod variant_identifier {
        #[derive(objfp::TypeFingerprint, serde::Deserialize)]
        #[serde(variant_identifier)]
        pub enum E {
            A,
            B,
        }
    }

    #[test]
    fn field_and_variant_identifier_change_the_fingerprint() {
        let all = [
            ("plain", fp::<plain::E>()),
            ("field_identifier", fp::<field_identifier::E>()),
            ("variant_identifier", fp::<variant_identifier::E>()),
        ];
        for (i, (a, fa)) in all.iter().enumerate() {
            for (b, fb) in &all[i + 1..] {
                assert_ne!(fa, fb, "{a} vs {b}");
            }
        }
        assert!(accepts::<plain::E>(json!("A")));
        assert!(accepts::<field_identifier::E>(json!("A")));
    }

    crate::lock_round_trip_test!(plain::E, field_identifier::E, variant_identifier::E);
}

// ---------------------------------------------------------------------------------------
// cfg_attr
// ---------------------------------------------------------------------------------------

mod cfg_attr {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub f: u8,
        }
    }
    mod direct {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "x")]
            pub f: u8,
        }
    }
    mod active {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[cfg_attr(all(), serde(rename = "x"))]
            pub f: u8,
        }
    }
    mod inactive {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[cfg_attr(any(), serde(rename = "x"))]
            pub f: u8,
        }
    }
    mod active_container {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(all(), serde(deny_unknown_fields))]
        pub struct S {
            pub f: u8,
        }
    }
    mod direct_container {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct S {
            pub f: u8,
        }
    }

    #[test]
    fn an_active_cfg_attr_counts_like_the_attribute() {
        assert_eq!(fp::<active::S>(), fp::<direct::S>());
        assert_ne!(fp::<active::S>(), fp::<plain::S>());
        assert_eq!(to_json(&active::S { f: 1 }), json!({ "x": 1 }));
        assert_eq!(fp::<active_container::S>(), fp::<direct_container::S>());
    }

    #[test]
    fn an_inactive_cfg_attr_does_not_count() {
        assert_eq!(fp::<inactive::S>(), fp::<plain::S>());
        assert_eq!(to_json(&inactive::S { f: 1 }), json!({ "f": 1 }));
    }

    crate::lock_round_trip_test!(
        plain::S,
        direct::S,
        active::S,
        inactive::S,
        active_container::S,
        direct_container::S
    );
}

// ---------------------------------------------------------------------------------------
// with / serialize_with + #[fingerprint(as)] / #[fingerprint(opaque)]
// ---------------------------------------------------------------------------------------

mod custom_serializer {
    use super::*;

    /// Writes a `u64` as a decimal string.
    pub mod decimal {
        use serde::{Deserialize, Deserializer, Serializer, de};

        pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(v)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
            String::deserialize(d)?.parse().map_err(de::Error::custom)
        }
    }

    /// Writes a `u64` as a hex string.
    pub mod hex {
        use serde::{Deserialize, Deserializer, Serializer, de};

        pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(&format_args!("{v:x}"))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
            u64::from_str_radix(&String::deserialize(d)?, 16).map_err(de::Error::custom)
        }
    }

    mod string_field {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub id: String,
        }
    }
    mod with_as_string {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(with = "super::decimal")]
            #[fingerprint(as = "String")]
            pub id: u64,
        }
    }
    mod serialize_with_as_string {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(
                serialize_with = "super::decimal::serialize",
                deserialize_with = "super::decimal::deserialize"
            )]
            #[fingerprint(as = "String")]
            pub id: u64,
        }
    }
    mod opaque_decimal {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(with = "super::decimal")]
            #[fingerprint(opaque = "u64-decimal-string")]
            pub id: u64,
        }
    }
    mod opaque_hex {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(with = "super::hex")]
            #[fingerprint(opaque = "u64-hex-string")]
            pub id: u64,
        }
    }
    mod opaque_decimal_again {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(serialize_with = "super::decimal::serialize")]
            #[serde(deserialize_with = "super::decimal::deserialize")]
            #[fingerprint(opaque = "u64-decimal-string")]
            pub id: u64,
        }
    }

    /// `as` gives the shape, and the helper's name counts too (SPEC.md §10): swapping
    /// one custom serializer for another is a change even when the annotation stays.
    #[test]
    fn with_and_as_string_give_the_shape_of_string_and_name_the_helper() {
        assert_ne!(fp::<with_as_string::S>(), fp::<string_field::S>());
        let objfp::Shape::Struct(s) = with_as_string::S::DESCRIPTION.shape else {
            unreachable!()
        };
        let id = s.fields.get(0).unwrap();
        assert_eq!((id.ty)().fingerprint, fp::<String>());
        assert_eq!(id.attrs.get("serialize_with"), Some("decimal"));
        assert_eq!(id.attrs.get("deserialize_with"), Some("decimal"));
        assert_eq!(
            to_json(&with_as_string::S { id: 42 }),
            to_json(&string_field::S { id: "42".into() })
        );
        assert!(accepts::<with_as_string::S>(json!({ "id": "42" })));
    }

    /// `with = "m"` is `serialize_with = "m::serialize"` with
    /// `deserialize_with = "m::deserialize"`: one shape.
    #[test]
    fn serialize_with_and_deserialize_with_are_the_same_as_with() {
        assert_eq!(
            fp::<serialize_with_as_string::S>(),
            fp::<with_as_string::S>()
        );
        assert_eq!(
            to_json(&serialize_with_as_string::S { id: 42 }),
            json!({ "id": "42" })
        );
    }

    #[test]
    fn different_opaque_names_give_different_fingerprints() {
        assert_ne!(fp::<opaque_decimal::S>(), fp::<opaque_hex::S>());
        assert_ne!(
            to_json(&opaque_decimal::S { id: 255 }),
            to_json(&opaque_hex::S { id: 255 })
        );
    }

    #[test]
    fn the_same_opaque_name_gives_the_same_fingerprint() {
        assert_eq!(fp::<opaque_decimal::S>(), fp::<opaque_decimal_again::S>());
        assert_ne!(fp::<opaque_decimal::S>(), fp::<string_field::S>());
    }

    crate::lock_round_trip_test!(
        string_field::S,
        with_as_string::S,
        serialize_with_as_string::S,
        opaque_decimal::S,
        opaque_hex::S,
        opaque_decimal_again::S
    );
}

// ---------------------------------------------------------------------------------------
// Disagreements with serde found while writing these tests. Each test asserts what serde
// really does; the fingerprint part fails today.
// ---------------------------------------------------------------------------------------

/// serde decides newtype vs tuple by the number of fields *declared*, before skipping:
/// `struct N(u64)` is a newtype struct (`serialize_newtype_struct`, JSON `5`), while
/// `struct N(u64, #[serde(skip)] u32)` is a tuple struct of length 1 (JSON `[5]`).
mod skipped_tuple_fields {
    use super::*;

    mod newtype {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(pub u64);
    }
    mod tuple_with_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(pub u64, #[serde(skip)] pub u32);
    }
    /// serde ignores `skip` on the field of a newtype struct: the value is still written
    /// and read.
    mod newtype_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(#[serde(skip)] pub u64);
    }
    mod empty_tuple {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N();
    }
    mod newtype_variant {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V(u64),
        }
    }
    mod tuple_variant_with_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V(u64, #[serde(skip)] u32),
        }
    }
    /// A newtype variant whose field is skipped is a *unit* variant to serde.
    mod newtype_variant_skipped {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V(#[serde(skip)] u64),
        }
    }
    mod unit_variant {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V,
        }
    }
    mod empty_tuple_variant {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub enum E {
            V(),
        }
    }

    #[test]
    fn a_tuple_struct_with_a_skipped_field_is_not_a_newtype_struct() {
        assert_eq!(to_json(&newtype::N(5)), json!(5));
        assert_eq!(to_json(&tuple_with_skipped::N(5, 1)), json!([5]));
        assert!(!accepts::<tuple_with_skipped::N>(json!(5)));
        assert_ne!(fp::<newtype::N>(), fp::<tuple_with_skipped::N>());
    }

    #[test]
    fn skip_on_the_field_of_a_newtype_struct_is_ignored_by_serde() {
        assert_eq!(to_json(&newtype_skipped::N(5)), json!(5));
        assert_eq!(to_json(&empty_tuple::N()), json!([]));
        assert!(accepts::<newtype_skipped::N>(json!(5)));
        assert!(!accepts::<newtype_skipped::N>(json!([])));
        assert_ne!(fp::<newtype_skipped::N>(), fp::<empty_tuple::N>());
        assert_eq!(fp::<newtype_skipped::N>(), fp::<newtype::N>());
    }

    #[test]
    fn a_tuple_variant_with_a_skipped_field_is_not_a_newtype_variant() {
        assert_eq!(to_json(&newtype_variant::E::V(5)), json!({ "V": 5 }));
        assert_eq!(
            to_json(&tuple_variant_with_skipped::E::V(5, 1)),
            json!({ "V": [5] })
        );
        assert_ne!(
            fp::<newtype_variant::E>(),
            fp::<tuple_variant_with_skipped::E>()
        );
    }

    #[test]
    fn a_newtype_variant_with_a_skipped_field_is_a_unit_variant() {
        assert_eq!(to_json(&newtype_variant_skipped::E::V(5)), json!("V"));
        assert_eq!(to_json(&unit_variant::E::V), json!("V"));
        assert_eq!(to_json(&empty_tuple_variant::E::V()), json!({ "V": [] }));
        assert!(accepts::<newtype_variant_skipped::E>(json!("V")));
        assert!(!accepts::<newtype_variant_skipped::E>(json!({ "V": [] })));
        assert_ne!(
            fp::<newtype_variant_skipped::E>(),
            fp::<empty_tuple_variant::E>()
        );
        assert_eq!(fp::<newtype_variant_skipped::E>(), fp::<unit_variant::E>());
    }

    crate::lock_round_trip_test!(
        newtype::N,
        tuple_with_skipped::N,
        newtype_skipped::N,
        empty_tuple::N,
        newtype_variant::E,
        tuple_variant_with_skipped::E,
        newtype_variant_skipped::E,
        unit_variant::E,
        empty_tuple_variant::E
    );
}

/// serde ignores these field attributes on the one field of a newtype struct; objfp
/// records them, so it reports a change where the wire has none (the safe direction).
mod newtype_field_attributes {
    use super::*;

    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(pub u64);
    }
    mod skip_serializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(#[serde(skip_serializing)] pub u64);
    }
    mod skip_deserializing {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(#[serde(skip_deserializing)] pub u64);
    }
    mod skip_serializing_if {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct N(#[serde(skip_serializing_if = "is_zero")] pub u64);
        fn is_zero(v: &u64) -> bool {
            *v == 0
        }
    }

    #[test]
    fn skip_attributes_on_a_newtype_field_are_ignored_by_serde() {
        assert_eq!(to_json(&skip_serializing::N(5)), json!(5));
        assert_eq!(
            serde_json::from_value::<skip_deserializing::N>(json!(5))
                .map(|n| n.0)
                .ok(),
            Some(5)
        );
        assert_eq!(to_json(&skip_deserializing::N(5)), json!(5));
        assert_eq!(to_json(&skip_serializing_if::N(0)), json!(0));
        assert_eq!(fp::<skip_serializing::N>(), fp::<plain::N>());
        assert_eq!(fp::<skip_deserializing::N>(), fp::<plain::N>());
        assert_eq!(fp::<skip_serializing_if::N>(), fp::<plain::N>());
    }

    crate::lock_round_trip_test!(
        plain::N,
        skip_serializing::N,
        skip_deserializing::N,
        skip_serializing_if::N
    );
}

/// In an untagged enum serde writes no variant name and reads none: variants are tried
/// in order by shape. objfp hashes the names anyway (the safe direction).
mod untagged_variant_names {
    use super::*;

    mod before {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum E {
            Number(u64),
            Text(String),
        }
    }
    mod after {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum E {
            Int(u64),
            #[serde(rename = "str")]
            Text(String),
        }
    }

    #[test]
    fn untagged_variant_names_are_not_significant() {
        assert_eq!(to_json(&before::E::Number(1)), to_json(&after::E::Int(1)));
        assert_eq!(
            to_json(&before::E::Text("a".into())),
            to_json(&after::E::Text("a".into()))
        );
        assert_eq!(fp::<before::E>(), fp::<after::E>());
    }

    crate::lock_round_trip_test!(before::E, after::E);
}

/// serde accepts a field's deserialize name plus its aliases: the same set written two
/// ways, or an alias equal to the name, reads exactly the same input.
mod accepted_name_sets {
    use super::*;

    mod rename_then_alias {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename = "a", alias = "b")]
            pub f: u8,
        }
    }
    mod split_then_alias {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(rename(serialize = "a", deserialize = "b"), alias = "a")]
            pub f: u8,
        }
    }
    mod plain {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            pub f: u8,
        }
    }
    mod alias_of_itself {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
        pub struct S {
            #[serde(alias = "f")]
            pub f: u8,
        }
    }

    #[test]
    fn the_same_accepted_names_written_two_ways_are_the_same_shape() {
        for key in ["a", "b"] {
            assert!(accepts::<rename_then_alias::S>(json!({ key: 1 })));
            assert!(accepts::<split_then_alias::S>(json!({ key: 1 })));
        }
        assert_eq!(
            to_json(&rename_then_alias::S { f: 1 }),
            to_json(&split_then_alias::S { f: 1 })
        );
        assert_eq!(fp::<rename_then_alias::S>(), fp::<split_then_alias::S>());
    }

    #[test]
    fn an_alias_equal_to_the_name_is_not_significant() {
        assert!(accepts::<alias_of_itself::S>(json!({ "f": 1 })));
        assert!(!accepts::<alias_of_itself::S>(json!({ "g": 1 })));
        assert_eq!(fp::<alias_of_itself::S>(), fp::<plain::S>());
    }

    crate::lock_round_trip_test!(
        rename_then_alias::S,
        split_then_alias::S,
        plain::S,
        alias_of_itself::S
    );
}

/// `from` and `into` naming the same type spelled two ways.
mod from_into_spelling {
    use super::*;

    mod alike {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(from = "String", into = "String")]
        pub struct S(pub String);
        impl From<String> for S {
            fn from(s: String) -> S {
                S(s)
            }
        }
        impl From<S> for String {
            fn from(s: S) -> String {
                s.0
            }
        }
    }
    mod spelled_apart {
        #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize, Clone)]
        #[serde(from = "String", into = "std::string::String")]
        pub struct S(pub String);
        impl From<String> for S {
            fn from(s: String) -> S {
                S(s)
            }
        }
        impl From<S> for String {
            fn from(s: S) -> String {
                s.0
            }
        }
    }

    #[test]
    fn from_and_into_spelled_alike_give_the_type_fingerprint() {
        assert_eq!(fp::<alike::S>(), fp::<String>());
        assert_eq!(to_json(&alike::S("a".into())), json!("a"));
    }

    #[test]
    fn from_and_into_spelled_apart_give_the_type_fingerprint() {
        assert_eq!(
            to_json(&spelled_apart::S("a".into())),
            to_json(&alike::S("a".into()))
        );
        assert_eq!(fp::<spelled_apart::S>(), fp::<String>());
    }

    crate::lock_round_trip_test!(alike::S, spelled_apart::S);
}

// The lockfile round trip for the types of each group above: `lockfile_round_trip` in
// each group module (tests/support/lock.rs).
mod support;
