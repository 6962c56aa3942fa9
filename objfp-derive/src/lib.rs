//! `#[derive(TypeFingerprint)]` for objfp. Use it through the `objfp` crate, which
//! re-exports it; this crate's version is pinned by `objfp` so the two never drift.
//!
//! The pipeline, one stage per file:
//! `ast` (read the input and its attributes, via `attr` and `case`) → `valid` (reject
//! what cannot be fingerprinted faithfully) → `recursion` (find recursion groups, rewrite
//! back-references) → `encode` (canonical form and pre-image: the spec in code) →
//! `expand` (tokens, with `bound` for the where-clause). `interface` is the attribute
//! macro for traits; it shares `encode` and `expand`'s pre-image code.

mod ast;
mod attr;
mod bound;
mod case;
mod ctxt;
mod encode;
mod expand;
mod fnpath;
mod helpers;
mod interface;
mod recursion;
mod serde_check;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// See the `objfp` crate's documentation.
// `serde` is a helper attribute too, so that a type with a hand-written `Serialize` can
// still state its serde attributes for the fingerprint.
#[proc_macro_derive(TypeFingerprint, attributes(fingerprint, serde))]
pub fn derive_type_fingerprint(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// See `objfp::Interface`.
#[proc_macro_attribute]
pub fn interface(args: TokenStream, item: TokenStream) -> TokenStream {
    interface::expand(args.into(), item.into()).into()
}

/// See `objfp::interface_of!`.
#[proc_macro]
pub fn interface_of(input: TokenStream) -> TokenStream {
    interface::interface_of(input.into()).into()
}
