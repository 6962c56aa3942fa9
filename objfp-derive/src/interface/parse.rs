//! Reads a trait definition: its items and their signatures, as written. Only signatures
//! matter, so this is a small parser of its own rather than syn's `full` feature (which
//! would make syn slower to build for every user): attributes are read as token trees
//! (only `cfg` and `cfg_attr` matter), default bodies and where-clauses are skipped, and
//! types are parsed with syn's `Type`, which needs no `full`.

use proc_macro2::{Ident, TokenStream, TokenTree};
use syn::parse::ParseStream;
use syn::{Token, Type};

use super::cfg::Cond;

pub struct TraitDef {
    pub items: Vec<Item>,
}

pub struct Item {
    pub cfg: Cond,
    pub name: Ident,
    pub kind: ItemKind,
}

// Built once per trait item and dropped: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum ItemKind {
    Method(Method),
    /// `type Name: Bounds = Default;`: only the name counts.
    Type,
    /// `const NAME: Type = default;`
    Const(Type),
}

pub struct Method {
    pub receiver: Option<RawReceiver>,
    pub is_async: bool,
    pub params: Vec<Param>,
    pub output: Option<Type>,
}

pub struct RawReceiver {
    pub cfg: Cond,
    pub kind: RawReceiverKind,
}

#[allow(clippy::large_enum_variant)]
pub enum RawReceiverKind {
    /// `&self`, `&'a mut self`: whether `mut`.
    Ref(bool),
    /// `self`, `mut self`.
    Value,
    /// `self: Type`.
    Typed(Type),
}

pub struct Param {
    pub cfg: Cond,
    pub ty: Type,
}

/// The header up to the trait's name, read first so that the macro can still define the
/// name's const when the body has errors (no second wave of "not found" errors).
pub struct Header {
    pub vis: syn::Visibility,
    pub ident: Ident,
}

/// The trait's own `#[cfg]`s are evaluated by rustc before the macro runs (it strips them,
/// or the whole trait), unlike those of the items inside.
pub fn parse_header(input: ParseStream) -> syn::Result<Header> {
    outer_attrs(input)?;
    let vis: syn::Visibility = input.parse()?;
    input.parse::<Option<Token![unsafe]>>()?;
    if input.peek(syn::Ident) && input.peek2(Token![trait]) {
        // `auto trait` (unstable) and other contextual words before `trait`.
        input.parse::<Ident>()?;
    }
    if input.parse::<Option<Token![trait]>>()?.is_none() {
        return Err(input.error("#[objfp::interface] goes on a trait definition"));
    }
    let ident: Ident = input.parse()?;
    Ok(Header { vis, ident })
}

/// The rest of the trait after [`parse_header`].
pub fn parse_rest(input: ParseStream) -> syn::Result<TraitDef> {
    let generics: syn::Generics = input.parse()?;
    for param in &generics.params {
        match param {
            syn::GenericParam::Lifetime(_) => {}
            syn::GenericParam::Type(t) => {
                return Err(syn::Error::new(
                    t.ident.span(),
                    "an interface fingerprint needs a trait without type or const parameters: \
                     a generic trait has one interface per argument; lifetimes are fine",
                ));
            }
            syn::GenericParam::Const(c) => {
                return Err(syn::Error::new_spanned(
                    c,
                    "an interface fingerprint needs a trait without type or const parameters: \
                     a generic trait has one interface per argument; lifetimes are fine",
                ));
            }
        }
    }
    // Supertraits and the where-clause do not change what the trait's methods look like.
    if input.parse::<Option<Token![:]>>()?.is_some() {
        while !input.peek(syn::token::Brace) && !input.peek(Token![where]) {
            input.parse::<syn::TypeParamBound>()?;
            if input.parse::<Option<Token![+]>>()?.is_none() {
                break;
            }
        }
    }
    input.parse::<Option<syn::WhereClause>>()?;
    let body;
    syn::braced!(body in input);
    while body.peek(Token![#]) && body.peek2(Token![!]) {
        body.parse::<Token![#]>()?;
        body.parse::<Token![!]>()?;
        let inner;
        syn::bracketed!(inner in body);
        inner.parse::<TokenStream>()?;
    }
    let mut items = Vec::new();
    while !body.is_empty() {
        items.push(parse_item(&body)?);
    }
    Ok(TraitDef { items })
}

fn parse_item(input: ParseStream) -> syn::Result<Item> {
    let attrs = outer_attrs(input)?;
    let cfg = Cond::of_attrs(&attrs);
    // `pub` is an error in a trait, which rustc reports; `default` is specialization's.
    input.parse::<syn::Visibility>()?;
    if input.peek(syn::Ident)
        && input.peek2(Token![fn])
        && input.fork().parse::<Ident>()? == "default"
    {
        input.parse::<Ident>()?;
    }
    if input.peek(Token![type]) {
        input.parse::<Token![type]>()?;
        let name: Ident = input.parse()?;
        skip_past_semicolon(input)?;
        return Ok(Item {
            cfg,
            name,
            kind: ItemKind::Type,
        });
    }
    if input.peek(Token![const]) && input.peek2(syn::Ident) {
        input.parse::<Token![const]>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty: Type = input.parse()?;
        skip_past_semicolon(input)?;
        return Ok(Item {
            cfg,
            name,
            kind: ItemKind::Const(ty),
        });
    }
    if input.peek(syn::Ident) && input.peek2(Token![!]) {
        let path: Ident = input.parse()?;
        return Err(syn::Error::new(
            path.span(),
            "objfp cannot see the items a macro call in a trait expands to, so they would \
             not be part of the interface: write them out in the trait",
        ));
    }
    let (name, method) = parse_method(input)?;
    Ok(Item {
        cfg,
        name,
        kind: ItemKind::Method(method),
    })
}

fn parse_method(input: ParseStream) -> syn::Result<(Ident, Method)> {
    let mut is_async = false;
    loop {
        if input.peek(Token![fn]) {
            break;
        } else if input.peek(Token![async]) {
            input.parse::<Token![async]>()?;
            is_async = true;
        } else if input.peek(Token![const]) || input.peek(Token![unsafe]) {
            input.parse::<TokenTree>()?;
        } else if input.peek(Token![extern]) {
            input.parse::<Token![extern]>()?;
            input.parse::<Option<syn::LitStr>>()?;
        } else {
            return Err(input.error(
                "an interface may hold methods, associated types and consts; \
                 objfp cannot read this item",
            ));
        }
    }
    input.parse::<Token![fn]>()?;
    let name: Ident = input.parse()?;
    let generics: syn::Generics = input.parse()?;
    for param in &generics.params {
        match param {
            syn::GenericParam::Lifetime(_) => {}
            syn::GenericParam::Type(t) => {
                return Err(syn::Error::new(
                    t.ident.span(),
                    "a generic method has no single signature to fingerprint; use concrete types",
                ));
            }
            syn::GenericParam::Const(c) => {
                return Err(syn::Error::new_spanned(
                    c,
                    "a method generic over a const has no single signature to fingerprint: \
                     write the value it stands for, such as `[u8; 32]`",
                ));
            }
        }
    }
    let args;
    syn::parenthesized!(args in input);
    let (receiver, params) = parse_params(&args)?;
    let output = if input.peek(Token![->]) {
        input.parse::<Token![->]>()?;
        Some(input.parse::<Type>()?)
    } else {
        None
    };
    // Where-clause, then `;` or a default body: neither is part of the interface.
    input.parse::<Option<syn::WhereClause>>()?;
    if input.parse::<Option<Token![;]>>()?.is_none() {
        if !input.peek(syn::token::Brace) {
            return Err(input.error("expected `;` or a default body `{ .. }`"));
        }
        input.parse::<TokenTree>()?;
    }
    let method = Method {
        receiver,
        is_async,
        params,
        output,
    };
    Ok((name, method))
}

fn parse_params(input: ParseStream) -> syn::Result<(Option<RawReceiver>, Vec<Param>)> {
    let mut receiver = None;
    let mut params = Vec::new();
    let mut first = true;
    while !input.is_empty() {
        let attrs = outer_attrs(input)?;
        let cfg = Cond::of_attrs(&attrs);
        if first && let Some(kind) = parse_receiver(input)? {
            receiver = Some(RawReceiver { cfg, kind });
            first = false;
            input.parse::<Option<Token![,]>>()?;
            continue;
        }
        first = false;
        // A pattern (ignored: parameter names are not significant), `:`, the type.
        while !input.peek(Token![:]) || input.peek(Token![::]) {
            if input.is_empty() {
                return Err(input.error("expected `name: Type`"));
            }
            input.parse::<TokenTree>()?;
        }
        input.parse::<Token![:]>()?;
        params.push(Param {
            cfg,
            ty: input.parse()?,
        });
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok((receiver, params))
}

/// `self`, `mut self`, `&self`, `&'a mut self`, `self: Box<Self>`.
fn parse_receiver(input: ParseStream) -> syn::Result<Option<RawReceiverKind>> {
    use syn::parse::discouraged::Speculative;
    let fork = input.fork();
    if fork.peek(Token![&]) {
        fork.parse::<Token![&]>()?;
        fork.parse::<Option<syn::Lifetime>>()?;
        let is_mut = fork.parse::<Option<Token![mut]>>()?.is_some();
        if !fork.peek(Token![self]) {
            return Ok(None);
        }
        fork.parse::<Token![self]>()?;
        input.advance_to(&fork);
        return Ok(Some(RawReceiverKind::Ref(is_mut)));
    }
    fork.parse::<Option<Token![mut]>>()?;
    if !fork.peek(Token![self]) {
        return Ok(None);
    }
    fork.parse::<Token![self]>()?;
    let kind = if fork.parse::<Option<Token![:]>>()?.is_some() {
        RawReceiverKind::Typed(fork.parse()?)
    } else {
        RawReceiverKind::Value
    };
    input.advance_to(&fork);
    Ok(Some(kind))
}

/// The contents of each outer attribute `#[..]`, unparsed: an attribute may hold any
/// tokens (`#[doc = include_str!(..)]`), and only `cfg` and `cfg_attr` matter here.
fn outer_attrs(input: ParseStream) -> syn::Result<Vec<TokenStream>> {
    let mut attrs = Vec::new();
    while input.peek(Token![#]) && input.peek2(syn::token::Bracket) {
        input.parse::<Token![#]>()?;
        let content;
        syn::bracketed!(content in input);
        attrs.push(content.parse::<TokenStream>()?);
    }
    Ok(attrs)
}

fn skip_past_semicolon(input: ParseStream) -> syn::Result<()> {
    while !input.peek(Token![;]) {
        if input.is_empty() {
            return Err(input.error("expected `;`"));
        }
        input.parse::<TokenTree>()?;
    }
    input.parse::<Token![;]>()?;
    Ok(())
}
