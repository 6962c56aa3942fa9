//! SPEC.md's golden vectors, three ways: a pre-image built by hand here from the spec's
//! rules and hashed with `sha2` at run time; the derive; and the value printed in SPEC.md.
//! The hand encoder (`support/preimage.rs`) shares no code with objfp.
#![allow(dead_code)]

use objfp::TypeFingerprint;
mod support;
use support::preimage::{Expr, attrs, field, node, node_with_exprs, s, u32le};

fn p(name: &str) -> Expr {
    Expr::prim(name)
}

const NO_DISCRIMINANT: u8 = 0;

fn discriminant(v: i128) -> Vec<u8> {
    [vec![1u8], v.to_le_bytes().to_vec()].concat()
}

/// The fingerprint SPEC.md prints under the heading that starts with `### {id}.`.
fn spec_value(id: &str) -> [u8; 32] {
    let spec = include_str!("../../SPEC.md");
    let start = spec
        .find(&format!("### {id}."))
        .unwrap_or_else(|| panic!("SPEC.md has no vector {id}"));
    let line = spec[start..]
        .lines()
        .find(|l| l.starts_with("fingerprint: "))
        .expect("each vector has a fingerprint line");
    let fp: objfp::Fingerprint = line["fingerprint: ".len()..]
        .parse()
        .expect("64 hex digits");
    *fp.as_bytes()
}

fn check<T: TypeFingerprint + ?Sized>(id: &str, by_hand: [u8; 32]) {
    assert_eq!(
        T::FINGERPRINT.as_bytes(),
        &by_hand,
        "{id}: the derive disagrees with the pre-image built from SPEC.md"
    );
    assert_eq!(
        spec_value(id),
        by_hand,
        "{id}: SPEC.md prints another value; by hand: {}",
        objfp::Fingerprint::from_bytes(by_hand)
    );
}

#[test]
fn g1_primitive() {
    check::<u32>("G1", p("u32").fp());
}

#[test]
fn g2_sequence() {
    check::<Vec<u32>>("G2", Expr::seq(p("u32")).fp());
}

#[derive(TypeFingerprint)]
struct Point {
    x: i32,
    y: i32,
}

#[test]
fn g3_named_struct() {
    let body = [
        attrs(&[]),
        vec![b'n'],
        u32le(2),
        field("x", &[]),
        field("y", &[]),
    ]
    .concat();
    check::<Point>("G3", node_with_exprs(b'S', &body, &[p("i32"), p("i32")]));
}

#[derive(TypeFingerprint)]
enum Shape {
    Circle { radius: f64 },
    Square(f64),
    Empty,
}

#[test]
fn g4_enum_with_every_variant_kind() {
    let body = [
        s(""),
        attrs(&[]),
        u32le(3),
        s("Circle"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'n'],
        u32le(1),
        field("radius", &[]),
        s("Square"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'w'],
        u32le(1),
        field("", &[]),
        s("Empty"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'u'],
        u32le(0),
    ]
    .concat();
    check::<Shape>("G4", node_with_exprs(b'E', &body, &[p("f64"), p("f64")]));
}

#[derive(TypeFingerprint)]
#[repr(u8)]
enum Code {
    A = 1,
    B,
    C = 10,
}

#[test]
fn g5_repr_and_discriminants() {
    let unit =
        |name: &str, d: i128| [s(name), attrs(&[]), discriminant(d), vec![b'u'], u32le(0)].concat();
    let body = [
        s("u8"),
        attrs(&[]),
        u32le(3),
        unit("A", 1),
        unit("B", 2),
        unit("C", 10),
    ]
    .concat();
    check::<Code>("G5", node_with_exprs(b'E', &body, &[]));
}

#[derive(TypeFingerprint, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event {
    UserCreated {
        #[serde(rename = "id", alias = "uid")]
        user_id: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    #[serde(skip)]
    Internal(u8),
    Deleted,
}

#[test]
fn g6_serde_attributes() {
    let body = [
        s(""),
        attrs(&[("tag", "type")]),
        u32le(3),
        s("user_created"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'n'],
        u32le(2),
        field("id", &[("accepts", "id"), ("accepts", "uid")]),
        field("note", &[("default", ""), ("skip_serializing_if", "")]),
        s(""),
        attrs(&[("skip", "")]),
        vec![NO_DISCRIMINANT, b'u'],
        u32le(0),
        s("deleted"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'u'],
        u32le(0),
    ]
    .concat();
    let note = Expr::option(p("string"));
    check::<Event>("G6", node_with_exprs(b'E', &body, &[p("u64"), note]));
}

#[derive(TypeFingerprint)]
enum List {
    Nil,
    Cons(u32, Box<List>),
}

#[test]
fn g7_self_recursion() {
    let rec0 = node(b'r', &u32le(0), &[]);
    let body = [
        s(""),
        attrs(&[]),
        u32le(2),
        s("Nil"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'u'],
        u32le(0),
        s("Cons"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b't'],
        u32le(2),
        field("", &[]),
        field("", &[]),
    ]
    .concat();
    // `Box<List>` is transparent, and `List` is member 0 of its own group.
    let local = node_with_exprs(b'E', &body, &[p("u32"), Expr::reference(rec0)]);
    let group = [u32le(1), u32le(0)].concat();
    check::<List>("G7", node(b'g', &group, &[local]));
}

#[objfp::interface]
#[allow(async_fn_in_trait)]
pub trait Greeter {
    fn greet(&self, name: String) -> String;
    async fn wait(&mut self, millis: u64);
}

fn greeter_by_hand() -> [u8; 32] {
    let body = [
        u32le(2),
        s("greet"),
        vec![b'r', 0],
        u32le(1),
        s("wait"),
        vec![b'm', 1],
        u32le(1),
        u32le(0),
        u32le(0),
    ]
    .concat();
    let exprs = [p("string"), p("string"), p("u64"), p("unit")];
    node_with_exprs(b'i', &body, &exprs)
}

#[test]
fn g8_interface() {
    let by_hand = greeter_by_hand();
    assert_eq!(
        objfp::interface_of!(Greeter).fingerprint.as_bytes(),
        &by_hand
    );
    assert_eq!(
        spec_value("G8"),
        by_hand,
        "G8: SPEC.md prints another value; by hand: {}",
        objfp::Fingerprint::from_bytes(by_hand)
    );
}

#[derive(TypeFingerprint)]
#[fingerprint(implements(Greeter))]
struct Thing {
    id: u64,
}

impl Greeter for Thing {
    fn greet(&self, name: String) -> String {
        name
    }
    async fn wait(&mut self, _millis: u64) {}
}

#[test]
fn g9_implements() {
    let own_body = [attrs(&[]), vec![b'n'], u32le(1), field("id", &[])].concat();
    let own = node_with_exprs(b'S', &own_body, &[p("u64")]);
    check::<Thing>("G9", node(b'I', &u32le(1), &[own, greeter_by_hand()]));
}

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(Point, Shape, Code, Event, List, Thing);
