#![allow(dead_code)]
use objfp::TypeFingerprint;

#[derive(TypeFingerprint)]
struct Item {
    sku: String,
    price: u64,
}

#[derive(TypeFingerprint)]
struct Order {
    id: u64,
    items: Vec<Item>,
    note: Option<String>,
}

#[derive(TypeFingerprint)]
enum List {
    Nil,
    Cons(u32, Box<List>),
}

#[derive(TypeFingerprint)]
struct Tree<X> {
    v: X,
    kids: Vec<Tree<X>>,
}

#[derive(TypeFingerprint)]
#[fingerprint(cycle(A, B))]
struct A {
    b: Option<Box<B>>,
    x: u8,
}
#[derive(TypeFingerprint)]
#[fingerprint(cycle(A, B))]
struct B {
    a: Option<Box<A>>,
}

#[derive(TypeFingerprint)]
#[repr(u8)]
enum Code {
    X = 1,
    Y,
    Z = 10,
}

#[derive(TypeFingerprint)]
struct Unit;

#[derive(TypeFingerprint)]
struct Gen<T, const N: usize> {
    t: Vec<T>,
}

const _F: objfp::Fingerprint = <Order as TypeFingerprint>::FINGERPRINT;

#[test]
fn smoke() {
    println!("{}", Order::FINGERPRINT);
    println!("{}", List::FINGERPRINT);
    println!("{}", <Tree<u8>>::FINGERPRINT);
    println!("{} {}", A::FINGERPRINT, B::FINGERPRINT);
    println!("{}", Code::FINGERPRINT);
    println!("{}", Unit::FINGERPRINT);
    assert_ne!(A::FINGERPRINT, B::FINGERPRINT);
    let _ = <Gen<u8, 3>>::DESCRIPTION;
}

mod support;

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(Item, Order, List, Tree<u16>, A, B, Code, Unit, Gen<u8, 3>);
