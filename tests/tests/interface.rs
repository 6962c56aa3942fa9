//! Interface fingerprints (SPEC.md §12): what changes a trait's interface fingerprint, and
//! how `#[fingerprint(implements(...))]` folds it into a type's fingerprint.
#![allow(dead_code)]
// The tests spell `cfg`s and receivers in every way that means the same on purpose.
#![allow(
    clippy::non_minimal_cfg,
    clippy::needless_arbitrary_self_type,
    clippy::needless_lifetimes
)]

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
    let dir = support::tempdir::TempDir::new("iface-lock");
    let path = dir.lockfile();
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
}

// ---- #[cfg] on items (audit 11, finding 12) ---------------------------------------------

/// `base::Orders` with extra items under `cfg`s that never hold, and its own items under
/// `cfg`s that always do: the interface rustc compiles is `base::Orders`. (It compiles
/// only if nothing generated names `NotDefinedAnywhere` either.)
mod cfg_items {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        #[cfg(all())]
        fn place(&mut self, order: Order) -> u64;
        #[cfg_attr(any(), cfg(any()))]
        fn get(&self, id: u64) -> Option<Order>;
        #[cfg(any())]
        fn cancel(&mut self, id: u64) -> bool;
        #[cfg(any())]
        fn missing(&self, what: NotDefinedAnywhere);
        #[cfg_attr(all(), cfg(any()))]
        fn audit(&self) -> Vec<u64>;
        #[cfg(all())]
        #[cfg_attr(all(), doc = "a cfg_attr without cfg removes nothing")]
        fn count(&self) -> usize;
        #[cfg(any())]
        type Error;
        #[cfg(any())]
        const LIMIT: u32;
    }
}

/// Two methods of one name under exclusive `cfg`s: the one that holds counts.
mod cfg_exclusive {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(&mut self, order: Order) -> u64;
        #[cfg(any())]
        fn get(&mut self, id: u32) -> Order;
        #[cfg(not(any()))]
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

/// Parameters and a receiver under `cfg`.
mod cfg_params {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        fn place(
            &mut self,
            order: Order,
            #[cfg(any())] urgent: bool,
            #[cfg(any())] missing: NotDefinedAnywhere,
        ) -> u64;
        fn get(&self, #[cfg(all())] id: u64) -> Option<Order>;
        fn count(&self) -> usize;
        fn make(#[cfg(any())] &self) -> u8;
        fn keep(#[cfg(all())] &self) -> u8;
    }
}

mod with_assoc_cfg {
    use super::types::Order;
    #[objfp::interface]
    pub trait Orders {
        #[cfg(all())]
        type Error;
        #[cfg(not(any()))]
        const LIMIT: u32;
        #[cfg(any())]
        const GONE: u64;
        #[cfg(any())]
        type Gone;
        fn place(&mut self, order: Order) -> u64;
        fn get(&self, id: u64) -> Option<Order>;
        fn count(&self) -> usize;
    }
}

/// The trait's own `cfg`, even after the attribute: rustc evaluates it before the macro
/// runs, so the interface const goes with the trait. (This compiles only if the const is
/// left out too, since `Missing` does not exist.)
mod cfg_trait {
    #[objfp::interface]
    #[cfg(any())]
    pub trait Gone {
        fn get(&self) -> Missing;
    }

    #[objfp::interface]
    #[cfg(all())]
    pub trait Kept {
        fn get(&self) -> u8;
    }
}

#[test]
fn a_method_under_cfg_counts_exactly_when_the_cfg_holds() {
    assert_eq!(iface!(cfg_items::Orders), base());
    let d = objfp::interface_of!(cfg_items::Orders);
    let names: Vec<_> = d.methods.iter().map(|m| m.name).collect();
    assert_eq!(names, ["count", "get", "place"]);
    assert!(d.types.is_empty() && d.consts.is_empty());
}

#[test]
fn methods_of_one_name_under_exclusive_cfgs_count_once() {
    assert_eq!(iface!(cfg_exclusive::Orders), base());
    let d = objfp::interface_of!(cfg_exclusive::Orders);
    assert_eq!(d.methods[1].name, "get");
    assert_eq!(d.methods[1].receiver, objfp::Receiver::Ref);
}

#[test]
fn a_parameter_or_receiver_under_cfg_counts_exactly_when_the_cfg_holds() {
    let d = objfp::interface_of!(cfg_params::Orders);
    let params: Vec<_> = d.methods.iter().map(|m| m.params.len()).collect();
    assert_eq!(params, [0, 1, 0, 0, 1]); // count, get, keep, make, place
    assert_eq!(d.methods[2].receiver, objfp::Receiver::Ref);
    // `make` lost its receiver: it is an associated function.
    assert_eq!(d.methods[3].receiver, objfp::Receiver::None);
    #[objfp::interface]
    pub trait Expected {
        fn place(&mut self, order: types::Order) -> u64;
        fn get(&self, id: u64) -> Option<types::Order>;
        fn count(&self) -> usize;
        fn make() -> u8;
        fn keep(&self) -> u8;
    }
    assert_eq!(iface!(cfg_params::Orders), iface!(Expected));
}

#[test]
fn associated_types_and_consts_under_cfg_count_exactly_when_the_cfg_holds() {
    assert_eq!(iface!(with_assoc_cfg::Orders), iface!(with_assoc::Orders));
    let d = objfp::interface_of!(with_assoc_cfg::Orders);
    assert_eq!(d.types, ["Error"]);
    assert_eq!(d.consts.len(), 1);
    assert_eq!(d.consts[0].0, "LIMIT");
}

#[test]
fn the_interface_of_a_trait_under_cfg_follows_the_trait() {
    assert_eq!(objfp::interface_of!(cfg_trait::Kept).methods.len(), 1);
}

// ---- receivers (finding 12) -----------------------------------------------------------

mod receivers_short {
    #[objfp::interface]
    pub trait R {
        fn a(&self) -> u8;
        fn b(&mut self) -> u8;
        fn c(self) -> u8;
        fn d(self: Box<Self>) -> u8;
        fn e(self: std::pin::Pin<&mut Self>) -> u8;
    }
}

mod receivers_typed_out {
    #[objfp::interface]
    pub trait R<'a> {
        fn a(self: &'a Self) -> u8;
        fn b(self: &mut Self) -> u8;
        fn c(mut self: Self) -> u8
        where
            Self: Sized,
        {
            let _ = &mut self;
            0
        }
        fn d(self: std::boxed::Box<Self>) -> u8;
        fn e(self: core::pin::Pin<&'a mut Self>) -> u8;
    }
}

#[allow(unused_parens)]
mod receivers_lifetimes {
    #[objfp::interface]
    pub trait R {
        fn a<'x>(&'x self) -> u8;
        fn b<'x>(&'x mut self) -> u8;
        fn c(mut self) -> u8
        where
            Self: Sized,
        {
            let _ = &mut self;
            0
        }
        fn d(self: (Box<Self>)) -> u8;
        fn e(self: std::pin::Pin<&mut (Self)>) -> u8;
    }
}

mod receivers_rc {
    use std::rc::Rc;
    #[objfp::interface]
    pub trait R {
        fn a(&self) -> u8;
        fn b(&mut self) -> u8;
        fn c(self) -> u8;
        fn d(self: Rc<Self>) -> u8;
        fn e(self: std::pin::Pin<&mut Self>) -> u8;
    }
}

mod receivers_pin_box {
    #[objfp::interface]
    pub trait R {
        fn a(&self) -> u8;
        fn b(&mut self) -> u8;
        fn c(self) -> u8;
        fn d(self: Box<Self>) -> u8;
        fn e(self: std::pin::Pin<Box<Self>>) -> u8;
    }
}

#[test]
fn a_receiver_has_one_encoding_however_it_is_spelled() {
    assert_eq!(iface!(receivers_typed_out::R), iface!(receivers_short::R));
    assert_eq!(iface!(receivers_lifetimes::R), iface!(receivers_short::R));
    let d = objfp::interface_of!(receivers_typed_out::R);
    let receivers: Vec<_> = d.methods.iter().map(|m| m.receiver).collect();
    use objfp::Receiver::*;
    assert_eq!(
        receivers,
        [
            Ref,
            RefMut,
            Value,
            Typed("Box<Self>"),
            Typed("Pin<&mut Self>")
        ]
    );
}

#[test]
fn a_typed_receiver_counts_its_type() {
    assert_ne!(iface!(receivers_rc::R), iface!(receivers_short::R));
    assert_ne!(iface!(receivers_pin_box::R), iface!(receivers_short::R));
    assert_ne!(iface!(receivers_rc::R), iface!(receivers_pin_box::R));
    let d = objfp::interface_of!(receivers_pin_box::R);
    assert_eq!(
        d.methods[4].receiver,
        objfp::Receiver::Typed("Pin<Box<Self>>")
    );
}

// ---- `Self` in signatures (finding 16) ------------------------------------------------

mod with_self {
    #[objfp::interface]
    pub trait Shape {
        fn make() -> Self
        where
            Self: Sized;
        fn merge(&self, other: &Self) -> Vec<Self>
        where
            Self: Sized;
        const ZERO: Option<Box<Self>>;
    }
}

#[test]
fn self_in_a_signature_is_the_opaque_node_self() {
    use support::{E, prim, reference};
    let me = objfp::encoding::opaque("Self");
    let d = objfp::interface_of!(with_self::Shape);
    assert_eq!((d.methods[0].output)().fingerprint, me);
    assert_eq!((d.methods[0].output)().name, "Self");
    assert_eq!((d.methods[1].params[0])().fingerprint, me);
    let vec_self: Fingerprint = E(support::preimage::Expr::seq(reference(me).0)).into();
    assert_eq!((d.methods[1].output)().fingerprint, vec_self);
    let option_self: Fingerprint = E(support::preimage::Expr::option(reference(me).0)).into();
    assert_eq!((d.consts[0].1)().fingerprint, option_self);
    // `Self` is not any particular type.
    assert_ne!(me, prim(objfp::Primitive::Unit).fp());
}

// ---- lifetimes (finding 17) -----------------------------------------------------------

mod with_lifetimes {
    use std::borrow::Cow;
    #[objfp::interface]
    pub trait Parser<'src>: 'src {
        const NAME: &'src str;
        fn parse<'a>(&'a mut self, input: &'src str) -> Option<&'a str>;
        fn words(&self, input: Cow<'src, str>) -> Vec<Cow<'static, str>>;
        fn each(&self, f: &dyn for<'x> super::Callback<'x>) -> u8
        where
            Self: 'src;
    }
}

mod without_lifetimes {
    use std::borrow::Cow;
    #[objfp::interface]
    pub trait Parser {
        const NAME: &'static str;
        fn parse(&mut self, input: &str) -> Option<&str>;
        fn words(&self, input: Cow<'_, str>) -> Vec<Cow<'_, str>>;
        fn each(&self, f: &dyn for<'y> super::Callback<'y>) -> u8;
    }
}

pub trait Callback<'x> {
    fn call(&self, word: &'x str);
}

impl objfp::TypeFingerprint for dyn for<'x> Callback<'x> + '_ {
    const FINGERPRINT: Fingerprint = objfp::encoding::opaque("callback");
    const DESCRIPTION: &'static objfp::Description = &objfp::Description {
        name: "callback",
        args: &[],
        fingerprint: Self::FINGERPRINT,
        shape: objfp::Shape::Opaque("callback"),
    };
}

#[test]
fn lifetimes_of_the_trait_and_its_methods_are_ignored() {
    assert_eq!(
        iface!(with_lifetimes::Parser),
        iface!(without_lifetimes::Parser)
    );
    // Lifetime arguments in the path are accepted and ignored too.
    assert_eq!(
        iface!(with_lifetimes::Parser<'static>),
        iface!(with_lifetimes::Parser)
    );
    let d = objfp::interface_of!(with_lifetimes::Parser);
    assert_eq!(
        (d.methods[1].output)().fingerprint,
        <Option<&str>>::FINGERPRINT
    );
}

// ---- signatures that failed to read -----------------------------------------------------

pub struct Wrap<const N: usize>;

/// Const arguments in braces in supertraits and where-clauses, inner attributes, and
/// attribute forms syn's `Meta` does not read: none of them is part of the interface.
mod odd_syntax {
    use super::types::Order;
    pub trait Bound<const N: usize> {}
    impl<T: ?Sized, const N: usize> Bound<N> for T {}

    #[objfp::interface]
    pub trait Orders: Bound<{ 1 + 1 }> {
        #![allow(unused)]
        #[doc = concat!("places ", "an order")]
        fn place(&mut self, order: Order) -> u64
        where
            super::Wrap<{ 2 }>: Sized;
        fn get(&self, id: u64) -> Option<Order>;
        fn r#count(&self) -> usize;
    }
}

#[test]
fn braced_const_arguments_inner_attributes_and_raw_names_read_as_written() {
    assert_eq!(iface!(odd_syntax::Orders), base());
}

mod futures {
    use std::future::Future;
    use std::pin::Pin;
    #[objfp::interface]
    #[allow(async_fn_in_trait)]
    pub trait Fetch {
        async fn fetch(&self, id: u64) -> String;
        async fn ping(&self);
    }

    pub mod desugared {
        use super::*;
        #[objfp::interface]
        pub trait Fetch {
            fn fetch(&self, id: u64) -> impl Future<Output = String> + Send;
            fn ping(&self) -> impl core::future::Future<Output = ()>;
        }
    }

    pub mod boxed {
        use super::*;
        #[objfp::interface]
        pub trait Fetch {
            fn fetch<'a>(&'a self, id: u64) -> Pin<Box<dyn Future<Output = String> + Send + 'a>>;
            fn ping(&self) -> Pin<Box<dyn Future<Output = ()>>>;
        }
    }
}

#[test]
fn a_method_returning_impl_future_is_an_async_fn() {
    assert_eq!(iface!(futures::desugared::Fetch), iface!(futures::Fetch));
    assert_eq!(iface!(futures::boxed::Fetch), iface!(futures::Fetch));
    let d = objfp::interface_of!(futures::desugared::Fetch);
    assert!(d.methods[0].is_async);
    assert_eq!((d.methods[0].output)().fingerprint, String::FINGERPRINT);
}

mod qualifiers {
    use super::types::Order;
    /// # Safety
    /// None needed: only the signatures matter here.
    #[objfp::interface]
    pub unsafe trait Orders {
        unsafe fn place(&mut self, order: Order) -> u64;
        extern "C" fn get(&self, id: u64) -> Option<Order>;
        unsafe extern "C" fn count(&self) -> usize {
            0
        }
    }
}

#[test]
fn unsafe_and_extern_do_not_change_the_interface() {
    assert_eq!(iface!(qualifiers::Orders), base());
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
