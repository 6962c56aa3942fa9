//! `#[objfp::interface]`: reads a trait's items and emits its interface description, with
//! its fingerprint, as a hidden `const` *of the same name as the trait*. A trait lives in
//! the type namespace and the const in the value namespace, so they do not clash, and every
//! path or `use` that reaches the trait reaches the const too: spelling does not matter.
//!
//! The pipeline, one stage per file: `parse` (the trait's items as written, with a small
//! parser of its own: only signatures matter, and syn's `full` feature would make syn
//! slower to build for every user) → `canon` (the canonical form of SPEC.md §12: sorted
//! items, receivers by meaning, types rewritten for use outside the trait) → `encode` (the
//! pre-image bytes) → `expand` (tokens). `cfg` turns `#[cfg]`/`#[cfg_attr]` into the
//! predicates the generated parts carry. The trait's tokens are passed through unchanged.

mod canon;
mod cfg;
mod encode;
mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::{ParseStream, Parser};

use crate::ctxt::Ctxt;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::default();
    let krate = parse_args(&cx, args);
    // The header first, alone: with the trait's name known, errors in the body still
    // come with a stand-in const, so that uses of the interface elsewhere compile.
    let header = (|input: ParseStream| {
        let header = parse::parse_header(input)?;
        input.parse::<TokenStream>()?;
        Ok(header)
    })
    .parse2(item.clone());
    let generated = match header {
        Err(err) => {
            cx.syn_error(err);
            TokenStream::new()
        }
        Ok(header) => {
            let def = (|input: ParseStream| {
                parse::parse_header(input)?;
                parse::parse_rest(input)
            })
            .parse2(item.clone());
            match def {
                Ok(def) => {
                    let iface = canon::canonical(&cx, &krate, &def);
                    if cx.has_errors() {
                        expand::fallback(&krate, &header)
                    } else {
                        expand::generate(&krate, &header, &iface)
                    }
                }
                Err(err) => {
                    cx.syn_error(err);
                    expand::fallback(&krate, &header)
                }
            }
        }
    };
    let errors = match cx.check() {
        Ok(()) => TokenStream::new(),
        Err(err) => err.to_compile_error(),
    };
    quote!(#item #generated #errors)
}

/// `interface_of!(path::Trait)`: the trait's `&'static InterfaceDescription`. Lifetime
/// arguments (`Parser<'static>`) are dropped: the interface does not depend on them.
pub fn interface_of(input: TokenStream) -> TokenStream {
    match syn::parse2::<syn::Path>(input) {
        Ok(mut path) => {
            for seg in &mut path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &seg.arguments
                    && args
                        .args
                        .iter()
                        .all(|a| matches!(a, syn::GenericArgument::Lifetime(_)))
                {
                    seg.arguments = syn::PathArguments::None;
                }
            }
            quote!(::objfp::__private::interface_of(#path))
        }
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
