//! `objfp::compat` against the real formats: for every row of `COMPAT.md`, versions of a
//! type are written with serde_json, ciborium, rmp-serde, postcard and bincode and read
//! back as the other version. A compatible verdict must read every generated value
//! faithfully; a breaking one needs a witness value (or a row marked conservative); a
//! format said not to carry a type must fail to round-trip it. Types are nested in a
//! `Vec` and followed by a sentinel, so a reader that stops early or reads too far fails.
#![allow(clippy::type_complexity, dead_code)]

#[path = "compat/support.rs"]
mod support;

use std::collections::BTreeSet;

use objfp::compat::{self, Format};

/// One case: a pair of versions, the rules its report must name, and the check.
macro_rules! case {
    ($name:ident, [$($rule:literal),* $(,)?],
     old { $($old:tt)* }, new { $($new:tt)* },
     back |$o:ident, $fb:ident| $b:expr, fwd |$n:ident, $ff:ident| $f:expr $(,)?) => {
        mod $name {
            #![allow(unused_imports, unused_variables)]
            use crate::*;
            pub mod old { use crate::wire; use super::super::*; $($old)* }
            pub mod new { use crate::wire; use super::super::*; $($new)* }
            pub const RULES: &[&str] = &[$($rule),*];
            pub fn run() -> Result<(), String> {
                use objfp::compat::Format;
                use old::T as O;
                use new::T as N;
                crate::support::verify::<O, N>(
                    stringify!($name),
                    RULES,
                    &|$o: &O, $fb: Format| $b,
                    &|$n: &N, $ff: Format| $f,
                )
            }
        }
    };
}

/// Shared helpers and hand-written shapes the cases use.
pub fn is_zero(n: &u32) -> bool {
    *n == 0
}

pub fn positional(f: Format) -> bool {
    matches!(
        f,
        Format::MessagePack | Format::Postcard | Format::Bincode | Format::BincodeFixint
    )
}

pub fn by_index(f: Format) -> bool {
    matches!(
        f,
        Format::Postcard | Format::Bincode | Format::BincodeFixint
    )
}

/// Seconds since the Unix epoch as an `i64`: the named shape `"unix-seconds"` (as
/// `chrono::serde::ts_seconds` writes it).
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(transparent)]
pub struct Secs(pub i64);
/// The same bytes meaning milliseconds.
#[derive(serde::Serialize, serde::Deserialize, Debug, Clone, Copy, PartialEq)]
#[serde(transparent)]
pub struct Millis(pub i64);

macro_rules! named_shape {
    ($t:ident, $name:literal) => {
        impl objfp::TypeFingerprint for $t {
            const FINGERPRINT: objfp::Fingerprint =
                objfp::encoding::named($name, <i64 as objfp::TypeFingerprint>::FINGERPRINT);
            const DESCRIPTION: &'static objfp::Description = &objfp::Description {
                name: stringify!($t),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: objfp::Shape::Named {
                    name: $name,
                    inner: || <i64 as objfp::TypeFingerprint>::DESCRIPTION,
                },
            };
        }
        impl support::Gen for $t {
            fn gen_with(r: &mut support::Rng) -> Self {
                $t(support::Gen::gen_with(r))
            }
        }
    };
}
named_shape!(Secs, "unix-seconds");
named_shape!(Millis, "unix-milliseconds");

wire! { struct Inner { x: u32 } }
wire! { struct Id(u32); }
wire! { struct Pair(u32, String); }
wire! { #[fingerprint(opaque = "grammar-a")] #[serde(transparent)] struct GrammarA { s: String } }
wire! { #[fingerprint(opaque = "grammar-b")] #[serde(transparent)] struct GrammarB { s: String } }

// ---- Named fields, by name ----------------------------------------------------------

case!(field_added_default, ["field-added-default", "field-appended-default"],
    old { wire! { struct T { a: u32, s: String } } },
    new { wire! { struct T { a: u32, s: String, #[serde(default)] b: u32 } } },
    back |o, f| Some(N { a: o.a, s: o.s.clone(), b: 0 }),
    fwd |n, f| Some(O { a: n.a, s: n.s.clone() }));

case!(field_added_option, ["field-added-option", "field-appended"],
    old { wire! { struct T { a: u32, s: String } } },
    new { wire! { struct T { a: u32, s: String, b: Option<u32> } } },
    back |o, f| Some(N { a: o.a, s: o.s.clone(), b: None }),
    fwd |n, f| Some(O { a: n.a, s: n.s.clone() }));

case!(field_added_required, ["field-added-required", "field-appended"],
    old { wire! { struct T { a: u32, s: String } } },
    new { wire! { struct T { a: u32, s: String, b: u32 } } },
    back |o, f| None,
    fwd |n, f| Some(O { a: n.a, s: n.s.clone() }));

case!(field_added_denied, ["field-added-default", "field-added-denied", "field-appended-default"],
    old { wire! { #[serde(deny_unknown_fields)] struct T { a: u32 } } },
    new { wire! { #[serde(deny_unknown_fields)] struct T { a: u32, #[serde(default)] b: u32 } } },
    back |o, f| Some(N { a: o.a, b: 0 }),
    fwd |n, f| Some(O { a: n.a }));

// Which side's container counts: the reader that lacks a field decides whether it
// refuses it as unknown, the side that has the field decides its default.
case!(field_added_new_denies, ["field-added-default", "field-appended-default", "deny-unknown-fields-changed"],
    old { wire! { struct T { a: u32 } } },
    new { wire! { #[serde(deny_unknown_fields)] struct T { a: u32, #[serde(default)] b: u32 } } },
    back |o, f| Some(N { a: o.a, b: 0 }),
    fwd |n, f| Some(O { a: n.a }));

case!(field_added_old_denies, ["field-added-default", "field-added-denied", "field-appended-default", "deny-unknown-fields-changed"],
    old { wire! { #[serde(deny_unknown_fields)] struct T { a: u32 } } },
    new { wire! { struct T { a: u32, #[serde(default)] b: u32 } } },
    back |o, f| Some(N { a: o.a, b: 0 }),
    fwd |n, f| Some(O { a: n.a }));

case!(field_added_container_default, ["field-added-default", "field-appended-default", "container-default-changed"],
    old { wire! { struct T { a: u32 } } },
    new { wire! { #[derive(Default)] #[serde(default)] struct T { a: u32, b: u32 } } },
    back |o, f| Some(N { a: o.a, b: 0 }),
    fwd |n, f| Some(O { a: n.a }));

case!(field_removed_container_default, ["field-removed-default", "field-truncated-default", "container-default-changed"],
    old { wire! { #[derive(Default)] #[serde(default)] struct T { a: u32, b: u32 } } },
    new { wire! { struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| Some(O { a: n.a, b: 0 }));

case!(field_removed_default, ["field-removed-default", "field-truncated-default"],
    old { wire! { struct T { a: u32, #[serde(default)] b: u32 } } },
    new { wire! { struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| Some(O { a: n.a, b: 0 }));

case!(field_removed_option, ["field-removed-option", "field-truncated"],
    old { wire! { struct T { a: u32, b: Option<u32> } } },
    new { wire! { struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| Some(O { a: n.a, b: None }));

case!(field_removed_required, ["field-removed-required", "field-truncated"],
    old { wire! { struct T { a: u32, b: String } } },
    new { wire! { struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| None);

case!(field_removed_denied, ["field-removed-option", "field-removed-denied", "field-truncated", "deny-unknown-fields-changed"],
    old { wire! { struct T { a: u32, b: Option<u32> } } },
    new { wire! { #[serde(deny_unknown_fields)] struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| Some(O { a: n.a, b: None }));

case!(renamed_new_accepts_old, ["renamed-new-accepts-old"],
    old { wire! { struct T { a: u32, c: String } } },
    new { wire! { struct T { #[serde(alias = "a")] b: u32, c: String } } },
    back |o, f| Some(N { b: o.a, c: o.c.clone() }),
    fwd |n, f| Some(O { a: n.b, c: n.c.clone() }));

case!(renamed_old_accepts_new, ["renamed-old-accepts-new"],
    old { wire! { struct T { #[serde(alias = "b")] a: u32, c: String } } },
    new { wire! { struct T { b: u32, c: String } } },
    back |o, f| Some(N { b: o.a, c: o.c.clone() }),
    fwd |n, f| Some(O { a: n.b, c: n.c.clone() }));

case!(renamed_both_accept, ["renamed-both-accept"],
    old { wire! { struct T { #[serde(alias = "b")] a: u32, c: String } } },
    new { wire! { struct T { #[serde(alias = "a")] b: u32, c: String } } },
    back |o, f| Some(N { b: o.a, c: o.c.clone() }),
    fwd |n, f| Some(O { a: n.b, c: n.c.clone() }));

case!(aliases_changed, ["aliases-changed"],
    old { wire! { struct T { a: u32, c: String } } },
    new { wire! { struct T { #[serde(alias = "x")] a: u32, c: String } } },
    back |o, f| Some(N { a: o.a, c: o.c.clone() }),
    fwd |n, f| Some(O { a: n.a, c: n.c.clone() }));

// A plain rename: two different fields by name, the same field by position.
case!(field_renamed_plain, ["field-removed-required", "field-added-required"],
    old { wire! { struct T { a: u32, c: String } } },
    new { wire! { struct T { b: u32, c: String } } },
    back |o, f| Some(N { b: o.a, c: o.c.clone() }),
    fwd |n, f| Some(O { a: n.b, c: n.c.clone() }));

case!(field_moved, ["field-moved"],
    old { wire! { struct T { a: u32, b: u32 } } },
    new { wire! { struct T { b: u32, a: u32 } } },
    back |o, f| Some(N { a: o.a, b: o.b }),
    fwd |n, f| Some(O { a: n.a, b: n.b }));

// ---- Positions (tuple structs) ----------------------------------------------------------

case!(field_appended_default, ["field-appended-default"],
    old { wire! { struct T(u32, String); } },
    new { wire! { struct T(u32, String, #[serde(default)] u32); } },
    back |o, f| Some(N(o.0, o.1.clone(), 0)),
    fwd |n, f| Some(O(n.0, n.1.clone())));

case!(field_appended, ["field-appended"],
    old { wire! { struct T(u32, String); } },
    new { wire! { struct T(u32, String, u32); } },
    back |o, f| None,
    fwd |n, f| Some(O(n.0, n.1.clone())));

case!(field_truncated_default, ["field-truncated-default"],
    old { wire! { struct T(u32, String, #[serde(default)] u32); } },
    new { wire! { struct T(u32, String); } },
    back |o, f| Some(N(o.0, o.1.clone())),
    fwd |n, f| Some(O(n.0, n.1.clone(), 0)));

case!(field_truncated, ["field-truncated"],
    old { wire! { struct T(u32, String, u32); } },
    new { wire! { struct T(u32, String); } },
    back |o, f| Some(N(o.0, o.1.clone())),
    fwd |n, f| None);

// ---- Field attributes ------------------------------------------------------------------

case!(field_omitted_new_requires, ["field-default-changed", "field-omitted-new-requires"],
    old { wire! { struct T { a: u32, #[serde(default, skip_serializing_if = "is_zero")] n: u32 } } },
    new { wire! { struct T { a: u32, n: u32 } } },
    back |o, f| Some(N { a: o.a, n: o.n }),
    fwd |n, f| Some(O { a: n.a, n: n.n }));

case!(field_omitted_old_requires, ["field-default-changed", "field-omitted-old-requires"],
    old { wire! { struct T { a: u32, n: u32 } } },
    new { wire! { struct T { a: u32, #[serde(default, skip_serializing_if = "is_zero")] n: u32 } } },
    back |o, f| Some(N { a: o.a, n: o.n }),
    fwd |n, f| Some(O { a: n.a, n: n.n }));

case!(field_default_changed, ["field-default-changed"],
    old { wire! { struct T { a: u32, b: String } } },
    new { wire! { struct T { a: u32, #[serde(default)] b: String } } },
    back |o, f| Some(N { a: o.a, b: o.b.clone() }),
    fwd |n, f| Some(O { a: n.a, b: n.b.clone() }));

case!(container_default_changed, ["container-default-changed"],
    old { wire! { struct T { a: u32, b: String } } },
    new { wire! { #[derive(Default)] #[serde(default)] struct T { a: u32, b: String } } },
    back |o, f| Some(N { a: o.a, b: o.b.clone() }),
    fwd |n, f| Some(O { a: n.a, b: n.b.clone() }));

case!(deny_unknown_fields_changed, ["deny-unknown-fields-changed"],
    old { wire! { struct T { a: u32 } } },
    new { wire! { #[serde(deny_unknown_fields)] struct T { a: u32 } } },
    back |o, f| Some(N { a: o.a }),
    fwd |n, f| Some(O { a: n.a }));

case!(field_skip_changed, ["field-skip-changed"],
    old { wire! { struct T { a: u32, b: u32 } } },
    new { wire! { struct T { a: u32, #[serde(skip_deserializing)] b: u32 } } },
    back |o, f| Some(N { a: o.a, b: o.b }),
    fwd |n, f| Some(O { a: n.a, b: n.b }));

// serde never writes a flattened field's name (objfp/2: its wire name is `""`), so
// flattening `inner` removes the field `inner` and adds a flattened one, as `diff` says.
case!(flatten_changed, ["field-removed-required", "flatten-changed", "unsupported-flatten"],
    old { wire! { struct T { a: u32, inner: Inner } } },
    new { wire! { struct T { a: u32, #[serde(flatten)] inner: Inner } } },
    back |o, f| Some(N { a: o.a, inner: o.inner.clone() }),
    fwd |n, f| Some(O { a: n.a, inner: n.inner.clone() }));

// ---- Shapes ----------------------------------------------------------------------------

case!(option_added, ["option-added"],
    old { wire! { struct T { a: u32 } } },
    new { wire! { struct T { a: Option<u32> } } },
    back |o, f| Some(N { a: Some(o.a) }),
    fwd |n, f| n.a.map(|a| O { a }));

case!(option_removed, ["option-removed"],
    old { wire! { struct T { a: Option<String> } } },
    new { wire! { struct T { a: String } } },
    back |o, f| o.a.clone().map(|a| N { a }),
    fwd |n, f| Some(O { a: Some(n.a.clone()) }));

case!(newtype_wrapped, ["newtype-wrapped"],
    old { wire! { struct T { a: u32, b: Vec<u32> } } },
    new { wire! { struct T { a: Id, b: Vec<u32> } } },
    back |o, f| Some(N { a: Id(o.a), b: o.b.clone() }),
    fwd |n, f| Some(O { a: n.a.0, b: n.b.clone() }));

case!(tuple_struct_tuple, ["tuple-struct-tuple"],
    old { wire! { struct T { a: (u32, String) } } },
    new { wire! { struct T { a: Pair } } },
    back |o, f| Some(N { a: Pair(o.a.0, o.a.1.clone()) }),
    fwd |n, f| Some(O { a: (n.a.0, n.a.1.clone()) }));

case!(struct_tuple_to_named, ["struct-tuple-to-named"],
    old { wire! { struct T(u32, String); } },
    new { wire! { struct T { a: u32, b: String } } },
    back |o, f| Some(N { a: o.0, b: o.1.clone() }),
    fwd |n, f| Some(O(n.a, n.b.clone())));

case!(struct_named_to_tuple, ["struct-named-to-tuple"],
    old { wire! { struct T { a: u32, b: String } } },
    new { wire! { struct T(u32, String); } },
    back |o, f| Some(N(o.a, o.b.clone())),
    fwd |n, f| Some(O { a: n.0, b: n.1.clone() }));

case!(kind_changed, ["kind-changed"],
    old { wire! { enum T { A, B } } },
    new { wire! { enum T { A, B(u32) } } },
    back |o, f| match o { O::A => Some(N::A), O::B => None },
    fwd |n, f| match n { N::A => Some(O::A), N::B(_) => None });

case!(array_to_seq, ["array-to-seq"],
    old { wire! { struct T { a: [u32; 2] } } },
    new { wire! { struct T { a: Vec<u32> } } },
    back |o, f| Some(N { a: o.a.to_vec() }),
    fwd |n, f| <[u32; 2]>::try_from(n.a.clone()).ok().map(|a| O { a }));

case!(seq_to_array, ["seq-to-array"],
    old { wire! { struct T { a: Vec<u32> } } },
    new { wire! { struct T { a: [u32; 2] } } },
    back |o, f| <[u32; 2]>::try_from(o.a.clone()).ok().map(|a| N { a }),
    fwd |n, f| Some(O { a: n.a.to_vec() }));

case!(len_changed, ["len-changed"],
    old { wire! { struct T { a: [u32; 2] } } },
    new { wire! { struct T { a: [u32; 3] } } },
    back |o, f| None,
    fwd |n, f| None);

case!(map_to_seq, ["map-to-seq"],
old { wire! { struct T { a: std::collections::BTreeMap<u32, u32> } } },
new { wire! { struct T { a: Vec<(u32, u32)> } } },
back |o, f| Some(N { a: o.a.iter().map(|(k, v)| (*k, *v)).collect() }),
fwd |n, f| {
    let map: std::collections::BTreeMap<u32, u32> = n.a.iter().copied().collect();
    (map.len() == n.a.len()).then_some(O { a: map })
});

case!(seq_to_map, ["seq-to-map"],
    old { wire! { struct T { a: Vec<(u32, u32)> } } },
    new { wire! { struct T { a: std::collections::BTreeMap<u32, u32> } } },
    back |o, f| {
        let map: std::collections::BTreeMap<u32, u32> = o.a.iter().copied().collect();
        (map.len() == o.a.len()).then_some(N { a: map })
    },
    fwd |n, f| Some(O { a: n.a.iter().map(|(k, v)| (*k, *v)).collect() }));

case!(bytes_seq, ["bytes-seq"],
    old { wire! { struct T { a: bytes::Bytes, b: u8 } } },
    new { wire! { struct T { a: Vec<u8>, b: u8 } } },
    back |o, f| Some(N { a: o.a.to_vec(), b: o.b }),
    fwd |n, f| Some(O { a: bytes::Bytes::from(n.a.clone()), b: n.b }));

case!(shape_changed, ["shape-changed"],
    old { wire! { struct T { a: Vec<u32> } } },
    new { wire! { struct T { a: std::collections::BTreeMap<u32, u32> } } },
    back |o, f| None,
    fwd |n, f| None);

case!(named_changed, ["named-changed"],
    old { wire! { struct T { at: Secs } } },
    new { wire! { struct T { at: Millis } } },
    back |o, f| None,
    fwd |n, f| None);

case!(named_wrapped, ["named-wrapped"],
    old { wire! { struct T { at: i64 } } },
    new { wire! { struct T { at: Secs } } },
    back |o, f| Some(N { at: Secs(o.at) }),
    fwd |n, f| Some(O { at: n.at.0 }));

case!(opaque_changed, ["opaque-changed"],
    old { wire! { struct T { a: GrammarA } } },
    new { wire! { struct T { a: GrammarB } } },
    back |o, f| Some(N { a: GrammarB { s: o.a.s.clone() } }),
    fwd |n, f| Some(O { a: GrammarA { s: n.a.s.clone() } }));

// ---- Enums -----------------------------------------------------------------------------

case!(variant_added, ["variant-added"],
    old { wire! { enum T { A, B(u32) } } },
    new { wire! { enum T { A, B(u32), C { x: String } } } },
    back |o, f| Some(match o { O::A => N::A, O::B(x) => N::B(*x) }),
    fwd |n, f| match n { N::A => Some(O::A), N::B(x) => Some(O::B(*x)), N::C { .. } => None });

case!(variant_added_other, ["variant-added-other", "variant-other-changed"],
    old { wire! { enum T { A(u32), #[serde(other)] Other } } },
    new { wire! { enum T { A(u32), Other, C } } },
    back |o, f| Some(match o { O::A(x) => N::A(*x), O::Other => N::Other }),
    fwd |n, f| Some(match n { N::A(x) => O::A(*x), N::Other | N::C => O::Other }));

case!(variant_removed, ["variant-removed"],
    old { wire! { enum T { A, B(u32), C(String) } } },
    new { wire! { enum T { A, B(u32) } } },
    back |o, f| match o { O::A => Some(N::A), O::B(x) => Some(N::B(*x)), O::C(_) => None },
    fwd |n, f| Some(match n { N::A => O::A, N::B(x) => O::B(*x) }));

case!(variant_removed_other, ["variant-removed-other", "variant-other-changed"],
    old { wire! { enum T { A(u32), Other, C } } },
    new { wire! { enum T { A(u32), #[serde(other)] Other } } },
    back |o, f| Some(match o { O::A(x) => N::A(*x), O::Other | O::C => N::Other }),
    fwd |n, f| Some(match n { N::A(x) => O::A(*x), N::Other => O::Other }));

case!(variant_moved, ["variant-moved"],
    old { wire! { enum T { A, B, C(u32) } } },
    new { wire! { enum T { A, C(u32), B } } },
    back |o, f| Some(match o { O::A => N::A, O::B => N::B, O::C(x) => N::C(*x) }),
    fwd |n, f| Some(match n { N::A => O::A, N::B => O::B, N::C(x) => O::C(*x) }));

// A plain variant rename: the same variant by index, two variants by name.
case!(variant_renamed_plain, ["variant-removed", "variant-added"],
    old { wire! { enum T { A, B(u32) } } },
    new { wire! { enum T { A, Bee(u32) } } },
    back |o, f| Some(match o { O::A => N::A, O::B(x) => N::Bee(*x) }),
    fwd |n, f| Some(match n { N::A => O::A, N::Bee(x) => O::B(*x) }));

case!(variant_other_changed, ["variant-other-changed"],
    old { wire! { enum T { A(u32), B } } },
    new { wire! { enum T { A(u32), #[serde(other)] B } } },
    back |o, f| Some(match o { O::A(x) => N::A(*x), O::B => N::B }),
    fwd |n, f| Some(match n { N::A(x) => O::A(*x), N::B => O::B }));

case!(discriminant_changed, ["discriminant-changed"],
    old { wire! { #[repr(u8)] enum T { A = 1, B = 2 } } },
    new { wire! { #[repr(u8)] enum T { A = 1, B = 3 } } },
    back |o, f| Some(match o { O::A => N::A, O::B => N::B }),
    fwd |n, f| Some(match n { N::A => O::A, N::B => O::B }));

case!(tagging_changed, ["tagging-changed", "unsupported-internal-tag"],
    old { wire! { enum T { A { x: u32 }, B } } },
    new { wire! { #[serde(tag = "t")] enum T { A { x: u32 }, B } } },
    back |o, f| Some(match o { O::A { x } => N::A { x: *x }, O::B => N::B }),
    fwd |n, f| Some(match n { N::A { x } => O::A { x: *x }, N::B => O::B }));

case!(untagged_variant_appended, ["untagged-variant-appended", "unsupported-untagged"],
    old { wire! { #[serde(untagged)] enum T { A { x: u32 } } } },
    new { wire! { #[serde(untagged)] enum T { A { x: u32 }, B(String) } } },
    back |o, f| Some(match o { O::A { x } => N::A { x: *x } }),
    fwd |n, f| match n { N::A { x } => Some(O::A { x: *x }), N::B(_) => None });

case!(untagged_changed, ["untagged-changed", "unsupported-untagged"],
    old { wire! { #[serde(untagged)] enum T { A(u32), B(String) } } },
    new { wire! { #[serde(untagged)] enum T { A(u64), B(String) } } },
    back |o, f| Some(match o { O::A(x) => N::A(*x as u64), O::B(s) => N::B(s.clone()) }),
    fwd |n, f| match n { N::A(x) => u32::try_from(*x).ok().map(O::A), N::B(s) => Some(O::B(s.clone())) });

// Struct variants: fields by name in maps, by position in msgpack arrays and postcard.
case!(variant_field_added_default, ["field-added-default", "field-appended-default"],
    old { wire! { enum T { A { x: u32 }, B(u8) } } },
    new { wire! { enum T { A { x: u32, #[serde(default)] y: String }, B(u8) } } },
    back |o, f| Some(match o { O::A { x } => N::A { x: *x, y: String::new() }, O::B(b) => N::B(*b) }),
    fwd |n, f| Some(match n { N::A { x, .. } => O::A { x: *x }, N::B(b) => O::B(*b) }));

// Map keys follow the integer rules (JSON writes them as strings and parses them back).
case!(map_key_widened, ["int-widened"],
old { wire! { struct T { m: std::collections::BTreeMap<u32, String> } } },
new { wire! { struct T { m: std::collections::BTreeMap<u64, String> } } },
back |o, f| Some(N { m: o.m.iter().map(|(k, v)| (*k as u64, v.clone())).collect() }),
fwd |n, f| {
    let m: Option<std::collections::BTreeMap<u32, String>> =
        n.m.iter().map(|(k, v)| u32::try_from(*k).ok().map(|k| (k, v.clone()))).collect();
    m.map(|m| O { m })
});

// ---- What formats cannot carry ---------------------------------------------------------

case!(unsupported_flatten, ["field-added-default", "field-appended-default", "unsupported-flatten"],
    old { wire! { struct I { x: u32 } } wire! { struct T { a: u32, #[serde(flatten)] i: I } } },
    new { wire! { struct I { x: u32, #[serde(default)] y: u32 } } wire! { struct T { a: u32, #[serde(flatten)] i: I } } },
    back |o, f| Some(N { a: o.a, i: new::I { x: o.i.x, y: 0 } }),
    fwd |n, f| Some(O { a: n.a, i: old::I { x: n.i.x } }));

case!(unsupported_adjacent_tag, ["variant-added", "unsupported-adjacent-tag"],
    old { wire! { #[serde(tag = "t", content = "c")] enum T { A(u32), B } } },
    new { wire! { #[serde(tag = "t", content = "c")] enum T { A(u32), B, C(String) } } },
    back |o, f| Some(match o { O::A(x) => N::A(*x), O::B => N::B }),
    fwd |n, f| match n { N::A(x) => Some(O::A(*x)), N::B => Some(O::B), N::C(_) => None });

case!(unsupported_struct_tag, ["field-added-default", "field-appended-default", "unsupported-struct-tag"],
    old { wire! { #[serde(tag = "type")] struct T { a: u32 } } },
    new { wire! { #[serde(tag = "type")] struct T { a: u32, #[serde(default)] b: u32 } } },
    back |o, f| Some(N { a: o.a, b: 0 }),
    fwd |n, f| Some(O { a: n.a }));

/// Every case, by name: `(name, the rules its report names, the check)`.
macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), $name::RULES, $name::run as fn() -> Result<(), String>)),*]
    };
}

const CASES: &[(&str, &[&str], fn() -> Result<(), String>)] = cases![
    field_added_default,
    field_added_option,
    field_added_required,
    field_added_denied,
    field_removed_default,
    field_removed_option,
    field_removed_required,
    field_added_new_denies,
    field_added_old_denies,
    field_added_container_default,
    field_removed_container_default,
    field_removed_denied,
    renamed_new_accepts_old,
    renamed_old_accepts_new,
    renamed_both_accept,
    aliases_changed,
    field_renamed_plain,
    field_moved,
    field_appended_default,
    field_appended,
    field_truncated_default,
    field_truncated,
    field_omitted_new_requires,
    field_omitted_old_requires,
    field_default_changed,
    container_default_changed,
    deny_unknown_fields_changed,
    field_skip_changed,
    flatten_changed,
    option_added,
    option_removed,
    newtype_wrapped,
    tuple_struct_tuple,
    struct_tuple_to_named,
    struct_named_to_tuple,
    kind_changed,
    array_to_seq,
    seq_to_array,
    len_changed,
    map_to_seq,
    seq_to_map,
    bytes_seq,
    shape_changed,
    named_changed,
    named_wrapped,
    opaque_changed,
    variant_added,
    variant_added_other,
    variant_removed,
    variant_removed_other,
    variant_moved,
    variant_renamed_plain,
    variant_other_changed,
    discriminant_changed,
    tagging_changed,
    untagged_variant_appended,
    untagged_changed,
    variant_field_added_default,
    map_key_widened,
    unsupported_flatten,
    unsupported_adjacent_tag,
    unsupported_struct_tag,
];

fn run_cases(filter: impl Fn(&str) -> bool) {
    let errors: Vec<String> = CASES
        .iter()
        .filter(|(name, _, _)| filter(name))
        .filter_map(|(_, _, run)| run().err())
        .collect();
    assert!(
        errors.is_empty(),
        "{} case(s) disagree with the formats:\n\n{}",
        errors.len(),
        errors.join("\n\n")
    );
}

#[test]
fn fields_agree_with_the_formats() {
    run_cases(|n| {
        n.starts_with("field")
            || n.starts_with("renamed")
            || n.starts_with("aliases")
            || n.starts_with("container")
            || n.starts_with("deny")
            || n == "flatten_changed"
    });
}

#[test]
fn shapes_agree_with_the_formats() {
    let shapes = [
        "option_added",
        "option_removed",
        "newtype_wrapped",
        "tuple_struct_tuple",
        "struct_tuple_to_named",
        "struct_named_to_tuple",
        "kind_changed",
        "array_to_seq",
        "seq_to_array",
        "len_changed",
        "map_to_seq",
        "seq_to_map",
        "bytes_seq",
        "shape_changed",
        "named_changed",
        "named_wrapped",
        "opaque_changed",
        "map_key_widened",
    ];
    run_cases(|n| shapes.contains(&n));
}

#[test]
fn enums_agree_with_the_formats() {
    run_cases(|n| {
        n.starts_with("variant")
            || n.starts_with("discriminant")
            || n.starts_with("tagging")
            || n.starts_with("untagged")
            || n.starts_with("unsupported")
    });
}

#[test]
fn every_case_runs_in_some_test() {
    let groups = |n: &str| {
        n.starts_with("field")
            || n.starts_with("renamed")
            || n.starts_with("aliases")
            || n.starts_with("container")
            || n.starts_with("deny")
            || n == "flatten_changed"
            || n.starts_with("variant")
            || n.starts_with("discriminant")
            || n.starts_with("tagging")
            || n.starts_with("untagged")
            || n.starts_with("unsupported")
            || [
                "option_added",
                "option_removed",
                "newtype_wrapped",
                "tuple_struct_tuple",
                "struct_tuple_to_named",
                "struct_named_to_tuple",
                "kind_changed",
                "array_to_seq",
                "seq_to_array",
                "len_changed",
                "map_to_seq",
                "seq_to_map",
                "bytes_seq",
                "shape_changed",
                "named_changed",
                "named_wrapped",
                "opaque_changed",
                "map_key_widened",
                "map_key_widened",
            ]
            .contains(&n)
    };
    for (name, _, _) in CASES {
        assert!(groups(name), "case {name} is in no test group");
    }
}

// ---- Primitives: every pair, both ways -------------------------------------------------

/// A primitive value as a number, text, bytes or a truth value, so that a `u8` read as
/// a `u64`, or a `char` read as a `String`, can be compared with what was written.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(String),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
    Bool(bool),
}

pub trait Prim: Sized {
    fn val(&self) -> Val;
    fn from_val(v: &Val) -> Option<Self>;
}

/// The integer a float holds exactly, if any.
fn float_int(x: f64) -> Option<String> {
    (x.fract() == 0.0 && x.abs() < 1e38).then(|| format!("{}", x as i128))
}

macro_rules! prim_int {
    ($($t:ty),*) => {$(
        impl Prim for $t {
            fn val(&self) -> Val { Val::Int(self.to_string()) }
            fn from_val(v: &Val) -> Option<Self> {
                match v {
                    Val::Int(s) => s.parse().ok(),
                    Val::Float(x) => float_int(*x)?.parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}
prim_int!(u8, u16, u32, u64, u128, i8, i16, i32, i64, i128);

impl Prim for f64 {
    fn val(&self) -> Val {
        Val::Float(*self)
    }
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Float(x) => Some(*x),
            Val::Int(s) => s
                .parse::<f64>()
                .ok()
                .filter(|x| float_int(*x).as_deref() == Some(s)),
            _ => None,
        }
    }
}
impl Prim for f32 {
    fn val(&self) -> Val {
        Val::Float(*self as f64)
    }
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Float(x) => Some(*x as f32).filter(|y| *y as f64 == *x),
            Val::Int(s) => s
                .parse::<f32>()
                .ok()
                .filter(|x| float_int(*x as f64).as_deref() == Some(s)),
            _ => None,
        }
    }
}
impl Prim for bool {
    fn val(&self) -> Val {
        Val::Bool(*self)
    }
    fn from_val(v: &Val) -> Option<Self> {
        if let Val::Bool(b) = v { Some(*b) } else { None }
    }
}
impl Prim for char {
    fn val(&self) -> Val {
        Val::Text(self.to_string())
    }
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Text(s) if s.chars().count() == 1 => s.chars().next(),
            _ => None,
        }
    }
}
impl Prim for String {
    fn val(&self) -> Val {
        Val::Text(self.clone())
    }
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Text(s) => Some(s.clone()),
            Val::Bytes(b) => String::from_utf8(b.clone()).ok(),
            _ => None,
        }
    }
}
impl Prim for bytes::Bytes {
    fn val(&self) -> Val {
        Val::Bytes(self.to_vec())
    }
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Bytes(b) => Some(bytes::Bytes::from(b.clone())),
            Val::Text(s) => Some(bytes::Bytes::from(s.clone().into_bytes())),
            _ => None,
        }
    }
}

/// Checks `check(W, R)`'s backward verdict, and `check(R, W)`'s forward one, against
/// what each format does with `W` values read as `R`.
fn prim_pair<W, R>() -> Result<(), String>
where
    W: objfp::TypeFingerprint
        + Prim
        + support::Gen
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Clone
        + PartialEq
        + std::fmt::Debug,
    R: objfp::TypeFingerprint
        + Prim
        + support::Gen
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Clone
        + PartialEq
        + std::fmt::Debug,
{
    let forward = compat::check(W::DESCRIPTION, R::DESCRIPTION);
    let reverse = compat::check(R::DESCRIPTION, W::DESCRIPTION);
    let label = format!("{} -> {}", W::DESCRIPTION.name, R::DESCRIPTION.name);
    let mut errors = Vec::new();
    for format in Format::ALL {
        if forward.backward(format) != reverse.forward(format) {
            errors.push(format!(
                "{label}: {format}: backward of one and forward of the reverse disagree"
            ));
        }
        let outcome = support::probe::<W, R>(format, 0x5eed, &|w, _| R::from_val(&w.val()));
        if let Err(e) = support::agree(&forward, format, true, &outcome, false, &label) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

macro_rules! prim_matrix {
    ($($t:ty),*) => {
        /// `(old, new, check)` for every ordered pair of distinct primitives.
        fn prim_pairs() -> Vec<(&'static objfp::Description, &'static objfp::Description, fn() -> Result<(), String>)> {
            let mut out = Vec::new();
            prim_matrix!(@rows out; [$($t),*]; $($t),*);
            out
        }
    };
    (@rows $out:ident; $bs:tt; $($a:ty),*) => {
        $( prim_matrix!(@row $out; $a; $bs); )*
    };
    (@row $out:ident; $a:ty; [$($b:ty),*]) => {
        $(
            if <$a as objfp::TypeFingerprint>::FINGERPRINT != <$b as objfp::TypeFingerprint>::FINGERPRINT {
                $out.push((<$a as objfp::TypeFingerprint>::DESCRIPTION, <$b as objfp::TypeFingerprint>::DESCRIPTION, prim_pair::<$a, $b> as fn() -> Result<(), String>));
            }
        )*
    };
}
prim_matrix!(
    u8,
    u16,
    u32,
    u64,
    u128,
    i8,
    i16,
    i32,
    i64,
    i128,
    f32,
    f64,
    bool,
    char,
    String,
    bytes::Bytes
);

#[test]
fn primitives_agree_with_the_formats() {
    let pairs = prim_pairs();
    assert_eq!(pairs.len(), 16 * 15);
    let errors: Vec<String> = pairs.iter().filter_map(|(_, _, run)| run().err()).collect();
    assert!(
        errors.is_empty(),
        "{} primitive pair(s) disagree:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

// ---- Coverage: every rule is exercised ------------------------------------------------

/// Rules no case here can exercise yet, and why.
const NOT_EXERCISED: &[(&str, &str)] = &[
    (
        "field-deserialize-with",
        "the derive does not describe `deserialize_with` fields yet (objfp/2, lead); the row is conservative",
    ),
    (
        "attr-changed",
        "the only described attributes without a rule (`variant_identifier`, `field_identifier`) make enums serde_derive cannot serialize; the row is conservative",
    ),
];

#[test]
fn every_rule_has_a_case() {
    let mut covered: BTreeSet<&str> = CASES
        .iter()
        .flat_map(|(_, rules, _)| rules.iter().copied())
        .collect();
    for (old, new, _) in prim_pairs() {
        for f in compat::check(old, new).changes() {
            covered.extend(f.rules().map(|r| r.id));
        }
    }
    let missing: Vec<&str> = compat::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !covered.contains(id) && !NOT_EXERCISED.iter().any(|(x, _)| x == id))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
    let unknown: Vec<&str> = covered
        .iter()
        .copied()
        .filter(|id| compat::rule(id).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "cases name rules that do not exist: {unknown:?}"
    );
}

/// objfp/2: a tuple whose elements are all one type is the array of it (`SPEC.md`, design
/// item 5), so changing one into the other is no change at all. The formats agree: each
/// writes the two as the same bytes, and reads each from the other's.
#[test]
fn a_tuple_of_one_type_is_the_array_of_it() {
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    struct Old {
        a: (u32, u32),
        b: (String, String, String),
    }
    #[derive(objfp::TypeFingerprint, serde::Serialize, serde::Deserialize)]
    struct New {
        a: [u32; 2],
        b: [String; 3],
    }
    let report = compat::check(
        <(u32, u32) as objfp::TypeFingerprint>::DESCRIPTION,
        <[u32; 2] as objfp::TypeFingerprint>::DESCRIPTION,
    );
    assert!(report.is_identical(), "{report}");
    let report = compat::check(
        <Old as objfp::TypeFingerprint>::DESCRIPTION,
        <New as objfp::TypeFingerprint>::DESCRIPTION,
    );
    assert!(report.is_identical(), "{report}");
    let old = Old {
        a: (1, 300),
        b: ("x".into(), "y".into(), "z".into()),
    };
    let new = New {
        a: [1, 300],
        b: ["x".into(), "y".into(), "z".into()],
    };
    for format in Format::ALL {
        let (o, n) = (
            support::enc(format, &old).unwrap(),
            support::enc(format, &new).unwrap(),
        );
        assert_eq!(o, n, "{format}");
        let read: New = support::dec(format, &o).unwrap();
        assert_eq!(read.a, new.a, "{format}");
        let read: Old = support::dec(format, &n).unwrap();
        assert_eq!(read.b, old.b, "{format}");
    }
}
