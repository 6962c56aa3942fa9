//! Interface fingerprints (SPEC.md §12): what changes a trait's interface fingerprint, and
//! how `#[fingerprint(implements(...))]` folds it into a type's fingerprint.
#![allow(dead_code)]

use objfp::{Fingerprint, TypeFingerprint};

macro_rules! iface {
    ($($path:tt)*) => {
        objfp::interface_of!($($path)*).fingerprint
    };
}

pub mod types {
    #[derive(objfp::TypeFingerprint)]
    pub struct Order {
        pub id: u64,
        pub cents: u32,
    }
    pub mod wider {
        #[derive(objfp::TypeFingerprint)]
        pub struct Order {
            pub id: u64,
            pub cents: u64,
        }
    }
}

mod base {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        /// Docs do not count.
        fn count(&self) -> usize {
            0
        }
    }
}

mod reordered {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn count(&self) -> usize;
        fn get(&self, id: u64) -> Option<Order>;
        fn place(&mut self, order: Order) -> u64;
    }
}

mod params_renamed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, new_order: Order) -> u64;
        fn get(&self, order_id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod method_added {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
        fn cancel(&mut self, id: u64) -> bool;
    }
}

mod method_removed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
    }
}

mod method_renamed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn submit(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod param_type_changed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u32) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod return_type_changed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Order;
        fn count(&self) -> usize;
    }
}

mod deep_type_changed {
    use super::types::wider::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod receiver_changed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod made_async {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        async fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod with_assoc {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        type Error;
        const LIMIT: u32;
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

mod with_assoc_const_type_changed {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        type Error;
        const LIMIT: u64;
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

fn base() -> Fingerprint {
    iface!(base::Orders)
}

#[test]
fn method_order_does_not_change_the_interface() {
    assert_eq!(iface!(reordered::Orders), base());
}

#[test]
fn parameter_names_default_bodies_and_docs_do_not_change_the_interface() {
    assert_eq!(iface!(params_renamed::Orders), base());
}

#[test]
fn adding_removing_or_renaming_a_method_changes_the_interface() {
    assert_ne!(iface!(method_added::Orders), base());
    assert_ne!(iface!(method_removed::Orders), base());
    assert_ne!(iface!(method_renamed::Orders), base());
}

#[test]
fn parameter_or_return_type_change_changes_the_interface() {
    assert_ne!(iface!(param_type_changed::Orders), base());
    assert_ne!(iface!(return_type_changed::Orders), base());
}

#[test]
fn change_deep_inside_a_referenced_type_changes_the_interface() {
    assert_ne!(iface!(deep_type_changed::Orders), base());
}

#[test]
fn receiver_and_asyncness_change_the_interface() {
    assert_ne!(iface!(receiver_changed::Orders), base());
    assert_ne!(iface!(made_async::Orders), base());
}

#[test]
fn associated_types_and_consts_count() {
    assert_ne!(iface!(with_assoc::Orders), base());
    assert_ne!(
        iface!(with_assoc_const_type_changed::Orders),
        iface!(with_assoc::Orders)
    );
}

#[test]
fn how_the_trait_path_is_spelled_does_not_matter() {
    use base::Orders;
    assert_eq!(iface!(Orders), iface!(crate::base::Orders));
    assert_eq!(iface!(self::base::Orders), base());
}

#[test]
fn description_lists_methods_sorted_with_their_types() {
    let d = objfp::interface_of!(base::Orders);
    let names: Vec<_> = d.methods.iter().map(|m| m.name).collect();
    assert_eq!(names, ["count", "get", "place"]);
    let place = &d.methods[2];
    assert_eq!(place.receiver, objfp::Receiver::RefMut);
    assert_eq!((place.params[0])().fingerprint, types::Order::FINGERPRINT);
    assert_eq!((place.output)().fingerprint, u64::FINGERPRINT);
}

// ---- implements(...) ------------------------------------------------------------------

#[objfp::interface]
pub trait Named {
    fn name(&self) -> String;
}

#[objfp::interface]
pub trait Sized2 {
    fn size(&self) -> u64;
}

mod plain {
    #[derive(objfp::TypeFingerprint)]
    pub struct Thing {
        pub id: u64,
    }
}

mod one {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(implements(super::Named))]
    pub struct Thing {
        pub id: u64,
    }
    impl super::Named for Thing {
        fn name(&self) -> String {
            String::new()
        }
    }
}

mod both {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(implements(super::Named, crate::Sized2))]
    pub struct Thing {
        pub id: u64,
    }
    impl super::Named for Thing {
        fn name(&self) -> String {
            String::new()
        }
    }
    impl super::Sized2 for Thing {
        fn size(&self) -> u64 {
            0
        }
    }
}

mod both_reversed {
    use super::{Named, Sized2};
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(implements(Sized2, Named))]
    pub struct Thing {
        pub id: u64,
    }
    impl Named for Thing {
        fn name(&self) -> String {
            String::new()
        }
    }
    impl Sized2 for Thing {
        fn size(&self) -> u64 {
            0
        }
    }
}

#[test]
fn declaring_a_trait_changes_the_type_fingerprint() {
    assert_ne!(one::Thing::FINGERPRINT, plain::Thing::FINGERPRINT);
    assert_ne!(both::Thing::FINGERPRINT, one::Thing::FINGERPRINT);
}

#[test]
fn implements_list_order_and_spelling_do_not_matter() {
    assert_eq!(both::Thing::FINGERPRINT, both_reversed::Thing::FINGERPRINT);
}

#[test]
fn implements_is_the_sorted_set_of_interfaces_over_the_own_fingerprint() {
    let expected = objfp::interface::with_interfaces(
        plain::Thing::FINGERPRINT,
        &[iface!(Named), iface!(Sized2)],
    );
    assert_eq!(both::Thing::FINGERPRINT, expected);
}

mod named_v2 {
    #[objfp::interface]
    pub trait Named {
        fn name(&self) -> String;
        fn rename(&mut self, to: String);
    }

    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(implements(Named))]
    pub struct Thing {
        pub id: u64,
    }
    impl Named for Thing {
        fn name(&self) -> String {
            String::new()
        }
        fn rename(&mut self, _to: String) {}
    }
}

#[test]
fn description_names_each_declared_interface_so_a_diff_can_explain_it() {
    let d = one::Thing::DESCRIPTION;
    let objfp::Shape::Struct(s) = &d.shape else {
        panic!("a struct")
    };
    let expected = format!("Named {}", iface!(Named));
    assert!(
        s.attrs
            .iter()
            .any(|a| a.key == "implements" && a.value == expected),
        "{:?}",
        s.attrs
    );
    let changes: Vec<String> = objfp::diff::diff(d, named_v2::Thing::DESCRIPTION)
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(changes.len(), 1, "{changes:?}");
    let expected = format!(
        "Thing: interface: changed implements \"Named {}\" -> \"Named {}\"",
        iface!(Named),
        iface!(named_v2::Named)
    );
    assert_eq!(changes[0], expected);
}

#[test]
fn lockfile_records_declared_interfaces_and_explains_their_change() {
    let dir = std::env::temp_dir().join(format!("objfp-iface-lock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fingerprints.lock");
    let before = [objfp::lock::entry::<one::Thing>("Thing")];
    let after = [objfp::lock::entry::<named_v2::Thing>("Thing")];
    objfp::lock::check_with(&path, &before, objfp::lock::Mode::Update).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("Named {}", iface!(Named))), "{text}");
    objfp::lock::check_with(&path, &before, objfp::lock::Mode::Verify).unwrap();
    let err = objfp::lock::check_with(&path, &after, objfp::lock::Mode::Verify).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("interface: changed implements"),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(
    types::Order,
    types::wider::Order,
    plain::Thing,
    one::Thing,
    both::Thing,
    both_reversed::Thing,
    named_v2::Thing
);
