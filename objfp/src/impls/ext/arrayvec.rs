//! `arrayvec` 0.7 (feature `arrayvec`): serde writes `ArrayVec<T, CAP>` with
//! `collect_seq`, a sequence of `T` like `Vec<T>`, and `ArrayString<CAP>` with
//! `serialize_str`, a string like `String`. The capacity is not on the wire: reading more
//! than `CAP` items or bytes is an error, not a different shape (as reading 0 into a
//! `NonZeroU32` is).

use ::arrayvec::{ArrayString, ArrayVec};

use crate::TypeFingerprint;

seq! {
    [T: TypeFingerprint, const CAP: usize] ArrayVec<T, CAP> as "ArrayVec" => T;
}

primitive! {
    [const CAP: usize] ArrayString<CAP> => String;
}
