//! `smol_str` 0.3 (feature `smol_str`, which enables objfp's `alloc`): serde writes
//! `SmolStr` with `self.as_str().serialize(..)` in every format, any text: the primitive
//! `string`, like `String`. It reads a string, or bytes that are UTF-8.
//!
//! Not implemented: `SmolStrBuilder` (no `Serialize`).

use ::smol_str::SmolStr;

primitive! {
    [] SmolStr => String;
}
