//! Stage 3: the reference graph between the derived types, and its strongly connected
//! components.
//!
//! A mention resolves by name, the way the derive sees members (SPEC.md §8: any path
//! whose last segment is a member's name), narrowed only where Rust's scoping is certain:
//! a name written bare (or `self::Name`) that the enclosing block or module defines means
//! that definition; otherwise it means every type of that name defined at module level in
//! any file read. Aliases and renaming imports are followed to the names they mention.

use std::borrow::ToOwned;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::string::String;
use std::vec;
use std::vec::Vec;

use super::collect::{DefKind, FileModel, Ref};

/// A derived type: file index and definition index in that file.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct NodeRef {
    pub file: usize,
    pub def: usize,
}

/// A component of two or more derived types that reach each other.
pub struct Component {
    /// Sorted in node order.
    pub members: Vec<NodeRef>,
    /// Mentions of a member by another member through an alias or a renaming import
    /// (from, to, the name written), which the derive cannot see through.
    pub hidden: Vec<(NodeRef, NodeRef, String)>,
}

/// The components, in the order Tarjan's algorithm closes them (deterministic: nodes and
/// edges are visited in file order, then source order).
pub fn components(files: &[(PathBuf, FileModel)]) -> Vec<Component> {
    let graph = Graph::new(files);
    let edges: Vec<Edges> = (0..graph.nodes.len()).map(|n| graph.edges(n)).collect();
    let targets: Vec<BTreeSet<usize>> = edges.iter().map(|e| e.targets.clone()).collect();
    tarjan(&targets)
        .into_iter()
        .filter(|c| c.len() >= 2)
        .map(|mut c| {
            c.sort_unstable();
            let mut hidden = Vec::new();
            for &from in &c {
                for (to, name) in &edges[from].hidden {
                    if c.binary_search(to).is_ok() {
                        hidden.push((graph.nodes[from], graph.nodes[*to], name.clone()));
                    }
                }
            }
            Component {
                members: c.into_iter().map(|n| graph.nodes[n]).collect(),
                hidden,
            }
        })
        .collect()
}

/// What one derived type mentions.
struct Edges {
    /// The other derived types, directly or through aliases.
    targets: BTreeSet<usize>,
    /// The derived types (itself included) reached through an alias, with the alias's
    /// name as written in the field.
    hidden: BTreeSet<(usize, String)>,
}

struct Graph<'a> {
    files: &'a [(PathBuf, FileModel)],
    /// The derived types, in file order then source order.
    nodes: Vec<NodeRef>,
    node_of: HashMap<NodeRef, usize>,
    /// (file, scope, name) -> the definitions of that name in that scope.
    local: HashMap<(usize, usize, String), Vec<NodeRef>>,
    /// name -> its definitions outside blocks, in every file.
    global: HashMap<&'a str, Vec<NodeRef>>,
}

impl<'a> Graph<'a> {
    fn new(files: &'a [(PathBuf, FileModel)]) -> Self {
        let mut g = Graph {
            files,
            nodes: Vec::new(),
            node_of: HashMap::new(),
            local: HashMap::new(),
            global: HashMap::new(),
        };
        for (file, (_, model)) in files.iter().enumerate() {
            for (def, d) in model.defs.iter().enumerate() {
                let at = NodeRef { file, def };
                if let DefKind::Derived(_) = d.kind {
                    g.node_of.insert(at, g.nodes.len());
                    g.nodes.push(at);
                }
                g.local
                    .entry((file, d.scope, d.name.clone()))
                    .or_default()
                    .push(at);
                if !model.scopes[d.scope].block {
                    g.global.entry(d.name.as_str()).or_default().push(at);
                }
            }
        }
        g
    }

    /// The definitions a mention from `scope` of `file` may mean.
    fn resolve(&self, file: usize, scope: usize, r: &Ref) -> &[NodeRef] {
        if r.local {
            let scopes = &self.files[file].1.scopes;
            let mut at = Some(scope);
            while let Some(s) = at {
                if let Some(defs) = self.local.get(&(file, s, r.name.clone())) {
                    return defs;
                }
                if !scopes[s].block {
                    break;
                }
                at = scopes[s].parent;
            }
        }
        self.global.get(r.name.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The derived types node `n` mentions, through aliases, itself left out.
    fn edges(&self, n: usize) -> Edges {
        let at = self.nodes[n];
        let def = &self.files[at.file].1.defs[at.def];
        let mut out = Edges {
            targets: BTreeSet::new(),
            hidden: BTreeSet::new(),
        };
        let DefKind::Derived(derived) = &def.kind else {
            return out;
        };
        let mut seen_alias: BTreeSet<(NodeRef, Option<&str>)> = BTreeSet::new();
        // (file, scope, mention, the alias it was reached through)
        let mut todo: Vec<(usize, usize, &Ref, Option<&str>)> = derived
            .refs
            .iter()
            .rev()
            .map(|r| (at.file, def.scope, r, None))
            .collect();
        while let Some((file, scope, r, via)) = todo.pop() {
            for &target in self.resolve(file, scope, r) {
                let t = &self.files[target.file].1.defs[target.def];
                match &t.kind {
                    DefKind::Derived(_) => {
                        if let Some(&m) = self.node_of.get(&target) {
                            if m != n {
                                out.targets.insert(m);
                            }
                            if let Some(name) = via {
                                out.hidden.insert((m, name.to_owned()));
                            }
                        }
                    }
                    DefKind::Alias(refs) => {
                        // The name the field wrote: the outermost alias.
                        let via = via.or(Some(t.name.as_str()));
                        // An alias loop (`type A = B; type B = A;`) is rustc's to report.
                        if seen_alias.insert((target, via)) {
                            todo.extend(refs.iter().rev().map(|r| (target.file, t.scope, r, via)));
                        }
                    }
                    DefKind::Other => {}
                }
            }
        }
        out
    }
}

/// Tarjan's strongly connected components, without recursion; roots and successors in
/// index order.
fn tarjan(edges: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, std::collections::btree_set::Iter<'_, usize>)> = Vec::new();
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        work.push((root, edges[root].iter()));
        while let Some((v, succ)) = work.last_mut() {
            let v = *v;
            if let Some(&w) = succ.next() {
                if index[w] == UNSEEN {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, edges[w].iter()));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(comp);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[usize]) -> BTreeSet<usize> {
        v.iter().copied().collect()
    }

    #[test]
    fn tarjan_finds_components() {
        // 0 <-> 1, 2 -> 0, 3 <-> 4 <-> 5, 5 -> 5, 6 alone.
        let edges = vec![
            set(&[1]),
            set(&[0]),
            set(&[0]),
            set(&[4]),
            set(&[5]),
            set(&[3, 5]),
            set(&[]),
        ];
        let mut comps: Vec<Vec<usize>> = tarjan(&edges)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        comps.sort();
        assert_eq!(comps, vec![vec![0, 1], vec![2], vec![3, 4, 5], vec![6]]);
    }

    #[test]
    fn tarjan_is_iterative() {
        // A chain of 200,000 nodes closed into one loop.
        let n = 200_000;
        let edges: Vec<BTreeSet<usize>> = (0..n).map(|i| set(&[(i + 1) % n])).collect();
        let comps = tarjan(&edges);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].len(), n);
    }
}
