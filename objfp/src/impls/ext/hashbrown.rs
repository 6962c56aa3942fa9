//! `hashbrown` 0.17 (feature `hashbrown`), as its `serde` feature writes it: `HashMap` with
//! `collect_map`, `HashSet` with `collect_seq`, like the std types of the same names. The
//! hasher `S` is not on the wire. Other major versions of `hashbrown` are other crates and
//! are not covered.
//!
//! Only the global allocator is covered: the `A: Allocator` bound of hashbrown 0.17's
//! types names a private trait unless its `nightly` or `allocator-api2` feature is on.
//! `HashTable` has no `Serialize`.

use ::hashbrown::{HashMap, HashSet};

use crate::TypeFingerprint;

map! {
    [K: TypeFingerprint, V: TypeFingerprint, S] HashMap<K, V, S> as "HashMap" => K, V;
}

seq! {
    [T: TypeFingerprint, S] HashSet<T, S> as "HashSet" => T;
}
