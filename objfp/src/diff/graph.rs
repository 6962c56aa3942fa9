//! An owned graph of a type's shape: each distinct type once, recursion as cycles. Built
//! from a [`Description`] here, or parsed from a lockfile in `lock`; the diff walk and the
//! lockfile writer both read it.

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::{Description, Fingerprint, Primitive, Shape, StructKind};

use super::type_name;

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
    pub name: Text,
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
    Opaque(Text),
    Named(Text, Id),
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

/// A name or value in a graph: borrowed from a description (whose strings are all
/// `'static`), or owned when parsed from a lockfile. Building a description's graph then
/// copies no text.
pub(crate) type Text = Cow<'static, str>;

pub(crate) type Attrs = Vec<(Text, Text)>;

#[derive(Debug)]
pub(crate) struct NodeStruct {
    pub kind: StructKind,
    pub attrs: Attrs,
    pub fields: Vec<NodeField>,
}

#[derive(Debug)]
pub(crate) struct NodeEnum {
    pub repr: Text,
    pub attrs: Attrs,
    pub variants: Vec<NodeVariant>,
}

#[derive(Debug)]
pub(crate) struct NodeVariant {
    pub name: Text,
    pub attrs: Attrs,
    pub discriminant: Option<i128>,
    pub kind: StructKind,
    pub fields: Vec<NodeField>,
}

#[derive(Debug)]
pub(crate) struct NodeField {
    pub name: Text,
    pub attrs: Attrs,
    pub ty: Id,
}

fn attrs_of(attrs: crate::Attrs) -> Attrs {
    attrs
        .iter()
        .map(|a| (Cow::Borrowed(a.key), Cow::Borrowed(a.value)))
        .collect()
}

impl<'d> Graph<'d> {
    /// The graph of everything reachable from `root`, and the root's id. Descriptions are
    /// identified by fingerprint and name, so a recursive type becomes a cycle.
    /// Iterative, so that a description chain of any depth is built without deep
    /// recursion.
    pub fn from_description(root: &'d Description) -> (Self, Id) {
        let mut builder = Builder {
            graph: Graph::default(),
            seen: BTreeMap::new(),
            todo: Vec::new(),
        };
        let id = builder.add(root);
        while let Some((id, d, shape)) = builder.todo.pop() {
            let shape = builder.shape(d, shape);
            builder.graph.nodes[id].shape = shape;
        }
        (builder.graph, id)
    }

    pub fn push(&mut self, node: Node<'d>) -> Id {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// [`type_name`] of a node built from a description.
    pub(crate) fn rust_name(&self, id: Id) -> String {
        match self.nodes[id].desc {
            Some(d) => type_name(d),
            None => self.nodes[id].name.clone().into_owned(),
        }
    }
}

struct Builder<'d> {
    graph: Graph<'d>,
    seen: BTreeMap<(Fingerprint, &'d str), Id>,
    /// Nodes whose id is reserved and whose shape is still to build.
    todo: Vec<(Id, &'d Description, &'d Shape)>,
}

impl<'d> Builder<'d> {
    fn add(&mut self, d: &'d Description) -> Id {
        if let Some(&id) = self.seen.get(&(d.fingerprint, d.name)) {
            return id;
        }
        // Reserve the id first: the shape may lead back here. It is built later, from
        // `todo`.
        let id = self.graph.push(Node {
            fp: Some(d.fingerprint),
            name: Cow::Borrowed(d.name),
            desc: Some(d),
            shape: NodeShape::Tuple(Vec::new()),
        });
        self.seen.insert((d.fingerprint, d.name), id);
        self.todo.push((id, d, &d.shape));
        id
    }

    fn fields(&mut self, fields: crate::Fields) -> Vec<NodeField> {
        fields
            .iter()
            .map(|f| NodeField {
                name: Cow::Borrowed(f.name),
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
                repr: Cow::Borrowed(e.repr),
                attrs: attrs_of(e.attrs),
                variants: e
                    .variants
                    .iter()
                    .map(|v| NodeVariant {
                        name: Cow::Borrowed(v.name),
                        attrs: attrs_of(v.attrs),
                        discriminant: v.discriminant,
                        kind: v.kind,
                        fields: self.fields(v.fields),
                    })
                    .collect(),
            }),
            Shape::Opaque(name) => NodeShape::Opaque(Cow::Borrowed(name)),
            Shape::Named { name, inner } => {
                NodeShape::Named(Cow::Borrowed(name), self.add(inner()))
            }
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
                    name: Cow::Borrowed(d.name),
                    desc: Some(d),
                    shape: NodeShape::Tuple(Vec::new()),
                });
                self.todo.push((own_id, d, own));
                NodeShape::Proxy {
                    serialize: serialize.map(|t| self.add(t())),
                    deserialize: deserialize.map(|t| self.add(t())),
                    own: own_id,
                }
            }
        }
    }
}
