//! Tuples and fixed-length arrays: serde writes both with `serialize_tuple(len)`.
//!
//! Tuples get a tuple node of their element fingerprints, arity 1 to 16 like serde's
//! impls. `(T,)` is a 1-tuple on the wire, not a `T`, so it is not transparent; `()` is
//! serde's unit, a primitive (`primitives.rs`).
//!
//! Arrays get an array node, `[T; N]` as length and item, rather than the N-tuple serde
//! writes: hashing an N-element tuple at compile time costs O(N) (a `[u8; 4096]` would
//! take seconds), the array node O(1). So `[u8; 2]` and `(u8, u8)` have different
//! fingerprints although they are one shape on the wire, and so do `[u8; 0]` and
//! `[u16; 0]` (`SPEC.md`, "Deliberate differences from serde's data model"). serde
//! implements arrays up to length 32; objfp implements every length, so a
//! `#[serde(with = ..)]` field holding a longer array (which such helpers write as an
//! N-tuple) can be fingerprinted with `#[fingerprint(as = "[T; N]")]`.
//!
//! Not implemented: tuples of more than 16 elements, which serde does not implement.

use crate::__private::describe;
use crate::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

// serde: `serialize_tuple(N)`, then each element.
impl<T: TypeFingerprint, const N: usize> TypeFingerprint for [T; N] {
    const FINGERPRINT: Fingerprint = encoding::array(N as u64, T::FINGERPRINT);
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
    ($(($($elem:ident)+))*) => {$(
        // serde: `serialize_tuple(arity)`, then each element in order.
        impl<$($elem: TypeFingerprint),+> TypeFingerprint for ($($elem,)+) {
            const FINGERPRINT: Fingerprint = encoding::tuple(&[$($elem::FINGERPRINT),+]);
            const DESCRIPTION: &'static Description = &Description {
                name: "tuple",
                args: &[$(describe::<$elem>),+],
                fingerprint: Self::FINGERPRINT,
                shape: Shape::Tuple(&[$(describe::<$elem>),+]),
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
