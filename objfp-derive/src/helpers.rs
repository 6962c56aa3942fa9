//! Well-known serializer helpers: `#[serde(with = "...")]`, `serialize_with` and
//! `deserialize_with` naming a helper whose written shape is fixed and public
//! (`serde_bytes`, `chrono::serde::ts_seconds`, `serde_with::As::<DisplayFromStr>`, ...)
//! need no annotation: each maps to a type whose fingerprint is what the helper writes
//! (SPEC.md §10b). A helper whose output means something the bare shape does not say
//! (seconds since the epoch) maps to a named shape.
//!
//! An unknown helper is `None`: the field then needs `#[fingerprint(as | opaque)]`.

use proc_macro2::TokenStream;

use crate::fnpath::FnPath;

/// Which half of a helper is used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Side {
    /// What the helper writes (`with` or `serialize_with`).
    Serialize,
    /// What the helper reads (`with` or `deserialize_with`).
    Deserialize,
}

/// The type whose fingerprint is the shape a helper writes (or reads) for a field of type
/// `field_ty`; `krate` is the path of the objfp crate for the marker types. `None` when the
/// helper is not known; an error when it is known but cannot apply to this field (an
/// adapter that does not fit the field's type).
pub fn resolve(
    path: &FnPath,
    side: Side,
    field_ty: &syn::Type,
    krate: &TokenStream,
) -> Option<syn::Result<syn::Type>> {
    let _ = (path, side, field_ty, krate);
    None
}
