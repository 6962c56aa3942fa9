//! One pair of shapes: wrappers, sequences, maps, readable and proxy types, structs
//! against tuples; structs and enums go on to `fields.rs` and `enums.rs`.

use super::fields::{Item, items_of_fields};
use super::*;

/// Whether a value of this shape may be written as null (so `Option` around it cannot
/// tell it from `None`). Shapes objfp cannot see into count as nullable.
pub(super) fn nullable(n: Node<'_>, depth: usize) -> bool {
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

pub(super) fn is_u8(d: &Description) -> bool {
    matches!(d.shape, Shape::Primitive(Primitive::U8))
}

/// The element types of a 2-tuple (or a 2-array).
pub(super) fn pair_types(d: &Description) -> Option<(&Description, &Description)> {
    match &d.shape {
        Shape::Tuple([k, v]) => Some((k(), v())),
        Shape::Array { len: 2, item } => Some((item(), item())),
        _ => None,
    }
}

/// Positional elements: a tuple's, an array's (when short), a tuple struct's.
#[derive(Clone, Copy)]
pub(super) enum Elems<'a> {
    Array(u64, crate::TypeRef),
    Tuple(&'a [crate::TypeRef]),
}

impl Elems<'_> {
    pub(super) fn of(shape: &Shape) -> Option<Elems<'_>> {
        match shape {
            Shape::Array { len, item } => Some(Elems::Array(*len, *item)),
            Shape::Tuple(items) => Some(Elems::Tuple(items)),
            _ => None,
        }
    }

    pub(super) fn len(self) -> u64 {
        match self {
            Elems::Array(n, _) => n,
            Elems::Tuple(items) => items.len() as u64,
        }
    }

    pub(super) fn get(self, i: usize) -> &'static Description {
        match self {
            Elems::Array(_, item) => item(),
            Elems::Tuple(items) => items[i](),
        }
    }
}

pub(super) fn items_of_elems(e: Elems<'_>) -> Vec<Item> {
    // Arrays longer than this are compared item to item, never element by element.
    (0..e.len().min(64) as usize)
        .map(|i| Item {
            attrs: Attrs::EMPTY,
            ty: e.get(i),
        })
        .collect()
}

/// The written and the read side of a type: a proxy's `into`/`from` types (or its own
/// structure), or the type itself.
pub(super) fn sides(n: Node<'_>) -> (Node<'_>, Node<'_>) {
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

impl Walker {
    pub(super) fn compare(&mut self, a: Node<'_>, b: Node<'_>, ctx: Ctx) {
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
}
