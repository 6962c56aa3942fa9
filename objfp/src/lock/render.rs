//! Writing: a lockfile's text from the listed types' descriptions.

use std::borrow::ToOwned;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::format;
use std::string::String;
use std::vec::Vec;

use crate::diff::{Attrs, Graph, Id, NodeField, NodeShape, attr_text, is_bare, name_token, quoted};
use crate::{Fingerprint, StructKind};

use super::parse::MAX_BYTES;
use super::token::{PRIMITIVES, RESERVED};
use super::{Entry, LockError, VERSION, validate};

pub(super) const HEADER: &str = "# objfp lockfile: the serialized shape and fingerprint of each listed wire type.\n\
# Checked by objfp::lock::check; regenerate with OBJFP_UPDATE=1 cargo test.\n";

/// The lockfile text for `entries`: what [`Mode::Update`](super::Mode::Update) writes.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Point { x: i32, y: i32 }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Point]).unwrap();
/// assert!(text.contains("version = 1\n\n[Point]\nfingerprint = 7918b15fe2957c35"));
/// assert!(text.ends_with("struct Point {\n    x: i32,\n    y: i32,\n}\n"));
/// ```
pub fn render(entries: &[Entry]) -> Result<String, LockError> {
    validate(entries)?;
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let mut out = String::from(HEADER);
    out.push_str(&format!("version = {VERSION}\n"));
    for e in sorted {
        out.push('\n');
        let (graph, root) = Graph::from_description(e.description);
        write_section(&mut out, e.name(), e.fingerprint(), &graph, root);
        if out.len() > MAX_BYTES {
            return Err(LockError::TooLarge {
                bytes: out.len(),
                limit: MAX_BYTES,
            });
        }
    }
    Ok(out)
}

/// Type expressions deeper than this are cut off (only a hand-written description whose
/// sequence contains itself could get there).
const MAX_EXPR_DEPTH: usize = 64;

/// Declared kinds have a name and a declaration of their own in a lockfile; the others
/// are written as type expressions.
pub(super) fn is_declared(shape: &NodeShape) -> bool {
    matches!(
        shape,
        NodeShape::Struct(_)
            | NodeShape::Enum(_)
            | NodeShape::Opaque(_)
            | NodeShape::Named(..)
            | NodeShape::Readable { .. }
            | NodeShape::Proxy { .. }
    )
}

/// The nodes a node references, in the order its rendering mentions them.
pub(super) fn children(shape: &NodeShape) -> Vec<Id> {
    match shape {
        NodeShape::Primitive(_) | NodeShape::Opaque(_) => Vec::new(),
        NodeShape::Option(x)
        | NodeShape::Seq(x)
        | NodeShape::Array(_, x)
        | NodeShape::Named(_, x) => [*x].into(),
        NodeShape::Map(k, v) => [*k, *v].into(),
        NodeShape::Tuple(xs) => xs.clone(),
        NodeShape::Struct(s) => s.fields.iter().map(|f| f.ty).collect(),
        NodeShape::Enum(e) => e
            .variants
            .iter()
            .flat_map(|v| v.fields.iter().map(|f| f.ty))
            .collect(),
        NodeShape::Readable { human, compact } => [*human, *compact].into(),
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => serialize
            .iter()
            .chain(deserialize)
            .copied()
            .chain([*own])
            .collect(),
    }
}

/// The declared nodes reachable from `root` in the order they are written (breadth first,
/// in order of first mention), and a unique label for each.
pub(super) fn layout(graph: &Graph<'_>, root: Id) -> (Vec<Id>, BTreeMap<Id, String>) {
    fn mentions(graph: &Graph<'_>, id: Id, depth: usize, out: &mut Vec<Id>) {
        if is_declared(&graph.nodes[id].shape) {
            out.push(id);
        } else if depth < MAX_EXPR_DEPTH {
            for child in children(&graph.nodes[id].shape) {
                mentions(graph, child, depth + 1, out);
            }
        }
    }
    let mut order = Vec::new();
    let mut queued = BTreeSet::new();
    let mut queue = VecDeque::new();
    let mut first = Vec::new();
    mentions(graph, root, 0, &mut first);
    for id in first {
        if queued.insert(id) {
            queue.push_back(id);
        }
    }
    while let Some(id) = queue.pop_front() {
        order.push(id);
        let mut next = Vec::new();
        for child in children(&graph.nodes[id].shape) {
            mentions(graph, child, 0, &mut next);
        }
        for child in next {
            if queued.insert(child) {
                queue.push_back(child);
            }
        }
    }
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    taken.extend(PRIMITIVES.iter().map(|p| p.name().to_owned()));
    let mut labels = BTreeMap::new();
    for &id in &order {
        let base = match graph.nodes[id].name.as_str() {
            "" => "_",
            name => name,
        };
        let mut label = base.to_owned();
        let mut k = 2;
        while taken.contains(&label) {
            label = format!("{base}#{k}");
            k += 1;
        }
        taken.insert(label.clone());
        labels.insert(id, label);
    }
    (order, labels)
}

/// A label as a token: bare when it is an identifier with an optional `#n` suffix.
pub(super) fn label_token(label: &str) -> String {
    let bare = match label.rsplit_once('#') {
        Some((base, n)) => is_bare(base) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        None => is_bare(label),
    };
    if bare {
        label.to_owned()
    } else {
        let mut out = String::new();
        let _ = quoted(&mut out, label);
        out
    }
}

/// A node as a type expression in the lockfile's notation.
pub(super) fn expr(
    graph: &Graph<'_>,
    labels: &BTreeMap<Id, String>,
    id: Id,
    depth: usize,
) -> String {
    if let Some(label) = labels.get(&id) {
        return label_token(label);
    }
    if depth > MAX_EXPR_DEPTH {
        return "…".to_owned();
    }
    let sub = |id: Id| expr(graph, labels, id, depth + 1);
    match &graph.nodes[id].shape {
        NodeShape::Primitive(p) => p.name().to_owned(),
        NodeShape::Option(x) => format!("Option<{}>", sub(*x)),
        NodeShape::Seq(x) => format!("[{}]", sub(*x)),
        NodeShape::Map(k, v) => format!("Map<{}, {}>", sub(*k), sub(*v)),
        NodeShape::Array(n, x) => format!("[{}; {n}]", sub(*x)),
        NodeShape::Tuple(xs) => {
            let items: Vec<String> = xs.iter().map(|x| sub(*x)).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        // Declared nodes always have a label; this is only reached for a node outside
        // the section's layout.
        _ => label_token(&graph.nodes[id].name),
    }
}

fn write_section(out: &mut String, name: &str, fp: Fingerprint, graph: &Graph<'_>, root: Id) {
    let (order, labels) = layout(graph, root);
    out.push_str(&format!("[{name}]\nfingerprint = {fp}\n"));
    if !is_declared(&graph.nodes[root].shape) {
        out.push_str(&format!("type = {}\n", expr(graph, &labels, root, 0)));
    }
    for (i, &id) in order.iter().enumerate() {
        if i > 0 || !is_declared(&graph.nodes[root].shape) {
            out.push('\n');
        }
        write_decl(out, graph, &labels, id);
    }
}

fn attr_line(out: &mut String, indent: &str, attrs: &Attrs) {
    if attrs.is_empty() {
        return;
    }
    let items: Vec<String> = attrs.iter().map(|(k, v)| attr_text(k, v)).collect();
    out.push_str(&format!("{indent}#[serde({})]\n", items.join(", ")));
}

/// Writes a struct's or variant's fields and then `after`. A newtype's one field is
/// written `(T)`, a tuple's fields `(A, B)`, and a tuple of one field `(T,)`, as in
/// tuple types; fields with attributes go one per line.
fn write_fields(
    out: &mut String,
    indent: &str,
    kind: StructKind,
    fields: &[NodeField],
    ty: &dyn Fn(Id) -> String,
    after: &str,
) {
    let inline = fields.iter().all(|f| f.attrs.is_empty());
    match kind {
        StructKind::Unit => out.push_str(after),
        StructKind::Named if fields.is_empty() => out.push_str(&format!(" {{}}{after}")),
        StructKind::Newtype | StructKind::Tuple if inline => {
            let items: Vec<String> = fields.iter().map(|f| ty(f.ty)).collect();
            let comma = if kind == StructKind::Tuple && items.len() == 1 {
                ","
            } else {
                ""
            };
            out.push_str(&format!("({}{comma}){after}", items.join(", ")));
        }
        StructKind::Newtype | StructKind::Tuple | StructKind::Named => {
            let (open, close) = if kind == StructKind::Named {
                (" {", "}")
            } else {
                ("(", ")")
            };
            out.push_str(open);
            out.push('\n');
            let inner = format!("{indent}    ");
            // A newtype's field has no comma after it: `(T)`, not the tuple `(T,)`.
            let comma = if kind == StructKind::Newtype { "" } else { "," };
            for f in fields {
                attr_line(out, &inner, &f.attrs);
                if kind == StructKind::Named {
                    out.push_str(&format!("{inner}{}: {},\n", name_token(&f.name), ty(f.ty)));
                } else {
                    out.push_str(&format!("{inner}{}{comma}\n", ty(f.ty)));
                }
            }
            out.push_str(&format!("{indent}{close}{after}"));
        }
    }
}

fn write_decl(out: &mut String, graph: &Graph<'_>, labels: &BTreeMap<Id, String>, id: Id) {
    let label = label_token(&labels[&id]);
    let ty = |t: Id| expr(graph, labels, t, 0);
    match &graph.nodes[id].shape {
        NodeShape::Struct(s) => {
            attr_line(out, "", &s.attrs);
            out.push_str(&format!("struct {label}"));
            let after = if s.kind == StructKind::Named {
                "\n"
            } else {
                ";\n"
            };
            write_fields(out, "", s.kind, &s.fields, &ty, after);
        }
        NodeShape::Enum(e) => {
            if !e.repr.is_empty() {
                out.push_str(&format!("#[repr({})]\n", e.repr));
            }
            attr_line(out, "", &e.attrs);
            out.push_str(&format!("enum {label} {{\n"));
            for v in &e.variants {
                attr_line(out, "    ", &v.attrs);
                out.push_str(&format!("    {}", name_token(&v.name)));
                let after = match v.discriminant {
                    Some(d) => format!(" = {d},\n"),
                    None => ",\n".to_owned(),
                };
                write_fields(out, "    ", v.kind, &v.fields, &ty, &after);
            }
            out.push_str("}\n");
        }
        NodeShape::Opaque(name) => {
            let mut value = String::new();
            let _ = quoted(&mut value, name);
            out.push_str(&format!("opaque {label} = {value}\n"));
        }
        NodeShape::Named(name, inner) => {
            let mut value = String::new();
            let _ = quoted(&mut value, name);
            out.push_str(&format!("named {label} = {value} {}\n", ty(*inner)));
        }
        NodeShape::Readable { human, compact } => {
            out.push_str(&format!(
                "readable {label} {{\n    human: {},\n    compact: {},\n}}\n",
                ty(*human),
                ty(*compact)
            ));
        }
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => {
            let side = |s: &Option<Id>| s.map_or_else(|| "own".to_owned(), ty);
            out.push_str(&format!(
                "proxy {label} {{\n    serialize: {},\n    deserialize: {},\n    own: {},\n}}\n",
                side(serialize),
                side(deserialize),
                ty(*own)
            ));
        }
        // Not declared kinds: never in the layout.
        _ => {}
    }
}
