//! What a format cannot carry at all: `flatten` fields, internally, adjacently and
//! un-tagged enums, tagged structs. Walks each whole shape graph once per node (and set
//! of formats in force), with its own stack, so a graph of any depth is walked without
//! deep recursion.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::Verdict;
use super::format::{FormatSet, families};
use super::paths::{PathId, Paths, Seg};
use super::report::{ChangeKind, Finding, Reason};
use super::rules::{self as r, Rule};
use super::verdict::{Side, has};
use crate::StructKind;
use crate::diff::{Id, NodeField, NodeShape};

/// How many findings one side reports in full: each names a part of the type that some
/// formats cannot carry. Past it, only a finding that rules out another format is kept
/// (a hostile lockfile may declare a million `flatten` fields).
const MAX_FINDINGS: usize = 1024;

/// What the walk does next: visit a node with the formats in force, or report.
enum Todo {
    Visit(Id, PathId, FormatSet),
    Report(PathId, &'static str, &'static Rule, FormatSet),
}

struct Carry<'s, 'g, 'd> {
    side: &'s Side<'g, 'd>,
    seen: BTreeSet<(Id, FormatSet)>,
    paths: Paths<'g>,
    out: Vec<Finding>,
    /// Formats some finding says cannot carry the type.
    unsupported: FormatSet,
    /// Popped last first, pushed in reverse, so they run in declaration order.
    todo: Vec<Todo>,
}

/// Findings for both sides; the same feature at the same path is reported once.
pub(crate) fn walk<'g>(
    old: &Side<'g, '_>,
    old_root: (Id, &'g str),
    new: &Side<'g, '_>,
    new_root: (Id, &'g str),
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for (side, (root, name)) in [(old, old_root), (new, new_root)] {
        let mut paths = Paths::default();
        let root_path = paths.root(name);
        let mut c = Carry {
            side,
            seen: BTreeSet::new(),
            paths,
            out: Vec::new(),
            unsupported: FormatSet::EMPTY,
            todo: Vec::from([Todo::Visit(root, root_path, FormatSet::ALL)]),
        };
        c.run();
        for f in c.out {
            if reported.insert((f.path.clone(), f.change.to_string())) {
                out.push(f);
            }
        }
    }
    out
}

impl<'g> Carry<'_, 'g, '_> {
    fn run(&mut self) {
        while let Some(todo) = self.todo.pop() {
            match todo {
                Todo::Visit(id, path, mask) => self.visit(id, path, mask),
                Todo::Report(path, what, rule, mask) => self.report(path, what, rule, mask),
            }
        }
    }

    fn report(&mut self, path: PathId, what: &'static str, rule: &'static Rule, mask: FormatSet) {
        let reason = Reason {
            rule,
            applies: Verdict {
                backward: mask,
                forward: mask,
            },
        };
        let formats = reason.unsupported();
        let new = formats.difference(self.unsupported);
        if formats.is_empty() || (self.out.len() >= MAX_FINDINGS && new.is_empty()) {
            return;
        }
        let mut f = Finding::new(self.paths.text(path), ChangeKind::Unsupported { what });
        f.add(reason);
        self.unsupported = self.unsupported.union(formats);
        self.out.push(f);
    }

    /// The children of one node, in the order they are to be visited.
    fn visit(&mut self, id: Id, path: PathId, mask: FormatSet) {
        if mask.is_empty() || !self.seen.insert((id, mask)) {
            return;
        }
        let side = self.side;
        let mut next: Vec<Todo> = Vec::new();
        let mut sub = |paths: &mut Paths<'g>, seg: Option<Seg<'g>>, child: Id, mask: FormatSet| {
            let p = seg.map_or(path, |seg| paths.child(path, seg));
            next.push(Todo::Visit(child, p, mask));
        };
        match side.shape(id) {
            NodeShape::Primitive(_) | NodeShape::Opaque(_) => {}
            NodeShape::Option(t) => sub(&mut self.paths, Some(Seg::Text("?")), *t, mask),
            NodeShape::Seq(t) | NodeShape::Array(_, t) => {
                sub(&mut self.paths, Some(Seg::Text("[]")), *t, mask)
            }
            NodeShape::Map(k, v) => {
                sub(&mut self.paths, Some(Seg::Text("{key}")), *k, mask);
                sub(&mut self.paths, Some(Seg::Text("{value}")), *v, mask);
            }
            NodeShape::Tuple(items) => {
                for (i, t) in items.iter().enumerate() {
                    sub(&mut self.paths, Some(Seg::Index(i)), *t, mask);
                }
            }
            NodeShape::Named(_, inner) => sub(&mut self.paths, None, *inner, mask),
            NodeShape::Readable { human, compact } => {
                let (h, c) = (
                    mask.intersection(families::HUMAN),
                    mask.difference(families::HUMAN),
                );
                sub(&mut self.paths, Some(Seg::Text("<human>")), *human, h);
                sub(&mut self.paths, Some(Seg::Text("<compact>")), *compact, c);
            }
            NodeShape::Proxy {
                serialize,
                deserialize,
                own,
            } => {
                for t in [serialize, deserialize].into_iter().flatten() {
                    sub(&mut self.paths, None, *t, mask);
                }
                sub(&mut self.paths, None, *own, mask);
            }
            NodeShape::Struct(s) => {
                if has(&s.attrs, "tag") {
                    let rule = &r::UNSUPPORTED_STRUCT_TAG;
                    next.push(Todo::Report(path, "struct with `tag`", rule, mask));
                }
                let named = s.kind == StructKind::Named;
                self.fields(path, &s.fields, named, mask, &mut next);
            }
            NodeShape::Enum(e) => {
                let tagging: Option<(&'static str, &'static Rule)> = if has(&e.attrs, "untagged") {
                    Some(("untagged enum", &r::UNSUPPORTED_UNTAGGED))
                } else if has(&e.attrs, "tag") && has(&e.attrs, "content") {
                    Some(("adjacently tagged enum", &r::UNSUPPORTED_ADJACENT_TAG))
                } else if has(&e.attrs, "tag") {
                    Some(("internally tagged enum", &r::UNSUPPORTED_INTERNAL_TAG))
                } else {
                    None
                };
                if let Some((what, rule)) = tagging {
                    next.push(Todo::Report(path, what, rule, mask));
                }
                for v in &e.variants {
                    let vp = self.paths.child(path, Seg::Variant(&v.name));
                    if has(&v.attrs, "untagged") {
                        let rule = &r::UNSUPPORTED_UNTAGGED;
                        next.push(Todo::Report(vp, "untagged variant", rule, mask));
                    }
                    let named = v.kind == StructKind::Named;
                    self.fields(vp, &v.fields, named, mask, &mut next);
                }
            }
        }
        self.todo.extend(next.into_iter().rev());
    }

    fn fields(
        &mut self,
        path: PathId,
        fields: &'g [NodeField],
        named: bool,
        mask: FormatSet,
        next: &mut Vec<Todo>,
    ) {
        let mut flattened = 0;
        for (i, f) in fields.iter().enumerate() {
            let segment = if named && f.name.is_empty() {
                flattened += 1;
                Seg::Flatten(flattened)
            } else if named {
                Seg::Field(&f.name)
            } else {
                Seg::Index(i)
            };
            let fp = self.paths.child(path, segment);
            if has(&f.attrs, "flatten") {
                let rule = &r::UNSUPPORTED_FLATTEN;
                next.push(Todo::Report(fp, "flatten field", rule, mask));
            }
            next.push(Todo::Visit(f.ty, fp, mask));
        }
    }
}
