//! Enums and their variants: by name (self-describing formats) and by index (the others).

use super::attrs::{accepts_list, attr_list, changed_keys, changed_keys_accepts, name_rule, pair};
use super::fields::items_of_fields;
use super::*;
use crate::diff::{NodeEnum, NodeVariant};

impl<'g> Walker<'g, '_> {
    pub(super) fn enums(&mut self, a: &'g NodeEnum, b: &'g NodeEnum, ctx: Ctx) {
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
                    old: or_none(&a.repr),
                    new: or_none(&b.repr),
                },
                &r::DISCRIMINANT_CHANGED,
                ctx.all(),
            );
        }
        if !self.container_attrs(&a.attrs, &b.attrs, ctx) {
            return;
        }
        if has(&a.attrs, "untagged") {
            self.untagged(a, b, ctx);
            return;
        }
        let names = ctx.mask(families::VARIANT_NAME);
        let index = families::VARIANT_INDEX;
        let (old, new) = (a.variants.as_slice(), b.variants.as_slice());
        let (of_old, of_new) = pair(old, new, |v| &v.name, |v| &v.attrs);
        let old_other = old.iter().any(|v| has(&v.attrs, "other"));
        let new_other = new.iter().any(|v| has(&v.attrs, "other"));
        let renamed =
            |i: usize| i < new.len() && i < old.len() && of_old[i].is_none() && of_new[i].is_none();
        let removed_rule = |v: &NodeVariant| {
            if new_other && v.kind == StructKind::Unit {
                &r::VARIANT_REMOVED_OTHER
            } else {
                &r::VARIANT_REMOVED
            }
        };
        let added_rule = |v: &NodeVariant| {
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
            let len = self.enter_variant(&v.name);
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
            let len = self.enter_variant(&w.name);
            match of_new[j] {
                None if renamed(j) => {
                    let v = &old[j];
                    let at = self.finding(ChangeKind::VariantRenamed {
                        old: name_token(&v.name),
                        new: name_token(&w.name),
                    });
                    self.reason(at, removed_rule(v), names);
                    self.reason(at, added_rule(w), names);
                    self.variant(v, w, &a.attrs, &b.attrs, ctx.only(index));
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
                    if v.name != w.name || changed_keys_accepts(&v.attrs, &w.attrs) {
                        let change = if v.name != w.name {
                            ChangeKind::VariantRenamed {
                                old: name_token(&v.name),
                                new: name_token(&w.name),
                            }
                        } else {
                            ChangeKind::AttrsChanged {
                                old: accepts_list(&v.attrs),
                                new: accepts_list(&w.attrs),
                            }
                        };
                        let rule = name_rule(&v.name, &v.attrs, &w.name, &w.attrs);
                        self.one(change, rule, names);
                    }
                    self.variant(v, w, &a.attrs, &b.attrs, ctx);
                }
            }
            self.leave(len);
        }
    }

    pub(super) fn variant(
        &mut self,
        v: &'g NodeVariant,
        w: &'g NodeVariant,
        ea: &'g Attrs,
        eb: &'g Attrs,
        ctx: Ctx,
    ) {
        if ctx.is_empty() {
            return;
        }
        let keys = changed_keys(&v.attrs, &w.attrs);
        if !keys.is_empty() {
            let at = self.finding(ChangeKind::AttrsChanged {
                old: attr_list(&v.attrs),
                new: attr_list(&w.attrs),
            });
            for key in &keys {
                let rule = match *key {
                    "other" => &r::VARIANT_OTHER_CHANGED,
                    "skip" | "skip_serializing" | "skip_deserializing" => &r::FIELD_SKIP_CHANGED,
                    "untagged" => &r::TAGGING_CHANGED,
                    _ => &r::ATTR_CHANGED,
                };
                self.reason_once(at, rule, ctx.all());
            }
        }
        if v.discriminant != w.discriminant {
            let text = |d: Option<i128>| match d {
                Some(d) => format!("{d}"),
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
            (K::Named, K::Named) => self.named(&v.fields, &w.fields, ea, eb, ctx),
            (K::Newtype, K::Newtype) | (K::Tuple, K::Tuple) => self.positional(
                &items_of_fields(&v.fields),
                &items_of_fields(&w.fields),
                None,
                None,
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
    pub(super) fn untagged(&mut self, a: &'g NodeEnum, b: &'g NodeEnum, ctx: Ctx) {
        let mut same = |v: &NodeVariant, w: &NodeVariant| {
            v.name == w.name
                && v.kind == w.kind
                && v.attrs == w.attrs
                && v.fields.len() == w.fields.len()
                && v.fields
                    .iter()
                    .zip(&w.fields)
                    .all(|(f, g)| f.name == g.name && f.attrs == g.attrs && self.same(f.ty, g.ty))
        };
        let prefix = a.variants.len() <= b.variants.len()
            && a.variants.iter().zip(&b.variants).all(|(v, w)| same(v, w));
        if prefix {
            for j in a.variants.len()..b.variants.len() {
                let len = self.enter(Seg::VariantIndex(j));
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
