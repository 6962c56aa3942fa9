//! One pair of shapes: wrappers, sequences, maps, readable and proxy types, structs
//! against tuples; structs and enums go on to `fields.rs` and `enums.rs`.

use super::fields::{Item, items_of_fields};
use super::*;

/// Whether a value of this shape may be written as null (so `Option` around it cannot
/// tell it from `None`). Shapes objfp cannot see into count as nullable.
pub(super) fn nullable(side: &Side<'_, '_>, id: Id, depth: usize) -> bool {
    if depth > 8 {
        return true;
    }
    match side.shape(id) {
        NodeShape::Primitive(p) => *p == Primitive::Unit,
        NodeShape::Option(_)
        | NodeShape::Opaque(_)
        | NodeShape::Proxy { .. }
        | NodeShape::Readable { .. } => true,
        NodeShape::Named(_, inner) => nullable(side, *inner, depth + 1),
        NodeShape::Struct(s) => match s.kind {
            StructKind::Unit => true,
            StructKind::Newtype => s
                .fields
                .first()
                .is_none_or(|f| nullable(side, f.ty, depth + 1)),
            _ => has(&s.attrs, "tag"),
        },
        _ => false,
    }
}

fn is_u8(side: &Side<'_, '_>, id: Id) -> bool {
    matches!(side.shape(id), NodeShape::Primitive(Primitive::U8))
}

/// The element types of a 2-tuple (or a 2-array).
fn pair_types(side: &Side<'_, '_>, id: Id) -> Option<(Id, Id)> {
    match side.shape(id) {
        NodeShape::Tuple(items) if items.len() == 2 => Some((items[0], items[1])),
        NodeShape::Array(2, item) => Some((*item, *item)),
        _ => None,
    }
}

/// Positional elements: a tuple's, an array's (when short), a tuple struct's.
#[derive(Clone, Copy)]
enum Elems<'a> {
    Array(u64, Id),
    Tuple(&'a [Id]),
}

impl Elems<'_> {
    fn of(shape: &NodeShape) -> Option<Elems<'_>> {
        match shape {
            NodeShape::Array(len, item) => Some(Elems::Array(*len, *item)),
            NodeShape::Tuple(items) => Some(Elems::Tuple(items)),
            _ => None,
        }
    }

    fn len(self) -> u64 {
        match self {
            Elems::Array(n, _) => n,
            Elems::Tuple(items) => items.len() as u64,
        }
    }

    fn items(self) -> Vec<Item<'static>> {
        // Arrays longer than this are compared item to item, never element by element.
        const EMPTY: &Attrs = &Vec::new();
        let ty = |i: usize| match self {
            Elems::Array(_, item) => item,
            Elems::Tuple(items) => items[i],
        };
        (0..self.len().min(64) as usize)
            .map(|i| Item {
                attrs: EMPTY,
                ty: ty(i),
            })
            .collect()
    }
}

/// The written and the read side of a type: a proxy's `into`/`from` types (or its own
/// structure), or the type itself.
fn sides(side: &Side<'_, '_>, id: Id) -> (Id, Id) {
    match side.shape(id) {
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => (serialize.unwrap_or(*own), deserialize.unwrap_or(*own)),
        _ => (id, id),
    }
}

impl<'g> Walker<'g, '_> {
    pub(super) fn compare(&mut self, a: Id, b: Id, ctx: Ctx) {
        if ctx.is_empty() {
            return;
        }
        let (old, new) = (self.old, self.new);
        let (sa, sb) = (old.shape(a), new.shape(b));
        // Recursion goes through structs and enums (and proxies): remember those pairs,
        // so a cycle ends and a pair of types is explained once. Primitives and wrappers
        // are compared at every path, so each changed field is reported.
        let composite = |s: &NodeShape| {
            matches!(
                s,
                NodeShape::Struct(_) | NodeShape::Enum(_) | NodeShape::Proxy { .. }
            )
        };
        if (composite(sa) || composite(sb)) && !self.seen.insert((a, b, ctx)) {
            return;
        }
        let human = families::HUMAN;
        let compact = FormatSet::ALL.difference(human);
        match (sa, sb) {
            (NodeShape::Named(n, x), NodeShape::Named(m, y)) => {
                if n != m {
                    let change = ChangeKind::NamedChanged {
                        old: n.to_string(),
                        new: m.to_string(),
                    };
                    self.one(change, &r::NAMED_CHANGED, ctx.all());
                } else {
                    self.pair(*x, *y, ctx);
                }
            }
            (NodeShape::Named(..), _) | (_, NodeShape::Named(..)) => {
                self.shape_changed(a, b, &r::NAMED_WRAPPED, ctx)
            }
            (
                NodeShape::Readable {
                    human: h1,
                    compact: c1,
                },
                NodeShape::Readable {
                    human: h2,
                    compact: c2,
                },
            ) => {
                self.pair_in("<human>", *h1, *h2, ctx.only(human));
                self.pair_in("<compact>", *c1, *c2, ctx.only(compact));
            }
            (
                NodeShape::Readable {
                    human: h,
                    compact: c,
                },
                _,
            ) => {
                self.pair(*h, b, ctx.only(human));
                self.pair(*c, b, ctx.only(compact));
            }
            (
                _,
                NodeShape::Readable {
                    human: h,
                    compact: c,
                },
            ) => {
                self.pair(a, *h, ctx.only(human));
                self.pair(a, *c, ctx.only(compact));
            }
            (NodeShape::Proxy { .. }, _) | (_, NodeShape::Proxy { .. }) => {
                // Backward: the new type reads what the old one writes; forward the
                // reverse. Each is one comparison restricted to its direction.
                let (wa, ra) = sides(&old, a);
                let (wb, rb) = sides(&new, b);
                let backward = Ctx {
                    f: FormatSet::EMPTY,
                    ..ctx
                };
                let forward = Ctx {
                    b: FormatSet::EMPTY,
                    ..ctx
                };
                self.pair(wa, rb, backward);
                self.pair(ra, wb, forward);
            }
            (NodeShape::Opaque(p), NodeShape::Opaque(q)) => {
                if p != q {
                    let change = ChangeKind::OpaqueChanged {
                        old: p.to_string(),
                        new: q.to_string(),
                    };
                    self.one(change, &r::OPAQUE_CHANGED, ctx.all());
                }
            }
            (NodeShape::Primitive(p), NodeShape::Primitive(q)) => {
                if p != q {
                    let change = ChangeKind::TypeChanged {
                        old: p.name().into(),
                        new: q.name().into(),
                    };
                    self.one(change, primitive_rule(*p, *q), ctx.all());
                }
            }
            (NodeShape::Option(x), NodeShape::Option(y)) => self.pair_in("?", *x, *y, ctx),
            (NodeShape::Option(x), _) if !nullable(&old, *x, 0) && !nullable(&new, b, 0) => {
                self.shape_changed(a, b, &r::OPTION_REMOVED, ctx);
                self.pair(*x, b, ctx);
            }
            (_, NodeShape::Option(y)) if !nullable(&new, *y, 0) && !nullable(&old, a, 0) => {
                self.shape_changed(a, b, &r::OPTION_ADDED, ctx);
                self.pair(a, *y, ctx);
            }
            (NodeShape::Seq(x), NodeShape::Seq(y)) => self.pair_in("[]", *x, *y, ctx),
            (NodeShape::Map(k1, v1), NodeShape::Map(k2, v2)) => {
                self.pair_in("{key}", *k1, *k2, ctx);
                self.pair_in("{value}", *v1, *v2, ctx);
            }
            (NodeShape::Seq(x), NodeShape::Primitive(Primitive::Bytes)) if is_u8(&old, *x) => {
                self.shape_changed(a, b, &r::BYTES_SEQ, ctx)
            }
            (NodeShape::Primitive(Primitive::Bytes), NodeShape::Seq(y)) if is_u8(&new, *y) => {
                self.shape_changed(a, b, &r::BYTES_SEQ, ctx)
            }
            (NodeShape::Array(_, item), NodeShape::Seq(y)) => {
                self.shape_changed(a, b, &r::ARRAY_TO_SEQ, ctx);
                self.pair_in("[]", *item, *y, ctx);
            }
            (NodeShape::Seq(x), NodeShape::Array(_, item)) => {
                self.shape_changed(a, b, &r::SEQ_TO_ARRAY, ctx);
                self.pair_in("[]", *x, *item, ctx);
            }
            (NodeShape::Map(key, value), NodeShape::Seq(y)) if pair_types(&new, *y).is_some() => {
                self.shape_changed(a, b, &r::MAP_TO_SEQ, ctx);
                if let Some((k, v)) = pair_types(&new, *y) {
                    self.pair_in("[].0", *key, k, ctx);
                    self.pair_in("[].1", *value, v, ctx);
                }
            }
            (NodeShape::Seq(x), NodeShape::Map(key, value)) if pair_types(&old, *x).is_some() => {
                self.shape_changed(a, b, &r::SEQ_TO_MAP, ctx);
                if let Some((k, v)) = pair_types(&old, *x) {
                    self.pair_in("{key}", k, *key, ctx);
                    self.pair_in("{value}", v, *value, ctx);
                }
            }
            (NodeShape::Array(n, x), NodeShape::Array(m, y)) => {
                if n != m {
                    let change = ChangeKind::LenChanged { old: *n, new: *m };
                    self.one(change, &r::LEN_CHANGED, ctx.all());
                }
                self.pair_in("[]", *x, *y, ctx);
            }
            (
                NodeShape::Array(..) | NodeShape::Tuple(_),
                NodeShape::Array(..) | NodeShape::Tuple(_),
            ) => {
                if let (Some(x), Some(y)) = (Elems::of(sa), Elems::of(sb)) {
                    if x.len() != y.len() {
                        let change = ChangeKind::LenChanged {
                            old: x.len(),
                            new: y.len(),
                        };
                        self.one(change, &r::LEN_CHANGED, ctx.all());
                    } else {
                        self.positional(&x.items(), &y.items(), None, None, ctx);
                    }
                }
            }
            (NodeShape::Struct(s), NodeShape::Struct(t)) => self.structs(s, t, ctx),
            (NodeShape::Struct(s), _) if s.kind == StructKind::Tuple && Elems::of(sb).is_some() => {
                self.shape_changed(a, b, &r::TUPLE_STRUCT_TUPLE, ctx);
                if let Some(e) = Elems::of(sb) {
                    let items = items_of_fields(&s.fields);
                    self.positional(&items, &e.items(), Some(&s.attrs), None, ctx);
                }
            }
            (_, NodeShape::Struct(t)) if t.kind == StructKind::Tuple && Elems::of(sa).is_some() => {
                self.shape_changed(a, b, &r::TUPLE_STRUCT_TUPLE, ctx);
                if let Some(e) = Elems::of(sa) {
                    let items = items_of_fields(&t.fields);
                    self.positional(&e.items(), &items, None, Some(&t.attrs), ctx);
                }
            }
            (NodeShape::Struct(s), _) if s.kind == StructKind::Newtype && s.fields.len() == 1 => {
                self.shape_changed(a, b, &r::NEWTYPE_WRAPPED, ctx);
                self.pair_in(".0", s.fields[0].ty, b, ctx);
            }
            (_, NodeShape::Struct(t)) if t.kind == StructKind::Newtype && t.fields.len() == 1 => {
                self.shape_changed(a, b, &r::NEWTYPE_WRAPPED, ctx);
                self.pair_in(".0", a, t.fields[0].ty, ctx);
            }
            (NodeShape::Enum(e), NodeShape::Enum(g)) => self.enums(e, g, ctx),
            _ => self.shape_changed(a, b, &r::SHAPE_CHANGED, ctx),
        }
    }
}
