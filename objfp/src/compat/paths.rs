//! Paths as a tree of segments that borrow the graph's names: a step costs no allocation,
//! and only a reported path is written out (in `diff`'s notation).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::diff::{is_bare, quoted};

/// A path in [`Paths`].
pub(crate) type PathId = usize;

/// One step of a path.
#[derive(Clone, Copy)]
pub(crate) enum Seg<'g> {
    /// The type's name, the root.
    Root(&'g str),
    /// Literal text: `?`, `[]`, `{key}`, `<human>`, `.0`, ...
    Text(&'static str),
    /// `.name`, quoted when not bare.
    Field(&'g str),
    /// `.3`.
    Index(usize),
    /// `::Name`, quoted when not bare.
    Variant(&'g str),
    /// `::3`: a variant by index (untagged enums have no names on the wire).
    VariantIndex(usize),
    /// `.(flatten)`, `.(flatten 2)`: the first, second, ... flattened field, whose own
    /// name serde never writes (as `diff` writes them).
    Flatten(usize),
}

impl Seg<'_> {
    fn write(self, out: &mut String) {
        let name = |out: &mut String, s: &str| {
            if is_bare(s) {
                out.push_str(s);
            } else {
                let _ = quoted(out, s);
            }
        };
        match self {
            Seg::Root(s) => out.push_str(s),
            Seg::Text(s) => out.push_str(s),
            Seg::Field(s) => {
                out.push('.');
                name(out, s);
            }
            Seg::Index(i) => {
                let _ = write!(out, ".{i}");
            }
            Seg::Variant(s) => {
                out.push_str("::");
                name(out, s);
            }
            Seg::VariantIndex(i) => {
                let _ = write!(out, "::{i}");
            }
            Seg::Flatten(n) if n > 1 => {
                let _ = write!(out, ".(flatten {n})");
            }
            Seg::Flatten(_) => out.push_str(".(flatten)"),
        }
    }

    /// The bytes [`Seg::write`] writes (for an index, at most).
    fn len(self) -> usize {
        match self {
            Seg::Root(s) | Seg::Text(s) => s.len(),
            Seg::Field(s) => 1 + name_len(s),
            Seg::Variant(s) => 2 + name_len(s),
            Seg::Index(_) => 21,
            Seg::VariantIndex(_) => 22,
            Seg::Flatten(_) => 31,
        }
    }
}

/// The length of a name as a path writes it: bare, or quoted as `quoted` quotes.
fn name_len(s: &str) -> usize {
    if is_bare(s) {
        return s.len();
    }
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\t' | '\r' => 2,
            c if c.is_control() => {
                4 + (32 - (c as u32).leading_zeros() as usize)
                    .div_ceil(4)
                    .max(1)
            }
            c => c.len_utf8(),
        })
        .sum::<usize>()
}

/// Every path a walk has reached, as a tree: each one is its parent and a segment.
#[derive(Default)]
pub(crate) struct Paths<'g> {
    /// Parent, segment, and an upper bound of the whole path's length in bytes.
    nodes: Vec<(Option<PathId>, Seg<'g>, usize)>,
}

impl<'g> Paths<'g> {
    pub(crate) fn root(&mut self, name: &'g str) -> PathId {
        self.nodes.push((None, Seg::Root(name), name.len()));
        self.nodes.len() - 1
    }

    pub(crate) fn child(&mut self, parent: PathId, seg: Seg<'g>) -> PathId {
        let len = self.nodes[parent].2 + seg.len();
        self.nodes.push((Some(parent), seg, len));
        self.nodes.len() - 1
    }

    /// An upper bound of the path's length in bytes, for report budgets.
    pub(crate) fn len(&self, path: PathId) -> usize {
        self.nodes[path].2
    }

    pub(crate) fn text(&self, path: PathId) -> String {
        let mut segments = Vec::new();
        let mut at = Some(path);
        while let Some(p) = at {
            segments.push(self.nodes[p].1);
            at = self.nodes[p].0;
        }
        let mut out = String::new();
        for s in segments.iter().rev() {
            s.write(&mut out);
        }
        out
    }
}
