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

#[cfg(test)]
mod tests {
    use super::*;

    /// A trait with every form the macro reads.
    const TRAIT: &str = r#"
        #[doc = concat!("a", "b")]
        pub unsafe trait Session<'a>: Bound<{ 1 }> + 'a where Self: 'a {
            #![allow(unused)]
            type Error: std::error::Error = ();
            #[cfg_attr(test, cfg(unix))]
            const NAME: &'a str = "x";
            fn open(name: &'a str, #[cfg(any())] extra: u8) -> Self where Self: Sized;
            fn label<'b>(self: &'b Self) -> &'b str { "" }
            async fn merge(&mut self, (a, b): (u8, u8), other: &Self) -> Vec<Self>;
            fn close(self: std::pin::Pin<Box<Self>>) -> impl Future<Output = u64> + Send;
            unsafe extern "C" fn r#finish(#[cfg(unix)] self) where Self: Sized {}
            fn each(&self, f: &dyn for<'x> Fn(&'x str)) -> [u8; 4];
        }
    "#;

    fn run(src: &str) -> Option<String> {
        let item: TokenStream = src.parse().ok()?;
        Some(expand(TokenStream::new(), item).to_string())
    }

    #[test]
    fn the_full_trait_expands_without_errors() {
        let out = run(TRAIT).expect("lexes");
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("cfg_fingerprint"), "{out}");
    }

    /// Every prefix of the trait that still lexes, and the trait with each single token
    /// removed: errors or output, never a panic.
    #[test]
    fn malformed_traits_are_errors_not_panics() {
        for end in (0..=TRAIT.len()).filter(|&i| TRAIT.is_char_boundary(i)) {
            let _ = run(&TRAIT[..end]);
        }
        let words: Vec<&str> = TRAIT
            .split_inclusive([' ', '(', ')', '<', '>', ',', ';'])
            .collect();
        for skip in 0..words.len() {
            let src: String = words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, w)| *w)
                .collect();
            let _ = run(&src);
        }
        for src in [
            "",
            "trait",
            "trait T",
            "struct S;",
            "trait T { fn }",
            "trait T { fn f(self: ) ; }",
            "trait T { fn f(&self) -> ; }",
            "trait T { fn f(&self) }",
            "trait T { type ; }",
            "trait T { const X; }",
            "trait T { #[cfg_attr(, cfg())] fn f(); }",
            "trait T { fn f(self: (Self,)); fn g(self: Box<Self, 3>); fn h(x: [u8; Self::N]); }",
            "trait T { fn f() -> m!(Self); fn g() -> m!(&'a u8); fn h(x: <Self as X>::Y); }",
        ] {
            let _ = run(src);
        }
    }
}
