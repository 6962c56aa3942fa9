//! `serde_bytes` 0.11 (feature `serde_bytes`): serde writes `ByteBuf`, `Bytes` and
//! `ByteArray<N>` with `serialize_bytes` in every format, the `bytes` primitive (not a
//! sequence of `u8`). They read bytes, a string or a sequence of `u8`. `ByteArray<N>` reads
//! exactly `N` bytes: a length, not part of the shape. `ByteBuf` needs an allocator: it is
//! covered when objfp's `alloc` is on (which turns on `serde_bytes`'s own `alloc`).
//!
//! The `#[serde(with = "serde_bytes")]` field helper writes a `Vec<u8>`, `[u8]` or
//! `[u8; N]` field the same way: annotate such a field with
//! `#[fingerprint(as = "serde_bytes::ByteBuf")]`.

#[cfg(feature = "alloc")]
use ::serde_bytes::ByteBuf;
use ::serde_bytes::{ByteArray, Bytes};

primitive! {
    #[cfg(feature = "alloc")]
    [] ByteBuf => Bytes;
    [] Bytes => Bytes;
    [const N: usize] ByteArray<N> => Bytes;
}
