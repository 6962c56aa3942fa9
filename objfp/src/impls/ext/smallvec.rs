//! `smallvec` 1 (feature `smallvec`): serde writes `SmallVec<[T; N]>` with
//! `serialize_seq`, a sequence of `T` like `Vec<T>` (the inline capacity `N` is not on the
//! wire).

use ::smallvec::{Array, SmallVec};

use crate::TypeFingerprint;

seq! {
    [A: Array<Item: TypeFingerprint>] SmallVec<A> as "SmallVec" => A::Item;
}
