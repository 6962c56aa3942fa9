// Deciding each change by the rules, one stage per file:
//
//   mod.rs         the walk: its task stack, paths, budgets, the formats in force (`Ctx`)
//   shapes.rs      one pair of shapes: wrappers, sequences, maps, proxies, structs vs tuples
//   fields.rs      struct containers and their fields, by name and by position
//   enums.rs       enums and their variants
//   primitives.rs  the rule for a primitive replaced by another
//   attrs.rs       attributes: which changed, which names a field or variant accepts
//
//! Walking two shape graphs side by side and deciding each change by the rules.
//!
//! The graphs are `diff`'s: built from descriptions, or parsed from a lockfile, so one
//! set of rules serves [`compat::check`](super::check), the lockfile's policies and the
//! readers. The walk descends only where the two sides may differ (fingerprints, where
//! both sides have one, are equal only for equal shapes), and remembers each pair of
//! structs, enums and proxies it has compared (with the formats in force), so recursive
//! types terminate and a pair is explained once, at the first path that reaches it.
//!
//! Like the diff walk, it keeps its own stack (a lockfile may declare a chain of a
//! hundred thousand types), its paths are a tree of segments, and it stops at the diff's
//! budgets (a million pairs, a mebibyte of report): the report then ends with
//! [`ChangeKind::Truncated`], which is breaking in every format.

use alloc::borrow::ToOwned;
use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::mem;

use super::Verdict;
use super::format::{Format, FormatSet, families};
use super::paths::{PathId, Paths, Seg};
use super::report::{ChangeKind, Finding, Reason};
use super::rules::{self as r, Rule};
use crate::diff::{
    Attrs, Budget, Equality, Graph, Id, MAX_REPORT_BYTES, NodeShape, Render, Text, attr_text,
    name_token,
};
use crate::{Primitive, StructKind};

mod attrs;
mod enums;
mod fields;
mod primitives;
mod shapes;

pub(crate) use attrs::has;
pub(crate) use primitives::primitive_rule;

/// One side of a comparison: a shape graph and how its nodes are named in reports.
#[derive(Clone, Copy)]
pub(crate) struct Side<'g, 'd> {
    pub graph: &'g Graph<'d>,
    pub render: Render<'g>,
}

impl<'g> Side<'g, '_> {
    pub(crate) fn shape(&self, id: Id) -> &'g NodeShape {
        &self.graph.nodes[id].shape
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

/// What the walk does next: compare a pair, or report a finding. A pair's comparison
/// plans its findings and its children's comparisons in report order; the stack runs them.
enum Task {
    Pair {
        path: PathId,
        a: Id,
        b: Id,
        ctx: Ctx,
        /// Wrappers passed since the last struct or enum.
        depth: usize,
    },
    Report(PathId, Finding),
}

/// How many wrappers (options, sequences, maps, ...) the walk goes through without
/// meeting a struct or enum: far beyond any real type, and a bound for graphs that loop
/// through wrappers alone (hand-written descriptions, `type T = [T]` in a lockfile).
const MAX_DEPTH: usize = 64;

struct Walker<'g, 'd> {
    old: Side<'g, 'd>,
    new: Side<'g, 'd>,
    /// Pairs of structs, enums and proxies compared, with the formats in force.
    seen: BTreeSet<(Id, Id, Ctx)>,
    equality: Equality,
    budget: Budget,
    paths: Paths<'g>,
    /// The tasks of the pair being compared, in order.
    plan: Vec<Task>,
    out: Vec<Finding>,
    report_bytes: usize,
    /// The path of the pair being compared.
    at: PathId,
    /// Its wrapper depth, which its children inherit.
    depth: usize,
}

/// The findings for `old` -> `new`, paths starting with `root`, and whether the walk
/// stopped at a budget (the last finding is then [`ChangeKind::Truncated`]).
pub(crate) fn walk<'g>(
    old: Side<'g, '_>,
    a: Id,
    new: Side<'g, '_>,
    b: Id,
    root: &'g str,
) -> Vec<Finding> {
    let mut paths = Paths::default();
    let root_path = paths.root(root);
    let mut w = Walker {
        old,
        new,
        seen: BTreeSet::new(),
        equality: Equality::default(),
        budget: Budget::default(),
        paths,
        plan: Vec::new(),
        out: Vec::new(),
        report_bytes: 0,
        at: root_path,
        depth: 0,
    };
    let ctx = Ctx {
        b: FormatSet::ALL,
        f: FormatSet::ALL,
        flatten: false,
    };
    let mut stack = Vec::from([Task::Pair {
        path: root_path,
        a,
        b,
        ctx,
        depth: 0,
    }]);
    while let Some(task) = stack.pop() {
        match task {
            Task::Report(path, finding) => w.report(path, finding),
            Task::Pair {
                path,
                a,
                b,
                ctx,
                depth,
            } => {
                if w.budget.spend() {
                    w.at = path;
                    w.cmp(a, b, ctx, depth);
                }
                stack.extend(mem::take(&mut w.plan).into_iter().rev());
            }
        }
        if w.budget.truncated {
            break;
        }
    }
    if w.budget.truncated {
        let mut f = Finding::new(root.to_owned(), ChangeKind::Truncated);
        f.verdict = Verdict {
            backward: FormatSet::EMPTY,
            forward: FormatSet::EMPTY,
        };
        w.out.push(f);
    }
    w.out
}

impl<'g> Walker<'g, '_> {
    fn report(&mut self, path: PathId, mut finding: Finding) {
        // What the finding costs shown with its verdict (a line of formats) and the rules
        // it breaks (a line each): the budget bounds reports as people see them.
        let rules: usize = finding.reasons.iter().map(|r| 48 + r.rule.why.len()).sum();
        let cost = self.paths.len(path) + 160 + finding.change.to_string().len() + rules;
        if self.report_bytes + cost > MAX_REPORT_BYTES {
            self.budget.truncated = true;
            return;
        }
        self.report_bytes += cost;
        finding.path = self.paths.text(path);
        self.out.push(finding);
    }

    /// Plans a finding at the current path; its index in the plan, for [`Walker::reason`].
    fn finding(&mut self, change: ChangeKind) -> usize {
        self.plan
            .push(Task::Report(self.at, Finding::new(String::new(), change)));
        self.plan.len() - 1
    }

    fn planned(&mut self, at: usize) -> Option<&mut Finding> {
        match self.plan.get_mut(at) {
            Some(Task::Report(_, f)) => Some(f),
            _ => None,
        }
    }

    fn reason(&mut self, at: usize, rule: &'static Rule, applies: Verdict) {
        if let Some(f) = self.planned(at) {
            f.add(Reason { rule, applies });
        }
    }

    /// Adds `rule` to a planned finding unless it already has it.
    fn reason_once(&mut self, at: usize, rule: &'static Rule, applies: Verdict) {
        if let Some(f) = self.planned(at)
            && !f.rules().any(|x| core::ptr::eq(x, rule))
        {
            f.add(Reason { rule, applies });
        }
    }

    fn one(&mut self, change: ChangeKind, rule: &'static Rule, applies: Verdict) {
        let at = self.finding(change);
        self.reason(at, rule, applies);
    }

    /// The current path with `segment` after it.
    fn child(&mut self, segment: Seg<'g>) -> PathId {
        self.paths.child(self.at, segment)
    }

    /// Makes the current path the current path and `segment`; returns the path to go
    /// back to with [`Walker::leave`].
    fn enter(&mut self, segment: Seg<'g>) -> PathId {
        let saved = self.at;
        self.at = self.child(segment);
        saved
    }

    fn enter_field(&mut self, name: &'g str) -> PathId {
        self.enter(Seg::Field(name))
    }

    /// A named struct's field: `.name`, or for the `n`th flattened field `.(flatten n)`.
    fn enter_named(&mut self, name: &'g str, flattened: usize) -> PathId {
        if name.is_empty() {
            self.enter(Seg::Flatten(flattened))
        } else {
            self.enter_field(name)
        }
    }

    fn enter_index(&mut self, i: usize) -> PathId {
        self.enter(Seg::Index(i))
    }

    fn enter_variant(&mut self, name: &'g str) -> PathId {
        self.enter(Seg::Variant(name))
    }

    fn leave(&mut self, saved: PathId) {
        self.at = saved;
    }

    /// Plans the comparison of `a` (old) with `b` (new) at `path`.
    fn pair_at(&mut self, path: PathId, a: Id, b: Id, ctx: Ctx) {
        self.plan.push(Task::Pair {
            path,
            a,
            b,
            ctx,
            depth: self.depth,
        });
    }

    /// Plans the comparison of `a` with `b` at the current path.
    fn pair(&mut self, a: Id, b: Id, ctx: Ctx) {
        self.pair_at(self.at, a, b, ctx);
    }

    /// Plans the comparison of `a` with `b` at the current path and `segment`.
    fn pair_in(&mut self, segment: &'static str, a: Id, b: Id, ctx: Ctx) {
        let path = self.child(Seg::Text(segment));
        self.pair_at(path, a, b, ctx);
    }

    fn shape_changed(&mut self, a: Id, b: Id, rule: &'static Rule, ctx: Ctx) {
        let change = ChangeKind::ShapeChanged {
            old: (self.old.render)(a),
            new: (self.new.render)(b),
        };
        self.one(change, rule, ctx.all());
    }

    fn fingerprints_equal(&self, a: Id, b: Id) -> bool {
        matches!(
            (self.old.graph.nodes[a].fp, self.new.graph.nodes[b].fp),
            (Some(f), Some(g)) if f == g
        )
    }

    /// Whether `a` and `b` are the same shape (structurally, where a side has no
    /// fingerprint): decided once per pair, within the walk's budget.
    fn same(&mut self, a: Id, b: Id) -> bool {
        self.fingerprints_equal(a, b)
            || self
                .equality
                .same(self.old.graph, self.new.graph, a, b, &mut self.budget)
    }

    fn is_composite(shape: &NodeShape) -> bool {
        matches!(shape, NodeShape::Struct(_) | NodeShape::Enum(_))
    }

    fn cmp(&mut self, a: Id, b: Id, ctx: Ctx, depth: usize) {
        if self.fingerprints_equal(a, b) {
            return;
        }
        let composite =
            Self::is_composite(self.old.shape(a)) || Self::is_composite(self.new.shape(b));
        if !composite && depth >= MAX_DEPTH {
            self.shape_changed(a, b, &r::SHAPE_CHANGED, ctx);
            return;
        }
        self.depth = if composite { 0 } else { depth + 1 };
        self.compare(a, b, ctx);
    }
}

/// Attribute texts as reports show them (`default`, `rename = "x"`).
fn texts<'a>(attrs: impl Iterator<Item = &'a (Text, Text)>) -> Vec<String> {
    attrs.map(|(k, v)| attr_text(k, v)).collect()
}
