//! `TypeFingerprint` for core, alloc and std types, following what serde writes for each
//! (`SPEC.md`, "Standard types"). One file per family; each file's documentation says
//! what serde writes and which types of the family are left out, and why.
//!
//! Std types that serde writes as a struct or an enum take the fingerprint of a private
//! mirror type with that definition (`mirror.rs`), derived like any user type, so that
//! struct and enum encoding lives in one place: the derive.

/// Gives each listed type the fingerprint and description of another type: a wrapper
/// serde sees through (`Box<T>` is `T`) or the mirror of a std type
/// (`Duration` is `mirror::Duration`).
///
/// `[generics] Type => Other;`, with optional attributes (`#[cfg(..)]`) before each item.
macro_rules! same_as {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty => $other:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint =
                <$other as crate::TypeFingerprint>::FINGERPRINT;
            const DESCRIPTION: &'static crate::Description =
                <$other as crate::TypeFingerprint>::DESCRIPTION;
        }
    )*};
}

mod ext;
#[cfg(feature = "alloc")]
mod maps;
mod mirror;
mod net;
mod primitives;
mod sequences;
mod structs;
mod tuples;
mod wrappers;
