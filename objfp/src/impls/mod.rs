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
            const TYPE_EXPR: crate::encoding::TypeExpr =
                <$other as crate::TypeFingerprint>::TYPE_EXPR;
        }
    )*};
}

// Shape macros shared by the std and third-party impls: each writes the impl of one node
// kind, with the description under the type's own name.

/// `[generics] Type as "Name" => "grammar";`: an opaque node named after the grammar of
/// the string serde writes, with optional attributes before each item.
#[allow(unused_macros)]
macro_rules! opaque {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => $grammar:literal;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = crate::encoding::opaque($grammar);
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: $name,
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Opaque($grammar),
            };
        }
    )*};
}

/// `Marker = "grammar";`: a private type standing for a string grammar, for the human-
/// readable half of an `h` node (its description needs a type to point at).
#[allow(unused_macros)]
macro_rules! grammar {
    ($($(#[$attr:meta])* $marker:ident = $grammar:literal;)*) => {$(
        $(#[$attr])*
        pub(crate) struct $marker;
        opaque! { [] $marker as $grammar => $grammar; }
    )*};
}

/// `[generics] Type => Primitive;`: a serde primitive, described like the primitive itself
/// (as `primitives.rs` does).
#[allow(unused_macros)]
macro_rules! primitive {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty => $prim:ident;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = Self::TYPE_EXPR.fingerprint();
            const TYPE_EXPR: crate::encoding::TypeExpr =
                crate::encoding::TypeExpr::primitive(crate::Primitive::$prim);
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: crate::Primitive::$prim.name(),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Primitive(crate::Primitive::$prim),
            };
        }
    )*};
}

/// `[generics] Type as "Name": Human => Compact;`: an `h` node of the two forms.
#[allow(unused_macros)]
macro_rules! readable {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal: $human:ty => $compact:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = crate::encoding::readable(
                <$human as crate::TypeFingerprint>::FINGERPRINT,
                <$compact as crate::TypeFingerprint>::FINGERPRINT,
            );
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: $name,
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Readable {
                    human: crate::__private::describe::<$human>,
                    compact: crate::__private::describe::<$compact>,
                },
            };
        }
    )*};
}

/// `[generics] Type as "Name" => (T1, T2, ...);`: the tuple serde writes, described under
/// the type's own name (as the array of the first element when all are one type, like
/// every tuple: `SPEC.md` §5).
#[allow(unused_macros)]
macro_rules! tuple {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => ($first:ty $(, $elem:ty)*);)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = Self::TYPE_EXPR.fingerprint();
            const TYPE_EXPR: crate::encoding::TypeExpr = crate::encoding::TypeExpr::tuple(&[
                <$first as crate::TypeFingerprint>::TYPE_EXPR,
                $(<$elem as crate::TypeFingerprint>::TYPE_EXPR),*
            ]);
            const DESCRIPTION: &'static crate::Description = if crate::__private::is_array(&Self::TYPE_EXPR) {
                &crate::Description {
                    name: $name,
                    args: &[],
                    fingerprint: Self::FINGERPRINT,
                    shape: crate::Shape::Array {
                        len: 1 $(+ crate::__private::one::<$elem>())*,
                        item: crate::__private::describe::<$first>,
                    },
                }
            } else {
                &crate::Description {
                    name: $name,
                    args: &[],
                    fingerprint: Self::FINGERPRINT,
                    shape: crate::Shape::Tuple(&[
                        crate::__private::describe::<$first>,
                        $(crate::__private::describe::<$elem>),*
                    ]),
                }
            };
        }
    )*};
}

/// `[generics] Type as "Name" => Item;`: a sequence of `Item`.
#[allow(unused_macros)]
macro_rules! seq {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => $item:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = Self::TYPE_EXPR.fingerprint();
            const TYPE_EXPR: crate::encoding::TypeExpr = crate::encoding::TypeExpr::seq(
                <$item as crate::TypeFingerprint>::TYPE_EXPR,
            );
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: $name,
                args: &[crate::__private::describe::<$item>],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Seq(crate::__private::describe::<$item>),
            };
        }
    )*};
}

/// `[generics] Type as "Name" => Key, Value;`: a map.
#[allow(unused_macros)]
macro_rules! map {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => $key:ty, $value:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = Self::TYPE_EXPR.fingerprint();
            const TYPE_EXPR: crate::encoding::TypeExpr = crate::encoding::TypeExpr::map(
                <$key as crate::TypeFingerprint>::TYPE_EXPR,
                <$value as crate::TypeFingerprint>::TYPE_EXPR,
            );
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: $name,
                args: &[
                    crate::__private::describe::<$key>,
                    crate::__private::describe::<$value>,
                ],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Map {
                    key: crate::__private::describe::<$key>,
                    value: crate::__private::describe::<$value>,
                },
            };
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
