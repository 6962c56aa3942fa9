//! The diff engine: walks two shape graphs side by side and collects the changes.

use alloc::borrow::ToOwned;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::StructKind;

use super::graph::{Attrs, Graph, Id, NodeEnum, NodeField, NodeShape, NodeVariant};
use super::report::{Change, ChangeKind, attr_text, name_token};

/// Renders a node of one side for messages.
pub(crate) type Render<'r> = &'r dyn Fn(Id) -> String;

/// Walks two graphs side by side and collects the changes.
pub(crate) struct Engine<'g, 'd> {
    old: &'g Graph<'d>,
    new: &'g Graph<'d>,
    render_old: Render<'g>,
    render_new: Render<'g>,
    visited: BTreeSet<(Id, Id)>,
    pub out: Vec<Change>,
}

/// Where a field's path goes: `.name` or `.0`.
fn field_path(parent: &str, kind: StructKind, index: usize, name: &str) -> String {
    match kind {
        StructKind::Named => format!("{parent}.{}", name_token(name)),
        StructKind::Newtype | StructKind::Tuple | StructKind::Unit => format!("{parent}.{index}"),
    }
}

/// Where each old key is among the new ones, and each new key among the old ones.
fn match_keys<K: PartialEq>(old: &[K], new: &[K]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let find = |k: &K, among: &[K]| among.iter().position(|o| o == k);
    (
        old.iter().map(|k| find(k, new)).collect(),
        new.iter().map(|k| find(k, old)).collect(),
    )
}

/// The wire names of fields or variants, each with its occurrence number among equal
/// names, so that duplicates (skipped variants all have the name `""`) still match one
/// to one.
fn keys<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    names
        .map(|n| {
            let k = seen.entry(n).or_insert(0);
            *k += 1;
            (n, *k)
        })
        .collect()
}

impl<'g, 'd> Engine<'g, 'd> {
    pub fn new(
        old: &'g Graph<'d>,
        new: &'g Graph<'d>,
        render_old: Render<'g>,
        render_new: Render<'g>,
    ) -> Self {
        Engine {
            old,
            new,
            render_old,
            render_new,
            visited: BTreeSet::new(),
            out: Vec::new(),
        }
    }

    fn push(&mut self, path: &str, kind: ChangeKind) {
        self.out.push(Change {
            path: path.to_owned(),
            kind,
        });
    }

    /// Whether the two nodes have the same shape: by fingerprint when both are known, else
    /// by a trial walk.
    fn same(&self, a: Id, b: Id) -> bool {
        if let (Some(x), Some(y)) = (self.old.nodes[a].fp, self.new.nodes[b].fp) {
            return x == y;
        }
        let mut probe = Engine::new(self.old, self.new, self.render_old, self.render_new);
        probe.node("", a, b);
        probe.out.is_empty()
    }

    /// Compares node `a` of the old graph with node `b` of the new one at `path`.
    pub fn node(&mut self, path: &str, a: Id, b: Id) {
        let (old, new) = (self.old, self.new);
        let (x, y) = (&old.nodes[a], &new.nodes[b]);
        if let (Some(f), Some(g)) = (x.fp, y.fp)
            && f == g
        {
            return;
        }
        if !self.visited.insert((a, b)) {
            return;
        }
        match (&x.shape, &y.shape) {
            (NodeShape::Primitive(p), NodeShape::Primitive(q)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::TypeChanged {
                            old: (self.render_old)(a),
                            new: (self.render_new)(b),
                        },
                    );
                }
            }
            (NodeShape::Option(p), NodeShape::Option(q)) => {
                self.node(&format!("{path}?"), *p, *q);
            }
            (NodeShape::Seq(p), NodeShape::Seq(q)) => self.node(&format!("{path}[]"), *p, *q),
            (NodeShape::Map(k1, v1), NodeShape::Map(k2, v2)) => {
                self.node(&format!("{path}{{key}}"), *k1, *k2);
                self.node(&format!("{path}{{value}}"), *v1, *v2);
            }
            (NodeShape::Array(n, p), NodeShape::Array(m, q)) => {
                if n != m {
                    self.push(path, ChangeKind::ArrayLenChanged { old: *n, new: *m });
                }
                self.node(&format!("{path}[]"), *p, *q);
            }
            (NodeShape::Tuple(ps), NodeShape::Tuple(qs)) if ps.len() == qs.len() => {
                for (i, (p, q)) in ps.iter().zip(qs).enumerate() {
                    self.node(&format!("{path}.{i}"), *p, *q);
                }
            }
            (NodeShape::Struct(s), NodeShape::Struct(t)) => {
                self.attrs(path, &s.attrs, &t.attrs);
                if s.kind != t.kind {
                    self.push(
                        path,
                        ChangeKind::KindChanged {
                            old: s.kind,
                            new: t.kind,
                        },
                    );
                } else {
                    self.fields(path, s.kind, &s.fields, &t.fields);
                }
            }
            (NodeShape::Enum(s), NodeShape::Enum(t)) => self.enums(path, s, t),
            (NodeShape::Opaque(p), NodeShape::Opaque(q)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::OpaqueChanged {
                            old: p.clone(),
                            new: q.clone(),
                        },
                    );
                }
            }
            (NodeShape::Named(p, x), NodeShape::Named(q, y)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::NamedChanged {
                            old: p.clone(),
                            new: q.clone(),
                        },
                    );
                }
                self.node(path, *x, *y);
            }
            (
                NodeShape::Readable { human, compact },
                NodeShape::Readable {
                    human: human2,
                    compact: compact2,
                },
            ) => {
                self.node(&format!("{path}<human>"), *human, *human2);
                self.node(&format!("{path}<compact>"), *compact, *compact2);
            }
            (
                NodeShape::Proxy {
                    serialize: s1,
                    deserialize: d1,
                    own: o1,
                },
                NodeShape::Proxy {
                    serialize: s2,
                    deserialize: d2,
                    own: o2,
                },
            ) => {
                // A side without a type of its own is the type's own structure.
                let (s1, d1) = (s1.unwrap_or(*o1), d1.unwrap_or(*o1));
                let (s2, d2) = (s2.unwrap_or(*o2), d2.unwrap_or(*o2));
                self.node(&format!("{path}<serialize>"), s1, s2);
                self.node(&format!("{path}<deserialize>"), d1, d2);
            }
            _ => self.push(
                path,
                ChangeKind::ShapeChanged {
                    old: (self.render_old)(a),
                    new: (self.render_new)(b),
                },
            ),
        }
    }

    fn attrs(&mut self, path: &str, old: &Attrs, new: &Attrs) {
        let keys: BTreeSet<&str> = old.iter().chain(new).map(|(k, _)| k.as_str()).collect();
        for key in keys {
            let (ov, nv) = (values_of(old, key), values_of(new, key));
            if let ([o], [n]) = (ov.as_slice(), nv.as_slice()) {
                if o != n {
                    self.push(
                        path,
                        ChangeKind::AttrChanged {
                            key: key.to_owned(),
                            old: (*o).to_owned(),
                            new: (*n).to_owned(),
                        },
                    );
                }
                continue;
            }
            for o in ov.iter().filter(|o| !nv.contains(o)) {
                self.push(
                    path,
                    ChangeKind::AttrRemoved {
                        attr: attr_text(key, o),
                    },
                );
            }
            for n in nv.iter().filter(|n| !ov.contains(n)) {
                self.push(
                    path,
                    ChangeKind::AttrAdded {
                        attr: attr_text(key, n),
                    },
                );
            }
        }
    }

    fn field_pair(&mut self, path: &str, a: &NodeField, b: &NodeField) {
        self.attrs(path, &a.attrs, &b.attrs);
        self.node(path, a.ty, b.ty);
    }

    fn fields(&mut self, path: &str, kind: StructKind, old: &[NodeField], new: &[NodeField]) {
        if kind != StructKind::Named {
            // Positional: compare by index.
            for i in 0..old.len().max(new.len()) {
                let p = field_path(path, kind, i, "");
                match (old.get(i), new.get(i)) {
                    (Some(a), Some(b)) => self.field_pair(&p, a, b),
                    (Some(a), None) => self.push(
                        &p,
                        ChangeKind::FieldRemoved {
                            ty: (self.render_old)(a.ty),
                            attrs: attr_texts(&a.attrs),
                        },
                    ),
                    (None, Some(b)) => self.push(
                        &p,
                        ChangeKind::FieldAdded {
                            ty: (self.render_new)(b.ty),
                            attrs: attr_texts(&b.attrs),
                        },
                    ),
                    (None, None) => {}
                }
            }
            return;
        }
        let old_keys = keys(old.iter().map(|f| f.name.as_str()));
        let new_keys = keys(new.iter().map(|f| f.name.as_str()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        // A field gone and another new at the same position, with the same type: renamed.
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && self.same(old[i].ty, new[i].ty)
            })
            .collect();
        let _ = self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, false);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                self.push(
                    &field_path(path, kind, i, &a.name),
                    ChangeKind::FieldRemoved {
                        ty: (self.render_old)(a.ty),
                        attrs: attr_texts(&a.attrs),
                    },
                );
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = field_path(path, kind, j, &b.name);
            if let Some(i) = in_old[j] {
                self.field_pair(&p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                self.push(
                    path,
                    ChangeKind::FieldRenamed {
                        old: name_token(&old[j].name),
                        new: name_token(&b.name),
                    },
                );
                self.attrs(&p, &old[j].attrs, &b.attrs);
            } else {
                self.push(
                    &p,
                    ChangeKind::FieldAdded {
                        ty: (self.render_new)(b.ty),
                        attrs: attr_texts(&b.attrs),
                    },
                );
            }
        }
    }

    /// Reports a different relative order of the names present on both sides.
    fn reordered(
        &mut self,
        path: &str,
        old_keys: &[(&str, usize)],
        new_keys: &[(&str, usize)],
        in_new: &[Option<usize>],
        in_old: &[Option<usize>],
        variants: bool,
    ) -> bool {
        let old_common: Vec<(&str, usize)> = old_keys
            .iter()
            .zip(in_new)
            .filter(|(_, m)| m.is_some())
            .map(|(k, _)| *k)
            .collect();
        let new_common: Vec<(&str, usize)> = new_keys
            .iter()
            .zip(in_old)
            .filter(|(_, m)| m.is_some())
            .map(|(k, _)| *k)
            .collect();
        if old_common == new_common {
            return false;
        }
        let names = |keys: &[(&str, usize)]| keys.iter().map(|(n, _)| name_token(n)).collect();
        let (old, new) = (names(&old_common), names(&new_common));
        self.push(
            path,
            if variants {
                ChangeKind::VariantsReordered { old, new }
            } else {
                ChangeKind::FieldsReordered { old, new }
            },
        );
        true
    }

    fn enums(&mut self, path: &str, s: &NodeEnum, t: &NodeEnum) {
        if s.repr != t.repr {
            self.push(
                path,
                ChangeKind::ReprChanged {
                    old: s.repr.clone(),
                    new: t.repr.clone(),
                },
            );
        }
        self.attrs(path, &s.attrs, &t.attrs);
        let (old, new) = (&s.variants, &t.variants);
        let old_keys = keys(old.iter().map(|v| v.name.as_str()));
        let new_keys = keys(new.iter().map(|v| v.name.as_str()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && self.same_payload(&old[i], &new[i])
            })
            .collect();
        let reordered = self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, true);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                self.push(
                    &format!("{path}::{}", name_token(&a.name)),
                    ChangeKind::VariantRemoved,
                );
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = format!("{path}::{}", name_token(&b.name));
            if let Some(i) = in_old[j] {
                self.variant(&p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                self.push(
                    path,
                    ChangeKind::VariantRenamed {
                        old: name_token(&old[j].name),
                        new: name_token(&b.name),
                    },
                );
                self.variant(&p, &old[j], b);
            } else {
                self.push(&p, ChangeKind::VariantAdded);
            }
        }
        // Variants that kept their place among the others but moved because variants were
        // added or removed before them: index-based formats see a different variant.
        if !reordered {
            let moved: Vec<(String, usize, usize)> = in_new
                .iter()
                .enumerate()
                .filter_map(|(i, j)| {
                    j.filter(|j| *j != i)
                        .map(|j| (name_token(&old[i].name), i, j))
                })
                .collect();
            if !moved.is_empty() {
                self.push(path, ChangeKind::VariantsRenumbered { moved });
            }
        }
    }

    /// Same form, same field names, same field types.
    fn same_payload(&self, a: &NodeVariant, b: &NodeVariant) -> bool {
        a.kind == b.kind
            && a.fields.len() == b.fields.len()
            && a.fields
                .iter()
                .zip(&b.fields)
                .all(|(f, g)| f.name == g.name && self.same(f.ty, g.ty))
    }

    fn variant(&mut self, path: &str, a: &NodeVariant, b: &NodeVariant) {
        self.attrs(path, &a.attrs, &b.attrs);
        if a.discriminant != b.discriminant {
            self.push(
                path,
                ChangeKind::DiscriminantChanged {
                    old: a.discriminant,
                    new: b.discriminant,
                },
            );
        }
        if a.kind != b.kind {
            self.push(
                path,
                ChangeKind::KindChanged {
                    old: a.kind,
                    new: b.kind,
                },
            );
        } else {
            self.fields(path, a.kind, &a.fields, &b.fields);
        }
    }
}

fn attr_texts(attrs: &Attrs) -> Vec<String> {
    attrs.iter().map(|(k, v)| attr_text(k, v)).collect()
}

fn values_of<'a>(attrs: &'a Attrs, key: &str) -> Vec<&'a str> {
    attrs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}
