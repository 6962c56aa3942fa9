//! Recursive types (SPEC.md §8): they compile, get a well-defined fingerprint, and every
//! change inside the cycle changes it.
#![allow(dead_code)]

use objfp::{Fingerprint, TypeFingerprint};

fn fp<T: TypeFingerprint + ?Sized>() -> Fingerprint {
    T::FINGERPRINT
}

mod list {
    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u32, Box<List>),
    }
}

mod list_self {
    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u32, Box<Self>),
    }
}

mod list_renamed {
    #[derive(objfp::TypeFingerprint)]
    pub enum Chain {
        Nil,
        Cons(u32, Box<Chain>),
    }
}

mod list_u64 {
    #[derive(objfp::TypeFingerprint)]
    pub enum List {
        Nil,
        Cons(u64, Box<List>),
    }
}

#[test]
fn self_recursive_enum_compiles_and_is_stable_under_spelling() {
    assert_eq!(fp::<list::List>(), fp::<list_self::List>());
    assert_eq!(fp::<list::List>(), fp::<list_renamed::Chain>());
}

#[test]
fn change_inside_a_self_recursive_type_changes_it() {
    assert_ne!(fp::<list::List>(), fp::<list_u64::List>());
}

#[test]
fn recursive_type_differs_from_the_non_recursive_one() {
    #[derive(TypeFingerprint)]
    enum NotList {
        Nil,
        Cons(u32, Box<u32>),
    }
    assert_ne!(fp::<list::List>(), fp::<NotList>());
    crate::lock_round_trip!(NotList);
}

mod tree {
    #[derive(objfp::TypeFingerprint)]
    pub struct Tree<X> {
        pub value: X,
        pub children: Vec<Tree<X>>,
    }
}

mod tree_option {
    #[derive(objfp::TypeFingerprint)]
    pub struct Tree<X> {
        pub value: X,
        pub children: Option<Vec<Tree<X>>>,
    }
}

#[test]
fn generic_self_recursive_type_depends_on_its_argument() {
    assert_ne!(fp::<tree::Tree<u8>>(), fp::<tree::Tree<u16>>());
    assert_eq!(fp::<tree::Tree<u8>>(), fp::<tree::Tree<u8>>());
    assert_ne!(fp::<tree::Tree<u8>>(), fp::<tree_option::Tree<u8>>());
}

#[test]
fn recursive_type_nested_in_another_composes() {
    #[derive(TypeFingerprint)]
    struct Doc {
        root: tree::Tree<String>,
    }
    #[derive(TypeFingerprint)]
    struct Doc2 {
        root: tree_option::Tree<String>,
    }
    assert_ne!(fp::<Doc>(), fp::<Doc2>());
    crate::lock_round_trip!(Doc, Doc2);
}

mod mutual {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct A {
        pub b: Option<Box<B>>,
        pub x: u8,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct B {
        pub a: Option<Box<A>>,
    }
}

mod mutual_b_changed {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct A {
        pub b: Option<Box<B>>,
        pub x: u8,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct B {
        pub a: Option<Box<A>>,
        pub extra: bool,
    }
}

mod mutual_three {
    // A -> B -> C -> A, and a type outside the cycle referencing it.
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub struct A {
        pub b: Vec<B>,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub enum B {
        Leaf(u32),
        Node(Box<C>),
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub struct C {
        pub a: Option<Box<A>>,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Root {
        pub a: A,
    }
}

mod mutual_three_changed {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub struct A {
        pub b: Vec<B>,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub enum B {
        Leaf(u32),
        Node(Box<C>),
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B, C))]
    pub struct C {
        pub a: Option<Box<A>>,
        pub depth: u16,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Root {
        pub a: A,
    }
}

#[test]
fn mutually_recursive_types_compile_with_distinct_fingerprints() {
    assert_ne!(fp::<mutual::A>(), fp::<mutual::B>());
}

#[test]
fn change_in_one_member_of_a_cycle_changes_every_member() {
    assert_ne!(fp::<mutual::A>(), fp::<mutual_b_changed::A>());
    assert_ne!(fp::<mutual::B>(), fp::<mutual_b_changed::B>());
}

#[test]
fn change_deep_in_a_cycle_changes_the_root_outside_it() {
    use mutual_three as v1;
    use mutual_three_changed as v2;
    assert_ne!(fp::<v1::A>(), fp::<v2::A>());
    assert_ne!(fp::<v1::B>(), fp::<v2::B>());
    assert_ne!(fp::<v1::Root>(), fp::<v2::Root>());
}

// Issue 12.5: the order of `cycle(...)` does not change any fingerprint.
mod mutual_three_reordered {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(C, A, B))]
    pub struct A {
        pub b: Vec<B>,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(C, A, B))]
    pub enum B {
        Leaf(u32),
        Node(Box<C>),
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(C, A, B))]
    pub struct C {
        pub a: Option<Box<A>>,
    }
    #[derive(objfp::TypeFingerprint)]
    pub struct Root {
        pub a: A,
    }
}

#[test]
fn cycle_order_does_not_change_fingerprints() {
    use mutual_three as listed;
    use mutual_three_reordered as reordered;
    assert_eq!(fp::<listed::A>(), fp::<reordered::A>());
    assert_eq!(fp::<listed::B>(), fp::<reordered::B>());
    assert_eq!(fp::<listed::C>(), fp::<reordered::C>());
    assert_eq!(fp::<listed::Root>(), fp::<reordered::Root>());
    // Positions follow the fingerprints with the cycle removed, so they are a
    // permutation of 0..3 whatever the listed order.
    use objfp::__private::CycleMember;
    let mut positions = [
        <listed::A as CycleMember>::POSITION,
        <listed::B as CycleMember>::POSITION,
        <listed::C as CycleMember>::POSITION,
    ];
    assert_eq!(
        positions,
        [
            <reordered::A as CycleMember>::POSITION,
            <reordered::B as CycleMember>::POSITION,
            <reordered::C as CycleMember>::POSITION,
        ]
    );
    positions.sort();
    assert_eq!(positions, [0, 1, 2]);
}

// Members whose structures are identical up to the cycle tie, and keep the listed order
// (SPEC.md §8 says so): reordering them may change the fingerprints.
mod symmetric_ab {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct A {
        pub next: Option<Box<B>>,
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(A, B))]
    pub struct B {
        pub next: Option<Box<A>>,
    }
}

#[test]
fn tied_members_keep_the_listed_order() {
    use objfp::__private::CycleMember;
    assert_eq!(
        <symmetric_ab::A as CycleMember>::LOCAL0,
        <symmetric_ab::B as CycleMember>::LOCAL0
    );
    assert_eq!(<symmetric_ab::A as CycleMember>::POSITION, 0);
    assert_eq!(<symmetric_ab::B as CycleMember>::POSITION, 1);
}

// Issue 12.5: a member spelled through a path is recognised as the member (and checked to
// be it at compile time).
pub mod ast {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Expr, Block))]
    pub enum Expr {
        Lit(i64),
        Block(Box<crate::ast::Block>),
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Expr, Block))]
    pub struct Block {
        pub exprs: Vec<self::Expr>,
    }
}

mod ast_plain {
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Expr, Block))]
    pub enum Expr {
        Lit(i64),
        Block(Box<Block>),
    }
    #[derive(objfp::TypeFingerprint)]
    #[fingerprint(cycle(Expr, Block))]
    pub struct Block {
        pub exprs: Vec<Expr>,
    }
}

#[test]
fn members_spelled_through_paths_are_the_members() {
    assert_eq!(fp::<ast::Expr>(), fp::<ast_plain::Expr>());
    assert_eq!(fp::<ast::Block>(), fp::<ast_plain::Block>());
}

#[test]
fn descriptions_of_recursive_types_point_back_at_themselves() {
    let d = list::List::DESCRIPTION;
    let objfp::Shape::Enum(e) = &d.shape else {
        panic!("an enum describes as an enum")
    };
    let cons = e.variants.get(1).unwrap();
    assert_eq!(cons.name, "Cons");
    // Box is transparent: the second field describes as List itself.
    assert_eq!(
        (cons.fields.get(1).unwrap().ty)().fingerprint,
        d.fingerprint
    );
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(
    list::List,
    list_self::List,
    list_renamed::Chain,
    list_u64::List,
    tree::Tree<u8>,
    tree_option::Tree<String>,
    mutual::A,
    mutual::B,
    mutual_b_changed::A,
    mutual_b_changed::B,
    mutual_three::A,
    mutual_three::B,
    mutual_three::C,
    mutual_three::Root,
    mutual_three_changed::A,
    mutual_three_changed::B,
    mutual_three_changed::C,
    mutual_three_changed::Root
);
