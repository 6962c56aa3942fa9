//! Walking two descriptions side by side and deciding each change by the rules.
//!
//! The walk descends only where fingerprints differ, and remembers each pair of types it
//! has compared (with the formats in force), so recursive descriptions terminate and a
//! pair is explained once, at the first path that reaches it.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::Write;

use super::Verdict;
use super::format::{Format, FormatSet, families};
use super::names::{attr_text, name_token, push_name, type_name};
use super::report::{ChangeKind, Finding, Reason};
use super::rules::{self as r, Rule};
use crate::{
    Attrs, Description, EnumShape, Field, Fields, Fingerprint, Primitive, Shape, StructKind,
};

/// Identifies a type for the walk's memory: its fingerprint, or for a proxy's own
/// structure (which has no description of its own) the address of that shape.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Fp(Fingerprint),
    Own(usize),
}

/// A type being compared: its description (for names) and the shape compared.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub key: Key,
    pub desc: &'a Description,
    pub shape: &'a Shape,
}

pub(crate) fn node(d: &Description) -> Node<'_> {
    Node {
        key: Key::Fp(d.fingerprint),
        desc: d,
        shape: &d.shape,
    }
}

pub(crate) fn own<'a>(d: &'a Description, shape: &'a Shape) -> Node<'a> {
    Node {
        key: Key::Own(shape as *const Shape as usize),
        desc: d,
        shape,
    }
}

/// The formats a comparison is about, per direction, and whether it is inside a
/// `flatten` field (where msgpack writes maps too).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ctx {
    b: FormatSet,
    f: FormatSet,
    flatten: bool,
}

impl Ctx {
    fn only(self, set: FormatSet) -> Ctx {
        Ctx {
            b: self.b.intersection(set),
            f: self.f.intersection(set),
            ..self
        }
    }

    fn mask(self, set: FormatSet) -> Verdict {
        Verdict {
            backward: self.b.intersection(set),
            forward: self.f.intersection(set),
        }
    }

    fn all(self) -> Verdict {
        self.mask(FormatSet::ALL)
    }

    fn is_empty(self) -> bool {
        self.b.is_empty() && self.f.is_empty()
    }

    /// Formats that write this context's named structs as maps.
    fn map(self) -> FormatSet {
        if self.flatten {
            families::STRUCT_MAP.union(FormatSet::only(Format::MessagePack))
        } else {
            families::STRUCT_MAP
        }
    }

    /// Formats that write this context's named structs by position.
    fn seq(self) -> FormatSet {
        FormatSet::ALL.difference(self.map())
    }
}

pub(crate) fn has(attrs: Attrs, key: &str) -> bool {
    attrs.iter().any(|a| a.key == key)
}

/// Attributes of a field, variant or container that the rules look at (interfaces are
/// not wire attributes; accepted names are ruled by name).
fn wire_attrs(attrs: Attrs) -> impl Iterator<Item = crate::Attr> {
    attrs
        .iter()
        .filter(|a| a.key != "accepts" && a.key != "implements")
}

fn attr_list(attrs: Attrs) -> Vec<String> {
    wire_attrs(attrs)
        .map(|a| attr_text(a.key, a.value))
        .collect()
}

/// Keys whose values differ between two attribute lists.
fn changed_keys(a: Attrs, b: Attrs) -> Vec<&'static str> {
    let mut keys: Vec<&str> = wire_attrs(a).chain(wire_attrs(b)).map(|x| x.key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.retain(|k| {
        let va = a.iter().filter(|x| x.key == *k).map(|x| x.value);
        let vb = b.iter().filter(|x| x.key == *k).map(|x| x.value);
        !va.eq(vb)
    });
    keys
}

/// Whether a field or variant with these attributes reads the wire name `name`.
fn accepts(name: &str, attrs: Attrs, wanted: &str) -> bool {
    if has(attrs, "accepts") {
        attrs
            .iter()
            .any(|a| a.key == "accepts" && a.value == wanted)
    } else {
        name == wanted
    }
}

/// Pairs items by exact name (in order of occurrence), then by accepted names.
fn pair<T>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &str,
    attrs: impl Fn(&T) -> Attrs,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut of_old = vec![None; old.len()];
    let mut of_new = vec![None; new.len()];
    for (j, n) in new.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| of_old[i].is_none() && name(&old[i]) == name(n)) {
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    for (j, n) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        let found = (0..old.len()).find(|&i| {
            of_old[i].is_none()
                && (accepts(name(n), attrs(n), name(&old[i]))
                    || accepts(name(&old[i]), attrs(&old[i]), name(n)))
        });
        if let Some(i) = found {
            of_old[i] = Some(j);
            of_new[j] = Some(i);
        }
    }
    (of_old, of_new)
}

/// The rule for a name that changed (or whose accepted names did), by which side reads
/// the other's name.
fn name_rule(old_name: &str, old_attrs: Attrs, new_name: &str, new_attrs: Attrs) -> &'static Rule {
    let backward = accepts(new_name, new_attrs, old_name);
    let forward = accepts(old_name, old_attrs, new_name);
    match (backward, forward) {
        (true, true) if old_name == new_name => &r::ALIASES_CHANGED,
        (true, true) => &r::RENAMED_BOTH_ACCEPT,
        (true, false) => &r::RENAMED_NEW_ACCEPTS_OLD,
        (false, true) => &r::RENAMED_OLD_ACCEPTS_NEW,
        (false, false) => &r::ATTR_CHANGED,
    }
}

fn int_info(p: Primitive) -> Option<(bool, u32)> {
    Some(match p {
        Primitive::I8 => (true, 8),
        Primitive::I16 => (true, 16),
        Primitive::I32 => (true, 32),
        Primitive::I64 => (true, 64),
        Primitive::I128 => (true, 128),
        Primitive::U8 => (false, 8),
        Primitive::U16 => (false, 16),
        Primitive::U32 => (false, 32),
        Primitive::U64 => (false, 64),
        Primitive::U128 => (false, 128),
        _ => return None,
    })
}

fn float_bits(p: Primitive) -> Option<u32> {
    match p {
        Primitive::F32 => Some(32),
        Primitive::F64 => Some(64),
        _ => None,
    }
}

/// Whether every value of an integer of `bits` bits is a float of `float` bits.
fn exact(bits: u32, float: u32) -> bool {
    (float == 64 && bits <= 32) || (float == 32 && bits <= 16)
}

/// The rule for a primitive `old` replaced by `new`.
pub(crate) fn primitive_rule(old: Primitive, new: Primitive) -> &'static Rule {
    use Primitive as P;
    match (
        int_info(old),
        int_info(new),
        float_bits(old),
        float_bits(new),
    ) {
        (Some((s1, b1)), Some((s2, b2)), _, _) => match (s1, s2) {
            _ if s1 == s2 && b2 > b1 && b1 == 8 => &r::INT_WIDENED_FROM_BYTE,
            _ if s1 == s2 && b2 > b1 => &r::INT_WIDENED,
            _ if s1 == s2 && b2 == 8 => &r::INT_NARROWED_TO_BYTE,
            _ if s1 == s2 => &r::INT_NARROWED,
            (false, true) if b2 > b1 => &r::INT_TO_WIDER_SIGNED,
            (true, false) if b2 < b1 => &r::INT_TO_NARROWER_UNSIGNED,
            _ => &r::INT_SIGN_CHANGED,
        },
        (_, _, Some(32), Some(64)) => &r::FLOAT_WIDENED,
        (_, _, Some(64), Some(32)) => &r::FLOAT_NARROWED,
        (Some((_, bits)), _, _, Some(float)) if exact(bits, float) => &r::INT_TO_FLOAT,
        (_, Some((_, bits)), Some(float), _) if exact(bits, float) => &r::FLOAT_TO_INT,
        (Some(_), _, _, Some(_)) | (_, Some(_), Some(_), _) => &r::NUMBER_LOSSY,
        _ => match (old, new) {
            (P::Char, P::String) => &r::CHAR_TO_STRING,
            (P::String, P::Char) => &r::STRING_TO_CHAR,
            (P::String, P::Bytes) => &r::STRING_TO_BYTES,
            (P::Bytes, P::String) => &r::BYTES_TO_STRING,
            (P::Char, P::Bytes) => &r::CHAR_TO_BYTES,
            (P::Bytes, P::Char) => &r::BYTES_TO_CHAR,
            _ => &r::PRIMITIVE_CHANGED,
        },
    }
}

/// Whether a value of this shape may be written as null (so `Option` around it cannot
/// tell it from `None`). Shapes objfp cannot see into count as nullable.
fn nullable(n: Node<'_>, depth: usize) -> bool {
    if depth > 8 {
        return true;
    }
    match n.shape {
        Shape::Primitive(p) => *p == Primitive::Unit,
        Shape::Option(_) | Shape::Opaque(_) | Shape::Proxy { .. } | Shape::Readable { .. } => true,
        Shape::Named { inner, .. } => nullable(node(inner()), depth + 1),
        Shape::Struct(s) => match s.kind {
            StructKind::Unit => true,
            StructKind::Newtype => s
                .fields
                .get(0)
                .is_none_or(|f| nullable(node((f.ty)()), depth + 1)),
            _ => has(s.attrs, "tag"),
        },
        _ => false,
    }
}

fn is_u8(d: &Description) -> bool {
    matches!(d.shape, Shape::Primitive(Primitive::U8))
}

/// The element types of a 2-tuple (or a 2-array).
fn pair_types(d: &Description) -> Option<(&Description, &Description)> {
    match &d.shape {
        Shape::Tuple([k, v]) => Some((k(), v())),
        Shape::Array { len: 2, item } => Some((item(), item())),
        _ => None,
    }
}

/// Positional elements: a tuple's, an array's (when short), a tuple struct's.
#[derive(Clone, Copy)]
enum Elems<'a> {
    Array(u64, crate::TypeRef),
    Tuple(&'a [crate::TypeRef]),
}

impl Elems<'_> {
    fn of(shape: &Shape) -> Option<Elems<'_>> {
        match shape {
            Shape::Array { len, item } => Some(Elems::Array(*len, *item)),
            Shape::Tuple(items) => Some(Elems::Tuple(items)),
            _ => None,
        }
    }

    fn len(self) -> u64 {
        match self {
            Elems::Array(n, _) => n,
            Elems::Tuple(items) => items.len() as u64,
        }
    }

    fn get(self, i: usize) -> &'static Description {
        match self {
            Elems::Array(_, item) => item(),
            Elems::Tuple(items) => items[i](),
        }
    }
}

/// One positional item: a tuple struct's field or a tuple's element.
#[derive(Clone, Copy)]
struct Item {
    attrs: Attrs,
    ty: &'static Description,
}

fn items_of_fields(fields: Fields) -> Vec<Item> {
    fields
        .iter()
        .map(|f| Item {
            attrs: f.attrs,
            ty: (f.ty)(),
        })
        .collect()
}

fn items_of_elems(e: Elems<'_>) -> Vec<Item> {
    // Arrays longer than this are compared item to item, never element by element.
    (0..e.len().min(64) as usize)
        .map(|i| Item {
            attrs: Attrs::EMPTY,
            ty: e.get(i),
        })
        .collect()
}

/// How a reader that lacks a field copes: with its default, as `None`, or not at all.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Missing {
    Default,
    Option,
    Required,
}

fn missing(f: &Field, container: Attrs) -> Missing {
    if has(f.attrs, "default") || has(container, "default") {
        Missing::Default
    } else if matches!((f.ty)().shape, Shape::Option(_)) && !has(f.attrs, "deserialize_with") {
        Missing::Option
    } else {
        Missing::Required
    }
}

struct Walker {
    out: Vec<Finding>,
    seen: BTreeSet<(Key, Key, Ctx)>,
    path: String,
    depth: usize,
}

/// How many wrappers (options, sequences, maps, ...) the walk goes through without
/// meeting a struct or enum: far beyond any real type, and a bound for hand-written
/// descriptions that loop through wrappers alone.
const MAX_DEPTH: usize = 64;

/// The findings for `old` -> `new`, paths starting with `root`.
pub(crate) fn walk(old: &Description, new: &Description, root: &str) -> Vec<Finding> {
    let mut w = Walker {
        out: Vec::new(),
        seen: BTreeSet::new(),
        path: String::from(root),
        depth: 0,
    };
    let ctx = Ctx {
        b: FormatSet::ALL,
        f: FormatSet::ALL,
        flatten: false,
    };
    w.cmp(node(old), node(new), ctx);
    w.out
}

impl Walker {
    fn finding(&mut self, change: ChangeKind) -> usize {
        self.out.push(Finding::new(self.path.clone(), change));
        self.out.len() - 1
    }

    fn reason(&mut self, at: usize, rule: &'static Rule, applies: Verdict) {
        self.out[at].add(Reason { rule, applies });
    }

    fn one(&mut self, change: ChangeKind, rule: &'static Rule, applies: Verdict) {
        let at = self.finding(change);
        self.reason(at, rule, applies);
    }

    fn enter(&mut self, seg: &str) -> usize {
        let len = self.path.len();
        self.path.push_str(seg);
        len
    }

    fn enter_field(&mut self, name: &str) -> usize {
        let len = self.path.len();
        self.path.push('.');
        push_name(&mut self.path, name);
        len
    }

    fn enter_index(&mut self, i: usize) -> usize {
        let len = self.path.len();
        let _ = write!(self.path, ".{i}");
        len
    }

    fn enter_variant(&mut self, name: &str) -> usize {
        let len = self.path.len();
        self.path.push_str("::");
        push_name(&mut self.path, name);
        len
    }

    fn leave(&mut self, len: usize) {
        self.path.truncate(len);
    }

    fn shape_changed(&mut self, a: Node<'_>, b: Node<'_>, rule: &'static Rule, ctx: Ctx) {
        self.one(
            ChangeKind::ShapeChanged {
                old: type_name(a.desc),
                new: type_name(b.desc),
            },
            rule,
            ctx.all(),
        );
    }

    fn cmp(&mut self, a: Node<'_>, b: Node<'_>, ctx: Ctx) {
        if let (Key::Fp(x), Key::Fp(y)) = (a.key, b.key)
            && x == y
        {
            return;
        }
        let composite = matches!(
            (a.shape, b.shape),
            (Shape::Struct(_) | Shape::Enum(_), _) | (_, Shape::Struct(_) | Shape::Enum(_))
        );
        if !composite && self.depth >= MAX_DEPTH {
            self.shape_changed(a, b, &r::SHAPE_CHANGED, ctx);
            return;
        }
        let depth = self.depth;
        self.depth = if composite { 0 } else { depth + 1 };
        self.compare(a, b, ctx);
        self.depth = depth;
    }

    fn compare(&mut self, a: Node<'_>, b: Node<'_>, ctx: Ctx) {
        if ctx.is_empty() {
            return;
        }
        // Recursion goes through structs and enums (and proxies): remember those pairs,
        // so a cycle ends and a pair of types is explained once. Primitives and wrappers
        // are compared at every path, so each changed field is reported.
        let composite = matches!(
            (a.shape, b.shape),
            (Shape::Struct(_) | Shape::Enum(_) | Shape::Proxy { .. }, _)
                | (_, Shape::Struct(_) | Shape::Enum(_) | Shape::Proxy { .. })
        );
        if composite && !self.seen.insert((a.key, b.key, ctx)) {
            return;
        }
        let human = families::HUMAN;
        let compact = FormatSet::ALL.difference(human);
        match (a.shape, b.shape) {
            (Shape::Named { name: n, inner: x }, Shape::Named { name: m, inner: y }) => {
                if n != m {
                    self.one(
                        ChangeKind::NamedChanged {
                            old: (*n).into(),
                            new: (*m).into(),
                        },
                        &r::NAMED_CHANGED,
                        ctx.all(),
                    );
                } else {
                    self.cmp(node(x()), node(y()), ctx);
                }
            }
            (Shape::Named { .. }, _) | (_, Shape::Named { .. }) => {
                self.shape_changed(a, b, &r::NAMED_WRAPPED, ctx)
            }
            (
                Shape::Readable {
                    human: h1,
                    compact: c1,
                },
                Shape::Readable {
                    human: h2,
                    compact: c2,
                },
            ) => {
                let len = self.enter("<human>");
                self.cmp(node(h1()), node(h2()), ctx.only(human));
                self.leave(len);
                let len = self.enter("<compact>");
                self.cmp(node(c1()), node(c2()), ctx.only(compact));
                self.leave(len);
            }
            (
                Shape::Readable {
                    human: h,
                    compact: c,
                },
                _,
            ) => {
                self.cmp(node(h()), b, ctx.only(human));
                self.cmp(node(c()), b, ctx.only(compact));
            }
            (
                _,
                Shape::Readable {
                    human: h,
                    compact: c,
                },
            ) => {
                self.cmp(a, node(h()), ctx.only(human));
                self.cmp(a, node(c()), ctx.only(compact));
            }
            (Shape::Proxy { .. }, _) | (_, Shape::Proxy { .. }) => {
                // Backward: the new type reads what the old one writes; forward the
                // reverse. Each is one comparison restricted to its direction.
                let (wa, ra) = sides(a);
                let (wb, rb) = sides(b);
                self.cmp(
                    wa,
                    rb,
                    Ctx {
                        f: FormatSet::EMPTY,
                        ..ctx
                    },
                );
                self.cmp(
                    ra,
                    wb,
                    Ctx {
                        b: FormatSet::EMPTY,
                        ..ctx
                    },
                );
            }
            (Shape::Opaque(p), Shape::Opaque(q)) => {
                if p != q {
                    self.one(
                        ChangeKind::OpaqueChanged {
                            old: (*p).into(),
                            new: (*q).into(),
                        },
                        &r::OPAQUE_CHANGED,
                        ctx.all(),
                    );
                }
            }
            (Shape::Primitive(p), Shape::Primitive(q)) => {
                if p != q {
                    self.one(
                        ChangeKind::TypeChanged {
                            old: p.name().into(),
                            new: q.name().into(),
                        },
                        primitive_rule(*p, *q),
                        ctx.all(),
                    );
                }
            }
            (Shape::Option(x), Shape::Option(y)) => {
                let len = self.enter("?");
                self.cmp(node(x()), node(y()), ctx);
                self.leave(len);
            }
            (Shape::Option(x), _) if !nullable(node(x()), 0) && !nullable(b, 0) => {
                self.shape_changed(a, b, &r::OPTION_REMOVED, ctx);
                self.cmp(node(x()), b, ctx);
            }
            (_, Shape::Option(y)) if !nullable(node(y()), 0) && !nullable(a, 0) => {
                self.shape_changed(a, b, &r::OPTION_ADDED, ctx);
                self.cmp(a, node(y()), ctx);
            }
            (Shape::Seq(x), Shape::Seq(y)) => {
                let len = self.enter("[]");
                self.cmp(node(x()), node(y()), ctx);
                self.leave(len);
            }
            (Shape::Map { key: k1, value: v1 }, Shape::Map { key: k2, value: v2 }) => {
                let len = self.enter("{key}");
                self.cmp(node(k1()), node(k2()), ctx);
                self.leave(len);
                let len = self.enter("{value}");
                self.cmp(node(v1()), node(v2()), ctx);
                self.leave(len);
            }
            (Shape::Seq(x), Shape::Primitive(Primitive::Bytes)) if is_u8(x()) => {
                self.shape_changed(a, b, &r::BYTES_SEQ, ctx)
            }
            (Shape::Primitive(Primitive::Bytes), Shape::Seq(y)) if is_u8(y()) => {
                self.shape_changed(a, b, &r::BYTES_SEQ, ctx)
            }
            (Shape::Array { item, .. }, Shape::Seq(y)) => {
                self.shape_changed(a, b, &r::ARRAY_TO_SEQ, ctx);
                let len = self.enter("[]");
                self.cmp(node(item()), node(y()), ctx);
                self.leave(len);
            }
            (Shape::Seq(x), Shape::Array { item, .. }) => {
                self.shape_changed(a, b, &r::SEQ_TO_ARRAY, ctx);
                let len = self.enter("[]");
                self.cmp(node(x()), node(item()), ctx);
                self.leave(len);
            }
            (Shape::Map { key, value }, Shape::Seq(y)) if pair_types(y()).is_some() => {
                self.shape_changed(a, b, &r::MAP_TO_SEQ, ctx);
                if let Some((k, v)) = pair_types(y()) {
                    let len = self.enter("[].0");
                    self.cmp(node(key()), node(k), ctx);
                    self.leave(len);
                    let len = self.enter("[].1");
                    self.cmp(node(value()), node(v), ctx);
                    self.leave(len);
                }
            }
            (Shape::Seq(x), Shape::Map { key, value }) if pair_types(x()).is_some() => {
                self.shape_changed(a, b, &r::SEQ_TO_MAP, ctx);
                if let Some((k, v)) = pair_types(x()) {
                    let len = self.enter("{key}");
                    self.cmp(node(k), node(key()), ctx);
                    self.leave(len);
                    let len = self.enter("{value}");
                    self.cmp(node(v), node(value()), ctx);
                    self.leave(len);
                }
            }
            (Shape::Array { len: n, item: x }, Shape::Array { len: m, item: y }) => {
                if n != m {
                    self.one(
                        ChangeKind::LenChanged { old: *n, new: *m },
                        &r::LEN_CHANGED,
                        ctx.all(),
                    );
                }
                let len = self.enter("[]");
                self.cmp(node(x()), node(y()), ctx);
                self.leave(len);
            }
            (Shape::Array { .. } | Shape::Tuple(_), Shape::Array { .. } | Shape::Tuple(_)) => {
                if let (Some(x), Some(y)) = (Elems::of(a.shape), Elems::of(b.shape)) {
                    if x.len() != y.len() {
                        self.one(
                            ChangeKind::LenChanged {
                                old: x.len(),
                                new: y.len(),
                            },
                            &r::LEN_CHANGED,
                            ctx.all(),
                        );
                    } else {
                        self.positional(
                            &items_of_elems(x),
                            &items_of_elems(y),
                            Attrs::EMPTY,
                            Attrs::EMPTY,
                            ctx,
                        );
                    }
                }
            }
            (Shape::Struct(s), Shape::Struct(t)) => self.structs(a, b, s, t, ctx),
            (Shape::Struct(s), _)
                if s.kind == StructKind::Tuple && Elems::of(b.shape).is_some() =>
            {
                self.shape_changed(a, b, &r::TUPLE_STRUCT_TUPLE, ctx);
                if let Some(e) = Elems::of(b.shape) {
                    self.positional(
                        &items_of_fields(s.fields),
                        &items_of_elems(e),
                        s.attrs,
                        Attrs::EMPTY,
                        ctx,
                    );
                }
            }
            (_, Shape::Struct(t))
                if t.kind == StructKind::Tuple && Elems::of(a.shape).is_some() =>
            {
                self.shape_changed(a, b, &r::TUPLE_STRUCT_TUPLE, ctx);
                if let Some(e) = Elems::of(a.shape) {
                    self.positional(
                        &items_of_elems(e),
                        &items_of_fields(t.fields),
                        Attrs::EMPTY,
                        t.attrs,
                        ctx,
                    );
                }
            }
            (Shape::Struct(s), _) if s.kind == StructKind::Newtype && s.fields.len() == 1 => {
                self.shape_changed(a, b, &r::NEWTYPE_WRAPPED, ctx);
                let len = self.enter(".0");
                if let Some(f) = s.fields.get(0) {
                    self.cmp(node((f.ty)()), b, ctx);
                }
                self.leave(len);
            }
            (_, Shape::Struct(t)) if t.kind == StructKind::Newtype && t.fields.len() == 1 => {
                self.shape_changed(a, b, &r::NEWTYPE_WRAPPED, ctx);
                let len = self.enter(".0");
                if let Some(f) = t.fields.get(0) {
                    self.cmp(a, node((f.ty)()), ctx);
                }
                self.leave(len);
            }
            (Shape::Enum(e), Shape::Enum(g)) => self.enums(e, g, ctx),
            _ => self.shape_changed(a, b, &r::SHAPE_CHANGED, ctx),
        }
    }

    /// Container attributes of a struct or enum; returns false when the tagging changed
    /// (nothing below can be compared then).
    fn container_attrs(&mut self, a: Attrs, b: Attrs, ctx: Ctx) -> bool {
        let keys = changed_keys(a, b);
        if keys.is_empty() {
            return true;
        }
        let at = self.finding(ChangeKind::AttrsChanged {
            old: attr_list(a),
            new: attr_list(b),
        });
        let mut tagging = false;
        for key in keys {
            let rule = match key {
                "tag" | "tag_value" | "content" | "untagged" => {
                    tagging = true;
                    &r::TAGGING_CHANGED
                }
                "default" => &r::CONTAINER_DEFAULT_CHANGED,
                "deny_unknown_fields" => &r::DENY_UNKNOWN_FIELDS_CHANGED,
                _ => &r::ATTR_CHANGED,
            };
            if !self.out[at].rules().any(|x| core::ptr::eq(x, rule)) {
                self.reason(at, rule, ctx.all());
            }
        }
        !tagging
    }

    fn structs(
        &mut self,
        a: Node<'_>,
        b: Node<'_>,
        s: &crate::StructShape,
        t: &crate::StructShape,
        ctx: Ctx,
    ) {
        if !self.container_attrs(s.attrs, t.attrs, ctx) {
            return;
        }
        use StructKind as K;
        match (s.kind, t.kind) {
            (K::Named, K::Named) => self.named(s.fields, t.fields, s.attrs, t.attrs, ctx),
            (K::Newtype, K::Newtype) | (K::Tuple, K::Tuple) => self.positional(
                &items_of_fields(s.fields),
                &items_of_fields(t.fields),
                s.attrs,
                t.attrs,
                ctx,
            ),
            (K::Unit, K::Unit) => {}
            (K::Tuple, K::Named) | (K::Named, K::Tuple) => {
                let rule = if s.kind == K::Tuple {
                    &r::STRUCT_TUPLE_TO_NAMED
                } else {
                    &r::STRUCT_NAMED_TO_TUPLE
                };
                self.one(
                    ChangeKind::KindChanged {
                        old: s.kind,
                        new: t.kind,
                    },
                    rule,
                    ctx.all(),
                );
                self.positional(
                    &items_of_fields(s.fields),
                    &items_of_fields(t.fields),
                    s.attrs,
                    t.attrs,
                    ctx,
                );
            }
            _ => {
                let _ = (a, b);
                self.one(
                    ChangeKind::KindChanged {
                        old: s.kind,
                        new: t.kind,
                    },
                    &r::KIND_CHANGED,
                    ctx.all(),
                );
            }
        }
    }

    /// Elements compared by position, in every format (tuple structs and variants,
    /// tuples): appended or removed last elements are ruled by their `default`.
    fn positional(&mut self, old: &[Item], new: &[Item], oc: Attrs, nc: Attrs, ctx: Ctx) {
        for i in 0..old.len().max(new.len()) {
            let len = self.enter_index(i);
            match (old.get(i), new.get(i)) {
                (Some(x), Some(y)) => {
                    let keys = changed_keys(x.attrs, y.attrs);
                    if !keys.is_empty() {
                        let rule = if keys.iter().all(|k| *k == "default") {
                            &r::FIELD_DEFAULT_CHANGED
                        } else {
                            &r::ATTR_CHANGED
                        };
                        self.one(
                            ChangeKind::AttrsChanged {
                                old: attr_list(x.attrs),
                                new: attr_list(y.attrs),
                            },
                            rule,
                            ctx.all(),
                        );
                    }
                    self.cmp(node(x.ty), node(y.ty), ctx);
                }
                (None, Some(y)) => {
                    let rule = if has(y.attrs, "default") || has(nc, "default") {
                        &r::FIELD_APPENDED_DEFAULT
                    } else {
                        &r::FIELD_APPENDED
                    };
                    self.one(
                        ChangeKind::FieldAdded {
                            ty: type_name(y.ty),
                            attrs: attr_list(y.attrs),
                        },
                        rule,
                        ctx.all(),
                    );
                }
                (Some(x), None) => {
                    let rule = if has(x.attrs, "default") || has(oc, "default") {
                        &r::FIELD_TRUNCATED_DEFAULT
                    } else {
                        &r::FIELD_TRUNCATED
                    };
                    self.one(
                        ChangeKind::FieldRemoved {
                            ty: type_name(x.ty),
                            attrs: attr_list(x.attrs),
                        },
                        rule,
                        ctx.all(),
                    );
                }
                (None, None) => {}
            }
            self.leave(len);
        }
    }

    /// The map-side rules for a field only the old type has.
    fn removed_reasons(&mut self, at: usize, f: &Field, oc: Attrs, nc: Attrs, ctx: Ctx) {
        let map = ctx.mask(ctx.map());
        if has(f.attrs, "flatten") {
            self.reason(at, &r::FLATTEN_CHANGED, map);
            return;
        }
        let rule = match missing(f, oc) {
            Missing::Default => &r::FIELD_REMOVED_DEFAULT,
            Missing::Option => &r::FIELD_REMOVED_OPTION,
            Missing::Required => &r::FIELD_REMOVED_REQUIRED,
        };
        self.reason(at, rule, map);
        if has(nc, "deny_unknown_fields") {
            self.reason(at, &r::FIELD_REMOVED_DENIED, map);
        }
    }

    /// The map-side rules for a field only the new type has.
    fn added_reasons(&mut self, at: usize, f: &Field, oc: Attrs, nc: Attrs, ctx: Ctx) {
        let map = ctx.mask(ctx.map());
        if has(f.attrs, "flatten") {
            self.reason(at, &r::FLATTEN_CHANGED, map);
            return;
        }
        let rule = match missing(f, nc) {
            Missing::Default => &r::FIELD_ADDED_DEFAULT,
            Missing::Option => &r::FIELD_ADDED_OPTION,
            Missing::Required => &r::FIELD_ADDED_REQUIRED,
        };
        self.reason(at, rule, map);
        if has(oc, "deny_unknown_fields") {
            self.reason(at, &r::FIELD_ADDED_DENIED, map);
        }
    }

    /// Named fields: by name in formats that write maps, by position in the others.
    fn named(&mut self, old: Fields, new: Fields, oc: Attrs, nc: Attrs, ctx: Ctx) {
        let (old, new): (Vec<Field>, Vec<Field>) = (old.iter().collect(), new.iter().collect());
        let (old, new) = (old.as_slice(), new.as_slice());
        // serde writes a struct with a `flatten` field as a map, in every format.
        let ctx = Ctx {
            flatten: ctx.flatten || old.iter().chain(new).any(|f| has(f.attrs, "flatten")),
            ..ctx
        };
        let (of_old, of_new) = pair(old, new, |f| f.name, |f| f.attrs);
        let seq = ctx.mask(ctx.seq());
        let renamed =
            |i: usize| i < new.len() && i < old.len() && of_old[i].is_none() && of_new[i].is_none();
        for (i, f) in old.iter().enumerate() {
            if of_old[i].is_some() || renamed(i) {
                continue;
            }
            let len = self.enter_field(f.name);
            let at = self.finding(ChangeKind::FieldRemoved {
                ty: type_name((f.ty)()),
                attrs: attr_list(f.attrs),
            });
            self.removed_reasons(at, f, oc, nc, ctx);
            if i >= new.len() {
                let rule = if missing(f, oc) == Missing::Default {
                    &r::FIELD_TRUNCATED_DEFAULT
                } else {
                    &r::FIELD_TRUNCATED
                };
                self.reason(at, rule, seq);
            }
            self.leave(len);
        }
        for (j, g) in new.iter().enumerate() {
            let len = self.enter_field(g.name);
            match of_new[j] {
                None if renamed(j) => {
                    let f = &old[j];
                    let at = self.finding(ChangeKind::FieldRenamed {
                        old: name_token(f.name),
                        new: name_token(g.name),
                    });
                    self.removed_reasons(at, f, oc, nc, ctx);
                    self.added_reasons(at, g, oc, nc, ctx);
                    // By position it is the same field.
                    self.field_pair(f, g, oc, nc, ctx.only(ctx.seq()));
                }
                None => {
                    let at = self.finding(ChangeKind::FieldAdded {
                        ty: type_name((g.ty)()),
                        attrs: attr_list(g.attrs),
                    });
                    self.added_reasons(at, g, oc, nc, ctx);
                    if j >= old.len() {
                        let rule = if missing(g, nc) == Missing::Default {
                            &r::FIELD_APPENDED_DEFAULT
                        } else {
                            &r::FIELD_APPENDED
                        };
                        self.reason(at, rule, seq);
                    }
                }
                Some(i) => {
                    let f = &old[i];
                    if i != j {
                        self.one(
                            ChangeKind::FieldMoved { old: i, new: j },
                            &r::FIELD_MOVED,
                            seq,
                        );
                    }
                    if f.name != g.name || changed_keys_accepts(f.attrs, g.attrs) {
                        let change = if f.name != g.name {
                            ChangeKind::FieldRenamed {
                                old: name_token(f.name),
                                new: name_token(g.name),
                            }
                        } else {
                            ChangeKind::AttrsChanged {
                                old: accepts_list(f.attrs),
                                new: accepts_list(g.attrs),
                            }
                        };
                        let rule = name_rule(f.name, f.attrs, g.name, g.attrs);
                        self.one(change, rule, ctx.mask(ctx.map()));
                    }
                    self.field_pair(f, g, oc, nc, ctx);
                }
            }
            self.leave(len);
        }
    }

    /// A field both types have (by name, or by position): its attributes, then its type.
    fn field_pair(&mut self, f: &Field, g: &Field, oc: Attrs, nc: Attrs, ctx: Ctx) {
        if ctx.is_empty() {
            return;
        }
        let keys = changed_keys(f.attrs, g.attrs);
        let (ft, gt) = ((f.ty)(), (g.ty)());
        let mut at = None;
        if !keys.is_empty() {
            let i = self.finding(ChangeKind::AttrsChanged {
                old: attr_list(f.attrs),
                new: attr_list(g.attrs),
            });
            at = Some(i);
            for key in &keys {
                let rule = match *key {
                    "flatten" => &r::FLATTEN_CHANGED,
                    "deserialize_with" => &r::FIELD_DESERIALIZE_WITH,
                    "skip_serializing" | "skip_deserializing" => &r::FIELD_SKIP_CHANGED,
                    "default" | "skip_serializing_if" => &r::FIELD_DEFAULT_CHANGED,
                    _ => &r::ATTR_CHANGED,
                };
                if !self.out[i].rules().any(|x| core::ptr::eq(x, rule)) {
                    self.reason(i, rule, ctx.all());
                }
            }
            if keys
                .iter()
                .any(|k| matches!(*k, "flatten" | "deserialize_with"))
            {
                return;
            }
        }
        // A writer that may leave the field out, and a reader that cannot do without it.
        let omitted = |w: &Field, wc: Attrs, rd: &Field, rc: Attrs| -> FormatSet {
            if !has(w.attrs, "skip_serializing_if") {
                return FormatSet::EMPTY;
            }
            let (mw, mr) = (missing(w, wc), missing(rd, rc));
            let mut set = FormatSet::EMPTY;
            if mw != Missing::Required && mr == Missing::Required {
                set = set.union(ctx.map());
            }
            if mw == Missing::Default && mr != Missing::Default {
                set = set.union(FormatSet::only(Format::MessagePack));
            }
            set
        };
        let backward = omitted(f, oc, g, nc).intersection(ctx.b);
        let forward = omitted(g, nc, f, oc).intersection(ctx.f);
        if !backward.is_empty() || !forward.is_empty() {
            let i = match at {
                Some(i) => i,
                None => self.finding(ChangeKind::AttrsChanged {
                    old: attr_list(f.attrs),
                    new: attr_list(g.attrs),
                }),
            };
            if !backward.is_empty() {
                let applies = Verdict {
                    backward,
                    forward: FormatSet::EMPTY,
                };
                self.reason(i, &r::FIELD_OMITTED_NEW_REQUIRES, applies);
            }
            if !forward.is_empty() {
                let applies = Verdict {
                    backward: FormatSet::EMPTY,
                    forward,
                };
                self.reason(i, &r::FIELD_OMITTED_OLD_REQUIRES, applies);
            }
        }
        if ft.fingerprint == gt.fingerprint {
            return;
        }
        if has(f.attrs, "deserialize_with") || has(g.attrs, "deserialize_with") {
            self.one(
                ChangeKind::ShapeChanged {
                    old: type_name(ft),
                    new: type_name(gt),
                },
                &r::FIELD_DESERIALIZE_WITH,
                ctx.all(),
            );
            return;
        }
        let inner = Ctx {
            // Only a flattened field's own contents are merged into the enclosing map.
            flatten: has(f.attrs, "flatten") || has(g.attrs, "flatten"),
            ..ctx
        };
        self.cmp(node(ft), node(gt), inner);
    }

    fn enums(&mut self, a: &EnumShape, b: &EnumShape, ctx: Ctx) {
        if a.repr != b.repr {
            let or_none = |s: &str| {
                if s.is_empty() {
                    "none".into()
                } else {
                    String::from(s)
                }
            };
            self.one(
                ChangeKind::DiscriminantChanged {
                    old: or_none(a.repr),
                    new: or_none(b.repr),
                },
                &r::DISCRIMINANT_CHANGED,
                ctx.all(),
            );
        }
        if !self.container_attrs(a.attrs, b.attrs, ctx) {
            return;
        }
        if has(a.attrs, "untagged") {
            self.untagged(a, b, ctx);
            return;
        }
        let names = ctx.mask(families::VARIANT_NAME);
        let index = families::VARIANT_INDEX;
        let (old, new): (Vec<crate::Variant>, Vec<crate::Variant>) =
            (a.variants.iter().collect(), b.variants.iter().collect());
        let (old, new) = (old.as_slice(), new.as_slice());
        let (of_old, of_new) = pair(old, new, |v| v.name, |v| v.attrs);
        let old_other = old.iter().any(|v| has(v.attrs, "other"));
        let new_other = new.iter().any(|v| has(v.attrs, "other"));
        let renamed =
            |i: usize| i < new.len() && i < old.len() && of_old[i].is_none() && of_new[i].is_none();
        let removed_rule = |v: &crate::Variant| {
            if new_other && v.kind == StructKind::Unit {
                &r::VARIANT_REMOVED_OTHER
            } else {
                &r::VARIANT_REMOVED
            }
        };
        let added_rule = |v: &crate::Variant| {
            if old_other && v.kind == StructKind::Unit {
                &r::VARIANT_ADDED_OTHER
            } else {
                &r::VARIANT_ADDED
            }
        };
        for (i, v) in old.iter().enumerate() {
            if of_old[i].is_some() || renamed(i) {
                continue;
            }
            let len = self.enter_variant(v.name);
            let formats = if i >= new.len() {
                FormatSet::ALL
            } else {
                families::VARIANT_NAME
            };
            self.one(
                ChangeKind::VariantRemoved,
                removed_rule(v),
                ctx.mask(formats),
            );
            self.leave(len);
        }
        for (j, w) in new.iter().enumerate() {
            let len = self.enter_variant(w.name);
            match of_new[j] {
                None if renamed(j) => {
                    let v = &old[j];
                    let at = self.finding(ChangeKind::VariantRenamed {
                        old: name_token(v.name),
                        new: name_token(w.name),
                    });
                    self.reason(at, removed_rule(v), names);
                    self.reason(at, added_rule(w), names);
                    self.variant(v, w, a.attrs, b.attrs, ctx.only(index));
                }
                None => {
                    let formats = if j >= old.len() {
                        FormatSet::ALL
                    } else {
                        families::VARIANT_NAME
                    };
                    self.one(ChangeKind::VariantAdded, added_rule(w), ctx.mask(formats));
                }
                Some(i) => {
                    let v = &old[i];
                    if i != j {
                        self.one(
                            ChangeKind::VariantMoved { old: i, new: j },
                            &r::VARIANT_MOVED,
                            ctx.mask(index),
                        );
                    }
                    if v.name != w.name || changed_keys_accepts(v.attrs, w.attrs) {
                        let change = if v.name != w.name {
                            ChangeKind::VariantRenamed {
                                old: name_token(v.name),
                                new: name_token(w.name),
                            }
                        } else {
                            ChangeKind::AttrsChanged {
                                old: accepts_list(v.attrs),
                                new: accepts_list(w.attrs),
                            }
                        };
                        let rule = name_rule(v.name, v.attrs, w.name, w.attrs);
                        self.one(change, rule, names);
                    }
                    self.variant(v, w, a.attrs, b.attrs, ctx);
                }
            }
            self.leave(len);
        }
    }

    fn variant(&mut self, v: &crate::Variant, w: &crate::Variant, ea: Attrs, eb: Attrs, ctx: Ctx) {
        if ctx.is_empty() {
            return;
        }
        let keys = changed_keys(v.attrs, w.attrs);
        if !keys.is_empty() {
            let at = self.finding(ChangeKind::AttrsChanged {
                old: attr_list(v.attrs),
                new: attr_list(w.attrs),
            });
            for key in &keys {
                let rule = match *key {
                    "other" => &r::VARIANT_OTHER_CHANGED,
                    "skip" | "skip_serializing" | "skip_deserializing" => &r::FIELD_SKIP_CHANGED,
                    "untagged" => &r::TAGGING_CHANGED,
                    _ => &r::ATTR_CHANGED,
                };
                if !self.out[at].rules().any(|x| core::ptr::eq(x, rule)) {
                    self.reason(at, rule, ctx.all());
                }
            }
        }
        if v.discriminant != w.discriminant {
            let text = |d: Option<i128>| match d {
                Some(d) => alloc::format!("{d}"),
                None => "none".into(),
            };
            self.one(
                ChangeKind::DiscriminantChanged {
                    old: text(v.discriminant),
                    new: text(w.discriminant),
                },
                &r::DISCRIMINANT_CHANGED,
                ctx.all(),
            );
        }
        use StructKind as K;
        match (v.kind, w.kind) {
            (K::Named, K::Named) => self.named(v.fields, w.fields, ea, eb, ctx),
            (K::Newtype, K::Newtype) | (K::Tuple, K::Tuple) => self.positional(
                &items_of_fields(v.fields),
                &items_of_fields(w.fields),
                Attrs::EMPTY,
                Attrs::EMPTY,
                ctx,
            ),
            (K::Unit, K::Unit) => {}
            _ => self.one(
                ChangeKind::KindChanged {
                    old: v.kind,
                    new: w.kind,
                },
                &r::KIND_CHANGED,
                ctx.all(),
            ),
        }
    }

    /// Untagged enums: appending a variant is ruled; any other change is not decided.
    fn untagged(&mut self, a: &EnumShape, b: &EnumShape, ctx: Ctx) {
        let same = |v: crate::Variant, w: crate::Variant| {
            v.name == w.name
                && v.kind == w.kind
                && v.attrs.iter().eq(w.attrs)
                && v.fields.len() == w.fields.len()
                && v.fields.iter().zip(w.fields).all(|(f, g)| {
                    f.name == g.name
                        && f.attrs.iter().eq(g.attrs)
                        && (f.ty)().fingerprint == (g.ty)().fingerprint
                })
        };
        let prefix = a.variants.len() <= b.variants.len()
            && a.variants.iter().zip(b.variants).all(|(v, w)| same(v, w));
        if prefix {
            for j in a.variants.len()..b.variants.len() {
                let len = self.enter(&alloc::format!("::{j}"));
                self.one(
                    ChangeKind::VariantAdded,
                    &r::UNTAGGED_VARIANT_APPENDED,
                    ctx.all(),
                );
                self.leave(len);
            }
        } else {
            self.one(
                ChangeKind::ShapeChanged {
                    old: "untagged enum".into(),
                    new: "untagged enum".into(),
                },
                &r::UNTAGGED_CHANGED,
                ctx.all(),
            );
        }
    }
}

fn accepts_list(attrs: Attrs) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.key == "accepts")
        .map(|a| attr_text(a.key, a.value))
        .collect()
}

fn changed_keys_accepts(a: Attrs, b: Attrs) -> bool {
    let x = a.iter().filter(|x| x.key == "accepts");
    let y = b.iter().filter(|x| x.key == "accepts");
    !x.eq(y)
}

/// The written and the read side of a type: a proxy's `into`/`from` types (or its own
/// structure), or the type itself.
fn sides(n: Node<'_>) -> (Node<'_>, Node<'_>) {
    match n.shape {
        Shape::Proxy {
            serialize,
            deserialize,
            own: o,
        } => {
            let side = |t: &Option<crate::TypeRef>| match t {
                Some(t) => node(t()),
                None => own(n.desc, o),
            };
            (side(serialize), side(deserialize))
        }
        _ => (n, n),
    }
}
