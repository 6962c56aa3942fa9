//! `TypeFingerprint` for the types of third-party crates that wire types commonly hold,
//! one cargo feature per crate, named like the crate (`ordered-float` for
//! `ordered_float`), all off by default (`SPEC.md`, "Third-party types").
//!
//! Each impl follows what the crate's own `Serialize` writes, read from its source at the
//! version the dependency requires; each file says what that is, and which of the crate's
//! types and serde features are left out. The shapes are checked against the crates' real
//! serde output by `tests/tests/ext_impls.rs`.
//!
//! A string whose grammar is fixed by the type (a timestamp, a UUID, a URL, a version,
//! a decimal number) is an opaque node named after the grammar, not the `string`
//! primitive, so that changing a `String` into a `Url`, or a `DateTime<Utc>` into a
//! `NaiveDateTime`, changes the fingerprint; a string that can hold any text
//! (`ArrayString`) is the primitive. The name says what is on the wire, never the crate:
//! two crates writing one grammar share the name.

// Each macro serves some of the features only.
#![allow(unused_macros)]

/// `[generics] Type as "Name" => "grammar";`: an opaque node named after the grammar of
/// the string serde writes, with optional attributes before each item.
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
macro_rules! grammar {
    ($($(#[$attr:meta])* $marker:ident = $grammar:literal;)*) => {$(
        $(#[$attr])*
        pub(crate) struct $marker;
        opaque! { [] $marker as $grammar => $grammar; }
    )*};
}

/// `[generics] Type => Primitive;`: a serde primitive, described like the primitive itself
/// (as `primitives.rs` does).
macro_rules! primitive {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty => $prim:ident;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint =
                crate::encoding::primitive(crate::Primitive::$prim);
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
/// the type's own name.
macro_rules! tuple {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => ($($elem:ty),+);)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint =
                crate::encoding::tuple(&[$(<$elem as crate::TypeFingerprint>::FINGERPRINT),+]);
            const DESCRIPTION: &'static crate::Description = &crate::Description {
                name: $name,
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: crate::Shape::Tuple(&[$(crate::__private::describe::<$elem>),+]),
            };
        }
    )*};
}

/// `[generics] Type as "Name" => Item;`: a sequence of `Item`.
macro_rules! seq {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => $item:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint =
                crate::encoding::seq(<$item as crate::TypeFingerprint>::FINGERPRINT);
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
macro_rules! map {
    ($($(#[$attr:meta])* [$($generics:tt)*] $ty:ty as $name:literal => $key:ty, $value:ty;)*) => {$(
        $(#[$attr])*
        impl<$($generics)*> crate::TypeFingerprint for $ty {
            const FINGERPRINT: crate::Fingerprint = crate::encoding::map(
                <$key as crate::TypeFingerprint>::FINGERPRINT,
                <$value as crate::TypeFingerprint>::FINGERPRINT,
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

/// The `bytes` primitive (what `serialize_bytes` writes), for the compact half of an `h`
/// node.
#[cfg(feature = "uuid")]
pub(crate) struct SerdeBytes;

primitive! {
    #[cfg(feature = "uuid")]
    [] SerdeBytes => Bytes;
}

#[cfg(feature = "arrayvec")]
mod arrayvec;
#[cfg(feature = "bigdecimal")]
mod bigdecimal;
#[cfg(feature = "bytes")]
mod bytes;
#[cfg(feature = "chrono")]
mod chrono;
#[cfg(feature = "hashbrown")]
mod hashbrown;
#[cfg(feature = "indexmap")]
mod indexmap;
#[cfg(feature = "ipnet")]
mod ipnet;
#[cfg(feature = "ordered-float")]
mod ordered_float;
#[cfg(feature = "rust_decimal")]
mod rust_decimal;
#[cfg(feature = "semver")]
mod semver;
#[cfg(feature = "serde_json")]
mod serde_json;
#[cfg(feature = "smallvec")]
mod smallvec;
#[cfg(feature = "time")]
mod time;
#[cfg(feature = "url")]
mod url;
#[cfg(feature = "uuid")]
mod uuid;
