//! Maps: serde writes every map type with `collect_map`, a map from `K` to `V` whatever
//! the map's order or hasher, so a `BTreeMap<K, V>` and a `HashMap<K, V>` are one shape.
//! Every map type serde implements `Serialize` for is here; all need `alloc`.

use crate::__private::describe;
use crate::{Description, Fingerprint, Shape, TypeFingerprint, encoding};

/// `[generics] name => Type;`: a map from `K` to `V`, with optional attributes first.
macro_rules! map {
    ($($(#[$attr:meta])* [$($generics:tt)*] $name:literal => $ty:ty;)*) => {$(
        $(#[$attr])*
        impl<K: TypeFingerprint, V: TypeFingerprint, $($generics)*> TypeFingerprint for $ty {
            const FINGERPRINT: Fingerprint = encoding::map(K::FINGERPRINT, V::FINGERPRINT);
            const DESCRIPTION: &'static Description = &Description {
                name: $name,
                args: &[describe::<K>, describe::<V>],
                fingerprint: Self::FINGERPRINT,
                shape: Shape::Map {
                    key: describe::<K>,
                    value: describe::<V>,
                },
            };
        }
    )*};
}

map! {
    // serde: `collect_map(self)`.
    [] "BTreeMap" => alloc::collections::BTreeMap<K, V>;
    // Any hasher: `S` is not on the wire.
    #[cfg(feature = "std")]
    [S] "HashMap" => std::collections::HashMap<K, V, S>;
}
