//! `compact_str` 0.10 (feature `compact_str`, which enables objfp's `alloc`): serde writes
//! `CompactString` with `self.as_str().serialize(..)` in every format, any text: the
//! primitive `string`, like `String`. It reads a string, or bytes that are UTF-8.

use ::compact_str::CompactString;

primitive! {
    [] CompactString => String;
}
