//! `heapless` 0.9 (feature `heapless`), as its `serde` feature writes it. heapless 0.9
//! implements serde for the storage-generic `*Inner` types, so each impl below covers the
//! owned type (`Vec<T, N, LenT>`) and its unsized view (`VecView<T, LenT>`) alike:
//!
//! | type | serde writes | shape |
//! |---|---|---|
//! | `String<N, LenT>`, `StringView<LenT>` | `serialize_str` | primitive `string` |
//! | `Vec<T, N, LenT>`, `VecView<T, LenT>` | `serialize_seq` of the items | sequence of `T` |
//! | `Deque<T, N>`, `DequeView<T>` | `serialize_seq`, front to back | sequence of `T` |
//! | `HistoryBuf<T, N>`, `HistoryBufView<T>` | `serialize_seq`, oldest first | sequence of `T` |
//! | `BinaryHeap<T, K, N>`, `BinaryHeapView<T, K>` | `serialize_seq`, in storage order | sequence of `T` |
//! | `IndexSet<T, S, N>` (`FnvIndexSet<T, N>`) | `serialize_seq`, in insertion order | sequence of `T` |
//! | `IndexMap<K, V, S, N>` (`FnvIndexMap<K, V, N>`) | `serialize_map`, in insertion order | map `K` → `V` |
//! | `LinearMap<K, V, N>`, `LinearMapView<K, V>` | `serialize_map` | map `K` → `V` |
//!
//! The capacity `N`, the length type `LenT`, the heap kind `K` (`Max`, `Min`) and the
//! hasher `S` are not on the wire: reading more than `N` items is an error, not a
//! different shape. heapless 0.8 and older are other crates and are not covered.
//!
//! Not implemented: `CString`, `spsc::Queue`, `mpmc` queues, `SortedLinkedList` and the
//! pools (no `Serialize`).

use ::heapless::binary_heap::BinaryHeapInner;
use ::heapless::deque::DequeInner;
use ::heapless::history_buf::{HistoryBufInner, HistoryBufStorage};
use ::heapless::linear_map::{LinearMapInner, LinearMapStorage};
use ::heapless::string::{StringInner, StringStorage};
use ::heapless::vec::{VecInner, VecStorage};
use ::heapless::{IndexMap, IndexSet, LenType};

use crate::TypeFingerprint;

primitive! {
    [LenT: LenType, S: StringStorage + ?Sized] StringInner<LenT, S> => String;
}

seq! {
    [T: TypeFingerprint, LenT: LenType, S: VecStorage<T> + ?Sized]
        VecInner<T, LenT, S> as "Vec" => T;
    [T: TypeFingerprint, S: VecStorage<T> + ?Sized] DequeInner<T, S> as "Deque" => T;
    [T: TypeFingerprint, S: HistoryBufStorage<T> + ?Sized]
        HistoryBufInner<T, S> as "HistoryBuf" => T;
    [T: TypeFingerprint, K, S: VecStorage<T> + ?Sized]
        BinaryHeapInner<T, K, S> as "BinaryHeap" => T;
    [T: TypeFingerprint, S, const N: usize] IndexSet<T, S, N> as "IndexSet" => T;
}

map! {
    [K: TypeFingerprint, V: TypeFingerprint, S, const N: usize]
        IndexMap<K, V, S, N> as "IndexMap" => K, V;
    [K: TypeFingerprint, V: TypeFingerprint, S: LinearMapStorage<K, V> + ?Sized]
        LinearMapInner<K, V, S> as "LinearMap" => K, V;
}
