//! Maps: serde writes every map type with `collect_map`, a map from `K` to `V` whatever
//! the map's order or hasher, so a `BTreeMap<K, V>` and a `HashMap<K, V>` are one shape.
//! Every map type serde implements `Serialize` for is here; all need `alloc`.

use crate::TypeFingerprint;

map! {
    // serde: `collect_map(self)`.
    [K: TypeFingerprint, V: TypeFingerprint] alloc::collections::BTreeMap<K, V> as "BTreeMap" => K, V;
    // Any hasher: `S` is not on the wire.
    #[cfg(feature = "std")]
    [K: TypeFingerprint, V: TypeFingerprint, S] std::collections::HashMap<K, V, S> as "HashMap" => K, V;
}
