//! Structs: container attributes, and fields by name (formats that write maps) and by
//! position (the others, and tuple structs everywhere).

use super::attrs::{accepts_list, attr_list, changed_keys, changed_keys_accepts, name_rule, pair};
use super::*;
use crate::diff::{NodeField, NodeStruct};

/// One positional item: a tuple struct's field or a tuple's element.
#[derive(Clone, Copy)]
pub(super) struct Item<'a> {
    pub(super) attrs: &'a Attrs,
    pub(super) ty: Id,
}

pub(super) fn items_of_fields(fields: &[NodeField]) -> Vec<Item<'_>> {
    fields
        .iter()
        .map(|f| Item {
            attrs: &f.attrs,
            ty: f.ty,
        })
        .collect()
}

/// How a reader that lacks a field copes: with its default, as `None`, or not at all.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Missing {
    Default,
    Option,
    Required,
}

pub(super) fn missing(side: &Side<'_, '_>, f: &NodeField, container: &Attrs) -> Missing {
    if has(&f.attrs, "default") || has(container, "default") {
        Missing::Default
    } else if matches!(side.shape(f.ty), NodeShape::Option(_)) && !has(&f.attrs, "deserialize_with")
    {
        Missing::Option
    } else {
        Missing::Required
    }
}

fn has_in(attrs: Option<&Attrs>, key: &str) -> bool {
    attrs.is_some_and(|a| has(a, key))
}

impl<'g> Walker<'g, '_> {
    /// Container attributes of a struct or enum; returns false when the tagging changed
    /// (nothing below can be compared then).
    pub(super) fn container_attrs(&mut self, a: &Attrs, b: &Attrs, ctx: Ctx) -> bool {
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
            self.reason_once(at, rule, ctx.all());
        }
        !tagging
    }

    pub(super) fn structs(&mut self, s: &'g NodeStruct, t: &'g NodeStruct, ctx: Ctx) {
        if !self.container_attrs(&s.attrs, &t.attrs, ctx) {
            return;
        }
        use StructKind as K;
        match (s.kind, t.kind) {
            (K::Named, K::Named) => self.named(&s.fields, &t.fields, &s.attrs, &t.attrs, ctx),
            (K::Newtype, K::Newtype) | (K::Tuple, K::Tuple) => self.positional(
                &items_of_fields(&s.fields),
                &items_of_fields(&t.fields),
                Some(&s.attrs),
                Some(&t.attrs),
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
                    &items_of_fields(&s.fields),
                    &items_of_fields(&t.fields),
                    Some(&s.attrs),
                    Some(&t.attrs),
                    ctx,
                );
            }
            _ => {
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
    pub(super) fn positional(
        &mut self,
        old: &[Item<'_>],
        new: &[Item<'_>],
        oc: Option<&Attrs>,
        nc: Option<&Attrs>,
        ctx: Ctx,
    ) {
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
                    self.pair(x.ty, y.ty, ctx);
                }
                (None, Some(y)) => {
                    let rule = if has(y.attrs, "default") || has_in(nc, "default") {
                        &r::FIELD_APPENDED_DEFAULT
                    } else {
                        &r::FIELD_APPENDED
                    };
                    self.one(
                        ChangeKind::FieldAdded {
                            ty: (self.new.render)(y.ty),
                            attrs: attr_list(y.attrs),
                        },
                        rule,
                        ctx.all(),
                    );
                }
                (Some(x), None) => {
                    let rule = if has(x.attrs, "default") || has_in(oc, "default") {
                        &r::FIELD_TRUNCATED_DEFAULT
                    } else {
                        &r::FIELD_TRUNCATED
                    };
                    self.one(
                        ChangeKind::FieldRemoved {
                            ty: (self.old.render)(x.ty),
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

    /// The map-side rules for a field only one of the types has: the old type's
    /// (`removed`) or the new type's.
    pub(super) fn one_sided_reasons(
        &mut self,
        at: usize,
        f: &'g NodeField,
        oc: &'g Attrs,
        nc: &'g Attrs,
        ctx: Ctx,
        removed: bool,
    ) {
        let map = ctx.mask(ctx.map());
        if has(&f.attrs, "flatten") {
            self.reason(at, &r::FLATTEN_CHANGED, map);
            return;
        }
        // The field's own side decides how the reader that lacks it copes; the other
        // side's container decides whether that reader refuses it as unknown.
        let (side, own, other) = if removed {
            (&self.old, oc, nc)
        } else {
            (&self.new, nc, oc)
        };
        let [default, option, required, denied] = if removed {
            [
                &r::FIELD_REMOVED_DEFAULT,
                &r::FIELD_REMOVED_OPTION,
                &r::FIELD_REMOVED_REQUIRED,
                &r::FIELD_REMOVED_DENIED,
            ]
        } else {
            [
                &r::FIELD_ADDED_DEFAULT,
                &r::FIELD_ADDED_OPTION,
                &r::FIELD_ADDED_REQUIRED,
                &r::FIELD_ADDED_DENIED,
            ]
        };
        let rule = match missing(side, f, own) {
            Missing::Default => default,
            Missing::Option => option,
            Missing::Required => required,
        };
        self.reason(at, rule, map);
        if has(other, "deny_unknown_fields") {
            self.reason(at, denied, map);
        }
    }

    /// Named fields: by name in formats that write maps, by position in the others.
    pub(super) fn named(
        &mut self,
        old: &'g [NodeField],
        new: &'g [NodeField],
        oc: &'g Attrs,
        nc: &'g Attrs,
        ctx: Ctx,
    ) {
        // serde writes a struct with a `flatten` field as a map, in every format.
        let ctx = Ctx {
            flatten: ctx.flatten || old.iter().chain(new).any(|f| has(&f.attrs, "flatten")),
            ..ctx
        };
        let (of_old, of_new) = pair(old, new, |f| &f.name, |f| &f.attrs);
        let seq = ctx.mask(ctx.seq());
        // A field gone and another new at its position: by position it is the same
        // field. Not into or out of a flattened field (wire name `""`), whose fields are
        // the container's: that is a field removed and one added, as `diff` says.
        let renamed = |i: usize| {
            i < new.len()
                && i < old.len()
                && of_old[i].is_none()
                && of_new[i].is_none()
                && !old[i].name.is_empty()
                && !new[i].name.is_empty()
        };
        // Each flattened field's place among the flattened fields of its side, for paths.
        let flattened = |fields: &[NodeField]| -> Vec<usize> {
            let mut n = 0;
            fields
                .iter()
                .map(|f| {
                    n += usize::from(f.name.is_empty());
                    n
                })
                .collect()
        };
        let (old_flat, new_flat) = (flattened(old), flattened(new));
        for (i, f) in old.iter().enumerate() {
            if of_old[i].is_some() || renamed(i) {
                continue;
            }
            let len = self.enter_named(&f.name, old_flat[i]);
            let at = self.finding(ChangeKind::FieldRemoved {
                ty: (self.old.render)(f.ty),
                attrs: attr_list(&f.attrs),
            });
            self.one_sided_reasons(at, f, oc, nc, ctx, true);
            if i >= new.len() {
                let rule = if missing(&self.old, f, oc) == Missing::Default {
                    &r::FIELD_TRUNCATED_DEFAULT
                } else {
                    &r::FIELD_TRUNCATED
                };
                self.reason(at, rule, seq);
            }
            self.leave(len);
        }
        for (j, g) in new.iter().enumerate() {
            let len = self.enter_named(&g.name, new_flat[j]);
            match of_new[j] {
                None if renamed(j) => {
                    let f = &old[j];
                    let at = self.finding(ChangeKind::FieldRenamed {
                        old: name_token(&f.name),
                        new: name_token(&g.name),
                    });
                    self.one_sided_reasons(at, f, oc, nc, ctx, true);
                    self.one_sided_reasons(at, g, oc, nc, ctx, false);
                    // By position it is the same field.
                    self.field_pair(f, g, oc, nc, ctx.only(ctx.seq()));
                }
                None => {
                    let at = self.finding(ChangeKind::FieldAdded {
                        ty: (self.new.render)(g.ty),
                        attrs: attr_list(&g.attrs),
                    });
                    self.one_sided_reasons(at, g, oc, nc, ctx, false);
                    if j >= old.len() {
                        let rule = if missing(&self.new, g, nc) == Missing::Default {
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
                    if f.name != g.name || changed_keys_accepts(&f.attrs, &g.attrs) {
                        let change = if f.name != g.name {
                            ChangeKind::FieldRenamed {
                                old: name_token(&f.name),
                                new: name_token(&g.name),
                            }
                        } else {
                            ChangeKind::AttrsChanged {
                                old: accepts_list(&f.attrs),
                                new: accepts_list(&g.attrs),
                            }
                        };
                        let rule = name_rule(&f.name, &f.attrs, &g.name, &g.attrs);
                        self.one(change, rule, ctx.mask(ctx.map()));
                    }
                    self.field_pair(f, g, oc, nc, ctx);
                }
            }
            self.leave(len);
        }
    }

    /// A field both types have (by name, or by position): its attributes, then its type.
    pub(super) fn field_pair(
        &mut self,
        f: &'g NodeField,
        g: &'g NodeField,
        oc: &'g Attrs,
        nc: &'g Attrs,
        ctx: Ctx,
    ) {
        if ctx.is_empty() {
            return;
        }
        let keys = changed_keys(&f.attrs, &g.attrs);
        let (ft, gt) = (f.ty, g.ty);
        let mut at = None;
        if !keys.is_empty() {
            let i = self.finding(ChangeKind::AttrsChanged {
                old: attr_list(&f.attrs),
                new: attr_list(&g.attrs),
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
                self.reason_once(i, rule, ctx.all());
            }
            if keys
                .iter()
                .any(|k| matches!(*k, "flatten" | "deserialize_with"))
            {
                return;
            }
        }
        // A writer that may leave the field out, and a reader that cannot do without it.
        let omitted = |ws: &Side<'_, '_>,
                       w: &NodeField,
                       wc: &Attrs,
                       rs: &Side<'_, '_>,
                       rd: &NodeField,
                       rc: &Attrs|
         -> FormatSet {
            if !has(&w.attrs, "skip_serializing_if") {
                return FormatSet::EMPTY;
            }
            let (mw, mr) = (missing(ws, w, wc), missing(rs, rd, rc));
            let mut set = FormatSet::EMPTY;
            if mw != Missing::Required && mr == Missing::Required {
                set = set.union(ctx.map());
            }
            if mw == Missing::Default && mr != Missing::Default {
                set = set.union(FormatSet::only(Format::MessagePack));
            }
            set
        };
        let (old, new) = (self.old, self.new);
        let backward = omitted(&old, f, oc, &new, g, nc).intersection(ctx.b);
        let forward = omitted(&new, g, nc, &old, f, oc).intersection(ctx.f);
        if !backward.is_empty() || !forward.is_empty() {
            let i = match at {
                Some(i) => i,
                None => self.finding(ChangeKind::AttrsChanged {
                    old: attr_list(&f.attrs),
                    new: attr_list(&g.attrs),
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
        let with = has(&f.attrs, "deserialize_with") || has(&g.attrs, "deserialize_with");
        if with {
            // The function decides what is read: any change of the type is one objfp
            // cannot rule. Without one, the walk finds what changed (nothing, when the
            // types are the same).
            if self.same(ft, gt) {
                return;
            }
            self.one(
                ChangeKind::ShapeChanged {
                    old: (self.old.render)(ft),
                    new: (self.new.render)(gt),
                },
                &r::FIELD_DESERIALIZE_WITH,
                ctx.all(),
            );
            return;
        }
        let inner = Ctx {
            // Only a flattened field's own contents are merged into the enclosing map.
            flatten: has(&f.attrs, "flatten") || has(&g.attrs, "flatten"),
            ..ctx
        };
        self.pair(ft, gt, inner);
    }
}
