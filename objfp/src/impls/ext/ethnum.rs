//! `ethnum` 1.5 (feature `ethnum`), as its `serde` feature writes `U256` and `I256` by
//! default: `serialize_str` in every format, lower-case hexadecimal with a `0x` prefix and
//! no leading zeros (`"0x2a"`, `"0x0"`), and for a negative `I256` a `-` before the prefix
//! (`"-0x2a"`). Each reads only a hex string with the `0x` prefix (an optional `+`, a `-`
//! only for `I256`, any case of the digits): the opaque nodes `"0x-hex-unsigned-integer"`
//! and `"0x-hex-signed-integer"`. They are two grammars because `U256` does not read what
//! `I256` may write. The width (256 bits) is a range, not part of the grammar.
//!
//! The `ethnum::serde::{decimal, prefixed, permissive, bytes, compressed_bytes}` field
//! helpers write a decimal string, a string, a string, and bytes: annotate such a field
//! with `#[fingerprint(as = "..")]` or `#[fingerprint(opaque = "..")]`.

use ::ethnum::{I256, U256};

opaque! {
    [] U256 as "U256" => "0x-hex-unsigned-integer";
    [] I256 as "I256" => "0x-hex-signed-integer";
}
