//! Reading, last stage: declarations become the shape graph that `check.rs` walks.

use std::collections::BTreeMap;
use std::format;
use std::string::String;
use std::vec::Vec;

use crate::diff::{Graph, Id, Node, NodeEnum, NodeField, NodeShape, NodeStruct, NodeVariant};

use super::decl::{DeclAst, Expr, FieldAst, SectionAst};
use super::parse::ParseResult;

/// The shape graph of one section's declarations, and the root's id.
pub(super) fn section(
    section: &str,
    ast: SectionAst,
    fp_line: usize,
) -> ParseResult<(Graph<'static>, Id)> {
    // Every label gets its node first, so that declarations can refer to each other.
    let mut graph = Graph::default();
    let mut ids: BTreeMap<String, Id> = BTreeMap::new();
    for (label, line, _) in &ast.decls {
        if ids.contains_key(label) {
            return Err((
                *line,
                format!("`{label}` is declared twice in `[{section}]`"),
            ));
        }
        let id = graph.push(Node {
            fp: None,
            name: label.clone(),
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
        let shape = build.decl(decl)?;
        build.graph.nodes[ids[&label]].shape = shape;
    }
    let root = match ast.root {
        Some(e) => build.expr(e)?,
        None => match ids.values().min() {
            Some(&first) => first,
            None => {
                return Err((fp_line, format!("expected a declaration of `{section}`")));
            }
        },
    };
    Ok((graph, root))
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
            name: String::new(),
            desc: None,
            shape,
        })
    }

    fn expr(&mut self, e: Expr) -> ParseResult<Id> {
        let shape =
            match e {
                Expr::Named(label, line) => {
                    return self.ids.get(&label).copied().ok_or_else(|| {
                        (line, format!("`{label}` is not declared in this section"))
                    });
                }
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
            };
        Ok(self.node(shape))
    }

    fn fields(&mut self, fields: Vec<FieldAst>) -> ParseResult<Vec<NodeField>> {
        fields
            .into_iter()
            .map(|f| {
                Ok(NodeField {
                    name: f.name,
                    attrs: f.attrs,
                    ty: self.expr(f.ty)?,
                })
            })
            .collect()
    }

    fn decl(&mut self, d: DeclAst) -> ParseResult<NodeShape> {
        Ok(match d {
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
                repr,
                attrs,
                variants: variants
                    .into_iter()
                    .map(|v| {
                        Ok(NodeVariant {
                            name: v.name,
                            attrs: v.attrs,
                            discriminant: v.discriminant,
                            kind: v.kind,
                            fields: self.fields(v.fields)?,
                        })
                    })
                    .collect::<ParseResult<Vec<_>>>()?,
            }),
            DeclAst::Opaque(name) => NodeShape::Opaque(name),
            DeclAst::Named(name, inner) => NodeShape::Named(name, self.expr(inner)?),
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
