//! Tuples and fixed-length arrays: serde writes both with `serialize_tuple(len)`.
//!
//! `[T; N]` is the type expression `a N T`, of constant size whatever `N` (serde implements
//! arrays up to length 32; objfp implements every length, so a `#[serde(with = ..)]` field
//! holding a longer array, which such helpers write as an N-tuple, can be fingerprinted
//! with `#[fingerprint(as = "[T; N]")]`).
//!
//! Tuples get arity 1 to 16 like serde's impls. A tuple whose elements are all one type is
//! the array of that type, as on the wire: `(u8, u8)` is `[u8; 2]` and `(T,)` is `[T; 1]`
//! (the comparison is of type expressions, so `(u32, core::primitive::u32)` is uniform
//! too). Other tuples are `t n T1 .. Tn`. `()` is serde's unit, a primitive
//! (`primitives.rs`). `[T; 0]` keeps `T` although serde writes an empty tuple whatever `T`
//! is: a change of `T` is reported, never hidden.
//!
//! Not implemented: tuples of more than 16 elements, which serde does not implement.

use crate::__private::describe;
use crate::encoding::TypeExpr;
use crate::{Description, Fingerprint, Shape, TypeFingerprint};

// serde: `serialize_tuple(N)`, then each element.
impl<T: TypeFingerprint, const N: usize> TypeFingerprint for [T; N] {
    const FINGERPRINT: Fingerprint = Self::TYPE_EXPR.fingerprint();
    const TYPE_EXPR: TypeExpr = TypeExpr::array(N as u64, T::TYPE_EXPR);
    const DESCRIPTION: &'static Description = &Description {
        name: "array",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Array {
            len: N as u64,
            item: describe::<T>,
        },
    };
}

macro_rules! tuple_arities {
    ($(($first:ident $($elem:ident)*))*) => {$(
        // serde: `serialize_tuple(arity)`, then each element in order.
        impl<$first: TypeFingerprint $(, $elem: TypeFingerprint)*> TypeFingerprint for ($first, $($elem,)*) {
            const FINGERPRINT: Fingerprint = Self::TYPE_EXPR.fingerprint();
            const TYPE_EXPR: TypeExpr = TypeExpr::tuple(&[$first::TYPE_EXPR $(, $elem::TYPE_EXPR)*]);
            const DESCRIPTION: &'static Description = if crate::__private::is_array(&Self::TYPE_EXPR) {
                &Description {
                    name: "tuple",
                    args: &[describe::<$first> $(, describe::<$elem>)*],
                    fingerprint: Self::FINGERPRINT,
                    shape: Shape::Array {
                        len: 1 $(+ crate::__private::one::<$elem>())*,
                        item: describe::<$first>,
                    },
                }
            } else {
                &Description {
                    name: "tuple",
                    args: &[describe::<$first> $(, describe::<$elem>)*],
                    fingerprint: Self::FINGERPRINT,
                    shape: Shape::Tuple(&[describe::<$first> $(, describe::<$elem>)*]),
                }
            };
        }
    )*};
}

tuple_arities! {
    (T0)
    (T0 T1)
    (T0 T1 T2)
    (T0 T1 T2 T3)
    (T0 T1 T2 T3 T4)
    (T0 T1 T2 T3 T4 T5)
    (T0 T1 T2 T3 T4 T5 T6)
    (T0 T1 T2 T3 T4 T5 T6 T7)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14)
    (T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15)
}
