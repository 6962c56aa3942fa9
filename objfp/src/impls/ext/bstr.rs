//! `bstr` 1 (feature `bstr`), as its `serde` feature writes it: `BStr` and `BString` with
//! `serialize_bytes` in every format, the `bytes` primitive (not a string: a byte string
//! need not be UTF-8). `BString` reads bytes, a string or a sequence of `u8`; `&BStr`
//! borrows bytes or a string. `BString` needs an allocator: it is covered when objfp's
//! `alloc` is on (which turns on `bstr`'s own `alloc`).

use ::bstr::BStr;
#[cfg(feature = "alloc")]
use ::bstr::BString;

primitive! {
    [] BStr => Bytes;
    #[cfg(feature = "alloc")]
    [] BString => Bytes;
}
