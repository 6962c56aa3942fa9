//! `indexmap` (feature `indexmap`), as its `serde` feature writes it: `IndexMap` with
//! `collect_map` (a map, like `HashMap`: the entries' order is written but is not part of
//! the shape), `IndexSet` with `collect_seq` (a sequence, like `HashSet`). The hasher `S`
//! is not on the wire.
//!
//! The slices `map::Slice<K, V>` and `set::Slice<T>` (behind `Box`, `&`) are written with
//! `collect_seq`: a `set::Slice<T>` is a sequence of `T`, and a `map::Slice<K, V>` is a
//! sequence of `(K, V)` tuples, **not** a map. The `indexmap::map::serde_seq` field helper
//! writes an `IndexMap` the same way: annotate such a field with
//! `#[fingerprint(as = "Vec<(K, V)>")]`.

use ::indexmap::{IndexMap, IndexSet, map, set};

use crate::TypeFingerprint;

map! {
    [K: TypeFingerprint, V: TypeFingerprint, S] IndexMap<K, V, S> as "IndexMap" => K, V;
}

seq! {
    [T: TypeFingerprint, S] IndexSet<T, S> as "IndexSet" => T;
    [T: TypeFingerprint] set::Slice<T> as "Slice" => T;
    [K: TypeFingerprint, V: TypeFingerprint] map::Slice<K, V> as "Slice" => (K, V);
}
