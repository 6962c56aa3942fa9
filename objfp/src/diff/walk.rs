//! The diff engine: walks two shape graphs side by side and collects the changes.
//!
//! The work is linear in the number of pairs (old node, new node) that the walk reaches,
//! which is the size of the graphs for any real pair of types:
//!
//! - each pair is explained once (`visited`), as the module documentation promises;
//! - the structural equality that the rename heuristics ask about ("is the field that
//!   vanished the same type as the one that appeared?") is decided once per pair and
//!   remembered, instead of a fresh trial walk per question, which asked again at
//!   every level below and was exponential in the depth (`same.rs`);
//! - matching fields, variants and attributes by name goes through sorted maps, not a
//!   search of one list per element of the other.
//!
//! The walk keeps its own stack, so a deep graph (a lockfile may declare a chain of a
//! hundred thousand types) cannot overflow the thread's stack, and paths are a tree of
//! segments, so a step costs its own segment and not a copy of its parent's path. Two
//! budgets, far above any real diff, bound a hostile one: [`MAX_PAIRS`] pairs compared and
//! [`MAX_REPORT_BYTES`] of report; past either, the report ends with
//! [`ChangeKind::Truncated`].

use alloc::borrow::ToOwned;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::mem;

use crate::StructKind;

use super::graph::{Attrs, Graph, Id, NodeEnum, NodeField, NodeShape, NodeVariant};
use super::report::{Change, ChangeKind, attr_text, name_token};
use super::same::Equality;

/// Renders a node of one side for messages.
pub(crate) type Render<'r> = &'r dyn Fn(Id) -> String;

/// The most pairs of nodes one diff compares, walking and deciding equality together.
pub(crate) const MAX_PAIRS: usize = 1 << 20;

/// The most bytes of paths and type names one diff reports.
pub(crate) const MAX_REPORT_BYTES: usize = 1 << 20;

/// A path in [`Paths`].
type PathId = usize;

/// Every path the walk has reached, as a tree: each one is its parent and a segment.
#[derive(Default)]
struct Paths {
    /// Parent, segment, and the length of the whole path in bytes.
    nodes: Vec<(Option<PathId>, String, usize)>,
}

impl Paths {
    fn push(&mut self, parent: Option<PathId>, segment: String) -> PathId {
        let len = parent.map_or(0, |p| self.nodes[p].2) + segment.len();
        self.nodes.push((parent, segment, len));
        self.nodes.len() - 1
    }

    fn child(&mut self, parent: PathId, segment: String) -> PathId {
        self.push(Some(parent), segment)
    }

    fn len(&self, path: PathId) -> usize {
        self.nodes[path].2
    }

    fn text(&self, path: PathId) -> String {
        let mut segments = Vec::new();
        let mut at = Some(path);
        while let Some(p) = at {
            segments.push(self.nodes[p].1.as_str());
            at = self.nodes[p].0;
        }
        let mut out = String::with_capacity(self.len(path));
        for s in segments.iter().rev() {
            out.push_str(s);
        }
        out
    }
}

/// What the walk does next: compare a pair, or report a change. A node's comparison
/// plans its changes and its children's comparisons in report order; the stack runs them.
enum Task {
    Pair(PathId, Id, Id),
    Report(PathId, ChangeKind),
}

/// Walks two graphs side by side and collects the changes.
pub(crate) struct Engine<'g, 'd> {
    old: &'g Graph<'d>,
    new: &'g Graph<'d>,
    render_old: Render<'g>,
    render_new: Render<'g>,
    /// Pairs already explained.
    visited: BTreeSet<(Id, Id)>,
    /// What the rename checks have found.
    equality: Equality,
    paths: Paths,
    /// The tasks of the pair being compared, in order.
    plan: Vec<Task>,
    out: Vec<Change>,
    report_bytes: usize,
    budget: Budget,
}

/// Pairs compared so far, by the walk and by the equality checks together, against
/// [`MAX_PAIRS`].
#[derive(Default)]
pub(crate) struct Budget {
    pub(crate) work: usize,
    /// A budget ran out: the report is incomplete.
    pub(crate) truncated: bool,
}

impl Budget {
    /// Counts one pair; `false` once the budget is spent.
    pub(crate) fn spend(&mut self) -> bool {
        self.work += 1;
        if self.work > MAX_PAIRS {
            self.truncated = true;
        }
        !self.truncated
    }
}

/// Where a field's path goes: `.name` or `.0`; a flattened field, whose own name serde
/// never writes (its wire name is `""`), is `.(flatten)`, then `.(flatten 2)`, ....
fn field_segment(kind: StructKind, index: usize, name: &str, occurrence: usize) -> String {
    match kind {
        StructKind::Named if name.is_empty() && occurrence > 1 => {
            format!(".(flatten {occurrence})")
        }
        StructKind::Named if name.is_empty() => ".(flatten)".to_owned(),
        StructKind::Named => format!(".{}", name_token(name)),
        StructKind::Newtype | StructKind::Tuple | StructKind::Unit => format!(".{index}"),
    }
}

/// Where each old key is among the new ones, and each new key among the old ones. Keys
/// are unique on each side ([`keys`]).
fn match_keys<K: Ord>(old: &[K], new: &[K]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    fn index<K: Ord>(keys: &[K]) -> BTreeMap<&K, usize> {
        let mut map = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            map.entry(k).or_insert(i);
        }
        map
    }
    let (old_at, new_at) = (index(old), index(new));
    (
        old.iter().map(|k| new_at.get(k).copied()).collect(),
        new.iter().map(|k| old_at.get(k).copied()).collect(),
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

/// The attribute changes from `old` to `new`, by key in sorted order: a key with one value
/// on each side is changed; otherwise values are added and removed.
pub(crate) fn attr_changes(old: &Attrs, new: &Attrs) -> Vec<ChangeKind> {
    let mut by_key: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (k, v) in old {
        by_key.entry(k).or_default().0.push(v);
    }
    for (k, v) in new {
        by_key.entry(k).or_default().1.push(v);
    }
    let mut out = Vec::new();
    for (key, (ov, nv)) in by_key {
        if let ([o], [n]) = (ov.as_slice(), nv.as_slice()) {
            if o != n {
                out.push(ChangeKind::AttrChanged {
                    key: key.to_owned(),
                    old: (*o).to_owned(),
                    new: (*n).to_owned(),
                });
            }
            continue;
        }
        let (os, ns): (BTreeSet<&str>, BTreeSet<&str>) =
            (ov.iter().copied().collect(), nv.iter().copied().collect());
        for o in ov.iter().filter(|o| !ns.contains(*o)) {
            out.push(ChangeKind::AttrRemoved {
                attr: attr_text(key, o),
            });
        }
        for n in nv.iter().filter(|n| !os.contains(*n)) {
            out.push(ChangeKind::AttrAdded {
                attr: attr_text(key, n),
            });
        }
    }
    out
}

fn attr_texts(attrs: &Attrs) -> Vec<String> {
    attrs.iter().map(|(k, v)| attr_text(k, v)).collect()
}

/// The bytes a change adds to the report, besides its path.
fn report_cost(kind: &ChangeKind) -> usize {
    let strings = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    16 + match kind {
        ChangeKind::FieldAdded { ty, attrs } | ChangeKind::FieldRemoved { ty, attrs } => {
            ty.len() + strings(attrs)
        }
        ChangeKind::FieldRenamed { old, new }
        | ChangeKind::TypeChanged { old, new }
        | ChangeKind::ShapeChanged { old, new }
        | ChangeKind::VariantRenamed { old, new }
        | ChangeKind::ReprChanged { old, new }
        | ChangeKind::NamedChanged { old, new }
        | ChangeKind::OpaqueChanged { old, new } => old.len() + new.len(),
        ChangeKind::FieldsReordered { old, new } | ChangeKind::VariantsReordered { old, new } => {
            strings(old) + strings(new)
        }
        ChangeKind::VariantsRenumbered { moved } => {
            moved.iter().map(|(name, _, _)| name.len() + 8).sum()
        }
        ChangeKind::AttrAdded { attr } | ChangeKind::AttrRemoved { attr } => attr.len(),
        ChangeKind::AttrChanged { key, old, new } => key.len() + old.len() + new.len(),
        ChangeKind::VariantAdded
        | ChangeKind::VariantRemoved
        | ChangeKind::KindChanged { .. }
        | ChangeKind::DiscriminantChanged { .. }
        | ChangeKind::ArrayLenChanged { .. }
        | ChangeKind::Truncated => 0,
    }
}

/// Same form, same field names, and field types the caller finds the same.
fn same_payload(a: &NodeVariant, b: &NodeVariant, same: &mut dyn FnMut(Id, Id) -> bool) -> bool {
    a.kind == b.kind
        && a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(f, g)| f.name == g.name && same(f.ty, g.ty))
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
            equality: Equality::default(),
            paths: Paths::default(),
            plan: Vec::new(),
            out: Vec::new(),
            report_bytes: 0,
            budget: Budget::default(),
        }
    }

    /// The changes from node `a` of the old graph to node `b` of the new one, with paths
    /// starting at `root`, in the order a depth-first walk in declaration order meets them.
    pub fn walk(&mut self, root: &str, a: Id, b: Id) -> Vec<Change> {
        let root_path = self.paths.push(None, root.to_owned());
        let mut stack = Vec::from([Task::Pair(root_path, a, b)]);
        while let Some(task) = stack.pop() {
            match task {
                Task::Report(path, kind) => self.report(path, kind),
                Task::Pair(path, a, b) => {
                    if self.fingerprints_equal(a, b) || !self.visited.insert((a, b)) {
                        continue;
                    }
                    if self.budget.spend() {
                        self.pair(path, a, b);
                    }
                    stack.extend(mem::take(&mut self.plan).into_iter().rev());
                }
            }
            if self.budget.truncated {
                break;
            }
        }
        let mut out = mem::take(&mut self.out);
        if self.budget.truncated {
            out.push(Change {
                path: root.to_owned(),
                kind: ChangeKind::Truncated,
            });
        }
        out
    }

    /// Pairs compared so far, by the walk and by the equality checks together.
    #[cfg(test)]
    pub fn work(&self) -> usize {
        self.budget.work
    }

    /// [`Engine::same`], for tests.
    #[cfg(test)]
    pub fn same_for_tests(&mut self, a: Id, b: Id) -> bool {
        self.same(a, b)
    }

    /// Whether walking `a` against `b` would report no change (see `same.rs`).
    fn same(&mut self, a: Id, b: Id) -> bool {
        self.equality
            .same(self.old, self.new, a, b, &mut self.budget)
    }

    fn fingerprints_equal(&self, a: Id, b: Id) -> bool {
        matches!(
            (self.old.nodes[a].fp, self.new.nodes[b].fp),
            (Some(f), Some(g)) if f == g
        )
    }

    fn report(&mut self, path: PathId, kind: ChangeKind) {
        let cost = self.paths.len(path) + report_cost(&kind);
        if self.report_bytes + cost > MAX_REPORT_BYTES {
            self.budget.truncated = true;
            return;
        }
        self.report_bytes += cost;
        self.out.push(Change {
            path: self.paths.text(path),
            kind,
        });
    }

    /// Plans a change at `path`.
    fn change(&mut self, path: PathId, kind: ChangeKind) {
        self.plan.push(Task::Report(path, kind));
    }

    /// Plans the comparison of a pair at `path`.
    fn compare(&mut self, path: PathId, a: Id, b: Id) {
        self.plan.push(Task::Pair(path, a, b));
    }

    fn child(&mut self, path: PathId, segment: &str) -> PathId {
        self.paths.child(path, segment.to_owned())
    }

    /// Plans the comparison of node `a` of the old graph with node `b` of the new one.
    fn pair(&mut self, path: PathId, a: Id, b: Id) {
        let (old, new) = (self.old, self.new);
        match (&old.nodes[a].shape, &new.nodes[b].shape) {
            (NodeShape::Primitive(p), NodeShape::Primitive(q)) => {
                if p != q {
                    let (old, new) = ((self.render_old)(a), (self.render_new)(b));
                    self.change(path, ChangeKind::TypeChanged { old, new });
                }
            }
            (NodeShape::Option(p), NodeShape::Option(q)) => {
                let p2 = self.child(path, "?");
                self.compare(p2, *p, *q);
            }
            (NodeShape::Seq(p), NodeShape::Seq(q)) => {
                let p2 = self.child(path, "[]");
                self.compare(p2, *p, *q);
            }
            (NodeShape::Map(k1, v1), NodeShape::Map(k2, v2)) => {
                let (pk, pv) = (self.child(path, "{key}"), self.child(path, "{value}"));
                self.compare(pk, *k1, *k2);
                self.compare(pv, *v1, *v2);
            }
            (NodeShape::Array(n, p), NodeShape::Array(m, q)) => {
                if n != m {
                    self.change(path, ChangeKind::ArrayLenChanged { old: *n, new: *m });
                }
                let p2 = self.child(path, "[]");
                self.compare(p2, *p, *q);
            }
            (NodeShape::Tuple(ps), NodeShape::Tuple(qs)) if ps.len() == qs.len() => {
                for (i, (p, q)) in ps.iter().zip(qs).enumerate() {
                    let p2 = self.paths.child(path, format!(".{i}"));
                    self.compare(p2, *p, *q);
                }
            }
            (NodeShape::Struct(s), NodeShape::Struct(t)) => {
                self.attrs(path, &s.attrs, &t.attrs);
                if s.kind != t.kind {
                    let (old, new) = (s.kind, t.kind);
                    self.change(path, ChangeKind::KindChanged { old, new });
                } else {
                    self.fields(path, s.kind, &s.fields, &t.fields);
                }
            }
            (NodeShape::Enum(s), NodeShape::Enum(t)) => self.enums(path, s, t),
            (NodeShape::Opaque(p), NodeShape::Opaque(q)) => {
                if p != q {
                    let (old, new) = (p.to_string(), q.to_string());
                    self.change(path, ChangeKind::OpaqueChanged { old, new });
                }
            }
            (NodeShape::Named(p, x), NodeShape::Named(q, y)) => {
                if p != q {
                    let (old, new) = (p.to_string(), q.to_string());
                    self.change(path, ChangeKind::NamedChanged { old, new });
                }
                self.compare(path, *x, *y);
            }
            (
                NodeShape::Readable { human, compact },
                NodeShape::Readable {
                    human: human2,
                    compact: compact2,
                },
            ) => {
                let (ph, pc) = (self.child(path, "<human>"), self.child(path, "<compact>"));
                self.compare(ph, *human, *human2);
                self.compare(pc, *compact, *compact2);
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
                let ps = self.child(path, "<serialize>");
                let pd = self.child(path, "<deserialize>");
                self.compare(ps, s1, s2);
                self.compare(pd, d1, d2);
            }
            _ => {
                let (old, new) = ((self.render_old)(a), (self.render_new)(b));
                self.change(path, ChangeKind::ShapeChanged { old, new });
            }
        }
    }

    fn attrs(&mut self, path: PathId, old: &Attrs, new: &Attrs) {
        for kind in attr_changes(old, new) {
            self.change(path, kind);
        }
    }

    fn field_pair(&mut self, path: PathId, a: &NodeField, b: &NodeField) {
        self.attrs(path, &a.attrs, &b.attrs);
        self.compare(path, a.ty, b.ty);
    }

    fn fields(&mut self, path: PathId, kind: StructKind, old: &[NodeField], new: &[NodeField]) {
        if kind != StructKind::Named {
            // Positional: compare by index.
            for i in 0..old.len().max(new.len()) {
                let p = self.paths.child(path, field_segment(kind, i, "", 0));
                match (old.get(i), new.get(i)) {
                    (Some(a), Some(b)) => self.field_pair(p, a, b),
                    (Some(a), None) => {
                        let (ty, attrs) = ((self.render_old)(a.ty), attr_texts(&a.attrs));
                        self.change(p, ChangeKind::FieldRemoved { ty, attrs });
                    }
                    (None, Some(b)) => {
                        let (ty, attrs) = ((self.render_new)(b.ty), attr_texts(&b.attrs));
                        self.change(p, ChangeKind::FieldAdded { ty, attrs });
                    }
                    (None, None) => {}
                }
            }
            return;
        }
        let old_keys = keys(old.iter().map(|f| f.name.as_ref()));
        let new_keys = keys(new.iter().map(|f| f.name.as_ref()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        // A field gone and another new at the same position, with the same type: renamed.
        // Not into or out of a flattened field: its fields move to the container.
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && !old[i].name.is_empty()
                    && !new[i].name.is_empty()
                    && self.same(old[i].ty, new[i].ty)
            })
            .collect();
        self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, false);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                let p = self
                    .paths
                    .child(path, field_segment(kind, i, &a.name, old_keys[i].1));
                let (ty, attrs) = ((self.render_old)(a.ty), attr_texts(&a.attrs));
                self.change(p, ChangeKind::FieldRemoved { ty, attrs });
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = self
                .paths
                .child(path, field_segment(kind, j, &b.name, new_keys[j].1));
            if let Some(i) = in_old[j] {
                self.field_pair(p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                let (old_name, new_name) = (name_token(&old[j].name), name_token(&b.name));
                self.change(
                    path,
                    ChangeKind::FieldRenamed {
                        old: old_name,
                        new: new_name,
                    },
                );
                self.attrs(p, &old[j].attrs, &b.attrs);
            } else {
                let (ty, attrs) = ((self.render_new)(b.ty), attr_texts(&b.attrs));
                self.change(p, ChangeKind::FieldAdded { ty, attrs });
            }
        }
    }

    /// Reports a different relative order of the names present on both sides.
    fn reordered(
        &mut self,
        path: PathId,
        old_keys: &[(&str, usize)],
        new_keys: &[(&str, usize)],
        in_new: &[Option<usize>],
        in_old: &[Option<usize>],
        variants: bool,
    ) -> bool {
        let common = |keys: &[(&str, usize)], matched: &[Option<usize>]| -> Vec<(String, usize)> {
            keys.iter()
                .zip(matched)
                .filter(|(_, m)| m.is_some())
                .map(|((n, k), _)| ((*n).to_owned(), *k))
                .collect()
        };
        let (old_common, new_common) = (common(old_keys, in_new), common(new_keys, in_old));
        if old_common == new_common {
            return false;
        }
        let names = |keys: &[(String, usize)]| keys.iter().map(|(n, _)| name_token(n)).collect();
        let (old, new) = (names(&old_common), names(&new_common));
        self.change(
            path,
            if variants {
                ChangeKind::VariantsReordered { old, new }
            } else {
                ChangeKind::FieldsReordered { old, new }
            },
        );
        true
    }

    fn enums(&mut self, path: PathId, s: &NodeEnum, t: &NodeEnum) {
        if s.repr != t.repr {
            let (old, new) = (s.repr.to_string(), t.repr.to_string());
            self.change(path, ChangeKind::ReprChanged { old, new });
        }
        self.attrs(path, &s.attrs, &t.attrs);
        let (old, new) = (&s.variants, &t.variants);
        let old_keys = keys(old.iter().map(|v| v.name.as_ref()));
        let new_keys = keys(new.iter().map(|v| v.name.as_ref()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && same_payload(&old[i], &new[i], &mut |a, b| self.same(a, b))
            })
            .collect();
        let reordered = self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, true);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                let p = self.paths.child(path, format!("::{}", name_token(&a.name)));
                self.change(p, ChangeKind::VariantRemoved);
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = self.paths.child(path, format!("::{}", name_token(&b.name)));
            if let Some(i) = in_old[j] {
                self.variant(p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                let (old_name, new_name) = (name_token(&old[j].name), name_token(&b.name));
                self.change(
                    path,
                    ChangeKind::VariantRenamed {
                        old: old_name,
                        new: new_name,
                    },
                );
                self.variant(p, &old[j], b);
            } else {
                self.change(p, ChangeKind::VariantAdded);
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
                self.change(path, ChangeKind::VariantsRenumbered { moved });
            }
        }
    }

    fn variant(&mut self, path: PathId, a: &NodeVariant, b: &NodeVariant) {
        self.attrs(path, &a.attrs, &b.attrs);
        if a.discriminant != b.discriminant {
            let (old, new) = (a.discriminant, b.discriminant);
            self.change(path, ChangeKind::DiscriminantChanged { old, new });
        }
        if a.kind != b.kind {
            let (old, new) = (a.kind, b.kind);
            self.change(path, ChangeKind::KindChanged { old, new });
        } else {
            self.fields(path, a.kind, &a.fields, &b.fields);
        }
    }
}
