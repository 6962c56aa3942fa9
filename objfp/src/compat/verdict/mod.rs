// Deciding each change by the rules, one stage per file:
//
//   mod.rs         the walk: paths, the pairs remembered, the formats in force (`Ctx`)
//   shapes.rs      one pair of shapes: wrappers, sequences, maps, proxies, structs vs tuples
//   fields.rs      struct containers and their fields, by name and by position
//   enums.rs       enums and their variants
//   primitives.rs  the rule for a primitive replaced by another
//   attrs.rs       attributes: which changed, which names a field or variant accepts
//
//! Walking two descriptions side by side and deciding each change by the rules.
//!
//! The walk descends only where fingerprints differ, and remembers each pair of types it
//! has compared (with the formats in force), so recursive descriptions terminate and a
//! pair is explained once, at the first path that reaches it.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::Write;

use super::Verdict;
use super::format::{Format, FormatSet, families};
use super::names::{attr_text, name_token, push_name, type_name};
use super::report::{ChangeKind, Finding, Reason};
use super::rules::{self as r, Rule};
use crate::{
    Attrs, Description, EnumShape, Field, Fields, Fingerprint, Primitive, Shape, StructKind,
};

mod attrs;
mod enums;
mod fields;
mod primitives;
mod shapes;

pub(crate) use attrs::has;
pub(crate) use primitives::primitive_rule;

/// Identifies a type for the walk's memory: its fingerprint, or for a proxy's own
/// structure (which has no description of its own) the address of that shape.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Fp(Fingerprint),
    Own(usize),
}

/// A type being compared: its description (for names) and the shape compared.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    pub key: Key,
    pub desc: &'a Description,
    pub shape: &'a Shape,
}

pub(crate) fn node(d: &Description) -> Node<'_> {
    Node {
        key: Key::Fp(d.fingerprint),
        desc: d,
        shape: &d.shape,
    }
}

pub(crate) fn own<'a>(d: &'a Description, shape: &'a Shape) -> Node<'a> {
    Node {
        key: Key::Own(shape as *const Shape as usize),
        desc: d,
        shape,
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

struct Walker {
    out: Vec<Finding>,
    seen: BTreeSet<(Key, Key, Ctx)>,
    path: String,
    depth: usize,
}

/// How many wrappers (options, sequences, maps, ...) the walk goes through without
/// meeting a struct or enum: far beyond any real type, and a bound for hand-written
/// descriptions that loop through wrappers alone.
const MAX_DEPTH: usize = 64;

/// The findings for `old` -> `new`, paths starting with `root`.
pub(crate) fn walk(old: &Description, new: &Description, root: &str) -> Vec<Finding> {
    let mut w = Walker {
        out: Vec::new(),
        seen: BTreeSet::new(),
        path: String::from(root),
        depth: 0,
    };
    let ctx = Ctx {
        b: FormatSet::ALL,
        f: FormatSet::ALL,
        flatten: false,
    };
    w.cmp(node(old), node(new), ctx);
    w.out
}

impl Walker {
    fn finding(&mut self, change: ChangeKind) -> usize {
        self.out.push(Finding::new(self.path.clone(), change));
        self.out.len() - 1
    }

    fn reason(&mut self, at: usize, rule: &'static Rule, applies: Verdict) {
        self.out[at].add(Reason { rule, applies });
    }

    fn one(&mut self, change: ChangeKind, rule: &'static Rule, applies: Verdict) {
        let at = self.finding(change);
        self.reason(at, rule, applies);
    }

    fn enter(&mut self, seg: &str) -> usize {
        let len = self.path.len();
        self.path.push_str(seg);
        len
    }

    fn enter_field(&mut self, name: &str) -> usize {
        let len = self.path.len();
        self.path.push('.');
        push_name(&mut self.path, name);
        len
    }

    fn enter_index(&mut self, i: usize) -> usize {
        let len = self.path.len();
        let _ = write!(self.path, ".{i}");
        len
    }

    fn enter_variant(&mut self, name: &str) -> usize {
        let len = self.path.len();
        self.path.push_str("::");
        push_name(&mut self.path, name);
        len
    }

    fn leave(&mut self, len: usize) {
        self.path.truncate(len);
    }

    fn shape_changed(&mut self, a: Node<'_>, b: Node<'_>, rule: &'static Rule, ctx: Ctx) {
        self.one(
            ChangeKind::ShapeChanged {
                old: type_name(a.desc),
                new: type_name(b.desc),
            },
            rule,
            ctx.all(),
        );
    }

    fn cmp(&mut self, a: Node<'_>, b: Node<'_>, ctx: Ctx) {
        if let (Key::Fp(x), Key::Fp(y)) = (a.key, b.key)
            && x == y
        {
            return;
        }
        let composite = matches!(
            (a.shape, b.shape),
            (Shape::Struct(_) | Shape::Enum(_), _) | (_, Shape::Struct(_) | Shape::Enum(_))
        );
        if !composite && self.depth >= MAX_DEPTH {
            self.shape_changed(a, b, &r::SHAPE_CHANGED, ctx);
            return;
        }
        let depth = self.depth;
        self.depth = if composite { 0 } else { depth + 1 };
        self.compare(a, b, ctx);
        self.depth = depth;
    }
}
