//! Fingerprints of core, alloc and std types (`objfp/src/impls/`, `SPEC.md` §5).
//!
//! Every expectation is built independently of the impl under test:
//! - a user type declared here with the shape SPEC.md gives the std type (`wire::*`),
//!   derived, and checked against serde itself: `same_wire` records what serde writes for
//!   a std value and for the matching user value, in human-readable and in compact mode,
//!   and requires the two records to be equal;
//! - an `objfp::encoding` call spelled out from SPEC.md's rules;
//! - a pre-image built byte by byte here and hashed with `sha2`.
#![allow(dead_code)]

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::ffi::{CStr, CString};
use std::hash::BuildHasherDefault;
use std::marker::PhantomData;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{
    NonZero, NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize, Saturating, Wrapping,
};
use std::ops::{Bound, Range, RangeFrom, RangeInclusive, RangeTo};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use objfp::{Description, Fingerprint, Primitive, Shape, TypeFingerprint, encoding};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Asserts that serde writes `a` and `b` identically, in both modes.
fn same_wire<A: Serialize + ?Sized, B: Serialize + ?Sized>(a: &A, b: &B) {
    assert_eq!(trace::human(a), trace::human(b), "human-readable");
    assert_eq!(trace::compact(a), trace::compact(b), "compact");
}

/// User types declared the way SPEC.md §5 says serde writes the std type of the same name.
mod wire {
    use objfp::TypeFingerprint;
    use serde::Serialize;

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Duration {
        pub secs: u64,
        pub nanos: u32,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct SystemTime {
        pub secs_since_epoch: u64,
        pub nanos_since_epoch: u32,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct Range<T> {
        pub start: T,
        pub end: T,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct RangeInclusive<T> {
        pub start: T,
        pub end: T,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct RangeFrom<T> {
        pub start: T,
    }

    #[derive(TypeFingerprint, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct RangeTo<T> {
        pub end: T,
    }

    #[derive(TypeFingerprint, Serialize)]
    pub enum Bound<T> {
        Unbounded,
        Included(T),
        Excluded(T),
    }

    #[derive(TypeFingerprint, Serialize)]
    pub enum Result<T, E> {
        Ok(T),
        Err(E),
    }

    #[derive(TypeFingerprint, Serialize)]
    pub struct PhantomData;

    /// The compact form of `std::net::IpAddr`.
    #[derive(TypeFingerprint, Serialize)]
    pub enum IpAddr {
        V4([u8; 4]),
        V6([u8; 16]),
    }

    /// The compact form of `std::net::SocketAddr`: newtype variants holding a 2-tuple.
    #[derive(TypeFingerprint, Serialize)]
    pub enum SocketAddr {
        V4(([u8; 4], u16)),
        V6(([u8; 16], u16)),
    }

    /// Not the compact form of `SocketAddr`: two-field tuple variants.
    #[derive(TypeFingerprint, Serialize)]
    pub enum SocketAddrTwoFields {
        V4([u8; 4], u16),
        V6([u8; 16], u16),
    }

    #[derive(TypeFingerprint, Serialize, Clone)]
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }
}

// ---------------------------------------------------------------------------------------
// Pre-images by hand (SPEC.md §3, §5)

#[test]
fn vec_u32_matches_a_hand_built_preimage() {
    // SPEC.md §5: `u32` is the expression `p 0x08`, `Vec<u32>` is `s p 0x08`; a type that
    // is an expression has the fingerprint `H(MAGIC 'e' expression)`.
    let u32_fp: [u8; 32] = Sha256::digest(b"objfp/2ep\x08").into();
    let vec_fp: [u8; 32] = Sha256::digest(b"objfp/2esp\x08").into();

    assert_eq!(fp::<u32>().as_bytes(), &u32_fp);
    assert_eq!(fp::<Vec<u32>>().as_bytes(), &vec_fp);
    assert_eq!(fp::<VecDeque<u32>>().as_bytes(), &vec_fp);
}

#[test]
fn std_node_kinds_match_hand_built_preimages() {
    use support::preimage::Expr;
    let (u8_, u16_, bool_, string) = (
        Expr::prim("u8"),
        Expr::prim("u16"),
        Expr::prim("bool"),
        Expr::prim("string"),
    );
    let hash = |bytes: &[u8]| -> [u8; 32] { Sha256::digest(bytes).into() };

    // 'a': u64 length, then the item.
    let array4 = hash(b"objfp/2ea\x04\0\0\0\0\0\0\0p\x06");
    assert_eq!(fp::<[u8; 4]>().as_bytes(), &array4);
    assert_eq!(Expr::array(4, u8_).fp(), array4);

    // 't': u8 arity, then the elements in order, unless they are all one type.
    let pair = hash(b"objfp/2et\x02p\x06p\x00");
    assert_eq!(fp::<(u8, bool)>().as_bytes(), &pair);
    assert_eq!(Expr::tuple(&[u8_, bool_]).fp(), pair);
    let single = hash(b"objfp/2ea\x01\0\0\0\0\0\0\0p\x06");
    assert_eq!(fp::<(u8,)>().as_bytes(), &single);

    // 'm': key, then value.
    let map = hash(b"objfp/2emp\x0ep\x06");
    assert_eq!(fp::<HashMap<String, u8>>().as_bytes(), &map);
    assert_eq!(fp::<BTreeMap<String, u8>>().as_bytes(), &map);
    assert_eq!(Expr::map(string, u8_).fp(), map);

    // 'h': the fingerprints of the human-readable form (an 'x' node named after the
    // text's grammar) and of the compact form.
    let named = |grammar: &str| {
        let body = [
            (grammar.len() as u32).to_le_bytes().to_vec(),
            grammar.as_bytes().to_vec(),
        ]
        .concat();
        node(b'x', &body, &[])
    };
    let ipv4 = node(b'h', &[], &[named("ipv4-address"), array4]);
    assert_eq!(fp::<Ipv4Addr>().as_bytes(), &ipv4);
    let socket_v4 = node(
        b'h',
        &[],
        &[
            named("socket-address-v4"),
            Expr::tuple(&[Expr::array(4, u8_), u16_]).fp(),
        ],
    );
    assert_eq!(fp::<SocketAddrV4>().as_bytes(), &socket_v4);

    assert_eq!(
        fp::<CString>().as_bytes(),
        &support::preimage::prim("bytes")
    );
    assert_eq!(fp::<PathBuf>().as_bytes(), &string.fp());
}

#[test]
fn long_expressions_are_written_by_reference() {
    use support::preimage::Expr;
    // 8 nested options: 10 tokens, spelled out. A tuple of 16 distinct primitives: 34
    // tokens, beyond the 32 of SPEC.md §5, so written as a reference to its fingerprint.
    type Deep = Option<Option<Option<Option<Option<Option<Option<Option<u8>>>>>>>>;
    let mut deep = Expr::prim("u8");
    for _ in 0..8 {
        deep = Expr::option(deep);
    }
    assert_eq!(fp::<Deep>().as_bytes(), &deep.fp());
    type Wide = (
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
    );
    let names = [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "bool", "char", "f32", "f64", "u128",
        "i128", "string", "unit",
    ];
    let items: Vec<Expr> = names.iter().map(|n| Expr::prim(n)).collect();
    let wide = Expr::tuple(&items);
    assert_eq!(wide.tokens(), b"R", "34 tokens are written by reference");
    assert_eq!(fp::<Wide>().as_bytes(), &wide.fp());
    // ...and a struct field of that type writes the reference.
    assert_eq!(
        <Wide as TypeFingerprint>::TYPE_EXPR.tokens(),
        b"R",
        "the runtime applies the same limit"
    );
}

// ---------------------------------------------------------------------------------------
// Strings and primitives

#[test]
fn str_string_box_str_cow_str_are_one_string_shape() {
    let string = prim(Primitive::String);
    assert_eq!(fp::<str>(), string);
    assert_eq!(fp::<String>(), string);
    assert_eq!(fp::<&str>(), string);
    assert_eq!(fp::<Box<str>>(), string);
    assert_eq!(fp::<Cow<'static, str>>(), string);
    assert_eq!(fp::<Rc<str>>(), string);
    assert_eq!(fp::<Arc<str>>(), string);
    assert_eq!(fp::<Path>(), string);
    assert_eq!(fp::<PathBuf>(), string);
    assert_eq!(fp::<Box<Path>>(), string);
    assert_ne!(fp::<char>(), string);

    let text = "a/b";
    same_wire(&String::from(text), text);
    same_wire(&Box::<str>::from(text), text);
    same_wire(&Cow::<str>::Borrowed(text), text);
    same_wire(Path::new(text), text);
    same_wire(&PathBuf::from(text), text);
}

#[test]
fn cstr_and_cstring_are_bytes_not_strings_or_sequences() {
    let bytes = prim(Primitive::Bytes);
    assert_eq!(fp::<CStr>(), bytes);
    assert_eq!(fp::<CString>(), bytes);
    assert_eq!(fp::<Box<CStr>>(), bytes);
    assert_ne!(bytes, prim(Primitive::String));
    // serde writes `serialize_bytes`, not a sequence of `u8`.
    assert_ne!(bytes, fp::<Vec<u8>>());
    assert_ne!(trace::compact(c"ab"), trace::compact(&b"ab".to_vec()));
    assert_eq!(trace::compact(c"ab"), trace::compact(&CString::from(c"ab")));
}

#[test]
fn usize_is_u64_on_every_target() {
    assert_eq!(fp::<usize>(), prim(Primitive::U64));
    assert_eq!(fp::<isize>(), prim(Primitive::I64));
    assert_eq!(fp::<NonZeroUsize>(), prim(Primitive::U64));
    assert_eq!(fp::<NonZeroIsize>(), prim(Primitive::I64));
    assert_eq!(fp::<Vec<usize>>(), fp::<Vec<u64>>());
    same_wire(&7usize, &7u64);
    same_wire(&-7isize, &-7i64);
}

// ---------------------------------------------------------------------------------------
// Sequences, maps, arrays, tuples

#[test]
fn vec_vecdeque_hashset_btreeset_and_slices_are_one_sequence_shape() {
    let seq = support::seq(prim(Primitive::U16));
    assert_eq!(fp::<Vec<u16>>(), seq);
    assert_eq!(fp::<[u16]>(), seq);
    assert_eq!(fp::<&[u16]>(), seq);
    assert_eq!(fp::<Box<[u16]>>(), seq);
    assert_eq!(fp::<Cow<'static, [u16]>>(), seq);
    assert_eq!(fp::<VecDeque<u16>>(), seq);
    assert_eq!(fp::<LinkedList<u16>>(), seq);
    assert_eq!(fp::<BinaryHeap<u16>>(), seq);
    assert_eq!(fp::<BTreeSet<u16>>(), seq);
    assert_eq!(fp::<HashSet<u16>>(), seq);
    assert_eq!(
        fp::<HashSet<u16, BuildHasherDefault<std::hash::DefaultHasher>>>(),
        seq
    );
    assert_ne!(fp::<Vec<u32>>(), seq, "the item type is significant");

    let items = vec![3u16];
    same_wire(&VecDeque::from(items.clone()), &items);
    same_wire(&LinkedList::from([3u16]), &items);
    same_wire(&BinaryHeap::from(items.clone()), &items);
    same_wire(&BTreeSet::from([3u16]), &items);
    same_wire(&HashSet::from([3u16]), &items);
    same_wire(&items[..], &items);
}

#[test]
fn hashmap_and_btreemap_share_a_fingerprint() {
    let map = support::map(prim(Primitive::String), prim(Primitive::U8));
    assert_eq!(fp::<HashMap<String, u8>>(), map);
    assert_eq!(fp::<BTreeMap<String, u8>>(), map);
    assert_eq!(
        fp::<HashMap<String, u8, BuildHasherDefault<std::hash::DefaultHasher>>>(),
        map
    );
    assert_eq!(fp::<BTreeMap<Box<str>, u8>>(), map);
    assert_ne!(
        fp::<HashMap<u8, String>>(),
        map,
        "key and value are not interchangeable"
    );
    assert_ne!(
        fp::<Vec<(String, u8)>>(),
        map,
        "a map is not a sequence of pairs"
    );

    same_wire(
        &HashMap::from([("k".to_string(), 1u8)]),
        &BTreeMap::from([("k".to_string(), 1u8)]),
    );
}

#[test]
fn array_length_is_significant() {
    assert_eq!(fp::<[u8; 4]>(), support::array(4, prim(Primitive::U8)));
    assert_eq!(fp::<[u8; 16]>(), support::array(16, prim(Primitive::U8)));
    assert_ne!(fp::<[u8; 4]>(), fp::<[u8; 16]>());
    assert_ne!(
        fp::<[u8; 4]>(),
        fp::<[u16; 4]>(),
        "the item type is significant"
    );
    assert_eq!(fp::<[u8; 0]>(), support::array(0, prim(Primitive::U8)));
    // Beyond serde's 32, for `#[fingerprint(as = "[T; N]")]`; one node whatever the length.
    const BIG: Fingerprint = <[u8; 1 << 20] as TypeFingerprint>::FINGERPRINT;
    assert_eq!(BIG, support::array(1 << 20, prim(Primitive::U8)));

    match <[u8; 4]>::DESCRIPTION.shape {
        Shape::Array { len, item } => {
            assert_eq!(len, 4);
            assert_eq!(item().fingerprint, prim(Primitive::U8));
        }
        ref other => panic!("expected an array, found {other:?}"),
    }
}

#[test]
fn array_differs_from_sequence() {
    assert_ne!(fp::<[u8; 2]>(), fp::<Vec<u8>>());
    assert_ne!(fp::<[u8; 2]>(), fp::<[u8]>());
    // serde writes `[T; N]` as an N-tuple, not a sequence...
    assert_ne!(trace::compact(&[1u8, 2]), trace::compact(&vec![1u8, 2]));
    assert_eq!(trace::compact(&[1u8, 2]), trace::compact(&(1u8, 2u8)));
    // ...and so does objfp: a tuple of one type is the array of that type (SPEC.md §5).
    assert_eq!(fp::<[u8; 2]>(), fp::<(u8, u8)>());
}

#[test]
fn tuple_arity_and_order_are_significant() {
    let (u8_, bool_) = (prim(Primitive::U8), prim(Primitive::Bool));
    assert_eq!(fp::<(u8, bool)>(), support::tuple(&[u8_, bool_]));
    assert_eq!(fp::<(bool, u8)>(), support::tuple(&[bool_, u8_]));
    assert_ne!(fp::<(u8, bool)>(), fp::<(bool, u8)>());
    assert_ne!(fp::<(u8, bool)>(), fp::<(u8, bool, u8)>());
    assert_eq!(fp::<(u8, u8)>(), fp::<[u8; 2]>());

    match <(u8, bool)>::DESCRIPTION.shape {
        Shape::Tuple(elems) => {
            let names: Vec<_> = elems.iter().map(|e| e().name).collect();
            assert_eq!(names, ["u8", "bool"]);
        }
        ref other => panic!("expected a tuple, found {other:?}"),
    }
}

#[test]
fn one_tuple_is_a_tuple_not_its_element() {
    assert_eq!(fp::<(u8,)>(), support::tuple(&[prim(Primitive::U8)]));
    assert_ne!(fp::<(u8,)>(), fp::<u8>());
    assert_ne!(trace::compact(&(5u8,)), trace::compact(&5u8));
}

#[test]
fn tuples_go_up_to_sixteen_elements() {
    type T16 = (
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
        String,
        (),
        f32,
        f64,
        u128,
        i128,
    );
    const T16_FP: Fingerprint = <T16 as TypeFingerprint>::FINGERPRINT;
    let elems = {
        use Primitive::*;
        [
            U8, U16, U32, U64, I8, I16, I32, I64, Bool, Char, String, Unit, F32, F64, U128, I128,
        ]
        .map(prim)
    };
    assert_eq!(T16_FP, support::tuple(&elems));
    assert_eq!(fp::<T16>(), T16_FP);
}

// ---------------------------------------------------------------------------------------
// Transparent wrappers

#[test]
fn box_rc_arc_cow_are_transparent() {
    let point = fp::<wire::Point>();
    assert_eq!(fp::<Box<wire::Point>>(), point);
    assert_eq!(fp::<Rc<wire::Point>>(), point);
    assert_eq!(fp::<Arc<wire::Point>>(), point);
    assert_eq!(fp::<Cow<'static, wire::Point>>(), point);
    assert_eq!(fp::<&wire::Point>(), point);
    assert_eq!(fp::<&mut wire::Point>(), point);
    assert_eq!(fp::<Box<Rc<&wire::Point>>>(), point);
    assert_eq!(fp::<Arc<[u8]>>(), fp::<Vec<u8>>());
    // The description is the pointee's, too.
    assert_eq!(<Arc<wire::Point>>::DESCRIPTION.name, "Point");

    let p = wire::Point { x: 1, y: -2 };
    same_wire(&Box::new(p.clone()), &p);
    same_wire(&Cow::<wire::Point>::Owned(p.clone()), &p);
    same_wire(&&mut p.clone(), &p);
}

#[test]
fn cells_locks_and_numeric_wrappers_are_transparent() {
    let u32_ = prim(Primitive::U32);
    assert_eq!(fp::<Cell<u32>>(), u32_);
    assert_eq!(fp::<RefCell<u32>>(), u32_);
    assert_eq!(fp::<Mutex<u32>>(), u32_);
    assert_eq!(fp::<RwLock<u32>>(), u32_);
    assert_eq!(fp::<Wrapping<u32>>(), u32_);
    assert_eq!(fp::<Saturating<u32>>(), u32_);
    assert_eq!(fp::<Reverse<u32>>(), u32_);
    assert_eq!(fp::<Mutex<Vec<String>>>(), fp::<Vec<String>>());

    same_wire(&Cell::new(9u32), &9u32);
    same_wire(&RefCell::new(9u32), &9u32);
    same_wire(&Mutex::new(9u32), &9u32);
    same_wire(&RwLock::new(9u32), &9u32);
    same_wire(&Wrapping(9u32), &9u32);
    same_wire(&Saturating(9u32), &9u32);
    same_wire(&Reverse(9u32), &9u32);
}

#[test]
fn nonzero_integers_are_their_integer() {
    use Primitive::*;
    assert_eq!(fp::<NonZeroU8>(), prim(U8));
    assert_eq!(fp::<NonZeroU16>(), prim(U16));
    assert_eq!(fp::<NonZeroU32>(), prim(U32));
    assert_eq!(fp::<NonZeroU64>(), prim(U64));
    assert_eq!(fp::<NonZeroU128>(), prim(U128));
    assert_eq!(fp::<NonZeroUsize>(), prim(U64));
    assert_eq!(fp::<NonZeroI8>(), prim(I8));
    assert_eq!(fp::<NonZeroI16>(), prim(I16));
    assert_eq!(fp::<NonZeroI32>(), prim(I32));
    assert_eq!(fp::<NonZeroI64>(), prim(I64));
    assert_eq!(fp::<NonZeroI128>(), prim(I128));
    assert_eq!(fp::<NonZeroIsize>(), prim(I64));
    assert_eq!(fp::<NonZero<u16>>(), prim(U16));
    assert_eq!(fp::<Option<NonZeroU32>>(), support::option(prim(U32)));

    same_wire(&NonZeroU16::new(5).unwrap(), &5u16);
    same_wire(&NonZeroI128::new(-5).unwrap(), &-5i128);
}

// ---------------------------------------------------------------------------------------
// Std types serde writes as structs and enums

#[test]
fn duration_is_a_struct_of_secs_and_nanos() {
    assert_eq!(fp::<Duration>(), fp::<wire::Duration>());
    same_wire(&Duration::new(3, 7), &wire::Duration { secs: 3, nanos: 7 });
    assert_ne!(fp::<Duration>(), fp::<(u64, u32)>());
    assert_ne!(
        fp::<Duration>(),
        fp::<SystemTime>(),
        "field names are significant"
    );

    let d = <Duration as TypeFingerprint>::DESCRIPTION;
    assert_eq!(d.name, "Duration");
    assert_eq!(field_names(d), ["secs", "nanos"]);
}

#[test]
fn system_time_is_a_struct_of_secs_and_nanos_since_epoch() {
    assert_eq!(fp::<SystemTime>(), fp::<wire::SystemTime>());
    same_wire(
        &(UNIX_EPOCH + Duration::new(3, 7)),
        &wire::SystemTime {
            secs_since_epoch: 3,
            nanos_since_epoch: 7,
        },
    );
    assert_eq!(<SystemTime>::DESCRIPTION.name, "SystemTime");
}

#[test]
fn ranges_are_structs_of_start_and_end() {
    assert_eq!(fp::<Range<u8>>(), fp::<wire::Range<u8>>());
    // `RangeInclusive` is written as its struct is, and named: the same bytes as a `Range`
    // (checked below) with another meaning of `end`.
    assert_eq!(
        fp::<RangeInclusive<u8>>(),
        objfp::encoding::named("inclusive-range", fp::<wire::RangeInclusive<u8>>())
    );
    assert_eq!(fp::<RangeFrom<u8>>(), fp::<wire::RangeFrom<u8>>());
    assert_eq!(fp::<RangeTo<u8>>(), fp::<wire::RangeTo<u8>>());
    // One struct shape under two struct names (not significant), and the inclusive one
    // named, so that changing one into the other is reported.
    assert_eq!(fp::<wire::Range<u8>>(), fp::<wire::RangeInclusive<u8>>());
    assert_ne!(fp::<Range<u8>>(), fp::<RangeInclusive<u8>>());
    assert_eq!(
        serde_json::to_string(&(2u8..5)).unwrap(),
        serde_json::to_string(&(2u8..=5)).unwrap()
    );
    assert_ne!(fp::<RangeFrom<u8>>(), fp::<RangeTo<u8>>());
    assert_ne!(fp::<Range<u8>>(), fp::<Range<u16>>());
    assert_eq!(field_names(<RangeTo<u8>>::DESCRIPTION), ["end"]);

    same_wire(&(2u8..5), &wire::Range { start: 2u8, end: 5 });
    same_wire(&(2u8..=5), &wire::RangeInclusive { start: 2u8, end: 5 });
    same_wire(&(2u8..), &wire::RangeFrom { start: 2u8 });
    same_wire(&(..5u8), &wire::RangeTo { end: 5u8 });
}

#[test]
fn bound_is_an_enum_of_unbounded_included_excluded() {
    assert_eq!(fp::<Bound<u8>>(), fp::<wire::Bound<u8>>());
    assert_ne!(fp::<Bound<u8>>(), fp::<Bound<i8>>());
    same_wire(&Bound::<u8>::Unbounded, &wire::Bound::<u8>::Unbounded);
    same_wire(&Bound::Included(1u8), &wire::Bound::Included(1u8));
    same_wire(&Bound::Excluded(1u8), &wire::Bound::Excluded(1u8));
    assert_eq!(
        variant_names(<Bound<u8>>::DESCRIPTION),
        ["Unbounded", "Included", "Excluded"]
    );
}

#[test]
fn result_is_an_enum_of_ok_and_err() {
    assert_eq!(fp::<Result<u8, String>>(), fp::<wire::Result<u8, String>>());
    assert_ne!(fp::<Result<u8, String>>(), fp::<Result<String, u8>>());
    assert_ne!(
        fp::<Result<u8, ()>>(),
        fp::<Option<u8>>(),
        "an enum is not an option"
    );
    same_wire(&Ok::<u8, String>(1), &wire::Result::<u8, String>::Ok(1));
    same_wire(
        &Err::<u8, String>("no".into()),
        &wire::Result::<u8, String>::Err("no".into()),
    );
    let d = <Result<u8, String>>::DESCRIPTION;
    assert_eq!(d.name, "Result");
    assert_eq!(variant_names(d), ["Ok", "Err"]);
}

#[test]
fn phantom_data_is_a_unit_struct() {
    struct NoFingerprint;
    let unit_struct = fp::<wire::PhantomData>();
    assert_eq!(fp::<PhantomData<u8>>(), unit_struct);
    assert_eq!(fp::<PhantomData<str>>(), unit_struct);
    assert_eq!(fp::<PhantomData<NoFingerprint>>(), unit_struct);
    assert_eq!(fp::<PhantomData<dyn Fn()>>(), unit_struct);
    assert_ne!(unit_struct, fp::<()>(), "a unit struct is not unit");
    same_wire(&PhantomData::<str>, &wire::PhantomData);
    match <PhantomData<u8>>::DESCRIPTION.shape {
        Shape::Struct(ref s) => assert_eq!(s.kind, objfp::StructKind::Unit),
        ref other => panic!("expected a struct, found {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Addresses: human-readable vs compact

/// The `(human, compact)` descriptions of a `Shape::Readable`.
fn readable_sides(d: &Description) -> (&'static Description, &'static Description) {
    match d.shape {
        Shape::Readable { human, compact } => (human(), compact()),
        ref other => panic!("{}: expected a readable shape, found {other:?}", d.name),
    }
}

#[test]
fn ip_addr_differs_between_readable_and_compact_forms() {
    // The text has a grammar the type fixes: a named opaque node (SPEC.md §5).
    let string = encoding::opaque("ip-address");
    let compact = fp::<wire::IpAddr>();
    assert_eq!(fp::<IpAddr>(), encoding::readable(string, compact));
    assert_ne!(fp::<IpAddr>(), string);
    assert_ne!(fp::<IpAddr>(), compact);
    assert_ne!(
        fp::<IpAddr>(),
        encoding::readable(compact, string),
        "sides are ordered"
    );

    let d = <IpAddr as TypeFingerprint>::DESCRIPTION;
    assert_eq!(d.name, "IpAddr");
    let (human, compact_desc) = readable_sides(d);
    assert_eq!(human.fingerprint, string);
    assert_eq!(compact_desc.fingerprint, compact);
    assert_eq!(variant_names(compact_desc), ["V4", "V6"]);

    let v4 = Ipv4Addr::new(10, 0, 0, 1);
    let v6 = Ipv6Addr::LOCALHOST;
    assert_eq!(trace::human(&IpAddr::V4(v4)), trace::human("10.0.0.1"));
    assert_eq!(trace::human(&IpAddr::V6(v6)), trace::human("::1"));
    assert_eq!(
        trace::compact(&IpAddr::V4(v4)),
        trace::compact(&wire::IpAddr::V4(v4.octets()))
    );
    assert_eq!(
        trace::compact(&IpAddr::V6(v6)),
        trace::compact(&wire::IpAddr::V6(v6.octets()))
    );
}

#[test]
fn ipv4_and_ipv6_compact_forms_are_octet_arrays() {
    let u8_ = prim(Primitive::U8);
    assert_eq!(
        fp::<Ipv4Addr>(),
        encoding::readable(
            encoding::opaque("ipv4-address"),
            support::array(4, u8_).fp()
        )
    );
    assert_eq!(
        fp::<Ipv6Addr>(),
        encoding::readable(
            encoding::opaque("ipv6-address"),
            support::array(16, u8_).fp()
        )
    );
    let (human, compact) = readable_sides(<Ipv6Addr>::DESCRIPTION);
    assert_eq!(human.fingerprint, encoding::opaque("ipv6-address"));
    assert_eq!(compact.fingerprint, fp::<[u8; 16]>());

    let v4 = Ipv4Addr::new(192, 168, 0, 1);
    assert_eq!(trace::human(&v4), trace::human("192.168.0.1"));
    assert_eq!(trace::compact(&v4), trace::compact(&v4.octets()));
    let v6 = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    assert_eq!(trace::human(&v6), trace::human("fe80::1"));
    assert_eq!(trace::compact(&v6), trace::compact(&v6.octets()));
}

#[test]
fn socket_addr_compact_forms_are_ip_and_port_tuples() {
    assert_eq!(
        fp::<SocketAddrV4>(),
        encoding::readable(
            encoding::opaque("socket-address-v4"),
            fp::<([u8; 4], u16)>()
        )
    );
    assert_eq!(
        fp::<SocketAddrV6>(),
        encoding::readable(
            encoding::opaque("socket-address-v6"),
            fp::<([u8; 16], u16)>()
        )
    );
    assert_eq!(
        fp::<SocketAddr>(),
        encoding::readable(encoding::opaque("socket-address"), fp::<wire::SocketAddr>())
    );
    // A newtype variant holding a pair, not a two-field variant.
    assert_ne!(fp::<wire::SocketAddr>(), fp::<wire::SocketAddrTwoFields>());
    assert_ne!(fp::<SocketAddrV4>(), fp::<SocketAddrV6>());

    let v4 = SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 1), 80);
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 443, 0, 0);
    assert_eq!(trace::human(&v4), trace::human("10.0.0.1:80"));
    assert_eq!(trace::human(&v6), trace::human("[::1]:443"));
    assert_eq!(
        trace::compact(&v4),
        trace::compact(&(v4.ip().octets(), 80u16))
    );
    assert_eq!(
        trace::compact(&v6),
        trace::compact(&(v6.ip().octets(), 443u16))
    );
    assert_eq!(
        trace::compact(&SocketAddr::V4(v4)),
        trace::compact(&wire::SocketAddr::V4((v4.ip().octets(), 80)))
    );
    assert_eq!(
        trace::compact(&SocketAddr::V6(v6)),
        trace::compact(&wire::SocketAddr::V6((v6.ip().octets(), 443)))
    );
    assert_ne!(
        trace::compact(&SocketAddr::V4(v4)),
        trace::compact(&wire::SocketAddrTwoFields::V4(v4.ip().octets(), 80))
    );
}

// ---------------------------------------------------------------------------------------
// Composition

mod with_std {
    use super::*;

    #[derive(TypeFingerprint)]
    pub struct Config {
        pub listen: SocketAddr,
        pub timeout: Duration,
        pub peers: HashMap<String, IpAddr>,
        pub retries: Option<NonZeroU8>,
        pub window: Range<u32>,
        pub tags: BTreeSet<Box<str>>,
    }
}

mod spelled_out {
    use objfp::TypeFingerprint;
    use std::collections::BTreeMap;

    use super::wire;

    // The same shape, with std types replaced by what §5 says they are.
    #[derive(TypeFingerprint)]
    pub struct Config {
        pub listen: std::net::SocketAddr,
        pub timeout: wire::Duration,
        pub peers: BTreeMap<String, std::net::IpAddr>,
        pub retries: Option<u8>,
        pub window: wire::Range<u32>,
        pub tags: Vec<String>,
    }
}

#[test]
fn derived_types_compose_std_fingerprints() {
    assert_eq!(fp::<with_std::Config>(), fp::<spelled_out::Config>());
    const CONFIG: Fingerprint = <with_std::Config as TypeFingerprint>::FINGERPRINT;
    assert_eq!(CONFIG, fp::<spelled_out::Config>());
}

#[test]
fn descriptions_name_std_types() {
    assert_eq!(<Vec<u8>>::DESCRIPTION.name, "Vec");
    assert_eq!(<HashSet<u8>>::DESCRIPTION.name, "HashSet");
    assert_eq!(<BTreeMap<u8, u8>>::DESCRIPTION.name, "BTreeMap");
    assert_eq!(<[u8; 3]>::DESCRIPTION.name, "array");
    assert_eq!(<(u8, u8)>::DESCRIPTION.name, "tuple");
    assert_eq!(<Box<Duration>>::DESCRIPTION.name, "Duration");
    assert_eq!(<SocketAddrV6>::DESCRIPTION.name, "SocketAddrV6");
    assert_eq!(<PhantomData<u8>>::DESCRIPTION.name, "PhantomData");
    assert_eq!(<Bound<u8>>::DESCRIPTION.name, "Bound");
    assert_eq!(<CString>::DESCRIPTION.name, "bytes");
    match <HashMap<String, u8>>::DESCRIPTION.shape {
        Shape::Map { key, value } => {
            assert_eq!((key().name, value().name), ("string", "u8"));
        }
        ref other => panic!("expected a map, found {other:?}"),
    }
}

fn field_names(d: &Description) -> Vec<&'static str> {
    match d.shape {
        Shape::Struct(ref s) => s.fields.iter().map(|f| f.name).collect(),
        ref other => panic!("{}: expected a struct, found {other:?}", d.name),
    }
}

fn variant_names(d: &Description) -> Vec<&'static str> {
    match d.shape {
        Shape::Enum(ref e) => e.variants.iter().map(|v| v.name).collect(),
        ref other => panic!("{}: expected an enum, found {other:?}", d.name),
    }
}

// ---------------------------------------------------------------------------------------

mod support;
use support::preimage::node;
use support::{fp, prim, trace};

// The lockfile round trip for the types above (tests/support/lock.rs).
crate::lock_round_trip_test!(wire::Duration, wire::SystemTime, wire::Range<u32>, wire::RangeInclusive<i8>, wire::RangeFrom<u64>, wire::RangeTo<char>, wire::Bound<String>, wire::Result<u8, String>, wire::PhantomData, wire::IpAddr, wire::SocketAddr, wire::SocketAddrTwoFields, wire::Point, with_std::Config, spelled_out::Config);
