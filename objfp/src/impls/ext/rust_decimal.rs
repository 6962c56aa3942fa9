//! `rust_decimal` (feature `rust_decimal`), as its `serde` feature writes `Decimal` by
//! default: `serialize_str` in every format, in plain decimal notation that keeps the
//! scale (`"1.50"`, never an exponent). It reads a string (plain or scientific notation),
//! an integer or a float. The opaque node `"decimal-string"`, shared with `bigdecimal`'s
//! `BigDecimal`, which writes the same grammar.
//!
//! Not covered: the `rust_decimal` features that change what `Decimal` writes, which objfp
//! cannot see (any crate in the build can enable them):
//! - `serde-float` writes `serialize_f64` (with `serde-arbitrary-precision` too, a
//!   serde_json arbitrary-precision number): the `f64` primitive, not this node;
//! - `serde-str` and `serde-arbitrary-precision` alone change only what is read.
//!
//! The `rust_decimal::serde::{float, str, arbitrary_precision}` field helpers write a
//! float, a string and a number: annotate such a field with `#[fingerprint(as = "f64")]`
//! or the node above.

use ::rust_decimal::Decimal;

opaque! {
    [] Decimal as "Decimal" => "decimal-string";
}
