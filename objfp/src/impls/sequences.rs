//! Options and variable-length sequences.
//!
//! serde writes `Option<T>` with `serialize_some`/`serialize_none`, and every collection
//! below with `collect_seq`: a sequence of its items, whatever the collection's order or
//! hasher. So a `Vec<T>`, a `[T]`, a `VecDeque<T>` and a `HashSet<T>` are one shape, as
//! they are on the wire.
//!
//! Fixed-length arrays are tuples in serde's model: see `tuples.rs`. `Box<[T]>` is `[T]`
//! (see `wrappers.rs`). Every collection serde implements `Serialize` for is here.

use crate::__private::describe;
use crate::encoding::TypeExpr;
use crate::{Description, Fingerprint, Shape, TypeFingerprint};

impl<T: TypeFingerprint> TypeFingerprint for Option<T> {
    const FINGERPRINT: Fingerprint = Self::TYPE_EXPR.fingerprint();
    const TYPE_EXPR: TypeExpr = TypeExpr::option(T::TYPE_EXPR);
    const DESCRIPTION: &'static Description = &Description {
        name: "Option",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Option(describe::<T>),
    };
}

seq! {
    // serde: `collect_seq(self)`.
    [T: TypeFingerprint] [T] as "[]" => T;
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint] alloc::vec::Vec<T> as "Vec" => T;
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint] alloc::collections::VecDeque<T> as "VecDeque" => T;
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint] alloc::collections::LinkedList<T> as "LinkedList" => T;
    // In the heap's internal order, not sorted.
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint] alloc::collections::BinaryHeap<T> as "BinaryHeap" => T;
    #[cfg(feature = "alloc")]
    [T: TypeFingerprint] alloc::collections::BTreeSet<T> as "BTreeSet" => T;
    // Any hasher: `S` is not on the wire.
    #[cfg(feature = "std")]
    [T: TypeFingerprint, S] std::collections::HashSet<T, S> as "HashSet" => T;
}
