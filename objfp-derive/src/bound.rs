//! Where-clauses for the generated impl. Like serde: `T: TypeFingerprint` for each type
//! parameter that a field on the wire uses (outside `PhantomData`, whose fingerprint does
//! not depend on `T`), and `Field: TypeFingerprint` for fields naming an associated type
//! (`T::Item`). Bounds go on parameters rather than field types so that recursive types
//! (`Vec<Tree<T>>` inside `Tree<T>`) do not ask the trait solver to prove themselves.
//! `#[fingerprint(bound = "...")]` replaces the inferred bounds.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::ast::Container;

/// The generics with the where-clause, and the type parameters bounded by
/// `TypeFingerprint` (the ones a description can show as arguments). `types` are the types
/// the generated code asks `TypeFingerprint` of: the field types on the wire, or what a
/// field is fingerprinted as (`as`, a well-known serializer helper).
pub fn where_clause(
    cont: &Container,
    krate: &TokenStream,
    types: &[syn::Type],
) -> (syn::Generics, Vec<syn::Ident>) {
    let mut generics = cont.generics.clone();
    let where_clause = generics.make_where_clause();
    let mut bounded = Vec::new();
    if let Some(bound) = &cont.attrs.bound {
        where_clause.predicates.extend(bound.iter().cloned());
        return (generics, bounded);
    }
    let params: BTreeSet<String> = cont
        .generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect();
    if params.is_empty() {
        return (generics, bounded);
    }
    let mut used = BTreeSet::new();
    let mut projections = Vec::new();
    for ty in types {
        let mut visit = Visit {
            params: &params,
            used: &mut used,
            projection: false,
        };
        visit.ty(ty);
        if visit.projection {
            projections.push(ty.clone());
        }
    }
    for param in cont.generics.type_params() {
        if used.contains(&param.ident.to_string()) {
            let ident = &param.ident;
            bounded.push(ident.clone());
            where_clause
                .predicates
                .push(syn::parse_quote!(#ident: #krate::TypeFingerprint));
        }
    }
    for ty in projections {
        where_clause
            .predicates
            .push(syn::parse_quote!(#ty: #krate::TypeFingerprint));
    }
    (generics, bounded)
}

struct Visit<'a> {
    params: &'a BTreeSet<String>,
    used: &'a mut BTreeSet<String>,
    projection: bool,
}

impl Visit<'_> {
    fn ty(&mut self, ty: &syn::Type) {
        match ty {
            syn::Type::Path(tp) => {
                if tp.qself.is_some() {
                    // `<T as Trait>::Item` is bounded as a whole (the field type), and
                    // says nothing about `T` itself.
                    if self.mentions_param(&tp.to_token_stream()) {
                        self.projection = true;
                    }
                    return;
                }
                let segments = &tp.path.segments;
                if let Some(first) = segments.first()
                    && tp.path.leading_colon.is_none()
                    && self.params.contains(&first.ident.to_string())
                {
                    // `T::Item` is bounded as a whole (the field type), not through `T`.
                    if segments.len() > 1 {
                        self.projection = true;
                    } else {
                        self.used.insert(first.ident.to_string());
                    }
                }
                if segments.last().is_some_and(|s| s.ident == "PhantomData") {
                    return;
                }
                for seg in segments {
                    if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                        for arg in &args.args {
                            if let syn::GenericArgument::Type(inner) = arg {
                                self.ty(inner);
                            }
                        }
                    }
                }
            }
            syn::Type::Reference(r) => self.ty(&r.elem),
            syn::Type::Array(a) => self.ty(&a.elem),
            syn::Type::Slice(s) => self.ty(&s.elem),
            syn::Type::Paren(p) => self.ty(&p.elem),
            syn::Type::Group(g) => self.ty(&g.elem),
            syn::Type::Ptr(p) => self.ty(&p.elem),
            syn::Type::Tuple(t) => t.elems.iter().for_each(|e| self.ty(e)),
            // A macro's expansion is not known here: bounded as a whole when it mentions
            // a parameter.
            syn::Type::Macro(m) if self.mentions_param(&m.mac.tokens) => {
                self.projection = true;
            }
            _ => {}
        }
    }

    fn mentions_param(&self, tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().any(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) => self.params.contains(&i.to_string()),
            proc_macro2::TokenTree::Group(g) => self.mentions_param(&g.stream()),
            _ => false,
        })
    }
}

/// Tokens for a krate path, for `quote!` use elsewhere.
pub fn krate_path(cont: &Container) -> TokenStream {
    match &cont.attrs.crate_path {
        Some(path) => quote!(#path),
        None => quote!(::objfp),
    }
}
