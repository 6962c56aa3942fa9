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
use crate::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

impl<T: TypeFingerprint> TypeFingerprint for Option<T> {
    const FINGERPRINT: Fingerprint = encoding::option(T::FINGERPRINT);
    const DESCRIPTION: &'static Description = &Description {
        name: "Option",
        args: &[describe::<T>],
        fingerprint: Self::FINGERPRINT,
        shape: Shape::Option(describe::<T>),
    };
}

/// `[generics] name => Type;`: a sequence of `T`, with optional attributes first.
macro_rules! seq {
    ($($(#[$attr:meta])* [$($generics:tt)*] $name:literal => $ty:ty;)*) => {$(
        $(#[$attr])*
        impl<T: TypeFingerprint, $($generics)*> TypeFingerprint for $ty {
            const FINGERPRINT: Fingerprint = encoding::seq(T::FINGERPRINT);
            const DESCRIPTION: &'static Description = &Description {
                name: $name,
                args: &[describe::<T>],
                fingerprint: Self::FINGERPRINT,
                shape: Shape::Seq(describe::<T>),
            };
        }
    )*};
}

seq! {
    // serde: `collect_seq(self)`.
    [] "[]" => [T];
    #[cfg(feature = "alloc")]
    [] "Vec" => alloc::vec::Vec<T>;
    #[cfg(feature = "alloc")]
    [] "VecDeque" => alloc::collections::VecDeque<T>;
    #[cfg(feature = "alloc")]
    [] "LinkedList" => alloc::collections::LinkedList<T>;
    // In the heap's internal order, not sorted.
    #[cfg(feature = "alloc")]
    [] "BinaryHeap" => alloc::collections::BinaryHeap<T>;
    #[cfg(feature = "alloc")]
    [] "BTreeSet" => alloc::collections::BTreeSet<T>;
    // Any hasher: `S` is not on the wire.
    #[cfg(feature = "std")]
    [S] "HashSet" => std::collections::HashSet<T, S>;
}
