//! What a format cannot carry at all: `flatten` fields, internally, adjacently and
//! un-tagged enums, tagged structs. Walks each whole type once (by fingerprint).

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::Verdict;
use super::format::{FormatSet, families};
use super::names::push_name;
use super::report::{ChangeKind, Finding, Reason};
use super::rules::{self as r, Rule};
use super::verdict::{Key, Node, has, node, own};
use crate::{Description, Shape};

struct Carry {
    seen: BTreeSet<(Key, FormatSet)>,
    path: String,
    out: Vec<Finding>,
}

/// Findings for both types; the same feature at the same path is reported once.
pub(crate) fn walk(
    old: &Description,
    new: &Description,
    old_root: &str,
    new_root: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for (d, root) in [(old, old_root), (new, new_root)] {
        let mut c = Carry {
            seen: BTreeSet::new(),
            path: String::from(root),
            out: Vec::new(),
        };
        c.visit(node(d), FormatSet::ALL);
        for f in c.out {
            if !out.iter().any(|g| g.path == f.path && g.change == f.change) {
                out.push(f);
            }
        }
    }
    out
}

impl Carry {
    fn report(&mut self, what: &'static str, rule: &'static Rule, mask: FormatSet) {
        let mut f = Finding::new(self.path.clone(), ChangeKind::Unsupported { what });
        f.add(Reason {
            rule,
            applies: Verdict {
                backward: mask,
                forward: mask,
            },
        });
        if !f.unsupported().is_empty() {
            self.out.push(f);
        }
    }

    fn sub(&mut self, seg: &str, d: &Description, mask: FormatSet) {
        let len = self.path.len();
        self.path.push_str(seg);
        self.visit(node(d), mask);
        self.path.truncate(len);
    }

    fn fields(&mut self, fields: crate::Fields, named: bool, mask: FormatSet) {
        for (i, f) in fields.iter().enumerate() {
            let len = self.path.len();
            if named {
                self.path.push('.');
                push_name(&mut self.path, f.name);
            } else {
                let _ = write!(self.path, ".{i}");
            }
            if has(f.attrs, "flatten") {
                self.report("flatten field", &r::UNSUPPORTED_FLATTEN, mask);
            }
            self.visit(node((f.ty)()), mask);
            self.path.truncate(len);
        }
    }

    fn visit(&mut self, n: Node<'_>, mask: FormatSet) {
        if mask.is_empty() || !self.seen.insert((n.key, mask)) {
            return;
        }
        match n.shape {
            Shape::Primitive(_) | Shape::Opaque(_) => {}
            Shape::Option(t) => self.sub("?", t(), mask),
            Shape::Seq(t) | Shape::Array { item: t, .. } => self.sub("[]", t(), mask),
            Shape::Map { key, value } => {
                self.sub("{key}", key(), mask);
                self.sub("{value}", value(), mask);
            }
            Shape::Tuple(items) => {
                for (i, t) in items.iter().enumerate() {
                    self.sub(&alloc::format!(".{i}"), t(), mask);
                }
            }
            Shape::Named { inner, .. } => self.visit(node(inner()), mask),
            Shape::Readable { human, compact } => {
                self.sub("<human>", human(), mask.intersection(families::HUMAN));
                self.sub("<compact>", compact(), mask.difference(families::HUMAN));
            }
            Shape::Proxy {
                serialize,
                deserialize,
                own: o,
            } => {
                for t in [serialize, deserialize].into_iter().flatten() {
                    self.visit(node(t()), mask);
                }
                self.visit(own(n.desc, o), mask);
            }
            Shape::Struct(s) => {
                if has(s.attrs, "tag") {
                    self.report("struct with `tag`", &r::UNSUPPORTED_STRUCT_TAG, mask);
                }
                self.fields(s.fields, s.kind == crate::StructKind::Named, mask);
            }
            Shape::Enum(e) => {
                if has(e.attrs, "untagged") {
                    self.report("untagged enum", &r::UNSUPPORTED_UNTAGGED, mask);
                } else if has(e.attrs, "tag") && has(e.attrs, "content") {
                    self.report("adjacently tagged enum", &r::UNSUPPORTED_ADJACENT_TAG, mask);
                } else if has(e.attrs, "tag") {
                    self.report("internally tagged enum", &r::UNSUPPORTED_INTERNAL_TAG, mask);
                }
                for v in e.variants {
                    let len = self.path.len();
                    self.path.push_str("::");
                    push_name(&mut self.path, v.name);
                    if has(v.attrs, "untagged") {
                        self.report("untagged variant", &r::UNSUPPORTED_UNTAGGED, mask);
                    }
                    self.fields(v.fields, v.kind == crate::StructKind::Named, mask);
                    self.path.truncate(len);
                }
            }
        }
    }
}
