//! Writing: a lockfile's text from the listed types' descriptions, and from a parsed
//! lockfile (`Display for Lockfile`).
//!
//! Everything written here reads back (`parse.rs`) as the same shape graph. Declared
//! kinds (structs, enums, opaque, named, readable and proxy shapes) are written once each,
//! by label; the anonymous ones (options, sequences, maps, arrays, tuples) inline, as type
//! expressions, except where an expression would not be finite or readable. Then the
//! anonymous node is declared too, `type Label = [..]`, and used by label ([`plan`]):
//!
//! - on a cycle of anonymous nodes (`#[serde(transparent)] struct Tree(Vec<Tree>)` is a
//!   sequence of itself), the node where the cycle closes;
//! - where an expression would nest deeper than the reader allows ([`MAX_NESTING`]);
//! - where an expression would be longer than [`MAX_INLINE`] parts: descriptions share
//!   parts, so `type A = (B, B); type B = (C, C); ..` is exponentially long written out.

use std::borrow::ToOwned;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::{self, Write as _};
use std::format;
use std::string::String;
use std::vec;
use std::vec::Vec;

use crate::diff::{Attrs, Graph, Id, NodeField, NodeShape, attr_text, is_bare, name_token, quoted};
use crate::{Fingerprint, StructKind};

use super::decl::MAX_NESTING;
use super::parse::{Lockfile, MAX_BYTES};
use super::token::{PRIMITIVES, RESERVED};
use super::{ENCODING, Entry, LockError, VERSION, validate};

pub(super) const HEADER: &str = "# objfp lockfile: the serialized shape and fingerprint of each listed wire type.\n\
# Checked by objfp::lock::check; regenerate with OBJFP_UPDATE=1 cargo test.\n";

/// The most parts (type constructors and names) one type expression is written with; a
/// larger one is split with `type` declarations.
pub(super) const MAX_INLINE: usize = 256;

/// About how long a type is written in a message before the rest is `…`.
const MAX_MESSAGE_TYPE: usize = 256;

/// The lockfile text for `entries`: what [`Mode::Update`](super::Mode::Update) writes.
///
/// # Errors
/// [`LockError::InvalidEntry`] for a name that cannot be a section header or a
/// description the format cannot express (a unit struct with fields, a newtype with two),
/// [`LockError::TooLarge`] when the text would be larger than objfp reads back.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Point { x: i32, y: i32 }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Point]).unwrap();
/// assert!(text.contains("version = 2\nencoding = objfp/2\n\n[Point]\nfingerprint = 9500023baa075734"));
/// assert!(text.ends_with("struct Point {\n    x: i32,\n    y: i32,\n}\n"));
/// ```
pub fn render(entries: &[Entry]) -> Result<String, LockError> {
    render_with_history(entries, &|_| Vec::new())
}

/// An earlier version to write after a type's section, as `[Name@number]`.
#[derive(Clone, Copy)]
pub(super) struct Recorded<'a> {
    pub(super) number: u32,
    pub(super) fingerprint: Fingerprint,
    pub(super) graph: &'a Graph<'static>,
    pub(super) root: Id,
    pub(super) labels: &'a Labels,
}

/// The lockfile text for `entries`, each section followed by the earlier versions
/// `history` gives for its name (newest first).
pub(super) fn render_with_history<'a>(
    entries: &[Entry],
    history: &dyn Fn(&str) -> Vec<Recorded<'a>>,
) -> Result<String, LockError> {
    validate(entries)?;
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name().cmp(b.name()));
    let mut out = document_start(ENCODING);
    let too_large = |out: &String| {
        (out.len() > MAX_BYTES).then_some(LockError::TooLarge {
            bytes: out.len(),
            limit: MAX_BYTES,
        })
    };
    for e in sorted {
        out.push('\n');
        let (graph, root) = Graph::from_description(e.description);
        let labels = plan(&graph, root);
        write_section(&mut out, e.name(), e.fingerprint(), &graph, root, &labels).map_err(
            |reason| LockError::InvalidEntry {
                name: e.name().to_owned(),
                reason,
            },
        )?;
        if let Some(err) = too_large(&out) {
            return Err(err);
        }
        for v in history(e.name()) {
            out.push('\n');
            let header = format!("{}@{}", e.name(), v.number);
            // Recorded versions were parsed, so they hold only what the format expresses.
            let _ = write_section(&mut out, &header, v.fingerprint, v.graph, v.root, v.labels);
            if let Some(err) = too_large(&out) {
                return Err(err);
            }
        }
    }
    Ok(out)
}

/// The text of a parsed lockfile, as [`render`] writes it: `render(entries)` parsed and
/// displayed again is the same text, earlier versions (`[Name@n]`) included.
/// Declarations are written in objfp's order (a hand-edited file comes out normalized,
/// without declarations nothing refers to), and always in version 2: a version 1 file
/// comes out with `encoding = objfp/1`, the encoding of its fingerprints.
///
/// ```
/// #[derive(objfp::TypeFingerprint)]
/// struct Ping { seq: u32, at: Option<(u64, String)> }
///
/// let text = objfp::lock::render(&objfp::lock_entries![Ping]).unwrap();
/// let lockfile = objfp::lock::Lockfile::parse(&text).unwrap();
/// assert_eq!(lockfile.to_string(), text);
/// ```
impl fmt::Display for Lockfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = document_start(&self.encoding);
        for s in &self.sections {
            out.push('\n');
            // Parsed sections hold only shapes the format expresses: this cannot fail.
            let _ = write_section(
                &mut out,
                &s.name,
                s.fingerprint,
                &s.graph,
                s.root,
                &s.labels,
            );
            for v in &s.history {
                out.push('\n');
                let header = format!("{}@{}", s.name, v.number);
                let _ = write_section(
                    &mut out,
                    &header,
                    v.fingerprint,
                    &v.graph,
                    v.root,
                    &v.labels,
                );
            }
        }
        f.write_str(&out)
    }
}

/// The header comment, the version line and the encoding of the fingerprints.
pub(super) fn document_start(encoding: &str) -> String {
    format!("{HEADER}version = {VERSION}\nencoding = {encoding}\n")
}

/// Labels of the nodes that are written as declarations, by node.
pub(super) type Labels = BTreeMap<Id, String>;

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

/// The `i`th part of a constructor (an option, sequence, map, array or tuple).
fn part(shape: &NodeShape, i: usize) -> Option<Id> {
    match shape {
        NodeShape::Option(x) | NodeShape::Seq(x) | NodeShape::Array(_, x) => (i == 0).then_some(*x),
        NodeShape::Map(k, v) => [*k, *v].get(i).copied(),
        NodeShape::Tuple(xs) => xs.get(i).copied(),
        _ => None,
    }
}

/// The nodes a node references, in the order its rendering mentions them.
fn children(shape: &NodeShape) -> Vec<Id> {
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

/// An anonymous node that is more than a name: an option, sequence, map, array or tuple.
fn is_constructor(shape: &NodeShape) -> bool {
    !is_declared(shape) && !matches!(shape, NodeShape::Primitive(_))
}

/// Which nodes of a description's graph get a declaration, and their labels: the declared
/// kinds, and the anonymous nodes that must be declared so that every type expression is
/// finite, nests at most [`MAX_NESTING`] deep and has at most [`MAX_INLINE`] parts. Linear
/// in the size of the graph; nothing here recurses.
pub(super) fn plan(graph: &Graph<'_>, root: Id) -> Labels {
    let n = graph.nodes.len();
    let shape = |id: Id| &graph.nodes[id].shape;
    let mut hoisted = vec![false; n];
    // Cycles among constructors: a depth-first search over them, declaring the node each
    // back edge returns to (every cycle has one), and the order in which nodes finish.
    let mut state = vec![0u8; n]; // 0: not seen, 1: on the search stack, 2: finished
    let mut finished = Vec::new();
    for start in 0..n {
        if state[start] != 0 || !is_constructor(shape(start)) {
            continue;
        }
        state[start] = 1;
        let mut stack = Vec::from([(start, 0usize)]);
        while let Some((id, next)) = stack.last_mut() {
            let id = *id;
            match part(shape(id), *next) {
                Some(c) => {
                    *next += 1;
                    if !is_constructor(shape(c)) {
                        continue;
                    }
                    match state[c] {
                        0 => {
                            state[c] = 1;
                            stack.push((c, 0));
                        }
                        1 => hoisted[c] = true,
                        _ => {}
                    }
                }
                None => {
                    state[id] = 2;
                    finished.push(id);
                    stack.pop();
                }
            }
        }
    }
    // Depth and size of each constructor's expression, children first; a child that would
    // make its parent too deep or too long is declared instead.
    let mut depth = vec![0usize; n];
    let mut size = vec![1usize; n];
    for &id in &finished {
        let inline = |c: Id, hoisted: &[bool]| is_constructor(shape(c)) && !hoisted[c];
        let measure = |hoisted: &[bool], depth: &[usize], size: &[usize]| {
            let (mut d, mut s) = (0usize, 1usize);
            for c in children(shape(id)) {
                let (cd, cs) = if inline(c, hoisted) {
                    (depth[c], size[c])
                } else {
                    (0, 1)
                };
                d = d.max(cd);
                s = s.saturating_add(cs);
            }
            (d + 1, s)
        };
        let (mut d, mut s) = measure(&hoisted, &depth, &size);
        if d > MAX_NESTING {
            for c in children(shape(id)) {
                if inline(c, &hoisted) && depth[c] >= MAX_NESTING {
                    hoisted[c] = true;
                }
            }
            (d, s) = measure(&hoisted, &depth, &size);
        }
        if s > MAX_INLINE {
            for c in children(shape(id)) {
                if inline(c, &hoisted) && size[c] > 1 {
                    hoisted[c] = true;
                }
            }
            (d, s) = measure(&hoisted, &depth, &size);
        }
        depth[id] = d;
        size[id] = s;
    }
    let labeled = |id: Id| is_declared(shape(id)) || hoisted[id];
    let order = order(graph, root, &labeled);
    // Unique labels: the type's name, then `Name#2`, `Name#3`, ... for others of that name.
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    taken.extend(PRIMITIVES.iter().map(|p| p.name().to_owned()));
    let mut next_suffix: BTreeMap<String, usize> = BTreeMap::new();
    let mut labels = Labels::new();
    for id in order {
        let name = graph.nodes[id].name.as_ref();
        let base = if name.is_empty() || (hoisted[id] && !is_bare(name)) {
            "_"
        } else {
            name
        };
        let mut label = base.to_owned();
        let k = next_suffix.entry(base.to_owned()).or_insert(2);
        while taken.contains(&label) {
            label = format!("{base}#{k}");
            *k += 1;
        }
        taken.insert(label.clone());
        labels.insert(id, label);
    }
    labels
}

/// The labeled nodes reachable from `root` in the order they are written: breadth first,
/// in order of first mention (a node's anonymous parts are searched for mentions in the
/// order they are written).
pub(super) fn order(graph: &Graph<'_>, root: Id, labeled: &dyn Fn(Id) -> bool) -> Vec<Id> {
    let mut order = Vec::new();
    let mut queued = BTreeSet::new();
    let mut queue = VecDeque::new();
    // Labeled nodes mentioned by node `from`'s expression (`from` itself when labeled and
    // `of_root`), in written order.
    let mut mention = |from: Id, of_root: bool, queue: &mut VecDeque<Id>| {
        let mut stack: Vec<Id> = if of_root {
            Vec::from([from])
        } else {
            children(&graph.nodes[from].shape)
                .into_iter()
                .rev()
                .collect()
        };
        while let Some(id) = stack.pop() {
            if labeled(id) {
                if queued.insert(id) {
                    queue.push_back(id);
                }
            } else {
                stack.extend(children(&graph.nodes[id].shape).into_iter().rev());
            }
        }
    };
    mention(root, true, &mut queue);
    while let Some(id) = queue.pop_front() {
        order.push(id);
        mention(id, false, &mut queue);
    }
    order
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

/// Writes node `id` as a type expression: its label when it has one. Stops, writing `…`,
/// once `out` is longer than `limit` (for messages; files have no limit).
fn write_expr(out: &mut String, graph: &Graph<'_>, labels: &Labels, id: Id, limit: usize) {
    match labels.get(&id) {
        Some(label) => out.push_str(&label_token(label)),
        None => write_body(out, graph, labels, id, limit, 0),
    }
}

/// Writes node `id`'s own shape, its parts by label or inline: the expression of an
/// anonymous node, or the body of its `type` declaration. The plan (or the parser) keeps
/// the nesting within [`MAX_NESTING`]; deeper is only reachable in a message about a
/// graph neither made, and written `…`.
fn write_body(
    out: &mut String,
    graph: &Graph<'_>,
    labels: &Labels,
    id: Id,
    limit: usize,
    depth: usize,
) {
    if out.len() > limit || depth > MAX_NESTING {
        out.push('…');
        return;
    }
    let sub = |out: &mut String, id: Id| match labels.get(&id) {
        Some(label) => out.push_str(&label_token(label)),
        None => write_body(out, graph, labels, id, limit, depth + 1),
    };
    match &graph.nodes[id].shape {
        NodeShape::Primitive(p) => out.push_str(p.name()),
        NodeShape::Option(x) => {
            out.push_str("Option<");
            sub(out, *x);
            out.push('>');
        }
        NodeShape::Seq(x) => {
            out.push('[');
            sub(out, *x);
            out.push(']');
        }
        NodeShape::Map(k, v) => {
            out.push_str("Map<");
            sub(out, *k);
            out.push_str(", ");
            sub(out, *v);
            out.push('>');
        }
        NodeShape::Array(n, x) => {
            out.push('[');
            sub(out, *x);
            let _ = write!(out, "; {n}]");
        }
        NodeShape::Tuple(xs) => {
            out.push('(');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if out.len() > limit {
                    out.push('…');
                    break;
                }
                sub(out, *x);
            }
            if xs.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        // Declared nodes always have a label; this is only reached for a node outside
        // the section's layout.
        _ => out.push_str(&label_token(&graph.nodes[id].name)),
    }
}

/// A node as a type expression, for messages: at most about [`MAX_MESSAGE_TYPE`] bytes.
pub(super) fn type_text(graph: &Graph<'_>, labels: &Labels, id: Id) -> String {
    let mut out = String::new();
    write_expr(&mut out, graph, labels, id, MAX_MESSAGE_TYPE);
    out
}

/// Writes one section: its header, fingerprint and declarations. `Err` names what the
/// format cannot express.
pub(super) fn write_section(
    out: &mut String,
    name: &str,
    fp: Fingerprint,
    graph: &Graph<'_>,
    root: Id,
    labels: &Labels,
) -> Result<(), String> {
    let order = order(graph, root, &|id| labels.contains_key(&id));
    let _ = writeln!(out, "[{name}]\nfingerprint = {fp}");
    let root_declared = labels.contains_key(&root);
    if !root_declared {
        out.push_str("type = ");
        write_expr(out, graph, labels, root, usize::MAX);
        out.push('\n');
    }
    for (i, &id) in order.iter().enumerate() {
        if i > 0 || !root_declared {
            out.push('\n');
        }
        write_decl(out, graph, labels, id)?;
    }
    Ok(())
}

fn attr_line(out: &mut String, indent: &str, attrs: &Attrs) {
    if attrs.is_empty() {
        return;
    }
    // Keys are written like names: bare when they are identifiers, else quoted.
    let items: Vec<String> = attrs
        .iter()
        .map(|(k, v)| attr_text(&name_token(k), v))
        .collect();
    let _ = writeln!(out, "{indent}#[serde({})]", items.join(", "));
}

/// Writes a struct's or variant's fields and then `after`. A newtype's one field is
/// written `(T)`, a tuple's fields `(A, B)`, a tuple of one field `(T,)` and of none `()`,
/// as in tuple types; a newtype whose field is left out of the fingerprint is
/// `(#[fingerprint(skip)])`; fields with attributes go one per line.
fn write_fields(
    out: &mut String,
    indent: &str,
    kind: StructKind,
    fields: &[NodeField],
    ty: &dyn Fn(Id) -> String,
    after: &str,
) -> Result<(), String> {
    let inline = fields.iter().all(|f| f.attrs.is_empty());
    match kind {
        StructKind::Unit if !fields.is_empty() => {
            return Err(format!(
                "its description is malformed: a unit struct or variant with {} fields",
                fields.len()
            ));
        }
        StructKind::Newtype if fields.len() > 1 => {
            return Err(format!(
                "its description is malformed: a newtype struct or variant with {} fields",
                fields.len()
            ));
        }
        StructKind::Unit => out.push_str(after),
        StructKind::Named if fields.is_empty() => {
            let _ = write!(out, " {{}}{after}");
        }
        StructKind::Newtype if fields.is_empty() => {
            let _ = write!(out, "(#[fingerprint(skip)]){after}");
        }
        StructKind::Newtype | StructKind::Tuple if inline => {
            let items: Vec<String> = fields.iter().map(|f| ty(f.ty)).collect();
            let comma = if kind == StructKind::Tuple && items.len() == 1 {
                ","
            } else {
                ""
            };
            let _ = write!(out, "({}{comma}){after}", items.join(", "));
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
                    let _ = writeln!(out, "{inner}{}: {},", name_token(&f.name), ty(f.ty));
                } else {
                    let _ = writeln!(out, "{inner}{}{comma}", ty(f.ty));
                }
            }
            let _ = write!(out, "{indent}{close}{after}");
        }
    }
    Ok(())
}

fn write_decl(out: &mut String, graph: &Graph<'_>, labels: &Labels, id: Id) -> Result<(), String> {
    let label = label_token(&labels[&id]);
    let ty = |t: Id| {
        let mut s = String::new();
        write_expr(&mut s, graph, labels, t, usize::MAX);
        s
    };
    match &graph.nodes[id].shape {
        NodeShape::Struct(s) => {
            attr_line(out, "", &s.attrs);
            let _ = write!(out, "struct {label}");
            let after = if s.kind == StructKind::Named {
                "\n"
            } else {
                ";\n"
            };
            write_fields(out, "", s.kind, &s.fields, &ty, after)?;
        }
        NodeShape::Enum(e) => {
            if !e.repr.is_empty() {
                let _ = writeln!(out, "#[repr({})]", name_token(&e.repr));
            }
            attr_line(out, "", &e.attrs);
            let _ = writeln!(out, "enum {label} {{");
            for v in &e.variants {
                attr_line(out, "    ", &v.attrs);
                let _ = write!(out, "    {}", name_token(&v.name));
                let after = match v.discriminant {
                    Some(d) => format!(" = {d},\n"),
                    None => ",\n".to_owned(),
                };
                write_fields(out, "    ", v.kind, &v.fields, &ty, &after)?;
            }
            out.push_str("}\n");
        }
        NodeShape::Opaque(name) => {
            let _ = write!(out, "opaque {label} = ");
            let _ = quoted(out, name);
            out.push('\n');
        }
        NodeShape::Named(name, inner) => {
            let _ = write!(out, "named {label} = ");
            let _ = quoted(out, name);
            let _ = writeln!(out, " {}", ty(*inner));
        }
        NodeShape::Readable { human, compact } => {
            let _ = writeln!(
                out,
                "readable {label} {{\n    human: {},\n    compact: {},\n}}",
                ty(*human),
                ty(*compact)
            );
        }
        NodeShape::Proxy {
            serialize,
            deserialize,
            own,
        } => {
            let side = |s: &Option<Id>| s.map_or_else(|| "own".to_owned(), ty);
            let _ = writeln!(
                out,
                "proxy {label} {{\n    serialize: {},\n    deserialize: {},\n    own: {},\n}}",
                side(serialize),
                side(deserialize),
                ty(*own)
            );
        }
        // An anonymous node declared because its expression would not be finite, shallow
        // enough or short enough inline.
        _ => {
            let _ = write!(out, "type {label} = ");
            write_body(out, graph, labels, id, usize::MAX, 0);
            out.push('\n');
        }
    }
    Ok(())
}
