//! Structural equality of two nodes, for the walk's rename checks ("is the field that
//! vanished the same type as the one that appeared?"): would walking the pair report no
//! change? Decided once per pair and remembered, across all the questions of one diff.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::StructKind;

use super::graph::{Graph, Id, NodeField, NodeShape};
use super::walk::{Budget, attr_changes};

/// The pairs decided so far.
#[derive(Default)]
pub(crate) struct Equality {
    memo: BTreeMap<(Id, Id), bool>,
}

impl Equality {
    /// Whether walking `a` against `b` would report no change. Decided once per pair.
    ///
    /// Equality of graphs with cycles is the largest relation that holds locally and for
    /// every pair of children (a pair met again on the way down is assumed equal). A
    /// depth-first search decides it and remembers every pair it passes: when a pair fails,
    /// every pair on the search stack fails too (each needs its child to be equal), and so
    /// does every pair that was only equal on the assumption that one of those was; when
    /// the pair that a group of assumptions leads back to holds, the whole group holds. So
    /// no pair is searched twice, across all the questions one diff asks.
    pub(crate) fn same(
        &mut self,
        old: &Graph<'_>,
        new: &Graph<'_>,
        a: Id,
        b: Id,
        budget: &mut Budget,
    ) -> bool {
        if let Some(known) = self.known(old, new, a, b) {
            return known;
        }
        struct Frame {
            pair: (Id, Id),
            children: Vec<(Id, Id)>,
            next: usize,
            /// The lowest stack index this pair's equality assumes.
            low: usize,
            /// How many pending pairs there were when this one was pushed: those after it
            /// rest on this pair or on one below it.
            mark: usize,
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut on_stack: BTreeMap<(Id, Id), usize> = BTreeMap::new();
        // Pairs found equal on an assumption still open.
        let mut pending: Vec<(Id, Id)> = Vec::new();
        let mut next = Some((a, b));
        let result = loop {
            if let Some(pair) = next.take() {
                if !budget.spend() {
                    // Out of budget: undecided, so not remembered.
                    return false;
                }
                match local(old, new, pair.0, pair.1) {
                    None => {
                        self.memo.insert(pair, false);
                        break false;
                    }
                    Some(children) => {
                        on_stack.insert(pair, stack.len());
                        stack.push(Frame {
                            pair,
                            children,
                            next: 0,
                            low: stack.len(),
                            mark: pending.len(),
                        });
                    }
                }
            }
            let Some(top) = stack.last_mut() else {
                break true;
            };
            if let Some(&child) = top.children.get(top.next) {
                top.next += 1;
                match self.known(old, new, child.0, child.1) {
                    Some(true) => {}
                    Some(false) => break false,
                    None => match on_stack.get(&child) {
                        Some(&at) => top.low = top.low.min(at),
                        None => next = Some(child),
                    },
                }
                continue;
            }
            // Every child holds: so does this pair, unless it rests on an open assumption.
            let Some(done) = stack.pop() else {
                break true;
            };
            on_stack.remove(&done.pair);
            let at = stack.len();
            if done.low >= at {
                // The assumptions made below this pair all lead back to it or above it, and
                // it holds: they hold.
                self.memo.insert(done.pair, true);
                for pair in pending.drain(done.mark..) {
                    self.memo.insert(pair, true);
                }
            } else {
                pending.push(done.pair);
                if let Some(parent) = stack.last_mut() {
                    parent.low = parent.low.min(done.low);
                }
            }
        };
        if !result {
            for frame in &stack {
                self.memo.insert(frame.pair, false);
            }
            for pair in pending {
                self.memo.insert(pair, false);
            }
        }
        result
    }

    /// Equality already known: by fingerprint when both sides have one, or decided before.
    fn known(&self, old: &Graph<'_>, new: &Graph<'_>, a: Id, b: Id) -> Option<bool> {
        if let (Some(f), Some(g)) = (old.nodes[a].fp, new.nodes[b].fp) {
            return Some(f == g);
        }
        self.memo.get(&(a, b)).copied()
    }
}

/// The pairs of field types to compare when two field lists are otherwise the same, or
/// `None` when the walk would report a change in the lists themselves. Positional fields
/// pair by index, named ones by name: either way, no change means the same names in the
/// same order, and the same attributes.
fn aligned_fields(kind: StructKind, old: &[NodeField], new: &[NodeField]) -> Option<Vec<(Id, Id)>> {
    let aligned = old.len() == new.len()
        && (kind != StructKind::Named || old.iter().zip(new).all(|(f, g)| f.name == g.name))
        && old
            .iter()
            .zip(new)
            .all(|(f, g)| attr_changes(&f.attrs, &g.attrs).is_empty());
    aligned.then(|| old.iter().zip(new).map(|(f, g)| (f.ty, g.ty)).collect())
}

/// The pairs of children that must be equal for `a` and `b` to be, or `None` when the
/// walk would report a change at this pair itself. Mirrors `Engine::pair` in `walk.rs`.
fn local(old: &Graph<'_>, new: &Graph<'_>, a: Id, b: Id) -> Option<Vec<(Id, Id)>> {
    let mut out = Vec::new();
    let ok = match (&old.nodes[a].shape, &new.nodes[b].shape) {
        (NodeShape::Primitive(p), NodeShape::Primitive(q)) => p == q,
        (NodeShape::Option(p), NodeShape::Option(q)) | (NodeShape::Seq(p), NodeShape::Seq(q)) => {
            out.push((*p, *q));
            true
        }
        (NodeShape::Map(k1, v1), NodeShape::Map(k2, v2)) => {
            out.extend([(*k1, *k2), (*v1, *v2)]);
            true
        }
        (NodeShape::Array(n, p), NodeShape::Array(m, q)) => {
            out.push((*p, *q));
            n == m
        }
        (NodeShape::Tuple(ps), NodeShape::Tuple(qs)) => {
            out.extend(ps.iter().copied().zip(qs.iter().copied()));
            ps.len() == qs.len()
        }
        (NodeShape::Struct(s), NodeShape::Struct(t)) => {
            match aligned_fields(s.kind, &s.fields, &t.fields) {
                Some(pairs) if s.kind == t.kind => {
                    out.extend(pairs);
                    attr_changes(&s.attrs, &t.attrs).is_empty()
                }
                _ => false,
            }
        }
        (NodeShape::Enum(s), NodeShape::Enum(t)) => {
            let mut ok = s.repr == t.repr
                && attr_changes(&s.attrs, &t.attrs).is_empty()
                && s.variants.len() == t.variants.len();
            for (v, w) in s.variants.iter().zip(&t.variants) {
                if !ok {
                    break;
                }
                ok = v.name == w.name
                    && v.kind == w.kind
                    && v.discriminant == w.discriminant
                    && attr_changes(&v.attrs, &w.attrs).is_empty();
                match aligned_fields(v.kind, &v.fields, &w.fields) {
                    Some(pairs) => out.extend(pairs),
                    None => ok = false,
                }
            }
            ok
        }
        (NodeShape::Opaque(p), NodeShape::Opaque(q)) => p == q,
        (NodeShape::Named(p, x), NodeShape::Named(q, y)) => {
            out.push((*x, *y));
            p == q
        }
        (
            NodeShape::Readable { human, compact },
            NodeShape::Readable {
                human: human2,
                compact: compact2,
            },
        ) => {
            out.extend([(*human, *human2), (*compact, *compact2)]);
            true
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
            out.extend([
                (s1.unwrap_or(*o1), s2.unwrap_or(*o2)),
                (d1.unwrap_or(*o1), d2.unwrap_or(*o2)),
            ]);
            true
        }
        _ => false,
    };
    ok.then_some(out)
}
