//! Reading: one section's declarations and type expressions, from tokens to a syntax tree
//! (then `build.rs` makes it a shape graph).

use std::borrow::ToOwned;
use std::boxed::Box;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use crate::diff::Attrs;
use crate::{Primitive, StructKind};

use super::parse::{ParseResult, excerpt};
use super::token::{Tok, Token, primitive_named};

pub(super) enum Expr {
    Prim(Primitive),
    Option(Box<Expr>),
    Seq(Box<Expr>),
    Map(Box<Expr>, Box<Expr>),
    Array(u64, Box<Expr>),
    Tuple(Vec<Expr>),
    Named(String, usize),
}

pub(super) struct FieldAst {
    pub(super) name: String,
    pub(super) attrs: Attrs,
    pub(super) ty: Expr,
}

pub(super) struct VariantAst {
    pub(super) name: String,
    pub(super) attrs: Attrs,
    pub(super) discriminant: Option<i128>,
    pub(super) kind: StructKind,
    pub(super) fields: Vec<FieldAst>,
}

pub(super) enum DeclAst {
    Struct {
        kind: StructKind,
        attrs: Attrs,
        fields: Vec<FieldAst>,
    },
    Enum {
        repr: String,
        attrs: Attrs,
        variants: Vec<VariantAst>,
    },
    Opaque(String),
    Named(String, Expr),
    Readable {
        human: Expr,
        compact: Expr,
    },
    Proxy {
        serialize: Option<Expr>,
        deserialize: Option<Expr>,
        own: Expr,
    },
    /// `type Label = [..]`: an anonymous shape declared by name, where its expression
    /// would not be finite or readable inline.
    Alias(Expr),
}

/// How deep type expressions may nest (`Option<[(u8,)]>` is 3 deep): far deeper than
/// any real type, and shallow enough that reading one recursively cannot overflow a stack.
/// The writer declares deeper parts separately, so it never writes more.
pub(super) const MAX_NESTING: usize = 128;

const DECLARATION: &str =
    "a declaration (`struct`, `enum`, `opaque`, `named`, `readable`, `proxy` or `type`)";

/// One section's syntax tree.
pub(super) struct SectionAst {
    /// The root's type expression (`type = [Order]`), when the root is not declared.
    pub(super) root: Option<Expr>,
    /// Each declaration with its label and line; the first is the root otherwise.
    pub(super) decls: Vec<(String, usize, DeclAst)>,
}

/// Parser of one section's declarations.
pub(super) struct Body<'t> {
    pub(super) toks: &'t [Token],
    pub(super) pos: usize,
    /// The line reported for "unexpected end".
    pub(super) end_line: usize,
    pub(super) fp_line: usize,
}

impl Body<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.pos + 1).map(|t| &t.tok)
    }

    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_line, |t| t.line)
    }

    fn found(&self) -> String {
        match self.peek() {
            Some(t) => t.to_string(),
            None => "the end of the section".to_owned(),
        }
    }

    fn err<T>(&self, expected: &str) -> ParseResult<T> {
        Err((
            self.line(),
            format!("expected {expected}, found {}", self.found()),
        ))
    }

    fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.is_punct(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, expected: &str) -> ParseResult<()> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(expected)
        }
    }

    fn keyword(&mut self, word: &str) -> ParseResult<()> {
        if self.peek() == Some(&Tok::Ident(word.to_owned())) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(&format!("`{word}`"))
        }
    }

    /// An identifier or a quoted string.
    fn name(&mut self, what: &str) -> ParseResult<String> {
        match self.peek() {
            Some(Tok::Ident(s)) | Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => self.err(what),
        }
    }

    /// The whole section: an optional `type = ..` line, then declarations.
    pub(super) fn parse(mut self, section: &str) -> ParseResult<SectionAst> {
        if self.toks.is_empty() {
            return Err((
                self.fp_line,
                format!(
                    "expected the description of `{}` after its fingerprint",
                    excerpt(section)
                ),
            ));
        }
        let mut root = None;
        if self.peek() == Some(&Tok::Ident("type".to_owned()))
            && self.peek2() == Some(&Tok::Punct('='))
        {
            self.pos += 2;
            root = Some(self.expr()?);
        }
        let mut decls = Vec::new();
        while self.peek().is_some() {
            decls.push(self.decl()?);
        }
        Ok(SectionAst { root, decls })
    }

    /// `#[serde(..)]` and `#[repr(..)]` lines.
    fn attrs(&mut self) -> ParseResult<(Attrs, Option<(String, usize)>)> {
        let mut attrs = Attrs::new();
        let mut repr = None;
        while self.is_punct('#') {
            self.pos += 1;
            self.expect('[', "`[` after `#`")?;
            let line = self.line();
            match self.peek() {
                Some(Tok::Ident(w)) if w == "serde" => {
                    self.pos += 1;
                    self.expect('(', "`(` after `serde`")?;
                    while !self.eat(')') {
                        let key = self.name("an attribute name or `)`")?;
                        let value = if self.eat('=') {
                            match self.peek() {
                                Some(Tok::Str(s)) => {
                                    let s = s.clone();
                                    self.pos += 1;
                                    s
                                }
                                _ => return self.err("a quoted attribute value"),
                            }
                        } else {
                            String::new()
                        };
                        attrs.push((key.into(), value.into()));
                        if !self.eat(',') && !self.is_punct(')') {
                            return self.err("`,` or `)` in `#[serde(..)]`");
                        }
                    }
                }
                Some(Tok::Ident(w)) if w == "repr" => {
                    self.pos += 1;
                    self.expect('(', "`(` after `repr`")?;
                    let r = self.name("an integer type in `#[repr(..)]`")?;
                    self.expect(')', "`)` after the repr")?;
                    repr = Some((r, line));
                }
                _ => return self.err("`serde` or `repr` in an attribute"),
            }
            self.expect(']', "`]` closing the attribute")?;
        }
        Ok((attrs, repr))
    }

    fn no_repr(repr: Option<(String, usize)>) -> ParseResult<()> {
        match repr {
            Some((_, line)) => Err((line, "`#[repr(..)]` is only allowed on an enum".to_owned())),
            None => Ok(()),
        }
    }

    fn decl(&mut self) -> ParseResult<(String, usize, DeclAst)> {
        let (attrs, repr) = self.attrs()?;
        let line = self.line();
        let word = match self.peek() {
            Some(Tok::Ident(w)) => w.clone(),
            _ => {
                return self.err(DECLARATION);
            }
        };
        let plain = |attrs: &Attrs, repr: Option<(String, usize)>| -> ParseResult<()> {
            Self::no_repr(repr)?;
            if attrs.is_empty() {
                Ok(())
            } else {
                Err((
                    line,
                    format!("`#[serde(..)]` is not allowed on `{}`", excerpt(&word)),
                ))
            }
        };
        let decl = match word.as_str() {
            "struct" => {
                self.pos += 1;
                Self::no_repr(repr)?;
                let label = self.name("a type name after `struct`")?;
                let (kind, fields) = self.payload()?;
                if kind != StructKind::Named {
                    self.expect(';', "`;` after a tuple or unit struct")?;
                }
                (
                    label,
                    DeclAst::Struct {
                        kind,
                        attrs,
                        fields,
                    },
                )
            }
            "enum" => {
                self.pos += 1;
                let label = self.name("a type name after `enum`")?;
                self.expect('{', "`{` after the enum's name")?;
                let mut variants = Vec::new();
                while !self.eat('}') {
                    variants.push(self.variant()?);
                    if !self.eat(',') && !self.is_punct('}') {
                        return self.err("`,` or `}` after a variant");
                    }
                }
                (
                    label,
                    DeclAst::Enum {
                        repr: repr.map(|(r, _)| r).unwrap_or_default(),
                        attrs,
                        variants,
                    },
                )
            }
            "opaque" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `opaque`")?;
                self.expect('=', "`=` after the opaque type's name")?;
                let name = match self.peek() {
                    Some(Tok::Str(s)) => s.clone(),
                    _ => return self.err("the quoted name of the opaque shape"),
                };
                self.pos += 1;
                (label, DeclAst::Opaque(name))
            }
            "named" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `named`")?;
                self.expect('=', "`=` after the named shape's type name")?;
                let name = match self.peek() {
                    Some(Tok::Str(s)) => s.clone(),
                    _ => return self.err("the quoted meaning of the named shape"),
                };
                self.pos += 1;
                let inner = self.expr()?;
                (label, DeclAst::Named(name, inner))
            }
            "readable" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `readable`")?;
                self.expect('{', "`{` after the type's name")?;
                self.keyword("human")?;
                self.expect(':', "`:` after `human`")?;
                let human = self.expr()?;
                self.expect(',', "`,` after the human-readable form")?;
                self.keyword("compact")?;
                self.expect(':', "`:` after `compact`")?;
                let compact = self.expr()?;
                self.eat(',');
                self.expect('}', "`}` closing the declaration")?;
                (label, DeclAst::Readable { human, compact })
            }
            "type" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `type`")?;
                self.expect('=', "`=` after the type's name")?;
                (label, DeclAst::Alias(self.expr()?))
            }
            "proxy" => {
                self.pos += 1;
                plain(&attrs, repr)?;
                let label = self.name("a type name after `proxy`")?;
                self.expect('{', "`{` after the type's name")?;
                self.keyword("serialize")?;
                self.expect(':', "`:` after `serialize`")?;
                let serialize = self.side()?;
                self.expect(',', "`,` after the serialized form")?;
                self.keyword("deserialize")?;
                self.expect(':', "`:` after `deserialize`")?;
                let deserialize = self.side()?;
                self.expect(',', "`,` after the deserialized form")?;
                self.keyword("own")?;
                self.expect(':', "`:` after `own`")?;
                let own = self.expr()?;
                self.eat(',');
                self.expect('}', "`}` closing the declaration")?;
                (
                    label,
                    DeclAst::Proxy {
                        serialize,
                        deserialize,
                        own,
                    },
                )
            }
            _ => {
                return self.err(DECLARATION);
            }
        };
        Ok((decl.0, line, decl.1))
    }

    fn side(&mut self) -> ParseResult<Option<Expr>> {
        if self.peek() == Some(&Tok::Ident("own".to_owned())) {
            self.pos += 1;
            Ok(None)
        } else {
            self.expr().map(Some)
        }
    }

    /// `;`-less payload: nothing (unit), `( .. )` or `{ .. }`.
    fn payload(&mut self) -> ParseResult<(StructKind, Vec<FieldAst>)> {
        let mut fields = Vec::new();
        if self.eat('(') {
            // `(#[fingerprint(skip)])`: a newtype whose one field the fingerprint leaves out.
            if self.is_punct('#')
                && self.peek2() == Some(&Tok::Punct('['))
                && self.toks.get(self.pos + 2).map(|t| &t.tok)
                    == Some(&Tok::Ident("fingerprint".to_owned()))
            {
                self.pos += 3;
                self.expect('(', "`(` after `fingerprint`")?;
                self.keyword("skip")?;
                self.expect(')', "`)` after `skip`")?;
                self.expect(']', "`]` closing the attribute")?;
                self.expect(
                    ')',
                    "`)` after `#[fingerprint(skip)]`: the field has no type",
                )?;
                return Ok((StructKind::Newtype, fields));
            }
            let mut trailing = false;
            while !self.eat(')') {
                let (attrs, repr) = self.attrs()?;
                Self::no_repr(repr)?;
                let ty = self.expr()?;
                fields.push(FieldAst {
                    name: String::new(),
                    attrs,
                    ty,
                });
                trailing = self.eat(',');
                if !trailing && !self.is_punct(')') {
                    return self.err("`,` or `)` after a field");
                }
            }
            // `(T)` is a newtype, `(T,)` a tuple of one field.
            let kind = if fields.len() == 1 && !trailing {
                StructKind::Newtype
            } else {
                StructKind::Tuple
            };
            Ok((kind, fields))
        } else if self.eat('{') {
            while !self.eat('}') {
                let (attrs, repr) = self.attrs()?;
                Self::no_repr(repr)?;
                let name = self.name("a field name or `}`")?;
                self.expect(':', "`:` after the field name")?;
                let ty = self.expr()?;
                fields.push(FieldAst { name, attrs, ty });
                if !self.eat(',') && !self.is_punct('}') {
                    return self.err("`,` or `}` after a field");
                }
            }
            Ok((StructKind::Named, fields))
        } else {
            Ok((StructKind::Unit, fields))
        }
    }

    fn variant(&mut self) -> ParseResult<VariantAst> {
        let (attrs, repr) = self.attrs()?;
        Self::no_repr(repr)?;
        let name = self.name("a variant name or `}`")?;
        let (kind, fields) = self.payload()?;
        let discriminant = if self.eat('=') {
            match self.peek() {
                Some(Tok::Int(n)) => {
                    let n = *n;
                    self.pos += 1;
                    Some(n)
                }
                _ => return self.err("an integer discriminant after `=`"),
            }
        } else {
            None
        };
        Ok(VariantAst {
            name,
            attrs,
            discriminant,
            kind,
            fields,
        })
    }

    /// A type expression that no other expression encloses.
    fn expr(&mut self) -> ParseResult<Expr> {
        self.expr_in(0)
    }

    /// A type expression inside `depth` others. Recursive, so bounded: a hostile line of
    /// `[[[[..` is an error on its line, not a stack overflow.
    fn expr_in(&mut self, depth: usize) -> ParseResult<Expr> {
        let line = self.line();
        let inner = depth + 1;
        let nested = |this: &Self| -> ParseResult<()> {
            if inner > MAX_NESTING {
                return Err((
                    this.line(),
                    format!(
                        "type expression nested more than {MAX_NESTING} deep: a lockfile nests \
                         `Option<..>`, `[..]`, `Map<..>` and tuples at most {MAX_NESTING} deep \
                         (objfp declares deeper parts with `type Name = ..`); fix the edit, or \
                         regenerate the file with OBJFP_UPDATE=1"
                    ),
                ));
            }
            Ok(())
        };
        match self.peek().cloned() {
            Some(Tok::Ident(word)) => {
                self.pos += 1;
                if let Some(p) = primitive_named(&word) {
                    return Ok(Expr::Prim(p));
                }
                if word == "Option" && self.eat('<') {
                    nested(self)?;
                    let item = self.expr_in(inner)?;
                    self.expect('>', "`>` closing `Option<..>`")?;
                    return Ok(Expr::Option(Box::new(item)));
                }
                if word == "Map" && self.eat('<') {
                    nested(self)?;
                    let key = self.expr_in(inner)?;
                    self.expect(',', "`,` between the key and value types of `Map<K, V>`")?;
                    let value = self.expr_in(inner)?;
                    self.expect('>', "`>` closing `Map<K, V>`")?;
                    return Ok(Expr::Map(Box::new(key), Box::new(value)));
                }
                Ok(Expr::Named(word, line))
            }
            Some(Tok::Str(label)) => {
                self.pos += 1;
                Ok(Expr::Named(label, line))
            }
            Some(Tok::Punct('[')) => {
                self.pos += 1;
                nested(self)?;
                let item = self.expr_in(inner)?;
                if self.eat(']') {
                    return Ok(Expr::Seq(Box::new(item)));
                }
                self.expect(';', "`]` or `; N]` after the item type")?;
                let len = match self.peek() {
                    Some(Tok::Int(n)) => u64::try_from(*n).ok(),
                    _ => None,
                };
                let Some(len) = len else {
                    return self.err("an array length");
                };
                self.pos += 1;
                self.expect(']', "`]` after the array length")?;
                Ok(Expr::Array(len, Box::new(item)))
            }
            Some(Tok::Punct('(')) => {
                self.pos += 1;
                nested(self)?;
                let mut items = Vec::new();
                let mut trailing = false;
                while !self.eat(')') {
                    items.push(self.expr_in(inner)?);
                    trailing = self.eat(',');
                    if !trailing && !self.is_punct(')') {
                        return self.err("`,` or `)` in a tuple");
                    }
                }
                if items.len() == 1 && !trailing {
                    return Err((line, "a tuple of one element is written `(T,)`".to_owned()));
                }
                Ok(Expr::Tuple(items))
            }
            _ => self.err("a type"),
        }
    }
}
