//! Integration tests live in `tests/`.
//!
//! The README's code blocks are compiled and run as doctests of this crate, which has the
//! serializer helper crates they use (serde_with, serde_bytes, serde_json) among its
//! dependencies.

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
