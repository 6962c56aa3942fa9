//! `#[derive(TypeFingerprint)]` for objfp. Use it through the `objfp` crate, which
//! re-exports it; this crate's version is pinned by `objfp` so the two never drift.
//!
//! The pipeline, one stage per file:
//! `ast` (read the input and its attributes, via `attr` and `case`) → `valid` (reject
//! what cannot be fingerprinted faithfully) → `recursion` (find recursion groups, rewrite
//! back-references) → `encode` (canonical form and pre-image: the spec in code) →
//! `expand` (tokens, with `bound` for the where-clause).

mod ast;
mod attr;
mod bound;
mod case;
mod ctxt;
mod encode;
mod expand;
mod recursion;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// See the `objfp` crate's documentation.
#[proc_macro_derive(TypeFingerprint, attributes(fingerprint))]
pub fn derive_type_fingerprint(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
