//! Primitives and strings: one `p` node each, named by the serde data model.

use crate::{Description, Fingerprint, Primitive, Shape, TypeFingerprint, encoding};

macro_rules! primitive {
    ($($ty:ty => $prim:ident,)*) => {$(
        impl TypeFingerprint for $ty {
            const FINGERPRINT: Fingerprint = encoding::primitive(Primitive::$prim);
            const DESCRIPTION: &'static Description = &Description {
                name: Primitive::$prim.name(),
                args: &[],
                fingerprint: Self::FINGERPRINT,
                shape: Shape::Primitive(Primitive::$prim),
            };
        }
    )*};
}

primitive! {
    bool => Bool,
    i8 => I8,
    i16 => I16,
    i32 => I32,
    i64 => I64,
    i128 => I128,
    // serde writes `isize`/`usize` as `i64`/`u64` on every target.
    isize => I64,
    u8 => U8,
    u16 => U16,
    u32 => U32,
    u64 => U64,
    u128 => U128,
    usize => U64,
    f32 => F32,
    f64 => F64,
    char => Char,
    str => String,
    () => Unit,
}

#[cfg(feature = "alloc")]
primitive! {
    alloc::string::String => String,
}
