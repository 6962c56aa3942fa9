//! SPEC.md's golden vectors, three ways: a pre-image built by hand here from the spec's
//! rules and hashed with `sha2` at run time; the derive; and the value printed in SPEC.md.
//! The hand encoder (`support/preimage.rs`) shares no code with objfp.
#![allow(dead_code)]

use objfp::TypeFingerprint;
mod support;
use support::preimage::{Expr, attrs, field, node, node_with_exprs, preimage_with_exprs, s, u32le};

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
        field(
            "note",
            &[("default", ""), ("skip_serializing_if", "is_none")],
        ),
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

/// G8b: receivers in every form, `Self`, lifetimes of the trait and of a method, an
/// associated type and const, and a method under a `cfg` that does not hold.
#[objfp::interface]
#[allow(clippy::needless_arbitrary_self_type, clippy::needless_lifetimes)]
pub trait Session<'a> {
    type Error;
    const NAME: &'a str;
    fn open(name: &'a str) -> Self
    where
        Self: Sized;
    fn label<'b>(self: &'b Self) -> &'b str;
    fn merge(&mut self, other: &Self) -> Vec<Self>
    where
        Self: Sized;
    fn close(self: Box<Self>) -> u64;
    fn finish(self)
    where
        Self: Sized;
    #[cfg(any())]
    fn gone(&self);
}

/// G8b without its `cfg`'d method: the macro then hashes the body natively instead of in
/// const evaluation, and must agree.
mod session_native {
    #[objfp::interface]
    #[allow(clippy::needless_arbitrary_self_type, clippy::needless_lifetimes)]
    pub trait Session<'a> {
        type Error;
        const NAME: &'a str;
        fn open(name: &'a str) -> Self
        where
            Self: Sized;
        fn label<'b>(self: &'b Self) -> &'b str;
        fn merge(&mut self, other: &Self) -> Vec<Self>
        where
            Self: Sized;
        fn close(self: Box<Self>) -> u64;
        fn finish(self)
        where
            Self: Sized;
    }
}

/// The body and type expressions of G8b, from SPEC.md §12.
fn session_by_hand() -> (Vec<u8>, Vec<Expr>) {
    let method = |name: &str, receiver: &[u8], params: u32| {
        [s(name), receiver.to_vec(), vec![0], u32le(params)].concat()
    };
    let body = [
        u32le(5),
        method("close", &[[b't'].as_slice(), &s("Box<Self>")].concat(), 0),
        method("finish", b"v", 0),
        method("label", b"r", 0),
        method("merge", b"m", 1),
        method("open", b"n", 1),
        u32le(1),
        s("Error"),
        u32le(1),
        s("NAME"),
    ]
    .concat();
    // `Self` is the opaque node "Self", referenced; `&T` and `Box<T>` are `T`.
    let me = Expr::reference(node(b'x', &s("Self"), &[]));
    let exprs = vec![
        p("u64"),      // close -> u64
        p("unit"),     // finish
        p("string"),   // label -> &str
        me,            // merge(other: &Self)
        Expr::seq(me), // merge -> Vec<Self>
        p("string"),   // open(name: &str)
        me,            // open -> Self
        p("string"),   // const NAME: &str
    ];
    (body, exprs)
}

#[test]
fn g8b_interface_receivers_self_lifetimes() {
    let (body, exprs) = session_by_hand();
    let by_hand = node_with_exprs(b'i', &body, &exprs);
    assert_eq!(
        objfp::interface_of!(Session).fingerprint.as_bytes(),
        &by_hand,
        "G8b: the macro disagrees with the pre-image built from SPEC.md"
    );
    assert_eq!(
        objfp::interface_of!(session_native::Session)
            .fingerprint
            .as_bytes(),
        &by_hand,
        "G8b without `cfg`: the native path disagrees with the pre-image built from SPEC.md"
    );
    assert_eq!(
        spec_value("G8b"),
        by_hand,
        "G8b: SPEC.md prints another value; by hand: {}",
        objfp::Fingerprint::from_bytes(by_hand)
    );
    // The pre-image SPEC.md prints, part by part.
    let printed = spec_preimage("G8b");
    let whole = preimage_with_exprs(b'i', &body, &exprs);
    assert_eq!(printed, whole, "G8b: SPEC.md prints another pre-image");
}

/// The pre-image SPEC.md prints under `### {id}.`, its parts joined.
fn spec_preimage(id: &str) -> Vec<u8> {
    let spec = include_str!("../../SPEC.md");
    let start = spec.find(&format!("### {id}.")).expect("the vector");
    let line = spec[start..]
        .lines()
        .find(|l| l.starts_with("pre-image: "))
        .expect("each vector has a pre-image line");
    let hex: String = line["pre-image: ".len()..].split_whitespace().collect();
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
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

// ---------------------------------------------------------------------------------------
// objfp/2 vectors: type expressions, recursion groups, function names, transparent.

#[derive(TypeFingerprint)]
struct Item {
    sku: String,
    price: u32,
}

#[derive(TypeFingerprint)]
struct Order {
    id: u64,
    items: Vec<Item>,
    note: Option<String>,
    pair: (u8, u8),
    mixed: (u8, bool),
    totals: std::collections::BTreeMap<String, Item>,
}

fn item_by_hand() -> [u8; 32] {
    let body = [
        attrs(&[]),
        vec![b'n'],
        u32le(2),
        field("sku", &[]),
        field("price", &[]),
    ]
    .concat();
    node_with_exprs(b'S', &body, &[p("string"), p("u32")])
}

#[test]
fn g10_type_expressions() {
    let item = Expr::reference(item_by_hand());
    let body = [
        attrs(&[]),
        vec![b'n'],
        u32le(6),
        field("id", &[]),
        field("items", &[]),
        field("note", &[]),
        field("pair", &[]),
        field("mixed", &[]),
        field("totals", &[]),
    ]
    .concat();
    let exprs = [
        p("u64"),
        Expr::seq(item),
        Expr::option(p("string")),
        // A tuple of one type is the array of it.
        Expr::array(2, p("u8")),
        Expr::tuple(&[p("u8"), p("bool")]),
        Expr::map(p("string"), item),
    ];
    check::<Order>("G10", node_with_exprs(b'S', &body, &exprs));
}

#[derive(TypeFingerprint)]
#[allow(clippy::type_complexity)]
struct Wide {
    t: (
        u8,
        u16,
        u32,
        u64,
        i8,
        i16,
        i32,
        i64,
        bool,
        char,
        f32,
        f64,
        u128,
        i128,
        String,
        (),
    ),
}

#[test]
fn g11_long_expression_by_reference() {
    let names = [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "bool", "char", "f32", "f64", "u128",
        "i128", "string", "unit",
    ];
    let elems: Vec<Expr> = names.iter().map(|n| p(n)).collect();
    // 't' 16 and 16 two-byte primitives: 34 token bytes, above the limit of 32.
    let tuple = Expr::tuple(&elems);
    assert_eq!(tuple.tokens(), b"R");
    let body = [attrs(&[]), vec![b'n'], u32le(1), field("t", &[])].concat();
    check::<Wide>("G11", node_with_exprs(b'S', &body, &[tuple]));
}

#[derive(TypeFingerprint)]
#[fingerprint(cycle(Expr2, Block))]
enum Expr2 {
    Lit(i64),
    Block(Box<Block>),
}

#[derive(TypeFingerprint)]
#[fingerprint(cycle(Expr2, Block))]
struct Block {
    exprs: Vec<Expr2>,
}

#[test]
fn g12_declared_cycle() {
    let rec = |k: u32| node(b'r', &u32le(k), &[]);
    let expr_body = [
        s(""),
        attrs(&[]),
        u32le(2),
        s("Lit"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'w'],
        u32le(1),
        field("", &[]),
        s("Block"),
        attrs(&[]),
        vec![NO_DISCRIMINANT, b'w'],
        u32le(1),
        field("", &[]),
    ]
    .concat();
    let block_body = [attrs(&[]), vec![b'n'], u32le(1), field("exprs", &[])].concat();
    let expr_local =
        |block: [u8; 32]| node_with_exprs(b'E', &expr_body, &[p("i64"), Expr::reference(block)]);
    let block_local =
        |expr: [u8; 32]| node_with_exprs(b'S', &block_body, &[Expr::seq(Expr::reference(expr))]);
    // Positions from the locals with the cycle removed.
    let placeholder = rec(0xFFFF_FFFF);
    let (e0, b0) = (expr_local(placeholder), block_local(placeholder));
    let (pe, pb) = if (e0, 0) < (b0, 1) { (0, 1) } else { (1, 0) };
    let (e, b) = (expr_local(rec(pb)), block_local(rec(pe)));
    let ordered: Vec<[u8; 32]> = if pe == 0 { vec![e, b] } else { vec![b, e] };
    let group = |pos: u32| node(b'g', &[u32le(2), u32le(pos)].concat(), &ordered);
    check::<Expr2>("G12a", group(pe));
    check::<Block>("G12b", group(pb));
}

mod util {
    pub fn deserialize_extensions<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<std::collections::BTreeMap<String, u64>, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

fn default_port() -> Option<u16> {
    Some(8080)
}

#[derive(TypeFingerprint, serde::Serialize, serde::Deserialize)]
struct Ext {
    id: u64,
    #[serde(flatten, deserialize_with = "crate::util::deserialize_extensions")]
    extensions: std::collections::BTreeMap<String, u64>,
    #[serde(default = "default_port", skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
}

#[test]
fn g13_function_names_and_flatten() {
    let body = [
        attrs(&[]),
        vec![b'n'],
        u32le(3),
        field("id", &[]),
        // A flattened field has no name of its own.
        field(
            "",
            &[
                ("deserialize_with", "deserialize_extensions"),
                ("flatten", ""),
            ],
        ),
        field(
            "port",
            &[
                ("default", "default_port"),
                ("skip_serializing_if", "is_none"),
            ],
        ),
    ]
    .concat();
    let exprs = [
        p("u64"),
        Expr::map(p("string"), p("u64")),
        Expr::option(p("u16")),
    ];
    check::<Ext>("G13", node_with_exprs(b'S', &body, &exprs));
}

#[derive(TypeFingerprint, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
struct Split {
    #[serde(skip_serializing)]
    read: u8,
    #[serde(skip_deserializing)]
    written: String,
}

#[test]
fn g14_transparent_with_a_written_and_a_read_field() {
    check::<Split>("G14", node(b'd', &[], &[p("string").fp(), p("u8").fp()]));
}
