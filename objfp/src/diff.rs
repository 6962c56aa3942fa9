//! Structural diffs: *what* changed between two descriptions, not only *that* their
//! fingerprints differ.
//!
//! [`diff`] walks two [`Description`]s side by side and reports each difference as a
//! [`Change`]: a path that reads like code and what happened there.
//!
//! ```
//! mod v1 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Item { pub sku: String, pub price: u32 }
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order { pub id: u64, pub items: Vec<Item> }
//! }
//! mod v2 {
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Item { pub sku: String, pub price: u64 }
//!     #[derive(objfp::TypeFingerprint)]
//!     pub struct Order { pub id: u64, pub items: Vec<Item>, pub note: Option<String> }
//! }
//!
//! use objfp::TypeFingerprint;
//! let changes = objfp::diff::diff(v1::Order::DESCRIPTION, v2::Order::DESCRIPTION);
//! let lines: Vec<String> = changes.iter().map(|c| c.to_string()).collect();
//! assert_eq!(lines, [
//!     "Order.items[].price: type changed u32 -> u64",
//!     "Order.note: field added (Option<string>)",
//! ]);
//! ```
//!
//! # Paths
//!
//! A path starts with the name of the type diffed and then follows the serialized shape:
//!
//! | step | path | example |
//! |---|---|---|
//! | named field | `.name` | `Order.id` |
//! | tuple field, tuple element | `.0`, `.1`, ... | `List::Cons.0` |
//! | enum variant | `::Variant` | `Event::Created.id` |
//! | sequence or array item | `[]` | `Order.items[].price` |
//! | `Option` payload | `?` | `Order.note?` |
//! | map key, map value | `{key}`, `{value}` | `Order.totals{value}` |
//! | human-readable / compact form | `<human>`, `<compact>` | `Host.addr<compact>` |
//! | serialized / deserialized form | `<serialize>`, `<deserialize>` | `Legacy<serialize>` |
//!
//! Names are wire names (after serde's `rename` and `rename_all`). A name that is not a
//! plain identifier (letters, digits, `_`, `-`, not starting with a digit) is written as a
//! quoted string: `Order."@type"`.
//!
//! # What is reported
//!
//! The walk descends only where the fingerprints of the two sides differ, so an unchanged
//! subtree costs nothing and is never mentioned. Each differing pair of types is explained
//! once, at the first path (in declaration order) where the walk reaches it: a type used by
//! two fields is explained under the first, and a recursive type (whose description points
//! back at itself) is explained once, so the walk always terminates.
//!
//! Fields and variants are matched by wire name. A field that disappears while another one
//! with the same type appears at the same position is reported as a rename; likewise a
//! variant with the same payload. Order matters on the wire: fields or variants that
//! swapped places are reported as reordered, and variants that moved because another was
//! inserted or removed before them as `variant indices changed` (formats such as bincode
//! write a variant's index). Names and Rust spellings that are not part of the
//! fingerprint (a type's own name, `Vec` versus `VecDeque`) are never reported.

use alloc::borrow::ToOwned;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{Description, Fingerprint, Primitive, Shape, StructKind};

/// One difference between two descriptions: where, and what.
///
/// ```
/// use objfp::diff::{Change, ChangeKind};
///
/// let change = Change {
///     path: "Order.items[].price".to_owned(),
///     kind: ChangeKind::TypeChanged { old: "u32".to_owned(), new: "u64".to_owned() },
/// };
/// assert_eq!(change.to_string(), "Order.items[].price: type changed u32 -> u64");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where the change is, such as `Order.items[].price` or `Event::Created.id` (see the
    /// [module documentation](self) for the syntax).
    pub path: String,
    /// What changed there.
    pub kind: ChangeKind,
}

/// What changed at a [`Change`]'s path. Types are rendered with [`type_name`] (in
/// lockfile comparisons, in the lockfile's notation).
///
/// ```
/// use objfp::diff::ChangeKind;
///
/// let kind = ChangeKind::AttrAdded { attr: "flatten".to_owned() };
/// assert_eq!(kind.to_string(), "serde: added flatten");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A field appeared; the path names it.
    FieldAdded {
        /// Its type.
        ty: String,
        /// Its wire-relevant serde attributes, as `key` or `key = "value"`.
        attrs: Vec<String>,
    },
    /// A field disappeared; the path names it.
    FieldRemoved {
        /// Its type.
        ty: String,
        /// Its wire-relevant serde attributes, as `key` or `key = "value"`.
        attrs: Vec<String>,
    },
    /// A field disappeared and one of the same type appeared at its position; the path is
    /// the struct or variant.
    FieldRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// Fields present on both sides are in a different order; the path is the struct or
    /// variant.
    FieldsReordered {
        /// Those fields in the old order.
        old: Vec<String>,
        /// Those fields in the new order.
        new: Vec<String>,
    },
    /// A primitive type changed (`u32` to `u64`).
    TypeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// The kind of shape changed (a sequence became an option, a struct an enum, a tuple
    /// got another element).
    ShapeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// A variant appeared; the path names it.
    VariantAdded,
    /// A variant disappeared; the path names it.
    VariantRemoved,
    /// A variant disappeared and one with the same payload appeared at its position; the
    /// path is the enum.
    VariantRenamed {
        /// The old wire name.
        old: String,
        /// The new wire name.
        new: String,
    },
    /// Variants present on both sides are in a different order (compact formats write a
    /// variant's index); the path is the enum.
    VariantsReordered {
        /// Those variants in the old order.
        old: Vec<String>,
        /// Those variants in the new order.
        new: Vec<String>,
    },
    /// Variants kept their relative order but changed index, because variants were added
    /// or removed before them; formats that write a variant's index (bincode, postcard)
    /// read them as different variants. The path is the enum.
    VariantsRenumbered {
        /// Each moved variant: its name, old index and new index.
        moved: Vec<(String, usize, usize)>,
    },
    /// A struct or variant changed between named, tuple and unit form.
    KindChanged {
        /// The old form.
        old: StructKind,
        /// The new form.
        new: StructKind,
    },
    /// A wire-relevant serde attribute appeared, such as `flatten` or `tag = "type"`.
    AttrAdded {
        /// The attribute, as `key` or `key = "value"`.
        attr: String,
    },
    /// A wire-relevant serde attribute disappeared.
    AttrRemoved {
        /// The attribute, as `key` or `key = "value"`.
        attr: String,
    },
    /// A serde attribute's value changed (`tag = "type"` to `tag = "kind"`).
    AttrChanged {
        /// The attribute's key.
        key: String,
        /// The old value.
        old: String,
        /// The new value.
        new: String,
    },
    /// An enum's integer `#[repr]` changed; `""` for none.
    ReprChanged {
        /// The old repr.
        old: String,
        /// The new repr.
        new: String,
    },
    /// A variant's explicit discriminant changed.
    DiscriminantChanged {
        /// The old discriminant, if any.
        old: Option<i128>,
        /// The new discriminant, if any.
        new: Option<i128>,
    },
    /// An array's length changed; the item type is compared at `[]`.
    ArrayLenChanged {
        /// The old length.
        old: u64,
        /// The new length.
        new: u64,
    },
    /// The meaning of a named shape changed (`unix-seconds` to `unix-milliseconds`); the
    /// shape on the wire is compared at the same path.
    NamedChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// The name of an opaque shape changed.
    OpaqueChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeKind::FieldAdded { ty, attrs } => {
                f.write_str("field added (")?;
                field_decl(f, ty, attrs)
            }
            ChangeKind::FieldRemoved { ty, attrs } => {
                f.write_str("field removed (")?;
                field_decl(f, ty, attrs)
            }
            ChangeKind::FieldRenamed { old, new } => write!(f, "field renamed {old} -> {new}"),
            ChangeKind::FieldsReordered { old, new } => {
                write!(f, "fields reordered ")?;
                list(f, old)?;
                f.write_str(" -> ")?;
                list(f, new)
            }
            ChangeKind::TypeChanged { old, new } => write!(f, "type changed {old} -> {new}"),
            ChangeKind::ShapeChanged { old, new } => write!(f, "shape changed {old} -> {new}"),
            ChangeKind::VariantAdded => f.write_str("variant added"),
            ChangeKind::VariantRemoved => f.write_str("variant removed"),
            ChangeKind::VariantRenamed { old, new } => {
                write!(f, "variant renamed {old} -> {new}")
            }
            ChangeKind::VariantsReordered { old, new } => {
                write!(f, "variants reordered ")?;
                list(f, old)?;
                f.write_str(" -> ")?;
                list(f, new)
            }
            ChangeKind::VariantsRenumbered { moved } => {
                f.write_str("variant indices changed:")?;
                for (i, (name, from, to)) in moved.iter().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    write!(f, "{sep}{name} {from} -> {to}")?;
                }
                Ok(())
            }
            ChangeKind::KindChanged { old, new } => {
                write!(f, "kind changed {} -> {}", kind_name(*old), kind_name(*new))
            }
            ChangeKind::AttrAdded { attr } => write!(f, "{}: added {attr}", attr_origin(attr)),
            ChangeKind::AttrRemoved { attr } => {
                write!(f, "{}: removed {attr}", attr_origin(attr))
            }
            ChangeKind::AttrChanged { key, old, new } => {
                write!(f, "{}: changed {key} ", attr_origin(key))?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
            ChangeKind::ReprChanged { old, new } => {
                write!(f, "repr changed {} -> {}", or_none(old), or_none(new))
            }
            ChangeKind::DiscriminantChanged { old, new } => {
                f.write_str("discriminant changed ")?;
                match old {
                    Some(d) => write!(f, "{d}")?,
                    None => f.write_str("none")?,
                }
                f.write_str(" -> ")?;
                match new {
                    Some(d) => write!(f, "{d}"),
                    None => f.write_str("none"),
                }
            }
            ChangeKind::ArrayLenChanged { old, new } => {
                write!(f, "array length changed {old} -> {new}")
            }
            ChangeKind::NamedChanged { old, new } => {
                f.write_str("meaning changed ")?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
            ChangeKind::OpaqueChanged { old, new } => {
                f.write_str("opaque name changed ")?;
                quoted(f, old)?;
                f.write_str(" -> ")?;
                quoted(f, new)
            }
        }
    }
}

/// `#[serde(a, b)] T)`: the rest of a field added/removed line.
fn field_decl(f: &mut fmt::Formatter<'_>, ty: &str, attrs: &[String]) -> fmt::Result {
    if !attrs.is_empty() {
        f.write_str("#[serde(")?;
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(a)?;
        }
        f.write_str(")] ")?;
    }
    write!(f, "{ty})")
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "none" } else { s }
}

fn list(f: &mut fmt::Formatter<'_>, names: &[String]) -> fmt::Result {
    f.write_str("(")?;
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(name)?;
    }
    f.write_str(")")
}

/// `named`, `tuple` or `unit`.
pub(crate) fn kind_name(kind: StructKind) -> &'static str {
    match kind {
        StructKind::Named => "named",
        StructKind::Newtype => "newtype",
        StructKind::Tuple => "tuple",
        StructKind::Unit => "unit",
    }
}

/// Writes `s` as a double-quoted string: `"` and `\` escaped, control characters as
/// `\u{..}`. Everything else is written as it is, so the output does not depend on the
/// Rust version (unlike `{:?}`).
pub(crate) fn quoted(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\t' => out.write_str("\\t")?,
            '\r' => out.write_str("\\r")?,
            c if c.is_control() => write!(out, "\\u{{{:x}}}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('"')
}

/// Whether `s` can be written without quotes in a path or a lockfile: an ASCII letter or
/// `_`, then letters, digits, `_` or `-`.
pub(crate) fn is_bare(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A name as a path segment or lockfile token: bare when [`is_bare`], else quoted.
pub(crate) fn name_token(s: &str) -> String {
    if is_bare(s) {
        s.to_owned()
    } else {
        let mut out = String::new();
        let _ = quoted(&mut out, s);
        out
    }
}

/// An attribute as people write it: `flatten`, or `tag = "type"`.
pub(crate) fn attr_text(key: &str, value: &str) -> String {
    if value.is_empty() {
        key.to_owned()
    } else {
        let mut out = format!("{key} = ");
        let _ = quoted(&mut out, value);
        out
    }
}

/// How deep [`type_name`] renders type arguments before writing `…`.
const MAX_NAME_DEPTH: usize = 16;

/// A type expression for people: primitives by name (`u32`, `string`), `Vec<Item>`,
/// `Option<T>`, `HashMap<K, V>`, `[T; N]`, `[T]`, `(A, B)`, and derived types by name.
/// Names are the Rust ones from the descriptions, which are not part of the fingerprint.
/// Deeply nested arguments are cut off with `…`, so this terminates on any description.
///
/// ```
/// use std::collections::HashMap;
/// use objfp::{diff::type_name, TypeFingerprint};
///
/// #[derive(TypeFingerprint)]
/// struct Item {
///     sku: String,
/// }
///
/// assert_eq!(type_name(<Vec<Item>>::DESCRIPTION), "Vec<Item>");
/// assert_eq!(type_name(<Option<[u8; 4]>>::DESCRIPTION), "Option<[u8; 4]>");
/// assert_eq!(type_name(<HashMap<String, (u8, bool)>>::DESCRIPTION), "HashMap<string, (u8, bool)>");
/// ```
pub fn type_name(d: &Description) -> String {
    let mut out = String::new();
    write_type_name(&mut out, d, 0);
    out
}

fn write_type_name(out: &mut String, d: &Description, depth: usize) {
    if depth > MAX_NAME_DEPTH {
        out.push('…');
        return;
    }
    let arg = |out: &mut String, t: &crate::TypeRef| write_type_name(out, t(), depth + 1);
    match &d.shape {
        Shape::Primitive(p) => out.push_str(p.name()),
        Shape::Option(item) => {
            out.push_str(if d.name.is_empty() { "Option" } else { d.name });
            out.push('<');
            arg(out, item);
            out.push('>');
        }
        Shape::Seq(item) => {
            if d.name == "[]" || d.name.is_empty() {
                out.push('[');
                arg(out, item);
                out.push(']');
            } else {
                out.push_str(d.name);
                out.push('<');
                arg(out, item);
                out.push('>');
            }
        }
        Shape::Map { key, value } => {
            out.push_str(if d.name.is_empty() { "Map" } else { d.name });
            out.push('<');
            arg(out, key);
            out.push_str(", ");
            arg(out, value);
            out.push('>');
        }
        Shape::Array { len, item } => {
            out.push('[');
            arg(out, item);
            out.push_str(&format!("; {len}]"));
        }
        Shape::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                arg(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Shape::Struct(_)
        | Shape::Enum(_)
        | Shape::Opaque(_)
        | Shape::Named { .. }
        | Shape::Readable { .. }
        | Shape::Proxy { .. } => {
            out.push_str(d.name);
            if !d.args.is_empty() {
                out.push('<');
                for (i, t) in d.args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    arg(out, t);
                }
                out.push('>');
            }
        }
    }
}

/// The changes that turn `old` into `new`, in the order the walk meets them; empty when
/// the fingerprints are equal. Paths start with `new`'s [`type_name`].
///
/// ```
/// mod v1 {
///     #[derive(objfp::TypeFingerprint)]
///     pub enum Event { Created { id: u64 }, Deleted(u64) }
/// }
/// mod v2 {
///     #[derive(objfp::TypeFingerprint)]
///     pub enum Event { Created { id: u64, by: String }, Deleted(u64), Archived }
/// }
///
/// use objfp::TypeFingerprint;
/// let changes = objfp::diff::diff(v1::Event::DESCRIPTION, v2::Event::DESCRIPTION);
/// let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     "Event::Created.by: field added (string)",
///     "Event::Archived: variant added",
/// ]);
/// assert!(objfp::diff::diff(v1::Event::DESCRIPTION, v1::Event::DESCRIPTION).is_empty());
/// ```
pub fn diff(old: &Description, new: &Description) -> Vec<Change> {
    if old.fingerprint == new.fingerprint {
        return Vec::new();
    }
    let (old_graph, old_root) = Graph::from_description(old);
    let (new_graph, new_root) = Graph::from_description(new);
    let render_old = |id: Id| old_graph.rust_name(id);
    let render_new = |id: Id| new_graph.rust_name(id);
    let mut engine = Engine::new(&old_graph, &new_graph, &render_old, &render_new);
    engine.node(&type_name(new), old_root, new_root);
    engine.out
}

// ---------------------------------------------------------------------------------------
// An owned graph of a type's shape, built from a description or (in `lock`) parsed from a
// lockfile, and the diff engine over two such graphs.

/// Index of a node in a [`Graph`].
pub(crate) type Id = usize;

/// A type's shape as a graph: each distinct type once, recursion as cycles.
#[derive(Debug, Default)]
pub(crate) struct Graph<'d> {
    pub nodes: Vec<Node<'d>>,
}

#[derive(Debug)]
pub(crate) struct Node<'d> {
    /// Known for nodes built from descriptions; `None` for nodes parsed from text, which
    /// are compared structurally.
    pub fp: Option<Fingerprint>,
    /// The description's display name (`Order`, `Vec`).
    pub name: String,
    /// The description, for [`type_name`].
    pub desc: Option<&'d Description>,
    pub shape: NodeShape,
}

#[derive(Debug)]
pub(crate) enum NodeShape {
    Primitive(Primitive),
    Option(Id),
    Seq(Id),
    Map(Id, Id),
    Array(u64, Id),
    Tuple(Vec<Id>),
    Struct(NodeStruct),
    Enum(NodeEnum),
    Opaque(String),
    Named(String, Id),
    Readable {
        human: Id,
        compact: Id,
    },
    Proxy {
        serialize: Option<Id>,
        deserialize: Option<Id>,
        own: Id,
    },
}

pub(crate) type Attrs = Vec<(String, String)>;

#[derive(Debug)]
pub(crate) struct NodeStruct {
    pub kind: StructKind,
    pub attrs: Attrs,
    pub fields: Vec<NodeField>,
}

#[derive(Debug)]
pub(crate) struct NodeEnum {
    pub repr: String,
    pub attrs: Attrs,
    pub variants: Vec<NodeVariant>,
}

#[derive(Debug)]
pub(crate) struct NodeVariant {
    pub name: String,
    pub attrs: Attrs,
    pub discriminant: Option<i128>,
    pub kind: StructKind,
    pub fields: Vec<NodeField>,
}

#[derive(Debug)]
pub(crate) struct NodeField {
    pub name: String,
    pub attrs: Attrs,
    pub ty: Id,
}

fn attrs_of(attrs: crate::Attrs) -> Attrs {
    attrs
        .iter()
        .map(|a| (a.key.to_owned(), a.value.to_owned()))
        .collect()
}

impl<'d> Graph<'d> {
    /// The graph of everything reachable from `root`, and the root's id. Descriptions are
    /// identified by fingerprint and name, so a recursive type becomes a cycle.
    pub fn from_description(root: &'d Description) -> (Self, Id) {
        let mut builder = Builder {
            graph: Graph::default(),
            seen: BTreeMap::new(),
        };
        let id = builder.add(root);
        (builder.graph, id)
    }

    pub fn push(&mut self, node: Node<'d>) -> Id {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// [`type_name`] of a node built from a description.
    fn rust_name(&self, id: Id) -> String {
        match self.nodes[id].desc {
            Some(d) => type_name(d),
            None => self.nodes[id].name.clone(),
        }
    }
}

struct Builder<'d> {
    graph: Graph<'d>,
    seen: BTreeMap<(Fingerprint, &'d str), Id>,
}

impl<'d> Builder<'d> {
    fn add(&mut self, d: &'d Description) -> Id {
        if let Some(&id) = self.seen.get(&(d.fingerprint, d.name)) {
            return id;
        }
        // Reserve the id first: the shape may lead back here.
        let id = self.graph.push(Node {
            fp: Some(d.fingerprint),
            name: d.name.to_owned(),
            desc: Some(d),
            shape: NodeShape::Tuple(Vec::new()),
        });
        self.seen.insert((d.fingerprint, d.name), id);
        let shape = self.shape(d, &d.shape);
        self.graph.nodes[id].shape = shape;
        id
    }

    fn fields(&mut self, fields: crate::Fields) -> Vec<NodeField> {
        fields
            .iter()
            .map(|f| NodeField {
                name: f.name.to_owned(),
                attrs: attrs_of(f.attrs),
                ty: self.add((f.ty)()),
            })
            .collect()
    }

    fn shape(&mut self, d: &'d Description, shape: &'d Shape) -> NodeShape {
        match shape {
            Shape::Primitive(p) => NodeShape::Primitive(*p),
            Shape::Option(t) => NodeShape::Option(self.add(t())),
            Shape::Seq(t) => NodeShape::Seq(self.add(t())),
            Shape::Map { key, value } => NodeShape::Map(self.add(key()), self.add(value())),
            Shape::Array { len, item } => NodeShape::Array(*len, self.add(item())),
            Shape::Tuple(items) => NodeShape::Tuple(items.iter().map(|t| self.add(t())).collect()),
            Shape::Struct(s) => NodeShape::Struct(NodeStruct {
                kind: s.kind,
                attrs: attrs_of(s.attrs),
                fields: self.fields(s.fields),
            }),
            Shape::Enum(e) => NodeShape::Enum(NodeEnum {
                repr: e.repr.to_owned(),
                attrs: attrs_of(e.attrs),
                variants: e
                    .variants
                    .iter()
                    .map(|v| NodeVariant {
                        name: v.name.to_owned(),
                        attrs: attrs_of(v.attrs),
                        discriminant: v.discriminant,
                        kind: v.kind,
                        fields: self.fields(v.fields),
                    })
                    .collect(),
            }),
            Shape::Opaque(name) => NodeShape::Opaque((*name).to_owned()),
            Shape::Named { name, inner } => NodeShape::Named((*name).to_owned(), self.add(inner())),
            Shape::Readable { human, compact } => NodeShape::Readable {
                human: self.add(human()),
                compact: self.add(compact()),
            },
            Shape::Proxy {
                serialize,
                deserialize,
                own,
            } => {
                // The type's own structure has no description of its own: a node without
                // a fingerprint, compared structurally.
                let own_id = self.graph.push(Node {
                    fp: None,
                    name: d.name.to_owned(),
                    desc: Some(d),
                    shape: NodeShape::Tuple(Vec::new()),
                });
                let own_shape = self.shape(d, own);
                self.graph.nodes[own_id].shape = own_shape;
                NodeShape::Proxy {
                    serialize: serialize.map(|t| self.add(t())),
                    deserialize: deserialize.map(|t| self.add(t())),
                    own: own_id,
                }
            }
        }
    }
}

/// Renders a node of one side for messages.
pub(crate) type Render<'r> = &'r dyn Fn(Id) -> String;

/// Walks two graphs side by side and collects the changes.
pub(crate) struct Engine<'g, 'd> {
    old: &'g Graph<'d>,
    new: &'g Graph<'d>,
    render_old: Render<'g>,
    render_new: Render<'g>,
    visited: BTreeSet<(Id, Id)>,
    pub out: Vec<Change>,
}

/// Where a field's path goes: `.name` or `.0`.
fn field_path(parent: &str, kind: StructKind, index: usize, name: &str) -> String {
    match kind {
        StructKind::Named => format!("{parent}.{}", name_token(name)),
        StructKind::Newtype | StructKind::Tuple | StructKind::Unit => format!("{parent}.{index}"),
    }
}

/// Which attribute family a description attribute comes from: `implements` entries are
/// objfp's interfaces (`#[fingerprint(implements(..))]`), the rest are serde's.
fn attr_origin(attr: &str) -> &'static str {
    if attr.starts_with("implements") {
        "interface"
    } else {
        "serde"
    }
}

/// Where each old key is among the new ones, and each new key among the old ones.
fn match_keys<K: PartialEq>(old: &[K], new: &[K]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let find = |k: &K, among: &[K]| among.iter().position(|o| o == k);
    (
        old.iter().map(|k| find(k, new)).collect(),
        new.iter().map(|k| find(k, old)).collect(),
    )
}

/// The wire names of fields or variants, each with its occurrence number among equal
/// names, so that duplicates (skipped variants all have the name `""`) still match one
/// to one.
fn keys<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    names
        .map(|n| {
            let k = seen.entry(n).or_insert(0);
            *k += 1;
            (n, *k)
        })
        .collect()
}

impl<'g, 'd> Engine<'g, 'd> {
    pub fn new(
        old: &'g Graph<'d>,
        new: &'g Graph<'d>,
        render_old: Render<'g>,
        render_new: Render<'g>,
    ) -> Self {
        Engine {
            old,
            new,
            render_old,
            render_new,
            visited: BTreeSet::new(),
            out: Vec::new(),
        }
    }

    fn push(&mut self, path: &str, kind: ChangeKind) {
        self.out.push(Change {
            path: path.to_owned(),
            kind,
        });
    }

    /// Whether the two nodes have the same shape: by fingerprint when both are known, else
    /// by a trial walk.
    fn same(&self, a: Id, b: Id) -> bool {
        if let (Some(x), Some(y)) = (self.old.nodes[a].fp, self.new.nodes[b].fp) {
            return x == y;
        }
        let mut probe = Engine::new(self.old, self.new, self.render_old, self.render_new);
        probe.node("", a, b);
        probe.out.is_empty()
    }

    /// Compares node `a` of the old graph with node `b` of the new one at `path`.
    pub fn node(&mut self, path: &str, a: Id, b: Id) {
        let (old, new) = (self.old, self.new);
        let (x, y) = (&old.nodes[a], &new.nodes[b]);
        if let (Some(f), Some(g)) = (x.fp, y.fp)
            && f == g
        {
            return;
        }
        if !self.visited.insert((a, b)) {
            return;
        }
        match (&x.shape, &y.shape) {
            (NodeShape::Primitive(p), NodeShape::Primitive(q)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::TypeChanged {
                            old: (self.render_old)(a),
                            new: (self.render_new)(b),
                        },
                    );
                }
            }
            (NodeShape::Option(p), NodeShape::Option(q)) => {
                self.node(&format!("{path}?"), *p, *q);
            }
            (NodeShape::Seq(p), NodeShape::Seq(q)) => self.node(&format!("{path}[]"), *p, *q),
            (NodeShape::Map(k1, v1), NodeShape::Map(k2, v2)) => {
                self.node(&format!("{path}{{key}}"), *k1, *k2);
                self.node(&format!("{path}{{value}}"), *v1, *v2);
            }
            (NodeShape::Array(n, p), NodeShape::Array(m, q)) => {
                if n != m {
                    self.push(path, ChangeKind::ArrayLenChanged { old: *n, new: *m });
                }
                self.node(&format!("{path}[]"), *p, *q);
            }
            (NodeShape::Tuple(ps), NodeShape::Tuple(qs)) if ps.len() == qs.len() => {
                for (i, (p, q)) in ps.iter().zip(qs).enumerate() {
                    self.node(&format!("{path}.{i}"), *p, *q);
                }
            }
            (NodeShape::Struct(s), NodeShape::Struct(t)) => {
                self.attrs(path, &s.attrs, &t.attrs);
                if s.kind != t.kind {
                    self.push(
                        path,
                        ChangeKind::KindChanged {
                            old: s.kind,
                            new: t.kind,
                        },
                    );
                } else {
                    self.fields(path, s.kind, &s.fields, &t.fields);
                }
            }
            (NodeShape::Enum(s), NodeShape::Enum(t)) => self.enums(path, s, t),
            (NodeShape::Opaque(p), NodeShape::Opaque(q)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::OpaqueChanged {
                            old: p.clone(),
                            new: q.clone(),
                        },
                    );
                }
            }
            (NodeShape::Named(p, x), NodeShape::Named(q, y)) => {
                if p != q {
                    self.push(
                        path,
                        ChangeKind::NamedChanged {
                            old: p.clone(),
                            new: q.clone(),
                        },
                    );
                }
                self.node(path, *x, *y);
            }
            (
                NodeShape::Readable { human, compact },
                NodeShape::Readable {
                    human: human2,
                    compact: compact2,
                },
            ) => {
                self.node(&format!("{path}<human>"), *human, *human2);
                self.node(&format!("{path}<compact>"), *compact, *compact2);
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
                // A side without a type of its own is the type's own structure.
                let (s1, d1) = (s1.unwrap_or(*o1), d1.unwrap_or(*o1));
                let (s2, d2) = (s2.unwrap_or(*o2), d2.unwrap_or(*o2));
                self.node(&format!("{path}<serialize>"), s1, s2);
                self.node(&format!("{path}<deserialize>"), d1, d2);
            }
            _ => self.push(
                path,
                ChangeKind::ShapeChanged {
                    old: (self.render_old)(a),
                    new: (self.render_new)(b),
                },
            ),
        }
    }

    fn attrs(&mut self, path: &str, old: &Attrs, new: &Attrs) {
        let keys: BTreeSet<&str> = old.iter().chain(new).map(|(k, _)| k.as_str()).collect();
        for key in keys {
            let (ov, nv) = (values_of(old, key), values_of(new, key));
            if let ([o], [n]) = (ov.as_slice(), nv.as_slice()) {
                if o != n {
                    self.push(
                        path,
                        ChangeKind::AttrChanged {
                            key: key.to_owned(),
                            old: (*o).to_owned(),
                            new: (*n).to_owned(),
                        },
                    );
                }
                continue;
            }
            for o in ov.iter().filter(|o| !nv.contains(o)) {
                self.push(
                    path,
                    ChangeKind::AttrRemoved {
                        attr: attr_text(key, o),
                    },
                );
            }
            for n in nv.iter().filter(|n| !ov.contains(n)) {
                self.push(
                    path,
                    ChangeKind::AttrAdded {
                        attr: attr_text(key, n),
                    },
                );
            }
        }
    }

    fn field_pair(&mut self, path: &str, a: &NodeField, b: &NodeField) {
        self.attrs(path, &a.attrs, &b.attrs);
        self.node(path, a.ty, b.ty);
    }

    fn fields(&mut self, path: &str, kind: StructKind, old: &[NodeField], new: &[NodeField]) {
        if kind != StructKind::Named {
            // Positional: compare by index.
            for i in 0..old.len().max(new.len()) {
                let p = field_path(path, kind, i, "");
                match (old.get(i), new.get(i)) {
                    (Some(a), Some(b)) => self.field_pair(&p, a, b),
                    (Some(a), None) => self.push(
                        &p,
                        ChangeKind::FieldRemoved {
                            ty: (self.render_old)(a.ty),
                            attrs: attr_texts(&a.attrs),
                        },
                    ),
                    (None, Some(b)) => self.push(
                        &p,
                        ChangeKind::FieldAdded {
                            ty: (self.render_new)(b.ty),
                            attrs: attr_texts(&b.attrs),
                        },
                    ),
                    (None, None) => {}
                }
            }
            return;
        }
        let old_keys = keys(old.iter().map(|f| f.name.as_str()));
        let new_keys = keys(new.iter().map(|f| f.name.as_str()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        // A field gone and another new at the same position, with the same type: renamed.
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && self.same(old[i].ty, new[i].ty)
            })
            .collect();
        let _ = self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, false);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                self.push(
                    &field_path(path, kind, i, &a.name),
                    ChangeKind::FieldRemoved {
                        ty: (self.render_old)(a.ty),
                        attrs: attr_texts(&a.attrs),
                    },
                );
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = field_path(path, kind, j, &b.name);
            if let Some(i) = in_old[j] {
                self.field_pair(&p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                self.push(
                    path,
                    ChangeKind::FieldRenamed {
                        old: name_token(&old[j].name),
                        new: name_token(&b.name),
                    },
                );
                self.attrs(&p, &old[j].attrs, &b.attrs);
            } else {
                self.push(
                    &p,
                    ChangeKind::FieldAdded {
                        ty: (self.render_new)(b.ty),
                        attrs: attr_texts(&b.attrs),
                    },
                );
            }
        }
    }

    /// Reports a different relative order of the names present on both sides.
    fn reordered(
        &mut self,
        path: &str,
        old_keys: &[(&str, usize)],
        new_keys: &[(&str, usize)],
        in_new: &[Option<usize>],
        in_old: &[Option<usize>],
        variants: bool,
    ) -> bool {
        let old_common: Vec<(&str, usize)> = old_keys
            .iter()
            .zip(in_new)
            .filter(|(_, m)| m.is_some())
            .map(|(k, _)| *k)
            .collect();
        let new_common: Vec<(&str, usize)> = new_keys
            .iter()
            .zip(in_old)
            .filter(|(_, m)| m.is_some())
            .map(|(k, _)| *k)
            .collect();
        if old_common == new_common {
            return false;
        }
        let names = |keys: &[(&str, usize)]| keys.iter().map(|(n, _)| name_token(n)).collect();
        let (old, new) = (names(&old_common), names(&new_common));
        self.push(
            path,
            if variants {
                ChangeKind::VariantsReordered { old, new }
            } else {
                ChangeKind::FieldsReordered { old, new }
            },
        );
        true
    }

    fn enums(&mut self, path: &str, s: &NodeEnum, t: &NodeEnum) {
        if s.repr != t.repr {
            self.push(
                path,
                ChangeKind::ReprChanged {
                    old: s.repr.clone(),
                    new: t.repr.clone(),
                },
            );
        }
        self.attrs(path, &s.attrs, &t.attrs);
        let (old, new) = (&s.variants, &t.variants);
        let old_keys = keys(old.iter().map(|v| v.name.as_str()));
        let new_keys = keys(new.iter().map(|v| v.name.as_str()));
        let (in_new, in_old) = match_keys(&old_keys, &new_keys);
        let renamed: Vec<bool> = (0..old.len())
            .map(|i| {
                i < new.len()
                    && in_new[i].is_none()
                    && in_old[i].is_none()
                    && self.same_payload(&old[i], &new[i])
            })
            .collect();
        let reordered = self.reordered(path, &old_keys, &new_keys, &in_new, &in_old, true);
        for (i, a) in old.iter().enumerate() {
            if in_new[i].is_none() && !renamed[i] {
                self.push(
                    &format!("{path}::{}", name_token(&a.name)),
                    ChangeKind::VariantRemoved,
                );
            }
        }
        for (j, b) in new.iter().enumerate() {
            let p = format!("{path}::{}", name_token(&b.name));
            if let Some(i) = in_old[j] {
                self.variant(&p, &old[i], b);
            } else if renamed.get(j) == Some(&true) {
                self.push(
                    path,
                    ChangeKind::VariantRenamed {
                        old: name_token(&old[j].name),
                        new: name_token(&b.name),
                    },
                );
                self.variant(&p, &old[j], b);
            } else {
                self.push(&p, ChangeKind::VariantAdded);
            }
        }
        // Variants that kept their place among the others but moved because variants were
        // added or removed before them: index-based formats see a different variant.
        if !reordered {
            let moved: Vec<(String, usize, usize)> = in_new
                .iter()
                .enumerate()
                .filter_map(|(i, j)| {
                    j.filter(|j| *j != i)
                        .map(|j| (name_token(&old[i].name), i, j))
                })
                .collect();
            if !moved.is_empty() {
                self.push(path, ChangeKind::VariantsRenumbered { moved });
            }
        }
    }

    /// Same form, same field names, same field types.
    fn same_payload(&self, a: &NodeVariant, b: &NodeVariant) -> bool {
        a.kind == b.kind
            && a.fields.len() == b.fields.len()
            && a.fields
                .iter()
                .zip(&b.fields)
                .all(|(f, g)| f.name == g.name && self.same(f.ty, g.ty))
    }

    fn variant(&mut self, path: &str, a: &NodeVariant, b: &NodeVariant) {
        self.attrs(path, &a.attrs, &b.attrs);
        if a.discriminant != b.discriminant {
            self.push(
                path,
                ChangeKind::DiscriminantChanged {
                    old: a.discriminant,
                    new: b.discriminant,
                },
            );
        }
        if a.kind != b.kind {
            self.push(
                path,
                ChangeKind::KindChanged {
                    old: a.kind,
                    new: b.kind,
                },
            );
        } else {
            self.fields(path, a.kind, &a.fields, &b.fields);
        }
    }
}

fn attr_texts(attrs: &Attrs) -> Vec<String> {
    attrs.iter().map(|(k, v)| attr_text(k, v)).collect()
}

fn values_of<'a>(attrs: &'a Attrs, key: &str) -> Vec<&'a str> {
    attrs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}
