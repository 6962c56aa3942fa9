//! The canonical form of a trait's interface (SPEC.md §12): items sorted by name, each
//! receiver reduced to its meaning whatever its spelling, `async` read from `async fn` and
//! from `-> impl Future<Output = T>`, and every type rewritten so that it means the same
//! outside the trait, where the generated const lives: `Self` becomes the opaque
//! `SelfType`, lifetimes (of the trait or the method) become `'static`. Lifetimes are not
//! part of a shape, as in the type derive.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::Type;

use super::cfg::Cond;
use super::parse::{ItemKind, Method, RawReceiverKind, TraitDef};
use crate::ctxt::Ctxt;

/// The receiver byte of SPEC.md §12, with the spelling of a typed receiver.
#[derive(Clone)]
pub enum Receiver {
    None,
    Ref,
    RefMut,
    Value,
    Typed(String),
}

pub struct CanonMethod {
    pub cfg: Cond,
    pub name: String,
    pub receiver: Receiver,
    pub is_async: bool,
    pub params: Vec<(Cond, Type)>,
    pub output: Type,
}

pub struct CanonConst {
    pub cfg: Cond,
    pub name: String,
    pub ty: Type,
}

pub struct Interface {
    pub methods: Vec<CanonMethod>,
    pub types: Vec<(Cond, String)>,
    pub consts: Vec<CanonConst>,
}

impl Interface {
    /// Whether some part exists only under a `cfg`, so that the pre-image can only be
    /// assembled once rustc has evaluated the predicates.
    pub fn has_cfg(&self) -> bool {
        self.methods
            .iter()
            .any(|m| !m.cfg.is_always() || m.params.iter().any(|(c, _)| !c.is_always()))
            || self.types.iter().any(|(c, _)| !c.is_always())
            || self.consts.iter().any(|c| !c.cfg.is_always())
    }
}

pub fn canonical(cx: &Ctxt, krate: &TokenStream, def: &TraitDef) -> Interface {
    let mut out = Interface {
        methods: Vec::new(),
        types: Vec::new(),
        consts: Vec::new(),
    };
    let mut clean = Clean {
        cx,
        krate,
        bound: Vec::new(),
    };
    for item in &def.items {
        let name = unraw(&item.name);
        match &item.kind {
            ItemKind::Type => out.types.push((item.cfg.clone(), name)),
            ItemKind::Const(ty) => out.consts.push(CanonConst {
                cfg: item.cfg.clone(),
                name,
                ty: clean.ty(ty, Position::Const),
            }),
            ItemKind::Method(m) => method(&mut clean, &item.cfg, name, m, &mut out.methods),
        }
    }
    // Stable: two methods of one name under exclusive `cfg`s keep their order; at most one
    // of them exists.
    out.methods.sort_by(|a, b| a.name.cmp(&b.name));
    out.types.sort_by(|a, b| a.1.cmp(&b.1));
    out.consts.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn method(clean: &mut Clean, cfg: &Cond, name: String, m: &Method, out: &mut Vec<CanonMethod>) {
    let (is_async, output) = match &m.output {
        None => (m.is_async, syn::parse_quote!(())),
        Some(ty) if m.is_async => (true, clean.ty(ty, Position::Return)),
        Some(ty) => match future_output(ty) {
            Some(Ok(inner)) => (true, clean.ty(inner, Position::Return)),
            Some(Err(err)) => {
                clean.cx.syn_error(err);
                (true, syn::parse_quote!(()))
            }
            None => (false, clean.ty(ty, Position::Return)),
        },
    };
    let params: Vec<(Cond, Type)> = m
        .params
        .iter()
        .map(|p| (p.cfg.clone(), clean.ty(&p.ty, Position::Param)))
        .collect();
    let receiver = match &m.receiver {
        None => Receiver::None,
        Some(r) => match &r.kind {
            RawReceiverKind::Ref(false) => Receiver::Ref,
            RawReceiverKind::Ref(true) => Receiver::RefMut,
            RawReceiverKind::Value => Receiver::Value,
            RawReceiverKind::Typed(ty) => typed_receiver(clean.cx, ty),
        },
    };
    let cond_receiver = m
        .receiver
        .as_ref()
        .map(|r| &r.cfg)
        .filter(|c| !c.is_always());
    let mut push = |cfg: Cond, receiver: Receiver| {
        out.push(CanonMethod {
            cfg,
            name: name.clone(),
            receiver,
            is_async,
            params: params.clone(),
            output: output.clone(),
        })
    };
    match cond_receiver {
        None => push(cfg.clone(), receiver),
        // `fn f(#[cfg(p)] &self)`: a method under `p`, an associated function otherwise.
        Some(rc) => {
            push(cfg.and(rc), receiver);
            push(cfg.and(&rc.not()), Receiver::None);
        }
    }
}

/// `self: T`: `Self`, `&Self` and `&mut Self` (any lifetime, any parentheses) are `self`,
/// `&self` and `&mut self`; any other type is typed, with its spelling.
fn typed_receiver(cx: &Ctxt, ty: &Type) -> Receiver {
    match strip(ty) {
        t if is_self(t) => Receiver::Value,
        Type::Reference(r) if is_self(strip(&r.elem)) => match r.mutability {
            None => Receiver::Ref,
            Some(_) => Receiver::RefMut,
        },
        t => match spelling(t) {
            Some(s) => Receiver::Typed(s),
            None => {
                cx.error_spanned_by(
                    ty,
                    "objfp reads a typed receiver as a path with type arguments, such as \
                     `Box<Self>`, `Rc<Self>` or `Pin<&mut Self>`; write it that way",
                );
                Receiver::Typed(String::new())
            }
        },
    }
}

/// SPEC.md §12's spelling of a receiver type: each path by its last segment and its type
/// arguments (lifetimes left out), `&T`, `&mut T`, `*const T`, `*mut T`, `Self`.
fn spelling(ty: &Type) -> Option<String> {
    match strip(ty) {
        Type::Path(tp) if tp.qself.is_none() => {
            let last = tp.path.segments.last()?;
            let mut out = unraw(&last.ident);
            match &last.arguments {
                syn::PathArguments::None => {}
                syn::PathArguments::AngleBracketed(args) => {
                    let mut inner = Vec::new();
                    for arg in &args.args {
                        match arg {
                            syn::GenericArgument::Lifetime(_) => {}
                            syn::GenericArgument::Type(t) => inner.push(spelling(t)?),
                            _ => return None,
                        }
                    }
                    if !inner.is_empty() {
                        out = format!("{out}<{}>", inner.join(", "));
                    }
                }
                syn::PathArguments::Parenthesized(_) => return None,
            }
            Some(out)
        }
        Type::Reference(r) => {
            let inner = spelling(&r.elem)?;
            Some(match r.mutability {
                None => format!("&{inner}"),
                Some(_) => format!("&mut {inner}"),
            })
        }
        Type::Ptr(p) => {
            let inner = spelling(&p.elem)?;
            Some(match p.mutability {
                syn::PointerMutability::Const(_) => format!("*const {inner}"),
                syn::PointerMutability::Mut(_) => format!("*mut {inner}"),
            })
        }
        _ => None,
    }
}

/// `-> impl Future<Output = T>` (any path ending in `Future`, other bounds such as `Send`
/// ignored) and `-> Pin<Box<dyn Future<Output = T> ..>>` (what `#[async_trait]` writes)
/// are what `async fn .. -> T` stands for: `Some(Ok(T))`. `Some(Err)` for a future
/// without `Output`; `None` for any other type.
fn future_output(ty: &Type) -> Option<syn::Result<&Type>> {
    let bounds = match strip(ty) {
        Type::ImplTrait(it) => &it.bounds,
        Type::Path(tp) => {
            let pinned = single_type_arg(tp, "Pin")?;
            let Type::Path(boxed) = strip(pinned) else {
                return None;
            };
            let Type::TraitObject(object) = strip(single_type_arg(boxed, "Box")?) else {
                return None;
            };
            &object.bounds
        }
        _ => return None,
    };
    let future = bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(t) => t
            .path
            .segments
            .last()
            .filter(|s| s.ident == "Future")
            .map(|s| (t, s)),
        _ => None,
    });
    let (bound, segment) = future?;
    if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
        for arg in &args.args {
            if let syn::GenericArgument::AssocType(a) = arg
                && a.ident == "Output"
            {
                return Some(Ok(&a.ty));
            }
        }
    }
    Some(Err(syn::Error::new_spanned(
        bound,
        "objfp reads a future's output as the method's return type: name it, \
         as in `impl Future<Output = T>`",
    )))
}

/// `T` in a path type `..::Name<T>` (lifetimes aside).
fn single_type_arg<'a>(tp: &'a syn::TypePath, name: &str) -> Option<&'a Type> {
    let last = tp.path.segments.last().filter(|s| s.ident == name)?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let first = types.next()?;
    types.next().is_none().then_some(first)
}

fn strip(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Paren(p) => ty = &p.elem,
            Type::Group(g) => ty = &g.elem,
            _ => return ty,
        }
    }
}

fn is_self(ty: &Type) -> bool {
    matches!(ty, Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident("Self"))
}

pub fn unraw(ident: &proc_macro2::Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(name) => name.to_owned(),
        None => name,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Position {
    Param,
    Return,
    Const,
}

/// Rewrites a signature type for use outside the trait; reports what has no shape.
struct Clean<'a> {
    cx: &'a Ctxt,
    krate: &'a TokenStream,
    /// Lifetimes bound by an enclosing `for<'a>`, which stay.
    bound: Vec<String>,
}

impl Clean<'_> {
    fn ty(&mut self, ty: &Type, position: Position) -> Type {
        let mut ty = ty.clone();
        self.rewrite(&mut ty, position);
        ty
    }

    fn rewrite(&mut self, ty: &mut Type, position: Position) {
        match ty {
            Type::Path(tp) => {
                if tp.qself.is_none() && tp.path.is_ident("Self") {
                    let krate = self.krate;
                    *ty = syn::parse_quote_spanned!(tp.path.segments[0].ident.span()=>
                        #krate::__private::SelfType
                    );
                    return;
                }
                let first_is_self = tp.path.segments.first().is_some_and(|s| s.ident == "Self");
                if let Some(qself) = &mut tp.qself
                    && !mentions_self(&qself.ty.to_token_stream())
                {
                    // `<Vec<u8> as IntoIterator>::Item`: a projection of a concrete type.
                    self.rewrite(&mut qself.ty, position);
                    self.path(&mut tp.path, position);
                } else if tp.qself.is_some() || first_is_self {
                    self.cx.error_spanned_by(
                        &*tp,
                        "objfp cannot fingerprint an associated type in a signature: it has \
                         no shape until a type implements the trait; use a concrete type",
                    );
                } else {
                    self.path(&mut tp.path, position);
                }
            }
            Type::Reference(r) => {
                if let Some(l) = &mut r.lifetime {
                    self.lifetime(l);
                }
                self.rewrite(&mut r.elem, position);
            }
            Type::Array(a) => {
                self.rewrite(&mut a.elem, position);
                self.opaque_tokens(&a.len);
            }
            Type::Slice(s) => self.rewrite(&mut s.elem, position),
            Type::Paren(p) => self.rewrite(&mut p.elem, position),
            Type::Group(g) => self.rewrite(&mut g.elem, position),
            Type::Ptr(p) => self.rewrite(&mut p.elem, position),
            Type::Tuple(t) => t.elems.iter_mut().for_each(|e| self.rewrite(e, position)),
            Type::FnPtr(f) => {
                let depth = self.bind(f.lifetimes.as_ref());
                for arg in &mut f.inputs {
                    self.rewrite(&mut arg.ty, position);
                }
                if let syn::ReturnType::Type(_, out) = &mut f.output {
                    self.rewrite(out, position);
                }
                self.bound.truncate(depth);
            }
            Type::TraitObject(o) => self.bounds(o.bounds.iter_mut(), position),
            Type::ImplTrait(_) => {
                let message = match position {
                    Position::Param => {
                        "an `impl Trait` parameter makes the method generic, with no single \
                         signature to fingerprint: name a concrete type"
                    }
                    _ => {
                        "objfp cannot fingerprint `impl Trait` in a signature: each \
                         implementation chooses its own type; name a concrete type (a method \
                         returning `impl Future<Output = T>` is read as an `async fn`)"
                    }
                };
                self.cx.error_spanned_by(&*ty, message);
            }
            // Macros and tokens syn does not interpret: they cannot be rewritten, so they
            // must not need it.
            other => self.opaque_tokens(&*other),
        }
    }

    fn path(&mut self, path: &mut syn::Path, position: Position) {
        for seg in &mut path.segments {
            match &mut seg.arguments {
                syn::PathArguments::None => {}
                syn::PathArguments::AngleBracketed(args) => {
                    for arg in &mut args.args {
                        match arg {
                            syn::GenericArgument::Lifetime(l) => self.lifetime(l),
                            syn::GenericArgument::Type(t) => self.rewrite(t, position),
                            syn::GenericArgument::AssocType(a) => self.rewrite(&mut a.ty, position),
                            syn::GenericArgument::Constraint(c) => {
                                self.bounds(c.bounds.iter_mut(), position)
                            }
                            other => self.opaque_tokens(&*other),
                        }
                    }
                }
                syn::PathArguments::Parenthesized(args) => {
                    for input in &mut args.inputs {
                        self.rewrite(&mut input.ty, position);
                    }
                    if let syn::ReturnType::Type(_, out) = &mut args.output {
                        self.rewrite(out, position);
                    }
                }
            }
        }
    }

    fn bounds<'b>(
        &mut self,
        bounds: impl Iterator<Item = &'b mut syn::TypeParamBound>,
        position: Position,
    ) {
        for bound in bounds {
            match bound {
                syn::TypeParamBound::Trait(t) => {
                    let depth = self.bind(t.lifetimes.as_ref());
                    self.path(&mut t.path, position);
                    self.bound.truncate(depth);
                }
                syn::TypeParamBound::Lifetime(l) => self.lifetime(l),
                other => self.opaque_tokens(&*other),
            }
        }
    }

    /// Adds `for<'a, ..>`'s lifetimes; returns the depth to truncate back to.
    fn bind(&mut self, lifetimes: Option<&syn::BoundLifetimes>) -> usize {
        let depth = self.bound.len();
        for param in lifetimes.into_iter().flat_map(|l| &l.lifetimes) {
            if let syn::GenericParam::Lifetime(l) = param {
                self.bound.push(l.lifetime.ident.to_string());
            }
        }
        depth
    }

    /// The trait's and the method's lifetimes are not declared where the const is: every
    /// lifetime that a `for<..>` does not bind becomes `'static` (a shape has none).
    fn lifetime(&mut self, l: &mut syn::Lifetime) {
        let name = l.ident.to_string();
        if name != "static" && name != "_" && !self.bound.contains(&name) {
            *l = syn::Lifetime::new("'static", l.span());
        }
    }

    /// Tokens kept as they are (an array length, a macro): they must not mention `Self`
    /// or a lifetime of the trait, which mean nothing where the const is.
    fn opaque_tokens(&mut self, tokens: &dyn ToTokens) {
        let tokens = tokens.to_token_stream();
        if let Some(span) = find_self(&tokens) {
            self.cx.syn_error(syn::Error::new(
                span,
                "objfp cannot fingerprint this use of `Self`: it has no value or shape until \
                 a type implements the trait; write a concrete type or a literal",
            ));
        } else if let Some(span) = find_lifetime(&tokens) {
            self.cx.syn_error(syn::Error::new(
                span,
                "objfp cannot erase a lifetime inside a macro in a signature type: write the \
                 type without the macro",
            ));
        }
    }
}

fn mentions_self(tokens: &TokenStream) -> bool {
    find_self(tokens).is_some()
}

fn find_self(tokens: &TokenStream) -> Option<proc_macro2::Span> {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) if i == "Self" => return Some(i.span()),
            TokenTree::Group(g) => {
                if let Some(span) = find_self(&g.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    None
}

/// A lifetime other than `'static` and `'_`, in tokens.
fn find_lifetime(tokens: &TokenStream) -> Option<proc_macro2::Span> {
    let mut tick = None;
    for tt in tokens.clone() {
        match tt {
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                tick = Some(p.span());
                continue;
            }
            TokenTree::Ident(i) if tick.is_some() && i != "static" && i != "_" => return tick,
            TokenTree::Group(g) => {
                if let Some(span) = find_lifetime(&g.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
        tick = None;
    }
    None
}
