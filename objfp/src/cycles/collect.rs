//! Stage 2: the items of one file, reduced to plain data: the scopes (the file, inline
//! `mod`s, blocks), the types that derive a fingerprint with the names their wire fields
//! mention, the other types (they shadow names), type aliases and renaming imports.

use std::string::{String, ToString};
use std::vec::Vec;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

/// One file's items.
pub struct FileModel {
    /// Scope 0 is the file.
    pub scopes: Vec<Scope>,
    pub defs: Vec<Def>,
}

/// Where names are defined: a module (the file or an inline `mod`) or a block.
pub struct Scope {
    pub parent: Option<usize>,
    /// A block (a function body): its items are seen only inside it, and it sees the
    /// names of the scopes around it.
    pub block: bool,
}

/// A name in the type namespace.
pub struct Def {
    pub name: String,
    pub scope: usize,
    pub line: usize,
    pub kind: DefKind,
}

pub enum DefKind {
    /// A struct or enum with the derive.
    Derived(Derived),
    /// A struct, enum or union without it.
    Other,
    /// `type Name = ..;`, or `use path::Target as Name;`: the names it mentions.
    Alias(Vec<Ref>),
}

pub struct Derived {
    /// The names listed by `#[fingerprint(cycle(...))]`, as written (last segments).
    pub declared: Option<Vec<String>>,
    /// The names the wire fields mention.
    pub refs: Vec<Ref>,
}

/// A mention of a name in a type.
#[derive(Clone)]
pub struct Ref {
    pub name: String,
    /// Written bare or as `self::Name`: the enclosing scopes are looked at first.
    pub local: bool,
}

/// Reduces a parsed file. `derives`: the derive names that make a type a candidate
/// (matched against the last segment of each path in `#[derive(..)]`).
pub fn collect(file: &syn::File, derives: &[String]) -> FileModel {
    let mut c = Collector {
        derives,
        scopes: std::vec![Scope {
            parent: None,
            block: false,
        }],
        defs: Vec::new(),
        current: 0,
    };
    c.visit_file(file);
    FileModel {
        scopes: c.scopes,
        defs: c.defs,
    }
}

struct Collector<'a> {
    derives: &'a [String],
    scopes: Vec<Scope>,
    defs: Vec<Def>,
    current: usize,
}

enum Body<'a> {
    Struct(&'a syn::Fields),
    Enum(&'a Punctuated<syn::Variant, syn::Token![,]>),
}

impl Collector<'_> {
    fn enter(&mut self, block: bool, f: impl FnOnce(&mut Self)) {
        let outer = self.current;
        self.scopes.push(Scope {
            parent: Some(outer),
            block,
        });
        self.current = self.scopes.len() - 1;
        f(self);
        self.current = outer;
    }

    fn push(&mut self, ident: &syn::Ident, kind: DefKind) {
        self.defs.push(Def {
            name: name_of(ident),
            scope: self.current,
            line: ident.span().start().line,
            kind,
        });
    }

    fn add_type(
        &mut self,
        attrs: &[syn::Attribute],
        ident: &syn::Ident,
        generics: &syn::Generics,
        body: Body,
    ) {
        let attrs = attr_lists(attrs);
        let derived = attrs.iter().any(|(name, tokens)| {
            name == "derive"
                && split_commas(tokens.clone())
                    .iter()
                    .any(|chunk| last_ident(chunk).is_some_and(|d| self.derives.contains(&d)))
        });
        if !derived {
            self.push(ident, DefKind::Other);
            return;
        }
        let own = name_of(ident);
        let params = type_params(generics);
        let mut opaque = false;
        let mut declared = None;
        let mut proxies = Vec::new();
        for (name, tokens) in &attrs {
            for chunk in split_commas(tokens.clone()) {
                match (name.as_str(), key(&chunk).as_deref()) {
                    ("fingerprint", Some("opaque")) => opaque = true,
                    ("fingerprint", Some("cycle")) => {
                        if let Some(list) = paren(&chunk) {
                            declared = Some(cycle_names(list, &own));
                        }
                    }
                    ("serde", Some("into" | "from" | "try_from")) => {
                        if let Some(ty) = str_value(&chunk).and_then(|s| parse_type(&s)) {
                            proxies.push(ty);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut refs = Vec::new();
        if !opaque {
            for ty in &proxies {
                type_refs(ty, &params, &mut refs);
            }
            match body {
                Body::Struct(fields) => {
                    let newtype = matches!(fields, syn::Fields::Unnamed(u) if u.unnamed.len() == 1);
                    for f in fields {
                        field_refs(f, newtype, &params, &mut refs);
                    }
                }
                Body::Enum(variants) => {
                    for v in variants {
                        if skipped(&attr_lists(&v.attrs)) {
                            continue;
                        }
                        for f in &v.fields {
                            field_refs(f, false, &params, &mut refs);
                        }
                    }
                }
            }
        }
        self.push(ident, DefKind::Derived(Derived { declared, refs }));
    }

    fn add_use(&mut self, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => self.add_use(&p.tree),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.add_use(t)),
            syn::UseTree::Rename(r) if r.rename != "_" && r.rename != r.ident => {
                let target = Ref {
                    name: name_of(&r.ident),
                    local: false,
                };
                self.push(&r.rename, DefKind::Alias(std::vec![target]));
            }
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        if i.content.is_some() {
            self.enter(false, |c| visit::visit_item_mod(c, i));
        }
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.enter(true, |c| visit::visit_block(c, b));
    }

    fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
        self.add_type(&i.attrs, &i.ident, &i.generics, Body::Struct(&i.fields));
        visit::visit_item_struct(self, i);
    }

    fn visit_item_enum(&mut self, i: &'ast syn::ItemEnum) {
        self.add_type(&i.attrs, &i.ident, &i.generics, Body::Enum(&i.variants));
        visit::visit_item_enum(self, i);
    }

    fn visit_item_union(&mut self, i: &'ast syn::ItemUnion) {
        self.push(&i.ident, DefKind::Other);
        visit::visit_item_union(self, i);
    }

    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        let mut refs = Vec::new();
        type_refs(&i.ty, &type_params(&i.generics), &mut refs);
        self.push(&i.ident, DefKind::Alias(refs));
        visit::visit_item_type(self, i);
    }

    fn visit_item_use(&mut self, i: &'ast syn::ItemUse) {
        self.add_use(&i.tree);
    }
}

/// The names a field's type mentions on the wire: none for skipped and opaque fields,
/// the `as` type's for `#[fingerprint(as = "..")]`. In a newtype struct serde writes the
/// field whatever its skip attributes say (only `#[fingerprint(skip)]` leaves it out).
fn field_refs(field: &syn::Field, newtype: bool, params: &[String], out: &mut Vec<Ref>) {
    let attrs = attr_lists(&field.attrs);
    let mut as_type = None;
    for (name, tokens) in &attrs {
        if name != "fingerprint" {
            continue;
        }
        for chunk in split_commas(tokens.clone()) {
            match key(&chunk).as_deref() {
                Some("skip" | "opaque") => return,
                // A string that is not a type: the derive reports it; the field's own
                // type is the better guess meanwhile.
                Some("as") => as_type = str_value(&chunk).and_then(|s| parse_type(&s)),
                _ => {}
            }
        }
    }
    if !newtype && skipped(&attrs) {
        return;
    }
    type_refs(as_type.as_ref().unwrap_or(&field.ty), params, out);
}

/// `#[serde(skip)]`, or `skip_serializing` and `skip_deserializing` both.
fn skipped(attrs: &[(String, TokenStream)]) -> bool {
    let (mut ser, mut de) = (false, false);
    for (name, tokens) in attrs {
        if name != "serde" {
            continue;
        }
        for chunk in split_commas(tokens.clone()) {
            match key(&chunk).as_deref() {
                Some("skip") => (ser, de) = (true, true),
                Some("skip_serializing") => ser = true,
                Some("skip_deserializing") => de = true,
                _ => {}
            }
        }
    }
    ser && de
}

/// The last segment of every path in `ty`, generic arguments included, except inside
/// `PhantomData<..>`, and except the type's own generic parameters written bare.
fn type_refs(ty: &syn::Type, params: &[String], out: &mut Vec<Ref>) {
    struct Refs<'a> {
        params: &'a [String],
        out: &'a mut Vec<Ref>,
    }
    impl<'ast> Visit<'ast> for Refs<'_> {
        fn visit_type_path(&mut self, tp: &'ast syn::TypePath) {
            let segments = &tp.path.segments;
            let Some(last) = segments.last() else {
                return;
            };
            let name = name_of(&last.ident);
            if name == "PhantomData" {
                return;
            }
            let local = tp.qself.is_none()
                && tp.path.leading_colon.is_none()
                && (segments.len() == 1 || (segments.len() == 2 && segments[0].ident == "self"));
            let param = segments.len() == 1 && tp.qself.is_none() && self.params.contains(&name);
            if !param && name != "Self" {
                self.out.push(Ref { name, local });
            }
            visit::visit_type_path(self, tp);
        }
        // Array lengths and const arguments are not types.
        fn visit_expr(&mut self, _: &'ast syn::Expr) {}
    }
    Refs { params, out }.visit_type(ty);
}

fn type_params(generics: &syn::Generics) -> Vec<String> {
    generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => Some(name_of(&t.ident)),
            _ => None,
        })
        .collect()
}

fn name_of(ident: &syn::Ident) -> String {
    ident.unraw().to_string()
}

/// The names in `cycle(A, path::B, Self)`: the last segments, `Self` as the type's name.
fn cycle_names(list: TokenStream, own: &str) -> Vec<String> {
    split_commas(list)
        .into_iter()
        .map(|chunk| {
            let tokens: TokenStream = chunk.into_iter().collect();
            match syn::parse2::<syn::Type>(tokens.clone()) {
                Ok(syn::Type::Path(tp)) if tp.qself.is_none() => match tp.path.segments.last() {
                    Some(s) if s.ident == "Self" => own.to_string(),
                    Some(s) => name_of(&s.ident),
                    None => tokens.to_string(),
                },
                _ => tokens.to_string(),
            }
        })
        .collect()
}

/// The attributes written as `name(tokens)`, with those inside `cfg_attr(pred, ..)` (in
/// doubt, a configuration counts as on).
fn attr_lists(attrs: &[syn::Attribute]) -> Vec<(String, TokenStream)> {
    let mut out = Vec::new();
    for attr in attrs {
        if let syn::Meta::List(list) = &attr.meta
            && let Some(last) = list.path.segments.last()
        {
            push_attr(name_of(&last.ident), list.tokens.clone(), &mut out, 0);
        }
    }
    out
}

fn push_attr(name: String, tokens: TokenStream, out: &mut Vec<(String, TokenStream)>, depth: u32) {
    if name != "cfg_attr" {
        out.push((name, tokens));
        return;
    }
    if depth > 8 {
        return;
    }
    for chunk in split_commas(tokens).into_iter().skip(1) {
        if let (Some(TokenTree::Ident(i)), Some(TokenTree::Group(g))) =
            (chunk.first(), chunk.get(1))
            && g.delimiter() == Delimiter::Parenthesis
        {
            push_attr(name_of(i), g.stream(), out, depth + 1);
        }
    }
}

/// The tokens split at commas outside brackets.
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = Vec::new();
    let mut chunk = Vec::new();
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push(std::mem::take(&mut chunk)),
            _ => chunk.push(tt),
        }
    }
    if !chunk.is_empty() {
        out.push(chunk);
    }
    out
}

/// The key of `key`, `key = value` or `key(..)`.
fn key(chunk: &[TokenTree]) -> Option<String> {
    match chunk.first() {
        Some(TokenTree::Ident(i)) => Some(name_of(i)),
        _ => None,
    }
}

/// The last identifier of a path such as `objfp::TypeFingerprint`.
fn last_ident(chunk: &[TokenTree]) -> Option<String> {
    chunk.iter().rev().find_map(|tt| match tt {
        TokenTree::Ident(i) => Some(name_of(i)),
        _ => None,
    })
}

/// The contents of `key(..)`.
fn paren(chunk: &[TokenTree]) -> Option<TokenStream> {
    match chunk.get(1) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => Some(g.stream()),
        _ => None,
    }
}

/// The string of `key = "value"`.
fn str_value(chunk: &[TokenTree]) -> Option<String> {
    match chunk {
        [_, TokenTree::Punct(eq), value, ..] if eq.as_char() == '=' => {
            syn::parse2::<syn::LitStr>(TokenStream::from(value.clone()))
                .ok()
                .map(|lit| lit.value())
        }
        _ => None,
    }
}

fn parse_type(text: &str) -> Option<syn::Type> {
    syn::parse_str(text).ok()
}
