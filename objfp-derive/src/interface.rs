//! `#[objfp::interface]`: reads a trait's items and emits its interface description, with
//! its fingerprint, as a hidden `const` *of the same name as the trait*. A trait lives in
//! the type namespace and the const in the value namespace, so they do not clash, and every
//! path or `use` that reaches the trait reaches the const too: spelling does not matter.
//!
//! The trait is read with a small parser of its own rather than syn's `full` feature:
//! only signatures matter here, and `full` would make syn slower to build for every user.
//! The trait's tokens are passed through unchanged.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Token, Type};

use crate::ctxt::Ctxt;
use crate::encode::{self, InterfaceMethod, Ref};
use crate::expand::Gen;

/// The receiver byte of SPEC.md §12.
#[derive(Clone, Copy)]
pub enum Receiver {
    None,
    Ref,
    RefMut,
    Value,
    Typed,
}

struct TraitDef {
    vis: syn::Visibility,
    ident: Ident,
    methods: Vec<MethodSig>,
    types: Vec<String>,
    consts: Vec<(String, Type)>,
}

struct MethodSig {
    name: Ident,
    receiver: Receiver,
    is_async: bool,
    params: Vec<Type>,
    output: Option<Type>,
}

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let krate = parse_args(&cx, args);
    let def = match parse_trait.parse2(item.clone()) {
        Ok(def) => Some(def),
        Err(err) => {
            cx.syn_error(err);
            None
        }
    };
    let generated = def.map(|def| generate(&cx, &krate, &def));
    match cx.check() {
        Ok(()) => quote!(#item #generated),
        Err(err) => {
            let errors = err.to_compile_error();
            quote!(#item #errors)
        }
    }
}

/// `interface_of!(path::Trait)`: the trait's `&'static InterfaceDescription`.
pub fn interface_of(input: TokenStream) -> TokenStream {
    match syn::parse2::<syn::Path>(input) {
        Ok(path) => quote!(::objfp::__private::interface_of(#path)),
        Err(err) => err.to_compile_error(),
    }
}

fn parse_args(cx: &Ctxt, args: TokenStream) -> TokenStream {
    let mut krate = quote!(::objfp);
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            // #[objfp::interface(crate = "path")]
            let lit: syn::LitStr = meta.value()?.parse()?;
            krate = lit.parse::<syn::Path>()?.into_token_stream();
            Ok(())
        } else {
            Err(meta.error("unknown interface argument; expected `crate = \"path\"`"))
        }
    });
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    krate
}

fn generate(cx: &Ctxt, krate: &TokenStream, def: &TraitDef) -> TokenStream {
    let mut methods: Vec<&MethodSig> = def.methods.iter().collect();
    methods.sort_by_key(|m| m.name.to_string());
    let mut types = def.types.clone();
    types.sort();
    let mut consts: Vec<&(String, Type)> = def.consts.iter().collect();
    consts.sort_by(|a, b| a.0.cmp(&b.0));

    let mut type_ref = |ty: &Type| {
        let mut fp = ty.clone();
        rewrite_self(cx, krate, &mut fp);
        Ref::Type {
            fp,
            desc: ty.clone(),
        }
    };
    let unit: Type = syn::parse_quote!(());
    let canon: Vec<InterfaceMethod> = methods
        .iter()
        .map(|m| InterfaceMethod {
            name: m.name.to_string(),
            receiver: m.receiver,
            is_async: m.is_async,
            params: m.params.iter().map(&mut type_ref).collect(),
            output: type_ref(m.output.as_ref().unwrap_or(&unit)),
        })
        .collect();
    let const_refs: Vec<(String, Ref)> = consts
        .iter()
        .map(|(name, ty)| (name.clone(), type_ref(ty)))
        .collect();
    let preimage = encode::interface_preimage(&canon, &types, &const_refs);

    let generator = Gen { krate };
    let fingerprint = generator.preimage(preimage);
    let method_descs = canon.iter().map(|m| {
        let name = &m.name;
        let receiver = match m.receiver {
            Receiver::None => quote!(#krate::Receiver::None),
            Receiver::Ref => quote!(#krate::Receiver::Ref),
            Receiver::RefMut => quote!(#krate::Receiver::RefMut),
            Receiver::Value => quote!(#krate::Receiver::Value),
            Receiver::Typed => quote!(#krate::Receiver::Typed),
        };
        let is_async = m.is_async;
        let params = m.params.iter().map(|p| generator.type_ref(p));
        let output = generator.type_ref(&m.output);
        quote! {
            #krate::Method { name: #name, receiver: #receiver, is_async: #is_async, params: &[#(#params),*], output: #output }
        }
    });
    let const_descs = const_refs.iter().map(|(name, r)| {
        let r = generator.type_ref(r);
        quote!((#name, #r))
    });
    let vis = &def.vis;
    let ident = &def.ident;
    let name = ident.to_string();
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, clippy::all)]
        #vis const #ident: &'static #krate::InterfaceDescription = &#krate::InterfaceDescription {
            name: #name,
            fingerprint: #fingerprint,
            methods: &[#(#method_descs),*],
            types: &[#(#types),*],
            consts: &[#(#const_descs),*],
        };
    }
}
/// `Self` in a signature stands for whichever type implements the trait: it is
/// fingerprinted as the opaque shape `"Self"`. Projections such as `Self::Item` have no
/// shape of their own and are reported.
fn rewrite_self(cx: &Ctxt, krate: &TokenStream, ty: &mut Type) {
    match ty {
        Type::Path(tp) if tp.qself.is_none() && tp.path.is_ident("Self") => {
            *ty = syn::parse_quote!(#krate::__private::SelfType);
        }
        Type::Path(tp) => {
            let first_is_self = tp.path.segments.first().is_some_and(|s| s.ident == "Self");
            if tp.qself.is_some() || first_is_self {
                cx.error_spanned_by(
                    &*tp,
                    "objfp cannot fingerprint an associated type in a signature: it has no \
                     shape until a type implements the trait; use a concrete type",
                );
                return;
            }
            for seg in &mut tp.path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &mut seg.arguments {
                    for arg in &mut args.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            rewrite_self(cx, krate, inner);
                        }
                    }
                }
            }
        }
        Type::Reference(r) => rewrite_self(cx, krate, &mut r.elem),
        Type::Array(a) => rewrite_self(cx, krate, &mut a.elem),
        Type::Slice(s) => rewrite_self(cx, krate, &mut s.elem),
        Type::Paren(p) => rewrite_self(cx, krate, &mut p.elem),
        Type::Group(g) => rewrite_self(cx, krate, &mut g.elem),
        Type::Tuple(t) => t.elems.iter_mut().for_each(|e| rewrite_self(cx, krate, e)),
        Type::ImplTrait(_) => cx.error_spanned_by(
            &*ty,
            "objfp cannot fingerprint `impl Trait` in a signature: name a concrete type",
        ),
        _ => {}
    }
}

fn parse_trait(input: ParseStream) -> syn::Result<TraitDef> {
    input.call(syn::Attribute::parse_outer)?;
    let vis: syn::Visibility = input.parse()?;
    if input.peek(Token![unsafe]) {
        input.parse::<Token![unsafe]>()?;
    }
    let Some(trait_token) = input.parse::<Option<Token![trait]>>()? else {
        return Err(input.error("#[objfp::interface] goes on a trait definition"));
    };
    let ident: Ident = input.parse()?;
    let generics: syn::Generics = input.parse()?;
    if generics.type_params().next().is_some() || generics.const_params().next().is_some() {
        return Err(syn::Error::new(
            generics.span(),
            "an interface fingerprint needs a trait without type or const parameters",
        ));
    }
    let _ = trait_token;
    // Supertraits and where-clauses do not change what the trait's methods look like.
    let body;
    loop {
        if input.peek(syn::token::Brace) {
            syn::braced!(body in input);
            break;
        }
        input.parse::<TokenTree>()?;
    }
    let mut def = TraitDef {
        vis,
        ident,
        methods: Vec::new(),
        types: Vec::new(),
        consts: Vec::new(),
    };
    while !body.is_empty() {
        body.call(syn::Attribute::parse_outer)?;
        if body.peek(Token![type]) {
            // type Name: Bounds = Default;
            body.parse::<Token![type]>()?;
            let name: Ident = body.parse()?;
            skip_past_semicolon(&body)?;
            def.types.push(name.to_string());
        } else if body.peek(Token![const]) && body.peek2(syn::Ident) {
            // const NAME: Type = default;
            body.parse::<Token![const]>()?;
            let name: Ident = body.parse()?;
            body.parse::<Token![:]>()?;
            let ty: Type = body.parse()?;
            skip_past_semicolon(&body)?;
            def.consts.push((name.to_string(), ty));
        } else {
            def.methods.push(parse_method(&body)?);
        }
    }
    Ok(def)
}

fn parse_method(input: ParseStream) -> syn::Result<MethodSig> {
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
    if let Some(param) = generics.type_params().next() {
        return Err(syn::Error::new(
            param.span(),
            "a generic method has no single signature to fingerprint; use concrete types",
        ));
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
    // Where-clause, then `;` or a default body (neither is part of the interface).
    loop {
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
            break;
        }
        if input.peek(syn::token::Brace) {
            input.parse::<TokenTree>()?;
            break;
        }
        input.parse::<TokenTree>()?;
    }
    Ok(MethodSig {
        name,
        receiver,
        is_async,
        params,
        output,
    })
}

fn parse_params(input: ParseStream) -> syn::Result<(Receiver, Vec<Type>)> {
    let mut receiver = Receiver::None;
    let mut params = Vec::new();
    let mut first = true;
    while !input.is_empty() {
        input.call(syn::Attribute::parse_outer)?;
        if first && let Some(r) = parse_receiver(input)? {
            receiver = r;
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
        params.push(input.parse::<Type>()?);
        input.parse::<Option<Token![,]>>()?;
    }
    Ok((receiver, params))
}

/// `self`, `mut self`, `&self`, `&'a mut self`, `self: Box<Self>`.
fn parse_receiver(input: ParseStream) -> syn::Result<Option<Receiver>> {
    let fork = input.fork();
    if fork.peek(Token![&]) {
        fork.parse::<Token![&]>()?;
        fork.parse::<Option<syn::Lifetime>>()?;
        let is_mut = fork.parse::<Option<Token![mut]>>()?.is_some();
        if fork.peek(Token![self]) {
            fork.parse::<Token![self]>()?;
            advance(input, &fork);
            return Ok(Some(if is_mut {
                Receiver::RefMut
            } else {
                Receiver::Ref
            }));
        }
        return Ok(None);
    }
    fork.parse::<Option<Token![mut]>>()?;
    if fork.peek(Token![self]) {
        fork.parse::<Token![self]>()?;
        if fork.peek(Token![:]) {
            fork.parse::<Token![:]>()?;
            fork.parse::<Type>()?;
            advance(input, &fork);
            return Ok(Some(Receiver::Typed));
        }
        advance(input, &fork);
        return Ok(Some(Receiver::Value));
    }
    Ok(None)
}

fn advance(input: ParseStream, fork: &syn::parse::ParseBuffer) {
    use syn::parse::discouraged::Speculative;
    input.advance_to(fork);
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
