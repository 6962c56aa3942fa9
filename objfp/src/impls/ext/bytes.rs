//! `bytes` (feature `bytes`): serde writes `Bytes` and `BytesMut` with
//! `serialize_bytes(&self)` in every format, the `bytes` primitive (not a sequence of
//! `u8`: JSON happens to write both as an array of numbers, but CBOR, MessagePack and
//! serde's data model tell them apart). Both read from bytes, a string or a sequence.
//!
//! Not implemented: `Buf`/`BufMut` adapters (no `Serialize`).

use ::bytes::{Bytes, BytesMut};

primitive! {
    [] Bytes => Bytes;
    [] BytesMut => Bytes;
}
