//! Reading, last stage: declarations become the shape graph that `check.rs` walks.

use std::collections::BTreeMap;
use std::format;
use std::string::String;
use std::vec::Vec;

use crate::diff::{Graph, Id, Node, NodeEnum, NodeField, NodeShape, NodeStruct, NodeVariant, Text};

use super::decl::{DeclAst, Expr, FieldAst, SectionAst};
use super::parse::{ParseResult, excerpt};

/// A section's shape graph, its root, and the label of each declared node.
pub(super) type Built = (Graph<'static>, Id, BTreeMap<Id, String>);

/// The shape graph of one section's declarations, the root's id, and the labels.
pub(super) fn section(section: &str, ast: SectionAst, fp_line: usize) -> ParseResult<Built> {
    // Every label gets its node first, so that declarations can refer to each other.
    let mut graph = Graph::default();
    let mut ids: BTreeMap<String, Id> = BTreeMap::new();
    for (label, line, _) in &ast.decls {
        if ids.contains_key(label) {
            return Err((
                *line,
                format!(
                    "`{}` is declared twice in `[{}]`",
                    excerpt(label),
                    excerpt(section)
                ),
            ));
        }
        let id = graph.push(Node {
            fp: None,
            name: label.clone().into(),
            desc: None,
            shape: NodeShape::Tuple(Vec::new()),
        });
        ids.insert(label.clone(), id);
    }
    let mut build = Build {
        graph: &mut graph,
        ids: &ids,
    };
    for (label, _, decl) in ast.decls {
        let shape = build.decl(&label, decl)?;
        build.graph.nodes[ids[&label]].shape = shape;
    }
    let root = match ast.root {
        Some(e) => build.expr(e)?,
        None => match ids.values().min() {
            Some(&first) => first,
            None => {
                let section = excerpt(section);
                return Err((fp_line, format!("expected a declaration of `{section}`")));
            }
        },
    };
    let labels = ids.into_iter().map(|(label, id)| (id, label)).collect();
    Ok((graph, root, labels))
}

/// Turns parsed declarations into graph nodes.
struct Build<'a> {
    graph: &'a mut Graph<'static>,
    ids: &'a BTreeMap<String, Id>,
}

impl Build<'_> {
    fn node(&mut self, shape: NodeShape) -> Id {
        self.graph.push(Node {
            fp: None,
            name: Text::Borrowed(""),
            desc: None,
            shape,
        })
    }

    /// A type expression's node: a declared one by label, else a new node.
    fn expr(&mut self, e: Expr) -> ParseResult<Id> {
        if let Expr::Named(label, line) = e {
            return self.ids.get(&label).copied().ok_or_else(|| {
                let label = excerpt(&label);
                (line, format!("`{label}` is not declared in this section"))
            });
        }
        let shape = self.shape(e)?;
        Ok(self.node(shape))
    }

    /// The shape of a type expression that is not a name; its parts become nodes.
    fn shape(&mut self, e: Expr) -> ParseResult<NodeShape> {
        Ok(match e {
            Expr::Prim(p) => NodeShape::Primitive(p),
            Expr::Option(x) => NodeShape::Option(self.expr(*x)?),
            Expr::Seq(x) => NodeShape::Seq(self.expr(*x)?),
            Expr::Map(k, v) => NodeShape::Map(self.expr(*k)?, self.expr(*v)?),
            Expr::Array(n, x) => NodeShape::Array(n, self.expr(*x)?),
            Expr::Tuple(xs) => {
                let ids = xs
                    .into_iter()
                    .map(|x| self.expr(x))
                    .collect::<ParseResult<Vec<Id>>>()?;
                NodeShape::Tuple(ids)
            }
            // Callers handle names.
            Expr::Named(label, line) => {
                let label = excerpt(&label);
                return Err((line, format!("`{label}` is a name, not a type expression")));
            }
        })
    }

    fn fields(&mut self, fields: Vec<FieldAst>) -> ParseResult<Vec<NodeField>> {
        fields
            .into_iter()
            .map(|f| {
                Ok(NodeField {
                    name: f.name.into(),
                    attrs: f.attrs,
                    ty: self.expr(f.ty)?,
                })
            })
            .collect()
    }

    fn decl(&mut self, label: &str, d: DeclAst) -> ParseResult<NodeShape> {
        Ok(match d {
            // The declared node is the expression's own node.
            DeclAst::Alias(Expr::Named(other, line)) => {
                let (label, other) = (excerpt(label), excerpt(&other));
                return Err((
                    line,
                    format!(
                        "`type {label} = {other}` only renames a type: write `{other}` where \
                         `{label}` is used (a `type` declaration is for a shape such as `[T]`)"
                    ),
                ));
            }
            DeclAst::Alias(e) => self.shape(e)?,
            DeclAst::Struct {
                kind,
                attrs,
                fields,
            } => NodeShape::Struct(NodeStruct {
                kind,
                attrs,
                fields: self.fields(fields)?,
            }),
            DeclAst::Enum {
                repr,
                attrs,
                variants,
            } => NodeShape::Enum(NodeEnum {
                repr: repr.into(),
                attrs,
                variants: variants
                    .into_iter()
                    .map(|v| {
                        Ok(NodeVariant {
                            name: v.name.into(),
                            attrs: v.attrs,
                            discriminant: v.discriminant,
                            kind: v.kind,
                            fields: self.fields(v.fields)?,
                        })
                    })
                    .collect::<ParseResult<Vec<_>>>()?,
            }),
            DeclAst::Opaque(name) => NodeShape::Opaque(name.into()),
            DeclAst::Named(name, inner) => NodeShape::Named(name.into(), self.expr(inner)?),
            DeclAst::Readable { human, compact } => NodeShape::Readable {
                human: self.expr(human)?,
                compact: self.expr(compact)?,
            },
            DeclAst::Proxy {
                serialize,
                deserialize,
                own,
            } => NodeShape::Proxy {
                serialize: serialize.map(|e| self.expr(e)).transpose()?,
                deserialize: deserialize.map(|e| self.expr(e)).transpose()?,
                own: self.expr(own)?,
            },
        })
    }
}
