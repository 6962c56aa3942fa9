//! The engine's work, counted in pairs of nodes compared: the budget assertions that the
//! diff is linear in the size of the graphs, without timing anything.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::walk::Engine;
use super::{Graph, Id, Node, NodeField, NodeShape, NodeStruct};
use crate::{Fingerprint, Primitive, StructKind};

/// Builds graphs by hand: structs with named fields and primitives.
#[derive(Default)]
struct Builder {
    graph: Graph<'static>,
    /// Give every node a fingerprint of its own, as descriptions do (`false`: none, as a
    /// parsed lockfile has).
    fingerprints: bool,
}

impl Builder {
    fn with_fingerprints() -> Self {
        Builder {
            fingerprints: true,
            ..Builder::default()
        }
    }

    fn node(&mut self, name: &str, shape: NodeShape) -> Id {
        let id = self.graph.nodes.len();
        let mut fp = [0u8; 32];
        fp[..8].copy_from_slice(&(id as u64 + 1).to_be_bytes());
        self.graph.push(Node {
            fp: self.fingerprints.then_some(Fingerprint::from_bytes(fp)),
            name: name.to_owned().into(),
            desc: None,
            shape,
        })
    }

    fn prim(&mut self, p: Primitive) -> Id {
        self.node(p.name(), NodeShape::Primitive(p))
    }

    /// A placeholder to fill with [`Builder::fill`], for cycles.
    fn reserve(&mut self, name: &str) -> Id {
        self.node(name, NodeShape::Tuple(Vec::new()))
    }

    fn fill(&mut self, id: Id, fields: &[(&str, Id)]) {
        self.graph.nodes[id].shape = NodeShape::Struct(NodeStruct {
            kind: StructKind::Named,
            attrs: Vec::new(),
            fields: fields
                .iter()
                .map(|(name, ty)| NodeField {
                    name: (*name).to_owned().into(),
                    attrs: Vec::new(),
                    ty: *ty,
                })
                .collect(),
        });
    }

    fn strukt(&mut self, name: &str, fields: &[(&str, Id)]) -> Id {
        let id = self.reserve(name);
        self.fill(id, fields);
        id
    }

    /// `Lk0 { a: Lk1, b: Lk1 }`, ..., `Lk{depth} { x: leaf }`: each level's type used by
    /// two fields, `a` named `first`.
    fn chain(&mut self, depth: usize, first: &str, leaf: Primitive) -> Id {
        let leaf = self.prim(leaf);
        let mut next = self.strukt(&format!("Lk{depth}"), &[("x", leaf)]);
        for level in (0..depth).rev() {
            next = self.strukt(&format!("Lk{level}"), &[(first, next), ("b", next)]);
        }
        next
    }
}

fn walk(old: &Builder, new: &Builder, a: Id, b: Id) -> (Vec<String>, usize) {
    let render_old = |id: Id| old.graph.nodes[id].name.to_string();
    let render_new = |id: Id| new.graph.nodes[id].name.to_string();
    let mut engine = Engine::new(&old.graph, &new.graph, &render_old, &render_new);
    let changes = engine.walk("T", a, b);
    (
        changes.iter().map(ToString::to_string).collect(),
        engine.work(),
    )
}

/// Audit finding 11.3 at the engine: a lockfile side (no fingerprints) against a
/// description side, a rename at every level and a change at the bottom. The old engine
/// compared 2^depth pairs; now each pair is compared at most twice (once by the walk,
/// once by the rename check), so the count is bounded by the size of the graphs.
#[test]
fn diff_compare_is_linear_in_graph_size() {
    for depth in [8, 30, 200] {
        let mut old = Builder::default();
        let a = old.chain(depth, "a", Primitive::U32);
        let mut new = Builder::with_fingerprints();
        let b = new.chain(depth, "a2", Primitive::U64);
        let (lines, work) = walk(&old, &new, a, b);
        assert_eq!(lines.len(), 2 * depth + 1, "{lines:?}");
        assert!(lines[0].starts_with("T.a: field removed"), "{lines:?}");
        assert!(
            lines[2 * depth].ends_with(".x: type changed u32 -> u64"),
            "{lines:?}"
        );
        let nodes = old.graph.nodes.len() + new.graph.nodes.len();
        assert!(
            work <= 2 * nodes,
            "depth {depth}: {work} pairs for {nodes} nodes"
        );
    }
}

/// The rename check's answer when the subtrees are equal all the way down: found once,
/// reused for every question after.
#[test]
fn diff_equal_subtrees_are_compared_once() {
    let depth = 200;
    let mut old = Builder::default();
    let shared = old.chain(depth, "a", Primitive::U32);
    let a = old.strukt("Root", &[("left", shared), ("right", shared)]);
    let mut new = Builder::default();
    let shared2 = new.chain(depth, "a", Primitive::U32);
    let b = new.strukt("Root", &[("l", shared2), ("r", shared2)]);
    let (lines, work) = walk(&old, &new, a, b);
    assert_eq!(
        lines,
        ["T: field renamed left -> l", "T: field renamed right -> r"]
    );
    let nodes = old.graph.nodes.len() + new.graph.nodes.len();
    assert!(work <= nodes, "{work} pairs for {nodes} nodes");
}

/// Equality over cycles assumes a pair met again on the way down; a pair that was equal
/// only on an assumption that then fails must not be remembered as equal.
#[test]
fn diff_equality_over_cycles_forgets_failed_assumptions() {
    // P { c1: C1, c2: C2, c3: C3 }, C1 { d: D, p: P }, D { c1: C1 }, C2 { x: u8 },
    // C3 { x: u8 } against the same with C3 { x: u16 }: P is not equal, so neither are
    // C1 and D (both lead back to P), though the search saw D complete first.
    let build = |leaf: Primitive| {
        let mut g = Builder::default();
        let p = g.reserve("P");
        let c1 = g.reserve("C1");
        let d = g.strukt("D", &[("c1", c1)]);
        g.fill(c1, &[("d", d), ("p", p)]);
        let u8_ = g.prim(Primitive::U8);
        let c2 = g.strukt("C2", &[("x", u8_)]);
        let leaf = g.prim(leaf);
        let c3 = g.strukt("C3", &[("x", leaf)]);
        g.fill(p, &[("c1", c1), ("c2", c2), ("c3", c3)]);
        (g, p, d, c2)
    };
    let (old, p, d, c2) = build(Primitive::U8);
    let (new, q, e, c2_new) = build(Primitive::U16);
    let render = |id: Id| format!("{id}");
    let mut engine = Engine::new(&old.graph, &new.graph, &render, &render);
    assert!(!engine.same_for_tests(p, q));
    assert!(!engine.same_for_tests(d, e));
    assert!(engine.same_for_tests(c2, c2_new));
    // And with equal leaves, the cycle is equal.
    let (new, q, e, _) = build(Primitive::U8);
    let mut engine = Engine::new(&old.graph, &new.graph, &render, &render);
    assert!(engine.same_for_tests(d, e));
    assert!(engine.same_for_tests(p, q));
}

/// A stored chain of declarations far deeper than any stack: the walk keeps its own, and
/// the report stops at its budget (the paths of a chain 50 000 deep add up to gigabytes).
#[test]
fn diff_walk_bounds_depth_and_report() {
    let depth = 50_000;
    // As in a parsed lockfile, every `u32` written is a node of its own.
    let mut old = Builder::default();
    let u32_ = old.prim(Primitive::U32);
    let mut next = old.strukt("End", &[("v", u32_)]);
    for level in (0..depth).rev() {
        let u32_ = old.prim(Primitive::U32);
        next = old.strukt(&format!("L{level}"), &[("n", next), ("v", u32_)]);
    }
    // R { n: R, v: u64 }: the same pair never comes back, so the walk goes all the way.
    let mut new = Builder::with_fingerprints();
    let r = new.reserve("R");
    let u64_ = new.prim(Primitive::U64);
    new.fill(r, &[("n", r), ("v", u64_)]);
    let (lines, work) = walk(&old, &new, next, r);
    assert!(work <= 2 * depth + 10, "{work}");
    // Each line's path is `T.n.n.n...`, up to 100 000 bytes: the report stops at its
    // budget after a few, and says so.
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("T: more changes not shown"),
        "{}",
        &last[..80.min(last.len())]
    );
    assert!(lines.len() < 100, "{}", lines.len());
    let bytes: usize = lines.iter().map(String::len).sum();
    assert!(bytes <= super::walk::MAX_REPORT_BYTES + 1000, "{bytes}");
}
